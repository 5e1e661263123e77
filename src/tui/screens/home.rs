//! The applicant at a glance: flags worst first with their draft status, a progress
//! bar and what to do next; the selected flag's details beside or below, scrollable.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use crate::core::coach::overview;
use crate::core::coach::rules::Level;
use crate::core::draft::Status;
use crate::core::flag::Flag;
use crate::store::workspace::Workspace;
use crate::tui::keymap::Action;
use crate::tui::text;
use crate::tui::theme::{Theme, glyph};

use super::pane::{self, Scroll};

/// Which pane of Home takes the arrow keys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HomeFocus {
    #[default]
    List,
    Details,
}

#[derive(Debug, Default)]
pub struct HomeScreen {
    pub selected: usize,
    pub focus: HomeFocus,
    pub details: Scroll,
    /// The first row of the list as last drawn.
    first: Cell<usize>,
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

/// Columns of the severity word ("MODERATE" and a space) and of the status word.
const SEVERITY_W: usize = 9;
/// Wide enough for "drafting"; widened when a draft needs a look.
const STATUS_W: usize = 9;
/// Columns of the coach's count ("✗ 12" and a space).
const COACH_W: usize = 5;

impl HomeScreen {
    pub fn on_action(&mut self, action: Action, ws: &Workspace) -> HomeOutcome {
        match (self.focus, action) {
            (_, Action::Open) => {
                return ws
                    .flags
                    .get(self.selected)
                    .map_or(HomeOutcome::Stay, |f| HomeOutcome::OpenFlag(f.id.clone()));
            }
            (_, Action::NextFocus | Action::PrevFocus) => {
                self.focus = match self.focus {
                    HomeFocus::List => HomeFocus::Details,
                    HomeFocus::Details => HomeFocus::List,
                };
            }
            (HomeFocus::Details, other) => {
                self.details.on_action(other);
            }
            (HomeFocus::List, other) => {
                let before = self.selected;
                self.selected = super::step(self.selected, ws.flags.len(), other);
                if self.selected != before {
                    self.details.reset();
                }
            }
        }
        HomeOutcome::Stay
    }

    /// Select the flag at screen row `row`, when the list shows one there.
    pub fn click(&mut self, row: u16, area: Rect, ws: &Workspace) -> bool {
        let [_, list, _] = layout(ws, area);
        let inner = Block::bordered().inner(list);
        if row < inner.y || row >= inner.bottom() {
            return false;
        }
        let heights: Vec<usize> = list_items(ws, &Counts::default(), Theme::new(true), inner)
            .iter()
            .map(Vec::len)
            .collect();
        match pane::item_at(&heights, self.first.get(), usize::from(row - inner.y)) {
            Some(index) => {
                if index != self.selected {
                    self.details.reset();
                }
                self.selected = index;
                self.focus = HomeFocus::List;
                true
            }
            None => false,
        }
    }

