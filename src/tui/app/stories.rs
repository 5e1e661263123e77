//! Telling flags together or apart: joining two stories into one draft, and setting a
//! flag of a story apart in a draft of its own. The words are the core's to keep
//! (`draft::merge` and `draft::split`); here the drafts held change and are saved.

use crate::core::draft::{Draft, detected, merge, refresh, split};
use crate::core::flag::{Flag, worst_first};

use super::*;

impl App {
    /// Explain the flags of draft `other` in draft `keep`. The story listed first on
    /// Home (the more serious) keeps its draft and structure; the other's words join
    /// it, and its file goes to the trash folder once the joined draft is saved.
    pub(super) fn join_stories(&mut self, keep: &str, other: &str) -> Vec<Effect> {
        if let Some(why) = self.refused_here() {
            return why;
        }
        let Some(ws) = &mut self.ws else {
            return Vec::new();
        };
        let (Some(a), Some(b)) = (ws.draft(keep).cloned(), ws.draft(other).cloned()) else {
            return Vec::new();
        };
        // The more serious story leads: its primary flag names the joined draft.
        let lead = |d: &Draft| ws.flag_of(d).cloned();
        let (keep, gone) = match (lead(&a), lead(&b)) {
            (Some(x), Some(y)) if worst_first(&y, &x).is_lt() => (b, a),
            _ => (a, b),
        };
        let joined = merge(&keep, &gone, &ws.templates, &ws.flags, ws.facts(), self.now);
        let name = flag_count(ws.flags.as_slice(), &joined);
        ws.drafts.retain(|d| d.flag != gone.flag);
        if let Some(slot) = ws.drafts.iter_mut().find(|d| d.flag == joined.flag) {
            *slot = joined.clone();
        }
        self.unsaved.remove(&gone.flag);
        self.unsaved.remove(&joined.flag);
        self.counts.per_draft.remove(&gone.flag);
        self.counts.looks.remove(&gone.flag);
        self.count(&joined.flag);
        self.select_story(&joined.flag);
        self.note = Some((
            format!(
                "Told together: one draft now explains {name}. Both drafts' words are in it, in order: keep what serves the story."
            ),
            Tone::Info,
        ));
        vec![Effect::Join {
            keep: Box::new(joined),
            gone: Box::new(gone),
        }]
    }

    /// Explain flag `flag` apart from the rest of story `story`. The words stay in the
    /// story's draft; the flag (or, when it is the story's own, the others) gets a new
    /// draft with its facts.
    pub(super) fn split_story(&mut self, story: &str, flag: &str) -> Vec<Effect> {
        if let Some(why) = self.refused_here() {
            return why;
        }
        let now = self.now;
        let Some(ws) = &mut self.ws else {
            return Vec::new();
        };
        let Some(mut kept) = ws.draft(story).cloned() else {
            return Vec::new();
        };
        let Some(leaving) = split(&mut kept, flag, now) else {
            return Vec::new();
        };
        let facts = ws.facts();
        refresh(&mut kept, &ws.flags, facts, now);
        let mut flags: Vec<&Flag> = ws
            .flags
            .iter()
            .filter(|f| leaving.contains(&f.id))
            .filter(|f| !ws.drafts.iter().any(|d| d.flag == f.id))
            .collect();
        flags.sort_by(|a, b| worst_first(a, b));
        let new = (!flags.is_empty()).then(|| Draft::new_story(&flags, facts, now));
        let apart = flags.first().map(|f| f.title.clone());
        if let Some(slot) = ws.drafts.iter_mut().find(|d| d.flag == kept.flag) {
            *slot = kept.clone();
        }
        let mut effects = vec![Effect::SaveDraft(Box::new(kept.clone()))];
        if let Some(d) = new {
            ws.drafts.push(d.clone());
            effects.push(Effect::SaveDraft(Box::new(d.clone())));
            self.count(&d.flag);
        }
        self.count(&kept.flag);
        self.select_story(&kept.flag);
        self.note = Some((
            match apart {
                Some(title) => format!(
                    "{title} has a draft of its own now. The words stay in the story's draft: take out what belongs to it alone."
                ),
                None => "Set apart.".to_string(),
            },
            Tone::Info,
        ));
        effects
    }

    /// Why joining or splitting cannot be done now, as the effects to return.
    fn refused_here(&mut self) -> Option<Vec<Effect>> {
        if self.read_only.is_some() {
            self.note = Some((
                "The data folder is read only: stories cannot be joined or split here.".into(),
                Tone::Warning,
            ));
            return Some(Vec::new());
        }
        None
    }

    /// Select the story of draft `id` on Home, wherever the list put it.
    fn select_story(&mut self, id: &str) {
        if let Some(ws) = &self.ws
            && let Some(i) = ws.told().iter().position(|s| s.id == id)
        {
            self.home.selected = i;
            self.home.details.reset();
        }
    }

    /// The joined draft was saved, and the other draft's file went to the trash
    /// folder at `path`.
    pub(super) fn on_joined(&mut self, path: &str) {
        self.note = Some((
            format!(
                "Told together and saved. The other draft as it was is in the trash folder as {path}."
            ),
            Tone::Info,
        ));
    }
}

/// "3 flags": how many detected flags `draft` explains, in words.
fn flag_count(flags: &[Flag], draft: &Draft) -> String {
    crate::tui::text::count(detected(draft, flags).len(), "flag", "flags")
}
