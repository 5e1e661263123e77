//! The profile as form sections: records of text fields, each validated as typed, and
//! the conversions between a `Profile` and the form.

use crate::core::month::YearMonth;
use crate::core::profile::{
    Activity, ActivityKind, Area, Attempt, Citizenship, Exam, ExamResult, Explained, GapReason,
    Incident, IncidentKind, Letter, PROFILE_VERSION, Profile, Repeat, Step, Visa, VisaNeed,
};
use crate::core::rules::Rules;
use crate::core::validate::{self, Problem, SCORES, SEASONS, validate};

/// What a field holds, and so how it is edited and checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    /// A year and month, `YYYY-MM`; `optional` allows it empty.
    Month {
        optional: bool,
    },
    Year,
    /// `pass`, `fail` or a three-digit score.
    Result,
    /// A share as `40%` or `0.4`, or empty.
    Share,
    /// One of fixed words, cycled with ←/→: each the word the file holds and the
    /// words the form shows for it. Empty until chosen, in a blank profile.
    Choice(&'static [(&'static str, &'static str)]),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub label: &'static str,
    pub kind: Kind,
    pub value: String,
}

impl Field {
    fn new(label: &'static str, kind: Kind, value: impl Into<String>) -> Self {
        Self {
            label,
            kind,
            value: value.into(),
        }
    }

    /// Why the value cannot be used, when it cannot. The ranges are the loader's
    /// (see [`validate`]), so what the form takes, a file may hold.
    pub fn error(&self) -> Option<String> {
        let v = self.value.trim();
        match self.kind {
            Kind::Text => None,
            Kind::Choice(options) => {
                (!options.iter().any(|(word, _)| *word == v)).then(|| "choose one with ←/→".into())
            }
            Kind::Month { optional } if v.is_empty() => {
                (!optional).then(|| "needed: a month as YYYY-MM".into())
            }
            Kind::Month { .. } => v.parse::<YearMonth>().err().map(|e| e.to_string()),
            Kind::Year if v.is_empty() => Some("needed: the year training starts".into()),
            Kind::Year => match v.parse::<i32>() {
                Ok(y) if SEASONS.contains(&y) => None,
                _ => Some(format!(
                    "a year from {} to {}, such as 2027",
                    SEASONS.start(),
                    SEASONS.end()
                )),
            },
            Kind::Result if v.is_empty() => Some("needed: pass, fail or a score".into()),
            Kind::Result => parse_result(v).is_none().then(|| {
                format!(
                    "pass, fail or a score from {} to {}, such as 231",
                    SCORES.start(),
                    SCORES.end()
                )
            }),
            Kind::Share => (!v.is_empty() && parse_share(v).is_none())
                .then(|| "a share such as 40% or 0.4".into()),
        }
    }

    /// A field that must be filled in before the profile can be saved, still empty.
    pub fn missing(&self) -> bool {
        self.value.trim().is_empty()
            && match self.kind {
                Kind::Month { optional } => !optional,
                Kind::Year | Kind::Result | Kind::Choice(_) => true,
                Kind::Text | Kind::Share => false,
            }
    }

    /// The value in the words the form shows: a choice by its label.
    pub fn shown(&self) -> String {
        match self.kind {
            Kind::Choice(options) => options
                .iter()
                .find(|(word, _)| *word == self.value)
                .map_or_else(|| self.value.clone(), |(_, label)| (*label).to_string()),
            _ => self.value.clone(),
        }
    }

    /// Move a choice one step; other kinds are unchanged. Not yet chosen, the first
    /// step forward is the first choice and back the last.
    pub fn cycle(&mut self, forward: bool) {
        if let Kind::Choice(options) = self.kind {
            let n = options.len();
            let next = match options.iter().position(|(word, _)| *word == self.value) {
                Some(i) if forward => (i + 1) % n,
                Some(i) => (i + n - 1) % n,
                None if forward => 0,
                None => n - 1,
            };
            self.value = options[next].0.to_string();
        }
    }
}

