//! The terminal app never panics: random keys, pastes, mouse events, resizes and clock
//! ticks on every screen, drawn after each one, with the editor, memory and disk kept
//! in step; and every screen and overlay renders at every size down to 1×1.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::borrow::Cow;
use std::collections::VecDeque;

use common::demo::to_step1;
use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use flagdraft::core::stamp::Stamp;
use flagdraft::store::drafts::load_drafts;
use flagdraft::store::workspace::Workspace;
use flagdraft::store::{self, Paths};
use flagdraft::tui::app::{AUTOSAVE_MS, App, PASTE_CAP};
use flagdraft::tui::keymap::{Action, DEFAULTS, Keymap, parse_key, parse_sequence};
use flagdraft::tui::msg::{Effect, Msg};
use flagdraft::tui::runtime::Runtime;
use flagdraft::tui::screens::Route;
use flagdraft::tui::theme::Theme;
use flagdraft::tui::{text, view};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

const NOW: Stamp = Stamp(1_795_680_000); // 2026-11-26T08:00:00Z

struct Harness {
    _tmp: tempfile::TempDir,
    paths: Paths,
    app: App,
    rt: Runtime,
    /// What copies sent, in place of this process's standard output.
    copied: Vec<u8>,
    /// One terminal for the whole run, resized with the window, as in the app.
    term: Terminal<TestBackend>,
}

