//! Drawing the practice screen: the question list with each question's trend, the
//! answer (read aloud against the 60-90 s band, or recalled and checked), and the past
//! attempts at a question with a trend plot. Every text wraps at spaces and scrolls,
//! so each word can be reached at any size.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, List, ListItem, ListState, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
    StatefulWidget, Widget,
};

use crate::core::assemble::InterviewAnswer;
use crate::core::draft::Status;
use crate::core::practice::{Attempt, Mode, Shown};
use crate::core::stamp::{Stamp, civil_from_days};
use crate::store::workspace::Workspace;
use crate::tui::theme::Theme;

use super::{Pane, PracticeScreen, Recall};

/// From this width the question list stands beside the answer; below it, above.
const WIDE: u16 = 90;
const LIST_WIDTH: u16 = 44;
/// Attempts shown as bars beside each question.
const SPARK: usize = 6;

/// A score 0-3 as a bar character.
fn bar(score: u64) -> char {
    ['▁', '▃', '▅', '█'][usize::try_from(score.min(3)).unwrap_or(0)]
}

/// The first of `options` that fits a border of `width` columns, or nothing.
fn pick(options: &[&'static str], width: u16) -> &'static str {
    options
        .iter()
        .find(|o| Span::raw(**o).width() + 2 <= usize::from(width))
        .copied()
        .unwrap_or("")
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
        let wide = area.width >= WIDE;
        let [list, main] = if wide {
            Layout::horizontal([Constraint::Length(LIST_WIDTH), Constraint::Fill(1)]).areas(area)
        } else {
            let height = self.list_height(area);
            Layout::vertical([Constraint::Length(height), Constraint::Fill(1)]).areas(area)
        };
        if wide || self.pane == Pane::Questions {
            self.render_list(ws, theme, list, buf);
        } else {
            self.render_selected(theme, list, buf);
        }
        self.render_main(ws, clock_ms, theme, wide, main, buf);
    }

    /// Rows of the list above the answer in a narrow window: room to choose while the
    /// list has the keys, then the chosen question alone, in full.
    fn list_height(&self, area: Rect) -> u16 {
        let width = usize::from(area.width.saturating_sub(2));
        let selected = self
            .items
            .get(self.selected)
            .map_or(1, |i| wrap_text(&i.question.text, width).len());
        let selected = u16::try_from(selected).unwrap_or(u16::MAX);
        if self.pane == Pane::Questions {
            (area.height * 2 / 5)
                .max(selected.saturating_add(4))
                .min(area.height / 2)
        } else {
            selected.saturating_add(2).min(area.height / 3).max(3)
        }
    }

    fn render_list(&self, ws: &Workspace, theme: Theme, area: Rect, buf: &mut Buffer) {
        let inner = usize::from(area.width.saturating_sub(2));
        let width = inner.saturating_sub(SPARK + 1).max(8);
        let items: Vec<ListItem> = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let trend = ws.history.trend(&item.question.id);
                let skip = trend.points.len().saturating_sub(SPARK);
                let spark: String = trend.points[skip..].iter().map(|p| bar(*p)).collect();
                // The chosen question in full; the others up to a whole word.
                let texts = if i == self.selected {
                    wrap_text(&item.question.text, width)
                } else {
                    vec![cut_at_word(&item.question.text, width)]
                };
                let lines: Vec<Line> = texts
                    .into_iter()
                    .enumerate()
                    .map(|(n, text)| {
                        let pad = width.saturating_sub(Span::raw(text.as_str()).width());
                        let mut spans = vec![Span::raw(format!("{text}{} ", " ".repeat(pad)))];
                        if n == 0 {
                            spans.push(Span::styled(spark.clone(), theme.ok()));
                        }
                        Line::from(spans)
                    })
                    .collect();
                ListItem::new(lines)
            })
            .collect();
        let title = pick(
            &[
                " Questions · s shuffles · tab: answer ",
                " Questions · s shuffles ",
                " Questions ",
            ],
            area.width,
        );
        let style = if self.pane == Pane::Questions {
            theme.focused_border()
        } else {
            theme.border()
        };
        let mut state = ListState::default().with_selected(Some(self.selected));
        StatefulWidget::render(
            List::new(items)
                .block(Block::bordered().title(title).border_style(style))
                .highlight_style(theme.selected()),
            area,
            buf,
            &mut state,
        );
    }

    /// The chosen question alone, in full, while the answer has the keys.
    fn render_selected(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        let count = format!(" Question {} of {} ", self.selected + 1, self.items.len());
        let block = Block::bordered()
            .title(count)
            .title_bottom(if self.typing {
                ""
            } else {
                pick(&[" esc: back to the list "], area.width)
            })
            .border_style(theme.border());
        let inner = block.inner(area);
        block.render(area, buf);
        let text = self
            .items
            .get(self.selected)
            .map_or("", |i| i.question.text.as_str());
        let lines = wrap_all(
            &[Line::styled(text.to_string(), theme.title())],
            inner.width,
        );
        Paragraph::new(lines).render(inner, buf);
    }

    fn render_main(
        &self,
        ws: &Workspace,
        clock_ms: u64,
        theme: Theme,
        wide: bool,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let title = match (self.pane, self.mode) {
            (Pane::History, _) => pick(
                &[
                    " Past attempts at this question ",
                    " Past attempts ",
                    " History ",
                ],
                area.width,
            ),
            (_, Mode::ReadAloud) => pick(
                &[
                    " Read aloud · space starts and stops the clock · m: recall ",
                    " Read aloud · space: clock · m: recall ",
                    " Read aloud ",
                ],
                area.width,
            ),
            (_, Mode::Recall) => pick(
                &[
                    " Recall · the draft is hidden · Enter to answer · m: read aloud ",
                    " Recall · Enter to answer · m: read aloud ",
                    " Recall ",
                ],
                area.width,
            ),
        };
        let hint: &[&'static str] = match self.pane {
            _ if self.typing => &[" esc: stop typing "],
            Pane::Questions => &[" tab: to the answer ", " tab: answer "],
            Pane::Answer => &[
                " ↑↓ scroll · tab: past attempts · esc: questions ",
                " ↑↓ scroll · tab: past attempts ",
                " ↑↓ scroll ",
            ],
            Pane::History => &[" ↑↓ scroll · tab or esc: questions ", " ↑↓ scroll "],
        };
        let style = if self.pane == Pane::Questions {
            theme.border()
        } else {
            theme.focused_border()
        };
        let block = Block::bordered()
            .title(title)
            .title_bottom(Line::styled(pick(hint, area.width), theme.dim()))
            .border_style(style);
        let inner = block.inner(area);
        block.render(area, buf);
        let Some(item) = self.items.get(self.selected) else {
            Paragraph::new(wrap_all(
                &[Line::from("No questions: the question bank is empty.")],
                inner.width,
            ))
            .render(inner, buf);
            return;
        };
        // The question heads the answer where the list beside cannot show it whole.
        let mut head = Vec::new();
        if wide {
            head.push(Line::styled(item.question.text.clone(), theme.title()));
        }
        if self.pane != Pane::History {
            head.push(Line::styled(self.about(ws), theme.dim()));
        }
        let mut head = wrap_all(&head, inner.width);
        head.truncate(usize::from(inner.height / 3));
        let head_h = u16::try_from(head.len()).unwrap_or(0);
        let [top, body] =
            Layout::vertical([Constraint::Length(head_h), Constraint::Fill(1)]).areas(inner);
        Paragraph::new(head).render(top, buf);
        match (self.pane, self.mode) {
            (Pane::History, _) => self.render_history(ws, theme, body, buf),
            (_, Mode::ReadAloud) => self.render_reading(ws, clock_ms, theme, body, buf),
            (_, Mode::Recall) => self.render_recall(ws, theme, body, buf),
        }
    }

    /// Which draft answers the question, in words.
    fn about(&self, ws: &Workspace) -> String {
        let Some(item) = self.items.get(self.selected) else {
            return String::new();
        };
        let flag = item.flag.as_deref().and_then(|id| ws.flag(id));
        match flag {
            Some(f) if item.question.kinds.is_empty() => {
                let state = match ws.draft(&f.id).map(|d| d.status) {
                    Some(Status::Ready) => "ready",
                    Some(Status::Drafting) => "in progress",
                    // None is further along: the worst flag's draft answers it.
                    _ => {
                        return format!(
                            "Asked of everyone. Answered from your draft for: {}",
                            f.title
                        );
                    }
                };
                format!(
                    "Asked of everyone. Answered from your most finished draft: {} ({state})",
                    f.title
                )
            }
            Some(f) => format!("Answered from your draft for: {}", f.title),
            None if item.question.general => {
                "About you and Med-Peds, not a flag: rehearse it from your own notes.".into()
            }
            None => "No draft answers this yet.".into(),
        }
    }

    fn render_reading(
        &self,
        ws: &Workspace,
        clock_ms: u64,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let seconds = match (self.started, self.last_seconds) {
            (Some(start), _) => clock_ms.saturating_sub(start) / 1000,
            (None, Some(s)) => u64::from(s),
            (None, None) => 0,
        };
        let answer = self.answer(ws);
        let words = answer
            .as_ref()
            .map_or(0, |a| crate::core::assemble::word_count(&a.text()));
        let clock = self.clock_lines(seconds, words, theme, area.width);
        let clock_h = u16::try_from(clock.len()).unwrap_or(3);
        let [text, gauge] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(clock_h)]).areas(area);
        let general = self
            .items
            .get(self.selected)
            .is_some_and(|i| i.question.general);
        let lines = match answer {
            Some(a) => answer_lines(&a, theme),
            None if general => vec![Line::styled(
                "No draft answers it. Say your answer aloud from your own notes against the clock.",
                theme.dim(),
            )],
            None => vec![Line::styled(
                "No draft answers this yet. Write one, then rehearse it.",
                theme.dim(),
            )],
        };
        scroll_view(&lines, self.scroll, &self.scroll_room, text, buf);
        Paragraph::new(clock).render(gauge, buf);
    }

    /// The time, what the clock is doing, the gauge with its 60-90 s band, and its scale.
    fn clock_lines(
        &self,
        seconds: u64,
        words: usize,
        theme: Theme,
        width: u16,
    ) -> Vec<Line<'static>> {
        let cols = usize::from(width.max(10));
        let at = |s: u64| {
            usize::try_from(s)
                .unwrap_or(usize::MAX)
                .saturating_mul(cols)
                / 120
        };
        let mut gauge: Vec<char> = (0..cols)
            .map(|i| {
                if (at(60)..at(90)).contains(&i) {
                    '═'
                } else {
                    '─'
                }
            })
            .collect();
        if let Some(c) = gauge.get_mut(at(seconds).min(cols - 1)) {
            *c = '●';
        }
        let state = if self.timing() {
            "speaking · space stops · aim for 60–90 s".to_string()
        } else if let Some(s) = self.last_seconds {
            let pace = Attempt {
                question: String::new(),
                mode: Mode::ReadAloud,
                date: Stamp(0),
                seconds: s,
                words,
                coverage: None,
            }
            .words_per_minute();
            match pace {
                Some(p) => format!("stopped · {p} words a minute (aim for 130–160) · 60–90 s"),
                None => "stopped · aim for 60–90 s".to_string(),
            }
        } else {
            "space starts the clock · aim for 60–90 s".to_string()
        };
        let style = match seconds {
            60..=90 => theme.ok(),
            91.. => theme.error(),
            _ => theme.text(),
        };
        let mut lines = wrap_all(
            &[Line::from(vec![
                Span::styled(format!("{}:{:02}", seconds / 60, seconds % 60), style),
                Span::styled(format!("  {state}"), theme.dim()),
            ])],
            width,
        );
        lines.push(Line::styled(gauge.into_iter().collect::<String>(), style));
        lines.push(Line::styled(scale(cols, at), theme.dim()));
        lines
    }

    fn render_recall(&self, ws: &Workspace, theme: Theme, area: Rect, buf: &mut Buffer) {
        let Some(r) = &self.recall else {
            let (style, title) = if self.typing {
                (
                    theme.focused_border(),
                    pick(
                        &[
                            " What you would say · Enter checks it · esc stops typing ",
                            " What you would say · Enter checks it ",
                            " Enter checks it ",
                        ],
                        area.width,
                    ),
                )
            } else {
                (
                    theme.border(),
                    pick(
                        &[
                            " What you would say (Enter to start typing) ",
                            " Enter to start typing ",
                        ],
                        area.width,
                    ),
                )
            };
            let mut input = self.input.clone();
            input.set_block(Block::bordered().title(title).border_style(style));
            if !self.typing {
                input.set_cursor_style(Style::new());
            }
            input.render(area, buf);
            return;
        };
        let lines = recall_lines(r, self.answer(ws), theme);
        scroll_view(&lines, self.scroll, &self.scroll_room, area, buf);
    }

    fn render_history(&self, ws: &Workspace, theme: Theme, area: Rect, buf: &mut Buffer) {
        let Some(item) = self.items.get(self.selected) else {
            return;
        };
        let attempts: Vec<&Attempt> = ws.history.of(&item.question.id).collect();
        if attempts.is_empty() {
            let lines = [Line::styled(
                "No attempts at this question yet. Read it aloud against the clock (space) or \
                 say it from memory (m): each attempt is listed here with its date, its \
                 length, the parts you covered and your pace.",
                theme.dim(),
            )];
            scroll_view(&lines, self.history_scroll, &self.history_room, area, buf);
            return;
        }
        let short = area.width < 49;
        let mut top = vec![Line::from(summary(&attempts))];
        let paces: Vec<String> = attempts
            .iter()
            .filter_map(|a| a.words_per_minute())
            .map(|p| p.to_string())
            .collect();
        if !paces.is_empty() {
            let skip = paces.len().saturating_sub(5);
            top.push(Line::from(format!(
                "Pace of your readings, in words a minute: {} (aim for 130–160).",
                paces[skip..].join(", ")
            )));
        }
        top.push(Line::styled(
            "Trend, oldest to newest; higher is better. From memory: the parts you said \
             (0–3). Aloud: 3 is inside 60–90 s.",
            theme.dim(),
        ));
        let mut top = wrap_all(&top, area.width);
        top.extend(plot(&attempts, area.width, theme));
        top.push(Line::styled(row_text(None, short), theme.accent()));
        let rows: Vec<Line<'static>> = attempts
            .iter()
            .rev()
            .map(|a| Line::from(row_text(Some(a), short)))
            .collect();
        let top_h = u16::try_from(top.len()).unwrap_or(u16::MAX);
        if area.height >= top_h.saturating_add(3) {
            let [head, table] =
                Layout::vertical([Constraint::Length(top_h), Constraint::Fill(1)]).areas(area);
            Paragraph::new(top).render(head, buf);
            scroll_view(&rows, self.history_scroll, &self.history_room, table, buf);
        } else {
            // Too low for a fixed head: everything scrolls together.
            top.extend(rows);
            scroll_view(&top, self.history_scroll, &self.history_room, area, buf);
        }
    }
}

