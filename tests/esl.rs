//! The second-language rules: each on sentences of our own (found, with the words it
//! suggests; a near miss left alone; silent when switched off), then measured on the
//! sentences written blind to them (`tests/corpus/blind/esl.tsv`) and on the blind good
//! texts. `cargo test --test esl -- --nocapture` prints the figures.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::fs;

use flagdraft::core::coach::esl::RULES;
use flagdraft::core::coach::rules::{Level, RuleSet};
use flagdraft::core::coach::{Coach, Finding, TextContext};

const BLIND: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/blind");
const GOOD: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/good");

/// The second-language findings on `text`.
fn esl(coach: &Coach, text: &str) -> Vec<Finding> {
    coach
        .check_text(text, TextContext::default())
        .into_iter()
        .filter(|f| RULES.contains(&f.rule.as_str()))
        .collect()
}

fn show(text: &str, findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "  {} {:?} -> {:?}",
                f.rule,
                &text[f.start..f.end],
                f.suggestions
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The one finding of `rule` on `text`: its words and its first suggestion.
fn found(rule: &str, text: &str) -> (String, String) {
    let all = esl(&Coach::embedded(), text);
    let of: Vec<&Finding> = all.iter().filter(|f| f.rule == rule).collect();
    assert_eq!(
        of.len(),
        1,
        "{rule} once in {text:?}, got:\n{}",
        show(text, &all)
    );
    let f = of[0];
    assert!(
        !f.suggestions.is_empty(),
        "{rule} without a suggestion in {text:?}"
    );
    (text[f.start..f.end].to_string(), f.suggestions[0].clone())
}

/// `text` with the first suggestion of its one `rule` finding applied.
fn fixed(rule: &str, text: &str) -> String {
    let all = esl(&Coach::embedded(), text);
    let f = all
        .iter()
        .find(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("{rule} in {text:?}"));
    format!("{}{}{}", &text[..f.start], f.suggestions[0], &text[f.end..])
}

fn silent(text: &str) {
    let all = esl(&Coach::embedded(), text);
    assert!(
        all.is_empty(),
        "nothing in {text:?}, got:\n{}",
        show(text, &all)
    );
}

// ---------------------------------------------------------------------------
// Each rule
// ---------------------------------------------------------------------------

#[test]
fn uncountable_nouns_lose_their_plural_and_their_article() {
    assert_eq!(
        found("uncountable", "My attendings gave me feedbacks every week."),
        ("feedbacks".into(), "feedback".into())
    );
    assert_eq!(
        fixed("uncountable", "She shared many practical advices with me."),
        "She shared a lot of practical advice with me."
    );
    assert_eq!(
        fixed("uncountable", "The clinic lacked several equipments."),
        "The clinic lacked some equipment."
    );
    assert_eq!(
        fixed(
            "uncountable",
            "I received two useful advices from my mentor."
        ),
        "I received two pieces of useful advice from my mentor."
    );
    assert_eq!(
        fixed(
            "uncountable",
            "We found a strong evidence for early screening."
        ),
        "We found strong evidence for early screening."
    );
    assert_eq!(
        fixed("uncountable", "I did a research on asthma in teenagers."),
        "I did research on asthma in teenagers."
    );
    assert_eq!(
        fixed(
            "uncountable",
            "Our researches showed lower readmission rates."
        ),
        "Our research showed lower readmission rates."
    );
    assert_eq!(
        fixed("uncountable", "I gained knowledges of adult medicine."),
        "I gained knowledge of adult medicine."
    );
}

#[test]
fn a_counting_word_before_the_singular_is_caught_too() {
    assert_eq!(
        fixed(
            "uncountable",
            "We collected many information about each family."
        ),
        "We collected a lot of information about each family."
    );
    assert_eq!(
        fixed("uncountable", "She gave me two advice that I still use."),
        "She gave me two pieces of advice that I still use."
    );
    assert_eq!(
        fixed("uncountable", "I applied for several fundings."),
        "I applied for some funding."
    );
    assert_eq!(
        fixed("uncountable", "The nursing staffs were kind."),
        "The nursing staff were kind."
    );
    silent("Many staff members helped, and many staff stayed late.");
    silent("These data suggest that early screening works.");
    silent("Several research projects and many feedback sessions shaped me.");
    silent("In 2021 research on transition clinics was scarce.");
    silent("Step 2 feedback from the NBME was detailed.");
    silent("A few feedback forms were missing.");
}

#[test]
fn countable_uses_of_those_nouns_are_left_alone() {
    silent("My mentor researches sickle cell outcomes in young adults.");
    silent("The disease progresses slowly in most children.");
    silent("I completed a research fellowship and a research elective.");
    silent("We designed a feedback form for residents.");
    silent("She gave me a little advice and a piece of feedback.");
    silent("I have a good knowledge of pediatric pharmacology.");
    silent("My experiences abroad taught me patience.");
    silent("The information was accurate, and the evidence was clear.");
    silent("I joined an evidence-based medicine journal club.");
}

#[test]
fn prepositions_after_verbs_and_adjectives() {
    assert_eq!(
        found("preposition", "We discussed about the discharge plan."),
        ("discussed about".into(), "discussed".into())
    );
    assert_eq!(
        fixed("preposition", "We are discussing about her readmission."),
        "We are discussing her readmission."
    );
    assert_eq!(
        fixed("preposition", "She explained me the new protocol."),
        "She explained to me the new protocol."
    );
    assert_eq!(
        fixed("preposition", "I am interested for adolescent medicine."),
        "I am interested in adolescent medicine."
    );
    assert_eq!(
        fixed("preposition", "I graduated medical school in 2019."),
        "I graduated from medical school in 2019."
    );
    assert_eq!(
        fixed("preposition", "I participated to a vaccination campaign."),
        "I participated in a vaccination campaign."
    );
    assert_eq!(
        fixed("preposition", "I was responsible of the night handoff."),
        "I was responsible for the night handoff."
    );
    assert_eq!(
        fixed("preposition", "Outcomes depend of early diagnosis."),
        "Outcomes depend on early diagnosis."
    );
    assert_eq!(
        fixed(
            "preposition",
            "I attended to a workshop on motivational interviewing."
        ),
        "I attended a workshop on motivational interviewing."
    );
}

#[test]
fn prepositions_before_a_time() {
    assert_eq!(
        fixed("preposition", "I passed Step 2 on 2021."),
        "I passed Step 2 in 2021."
    );
    assert_eq!(
        fixed("preposition", "I started my fellowship at March 2022."),
        "I started my fellowship in March 2022."
    );
    assert_eq!(
        fixed("preposition", "Our team meets in Monday mornings."),
        "Our team meets on Monday mornings."
    );
    assert_eq!(
        fixed("preposition", "I worked as a scribe during two years."),
        "I worked as a scribe for two years."
    );
    silent("The report was based on 2019 data.");
    silent("I passed on March 3, 2021, and again on 2 May.");
    silent("In Monday's meeting we talked about it.");
    silent("During two years of training I learned a lot, and during my two years there, I grew.");
}

#[test]
fn right_prepositions_and_lookalikes_are_left_alone() {
    silent("Our discussion about the plan was short.");
    silent("I attended to the patient while the nurse called the family.");
    silent("I arrived to find the unit understaffed.");
    silent("The records were requested for the audit.");
    silent("I am interested in research and responsible for the schedule.");
    silent("The attending explained to me how to present.");
    silent("I graduated with honors in 2019.");
    silent("Graduate medical education in the United States differs.");
    silent("I listened carefully and took notes.");
    silent("It was interesting for me to see the difference.");
    silent("I saw the suffering of children with untreated asthma.");
    silent("The two clinics are similar with respect to staffing.");
    silent("I explained US guidelines to the visiting students.");
    silent("I listen a lot more than I used to.");
    silent("The case focused attention on transition planning.");
    assert_eq!(
        fixed("preposition", "Please pay attention on the dose."),
        "Please pay attention to the dose."
    );
}

#[test]
fn tense_with_since_and_with_a_finished_time() {
    assert_eq!(
        found("tense", "Since 2021 I work as a research assistant."),
        ("work".into(), "have worked".into())
    );
    assert_eq!(
        fixed("tense", "I live in Chicago since March 2023."),
        "I have lived in Chicago since March 2023."
    );
    assert_eq!(
        fixed("tense", "She teaches at the clinic since 2020."),
        "She has taught at the clinic since 2020."
    );
    assert_eq!(
        fixed(
            "tense",
            "I am a volunteer at the shelter since my graduation."
        ),
        "I have been a volunteer at the shelter since my graduation."
    );
    assert_eq!(
        fixed(
            "tense",
            "For the past two years, I work nights at a clinic."
        ),
        "For the past two years, I have worked nights at a clinic."
    );
    assert_eq!(
        fixed("tense", "In 2022 I have taken Step 2 CK."),
        "In 2022 I took Step 2 CK."
    );
    assert_eq!(
        fixed("tense", "I have passed Step 3 in May 2024."),
        "I passed Step 3 in May 2024."
    );
    assert_eq!(
        fixed("tense", "Two years ago I start a quality project."),
        "Two years ago I started a quality project."
    );
    assert_eq!(
        fixed("tense", "When I was an intern, I rotate through the NICU."),
        "When I was an intern, I rotated through the NICU."
    );
}

#[test]
fn a_noun_subject_with_is_before_since() {
    assert_eq!(
        fixed("tense", "My mother is sick since 2020, so I care for her."),
        "My mother has been sick since 2020, so I care for her."
    );
    assert_eq!(
        fixed("tense", "I think the clinic is open since 2015."),
        "I think the clinic has been open since 2015."
    );
    assert_eq!(
        fixed("tense", "I know him since 2019."),
        "I have known him since 2019."
    );
    silent("It is two years since I left, and there is no gap since then.");
    // The clause after "think" holds "since"; its own verb is not for this rule to guess.
    silent("I think my mother works there since 2020.");
}

#[test]
fn since_with_a_length_of_time_wants_for() {
    assert_eq!(
        fixed("tense", "I have worked in this clinic since three years."),
        "I have worked in this clinic for three years."
    );
    let text = "I work here since two years.";
    let fixes: Vec<String> = esl(&Coach::embedded(), text)
        .into_iter()
        .filter(|f| f.rule == "tense")
        .map(|f| f.suggestions[0].clone())
        .collect();
    assert_eq!(fixes, ["have worked", "for"]);
    silent("I have worked in this clinic since three years ago.");
    silent("It has been a year since I started.");
}

#[test]
fn a_perfect_after_a_past_clause_is_past() {
    assert_eq!(
        fixed(
            "tense",
            "When I was an intern, I have rotated through every ward."
        ),
        "When I was an intern, I rotated through every ward."
    );
    silent("After I failed Step 1, I have changed how I study.");
    silent("When I failed, I had to rethink everything.");
}

#[test]
fn tenses_that_fit_their_time_are_left_alone() {
    silent("I have worked at the clinic since 2021.");
    silent("Since I work nights, I study in the mornings.");
    silent("Since the program requires it, I submit my logs weekly.");
    silent("I passed Step 3 in May 2024 and have worked as a fellow since then.");
    silent("In July 2027 I start my intern year, I hope.");
    silent("I have lived here since I arrived in 2020.");
    silent("Last year I took Step 3, and now I teach it.");
    silent("When I was an intern, I learned to ask early.");
    silent("I have read the report published in 2020.");
    silent("Over the last year I have improved my notes.");
    silent("I remember the day I failed, two years ago.");
    silent("I have been accepted to present in May 2026.");
    silent("I am the first physician in my family since my grandfather.");
}

#[test]
fn me_and_as_a_subject() {
    assert_eq!(
        found("me_and", "Me and my co-resident built a sign-out tool."),
        (
            "Me and my co-resident".into(),
            "My co-resident and I".into()
        )
    );
    assert_eq!(
        fixed(
            "me_and",
            "In 2022 me and two classmates started a tutoring group."
        ),
        "In 2022 two classmates and I started a tutoring group."
    );
    assert_eq!(
        fixed("me_and", "The nurse and me reviewed the chart."),
        "The nurse and I reviewed the chart."
    );
}

#[test]
fn me_and_as_an_object_is_left_alone() {
    silent("The attending invited my co-resident and me to present.");
    silent("This project meant a lot to me and my team.");
    silent("She gave me and my team a week to finish.");
    silent("My co-resident and I built a sign-out tool.");
}

#[test]
fn its_and_it_is() {
    assert_eq!(
        found("its_its", "The unit revised it's policy on visitors."),
        ("it's".into(), "its".into())
    );
    assert_eq!(
        fixed("its_its", "Each service has it\u{2019}s own rhythm."),
        "Each service has its own rhythm."
    );
    assert_eq!(
        fixed("its_its", "Its been two years since then."),
        "It's been two years since then."
    );
    assert_eq!(
        fixed("its_its", "I know its important to ask for help."),
        "I know it's important to ask for help."
    );
    assert_eq!(
        fixed("its_its", "The team valued me for all of it's work."),
        "The team valued me for all of its work."
    );
}

#[test]
fn right_its_and_it_is_are_left_alone() {
    silent("The clinic changed its hours, and it's open on Saturdays now.");
    silent("I realized it's hard to ask for help.");
    silent("Its clear guidelines helped every new intern.");
    silent("Its true cost was time with my family.");
    silent("The program is known for its not-for-profit clinic.");
    silent("It's been a long road, but it's worth it.");
    silent("Its clear, concise format helps new interns.");
    silent("The program is known for its especially strong continuity clinic.");
    silent("The hospital, with its almost 200 beds, serves three counties.");
    silent("Its very existence depends on volunteers, and its only ward is full.");
    assert_eq!(
        fixed("its_its", "Its always been my goal."),
        "It's always been my goal."
    );
    assert_eq!(
        fixed("its_its", "I know its really hard to ask."),
        "I know it's really hard to ask."
    );
}

#[test]
fn a_and_an_go_by_sound() {
    for (text, span, fix) in [
        ("I hold a MD from Lagos.", "a", "an"),
        ("I earned an USMLE score of 250.", "an", "a"),
        ("I trained at an university hospital.", "an", "a"),
        ("It took a hour to stabilize him.", "a", "an"),
        ("She ordered a MRI of the spine.", "a", "an"),
        ("I sent a NRMP request.", "a", "an"),
        ("He needed an one-week course of antibiotics.", "an", "a"),
        ("I completed a 8-week elective.", "a", "an"),
        ("A 11-year-old girl presented with fever.", "A", "An"),
        ("I was an European exchange student.", "an", "a"),
        ("A ECFMG certificate came in March.", "A", "An"),
        ("I am an honest and a humble person.", "", ""),
        ("It was a LRU cache.", "a", "an"),
        ("I scored in a 80th percentile.", "a", "an"),
        ("I had a HbA1c of 9.", "a", "an"),
    ] {
        if span.is_empty() {
            silent(text);
        } else {
            assert_eq!(found("a_an", text), (span.into(), fix.into()), "{text}");
        }
    }
}

#[test]
fn articles_that_fit_their_sound_are_left_alone() {
    silent("I hold an MD and a one-year certificate from a university in Lagos.");
    silent("An hour later, an MSPE and a USMLE transcript arrived.");
    silent("I wrote a SOAP note and spent a year in a NICU.");
    silent("I also spent a year in an NICU.");
    silent("She passed an OSCE and got an A in pediatrics.");
    silent("Hepatitis A and vitamin A are in the plan a reader expects.");
    silent("I wrote an 18-page report and a 1,000-word essay.");
    silent("A HEALTHY START program enrolled an uninsured family.");
    silent("I had an X-ray and a urine test, then a UTI workup.");
    silent("I was an OR nurse and an IT volunteer, and I led an I-PASS pilot.");
    silent("I gave 5 mg and a 2 hr infusion, then a PhD student helped.");
}

#[test]
fn doubled_words_but_not_legitimate_doubles() {
    assert_eq!(
        found("doubled_word", "I presented the the case on rounds."),
        ("the the".into(), "the".into())
    );
    assert_eq!(
        fixed("doubled_word", "I want to to train in Med-Peds."),
        "I want to train in Med-Peds."
    );
    silent("I had had no clinical work for a year.");
    silent("I believe that that choice was right.");
    silent("We went to Walla Walla for a rural rotation.");
    silent("The score was 240. 240 was enough.");
    silent("I studied the. The end.");
    silent("What it is is a commitment to both age groups.");
    assert_eq!(
        fixed("doubled_word", "This is is the reason."),
        "This is the reason."
    );
}

#[test]
fn could_of_is_could_have() {
    assert_eq!(
        found("could_of", "I could of asked for help sooner."),
        ("could of".into(), "could have".into())
    );
    assert_eq!(
        fixed("could_of", "We should of called the family."),
        "We should have called the family."
    );
    assert_eq!(
        fixed("could_of", "I couldn't of done it alone."),
        "I couldn't have done it alone."
    );
    silent("I could, of course, have asked sooner.");
    silent("Both could of course be true.");
}

#[test]
fn each_rule_has_a_name_a_level_below_error_and_its_words_in_coach_ron() {
    let set = RuleSet::embedded();
    for id in RULES {
        let rule = set.rule(id).unwrap_or_else(|| panic!("{id} in coach.ron"));
        assert!(rule.level < Level::Error, "{id}");
        assert!(!rule.name.is_empty() && !rule.message.is_empty() && !rule.hint.is_empty());
    }
    assert!(!set.second_language.uncountable.is_empty());
}

#[test]
fn a_switched_off_rule_is_silent() {
    let cases = [
        ("uncountable", "She gave me feedbacks."),
        ("preposition", "We discussed about the plan."),
        ("tense", "Since 2021 I work at a clinic."),
        ("me_and", "Me and my team built a tool."),
        ("its_its", "The unit has it's own rules."),
        ("a_an", "I hold a MD."),
        ("doubled_word", "I saw the the chart."),
        ("could_of", "I could of asked."),
    ];
    for (id, text) in cases {
        let mut set = RuleSet::embedded();
        assert!(
            esl(&Coach::new(set.clone()), text)
                .iter()
                .any(|f| f.rule == id),
            "{id}"
        );
        set.patch(&format!("(rules: [(id: \"{id}\", enabled: Some(false))])"))
            .unwrap();
        let coach = Coach::new(set);
        assert!(
            !esl(&coach, text).iter().any(|f| f.rule == id),
            "{id} switched off"
        );
    }
}

#[test]
fn spans_and_suggestions_survive_typographic_apostrophes_and_other_scripts() {
    let text = "Ünal and I — we discussed about it\u{2019}s own plan. Me and Dr. Rao wrote it.";
    let all = esl(&Coach::embedded(), text);
    for f in &all {
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
    }
    let rules: Vec<&str> = all.iter().map(|f| f.rule.as_str()).collect();
    assert!(
        rules.contains(&"preposition") && rules.contains(&"its_its") && rules.contains(&"me_and"),
        "{rules:?}"
    );
    assert_eq!(
        fixed("me_and", text),
        "Ünal and I — we discussed about it\u{2019}s own plan. Dr. Rao and I wrote it."
    );
}

// ---------------------------------------------------------------------------
// The blind corpus
// ---------------------------------------------------------------------------

/// The rule each label of `esl.tsv` is for.
fn rule_for(label: &str) -> Option<&'static str> {
    Some(match label {
        "uncountable" => "uncountable",
        "preposition" => "preposition",
        "tense" => "tense",
        "me_and" => "me_and",
        "its_its" => "its_its",
        "article_sound" => "a_an",
        "doubled_word" => "doubled_word",
        "could_of" => "could_of",
        _ => return None,
    })
}

