//! Facts a draft can start from: dates, attempts, months and visas from the profile.
//!
//! Prefill states facts only. Every sentence of judgement or reflection is left to the
//! applicant. Pure: no I/O.

use std::collections::BTreeMap;

use super::detect::{is_fail, need_label, us_hands_on_months};
use super::flag::{Flag, Subject};
use super::month::{Span, YearMonth};
use super::profile::{Activity, Area, ExamResult, Incident, IncidentKind, Profile, Step, VisaNeed};
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
                    "I graduated from medical school in {} and am applying in the {} season.",
                    profile.graduation.long(),
                    profile.application_year
                ),
            );
            let years = facts.rules.recent_years;
            let recent = facts.today.plus(-12 * i64::from(years));
            let text = if recent > profile.graduation {
                activities_since(profile, recent, &format!("In the last {years} years"))
            } else {
                activities_since(profile, profile.graduation, "Since graduating")
            };
            put("engagement", text);
        }
        Subject::Gap(span) => gap(profile, *span, &mut put),
        Subject::Incident(i) => {
            if let Some(inc) = profile.incidents.get(*i) {
                put("issue", incident_fact(inc));
                if let Some(done) = inc.completed.filter(|d| *d <= facts.today) {
                    let since = if profile.incidents.iter().any(|o| o.date > inc.date) {
                        ""
                    } else {
                        ", and no concern has been recorded since"
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
            let text = match need {
                Some(n @ (VisaNeed::J1 | VisaNeed::H1b | VisaNeed::J1OrH1b)) => {
                    format!("I will train on {} visa.", article(need_label(n)))
                }
                _ => "I will train on a [J-1 or H-1B] visa.".to_string(),
            };
            put("eligibility", text);
        }
    }
    out
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

fn article(visa: &str) -> String {
    if visa.starts_with('H') {
        format!("an {visa}")
    } else {
        format!("a {visa}")
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
        .filter(|a| is_fail(facts.rules, step, a.result))
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
        .filter(|a| !is_fail(facts.rules, step, a.result))
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
            ExamResult::Score(s) if !is_fail(facts.rules, step, a.result) => Some((a.date, s)),
            _ => None,
        })
        .max_by_key(|(_, s)| *s)
}

fn gap(profile: &Profile, span: Span, put: &mut impl FnMut(&str, String)) {
    put(
        "timeline",
        format!(
            "From {} to {} ({} months), I was not in clinical training or employment.",
            span.start.long(),
            span.end.long(),
            span.months()
        ),
    );
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

/// The activities after `since`, introduced as `intro`.
fn activities_since(profile: &Profile, since: YearMonth, intro: &str) -> String {
    let items: Vec<String> = profile
        .activities
        .iter()
        .filter(|a| a.end.is_none_or(|e| e > since))
        .map(describe)
        .collect();
    if items.is_empty() {
        return String::new();
    }
    format!("{intro}: {}.", items.join("; "))
}

fn describe(a: &Activity) -> String {
    let end = a.end.map_or_else(|| "present".to_string(), YearMonth::long);
    let place = if a.us { ", US" } else { "" };
    format!("{} ({} to {end}{place})", a.title, a.start.long())
}

fn usce(facts: Facts, put: &mut impl FnMut(&str, String)) {
    let profile = facts.profile;
    let us: Vec<String> = profile
        .activities
        .iter()
        .filter(|a| a.us)
        .map(|a| {
            let end = a.end.map_or_else(|| "present".to_string(), YearMonth::long);
            let hands = if a.hands_on { ", hands-on" } else { "" };
            format!("{} ({} to {end}{hands})", a.title, a.start.long())
        })
        .collect();
    if !us.is_empty() {
        let months = us_hands_on_months(profile, facts.today);
        put(
            "experience",
            format!(
                "My US experience: {}. Hands-on US clinical work: {months} months.",
                us.join("; ")
            ),
        );
    }
    let areas: Vec<&str> = profile
        .letters
        .iter()
        .filter(|l| l.us && l.area != Area::Other)
        .map(|l| l.area.label())
        .collect();
    if !areas.is_empty() {
        put(
            "letters",
            format!("I have letters from US faculty in {}.", join_and(&areas)),
        );
    }
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