impl Harness {
    /// The app on the welcome screen, as on a first launch.
    fn fresh() -> Self {
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
            copied: Vec::new(),
            term: Terminal::new(TestBackend::new(100, 30)).unwrap(),
        };
        h.msg(Msg::Resize(100, 30));
        h
    }

    /// The app on Home with the demo applicant loaded.
    fn demo() -> Self {
        Self::demo_with(None)
    }

    /// As [`Harness::demo`], every flag told alone: its `stories.ron` joins none.
    fn demo_alone() -> Self {
        Self::demo_with(Some("StoryRules(version: 1, groups: [])\n"))
    }

    fn demo_with(stories: Option<&str>) -> Self {
        let mut h = Self::fresh();
        if let Some(text) = stories {
            std::fs::create_dir_all(&h.paths.config).unwrap();
            std::fs::write(h.paths.config.join("stories.ron"), text).unwrap();
        }
        store::write_profile_text(&h.paths, store::DEMO_PROFILE, false).unwrap();
        let ws = Workspace::open(h.paths.clone(), "2026-11".parse().unwrap()).unwrap();
        h.msg(Msg::Loaded(Box::new(ws)));
        assert_eq!(h.app.route, Route::Home);
        h
    }

    /// `flagdraft::tui::dispatch`, step for step, except that a copy is written to
    /// `self.copied`: the real one writes OSC 52 to this process's standard output,
    /// which would set the clipboard of whoever runs the tests.
    fn msg(&mut self, msg: Msg) {
        self.app.set_clock(self.rt.clock_ms(), self.rt.now());
        let mut pending = VecDeque::from(self.app.update(msg));
        while let Some(effect) = pending.pop_front() {
            let reply = match effect {
                Effect::Copy { what, text } => {
                    Some(match flagdraft::clipboard::copy(&text, &mut self.copied) {
                        Ok(sent) => Msg::Copied(what, sent),
                        Err(e) => Msg::Failed(format!("Not copied: {e}")),
                    })
                }
                other => self.rt.perform(other),
            };
            if let Some(reply) = reply {
                pending.extend(self.app.update(reply));
            }
        }
    }

    /// Keys as `parse_sequence` reads them; `<pause>` lets the clock run a while.
    fn feed(&mut self, keys: &str) {
        for (i, part) in keys.split("<pause>").enumerate() {
            if i > 0 {
                self.tick(AUTOSAVE_MS);
            }
            for key in parse_sequence(part).unwrap() {
                self.msg(Msg::Key(key));
            }
        }
    }

    /// Move both clocks on by `ms` and let the app see a tick.
    fn tick(&mut self, ms: u64) {
        let clock = self.rt.clock_ms() + ms;
        let now = Stamp(self.rt.now().0 + ms / 1000);
        self.rt.fix_clock(clock, now);
        self.msg(Msg::Tick);
    }

    fn screen(&self, w: u16, h: u16) -> Buffer {
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        term.draw(|f| view::draw(&self.app, f)).unwrap();
        term.backend().buffer().clone()
    }

    /// Draw on the running terminal at the window's current size.
    fn draw(&mut self) {
        let (w, h) = self.app.size;
        if self.term.backend().buffer().area.as_size() != (w, h).into() {
            self.term.backend_mut().resize(w, h);
        }
        self.term.draw(|f| view::draw(&self.app, f)).unwrap();
        assert_eq!(self.term.backend().buffer().area.as_size(), (w, h).into());
    }

    fn apply(&mut self, ev: &Ev) {
        match ev {
            Ev::Key(keys) => self.feed(keys),
            Ev::Keys(keys) => {
                for key in parse_sequence(keys).unwrap() {
                    if self.app.quitting() {
                        break;
                    }
                    self.msg(Msg::Key(key));
                }
            }
            Ev::Paste(p) => self.msg(Msg::Paste(p.text())),
            Ev::Mouse(kind, col, row) => {
                // Where a terminal could report it: inside the window.
                let (w, h) = self.app.size;
                self.msg(Msg::Mouse(MouseEvent {
                    kind: *kind,
                    column: col % w.max(1),
                    row: row % h.max(1),
                    modifiers: KeyModifiers::NONE,
                }));
            }
            Ev::Resize(w, h) => {
                self.msg(Msg::Resize(*w, *h));
                assert_eq!(self.app.size, (*w, *h));
            }
            Ev::Tick(ms) => self.tick(*ms),
        }
    }

    /// What must hold after any message.
    fn check(&self) {
        let app = &self.app;
        match app.route {
            Route::Welcome => {}
            Route::Home | Route::Flag | Route::Orphans => assert!(app.ws.is_some()),
            Route::Draft => assert!(app.ws.is_some() && app.draft.is_some()),
            Route::Profile => assert!(app.ws.is_some() && app.profile.is_some()),
            Route::Practice => assert!(app.ws.is_some() && app.practice.is_some()),
            Route::Export => assert!(app.ws.is_some() && app.export.is_some()),
        }
        let Some(ws) = &app.ws else { return };
        for d in &ws.drafts {
            for (key, text) in &d.parts {
                let bad = text
                    .chars()
                    .find(|c| c.is_control() && *c != '\n' && *c != '\t');
                assert_eq!(bad, None, "a control character in {}/{key}", d.flag);
            }
        }
    }

    /// Once typing has paused (or the Draft screen was left), the draft holds exactly
    /// what the editor shows: no character lost or added on the way.
    fn check_settled(&self) {
        let (Some(ws), Some(screen)) = (&self.app.ws, &self.app.draft) else {
            return;
        };
        let draft = ws.draft(&screen.flag).expect("the open draft exists");
        let template = ws.templates.get(draft.kind.family()).unwrap();
        let key = &template.parts[screen.part].key;
        let shown = screen.editor.lines().join("\n");
        // The editor holds the shared words, or, while a part is worded for one output,
        // that output's (nothing, for a part left out of it).
        let held = match screen.voice {
            Some(output) => draft.text_in(output, key).unwrap_or(""),
            None => draft.part(key),
        };
        assert!(
            shown == held,
            "the editor and the draft disagree on part {key} ({:?}): {} against {} bytes",
            screen.voice,
            shown.len(),
            held.len()
        );
    }

    /// Every draft in memory is on disk as it is, once the autosave has run.
    fn check_disk(&mut self) {
        if !self.app.quitting() {
            // One pause lets what was typed reach the draft, the next saves it.
            self.tick(AUTOSAVE_MS + 1);
            self.tick(AUTOSAVE_MS + 1);
            assert!(self.app.unsaved.is_empty(), "the autosave ran");
        }
        if self.app.route == Route::Draft {
            self.check_settled();
        }
        let Some(ws) = &self.app.ws else { return };
        // Where the app saves: the data folder, or the demo's throwaway folder.
        let (disk, errors) = load_drafts(&self.rt.paths);
        assert!(errors.is_empty(), "{errors:?}");
        for d in &ws.drafts {
            let saved = disk.iter().find(|x| x.flag == d.flag);
            assert!(
                saved == Some(d),
                "the draft {} on disk differs: disk seq {:?} status {:?} orphaned {:?} parts equal {:?}; memory seq {} status {:?} orphaned {}; route {:?}",
                d.flag,
                saved.map(|x| x.seq),
                saved.map(|x| x.status),
                saved.map(|x| x.orphaned),
                saved.map(|x| x.parts == d.parts),
                d.seq,
                d.status,
                d.orphaned,
                self.app.route
            );
        }
    }
}

