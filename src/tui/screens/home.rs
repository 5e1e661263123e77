//! The applicant at a glance: the stories their flags are told in, worst first, each
//! with its flags under their own severities and its draft's status; a progress bar and
//! what to do next; the selected story's details beside or below, scrollable. Here a
//! story is explained together with another (J) or a flag of it on its own (B).

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use crate::core::coach::overview;
use crate::core::coach::rules::Level;
use crate::core::draft::Status;
use crate::core::flag::Flag;
use crate::core::story::Story;
use crate::store::workspace::Workspace;
use crate::tui::keymap::Action;
use crate::tui::text;
use crate::tui::theme::{Theme, glyph};

use super::pane::{self, Scroll};

/// Which pane of Home takes the arrow keys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HomeFocus {
    #[default]
    List,
    Details,
}

#[derive(Debug, Default)]
pub struct HomeScreen {
    /// The selected story, by its place in [`Workspace::told`].
    pub selected: usize,
    pub focus: HomeFocus,
    pub details: Scroll,
    /// A choice asked over the list: which story to join, which flag to set apart.
    pub choosing: Option<Chooser>,
    /// The first row of the list as last drawn.
    first: Cell<usize>,
}

/// What a [`Chooser`] decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// The story to explain together with the selected one.
    Join,
    /// The flag of the selected story to explain on its own.
    Split,
}

/// A short list asked over Home: the options by id, with their words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chooser {
    pub choice: Choice,
    /// The selected story's draft.
    pub story: String,
    pub options: Vec<(String, String)>,
    pub selected: usize,
}

/// What the coach says, as Home shows it: errors and warnings per draft id, and
/// strengths no draft mentions yet. Kept by the model; drawing only reads it.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    pub per_draft: std::collections::HashMap<String, (usize, usize)>,
    pub strengths: Vec<String>,
    /// Drafts marked ready that have a problem since: "ready, needs a look".
    pub looks: std::collections::HashSet<String>,
}

/// What a key on Home leads to.
#[derive(Debug, PartialEq, Eq)]
pub enum HomeOutcome {
    Stay,
    /// Open the story of this id (its draft's primary flag).
    OpenFlag(String),
    /// Say this, and stay.
    Note(String),
    /// Explain the two stories' flags in one draft: `keep` tells them, `other` goes.
    Join {
        keep: String,
        other: String,
    },
    /// Explain flag `flag` apart from the rest of story `story`.
    Split {
        story: String,
        flag: String,
    },
}

/// The status of the draft telling `story`.
pub fn draft_status(ws: &Workspace, story: &Story) -> Status {
    ws.draft(&story.id).map_or(Status::Empty, |d| d.status)
}

/// Columns of the severity word ("MODERATE" and a space) and of the status word.
const SEVERITY_W: usize = 9;
/// Wide enough for "drafting"; widened when a draft needs a look.
const STATUS_W: usize = 9;
/// Columns of the coach's count ("✗ 12" and a space).
const COACH_W: usize = 5;

impl HomeScreen {
    pub fn on_action(&mut self, action: Action, ws: &Workspace) -> HomeOutcome {
        if self.choosing.is_some() {
            return self.on_choosing(action);
        }
        let told = ws.told();
        match (self.focus, action) {
            (_, Action::Open) => {
                return told
                    .get(self.selected)
                    .map_or(HomeOutcome::Stay, |s| HomeOutcome::OpenFlag(s.id.clone()));
            }
            (_, Action::Join) => return self.ask_join(ws, &told),
            (_, Action::Split) => return self.ask_split(ws, &told),
            (_, Action::NextFocus | Action::PrevFocus) => {
                self.focus = match self.focus {
                    HomeFocus::List => HomeFocus::Details,
                    HomeFocus::Details => HomeFocus::List,
                };
            }
            (HomeFocus::Details, other) => {
                self.details.on_action(other);
            }
            (HomeFocus::List, other) => {
                let before = self.selected;
                self.selected = super::step(self.selected, told.len(), other);
                if self.selected != before {
                    self.details.reset();
                }
            }
        }
        HomeOutcome::Stay
    }

