//! First launch, no profile yet: try the demo applicant or start an own profile.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::tui::keymap::Action;
use crate::tui::msg::Start;
use crate::tui::text;
use crate::tui::theme::Theme;

#[derive(Debug, Default)]
pub struct WelcomeScreen {
    pub selected: usize,
}

const CHOICES: [(Start, &str); 2] = [
    (Start::Demo, text::WELCOME_DEMO),
    (Start::Blank, text::WELCOME_BLANK),
];

impl WelcomeScreen {
    /// The start the user chose, when they chose.
    pub fn on_action(&mut self, action: Action) -> Option<Start> {
        match action {
            Action::Open => Some(CHOICES[self.selected.min(1)].0),
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
        let mut lines = vec![
            Line::from(""),
            Line::styled(text::WELCOME_TITLE, theme.accent()),
            Line::from(""),
        ];
        lines.extend(
            text::WELCOME_BODY
                .iter()
                .map(|l| Line::styled(*l, theme.text())),
        );
        lines.push(Line::from(""));
        for (i, (_, label)) in CHOICES.iter().enumerate() {
            let (mark, style) = if i == self.selected {
                ("▶ ", theme.selected())
            } else {
                ("  ", theme.text())
            };
            lines.push(Line::from(vec![
                Span::raw(mark),
                Span::styled(*label, style),
            ]));
        }
        lines.push(Line::from(""));
        lines.push(Line::styled(
            "↑/↓ to choose, Enter to start, q to quit",
            theme.dim(),
        ));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(body, buf);
    }
}
