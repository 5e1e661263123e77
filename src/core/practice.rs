//! Rehearsal: the question bank, drills matched to the applicant's flags, how much of
//! an answer's three parts a spoken or typed attempt covered, and the history of
//! attempts. Pure: elapsed time and dates arrive as arguments.

pub mod hear;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::assemble::InterviewAnswer;
use super::draft::{Draft, Status};
use super::flag::{Flag, FlagKind};
use super::locate::{Located, quoted};
use super::stamp::Stamp;

pub const EMBEDDED: &str = include_str!("../../assets/questions.ron");

/// The history format this build writes.
pub const PRACTICE_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename = "Questions", deny_unknown_fields)]
pub struct Bank {
    pub version: u32,
    pub questions: Vec<Question>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub text: String,
    /// The flag kinds that prompt it; none means every applicant is asked it.
    #[serde(default)]
    pub kinds: Vec<FlagKind>,
    /// A staple of any Med-Peds interview, about the applicant rather than a flag: no
    /// draft answers it, so it is rehearsed from the applicant's own notes.
    #[serde(default)]
    pub general: bool,
    /// For a question asked of everyone about a difficulty: the flag kinds whose draft
    /// answers it best, when one is as finished as any other.
    #[serde(default)]
    pub about: Vec<FlagKind>,
}

impl Bank {
    pub fn parse(text: &str) -> Result<Self, ron::error::SpannedError> {
        super::ron_text::from_str(text)
    }

    pub fn embedded() -> Self {
        Self::parse(EMBEDDED).unwrap_or(Bank {
            version: 1,
            questions: Vec::new(),
        })
    }

    /// The questions a flag of `kind` prompts, in the bank's order: what `detect` shows
    /// for the flag and what practice asks about it.
    pub fn asked_for(&self, kind: FlagKind) -> impl Iterator<Item = &Question> {
        self.questions
            .iter()
            .filter(move |q| q.kinds.contains(&kind))
    }

    /// Refuse a question without an id or words, and an id asked twice. `text` is the
    /// file, to say where.
    pub fn check(&self, text: &str) -> Result<(), Located> {
        for (i, q) in self.questions.iter().enumerate() {
            let id = quoted(&q.id);
            if q.id.trim().is_empty() {
                return Err(Located::at(
                    text,
                    &["questions", &id],
                    "a question has an empty id",
                ));
            }
            if self.questions[..i].iter().any(|p| p.id == q.id) {
                let message = format!("question {:?} is listed twice", q.id);
                return Err(Located::at(text, &["questions", &id, &id], message));
            }
            if q.text.trim().is_empty() {
                let message = format!("question {:?} has no text", q.id);
                return Err(Located::at(text, &["questions", &id, "text"], message));
            }
        }
        Ok(())
    }
}

/// One question of a drill, with the flag whose draft answers it: for the common
/// questions about difficulties the most finished draft (see `answering`), none for the
/// general staples.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub question: Question,
    pub flag: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    AsAsked,
    /// Shuffled by a seed, so the same seed gives the same drill.
    Shuffled(u64),
}

/// How finished a draft is, to choose the one that answers a question asked of every
/// applicant: ready before drafting before empty, then a flag kind the question is
/// about, then the most of the applicant's own words.
fn finish(draft: &Draft, about: &[FlagKind]) -> (u8, bool, usize) {
    let status = match draft.status {
        Status::Ready => 2,
        Status::Drafting => 1,
        Status::Empty => 0,
    };
    let own: usize = draft
        .parts
        .iter()
        .filter(|(k, _)| draft.is_own(k))
        .map(|(_, t)| t.chars().count())
        .sum();
    (status, about.contains(&draft.kind), own)
}

/// The flag whose draft answers `question`, asked of every applicant: the most finished
/// draft of a detected flag, the worst flag's when none is further along than another.
pub fn answering(question: &Question, flags: &[Flag], drafts: &[Draft]) -> Option<String> {
    let mut best: Option<(&Flag, (u8, bool, usize))> = None;
    for flag in flags {
        let score = drafts
            .iter()
            .find(|d| d.flag == flag.id && !d.orphaned)
            .map_or((0, false, 0), |d| finish(d, &question.about));
        if best.as_ref().is_none_or(|(_, b)| score > *b) {
            best = Some((flag, score));
        }
    }
    best.map(|(f, _)| f.id.clone())
}

/// The questions for these flags: the common ones (answered from the most finished
/// draft), then each detected flag's, worst flag first (its draft answers them).
pub fn drill(bank: &Bank, flags: &[Flag], drafts: &[Draft], order: Order) -> Vec<Item> {
    let mut items: Vec<Item> = bank
        .questions
        .iter()
        .filter(|q| q.kinds.is_empty())
        .map(|q| Item {
            question: q.clone(),
            flag: if q.general {
                None
            } else {
                answering(q, flags, drafts)
            },
        })
        .collect();
    let mut seen = BTreeSet::new();
    for flag in flags {
        for q in bank.asked_for(flag.kind) {
            if seen.insert((q.id.clone(), flag.id.clone())) {
                items.push(Item {
                    question: q.clone(),
                    flag: Some(flag.id.clone()),
                });
            }
        }
    }
    if let Order::Shuffled(seed) = order {
        shuffle(&mut items, seed);
    }
    items
}

/// Fisher-Yates with xorshift64: deterministic for a seed, no crate needed.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = (state % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// How much of each of the three spoken parts an attempt covered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    pub issue: bool,
    pub did: bool,
    pub learned: bool,
}

impl Coverage {
    /// Parts covered, 0 to 3.
    pub fn score(self) -> u8 {
        u8::from(self.issue) + u8::from(self.did) + u8::from(self.learned)
    }
}

