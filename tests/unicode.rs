//! Text of any script round-trips byte for byte: pasted and typed into the Draft
//! editor, kept in memory and on disk, printed by `flagdraft export`, and copied to the
//! clipboard (a private tmux server's buffer); pastes are cleaned, capped and undone whole.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::demo::to_step1;
use common::harness::Harness;
use common::home::export_eras;
use common::tmux::{self, Tmux};
use flagdraft::core::assemble::{Output, assemble};
use flagdraft::core::draft::Draft;
use flagdraft::core::export::clean;
use flagdraft::store::Paths;
use flagdraft::store::drafts::{draft_path, load_drafts, parse_draft};
use flagdraft::store::workspace::Workspace;
use flagdraft::tui::app::{AUTOSAVE_MS, PASTE_CAP};
use flagdraft::tui::keymap::Context;
use flagdraft::tui::msg::Msg;
use flagdraft::tui::screens::Route;

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

/// The harness on the Step 1 draft, whose text is in `PART`.
impl Harness {
    /// The demo applicant's Step 1 draft open in the editor, on its empty part.
    fn open() -> Self {
        let mut h = Self::demo_loaded();
        h.press(&format!("{}<enter><enter>", to_step1()));
        assert_eq!(h.app.route, Route::Draft);
        assert_eq!(h.app.context(), Context::Editor);
        assert_eq!(h.app.draft.as_ref().unwrap().flag, FLAG);
        assert_eq!(h.part(), "", "the editor opens on the empty part");
        assert!(!h.app.has_unsaved());
        h
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
}

/// The Step 1 draft holding the sentence, saved by quitting the app.
fn saved_sentence() -> Harness {
    let mut h = Harness::open();
    h.msg(Msg::Paste(sentence()));
    h.press("<ctrl-c>");
    assert!(h.app.quitting());
    assert_eq!(h.draft().part(PART), sentence());
    assert_eq!(h.saved_part(), sentence(), "quitting saved it at once");
    h
}

/// What `flagdraft export FLAG --as eras --force` prints.
fn exported(paths: &Paths) -> Vec<u8> {
    export_eras(&paths.data, &paths.config, FLAG)
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
    let screen = h.screen_text(120, 30);
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
            "I failed USMLE Step 1 in March 2019 and scored 217 on USMLE Step 2 CK in June 2020. \
             {} I passed USMLE Step 1 in September 2019.\n",
            sentence()
        )
    );
}

#[test]
fn the_clipboard_gets_text_of_any_script_byte_for_byte() {
    let h = saved_sentence();
    let t = Tmux::start(
        "export",
        &tmux::CLIPBOARD,
        &h.paths.data,
        &h.paths.config,
        &format!(
            "{} export {FLAG} --as eras --clipboard --force > /dev/null && echo DONE",
            env!("CARGO_BIN_EXE_flagdraft")
        ),
    );
    t.wait_for("DONE");
    let copied = t.buffer(Duration::ZERO);
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
    let screen = h.screen_text(100, 30);
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
        h.press(undo);
        assert_eq!(h.part(), before, "one {undo} takes the whole paste back");
    }
    // In the middle of a line too.
    h.press("<home><right><right>");
    h.msg(Msg::Paste("a\r\nb\rc".into()));
    assert_eq!(h.part(), format!("Av{}ant : 中文 é ", "a\nb\nc"));
    h.press("<ctrl-z>");
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
    h.press("<home><ctrl-g><esc>i");
    assert!(h.app.prompt.is_some());
    let reason = "citing the score report: 中文, e\u{301}, שלום";
    h.msg(Msg::Paste(reason.into()));
    assert_eq!(h.part(), "The exam was unfair.", "the draft is untouched");
    let prompt = h.app.prompt.as_ref().unwrap().lines().join(" ");
    assert_eq!(prompt, reason);
    h.press("<enter>");
    let d = h.draft();
    assert_eq!(d.dismissed.len(), 1);
    assert_eq!(d.dismissed[0].reason, reason);
}

#[test]
fn a_paste_loses_its_invisible_characters_but_keeps_the_joiners_of_emoji_and_scripts() {
    let mut h = Harness::open();
    let pasted = "I \u{202E}failed\u{202C} Step 1\u{200B} in \u{2066}2019\u{2069}.\u{FEFF} \
                  pa\u{200D}ssed\u{200E}\u{2028}👩🏽\u{200d}⚕\u{fe0f} می\u{200c}خواهم";
    let cleaned = "I failed Step 1 in 2019. passed\n👩🏽\u{200d}⚕\u{fe0f} می\u{200c}خواهم";
    h.msg(Msg::Paste(pasted.into()));
    assert_eq!(h.part(), cleaned);
}

#[test]
fn an_invisible_character_typed_is_flagged_and_never_reaches_the_eras_text() {
    let mut h = Harness::open();
    let typed = "I relied on \u{202E}rereading\u{202C} notes.";
    h.type_text(typed);
    assert_eq!(h.part(), typed, "typed text is kept as typed");
    let ws = h.app.ws.as_ref().unwrap();
    let report = ws.report(h.draft());
    let found: Vec<_> = report
        .in_part(PART)
        .filter(|f| f.rule == "invisible_characters")
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].excerpt, "\u{202E}");
    assert_eq!(&typed[found[0].start..found[0].end], "\u{202E}");
    assert!(
        found[0].message.contains("right-to-left override, U+202E"),
        "{}",
        found[0].message
    );
    h.press("<ctrl-c>");
    assert!(h.app.quitting());
    assert_eq!(h.saved_part(), typed);
    let stdout = String::from_utf8(exported(&h.paths)).unwrap();
    assert!(stdout.contains("I relied on rereading notes."), "{stdout}");
    assert!(!stdout.contains(['\u{202E}', '\u{202C}']), "{stdout:?}");
}
