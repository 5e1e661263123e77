//! Drafting, end to end through the library: drafts prefilled from the demo profile,
//! `sync` keeping them in step with detection without touching the applicant's words,
//! the three outputs of a filled draft per family (snapshots), ERAS field limits,
//! typographic folding, and the draft status.
//!
//! Time is always a fixed `Stamp` and "today" the demo profile's `as_of`; the clock is
//! never read.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::Path;

use flagdraft::core::assemble::{
    Output, assemble, char_count, chosen, eras_fit, fold_typography, interview,
};
use flagdraft::core::coach::Coach;
use flagdraft::core::detect::{Knowledge, detect};
use flagdraft::core::draft::{Draft, Status, sync};
use flagdraft::core::eras::ErasFields;
use flagdraft::core::flag::{Family, Flag, FlagKind, Severity, Venue};
use flagdraft::core::month::YearMonth;
use flagdraft::core::prefill::Facts;
use flagdraft::core::profile::{
    Activity, ActivityKind, Area, Attempt, ExamResult, Letter, Profile, Step,
};
use flagdraft::core::stamp::Stamp;
use flagdraft::core::story::alone;
use flagdraft::core::template::{Template, Templates};
use flagdraft::store::{DEMO_PROFILE, parse_profile};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// 2026-11-26T08:00:00Z, when every draft here is first made.
const T0: Stamp = Stamp(1_795_680_000);
/// An hour later, for edits.
const T1: Stamp = Stamp(1_795_683_600);
/// Another hour later, for the next sync.
const T2: Stamp = Stamp(1_795_687_200);

fn demo() -> Profile {
    parse_profile(Path::new("demo-profile.ron"), DEMO_PROFILE).unwrap()
}

/// The demo's "today" (its `as_of`, 2026-09).
fn today(profile: &Profile) -> YearMonth {
    profile.as_of.unwrap()
}

fn flags_of(profile: &Profile, knowledge: &Knowledge) -> Vec<Flag> {
    detect(profile, knowledge, today(profile))
}

fn facts<'a>(profile: &'a Profile, knowledge: &'a Knowledge) -> Facts<'a> {
    Facts {
        profile,
        rules: &knowledge.rules,
        today: today(profile),
    }
}

/// Drafts for every flag of `profile`, as the first sync makes them.
fn drafts_for(profile: &Profile, knowledge: &Knowledge) -> Vec<Draft> {
    let mut drafts = Vec::new();
    sync(
        &mut drafts,
        &flags_of(profile, knowledge),
        &alone(&flags_of(profile, knowledge)),
        facts(profile, knowledge),
        T0,
    );
    drafts
}

/// A fresh prefilled draft of the demo flag `id`.
fn demo_draft(id: &str) -> Draft {
    let profile = demo();
    let knowledge = Knowledge::embedded();
    let flags = flags_of(&profile, &knowledge);
    let flag = flags
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("the demo has no flag {id}"));
    Draft::new(flag, facts(&profile, &knowledge), T0)
}

fn index_of(drafts: &[Draft], id: &str) -> usize {
    drafts
        .iter()
        .position(|d| d.flag == id)
        .unwrap_or_else(|| panic!("no draft for {id}"))
}

fn template(family: Family) -> Template {
    Template::embedded(family).unwrap()
}

/// Set every part of `draft` from `parts`, as the applicant typing them, and check that
/// `parts` names every part of the family's template (so the outputs are complete).
fn fill(draft: &mut Draft, parts: &[(&str, &str)]) {
    let t = template(draft.kind.family());
    let given: BTreeSet<&str> = parts.iter().map(|(k, _)| *k).collect();
    let wanted: BTreeSet<&str> = t.parts.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(given, wanted, "fill every part of {:?}", t.family);
    for (key, text) in parts {
        draft.set_part(key, (*text).to_string(), T1);
    }
}

// ---------------------------------------------------------------------------
// The applicant's own words, one filled draft per family
// ---------------------------------------------------------------------------

/// Typographic quotes and dashes on purpose: the ERAS text folds them, the others keep them.
const ACADEMIC: [(&str, &str); 5] = [
    (
        "fact",
        "My first attempt at USMLE Step 1, in March 2019, was a fail.",
    ),
    (
        "reason",
        "I had leaned on long video lectures \u{2014} seldom testing myself \u{2014} and so I overrated how \u{201C}ready\u{201D} I was.",
    ),
    (
        "actions",
        "I moved to daily blocks of timed questions, kept a notebook of each concept I missed, and went through it with a classmate twice a week.",
    ),
    (
        "result",
        "I passed in September 2019, scored 217 on Step 2 CK, and my clinic supervisors now call my preparation thorough.",
    ),
    (
        "link",
        "That routine is how I will keep up with adult and pediatric reading side by side.",
    ),
];

const GAP: [(&str, &str); 4] = [
    (
        "timeline",
        "Between July 2020 and December 2021 I held no clinical post.",
    ),
    (
        "reason",
        "Our family moved to Ohio for my spouse\u{2019}s work, and my work permit took a year and a half to arrive.",
    ),
    (
        "engagement",
        "Meanwhile I helped at a free clinic two evenings a week, finished an online course in pediatric emergencies, and kept a weekly question schedule.",
    ),
    (
        "reflection",
        "Seeing parents and grandparents share one clinic visit convinced me to train as a doctor for the whole family.",
    ),
];

const PROFESSIONALISM: [(&str, &str); 5] = [
    (
        "issue",
        "In February 2017 my school put me in remediation after I came late to the medicine clerkship on several mornings.",
    ),
    (
        "responsibility",
        "I had taken an evening job without telling anyone, and I did not plan my mornings around it.",
    ),
    (
        "actions",
        "I gave up the job, met my adviser weekly, and logged my arrival times for her to review.",
    ),
    (
        "improvement",
        "The remediation closed in June 2017, and no evaluation since then mentions punctuality.",
    ),
    (
        "link",
        "Families who keep one physician for decades need that person on time, so I count punctuality as patient care.",
    ),
];

