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
                // Clean: no failure, repeat or incident of any kind after it.
                match ctx.first_trouble_after(inc.date) {
                    None => a.lower(format!("completed {done}, with a clean record since")),
                    Some(next) => a.mitigate(format!(
                        "completed {done}, though {} followed, so the record since is not clean",
                        next.name
                    )),
                }
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

/// Months of hands-on US clinical work up to `today`, overlaps counted once. Only
/// clinical work marked hands-on counts: never an observership or shadowing (observers
/// do not examine patients), and never a planned activity, one that starts after today.
pub fn us_hands_on_months(profile: &Profile, today: YearMonth) -> i64 {
    union_months(&us_hands_on_spans(profile, today))
}

/// The stretches of hands-on US clinical work done by `today`.
fn us_hands_on_spans(profile: &Profile, today: YearMonth) -> Vec<Span> {
    profile
        .activities
        .iter()
        .filter(|a| a.us && a.is_hands_on())
        .filter_map(|a| a.done_by(today))
        .collect()
}

/// The last month of hands-on US clinical work done by `today`, if there was any.
pub fn last_us_hands_on(profile: &Profile, today: YearMonth) -> Option<YearMonth> {
    us_hands_on_spans(profile, today)
        .into_iter()
        .map(|s| s.end)
        .max()
}

pub(super) fn limited_usce(ctx: &Context, timeline_flagged: bool) -> Option<Found> {
    let p = ctx.profile;
    let today = ctx.today;
    let months = us_hands_on_months(p, today);
    let short = months < i64::from(ctx.rules.usce_months);
    let last = last_us_hands_on(p, today);
    let stale_by = last
        .map(|m| m.months_until(today))
        .filter(|n| *n > i64::from(ctx.rules.usce_recent_months));
    let us_kinds: Vec<ActivityKind> = p
        .activities
        .iter()
        .filter(|a| a.us && a.kind != ActivityKind::Research && !a.is_planned(today))
        .map(|a| a.kind)
        .collect();
    let only_shadowing =
        !us_kinds.is_empty() && us_kinds.iter().all(|k| *k == ActivityKind::Shadowing);
    let no_letter = !p.letters.iter().any(|l| l.us && l.area.is_core());
    if !short && !no_letter && stale_by.is_none() {
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
    } else if no_letter {
        Assessment::new(
            Severity::Low,
            "enough US clinical months, but no US letter to vouch for them",
        )
    } else {
        // Enough, and vouched for by a US letter: only its age is the worry, and on its
        // own a low one (it stays on the list for programs that ask for US work in the
        // last year).
        Assessment::new(
            Severity::Low,
            format!("{months} months of hands-on US clinical work, enough in amount"),
        )
    };
    let enough = !short && !no_letter;
    a.raise_if(short && only_shadowing, || {
        "US exposure is shadowing only, without patient care".to_string()
    });
    if short && no_letter {
        a.raise("no letter from US faculty in internal medicine, pediatrics or Med-Peds");
    }
    a.raise_if(short && timeline_flagged, || {
        "combined with an older graduation year or a gap in the timeline".to_string()
    });
    if let (Some(last), Some(ago)) = (last, stale_by) {
        let why = format!(
            "not recent: the last hands-on US month was {last}, {ago} months ago (more than {})",
            ctx.rules.usce_recent_months
        );
        if enough {
            a.also(why);
        } else {
            a.raise(why);
        }
    }
    let planned: Vec<String> = p
        .activities
        .iter()
        .filter(|x| x.us && x.is_hands_on() && x.is_planned(today))
        .map(|x| format!("{} from {}", x.title.trim(), x.start))
        .collect();
    if !planned.is_empty() {
        a.mitigate(format!(
            "planned, not counted until it starts: {}",
            planned.join("; ")
        ));
    }
    let letters = if no_letter {
        "no US letter in IM, Peds or Med-Peds"
    } else {
        "a US letter in IM, Peds or Med-Peds"
    };
    let when = last.map_or_else(String::new, |m| format!(", the last in {m}"));
    Some(Found {
        kind: FlagKind::LimitedUsce,
        id: "limited_usce".to_string(),
        summary: format!("{months} months of hands-on US clinical experience{when}; {letters}."),
        assessment: a,
        subject: Subject::Usce,
    })
}

