use std::sync::LazyLock;

use super::*;
use crate::core::coach::TextContext;

/// Loaded once: the dictionary takes a while in a debug build.
static SPELLER: LazyLock<Arc<Speller>> =
    LazyLock::new(|| Arc::new(Speller::embedded().expect("the shipped dictionary loads")));

fn coach() -> Coach {
    Coach::embedded().with_speller(Arc::clone(&SPELLER))
}

fn spelling(coach: &Coach, text: &str) -> Vec<Finding> {
    coach
        .check_text(text, TextContext::default())
        .into_iter()
        .filter(|f| RULES.contains(&f.rule.as_str()))
        .collect()
}

fn marked(coach: &Coach, text: &str) -> Vec<String> {
    spelling(coach, text)
        .into_iter()
        .map(|f| f.excerpt)
        .collect()
}

#[test]
fn a_typo_is_found_with_its_suggestion() {
    let text = "I recieved strong evaluations during my clerkhsip.";
    let found = spelling(&coach(), text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].rule, "spelling");
    assert_eq!(found[0].excerpt, "recieved");
    assert_eq!(&text[found[0].start..found[0].end], "recieved");
    assert_eq!(
        found[0].suggestions.first().map(String::as_str),
        Some("received")
    );
    assert_eq!(found[1].excerpt, "clerkhsip");
    assert_eq!(
        found[1].suggestions.first().map(String::as_str),
        Some("clerkship")
    );
    assert!(found.iter().all(|f| f.suggestions.len() <= 5));
}

