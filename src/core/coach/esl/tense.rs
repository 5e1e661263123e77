//! Tense against a named time: "Since 2021 I work" (-> "I have worked"), "In 2023 I
//! have completed" (-> "I completed"), "Last year I take" (-> "I took").
//!
//! Only pronoun subjects are read ("I", "we", "she" ...): after one of them the next
//! word is the verb, so no guess about parts of speech is needed.

use super::{Ctx, same_case, verbs};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Person {
    /// "I".
    First,
    /// "he", "she".
    Third,
    /// "we", "they", "you".
    Plural,
}

fn person(word: &str) -> Option<Person> {
    match word {
        "i" => Some(Person::First),
        "he" | "she" => Some(Person::Third),
        "we" | "they" | "you" => Some(Person::Plural),
        _ => None,
    }
}

/// "I'm", "we're": a subject and "be" in one word.
fn contracted(word: &str) -> Option<Person> {
    match word {
        "i'm" => Some(Person::First),
        "we're" | "they're" | "you're" => Some(Person::Plural),
        _ => None,
    }
}

/// Words between a subject and its verb that are not the verb.
const ADVERBS: &[&str] = &[
    "also",
    "still",
    "now",
    "currently",
    "only",
    "just",
    "always",
    "often",
    "usually",
    "regularly",
    "really",
    "already",
    "mainly",
    "mostly",
    "primarily",
    "actively",
    "actually",
    "even",
    "personally",
    "further",
    "then",
];

/// Words after a subject that are not a present verb of their own.
const NOT_PRESENT: &[&str] = &[
    "have",
    "has",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "should",
    "must",
    "may",
    "might",
    "shall",
    "was",
    "were",
    "am",
    "is",
    "are",
    "and",
    "or",
    "but",
    "the",
    "a",
    "an",
    "to",
    "of",
    "in",
    "myself",
    "ourselves",
    "themselves",
    "too",
    "alone",
    "both",
    "who",
    "that",
    "personally",
    "used",
    "need",
    "ought",
    "being",
    "been",
    "not",
    "never",
    "never",
];

/// Words that start another clause.
const CLAUSE_WORDS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "because", "when", "while", "although", "though",
    "if", "and", "but", "so", "where", "after", "before", "until", "whether", "since", "as",
];

/// Words that take a "since" phrase for themselves: "the first since", "the best time
/// since".
const SINCE_BELONGS: &[&str] = &[
    "first", "only", "best", "worst", "last", "time", "most", "longest", "ever",
];

/// Finite verbs: meeting one on the way back from "since" ends the search.
const FINITE: &[&str] = &[
    "is", "are", "am", "was", "were", "has", "have", "had", "will", "would", "can", "could",
    "should", "must", "may", "might", "do", "does", "did",
];

/// Words before "is" that make it not a noun's: "it is two years since", "there is".
const NOT_SUBJECTS: &[&str] = &[
    "it", "there", "this", "that", "what", "which", "who", "here", "where", "how", "why",
];

/// Verbs that can take a clause without "that": "I think the clinic ...".
const CLAUSE_VERBS: &[&str] = &[
    "think",
    "know",
    "believe",
    "feel",
    "hope",
    "guess",
    "say",
    "mean",
    "see",
    "hear",
    "find",
    "realize",
    "realise",
    "understand",
    "notice",
    "remember",
    "suppose",
    "agree",
    "wish",
    "expect",
    "doubt",
    "learn",
    "show",
    "thinks",
    "knows",
    "believes",
    "feels",
    "hopes",
    "says",
    "means",
    "sees",
    "hears",
    "finds",
    "realizes",
    "understands",
    "notices",
    "remembers",
];

/// Words after "to" that make it a place, not an infinitive: "moved to the US".
const TO_PLACE: &[&str] = &[
    "the", "a", "an", "my", "our", "his", "her", "their", "this", "that", "work", "school",
];

