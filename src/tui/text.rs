//! User-facing words of the terminal app that more than one screen shares, and the
//! helpers that fit words to the room they get: wrapped whole, or shortened on purpose,
//! never cut in the middle of a word.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

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

/// The status line when everything typed is on disk.
pub const SAVED: &str = "All saved";
/// The status line when an edit waits for the autosave (within a second or two).
pub const UNSAVED: &str = "Not saved yet";
/// The status line after a save failed; the message says why and when it tries again.
pub const SAVE_FAILED: &str = "Not saved";
/// The status line when the data folder cannot be written.
pub const READ_ONLY: &str = "Read only";
pub const READY_INCOMPLETE: &str = "Marked ready, but required parts are still empty: ";

/// `n` and the noun that goes with it: "1 error", "2 errors", "0 errors".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Columns `text` takes on screen.
pub fn width(text: &str) -> usize {
    Span::raw(text).width()
}

/// The first of `variants` that fits in `room` columns, else the last (the shortest,
/// by convention): labels are shortened on purpose, not cut.
pub fn choose<'a>(room: usize, variants: &[&'a str]) -> &'a str {
    variants
        .iter()
        .find(|v| width(v) <= room)
        .or(variants.last())
        .copied()
        .unwrap_or("")
}

/// `text` in at most `room` columns: whole when it fits, else as many whole words as
/// fit followed by "…". A first word longer than the room is the only thing ever cut
/// inside a word.
pub fn shorten(text: &str, room: usize) -> String {
    if width(text) <= room {
        return text.to_string();
    }
    if room == 0 {
        return String::new();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        let candidate = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if width(&candidate) + 1 > room {
            break;
        }
        out = candidate;
    }
    if out.is_empty() {
        // One long word: cut it, and say so.
        for c in text.chars() {
            if width(&out) + width(&c.to_string()) + 1 > room {
                break;
            }
            out.push(c);
        }
    }
    let out = out.trim_end_matches([',', ';', ':', ' ']).to_string();
    format!("{out}…")
}

/// One styled line wrapped at word boundaries into lines of at most `room` columns,
/// keeping each piece's style. A line that fits is kept as it is; in one that does not,
/// spaces at a break are dropped and a word wider than the room is split where it must
/// be. Always at least one line.
pub fn wrap(line: &Line<'_>, room: usize) -> Vec<Line<'static>> {
    let room = room.max(1);
    if line.width() <= room {
        // It fits: kept as it is, spaces and all (columns stay lined up).
        let spans: Vec<Span<'static>> = line
            .spans
            .iter()
            .map(|s| Span::styled(s.content.to_string(), line.style.patch(s.style)))
            .collect();
        return vec![Line::from(spans)];
    }
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut current: Vec<Span<'static>> = Vec::new();
    // Words with their style, and whether a space came before each.
    let mut words: Vec<(String, Style, bool)> = Vec::new();
    let mut space_before = false;
    for span in &line.spans {
        let style = line.style.patch(span.style);
        let mut word = String::new();
        for c in span.content.chars() {
            if c == ' ' {
                if !word.is_empty() {
                    words.push((std::mem::take(&mut word), style, space_before));
                }
                space_before = true;
            } else {
                word.push(c);
            }
        }
        if !word.is_empty() {
            words.push((word, style, space_before));
            space_before = false;
        }
    }
    // Leading spaces are kept as indentation, on every line the text wraps to.
    let indent: String = line
        .spans
        .iter()
        .flat_map(|s| s.content.chars())
        .take_while(|c| *c == ' ')
        .collect();
    // A line that opens with a mark ("• ", "– ", "✗ ") hangs under the words after it.
    let hang = match words.first() {
        Some((mark, _, _))
            if mark.chars().count() == 1 && !mark.chars().any(char::is_alphanumeric) =>
        {
            width(mark) + 1
        }
        _ => 0,
    };
    let first_indent = indent.clone();
    let indent = if (width(&indent) + hang) * 2 < room {
        format!("{indent}{}", " ".repeat(hang))
    } else {
        String::new()
    };
    let start = |current: &mut Vec<Span<'static>>| -> usize {
        if indent.is_empty() {
            0
        } else {
            current.push(Span::raw(indent.clone()));
            width(&indent)
        }
    };
    let mut used = 0;
    if !first_indent.is_empty() && width(&first_indent) * 2 < room {
        current.push(Span::raw(first_indent.clone()));
        used = width(&first_indent);
    }
    let mut fresh = true;
    for (word, style, spaced) in words {
        let w = width(&word);
        let gap = usize::from(spaced && !fresh);
        if used + gap + w <= room {
            if gap == 1 {
                current.push(Span::styled(" ", style));
            }
            current.push(Span::styled(word, style));
            used += gap + w;
            fresh = false;
            continue;
        }
        if !fresh {
            out.push(Line::from(std::mem::take(&mut current)));
            used = start(&mut current);
        }
        if used + w <= room {
            current.push(Span::styled(word, style));
            used += w;
            fresh = false;
            continue;
        }
        // Wider than a whole line: split it.
        let mut piece = String::new();
        for c in word.chars() {
            let cw = width(&c.to_string());
            if used + cw > room && !piece.is_empty() {
                current.push(Span::styled(std::mem::take(&mut piece), style));
                out.push(Line::from(std::mem::take(&mut current)));
                used = start(&mut current);
            }
            piece.push(c);
            used += cw;
        }
        if !piece.is_empty() {
            current.push(Span::styled(piece, style));
        }
        fresh = false;
    }
    if !current.is_empty() || out.is_empty() {
        out.push(Line::from(current));
    }
    out
}