pub use hear::{COVER_SHARE, COVER_WORDS, FillerAt, Heard, Shown, fillers, hear};

/// Which parts of `answer` the typed or spoken `attempt` covered: said in the draft's
/// words, or opened the way that part is said ("I learned…", "since then I…").
pub fn coverage(attempt: &str, answer: &InterviewAnswer) -> Coverage {
    hear(attempt, answer).coverage()
}

impl Heard {
    pub fn coverage(&self) -> Coverage {
        let [issue, did, learned] = self.parts.each_ref().map(Option::is_some);
        Coverage {
            issue,
            did,
            learned,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// Read the answer aloud against the clock.
    ReadAloud,
    /// Say it from memory, typing it or its key points, with the draft hidden.
    Recall,
}

/// One rehearsal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attempt {
    pub question: String,
    pub mode: Mode,
    pub date: Stamp,
    /// Seconds spoken (read aloud) or implied by the words typed (recall).
    pub seconds: u32,
    #[serde(default)]
    pub words: usize,
    #[serde(default)]
    pub coverage: Option<Coverage>,
}

/// Readings shorter than this say nothing about pace.
pub const PACE_MIN_SECONDS: u32 = 10;

impl Attempt {
    /// Words a minute of a reading aloud, when it was long enough to tell.
    pub fn words_per_minute(&self) -> Option<u32> {
        if self.mode != Mode::ReadAloud || self.words == 0 || self.seconds < PACE_MIN_SECONDS {
            return None;
        }
        let words = u32::try_from(self.words).unwrap_or(u32::MAX);
        Some(words.saturating_mul(60) / self.seconds)
    }

    /// The attempt on the trend's 0-3 scale: parts covered for recall, closeness to the
    /// 60-90 s band for reading aloud.
    pub fn score(&self) -> u8 {
        match (self.mode, self.coverage) {
            (Mode::Recall, Some(c)) => c.score(),
            _ => timing_score(self.seconds),
        }
    }
}

/// Every attempt, oldest first: `practice.ron`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Practice", deny_unknown_fields)]
pub struct History {
    pub version: u32,
    #[serde(default)]
    pub attempts: Vec<Attempt>,
}

/// A question's record, for the trend line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trend {
    /// Score per attempt in time order: parts covered for recall, closeness to the
    /// 60-90 s band for reading aloud, both on a 0-3 scale.
    pub points: Vec<u64>,
    pub best: Option<u64>,
    pub last: Option<u64>,
}

/// Score of a timed reading: 3 inside 60-90 s, less the further outside.
pub fn timing_score(seconds: u32) -> u8 {
    match seconds {
        60..=90 => 3,
        45..=59 | 91..=105 => 2,
        30..=44 | 106..=120 => 1,
        _ => 0,
    }
}

impl History {
    pub fn record(&mut self, attempt: Attempt) {
        self.version = PRACTICE_VERSION;
        self.attempts.push(attempt);
    }

    /// The attempts at `question`, oldest first.
    pub fn of<'a>(&'a self, question: &'a str) -> impl DoubleEndedIterator<Item = &'a Attempt> {
        self.attempts.iter().filter(move |a| a.question == question)
    }

    pub fn trend(&self, question: &str) -> Trend {
        let points: Vec<u64> = self.of(question).map(|a| u64::from(a.score())).collect();
        Trend {
            best: points.iter().copied().max(),
            last: points.last().copied(),
            points,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bank_has_common_questions_and_two_per_kind() {
        let bank = Bank::parse(EMBEDDED).unwrap();
        assert!(bank.questions.iter().filter(|q| q.kinds.is_empty()).count() >= 3);
        for kind in FlagKind::ALL {
            let n = bank
                .questions
                .iter()
                .filter(|q| q.kinds.contains(&kind))
                .count();
            assert!(n >= 2, "{kind} has {n} questions");
        }
        let mut ids: Vec<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), bank.questions.len(), "question ids are unique");
    }

    #[test]
    fn shuffling_is_a_deterministic_permutation() {
        let mut a: Vec<u32> = (0..20).collect();
        let mut b = a.clone();
        shuffle(&mut a, 7);
        shuffle(&mut b, 7);
        assert_eq!(a, b);
        assert_ne!(a, (0..20).collect::<Vec<_>>());
        a.sort_unstable();
        assert_eq!(a, (0..20).collect::<Vec<_>>());
    }

    #[test]
    fn timing_scores_peak_in_the_band() {
        assert_eq!(timing_score(75), 3);
        assert_eq!(timing_score(50), 2);
        assert_eq!(timing_score(110), 1);
        assert_eq!(timing_score(10), 0);
    }

    #[test]
    fn questions_without_id_or_text_or_asked_twice_are_located() {
        assert_eq!(Bank::embedded().check(EMBEDDED), Ok(()));
        let cases = [
            (
                "(version: 1, questions: [\n(id: \"a\", text: \"Why?\"),\n(id: \"a\", text: \"How?\")])",
                3,
                "twice",
            ),
            (
                "(version: 1, questions: [\n(id: \"a\", text: \"  \")])",
                2,
                "no text",
            ),
            (
                "(version: 1, questions: [\n(id: \"a\", text: \"Why?\"),\n(id: \"\", text: \"How?\")])",
                3,
                "empty id",
            ),
        ];
        for (text, line, what) in cases {
            let err = Bank::parse(text).unwrap().check(text).unwrap_err();
            assert_eq!(err.line, line, "{text}: {err}");
            assert!(err.message.contains(what), "{err}");
        }
    }
}
