//! Drafts: one per flag instance, holding the applicant's text for each part of the
//! structure, where they will address the flag, and whether it is ready.
//!
//! Pure: no I/O. `sync` keeps drafts in step with detection without ever discarding
//! what the applicant wrote.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::flag::{Flag, FlagKind, Venue};
use super::prefill::{Facts, prefill};
use super::stamp::Stamp;

/// The draft format this build writes.
///
/// `covers` did not change it: the field is optional and left out when empty, so a
/// draft written before it loads as a draft of one flag, and a draft of one flag is
/// written byte for byte as before. A build that predates `covers` reads a draft that
/// has it as a draft of its primary flag alone, and would drop the list on its next
/// save; nothing in this build writes `covers` yet, so that is for the change that
/// does to weigh (it could write a higher version for drafts with `covers` only).
pub const DRAFT_VERSION: u32 = 1;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Nothing written beyond what flagdraft prefilled.
    #[default]
    Empty,
    Drafting,
    /// The applicant marked it finished.
    Ready,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Empty => "empty",
            Status::Drafting => "drafting",
            Status::Ready => "ready",
        }
    }
}

/// A coach finding the applicant set aside, kept with the draft. The draft owns the
/// type: the coach reads drafts, drafts know nothing of the coach.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dismissal {
    pub rule: String,
    #[serde(default)]
    pub part: Option<String>,
    /// The words the finding was about; a change to them brings it back.
    pub excerpt: String,
    pub reason: String,
}

/// Drafts are written by flagdraft, so fields this build does not know come from a
/// newer one: they are read past (and the draft opened read only), not refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub version: u32,
    /// The flag's stable id, e.g. `exam_failure:step1`: the draft's primary flag, which
    /// names its file and keys it everywhere.
    pub flag: String,
    /// The other flags this draft also explains, by id, when one account answers
    /// several flags. Empty for a draft of one flag, and then not written at all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
    pub kind: FlagKind,
    #[serde(default)]
    pub status: Status,
    /// The ERAS field the text must fit; `None` (or the "additional_information" of
    /// older drafts) is the field of the draft's kind.
    #[serde(default)]
    pub field: Option<String>,
    /// Where the applicant chose to address the flag: only these outputs are
    /// assembled, exported and coached.
    #[serde(default)]
    pub venues: Vec<Venue>,
    /// Fold typographic quotes and dashes to plain ones in the ERAS text.
    #[serde(default = "yes")]
    pub fold_typography: bool,
    /// Part key to text.
    #[serde(default)]
    pub parts: BTreeMap<String, String>,
    /// What flagdraft last prefilled per part, to tell it from the applicant's edits.
    #[serde(default)]
    pub prefilled: BTreeMap<String, String>,
    /// The flag is no longer detected; the draft is kept, never deleted.
    #[serde(default)]
    pub orphaned: bool,
    /// Coach findings the applicant set aside, with their reasons.
    #[serde(default)]
    pub dismissed: Vec<Dismissal>,
    pub created: Stamp,
    pub updated: Stamp,
    /// Edits applied to this draft so far; a write never replaces a higher one.
    #[serde(default)]
    pub seq: u64,
    /// Written by a newer flagdraft: shown, never changed or saved, so nothing this
    /// build cannot read is lost.
    #[serde(skip)]
    pub read_only: bool,
}

fn yes() -> bool {
    true
}

impl Draft {
    /// A new draft for `flag`, prefilled with the facts of `profile`.
    pub fn new(flag: &Flag, facts: Facts, now: Stamp) -> Self {
        let mut draft = Self {
            version: DRAFT_VERSION,
            flag: flag.id.clone(),
            covers: Vec::new(),
            kind: flag.kind,
            status: Status::Empty,
            field: None,
            venues: flag.venues.clone(),
            fold_typography: true,
            parts: BTreeMap::new(),
            prefilled: BTreeMap::new(),
            orphaned: false,
            dismissed: Vec::new(),
            read_only: false,
            created: now,
            updated: now,
            seq: 1,
        };
        draft.apply_prefill(prefill(flag, facts));
        draft
    }

