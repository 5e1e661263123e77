//! Text of any script round-trips byte for byte: pasted and typed into the Draft
//! editor, kept in memory and on disk, printed by `flagdraft export`, and copied to the
//! clipboard (a private tmux server's buffer); pastes are cleaned, capped and undone whole.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use flagdraft::core::assemble::{Output, assemble};
use flagdraft::core::draft::Draft;
use flagdraft::core::export::clean;
use flagdraft::core::stamp::Stamp;
use flagdraft::store::drafts::{draft_path, load_drafts, parse_draft};
use flagdraft::store::workspace::Workspace;
use flagdraft::store::{self, Paths};
use flagdraft::tui::app::{AUTOSAVE_MS, App, PASTE_CAP};
use flagdraft::tui::keymap::{Context, Keymap, parse_sequence};
use flagdraft::tui::msg::Msg;
use flagdraft::tui::runtime::Runtime;
use flagdraft::tui::screens::Route;
use flagdraft::tui::theme::Theme;
use flagdraft::tui::{dispatch, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const NOW: Stamp = Stamp(1_795_680_000); // 2026-11-26T08:00:00Z
const FLAG: &str = "exam_failure:step1";
/// The part the Step 1 draft opens on: the first empty one.
const PART: &str = "reason";

/// Pasted: accented Latin, CJK, and a woman health worker with a skin tone (woman,
/// medium skin tone, zero-width joiner, staff of Aesculapius, variation selector).
const PASTED: &str = "Après l'échec, mes notes en 中文 et ma mentore 👩🏽\u{200d}⚕\u{fe0f}, ";
/// Typed key by key: a combining acute accent, Arabic and Hebrew (right to left),
/// capitals (sent with shift, as terminals do) and the emoji again.
const TYPED: &str =
    "puis un café (cafe\u{301}), مرحبا بالعالم et שלום עולם à Zürich 👩🏽\u{200d}⚕\u{fe0f}.";

fn sentence() -> String {
    format!("{PASTED}{TYPED}")
}

struct Harness {
    _tmp: tempfile::TempDir,
    paths: Paths,
    app: App,
    rt: Runtime,
}

impl Harness {
    /// The demo applicant's Step 1 draft open in the editor, on its empty part.
    fn open() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        let mut rt = Runtime::new(paths.clone());
        rt.fix_clock(0, NOW);
        let app = App::new(Theme::new(true), Keymap::default());
        let mut h = Self {
            _tmp: tmp,
            paths,
            app,
            rt,
        };
        h.msg(Msg::Resize(100, 30));
        store::write_profile_text(&h.paths, store::DEMO_PROFILE, false).unwrap();
        let ws = Workspace::open(h.paths.clone(), "2026-11".parse().unwrap()).unwrap();
        h.msg(Msg::Loaded(Box::new(ws)));
        h.feed("jjj<enter><enter>");
        assert_eq!(h.app.route, Route::Draft);
        assert_eq!(h.app.context(), Context::Editor);
        assert_eq!(h.app.draft.as_ref().unwrap().flag, FLAG);
        assert_eq!(h.part(), "", "the editor opens on the empty part");
        assert!(!h.app.has_unsaved());
        h
    }

    fn msg(&mut self, msg: Msg) {
        dispatch(&mut self.app, &mut self.rt, msg);
    }

    fn feed(&mut self, keys: &str) {
        for key in parse_sequence(keys).unwrap() {
            self.msg(Msg::Key(key));
        }
    }

    /// Each character as a terminal sends it: capitals with shift.
    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.msg(Msg::Key(KeyEvent::new(KeyCode::Char(c), mods)));
        }
    }

    /// Let the autosave timer run out.
    fn idle(&mut self, ms: u64) {
        let clock = self.rt.clock_ms() + ms;
        self.rt.fix_clock(clock, NOW);
        self.msg(Msg::Tick);
    }

    fn draft(&self) -> &Draft {
        self.app.ws.as_ref().unwrap().draft(FLAG).unwrap()
    }

    /// A pause in typing, long enough for anything typed to reach the draft.
    fn pause(&mut self) {
        self.idle(AUTOSAVE_MS);
    }

    /// The part in memory after a pause; the editor must show the same.
    fn part(&mut self) -> String {
        self.pause();
        let text = self.draft().part(PART).to_string();
        let editor = self.app.draft.as_ref().unwrap().editor.lines().join("\n");
        assert_eq!(editor, text, "the editor and the draft agree");
        text
    }

    /// The part as saved on disk.
    fn saved_part(&self) -> String {
        let (drafts, errors) = load_drafts(&self.paths);
        assert!(errors.is_empty(), "{errors:?}");
        let d = drafts.iter().find(|d| d.flag == FLAG).unwrap();
        d.part(PART).to_string()
    }

    fn screen(&self, w: u16, h: u16) -> String {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| view::draw(&self.app, f)).unwrap();
        let buf = term.backend().buffer();
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The Step 1 draft holding the sentence, saved by quitting the app.
fn saved_sentence() -> Harness {
    let mut h = Harness::open();
    h.msg(Msg::Paste(sentence()));
    h.feed("<ctrl-c>");
    assert!(h.app.quitting());
    assert_eq!(h.draft().part(PART), sentence());
    assert_eq!(h.saved_part(), sentence(), "quitting saved it at once");
    h
}

