//! Prefill for a story: several flags explained in one draft. The exam record in one
//! sentence by date, the timeline in one sentence by date, any other mix under the
//! primary flag's parts; one flag exactly as `prefill` tells it.
//!
//! "Today" is always the demo profile's `as_of` (2026-09); the clock is never read.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::Path;

use flagdraft::core::detect::{Knowledge, detect};
use flagdraft::core::flag::{Flag, FlagKind, worst_first};
use flagdraft::core::month::YearMonth;
use flagdraft::core::prefill::{Facts, prefill, prefill_story};
use flagdraft::core::profile::{
    Activity, ActivityKind, Area, Attempt, Exam, ExamResult, Explained, GapReason, Profile, Step,
};
use flagdraft::core::template::Template;
use flagdraft::store::{DEMO_PROFILE, parse_profile};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn demo() -> Profile {
    parse_profile(Path::new("demo-profile.ron"), DEMO_PROFILE).unwrap()
}

fn ym(s: &str) -> YearMonth {
    s.parse().unwrap()
}

fn flags_of(profile: &Profile, knowledge: &Knowledge) -> Vec<Flag> {
    detect(profile, knowledge, profile.as_of.unwrap())
}

fn facts<'a>(profile: &'a Profile, knowledge: &'a Knowledge) -> Facts<'a> {
    Facts {
        profile,
        rules: &knowledge.rules,
        today: profile.as_of.unwrap(),
    }
}

/// The flags of `kinds`, worst first, as callers pass a story.
fn of_kinds<'a>(flags: &'a [Flag], kinds: &[FlagKind]) -> Vec<&'a Flag> {
    let mut picked: Vec<&Flag> = flags.iter().filter(|f| kinds.contains(&f.kind)).collect();
    picked.sort_by(|a, b| worst_first(a, b));
    picked
}

fn by_id<'a>(flags: &'a [Flag], id: &str) -> &'a Flag {
    flags
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no flag {id} in {:?}", ids(flags)))
}

fn ids(flags: &[Flag]) -> Vec<&str> {
    flags.iter().map(|f| f.id.as_str()).collect()
}

fn part<'a>(story: &'a BTreeMap<String, String>, key: &str) -> &'a str {
    story
        .get(key)
        .unwrap_or_else(|| panic!("no part {key} in {story:#?}"))
}

/// Every part is one of the primary family's, and none is empty.
fn assert_fits(story: &BTreeMap<String, String>, primary: &Flag) {
    let template = Template::embedded(primary.kind.family()).unwrap();
    for (key, text) in story {
        assert!(
            template.part(key).is_some(),
            "{key} is not a part of {:?}: {story:#?}",
            primary.kind.family()
        );
        assert!(!text.trim().is_empty(), "{key} is empty");
        assert!(!text.contains("  "), "{key} has a double space: {text}");
    }
}

fn attempt(date: &str, result: ExamResult) -> Attempt {
    Attempt {
        date: ym(date),
        result,
    }
}

fn work(title: &str, start: &str, end: Option<&str>) -> Activity {
    Activity {
        kind: ActivityKind::Clinical,
        title: title.into(),
        start: ym(start),
        end: end.map(ym),
        us: false,
        hands_on: true,
        area: Area::Other,
    }
}

/// The demo with a timeline of two closed gaps (July 2020 to March 2021, June 2022 to
/// January 2023) and one still open since May 2024, each gap with its own reason.
fn three_gaps() -> Profile {
    let mut p = demo();
    p.activities = vec![
        work("Rotating internship", "2018-08", Some("2020-06")),
        work("Clinic physician", "2021-04", Some("2022-05")),
        work("Hospital physician", "2023-02", Some("2024-04")),
    ];
    p.gaps_explained = vec![
        Explained {
            start: ym("2022-06"),
            end: ym("2023-01"),
            reason: GapReason::Family,
        },
        Explained {
            start: ym("2020-07"),
            end: ym("2021-03"),
            reason: GapReason::Immigration,
        },
    ];
    p
}

