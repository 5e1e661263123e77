//! Second-language English: the slips fluent non-native writers make and general
//! checkers miss (uncountable nouns, prepositions after verbs, tense with "since",
//! "me and my team", its/it's, a/an by sound, a doubled word, "could of").
//!
//! Each check is a rule in `coach.ron`, switchable like any other; its word lists live
//! there too, under `second_language`. The checks read words, never guess at grammar
//! they cannot see: where a pattern could be right English, they stay silent.

mod article;
mod nouns;
mod prepositions;
mod pronouns;
mod slips;
mod tense;
mod verbs;

use std::collections::{HashMap as StdMap, HashSet as StdSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use serde::Deserialize;

use super::tokens::{Sentence, Word, stem};
use super::{Coach, Finding};

/// Rules whose logic lives here (their words and level live in `coach.ron`).
pub const RULES: &[&str] = &[
    "uncountable",
    "preposition",
    "tense",
    "me_and",
    "its_its",
    "a_an",
    "doubled_word",
    "could_of",
];

/// The word lists the checks read, from `coach.ron`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lists {
    /// Nouns with no plural and no "a".
    pub uncountable: Vec<Uncountable>,
    /// Of those, nouns whose plural is spelt like a verb ("researches").
    pub also_verbs: Vec<String>,
    /// Of those, nouns that take "a" ("a good knowledge of").
    pub take_a: Vec<String>,
    /// Of those, nouns already plural ("these data", "many staff").
    pub already_plural: Vec<String>,
    /// Describing words allowed between "a" and such a noun.
    pub describing: Vec<String>,
    /// Counting words before such a plural, and what to write instead.
    pub quantifiers: Vec<(String, String)>,
    /// Words and the preposition they do not take.
    pub prepositions: Vec<Pair>,
    /// (base, past, participle) of verbs not formed with -ed.
    pub irregular_verbs: Vec<(String, String, String)>,
    /// Regular verbs whose last letter doubles before -ed and -ing.
    pub doubling: Vec<String>,
    pub months: Vec<String>,
    /// Words after "since" that name a time, not a reason.
    pub since_times: Vec<String>,
    /// Past verbs that make "since I left ..." a time.
    pub since_verbs: Vec<String>,
    /// Words that keep a present verb in the present after a past clause.
    pub present_markers: Vec<String>,
    /// After "its", words that mean "it is".
    pub its_then_it_is: Vec<String>,
    /// After "its", adverbs that mean "it is" when "it is" words follow them.
    pub its_adverbs: Vec<String>,
    /// After "its", describing words that mean "it is" when a clause follows.
    pub its_predicates: Vec<String>,
    /// Prepositions before "it's" that call for "its".
    pub possessive_after: Vec<String>,
    /// Verbs before "it's" that call for "its" (base forms).
    pub possessive_verbs: Vec<String>,
    /// Word beginnings and how they sound; the longest match wins.
    pub sounds: Vec<(String, Sound)>,
    /// Whole words and how they sound.
    pub sound_words: Vec<(String, Sound)>,
    /// Capital-letter abbreviations said as a word.
    pub acronym_words: Vec<String>,
    /// Capital-letter abbreviations said letter by letter, though readable as a word.
    pub acronym_letters: Vec<String>,
    /// Capital-letter abbreviations heard both ways.
    pub acronym_either: Vec<String>,
    /// Words that are right twice in a row.
    pub doubles: Vec<String>,
    /// Words right twice in a row only after "what" or "all" ("what it is is").
    pub doubles_after_what: Vec<String>,
    /// Abbreviations whose full stop does not end a sentence.
    pub abbreviations: Vec<String>,
    #[serde(skip)]
    index: Cache,
}

/// An uncountable noun and how to count it, if it can be counted.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uncountable {
    pub noun: String,
    /// What to write after a number ("pieces of advice").
    #[serde(default)]
    pub counted: Option<String>,
}

