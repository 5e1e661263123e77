//! Drafts without a flag: drafts written for flags the profile no longer shows (it
//! changed, or started over). Each is listed with its words, to keep as it is or to
//! move to the trash folder, after asking. Nothing here removes words.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use crate::core::draft::Draft;
use crate::core::flag::FlagKind;
use crate::store::workspace::Workspace;
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;

#[derive(Debug, Default)]
pub struct OrphansScreen {
    pub selected: usize,
}

/// What a key on this screen leads to.
#[derive(Debug, PartialEq, Eq)]
pub enum OrphansOutcome {
    Stay,
    Leave,
    /// Ask, then move the draft of this flag id to the trash folder.
    Trash(String),
}

/// The drafts whose flag is no longer found, in the order they were loaded.
pub fn orphans(ws: &Workspace) -> Vec<&Draft> {
    ws.drafts.iter().filter(|d| d.orphaned).collect()
}

/// A line for Home when there are drafts without a flag, naming the key that lists them.
pub fn hint(ws: &Workspace, key: &str) -> Option<String> {
    match orphans(ws).len() {
        0 => None,
        1 => Some(format!(" 1 draft without a flag: {key} lists it ")),
        n => Some(format!(" {n} drafts without a flag: {key} lists them ")),
    }
}

/// What a kind of flag is, in plain words.
pub fn kind_words(kind: FlagKind) -> &'static str {
    match kind {
        FlagKind::ExamFailure => "A failed exam",
        FlagKind::LowScore => "A low score",
        FlagKind::RepeatedCourse => "A repeated course",
        FlagKind::LowRank => "A low class rank",
        FlagKind::YogGap => "Years since graduation",
        FlagKind::TrainingGap => "A gap in training",
        FlagKind::Professionalism => "A professionalism concern",
        FlagKind::LimitedUsce => "Little US clinical experience",
        FlagKind::VisaPlan => "The visa plan",
    }
}

/// How many words the applicant wrote in `draft` (prefilled text not counted).
fn own_words(draft: &Draft) -> usize {
    draft
        .parts
        .keys()
        .filter(|k| draft.is_own(k))
        .map(|k| draft.part(k).split_whitespace().count())
        .sum()
}

/// "12 words of yours", or what else the draft holds.
pub fn what_it_holds(draft: &Draft) -> String {
    match own_words(draft) {
        0 if draft.parts.values().all(|t| t.trim().is_empty()) => "empty".into(),
        0 => "only the text flagdraft filled in".into(),
        1 => "1 word of yours".into(),
        n => format!("{n} words of yours"),
    }
}

/// What the screen is, and its keys, above the list.
const ABOUT: &str = "Drafts written for flags your profile no longer shows, kept as they are.";
const KEYS: &str =
    "d moves the selected one to the trash folder, after asking; Esc keeps them all.";

impl OrphansScreen {
    pub fn on_action(&mut self, action: Action, ws: &Workspace) -> OrphansOutcome {
        let list = orphans(ws);
        match action {
            Action::Back => OrphansOutcome::Leave,
            Action::Delete => list.get(self.selected).map_or(OrphansOutcome::Stay, |d| {
                OrphansOutcome::Trash(d.flag.clone())
            }),
            other => {
                self.selected = super::step(self.selected, list.len(), other);
                OrphansOutcome::Stay
            }
        }
    }

    pub fn render(&self, ws: &Workspace, theme: Theme, area: Rect, buf: &mut Buffer) {
        let list = orphans(ws);
        let width = usize::from(area.width);
        let mut intro: Vec<Line> = Vec::new();
        for (text, style) in [(ABOUT, theme.text()), (KEYS, theme.dim())] {
            intro.extend(
                super::wrap_words(text, width)
                    .into_iter()
                    .map(|l| Line::styled(l, style)),
            );
        }
        let high = u16::try_from(intro.len()).unwrap_or(u16::MAX);
        let [head, body] =
            Layout::vertical([Constraint::Length(high), Constraint::Fill(1)]).areas(area);
        Paragraph::new(intro).render(head, buf);
        let [left, right] = if body.width >= 90 {
            Layout::horizontal([Constraint::Percentage(45), Constraint::Fill(1)]).areas(body)
        } else {
            // As few rows for the list as it needs, the rest for the words.
            let rows = u16::try_from(list.len().max(1) + 2).unwrap_or(6).min(6);
            Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(body)
        };
        let block = Block::bordered()
            .title(" Drafts without a flag ")
            .border_style(theme.focused_border());
        if list.is_empty() {
            Paragraph::new("None: every draft belongs to a flag of your profile.")
                .wrap(Wrap { trim: true })
                .block(block)
                .render(left, buf);
            return;
        }
        let items: Vec<ListItem> = list
            .iter()
            .map(|d| {
                ListItem::new(Line::from(vec![
                    Span::raw(kind_words(d.kind)),
                    Span::styled(format!(" · {}", what_it_holds(d)), theme.dim()),
                ]))
            })
            .collect();
        let selected = self.selected.min(list.len() - 1);
        let mut state = ListState::default().with_selected(Some(selected));
        StatefulWidget::render(
            List::new(items)
                .block(block)
                .highlight_style(theme.selected()),
            left,
            buf,
            &mut state,
        );
        if let Some(d) = list.get(selected) {
            render_words(ws, d, theme, right, buf);
        }
    }
}

/// The draft's parts, each under its name, as the Draft screen names them.
fn render_words(ws: &Workspace, draft: &Draft, theme: Theme, area: Rect, buf: &mut Buffer) {
    let template = ws.templates.get(draft.kind.family());
    let mut lines = Vec::new();
    let named: Vec<(String, &str)> = match template {
        Some(t) => t
            .parts
            .iter()
            .map(|p| (p.label.clone(), draft.part(&p.key)))
            .collect(),
        None => draft
            .parts
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str()))
            .collect(),
    };
    for (label, text) in named.into_iter().filter(|(_, t)| !t.trim().is_empty()) {
        lines.push(Line::styled(label, theme.accent()));
        lines.push(Line::styled(text.to_string(), theme.text()));
        lines.push(Line::from(""));
    }
    if lines.is_empty() {
        lines.push(Line::styled("Nothing written in this draft.", theme.dim()));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(
            Block::bordered()
                .title(format!(" {} ", kind_words(draft.kind)))
                .border_style(theme.border()),
        )
        .render(area, buf);
}
