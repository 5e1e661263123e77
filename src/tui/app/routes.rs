//! What an action does on each screen: the screens decide, the model follows.

use super::*;
use crate::tui::screens::orphans::{self, OrphansOutcome};

/// Why the profile form cannot be left yet: there is no profile that loads to go back
/// to.
fn stuck(state: Option<&ProfileState>) -> String {
    match state {
        Some(ProfileState::Missing) => "No profile is saved yet, so there is none to go back to: fill in the fields marked as needed, then Ctrl-S. q quits (what you typed is saved only once it checks out).".into(),
        _ => "Your drafts open once your profile can be read: fix the field marked in red, then Ctrl-S. q quits (the file changes only by a save that checks out).".into(),
    }
}

impl App {
    pub(super) fn on_action(&mut self, action: Action) -> Vec<Effect> {
        self.note = None;
        match self.route {
            Route::Welcome => self.welcome_action(action),
            Route::Home => self.home_action(action),
            Route::Flag => self.flag_action(action),
            Route::Draft => self.draft_action(action),
            Route::Profile => self.profile_action(action),
            Route::Practice => self.practice_action(action),
            Route::Export => self.export_action(action),
            Route::Orphans => self.orphans_action(action),
        }
    }

    pub(super) fn welcome_action(&mut self, action: Action) -> Vec<Effect> {
        match self.welcome.on_action(action) {
            Some(start) => {
                self.starting = Some(start);
                vec![Effect::Begin(start)]
            }
            None => Vec::new(),
        }
    }

    pub(super) fn practice_action(&mut self, action: Action) -> Vec<Effect> {
        let (Some(ws), Some(screen)) = (&self.ws, &mut self.practice) else {
            return Vec::new();
        };
        let outcome = screen.on_action(action, ws, self.clock_ms, self.now);
        self.practice_outcome(outcome)
    }

    pub(super) fn practice_outcome(&mut self, outcome: PracticeOutcome) -> Vec<Effect> {
        match outcome {
            PracticeOutcome::Stay => Vec::new(),
            PracticeOutcome::Leave => {
                self.route = Route::Home;
                Vec::new()
            }
            PracticeOutcome::Record(attempt) => {
                let Some(ws) = &mut self.ws else {
                    return Vec::new();
                };
                ws.history.record(attempt);
                vec![Effect::SaveHistory(Box::new(ws.history.clone()))]
            }
        }
    }

    pub(super) fn profile_action(&mut self, action: Action) -> Vec<Effect> {
        let state = self.ws.as_ref().map(|ws| ws.state.clone());
        let sound = state == Some(ProfileState::Sound);
        let Some(screen) = &mut self.profile else {
            return Vec::new();
        };
        if action != Action::Back {
            self.leave_refused = false;
        }
        let fresh = screen.fresh;
        match screen.on_action(action) {
            ProfileOutcome::Stay => Vec::new(),
            ProfileOutcome::Info(text) => {
                self.note = Some((text, Tone::Info));
                Vec::new()
            }
            ProfileOutcome::Refused(text) if action == Action::Back && !sound => {
                self.note = Some((format!("{text} {}", stuck(state.as_ref())), Tone::Warning));
                Vec::new()
            }
            ProfileOutcome::Refused(_) if action == Action::Back && self.leave_refused => {
                screen.discard();
                self.leave_refused = false;
                self.route = Route::Home;
                self.note = Some((
                    "Left without saving; your profile is as it was.".into(),
                    Tone::Warning,
                ));
                Vec::new()
            }
            ProfileOutcome::Refused(text) if action == Action::Back => {
                self.leave_refused = true;
                self.note = Some((
                    format!("{text} Esc again leaves without saving."),
                    Tone::Warning,
                ));
                Vec::new()
            }
            ProfileOutcome::Refused(text) => {
                self.note = Some((text, Tone::Warning));
                Vec::new()
            }
            ProfileOutcome::Leave if !sound => {
                self.note = Some((stuck(state.as_ref()), Tone::Info));
                Vec::new()
            }
            ProfileOutcome::Leave => {
                self.route = Route::Home;
                if fresh {
                    self.note = Some((
                        "Nothing changed: your profile is as it was.".into(),
                        Tone::Info,
                    ));
                }
                Vec::new()
            }
            ProfileOutcome::Save(profile) => self.profile_saved(*profile, action == Action::Back),
        }
    }

