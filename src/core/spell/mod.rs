//! Spelling: a Hunspell-compatible checker over the American English dictionary shipped
//! in `assets/dict`, with the medical and application word list, the profile's own words
//! and the user's word list. Pure: built from text, no files read here.
//!
//! What is checked, and what is left alone:
//!
//! - Numbers and words with digits (H-1B, PGY-1, 20XX), all-capital acronyms (USMLE,
//!   NICU), words with a capital inside (MyERAS, McDonald), web and mail addresses, and
//!   words inside a placeholder are left alone; so is a prefix before a hyphen ("pre-",
//!   "non-"), while each other part of a hyphenated word is checked as a word.
//! - A possessive is checked without its "'s"; a contraction ("didn't") as the
//!   dictionary has it.
//! - A regular form of a known word that the dictionary happens to lack counts as known:
//!   a plural ("antimicrobials"), an adjective beside its noun ("bradycardic").
//! - A word the dictionary lacks is marked only when a dictionary word lies a slip away
//!   (a letter missing, extra, wrong, doubled, or two swapped; or doubled letters
//!   confused twice, "tommorow"): a word with nothing near it is far more often a term
//!   or a name than a typo, and a typo nearly always has its word nearby. Those near
//!   words are the suggestions.
//! - A capitalised word the dictionary lacks may be a name (a hospital, a city, a
//!   person), and names resemble other names: only ordinary words near it count, never
//!   names ("Sotto" is no slip for "Soto"). Inside a sentence it is marked only when it
//!   is one typist's slip from an ordinary word, two letters swapped or one doubled
//!   ("Pediatircs"). At the start of a sentence it is checked as any word, unless the
//!   text shows it to be a name: capitalised inside a sentence elsewhere, or followed
//!   by another capitalised word ("Benha University").
//! - A British spelling (colour, paediatrics, programme) is its own finding, with the
//!   American form as the suggestion.

mod british;
mod edit;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use serde::Deserialize;
use spellbook::Dictionary;

use crate::core::coach::scan;
use crate::core::coach::tokens::{Sentence, Word};
use crate::core::coach::{Coach, Finding};
use crate::core::profile::Profile;

/// Rules whose logic lives here (their words and level live in `coach.ron`).
pub const RULES: &[&str] = &["spelling", "british_spelling"];

const AFF: &str = include_str!("../../../assets/dict/en_US.aff");
const DIC: &str = include_str!("../../../assets/dict/en_US.dic");

/// The medical and application words, one a line (see the file's own notes).
pub const MEDICAL: &str = include_str!("../../../assets/words/medical.txt");

/// What a new word list file starts with.
pub const LIST_HEADER: &str = "\
# Your own words: flagdraft's spelling check accepts each of them in any draft.
# One word a line; a line starting with # is a note. Names of people, places and
# hospitals are best added here as you write them.
";

/// Prefixes written before a hyphen ("pre-med", "non-clinical", "co-author"): fine as
/// they are, though the dictionary holds few of them as words.
const PREFIXES: &[&str] = &[
    "ante", "anti", "auto", "bi", "bio", "cardio", "co", "counter", "cross", "de", "dis", "e",
    "endo", "ex", "extra", "gastro", "hemato", "hyper", "hypo", "immuno", "infra", "inter",
    "intra", "macro", "meta", "micro", "mid", "mini", "mis", "mono", "multi", "neo", "nephro",
    "neuro", "non", "onco", "over", "para", "peri", "poly", "post", "pre", "pro", "proto",
    "pseudo", "psycho", "pulmo", "quasi", "re", "retro", "self", "semi", "socio", "sub", "super",
    "supra", "tele", "trans", "tri", "ultra", "un", "under", "vaso",
];

/// Spelling settings from `coach.ron`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// At most this many replacements are offered for one word.
    pub suggestions: usize,
    /// Words of fewer letters than this are not checked (initials, "Dr").
    pub min_letters: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            suggestions: 5,
            min_letters: 2,
        }
    }
}

/// Why the speller could not be made.
#[derive(Debug, thiserror::Error)]
pub enum SpellError {
    #[error("the dictionary does not load: {0}")]
    Dictionary(String),
    #[error("the medical word list, line {line}: {message}")]
    List { line: usize, message: String },
}

