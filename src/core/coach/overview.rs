//! What the coach says beyond single findings: whether a draft answers a program
//! director's three questions, flags that show on the record with no ready
//! explanation, and strengths no draft mentions yet.

use crate::core::draft::{Draft, Status};
use crate::core::flag::{Family, Flag, FlagKind};
use crate::core::profile::{ActivityKind, Area, Citizenship, GapReason, Profile};
use crate::core::template::Template;

use super::{Coach, Marks};

/// The three questions every explanation must answer, and whether this one does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    /// It shows the flag is not a pattern.
    pub not_a_pattern: bool,
    /// It shows what was learned and what changed.
    pub learned: bool,
    /// It shows readiness now, for training in two fields.
    pub ready_now: bool,
}

impl Answers {
    /// The questions still open, in words.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if !self.not_a_pattern {
            out.push("Is it a pattern? Show what the record says since.");
        }
        if !self.learned {
            out.push("Did you learn and improve? Say what you changed.");
        }
        if !self.ready_now {
            out.push("Are you ready now, for Med-Peds? Link it to the training ahead.");
        }
        out
    }
}

/// Which parts answer which question, per family: (pattern, learned, ready).
fn parts(
    family: Family,
) -> (
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
) {
    match family {
        Family::Academic => (&["result"], &["actions"], &["link"]),
        Family::Gap => (
            &["engagement"],
            &["reflection", "engagement"],
            &["reflection"],
        ),
        Family::Professionalism => (&["improvement"], &["actions"], &["link"]),
        Family::LimitedUsce => (&["experience", "plan"], &["insight"], &["link"]),
        Family::Visa => (&["documents"], &["programs"], &["eligibility"]),
    }
}

pub fn answers(
    coach: &Coach,
    draft: &Draft,
    template: &Template,
    marks: &[(&str, Marks)],
) -> Answers {
    let (pattern, learned, ready) = parts(template.family);
    let filled = |keys: &[&str]| keys.iter().any(|k| coach.answered(draft.part(k)));
    let marked = |keys: &[&str], id: &str| {
        keys.iter().any(|k| {
            marks
                .iter()
                .any(|(key, m)| key == k && coach.marked(*m, id))
        })
    };
    let ready_now = match template.family {
        Family::Visa => filled(ready) && !draft.part("eligibility").contains('['),
        _ => filled(ready) && marked(ready, "medpeds"),
    };
    Answers {
        not_a_pattern: filled(pattern),
        learned: filled(learned),
        ready_now,
    }
}

/// Kinds that show on the transcript, score report or MSPE whether explained or not.
pub fn on_the_record(kind: FlagKind) -> bool {
    matches!(
        kind,
        FlagKind::ExamFailure
            | FlagKind::RepeatedCourse
            | FlagKind::Professionalism
            | FlagKind::LowRank
    )
}

/// Flags a program will see on the record that have no ready explanation. A flag is
/// explained when a ready draft explains it, as its own flag or as part of a story.
pub fn concealed<'a>(flags: &'a [Flag], drafts: &[Draft]) -> Vec<&'a Flag> {
    flags
        .iter()
        .filter(|f| on_the_record(f.kind))
        .filter(|f| {
            !drafts
                .iter()
                .any(|d| d.explains(&f.id) && d.status == Status::Ready)
        })
        .collect()
}

/// Gentle suggestions: strengths in the profile that no draft mentions.
pub fn strengths(profile: &Profile, drafts: &[Draft]) -> Vec<String> {
    let all_text: String = drafts
        .iter()
        .flat_map(|d| d.parts.values())
        .map(|t| t.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    let mentions = |words: &[&str]| words.iter().any(|w| all_text.contains(w));
    let mut out = Vec::new();
    let clinical = |a: &&crate::core::profile::Activity| {
        matches!(a.kind, ActivityKind::Clinical | ActivityKind::Observership)
    };
    if let Some(a) = profile.activities.iter().find(|a| a.area == Area::MedPeds)
        && !mentions(&["med-peds", "med peds", "medicine-pediatrics"])
    {
        out.push(format!(
            "Your profile shows Med-Peds exposure ({}); no draft mentions it yet.",
            a.title
        ));
    }
    let areas: Vec<Area> = profile
        .activities
        .iter()
        .filter(clinical)
        .map(|a| a.area)
        .collect();
    let ages = areas.contains(&Area::InternalMedicine) && areas.contains(&Area::Pediatrics);
    if ages
        && !mentions(&[
            "children and adults",
            "adults and children",
            "all ages",
            "lifespan",
            "across ages",
        ])
    {
        out.push("You have cared for both children and adults; a draft could say so.".into());
    }
    let home = profile.activities.iter().filter(clinical).any(|a| !a.us);
    let us = profile.activities.iter().filter(clinical).any(|a| a.us);
    if home
        && us
        && !mentions(&[
            "health system",
            "health-care system",
            "healthcare system",
            "two countries",
        ])
    {
        out.push(
            "You have worked in more than one health system, a strength programs value.".into(),
        );
    }
    if profile.languages.len() > 1 && !mentions(&["language", "speak", "fluent"]) {
        out.push(format!(
            "You speak {} languages; patients and programs value that.",
            profile.languages.len()
        ));
    }
    out.extend(immigration_resilience(profile, &mentions));
    out.extend(global_health(profile, &mentions));
    out
}

/// A move between countries through immigration: resilience and adaptability programs
/// look for (the source article of DOMAIN.md lists it among an IMG's strengths).
fn immigration_resilience(
    profile: &Profile,
    mentions: &impl Fn(&[&str]) -> bool,
) -> Option<String> {
    let moved = profile
        .gaps_explained
        .iter()
        .any(|e| e.reason == GapReason::Immigration)
        || profile.citizenship == Citizenship::PermanentResident;
    let said = mentions(&[
        "resilien",
        "adaptab",
        "adapted",
        "new country",
        "moving countries",
    ]);
    (moved && !said).then(|| {
        "You moved countries and saw an immigration process through; a draft could show the resilience and adaptability that took.".to_string()
    })
}

/// Words in an activity's title that mark work in immigrant or global health.
const GLOBAL_HEALTH: [&str; 6] = [
    "immigrant",
    "refugee",
    "migrant",
    "asylum",
    "global health",
    "international health",
];

/// Work in immigrant or global health, where one clinician often sees every age in a
/// family: Med-Peds ground.
fn global_health(profile: &Profile, mentions: &impl Fn(&[&str]) -> bool) -> Option<String> {
    let activity = profile.activities.iter().find(|a| {
        let title = a.title.to_lowercase();
        GLOBAL_HEALTH.iter().any(|w| title.contains(w))
    })?;
    (!mentions(&GLOBAL_HEALTH)).then(|| {
        format!(
            "Your work in {} touches immigrant or global health, which spans children and adults alike; a draft could tie it to Med-Peds.",
            activity.title
        )
    })
}
