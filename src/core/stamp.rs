//! Timestamps for drafts, written as UTC `2026-11-26T08:40:00Z`.
//!
//! Pure: the current time arrives from the caller as seconds since 1970.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Seconds since 1970-01-01 UTC.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp(pub u64);

/// Year, month and day of a day count since 1970-01-01 (Howard Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl Stamp {
    /// Year and month of this moment, UTC.
    pub fn year_month(self) -> (i64, u32) {
        let (y, m, _) = civil_from_days((self.0 / 86_400) as i64);
        (y, m)
    }

    /// The calendar month of this moment, UTC.
    pub fn month(self) -> super::month::YearMonth {
        let (y, m) = self.year_month();
        super::month::YearMonth::clamped(i32::try_from(y).unwrap_or(i32::MAX), m)
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.0 % 86_400;
        let (y, mo, d) = civil_from_days((self.0 / 86_400) as i64);
        write!(
            f,
            "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}Z",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }
}

/// Text that is not a `YYYY-MM-DDTHH:MM:SSZ` timestamp.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a UTC time like 2026-11-26T08:40:00Z")]
pub struct StampError;

impl FromStr for Stamp {
    type Err = StampError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.as_bytes();
        if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[19] != b'Z' {
            return Err(StampError);
        }
        let num = |range: std::ops::Range<usize>| -> Result<u32, StampError> {
            s.get(range)
                .filter(|t| t.bytes().all(|c| c.is_ascii_digit()))
                .and_then(|t| t.parse().ok())
                .ok_or(StampError)
        };
        let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 59 {
            return Err(StampError);
        }
        let days = days_from_civil(i64::from(y), mo, d);
        let secs = days * 86_400 + i64::from(h * 3600 + mi * 60 + se);
        u64::try_from(secs).map(Stamp).map_err(|_| StampError)
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_and_parses_utc() {
        let s = Stamp(1_795_680_000); // 2026-11-26T08:00:00Z
        assert_eq!(s.to_string(), "2026-11-26T08:00:00Z");
        assert_eq!("2026-11-26T08:00:00Z".parse::<Stamp>(), Ok(s));
        assert_eq!(Stamp(0).to_string(), "1970-01-01T00:00:00Z");
        assert_eq!(
            "2000-02-29T23:59:59Z".parse::<Stamp>().unwrap().to_string(),
            "2000-02-29T23:59:59Z"
        );
        assert!("2026-13-01T00:00:00Z".parse::<Stamp>().is_err());
        assert!("yesterday".parse::<Stamp>().is_err());
    }

    #[test]
    fn knows_its_month() {
        assert_eq!(Stamp(1_795_680_000).year_month(), (2026, 11));
    }
}
