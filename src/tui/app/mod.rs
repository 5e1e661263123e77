//! The model: where the app is, what it holds, and `update`, which turns each message
//! into new state and effects. No terminal, disk or clock here: time arrives through
//! `set_clock`, and everything that touches the world leaves as an `Effect`.

mod export;
mod input;
mod recovery;
mod routes;
mod saving;
mod spelling;
mod stories;

use std::collections::BTreeSet;

use crossterm::event::KeyEventKind;
use ratatui::layout::Rect;

use crate::core::detect::detect;
use crate::core::draft::sync;
use crate::core::prefill::Facts;
use crate::core::profile::Profile;
use crate::core::stamp::Stamp;
use crate::store::workspace::{ProfileState, Workspace};

use super::keymap::{Action, Context, Keymap};
use super::msg::{Effect, Msg, Saved, Start};
use super::screens::Route;
use super::screens::draft::{DraftOutcome, DraftScreen, Focus};
use super::screens::flag::{FlagOutcome, FlagScreen};
use super::screens::home::{HomeOutcome, HomeScreen};
use super::screens::orphans::OrphansScreen;
use super::screens::pane::Scroll;
use super::screens::practice::{PracticeOutcome, PracticeScreen};
use super::screens::profile::{ProfileOutcome, ProfileScreen};
use super::screens::welcome::WelcomeScreen;
use super::theme::Theme;

/// Edits are saved this long after the last keystroke.
pub const AUTOSAVE_MS: u64 = 800;
/// During steady editing, edits are saved at least this often.
pub const AUTOSAVE_MAX_MS: u64 = 3000;
/// Typed text reaches the draft, the coach and the preview this long after the last
/// key, so a burst of typing costs only the editor's own work.
pub const SETTLE_MS: u64 = 120;
/// During steady typing, the draft follows the editor at least this often.
pub const SETTLE_MAX_MS: u64 = 1000;
/// How often the practice clock redraws while it runs.
pub const TIMER_MS: u64 = 250;
/// A paste larger than this is refused.
pub const PASTE_CAP: usize = 256 * 1024;
/// How many messages the message log keeps.
pub const MESSAGES_KEPT: usize = 30;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Warning,
    Error,
}

pub struct App {
    /// Why nothing is saved, when the data folder is read only.
    pub read_only: Option<String>,
    pub theme: Theme,
    pub keymap: Keymap,
    pub route: Route,
    pub help: bool,
    /// How far the help is scrolled.
    pub help_scroll: Scroll,
    /// The last messages of the status line, oldest first, each in full.
    pub messages: Vec<(String, Tone)>,
    /// Whether the message log is open over the screen, and how far it is scrolled.
    pub messages_open: bool,
    pub messages_scroll: Scroll,
    /// The status line's message as last logged.
    logged: Option<(String, Tone)>,
    pub ws: Option<Workspace>,
    pub welcome: WelcomeScreen,
    pub home: HomeScreen,
    pub orphans: OrphansScreen,
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
    /// When the typing not yet in the draft began.
    typing_since_ms: Option<u64>,
    /// When the oldest unsaved edit was made.
    unsaved_since_ms: u64,
    /// Failed saves in a row, and when the next try may start.
    failures: u32,
    retry_at_ms: u64,
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
    /// Quitting was held once for a wrong profile field; the next quit goes ahead.
    profile_quit_warned: bool,
    /// The spelling dictionary and the user's word list.
    spell: spelling::SpellState,
}