    /// Keys while a choice is asked: ↑/↓ choose, Enter decides, Esc lets it be.
    fn on_choosing(&mut self, action: Action) -> HomeOutcome {
        let Some(c) = &mut self.choosing else {
            return HomeOutcome::Stay;
        };
        match action {
            Action::Open => {
                let c = self.choosing.take();
                let Some(c) = c else {
                    return HomeOutcome::Stay;
                };
                let Some((id, _)) = c.options.get(c.selected).cloned() else {
                    return HomeOutcome::Stay;
                };
                match c.choice {
                    Choice::Join => HomeOutcome::Join {
                        keep: c.story,
                        other: id,
                    },
                    Choice::Split => HomeOutcome::Split {
                        story: c.story,
                        flag: id,
                    },
                }
            }
            Action::Back | Action::Quit => {
                self.choosing = None;
                HomeOutcome::Stay
            }
            other => {
                c.selected = super::step(c.selected, c.options.len(), other);
                HomeOutcome::Stay
            }
        }
    }

    /// The draft of the selected story, when it can be changed; else what to say (a
    /// draft written by a newer flagdraft is read only) that it cannot be `done`.
    fn changeable<'w>(
        &self,
        ws: &'w Workspace,
        told: &[Story],
        done: &str,
    ) -> Result<&'w crate::core::draft::Draft, HomeOutcome> {
        let story = told.get(self.selected).ok_or(HomeOutcome::Stay)?;
        ws.draft(&story.id).filter(|d| !d.read_only).ok_or_else(|| {
            HomeOutcome::Note(format!(
                "This story has no draft that can be changed here, so it cannot be {done}."
            ))
        })
    }

    /// Ask which story to explain together with the selected one.
    fn ask_join(&mut self, ws: &Workspace, told: &[Story]) -> HomeOutcome {
        let draft = match self.changeable(ws, told, "joined") {
            Ok(d) => d,
            Err(outcome) => return outcome,
        };
        let options: Vec<(String, String)> = told
            .iter()
            .filter(|s| s.id != draft.flag)
            .filter(|s| ws.draft(&s.id).is_some_and(|d| !d.read_only))
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect();
        if options.is_empty() {
            return HomeOutcome::Note("There is no other story to explain it with.".into());
        }
        self.choosing = Some(Chooser {
            choice: Choice::Join,
            story: draft.flag.clone(),
            options,
            selected: 0,
        });
        HomeOutcome::Stay
    }

    /// Ask which flag of the selected story to explain on its own.
    fn ask_split(&mut self, ws: &Workspace, told: &[Story]) -> HomeOutcome {
        let draft = match self.changeable(ws, told, "split") {
            Ok(d) => d,
            Err(outcome) => return outcome,
        };
        if draft.covers.is_empty() {
            return HomeOutcome::Note(
                "This story explains one flag only: there is nothing to set apart. J explains it together with another.".into(),
            );
        }
        let options: Vec<(String, String)> = draft
            .flags()
            .map(|id| {
                let title = ws
                    .flag(id)
                    .map_or_else(|| format!("{id} (no longer found)"), |f| f.title.clone());
                (id.to_string(), title)
            })
            .collect();
        self.choosing = Some(Chooser {
            choice: Choice::Split,
            story: draft.flag.clone(),
            options,
            selected: 0,
        });
        HomeOutcome::Stay
    }

    /// Select the flag at screen row `row`, when the list shows one there.
    pub fn click(&mut self, row: u16, area: Rect, ws: &Workspace) -> bool {
        let told = ws.told();
        let [_, list, _] = layout(ws, &told, area);
        let inner = Block::bordered().inner(list);
        if row < inner.y || row >= inner.bottom() {
            return false;
        }
        let heights: Vec<usize> =
            list_items(ws, &told, &Counts::default(), Theme::new(true), inner)
                .iter()
                .map(Vec::len)
                .collect();
        match pane::item_at(&heights, self.first.get(), usize::from(row - inner.y)) {
            Some(index) => {
                if index != self.selected {
                    self.details.reset();
                }
                self.selected = index;
                self.focus = HomeFocus::List;
                true
            }
            None => false,
        }
    }

    pub fn render(
        &self,
        ws: &Workspace,
        counts: &Counts,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let told = ws.told();
        let [head, list, detail] = layout(ws, &told, area);
        Paragraph::new(head_lines(ws, &told, theme, head.width)).render(head, buf);
        self.render_list(ws, &told, counts, theme, list, buf);
        if let Some(story) = told.get(self.selected) {
            let lines = details(ws, story, counts.strengths.first(), theme);
            let focused = self.focus == HomeFocus::Details;
            let title = if story.flags.len() > 1 {
                " About this story "
            } else {
                " About this flag "
            };
            let block = Block::bordered().title(title).border_style(if focused {
                theme.focused_border()
            } else {
                theme.border()
            });
            let hint = if focused { "↑/↓" } else { "tab, then ↓" };
            pane::scrolled(block, &lines, &self.details, hint, theme, detail, buf);
        }
        if let Some(c) = &self.choosing {
            render_chooser(c, ws, theme, area, buf);
        }
    }

    fn render_list(
        &self,
        ws: &Workspace,
        told: &[Story],
        counts: &Counts,
        theme: Theme,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let room = usize::from(area.width.saturating_sub(4));
        let legend = format!(
            " {} to fix · {} to check · {} not yet explained ",
            glyph::ERROR,
            glyph::WARNING,
            glyph::ON_RECORD
        );
        let short_legend = format!(" {} to fix · {} to check ", glyph::ERROR, glyph::WARNING);
        let mut block = Block::bordered()
            .title(text::choose(
                room,
                &[
                    " Red flags by story, most serious first ",
                    " Red flags by story ",
                    " Red flags ",
                ],
            ))
            .border_style(if self.focus == HomeFocus::List {
                theme.focused_border()
            } else {
                theme.border()
            });
        // Drafts left without a flag come first: the marks are explained in help too.
        if let Some(hint) = super::orphans::hint(ws, "O") {
            block = block.title_bottom(hint);
        } else if !ws.flags.is_empty() {
            let words = text::choose(room, &[&legend, &short_legend, ""]);
            block = block.title_bottom(Line::styled(words.to_string(), theme.dim()));
        }
        let inner = block.inner(area);
        block.render(area, buf);
        if ws.flags.is_empty() {
            let line = Line::from("No red flags found in this profile. Press p to review it.");
            Paragraph::new(text::wrap(&line, usize::from(inner.width))).render(inner, buf);
            return;
        }
        let items = list_items(ws, told, counts, theme, inner);
        pane::rows(
            &items,
            self.selected,
            &self.first,
            (theme.selected(), true),
            inner,
            buf,
        );
    }
}

