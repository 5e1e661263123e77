//! Spelling in the app: the dictionary is asked for once the first frame is drawn and
//! loads beside the loop; until it arrives the coach checks everything but spelling,
//! then the findings are made again. A word the applicant adds goes into the word list
//! in the config folder, and from then on the coach accepts it.

use std::sync::Arc;

use crate::core::spell::{self, Speller};

use super::super::msg::Spelling;
use super::*;

/// The spelling dictionary as the app holds it.
#[derive(Default)]
pub(super) struct SpellState {
    /// The dictionary was asked for.
    asked: bool,
    /// The dictionary once loaded, without the applicant's own words.
    base: Option<Arc<Speller>>,
    /// The user's word list, as read and as added to since.
    user_words: Vec<String>,
}

impl App {
    /// Whether the dictionary is still to be asked for: the loop then wakes at once,
    /// after the frame it has drawn.
    pub(super) fn spelling_wanted(&self) -> bool {
        self.ws.is_some() && !self.spell.asked
    }

    /// Ask for the dictionary, once.
    pub(super) fn ask_spelling(&mut self) -> Vec<Effect> {
        if !self.spelling_wanted() {
            return Vec::new();
        }
        self.spell.asked = true;
        vec![Effect::LoadSpelling]
    }

    /// Whether the coach checks spelling yet.
    pub fn spelling_ready(&self) -> bool {
        self.spell.base.is_some()
    }

    pub(super) fn on_spelling(&mut self, loaded: Spelling) {
        for word in loaded.user_words {
            self.keep_word(word);
        }
        self.spell.base = Some(loaded.speller);
        if let Some(warning) = loaded.warning {
            self.note = Some((warning, Tone::Warning));
        }
        self.respell();
    }

    fn keep_word(&mut self, word: String) {
        let folded = word.to_lowercase();
        if !self
            .spell
            .user_words
            .iter()
            .any(|w| w.to_lowercase() == folded)
        {
            self.spell.user_words.push(word);
        }
    }

    /// Give the coach the dictionary with the applicant's words as they stand (the
    /// profile's names, the word list), then make the findings again: the open draft's
    /// now, Home's counts after the next frame.
    pub(super) fn respell(&mut self) {
        let (Some(base), Some(ws)) = (&self.spell.base, &mut self.ws) else {
            return;
        };
        let mut words = spell::profile_words(&ws.profile);
        words.extend(self.spell.user_words.iter().cloned());
        ws.coach.set_speller(Arc::new(base.with_own_words(words)));
        if let Some(screen) = &mut self.draft {
            screen.refresh(ws);
        }
        self.to_count = ws.drafts.iter().map(|d| d.flag.clone()).collect();
    }

    /// Add the word the Draft screen points at to the user's word list.
    pub(super) fn add_word(&mut self) -> Vec<Effect> {
        let (Some(ws), Some(screen)) = (&self.ws, &self.draft) else {
            return Vec::new();
        };
        match screen.word_to_add(ws) {
            Ok(word) => vec![Effect::AddWord(word)],
            Err(why) => {
                self.note = Some((why.into(), Tone::Info));
                Vec::new()
            }
        }
    }

    pub(super) fn on_word_added(&mut self, word: String, added: bool) {
        let note = if added {
            format!(
                "“{word}” is in your word list now (words.txt in the config folder): spelling accepts it in every draft."
            )
        } else {
            format!("“{word}” was in your word list already.")
        };
        self.note = Some((note, Tone::Info));
        self.keep_word(word);
        self.respell();
    }
}
