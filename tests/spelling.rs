//! Spelling, measured and driven: false findings on medical application prose written
//! blind to the word lists, typos seeded into a good text, the app taking the
//! dictionary in after its first frame and adding a word to the user's list, and
//! `flagdraft check --json` with suggestions.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fs;
use std::sync::{Arc, LazyLock};

use common::demo::to_step1;
use common::harness::Harness;
use common::home::{Home, stderr, stdout};
use flagdraft::core::coach::{Coach, Finding, TextContext};
use flagdraft::core::spell::{RULES, Speller};
use flagdraft::store::words;
use flagdraft::tui::msg::Msg;

static SPELLER: LazyLock<Arc<Speller>> =
    LazyLock::new(|| Arc::new(Speller::embedded().expect("the shipped dictionary loads")));

fn spelling(text: &str) -> Vec<Finding> {
    Coach::embedded()
        .with_speller(Arc::clone(&SPELLER))
        .check_text(text, TextContext::default())
        .into_iter()
        .filter(|f| RULES.contains(&f.rule.as_str()))
        .collect()
}

/// At most one false spelling finding per 500 words of correctly spelled medical
/// application prose. The corpus was written by someone who never saw the word lists;
/// no word of it was copied into them.
#[test]
fn medical_prose_gets_at_most_one_false_finding_per_500_words() {
    let text = fs::read_to_string("tests/corpus/blind/medical.txt").unwrap();
    let words = text.split_whitespace().count();
    assert!(words >= 1_500, "{words}");
    let found = spelling(&text);
    let allowed = words / 500;
    // Findings name only their position: the corpus is read, not quoted.
    let at: Vec<(usize, &str)> = found.iter().map(|f| (f.start, f.rule.as_str())).collect();
    assert!(
        found.len() <= allowed,
        "{} false findings in {words} words (at most {allowed}): {at:?}",
        found.len()
    );
}

/// A good explanation, spelled right; the typos below are seeded into it.
const GOOD: &str = "I received my Step 1 result in March 2021: I had not passed. \
    I took responsibility for it and met my advisor the same week. During my pediatrics \
    clerkship I had relied on rereading notes; I definitely needed timed practice. \
    I committed to a separate study plan with question blocks every morning, and what \
    occurred next was steady progress. I passed in September 2021, and my internal \
    medicine evaluations since then describe me as prepared and reliable.";

#[test]
fn a_good_text_has_no_spelling_findings_and_each_seeded_typo_is_found() {
    assert_eq!(spelling(GOOD), Vec::new());
    let seeded = [
        ("received", "recieved"),
        ("responsibility", "resposibility"),
        ("clerkship", "clerkhsip"),
        ("definitely", "definately"),
        ("committed", "comitted"),
        ("separate", "seperate"),
        ("occurred", "occured"),
    ];
    let mut text = GOOD.to_string();
    for (right, wrong) in seeded {
        assert_eq!(text.matches(right).count(), 1, "{right}");
        text = text.replacen(right, wrong, 1);
    }
    let found = spelling(&text);
    assert_eq!(found.len(), seeded.len(), "{found:?}");
    for (right, wrong) in seeded {
        let f = found
            .iter()
            .find(|f| f.excerpt == wrong)
            .unwrap_or_else(|| panic!("{wrong} not found: {found:?}"));
        assert_eq!(f.rule, "spelling");
        assert_eq!(&text[f.start..f.end], wrong);
        assert!(
            f.suggestions.iter().take(2).any(|s| s == right),
            "{wrong}: {:?}",
            f.suggestions
        );
    }
}

/// Load the dictionary as the loop would after the first frame: it was asked for on
/// the first tick; the test takes it in when it is ready.
fn spelling_arrives(h: &mut Harness) {
    assert!(!h.app.spelling_ready(), "not before it is asked for");
    let msg =
        h.rt.finish_background()
            .expect("asked for after the first frame");
    assert!(matches!(msg, Msg::SpellingReady(_)), "{msg:?}");
    h.msg(msg);
    assert!(h.app.spelling_ready());
}

fn spelling_findings(h: &Harness) -> Vec<Finding> {
    h.app
        .draft
        .as_ref()
        .unwrap()
        .report
        .findings
        .iter()
        .filter(|f| RULES.contains(&f.rule.as_str()))
        .cloned()
        .collect()
}

