//! Rehearsal: questions matched to the applicant's flags; read an answer aloud against
//! the clock, or say it from memory with the draft hidden and see what it covered and
//! which fillers crept in; and the past attempts at each question, with their trend.

mod view;

use std::cell::Cell;

use ratatui_textarea::{TextArea, WrapMode};

use crate::core::assemble::{InterviewAnswer, Output, interview, spoken_seconds, word_count};
use crate::core::coach::{Finding, TextContext};
use crate::core::practice::{self, Attempt, Coverage, Heard, Item, Mode, Order};
use crate::core::stamp::Stamp;
use crate::store::workspace::Workspace;
use crate::tui::keymap::Action;

/// What a recall attempt showed.
#[derive(Clone, Debug, PartialEq)]
pub struct Recall {
    pub said: String,
    pub coverage: Coverage,
    /// How each part was heard, and the fillers.
    pub heard: Heard,
    pub words: usize,
    pub seconds: (u32, u32),
    /// The coach's findings besides fillers, which practice counts itself.
    pub findings: Vec<Finding>,
}

/// Where the keys go: the question list, the answer (read aloud, or the recall and
/// its result), or the past attempts at the question. Tab moves between them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pane {
    #[default]
    Questions,
    Answer,
    History,
}

pub struct PracticeScreen {
    pub items: Vec<Item>,
    pub selected: usize,
    pub mode: Mode,
    pub pane: Pane,
    /// Clock (ms) when the read-aloud timer started, while it runs.
    pub started: Option<u64>,
    /// Seconds of the last stopped reading.
    pub last_seconds: Option<u32>,
    pub input: TextArea<'static>,
    pub typing: bool,
    pub recall: Option<Recall>,
    /// Lines scrolled past in the answer pane and in the past attempts.
    pub scroll: u16,
    pub history_scroll: u16,
    /// How far each can scroll, as the last frame laid them out.
    scroll_room: Cell<u16>,
    history_room: Cell<u16>,
}

pub enum PracticeOutcome {
    Stay,
    /// An attempt to add to the history.
    Record(Attempt),
    Leave,
}

impl PracticeScreen {
    pub fn open(ws: &Workspace) -> Self {
        Self {
            items: practice::drill(&ws.knowledge.bank, &ws.flags, &ws.drafts, Order::AsAsked),
            selected: 0,
            mode: Mode::ReadAloud,
            pane: Pane::Questions,
            started: None,
            last_seconds: None,
            input: new_input(),
            typing: false,
            recall: None,
            scroll: 0,
            history_scroll: 0,
            scroll_room: Cell::new(u16::MAX),
            history_room: Cell::new(u16::MAX),
        }
    }

    pub fn timing(&self) -> bool {
        self.started.is_some()
    }

    /// The interview answer that answers the selected question.
    pub fn answer(&self, ws: &Workspace) -> Option<InterviewAnswer> {
        let flag = self.items.get(self.selected)?.flag.as_deref()?;
        let draft = ws.draft(flag)?;
        let t = ws.templates.get(draft.kind.family())?;
        Some(interview(draft, t))
    }

    pub fn on_action(
        &mut self,
        action: Action,
        ws: &Workspace,
        clock_ms: u64,
        now: Stamp,
    ) -> PracticeOutcome {
        if self.typing {
            if action == Action::Back {
                self.typing = false;
            }
            return PracticeOutcome::Stay;
        }
        match action {
            Action::Back if self.timing() => {
                self.started = None;
                PracticeOutcome::Stay
            }
            Action::Back if self.pane != Pane::Questions => {
                self.pane = Pane::Questions;
                PracticeOutcome::Stay
            }
            Action::Back => PracticeOutcome::Leave,
            Action::NextFocus | Action::PrevFocus => {
                let order = [Pane::Questions, Pane::Answer, Pane::History];
                let at = order.iter().position(|p| *p == self.pane).unwrap_or(0);
                let step = if action == Action::NextFocus { 1 } else { 2 };
                self.pane = order[(at + step) % order.len()];
                PracticeOutcome::Stay
            }
            Action::ToggleMode if !self.timing() => {
                self.mode = match self.mode {
                    Mode::ReadAloud => Mode::Recall,
                    Mode::Recall => Mode::ReadAloud,
                };
                self.reset();
                PracticeOutcome::Stay
            }
            Action::Shuffle if !self.timing() => {
                let seed = now.0 ^ clock_ms;
                self.items = practice::drill(
                    &ws.knowledge.bank,
                    &ws.flags,
                    &ws.drafts,
                    Order::Shuffled(seed),
                );
                self.selected = 0;
                self.reset();
                PracticeOutcome::Stay
            }
            Action::StartStop if self.mode == Mode::ReadAloud => self.start_stop(ws, clock_ms, now),
            Action::Open if self.mode == Mode::Recall => {
                // Back to the words, to change them and check again.
                self.typing = true;
                self.recall = None;
                self.pane = Pane::Answer;
                self.scroll = 0;
                PracticeOutcome::Stay
            }
            Action::Open if self.pane == Pane::Questions => {
                self.pane = Pane::Answer;
                PracticeOutcome::Stay
            }
            a @ (Action::Up | Action::Down | Action::Top | Action::Bottom) => {
                match self.pane {
                    Pane::Questions if !self.timing() => {
                        let before = self.selected;
                        self.selected = super::step(self.selected, self.items.len(), a);
                        if self.selected != before {
                            self.reset();
                        }
                    }
                    Pane::Questions => {}
                    Pane::Answer => self.scroll = scrolled(self.scroll, &self.scroll_room, a),
                    Pane::History => {
                        self.history_scroll = scrolled(self.history_scroll, &self.history_room, a);
                    }
                }
                PracticeOutcome::Stay
            }
            _ => PracticeOutcome::Stay,
        }
    }

