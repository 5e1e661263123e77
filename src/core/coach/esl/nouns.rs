//! Uncountable nouns counted: "feedbacks", "several informations", "a valuable
//! feedback on", "many useful advices".

use super::{Ctx, same_case};

/// Words before a noun that make the word a noun ("the researches", "my researches"),
/// where a verb could not stand.
const DETERMINERS: &[&str] = &[
    "the",
    "my",
    "our",
    "his",
    "her",
    "their",
    "your",
    "these",
    "those",
    "many",
    "several",
    "some",
    "few",
    "various",
    "multiple",
    "numerous",
    "different",
    "other",
    "all",
    "any",
    "no",
    "such",
    "more",
    "most",
    "previous",
    "prior",
    "recent",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
];

/// Number words that count: "two advices" -> "two pieces of advice".
const NUMBERS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// Words that can follow a noun standing alone after "a": where "a feedback on" ends
/// its noun phrase, unlike "a feedback form".
const FOLLOWERS: &[&str] = &[
    "on",
    "about",
    "from",
    "for",
    "of",
    "to",
    "in",
    "that",
    "which",
    "during",
    "at",
    "was",
    "is",
    "were",
    "are",
    "has",
    "had",
    "will",
    "would",
    "can",
    "could",
    "regarding",
    "as",
    "but",
    "because",
    "when",
    "after",
    "before",
    "by",
    "with",
    "throughout",
    "into",
    "through",
    "since",
    "until",
    "while",
    "so",
];

pub(super) fn check(cx: &mut Ctx) {
    if !cx.on("uncountable") {
        return;
    }
    for i in 0..cx.len() {
        let lower = cx.lower(i);
        if lower.ends_with('s') && cx.idx.plurals.contains_key(lower) {
            plural(cx, i);
        } else if cx.idx.nouns.contains_key(lower)
            && let Some(k) = before_describing(cx, i)
        {
            counted_singular(cx, k);
        }
    }
}

/// Back from noun `i` over describing words: the first word before them, if joined.
fn before_describing(cx: &Ctx, i: usize) -> Option<usize> {
    let mut k = i;
    for _ in 0..3 {
        if !cx.joined(k) {
            return None;
        }
        k -= 1;
        if !cx.idx.describing.contains(cx.lower(k)) {
            return Some(k);
        }
    }
    None
}

/// A plural of an uncountable noun.
fn plural(cx: &mut Ctx, i: usize) {
    let Some(singular) = cx.idx.plurals.get(cx.lower(i)).cloned() else {
        return;
    };
    let Some(noun) = cx.idx.nouns.get(&singular).cloned() else {
        return;
    };
    let w = cx.toks[i].w;
    // A capital mid-sentence is a name or a title.
    if w.is_capitalised() && !cx.toks[i].first {
        return;
    }
    let before = before_describing(cx, i);
    let counted_by = before.filter(|&k| {
        let l = cx.lower(k);
        NUMBERS.contains(&l) || (cx.toks[k].w.is_number() && l.len() <= 2 && l != "1")
    });
    if noun.also_verb
        && !before.is_some_and(|k| DETERMINERS.contains(&cx.lower(k)) || counted_by == Some(k))
    {
        // "My mentor researches outcomes": a verb.
        return;
    }
    let mut start = w.start;
    let mut fix = same_case(w.text, &noun.singular);
    if let Some(k) = before {
        let middle = cx.text.get(cx.end(k)..w.start).unwrap_or(" ");
        let q = cx.lower(k);
        if let Some(instead) = cx.idx.quantifiers.get(q) {
            // "a few advices" -> "some advice".
            let (from, instead) = if q == "few" && k > 0 && cx.joined(k) && cx.lower(k - 1) == "a" {
                (k - 1, "some")
            } else {
                (k, instead.as_str())
            };
            start = cx.start(from);
            fix = format!(
                "{}{middle}{}",
                same_case(cx.word(from), instead),
                noun.singular
            );
        } else if counted_by == Some(k) {
            // "two useful advices" -> "two pieces of useful advice".
            start = cx.start(k);
            let describing = middle.trim();
            let with = |noun_words: &str| {
                if describing.is_empty() {
                    noun_words.to_string()
                } else {
                    noun_words.replacen(
                        &noun.singular,
                        &format!("{describing} {}", noun.singular),
                        1,
                    )
                }
            };
            fix = match &noun.counted {
                Some(c) => format!("{} {}", cx.word(k), with(c)),
                None => same_case(cx.word(k), &with(&noun.singular)),
            };
        }
    }
    cx.emit("uncountable", start, w.end, vec![fix]);
}

