//! What detection finds: a red flag, its kind and family, its severity and why.
//!
//! Pure: no I/O, no terminal.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::month::Span;
use super::profile::Step;

/// The catalogue ids of `DOMAIN.md`; serialised as `exam_failure`, `low_score`, ...
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    ExamFailure,
    LowScore,
    RepeatedCourse,
    LowRank,
    YogGap,
    TrainingGap,
    Professionalism,
    LimitedUsce,
    VisaPlan,
}

impl FlagKind {
    pub const ALL: [FlagKind; 9] = [
        FlagKind::ExamFailure,
        FlagKind::LowScore,
        FlagKind::RepeatedCourse,
        FlagKind::LowRank,
        FlagKind::YogGap,
        FlagKind::TrainingGap,
        FlagKind::Professionalism,
        FlagKind::LimitedUsce,
        FlagKind::VisaPlan,
    ];

    /// The catalogue id, as used in flag ids and files.
    pub fn id(self) -> &'static str {
        match self {
            FlagKind::ExamFailure => "exam_failure",
            FlagKind::LowScore => "low_score",
            FlagKind::RepeatedCourse => "repeated_course",
            FlagKind::LowRank => "low_rank",
            FlagKind::YogGap => "yog_gap",
            FlagKind::TrainingGap => "training_gap",
            FlagKind::Professionalism => "professionalism",
            FlagKind::LimitedUsce => "limited_usce",
            FlagKind::VisaPlan => "visa_plan",
        }
    }

    /// The drafting structure this kind of flag is explained with.
    pub fn family(self) -> Family {
        match self {
            FlagKind::ExamFailure
            | FlagKind::LowScore
            | FlagKind::RepeatedCourse
            | FlagKind::LowRank => Family::Academic,
            FlagKind::YogGap | FlagKind::TrainingGap => Family::Gap,
            FlagKind::Professionalism => Family::Professionalism,
            FlagKind::LimitedUsce => Family::LimitedUsce,
            FlagKind::VisaPlan => Family::Visa,
        }
    }
}

impl fmt::Display for FlagKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Families share one drafting structure (see `templates/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Academic,
    Gap,
    Professionalism,
    LimitedUsce,
    Visa,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Moderate,
    High,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Moderate => "moderate",
            Severity::High => "high",
        }
    }

    fn rank(self) -> i8 {
        match self {
            Severity::Low => 0,
            Severity::Moderate => 1,
            Severity::High => 2,
        }
    }

    fn from_rank(rank: i8) -> Self {
        match rank {
            i8::MIN..=0 => Severity::Low,
            1 => Severity::Moderate,
            _ => Severity::High,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Where an applicant can address a flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Venue {
    /// The ERAS application text ("Additional Information"): the field of the flag's
    /// kind, such as the education-interruption explanation or an experience description.
    Eras,
    /// One paragraph of the personal statement.
    Statement,
    /// A spoken answer at interview.
    Interview,
}

impl Venue {
    pub fn label(self) -> &'static str {
        match self {
            Venue::Eras => "ERAS",
            Venue::Statement => "personal statement",
            Venue::Interview => "interview",
        }
    }
}

/// How one fact moved the severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// Sets the starting level.
    Base,
    Raises,
    Lowers,
    /// Weighs in the applicant's favour without changing the level.
    Mitigates,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    pub effect: Effect,
    pub text: String,
}

/// What in the profile a flag is about, for prefilling drafts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Exam(Step),
    Score(Step),
    /// Index into `Profile::repeats`.
    Repeat(usize),
    Rank,
    Graduation,
    Gap(Span),
    /// Index into `Profile::incidents`.
    Incident(usize),
    Usce,
    Visa,
}

/// One red flag as a program director would see it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    /// Stable and unique per instance, e.g. `exam_failure:step1`, `training_gap:2021-04`.
    pub id: String,
    pub severity: Severity,
    pub title: String,
    /// One line with the exact facts.
    pub summary: String,
    pub reasons: Vec<Reason>,
    #[serde(rename = "where")]
    pub venues: Vec<Venue>,
    pub questions: Vec<String>,
    /// What most helps answer it (from the catalogue); empty for none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub advice: String,
    #[serde(skip)]
    pub subject: Subject,
}

/// The order flags are listed in everywhere: most severe first, then by kind in
/// catalogue order, then by id, so equal flags always come out the same way.
pub fn worst_first(a: &Flag, b: &Flag) -> Ordering {
    b.severity
        .cmp(&a.severity)
        .then(a.kind.cmp(&b.kind))
        .then(a.id.cmp(&b.id))
}

/// Accumulates the facts that set a flag's severity, then settles on a level.
#[derive(Debug)]
pub struct Assessment {
    rank: i8,
    reasons: Vec<Reason>,
}

impl Assessment {
    pub fn new(base: Severity, why: impl Into<String>) -> Self {
        Self {
            rank: base.rank(),
            reasons: vec![Reason {
                effect: Effect::Base,
                text: why.into(),
            }],
        }
    }

    pub fn raise(&mut self, why: impl Into<String>) {
        self.rank += 1;
        self.reasons.push(Reason {
            effect: Effect::Raises,
            text: why.into(),
        });
    }

    pub fn lower(&mut self, why: impl Into<String>) {
        self.rank -= 1;
        self.reasons.push(Reason {
            effect: Effect::Lowers,
            text: why.into(),
        });
    }

    /// One more fact behind the flag that leaves the level where it is.
    pub fn also(&mut self, why: impl Into<String>) {
        self.reasons.push(Reason {
            effect: Effect::Base,
            text: why.into(),
        });
    }

    /// A fact in the applicant's favour that leaves the level where it is.
    pub fn mitigate(&mut self, why: impl Into<String>) {
        self.reasons.push(Reason {
            effect: Effect::Mitigates,
            text: why.into(),
        });
    }

    /// Raise when `cond`, with the reason built only then.
    pub fn raise_if(&mut self, cond: bool, why: impl FnOnce() -> String) {
        if cond {
            self.raise(why());
        }
    }

    pub fn lower_if(&mut self, cond: bool, why: impl FnOnce() -> String) {
        if cond {
            self.lower(why());
        }
    }

    pub fn finish(self) -> (Severity, Vec<Reason>) {
        (Severity::from_rank(self.rank), self.reasons)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assessment_clamps_to_the_scale() {
        let mut a = Assessment::new(Severity::High, "base");
        a.raise("more");
        assert_eq!(a.finish().0, Severity::High);
        let mut b = Assessment::new(Severity::Low, "base");
        b.lower("less");
        b.raise("more");
        assert_eq!(b.finish().0, Severity::Low);
    }

    #[test]
    fn kinds_have_distinct_ids() {
        let mut ids: Vec<_> = FlagKind::ALL.iter().map(|k| k.id()).collect();
        ids.dedup();
        assert_eq!(ids.len(), 9);
        assert_eq!(
            serde_json::to_string(&FlagKind::TrainingGap).unwrap(),
            "\"training_gap\""
        );
    }
}
