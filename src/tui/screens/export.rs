//! Every draft's outputs in one list, with status, length and the coach's count: copy
//! one to the clipboard, write one to a file, or write every ready draft to one file.
//! A ready draft that broke since shows as "ready, needs a look", with what is wrong.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use crate::core::assemble::{Output, assemble, char_count, eras_fit};
use crate::core::coach::rules::Level;
use crate::core::draft::{Draft, Status};
use crate::core::export::{clean, output_for};
use crate::core::ready::{Problem, counted, describe, needs_a_look, problems, status_label};
use crate::store::workspace::Workspace;
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;

/// One output of one draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub flag: String,
    pub output: Output,
}

#[derive(Debug, Default)]
pub struct ExportScreen {
    pub rows: Vec<Row>,
    pub selected: usize,
}

pub enum ExportOutcome {
    Stay,
    Copy(Row),
    Save(Row),
    SaveAll,
    Leave,
}

impl ExportScreen {
    pub fn open(ws: &Workspace) -> Self {
        let mut rows = Vec::new();
        for flag in &ws.flags {
            let Some(d) = ws.draft(&flag.id) else {
                continue;
            };
            for venue in &d.venues {
                rows.push(Row {
                    flag: d.flag.clone(),
                    output: output_for(*venue),
                });
            }
        }
        Self { rows, selected: 0 }
    }

    pub fn on_action(&mut self, action: Action) -> ExportOutcome {
        let row = || self.rows.get(self.selected).cloned();
        match action {
            Action::Back => ExportOutcome::Leave,
            Action::Copy | Action::Open => row().map_or(ExportOutcome::Stay, ExportOutcome::Copy),
            Action::Export => row().map_or(ExportOutcome::Stay, ExportOutcome::Save),
            Action::ExportAll => ExportOutcome::SaveAll,
            a => {
                self.selected = super::step(self.selected, self.rows.len(), a);
                ExportOutcome::Stay
            }
        }
    }

    pub fn render(&self, ws: &Workspace, theme: Theme, area: Rect, buf: &mut Buffer) {
        let [list, preview] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(8)]).areas(area);
        let width = usize::from(list.width.saturating_sub(2));
        let facts: Vec<Facts> = self.rows.iter().map(|r| Facts::of(ws, r)).collect();
        let status_width = facts
            .iter()
            .map(|f| f.status.chars().count())
            .max()
            .unwrap_or(0);
        let items: Vec<ListItem> = self
            .rows
            .iter()
            .zip(&facts)
            .map(|(r, f)| row_line(ws, r, f, width, status_width, theme))
            .collect();
        let mut state = ListState::default().with_selected(Some(self.selected));
        let title = super::draft::fit_title(
            &[
                "Export · c copy · e save to a file · E save every ready draft".into(),
                "Export · c copy · e save · E save all ready".into(),
                "Export · c e E".into(),
            ],
            width.saturating_sub(2),
        );
        let block = Block::bordered()
            .title(format!(" {title} "))
            .border_style(theme.focused_border());
        if items.is_empty() {
            Paragraph::new("No drafts to export yet.")
                .block(block)
                .render(list, buf);
        } else {
            StatefulWidget::render(
                List::new(items)
                    .block(block)
                    .highlight_style(theme.selected()),
                list,
                buf,
                &mut state,
            );
        }
        let text = self
            .rows
            .get(self.selected)
            .map(|r| text_of(ws, r))
            .unwrap_or_default();
        let mut lines = Vec::new();
        if let Some(f) = facts.get(self.selected)
            && f.look
        {
            lines.push(Line::styled(
                format!("Needs a look: {}.", describe(&f.problems)),
                theme.warning(),
            ));
        }
        lines.push(Line::from(text));
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(
                Block::bordered()
                    .title(" Text ")
                    .border_style(theme.border()),
            )
            .render(preview, buf);
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

/// A row's draft as the list shows it.
struct Facts {
    errors: usize,
    problems: Vec<Problem>,
    look: bool,
    status: &'static str,
}

impl Facts {
    fn of(ws: &Workspace, row: &Row) -> Self {
        let Some(d) = ws.draft(&row.flag) else {
            return Facts {
                errors: 0,
                problems: Vec::new(),
                look: false,
                status: "",
            };
        };
        let report = ws.report(d);
        let problems = ws
            .templates
            .get(d.kind.family())
            .map(|t| problems(&ws.coach, d, t, &ws.fields, &report))
            .unwrap_or_default();
        Facts {
            errors: report.count(Level::Error),
            look: needs_a_look(d, &problems),
            status: status_label(d, &problems),
            problems,
        }
    }
}

fn row_line(
    ws: &Workspace,
    row: &Row,
    facts: &Facts,
    width: usize,
    status_width: usize,
    theme: Theme,
) -> ListItem<'static> {
    let Some(d) = ws.draft(&row.flag) else {
        return ListItem::new("");
    };
    let title = ws
        .flag(&row.flag)
        .map_or(row.flag.as_str(), |f| f.title.as_str());
    let text = text_of(ws, row);
    let length = match (row.output, ws.templates.get(d.kind.family())) {
        (Output::Eras, Some(t)) => {
            let fit = eras_fit(d, t, &ws.fields);
            format!("{}/{}", fit.chars, fit.field.limit)
        }
        _ => format!("{} ch", char_count(&text)),
    };
    let errors = facts.errors;
    let output = match row.output {
        Output::Eras => "ERAS",
        Output::Statement => "statement",
        Output::Interview => "interview",
    };
    let right = format!(
        " {output:<10}{:<status_width$} {length:>10} {:>9} ",
        facts.status,
        if errors > 0 {
            counted(errors, "error")
        } else {
            String::new()
        }
    );
    let room = width.saturating_sub(right.chars().count());
    let status_style = if facts.look {
        theme.warning()
    } else if d.status == Status::Ready {
        theme.ok()
    } else {
        theme.dim()
    };
    ListItem::new(Line::from(vec![
        Span::raw(format!(
            "{:<room$}",
            super::draft::fit_title(&[title.to_string()], room)
        )),
        Span::styled(right, status_style),
    ]))
}
