//! The edge of the app: terminal events in as messages, effects out through the store.
//! The only part of the terminal app that touches the disk, the terminal or the clock.

use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crossterm::event::{self, Event};

use crate::core::month::YearMonth;
use crate::core::stamp::Stamp;
use crate::store::workspace::Workspace;
use crate::store::{self, Paths, atomic, drafts};

use super::msg::{Effect, Msg, Saved, Spelling, Start};

/// The shortest look for input. Every byte the terminal holds is read this way before
/// the app waits again: crossterm polls the terminal level-triggered (its `use-dev-tty`
/// reader), so bytes beyond one read stay visible to the next look, and never wait for
/// another key to arrive.
const PEEK: Duration = Duration::from_millis(1);

/// How often the loop looks for the spelling dictionary while it loads.
const BACKGROUND_LOOK: Duration = Duration::from_millis(10);

/// The spelling dictionary's load: asked for, under way on its own thread, or done.
#[derive(Debug, Default)]
enum Background {
    #[default]
    Idle,
    /// Asked for: it starts when the loop next waits, after the frame is drawn.
    Queued,
    Running(mpsc::Receiver<Msg>),
}

pub struct Runtime {
    /// Where files go: the data folder, or the demo's throwaway folder once the
    /// welcome screen opened the demo.
    pub paths: Paths,
    /// The demo's throwaway folder, removed when the runtime is dropped (and by the
    /// exit hooks, on a signal).
    demo: Option<tempfile::TempDir>,
    /// Why nothing may be written, when the data folder is read only: every effect
    /// that would write is refused with this reason.
    pub read_only: Option<String>,
    started: Instant,
    /// A stopped clock (milliseconds, wall time), for tests.
    fixed: Option<(u64, Stamp)>,
    /// The spelling dictionary, loading beside the loop.
    background: Background,
}

impl Runtime {
    pub fn new(paths: Paths) -> Self {
        Self {
            paths,
            demo: None,
            read_only: None,
            started: Instant::now(),
            fixed: None,
            background: Background::Idle,
        }
    }

    /// Stop the clock at `clock_ms` and `now`, so a test sees the same time every run.
    pub fn fix_clock(&mut self, clock_ms: u64, now: Stamp) {
        self.fixed = Some((clock_ms, now));
    }

