//! The heart of the app: one part of the structure at a time in an editor, with its
//! question, guidance and example, beside a live preview of the text a program director
//! will read and its length against the chosen ERAS field.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};
use ratatui_textarea::{TextArea, WrapMode};

use crate::core::assemble::{Output, assemble, eras_fit, interview, spoken_seconds, word_count};
use crate::core::draft::{Draft, Status};
use crate::core::stamp::Stamp;
use crate::core::template::Template;
use crate::store::workspace::Workspace;
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Steps,
    Editor,
    Preview,
}

/// The preview as last computed, so drawing never assembles text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Preview {
    pub title: String,
    pub body: Vec<(String, String)>,
    pub meter: String,
    pub over: bool,
}

pub struct DraftScreen {
    pub flag: String,
    pub part: usize,
    pub focus: Focus,
    pub editor: TextArea<'static>,
    pub output: Output,
    pub show_example: bool,
    pub preview: Preview,
    pub preview_scroll: u16,
    theme: Theme,
}

pub enum DraftOutcome {
    Stay,
    /// The draft changed and needs saving.
    Edited,
    /// A message for the status line.
    Note(String),
    Leave,
}

fn template<'a>(ws: &'a Workspace, draft: &Draft) -> Option<&'a Template> {
    ws.templates.get(draft.kind.family())
}

impl DraftScreen {
    pub fn open(ws: &Workspace, flag: &str, theme: Theme) -> Option<Self> {
        let draft = ws.draft(flag)?;
        let t = template(ws, draft)?;
        let first_open = t
            .parts
            .iter()
            .position(|p| draft.part(&p.key).trim().is_empty())
            .unwrap_or(0);
        let mut screen = Self {
            flag: flag.to_string(),
            part: first_open,
            focus: Focus::Editor,
            editor: TextArea::default(),
            output: Output::Eras,
            show_example: false,
            preview: Preview::default(),
            preview_scroll: 0,
            theme,
        };
        screen.load_part(ws);
        screen.refresh(ws);
        Some(screen)
    }

