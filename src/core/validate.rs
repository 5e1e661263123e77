//! Checks a profile for facts that parse but cannot be true (an end before its start,
//! a quartile of 7), naming the entry so the user can find it; and for facts that may
//! be true but are probably not meant (warnings, which never stop anything).
//!
//! Pure: no I/O.

use super::month::YearMonth;
use super::profile::{PROFILE_VERSION, Profile};
use super::rules::{Rules, SeasonFit};

/// One impossible fact, with where it is in the profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// A path into the profile, e.g. `activities[2].end`.
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Every impossible fact in `profile`; empty when it is sound.
pub fn validate(profile: &Profile) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut problem = |field: String, message: String| out.push(Problem { field, message });
    if profile.version == 0 || profile.version > PROFILE_VERSION {
        problem(
            "version".into(),
            format!(
                "format version {} is not one this flagdraft reads (1 to {PROFILE_VERSION})",
                profile.version
            ),
        );
    }
    if let Some(q) = profile.class_rank_quartile
        && !(1..=4).contains(&q)
    {
        problem(
            "class_rank_quartile".into(),
            format!("{q} is not a quartile (1 = top to 4 = bottom)"),
        );
    }
    let grad_year = profile.graduation.year();
    if profile.application_year < grad_year {
        problem(
            "application_year".into(),
            format!(
                "{} is before graduation in {grad_year}",
                profile.application_year
            ),
        );
    }
    if let Some(share) = profile.visa.as_ref().and_then(|v| v.sponsoring_share)
        && !(0.0..=1.0).contains(&share)
    {
        problem(
            "visa.sponsoring_share".into(),
            format!("{share} is not a share between 0.0 and 1.0"),
        );
    }
    for (i, a) in profile.activities.iter().enumerate() {
        if let Some(end) = a.end
            && end < a.start
        {
            problem(
                format!("activities[{i}].end"),
                format!("{end} is before the start, {}", a.start),
            );
        }
    }
    for (i, g) in profile.gaps_explained.iter().enumerate() {
        if g.end < g.start {
            problem(
                format!("gaps_explained[{i}].end"),
                format!("{} is before the start, {}", g.end, g.start),
            );
        }
    }
    for (i, inc) in profile.incidents.iter().enumerate() {
        if let Some(done) = inc.completed
            && done < inc.date
        {
            problem(
                format!("incidents[{i}].completed"),
                format!("{done} is before the incident, {}", inc.date),
            );
        }
    }
    out
}

/// Facts that may be true but are probably not meant, or that detection reads
/// differently from how they look; `today` is the month detection treats as now.
/// Empty when there is nothing to say. Never a reason to refuse the profile.
pub fn warnings(profile: &Profile, rules: &Rules, today: YearMonth) -> Vec<Problem> {
    let mut out = Vec::new();
    out.extend(season_warning(profile, rules, today));
    out.extend(observing_warnings(profile));
    out
}

/// Observerships and shadowing marked hands-on: detection never counts them so.
pub fn observing_warnings(profile: &Profile) -> Vec<Problem> {
    let mut out = Vec::new();
    for (i, a) in profile.activities.iter().enumerate() {
        if a.kind.is_observing() && a.hands_on {
            out.push(Problem {
                field: format!("activities[{i}].hands_on"),
                message: format!(
                    "{} never counts as hands-on care, whatever this says: an observer \
                     watches but does not examine or treat patients. If you examined \
                     patients yourself under supervision, that was clinical work such as \
                     an externship: choose Clinical",
                    capitalise(a.kind.label())
                ),
            });
        }
    }
    out
}

/// A season that does not fit `today`: after its Match, or more than
/// `season.early_months` before it opens.
pub fn season_warning(profile: &Profile, rules: &Rules, today: YearMonth) -> Option<Problem> {
    let cal = &rules.season;
    let season = profile.application_year;
    let why = match cal.fit(season, today) {
        SeasonFit::Fits => return None,
        SeasonFit::Over => format!(
            "as of {today} the ERAS {season} season is over (its Match was in {})",
            cal.match_month(season).long()
        ),
        SeasonFit::TooEarly => format!(
            "as of {today} the ERAS {season} season is still far off (it opens in {})",
            cal.opens(season).long()
        ),
    };
    let current = cal.current(today);
    Some(Problem {
        field: "application_year".into(),
        message: format!(
            "{why}. A season is named by the year training starts: in {today} the season \
             open or opening next is ERAS {current}, for training from {}. Check the \
             season, or the as_of month",
            cal.training_starts(current).long()
        ),
    })
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(extra: &str) -> Profile {
        let text = format!(
            "Profile(version: 1, citizenship: NonUs, graduation: \"2019-06\", application_year: 2026, {extra})"
        );
        ron::from_str(&text).unwrap()
    }

    #[test]
    fn a_sound_profile_has_no_problems() {
        assert!(validate(&profile("")).is_empty());
    }

    #[test]
    fn names_the_entry_that_is_wrong() {
        let p = profile(
            "class_rank_quartile: Some(5), activities: [Activity(kind: Research, title: \"Lab\", start: \"2020-05\", end: Some(\"2020-01\"))]",
        );
        let fields: Vec<_> = validate(&p).into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["class_rank_quartile", "activities[0].end"]);
    }

    #[test]
    fn a_season_that_does_not_fit_today_is_a_warning_not_a_problem() {
        let rules = Rules::default();
        let ym = |s: &str| s.parse::<YearMonth>().unwrap();
        let p = profile("");
        assert!(validate(&p).is_empty());
        // Season 2026: fits from 2024-06 to 2026-03.
        assert!(warnings(&p, &rules, ym("2024-06")).is_empty());
        assert!(warnings(&p, &rules, ym("2026-03")).is_empty());
        let over = warnings(&p, &rules, ym("2026-04"));
        assert_eq!(over.len(), 1, "{over:?}");
        assert_eq!(over[0].field, "application_year");
        assert!(over[0].message.contains("over"), "{}", over[0]);
        assert!(over[0].message.contains("ERAS 2027"), "{}", over[0]);
        assert!(over[0].message.contains("July 2027"), "{}", over[0]);
        let early = warnings(&p, &rules, ym("2024-05"));
        assert!(early[0].message.contains("June 2025"), "{}", early[0]);
        assert!(early[0].message.contains("ERAS 2025"), "{}", early[0]);
    }

    #[test]
    fn an_observing_activity_ticked_hands_on_is_a_warning() {
        let rules = Rules::default();
        let today: YearMonth = "2025-09".parse().unwrap();
        let p = profile(
            "activities: [
                Activity(kind: Observership, title: \"A\", start: \"2024-01\", us: true, hands_on: true),
                Activity(kind: Shadowing, title: \"B\", start: \"2024-01\", us: true, hands_on: false),
                Activity(kind: Clinical, title: \"C\", start: \"2024-01\", us: true, hands_on: true),
                Activity(kind: Shadowing, title: \"D\", start: \"2024-01\", us: true, hands_on: true),
            ]",
        );
        let fields: Vec<_> = warnings(&p, &rules, today)
            .into_iter()
            .map(|w| w.field)
            .collect();
        assert_eq!(fields, ["activities[0].hands_on", "activities[3].hands_on"]);
        assert!(validate(&p).is_empty(), "a warning, never a problem");
    }

    #[test]
    fn refuses_a_newer_format() {
        let mut p = profile("");
        p.version = PROFILE_VERSION + 1;
        assert_eq!(validate(&p)[0].field, "version");
    }
}
