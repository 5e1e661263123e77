//! Professionalism, US clinical experience and the visa plan.

use super::*;

pub(super) fn professionalism(ctx: &Context) -> Vec<Found> {
    let incidents = &ctx.profile.incidents;
    let mut ids = Ids::default();
    incidents
        .iter()
        .enumerate()
        .map(|(index, inc)| {
            let base = match inc.kind {
                crate::core::profile::IncidentKind::Probation => Severity::High,
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

pub(super) fn incident_summary(inc: &crate::core::profile::Incident) -> String {
    let what = capitalise(inc.kind.label());
    match inc.summary.trim() {
        "" => format!("{what}, {}.", inc.date),
        text => format!("{what}, {}: {}.", inc.date, text.trim_end_matches('.')),
    }
}

pub(super) fn capitalise(s: &str) -> String {
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

pub(super) fn limited_usce(ctx: &Context, timeline_flagged: bool) -> Option<Found> {
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

pub(super) fn visa_plan(ctx: &Context) -> Option<Found> {
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