// ---------------------------------------------------------------------------
// One flag
// ---------------------------------------------------------------------------

#[test]
fn a_story_of_one_flag_is_that_flags_prefill() {
    let p = demo();
    let k = Knowledge::embedded();
    let flags = flags_of(&p, &k);
    assert!(
        flags.len() >= 8,
        "the demo shows most kinds: {:?}",
        ids(&flags)
    );
    for flag in &flags {
        let alone = prefill(flag, facts(&p, &k));
        assert!(!alone.is_empty(), "{}", flag.id);
        assert_eq!(prefill_story(&[flag], facts(&p, &k)), alone, "{}", flag.id);
        // The same flag given twice is still one flag.
        assert_eq!(
            prefill_story(&[flag, flag], facts(&p, &k)),
            alone,
            "{}",
            flag.id
        );
    }
    assert!(prefill_story(&[], facts(&p, &k)).is_empty());
}

// ---------------------------------------------------------------------------
// The exam record
// ---------------------------------------------------------------------------

#[test]
fn the_demo_exam_story_names_the_record_by_date_and_never_offers_the_low_score() {
    let p = demo();
    let k = Knowledge::embedded();
    let flags = flags_of(&p, &k);
    let story_flags = of_kinds(&flags, &[FlagKind::ExamFailure, FlagKind::LowScore]);
    assert_eq!(
        story_flags
            .iter()
            .map(|f| f.id.as_str())
            .collect::<Vec<_>>(),
        ["exam_failure:step1", "low_score:step2ck"]
    );
    let story = prefill_story(&story_flags, facts(&p, &k));
    println!("demo exam story: {story:#?}");
    assert_fits(&story, story_flags[0]);
    assert_eq!(
        part(&story, "fact"),
        "I failed USMLE Step 1 in March 2019 and scored 217 on USMLE Step 2 CK in June 2020."
    );
    assert_eq!(
        part(&story, "result"),
        "I passed USMLE Step 1 in September 2019."
    );
    assert_eq!(story.len(), 2, "{story:#?}");
    // Alone, the failure still offers the Step 2 CK score as what came after.
    let alone = prefill(by_id(&flags, "exam_failure:step1"), facts(&p, &k));
    assert!(part(&alone, "result").contains("217"), "{alone:#?}");
}

#[test]
fn several_failures_read_as_one_sentence_with_later_passes_as_the_result() {
    let mut p = demo();
    p.exams = vec![
        Exam {
            step: Step::Step1,
            attempts: vec![
                attempt("2019-07", ExamResult::Fail),
                attempt("2019-03", ExamResult::Fail),
                attempt("2019-11", ExamResult::Pass),
            ],
        },
        Exam {
            step: Step::Step2Ck,
            attempts: vec![attempt("2020-06", ExamResult::Score(217))],
        },
        Exam {
            step: Step::Step3,
            attempts: vec![attempt("2022-03", ExamResult::Score(221))],
        },
    ];
    let k = Knowledge::embedded();
    let flags = flags_of(&p, &k);
    let story_flags = of_kinds(&flags, &[FlagKind::ExamFailure, FlagKind::LowScore]);
    let story = prefill_story(&story_flags, facts(&p, &k));
    assert_fits(&story, story_flags[0]);
    assert_eq!(
        part(&story, "fact"),
        "I failed USMLE Step 1 in March 2019 and again in July 2019, and scored 217 on \
         USMLE Step 2 CK in June 2020."
    );
    // Step 3 is not a flag of the story: a later pass, named without its score.
    assert_eq!(
        part(&story, "result"),
        "I passed USMLE Step 1 in November 2019 and USMLE Step 3 in March 2022."
    );
}

