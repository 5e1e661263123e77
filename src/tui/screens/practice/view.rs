//! Drawing the practice pane: the question list with each question's trend, the
//! reading clock with its 60-90 s band, and the recall verdict beside the draft.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use crate::core::assemble::InterviewAnswer;
use crate::core::practice::Mode;
use crate::store::workspace::Workspace;
use crate::tui::theme::Theme;

use super::PracticeScreen;

/// A score 0-3 as a bar character.
fn bar(score: u64) -> char {
    ['▁', '▃', '▅', '█'][usize::try_from(score.min(3)).unwrap_or(0)]
}

impl PracticeScreen {
    pub fn render(
        &self,
        ws: &Workspace,
        clock_ms: u64,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let [list, main] = if area.width >= 90 {
            Layout::horizontal([Constraint::Length(44), Constraint::Fill(1)]).areas(area)
        } else {
            Layout::vertical([Constraint::Length(7), Constraint::Fill(1)]).areas(area)
        };
        self.render_list(ws, theme, list, buf);
        let mode = match self.mode {
            Mode::ReadAloud => " Read aloud · space starts and stops the clock · m: recall ",
            Mode::Recall => " Recall · the draft is hidden · Enter to answer · m: read aloud ",
        };
        let block = Block::bordered()
            .title(mode)
            .border_style(theme.focused_border());
        let inner = block.inner(main);
        block.render(main, buf);
        let Some(item) = self.items.get(self.selected) else {
            Paragraph::new("No questions: the question bank is empty.").render(inner, buf);
            return;
        };
        let [question, body] =
            Layout::vertical([Constraint::Length(4), Constraint::Fill(1)]).areas(inner);
        let about = item
            .flag
            .as_deref()
            .and_then(|id| ws.flag(id))
            .map_or(String::new(), |f| {
                format!("Answered from your draft for: {}", f.title)
            });
        Paragraph::new(vec![
            Line::styled(item.question.text.clone(), theme.title()),
            Line::styled(about, theme.dim()),
        ])
        .wrap(Wrap { trim: true })
        .render(question, buf);
        match self.mode {
            Mode::ReadAloud => self.render_reading(ws, clock_ms, theme, body, buf),
            Mode::Recall => self.render_recall(ws, theme, body, buf),
        }
    }

    fn render_list(&self, ws: &Workspace, theme: Theme, area: Rect, buf: &mut Buffer) {
        let width = usize::from(area.width.saturating_sub(12));
        let items: Vec<ListItem> = self
            .items
            .iter()
            .map(|item| {
                let trend = ws.history.trend(&item.question.id);
                let spark: String = trend
                    .points
                    .iter()
                    .rev()
                    .take(6)
                    .rev()
                    .map(|p| bar(*p))
                    .collect();
                let text = super::super::home::fit(&item.question.text, width);
                ListItem::new(Line::from(vec![
                    Span::raw(format!("{text:<width$} ")),
                    Span::styled(format!("{spark:<6}"), theme.ok()),
                ]))
            })
            .collect();
        let mut state = ListState::default().with_selected(Some(self.selected));
        StatefulWidget::render(
            List::new(items)
                .block(
                    Block::bordered()
                        .title(" Questions · s shuffles ")
                        .border_style(theme.border()),
                )
                .highlight_style(theme.selected()),
            area,
            buf,
            &mut state,
        );
    }

