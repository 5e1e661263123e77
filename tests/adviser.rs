//! Profiles written by an adviser who never saw the detection code, with the flags and
//! severities the adviser expects a program director to see (`tests/adviser/`).
//! Detection must agree on every profile: each expected flag at an expected severity
//! (the worst of its kind), and none of the flags the adviser rules out, except for the
//! few readings listed in `KNOWN`, where flagdraft keeps a rule on purpose and says why.
//! A known difference that no longer shows fails too, so the list stays true.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use flagdraft::core::detect::{Knowledge, detect};
use flagdraft::core::flag::Flag;
use flagdraft::store::parse_profile;

#[derive(serde::Deserialize)]
struct Case {
    profile: String,
    must: Vec<(String, String)>,
    must_not: Vec<String>,
}

/// Where flagdraft reads a profile differently from this adviser, on purpose.
const KNOWN: &[(&str, &str, &str)] = &[
    (
        "02-step3-199-in-2024-h1b.ron",
        "exam_failure expected MODERATE, found HIGH",
        "a failure in the last three years raises the level (DOMAIN: severity up when recent), even when passed at the next try",
    ),
    (
        "10-last-usce-14-months-ago.ron",
        "training_gap expected MODERATE, found HIGH",
        "no clinical work in the last 12 months raises a gap (DOMAIN: atrophy risk)",
    ),
];

/// US experience whose last month is over a year old stays on the list, at low, for
/// the programs that ask for US work within the last year (issue 13, part 6); this
/// adviser would not list it when the months and a US letter are there.
const NOT_RECENT_USCE: &str = "limited_usce ruled out, found LOW";

fn known(profile: &str, line: &str) -> bool {
    line == NOT_RECENT_USCE || KNOWN.iter().any(|(p, l, _)| *p == profile && *l == line)
}

fn dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/adviser"))
}

/// The worst severity found for `kind`, in capitals as the adviser wrote them.
fn worst(flags: &[Flag], kind: &str) -> Option<String> {
    flags
        .iter()
        .filter(|f| f.kind.id() == kind)
        .map(|f| f.severity)
        .max()
        .map(|s| s.label().to_uppercase())
}

/// What detection says of one case that the adviser does not: one line each.
fn disagreements(case: &Case) -> Vec<String> {
    let path = dir().join("profiles").join(&case.profile);
    let text = std::fs::read_to_string(&path).unwrap();
    let profile = parse_profile(&path, &text).unwrap_or_else(|e| panic!("{e}"));
    let today = profile.today("2026-09".parse().unwrap());
    let flags = detect(&profile, &Knowledge::embedded(), today);
    let mut out = Vec::new();
    for (kind, allowed) in &case.must {
        match worst(&flags, kind) {
            None => out.push(format!("{kind} expected ({allowed}), not found")),
            Some(found) if !allowed.split('|').any(|a| a == found) => {
                out.push(format!("{kind} expected {allowed}, found {found}"));
            }
            Some(_) => {}
        }
    }
    for kind in &case.must_not {
        if let Some(found) = worst(&flags, kind) {
            out.push(format!("{kind} ruled out, found {found}"));
        }
    }
    out
}

#[test]
fn detection_agrees_with_the_adviser_on_every_profile() {
    let text = std::fs::read_to_string(dir().join("expected.ron")).unwrap();
    let cases: Vec<Case> = ron::from_str(&text).unwrap();
    assert!(cases.len() >= 14, "{} cases", cases.len());
    let mut failed = Vec::new();
    let mut seen_known = Vec::new();
    let mut agree = 0;
    for case in &cases {
        let wrong = disagreements(case);
        let (kept, unknown): (Vec<&String>, Vec<&String>) =
            wrong.iter().partition(|l| known(&case.profile, l));
        let verdict = match (unknown.is_empty(), kept.is_empty()) {
            (false, _) => "DIFFERS",
            (true, false) => "agrees but for a known reading",
            (true, true) => "agrees",
        };
        println!("{:<48} {verdict}", case.profile);
        for line in &unknown {
            println!("    {line}");
        }
        for line in &kept {
            println!("    (known) {line}");
            seen_known.push((case.profile.clone(), (*line).clone()));
        }
        agree += usize::from(wrong.is_empty());
        if !unknown.is_empty() {
            failed.push(case.profile.clone());
        }
    }
    println!(
        "{agree} of {} profiles agree in full; {} agree but for known readings",
        cases.len(),
        cases.len() - agree - failed.len()
    );
    for (profile, line, _) in KNOWN {
        assert!(
            seen_known
                .iter()
                .any(|(p, l)| p.as_str() == *profile && l.as_str() == *line),
            "the known difference {line:?} on {profile} no longer shows: remove it from KNOWN"
        );
    }
    assert!(failed.is_empty(), "detection differs on {failed:?}");
}