struct Row {
    sentence: String,
    label: String,
    split: String,
}

fn rows() -> Vec<Row> {
    let text = fs::read_to_string(format!("{BLIND}/esl.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert_eq!(cols.len(), 4, "{l}");
            Row {
                sentence: cols[0].to_string(),
                label: cols[1].to_string(),
                split: cols[3].to_string(),
            }
        })
        .collect()
}

/// Per rule: (found on its label, rows of its label, found on other rows).
#[derive(Default)]
struct Figures {
    per_rule: BTreeMap<&'static str, (usize, usize, usize)>,
    good: (usize, usize),
    errors: (usize, usize),
}

fn measure(split: &str, detail: bool) -> Figures {
    let coach = Coach::embedded();
    let mut fig = Figures::default();
    for id in RULES {
        fig.per_rule.insert(id, (0, 0, 0));
    }
    for row in rows().iter().filter(|r| r.split == split) {
        let findings = esl(&coach, &row.sentence);
        let wanted = rule_for(&row.label);
        for id in RULES {
            let fired = findings.iter().any(|f| f.rule == *id);
            let e = fig.per_rule.get_mut(id).unwrap();
            if wanted == Some(*id) {
                e.1 += 1;
                e.0 += usize::from(fired);
            } else {
                e.2 += usize::from(fired);
            }
        }
        if row.label == "good" {
            fig.good.1 += 1;
            fig.good.0 += usize::from(!findings.is_empty());
        } else {
            fig.errors.1 += 1;
            fig.errors.0 +=
                usize::from(wanted.is_some_and(|w| findings.iter().any(|f| f.rule == w)));
        }
        // Sentences are shown only from the part kept for tuning.
        let missed = wanted.is_some_and(|w| !findings.iter().any(|f| f.rule == w));
        let extra = findings.iter().any(|f| Some(f.rule.as_str()) != wanted);
        if detail && split == "tune" && (missed || extra) {
            println!(
                "{:<14} {}\n{}",
                row.label,
                row.sentence,
                show(&row.sentence, &findings)
            );
        }
    }
    fig
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn print(split: &str, fig: &Figures) {
    println!("split: {split}");
    println!(
        "{:<14}{:>10}{:>10}{:>8}",
        "rule", "precision", "recall", "found"
    );
    for (id, (hit, n, other)) in &fig.per_rule {
        println!(
            "{:<14}{:>10.2}{:>10.2}{:>8}",
            id,
            ratio(*hit, hit + other),
            ratio(*hit, *n),
            format!("{hit}/{n}")
        );
    }
    let (hit, n) = fig.errors;
    let (bad, good) = fig.good;
    println!("all errors found: {hit}/{n} ({:.2})", ratio(hit, n));
    println!(
        "good sentences with a finding: {bad}/{good} ({:.2})",
        ratio(bad, good)
    );
}

/// Every blind text labelled good, with its split.
fn good_texts() -> Vec<(String, String, String)> {
    let index = fs::read_to_string(format!("{BLIND}/texts.tsv")).unwrap();
    index
        .lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols.len() >= 5 && cols[2] == "good").then(|| {
                let text = fs::read_to_string(format!("{BLIND}/texts/{}", cols[0])).unwrap();
                (cols[0].to_string(), cols[4].to_string(), text)
            })
        })
        .collect()
}