    fn reset(&mut self) {
        self.started = None;
        self.last_seconds = None;
        self.input = new_input();
        self.typing = false;
        self.recall = None;
        self.scroll = 0;
        self.history_scroll = 0;
        self.scroll_room.set(u16::MAX);
        self.history_room.set(u16::MAX);
    }

    fn start_stop(&mut self, ws: &Workspace, clock_ms: u64, now: Stamp) -> PracticeOutcome {
        match self.started.take() {
            None => {
                self.started = Some(clock_ms);
                self.last_seconds = None;
                // Reading starts at the top of the answer, with ↑↓ scrolling it.
                self.pane = Pane::Answer;
                self.scroll = 0;
                PracticeOutcome::Stay
            }
            Some(start) => {
                let seconds =
                    u32::try_from(clock_ms.saturating_sub(start) / 1000).unwrap_or(u32::MAX);
                self.last_seconds = Some(seconds);
                let Some(item) = self.items.get(self.selected) else {
                    return PracticeOutcome::Stay;
                };
                let words = self.answer(ws).map_or(0, |a| word_count(&a.text()));
                PracticeOutcome::Record(Attempt {
                    question: item.question.id.clone(),
                    mode: Mode::ReadAloud,
                    date: now,
                    seconds,
                    words,
                    coverage: None,
                })
            }
        }
    }

    /// A key typed into the recall answer; Enter checks it.
    pub fn on_input(
        &mut self,
        input: ratatui_textarea::Input,
        ws: &Workspace,
        now: Stamp,
    ) -> PracticeOutcome {
        if input.key == ratatui_textarea::Key::Enter {
            return self.check(ws, now);
        }
        self.input.input(input);
        PracticeOutcome::Stay
    }

    pub fn paste(&mut self, text: &str) {
        self.input.insert_str(text.replace('\n', " "));
    }

    fn check(&mut self, ws: &Workspace, now: Stamp) -> PracticeOutcome {
        self.typing = false;
        let said = self.input.lines().join(" ");
        if said.trim().is_empty() {
            return PracticeOutcome::Stay;
        }
        let answer = self.answer(ws).unwrap_or_default();
        let heard = practice::hear(&said, &answer);
        let coverage = heard.coverage();
        let words = word_count(&said);
        let seconds = spoken_seconds(words);
        let ctx = TextContext {
            output: Some(Output::Interview),
            limit: None,
            kind: None,
        };
        let findings = ws
            .coach
            .check_text(&said, ctx)
            .into_iter()
            .filter(|f| f.has_span() && f.rule != "filler")
            .collect();
        self.recall = Some(Recall {
            said,
            coverage,
            heard,
            words,
            seconds,
            findings,
        });
        self.pane = Pane::Answer;
        self.scroll = 0;
        self.scroll_room.set(u16::MAX);
        let Some(item) = self.items.get(self.selected) else {
            return PracticeOutcome::Stay;
        };
        PracticeOutcome::Record(Attempt {
            question: item.question.id.clone(),
            mode: Mode::Recall,
            date: now,
            seconds: (seconds.0 + seconds.1) / 2,
            words,
            coverage: Some(coverage),
        })
    }
}

/// A scroll position moved by a list action, kept within what the last frame showed.
fn scrolled(at: u16, room: &Cell<u16>, action: Action) -> u16 {
    let max = room.get();
    match action {
        Action::Up => at.saturating_sub(1),
        Action::Down => at.saturating_add(1).min(max),
        Action::Top => 0,
        Action::Bottom => max,
        _ => at,
    }
    .min(max)
}

fn new_input() -> TextArea<'static> {
    let mut t = TextArea::default();
    t.set_wrap_mode(WrapMode::WordOrGlyph);
    t.set_cursor_line_style(ratatui::style::Style::new());
    t.set_placeholder_text("What you would say, or its key points");
    t
}