/// What the speller makes of one word, whatever its place in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Verdict {
    Known,
    /// A British spelling, with its American form (in lower case).
    British(String),
    /// Not a word the speller knows: the words a slip away, best first; whether one
    /// of them is an ordinary word (not only a name), and whether one of the best is a
    /// typist's slip (swapped or doubled letters) from an ordinary word.
    Unknown {
        near: Vec<String>,
        ordinary: bool,
        slip: bool,
    },
}

/// Verdicts kept at most, so a long session never grows the cache without end.
const CACHE_MAX: usize = 20_000;

/// How many near words are kept per unknown word (the settings may show fewer).
const NEAR_MAX: usize = 8;

/// A loaded dictionary with every extra word list merged in.
pub struct Speller {
    /// The American English dictionary with the medical list added: shared between
    /// spellers that differ only in the applicant's own words.
    dictionary: Arc<Dictionary>,
    /// The applicant's own words (profile and word list), in lower case.
    own: HashSet<String>,
    /// Each word's verdict, once worked out: checking a text again costs a look-up a word.
    cache: Mutex<HashMap<String, Verdict>>,
}

/// Counts only: the applicant's own words are names, which no log may show.
impl std::fmt::Debug for Speller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Speller")
            .field("own_words", &self.own.len())
            .finish_non_exhaustive()
    }
}

