//! The profile is the applicant's own: never locked out by a fact that cannot be true,
//! the demo kept out of the data folder, a blank start that invents nothing, starting
//! over with the old profile kept, drafts without a flag listed to keep or to trash, a
//! form that keeps the file's notes and every word typed, in plain words.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fs;
use std::path::Path;

use common::harness::Harness;
use common::tmux::{self, Tmux};
use flagdraft::core::month::YearMonth;
use flagdraft::core::rules::Rules;
use flagdraft::store::workspace::{ProfileState, Workspace};
use flagdraft::store::{self, Paths};
use flagdraft::tui::app::App;
use flagdraft::tui::keymap::Keymap;
use flagdraft::tui::msg::Msg;
use flagdraft::tui::screens::Route;
use flagdraft::tui::screens::orphans::orphans;
use flagdraft::tui::screens::profile::form::{self, Kind, Section, checked_profile};
use flagdraft::tui::theme::Theme;
use proptest::prelude::*;

const SIZES: [(u16, u16); 3] = [(100, 30), (80, 24), (60, 20)];

fn month() -> YearMonth {
    "2026-11".parse().unwrap()
}

/// Snapshots of the app at 100×30, 80×24 and 60×20.
fn three_sizes(h: &mut Harness, name: &str) {
    for (w, ht) in SIZES {
        h.msg(Msg::Resize(w, ht));
        insta::assert_snapshot!(format!("{name}_{w}x{ht}"), h.screen(w, ht));
    }
    h.msg(Msg::Resize(100, 30));
}

/// The demo's explained gap, made to end before it starts.
const GAP: &str = "Explained(start: \"2020-07\", end: \"2021-12\", reason: Immigration)";
const BACKWARDS_GAP: &str = "Explained(start: \"2020-07\", end: \"2019-12\", reason: Immigration)";

/// Every file of the drafts folder and what it holds.
fn drafts_on_disk(paths: &Paths) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fs::read_dir(paths.drafts())
        .map(|d| {
            d.map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    fs::read_to_string(e.path()).unwrap_or_default(),
                )
            })
            .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// The app started afresh on the folder of `h`, as the binary starts it.
fn restart(h: &mut Harness) {
    h.app = App::new(Theme::new(true), Keymap::default());
    h.msg(Msg::Resize(100, 30));
    let ws = Workspace::open_to_fix(h.paths.clone(), month()).unwrap();
    h.msg(Msg::Loaded(Box::new(ws)));
    h.idle(0);
}

// -- Never locked out ----------------------------------------------------------

#[test]
fn a_profile_that_breaks_a_rule_opens_in_the_form_at_the_field_with_the_drafts_intact() {
    let mut h = Harness::demo();
    let before = drafts_on_disk(&h.paths);
    assert!(!before.is_empty());
    let text = fs::read_to_string(h.paths.profile()).unwrap();
    assert!(text.contains(GAP));
    let broken = text.replace(GAP, BACKWARDS_GAP);
    fs::write(h.paths.profile(), &broken).unwrap();
    // The command line still refuses it, with where it is.
    let err = Workspace::open(h.paths.clone(), month()).unwrap_err();
    assert!(err.is_bad_input());
    assert!(err.to_string().contains("profile.ron:"), "{err}");

    restart(&mut h);
    assert_eq!(h.app.route, Route::Profile);
    let ws = h.app.ws.as_ref().unwrap();
    assert!(
        matches!(ws.state, ProfileState::Broken { .. }),
        "{:?}",
        ws.state
    );
    assert!(ws.flags.is_empty(), "nothing is detected on it");
    let screen = h.app.profile.as_ref().unwrap();
    assert_eq!(screen.section, 3, "the explained gaps");
    assert_eq!(screen.place(), (0, 1), "the first gap's end");
    let note = &h.app.note.as_ref().unwrap().0;
    assert!(note.contains("is before the start"), "{note}");
    let text = h.screen_text(100, 30);
    assert!(
        text.contains("✗ 2019-12 is before the start, 2020-07"),
        "{text}"
    );
    // Esc cannot leave to a Home with nothing on it; it says what to do.
    h.feed("<esc>");
    assert_eq!(h.app.route, Route::Profile);
    assert!(h.app.note.as_ref().unwrap().0.contains("fix the field"));
    assert_eq!(drafts_on_disk(&h.paths), before, "no draft was touched");
    assert_eq!(fs::read_to_string(h.paths.profile()).unwrap(), broken);

    // Fixed in the form and saved: the drafts are there again, as they were.
    h.feed("<enter><ctrl-a><ctrl-k>2021-12<enter><ctrl-s>");
    let ws = h.app.ws.as_ref().unwrap();
    assert_eq!(ws.state, ProfileState::Sound);
    for f in &ws.flags {
        assert_eq!(ws.drafts.iter().filter(|d| d.explains(&f.id)).count(), 1);
    }
    assert!(ws.drafts.iter().all(|d| !d.orphaned));
    let saved = store::load_profile(&h.paths.profile()).unwrap();
    assert_eq!(saved.gaps_explained[0].end.to_string(), "2021-12");
    h.feed("<esc>");
    assert_eq!(h.app.route, Route::Home);
}

