//! The applicant at a glance: flags worst first with their draft status, a progress
//! gauge and what to do next.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Gauge, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap,
};

use crate::core::coach::overview;
use crate::core::draft::Status;
use crate::core::flag::Flag;
use crate::store::workspace::Workspace;
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;

#[derive(Debug, Default)]
pub struct HomeScreen {
    pub selected: usize,
}

/// What the coach says, as Home shows it: errors and warnings per draft id, and
/// strengths no draft mentions yet. Kept by the model; drawing only reads it.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    pub per_draft: std::collections::HashMap<String, (usize, usize)>,
    pub strengths: Vec<String>,
    /// Drafts marked ready that have a problem since: "ready, needs a look".
    pub looks: std::collections::HashSet<String>,
}

/// What a key on Home leads to.
pub enum HomeOutcome {
    Stay,
    OpenFlag(String),
}

/// The status of the draft for `flag`.
pub fn draft_status(ws: &Workspace, flag: &Flag) -> Status {
    ws.draft(&flag.id).map_or(Status::Empty, |d| d.status)
}

impl HomeScreen {
    pub fn on_action(&mut self, action: Action, ws: &Workspace) -> HomeOutcome {
        match action {
            Action::Open => ws
                .flags
                .get(self.selected)
                .map_or(HomeOutcome::Stay, |f| HomeOutcome::OpenFlag(f.id.clone())),
            other => {
                self.selected = super::step(self.selected, ws.flags.len(), other);
                HomeOutcome::Stay
            }
        }
    }

    /// The rows of the flag list on screen, for mouse clicks.
    pub fn list_area(area: Rect) -> Rect {
        let [_, body] = Layout::vertical([Constraint::Length(4), Constraint::Fill(1)]).areas(area);
        let [list, _] = split(body);
        Block::bordered().inner(list)
    }

    pub fn click(&mut self, row: u16, area: Rect, ws: &Workspace) -> bool {
        let list = Self::list_area(area);
        if row < list.y || row >= list.bottom() {
            return false;
        }
        let offset = self
            .selected
            .saturating_sub(usize::from(list.height.saturating_sub(1)));
        let index = offset + usize::from(row - list.y);
        if index < ws.flags.len() {
            self.selected = index;
            return true;
        }
        false
    }

    pub fn render(
        &self,
        ws: &Workspace,
        counts: &Counts,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let [head, body] =
            Layout::vertical([Constraint::Length(4), Constraint::Fill(1)]).areas(area);
        render_head(ws, theme, head, buf);
        let [list, detail] = split(body);
        self.render_list(ws, counts, theme, list, buf);
        if let Some(flag) = ws.flags.get(self.selected) {
            render_detail(ws, flag, counts.strengths.first(), theme, detail, buf);
        }
    }

    fn render_list(
        &self,
        ws: &Workspace,
        counts: &Counts,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let mut block = Block::bordered()
            .title(" Red flags, most serious first ")
            .border_style(theme.focused_border());
        if let Some(hint) = super::orphans::hint(ws, "O") {
            block = block.title_bottom(hint);
        }
        if ws.flags.is_empty() {
            Paragraph::new("No red flags found in this profile. Press p to review it.")
                .wrap(Wrap { trim: true })
                .block(block)
                .render(area, buf);
            return;
        }
        let width = usize::from(area.width.saturating_sub(2));
        let label = |f: &Flag| match draft_status(ws, f) {
            Status::Ready if counts.looks.contains(&f.id) => crate::core::ready::NEEDS_A_LOOK,
            status => status.label(),
        };
        let status_width = ws
            .flags
            .iter()
            .map(|f| label(f).len())
            .max()
            .unwrap_or(0)
            .max(8);
        let items: Vec<ListItem> = ws
            .flags
            .iter()
            .map(|f| {
                let status = draft_status(ws, f);
                let sev = format!("{:<9}", f.severity.label().to_uppercase());
                let status_text = format!(" {:<status_width$}", label(f));
                let (errors, warnings) = counts.per_draft.get(&f.id).copied().unwrap_or_default();
                let coach = match (errors, warnings) {
                    (0, 0) => "      ".to_string(),
                    (0, w) => format!(" {w:>2}!  "),
                    (e, _) => format!(" {e:>2}✗  "),
                };
                let used =
                    sev.chars().count() + status_text.chars().count() + coach.chars().count();
                let room = width.saturating_sub(used);
                let title = fit(&f.title, room);
                let coach_style = if errors > 0 {
                    theme.error()
                } else {
                    theme.warning()
                };
                ListItem::new(Line::from(vec![
                    Span::styled(sev, theme.severity(f.severity)),
                    Span::raw(format!("{title:<room$}")),
                    Span::styled(coach, coach_style),
                    Span::styled(status_text, theme.status(status)),
                ]))
            })
            .collect();
        let mut state = ListState::default().with_selected(Some(self.selected));
        StatefulWidget::render(
            List::new(items)
                .block(block)
                .highlight_style(theme.selected()),
            area,
            buf,
            &mut state,
        );
    }
}

