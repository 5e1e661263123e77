//! Drawing the Draft screen: parts, question and editor, findings, preview. Every word
//! can be reached: long lines wrap at spaces, the guidance and the coach's findings
//! scroll, and titles take a shorter wording rather than being cut.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use crate::core::assemble::{
    Fit, Output, assemble, eras_fit, interview, spoken_seconds, word_count,
};
use crate::core::coach::Finding;
use crate::core::coach::rules::Level;
use crate::core::draft::{Draft, Wording};
use crate::core::ready::{counted, status_label};
use crate::core::template::{Part, Template};
use crate::store::workspace::Workspace;
use crate::tui::theme::Theme;

use super::wrap::{fit, wrap, wrap_text};
use super::{DraftScreen, Focus, Preview, template};

/// The coach's marks, told apart by shape as well as colour (so they differ without
/// colour too): an error, a warning, a suggestion, a finding set aside.
pub const ERROR_GLYPH: &str = "✗";
pub const WARNING_GLYPH: &str = "!";
pub const INFO_GLYPH: &str = "·";
pub const SET_ASIDE_GLYPH: &str = "–";

/// The mark and style of a finding.
pub fn mark(f: &Finding, theme: Theme) -> (&'static str, Style) {
    match (f.dismissed.is_some(), f.level) {
        (true, _) => (SET_ASIDE_GLYPH, theme.dim()),
        (false, Level::Error) => (ERROR_GLYPH, theme.error()),
        (false, Level::Warning) => (WARNING_GLYPH, theme.warning()),
        (false, Level::Info) => (INFO_GLYPH, theme.dim()),
    }
}

/// The style a finding's words are underlined in, in the editor.
pub fn underline_style(level: Level, theme: Theme) -> Style {
    let base = match level {
        Level::Error => theme.error(),
        Level::Warning => theme.warning(),
        Level::Info => theme.dim(),
    };
    base.add_modifier(Modifier::UNDERLINED)
}

/// Where the panes go: the parts list beside the writing from 80 columns on, the
/// preview beside it from 100.
#[derive(Clone, Copy, Debug)]
pub(super) struct Areas {
    pub head: Rect,
    pub steps: Option<Rect>,
    pub center: Rect,
    pub preview: Rect,
}

pub(super) fn areas(area: Rect, head_rows: u16) -> Areas {
    let [head, body] =
        Layout::vertical([Constraint::Length(head_rows), Constraint::Fill(1)]).areas(area);
    if body.width >= 100 {
        let [steps, center, preview] = Layout::horizontal([
            Constraint::Length(26),
            Constraint::Fill(3),
            Constraint::Fill(2),
        ])
        .areas(body);
        return Areas {
            head,
            steps: Some(steps),
            center,
            preview,
        };
    }
    let (steps, rest) = if body.width >= 80 {
        let [steps, rest] =
            Layout::horizontal([Constraint::Length(22), Constraint::Fill(1)]).areas(body);
        (Some(steps), rest)
    } else {
        (None, body)
    };
    let preview_rows = (rest.height / 3).max(5);
    let [center, preview] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(preview_rows)]).areas(rest);
    Areas {
        head,
        steps,
        center,
        preview,
    }
}