    fn draft<'a>(&self, ws: &'a Workspace) -> Option<&'a Draft> {
        ws.draft(&self.flag)
    }

    /// Put the current part's text and question into the editor.
    fn load_part(&mut self, ws: &Workspace) {
        let Some(draft) = self.draft(ws) else { return };
        let Some(part) = template(ws, draft).and_then(|t| t.parts.get(self.part)) else {
            return;
        };
        let lines: Vec<String> = draft
            .part(&part.key)
            .split('\n')
            .map(str::to_string)
            .collect();
        let mut editor = TextArea::new(lines);
        editor.set_wrap_mode(WrapMode::WordOrGlyph);
        editor.set_cursor_line_style(ratatui::style::Style::new());
        editor.set_placeholder_text(part.questions.first().cloned().unwrap_or_default());
        editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
        editor.move_cursor(ratatui_textarea::CursorMove::End);
        self.editor = editor;
        self.style_editor(ws);
    }

    /// Title, border and cursor of the editor for the current part and focus.
    fn style_editor(&mut self, ws: &Workspace) {
        let Some(part) = self
            .draft(ws)
            .and_then(|d| template(ws, d))
            .and_then(|t| t.parts.get(self.part))
        else {
            return;
        };
        let optional = if part.required { "" } else { " (optional)" };
        let focused = self.focus == Focus::Editor;
        let title = format!(" {}{optional} ", part.label);
        self.editor
            .set_block(focus_block(&title, focused, self.theme));
        let cursor = if focused {
            self.theme.cursor()
        } else {
            ratatui::style::Style::new()
        };
        self.editor.set_cursor_style(cursor);
    }

    /// Copy the editor's text into the draft. Returns whether it changed.
    pub fn commit(&mut self, ws: &mut Workspace, now: Stamp) -> bool {
        let text = self.editor.lines().join("\n");
        let Some(key) = self.part_key(ws) else {
            return false;
        };
        let Some(draft) = ws.drafts.iter_mut().find(|d| d.flag == self.flag) else {
            return false;
        };
        if draft.part(&key) == text {
            return false;
        }
        draft.set_part(&key, text, now);
        true
    }

    fn part_key(&self, ws: &Workspace) -> Option<String> {
        let draft = self.draft(ws)?;
        template(ws, draft)?
            .parts
            .get(self.part)
            .map(|p| p.key.clone())
    }

    /// Recompute the preview from the draft.
    pub fn refresh(&mut self, ws: &Workspace) {
        let Some(draft) = self.draft(ws) else { return };
        let Some(t) = template(ws, draft) else { return };
        self.preview = preview(ws, draft, t, self.output);
    }

    fn parts_len(&self, ws: &Workspace) -> usize {
        self.draft(ws)
            .and_then(|d| template(ws, d))
            .map_or(0, |t| t.parts.len())
    }

    fn go_to_part(&mut self, ws: &mut Workspace, index: usize, now: Stamp) -> bool {
        let edited = self.commit(ws, now);
        self.part = index.min(self.parts_len(ws).saturating_sub(1));
        self.load_part(ws);
        self.refresh(ws);
        edited
    }

    /// Keys the focused editor does not take.
    pub fn on_action(&mut self, action: Action, ws: &mut Workspace, now: Stamp) -> DraftOutcome {
        let before = self.focus;
        let outcome = self.dispatch(action, ws, now);
        if self.focus != before {
            self.style_editor(ws);
        }
        outcome
    }

    fn dispatch(&mut self, action: Action, ws: &mut Workspace, now: Stamp) -> DraftOutcome {
        let edited = |e: bool| {
            if e {
                DraftOutcome::Edited
            } else {
                DraftOutcome::Stay
            }
        };
        match (self.focus, action) {
            (_, Action::NextFocus) => self.cycle_focus(true),
            (_, Action::PrevFocus) => self.cycle_focus(false),
            (Focus::Editor, Action::Back) => self.focus = Focus::Steps,
            (_, Action::Back) => return DraftOutcome::Leave,
            (_, Action::NextPart) => return edited(self.go_to_part(ws, self.part + 1, now)),
            (_, Action::PrevPart) => {
                return edited(self.go_to_part(ws, self.part.saturating_sub(1), now));
            }
            (_, Action::CycleOutput) => self.cycle_output(ws),
            (_, Action::ToggleExample) => self.show_example = !self.show_example,
            (_, Action::Undo) => {
                self.editor.undo();
                return edited(self.after_edit(ws, now));
            }
            (_, Action::ToggleReady) => return self.toggle_ready(ws, now),
            (_, Action::CycleField) => return self.cycle_field(ws, now),
            (Focus::Steps, Action::Open) => self.focus = Focus::Editor,
            (Focus::Steps, a @ (Action::Up | Action::Down | Action::Top | Action::Bottom)) => {
                let len = self.parts_len(ws);
                return edited(self.go_to_part(ws, super::step(self.part, len, a), now));
            }
            (Focus::Preview, Action::Up) => {
                self.preview_scroll = self.preview_scroll.saturating_sub(1)
            }
            (Focus::Preview, Action::Down) => {
                self.preview_scroll = self.preview_scroll.saturating_add(1)
            }
            _ => {}
        }
        DraftOutcome::Stay
    }

    fn cycle_focus(&mut self, forward: bool) {
        const ORDER: [Focus; 3] = [Focus::Steps, Focus::Editor, Focus::Preview];
        let i = ORDER.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward { i + 1 } else { i + ORDER.len() - 1 };
        self.focus = ORDER[next % ORDER.len()];
    }

    /// Move focus, restyling the editor to match.
    pub fn set_focus(&mut self, focus: Focus, ws: &Workspace) {
        self.focus = focus;
        self.style_editor(ws);
    }

    fn cycle_output(&mut self, ws: &Workspace) {
        let i = Output::ALL
            .iter()
            .position(|o| *o == self.output)
            .unwrap_or(0);
        self.output = Output::ALL[(i + 1) % Output::ALL.len()];
        self.preview_scroll = 0;
        self.refresh(ws);
    }

    /// A key for the editor itself. Returns whether the draft changed.
    pub fn on_editor_input(
        &mut self,
        input: ratatui_textarea::Input,
        ws: &mut Workspace,
        now: Stamp,
    ) -> bool {
        self.editor.input(input);
        self.after_edit(ws, now)
    }

    /// Insert pasted text at the cursor as one edit.
    pub fn paste(&mut self, text: &str, ws: &mut Workspace, now: Stamp) -> bool {
        self.editor.insert_str(text);
        self.after_edit(ws, now)
    }

    fn after_edit(&mut self, ws: &mut Workspace, now: Stamp) -> bool {
        let changed = self.commit(ws, now);
        if changed {
            self.refresh(ws);
        }
        changed
    }

    fn toggle_ready(&mut self, ws: &mut Workspace, now: Stamp) -> DraftOutcome {
        self.commit(ws, now);
        let missing = self.missing_required(ws);
        let Some(draft) = ws.drafts.iter_mut().find(|d| d.flag == self.flag) else {
            return DraftOutcome::Stay;
        };
        if draft.status == Status::Ready {
            draft.status = Status::Drafting;
            draft.settle_status();
            draft.updated = now;
            return DraftOutcome::Note("Marked as not ready.".into());
        }
        draft.status = Status::Ready;
        draft.updated = now;
        if missing.is_empty() {
            DraftOutcome::Note("Marked ready.".into())
        } else {
            DraftOutcome::Note(format!(
                "{}{}",
                crate::tui::text::READY_INCOMPLETE,
                missing.join(", ")
            ))
        }
    }

    fn missing_required(&self, ws: &Workspace) -> Vec<String> {
        let Some(draft) = self.draft(ws) else {
            return Vec::new();
        };
        let Some(t) = template(ws, draft) else {
            return Vec::new();
        };
        t.parts
            .iter()
            .filter(|p| p.required && draft.part(&p.key).trim().is_empty())
            .map(|p| p.label.clone())
            .collect()
    }

    fn cycle_field(&mut self, ws: &mut Workspace, now: Stamp) -> DraftOutcome {
        let ids: Vec<String> = ws.fields.fields.iter().map(|f| f.id.clone()).collect();
        let Some(draft) = ws.drafts.iter_mut().find(|d| d.flag == self.flag) else {
            return DraftOutcome::Stay;
        };
        let current = draft
            .field
            .clone()
            .unwrap_or_else(|| ws.fields.default.clone());
        let i = ids.iter().position(|id| *id == current).unwrap_or(0);
        draft.field = ids.get((i + 1) % ids.len().max(1)).cloned();
        draft.updated = now;
        self.output = Output::Eras;
        self.refresh(ws);
        DraftOutcome::Edited
    }

    /// The steps list's rows on screen, for mouse clicks.
    pub fn steps_area(area: Rect) -> Option<Rect> {
        let [_, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        wide(body).then(|| Block::bordered().inner(columns(body)[0]))
    }

    pub fn click(
        &mut self,
        col: u16,
        row: u16,
        area: Rect,
        ws: &mut Workspace,
        now: Stamp,
    ) -> bool {
        if let Some(steps) = Self::steps_area(area)
            && steps.contains((col, row).into())
        {
            let index = usize::from(row - steps.y);
            if index < self.parts_len(ws) {
                self.focus = Focus::Steps;
                let edited = self.go_to_part(ws, index, now);
                self.style_editor(ws);
                return edited;
            }
        }
        false
    }
}

fn wide(area: Rect) -> bool {
    area.width >= 100
}

fn columns(area: Rect) -> [Rect; 3] {
    Layout::horizontal([
        Constraint::Length(26),
        Constraint::Fill(3),
        Constraint::Fill(2),
    ])
    .areas(area)
}

fn preview(ws: &Workspace, draft: &Draft, t: &Template, output: Output) -> Preview {
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
        let guide_rows = wanted.min(area.height / 2);
        let [guide, editor] =
            Layout::vertical([Constraint::Length(guide_rows), Constraint::Fill(1)]).areas(area);
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(guide, buf);
        (&self.editor).render(editor, buf);
    }

    fn render_preview(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        let p = &self.preview;
        let mut lines = Vec::new();
        for (label, text) in &p.body {
            if !label.is_empty() {
                lines.push(Line::styled(label.clone(), theme.accent()));
            }
            let shown = if text.is_empty() {
                "(nothing yet)".to_string()
            } else {
                text.clone()
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

fn focus_block(title: &str, focused: bool, theme: Theme) -> Block<'static> {
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