impl Speller {
    /// The shipped dictionary with the medical word list.
    pub fn embedded() -> Result<Self, SpellError> {
        let mut dictionary =
            Dictionary::new(AFF, DIC).map_err(|e| SpellError::Dictionary(e.to_string()))?;
        for (line, word) in list_lines(MEDICAL) {
            dictionary.add(word).map_err(|e| SpellError::List {
                line,
                message: e.to_string(),
            })?;
        }
        Ok(Self {
            dictionary: Arc::new(dictionary),
            own: HashSet::new(),
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// This speller's dictionary with `words` as the applicant's own, in place of any
    /// it had. Cheap: the dictionary is shared, not copied.
    pub fn with_own_words<I, S>(&self, words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Self {
            dictionary: Arc::clone(&self.dictionary),
            own: words
                .into_iter()
                .map(|w| fold(w.as_ref()))
                .filter(|w| !w.is_empty())
                .collect(),
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `word` is spelled as the dictionaries or the applicant's words have it.
    pub fn knows(&self, word: &str) -> bool {
        let word = word.replace('\u{2019}', "'");
        self.own.contains(&fold(&word)) || self.dictionary.check(&word)
    }

    /// Whether `word` is one of the applicant's own words.
    pub fn is_own(&self, word: &str) -> bool {
        self.own.contains(&fold(word))
    }

    /// Replacements for a misspelt `word`, best first (empty when it is not misspelt
    /// or nothing is near).
    pub fn suggest(&self, word: &str) -> Vec<String> {
        match self.verdict(&mut self.cache(), word) {
            Verdict::Known => Vec::new(),
            Verdict::British(us) => vec![cased(&us, word)],
            Verdict::Unknown { near, .. } => near,
        }
    }

    fn cache(&self) -> MutexGuard<'_, HashMap<String, Verdict>> {
        self.cache.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The verdict on `word` as written, from the cache when it is there.
    fn verdict(&self, cache: &mut HashMap<String, Verdict>, word: &str) -> Verdict {
        if let Some(v) = cache.get(word) {
            return v.clone();
        }
        let v = self.judge(word);
        if cache.len() >= CACHE_MAX {
            cache.clear();
        }
        cache.insert(word.to_string(), v.clone());
        v
    }

    fn judge(&self, word: &str) -> Verdict {
        if self.knows(word) {
            return Verdict::Known;
        }
        let lower = word.to_lowercase();
        if let Some(us) = british::american(&lower, |w| self.dictionary.check(w)) {
            return Verdict::British(us);
        }
        if self.is_form_of_known(word) {
            return Verdict::Known;
        }
        let mut near = Vec::new();
        self.dictionary
            .suggester()
            .with_ngram_suggestions(false)
            .suggest(word, &mut near);
        let lower_case = !is_capitalised(word);
        near.retain(|s| {
            // Two words for one ("occur ed") read as noise, not help; and a name is no
            // near word for a word in lower case ("gastro" is not a slip for "Castro").
            (!s.contains([' ', '-']) || word.contains('-'))
                && !(lower_case && is_capitalised(s) && s.to_lowercase() != lower)
        });
        if near.is_empty() {
            // Doubled letters are the slip made twice in one word ("dissapoint",
            // "tommorow", "Carribean"), which the edits above, one at a time, do not
            // reach. Twice is no resemblance: it counts as a slip even to a name.
            let mut twice: Vec<String> = Vec::new();
            for w in edit::redoubled(word) {
                // In lower case, the name it misspells ("carribean") is capitalised.
                let long = w.chars().count() >= 6;
                let found = if self.dictionary.check(&w) {
                    Some(w)
                } else {
                    Some(cased(&w, "X")).filter(|name| long && self.dictionary.check(name))
                };
                if let Some(found) = found
                    && !twice.contains(&found)
                {
                    twice.push(found);
                }
            }
            twice.truncate(NEAR_MAX);
            if !twice.is_empty() {
                return Verdict::Unknown {
                    near: twice,
                    ordinary: true,
                    slip: true,
                };
            }
            return Verdict::Unknown {
                near,
                ordinary: false,
                slip: false,
            };
        }
        // Closest first; the dictionary's own order otherwise (a stable sort).
        near.sort_by_key(|s| edit::distance(word, s));
        near.dedup();
        near.truncate(NEAR_MAX);
        // A name near a name ("Sotto" and "Soto") says nothing of a slip: only an
        // ordinary word, one the dictionary has in lower case, does.
        let ordinary = |s: &String| self.dictionary.check(&s.to_lowercase());
        let slip = near
            .iter()
            .take(3)
            .any(|s| ordinary(s) && edit::is_slip(word, s) && edit::distance(word, s) == 1);
        let ordinary = near.iter().any(ordinary);
        Verdict::Unknown {
            near,
            ordinary,
            slip,
        }
    }
}

impl Speller {
    /// Whether `word` is a regular form of a word the speller knows that the dictionary
    /// happens to lack: a plural ("antimicrobials", "prescribers"), or an adjective or
    /// agent beside its noun ("bradycardic" beside "bradycardia", "acidotic" beside
    /// "acidosis", "petechial" beside "petechia", "nephrologist" beside "nephrology"). Plurals of words with no plural
    /// ("informations") and ones a typist gets wrong ("researchs", "studys") are not
    /// forms.
    fn is_form_of_known(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        if let Some(stem) = lower.strip_suffix('s')
            && is_regular_plural(stem)
            && self.knows(&restore_case(word, stem))
        {
            return true;
        }
        // "formularies" beside "formulary": a consonant and y make "ies".
        if let Some(stem) = lower.strip_suffix("ies")
            && stem.chars().count() >= 3
            && stem.chars().last().is_some_and(|c| !"aeiou".contains(c))
            && self.knows(&restore_case(word, &format!("{stem}y")))
        {
            return true;
        }
        ENDINGS.iter().any(|(form, of)| {
            lower.strip_suffix(form).is_some_and(|stem| {
                stem.chars().count() >= 4 && self.knows(&restore_case(word, &format!("{stem}{of}")))
            })
        })
    }
}

/// Endings of medical adjectives and agents, each with the ending of the word it comes
/// from: the form, then its source.
const ENDINGS: &[(&str, &str)] = &[
    ("itic", "itis"),
    ("otic", "osis"),
    ("ic", "ia"),
    ("ic", "a"),
    ("ial", "ia"),
    ("ist", "y"),
    ("ists", "y"),
    ("ic", "y"),
    ("ical", "y"),
    ("ically", "ic"),
    ("ed", "e"),
];

/// Nouns with no plural, or whose plural is not made with an "s": a word made of one of
/// them and an "s" is a slip.
const NO_S_PLURAL: &[&str] = &[
    "advice",
    "children",
    "criteria",
    "data",
    "equipment",
    "evidence",
    "feedback",
    "furniture",
    "homework",
    "information",
    "knowledge",
    "luggage",
    "media",
    "men",
    "news",
    "people",
    "phenomena",
    "progress",
    "research",
    "training",
    "women",
];

/// Whether `stem` + "s" is how its plural is made: not after s, x, z, ch or sh (those
/// take "es"), nor after a consonant and y (those take "ies").
fn is_regular_plural(stem: &str) -> bool {
    let consonant_y = stem.ends_with('y')
        && stem
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| !"aeiou".contains(c));
    stem.chars().count() >= 3
        && !consonant_y
        && !["s", "x", "z", "ch", "sh"]
            .iter()
            .any(|e| stem.ends_with(e))
        && !NO_S_PLURAL.contains(&stem)
}

/// `lower` (a lower-case form of `like`) with `like`'s first capital, so a capitalised
/// stem is looked up as written.
fn restore_case(like: &str, lower: &str) -> String {
    if is_capitalised(like) {
        cased(
            lower,
            &like[..like.chars().next().map_or(0, char::len_utf8)],
        )
    } else {
        lower.to_string()
    }
}

/// The lower-case form the applicant's words are kept in, apostrophes made plain.
fn fold(word: &str) -> String {
    word.trim().to_lowercase().replace('\u{2019}', "'")
}

/// The words of a word list: one a line, `#` starting a note, blank lines skipped; a
/// line of several words gives each. With each word, its line number.
pub fn list_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().flat_map(|(i, line)| {
        let line = line.trim();
        let words = if line.starts_with('#') { "" } else { line };
        words.split_whitespace().map(move |w| (i + 1, w))
    })
}

/// The words of a word list, as [`list_lines`] reads them.
pub fn list_words(text: &str) -> Vec<String> {
    list_lines(text).map(|(_, w)| w.to_string()).collect()
}

/// The word list `text` with `word` added at the end (a new list starts with
/// [`LIST_HEADER`]); `None` when the list has it already, in any case.
pub fn add_to_list(text: &str, word: &str) -> Option<String> {
    let word = word.trim();
    let folded = fold(word);
    if word.is_empty() || list_lines(text).any(|(_, w)| fold(w) == folded) {
        return None;
    }
    let mut out = if text.trim().is_empty() {
        LIST_HEADER.to_string()
    } else {
        text.to_string()
    };
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(word);
    out.push('\n');
    Some(out)
}

/// The profile's own words, accepted in every draft: the applicant's name and
/// languages, and the capitalised words of activities, repeated courses and incidents
/// (names of hospitals, universities, cities, programs). Lower-case words there are
/// ordinary words, checked as any other, so a slip in the profile is not carried over.
pub fn profile_words(profile: &Profile) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |text: &str, every: bool| {
        for w in crate::core::coach::tokens::words(text, 0) {
            let word = strip_possessive(w.text);
            let keep = every || word.chars().next().is_some_and(char::is_uppercase);
            if keep && word.chars().any(char::is_alphabetic) && !out.iter().any(|o| o == word) {
                out.push(word.to_string());
            }
        }
    };
    if let Some(name) = &profile.name {
        push(name, true);
    }
    for language in &profile.languages {
        push(language, true);
    }
    for a in &profile.activities {
        push(&a.title, false);
    }
    for r in &profile.repeats {
        push(&r.what, false);
    }
    for i in &profile.incidents {
        push(&i.summary, false);
    }
    out
}

/// The word of `text` at byte `at` (the cursor on it, or just after it), without a
/// possessive: what a key adds to the word list.
pub fn word_at(text: &str, at: usize) -> Option<&str> {
    crate::core::coach::tokens::words(text, 0)
        .into_iter()
        .find(|w| w.start <= at && at <= w.end)
        .map(|w| strip_possessive(w.text))
        .filter(|w| w.chars().any(char::is_alphabetic))
}

/// `word` without a possessive "'s" (or a bare "'" after an s).
fn strip_possessive(word: &str) -> &str {
    for tail in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if let Some(base) = word.strip_suffix(tail) {
            return base;
        }
    }
    word.trim_end_matches(['\'', '\u{2019}'])
}

/// `us` (lower case) written with the capitals of `like`.
fn cased(us: &str, like: &str) -> String {
    let letters = like.chars().filter(|c| c.is_alphabetic()).count();
    if letters > 1 && like.chars().all(|c| !c.is_lowercase()) {
        return us.to_uppercase();
    }
    if like.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = us.chars();
        return chars.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(chars).collect()
        });
    }
    us.to_string()
}

