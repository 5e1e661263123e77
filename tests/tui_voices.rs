//! Wording a part for one output on the Draft screen, as a user would: `v` words the
//! part for the text in the preview, `L` leaves a part out of it, `V` lets it follow the
//! shared words again; the screen drawn while an output's wording is edited.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::demo::to_step1;
use common::harness::Harness;
use flagdraft::core::assemble::{Output, assemble};
use flagdraft::core::draft::Wording;

const STEP1: &str = "exam_failure:step1";
const SHARED: &str = "I had leaned on rereading notes instead of timed practice.";

/// The exam story open on its reason part, holding `SHARED`, the parts list focused.
fn reason_written() -> Harness {
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter><enter>{SHARED}<esc>", to_step1()));
    h
}

#[test]
fn a_part_worded_for_the_eras_text_leaves_the_shared_words_and_other_texts_alone() {
    let mut h = reason_written();
    h.feed("v<enter> Mine to fix.<esc>");
    let ws = h.app.ws.as_ref().unwrap();
    let d = ws.draft(STEP1).unwrap();
    assert_eq!(d.part("reason"), SHARED, "the shared words are untouched");
    assert_eq!(
        d.wording(Output::Eras, "reason"),
        Some(&Wording::Text(format!("{SHARED} Mine to fix.")))
    );
    let t = ws.templates.get(d.kind.family()).unwrap();
    assert!(assemble(d, t, Output::Eras).contains("Mine to fix."));
    assert!(!assemble(d, t, Output::Interview).contains("Mine to fix."));
    let screen = h.screen_text(100, 30);
    assert!(
        screen.contains("own words in 1 part") || screen.contains("· ✎ 1"),
        "the preview says the ERAS text has words of its own:\n{screen}"
    );

    // Back to the shared words, then the ERAS text follows them again (asked first,
    // as that drops words).
    h.feed("v");
    assert_eq!(h.app.draft.as_ref().unwrap().voice, None);
    h.feed("V");
    assert!(h.app.confirm.is_some(), "dropping own words is asked first");
    h.feed("y");
    let d = h.app.ws.as_ref().unwrap().draft(STEP1).unwrap();
    assert!(d.follows_shared(Output::Eras));
    assert_eq!(d.part("reason"), SHARED);
}

#[test]
fn a_part_left_out_of_the_eras_text_is_marked_and_put_back() {
    let mut h = reason_written();
    // Down to the last part, the Med-Peds link, and leave it out of the ERAS text.
    h.feed("G");
    h.feed("L");
    let d = h.app.ws.as_ref().unwrap().draft(STEP1).unwrap();
    assert_eq!(d.wording(Output::Eras, "link"), Some(&Wording::Left));
    let screen = h.screen_text(100, 30);
    assert!(screen.contains(" –"), "{screen}");
    h.feed("L");
    let d = h.app.ws.as_ref().unwrap().draft(STEP1).unwrap();
    assert!(d.follows_shared(Output::Eras));
}

#[test]
fn the_draft_screen_editing_an_outputs_wording() {
    let mut h = reason_written();
    h.feed("v<enter> Mine to fix.");
    for (w, ht) in [(100, 30), (80, 24)] {
        let text = h.screen_text(w, ht);
        assert!(
            text.contains("ERAS text only") || text.contains("· ERAS"),
            "{w}x{ht}:\n{text}"
        );
        insta::assert_snapshot!(format!("voice_{w}x{ht}"), text);
    }
}

#[test]
fn n_goes_to_a_finding_in_an_outputs_own_words_with_those_words_in_the_editor() {
    let mut h = reason_written();
    // Word the reason for the ERAS text with a placeholder left in, then go back to
    // the shared words and move to the next finding from the first part.
    h.feed("v<enter> It began in [month].<esc>v");
    assert_eq!(h.app.draft.as_ref().unwrap().voice, None);
    h.feed("g");
    for _ in 0..12 {
        h.feed("n");
        let screen = h.app.draft.as_ref().unwrap();
        if let Some(f) = screen.finding.and_then(|i| screen.report.findings.get(i))
            && f.rule == "placeholder"
        {
            assert_eq!(f.output, Some(Output::Eras));
            assert_eq!(
                screen.voice,
                Some(Output::Eras),
                "the ERAS words are in the editor"
            );
            assert!(screen.editor.lines().join("\n").contains("[month]"));
            return;
        }
    }
    panic!("n never reached the placeholder in the ERAS wording");
}

#[test]
fn words_typed_just_before_v_capital_are_saved() {
    // Found by the UI fuzz test: typed words committed on the way to "follow the
    // shared words" were held but never saved.
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter><enter>Typed then V<tab>V", to_step1()));
    h.idle(10_000);
    let (on_disk, _) = flagdraft::store::drafts::load_drafts(&h.paths);
    let saved = on_disk.iter().find(|d| d.flag == STEP1).unwrap();
    let held = h.app.ws.as_ref().unwrap().draft(STEP1).unwrap();
    assert_eq!(saved.parts, held.parts);
    assert!(saved.parts.values().any(|t| t.contains("Typed then V")));
}