/// Words that may follow a "since" phrase that has ended ("since 2021 in Houston").
const AFTER_PHRASE: &[&str] = &[
    "and", "in", "at", "as", "for", "on", "to", "with", "when", "until", "while", "but", "because",
    "now", "here", "there", "full", "part",
];

/// Words that may come between "since" and its time ("since my graduation").
const LEADS: &[&str] = &[
    "the", "my", "our", "his", "her", "their", "this", "early", "late", "mid", "about", "around",
    "medical", "high", "graduate", "nursing",
];

/// Time units for "for the past two years" and "three years ago".
const UNITS: &[&str] = &[
    "year", "years", "month", "months", "week", "weeks", "decade", "decades", "day", "days",
];

const COUNTS: &[&str] = &[
    "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "few",
    "several", "couple", "many", "eleven", "twelve",
];

/// A present tense found after a subject.
#[derive(Clone, Copy)]
enum Present {
    /// "I work": the verb's index; its base is worked out when needed.
    Simple(usize),
    /// "I am", "she is".
    Be(usize),
    /// "I'm": the one word.
    Contracted(usize),
}

fn is_year(cx: &Ctx, k: usize) -> bool {
    let w = cx.word(k);
    w.len() == 4
        && cx.toks.get(k).is_some_and(|t| t.w.is_number())
        && (w.starts_with("19") || w.starts_with("20"))
}

fn is_time(cx: &Ctx, k: usize) -> bool {
    is_year(cx, k)
        || cx.idx.months.contains(cx.lower(k))
        || cx.idx.since_times.contains(cx.lower(k))
}

fn is_count(cx: &Ctx, k: usize) -> bool {
    COUNTS.contains(&cx.lower(k)) || cx.toks.get(k).is_some_and(|t| t.w.is_number())
}

/// The present tense after subject `p`, and the person.
fn present_at(cx: &Ctx, p: usize) -> Option<(Present, Person)> {
    let subject = cx.lower(p);
    if let Some(who) = contracted(subject) {
        return Some((Present::Contracted(p), who));
    }
    let who = person(subject)?;
    let j = past_adverbs(cx, p + 1);
    if !cx.joined(j) {
        return None;
    }
    let l = cx.lower(j);
    match (l, who) {
        ("am", Person::First) | ("is", Person::Third) | ("are", Person::Plural) => {
            return Some((Present::Be(j), who));
        }
        _ => {}
    }
    if NOT_PRESENT.contains(&l)
        || !l.chars().all(|c| c.is_ascii_lowercase())
        || l.ends_with("ly")
        || l.ends_with("ing")
        || verbs::is_past(l, cx.idx)
    {
        return None;
    }
    let third_form = l.ends_with('s') && !l.ends_with("ss");
    match who {
        Person::Third if third_form => Some((Present::Simple(j), who)),
        Person::First | Person::Plural if !third_form || l.ends_with("us") => {
            Some((Present::Simple(j), who))
        }
        _ => None,
    }
}

/// The verb's base form at `j`.
fn base(cx: &Ctx, j: usize, who: Person) -> String {
    let l = cx.lower(j);
    if who == Person::Third {
        verbs::base_of_third(l)
    } else {
        l.to_string()
    }
}

/// Span and suggestion for the present perfect in place of `present`.
fn perfect(cx: &Ctx, present: Present, who: Person) -> (usize, usize, String) {
    let have = if who == Person::Third { "has" } else { "have" };
    match present {
        Present::Simple(j) => {
            let part = verbs::participle(&base(cx, j, who), cx.idx);
            (cx.start(j), cx.end(j), format!("{have} {part}"))
        }
        Present::Be(j) => (cx.start(j), cx.end(j), format!("{have} been")),
        Present::Contracted(p) => {
            let word = cx.word(p);
            let cut = word.find(['\'', '\u{2019}']).unwrap_or(word.len());
            let apostrophe = word[cut..].chars().next().unwrap_or('\'');
            (
                cx.start(p),
                cx.end(p),
                format!("{}{apostrophe}ve been", &word[..cut]),
            )
        }
    }
}

