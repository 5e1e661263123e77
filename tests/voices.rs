//! Three outputs, three voices: shared parts, each output's own wording of a part, each
//! text coached as itself, and files that keep every earlier draft loadable.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::Path;

use flagdraft::core::assemble::{Output, assemble, char_count, eras_fit};
use flagdraft::core::coach::Coach;
use flagdraft::core::draft::{DRAFT_VERSION, Draft, Wording};
use flagdraft::core::eras::ErasFields;
use flagdraft::core::flag::{FlagKind, Venue};
use flagdraft::core::stamp::Stamp;
use flagdraft::core::template::{Template, Templates};
use flagdraft::store::drafts::{parse_draft, to_ron};

const NOW: Stamp = Stamp(1_796_000_000);

/// Shared parts rich enough for the statement and the interview: their ERAS text runs
/// to about 700 characters.
fn rich() -> Draft {
    let parts = [
        (
            "fact",
            "I failed USMLE Step 1 in March 2019 and passed it in September 2019 on my second attempt.",
        ),
        (
            "reason",
            "I had prepared by rereading my notes for months and had done almost no timed practice, so the pace of the real exam caught me unready; that choice was mine.",
        ),
        (
            "actions",
            "I rebuilt my preparation around forty timed questions every morning, reviewed each wrong answer with a tutor once a week, and took a full practice test every fortnight.",
        ),
        (
            "result",
            "I passed Step 1 in September 2019 and Step 2 CK in June 2020, and I have kept the same timed routine for every exam since.",
        ),
        (
            "link",
            "Med-Peds ends in two board exams, and the planning habit I built is how I will prepare for both while caring for children and adults.",
        ),
    ];
    Draft {
        version: 1,
        flag: "exam_failure:step1".into(),
        covers: Vec::new(),
        kind: FlagKind::ExamFailure,
        status: Default::default(),
        field: None,
        venues: vec![Venue::Eras, Venue::Statement, Venue::Interview],
        fold_typography: true,
        parts: parts
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        prefilled: BTreeMap::new(),
        orphaned: false,
        dismissed: Vec::new(),
        wordings: BTreeMap::new(),
        created: NOW,
        updated: NOW,
        seq: 1,
        read_only: false,
    }
}

fn academic() -> Template {
    Templates::embedded()
        .get(flagdraft::core::flag::Family::Academic)
        .unwrap()
        .clone()
}

/// The concise ERAS wording of each part, under 480 characters in all.
fn concise(d: &mut Draft) {
    for (key, text) in [
        ("fact", "I failed USMLE Step 1 in March 2019."),
        (
            "reason",
            "I had relied on rereading, with almost no timed practice; that was my choice to correct.",
        ),
        (
            "actions",
            "I switched to daily timed question blocks, weekly tutor review and regular practice tests.",
        ),
        (
            "result",
            "I passed Step 1 in September 2019 and Step 2 CK in June 2020.",
        ),
    ] {
        d.set_wording(Output::Eras, key, Wording::Text(text.into()), NOW);
    }
    d.set_wording(Output::Eras, "link", Wording::Left, NOW);
}

fn rules_said(d: &Draft, output: Output) -> Vec<String> {
    Coach::embedded()
        .check_draft(d, &academic(), &ErasFields::embedded(), None)
        .findings
        .into_iter()
        .filter(|f| f.output == Some(output))
        .map(|f| f.rule)
        .collect()
}

#[test]
fn one_draft_carries_a_concise_eras_text_a_fuller_paragraph_and_a_spoken_answer() {
    let t = academic();
    let mut d = rich();
    let shared = assemble(&d, &t, Output::Eras);
    assert!(char_count(&shared) > 650, "{}", char_count(&shared));
    assert!(!eras_fit(&d, &t, &ErasFields::embedded()).fits());

    concise(&mut d);
    let eras = assemble(&d, &t, Output::Eras);
    assert!(char_count(&eras) <= 480, "{}: {eras}", char_count(&eras));
    assert!(eras_fit(&d, &t, &ErasFields::embedded()).fits());
    assert!(
        !eras.contains("Med-Peds"),
        "the link is left out of ERAS: {eras}"
    );

    // The statement paragraph and the interview answer still use the shared words in
    // full, and a statement-only reflection joins the paragraph.
    d.set_wording(
        Output::Statement,
        "result",
        Wording::Text(format!(
            "{} The failure taught me to trust a routine over a feeling of readiness.",
            d.part("result")
        )),
        NOW,
    );
    let statement = assemble(&d, &t, Output::Statement);
    assert!(statement.contains("rebuilt my preparation around forty timed"));
    assert!(statement.contains("taught me to trust a routine"));
    let interview = assemble(&d, &t, Output::Interview);
    assert!(interview.contains("rebuilt my preparation around forty timed"));
    assert!(!interview.contains("taught me to trust"), "{interview}");

    // Changing the shared text never touches an output's own wording.
    d.set_part(
        "fact",
        "I failed USMLE Step 1 once, in March 2019.".into(),
        NOW,
    );
    assert_eq!(
        d.wording(Output::Eras, "fact"),
        Some(&Wording::Text(
            "I failed USMLE Step 1 in March 2019.".into()
        ))
    );
    assert!(assemble(&d, &t, Output::Interview).contains("once, in March 2019"));
    assert!(!assemble(&d, &t, Output::Eras).contains("once,"));

    // Each voice coached as itself: the ERAS text says the link is left for later, and
    // is asked for nothing it holds.
    let eras_rules = rules_said(&d, Output::Eras);
    assert!(
        eras_rules.contains(&"eras_link_left".to_string()),
        "{eras_rules:?}"
    );
    assert!(
        !eras_rules.contains(&"eras_left_out".to_string()),
        "{eras_rules:?}"
    );
    assert!(rules_said(&d, Output::Statement).is_empty());

    // Following the shared text again brings the shared words back to that output.
    let gone = d.follow_shared(Output::Eras, "link", NOW);
    assert_eq!(gone, Some(Wording::Left));
    assert!(assemble(&d, &t, Output::Eras).contains("Med-Peds ends in two board exams"));
}

