//! Hearing a spoken answer: which of the three parts it said, in the draft's words or
//! in its own, and the fillers in it. The phrases and words are data, in
//! `assets/practice-cues.ron`. Pure.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::core::assemble::InterviewAnswer;

pub const EMBEDDED: &str = include_str!("../../../assets/practice-cues.ron");

/// The lists of `practice-cues.ron`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename = "PracticeCues", deny_unknown_fields)]
pub struct Cues {
    pub version: u32,
    pub issue: Vec<String>,
    pub did: Vec<String>,
    pub learned: Vec<String>,
    pub same: Vec<Vec<String>>,
    pub vague: Vec<String>,
    pub fillers: Vec<Filler>,
}

/// A word or phrase said to fill a silence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filler {
    pub say: String,
    /// No filler right after one of these words ("I like children").
    #[serde(default)]
    pub unless_after: Vec<String>,
    /// No filler right before one of these ("would like to").
    #[serde(default)]
    pub unless_before: Vec<String>,
    /// A filler only when it opens the answer (after other fillers at most), or opens
    /// a sentence with a comma after it ("So, I…" but not "so I built a plan"). Set
    /// apart by commas on both sides, any listed word is a filler.
    #[serde(default)]
    pub only_opening: bool,
}

impl Cues {
    pub fn parse(text: &str) -> Result<Self, ron::error::SpannedError> {
        ron::from_str(text)
    }
}

/// Words that carry no content for coverage.
const STOP: &[&str] = &[
    "a", "an", "and", "the", "i", "my", "me", "to", "of", "in", "on", "for", "at", "by", "with",
    "was", "were", "is", "are", "be", "been", "being", "it", "that", "this", "as", "from", "so",
    "but", "or", "had", "have", "has", "did", "do", "does", "not", "no", "then", "which", "what",
    "when", "who", "into", "about", "after", "before", "since", "we", "our", "us", "they", "their",
    "its", "am", "will", "would", "could", "can", "should", "may", "might", "must", "just", "also",
    "very", "there", "here", "how", "why", "all", "any", "some", "more", "most", "you", "your",
    "he", "she", "her", "his", "him", "them", "these", "those", "than", "too", "out", "up", "if",
    "each", "every", "both", "such", "own", "same", "other", "off", "over", "again", "once",
    "only", "while", "during", "through", "because", "though", "get", "got", "i'm", "i've", "i'll",
    "i'd", "it's", "that's", "there's", "didn't", "don't", "won't", "can't", "wasn't", "isn't",
    "doesn't", "haven't",
];

/// A word of the answer as said: lowercased, with "’" as "'", where it is in the text
/// and which sentence holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Word {
    text: String,
    start: usize,
    end: usize,
    sentence: usize,
    comma_after: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words of `text`. An apostrophe or hyphen between letters stays in the word