pub(super) fn visa_plan(ctx: &Context) -> Option<Found> {
    let p = ctx.profile;
    if p.citizenship != Citizenship::NonUs {
        return None;
    }
    let mut problems: Vec<(Severity, String)> = Vec::new();
    let need = p.visa.as_ref().map(|v| v.need);
    if matches!(need, None | Some(VisaNeed::Unsure)) {
        problems.push((
            Severity::Moderate,
            "the visa needed for training (J-1 or H-1B) is not settled".to_string(),
        ));
    }
    let missing = h1b_missing(ctx).filter(|m| !m.is_empty()).map(|m| {
        let parts: Vec<&str> = m.iter().map(String::as_str).collect();
        join_and(&parts)
    });
    if let (Some(VisaNeed::H1b), Some(missing)) = (need, &missing) {
        problems.push((
            Severity::Moderate,
            format!(
                "the plan is an H-1B alone, which needs every Step passed, Step 3 included, \
                 and ECFMG certification before a program can petition; missing: {missing}"
            ),
        ));
    }
    if p.visa.as_ref().is_some_and(|v| v.documentation_issues) {
        problems.push((
            Severity::Moderate,
            "documentation deadlines were missed".to_string(),
        ));
    }
    // Sponsorship matters only when a visa is needed: own work authorisation needs none.
    let sponsored = need != Some(VisaNeed::NotNeeded);
    let share = p
        .visa
        .as_ref()
        .and_then(|v| v.sponsoring_share)
        .filter(|_| sponsored);
    if let Some(s) = share.filter(|s| *s < ctx.rules.min_sponsoring_share) {
        problems.push((
            Severity::Moderate,
            format!(
                "only {:.0}% of the programs on the list sponsor the visa",
                s * 100.0
            ),
        ));
    }
    // Naming an H-1B beside a J-1 before it is open is a small matter on its own: the
    // J-1 still stands. With other problems it shows in the summary only.
    if let (Some(VisaNeed::J1OrH1b), Some(missing), true) = (need, &missing, problems.is_empty()) {
        problems.push((
            Severity::Low,
            format!(
                "an H-1B is named beside the J-1, but it is not open yet ({missing}), so \
                 programs will read the plan as a J-1"
            ),
        ));
    }
    let ((base, first), rest) = problems.split_first()?;
    let mut a = Assessment::new(*base, first.clone());
    for (_, more) in rest {
        a.raise(more.clone());
    }
    let need_text = match (need, &missing) {
        (Some(n @ (VisaNeed::H1b | VisaNeed::J1OrH1b)), Some(m)) => {
            format!("{} (H-1B not open yet: {m})", need_label(n))
        }
        _ => need.map_or("no visa plan recorded", need_label).to_string(),
    };
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

/// What an H-1B plan still lacks, when the plan names an H-1B: each Step of
/// `h1b_steps` not yet passed, and graduation if it is still ahead. `None` when no
/// H-1B is planned.
fn h1b_missing(ctx: &Context) -> Option<Vec<String>> {
    let need = ctx.profile.visa.as_ref().map(|v| v.need)?;
    if !matches!(need, VisaNeed::H1b | VisaNeed::J1OrH1b) {
        return None;
    }
    let mut missing: Vec<String> = ctx
        .rules
        .h1b_steps
        .iter()
        .filter(|step| !ctx.passed(**step))
        .map(|step| format!("{} not passed", step.label().trim_start_matches("USMLE ")))
        .collect();
    missing.dedup();
    if ctx.profile.graduation > ctx.today {
        missing.push("not yet graduated".to_string());
    }
    Some(missing)
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
