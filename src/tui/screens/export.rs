//! Every draft's outputs in one list, grouped by flag, with status, length and the
//! coach's count: copy one to the clipboard, write one to a file, or write every ready
//! draft to one file. The selected text shows in full below, scrollable. A ready draft
//! that broke since shows as "ready, needs a look", with what is wrong.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use crate::core::assemble::{Output, assemble, char_count, eras_fit, spoken_seconds, word_count};
use crate::core::coach::rules::Level;
use crate::core::draft::{Draft, Status};
use crate::core::export::{clean, output_for};
use crate::core::ready::{Problem, describe, needs_a_look, problems, status_label};
use crate::store::workspace::Workspace;
use crate::tui::keymap::Action;
use crate::tui::text;
use crate::tui::theme::{Theme, glyph};

use super::pane::{self, Scroll};

/// One output of one draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub flag: String,
    pub output: Output,
}

/// Which pane of Export takes the arrow keys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExportFocus {
    #[default]
    List,
    Text,
}

#[derive(Debug, Default)]
pub struct ExportScreen {
    pub rows: Vec<Row>,
    pub selected: usize,
    pub focus: ExportFocus,
    pub text: Scroll,
    /// The first row of the list as last drawn.
    first: Cell<usize>,
}

pub enum ExportOutcome {
    Stay,
    Copy(Row),
    Save(Row),
    SaveAll,
    Leave,
}

/// Columns of the status word, the length ("✗ 1020/1020") and the coach's count.
/// Wide enough for "drafting"; and, when a draft needs a look, for that.
const STATUS_W: usize = 9;

/// The status column's width: wider only while some draft needs a look.
fn status_w(ws: &Workspace) -> usize {
    let look = ws
        .drafts
        .iter()
        .any(|d| d.status == Status::Ready && needs_a_look(d, &problems_of(ws, d)));
    if look {
        crate::core::ready::NEEDS_A_LOOK.chars().count() + 1
    } else {
        STATUS_W
    }
}
const LENGTH_W: usize = 11;
const COACH_W: usize = 5;

impl ExportScreen {
    pub fn open(ws: &Workspace) -> Self {
        let mut rows = Vec::new();
        // A row per output of each story's draft, in Home's order (a story whose
        // leading flag is gone is still listed, by the flags it explains).
        for story in ws.told() {
            let Some(d) = ws.draft(&story.id) else {
                continue;
            };
            for venue in &d.venues {
                rows.push(Row {
                    flag: d.flag.clone(),
                    output: output_for(*venue),
                });
            }
        }
        Self {
            rows,
            ..Self::default()
        }
    }

    pub fn on_action(&mut self, action: Action) -> ExportOutcome {
        let row = || self.rows.get(self.selected).cloned();
        match (self.focus, action) {
            (_, Action::Back) => ExportOutcome::Leave,
            (_, Action::Copy | Action::Open) => {
                row().map_or(ExportOutcome::Stay, ExportOutcome::Copy)
            }
            (_, Action::Export) => row().map_or(ExportOutcome::Stay, ExportOutcome::Save),
            (_, Action::ExportAll) => ExportOutcome::SaveAll,
            (_, Action::NextFocus | Action::PrevFocus) => {
                self.focus = match self.focus {
                    ExportFocus::List => ExportFocus::Text,
                    ExportFocus::Text => ExportFocus::List,
                };
                ExportOutcome::Stay
            }
            (ExportFocus::Text, a) => {
                self.text.on_action(a);
                ExportOutcome::Stay
            }
            (ExportFocus::List, a) => {
                let before = self.selected;
                self.selected = super::step(self.selected, self.rows.len(), a);
                if before != self.selected {
                    self.text.reset();
                }
                ExportOutcome::Stay
            }
        }
    }

