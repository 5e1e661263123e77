//! Checks a profile for facts that parse but cannot be true (an end before its start,
//! a quartile of 7, a Step 1 score from after scores stopped, a fifth attempt at a
//! Step), naming the entry so the user can find it; and for facts that may be true but
//! are probably not meant (warnings, which never stop anything).
//!
//! The USMLE facts come from the rules (`step1_pass_fail_from`, `max_attempts`), so
//! an adviser can follow a policy change, or a history from before it, in data.
//!
//! Pure: no I/O.

use super::locate::{find, quoted};
use super::month::YearMonth;
use super::profile::{ExamResult, PROFILE_VERSION, Profile, Step};
use super::rules::{Rules, SeasonFit};
use super::usmle::Day;

/// The scores USMLE reports: three digits, from 1 to 300. A score outside them is a
/// typing slip (2260 for 226), refused in a file as in the form.
pub const SCORES: std::ops::RangeInclusive<u16> = 1..=300;

/// The seasons a profile may name, by the year training starts.
pub const SEASONS: std::ops::RangeInclusive<i32> = 1950..=2100;

/// One impossible fact, with where it is in the profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// A path into the profile, e.g. `activities[2].end`.
    pub field: String,
    pub message: String,
    /// Words that lead to the entry in the file, in order (see [`find`]); empty when
    /// none do.
    pub near: Vec<String>,
}

impl Problem {
    /// Line and column of the entry in `text`, the file the profile was read from,
    /// when its words are there.
    pub fn place(&self, text: &str) -> Option<(usize, usize)> {
        let first = self.near.first()?;
        text.contains(first.as_str()).then(|| {
            let path: Vec<&str> = self.near.iter().map(String::as_str).collect();
            find(text, &path)
        })
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Every impossible fact in `profile`, judged by `rules`; empty when it is sound.
pub fn validate(profile: &Profile, rules: &Rules) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut problem = |field: String, message: String, near: &[&str]| {
        out.push(Problem {
            field,
            message,
            near: near.iter().map(|s| s.to_string()).collect(),
        })
    };
    if profile.version == 0 || profile.version > PROFILE_VERSION {
        problem(
            "version".into(),
            format!(
                "format version {} is not one this flagdraft reads (1 to {PROFILE_VERSION})",
                profile.version
            ),
            &["version"],
        );
    }
    if let Some(q) = profile.class_rank_quartile
        && !(1..=4).contains(&q)
    {
        problem(
            "class_rank_quartile".into(),
            format!("{q} is not a quartile (1 = top to 4 = bottom)"),
            &["class_rank_quartile"],
        );
    }
    let grad_year = profile.graduation.year();
    if !SEASONS.contains(&profile.application_year) {
        problem(
            "application_year".into(),
            format!(
                "{} is not a season: write the year training starts, such as 2027",
                profile.application_year
            ),
            &["application_year"],
        );
    } else if profile.application_year < grad_year {
        problem(
            "application_year".into(),
            format!(
                "{} is before graduation in {grad_year}",
                profile.application_year
            ),
            &["application_year"],
        );
    }
    if let Some(share) = profile.visa.as_ref().and_then(|v| v.sponsoring_share)
        && !(0.0..=1.0).contains(&share)
    {
        problem(
            "visa.sponsoring_share".into(),
            format!("{share} is not a share between 0.0 and 1.0"),
            &["sponsoring_share"],
        );
    }
    for (i, a) in profile.activities.iter().enumerate() {
        if let Some(end) = a.end
            && end < a.start
        {
            problem(
                format!("activities[{i}].end"),
                format!("{end} is before the start, {}", a.start),
                &["activities", &quoted(&a.start.to_string()), "end"],
            );
        }
    }
    for (i, g) in profile.gaps_explained.iter().enumerate() {
        if g.end < g.start {
            problem(
                format!("gaps_explained[{i}].end"),
                format!("{} is before the start, {}", g.end, g.start),
                &["gaps_explained", &quoted(&g.start.to_string()), "end"],
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
                &["incidents", &quoted(&inc.date.to_string()), "completed"],
            );
        }
    }
    out.extend(exam_problems(profile, rules));
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
                near: vec!["activities".into()],
            });
        }
    }
    out
}

