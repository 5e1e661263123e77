//! Helpers the integration tests share. Each test file is a crate of its own that
//! declares `mod common;` and uses only part of this: what a file may leave unused is
//! marked `#[allow(dead_code)]` where it is defined.

pub mod demo;
pub mod harness;
pub mod home;
pub mod tmux;
