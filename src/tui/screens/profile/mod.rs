//! The profile form, section by section: move with ↑/↓, Enter edits a field (Enter or
//! Esc keeps what was typed), ←/→ change a choice, a adds and d deletes an entry in a
//! list, N starts over with a blank profile. Every field is checked as it is typed, and
//! the whole profile as the loader checks it before a save; Ctrl-S or leaving saves.

pub mod form;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};
use ratatui_textarea::TextArea;

use crate::core::month::YearMonth;
use crate::core::profile::Profile;
use crate::core::rules::Rules;
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;

use form::{Place, Section, blank_sections, checked_profile, sections};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Sections,
    Fields,
}

pub struct ProfileScreen {
    pub sections: Vec<Section>,
    pub section: usize,
    /// Index into the flattened fields of the section (record by record).
    pub field: usize,
    pub pane: Pane,
    /// The field being typed into, when one is.
    pub editing: Option<TextArea<'static>>,
    pub changed: bool,
    base: Profile,
    /// The month a blank "as of" stands for, when known: for notes only.
    this_month: Option<YearMonth>,
    /// The rules notes are judged by (the season calendar).
    rules: Rules,
    /// The fact the last save was refused for, and the field it points at, until
    /// the form changes.
    refused: Option<(Place, String)>,
    /// A save was tried: fields still empty that a save needs show as errors, not as
    /// fields waiting to be filled in.
    tried: bool,
    /// The form holds a new profile (a blank start, or starting over): saving it
    /// replaces the one before, which is kept as a backup.
    pub fresh: bool,
}

pub enum ProfileOutcome {
    Stay,
    /// A profile that checks out, to save and detect on.
    Save(Box<Profile>),
    /// Not saved; the text says why.
    Refused(String),
    /// Something to tell; nothing was refused.
    Info(String),
    Leave,
}

impl ProfileScreen {
    pub fn open(profile: &Profile, rules: &Rules) -> Self {
        Self {
            sections: sections(profile),
            section: 0,
            field: 0,
            pane: Pane::Fields,
            editing: None,
            changed: false,
            base: profile.clone(),
            this_month: None,
            rules: rules.clone(),
            refused: None,
            tried: false,
            fresh: false,
        }
    }

    /// A blank form, for a profile still to be written: nothing filled in for the
    /// applicant. `stand_in` is what fields the form does not show are taken from.
    pub fn blank(stand_in: &Profile, rules: &Rules) -> Self {
        let mut screen = Self::open(stand_in, rules);
        screen.sections = blank_sections(stand_in);
        screen.fresh = true;
        screen
    }

    /// Point at the first field the profile cannot be saved with, as a refused save
    /// does, and say why; `None` when it would save.
    pub fn point_at_problem(&mut self) -> Option<String> {
        self.check().err()
    }

    /// Judge the form's notes by `rules`, with `this_month` for a blank "as of".
    #[must_use]
    pub fn with_checks(mut self, this_month: Option<YearMonth>, rules: &Rules) -> Self {
        self.this_month = this_month;
        self.rules = rules.clone();
        self
    }

    /// Notes on the form as it stands (never a reason to refuse a save).
    pub fn notes(&self) -> Vec<(Place, String)> {
        form::notes(&self.sections, &self.base, &self.rules, self.this_month)
    }

    /// The profile the form describes, when it would load: what to save.
    pub fn checked(&self) -> Option<Profile> {
        checked_profile(&self.sections, &self.base, &self.rules).ok()
    }

    /// The form changed: a refusal no longer stands.
    fn touched(&mut self) {
        self.changed = true;
        self.refused = None;
    }

    /// Start over: the form of a new, blank profile. Nothing is replaced until it is
    /// saved; leaving without saving keeps the profile as it was.
    fn start_over(&mut self) -> ProfileOutcome {
        self.sections = blank_sections(&self.base);
        self.section = 0;
        self.field = 0;
        self.pane = Pane::Fields;
        self.refused = None;
        self.tried = false;
        self.fresh = true;
        self.changed = false;
        ProfileOutcome::Info(
            "A blank profile. Nothing is replaced until you save it: then your current profile is kept as a backup (profile.ron.bak). Esc now goes back to it as it was."
                .into(),
        )
    }

