//! Words in order: every edit numbered, steady typing saved, no write of older words
//! over newer ones, recovery that only moves forward, the profile form protected, and
//! failed saves that wait before trying again.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::Path;

use common::demo::to_step1;
use common::harness::Harness;
use flagdraft::core::draft::Draft;
use flagdraft::store::drafts::{
    Recovery, draft_path, load_drafts, recovery_path, save_draft, save_recovery, take_recovery,
};
use flagdraft::store::{Paths, StoreError};
use flagdraft::tui::app::{AUTOSAVE_MAX_MS, SETTLE_MAX_MS};
use flagdraft::tui::guard;
use flagdraft::tui::msg::Effect;

const FLAG: &str = "exam_failure:step1";

fn on_disk(paths: &Paths) -> Draft {
    let (drafts, errors) = load_drafts(paths);
    assert!(errors.is_empty(), "{errors:?}");
    drafts.into_iter().find(|d| d.flag == FLAG).unwrap()
}

/// Open the Step 1 draft at its first empty part ("Why, in your part").
fn open_draft(h: &mut Harness) {
    h.feed(&format!("{}<enter><enter>", to_step1()));
    assert_eq!(h.app.draft.as_ref().unwrap().flag, FLAG);
}

/// Type `text` one key every `every` ms, the loop waking as it would.
fn type_steadily(h: &mut Harness, text: &str, every: u64) {
    for c in text.chars() {
        h.type_text(&c.to_string());
        h.idle(every);
    }
}

#[test]
fn steady_typing_reaches_the_draft_within_a_second_and_is_saved() {
    let mut h = Harness::demo();
    open_draft(&mut h);
    // One key every 0.1 s for 4 s: never a pause long enough to settle on.
    let text = "a steady typist never pauses long enough";
    type_steadily(&mut h, text, 100);
    let ws = h.app.ws.as_ref().unwrap();
    let part = ws.draft(FLAG).unwrap().part("reason").to_string();
    // What was typed more than a second ago is in the draft.
    let settled = text.len() - (SETTLE_MAX_MS / 100) as usize;
    assert!(
        part.len() >= settled,
        "the draft holds {} of {} characters",
        part.len(),
        text.len()
    );
    // And on disk, well before the typing stops.
    let saved = on_disk(&h.paths);
    let saved_len = saved.part("reason").len();
    assert!(
        saved_len >= text.len() - ((AUTOSAVE_MAX_MS + SETTLE_MAX_MS) / 100) as usize,
        "only {saved_len} characters were saved while typing"
    );
}

#[test]
fn the_recovery_copy_follows_every_key_within_a_second() {
    let mut h = Harness::demo();
    open_draft(&mut h);
    type_steadily(&mut h, "typed before a kill nine", 100);
    let copy = std::fs::read_to_string(recovery_path(&h.paths)).unwrap();
    assert!(copy.contains("typed before a kill n"), "{copy}");
}

#[test]
fn every_edit_is_numbered_and_a_settled_draft_holds_the_editors_number() {
    let mut h = Harness::demo();
    open_draft(&mut h);
    let before = h.app.ws.as_ref().unwrap().draft(FLAG).unwrap().seq;
    h.type_text("abc");
    let live = h.app.live_drafts();
    let live = live.iter().find(|d| d.flag == FLAG).unwrap();
    assert_eq!(live.part("reason"), "abc");
    assert!(live.seq > before, "{} > {before}", live.seq);
    h.idle(200);
    let settled = h.app.ws.as_ref().unwrap().draft(FLAG).unwrap().seq;
    assert!(settled >= live.seq, "{settled} >= {}", live.seq);
}

#[test]
fn a_save_is_never_rolled_back_by_an_older_copy() {
    let mut h = Harness::demo();
    open_draft(&mut h);
    h.type_text("first words");
    h.idle(200);
    // What the guard held before the burst.
    let stale = h.app.unsaved_copy();
    assert!(!stale.drafts.is_empty());
    h.type_text(" and a burst");
    h.press("<ctrl-s>");
    assert_eq!(on_disk(&h.paths).part("reason"), "first words and a burst");
    // A signal later: the guard writes its older copy.
    guard::save_copy(&h.paths, &stale);
    assert_eq!(on_disk(&h.paths).part("reason"), "first words and a burst");
}

#[test]
fn an_older_draft_never_replaces_a_newer_one_on_disk() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = Paths::under(tmp.path());
    let mut h = Harness::demo();
    let mut d = h.app.ws.as_mut().unwrap().draft(FLAG).unwrap().clone();
    d.parts.insert("reason".into(), "newer".into());
    d.seq = 9;
    save_draft(&paths, &d).unwrap();
    let mut older = d.clone();
    older.parts.insert("reason".into(), "older".into());
    older.seq = 4;
    let r = save_draft(&paths, &older).unwrap();
    assert!(r.kept_newer);
    let text = std::fs::read_to_string(draft_path(&paths, FLAG)).unwrap();
    assert!(text.contains("newer") && !text.contains("older"));
}

fn numbered(paths: &Paths, text: &str, seq: u64) -> Draft {
    let h = Harness::demo();
    let mut d = h.app.ws.as_ref().unwrap().draft(FLAG).unwrap().clone();
    d.parts.insert("reason".into(), text.into());
    d.seq = seq;
    let _ = paths;
    d
}