/// Head, list and details: the head as tall as its wrapped words; list and details
/// side by side on wide screens, stacked on narrow ones.
fn layout(ws: &Workspace, told: &[Story], area: Rect) -> [Rect; 3] {
    let wanted = head_lines(ws, told, Theme::new(true), area.width).len();
    let most = area.height / 3;
    let head_h = u16::try_from(wanted).unwrap_or(u16::MAX).min(most.max(3));
    let [head, body] =
        Layout::vertical([Constraint::Length(head_h), Constraint::Fill(1)]).areas(area);
    let [list, detail] = if body.width >= 90 {
        Layout::horizontal([Constraint::Percentage(60), Constraint::Fill(1)]).areas(body)
    } else {
        Layout::vertical([Constraint::Fill(1), Constraint::Length(7)]).areas(body)
    };
    [head, list, detail]
}

/// `text` cut to `width` characters, with an ellipsis when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The rows of each story in the list. A story of one flag is one row: severity,
/// title (wrapped), the coach's count and the draft's status, in columns. A story of
/// several flags has a row of its own (its worst severity, its name, count and status),
/// then a row per flag under its own severity.
fn list_items(
    ws: &Workspace,
    told: &[Story],
    counts: &Counts,
    theme: Theme,
    area: Rect,
) -> Vec<Vec<Line<'static>>> {
    let open: Vec<&str> = overview::concealed(&ws.flags, &ws.drafts)
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    let width = usize::from(area.width);
    let on_record = |f: &Flag, title: &mut Vec<Span<'static>>| {
        if open.contains(&f.id.as_str()) {
            title.push(Span::styled(
                format!("{} ", glyph::ON_RECORD),
                theme.warning(),
            ));
        }
    };
    told.iter()
        .filter_map(|story| {
            let flags: Vec<&Flag> = story.flags.iter().filter_map(|id| ws.flag(id)).collect();
            let worst = *flags.first()?;
            let status = draft_status(ws, story);
            let sev = format!("{:<SEVERITY_W$}", worst.severity.label().to_uppercase());
            let (errors, warnings) = counts.per_draft.get(&story.id).copied().unwrap_or_default();
            let coach = match (errors, warnings) {
                (0, 0) => Span::raw(""),
                (0, w) => theme.marked(Level::Warning, &w.to_string()),
                (e, _) => theme.marked(Level::Error, &e.to_string()),
            };
            let coach_pad = COACH_W.saturating_sub(coach.width());
            let right = vec![
                Span::raw(" "),
                coach,
                Span::raw(" ".repeat(coach_pad)),
                if status == Status::Ready && counts.looks.contains(&story.id) {
                    Span::styled(
                        format!("{} ", crate::core::ready::NEEDS_A_LOOK),
                        theme.warning(),
                    )
                } else {
                    Span::styled(
                        format!("{:<STATUS_W$}", status.label()),
                        theme.status(status),
                    )
                },
            ];
            let left = vec![Span::styled(sev, theme.severity(worst.severity))];
            if let [only] = flags.as_slice() {
                let mut title = Vec::new();
                on_record(only, &mut title);
                title.push(Span::raw(only.title.clone()));
                return Some(pane::columns(left, Line::from(title), right, width));
            }
            let name = Line::from(vec![
                Span::styled(story.name.clone(), theme.title()),
                Span::styled(format!(" ·\u{a0}{}\u{a0}flags", flags.len()), theme.dim()),
            ]);
            let mut lines = pane::columns(left, name, right, width);
            for f in flags {
                let mut title = Vec::new();
                on_record(f, &mut title);
                title.push(Span::raw(f.title.clone()));
                lines.extend(pane::columns(
                    vec![
                        Span::raw("  "),
                        Span::styled(
                            format!("{:<SEVERITY_W$}", f.severity.label().to_uppercase()),
                            theme.severity(f.severity),
                        ),
                    ],
                    Line::from(title),
                    Vec::new(),
                    width,
                ));
            }
            Some(lines)
        })
        .collect()
}