/// Span and suggestion for the simple past in place of `present`.
fn simple_past(cx: &Ctx, present: Present, who: Person) -> (usize, usize, String) {
    let was = if who == Person::Plural { "were" } else { "was" };
    match present {
        Present::Simple(j) => {
            let past = verbs::past(&base(cx, j, who), cx.idx);
            (cx.start(j), cx.end(j), past)
        }
        Present::Be(j) => (cx.start(j), cx.end(j), was.to_string()),
        Present::Contracted(p) => {
            let word = cx.word(p);
            let cut = word.find(['\'', '\u{2019}']).unwrap_or(word.len());
            (cx.start(p), cx.end(p), format!("{} {was}", &word[..cut]))
        }
    }
}

/// The phrase "since" at `s` starts, when it names a time: its last word, and whether
/// it is a clause ("since I left my job").
fn since_phrase(cx: &Ctx, s: usize) -> Option<(usize, bool)> {
    let k = s + 1;
    if !cx.joined(k) {
        return None;
    }
    if person(cx.lower(k)).is_some() {
        let v = past_adverbs(cx, k + 1);
        if !cx.joined(v) {
            return None;
        }
        let l = cx.lower(v);
        let temporal = cx.idx.since_verbs.contains(l)
            || (matches!(l, "was" | "were")
                && cx.joined(v + 1)
                && (matches!(
                    cx.lower(v + 1),
                    "a" | "an" | "young" | "little" | "born" | "in" | "at"
                ) || is_count(cx, v + 1)));
        return temporal.then_some((v, true));
    }
    // A length of time: "since three years" (which wants "for").
    if duration(cx, k) {
        return Some((k + 1, false));
    }
    // A time, perhaps after a word or two: "since June 2025", "since my graduation".
    let mut t = k;
    while !is_time(cx, t) {
        if t >= k + 2 || !LEADS.contains(&cx.lower(t)) || !cx.linked(t + 1) {
            return None;
        }
        t += 1;
    }
    let mut e = t;
    loop {
        if cx.joined(e + 1) && is_time(cx, e + 1) {
            e += 1;
        } else if cx.lower(e + 1) == "of"
            && cx.joined(e + 1)
            && cx.joined(e + 2)
            && is_year(cx, e + 2)
        {
            e += 2;
        } else {
            break;
        }
    }
    Some((e, false))
}

/// "three years", "a month" at `k`, not followed by "ago".
fn duration(cx: &Ctx, k: usize) -> bool {
    is_count(cx, k)
        && !is_year(cx, k)
        && cx.joined(k + 1)
        && UNITS.contains(&cx.lower(k + 1))
        && !(cx.joined(k + 2) && cx.lower(k + 2) == "ago")
}

/// "since three years" -> "for three years".
fn since_a_length(cx: &mut Ctx) {
    for s in 0..cx.len() {
        if cx.lower(s) == "since" && cx.joined(s + 1) && duration(cx, s + 1) {
            let fix = same_case(cx.word(s), "for");
            cx.emit("tense", cx.start(s), cx.end(s), vec![fix]);
        }
    }
}

/// "for the past two years": its last word.
fn for_phrase(cx: &Ctx, f: usize) -> Option<usize> {
    if cx.lower(f + 1) != "the" || !matches!(cx.lower(f + 2), "past" | "last") {
        return None;
    }
    if !(cx.joined(f + 1) && cx.joined(f + 2)) {
        return None;
    }
    let mut u = f + 3;
    while u <= f + 5 && cx.joined(u) {
        if UNITS.contains(&cx.lower(u)) {
            return Some(u);
        }
        if !is_count(cx, u) {
            return None;
        }
        u += 1;
    }
    None
}

/// Whether a time phrase ending at `e` has ended there (not "since the school requires").
fn closed(cx: &Ctx, e: usize) -> bool {
    cx.last(e) || !cx.gap(e + 1).trim().is_empty() || AFTER_PHRASE.contains(&cx.lower(e + 1))
}

