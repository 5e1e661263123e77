//! Detection thresholds, read from `assets/rules.ron` (embedded) or a user's copy.
//!
//! Every field has a default, so a user file names only what it changes.
//! Pure: parses text, never opens files.

use serde::{Deserialize, Serialize};

use super::locate::Located;
use super::month::YearMonth;
use super::profile::Step;
use super::usmle::{Day, table_problem};
pub use super::usmle::{Mark, MarkTable, PassMarks};

/// The embedded rules file, the defaults of `DOMAIN.md`.
pub const EMBEDDED: &str = include_str!("../../assets/rules.ron");

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Rules {
    pub version: u32,
    /// A Step 2 CK score below this is a low score.
    pub low_score_threshold: u16,
    /// A Step 2 CK score at or above this shows a strong upward trend.
    pub strong_step2ck: u16,
    /// A passing Step 3 score at or above this offsets a low Step 2 CK.
    pub strong_step3: u16,
    /// Attempts USMLE allows at each Step.
    pub max_attempts: u8,
    /// From this day Step 1 is reported as pass or fail only, with no score.
    pub step1_pass_fail_from: Day,
    /// Scores below the pass mark in force on their date count as failed attempts.
    pub pass_marks: PassMarks,
    /// Events within this many years of today count as recent.
    pub recent_years: u8,
    /// Years between graduation and application year above which the graduation year is a flag.
    pub yog_years: u8,
    /// Above this many years the graduation-year flag is high.
    pub yog_high_years: u8,
    /// A stretch with no activity this many months long or longer is a gap.
    pub gap_months: u16,
    /// A gap this long or longer raises its severity.
    pub long_gap_months: u16,
    /// No clinical work within this many months before today risks skills fading.
    pub atrophy_months: u16,
    /// Fewer months of hands-on US clinical experience than this is limited.
    pub usce_months: u16,
    /// A repeated course this many years before today counts as long ago.
    pub long_ago_years: u8,
    /// A programme list where fewer than this share sponsor the visa is a flag.
    pub min_sponsoring_share: f64,
    /// Hands-on US clinical work whose last month is more than this many months before
    /// today is not recent.
    pub usce_recent_months: u16,
    /// A professionalism incident or a repeated course this many months or fewer from
    /// another failure, repeat or incident reads as a pattern with it.
    pub pattern_months: u16,
    /// The Steps an H-1B for residency needs passed.
    pub h1b_steps: Vec<Step>,
    /// When an ERAS season opens and ends, to tell whether today fits the season.
    pub season: SeasonCalendar,
}

/// The calendar of an ERAS season, named by the year training starts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SeasonCalendar {
    /// Applicants can start in this month (1 = January) ...
    pub opens_month: u8,
    /// ... of the year this many years before training starts.
    pub opens_years_before: u8,
    /// The Match, in this month of the season's own year.
    pub match_month: u8,
    /// Training starts in this month of the season's own year.
    pub training_month: u8,
    /// A today more than this many months before the season opens is too early for it.
    pub early_months: u16,
}

impl Default for SeasonCalendar {
    fn default() -> Self {
        Self {
            opens_month: 6,
            opens_years_before: 1,
            match_month: 3,
            training_month: 7,
            early_months: 12,
        }
    }
}

/// How a month falls against a season's calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeasonFit {
    /// From `early_months` before the season opens to its Match.
    Fits,
    /// More than `early_months` before the season opens.
    TooEarly,
    /// After the season's Match.
    Over,
}

impl SeasonCalendar {
    /// The month the ERAS season that starts training in `season` opens.
    pub fn opens(&self, season: i32) -> YearMonth {
        YearMonth::clamped(
            season - i32::from(self.opens_years_before),
            u32::from(self.opens_month),
        )
    }

    /// The month of the season's Match.
    pub fn match_month(&self, season: i32) -> YearMonth {
        YearMonth::clamped(season, u32::from(self.match_month))
    }

    /// The month training starts after the season.
    pub fn training_starts(&self, season: i32) -> YearMonth {
        YearMonth::clamped(season, u32::from(self.training_month))
    }

    /// Whether `today` fits the season `season`.
    pub fn fit(&self, season: i32, today: YearMonth) -> SeasonFit {
        if today > self.match_month(season) {
            SeasonFit::Over
        } else if today < self.opens(season).plus(-i64::from(self.early_months)) {
            SeasonFit::TooEarly
        } else {
            SeasonFit::Fits
        }
    }

    /// The season an applicant at `today` is most likely applying in: the first whose
    /// Match is still ahead.
    pub fn current(&self, today: YearMonth) -> i32 {
        if today > self.match_month(today.year()) {
            today.year() + 1
        } else {
            today.year()
        }
    }
}