/// Every line wrapped at `room` columns.
pub fn wrap_all(lines: &[Line<'_>], room: usize) -> Vec<Line<'static>> {
    lines.iter().flat_map(|l| wrap(l, room)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn counts_say_one_or_many() {
        assert_eq!(count(1, "error", "errors"), "1 error");
        assert_eq!(count(2, "error", "errors"), "2 errors");
        assert_eq!(count(0, "error", "errors"), "0 errors");
    }

    #[test]
    fn shortening_keeps_whole_words() {
        let text = "run `tmux set -g set-clipboard on` now";
        assert_eq!(shorten(text, 100), text);
        let short = shorten(text, 24);
        assert_eq!(short, "run `tmux set -g…");
        assert!(width(&short) <= 24);
        assert_eq!(shorten("Supercalifragilistic", 6), "Super…");
        assert_eq!(choose(10, &["A long label", "Short"]), "Short");
        assert_eq!(choose(20, &["A long label", "Short"]), "A long label");
    }

    #[test]
    fn wrapping_breaks_between_words_and_keeps_styles() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let line = Line::from(vec![
            Span::styled("Next: ", bold),
            Span::raw("Repeated course or clerkship (Pediatrics clerkship)"),
        ]);
        let lines = wrap(&line, 20);
        assert_eq!(
            texts(&lines),
            [
                "Next: Repeated",
                "course or clerkship",
                "(Pediatrics",
                "clerkship)"
            ]
        );
        assert_eq!(lines[0].spans[0].style, bold);
        assert!(lines.iter().all(|l| l.width() <= 20));
        assert_eq!(
            texts(&wrap(&Line::from("abcdefgh"), 3)),
            ["abc", "def", "gh"]
        );
        assert_eq!(texts(&wrap(&Line::from(""), 3)), [""]);
        assert_eq!(texts(&wrap(&Line::from("  – a b"), 10)), ["  – a b"]);
        assert_eq!(
            texts(&wrap(&Line::from("  – one two three"), 12)),
            ["  – one two", "    three"]
        );
        assert_eq!(
            texts(&wrap(&Line::from("  text here"), 8)),
            ["  text", "  here"]
        );
    }
}