/// Who, as of when and how many flags; the drafts ready, with a bar beside the words;
/// what to do next; and, when there are some, how many flags on the record no ready
/// draft explains. Wrapped to `width`.
fn head_lines(ws: &Workspace, told: &[Story], theme: Theme, width: u16) -> Vec<Line<'static>> {
    let who = ws.profile.name.as_deref().unwrap_or("Your application");
    let ready = told
        .iter()
        .filter(|s| draft_status(ws, s) == Status::Ready)
        .count();
    let total = told.len();
    let flags = text::count(ws.flags.len(), "red flag", "red flags");
    let found = if total < ws.flags.len() {
        format!("{flags} in {}", text::count(total, "story", "stories"))
    } else {
        flags
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(who.to_string(), theme.title()),
        Span::styled(format!("  ·  as of {}  ·  {found}", ws.today), theme.dim()),
    ])];
    let words = format!("{ready} of {} ready", text::count(total, "draft", "drafts"));
    let room = usize::from(width).saturating_sub(text::width(&words) + 2);
    let mut progress = vec![Span::raw(words)];
    if room >= 6 {
        let bar = room.min(30);
        let filled = if total == 0 {
            bar
        } else {
            (bar * ready).div_ceil(total).min(bar)
        };
        progress.push(Span::raw("  "));
        progress.push(Span::styled("█".repeat(filled), theme.ok()));
        progress.push(Span::styled("░".repeat(bar - filled), theme.dim()));
    }
    lines.push(Line::from(progress));
    lines.push(next_step(ws, told, theme));
    let open = overview::concealed(&ws.flags, &ws.drafts);
    if !open.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} On your record, not yet explained: ", glyph::ON_RECORD),
                theme.warning(),
            ),
            Span::raw(format!(
                "{}, marked {} below.",
                text::count(open.len(), "flag", "flags"),
                glyph::ON_RECORD
            )),
        ]));
    }
    text::wrap_all(&lines, usize::from(width))
}

fn next_step(ws: &Workspace, told: &[Story], theme: Theme) -> Line<'static> {
    let pending = told.iter().find(|s| draft_status(ws, s) != Status::Ready);
    match pending {
        Some(s) => Line::from(vec![
            Span::styled("Next: ", theme.accent()),
            Span::raw(format!("{} ({})", s.name, draft_status(ws, s).label())),
        ]),
        None if ws.flags.is_empty() => Line::styled(
            "Nothing to explain. Keep your profile up to date.",
            theme.ok(),
        ),
        None => Line::styled(
            "Every draft is ready. Rehearse your answers, then export.",
            theme.ok(),
        ),
    }
}