impl App {
    /// An app on the welcome screen; `Msg::Loaded` brings a workspace.
    pub fn new(theme: Theme, keymap: Keymap) -> Self {
        Self {
            read_only: None,
            theme,
            keymap,
            route: Route::Welcome,
            help: false,
            help_scroll: Scroll::default(),
            messages: Vec::new(),
            messages_open: false,
            messages_scroll: Scroll::default(),
            logged: None,
            ws: None,
            welcome: WelcomeScreen::default(),
            home: HomeScreen::default(),
            orphans: OrphansScreen::default(),
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
            typing_since_ms: None,
            unsaved_since_ms: 0,
            failures: 0,
            retry_at_ms: 0,
            keys: 0,
            to_count: Vec::new(),
            quit_requested: false,
            quitting: false,
            redraw: true,
            starting: None,
            leave_refused: false,
            profile_quit_warned: false,
            spell: spelling::SpellState::default(),
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
        // Read only, no save is tried on a timer: it could only be refused.
        let save = self
            .autosave_due_ms()
            .filter(|_| self.read_only.is_none())
            .map(|due| due.saturating_sub(self.clock_ms));
        let copy = self.recovery_wake_ms();
        let settle = self
            .settle_due_ms()
            .map(|due| due.saturating_sub(self.clock_ms));
        let counts = (!self.to_count.is_empty()).then_some(0);
        let spelling = self.spelling_wanted().then_some(0);
        [timer, save, copy, settle, counts, spelling]
            .into_iter()
            .flatten()
            .min()
    }

    /// This month by the clock, once the clock has been read: what a blank "as of"
    /// in the profile form stands for.
    pub(super) fn clock_month(&self) -> Option<crate::core::month::YearMonth> {
        (self.now != Stamp::default()).then(|| self.now.month())
    }

    pub(super) fn load(&mut self, ws: Workspace) {
        if let Some(first) = ws.warnings.first() {
            let more = ws.warnings.len() - 1;
            let extra = if more > 0 {
                format!(" (and {more} more)")
            } else {
                String::new()
            };
            let lead = match first {
                crate::store::StoreError::ReadOnly { .. }
                | crate::store::StoreError::Duplicate { .. } => "",
                _ => "Not loaded, left untouched: ",
            };
            self.note = Some((format!("{lead}{first}{extra}"), Tone::Warning));
        }
        self.route = Route::Home;
        self.home.selected = 0;
        let month = self.clock_month();
        let rules = &ws.knowledge.rules;
        match &ws.state {
            ProfileState::Sound => {
                if self.starting.take() == Some(Start::Demo) {
                    self.note = Some((super::screens::welcome::DEMO_OPENED.into(), Tone::Info));
                }
            }
            ProfileState::Missing => {
                self.profile =
                    Some(ProfileScreen::blank(&ws.profile, rules).with_checks(month, rules));
                self.route = Route::Profile;
                self.note = Some((super::screens::welcome::BLANK_OPENED.into(), Tone::Info));
            }
            ProfileState::Broken { said, .. } => {
                let mut screen = ProfileScreen::open(&ws.profile, rules).with_checks(month, rules);
                let why = screen.point_at_problem().unwrap_or_else(|| said.clone());
                self.profile = Some(screen);
                self.route = Route::Profile;
                self.note = Some((
                    format!(
                        "Your profile needs one fix: {why}. Fix the marked field, then Ctrl-S; your drafts are kept as they are."
                    ),
                    Tone::Warning,
                ));
            }
        }
        self.starting = None;
        self.ws = Some(ws);
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let mut effects = self.handle(msg);
        effects.extend(self.recovery_effects());
        self.log_note();
        effects
    }

    /// Keep each new message of the status line in the log, in full.
    fn log_note(&mut self) {
        if self.note == self.logged {
            return;
        }
        if let Some(note) = &self.note {
            self.messages.push(note.clone());
            if self.messages.len() > MESSAGES_KEPT {
                self.messages.remove(0);
            }
        }
        self.logged = self.note.clone();
    }

    pub(super) fn handle(&mut self, msg: Msg) -> Vec<Effect> {
        self.redraw = true;
        // The Draft screen scrolls its guidance within the window as it is now.
        let area = self.body_area();
        if let Some(screen) = &mut self.draft {
            screen.area = area;
        }
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
                let saves = self.sync_drafts();
                self.respell();
                // Read only, drafts made for new flags live in memory only.
                if self.read_only.is_some() {
                    Vec::new()
                } else {
                    saves
                }
            }
            Msg::Saved(_) => self.on_saved(),
            Msg::SaveFailed(what, why) => self.on_save_failed(&what, why),
            Msg::SavedBeside(_, note) => {
                self.note = Some((note, Tone::Warning));
                self.on_saved()
            }
            Msg::Failed(why) => {
                self.note = Some((why, Tone::Error));
                Vec::new()
            }
            Msg::Copied(what, sent) => {
                self.on_copied(&what, &sent);
                Vec::new()
            }
            Msg::RecoveryFound(found) => {
                self.offer_recovery(found);
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
            Msg::Trashed(flag, path) => {
                self.on_trashed(&flag, &path);
                Vec::new()
            }
            Msg::Joined { path, .. } => {
                self.on_joined(&path);
                self.on_saved()
            }
            Msg::SpellingReady(loaded) => {
                self.on_spelling(*loaded);
                Vec::new()
            }
            Msg::WordAdded(word, added) => {
                self.on_word_added(word, added);
                Vec::new()
            }
        }
    }

    /// Words for the status line while the profile is not one that loads: none yet
    /// (a blank start), or a file that needs a fix.
    pub fn profile_state_words(&self) -> Option<&'static str> {
        match self.ws.as_ref().map(|ws| &ws.state) {
            Some(ProfileState::Missing) => Some("not saved yet"),
            Some(ProfileState::Broken { .. }) => Some("needs a fix"),
            _ => None,
        }
    }

    /// Whether anything typed is not on disk yet.
    pub fn has_unsaved(&self) -> bool {
        self.unsettled()
            || !self.unsaved.is_empty()
            || self
                .profile
                .as_ref()
                .is_some_and(|p| p.unsaved_values().is_some())
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

    pub fn clock_ms(&self) -> u64 {
        self.clock_ms
    }

    /// The screen area above the status bar.
    pub fn body_area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1.saturating_sub(1))
    }
}

/// Terminal line ends and Unicode line and paragraph separators become `\n`; control
/// characters other than tab and newline are dropped, so nothing pasted can drive the
/// terminal; and invisible characters (direction overrides, zero-width spaces, a
/// byte-order mark: see `core::invisible`, which keeps the joiners of emoji and of
/// scripts that need them) are dropped, so nothing pasted hides in the draft.
pub fn clean_paste(text: &str) -> String {
    let visible: String = text
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}'], "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    crate::core::invisible::strip(&visible)
}