/// "5 attempts: 3 read aloud, 2 from memory. Times are UTC."
fn summary(attempts: &[&Attempt]) -> String {
    let aloud = attempts
        .iter()
        .filter(|a| a.mode == Mode::ReadAloud)
        .count();
    let recalled = attempts.len() - aloud;
    let n = |count: usize, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    format!(
        "{}: {} read aloud, {} from memory. Times are UTC.",
        n(attempts.len(), "attempt", "attempts"),
        aloud,
        recalled
    )
}

/// The trend as three rows of bars, one column per attempt, newest at the right.
fn plot(attempts: &[&Attempt], width: u16, theme: Theme) -> Vec<Line<'static>> {
    let room = usize::from(width.saturating_sub(2)).max(1);
    // Spaced columns while they fit, packed after.
    let step = if attempts.len() * 2 <= room { 2 } else { 1 };
    let skip = attempts.len().saturating_sub(room / step);
    let scores: Vec<u8> = attempts[skip..].iter().map(|a| a.score()).collect();
    (1..=3u8)
        .rev()
        .map(|row| {
            let mut spans = vec![Span::styled(format!("{row} "), theme.dim())];
            for s in &scores {
                let (mark, style) = if *s >= row {
                    ("█", theme.ok())
                } else if row == 1 {
                    // An attempt that scored nothing still shows it was made.
                    ("▁", theme.dim())
                } else {
                    (" ", theme.text())
                };
                spans.push(Span::styled(mark, style));
                if step == 2 {
                    spans.push(Span::raw(" "));
                }
            }
            Line::from(spans)
        })
        .collect()
}