/// ("didn't", "med-peds", "j-1"); `.`, `!`, `?`, `;`, `:` and line ends close a sentence.
fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut sentence = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if is_word_char(c) {
            let start = at;
            let mut j = i;
            let mut word = String::new();
            while j < chars.len() {
                let (_, d) = chars[j];
                let joins = matches!(d, '\'' | '’' | '-')
                    && j > i
                    && chars.get(j + 1).is_some_and(|(_, n)| is_word_char(*n));
                if is_word_char(d) {
                    word.extend(d.to_lowercase());
                } else if joins {
                    word.push(if d == '-' { '-' } else { '\'' });
                } else {
                    break;
                }
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
            out.push(Word {
                text: word,
                start,
                end,
                sentence,
                comma_after: false,
            });
            i = j;
            continue;
        }
        match c {
            ',' => {
                if let Some(last) = out.last_mut()
                    && last.sentence == sentence
                {
                    last.comma_after = true;
                }
            }
            // A point inside a number ("2.5") closes nothing.
            '.' if chars.get(i + 1).is_some_and(|(_, n)| n.is_ascii_digit())
                && i > 0
                && chars[i - 1].1.is_ascii_digit() => {}
            '.' | '!' | '?' | ';' | ':' | '\n'
                if out.last().is_some_and(|w| w.sentence == sentence) =>
            {
                sentence += 1;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The plain form of a word, so "passed", "passing" and "passes" meet "pass" and
/// "studies" meets "study". Applied until it settles, so every form of a word lands on
/// the same stem.
pub fn stem(word: &str) -> String {
    let word = word.strip_suffix("'s").unwrap_or(word);
    let mut current = word.to_string();
    for _ in 0..4 {
        let next = stem_once(&current);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

fn stem_once(word: &str) -> String {
    let len = word.chars().count();
    for (suffix, with) in [("ies", "y"), ("ied", "y")] {
        if len > 4
            && let Some(base) = word.strip_suffix(suffix)
        {
            return format!("{base}{with}");
        }
    }
    let cut = |base: &str| -> String {
        // "planned" and "planning" meet "plan": drop a doubled final consonant.
        let mut chars: Vec<char> = base.chars().collect();
        let n = chars.len();
        if n >= 4 && chars[n - 1] == chars[n - 2] && !"aeiouls".contains(chars[n - 1]) {
            chars.pop();
        }
        chars.into_iter().collect()
    };
    if let Some(base) = word.strip_suffix("ing") {
        match base.chars().count() {
            n if n >= 3 => return cut(base),
            // "using" meets "use".
            2 => return format!("{base}e"),
            _ => {}
        }
    }
    if !word.ends_with("eed")
        && let Some(base) = word.strip_suffix("ed")
    {
        match base.chars().count() {
            n if n >= 3 => return cut(base),
            // "used" meets "use".
            2 => return format!("{base}e"),
            _ => {}
        }
    }
    if let Some(base) = word.strip_suffix("es")
        && base.chars().count() >= 3
    {
        return base.to_string();
    }
    if !word.ends_with("ss")
        && let Some(base) = word.strip_suffix('s')
        && base.chars().count() >= 3
    {
        return base.to_string();
    }
    if let Some(base) = word.strip_suffix("ly")
        && base.chars().count() >= 3
    {
        return base.to_string();
    }
    // "care" meets "caring", "time" meets "timed".
    if len >= 3
        && let Some(base) = word.strip_suffix('e')
    {
        return base.to_string();
    }
    word.to_string()
}

/// A phrase as the words to match.
fn phrase(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.text).collect()
}

/// The lists, made ready to match.
#[derive(Debug, Default)]
struct Compiled {
    parts: [Vec<Vec<String>>; 3],
    /// Stem of a word to the stem it counts as.
    same_word: HashMap<String, String>,
    /// Stems of a phrase to the stem it counts as, longest first.
    same_phrase: Vec<(Vec<String>, String)>,
    vague: BTreeSet<String>,
    fillers: Vec<(Vec<String>, Filler)>,
}

impl Compiled {
    fn new(cues: &Cues) -> Self {
        let mut same_word = HashMap::new();
        let mut same_phrase = Vec::new();
        for group in &cues.same {
            let Some(first) = group.first() else { continue };
            let canon: Vec<String> = phrase(first).iter().map(|w| stem(w)).collect();
            let canon = canon.join(" ");
            for member in group {
                let stems: Vec<String> = phrase(member).iter().map(|w| stem(w)).collect();
                match stems.as_slice() {
                    [] => {}
                    [one] => {
                        same_word.insert(one.clone(), canon.clone());
                    }
                    _ => same_phrase.push((stems, canon.clone())),
                }
            }
        }
        same_phrase.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let mut fillers: Vec<(Vec<String>, Filler)> = cues
            .fillers
            .iter()
            .map(|f| {
                let lower = |l: &[String]| l.iter().map(|w| w.to_lowercase()).collect();
                let filler = Filler {
                    unless_after: lower(&f.unless_after),
                    unless_before: lower(&f.unless_before),
                    ..f.clone()
                };
                (phrase(&f.say), filler)
            })
            .filter(|(p, _)| !p.is_empty())
            .collect();
        fillers.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let list = |l: &[String]| -> Vec<Vec<String>> {
            l.iter()
                .map(|p| phrase(p))
                .filter(|p| !p.is_empty())
                .collect()
        };
        Self {
            parts: [list(&cues.issue), list(&cues.did), list(&cues.learned)],
            same_word,
            same_phrase,
            vague: cues.vague.iter().map(|w| w.to_lowercase()).collect(),
            fillers,
        }
    }
}

fn compiled() -> &'static Compiled {
    static CUES: OnceLock<Compiled> = OnceLock::new();
    CUES.get_or_init(|| Compiled::new(&Cues::parse(EMBEDDED).unwrap_or_default()))
}

/// Whether `phrase` is said at word `i` of `ws`, inside one sentence.
fn said_at(ws: &[Word], i: usize, phrase: &[String]) -> bool {
    let Some(slice) = ws.get(i..i + phrase.len()) else {
        return false;
    };
    let sentence = ws[i].sentence;
    slice
        .iter()
        .zip(phrase)
        .all(|(w, p)| w.text == *p && w.sentence == sentence)
}

/// A filler as said: where it is in the answer and which filler it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FillerAt {
    pub start: usize,
    pub end: usize,
    pub say: String,
}

/// The fillers of `ws`, with the indices of the words they take.
fn find_fillers(ws: &[Word], c: &Compiled) -> (Vec<FillerAt>, BTreeSet<usize>) {
    let mut found = Vec::new();
    let mut taken = BTreeSet::new();
    let mut i = 0;
    while i < ws.len() {
        let hit = c.fillers.iter().find(|(p, f)| {
            if !said_at(ws, i, p) {
                return false;
            }
            let last = i + p.len() - 1;
            let before = i
                .checked_sub(1)
                .and_then(|b| ws.get(b))
                .filter(|b| b.sentence == ws[i].sentence);
            let after = ws.get(last + 1).filter(|a| a.sentence == ws[i].sentence);
            let comma_before = before.is_some_and(|b| b.comma_after);
            // Set apart by commas ("it was, like, hard"), it is a filler whatever its
            // neighbours.
            if comma_before && ws[last].comma_after {
                return true;
            }
            if before.is_some_and(|b| f.unless_after.contains(&b.text)) {
                return false;
            }
            if after.is_some_and(|a| f.unless_before.contains(&a.text)) {
                return false;
            }
            let opens_answer = (0..i).all(|j| taken.contains(&j));
            let opens_sentence = before.is_none() && ws[last].comma_after;
            !f.only_opening || opens_answer || opens_sentence
        });
        match hit {
            Some((p, f)) => {
                let last = i + p.len() - 1;
                found.push(FillerAt {
                    start: ws[i].start,
                    end: ws[last].end,
                    say: f.say.clone(),
                });
                taken.extend(i..=last);
                i = last + 1;
            }
            None => i += 1,
        }
    }
    (found, taken)
}

/// The fillers said in `text`, in order.
pub fn fillers(text: &str) -> Vec<FillerAt> {
    find_fillers(&words(text), compiled()).0
}

/// A key word: its stem as it counts, and the word it came from.
#[derive(Clone, Debug)]
struct Key {
    stem: String,
    start: usize,
    end: usize,
}

/// The content words of `ws` in their plain form, words said for one another made one,
/// fillers and the words in `skip` left out.
fn keys(ws: &[Word], c: &Compiled, skip: &BTreeSet<usize>) -> Vec<Key> {
    let stems: Vec<String> = ws.iter().map(|w| stem(&w.text)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    'words: while i < ws.len() {
        if skip.contains(&i) {
            i += 1;
            continue;
        }
        for (p, canon) in &c.same_phrase {
            let fits = stems.get(i..i + p.len()).is_some_and(|s| s == p.as_slice())
                && ws[i..i + p.len()]
                    .iter()
                    .all(|w| w.sentence == ws[i].sentence);
            if fits {
                out.push(Key {
                    stem: canon.clone(),
                    start: ws[i].start,
                    end: ws[i + p.len() - 1].end,
                });
                i += p.len();
                continue 'words;
            }
        }
        let w = &ws[i];
        if w.text.chars().count() > 2 && !STOP.contains(&w.text.as_str()) {
            let s = &stems[i];
            out.push(Key {
                stem: c.same_word.get(s).cloned().unwrap_or_else(|| s.clone()),
                start: w.start,
                end: w.end,
            });
        }
        i += 1;
    }
    out
}

fn key_set(text: &str, c: &Compiled) -> BTreeSet<String> {
    let ws = words(text);
    let (_, skip) = find_fillers(&ws, c);
    keys(&ws, c, &skip).into_iter().map(|k| k.stem).collect()
}

/// The share of a part's key words an attempt must use to cover it.
pub const COVER_SHARE: f64 = 0.3;

/// Key words an attempt must share with a part to cover it, whatever its length: key
/// points, not a recitation.
pub const COVER_WORDS: usize = 3;

/// How a part was heard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown {
    /// A phrase that opens the part, with what followed it: the byte range said.
    Phrase(usize, usize),
    /// Key words of the draft's part, said: their byte ranges.
    Words(Vec<(usize, usize)>),
}

/// What recall heard in an attempt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Heard {
    /// For the issue, what was done and what was learned: how it was heard, or `None`.
    pub parts: [Option<Shown>; 3],
    pub fillers: Vec<FillerAt>,
}

