//! Year-month dates ("2019-06") and month arithmetic for timelines.
//!
//! Pure: no clock, no I/O. "Today" always arrives as an argument.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar month, written `YYYY-MM` in every file and on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u8,
}

/// Why a `YYYY-MM` string was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MonthError {
    #[error("expected a year and month as YYYY-MM, for example 2021-04")]
    Shape,
    #[error("month {0} is not between 01 and 12")]
    Month(u32),
    #[error("year {0} is not between 1900 and 2200")]
    Year(i32),
}

impl YearMonth {
    /// A month, if `month` is 1..=12 and the year is plausible for a career.
    pub fn new(year: i32, month: u32) -> Result<Self, MonthError> {
        if !(1..=12).contains(&month) {
            return Err(MonthError::Month(month));
        }
        if !(1900..=2200).contains(&year) {
            return Err(MonthError::Year(year));
        }
        Ok(Self {
            year,
            month: month as u8,
        })
    }

    /// The nearest valid month, for values that come from the system clock.
    pub fn clamped(year: i32, month: u32) -> Self {
        Self {
            year: year.clamp(1900, 2200),
            month: month.clamp(1, 12) as u8,
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// Months since year 0, so that differences are plain subtraction.
    fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    fn from_index(index: i64) -> Self {
        let year = index.div_euclid(12);
        let month = index.rem_euclid(12) + 1;
        Self {
            year: year.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
            month: month as u8,
        }
    }

    /// The month `n` months later (earlier for negative `n`).
    pub fn plus(self, n: i64) -> Self {
        Self::from_index(self.index().saturating_add(n))
    }

    /// The month after this one.
    pub fn next(self) -> Self {
        self.plus(1)
    }

    /// Whole months from `self` to `later` (negative when `later` is earlier).
    pub fn months_until(self, later: Self) -> i64 {
        later.index() - self.index()
    }

    /// Month name and year for prose, e.g. "April 2021".
    pub fn long(self) -> String {
        const NAMES: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        format!("{} {}", NAMES[usize::from(self.month - 1)], self.year)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = MonthError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let shape = || MonthError::Shape;
        let (y, m) = s.trim().split_once('-').ok_or_else(shape)?;
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if y.len() != 4 || !digits(y) || !(1..=2).contains(&m.len()) || !digits(m) {
            return Err(shape());
        }
        let year = y.parse::<i32>().map_err(|_| shape())?;
        let month = m.parse::<u32>().map_err(|_| shape())?;
        Self::new(year, month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A stretch of whole months, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: YearMonth,
    pub end: YearMonth,
}

impl Span {
    /// Number of months covered, counting both ends.
    pub fn months(self) -> i64 {
        self.start.months_until(self.end) + 1
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    pub fn contains(self, m: YearMonth) -> bool {
        self.start <= m && m <= self.end
    }
}

/// The stretches of `window` that none of `covered` touches, in order.
///
/// Spans in `covered` may overlap, nest, or reach outside the window.
pub fn uncovered(window: Span, covered: &[Span]) -> Vec<Span> {
    if window.end < window.start {
        return Vec::new();
    }
    let mut spans: Vec<Span> = covered
        .iter()
        .copied()
        .filter(|s| s.start <= s.end && s.overlaps(window))
        .collect();
    spans.sort_by_key(|s| s.start);
    let mut gaps = Vec::new();
    let mut cursor = window.start;
    for s in spans {
        if s.start > cursor {
            gaps.push(Span {
                start: cursor,
                end: s.start.plus(-1),
            });
        }
        if s.end >= cursor {
            cursor = s.end.next();
        }
        if cursor > window.end {
            return gaps;
        }
    }
    gaps.push(Span {
        start: cursor,
        end: window.end,
    });
    gaps
}

/// Number of distinct months covered by `spans` (overlaps counted once).
pub fn union_months(spans: &[Span]) -> i64 {
    let mut sorted: Vec<Span> = spans.iter().copied().filter(|s| s.start <= s.end).collect();
    sorted.sort_by_key(|s| s.start);
    let mut total = 0;
    let mut current: Option<Span> = None;
    for s in sorted {
        current = match current {
            Some(c) if s.start <= c.end.next() => Some(Span {
                start: c.start,
                end: c.end.max(s.end),
            }),
            Some(c) => {
                total += c.months();
                Some(s)
            }
            None => Some(s),
        };
    }
    total + current.map_or(0, Span::months)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(s: &str) -> YearMonth {
        s.parse().unwrap()
    }

    fn span(a: &str, b: &str) -> Span {
        Span {
            start: ym(a),
            end: ym(b),
        }
    }

    #[test]
    fn parses_and_prints() {
        assert_eq!(ym("2019-06").to_string(), "2019-06");
        assert_eq!(ym("2019-6").to_string(), "2019-06");
        assert_eq!(ym("2021-04").long(), "April 2021");
    }

    #[test]
    fn refuses_bad_months() {
        assert_eq!("2019-13".parse::<YearMonth>(), Err(MonthError::Month(13)));
        assert_eq!("2019-00".parse::<YearMonth>(), Err(MonthError::Month(0)));
        assert!(matches!(
            "June 2019".parse::<YearMonth>(),
            Err(MonthError::Shape)
        ));
        assert!(matches!(
            "19-06".parse::<YearMonth>(),
            Err(MonthError::Shape)
        ));
        assert!(matches!(
            "2019-06-01".parse::<YearMonth>(),
            Err(MonthError::Shape)
        ));
        assert_eq!("0999-01".parse::<YearMonth>(), Err(MonthError::Year(999)));
    }

    #[test]
    fn arithmetic_crosses_years() {
        assert_eq!(ym("2019-12").next(), ym("2020-01"));
        assert_eq!(ym("2020-01").plus(-1), ym("2019-12"));
        assert_eq!(ym("2019-06").months_until(ym("2021-06")), 24);
        assert_eq!(ym("2021-06").months_until(ym("2019-06")), -24);
    }

    #[test]
    fn uncovered_handles_overlap_nesting_and_edges() {
        let window = span("2019-07", "2020-12");
        let covered = [
            span("2019-05", "2019-09"), // starts before the window
            span("2019-08", "2019-08"), // nested
            span("2020-01", "2020-03"),
            span("2020-02", "2020-05"), // overlaps the previous
        ];
        assert_eq!(
            uncovered(window, &covered),
            vec![span("2019-10", "2019-12"), span("2020-06", "2020-12")]
        );
        assert_eq!(uncovered(window, &[]), vec![window]);
        assert_eq!(uncovered(window, &[span("2010-01", "2030-01")]), vec![]);
    }

    #[test]
    fn union_counts_overlaps_once() {
        let spans = [
            span("2024-01", "2024-02"),
            span("2024-02", "2024-03"),
            span("2025-01", "2025-01"),
        ];
        assert_eq!(union_months(&spans), 4);
        assert_eq!(union_months(&[]), 0);
    }
}
