//! Second-language English: the slips fluent non-native writers make and general
//! checkers miss (uncountable nouns, prepositions after verbs, tense with "since",
//! "me and my team", its/it's, a/an by sound, a doubled word, "could of").
//!
//! Each check is a rule in `coach.ron`, switchable like any other; its word lists live
//! there too, under `second_language`.

use serde::Deserialize;

use super::tokens::Sentence;
use super::{Coach, Finding};

/// Rules whose logic lives here (their words and level live in `coach.ron`).
pub const RULES: &[&str] = &[];

/// The word lists the checks read, from `coach.ron`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lists {}

/// Findings for one piece of text, already split into sentences.
pub fn check(
    _coach: &Coach,
    _text: &str,
    _sentences: &[Sentence],
    _part: Option<&str>,
    _out: &mut Vec<Finding>,
) {
}