pub(super) fn preview(ws: &Workspace, draft: &Draft, t: &Template, output: Output) -> Preview {
    match output {
        Output::Eras => {
            let fit = eras_fit(draft, t, &ws.fields);
            let (chars, limit) = (fit.chars, fit.field.limit);
            // Over the limit, the meter says by how much and which part is longest,
            // so the applicant knows where to cut.
            let longest = fit.longest().map(|(key, n)| {
                let label = t
                    .parts
                    .iter()
                    .find(|p| &p.key == key)
                    .map_or(key.as_str(), |p| p.label.as_str());
                (label.to_string(), *n)
            });
            let meter = match longest {
                Some((label, n)) if !fit.fits() => vec![
                    format!(
                        "{chars} of {limit} characters · {} over · longest part: {label}, {n}",
                        fit.over()
                    ),
                    format!(
                        "{chars} of {limit} · {} over · longest: {label}",
                        fit.over()
                    ),
                    format!("{chars}/{limit} · {} over", fit.over()),
                    format!("{chars} / {limit}"),
                ],
                _ => vec![
                    format!("{chars} of {limit} characters"),
                    format!("{chars} / {limit}"),
                ],
            };
            let mut body = Vec::new();
            if !fit.fits() {
                body.push((String::new(), trimming(ws, draft, t, &fit)));
            }
            body.push((String::new(), assemble(draft, t, Output::Eras)));
            Preview {
                title: titled(
                    draft,
                    Output::Eras,
                    vec![
                        format!("ERAS text · {}", fit.field.label),
                        format!("ERAS · {}", fit.field.label),
                        "ERAS text".into(),
                    ],
                ),
                body,
                meter,
                over: !fit.fits(),
            }
        }
        Output::Statement => {
            let text = assemble(draft, t, Output::Statement);
            let (chars, words) = (text.chars().count(), word_count(&text));
            Preview {
                title: titled(
                    draft,
                    Output::Statement,
                    vec![
                        "Personal statement paragraph".into(),
                        "Statement paragraph".into(),
                        "Statement".into(),
                    ],
                ),
                meter: vec![
                    format!("{chars} characters · {words} words"),
                    format!("{words} words"),
                ],
                body: vec![(String::new(), text)],
                over: false,
            }
        }
        Output::Interview => {
            let answer = interview(draft, t);
            let words = word_count(&answer.text());
            let (lo, hi) = spoken_seconds(words);
            Preview {
                title: titled(
                    draft,
                    Output::Interview,
                    vec![
                        "Interview answer, spoken".into(),
                        "Interview answer".into(),
                        "Interview".into(),
                    ],
                ),
                body: vec![
                    ("The issue in brief".into(), answer.issue),
                    ("What I did".into(), answer.did),
                    ("What I learned and use now".into(), answer.learned),
                ],
                meter: vec![
                    format!("{words} words · about {lo}–{hi} s (aim for 60–90 s)"),
                    format!("{words} words · about {lo}–{hi} s"),
                    format!("{lo}–{hi} s"),
                ],
                over: hi > 90,
            }
        }
    }
}

/// The preview's titles, each first with a note of whether the output has words of
/// its own: "ERAS text · own words in 2 parts" (the shorter titles go without).
fn titled(draft: &Draft, output: Output, titles: Vec<String>) -> Vec<String> {
    let own = draft
        .wordings
        .get(&output)
        .map_or(0, std::collections::BTreeMap::len);
    if own == 0 {
        return titles;
    }
    let long = match own {
        1 => " · own words in 1 part".to_string(),
        n => format!(" · own words in {n} parts"),
    };
    let short = format!(" · ✎ {own}");
    // Longest first: each title with the note in words, then with its mark, then bare.
    let mut out = Vec::with_capacity(titles.len() * 3);
    for note in [long.as_str(), short.as_str(), ""] {
        out.extend(titles.iter().map(|t| format!("{t}{note}")));
    }
    out
}

/// How to bring an ERAS text over its limit back within it: by how much, each part's
/// share, and the parts the coach finds least needed there. The words are never cut
/// for the applicant.
fn trimming(ws: &Workspace, draft: &Draft, t: &Template, fit: &Fit) -> String {
    let label = |key: &str| {
        t.parts
            .iter()
            .find(|p| p.key == key)
            .map_or(key.to_string(), |p| p.label.clone())
    };
    let shares: Vec<String> = fit
        .shares
        .iter()
        .map(|(k, n)| format!("{} {n}", label(k)))
        .collect();
    let mut out = format!(
        "Over by {} characters. Each part's share: {}.",
        fit.over(),
        shares.join(" · ")
    );
    let least = ws.coach.least_needed(draft, t, Output::Eras);
    if !least.is_empty() {
        let named: Vec<String> = least
            .iter()
            .take(2)
            .map(|(k, n)| format!("{} ({n})", label(k)))
            .collect();
        out.push_str(&format!(
            " Least needed here: {}. v words a part for the ERAS text only; L leaves it out.",
            named.join(", ")
        ));
    }
    out
}