/// Present where the present perfect belongs, before or after a "since" or "for the
/// past" phrase.
fn since(cx: &mut Ctx) {
    for s in 0..cx.len() {
        let (e, clause) = match cx.lower(s) {
            "since" => match since_phrase(cx, s) {
                Some(found) => found,
                None => continue,
            },
            "for" => match for_phrase(cx, s) {
                Some(e) => (e, false),
                None => continue,
            },
            _ => continue,
        };
        let opens = cx.toks[s].first
            || cx.gap(s).contains(';')
            || (s > 0 && cx.toks[s - 1].first && cx.lower(s - 1) == "ever" && cx.joined(s));
        let found = if opens {
            // "Since June 2025, I volunteer ...": the main clause follows.
            let mut m = e + 1;
            if clause {
                while m < cx.len() && m <= e + 10 && cx.linked(m) {
                    m += 1;
                }
                if !cx.gap(m).contains(',') {
                    continue;
                }
            } else if cx.lower(e + 1) == "of" {
                continue;
            }
            if m >= cx.len() || cx.toks[m].first {
                continue;
            }
            present_at(cx, m)
        } else {
            if !clause && !closed(cx, e) {
                continue;
            }
            // "I work here since 2020": the nearest subject before, in the same clause.
            // A finite verb met first is the clause's own: "I think the clinic is open
            // since 2015" is about "is".
            let mut p = s;
            let mut subject = None;
            let mut noun_be = None;
            while p > 0 && cx.linked(p) {
                p -= 1;
                let l = cx.lower(p);
                if person(l).is_some() || contracted(l).is_some() {
                    subject = Some(p);
                    break;
                }
                let pronoun_before = p > 0 && person(cx.lower(p - 1)).is_some();
                if FINITE.contains(&l) && !pronoun_before {
                    if matches!(l, "is" | "are")
                        && p > 0
                        && cx.linked(p)
                        && !NOT_SUBJECTS.contains(&cx.lower(p - 1))
                    {
                        noun_be = Some(p);
                    }
                    break;
                }
                // "I am the first in my family since 1990": "since" belongs to "first".
                if CLAUSE_WORDS.contains(&l) || SINCE_BELONGS.contains(&l) {
                    break;
                }
            }
            if let Some(b) = noun_be {
                // "My mother is sick since 2020" -> "has been".
                let fix = if cx.lower(b) == "is" {
                    "has been"
                } else {
                    "have been"
                };
                cx.emit("tense", cx.start(b), cx.end(b), vec![fix.to_string()]);
                continue;
            }
            subject
                .and_then(|p| present_at(cx, p))
                .filter(|(present, _)| match present {
                    // "I think my mother works since 2020": a verb that takes a clause
                    // hands "since" to the clause unless its object is short ("I know
                    // him since 2019").
                    Present::Simple(j) => {
                        *j < s && (!CLAUSE_VERBS.contains(&cx.lower(*j)) || s - j <= 3)
                    }
                    Present::Be(j) => *j < s,
                    Present::Contracted(_) => true,
                })
        };
        if let Some((present, who)) = found {
            let (start, end, fix) = perfect(cx, present, who);
            cx.emit("tense", start, end, vec![fix]);
        }
    }
}

