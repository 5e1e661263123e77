//! Red-flag detection: from a profile and "today" to every flag a program director
//! will see, with its severity and the reasons for it.
//!
//! Pure: takes data, returns data. No clock (today is an argument), no I/O.

mod academic;
mod conduct;
mod timeline;

use academic::{exam_failures, low_rank, low_score, repeated_courses};
use conduct::{limited_usce, professionalism, visa_plan};
pub use conduct::{need_label, us_hands_on_months};
pub use timeline::timeline_gaps;
use timeline::{training_gaps, yog_gap};

use crate::core::catalogue::Catalogue;
use crate::core::flag::{Assessment, Flag, FlagKind, Severity, Subject, Venue};
use crate::core::month::{Span, YearMonth, uncovered, union_months};
use crate::core::profile::{
    Activity, ActivityKind, Attempt, Citizenship, Exam, ExamResult, Profile, Step, VisaNeed,
};
use crate::core::rules::Rules;

/// Everything detection reads besides the profile.
#[derive(Clone, Debug)]
pub struct Knowledge {
    pub rules: Rules,
    pub catalogue: Catalogue,
}

impl Knowledge {
    pub fn embedded() -> Self {
        Self {
            rules: Rules::embedded(),
            catalogue: Catalogue::embedded(),
        }
    }
}

/// A flag before the catalogue adds its title, venues and questions.
struct Found {
    kind: FlagKind,
    id: String,
    summary: String,
    assessment: Assessment,
    subject: Subject,
}

/// Every red flag in `profile` as of `today`, worst first.
pub fn detect(profile: &Profile, knowledge: &Knowledge, today: YearMonth) -> Vec<Flag> {
    let ctx = Context::new(profile, &knowledge.rules, today);
    let mut found = Vec::new();
    found.extend(exam_failures(&ctx));
    found.extend(low_score(&ctx));
    found.extend(repeated_courses(&ctx));
    found.extend(low_rank(&ctx));
    let yog = yog_gap(&ctx);
    let gaps = training_gaps(&ctx);
    let timeline_flagged = yog.is_some() || !gaps.is_empty();
    found.extend(yog);
    found.extend(gaps);
    found.extend(professionalism(&ctx));
    found.extend(limited_usce(&ctx, timeline_flagged));
    found.extend(visa_plan(&ctx));
    let mut flags: Vec<Flag> = found
        .into_iter()
        .map(|f| finish(f, &knowledge.catalogue, profile))
        .collect();
    flags.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.kind.cmp(&b.kind))
            .then(a.id.cmp(&b.id))
    });
    flags
}

/// What tells one instance from another of the same kind, for its title.
fn detail(subject: &Subject, profile: &Profile) -> Option<String> {
    match subject {
        Subject::Exam(step) => Some(step.label().trim_start_matches("USMLE ").to_string()),
        Subject::Gap(span) => Some(format!("{} to {}", span.start, span.end)),
        Subject::Repeat(i) => profile.repeats.get(*i).map(|r| r.what.clone()),
        Subject::Incident(i) => profile
            .incidents
            .get(*i)
            .map(|inc| format!("{}, {}", inc.kind.short(), inc.date)),
        _ => None,
    }
}

fn finish(found: Found, catalogue: &Catalogue, profile: &Profile) -> Flag {
    let (severity, reasons) = found.assessment.finish();
    let entry = catalogue.entry(found.kind);
    let mut venues: Vec<Venue> = entry.map(|e| e.venues.clone()).unwrap_or_default();
    if severity == Severity::High && entry.is_some_and(|e| e.statement_when_high) {
        venues.push(Venue::Statement);
    }
    venues.sort();
    venues.dedup();
    Flag {
        kind: found.kind,
        id: found.id,
        severity,
        title: {
            let base = entry.map_or_else(|| found.kind.id().to_string(), |e| e.title.clone());
            match detail(&found.subject, profile) {
                Some(d) => format!("{base} ({d})"),
                None => base,
            }
        },
        summary: found.summary,
        reasons,
        venues,
        questions: entry.map(|e| e.questions.clone()).unwrap_or_default(),
        advice: entry.map(|e| e.advice.clone()).unwrap_or_default(),
        subject: found.subject,
    }
}

/// Facts several detectors share, computed once.
struct Context<'a> {
    profile: &'a Profile,
    rules: &'a Rules,
    today: YearMonth,
}