/// A Step 1 score from a month wholly on or after the day Step 1 became pass or fail,
/// and attempts at a Step beyond the limit.
fn exam_problems(profile: &Profile, rules: &Rules) -> Vec<Problem> {
    let mut out = Vec::new();
    let pass_fail = rules.step1_pass_fail_from;
    for (i, exam) in profile.exams.iter().enumerate() {
        for (j, a) in exam.attempts.iter().enumerate() {
            let ExamResult::Score(score) = a.result else {
                continue;
            };
            if !SCORES.contains(&score) {
                out.push(Problem {
                    field: format!("exams[{i}].attempts[{j}].result"),
                    message: format!(
                        "{score} is not a USMLE score: scores run from {} to {}",
                        SCORES.start(),
                        SCORES.end()
                    ),
                    near: near_attempt(exam.step, a.date, "Score"),
                });
                continue;
            }
            if exam.step != Step::Step1 {
                continue;
            }
            // A month that begins before the change may hold a scored test: allowed.
            if Day::first_of(a.date) >= pass_fail {
                out.push(Problem {
                    field: format!("exams[{i}].attempts[{j}].result"),
                    message: format!(
                        "a Step 1 score ({score}) in {} cannot be: Step 1 has been reported only as pass or fail since {}; record Pass or Fail",
                        a.date,
                        pass_fail.long()
                    ),
                    near: near_attempt(exam.step, a.date, "Score"),
                });
            }
        }
    }
    let limit = usize::from(rules.max_attempts);
    for step in [Step::Step1, Step::Step2Ck, Step::Step3] {
        let mut attempts: Vec<(usize, usize, YearMonth)> = profile
            .exams
            .iter()
            .enumerate()
            .filter(|(_, e)| e.step == step)
            .flat_map(|(i, e)| {
                e.attempts
                    .iter()
                    .enumerate()
                    .map(move |(j, a)| (i, j, a.date))
            })
            .collect();
        attempts.sort_by_key(|&(_, _, date)| date);
        if let Some(&(i, j, date)) = attempts.get(limit) {
            out.push(Problem {
                field: format!("exams[{i}].attempts[{j}]"),
                message: format!(
                    "{} attempts at {} are listed, but USMLE allows at most {limit} at each Step (max_attempts in the rules; raise it only for a history from before the limit)",
                    attempts.len(),
                    step.label()
                ),
                near: near_attempt(step, date, ""),
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
        near: vec!["application_year".into()],
    })
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

fn near_attempt(step: Step, date: YearMonth, then: &str) -> Vec<String> {
    // The step as a profile file spells it: `Step1`, `Step2Ck`, `Step3`.
    let words = [
        "exams".to_string(),
        format!("{step:?}"),
        quoted(&date.to_string()),
    ];
    words
        .into_iter()
        .chain((!then.is_empty()).then(|| then.to_string()))
        .collect()
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

    fn check(p: &Profile) -> Vec<Problem> {
        validate(p, &Rules::default())
    }

    #[test]
    fn a_sound_profile_has_no_problems() {
        assert!(check(&profile("")).is_empty());
    }

    #[test]
    fn names_the_entry_that_is_wrong() {
        let p = profile(
            "class_rank_quartile: Some(5), activities: [Activity(kind: Research, title: \"Lab\", start: \"2020-05\", end: Some(\"2020-01\"))]",
        );
        let fields: Vec<_> = check(&p).into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["class_rank_quartile", "activities[0].end"]);
    }

    #[test]
    fn a_season_that_does_not_fit_today_is_a_warning_not_a_problem() {
        let rules = Rules::default();
        let ym = |s: &str| s.parse::<YearMonth>().unwrap();
        let p = profile("");
        assert!(check(&p).is_empty());
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
        assert!(check(&p).is_empty(), "a warning, never a problem");
    }

    #[test]
    fn refuses_a_newer_format() {
        let mut p = profile("");
        p.version = PROFILE_VERSION + 1;
        assert_eq!(check(&p)[0].field, "version");
    }

    fn step1(date: &str, result: &str) -> Profile {
        profile(&format!(
            "exams: [Exam(step: Step1, attempts: [Attempt(date: \"{date}\", result: {result})])]"
        ))
    }

    #[test]
    fn a_step1_score_is_refused_from_the_first_month_wholly_pass_or_fail() {
        // Pass or fail from 2022-01-26: January 2022 may still hold a scored test.
        assert!(check(&step1("2022-01", "Score(230)")).is_empty());
        let problems = check(&step1("2022-02", "Score(230)"));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].field, "exams[0].attempts[0].result");
        assert!(
            problems[0].message.contains("26 January 2022"),
            "{problems:?}"
        );
        for result in ["Pass", "Fail"] {
            assert!(check(&step1("2024-05", result)).is_empty(), "{result}");
        }
    }

    #[test]
    fn the_pass_or_fail_day_comes_from_the_rules() {
        let rules = Rules::parse("(step1_pass_fail_from: \"2022-02-01\")").unwrap();
        assert_eq!(validate(&step1("2022-02", "Score(230)"), &rules).len(), 1);
        assert!(validate(&step1("2022-01", "Score(230)"), &rules).is_empty());
    }

    fn attempts(n: usize) -> Profile {
        let list: Vec<String> = (0..n)
            .map(|i| format!("Attempt(date: \"2020-{:02}\", result: Fail)", i + 1))
            .collect();
        profile(&format!(
            "exams: [Exam(step: Step2Ck, attempts: [{}])]",
            list.join(", ")
        ))
    }

    #[test]
    fn more_attempts_at_a_step_than_usmle_allows_are_refused() {
        assert!(check(&attempts(4)).is_empty());
        let problems = check(&attempts(5));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].field, "exams[0].attempts[4]");
        assert!(problems[0].message.contains("at most 4"), "{problems:?}");
        let rules = Rules::parse("(max_attempts: 6)").unwrap();
        assert!(validate(&attempts(5), &rules).is_empty());
    }

    #[test]
    fn attempts_listed_in_two_entries_for_one_step_count_together() {
        let p = profile(
            "exams: [Exam(step: Step3, attempts: [Attempt(date: \"2021-01\", result: Fail), Attempt(date: \"2021-06\", result: Fail)]),
                     Exam(step: Step1, attempts: [Attempt(date: \"2018-01\", result: Pass)]),
                     Exam(step: Step3, attempts: [Attempt(date: \"2022-01\", result: Fail), Attempt(date: \"2020-01\", result: Fail), Attempt(date: \"2023-01\", result: Fail)])]",
        );
        let problems = check(&p);
        assert_eq!(problems.len(), 1, "{problems:?}");
        // The fifth by date: 2023-01, the third of the second Step 3 entry.
        assert_eq!(problems[0].field, "exams[2].attempts[2]");
    }

    #[test]
    fn a_score_out_of_range_is_refused_and_placed() {
        for (result, refused) in [
            ("Score(2260)", true),
            ("Score(0)", true),
            ("Score(301)", true),
            ("Score(1)", false),
            ("Score(300)", false),
        ] {
            let text = format!(
                "Profile(\n  version: 1, citizenship: NonUs, graduation: \"2019-06\", application_year: 2026,\n  exams: [Exam(step: Step2Ck, attempts: [\n    Attempt(date: \"2021-06\", result: {result}),\n  ])],\n)"
            );
            let p: Profile = ron::from_str(&text).unwrap();
            let problems = check(&p);
            assert_eq!(!problems.is_empty(), refused, "{result}: {problems:?}");
            if refused {
                assert_eq!(problems[0].field, "exams[0].attempts[0].result");
                assert!(problems[0].message.contains("1 to 300"), "{problems:?}");
                assert_eq!(problems[0].place(&text), Some((4, 38)));
            }
        }
    }

    #[test]
    fn a_season_must_be_a_plausible_year() {
        let mut p = profile("");
        for (year, ok) in [(2026, true), (2100, true), (2101, false), (-5, false)] {
            p.application_year = year;
            assert_eq!(check(&p).is_empty(), ok, "{year}");
        }
    }

    #[test]
    fn a_problem_is_placed_in_the_text_it_came_from() {
        let text = "Profile(\n  version: 1, citizenship: NonUs, graduation: \"2019-06\", application_year: 2026,\n  exams: [Exam(step: Step1, attempts: [\n    Attempt(date: \"2021-06\", result: Pass),\n    Attempt(date: \"2023-04\", result: Score(240)),\n  ])],\n)";
        let p: Profile = ron::from_str(text).unwrap();
        let problems = check(&p);
        assert_eq!(problems[0].place(text), Some((5, 38)));
        assert_eq!(problems[0].place("Profile()"), None);
    }
}
