//! The full-screen app without a terminal: messages go through `flagdraft::tui::dispatch`,
//! effects run against a private temporary data folder with the clock fixed, and
//! screens render into a `TestBackend`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use flagdraft::core::stamp::Stamp;
use flagdraft::store::workspace::Workspace;
use flagdraft::store::{self, Paths};
use flagdraft::tui::app::{App, SETTLE_MS};
use flagdraft::tui::keymap::{Keymap, parse_sequence};
use flagdraft::tui::msg::Msg;
use flagdraft::tui::runtime::Runtime;
use flagdraft::tui::theme::Theme;
use flagdraft::tui::{dispatch, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The wall clock the tests' app sees.
#[allow(dead_code)]
pub const NOW: Stamp = Stamp(1_795_680_000); // 2026-11-26T08:00:00Z

#[allow(dead_code)]
pub struct Harness {
    _tmp: tempfile::TempDir,
    pub paths: Paths,
    pub app: App,
    pub rt: Runtime,
}

#[allow(dead_code)]
impl Harness {
    /// The app on the welcome screen, as on a first launch.
    pub fn fresh() -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        let mut rt = Runtime::new(paths.clone());
        rt.fix_clock(0, NOW);
        let app = App::new(Theme::new(true), Keymap::default());
        let mut h = Self {
            _tmp: tmp,
            paths,
            app,
            rt,
        };
        h.msg(Msg::Resize(100, 30));
        h
    }

    /// The demo applicant just loaded, before the loop's first wake-up.
    pub fn demo_loaded() -> Self {
        let mut h = Self::fresh();
        store::write_profile_text(&h.paths, store::DEMO_PROFILE, false).unwrap();
        let ws = Workspace::open(h.paths.clone(), "2026-11".parse().unwrap()).unwrap();
        h.msg(Msg::Loaded(Box::new(ws)));
        h
    }

    /// The app on Home with the demo applicant loaded and every flag told alone, a
    /// draft each: its `stories.ron` joins no flags.
    pub fn demo_alone() -> Self {
        let mut h = Self::fresh();
        std::fs::create_dir_all(&h.paths.config).unwrap();
        std::fs::write(
            h.paths.config.join("stories.ron"),
            "StoryRules(version: 1, groups: [])\n",
        )
        .unwrap();
        store::write_profile_text(&h.paths, store::DEMO_PROFILE, false).unwrap();
        let ws = Workspace::open(h.paths.clone(), "2026-11".parse().unwrap()).unwrap();
        h.msg(Msg::Loaded(Box::new(ws)));
        h.idle(0);
        h
    }

    /// The app on Home with the demo applicant loaded.
    pub fn demo() -> Self {
        let mut h = Self::demo_loaded();
        // The loop wakes at once after the first frame to count the coach's findings.
        h.idle(0);
        h
    }

    /// The loaded draft of flag `id`, to change in place.
    pub fn draft_mut(&mut self, id: &str) -> &mut flagdraft::core::draft::Draft {
        let ws = self.app.ws.as_mut().unwrap();
        ws.drafts.iter_mut().find(|d| d.flag == id).unwrap()
    }

    pub fn msg(&mut self, msg: Msg) {
        dispatch(&mut self.app, &mut self.rt, msg);
    }

    /// Press `keys` (as `parse_sequence` reads them) with no pause after.
    pub fn press(&mut self, keys: &str) {
        for key in parse_sequence(keys).unwrap() {
            self.msg(Msg::Key(key));
        }
    }

    /// Type `keys`, then pause as a person would: long enough for the typed text to
    /// reach the draft and the coach, not for the autosave.
    pub fn feed(&mut self, keys: &str) {
        self.press(keys);
        self.idle(SETTLE_MS);
    }

    /// Each character as a terminal sends it: capitals with shift; no pause after.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.msg(Msg::Key(KeyEvent::new(KeyCode::Char(c), mods)));
        }
    }

    /// Let the clock run `ms` on (the autosave timer, say) and the app see a tick.
    pub fn idle(&mut self, ms: u64) {
        let clock = self.rt.clock_ms() + ms;
        self.rt.fix_clock(clock, NOW);
        self.msg(Msg::Tick);
    }

    /// The app drawn at `w`×`h`.
    pub fn screen(&self, w: u16, h: u16) -> TestBackend {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| view::draw(&self.app, f)).unwrap();
        term.backend().clone()
    }

    /// The app drawn at `w`×`h`, as text: its rows, one a line.
    pub fn screen_text(&self, w: u16, h: u16) -> String {
        let backend = self.screen(w, h);
        let buf = backend.buffer();
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }
}
