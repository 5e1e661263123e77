//! The profile as a file people read and edit: every field in the starter's order,
//! with the starter's notes on what each one means and the words it takes. A save from
//! the form writes this layout, so the notes of the file stay, whatever was edited.
//!
//! Notes a person added by hand are not kept (the file is written anew); the layout
//! and its explanations always are.

use serde::Serialize;

use crate::core::profile::Profile;

/// Where a note after a value starts, as in the starter file.
const NOTE_COLUMN: usize = 37;

/// Examples shown in a list while it is empty.
const EXAM_EXAMPLES: &[&str] = &[
    "// Exam(step: Step1, attempts: [Attempt(date: \"2019-05\", result: Pass)]),",
    "// Exam(step: Step2Ck, attempts: [Attempt(date: \"2020-08\", result: Score(236))]),",
];
const REPEAT_EXAMPLES: &[&str] =
    &["// Repeat(what: \"Surgery clerkship\", area: Other, date: \"2018-02\"),"];
const ACTIVITY_EXAMPLES: &[&str] = &[
    "// Activity(kind: Clinical, title: \"Internship\", start: \"2020-07\", end: Some(\"2021-06\"),",
    "//          us: false, hands_on: true, area: InternalMedicine),",
];
const LETTER_EXAMPLES: &[&str] = &["// Letter(area: Pediatrics, us: true),"];

/// One value as RON on one line: `Activity(kind: Clinical, title: "…", …)`.
fn one_line<T: Serialize>(value: &T) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .depth_limit(0);
    ron::ser::to_string_pretty(value, config).unwrap_or_default()
}

/// The file's text, in the commented layout of the starter.
pub fn to_commented_ron(p: &Profile) -> String {
    let mut out = Out::default();
    out.line(
        0,
        "// Your profile: the facts flagdraft reads to find the red flags in your application.",
    );
    out.line(
        0,
        "// Dates are \"YYYY-MM\". Lists can stay empty ([]). Lines starting with // are notes.",
    );
    out.line(
        0,
        "// Run `flagdraft detect` after each change to see what a program director will see.",
    );
    out.line(0, "Profile(");
    out.field("version", &one_line(&p.version), "");
    out.field("name", &one_line(&p.name), "// or Some(\"Your name\")");
    out.field(
        "citizenship",
        &one_line(&p.citizenship),
        "// NonUs | UsCitizen | PermanentResident",
    );
    out.line(1, "// need: J1 | H1b | J1OrH1b | Unsure | NotNeeded");
    out.line(
        1,
        "// sponsoring_share: the share of programs on your list that sponsor that visa",
    );
    out.field("visa", &one_line(&p.visa), "");
    out.field(
        "graduation",
        &one_line(&p.graduation),
        "// month you graduated from medical school",
    );
    out.line(
        1,
        "// application_year: the ERAS season, named by the year training would start.",
    );
    out.line(
        1,
        "// The ERAS 2027 season opens in June 2026, applications go to programs from",
    );
    out.line(
        1,
        "// September 2026, the Match is in March 2027, and training starts in July 2027.",
    );
    out.field("application_year", &one_line(&p.application_year), "");
    out.field(
        "as_of",
        &one_line(&p.as_of),
        "// Some(\"2026-09\") to pin \"today\"; None = this month",
    );
    out.line(
        1,
        "// result: Pass | Fail | Score(236); add one Attempt per sitting",
    );
    out.line(1, "exams: [");
    if p.exams.is_empty() {
        out.examples(EXAM_EXAMPLES);
    }
    for exam in &p.exams {
        if exam.attempts.is_empty() {
            out.line(2, &format!("{},", one_line(exam)));
            continue;
        }
        out.line(
            2,
            &format!("Exam(step: {}, attempts: [", one_line(&exam.step)),
        );
        for a in &exam.attempts {
            out.line(3, &format!("{},", one_line(a)));
        }
        out.line(2, "]),");
    }
    out.line(1, "],");
    out.line(
        1,
        "// area: InternalMedicine | Pediatrics | MedPeds | CriticalCare | Other",
    );
    out.list("repeats", &p.repeats, REPEAT_EXAMPLES);
    out.field(
        "class_rank_quartile",
        &one_line(&p.class_rank_quartile),
        "// Some(1) = top quartile ... Some(4) = bottom",
    );
    out.line(
        1,
        "// kind: Clinical | Observership | Shadowing | Research | Teaching | Volunteer",
    );
    out.line(
        1,
        "//       | ExamPrep | Education | Service | Other;  end: None while it is ongoing",
    );
    out.line(
        1,
        "// hands_on: true only for care you gave yourself (Clinical, e.g. an externship);",
    );
    out.line(
        1,
        "//   an Observership or Shadowing never counts as hands-on, whatever it says here.",
    );
    out.line(
        1,
        "// An activity that starts after today is planned: it counts once it has started.",
    );
    out.list("activities", &p.activities, ACTIVITY_EXAMPLES);
    out.line(
        1,
        "// reason: Immigration | ExamPrep | Family | Health | Service | Other",
    );
    out.list("gaps_explained", &p.gaps_explained, &[]);
    out.line(
        1,
        "// kind: Probation | Remediation | Citation | MspeComment | LetterComment",
    );
    out.list("incidents", &p.incidents, &[]);
    out.list("letters", &p.letters, LETTER_EXAMPLES);
    out.field("languages", &one_line(&p.languages), "");
    out.line(0, ")");
    out.text
}

