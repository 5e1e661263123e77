//! Every style the app uses, in one place. Colours are chosen to read on dark and light
//! terminals alike (no white or black text, named ANSI colours the terminal themes);
//! with NO_COLOR set, only bold, dim, underline and reverse remain. Errors and warnings
//! differ by glyph as well as by colour (see [`glyph`]), so they differ without colour.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;

use crate::core::coach::rules::Level;
use crate::core::draft::Status;
use crate::core::flag::Severity;

/// The marks the app draws, one meaning each, for every screen and its help legend.
pub mod glyph {
    /// An error: something to fix (red).
    pub const ERROR: &str = "✗";
    /// A warning: something to check (yellow).
    pub const WARNING: &str = "!";
    /// A suggestion or a neutral note (dim).
    pub const INFO: &str = "·";
    /// Done, or answered (green).
    pub const OK: &str = "✓";
    /// A coach finding set aside, with a reason.
    pub const SET_ASIDE: &str = "–";
    /// A flag programs will see on the record that no ready draft explains yet.
    pub const ON_RECORD: &str = "⚠";
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn new(no_color: bool) -> Self {
        Self { color: !no_color }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn text(self) -> Style {
        Style::new()
    }

    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn accent(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn border(self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn focused_border(self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn warning(self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn ok(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn status_bar(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn severity(self, s: Severity) -> Style {
        match s {
            Severity::High => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Severity::Moderate => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Severity::Low => self.fg(Color::Blue),
        }
    }

    pub fn status(self, s: Status) -> Style {
        match s {
            Status::Ready => self.ok().add_modifier(Modifier::BOLD),
            Status::Drafting => self.warning(),
            Status::Empty => self.dim(),
        }
    }

    pub fn cursor(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The glyph and style of a coach level: `✗` in red and bold for an error, `!` in
    /// yellow for a warning, `·` dim for a suggestion.
    pub fn level(self, level: Level) -> (&'static str, Style) {
        match level {
            Level::Error => (glyph::ERROR, self.error()),
            Level::Warning => (glyph::WARNING, self.warning()),
            Level::Info => (glyph::INFO, self.dim()),
        }
    }

    /// `glyph text` as one span in the level's style, e.g. "✗ 3".
    pub fn marked(self, level: Level, text: &str) -> Span<'static> {
        let (mark, style) = self.level(level);
        Span::styled(format!("{mark} {text}"), style)
    }

    /// Words the coach found in a text, underlined: an error's in red and bold, a
    /// warning's in yellow and not bold, a suggestion's dim; so they differ without
    /// colour too.
    pub fn underline(self, level: Level) -> Style {
        let (_, style) = self.level(level);
        style.add_modifier(Modifier::UNDERLINED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_leaves_no_colour() {
        let t = Theme::new(true);
        let styles = [
            t.accent(),
            t.error(),
            t.warning(),
            t.ok(),
            t.key(),
            t.border(),
            t.focused_border(),
            t.severity(Severity::High),
            t.status(Status::Ready),
        ];
        for s in styles {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
        assert!(Theme::new(false).error().fg.is_some());
    }

    #[test]
    fn errors_and_warnings_differ_without_colour() {
        for no_color in [true, false] {
            let t = Theme::new(no_color);
            let (e, es) = t.level(Level::Error);
            let (w, ws) = t.level(Level::Warning);
            assert_ne!(e, w);
            assert_ne!(es, ws, "no_color {no_color}");
            assert_ne!(t.underline(Level::Error), t.underline(Level::Warning));
            assert!(
                t.underline(Level::Warning)
                    .add_modifier
                    .contains(Modifier::UNDERLINED)
            );
        }
        let t = Theme::new(false);
        assert_eq!(t.level(Level::Error).1.fg, Some(Color::Red));
        assert_eq!(t.level(Level::Warning).1.fg, Some(Color::Yellow));
        assert_eq!(t.marked(Level::Error, "3").content, "✗ 3");
    }
}