    fn width(&self) -> usize {
        let s = &self.sections[self.section];
        s.records
            .first()
            .map_or_else(|| (s.blank)().len(), Vec::len)
            .max(1)
    }

    fn count(&self) -> usize {
        self.sections[self.section]
            .records
            .iter()
            .map(Vec::len)
            .sum()
    }

    /// Record and field index of the selection.
    pub fn place(&self) -> (usize, usize) {
        (self.field / self.width(), self.field % self.width())
    }

    fn current(&mut self) -> Option<&mut form::Field> {
        let (r, f) = self.place();
        self.sections[self.section].records.get_mut(r)?.get_mut(f)
    }

    pub fn is_editing(&self) -> bool {
        self.editing.is_some()
    }

    pub fn on_action(&mut self, action: Action) -> ProfileOutcome {
        if self.editing.is_some() {
            return self.on_edit_action(action);
        }
        match (self.pane, action) {
            (_, Action::Save) => return self.save(),
            (_, Action::Back) => return self.leave(),
            (_, Action::StartOver) => return self.start_over(),
            (_, Action::NextFocus | Action::PrevFocus) => {
                self.pane = if self.pane == Pane::Sections {
                    Pane::Fields
                } else {
                    Pane::Sections
                };
            }
            (Pane::Sections, a @ (Action::Up | Action::Down | Action::Top | Action::Bottom)) => {
                self.section = super::step(self.section, self.sections.len(), a);
                self.field = 0;
            }
            (Pane::Sections, Action::Open) => self.pane = Pane::Fields,
            (Pane::Fields, a @ (Action::Up | Action::Down | Action::Top | Action::Bottom)) => {
                self.field = super::step(self.field, self.count(), a);
            }
            (Pane::Fields, Action::Open) => self.start_edit(),
            (Pane::Fields, Action::Left) => self.cycle(false),
            (Pane::Fields, Action::Right) => self.cycle(true),
            (_, Action::Add) => self.add(),
            (_, Action::Delete) => return self.delete(),
            _ => {}
        }
        ProfileOutcome::Stay
    }

    fn on_edit_action(&mut self, action: Action) -> ProfileOutcome {
        match action {
            // Esc keeps what was typed, as Enter does: typing is never thrown away.
            Action::Back if self.finish_edit() => {
                return ProfileOutcome::Info(format!("Kept what you typed; {NOT_YET}."));
            }
            Action::Back => {}
            Action::Save => {
                self.finish_edit();
                return self.save();
            }
            Action::NextFocus => {
                self.finish_edit();
            }
            _ => {}
        }
        ProfileOutcome::Stay
    }