    pub fn render(&self, ws: &Workspace, theme: Theme, area: Rect, buf: &mut Buffer) {
        let [list, preview] = split(area);
        let border = |focused: bool| {
            if focused {
                theme.focused_border()
            } else {
                theme.border()
            }
        };
        let block = Block::bordered()
            .title(" Texts to export ")
            .border_style(border(self.focus == ExportFocus::List));
        let inner = block.inner(list);
        block.render(list, buf);
        if self.rows.is_empty() {
            let line = Line::from(
                "No drafts to export yet: choose where to address a flag on its screen (w).",
            );
            Paragraph::new(text::wrap(&line, usize::from(inner.width))).render(inner, buf);
        } else {
            let [head, rows] =
                Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
            header(theme, usize::from(head.width), status_w(ws)).render(head, buf);
            let items = self.items(ws, theme, usize::from(rows.width));
            pane::rows(
                &items,
                self.selected,
                &self.first,
                (theme.selected(), false),
                rows,
                buf,
            );
        }
        let Some(row) = self.rows.get(self.selected) else {
            Block::bordered()
                .title(" Text ")
                .border_style(theme.border())
                .render(preview, buf);
            return;
        };
        let room = usize::from(preview.width.saturating_sub(4));
        let (long, short) = titles(ws, row);
        let block = Block::bordered()
            .title(text::choose(room, &[&long, &short, " Text "]).to_string())
            .border_style(border(self.focus == ExportFocus::Text));
        let mut lines = Vec::new();
        if let Some(d) = ws.draft(&row.flag) {
            let problems = problems_of(ws, d);
            if needs_a_look(d, &problems) {
                lines.push(Line::styled(
                    format!("Needs a look: {}.", describe(&problems)),
                    theme.warning(),
                ));
            }
        }
        lines.extend([
            Line::styled(measure(ws, row), theme.dim()),
            Line::from(""),
            Line::from(text_of(ws, row)),
        ]);
        let focused = self.focus == ExportFocus::Text;
        let hint = if focused { "↑/↓" } else { "tab, then ↓" };
        pane::scrolled(block, &lines, &self.text, hint, theme, preview, buf);
    }

    /// Each row's lines: the story's name above its first output, then the output with
    /// its status, length and the coach's count in columns.
    fn items(&self, ws: &Workspace, theme: Theme, width: usize) -> Vec<Vec<Line<'static>>> {
        let mut items = Vec::new();
        let mut last_flag: Option<&str> = None;
        for row in &self.rows {
            let mut lines = Vec::new();
            if last_flag != Some(row.flag.as_str()) {
                let title = ws.story_name(&row.flag).unwrap_or_else(|| row.flag.clone());
                lines.extend(text::wrap(&Line::styled(title, theme.title()), width));
                last_flag = Some(row.flag.as_str());
            }
            lines.extend(row_lines(ws, row, width, status_w(ws), theme));
            items.push(lines);
        }
        items
    }

    /// The row of the list at screen row `row`, as last drawn, for mouse clicks.
    pub fn click(&mut self, row: u16, area: Rect, ws: &Workspace) -> bool {
        let [list, _] = split(area);
        let inner = Block::bordered().inner(list);
        if row <= inner.y || row >= inner.bottom() {
            return false;
        }
        let heights: Vec<usize> = self
            .items(ws, Theme::new(true), usize::from(inner.width))
            .iter()
            .map(Vec::len)
            .collect();
        match pane::item_at(&heights, self.first.get(), usize::from(row - inner.y - 1)) {
            Some(i) => {
                if i != self.selected {
                    self.text.reset();
                }
                self.selected = i;
                self.focus = ExportFocus::List;
                true
            }
            None => false,
        }
    }
}

/// The list above, the selected text below (at least six rows, two fifths of the screen).
fn split(area: Rect) -> [Rect; 2] {
    let text = (area.height * 2 / 5).max(6);
    Layout::vertical([Constraint::Fill(1), Constraint::Length(text)]).areas(area)
}

/// The names of the columns.
fn header(theme: Theme, width: usize, status_w: usize) -> Line<'static> {
    let right = format!(
        " {:<status_w$}{:>w$} {:<COACH_W$}",
        "Status",
        "Length",
        "Coach",
        w = LENGTH_W - 1
    );
    let room = width.saturating_sub(text::width(&right));
    Line::styled(format!("{:<room$}{right}", "  Text"), theme.dim())
}

/// What the output is called: on the list, and as the title of its text.
fn output_name(ws: &Workspace, row: &Row, short: bool) -> String {
    match row.output {
        Output::Eras => {
            let field = ws
                .draft(&row.flag)
                .zip(
                    ws.draft(&row.flag)
                        .and_then(|d| ws.templates.get(d.kind.family())),
                )
                .map(|(d, t)| eras_fit(d, t, &ws.fields).field);
            match field {
                Some(f) if short => format!("ERAS · {}", f.short_label()),
                Some(f) => format!("ERAS · {}", f.label),
                None => "ERAS".into(),
            }
        }
        Output::Statement => "Personal statement".into(),
        Output::Interview => "Interview answer".into(),
    }
}

