//! Stories from a real detection: the demo applicant's flags, grouped by the built-in
//! rules, so the grouping keeps working with the ids detection writes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use flagdraft::core::detect::{Knowledge, detect};
use flagdraft::core::story::{StoryRules, stories};

#[test]
fn the_demo_flags_are_told_as_at_most_five_stories() {
    let profile =
        flagdraft::store::parse_profile(Path::new("demo"), flagdraft::store::DEMO_PROFILE).unwrap();
    let flags = detect(&profile, &Knowledge::embedded(), profile.as_of.unwrap());
    assert_eq!(flags.len(), 9, "{flags:#?}");
    let told = stories(&flags, &StoryRules::embedded());
    assert!(told.len() <= 5, "{told:#?}");
    let mut ids: Vec<&str> = told
        .iter()
        .flat_map(|s| s.flags.iter().map(String::as_str))
        .collect();
    ids.sort_unstable();
    let mut expected: Vec<&str> = flags.iter().map(|f| f.id.as_str()).collect();
    expected.sort_unstable();
    assert_eq!(ids, expected, "every flag in exactly one story");
    // The 2016 repeat and the 2017 incident are three months apart: one story.
    let story = told
        .iter()
        .find(|s| s.flags.iter().any(|f| f == "repeated_course:2016-11"))
        .unwrap();
    assert_eq!(story.id, "story:repeat_and_incident:2016-11");
    assert!(story.flags.contains(&"professionalism:2017-02".to_string()));
    let listed: Vec<(&str, Vec<&str>)> = told
        .iter()
        .map(|s| (s.id.as_str(), s.flags.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        listed,
        [
            (
                "story:exam_record",
                vec!["exam_failure:step1", "low_score:step2ck"]
            ),
            (
                "story:repeat_and_incident:2016-11",
                vec!["repeated_course:2016-11", "professionalism:2017-02"]
            ),
            (
                "story:timeline",
                vec!["yog_gap", "training_gap:2020-07", "training_gap:2023-06"]
            ),
            ("limited_usce", vec!["limited_usce"]),
            ("visa_plan", vec!["visa_plan"]),
        ]
    );
}