/// A word and a preposition it does not take.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    /// The word's base form ("discuss", "responsible").
    pub word: String,
    /// The wrong word that follows; empty when a preposition is missing.
    #[serde(default)]
    pub after: String,
    /// What replaces `after` (empty drops it), or what goes after the word when
    /// `after` is empty.
    pub fix: String,
    #[serde(default)]
    pub forms: Forms,
    /// Only when the word after the pair is one of these.
    #[serde(default)]
    pub next: Vec<String>,
    /// Only when one of these nouns follows before punctuation or a preposition.
    #[serde(default)]
    pub objects: Vec<String>,
    /// Only after one of these words.
    #[serde(default)]
    pub before: Vec<String>,
    /// Not when one of these words follows the pair.
    #[serde(default)]
    pub unless_next: Vec<String>,
}

/// Which forms of a pair's word count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Forms {
    /// Any form of the verb: base, -s, -ed, -ing.
    #[default]
    All,
    /// Only -ed and -ing: the base form is also a noun that takes the preposition.
    Inflected,
    /// The word exactly as written.
    Exact,
}

/// How a word begins to sound, for "a" or "an".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sound {
    /// A consonant sound: "a".
    A,
    /// A vowel sound: "an".
    An,
    /// Heard both ways: neither is questioned.
    Either,
}

/// A quick hash for short words (the multiply-rotate of Firefox's FxHash). The keys
/// are our own word lists, so no one can choose words that collide.
#[derive(Default, Clone, Copy)]
struct QuickHasher(u64);

impl Hasher for QuickHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type HashMap<K, V> = StdMap<K, V, BuildHasherDefault<QuickHasher>>;
type HashSet<K> = StdSet<K, BuildHasherDefault<QuickHasher>>;

/// The lists made into lookups, once per rule set.
#[derive(Clone, Default)]
struct Cache(OnceLock<Index>);

impl PartialEq for Cache {
    /// A cache says nothing the lists do not.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Cache")
    }
}

/// One uncountable noun as the checks look it up.
#[derive(Clone, Debug)]
struct Noun {
    singular: String,
    counted: Option<String>,
    also_verb: bool,
    take_a: bool,
    already_plural: bool,
}

#[derive(Clone, Debug, Default)]
struct Index {
    /// By singular and by plural.
    nouns: HashMap<String, Noun>,
    plurals: HashMap<String, String>,
    describing: HashSet<String>,
    quantifiers: HashMap<String, String>,
    /// Pairs by the Snowball stem of their word.
    pairs: HashMap<String, Vec<Pair>>,
    /// base -> (past, participle); past -> base; participle -> past.
    irregular: HashMap<String, (String, String)>,
    pasts: HashSet<String>,
    participles: HashMap<String, String>,
    doubling: HashSet<String>,
    months: HashSet<String>,
    since_times: HashSet<String>,
    since_verbs: HashSet<String>,
    present_markers: HashSet<String>,
    its_then_it_is: HashSet<String>,
    its_adverbs: HashSet<String>,
    its_predicates: HashSet<String>,
    possessive_after: HashSet<String>,
    /// Stems of every form of the possessive verbs.
    possessive_verbs: HashSet<String>,
    /// Longest first.
    sounds: Vec<(String, Sound)>,
    sound_words: HashMap<String, Sound>,
    acronym_words: HashSet<String>,
    acronym_letters: HashSet<String>,
    acronym_either: HashSet<String>,
    doubles: HashSet<String>,
    doubles_after_what: HashSet<String>,
    abbreviations: HashSet<String>,
}

fn lowered(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| w.trim().to_lowercase()).collect()
}

fn uppered(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| w.trim().to_uppercase()).collect()
}

impl Lists {
    fn index(&self) -> &Index {
        self.index.0.get_or_init(|| self.build())
    }

