//! Word classes and the patterns written over them, both from `coach.ron`.
//!
//! A class is a named list of words and short phrases ("external": the exam, the school,
//! a supervisor, circumstances…). A pattern is a line of items matched against the
//! words of one sentence, in order:
//!
//! - `@name`: any entry of the class (an entry may be several words: "kept me from");
//! - `word`: that word in any form with the same Snowball stem ("failed" is "failing");
//! - `=word`: exactly that word;
//! - `a|b|@c`: any one of these;
//! - `?item`: the item, or nothing;
//! - `...` or `...N`: up to N words (8 when no number is given); `...N-@class` skips
//!   no word of that class (so "@external ...6-@first_person @agent_harm" needs the
//!   external agent to be the one who acted);
//! - `!item`: the word before the match is not this item (only first in a pattern);
//! - `,` `:` `;` `?`: the word just matched is followed by this mark.
//!
//! So "@external ... @causal" covers "the hospital environment made it impossible" and
//! "my supervisor never allowed me", however the sentence goes on.

use std::collections::HashMap;

use super::tokens::{self, Word};

const DEFAULT_GAP: usize = 8;

/// One word of a class entry or a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Stem(String),
    Exact(String),
}

impl Token {
    fn parse(word: &str) -> Option<Token> {
        if let Some(exact) = word.strip_prefix('=') {
            let lower = tokens::fold(exact);
            return (!lower.is_empty()).then_some(Token::Exact(lower));
        }
        let lower = tokens::fold(word);
        (!lower.is_empty()).then(|| Token::Stem(tokens::stem(&lower)))
    }

    fn matches(&self, word: &Word) -> bool {
        match self {
            Token::Stem(s) => word.stem == *s,
            Token::Exact(e) => word.lower == *e,
        }
    }
}

/// Every class, compiled for lookup by a sentence's words.
#[derive(Clone, Debug, Default)]
pub struct Classes {
    names: Vec<String>,
    /// Each class's entries, as token runs.
    entries: Vec<Vec<Vec<Token>>>,
    /// Entries by their first word's stem, then by the exact first word:
    /// (class, entry) pairs to try.
    by_stem: HashMap<String, Vec<(usize, usize)>>,
    by_word: HashMap<String, Vec<(usize, usize)>>,
}

/// A class or pattern that cannot be used, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    #[error("pattern {pattern:?} names class @{class}, which does not exist")]
    NoClass { pattern: String, class: String },
    #[error("pattern {0:?} has nothing to match")]
    Empty(String),
    #[error("pattern {pattern:?}: {what}")]
    Bad { pattern: String, what: String },
    #[error("class {0:?} has an empty entry")]
    EmptyEntry(String),
}

/// Which class entries start at each word of one sentence: for each word, the
/// classes starting there, each with bit `n - 1` set when an entry `n` words long does.
#[derive(Clone, Debug, Default)]
pub struct Table {
    starts: Vec<Vec<(usize, u16)>>,
    /// Bit `c` set when class `c` occurs anywhere in the words.
    present: Vec<u64>,
}

impl Table {
    fn has(&self, class: usize) -> bool {
        self.present
            .get(class / 64)
            .is_some_and(|b| b & (1 << (class % 64)) != 0)
    }

    fn at(&self, class: usize, word: usize) -> u16 {
        self.starts
            .get(word)
            .and_then(|s| s.iter().find(|(c, _)| *c == class))
            .map_or(0, |(_, l)| *l)
    }
}

