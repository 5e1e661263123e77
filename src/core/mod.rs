//! The pure core: profile, detection, rules and catalogue.
//!
//! Nothing here touches the terminal, the file system, the clock or the environment;
//! `tests/architecture.rs` holds that line.

pub mod catalogue;
pub mod detect;
pub mod flag;
pub mod month;
pub mod profile;
pub mod rules;
pub mod validate;