/// Rows of the findings pane and the most rows the guidance may take, in a writing
/// column `height` rows high.
fn center_rows(focus: Focus, height: u16) -> (u16, u16) {
    const EDITOR_MIN: u16 = 3;
    let coach = match (focus, height >= 16) {
        (Focus::Coach, _) => (height / 2).max(if height >= 16 { 6 } else { 4 }),
        (_, true) => (height / 3).max(6),
        (_, false) => 4,
    };
    let coach = coach.min(height.saturating_sub(EDITOR_MIN + 1));
    let guide = match focus {
        Focus::Guide => height.saturating_sub(coach + EDITOR_MIN),
        _ if height < 16 => 3,
        _ => height / 3,
    };
    (coach, guide.min(height.saturating_sub(coach + EDITOR_MIN)))
}

impl DraftScreen {
    /// Rows the heading takes at `area`'s width: the title, and the part on narrow
    /// screens, wrapped.
    pub(super) fn head_rows(&self, ws: &Workspace, area: Rect) -> u16 {
        let Some(draft) = self.draft(ws) else {
            return 1;
        };
        let Some(t) = template(ws, draft) else {
            return 1;
        };
        let n = self
            .head_lines(ws, draft, t, Theme::new(true), area.width)
            .len();
        u16::try_from(n.clamp(1, 3)).unwrap_or(1)
    }

    pub fn render(&self, ws: &Workspace, theme: Theme, area: Rect, buf: &mut Buffer) {
        let Some(draft) = self.draft(ws) else { return };
        let Some(t) = template(ws, draft) else { return };
        let a = areas(area, self.head_rows(ws, area));
        Paragraph::new(self.head_lines(ws, draft, t, theme, area.width)).render(a.head, buf);
        if let Some(steps) = a.steps {
            self.render_steps(ws, draft, t, theme, steps, buf);
        }
        self.render_center(t, theme, a.center, buf);
        self.render_preview(theme, a.preview, buf);
    }

    fn head_lines(
        &self,
        ws: &Workspace,
        draft: &Draft,
        t: &Template,
        theme: Theme,
        cols: u16,
    ) -> Vec<Line<'static>> {
        // A story is named as Home lists it; a draft of one flag by the flag's title.
        let title = ws
            .story_name(&draft.flag)
            .unwrap_or_else(|| t.title.clone());
        let status = status_label(draft, &self.problems);
        let status_style = if self.problems.is_empty() {
            theme.status(draft.status)
        } else {
            theme.status(draft.status).patch(theme.warning())
        };
        let mut spans = vec![
            Span::styled(title.to_string(), theme.title()),
            Span::styled(" · ", theme.dim()),
            Span::styled(status.to_string(), status_style),
        ];
        if cols < 80 {
            let label = t.parts.get(self.part).map_or("", |p| p.label.as_str());
            let part = format!("part {} of {}: {label}", self.part + 1, t.parts.len());
            let line: usize = spans.iter().map(|s| s.width()).sum();
            // On a line of its own when both do not fit on one.
            let lead = if line + 5 + super::wrap::width(&part) > usize::from(cols) {
                "\n"
            } else {
                "  ·  "
            };
            // The parts list is not shown: the heading names the part, and marks it
            // while the parts are what the arrows move through.
            let style = if self.focus == Focus::Steps {
                theme.accent()
            } else {
                theme.dim()
            };
            spans.push(Span::styled(format!("{lead}{part}"), style));
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
        wrap(&spans, usize::from(cols), 2)
    }

