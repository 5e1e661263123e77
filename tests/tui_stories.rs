//! Stories on Home, driven through the app as a user would: two stories explained
//! together (J) and a flag set apart again (B), with every word kept and the files on
//! disk following; the choice drawn at two sizes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::demo::row_of;
use common::harness::{Harness, NOW};
use flagdraft::store::drafts::{draft_path, load_drafts};
use flagdraft::store::trash::trash_dir;

const USCE: &str = "limited_usce";
const VISA: &str = "visa_plan";
const INSIGHT: &str =
    "On rounds in Ohio I learned to close the loop with the nurses before I left.";
const PROGRAMS: &str = "I applied only where the program has sponsored a J-1 resident before.";

/// The demo on Home with words of the applicant's own in the experience and visa
/// drafts, saved.
fn with_words() -> Harness {
    let mut h = Harness::demo();
    h.draft_mut(USCE).set_part("insight", INSIGHT.into(), NOW);
    h.draft_mut(VISA).set_part("programs", PROGRAMS.into(), NOW);
    for id in [USCE, VISA] {
        let d = h.app.ws.as_ref().unwrap().draft(id).unwrap().clone();
        flagdraft::store::drafts::save_draft(&h.paths, &d).unwrap();
    }
    h
}

/// The index of the option `id` in the choice asked over Home.
fn option(h: &Harness, id: &str) -> usize {
    let c = h.app.home.choosing.as_ref().expect("a choice is asked");
    c.options.iter().position(|(o, _)| o == id).unwrap()
}

#[test]
fn two_stories_joined_then_set_apart_keep_every_word_and_their_files() {
    let mut h = with_words();
    h.feed(&format!("{}J", "j".repeat(row_of(USCE))));
    let screen = h.screen_text(100, 30);
    assert!(screen.contains("Explain together"), "{screen}");
    let down = "j".repeat(option(&h, VISA));
    h.feed(&format!("{down}<enter>"));
    assert!(h.app.home.choosing.is_none());

    // One draft explains both, with both applicant's words, and the visa draft's file
    // is in the trash folder.
    let ws = h.app.ws.as_ref().unwrap();
    assert!(ws.draft(VISA).is_none());
    let joined = ws.draft(USCE).unwrap();
    assert!(joined.explains(VISA));
    let all: String = joined
        .parts
        .values()
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains(INSIGHT) && all.contains(PROGRAMS), "{all}");
    assert!(
        all.find(INSIGHT) < all.find(PROGRAMS),
        "the story's own words first"
    );
    assert!(!draft_path(&h.paths, VISA).exists());
    let trashed: Vec<_> = std::fs::read_dir(trash_dir(&h.paths)).unwrap().collect();
    assert_eq!(trashed.len(), 1);
    let (on_disk, errors) = load_drafts(&h.paths);
    assert!(errors.is_empty(), "{errors:?}");
    let saved = on_disk.iter().find(|d| d.flag == USCE).unwrap();
    assert_eq!(saved.covers, [VISA]);
    assert_eq!(saved.version, 2);
    assert!(on_disk.iter().all(|d| d.flag != VISA));
    let screen = h.screen_text(100, 30);
    assert!(
        screen.contains("Unclear visa plan ·\u{a0}2\u{a0}flags"),
        "{screen}"
    );

    // Set apart again: the visa plan gets a draft of its own, the words stay.
    h.feed("B");
    let screen = h.screen_text(100, 30);
    assert!(screen.contains("Explain on its own"), "{screen}");
    let down = "j".repeat(option(&h, VISA));
    h.feed(&format!("{down}<enter>"));
    let ws = h.app.ws.as_ref().unwrap();
    let kept = ws.draft(USCE).unwrap();
    assert!(!kept.explains(VISA));
    let all: String = kept.parts.values().cloned().collect::<Vec<_>>().join("\n");
    assert!(all.contains(INSIGHT) && all.contains(PROGRAMS), "{all}");
    let apart = ws.draft(VISA).unwrap();
    assert!(apart.covers.is_empty());
    let (on_disk, _) = load_drafts(&h.paths);
    assert_eq!(on_disk.iter().find(|d| d.flag == USCE).unwrap().version, 1);
    assert!(on_disk.iter().any(|d| d.flag == VISA));
}

#[test]
fn esc_lets_the_choice_be_and_a_story_of_one_flag_has_nothing_to_set_apart() {
    let mut h = with_words();
    h.feed(&format!("{}J", "j".repeat(row_of(USCE))));
    h.feed("<esc>");
    assert!(h.app.home.choosing.is_none());
    assert_eq!(h.app.ws.as_ref().unwrap().drafts.len(), 5);
    h.feed("B");
    assert!(h.app.home.choosing.is_none());
    let note = &h.app.note.as_ref().unwrap().0;
    assert!(note.contains("one flag only"), "{note}");
    // q closes the choice rather than quitting.
    h.feed("Jq");
    assert!(h.app.home.choosing.is_none());
    assert!(!h.app.quitting());
}

#[test]
fn the_choice_is_drawn_whole() {
    let mut h = with_words();
    h.feed(&format!("{}J", "j".repeat(row_of(USCE))));
    for (w, ht) in [(100, 30), (80, 24)] {
        insta::assert_snapshot!(format!("join_{w}x{ht}"), h.screen_text(w, ht));
    }
}

#[test]
fn a_story_draft_is_one_text_measured_against_its_field() {
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter><enter>", "j".repeat(row_of("yog_gap"))));
    assert_eq!(h.app.route, flagdraft::tui::screens::Route::Draft);
    // The timeline opens with every gap dated in one sentence; the applicant's words
    // go into the part after it, and take the text over its field.
    h.feed(
        "My visa papers kept me out of clinical work twice, and each time I kept \
         studying and volunteering at a family clinic until the approval came.<esc>",
    );
    let ws = h.app.ws.as_ref().unwrap();
    let d = ws.draft("yog_gap").unwrap();
    assert!(d.explains("training_gap:2020-07") && d.explains("training_gap:2023-06"));
    for (w, ht) in [(100, 30), (80, 24), (60, 20)] {
        let text = h.screen_text(w, ht);
        assert!(text.contains("The timeline"), "{w}x{ht}:\n{text}");
        insta::assert_snapshot!(format!("story_draft_{w}x{ht}"), text);
    }
    // Wide enough, the meter says by how much it is over and which part is longest.
    let wide = h.screen_text(160, 40);
    assert!(wide.contains(" over"), "{wide}");
}
