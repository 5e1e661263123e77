//! "a" or "an" by the sound that follows: an MD, a USMLE score, a university, an hour,
//! an 8-week course.

use super::{Ctx, Index, Sound, same_case};

/// Words an article never stands before: after "a" here it is a letter or a label.
const NOT_AFTER_ARTICLE: &[&str] = &[
    "and", "or", "nor", "but", "of", "in", "on", "at", "to", "the", "a", "an", "is", "are", "was",
    "were", "be", "by", "for", "with", "from", "as", "if", "that", "this", "it", "he", "she",
    "they", "we", "i", "b", "c", "d",
];

/// Words after which "a" is a label ("vitamin a", "plan a"), not an article.
const LABELS: &[&str] = &[
    "vitamin",
    "hepatitis",
    "type",
    "plan",
    "grade",
    "part",
    "option",
    "group",
    "class",
    "section",
    "appendix",
    "item",
    "figure",
    "table",
    "level",
    "category",
    "schedule",
    "step",
    "exhibit",
    "column",
    "row",
    "box",
];

/// Letters whose names start with a vowel sound: "an F", "an MD", "an NBME".
fn letter_sound(c: char) -> Sound {
    if "AEFHILMNORSX".contains(c.to_ascii_uppercase()) {
        Sound::An
    } else {
        Sound::A
    }
}

/// Whether a capital-letter abbreviation could be read as a word ("NICU", "SOAP",
/// "STEMI") rather than letter by letter ("MSPE", "MCAT").
fn readable(key: &str) -> bool {
    let c: Vec<char> = key.chars().collect();
    if c.len() < 3 {
        return false;
    }
    let vowel = |c: char| "AEIOU".contains(c);
    if vowel(c[1]) {
        return true;
    }
    let onset: String = c[..2].iter().collect();
    ["SC", "SK", "SL", "SM", "SN", "SP", "ST", "SW", "FL", "FR"].contains(&onset.as_str())
        && vowel(c[2])
}

/// How a capital-letter abbreviation begins to sound, if it can be known.
fn acronym(text: &str, idx: &Index) -> Option<Sound> {
    let trimmed = text.strip_suffix('s').unwrap_or(text);
    let key = trimmed.to_uppercase();
    let first = key.chars().next()?;
    if idx.acronym_either.contains(&key) {
        return None;
    }
    if idx.acronym_words.contains(&key) {
        return Some(if "AEIO".contains(first) {
            Sound::An
        } else {
            Sound::A
        });
    }
    if idx.acronym_letters.contains(&key) {
        return Some(letter_sound(first));
    }
    // F, H, L, M, N, R, S and X sound a vowel as letters but a consonant in a word:
    // an abbreviation that could be read either way is left alone.
    if "FHLMNRSX".contains(first) && readable(&key) {
        return None;
    }
    Some(letter_sound(first))
}

/// How a number begins to sound: "an 8", "an 11", "an 18-month", "a 1-year".
fn number(text: &str) -> Option<Sound> {
    let whole = text.split('.').next().unwrap_or(text);
    let digits: String = whole
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .filter(char::is_ascii_digit)
        .collect();
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return None;
    }
    // Four digits may be read as a year ("eighteen hundred") or not ("one thousand").
    if digits.len() == 4 && (digits.starts_with("11") || digits.starts_with("18")) {
        return None;
    }
    let lead = match digits.len() % 3 {
        0 => 3,
        n => n,
    };
    let group = &digits[..lead];
    if group.starts_with('8') || group == "11" || group == "18" {
        Some(Sound::An)
    } else {
        Some(Sound::A)
    }
}

/// How word `j` begins to sound; `None` when it cannot be told.
fn sound(cx: &Ctx, j: usize) -> Option<Sound> {
    let text = cx.word(j);
    let lower = cx.lower(j);
    let first = text.chars().next()?;
    if first.is_ascii_digit() {
        return number(text);
    }
    let hyphen_after =
        cx.gap(j + 1).starts_with('-') && !cx.toks.get(j + 1).is_some_and(|t| t.first);
    if text.chars().count() == 1 {
        // A letter by itself: "an X-ray", "an H-1B", "an F", "a U-shaped".
        let named = first.is_ascii_uppercase() && (first != 'I' || hyphen_after);
        return (named || (first.is_ascii_lowercase() && hyphen_after))
            .then(|| letter_sound(first));
    }
    let mut chars = text.chars();
    let two_capitals = chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.next().is_some_and(|c| c.is_ascii_uppercase());
    // "MSPE", "MSc", and letters with digits ("HbA1c", "FY1") are said letter by letter.
    let with_digits = first.is_ascii_uppercase() && text.chars().any(|c| c.is_ascii_digit());
    if two_capitals || with_digits {
        return acronym(text, cx.idx);
    }
    if !first.is_ascii_alphabetic() {
        return None;
    }
    // A lower-case word with no vowel ("mg", "hr") is an abbreviation of unknown sound.
    if text == lower && !lower.contains(['a', 'e', 'i', 'o', 'u', 'y']) {
        return None;
    }
    if let Some(s) = cx.idx.sound_words.get(lower) {
        return (*s != Sound::Either).then_some(*s);
    }
    if let Some((_, s)) = cx
        .idx
        .sounds
        .iter()
        .find(|(p, _)| lower.starts_with(p.as_str()))
    {
        return (*s != Sound::Either).then_some(*s);
    }
    Some(if "aeio".contains(first.to_ascii_lowercase()) {
        Sound::An
    } else {
        Sound::A
    })
}

pub(super) fn check(cx: &mut Ctx) {
    if !cx.on("a_an") {
        return;
    }
    for i in 0..cx.len().saturating_sub(1) {
        let written = cx.word(i);
        let is_an = match written {
            "a" => false,
            "an" => true,
            "A" if cx.toks[i].first => false,
            "An" if cx.toks[i].first => true,
            _ => continue,
        };
        let j = i + 1;
        // The stop words count in lower case only: "an OR nurse", "an I-PASS handoff".
        let shouted = cx.word(j).chars().all(|c| !c.is_lowercase());
        if !cx.joined(j) || (!shouted && NOT_AFTER_ARTICLE.contains(&cx.lower(j))) {
            continue;
        }
        if i > 0 && cx.joined(i) && LABELS.contains(&cx.lower(i - 1)) {
            continue;
        }
        // A heading in capitals says nothing about sound.
        if written == "A"
            && cx.word(j).len() > 1
            && cx.word(j).chars().all(|c| !c.is_lowercase())
            && cx.word(j + 1).chars().all(|c| !c.is_lowercase())
            && !cx.last(j)
        {
            continue;
        }
        let Some(s) = sound(cx, j) else { continue };
        let wanted = match (s, is_an) {
            (Sound::An, false) => "an",
            (Sound::A, true) => "a",
            _ => continue,
        };
        let fix = same_case(written, wanted);
        cx.emit("a_an", cx.start(i), cx.end(i), vec![fix]);
    }
}
