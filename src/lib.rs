//! flagdraft: find the red flags in a Med-Peds residency application and draft honest
//! explanations of them.
//!
//! - [`core`]: pure domain logic (profile, detection, rules); no terminal, disk or clock.
//! - [`store`]: the only module that reads and writes files.
//! - [`cli`]: the command line, a thin layer over `core` and `store`.
//! - [`clipboard`]: copies through the terminal (OSC 52).
//! - [`crash`]: what a panic prints and leaves: where, never what.
//! - [`exit`]: what is left for the end of the process, whichever way it ends.
//! - [`tui`]: the full-screen app, a thin shell of state, update and view.

pub mod cli;
pub mod clipboard;
pub mod core;
pub mod crash;
pub mod exit;
pub mod store;
pub mod tui;
