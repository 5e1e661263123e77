//! Every phrase of every rule and marker compiled once into one automaton, so a check
//! is a single pass over the text however many phrases there are.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::rules::RuleSet;

/// What a phrase belongs to: a rule or a marker, by index in the rule set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Rule(usize),
    Marker(usize),
}

/// One phrase found, as byte offsets into the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    /// Pattern index to everything that pattern stands for.
    targets: Vec<Vec<Target>>,
}

/// Both apostrophes, so "wasn't" in a rule matches "wasn’t" in a draft.
fn variants(phrase: &str) -> Vec<String> {
    let lower = phrase.to_lowercase();
    if lower.contains('\'') {
        vec![lower.clone(), lower.replace('\'', "\u{2019}")]
    } else {
        vec![lower]
    }
}

impl Matcher {
    pub fn new(set: &RuleSet) -> Self {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        let mut add = |phrase: &str, target: Target| {
            // An empty phrase would match between every two bytes; rule files refuse
            // one, and none reaches the automaton whatever a file holds.
            if phrase.trim().is_empty() {
                return;
            }
            for v in variants(phrase) {
                let i = *index.entry(v.clone()).or_insert_with(|| {
                    patterns.push(v);
                    targets.push(Vec::new());
                    patterns.len() - 1
                });
                if !targets[i].contains(&target) {
                    targets[i].push(target);
                }
            }
        };
        for (i, rule) in set.rules.iter().enumerate().filter(|(_, r)| r.enabled) {
            for p in &rule.phrases {
                add(p, Target::Rule(i));
            }
        }
        for (i, marker) in set.markers.iter().enumerate() {
            for p in &marker.phrases {
                add(p, Target::Marker(i));
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .ok();
        Self { automaton, targets }
    }

    /// Every whole-word occurrence of every phrase in `text`, overlaps included.
    pub fn scan(&self, text: &str, out: &mut Vec<Hit>) {
        let Some(ac) = &self.automaton else { return };
        // Phrases are lower case; folding ASCII letters keeps every byte offset, and an
        // automaton without case folding builds in half the time.
        let folded = text.to_ascii_lowercase();
        for m in ac.find_overlapping_iter(&folded) {
            if !whole_word(text, m.start(), m.end()) {
                continue;
            }
            for target in &self.targets[m.pattern().as_usize()] {
                out.push(Hit {
                    target: *target,
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// True when `start..end` is not part of a longer word. A span that does not fall on
/// character boundaries is no word at all.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let (Some(head), Some(tail)) = (text.get(..start), text.get(end..)) else {
        return false;
    };
    if start >= end || !text.is_char_boundary(end) {
        return false;
    }
    let before = head.chars().next_back();
    let after = tail.chars().next();
    !before.is_some_and(is_word) && !after.is_some_and(is_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str) -> Vec<(String, Target)> {
        let set = RuleSet::parse(
            r#"(rules: [(id: "x", level: Some(info), message: Some(""), hint: Some(""), phrases: Some(["not my fault", "pass"]))],
                markers: [(id: "m", phrases: ["passed", "my fault"])])"#,
        )
        .unwrap();
        let m = Matcher::new(&set);
        let mut out = Vec::new();
        m.scan(text, &mut out);
        out.into_iter()
            .map(|h| (text[h.start..h.end].to_string(), h.target))
            .collect()
    }

    #[test]
    fn matches_whole_words_in_any_case_and_overlapping() {
        let found = hits("It was NOT my fault; I passed.");
        assert!(found.contains(&("NOT my fault".to_string(), Target::Rule(0))));
        assert!(found.contains(&("my fault".to_string(), Target::Marker(0))));
        assert!(found.contains(&("passed".to_string(), Target::Marker(0))));
        assert!(!found.iter().any(|(t, _)| t == "pass"), "{found:?}");
    }

    #[test]
    fn an_empty_phrase_never_matches_and_never_splits_a_character() {
        let mut set = RuleSet::embedded();
        // Past the file checks, as a set built by hand could be.
        set.rules[0].phrases.push(String::new());
        set.rules[0].phrases.push("  ".into());
        set.markers[0].phrases.push(String::new());
        let m = Matcher::new(&set);
        let mut out = Vec::new();
        m.scan("Mon café, señal 中文 👩🏽\u{200d}⚕\u{fe0f} unfair", &mut out);
        assert!(out.iter().all(|h| h.end > h.start), "{out:?}");
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(!whole_word("é", 1, 1));
        assert!(!whole_word("é", 0, 1));
    }

    #[test]
    fn typographic_apostrophes_match() {
        let set = RuleSet::embedded();
        let m = Matcher::new(&set);
        let mut out = Vec::new();
        m.scan("It wasn\u{2019}t my fault.", &mut out);
        assert!(!out.is_empty());
    }
}