#[test]
fn measured_on_the_blind_sentences_and_texts() {
    let detail = std::env::var_os("ESL_DETAIL").is_some();
    let tune = measure("tune", detail);
    print("tune", &tune);
    let fig = measure("measure", false);
    print("measure", &fig);

    let coach = Coach::embedded();
    let mut per_split: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut by_rule: BTreeMap<String, usize> = BTreeMap::new();
    for (name, split, text) in good_texts() {
        let findings = esl(&coach, &text);
        let e = per_split.entry(split.clone()).or_default();
        e.0 += 1;
        e.1 += findings.len();
        e.2 += usize::from(!findings.is_empty());
        for f in &findings {
            *by_rule.entry(f.rule.clone()).or_default() += 1;
        }
        // Text is shown only from the part kept for tuning.
        if detail && split == "tune" && !findings.is_empty() {
            println!("{name}:\n{}", show(&text, &findings));
        }
    }
    for (split, (texts, findings, with)) in &per_split {
        println!("good texts ({split}): {findings} findings in {with} of {texts} texts");
    }
    println!("good-text findings by rule: {by_rule:?}");

    // Floors set after the last measuring (0.88 of errors found, no false finding on
    // good sentences, one finding in 74 good texts), below those figures, so that a
    // change losing much recall or flagging correct English fails here.
    let (hit, n) = fig.errors;
    assert!(
        ratio(hit, n) >= 0.75,
        "recall on the measure split: {hit}/{n}"
    );
    for (id, (hit, n, other)) in &fig.per_rule {
        assert!(
            ratio(*hit, *n) >= 0.5,
            "{id}: recall {hit}/{n} on the measure split"
        );
        assert!(
            ratio(*hit, hit + other) >= 0.8,
            "{id}: precision {hit}/{} on the measure split",
            hit + other
        );
    }
    let (bad, good) = fig.good;
    assert!(
        ratio(bad, good) <= 0.05,
        "good measure sentences flagged: {bad}/{good}"
    );
    let findings: usize = per_split.values().map(|v| v.1).sum();
    assert!(findings <= 3, "{findings} findings on the good blind texts");
}

#[test]
fn the_good_corpus_draws_no_second_language_warning() {
    let coach = Coach::embedded();
    for entry in fs::read_dir(GOOD).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let loud: Vec<Finding> = esl(&coach, &text)
            .into_iter()
            .filter(|f| f.level >= Level::Warning)
            .collect();
        assert!(
            loud.is_empty(),
            "{}:\n{}",
            path.display(),
            show(&text, &loud)
        );
    }
}