/// The selected story: each flag it explains, where it will be addressed, whether a
/// flag is on the record unexplained, a strength to use, and a question a program
/// director may ask.
fn details(
    ws: &Workspace,
    story: &Story,
    strength: Option<&String>,
    theme: Theme,
) -> Vec<Line<'static>> {
    let flags: Vec<&Flag> = story.flags.iter().filter_map(|id| ws.flag(id)).collect();
    let mut lines: Vec<Line<'static>> = Vec::new();
    if flags.len() > 1 {
        lines.push(Line::from(vec![
            Span::styled(story.name.clone(), theme.title()),
            Span::styled(
                format!(": one draft explains {} flags", flags.len()),
                theme.dim(),
            ),
        ]));
        lines.push(Line::from(""));
    }
    for f in &flags {
        lines.extend(super::flag::heading(f, theme));
    }
    lines.push(Line::from(""));
    let venues: Vec<&str> = ws
        .draft(&story.id)
        .map(|d| d.venues.iter().map(|v| v.label()).collect())
        .unwrap_or_default();
    lines.push(Line::from(vec![
        Span::styled("Address it in: ", theme.dim()),
        Span::raw(if venues.is_empty() {
            "not chosen yet".to_string()
        } else {
            venues.join(", ")
        }),
    ]));
    let concealed = overview::concealed(&ws.flags, &ws.drafts);
    if concealed.iter().any(|f| story.flags.contains(&f.id)) {
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} On your record: ", glyph::ON_RECORD),
                theme.warning(),
            ),
            Span::raw("programs will see it, explained or not. A draft marked ready answers it."),
        ]));
    }
    if let Some(tip) = strength {
        lines.push(Line::from(vec![
            Span::styled("Strength: ", theme.ok()),
            Span::raw(tip.clone()),
        ]));
    }
    if let Some(q) = flags.first().and_then(|f| f.questions.first()) {
        lines.push(Line::from(vec![
            Span::styled("A program director may ask: ", theme.dim()),
            Span::raw(q.clone()),
        ]));
    }
    let how = if flags.len() > 1 {
        "B explains one of these flags on its own; J joins another story to this one."
    } else {
        "J explains this flag together with another story, in one draft."
    };
    lines.push(Line::styled(how, theme.dim()));
    lines
}

/// The choice asked over Home, in a box over the list.
fn render_chooser(c: &Chooser, ws: &Workspace, theme: Theme, area: Rect, buf: &mut Buffer) {
    let name = ws.story_name(&c.story).unwrap_or_else(|| c.story.clone());
    let (title, intro, after) = match c.choice {
        Choice::Join => (
            " Explain together ",
            format!("Explain \"{name}\" in one draft together with:"),
            "Enter joins them: both drafts' words are kept, in order, for you to choose from; the other draft's file goes to the trash folder. Esc lets it be.",
        ),
        Choice::Split => (
            " Explain on its own ",
            format!("Which flag of \"{name}\" should have a draft of its own?"),
            "Enter sets it apart: the words stay in this story's draft, and the flag gets a new draft with its facts. Esc lets it be.",
        ),
    };
    let width = area.width.saturating_sub(4).clamp(20, 72);
    let inner_w = usize::from(width.saturating_sub(2));
    let mut lines = text::wrap(&Line::from(intro), inner_w);
    lines.push(Line::from(""));
    for (i, (_, label)) in c.options.iter().enumerate() {
        let style = if i == c.selected {
            theme.selected()
        } else {
            theme.text()
        };
        let mark = if i == c.selected { "› " } else { "  " };
        for (n, l) in text::wrap(&Line::from(label.clone()), inner_w.saturating_sub(2))
            .into_iter()
            .enumerate()
        {
            let lead = if n == 0 { mark } else { "  " };
            let mut spans = vec![Span::styled(lead.to_string(), style)];
            spans.extend(l.spans.into_iter().map(|s| s.style(style)));
            lines.push(Line::from(spans));
        }
    }
    lines.push(Line::from(""));
    lines.extend(text::wrap(&Line::styled(after, theme.dim()), inner_w));
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let x = area.x + (area.width.saturating_sub(width)) / 2;
    let y = area.y + (area.height.saturating_sub(height)) / 2;
    let popup = Rect::new(x, y, width.min(area.width), height);
    ratatui::widgets::Clear.render(popup, buf);
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .title(title)
                .border_style(theme.focused_border()),
        )
        .render(popup, buf);
}
