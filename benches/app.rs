//! Speed of the app around the core: loading a data folder of 100 drafts, and the
//! path from a key to a drawn frame in the Draft editor holding a 10,000-word part.
//! Run with `cargo bench --bench app`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use flagdraft::core::stamp::Stamp;
use flagdraft::store::drafts::{load_drafts, save_draft};
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

/// `n` words of varied prose.
fn words(n: usize) -> String {
    const W: [&str; 12] = [
        "clinic", "patients", "rotation", "I", "planned", "reading", "feedback", "weekly",
        "children", "adults", "handoffs", "improved",
    ];
    (0..n).map(|i| W[i % W.len()]).collect::<Vec<_>>().join(" ")
}

fn folder_of_100_drafts() -> (tempfile::TempDir, Paths) {
    let tmp = tempfile::tempdir().unwrap();
    let paths = Paths::under(tmp.path());
    store::write_profile_text(&paths, store::DEMO_PROFILE, false).unwrap();
    let mut ws = Workspace::open(paths.clone(), "2026-11".parse().unwrap()).unwrap();
    ws.sync_drafts(Stamp(1), true);
    let template = ws.drafts[0].clone();
    for i in 0..100 {
        let mut d = template.clone();
        d.flag = format!("training_gap:bench-{i}");
        d.parts.insert("timeline".into(), words(300));
        save_draft(&paths, &d).unwrap();
    }
    (tmp, paths)
}

fn loading(c: &mut Criterion) {
    let (_tmp, paths) = folder_of_100_drafts();
    c.bench_function("store: load a folder of 100 drafts", |b| {
        b.iter(|| load_drafts(black_box(&paths)))
    });
    c.bench_function("store: open the whole workspace of 100 drafts", |b| {
        b.iter(|| Workspace::open(paths.clone(), "2026-11".parse().unwrap()).unwrap())
    });
}

/// The app on the Step 1 draft's editor, its part holding `n` words.
fn editor_with(n: usize) -> (tempfile::TempDir, App, Runtime) {
    let tmp = tempfile::tempdir().unwrap();
    let paths = Paths::under(tmp.path());
    store::write_profile_text(&paths, store::DEMO_PROFILE, false).unwrap();
    let ws = Workspace::open(paths.clone(), "2026-11".parse().unwrap()).unwrap();
    let mut rt = Runtime::new(paths);
    rt.fix_clock(0, Stamp(1));
    let mut app = App::new(Theme::new(false), Keymap::default());
    dispatch(&mut app, &mut rt, Msg::Resize(120, 40));
    dispatch(&mut app, &mut rt, Msg::Loaded(Box::new(ws)));
    for key in parse_sequence("jjj<enter><enter>").unwrap() {
        dispatch(&mut app, &mut rt, Msg::Key(key));
    }
    dispatch(&mut app, &mut rt, Msg::Paste(words(n)));
    rt.fix_clock(SETTLE_MS, Stamp(1));
    dispatch(&mut app, &mut rt, Msg::Tick);
    (tmp, app, rt)
}

fn typing(c: &mut Criterion) {
    // Pastes are capped at 256 kB, so the part is built from pastes under the cap.
    let (_tmp, mut app, mut rt) = editor_with(10_000);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let key = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
    c.bench_function("draft: key to drawn frame, 10,000-word part", |b| {
        b.iter(|| {
            dispatch(&mut app, &mut rt, Msg::Key(key));
            term.draw(|f| view::draw(&app, f)).unwrap();
        })
    });
    c.bench_function(
        "draft: a key, then the settle after a pause, 10,000 words",
        |b| {
            b.iter(|| {
                dispatch(&mut app, &mut rt, Msg::Key(key));
                let now = rt.clock_ms() + SETTLE_MS;
                rt.fix_clock(now, Stamp(1));
                dispatch(&mut app, &mut rt, Msg::Tick);
            })
        },
    );
}

/// The floor: a bare ratatui-textarea holding the same text, drawn on the same size.
fn floor(c: &mut Criterion) {
    let mut editor = ratatui_textarea::TextArea::new(vec![words(10_000)]);
    editor.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    editor.move_cursor(ratatui_textarea::CursorMove::End);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let key = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
    c.bench_function(
        "floor: bare textarea, key to drawn frame, 10,000 words",
        |b| {
            b.iter(|| {
                editor.input(key);
                term.draw(|f| f.render_widget(&editor, f.area())).unwrap();
            })
        },
    );
}

criterion_group!(benches, loading, typing, floor);
criterion_main!(benches);