#[test]
fn the_broken_profile_form_at_three_sizes() {
    let mut h = Harness::demo();
    let text = fs::read_to_string(h.paths.profile()).unwrap();
    fs::write(h.paths.profile(), text.replace(GAP, BACKWARDS_GAP)).unwrap();
    restart(&mut h);
    three_sizes(&mut h, "profile_broken");
}

#[test]
fn the_form_refuses_every_fact_the_loader_refuses_and_points_at_it() {
    let h = Harness::demo();
    let ws = h.app.ws.as_ref().unwrap();
    let p = &ws.profile;
    let rules = Rules::default();
    // (section, record, field, value) → the field pointed at.
    let cases: &[(usize, usize, usize, &str, &str)] = &[
        (3, 0, 1, "2019-12", "is before the start"),
        (2, 1, 3, "2019-01", "is before the start"),
        (4, 0, 2, "2016-01", "is before the incident"),
        (0, 0, 3, "2017", "before graduation"),
        (1, 2, 2, "2260", "pass, fail or a score"),
        (0, 0, 3, "2101", "a year from 1950 to 2100"),
    ];
    for (s, r, f, value, said) in cases {
        let mut form = form::sections(p);
        form[*s].records[*r][*f].value = (*value).into();
        let ((ps, pr, pf), why) = checked_profile(&form, p, &rules).unwrap_err();
        assert_eq!((ps, pr, pf), (*s, *r, *f), "{value}");
        let why = why.or_else(|| form[ps].records[pr][pf].error()).unwrap();
        assert!(why.contains(said), "{value}: {why}");
    }
}

/// A value for a field of `kind`, from the ones people type, right or wrong.
fn typed(kind: Kind, pick: usize) -> Option<&'static str> {
    // Mostly what would save, and some of what would not.
    let pool: &[&str] = match kind {
        Kind::Month { .. } => &[
            "2019-06", "2020-01", "2023-02", "2026-10", "2018-07", "2021-05", "2024-12", "2019-6",
            "2021-13", "", "soon", "1900-01",
        ],
        Kind::Year => &[
            "2027", "2026", "2028", "2025", "2019", "2100", "1949", "2101", "", "twenty",
        ],
        Kind::Result => &[
            "pass", "fail", "231", "245", "300", "1", "Pass", "2260", "0", "", "Score",
        ],
        Kind::Share => &["40%", "0.4", "", "100%", "0", "1.5", "-1"],
        Kind::Text => &[
            "Jane",
            "",
            "Ward \"A\" \\ x",
            "a, b",
            "Med-Peds clinic (2 years)",
        ],
        Kind::Choice(_) => return None,
    };
    Some(pool[pick % pool.len()])
}