/// List and detail side by side on wide screens, stacked on narrow ones.
fn split(area: Rect) -> [Rect; 2] {
    if area.width >= 90 {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(area)
    } else {
        Layout::vertical([Constraint::Fill(1), Constraint::Length(6)]).areas(area)
    }
}

/// `text` cut to `width` characters, with an ellipsis when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn render_head(ws: &Workspace, theme: Theme, area: Rect, buf: &mut Buffer) {
    let who = ws.profile.name.as_deref().unwrap_or("Your application");
    let ready = ws
        .flags
        .iter()
        .filter(|f| draft_status(ws, f) == Status::Ready)
        .count();
    let total = ws.flags.len();
    let [title, gauge, next] = Layout::vertical([Constraint::Length(1); 3]).areas(area);
    Line::from(vec![
        Span::styled(who.to_string(), theme.title()),
        Span::styled(
            format!("  ·  as of {}  ·  {total} red flags", ws.today),
            theme.dim(),
        ),
    ])
    .render(title, buf);
    let ratio = if total == 0 {
        1.0
    } else {
        ready as f64 / total as f64
    };
    Gauge::default()
        .ratio(ratio)
        .label(format!("{ready} of {total} drafts ready"))
        .gauge_style(theme.ok())
        .render(gauge, buf);
    next_step(ws, theme).render(next, buf);
    if let Some(warn) = concealment(ws, theme) {
        let [_, _, _, line] = Layout::vertical([Constraint::Length(1); 4]).areas(area);
        warn.render(line, buf);
    }
}

/// A warning when a flag on the record has no ready explanation.
fn concealment(ws: &Workspace, theme: Theme) -> Option<Line<'static>> {
    let open = overview::concealed(&ws.flags, &ws.drafts);
    if open.is_empty() {
        return None;
    }
    let names: Vec<&str> = open.iter().map(|f| f.title.as_str()).collect();
    Some(Line::from(vec![
        Span::styled("⚠ On your record, not yet explained: ", theme.warning()),
        Span::raw(names.join("; ")),
    ]))
}

fn next_step(ws: &Workspace, theme: Theme) -> Line<'static> {
    let pending = ws
        .flags
        .iter()
        .find(|f| draft_status(ws, f) != Status::Ready);
    match pending {
        Some(f) => Line::from(vec![
            Span::styled("Next: ", theme.accent()),
            Span::raw(format!("{} ({})", f.title, draft_status(ws, f).label())),
        ]),
        None if ws.flags.is_empty() => Line::styled(
            "Nothing to explain. Keep your profile up to date.",
            theme.ok(),
        ),
        None => Line::styled(
            "Every draft is ready. Rehearse your answers, then export.",
            theme.ok(),
        ),
    }
}

fn render_detail(
    ws: &Workspace,
    flag: &Flag,
    strength: Option<&String>,
    theme: Theme,
    area: Rect,
    buf: &mut Buffer,
) {
    let mut lines: Vec<Line<'static>> = super::flag::heading(flag, theme).into();
    lines.push(Line::from(""));
    let venues: Vec<&str> = ws
        .draft(&flag.id)
        .map(|d| d.venues.iter().map(|v| v.label()).collect())
        .unwrap_or_default();
    lines.push(Line::from(vec![
        Span::styled("Address it in: ", theme.dim()),
        Span::raw(if venues.is_empty() {
            "not chosen yet".to_string()
        } else {
            venues.join(", ")
        }),
    ]));
    if let Some(tip) = strength {
        lines.push(Line::from(vec![
            Span::styled("Strength: ", theme.ok()),
            Span::raw(tip.clone()),
        ]));
    }
    if let Some(q) = flag.questions.first() {
        lines.push(Line::from(vec![
            Span::styled("A PD may ask: ", theme.dim()),
            Span::raw(q.clone()),
        ]));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(
            Block::new()
                .borders(Borders::TOP | Borders::LEFT)
                .border_style(theme.border()),
        )
        .render(area, buf);
}