/// A finished time starting at word `k` ("in 2023", "in March 2022", "last year",
/// "two years ago", "yesterday"): its last word, and whether it names a year or month
/// (which could be ahead; "last year" cannot).
fn past_time(cx: &Ctx, k: usize) -> Option<(usize, bool)> {
    let l = cx.lower(k);
    match l {
        "in" if cx.joined(k + 1) => {
            let mut t = k + 1;
            if matches!(cx.lower(t), "early" | "late" | "mid") && cx.linked(t + 1) {
                t += 1;
            }
            if is_year(cx, t) {
                return Some((t, true));
            }
            if cx.idx.months.contains(cx.lower(t)) && cx.toks[t].w.is_capitalised() {
                let e = if cx.joined(t + 1) && is_year(cx, t + 1) {
                    t + 1
                } else {
                    t
                };
                return Some((e, true));
            }
            None
        }
        "last" if cx.joined(k + 1) => {
            let before = k > 0
                && cx.joined(k)
                && matches!(
                    cx.lower(k - 1),
                    "the"
                        | "this"
                        | "my"
                        | "our"
                        | "over"
                        | "during"
                        | "in"
                        | "for"
                        | "past"
                        | "within"
                        | "his"
                        | "her"
                        | "their"
                        | "at"
                );
            let unit = matches!(
                cx.lower(k + 1),
                "year"
                    | "month"
                    | "week"
                    | "summer"
                    | "spring"
                    | "fall"
                    | "autumn"
                    | "winter"
                    | "semester"
            );
            (unit && !before).then_some((k + 1, false))
        }
        "yesterday" => Some((k, false)),
        _ if is_count(cx, k)
            && cx.joined(k + 1)
            && UNITS.contains(&cx.lower(k + 1))
            && cx.joined(k + 2)
            && cx.lower(k + 2) == "ago" =>
        {
            Some((k + 2, false))
        }
        _ => None,
    }
}

/// A present perfect at `h` ("have completed", "I've taken"): the participle's index.
fn perfect_at(cx: &Ctx, h: usize) -> Option<usize> {
    let l = cx.lower(h);
    let aux = matches!(l, "have" | "has") || ["i've", "we've", "they've", "you've"].contains(&l);
    if !aux {
        return None;
    }
    if h > 0
        && cx.joined(h)
        && matches!(
            cx.lower(h - 1),
            "will"
                | "would"
                | "could"
                | "should"
                | "must"
                | "may"
                | "might"
                | "to"
                | "not"
                | "never"
                | "shall"
        )
    {
        return None;
    }
    let j = past_adverbs(cx, h + 1);
    (cx.joined(j) && verbs::is_participle(cx.lower(j), cx.idx)).then_some(j)
}

/// Span and suggestion for the simple past in place of the perfect `h..=j`.
fn perfect_to_past(cx: &Ctx, h: usize, j: usize) -> (usize, usize, String) {
    let aux = cx.lower(h);
    let part = cx.lower(j);
    let middle = cx.text.get(cx.end(h)..cx.start(j)).unwrap_or(" ").trim();
    let past = if part == "been" {
        let plural = aux == "have" && !(h > 0 && cx.lower(h - 1) == "i")
            || aux.contains("'ve") && aux != "i've";
        if plural { "were" } else { "was" }.to_string()
    } else {
        verbs::past_of_participle(part, cx.idx)
    };
    let words = if middle.is_empty() {
        past
    } else {
        format!("{middle} {past}")
    };
    if let Some(cut) = aux.find('\'') {
        // "I've completed" -> "I completed".
        let subject = &cx.word(h)[..cut];
        (cx.start(h), cx.end(j), format!("{subject} {words}"))
    } else {
        (cx.start(h), cx.end(j), same_case(cx.word(h), &words))
    }
}

/// How a sentence opening at word `s` sets a past time, and where its main clause
/// starts: "In 2023 I ...", "Last year, I ...", "When I was a student, I ...".
fn past_opening(cx: &Ctx, s: usize) -> Option<(usize, Opening)> {
    if let Some((e, ahead)) = past_time(cx, s) {
        return Some((e + 1, Opening::Time { ahead }));
    }
    let conjunction = cx.lower(s);
    if !matches!(conjunction, "when" | "while" | "before" | "after")
        || person(cx.lower(s + 1)).is_none()
    {
        return None;
    }
    let v = past_adverbs(cx, s + 2);
    if !(cx.joined(v) && verbs::is_past(cx.lower(v), cx.idx)) {
        return None;
    }
    let mut m = v + 1;
    while m < cx.len() && m <= v + 10 && cx.linked(m) {
        m += 1;
    }
    cx.gap(m).contains(',').then_some((
        m,
        Opening::Clause {
            after: conjunction == "after",
        },
    ))
}

