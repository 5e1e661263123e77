//! Red-flag detection: from a profile and "today" to every flag a program director
//! will see, with its severity and the reasons for it.
//!
//! Pure: takes data, returns data. No clock (today is an argument), no I/O.

use super::catalogue::Catalogue;
use super::flag::{Assessment, Flag, FlagKind, Severity, Subject, Venue};
use super::month::{Span, YearMonth, uncovered, union_months};
use super::profile::{
    Activity, ActivityKind, Citizenship, Exam, ExamResult, Profile, Step, VisaNeed,
};
use super::rules::Rules;

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

    fn failed(&self, step: Step, result: ExamResult) -> bool {
        is_fail(self.rules, step, result)
    }

    fn failed_dates(&self, exam: &Exam) -> Vec<YearMonth> {
        let mut dates: Vec<YearMonth> = exam
            .attempts
            .iter()
            .filter(|a| self.failed(exam.step, a.result))
            .map(|a| a.date)
            .collect();
        dates.sort();
        dates
    }

    /// The best passing Step 2 CK score, if one was reported.
    fn best_step2ck(&self) -> Option<u16> {
        self.best_step2ck_after(None)
    }

    /// The best passing Step 2 CK score taken after `after` (any time when `None`).
    fn best_step2ck_after(&self, after: Option<YearMonth>) -> Option<u16> {
        self.profile
            .exams
            .iter()
            .filter(|e| e.step == Step::Step2Ck)
            .flat_map(|e| &e.attempts)
            .filter(|a| after.is_none_or(|d| a.date > d))
            .filter_map(|a| match a.result {
                ExamResult::Score(s) if s >= self.rules.pass_marks.step2ck => Some(s),
                _ => None,
            })
            .max()
    }

    /// Any failed attempt or incident dated after `date`.
    fn trouble_after(&self, date: YearMonth) -> bool {
        let exams = self.profile.exams.iter().any(|e| {
            e.attempts
                .iter()
                .any(|a| a.date > date && self.failed(e.step, a.result))
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

/// A failed attempt: an explicit fail, or a score under the step's pass mark.
pub fn is_fail(rules: &Rules, step: Step, result: ExamResult) -> bool {
    match result {
        ExamResult::Fail => true,
        ExamResult::Pass => false,
        ExamResult::Score(s) => s < rules.pass_marks.of(step),
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

fn exam_failures(ctx: &Context) -> Vec<Found> {
    let exams = ctx.profile.exams_by_step();
    let failing_steps = exams
        .iter()
        .filter(|e| !ctx.failed_dates(e).is_empty())
        .count();
    exams
        .iter()
        .filter_map(|exam| exam_failure(ctx, exam, failing_steps))
        .collect()
}

fn exam_failure(ctx: &Context, exam: &Exam, failing_steps: usize) -> Option<Found> {
    let fails = ctx.failed_dates(exam);
    let last_fail = *fails.last()?;
    let pass = exam
        .attempts
        .iter()
        .filter(|a| a.date > last_fail && !ctx.failed(exam.step, a.result))
        .map(|a| a.date)
        .min();
    let label = exam.step.label();
    let mut a = Assessment::new(
        Severity::Moderate,
        format!("a failed attempt shows on every {label} transcript a program receives"),
    );
    a.raise_if(fails.len() > 1, || {
        format!(
            "{} failed attempts ({}) read as a pattern",
            fails.len(),
            dates(&fails)
        )
    });
    a.raise_if(failing_steps > 1, || {
        "failures on more than one Step read as a pattern".to_string()
    });
    a.raise_if(ctx.is_recent(last_fail), || {
        format!(
            "the last failure ({last_fail}) is within the last {} years",
            ctx.rules.recent_years
        )
    });
    a.raise_if(pass.is_none(), || format!("no passing {label} attempt yet"));
    let strong = ctx
        .best_step2ck_after(Some(last_fail))
        .filter(|s| *s >= ctx.rules.strong_step2ck);
    if let (Some(passed), Some(score)) = (pass, strong) {
        a.lower(format!(
            "passed in {passed} and a strong Step 2 CK ({score}) shows an upward trend"
        ));
    }
    let attempts = exam.attempts.len();
    let outcome = pass.map_or_else(|| "not yet passed".to_string(), |p| format!("passed {p}"));
    Some(Found {
        kind: FlagKind::ExamFailure,
        id: format!("exam_failure:{}", exam.step.slug()),
        summary: format!(
            "{label}: failed {} ({} of {attempts} attempts); {outcome}.",
            dates(&fails),
            fails.len()
        ),
        assessment: a,
        subject: Subject::Exam(exam.step),
    })
}

fn low_score(ctx: &Context) -> Option<Found> {
    let score = ctx.best_step2ck()?;
    let threshold = ctx.rules.low_score_threshold;
    if score >= threshold {
        return None;
    }
    let a = Assessment::new(
        Severity::Moderate,
        format!("{score} is under {threshold}, where many programs set their screens"),
    );
    Some(Found {
        kind: FlagKind::LowScore,
        id: "low_score:step2ck".to_string(),
        summary: format!("USMLE Step 2 CK: best score {score}, under {threshold}."),
        assessment: a,
        subject: Subject::Score(Step::Step2Ck),
    })
}

fn repeated_courses(ctx: &Context) -> Vec<Found> {
    let repeats = &ctx.profile.repeats;
    let mut ids = Ids::default();
    repeats
        .iter()
        .enumerate()
        .map(|(index, r)| {
            let mut a = Assessment::new(
                Severity::Moderate,
                "a repeated course stays on the transcript and in the MSPE",
            );
            a.raise_if(r.area.is_core(), || {
                format!("it was in {}, a core of Med-Peds training", r.area.label())
            });
            a.raise_if(repeats.len() > 1, || {
                format!("{} repeated courses read as a pattern", repeats.len())
            });
            let long_ago = ctx.years_ago(r.date) >= i64::from(ctx.rules.long_ago_years);
            a.lower_if(long_ago && !ctx.trouble_after(r.date), || {
                format!(
                    "it was {} years ago, with no failure or incident since",
                    ctx.years_ago(r.date)
                )
            });
            Found {
                kind: FlagKind::RepeatedCourse,
                id: ids.unique(format!("repeated_course:{}", r.date)),
                summary: format!("Repeated: {} ({}), {}.", r.what, r.area.label(), r.date),
                assessment: a,
                subject: Subject::Repeat(index),
            }
        })
        .collect()
}

fn low_rank(ctx: &Context) -> Option<Found> {
    let quartile = ctx.profile.class_rank_quartile?;
    if quartile < 4 {
        return None;
    }
    Some(Found {
        kind: FlagKind::LowRank,
        id: "low_rank".to_string(),
        summary: "Class rank in the bottom quartile.".to_string(),
        assessment: Assessment::new(
            Severity::Moderate,
            "the MSPE places the class rank in the bottom quartile",
        ),
        subject: Subject::Rank,
    })
}

fn yog_gap(ctx: &Context) -> Option<Found> {
    let grad = ctx.profile.graduation;
    let years = i64::from(ctx.profile.application_year) - i64::from(grad.year());
    if years <= i64::from(ctx.rules.yog_years) {
        return None;
    }
    let mut a = Assessment::new(
        Severity::Moderate,
        format!(
            "{years} years since graduation is more than {}",
            ctx.rules.yog_years
        ),
    );
    a.raise_if(years > i64::from(ctx.rules.yog_high_years), || {
        format!(
            "more than {} years raises the worry that clinical skills have faded",
            ctx.rules.yog_high_years
        )
    });
    a.lower_if(ctx.recent_clinical(), || {
        format!(
            "clinical work within the last {} months",
            ctx.rules.atrophy_months
        )
    });
    Some(Found {
        kind: FlagKind::YogGap,
        id: "yog_gap".to_string(),
        summary: format!(
            "Graduated {grad}; applying in the {} season, {years} years later.",
            ctx.profile.application_year
        ),
        assessment: a,
        subject: Subject::Graduation,
    })
}

/// The stretches after graduation, up to today, that no activity covers.
pub fn timeline_gaps(profile: &Profile, today: YearMonth) -> Vec<Span> {
    let window = Span {
        start: profile.graduation.next(),
        end: today,
    };
    let covered: Vec<Span> = profile.activities.iter().map(|a| a.span(today)).collect();
    uncovered(window, &covered)
}

fn training_gaps(ctx: &Context) -> Vec<Found> {
    let recent_clinical = ctx.recent_clinical();
    timeline_gaps(ctx.profile, ctx.today)
        .into_iter()
        .filter(|g| g.months() >= i64::from(ctx.rules.gap_months))
        .map(|gap| training_gap(ctx, gap, recent_clinical))
        .collect()
}

fn training_gap(ctx: &Context, gap: Span, recent_clinical: bool) -> Found {
    let months = gap.months();
    let mut a = Assessment::new(
        Severity::Moderate,
        format!("{months} months with no recorded activity"),
    );
    a.raise_if(months >= i64::from(ctx.rules.long_gap_months), || {
        format!(
            "at {months} months it is a long gap (threshold {})",
            ctx.rules.long_gap_months
        )
    });
    a.raise_if(!recent_clinical, || {
        format!(
            "no clinical work in the last {} months: programs worry about faded skills",
            ctx.rules.atrophy_months
        )
    });
    let explained: Vec<_> = ctx
        .profile
        .gaps_explained
        .iter()
        .filter(|e| e.span().overlaps(gap))
        .collect();
    let covered = union_months(
        &explained
            .iter()
            .map(|e| clip(e.span(), gap))
            .collect::<Vec<_>>(),
    );
    if let Some(first) = explained.first() {
        let why = first.reason.label();
        if covered >= months {
            a.lower(format!("documented reason: {why}"));
        } else {
            a.raise(format!(
                "only {covered} of its {months} months are explained ({why})"
            ));
            a.lower(format!("partly documented reason: {why}"));
        }
    }
    Found {
        kind: FlagKind::TrainingGap,
        id: format!("training_gap:{}", gap.start),
        summary: format!(
            "No recorded activity from {} to {} ({months} months).",
            gap.start.long(),
            gap.end.long()
        ),
        assessment: a,
        subject: Subject::Gap(gap),
    }
}

fn clip(span: Span, to: Span) -> Span {
    Span {
        start: span.start.max(to.start),
        end: span.end.min(to.end),
    }
}

fn professionalism(ctx: &Context) -> Vec<Found> {
    let incidents = &ctx.profile.incidents;
    let mut ids = Ids::default();
    incidents
        .iter()
        .enumerate()
        .map(|(index, inc)| {
            let base = match inc.kind {
                super::profile::IncidentKind::Probation => Severity::High,
                _ => Severity::Moderate,
            };
            let mut a = Assessment::new(
                base,
                format!("{} is in the record programs read", inc.kind.label()),
            );
            a.raise_if(incidents.len() > 1, || {
                format!("{} incidents read as a pattern", incidents.len())
            });
            a.raise_if(ctx.is_recent(inc.date), || {
                format!("within the last {} years", ctx.rules.recent_years)
            });
            if let Some(done) = inc.completed.filter(|d| *d <= ctx.today) {
                let clean = !incidents.iter().any(|o| o.date > inc.date);
                a.lower_if(clean, || {
                    format!("completed {done}, with a clean record since")
                });
            }
            Found {
                kind: FlagKind::Professionalism,
                id: ids.unique(format!("professionalism:{}", inc.date)),
                summary: incident_summary(inc),
                assessment: a,
                subject: Subject::Incident(index),
            }
        })
        .collect()
}

fn incident_summary(inc: &super::profile::Incident) -> String {
    let what = capitalise(inc.kind.label());
    match inc.summary.trim() {
        "" => format!("{what}, {}.", inc.date),
        text => format!("{what}, {}: {}.", inc.date, text.trim_end_matches('.')),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// Months of hands-on US clinical work up to `today` (clinical work and hands-on
/// observerships; shadowing never counts), overlaps counted once.
pub fn us_hands_on_months(profile: &Profile, today: YearMonth) -> i64 {
    let spans: Vec<Span> = profile
        .activities
        .iter()
        .filter(|a| a.us && a.hands_on && is_clinical(a))
        .map(|a| a.span(today))
        .filter(|s| s.start <= today)
        .map(|s| Span {
            start: s.start,
            end: s.end.min(today),
        })
        .collect();
    union_months(&spans)
}

fn limited_usce(ctx: &Context, timeline_flagged: bool) -> Option<Found> {
    let p = ctx.profile;
    let months = us_hands_on_months(p, ctx.today);
    let short = months < i64::from(ctx.rules.usce_months);
    let us_kinds: Vec<ActivityKind> = p
        .activities
        .iter()
        .filter(|a| a.us && a.kind != ActivityKind::Research)
        .map(|a| a.kind)
        .collect();
    let only_shadowing =
        !us_kinds.is_empty() && us_kinds.iter().all(|k| *k == ActivityKind::Shadowing);
    let no_letter = !p.letters.iter().any(|l| l.us && l.area.is_core());
    if !short && !no_letter {
        return None;
    }
    let mut a = if short {
        Assessment::new(
            Severity::Moderate,
            format!(
                "{months} months of hands-on US clinical work, under {}",
                ctx.rules.usce_months
            ),
        )
    } else {
        Assessment::new(
            Severity::Low,
            "enough US clinical months, but no US letter to vouch for them",
        )
    };
    a.raise_if(short && only_shadowing, || {
        "US exposure is shadowing only, without patient care".to_string()
    });
    if short && no_letter {
        a.raise("no letter from US faculty in internal medicine, pediatrics or Med-Peds");
    }
    a.raise_if(short && timeline_flagged, || {
        "combined with an older graduation year or a gap in the timeline".to_string()
    });
    let letters = if no_letter {
        "no US letter in IM, Peds or Med-Peds"
    } else {
        "a US letter in IM, Peds or Med-Peds"
    };
    Some(Found {
        kind: FlagKind::LimitedUsce,
        id: "limited_usce".to_string(),
        summary: format!("{months} months of hands-on US clinical experience; {letters}."),
        assessment: a,
        subject: Subject::Usce,
    })
}

fn visa_plan(ctx: &Context) -> Option<Found> {
    let p = ctx.profile;
    if p.citizenship != Citizenship::NonUs {
        return None;
    }
    let mut problems: Vec<String> = Vec::new();
    let need = p.visa.as_ref().map(|v| v.need);
    if matches!(need, None | Some(VisaNeed::Unsure)) {
        problems.push("the visa needed for training (J-1 or H-1B) is not settled".to_string());
    }
    if p.visa.as_ref().is_some_and(|v| v.documentation_issues) {
        problems.push("documentation deadlines were missed".to_string());
    }
    let share = p.visa.as_ref().and_then(|v| v.sponsoring_share);
    if let Some(s) = share.filter(|s| *s < ctx.rules.min_sponsoring_share) {
        problems.push(format!(
            "only {:.0}% of the programs on the list sponsor the visa",
            s * 100.0
        ));
    }
    let (first, rest) = problems.split_first()?;
    let mut a = Assessment::new(Severity::Moderate, first.clone());
    for more in rest {
        a.raise(more.clone());
    }
    let need_text = need.map_or("no visa plan recorded", need_label);
    let share_text = share.map_or_else(String::new, |s| {
        format!("; {:.0}% of the programs on the list sponsor it", s * 100.0)
    });
    let summary = format!("Non-US citizen; visa need: {need_text}{share_text}.");
    Some(Found {
        kind: FlagKind::VisaPlan,
        id: "visa_plan".to_string(),
        summary,
        assessment: a,
        subject: Subject::Visa,
    })
}

/// Plain words for a visa need.
pub fn need_label(need: VisaNeed) -> &'static str {
    match need {
        VisaNeed::J1 => "J-1",
        VisaNeed::H1b => "H-1B",
        VisaNeed::J1OrH1b => "J-1 or H-1B",
        VisaNeed::Unsure => "not yet settled",
        VisaNeed::NotNeeded => "none",
    }
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