impl Classes {
    /// Compile `(name, entries)` pairs; a later pair of the same name replaces an earlier.
    pub fn new<'a>(
        defs: impl IntoIterator<Item = (&'a str, &'a [String])>,
    ) -> Result<Self, PatternError> {
        let mut out = Classes::default();
        for (name, words) in defs {
            let mut entries = Vec::new();
            for entry in words {
                // Split the way sentences are split, so "didn't" stays one word; words
                // written `=word` are matched exactly.
                let mut toks: Vec<Token> = Vec::new();
                for piece in entry.split_whitespace() {
                    let (exact, piece) = match piece.strip_prefix('=') {
                        Some(rest) => (true, rest),
                        None => (false, piece),
                    };
                    toks.extend(tokens::words(piece, 0).into_iter().map(|w| {
                        if exact {
                            Token::Exact(w.lower)
                        } else {
                            Token::Stem(w.stem)
                        }
                    }));
                }
                if toks.is_empty() || toks.len() > 16 {
                    return Err(PatternError::EmptyEntry(name.to_string()));
                }
                entries.push(toks);
            }
            match out.names.iter().position(|n| n == name) {
                Some(i) => out.entries[i] = entries,
                None => {
                    out.names.push(name.to_string());
                    out.entries.push(entries);
                }
            }
        }
        Ok(out)
    }

    /// Rebuild the lookup of entries by their first word.
    fn index(&mut self) {
        self.by_stem.clear();
        self.by_word.clear();
        for (c, entries) in self.entries.iter().enumerate() {
            for (e, toks) in entries.iter().enumerate() {
                match &toks[0] {
                    Token::Stem(s) => self.by_stem.entry(s.clone()).or_default().push((c, e)),
                    Token::Exact(w) => self.by_word.entry(w.clone()).or_default().push((c, e)),
                }
            }
        }
    }

    /// A hidden one-word class for a word a pattern names, so every item a pattern
    /// needs can be looked up in a sentence's table.
    fn literal(&mut self, token: Token) -> usize {
        let name = match &token {
            Token::Stem(s) => format!("~{s}"),
            Token::Exact(w) => format!("={w}"),
        };
        if let Some(i) = self.id(&name) {
            return i;
        }
        self.names.push(name);
        self.entries.push(vec![vec![token]]);
        self.names.len() - 1
    }

    /// Compile `patterns`, adding a hidden class for each word they name; call
    /// `finish` once every pattern is compiled, before making tables.
    pub fn compile(&mut self, patterns: &[String]) -> Result<Vec<Pattern>, PatternError> {
        patterns.iter().map(|p| Pattern::parse(p, self)).collect()
    }

    /// Index the classes after patterns have added their words.
    pub fn finish(&mut self) {
        self.index();
    }

    pub fn id(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// Where every class entry starts in `words`.
    pub fn table(&self, words: &[Word]) -> Table {
        let n = self.names.len();
        let mut starts: Vec<Vec<(usize, u16)>> = vec![Vec::new(); words.len()];
        let mut present = vec![0u64; n.div_ceil(64)];
        for (at, w) in words.iter().enumerate() {
            let candidates = self
                .by_stem
                .get(&w.stem)
                .into_iter()
                .chain(self.by_word.get(&w.lower))
                .flatten();
            for &(c, e) in candidates {
                let entry = &self.entries[c][e];
                let fits = words
                    .get(at..at + entry.len())
                    .is_some_and(|run| entry.iter().zip(run).all(|(t, w)| t.matches(w)));
                if fits {
                    let bit = 1u16 << (entry.len() - 1);
                    match starts[at].iter_mut().find(|(x, _)| *x == c) {
                        Some((_, l)) => *l |= bit,
                        None => starts[at].push((c, bit)),
                    }
                    present[c / 64] |= 1 << (c % 64);
                }
            }
        }
        Table { starts, present }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Item {
    /// A class, or the hidden class of one word.
    Class(usize),
    Alt(Vec<Item>),
    Optional(Box<Item>),
    /// Up to this many words, none of them starting an entry of the class, if any.
    Gap(usize, Option<usize>),
    /// The previous word is followed by this mark.
    Mark(char),
}

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// The word before the match must not be this.
    not_before: Option<Item>,
    items: Vec<Item>,
    /// Classes that must occur in a sentence for the pattern to have a chance there.
    required: Vec<usize>,
    /// The classes a match can begin with, when the first item says (a class or a
    /// choice of classes): only words starting one of them are tried as a start.
    first: Option<Vec<usize>>,
}

fn item(word: &str, classes: &mut Classes, pattern: &str) -> Result<Item, PatternError> {
    if let [mark @ (',' | ':' | ';' | '?')] = word.chars().collect::<Vec<_>>()[..] {
        return Ok(Item::Mark(mark));
    }
    if let Some(rest) = word.strip_prefix('?') {
        return Ok(Item::Optional(Box::new(item(rest, classes, pattern)?)));
    }
    if word.contains('|') {
        let alts = word
            .split('|')
            .map(|w| item(w, classes, pattern))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Item::Alt(alts));
    }
    if let Some(name) = word.strip_prefix('@') {
        return classes
            .id(name)
            .map(Item::Class)
            .ok_or_else(|| PatternError::NoClass {
                pattern: pattern.to_string(),
                class: name.to_string(),
            });
    }
    if let Some(n) = word.strip_prefix("...") {
        let (n, except) = match n.split_once("-@") {
            Some((n, class)) => (
                n,
                Some(classes.id(class).ok_or_else(|| PatternError::NoClass {
                    pattern: pattern.to_string(),
                    class: class.to_string(),
                })?),
            ),
            None => (n, None),
        };
        let n = if n.is_empty() {
            DEFAULT_GAP
        } else {
            n.parse().map_err(|_| PatternError::Bad {
                pattern: pattern.to_string(),
                what: format!("{word:?} is not ... followed by a number"),
            })?
        };
        return Ok(Item::Gap(n, except));
    }
    Token::parse(word)
        .map(|t| Item::Class(classes.literal(t)))
        .ok_or_else(|| PatternError::Bad {
            pattern: pattern.to_string(),
            what: format!("{word:?} is not a word"),
        })
}