#[test]
fn each_voice_is_held_to_its_own_rules() {
    let t = academic();
    let mut d = rich();
    // Leaving a part a program needs out of the ERAS text is named.
    d.set_wording(Output::Eras, "reason", Wording::Left, NOW);
    assert!(rules_said(&d, Output::Eras).contains(&"eras_left_out".to_string()));
    // A statement with no reflection and no Med-Peds link is asked for both.
    for key in ["link", "result"] {
        d.set_wording(Output::Statement, key, Wording::Left, NOW);
    }
    let said = rules_said(&d, Output::Statement);
    assert!(
        said.contains(&"statement_reflection".to_string()),
        "{said:?}"
    );
    assert!(said.contains(&"statement_no_link".to_string()), "{said:?}");
    // A spoken answer missing what was learned, with a long sentence, is told so.
    let i = &t.outputs.interview;
    for key in i.learned.iter() {
        d.set_wording(Output::Interview, key, Wording::Left, NOW);
    }
    d.set_wording(
        Output::Interview,
        "actions",
        Wording::Text(
            "I rebuilt everything about how I prepared, starting with forty timed questions \
             every single morning before work and then reviewing every wrong answer with a \
             tutor who had passed the exam and who pushed me to explain my reasoning aloud."
                .into(),
        ),
        NOW,
    );
    let said = rules_said(&d, Output::Interview);
    assert!(
        said.contains(&"spoken_part_missing".to_string()),
        "{said:?}"
    );
    assert!(said.contains(&"spoken_sentence".to_string()), "{said:?}");
    // Words in an output's own wording are read by the coach, as that output.
    d.set_wording(
        Output::Eras,
        "fact",
        Wording::Text("I failed Step 1 in [month], which devastated me.".into()),
        NOW,
    );
    let said = rules_said(&d, Output::Eras);
    assert!(said.contains(&"placeholder".to_string()), "{said:?}");
}

#[test]
fn over_the_limit_the_coach_names_the_parts_least_needed_there() {
    let t = academic();
    let d = rich();
    let least = Coach::embedded().least_needed(&d, &t, Output::Eras);
    assert_eq!(least.first().map(|(k, _)| k.as_str()), Some("link"));
    assert!(least.iter().all(|(_, n)| *n > 0));
}

#[test]
fn a_draft_with_own_wordings_is_written_at_version_3_and_earlier_ones_as_before() {
    let mut d = rich();
    assert!(to_ron(&d).contains("version: 1,"));
    assert!(!to_ron(&d).contains("wordings"));
    concise(&mut d);
    let text = to_ron(&d);
    assert!(
        text.contains(&format!("version: {DRAFT_VERSION},")),
        "{text}"
    );
    let back = parse_draft(Path::new("d.ron"), &text).unwrap();
    assert!(!back.read_only);
    assert_eq!(back.wordings, d.wordings);
    // Followed back to the shared text everywhere, it is written as before.
    for key in ["fact", "reason", "actions", "result", "link"] {
        d.follow_shared(Output::Eras, key, NOW);
    }
    assert!(d.wordings.is_empty());
    assert!(to_ron(&d).contains("version: 1,"));
}

#[test]
fn the_version_3_fixture_loads_and_is_written_back_the_same() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v3/draft.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let d = parse_draft(&path, &text).unwrap();
    assert!(!d.read_only);
    assert_eq!(d.version, 3);
    assert!(!d.follows_shared(Output::Eras));
    assert_eq!(to_ron(&d), text);
}
