//! Guarantees that must survive abuse: saves killed at random moments, failed writes,
//! hostile files, and two windows on one folder.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use flagdraft::core::draft::{DRAFT_VERSION, Draft, ONE_FLAG_VERSION, Status};
use flagdraft::core::flag::FlagKind;
use flagdraft::core::stamp::Stamp;
use flagdraft::store::drafts::{draft_path, load_drafts, save_draft};
use flagdraft::store::{Paths, lock};

const FLAG: &str = "exam_failure:step1";

/// The text of save number `n`: its number, then `n` words, so a torn write shows.
fn text(n: u64) -> String {
    let mut t = format!("save {n}:");
    for i in 0..n {
        t.push_str(&format!(" word{i}"));
    }
    t
}

fn draft(n: u64) -> Draft {
    Draft {
        version: ONE_FLAG_VERSION,
        flag: FLAG.into(),
        covers: Vec::new(),
        kind: FlagKind::ExamFailure,
        status: Status::Drafting,
        field: None,
        venues: vec![],
        fold_typography: true,
        parts: BTreeMap::from([("reason".to_string(), text(n))]),
        prefilled: BTreeMap::new(),
        orphaned: false,
        dismissed: vec![],
        wordings: Default::default(),
        read_only: false,
        created: Stamp(0),
        updated: Stamp(n),
        seq: n,
    }
}

/// The save number the draft on disk holds, checking that it is whole.
fn saved_number(paths: &Paths) -> Option<u64> {
    let (drafts, errors) = load_drafts(paths);
    assert!(
        errors.is_empty(),
        "a kill left a file that does not load: {errors:?}"
    );
    let d = drafts.into_iter().find(|d| d.flag == FLAG)?;
    let t = d.part("reason");
    let n: u64 = t.strip_prefix("save ")?.split(':').next()?.parse().ok()?;
    assert_eq!(t, text(n), "a kill left a mix of two saves");
    Some(n)
}

/// Not a test of its own: the child that the kill test starts, saving a growing
/// draft as fast as it can until it is killed.
#[test]
fn child_saves_in_a_loop() {
    let Some(dir) = std::env::var_os("FLAGDRAFT_SAVE_LOOP") else {
        return;
    };
    let paths = Paths::under(Path::new(&dir));
    let mut n = saved_number(&paths).unwrap_or(0);
    loop {
        n += 1;
        save_draft(&paths, &draft(n)).unwrap();
    }
}

/// xorshift64, for repeatable "random" moments.
fn next(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_text_or_the_new() {
    let kills: u64 = std::env::var("FLAGDRAFT_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(200);
    let tmp = tempfile::tempdir().unwrap();
    let paths = Paths::under(tmp.path());
    let me = std::env::current_exe().unwrap();
    let mut seed = 0x9e37_79b9_7f4a_7c15;
    let mut last = 0;
    let mut progressed = 0;
    for _ in 0..kills {
        let mut child = Command::new(&me)
            .args([
                "--exact",
                "child_saves_in_a_loop",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("FLAGDRAFT_SAVE_LOOP", tmp.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(2_000 + next(&mut seed) % 20_000));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        if let Some(n) = saved_number(&paths) {
            assert!(n >= last, "the text went back from save {last} to save {n}");
            if n > last {
                progressed += 1;
            }
            last = n;
        }
    }
    assert!(
        progressed > kills / 10,
        "only {progressed} of {kills} runs saved anything"
    );
    // The next writer clears what the killed ones left half-written.
    let _lock = lock::acquire(&paths.data).unwrap();
    let debris: Vec<PathBuf> = std::fs::read_dir(paths.drafts())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(debris.is_empty(), "{debris:?}");
    assert!(draft_path(&paths, FLAG).exists());
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_flagdraft")
}

#[test]
fn a_failed_write_leaves_the_old_file_whole_and_no_temp_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let init = Command::new(bin())
        .args(["init"])
        .env("FLAGDRAFT_DATA_DIR", &data)
        .output()
        .unwrap();
    assert!(init.status.success());
    let profile = data.join("profile.ron");
    let before = std::fs::read(&profile).unwrap();
    // A file-size limit of one block makes every write of a real file fail.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -f 1 && exec '{}' init --demo --force",
            bin()
        ))
        .env("FLAGDRAFT_DATA_DIR", &data)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("File too large") || err.contains("too large"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&profile).unwrap(),
        before,
        "the old profile is byte-identical"
    );
    let leftovers: Vec<String> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_second_writer_is_told_plainly_and_readers_still_read() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let init = Command::new(bin())
        .args(["init", "--demo"])
        .env("FLAGDRAFT_DATA_DIR", &data)
        .output()
        .unwrap();
    assert!(init.status.success());
    let held = lock::acquire(&data).unwrap();
    let again = Command::new(bin())
        .args(["init", "--force"])
        .env("FLAGDRAFT_DATA_DIR", &data)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("already open"), "{err}");
    assert!(err.contains(&std::process::id().to_string()), "{err}");
    let drafts = Command::new(bin())
        .args(["drafts"])
        .env("FLAGDRAFT_DATA_DIR", &data)
        .output()
        .unwrap();
    assert!(drafts.status.success());
    assert!(String::from_utf8_lossy(&drafts.stderr).contains("reading only"));
    assert!(
        !data.join("drafts").exists(),
        "a reader writes nothing while the folder is held"
    );
    drop(held);
    let free = Command::new(bin())
        .args(["drafts"])
        .env("FLAGDRAFT_DATA_DIR", &data)
        .output()
        .unwrap();
    assert!(free.status.success());
    assert!(
        data.join("drafts").exists(),
        "the lock died with its holder"
    );
}

/// Files written by each released format version still load. Add a folder per version.
#[test]
fn files_of_every_format_version_load() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut versions = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        versions += 1;
        let p = |name: &str| dir.join(name);
        let profile = flagdraft::store::load_profile(&p("profile.ron")).unwrap();
        assert!(!profile.exams.is_empty());
        let text = std::fs::read_to_string(p("draft.ron")).unwrap();
        let draft = flagdraft::store::drafts::parse_draft(&p("draft.ron"), &text).unwrap();
        assert_eq!(draft.flag, "exam_failure:step1");
        assert!(!draft.read_only, "{}", dir.display());
        let text = std::fs::read_to_string(p("practice.ron")).unwrap();
        let history: flagdraft::core::practice::History =
            flagdraft::store::parse_ron(&p("practice.ron"), &text).unwrap();
        assert_eq!(history.attempts.len(), 2);
    }
    assert!(versions >= 2);
}

#[test]
fn a_draft_from_a_newer_flagdraft_opens_read_only_and_is_never_written_over() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = Paths::under(tmp.path());
    save_draft(&paths, &draft(1)).unwrap();
    let path = draft_path(&paths, FLAG);
    let newer = std::fs::read_to_string(&path).unwrap().replacen(
        "version: 1,",
        &format!("version: {},\n    mood: \"calm\",", DRAFT_VERSION + 1),
        1,
    );
    std::fs::write(&path, &newer).unwrap();
    let (drafts, errors) = load_drafts(&paths);
    assert_eq!(drafts.len(), 1, "it opens");
    assert!(drafts[0].read_only);
    assert_eq!(drafts[0].part("reason"), text(1), "its words are all there");
    assert!(errors[0].to_string().contains("read only"), "{}", errors[0]);
    assert!(
        save_draft(&paths, &drafts[0]).is_err(),
        "the read-only draft is never saved"
    );
    assert!(
        save_draft(&paths, &draft(2)).is_err(),
        "nor is another version written over it: that would drop the fields it does not know"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), newer);
}