impl Default for Rules {
    fn default() -> Self {
        Self {
            version: 1,
            low_score_threshold: 230,
            strong_step2ck: 250,
            strong_step3: 225,
            max_attempts: 4,
            step1_pass_fail_from: Day::fixed(2022, 1, 26),
            pass_marks: PassMarks::default(),
            recent_years: 3,
            yog_years: 3,
            yog_high_years: 5,
            gap_months: 3,
            long_gap_months: 12,
            atrophy_months: 12,
            usce_months: 3,
            long_ago_years: 5,
            min_sponsoring_share: 0.5,
            usce_recent_months: 12,
            pattern_months: 12,
            h1b_steps: vec![Step::Step1, Step::Step2Ck, Step::Step3],
            season: SeasonCalendar::default(),
        }
    }
}

impl Rules {
    /// Parse a rules file; fields it leaves out keep their defaults.
    pub fn parse(text: &str) -> Result<Self, ron::error::SpannedError> {
        super::ron_text::from_str(text)
    }

    /// The rules built into the binary.
    pub fn embedded() -> Self {
        Self::parse(EMBEDDED).unwrap_or_default()
    }

    /// Refuse values that parse but cannot be meant: a gap or a fading of skills zero
    /// months long, no attempt allowed, a pass-mark table empty or out of date order,
    /// a share that is no share. `text` is the file, to say where.
    pub fn check(&self, text: &str) -> Result<(), Located> {
        let at = |field: &str, message: String| Located::at(text, &[field], message);
        for (field, months) in [
            ("gap_months", self.gap_months),
            ("atrophy_months", self.atrophy_months),
        ] {
            if months == 0 {
                return Err(at(field, format!("{field} must be at least 1")));
            }
        }
        let season = &self.season;
        for (field, month) in [
            ("opens_month", season.opens_month),
            ("match_month", season.match_month),
            ("training_month", season.training_month),
        ] {
            if !(1..=12).contains(&month) {
                return Err(Located::at(
                    text,
                    &["season", field],
                    format!("season.{field} must be a month from 1 to 12"),
                ));
            }
        }
        if self.max_attempts == 0 {
            return Err(at("max_attempts", "max_attempts must be at least 1".into()));
        }
        for (step, table) in [
            ("step1", &self.pass_marks.step1),
            ("step2ck", &self.pass_marks.step2ck),
            ("step3", &self.pass_marks.step3),
        ] {
            if let Some(why) = table_problem(table) {
                return Err(Located::at(
                    text,
                    &["pass_marks", step],
                    format!("pass_marks.{step}: {why}"),
                ));
            }
        }
        let share = self.min_sponsoring_share;
        if !(0.0..=1.0).contains(&share) {
            return Err(at(
                "min_sponsoring_share",
                "min_sponsoring_share must be a share from 0.0 to 1.0".into(),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::month::YearMonth;
    use crate::core::profile::Step;

    #[test]
    fn embedded_file_states_the_defaults() {
        assert_eq!(Rules::parse(EMBEDDED).unwrap(), Rules::default());
    }

    #[test]
    fn a_user_file_names_only_what_it_changes() {
        let r = Rules::parse(
            "(gap_months: 6, pass_marks: (step3: [Mark(score: 190), Mark(from: \"2016-01-01\", score: 197)]))",
        )
        .unwrap();
        assert_eq!(r.gap_months, 6);
        assert_eq!(r.pass_marks.mark(Step::Step3, ym("2016-01")), Some(197));
        assert_eq!(r.pass_marks.mark(Step::Step3, ym("2015-12")), Some(190));
        assert_eq!(r.pass_marks.step2ck, PassMarks::default().step2ck);
        assert_eq!(r.low_score_threshold, 230);
        assert_eq!(r.max_attempts, 4);
    }

    fn ym(s: &str) -> YearMonth {
        s.parse().unwrap()
    }

    #[test]
    fn an_old_single_pass_mark_is_that_mark_at_every_date() {
        let r = Rules::parse("(pass_marks: PassMarks(step1: 201))").unwrap();
        for month in ["2010-01", "2019-06", "2022-01", "2030-01"] {
            assert_eq!(r.pass_marks.mark(Step::Step1, ym(month)), Some(201));
        }
        assert_eq!(r.pass_marks.step3, PassMarks::default().step3);
    }

    #[test]
    fn an_old_copy_of_the_built_in_file_reads_as_the_dated_tables() {
        // The line every earlier rules.ron carried, copied whole by users.
        let r =
            Rules::parse("(pass_marks: PassMarks(step1: 196, step2ck: 214, step3: 198))").unwrap();
        assert_eq!(r.pass_marks, PassMarks::default());
        assert_eq!(r.pass_marks.mark(Step::Step2Ck, ym("2020-01")), Some(209));
        assert_eq!(r.pass_marks.mark(Step::Step2Ck, ym("2025-07")), Some(218));
    }

    #[test]
    fn the_built_in_tables_hold_every_dated_mark() {
        let r = Rules::embedded();
        let marks = |step: Step| -> Vec<(String, u16)> {
            r.pass_marks
                .of(step)
                .iter()
                .map(|m| (m.from.to_string(), m.score))
                .collect()
        };
        let rows = |list: &[(&str, u16)]| -> Vec<(String, u16)> {
            list.iter().map(|(d, s)| (d.to_string(), *s)).collect()
        };
        let start = Day::earliest().to_string();
        assert_eq!(
            marks(Step::Step1),
            rows(&[(&start, 192), ("2018-01-01", 194), ("2022-01-26", 196)])
        );
        assert_eq!(
            marks(Step::Step2Ck),
            rows(&[
                ("2012-07-01", 196),
                ("2013-07-01", 203),
                ("2014-07-01", 209),
                ("2022-07-01", 214),
                ("2025-07-01", 218),
            ])
        );
        assert_eq!(
            marks(Step::Step3),
            rows(&[
                (&start, 190),
                ("2016-01-01", 196),
                ("2020-01-01", 198),
                ("2024-01-01", 200),
            ])
        );
        assert_eq!(r.step1_pass_fail_from.to_string(), "2022-01-26");
        assert_eq!(
            (r.low_score_threshold, r.strong_step2ck, r.strong_step3),
            (230, 250, 225)
        );
        assert_eq!(r.max_attempts, 4);
    }

    #[test]
    fn a_rules_file_from_before_the_season_and_pattern_rules_keeps_their_defaults() {
        let old = "Rules(version: 1, low_score_threshold: 225, min_sponsoring_share: 0.6)";
        let r = Rules::parse(old).unwrap();
        assert_eq!(r.usce_recent_months, 12);
        assert_eq!(r.pattern_months, 12);
        assert_eq!(r.h1b_steps, [Step::Step1, Step::Step2Ck, Step::Step3]);
        assert_eq!(r.season, SeasonCalendar::default());
        let r = Rules::parse("(season: (match_month: 4))").unwrap();
        assert_eq!(r.season.match_month, 4);
        assert_eq!(r.season.opens_month, 6);
    }

    #[test]
    fn a_season_is_named_by_the_year_training_starts() {
        let cal = SeasonCalendar::default();
        assert_eq!(cal.opens(2026), ym("2025-06"));
        assert_eq!(cal.match_month(2026), ym("2026-03"));
        assert_eq!(cal.training_starts(2026), ym("2026-07"));
        // Fits from June two years before to the Match, both ends included.
        assert_eq!(cal.fit(2027, ym("2025-05")), SeasonFit::TooEarly);
        assert_eq!(cal.fit(2027, ym("2025-06")), SeasonFit::Fits);
        assert_eq!(cal.fit(2027, ym("2026-09")), SeasonFit::Fits);
        assert_eq!(cal.fit(2027, ym("2027-03")), SeasonFit::Fits);
        assert_eq!(cal.fit(2027, ym("2027-04")), SeasonFit::Over);
        assert_eq!(cal.current(ym("2026-03")), 2026);
        assert_eq!(cal.current(ym("2026-04")), 2027);
        assert_eq!(cal.current(ym("2026-12")), 2027);
    }

    #[test]
    fn a_misspelt_rule_is_an_error() {
        assert!(Rules::parse("(gap_month: 6)").is_err());
    }

    #[test]
    fn values_that_cannot_be_meant_are_located() {
        assert_eq!(Rules::embedded().check(EMBEDDED), Ok(()));
        let text = "(\n  gap_months: 0,\n)";
        let err = Rules::parse(text).unwrap().check(text).unwrap_err();
        assert_eq!((err.line, err.col), (2, 3));
        assert!(err.message.contains("gap_months"), "{err}");
        for text in [
            "(min_sponsoring_share: 1.5)",
            "(min_sponsoring_share: NaN)",
            "(atrophy_months: 0)",
            "(season: (match_month: 13))",
            "(season: (opens_month: 0))",
            "(max_attempts: 0)",
            "(pass_marks: (step2ck: []))",
            "(pass_marks: (step3: [Mark(score: 301)]))",
            "(pass_marks: (step1: [Mark(from: \"2022-01-26\", score: 196), Mark(from: \"2018-01-01\", score: 194)]))",
        ] {
            let rules = Rules::parse(text).unwrap();
            assert!(rules.check(text).is_err(), "{text}");
        }
        let text = "(\n  pass_marks: (\n    step2ck: [],\n  ),\n)";
        let err = Rules::parse(text).unwrap().check(text).unwrap_err();
        assert_eq!((err.line, err.col), (3, 5));
        assert!(err.message.contains("pass_marks.step2ck"), "{err}");
    }

    #[test]
    fn a_pass_mark_that_is_no_date_or_no_score_is_refused() {
        for text in [
            "(step1_pass_fail_from: \"2022-02-30\")",
            "(pass_marks: (step1: [Mark(from: \"2018-01\", score: 194)]))",
            "(pass_marks: (step1: -3))",
            "(pass_marks: (step1: \"196\"))",
            "(pass_marks: (step1: [Mark(from: \"2018-01-01\", score: 194, note: 1)]))",
        ] {
            assert!(Rules::parse(text).is_err(), "{text}");
        }
    }
}
