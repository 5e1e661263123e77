//! Drafts: one per story (one flag, or several a reader takes as one), holding the
//! applicant's text for each part of the structure, where they will address it, and
//! whether it is ready.
//!
//! Pure: no I/O. `sync` keeps drafts in step with detection, and `merge` and `split`
//! tell flags together or apart, without ever discarding what the applicant wrote.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::assemble::Output;
use super::flag::{Flag, FlagKind, Venue, worst_first};
use super::prefill::{Facts, prefill_story};
use super::stamp::Stamp;
use super::story::Story;
use super::template::Templates;

/// The newest draft format this build reads and writes.
///
/// Version 2 added `covers`, the other flags a draft explains; version 3 added
/// `wordings`, each output's own wording of a part. A draft is written at the lowest
/// version that holds what it has: a draft of one flag with no own wordings still at
/// version 1, byte for byte as before, so every build can go on reading it. A build
/// that predates a field opens a draft that has it read only instead of dropping it on
/// its next save.
pub const DRAFT_VERSION: u32 = 3;

/// The format of a draft that covers other flags but has no own wordings.
pub const STORY_VERSION: u32 = 2;

/// The format of a draft of one flag, which builds before stories read and write.
pub const ONE_FLAG_VERSION: u32 = 1;

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
    /// The output whose own wording it was in; `None` for the shared text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<Output>,
}

/// An output's own wording of a part, in place of the part's shared text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Wording {
    /// The part in this output's own words.
    Text(String),
    /// The part left out of this output.
    Left,
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
    /// Each output's own wording of a part, by output then part key: an output uses
    /// it in place of the part's shared text. Changing the shared text never touches
    /// it. Empty when every output follows the shared text, and then not written.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub wordings: BTreeMap<Output, BTreeMap<String, Wording>>,
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
        Self::new_story(&[flag], facts, now)
    }

    /// A new draft explaining `flags` as one story, prefilled from every one of them.
    /// The first flag is the story's primary flag: it names the draft and sets its
    /// structure. Empty `flags` is a caller's mistake; the draft is then of nothing.
    pub fn new_story(flags: &[&Flag], facts: Facts, now: Stamp) -> Self {
        let Some((first, rest)) = flags.split_first() else {
            return Self::blank("", FlagKind::VisaPlan, now);
        };
        let mut draft = Self::blank(&first.id, first.kind, now);
        draft.covers = rest.iter().map(|f| f.id.clone()).collect();
        draft.venues = first.venues.clone();
        for f in rest {
            for v in &f.venues {
                if !draft.venues.contains(v) {
                    draft.venues.push(*v);
                }
            }
        }
        draft.settle_version();
        draft.apply_prefill(prefill_story(flags, facts));
        draft
    }

    fn blank(flag: &str, kind: FlagKind, now: Stamp) -> Self {
        Self {
            version: ONE_FLAG_VERSION,
            flag: flag.to_string(),
            covers: Vec::new(),
            kind,
            status: Status::Empty,
            field: None,
            venues: Vec::new(),
            fold_typography: true,
            parts: BTreeMap::new(),
            prefilled: BTreeMap::new(),
            orphaned: false,
            dismissed: Vec::new(),
            wordings: BTreeMap::new(),
            read_only: false,
            created: now,
            updated: now,
            seq: 1,
        }
    }

    /// The format this draft is written in: the lowest that holds what it has.
    pub fn format_version(&self) -> u32 {
        if !self.wordings.is_empty() {
            DRAFT_VERSION
        } else if !self.covers.is_empty() {
            STORY_VERSION
        } else {
            ONE_FLAG_VERSION
        }
    }

    /// The text of part `key` in `output`: the output's own wording when it has one,
    /// `None` when the part is left out of it, else the shared text.
    pub fn text_in(&self, output: Output, key: &str) -> Option<&str> {
        match self.wording(output, key) {
            Some(Wording::Text(t)) => Some(t),
            Some(Wording::Left) => None,
            None => Some(self.part(key)),
        }
    }

    /// `output`'s own wording of part `key`, if it has one.
    pub fn wording(&self, output: Output, key: &str) -> Option<&Wording> {
        self.wordings.get(&output).and_then(|w| w.get(key))
    }

    /// Whether `output` follows the shared text in every part.
    pub fn follows_shared(&self, output: Output) -> bool {
        self.wordings.get(&output).is_none_or(BTreeMap::is_empty)
    }

    /// Give `output` its own wording of part `key` (or leave the part out of it).
    pub fn set_wording(&mut self, output: Output, key: &str, wording: Wording, now: Stamp) {
        if self.wording(output, key) == Some(&wording) {
            return;
        }
        self.wordings
            .entry(output)
            .or_default()
            .insert(key.to_string(), wording);
        self.settle_version();
        self.settle_status();
        self.touch(now);
    }

    /// Let `output` follow the shared text of part `key` again. Returns the wording it
    /// had, so the caller can offer it back.
    pub fn follow_shared(&mut self, output: Output, key: &str, now: Stamp) -> Option<Wording> {
        let map = self.wordings.get_mut(&output)?;
        let gone = map.remove(key)?;
        if map.is_empty() {
            self.wordings.remove(&output);
        }
        self.settle_version();
        self.settle_status();
        self.touch(now);
        Some(gone)
    }

    /// Hold the format version its flags call for (never lowering a newer one, which
    /// is read only anyway).
    pub fn settle_version(&mut self) {
        if !self.read_only {
            self.version = self.format_version();
        }
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

    /// True when any part, or any output's own wording, holds the applicant's words.
    pub fn has_own_text(&self) -> bool {
        self.parts.keys().any(|k| self.is_own(k))
            || self
                .wordings
                .values()
                .flat_map(BTreeMap::values)
                .any(|w| matches!(w, Wording::Text(t) if !t.trim().is_empty()))
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

/// The detected flags `draft` explains, its primary flag first when detected, then
/// the others worst first: the flags its prefill is drawn from.
pub fn detected<'f>(draft: &Draft, flags: &'f [Flag]) -> Vec<&'f Flag> {
    let mut out: Vec<&Flag> = flags.iter().filter(|f| draft.explains(&f.id)).collect();
    out.sort_by(|a, b| {
        (a.id != draft.flag)
            .cmp(&(b.id != draft.flag))
            .then_with(|| worst_first(a, b))
    });
    out
}

