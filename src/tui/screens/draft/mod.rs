//! The heart of the app: one part of the structure at a time in an editor, with its
//! question, guidance and example, beside a live preview of the text a program director
//! will read and its length against the chosen ERAS field.

mod view;
mod wrap;

pub use view::{ERROR_GLYPH, INFO_GLYPH, SET_ASIDE_GLYPH, WARNING_GLYPH};
use view::{areas, preview};
pub use wrap::fit as fit_title;

use ratatui::layout::Rect;
use ratatui::widgets::Block;
use ratatui_textarea::{TextArea, WrapMode};

use crate::core::assemble::Output;
use crate::core::coach::{Finding, Report};
use crate::core::draft::{Draft, Status, Wording};
use crate::core::ready::{Problem, describe, problems};
use crate::core::stamp::Stamp;
use crate::core::template::Template;
use crate::store::workspace::Workspace;
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;

/// The pane keys go to. Only the editor takes typing: moving between panes or to a
/// finding never lands in it; Enter does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The parts list: ↑/↓ change part.
    Steps,
    /// The question, guidance and examples: ↑/↓ scroll them.
    Guide,
    Editor,
    /// The coach's findings: ↑/↓ choose one, i sets it aside, Enter edits there.
    Coach,
    /// The text as it will leave: ↑/↓ scroll it.
    Preview,
}

