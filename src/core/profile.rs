//! The applicant's facts: the profile format users and advisers write by hand.
//!
//! Field names are a public format: add fields with `#[serde(default)]`, never rename.
//! Pure: no I/O, no terminal.

use serde::{Deserialize, Serialize};

use super::month::{Span, YearMonth};

/// The profile format this build writes.
pub const PROFILE_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub version: u32,
    #[serde(default)]
    pub name: Option<String>,
    pub citizenship: Citizenship,
    #[serde(default)]
    pub visa: Option<Visa>,
    pub graduation: YearMonth,
    /// The ERAS season, named as AAMC names it: the year training would start (the
    /// ERAS 2027 season opens in June 2026 and leads to training from July 2027).
    pub application_year: i32,
    #[serde(default)]
    pub as_of: Option<YearMonth>,
    #[serde(default)]
    pub exams: Vec<Exam>,
    #[serde(default)]
    pub repeats: Vec<Repeat>,
    #[serde(default)]
    pub class_rank_quartile: Option<u8>,
    #[serde(default)]
    pub activities: Vec<Activity>,
    #[serde(default)]
    pub gaps_explained: Vec<Explained>,
    #[serde(default)]
    pub incidents: Vec<Incident>,
    #[serde(default)]
    pub letters: Vec<Letter>,
    /// Languages the applicant speaks with patients (a strength, never a flag).
    #[serde(default)]
    pub languages: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Citizenship {
    NonUs,
    UsCitizen,
    PermanentResident,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Visa {
    pub need: VisaNeed,
    #[serde(default)]
    pub documentation_issues: bool,
    /// Share (0.0 to 1.0) of the programs on the list that sponsor the needed visa.
    #[serde(default)]
    pub sponsoring_share: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VisaNeed {
    J1,
    H1b,
    J1OrH1b,
    Unsure,
    NotNeeded,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Step {
    Step1,
    Step2Ck,
    Step3,
}

impl Step {
    pub const ALL: [Step; 3] = [Step::Step1, Step::Step2Ck, Step::Step3];

    /// How a text names the Step in passing, in lower case: "step 1", "step 2 ck".
    pub fn short_names(self) -> &'static [&'static str] {
        match self {
            Step::Step1 => &["step 1"],
            Step::Step2Ck => &["step 2", "2 ck"],
            Step::Step3 => &["step 3"],
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Step::Step1 => "USMLE Step 1",
            Step::Step2Ck => "USMLE Step 2 CK",
            Step::Step3 => "USMLE Step 3",
        }
    }

    /// Stable part of a flag id: `step1`, `step2ck`, `step3`.
    pub fn slug(self) -> &'static str {
        match self {
            Step::Step1 => "step1",
            Step::Step2Ck => "step2ck",
            Step::Step3 => "step3",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exam {
    pub step: Step,
    #[serde(default)]
    pub attempts: Vec<Attempt>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attempt {
    pub date: YearMonth,
    pub result: ExamResult,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExamResult {
    Pass,
    Fail,
    /// A three-digit score; below the step's pass mark it counts as a fail.
    Score(u16),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Area {
    InternalMedicine,
    Pediatrics,
    MedPeds,
    CriticalCare,
    Other,
}

impl Area {
    /// Internal medicine, pediatrics, Med-Peds or critical care: the core of Med-Peds training.
    pub fn is_core(self) -> bool {
        !matches!(self, Area::Other)
    }

    pub fn label(self) -> &'static str {
        match self {
            Area::InternalMedicine => "internal medicine",
            Area::Pediatrics => "pediatrics",
            Area::MedPeds => "Med-Peds",
            Area::CriticalCare => "critical care",
            Area::Other => "another field",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repeat {
    pub what: String,
    pub area: Area,
    pub date: YearMonth,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActivityKind {
    Clinical,
    Observership,
    Shadowing,
    Research,
    Teaching,
    Volunteer,
    ExamPrep,
    Education,
    Service,
    Other,
}

impl ActivityKind {
    /// Observing kinds: observerships and shadowing. An observer watches care but does
    /// not examine or treat patients, so these never count as hands-on experience,
    /// whatever their `hands_on` says. (ECFMG and AAMC use "observership" for
    /// non-hands-on exposure; only enrolled students take hands-on electives.)
    pub fn is_observing(self) -> bool {
        matches!(self, ActivityKind::Observership | ActivityKind::Shadowing)
    }

    /// Plain words for the kind, for sentences.
    pub fn label(self) -> &'static str {
        match self {
            ActivityKind::Clinical => "clinical work",
            ActivityKind::Observership => "an observership",
            ActivityKind::Shadowing => "shadowing",
            ActivityKind::Research => "research",
            ActivityKind::Teaching => "teaching",
            ActivityKind::Volunteer => "volunteering",
            ActivityKind::ExamPrep => "exam preparation",
            ActivityKind::Education => "education",
            ActivityKind::Service => "service",
            ActivityKind::Other => "an activity",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    pub kind: ActivityKind,
    pub title: String,
    pub start: YearMonth,
    /// `None` while the activity is ongoing.
    #[serde(default)]
    pub end: Option<YearMonth>,
    #[serde(default)]
    pub us: bool,
    #[serde(default)]
    pub hands_on: bool,
    #[serde(default = "other_area")]
    pub area: Area,
}

fn other_area() -> Area {
    Area::Other
}

impl Activity {
    /// The months this activity covers, an ongoing one up to `today`.
    pub fn span(&self, today: YearMonth) -> Span {
        Span {
            start: self.start,
            end: self.end.unwrap_or(today),
        }
    }

    /// Planned: it starts after `today`, so nothing counts it yet (not hands-on
    /// months, not recent work, not the timeline).
    pub fn is_planned(&self, today: YearMonth) -> bool {
        self.start > today
    }

    /// Clinical work, of any kind of hands-on or supervised care; observing never is.
    pub fn is_clinical(&self) -> bool {
        self.kind == ActivityKind::Clinical
    }

    /// Hands-on patient care: clinical work marked hands-on. An observership or
    /// shadowing marked hands-on is not (see [`ActivityKind::is_observing`]).
    pub fn is_hands_on(&self) -> bool {
        self.hands_on && self.is_clinical()
    }

    /// The months of it that have happened by `today`; `None` when it is planned.
    pub fn done_by(&self, today: YearMonth) -> Option<Span> {
        let span = self.span(today);
        (span.start <= today).then(|| Span {
            start: span.start,
            end: span.end.min(today),
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GapReason {
    Immigration,
    ExamPrep,
    Family,
    Health,
    Service,
    Other,
}

impl GapReason {
    pub fn label(self) -> &'static str {
        match self {
            GapReason::Immigration => "immigration and visa processing",
            GapReason::ExamPrep => "full-time exam preparation",
            GapReason::Family => "family responsibilities",
            GapReason::Health => "a health matter",
            GapReason::Service => "a service obligation",
            GapReason::Other => "another documented reason",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Explained {
    pub start: YearMonth,
    pub end: YearMonth,
    pub reason: GapReason,
}

impl Explained {
    pub fn span(&self) -> Span {
        Span {
            start: self.start,
            end: self.end,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IncidentKind {
    Probation,
    Remediation,
    Citation,
    MspeComment,
    LetterComment,
}

impl IncidentKind {
    /// One or two words, for titles.
    pub fn short(self) -> &'static str {
        match self {
            IncidentKind::Probation => "probation",
            IncidentKind::Remediation => "remediation",
            IncidentKind::Citation => "citation",
            IncidentKind::MspeComment => "MSPE comment",
            IncidentKind::LetterComment => "letter comment",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            IncidentKind::Probation => "probation",
            IncidentKind::Remediation => "professionalism remediation",
            IncidentKind::Citation => "a professionalism citation",
            IncidentKind::MspeComment => "a concern noted in the MSPE",
            IncidentKind::LetterComment => "a concern noted in a letter",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    pub kind: IncidentKind,
    pub date: YearMonth,
    #[serde(default)]
    pub summary: String,
    /// The month the remediation or probation was completed, if it was.
    #[serde(default)]
    pub completed: Option<YearMonth>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Letter {
    pub area: Area,
    #[serde(default)]
    pub us: bool,
}

impl Profile {
    /// One exam per step, its attempts from every entry for that step, by date.
    pub fn exams_by_step(&self) -> Vec<Exam> {
        let mut merged: Vec<Exam> = Vec::new();
        for exam in &self.exams {
            match merged.iter_mut().find(|m| m.step == exam.step) {
                Some(m) => m.attempts.extend(exam.attempts.iter().cloned()),
                None => merged.push(exam.clone()),
            }
        }
        merged.sort_by_key(|e| e.step);
        for exam in &mut merged {
            exam.attempts.sort_by_key(|a| a.date);
        }
        merged
    }

    /// The month detection treats as now: the profile's `as_of`, else `fallback`.
    pub fn today(&self, fallback: YearMonth) -> YearMonth {
        self.as_of.unwrap_or(fallback)
    }
}

// Plain words for every choice, for any screen or message a person reads (the file
// keeps the names above). `label` is the phrase a sentence or a form shows; `Display`
// writes the same words.

impl Citizenship {
    pub fn label(self) -> &'static str {
        match self {
            Citizenship::NonUs => "Non-US citizen",
            Citizenship::UsCitizen => "US citizen",
            Citizenship::PermanentResident => "US permanent resident",
        }
    }
}

impl VisaNeed {
    pub fn label(self) -> &'static str {
        match self {
            VisaNeed::J1 => "J-1 visa",
            VisaNeed::H1b => "H-1B visa",
            VisaNeed::J1OrH1b => "J-1 or H-1B visa",
            VisaNeed::Unsure => "not sure yet",
            VisaNeed::NotNeeded => "no visa needed",
        }
    }
}

impl Step {
    /// The step without "USMLE": "Step 2 CK".
    pub fn short(self) -> &'static str {
        match self {
            Step::Step1 => "Step 1",
            Step::Step2Ck => "Step 2 CK",
            Step::Step3 => "Step 3",
        }
    }
}

impl ExamResult {
    /// "pass", "fail" or "score 231".
    pub fn label(self) -> String {
        match self {
            ExamResult::Pass => "pass".into(),
            ExamResult::Fail => "fail".into(),
            ExamResult::Score(n) => format!("score {n}"),
        }
    }
}

impl ActivityKind {
    /// The kind as a choice, without the article of [`ActivityKind::label`]:
    /// "observership", "exam preparation".
    pub fn name(self) -> &'static str {
        match self {
            ActivityKind::Observership => "observership",
            ActivityKind::Other => "other activity",
            other => other.label(),
        }
    }
}

macro_rules! display_as {
    ($($ty:ty => $words:expr),* $(,)?) => {
        $(impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let words: fn(&$ty) -> String = $words;
                f.write_str(&words(self))
            }
        })*
    };
}

display_as! {
    Citizenship => |c| c.label().into(),
    VisaNeed => |v| v.label().into(),
    Step => |s| s.short().into(),
    ExamResult => |r| r.label(),
    Area => |a| a.label().into(),
    ActivityKind => |k| k.name().into(),
    GapReason => |g| g.label().into(),
    IncidentKind => |i| i.short().into(),
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"Profile(
        version: 1,
        citizenship: NonUs,
        visa: Some(Visa(need: Unsure, documentation_issues: false, sponsoring_share: Some(0.4))),
        graduation: "2019-06",
        application_year: 2026,
        exams: [Exam(step: Step1, attempts: [Attempt(date: "2020-05", result: Fail)])],
        activities: [Activity(kind: Clinical, title: "Ward", start: "2019-07", end: None,
                              us: false, hands_on: true, area: Pediatrics)],
    )"#;

    #[test]
    fn reads_the_documented_shape_with_defaults() {
        let p: Profile = ron::from_str(SAMPLE).unwrap();
        assert_eq!(p.graduation.to_string(), "2019-06");
        assert_eq!(p.exams[0].attempts[0].result, ExamResult::Fail);
        assert!(p.incidents.is_empty());
        assert_eq!(p.activities[0].end, None);
        assert_eq!(p.as_of, None);
    }

    #[test]
    fn refuses_unknown_fields_so_typos_surface() {
        let typo = SAMPLE.replace("graduation:", "graduaton:");
        let err = ron::from_str::<Profile>(&typo).unwrap_err();
        assert!(err.to_string().contains("graduaton"), "{err}");
    }

    #[test]
    fn ongoing_activity_runs_to_today() {
        let p: Profile = ron::from_str(SAMPLE).unwrap();
        let today: YearMonth = "2026-09".parse().unwrap();
        assert_eq!(p.activities[0].span(today).end, today);
    }

    #[test]
    fn every_choice_has_plain_words() {
        assert_eq!(Citizenship::NonUs.to_string(), "Non-US citizen");
        assert_eq!(Step::Step2Ck.to_string(), "Step 2 CK");
        assert_eq!(ActivityKind::ExamPrep.to_string(), "exam preparation");
        assert_eq!(Area::InternalMedicine.to_string(), "internal medicine");
        assert_eq!(VisaNeed::J1OrH1b.to_string(), "J-1 or H-1B visa");
        assert_eq!(ExamResult::Score(231).to_string(), "score 231");
        assert_eq!(IncidentKind::MspeComment.to_string(), "MSPE comment");
        assert_eq!(
            GapReason::ExamPrep.to_string(),
            "full-time exam preparation"
        );
        assert_eq!(ActivityKind::Observership.to_string(), "observership");
        // No choice reads as a code word: no run of capitals joined to lower case.
        let all: Vec<String> = [
            Citizenship::NonUs.to_string(),
            Citizenship::UsCitizen.to_string(),
            Citizenship::PermanentResident.to_string(),
            VisaNeed::J1.to_string(),
            VisaNeed::H1b.to_string(),
            VisaNeed::Unsure.to_string(),
            VisaNeed::NotNeeded.to_string(),
            Step::Step1.to_string(),
            Step::Step3.to_string(),
            Area::MedPeds.to_string(),
            Area::CriticalCare.to_string(),
            Area::Other.to_string(),
            ActivityKind::Other.to_string(),
            GapReason::Other.to_string(),
            IncidentKind::LetterComment.to_string(),
        ]
        .into();
        for words in all {
            let code = words.split(' ').any(|w| {
                w.chars().skip(1).any(char::is_uppercase)
                    && w.chars().any(char::is_lowercase)
                    && !w.contains('-')
            });
            assert!(!code, "{words}");
        }
    }
}