    /// Take a new profile: save it, detect again and bring the drafts in step.
    pub(super) fn profile_saved(&mut self, profile: Profile, leave: bool) -> Vec<Effect> {
        let fresh = self
            .profile
            .as_mut()
            .is_some_and(|p| std::mem::take(&mut p.fresh));
        let Some(ws) = &mut self.ws else {
            return Vec::new();
        };
        let replaced = ws.state != ProfileState::Missing;
        ws.state = ProfileState::Sound;
        ws.today = profile.today(self.now.month());
        ws.profile = profile.clone();
        let mut effects = vec![Effect::SaveProfile(Box::new(profile))];
        effects.extend(self.sync_drafts());
        // The profile's names are words the spelling check accepts.
        self.respell();
        let (flags, orphans) = self
            .ws
            .as_ref()
            .map_or((0, 0), |w| (w.flags.len(), orphans::orphans(w).len()));
        let saved = if fresh && replaced {
            "Your new profile is saved; the one before is kept as profile.ron.bak in the data folder"
        } else {
            "Profile saved"
        };
        let found = match flags {
            0 => "no red flags found".to_string(),
            n => format!(
                "{} found",
                crate::tui::text::count(n, "red flag", "red flags")
            ),
        };
        let unmatched = match orphans {
            0 => String::new(),
            1 => " 1 draft no longer matches a flag: O on Home lists it.".into(),
            n => format!(" {n} drafts no longer match a flag: O on Home lists them."),
        };
        self.note = Some((format!("{saved}: {found}.{unmatched}"), Tone::Info));
        if leave {
            self.route = Route::Home;
        }
        self.home.selected = 0;
        effects
    }

