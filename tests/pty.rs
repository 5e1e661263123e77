//! The real binary in a real pseudo-terminal (a private tmux server): start, type into
//! a draft, quit, and find the words on disk.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::demo::to_step1;
use common::tmux::{self, Tmux};

/// The app in a private tmux server, with flagdraft's folders under `data`.
fn start(name: &str, data: &Path, cmd: &str) -> Tmux {
    Tmux::start(name, &tmux::APP, data, &data.join("cfg"), cmd)
}

/// Start the app, go straight to the Step 1 draft's editor (waiting only for Home and
/// the editor) and type `sentence`, until the screen shows it.
fn start_typing(name: &str, data: &Path, bin: &str, sentence: &str) -> Tmux {
    common::demo::seed(data);
    let t = start(name, data, bin);
    t.wait_for("drafts ready");
    let down = to_step1();
    let mut keys: Vec<&str> = down.split("").filter(|k| !k.is_empty()).collect();
    keys.extend(["Enter", "Enter"]);
    t.keys(&keys);
    t.wait_for("Why, in your part");
    t.type_text(sentence);
    t.wait_for(sentence);
    t
}

fn drafts_containing(data: &Path, text: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(data.join("drafts")) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains(text)))
        .collect()
}

#[test]
fn type_into_a_draft_quit_and_find_the_text_on_disk() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let bin = env!("CARGO_BIN_EXE_flagdraft");
    common::demo::seed(&data);
    let t = start("type", &data, bin);
    t.open_step1_draft();
    let sentence = "I practised too few timed blocks — señal 中文 ✓";
    t.type_text(sentence);
    t.wait_for("timed blocks");
    t.leave_editor();
    t.keys(&["q"]);
    t.wait_gone();
    let found = drafts_containing(&data, sentence);
    assert_eq!(found.len(), 1, "the sentence is in exactly one draft file");
}

#[test]
fn the_demo_flag_opens_on_the_demo_and_leaves_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let bin = env!("CARGO_BIN_EXE_flagdraft");
    let t = start("demo", &data, &format!("{bin} --demo"));
    t.wait_for("Nadia");
    t.keys(&["C-c"]);
    t.wait_gone();
    assert!(!data.exists(), "--demo must not touch the data folder");
}

/// Start the app, open a draft and type `sentence` without waiting for the autosave.
fn type_then(name: &str, sentence: &str, stop: impl FnOnce(&Tmux)) -> PathBuf {
    let tmp = tempfile::tempdir().unwrap().keep();
    let data = tmp.join("data");
    let t = start_typing(name, &data, env!("CARGO_BIN_EXE_flagdraft"), sentence);
    // Past the guard's moment, well inside the autosave's second.
    sleep(Duration::from_millis(250));
    let pid = t.pane_pid();
    stop(&t);
    t.wait_gone();
    wait_exit(pid);
    data
}

/// Wait (at most ten seconds) until process `pid` has ended: a closed tmux session
/// does not mean its program has finished saving.
fn wait_exit(pid: i32) {
    // A process that ended but is not yet reaped is a zombie ("Z"): it has finished.
    let running = || {
        std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
            s.rsplit(')')
                .next()
                .is_some_and(|rest| !rest.trim_start().starts_with('Z'))
        })
    };
    let start = Instant::now();
    while running() && start.elapsed() < Duration::from_secs(10) {
        sleep(Duration::from_millis(20));
    }
    assert!(!running(), "process {pid} is still running");
}

#[test]
fn a_closed_terminal_keeps_what_was_typed() {
    let sentence = "closed terminal words";
    let data = type_then("hup", sentence, |t| {
        let _ = t.cmd().args(["kill-session", "-t", "app"]).status();
    });
    assert_eq!(drafts_containing(&data, sentence).len(), 1);
    let _ = std::fs::remove_dir_all(data.parent().unwrap());
}

#[test]
fn sigterm_keeps_what_was_typed() {
    let sentence = "terminated words";
    let data = type_then("term", sentence, terminate);
    assert_eq!(drafts_containing(&data, sentence).len(), 1);
    let _ = std::fs::remove_dir_all(data.parent().unwrap());
}

