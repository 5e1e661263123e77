//! First launch, no profile yet: try the demo applicant (in a throwaway folder, as
//! `--demo` does) or start an own profile from a blank form.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::keymap::Action;
use crate::tui::msg::Start;
use crate::tui::text;
use crate::tui::theme::Theme;

#[derive(Debug, Default)]
pub struct WelcomeScreen {
    pub selected: usize,
}

/// Each choice: how it starts, its name, and what it does.
const CHOICES: [(Start, &str, &str); 2] = [
    (
        Start::Demo,
        "Try the demo applicant",
        "An invented applicant with most kinds of flag, in a throwaway folder deleted when \
         you quit: nothing is written to your own data folder.",
    ),
    (
        Start::Blank,
        "Start my own profile",
        "A blank form for your facts; nothing is saved until you save it.",
    ),
];

/// What the status line says once the demo is open.
pub const DEMO_OPENED: &str = "The demo applicant, in a throwaway folder deleted when you quit: nothing here is saved to your own data folder.";

/// What the status line says on a blank start.
pub const BLANK_OPENED: &str = "A blank profile: fill in your facts, section by section. Nothing is saved until Ctrl-S, which then finds your red flags.";

impl WelcomeScreen {
    /// The start the user chose, when they chose.
    pub fn on_action(&mut self, action: Action) -> Option<Start> {
        match action {
            Action::Open => Some(CHOICES[self.selected.min(CHOICES.len() - 1)].0),
            other => {
                self.selected = super::step(self.selected, CHOICES.len(), other);
                None
            }
        }
    }

    pub fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        let [_, body, _] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Max(96),
            Constraint::Fill(1),
        ])
        .areas(area);
        let width = usize::from(body.width);
        // A short window has no room for a blank line above the title.
        let mut lines = if area.height >= 24 {
            vec![Line::from("")]
        } else {
            Vec::new()
        };
        lines.push(Line::styled(text::WELCOME_TITLE, theme.accent()));
        lines.push(Line::from(""));
        // The body's lines are joined into paragraphs and wrapped to the width.
        let body_text = text::WELCOME_BODY.join("\n");
        for (i, paragraph) in body_text.split("\n\n").enumerate() {
            if i > 0 {
                lines.push(Line::from(""));
            }
            lines.extend(
                super::wrap_words(paragraph, width)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.text())),
            );
        }
        lines.push(Line::from(""));
        for (i, (_, name, what)) in CHOICES.iter().enumerate() {
            let (mark, style) = if i == self.selected {
                ("▶ ", theme.selected())
            } else {
                ("  ", theme.text())
            };
            lines.push(Line::from(vec![
                Span::raw(mark),
                Span::styled(*name, style),
            ]));
            lines.extend(
                super::wrap_words(what, width.saturating_sub(4))
                    .into_iter()
                    .map(|l| Line::styled(format!("    {l}"), theme.dim())),
            );
        }
        lines.push(Line::from(""));
        lines.push(Line::styled(
            "↑/↓ to choose, Enter to start, q to quit",
            theme.dim(),
        ));
        Paragraph::new(lines).render(body, buf);
    }
}
