//! Rehearsal in the core and the store: questions for a profile, coverage, spoken
//! time, and the history file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use flagdraft::core::assemble::{InterviewAnswer, spoken_seconds};
use flagdraft::core::detect::{Knowledge, detect};
use flagdraft::core::flag::FlagKind;
use flagdraft::core::practice::{
    Attempt, Bank, Coverage, History, Mode, Order, coverage, drill, timing_score,
};
use flagdraft::core::stamp::Stamp;
use flagdraft::store::{self, DEMO_PROFILE, Paths, parse_profile};

fn demo_flags() -> Vec<flagdraft::core::flag::Flag> {
    let p = parse_profile(Path::new("demo"), DEMO_PROFILE).unwrap();
    detect(&p, &Knowledge::embedded(), p.as_of.unwrap())
}

#[test]
fn a_drill_asks_the_common_questions_then_each_flags_own() {
    let bank = Bank::embedded();
    let flags = demo_flags();
    let items = drill(&bank, &flags, Order::AsAsked);
    let common = bank.questions.iter().filter(|q| q.kinds.is_empty()).count();
    assert!(items[..common].iter().all(|i| i.question.kinds.is_empty()));
    for flag in &flags {
        let asked = items
            .iter()
            .filter(|i| i.flag.as_deref() == Some(flag.id.as_str()) && !i.question.kinds.is_empty())
            .count();
        assert!(asked >= 2, "{} gets {asked} questions", flag.id);
    }
    // The demo has no low class rank, so none of its questions are asked.
    assert!(
        !items
            .iter()
            .any(|i| i.question.kinds.contains(&FlagKind::LowRank))
    );
}

#[test]
fn detect_shows_for_each_flag_the_questions_practice_asks_about_it() {
    let bank = Bank::embedded();
    let flags = demo_flags();
    let items = drill(&bank, &flags, Order::AsAsked);
    for flag in &flags {
        let practised: Vec<&str> = items
            .iter()
            .filter(|i| i.flag.as_deref() == Some(flag.id.as_str()) && !i.question.kinds.is_empty())
            .map(|i| i.question.text.as_str())
            .collect();
        assert_eq!(flag.questions, practised, "{}", flag.id);
        assert!(flag.questions.len() >= 2, "{}", flag.id);
    }
    // A bank of the user's own is what detect shows too.
    let mut knowledge = Knowledge::embedded();
    knowledge.bank = Bank::parse(
        r#"(version: 1, questions: [
            (id: "mine", kinds: [visa_plan], text: "Which consulate will you use?"),
        ])"#,
    )
    .unwrap();
    let p = parse_profile(Path::new("demo"), DEMO_PROFILE).unwrap();
    let flags = detect(&p, &knowledge, p.as_of.unwrap());
    let visa = flags.iter().find(|f| f.kind == FlagKind::VisaPlan).unwrap();
    assert_eq!(visa.questions, ["Which consulate will you use?"]);
    let practised = drill(&knowledge.bank, &flags, Order::AsAsked);
    assert_eq!(practised.len(), 1);
    assert_eq!(practised[0].flag.as_deref(), Some("visa_plan"));
}

#[test]
fn the_bank_holds_the_staples_of_a_med_peds_interview() {
    let bank = Bank::embedded();
    let question = |id: &str| {
        bank.questions
            .iter()
            .find(|q| q.id == id)
            .unwrap_or_else(|| panic!("no question {id}"))
    };
    for id in [
        "about_you",
        "why_medpeds",
        "career_goals",
        "categorical_too",
        "two_clinics",
        "why_program",
        "conflict",
        "mistake",
        "hard_family",
        "ecfmg_step3",
    ] {
        let q = question(id);
        assert!(q.general && q.kinds.is_empty(), "{id} is asked of everyone");
    }
    let kinds = |id: &str| question(id).kinds.clone();
    assert_eq!(kinds("visa_j1_steps"), [FlagKind::VisaPlan]);
    assert_eq!(kinds("conduct_references"), [FlagKind::Professionalism]);
    // Two sets of boards: asked after a low score as after a failure.
    assert_eq!(
        kinds("exam_boards"),
        [FlagKind::ExamFailure, FlagKind::LowScore]
    );
    // The staples are about the applicant: no flag's draft answers them.
    let items = drill(&bank, &demo_flags(), Order::AsAsked);
    for item in &items {
        let general = item.question.general;
        assert_eq!(item.flag.is_none(), general, "{}", item.question.id);
    }
    // The questions about difficulties still take the worst flag's draft.
    let first = &demo_flags()[0].id;
    let difficulties = items
        .iter()
        .find(|i| i.question.id == "difficulties")
        .unwrap();
    assert_eq!(difficulties.flag.as_ref(), Some(first));
}

#[test]
fn a_shuffled_drill_holds_the_same_questions_in_a_repeatable_order() {
    let bank = Bank::embedded();
    let flags = demo_flags();
    let plain = drill(&bank, &flags, Order::AsAsked);
    let a = drill(&bank, &flags, Order::Shuffled(42));
    let b = drill(&bank, &flags, Order::Shuffled(42));
    assert_eq!(a, b);
    assert_ne!(a, plain);
    let ids = |v: &[flagdraft::core::practice::Item]| {
        let mut ids: Vec<(String, Option<String>)> = v
            .iter()
            .map(|i| (i.question.id.clone(), i.flag.clone()))
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&a), ids(&plain));
}