fn titles(ws: &Workspace, row: &Row) -> (String, String) {
    (
        format!(" {} ", output_name(ws, row, false)),
        format!(" {} ", output_name(ws, row, true)),
    )
}

/// The length in words a person reads: characters against the field's limit for ERAS,
/// characters and words for the statement, words and speaking time for the interview.
fn measure(ws: &Workspace, row: &Row) -> String {
    let text = text_of(ws, row);
    let words = word_count(&text);
    match row.output {
        Output::Eras => {
            let fit = ws
                .draft(&row.flag)
                .zip(
                    ws.draft(&row.flag)
                        .and_then(|d| ws.templates.get(d.kind.family())),
                )
                .map(|(d, t)| eras_fit(d, t, &ws.fields));
            match fit {
                Some(fit) if fit.fits() => format!(
                    "For the ERAS field “{}”: {} of {} characters.",
                    fit.field.label, fit.chars, fit.field.limit
                ),
                Some(fit) => format!(
                    "{} Too long for the ERAS field “{}”: {} of {} characters.",
                    glyph::ERROR,
                    fit.field.label,
                    fit.chars,
                    fit.field.limit
                ),
                None => text::count(char_count(&text), "character", "characters"),
            }
        }
        Output::Statement => format!(
            "A paragraph of your personal statement: {}, {}.",
            text::count(char_count(&text), "character", "characters"),
            text::count(words, "word", "words")
        ),
        Output::Interview => {
            let (lo, hi) = spoken_seconds(words);
            format!(
                "What you would say at interview: {}, about {lo} to {hi} seconds aloud.",
                text::count(words, "word", "words")
            )
        }
    }
}

/// The exact text a row copies or saves.
pub fn text_of(ws: &Workspace, row: &Row) -> String {
    ws.draft(&row.flag)
        .and_then(|d| {
            ws.templates
                .get(d.kind.family())
                .map(|t| assemble(d, t, row.output))
        })
        .map(|t| clean(&t))
        .unwrap_or_default()
}

/// Errors the coach still reports in the row's draft.
pub fn errors_in(ws: &Workspace, row: &Row) -> usize {
    ws.draft(&row.flag)
        .map_or(0, |d| ws.report(d).count(Level::Error))
}

/// What keeps `draft` from being fit to send: the problems a yes to "anyway?" (or
/// `export --force`) overrides.
pub fn problems_of(ws: &Workspace, draft: &Draft) -> Vec<Problem> {
    ws.templates
        .get(draft.kind.family())
        .map(|t| problems(&ws.coach, draft, t, &ws.fields, &ws.report(draft)))
        .unwrap_or_default()
}

fn row_lines(
    ws: &Workspace,
    row: &Row,
    width: usize,
    status_w: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    let Some(d) = ws.draft(&row.flag) else {
        return vec![Line::from("")];
    };
    let text = text_of(ws, row);
    let (length, over) = match (row.output, ws.templates.get(d.kind.family())) {
        (Output::Eras, Some(t)) => {
            let fit = eras_fit(d, t, &ws.fields);
            let mark = if fit.fits() {
                String::new()
            } else {
                format!("{} ", glyph::ERROR)
            };
            (
                format!("{mark}{}/{}", fit.chars, fit.field.limit),
                !fit.fits(),
            )
        }
        _ => (char_count(&text).to_string(), false),
    };
    let errors = errors_in(ws, row);
    let coach = if errors > 0 {
        theme.marked(Level::Error, &errors.to_string())
    } else {
        Span::raw("")
    };
    let coach_pad = COACH_W.saturating_sub(coach.width());
    let problems = problems_of(ws, d);
    let status = status_label(d, &problems);
    let status_style = if needs_a_look(d, &problems) {
        theme.warning()
    } else if d.status == Status::Ready {
        theme.ok()
    } else {
        theme.dim()
    };
    pane::columns(
        vec![Span::raw("  ")],
        Line::from(output_name(ws, row, true)),
        vec![
            Span::raw(" "),
            Span::styled(format!("{status:<status_w$}"), status_style),
            Span::styled(
                format!("{length:>w$} ", w = LENGTH_W - 1),
                if over { theme.error() } else { theme.text() },
            ),
            coach,
            Span::raw(" ".repeat(coach_pad)),
        ],
        width,
    )
}
