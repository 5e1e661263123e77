//! Consistency: dates, scores and month counts in a draft that the profile does not
//! state. The coach cannot tell a true fact the profile lacks from a wrong one, so it
//! says "not in your profile" and names what the profile does hold. Pure: the profile's facts are gathered once into `Known`.

use std::collections::BTreeSet;

use crate::core::detect::timeline_gaps;
use crate::core::month::{Span, YearMonth};
use crate::core::profile::{ExamResult, Profile};

use super::{Coach, Finding, scan};

/// Every date, span, score and month count the profile states.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Known {
    months: BTreeSet<YearMonth>,
    spans: Vec<Span>,
    scores: BTreeSet<u16>,
    counts: BTreeSet<i64>,
}

impl Known {
    pub fn new(profile: &Profile, today: YearMonth) -> Self {
        let mut k = Known::default();
        k.months.insert(profile.graduation);
        k.months.insert(today);
        // The season is named by the year training starts, in July.
        k.months
            .extend(YearMonth::new(profile.application_year, 7).ok());
        for exam in &profile.exams {
            for a in &exam.attempts {
                k.months.insert(a.date);
                if let ExamResult::Score(s) = a.result {
                    k.scores.insert(s);
                }
            }
        }
        for r in &profile.repeats {
            k.months.insert(r.date);
        }
        for i in &profile.incidents {
            k.months.insert(i.date);
            k.months.extend(i.completed);
        }
        let add_span = |k: &mut Known, s: Span| {
            k.months.insert(s.start);
            k.months.insert(s.end);
            k.counts.insert(s.months());
            k.spans.push(s);
        };
        for a in &profile.activities {
            add_span(&mut k, a.span(today));
        }
        for e in &profile.gaps_explained {
            add_span(&mut k, e.span());
        }
        for g in timeline_gaps(profile, today) {
            add_span(&mut k, g);
        }
        k.counts
            .insert(crate::core::detect::us_hands_on_months(profile, today));
        k
    }

    fn knows_year(&self, year: i32) -> bool {
        self.months.iter().any(|m| m.year() == year)
            || self
                .spans
                .iter()
                .any(|s| s.start.year() <= year && year <= s.end.year())
    }
}

/// Findings for facts in `text` (part `key`) that the profile does not state.
pub fn check(coach: &Coach, known: &Known, key: &str, text: &str) -> Vec<Finding> {
    let Some(rule) = coach.set.rule("consistency") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut flag = |start: usize, end: usize, detail: String| {
        let mut f = coach.finding(rule, Some(key), text, start, end);
        f.message = format!("{} ({detail})", f.message);
        out.push(f);
    };
    let dates = scan::month_years(text);
    for d in &dates {
        if !known.months.contains(&d.value) {
            // What the profile does hold that year, so a wrong month shows as one; a
            // true date the profile lacks is told as missing, never as a mismatch.
            let that_year: Vec<String> = known
                .months
                .iter()
                .filter(|m| m.year() == d.value.year())
                .map(|m| m.long())
                .collect();
            let detail = if that_year.is_empty() {
                format!("nothing in your profile is dated {}", d.value.long())
            } else {
                format!(
                    "your profile's dates in {}: {}",
                    d.value.year(),
                    that_year.join(", ")
                )
            };
            flag(d.start, d.end, detail);
        }
    }
    for y in scan::bare_years(text, &dates) {
        if !known.knows_year(y.value) {
            flag(
                y.start,
                y.end,
                format!("nothing in your profile happened in {}", y.value),
            );
        }
    }
    if !known.scores.is_empty() {
        for s in scan::scores(text) {
            if !known.scores.contains(&s.value) {
                let list: Vec<String> = known.scores.iter().map(ToString::to_string).collect();
                flag(
                    s.start,
                    s.end,
                    format!("your profile's scores: {}", list.join(", ")),
                );
            }
        }
    }
    for c in scan::month_counts(text) {
        if c.value > 1 && !known.counts.contains(&c.value) {
            flag(
                c.start,
                c.end,
                format!("no stretch in your profile lasts {} months", c.value),
            );
        }
    }
    out
}