/// The part of `word` to check, or `None` when it is not checked at all: too short, a
/// number or with digits, an acronym, a word with a capital inside, one with a dot
/// or underscore (an address, "e.g"), or not in Latin letters.
fn checkable<'a>(word: &Word<'a>, settings: &Settings) -> Option<&'a str> {
    let base = strip_possessive(word.text);
    let letters = base.chars().filter(|c| c.is_alphabetic()).count();
    if letters < settings.min_letters.max(1) {
        return None;
    }
    if base
        .chars()
        .any(|c| c.is_numeric() || c == '.' || c == '_' || (c.is_alphabetic() && !is_latin(c)))
    {
        return None;
    }
    let mut chars = base.chars().filter(|c| c.is_alphabetic());
    chars.next();
    // An acronym (NICU) or a word with a capital inside (MyERAS, McDonald, iPhone).
    if chars.any(char::is_uppercase) {
        return None;
    }
    Some(base)
}

/// Latin letters, accented ones included; other scripts are not this dictionary's.
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) && c != '\u{00D7}'
}

/// Byte spans of `text` no word is checked in: web and mail addresses, and placeholders.
fn skipped(text: &str) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = scan::placeholders(text)
        .into_iter()
        .map(|t| (t.start, t.end))
        .collect();
    let mut at = 0;
    for chunk in text.split_inclusive(char::is_whitespace) {
        let lower = chunk.to_ascii_lowercase();
        if lower.contains('@') || lower.contains("://") || lower.contains("www.") {
            out.push((at, at + chunk.len()));
        }
        at += chunk.len();
    }
    out
}