    fn build(&self) -> Index {
        let also = lowered(&self.also_verbs);
        let take_a = lowered(&self.take_a);
        let already_plural = lowered(&self.already_plural);
        let mut nouns = HashMap::default();
        let mut plurals = HashMap::default();
        for u in &self.uncountable {
            let singular = u.noun.trim().to_lowercase();
            plurals.insert(verbs::plural(&singular), singular.clone());
            nouns.insert(
                singular.clone(),
                Noun {
                    also_verb: also.contains(&singular),
                    take_a: take_a.contains(&singular),
                    already_plural: already_plural.contains(&singular),
                    counted: u.counted.clone().filter(|c| !c.trim().is_empty()),
                    singular,
                },
            );
        }
        let mut irregular = HashMap::default();
        let mut pasts = HashSet::default();
        let mut participles = HashMap::default();
        for (base, past, part) in &self.irregular_verbs {
            let (base, past, part) = (
                base.to_lowercase(),
                past.to_lowercase(),
                part.to_lowercase(),
            );
            pasts.insert(past.clone());
            if base == "be" {
                pasts.insert("were".to_string());
            }
            participles.insert(part.clone(), past.clone());
            irregular.insert(base, (past, part));
        }
        let mut pairs: HashMap<String, Vec<Pair>> = HashMap::default();
        for p in &self.prepositions {
            let mut p = p.clone();
            p.word = p.word.trim().to_lowercase();
            p.after = p.after.trim().to_lowercase();
            p.next = p.next.iter().map(|w| w.to_lowercase()).collect();
            p.objects = p.objects.iter().map(|w| w.to_lowercase()).collect();
            p.before = p.before.iter().map(|w| w.to_lowercase()).collect();
            p.unless_next = p.unless_next.iter().map(|w| w.to_lowercase()).collect();
            pairs.entry(stem(&p.word)).or_default().push(p);
        }
        let mut possessive_verbs = HashSet::default();
        for base in lowered(&self.possessive_verbs) {
            possessive_verbs.insert(stem(&base));
            possessive_verbs.insert(stem(&verbs::third(&base)));
            if let Some((past, part)) = irregular.get(&base) {
                possessive_verbs.insert(stem(past));
                possessive_verbs.insert(stem(part));
            }
        }
        let mut sounds: Vec<(String, Sound)> = self
            .sounds
            .iter()
            .map(|(p, s)| (p.to_lowercase(), *s))
            .filter(|(p, _)| !p.is_empty())
            .collect();
        sounds.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        Index {
            nouns,
            plurals,
            describing: lowered(&self.describing),
            quantifiers: self
                .quantifiers
                .iter()
                .map(|(q, r)| (q.to_lowercase(), r.clone()))
                .collect(),
            pairs,
            irregular,
            pasts,
            participles,
            doubling: lowered(&self.doubling),
            months: lowered(&self.months),
            since_times: lowered(&self.since_times),
            since_verbs: lowered(&self.since_verbs),
            present_markers: lowered(&self.present_markers),
            its_then_it_is: lowered(&self.its_then_it_is),
            its_adverbs: lowered(&self.its_adverbs),
            its_predicates: lowered(&self.its_predicates),
            possessive_after: lowered(&self.possessive_after),
            possessive_verbs,
            sounds,
            sound_words: self
                .sound_words
                .iter()
                .map(|(w, s)| (w.to_lowercase(), *s))
                .collect(),
            acronym_words: uppered(&self.acronym_words),
            acronym_letters: uppered(&self.acronym_letters),
            acronym_either: uppered(&self.acronym_either),
            doubles: lowered(&self.doubles),
            doubles_after_what: lowered(&self.doubles_after_what),
            abbreviations: lowered(&self.abbreviations),
        }
    }
}

/// One word in the text with where its sentence begins.
struct Tok<'a> {
    w: &'a Word<'a>,
    /// The first word of its sentence (a full stop after "Dr" does not end one).
    first: bool,
}

/// What every check reads: the text, its words in order, the lists, and where
/// findings go.
struct Ctx<'a, 'o> {
    coach: &'a Coach,
    text: &'a str,
    part: Option<&'a str>,
    toks: Vec<Tok<'a>>,
    idx: &'a Index,
    out: &'o mut Vec<Finding>,
}