/// A cue phrase said: which part it opens and the words it spans.
struct CueAt {
    part: usize,
    from: usize,
    to: usize,
}

/// The cue phrases of `ws`; where two overlap, the longer one stands, or else the
/// one said first ("since then I" opens what was learned, not "then I").
fn cue_phrases(ws: &[Word], c: &Compiled, skip: &BTreeSet<usize>) -> Vec<CueAt> {
    let mut all = Vec::new();
    for i in 0..ws.len() {
        if skip.contains(&i) {
            continue;
        }
        for (part, list) in c.parts.iter().enumerate() {
            let longest = list
                .iter()
                .filter(|p| said_at(ws, i, p))
                .map(Vec::len)
                .max();
            if let Some(n) = longest {
                all.push(CueAt {
                    part,
                    from: i,
                    to: i + n,
                });
            }
        }
    }
    let overlaps = |a: &CueAt, b: &CueAt| a.from < b.to && b.from < a.to;
    let kept: Vec<bool> = all
        .iter()
        .map(|a| {
            !all.iter().any(|b| {
                b.part != a.part
                    && overlaps(a, b)
                    && (
                        b.to - b.from,
                        std::cmp::Reverse(b.from),
                        std::cmp::Reverse(b.part),
                    ) > (
                        a.to - a.from,
                        std::cmp::Reverse(a.from),
                        std::cmp::Reverse(a.part),
                    )
            })
        })
        .collect();
    all.into_iter()
        .zip(kept)
        .filter_map(|(a, k)| k.then_some(a))
        .collect()
}

