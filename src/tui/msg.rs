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
    Quit,
}