    fn render_reading(
        &self,
        ws: &Workspace,
        clock_ms: u64,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let [text, clock] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(4)]).areas(area);
        let general = self
            .items
            .get(self.selected)
            .is_some_and(|i| i.question.general);
        let lines = match self.answer(ws) {
            Some(a) => answer_lines(&a, theme),
            None if general => vec![Line::styled(
                "About you and Med-Peds, not a flag: no draft answers it. Rehearse it from your own notes.",
                theme.dim(),
            )],
            None => vec![Line::styled(
                "No draft answers this yet. Write one, then rehearse it.",
                theme.dim(),
            )],
        };
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(text, buf);
        let seconds = match (self.started, self.last_seconds) {
            (Some(start), _) => clock_ms.saturating_sub(start) / 1000,
            (None, Some(s)) => u64::from(s),
            (None, None) => 0,
        };
        self.render_clock(ws, seconds, theme, clock, buf);
    }

    fn render_clock(
        &self,
        ws: &Workspace,
        seconds: u64,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let width = usize::from(area.width.max(10));
        let at = |s: u64| {
            usize::try_from(s)
                .unwrap_or(usize::MAX)
                .saturating_mul(width)
                / 120
        };
        let mut gauge: Vec<char> = (0..width)
            .map(|i| {
                if (at(60)..at(90)).contains(&i) {
                    '═'
                } else {
                    '─'
                }
            })
            .collect();
        if let Some(c) = gauge.get_mut(at(seconds).min(width - 1)) {
            *c = '●';
        }
        let state = if self.timing() {
            "speaking"
        } else if self.last_seconds.is_some() {
            "stopped"
        } else {
            "ready"
        };
        let style = match seconds {
            60..=90 => theme.ok(),
            91.. => theme.error(),
            _ => theme.text(),
        };
        let trend = self
            .items
            .get(self.selected)
            .map(|i| ws.history.trend(&i.question.id))
            .unwrap_or_default();
        let record = match (trend.best, trend.last) {
            (Some(b), Some(l)) => {
                format!("best {b}/3 · last {l}/3 · {} attempts", trend.points.len())
            }
            _ => "no attempts yet".into(),
        };
        let lines = vec![
            Line::from(vec![
                Span::styled(format!("{}:{:02}", seconds / 60, seconds % 60), style),
                Span::styled(
                    format!("  {state} · aim for 60–90 s · {record}"),
                    theme.dim(),
                ),
            ]),
            Line::styled(gauge.into_iter().collect::<String>(), style),
            Line::styled(scale(width, at), theme.dim()),
        ];
        Paragraph::new(lines).render(area, buf);
    }

    fn render_recall(&self, ws: &Workspace, theme: Theme, area: Rect, buf: &mut Buffer) {
        let Some(r) = &self.recall else {
            let style = if self.typing {
                theme.focused_border()
            } else {
                theme.border()
            };
            let mut input = self.input.clone();
            input.set_block(
                Block::bordered()
                    .title(" What you would say (Enter to start typing) ")
                    .border_style(style),
            );
            if !self.typing {
                input.set_cursor_style(ratatui::style::Style::new());
            }
            input.render(area, buf);
            return;
        };
        let [sides, verdict] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(7)]).areas(area);
        let [said, draft] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(sides);
        Paragraph::new(r.said.clone())
            .wrap(Wrap { trim: true })
            .block(
                Block::bordered()
                    .title(" You said ")
                    .border_style(theme.border()),
            )
            .render(said, buf);
        let lines = self
            .answer(ws)
            .map(|a| answer_lines(&a, theme))
            .unwrap_or_default();
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(
                Block::bordered()
                    .title(" Your draft ")
                    .border_style(theme.border()),
            )
            .render(draft, buf);
        let tick = |ok: bool| {
            if ok {
                ("✓", theme.ok())
            } else {
                ("✗", theme.error())
            }
        };
        let mut spans = Vec::new();
        for (label, ok) in [
            ("the issue", r.coverage.issue),
            ("what you did", r.coverage.did),
            ("what you learned", r.coverage.learned),
        ] {
            let (mark, style) = tick(ok);
            spans.push(Span::styled(format!("{mark} {label}   "), style));
        }
        let mut out = vec![
            Line::from(spans),
            Line::from(format!(
                "{} words · about {}–{} s spoken at 130–160 words a minute",
                r.words, r.seconds.0, r.seconds.1
            )),
        ];
        for f in r.findings.iter().take(4) {
            out.push(Line::from(vec![
                Span::styled(format!("! “{}” ", f.excerpt), theme.warning()),
                Span::raw(f.message.clone()),
            ]));
        }
        if r.findings.is_empty() {
            out.push(Line::styled(
                "The coach found no fillers, blame or emotional words.",
                theme.ok(),
            ));
        }
        Paragraph::new(out)
            .wrap(Wrap { trim: true })
            .render(verdict, buf);
    }
}

/// "0 s", "60", "90" and "120 s" under their places on the gauge.
fn scale(width: usize, at: impl Fn(u64) -> usize) -> String {
    let mut line = vec![' '; width];
    let mut put = |pos: usize, text: &str| {
        let start = pos.min(width.saturating_sub(text.chars().count()));
        for (i, c) in text.chars().enumerate() {
            if let Some(slot) = line.get_mut(start + i) {
                *slot = c;
            }
        }
    };
    put(0, "0 s");
    put(at(60), "60");
    put(at(90), "90 s");
    put(width, "120 s");
    line.into_iter().collect()
}

fn answer_lines(a: &InterviewAnswer, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (label, text) in [
        ("The issue in brief", &a.issue),
        ("What I did", &a.did),
        ("What I learned and use now", &a.learned),
    ] {
        lines.push(Line::styled(label, theme.accent()));
        let shown = if text.is_empty() {
            "(not written yet)".to_string()
        } else {
            text.clone()
        };
        lines.push(Line::from(shown));
    }
    lines
}
