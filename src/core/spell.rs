//! Spelling: a Hunspell-compatible checker over the American English dictionary shipped
//! in `assets/dict`, with the medical and application word list, the profile's own words
//! and the user's word list. Pure: built from text, no files read here.

use serde::Deserialize;

use crate::core::coach::tokens::Sentence;
use crate::core::coach::{Coach, Finding};

/// Rules whose logic lives here (their words and level live in `coach.ron`).
pub const RULES: &[&str] = &[];

/// Spelling settings from `coach.ron`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {}

/// A loaded dictionary with every extra word list merged in.
#[derive(Debug, Default)]
pub struct Speller {}

/// Spelling findings for one piece of text, already split into sentences.
pub fn check(
    _coach: &Coach,
    _speller: &Speller,
    _text: &str,
    _sentences: &[Sentence],
    _part: Option<&str>,
    _out: &mut Vec<Finding>,
) {
}