const LIMITED_USCE: [(&str, &str); 5] = [
    (
        "experience",
        "In a two-month hospital medicine externship I admitted patients, wrote notes for cosignature, and presented on rounds.",
    ),
    (
        "insight",
        "I learned to have patients restate the plan, and to call the pharmacist before changing a dose.",
    ),
    (
        "plan",
        "From January to March 2027 I have a confirmed hands-on elective in a Med-Peds clinic.",
    ),
    (
        "letters",
        "My internal medicine attending from the externship has written about my ward work.",
    ),
    (
        "link",
        "A teenager with diabetes moving from the pediatric to the adult team showed me the worth of one clinician for both.",
    ),
];

const VISA: [(&str, &str); 3] = [
    (
        "eligibility",
        "I plan to train on a J-1 visa with ECFMG as sponsor.",
    ),
    (
        "programs",
        "I read each program\u{2019}s sponsorship policy and applied mostly where a J-1 is accepted.",
    ),
    (
        "documents",
        "My certification papers are complete, and I answer program requests within two days.",
    ),
];

/// The demo flag and the applicant's words for each family.
fn filled(family: Family) -> Draft {
    let (id, parts): (&str, &[(&str, &str)]) = match family {
        Family::Academic => ("exam_failure:step1", &ACADEMIC),
        Family::Gap => ("training_gap:2020-07", &GAP),
        Family::Professionalism => ("professionalism:2017-02", &PROFESSIONALISM),
        Family::LimitedUsce => ("limited_usce", &LIMITED_USCE),
        Family::Visa => ("visa_plan", &VISA),
    };
    let mut d = demo_draft(id);
    fill(&mut d, parts);
    d
}

const FAMILIES: [(Family, &str); 5] = [
    (Family::Academic, "academic"),
    (Family::Gap, "gap"),
    (Family::Professionalism, "professionalism"),
    (Family::LimitedUsce, "limited_usce"),
    (Family::Visa, "visa"),
];

// ---------------------------------------------------------------------------
// Templates: what the unit tests do not already check
// ---------------------------------------------------------------------------

