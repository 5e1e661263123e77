//! User-facing words of the terminal app that more than one screen shares.

pub const APP: &str = "flagdraft";
pub const MIN_WIDTH: u16 = 50;
pub const MIN_HEIGHT: u16 = 15;

pub fn too_small(w: u16, h: u16) -> String {
    format!(
        "flagdraft needs a window of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {w}×{h}. Make it larger, or press Ctrl-C to quit."
    )
}

pub const WELCOME_TITLE: &str = "Welcome to flagdraft";
pub const WELCOME_BODY: &[&str] = &[
    "Program directors read every red flag in an application. A flag rarely ends an application;",
    "a vague, defensive or missing explanation can. flagdraft finds the flags in your facts and",
    "helps you explain each one honestly: for ERAS, your personal statement and the interview.",
    "",
    "Everything stays on this computer, in private files only you can read.",
];

pub const SAVED: &str = "saved";
pub const UNSAVED: &str = "editing…";
pub const READY_INCOMPLETE: &str = "Marked ready, but required parts are still empty: ";
