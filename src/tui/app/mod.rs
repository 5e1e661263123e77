//! The model: where the app is, what it holds, and `update`, which turns each message
//! into new state and effects. No terminal, disk or clock here: time arrives through
//! `set_clock`, and everything that touches the world leaves as an `Effect`.

mod export;
mod recovery;

use std::collections::BTreeSet;

use crossterm::event::{
    KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use crate::core::detect::detect;
use crate::core::draft::sync;
use crate::core::month::YearMonth;
use crate::core::prefill::Facts;
use crate::core::profile::Profile;
use crate::core::stamp::Stamp;
use crate::store::workspace::Workspace;

use super::keymap::{Action, Context, Keymap};
use super::msg::{Effect, Msg, Saved, Start};
use super::screens::Route;
use super::screens::draft::{DraftOutcome, DraftScreen, Focus};
use super::screens::flag::{FlagOutcome, FlagScreen};
use super::screens::home::{HomeOutcome, HomeScreen};
use super::screens::practice::{PracticeOutcome, PracticeScreen};
use super::screens::profile::{ProfileOutcome, ProfileScreen};
use super::screens::welcome::WelcomeScreen;
use super::theme::Theme;

/// Edits are saved this long after the last keystroke.
pub const AUTOSAVE_MS: u64 = 800;
/// Typed text reaches the draft, the coach and the preview this long after the last
/// key, so a burst of typing costs only the editor's own work.
pub const SETTLE_MS: u64 = 120;
/// How often the practice clock redraws while it runs.
pub const TIMER_MS: u64 = 250;
/// A paste larger than this is refused.
pub const PASTE_CAP: usize = 256 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Warning,
    Error,
}

pub struct App {
    pub theme: Theme,
    pub keymap: Keymap,
    pub route: Route,
    pub help: bool,
    pub ws: Option<Workspace>,
    pub welcome: WelcomeScreen,
    pub home: HomeScreen,
    pub flag: FlagScreen,
    pub draft: Option<DraftScreen>,
    pub profile: Option<ProfileScreen>,
    pub practice: Option<PracticeScreen>,
    pub export: Option<super::screens::export::ExportScreen>,
    /// Unsaved words found at start, waiting for a decision.
    pub offer: Option<recovery::Offer>,
    recovery: recovery::CopyState,
    /// A yes-or-no question over the screen, when one is open.
    pub confirm: Option<export::Confirm>,
    /// The reason being typed for setting a coach finding aside, when one is.
    pub prompt: Option<ratatui_textarea::TextArea<'static>>,
    /// What the coach says, as Home shows it.
    pub counts: super::screens::home::Counts,
    pub note: Option<(String, Tone)>,
    pub size: (u16, u16),
    /// Drafts edited since their last save, by flag id.
    pub unsaved: BTreeSet<String>,
    /// Counts every edit, so the guard knows when its copy is stale.
    pub edits: u64,
    saves: u64,
    pub save_error: Option<String>,
    clock_ms: u64,
    now: Stamp,
    last_edit_ms: u64,
    last_key_ms: u64,
    /// Counts keys typed into a draft's editor.
    keys: u64,
    /// Drafts whose coach counts Home still waits for.
    to_count: Vec<String>,
    quit_requested: bool,
    quitting: bool,
    redraw: bool,
    /// How the welcome screen started, until the workspace arrives.
    starting: Option<Start>,
    /// A save of the profile form was refused; a second Esc leaves without it.
    leave_refused: bool,
}

impl App {
    /// An app on the welcome screen; `Msg::Loaded` brings a workspace.
    pub fn new(theme: Theme, keymap: Keymap) -> Self {
        Self {
            theme,
            keymap,
            route: Route::Welcome,
            help: false,
            ws: None,
            welcome: WelcomeScreen::default(),
            home: HomeScreen::default(),
            flag: FlagScreen::default(),
            draft: None,
            profile: None,
            practice: None,
            export: None,
            offer: None,
            recovery: recovery::CopyState::default(),
            confirm: None,
            prompt: None,
            counts: Default::default(),
            note: None,
            size: (80, 24),
            unsaved: BTreeSet::new(),
            edits: 0,
            saves: 0,
            save_error: None,
            clock_ms: 0,
            now: Stamp::default(),
            last_edit_ms: 0,
            last_key_ms: 0,
            keys: 0,
            to_count: Vec::new(),
            quit_requested: false,
            quitting: false,
            redraw: true,
            starting: None,
            leave_refused: false,
        }
    }

