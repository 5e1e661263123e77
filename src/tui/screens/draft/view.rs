//! Drawing the Draft screen: parts, question and editor, findings, preview.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use crate::core::assemble::{Output, assemble, eras_fit, interview, spoken_seconds, word_count};
use crate::core::coach::rules::Level;
use crate::core::draft::Draft;
use crate::core::template::Template;
use crate::store::workspace::Workspace;
use crate::tui::theme::Theme;

use super::{DraftScreen, Focus, Preview, template};

pub(super) fn wide(area: Rect) -> bool {
    area.width >= 100
}

pub(super) fn columns(area: Rect) -> [Rect; 3] {
    Layout::horizontal([
        Constraint::Length(26),
        Constraint::Fill(3),
        Constraint::Fill(2),
    ])
    .areas(area)
}

pub(super) fn preview(ws: &Workspace, draft: &Draft, t: &Template, output: Output) -> Preview {
    match output {
        Output::Eras => {
            let fit = eras_fit(draft, t, &ws.fields);
            Preview {
                title: format!("ERAS text · {}", fit.field.label),
                body: vec![(String::new(), assemble(draft, t, Output::Eras))],
                meter: format!("{} / {} characters", fit.chars, fit.field.limit),
                over: !fit.fits(),
            }
        }
        Output::Statement => {
            let text = assemble(draft, t, Output::Statement);
            Preview {
                title: "Personal statement paragraph".into(),
                meter: format!(
                    "{} characters · {} words",
                    text.chars().count(),
                    word_count(&text)
                ),
                body: vec![(String::new(), text)],
                over: false,
            }
        }
        Output::Interview => {
            let answer = interview(draft, t);
            let words = word_count(&answer.text());
            let (lo, hi) = spoken_seconds(words);
            Preview {
                title: "Interview answer, spoken".into(),
                body: vec![
                    ("The issue in brief".into(), answer.issue),
                    ("What I did".into(), answer.did),
                    ("What I learned and use now".into(), answer.learned),
                ],
                meter: format!("{words} words · about {lo}–{hi} s (aim for 60–90 s)"),
                over: hi > 90,
            }
        }
    }
}

