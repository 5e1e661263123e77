//! The coach on real text. A corpus of good explanations (`tests/corpus/good`) must draw
//! no error in any output; each flawed text (`tests/corpus/flawed/<rule>-NN.txt`) holds
//! one deliberate flaw and must trip the rule it is named after, and only that rule.
//! Then every rule on a bad and a good sentence; whole words, typographic apostrophes,
//! lengths per output, exact spans, determinism and user patches; and `check_draft` on
//! the demo profile: required parts, consistency with the profile, dismissals, the three
//! questions, flags left unexplained and strengths no draft mentions.
//!
//! Tests marked `//! its phrase lists are wrong today (too eager or too narrow); they are reported, and
//! run with `cargo test --test coach -- --ignored`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use flagdraft::core::assemble::Output;
use flagdraft::core::coach::facts::Known;
use flagdraft::core::coach::rules::{Level, RuleSet};
use flagdraft::core::coach::{Coach, Dismissal, Finding, Report, TextContext, overview};
use flagdraft::core::detect::{Knowledge, detect};
use flagdraft::core::draft::{Draft, Status, Wording};
use flagdraft::core::eras::ErasFields;
use flagdraft::core::flag::{Flag, FlagKind};
use flagdraft::core::month::YearMonth;
use flagdraft::core::prefill::Facts;
use flagdraft::core::profile::Profile;
use flagdraft::core::stamp::Stamp;
use flagdraft::core::template::{Template, Templates};
use flagdraft::store::{DEMO_PROFILE, parse_profile};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const GOOD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/good");
const FLAWED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/flawed");

/// Every `.txt` file of a corpus folder, as (file name, text), by name.
fn corpus(dir: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&p).unwrap();
            (name, text)
        })
        .collect();
    out.sort();
    out
}

/// `text` checked as ERAS text against the default field's limit, as `flagdraft check`
/// does with no options.
fn check_eras(coach: &Coach, text: &str) -> Vec<Finding> {
    let fields = ErasFields::embedded();
    let field = fields.resolve(None);
    coach.check_text(
        text,
        TextContext {
            output: Some(Output::Eras),
            limit: Some((field.label.as_str(), field.limit)),
            kind: None,
        },
    )
}

/// `text` checked as ERAS text with the default field, by the embedded coach.
fn check(text: &str) -> Vec<Finding> {
    check_eras(&Coach::embedded(), text)
}

/// `text` checked as `output`, with no field limit.
fn check_as(text: &str, output: Option<Output>) -> Vec<Finding> {
    Coach::embedded().check_text(
        text,
        TextContext {
            output,
            limit: None,
            kind: None,
        },
    )
}