#[test]
fn after_kill_9_the_next_start_offers_the_unsaved_words_and_recovers_them() {
    let sentence = "words typed right before a kill nine";
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let bin = env!("CARGO_BIN_EXE_flagdraft");
    {
        let t = start_typing("kill9", &data, bin, sentence);
        // Within the autosave's second, but after the recovery copy's moment.
        sleep(Duration::from_millis(450));
        let pid = t.pane_pid();
        assert!(
            Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status()
                .unwrap()
                .success()
        );
        t.wait_gone();
    }
    assert!(
        drafts_containing(&data, sentence).is_empty(),
        "the autosave had not run yet"
    );
    assert!(
        std::fs::read_to_string(data.join("recovery.ron"))
            .unwrap()
            .contains(sentence)
    );
    let t = start("kill9-again", &data, bin);
    t.wait_for("Unsaved words from the last session");
    t.keys(&["c"]);
    // The comparison names the part as the Draft screen does, not its key in the file.
    t.wait_for("Why, in your part");
    t.wait_for("unsaved:");
    assert!(
        drafts_containing(&data, sentence).is_empty(),
        "nothing is applied silently"
    );
    t.keys(&["r"]);
    t.wait_for("Recovered");
    let start = std::time::Instant::now();
    while drafts_containing(&data, sentence).is_empty() && start.elapsed() < Duration::from_secs(5)
    {
        sleep(Duration::from_millis(50));
    }
    assert_eq!(drafts_containing(&data, sentence).len(), 1);
    t.keys(&["q"]);
    t.wait_gone();
    assert!(
        !data.join("recovery.ron").exists(),
        "the copy is gone once everything is saved"
    );
}

impl Tmux {
    fn flags(&self) -> String {
        let out = self
            .cmd()
            .args([
                "display-message",
                "-p",
                "-t",
                "app",
                "#{alternate_on} #{mouse_any_flag}",
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

#[test]
fn the_terminal_is_restored_after_quit_and_after_sigterm() {
    for how in ["quit", "term"] {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let bin = env!("CARGO_BIN_EXE_flagdraft");
        // The shell stays after the app: it reports the terminal modes, then waits.
        let cmd = format!(
            "sh -c '{bin}; stty -a | tr \" \" \"\\n\" | grep -x -e icanon -e -icanon -e echo -e -echo | tr \"\\n\" \" \"; echo MODES; sleep 30'"
        );
        let t = start(&format!("restore-{how}"), &data, &cmd);
        t.wait_for("Welcome to flagdraft");
        assert_eq!(
            t.flags(),
            "1 1",
            "the app runs on the alternate screen with the mouse on"
        );
        if how == "quit" {
            t.keys(&["C-c"]);
        } else {
            // The app is the child of this pane's shell; other tests run apps too.
            let shell = t.pane_pid().to_string();
            let out = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
            let pids = String::from_utf8_lossy(&out.stdout).into_owned();
            assert!(!pids.trim().is_empty(), "no app under the pane's shell");
            for pid in pids.split_whitespace() {
                assert!(
                    Command::new("kill")
                        .args(["-TERM", pid])
                        .status()
                        .unwrap()
                        .success()
                );
            }
        }
        t.wait_for("MODES");
        assert_eq!(
            t.flags(),
            "0 0",
            "{how}: alternate screen and mouse capture are off"
        );
        let screen = t.screen();
        assert!(
            screen.contains("icanon echo MODES"),
            "{how}: raw mode is off:\n{screen}"
        );
    }
}

#[test]
fn a_burst_of_typing_over_four_kilobytes_arrives_without_another_key() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    common::demo::seed(&data);
    let t = start("burst", &data, env!("CARGO_BIN_EXE_flagdraft"));
    t.open_step1_draft();
    // Typed, not pasted: every byte a key, far more than one read of the terminal.
    let words: Vec<String> = (0..700).map(|i| format!("w{i:04}")).collect();
    let burst = format!("{} ENDMARK", words.join(" "));
    assert!(burst.len() > 4096);
    t.type_text(&burst);
    // Every key costs the editor its work; a debug build on a busy machine is slow,
    // so wait long, and only for the words to arrive: no key is pressed meanwhile.
    let start = Instant::now();
    while !t.screen().contains("ENDMARK") && start.elapsed() < Duration::from_secs(60) {
        sleep(Duration::from_millis(50));
    }
    assert!(t.screen().contains("ENDMARK"), "{}", t.screen());
    while drafts_containing(&data, &burst).is_empty() && start.elapsed() < Duration::from_secs(70) {
        sleep(Duration::from_millis(50));
    }
    assert_eq!(
        drafts_containing(&data, &burst).len(),
        1,
        "the whole burst is saved, no other key pressed"
    );
    t.keys(&["C-c"]);
    t.wait_gone();
}

/// The demo folders in `tmp`.
fn demo_folders(tmp: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(tmp)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("flagdraft-demo-"))
        })
        .collect()
}