/// The preview as last computed, so drawing never assembles text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Preview {
    /// The title in wordings from longest to shortest; the pane shows the longest
    /// that fits.
    pub title: Vec<String>,
    pub body: Vec<(String, String)>,
    /// The length against its limit, longest wording first.
    pub meter: Vec<String>,
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
    /// Lines of guidance scrolled past.
    pub guide_scroll: u16,
    /// What the coach says about the draft, as of the last edit.
    pub report: Report,
    /// What keeps the draft from being fit to send, as of the last edit.
    pub problems: Vec<Problem>,
    /// The finding chosen in the coach's list (or last jumped to), by index into the
    /// report.
    pub finding: Option<usize>,
    /// The screen's area as last laid out, so scrolling knows where text ends.
    pub area: Rect,
    /// The editor holds text the draft does not have yet.
    pub typed: bool,
    /// Counts the editor's edits on top of the draft's own `seq`, so every copy of the
    /// editor's text carries a number that orders it against every save.
    pub live_seq: u64,
    /// The draft came from a newer flagdraft: it can be read, not changed.
    pub read_only: bool,
    /// The output whose own wording the editor holds, when the applicant words a part
    /// for one output ("word this part for ERAS"); `None` for the shared text.
    pub voice: Option<Output>,
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
    /// Marking ready was asked for, but the draft has problems: ask first, naming them.
    AskReady(String),
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
            .position(|p| !ws.coach.answered(draft.part(&p.key)))
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
            guide_scroll: 0,
            report: Report::default(),
            problems: Vec::new(),
            finding: None,
            area: Rect::default(),
            typed: false,
            live_seq: draft.seq,
            read_only: draft.read_only,
            voice: None,
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
        // The words the editor holds: the output's as it words the part, or the shared.
        let text = match self.voice {
            Some(output) => draft.text_in(output, &part.key).unwrap_or(""),
            None => draft.part(&part.key),
        };
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut editor = TextArea::new(lines);
        editor.set_wrap_mode(WrapMode::WordOrGlyph);
        editor.set_cursor_line_style(ratatui::style::Style::new());
        editor.set_placeholder_text(part.questions.first().cloned().unwrap_or_default());
        editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
        editor.move_cursor(ratatui_textarea::CursorMove::End);
        self.editor = editor;
        self.style_editor(ws);
    }

    /// The editor's cursor for the focus: a block while writing, a dim mark where a
    /// chosen finding is, none otherwise. (Its border and title are drawn with the
    /// screen, to fit the width.)
    fn style_editor(&mut self, _ws: &Workspace) {
        let cursor = match self.focus {
            Focus::Editor => self.theme.cursor(),
            Focus::Coach => self
                .theme
                .dim()
                .add_modifier(ratatui::style::Modifier::REVERSED),
            _ => ratatui::style::Style::new(),
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
        match self.voice {
            None if draft.part(&key) == text => return false,
            None => draft.set_part(&key, text, now),
            Some(output) => {
                let unchanged = match draft.wording(output, &key) {
                    Some(Wording::Text(own)) => *own == text,
                    // A part left out stays out until words are typed into it.
                    Some(Wording::Left) => text.trim().is_empty(),
                    // An output takes a wording of its own once its words differ.
                    None => draft.part(&key) == text,
                };
                if unchanged {
                    return false;
                }
                draft.set_wording(output, &key, Wording::Text(text), now);
            }
        }
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
        let text = self.editor.lines().join("\n");
        match self.voice {
            Some(output) => {
                live.wordings
                    .entry(output)
                    .or_default()
                    .insert(key, Wording::Text(text));
            }
            None => {
                live.parts.insert(key, text);
            }
        }
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
        // The chosen finding stays chosen when the report is made again.
        let chosen = self
            .finding
            .and_then(|i| self.report.findings.get(i))
            .map(|f| (f.rule.clone(), f.part.clone(), f.excerpt.clone()));
        self.report = ws.report(draft);
        self.spare_word_being_typed(ws);
        self.problems = problems(&ws.coach, draft, t, &ws.fields, &self.report);
        self.finding = chosen.and_then(|(rule, part, excerpt)| {
            self.report
                .findings
                .iter()
                .position(|f| f.rule == rule && f.part == part && f.excerpt == excerpt)
        });
        self.underline(ws);
    }

    /// While writing, a word that ends at the cursor may be half typed: it is not
    /// called a misspelling until the cursor leaves it.
    fn spare_word_being_typed(&mut self, ws: &Workspace) {
        if self.focus != Focus::Editor {
            return;
        }
        let Some(key) = self.part_key(ws) else { return };
        let ratatui_textarea::DataCursor(row, col) = self.editor.cursor();
        let at = byte_offset(self.editor.lines(), row, col);
        self.report.findings.retain(|f| {
            !(f.rule == "spelling" && f.part.as_deref() == Some(key.as_str()) && f.end == at)
        });
    }

    /// Underline the words of the current part that the coach found, each level in
    /// its own style: the chosen finding's words when one is chosen, else those of the
    /// most serious level in the part (the editor takes one style at a time).
    fn underline(&mut self, ws: &Workspace) {
        let Some(key) = self.part_key(ws) else { return };
        let voice = self.voice;
        let open = |f: &&Finding| f.has_span() && f.dismissed.is_none() && f.output == voice;
        let chosen = self
            .finding
            .and_then(|i| self.report.findings.get(i))
            .filter(|f| f.part.as_deref() == Some(key.as_str()))
            .filter(open);
        let (level, excerpts): (_, Vec<String>) = match chosen {
            Some(f) => (Some(f.level), vec![pattern(f)]),
            None => {
                let worst = self
                    .report
                    .in_part(&key)
                    .filter(open)
                    .map(|f| f.level)
                    .max();
                let words = self
                    .report
                    .in_part(&key)
                    .filter(open)
                    .filter(|f| Some(f.level) == worst)
                    .map(pattern)
                    .collect();
                (worst, words)
            }
        };
        if let Some(level) = level {
            self.editor
                .set_search_style(view::underline_style(level, self.theme));
        }
        let _ = self.editor.set_search_pattern(excerpts.join("|"));
    }

    /// The finding the screen points at: the one chosen in the coach's list (or jumped
    /// to) when this part shows it, else the first open one in this part.
    pub fn current_finding<'a>(&'a self, ws: &Workspace) -> Option<&'a Finding> {
        let key = self.part_key(ws)?;
        let chosen = self
            .finding
            .filter(|i| self.shown_findings(&key).contains(i))
            .and_then(|i| self.report.findings.get(i));
        chosen.or_else(|| {
            self.report.findings.iter().find(|f| {
                f.part.as_deref() == Some(key.as_str())
                    && f.dismissed.is_none()
                    && f.output == self.voice
            })
        })
    }

    /// The word to add to the user's word list: the chosen spelling finding's, in the
    /// coach's list; elsewhere the word at the editor's cursor. `Err` says why there is
    /// none.
    pub fn word_to_add(&self, ws: &Workspace) -> Result<String, &'static str> {
        if self.focus == Focus::Coach {
            return self
                .current_finding(ws)
                .filter(|f| crate::core::spell::RULES.contains(&f.rule.as_str()))
                .filter(|f| f.has_span())
                .map(|f| f.excerpt.clone())
                .ok_or("The chosen finding is not a spelling one: choose one, or put the cursor on the word.");
        }
        let ratatui_textarea::DataCursor(row, col) = self.editor.cursor();
        let lines = self.editor.lines();
        let line = lines.get(row).map_or("", String::as_str);
        let at = line.char_indices().nth(col).map_or(line.len(), |(b, _)| b);
        crate::core::spell::word_at(line, at)
            .map(str::to_string)
            .ok_or("No word at the cursor to add to your word list.")
    }

    /// Choose the finding above or below in the coach's list (`Top`, `Bottom` too),
    /// and put the editor's cursor on its words.
    fn choose_finding(&mut self, ws: &Workspace, action: Action) {
        let Some(key) = self.part_key(ws) else { return };
        let shown = self.shown_findings(&key);
        if shown.is_empty() {
            return;
        }
        let at = self
            .finding
            .and_then(|f| shown.iter().position(|i| *i == f));
        let next = match at {
            None => 0,
            Some(at) => super::step(at, shown.len(), action),
        };
        self.finding = shown.get(next).copied();
        self.cursor_to_finding(ws);
    }

    /// Put the editor's cursor at the chosen finding's words, when it has some here.
    fn cursor_to_finding(&mut self, ws: &Workspace) {
        let Some(f) = self.finding.and_then(|i| self.report.findings.get(i)) else {
            return;
        };
        if f.part != self.part_key(ws) || !f.has_span() {
            self.underline(ws);
            return;
        }
        let text = self.editor.lines().join("\n");
        let (row, col) = row_col(&text, f.start);
        self.editor
            .move_cursor(ratatui_textarea::CursorMove::Jump(row, col));
        self.underline(ws);
    }

    /// Move to the next open finding in a part, across parts: the editor's cursor goes
    /// to its words and the coach's list chooses it, but the keys stay with the list,
    /// so the next key (i to set it aside, n again) never types into the draft.
    fn next_finding(&mut self, ws: &mut Workspace, now: Stamp) -> DraftOutcome {
        let edited = self.commit(ws, now);
        if edited {
            self.refresh(ws);
        }
        let Some(i) = self.following_finding(ws) else {
            let text = "The coach has nothing to point at in this draft.".to_string();
            return if edited {
                DraftOutcome::Note(text)
            } else {
                DraftOutcome::Info(text)
            };
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
        // A finding in an output's own words is shown with those words in the editor.
        let mut i = i;
        if f.has_span() && f.output != self.voice {
            self.commit(ws, now);
            self.voice = f.output;
            if let Some(output) = f.output {
                self.output = output;
            }
            self.load_part(ws);
            self.refresh(ws);
            match self.report.findings.iter().position(|g| {
                g.rule == f.rule
                    && g.part == f.part
                    && g.excerpt == f.excerpt
                    && g.output == f.output
            }) {
                Some(again) => i = again,
                None => return DraftOutcome::Info(format!("{}.", f.name)),
            }
        }
        self.finding = Some(i);
        self.focus = Focus::Coach;
        self.cursor_to_finding(ws);
        let note = format!(
            "{}. i sets it aside, Enter edits there, n goes to the next.",
            f.name
        );
        if edited {
            DraftOutcome::Note(note)
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
        draft.dismissed.retain(|d| {
            !(d.rule == f.rule
                && d.part == f.part
                && d.excerpt == f.excerpt
                && d.output == f.output)
        });
        draft.dismissed.push(crate::core::coach::Dismissal {
            rule: f.rule,
            part: f.part,
            excerpt: f.excerpt,
            reason: reason.trim().to_string(),
            output: f.output,
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
        let index = index.min(self.parts_len(ws).saturating_sub(1));
        if index != self.part {
            self.guide_scroll = 0;
        }
        self.part = index;
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
            (_, Action::NextFocus) => self.cycle_focus(ws, true),
            (_, Action::PrevFocus) => self.cycle_focus(ws, false),
            (Focus::Steps, Action::Back) => return DraftOutcome::Leave,
            (_, Action::Back) => self.focus = Focus::Steps,
            (_, Action::NextPart) => return edited(self.go_to_part(ws, self.part + 1, now)),
            (_, Action::PrevPart) => {
                return edited(self.go_to_part(ws, self.part.saturating_sub(1), now));
            }
            (_, Action::CycleOutput) => {
                // Words typed for one output reach it before the editor moves on.
                let edited = self.commit(ws, now);
                self.cycle_output(ws);
                if edited {
                    return DraftOutcome::Edited;
                }
            }
            (_, Action::Voice) => return self.toggle_voice(ws, now),
            (_, Action::LeaveOut) => return self.toggle_left_out(ws, now),
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
            (Focus::Coach, Action::Open) => {
                self.cursor_to_finding(ws);
                self.focus = Focus::Editor;
            }
            (_, Action::Open) => self.focus = Focus::Editor,
            (Focus::Steps, a @ (Action::Up | Action::Down | Action::Top | Action::Bottom)) => {
                let len = self.parts_len(ws);
                return edited(self.go_to_part(ws, super::step(self.part, len, a), now));
            }
            (Focus::Coach, a @ (Action::Up | Action::Down | Action::Top | Action::Bottom)) => {
                self.choose_finding(ws, a);
            }
            (Focus::Guide, a @ (Action::Up | Action::Down | Action::Top | Action::Bottom)) => {
                let last = self.guide_overflow(ws, self.area);
                self.guide_scroll = scroll(self.guide_scroll.min(last), last, a);
            }
            (Focus::Preview, a @ (Action::Up | Action::Down | Action::Top)) => {
                self.preview_scroll = scroll(self.preview_scroll, u16::MAX, a);
            }
            _ => {}
        }
        DraftOutcome::Stay
    }

    /// The next pane (or the one before) among those that take no typing: the editor
    /// is entered with Enter, never by moving between panes. From the editor, the pane
    /// after it (or before it).
    fn cycle_focus(&mut self, ws: &Workspace, forward: bool) {
        const ORDER: [Focus; 5] = [
            Focus::Steps,
            Focus::Guide,
            Focus::Editor,
            Focus::Coach,
            Focus::Preview,
        ];
        let mut i = ORDER.iter().position(|f| *f == self.focus).unwrap_or(0);
        loop {
            i = if forward { i + 1 } else { i + ORDER.len() - 1 };
            i %= ORDER.len();
            if ORDER[i] != Focus::Editor {
                break;
            }
        }
        self.focus = ORDER[i];
        if self.focus == Focus::Coach && self.current_finding(ws).is_some() {
            // The list starts on the finding the screen points at.
            let key = self.part_key(ws).unwrap_or_default();
            if self
                .finding
                .is_none_or(|f| !self.shown_findings(&key).contains(&f))
            {
                let first = self.current_finding(ws).cloned();
                self.finding =
                    first.and_then(|c| self.report.findings.iter().position(|f| *f == c));
            }
            self.cursor_to_finding(ws);
        }
    }

    /// Move focus, restyling the editor to match.
    pub fn set_focus(&mut self, focus: Focus, ws: &Workspace) {
        self.focus = focus;
        self.style_editor(ws);
    }

    /// Word the current part for the output in the preview, or go back to the shared
    /// text. The editor then holds that output's words, and the meter and the coach
    /// follow it.
    fn toggle_voice(&mut self, ws: &mut Workspace, now: Stamp) -> DraftOutcome {
        if self.read_only {
            return DraftOutcome::Info(READ_ONLY.into());
        }
        let edited = self.commit(ws, now);
        self.voice = match self.voice {
            Some(_) => None,
            None => Some(self.output),
        };
        self.load_part(ws);
        self.refresh(ws);
        let text = match self.voice {
            Some(o) => format!(
                "Wording this part for the {} only: the other texts keep the shared words. v goes back to them; V lets the {} follow them again.",
                o.label(),
                o.label()
            ),
            None => "Writing the shared text of this part again.".to_string(),
        };
        if edited {
            DraftOutcome::Note(text)
        } else {
            DraftOutcome::Info(text)
        }
    }

    /// Leave the current part out of the output in the preview, or put it back.
    fn toggle_left_out(&mut self, ws: &mut Workspace, now: Stamp) -> DraftOutcome {
        if self.read_only {
            return DraftOutcome::Info(READ_ONLY.into());
        }
        self.commit(ws, now);
        let (Some(key), output) = (self.part_key(ws), self.output) else {
            return DraftOutcome::Stay;
        };
        let Some(draft) = ws.drafts.iter_mut().find(|d| d.flag == self.flag) else {
            return DraftOutcome::Stay;
        };
        let text = if draft.wording(output, &key) == Some(&Wording::Left) {
            draft.follow_shared(output, &key, now);
            format!("Put back into the {}, in the shared words.", output.label())
        } else {
            // Words of its own for this output are never dropped by leaving it out:
            // they go back to the shared text first, which asks.
            if let Some(Wording::Text(own)) = draft.wording(output, &key).cloned()
                && !own.trim().is_empty()
                && own != draft.part(&key)
            {
                return DraftOutcome::Info(format!(
                    "This part has words of its own for the {}: V lets it follow the shared text first, then L leaves it out.",
                    output.label()
                ));
            }
            draft.set_wording(output, &key, Wording::Left, now);
            format!("Left out of the {}. L puts it back.", output.label())
        };
        self.load_part(ws);
        self.refresh(ws);
        DraftOutcome::Note(text)
    }

    /// Let the output in the preview follow the shared text of the current part again,
    /// dropping its own wording; the caller asks first when that holds words.
    pub fn follow_shared(&mut self, ws: &mut Workspace, now: Stamp) -> bool {
        self.commit(ws, now);
        let Some(key) = self.part_key(ws) else {
            return false;
        };
        let output = self.output;
        let Some(draft) = ws.drafts.iter_mut().find(|d| d.flag == self.flag) else {
            return false;
        };
        let gone = draft.follow_shared(output, &key, now).is_some();
        self.load_part(ws);
        self.refresh(ws);
        gone
    }

    /// What letting the previewed output follow the shared text of this part would
    /// drop: its own words, when it has some that differ from the shared.
    pub fn own_words_here(&self, ws: &Workspace) -> Option<String> {
        let key = self.part_key(ws)?;
        let draft = self.draft(ws)?;
        match draft.wording(self.output, &key)? {
            Wording::Text(t) if t.trim() != draft.part(&key).trim() => Some(t.clone()),
            _ => None,
        }
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
        // While wording a part for one output, the editor follows to the next one.
        if self.voice.is_some() {
            self.voice = Some(self.output);
            self.load_part(ws);
        }
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

    /// Ready to not ready at once; not ready to ready at once only when nothing is
    /// wrong, else a question naming what is.
    fn toggle_ready(&mut self, ws: &mut Workspace, now: Stamp) -> DraftOutcome {
        if self.commit(ws, now) {
            self.refresh(ws);
        }
        let Some(draft) = ws.drafts.iter_mut().find(|d| d.flag == self.flag) else {
            return DraftOutcome::Stay;
        };
        if draft.status == Status::Ready {
            draft.status = Status::Drafting;
            draft.settle_status();
            draft.touch(now);
            self.refresh(ws);
            return DraftOutcome::Note("Marked as not ready.".into());
        }
        if self.problems.is_empty() {
            return self.mark_ready(ws, now);
        }
        DraftOutcome::AskReady(format!(
            "Mark it ready anyway? This draft is not ready to send: {}. (y/n)",
            describe(&self.problems)
        ))
    }

    /// Mark the draft ready, whatever is wrong with it (the applicant was asked).
    pub fn mark_ready(&mut self, ws: &mut Workspace, now: Stamp) -> DraftOutcome {
        if self.read_only {
            return DraftOutcome::Info(READ_ONLY.into());
        }
        let Some(draft) = ws.drafts.iter_mut().find(|d| d.flag == self.flag) else {
            return DraftOutcome::Stay;
        };
        draft.status = Status::Ready;
        draft.touch(now);
        self.refresh(ws);
        if self.problems.is_empty() {
            DraftOutcome::Note("Marked ready.".into())
        } else {
            DraftOutcome::Note(format!(
                "Marked ready; it shows as \"{}\" until this is fixed: {}.",
                crate::core::ready::NEEDS_A_LOOK,
                describe(&self.problems)
            ))
        }
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

    /// The parts list's rows on screen, for mouse clicks, when it is shown.
    pub fn steps_area(&self, ws: &Workspace, area: Rect) -> Option<Rect> {
        areas(area, self.head_rows(ws, area))
            .steps
            .map(|s| Block::bordered().inner(s))
    }

    pub fn click(
        &mut self,
        col: u16,
        row: u16,
        area: Rect,
        ws: &mut Workspace,
        now: Stamp,
    ) -> bool {
        if let Some(steps) = self.steps_area(ws, area)
            && steps.contains((col, row).into())
            && let Some(index) = self.step_at(ws, steps, row)
        {
            self.focus = Focus::Steps;
            let edited = self.go_to_part(ws, index, now);
            self.style_editor(ws);
            return edited;
        }
        false
    }
}

/// Why a draft cannot be changed.
pub const READ_ONLY: &str =
    "This draft was written by a newer flagdraft: it opens read only, so nothing in it is lost.";

/// A scroll position moved by `action`, kept within `0..=last`.
fn scroll(at: u16, last: u16, action: Action) -> u16 {
    match action {
        Action::Up => at.saturating_sub(1),
        Action::Down => at.saturating_add(1).min(last),
        Action::Top => 0,
        _ => last,
    }
}

/// What the editor underlines for finding `f`: its words; a misspelt word only where
/// it stands whole, not inside a longer word.
fn pattern(f: &Finding) -> String {
    if crate::core::spell::RULES.contains(&f.rule.as_str()) {
        format!("\\b{}\\b", escape(&f.excerpt))
    } else {
        escape(&f.excerpt)
    }
}

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