impl Pattern {
    /// Parse one pattern; `Classes::compile` is the way in, which indexes the words
    /// the pattern adds.
    fn parse(text: &str, classes: &mut Classes) -> Result<Pattern, PatternError> {
        let mut not_before = None;
        let mut items = Vec::new();
        for (i, word) in text.split_whitespace().enumerate() {
            match word.strip_prefix('!') {
                Some(rest) if i == 0 => not_before = Some(item(rest, classes, text)?),
                Some(_) => {
                    return Err(PatternError::Bad {
                        pattern: text.to_string(),
                        what: "! may only open a pattern".into(),
                    });
                }
                None => items.push(item(word, classes, text)?),
            }
        }
        let solid = items
            .iter()
            .any(|i| !matches!(i, Item::Gap(..) | Item::Optional(_) | Item::Mark(_)));
        if !solid {
            return Err(PatternError::Empty(text.to_string()));
        }
        // A leading or trailing gap only widens the span: drop it.
        while matches!(items.first(), Some(Item::Gap(..))) {
            items.remove(0);
        }
        while matches!(items.last(), Some(Item::Gap(..))) {
            items.pop();
        }
        let required = items
            .iter()
            .filter_map(|i| match i {
                Item::Class(c) => Some(*c),
                _ => None,
            })
            .collect();
        let first = match items.first() {
            Some(Item::Class(c)) => Some(vec![*c]),
            Some(Item::Alt(alts)) => alts
                .iter()
                .map(|a| match a {
                    Item::Class(c) => Some(*c),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        Ok(Pattern {
            not_before,
            items,
            required,
            first,
        })
    }

    /// The first match in `words[range]`, a sentence of the text the table was made
    /// for: (first word, one past the last word).
    pub fn find(
        &self,
        table: &Table,
        words: &[Word],
        range: std::ops::Range<usize>,
    ) -> Option<(usize, usize)> {
        if !self.required.iter().all(|&c| table.has(c)) {
            return None;
        }
        let ctx = Ctx {
            table,
            words,
            limit: range.end,
        };
        range.clone().find_map(|at| {
            if let Some(first) = &self.first
                && !first.iter().any(|&c| table.at(c, at) != 0)
            {
                return None;
            }
            if let Some(nb) = &self.not_before
                && at > range.start
                && step(nb, at - 1, &ctx, &mut |e| (e == at).then_some(e)).is_some()
            {
                return None;
            }
            end(&self.items, at, &ctx).map(|e| (at, e))
        })
    }
}

struct Ctx<'a, 'w> {
    table: &'a Table,
    words: &'a [Word<'w>],
    /// One past the sentence's last word.
    limit: usize,
}

/// Try `item` at `at`, calling `then` with each place it can end, shortest first;
/// the first answer `then` gives is the answer.
fn step(
    item: &Item,
    at: usize,
    ctx: &Ctx,
    then: &mut dyn FnMut(usize) -> Option<usize>,
) -> Option<usize> {
    match item {
        Item::Class(c) => {
            if at >= ctx.limit {
                return None;
            }
            let mut lens = ctx.table.at(*c, at);
            while lens != 0 {
                let n = lens.trailing_zeros() as usize + 1;
                lens &= lens - 1;
                if at + n <= ctx.limit
                    && let Some(e) = then(at + n)
                {
                    return Some(e);
                }
            }
            None
        }
        Item::Alt(alts) => alts.iter().find_map(|a| step(a, at, ctx, then)),
        Item::Optional(inner) => then(at).or_else(|| step(inner, at, ctx, then)),
        Item::Gap(n, except) => {
            let mut stop = (at + n).min(ctx.limit);
            if let Some(c) = except {
                // The gap ends before the first word of the excluded class.
                stop = (at..stop)
                    .find(|&i| ctx.table.at(*c, i) != 0)
                    .unwrap_or(stop);
            }
            (at..=stop).find_map(then)
        }
        Item::Mark(c) => {
            if at > 0 && ctx.words[at - 1].after == *c {
                then(at)
            } else {
                None
            }
        }
    }
}

/// The end of a full match of `items` starting at `at`.
fn end(items: &[Item], at: usize, ctx: &Ctx) -> Option<usize> {
    let Some((first, rest)) = items.split_first() else {
        return Some(at);
    };
    step(first, at, ctx, &mut |next| end(rest, next, ctx))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes() -> Classes {
        let ext = vec![
            "the hospital".to_string(),
            "my supervisor".into(),
            "exam".into(),
        ];
        let causal = vec!["made".to_string(), "kept me from".into(), "prevent".into()];
        let det = vec!["that".to_string(), "this".into()];
        Classes::new([
            ("external", ext.as_slice()),
            ("causal", causal.as_slice()),
            ("determiner", det.as_slice()),
        ])
        .unwrap()
    }

    fn hit(pattern: &str, text: &str) -> Option<String> {
        let mut c = classes();
        let p = c.compile(&[pattern.to_string()]).unwrap().remove(0);
        c.finish();
        let words = tokens::words(text, 0);
        let table = c.table(&words);
        p.find(&table, &words, 0..words.len())
            .map(|(a, b)| text[words[a].start..words[b - 1].end].to_string())
    }

    #[test]
    fn classes_gaps_and_stems() {
        assert_eq!(
            hit(
                "@external ... @causal",
                "Honestly the hospital environment made it hard."
            ),
            Some("the hospital environment made".into())
        );
        assert_eq!(
            hit(
                "@external ... @causal",
                "My supervisor kept me from the clinic."
            ),
            Some("My supervisor kept me from".into())
        );
        assert_eq!(
            hit(
                "@external ...1 @causal",
                "The exam schedule prevented rest."
            ),
            Some("exam schedule prevented".into())
        );
        assert_eq!(
            hit(
                "@external ...1 @causal",
                "The exam and its schedule prevented rest."
            ),
            None
        );
        assert_eq!(hit("fail", "I failed twice"), Some("failed".into()));
        assert_eq!(hit("=fail", "I failed twice"), None);
    }

    #[test]
    fn optional_alternatives_and_not_before() {
        assert_eq!(hit("kind ?=of", "it was kind"), Some("kind".into()));
        assert_eq!(
            hit("=sorry|=forgive", "please forgive"),
            Some("forgive".into())
        );
        assert_eq!(hit("!@determiner kind =of", "that kind of trust"), None);
        assert_eq!(
            hit("!@determiner kind =of", "I was kind of tired"),
            Some("kind of".into())
        );
        assert_eq!(
            hit("!@determiner kind =of", "Kind of tired"),
            Some("Kind of".into())
        );
        assert_eq!(hit("=like ,", "It was, like, fine"), Some("like".into()));
        assert_eq!(hit("=like ,", "It was like a test"), None);
    }

    #[test]
    fn bad_patterns_are_refused() {
        let mut c = classes();
        assert!(matches!(
            Pattern::parse("@nope x", &mut c),
            Err(PatternError::NoClass { .. })
        ));
        assert!(matches!(
            Pattern::parse("... ?x", &mut c),
            Err(PatternError::Empty(_))
        ));
        assert!(matches!(
            Pattern::parse("x !y", &mut c),
            Err(PatternError::Bad { .. })
        ));
        assert!(matches!(
            Pattern::parse("x ...z", &mut c),
            Err(PatternError::Bad { .. })
        ));
    }
}
