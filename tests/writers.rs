//! Other writers are noticed: a file changed on disk by another program while it is
//! open, a second copy of a draft left by a sync tool, a hand-edited profile that no
//! longer loads, and a second `init --force`. In each, no version is lost.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::demo::to_step1;
use common::harness::{Harness, NOW};
use common::home::{Home, mode, stderr};
use flagdraft::core::draft::Draft;
use flagdraft::store;
use flagdraft::store::drafts::{draft_path, load_drafts, parse_draft, to_ron};
use flagdraft::store::workspace::Workspace;
use flagdraft::tui::msg::Msg;

const STEP1: &str = "exam_failure:step1";

/// Every file in `dir` with its text, by name.
fn files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut all: Vec<(PathBuf, String)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    all.sort();
    all
}

fn holds(dir: &Path, text: &str) -> bool {
    files(dir).iter().any(|(_, t)| t == text)
}

fn read_draft(path: &Path) -> Draft {
    parse_draft(path, &fs::read_to_string(path).unwrap()).unwrap()
}

/// Put `text` at `path` as sync tools and editors do: a new file renamed over it.
fn rename_over(path: &Path, text: &str) {
    let incoming = path.with_file_name(".incoming-from-elsewhere");
    fs::write(&incoming, text).unwrap();
    fs::rename(&incoming, path).unwrap();
}

fn note(h: &Harness) -> String {
    h.app.note.as_ref().map(|n| n.0.clone()).unwrap_or_default()
}

#[test]
fn a_draft_renamed_over_while_open_is_kept_and_the_app_says_where() {
    let mut h = Harness::demo();
    let path = draft_path(&h.paths, STEP1);
    let mut theirs = read_draft(&path);
    theirs
        .parts
        .insert("reason".into(), "Words written on another machine.".into());
    let theirs = to_ron(&theirs);
    rename_over(&path, &theirs);

    h.feed(&format!("{}<enter><enter>Words typed here.", to_step1()));
    h.idle(1_000);
    assert!(h.app.unsaved.is_empty(), "the autosave ran");
    let shown = note(&h);
    assert!(shown.contains("changed by another program"), "{shown}");
    assert!(shown.contains(STEP1), "{shown}");
    let kept = files(&h.paths.drafts())
        .into_iter()
        .find(|(_, t)| *t == theirs)
        .map(|(p, _)| p)
        .expect("their version is kept");
    assert!(
        shown.contains(&kept.display().to_string()),
        "the message names where theirs is: {shown}"
    );
    assert_eq!(mode(&kept), 0o600);
    assert_eq!(read_draft(&path).part("reason"), "Words typed here.");

    // More saves of ours never reach their copy.
    for more in [" And more.", " And still more."] {
        h.feed(more);
        h.idle(1_000);
    }
    assert_eq!(fs::read_to_string(&kept).unwrap(), theirs);
    assert_eq!(
        read_draft(&path).part("reason"),
        "Words typed here. And more. And still more."
    );
    // Their copy is no second draft: it is reported as an older copy of this one.
    let (drafts, errors) = load_drafts(&h.paths);
    assert_eq!(drafts.iter().filter(|d| d.flag == STEP1).count(), 1);
    let d = drafts.iter().find(|d| d.flag == STEP1).unwrap();
    assert_eq!(
        d.part("reason"),
        "Words typed here. And more. And still more."
    );
    assert!(
        errors
            .iter()
            .any(|e| e.to_string().contains(&kept.display().to_string())),
        "{errors:?}"
    );
}

#[test]
fn a_draft_edited_in_place_while_open_is_kept_too() {
    let mut h = Harness::demo();
    let path = draft_path(&h.paths, STEP1);
    let mut theirs = read_draft(&path);
    theirs
        .parts
        .insert("reason".into(), "Edited in place.".into());
    let theirs = to_ron(&theirs);
    fs::write(&path, &theirs).unwrap();
    h.feed(&format!("{}<enter><enter>Ours.", to_step1()));
    h.idle(1_000);
    h.feed(" Ours again.");
    h.idle(1_000);
    assert!(holds(&h.paths.drafts(), &theirs));
    assert_eq!(read_draft(&path).part("reason"), "Ours. Ours again.");
}

