//! Timeline flags: years since graduation and gaps no activity covers.

use super::*;

pub(super) fn yog_gap(ctx: &Context) -> Option<Found> {
    let grad = ctx.profile.graduation;
    let season = ctx.profile.application_year;
    // Counted against the ERAS season, the year training would start.
    let years = i64::from(season) - i64::from(grad.year());
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
    let high = years > i64::from(ctx.rules.yog_high_years);
    a.raise_if(high, || {
        format!(
            "more than {} years: many programs screen on the year of graduation, and \
             worry that clinical skills have faded",
            ctx.rules.yog_high_years
        )
    });
    if ctx.recent_clinical() {
        let recent = format!(
            "clinical work within the last {} months",
            ctx.rules.atrophy_months
        );
        if high {
            // Programs filter on the year itself: recent work answers the worry about
            // skills, not the filter, so the flag stays high.
            a.mitigate(format!(
                "{recent} keeps skills current (the year still shows)"
            ));
        } else {
            a.lower(recent);
        }
    }
    let training = ctx.rules.season.training_starts(season);
    Some(Found {
        kind: FlagKind::YogGap,
        id: "yog_gap".to_string(),
        summary: format!(
            "Graduated {grad}; applying in the ERAS {season} season, for training from {}: \
             {years} years later.",
            training.long()
        ),
        assessment: a,
        subject: Subject::Graduation,
    })
}

/// The stretches after graduation, up to today, that no activity covers.
/// A planned activity (one that starts after today) covers nothing yet.
pub fn timeline_gaps(profile: &Profile, today: YearMonth) -> Vec<Span> {
    let window = Span {
        start: profile.graduation.next(),
        end: today,
    };
    let covered: Vec<Span> = profile
        .activities
        .iter()
        .filter_map(|a| a.done_by(today))
        .collect();
    uncovered(window, &covered)
}

pub(super) fn training_gaps(ctx: &Context) -> Vec<Found> {
    let recent_clinical = ctx.recent_clinical();
    timeline_gaps(ctx.profile, ctx.today)
        .into_iter()
        .filter(|g| g.months() >= i64::from(ctx.rules.gap_months))
        .map(|gap| training_gap(ctx, gap, recent_clinical))
        .collect()
}

pub(super) fn training_gap(ctx: &Context, gap: Span, recent_clinical: bool) -> Found {
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

pub(super) fn clip(span: Span, to: Span) -> Span {
    Span {
        start: span.start.max(to.start),
        end: span.end.min(to.end),
    }
}
