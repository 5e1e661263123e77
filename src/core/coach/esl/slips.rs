//! Two slips of the pen: a word written twice ("the the") and "could of" for "could
//! have".

use super::Ctx;

const MODALS: &[&str] = &[
    "could",
    "would",
    "should",
    "must",
    "might",
    "couldn't",
    "wouldn't",
    "shouldn't",
    "mustn't",
];

/// "could of" is never right unless "of" starts a phrase of its own ("could, of
/// course", "must of necessity").
const OF_PHRASES: &[&str] = &["course", "necessity", "all", "which", "whom"];

pub(super) fn check(cx: &mut Ctx) {
    if cx.on("could_of") {
        could_of(cx);
    }
    if cx.on("doubled_word") {
        doubled(cx);
    }
}

fn could_of(cx: &mut Ctx) {
    for i in 1..cx.len() {
        if cx.lower(i) != "of" || !cx.joined(i) || !MODALS.contains(&cx.lower(i - 1)) {
            continue;
        }
        if !cx.joined(i + 1) || OF_PHRASES.contains(&cx.lower(i + 1)) {
            continue;
        }
        let fix = format!("{} have", cx.word(i - 1));
        cx.emit("could_of", cx.start(i - 1), cx.end(i), vec![fix]);
    }
}

fn doubled(cx: &mut Ctx) {
    for i in 1..cx.len() {
        if !cx.joined(i) || cx.lower(i) != cx.lower(i - 1) {
            continue;
        }
        let w = cx.toks[i].w;
        if w.is_number() || !w.text.chars().any(char::is_alphabetic) {
            continue;
        }
        if cx.idx.doubles.contains(cx.lower(i)) {
            continue;
        }
        let s = cx.sentence_start(i);
        let after_what =
            (s.max(i.saturating_sub(5))..i - 1).any(|k| matches!(cx.lower(k), "what" | "all"));
        if after_what && cx.idx.doubles_after_what.contains(cx.lower(i)) {
            continue;
        }
        // "Walla Walla", "Baden Baden": a name, not a slip.
        if w.is_capitalised() && !cx.toks[i - 1].first {
            continue;
        }
        let keep = cx.word(i - 1).to_string();
        cx.emit("doubled_word", cx.start(i - 1), cx.end(i), vec![keep]);
    }
}
