//! The real binary, run as a user would: init, detect, errors and exit codes, file modes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::fs;
use std::process::{Command, Output};

use common::home::{Home, mode, stderr, stdout};

#[test]
fn init_demo_then_detect_lists_the_flags() {
    let home = Home::new();
    let init = home.run(&["init", "--demo"]);
    assert!(init.status.success(), "{}", stderr(&init));
    let detect = home.run(&["detect"]);
    assert!(detect.status.success(), "{}", stderr(&detect));
    insta::assert_snapshot!("detect_demo", stdout(&detect));
}

#[test]
fn detect_json_has_the_documented_fields() {
    let home = Home::new();
    home.run(&["init", "--demo"]);
    let out = home.run(&["detect", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let flags: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let flags = flags.as_array().unwrap();
    assert!(flags.len() >= 7);
    for flag in flags {
        for key in [
            "kind",
            "id",
            "severity",
            "summary",
            "reasons",
            "where",
            "questions",
        ] {
            assert!(flag.get(key).is_some(), "missing {key} in {flag}");
        }
    }
    let ids: Vec<&str> = flags.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"exam_failure:step1"), "{ids:?}");
    assert!(ids.contains(&"training_gap:2020-07"), "{ids:?}");
}

#[test]
fn detect_json_names_the_story_of_each_flag() {
    let home = Home::new();
    home.run(&["init", "--demo"]);
    let out = home.run(&["detect", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let flags: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let story = |id: &str| -> String {
        let flag = flags
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id)
            .unwrap_or_else(|| panic!("no flag {id} in {flags}"));
        flag["story"].as_str().unwrap().to_string()
    };
    for flag in flags.as_array().unwrap() {
        assert!(flag["story"].is_string(), "no story in {flag}");
    }
    // Flags told together share one story; a flag told alone is its own.
    assert_eq!(story("exam_failure:step1"), "story:exam_record");
    assert_eq!(story("low_score:step2ck"), "story:exam_record");
    assert_eq!(story("yog_gap"), story("training_gap:2020-07"));
    assert_eq!(story("yog_gap"), story("training_gap:2023-06"));
    assert_eq!(
        story("repeated_course:2016-11"),
        story("professionalism:2017-02")
    );
    assert_ne!(story("yog_gap"), story("exam_failure:step1"));
    assert_eq!(story("visa_plan"), "visa_plan");
}

#[test]
fn files_are_private_even_under_umask_000() {
    let home = Home::new();
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 000 && exec '{}' init --demo",
            env!("CARGO_BIN_EXE_flagdraft")
        ))
        .env("FLAGDRAFT_DATA_DIR", home.data())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&home.data()), 0o700);
    assert_eq!(mode(&home.data().join("profile.ron")), 0o600);
}