/// What counts the noun at word `i`, if anything: "a", a counting word ("many",
/// "these") or a number.
fn counter(cx: &Ctx, i: usize) -> Option<Counter> {
    let written = cx.word(i);
    let lower = cx.lower(i);
    let article = written == "a" || written == "an";
    let opening = cx.toks[i].first && (written == "A" || written == "An");
    if article || opening {
        // "a few" counts as "few" does.
        if cx.lower(i + 1) == "few" && cx.joined(i + 1) {
            return None;
        }
        return Some(Counter::Article);
    }
    if lower == "few" && i > 0 && cx.joined(i) && cx.lower(i - 1) == "a" {
        return Some(Counter::Word("some".to_string(), i - 1));
    }
    if let Some(instead) = cx.idx.quantifiers.get(lower) {
        return Some(Counter::Word(instead.clone(), i));
    }
    // Number words only: digits name too much else ("Step 2 feedback on", "in 2021
    // research on").
    NUMBERS.contains(&lower).then_some(Counter::Number)
}

enum Counter {
    /// "a", "an".
    Article,
    /// A counting word, what to write instead and where the counting words start.
    Word(String, usize),
    /// "two", "3".
    Number,
}

/// "a valuable feedback on", "several information", "two advice": an uncountable noun
/// counted in the singular, where it ends its phrase ("a feedback form" is right).
fn counted_singular(cx: &mut Ctx, i: usize) {
    let Some(counter) = counter(cx, i) else {
        return;
    };
    let mut j = i + 1;
    while j < cx.len() && j <= i + 3 && cx.joined(j) && cx.idx.describing.contains(cx.lower(j)) {
        j += 1;
    }
    if j >= cx.len() || !cx.joined(j) {
        return;
    }
    let Some(noun) = cx.idx.nouns.get(cx.lower(j)).cloned() else {
        return;
    };
    let article = matches!(counter, Counter::Article);
    if (article && noun.take_a) || (!article && noun.already_plural) {
        return;
    }
    // The noun must end its phrase: "a feedback on", not "a feedback form".
    let ends = cx.last(j) || {
        let gap = cx.gap(j + 1);
        if gap.trim().is_empty() {
            FOLLOWERS.contains(&cx.lower(j + 1))
        } else {
            gap.trim_start().starts_with(['.', '!', '?', ';', ':', ')'])
        }
    };
    if !ends {
        return;
    }
    let written = cx.word(i);
    let middle = cx
        .text
        .get(cx.end(i)..cx.start(j))
        .unwrap_or("")
        .trim_start();
    let rest = format!("{middle}{}", cx.word(j));
    let (start, fixes) = match counter {
        Counter::Article => {
            let mut fixes = vec![same_case(written, &rest)];
            if noun
                .counted
                .as_deref()
                .is_some_and(|c| c.starts_with("pieces of"))
            {
                fixes.push(same_case(written, &format!("a piece of {rest}")));
            }
            (cx.start(i), fixes)
        }
        Counter::Word(instead, from) => {
            let fix = format!("{} {rest}", same_case(cx.word(from), &instead));
            (cx.start(from), vec![fix])
        }
        Counter::Number => {
            let Some(counted) = &noun.counted else { return };
            let describing = middle.trim();
            let unit = if describing.is_empty() {
                counted.clone()
            } else {
                counted.replacen(
                    &noun.singular,
                    &format!("{describing} {}", noun.singular),
                    1,
                )
            };
            (cx.start(i), vec![format!("{written} {unit}")])
        }
    };
    cx.emit("uncountable", start, cx.end(j), fixes);
}
