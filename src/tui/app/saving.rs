//! Keeping words safe: typed text settling into drafts, autosave, quitting with a
//! final save, the coach's counts, and drafts kept in step with the profile.

use super::*;

impl App {
    /// Whether typed text waits to reach the draft.
    pub(super) fn unsettled(&self) -> bool {
        self.route == Route::Draft && self.draft.as_ref().is_some_and(|d| d.typed)
    }

    /// Copy typed text into the draft and rerun the coach and preview.
    pub(super) fn settle(&mut self) {
        self.typing_since_ms = None;
        let (Some(ws), Some(screen)) = (&mut self.ws, &mut self.draft) else {
            return;
        };
        if screen.settle(ws, self.now) {
            let id = screen.flag.clone();
            self.edited(&id);
        }
    }

    pub(super) fn edited(&mut self, id: &str) {
        self.count(id);
        self.edits += 1;
        if self.unsaved.is_empty() {
            self.unsaved_since_ms = self.clock_ms;
        }
        self.unsaved.insert(id.to_string());
        self.last_edit_ms = self.clock_ms;
    }

    /// A key changed the editor's text: the draft follows after a pause, or after
    /// `SETTLE_MAX_MS` of steady typing at the latest.
    pub(super) fn typed_key(&mut self) {
        self.typing_since_ms.get_or_insert(self.clock_ms);
        self.last_key_ms = self.clock_ms;
        self.keys += 1;
    }

    /// When typed text is due to reach the draft.
    pub(super) fn settle_due_ms(&self) -> Option<u64> {
        if !self.unsettled() {
            return None;
        }
        let pause = self.last_key_ms + SETTLE_MS;
        let longest = self.typing_since_ms.unwrap_or(self.last_key_ms) + SETTLE_MAX_MS;
        Some(pause.min(longest))
    }

    /// When the unsaved drafts are due to be saved: after a pause in the edits, after
    /// `AUTOSAVE_MAX_MS` of steady editing at the latest, and never before a failed
    /// save's wait is over.
    pub(super) fn autosave_due_ms(&self) -> Option<u64> {
        if self.unsaved.is_empty() {
            return None;
        }
        let pause = self.last_edit_ms + AUTOSAVE_MS;
        let longest = self.unsaved_since_ms + AUTOSAVE_MAX_MS;
        Some(pause.min(longest).max(self.retry_at_ms))
    }

    pub(super) fn on_tick(&mut self) -> Vec<Effect> {
        // The first frame is drawn: the spelling dictionary may load now.
        let mut effects = self.ask_spelling();
        let mut changed = false;
        if !self.to_count.is_empty() {
            self.count_some();
            changed = true;
        }
        if self.settle_due_ms().is_some_and(|due| self.clock_ms >= due) {
            self.settle();
            changed = true;
        }
        let timing = self.route == Route::Practice
            && self.practice.as_ref().is_some_and(PracticeScreen::timing);
        self.redraw = changed || timing;
        if self.autosave_due_ms().is_none_or(|due| self.clock_ms < due) {
            return effects;
        }
        self.redraw = true;
        effects.extend(self.save_all(""));
        effects
    }

    /// Moves on with every edit, every save and every key typed into an editor: when
    /// it has not moved, neither has anything unsaved.
    pub fn stamp(&self) -> u64 {
        self.edits + self.saves + self.keys
    }

    /// The unsaved drafts with the editor's text as it stands, settled or not.
    pub fn live_drafts(&self) -> Vec<crate::core::draft::Draft> {
        let mut drafts = self.unsaved_drafts();
        let (Some(ws), Some(screen)) = (&self.ws, &self.draft) else {
            return drafts;
        };
        if !(self.route == Route::Draft && screen.typed) {
            return drafts;
        }
        let Some(live) = screen.live_draft(ws) else {
            return drafts;
        };
        drafts.retain(|d| d.flag != live.flag);
        drafts.push(live);
        drafts
    }

