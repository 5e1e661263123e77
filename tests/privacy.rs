//! Privacy: no draft or profile words in any message, private files under any umask,
//! no network code, no core dumps.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

/// A sentence that must never leave the files it was written into.
const CANARY: &str = "CanaryQuokka my brother's illness in Lagos";

fn run(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flagdraft"))
        .args(args)
        .env("FLAGDRAFT_DATA_DIR", data)
        .env("FLAGDRAFT_CONFIG_DIR", data.join("cfg"))
        .output()
        .unwrap()
}

fn messages(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn no_message_repeats_the_applicants_words() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    assert!(run(&data, &["init", "--demo"]).status.success());
    assert!(run(&data, &["drafts"]).status.success());
    let drafts: Vec<_> = fs::read_dir(data.join("drafts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let mut seen = String::new();

    // A draft whose text holds the canary, then broken right after it.
    let text = fs::read_to_string(&drafts[0]).unwrap();
    let broken = text.replacen(
        "parts: {",
        &format!("parts: {{ \"reason\": \"{CANARY}\", 42: "),
        1,
    );
    fs::write(&drafts[0], &broken).unwrap();
    for args in [&["drafts"][..], &["export", "--all"], &["detect"]] {
        seen.push_str(&messages(&run(&data, args)));
    }
    // The wrong type where the canary sits.
    fs::write(
        &drafts[0],
        text.replacen("version: 1,", &format!("version: \"{CANARY}\","), 1),
    )
    .unwrap();
    seen.push_str(&messages(&run(&data, &["drafts"])));

    // A profile whose name holds the canary, with a mistake after it.
    let profile = data.join("profile.ron");
    let p = fs::read_to_string(&profile).unwrap();
    fs::write(
        &profile,
        p.replacen(
            "name: Some(\"Nadia Rahmé\")",
            &format!("name: Some(\"{CANARY}\"), name2: 1"),
            1,
        ),
    )
    .unwrap();
    seen.push_str(&messages(&run(&data, &["detect"])));
    fs::write(
        &profile,
        p.replacen(
            "graduation: \"2018-07\"",
            &format!("graduation: \"{CANARY}\""),
            1,
        ),
    )
    .unwrap();
    seen.push_str(&messages(&run(&data, &["detect"])));
    fs::write(
        &profile,
        p.replacen(
            "application_year: 2026",
            &format!("application_year: \"{CANARY}\""),
            1,
        ),
    )
    .unwrap();
    seen.push_str(&messages(&run(&data, &["detect"])));

    // The coach on a file holding the canary prints findings to stdout, not errors.
    let file = tmp.path().join("text.txt");
    fs::write(&file, format!("{CANARY}\u{1b}[31m")).unwrap();
    seen.push_str(&messages(&run(&data, &["check", file.to_str().unwrap()])));

    assert!(
        seen.contains("error") || seen.contains("warning") || seen.contains(':'),
        "the runs reported something: {seen}"
    );
    for word in ["CanaryQuokka", "Lagos", "illness"] {
        assert!(
            !seen.contains(word),
            "{word:?} leaked into a message:\n{seen}"
        );
    }
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn every_file_is_private_under_umask_000() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let sh = |cmd: &str| {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("umask 000 && {cmd}"))
            .env("FLAGDRAFT_DATA_DIR", &data)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{cmd}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let bin = env!("CARGO_BIN_EXE_flagdraft");
    sh(&format!("'{bin}' init --demo"));
    sh(&format!("'{bin}' drafts > /dev/null"));
    sh(&format!("'{bin}' export exam_failure:step1 --save --force"));
    for dir in [data.clone(), data.join("drafts"), data.join("exports")] {
        assert_eq!(mode(&dir), 0o700, "{}", dir.display());
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                assert_eq!(mode(&path), 0o600, "{}", path.display());
            }
        }
    }
}

#[test]
fn draft_files_are_named_by_opaque_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    assert!(run(&data, &["init", "--demo"]).status.success());
    assert!(run(&data, &["drafts"]).status.success());
    for entry in fs::read_dir(data.join("drafts")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let stem = name.trim_end_matches(".bak").trim_end_matches(".ron");
        assert!(
            stem.len() == 16 && stem.chars().all(|c| c.is_ascii_hexdigit()),
            "{name}"
        );
    }
}

#[test]
fn no_network_code_is_built_in() {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "-e",
            "normal",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(tree.contains("ratatui"), "the tree was read: {tree}");
    for net in [
        "hyper",
        "reqwest",
        "ureq",
        "rustls",
        "openssl",
        "native-tls",
        "curl",
        "h2 ",
        "tungstenite",
        "isahc",
        "surf",
    ] {
        assert!(
            !tree.lines().any(|l| l.starts_with(net)),
            "{net} is in the dependency tree"
        );
    }
}

#[test]
fn the_binary_turns_core_dumps_off() {
    // `flagdraft check -` waits on standard input, so its limits can be read meanwhile.
    let mut child = Command::new(env!("CARGO_BIN_EXE_flagdraft"))
        .args(["check", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let limits_path = format!("/proc/{}/limits", child.id());
    let start = std::time::Instant::now();
    let mut limits = String::new();
    while start.elapsed() < std::time::Duration::from_secs(5) {
        limits = fs::read_to_string(&limits_path).unwrap_or_default();
        let core = limits
            .lines()
            .find(|l| l.starts_with("Max core file size"))
            .unwrap_or("");
        if core.split_whitespace().nth(5) == Some("0") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    drop(child.stdin.take());
    child.wait().unwrap();
    let core = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .unwrap();
    let fields: Vec<&str> = core.split_whitespace().collect();
    assert_eq!(&fields[4..6], ["0", "0"], "{core}");
}
