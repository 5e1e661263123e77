//! Detection, end to end through the library: every flag kind at the edges of its
//! threshold, every severity rule (asserted on the severity and on the reasons),
//! timeline-gap edge cases, stable ids, ordering, rules read from data, and the demo.
//!
//! "Today" is always a fixed month; the clock is never read.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::Path;

use flagdraft::core::detect::{Knowledge, detect};
use flagdraft::core::flag::{Effect, Flag, FlagKind, Severity, Subject};
use flagdraft::core::month::{Span, YearMonth};
use flagdraft::core::profile::{Attempt, Citizenship, Exam, ExamResult, Profile, Step};
use flagdraft::core::rules::Rules;
use flagdraft::core::validate::{validate, warnings};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// The month every test treats as now, unless it says otherwise.
const TODAY: &str = "2023-09";

/// A US internal-medicine letter: without one, limited_usce always shows.
const US_LETTER: &str = "letters: [Letter(area: InternalMedicine, us: true)]";

fn ym(s: &str) -> YearMonth {
    s.parse().unwrap()
}

fn span(start: &str, end: &str) -> Span {
    Span {
        start: ym(start),
        end: ym(end),
    }
}

/// A US citizen who graduated in June 2020 and applies in 2023, plus `extra` fields.
fn profile(extra: &str) -> Profile {
    let text = format!(
        r#"Profile(version: 1, citizenship: UsCitizen, graduation: "2020-06", application_year: 2023, {extra})"#
    );
    ron::from_str::<Profile>(&text).unwrap_or_else(|e| panic!("{e}\nin {text}"))
}

/// An activity in RON; `end` of `None` means ongoing.
fn activity(kind: &str, start: &str, end: Option<&str>, us: bool, hands_on: bool) -> String {
    let end = end.map_or_else(|| "None".to_string(), |e| format!("Some(\"{e}\")"));
    format!(
        r#"Activity(kind: {kind}, title: "{kind}", start: "{start}", end: {end}, us: {us}, hands_on: {hands_on})"#
    )
}

/// Hands-on clinical work outside the US.
fn clinical(start: &str, end: Option<&str>) -> String {
    activity("Clinical", start, end, false, true)
}

/// Hands-on clinical work in the US.
fn us_clinical(start: &str, end: Option<&str>) -> String {
    activity("Clinical", start, end, true, true)
}

/// Non-clinical work outside the US: fills the timeline but is not clinical.
fn research(start: &str, end: Option<&str>) -> String {
    activity("Research", start, end, false, false)
}

fn activities(list: &[String]) -> String {
    format!("activities: [{}]", list.join(", "))
}

/// A profile with no flag at all: US hands-on clinical work ever since graduation and a
/// US letter, plus `extra` fields (which must not repeat `activities` or `letters`).
fn clean(extra: &str) -> Profile {
    profile(&format!(
        "{}, {US_LETTER}, {extra}",
        activities(&[us_clinical("2020-07", None)])
    ))
}

/// Covered since graduation by non-clinical, non-US work, with a US letter.
fn covered_without_clinical(extra: &str) -> Profile {
    profile(&format!(
        "{}, {US_LETTER}, {extra}",
        activities(&[
            research("2010-01", None),
            us_clinical("2010-01", Some("2012-12"))
        ])
    ))
}

fn run(p: &Profile) -> Vec<Flag> {
    run_at(p, TODAY)
}

fn run_at(p: &Profile, today: &str) -> Vec<Flag> {
    detect(p, &Knowledge::embedded(), ym(today))
}

fn run_with(p: &Profile, rules: &str) -> Vec<Flag> {
    let mut knowledge = Knowledge::embedded();
    knowledge.rules = Rules::parse(rules).unwrap();
    detect(p, &knowledge, ym(TODAY))
}

fn of(flags: &[Flag], kind: FlagKind) -> Vec<&Flag> {
    flags.iter().filter(|f| f.kind == kind).collect()
}

fn has(flags: &[Flag], kind: FlagKind) -> bool {
    flags.iter().any(|f| f.kind == kind)
}

/// The single flag of `kind`; fails when there are none or several.
fn one(flags: &[Flag], kind: FlagKind) -> &Flag {
    let found = of(flags, kind);
    assert_eq!(found.len(), 1, "expected one {kind} in {flags:#?}");
    found[0]
}

fn kinds(flags: &[Flag]) -> BTreeSet<FlagKind> {
    flags.iter().map(|f| f.kind).collect()
}

fn count(flag: &Flag, effect: Effect) -> usize {
    flag.reasons.iter().filter(|r| r.effect == effect).count()
}

/// Whether a reason with `effect` mentions `words`.
fn says(flag: &Flag, effect: Effect, words: &str) -> bool {
    flag.reasons
        .iter()
        .any(|r| r.effect == effect && r.text.contains(words))
}

fn assert_severity(flag: &Flag, expected: Severity) {
    assert_eq!(flag.severity, expected, "{flag:#?}");
    assert_eq!(
        flag.reasons.first().map(|r| r.effect),
        Some(Effect::Base),
        "the first reason sets the base: {flag:#?}"
    );
}

/// Only base reasons: nothing raised or lowered it.
fn assert_unadjusted(flag: &Flag) {
    assert_eq!(count(flag, Effect::Raises), 0, "{flag:#?}");
    assert_eq!(count(flag, Effect::Lowers), 0, "{flag:#?}");
}

fn exams(list: &str) -> String {
    format!("exams: [{list}]")
}

// ---------------------------------------------------------------------------
// Baseline
// ---------------------------------------------------------------------------

#[test]
fn clean_profile_has_no_flags() {
    assert_eq!(run(&clean("")), vec![]);
}

// ---------------------------------------------------------------------------
// exam_failure
// ---------------------------------------------------------------------------

#[test]
fn exam_failure_detected_for_a_failed_attempt() {
    let p = clean(&exams(
        r#"Exam(step: Step1, attempts: [Attempt(date: "2019-06", result: Fail), Attempt(date: "2019-12", result: Pass)])"#,
    ));
    let flags = run(&p);
    let f = one(&flags, FlagKind::ExamFailure);
    assert_eq!(f.id, "exam_failure:step1");
    assert!(f.summary.contains("2019-06"), "{}", f.summary);
}

#[test]
fn exam_failure_not_detected_for_passes_only() {
    let p = clean(&exams(
        r#"Exam(step: Step1, attempts: [Attempt(date: "2019-06", result: Pass)]),
           Exam(step: Step2Ck, attempts: [Attempt(date: "2020-01", result: Score(250))])"#,
    ));
    assert_eq!(run(&p), vec![]);
}

#[test]
fn step1_score_below_pass_mark_counts_as_a_fail() {
    // The mark in June 2019 was 194.
    let fail = clean(&exams(
        r#"Exam(step: Step1, attempts: [Attempt(date: "2019-06", result: Score(193))])"#,
    ));
    let pass = clean(&exams(
        r#"Exam(step: Step1, attempts: [Attempt(date: "2019-06", result: Score(194))])"#,
    ));
    assert_eq!(
        one(&run(&fail), FlagKind::ExamFailure).id,
        "exam_failure:step1"
    );
    assert!(!has(&run(&pass), FlagKind::ExamFailure));
}

#[test]
fn step2ck_score_below_pass_mark_counts_as_a_fail() {
    // The mark in January 2020 was 209.
    let fail = clean(&exams(
        r#"Exam(step: Step2Ck, attempts: [Attempt(date: "2020-01", result: Score(208))])"#,
    ));
    let pass = clean(&exams(
        r#"Exam(step: Step2Ck, attempts: [Attempt(date: "2020-01", result: Score(209))])"#,
    ));
    let flags = run(&fail);
    assert_eq!(
        one(&flags, FlagKind::ExamFailure).id,
        "exam_failure:step2ck"
    );
    // A failing score is a failure, not a low passing score.
    assert!(!has(&flags, FlagKind::LowScore));
    let flags = run(&pass);
    assert!(!has(&flags, FlagKind::ExamFailure));
    assert!(has(&flags, FlagKind::LowScore));
}

#[test]
fn single_old_failure_later_passed_is_moderate() {
    // Failed 44 months before today, passed after: nothing raises or lowers it.
    let p = clean(&exams(
        r#"Exam(step: Step1, attempts: [Attempt(date: "2020-01", result: Fail), Attempt(date: "2020-05", result: Pass)])"#,
    ));
    let flags = run(&p);
    let f = one(&flags, FlagKind::ExamFailure);
    assert_severity(f, Severity::Moderate);
    assert_unadjusted(f);
}

#[test]
fn exam_failure_raised_by_more_than_one_fail() {
    let p = clean(&exams(
        r#"Exam(step: Step1, attempts: [
            Attempt(date: "2019-06", result: Fail),
            Attempt(date: "2019-12", result: Fail),
            Attempt(date: "2020-03", result: Pass)])"#,
    ));
    let flags = run(&p);
    let f = one(&flags, FlagKind::ExamFailure);
    assert_severity(f, Severity::High);
    assert!(says(f, Effect::Raises, "2 failed attempts"), "{f:#?}");
    assert_eq!(count(f, Effect::Raises), 1, "{f:#?}");
}

#[test]
fn exam_failure_raised_when_recent_at_the_recent_years_edge() {
    // recent_years 3, today 2023-09: 2020-10 is 35 months back (recent),
    // 2020-09 is 36 months back (not recent).
    let at = |fail: &str| {
        clean(&exams(&format!(
            r#"Exam(step: Step1, attempts: [Attempt(date: "{fail}", result: Fail), Attempt(date: "2021-06", result: Pass)])"#
        )))
    };
    let recent = run(&at("2020-10"));
    let f = one(&recent, FlagKind::ExamFailure);
    assert_severity(f, Severity::High);
    assert!(says(f, Effect::Raises, "within the last 3 years"), "{f:#?}");

    let older = run(&at("2020-09"));
    let f = one(&older, FlagKind::ExamFailure);
    assert_severity(f, Severity::Moderate);
    assert_unadjusted(f);
}

#[test]
fn exam_failure_raised_by_failures_on_two_steps() {
    let p = clean(&exams(
        r#"Exam(step: Step1, attempts: [Attempt(date: "2019-01", result: Fail), Attempt(date: "2019-06", result: Pass)]),
           Exam(step: Step2Ck, attempts: [Attempt(date: "2019-09", result: Score(200)), Attempt(date: "2020-02", result: Score(230))])"#,
    ));
    let flags = run(&p);
    let failures = of(&flags, FlagKind::ExamFailure);
    assert_eq!(failures.len(), 2, "{flags:#?}");
    for f in failures {
        assert_severity(f, Severity::High);
        assert!(says(f, Effect::Raises, "more than one Step"), "{f:#?}");
        assert_eq!(count(f, Effect::Raises), 1, "{f:#?}");
    }
}

#[test]
fn exam_failure_raised_when_not_yet_passed() {
    let p = clean(&exams(
        r#"Exam(step: Step1, attempts: [Attempt(date: "2019-06", result: Fail)])"#,
    ));
    let flags = run(&p);
    let f = one(&flags, FlagKind::ExamFailure);
    assert_severity(f, Severity::High);
    assert!(says(f, Effect::Raises, "no passing"), "{f:#?}");
    assert!(f.summary.contains("not yet passed"), "{}", f.summary);
}

/// A recent Step 1 failure (raised to high), later passed, with this Step 2 CK score.
fn recent_fail_then_step2ck(score: u16) -> Profile {
    clean(&exams(&format!(
        r#"Exam(step: Step1, attempts: [Attempt(date: "2021-01", result: Fail), Attempt(date: "2021-06", result: Pass)]),
           Exam(step: Step2Ck, attempts: [Attempt(date: "2022-03", result: Score({score}))])"#
    )))
}