    /// Copies of the drafts with unsaved edits, as the drafts hold them.
    pub fn unsaved_drafts(&self) -> Vec<crate::core::draft::Draft> {
        let Some(ws) = &self.ws else {
            return Vec::new();
        };
        self.unsaved
            .iter()
            .filter_map(|id| ws.draft(id).cloned())
            .collect()
    }

    /// The last saves before the process ends (a quit, a signal, a lost terminal or
    /// a crash): every draft with unsaved words, the profile form when it checks out,
    /// and the recovery copy of a form that does not, so nothing typed is lost.
    pub fn emergency_saves(&mut self) -> Vec<Effect> {
        let mut effects = self.save_all("");
        let form = self.profile.as_ref().and_then(|p| p.unsaved_values());
        if let Some(values) = form {
            // Checked as the loader will check it, so a save never leaves a profile
            // that does not load; one that would not goes to the recovery copy.
            let checked = self.ws.as_ref().and_then(|ws| {
                ProfileScreen::restored(&ws.profile, &ws.knowledge.rules, &values).checked()
            });
            match checked {
                Some(profile) => effects.push(Effect::SaveProfile(Box::new(profile))),
                None => effects.push(Effect::WriteRecovery(crate::store::drafts::Recovery {
                    version: 0,
                    drafts: Vec::new(),
                    form: Some(values),
                })),
            }
        }
        effects
    }

    /// Save every draft with unsaved edits.
    pub(super) fn save_all(&mut self, note: &str) -> Vec<Effect> {
        self.settle();
        if !note.is_empty() {
            self.note = Some((note.to_string(), Tone::Info));
        }
        let Some(ws) = &self.ws else {
            return Vec::new();
        };
        std::mem::take(&mut self.unsaved)
            .into_iter()
            .filter_map(|id| ws.draft(&id).cloned())
            .map(|d| Effect::SaveDraft(Box::new(d)))
            .collect()
    }

    pub(super) fn quit(&mut self, anywhere: bool) -> Vec<Effect> {
        if !anywhere && self.context() == Context::Editor {
            return Vec::new();
        }
        if self.quit_requested && self.save_error.is_some() {
            // Asked again after a failed save: the user chose to leave.
            self.quitting = true;
            return Vec::new();
        }
        let mut effects = match self.save_profile_form() {
            Some(effects) => effects,
            None => return Vec::new(),
        };
        self.quit_requested = true;
        effects.extend(self.save_all(""));
        if effects.is_empty() {
            self.quitting = true;
        }
        effects
            .into_iter()
            .chain(std::iter::once(Effect::Quit))
            .collect()
    }

    /// Before quitting, save a changed profile form. `None` holds the quit: a field
    /// is wrong, and asking again quits without those changes.
    fn save_profile_form(&mut self) -> Option<Vec<Effect>> {
        let Some(screen) = self.profile.as_mut().filter(|p| p.changed) else {
            return Some(Vec::new());
        };
        match screen.save_now() {
            ProfileOutcome::Save(profile) => Some(self.profile_saved(*profile, false)),
            _ if self.profile_quit_warned => Some(Vec::new()),
            _ => {
                self.profile_quit_warned = true;
                self.route = Route::Profile;
                self.note = Some((
                    "Your profile has a field marked in red, so it is not saved. Fix it, or quit again to leave without those changes.".into(),
                    Tone::Warning,
                ));
                None
            }
        }
    }

    /// The saves before quitting are done: quit unless one failed.
    pub(super) fn confirm_quit(&mut self) {
        if self.save_error.is_none() {
            self.quitting = true;
        }
    }

    pub(super) fn on_saved(&mut self) -> Vec<Effect> {
        if self.save_error.take().is_some() {
            self.note = Some((
                "Saved again: the earlier problem has cleared.".into(),
                Tone::Info,
            ));
        }
        self.failures = 0;
        self.retry_at_ms = 0;
        self.saves += 1;
        Vec::new()
    }

