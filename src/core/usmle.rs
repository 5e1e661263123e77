//! USMLE facts that decide whether an attempt failed: the minimum passing score of
//! each Step by test date, as a table in `assets/rules.ron`.
//!
//! Profiles date an attempt by month, while the marks change on a given day. A month
//! is judged by the LOWEST mark in force on any of its days: a change on the first
//! of a month applies to that whole month; a change later in a month (Step 1's 196,
//! from 2022-01-26) applies from the next month, the change month keeping the earlier,
//! lower mark. The month alone cannot say which side of the change the test fell on,
//! and flagdraft never reports a failure it cannot be sure of.
//!
//! Pure: no clock, no I/O.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::month::{MonthError, YearMonth};
use super::profile::Step;

/// A calendar day, written `YYYY-MM-DD`: the day a USMLE policy took effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    month: YearMonth,
    day: u8,
}

/// Why a `YYYY-MM-DD` string was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DayError {
    #[error("expected a date as YYYY-MM-DD, for example 2022-01-26")]
    Shape,
    #[error("{0}")]
    Month(#[from] MonthError),
    #[error("{month} has no day {day}")]
    Day { month: YearMonth, day: u32 },
}

impl Day {
    /// The first day the tables can name: every career starts after it.
    pub fn earliest() -> Self {
        Self::first_of(YearMonth::clamped(1900, 1))
    }

    pub fn new(month: YearMonth, day: u32) -> Result<Self, DayError> {
        if !(1..=days_in(month)).contains(&day) {
            return Err(DayError::Day { month, day });
        }
        Ok(Self {
            month,
            day: day as u8,
        })
    }

    /// A day of the built-in tables, known to exist (out-of-range parts are clamped).
    pub(crate) fn fixed(year: i32, month: u32, day: u8) -> Self {
        Self {
            month: YearMonth::clamped(year, month),
            day: day.clamp(1, 28),
        }
    }

    pub fn first_of(month: YearMonth) -> Self {
        Self { month, day: 1 }
    }

    pub fn month(self) -> YearMonth {
        self.month
    }

    pub fn day(self) -> u32 {
        u32::from(self.day)
    }

    /// Day, month name and year for prose, e.g. "26 January 2022".
    pub fn long(self) -> String {
        format!("{} {}", self.day, self.month.long())
    }
}

fn days_in(month: YearMonth) -> u32 {
    match month.month() {
        4 | 6 | 9 | 11 => 30,
        2 => {
            let y = month.year();
            if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
                29
            } else {
                28
            }
        }
        _ => 31,
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.month, self.day)
    }
}

impl FromStr for Day {
    type Err = DayError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (month, day) = s.trim().rsplit_once('-').ok_or(DayError::Shape)?;
        if month.len() != 7 || day.len() != 2 || !day.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DayError::Shape);
        }
        let day = day.parse::<u32>().map_err(|_| DayError::Shape)?;
        Self::new(month.parse()?, day)
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(de::Error::custom)
    }
}

/// One row of a pass-mark table: the minimum passing score from a day on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    /// The first day the mark applied; left out, since before any attempt a profile
    /// could hold.
    #[serde(default = "Day::earliest")]
    pub from: Day,
    pub score: u16,
}

/// A Step's pass marks, oldest first.
pub type MarkTable = Vec<Mark>;

/// The mark `table` applies to an attempt in `month` (see the module note): the lowest
/// in force on any day of the month. `None` when some day of the month comes before
/// the table's first row, as no mark is known for it.
pub fn mark_in(table: &[Mark], month: YearMonth) -> Option<u16> {
    let first = Day::first_of(month);
    let on_first = table.iter().rev().find(|m| m.from <= first)?.score;
    table
        .iter()
        .filter(|m| m.from > first && m.from.month() == month)
        .map(|m| m.score)
        .chain([on_first])
        .min()
}