/// A row of the table of attempts, or its head for `None`.
fn row_text(attempt: Option<&Attempt>, short: bool) -> String {
    let date_w = if short { 5 } else { 10 };
    let cells = match attempt {
        None => [
            "Date".to_string(),
            "Time".into(),
            "How".into(),
            "Length".into(),
            "Parts".into(),
            "Pace".into(),
        ],
        Some(a) => {
            let (date, time) = when(a.date);
            let date = if short {
                date.get(5..).unwrap_or(&date).to_string()
            } else {
                date
            };
            let (how, length) = match a.mode {
                Mode::ReadAloud => ("aloud", format!("{}:{:02}", a.seconds / 60, a.seconds % 60)),
                Mode::Recall => ("memory", format!("{} words", a.words)),
            };
            [
                date,
                time,
                how.into(),
                length,
                a.coverage
                    .map_or("–".into(), |c| format!("{} of 3", c.score())),
                a.words_per_minute().map_or("–".into(), |p| p.to_string()),
            ]
        }
    };
    let [date, time, how, length, parts, pace] = cells;
    format!("{date:<date_w$}  {time:<5}  {how:<6}  {length:<8}  {parts:<6}  {pace}")
}

/// Date and time of day, UTC.
fn when(stamp: Stamp) -> (String, String) {
    let days = i64::try_from(stamp.0 / 86_400).unwrap_or(0);
    let (y, m, d) = civil_from_days(days);
    let secs = stamp.0 % 86_400;
    (
        format!("{y:04}-{m:02}-{d:02}"),
        format!("{:02}:{:02}", secs / 3600, secs / 60 % 60),
    )
}