/// Whether the word at `end` is a prefix written before a hyphen ("pre-" in "pre-med").
fn is_prefix(text: &str, end: usize, lower: &str) -> bool {
    let after = &text[end..];
    after.starts_with('-')
        && after[1..].chars().next().is_some_and(char::is_alphabetic)
        && PREFIXES.contains(&lower)
}

/// Whether the `i`th word of `s` starts the sentence: the first word (a line break
/// ends a sentence too), or the first after a colon.
fn starts_sentence(text: &str, s: &Sentence, i: usize) -> bool {
    i == 0
        || text[s.words[i - 1].end..s.words[i].start]
            .trim()
            .ends_with(':')
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Spelling findings for one piece of text, already split into sentences.
pub fn check(
    coach: &Coach,
    speller: &Speller,
    text: &str,
    sentences: &[Sentence],
    part: Option<&str>,
    out: &mut Vec<Finding>,
) {
    let spelling = coach.set.rule("spelling");
    let british = coach.set.rule("british_spelling");
    if spelling.is_none() && british.is_none() {
        return;
    }
    let settings = &coach.set.spelling;
    let skip = skipped(text);
    // Capitalised words found inside a sentence: names wherever they appear.
    let mut names: HashSet<&str> = HashSet::new();
    for s in sentences {
        for (i, w) in s.words.iter().enumerate() {
            if !starts_sentence(text, s, i) && is_capitalised(w.text) {
                names.insert(strip_possessive(w.text));
            }
        }
    }
    let mut cache = speller.cache();
    for s in sentences {
        for (i, w) in s.words.iter().enumerate() {
            let Some(base) = checkable(w, settings) else {
                continue;
            };
            let end = w.start + base.len();
            if skip.iter().any(|(a, b)| *a <= w.start && w.start < *b)
                || is_prefix(text, w.end, &w.lower)
            {
                continue;
            }
            match speller.verdict(&mut cache, base) {
                Verdict::Known => {}
                Verdict::British(us) => {
                    if let Some(rule) = british {
                        let mut f = coach.finding(rule, part, text, w.start, end);
                        f.suggestions = vec![cased(&us, base)];
                        out.push(f);
                    }
                }
                Verdict::Unknown {
                    near,
                    ordinary,
                    slip,
                } => {
                    let Some(rule) = spelling else { continue };
                    if near.is_empty() || (is_capitalised(base) && !ordinary) {
                        continue;
                    }
                    if is_capitalised(base) && !slip {
                        let first = starts_sentence(text, s, i);
                        let next_capital = s
                            .words
                            .get(i + 1)
                            .is_some_and(|n| is_capitalised(n.text) && n.text != "I");
                        if !first || names.contains(base) || next_capital {
                            continue;
                        }
                    }
                    let mut f = coach.finding(rule, part, text, w.start, end);
                    f.suggestions = near.into_iter().take(settings.suggestions).collect();
                    out.push(f);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