fn flagdraft(paths: &Paths) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_flagdraft"));
    c.env("FLAGDRAFT_DATA_DIR", &paths.data)
        .env("FLAGDRAFT_CONFIG_DIR", &paths.config);
    c
}

/// What `flagdraft export FLAG --as eras --force` prints.
fn exported(paths: &Paths) -> Vec<u8> {
    let out = flagdraft(paths)
        .args(["export", FLAG, "--as", "eras", "--force"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn text_of_any_script_is_kept_as_typed_in_memory_and_on_disk() {
    let mut h = Harness::open();
    h.msg(Msg::Paste(PASTED.into()));
    assert_eq!(h.part(), PASTED);
    h.type_text(TYPED);
    assert!(h.app.has_unsaved());
    assert_eq!(h.part().as_bytes(), sentence().as_bytes());
    h.pause();
    assert!(!h.app.has_unsaved(), "the autosave ran");
    assert_eq!(h.saved_part(), sentence());
    // Read back from the file itself, not a copy in memory.
    let file = std::fs::read_to_string(draft_path(&h.paths, FLAG)).unwrap();
    let parsed = parse_draft(Path::new("draft"), &file).unwrap();
    assert_eq!(parsed.part(PART).as_bytes(), sentence().as_bytes());
    // And the screen shows the words.
    let screen = h.screen(120, 30);
    assert!(
        screen.contains("Zürich") && screen.contains("中"),
        "{screen}"
    );
}

#[test]
fn export_prints_text_of_any_script_unchanged() {
    let h = saved_sentence();
    let stdout = String::from_utf8(exported(&h.paths)).unwrap();
    assert!(stdout.contains(&sentence()), "{stdout}");
    // Exactly the draft's ERAS text and a newline.
    let (drafts, _) = load_drafts(&h.paths);
    let draft = drafts.iter().find(|d| d.flag == FLAG).unwrap();
    let ws = Workspace::open(h.paths.clone(), "2026-11".parse().unwrap()).unwrap();
    let template = ws.templates.get(draft.kind.family()).unwrap();
    let eras = clean(&assemble(draft, template, Output::Eras));
    assert_eq!(stdout, format!("{eras}\n"));
    assert_eq!(
        stdout,
        format!(
            "I failed USMLE Step 1 in March 2019. {} I passed USMLE Step 1 in September 2019 and \
             scored 217 on Step 2 CK in June 2020.\n",
            sentence()
        )
    );
}

/// A private tmux server (its own socket, no configuration) that copies reach.
struct Tmux {
    socket: String,
}

impl Tmux {
    /// Run `cmd` in a new session, with `set-clipboard on` set before it starts.
    fn start(name: &str, paths: &Paths, cmd: &str) -> Self {
        let t = Self {
            socket: format!("flagdraft-unicode-{}-{name}", std::process::id()),
        };
        let env = format!(
            "FLAGDRAFT_DATA_DIR='{}' FLAGDRAFT_CONFIG_DIR='{}'",
            paths.data.display(),
            paths.config.display()
        );
        let ok = t
            .cmd()
            .args([
                "start-server",
                ";",
                "set-option",
                "-g",
                "set-clipboard",
                "on",
            ])
            .args([
                ";",
                "new-session",
                "-d",
                "-s",
                "app",
                "-x",
                "110",
                "-y",
                "32",
            ])
            .arg(format!("{env} {cmd}; sleep 30"))
            .status()
            .expect("tmux must be installed to run the clipboard tests (.ci/run installs it)");
        assert!(ok.success());
        t
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f", "/dev/null"]);
        c
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

    /// The newest paste buffer, as bytes.
    fn buffer(&self) -> Vec<u8> {
        let out = self.cmd().arg("show-buffer").output().unwrap();
        assert!(
            out.status.success(),
            "no paste buffer; the screen was:\n{}",
            self.screen()
        );
        out.stdout
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

#[test]
fn the_clipboard_gets_text_of_any_script_byte_for_byte() {
    let h = saved_sentence();
    let t = Tmux::start(
        "export",
        &h.paths,
        &format!(
            "{} export {FLAG} --as eras --clipboard --force > /dev/null && echo DONE",
            env!("CARGO_BIN_EXE_flagdraft")
        ),
    );
    t.wait_for("DONE");
    let copied = t.buffer();
    let mut expected = exported(&h.paths);
    assert_eq!(expected.pop(), Some(b'\n'));
    assert_eq!(
        String::from_utf8_lossy(&copied),
        String::from_utf8_lossy(&expected)
    );
    assert_eq!(copied, expected, "byte for byte");
    let text = String::from_utf8(copied).unwrap();
    assert!(text.contains(&sentence()), "{text}");
}

#[test]
fn a_one_megabyte_paste_is_refused_at_once_with_a_note() {
    let mut h = Harness::open();
    h.type_text("Kept: 中文 é.");
    h.pause();
    let edits = h.app.edits;
    let mut big = String::new();
    while big.len() < 1024 * 1024 {
        big.push_str(&sentence());
        big.push_str("\r\n");
    }
    assert!(big.len() > PASTE_CAP);
    let start = Instant::now();
    h.msg(Msg::Paste(big));
    let screen = h.screen(100, 30);
    let took = start.elapsed();
    assert!(took < Duration::from_secs(2), "took {took:?}");
    let note = &h.app.note.as_ref().expect("a note says why").0;
    assert!(note.contains("kB"), "{note}");
    assert!(note.contains("1024 kB"), "the paste's size: {note}");
    assert!(
        note.contains(&format!("{} kB", PASTE_CAP / 1024)),
        "the cap: {note}"
    );
    assert!(
        screen.contains(note.as_str()),
        "the note is shown:\n{screen}"
    );
    assert_eq!(h.part(), "Kept: 中文 é.", "nothing of it reached the draft");
    assert_eq!(h.app.edits, edits, "no edit was made");
}

#[test]
fn a_paste_is_one_undo_step_with_line_ends_and_control_characters_cleaned() {
    let mut h = Harness::open();
    let before = "Avant : 中文 é ";
    h.type_text(before);
    assert_eq!(h.part(), before);
    let pasted = "première ligne e\u{301}\r\n👩🏽\u{200d}⚕\u{fe0f} deuxième\rtroisième \
                  \u{1b}[31mrouge\u{7} cloche\u{1b}]52;c;aGk=\u{7} שלום\r\n";
    let cleaned = "première ligne e\u{301}\n👩🏽\u{200d}⚕\u{fe0f} deuxième\ntroisième \
                   [31mrouge cloche]52;c;aGk= שלום\n";
    let after = format!("{before}{cleaned}");
    for undo in ["<ctrl-z>", "<ctrl-u>"] {
        h.msg(Msg::Paste(pasted.into()));
        let text = h.part();
        assert_eq!(text, after, "{undo}");
        assert!(!text.contains(['\r', '\u{1b}', '\u{7}']), "{text:?}");
        h.feed(undo);
        assert_eq!(h.part(), before, "one {undo} takes the whole paste back");
    }
    // In the middle of a line too.
    h.feed("<home><right><right>");
    h.msg(Msg::Paste("a\r\nb\rc".into()));
    assert_eq!(h.part(), format!("Av{}ant : 中文 é ", "a\nb\nc"));
    h.feed("<ctrl-z>");
    assert_eq!(h.part(), before);
    // What is saved is the text after the undo.
    h.pause();
    assert!(!h.app.has_unsaved());
    assert_eq!(h.saved_part(), before);
}

#[test]
fn a_paste_into_the_set_aside_prompt_stays_in_the_prompt() {
    let mut h = Harness::open();
    h.type_text("The exam was unfair.");
    h.pause();
    h.feed("<home><ctrl-g><esc>i");
    assert!(h.app.prompt.is_some());
    let reason = "citing the score report: 中文, e\u{301}, שלום";
    h.msg(Msg::Paste(reason.into()));
    assert_eq!(h.part(), "The exam was unfair.", "the draft is untouched");
    let prompt = h.app.prompt.as_ref().unwrap().lines().join(" ");
    assert_eq!(prompt, reason);
    h.feed("<enter>");
    let d = h.draft();
    assert_eq!(d.dismissed.len(), 1);
    assert_eq!(d.dismissed[0].reason, reason);
}
