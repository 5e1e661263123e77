//! Prepositions after common words: "discussed about", "responsible of", "depend of",
//! "explained me", "graduated medical school", each matched on the word's stem.

use super::{Ctx, Forms, Pair};

const BE: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "am"];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "my", "our", "his", "her", "their", "your", "this", "that", "its",
];

/// Words that end the phrase after a preposition: the search for an object stops there.
const PHRASE_ENDS: &[&str] = &[
    "of", "in", "on", "at", "to", "for", "with", "from", "by", "about", "during", "after",
    "before", "and", "or", "but", "because", "when", "while", "that", "which", "who", "as",
];

/// Whether word `i` is a form of `pair.word` the pair counts.
fn form(cx: &Ctx, i: usize, pair: &Pair) -> bool {
    let lower = cx.lower(i);
    let inflected = lower.ends_with("ed") || lower.ends_with("ing");
    match pair.forms {
        Forms::Exact => lower == pair.word,
        Forms::Inflected => inflected,
        Forms::All => {
            lower == pair.word
                || inflected
                || (lower.ends_with('s') && lower.len() <= pair.word.len() + 2)
        }
    }
}

/// Whether one of `objects` follows word `j` before the phrase ends.
fn object_follows(cx: &Ctx, j: usize, objects: &[String]) -> bool {
    let mut k = j + 1;
    while k < cx.len() && k <= j + 6 && cx.linked(k) {
        let l = cx.lower(k);
        if objects.iter().any(|o| o == l) {
            return true;
        }
        if PHRASE_ENDS.contains(&l) {
            return false;
        }
        k += 1;
    }
    false
}

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mondays",
    "tuesdays",
    "wednesdays",
    "thursdays",
    "fridays",
    "saturdays",
    "sundays",
];

const UNITS: &[&str] = &["years", "months", "weeks", "days", "year", "month", "week"];

const COUNTS: &[&str] = &[
    "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several",
    "few", "many", "eleven", "twelve",
];

fn is_year(cx: &Ctx, k: usize) -> bool {
    let w = cx.word(k);
    w.len() == 4
        && cx.toks.get(k).is_some_and(|t| t.w.is_number())
        && (w.starts_with("19") || w.starts_with("20"))
}

/// Whether the phrase ends after word `k`: the sentence ends, punctuation follows, or a
/// word that cannot carry it on ("on 2019 data" goes on).
fn phrase_ends(cx: &Ctx, k: usize) -> bool {
    cx.last(k)
        || !cx.gap(k + 1).trim().is_empty()
        || matches!(
            cx.lower(k + 1),
            "and"
                | "i"
                | "we"
                | "when"
                | "after"
                | "before"
                | "while"
                | "because"
                | "but"
                | "as"
                | "my"
                | "our"
                | "the"
        )
}

/// Prepositions before a time: "on 2019" and "at 2019" (in), "in Monday" (on), "during
/// two years" (for).
fn times(cx: &mut Ctx) {
    for i in 0..cx.len().saturating_sub(1) {
        let k = i + 1;
        if !cx.joined(k) || cx.word(i) != cx.lower(i) {
            continue;
        }
        let fix = match cx.lower(i) {
            "on" | "at" if is_year(cx, k) && phrase_ends(cx, k) => "in",
            "on" | "at"
                if cx.idx.months.contains(cx.lower(k))
                    && cx.toks[k].w.is_capitalised()
                    && cx.joined(k + 1)
                    && is_year(cx, k + 1)
                    && phrase_ends(cx, k + 1) =>
            {
                "in"
            }
            "in" if WEEKDAYS.contains(&cx.lower(k)) && cx.toks[k].w.is_capitalised() => "on",
            "during"
                if COUNTS.contains(&cx.lower(k)) || cx.toks[k].w.is_number() && !is_year(cx, k) =>
            {
                let unit = k + 1;
                let done = cx.joined(unit) && UNITS.contains(&cx.lower(unit));
                if !(done && cx.lower(unit + 1) != "of" && phrase_ends(cx, unit)) {
                    continue;
                }
                "for"
            }
            _ => continue,
        };
        cx.emit("preposition", cx.start(i), cx.end(i), vec![fix.to_string()]);
    }
}

pub(super) fn check(cx: &mut Ctx) {
    if !cx.on("preposition") {
        return;
    }
    times(cx);
    for i in 0..cx.len() {
        let Some(pairs) = cx.idx.pairs.get(cx.toks[i].w.stem.as_str()) else {
            continue;
        };
        for pair in pairs {
            if !form(cx, i, pair) {
                continue;
            }
            // "was requested for review": a passive, where the preposition is right.
            let passive = pair.forms != Forms::Exact && cx.lower(i).ends_with("ed");
            if passive && i > 0 && BE.contains(&cx.lower(i - 1)) {
                continue;
            }
            // "the suffering of children": a verb's -ing form after "the" is a noun.
            if cx.lower(i).ends_with("ing") && i > 0 && DETERMINERS.contains(&cx.lower(i - 1)) {
                continue;
            }
            let before_fits =
                i > 0 && cx.joined(i) && pair.before.iter().any(|b| b == cx.lower(i - 1));
            if !(pair.before.is_empty() || before_fits) {
                continue;
            }
            // The wrong word as written in lower case: "explained US guidelines" is not "us".
            let j = if pair.after.is_empty() {
                i
            } else if cx.joined(i + 1) && cx.word(i + 1) == pair.after {
                i + 1
            } else {
                continue;
            };
            if cx.joined(j + 1) && pair.unless_next.iter().any(|n| n == cx.lower(j + 1)) {
                continue;
            }
            let next_fits = cx.joined(j + 1) && pair.next.iter().any(|n| n == cx.lower(j + 1));
            if !(pair.next.is_empty() || next_fits) {
                continue;
            }
            if !pair.objects.is_empty() && !object_follows(cx, j, &pair.objects) {
                continue;
            }
            let word = cx.word(i);
            let fix = if pair.fix.is_empty() {
                word.to_string()
            } else {
                format!("{word} {}", pair.fix)
            };
            cx.emit("preposition", cx.start(i), cx.end(j), vec![fix]);
            break;
        }
    }
}
