//! One flag: what was found, why its severity, what a program director will ask, and
//! where the applicant chooses to address it, with the advice for each place.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use crate::core::flag::{Effect as Move, Flag, Venue};
use crate::store::workspace::Workspace;
use crate::tui::keymap::Action;
use crate::tui::text;
use crate::tui::theme::Theme;

use super::pane::{self, Scroll};

const VENUES: [Venue; 3] = [Venue::Eras, Venue::Statement, Venue::Interview];

/// The rows the about pane keeps however much advice there is: its borders and two
/// lines of words.
const ABOUT_MIN: u16 = 4;

/// Which pane of the Flag screen takes the arrow keys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FlagFocus {
    /// Where to address it: ↑/↓ choose a place, w ticks it.
    #[default]
    Places,
    /// What was found: ↑/↓ scroll.
    About,
}

#[derive(Debug, Default)]
pub struct FlagScreen {
    pub flag: String,
    pub venue: usize,
    pub focus: FlagFocus,
    pub about: Scroll,
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
            ..Self::default()
        }
    }

    pub fn on_action(&mut self, action: Action, ws: &mut Workspace) -> FlagOutcome {
        match (self.focus, action) {
            (_, Action::Open) => FlagOutcome::OpenDraft,
            (_, Action::ToggleVenue) => self.toggle(ws),
            (_, Action::NextFocus | Action::PrevFocus) => {
                self.focus = match self.focus {
                    FlagFocus::Places => FlagFocus::About,
                    FlagFocus::About => FlagFocus::Places,
                };
                FlagOutcome::Stay
            }
            (FlagFocus::About, other) => {
                self.about.on_action(other);
                FlagOutcome::Stay
            }
            (FlagFocus::Places, other) => {
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

    /// The detected flags this screen is about: every flag the story's draft explains,
    /// its own first, or the flag alone when it has no draft.
    fn flags<'w>(&self, ws: &'w Workspace) -> Vec<&'w Flag> {
        match ws.draft(&self.flag) {
            Some(d) => crate::core::draft::detected(d, &ws.flags),
            None => ws.flag(&self.flag).into_iter().collect(),
        }
    }

    pub fn render(&self, ws: &Workspace, theme: Theme, area: Rect, buf: &mut Buffer) {
        let flags = self.flags(ws);
        if flags.is_empty() {
            let line =
                Line::from("This flag is no longer found in your profile. Its draft is kept.");
            Paragraph::new(text::wrap(&line, usize::from(area.width))).render(area, buf);
            return;
        }
        let places = self.places(ws, theme);
        let inner_w = usize::from(area.width.saturating_sub(2));
        let wanted = text::wrap_all(&places, inner_w).len() + 2;
        let most = area.height.saturating_sub(ABOUT_MIN);
        let places_h = u16::try_from(wanted).unwrap_or(u16::MAX).min(most);
        // Advice the places pane has no room for is told in full in the about pane.
        let cut = usize::from(places_h) < wanted;
        let [top, bottom] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(places_h)]).areas(area);
        let mut lines = Vec::new();
        if flags.len() > 1 {
            lines.push(Line::styled(
                format!(
                    "One draft explains these {} flags as one story.",
                    flags.len()
                ),
                theme.dim(),
            ));
            lines.push(Line::from(""));
        }
        for (i, f) in flags.iter().enumerate() {
            if i > 0 {
                lines.push(Line::from(""));
            }
            lines.extend(about(f, theme));
        }
        if cut && let Some(advice) = places.last() {
            lines.push(Line::from(""));
            lines.push(Line::styled(
                format!("Advice for the {}", VENUES[self.venue.min(2)].label()),
                theme.accent(),
            ));
            lines.push(advice.clone());
        }
        let about_focused = self.focus == FlagFocus::About;
        let block = Block::bordered()
            .title(" What was found ")
            .border_style(if about_focused {
                theme.focused_border()
            } else {
                theme.border()
            });
        let hint = if about_focused {
            "↑/↓"
        } else {
            "tab, then ↓"
        };
        pane::scrolled(block, &lines, &self.about, hint, theme, top, buf);
        let room = usize::from(bottom.width.saturating_sub(4));
        let title = text::choose(
            room,
            &[
                " Where you will address it (w ticks or unticks) ",
                " Where to address it (w ticks) ",
                " Where (w ticks) ",
            ],
        );
        let wrapped = text::wrap_all(&places, inner_w);
        Paragraph::new(wrapped)
            .block(
                Block::bordered()
                    .title(title)
                    .border_style(if about_focused {
                        theme.border()
                    } else {
                        theme.focused_border()
                    }),
            )
            .render(bottom, buf);
    }

    /// The three places with their ticks, then the advice for the one selected.
    fn places(&self, ws: &Workspace, theme: Theme) -> Vec<Line<'static>> {
        let chosen = ws
            .draft(&self.flag)
            .map(|d| d.venues.clone())
            .unwrap_or_default();
        let advice = self
            .flags(ws)
            .first()
            .and_then(|f| ws.templates.get(f.kind.family()))
            .and_then(|t| {
                let v = VENUES[self.venue.min(2)];
                t.venue_advice
                    .iter()
                    .find(|a| a.venue == v)
                    .map(|a| a.advice.clone())
            })
            .unwrap_or_default();
        let mut lines: Vec<Line<'static>> = VENUES
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
        lines
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