fn answer() -> InterviewAnswer {
    InterviewAnswer {
        issue: "I failed USMLE Step 1 in March 2019 after relying on passive rereading.".into(),
        did: "I built a schedule of timed question blocks and met a tutor every Friday.".into(),
        learned: "Planning early and asking for feedback are habits I now use on every rotation."
            .into(),
    }
}

#[test]
fn coverage_sees_each_part_said_in_other_words() {
    let all = coverage(
        "I failed Step 1 in 2019 because I was rereading. Then I did timed blocks with a tutor. \
         Now I plan early and ask for feedback on each rotation.",
        &answer(),
    );
    assert_eq!(
        all,
        Coverage {
            issue: true,
            did: true,
            learned: true
        }
    );
    assert_eq!(all.score(), 3);
    let only_issue = coverage("I failed Step 1 in March 2019.", &answer());
    assert_eq!(
        only_issue,
        Coverage {
            issue: true,
            did: false,
            learned: false
        }
    );
    assert_eq!(coverage("", &answer()).score(), 0);
}

#[test]
fn coverage_falls_back_to_cues_when_the_draft_part_is_empty() {
    let sparse = InterviewAnswer {
        issue: "I repeated the pediatrics clerkship in 2016.".into(),
        did: String::new(),
        learned: String::new(),
    };
    let c = coverage(
        "I repeated pediatrics, then I built a plan, and now I am ready.",
        &sparse,
    );
    assert_eq!(
        c,
        Coverage {
            issue: true,
            did: true,
            learned: true
        }
    );
}

#[test]
fn spoken_time_is_estimated_at_130_to_160_words_a_minute() {
    assert_eq!(spoken_seconds(160), (60, 74));
    assert_eq!(spoken_seconds(195), (74, 90));
    assert_eq!(spoken_seconds(0), (0, 0));
}

#[test]
fn the_trend_scores_recall_by_coverage_and_reading_by_time() {
    let mut h = History::default();
    let at = |seconds, coverage: Option<Coverage>| Attempt {
        question: "q".into(),
        mode: if coverage.is_some() {
            Mode::Recall
        } else {
            Mode::ReadAloud
        },
        date: Stamp(1),
        seconds,
        words: 10,
        coverage,
    };
    h.record(at(30, None));
    h.record(at(75, None));
    h.record(at(
        40,
        Some(Coverage {
            issue: true,
            did: true,
            learned: false,
        }),
    ));
    let t = h.trend("q");
    assert_eq!(t.points, vec![u64::from(timing_score(30)), 3, 2]);
    assert_eq!(t.best, Some(3));
    assert_eq!(t.last, Some(2));
    assert_eq!(h.trend("other").points, Vec::<u64>::new());
}

#[test]
fn the_history_round_trips_privately_and_a_broken_one_is_kept() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let paths = Paths::under(tmp.path());
    assert_eq!(store::load_history(&paths).unwrap(), History::default());
    let mut h = History::default();
    h.record(Attempt {
        question: "gap_walk".into(),
        mode: Mode::Recall,
        date: Stamp(1_795_680_000),
        seconds: 71,
        words: 170,
        coverage: Some(Coverage {
            issue: true,
            did: false,
            learned: true,
        }),
    });
    store::save_history(&paths, &h).unwrap();
    assert_eq!(store::load_history(&paths).unwrap(), h);
    let mode = std::fs::metadata(paths.practice())
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);
    std::fs::write(paths.practice(), "Practice(version: 1, attempts: [").unwrap();
    let err = store::load_history(&paths).unwrap_err().to_string();
    assert!(err.contains("practice.ron:1:"), "{err}");
    assert!(
        store::save_history(&paths, &h).is_err(),
        "a broken history is never written over"
    );
    assert_eq!(
        std::fs::read_to_string(paths.practice()).unwrap(),
        "Practice(version: 1, attempts: ["
    );
}

#[test]
fn key_points_cover_a_long_part_and_a_cue_helps_a_short_recall() {
    let long = InterviewAnswer {
        issue: "I failed USMLE Step 1 in March 2021 after relying on passive rereading.".into(),
        did: "I built a plan of timed blocks each morning and met a tutor weekly. My practice \
              scores rose from 190 to 225 over eight weeks, and I retake Step 1 in January."
            .into(),
        learned: "Planning ahead is how I will keep up with adult and pediatric reading.".into(),
    };
    let said = "I failed Step 1 because I reread passively, so I built a timed plan with a \
                tutor, and now I plan ahead.";
    assert_eq!(
        coverage(said, &long),
        Coverage {
            issue: true,
            did: true,
            learned: true
        }
    );
    // One shared word without the way that part is said is not enough.
    let c = coverage("I failed Step 1. Ahead of me is residency.", &long);
    assert!(!c.learned, "{c:?}");
}