#[test]
fn failures_of_two_steps_interleave_by_date_and_a_score_that_is_not_low_is_a_result() {
    let mut p = demo();
    p.exams = vec![
        Exam {
            step: Step::Step1,
            attempts: vec![
                attempt("2019-03", ExamResult::Fail),
                attempt("2019-11", ExamResult::Fail),
                attempt("2020-02", ExamResult::Pass),
            ],
        },
        Exam {
            step: Step::Step2Ck,
            attempts: vec![
                attempt("2019-06", ExamResult::Fail),
                attempt("2020-09", ExamResult::Score(246)),
            ],
        },
    ];
    let k = Knowledge::embedded();
    let flags = flags_of(&p, &k);
    let story_flags = of_kinds(&flags, &[FlagKind::ExamFailure, FlagKind::LowScore]);
    assert_eq!(story_flags.len(), 2, "{:?}", ids(&flags));
    let story = prefill_story(&story_flags, facts(&p, &k));
    assert_eq!(
        part(&story, "fact"),
        "I failed USMLE Step 1 in March 2019, failed USMLE Step 2 CK in June 2019 and \
         failed USMLE Step 1 again in November 2019."
    );
    assert_eq!(
        part(&story, "result"),
        "I passed USMLE Step 1 in February 2020 and USMLE Step 2 CK in September 2020 \
         with a score of 246."
    );
    // Three failures of one Step are counted.
    p.exams[0].attempts = vec![
        attempt("2019-01", ExamResult::Fail),
        attempt("2019-03", ExamResult::Fail),
        attempt("2019-05", ExamResult::Fail),
        attempt("2020-02", ExamResult::Pass),
    ];
    let flags = flags_of(&p, &k);
    let story_flags = of_kinds(&flags, &[FlagKind::ExamFailure, FlagKind::LowScore]);
    let story = prefill_story(&story_flags, facts(&p, &k));
    assert_eq!(
        part(&story, "fact"),
        "I failed USMLE Step 1 3 times, in January 2019, March 2019 and May 2019, and failed \
         USMLE Step 2 CK in June 2019."
    );
}

#[test]
fn a_low_score_left_out_of_the_story_is_not_offered_either() {
    // Step 1 and Step 3 failed; the low Step 2 CK is a flag of another draft.
    let mut p = demo();
    p.exams.push(Exam {
        step: Step::Step3,
        attempts: vec![
            attempt("2021-05", ExamResult::Fail),
            attempt("2021-10", ExamResult::Pass),
        ],
    });
    let k = Knowledge::embedded();
    let flags = flags_of(&p, &k);
    let story_flags = of_kinds(&flags, &[FlagKind::ExamFailure]);
    assert_eq!(story_flags.len(), 2, "{:?}", ids(&flags));
    let story = prefill_story(&story_flags, facts(&p, &k));
    assert_eq!(
        part(&story, "fact"),
        "I failed USMLE Step 1 in March 2019 and failed USMLE Step 3 in May 2021."
    );
    let result = part(&story, "result");
    assert_eq!(
        result,
        "I passed USMLE Step 1 in September 2019 and USMLE Step 3 in October 2021."
    );
    assert!(!result.contains("217"), "{result}");
}

// ---------------------------------------------------------------------------
// The timeline
// ---------------------------------------------------------------------------

#[test]
fn the_demo_timeline_story_has_graduation_then_every_gap_in_one_sentence() {
    let p = demo();
    let k = Knowledge::embedded();
    let flags = flags_of(&p, &k);
    let story_flags = of_kinds(&flags, &[FlagKind::YogGap, FlagKind::TrainingGap]);
    assert_eq!(story_flags.len(), 3, "{:?}", ids(&flags));
    let story = prefill_story(&story_flags, facts(&p, &k));
    println!("demo timeline story: {story:#?}");
    assert_fits(&story, story_flags[0]);
    assert_eq!(
        part(&story, "timeline"),
        "I graduated from medical school in July 2018. I was not in clinical training or employment \
         from July 2020 to December 2021 (18 months) and from June 2023 to October 2023 \
         (5 months)."
    );
    assert_eq!(
        part(&story, "reason"),
        "The main reason was immigration and visa processing."
    );
    // With the years-since-graduation flag, engagement is that flag's activities,
    // dated by year: the gaps above are dated by month, and the field is short.
    assert_eq!(
        part(&story, "engagement"),
        "In the last 3 years: Observership, Med-Peds continuity clinic (2023 to 2024, US); \
         Hospital medicine externship (2024, US); General practitioner, community clinic for \
         families (since 2024)."
    );
}