#[test]
fn recovery_offers_only_what_is_newer_than_the_saved_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = Paths::under(tmp.path());
    let saved = numbered(&paths, "saved later, longer", 12);
    save_draft(&paths, &saved).unwrap();
    let copy = Recovery {
        version: 0,
        drafts: vec![numbered(&paths, "copied earlier", 8)],
        form: None,
    };
    save_recovery(&paths, &copy).unwrap();
    let found = take_recovery(&paths, std::slice::from_ref(&saved)).unwrap();
    assert!(found.is_empty(), "an older copy is not offered");
    assert!(!recovery_path(&paths).exists(), "and is removed");
    let newer = Recovery {
        version: 0,
        drafts: vec![numbered(&paths, "typed after the save", 15)],
        form: None,
    };
    save_recovery(&paths, &newer).unwrap();
    let found = take_recovery(&paths, &[saved]).unwrap();
    assert_eq!(found.drafts.len(), 1);
    assert_eq!(found.drafts[0].part("reason"), "typed after the save");
}

#[test]
fn an_unreadable_recovery_copy_is_kept_under_a_new_name() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = Paths::under(tmp.path());
    std::fs::create_dir_all(&paths.data).unwrap();
    let broken = "Recovery(version: 1, drafts: [Draft(flag: \"x\", parts: {\"reason\": \"my words";
    std::fs::write(recovery_path(&paths), broken).unwrap();
    let err = take_recovery(&paths, &[]).unwrap_err();
    let StoreError::SetAside { path, .. } = &err else {
        panic!("{err}");
    };
    assert!(err.to_string().contains("recovery.unreadable.ron"), "{err}");
    assert_eq!(std::fs::read_to_string(path).unwrap(), broken);
    assert!(!recovery_path(&paths).exists());
    // A new copy never touches the one set aside.
    save_recovery(&paths, &Recovery::default()).unwrap();
    assert_eq!(std::fs::read_to_string(path).unwrap(), broken);
}

#[test]
fn recovering_keeps_the_saved_text_as_a_backup() {
    let mut h = Harness::demo();
    open_draft(&mut h);
    h.type_text("saved words");
    h.press("<ctrl-s>");
    let mut newer = on_disk(&h.paths);
    newer
        .parts
        .insert("reason".into(), "recovered words".into());
    newer.seq += 5;
    let found = Recovery {
        version: 0,
        drafts: vec![newer],
        form: None,
    };
    h.msg(flagdraft::tui::msg::Msg::RecoveryFound(found));
    h.press("r");
    assert_eq!(on_disk(&h.paths).part("reason"), "recovered words");
    let bak = std::fs::read_to_string(bak_of(&draft_path(&h.paths, FLAG))).unwrap();
    assert!(bak.contains("saved words"), "{bak}");
}

fn bak_of(path: &Path) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    name.into()
}

#[test]
fn profile_form_edits_are_in_the_copy_and_saved_or_kept_at_the_end() {
    let mut h = Harness::demo();
    h.feed("p");
    assert!(h.app.profile.is_some(), "p opens the profile form");
    // Edit the first text field, and leave it half typed.
    h.feed("<enter>");
    h.type_text(" Q");
    let copy = h.app.unsaved_copy();
    let form = copy.form.expect("the form's typing is in the copy");
    assert!(form.iter().flatten().flatten().any(|v| v.ends_with(" Q")));
    let last = h.app.emergency_saves();
    assert!(
        last.iter().any(|e| match e {
            Effect::SaveProfile(p) => p.name.as_deref().is_some_and(|n| n.ends_with(" Q")),
            Effect::WriteRecovery(r) => r.form.is_some(),
            _ => false,
        }),
        "{last:?}"
    );
}

#[test]
fn a_failed_save_waits_longer_each_time_instead_of_spinning() {
    let mut h = Harness::demo();
    open_draft(&mut h);
    // A folder where the draft's file should be: every save fails.
    let path = draft_path(&h.paths, FLAG);
    std::fs::remove_file(&path).ok();
    std::fs::create_dir_all(path.join("blocked")).unwrap();
    h.type_text("words that cannot be saved yet");
    h.press("<ctrl-s>");
    assert!(h.app.save_error.is_some());
    let mut waits = Vec::new();
    for _ in 0..4 {
        let wait = h.app.next_wake_ms().unwrap();
        waits.push(wait);
        h.idle(wait);
    }
    assert!(waits[0] >= 400, "{waits:?}");
    assert!(waits.windows(2).all(|w| w[1] > w[0]), "{waits:?}");
    // Once the way is clear, the next try saves.
    std::fs::remove_dir_all(&path).unwrap();
    let wait = h.app.next_wake_ms().unwrap();
    h.idle(wait);
    assert_eq!(
        on_disk(&h.paths).part("reason"),
        "words that cannot be saved yet"
    );
    assert!(h.app.save_error.is_none());
}

#[test]
fn words_committed_on_the_way_to_the_ready_question_are_saved_whatever_the_answer() {
    let mut h = Harness::demo();
    open_draft(&mut h);
    // Typed, then straight to r: the words reach the draft as the question is asked.
    h.type_text("Words typed just before asking to mark it ready");
    h.press("<esc>r");
    assert!(
        h.app.confirm.is_some(),
        "r asks first: the draft is not complete"
    );
    h.press("n");
    h.idle(flagdraft::tui::app::AUTOSAVE_MS + 1);
    assert!(
        on_disk(&h.paths)
            .part("reason")
            .contains("Words typed just before asking"),
        "the words were saved"
    );
}