/// The recall's verdict, what was said with its fillers marked, the coach's notes and
/// the draft to compare.
fn recall_lines(r: &Recall, answer: Option<InterviewAnswer>, theme: Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let parts = [
        (
            "The issue in brief",
            "not heard. Name what happened, with a fact from your draft (the exam, the year).",
        ),
        (
            "What you did",
            "not heard. Say what you did about it, for example “What I did was…”.",
        ),
        (
            "What you learned and use now",
            "not heard. Say what you took from it, for example “Since then I…” or “I learned…”.",
        ),
    ];
    for ((label, missing), shown) in parts.iter().zip(&r.heard.parts) {
        out.push(match shown {
            Some(how) => Line::from(vec![
                Span::styled(format!("✓ {label}: "), theme.ok()),
                Span::raw(evidence(&r.said, how)),
            ]),
            None => Line::from(vec![
                Span::styled(format!("✗ {label}: "), theme.error()),
                Span::raw(*missing),
            ]),
        });
    }
    out.push(Line::from(format!(
        "{} words · about {}–{} s aloud at 130–160 words a minute",
        r.words, r.seconds.0, r.seconds.1
    )));
    let fillers = &r.heard.fillers;
    if fillers.is_empty() {
        out.push(Line::styled("No fillers.", theme.ok()));
    } else {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for f in fillers {
            let word = f.say.to_lowercase();
            match counts.iter_mut().find(|(w, _)| *w == word) {
                Some((_, n)) => *n += 1,
                None => counts.push((word, 1)),
            }
        }
        let list: Vec<String> = counts
            .iter()
            .map(|(w, n)| match n {
                1 => format!("“{w}”"),
                _ => format!("“{w}” {n} times"),
            })
            .collect();
        let n = fillers.len();
        out.push(Line::styled(
            format!(
                "{n} {}, marked below: {}. A short pause sounds surer than a filler.",
                if n == 1 { "filler" } else { "fillers" },
                list.join(", ")
            ),
            theme.warning(),
        ));
    }
    out.push(Line::from(""));
    out.push(Line::styled("You said", theme.accent()));
    out.push(marked(&r.said, r, theme));
    if !r.findings.is_empty() {
        out.push(Line::from(""));
        out.push(Line::styled("The coach's notes", theme.accent()));
        for f in &r.findings {
            out.push(Line::from(vec![
                Span::styled(format!("! “{}” ", f.excerpt), theme.warning()),
                Span::raw(f.message.clone()),
            ]));
        }
    }
    out.push(Line::from(""));
    out.push(Line::styled("Your draft", theme.accent()));
    match answer {
        Some(a) => out.extend(answer_lines(&a, theme)),
        None => out.push(Line::styled("No draft answers this question.", theme.dim())),
    }
    out.push(Line::from(""));
    out.push(Line::styled(
        "Enter: change your answer and check it again.",
        theme.dim(),
    ));
    out
}

