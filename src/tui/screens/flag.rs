//! One flag: what was found, why its severity, what a program director will ask, and
//! where the applicant chooses to address it, with the advice for each place.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

use crate::core::flag::{Effect as Move, Flag, Venue};
use crate::store::workspace::Workspace;
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;

const VENUES: [Venue; 3] = [Venue::Eras, Venue::Statement, Venue::Interview];

#[derive(Debug, Default)]
pub struct FlagScreen {
    pub flag: String,
    pub venue: usize,
}

pub enum FlagOutcome {
    Stay,
    /// The applicant changed where to address the flag (the draft needs saving).
    VenuesChanged,
    OpenDraft,
}

impl FlagScreen {
    pub fn open(flag: &str) -> Self {
        Self {
            flag: flag.to_string(),
            venue: 0,
        }
    }

    pub fn on_action(&mut self, action: Action, ws: &mut Workspace) -> FlagOutcome {
        match action {
            Action::Open => FlagOutcome::OpenDraft,
            Action::ToggleVenue => self.toggle(ws),
            other => {
                self.venue = super::step(self.venue, VENUES.len(), other);
                FlagOutcome::Stay
            }
        }
    }

    fn toggle(&self, ws: &mut Workspace) -> FlagOutcome {
        let venue = VENUES[self.venue.min(2)];
        let Some(draft) = ws
            .drafts
            .iter_mut()
            .find(|d| d.flag == self.flag && !d.read_only)
        else {
            return FlagOutcome::Stay;
        };
        if let Some(i) = draft.venues.iter().position(|v| *v == venue) {
            draft.venues.remove(i);
        } else {
            draft.venues.push(venue);
            draft.venues.sort();
        }
        FlagOutcome::VenuesChanged
    }

    pub fn render(&self, ws: &Workspace, theme: Theme, area: Rect, buf: &mut Buffer) {
        let Some(flag) = ws.flag(&self.flag) else {
            Paragraph::new("This flag is no longer found in your profile. Its draft is kept.")
                .render(area, buf);
            return;
        };
        let [top, bottom] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(7)]).areas(area);
        Paragraph::new(about(flag, theme))
            .wrap(Wrap { trim: true })
            .block(
                Block::bordered()
                    .title(format!(" {} ", flag.id))
                    .border_style(theme.border()),
            )
            .scroll((0, 0))
            .render(top, buf);
        self.render_venues(ws, theme, bottom, buf);
    }

    fn render_venues(&self, ws: &Workspace, theme: Theme, area: Rect, buf: &mut Buffer) {
        let chosen = ws
            .draft(&self.flag)
            .map(|d| d.venues.clone())
            .unwrap_or_default();
        let advice = ws
            .flag(&self.flag)
            .and_then(|f| ws.templates.get(f.kind.family()))
            .and_then(|t| {
                let v = VENUES[self.venue.min(2)];
                t.venue_advice
                    .iter()
                    .find(|a| a.venue == v)
                    .map(|a| a.advice.clone())
            })
            .unwrap_or_default();
        let mut lines: Vec<Line> = VENUES
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let mark = if chosen.contains(v) { "[x] " } else { "[ ] " };
                let style = if i == self.venue {
                    theme.selected()
                } else {
                    theme.text()
                };
                Line::from(vec![Span::styled(format!("{mark}{}", v.label()), style)])
            })
            .collect();
        lines.push(Line::styled(advice, theme.dim()));
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(
                Block::bordered()
                    .title(" Where you will address it (w toggles) ")
                    .border_style(theme.focused_border()),
            )
            .render(area, buf);
    }
}

/// A flag's severity and title, then its summary: how every screen introduces it.
pub fn heading(flag: &Flag, theme: Theme) -> [Line<'static>; 2] {
    [
        Line::from(vec![
            Span::styled(
                flag.severity.label().to_uppercase(),
                theme.severity(flag.severity),
            ),
            Span::raw("  "),
            Span::styled(flag.title.clone(), theme.title()),
        ]),
        Line::from(flag.summary.clone()),
    ]
}

fn about(flag: &Flag, theme: Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = heading(flag, theme).into();
    lines.push(Line::from(""));
    lines.push(Line::styled("Why this severity", theme.accent()));
    for r in &flag.reasons {
        let mark = match r.effect {
            Move::Base => "  • ",
            Move::Raises => "  ↑ ",
            Move::Lowers => "  ↓ ",
            Move::Mitigates => "  + ",
        };
        lines.push(Line::from(format!("{mark}{}", r.text)));
    }
    if !flag.advice.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::styled("What helps", theme.accent()));
        lines.push(Line::from(format!("  {}", flag.advice)));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled("A program director may ask", theme.accent()));
    lines.extend(
        flag.questions
            .iter()
            .map(|q| Line::from(format!("  – {q}"))),
    );
    lines
}