#[test]
fn the_demo_folder_is_removed_on_sigterm_sighup_and_a_closed_window() {
    let bin = env!("CARGO_BIN_EXE_flagdraft");
    for how in ["term", "hup", "close"] {
        let root = tempfile::tempdir().unwrap();
        let tmp = root.path().join("tmp");
        std::fs::create_dir(&tmp).unwrap();
        let data = root.path().join("data");
        let cmd = format!("TMPDIR='{}' {bin} --demo", tmp.display());
        let t = start(&format!("demo-{how}"), &data, &cmd);
        t.wait_for("Nadia");
        assert_eq!(demo_folders(&tmp).len(), 1, "{how}: the demo's folder");
        let pid = t.pane_pid();
        let signal = match how {
            "term" => Some("-TERM"),
            "hup" => Some("-HUP"),
            _ => None,
        };
        match signal {
            Some(signal) => assert!(
                Command::new("kill")
                    .args([signal, &pid.to_string()])
                    .status()
                    .unwrap()
                    .success()
            ),
            None => {
                let _ = t.cmd().args(["kill-session", "-t", "app"]).status();
            }
        }
        t.wait_gone();
        wait_exit(pid);
        assert_eq!(demo_folders(&tmp), Vec::<PathBuf>::new(), "{how}");
    }
}

/// The demo applicant's profile form, with the cursor in the field `downs` below the
/// name and that field opened for typing.
fn profile_field(name: &str, data: &Path, downs: usize) -> Tmux {
    common::demo::seed(data);
    let t = start(name, data, env!("CARGO_BIN_EXE_flagdraft"));
    t.wait_for("drafts ready");
    t.keys(&["p"]);
    t.wait_for("Basics and visa");
    for _ in 0..downs {
        t.keys(&["Down"]);
    }
    t.keys(&["Enter"]);
    t
}

fn terminate(t: &Tmux) {
    let pid = t.pane_pid();
    let ok = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    t.wait_gone();
}

#[test]
fn sigterm_in_the_profile_form_saves_a_field_still_being_typed() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let t = profile_field("form-term", &data, 0);
    t.type_text(" Zubairova");
    t.wait_for("Zubairova");
    terminate(&t);
    let profile = std::fs::read_to_string(data.join("profile.ron")).unwrap();
    assert!(profile.contains("Zubairova"), "{profile}");
}

#[test]
fn sigterm_keeps_a_half_typed_profile_field_for_the_next_start() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let t = profile_field("form-half", &data, 2);
    // Graduation, emptied and half typed: not a month yet, so it cannot be saved.
    for _ in 0..10 {
        t.keys(&["BSpace"]);
    }
    t.type_text("2019-0");
    t.wait_for("2019-0");
    terminate(&t);
    let copy = std::fs::read_to_string(data.join("recovery.ron")).unwrap();
    assert!(copy.contains("\"2019-0\""), "{copy}");
    let t = start("form-half-again", &data, env!("CARGO_BIN_EXE_flagdraft"));
    t.wait_for("Your profile: fields changed in the form but not saved");
    t.keys(&["r"]);
    t.wait_for("Recovered your unsaved profile fields");
    t.wait_for("2019-0");
    t.keys(&["C-c"]);
}

#[test]
fn n_then_i_sets_the_finding_aside_and_never_types_into_the_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let bin = env!("CARGO_BIN_EXE_flagdraft");
    common::demo::seed(&data);
    let t = start("trap", &data, bin);
    t.open_step1_draft();
    let sentence = "I was away due to personal reasons for a year.";
    t.type_text(sentence);
    // The coach has found the vague words.
    t.wait_for("“personal reasons”");
    t.leave_editor();
    // To the first part, then the next finding: the vague words. The keys stay with the
    // list, so i asks why instead of typing an "i" into the draft.
    t.keys(&["Home"]);
    t.keys(&["n"]);
    t.keys(&["i"]);
    t.wait_for("Why set this finding aside?");
    t.type_text("kept private on purpose");
    t.keys(&["Enter"]);
    t.wait_for("Set aside");
    t.keys(&["q"]);
    t.wait_gone();
    let found = drafts_containing(&data, sentence);
    assert_eq!(found.len(), 1, "the sentence is on disk as typed");
    let text = std::fs::read_to_string(&found[0]).unwrap();
    assert!(!text.contains("ipersonal"), "{text}");
    assert!(text.contains("kept private on purpose"), "{text}");
}
