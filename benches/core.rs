//! Speed of the pure core: the coach on a 1,000-word draft and on 1,000 words of the
//! corpus, detection on a large profile, and assembly. Run with `cargo bench --bench core`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use flagdraft::core::assemble::{Output, assemble};
use flagdraft::core::coach::facts::Known;
use flagdraft::core::coach::{Coach, TextContext};
use flagdraft::core::detect::{Knowledge, detect};
use flagdraft::core::draft::Draft;
use flagdraft::core::eras::ErasFields;
use flagdraft::core::prefill::Facts;
use flagdraft::core::profile::{Activity, ActivityKind, Area};
use flagdraft::core::stamp::Stamp;
use flagdraft::core::template::Templates;
use flagdraft::store::{DEMO_PROFILE, parse_profile};

/// About 1,000 words of draft-like prose, with a few things for the coach to find.
pub fn thousand_words() -> String {
    let sentences = [
        "I failed USMLE Step 1 in March 2019 because I relied on rereading notes.",
        "I rebuilt my preparation around timed question blocks and a weekly tutor meeting.",
        "I passed in September 2019, and my clinical evaluations since have been strong.",
        "The exam felt unfair at the time, and I was devastated for a few weeks.",
        "Working with adults and children in a community clinic taught me to plan ahead.",
        "That habit of planning is what I will bring to combined training in Med-Peds.",
        "From July 2020 to December 2021 I completed my immigration process.",
        "I volunteered at a health fair and finished online modules in pediatrics.",
    ];
    let mut text = String::new();
    let mut words = 0;
    let mut i = 0;
    while words < 1_000 {
        let s = sentences[i % sentences.len()];
        words += s.split_whitespace().count();
        text.push_str(s);
        text.push(if i % 6 == 5 { '\n' } else { ' ' });
        i += 1;
    }
    text
}

fn coach(c: &mut Criterion) {
    let coach = Coach::embedded();
    let text = thousand_words();
    let ctx = TextContext {
        output: Some(Output::Eras),
        limit: Some(("Additional Information", 510)),
        kind: None,
    };
    c.bench_function("coach: check 1,000 words", |b| {
        b.iter(|| {
            coach.forget_scans();
            coach.check_text(black_box(&text), ctx)
        })
    });
}

/// The first 1,000 words of the good corpus (`tests/corpus/good`): its texts in name
/// order, each as one paragraph, a blank line between them, the last one cut so the
/// count is exact. `bench/run.py` gives `flagdraft check` the same text.
pub fn corpus_thousand_words() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/good");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let mut paragraphs = Vec::new();
    let mut left = 1_000;
    for name in names {
        if left == 0 {
            break;
        }
        let text = std::fs::read_to_string(&name).unwrap();
        let words: Vec<&str> = text.split_whitespace().take(left).collect();
        left -= words.len();
        paragraphs.push(words.join(" "));
    }
    assert_eq!(left, 0, "the good corpus holds fewer than 1,000 words");
    paragraphs.join("\n\n") + "\n"
}

/// The coach with no context (no output, no field limit) on 1,000 words of the
/// corpus: the work of `flagdraft check` once the text is read.
fn coach_1000_words(c: &mut Criterion) {
    let coach = Coach::embedded();
    let text = corpus_thousand_words();
    // Cold: every sentence read afresh, as `flagdraft check` reads a file.
    c.bench_function("coach 1000 words", |b| {
        b.iter(|| {
            coach.forget_scans();
            coach.check_text(black_box(&text), TextContext::default())
        })
    });
    // Warm: the same text again, as the app checks a draft after each pause in typing.
    c.bench_function("coach 1000 words, checked again", |b| {
        b.iter(|| coach.check_text(black_box(&text), TextContext::default()))
    });
}

fn draft_fixture() -> (Draft, Templates, ErasFields, Known) {
    let profile = parse_profile(Path::new("demo"), DEMO_PROFILE).unwrap();
    let knowledge = Knowledge::embedded();
    let today = profile.as_of.unwrap();
    let flags = detect(&profile, &knowledge, today);
    let flag = flags.iter().find(|f| f.id == "exam_failure:step1").unwrap();
    let facts = Facts {
        profile: &profile,
        rules: &knowledge.rules,
        today,
    };
    let mut draft = Draft::new(flag, facts, Stamp(0));
    let text = thousand_words();
    for key in ["reason", "actions", "link"] {
        draft.set_part(key, text.clone(), Stamp(1));
    }
    let known = Known::new(&profile, today);
    (draft, Templates::embedded(), ErasFields::embedded(), known)
}

fn draft_checks(c: &mut Criterion) {
    let coach = Coach::embedded();
    let (draft, templates, fields, known) = draft_fixture();
    let template = templates.get(draft.kind.family()).unwrap();
    c.bench_function("coach: check a 3,000-word draft with the profile", |b| {
        b.iter(|| {
            coach.forget_scans();
            coach.check_draft(black_box(&draft), template, &fields, Some(&known))
        })
    });
    // After a pause in typing one part has changed; the others are remembered.
    let mut edited = draft.clone();
    let mut round = 0u64;
    c.bench_function(
        "coach: check that draft again after an edit to one part",
        |b| {
            b.iter(|| {
                round += 1;
                let reason = format!("{} {round}", draft.part("reason"));
                edited.set_part("reason", reason, Stamp(round));
                coach.check_draft(black_box(&edited), template, &fields, Some(&known))
            })
        },
    );
    c.bench_function("assemble: ERAS text of that draft", |b| {
        b.iter(|| assemble(black_box(&draft), template, Output::Eras))
    });
}

fn detection(c: &mut Criterion) {
    let mut profile = parse_profile(Path::new("demo"), DEMO_PROFILE).unwrap();
    let start = profile.graduation;
    profile.activities = (0..200)
        .map(|i| Activity {
            kind: if i % 3 == 0 {
                ActivityKind::Clinical
            } else {
                ActivityKind::Research
            },
            title: format!("Activity {i}"),
            start: start.plus(i * 2),
            end: Some(start.plus(i * 2 + 1)),
            us: i % 4 == 0,
            hands_on: i % 2 == 0,
            area: Area::Pediatrics,
        })
        .collect();
    let knowledge = Knowledge::embedded();
    let today = start.plus(420);
    c.bench_function("detect: profile with 200 activities", |b| {
        b.iter(|| detect(black_box(&profile), &knowledge, today))
    });
}

/// Spelling: the coach with the dictionary on the same 1,000 words, read afresh each
/// time and again as the app checks a draft after a pause, and loading the dictionary.
fn spelling(c: &mut Criterion) {
    let speller = std::sync::Arc::new(flagdraft::core::spell::Speller::embedded().unwrap());
    let coach = Coach::embedded().with_speller(speller);
    let text = corpus_thousand_words();
    let ctx = TextContext {
        output: Some(Output::Eras),
        limit: Some(("Additional Information", 510)),
        kind: None,
    };
    c.bench_function("coach+spelling 1000 words", |b| {
        b.iter(|| {
            coach.forget_scans();
            coach.check_text(black_box(&text), ctx)
        })
    });
    c.bench_function("coach+spelling 1000 words, checked again", |b| {
        b.iter(|| coach.check_text(black_box(&text), ctx))
    });
    c.bench_function("spelling: dictionary load", |b| {
        b.iter(flagdraft::core::spell::Speller::embedded)
    });
}

criterion_group!(
    benches,
    coach,
    coach_1000_words,
    draft_checks,
    detection,
    spelling
);
criterion_main!(benches);
