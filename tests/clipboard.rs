//! Copies reach the clipboard byte for byte: the real binary in a private tmux server
//! with `set-clipboard on`, compared with `tmux show-buffer`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(name: &str, data: &Path, cmd: &str) -> Self {
        let t = Self {
            socket: format!("flagdraft-clip-{}-{name}", std::process::id()),
        };
        let env = format!(
            "FLAGDRAFT_DATA_DIR='{}' FLAGDRAFT_CONFIG_DIR='{}/cfg'",
            data.display(),
            data.display()
        );
        let ok = t
            .cmd()
            .args(["new-session", "-d", "-s", "app", "-x", "110", "-y", "32"])
            .arg(format!("{env} {cmd}; sleep 30"))
            .status()
            .expect("tmux must be installed to run the clipboard tests (.ci/run installs it)");
        assert!(ok.success());
        assert!(
            t.cmd()
                .args(["set-option", "-g", "set-clipboard", "on"])
                .status()
                .unwrap()
                .success()
        );
        t
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f", "/dev/null"]);
        c
    }

    fn keys(&self, keys: &[&str]) {
        assert!(
            self.cmd()
                .args(["send-keys", "-t", "app"])
                .args(keys)
                .status()
                .unwrap()
                .success()
        );
    }

    fn text(&self, text: &str) {
        assert!(
            self.cmd()
                .args(["send-keys", "-t", "app", "-l", text])
                .status()
                .unwrap()
                .success()
        );
    }

    fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "app"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.screen().contains(text) {
                return;
            }
            sleep(Duration::from_millis(50));
        }
        panic!("never saw {text:?}; the screen was:\n{}", self.screen());
    }

    /// The newest paste buffer, as bytes, once one exists.
    fn buffer(&self) -> Vec<u8> {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            let out = self.cmd().arg("show-buffer").output().unwrap();
            if out.status.success() && !out.stdout.is_empty() {
                return out.stdout;
            }
            sleep(Duration::from_millis(50));
        }
        panic!(
            "no paste buffer appeared; the screen was:\n{}",
            self.screen()
        );
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self
            .cmd()
            .arg("kill-server")
            .stderr(std::process::Stdio::null())
            .status();
    }
}

/// What `flagdraft export ID --as eras` prints for the same data, without its newline.
fn exported(data: &Path, id: &str) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_flagdraft"))
        .args(["export", id, "--as", "eras", "--force"])
        .env("FLAGDRAFT_DATA_DIR", data)
        .env("FLAGDRAFT_CONFIG_DIR", data.join("cfg"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut bytes = out.stdout;
    assert_eq!(bytes.pop(), Some(b'\n'));
    bytes
}

const WORDS: &str = "I studied at the école in Zürich — 中文 notes, “in quotes”.";

#[test]
fn copying_from_the_draft_screen_puts_the_eras_text_in_the_tmux_buffer() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let t = Tmux::start("app", &data, env!("CARGO_BIN_EXE_flagdraft"));
    t.wait_for("Welcome to flagdraft");
    t.keys(&["Enter"]);
    t.wait_for("drafts ready");
    t.keys(&["j", "j", "j", "Enter"]);
    t.wait_for("exam_failure:step1");
    t.keys(&["Enter"]);
    t.wait_for("Why, in your part");
    t.text(WORDS);
    t.wait_for("Zürich");
    t.keys(&["Escape"]);
    // Esc and a key sent together read as Alt and that key: wait for the Parts pane.
    t.wait_for("r ready");
    t.keys(&["c"]);
    // The unfinished draft still has coach errors: the app asks first.
    t.wait_for("Copy anyway?");
    t.keys(&["y"]);
    t.wait_for("Copied");
    let copied = t.buffer();
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
    let t = Tmux::start(
        "cli",
        &data,
        &format!(
            "{bin} export training_gap:2020-07 --as eras --clipboard --force > /dev/null && echo DONE"
        ),
    );
    t.wait_for("DONE");
    let copied = t.buffer();
    assert_eq!(copied, exported(&data, "training_gap:2020-07"));
}