/// Whether words `from..` of `ws` make a clause: two words or more before the sentence
/// ends (or the issue is named), one of them with content. Returns its last word.
fn clause(
    ws: &[Word],
    from: usize,
    c: &Compiled,
    skip: &BTreeSet<usize>,
    issue_at: &BTreeSet<usize>,
) -> Option<usize> {
    let sentence = ws.get(from.checked_sub(1)?)?.sentence;
    let mut said = 0;
    let mut content = 0;
    let mut last = None;
    for (i, w) in ws.iter().enumerate().skip(from) {
        if w.sentence != sentence || issue_at.contains(&i) {
            break;
        }
        if skip.contains(&i) {
            continue;
        }
        said += 1;
        last = Some(i);
        let plain = w.text.chars().count() > 2
            && !STOP.contains(&w.text.as_str())
            && !c.vague.contains(&w.text);
        if plain {
            content += 1;
        }
    }
    (said >= 2 && content >= 1).then_some(last).flatten()
}

/// The sentence of the word that starts at byte `start`.
fn sentence_of(ws: &[Word], start: usize) -> Option<usize> {
    ws.iter().find(|w| w.start == start).map(|w| w.sentence)
}

/// What `attempt` said of each part of `answer`, and its fillers.
pub fn hear(attempt: &str, answer: &InterviewAnswer) -> Heard {
    let c = compiled();
    let ws = words(attempt);
    let (fillers, skip) = find_fillers(&ws, c);
    let said = keys(&ws, c, &skip);
    let cues = cue_phrases(&ws, c, &skip);
    let issue_at: BTreeSet<usize> = cues
        .iter()
        .filter(|a| a.part == 0)
        .flat_map(|a| a.from..a.to)
        .collect();
    let own = [&answer.issue, &answer.did, &answer.learned].map(|p| key_set(p, c));
    let mut parts: [Option<Shown>; 3] = Default::default();
    for (part, slot) in parts.iter_mut().enumerate() {
        // The words this part alone holds, when it has a few: the part is told apart
        // from the other two by them.
        let others: BTreeSet<&String> = own
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != part)
            .flat_map(|(_, s)| s.iter())
            .collect();
        let distinct: BTreeSet<&String> =
            own[part].iter().filter(|w| !others.contains(w)).collect();
        let wanted: BTreeSet<&String> = if distinct.len() >= 2 {
            distinct
        } else {
            own[part].iter().collect()
        };
        let mut hits: Vec<(usize, usize)> = Vec::new();
        let mut seen = BTreeSet::new();
        for k in &said {
            if wanted.contains(&k.stem) && seen.insert(k.stem.clone()) {
                hits.push((k.start, k.end));
            }
        }
        // A phrase of the part with one of the part's words in its sentence, besides
        // the phrase's own ("I failed Step 1": yes; "I learned so much": not yet).
        let with_fact = |a: &CueAt| {
            let (from, to) = (ws[a.from].start, ws[a.to - 1].end);
            let sentence = ws[a.from].sentence;
            said.iter().any(|k| {
                own[part].contains(&k.stem)
                    && (k.end <= from || k.start >= to)
                    && sentence_of(&ws, k.start) == Some(sentence)
            })
        };
        let needed = ((wanted.len() as f64 * COVER_SHARE).ceil() as usize).clamp(1, COVER_WORDS);
        let mine: Vec<&CueAt> = cues.iter().filter(|a| a.part == part).collect();
        *slot = if !wanted.is_empty() && hits.len() >= needed {
            Some(Shown::Words(hits))
        } else if part == 0 {
            // The issue is named by its phrase ("I failed", "the gap") with a fact of
            // the draft's, or by the phrase alone when the draft has none yet.
            mine.iter()
                .find(|a| wanted.is_empty() || with_fact(a))
                .map(|a| Shown::Phrase(ws[a.from].start, ws[a.to - 1].end))
        } else {
            let opened = mine.iter().find_map(|a| {
                clause(&ws, a.to, c, &skip, &issue_at)
                    .map(|last| Shown::Phrase(ws[a.from].start, ws[last].end))
            });
            opened.or_else(|| {
                mine.iter()
                    .find(|a| with_fact(a))
                    .map(|a| Shown::Phrase(ws[a.from].start, ws[a.to - 1].end))
            })
        };
    }
    Heard { parts, fillers }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cue_lists_parse_and_have_no_empty_phrase() {
        let cues = Cues::parse(EMBEDDED).unwrap();
        for list in [&cues.issue, &cues.did, &cues.learned] {
            assert!(list.len() >= 10);
            assert!(list.iter().all(|p| !phrase(p).is_empty()), "{list:?}");
        }
        assert!(cues.same.iter().all(|g| g.len() >= 2), "a group of one");
        assert!(cues.fillers.iter().all(|f| !phrase(&f.say).is_empty()));
    }

    #[test]
    fn every_form_of_a_word_meets_one_stem() {
        for forms in [
            ["plan", "planned", "planning", "plans"],
            ["study", "studies", "studied", "studying"],
            ["pass", "passed", "passes", "passing"],
            ["care", "cared", "caring", "cares"],
            ["time", "timed", "times", "timing"],
            ["use", "used", "uses", "using"],
            ["family", "families", "family", "family's"],
            ["nurse", "nurses", "nursed", "nursing"],
        ] {
            let stems: BTreeSet<String> = forms.iter().map(|w| stem(w)).collect();
            assert_eq!(stems.len(), 1, "{forms:?}: {stems:?}");
        }
        assert_ne!(stem("need"), stem("ne"));
        assert_eq!(stem("needed"), stem("needs"));
    }

    #[test]
    fn words_keep_contractions_and_close_sentences() {
        let ws = words("I didn’t pass Step 1. So, med-peds; 2.5 weeks");
        let texts: Vec<&str> = ws.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "i", "didn't", "pass", "step", "1", "so", "med-peds", "2", "5", "weeks"
            ]
        );
        let sentences: Vec<usize> = ws.iter().map(|w| w.sentence).collect();
        assert_eq!(sentences, [0, 0, 0, 0, 0, 1, 1, 2, 2, 2]);
        assert!(ws[5].comma_after);
        assert_eq!(&"I didn’t pass"[ws[1].start..ws[1].end], "didn’t");
    }
}