    /// Time as the runtime sees it: a monotonic count of milliseconds and the wall clock.
    pub fn set_clock(&mut self, clock_ms: u64, now: Stamp) {
        self.clock_ms = clock_ms;
        self.now = now;
    }

    pub fn quitting(&self) -> bool {
        self.quitting
    }

    /// Whether the screen needs drawing; clears the flag.
    pub fn take_redraw(&mut self) -> bool {
        std::mem::take(&mut self.redraw)
    }

    /// Milliseconds until the app wants a `Tick`, when it wants one.
    pub fn next_wake_ms(&self) -> Option<u64> {
        let timer = (self.route == Route::Practice
            && self.practice.as_ref().is_some_and(PracticeScreen::timing))
        .then_some(TIMER_MS);
        let save = (!self.unsaved.is_empty())
            .then(|| (self.last_edit_ms + AUTOSAVE_MS).saturating_sub(self.clock_ms));
        let copy = self.recovery_wake_ms();
        let settle = self
            .unsettled()
            .then(|| (self.last_key_ms + SETTLE_MS).saturating_sub(self.clock_ms));
        let counts = (!self.to_count.is_empty()).then_some(0);
        [timer, save, copy, settle, counts]
            .into_iter()
            .flatten()
            .min()
    }

    fn load(&mut self, ws: Workspace) {
        if let Some(first) = ws.warnings.first() {
            let more = ws.warnings.len() - 1;
            let extra = if more > 0 {
                format!(" (and {more} more)")
            } else {
                String::new()
            };
            self.note = Some((
                format!("Not loaded, left untouched: {first}{extra}"),
                Tone::Warning,
            ));
        }
        self.route = Route::Home;
        self.home.selected = 0;
        if self.starting.take() == Some(Start::Blank) {
            self.profile = Some(ProfileScreen::open(&ws.profile));
            self.route = Route::Profile;
            self.note = Some((
                "Fill in your facts, section by section. Ctrl-S saves and finds your red flags."
                    .into(),
                Tone::Info,
            ));
        }
        self.ws = Some(ws);
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let mut effects = self.handle(msg);
        effects.extend(self.recovery_effects());
        effects
    }

    fn handle(&mut self, msg: Msg) -> Vec<Effect> {
        self.redraw = true;
        match msg {
            Msg::Key(key) if key.kind != KeyEventKind::Release => self.on_key(key),
            Msg::Key(_) => {
                self.redraw = false;
                Vec::new()
            }
            Msg::Paste(text) => self.on_paste(&text),
            Msg::Mouse(mouse) => self.on_mouse(mouse),
            Msg::Resize(w, h) => {
                self.size = (w, h);
                Vec::new()
            }
            Msg::Tick => self.on_tick(),
            Msg::Loaded(ws) => {
                self.load(*ws);
                self.sync_drafts()
            }
            Msg::Saved(_) => self.on_saved(),
            Msg::SaveFailed(what, why) => self.on_save_failed(&what, why),
            Msg::Failed(why) => {
                self.note = Some((why, Tone::Error));
                Vec::new()
            }
            Msg::Copied(what, sent) => {
                self.on_copied(&what, &sent);
                Vec::new()
            }
            Msg::RecoveryFound(drafts) => {
                self.offer_recovery(drafts);
                Vec::new()
            }
            Msg::Exported(path) => {
                self.note = Some((format!("Saved to {path}"), Tone::Info));
                Vec::new()
            }
            Msg::QuitNow => {
                self.confirm_quit();
                Vec::new()
            }
        }
    }

    /// Whether anything typed is not on disk yet.
    pub fn has_unsaved(&self) -> bool {
        self.unsettled()
            || !self.unsaved.is_empty()
            || self.profile.as_ref().is_some_and(|p| p.changed)
    }

    /// The key context in force: the editor's when writing.
    pub fn context(&self) -> Context {
        if self.prompt.is_some() {
            return Context::Editor;
        }
        let editing = match self.route {
            Route::Draft => self
                .draft
                .as_ref()
                .is_some_and(|d| d.focus == Focus::Editor),
            Route::Profile => self.profile.as_ref().is_some_and(ProfileScreen::is_editing),
            Route::Practice => self.practice.as_ref().is_some_and(|p| p.typing),
            _ => false,
        };
        if editing {
            Context::Editor
        } else {
            Context::List
        }
    }

    fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let context = self.context();
        let action = if context == Context::Editor {
            self.keymap.action_in(Context::Editor, key).or_else(|| {
                // The editor takes every plain key; only chords and special keys reach
                // the global table.
                let plain = matches!(key.code, crossterm::event::KeyCode::Char(_))
                    && !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
                (!plain)
                    .then(|| self.keymap.action_in(Context::Global, key))
                    .flatten()
            })
        } else {
            self.keymap.action(context, key)
        };
        if self.help {
            return self.on_help_key(action);
        }
        if self.prompt.is_some() {
            return self.on_prompt_key(key, action);
        }
        if self.confirm.is_some() {
            return self.on_confirm_key(key);
        }
        if self.offer.is_some() {
            if action == Some(Action::ForceQuit) {
                return self.quit(true);
            }
            return self.on_offer_key(key);
        }
        match action {
            Some(Action::ForceQuit) => self.quit(true),
            Some(Action::Quit) => self.quit(false),
            Some(Action::Help) => {
                self.help = true;
                Vec::new()
            }
            Some(Action::Save) if self.route != Route::Profile => self.save_all("Saved."),
            Some(a) => self.on_action(a),
            None if context == Context::Editor => self.on_editor_key(key),
            None => {
                self.redraw = false;
                Vec::new()
            }
        }
    }

    fn on_prompt_key(&mut self, key: KeyEvent, action: Option<Action>) -> Vec<Effect> {
        match action {
            Some(Action::ForceQuit) => return self.quit(true),
            Some(Action::Back) => {
                self.prompt = None;
                return Vec::new();
            }
            _ => {}
        }
        if key.code == crossterm::event::KeyCode::Enter {
            let reason = self
                .prompt
                .take()
                .map(|t| t.lines().join(" "))
                .unwrap_or_default();
            if reason.trim().is_empty() {
                self.note = Some((
                    "A short reason is needed to set a finding aside.".into(),
                    Tone::Warning,
                ));
                return Vec::new();
            }
            let (Some(ws), Some(screen)) = (&mut self.ws, &mut self.draft) else {
                return Vec::new();
            };
            let id = screen.flag.clone();
            if screen.dismiss(ws, &reason, self.now) {
                self.note = Some((
                    "Set aside; it stays listed, and comes back if those words change.".into(),
                    Tone::Info,
                ));
                self.edited(&id);
            }
            return Vec::new();
        }
        if let Some(t) = &mut self.prompt {
            t.input(key);
        }
        Vec::new()
    }

    fn on_help_key(&mut self, action: Option<Action>) -> Vec<Effect> {
        match action {
            Some(Action::ForceQuit) => self.quit(true),
            Some(Action::Help | Action::Back | Action::Quit) => {
                self.help = false;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn on_action(&mut self, action: Action) -> Vec<Effect> {
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

    fn welcome_action(&mut self, action: Action) -> Vec<Effect> {
        match self.welcome.on_action(action) {
            Some(start) => {
                self.starting = Some(start);
                vec![Effect::Begin(start)]
            }
            None => Vec::new(),
        }
    }

    pub fn clock_ms(&self) -> u64 {
        self.clock_ms
    }

    fn practice_action(&mut self, action: Action) -> Vec<Effect> {
        let (Some(ws), Some(screen)) = (&self.ws, &mut self.practice) else {
            return Vec::new();
        };
        let outcome = screen.on_action(action, ws, self.clock_ms, self.now);
        self.practice_outcome(outcome)
    }

    fn practice_outcome(&mut self, outcome: PracticeOutcome) -> Vec<Effect> {
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

    fn profile_action(&mut self, action: Action) -> Vec<Effect> {
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
    fn profile_saved(&mut self, profile: Profile, leave: bool) -> Vec<Effect> {
        let Some(ws) = &mut self.ws else {
            return Vec::new();
        };
        let (y, m) = self.now.year_month();
        let this_month = YearMonth::clamped(i32::try_from(y).unwrap_or(2026), m);
        ws.today = profile.today(this_month);
        ws.profile = profile.clone();
        let mut effects = vec![Effect::SaveProfile(Box::new(profile))];
        effects.extend(self.sync_drafts());
        let n = self.ws.as_ref().map_or(0, |w| w.flags.len());
        self.note = Some((format!("Profile saved: {n} red flags found."), Tone::Info));
        if leave {
            self.route = Route::Home;
        }
        self.home.selected = 0;
        effects
    }

    fn home_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(ws) = &self.ws else {
            return Vec::new();
        };
        if action == Action::EditProfile {
            self.profile = Some(ProfileScreen::open(&ws.profile));
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

    fn flag_action(&mut self, action: Action) -> Vec<Effect> {
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

    fn draft_action(&mut self, action: Action) -> Vec<Effect> {
        let (Some(ws), Some(screen)) = (&mut self.ws, &mut self.draft) else {
            return Vec::new();
        };
        if matches!(action, Action::Copy | Action::Export) {
            return self.draft_send(action == Action::Copy);
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

    fn on_editor_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        self.note = None;
        if self.route == Route::Profile {
            if let Some(screen) = &mut self.profile {
                screen.on_edit_input(key.into());
            }
            return Vec::new();
        }
        if self.route == Route::Practice {
            let (Some(ws), Some(screen)) = (&self.ws, &mut self.practice) else {
                return Vec::new();
            };
            let outcome = screen.on_input(key.into(), ws, self.now);
            return self.practice_outcome(outcome);
        }
        let (Some(ws), Some(screen)) = (&mut self.ws, &mut self.draft) else {
            return Vec::new();
        };
        let _ = ws;
        if screen.on_editor_input(key.into()) {
            self.last_key_ms = self.clock_ms;
            self.keys += 1;
        }
        Vec::new()
    }

    /// Whether typed text waits to reach the draft.
    fn unsettled(&self) -> bool {
        self.route == Route::Draft && self.draft.as_ref().is_some_and(|d| d.typed)
    }

    /// Copy typed text into the draft and rerun the coach and preview.
    fn settle(&mut self) {
        let (Some(ws), Some(screen)) = (&mut self.ws, &mut self.draft) else {
            return;
        };
        if screen.settle(ws, self.now) {
            let id = screen.flag.clone();
            self.edited(&id);
        }
    }

    fn on_paste(&mut self, text: &str) -> Vec<Effect> {
        if self.context() != Context::Editor {
            self.redraw = false;
            return Vec::new();
        }
        if text.len() > PASTE_CAP {
            self.note = Some((
                format!(
                    "That paste is {} kB; flagdraft takes up to {} kB at once.",
                    text.len() / 1024,
                    PASTE_CAP / 1024
                ),
                Tone::Warning,
            ));
            return Vec::new();
        }
        let clean = clean_paste(text);
        if let Some(prompt) = &mut self.prompt {
            prompt.insert_str(clean.replace('\n', " "));
            return Vec::new();
        }
        if self.route == Route::Profile {
            if let Some(screen) = &mut self.profile {
                screen.paste(&clean);
            }
            return Vec::new();
        }
        if self.route == Route::Practice {
            if let Some(screen) = &mut self.practice {
                screen.paste(&clean);
            }
            return Vec::new();
        }
        let (Some(ws), Some(screen)) = (&mut self.ws, &mut self.draft) else {
            return Vec::new();
        };
        let _ = ws;
        if screen.paste(&clean) {
            self.last_key_ms = self.clock_ms;
            self.keys += 1;
        }
        Vec::new()
    }

    fn on_mouse(&mut self, mouse: MouseEvent) -> Vec<Effect> {
        let area = self.body_area();
        match mouse.kind {
            MouseEventKind::ScrollUp => self.on_action(Action::Up),
            MouseEventKind::ScrollDown => self.on_action(Action::Down),
            MouseEventKind::Down(MouseButton::Left) => {
                self.click(mouse.column, mouse.row, area);
                Vec::new()
            }
            _ => {
                self.redraw = false;
                Vec::new()
            }
        }
    }

    fn click(&mut self, col: u16, row: u16, area: Rect) {
        let Some(ws) = &mut self.ws else { return };
        match self.route {
            Route::Home => {
                self.home.click(row, area, ws);
            }
            Route::Draft => {
                if let Some(screen) = &mut self.draft
                    && screen.click(col, row, area, ws, self.now)
                {
                    let id = screen.flag.clone();
                    self.edited(&id);
                }
            }
            Route::Welcome | Route::Flag | Route::Profile | Route::Practice | Route::Export => {}
        }
    }

    /// The screen area above the status bar.
    pub fn body_area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1.saturating_sub(1))
    }

    fn edited(&mut self, id: &str) {
        self.count(id);
        self.edits += 1;
        self.unsaved.insert(id.to_string());
        self.last_edit_ms = self.clock_ms;
    }

    fn on_tick(&mut self) -> Vec<Effect> {
        let mut changed = false;
        if !self.to_count.is_empty() {
            self.count_some();
            changed = true;
        }
        if self.unsettled() && self.clock_ms >= self.last_key_ms + SETTLE_MS {
            self.settle();
            changed = true;
        }
        let timing = self.route == Route::Practice
            && self.practice.as_ref().is_some_and(PracticeScreen::timing);
        self.redraw = changed || timing;
        if self.unsaved.is_empty() || self.clock_ms < self.last_edit_ms + AUTOSAVE_MS {
            return Vec::new();
        }
        self.redraw = true;
        self.save_all("")
    }

    /// Moves on with every edit and every save: when it has not moved, neither has
    /// what is unsaved.
    pub fn changes(&self) -> u64 {
        self.edits + self.saves
    }

    /// Keys typed into a draft's editor so far.
    pub fn keys(&self) -> u64 {
        self.keys
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
        let Some(mut live) = ws.draft(&screen.flag).cloned() else {
            return drafts;
        };
        if let Some(part) = ws
            .templates
            .get(live.kind.family())
            .and_then(|t| t.parts.get(screen.part))
        {
            live.parts
                .insert(part.key.clone(), screen.editor.lines().join("\n"));
        }
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

    /// Saves of every draft with unsaved edits, for a last chance after a crash.
    pub fn emergency_saves(&mut self) -> Vec<Effect> {
        self.save_all("")
    }

    /// Save every draft with unsaved edits.
    fn save_all(&mut self, note: &str) -> Vec<Effect> {
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

    fn quit(&mut self, anywhere: bool) -> Vec<Effect> {
        if !anywhere && self.context() == Context::Editor {
            return Vec::new();
        }
        if self.quit_requested && self.save_error.is_some() {
            // Asked again after a failed save: the user chose to leave.
            self.quitting = true;
            return Vec::new();
        }
        self.quit_requested = true;
        let effects = self.save_all("");
        if effects.is_empty() {
            self.quitting = true;
        }
        effects
            .into_iter()
            .chain(std::iter::once(Effect::Quit))
            .collect()
    }

    /// The saves before quitting are done: quit unless one failed.
    fn confirm_quit(&mut self) {
        if self.save_error.is_none() {
            self.quitting = true;
        }
    }

    fn on_saved(&mut self) -> Vec<Effect> {
        self.save_error = None;
        self.saves += 1;
        Vec::new()
    }

    fn on_save_failed(&mut self, what: &Saved, why: String) -> Vec<Effect> {
        if let Saved::Draft(id) = what {
            self.unsaved.insert(id.clone());
        }
        let hint = if self.quit_requested {
            " Not quitting: press Ctrl-C again to quit anyway."
        } else {
            ""
        };
        self.note = Some((format!("Could not save: {why}.{hint}"), Tone::Error));
        self.save_error = Some(why);
        Vec::new()
    }

    fn recount_strengths(&mut self) {
        if let Some(ws) = &self.ws {
            self.counts.strengths =
                crate::core::coach::overview::strengths(&ws.profile, &ws.drafts);
        }
    }

    /// Recount the coach's findings for draft `id`.
    fn count(&mut self, id: &str) {
        let Some(ws) = &self.ws else { return };
        if let Some(d) = ws.draft(id) {
            let r = ws.report(d);
            let errors = r.count(crate::core::coach::rules::Level::Error);
            let warnings = r.count(crate::core::coach::rules::Level::Warning) - errors;
            self.counts
                .per_draft
                .insert(id.to_string(), (errors, warnings));
        }
    }

    /// Detection and drafts after the profile changed, or on first load.
    fn sync_drafts(&mut self) -> Vec<Effect> {
        let Some(ws) = &mut self.ws else {
            return Vec::new();
        };
        ws.flags = detect(&ws.profile, &ws.knowledge, ws.today);
        let facts = Facts {
            profile: &ws.profile,
            rules: &ws.knowledge.rules,
            today: ws.today,
        };
        let changed = sync(&mut ws.drafts, &ws.flags, facts, self.now);
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
    fn count_some(&mut self) {
        const PER_TICK: usize = 32;
        for _ in 0..PER_TICK {
            let Some(id) = self.to_count.pop() else { break };
            self.count(&id);
        }
    }
}

/// Terminal line ends become `\n`, and control characters other than tab and newline
/// are dropped, so nothing pasted can drive the terminal.
pub fn clean_paste(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}