    pub fn render(
        &self,
        ws: &Workspace,
        counts: &Counts,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let [head, list, detail] = layout(ws, area);
        Paragraph::new(head_lines(ws, theme, head.width)).render(head, buf);
        self.render_list(ws, counts, theme, list, buf);
        if let Some(flag) = ws.flags.get(self.selected) {
            let lines = details(ws, flag, counts.strengths.first(), theme);
            let focused = self.focus == HomeFocus::Details;
            let block = Block::bordered()
                .title(" About this flag ")
                .border_style(if focused {
                    theme.focused_border()
                } else {
                    theme.border()
                });
            let hint = if focused { "↑/↓" } else { "tab, then ↓" };
            pane::scrolled(block, &lines, &self.details, hint, theme, detail, buf);
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
        let room = usize::from(area.width.saturating_sub(4));
        let legend = format!(
            " {} to fix · {} to check · {} not yet explained ",
            glyph::ERROR,
            glyph::WARNING,
            glyph::ON_RECORD
        );
        let short_legend = format!(" {} to fix · {} to check ", glyph::ERROR, glyph::WARNING);
        let mut block = Block::bordered()
            .title(text::choose(
                room,
                &[" Red flags, most serious first ", " Red flags "],
            ))
            .border_style(if self.focus == HomeFocus::List {
                theme.focused_border()
            } else {
                theme.border()
            });
        // Drafts left without a flag come first: the marks are explained in help too.
        if let Some(hint) = super::orphans::hint(ws, "O") {
            block = block.title_bottom(hint);
        } else if !ws.flags.is_empty() {
            let words = text::choose(room, &[&legend, &short_legend, ""]);
            block = block.title_bottom(Line::styled(words.to_string(), theme.dim()));
        }
        let inner = block.inner(area);
        block.render(area, buf);
        if ws.flags.is_empty() {
            let line = Line::from("No red flags found in this profile. Press p to review it.");
            Paragraph::new(text::wrap(&line, usize::from(inner.width))).render(inner, buf);
            return;
        }
        let items = list_items(ws, counts, theme, inner);
        pane::rows(
            &items,
            self.selected,
            &self.first,
            (theme.selected(), true),
            inner,
            buf,
        );
    }
}

/// Head, list and details: the head as tall as its wrapped words; list and details
/// side by side on wide screens, stacked on narrow ones.
fn layout(ws: &Workspace, area: Rect) -> [Rect; 3] {
    let wanted = head_lines(ws, Theme::new(true), area.width).len();
    let most = area.height / 3;
    let head_h = u16::try_from(wanted).unwrap_or(u16::MAX).min(most.max(3));
    let [head, body] =
        Layout::vertical([Constraint::Length(head_h), Constraint::Fill(1)]).areas(area);
    let [list, detail] = if body.width >= 90 {
        Layout::horizontal([Constraint::Percentage(60), Constraint::Fill(1)]).areas(body)
    } else {
        Layout::vertical([Constraint::Fill(1), Constraint::Length(7)]).areas(body)
    };
    [head, list, detail]
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

/// The rows of each flag in the list: severity, title (wrapped), the coach's count and
/// the draft's status, in columns.
fn list_items(
    ws: &Workspace,
    counts: &Counts,
    theme: Theme,
    area: Rect,
) -> Vec<Vec<Line<'static>>> {
    let open: Vec<&str> = overview::concealed(&ws.flags, &ws.drafts)
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    let width = usize::from(area.width);
    ws.flags
        .iter()
        .map(|f| {
            let status = draft_status(ws, f);
            let sev = format!("{:<SEVERITY_W$}", f.severity.label().to_uppercase());
            let (errors, warnings) = counts.per_draft.get(&f.id).copied().unwrap_or_default();
            let coach = match (errors, warnings) {
                (0, 0) => Span::raw(""),
                (0, w) => theme.marked(Level::Warning, &w.to_string()),
                (e, _) => theme.marked(Level::Error, &e.to_string()),
            };
            let coach_pad = COACH_W.saturating_sub(coach.width());
            let mut title = Vec::new();
            if open.contains(&f.id.as_str()) {
                title.push(Span::styled(
                    format!("{} ", glyph::ON_RECORD),
                    theme.warning(),
                ));
            }
            title.push(Span::raw(f.title.clone()));
            pane::columns(
                vec![Span::styled(sev, theme.severity(f.severity))],
                Line::from(title),
                vec![
                    Span::raw(" "),
                    coach,
                    Span::raw(" ".repeat(coach_pad)),
                    if status == Status::Ready && counts.looks.contains(&f.id) {
                        Span::styled(
                            format!("{} ", crate::core::ready::NEEDS_A_LOOK),
                            theme.warning(),
                        )
                    } else {
                        Span::styled(
                            format!("{:<STATUS_W$}", status.label()),
                            theme.status(status),
                        )
                    },
                ],
                width,
            )
        })
        .collect()
}

/// Who, as of when and how many flags; the drafts ready, with a bar beside the words;
/// what to do next; and, when there are some, how many flags on the record no ready
/// draft explains. Wrapped to `width`.
fn head_lines(ws: &Workspace, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let who = ws.profile.name.as_deref().unwrap_or("Your application");
    let ready = ws
        .flags
        .iter()
        .filter(|f| draft_status(ws, f) == Status::Ready)
        .count();
    let total = ws.flags.len();
    let mut lines = vec![Line::from(vec![
        Span::styled(who.to_string(), theme.title()),
        Span::styled(
            format!(
                "  ·  as of {}  ·  {}",
                ws.today,
                text::count(total, "red flag", "red flags")
            ),
            theme.dim(),
        ),
    ])];
    let words = format!("{ready} of {} ready", text::count(total, "draft", "drafts"));
    let room = usize::from(width).saturating_sub(text::width(&words) + 2);
    let mut progress = vec![Span::raw(words)];
    if room >= 6 {
        let bar = room.min(30);
        let filled = if total == 0 {
            bar
        } else {
            (bar * ready).div_ceil(total).min(bar)
        };
        progress.push(Span::raw("  "));
        progress.push(Span::styled("█".repeat(filled), theme.ok()));
        progress.push(Span::styled("░".repeat(bar - filled), theme.dim()));
    }
    lines.push(Line::from(progress));
    lines.push(next_step(ws, theme));
    let open = overview::concealed(&ws.flags, &ws.drafts);
    if !open.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} On your record, not yet explained: ", glyph::ON_RECORD),
                theme.warning(),
            ),
            Span::raw(format!(
                "{}, marked {} below.",
                text::count(open.len(), "flag", "flags"),
                glyph::ON_RECORD
            )),
        ]));
    }
    text::wrap_all(&lines, usize::from(width))
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

/// The selected flag: what was found, where it will be addressed, whether it is on the
/// record unexplained, a strength to use, and a question a program director may ask.
fn details(
    ws: &Workspace,
    flag: &Flag,
    strength: Option<&String>,
    theme: Theme,
) -> Vec<Line<'static>> {
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
    if overview::concealed(&ws.flags, &ws.drafts)
        .iter()
        .any(|f| f.id == flag.id)
    {
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} On your record: ", glyph::ON_RECORD),
                theme.warning(),
            ),
            Span::raw("programs will see it, explained or not. A draft marked ready answers it."),
        ]));
    }
    if let Some(tip) = strength {
        lines.push(Line::from(vec![
            Span::styled("Strength: ", theme.ok()),
            Span::raw(tip.clone()),
        ]));
    }
    if let Some(q) = flag.questions.first() {
        lines.push(Line::from(vec![
            Span::styled("A program director may ask: ", theme.dim()),
            Span::raw(q.clone()),
        ]));
    }
    lines
}
