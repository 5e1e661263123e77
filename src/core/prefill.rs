//! Facts a draft can start from: dates, attempts, months and visas from the profile.
//!
//! Prefill states facts only. Every sentence of judgement or reflection is left to the
//! applicant. It is written for programs to read: counts agree with their nouns, a gap
//! still open is dated from its start, activities not yet begun are named as planned
//! (never beside finished ones), and no shortfall is stated as a number. Pure: no I/O.

use std::collections::BTreeMap;

use super::detect::{attempt_failed, first_event_after};
use super::flag::{Flag, Subject};
use super::month::{Span, YearMonth};
use super::profile::{
    Activity, ActivityKind, Area, ExamResult, Incident, IncidentKind, Profile, Step, VisaNeed,
};
use super::rules::Rules;

/// What prefill reads: the profile, the rules it was judged by, and today.
#[derive(Clone, Copy, Debug)]
pub struct Facts<'a> {
    pub profile: &'a Profile,
    pub rules: &'a Rules,
    pub today: YearMonth,
}

/// Part key to prefilled text, for the family of `flag`.
pub fn prefill(flag: &Flag, facts: Facts) -> BTreeMap<String, String> {
    let profile = facts.profile;
    let mut out = BTreeMap::new();
    let mut put = |key: &str, text: String| {
        if !text.is_empty() {
            out.insert(key.to_string(), text);
        }
    };
    match &flag.subject {
        Subject::Exam(step) => {
            put("fact", exam_fact(facts, *step));
            put("result", exam_result(facts, *step));
        }
        Subject::Score(step) => {
            if let Some((date, score)) = best_score(facts, *step) {
                put(
                    "fact",
                    format!("I scored {score} on {} in {}.", step.label(), date.long()),
                );
            }
        }
        Subject::Repeat(i) => {
            if let Some(r) = profile.repeats.get(*i) {
                put(
                    "fact",
                    format!(
                        "I repeated the {} in {}.",
                        lower_first(&r.what),
                        r.date.long()
                    ),
                );
            }
        }
        Subject::Rank => put(
            "fact",
            "My final class rank was in the bottom quartile of my class.".into(),
        ),
        Subject::Graduation => {
            put(
                "timeline",
                format!(
                    "I graduated from medical school in {} and am applying in {}.",
                    profile.graduation.long(),
                    season(profile.application_year)
                ),
            );
            let years = facts.rules.recent_years;
            let recent = facts.today.plus(-12 * i64::from(years));
            let text = if recent > profile.graduation {
                let intro = match years {
                    1 => "In the last year".to_string(),
                    n => format!("In the last {n} years"),
                };
                activities_since(profile, recent, facts.today, &intro)
            } else {
                activities_since(profile, profile.graduation, facts.today, "Since graduating")
            };
            put("engagement", text);
        }
        Subject::Gap(span) => gap(profile, *span, facts.today, &mut put),
        Subject::Incident(i) => {
            if let Some(inc) = profile.incidents.get(*i) {
                put("issue", incident_fact(inc));
                if let Some(done) = inc.completed.filter(|d| *d <= facts.today) {
                    // As detection reads "clean since": no failure, repeat or
                    // incident of any kind after it.
                    let clean =
                        first_event_after(profile, facts.rules, inc.date, facts.today).is_none();
                    let since = if clean {
                        ", and no concern has been recorded since"
                    } else {
                        ""
                    };
                    put(
                        "improvement",
                        format!("I completed it in {}{since}.", done.long()),
                    );
                }
            }
        }
        Subject::Usce => usce(facts, &mut put),
        Subject::Visa => {
            let need = profile.visa.as_ref().map(|v| v.need);
            put("eligibility", visa_eligibility(need, step3_passed(facts)));
        }
    }
    out
}

/// What the applicant is eligible for, stated without promising a visa: the J-1 through
/// ECFMG; the H-1B only once every Step, Step 3 included, is passed; their own work
/// authorisation, with its basis and term left for them to fill in.
fn visa_eligibility(need: Option<VisaNeed>, step3: bool) -> String {
    const J1: &str = "I am eligible for a J-1 visa through ECFMG sponsorship.";
    match need {
        Some(VisaNeed::J1) => J1.to_string(),
        Some(VisaNeed::H1b) if step3 => {
            "I meet the USMLE requirement for an H-1B visa: I have passed every Step, Step 3 included.".to_string()
        }
        Some(VisaNeed::H1b) => "I plan to train on an H-1B visa once I have passed Step 3.".to_string(),
        Some(VisaNeed::J1OrH1b) if step3 => format!(
            "{J1} I also meet the USMLE requirement for an H-1B, with every Step passed."
        ),
        Some(VisaNeed::J1OrH1b) => format!(
            "{J1} An H-1B would need Step 3, which I have not yet passed."
        ),
        Some(VisaNeed::NotNeeded) => "I hold my own work authorisation ([its basis], valid until [month and year]), so I need no visa sponsorship.".to_string(),
        _ => "I am eligible for a [J-1 or H-1B] visa.".to_string(),
    }
}