#[derive(Clone, Debug)]
enum Edit {
    /// Set field `f` of record `r` of section `s` (all taken modulo what is there).
    Set(usize, usize, usize, usize),
    Add(usize),
    Delete(usize, usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    proptest::collection::vec(
        prop_oneof![
            6 => (0..7usize, 0..8usize, 0..10usize, 0..12usize)
                .prop_map(|(s, r, f, v)| Edit::Set(s, r, f, v)),
            2 => (0..7usize).prop_map(Edit::Add),
            1 => (0..7usize, 0..8usize).prop_map(|(s, r)| Edit::Delete(s, r)),
        ],
        0..10,
    )
}

fn apply(form: &mut [Section], edit: &Edit) {
    match *edit {
        Edit::Set(s, r, f, v) => {
            let section = &mut form[s % 7];
            let n = section.records.len();
            if n == 0 {
                return;
            }
            let record = &mut section.records[r % n];
            let m = record.len();
            let field = &mut record[f % m];
            match typed(field.kind, v) {
                Some(text) => field.value = text.to_string(),
                None => (0..=v).for_each(|_| field.cycle(true)),
            }
        }
        Edit::Add(s) => {
            let section = &mut form[s % 7];
            if section.list {
                section.records.push((section.blank)());
            }
        }
        Edit::Delete(s, r) => {
            let section = &mut form[s % 7];
            let n = section.records.len();
            if section.list && n > 0 {
                section.records.remove(r % n);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever the form lets the applicant save loads again: in the app
    /// (`Workspace::open`) and on the command line (`flagdraft detect`).
    #[test]
    fn any_profile_the_form_saves_loads_again_in_the_app_and_the_cli(
        blank in any::<bool>(),
        edits in edits(),
    ) {
        let demo = store::parse_profile(Path::new("demo"), store::DEMO_PROFILE).unwrap();
        let rules = Rules::default();
        let mut form = if blank { form::blank_sections(&demo) } else { form::sections(&demo) };
        if blank {
            // What a blank start needs before anything saves.
            let basics = &mut form[0].records[0];
            basics[1].cycle(true);
            basics[2].value = "2019-06".into();
            basics[3].value = "2027".into();
        }
        for edit in &edits {
            apply(&mut form, edit);
        }
        let Ok(profile) = checked_profile(&form, &demo, &rules) else {
            return Ok(());
        };
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        store::save_profile(&paths, &profile).unwrap();
        let ws = Workspace::open(paths.clone(), month());
        prop_assert!(ws.is_ok(), "{:?}", ws.err().map(|e| e.to_string()));
        let ws = ws.unwrap();
        prop_assert_eq!(&ws.state, &ProfileState::Sound);
        prop_assert_eq!(&ws.profile, &profile);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_flagdraft"))
            .args(["detect", "--as-of", "2026-11"])
            .env("FLAGDRAFT_DATA_DIR", &paths.data)
            .env("FLAGDRAFT_CONFIG_DIR", &paths.config)
            .output()
            .unwrap();
        prop_assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

// -- A profile is the user's own --------------------------------------------------

#[test]
fn the_welcome_screen_at_three_sizes() {
    let mut h = Harness::fresh();
    three_sizes(&mut h, "welcome_choices");
}

#[test]
fn the_demo_opens_in_a_throwaway_folder_and_says_so() {
    let mut h = Harness::fresh();
    h.feed("<enter>");
    assert_eq!(h.app.route, Route::Home);
    assert!(h.app.note.as_ref().unwrap().0.contains("throwaway folder"));
    assert!(!h.paths.data.exists(), "the data folder is not touched");
    let demo = h.rt.paths.clone();
    assert_ne!(demo, h.paths);
    assert!(demo.profile().exists(), "the demo's own folder");
    h.feed(&format!(
        "{}<enter><enter>Words typed in the demo.",
        common::demo::to_step1()
    ));
    h.feed("<esc><esc><esc>q");
    assert!(h.app.quitting());
    assert!(
        !h.paths.data.exists(),
        "nothing of the demo reached the data folder"
    );
    let root = demo.data.parent().unwrap().to_path_buf();
    assert!(
        root.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(flagdraft::exit::DEMO_PREFIX)
    );
    drop(h);
    assert!(!root.exists(), "the throwaway folder is removed");
}

#[test]
fn my_own_profile_starts_blank_and_invents_nothing() {
    let mut h = Harness::fresh();
    h.feed("j<enter>");
    assert_eq!(h.app.route, Route::Profile);
    assert!(
        !h.paths.profile().exists(),
        "nothing is written before a save"
    );
    let screen = h.app.profile.as_ref().unwrap();
    let basics = &screen.sections[0].records[0];
    for i in [1, 2, 3] {
        assert_eq!(
            basics[i].value, "",
            "{} is left for the applicant",
            basics[i].label
        );
    }
    assert!(screen.sections[1..].iter().all(|s| s.records.is_empty()));
    three_sizes(&mut h, "profile_blank");
    // Esc has no profile to go back to: it says so, and stays.
    h.feed("<esc>");
    assert_eq!(h.app.route, Route::Profile);
    // A save names what is missing, at the field.
    h.feed("<ctrl-s>");
    assert!(!h.paths.profile().exists());
    let note = h.app.note.as_ref().unwrap().0.clone();
    assert!(note.starts_with("Not saved: Citizenship"), "{note}");
    assert_eq!(h.app.profile.as_ref().unwrap().place(), (0, 1));
    three_sizes(&mut h, "profile_blank_refused");
    // Filled in: saved, and only these facts are in it.
    h.feed("<right><down><enter>2019-06<enter><down><enter>2027<enter><ctrl-s>");
    let saved = store::load_profile(&h.paths.profile()).unwrap();
    assert_eq!(saved.graduation.to_string(), "2019-06");
    assert_eq!(saved.application_year, 2027);
    assert_eq!(saved.visa, None);
    assert!(saved.exams.is_empty() && saved.activities.is_empty());
    let ws = h.app.ws.as_ref().unwrap();
    assert_eq!(ws.state, ProfileState::Sound);
    assert!(h.app.note.as_ref().unwrap().0.starts_with("Profile saved"));
    h.feed("<esc>");
    assert_eq!(h.app.route, Route::Home);
}

#[test]
fn starting_over_keeps_the_old_profile_and_lists_the_drafts_left_without_a_flag() {
    let mut h = Harness::demo();
    let old = fs::read_to_string(h.paths.profile()).unwrap();
    // N, then straight back: nothing changed.
    h.feed("pN");
    assert!(h.app.profile.as_ref().unwrap().fresh);
    assert!(
        h.app
            .note
            .as_ref()
            .unwrap()
            .0
            .contains("Nothing is replaced")
    );
    h.feed("<esc>");
    assert_eq!(h.app.route, Route::Home);
    assert_eq!(fs::read_to_string(h.paths.profile()).unwrap(), old);
    // N, filled in and saved: the old profile is the newest backup.
    h.feed("pN<down><right><down><enter>2024-06<enter><down><enter>2027<enter><ctrl-s>");
    let note = h.app.note.as_ref().unwrap().0.clone();
    assert!(note.contains("kept as profile.ron.bak"), "{note}");
    assert!(note.contains("drafts no longer match a flag"), "{note}");
    let bak = store::atomic::bak_path(&h.paths.profile(), 0);
    assert_eq!(fs::read_to_string(bak).unwrap(), old);
    let ws = h.app.ws.as_ref().unwrap();
    let orphans = ws.drafts.iter().filter(|d| d.orphaned).count();
    assert!(orphans > 0);
    h.feed("<esc>");
    assert_eq!(h.app.route, Route::Home);
    assert!(
        h.screen_text(100, 30)
            .contains("drafts without a flag: O lists them")
    );
}

#[test]
fn drafts_without_a_flag_are_kept_or_moved_to_the_trash_after_asking() {
    let mut h = Harness::demo_alone();
    // Give the Step 1 draft words of the applicant's own, then drop the failure.
    h.feed(&format!(
        "{}<enter><enter>My own words about the exam.<esc><esc><esc>",
        common::demo::to_step1_alone()
    ));
    h.idle(1_000);
    h.feed("p<tab><down><enter>");
    // Exam attempts: the failed sitting is the first; delete it and save.
    h.feed("d<ctrl-s><esc>");
    assert_eq!(h.app.route, Route::Home);
    let ws = h.app.ws.as_ref().unwrap();
    let orphan = ws.draft("exam_failure:step1").unwrap();
    assert!(orphan.orphaned);
    let file = store::drafts::draft_path(&h.paths, "exam_failure:step1");
    assert!(file.exists());
    h.feed("O");
    assert_eq!(h.app.route, Route::Orphans);
    let row = orphans(h.app.ws.as_ref().unwrap())
        .iter()
        .position(|d| d.flag == "exam_failure:step1")
        .unwrap();
    h.feed(&"j".repeat(row));
    let text = h.screen_text(100, 30);
    assert!(text.contains("A failed exam · 6 words of yours"), "{text}");
    assert!(text.contains("My own words about the exam."), "{text}");
    three_sizes(&mut h, "orphans");
    // d asks; any key but y keeps it.
    h.feed("dn");
    assert!(file.exists());
    assert!(
        h.app
            .ws
            .as_ref()
            .unwrap()
            .draft("exam_failure:step1")
            .is_some()
    );
    h.feed("d");
    let question = h.app.confirm.as_ref().unwrap().question.clone();
    assert!(question.contains("trash folder"), "{question}");
    h.feed("y");
    assert!(!file.exists());
    let trash = store::trash::trash_dir(&h.paths);
    let moved: Vec<String> = fs::read_dir(&trash)
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert_eq!(moved.len(), 1);
    assert!(moved[0].contains("My own words about the exam."));
    assert!(
        h.app
            .ws
            .as_ref()
            .unwrap()
            .draft("exam_failure:step1")
            .is_none()
    );
    assert!(h.app.note.as_ref().unwrap().0.contains("trash folder"));
}

#[test]
fn saving_from_the_form_keeps_the_notes_of_the_file() {
    let mut h = Harness::demo();
    h.feed("p<enter><ctrl-a><ctrl-k>Nadia R.<enter><ctrl-s>");
    let text = fs::read_to_string(h.paths.profile()).unwrap();
    assert!(text.contains("name: Some(\"Nadia R.\"),"), "{text}");
    for note in [
        "// Your profile: the facts flagdraft reads",
        "// NonUs | UsCitizen | PermanentResident",
        "// month you graduated from medical school",
        "// application_year: the ERAS season, named by the year training would start.",
        "// result: Pass | Fail | Score(236); add one Attempt per sitting",
        "// reason: Immigration | ExamPrep | Family | Health | Service | Other",
    ] {
        assert!(text.contains(note), "{note} is gone:\n{text}");
    }
}

#[test]
fn esc_while_typing_keeps_the_words_and_every_message_says_what_was_saved() {
    let mut h = Harness::demo();
    h.feed("p<enter><ctrl-a><ctrl-k>Nadia R.<esc>");
    let screen = h.app.profile.as_ref().unwrap();
    assert!(!screen.is_editing());
    assert_eq!(screen.sections[0].records[0][0].value, "Nadia R.");
    let note = h.app.note.as_ref().unwrap().0.clone();
    assert!(
        note.contains("Kept what you typed; not saved yet"),
        "{note}"
    );
    assert!(
        fs::read_to_string(h.paths.profile())
            .unwrap()
            .contains("Nadia Rahmé")
    );
    // Leaving saves, and says so.
    h.feed("<esc>");
    assert_eq!(h.app.route, Route::Home);
    assert!(h.app.note.as_ref().unwrap().0.starts_with("Profile saved"));
    assert!(
        fs::read_to_string(h.paths.profile())
            .unwrap()
            .contains("Nadia R.\"")
    );

    // A deleted entry: the message no longer claims leaving keeps the old profile.
    h.feed("p<tab><down><down><down><enter>d");
    let note = h.app.note.as_ref().unwrap().0.clone();
    assert!(note.contains("deleted; not saved yet"), "{note}");
    assert!(!note.contains("keeps the old profile"), "{note}");
    assert_eq!(
        store::load_profile(&h.paths.profile())
            .unwrap()
            .gaps_explained
            .len(),
        1
    );
    h.feed("<esc>");
    assert!(h.app.note.as_ref().unwrap().0.starts_with("Profile saved"));
    assert!(
        store::load_profile(&h.paths.profile())
            .unwrap()
            .gaps_explained
            .is_empty()
    );
}

#[test]
fn the_form_shows_choices_in_plain_words_and_the_file_keeps_its_own() {
    let mut h = Harness::demo();
    h.feed("p");
    let text = h.screen_text(100, 30);
    for words in ["‹ Non-US citizen ›", "‹ not sure yet ›", "‹ 3 ›"] {
        assert!(text.contains(words), "{words}:\n{text}");
    }
    assert!(!text.contains("NonUs"), "{text}");
    h.feed("<tab><down><enter>");
    let text = h.screen_text(100, 30);
    assert!(text.contains("‹ Step 2 CK ›"), "{text}");
    assert!(!text.contains("Step2Ck"), "{text}");
    h.feed("<tab><down><enter>");
    let text = h.screen_text(100, 30);
    for words in [
        "‹ clinical work ›",
        "‹ exam preparation ›",
        "‹ another field ›",
    ] {
        assert!(text.contains(words), "{words}:\n{text}");
    }
    assert!(!text.contains("ExamPrep"), "{text}");
    three_sizes(&mut h, "profile_activities");
    h.feed("<tab><down><down><down><down><enter>");
    let text = h.screen_text(100, 30);
    assert!(text.contains("‹ internal medicine ›"), "{text}");
    // A choice changed in the form is written as the file's word.
    h.feed("<esc>p<down><right><ctrl-s>");
    let saved = fs::read_to_string(h.paths.profile()).unwrap();
    assert!(saved.contains("citizenship: UsCitizen,"), "{saved}");
}

// -- The real binary ----------------------------------------------------------------

#[test]
fn a_profile_with_a_gap_that_ends_before_it_starts_opens_the_form_at_that_field() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir_all(&data).unwrap();
    // Written by hand, as a user would.
    let profile = "Profile(\n    version: 1,\n    name: \"Jane Doe\",\n    citizenship: NonUs,\n    graduation: \"2018-06\",\n    application_year: 2027,\n    gaps_explained: [\n        Explained(start: \"2022-01\", end: \"2021-06\", reason: Family),\n    ],\n)\n";
    fs::write(data.join("profile.ron"), profile).unwrap();
    let bin = env!("CARGO_BIN_EXE_flagdraft");
    let out = std::process::Command::new(bin)
        .arg("detect")
        .env("FLAGDRAFT_DATA_DIR", &data)
        .env("FLAGDRAFT_CONFIG_DIR", data.join("cfg"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "the command line still refuses it"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("profile.ron:8:"));

    let t = Tmux::start("lockout", &tmux::APP, &data, &data.join("cfg"), bin);
    t.wait_for("Explained gaps");
    t.wait_for("✗ 2021-06 is before the start, 2022-01");
    assert!(t.alive(), "the app runs");
    // Fixed in the form: Enter opens the marked field.
    t.keys(&["Enter", "C-a", "C-k"]);
    t.type_text("2022-06");
    t.keys(&["Enter", "C-s"]);
    t.wait_for("Profile saved");
    t.keys(&["Escape"]);
    t.wait_for("drafts ready");
    t.keys(&["q"]);
    t.wait_gone();
    let saved = store::load_profile(&data.join("profile.ron")).unwrap();
    assert_eq!(saved.gaps_explained[0].end.to_string(), "2022-06");
}

#[test]
fn the_welcome_demo_in_the_real_app_leaves_the_data_folder_empty_and_no_folder_behind() {
    let root = tempfile::tempdir().unwrap();
    let tmp = root.path().join("tmp");
    fs::create_dir(&tmp).unwrap();
    let data = root.path().join("data");
    let cmd = format!(
        "TMPDIR='{}' {}",
        tmp.display(),
        env!("CARGO_BIN_EXE_flagdraft")
    );
    let t = Tmux::start("welcome-demo", &tmux::APP, &data, &data.join("cfg"), &cmd);
    t.wait_for("Welcome to flagdraft");
    t.keys(&["Enter"]);
    t.wait_for("throwaway folder");
    t.wait_for("Nadia");
    let demo: Vec<_> = fs::read_dir(&tmp)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(demo.len(), 1, "the demo's own folder");
    assert!(demo[0].join("data/profile.ron").exists());
    let pid = t.pane_pid();
    assert!(
        std::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .unwrap()
            .success()
    );
    t.wait_gone();
    let left: Vec<_> = fs::read_dir(&tmp).unwrap().collect();
    assert!(left.is_empty(), "the throwaway folder is removed");
    let profile_or_drafts = data.join("profile.ron").exists() || data.join("drafts").exists();
    assert!(
        !profile_or_drafts,
        "nothing of the demo is in the data folder"
    );
}