/// A paste: text, or a large one (made when sent) that must be refused.
#[derive(Clone, Debug)]
enum Paste {
    Text(String),
    Over(usize),
}

impl Paste {
    fn text(&self) -> String {
        match self {
            Paste::Text(t) => t.clone(),
            Paste::Over(n) => {
                let unit = "Zürich 中文 👩🏽\u{200d}⚕️ e\u{301} שלום مرحبا\r\n";
                unit.repeat(n / unit.len() + 1)
            }
        }
    }
}

#[derive(Clone, Debug)]
enum Ev {
    /// One key, written as `parse_sequence` reads it (so a failing case can be fed
    /// back as it is printed): `<ctrl-s>`, `<alt-down>`, `é`, `<lt>`.
    Key(String),
    /// A few keys that lead somewhere, so that every screen gets its share.
    Keys(&'static str),
    Paste(Paste),
    /// A mouse event at a column and row, brought inside the window when sent.
    Mouse(MouseEventKind, u16, u16),
    Resize(u16, u16),
    /// Milliseconds the clocks move on before the tick.
    Tick(u64),
}

/// `name` from the key table as one key of a key string.
fn key(name: &str) -> String {
    parse_key(name).unwrap();
    let text = format!("<{name}>");
    assert_eq!(parse_sequence(&text).unwrap().len(), 1, "{text}");
    text
}

/// Every key of the default table and the editing keys, apart from those that quit.
fn ordinary_keys() -> Vec<String> {
    let mut keys: Vec<String> = DEFAULTS
        .iter()
        .filter(|(_, _, a)| !matches!(a, Action::Quit | Action::ForceQuit))
        .map(|(_, k, _)| key(k))
        .collect();
    for k in [
        "enter",
        "backspace",
        "delete",
        "tab",
        "backtab",
        "esc",
        "up",
        "down",
        "left",
        "right",
        "home",
        "end",
        "alt-up",
        "alt-down",
        "alt-left",
        "alt-right",
        "ctrl-u",
        "ctrl-r",
    ] {
        keys.push(key(k));
    }
    keys
}

/// The keys that quit, drawn rarely so that most cases run long.
fn quit_keys() -> Vec<String> {
    DEFAULTS
        .iter()
        .filter(|(_, _, a)| matches!(a, Action::Quit | Action::ForceQuit))
        .map(|(_, k, _)| key(k))
        .collect()
}

/// ASCII (but `q`, which quits outside an editor and comes with the quit keys),
/// accented Latin, CJK and emoji.
const PRINTABLE: &[std::ops::RangeInclusive<char>] = &[
    ' '..='p',
    ' '..='p',
    'r'..='~',
    '\u{C0}'..='\u{17F}',
    '\u{4E00}'..='\u{9FFF}',
    '\u{1F300}'..='\u{1FAFF}',
];

/// The same, with control characters (C0, DEL, C1) and format characters.
const ANY_TEXT: &[std::ops::RangeInclusive<char>] = &[
    ' '..='~',
    ' '..='~',
    '\u{0}'..='\u{1F}',
    '\u{7F}'..='\u{9F}',
    '\u{C0}'..='\u{17F}',
    '\u{300}'..='\u{36F}',
    '\u{590}'..='\u{6FF}',
    '\u{200B}'..='\u{202E}',
    '\u{4E00}'..='\u{9FFF}',
    '\u{1F300}'..='\u{1FAFF}',
];

/// Ways to the screens: to a draft, back out, to Export, Practice, the profile.
const WAYS: &[&str] = &[
    "<enter><enter>",
    "jjjjj<enter><enter>",
    "G<enter><enter>",
    "<esc><esc><esc>j<enter><enter>",
    "<esc><esc><esc>jjjjj<enter><enter>",
    "<esc><esc><esc>",
    "<esc><esc><esc>e",
    "<esc><esc><esc>t",
    "<esc><esc><esc>p",
    "<esc><esc><esc>p<tab>",
    "<esc>i",
    "<esc>iset aside<enter>",
    "<esc>cy",
    "<esc>ey",
    "<esc><esc><esc>ejcy",
];

fn printable() -> impl Strategy<Value = char> {
    proptest::char::ranges(Cow::Borrowed(PRINTABLE))
}

fn key_event() -> impl Strategy<Value = String> {
    let chars = printable().prop_map(|c| match c {
        '<' => "<lt>".to_string(),
        c => c.to_string(),
    });
    prop_oneof![
        600 => proptest::sample::select(ordinary_keys()),
        400 => chars,
        2 => proptest::sample::select(quit_keys()),
    ]
}

fn fragment() -> impl Strategy<Value = String> {
    let pieces = vec![
        "\r\n",
        "\r",
        "\n",
        "\t",
        "\u{1b}[31m",
        "\u{1b}]52;c;aGk=\u{7}",
        "\u{7}",
        "\u{0}",
        "\u{9b}2J",
        "e\u{301}",
        "👩🏽\u{200d}⚕️",
        "مرحبا بالعالم",
        "שלום עולם",
        "中文",
        "\u{feff}",
        "\u{2028}",
        "<enter>",
    ];
    prop_oneof![
        4 => proptest::collection::vec(proptest::char::ranges(Cow::Borrowed(ANY_TEXT)), 0..24)
            .prop_map(String::from_iter),
        3 => proptest::sample::select(pieces).prop_map(str::to_string),
        1 => (printable(), 200..3000usize).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

fn paste() -> impl Strategy<Value = Paste> {
    prop_oneof![
        12 => proptest::collection::vec(fragment(), 0..8).prop_map(|f| Paste::Text(f.concat())),
        1 => (PASTE_CAP + 1..PASTE_CAP + 160 * 1024).prop_map(Paste::Over),
    ]
}

fn mouse_kind() -> impl Strategy<Value = MouseEventKind> {
    proptest::sample::select(vec![
        MouseEventKind::ScrollUp,
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollLeft,
        MouseEventKind::ScrollRight,
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::Up(MouseButton::Left),
        MouseEventKind::Drag(MouseButton::Left),
        MouseEventKind::Down(MouseButton::Right),
        MouseEventKind::Moved,
    ])
}

/// Window sizes: too small to use, usual, and anything up to 300×100.
fn window() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        (1..=50u16, 1..=15u16),
        (50..=120u16, 15..=40u16),
        (1..=300u16, 1..=100u16),
    ]
}

fn event() -> impl Strategy<Value = Ev> {
    prop_oneof![
        60 => key_event().prop_map(Ev::Key),
        8 => proptest::sample::select(WAYS).prop_map(Ev::Keys),
        6 => paste().prop_map(Ev::Paste),
        10 => (mouse_kind(), any::<u16>(), any::<u16>()).prop_map(|(k, c, r)| Ev::Mouse(k, c, r)),
        6 => window().prop_map(|(w, h)| Ev::Resize(w, h)),
        8 => (0..3_000u64).prop_map(Ev::Tick),
    ]
}

fn run(demo: bool, events: &[Ev]) {
    let mut h = if demo {
        Harness::demo()
    } else {
        Harness::fresh()
    };
    h.draw();
    for ev in events {
        if h.app.quitting() {
            break;
        }
        let was = h.app.route;
        h.apply(ev);
        h.draw();
        h.check();
        let paused = matches!(ev, Ev::Tick(ms) if *ms >= AUTOSAVE_MS);
        if (paused && h.app.route == Route::Draft)
            || (was == Route::Draft && h.app.route != Route::Draft)
        {
            h.check_settled();
        }
    }
    h.check_disk();
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        // A failure shrinks to a short case, but not for longer than two minutes.
        max_shrink_time: 120_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_sequence_of_events_is_handled_and_drawn(
        demo in any::<bool>(),
        events in proptest::collection::vec(event(), 1..250usize),
    ) {
        run(demo, &events);
    }
}

/// The text of each row of `buf`.
fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_screen_and_overlay_renders_at_every_size() {
    // How to get there, from the welcome screen or from Home with the demo loaded;
    // where the app must then be; and words the screen must show when it fits.
    let down = to_step1();
    let (flag, draft) = (format!("{down}<enter>"), format!("{down}<enter><enter>"));
    let (help, confirm) = (format!("{draft}<esc>?"), format!("{draft}<esc>c"));
    let set_aside = format!("{draft}The exam was unfair.<pause><home><ctrl-g><esc>i");
    // The failed Step 1 sitting deleted from the profile: its draft has no flag.
    let orphans = "p<tab><down><enter>d<ctrl-s><esc>O";
    let places: [(&str, bool, &str, Route, &str); 12] = [
        ("welcome", false, "", Route::Welcome, text::WELCOME_TITLE),
        ("home", true, "", Route::Home, "Red flags"),
        ("flag", true, &flag, Route::Flag, "What was found"),
        ("draft", true, &draft, Route::Draft, "Why, in your part"),
        ("profile", true, "p", Route::Profile, "Basics and visa"),
        ("practice", true, "t", Route::Practice, "Questions"),
        ("export", true, "e", Route::Export, "Texts to export"),
        ("help", true, &help, Route::Draft, "Keys: Draft"),
        (
            "set-aside prompt",
            true,
            &set_aside,
            Route::Draft,
            "Why set this finding aside?",
        ),
        ("confirm", true, &confirm, Route::Draft, " Confirm "),
        (
            "orphans",
            true,
            orphans,
            Route::Orphans,
            "Drafts without a flag",
        ),
        (
            "messages",
            true,
            "E<ctrl-l>",
            Route::Home,
            "Messages, newest first",
        ),
    ];
    let sizes = [
        (1, 1),
        (2, 1),
        (20, 5),
        (49, 14),
        (60, 20),
        (80, 24),
        (300, 100),
    ];
    let mut seen = Vec::new();
    for (name, demo, keys, route, words) in places {
        // A draft is left without a flag when every flag it explains is gone: with the
        // flags told alone, the Step 1 draft is, once its failed sitting is deleted.
        let mut h = match (demo, name) {
            (true, "orphans") => Harness::demo_alone(),
            (true, _) => Harness::demo(),
            (false, _) => Harness::fresh(),
        };
        h.feed(keys);
        assert_eq!(h.app.route, route, "{name}");
        match name {
            "help" => assert!(h.app.help, "{name}"),
            "set-aside prompt" => assert!(h.app.prompt.is_some(), "{name}"),
            "confirm" => assert!(h.app.confirm.is_some(), "{name}"),
            "messages" => assert!(h.app.messages_open, "{name}"),
            _ => assert!(
                !h.app.help && h.app.prompt.is_none() && h.app.confirm.is_none(),
                "{name}"
            ),
        }
        seen.push(route);
        for (w, ht) in sizes {
            h.msg(Msg::Resize(w, ht));
            let buf = h.screen(w, ht);
            let rows = rows(&buf);
            let all = rows.join("\n");
            if w < text::MIN_WIDTH || ht < text::MIN_HEIGHT {
                // Only the note on the window's size, as much of it as fits.
                let shown = squeeze(&all);
                assert!(!shown.is_empty(), "{name} at {w}x{ht}");
                assert!(
                    squeeze(&text::too_small(w, ht)).starts_with(&shown),
                    "{name} at {w}x{ht}:\n{all}"
                );
            } else {
                let status = rows.last().unwrap();
                assert!(
                    status.starts_with(&format!(" {} ", route.name())),
                    "{name} at {w}x{ht}: {status:?}"
                );
                assert!(all.contains(words), "{name} at {w}x{ht}:\n{all}");
            }
        }
        assert_eq!(h.app.route, route, "{name}: resizing moved nothing");
    }
    for route in Route::ALL {
        assert!(seen.contains(&route), "{route:?} was not visited");
    }
}