/// What showed a part: the phrase said, or the draft's words used.
fn evidence(said: &str, shown: &Shown) -> String {
    match shown {
        Shown::Phrase(start, end) => {
            let words: Vec<&str> = said
                .get(*start..*end)
                .unwrap_or("")
                .split_whitespace()
                .collect();
            let cut = if words.len() > 10 {
                format!("{}…", words[..10].join(" "))
            } else {
                words.join(" ")
            };
            format!("“{cut}”")
        }
        Shown::Words(spans) => {
            let words: Vec<&str> = spans
                .iter()
                .take(5)
                .filter_map(|(s, e)| said.get(*s..*e))
                .collect();
            format!("in your draft's words: {}", words.join(", "))
        }
    }
}

/// What was said, with each filler marked (reversed, so it shows without colour too).
fn marked(said: &str, r: &Recall, theme: Theme) -> Line<'static> {
    let mut spans = Vec::new();
    let mut at = 0;
    for f in &r.heard.fillers {
        if f.start < at {
            continue;
        }
        if let (Some(before), Some(word)) = (said.get(at..f.start), said.get(f.start..f.end)) {
            spans.push(Span::raw(before.to_string()));
            spans.push(Span::styled(
                word.to_string(),
                theme.warning().add_modifier(Modifier::REVERSED),
            ));
            at = f.end;
        }
    }
    spans.push(Span::raw(said.get(at..).unwrap_or("").to_string()));
    Line::from(spans)
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

