//! The rule set's classes and patterns, compiled once: what the sentence pass runs.

use super::pattern::{Classes, Pattern, Table};

use super::rules::{RuleSet, RulesError};
use super::tokens::Sentence;

/// Patterns of one rule or marker.
#[derive(Clone, Debug, Default)]
pub struct Compiled {
    pub patterns: Vec<Pattern>,
    pub unless: Vec<Pattern>,
}

impl Compiled {
    /// The first match in `sentence` (word range), unless the sentence is excused.
    pub fn find(&self, table: &Table, s: &Sentence) -> Option<(usize, usize)> {
        let all = 0..s.words.len();
        let hit = self
            .patterns
            .iter()
            .find_map(|p| p.find(table, &s.words, all.clone()))?;
        (!self.excused(table, s)).then_some(hit)
    }

    /// Whether one of the `unless` patterns matches the sentence.
    pub fn excused(&self, table: &Table, s: &Sentence) -> bool {
        self.unless
            .iter()
            .any(|p| p.find(table, &s.words, 0..s.words.len()).is_some())
    }
}

/// Classes, and the patterns of every rule and marker, by index in the rule set.
#[derive(Clone, Debug, Default)]
pub struct Engine {
    pub classes: Classes,
    pub rules: Vec<Compiled>,
    pub markers: Vec<Compiled>,
}

fn compile(
    classes: &mut Classes,
    owner: &'static str,
    id: &str,
    patterns: &[String],
    unless: &[String],
) -> Result<Compiled, RulesError> {
    let mut parse = |list: &[String]| {
        classes.compile(list).map_err(|error| RulesError::Pattern {
            owner,
            id: id.to_string(),
            error,
        })
    };
    Ok(Compiled {
        patterns: parse(patterns)?,
        unless: parse(unless)?,
    })
}

impl Engine {
    pub fn new(set: &RuleSet) -> Result<Self, RulesError> {
        Self::build(set, true)
    }

    /// Whether every class and pattern of `set` compiles, without indexing them for
    /// use: what loading a rules file needs to know.
    pub fn check(set: &RuleSet) -> Result<(), RulesError> {
        Self::build(set, false).map(|_| ())
    }

    fn build(set: &RuleSet, for_use: bool) -> Result<Self, RulesError> {
        let mut classes = Classes::new(
            set.classes
                .iter()
                .map(|(name, words)| (name.as_str(), words.as_slice())),
        )
        .map_err(|error| RulesError::Pattern {
            owner: "class",
            id: match &error {
                super::pattern::PatternError::EmptyEntry(c) => c.clone(),
                _ => String::new(),
            },
            error,
        })?;
        let rules = set
            .rules
            .iter()
            .map(|r| compile(&mut classes, "rule", &r.id, &r.patterns, &r.unless))
            .collect::<Result<_, _>>()?;
        let markers = set
            .markers
            .iter()
            .map(|m| compile(&mut classes, "marker", &m.id, &m.patterns, &m.unless))
            .collect::<Result<_, _>>()?;
        if for_use {
            classes.finish();
        }
        Ok(Engine {
            classes,
            rules,
            markers,
        })
    }
}