#[derive(Clone, Copy)]
enum Opening {
    /// A named time; `ahead` when it could be in the future ("in 2027").
    Time { ahead: bool },
    /// A past clause; `after` for "after ..." (after which a present state can follow).
    Clause { after: bool },
}

/// Present perfect with a finished time: "In 2023 I have completed", "has had a stroke
/// in February 2022", "When I was a student, I have worked".
fn perfect_with_past_time(cx: &mut Ctx) {
    for h in 0..cx.len() {
        let Some(j) = perfect_at(cx, h) else { continue };
        let s = cx.sentence_start(h);
        // The time or past clause opens the sentence, and the perfect opens its main
        // clause ("After I failed, I have changed" is right).
        let opening = past_opening(cx, s).is_some_and(|(m, kind)| {
            !matches!(kind, Opening::Clause { after: true })
                && m <= h
                && h <= m + 3
                && (m + 1..=h).all(|k| cx.linked(k))
                && !(m..h).any(|k| CLAUSE_WORDS.contains(&cx.lower(k)))
        });
        // "... has had a stroke in February 2022": the time follows in the same clause,
        // with no other verb between ("the report published in 2020").
        let mut following = false;
        let mut k = j + 1;
        while k < cx.len() && k <= j + 10 && cx.linked(k) {
            let l = cx.lower(k);
            // "accepted to present in May 2026": the time belongs to the infinitive.
            let infinitive = l == "to"
                && !(cx.toks.get(k + 1).is_some_and(|t| t.w.is_capitalised())
                    || TO_PLACE.contains(&cx.lower(k + 1)));
            if CLAUSE_WORDS.contains(&l)
                || infinitive
                || l == "for" && cx.lower(k + 1) == "the"
                || (k > j + 1 && verbs::is_participle(l, cx.idx))
            {
                break;
            }
            if past_time(cx, k).is_some() {
                following = true;
                break;
            }
            k += 1;
        }
        if opening || following {
            let (start, end, fix) = perfect_to_past(cx, h, j);
            cx.emit("tense", start, end, vec![fix]);
        }
    }
}

/// Whether the clause from word `m` names the present ("now", "every day").
fn names_present(cx: &Ctx, m: usize) -> bool {
    let mut k = m;
    while k < cx.len() && (k == m || cx.linked(k)) {
        if cx.idx.present_markers.contains(cx.lower(k)) {
            return true;
        }
        k += 1;
    }
    false
}

/// Present simple after a finished time or a past clause: "Last year I take Step 3",
/// "Before I moved to Texas, I work as ...".
fn present_in_the_past(cx: &mut Ctx) {
    for s in 0..cx.len() {
        if !cx.toks[s].first {
            continue;
        }
        let Some((main, kind)) = past_opening(cx, s) else {
            continue;
        };
        // A year or month could be ahead ("In 2027 I start residency").
        if matches!(kind, Opening::Time { ahead: true }) {
            continue;
        }
        if main >= cx.len() || cx.toks[main].first || names_present(cx, main) {
            continue;
        }
        let Some((present, who)) = present_at(cx, main) else {
            continue;
        };
        // "After I failed, I am more careful": a present state can follow.
        if matches!(kind, Opening::Clause { after: true }) && !matches!(present, Present::Simple(_))
        {
            continue;
        }
        let (start, end, fix) = simple_past(cx, present, who);
        cx.emit("tense", start, end, vec![fix]);
    }
}

pub(super) fn check(cx: &mut Ctx) {
    if !cx.on("tense") {
        return;
    }
    since(cx);
    since_a_length(cx);
    perfect_with_past_time(cx);
    present_in_the_past(cx);
}

/// The first word at or after `at` that is not an adverb ("I still work", "I also took").
fn past_adverbs(cx: &Ctx, mut at: usize) -> usize {
    while cx.joined(at) && ADVERBS.contains(&cx.lower(at)) {
        at += 1;
    }
    at
}