impl<'a> Context<'a> {
    fn new(profile: &'a Profile, rules: &'a Rules, today: YearMonth) -> Self {
        Self {
            profile,
            rules,
            today,
        }
    }

    fn is_recent(&self, date: YearMonth) -> bool {
        date.months_until(self.today) < i64::from(self.rules.recent_years) * 12
    }

    fn years_ago(&self, date: YearMonth) -> i64 {
        date.months_until(self.today) / 12
    }

    fn failed(&self, step: Step, attempt: &Attempt) -> bool {
        attempt_failed(self.rules, step, attempt)
    }

    fn failed_dates(&self, exam: &Exam) -> Vec<YearMonth> {
        let mut dates: Vec<YearMonth> = exam
            .attempts
            .iter()
            .filter(|a| self.failed(exam.step, a))
            .map(|a| a.date)
            .collect();
        dates.sort();
        dates
    }

    /// The best passing Step 2 CK score, if one was reported.
    fn best_step2ck(&self) -> Option<u16> {
        self.best_passing_after(Step::Step2Ck, None)
            .map(|(_, score)| score)
    }

    /// The best passing score of `step` taken after `after` (any time when `None`),
    /// with its date.
    fn best_passing_after(&self, step: Step, after: Option<YearMonth>) -> Option<(YearMonth, u16)> {
        self.profile
            .exams
            .iter()
            .filter(|e| e.step == step)
            .flat_map(|e| &e.attempts)
            .filter(|a| after.is_none_or(|d| a.date > d))
            .filter(|a| !self.failed(step, a))
            .filter_map(|a| match a.result {
                ExamResult::Score(s) => Some((a.date, s)),
                _ => None,
            })
            .max_by_key(|&(date, score)| (score, std::cmp::Reverse(date)))
    }

    /// Any failed attempt or incident dated after `date`.
    fn trouble_after(&self, date: YearMonth) -> bool {
        let exams = self.profile.exams.iter().any(|e| {
            e.attempts
                .iter()
                .any(|a| a.date > date && self.failed(e.step, a))
        });
        exams || self.profile.incidents.iter().any(|i| i.date > date)
    }

    /// Clinical work in the last `atrophy_months` months.
    fn recent_clinical(&self) -> bool {
        let window = Span {
            start: self
                .today
                .plus(1 - i64::from(self.rules.atrophy_months.max(1))),
            end: self.today,
        };
        self.profile
            .activities
            .iter()
            .filter(|a| is_clinical(a))
            .any(|a| a.span(self.today).overlaps(window))
    }
}

/// A failed attempt: an explicit fail, or a score under the pass mark in force on its
/// date (see [`crate::core::usmle`] for how a month is judged). A score from before
/// the step's table starts is not judged: only a recorded Fail counts then.
pub fn attempt_failed(rules: &Rules, step: Step, attempt: &Attempt) -> bool {
    match attempt.result {
        ExamResult::Fail => true,
        ExamResult::Pass => false,
        ExamResult::Score(s) => rules
            .pass_marks
            .mark(step, attempt.date)
            .is_some_and(|mark| s < mark),
    }
}

/// A failed result when its date is not at hand: an explicit fail, or a score under
/// every mark the step's table has held, so that no failure is ever invented. Prefer
/// [`attempt_failed`], which judges by the mark of the attempt's date.
pub fn is_fail(rules: &Rules, step: Step, result: ExamResult) -> bool {
    match result {
        ExamResult::Fail => true,
        ExamResult::Pass => false,
        ExamResult::Score(s) => rules
            .pass_marks
            .of(step)
            .iter()
            .map(|m| m.score)
            .min()
            .is_some_and(|lowest| s < lowest),
    }
}

fn is_clinical(a: &Activity) -> bool {
    match a.kind {
        ActivityKind::Clinical => true,
        ActivityKind::Observership => a.hands_on,
        _ => false,
    }
}

fn dates(list: &[YearMonth]) -> String {
    let parts: Vec<String> = list.iter().map(ToString::to_string).collect();
    parts.join(", ")
}

/// Hands out ids, suffixing `-2`, `-3` when two instances would share one.
#[derive(Default)]
struct Ids(Vec<String>);

impl Ids {
    fn unique(&mut self, id: String) -> String {
        let mut candidate = id.clone();
        let mut n = 2;
        while self.0.contains(&candidate) {
            candidate = format!("{id}-{n}");
            n += 1;
        }
        self.0.push(candidate.clone());
        candidate
    }
}