/// `lines` wrapped into `area` from line `scroll` on, with a scroll bar at the right
/// when they overflow. Records in `room` how far they can scroll.
fn scroll_view(lines: &[Line<'_>], scroll: u16, room: &Cell<u16>, area: Rect, buf: &mut Buffer) {
    let height = usize::from(area.height);
    let mut wrapped = wrap_all(lines, area.width);
    let overflow = wrapped.len() > height;
    if overflow {
        wrapped = wrap_all(lines, area.width.saturating_sub(1));
    }
    let max = wrapped.len().saturating_sub(height);
    room.set(u16::try_from(max).unwrap_or(u16::MAX));
    let at = usize::from(scroll).min(max);
    let shown: Vec<Line> = wrapped.into_iter().skip(at).take(height).collect();
    Paragraph::new(shown).render(area, buf);
    if overflow {
        let mut state = ScrollbarState::new(max + 1)
            .position(at)
            .viewport_content_length(height);
        Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(Some("│"))
            .thumb_symbol("█")
            .render(area, buf, &mut state);
    }
}

/// `text` up to the last whole word that fits `width` columns, with "…" when cut.
pub(super) fn cut_at_word(text: &str, width: usize) -> String {
    if Span::raw(text).width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        let next = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if Span::raw(next.as_str()).width() + 1 > width {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        // One word wider than the room: its letters up to the room.
        out = wrap_text(text, width.saturating_sub(1))
            .into_iter()
            .next()
            .unwrap_or_default();
    }
    let trimmed = out.trim_end_matches([',', ';', ':', '.']);
    format!("{trimmed}…")
}

/// Plain `text` wrapped at spaces to `width` columns.
pub(super) fn wrap_text(text: &str, width: usize) -> Vec<String> {
    let width = u16::try_from(width).unwrap_or(u16::MAX);
    wrap_all(&[Line::from(text.to_string())], width)
        .into_iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

fn wrap_all(lines: &[Line<'_>], width: u16) -> Vec<Line<'static>> {
    lines
        .iter()
        .flat_map(|l| wrap(l, usize::from(width)))
        .collect()
}

/// A piece of a line: a word (its pieces in their styles) or the space between words.
enum Piece {
    Word(Vec<(String, Style)>),
    Space(Style),
}

fn width_of(text: &str) -> usize {
    Span::raw(text).width()
}

/// `line` cut to `width` columns at spaces, each span keeping its style; a word longer
/// than a line is split where it must be.
fn wrap(line: &Line<'_>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut pieces: Vec<Piece> = Vec::new();
    for span in &line.spans {
        let style = line.style.patch(span.style);
        for c in span.content.chars() {
            if c == ' ' {
                pieces.push(Piece::Space(style));
                continue;
            }
            match pieces.last_mut() {
                Some(Piece::Word(parts)) => match parts.last_mut() {
                    Some((text, s)) if *s == style => text.push(c),
                    _ => parts.push((c.to_string(), style)),
                },
                _ => pieces.push(Piece::Word(vec![(c.to_string(), style)])),
            }
        }
    }
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut current: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    // The spaces since the last word, kept (columns line up) unless a line ends there.
    let mut spaces: Vec<Style> = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Space(style) => {
                if used > 0 {
                    spaces.push(style);
                }
            }
            Piece::Word(parts) => {
                let w: usize = parts.iter().map(|(t, _)| width_of(t)).sum();
                if used > 0 && used + spaces.len() + w > width {
                    out.push(Line::from(std::mem::take(&mut current)));
                    used = 0;
                    spaces.clear();
                }
                for style in spaces.drain(..) {
                    current.push(Span::styled(" ", style));
                    used += 1;
                }
                if used + w <= width {
                    for (text, style) in parts {
                        current.push(Span::styled(text, style));
                    }
                    used += w;
                    continue;
                }
                for (text, style) in parts {
                    for c in text.chars() {
                        let cw = width_of(c.encode_utf8(&mut [0; 4]));
                        if used > 0 && used + cw > width {
                            out.push(Line::from(std::mem::take(&mut current)));
                            used = 0;
                        }
                        current.push(Span::styled(c.to_string(), style));
                        used += cw;
                    }
                }
            }
        }
    }
    if !current.is_empty() || out.is_empty() {
        out.push(Line::from(current));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_at_spaces_and_keeps_styles() {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let line = Line::from(vec![
            Span::raw("I failed Step 1, "),
            Span::styled("um", bold),
            Span::raw(", then I built a plan."),
        ]);
        let lines = wrap(&line, 12);
        let texts: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(
            texts,
            ["I failed", "Step 1, um,", "then I built", "a plan."]
        );
        assert!(
            lines[1]
                .spans
                .iter()
                .any(|s| s.content == "um" && s.style == bold)
        );
        assert_eq!(wrap_text("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap_text("", 4), [""]);
    }

    #[test]
    fn a_cut_question_ends_on_a_whole_word() {
        let q = "Tell us about a time you struggled, academically or professionally.";
        assert_eq!(cut_at_word(q, 40), "Tell us about a time you struggled…");
        assert_eq!(cut_at_word("Short one.", 40), "Short one.");
        assert_eq!(cut_at_word("Unbreakableword", 6), "Unbre…");
    }
}
