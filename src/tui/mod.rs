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
pub fn load_keymap(paths: &Paths) -> (Keymap, Option<String>) {
    let path = paths.config.join("keys.ron");
    if !store::open::occupied(&path) {
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

/// How the app opens the data folder.
#[derive(Debug)]
pub enum Access {
    /// Holding the folder's lock: edits are saved.
    Write(store::lock::Lock),
    /// The folder cannot be written: everything can be read and copied, nothing is
    /// saved. The text says why, for the status bar.
    ReadOnly(String),
}

/// Decide how to open the data folder from what taking its lock gave: a folder this
/// process may not write opens read only; any other failure (another window holds
/// it, a disk error) stops the app as before.
pub fn access(
    acquired: Result<store::lock::Lock, store::StoreError>,
) -> Result<Access, store::StoreError> {
    match acquired {
        Ok(lock) => Ok(Access::Write(lock)),
        Err(store::StoreError::NotWritable { path, source }) => Ok(Access::ReadOnly(format!(
            "The data folder {} is read only ({source}): you can read and copy, nothing is saved",
            path.display()
        ))),
        Err(e) => Err(e),
    }
}

/// Run the app on `paths` until the user quits.
pub fn run(paths: Paths, no_color: bool) -> anyhow::Result<()> {
    let (_lock, read_only) = match access(store::lock::acquire(&paths.data))? {
        Access::Write(lock) => (Some(lock), None),
        Access::ReadOnly(why) => (None, Some(why)),
    };
    // A profile that parses but breaks a rule opens too, in the form, to be fixed.
    let ws = match Workspace::open_to_fix(paths.clone(), Runtime::this_month()) {
        Ok(ws) => Some(ws),
        Err(store::StoreError::NoProfile { .. }) => None,
        Err(e) => return Err(e.into()),
    };
    let (keymap, key_note) = load_keymap(&paths);
    let mut app = App::new(Theme::new(no_color), keymap);
    let mut rt = Runtime::new(paths.clone());
    if let Some(why) = &read_only {
        app.read_only = Some(why.clone());
        app.note = Some((why.clone(), app::Tone::Warning));
        rt.read_only = Some(why.clone());
    }
    let mut guard = guard::Guard::start(paths.clone())?;
    // Installed by the binary already; again here for any other caller.
    crate::crash::install();
    let mut term = enter()?;
    let size = term.size()?;
    let mut first = vec![Msg::Resize(size.width, size.height)];
    if let Some(ws) = ws {
        // Read only, the copy is read and left as it is.
        let found = match read_only {
            None => store::drafts::take_recovery(&paths, &ws.drafts),
            Some(_) => {
                store::drafts::read_recovery(&paths, &ws.drafts).map(Option::unwrap_or_default)
            }
        };
        first.push(Msg::Loaded(Box::new(ws)));
        match found {
            Ok(found) if !found.is_empty() => first.push(Msg::RecoveryFound(found)),
            Ok(_) => {}
            Err(e) => first.push(Msg::Failed(format!(
                "The recovery copy could not be read: {e}"
            ))),
        }
    }
    let looped = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_loop(&mut term, &mut app, &mut rt, &mut guard, first, key_note)
    }));
    restore_terminal();
    // Whatever ended the loop (a quit, a signal, a closed terminal, an internal
    // error), keep the words: anything not yet on disk is saved now.
    let last = app.emergency_saves();
    let keeps_copy = last
        .iter()
        .any(|e| matches!(e, msg::Effect::WriteRecovery(_)));
    let failed = last
        .into_iter()
        .filter_map(|e| rt.perform(e))
        .filter(|m| matches!(m, Msg::SaveFailed(..) | Msg::Failed(..)))
        .count();
    // Everything is on disk: the recovery copy has nothing left to offer, unless the
    // applicant had not yet answered its offer.
    if failed == 0 && !keeps_copy && app.offer.is_none() && app.read_only.is_none() {
        let _ = store::drafts::save_recovery(&rt.paths, &Default::default());
    }
    guard.finish();
    if let Some(signal) = guard.stopping() {
        return Err(Stopped { signal }.into());
    }
    let files = if failed == 1 { "file" } else { "files" };
    let lost = if failed > 0 && app.read_only.is_some() {
        format!("; {failed} {files} not saved: the data folder is read only")
    } else if failed > 0 {
        format!("; {failed} {files} could not be saved, see the data folder")
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
        if guard.stopping().is_some() {
            // Told to stop: take in every key already typed, then leave to save.
            while Runtime::input_pending() {
                let msg = rt.next_msg(Some(0))?;
                dispatch(app, rt, msg);
            }
            guard.update(app.stamp(), || app.unsaved_copy());
            return Ok(());
        }
        // A burst of input (a paste, key repeat) is drawn once, after the last key.
        if !Runtime::input_pending() && app.take_redraw() {
            term.draw(|frame| view::draw(app, frame))?;
        }
        let msg = rt.next_msg(app.next_wake_ms())?;
        dispatch(app, rt, msg);
        // The demo, opened from the welcome screen, saves in its own folder.
        guard.follow(&rt.paths);
        // Read only, the guard saves nothing: it holds no copy.
        if app.read_only.is_none() {
            guard.update(app.stamp(), || app.unsaved_copy());
        }
    }
    Ok(())
}

/// The app left because a signal asked it to, after saving everything.
#[derive(Debug, thiserror::Error)]
#[error("{}; everything typed was saved", self.why())]
pub struct Stopped {
    pub signal: i32,
}

impl Stopped {
    fn why(&self) -> &'static str {
        match self.signal {
            signal_hook::consts::SIGHUP => "the terminal closed",
            signal_hook::consts::SIGINT => "interrupted",
            _ => "asked to stop",
        }
    }
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
