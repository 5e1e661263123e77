//! What reaches `App::update` (input, time, results of effects) and what it asks the
//! runtime to do (effects, as values).

use crossterm::event::{KeyEvent, MouseEvent};

use crate::core::draft::Draft;
use crate::core::practice::History;
use crate::core::profile::Profile;
use crate::store::drafts::Recovery;
use crate::store::workspace::Workspace;

#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    /// A bracketed paste, delivered whole.
    Paste(String),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// Time passed with no input (the autosave timer).
    Tick,
    /// A workspace opened (first launch or after the welcome choice).
    Loaded(Box<Workspace>),
    /// Files saved, by what they hold.
    Saved(Saved),
    SaveFailed(Saved, String),
    /// Saved, but the file had been changed by another program: that version is kept
    /// beside it, and the text says where.
    SavedBeside(Saved, String),
    /// Something the runtime was asked to do failed; the text says what and where.
    Failed(String),
    /// Every save before quitting is done.
    QuitNow,
    /// Text went to the clipboard: what it was, and what the terminal was sent.
    Copied(String, crate::clipboard::Sent),
    /// A file was written to this path.
    Exported(String),
    /// Unsaved words a session that ended suddenly left in the recovery copy.
    RecoveryFound(Recovery),
    /// The draft of this flag id was moved to the trash folder, to this path.
    Trashed(String, String),
    /// The draft `keep` was saved telling another's flags, and that other draft (this
    /// flag id) went to the trash folder, to this path.
    Joined {
        keep: String,
        gone: String,
        path: String,
    },
    /// The spelling dictionary loaded, off the key path.
    SpellingReady(Box<Spelling>),
    /// A word went into the user's word list (`false`: it was there already).
    WordAdded(String, bool),
}

/// The spelling dictionary as loaded, with the user's word list as it read.
pub struct Spelling {
    /// The shipped dictionary and medical list, without the applicant's own words.
    pub speller: std::sync::Arc<crate::core::spell::Speller>,
    /// The words of `words.txt` in the config folder.
    pub user_words: Vec<String>,
    /// Why the word list was left out, when it did not read.
    pub warning: Option<String>,
}

/// Counts only: the word list holds names, which no log may show.
impl std::fmt::Debug for Spelling {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Spelling")
            .field("user_words", &self.user_words.len())
            .field("warning", &self.warning.is_some())
            .finish_non_exhaustive()
    }
}

/// What a save was about, for the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    Draft(String),
    Profile,
    Practice,
}

/// How the app starts when there is no profile yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    /// The demo applicant, in a throwaway folder removed on exit (as `--demo`): the
    /// data folder is not touched.
    Demo,
    /// A blank profile form; nothing is written until it is saved.
    Blank,
}

#[derive(Debug)]
pub enum Effect {
    SaveDraft(Box<Draft>),
    SaveProfile(Box<Profile>),
    SaveHistory(Box<History>),
    /// Keep a private copy of these unsaved words; an empty one removes the copy.
    WriteRecovery(Recovery),
    /// Send text to the clipboard through the terminal.
    Copy {
        what: String,
        text: String,
    },
    /// Write text to a new file in the exports folder.
    WriteExport {
        name: String,
        text: String,
    },
    /// Open the demo's workspace, or the data folder's with no profile yet.
    Begin(Start),
    /// Save the draft as it stands, then move its file to the trash folder.
    TrashDraft(Box<Draft>),
    /// Save `keep`, which now tells `gone`'s flags too; only once it is saved, move
    /// `gone`'s file to the trash folder.
    Join {
        keep: Box<Draft>,
        gone: Box<Draft>,
    },
    /// Load the spelling dictionary, with the user's word list, off the key path.
    LoadSpelling,
    /// Add a word to the user's word list in the config folder.
    AddWord(String),
    Quit,
}