    /// A key typed into the field being edited; Enter keeps the edit.
    pub fn on_edit_input(&mut self, input: ratatui_textarea::Input) {
        if input.key == ratatui_textarea::Key::Enter {
            self.finish_edit();
            return;
        }
        if let Some(t) = &mut self.editing {
            t.input(input);
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(t) = &mut self.editing {
            t.insert_str(text.replace('\n', " "));
        }
    }

    /// The value being typed, checked as it stands.
    pub fn edit_error(&self) -> Option<String> {
        let t = self.editing.as_ref()?;
        let (r, f) = self.place();
        let mut field = self.sections[self.section].records.get(r)?.get(f)?.clone();
        field.value = t.lines().join(" ");
        field.error()
    }

    fn start_edit(&mut self) {
        let Some(field) = self.current() else { return };
        if let form::Kind::Choice(_) = field.kind {
            field.cycle(true);
            self.touched();
            return;
        }
        let mut t = TextArea::new(vec![field.value.clone()]);
        t.move_cursor(ratatui_textarea::CursorMove::End);
        self.editing = Some(t);
    }

    /// Keep the text being typed in its field; true when that changed the field.
    fn finish_edit(&mut self) -> bool {
        let Some(t) = self.editing.take() else {
            return false;
        };
        let value = t.lines().join(" ");
        if let Some(field) = self.current()
            && field.value != value
        {
            field.value = value;
            self.touched();
            return true;
        }
        false
    }

    fn cycle(&mut self, forward: bool) {
        if let Some(f) = self.current()
            && let form::Kind::Choice(_) = f.kind
        {
            f.cycle(forward);
            self.touched();
        }
    }

    fn add(&mut self) {
        let s = &mut self.sections[self.section];
        if !s.list {
            return;
        }
        s.records.push((s.blank)());
        self.pane = Pane::Fields;
        self.field = (s.records.len() - 1) * self.width();
        self.touched();
    }

    fn delete(&mut self) -> ProfileOutcome {
        let (r, _) = self.place();
        let s = &mut self.sections[self.section];
        if !s.list || r >= s.records.len() {
            return ProfileOutcome::Stay;
        }
        s.records.remove(r);
        self.field = self.field.min(self.count().saturating_sub(1));
        self.field -= self.field % self.width();
        self.touched();
        ProfileOutcome::Info(format!("Entry {} deleted; {NOT_YET}.", r + 1))
    }

    /// Keep the field being typed and save the form, as on leaving: for quitting.
    pub fn save_now(&mut self) -> ProfileOutcome {
        self.finish_edit();
        self.save()
    }

    /// The profile the form describes, checked as the loader checks a file; on
    /// refusal, the selection moves to the field at fault and the text says why.
    fn check(&mut self) -> Result<Profile, String> {
        checked_profile(&self.sections, &self.base, &self.rules).map_err(|((s, r, f), why)| {
            self.tried = true;
            self.section = s;
            self.pane = Pane::Fields;
            self.field = r * self.width() + f;
            self.refused = why.clone().map(|w| ((s, r, f), w));
            match why {
                Some(w) => w,
                None => {
                    let field = self.sections.get(s).and_then(|x| x.records.get(r)?.get(f));
                    match field.and_then(|x| x.error().map(|e| (x.label, e))) {
                        Some((label, e)) => format!("{label}: {e}"),
                        None => "a field is marked in red".into(),
                    }
                }
            }
        })
    }

    fn save(&mut self) -> ProfileOutcome {
        match self.check() {
            Ok(p) => {
                self.base = p.clone();
                self.changed = false;
                self.refused = None;
                self.tried = false;
                ProfileOutcome::Save(Box::new(p))
            }
            Err(why) => ProfileOutcome::Refused(format!("Not saved: {why}.")),
        }
    }

    fn leave(&mut self) -> ProfileOutcome {
        if !self.changed {
            return ProfileOutcome::Leave;
        }
        self.save()
    }

    /// Every field's text as the form holds it, the one being typed included: what a
    /// recovery copy keeps when the form has unsaved changes. `None` when it has none.
    pub fn unsaved_values(&self) -> Option<Vec<Vec<Vec<String>>>> {
        let typing = self.editing.as_ref().map(|t| t.lines().join(" "));
        let (r0, f0) = self.place();
        let current = self.current_value();
        let differs = typing.is_some() && typing.as_deref() != current;
        if !self.changed && !differs {
            return None;
        }
        let values = self
            .sections
            .iter()
            .enumerate()
            .map(|(si, s)| {
                s.records
                    .iter()
                    .enumerate()
                    .map(|(ri, rec)| {
                        rec.iter()
                            .enumerate()
                            .map(|(fi, field)| match &typing {
                                Some(t) if si == self.section && ri == r0 && fi == f0 => t.clone(),
                                _ => field.value.clone(),
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        Some(values)
    }

    fn current_value(&self) -> Option<&str> {
        let (r, f) = self.place();
        self.sections[self.section]
            .records
            .get(r)?
            .get(f)
            .map(|x| x.value.as_str())
    }

    /// The form over `profile` with the field texts of a recovery copy put back, marked
    /// changed. Values that no longer fit the form's shape are skipped.
    pub fn restored(profile: &Profile, rules: &Rules, values: &[Vec<Vec<String>>]) -> Self {
        let mut screen = Self::open(profile, rules);
        for (section, saved) in screen.sections.iter_mut().zip(values) {
            if section.list {
                section.records = saved.iter().map(|_| (section.blank)()).collect();
            }
            for (record, texts) in section.records.iter_mut().zip(saved) {
                for (field, text) in record.iter_mut().zip(texts) {
                    field.value.clone_from(text);
                }
            }
        }
        screen.changed = true;
        screen
    }

    /// Forget unsaved changes (leaving after a refused save).
    pub fn discard(&mut self) {
        self.sections = sections(&self.base);
        self.changed = false;
        self.editing = None;
        self.refused = None;
        self.tried = false;
        self.fresh = false;
    }
}

/// What every change that is not saved at once says about it.
const NOT_YET: &str = "not saved yet: Ctrl-S saves, and so does leaving with Esc";

impl ProfileScreen {
    pub fn render(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        let [left, right] = if area.width >= 80 {
            Layout::horizontal([Constraint::Length(SECTIONS_WIDTH), Constraint::Fill(1)])
                .areas(area)
        } else {
            Layout::vertical([Constraint::Length(3), Constraint::Fill(1)]).areas(area)
        };
        if area.width >= 80 {
            self.render_sections(theme, left, buf);
        } else {
            let s = &self.sections[self.section];
            Paragraph::new(format!(
                "{} ({} of {}) · tab: sections",
                s.title,
                self.section + 1,
                self.sections.len()
            ))
            .block(Block::bordered().border_style(theme.border()))
            .render(left, buf);
        }
        self.render_fields(theme, right, buf);
    }

    fn render_sections(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        let items: Vec<ListItem> = self
            .sections
            .iter()
            .map(|s| {
                let n = if s.list {
                    format!(" ({})", s.records.len())
                } else {
                    String::new()
                };
                ListItem::new(format!("{}{n}", s.title))
            })
            .collect();
        let style = if self.pane == Pane::Sections {
            theme.focused_border()
        } else {
            theme.border()
        };
        let title = if self.fresh {
            " New profile "
        } else {
            " Profile "
        };
        let mut state = ListState::default().with_selected(Some(self.section));
        StatefulWidget::render(
            List::new(items)
                .block(Block::bordered().title(title).border_style(style))
                .highlight_style(theme.selected()),
            area,
            buf,
            &mut state,
        );
    }

    fn render_fields(&self, theme: Theme, area: Rect, buf: &mut Buffer) {
        let section = &self.sections[self.section];
        let inner = usize::from(area.width.saturating_sub(2));
        let mut lines = Vec::new();
        // The lines of the selected field, first and last.
        let mut selected = (0, 0);
        if section.records.is_empty() {
            lines.push(Line::styled(
                "Nothing here yet. Press a to add an entry.",
                theme.dim(),
            ));
        }
        let width = self.width();
        let notes = self.notes();
        for (r, record) in section.records.iter().enumerate() {
            if section.list {
                lines.push(Line::styled(format!("Entry {}", r + 1), theme.accent()));
            }
            for (f, field) in record.iter().enumerate() {
                let here = r * width + f == self.field && self.pane == Pane::Fields;
                let first = lines.len();
                let note = notes
                    .iter()
                    .find(|(at, _)| *at == (self.section, r, f))
                    .map(|(_, text)| text.as_str());
                let refused = self
                    .refused
                    .as_ref()
                    .filter(|(place, _)| *place == (self.section, r, f))
                    .map(|(_, why)| why.as_str());
                lines.extend(self.field_lines(field, here, refused, note, inner, theme));
                if here {
                    selected = (first, lines.len().saturating_sub(1));
                }
            }
        }
        let inner_height = usize::from(area.height.saturating_sub(2));
        // The whole selected field in view, its first line at least.
        let scroll = (selected.1 + 1)
            .saturating_sub(inner_height)
            .min(selected.0);
        let style = if self.pane == Pane::Fields {
            theme.focused_border()
        } else {
            theme.border()
        };
        // The longest hint that fits under the pane, never cut.
        let room = usize::from(area.width.saturating_sub(2));
        let hints: &[&str] = if section.list {
            &[
                " enter edit · ←/→ choose · a add · d delete · ctrl-s save ",
                " enter edit · a add · d delete · ctrl-s save ",
                " a add · d delete · ctrl-s save ",
            ]
        } else {
            &[" enter edit · ←/→ choose · ctrl-s save ", " ctrl-s save "]
        };
        let help = hints
            .iter()
            .find(|h| h.chars().count() <= room)
            .copied()
            .unwrap_or("");
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(0), 0))
            .block(
                Block::bordered()
                    .title(format!(" {} ", section.title))
                    .title_bottom(help)
                    .border_style(style),
            )
            .render(area, buf);
    }

    /// A field as lines `inner` wide: its label and value on one line when they fit
    /// (else the value under the label), then what is wrong or worth knowing, under
    /// the value, wrapped between words.
    fn field_lines(
        &self,
        field: &form::Field,
        here: bool,
        refused: Option<&str>,
        note: Option<&str>,
        inner: usize,
        theme: Theme,
    ) -> Vec<Line<'static>> {
        let label_style = if here { theme.selected() } else { theme.dim() };
        let typing = matches!((&self.editing, here), (Some(_), true));
        let (value, error) = match (&self.editing, here) {
            (Some(t), true) => (format!("{}▏", t.lines().join(" ")), self.edit_error()),
            _ => (field.shown(), field.error()),
        };
        let value = match field.kind {
            form::Kind::Choice(_) if value.is_empty() => "‹ choose ›".to_string(),
            form::Kind::Choice(_) => format!("‹ {value} ›"),
            _ if value.is_empty() => "—".to_string(),
            _ => value,
        };
        // An empty field a save needs waits quietly until a save is tried.
        let waiting = field.missing() && !self.tried && !typing && refused.is_none();
        let message = match (error.or_else(|| refused.map(str::to_string)), note) {
            (Some(_), _) if waiting => Some(("needed before saving".to_string(), theme.dim())),
            (Some(e), _) => Some((format!("✗ {e}"), theme.error())),
            (None, Some(n)) => Some((format!("! {n}"), theme.warning())),
            (None, None) => None,
        };
        let value_len = value.chars().count();
        let mut lines = Vec::new();
        if LABEL_WIDTH + 1 + value_len <= inner {
            let mut spans = vec![
                Span::styled(format!("{:<LABEL_WIDTH$}", field.label), label_style),
                Span::raw(" "),
                Span::styled(value, theme.text()),
            ];
            let used = LABEL_WIDTH + 1 + value_len;
            match message {
                Some((text, style)) if used + 2 + text.chars().count() <= inner => {
                    spans.push(Span::styled(format!("  {text}"), style));
                    lines.push(Line::from(spans));
                }
                Some((text, style)) => {
                    lines.push(Line::from(spans));
                    push_wrapped(&mut lines, &text, LABEL_WIDTH + 1, inner, style);
                }
                None => lines.push(Line::from(spans)),
            }
        } else {
            // Too narrow for both: the value under its label.
            lines.push(Line::styled(field.label.to_string(), label_style));
            push_wrapped(&mut lines, &value, 2, inner, theme.text());
            if let Some((text, style)) = message {
                push_wrapped(&mut lines, &text, 2, inner, style);
            }
        }
        lines
    }
}

/// The sections pane, wide enough for the longest title and its count.
const SECTIONS_WIDTH: u16 = 26;

/// The labels' column.
const LABEL_WIDTH: usize = 30;

/// `text` wrapped between words to lines `inner` wide, each indented by `indent`, or
/// by two when that would leave too little room.
fn push_wrapped(
    lines: &mut Vec<Line<'static>>,
    text: &str,
    indent: usize,
    inner: usize,
    style: ratatui::style::Style,
) {
    const ROOM: usize = 24;
    let indent = if inner >= indent + ROOM { indent } else { 2 };
    for line in super::wrap_words(text, inner.saturating_sub(indent).max(1)) {
        lines.push(Line::styled(format!("{}{line}", " ".repeat(indent)), style));
    }
}