impl<'a> Ctx<'a, '_> {
    fn len(&self) -> usize {
        self.toks.len()
    }

    fn lower(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.w.lower.as_str())
    }

    fn word(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.w.text)
    }

    fn start(&self, i: usize) -> usize {
        self.toks[i].w.start
    }

    fn end(&self, i: usize) -> usize {
        self.toks[i].w.end
    }

    /// The text between word `i - 1` and word `i`; empty for the first word.
    fn gap(&self, i: usize) -> &'a str {
        if i == 0 || i >= self.toks.len() {
            return "";
        }
        self.text
            .get(self.toks[i - 1].w.end..self.toks[i].w.start)
            .unwrap_or("")
    }

    /// Word `i` follows word `i - 1` in the same sentence with only spaces between.
    fn joined(&self, i: usize) -> bool {
        i > 0 && i < self.toks.len() && !self.toks[i].first && {
            let gap = self.gap(i);
            !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\t' || c == '\u{a0}')
        }
    }

    /// Word `i` follows word `i - 1` within one phrase: spaces, a hyphen or an
    /// abbreviation's full stop between, but no comma or other punctuation.
    fn linked(&self, i: usize) -> bool {
        if i == 0 || i >= self.toks.len() || self.toks[i].first {
            return false;
        }
        let gap = self.gap(i);
        let abbreviation = self.idx.abbreviations.contains(self.lower(i - 1));
        gap.chars().all(|c| {
            c == ' ' || c == '\t' || c == '\u{a0}' || c == '-' || (c == '.' && abbreviation)
        })
    }

    /// Word `i` starts a sentence, or a clause after a comma, semicolon or colon.
    fn clause_start(&self, i: usize) -> bool {
        i < self.toks.len()
            && (self.toks[i].first || self.gap(i).contains([',', ';', ':', '(', '\u{2014}']))
    }

    /// Word `i` is the last of its sentence.
    fn last(&self, i: usize) -> bool {
        i + 1 >= self.toks.len() || self.toks[i + 1].first
    }

    /// The index of the first word of the sentence holding word `i`.
    fn sentence_start(&self, i: usize) -> usize {
        let mut s = i.min(self.toks.len().saturating_sub(1));
        while s > 0 && !self.toks[s].first {
            s -= 1;
        }
        s
    }

    /// The apostrophe the writer uses.
    fn apostrophe(&self) -> char {
        if self.text.contains('\u{2019}') {
            '\u{2019}'
        } else {
            '\''
        }
    }

    /// A finding of rule `id` over bytes `start..end`, offering `suggestions`, unless
    /// the rule is switched off or the same span already has one.
    fn emit(&mut self, id: &str, start: usize, end: usize, suggestions: Vec<String>) {
        let Some(rule) = self.coach.set.rule(id) else {
            return;
        };
        if self.out.iter().any(|f| {
            f.rule == id && f.start < end && start < f.end && f.part.as_deref() == self.part
        }) {
            return;
        }
        let mut f = self.coach.finding(rule, self.part, self.text, start, end);
        f.suggestions = suggestions;
        self.out.push(f);
    }

    fn on(&self, id: &str) -> bool {
        self.coach.set.rule(id).is_some()
    }
}

/// `replacement` with its first letter in capitals when `like` starts with one.
fn same_case(like: &str, replacement: &str) -> String {
    if like.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = replacement.chars();
        chars.next().map_or_else(String::new, |c| {
            c.to_uppercase().chain(chars).collect::<String>()
        })
    } else {
        replacement.to_string()
    }
}

/// Findings for one piece of text, already split into sentences.
pub fn check(
    coach: &Coach,
    text: &str,
    sentences: &[Sentence],
    part: Option<&str>,
    out: &mut Vec<Finding>,
) {
    if !RULES.iter().any(|id| coach.set.rule(id).is_some()) {
        return;
    }
    let idx = coach.set.second_language.index();
    let mut toks: Vec<Tok> = Vec::new();
    for s in sentences {
        for (n, w) in s.words.iter().enumerate() {
            // A sentence that UAX #29 ends after "Dr." goes on.
            let after_abbreviation = toks.last().is_some_and(|prev: &Tok| {
                idx.abbreviations.contains(prev.w.lower.as_str())
                    && text
                        .get(prev.w.end..w.start)
                        .is_some_and(|gap| gap.starts_with('.') && !gap.contains('\n'))
            });
            toks.push(Tok {
                w,
                first: n == 0 && !after_abbreviation,
            });
        }
    }
    let mut cx = Ctx {
        coach,
        text,
        part,
        toks,
        idx,
        out,
    };
    slips::check(&mut cx);
    article::check(&mut cx);
    nouns::check(&mut cx);
    prepositions::check(&mut cx);
    pronouns::check(&mut cx);
    tense::check(&mut cx);
}
