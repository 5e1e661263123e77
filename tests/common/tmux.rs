//! The real binary in a real pseudo-terminal: a private tmux server per test.

use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How a test's session is set up.
#[allow(dead_code)]
pub struct Setup {
    /// The window's columns and rows.
    pub size: (u16, u16),
    /// Options set (`set-option -g`) before the command starts.
    pub options: &'static [(&'static str, &'static str)],
    /// A shell waits thirty seconds after the command, so its screen and the copies
    /// it sent outlive it.
    pub linger: bool,
}

/// The app alone in a 100×30 window. The pane stays after the app ends
/// (`remain-on-exit`), so a failure shows the app's last words and `alive` can tell.
#[allow(dead_code)]
pub const APP: Setup = Setup {
    size: (100, 30),
    options: &[("remain-on-exit", "on")],
    linger: false,
};

/// A 110×32 window whose copies (OSC 52) reach tmux's paste buffers
/// (`set-clipboard on`), with a shell waiting after the command.
#[allow(dead_code)]
pub const CLIPBOARD: Setup = Setup {
    size: (110, 32),
    options: &[("set-clipboard", "on")],
    linger: true,
};

/// A tmux server of this test's own (its own socket, no configuration), killed when
/// dropped. Its one session is `app`.
#[allow(dead_code)]
pub struct Tmux {
    socket: String,
}

#[allow(dead_code)]
impl Tmux {
    /// Run `cmd` with flagdraft's data and configuration folders set, in a new session
    /// on a server named after this test binary, its process and `name` (unique per test).
    pub fn start(name: &str, setup: &Setup, data: &Path, config: &Path, cmd: &str) -> Self {
        let socket = format!(
            "flagdraft-{}-{}-{name}",
            env!("CARGO_CRATE_NAME"),
            std::process::id()
        );
        let t = Self { socket };
        let mut start = t.cmd();
        start.arg("start-server");
        for (option, value) in setup.options {
            start.args([";", "set-option", "-g", option, value]);
        }
        let (w, h) = setup.size;
        let linger = if setup.linger { "; sleep 30" } else { "" };
        let status = start
            .args([";", "new-session", "-d", "-s", "app", "-x"])
            .arg(w.to_string())
            .arg("-y")
            .arg(h.to_string())
            .arg(format!(
                "FLAGDRAFT_DATA_DIR='{}' FLAGDRAFT_CONFIG_DIR='{}' {cmd}{linger}",
                data.display(),
                config.display()
            ))
            .status()
            .expect("tmux must be installed to run the terminal tests (.ci/run installs it)");
        assert!(status.success());
        t
    }

    /// A tmux command to this server.
    pub fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f", "/dev/null"]);
        c
    }

    /// Send keys by tmux's names (`Enter`, `C-c`, `j`).
    pub fn keys(&self, keys: &[&str]) {
        let ok = self
            .cmd()
            .args(["send-keys", "-t", "app"])
            .args(keys)
            .status()
            .unwrap();
        assert!(ok.success());
    }

    /// Send `text` as typed, character for character.
    pub fn type_text(&self, text: &str) {
        let ok = self
            .cmd()
            .args(["send-keys", "-t", "app", "-l", text])
            .status()
            .unwrap();
        assert!(ok.success());
    }

    pub fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "app"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Wait (at most ten seconds) until the screen shows `text`.
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.screen().contains(text) {
                return;
            }
            sleep(Duration::from_millis(50));
        }
        let state = self
            .cmd()
            .args([
                "list-panes",
                "-a",
                "-F",
                "#{pane_pid} dead=#{pane_dead} status=#{pane_dead_status}",
            ])
            .output()
            .map(|o| {
                format!(
                    "{}{}",
                    String::from_utf8_lossy(&o.stdout),
                    String::from_utf8_lossy(&o.stderr)
                )
            })
            .unwrap_or_default();
        panic!(
            "never saw {text:?}; the pane: {state}; the screen was:\n{}",
            self.screen()
        );
    }

    /// From Home with the demo applicant (see `demo::seed`) to the editor of the Step 1
    /// draft, waiting for each screen on the way: Home, the flag, the draft.
    pub fn open_step1_draft(&self) {
        self.wait_for("drafts ready");
        let down = super::demo::to_step1();
        let mut keys: Vec<&str> = down.split("").filter(|k| !k.is_empty()).collect();
        keys.push("Enter");
        self.keys(&keys);
        self.wait_for("What was found");
        self.keys(&["Enter"]);
        self.wait_for("Why, in your part");
    }

    /// From the editor to the Draft screen's Parts pane.
    pub fn leave_editor(&self) {
        self.keys(&["Escape"]);
        // Esc and a key sent together read as Alt and that key: wait for the Parts pane.
        self.wait_for("r ready");
    }

    /// The app still runs in the pane (with `remain-on-exit`, the pane stays after it
    /// ends).
    pub fn alive(&self) -> bool {
        self.cmd()
            .args(["display-message", "-p", "-t", "app", "#{pane_dead}"])
            .output()
            .is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).trim() == "0")
    }

    /// Wait (at most ten seconds) until the app has left the pane.
    pub fn wait_gone(&self) {
        let start = Instant::now();
        while self.alive() && start.elapsed() < Duration::from_secs(10) {
            sleep(Duration::from_millis(50));
        }
        assert!(
            !self.alive(),
            "the app did not quit; the screen was:\n{}",
            self.screen()
        );
    }

    /// The process id of the pane's program.
    pub fn pane_pid(&self) -> i32 {
        let out = self
            .cmd()
            .args(["display-message", "-p", "-t", "app", "#{pane_pid}"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    }

    /// The newest paste buffer, as bytes, once one exists: looked for at once, then
    /// again until `within` has passed.
    pub fn buffer(&self, within: Duration) -> Vec<u8> {
        let start = Instant::now();
        loop {
            let out = self.cmd().arg("show-buffer").output().unwrap();
            if out.status.success() && !out.stdout.is_empty() {
                return out.stdout;
            }
            if start.elapsed() >= within {
                break;
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
        let _ = self.cmd().arg("kill-server").stderr(Stdio::null()).status();
    }
}