#[test]
fn every_prefilled_part_exists_in_its_template_and_every_required_part_is_assembled() {
    let profile = demo();
    let knowledge = Knowledge::embedded();
    let templates = Templates::embedded();
    for d in drafts_for(&profile, &knowledge) {
        let t = templates.get(d.kind.family()).unwrap();
        for key in d.parts.keys() {
            assert!(
                t.part(key).is_some(),
                "{}: prefill writes part {key:?}, which {:?} does not have",
                d.flag,
                t.family
            );
        }
    }
    for (family, name) in FAMILIES {
        let t = templates.get(family).unwrap();
        let spoken: Vec<&String> = t
            .outputs
            .interview
            .issue
            .iter()
            .chain(&t.outputs.interview.did)
            .chain(&t.outputs.interview.learned)
            .collect();
        for part in t.parts.iter().filter(|p| p.required) {
            assert!(
                t.outputs.eras.parts.contains(&part.key),
                "{name}: required part {} is missing from the ERAS text",
                part.key
            );
            assert!(
                spoken.contains(&&part.key),
                "{name}: required part {} is missing from the interview answer",
                part.key
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Prefill
// ---------------------------------------------------------------------------

#[test]
fn every_detected_kind_gets_a_prefilled_draft() {
    let profile = demo();
    let knowledge = Knowledge::embedded();
    let flags = flags_of(&profile, &knowledge);
    let drafts = drafts_for(&profile, &knowledge);
    assert_eq!(drafts.len(), flags.len());
    let kinds: BTreeSet<FlagKind> = flags.iter().map(|f| f.kind).collect();
    // The demo shows every kind but a low class rank (its quartile is 3).
    let expected: BTreeSet<FlagKind> = FlagKind::ALL
        .into_iter()
        .filter(|k| *k != FlagKind::LowRank)
        .collect();
    assert_eq!(kinds, expected);
    for flag in &flags {
        let d = &drafts[index_of(&drafts, &flag.id)];
        assert_eq!(d.kind, flag.kind);
        assert_eq!(d.venues, flag.venues, "{}", flag.id);
        assert_eq!(d.status, Status::Empty, "{}", flag.id);
        assert!(!d.orphaned);
        assert_eq!((d.created, d.updated), (T0, T0));
        assert!(
            d.parts.values().any(|t| !t.trim().is_empty()),
            "{} has an empty prefill",
            flag.id
        );
        assert_eq!(d.parts, d.prefilled, "{}", flag.id);
        assert!(
            !d.has_own_text(),
            "{}: prefill is not the applicant's",
            flag.id
        );
    }
}

#[test]
fn prefill_states_the_profiles_facts() {
    let profile = demo();
    let knowledge = Knowledge::embedded();
    let drafts = drafts_for(&profile, &knowledge);
    let part = |id: &str, key: &str| drafts[index_of(&drafts, id)].part(key).to_string();

    assert_eq!(
        part("exam_failure:step1", "fact"),
        "I failed USMLE Step 1 in March 2019."
    );
    let result = part("exam_failure:step1", "result");
    assert!(result.contains("September 2019"), "{result}");
    assert!(result.contains("217"), "{result}");
    assert_eq!(
        part("low_score:step2ck", "fact"),
        "I scored 217 on USMLE Step 2 CK in June 2020."
    );
    assert!(
        part("repeated_course:2016-11", "fact").contains("pediatrics clerkship in November 2016")
    );

    let long_gap = part("training_gap:2020-07", "timeline");
    assert!(
        long_gap.contains("From July 2020 to December 2021"),
        "{long_gap}"
    );
    assert!(long_gap.contains("(18 months)"), "{long_gap}");
    assert!(
        part("training_gap:2020-07", "reason").contains("immigration"),
        "the explained reason of the demo's gap"
    );
    let short_gap = part("training_gap:2023-06", "timeline");
    assert!(
        short_gap.contains("From June 2023 to October 2023 (5 months)"),
        "{short_gap}"
    );
    // No reason is recorded for the second gap: prefill must not invent one.
    assert_eq!(part("training_gap:2023-06", "reason"), "");

    // The season is named by the year training starts (the profile's application_year).
    assert_eq!(
        part("yog_gap", "timeline"),
        "I graduated from medical school in July 2018 and am applying in the ERAS 2027 \
         season, for training from July 2027."
    );

    let issue = part("professionalism:2017-02", "issue");
    assert!(issue.contains("February 2017"), "{issue}");
    assert!(issue.contains("remediation"), "{issue}");
    assert!(part("professionalism:2017-02", "improvement").contains("June 2017"));

    // The strongest US clinical entry, as its experience description begins.
    let usce = part("limited_usce", "experience");
    assert!(
        usce.starts_with(
            "From February 2024 to March 2024 I was in the hospital medicine externship \
             (internal medicine), where I ["
        ),
        "{usce}"
    );
    assert_eq!(
        part("limited_usce", "letters"),
        "I have a letter from US faculty in internal medicine."
    );

    // The demo's visa need is unsure: a placeholder to fill, never a guessed visa.
    let visa = part("visa_plan", "eligibility");
    assert!(visa.contains("[J-1 or H-1B]"), "{visa}");
}

#[test]
fn prefill_leaves_judgement_parts_to_the_applicant() {
    let profile = demo();
    let knowledge = Knowledge::embedded();
    for d in drafts_for(&profile, &knowledge) {
        for key in [
            "reason",
            "actions",
            "link",
            "reflection",
            "responsibility",
            "insight",
        ] {
            if d.kind.family() == Family::Gap && key == "reason" {
                continue; // a documented reason is a fact from the profile
            }
            assert_eq!(d.part(key), "", "{}: {key} was prefilled", d.flag);
        }
    }
}

// ---------------------------------------------------------------------------
// The three outputs of a filled draft, per family
// ---------------------------------------------------------------------------

#[test]
fn filled_drafts_assemble_into_the_three_outputs() {
    let templates = Templates::embedded();
    for (family, name) in FAMILIES {
        let d = filled(family);
        let t = templates.get(family).unwrap();
        assert_eq!(d.status, Status::Drafting, "{name}");
        for output in Output::ALL {
            let text = assemble(&d, t, output);
            let suffix = match output {
                Output::Eras => "eras",
                Output::Statement => "statement",
                Output::Interview => "interview",
            };
            insta::assert_snapshot!(format!("{name}_{suffix}"), text);
        }
    }
}

#[test]
fn the_eras_text_joins_the_template_parts_in_order() {
    let d = filled(Family::LimitedUsce);
    let t = template(Family::LimitedUsce);
    let eras = assemble(&d, &t, Output::Eras);
    let expected: Vec<&str> = ["experience", "insight", "plan", "letters", "link"]
        .iter()
        .map(|k| d.part(k))
        .collect();
    assert_eq!(eras, expected.join(" "));
    // The statement paragraph of this family leaves out the plan and the letters.
    let statement = assemble(&d, &t, Output::Statement);
    assert!(!statement.contains(d.part("letters")), "{statement}");
    assert!(!statement.contains(d.part("plan")), "{statement}");
    assert!(statement.starts_with(d.part("experience")));
    assert!(statement.ends_with(d.part("link")));
}

#[test]
fn outputs_are_one_line_per_part_and_skip_empty_parts() {
    let mut d = filled(Family::Academic);
    d.set_part("reason", "  Line one\nline two\t\ttabbed.  ".into(), T1);
    d.set_part("actions", String::new(), T1);
    let t = template(Family::Academic);
    let eras = assemble(&d, &t, Output::Eras);
    assert!(eras.contains(" Line one line two tabbed. "), "{eras}");
    assert!(
        !eras.contains("  "),
        "double space where a part was empty: {eras}"
    );
    assert!(!eras.contains(ACADEMIC[2].1), "{eras}");
}

// ---------------------------------------------------------------------------
// Interview answer
// ---------------------------------------------------------------------------

#[test]
fn the_interview_answer_is_issue_then_did_then_learned() {
    let d = filled(Family::Academic);
    let t = template(Family::Academic);
    let a = interview(&d, &t);
    assert_eq!(a.issue, format!("{} {}", d.part("fact"), d.part("reason")));
    assert_eq!(a.did, format!("{} {}", d.part("actions"), d.part("result")));
    assert_eq!(a.learned, d.part("link"));
    assert_eq!(
        assemble(&d, &t, Output::Interview),
        format!("{}\n\n{}\n\n{}", a.issue, a.did, a.learned)
    );
}

#[test]
fn every_familys_interview_follows_its_template() {
    for (family, name) in FAMILIES {
        let t = template(family);
        let mut d = filled(family);
        // Mark each part with its key so the order is visible.
        for p in &t.parts {
            d.set_part(&p.key, format!("<{}>", p.key), T1);
        }
        let a = interview(&d, &t);
        let spoken = |keys: &[String]| {
            keys.iter()
                .map(|k| format!("<{k}>"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(a.issue, spoken(&t.outputs.interview.issue), "{name}");
        assert_eq!(a.did, spoken(&t.outputs.interview.did), "{name}");
        assert_eq!(a.learned, spoken(&t.outputs.interview.learned), "{name}");
        let text = a.text();
        let (i, di, l) = (
            text.find(&a.issue).unwrap(),
            text.find(&a.did).unwrap(),
            text.find(&a.learned).unwrap(),
        );
        assert!(i < di && di < l, "{name}: {text}");
    }
    // The gap answer, spelled out: dates and reason, then engagement, then reflection.
    let d = filled(Family::Gap);
    let a = interview(&d, &template(Family::Gap));
    assert!(a.issue.starts_with("Between July 2020"), "{}", a.issue);
    assert_eq!(a.did, GAP[2].1);
    assert_eq!(a.learned, GAP[3].1);
}

#[test]
fn an_interview_answer_without_a_did_part_has_no_blank_section() {
    let mut d = filled(Family::Visa);
    d.set_part("programs", String::new(), T1);
    let text = assemble(&d, &template(Family::Visa), Output::Interview);
    assert_eq!(text, format!("{}\n\n{}", VISA[0].1, VISA[2].1));
}

// ---------------------------------------------------------------------------
// ERAS limits
// ---------------------------------------------------------------------------

/// An academic draft whose ERAS text is `fact` and `reason` only.
fn two_part_draft(fact: &str, reason: &str) -> Draft {
    let mut d = demo_draft("exam_failure:step1");
    for p in &template(Family::Academic).parts {
        d.set_part(&p.key, String::new(), T1);
    }
    d.set_part("fact", fact.to_string(), T1);
    d.set_part("reason", reason.to_string(), T1);
    d
}

#[test]
fn an_over_limit_eras_text_is_reported_with_its_count() {
    let fields = ErasFields::embedded();
    let t = template(Family::Academic);
    // 300 + the joining space + 209 = 510, the education-interruption field's limit
    // exactly: where a failed Step is explained.
    let at_limit = two_part_draft(&"a".repeat(300), &"b".repeat(209));
    let fit = eras_fit(&at_limit, &t, &fields);
    assert_eq!(fit.field.id, "education_interruption");
    assert_eq!((fit.chars, fit.field.limit), (510, 510));
    assert!(fit.fits());
    assert_eq!(fit.over(), 0);

    let over = two_part_draft(&"a".repeat(300), &"b".repeat(236));
    let fit = eras_fit(&over, &t, &fields);
    assert_eq!(fit.chars, 537);
    assert!(!fit.fits());
    assert_eq!(fit.over(), 27);

    // Characters, not bytes: 510 accented letters fit.
    let accents = two_part_draft(&"é".repeat(510), "");
    let fit = eras_fit(&accents, &t, &fields);
    assert_eq!(fit.chars, 510);
    assert!(fit.fits());
    assert_eq!(
        char_count(&assemble(&accents, &t, Output::Eras)),
        510,
        "char_count counts characters"
    );
}

#[test]
fn the_drafts_field_sets_the_limit() {
    let fields = ErasFields::embedded();
    let t = template(Family::Academic);
    let mut d = two_part_draft(&"a".repeat(600), &"b".repeat(99)); // 700 characters
    let fit = eras_fit(&d, &t, &fields);
    assert_eq!((fit.field.limit, fit.over()), (510, 190));

    d.field = Some("experience_description".into());
    let fit = eras_fit(&d, &t, &fields);
    assert_eq!(fit.field.id, "experience_description");
    assert_eq!(fit.field.limit, 750);
    assert!(fit.fits());
    assert_eq!(fit.over(), 0);

    d.field = Some("meaningful_reflection".into());
    let fit = eras_fit(&d, &t, &fields);
    assert_eq!((fit.field.limit, fit.chars, fit.over()), (300, 700, 400));

    d.field = Some("legacy_experience".into());
    assert_eq!(eras_fit(&d, &t, &fields).field.limit, 1020);

    // An unknown field, or the "Additional Information" of older drafts, falls back to
    // the field of the draft's kind rather than to no limit.
    for id in ["no_such_field", "additional_information"] {
        d.field = Some(id.into());
        let fit = eras_fit(&d, &t, &fields);
        assert_eq!(
            (fit.field.id.as_str(), fit.field.limit),
            ("education_interruption", 510)
        );
    }
}

#[test]
fn every_filled_demo_draft_fits_the_field_of_its_kind() {
    let fields = ErasFields::embedded();
    for (family, name) in FAMILIES {
        let d = filled(family);
        let fit = eras_fit(&d, &template(family), &fields);
        assert!(fit.fits(), "{name}: {} of {}", fit.chars, fit.field.limit);
        assert!(fit.chars > 150, "{name}: {} characters", fit.chars);
    }
}

// ---------------------------------------------------------------------------
// Where each flag is addressed, per today's MyERAS form
// ---------------------------------------------------------------------------

/// The demo with a bottom-quartile rank, so every kind of flag shows.
fn demo_with_every_kind() -> Profile {
    let mut p = demo();
    p.class_rank_quartile = Some(4);
    p
}

/// What a flag's venues are, as detect gives them, with the ERAS field of its kind.
fn venues_of(flags: &[Flag], kind: FlagKind) -> (Vec<Venue>, Severity) {
    let f = flags.iter().find(|f| f.kind == kind).unwrap();
    (f.venues.clone(), f.severity)
}

#[test]
fn each_kind_is_addressed_where_the_form_and_the_article_place_it() {
    use Venue::{Eras, Interview, Statement};
    let profile = demo_with_every_kind();
    let knowledge = Knowledge::embedded();
    let flags = flags_of(&profile, &knowledge);
    let fields = ErasFields::embedded();
    let field = |kind| fields.resolve_for(kind, None).id.as_str();
    // Repeats, remediation, gaps and years since graduation: the explanatory field, and
    // a statement paragraph when high.
    for kind in [
        FlagKind::RepeatedCourse,
        FlagKind::Professionalism,
        FlagKind::TrainingGap,
        FlagKind::YogGap,
    ] {
        let (venues, severity) = venues_of(&flags, kind);
        let expected = if severity == Severity::High {
            vec![Eras, Statement, Interview]
        } else {
            vec![Eras, Interview]
        };
        assert_eq!(venues, expected, "{kind}");
        assert_eq!(field(kind), "education_interruption", "{kind}");
    }
    // A failed Step: the explanatory text and the interview (a statement only with a
    // growth story: see the next test).
    let exam = venues_of(&flags, FlagKind::ExamFailure).0;
    assert!(
        exam.starts_with(&[Eras]) && exam.ends_with(&[Interview]),
        "{exam:?}"
    );
    assert_eq!(field(FlagKind::ExamFailure), "education_interruption");
    // A low Step 2 CK: the explanatory text, as the source article places it, and the
    // interview.
    assert_eq!(venues_of(&flags, FlagKind::LowScore).0, [Eras, Interview]);
    // No field of their own on today's form: answered at interview.
    for kind in [FlagKind::LowRank, FlagKind::VisaPlan] {
        assert_eq!(venues_of(&flags, kind).0, [Interview], "{kind}");
    }
    // Limited US experience: the description of the strongest US clinical entry.
    assert_eq!(
        venues_of(&flags, FlagKind::LimitedUsce).0,
        [Eras, Interview]
    );
    assert_eq!(field(FlagKind::LimitedUsce), "experience_description");
    assert_eq!(fields.resolve_for(FlagKind::LimitedUsce, None).limit, 750);
}

/// The demo with Step 1 failed twice, then passed or not.
fn demo_failing_step1_twice(then_passed: bool) -> Profile {
    let mut p = demo();
    let step1 = p.exams.iter_mut().find(|e| e.step == Step::Step1).unwrap();
    step1.attempts = vec![
        Attempt {
            date: "2019-03".parse().unwrap(),
            result: ExamResult::Fail,
        },
        Attempt {
            date: "2019-09".parse().unwrap(),
            result: ExamResult::Fail,
        },
    ];
    if then_passed {
        step1.attempts.push(Attempt {
            date: "2020-03".parse().unwrap(),
            result: ExamResult::Pass,
        });
    }
    p
}

#[test]
fn a_failed_step_goes_into_the_statement_only_as_a_growth_story() {
    let knowledge = Knowledge::embedded();
    for (passed, statement) in [(true, true), (false, false)] {
        let profile = demo_failing_step1_twice(passed);
        let flags = flags_of(&profile, &knowledge);
        let (venues, severity) = venues_of(&flags, FlagKind::ExamFailure);
        assert_eq!(severity, Severity::High, "two failures read as a pattern");
        assert_eq!(
            venues.contains(&Venue::Statement),
            statement,
            "passed afterwards: {passed}; venues {venues:?}"
        );
        assert!(venues.contains(&Venue::Eras) && venues.contains(&Venue::Interview));
    }
}

#[test]
fn the_visa_plan_has_no_eras_output_to_assemble_or_coach() {
    let mut d = filled(Family::Visa);
    assert_eq!(d.venues, [Venue::Interview]);
    assert_eq!(chosen(&d), [Output::Interview]);
    // However long its ERAS text would be, nothing holds it to an ERAS limit.
    d.set_part("programs", "word ".repeat(200), T1);
    let report =
        Coach::embedded().check_draft(&d, &template(Family::Visa), &ErasFields::embedded(), None);
    assert!(
        !report.findings.iter().any(|f| f.rule == "over_limit"),
        "{:?}",
        report.findings
    );
}

#[test]
fn the_limited_usce_eras_text_is_counted_against_the_750_of_an_experience_description() {
    let fields = ErasFields::embedded();
    let t = template(Family::LimitedUsce);
    let mut d = filled(Family::LimitedUsce);
    for p in &t.parts {
        d.set_part(&p.key, String::new(), T1);
    }
    // Over the 510 of the explanatory field, within the 750 of an experience.
    d.set_part("experience", format!("{}.", "x".repeat(599)), T1);
    let fit = eras_fit(&d, &t, &fields);
    assert_eq!(fit.field.id, "experience_description");
    assert_eq!(fit.field.limit, 750);
    assert!(fit.chars == 600 && fit.fits(), "{} characters", fit.chars);
    let over_limit = |d: &Draft| {
        Coach::embedded()
            .check_draft(d, &t, &fields, None)
            .findings
            .into_iter()
            .filter(|f| f.rule == "over_limit")
            .map(|f| f.message)
            .collect::<Vec<_>>()
    };
    assert_eq!(over_limit(&d), Vec::<String>::new());
    d.set_part("experience", format!("{}.", "x".repeat(799)), T1);
    let messages = over_limit(&d);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains("of 750 characters"), "{messages:?}");
    assert!(
        messages[0].contains("Experience description"),
        "{messages:?}"
    );
}

#[test]
fn an_older_draft_naming_additional_information_loads_and_gets_its_kinds_field() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/v1/draft-additional-information.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let d = flagdraft::store::drafts::parse_draft(&path, &text).unwrap();
    assert!(!d.read_only);
    assert_eq!(d.kind, FlagKind::LimitedUsce);
    assert_eq!(d.field.as_deref(), Some("additional_information"));
    assert_eq!(d.venues, [Venue::Eras, Venue::Interview]);
    let fields = ErasFields::embedded();
    let fit = eras_fit(&d, &template(Family::LimitedUsce), &fields);
    assert_eq!(
        (fit.field.id.as_str(), fit.field.limit),
        ("experience_description", 750)
    );
}

// ---------------------------------------------------------------------------
// Prefill that reads right
// ---------------------------------------------------------------------------

/// The prefilled part `key` of the first flag of `kind` in `profile`.
fn prefilled(profile: &Profile, kind: FlagKind, key: &str) -> String {
    let knowledge = Knowledge::embedded();
    let flags = flags_of(profile, &knowledge);
    let flag = flags
        .iter()
        .find(|f| f.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} flag"));
    Draft::new(flag, facts(profile, &knowledge), T0)
        .part(key)
        .to_string()
}

fn activity(kind: ActivityKind, title: &str, start: &str, end: Option<&str>) -> Activity {
    Activity {
        kind,
        title: title.into(),
        start: start.parse().unwrap(),
        end: end.map(|e| e.parse().unwrap()),
        us: true,
        hands_on: kind == ActivityKind::Clinical,
        area: Area::MedPeds,
    }
}

#[test]
fn one_letter_is_a_letter_and_two_are_letters() {
    let mut p = demo();
    assert_eq!(
        prefilled(&p, FlagKind::LimitedUsce, "letters"),
        "I have a letter from US faculty in internal medicine."
    );
    p.letters.push(Letter {
        area: Area::Pediatrics,
        us: true,
    });
    assert_eq!(
        prefilled(&p, FlagKind::LimitedUsce, "letters"),
        "I have letters from US faculty in internal medicine and pediatrics."
    );
    // Two from the same field: letters, the field named once.
    p.letters.last_mut().unwrap().area = Area::InternalMedicine;
    assert_eq!(
        prefilled(&p, FlagKind::LimitedUsce, "letters"),
        "I have letters from US faculty in internal medicine."
    );
}

/// The prefilled draft of flag `id` in `profile`.
fn prefilled_draft(profile: &Profile, id: &str) -> Draft {
    let knowledge = Knowledge::embedded();
    let flags = flags_of(profile, &knowledge);
    let flag = flags
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no flag {id}"));
    Draft::new(flag, facts(profile, &knowledge), T0)
}

#[test]
fn a_gap_still_open_is_dated_from_its_start() {
    // The family clinic ended in May 2026; nothing since, up to the demo's September 2026.
    let mut p = demo();
    let clinic = p
        .activities
        .iter_mut()
        .find(|a| a.title.starts_with("General practitioner"))
        .unwrap();
    clinic.end = Some("2026-05".parse().unwrap());
    let open = prefilled_draft(&p, "training_gap:2026-06");
    assert_eq!(
        open.part("timeline"),
        "Since June 2026, I have not been in clinical training or employment."
    );
    // A closed gap keeps both ends, and its month count agrees with its noun.
    let closed = prefilled_draft(&p, "training_gap:2020-07");
    assert!(
        closed
            .part("timeline")
            .starts_with("From July 2020 to December 2021 (18 months),"),
        "{}",
        closed.part("timeline")
    );
    // The coach takes "since" and one date for a gap that has not ended.
    let report =
        Coach::embedded().check_draft(&open, &template(Family::Gap), &ErasFields::embedded(), None);
    assert!(
        !report.findings.iter().any(|f| f.rule == "gap_dates"),
        "{:?}",
        report.findings
    );
}

#[test]
fn planned_activities_are_named_as_planned_never_beside_finished_ones() {
    let mut p = demo();
    p.activities.push(activity(
        ActivityKind::Clinical,
        "Med-Peds elective",
        "2027-01",
        Some("2027-03"),
    ));
    let engagement = prefilled(&p, FlagKind::YogGap, "engagement");
    let (done, planned) = engagement
        .split_once("Planned: ")
        .unwrap_or_else(|| panic!("{engagement}"));
    assert!(
        done.contains("Hospital medicine externship"),
        "{engagement}"
    );
    assert!(!done.contains("Med-Peds elective"), "{engagement}");
    assert_eq!(
        planned,
        "Med-Peds elective (January 2027 to March 2027, US)."
    );
    // An activity under way says so, rather than "to present".
    assert!(
        done.contains("General practitioner, community clinic for families (since June 2024)"),
        "{engagement}"
    );
    // In the US-experience draft, the planned elective is the plan, not the experience.
    assert_eq!(
        prefilled(&p, FlagKind::LimitedUsce, "plan"),
        "Planned: Med-Peds elective (January 2027 to March 2027, US)."
    );
    let experience = prefilled(&p, FlagKind::LimitedUsce, "experience");
    assert!(!experience.contains("elective"), "{experience}");
}

#[test]
fn no_prefilled_sentence_states_a_shortfall_as_a_number() {
    let profile = demo();
    let knowledge = Knowledge::embedded();
    for d in drafts_for(&profile, &knowledge) {
        for (key, text) in &d.parts {
            let lower = text.to_lowercase();
            assert!(
                !(lower.contains("hands-on us clinical work") || lower.contains(": 2 months")),
                "{} {key}: {text}",
                d.flag
            );
        }
    }
    // The US-experience draft gives dates and the entry, never a count of months.
    let usce = prefilled(&profile, FlagKind::LimitedUsce, "experience");
    for word in usce.split_whitespace() {
        let digits: String = word.chars().filter(char::is_ascii_digit).collect();
        assert!(digits.is_empty() || digits.len() == 4, "{word:?} in {usce}");
    }
    assert!(!usce.contains("months"), "{usce}");
}

// ---------------------------------------------------------------------------
// Typography
// ---------------------------------------------------------------------------

#[test]
fn fold_typography_makes_punctuation_plain() {
    assert_eq!(
        fold_typography("\u{201C}Don\u{2019}t\u{201D} \u{2014} wait\u{2026} \u{2018}fine\u{2019}"),
        "\"Don't\" -- wait... 'fine'"
    );
    assert_eq!(
        fold_typography("2019\u{2013}2020, 1\u{2212}2, non\u{2011}breaking"),
        "2019-2020, 1-2, non-breaking"
    );
    assert_eq!(fold_typography("a\u{00A0}b\u{202F}c"), "a b c");
    assert_eq!(
        fold_typography("\u{201E}low\u{201C} \u{201A}x\u{2018}"),
        "\"low\" 'x'"
    );
    // Letters outside ASCII are not punctuation: they stay.
    assert_eq!(fold_typography("Rahmé, 中文, ü"), "Rahmé, 中文, ü");
    assert_eq!(fold_typography("plain -- text..."), "plain -- text...");
}

#[test]
fn only_the_eras_text_folds_and_only_when_the_draft_asks() {
    let t = template(Family::Academic);
    let mut d = filled(Family::Academic);
    let curly = ACADEMIC[1].1;
    assert!(d.fold_typography, "folding is the default");
    let eras = assemble(&d, &t, Output::Eras);
    assert!(eras.contains(&fold_typography(curly)), "{eras}");
    assert!(
        !eras.contains('\u{2014}') && !eras.contains('\u{201C}'),
        "{eras}"
    );
    for output in [Output::Statement, Output::Interview] {
        let text = assemble(&d, &t, output);
        assert!(
            text.contains(curly),
            "{output:?} must keep the applicant's punctuation"
        );
    }
    d.fold_typography = false;
    let eras = assemble(&d, &t, Output::Eras);
    assert!(eras.contains(curly), "{eras}");
    assert!(eras.contains('\u{2014}'));
}

// ---------------------------------------------------------------------------
// Sync: prefill never clobbers, orphans are kept
// ---------------------------------------------------------------------------

/// The demo with Step 1 failed in April 2019 instead of March and Step 2 CK at 219.
fn demo_with_new_facts() -> Profile {
    let mut p = demo();
    let step1 = p.exams.iter_mut().find(|e| e.step == Step::Step1).unwrap();
    step1.attempts[0].date = "2019-04".parse().unwrap();
    let ck = p
        .exams
        .iter_mut()
        .find(|e| e.step == Step::Step2Ck)
        .unwrap();
    ck.attempts[0].result = ExamResult::Score(219);
    p
}

#[test]
fn sync_updates_untouched_prefill_and_keeps_the_applicants_words() {
    let knowledge = Knowledge::embedded();
    let old = demo();
    let mut drafts = drafts_for(&old, &knowledge);
    let exam = index_of(&drafts, "exam_failure:step1");
    let score = index_of(&drafts, "low_score:step2ck");
    let mine = "I passed on my second try, six months later.";
    drafts[exam].set_part("result", mine.into(), T1);

    let new = demo_with_new_facts();
    let changed = sync(
        &mut drafts,
        &flags_of(&new, &knowledge),
        &alone(&flags_of(&new, &knowledge)),
        facts(&new, &knowledge),
        T2,
    );
    assert_eq!(changed, {
        let mut v = vec![exam, score];
        v.sort_unstable();
        v
    });
    let d = &drafts[exam];
    assert_eq!(d.part("fact"), "I failed USMLE Step 1 in April 2019.");
    assert_eq!(d.part("result"), mine, "the applicant's edit was replaced");
    assert_eq!(d.status, Status::Drafting);
    assert_eq!(d.updated, T2);
    assert_eq!(
        drafts[score].part("fact"),
        "I scored 219 on USMLE Step 2 CK in June 2020."
    );
    assert_eq!(drafts[score].status, Status::Empty);

    // Unchanged facts: nothing to do, nothing saved.
    let again = sync(
        &mut drafts,
        &flags_of(&new, &knowledge),
        &alone(&flags_of(&new, &knowledge)),
        facts(&new, &knowledge),
        T2,
    );
    assert!(again.is_empty(), "{again:?}");
}

#[test]
fn an_emptied_prefilled_part_stays_empty_while_its_fact_is_unchanged() {
    let knowledge = Knowledge::embedded();
    let profile = demo();
    let mut drafts = drafts_for(&profile, &knowledge);
    let exam = index_of(&drafts, "exam_failure:step1");
    drafts[exam].set_part("fact", String::new(), T1);
    assert_eq!(
        drafts[exam].status,
        Status::Empty,
        "an emptied part is no text"
    );

    let changed = sync(
        &mut drafts,
        &flags_of(&profile, &knowledge),
        &alone(&flags_of(&profile, &knowledge)),
        facts(&profile, &knowledge),
        T2,
    );
    assert!(changed.is_empty(), "{changed:?}");
    assert_eq!(drafts[exam].part("fact"), "");
    assert_eq!(drafts[exam].updated, T1);

    // A changed fact is news: it fills the empty part again.
    let new = demo_with_new_facts();
    sync(
        &mut drafts,
        &flags_of(&new, &knowledge),
        &alone(&flags_of(&new, &knowledge)),
        facts(&new, &knowledge),
        T2,
    );
    assert_eq!(
        drafts[exam].part("fact"),
        "I failed USMLE Step 1 in April 2019."
    );
}

#[test]
fn an_edit_that_happens_to_change_a_word_is_still_the_applicants() {
    let knowledge = Knowledge::embedded();
    let mut drafts = drafts_for(&demo(), &knowledge);
    let exam = index_of(&drafts, "exam_failure:step1");
    let edited = drafts[exam].part("fact").replace("failed", "did not pass");
    drafts[exam].set_part("fact", edited.clone(), T1);
    assert!(drafts[exam].is_own("fact"));
    let new = demo_with_new_facts();
    sync(
        &mut drafts,
        &flags_of(&new, &knowledge),
        &alone(&flags_of(&new, &knowledge)),
        facts(&new, &knowledge),
        T2,
    );
    assert_eq!(drafts[exam].part("fact"), edited);
    assert!(edited.contains("March 2019"));
}

#[test]
fn a_fact_that_leaves_the_profile_leaves_the_untouched_part() {
    let knowledge = Knowledge::embedded();
    let mut drafts = drafts_for(&demo(), &knowledge);
    let prof = index_of(&drafts, "professionalism:2017-02");
    let gap = index_of(&drafts, "training_gap:2020-07");
    assert!(drafts[prof].part("improvement").contains("June 2017"));
    assert!(drafts[gap].part("reason").contains("immigration"));

    // The remediation is no longer recorded as completed, and the gap has no reason.
    let mut p = demo();
    p.incidents[0].completed = None;
    p.gaps_explained.clear();
    let changed = sync(
        &mut drafts,
        &flags_of(&p, &knowledge),
        &alone(&flags_of(&p, &knowledge)),
        facts(&p, &knowledge),
        T2,
    );
    assert_eq!(
        drafts[prof].part("improvement"),
        "",
        "the draft still says the remediation was completed"
    );
    assert_eq!(
        drafts[gap].part("reason"),
        "",
        "the draft still gives a reason the profile no longer holds"
    );
    assert!(
        changed.contains(&prof) && changed.contains(&gap),
        "{changed:?}"
    );
}

#[test]
fn a_vanished_flag_orphans_its_draft_and_its_return_restores_it() {
    let knowledge = Knowledge::embedded();
    let profile = demo();
    let mut drafts = drafts_for(&profile, &knowledge);
    let n = drafts.len();
    let prof = index_of(&drafts, "professionalism:2017-02");
    let mine = "I was late to clerkship several times and now plan my mornings.";
    drafts[prof].set_part("responsibility", mine.into(), T1);

    let mut clean = demo();
    clean.incidents.clear();
    let changed = sync(
        &mut drafts,
        &flags_of(&clean, &knowledge),
        &alone(&flags_of(&clean, &knowledge)),
        facts(&clean, &knowledge),
        T2,
    );
    assert_eq!(changed, vec![prof]);
    assert_eq!(drafts.len(), n, "a draft is never deleted");
    let d = &drafts[prof];
    assert!(d.orphaned);
    assert_eq!(d.updated, T2);
    assert_eq!(d.part("responsibility"), mine);
    assert!(d.part("issue").contains("February 2017"), "text is kept");
    assert_eq!(drafts.iter().filter(|d| d.orphaned).count(), 1);

    // Still gone: already orphaned, nothing changes.
    let changed = sync(
        &mut drafts,
        &flags_of(&clean, &knowledge),
        &alone(&flags_of(&clean, &knowledge)),
        facts(&clean, &knowledge),
        Stamp(T2.0 + 60),
    );
    assert!(changed.is_empty(), "{changed:?}");
    assert_eq!(drafts[prof].updated, T2);

    // The incident is back: the same draft, no longer orphaned, the words intact.
    let back = Stamp(T2.0 + 3600);
    let changed = sync(
        &mut drafts,
        &flags_of(&profile, &knowledge),
        &alone(&flags_of(&profile, &knowledge)),
        facts(&profile, &knowledge),
        back,
    );
    assert_eq!(changed, vec![prof]);
    assert_eq!(drafts.len(), n);
    assert!(!drafts[prof].orphaned);
    assert_eq!(drafts[prof].updated, back);
    assert_eq!(drafts[prof].part("responsibility"), mine);
}

#[test]
fn sync_returns_the_indices_it_made_or_changed() {
    let knowledge = Knowledge::embedded();
    let profile = demo();
    let mut drafts = Vec::new();
    let flags = flags_of(&profile, &knowledge);
    let first = sync(
        &mut drafts,
        &flags,
        &alone(&flags),
        facts(&profile, &knowledge),
        T0,
    );
    assert_eq!(first, (0..flags.len()).collect::<Vec<_>>());

    // Remove one draft; the next sync makes it again, at the end, and touches no other.
    let gone = drafts.remove(index_of(&drafts, "visa_plan"));
    let changed = sync(
        &mut drafts,
        &flags,
        &alone(&flags),
        facts(&profile, &knowledge),
        T1,
    );
    assert_eq!(changed, vec![flags.len() - 1]);
    let remade = &drafts[flags.len() - 1];
    assert_eq!(remade.flag, "visa_plan");
    assert_eq!(remade.parts, gone.parts);
    assert_eq!(remade.created, T1);
    assert!(drafts[..flags.len() - 1].iter().all(|d| d.updated == T0));
}

// ---------------------------------------------------------------------------
// Status
// ---------------------------------------------------------------------------

#[test]
fn status_follows_the_applicants_writing_and_ready_stays_ready() {
    let mut d = demo_draft("exam_failure:step1");
    assert_eq!(d.status, Status::Empty);
    assert!(!d.parts.is_empty(), "prefilled");

    // Typing exactly what was prefilled is not writing.
    let prefilled = d.part("fact").to_string();
    d.set_part("fact", prefilled, T1);
    assert_eq!(d.status, Status::Empty);
    assert_eq!(d.updated, T0, "no change, no new stamp");

    d.set_part("reason", "I had not practised timed blocks.".into(), T1);
    assert_eq!(d.status, Status::Drafting);
    assert_eq!(d.updated, T1);

    d.set_part("reason", String::new(), T2);
    assert_eq!(d.status, Status::Empty, "back to prefill only");

    d.set_part("link", "   \n ".into(), T2);
    assert_eq!(d.status, Status::Empty, "white space is not writing");

    d.set_part("link", "It is how I will study for two boards.".into(), T2);
    assert_eq!(d.status, Status::Drafting);

    d.status = Status::Ready;
    d.set_part("link", "It is how I study for two boards now.".into(), T2);
    assert_eq!(d.status, Status::Ready);
    d.set_part("link", String::new(), T2);
    d.settle_status();
    assert_eq!(
        d.status,
        Status::Ready,
        "only the applicant unmarks a ready draft"
    );

    // A sync with changed facts leaves a ready draft ready.
    let knowledge = Knowledge::embedded();
    let new = demo_with_new_facts();
    let mut drafts = vec![d];
    sync(
        &mut drafts,
        &flags_of(&new, &knowledge),
        &alone(&flags_of(&new, &knowledge)),
        facts(&new, &knowledge),
        T2,
    );
    assert_eq!(drafts[0].status, Status::Ready);
    assert_eq!(
        drafts[0].part("fact"),
        "I failed USMLE Step 1 in April 2019."
    );
}