    /// Each part as the list shows it: its mark and its name, wrapped.
    fn step_items(
        &self,
        ws: &Workspace,
        draft: &Draft,
        t: &Template,
        theme: Theme,
        cols: u16,
    ) -> Vec<Vec<Line<'static>>> {
        t.parts
            .iter()
            .map(|p| {
                let answered = ws.coach.answered(draft.part(&p.key));
                let (mark, style) = match (answered, p.required) {
                    (true, _) => ("✓ ", theme.ok()),
                    (false, true) => ("• ", theme.warning()),
                    (false, false) => ("○ ", theme.dim()),
                };
                // The previewed output's own wording of the part, or the part left
                // out of it, marked after the label.
                let own = match draft.wording(self.output, &p.key) {
                    Some(Wording::Text(_)) => Span::styled(" ✎", theme.accent()),
                    Some(Wording::Left) => Span::styled(" –", theme.dim()),
                    None => Span::raw(""),
                };
                let spans = [Span::styled(mark, style), Span::raw(p.label.clone()), own];
                wrap(&spans, usize::from(cols), 2)
            })
            .collect()
    }

    /// The first part shown when the list cannot show them all, as the list scrolls
    /// to keep the current part in sight.
    fn first_step(heights: &[usize], selected: usize, rows: usize) -> usize {
        let mut first = 0;
        while first < selected
            && heights
                .get(first..=selected)
                .is_some_and(|h| h.iter().sum::<usize>() > rows)
        {
            first += 1;
        }
        first
    }

    /// The part drawn at `row` of the parts list's inner area, if any.
    pub(super) fn step_at(&self, ws: &Workspace, inner: Rect, row: u16) -> Option<usize> {
        let draft = self.draft(ws)?;
        let t = template(ws, draft)?;
        let heights: Vec<usize> = self
            .step_items(ws, draft, t, Theme::new(true), inner.width)
            .iter()
            .map(Vec::len)
            .collect();
        let first = Self::first_step(&heights, self.part, usize::from(inner.height));
        let mut y = usize::from(row.checked_sub(inner.y)?);
        for (i, h) in heights.iter().enumerate().skip(first) {
            if y < *h {
                return Some(i);
            }
            y -= h;
        }
        None
    }

    fn render_steps(
        &self,
        ws: &Workspace,
        draft: &Draft,
        t: &Template,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let block = focus_block(" Parts ", self.focus == Focus::Steps, theme);
        let inner = block.inner(area);
        let items: Vec<ListItem> = self
            .step_items(ws, draft, t, theme, inner.width)
            .into_iter()
            .map(ListItem::new)
            .collect();
        let mut state = ListState::default().with_selected(Some(self.part));
        StatefulWidget::render(
            List::new(items)
                .block(block)
                .highlight_style(theme.selected()),
            area,
            buf,
            &mut state,
        );
    }

    /// The question, guidance and (when shown) examples, wrapped to `cols`.
    fn guide_lines(&self, part: &Part, theme: Theme, cols: u16) -> Vec<Line<'static>> {
        let cols = usize::from(cols);
        let mut lines = Vec::new();
        for q in &part.questions {
            lines.extend(wrap_text(q, theme.title(), cols, 0));
        }
        lines.extend(wrap_text(&part.guidance, theme.dim(), cols, 0));
        if self.show_example {
            for e in &part.examples {
                let spans = [
                    Span::styled("Example, not to copy: ", theme.accent()),
                    Span::styled(e.clone(), theme.text().add_modifier(Modifier::ITALIC)),
                ];
                lines.extend(wrap(&spans, cols, 2));
            }
        }
        lines
    }

    /// Rows of guidance that can scroll past: all of it but what shows at once.
    pub(super) fn guide_overflow(&self, ws: &Workspace, area: Rect) -> u16 {
        let Some(draft) = self.draft(ws) else {
            return 0;
        };
        let Some(t) = template(ws, draft) else {
            return 0;
        };
        let Some(part) = t.parts.get(self.part) else {
            return 0;
        };
        let center = areas(area, self.head_rows(ws, area)).center;
        let total = self.guide_lines(part, Theme::new(true), center.width).len();
        let (_, cap) = center_rows(self.focus, center.height);
        // One row of the guidance area tells how to scroll.
        let shown = usize::from(cap.saturating_sub(1)).max(1);
        u16::try_from(total.saturating_sub(shown)).unwrap_or(u16::MAX)
    }

    fn render_center(&self, t: &Template, theme: Theme, area: Rect, buf: &mut Buffer) {
        let Some(part) = t.parts.get(self.part) else {
            return;
        };
        let lines = self.guide_lines(part, theme, area.width);
        let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        let (coach_rows, cap) = center_rows(self.focus, area.height);
        let focused = self.focus == Focus::Guide;
        // Everything fits and the pane is not being read: no line about scrolling.
        let guide_rows = if total <= cap && !focused {
            total
        } else {
            cap.min(total.saturating_add(1))
        };
        let [guide, editor, coach] = Layout::vertical([
            Constraint::Length(guide_rows),
            Constraint::Fill(1),
            Constraint::Length(coach_rows),
        ])
        .areas(area);
        self.render_guide(lines, theme, guide, buf);
        let writing = self.focus == Focus::Editor;
        let title = editor_title(part, writing, self.voice, editor.width);
        let block = focus_block(&title, writing, theme);
        let inner = block.inner(editor);
        block.render(editor, buf);
        (&self.editor).render(inner, buf);
        self.render_coach(&part.key, theme, coach, buf);
    }

    fn render_guide(&self, lines: Vec<Line<'static>>, theme: Theme, area: Rect, buf: &mut Buffer) {
        if area.height == 0 {
            return;
        }
        let total = lines.len();
        let focused = self.focus == Focus::Guide;
        if total <= usize::from(area.height) && !focused {
            Paragraph::new(lines).render(area, buf);
            return;
        }
        let shown = usize::from(area.height - 1).max(if focused { 0 } else { 1 });
        let max_scroll = total.saturating_sub(shown);
        let first = usize::from(self.guide_scroll).min(max_scroll);
        let visible: Vec<Line> = lines.into_iter().skip(first).take(shown).collect();
        let [text, note] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        Paragraph::new(visible).render(text, buf);
        let last = (first + shown).min(total);
        let below = total - last;
        let cols = usize::from(area.width);
        let (words, style) = if focused {
            (
                fit(
                    &[
                        format!(
                            "↑/↓ scroll the guidance: lines {}–{last} of {total} · Esc back",
                            first + 1
                        ),
                        format!("↑/↓ lines {}–{last} of {total}", first + 1),
                        format!("{}–{last}/{total}", first + 1),
                    ],
                    cols,
                ),
                theme.accent(),
            )
        } else {
            (
                fit(
                    &[
                        format!("↓ {below} more lines of guidance: Tab to them, then ↓"),
                        format!("↓ {below} more lines: Tab, then ↓"),
                        format!("↓ {below} more"),
                    ],
                    cols,
                ),
                theme.dim(),
            )
        };
        Line::styled(words, style).render(note, buf);
    }

    /// Indices (into the report) of the findings shown with part `key`: its own, then
    /// those about the whole draft.
    pub(super) fn shown_findings(&self, key: &str) -> Vec<usize> {
        (0..self.report.findings.len())
            .filter(|i| {
                let f = &self.report.findings[*i];
                // A finding in a part's words belongs with the words the editor holds
                // (the shared ones, or the output's own being worded); one about the
                // part as the previewed output has it (left out, say) shows either way.
                let here = f.part.as_deref() == Some(key)
                    && (f.output == self.voice || (!f.has_span() && f.output == Some(self.output)));
                f.part.is_none() || here
            })
            .collect()
    }

    /// The coach's findings for this part and the whole draft, as a list that scrolls
    /// to the chosen one, under the three questions.
    fn render_coach(&self, key: &str, theme: Theme, area: Rect, buf: &mut Buffer) {
        let a = &self.report.answers;
        let tick = |ok: bool| if ok { "✓" } else { "✗" };
        let focused = self.focus == Focus::Coach;
        let cols = usize::from(area.width.saturating_sub(2));
        let shown = self.shown_findings(key);
        let inner = cols.max(1);
        let mut items: Vec<Vec<Line<'static>>> = Vec::new();
        for i in &shown {
            let f = &self.report.findings[*i];
            let (glyph, style) = mark(f, theme);
            let mut spans = vec![
                Span::styled(format!("{glyph} "), style),
                Span::styled(format!("{}:", f.name), style.add_modifier(Modifier::BOLD)),
                Span::raw(" "),
            ];
            if f.has_span() {
                spans.push(Span::styled(format!("“{}” ", f.excerpt), style));
            }
            spans.push(Span::raw(f.message.clone()));
            if !f.suggestions.is_empty() && f.dismissed.is_none() {
                spans.push(Span::raw(" Did you mean: "));
                let last = f.suggestions.len() - 1;
                for (n, s) in f.suggestions.iter().enumerate() {
                    spans.push(Span::styled(
                        s.clone(),
                        Style::new().add_modifier(Modifier::BOLD),
                    ));
                    spans.push(Span::raw(if n == last { "?" } else { ", " }));
                }
            }
            if let Some(reason) = &f.dismissed {
                spans.push(Span::styled(format!(" (set aside: {reason})"), theme.dim()));
            } else if self.finding == Some(*i) {
                spans.push(Span::styled(format!(" {}", f.hint), theme.dim()));
                if crate::core::spell::RULES.contains(&f.rule.as_str()) {
                    spans.push(Span::styled(ADD_WORD_KEYS, theme.dim()));
                }
            }
            items.push(wrap(&spans, inner, 2));
        }
        if items.is_empty() {
            let open = a.missing();
            if open.is_empty() {
                items.push(wrap_text(
                    "Nothing to flag in this part.",
                    theme.ok(),
                    inner,
                    0,
                ));
            }
            for m in open {
                items.push(wrap_text(m, theme.dim(), inner, 0));
            }
        }
        let errors = self.report.count(Level::Error);
        let warnings = self.report.count(Level::Warning) - errors;
        let counts = format!(
            "{} · {} in the draft",
            counted(errors, "error"),
            counted(warnings, "warning")
        );
        let keys = if focused {
            "↑/↓ choose · i set aside · Enter edit there"
        } else {
            "n next · i set aside"
        };
        let bottom = fit(
            &[
                format!("{counts} · {keys}"),
                format!(
                    "{} · {} · {keys}",
                    counted(errors, "error"),
                    counted(warnings, "warning")
                ),
                counts.clone(),
                format!("{errors} {ERROR_GLYPH} · {warnings} {WARNING_GLYPH}"),
            ],
            cols.saturating_sub(2),
        );
        let selected = self
            .finding
            .and_then(|f| shown.iter().position(|i| *i == f));
        let highlight = if focused {
            theme.selected()
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        };
        // The list scrolls to keep the chosen finding in sight: all of it when it fits,
        // else from its first line.
        let rows = usize::from(area.height.saturating_sub(2));
        let mut lines: Vec<Line> = Vec::new();
        let mut chosen = (0, 0);
        for (n, item) in items.into_iter().enumerate() {
            let start = lines.len();
            if Some(n) == selected {
                lines.extend(item.into_iter().map(|l| l.patch_style(highlight)));
                chosen = (start, lines.len());
            } else {
                lines.extend(item);
            }
        }
        let offset = chosen.1.saturating_sub(rows).min(chosen.0);
        let (above, below) = (offset > 0, lines.len() > offset + rows);
        let more = match (above, below) {
            (true, true) => Some(" ↑↓ more "),
            (true, false) => Some(" ↑ more "),
            (false, true) => Some(" ↓ more "),
            (false, false) => None,
        };
        let title = fit(
            &[
                format!(
                    "Coach · pattern {} learned {} ready {}",
                    tick(a.not_a_pattern),
                    tick(a.learned),
                    tick(a.ready_now)
                ),
                format!(
                    "pattern {} learned {} ready {}",
                    tick(a.not_a_pattern),
                    tick(a.learned),
                    tick(a.ready_now)
                ),
                "Coach".into(),
            ],
            cols.saturating_sub(2 + more.map_or(0, |m| super::wrap::width(m) + 1)),
        );
        let mut block = focus_block(&format!(" {title} "), focused, theme)
            .title_bottom(Line::styled(format!(" {bottom} "), theme.dim()));
        if let Some(more) = more {
            block = block.title_top(Line::styled(more, theme.accent()).right_aligned());
        }
        let visible: Vec<Line> = lines.into_iter().skip(offset).take(rows).collect();
        Paragraph::new(visible).block(block).render(area, buf);
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
        let room = usize::from(area.width.saturating_sub(4));
        let block = focus_block(
            &format!(" {} ", fit(&p.title, room)),
            self.focus == Focus::Preview,
            theme,
        )
        .title_bottom(Line::styled(
            format!(" {} ", fit(&p.meter, room)),
            meter_style,
        ));
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .scroll((self.preview_scroll, 0))
            .block(block)
            .render(area, buf);
    }
}

