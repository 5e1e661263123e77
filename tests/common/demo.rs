//! Where things are in the demo applicant, found from its flags rather than counted
//! by hand, so a change of severity or of the rules moves no test.

use std::path::Path;

use flagdraft::core::detect::{Knowledge, detect};
use flagdraft::core::story::{StoryRules, stories};
use flagdraft::store::{DEMO_PROFILE, Paths, parse_profile, write_profile_text};

/// The demo applicant written into the data folder `data` (its settings in
/// `data/cfg`), as `flagdraft init --demo` writes it: the app opens on Home with it.
/// (The welcome screen's demo lives in a throwaway folder and saves nothing here.)
#[allow(dead_code)]
pub fn seed(data: &Path) {
    let paths = Paths {
        data: data.to_path_buf(),
        config: data.join("cfg"),
    };
    write_profile_text(&paths, DEMO_PROFILE, false).unwrap();
}

/// The row on Home of the story that tells the demo's flag `id`, most serious first
/// (0 is the top row), with the flags told as the embedded `stories.ron` groups them.
#[allow(dead_code)]
pub fn row_of(id: &str) -> usize {
    row_by(id, &StoryRules::embedded())
}

/// The row of the flag `id` when every flag is told alone.
#[allow(dead_code)]
pub fn row_alone(id: &str) -> usize {
    row_by(
        id,
        &StoryRules {
            version: 1,
            groups: Vec::new(),
        },
    )
}

fn row_by(id: &str, rules: &StoryRules) -> usize {
    let profile = parse_profile(std::path::Path::new("demo"), DEMO_PROFILE).unwrap();
    // The month the harness's clock reads; the demo's own `as_of` wins when it has one.
    let today = profile.today("2026-11".parse().unwrap());
    let flags = detect(&profile, &Knowledge::embedded(), today);
    stories(&flags, rules)
        .iter()
        .position(|s| s.flags.iter().any(|f| f == id))
        .unwrap_or_else(|| panic!("the demo has no flag {id}"))
}

/// The keys from the top of Home down to the demo's Step 1 failure (the exam story).
#[allow(dead_code)]
pub fn to_step1() -> String {
    "j".repeat(row_of("exam_failure:step1"))
}

/// The keys down to the Step 1 failure when every flag is told alone.
#[allow(dead_code)]
pub fn to_step1_alone() -> String {
    "j".repeat(row_alone("exam_failure:step1"))
}