    pub fn clock_ms(&self) -> u64 {
        match self.fixed {
            Some((ms, _)) => ms,
            None => u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX),
        }
    }

    pub fn now(&self) -> Stamp {
        self.fixed.map_or_else(wall_clock, |(_, now)| now)
    }

    pub fn this_month() -> YearMonth {
        wall_clock().month()
    }

    /// True when more input is already waiting (draw once for a burst). Looks for
    /// `PEEK` at most: crossterm's reader takes in bytes the terminal already holds only
    /// when asked to wait a moment, and a zero wait would miss them.
    pub fn input_pending() -> bool {
        event::poll(PEEK).unwrap_or(false)
    }

    /// The next message: input, or a `Tick` after `wake_ms`. With nothing to wait for,
    /// it blocks on input, so an idle app uses no CPU. Input already waiting comes
    /// before a `Tick` that is due.
    /// While the spelling dictionary loads, the wait is cut into short looks, so it is
    /// taken in as soon as it is ready.
    pub fn next_msg(&mut self, wake_ms: Option<u64>) -> std::io::Result<Msg> {
        self.start_background();
        let deadline = wake_ms.map(|ms| Instant::now() + Duration::from_millis(ms));
        loop {
            if let Some(msg) = self.background_done() {
                return Ok(msg);
            }
            let left = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let look = match (left, matches!(self.background, Background::Running(_))) {
                (Some(left), true) => Some(left.min(BACKGROUND_LOOK)),
                (None, true) => Some(BACKGROUND_LOOK),
                (left, false) => left,
            };
            let ready = match look {
                Some(look) => event::poll(look.max(PEEK))?,
                None => true,
            };
            if !ready {
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    return Ok(Msg::Tick);
                }
                continue;
            }
            if let Some(msg) = translate(event::read()?) {
                return Ok(msg);
            }
        }
    }

    /// Start loading the spelling dictionary on its own thread, when it was asked for.
    fn start_background(&mut self) {
        if !matches!(self.background, Background::Queued) {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let paths = self.paths.clone();
        let spawned = std::thread::Builder::new()
            .name("spelling".into())
            .spawn(move || {
                let _ = tx.send(load_spelling(&paths));
            });
        self.background = match spawned {
            Ok(_) => Background::Running(rx),
            // No thread to be had: the loop loads it itself, once.
            Err(_) => {
                let (tx, rx) = mpsc::channel();
                let _ = tx.send(load_spelling(&self.paths));
                Background::Running(rx)
            }
        };
    }

    /// The spelling dictionary's message, once it is ready.
    fn background_done(&mut self) -> Option<Msg> {
        let Background::Running(rx) = &self.background else {
            return None;
        };
        let msg = match rx.try_recv() {
            Ok(msg) => msg,
            Err(mpsc::TryRecvError::Empty) => return None,
            Err(mpsc::TryRecvError::Disconnected) => {
                Msg::Failed("Spelling is not checked: its dictionary stopped loading.".into())
            }
        };
        self.background = Background::Idle;
        Some(msg)
    }

    /// The spelling dictionary's message when it was asked for, waiting for it to load
    /// (or loading it here when it has not started): for tests, which have no loop.
    pub fn finish_background(&mut self) -> Option<Msg> {
        match std::mem::take(&mut self.background) {
            Background::Idle => None,
            Background::Queued => Some(load_spelling(&self.paths)),
            Background::Running(rx) => Some(rx.recv().unwrap_or_else(|_| {
                Msg::Failed("Spelling is not checked: its dictionary stopped loading.".into())
            })),
        }
    }

    pub fn perform(&mut self, effect: Effect) -> Option<Msg> {
        if let Some(why) = &self.read_only
            && let Some(refused) = refuse(&effect, why)
        {
            return refused;
        }
        match effect {
            Effect::SaveDraft(draft) => Some(match drafts::save_draft(&self.paths, &draft) {
                Ok(atomic::Replaced {
                    conflict: Some(kept),
                    kept_newer: true,
                    ..
                }) => Msg::SavedBeside(
                    Saved::Draft(draft.flag.clone()),
                    format!(
                        "Another program saved newer words in the draft for {}; they are kept, and your version is saved beside them as {}",
                        draft.flag,
                        kept.display()
                    ),
                ),
                Ok(atomic::Replaced {
                    conflict: Some(kept),
                    ..
                }) => Msg::SavedBeside(
                    Saved::Draft(draft.flag.clone()),
                    format!(
                        "The draft for {} was changed by another program; your version is saved and theirs is kept as {}",
                        draft.flag,
                        kept.display()
                    ),
                ),
                Ok(_) => Msg::Saved(Saved::Draft(draft.flag.clone())),
                Err(e) => Msg::SaveFailed(Saved::Draft(draft.flag.clone()), e.to_string()),
            }),
            Effect::SaveProfile(profile) => {
                Some(match store::save_profile(&self.paths, &profile) {
                    Ok(atomic::Replaced {
                        conflict: Some(kept),
                        ..
                    }) => Msg::SavedBeside(
                        Saved::Profile,
                        format!(
                            "Your profile was changed by another program; your version is saved and theirs is kept as {}",
                            kept.display()
                        ),
                    ),
                    Ok(_) => Msg::Saved(Saved::Profile),
                    Err(e) => Msg::SaveFailed(Saved::Profile, e.to_string()),
                })
            }
            Effect::SaveHistory(history) => {
                Some(match store::save_history(&self.paths, &history) {
                    Ok(()) => Msg::Saved(Saved::Practice),
                    Err(e) => Msg::SaveFailed(Saved::Practice, e.to_string()),
                })
            }
            Effect::WriteRecovery(copy) => match drafts::save_recovery(&self.paths, &copy) {
                Ok(()) => None,
                Err(e) => Some(Msg::Failed(format!(
                    "The recovery copy could not be written: {e}"
                ))),
            },
            Effect::Copy { what, text } => Some(
                match crate::clipboard::copy(&text, &mut std::io::stdout()) {
                    Ok(sent) => Msg::Copied(what, sent),
                    Err(e) => Msg::Failed(format!("Not copied: {e}")),
                },
            ),
            Effect::WriteExport { name, text } => Some(self.write_export(&name, &text)),
            Effect::Begin(start) => Some(self.begin(start)),
            Effect::TrashDraft(draft) => {
                Some(match store::trash::trash_draft(&self.paths, &draft) {
                    Ok(to) => Msg::Trashed(draft.flag.clone(), to.display().to_string()),
                    Err(e) => Msg::Failed(format!("Not moved to the trash: {e}")),
                })
            }
            Effect::Join { keep, gone } => Some(match drafts::save_draft(&self.paths, &keep) {
                Err(e) => Msg::SaveFailed(Saved::Draft(keep.flag.clone()), e.to_string()),
                Ok(_) => match store::trash::trash_draft(&self.paths, &gone) {
                    Ok(to) => Msg::Joined {
                        keep: keep.flag.clone(),
                        gone: gone.flag.clone(),
                        path: to.display().to_string(),
                    },
                    Err(e) => Msg::Failed(format!(
                        "Joined and saved, but the other draft's file could not be moved to the trash ({e}); it is kept as it was"
                    )),
                },
            }),
            Effect::LoadSpelling => {
                self.background = Background::Queued;
                None
            }
            Effect::AddWord(word) => Some(match store::words::add(&self.paths, &word) {
                Ok(added) => Msg::WordAdded(word, added),
                Err(e) => Msg::Failed(format!("Not added to your word list: {e}")),
            }),
            Effect::Quit => Some(Msg::QuitNow),
        }
    }

    /// Write to a new file in the exports folder, never over an existing one.
    fn write_export(&self, name: &str, text: &str) -> Msg {
        let dir = self.paths.exports();
        let mut path = dir.join(name);
        for n in 2.. {
            match store::atomic::write_new(&path, text.as_bytes()) {
                Err(store::StoreError::Exists { .. }) if n < 1000 => {
                    path = dir.join(format!("{n}-{name}"));
                }
                Ok(()) => return Msg::Exported(path.display().to_string()),
                Err(e) => return Msg::Failed(format!("Not exported: {e}")),
            }
        }
        Msg::Failed(format!("Not exported: {} is full", dir.display()))
    }

    /// The demo in a throwaway folder of its own, as `--demo` opens it: nothing of it
    /// reaches the data folder. A blank start writes nothing until the form is saved.
    fn begin(&mut self, start: Start) -> Msg {
        match start {
            Start::Demo => match self.open_demo() {
                Ok(ws) => Msg::Loaded(Box::new(ws)),
                Err(e) => Msg::Failed(format!("The demo could not be opened: {e}")),
            },
            Start::Blank => Msg::Loaded(Box::new(Workspace::without_profile(
                self.paths.clone(),
                Self::this_month(),
            ))),
        }
    }

    fn open_demo(&mut self) -> anyhow::Result<Workspace> {
        let tmp = tempfile::Builder::new()
            .prefix(&crate::exit::demo_prefix())
            .tempdir()?;
        crate::exit::remove_on_exit(tmp.path().to_path_buf());
        let paths = Paths::under(tmp.path());
        store::write_profile_text(&paths, store::DEMO_PROFILE, false)?;
        let ws = Workspace::open(paths.clone(), Self::this_month())?;
        self.paths = paths;
        self.demo = Some(tmp);
        Ok(ws)
    }

    /// Whether the app works on the demo's throwaway folder.
    pub fn on_demo(&self) -> bool {
        self.demo.is_some()
    }
}