    /// Drafts without a flag: keep them, or move one to the trash after asking.
    pub(super) fn orphans_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(ws) = &self.ws else {
            return Vec::new();
        };
        match self.orphans.on_action(action, ws) {
            OrphansOutcome::Stay => {}
            OrphansOutcome::Leave => self.route = Route::Home,
            OrphansOutcome::Trash(id) => {
                if let Some(d) = ws.draft(&id) {
                    let trash = crate::store::trash::trash_dir(&ws.paths);
                    self.confirm = Some(super::export::Confirm {
                        question: format!(
                            "Move this draft ({}, {}) to the trash folder? Its words stay in {}, from where it can be moved back. y moves it; any other key keeps it.",
                            orphans::kind_words(d.kind).to_lowercase(),
                            orphans::what_it_holds(d),
                            trash.display()
                        ),
                        effects: vec![Effect::TrashDraft(Box::new(d.clone()))],
                        then: None,
                    });
                }
            }
        }
        Vec::new()
    }

    /// A draft went to the trash folder: it is no longer held.
    pub(super) fn on_trashed(&mut self, flag: &str, path: &str) {
        if let Some(ws) = &mut self.ws {
            ws.drafts.retain(|d| d.flag != flag);
        }
        self.unsaved.remove(flag);
        self.counts.per_draft.remove(flag);
        self.note = Some((
            format!(
                "Moved to the trash folder as {path}. To bring it back, move that file into the drafts folder."
            ),
            Tone::Info,
        ));
        let left = self.ws.as_ref().map_or(0, |ws| orphans::orphans(ws).len());
        self.orphans.selected = self.orphans.selected.min(left.saturating_sub(1));
        if left == 0 && self.route == Route::Orphans {
            self.route = Route::Home;
        }
    }

    pub(super) fn home_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(ws) = &self.ws else {
            return Vec::new();
        };
        if self.home.choosing.is_some() {
            let outcome = self.home.on_action(action, ws);
            return self.home_outcome(outcome);
        }
        if action == Action::EditProfile {
            self.profile = Some(
                ProfileScreen::open(&ws.profile, &ws.knowledge.rules)
                    .with_checks(self.clock_month(), &ws.knowledge.rules),
            );
            self.route = Route::Profile;
            return Vec::new();
        }
        if action == Action::Export {
            self.open_export();
            return Vec::new();
        }
        if action == Action::Practice {
            self.practice = Some(PracticeScreen::open(ws));
            self.route = Route::Practice;
            return Vec::new();
        }
        if action == Action::Orphans {
            if orphans::orphans(ws).is_empty() {
                self.note = Some((
                    "Every draft belongs to a flag of your profile: none to list.".into(),
                    Tone::Info,
                ));
            } else {
                self.orphans.selected = 0;
                self.route = Route::Orphans;
            }
            return Vec::new();
        }
        let outcome = self.home.on_action(action, ws);
        self.home_outcome(outcome)
    }

    fn home_outcome(&mut self, outcome: HomeOutcome) -> Vec<Effect> {
        match outcome {
            HomeOutcome::OpenFlag(id) => {
                self.flag = FlagScreen::open(&id);
                self.route = Route::Flag;
                Vec::new()
            }
            HomeOutcome::Note(text) => {
                self.note = Some((text, Tone::Info));
                Vec::new()
            }
            HomeOutcome::Join { keep, other } => self.join_stories(&keep, &other),
            HomeOutcome::Split { story, flag } => self.split_story(&story, &flag),
            HomeOutcome::Stay => Vec::new(),
        }
    }

    pub(super) fn flag_action(&mut self, action: Action) -> Vec<Effect> {
        if action == Action::Back {
            self.route = Route::Home;
            return Vec::new();
        }
        let Some(ws) = &mut self.ws else {
            return Vec::new();
        };
        match self.flag.on_action(action, ws) {
            FlagOutcome::OpenDraft => {
                self.draft = DraftScreen::open(ws, &self.flag.flag, self.theme);
                if self.draft.is_some() {
                    self.route = Route::Draft;
                }
                Vec::new()
            }
            FlagOutcome::VenuesChanged => {
                let id = self.flag.flag.clone();
                self.edited(&id);
                Vec::new()
            }
            FlagOutcome::Stay => Vec::new(),
        }
    }

    pub(super) fn draft_action(&mut self, action: Action) -> Vec<Effect> {
        let (Some(ws), Some(screen)) = (&mut self.ws, &mut self.draft) else {
            return Vec::new();
        };
        if matches!(action, Action::Copy | Action::Export) {
            return self.draft_send(action == Action::Copy);
        }
        if action == Action::AddWord {
            return self.add_word();
        }
        if action == Action::FollowShared {
            return self.ask_follow_shared();
        }
        if action == Action::Dismiss && screen.read_only {
            self.note = Some((super::super::screens::draft::READ_ONLY.into(), Tone::Info));
            return Vec::new();
        }
        if action == Action::Dismiss {
            if screen.current_finding(ws).is_some() {
                self.prompt = Some(ratatui_textarea::TextArea::default());
            } else {
                self.note = Some((
                    "No finding here to set aside; n goes to the next one.".into(),
                    Tone::Info,
                ));
            }
            return Vec::new();
        }
        let id = screen.flag.clone();
        let before = ws.draft(&id).map(|d| d.seq);
        let outcome = screen.on_action(action, ws, self.now);
        // Whatever the outcome says, a draft whose number moved holds new words (typed
        // text committed on the way to a question, say): it must be saved.
        let moved = self.ws.as_ref().and_then(|w| w.draft(&id)).map(|d| d.seq) != before;
        if moved && !matches!(outcome, DraftOutcome::Edited | DraftOutcome::Note(_)) {
            self.edited(&id);
        }
        match outcome {
            DraftOutcome::Stay => Vec::new(),
            DraftOutcome::Edited => {
                self.edited(&id);
                Vec::new()
            }
            DraftOutcome::Note(text) => {
                self.note = Some((text, Tone::Info));
                self.edited(&id);
                self.save_all("")
            }
            DraftOutcome::Info(text) => {
                self.note = Some((text, Tone::Info));
                Vec::new()
            }
            DraftOutcome::AskReady(question) => {
                self.ask_ready(question);
                Vec::new()
            }
            DraftOutcome::Leave => {
                self.route = Route::Flag;
                self.recount_strengths();
                self.save_all("")
            }
        }
    }
}