/// The findings, one line each, for failure messages.
fn show(findings: &[Finding]) -> String {
    if findings.is_empty() {
        return "    (no findings)".into();
    }
    findings
        .iter()
        .map(|f| {
            format!(
                "    {}[{}] {:?} at {}..{}{}: {}",
                f.level.label(),
                f.rule,
                f.excerpt,
                f.start,
                f.end,
                f.part
                    .as_deref()
                    .map(|p| format!(" in {p}"))
                    .unwrap_or_default(),
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn of<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

/// The first finding of `rule` in `findings`, or a panic that lists them all.
fn one<'a>(findings: &'a [Finding], rule: &str, text: &str) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("no {rule} finding in {text:?}:\n{}", show(findings)))
}

/// `rule` fires on `text` (as ERAS text with the default field); returns its first finding.
fn fires(rule: &str, text: &str) -> Finding {
    let findings = check(text);
    assert_spans(text, &findings);
    one(&findings, rule, text).clone()
}

/// `rule` stays silent on `text` (as ERAS text with the default field).
fn silent(rule: &str, text: &str) {
    let findings = check(text);
    assert!(
        of(&findings, rule).is_empty(),
        "{rule} should not fire on {text:?}:\n{}",
        show(&findings)
    );
}

/// Every finding's span is exact: the excerpt is the text at its byte offsets, and a
/// finding without a span has an empty excerpt.
fn assert_spans(text: &str, findings: &[Finding]) {
    for f in findings.iter().filter(|f| f.part.is_none()) {
        assert!(f.start <= f.end && f.end <= text.len(), "{f:?}");
        assert!(
            text.is_char_boundary(f.start) && text.is_char_boundary(f.end),
            "{f:?}"
        );
        assert_eq!(&text[f.start..f.end], f.excerpt, "{f:?}");
        assert_eq!(f.has_span(), !f.excerpt.is_empty(), "{f:?}");
    }
}

fn errors(findings: &[Finding]) -> Vec<Finding> {
    findings
        .iter()
        .filter(|f| f.level == Level::Error)
        .cloned()
        .collect()
}

/// `n` plain words that trip no phrase rule.
fn words(n: usize) -> String {
    const W: [&str; 8] = [
        "the", "clinic", "team", "reviewed", "each", "patient", "plan", "together",
    ];
    (0..n).map(|i| W[i % W.len()]).collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------

#[test]
fn no_good_draft_draws_an_error_in_any_output() {
    let coach = Coach::embedded();
    let files = corpus(GOOD);
    assert!(files.len() >= 22, "only {} good drafts", files.len());
    for (name, text) in &files {
        let n = text.split_whitespace().count();
        assert!((60..=140).contains(&n), "{name}: {n} words, want 60-140");
        assert!(!text.trim().contains("\n\n"), "{name}: one paragraph only");
        let outputs = [
            ("ERAS text, default field", check_eras(&coach, text)),
            ("statement", check_as(text, Some(Output::Statement))),
            ("interview", check_as(text, Some(Output::Interview))),
        ];
        for (what, findings) in outputs {
            assert_spans(text, &findings);
            assert!(
                errors(&findings).is_empty(),
                "{name} as {what} should draw no error:\n{}",
                show(&findings)
            );
        }
    }
}

#[test]
fn good_drafts_draw_no_warning_either() {
    let coach = Coach::embedded();
    for (name, text) in corpus(GOOD) {
        let findings = check_eras(&coach, &text);
        let loud: Vec<Finding> = findings
            .iter()
            .filter(|f| f.level >= Level::Warning)
            .cloned()
            .collect();
        assert!(loud.is_empty(), "{name}:\n{}", show(&loud));
    }
}

#[test]
fn every_flawed_draft_trips_the_rule_it_is_named_after_and_no_other() {
    let coach = Coach::embedded();
    let files = corpus(FLAWED);
    assert!(files.len() >= 24, "only {} flawed drafts", files.len());
    let mut per_rule: BTreeMap<String, usize> = BTreeMap::new();
    for (name, text) in &files {
        let (rule, _) = name
            .split_once('-')
            .unwrap_or_else(|| panic!("{name}: name it <rule>-NN.txt"));
        assert!(
            coach.set.rule(rule).is_some(),
            "{name}: no rule called {rule}"
        );
        *per_rule.entry(rule.to_string()).or_default() += 1;
        let findings = check_eras(&coach, text);
        assert_spans(text, &findings);
        assert!(
            findings.iter().any(|f| f.rule == rule),
            "{name} should trip {rule}:\n{}",
            show(&findings)
        );
        let others: Vec<Finding> = findings
            .iter()
            .filter(|f| f.rule != rule)
            .cloned()
            .collect();
        assert!(
            others.is_empty(),
            "{name} should hold one flaw, {rule}:\n{}",
            show(&others)
        );
    }
    let wanted = [
        ("blame", 2),
        ("emotional", 2),
        ("apology", 2),
        ("defensive", 2),
        ("vague", 2),
        ("hedge", 1),
        ("placeholder", 2),
        ("gap_dates", 2),
        ("no_result", 2),
        ("no_link", 1),
        ("no_ownership", 2),
        ("over_limit", 1),
    ];
    for (rule, min) in wanted {
        let n = per_rule.get(rule).copied().unwrap_or(0);
        assert!(n >= min, "{n} flawed drafts for {rule}, want {min}");
    }
}

#[test]
fn flawed_drafts_fit_the_field_but_over_limit_ones_report_their_count() {
    let limit = ErasFields::embedded().resolve(None).limit;
    for (name, text) in corpus(FLAWED) {
        let chars = text.chars().count();
        if name.starts_with("over_limit-") {
            let f = one(&check(&text), "over_limit", &text).clone();
            assert_eq!(f.level, Level::Error);
            assert!(
                f.message
                    .contains(&format!("{chars} of {limit} characters")),
                "{name}: {}",
                f.message
            );
            assert!(
                f.message.contains(&format!("{} over", chars - limit)),
                "{name}: {}",
                f.message
            );
        } else {
            assert!(chars <= limit, "{name}: {chars} characters");
        }
    }
}

// ---------------------------------------------------------------------------
// Blame: an error, softened to a warning when the text owns a part
// ---------------------------------------------------------------------------

#[test]
fn blame_is_a_warning_and_blame_twice_an_error() {
    let text =
        "I failed Step 1 in March 2019 because the exam was unfair. I passed in September 2019.";
    let f = fires("blame", text);
    // One judgement is a warning: the coach may have misread one sentence.
    assert_eq!(f.level, Level::Warning);
    assert_eq!(f.excerpt, "unfair");
    assert_eq!(&text[f.start..f.end], "unfair");
    // Blame in a second sentence agrees with the first: an error.
    let twice = "I failed Step 1 in March 2019 because the exam was unfair. My school never \
                 prepared us for it. I passed in September 2019.";
    let found = check(twice);
    assert!(
        of(&found, "blame").len() >= 2
            && of(&found, "blame").iter().all(|f| f.level == Level::Error),
        "{}",
        show(&found)
    );
}

#[test]
fn blame_with_ownership_is_softened_to_a_warning() {
    let text = "I failed Step 1 in March 2019. The exam felt unfair to me then. I underestimated \
                how much timed practice it needed. I passed in September 2019.";
    let f = fires("blame", text);
    assert_eq!(
        f.level,
        Level::Warning,
        "owning a part elsewhere keeps blame a warning"
    );
    assert_eq!(f.excerpt, "unfair");
    // Granted and owned in one breath, the sentence is not blame at all.
    silent(
        "blame",
        "I failed Step 1 in March 2019. The exam felt unfair to me then, but I underestimated \
         how much timed practice it needed. I passed in September 2019.",
    );
}

#[test]
fn blame_stays_silent_on_an_owned_reason() {
    silent(
        "blame",
        "I failed Step 1 in March 2019 because I had not practised timed questions. I passed in September 2019.",
    );
    silent(
        "blame",
        "My school offered a review course, and I joined it in my fourth year.",
    );
}

#[test]
fn blame_phrases_match_typographic_apostrophes() {
    let text = "It wasn\u{2019}t my fault that the rotation was short.";
    let f = fires("blame", text);
    assert_eq!(f.excerpt, "wasn\u{2019}t my fault");
    assert_eq!(f.level, Level::Warning);
    // The straight apostrophe matches too, and the longest phrase makes one finding.
    let findings = check("It wasn't my fault.");
    assert_eq!(of(&findings, "blame").len(), 1, "{}", show(&findings));
    let findings = check("It was not my fault.");
    let blame = of(&findings, "blame");
    assert_eq!(blame.len(), 1, "{}", show(&findings));
    assert_eq!(blame[0].excerpt, "was not my fault");
}

#[test]
fn ownership_with_a_typographic_apostrophe_softens_blame() {
    let text =
        "The questions were badly written, and I didn\u{2019}t practise enough timed blocks.";
    assert_eq!(fires("blame", text).level, Level::Warning);
}

#[test]
fn unfair_matches_as_the_rule_defines_it_whole_words_only() {
    assert_eq!(fires("blame", "The grading was unfair.").excerpt, "unfair");
    // "unfair" does not match inside "unfairly"; the phrase "treated unfairly" does.
    let text = "I was treated unfairly by the grading committee.";
    let findings = check(text);
    let blame = of(&findings, "blame");
    assert_eq!(blame.len(), 1, "{}", show(&findings));
    assert_eq!(blame[0].excerpt, "treated unfairly");
    // Nor does it match "fairly" or a word that merely contains it.
    silent("blame", "Fairly early in my fourth year I chose Med-Peds.");
    silent("blame", "The unfairest part of my week was the commute.");
}

#[test]
fn unfairly_and_unfairness_alone_are_blame() {
    fires("blame", "The committee graded my clerkship unfairly.");
    fires(
        "blame",
        "The unfairness of the exam schedule cost me the first attempt.",
    );
}

#[test]
fn toxic_in_a_clinical_sense_is_not_blame() {
    silent(
        "blame",
        "In the pediatric emergency room I managed toxic ingestions in toddlers under supervision.",
    );
}

// ---------------------------------------------------------------------------
// Emotional, apology, defensive, vague, hedge, filler
// ---------------------------------------------------------------------------

#[test]
fn emotional_words_are_a_warning() {
    let text = "Shocked by my score, I rebuilt my plan.";
    let f = fires("emotional", text);
    assert_eq!(f.level, Level::Warning);
    assert_eq!(
        f.excerpt, "Shocked",
        "any case, and the excerpt keeps the text's case"
    );
    assert_eq!(
        fires("emotional", "My world fell apart that spring.").excerpt,
        "My world fell apart"
    );
    silent(
        "emotional",
        "My score arrived in July 2021, and I rebuilt my plan the same week.",
    );
}

#[test]
fn clinical_terms_are_not_emotional() {
    silent(
        "emotional",
        "I followed adolescents with traumatic brain injury and one child with a depressed skull fracture.",
    );
}

#[test]
fn apologies_to_the_reader_are_a_warning() {
    let f = fires("apology", "I apologize for my Step 2 CK score.");
    assert_eq!(f.level, Level::Warning);
    assert_eq!(f.excerpt, "I apologize");
    assert_eq!(
        fires("apology", "I\u{2019}m sorry for the delay in my training.").excerpt,
        "I\u{2019}m sorry"
    );
    // Apologising to a colleague is an action, not an apology to the reader.
    silent(
        "apology",
        "I apologized to the nurse the next morning and asked for her feedback.",
    );
}

#[test]
fn defensive_phrases_are_a_warning() {
    let text = "Honestly, it was only one exam.";
    let findings = check(text);
    let defensive: Vec<&str> = of(&findings, "defensive")
        .iter()
        .map(|f| f.excerpt.as_str())
        .collect();
    assert_eq!(
        defensive,
        ["Honestly", "it was only"],
        "{}",
        show(&findings)
    );
    assert!(
        of(&findings, "defensive")
            .iter()
            .all(|f| f.level == Level::Warning)
    );
    silent(
        "defensive",
        "It was one exam, and every exam since has been a first-attempt pass.",
    );
}

#[test]
fn vague_reasons_are_a_warning() {
    let f = fires(
        "vague",
        "I stepped back from clinical work for personal reasons.",
    );
    assert_eq!(f.level, Level::Warning);
    assert_eq!(f.excerpt, "personal reasons");
    silent(
        "vague",
        "I stepped back from clinical work to care for my father after his stroke.",
    );
}

#[test]
fn hedges_are_information_only() {
    let f = fires("hedge", "I think I am ready for the workload.");
    assert_eq!(f.level, Level::Info);
    assert_eq!(f.excerpt, "I think");
    silent("hedge", "I am ready for the workload.");
    silent("hedge", "I thought about the workload before I applied.");
}

#[test]
fn filler_only_counts_in_an_interview_answer() {
    let text = "Um, I failed Step 1, you know, in March 2019, and passed in September 2019.";
    let spoken = check_as(text, Some(Output::Interview));
    let fillers: Vec<&str> = of(&spoken, "filler")
        .iter()
        .map(|f| f.excerpt.as_str())
        .collect();
    assert_eq!(fillers, ["Um", "you know"], "{}", show(&spoken));
    assert!(of(&spoken, "filler").iter().all(|f| f.level == Level::Info));
    for output in [Some(Output::Eras), Some(Output::Statement), None] {
        let findings = check_as(text, output);
        assert!(
            of(&findings, "filler").is_empty(),
            "{output:?}:\n{}",
            show(&findings)
        );
    }
    // Whole words: "um" is not inside "curriculum" or "maximum".
    let findings = check_as(
        "The curriculum set a maximum of two attempts.",
        Some(Output::Interview),
    );
    assert!(of(&findings, "filler").is_empty(), "{}", show(&findings));
}

// ---------------------------------------------------------------------------
// Built-in rules: placeholders, dates, results, link, ownership
// ---------------------------------------------------------------------------

#[test]
fn invisible_characters_are_errors_at_their_span_naming_each() {
    let text = "I \u{202E}failed\u{202C} Step 1 in March 2019 and pa\u{200B}\u{FEFF}ssed it later.";
    let findings = check(text);
    assert_spans(text, &findings);
    let found = of(&findings, "invisible_characters");
    let excerpts: Vec<&str> = found.iter().map(|f| f.excerpt.as_str()).collect();
    assert_eq!(
        excerpts,
        ["\u{202E}", "\u{202C}", "\u{200B}\u{FEFF}"],
        "{}",
        show(&findings)
    );
    assert!(found.iter().all(|f| f.level == Level::Error));
    assert!(
        found[0]
            .message
            .ends_with("(right-to-left override, U+202E)"),
        "{}",
        found[0].message
    );
    assert!(
        found[2].message.contains(
            "zero-width space, U+200B; zero-width no-break space (byte-order mark), U+FEFF"
        ),
        "{}",
        found[2].message
    );
    assert!(found[0].hint.contains("Remove it"), "{}", found[0].hint);
    silent(
        "invisible_characters",
        "My mentor 👩🏽\u{200d}⚕\u{fe0f} and I met weekly; می\u{200c}خواهم.",
    );
}

#[test]
fn a_user_patch_may_lower_or_switch_off_the_invisible_characters_rule() {
    let mut set = RuleSet::embedded();
    set.patch(r#"(rules: [(id: "invisible_characters", level: Some(warning))])"#)
        .unwrap();
    let coach = Coach::new(set);
    let findings = coach.check_text("a\u{202E}b", TextContext::default());
    assert_eq!(
        of(&findings, "invisible_characters")[0].level,
        Level::Warning
    );
    let mut set = RuleSet::embedded();
    set.patch(r#"(rules: [(id: "invisible_characters", enabled: Some(false))])"#)
        .unwrap();
    let findings = Coach::new(set).check_text("a\u{202E}b", TextContext::default());
    assert!(of(&findings, "invisible_characters").is_empty());
}

#[test]
fn placeholders_are_errors_at_their_exact_span() {
    let text = "I scored [###] on Step 2 CK in [City]. TODO: add the result.";
    let findings = check(text);
    assert_spans(text, &findings);
    let found: Vec<&str> = of(&findings, "placeholder")
        .iter()
        .map(|f| f.excerpt.as_str())
        .collect();
    assert_eq!(found, ["[###]", "[City]", "TODO"]);
    assert!(
        of(&findings, "placeholder")
            .iter()
            .all(|f| f.level == Level::Error)
    );
    silent(
        "placeholder",
        "I scored 240 on Step 2 CK (first attempt) in Boston.",
    );
}

#[test]
fn a_gap_needs_a_month_and_year_at_each_end() {
    let f = fires("gap_dates", "I had a gap in my training.");
    assert_eq!(f.level, Level::Error);
    assert_eq!(f.excerpt, "gap");
    // Years without months are half a date: a warning that says what is missing.
    let f = fires("gap_dates", "I had a gap in my training in 2021.");
    assert_eq!(f.level, Level::Warning);
    assert!(f.message.contains("months are missing"), "{}", f.message);
    silent(
        "gap_dates",
        "I had a gap in my training from April 2021 to January 2022.",
    );
    silent(
        "gap_dates",
        "I had a gap in my training from 04/2021 to 01/2022.",
    );
    silent(
        "gap_dates",
        "I had a gap in my training from 2021-04 to 2022-01.",
    );
    // Only one end dated is still not enough...
    fires(
        "gap_dates",
        "My time away from medicine began in April 2021.",
    );
    // ...unless the gap is still open and dated from its start.
    silent(
        "gap_dates",
        "Since June 2026 I have had a gap in clinical work while my visa is processed.",
    );
}

#[test]
fn dates_about_something_else_do_not_date_a_gap() {
    fires(
        "gap_dates",
        "I failed Step 1 in March 2019 and passed in September 2019. I then had a gap in 2021 while my license was transferred.",
    );
}

#[test]
fn a_failure_needs_a_result() {
    let text = "I failed Step 2 CK in October 2021.";
    let f = fires("no_result", text);
    assert_eq!(f.level, Level::Warning);
    assert_eq!(f.excerpt, "failed");
    silent(
        "no_result",
        "I failed Step 2 CK in October 2021 and passed it in March 2022.",
    );
    silent(
        "no_result",
        "I repeated the clerkship in 2017 and completed it with honors.",
    );
}

#[test]
fn passed_and_pass_are_whole_words() {
    // "compassion" is not a pass: the failure still has no result.
    fires(
        "no_result",
        "I failed Step 1 in March 2019, and it taught me compassion for classmates who struggle.",
    );
    // "passed" is a result, and does not read as a failure.
    silent(
        "no_result",
        "I failed Step 1 in March 2019 and passed it in September 2019.",
    );
    let findings = check("I passed Step 1 in September 2019.");
    assert!(findings.is_empty(), "{}", show(&findings));
}

#[test]
fn did_not_pass_is_a_failure_without_a_result() {
    fires("no_result", "I did not pass Step 1 in March 2019.");
    fires(
        "no_result",
        "I didn't pass the pediatrics shelf exam in 2017.",
    );
}

#[test]
fn failure_and_failing_need_a_result_too() {
    fires(
        "no_result",
        "My Step 1 failure in March 2019 taught me to study in timed blocks.",
    );
    fires(
        "no_result",
        "After failing Step 1 in March 2019, I rebuilt my study plan.",
    );
}

#[test]
fn a_long_text_needs_a_med_peds_link() {
    let text = "I failed Step 2 CK in November 2021 after booking it during a heavy surgery rotation. \
                I rebooked with a ten-week plan and passed in April 2022 with a score of 233.";
    let f = fires("no_link", text);
    assert_eq!(f.level, Level::Warning);
    assert!(!f.has_span(), "no_link is about the whole text");
    silent(
        "no_link",
        &format!("{text} That plan is how I will keep up with two specialties in Med-Peds."),
    );
    silent(
        "no_link",
        &format!("{text} I will bring it to the care of adults and children."),
    );
    // A short text is not asked for a link.
    silent(
        "no_link",
        "I passed Step 2 CK in April 2022 with a score of 233.",
    );
}

#[test]
fn conduct_needs_first_person_ownership() {
    let text = "In 2017 I was placed on probation for missed shifts. The probation ended in 2018.";
    let f = fires("no_ownership", text);
    // A judgement on its own is a warning; blame alongside makes two signals, an error.
    assert_eq!(f.level, Level::Warning);
    assert_eq!(f.excerpt, "probation");
    let blamed = "In 2017 I was placed on probation for missed shifts. The schedule was unfair. The probation ended in 2018.";
    assert_eq!(fires("no_ownership", blamed).level, Level::Error);
    silent(
        "no_ownership",
        "In 2017 I was placed on probation for missed shifts, and I take responsibility for them.",
    );
    silent(
        "no_ownership",
        "In 2017 I entered remediation; it was my mistake to hide my schedule conflict.",
    );
}

#[test]
fn denial_is_not_ownership() {
    // Ownership that owns nothing must not silence no_ownership ...
    fires(
        "no_ownership",
        "In March 2018 I was placed on professionalism probation. I did not agree with the decision, and it ended in September 2018.",
    );
    // ... nor excuse blame.
    fires(
        "blame",
        "I did not receive any support, and the school failed me; I passed in May 2020.",
    );
    fires(
        "blame",
        "The school did not teach us, so I studied on my own and passed in May 2020.",
    );
}

#[test]
fn i_was_wrong_is_ownership() {
    silent(
        "no_ownership",
        "My MSPE records a professionalism concern from March 2019. I was wrong to dismiss a nurse's report of a rising heart rate, and I told her so the next day.",
    );
}

#[test]
fn residency_alone_is_not_a_med_peds_link() {
    fires(
        "no_link",
        "I failed Step 2 CK in November 2021 after booking it during a heavy surgery rotation. \
         I rebooked with a ten-week plan and passed in April 2022. I am ready for residency.",
    );
}

// ---------------------------------------------------------------------------
// Lengths per output
// ---------------------------------------------------------------------------

#[test]
fn over_limit_reports_the_count_in_characters() {
    let fields = ErasFields::embedded();
    let field = fields.resolve(None);
    assert_eq!(field.limit, 510);
    // Characters, not bytes: 510 two-byte letters fit.
    let fits = "\u{e9}".repeat(510);
    assert!(of(&check(&fits), "over_limit").is_empty());
    let over = "\u{e9}".repeat(511);
    let findings = check(&over);
    let f = one(&findings, "over_limit", "511 characters");
    assert_eq!(f.level, Level::Error);
    assert!(f.message.contains("511 of 510 characters"), "{}", f.message);
    assert!(f.message.contains("1 over"), "{}", f.message);
    assert!(f.message.contains(&field.label), "{}", f.message);
    // With no field, there is no limit.
    assert!(of(&check_as(&over, Some(Output::Eras)), "over_limit").is_empty());
    // Another field's limit applies when it is named.
    let short = fields.get("meaningful_reflection").unwrap();
    let (_, text) = corpus(GOOD).into_iter().next().unwrap();
    let findings = Coach::embedded().check_text(
        &text,
        TextContext {
            output: Some(Output::Eras),
            limit: Some((short.label.as_str(), short.limit)),
            kind: None,
        },
    );
    let f = one(&findings, "over_limit", &text);
    assert!(
        f.message
            .contains(&format!("{} of 300 characters", text.chars().count())),
        "{}",
        f.message
    );
}

#[test]
fn a_statement_paragraph_is_one_paragraph_of_at_most_180_words() {
    let two = format!("{}.\n\n{}.", words(30), words(30));
    let findings = check_as(&two, Some(Output::Statement));
    let f = one(&findings, "statement_length", &two);
    assert_eq!(f.level, Level::Warning);
    assert!(f.message.contains("2 paragraph(s)"), "{}", f.message);
    let long = words(181);
    let findings = check_as(&long, Some(Output::Statement));
    assert!(
        one(&findings, "statement_length", &long)
            .message
            .contains("181 words")
    );
    assert!(
        of(
            &check_as(&words(180), Some(Output::Statement)),
            "statement_length"
        )
        .is_empty()
    );
    // Only a statement is held to it.
    for output in [Some(Output::Eras), Some(Output::Interview), None] {
        assert!(
            of(&check_as(&two, output), "statement_length").is_empty(),
            "{output:?}"
        );
        assert!(
            of(&check_as(&long, output), "statement_length").is_empty(),
            "{output:?}"
        );
    }
}

#[test]
fn windows_paragraphs_count_too() {
    let two = format!("{}.\r\n\r\n{}.", words(30), words(30));
    let findings = check_as(&two, Some(Output::Statement));
    one(&findings, "statement_length", &two);
}

#[test]
fn an_interview_answer_runs_at_most_about_ninety_seconds() {
    // 240 words at 130-160 words a minute is 90-111 seconds.
    let long = words(240);
    let findings = check_as(&long, Some(Output::Interview));
    let f = one(&findings, "interview_length", &long);
    assert_eq!(f.level, Level::Warning);
    assert!(f.message.contains("240 words"), "{}", f.message);
    assert!(f.message.contains("90-111 seconds"), "{}", f.message);
    // 150 words is about a minute.
    assert!(
        of(
            &check_as(&words(150), Some(Output::Interview)),
            "interview_length"
        )
        .is_empty()
    );
    for output in [Some(Output::Eras), Some(Output::Statement), None] {
        assert!(
            of(&check_as(&long, output), "interview_length").is_empty(),
            "{output:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// Spans, determinism, patches
// ---------------------------------------------------------------------------

#[test]
fn findings_carry_exact_byte_spans_after_multibyte_text() {
    let text = "Ren\u{e9}e Fran\u{e7}ois \u{2014} I was devastated; the exam was unfair, honestly. \
                I scored [###] and had a gap in 2021.";
    let findings = check(text);
    assert_spans(text, &findings);
    for (rule, excerpt) in [
        ("emotional", "devastated"),
        ("blame", "unfair"),
        ("defensive", "honestly"),
        ("placeholder", "[###]"),
        ("gap_dates", "gap"),
    ] {
        let f = one(&findings, rule, text);
        assert_eq!(f.excerpt, excerpt);
        assert_eq!(&text[f.start..f.end], excerpt);
    }
    for (_, text) in corpus(GOOD).iter().chain(corpus(FLAWED).iter()) {
        for output in Output::ALL {
            assert_spans(text, &check_as(text, Some(output)));
        }
    }
}

#[test]
fn the_coach_is_deterministic() {
    let a = Coach::embedded();
    let b = Coach::embedded();
    for (name, text) in corpus(GOOD).iter().chain(corpus(FLAWED).iter()) {
        let first = check_eras(&a, text);
        assert_eq!(first, check_eras(&a, text), "{name}: same coach, same text");
        assert_eq!(
            first,
            check_eras(&b, text),
            "{name}: another coach, same text"
        );
    }
    let text =
        "Um, honestly, I was devastated by the unfair exam [City]. I had a gap in 2021 and failed.";
    for output in Output::ALL {
        assert_eq!(check_as(text, Some(output)), check_as(text, Some(output)));
    }
}

#[test]
fn a_user_patch_switches_a_rule_off() {
    let text = fs::read_to_string(Path::new(FLAWED).join("emotional-01.txt")).unwrap();
    assert!(!of(&check(&text), "emotional").is_empty());
    let mut set = RuleSet::embedded();
    set.patch(r#"(rules: [(id: "emotional", enabled: Some(false))])"#)
        .unwrap();
    let coach = Coach::new(set);
    let findings = check_eras(&coach, &text);
    assert!(findings.is_empty(), "{}", show(&findings));
    // A built-in rule switches off the same way.
    let text = fs::read_to_string(Path::new(FLAWED).join("no_link-01.txt")).unwrap();
    let mut set = RuleSet::embedded();
    set.patch(r#"(rules: [(id: "no_link", enabled: Some(false))])"#)
        .unwrap();
    let findings = check_eras(&Coach::new(set), &text);
    assert!(findings.is_empty(), "{}", show(&findings));
}

#[test]
fn a_user_patch_adds_phrases_and_keeps_the_rest() {
    let text = "I went through a rough patch in my fourth year.";
    silent("vague", text);
    let mut set = RuleSet::embedded();
    set.patch(r#"(rules: [(id: "vague", add_phrases: ["a rough patch"])])"#)
        .unwrap();
    let coach = Coach::new(set);
    let findings = check_eras(&coach, text);
    let f = one(&findings, "vague", text);
    assert_eq!(f.excerpt, "a rough patch");
    assert_eq!(f.level, Level::Warning);
    // The embedded phrases still work.
    let findings = check_eras(&coach, "I left for personal reasons.");
    assert_eq!(
        one(&findings, "vague", "personal reasons").excerpt,
        "personal reasons"
    );
}

// ---------------------------------------------------------------------------
// check_draft on the demo profile
// ---------------------------------------------------------------------------

/// The demo applicant, detected as of the demo's own `as_of`.
struct Demo {
    profile: Profile,
    knowledge: Knowledge,
    today: YearMonth,
    flags: Vec<Flag>,
    templates: Templates,
}

impl Demo {
    fn new() -> Self {
        let profile = parse_profile(Path::new("demo-profile.ron"), DEMO_PROFILE).unwrap();
        let knowledge = Knowledge::embedded();
        let today = profile.as_of.unwrap();
        let flags = detect(&profile, &knowledge, today);
        Self {
            profile,
            knowledge,
            today,
            flags,
            templates: Templates::embedded(),
        }
    }

    fn flag(&self, id: &str) -> &Flag {
        self.flags
            .iter()
            .find(|f| f.id == id)
            .unwrap_or_else(|| panic!("the demo has no flag {id}"))
    }

    /// A fresh draft of flag `id`, prefilled with the demo's facts.
    fn draft(&self, id: &str) -> Draft {
        let facts = Facts {
            profile: &self.profile,
            rules: &self.knowledge.rules,
            today: self.today,
        };
        Draft::new(self.flag(id), facts, Stamp(0))
    }

    fn template(&self, draft: &Draft) -> &Template {
        self.templates.get(draft.kind.family()).unwrap()
    }

    fn check(&self, draft: &Draft) -> Report {
        let known = Known::new(&self.profile, self.today);
        Coach::embedded().check_draft(
            draft,
            self.template(draft),
            &ErasFields::embedded(),
            Some(&known),
        )
    }
}

fn in_part<'a>(report: &'a Report, part: &'a str, rule: &str) -> Vec<&'a Finding> {
    report.in_part(part).filter(|f| f.rule == rule).collect()
}

const STEP1: &str = "exam_failure:step1";

#[test]
fn an_empty_draft_reports_every_required_part() {
    let demo = Demo::new();
    let mut draft = demo.draft(STEP1);
    draft.parts.clear();
    let report = demo.check(&draft);
    let template = demo.template(&draft);
    let required: Vec<&str> = template
        .parts
        .iter()
        .filter(|p| p.required)
        .map(|p| p.key.as_str())
        .collect();
    assert!(!required.is_empty());
    for key in &required {
        let found = in_part(&report, key, "required_empty");
        assert_eq!(found.len(), 1, "{key}:\n{}", show(&report.findings));
        assert_eq!(found[0].level, Level::Error);
    }
    // A prefilled draft still lacks the parts only the applicant can write.
    let draft = demo.draft(STEP1);
    let report = demo.check(&draft);
    for key in &required {
        let empty = !in_part(&report, key, "required_empty").is_empty();
        assert_eq!(
            empty,
            draft.part(key).trim().is_empty(),
            "{key}:\n{}",
            show(&report.findings)
        );
    }
    assert!(report.count(Level::Error) > 0);
}

#[test]
fn a_date_that_disagrees_with_the_profile_is_inconsistent() {
    let demo = Demo::new();
    let mut draft = demo.draft(STEP1);
    draft.set_part(
        "fact",
        "I failed USMLE Step 1 in March 2020.".into(),
        Stamp(1),
    );
    let report = demo.check(&draft);
    let found = in_part(&report, "fact", "consistency");
    assert_eq!(found.len(), 1, "{}", show(&report.findings));
    assert_eq!(found[0].excerpt, "March 2020");
    assert_eq!(
        &draft.part("fact")[found[0].start..found[0].end],
        "March 2020"
    );
    // The profile's own date is consistent.
    draft.set_part(
        "fact",
        "I failed USMLE Step 1 in March 2019.".into(),
        Stamp(2),
    );
    let report = demo.check(&draft);
    assert!(
        in_part(&report, "fact", "consistency").is_empty(),
        "{}",
        show(&report.findings)
    );
}

#[test]
fn a_fact_the_profile_lacks_is_told_as_missing_never_as_a_mismatch() {
    let demo = Demo::new();
    let mut draft = demo.draft(STEP1);
    // Nothing in the demo's profile is dated 2012: a true fact it may simply lack.
    draft.set_part(
        "reason",
        "In May 2012 I began a research year that left too little time for study.".into(),
        Stamp(1),
    );
    let report = demo.check(&draft);
    let found = in_part(&report, "reason", "consistency");
    assert_eq!(found.len(), 1, "{}", show(&report.findings));
    let message = &found[0].message;
    assert!(message.contains("not in your profile: add it"), "{message}");
    assert!(
        message.contains("nothing in your profile is dated May 2012"),
        "{message}"
    );
    assert!(!message.contains("does not match"), "{message}");
    assert_eq!(found[0].name, "Not in your profile");
    // A month of a year the profile knows names the profile's dates in it.
    draft.set_part("reason", "In May 2019 I studied.".into(), Stamp(2));
    let report = demo.check(&draft);
    let found = in_part(&report, "reason", "consistency");
    assert!(
        found[0].message.contains("your profile's dates in 2019: ")
            && found[0].message.contains("March 2019"),
        "{}",
        found[0].message
    );
}

#[test]
fn every_rule_has_a_name_people_say_and_findings_carry_it() {
    let set = RuleSet::embedded();
    for rule in &set.rules {
        assert!(!rule.name.contains('_'), "{}: {}", rule.id, rule.name);
        assert_ne!(rule.name, rule.id, "{}", rule.id);
    }
    let f = check("It was due to personal reasons.");
    let vague = of(&f, "vague");
    assert_eq!(vague[0].name, "Vague reason");
}

#[test]
fn a_part_is_answered_by_a_sentence_not_a_stray_letter() {
    let demo = Demo::new();
    let mut draft = demo.draft(STEP1);
    for (text, answered) in [
        ("i", false),
        ("I did.", false),
        ("1 2 3 4 5", false),
        ("I relied on rereading.", true),
    ] {
        draft.set_part("reason", text.into(), Stamp(1));
        let report = demo.check(&draft);
        let empty = !in_part(&report, "reason", "required_empty").is_empty();
        assert_eq!(empty, !answered, "{text:?}");
        assert_eq!(Coach::embedded().answered(text), answered, "{text:?}");
    }
    // The threshold is data: a coach file may lower it, and files written before it
    // existed still load.
    let mut set = RuleSet::embedded();
    set.patch("(limits: Some((statement_max_words: 180, interview_max_seconds: 90, link_min_words: 25, answer_min_words: 2)))")
        .unwrap();
    assert!(Coach::new(set).answered("I did."));
    let mut set = RuleSet::embedded();
    set.patch(
        "(limits: Some((statement_max_words: 180, interview_max_seconds: 90, link_min_words: 25)))",
    )
    .unwrap();
    assert_eq!(set.limits.answer_min_words, 4);
}

#[test]
fn a_score_that_disagrees_with_the_profile_is_inconsistent() {
    let demo = Demo::new();
    let mut draft = demo.draft(STEP1);
    let wrong = "I passed Step 1 in September 2019 and scored 227 on Step 2 CK in June 2020.";
    draft.set_part("result", wrong.into(), Stamp(1));
    let report = demo.check(&draft);
    let found = in_part(&report, "result", "consistency");
    assert_eq!(found.len(), 1, "{}", show(&report.findings));
    assert_eq!(found[0].excerpt, "227");
    assert!(found[0].message.contains("217"), "{}", found[0].message);
    draft.set_part("result", wrong.replace("227", "217"), Stamp(2));
    let report = demo.check(&draft);
    assert!(
        in_part(&report, "result", "consistency").is_empty(),
        "{}",
        show(&report.findings)
    );
}

#[test]
fn a_dismissal_holds_until_the_words_change() {
    let demo = Demo::new();
    let mut draft = demo.draft(STEP1);
    draft.set_part(
        "fact",
        "I failed USMLE Step 1 in March 2020.".into(),
        Stamp(1),
    );
    let before = demo.check(&draft);
    let finding = in_part(&before, "fact", "consistency")[0].clone();
    assert!(finding.dismissed.is_none());
    draft.dismissed.push(Dismissal {
        rule: finding.rule.clone(),
        part: finding.part.clone(),
        excerpt: finding.excerpt.clone(),
        reason: "The score report shows this date.".into(),
        output: None,
    });
    let after = demo.check(&draft);
    let same = in_part(&after, "fact", "consistency");
    assert_eq!(same.len(), 1);
    assert_eq!(
        same[0].dismissed.as_deref(),
        Some("The score report shows this date.")
    );
    assert_eq!(
        after.count(Level::Info),
        before.count(Level::Info) - 1,
        "a dismissed finding is not counted"
    );
    // New words at the span bring the finding back, undismissed.
    draft.set_part(
        "fact",
        "I failed USMLE Step 1 in April 2020.".into(),
        Stamp(2),
    );
    let changed = demo.check(&draft);
    let back = in_part(&changed, "fact", "consistency");
    assert_eq!(back.len(), 1, "{}", show(&changed.findings));
    assert_eq!(back[0].excerpt, "April 2020");
    assert!(back[0].dismissed.is_none());
    assert_eq!(changed.count(Level::Info), before.count(Level::Info));
}

#[test]
fn the_three_questions_are_answered_as_parts_fill() {
    let demo = Demo::new();
    let mut draft = demo.draft(STEP1);
    draft.parts.clear();
    let a = demo.check(&draft).answers;
    assert!(!a.not_a_pattern && !a.learned && !a.ready_now, "{a:?}");
    assert_eq!(a.missing().len(), 3);

    draft.set_part(
        "fact",
        "I failed USMLE Step 1 in March 2019.".into(),
        Stamp(1),
    );
    draft.set_part(
        "reason",
        "I had relied on rereading notes and took almost no timed practice.".into(),
        Stamp(1),
    );
    draft.set_part(
        "result",
        "I passed in September 2019 and scored 217 on Step 2 CK in June 2020.".into(),
        Stamp(1),
    );
    let a = demo.check(&draft).answers;
    assert!(a.not_a_pattern && !a.learned && !a.ready_now, "{a:?}");

    draft.set_part(
        "actions",
        "I kept a daily block of timed questions and met a tutor each week.".into(),
        Stamp(2),
    );
    let a = demo.check(&draft).answers;
    assert!(a.not_a_pattern && a.learned && !a.ready_now, "{a:?}");

    // A link that never names Med-Peds does not answer "ready now", and says so.
    draft.set_part(
        "link",
        "That routine keeps me organized at work.".into(),
        Stamp(3),
    );
    let report = demo.check(&draft);
    assert!(!report.answers.ready_now);
    assert_eq!(
        in_part(&report, "link", "no_link").len(),
        1,
        "{}",
        show(&report.findings)
    );

    draft.set_part(
        "link",
        "That routine is how I will keep up with adult and pediatric reading in Med-Peds.".into(),
        Stamp(4),
    );
    let report = demo.check(&draft);
    assert!(report.answers.not_a_pattern && report.answers.learned && report.answers.ready_now);
    assert!(report.answers.missing().is_empty());
    // Written for ERAS, it is complete there; the statement paragraph it also goes to
    // is read for a reflection, which a statement-only wording of the result adds.
    let warned: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.level >= Level::Warning)
        .map(|f| f.rule.as_str())
        .collect();
    assert_eq!(
        warned,
        ["statement_reflection"],
        "{}",
        show(&report.findings)
    );
    draft.set_wording(
        Output::Statement,
        "result",
        Wording::Text(format!(
            "{} Looking back, it taught me to trust a routine over a feeling of readiness.",
            draft.part("result")
        )),
        Stamp(5),
    );
    let report = demo.check(&draft);
    assert_eq!(
        report.count(Level::Warning),
        0,
        "a complete, consistent draft:\n{}",
        show(&report.findings)
    );
}

#[test]
fn flags_on_the_record_without_a_ready_draft_are_concealed() {
    let demo = Demo::new();
    let record: Vec<&str> = demo
        .flags
        .iter()
        .filter(|f| overview::on_the_record(f.kind))
        .map(|f| f.id.as_str())
        .collect();
    assert!(record.contains(&STEP1), "{record:?}");
    assert!(
        demo.flags
            .iter()
            .any(|f| f.kind == FlagKind::Professionalism)
    );
    let concealed: Vec<&str> = overview::concealed(&demo.flags, &[])
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(
        concealed, record,
        "with no drafts, every flag on the record is concealed"
    );
    for f in overview::concealed(&demo.flags, &[]) {
        assert!(
            !matches!(
                f.kind,
                FlagKind::LimitedUsce
                    | FlagKind::VisaPlan
                    | FlagKind::TrainingGap
                    | FlagKind::YogGap
            ),
            "{} is not on the transcript or MSPE",
            f.id
        );
    }
    // A draft in progress still leaves the flag concealed; a ready one explains it.
    let mut draft = demo.draft(STEP1);
    draft.status = Status::Drafting;
    let drafts = vec![draft];
    assert!(
        overview::concealed(&demo.flags, &drafts)
            .iter()
            .any(|f| f.id == STEP1)
    );
    let mut drafts = drafts;
    drafts[0].status = Status::Ready;
    let concealed: Vec<&str> = overview::concealed(&demo.flags, &drafts)
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    assert!(!concealed.contains(&STEP1), "{concealed:?}");
    assert_eq!(concealed.len(), record.len() - 1);
}

#[test]
fn the_med_peds_observership_is_suggested_until_a_draft_mentions_med_peds() {
    let demo = Demo::new();
    let med_peds = |s: &Vec<String>| {
        s.iter()
            .any(|x| x.contains("Observership, Med-Peds continuity clinic"))
    };
    assert!(med_peds(&overview::strengths(&demo.profile, &[])));
    let mut draft = demo.draft("limited_usce");
    draft.set_part(
        "experience",
        "I observed for three months in a US continuity clinic for adults and adolescents.".into(),
        Stamp(1),
    );
    let drafts = vec![draft];
    assert!(
        med_peds(&overview::strengths(&demo.profile, &drafts)),
        "no draft says Med-Peds yet"
    );
    let mut drafts = drafts;
    drafts[0].set_part(
        "experience",
        "I observed for three months in a US Med-Peds continuity clinic.".into(),
        Stamp(2),
    );
    let s = overview::strengths(&demo.profile, &drafts);
    assert!(!med_peds(&s), "{s:?}");
}

#[test]
fn immigration_resilience_is_suggested_until_a_draft_shows_it() {
    let demo = Demo::new();
    let resilience = |s: &Vec<String>| s.iter().any(|x| x.contains("moved countries"));
    // The demo's long gap is explained by immigration.
    assert!(resilience(&overview::strengths(&demo.profile, &[])));
    let mut draft = demo.draft("training_gap:2020-07");
    draft.set_part(
        "reflection",
        "Starting over in a new country taught me to adapt fast and ask early.".into(),
        Stamp(1),
    );
    let s = overview::strengths(&demo.profile, &[draft]);
    assert!(!resilience(&s), "{s:?}");
    // Without an immigration story there is nothing to suggest.
    let mut settled = demo.profile.clone();
    settled.gaps_explained.clear();
    assert!(!resilience(&overview::strengths(&settled, &[])));
}

#[test]
fn immigrant_or_global_health_work_is_suggested_across_ages() {
    let demo = Demo::new();
    let global = |s: &Vec<String>| s.iter().any(|x| x.contains("immigrant or global health"));
    assert!(!global(&overview::strengths(&demo.profile, &[])));
    let mut p = demo.profile.clone();
    p.activities[0].title = "Volunteer physician, refugee family clinic".into();
    let s = overview::strengths(&p, &[]);
    assert!(global(&s), "{s:?}");
    assert!(
        s.iter()
            .any(|x| x.contains("refugee family clinic") && x.contains("children and adults")),
        "{s:?}"
    );
    let mut draft = demo.draft("yog_gap");
    draft.set_part(
        "reflection",
        "At the refugee clinic I saw grandparents, parents and infants in one visit.".into(),
        Stamp(1),
    );
    assert!(!global(&overview::strengths(&p, &[draft])));
}

// ---------------------------------------------------------------------------
// The sentence coach: each example the coach used to miss or misjudge.
// ---------------------------------------------------------------------------

/// `text` checked as free text explaining a flag of `kind`, as `check --kind` does.
fn check_kind(text: &str, kind: FlagKind) -> Vec<Finding> {
    Coach::embedded().check_text(
        text,
        TextContext {
            output: Some(Output::Eras),
            limit: None,
            kind: Some(kind),
        },
    )
}

/// The rule speaks on `text` at warning or error level, pointing at words.
fn speaks(rule: &str, text: &str) -> Finding {
    let findings = check(text);
    assert_spans(text, &findings);
    let f = one(&findings, rule, text).clone();
    assert!(
        f.level >= Level::Warning,
        "{rule} only at {:?} on {text:?}",
        f.level
    );
    f
}

#[test]
fn paraphrased_blame_is_read() {
    for text in [
        "I failed Step 1 in May 2021. The result was out of my hands. I passed in December 2021.",
        "I failed Step 1 in May 2021; the hospital environment made it impossible to prepare. I passed in December 2021.",
    ] {
        let f = speaks("blame", text);
        assert!(f.has_span(), "{text}");
    }
}

#[test]
fn paraphrased_vagueness_feelings_pleading_and_defence_are_read() {
    speaks(
        "vague",
        "I left clinical work in March 2020 owing to some family matters and returned in May 2021.",
    );
    for text in [
        "When the score came back I was crushed.",
        "I was mortified when the result arrived.",
        "The failure left me shaken to my core.",
    ] {
        speaks("emotional", text);
    }
    for text in [
        "I ask the committee to show mercy to my application.",
        "I am truly sorry for this failure.",
    ] {
        speaks("apology", text);
    }
    for text in [
        "Frankly, I do not see why one attempt matters so much.",
        "A single low score should not count against me.",
    ] {
        speaks("defensive", text);
    }
}

#[test]
fn since_then_or_a_result_still_to_come_is_not_a_result() {
    for text in [
        "I failed Step 2 CK in May 2022 because I did not practise timed blocks. Since then I have studied every day.",
        "I failed Step 2 CK in May 2022 because I did not practise timed blocks. I have not passed it yet.",
    ] {
        let found = check_kind(text, FlagKind::ExamFailure);
        one(&found, "no_result", text);
    }
    let passed = "I failed Step 2 CK in May 2022 because I did not practise timed blocks. I passed it in January 2023 with 241.";
    assert!(of(&check_kind(passed, FlagKind::ExamFailure), "no_result").is_empty());
}

#[test]
fn a_remediation_needs_an_outcome_too() {
    let text = "In 2022 I was placed on remediation for late notes. I underestimated how long my notes took. I met my mentor weekly and wrote notes during rounds.";
    one(
        &check_kind(text, FlagKind::Professionalism),
        "no_result",
        text,
    );
    let closed = "In 2022 I was placed on remediation for late notes. I underestimated how long my notes took. I met my mentor weekly, and the remediation was closed in March 2023 with no further concerns.";
    assert!(of(&check_kind(closed, FlagKind::Professionalism), "no_result").is_empty());
}

#[test]
fn an_incident_called_a_misunderstanding_is_asked_for_ownership() {
    let text = "In 2021 there was a misunderstanding about the attendance policy, and two absences were recorded. The note was closed in 2022 with no further concerns.";
    // As bare text (the word decides) and as a professionalism text (the kind does).
    one(&check(text), "no_ownership", text);
    one(
        &check_kind(text, FlagKind::Professionalism),
        "no_ownership",
        text,
    );
}

#[test]
fn placeholders_in_every_bracket_and_run() {
    for (text, slot) in [
        (
            "I rotated at <hospital name> for eight weeks.",
            "<hospital name>",
        ),
        ("I passed Step 2 CK in March 20XX.", "20XX"),
        ("I scored {score} on Step 2 CK.", "{score}"),
        ("I passed in ___ 2023.", "___"),
        ("My Step 2 CK score was XX points higher.", "XX"),
    ] {
        let f = fires("placeholder", text);
        assert_eq!(f.level, Level::Error, "{text}");
        assert_eq!(f.excerpt, slot, "{text}");
    }
}

#[test]
fn ownership_in_any_word_order_is_ownership() {
    for text in [
        "In 2022 I was cited for late notes. The responsibility was mine: I put notes off until the end of each shift. The citation was closed in 2023 with no further concerns.",
        "In 2022 I was cited for missed handovers. I had underestimated how much the team depended on me. The citation was closed in 2023 with no further concerns.",
    ] {
        let found = check_kind(text, FlagKind::Professionalism);
        assert!(
            of(&found, "no_ownership").is_empty(),
            "{text}:\n{}",
            show(&found)
        );
    }
}

#[test]
fn that_kind_of_trust_is_not_a_hedge() {
    silent(
        "hedge",
        "Families need to know their doctor will show up, and I intend to earn that kind of trust.",
    );
    fires("hedge", "I was kind of unprepared for the exam.");
}

#[test]
fn a_visa_statement_is_not_asked_for_a_med_peds_link() {
    let text = "I will need a J-1 visa sponsored by ECFMG. I am a citizen of Kenya, the Ministry of Health issued my statement of need in January 2025, and my passport, diploma and ECFMG certificate are verified and ready to file as soon as I match.";
    let found = check_kind(text, FlagKind::VisaPlan);
    assert!(of(&found, "no_link").is_empty(), "{}", show(&found));
    // As bare text the visa words say the same.
    assert!(of(&check(text), "no_link").is_empty());
}

#[test]
fn the_kind_not_a_word_list_decides_what_a_text_must_hold() {
    // No exam word at all, but an exam failure needs a result after it.
    let text = "My first attempt in May 2022 did not go as planned because I studied without practice questions. I now do forty timed questions a day.";
    one(&check_kind(text, FlagKind::ExamFailure), "no_result", text);
    // No gap word, but a training gap needs its dates.
    let text = "I cared for my mother after her surgery and kept up with online courses.";
    one(&check_kind(text, FlagKind::TrainingGap), "gap_dates", text);
}