    pub(super) fn on_save_failed(&mut self, what: &Saved, why: String) -> Vec<Effect> {
        if let Saved::Draft(id) = what {
            if self.unsaved.is_empty() {
                self.unsaved_since_ms = self.clock_ms;
            }
            self.unsaved.insert(id.clone());
        }
        // The form's values are not on disk: they stay unsaved, so quitting tries
        // again and the recovery copy keeps them.
        if *what == Saved::Profile
            && let Some(screen) = &mut self.profile
        {
            screen.changed = true;
        }
        // Wait longer after each failure in a row (0.5 s, 1 s, 2 s … 30 s): a full
        // disk is not helped by trying again at once.
        let wait = retry_wait_ms(self.failures);
        self.failures = self.failures.saturating_add(1);
        self.retry_at_ms = self.clock_ms + wait;
        let hint = if self.quit_requested {
            " Not quitting: press Ctrl-C again to quit anyway.".to_string()
        } else {
            format!(" Trying again in {}.", seconds(wait))
        };
        self.note = Some((format!("Could not save: {why}.{hint}"), Tone::Error));
        self.save_error = Some(why);
        Vec::new()
    }

    /// Whether the last save failed and the next try waits.
    pub fn retrying(&self) -> bool {
        self.failures > 0
    }

    pub(super) fn recount_strengths(&mut self) {
        if let Some(ws) = &self.ws {
            self.counts.strengths =
                crate::core::coach::overview::strengths(&ws.profile, &ws.drafts);
        }
    }

    /// Recount the coach's findings for draft `id`.
    pub(super) fn count(&mut self, id: &str) {
        let Some(ws) = &self.ws else { return };
        if let Some(d) = ws.draft(id) {
            let r = ws.report(d);
            let errors = r.count(crate::core::coach::rules::Level::Error);
            let warnings = r.count(crate::core::coach::rules::Level::Warning) - errors;
            self.counts
                .per_draft
                .insert(id.to_string(), (errors, warnings));
            let problems = ws
                .templates
                .get(d.kind.family())
                .map(|t| crate::core::ready::problems(&ws.coach, d, t, &ws.fields, &r));
            if problems.is_some_and(|p| crate::core::ready::needs_a_look(d, &p)) {
                self.counts.looks.insert(id.to_string());
            } else {
                self.counts.looks.remove(id);
            }
        }
    }

    /// Detection and drafts after the profile changed, or on first load.
    pub(super) fn sync_drafts(&mut self) -> Vec<Effect> {
        let Some(ws) = &mut self.ws else {
            return Vec::new();
        };
        // A profile that does not load yet is not detected on, and no draft is
        // touched: they wait as they are until it is fixed.
        if !ws.is_sound() {
            return Vec::new();
        }
        ws.flags = detect(&ws.profile, &ws.knowledge, ws.today);
        let facts = Facts {
            profile: &ws.profile,
            rules: &ws.knowledge.rules,
            today: ws.today,
        };
        let told = crate::core::story::stories(&ws.flags, &ws.stories);
        let changed = sync(&mut ws.drafts, &ws.flags, &told, facts, self.now);
        ws.known = crate::core::coach::facts::Known::new(&ws.profile, ws.today);
        let effects = changed
            .into_iter()
            .map(|i| Effect::SaveDraft(Box::new(ws.drafts[i].clone())))
            .collect();
        // The coach's counts for Home wait until after the next frame: opening the
        // app must not wait for every draft to be checked.
        self.to_count = ws.drafts.iter().map(|d| d.flag.clone()).collect();
        self.recount_strengths();
        effects
    }

    /// Count the coach's findings for the drafts still waiting, a few per call.
    pub(super) fn count_some(&mut self) {
        const PER_TICK: usize = 32;
        for _ in 0..PER_TICK {
            let Some(id) = self.to_count.pop() else { break };
            self.count(&id);
        }
    }
}

/// How long to wait before trying again after `failures` failed saves in a row.
pub fn retry_wait_ms(failures: u32) -> u64 {
    (500u64 << failures.min(6)).min(30_000)
}

fn seconds(ms: u64) -> String {
    if ms < 1000 {
        format!("{:.1} s", ms as f64 / 1000.0)
    } else {
        format!("{} s", ms / 1000)
    }
}
