//! The heart of the app: one part of the structure at a time in an editor, with its
//! question, guidance and example, beside a live preview of the text a program director
//! will read and its length against the chosen ERAS field.

mod view;

use view::{columns, focus_block, preview, wide};

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Block;
use ratatui_textarea::{TextArea, WrapMode};

use crate::core::assemble::Output;
use crate::core::coach::{Finding, Report};
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
    /// What the coach says about the draft, as of the last edit.
    pub report: Report,
    /// The finding last jumped to, by index into the report.
    pub finding: Option<usize>,
    /// The editor holds text the draft does not have yet.
    pub typed: bool,
    /// Counts the editor's edits on top of the draft's own `seq`, so every copy of the
    /// editor's text carries a number that orders it against every save.
    pub live_seq: u64,
    /// The draft came from a newer flagdraft: it can be read, not changed.
    pub read_only: bool,
    theme: Theme,
}

pub enum DraftOutcome {
    Stay,
    /// The draft changed and needs saving.
    Edited,
    /// A message for the status line, after a change to the draft.
    Note(String),
    /// A message for the status line; nothing changed.
    Info(String),
    Leave,
}

pub(super) fn template<'a>(ws: &'a Workspace, draft: &Draft) -> Option<&'a Template> {
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
            // The first output the applicant chose to write: a visa plan answered only
            // at interview opens on its interview answer.
            output: crate::core::assemble::chosen(draft)
                .first()
                .copied()
                .unwrap_or(Output::Eras),
            show_example: false,
            preview: Preview::default(),
            preview_scroll: 0,
            report: Report::default(),
            finding: None,
            typed: false,
            live_seq: draft.seq,
            read_only: draft.read_only,
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
        self.typed = false;
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
        draft.seq = draft.seq.max(self.live_seq);
        self.live_seq = draft.seq;
        true
    }

    /// The draft as it stands with the editor's text in it, settled or not, numbered
    /// after every edit it holds.
    pub fn live_draft(&self, ws: &Workspace) -> Option<Draft> {
        let mut live = self.draft(ws)?.clone();
        if !self.typed || live.read_only {
            return Some(live);
        }
        let key = self.part_key(ws)?;
        live.parts.insert(key, self.editor.lines().join("\n"));
        live.seq = self.live_seq.max(live.seq + 1);
        Some(live)
    }

    /// Note one more edit in the editor.
    fn typed_once(&mut self) {
        self.typed = true;
        self.live_seq += 1;
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
        self.report = ws.report(draft);
        self.finding = self.finding.filter(|i| *i < self.report.findings.len());
        self.underline(ws);
    }

    /// Underline the words of the current part that the coach found.
    fn underline(&mut self, ws: &Workspace) {
        let Some(key) = self.part_key(ws) else { return };
        let excerpts: Vec<String> = self
            .report
            .in_part(&key)
            .filter(|f| f.has_span() && f.dismissed.is_none())
            .map(|f| escape(&f.excerpt))
            .collect();
        let worst = self.report.in_part(&key).map(|f| f.level).max();
        let style = match worst {
            Some(crate::core::coach::rules::Level::Error) => self.theme.error(),
            _ => self.theme.warning(),
        };
        self.editor
            .set_search_style(style.add_modifier(ratatui::style::Modifier::UNDERLINED));
        let _ = self.editor.set_search_pattern(excerpts.join("|"));
    }

    /// The finding the screen points at: the one jumped to, else the first in this part.
    pub fn current_finding<'a>(&'a self, ws: &Workspace) -> Option<&'a Finding> {
        let key = self.part_key(ws)?;
        let jumped = self
            .finding
            .and_then(|i| self.report.findings.get(i))
            .filter(|f| f.part.as_deref() == Some(key.as_str()));
        jumped.or_else(|| {
            self.report
                .findings
                .iter()
                .find(|f| f.part.as_deref() == Some(key.as_str()) && f.dismissed.is_none())
        })
    }

    /// Move to the next finding with a span, across parts, and put the cursor on it.
    fn next_finding(&mut self, ws: &mut Workspace, now: Stamp) -> DraftOutcome {
        let edited = self.commit(ws, now);
        let Some(i) = self.following_finding(ws) else {
            return DraftOutcome::Info("The coach has nothing to point at in this draft.".into());
        };
        let f = self.report.findings[i].clone();
        let index = self
            .draft(ws)
            .and_then(|d| template(ws, d))
            .and_then(|t| t.parts.iter().position(|p| Some(&p.key) == f.part.as_ref()));
        if let Some(index) = index
            && index != self.part
        {
            self.go_to_part(ws, index, now);
        }
        self.finding = Some(i);
        self.focus = Focus::Editor;
        let text = self.editor.lines().join("\n");
        let (row, col) = row_col(&text, f.start);
        self.editor
            .move_cursor(ratatui_textarea::CursorMove::Jump(row, col));
        let note = format!("{}: {}", f.rule, f.message);
        if edited {
            DraftOutcome::Edited
        } else {
            DraftOutcome::Info(note)
        }
    }

    /// The next open finding in reading order (part by part, then by position) after
    /// the cursor, wrapping round to the first.
    fn following_finding(&self, ws: &Workspace) -> Option<usize> {
        let t = self.draft(ws).and_then(|d| template(ws, d))?;
        let place = |f: &Finding| {
            let part = t.parts.iter().position(|p| Some(&p.key) == f.part.as_ref());
            (part.unwrap_or(usize::MAX), f.start)
        };
        let mut order: Vec<usize> = (0..self.report.findings.len())
            .filter(|i| {
                let f = &self.report.findings[*i];
                f.dismissed.is_none() && f.part.is_some()
            })
            .collect();
        order.sort_by_key(|i| place(&self.report.findings[*i]));
        let ratatui_textarea::DataCursor(row, col) = self.editor.cursor();
        let text = self.editor.lines();
        let offset = byte_offset(text, row, col);
        let here = match self.finding.and_then(|i| self.report.findings.get(i)) {
            // Already on a finding: move past it.
            Some(f) if place(f).0 == self.part => (self.part, f.start + 1),
            _ => (self.part, offset),
        };
        order
            .iter()
            .copied()
            .find(|i| place(&self.report.findings[*i]) >= here)
            .or_else(|| order.first().copied())
    }

    /// Set the current finding aside with the applicant's reason.
    pub fn dismiss(&mut self, ws: &mut Workspace, reason: &str, now: Stamp) -> bool {
        let Some(f) = self.current_finding(ws).cloned() else {
            return false;
        };
        let Some(draft) = ws.drafts.iter_mut().find(|d| d.flag == self.flag) else {
            return false;
        };
        draft
            .dismissed
            .retain(|d| !(d.rule == f.rule && d.part == f.part && d.excerpt == f.excerpt));
        draft.dismissed.push(crate::core::coach::Dismissal {
            rule: f.rule,
            part: f.part,
            excerpt: f.excerpt,
            reason: reason.trim().to_string(),
        });
        draft.touch(now);
        self.refresh(ws);
        true
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
        if self.read_only
            && matches!(
                action,
                Action::ToggleReady | Action::CycleField | Action::Undo
            )
        {
            return DraftOutcome::Info(READ_ONLY.into());
        }
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
                if self.editor.undo() {
                    self.typed_once();
                }
                return edited(self.settle(ws, now));
            }
            (_, Action::ToggleReady) => return self.toggle_ready(ws, now),
            (_, Action::NextFinding) => return self.next_finding(ws, now),
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

    /// The next output among those the draft chose (all three when it chose none).
    fn cycle_output(&mut self, ws: &Workspace) {
        let mut outputs = self
            .draft(ws)
            .map(crate::core::assemble::chosen)
            .unwrap_or_default();
        if outputs.is_empty() {
            outputs = Output::ALL.to_vec();
        }
        let i = outputs.iter().position(|o| *o == self.output);
        self.output = match i {
            Some(i) => outputs[(i + 1) % outputs.len()],
            None => outputs[0],
        };
        self.preview_scroll = 0;
        self.refresh(ws);
    }

    /// A key for the editor itself. Only the editor changes here: copying the text
    /// into the draft, the coach and the preview wait for `settle`, off the path from
    /// key to screen. Returns whether the text changed.
    pub fn on_editor_input(&mut self, input: ratatui_textarea::Input) -> bool {
        if self.read_only {
            return false;
        }
        let changed = self.editor.input(input);
        if changed {
            self.typed_once();
        }
        changed
    }

    /// Insert pasted text at the cursor as one edit.
    pub fn paste(&mut self, text: &str) -> bool {
        if self.read_only {
            return false;
        }
        let changed = self.editor.insert_str(text);
        if changed {
            self.typed_once();
        }
        changed
    }

    /// Bring the draft, the coach and the preview up to the editor. Returns whether the
    /// draft changed.
    pub fn settle(&mut self, ws: &mut Workspace, now: Stamp) -> bool {
        if !self.typed {
            return false;
        }
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
            draft.touch(now);
            return DraftOutcome::Note("Marked as not ready.".into());
        }
        draft.status = Status::Ready;
        draft.touch(now);
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
        draft.touch(now);
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

/// Why a draft cannot be changed.
pub const READ_ONLY: &str =
    "This draft was written by a newer flagdraft: it opens read only, so nothing in it is lost.";

/// `text` with regular-expression characters escaped, to match it literally.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Byte offset of the editor position `row`, `col` (in characters) in the joined text.
fn byte_offset(lines: &[String], row: usize, col: usize) -> usize {
    let before: usize = lines.iter().take(row).map(|l| l.len() + 1).sum();
    let within = lines
        .get(row)
        .map_or(0, |l| l.char_indices().nth(col).map_or(l.len(), |(b, _)| b));
    before + within
}

/// Row and column (in characters) of byte `offset` in `text`, for the editor's cursor.
fn row_col(text: &str, offset: usize) -> (u16, u16) {
    let before = &text[..offset.min(text.len())];
    let row = before.matches('\n').count();
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
    (
        u16::try_from(row).unwrap_or(u16::MAX),
        u16::try_from(col).unwrap_or(u16::MAX),
    )
}
