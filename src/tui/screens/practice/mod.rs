//! Rehearsal: questions matched to the applicant's flags; read an answer aloud against
//! the clock, or say it from memory with the draft hidden and see what it covered.

mod view;

use ratatui_textarea::{TextArea, WrapMode};

use crate::core::assemble::{InterviewAnswer, Output, interview, spoken_seconds, word_count};
use crate::core::coach::{Finding, TextContext};
use crate::core::practice::{self, Attempt, Coverage, Item, Mode, Order};
use crate::core::stamp::Stamp;
use crate::store::workspace::Workspace;
use crate::tui::keymap::Action;

/// What a recall attempt showed.
#[derive(Clone, Debug, PartialEq)]
pub struct Recall {
    pub said: String,
    pub coverage: Coverage,
    pub words: usize,
    pub seconds: (u32, u32),
    pub findings: Vec<Finding>,
}

pub struct PracticeScreen {
    pub items: Vec<Item>,
    pub selected: usize,
    pub mode: Mode,
    /// Clock (ms) when the read-aloud timer started, while it runs.
    pub started: Option<u64>,
    /// Seconds of the last stopped reading.
    pub last_seconds: Option<u32>,
    pub input: TextArea<'static>,
    pub typing: bool,
    pub recall: Option<Recall>,
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
            started: None,
            last_seconds: None,
            input: new_input(),
            typing: false,
            recall: None,
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
            return match action {
                Action::Back => {
                    self.typing = false;
                    PracticeOutcome::Stay
                }
                _ => PracticeOutcome::Stay,
            };
        }
        match action {
            Action::Back if self.timing() => {
                self.started = None;
                PracticeOutcome::Stay
            }
            Action::Back => PracticeOutcome::Leave,
            Action::ToggleMode if !self.timing() => {
                self.mode = match self.mode {
                    Mode::ReadAloud => Mode::Recall,
                    Mode::Recall => Mode::ReadAloud,
                };
                self.reset();
                PracticeOutcome::Stay
            }
            Action::Shuffle => {
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
                self.typing = true;
                PracticeOutcome::Stay
            }
            a @ (Action::Up | Action::Down | Action::Top | Action::Bottom) if !self.timing() => {
                self.selected = super::step(self.selected, self.items.len(), a);
                self.reset();
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
    }

    fn start_stop(&mut self, ws: &Workspace, clock_ms: u64, now: Stamp) -> PracticeOutcome {
        match self.started.take() {
            None => {
                self.started = Some(clock_ms);
                self.last_seconds = None;
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
        let coverage = practice::coverage(&said, &answer);
        let words = word_count(&said);
        let seconds = spoken_seconds(words);
        let ctx = TextContext {
            output: Some(Output::Interview),
            limit: None,
        };
        let findings = ws
            .coach
            .check_text(&said, ctx)
            .into_iter()
            .filter(|f| f.has_span())
            .collect();
        self.recall = Some(Recall {
            said,
            coverage,
            words,
            seconds,
            findings,
        });
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

fn new_input() -> TextArea<'static> {
    let mut t = TextArea::default();
    t.set_wrap_mode(WrapMode::WordOrGlyph);
    t.set_cursor_line_style(ratatui::style::Style::new());
    t.set_placeholder_text("Type what you would say, or its key points. Enter checks it.");
    t
}
