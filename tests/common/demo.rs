//! Where things are in the demo applicant, found from its flags rather than counted
//! by hand, so a change of severity or of the rules moves no test.

use flagdraft::core::detect::{Knowledge, detect};
use flagdraft::store::{DEMO_PROFILE, parse_profile};

/// The row of the demo's flag `id` on Home, most serious first (0 is the top row).
#[allow(dead_code)]
pub fn row_of(id: &str) -> usize {
    let profile = parse_profile(std::path::Path::new("demo"), DEMO_PROFILE).unwrap();
    // The month the harness's clock reads; the demo's own `as_of` wins when it has one.
    let today = profile.today("2026-11".parse().unwrap());
    let flags = detect(&profile, &Knowledge::embedded(), today);
    flags
        .iter()
        .position(|f| f.id == id)
        .unwrap_or_else(|| panic!("the demo has no flag {id}"))
}

/// The keys from the top of Home down to the demo's Step 1 failure.
#[allow(dead_code)]
pub fn to_step1() -> String {
    "j".repeat(row_of("exam_failure:step1"))
}