#[test]
fn a_sync_tools_older_copy_neither_opens_nor_replaces_the_newest_text() {
    let mut h = Harness::fresh();
    store::write_profile_text(&h.paths, store::DEMO_PROFILE, false).unwrap();
    let mut ws = Workspace::open(h.paths.clone(), "2026-11".parse().unwrap()).unwrap();
    ws.sync_drafts(NOW, true);
    let path = draft_path(&h.paths, STEP1);
    let mut newest = read_draft(&path);
    newest.seq = 7;
    newest
        .parts
        .insert("reason".into(), "The newest words, kept whole.".into());
    let newest = to_ron(&newest);
    fs::write(&path, &newest).unwrap();
    let mut older = read_draft(&path);
    older.seq = 6;
    older.parts.insert("reason".into(), "Older words.".into());
    let older = to_ron(&older);
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let copy = path.with_file_name(format!("{stem} (conflicted copy 2026-11-30).ron"));
    fs::write(&copy, &older).unwrap();

    let ws = Workspace::open(h.paths.clone(), "2026-11".parse().unwrap()).unwrap();
    assert_eq!(ws.drafts.iter().filter(|d| d.flag == STEP1).count(), 1);
    assert_eq!(
        ws.draft(STEP1).unwrap().part("reason"),
        "The newest words, kept whole."
    );
    let warning = ws
        .warnings
        .iter()
        .map(ToString::to_string)
        .find(|w| w.contains("conflicted copy"))
        .expect("the second copy is reported");
    assert!(warning.contains(&copy.display().to_string()), "{warning}");
    assert!(warning.contains(&path.display().to_string()), "{warning}");
    h.msg(Msg::Loaded(Box::new(ws)));
    assert!(note(&h).contains("conflicted copy"), "{}", note(&h));

    h.feed(&format!("{}<enter><enter>Typed after.", to_step1()));
    h.idle(1_000);
    assert!(h.app.unsaved.is_empty(), "the autosave ran");
    let saved = read_draft(&path);
    assert_eq!(saved.part("reason"), "The newest words, kept whole.");
    assert!(saved.parts.values().any(|t| t.contains("Typed after.")));
    assert_eq!(fs::read_to_string(&copy).unwrap(), older, "never written");
}

#[test]
fn a_broken_hand_edit_of_the_profile_is_kept_through_two_saves_from_the_app() {
    let mut h = Harness::demo();
    let profile = h.paths.profile();
    // The app's first save: the original is the backup.
    h.feed("p<enter><ctrl-a><ctrl-k>First Save<enter><ctrl-s>");
    assert!(holds(&h.paths.data, store::DEMO_PROFILE));
    // A hand edit that no longer loads, made while the app is open.
    let broken =
        "Profile(\n    version: 1,\n    name: Some(\"Hand edit\"),\n    graduation: \"2019-13\",\n";
    fs::write(&profile, broken).unwrap();
    h.feed("<enter><ctrl-a><ctrl-k>Second Save<enter><ctrl-s>");
    let shown = note(&h);
    assert!(
        shown.contains("profile was changed by another program"),
        "{shown}"
    );
    h.feed("<enter><ctrl-a><ctrl-k>Third Save<enter><ctrl-s>");
    assert!(holds(&h.paths.data, broken), "the hand edit is kept");
    assert!(holds(&h.paths.data, store::DEMO_PROFILE), "the backup too");
    let kept = files(&h.paths.data)
        .into_iter()
        .find(|(_, t)| t == broken)
        .unwrap()
        .0;
    assert!(shown.contains(&kept.display().to_string()), "{shown}");
    let saved = store::load_profile(&profile).unwrap();
    assert_eq!(saved.name.as_deref(), Some("Third Save"));
    for (path, _) in files(&h.paths.data) {
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
}

#[test]
fn init_force_twice_keeps_the_original_profile() {
    let home = Home::new();
    home.ok(&["init", "--demo"]);
    let profile = home.data().join("profile.ron");
    let original = fs::read_to_string(&profile)
        .unwrap()
        .replace("Nadia Rahmé", "Nadia, as she filled it in");
    fs::write(&profile, &original).unwrap();
    home.ok(&["init", "--force"]);
    home.ok(&["init", "--demo", "--force"]);
    let out = home.ok(&["init", "--force"]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let backups: Vec<(PathBuf, String)> = files(&home.data())
        .into_iter()
        .filter(|(p, _)| p.to_string_lossy().contains("profile.ron.bak"))
        .collect();
    assert!(
        backups.iter().any(|(_, t)| *t == original),
        "the original is in one of {backups:?}"
    );
    for (path, _) in &backups {
        assert_eq!(mode(path), 0o600, "{}", path.display());
    }
}