/// Whether Step 3 has a passed attempt.
fn step3_passed(facts: Facts) -> bool {
    facts
        .profile
        .exams
        .iter()
        .filter(|e| e.step == Step::Step3)
        .flat_map(|e| &e.attempts)
        .any(|a| a.date <= facts.today && !attempt_failed(facts.rules, Step::Step3, a))
}

fn incident_fact(inc: &Incident) -> String {
    let when = inc.date.long();
    let what = match inc.kind {
        IncidentKind::Probation => "I was placed on probation",
        IncidentKind::Remediation => "I entered professionalism remediation",
        IncidentKind::Citation => "I received a professionalism citation",
        IncidentKind::MspeComment => "my MSPE recorded a professionalism concern",
        IncidentKind::LetterComment => "a letter of recommendation noted a concern",
    };
    match inc.summary.trim().trim_end_matches('.') {
        "" => format!("In {when}, {what}."),
        detail => format!("In {when}, {what}: {}.", lower_first(detail)),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.clone().next()) {
        // Keep acronyms ("USMLE") and proper names with a capital second letter.
        (Some(c), Some(n)) if !n.is_uppercase() => c.to_lowercase().chain(chars).collect(),
        _ => s.to_string(),
    }
}

fn exam_fact(facts: Facts, step: Step) -> String {
    let exams = facts.profile.exams_by_step();
    let Some(exam) = exams.iter().find(|e| e.step == step) else {
        return String::new();
    };
    let fails: Vec<YearMonth> = exam
        .attempts
        .iter()
        .filter(|a| attempt_failed(facts.rules, step, a))
        .map(|a| a.date)
        .collect();
    match fails.as_slice() {
        [] => String::new(),
        [one] => format!("I failed {} in {}.", step.label(), one.long()),
        many => {
            let dates: Vec<String> = many.iter().map(|d| d.long()).collect();
            format!(
                "I failed {} {} times, in {}.",
                step.label(),
                many.len(),
                join_and(&dates)
            )
        }
    }
}

fn exam_result(facts: Facts, step: Step) -> String {
    let mut parts = Vec::new();
    let passed = facts
        .profile
        .exams
        .iter()
        .filter(|e| e.step == step)
        .flat_map(|e| &e.attempts)
        .filter(|a| !attempt_failed(facts.rules, step, a))
        .map(|a| a.date)
        .max();
    if let Some(p) = passed {
        parts.push(format!("I passed {} in {}", step.label(), p.long()));
    }
    if step != Step::Step2Ck
        && let Some((date, score)) = best_score(facts, Step::Step2Ck)
    {
        parts.push(format!("scored {score} on Step 2 CK in {}", date.long()));
    }
    match parts.len() {
        0 => String::new(),
        _ => format!("{}.", parts.join(" and ")),
    }
}

fn best_score(facts: Facts, step: Step) -> Option<(YearMonth, u16)> {
    facts
        .profile
        .exams
        .iter()
        .filter(|e| e.step == step)
        .flat_map(|e| &e.attempts)
        .filter_map(|a| match a.result {
            ExamResult::Score(s) if !attempt_failed(facts.rules, step, a) => Some((a.date, s)),
            _ => None,
        })
        .max_by_key(|(_, s)| *s)
}

/// "the ERAS 2027 season, for training from July 2027": a season is named by the year
/// training starts, which is what `application_year` holds.
fn season(year: i32) -> String {
    format!("the ERAS {year} season, for training from July {year}")
}