/// Why a save is refused in a read-only session: short, as the status bar adds to it
/// (the whole reason was shown when the app opened).
const READ_ONLY: &str = "the data folder is read only";

/// What an effect gets in a read-only session instead of being performed: `None`
/// for one that writes nothing (a copy to the clipboard, quitting), which goes ahead.
/// Each save fails, so the app keeps the words as unsaved; the recovery copy is
/// skipped quietly, the status bar already saying "read only".
fn refuse(effect: &Effect, why: &str) -> Option<Option<Msg>> {
    let failed = |what| Some(Some(Msg::SaveFailed(what, READ_ONLY.to_string())));
    match effect {
        Effect::SaveDraft(d) => failed(Saved::Draft(d.flag.clone())),
        Effect::Join { keep, .. } => failed(Saved::Draft(keep.flag.clone())),
        Effect::SaveProfile(_) => failed(Saved::Profile),
        Effect::SaveHistory(_) => failed(Saved::Practice),
        Effect::WriteRecovery(_) => Some(None),
        Effect::WriteExport { .. } => Some(Some(Msg::Failed(format!(
            "Not exported: {READ_ONLY}; copy the text instead"
        )))),
        Effect::Begin(_) => Some(Some(Msg::Failed(why.to_string()))),
        Effect::TrashDraft(_) => Some(Some(Msg::Failed(format!(
            "Not moved to the trash: {READ_ONLY}"
        )))),
        // The word list lives in the config folder, not the data folder.
        Effect::Copy { .. } | Effect::Quit | Effect::LoadSpelling | Effect::AddWord(_) => None,
    }
}

/// The spelling dictionary with the user's word list, as the app takes it in.
fn load_spelling(paths: &Paths) -> Msg {
    let (user_words, warning) = match store::words::load(paths) {
        Ok(words) => (words, None),
        Err(e) => (
            Vec::new(),
            Some(format!(
                "Your word list was not read, and is left as it is: {e}"
            )),
        ),
    };
    match crate::core::spell::Speller::embedded() {
        Ok(speller) => Msg::SpellingReady(Box::new(Spelling {
            speller: Arc::new(speller),
            user_words,
            warning,
        })),
        Err(e) => Msg::Failed(format!("Spelling is not checked: {e}")),
    }
}

fn wall_clock() -> Stamp {
    Stamp(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    )
}

fn translate(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) => Some(Msg::Key(key)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Mouse(mouse) => Some(Msg::Mouse(mouse)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        Event::FocusGained | Event::FocusLost => None,
    }
}
