//! Every draft's outputs in one list, with status, length and the coach's count: copy
//! one to the clipboard, write one to a file, or write every ready draft to one file.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use crate::core::assemble::{Output, assemble, char_count, eras_fit};
use crate::core::coach::rules::Level;
use crate::core::draft::Status;
use crate::core::export::{clean, output_for};
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
        let items: Vec<ListItem> = self
            .rows
            .iter()
            .map(|r| row_line(ws, r, width, theme))
            .collect();
        let mut state = ListState::default().with_selected(Some(self.selected));
        let block = Block::bordered()
            .title(" Export · c copy · e save to a file · E save every ready draft ")
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
        Paragraph::new(text)
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

fn row_line(ws: &Workspace, row: &Row, width: usize, theme: Theme) -> ListItem<'static> {
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
    let errors = errors_in(ws, row);
    let output = match row.output {
        Output::Eras => "ERAS",
        Output::Statement => "statement",
        Output::Interview => "interview",
    };
    let right = format!(
        " {output:<10}{:<9}{length:>10} {:>4} ",
        d.status.label(),
        if errors > 0 {
            format!("{errors}✗")
        } else {
            String::new()
        }
    );
    let room = width.saturating_sub(right.chars().count());
    let status_style = if d.status == Status::Ready {
        theme.ok()
    } else {
        theme.dim()
    };
    ListItem::new(Line::from(vec![
        Span::raw(format!("{:<room$}", super::home::fit(title, room))),
        Span::styled(right, status_style),
    ]))
}
