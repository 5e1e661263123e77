//! The full-screen app: a thin shell of state, messages, update and view over the core.
//!
//! `run` owns the terminal's lifecycle: a privacy-keeping panic hook (`crate::crash`), raw mode, the
//! alternate screen, mouse capture and bracketed paste, all undone on every way out.

pub mod app;
pub mod guard;
pub mod keymap;
pub mod msg;
pub mod runtime;
pub mod screens;
pub mod text;
pub mod theme;
pub mod view;

use std::collections::VecDeque;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::store::workspace::Workspace;
use crate::store::{self, Paths};

use app::App;
use keymap::{KeyFile, Keymap};
use msg::Msg;
use runtime::Runtime;
use theme::Theme;

type Term = Terminal<CrosstermBackend<io::Stdout>>;

/// Whether the app holds the terminal (raw mode, alternate screen): only then is there
/// anything to put back.
static TAKEN: AtomicBool = AtomicBool::new(false);

/// Put the terminal back as it was. Safe to call more than once, and from any thread:
/// only the first call after `enter` does anything. (Leaving the alternate screen a
/// second time would move the cursor back to where the app started, and the next line
/// printed would overwrite the one before.)
pub fn restore_terminal() {
    if !TAKEN.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen
    );
    let _ = execute!(io::stdout(), crossterm::cursor::Show);
}

fn enter() -> io::Result<Term> {
    TAKEN.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Keys from the user's `keys.ron`, or the defaults with a note on why not (naming the
/// file, line and column).
fn load_keymap(paths: &Paths) -> (Keymap, Option<String>) {
    let path = paths.config.join("keys.ron");
    if !path.exists() {
        return (Keymap::default(), None);
    }
    let loaded = store::read_config(&path).and_then(|text| {
        let file = store::parse_ron::<KeyFile>(&path, &text)?;
        Keymap::with_overrides(&file).map_err(|e| {
            let (line, col) = e.position(&text);
            store::StoreError::Parse {
                path: path.clone(),
                line,
                col,
                message: e.to_string(),
            }
        })
    });
    match loaded {
        Ok(km) => (km, None),
        Err(e) => (Keymap::default(), Some(format!("Default keys in use: {e}"))),
    }
}

/// Run the app on `paths` until the user quits.
pub fn run(paths: Paths, no_color: bool) -> anyhow::Result<()> {
    let _lock = store::lock::acquire(&paths.data)?;
    let ws = match Workspace::open(paths.clone(), Runtime::this_month()) {
        Ok(ws) => Some(ws),
        Err(store::StoreError::NoProfile { .. }) => None,
        Err(e) => return Err(e.into()),
    };
    let (keymap, key_note) = load_keymap(&paths);
    let mut app = App::new(Theme::new(no_color), keymap);
    let mut rt = Runtime::new(paths.clone());
    let mut guard = guard::Guard::start(paths.clone())?;
    // Installed by the binary already; again here for any other caller.
    crate::crash::install();
    let mut term = enter()?;
    let size = term.size()?;
    let mut first = vec![Msg::Resize(size.width, size.height)];
    if let Some(ws) = ws {
        let found = store::drafts::take_recovery(&paths, &ws.drafts);
        first.push(Msg::Loaded(Box::new(ws)));
        match found {
            Ok(drafts) if !drafts.is_empty() => first.push(Msg::RecoveryFound(drafts)),
            Ok(_) => {}
            Err(e) => first.push(Msg::Failed(format!(
                "The recovery copy did not load, and was left as it is: {e}"
            ))),
        }
    }
    let looped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_loop(&mut term, &mut app, &mut rt, &mut guard, first, key_note)
    }));
    restore_terminal();
    // Whatever ended the loop (a quit, a closed terminal, an internal error), keep
    // the words: anything not yet on disk is saved now.
    let failed = app
        .emergency_saves()
        .into_iter()
        .filter_map(|e| rt.perform(e))
        .filter(|m| matches!(m, Msg::SaveFailed(..)))
        .count();
    let lost = if failed > 0 {
        format!("; {failed} draft(s) could not be saved, see the data folder")
    } else {
        String::new()
    };
    match looped {
        Ok(Ok(())) if failed == 0 => Ok(()),
        Ok(Ok(())) => anyhow::bail!("quit{lost}"),
        Ok(Err(e)) => Err(e.context(format!(
            "the terminal went away; unsaved drafts were saved{lost}"
        ))),
        Err(_) => anyhow::bail!("stopped on an internal error; unsaved drafts were saved{lost}"),
    }
}

fn run_loop(
    term: &mut Term,
    app: &mut App,
    rt: &mut Runtime,
    guard: &mut guard::Guard,
    first: Vec<Msg>,
    note: Option<String>,
) -> anyhow::Result<()> {
    for msg in first {
        dispatch(app, rt, msg);
    }
    if let Some(note) = note {
        dispatch(app, rt, Msg::Failed(note));
    }
    while !app.quitting() {
        // A burst of input (a paste, key repeat) is drawn once, after the last key.
        if !Runtime::input_pending() && app.take_redraw() {
            term.draw(|frame| view::draw(app, frame))?;
        }
        let msg = rt.next_msg(app.next_wake_ms())?;
        dispatch(app, rt, msg);
        guard.update(app.changes() + app.keys(), rt.clock_ms(), || {
            app.live_drafts()
        });
    }
    Ok(())
}

/// Feed one message through `update`, performing the effects it asks for and feeding
/// their results back, until nothing is left.
pub fn dispatch(app: &mut App, rt: &mut Runtime, msg: Msg) {
    app.set_clock(rt.clock_ms(), rt.now());
    let mut pending = VecDeque::from(app.update(msg));
    while let Some(effect) = pending.pop_front() {
        if let Some(reply) = rt.perform(effect) {
            pending.extend(app.update(reply));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_that_rebinds_ctrl_c_is_refused_naming_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        std::fs::create_dir_all(&paths.config).unwrap();
        let text = "(bindings: [\n  (context: global, key: \"ctrl-c\", action: copy),\n])\n";
        std::fs::write(paths.config.join("keys.ron"), text).unwrap();
        let (km, note) = load_keymap(&paths);
        let note = note.unwrap();
        assert!(note.starts_with("Default keys in use: "), "{note}");
        assert!(
            note.contains("keys.ron:2:26: \"ctrl-c\" is bound to \"copy"),
            "{note}"
        );
        let ctrl_c = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char('c'),
            crossterm::event::KeyModifiers::CONTROL,
        );
        assert_eq!(
            km.action(keymap::Context::List, ctrl_c),
            Some(keymap::Action::ForceQuit)
        );
    }
}