/// The minimum passing score of each Step by test date.
///
/// A user file may still give one number for a Step, the form before marks were
/// dated (`pass_marks: PassMarks(step1: 196, step2ck: 214, step3: 198)`). A number
/// equal to the one the built-in file stated then (196, 214, 198) is read as that
/// file untouched and gives the dated table; any other number is the user's own
/// mark, applied to attempts of every date, as it always was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RawPassMarks")]
pub struct PassMarks {
    pub step1: MarkTable,
    pub step2ck: MarkTable,
    pub step3: MarkTable,
}

impl PassMarks {
    pub fn of(&self, step: Step) -> &[Mark] {
        match step {
            Step::Step1 => &self.step1,
            Step::Step2Ck => &self.step2ck,
            Step::Step3 => &self.step3,
        }
    }

    /// The mark for an attempt of `step` in `month`; `None` when none is known.
    pub fn mark(&self, step: Step, month: YearMonth) -> Option<u16> {
        mark_in(self.of(step), month)
    }
}

/// The tables `assets/rules.ron` states, for a user file that leaves `pass_marks` out
/// (the embedded file's own values are checked against these by a test).
impl Default for PassMarks {
    fn default() -> Self {
        let first = |score| Mark {
            from: Day::earliest(),
            score,
        };
        let from = |year, month, day, score| Mark {
            from: Day::fixed(year, month, day),
            score,
        };
        Self {
            step1: vec![first(192), from(2018, 1, 1, 194), from(2022, 1, 26, 196)],
            step2ck: vec![
                from(2012, 7, 1, 196),
                from(2013, 7, 1, 203),
                from(2014, 7, 1, 209),
                from(2022, 7, 1, 214),
                from(2025, 7, 1, 218),
            ],
            step3: vec![
                first(190),
                from(2016, 1, 1, 196),
                from(2020, 1, 1, 198),
                from(2024, 1, 1, 200),
            ],
        }
    }
}

/// The single marks the built-in file stated before marks were dated.
const UNDATED_DEFAULTS: (u16, u16, u16) = (196, 214, 198);

/// `pass_marks` as a file writes it: a table per Step, or one number (the old form).
#[derive(Deserialize)]
#[serde(rename = "PassMarks", default, deny_unknown_fields)]
struct RawPassMarks {
    step1: Marks,
    step2ck: Marks,
    step3: Marks,
}

impl Default for RawPassMarks {
    fn default() -> Self {
        let built_in = PassMarks::default();
        Self {
            step1: Marks::Table(built_in.step1),
            step2ck: Marks::Table(built_in.step2ck),
            step3: Marks::Table(built_in.step3),
        }
    }
}

impl From<RawPassMarks> for PassMarks {
    fn from(raw: RawPassMarks) -> Self {
        let built_in = PassMarks::default();
        let (d1, d2, d3) = UNDATED_DEFAULTS;
        Self {
            step1: raw.step1.into_table(d1, built_in.step1),
            step2ck: raw.step2ck.into_table(d2, built_in.step2ck),
            step3: raw.step3.into_table(d3, built_in.step3),
        }
    }
}

enum Marks {
    Table(MarkTable),
    Single(u16),
}

impl Marks {
    fn into_table(self, undated_default: u16, built_in: MarkTable) -> MarkTable {
        match self {
            Marks::Table(t) => t,
            Marks::Single(n) if n == undated_default => built_in,
            Marks::Single(n) => vec![Mark {
                from: Day::earliest(),
                score: n,
            }],
        }
    }
}

impl<'de> Deserialize<'de> for Marks {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MarksVisitor;

        impl<'de> Visitor<'de> for MarksVisitor {
            type Value = Marks;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of Mark(from: a YYYY-MM-DD date, score: a number)")
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Marks, E> {
                u16::try_from(v)
                    .map(Marks::Single)
                    .map_err(|_| E::custom(format!("{v} is not a USMLE score")))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Marks, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom(format!("{v} is not a USMLE score")))
                    .and_then(|v| self.visit_u64(v))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Marks, A::Error> {
                let mut table = Vec::new();
                while let Some(mark) = seq.next_element::<Mark>()? {
                    table.push(mark);
                }
                Ok(Marks::Table(table))
            }
        }