#[test]
fn a_misspelling_shows_once_the_dictionary_loads_and_the_add_key_accepts_the_word() {
    let mut h = Harness::demo_loaded();
    assert!(
        h.rt.finish_background().is_none(),
        "nothing loads before the first frame"
    );
    assert_eq!(h.app.next_wake_ms(), Some(0), "the loop wakes after it");
    h.idle(0);
    h.feed(&format!(
        "{}<enter><enter>At Benha I recieved a warning.",
        to_step1()
    ));
    assert_eq!(
        spelling_findings(&h),
        Vec::new(),
        "no spelling before it loads"
    );
    spelling_arrives(&mut h);
    let found = spelling_findings(&h);
    let excerpts: Vec<&str> = found.iter().map(|f| f.excerpt.as_str()).collect();
    assert_eq!(excerpts, ["recieved"]);
    let screen = h.screen_text(100, 30);
    assert!(screen.contains("“recieved”"), "{screen}");
    assert!(screen.contains("Did you mean: received"), "{screen}");
    let ws = h.app.ws.as_ref().unwrap();
    assert!(
        !ws.draft("exam_failure:step1")
            .unwrap()
            .part("reason")
            .contains("received"),
        "a suggestion is never applied by itself"
    );

    // The cursor on a word in the editor, F7 adds it (here a name the writer means).
    h.feed("<home><right><right><right><right><f7>");
    let list = fs::read_to_string(words::path(&h.paths)).unwrap();
    assert_eq!(words::load(&h.paths).unwrap(), ["Benha"], "{list}");
    let note = h.app.note.clone().unwrap().0;
    assert!(note.contains("“Benha” is in your word list"), "{note}");

    // In the coach's list, + adds the chosen misspelling, and the finding goes.
    h.feed("<home><ctrl-g>");
    let chosen = h
        .app
        .draft
        .as_ref()
        .unwrap()
        .current_finding(h.app.ws.as_ref().unwrap())
        .unwrap()
        .clone();
    assert_eq!(chosen.rule, "spelling");
    let screen = h.screen_text(100, 30);
    assert!(screen.contains("adds it; F7 while writing"), "{screen}");
    h.feed("+");
    assert_eq!(words::load(&h.paths).unwrap(), ["Benha", "recieved"]);
    assert_eq!(spelling_findings(&h), Vec::new());
    let screen = h.screen_text(100, 30);
    assert!(!screen.contains("Spelling: “recieved”"), "{screen}");
    assert!(
        screen.contains("“recieved” is in your word list"),
        "{screen}"
    );
    let mode = {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(words::path(&h.paths))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode, 0o600);
}

#[test]
fn a_word_list_that_does_not_read_is_reported_and_kept() {
    let mut h = Harness::demo();
    fs::create_dir_all(&h.paths.config).unwrap();
    let path = words::path(&h.paths);
    fs::write(&path, b"Benha\n\xff\n").unwrap();
    spelling_arrives(&mut h);
    let note = h.app.note.clone().unwrap().0;
    assert!(note.contains("Your word list was not read"), "{note}");
    h.feed(&format!(
        "{}<enter><enter>I recieved it.<left><left><left><left><f7>",
        to_step1()
    ));
    let note = h.app.note.clone().unwrap().0;
    assert!(note.starts_with("Not added to your word list"), "{note}");
    assert_eq!(fs::read(&path).unwrap(), b"Benha\n\xff\n");
}

#[test]
fn check_json_gives_suggestions_and_accepts_the_word_list() {
    let home = Home::demo();
    let text = home.root.join("text.txt");
    fs::write(
        &text,
        "I recieved my colour award at Benha. Rahmé was there.\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["check", text.to_str().unwrap()];
        all.extend(args);
        home.run(&all)
    };
    let out = run(&["--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let findings = json.as_array().unwrap();
    let spelling: Vec<(&str, &str, Vec<&str>)> = findings
        .iter()
        .filter(|f| RULES.contains(&f["rule"].as_str().unwrap()))
        .map(|f| {
            (
                f["rule"].as_str().unwrap(),
                f["excerpt"].as_str().unwrap(),
                f["suggestions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(spelling.len(), 2, "{spelling:?}");
    assert_eq!(spelling[0].0, "spelling");
    assert_eq!(spelling[0].1, "recieved");
    assert_eq!(spelling[0].2.first(), Some(&"received"));
    assert_eq!(
        spelling[1],
        ("british_spelling", "colour", vec!["color"]),
        "{spelling:?}"
    );
    let plain = stdout(&run(&[]));
    assert!(plain.contains("did you mean: received"), "{plain}");
    let off = stdout(&run(&["--json", "--no-spelling"]));
    assert!(!off.contains("recieved"), "{off}");
    // A word in the list is accepted.
    fs::create_dir_all(home.paths().config).unwrap();
    fs::write(words::path(&home.paths()), "recieved\n").unwrap();
    let listed = stdout(&run(&["--json"]));
    assert!(!listed.contains("\"recieved\""), "{listed}");
}

#[test]
fn a_word_still_being_typed_is_not_called_a_misspelling() {
    let mut h = Harness::demo();
    spelling_arrives(&mut h);
    h.feed(&format!("{}<enter><enter>I recieved", to_step1()));
    assert_eq!(
        spelling_findings(&h),
        Vec::new(),
        "the cursor is still on it"
    );
    h.feed(" it.");
    let found = spelling_findings(&h);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].excerpt, "recieved");
}

#[test]
fn a_word_a_second_language_rule_explains_is_not_also_a_misspelling() {
    let found = spelling("My supervisor gave me many feedbacks on my notes.");
    assert!(found.iter().all(|f| f.excerpt != "feedbacks"), "{found:?}");
    let all = Coach::embedded()
        .with_speller(Arc::clone(&SPELLER))
        .check_text(
            "My supervisor gave me many feedbacks on my notes.",
            TextContext::default(),
        );
    assert!(
        all.iter()
            .any(|f| f.rule == "uncountable" && f.excerpt.ends_with("feedbacks"))
    );
    assert!(!all.iter().any(|f| f.rule == "spelling"), "{all:?}");
}