/// Fresh facts, from the detected flags `draft` explains, into the parts the applicant
/// has not touched. Returns whether anything changed; a changed draft is touched.
pub fn refresh(draft: &mut Draft, flags: &[Flag], facts: Facts, now: Stamp) -> bool {
    let told = detected(draft, flags);
    if told.is_empty() || draft.read_only {
        return false;
    }
    let changed = draft.apply_prefill(prefill_story(&told, facts));
    if changed {
        draft.touch(now);
    }
    changed
}

/// The part keys of the structure `draft` follows, in order.
fn keys_of<'t>(draft: &Draft, templates: &'t Templates) -> Vec<&'t str> {
    templates
        .get(draft.kind.family())
        .map(|t| t.parts.iter().map(|p| p.key.as_str()).collect())
        .unwrap_or_default()
}

/// The part of a structure of `into` keys that the words of part `key`, from a
/// structure of `from` keys, go to: a part of the same key, else the part at the same
/// place (fact and issue, result and improvement), else the last part.
fn home_of<'k>(key: &'k str, from: &[&str], into: &[&'k str]) -> &'k str {
    if into.contains(&key) {
        return key;
    }
    let place = from.iter().position(|k| *k == key);
    match (place, into.last()) {
        (Some(i), _) if i < into.len() => into[i],
        (_, Some(last)) => last,
        (_, None) => key,
    }
}

/// One draft explaining the flags of `keep` and of `other`, under `keep`'s primary
/// flag and structure. No word is lost: each part holds the applicant's words from
/// both drafts, `keep`'s first, a blank line between (a part of `other` that `keep`'s
/// structure lacks joins the part at its place). Parts neither draft wrote in take the
/// facts of the whole story. The applicant then chooses what stays; the result is a
/// draft in progress, not ready. `other`'s own draft is for the caller to retire.
pub fn merge(
    keep: &Draft,
    other: &Draft,
    templates: &Templates,
    flags: &[Flag],
    facts: Facts,
    now: Stamp,
) -> Draft {
    let into = keys_of(keep, templates);
    let from = keys_of(other, templates);
    // Each part's texts, in order, and whether each is the applicant's own.
    let mut texts: BTreeMap<String, Vec<(String, bool)>> = BTreeMap::new();
    for (key, text) in &keep.parts {
        texts
            .entry(key.clone())
            .or_default()
            .push((text.clone(), keep.is_own(key)));
    }
    for (key, text) in &other.parts {
        texts
            .entry(home_of(key, &from, &into).to_string())
            .or_default()
            .push((text.clone(), other.is_own(key)));
    }
    let mut merged = keep.clone();
    for id in other.flags() {
        if id != merged.flag && !merged.covers.iter().any(|c| c == id) {
            merged.covers.push(id.to_string());
        }
    }
    let fresh = prefill_story(&detected(&merged, flags), facts);
    merged.parts.clear();
    merged.prefilled.clear();
    let keys: std::collections::BTreeSet<&String> = texts.keys().chain(fresh.keys()).collect();
    for key in keys {
        let mut kept: Vec<&(String, bool)> = Vec::new();
        for entry in texts.get(key).into_iter().flatten() {
            if !entry.0.trim().is_empty() && !kept.iter().any(|k| k.0.trim() == entry.0.trim()) {
                kept.push(entry);
            }
        }
        let own = kept.iter().any(|(_, own)| *own);
        let text = match (own, fresh.get(key)) {
            (false, Some(facts)) => facts.clone(),
            _ => kept
                .iter()
                .map(|(t, _)| t.trim_end())
                .collect::<Vec<_>>()
                .join("\n\n"),
        };
        if text.is_empty() {
            continue;
        }
        if !own {
            merged.prefilled.insert(key.clone(), text.clone());
        }
        merged.parts.insert(key.clone(), text);
    }
    merged.wordings = merge_wordings(keep, other, &from, &into);
    for v in &other.venues {
        if !merged.venues.contains(v) {
            merged.venues.push(*v);
        }
    }
    for d in &other.dismissed {
        if !merged.dismissed.contains(d) {
            merged.dismissed.push(d.clone());
        }
    }
    merged.orphaned = false;
    merged.created = merged.created.min(other.created);
    merged.seq = merged.seq.max(other.seq);
    merged.status = Status::Empty;
    merged.settle_status();
    merged.settle_version();
    merged.touch(now);
    merged
}

/// The outputs' own wordings of a joined draft. Where either draft has its own wording
/// of a part for an output, the joined draft has one too: the words each draft's output
/// used for that part (its own wording, else its shared text), `keep`'s first. A part
/// both left out stays out.
fn merge_wordings(
    keep: &Draft,
    other: &Draft,
    from: &[&str],
    into: &[&str],
) -> BTreeMap<Output, BTreeMap<String, Wording>> {
    let mut out: BTreeMap<Output, BTreeMap<String, Wording>> = BTreeMap::new();
    for output in Output::ALL {
        // The parts (in `keep`'s keys) either draft words for this output.
        let mut keys: Vec<String> = Vec::new();
        for key in keep
            .wordings
            .get(&output)
            .into_iter()
            .flat_map(BTreeMap::keys)
        {
            keys.push(key.clone());
        }
        for key in other
            .wordings
            .get(&output)
            .into_iter()
            .flat_map(BTreeMap::keys)
        {
            let home = home_of(key, from, into).to_string();
            if !keys.contains(&home) {
                keys.push(home);
            }
        }
        for key in keys {
            // What each draft's output said in this part: `other`'s from every key of
            // its own that lands here.
            let mut said: Vec<Option<&str>> = vec![keep.text_in(output, &key)];
            let theirs: Vec<&str> = from
                .iter()
                .copied()
                .chain(other.parts.keys().map(String::as_str))
                .filter(|k| home_of(k, from, into) == key)
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            said.extend(theirs.iter().map(|k| other.text_in(output, k)));
            let texts: Vec<&str> = said
                .iter()
                .flatten()
                .map(|t| t.trim_end())
                .filter(|t| !t.trim().is_empty())
                .fold(Vec::new(), |mut acc, t| {
                    if !acc.iter().any(|a: &&str| a.trim() == t.trim()) {
                        acc.push(t);
                    }
                    acc
                });
            let wording = if said.iter().all(Option::is_none) {
                Wording::Left
            } else {
                Wording::Text(texts.join("\n\n"))
            };
            out.entry(output).or_default().insert(key, wording);
        }
    }
    out
}

/// Explain flag `id` apart from the rest of `draft`'s story. The words stay in
/// `draft`, which keeps its file: when `id` is another flag it leaves the story; when
/// it is the primary flag, the primary stays here alone and every other flag leaves.
/// Returns the flags that left, for the caller to give a draft of their own, or `None`
/// when `id` is not one of several flags of this draft.
pub fn split(draft: &mut Draft, id: &str, now: Stamp) -> Option<Vec<String>> {
    if draft.covers.is_empty() || !draft.explains(id) || draft.read_only {
        return None;
    }
    let leaving = if id == draft.flag {
        std::mem::take(&mut draft.covers)
    } else {
        draft.covers.retain(|c| c != id);
        vec![id.to_string()]
    };
    draft.settle_version();
    draft.touch(now);
    Some(leaving)
}

/// Bring `drafts` in step with `flags`, told as `stories` (every flag in one): a new
/// prefilled draft for the flags of a story no draft explains yet (one draft for all of
/// them), fresh facts where the applicant has not written, and drafts that explain no
/// detected flag marked orphaned. A draft is never merged, split or rewritten here
/// beyond its prefill. Returns the indices of the drafts that changed (to be saved).
pub fn sync(
    drafts: &mut Vec<Draft>,
    flags: &[Flag],
    stories: &[Story],
    facts: Facts,
    now: Stamp,
) -> Vec<usize> {
    let mut changed = Vec::new();
    for (i, d) in drafts.iter_mut().enumerate() {
        if d.read_only {
            continue;
        }
        let told = detected(d, flags);
        if told.is_empty() {
            if !d.orphaned {
                d.orphaned = true;
                d.touch(now);
                changed.push(i);
            }
            continue;
        }
        let was_orphaned = std::mem::take(&mut d.orphaned);
        if d.apply_prefill(prefill_story(&told, facts)) || was_orphaned {
            d.touch(now);
            changed.push(i);
        }
    }
    for story in stories {
        // Flags of the story no draft explains, as detection ordered them.
        let open: Vec<&Flag> = story
            .flags
            .iter()
            .filter(|id| !drafts.iter().any(|d| d.explains(id)))
            .filter_map(|id| flags.iter().find(|f| &f.id == id))
            .collect();
        if !open.is_empty() {
            drafts.push(Draft::new_story(&open, facts, now));
            changed.push(drafts.len() - 1);
        }
    }
    changed.sort_unstable();
    changed.dedup();
    changed
}