    /// Every flag this draft explains: its primary flag, then those it covers.
    pub fn flags(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.flag.as_str()).chain(self.covers.iter().map(String::as_str))
    }

    /// Whether this draft explains flag `flag_id`, as its primary flag or another.
    pub fn explains(&self, flag_id: &str) -> bool {
        self.flags().any(|f| f == flag_id)
    }

    /// The text of part `key`, empty when unwritten.
    pub fn part(&self, key: &str) -> &str {
        self.parts.get(key).map_or("", String::as_str)
    }

    /// True when `key` holds text the applicant wrote or changed.
    pub fn is_own(&self, key: &str) -> bool {
        let text = self.part(key);
        !text.trim().is_empty() && self.prefilled.get(key).is_none_or(|p| p != text)
    }

    /// True when any part holds the applicant's own words.
    pub fn has_own_text(&self) -> bool {
        self.parts.keys().any(|k| self.is_own(k))
    }

    /// Put `text` into part `key` as the applicant's edit.
    pub fn set_part(&mut self, key: &str, text: String, now: Stamp) {
        if self.part(key) == text {
            return;
        }
        self.parts.insert(key.to_string(), text);
        self.settle_status();
        self.touch(now);
    }

    /// Count one more edit, made at `now`. Every change to a draft goes through here,
    /// so a higher `seq` always holds the newer words.
    pub fn touch(&mut self, now: Stamp) {
        self.seq += 1;
        self.updated = now;
    }

    /// Empty or drafting, from the text; a ready draft stays ready.
    pub fn settle_status(&mut self) {
        if self.status != Status::Ready {
            self.status = if self.has_own_text() {
                Status::Drafting
            } else {
                Status::Empty
            };
        }
    }

    /// Write facts into parts the applicant has not touched. Returns whether anything changed.
    fn apply_prefill(&mut self, facts: BTreeMap<String, String>) -> bool {
        let mut changed = false;
        // A fact that left the profile leaves the parts the applicant never touched.
        let gone: Vec<String> = self
            .prefilled
            .keys()
            .filter(|k| !facts.contains_key(*k))
            .cloned()
            .collect();
        for key in gone {
            if !self.is_own(&key) {
                self.parts.remove(&key);
                changed = true;
            }
            self.prefilled.remove(&key);
        }
        for (key, text) in facts {
            // An unchanged fact leaves the part as the applicant left it (even emptied);
            // a changed fact never replaces the applicant's own words.
            if self.prefilled.get(&key) == Some(&text) || self.is_own(&key) {
                continue;
            }
            self.parts.insert(key.clone(), text.clone());
            self.prefilled.insert(key, text);
            changed = true;
        }
        changed
    }
}

/// Bring `drafts` in step with `flags`: a new prefilled draft for each new flag no draft
/// covers already, fresh facts where the applicant has not written, and drafts whose
/// primary flag vanished marked orphaned. Returns the indices of the drafts that changed
/// (to be saved).
pub fn sync(drafts: &mut Vec<Draft>, flags: &[Flag], facts: Facts, now: Stamp) -> Vec<usize> {
    let mut changed = Vec::new();
    for flag in flags {
        match drafts.iter().position(|d| d.flag == flag.id) {
            Some(i) if drafts[i].read_only => {}
            Some(i) => {
                let d = &mut drafts[i];
                let was_orphaned = std::mem::take(&mut d.orphaned);
                if d.apply_prefill(prefill(flag, facts)) || was_orphaned {
                    d.touch(now);
                    changed.push(i);
                }
            }
            // A flag another draft already explains gets no draft of its own.
            None if drafts.iter().any(|d| d.explains(&flag.id)) => {}
            None => {
                drafts.push(Draft::new(flag, facts, now));
                changed.push(drafts.len() - 1);
            }
        }
    }
    for (i, d) in drafts.iter_mut().enumerate() {
        if !d.orphaned && !d.read_only && !flags.iter().any(|f| f.id == d.flag) {
            d.orphaned = true;
            d.touch(now);
            changed.push(i);
        }
    }
    changed.sort_unstable();
    changed.dedup();
    changed
}