#[test]
fn init_never_overwrites_and_force_keeps_a_backup() {
    let home = Home::new();
    home.run(&["init", "--demo"]);
    let profile = home.data().join("profile.ron");
    let before = fs::read(&profile).unwrap();
    let again = home.run(&["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(fs::read(&profile).unwrap(), before);
    let forced = home.run(&["init", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_eq!(
        fs::read(home.data().join("profile.ron.bak")).unwrap(),
        before
    );
    assert_ne!(fs::read(&profile).unwrap(), before);
}

#[test]
fn a_broken_profile_is_named_with_line_and_column_and_kept() {
    let home = Home::new();
    fs::create_dir_all(home.data()).unwrap();
    let profile = home.data().join("profile.ron");
    let broken =
        "Profile(\n    version: 1,\n    citizenship: NonUs,\n    graduation: \"2019-13\",\n)\n";
    fs::write(&profile, broken).unwrap();
    let out = home.run(&["detect"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let expected = format!("{}:4:", profile.display());
    assert!(err.contains(&expected), "{err}");
    assert!(err.contains("month 13"), "{err}");
    assert_eq!(fs::read_to_string(&profile).unwrap(), broken);
}

#[test]
fn an_impossible_fact_names_the_field() {
    let home = Home::new();
    let path = home.root.join("p.ron");
    fs::write(
        &path,
        "Profile(version: 1, citizenship: NonUs, graduation: \"2019-06\", application_year: 2026, class_rank_quartile: Some(9))",
    )
    .unwrap();
    let out = home.run(&["detect", "--profile", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("class_rank_quartile: 9 is not a quartile"));
}

#[test]
fn a_step1_score_from_after_pass_or_fail_is_refused_with_line_and_column() {
    let home = Home::new();
    let path = home.root.join("p.ron");
    fs::write(
        &path,
        "Profile(version: 1, citizenship: NonUs, graduation: \"2019-06\", application_year: 2026,\n  exams: [Exam(step: Step1, attempts: [Attempt(date: \"2022-03\", result: Score(241))])],\n)",
    )
    .unwrap();
    let out = home.run(&["detect", "--profile", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:2:", path.display())), "{err}");
    assert!(err.contains("pass or fail"), "{err}");
}

#[test]
fn the_attempt_limit_a_profile_is_checked_by_comes_from_the_user_rules() {
    let home = Home::new();
    let path = home.root.join("p.ron");
    let attempts: Vec<String> = (1..=5)
        .map(|m| format!("Attempt(date: \"2020-0{m}\", result: Fail)"))
        .collect();
    fs::write(
        &path,
        format!(
            "Profile(version: 1, citizenship: NonUs, graduation: \"2019-06\", application_year: 2026, exams: [Exam(step: Step2Ck, attempts: [{}])])",
            attempts.join(", ")
        ),
    )
    .unwrap();
    let out = home.run(&["detect", "--profile", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("at most 4"), "{}", stderr(&out));
    let config = home.root.join("config");
    fs::create_dir_all(&config).unwrap();
    fs::write(config.join("rules.ron"), "(max_attempts: 6)").unwrap();
    let out = home.run(&["detect", "--profile", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("exam_failure:step2ck"));
}

#[test]
fn no_profile_yet_says_how_to_make_one() {
    let home = Home::new();
    let out = home.run(&["detect"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("flagdraft init"), "{}", stderr(&out));
}

#[test]
fn a_bad_as_of_is_bad_input() {
    let home = Home::new();
    home.run(&["init", "--demo"]);
    let out = home.run(&["detect", "--as-of", "2026-13"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("month 13"), "{}", stderr(&out));
}

#[test]
fn as_of_changes_what_counts_as_recent() {
    let home = Home::new();
    home.run(&["init", "--demo"]);
    let early = home.run(&["detect", "--json", "--as-of", "2020-01"]);
    let flags: serde_json::Value = serde_json::from_str(&stdout(&early)).unwrap();
    let exam = flags
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "exam_failure:step1")
        .unwrap();
    assert_eq!(exam["severity"], "high", "{exam}");
}

#[test]
fn a_season_that_does_not_fit_today_is_a_warning_and_detect_still_runs() {
    let home = Home::new();
    home.run(&["init", "--demo"]);
    // The demo's season is 2027 and its as_of 2026-09: they fit, nothing to say.
    let fits = home.run(&["detect", "--json"]);
    assert!(fits.status.success(), "{}", stderr(&fits));
    assert!(!stderr(&fits).contains("warning"), "{}", stderr(&fits));
    // After the season's Match (March 2027): a warning on stderr, the flags as ever.
    for args in [
        &["detect", "--as-of", "2027-04"][..],
        &["detect", "--json", "--as-of", "2027-04"],
    ] {
        let out = home.run(args);
        assert!(out.status.success(), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("warning: application_year:"), "{err}");
        assert!(err.contains("ERAS 2027 season is over"), "{err}");
        assert!(
            err.contains("ERAS 2028, for training from July 2028"),
            "{err}"
        );
        assert!(stdout(&out).contains("yog_gap"), "{}", stdout(&out));
    }
    let json = home.run(&["detect", "--json", "--as-of", "2027-04"]);
    let flags: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert!(flags.as_array().is_some_and(|a| !a.is_empty()));
}

#[test]
fn a_user_rules_file_changes_detection_and_a_broken_one_warns() {
    let home = Home::new();
    home.run(&["init", "--demo"]);
    let config = home.root.join("config");
    fs::create_dir_all(&config).unwrap();
    fs::write(config.join("rules.ron"), "(gap_months: 6)").unwrap();
    let out = stdout(&home.run(&["detect"]));
    assert!(!out.contains("training_gap:2023-06"), "{out}");
    fs::write(config.join("rules.ron"), "(gap_months: six)").unwrap();
    let warned = home.run(&["detect"]);
    assert!(warned.status.success());
    assert!(
        stderr(&warned).contains("rules.ron:1:"),
        "{}",
        stderr(&warned)
    );
    assert!(stdout(&warned).contains("training_gap:2023-06"));
}

#[test]
fn every_command_has_help() {
    let home = Home::new();
    for args in [&["--help"][..], &["init", "--help"], &["detect", "--help"]] {
        let out = home.run(args);
        assert!(out.status.success(), "{args:?}");
        assert!(stdout(&out).contains("Usage"), "{args:?}");
    }
}

#[test]
fn demo_runs_without_touching_the_data_folder() {
    let home = Home::new();
    let out = home.run(&["--demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("exam_failure:step1"));
    assert!(
        !home.data().exists(),
        "--demo must not create the data folder"
    );
    let init = home.run(&["init", "--demo"]);
    assert!(init.status.success(), "{}", stderr(&init));
}

fn check(home: &Home, text: &str, args: &[&str]) -> Output {
    let path = home.root.join("text.txt");
    fs::write(&path, text).unwrap();
    let mut all = vec!["check", path.to_str().unwrap()];
    all.extend_from_slice(args);
    home.run(&all)
}

#[test]
fn check_reports_findings_with_line_and_column_and_exits_1_on_errors() {
    let home = Home::new();
    let out = check(
        &home,
        "First line.\nI rotated at [Hospital Name] in 2021.",
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("text.txt:2:14: error[placeholder]"), "{text}");
    assert!(text.contains("hint:"), "{text}");
}

#[test]
fn check_exits_0_on_a_clean_text_and_speaks_json() {
    let home = Home::new();
    let good = "I failed USMLE Step 1 in March 2019 because I relied on rereading notes. \
                I rebuilt my plan around timed questions and passed in September 2019. \
                That habit of planning prepares me for training in medicine and pediatrics.";
    let out = check(&home, good, &["--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(
        v.as_array().unwrap().iter().all(|f| f["level"] != "error"),
        "{v}"
    );
}

#[test]
fn check_judges_length_for_the_output_and_field() {
    let home = Home::new();
    let long = "I kept to a weekly plan in medicine and pediatrics. ".repeat(12);
    let eras = check(&home, &long, &["--field", "meaningful_reflection"]);
    assert_eq!(eras.status.code(), Some(1));
    assert!(stdout(&eras).contains("over_limit"), "{}", stdout(&eras));
    let unknown = check(&home, &long, &["--field", "nope"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("experience_description"));
}

#[test]
fn check_reads_standard_input() {
    use std::io::Write as _;
    let home = Home::new();
    let mut child = Command::new(env!("CARGO_BIN_EXE_flagdraft"))
        .args(["check", "-"])
        .env("FLAGDRAFT_CONFIG_DIR", home.root.join("config"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"I was devastated.")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        stdout(&out).contains("<stdin>:1:7: warning[emotional]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_user_coach_with_an_empty_phrase_is_refused_where_it_is_written() {
    let home = Home::new();
    let config = home.root.join("config");
    fs::create_dir_all(&config).unwrap();
    fs::write(
        config.join("coach.ron"),
        "(rules: [\n  (id: \"hedge\", add_phrases: [\"gutted\", \"\"]),\n])\n",
    )
    .unwrap();
    let secret = "Mon café was unfair to me. The exam was unfair too.";
    let out = check(&home, secret, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("coach.ron:2:41: rule \"hedge\" has an empty phrase"),
        "{err}"
    );
    assert!(err.contains("built-in"), "{err}");
    assert!(
        !err.contains("café"),
        "no word of the text in errors: {err}"
    );
    assert!(stdout(&out).contains("error[blame]"), "{}", stdout(&out));
}

/// The demo folders in `tmp`.
fn demo_folders(tmp: &std::path::Path) -> Vec<String> {
    fs::read_dir(tmp)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("flagdraft-demo-"))
        .collect()
}

#[test]
fn a_demo_folder_left_by_a_killed_run_is_removed_at_the_next_start() {
    let home = Home::new();
    let tmp = home.root.join("tmp");
    fs::create_dir(&tmp).unwrap();
    let mut child = Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let left = tmp.join(format!("flagdraft-demo-{dead}-Ab12Cd"));
    fs::create_dir_all(left.join("data")).unwrap();
    fs::write(left.join("data/profile.ron"), "Profile()").unwrap();
    // A demo still running elsewhere (this test's own process) keeps its folder.
    let live = tmp.join(format!("flagdraft-demo-{}-Ef34Gh", std::process::id()));
    fs::create_dir(&live).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_flagdraft"))
        .arg("--demo")
        .env("TMPDIR", &tmp)
        .env("FLAGDRAFT_DATA_DIR", home.data())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!left.exists(), "the leftover of a killed run is removed");
    assert!(live.exists(), "a running demo's folder is kept");
    assert_eq!(
        demo_folders(&tmp),
        [live.file_name().unwrap().to_string_lossy()],
        "the demo's own folder is gone too"
    );
}

#[test]
fn optional_values_load_written_plainly_as_well_as_wrapped_in_some() {
    let home = Home::new();
    fs::create_dir_all(home.data()).unwrap();
    // The form the profile format was first given in: no `Some(…)` around values.
    fs::write(
        home.data().join("profile.ron"),
        "Profile(version: 1, name: \"Jane\", citizenship: NonUs, visa: Visa(need: J1),\n  graduation: \"2019-06\", application_year: 2027, as_of: \"2026-09\", class_rank_quartile: 2)\n",
    )
    .unwrap();
    let out = home.run(&["detect"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("for Jane as of 2026-09"),
        "{}",
        stdout(&out)
    );
    // A draft file, too: its field written plainly.
    let draft = fs::read_to_string("tests/fixtures/v1/draft-additional-information.ron")
        .unwrap()
        .replace(
            "field: Some(\"additional_information\")",
            "field: \"additional_information\"",
        );
    let path = flagdraft::store::drafts::draft_path(&home.paths(), "limited_usce");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, draft).unwrap();
    let out = home.run(&["drafts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("Expected"), "{}", stderr(&out));
    assert!(stdout(&out).contains("limited_usce"), "{}", stdout(&out));
}

#[test]
fn a_missing_file_is_reported_once() {
    let home = Home::new();
    let missing = home.root.join("nowhere.txt");
    let out = home.run(&["check", missing.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(err.matches("No such file or directory").count(), 1, "{err}");
}

#[test]
fn a_score_out_of_range_is_refused_in_a_file_as_in_the_form() {
    let home = Home::new();
    let path = home.root.join("p.ron");
    fs::write(
        &path,
        "Profile(version: 1, citizenship: NonUs, graduation: \"2019-06\", application_year: 2026,\n  exams: [Exam(step: Step2Ck, attempts: [Attempt(date: \"2020-03\", result: Score(2260))])],\n)",
    )
    .unwrap();
    let out = home.run(&["detect", "--profile", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:2:", path.display())), "{err}");
    assert!(err.contains("2260 is not a USMLE score"), "{err}");
}

#[test]
fn check_kind_says_what_the_text_must_hold() {
    let home = Home::new();
    let text = "I cared for my mother after her surgery and kept up with online courses.";
    // As bare text nothing says it explains a gap.
    let bare = check(&home, text, &["--json"]);
    assert!(!stdout(&bare).contains("gap_dates"), "{}", stdout(&bare));
    // Explaining a training gap, it needs the gap's dates: an exact check, an error.
    let gap = check(&home, text, &["--kind", "training_gap"]);
    assert_eq!(gap.status.code(), Some(1), "{}", stdout(&gap));
    assert!(
        stdout(&gap).contains("error[gap_dates]"),
        "{}",
        stdout(&gap)
    );
    let wrong = check(&home, text, &["--kind", "gap"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("training_gap"),
        "{}",
        stderr(&wrong)
    );
}