        d.deserialize_any(MarksVisitor)
    }
}

/// Why a pass-mark table cannot be meant, if it cannot.
pub fn table_problem(table: &[Mark]) -> Option<String> {
    if table.is_empty() {
        return Some("needs at least one mark".into());
    }
    if let Some(m) = table.iter().find(|m| !(1..=300).contains(&m.score)) {
        return Some(format!("{} is not a USMLE score (1 to 300)", m.score));
    }
    table.windows(2).find(|w| w[1].from <= w[0].from).map(|w| {
        format!(
            "the mark from {} must come after the one from {}, oldest first",
            w[1].from, w[0].from
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(s: &str) -> YearMonth {
        s.parse().unwrap()
    }

    fn day(s: &str) -> Day {
        s.parse().unwrap()
    }

    #[test]
    fn days_parse_print_and_refuse_what_no_calendar_has() {
        assert_eq!(day("2022-01-26").to_string(), "2022-01-26");
        assert_eq!(day("2022-01-26").long(), "26 January 2022");
        assert_eq!(day("2024-02-29").day(), 29);
        for bad in [
            "2023-02-29",
            "2022-04-31",
            "2022-01-00",
            "2022-01",
            "2022-1-26",
        ] {
            assert!(bad.parse::<Day>().is_err(), "{bad}");
        }
        assert!(day("2022-01-26") > day("2022-01-01"));
        assert!(Day::earliest() < day("1950-01-01"));
    }

    #[test]
    fn a_change_on_the_first_applies_to_its_whole_month() {
        let marks = PassMarks::default();
        assert_eq!(marks.mark(Step::Step2Ck, ym("2025-06")), Some(214));
        assert_eq!(marks.mark(Step::Step2Ck, ym("2025-07")), Some(218));
        assert_eq!(marks.mark(Step::Step1, ym("2017-12")), Some(192));
        assert_eq!(marks.mark(Step::Step1, ym("2018-01")), Some(194));
    }

    #[test]
    fn a_change_later_in_a_month_applies_from_the_next() {
        let marks = PassMarks::default();
        assert_eq!(marks.mark(Step::Step1, ym("2021-12")), Some(194));
        assert_eq!(marks.mark(Step::Step1, ym("2022-01")), Some(194));
        assert_eq!(marks.mark(Step::Step1, ym("2022-02")), Some(196));
    }

    #[test]
    fn a_month_judged_by_its_lowest_mark_even_when_a_mark_falls() {
        let table = vec![
            Mark {
                from: Day::earliest(),
                score: 200,
            },
            Mark {
                from: day("2030-03-15"),
                score: 190,
            },
        ];
        assert_eq!(mark_in(&table, ym("2030-02")), Some(200));
        assert_eq!(mark_in(&table, ym("2030-03")), Some(190));
        assert_eq!(mark_in(&table, ym("2030-04")), Some(190));
    }

    #[test]
    fn no_mark_is_known_before_a_table_starts() {
        let marks = PassMarks::default();
        assert_eq!(marks.mark(Step::Step2Ck, ym("2012-06")), None);
        assert_eq!(marks.mark(Step::Step2Ck, ym("2012-07")), Some(196));
        let table = vec![Mark {
            from: day("2012-07-10"),
            score: 196,
        }];
        assert_eq!(mark_in(&table, ym("2012-07")), None);
        assert_eq!(mark_in(&table, ym("2012-08")), Some(196));
    }

    #[test]
    fn tables_that_cannot_be_meant_are_named() {
        assert!(table_problem(&[]).is_some());
        let unordered = vec![
            Mark {
                from: day("2020-01-01"),
                score: 198,
            },
            Mark {
                from: day("2016-01-01"),
                score: 196,
            },
        ];
        assert!(table_problem(&unordered).unwrap().contains("oldest first"));
        let PassMarks {
            step1,
            step2ck,
            step3,
        } = PassMarks::default();
        for t in [step1, step2ck, step3] {
            assert_eq!(table_problem(&t), None);
        }
    }
}
