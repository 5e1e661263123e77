//! Rehearsal: the question bank, drills matched to the applicant's flags, how much of
//! an answer's three parts a spoken or typed attempt covered, and the history of
//! attempts. Pure: elapsed time and dates arrive as arguments.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::assemble::InterviewAnswer;
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

/// One question of a drill, with the flag whose draft answers it: the worst flag's for
/// the common questions about difficulties, none for the general staples.
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

/// The questions for these flags: the common ones, then each detected flag's, worst
/// flag first (its draft answers them).
pub fn drill(bank: &Bank, flags: &[Flag], order: Order) -> Vec<Item> {
    let first_flag = flags.first().map(|f| f.id.clone());
    let mut items: Vec<Item> = bank
        .questions
        .iter()
        .filter(|q| q.kinds.is_empty())
        .map(|q| Item {
            question: q.clone(),
            flag: if q.general { None } else { first_flag.clone() },
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

/// Words that carry no content for coverage.
const STOP: &[&str] = &[
    "a", "an", "and", "the", "i", "my", "me", "to", "of", "in", "on", "for", "at", "by", "with",
    "was", "were", "is", "are", "be", "been", "it", "that", "this", "as", "from", "so", "but",
    "or", "had", "have", "has", "did", "do", "not", "no", "then", "which", "what", "when", "who",
    "into", "about", "after", "before", "since", "we", "our", "us", "they", "their", "its",
];

/// Content words, lowercased and lightly stemmed ("passed" and "passing" match "pass").
fn content_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() > 2 && !STOP.contains(&w.as_str()))
        .map(|w| stem(&w))
        .collect()
}

fn stem(word: &str) -> String {
    for suffix in ["ing", "ed", "es", "s", "ly"] {
        if let Some(base) = word.strip_suffix(suffix)
            && base.chars().count() >= 3
        {
            // "planned" and "planning" meet "plan": drop a doubled final consonant.
            let mut chars: Vec<char> = base.chars().collect();
            let n = chars.len();
            if n >= 4 && chars[n - 1] == chars[n - 2] && !"aeiouls".contains(chars[n - 1]) {
                chars.pop();
            }
            return chars.into_iter().collect();
        }
    }
    word.to_string()
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

/// The share of a part's content words the attempt must use to cover it.
pub const COVER_SHARE: f64 = 0.3;

/// Fallback cues when the draft has no text for a part yet.
const CUES: [&[&str]; 3] = [
    &[
        "fail",
        "repeat",
        "gap",
        "probation",
        "remediation",
        "score",
        "visa",
        "rank",
    ],
    &[
        "start", "began", "built", "work", "stud", "practi", "ask", "mentor", "plan", "complet",
    ],
    &[
        "learn", "taught", "now", "today", "ready", "med-peds", "train", "carry", "bring",
    ],
];

/// Content words an attempt must share with a part to cover it, whatever its length:
/// key points, not a recitation.
pub const COVER_WORDS: usize = 3;

fn covers(attempt: &BTreeSet<String>, part: &str, cues: &[&str]) -> bool {
    let cued = attempt
        .iter()
        .any(|w| cues.iter().any(|c| w.starts_with(c)));
    let wanted = content_words(part);
    if wanted.is_empty() {
        return cued;
    }
    let hit = wanted.iter().filter(|w| attempt.contains(*w)).count();
    let needed = ((wanted.len() as f64 * COVER_SHARE).ceil() as usize).clamp(1, COVER_WORDS);
    // The part's own words, or one of them said the way that part is usually said.
    hit >= needed || (hit >= 1 && cued)
}

/// Which parts of `answer` the typed or spoken `attempt` covered.
pub fn coverage(attempt: &str, answer: &InterviewAnswer) -> Coverage {
    let words = content_words(attempt);
    Coverage {
        issue: covers(&words, &answer.issue, CUES[0]),
        did: covers(&words, &answer.did, CUES[1]),
        learned: covers(&words, &answer.learned, CUES[2]),
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

    pub fn trend(&self, question: &str) -> Trend {
        let points: Vec<u64> = self
            .attempts
            .iter()
            .filter(|a| a.question == question)
            .map(|a| {
                u64::from(match (a.mode, a.coverage) {
                    (Mode::Recall, Some(c)) => c.score(),
                    _ => timing_score(a.seconds),
                })
            })
            .collect();
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
