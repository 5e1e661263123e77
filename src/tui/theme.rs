//! Every style the app uses, in one place. Colours are chosen to read on dark and light
//! terminals alike (no white or black text, named ANSI colours the terminal themes);
//! with NO_COLOR set, only bold, dim, underline and reverse remain.

use ratatui::style::{Color, Modifier, Style};

use crate::core::draft::Status;
use crate::core::flag::Severity;

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
}