impl DraftScreen {
    pub fn render(&self, ws: &Workspace, theme: Theme, area: Rect, buf: &mut Buffer) {
        let Some(draft) = self.draft(ws) else { return };
        let Some(t) = template(ws, draft) else { return };
        let [head, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        self.render_head(ws, draft, t, theme, head, buf);
        if wide(body) {
            let [steps, center, right] = columns(body);
            self.render_steps(draft, t, theme, steps, buf);
            self.render_center(t, theme, center, buf);
            self.render_preview(theme, right, buf);
        } else {
            let [center, right] =
                Layout::vertical([Constraint::Fill(3), Constraint::Fill(2)]).areas(body);
            self.render_center(t, theme, center, buf);
            self.render_preview(theme, right, buf);
        }
    }

    fn render_head(
        &self,
        ws: &Workspace,
        draft: &Draft,
        t: &Template,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let title = ws
            .flag(&draft.flag)
            .map_or(t.title.as_str(), |f| f.title.as_str());
        let mut spans = vec![
            Span::styled(title.to_string(), theme.title()),
            Span::raw("  "),
            Span::styled(draft.status.label(), theme.status(draft.status)),
        ];
        if !wide(area) {
            let label = t.parts.get(self.part).map_or("", |p| p.label.as_str());
            spans.push(Span::styled(
                format!("  ·  part {}/{}: {label}", self.part + 1, t.parts.len()),
                theme.dim(),
            ));
        }
        if draft.read_only {
            spans.push(Span::styled(
                "  (read only: from a newer flagdraft)",
                theme.warning(),
            ));
        }
        if draft.orphaned {
            spans.push(Span::styled("  (flag no longer found)", theme.warning()));
        }
        Line::from(spans).render(area, buf);
    }

    fn render_steps(
        &self,
        draft: &Draft,
        t: &Template,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let items: Vec<ListItem> = t
            .parts
            .iter()
            .map(|p| {
                let filled = !draft.part(&p.key).trim().is_empty();
                let (mark, style) = match (filled, p.required) {
                    (true, _) => ("✓ ", theme.ok()),
                    (false, true) => ("• ", theme.warning()),
                    (false, false) => ("○ ", theme.dim()),
                };
                ListItem::new(Line::from(vec![
                    Span::styled(mark, style),
                    Span::raw(p.label.clone()),
                ]))
            })
            .collect();
        let mut state = ListState::default().with_selected(Some(self.part));
        StatefulWidget::render(
            List::new(items)
                .block(focus_block(" Parts ", self.focus == Focus::Steps, theme))
                .highlight_style(theme.selected()),
            area,
            buf,
            &mut state,
        );
    }

    fn render_center(&self, t: &Template, theme: Theme, area: Rect, buf: &mut Buffer) {
        let Some(part) = t.parts.get(self.part) else {
            return;
        };
        let mut lines: Vec<Line> = part
            .questions
            .iter()
            .map(|q| Line::styled(q.clone(), theme.title()))
            .collect();
        lines.push(Line::styled(part.guidance.clone(), theme.dim()));
        if self.show_example {
            for e in &part.examples {
                lines.push(Line::from(vec![
                    Span::styled("Example, not to copy: ", theme.accent()),
                    Span::styled(e.clone(), theme.text().add_modifier(Modifier::ITALIC)),
                ]));
            }
        }
        let width = area.width.max(1);
        let wanted: u16 = lines.iter().map(|l| wrapped_rows(l, width)).sum();
        // The editor keeps at least half the column; long guidance is cut, not the editor.
        let cap = if area.height < 16 { 2 } else { area.height / 2 };
        let guide_rows = wanted.min(cap);
        let coach_rows = if area.height >= 16 { 6 } else { 3 };
        let [guide, editor, coach] = Layout::vertical([
            Constraint::Length(guide_rows),
            Constraint::Fill(1),
            Constraint::Length(coach_rows),
        ])
        .areas(area);
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(guide, buf);
        (&self.editor).render(editor, buf);
        self.render_coach(&part.key, theme, coach, buf);
    }

    /// The coach's findings for this part and the whole draft, and the three questions.
    fn render_coach(&self, key: &str, theme: Theme, area: Rect, buf: &mut Buffer) {
        let a = &self.report.answers;
        let tick = |ok: bool| if ok { "✓" } else { "✗" };
        let title = format!(
            " Coach · pattern {} learned {} ready {} ",
            tick(a.not_a_pattern),
            tick(a.learned),
            tick(a.ready_now)
        );
        let current = self.finding.and_then(|i| self.report.findings.get(i));
        let mut lines = Vec::new();
        for f in self
            .report
            .findings
            .iter()
            .filter(|f| f.part.as_deref() == Some(key) || f.part.is_none())
        {
            let (mark, style) = match (f.dismissed.is_some(), f.level) {
                (true, _) => ("– ", theme.dim()),
                (false, Level::Error) => ("✗ ", theme.error()),
                (false, Level::Warning) => ("! ", theme.warning()),
                (false, Level::Info) => ("· ", theme.dim()),
            };
            let mut spans = vec![Span::styled(mark, style)];
            if f.has_span() {
                spans.push(Span::styled(format!("“{}” ", f.excerpt), style));
            }
            spans.push(Span::raw(f.message.clone()));
            if let Some(reason) = &f.dismissed {
                spans.push(Span::styled(format!(" (set aside: {reason})"), theme.dim()));
            } else if current == Some(f) {
                spans.push(Span::styled(format!(" {}", f.hint), theme.dim()));
            }
            lines.push(Line::from(spans));
        }
        if lines.is_empty() {
            let open = a.missing();
            let text = open.first().map_or("Nothing to flag in this part.", |m| *m);
            lines.push(Line::styled(
                text,
                if open.is_empty() {
                    theme.ok()
                } else {
                    theme.dim()
                },
            ));
        }
        let errors = self.report.count(Level::Error);
        let bottom = format!(" {errors} to fix in the draft · n / ctrl-g next · i set aside ");
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(
                Block::bordered()
                    .title(title)
                    .title_bottom(bottom)
                    .border_style(theme.border()),
            )
            .render(area, buf);
    }

    fn render_preview(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        let p = &self.preview;
        // Only what can show is laid out: wrapping a long draft in full on every frame
        // would cost as much as the editor itself.
        let rows = usize::from(area.height) + usize::from(self.preview_scroll);
        let budget = rows
            .saturating_mul(usize::from(area.width))
            .saturating_mul(2)
            .max(64);
        let mut lines = Vec::new();
        for (label, text) in &p.body {
            if !label.is_empty() {
                lines.push(Line::styled(label.clone(), theme.accent()));
            }
            let shown = match text.char_indices().nth(budget) {
                _ if text.is_empty() => "(nothing yet)".to_string(),
                Some((cut, _)) => format!("{}…", &text[..cut]),
                None => text.clone(),
            };
            lines.push(Line::from(shown));
        }
        let meter_style = if p.over { theme.error() } else { theme.ok() };
        let block = focus_block(
            &format!(" {} ", p.title),
            self.focus == Focus::Preview,
            theme,
        )
        .title_bottom(Line::styled(format!(" {} ", p.meter), meter_style));
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .scroll((self.preview_scroll, 0))
            .block(block)
            .render(area, buf);
    }
}

pub(super) fn focus_block(title: &str, focused: bool, theme: Theme) -> Block<'static> {
    let style = if focused {
        theme.focused_border()
    } else {
        theme.border()
    };
    Block::bordered()
        .title(title.to_string())
        .border_style(style)
}

/// Rows `line` takes when wrapped at `width` (an estimate by characters).
fn wrapped_rows(line: &Line, width: u16) -> u16 {
    let chars: usize = line.spans.iter().map(|s| s.content.chars().count()).sum();
    u16::try_from(chars.div_ceil(usize::from(width)).max(1)).unwrap_or(u16::MAX)
}
