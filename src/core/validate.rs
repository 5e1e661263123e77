//! Checks a profile for facts that parse but cannot be true (an end before its start,
//! a quartile of 7), naming the entry so the user can find it.
//!
//! Pure: no I/O.

use super::profile::{PROFILE_VERSION, Profile};

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
    fn refuses_a_newer_format() {
        let mut p = profile("");
        p.version = PROFILE_VERSION + 1;
        assert_eq!(validate(&p)[0].field, "version");
    }
}
