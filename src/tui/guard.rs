//! The last line of defence for unsaved words. The loop hands the guard a copy of every
//! draft with unsaved edits after each change; when the process is told to stop
//! (SIGTERM, SIGHUP when the terminal closes, SIGINT, SIGQUIT) a thread of its own saves
//! that copy, puts the terminal back and exits, even while the main thread is stuck on
//! a terminal that is gone.

use std::sync::{Arc, Mutex, PoisonError};

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::core::draft::Draft;
use crate::store::{Paths, drafts};

pub struct Guard {
    pending: Arc<Mutex<Vec<Draft>>>,
    /// The edit count of the copy the guard holds.
    seen: u64,
    /// Clock (ms) of the last copy.
    at: u64,
}

/// While typing, the copy is refreshed at most this often: copying a long draft on
/// every key would cost more than the key.
pub const GUARD_MS: u64 = 100;

impl Guard {
    /// Start watching for stop signals; saves go under `paths`.
    pub fn start(paths: Paths) -> std::io::Result<Self> {
        let pending: Arc<Mutex<Vec<Draft>>> = Arc::default();
        let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
        let shared = Arc::clone(&pending);
        std::thread::Builder::new()
            .name("flagdraft-guard".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    let drafts = shared.lock().unwrap_or_else(PoisonError::into_inner);
                    for d in drafts.iter() {
                        let _ = drafts::save_draft(&paths, d);
                    }
                    super::restore_terminal();
                    crate::exit::run_exit_hooks();
                    std::process::exit(128 + signal);
                }
            })?;
        Ok(Self {
            pending,
            seen: 0,
            at: 0,
        })
    }

    /// Hold a fresh copy of the unsaved drafts when the edit count moved on, at most
    /// every `GUARD_MS` while keys keep coming.
    pub fn update(&mut self, edits: u64, clock_ms: u64, unsaved: impl FnOnce() -> Vec<Draft>) {
        if edits == self.seen || clock_ms < self.at + GUARD_MS {
            return;
        }
        self.seen = edits;
        self.at = clock_ms;
        let copy = unsaved();
        *self.pending.lock().unwrap_or_else(PoisonError::into_inner) = copy;
    }
}