#[derive(Default)]
struct Out {
    text: String,
}

impl Out {
    fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.text.push_str("    ");
        }
        self.text.push_str(text);
        self.text.push('\n');
    }

    /// `name: value,` with a note after it, from the note column when there is room.
    fn field(&mut self, name: &str, value: &str, note: &str) {
        let mut text = format!("    {name}: {value},");
        if !note.is_empty() {
            let pad = NOTE_COLUMN.saturating_sub(text.chars().count()).max(1);
            text.push_str(&" ".repeat(pad));
            text.push_str(note);
        }
        text.push('\n');
        self.text.push_str(&text);
    }

    fn examples(&mut self, examples: &[&str]) {
        for e in examples {
            self.line(2, e);
        }
    }

    /// A list of entries, one a line. Empty, it shows its examples, or is `[]` when it
    /// has none.
    fn list<T: Serialize>(&mut self, name: &str, items: &[T], examples: &[&str]) {
        if items.is_empty() && examples.is_empty() {
            self.line(1, &format!("{name}: [],"));
            return;
        }
        self.line(1, &format!("{name}: ["));
        if items.is_empty() {
            self.examples(examples);
        }
        for item in items {
            self.line(2, &format!("{},", one_line(item)));
        }
        self.line(1, "],");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{DEMO_PROFILE, STARTER_PROFILE, parse_profile};
    use std::path::Path;

    #[test]
    fn the_starter_is_its_own_profile_in_this_layout() {
        let p = parse_profile(Path::new("starter"), STARTER_PROFILE).unwrap();
        assert_eq!(to_commented_ron(&p), STARTER_PROFILE);
    }

    #[test]
    fn the_demo_reads_back_the_same_with_every_note() {
        let p = parse_profile(Path::new("demo"), DEMO_PROFILE).unwrap();
        let text = to_commented_ron(&p);
        assert_eq!(parse_profile(Path::new("again"), &text).unwrap(), p);
        for note in STARTER_PROFILE
            .lines()
            .filter(|l| l.trim_start().starts_with("// "))
        {
            let example = note.contains("Exam(")
                || note.contains("Repeat(")
                || note.contains("Activity(")
                || note.contains("Letter(")
                || note.contains("us: false, hands_on");
            assert_eq!(text.contains(note), !example, "{note}");
        }
        assert!(text.contains("name: Some(\"Nadia Rahmé\"),"), "{text}");
    }
}