#[test]
fn exam_failure_lowered_by_later_pass_and_strong_step2ck() {
    // strong_step2ck 250: the national mean of Step 2 CK is about 245-250.
    let flags = run(&recent_fail_then_step2ck(250));
    let f = one(&flags, FlagKind::ExamFailure);
    assert_severity(f, Severity::Moderate);
    assert_eq!(count(f, Effect::Raises), 1, "recency: {f:#?}");
    assert!(says(f, Effect::Lowers, "strong Step 2 CK (250)"), "{f:#?}");
}

#[test]
fn exam_failure_not_lowered_by_step2ck_under_strong() {
    // 249 and 240 are neither strong nor low: nothing lowers or raises for them.
    for score in [249, 240] {
        let flags = run(&recent_fail_then_step2ck(score));
        let f = one(&flags, FlagKind::ExamFailure);
        assert_severity(f, Severity::High);
        assert_eq!(count(f, Effect::Lowers), 0, "{f:#?}");
        assert_eq!(count(f, Effect::Raises), 1, "recency only: {f:#?}");
    }
}

#[test]
fn exam_failure_raised_when_the_later_step2ck_is_low() {
    // An old failure (nothing raises it) followed by a passing but low Step 2 CK.
    let at = |score: u16| {
        clean(&exams(&format!(
            r#"Exam(step: Step1, attempts: [Attempt(date: "2019-06", result: Fail), Attempt(date: "2019-12", result: Pass)]),
               Exam(step: Step2Ck, attempts: [Attempt(date: "2020-03", result: Score({score}))])"#
        )))
    };
    let flags = run(&at(229));
    let f = one(&flags, FlagKind::ExamFailure);
    assert_severity(f, Severity::High);
    assert!(
        says(
            f,
            Effect::Raises,
            "no upward trend yet: the Step 2 CK after it was low (229"
        ),
        "{f:#?}"
    );
    assert_eq!(count(f, Effect::Raises), 1, "{f:#?}");

    let flags = run(&at(230));
    let f = one(&flags, FlagKind::ExamFailure);
    assert_severity(f, Severity::Moderate);
    assert_unadjusted(f);
}

#[test]
fn a_low_step2ck_before_the_failure_does_not_raise_it() {
    let p = clean(&exams(
        r#"Exam(step: Step2Ck, attempts: [Attempt(date: "2019-03", result: Score(220))]),
           Exam(step: Step3, attempts: [Attempt(date: "2019-09", result: Fail), Attempt(date: "2020-03", result: Pass)])"#,
    ));
    let flags = run(&p);
    let f = one(&flags, FlagKind::ExamFailure);
    assert_eq!(f.id, "exam_failure:step3");
    assert_unadjusted(f);
}

#[test]
fn a_retaken_step2ck_that_passes_low_is_raised() {
    let p = clean(&exams(
        r#"Exam(step: Step2Ck, attempts: [Attempt(date: "2019-03", result: Score(205)), Attempt(date: "2019-09", result: Score(221))])"#,
    ));
    let flags = run(&p);
    let f = one(&flags, FlagKind::ExamFailure);
    assert!(says(f, Effect::Raises, "no upward trend yet"), "{f:#?}");
    assert_severity(f, Severity::High);
    assert!(has(&flags, FlagKind::LowScore));
}

// ---------------------------------------------------------------------------
// Pass marks by test date: each Step's changes, on both sides
// ---------------------------------------------------------------------------

/// Whether one attempt of `step` with `score` in `month` is a failure, today 2026-09.
fn fails(step: &str, month: &str, score: u16) -> bool {
    let p = clean(&exams(&format!(
        r#"Exam(step: {step}, attempts: [Attempt(date: "{month}", result: Score({score}))])"#
    )));
    has(&run_at(&p, "2026-09"), FlagKind::ExamFailure)
}

/// `(month, score, failed)` rows for `step`, each checked.
fn assert_marks(step: &str, rows: &[(&str, u16, bool)]) {
    for &(month, score, failed) in rows {
        assert_eq!(
            fails(step, month, score),
            failed,
            "{step} {score} in {month} should {}",
            if failed { "fail" } else { "pass" }
        );
    }
}

#[test]
fn step1_pass_marks_by_test_date() {
    assert_marks(
        "Step1",
        &[
            // 192 until 2017-12-31.
            ("2017-12", 191, true),
            ("2017-12", 192, false),
            ("2017-12", 193, false),
            // 194 from 2018-01-01: 195 in 2020 is a pass.
            ("2018-01", 193, true),
            ("2018-01", 194, false),
            ("2020-06", 195, false),
            ("2021-12", 195, false),
            // 196 from 2022-01-26: January 2022 may be either side, so the earlier
            // mark holds and no failure is invented.
            ("2022-01", 195, false),
            ("2022-01", 193, true),
            ("2022-02", 195, true),
            ("2022-02", 196, false),
        ],
    );
}

#[test]
fn step2ck_pass_marks_by_test_date() {
    assert_marks(
        "Step2Ck",
        &[
            // No mark is known before 2012-07: only a recorded Fail fails.
            ("2012-06", 150, false),
            ("2012-07", 195, true),
            ("2012-07", 196, false),
            ("2013-06", 202, false),
            ("2013-07", 202, true),
            ("2013-07", 203, false),
            ("2014-06", 208, false),
            ("2014-07", 208, true),
            ("2014-07", 209, false),
            ("2022-06", 213, false),
            ("2022-07", 213, true),
            ("2022-07", 214, false),
            // 218 from 2025-07-01.
            ("2025-06", 217, false),
            ("2025-07", 217, true),
            ("2025-07", 218, false),
        ],
    );
}

#[test]
fn step3_pass_marks_by_test_date() {
    assert_marks(
        "Step3",
        &[
            ("2015-12", 189, true),
            ("2015-12", 190, false),
            ("2015-12", 195, false),
            ("2016-01", 195, true),
            ("2016-01", 196, false),
            ("2019-12", 197, false),
            ("2020-01", 197, true),
            ("2020-01", 198, false),
            // 200 from 2024-01-01: 198 in 2024 is a fail.
            ("2023-12", 199, false),
            ("2024-01", 199, true),
            ("2024-06", 198, true),
            ("2024-01", 200, false),
        ],
    );
}

#[test]
fn a_failure_judged_by_its_date_is_not_a_low_score() {
    // 216 passed in 2024 (214 then) and is low; in 2025-08 it failed (218).
    let at = |month: &str| {
        clean(&exams(&format!(
            r#"Exam(step: Step2Ck, attempts: [Attempt(date: "{month}", result: Score(216))])"#
        )))
    };
    let flags = run_at(&at("2024-06"), "2026-09");
    assert!(!has(&flags, FlagKind::ExamFailure), "{flags:#?}");
    assert!(has(&flags, FlagKind::LowScore), "{flags:#?}");
    let flags = run_at(&at("2025-08"), "2026-09");
    assert!(has(&flags, FlagKind::ExamFailure), "{flags:#?}");
    assert!(!has(&flags, FlagKind::LowScore), "{flags:#?}");
}

#[test]
fn an_old_rules_file_with_one_mark_per_step_still_loads() {
    // The line every earlier rules.ron carried reads as the dated tables...
    let p = clean(&exams(
        r#"Exam(step: Step2Ck, attempts: [Attempt(date: "2020-01", result: Score(212))])"#,
    ));
    let old = "(pass_marks: PassMarks(step1: 196, step2ck: 214, step3: 198))";
    assert!(!has(&run_with(&p, old), FlagKind::ExamFailure));
    // ...and a number of the user's own is their mark at every date.
    assert!(has(
        &run_with(&p, "(pass_marks: (step2ck: 213))"),
        FlagKind::ExamFailure
    ));
}

#[test]
fn pass_marks_by_date_come_from_rules() {
    let p = clean(&exams(
        r#"Exam(step: Step3, attempts: [Attempt(date: "2024-03", result: Score(199))])"#,
    ));
    assert!(has(&run(&p), FlagKind::ExamFailure));
    let rules =
        r#"(pass_marks: (step3: [Mark(score: 190), Mark(from: "2024-04-01", score: 200)]))"#;
    assert!(!has(&run_with(&p, rules), FlagKind::ExamFailure));
}

// ---------------------------------------------------------------------------
// The attempt limit: 4 per Step
// ---------------------------------------------------------------------------

