//! Academic flags: failed Steps, a low Step 2 CK, repeated courses, a low class rank.

use super::*;

pub(super) fn exam_failures(ctx: &Context) -> Vec<Found> {
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

pub(super) fn exam_failure(ctx: &Context, exam: &Exam, failing_steps: usize) -> Option<Found> {
    let fails = ctx.failed_dates(exam);
    let last_fail = *fails.last()?;
    let pass = exam
        .attempts
        .iter()
        .filter(|a| a.date > last_fail && !ctx.failed(exam.step, a))
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
    let attempts = exam.attempts.len();
    let limit = usize::from(ctx.rules.max_attempts);
    let left = limit.saturating_sub(attempts);
    let out_of_attempts = pass.is_none() && left == 0;
    if pass.is_none() {
        a.raise_if(left == 1, || {
            format!(
                "one attempt left: {attempts} of the {limit} attempts USMLE allows at each Step are used"
            )
        });
        a.raise_if(out_of_attempts, || {
            format!("no attempt left: all {limit} attempts USMLE allows at each Step are used")
        });
    } else {
        a.raise_if(fails.len() + 1 >= limit, || {
            format!("passed only on the last of the {limit} attempts USMLE allows")
        });
    }
    let later_step2ck = ctx.best_passing_after(Step::Step2Ck, Some(last_fail));
    match (pass, later_step2ck) {
        (Some(passed), Some((_, score))) if score >= ctx.rules.strong_step2ck => {
            a.lower(format!(
                "passed in {passed} and a strong Step 2 CK ({score}) shows an upward trend"
            ));
        }
        (_, Some((date, score))) if score < ctx.rules.low_score_threshold => {
            a.raise(format!(
                "no upward trend yet: the Step 2 CK after it was low ({score} in {date}, under {})",
                ctx.rules.low_score_threshold
            ));
        }
        _ => {}
    }
    let outcome = match pass {
        Some(p) => format!("passed {p}"),
        None if out_of_attempts => format!(
            "never passed, and with all {limit} attempts USMLE allows used, {} can no longer be taken",
            label.trim_start_matches("USMLE ")
        ),
        None => "not yet passed".to_string(),
    };
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

pub(super) fn low_score(ctx: &Context) -> Option<Found> {
    let score = ctx.best_step2ck()?;
    let threshold = ctx.rules.low_score_threshold;
    if score >= threshold {
        return None;
    }
    let mut a = Assessment::new(
        Severity::Moderate,
        format!("{score} is under {threshold}, where many programs set their screens"),
    );
    let strong_step3 = ctx
        .best_passing_after(Step::Step3, None)
        .filter(|(_, s)| *s >= ctx.rules.strong_step3);
    if let Some((date, s3)) = strong_step3 {
        a.lower(format!(
            "a strong Step 3 ({s3} in {date}, at least {}) offsets it: a later score that shows solid clinical knowledge",
            ctx.rules.strong_step3
        ));
    }
    Some(Found {
        kind: FlagKind::LowScore,
        id: "low_score:step2ck".to_string(),
        summary: format!("USMLE Step 2 CK: best score {score}, under {threshold}."),
        assessment: a,
        subject: Subject::Score(Step::Step2Ck),
    })
}

pub(super) fn repeated_courses(ctx: &Context) -> Vec<Found> {
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
                    "it was {} years ago, with no failure, repeat or incident since",
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

pub(super) fn low_rank(ctx: &Context) -> Option<Found> {
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