#[test]
fn two_closed_gaps_and_an_open_one_are_one_sentence_by_date() {
    let p = three_gaps();
    let k = Knowledge::embedded();
    let flags = flags_of(&p, &k);
    let gaps = of_kinds(&flags, &[FlagKind::TrainingGap]);
    // Worst first, as callers pass them: the open gap leads.
    assert_eq!(
        gaps.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
        [
            "training_gap:2024-05",
            "training_gap:2020-07",
            "training_gap:2022-06"
        ]
    );
    let story = prefill_story(&gaps, facts(&p, &k));
    assert_fits(&story, gaps[0]);
    let sentence = "I was not in clinical training or employment from July 2020 to March \
                    2021 (9 months) and from June 2022 to January 2023 (8 months), and have \
                    not been since May 2024.";
    assert_eq!(part(&story, "timeline"), sentence);
    assert_eq!(
        part(&story, "reason"),
        "The reasons were immigration and visa processing, and family responsibilities."
    );
    // Without the graduation flag: what was done since the first gap began.
    assert_eq!(
        part(&story, "engagement"),
        "Since July 2020: Clinic physician (2021 to 2022); Hospital physician (2023 to 2024)."
    );
    // With it, graduation comes first, then the same one sentence.
    let all = of_kinds(&flags, &[FlagKind::YogGap, FlagKind::TrainingGap]);
    let story = prefill_story(&all, facts(&p, &k));
    assert_eq!(
        part(&story, "timeline"),
        format!("I graduated from medical school in July 2018. {sentence}")
    );
    // Only an open gap: dated from its start, as one gap alone reads.
    let open = by_id(&flags, "training_gap:2024-05");
    let yog = by_id(&flags, "yog_gap");
    let story = prefill_story(&[yog, open], facts(&p, &k));
    assert!(
        part(&story, "timeline")
            .ends_with(" Since May 2024, I have not been in clinical training or employment."),
        "{story:#?}"
    );
}

// ---------------------------------------------------------------------------
// Any other mix
// ---------------------------------------------------------------------------

#[test]
fn a_repeated_course_and_an_incident_share_the_primarys_first_part_by_date() {
    let p = demo();
    let k = Knowledge::embedded();
    let flags = flags_of(&p, &k);
    let repeat = by_id(&flags, "repeated_course:2016-11");
    let incident = by_id(&flags, "professionalism:2017-02");
    let both = "I repeated the pediatrics clerkship in November 2016. In February 2017, I \
                entered professionalism remediation: repeated late arrivals during the \
                medicine clerkship.";

    // Told as an academic setback: the incident's completion is what came after.
    let story = prefill_story(&[repeat, incident], facts(&p, &k));
    assert_fits(&story, repeat);
    assert_eq!(part(&story, "fact"), both);
    assert_eq!(
        part(&story, "result"),
        "I completed the remediation in June 2017."
    );
    assert_eq!(story.len(), 2, "{story:#?}");

    // Told as a professionalism issue: the same facts, under its parts.
    let story = prefill_story(&[incident, repeat], facts(&p, &k));
    assert_fits(&story, incident);
    assert_eq!(part(&story, "issue"), both);
    assert_eq!(
        part(&story, "improvement"),
        "I completed the remediation in June 2017."
    );
    assert_eq!(story.len(), 2, "{story:#?}");
}

