//! Copies reach the clipboard byte for byte: the real binary in a private tmux server
//! with `set-clipboard on`, compared with `tmux show-buffer`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::Duration;

use common::home::export_eras;
use common::tmux::{self, Tmux};

/// The command in a private tmux server whose copies reach its paste buffers, with
/// flagdraft's folders under `data`.
fn start(name: &str, data: &Path, cmd: &str) -> Tmux {
    Tmux::start(name, &tmux::CLIPBOARD, data, &data.join("cfg"), cmd)
}

/// What `flagdraft export ID --as eras` prints for the same data, without its newline.
fn exported(data: &Path, id: &str) -> Vec<u8> {
    let mut bytes = export_eras(data, &data.join("cfg"), id);
    assert_eq!(bytes.pop(), Some(b'\n'));
    bytes
}

const WORDS: &str = "I studied at the école in Zürich — 中文 notes, “in quotes”.";

#[test]
fn copying_from_the_draft_screen_puts_the_eras_text_in_the_tmux_buffer() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    common::demo::seed(&data);
    let t = start("app", &data, env!("CARGO_BIN_EXE_flagdraft"));
    t.open_step1_draft();
    t.type_text(WORDS);
    t.wait_for("Zürich");
    t.leave_editor();
    t.keys(&["c"]);
    // The unfinished draft still has coach errors: the app asks first.
    t.wait_for("Copy anyway?");
    t.keys(&["y"]);
    t.wait_for("Copied");
    let copied = t.buffer(Duration::from_secs(10));
    t.keys(&["q"]);
    sleep(Duration::from_millis(300));
    let expected = exported(&data, "exam_failure:step1");
    assert_eq!(
        String::from_utf8_lossy(&copied),
        String::from_utf8_lossy(&expected)
    );
    assert_eq!(copied, expected, "byte for byte");
    let text = String::from_utf8(copied).unwrap();
    assert!(text.contains("école") && text.contains("Zürich") && text.contains("中文"));
    assert!(
        text.contains("\"in quotes\"") && text.contains(" -- "),
        "ERAS folding applies: {text}"
    );
}

#[test]
fn export_with_clipboard_sends_the_same_bytes_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let bin = env!("CARGO_BIN_EXE_flagdraft");
    let init = Command::new(bin)
        .args(["init", "--demo"])
        .env("FLAGDRAFT_DATA_DIR", &data)
        .output()
        .unwrap();
    assert!(init.status.success());
    let t = start(
        "cli",
        &data,
        &format!(
            "{bin} export training_gap:2020-07 --as eras --clipboard --force > /dev/null && echo DONE"
        ),
    );
    t.wait_for("DONE");
    let copied = t.buffer(Duration::from_secs(10));
    assert_eq!(copied, exported(&data, "training_gap:2020-07"));
}