fn parse_result(v: &str) -> Option<ExamResult> {
    match v.to_ascii_lowercase().as_str() {
        "pass" | "passed" => Some(ExamResult::Pass),
        "fail" | "failed" => Some(ExamResult::Fail),
        n => n
            .parse::<u16>()
            .ok()
            .filter(|s| SCORES.contains(s))
            .map(ExamResult::Score),
    }
}

fn parse_share(v: &str) -> Option<f64> {
    let (num, scale) = match v.strip_suffix('%') {
        Some(p) => (p.trim(), 100.0),
        None => (v, 1.0),
    };
    num.parse::<f64>()
        .ok()
        .map(|x| x / scale)
        .filter(|x| (0.0..=1.0).contains(x))
}

pub type Record = Vec<Field>;

#[derive(Clone, Debug)]
pub struct Section {
    pub title: &'static str,
    /// A list of records the user can add to and delete from.
    pub list: bool,
    pub records: Vec<Record>,
    pub blank: fn() -> Record,
}

/// Each choice as the file writes it and as the form shows it.
type Choices = &'static [(&'static str, &'static str)];

const YES_NO: Choices = &[("no", "no"), ("yes", "yes")];
const CITIZENSHIP: Choices = &[
    ("NonUs", "Non-US citizen"),
    ("UsCitizen", "US citizen"),
    ("PermanentResident", "Permanent resident"),
];
const NEED: Choices = &[
    ("none recorded", "not recorded"),
    ("J1", "J-1"),
    ("H1b", "H-1B"),
    ("J1OrH1b", "J-1 or H-1B"),
    ("Unsure", "not sure yet"),
    ("NotNeeded", "none needed"),
];
const QUARTILE: Choices = &[
    ("not given", "not given"),
    ("1", "1 (top)"),
    ("2", "2"),
    ("3", "3"),
    ("4", "4 (bottom)"),
];
const STEP: Choices = &[
    ("Step1", "Step 1"),
    ("Step2Ck", "Step 2 CK"),
    ("Step3", "Step 3"),
];
const AREA: Choices = &[
    ("InternalMedicine", "internal medicine"),
    ("Pediatrics", "pediatrics"),
    ("MedPeds", "Med-Peds"),
    ("CriticalCare", "critical care"),
    ("Other", "another field"),
];
const ACTIVITY: Choices = &[
    ("Clinical", "clinical work"),
    ("Observership", "observership"),
    ("Shadowing", "shadowing"),
    ("Research", "research"),
    ("Teaching", "teaching"),
    ("Volunteer", "volunteering"),
    ("ExamPrep", "exam preparation"),
    ("Education", "education"),
    ("Service", "service"),
    ("Other", "something else"),
];
const REASON: Choices = &[
    ("Immigration", "immigration or visa processing"),
    ("ExamPrep", "exam preparation"),
    ("Family", "family responsibilities"),
    ("Health", "health"),
    ("Service", "a service obligation"),
    ("Other", "another reason"),
];
const INCIDENT: Choices = &[
    ("Probation", "probation"),
    ("Remediation", "remediation"),
    ("Citation", "professionalism citation"),
    ("MspeComment", "comment in the MSPE"),
    ("LetterComment", "comment in a letter"),
];

