//! Pronoun slips: "me and my team" as a subject, and "its" for "it's" or the reverse.

use super::{Ctx, same_case, verbs};

/// Words after which "me and ..." starts a clause, so "me" is its subject: a time
/// ("Last year me and ..."), a conjunction ("when me and ...").
const OPENERS: &[&str] = &[
    "then",
    "later",
    "together",
    "recently",
    "today",
    "yesterday",
    "eventually",
    "finally",
    "initially",
    "so",
    "when",
    "while",
    "because",
    "after",
    "before",
    "since",
    "until",
    "once",
    "that",
    "year",
    "month",
    "week",
    "summer",
    "spring",
    "fall",
    "autumn",
    "winter",
    "semester",
    "day",
    "night",
    "morning",
    "evening",
    "afternoon",
    "time",
];

/// Words that show a verb has begun after "me and my team".
const VERB_WORDS: &[&str] = &[
    "were",
    "are",
    "have",
    "had",
    "will",
    "would",
    "could",
    "can",
    "should",
    "both",
    "also",
    "often",
    "always",
    "together",
    "each",
    "regularly",
    "then",
    "later",
    "jointly",
    "did",
];

/// Words that open a noun phrase: "me and the charge nurse".
const OPENS_PHRASE: &[&str] = &[
    "my", "our", "the", "a", "an", "his", "her", "their", "your", "two", "three", "both", "other",
    "fellow", "several", "some", "all",
];

fn verb_like(cx: &Ctx, k: usize) -> bool {
    let l = cx.lower(k);
    VERB_WORDS.contains(&l) || verbs::is_past(l, cx.idx)
}

pub(super) fn check(cx: &mut Ctx) {
    if cx.on("me_and") {
        for i in 0..cx.len() {
            if cx.lower(i) != "me" {
                continue;
            }
            if cx.lower(i + 1) == "and" && cx.joined(i + 1) {
                me_and(cx, i);
            } else if i > 0 && cx.lower(i - 1) == "and" && cx.joined(i) {
                and_me(cx, i);
            }
        }
    }
    if cx.on("its_its") {
        for i in 0..cx.len() {
            match cx.lower(i) {
                "it's" => it_is_for_its(cx, i),
                "its" => its_for_it_is(cx, i),
                _ => {}
            }
        }
    }
}

/// "Me and my co-resident designed ..." -> "My co-resident and I designed ...".
fn me_and(cx: &mut Ctx, i: usize) {
    let subject_place = cx.clause_start(i)
        || (i > 0
            && cx.joined(i)
            && (OPENERS.contains(&cx.lower(i - 1)) || cx.toks[i - 1].w.is_number()));
    if !subject_place {
        return;
    }
    // The phrase after "and" runs to the verb; an -ed word right after "my" describes
    // ("my dedicated team") rather than acts.
    let from = i + 2;
    let mut k = from;
    let mut verb = None;
    while k < cx.len() && k <= from + 5 && cx.linked(k) {
        let opener = k > from && OPENS_PHRASE.contains(&cx.lower(k - 1));
        if k > from && verb_like(cx, k) && !opener {
            verb = Some(k);
            break;
        }
        k += 1;
    }
    let Some(v) = verb else { return };
    let phrase = cx.text.get(cx.start(from)..cx.end(v - 1)).unwrap_or("");
    if phrase.is_empty() {
        return;
    }
    let fix = if cx.toks[i].first {
        same_case("M", &format!("{phrase} and I"))
    } else {
        format!("{phrase} and I")
    };
    cx.emit("me_and", cx.start(i), cx.end(v - 1), vec![fix]);
}

/// "My supervisor and me met ..." -> "My supervisor and I met ...".
fn and_me(cx: &mut Ctx, i: usize) {
    let s = cx.sentence_start(i);
    let before = (i - 1).saturating_sub(s);
    if !(1..=3).contains(&before) || !cx.toks[s].w.is_capitalised() {
        return;
    }
    for k in s..i - 1 {
        if (k > s && !cx.linked(k)) || verb_like(cx, k) {
            return;
        }
    }
    if !(cx.joined(i + 1) && verb_like(cx, i + 1)) {
        return;
    }
    cx.emit("me_and", cx.start(i), cx.end(i), vec!["I".to_string()]);
}

/// "it's" where "its" belongs: "it's own", "of it's services", "had it's challenges".
fn it_is_for_its(cx: &mut Ctx, i: usize) {
    if !cx.joined(i + 1) {
        return;
    }
    let before_possessive = i > 0
        && cx.joined(i)
        && (cx.idx.possessive_after.contains(cx.lower(i - 1))
            || cx
                .idx
                .possessive_verbs
                .contains(cx.toks[i - 1].w.stem.as_str()));
    if cx.lower(i + 1) == "own" || before_possessive {
        let fix = same_case(cx.word(i), "its");
        cx.emit("its_its", cx.start(i), cx.end(i), vec![fix]);
    }
}

/// Words after "its clear" that show a clause, not a noun: "its clear to me".
const CLAUSE_AFTER: &[&str] = &[
    "to", "that", "for", "when", "how", "why", "because", "me", "us", "him", "them", "if",
    "whether", "not", "enough", "what", "it",
];

/// "its" where "it's" belongs: "its been", "its also", "its clear that".
fn its_for_it_is(cx: &mut Ctx, i: usize) {
    let mut j = i + 1;
    if !cx.joined(j) {
        return;
    }
    // An adverb first ("its really hard to") says nothing yet: read past it.
    while j < i + 3 && cx.idx.its_adverbs.contains(cx.lower(j)) && cx.joined(j + 1) {
        j += 1;
    }
    if cx.idx.its_adverbs.contains(cx.lower(j)) || cx.gap(j + 1).starts_with('-') {
        return;
    }
    let next = cx.lower(j);
    let clause_follows = cx.last(j)
        || cx
            .gap(j + 1)
            .trim_start()
            .starts_with(['.', '!', '?', ';', ':'])
        || (cx.joined(j + 1) && CLAUSE_AFTER.contains(&cx.lower(j + 1)));
    let it_is = cx.idx.its_then_it_is.contains(next)
        || (cx.idx.its_predicates.contains(next) && clause_follows);
    if it_is {
        let fix = same_case(cx.word(i), &format!("it{}s", cx.apostrophe()));
        cx.emit("its_its", cx.start(i), cx.end(i), vec![fix]);
    }
}
