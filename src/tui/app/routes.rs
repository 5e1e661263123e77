//! What an action does on each screen: the screens decide, the model follows.

use super::*;

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
        let Some(screen) = &mut self.profile else {
            return Vec::new();
        };
        if action != Action::Back {
            self.leave_refused = false;
        }
        match screen.on_action(action) {
            ProfileOutcome::Stay => Vec::new(),
            ProfileOutcome::Note(text) if action == Action::Back && self.leave_refused => {
                let _ = text;
                screen.discard();
                self.leave_refused = false;
                self.route = Route::Home;
                self.note = Some((
                    "Left without saving; the profile is as it was.".into(),
                    Tone::Warning,
                ));
                Vec::new()
            }
            ProfileOutcome::Note(text) => {
                if action == Action::Back {
                    self.leave_refused = true;
                    self.note = Some((
                        format!("{text} Esc again leaves without saving."),
                        Tone::Warning,
                    ));
                } else {
                    self.note = Some((text, Tone::Warning));
                }
                Vec::new()
            }
            ProfileOutcome::Leave => {
                self.route = Route::Home;
                Vec::new()
            }
            ProfileOutcome::Save(profile) => self.profile_saved(*profile, action == Action::Back),
        }
    }

    /// Take a new profile: save it, detect again and bring the drafts in step.
    pub(super) fn profile_saved(&mut self, profile: Profile, leave: bool) -> Vec<Effect> {
        let Some(ws) = &mut self.ws else {
            return Vec::new();
        };
        ws.today = profile.today(self.now.month());
        ws.profile = profile.clone();
        let mut effects = vec![Effect::SaveProfile(Box::new(profile))];
        effects.extend(self.sync_drafts());
        let n = self.ws.as_ref().map_or(0, |w| w.flags.len());
        let found = crate::tui::text::count(n, "red flag", "red flags");
        self.note = Some((format!("Profile saved: {found} found."), Tone::Info));
        if leave {
            self.route = Route::Home;
        }
        self.home.selected = 0;
        effects
    }

    pub(super) fn home_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(ws) = &self.ws else {
            return Vec::new();
        };
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
        match self.home.on_action(action, ws) {
            HomeOutcome::OpenFlag(id) => {
                self.flag = FlagScreen::open(&id);
                self.route = Route::Flag;
            }
            HomeOutcome::Stay => {}
        }
        Vec::new()
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
        match screen.on_action(action, ws, self.now) {
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
            DraftOutcome::Leave => {
                self.route = Route::Flag;
                self.recount_strengths();
                self.save_all("")
            }
        }
    }
}