#[test]
fn parts_with_no_home_in_the_primary_family_are_left_out() {
    let p = demo();
    let k = Knowledge::embedded();
    let flags = flags_of(&p, &k);
    let usce = by_id(&flags, "limited_usce");
    let repeat = by_id(&flags, "repeated_course:2016-11");
    let visa = by_id(&flags, "visa_plan");
    // Academic primary: the dated repeat first, then the undated flags in the order
    // given; the US letters have no part to go to.
    let story = prefill_story(&[repeat, visa, usce], facts(&p, &k));
    assert_fits(&story, repeat);
    let fact = part(&story, "fact");
    let visa_text = prefill(visa, facts(&p, &k))["eligibility"].clone();
    let usce_text = prefill(usce, facts(&p, &k))["experience"].clone();
    assert_eq!(
        fact,
        format!("I repeated the pediatrics clerkship in November 2016. {visa_text} {usce_text}")
    );
    assert!(!fact.contains("letter"), "{fact}");
    assert_eq!(story.len(), 1, "{story:#?}");
    // A US-experience primary keeps its own letters and plan.
    let story = prefill_story(&[usce, repeat], facts(&p, &k));
    assert_fits(&story, usce);
    assert_eq!(
        part(&story, "letters"),
        "I have a letter from US faculty in internal medicine."
    );
    assert!(
        part(&story, "experience").starts_with("I repeated the pediatrics clerkship"),
        "{story:#?}"
    );
}

// ---------------------------------------------------------------------------
// Date order, whatever order the flags come in
// ---------------------------------------------------------------------------

#[test]
fn date_order_holds_when_flags_come_in_another_order() {
    let k = Knowledge::embedded();

    // Exam record: the low score first, the failures after it.
    let mut p = demo();
    p.exams[0]
        .attempts
        .insert(0, attempt("2018-11", ExamResult::Fail));
    let flags = flags_of(&p, &k);
    let score = by_id(&flags, "low_score:step2ck");
    let step1 = by_id(&flags, "exam_failure:step1");
    let story = prefill_story(&[score, step1], facts(&p, &k));
    assert_fits(&story, score);
    assert_eq!(
        part(&story, "fact"),
        "I failed USMLE Step 1 in November 2018 and again in March 2019, and scored 217 on \
         USMLE Step 2 CK in June 2020."
    );
    assert_eq!(
        part(&story, "result"),
        "I passed USMLE Step 1 in September 2019."
    );

    // Timeline: the gaps given latest first.
    let p = three_gaps();
    let flags = flags_of(&p, &k);
    let mut gaps = of_kinds(&flags, &[FlagKind::TrainingGap]);
    gaps.sort_by(|a, b| b.id.cmp(&a.id));
    assert_eq!(gaps[0].id, "training_gap:2024-05");
    let timeline = prefill_story(&gaps, facts(&p, &k))["timeline"].clone();
    let at = |s: &str| {
        timeline
            .find(s)
            .unwrap_or_else(|| panic!("{s}: {timeline}"))
    };
    assert!(at("July 2020") < at("June 2022"), "{timeline}");
    assert!(at("June 2022") < at("since May 2024"), "{timeline}");

    // A mix: the later incident is the primary, the earlier repeat still comes first.
    let mut p = demo();
    p.repeats[0].date = ym("2017-08");
    p.incidents[0].date = ym("2017-05");
    p.incidents[0].completed = None;
    let flags = flags_of(&p, &k);
    let repeat = by_id(&flags, "repeated_course:2017-08");
    let incident = by_id(&flags, "professionalism:2017-05");
    for order in [[repeat, incident], [incident, repeat]] {
        let story = prefill_story(&order, facts(&p, &k));
        let first = if order[0] == repeat { "fact" } else { "issue" };
        let text = part(&story, first);
        assert!(
            text.starts_with("In May 2017, I entered professionalism remediation")
                && text.ends_with("I repeated the pediatrics clerkship in August 2017."),
            "{text}"
        );
    }
}
