//! The pure core: profile, detection, drafting structures, drafts and their outputs.
//!
//! Nothing here touches the terminal, the file system, the clock or the environment;
//! `tests/architecture.rs` holds that line.

pub mod assemble;
pub mod catalogue;
pub mod coach;
pub mod detect;
pub mod draft;
pub mod eras;
pub mod export;
pub mod flag;
pub mod invisible;
pub mod locate;
pub mod month;
pub mod practice;
pub mod prefill;
pub mod profile;
pub mod ready;
pub mod ron_text;
pub mod rules;
pub mod spell;
pub mod stamp;
pub mod story;
pub mod template;
pub mod usmle;
pub mod validate;