fn word<T: std::fmt::Debug>(v: T) -> String {
    format!("{v:?}")
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

fn opt_month(m: Option<YearMonth>) -> String {
    m.map(|m| m.to_string()).unwrap_or_default()
}

const CITIZENSHIP_LABEL: &str = "Citizenship";

fn basics(p: &Profile) -> Record {
    let visa = p.visa.as_ref();
    vec![
        Field::new("Name", Kind::Text, p.name.clone().unwrap_or_default()),
        Field::new(
            CITIZENSHIP_LABEL,
            Kind::Choice(CITIZENSHIP),
            word(p.citizenship),
        ),
        Field::new(
            "Graduation",
            Kind::Month { optional: false },
            p.graduation.to_string(),
        ),
        Field::new(
            "ERAS season (training starts)",
            Kind::Year,
            p.application_year.to_string(),
        ),
        Field::new(
            "As of (blank: this month)",
            Kind::Month { optional: true },
            opt_month(p.as_of),
        ),
        Field::new(
            "Class rank quartile (1 = top)",
            Kind::Choice(QUARTILE),
            p.class_rank_quartile
                .map_or("not given".into(), |q| q.to_string()),
        ),
        Field::new(
            "Visa needed",
            Kind::Choice(NEED),
            visa.map_or("none recorded".into(), |v| word(v.need)),
        ),
        Field::new(
            "Missed document deadlines",
            Kind::Choice(YES_NO),
            yes(visa.is_some_and(|v| v.documentation_issues)),
        ),
        Field::new(
            "Share of list sponsoring it",
            Kind::Share,
            visa.and_then(|v| v.sponsoring_share)
                .map_or(String::new(), |s| format!("{:.0}%", s * 100.0)),
        ),
        Field::new(
            "Languages (comma-separated)",
            Kind::Text,
            p.languages.join(", "),
        ),
    ]
}

fn attempt(step: Step, a: Option<&Attempt>) -> Record {
    let result = a.map_or(String::new(), |a| match a.result {
        ExamResult::Pass => "pass".into(),
        ExamResult::Fail => "fail".into(),
        ExamResult::Score(s) => s.to_string(),
    });
    vec![
        Field::new("Step", Kind::Choice(STEP), word(step)),
        Field::new(
            "Date",
            Kind::Month { optional: false },
            a.map_or(String::new(), |a| a.date.to_string()),
        ),
        Field::new("Result", Kind::Result, result),
    ]
}

fn activity(a: Option<&Activity>) -> Record {
    vec![
        Field::new(
            "Kind",
            Kind::Choice(ACTIVITY),
            a.map_or("Clinical".into(), |a| word(a.kind)),
        ),
        Field::new(
            "Title",
            Kind::Text,
            a.map_or(String::new(), |a| a.title.clone()),
        ),
        Field::new(
            "Start",
            Kind::Month { optional: false },
            a.map_or(String::new(), |a| a.start.to_string()),
        ),
        Field::new(
            "End (blank: ongoing)",
            Kind::Month { optional: true },
            opt_month(a.and_then(|a| a.end)),
        ),
        Field::new(
            "In the US",
            Kind::Choice(YES_NO),
            yes(a.is_some_and(|a| a.us)),
        ),
        Field::new(
            "Hands-on patient care",
            Kind::Choice(YES_NO),
            yes(a.is_some_and(|a| a.hands_on)),
        ),
        Field::new(
            "Area",
            Kind::Choice(AREA),
            a.map_or("Other".into(), |a| word(a.area)),
        ),
    ]
}

fn explained(e: Option<&Explained>) -> Record {
    vec![
        Field::new(
            "From",
            Kind::Month { optional: false },
            e.map_or(String::new(), |e| e.start.to_string()),
        ),
        Field::new(
            "To",
            Kind::Month { optional: false },
            e.map_or(String::new(), |e| e.end.to_string()),
        ),
        Field::new(
            "Reason",
            Kind::Choice(REASON),
            e.map_or("Immigration".into(), |e| word(e.reason)),
        ),
    ]
}

fn incident(i: Option<&Incident>) -> Record {
    vec![
        Field::new(
            "Kind",
            Kind::Choice(INCIDENT),
            i.map_or("Remediation".into(), |i| word(i.kind)),
        ),
        Field::new(
            "Date",
            Kind::Month { optional: false },
            i.map_or(String::new(), |i| i.date.to_string()),
        ),
        Field::new(
            "Completed (blank: not yet)",
            Kind::Month { optional: true },
            opt_month(i.and_then(|i| i.completed)),
        ),
        Field::new(
            "What it was about",
            Kind::Text,
            i.map_or(String::new(), |i| i.summary.clone()),
        ),
    ]
}

fn repeat(r: Option<&Repeat>) -> Record {
    vec![
        Field::new(
            "Course",
            Kind::Text,
            r.map_or(String::new(), |r| r.what.clone()),
        ),
        Field::new(
            "Area",
            Kind::Choice(AREA),
            r.map_or("Other".into(), |r| word(r.area)),
        ),
        Field::new(
            "Date",
            Kind::Month { optional: false },
            r.map_or(String::new(), |r| r.date.to_string()),
        ),
    ]
}

fn letter(l: Option<&Letter>) -> Record {
    vec![
        Field::new(
            "Area",
            Kind::Choice(AREA),
            l.map_or("InternalMedicine".into(), |l| word(l.area)),
        ),
        Field::new(
            "From US faculty",
            Kind::Choice(YES_NO),
            yes(l.is_some_and(|l| l.us)),
        ),
    ]
}

/// The form sections for `p`.
pub fn sections(p: &Profile) -> Vec<Section> {
    let attempts = p
        .exams
        .iter()
        .flat_map(|e| e.attempts.iter().map(move |a| attempt(e.step, Some(a))))
        .collect();
    vec![
        Section {
            title: "Basics and visa",
            list: false,
            records: vec![basics(p)],
            blank: || Vec::new(),
        },
        Section {
            title: "Exam attempts",
            list: true,
            records: attempts,
            blank: || attempt(Step::Step1, None),
        },
        Section {
            title: "Timeline activities",
            list: true,
            records: p.activities.iter().map(|a| activity(Some(a))).collect(),
            blank: || activity(None),
        },
        Section {
            title: "Explained gaps",
            list: true,
            records: p
                .gaps_explained
                .iter()
                .map(|e| explained(Some(e)))
                .collect(),
            blank: || explained(None),
        },
        Section {
            title: "Incidents",
            list: true,
            records: p.incidents.iter().map(|i| incident(Some(i))).collect(),
            blank: || incident(None),
        },
        Section {
            title: "Repeated courses",
            list: true,
            records: p.repeats.iter().map(|r| repeat(Some(r))).collect(),
            blank: || repeat(None),
        },
        Section {
            title: "Letters",
            list: true,
            records: p.letters.iter().map(|l| letter(Some(l))).collect(),
            blank: || letter(None),
        },
    ]
}

/// The form of a profile still to be filled in: no fact is invented. The facts every
/// profile holds (citizenship, graduation, season) wait empty, and the form asks for
/// them on saving; the rest say "not given" or "no", as a file leaving them out does.
pub fn blank_sections(stand_in: &Profile) -> Vec<Section> {
    let mut form = sections(stand_in);
    for section in &mut form {
        if section.list {
            section.records.clear();
        }
    }
    if let Some(basics) = form.first_mut().and_then(|s| s.records.first_mut()) {
        for field in basics.iter_mut() {
            field.value = match field.kind {
                Kind::Choice(_) if field.label == CITIZENSHIP_LABEL => String::new(),
                Kind::Choice(options) => options.first().map_or("", |o| o.0).to_string(),
                _ => String::new(),
            };
        }
    }
    form
}

/// Where the first field that cannot be used is: section, record, field.
pub type Place = (usize, usize, usize);

/// Where a field of the profile sits in the form, for the fields notes speak of.
fn note_place(field: &str) -> Option<Place> {
    if field == "application_year" {
        return Some((0, 0, 3));
    }
    let rest = field.strip_prefix("activities[")?;
    let (index, name) = rest.split_once("].")?;
    let record = index.parse().ok()?;
    match name {
        "hands_on" => Some((2, record, 5)),
        "start" => Some((2, record, 2)),
        _ => None,
    }
}

/// Notes on the form as it stands, which never stop a save: a season that does not
/// fit the month, an observership marked hands-on, a planned activity. `this_month`
/// stands in for a blank "as of"; without either, the month-bound notes wait.
/// Nothing while a field cannot be used (its error comes first).
pub fn notes(
    sections: &[Section],
    base: &Profile,
    rules: &Rules,
    this_month: Option<YearMonth>,
) -> Vec<(Place, String)> {
    let Ok(p) = to_profile(sections, base) else {
        return Vec::new();
    };
    let mut said = validate::observing_warnings(&p);
    if let Some(today) = p.as_of.or(this_month) {
        said.extend(validate::season_warning(&p, rules, today));
        for (i, a) in p.activities.iter().enumerate() {
            if a.is_planned(today) {
                said.push(validate::Problem {
                    field: format!("activities[{i}].start"),
                    message: format!(
                        "planned: it starts after {today}, so it counts once it has begun"
                    ),
                    near: Vec::new(),
                });
            }
        }
    }
    said.into_iter()
        .filter_map(|w| note_place(&w.field).map(|at| (at, w.message)))
        .collect()
}

/// The first field with an error, if any.
pub fn first_error(sections: &[Section]) -> Option<Place> {
    for (s, section) in sections.iter().enumerate() {
        for (r, record) in section.records.iter().enumerate() {
            if let Some(f) = record.iter().position(|f| f.error().is_some()) {
                return Some((s, r, f));
            }
        }
    }
    None
}

fn month(f: &Field) -> YearMonth {
    f.value
        .trim()
        .parse()
        .unwrap_or_else(|_| YearMonth::clamped(2000, 1))
}

fn opt(f: &Field) -> Option<YearMonth> {
    f.value.trim().parse().ok()
}

fn pick<T: Copy + std::fmt::Debug>(f: &Field, all: &[T]) -> Option<T> {
    all.iter().copied().find(|v| format!("{v:?}") == f.value)
}

const AREAS: [Area; 5] = [
    Area::InternalMedicine,
    Area::Pediatrics,
    Area::MedPeds,
    Area::CriticalCare,
    Area::Other,
];

fn area(f: &Field) -> Area {
    pick(f, &AREAS).unwrap_or(Area::Other)
}

/// The profile the form describes, or where the first problem is. Fields the form
/// does not show are kept from `base`.
pub fn to_profile(sections: &[Section], base: &Profile) -> Result<Profile, Place> {
    if let Some(place) = first_error(sections) {
        return Err(place);
    }
    let mut p = base.clone();
    p.version = PROFILE_VERSION;
    if let Some(b) = sections.first().and_then(|s| s.records.first()) {
        apply_basics(&mut p, b);
    }
    let records = |i: usize| sections.get(i).map_or(&[][..], |s| s.records.as_slice());
    p.exams = exams(records(1));
    p.activities = records(2).iter().map(to_activity).collect();
    p.gaps_explained = records(3)
        .iter()
        .map(|r| Explained {
            start: month(&r[0]),
            end: month(&r[1]),
            reason: pick(
                &r[2],
                &[
                    GapReason::Immigration,
                    GapReason::ExamPrep,
                    GapReason::Family,
                    GapReason::Health,
                    GapReason::Service,
                    GapReason::Other,
                ],
            )
            .unwrap_or(GapReason::Other),
        })
        .collect();
    p.incidents = records(4)
        .iter()
        .map(|r| Incident {
            kind: pick(
                &r[0],
                &[
                    IncidentKind::Probation,
                    IncidentKind::Remediation,
                    IncidentKind::Citation,
                    IncidentKind::MspeComment,
                    IncidentKind::LetterComment,
                ],
            )
            .unwrap_or(IncidentKind::Remediation),
            date: month(&r[1]),
            completed: opt(&r[2]),
            summary: r[3].value.trim().to_string(),
        })
        .collect();
    p.repeats = records(5)
        .iter()
        .map(|r| Repeat {
            what: r[0].value.trim().to_string(),
            area: area(&r[1]),
            date: month(&r[2]),
        })
        .collect();
    p.letters = records(6)
        .iter()
        .map(|r| Letter {
            area: area(&r[0]),
            us: r[1].value == "yes",
        })
        .collect();
    Ok(p)
}

/// The profile the form describes, checked as the loader checks a file (by `rules`),
/// so the form never saves what would not load. On refusal: where, and for a fact
/// that cannot be true across fields (a Step 1 score from after scores stopped, a
/// fifth attempt), why; a field's own error shows beside it.
pub fn checked_profile(
    sections: &[Section],
    base: &Profile,
    rules: &Rules,
) -> Result<Profile, (Place, Option<String>)> {
    let p = to_profile(sections, base).map_err(|place| (place, None))?;
    match validate(&p, rules).into_iter().next() {
        None => Ok(p),
        Some(problem) => Err((place_of(&problem, sections), Some(problem.message))),
    }
}

/// The index in `field` after `name[`, e.g. 3 for `activities[3].end`.
fn index_of(field: &str, name: &str) -> Option<usize> {
    let rest = field.strip_prefix(name)?.strip_prefix('[')?;
    rest.split(']').next()?.parse().ok()
}

/// The form field a problem of the profile built from `sections` points at.
fn place_of(problem: &Problem, sections: &[Section]) -> Place {
    let field = problem.field.as_str();
    if let Some(e) = index_of(field, "exams") {
        let a = field
            .split_once(".attempts")
            .and_then(|(_, rest)| index_of(rest, ""))
            .unwrap_or(0);
        let column = if field.ends_with(".result") { 2 } else { 1 };
        return (1, attempt_record(sections, e, a).unwrap_or(0), column);
    }
    let listed = [
        ("activities", 2, 3),
        ("gaps_explained", 3, 1),
        ("incidents", 4, 2),
    ];
    for (name, section, column) in listed {
        if let Some(i) = index_of(field, name) {
            return (section, i, column);
        }
    }
    let column = match field {
        "application_year" => 3,
        "class_rank_quartile" => 5,
        "visa.sponsoring_share" => 8,
        _ => 0,
    };
    (0, 0, column)
}

/// The record of the form's attempts that becomes `exams[exam].attempts[attempt]`,
/// grouped by Step in order of first appearance as [`exams`] does.
fn attempt_record(sections: &[Section], exam: usize, attempt: usize) -> Option<usize> {
    let records = &sections.get(1)?.records;
    let mut steps: Vec<(String, usize)> = Vec::new();
    for (r, record) in records.iter().enumerate() {
        let step = record.first().map(|f| f.value.clone()).unwrap_or_default();
        let e = match steps.iter().position(|(s, _)| *s == step) {
            Some(e) => e,
            None => {
                steps.push((step, 0));
                steps.len() - 1
            }
        };
        let count = &mut steps[e].1;
        if (e, *count) == (exam, attempt) {
            return Some(r);
        }
        *count += 1;
    }
    None
}

fn apply_basics(p: &mut Profile, b: &Record) {
    let name = b[0].value.trim();
    p.name = (!name.is_empty()).then(|| name.to_string());
    p.citizenship = pick(
        &b[1],
        &[
            Citizenship::NonUs,
            Citizenship::UsCitizen,
            Citizenship::PermanentResident,
        ],
    )
    .unwrap_or(Citizenship::NonUs);
    p.graduation = month(&b[2]);
    p.application_year = b[3].value.trim().parse().unwrap_or(p.application_year);
    p.as_of = opt(&b[4]);
    p.class_rank_quartile = b[5].value.parse().ok();
    let need = pick(
        &b[6],
        &[
            VisaNeed::J1,
            VisaNeed::H1b,
            VisaNeed::J1OrH1b,
            VisaNeed::Unsure,
            VisaNeed::NotNeeded,
        ],
    );
    p.visa = need.map(|need| Visa {
        need,
        documentation_issues: b[7].value == "yes",
        sponsoring_share: parse_share(b[8].value.trim()),
    });
    p.languages = b[9]
        .value
        .split(',')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
}

fn exams(records: &[Record]) -> Vec<Exam> {
    let mut out: Vec<Exam> = Vec::new();
    for r in records {
        let step = pick(&r[0], &[Step::Step1, Step::Step2Ck, Step::Step3]).unwrap_or(Step::Step1);
        let a = Attempt {
            date: month(&r[1]),
            result: parse_result(r[2].value.trim()).unwrap_or(ExamResult::Fail),
        };
        match out.iter_mut().find(|e| e.step == step) {
            Some(e) => e.attempts.push(a),
            None => out.push(Exam {
                step,
                attempts: vec![a],
            }),
        }
    }
    out
}

fn to_activity(r: &Record) -> Activity {
    const KINDS: [ActivityKind; 10] = [
        ActivityKind::Clinical,
        ActivityKind::Observership,
        ActivityKind::Shadowing,
        ActivityKind::Research,
        ActivityKind::Teaching,
        ActivityKind::Volunteer,
        ActivityKind::ExamPrep,
        ActivityKind::Education,
        ActivityKind::Service,
        ActivityKind::Other,
    ];
    Activity {
        kind: pick(&r[0], &KINDS).unwrap_or(ActivityKind::Other),
        title: r[1].value.trim().to_string(),
        start: month(&r[2]),
        end: opt(&r[3]),
        us: r[4].value == "yes",
        hands_on: r[5].value == "yes",
        area: area(&r[6]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{DEMO_PROFILE, parse_profile};
    use std::path::Path;

    #[test]
    fn the_demo_profile_survives_the_form_unchanged() {
        let p = parse_profile(Path::new("demo"), DEMO_PROFILE).unwrap();
        let back = to_profile(&sections(&p), &p).unwrap();
        assert_eq!(back, p);
    }

    #[test]
    fn fields_are_checked_as_typed() {
        let mut f = Field::new("Date", Kind::Month { optional: false }, "2021-13");
        assert!(f.error().unwrap().contains("13"));
        f.value = "2021-12".into();
        assert_eq!(f.error(), None);
        let r = Field::new("Result", Kind::Result, "passd");
        assert!(r.error().is_some());
        let s = Field::new("Share", Kind::Share, "140%");
        assert!(s.error().is_some());
    }

    #[test]
    fn a_bad_field_is_located() {
        let p = parse_profile(Path::new("demo"), DEMO_PROFILE).unwrap();
        let mut form = sections(&p);
        form[2].records[1][2].value = "soon".into();
        assert_eq!(to_profile(&form, &p), Err((2, 1, 2)));
    }

    fn notes_of(p: &Profile, this_month: Option<&str>) -> Vec<(Place, String)> {
        let month = this_month.map(|m| m.parse().unwrap());
        notes(&sections(p), p, &Rules::default(), month)
    }

    #[test]
    fn the_season_field_says_the_season_is_the_year_training_starts() {
        let p = parse_profile(Path::new("demo"), DEMO_PROFILE).unwrap();
        let form = sections(&p);
        assert!(form[0].records[0][3].label.starts_with("ERAS season"));
        assert!(form[0].records[0][3].label.contains("training starts"));
        assert_eq!(
            notes_of(&p, None),
            vec![],
            "the demo's season fits its as_of"
        );
    }

    #[test]
    fn a_season_that_does_not_fit_is_a_note_that_never_stops_a_save() {
        let p = parse_profile(Path::new("demo"), DEMO_PROFILE).unwrap();
        let mut form = sections(&p);
        form[0].records[0][3].value = "2026".into();
        let found = notes(&form, &p, &Rules::default(), None);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, (0, 0, 3));
        assert!(found[0].1.contains("ERAS 2027"), "{}", found[0].1);
        assert_eq!(first_error(&form), None);
        assert!(to_profile(&form, &p).is_ok(), "it saves");
        // A blank as_of is this month.
        form[0].records[0][3].value = "2027".into();
        form[0].records[0][4].value = String::new();
        assert_eq!(notes(&form, &p, &Rules::default(), None), vec![]);
        let later = notes(
            &form,
            &p,
            &Rules::default(),
            Some("2027-05".parse().unwrap()),
        );
        assert_eq!(later.len(), 1, "{later:?}");
        assert!(later[0].1.contains("over"), "{}", later[0].1);
    }

    #[test]
    fn an_observership_marked_hands_on_says_why_it_does_not_count() {
        let p = parse_profile(Path::new("demo"), DEMO_PROFILE).unwrap();
        let mut form = sections(&p);
        // Entry 4 of the demo's activities is its observership.
        assert_eq!(form[2].records[3][0].value, "Observership");
        form[2].records[3][5].value = "yes".into();
        let found = notes(&form, &p, &Rules::default(), None);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, (2, 3, 5));
        assert!(found[0].1.contains("choose Clinical"), "{}", found[0].1);
        assert!(to_profile(&form, &p).is_ok(), "it saves");
    }

    #[test]
    fn a_planned_activity_is_called_planned() {
        let p = parse_profile(Path::new("demo"), DEMO_PROFILE).unwrap();
        let mut form = sections(&p);
        form[2].records[4][2].value = "2026-11".into();
        form[2].records[4][3].value = "2026-12".into();
        let found = notes(&form, &p, &Rules::default(), None);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, (2, 4, 2));
        assert!(found[0].1.starts_with("planned"), "{}", found[0].1);
    }

    #[test]
    fn the_form_refuses_what_the_loader_refuses_and_points_at_it() {
        let p = parse_profile(Path::new("demo"), DEMO_PROFILE).unwrap();
        let rules = Rules::default();
        let mut form = sections(&p);
        assert_eq!(checked_profile(&form, &p, &rules), Ok(p.clone()));
        // A Step 1 score from after Step 1 became pass or fail, in a new entry.
        form[1].records.push(attempt(Step::Step2Ck, None));
        form[1].records.push(attempt(Step::Step1, None));
        let n = form[1].records.len();
        form[1].records[n - 2][1].value = "2021-01".into();
        form[1].records[n - 2][2].value = "240".into();
        form[1].records[n - 1][1].value = "2023-03".into();
        form[1].records[n - 1][2].value = "231".into();
        let (place, why) = checked_profile(&form, &p, &rules).unwrap_err();
        assert_eq!(place, (1, n - 1, 2));
        assert!(why.unwrap().contains("pass or fail"));
        form[1].records[n - 1][2].value = "pass".into();
        assert!(checked_profile(&form, &p, &rules).is_ok());
    }

    #[test]
    fn a_fifth_attempt_and_an_end_before_its_start_are_pointed_at() {
        let p = parse_profile(Path::new("demo"), DEMO_PROFILE).unwrap();
        let rules = Rules::default();
        let mut form = sections(&p);
        for month in ["2023-01", "2023-02", "2023-03", "2023-04"] {
            let mut r = attempt(Step::Step3, None);
            r[1].value = month.into();
            r[2].value = "fail".into();
            form[1].records.push(r);
        }
        assert!(checked_profile(&form, &p, &rules).is_ok());
        let mut r = attempt(Step::Step3, None);
        r[1].value = "2022-12".into();
        r[2].value = "fail".into();
        form[1].records.push(r);
        let (place, _) = checked_profile(&form, &p, &rules).unwrap_err();
        // The fifth by date is the last one typed before it: April 2023.
        let n = form[1].records.len();
        assert_eq!(place, (1, n - 2, 1));

        let mut form = sections(&p);
        form[2].records[1][3].value = "2000-01".into();
        let (place, why) = checked_profile(&form, &p, &rules).unwrap_err();
        assert_eq!(place, (2, 1, 3));
        assert!(why.unwrap().contains("before the start"));
    }

    #[test]
    fn choices_cycle_both_ways() {
        let mut f = Field::new("US", Kind::Choice(YES_NO), "no");
        f.cycle(true);
        assert_eq!(f.value, "yes");
        f.cycle(true);
        assert_eq!(f.value, "no");
        f.cycle(false);
        assert_eq!(f.value, "yes");
    }
}