/// The editor's title for `part`: its name, whether it is optional, and (while not
/// writing) how to start, in the longest wording that fits `cols`.
/// How a spelling finding's word goes into the word list, after its hint.
const ADD_WORD_KEYS: &str = " Here + adds it; F7 while writing.";

pub(super) fn editor_title(part: &Part, writing: bool, voice: Option<Output>, cols: u16) -> String {
    let optional = if part.required { "" } else { " (optional)" };
    // Which words the editor holds: the shared ones, or one output's own.
    let (long, short) = match voice {
        Some(o) => (
            format!(" · words for the {} only", o.label()),
            format!(" · {}", o.short()),
        ),
        None => (String::new(), String::new()),
    };
    let mut variants = Vec::new();
    if !writing {
        variants.push(format!("{}{optional}{long} · Enter to write", part.label));
    }
    variants.push(format!("{}{optional}{long}", part.label));
    variants.push(format!("{}{short}", part.label));
    variants.push(part.label.clone());
    let room = usize::from(cols.saturating_sub(4));
    format!(" {} ", fit(&variants, room))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_and_warnings_differ_without_colour_too() {
        let plain = Theme::new(true);
        assert_ne!(
            underline_style(Level::Error, plain),
            underline_style(Level::Warning, plain)
        );
        assert_ne!(ERROR_GLYPH, WARNING_GLYPH);
        let finding = |level| Finding {
            rule: "r".into(),
            name: "R".into(),
            level,
            part: None,
            start: 0,
            end: 0,
            excerpt: String::new(),
            message: String::new(),
            hint: String::new(),
            suggestions: Vec::new(),
            dismissed: None,
            output: None,
        };
        assert_eq!(mark(&finding(Level::Error), plain).0, ERROR_GLYPH);
        assert_eq!(mark(&finding(Level::Warning), plain).0, WARNING_GLYPH);
    }

    #[test]
    fn the_parts_list_and_the_writing_share_80_columns() {
        let a = areas(Rect::new(0, 0, 80, 23), 1);
        assert!(a.steps.is_some());
        assert!(areas(Rect::new(0, 0, 60, 19), 1).steps.is_none());
    }
}
