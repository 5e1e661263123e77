//! Red-flag detection: from a profile and "today" to every flag a program director
//! will see, with its severity and the reasons for it.
//!
//! Pure: takes data, returns data. No clock (today is an argument), no I/O.

mod academic;
mod conduct;
mod timeline;

use academic::{exam_failures, low_rank, low_score, repeated_courses};
pub use conduct::{last_us_hands_on, need_label, us_hands_on_months};
use conduct::{limited_usce, professionalism, visa_plan};
pub use timeline::timeline_gaps;
use timeline::{training_gaps, yog_gap};

use crate::core::catalogue::Catalogue;
use crate::core::flag::{Assessment, Flag, FlagKind, Severity, Subject, Venue, worst_first};
use crate::core::month::{Span, YearMonth, uncovered, union_months};
use crate::core::practice::Bank;
use crate::core::profile::{
    ActivityKind, Attempt, Citizenship, Exam, ExamResult, Profile, Step, VisaNeed,
};
use crate::core::rules::Rules;

/// Everything detection reads besides the profile.
#[derive(Clone, Debug)]
pub struct Knowledge {
    pub rules: Rules,
    pub catalogue: Catalogue,
    /// The interview questions; a flag's questions are those asked for its kind, so
    /// `detect` and practice ask the same.
    pub bank: Bank,
}

impl Knowledge {
    pub fn embedded() -> Self {
        Self {
            rules: Rules::embedded(),
            catalogue: Catalogue::embedded(),
            bank: Bank::embedded(),
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
    patterns(&ctx, &mut found);
    let mut flags: Vec<Flag> = found
        .into_iter()
        .map(|f| finish(f, knowledge, &ctx))
        .collect();
    flags.sort_by(worst_first);
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

fn finish(found: Found, knowledge: &Knowledge, ctx: &Context) -> Flag {
    let (severity, reasons) = found.assessment.finish();
    let entry = knowledge.catalogue.entry(found.kind);
    let mut venues: Vec<Venue> = entry.map(|e| e.venues.clone()).unwrap_or_default();
    if severity == Severity::High
        && entry.is_some_and(|e| {
            e.statement_when_high
                && (!e.statement_needs_growth || shows_growth(&found.subject, ctx))
        })
    {
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
            match detail(&found.subject, ctx.profile) {
                Some(d) => format!("{base} ({d})"),
                None => base,
            }
        },
        summary: found.summary,
        reasons,
        venues,
        questions: knowledge
            .bank
            .asked_for(found.kind)
            .map(|q| q.text.clone())
            .collect(),
        advice: entry.map(|e| e.advice.clone()).unwrap_or_default(),
        subject: found.subject,
    }
}

/// Whether the record shows what came after the setback: for a failed Step, a pass
/// after the last failed attempt. Other subjects need no such outcome.
fn shows_growth(subject: &Subject, ctx: &Context) -> bool {
    let Subject::Exam(step) = subject else {
        return true;
    };
    let attempts = || {
        ctx.profile
            .exams
            .iter()
            .filter(|e| e.step == *step)
            .flat_map(|e| &e.attempts)
    };
    let last_fail = attempts()
        .filter(|a| ctx.failed(*step, a))
        .map(|a| a.date)
        .max();
    attempts().any(|a| !ctx.failed(*step, a) && last_fail.is_none_or(|f| a.date > f))
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

    /// Whether `step` has a passing attempt by today.
    fn passed(&self, step: Step) -> bool {
        self.profile
            .exams
            .iter()
            .filter(|e| e.step == step)
            .flat_map(|e| &e.attempts)
            .any(|a| a.date <= self.today && !self.failed(step, a))
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

    /// Any failed attempt, repeated course or incident dated after `date` (up to
    /// today): what a "clean record since" must not have.
    fn trouble_after(&self, date: YearMonth) -> bool {
        self.first_trouble_after(date).is_some()
    }

    /// The first failed attempt, repeated course or incident after `date` (up to today).
    fn first_trouble_after(&self, date: YearMonth) -> Option<Event> {
        self.events()
            .into_iter()
            .find(|e| e.date > date && e.date <= self.today)
    }

    /// Every failed attempt, repeated course and incident, by date.
    fn events(&self) -> Vec<Event> {
        let mut out = Vec::new();
        for exam in self.profile.exams_by_step() {
            for date in self.failed_dates(&exam) {
                out.push(Event {
                    date,
                    kind: EventKind::Failure,
                    subject: Subject::Exam(exam.step),
                    name: format!("the failed {} attempt ({date})", exam.step.label()),
                });
            }
        }
        for (i, r) in self.profile.repeats.iter().enumerate() {
            out.push(Event {
                date: r.date,
                kind: EventKind::Repeat,
                subject: Subject::Repeat(i),
                name: format!("the repeated {} ({})", r.what.trim(), r.date),
            });
        }
        for (i, inc) in self.profile.incidents.iter().enumerate() {
            out.push(Event {
                date: inc.date,
                kind: EventKind::Incident,
                subject: Subject::Incident(i),
                name: format!("{} ({})", inc.kind.label(), inc.date),
            });
        }
        out.sort_by_key(|e| e.date);
        out
    }

    /// Clinical work in the last `atrophy_months` months; planned work is not yet.
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
            .filter(|a| a.is_clinical())
            .filter_map(|a| a.done_by(self.today))
            .any(|s| s.overlaps(window))
    }
}

/// A dated event on the academic or conduct record.
#[derive(Clone, Debug)]
struct Event {
    date: YearMonth,
    kind: EventKind,
    /// The flag it belongs to.
    subject: Subject,
    /// How a reason names it.
    name: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EventKind {
    Failure,
    Repeat,
    Incident,
}

/// The pattern pass, after every detector: a repeated course or an incident within
/// `pattern_months` of an event of another kind (a failure, a repeat, an incident)
/// raises the flags of both, each reason naming the other. Two events of one kind are
/// left to their own detector, which already reads several as a pattern.
fn patterns(ctx: &Context, found: &mut [Found]) {
    let events: Vec<Event> = ctx
        .events()
        .into_iter()
        .filter(|e| e.date <= ctx.today)
        .collect();
    let window = i64::from(ctx.rules.pattern_months);
    for f in found.iter_mut() {
        let mine: Vec<&Event> = events.iter().filter(|e| e.subject == f.subject).collect();
        let mut partners: Vec<&str> = Vec::new();
        for other in &events {
            let close = mine.iter().any(|m| {
                m.kind != other.kind
                    && (m.kind != EventKind::Failure || other.kind != EventKind::Failure)
                    && m.date.months_until(other.date).abs() <= window
            });
            if close && !partners.contains(&other.name.as_str()) {
                partners.push(&other.name);
            }
        }
        if !partners.is_empty() {
            f.assessment.raise(format!(
                "within {window} months of {}: close together, they read as a pattern",
                join_and(&partners)
            ));
        }
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The first failed attempt, repeated course or incident after `date` (up to `today`),
/// named as detection names it ("the repeated Surgery clerkship (2016-01)"): `None`
/// when the record since `date` is clean, as detection judges "clean since".
pub fn first_event_after(
    profile: &Profile,
    rules: &Rules,
    date: YearMonth,
    today: YearMonth,
) -> Option<String> {
    Context::new(profile, rules, today)
        .first_trouble_after(date)
        .map(|e| e.name)
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