/// `n` and the noun, singular for one: "1 month", "18 months".
fn count(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn gap(profile: &Profile, span: Span, today: YearMonth, put: &mut impl FnMut(&str, String)) {
    // A gap no activity has closed by today is still open: dated from its start only.
    let timeline = if span.end >= today {
        format!(
            "Since {}, I have not been in clinical training or employment.",
            span.start.long()
        )
    } else {
        format!(
            "From {} to {} ({}), I was not in clinical training or employment.",
            span.start.long(),
            span.end.long(),
            count(span.months(), "month", "months")
        )
    };
    put("timeline", timeline);
    let reasons: Vec<&str> = profile
        .gaps_explained
        .iter()
        .filter(|e| e.span().overlaps(span))
        .map(|e| e.reason.label())
        .collect();
    if !reasons.is_empty() {
        put(
            "reason",
            format!("The main reason was {}.", join_and(&reasons)),
        );
    }
}

/// Whether `a` has not begun by `today`.
fn is_planned(a: &Activity, today: YearMonth) -> bool {
    a.start > today
}

/// The activities after `since` that have begun, introduced as `intro`, then those
/// still planned, in a sentence of their own.
fn activities_since(profile: &Profile, since: YearMonth, today: YearMonth, intro: &str) -> String {
    let (planned, begun): (Vec<&Activity>, Vec<&Activity>) = profile
        .activities
        .iter()
        .filter(|a| a.end.is_none_or(|e| e > since))
        .partition(|a| is_planned(a, today));
    let begun: Vec<String> = begun.into_iter().map(|a| describe(a, today)).collect();
    let mut out = Vec::new();
    if !begun.is_empty() {
        out.push(format!("{intro}: {}.", begun.join("; ")));
    }
    out.extend(planned_sentence(&planned));
    out.join(" ")
}

/// Activities that have begun, with their dates: "(March 2022 to May 2023)", or, for
/// one still under way, "(since June 2024)".
fn describe(a: &Activity, today: YearMonth) -> String {
    let place = if a.us { ", US" } else { "" };
    format!("{} ({}{place})", a.title, dates(a, today))
}

fn dates(a: &Activity, today: YearMonth) -> String {
    match a.end {
        Some(end) if end <= today => format!("{} to {}", a.start.long(), end.long()),
        Some(end) => format!("since {}, until {}", a.start.long(), end.long()),
        None => format!("since {}", a.start.long()),
    }
}

/// How a list of activities not yet begun is introduced.
const PLANNED: &str = "Planned";

/// The one sentence that names activities not yet begun: "Planned: Med-Peds elective
/// (January 2027 to March 2027, US)." Its wording lives here alone, so it can change in
/// one place.
fn planned_sentence(planned: &[&Activity]) -> Option<String> {
    let items: Vec<String> = planned
        .iter()
        .map(|a| {
            let place = if a.us { ", US" } else { "" };
            match a.end {
                Some(end) => format!("{} ({} to {}{place})", a.title, a.start.long(), end.long()),
                None => format!("{} (from {}{place})", a.title, a.start.long()),
            }
        })
        .collect();
    (!items.is_empty()).then(|| format!("{PLANNED}: {}.", items.join("; ")))
}

/// The US clinical entry a program will weigh most: hands-on first, then in internal
/// medicine, pediatrics or Med-Peds, then the longest, then the latest. Only entries
/// already begun count.
fn strongest_us_entry(profile: &Profile, today: YearMonth) -> Option<&Activity> {
    profile
        .activities
        .iter()
        .filter(|a| a.us && !is_planned(a, today))
        .filter(|a| matches!(a.kind, ActivityKind::Clinical | ActivityKind::Observership))
        .max_by_key(|a| {
            let span = a.span(today);
            (a.is_hands_on(), a.area.is_core(), span.months(), a.start)
        })
}

/// The experience part: the strongest US entry, as its ERAS experience description
/// begins, with room for what the applicant did there; never a count of what is missing.
fn usce(facts: Facts, put: &mut impl FnMut(&str, String)) {
    let profile = facts.profile;
    if let Some(a) = strongest_us_entry(profile, facts.today) {
        let area = if a.area == Area::Other {
            String::new()
        } else {
            format!(" ({})", a.area.label())
        };
        let when = match a.end {
            Some(end) if end <= facts.today => {
                format!("From {} to {} I was", a.start.long(), end.long())
            }
            _ => format!("Since {} I have been", a.start.long()),
        };
        put(
            "experience",
            format!(
                "{when} in the {}{area}, where I [say what you did yourself: the patients you saw, the notes you wrote, what you presented].",
                lower_first(&a.title)
            ),
        );
    }
    let planned: Vec<&Activity> = profile
        .activities
        .iter()
        .filter(|a| a.us && is_planned(a, facts.today))
        .collect();
    if let Some(text) = planned_sentence(&planned) {
        put("plan", text);
    }
    let us_letters: Vec<Area> = profile
        .letters
        .iter()
        .filter(|l| l.us && l.area != Area::Other)
        .map(|l| l.area)
        .collect();
    let mut areas: Vec<&str> = Vec::new();
    for area in &us_letters {
        if !areas.contains(&area.label()) {
            areas.push(area.label());
        }
    }
    let what = match us_letters.len() {
        0 => return,
        1 => "a letter",
        _ => "letters",
    };
    put(
        "letters",
        format!("I have {what} from US faculty in {}.", join_and(&areas)),
    );
}

fn join_and<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", head.join(", "), last.as_ref())
        }
    }
}
