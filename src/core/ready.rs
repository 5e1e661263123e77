//! Whether a draft is fit to send: its required parts answered, no coach error left,
//! and its ERAS text within the chosen field. Computed from the draft, its template,
//! the coach's report and the field every time, never stored, so a ready draft that
//! later breaks (a longer text, a shorter field, a new error) shows as "ready, needs a
//! look" at once.
//!
//! Pure: no I/O.

use super::assemble::{Output, eras_fit, is_chosen};
use super::coach::rules::Level;
use super::coach::{Coach, Report};
use super::draft::{Draft, Status};
use super::eras::ErasFields;
use super::template::Template;

/// How a ready draft that has a problem is shown: on Home, in Export and in `drafts`.
pub const NEEDS_A_LOOK: &str = "ready, needs a look";

/// Coach rules told by a problem of their own, so they are not counted twice.
const TOLD_APART: [&str; 2] = ["required_empty", "over_limit"];

/// One thing that keeps a draft from being fit to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Required parts without a real answer, by their labels.
    Unanswered(Vec<String>),
    /// Errors the coach still finds (not set aside), beyond the two above.
    CoachErrors(usize),
    /// The ERAS text is longer than the chosen field allows.
    OverLimit {
        field: String,
        chars: usize,
        limit: usize,
    },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Unanswered(labels) => write!(
                f,
                "{} not answered ({})",
                counted(labels.len(), "required part"),
                labels.join("; ")
            ),
            Problem::CoachErrors(n) => write!(f, "the coach finds {}", counted(*n, "error")),
            Problem::OverLimit {
                field,
                chars,
                limit,
            } => write!(
                f,
                "the ERAS text is {chars} of {limit} characters for {field}, {} over",
                chars.saturating_sub(*limit)
            ),
        }
    }
}

/// `n` and `noun`, the noun made plural unless `n` is one: "1 error", "2 errors".
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Everything that keeps `draft` from being fit to send; empty when it is.
pub fn problems(
    coach: &Coach,
    draft: &Draft,
    template: &Template,
    fields: &ErasFields,
    report: &Report,
) -> Vec<Problem> {
    let mut out = Vec::new();
    let unanswered: Vec<String> = template
        .parts
        .iter()
        .filter(|p| p.required && !coach.answered(draft.part(&p.key)))
        .map(|p| p.label.clone())
        .collect();
    if !unanswered.is_empty() {
        out.push(Problem::Unanswered(unanswered));
    }
    let errors = report
        .findings
        .iter()
        .filter(|f| f.dismissed.is_none() && f.level == Level::Error)
        .filter(|f| !TOLD_APART.contains(&f.rule.as_str()))
        .count();
    if errors > 0 {
        out.push(Problem::CoachErrors(errors));
    }
    if is_chosen(draft, Output::Eras) {
        let fit = eras_fit(draft, template, fields);
        if !fit.fits() {
            out.push(Problem::OverLimit {
                field: fit.field.label.clone(),
                chars: fit.chars,
                limit: fit.field.limit,
            });
        }
    }
    out
}

/// The problems of `draft` joined in one sentence, for a status line or a question.
pub fn describe(problems: &[Problem]) -> String {
    let parts: Vec<String> = problems.iter().map(ToString::to_string).collect();
    parts.join("; ")
}

/// Whether `draft` is marked ready yet has problems: "ready, needs a look".
pub fn needs_a_look(draft: &Draft, problems: &[Problem]) -> bool {
    draft.status == Status::Ready && !problems.is_empty()
}

/// The status as people read it: "ready, needs a look" for a ready draft with
/// problems, else the plain status.
pub fn status_label(draft: &Draft, problems: &[Problem]) -> &'static str {
    if needs_a_look(draft, problems) {
        NEEDS_A_LOOK
    } else {
        draft.status.label()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_people_say_them() {
        assert_eq!(counted(0, "error"), "0 errors");
        assert_eq!(counted(1, "error"), "1 error");
        assert_eq!(counted(2, "error"), "2 errors");
        assert_eq!(
            Problem::Unanswered(vec!["What you changed".into()]).to_string(),
            "1 required part not answered (What you changed)"
        );
        assert_eq!(
            Problem::OverLimit {
                field: "Education interruption explanation".into(),
                chars: 560,
                limit: 510
            }
            .to_string(),
            "the ERAS text is 560 of 510 characters for Education interruption explanation, 50 over"
        );
    }
}
