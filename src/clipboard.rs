//! Copying through the terminal: OSC 52, which local terminals, SSH sessions and tmux
//! (with `set-clipboard on`) turn into a clipboard copy. The terminal never answers,
//! so the caller says how to check.

use std::io::{self, Write};
use std::process::Command;

use crossterm::clipboard::CopyToClipboard;
use crossterm::execute;

use crate::core::export::{check_copy, clean};

/// What a copy sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    pub chars: usize,
    /// Set when running inside tmux with `set-clipboard` off: how to turn it on.
    pub tmux_hint: Option<String>,
}

/// Send `text`, cleaned, to the clipboard through `out`.
pub fn copy(text: &str, out: &mut impl Write) -> Result<Sent, String> {
    let text = clean(text);
    check_copy(&text)?;
    execute!(out, CopyToClipboard::to_clipboard_from(text.as_bytes()))
        .map_err(|e| format!("the terminal would not take the copy: {e}"))?;
    Ok(Sent {
        chars: text.chars().count(),
        tmux_hint: tmux_hint(),
    })
}

/// Inside tmux, whether copies reach a buffer and the outer terminal; a hint if not.
pub fn tmux_hint() -> Option<String> {
    std::env::var_os("TMUX")?;
    let out = Command::new("tmux")
        .args(["show-options", "-gv", "set-clipboard"])
        .output()
        .ok()?;
    let value = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (value == "off").then(|| {
        "tmux is not passing copies on: run `tmux set -g set-clipboard on` (and add it to ~/.tmux.conf)"
            .to_string()
    })
}

/// The controlling terminal, so a copy works while standard output is piped.
pub fn terminal() -> io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).open("/dev/tty")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sends_one_osc52_sequence_with_the_cleaned_text() {
        let mut out = Vec::new();
        let sent = copy("Hé\u{1b}[2J 中文", &mut out).unwrap();
        assert_eq!(sent.chars, 8);
        let written = String::from_utf8(out).unwrap();
        assert!(written.starts_with("\u{1b}]52;c;"), "{written:?}");
        // "Hé[2J 中文" in base64.
        assert!(written.contains("SMOpWzJKIOS4reaWhw=="), "{written:?}");
    }

    #[test]
    fn refuses_what_terminals_would_drop() {
        let mut out = Vec::new();
        assert!(copy(&"x".repeat(200_000), &mut out).is_err());
        assert!(out.is_empty(), "nothing is sent, not even a part");
    }
}
