//! Store errors: every one names the file, and parse errors the line and column.
//!
//! Messages never quote a long piece of the user's text: parse messages are redacted.

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::core::validate::Problem;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: cannot {action}: {source}", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        source: io::Error,
    },
    #[error("{}:{line}:{col}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{}{}: {}", path.display(), At(*at), Problems(problems))]
    Invalid {
        path: PathBuf,
        /// Line and column of the first problem, when the file shows where it is.
        at: Option<(usize, usize)>,
        problems: Vec<Problem>,
    },
    #[error(
        "{}: written by a newer flagdraft (format version {found}; this one reads up to {supported}); it was left untouched",
        path.display()
    )]
    Newer {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error(
        "{}: written by a newer flagdraft (format version {found}; this one reads up to {supported}); opened read only, and never saved over",
        path.display()
    )]
    ReadOnly {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{}: {size} bytes is larger than the {limit} this file may hold; it was left untouched", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{} already exists; it was left untouched (use --force to replace it, keeping a .bak copy)", path.display())]
    Exists { path: PathBuf },
    #[error("{reason}; flagdraft will not write over it until it loads (fix it, or move it away)")]
    Blocked { path: PathBuf, reason: String },
    #[error("{reason}; it was kept as {} and a new copy starts", path.display())]
    SetAside { path: PathBuf, reason: String },
    #[error(
        "flagdraft is already open on {} ({}); close that window first, so two windows never write over each other",
        path.display(), Holder(pid)
    )]
    Locked { path: PathBuf, pid: String },
    #[error(
        "{}: an older copy of the draft for {flag}, which opens from {}; both files are kept (remove the one you no longer need)",
        path.display(),
        used.display()
    )]
    Duplicate {
        /// The copy not opened.
        path: PathBuf,
        /// The newer copy, the one opened.
        used: PathBuf,
        flag: String,
    },
    /// The data folder cannot be written: its permissions, or a read-only disk.
    #[error("{}: the data folder is read only ({source})", path.display())]
    NotWritable { path: PathBuf, source: io::Error },
    /// A FIFO, socket, device, folder or (in the data folder) link where a file was
    /// expected: never opened, never waited on.
    #[error("{}: is {what}, not a regular file; flagdraft does not open it, and left it as it is", path.display())]
    NotAFile { path: PathBuf, what: &'static str },
    #[error("{}: no profile yet. Create one with `flagdraft init` (or `flagdraft init --demo` to try the demo applicant)", path.display())]
    NoProfile { path: PathBuf },
}

impl StoreError {
    /// True for errors in what the user wrote or asked for, as opposed to the machine
    /// failing: these exit with code 2.
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            StoreError::Parse { .. }
                | StoreError::Invalid { .. }
                | StoreError::Newer { .. }
                | StoreError::TooLarge { .. }
                | StoreError::Exists { .. }
                | StoreError::NoProfile { .. }
                | StoreError::Locked { .. }
                | StoreError::NotAFile { .. }
        )
    }
}

/// Who holds the lock: its process id when its note could be read.
struct Holder<'a>(&'a str);

impl fmt::Display for Holder<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            f.write_str("by another process")
        } else {
            write!(f, "process {}", self.0)
        }
    }
}

/// `:line:col` after a path, when known.
struct At(Option<(usize, usize)>);

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some((line, col)) => write!(f, ":{line}:{col}"),
            None => Ok(()),
        }
    }
}

struct Problems<'a>(&'a [Problem]);

impl fmt::Display for Problems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

/// Replace quoted text in a parser message with "…", so none of the user's words
/// reach an error message. Field and type names are not quoted by the parser.
pub fn redact(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    for (i, part) in message.split('"').enumerate() {
        if i > 0 {
            out.push('"');
        }
        if i % 2 == 1 && !part.is_empty() {
            out.push('…');
        } else {
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_keeps_names_and_drops_quoted_text() {
        assert_eq!(redact("unknown field `x`"), "unknown field `x`");
        let long = "found \"I failed because my family was in crisis\" instead";
        assert_eq!(redact(long), "found \"…\" instead");
    }
}