#[test]
fn a_typo_starting_a_sentence_is_found_in_its_case() {
    let found = spelling(&coach(), "Definately, I learned from it.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].suggestions[0], "Definitely");
}

#[test]
fn medical_and_application_words_are_accepted() {
    let text = "During my sub-internship and externship I presented at morning report, \
        managed bronchiolitis and hyperkalemia on telemetry, gave albuterol and \
        ceftriaxone, and joined Med-Peds handoffs with the hospitalists and \
        intensivists. My observership in peds taught me interprofessional care for \
        patients with comorbidities; my preceptor praised my precepting of students.";
    assert_eq!(marked(&coach(), text), Vec::<String>::new());
}

#[test]
fn acronyms_numbers_and_addresses_are_skipped() {
    let text = "I passed USMLE Step 2 CK in 2021 as a PGY-1 on an H-1B, the 3rd try, \
        scoring 2xx; see www.exmaple.org or write to nadia.rahme@exmaple.com. \
        MyERAS and UWorld helped, as did the NICU and PICU teams in 20XX.";
    assert_eq!(marked(&coach(), text), Vec::<String>::new());
}

#[test]
fn possessives_contractions_and_prefixes_are_read_as_written() {
    let text = "The program's pre-med students didn't know my attending's co-residents \
        weren't non-clinical; it's a self-directed, post-call habit.";
    assert_eq!(marked(&coach(), text), Vec::<String>::new());
}

#[test]
fn a_name_inside_a_sentence_is_left_alone_but_a_slip_is_not() {
    let c = coach();
    assert_eq!(
        marked(
            &c,
            "I trained at Qasr Alainy Hospital in Tanta before my move."
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        marked(&c, "My rotation in Pediatircs was the turning point."),
        ["Pediatircs"]
    );
    // The same name starting a sentence, once the text shows it is a name.
    assert_eq!(
        marked(
            &c,
            "I worked in Tanta for a year. Tanta taught me patience."
        ),
        Vec::<String>::new()
    );
}

#[test]
fn the_profile_s_words_are_accepted() {
    let mut profile: Profile =
        crate::core::ron_text::from_str(include_str!("../../../assets/demo-profile.ron")).unwrap();
    profile.activities[0].title = "Rotating internship, Medicaide General Hospital".into();
    let words = profile_words(&profile);
    for w in [
        "Nadia",
        "Rahmé",
        "Arabic",
        "Medicaide",
        "General",
        "Med",
        "Peds",
    ] {
        assert!(words.iter().any(|x| x == w), "{w}: {words:?}");
    }
    assert!(!words.iter().any(|x| x == "clinic"), "{words:?}");
    let text = "Medicaide General taught me to plan. At Medicaide's clinics I learned.";
    assert_eq!(marked(&coach(), text), ["Medicaide"; 2]);
    let c = Coach::embedded().with_speller(Arc::new(SPELLER.with_own_words(&words)));
    assert_eq!(marked(&c, text), Vec::<String>::new());
}

#[test]
fn british_spelling_is_marked_with_the_american_form() {
    let text = "My favourite paediatrics programme in the centre of town organised \
        counselling for the colour-blind, and I travelled there.";
    let found = spelling(&coach(), text);
    let got: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|f| {
            (
                f.rule.as_str(),
                f.excerpt.as_str(),
                f.suggestions[0].as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("british_spelling", "favourite", "favorite"),
            ("british_spelling", "paediatrics", "pediatrics"),
            ("british_spelling", "programme", "program"),
            ("british_spelling", "centre", "center"),
            ("british_spelling", "organised", "organized"),
            ("british_spelling", "counselling", "counseling"),
            ("british_spelling", "colour", "color"),
            ("british_spelling", "travelled", "traveled"),
        ]
    );
    assert!(found.iter().all(|f| f.suggestions.len() == 1));
    let capital = spelling(&coach(), "Paediatrics drew me in.");
    assert_eq!(capital[0].suggestions, ["Pediatrics"]);
}

#[test]
fn a_user_word_is_accepted() {
    let text = "I ran the prehab group. Prehab helped.";
    assert_eq!(marked(&coach(), text), ["prehab", "Prehab"]);
    let own = SPELLER.with_own_words(list_words("# mine\nprehab\n"));
    let c = Coach::embedded().with_speller(Arc::new(own));
    assert_eq!(marked(&c, text), Vec::<String>::new());
}

#[test]
fn switched_off_rules_find_nothing() {
    let mut set = crate::core::coach::rules::RuleSet::embedded();
    set.patch(r#"(rules: [(id: "spelling", enabled: Some(false))])"#)
        .unwrap();
    let c = Coach::new(set).with_speller(Arc::clone(&SPELLER));
    let found = spelling(&c, "I recieved my colour.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].rule, "british_spelling");
}

#[test]
fn no_speller_no_spelling() {
    assert!(spelling(&Coach::embedded(), "I recieved it.").is_empty());
}

#[test]
fn a_word_list_keeps_its_notes_and_takes_a_word_once() {
    let first = add_to_list("", "Tanta").unwrap();
    assert!(first.starts_with(LIST_HEADER), "{first}");
    assert!(first.ends_with("\nTanta\n"), "{first}");
    assert_eq!(add_to_list(&first, "tanta"), None);
    let second = add_to_list("# mine\nAlainy", "Qasr").unwrap();
    assert_eq!(second, "# mine\nAlainy\nQasr\n");
    assert_eq!(list_words(&second), ["Alainy", "Qasr"]);
    assert_eq!(add_to_list("", "  "), None);
}

#[test]
fn every_medical_word_is_one_the_dictionary_lacks() {
    let bare = Dictionary::new(AFF, DIC).unwrap();
    let mut seen = HashSet::new();
    for (line, word) in list_lines(MEDICAL) {
        assert!(
            !bare.check(word),
            "line {line}: {word} is in the dictionary"
        );
        assert!(seen.insert(word), "line {line}: {word} twice");
        assert!(!word.contains('/'), "line {line}: {word}");
        assert!(SPELLER.knows(word), "line {line}: {word}");
    }
    assert!(seen.len() > 500, "{}", seen.len());
}

#[test]
fn the_word_at_the_cursor() {
    let text = "At Benha's clinic, 2019.";
    assert_eq!(word_at(text, 3), Some("Benha"));
    assert_eq!(word_at(text, 6), Some("Benha"));
    assert_eq!(word_at(text, 10), Some("Benha"));
    assert_eq!(word_at(text, 2), Some("At"));
    assert_eq!(word_at(text, 20), None);
    assert_eq!(word_at("", 0), None);
}

#[test]
fn regular_forms_of_known_words_are_words_and_wrong_plurals_are_not() {
    let text = "We stocked antimicrobials and formularies, saw bradycardic and acidotic \
        infants, and asked the nephrologists and physiatrists.";
    assert_eq!(marked(&coach(), text), Vec::<String>::new());
    // "informations" is a real word made plural, which the second-language rule for
    // uncountable nouns explains; spelling leaves it to that rule.
    assert_eq!(
        marked(&coach(), "The informations and researchs were useful."),
        ["researchs"]
    );
    let all = coach().check_text(
        "The informations and researchs were useful.",
        Default::default(),
    );
    assert!(
        all.iter()
            .any(|f| f.rule == "uncountable" && f.excerpt.contains("informations")),
        "{all:?}"
    );
}

#[test]
fn a_lower_case_word_near_only_a_name_is_left_alone() {
    // Near only a name ("Behan"), which says nothing of a slip.
    assert_eq!(
        marked(&coach(), "I trained in benha for a year."),
        Vec::<String>::new()
    );
    assert_eq!(
        marked(&coach(), "I studied in the carribean."),
        ["carribean"]
    );
}