/// `fails` failed attempts of Step 2 CK, a month apart from 2019-01, then `then`.
fn failed_times(fails: usize, then: Option<&str>) -> Profile {
    let mut list: Vec<String> = (0..fails)
        .map(|i| format!(r#"Attempt(date: "2019-{:02}", result: Fail)"#, i * 2 + 1))
        .collect();
    list.extend(then.map(|r| format!(r#"Attempt(date: "2019-12", result: {r})"#)));
    clean(&exams(&format!(
        "Exam(step: Step2Ck, attempts: [{}])",
        list.join(", ")
    )))
}

#[test]
fn a_second_failure_says_nothing_of_attempts_left() {
    let flags = run(&failed_times(2, None));
    let f = one(&flags, FlagKind::ExamFailure);
    assert!(!says(f, Effect::Raises, "attempt left"), "{f:#?}");
}

#[test]
fn a_third_failure_is_high_with_one_attempt_left() {
    let flags = run(&failed_times(3, None));
    let f = one(&flags, FlagKind::ExamFailure);
    assert_severity(f, Severity::High);
    assert!(says(f, Effect::Raises, "one attempt left"), "{f:#?}");
    assert!(f.summary.contains("not yet passed"), "{}", f.summary);
}

#[test]
fn a_fourth_failure_means_the_step_can_no_longer_be_taken() {
    let flags = run(&failed_times(4, None));
    let f = one(&flags, FlagKind::ExamFailure);
    assert_severity(f, Severity::High);
    assert!(says(f, Effect::Raises, "no attempt left"), "{f:#?}");
    assert!(!says(f, Effect::Raises, "one attempt left"), "{f:#?}");
    assert!(
        f.summary.contains("Step 2 CK can no longer be taken"),
        "{}",
        f.summary
    );
}

#[test]
fn passing_on_the_last_allowed_attempt_stays_high_even_with_a_strong_step2ck() {
    let flags = run(&failed_times(3, Some("Score(252)")));
    let f = one(&flags, FlagKind::ExamFailure);
    assert_severity(f, Severity::High);
    assert!(
        says(
            f,
            Effect::Raises,
            "passed only on the last of the 4 attempts"
        ),
        "{f:#?}"
    );
    assert!(says(f, Effect::Lowers, "strong Step 2 CK (252)"), "{f:#?}");
}

#[test]
fn the_attempt_limit_comes_from_rules() {
    let flags = run_with(&failed_times(3, None), "(max_attempts: 6)");
    let f = one(&flags, FlagKind::ExamFailure);
    assert!(!says(f, Effect::Raises, "attempt left"), "{f:#?}");
    let flags = run_with(&failed_times(2, None), "(max_attempts: 3)");
    let f = one(&flags, FlagKind::ExamFailure);
    assert!(says(f, Effect::Raises, "one attempt left"), "{f:#?}");
}

// ---------------------------------------------------------------------------
// Input errors: what no USMLE record can hold, refused on load with where it is
// ---------------------------------------------------------------------------

fn load(text: &str) -> Result<Profile, String> {
    flagdraft::store::parse_profile(Path::new("profile.ron"), text).map_err(|e| e.to_string())
}

const HEAD: &str =
    r#"Profile(version: 1, citizenship: NonUs, graduation: "2019-06", application_year: 2026,"#;

#[test]
fn a_step1_score_after_it_became_pass_or_fail_is_an_input_error() {
    let step1 = |month: &str, result: &str| {
        format!(
            "{HEAD}\n  exams: [Exam(step: Step1, attempts: [\n    Attempt(date: \"{month}\", result: {result}),\n  ])],\n)"
        )
    };
    let err = load(&step1("2022-02", "Score(235)")).unwrap_err();
    assert!(err.starts_with("profile.ron:3:38: "), "{err}");
    assert!(err.contains("exams[0].attempts[0].result"), "{err}");
    assert!(err.contains("pass or fail"), "{err}");
    // January 2022 may hold a test from before 26 January: allowed.
    assert!(load(&step1("2022-01", "Score(235)")).is_ok());
    assert!(load(&step1("2023-05", "Pass")).is_ok());
    assert!(load(&step1("2021-12", "Score(235)")).is_ok());
}

#[test]
fn five_attempts_at_one_step_are_an_input_error() {
    let attempts = |n: usize| {
        let list: Vec<String> = (0..n)
            .map(|i| format!("\n    Attempt(date: \"2021-{:02}\", result: Fail),", i + 1))
            .collect();
        format!(
            "{HEAD}\n  exams: [Exam(step: Step3, attempts: [{}\n  ])],\n)",
            list.concat()
        )
    };
    assert!(load(&attempts(4)).is_ok());
    let err = load(&attempts(5)).unwrap_err();
    assert!(err.starts_with("profile.ron:7:19: "), "{err}");
    assert!(err.contains("exams[0].attempts[4]"), "{err}");
    assert!(err.contains("at most 4"), "{err}");
}

#[test]
fn exam_failure_not_lowered_by_strong_step2ck_without_a_later_pass() {
    let p = clean(&exams(
        r#"Exam(step: Step1, attempts: [Attempt(date: "2019-06", result: Fail)]),
           Exam(step: Step2Ck, attempts: [Attempt(date: "2020-03", result: Score(255))])"#,
    ));
    let flags = run(&p);
    let f = one(&flags, FlagKind::ExamFailure);
    assert_severity(f, Severity::High);
    assert_eq!(count(f, Effect::Lowers), 0, "{f:#?}");
}

#[test]
fn exam_failure_pass_mark_comes_from_rules() {
    let p = clean(&exams(
        r#"Exam(step: Step1, attempts: [Attempt(date: "2019-06", result: Score(200))])"#,
    ));
    assert!(!has(&run(&p), FlagKind::ExamFailure));
    let flags = run_with(&p, "(pass_marks: (step1: 201))");
    assert!(has(&flags, FlagKind::ExamFailure), "{flags:#?}");
}

// ---------------------------------------------------------------------------
// low_score
// ---------------------------------------------------------------------------

fn step2ck(score: u16) -> Profile {
    clean(&exams(&format!(
        r#"Exam(step: Step2Ck, attempts: [Attempt(date: "2020-03", result: Score({score}))])"#
    )))
}

#[test]
fn low_score_detected_under_threshold() {
    // low_score_threshold 230: the pass mark is 218 since 2025-07.
    let flags = run(&step2ck(229));
    let f = one(&flags, FlagKind::LowScore);
    assert_eq!(f.id, "low_score:step2ck");
    assert_severity(f, Severity::Moderate);
    assert!(f.summary.contains("229"), "{}", f.summary);
    assert_eq!(
        f.subject,
        Subject::Score(flagdraft::core::profile::Step::Step2Ck)
    );
}

#[test]
fn low_score_not_detected_at_threshold() {
    assert_eq!(run(&step2ck(230)), vec![]);
}

#[test]
fn low_score_not_detected_without_a_score() {
    let p = clean(&exams(
        r#"Exam(step: Step2Ck, attempts: [Attempt(date: "2020-03", result: Pass)])"#,
    ));
    assert_eq!(run(&p), vec![]);
}

#[test]
fn low_score_threshold_comes_from_rules() {
    let p = step2ck(235);
    assert!(!has(&run(&p), FlagKind::LowScore));
    assert!(has(
        &run_with(&p, "(low_score_threshold: 240)"),
        FlagKind::LowScore
    ));
}

/// A low Step 2 CK (221) and a passing Step 3 with `score`.
fn low_step2ck_then_step3(score: u16) -> Profile {
    clean(&exams(&format!(
        r#"Exam(step: Step2Ck, attempts: [Attempt(date: "2020-03", result: Score(221))]),
           Exam(step: Step3, attempts: [Attempt(date: "2021-05", result: Score({score}))])"#
    )))
}

#[test]
fn low_score_mitigated_by_a_strong_step3() {
    let flags = run(&low_step2ck_then_step3(225));
    let f = one(&flags, FlagKind::LowScore);
    assert_severity(f, Severity::Low);
    assert!(
        says(f, Effect::Lowers, "a strong Step 3 (225 in 2021-05"),
        "{f:#?}"
    );
}

#[test]
fn low_score_not_mitigated_by_a_step3_under_strong() {
    let flags = run(&low_step2ck_then_step3(224));
    let f = one(&flags, FlagKind::LowScore);
    assert_severity(f, Severity::Moderate);
    assert_unadjusted(f);
}

#[test]
fn a_strong_step3_comes_from_rules() {
    let flags = run_with(&low_step2ck_then_step3(225), "(strong_step3: 230)");
    assert_unadjusted(one(&flags, FlagKind::LowScore));
}

#[test]
fn low_score_advice_names_a_strong_step3() {
    let flags = run(&step2ck(221));
    let f = serde_json::to_value(one(&flags, FlagKind::LowScore)).unwrap();
    let advice = f["advice"].as_str().unwrap_or_default();
    assert!(advice.contains("strong Step 3"), "{f:#}");
}

// ---------------------------------------------------------------------------
// repeated_course
// ---------------------------------------------------------------------------

fn repeats(list: &str) -> String {
    format!("repeats: [{list}]")
}

#[test]
fn repeated_course_not_detected_without_repeats() {
    assert!(!has(&run(&clean("repeats: []")), FlagKind::RepeatedCourse));
}

#[test]
fn repeated_course_outside_core_recent_is_moderate() {
    // Four years back: not yet long ago (long_ago_years 5).
    let p = clean(&repeats(
        r#"Repeat(what: "Surgery clerkship", area: Other, date: "2019-06")"#,
    ));
    let flags = run(&p);
    let f = one(&flags, FlagKind::RepeatedCourse);
    assert_eq!(f.id, "repeated_course:2019-06");
    assert_eq!(f.subject, Subject::Repeat(0));
    assert_severity(f, Severity::Moderate);
    assert_unadjusted(f);
}

#[test]
fn repeated_course_raised_in_each_core_area() {
    for area in ["InternalMedicine", "Pediatrics", "MedPeds", "CriticalCare"] {
        let p = clean(&repeats(&format!(
            r#"Repeat(what: "Clerkship", area: {area}, date: "2019-06")"#
        )));
        let flags = run(&p);
        let f = one(&flags, FlagKind::RepeatedCourse);
        assert_severity(f, Severity::High);
        assert!(
            says(f, Effect::Raises, "core of Med-Peds"),
            "{area}: {f:#?}"
        );
    }
}

#[test]
fn repeated_course_raised_by_several_repeats() {
    let p = clean(&repeats(
        r#"Repeat(what: "Surgery", area: Other, date: "2019-01"),
           Repeat(what: "Psychiatry", area: Other, date: "2019-06")"#,
    ));
    let flags = run(&p);
    let found = of(&flags, FlagKind::RepeatedCourse);
    assert_eq!(found.len(), 2);
    for f in found {
        assert_severity(f, Severity::High);
        assert!(says(f, Effect::Raises, "2 repeated courses"), "{f:#?}");
    }
}

#[test]
fn repeated_course_lowered_when_long_ago_and_clean_since() {
    // long_ago_years 5, today 2023-09: 2018-09 is exactly 5 years back, 2018-10 is not.
    let at = |date: &str| {
        clean(&repeats(&format!(
            r#"Repeat(what: "Surgery", area: Other, date: "{date}")"#
        )))
    };
    let flags = run(&at("2018-09"));
    let f = one(&flags, FlagKind::RepeatedCourse);
    assert_severity(f, Severity::Low);
    assert!(says(f, Effect::Lowers, "5 years ago"), "{f:#?}");

    let flags = run(&at("2018-10"));
    let f = one(&flags, FlagKind::RepeatedCourse);
    assert_severity(f, Severity::Moderate);
    assert_unadjusted(f);
}

#[test]
fn repeated_course_not_lowered_after_a_later_exam_failure() {
    let p = clean(&format!(
        "{}, {}",
        repeats(r#"Repeat(what: "Surgery", area: Other, date: "2017-01")"#),
        // More than pattern_months (12) later, so only "clean since" is at stake.
        exams(
            r#"Exam(step: Step1, attempts: [Attempt(date: "2018-03", result: Fail), Attempt(date: "2018-06", result: Pass)])"#
        )
    ));
    let flags = run(&p);
    let f = one(&flags, FlagKind::RepeatedCourse);
    assert_severity(f, Severity::Moderate);
    assert_eq!(count(f, Effect::Lowers), 0, "{f:#?}");
}

#[test]
fn repeated_course_not_lowered_after_a_later_incident() {
    let p = clean(&format!(
        "{}, {}",
        repeats(r#"Repeat(what: "Surgery", area: Other, date: "2017-01")"#),
        // More than pattern_months (12) later, so only "clean since" is at stake.
        r#"incidents: [Incident(kind: Citation, date: "2018-05")]"#
    ));
    let flags = run(&p);
    let f = one(&flags, FlagKind::RepeatedCourse);
    assert_severity(f, Severity::Moderate);
    assert_eq!(count(f, Effect::Lowers), 0, "{f:#?}");
}

#[test]
fn repeated_core_course_long_ago_is_lowered_from_high() {
    let p = clean(&repeats(
        r#"Repeat(what: "Pediatrics", area: Pediatrics, date: "2016-06")"#,
    ));
    let flags = run(&p);
    let f = one(&flags, FlagKind::RepeatedCourse);
    assert_severity(f, Severity::Moderate);
    assert_eq!(count(f, Effect::Raises), 1, "{f:#?}");
    assert_eq!(count(f, Effect::Lowers), 1, "{f:#?}");
}

#[test]
fn two_repeats_in_the_same_month_get_distinct_ids() {
    let p = clean(&repeats(
        r#"Repeat(what: "Surgery", area: Other, date: "2019-01"),
           Repeat(what: "Psychiatry", area: Other, date: "2019-01"),
           Repeat(what: "Obstetrics", area: Other, date: "2019-01")"#,
    ));
    let flags = run(&p);
    let ids: BTreeSet<&str> = of(&flags, FlagKind::RepeatedCourse)
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    let expected: BTreeSet<&str> = [
        "repeated_course:2019-01",
        "repeated_course:2019-01-2",
        "repeated_course:2019-01-3",
    ]
    .into();
    assert_eq!(ids, expected);
}

#[test]
fn repeat_ids_are_stable_across_runs_and_days() {
    let p = clean(&repeats(
        r#"Repeat(what: "Surgery", area: Other, date: "2019-01"),
           Repeat(what: "Psychiatry", area: Other, date: "2019-01")"#,
    ));
    let ids = |today: &str| -> Vec<String> {
        run_at(&p, today)
            .into_iter()
            .filter(|f| f.kind == FlagKind::RepeatedCourse)
            .map(|f| f.id)
            .collect()
    };
    assert_eq!(ids(TODAY), ids(TODAY));
    assert_eq!(ids(TODAY), ids("2023-12"));
}

// ---------------------------------------------------------------------------
// low_rank
// ---------------------------------------------------------------------------

#[test]
fn low_rank_detected_for_bottom_quartile() {
    let flags = run(&clean("class_rank_quartile: Some(4)"));
    let f = one(&flags, FlagKind::LowRank);
    assert_eq!(f.id, "low_rank");
    assert_severity(f, Severity::Moderate);
}

#[test]
fn low_rank_not_detected_for_third_quartile_or_no_rank() {
    assert_eq!(run(&clean("class_rank_quartile: Some(3)")), vec![]);
    assert_eq!(run(&clean("class_rank_quartile: Some(1)")), vec![]);
    assert_eq!(run(&clean("class_rank_quartile: None")), vec![]);
}

// ---------------------------------------------------------------------------
// yog_gap
// ---------------------------------------------------------------------------

/// Graduated in June of `grad_year`, applying in 2023, covered with non-clinical work.
fn graduated(grad_year: i32) -> Profile {
    let mut p = covered_without_clinical("");
    p.graduation = ym(&format!("{grad_year}-06"));
    p
}

#[test]
fn yog_gap_not_detected_at_three_years() {
    let flags = run(&graduated(2020));
    assert!(!has(&flags, FlagKind::YogGap), "{flags:#?}");
}

#[test]
fn yog_gap_detected_at_four_years() {
    let flags = run(&graduated(2019));
    let f = one(&flags, FlagKind::YogGap);
    assert_eq!(f.id, "yog_gap");
    assert_eq!(f.subject, Subject::Graduation);
    assert_severity(f, Severity::Moderate);
    assert_unadjusted(f);
    assert!(f.summary.contains("4 years"), "{}", f.summary);
}

#[test]
fn yog_gap_moderate_at_five_years_high_over_five() {
    let flags = run(&graduated(2018));
    let f = one(&flags, FlagKind::YogGap);
    assert_severity(f, Severity::Moderate);
    assert_unadjusted(f);

    let flags = run(&graduated(2017));
    let f = one(&flags, FlagKind::YogGap);
    assert_severity(f, Severity::High);
    assert!(says(f, Effect::Raises, "more than 5 years"), "{f:#?}");
}

#[test]
fn yog_gap_lowered_by_recent_clinical_work_when_moderate() {
    // Five years since graduation (moderate), clinical work until 2022-10,
    // inside the last 12 months (2022-10 to 2023-09).
    let mut p = profile(&format!(
        "{}, {US_LETTER}",
        activities(&[
            research("2010-01", None),
            us_clinical("2022-06", Some("2022-10"))
        ])
    ));
    p.graduation = ym("2018-06");
    let flags = run(&p);
    let f = one(&flags, FlagKind::YogGap);
    assert_severity(f, Severity::Low);
    assert!(says(
        f,
        Effect::Lowers,
        "clinical work within the last 12 months"
    ));
}

#[test]
fn yog_gap_over_high_stays_high_with_recent_work_beside_it() {
    // Six years since graduation (over yog_high_years 5) and clinical work inside the
    // last 12 months: programs filter on the year, so it stays high; the work shows.
    let mut p = profile(&format!(
        "{}, {US_LETTER}",
        activities(&[
            research("2010-01", None),
            us_clinical("2022-06", Some("2022-10"))
        ])
    ));
    p.graduation = ym("2017-06");
    let flags = run(&p);
    let f = one(&flags, FlagKind::YogGap);
    assert_severity(f, Severity::High);
    assert_eq!(count(f, Effect::Lowers), 0, "{f:#?}");
    assert!(
        says(
            f,
            Effect::Mitigates,
            "clinical work within the last 12 months"
        ),
        "{f:#?}"
    );
    assert!(says(f, Effect::Raises, "screen on the year"), "{f:#?}");
    // The high edge comes from the rules: with yog_high_years 6 it is lowered again.
    let flags = run_with(&p, "(yog_high_years: 6)");
    let f = one(&flags, FlagKind::YogGap);
    assert_severity(f, Severity::Low);
    assert_eq!(count(f, Effect::Mitigates), 0, "{f:#?}");
}

#[test]
fn yog_gap_not_lowered_by_clinical_work_over_twelve_months_ago() {
    let mut p = profile(&format!(
        "{}, {US_LETTER}",
        activities(&[
            research("2010-01", None),
            us_clinical("2022-06", Some("2022-09"))
        ])
    ));
    p.graduation = ym("2017-06");
    let flags = run(&p);
    let f = one(&flags, FlagKind::YogGap);
    assert_severity(f, Severity::High);
    assert_eq!(count(f, Effect::Lowers), 0, "{f:#?}");
}

#[test]
fn observing_never_counts_as_recent_clinical_work_whatever_hands_on_says() {
    // Five years since graduation (moderate): only real clinical work lowers it.
    let with = |kind: &str, hands_on: bool| {
        let mut p = profile(&format!(
            "{}, {US_LETTER}",
            activities(&[
                research("2010-01", None),
                us_clinical("2010-01", Some("2012-12")),
                activity(kind, "2023-01", Some("2023-06"), true, hands_on),
            ])
        ));
        p.graduation = ym("2018-06");
        p
    };
    let flags = run(&with("Clinical", true));
    assert_severity(one(&flags, FlagKind::YogGap), Severity::Low);
    for kind in ["Observership", "Shadowing"] {
        for hands_on in [true, false] {
            let flags = run(&with(kind, hands_on));
            let f = one(&flags, FlagKind::YogGap);
            assert_severity(f, Severity::Moderate);
            assert_unadjusted(f);
        }
    }
}

#[test]
fn yog_years_come_from_rules() {
    let p = graduated(2019);
    assert!(has(&run(&p), FlagKind::YogGap));
    assert!(!has(&run_with(&p, "(yog_years: 4)"), FlagKind::YogGap));
}

// ---------------------------------------------------------------------------
// training_gap: thresholds and severity
// ---------------------------------------------------------------------------

fn gaps(flags: &[Flag]) -> Vec<&Flag> {
    of(flags, FlagKind::TrainingGap)
}

/// Clinical work from July 2020, stopping before `gap_start` and resuming in `resume`.
fn with_gap(gap_start: &str, resume: &str) -> Profile {
    let before = ym(gap_start).plus(-1).to_string();
    profile(&format!(
        "{}, {US_LETTER}",
        activities(&[
            us_clinical("2020-07", Some(&before)),
            clinical(resume, None)
        ])
    ))
}

#[test]
fn training_gap_not_detected_for_two_months() {
    let flags = run(&with_gap("2021-02", "2021-04"));
    assert!(gaps(&flags).is_empty(), "{flags:#?}");
}

#[test]
fn training_gap_detected_for_three_months() {
    let flags = run(&with_gap("2021-02", "2021-05"));
    let f = one(&flags, FlagKind::TrainingGap);
    assert_eq!(f.id, "training_gap:2021-02");
    assert_eq!(f.subject, Subject::Gap(span("2021-02", "2021-04")));
    assert!(f.summary.contains("February 2021"), "{}", f.summary);
    assert!(f.summary.contains("April 2021"), "{}", f.summary);
    assert!(f.summary.contains("3 months"), "{}", f.summary);
    // Short, and clinical work is current: nothing raises it.
    assert_severity(f, Severity::Moderate);
    assert_unadjusted(f);
}

#[test]
fn training_gap_raised_when_long() {
    // long_gap_months 12: 11 months stays moderate, 12 is raised.
    let flags = run(&with_gap("2021-02", "2022-01"));
    let f = one(&flags, FlagKind::TrainingGap);
    assert_eq!(f.subject, Subject::Gap(span("2021-02", "2021-12")));
    assert_severity(f, Severity::Moderate);
    assert_unadjusted(f);

    let flags = run(&with_gap("2021-02", "2022-02"));
    let f = one(&flags, FlagKind::TrainingGap);
    assert_eq!(f.subject, Subject::Gap(span("2021-02", "2022-01")));
    assert_severity(f, Severity::High);
    assert!(says(f, Effect::Raises, "long gap"), "{f:#?}");
}

#[test]
fn training_gap_raised_without_clinical_work_in_the_last_twelve_months() {
    let p = profile(&format!(
        "{}, {US_LETTER}",
        activities(&[
            us_clinical("2020-07", Some("2021-01")),
            research("2021-05", None)
        ])
    ));
    let flags = run(&p);
    let f = one(&flags, FlagKind::TrainingGap);
    assert_severity(f, Severity::High);
    assert!(says(f, Effect::Raises, "no clinical work in the last 12"));
    assert_eq!(count(f, Effect::Raises), 1, "{f:#?}");
}

#[test]
fn training_gap_fully_explained_is_still_flagged_but_lower() {
    let explained = |start: &str, end: &str| {
        let mut p = with_gap("2021-02", "2021-05");
        p.gaps_explained = ron::from_str(&format!(
            r#"[Explained(start: "{start}", end: "{end}", reason: Family)]"#
        ))
        .unwrap();
        p
    };
    // Exactly the gap.
    let flags = run(&explained("2021-02", "2021-04"));
    let f = one(&flags, FlagKind::TrainingGap);
    assert_severity(f, Severity::Low);
    assert!(
        says(f, Effect::Lowers, "documented reason: family"),
        "{f:#?}"
    );
    assert_eq!(count(f, Effect::Raises), 0, "{f:#?}");
    // An explanation reaching past both ends covers it fully too.
    let flags = run(&explained("2020-12", "2021-08"));
    let f = one(&flags, FlagKind::TrainingGap);
    assert_severity(f, Severity::Low);
}

#[test]
fn training_gap_explained_in_two_pieces_counts_as_full() {
    let mut p = with_gap("2021-02", "2021-05");
    p.gaps_explained = ron::from_str(
        r#"[Explained(start: "2021-02", end: "2021-02", reason: Health),
            Explained(start: "2021-03", end: "2021-04", reason: Family)]"#,
    )
    .unwrap();
    let flags = run(&p);
    let f = one(&flags, FlagKind::TrainingGap);
    assert_severity(f, Severity::Low);
    assert_eq!(count(f, Effect::Raises), 0, "{f:#?}");
}

#[test]
fn training_gap_partly_explained_says_so_and_gains_nothing() {
    let mut p = with_gap("2021-02", "2021-05");
    p.gaps_explained =
        ron::from_str(r#"[Explained(start: "2021-02", end: "2021-02", reason: ExamPrep)]"#)
            .unwrap();
    let flags = run(&p);
    let f = one(&flags, FlagKind::TrainingGap);
    assert!(says(f, Effect::Raises, "only 1 of its 3 months"), "{f:#?}");
    assert!(
        says(f, Effect::Lowers, "partly documented reason"),
        "{f:#?}"
    );
    // The raise and the lowering cancel: the same level as with no explanation.
    let unexplained = run(&with_gap("2021-02", "2021-05"));
    assert_eq!(
        f.severity,
        one(&unexplained, FlagKind::TrainingGap).severity
    );
    assert_severity(f, Severity::Moderate);
}

#[test]
fn explanation_of_another_stretch_does_not_lower_a_gap() {
    let mut p = with_gap("2021-02", "2021-05");
    p.gaps_explained =
        ron::from_str(r#"[Explained(start: "2019-01", end: "2021-01", reason: Family)]"#).unwrap();
    let flags = run(&p);
    let f = one(&flags, FlagKind::TrainingGap);
    assert_severity(f, Severity::Moderate);
    assert_unadjusted(f);
}

#[test]
fn gap_months_come_from_rules() {
    // A four-month gap: a gap by default, not with gap_months 6.
    let p = with_gap("2021-02", "2021-06");
    assert_eq!(gaps(&run(&p)).len(), 1);
    assert!(gaps(&run_with(&p, "(gap_months: 6)")).is_empty());
    // And a tighter rule finds a shorter gap.
    let p = with_gap("2021-02", "2021-04");
    assert!(gaps(&run(&p)).is_empty());
    assert_eq!(gaps(&run_with(&p, "(gap_months: 2)")).len(), 1);
}

#[test]
fn long_gap_and_atrophy_months_come_from_rules() {
    let p = with_gap("2021-02", "2021-08");
    let f = run_with(&p, "(long_gap_months: 6)");
    assert_severity(one(&f, FlagKind::TrainingGap), Severity::High);
    // The last clinical work ended 2023-03: within 12 months of today, not within 6.
    let p = profile(&format!(
        "{}, {US_LETTER}",
        activities(&[
            us_clinical("2020-07", Some("2021-01")),
            research("2021-05", Some("2022-10")),
            clinical("2022-11", Some("2023-03")),
            research("2023-04", None),
        ])
    ));
    assert_severity(one(&run(&p), FlagKind::TrainingGap), Severity::Moderate);
    assert_severity(
        one(&run_with(&p, "(atrophy_months: 6)"), FlagKind::TrainingGap),
        Severity::High,
    );
}

// ---------------------------------------------------------------------------
// training_gap: timeline edge cases
// ---------------------------------------------------------------------------

#[test]
fn gap_right_after_graduation_starts_the_month_after() {
    let p = profile(&format!(
        "{}, {US_LETTER}",
        activities(&[us_clinical("2020-10", None)])
    ));
    let flags = run(&p);
    let f = one(&flags, FlagKind::TrainingGap);
    assert_eq!(f.id, "training_gap:2020-07");
    assert_eq!(f.subject, Subject::Gap(span("2020-07", "2020-09")));
}

#[test]
fn overlapping_activities_leave_no_gap() {
    let p = profile(&format!(
        "{}, {US_LETTER}",
        activities(&[
            us_clinical("2020-07", Some("2021-06")),
            research("2021-03", Some("2021-12")),
            clinical("2021-11", None),
        ])
    ));
    assert!(gaps(&run(&p)).is_empty());
}

#[test]
fn nested_activity_does_not_cut_the_outer_one_short() {
    // A short activity inside a long one must not end the coverage at its own end.
    let p = profile(&format!(
        "{}, {US_LETTER}",
        activities(&[
            us_clinical("2020-07", Some("2022-12")),
            research("2021-01", Some("2021-03")),
            clinical("2023-04", None),
        ])
    ));
    let flags = run(&p);
    let f = one(&flags, FlagKind::TrainingGap);
    assert_eq!(f.id, "training_gap:2023-01");
    assert_eq!(f.subject, Subject::Gap(span("2023-01", "2023-03")));
}

#[test]
fn activities_listed_out_of_order_give_the_same_gaps() {
    let a = [
        us_clinical("2020-07", Some("2021-01")),
        clinical("2021-05", Some("2022-01")),
        research("2022-06", None),
    ];
    let forward = profile(&format!("{}, {US_LETTER}", activities(&a)));
    let backward = profile(&format!(
        "{}, {US_LETTER}",
        activities(&[a[2].clone(), a[0].clone(), a[1].clone()])
    ));
    let ids =
        |p: &Profile| -> Vec<String> { gaps(&run(p)).into_iter().map(|f| f.id.clone()).collect() };
    assert_eq!(
        ids(&forward),
        ["training_gap:2021-02", "training_gap:2022-02"]
    );
    assert_eq!(ids(&forward), ids(&backward));
}

#[test]
fn ongoing_activity_covers_up_to_today() {
    let p = clean("");
    assert!(gaps(&run_at(&p, "2023-09")).is_empty());
    assert!(gaps(&run_at(&p, "2030-01")).is_empty());
}

#[test]
fn ongoing_activity_starting_after_today_covers_nothing() {
    let p = profile(&format!(
        "{}, {US_LETTER}",
        activities(&[us_clinical("2024-01", None)])
    ));
    let flags = run(&p);
    let f = one(&flags, FlagKind::TrainingGap);
    assert_eq!(f.subject, Subject::Gap(span("2020-07", "2023-09")));
}

#[test]
fn trailing_gap_runs_up_to_today() {
    // Ended 2023-05: 2023-06 to 2023-09 is four months without activity.
    let p = profile(&format!(
        "{}, {US_LETTER}",
        activities(&[us_clinical("2020-07", Some("2023-05"))])
    ));
    let flags = run(&p);
    let f = one(&flags, FlagKind::TrainingGap);
    assert_eq!(f.id, "training_gap:2023-06");
    assert_eq!(f.subject, Subject::Gap(span("2023-06", "2023-09")));
    assert!(f.summary.contains("September 2023"), "{}", f.summary);
    // Ended 2023-07: only two months since, not a gap yet.
    let p = profile(&format!(
        "{}, {US_LETTER}",
        activities(&[us_clinical("2020-07", Some("2023-07"))])
    ));
    assert!(gaps(&run(&p)).is_empty());
}

#[test]
fn activities_before_graduation_are_ignored() {
    // School work up to graduation covers nothing after it.
    let p = profile(&format!(
        "{}, {US_LETTER}",
        activities(&[
            us_clinical("2018-01", Some("2020-06")),
            clinical("2020-10", None)
        ])
    ));
    let flags = run(&p);
    let f = one(&flags, FlagKind::TrainingGap);
    assert_eq!(f.subject, Subject::Gap(span("2020-07", "2020-09")));
}

#[test]
fn activity_spanning_graduation_covers_the_months_after_it() {
    let p = profile(&format!(
        "{}, {US_LETTER}",
        activities(&[
            us_clinical("2019-01", Some("2020-09")),
            clinical("2020-10", None)
        ])
    ));
    assert!(gaps(&run(&p)).is_empty());
}

#[test]
fn today_before_or_at_graduation_gives_no_gap() {
    let p = profile(US_LETTER);
    assert!(gaps(&run_at(&p, "2020-03")).is_empty());
    assert!(gaps(&run_at(&p, "2020-06")).is_empty());
    // Three months after graduation with nothing recorded is a gap.
    let flags = run_at(&p, "2020-09");
    assert_eq!(
        one(&flags, FlagKind::TrainingGap).subject,
        Subject::Gap(span("2020-07", "2020-09"))
    );
}

#[test]
fn several_gaps_get_ids_from_their_start_month() {
    let p = profile(&format!(
        "{}, {US_LETTER}",
        activities(&[
            us_clinical("2020-10", Some("2021-01")),
            clinical("2021-06", Some("2022-12")),
            clinical("2023-04", None),
        ])
    ));
    let flags = run(&p);
    let mut ids: Vec<&str> = gaps(&flags).iter().map(|f| f.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        [
            "training_gap:2020-07",
            "training_gap:2021-02",
            "training_gap:2023-01"
        ]
    );
}

// ---------------------------------------------------------------------------
// professionalism
// ---------------------------------------------------------------------------

fn incidents(list: &str) -> Profile {
    clean(&format!("incidents: [{list}]"))
}

#[test]
fn professionalism_not_detected_without_incidents() {
    assert!(!has(
        &run(&clean("incidents: []")),
        FlagKind::Professionalism
    ));
}

#[test]
fn probation_is_high_even_when_old() {
    let flags = run(&incidents(
        r#"Incident(kind: Probation, date: "2018-01", summary: "Failed to log duty hours")"#,
    ));
    let f = one(&flags, FlagKind::Professionalism);
    assert_eq!(f.id, "professionalism:2018-01");
    assert_eq!(f.subject, Subject::Incident(0));
    assert_severity(f, Severity::High);
    assert_unadjusted(f);
    assert!(
        f.summary.contains("Failed to log duty hours"),
        "{}",
        f.summary
    );
}

#[test]
fn other_incidents_start_moderate_when_old() {
    for kind in ["Remediation", "Citation", "MspeComment", "LetterComment"] {
        let flags = run(&incidents(&format!(
            r#"Incident(kind: {kind}, date: "2018-01")"#
        )));
        let f = one(&flags, FlagKind::Professionalism);
        assert_severity(f, Severity::Moderate);
        assert_unadjusted(f);
    }
}

#[test]
fn professionalism_raised_when_recent() {
    // recent_years 3, today 2023-09: 2020-10 is recent, 2020-09 is not.
    let flags = run(&incidents(r#"Incident(kind: Citation, date: "2020-10")"#));
    let f = one(&flags, FlagKind::Professionalism);
    assert_severity(f, Severity::High);
    assert!(says(f, Effect::Raises, "within the last 3 years"), "{f:#?}");

    let flags = run(&incidents(r#"Incident(kind: Citation, date: "2020-09")"#));
    assert_severity(one(&flags, FlagKind::Professionalism), Severity::Moderate);
}

#[test]
fn professionalism_raised_by_several_incidents() {
    let flags = run(&incidents(
        r#"Incident(kind: Citation, date: "2017-01"),
           Incident(kind: MspeComment, date: "2018-01")"#,
    ));
    let found = of(&flags, FlagKind::Professionalism);
    assert_eq!(found.len(), 2);
    for f in found {
        assert_severity(f, Severity::High);
        assert!(says(f, Effect::Raises, "2 incidents"), "{f:#?}");
    }
}

#[test]
fn professionalism_lowered_when_completed_with_none_since() {
    let flags = run(&incidents(
        r#"Incident(kind: Remediation, date: "2018-01", completed: Some("2018-06"))"#,
    ));
    let f = one(&flags, FlagKind::Professionalism);
    assert_severity(f, Severity::Low);
    assert!(says(f, Effect::Lowers, "completed 2018-06"), "{f:#?}");

    let flags = run(&incidents(
        r#"Incident(kind: Probation, date: "2018-01", completed: Some("2018-06"))"#,
    ));
    let f = one(&flags, FlagKind::Professionalism);
    assert_severity(f, Severity::Moderate);
    assert_eq!(count(f, Effect::Lowers), 1, "{f:#?}");
}

#[test]
fn professionalism_not_lowered_when_not_completed() {
    let flags = run(&incidents(
        r#"Incident(kind: Remediation, date: "2018-01", completed: None)"#,
    ));
    let f = one(&flags, FlagKind::Professionalism);
    assert_eq!(count(f, Effect::Lowers), 0, "{f:#?}");
}

#[test]
fn professionalism_not_lowered_when_a_later_incident_follows() {
    let flags = run(&incidents(
        r#"Incident(kind: Remediation, date: "2017-01", completed: Some("2017-06")),
           Incident(kind: Citation, date: "2018-01", completed: Some("2018-03"))"#,
    ));
    let first = flags
        .iter()
        .find(|f| f.id == "professionalism:2017-01")
        .unwrap();
    let last = flags
        .iter()
        .find(|f| f.id == "professionalism:2018-01")
        .unwrap();
    // The earlier one: raised by the pattern, not lowered (another incident came after).
    assert_severity(first, Severity::High);
    assert_eq!(count(first, Effect::Lowers), 0, "{first:#?}");
    // The later one: raised by the pattern, lowered by its clean completion.
    assert_severity(last, Severity::Moderate);
    assert_eq!(count(last, Effect::Lowers), 1, "{last:#?}");
}

#[test]
fn two_incidents_in_the_same_month_get_distinct_ids() {
    let flags = run(&incidents(
        r#"Incident(kind: Citation, date: "2018-01"),
           Incident(kind: MspeComment, date: "2018-01")"#,
    ));
    let mut ids: Vec<&str> = of(&flags, FlagKind::Professionalism)
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        ["professionalism:2018-01", "professionalism:2018-01-2"]
    );
}

#[test]
fn recent_years_come_from_rules() {
    let p = incidents(r#"Incident(kind: Citation, date: "2019-09")"#);
    assert_severity(one(&run(&p), FlagKind::Professionalism), Severity::Moderate);
    assert_severity(
        one(
            &run_with(&p, "(recent_years: 5)"),
            FlagKind::Professionalism,
        ),
        Severity::High,
    );
}

// ---------------------------------------------------------------------------
// limited_usce
// ---------------------------------------------------------------------------

/// Non-US clinical work since graduation, `us` extra activities, and `letters`.
fn usce(us: &[String], letters: &str) -> Profile {
    let mut list = vec![clinical("2020-07", None)];
    list.extend_from_slice(us);
    profile(&format!("{}, letters: [{letters}]", activities(&list)))
}

const LETTER_IM_US: &str = "Letter(area: InternalMedicine, us: true)";

#[test]
fn limited_usce_detected_under_three_months() {
    let flags = run(&usce(
        &[us_clinical("2023-01", Some("2023-02"))],
        LETTER_IM_US,
    ));
    let f = one(&flags, FlagKind::LimitedUsce);
    assert_eq!(f.id, "limited_usce");
    assert!(f.summary.starts_with("2 months"), "{}", f.summary);
    assert_severity(f, Severity::Moderate);
    assert_unadjusted(f);
}

#[test]
fn limited_usce_not_detected_at_three_months() {
    let flags = run(&usce(
        &[us_clinical("2023-01", Some("2023-03"))],
        LETTER_IM_US,
    ));
    assert_eq!(flags, vec![]);
}

#[test]
fn overlapping_us_months_count_once() {
    // 2022-01..02 and 2022-02..03 are three distinct months, not four; one more
    // overlap must not push two months over the line.
    let flags = run(&usce(
        &[
            us_clinical("2023-01", Some("2023-02")),
            us_clinical("2023-02", Some("2023-02")),
        ],
        LETTER_IM_US,
    ));
    assert!(has(&flags, FlagKind::LimitedUsce));
    let flags = run(&usce(
        &[
            us_clinical("2023-01", Some("2023-02")),
            us_clinical("2023-02", Some("2023-03")),
        ],
        LETTER_IM_US,
    ));
    assert!(!has(&flags, FlagKind::LimitedUsce));
}

#[test]
fn non_us_or_non_hands_on_months_do_not_count() {
    let flags = run(&usce(
        &[
            activity("Clinical", "2022-01", Some("2022-12"), false, true),
            activity("Observership", "2022-01", Some("2022-12"), true, false),
        ],
        LETTER_IM_US,
    ));
    let f = one(&flags, FlagKind::LimitedUsce);
    assert!(f.summary.starts_with("0 months"), "{}", f.summary);
}

#[test]
fn limited_usce_raised_by_shadowing_only() {
    // Six hands-on months of shadowing still count as none, and raise it.
    let flags = run(&usce(
        &[activity(
            "Shadowing",
            "2022-01",
            Some("2022-06"),
            true,
            true,
        )],
        LETTER_IM_US,
    ));
    let f = one(&flags, FlagKind::LimitedUsce);
    assert!(f.summary.starts_with("0 months"), "{}", f.summary);
    assert_severity(f, Severity::High);
    assert!(says(f, Effect::Raises, "shadowing only"), "{f:#?}");
    assert_eq!(count(f, Effect::Raises), 1, "{f:#?}");
}

#[test]
fn us_research_does_not_break_shadowing_only() {
    let flags = run(&usce(
        &[
            activity("Shadowing", "2022-01", Some("2022-02"), true, false),
            activity("Research", "2022-03", Some("2022-12"), true, false),
        ],
        LETTER_IM_US,
    ));
    let f = one(&flags, FlagKind::LimitedUsce);
    assert!(says(f, Effect::Raises, "shadowing only"), "{f:#?}");
}

#[test]
fn short_hands_on_plus_shadowing_is_not_shadowing_only() {
    let flags = run(&usce(
        &[
            activity("Shadowing", "2021-01", Some("2021-06"), true, false),
            us_clinical("2023-01", Some("2023-01")),
        ],
        LETTER_IM_US,
    ));
    let f = one(&flags, FlagKind::LimitedUsce);
    assert_severity(f, Severity::Moderate);
    assert_unadjusted(f);
}

#[test]
fn limited_usce_raised_by_no_us_core_letter() {
    let short = [us_clinical("2023-01", Some("2023-02"))];
    for letters in [
        "",
        "Letter(area: InternalMedicine, us: false)",
        "Letter(area: Other, us: true)",
    ] {
        let flags = run(&usce(&short, letters));
        let f = one(&flags, FlagKind::LimitedUsce);
        assert_severity(f, Severity::High);
        assert!(
            says(f, Effect::Raises, "no letter from US faculty"),
            "{letters}: {f:#?}"
        );
    }
    for letters in [
        "Letter(area: Pediatrics, us: true)",
        "Letter(area: MedPeds, us: true)",
    ] {
        let flags = run(&usce(&short, letters));
        assert_unadjusted(one(&flags, FlagKind::LimitedUsce));
    }
}

#[test]
fn enough_months_without_a_us_letter_is_a_low_flag() {
    let flags = run(&usce(&[us_clinical("2023-01", Some("2023-06"))], ""));
    let f = one(&flags, FlagKind::LimitedUsce);
    assert_severity(f, Severity::Low);
    assert_unadjusted(f);
}

#[test]
fn limited_usce_raised_with_an_old_graduation_year() {
    let mut p = usce(&[us_clinical("2023-01", Some("2023-02"))], LETTER_IM_US);
    p.graduation = ym("2019-06");
    let flags = run(&p);
    assert!(has(&flags, FlagKind::YogGap));
    let f = one(&flags, FlagKind::LimitedUsce);
    assert_severity(f, Severity::High);
    assert!(
        says(f, Effect::Raises, "older graduation year or a gap"),
        "{f:#?}"
    );
}

#[test]
fn limited_usce_raised_with_a_training_gap() {
    let p = profile(&format!(
        "{}, letters: [{LETTER_IM_US}]",
        activities(&[
            clinical("2020-07", Some("2021-01")),
            clinical("2021-06", None),
            us_clinical("2023-01", Some("2023-02")),
        ])
    ));
    let flags = run(&p);
    assert!(has(&flags, FlagKind::TrainingGap));
    let f = one(&flags, FlagKind::LimitedUsce);
    assert_severity(f, Severity::High);
    assert!(
        says(f, Effect::Raises, "older graduation year or a gap"),
        "{f:#?}"
    );
}

#[test]
fn a_timeline_flag_does_not_raise_enough_months_without_a_letter() {
    let mut p = usce(&[us_clinical("2023-01", Some("2023-06"))], "");
    p.graduation = ym("2019-06");
    let flags = run(&p);
    let f = one(&flags, FlagKind::LimitedUsce);
    assert_severity(f, Severity::Low);
    assert_unadjusted(f);
}

#[test]
fn usce_months_come_from_rules() {
    let p = usce(&[us_clinical("2023-01", Some("2023-03"))], LETTER_IM_US);
    assert!(!has(&run(&p), FlagKind::LimitedUsce));
    assert!(has(
        &run_with(&p, "(usce_months: 4)"),
        FlagKind::LimitedUsce
    ));
}

// ---------------------------------------------------------------------------
// visa_plan
// ---------------------------------------------------------------------------

fn citizen(citizenship: Citizenship, visa: &str) -> Profile {
    let mut p = clean(&format!("visa: {visa}"));
    p.citizenship = citizenship;
    p
}

fn non_us(visa: &str) -> Profile {
    citizen(Citizenship::NonUs, visa)
}

#[test]
fn visa_plan_never_for_citizens_or_permanent_residents() {
    let worst = "Some(Visa(need: Unsure, documentation_issues: true, sponsoring_share: Some(0.1)))";
    for c in [Citizenship::UsCitizen, Citizenship::PermanentResident] {
        for visa in [worst, "None"] {
            let flags = run(&citizen(c, visa));
            assert!(!has(&flags, FlagKind::VisaPlan), "{c:?} {visa}: {flags:#?}");
        }
    }
}

#[test]
fn being_non_us_with_a_settled_plan_is_not_a_flag() {
    for visa in [
        "Some(Visa(need: J1, sponsoring_share: Some(0.5)))",
        "Some(Visa(need: NotNeeded))",
    ] {
        assert_eq!(run(&non_us(visa)), vec![], "{visa}");
    }
    // An H-1B plan is settled once every Step is passed.
    for visa in [
        "Some(Visa(need: H1b, sponsoring_share: Some(0.9)))",
        "Some(Visa(need: J1OrH1b))",
    ] {
        let mut p = non_us(visa);
        p.exams = all_steps_passed();
        assert_eq!(run(&p), vec![], "{visa}");
    }
}

#[test]
fn visa_plan_detected_under_half_sponsoring() {
    let flags = run(&non_us(
        "Some(Visa(need: J1, sponsoring_share: Some(0.49)))",
    ));
    let f = one(&flags, FlagKind::VisaPlan);
    assert_eq!(f.id, "visa_plan");
    assert_severity(f, Severity::Moderate);
    assert_unadjusted(f);
    assert!(f.reasons[0].text.contains("49%"), "{f:#?}");
}

#[test]
fn visa_plan_detected_when_need_unsure_or_missing() {
    for visa in ["Some(Visa(need: Unsure))", "None"] {
        let flags = run(&non_us(visa));
        let f = one(&flags, FlagKind::VisaPlan);
        assert_severity(f, Severity::Moderate);
        assert!(f.reasons[0].text.contains("not settled"), "{visa}: {f:#?}");
    }
}

#[test]
fn visa_plan_detected_for_missed_documentation() {
    let flags = run(&non_us("Some(Visa(need: J1, documentation_issues: true))"));
    let f = one(&flags, FlagKind::VisaPlan);
    assert_severity(f, Severity::Moderate);
    assert!(
        f.reasons[0].text.contains("deadlines were missed"),
        "{f:#?}"
    );
}

#[test]
fn visa_plan_raised_by_each_extra_problem() {
    let two = run(&non_us(
        "Some(Visa(need: Unsure, documentation_issues: true))",
    ));
    let f = one(&two, FlagKind::VisaPlan);
    assert_severity(f, Severity::High);
    assert_eq!(count(f, Effect::Raises), 1, "{f:#?}");
    assert!(says(f, Effect::Raises, "deadlines were missed"), "{f:#?}");

    let three = run(&non_us(
        "Some(Visa(need: Unsure, documentation_issues: true, sponsoring_share: Some(0.2)))",
    ));
    let f = one(&three, FlagKind::VisaPlan);
    assert_severity(f, Severity::High);
    assert_eq!(count(f, Effect::Raises), 2, "{f:#?}");
    assert!(says(f, Effect::Raises, "20%"), "{f:#?}");
}

#[test]
fn min_sponsoring_share_comes_from_rules() {
    let p = non_us("Some(Visa(need: J1, sponsoring_share: Some(0.6)))");
    assert!(!has(&run(&p), FlagKind::VisaPlan));
    assert!(has(
        &run_with(&p, "(min_sponsoring_share: 0.7)"),
        FlagKind::VisaPlan
    ));
}

// ---------------------------------------------------------------------------
// Ids, ordering, the demo
// ---------------------------------------------------------------------------

/// A file with most kinds and a mix of severities.
fn busy() -> Profile {
    let mut p = profile(
        r#"
        visa: Some(Visa(need: J1, sponsoring_share: Some(0.3))),
        exams: [Exam(step: Step2Ck, attempts: [Attempt(date: "2020-03", result: Score(216))])],
        repeats: [
            Repeat(what: "Surgery", area: Other, date: "2015-01"),
        ],
        class_rank_quartile: Some(4),
        activities: [
            Activity(kind: Clinical, title: "Intern", start: "2017-07", end: Some("2019-06"), hands_on: true),
            Activity(kind: Clinical, title: "GP", start: "2020-01", end: None, hands_on: true),
        ],
        incidents: [Incident(kind: Probation, date: "2022-01")],
        "#,
    );
    p.citizenship = Citizenship::NonUs;
    p.graduation = ym("2017-06");
    p
}

fn assert_worst_first(flags: &[Flag]) {
    for pair in flags.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(
            a.severity > b.severity
                || (a.severity == b.severity && (a.kind, &a.id) <= (b.kind, &b.id)),
            "{} ({}) before {} ({})",
            a.id,
            a.severity,
            b.id,
            b.severity
        );
    }
}

fn assert_unique_ids(flags: &[Flag]) {
    let ids: BTreeSet<&str> = flags.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids.len(), flags.len(), "{flags:#?}");
}

#[test]
fn flags_are_sorted_worst_first() {
    let flags = run(&busy());
    let severities: BTreeSet<Severity> = flags.iter().map(|f| f.severity).collect();
    assert!(
        severities.len() >= 2,
        "need a mix to test order: {flags:#?}"
    );
    assert_worst_first(&flags);
    assert_eq!(flags[0].severity, Severity::High);
    assert!(
        flags
            .iter()
            .rev()
            .take(1)
            .all(|f| f.severity < Severity::High)
    );
}

#[test]
fn ids_are_unique_and_stable() {
    let p = busy();
    let first = run(&p);
    assert_unique_ids(&first);
    assert_eq!(first, run(&p));
}

#[test]
fn busy_profile_shows_the_expected_kinds() {
    let found = kinds(&run(&busy()));
    let expected: BTreeSet<FlagKind> = [
        FlagKind::LowScore,
        FlagKind::RepeatedCourse,
        FlagKind::LowRank,
        FlagKind::YogGap,
        FlagKind::TrainingGap,
        FlagKind::Professionalism,
        FlagKind::LimitedUsce,
        FlagKind::VisaPlan,
    ]
    .into();
    assert_eq!(found, expected);
}

#[test]
fn every_flag_has_a_title_and_a_base_reason() {
    for f in run(&busy()) {
        assert!(!f.title.is_empty(), "{f:#?}");
        assert_ne!(f.title, f.kind.id(), "catalogue title missing: {f:#?}");
        assert_eq!(count(&f, Effect::Base), 1, "{f:#?}");
        assert!(f.id.starts_with(f.kind.id()), "{f:#?}");
    }
}

fn demo() -> Profile {
    flagdraft::store::parse_profile(Path::new("demo"), flagdraft::store::DEMO_PROFILE).unwrap()
}

#[test]
fn demo_profile_detects_at_least_seven_kinds() {
    let p = demo();
    let today = p.as_of.unwrap();
    let flags = detect(&p, &Knowledge::embedded(), today);
    let found = kinds(&flags);
    assert!(found.len() >= 7, "only {found:?}");
    assert_worst_first(&flags);
    assert_unique_ids(&flags);
}

#[test]
fn detection_depends_on_today_not_the_clock() {
    let p = demo();
    let a = detect(&p, &Knowledge::embedded(), ym("2026-09"));
    let b = detect(&p, &Knowledge::embedded(), ym("2026-09"));
    assert_eq!(a, b);
    // A different today changes what is recent (the 2019-03 failure is old by then).
    let early = detect(&p, &Knowledge::embedded(), ym("2021-09"));
    assert_ne!(a, early);
}

// ---------------------------------------------------------------------------
// Regressions: duplicate exam entries, planned rotations, future completions.
// ---------------------------------------------------------------------------

#[test]
fn two_exam_entries_for_one_step_read_as_one_exam() {
    // The profile format (and validate) allow listing a Step twice.
    let p = clean(&exams(
        r#"Exam(step: Step1, attempts: [Attempt(date: "2019-01", result: Fail)]),
           Exam(step: Step1, attempts: [Attempt(date: "2019-06", result: Fail), Attempt(date: "2019-12", result: Pass)])"#,
    ));
    let flags = run(&p);
    assert_unique_ids(&flags);
    let f = one(&flags, FlagKind::ExamFailure);
    assert!(!says(f, Effect::Raises, "no passing"), "{f:#?}");
    assert!(!says(f, Effect::Raises, "more than one Step"), "{f:#?}");
    assert!(says(f, Effect::Raises, "2 failed attempts"), "{f:#?}");
}

#[test]
fn a_planned_us_rotation_after_today_is_not_experience_yet() {
    let flags = run(&usce(
        &[us_clinical("2023-10", Some("2024-03"))],
        LETTER_IM_US,
    ));
    let f = one(&flags, FlagKind::LimitedUsce);
    assert!(f.summary.starts_with("0 months"), "{}", f.summary);
}

#[test]
fn completion_after_today_does_not_lower_professionalism() {
    let flags = run(&incidents(
        r#"Incident(kind: Probation, date: "2018-01", completed: Some("2024-06"))"#,
    ));
    let f = one(&flags, FlagKind::Professionalism);
    assert_eq!(count(f, Effect::Lowers), 0, "{f:#?}");
    assert_severity(f, Severity::High);
}

// ---------------------------------------------------------------------------
// Visa facts: own work authorisation, and what an H-1B needs
// ---------------------------------------------------------------------------

/// Step 1, Step 2 CK and Step 3 each passed once, long before today.
fn all_steps_passed() -> Vec<Exam> {
    [
        (Step::Step1, "2019-06"),
        (Step::Step2Ck, "2020-01"),
        (Step::Step3, "2021-03"),
    ]
    .into_iter()
    .map(|(step, date)| Exam {
        step,
        attempts: vec![Attempt {
            date: ym(date),
            result: ExamResult::Pass,
        }],
    })
    .collect()
}

/// Every Step but Step 3 passed.
fn step3_missing() -> Vec<Exam> {
    let mut exams = all_steps_passed();
    exams.retain(|e| e.step != Step::Step3);
    exams
}

#[test]
fn not_needed_ignores_a_low_sponsoring_share() {
    let p = non_us("Some(Visa(need: NotNeeded, sponsoring_share: Some(0.1)))");
    assert_eq!(run(&p), vec![]);
    // Own work authorisation: the share is not even shown when another matter flags it.
    let p = non_us(
        "Some(Visa(need: NotNeeded, documentation_issues: true, sponsoring_share: Some(0.1)))",
    );
    let flags = run(&p);
    let f = one(&flags, FlagKind::VisaPlan);
    assert_severity(f, Severity::Moderate);
    assert_unadjusted(f);
    assert!(!f.summary.contains("10%"), "{}", f.summary);
    assert!(
        !f.reasons.iter().any(|r| r.text.contains("sponsor")),
        "{f:#?}"
    );
}

#[test]
fn an_h1b_plan_without_step3_is_a_visa_flag_naming_step3() {
    let mut p = non_us("Some(Visa(need: H1b, sponsoring_share: Some(0.9)))");
    p.exams = step3_missing();
    let flags = run(&p);
    let f = one(&flags, FlagKind::VisaPlan);
    assert_severity(f, Severity::Moderate);
    assert_unadjusted(f);
    let base = &f.reasons[0].text;
    assert!(base.contains("Step 3 not passed"), "{base}");
    assert!(!base.contains("Step 1 not passed"), "{base}");
    assert!(base.contains("ECFMG certification"), "{base}");
    assert!(f.summary.contains("H-1B not open yet"), "{}", f.summary);

    // A failed Step 3, or one taken after today, is not a pass either.
    for result in ["Fail", "Score(150)"] {
        let mut failed = p.clone();
        failed.exams.push(Exam {
            step: Step::Step3,
            attempts: vec![Attempt {
                date: ym("2022-05"),
                result: ron::from_str(result).unwrap(),
            }],
        });
        assert!(has(&run(&failed), FlagKind::VisaPlan), "{result}");
    }
    let mut later = p.clone();
    later.exams = all_steps_passed();
    let flags = run_at(&later, "2021-02");
    assert!(
        one(&flags, FlagKind::VisaPlan).reasons[0]
            .text
            .contains("Step 3 not passed")
    );

    // Nothing missing: no flag.
    let mut done = p;
    done.exams = all_steps_passed();
    assert!(!has(&run(&done), FlagKind::VisaPlan));
}

#[test]
fn an_h1b_plan_names_every_step_missing_and_graduation() {
    let mut p = non_us("Some(Visa(need: H1b))");
    p.graduation = ym("2024-06");
    let flags = run(&p);
    let base = &one(&flags, FlagKind::VisaPlan).reasons[0].text;
    for missing in [
        "Step 1 not passed",
        "Step 2 CK not passed",
        "Step 3 not passed",
        "not yet graduated",
    ] {
        assert!(base.contains(missing), "{missing}: {base}");
    }
}

#[test]
fn an_h1b_beside_a_j1_without_step3_is_a_low_flag_that_keeps_the_j1() {
    let mut p = non_us("Some(Visa(need: J1OrH1b))");
    p.exams = step3_missing();
    let flags = run(&p);
    let f = one(&flags, FlagKind::VisaPlan);
    assert_severity(f, Severity::Low);
    assert!(f.reasons[0].text.contains("Step 3 not passed"), "{f:#?}");
    assert!(f.reasons[0].text.contains("J-1"), "{f:#?}");
    // With a real problem beside it, the problem leads and the summary keeps the fact.
    let mut p = non_us("Some(Visa(need: J1OrH1b, documentation_issues: true))");
    p.exams = step3_missing();
    let flags = run(&p);
    let f = one(&flags, FlagKind::VisaPlan);
    assert_severity(f, Severity::Moderate);
    assert_unadjusted(f);
    assert!(f.summary.contains("Step 3 not passed"), "{}", f.summary);
}

#[test]
fn h1b_steps_come_from_rules() {
    let mut p = non_us("Some(Visa(need: H1b))");
    p.exams = step3_missing();
    assert!(has(&run(&p), FlagKind::VisaPlan));
    assert!(!has(
        &run_with(&p, "(h1b_steps: [Step1, Step2Ck])"),
        FlagKind::VisaPlan
    ));
}

// ---------------------------------------------------------------------------
// US experience facts: observing, planned, recent
// ---------------------------------------------------------------------------

#[test]
fn an_observership_ticked_hands_on_is_not_counted() {
    for kind in ["Observership", "Shadowing"] {
        let flags = run(&usce(
            &[activity(kind, "2023-01", Some("2023-06"), true, true)],
            LETTER_IM_US,
        ));
        let f = one(&flags, FlagKind::LimitedUsce);
        assert!(f.summary.starts_with("0 months"), "{kind}: {}", f.summary);
    }
    // Detection says why, as a warning on the ticked entry.
    let p = usce(
        &[activity(
            "Observership",
            "2023-01",
            Some("2023-06"),
            true,
            true,
        )],
        LETTER_IM_US,
    );
    let said = warnings(&p, &Rules::default(), ym(TODAY));
    let w = said
        .iter()
        .find(|w| w.field == "activities[1].hands_on")
        .unwrap_or_else(|| panic!("{said:?}"));
    assert!(w.message.contains("choose Clinical"), "{w}");
    assert!(
        validate(&p, &Rules::default()).is_empty(),
        "a warning, never an error"
    );
}

#[test]
fn a_planned_activity_counts_for_nothing_yet() {
    // Today 2023-09. US shadowing done; a US externship planned from 2023-11.
    let planned = activity("Clinical", "2023-11", Some("2024-01"), true, true);
    let p = usce(
        &[
            activity("Shadowing", "2023-01", Some("2023-02"), true, false),
            planned.clone(),
        ],
        LETTER_IM_US,
    );
    let flags = run(&p);
    let f = one(&flags, FlagKind::LimitedUsce);
    assert!(f.summary.starts_with("0 months"), "{}", f.summary);
    // Until it starts, the US exposure is still shadowing only.
    assert!(says(f, Effect::Raises, "shadowing only"), "{f:#?}");
    // It is shown, as planned, without changing the level.
    assert!(says(f, Effect::Mitigates, "planned"), "{f:#?}");
    assert!(says(f, Effect::Mitigates, "2023-11"), "{f:#?}");
    assert_severity(f, Severity::High);
    // Once it has run, it counts.
    let flags = run_at(&p, "2024-01");
    assert!(!has(&flags, FlagKind::LimitedUsce), "{flags:#?}");

    // A planned activity covers no gap and is no recent clinical work.
    let p = profile(&format!(
        "{}, {US_LETTER}",
        activities(&[
            us_clinical("2020-07", Some("2022-06")),
            us_clinical("2023-10", Some("2024-06")),
        ])
    ));
    let flags = run(&p);
    let gap = one(&flags, FlagKind::TrainingGap);
    assert_eq!(gap.subject, Subject::Gap(span("2022-07", "2023-09")));
    assert!(
        says(
            gap,
            Effect::Raises,
            "no clinical work in the last 12 months"
        ),
        "{gap:#?}"
    );
}

/// Six hands-on US months ending `end`, a US letter, and clinical work elsewhere.
fn us_block_ending(end: &str) -> Profile {
    let start = ym(end).plus(-5).to_string();
    usce(&[us_clinical(&start, Some(end))], LETTER_IM_US)
}

#[test]
fn usce_whose_last_month_is_over_twelve_months_old_is_not_recent() {
    // Today 2023-09: 2022-08 is 13 months back, 2022-09 is 12, 2022-10 is 11.
    let flags = run(&us_block_ending("2022-08"));
    let f = one(&flags, FlagKind::LimitedUsce);
    // Enough months and a US letter: its age alone is a low flag, still on the list.
    assert_severity(f, Severity::Low);
    assert!(says(f, Effect::Base, "not recent"), "{f:#?}");
    assert!(says(f, Effect::Base, "2022-08, 13 months ago"), "{f:#?}");
    assert!(f.summary.contains("the last in 2022-08"), "{}", f.summary);
    for end in ["2022-09", "2022-10"] {
        let flags = run(&us_block_ending(end));
        assert!(!has(&flags, FlagKind::LimitedUsce), "{end}: {flags:#?}");
    }
    // An ongoing one is current.
    let flags = run(&usce(&[us_clinical("2022-01", None)], LETTER_IM_US));
    assert!(!has(&flags, FlagKind::LimitedUsce), "{flags:#?}");
}

#[test]
fn little_and_old_usce_is_high() {
    let flags = run(&usce(
        &[us_clinical("2022-01", Some("2022-02"))],
        LETTER_IM_US,
    ));
    let f = one(&flags, FlagKind::LimitedUsce);
    assert_severity(f, Severity::High);
    assert!(says(f, Effect::Raises, "not recent"), "{f:#?}");
}

#[test]
fn usce_recent_months_come_from_rules() {
    let p = us_block_ending("2022-08");
    assert!(has(&run(&p), FlagKind::LimitedUsce));
    assert!(!has(
        &run_with(&p, "(usce_recent_months: 13)"),
        FlagKind::LimitedUsce
    ));
}

// ---------------------------------------------------------------------------
// Severity that reads patterns
// ---------------------------------------------------------------------------

#[test]
fn a_repeat_followed_by_a_second_repeat_is_not_lowered() {
    // Both over five years back; only the second has a clean record since.
    let p = clean(&repeats(
        r#"Repeat(what: "Surgery", area: Other, date: "2015-01"),
           Repeat(what: "Psychiatry", area: Other, date: "2016-06")"#,
    ));
    let flags = run(&p);
    let first = flags
        .iter()
        .find(|f| f.id == "repeated_course:2015-01")
        .unwrap();
    assert_severity(first, Severity::High);
    assert_eq!(count(first, Effect::Lowers), 0, "{first:#?}");
    let second = flags
        .iter()
        .find(|f| f.id == "repeated_course:2016-06")
        .unwrap();
    assert_severity(second, Severity::Moderate);
    assert_eq!(count(second, Effect::Lowers), 1, "{second:#?}");
}

#[test]
fn a_completed_incident_is_not_clean_since_a_later_failure_or_repeat() {
    let base =
        r#"incidents: [Incident(kind: Remediation, date: "2015-01", completed: Some("2015-06"))]"#;
    for later in [
        exams(r#"Exam(step: Step1, attempts: [Attempt(date: "2017-01", result: Fail)])"#),
        repeats(r#"Repeat(what: "Surgery", area: Other, date: "2017-01")"#),
    ] {
        let flags = run(&clean(&format!("{base}, {later}")));
        let f = one(&flags, FlagKind::Professionalism);
        assert_eq!(count(f, Effect::Lowers), 0, "{later}: {f:#?}");
        assert_severity(f, Severity::Moderate);
        // The completion still shows, with what followed it.
        assert!(says(f, Effect::Mitigates, "completed 2015-06"), "{f:#?}");
        assert!(says(f, Effect::Mitigates, "(2017-01) followed"), "{f:#?}");
    }
}

#[test]
fn the_first_event_since_is_shared_with_prefill() {
    use flagdraft::core::detect::first_event_after;
    let p = repeat_and_incident("2016-04");
    let rules = Rules::default();
    assert_eq!(
        first_event_after(&p, &rules, ym("2015-06"), ym(TODAY)).as_deref(),
        Some("the repeated Surgery clerkship (2016-01)")
    );
    assert_eq!(
        first_event_after(&p, &rules, ym("2016-01"), ym(TODAY)).as_deref(),
        Some("a professionalism citation (2016-04)")
    );
    assert_eq!(
        first_event_after(&p, &rules, ym("2016-04"), ym(TODAY)),
        None
    );
    // Nothing after today counts.
    assert_eq!(
        first_event_after(&p, &rules, ym("2016-01"), ym("2016-03")),
        None
    );
}

/// A repeated surgery clerkship in 2016-01 and a citation in `incident`.
fn repeat_and_incident(incident: &str) -> Profile {
    clean(&format!(
        r#"{}, incidents: [Incident(kind: Citation, date: "{incident}")]"#,
        repeats(r#"Repeat(what: "Surgery clerkship", area: Other, date: "2016-01")"#)
    ))
}

#[test]
fn an_incident_months_after_a_repeat_raises_both_naming_each_other() {
    for incident in ["2016-04", "2017-01"] {
        let flags = run(&repeat_and_incident(incident));
        let repeat = one(&flags, FlagKind::RepeatedCourse);
        let conduct = one(&flags, FlagKind::Professionalism);
        assert_severity(repeat, Severity::High);
        assert_severity(conduct, Severity::High);
        assert!(
            says(repeat, Effect::Raises, &format!("citation ({incident})")),
            "{repeat:#?}"
        );
        assert!(
            says(conduct, Effect::Raises, "Surgery clerkship (2016-01)"),
            "{conduct:#?}"
        );
        assert!(says(conduct, Effect::Raises, "pattern"), "{conduct:#?}");
    }
}

#[test]
fn an_incident_over_twelve_months_after_a_repeat_is_no_pattern() {
    // Twelve months after is still a pattern (see above); thirteen is not.
    let flags = run(&repeat_and_incident("2017-01"));
    assert_severity(one(&flags, FlagKind::Professionalism), Severity::High);
    let flags = run(&repeat_and_incident("2017-02"));
    let repeat = one(&flags, FlagKind::RepeatedCourse);
    let conduct = one(&flags, FlagKind::Professionalism);
    assert_severity(repeat, Severity::Moderate);
    assert_severity(conduct, Severity::Moderate);
    assert_unadjusted(conduct);
    assert!(!says(repeat, Effect::Raises, "pattern"), "{repeat:#?}");
}

#[test]
fn a_failure_near_an_incident_raises_both() {
    let p = clean(&format!(
        r#"{}, incidents: [Incident(kind: MspeComment, date: "2017-09")]"#,
        exams(
            r#"Exam(step: Step1, attempts: [Attempt(date: "2017-03", result: Fail), Attempt(date: "2017-08", result: Pass)])"#
        )
    ));
    let flags = run(&p);
    let exam = one(&flags, FlagKind::ExamFailure);
    let conduct = one(&flags, FlagKind::Professionalism);
    assert!(
        says(exam, Effect::Raises, "concern noted in the MSPE (2017-09)"),
        "{exam:#?}"
    );
    assert!(
        says(
            conduct,
            Effect::Raises,
            "failed USMLE Step 1 attempt (2017-03)"
        ),
        "{conduct:#?}"
    );
    assert_severity(conduct, Severity::High);
}

#[test]
fn events_of_one_kind_are_left_to_their_own_detector() {
    // Two incidents three months apart: read as a pattern once, by professionalism.
    let flags = run(&incidents(
        r#"Incident(kind: Citation, date: "2016-01"), Incident(kind: Citation, date: "2016-04")"#,
    ));
    for f in of(&flags, FlagKind::Professionalism) {
        assert_eq!(count(f, Effect::Raises), 1, "{f:#?}");
    }
}

#[test]
fn pattern_months_come_from_rules() {
    let p = repeat_and_incident("2016-04");
    let flags = run_with(&p, "(pattern_months: 2)");
    assert_severity(one(&flags, FlagKind::Professionalism), Severity::Moderate);
}

// ---------------------------------------------------------------------------
// Seasons as AAMC names them
// ---------------------------------------------------------------------------

#[test]
fn years_since_graduation_count_against_the_season() {
    // Graduated 2019-06; season 2023 is training from July 2023: four years.
    let flags = run(&graduated(2019));
    let f = one(&flags, FlagKind::YogGap);
    assert!(f.summary.contains("ERAS 2023 season"), "{}", f.summary);
    assert!(f.summary.contains("July 2023"), "{}", f.summary);
}

#[test]
fn a_season_that_does_not_fit_today_is_a_warning_not_an_error() {
    // Season 2023: opens June 2022, Match March 2023. Fits 2021-06 to 2023-03.
    let p = clean("");
    let rules = Rules::default();
    for fits in ["2021-06", "2022-09", "2023-03"] {
        assert!(warnings(&p, &rules, ym(fits)).is_empty(), "{fits}");
    }
    for misfit in ["2021-05", "2023-04", TODAY] {
        let said = warnings(&p, &rules, ym(misfit));
        assert_eq!(said.len(), 1, "{misfit}: {said:?}");
        assert_eq!(said[0].field, "application_year");
    }
    assert!(validate(&p, &Rules::default()).is_empty());
    // Detection still runs and says the same as ever.
    assert_eq!(run(&p), vec![]);
    // The calendar is data.
    let late = Rules::parse("(season: (match_month: 5))").unwrap();
    assert!(warnings(&p, &late, ym("2023-05")).is_empty());
}

// ---------------------------------------------------------------------------
// The demo, and profiles from earlier versions
// ---------------------------------------------------------------------------

#[test]
fn the_demo_is_consistent_with_its_season() {
    let p = demo();
    let today = p.as_of.unwrap();
    assert_eq!(p.application_year, 2027);
    assert!(validate(&p, &Rules::default()).is_empty());
    assert_eq!(warnings(&p, &Rules::embedded(), today), vec![]);
    let flags = detect(&p, &Knowledge::embedded(), today);
    let yog = one(&flags, FlagKind::YogGap);
    assert_severity(yog, Severity::High);
    assert!(says(yog, Effect::Mitigates, "clinical work"), "{yog:#?}");
    let usce = one(&flags, FlagKind::LimitedUsce);
    assert!(says(usce, Effect::Raises, "not recent"), "{usce:#?}");
    // The remediation came three months after the repeated clerkship.
    let conduct = one(&flags, FlagKind::Professionalism);
    assert!(
        says(conduct, Effect::Raises, "Pediatrics clerkship"),
        "{conduct:#?}"
    );
    assert_eq!(
        count(conduct, Effect::Lowers),
        0,
        "a Step 1 failure followed it"
    );
    let repeat = one(&flags, FlagKind::RepeatedCourse);
    assert!(says(repeat, Effect::Raises, "remediation"), "{repeat:#?}");
}

#[test]
fn a_profile_from_the_first_format_loads_detects_and_warns_about_its_season() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1/profile.ron");
    let p = flagdraft::store::load_profile(&path).unwrap();
    assert!(validate(&p, &Rules::default()).is_empty());
    let today = p.as_of.unwrap();
    let flags = detect(&p, &Knowledge::embedded(), today);
    assert!(kinds(&flags).len() >= 7, "{flags:#?}");
    // It named the season the old way (2026, with an as_of of 2026-09): a warning only.
    let said = warnings(&p, &Rules::embedded(), today);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].message.contains("ERAS 2027"), "{}", said[0]);
}
