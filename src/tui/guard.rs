//! The last line of defence for unsaved words. After every message the loop hands the
//! guard a copy of everything typed and not yet saved (each draft numbered by its
//! `seq`, and the profile form). When the process is told to stop (SIGTERM, SIGHUP
//! when the terminal closes, SIGINT, SIGQUIT), a thread of its own asks the main loop
//! to read the input still waiting, save everything and leave. If the main thread does
//! not answer in time (a terminal that is gone can leave it stuck), the guard saves its
//! copy itself, puts the terminal back and exits. Every draft write is ordered by
//! `seq`, so the guard's copy never replaces newer words on disk.

use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};
use signal_hook::iterator::Signals;

use crate::store::Paths;
use crate::store::drafts::{self, Recovery};

/// How long the main thread has to save and leave before the guard does it itself.
pub const GRACE_MS: u64 = 1500;

#[derive(Default)]
struct Shared {
    /// The newest copy of what is unsaved.
    copy: Mutex<Recovery>,
    /// The signal that asked to stop, or 0.
    signal: AtomicI32,
    /// Set by the main thread once its last saves are done.
    done: Mutex<bool>,
    /// Where saves go: the data folder, or the demo's throwaway folder once the
    /// welcome screen opened the demo.
    paths: Mutex<Option<Paths>>,
    finished: Condvar,
}

pub struct Guard {
    shared: Arc<Shared>,
    /// The stamp of the copy the guard holds.
    seen: Option<u64>,
}

impl Guard {
    /// Start watching for stop signals; saves go under `paths`.
    pub fn start(paths: Paths) -> std::io::Result<Self> {
        let shared: Arc<Shared> = Arc::default();
        *shared.paths.lock().unwrap_or_else(PoisonError::into_inner) = Some(paths);
        let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
        let watcher = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("flagdraft-guard".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    stop(&watcher, signal);
                }
            })?;
        Ok(Self { shared, seen: None })
    }

    /// Save under `paths` from now on (the app moved to the demo's folder).
    pub fn follow(&self, paths: &Paths) {
        let mut held = self
            .shared
            .paths
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if held.as_ref() != Some(paths) {
            *held = Some(paths.clone());
        }
    }

    /// Hold a fresh copy of the unsaved words whenever `stamp` moved on.
    pub fn update(&mut self, stamp: u64, copy: impl FnOnce() -> Recovery) {
        if self.seen == Some(stamp) {
            return;
        }
        self.seen = Some(stamp);
        let copy = copy();
        *self
            .shared
            .copy
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = copy;
    }

    /// The signal that asked the app to stop, once one has.
    pub fn stopping(&self) -> Option<i32> {
        match self.shared.signal.load(Ordering::SeqCst) {
            0 => None,
            s => Some(s),
        }
    }

    /// The main thread's last saves are done: the guard has nothing left to do.
    pub fn finish(&self) {
        *self
            .shared
            .done
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = true;
        self.shared.finished.notify_all();
    }
}

/// On a stop signal: wake the main loop (a SIGWINCH makes the terminal's input poll
/// return), give it `GRACE_MS` to save and leave, and otherwise save the copy here.
fn stop(shared: &Shared, signal: i32) {
    shared.signal.store(signal, Ordering::SeqCst);
    let _ = signal_hook::low_level::raise(SIGWINCH);
    let done = shared.done.lock().unwrap_or_else(PoisonError::into_inner);
    let (done, _) = shared
        .finished
        .wait_timeout_while(done, Duration::from_millis(GRACE_MS), |d| !*d)
        .unwrap_or_else(PoisonError::into_inner);
    if *done {
        // The main thread saved everything and is leaving with this signal's code.
        return;
    }
    drop(done);
    let copy = shared
        .copy
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    let paths = shared
        .paths
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    if let Some(paths) = paths {
        save_copy(&paths, &copy);
    }
    super::restore_terminal();
    crate::exit::run_exit_hooks();
    std::process::exit(128 + signal);
}

/// Save every draft of `copy` (each write skipped where the file holds newer words)
/// and keep the whole copy as the recovery file, so a profile form that did not check
/// out is offered at the next start.
pub fn save_copy(paths: &Paths, copy: &Recovery) {
    for d in &copy.drafts {
        let _ = drafts::save_draft(paths, d);
    }
    if copy.form.is_some() {
        let _ = drafts::save_recovery(paths, copy);
    }
}
