//! The core stays pure: no terminal, no file system, no clock, no environment.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files_under(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

#[test]
fn core_has_no_terminal_or_io() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let files = rust_files_under(&core);
    assert!(files.len() >= 5, "found only {files:?}");
    for path in files {
        let src = fs::read_to_string(&path).unwrap();
        for banned in [
            "ratatui",
            "crossterm",
            "std::fs",
            "std::env",
            "std::process",
            "std::net",
            "Instant::now",
            "SystemTime",
            "crate::store",
            "crate::cli",
            "crate::tui",
        ] {
            assert!(
                !src.contains(banned),
                "{}: core must not use {banned}",
                path.display()
            );
        }
    }
}

#[test]
fn drafts_do_not_know_the_coach() {
    // The arrows go one way: the coach reads drafts; a draft holds no coach type.
    let draft = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core/draft.rs");
    let src = fs::read_to_string(&draft).unwrap();
    for banned in ["coach::", "super::coach", "crate::core::coach"] {
        assert!(
            !src.contains(banned),
            "{}: drafts must not use {banned}",
            draft.display()
        );
    }
}
