//! Broken and hostile files are reported with file:line:col and left untouched, and
//! random input never panics the loaders, detection, drafting or the coach.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use flagdraft::core::assemble::{Output, assemble};
use flagdraft::core::coach::Coach;
use flagdraft::core::coach::facts::Known;
use flagdraft::core::detect::{Knowledge, detect};
use flagdraft::core::draft::{Draft, sync};
use flagdraft::core::eras::ErasFields;
use flagdraft::core::month::YearMonth;
use flagdraft::core::prefill::Facts;
use flagdraft::core::profile::*;
use flagdraft::core::stamp::Stamp;
use flagdraft::core::template::{Template, Templates};
use flagdraft::core::validate::validate;
use flagdraft::store::workspace::Workspace;
use flagdraft::store::{self, DEMO_PROFILE, Paths};
use proptest::prelude::*;

fn month() -> YearMonth {
    "2026-11".parse().unwrap()
}

/// A demo workspace on disk, with every kind of file written once.
fn home() -> (tempfile::TempDir, Paths) {
    let tmp = tempfile::tempdir().unwrap();
    let paths = Paths::under(tmp.path());
    store::write_profile_text(&paths, DEMO_PROFILE, false).unwrap();
    let mut ws = Workspace::open(paths.clone(), month()).unwrap();
    assert!(ws.sync_drafts(Stamp(1), true).is_empty());
    store::save_history(&paths, &Default::default()).unwrap();
    (tmp, paths)
}

/// Each way a file can be broken, applied to its good text.
fn hostile(good: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let text = String::from_utf8_lossy(good).into_owned();
    let mut invalid = good[..good.len() / 2].to_vec();
    invalid.extend_from_slice(b"\xff\xfe\"");
    let nested = {
        let mut t = text
            .split_once('(')
            .map_or(String::new(), |(head, _)| format!("{head}("));
        t.push_str("version: 1, x: ");
        t.push_str(&"[".repeat(50_000));
        t.into_bytes()
    };
    vec![
        ("truncated", good[..good.len() / 2].to_vec()),
        ("invalid UTF-8", invalid),
        (
            "a newer version",
            text.replacen("version: 1", "version: 99", 1).into_bytes(),
        ),
        ("deeply nested", nested),
        (
            "wrong types",
            text.replacen("version: 1", "version: \"one\"", 1)
                .into_bytes(),
        ),
    ]
}

/// The message names the file and a line and column within it.
fn located(message: &str, path: &Path) -> bool {
    let prefix = format!("{}:", path.display());
    message.contains(&prefix)
        && message.split(&prefix).nth(1).is_some_and(|rest| {
            rest.split(':')
                .take(2)
                .all(|n| n.trim().parse::<usize>().is_ok())
        })
}

fn newer(message: &str) -> bool {
    message.contains("newer flagdraft")
}

#[test]
fn a_broken_profile_is_located_and_kept() {
    let (_tmp, paths) = home();
    let path = paths.profile();
    for (what, bytes) in hostile(DEMO_PROFILE.as_bytes()) {
        fs::write(&path, &bytes).unwrap();
        let err = Workspace::open(paths.clone(), month())
            .unwrap_err()
            .to_string();
        assert!(located(&err, &path) || newer(&err), "{what}: {err}");
        assert_eq!(
            fs::read(&path).unwrap(),
            bytes,
            "{what}: the file was touched"
        );
    }
}

fn first_draft(paths: &Paths) -> PathBuf {
    let mut files: Vec<PathBuf> = fs::read_dir(paths.drafts())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files.remove(0)
}

/// Break the file at `path` every way in turn: the workspace still opens, with a
/// warning that locates the problem, and the file is left as it was.
fn open_with_each_breakage(paths: &Paths, path: &Path, rest_loads: impl Fn(&Workspace)) {
    let good = fs::read(path).unwrap();
    for (what, bytes) in hostile(&good) {
        fs::write(path, &bytes).unwrap();
        let ws = Workspace::open(paths.clone(), month()).unwrap();
        let warning = ws
            .warnings
            .iter()
            .map(ToString::to_string)
            .find(|w| w.contains(&path.display().to_string()));
        let warning = warning.unwrap_or_else(|| {
            panic!(
                "{what}: no warning about {}: {:?}",
                path.display(),
                ws.warnings
            )
        });
        assert!(
            located(&warning, path) || newer(&warning),
            "{what}: {warning}"
        );
        rest_loads(&ws);
        assert_eq!(
            fs::read(path).unwrap(),
            bytes,
            "{what}: the file was touched"
        );
    }
    fs::write(path, good).unwrap();
}

#[test]
fn a_broken_draft_is_reported_and_the_others_load() {
    let (_tmp, paths) = home();
    let path = first_draft(&paths);
    // A draft from a newer flagdraft still opens, read only; the others always do.
    open_with_each_breakage(&paths, &path, |ws| {
        let read_only = ws.drafts.iter().filter(|d| d.read_only).count();
        assert_eq!(ws.drafts.len() - read_only, 8);
    });
}

#[test]
fn a_broken_practice_history_is_reported_and_kept() {
    let (_tmp, paths) = home();
    let mut h = flagdraft::core::practice::History::default();
    h.record(flagdraft::core::practice::Attempt {
        question: "gap_walk".into(),
        mode: flagdraft::core::practice::Mode::ReadAloud,
        date: Stamp(1),
        seconds: 70,
        words: 0,
        coverage: None,
    });
    store::save_history(&paths, &h).unwrap();
    open_with_each_breakage(&paths, &paths.practice(), |ws| {
        assert_eq!(ws.drafts.len(), 9)
    });
}

#[test]
fn broken_config_files_are_reported_and_the_built_in_ones_used() {
    let (_tmp, paths) = home();
    let files: [(&str, &str); 5] = [
        ("rules.ron", flagdraft::core::rules::EMBEDDED),
        ("coach.ron", flagdraft::core::coach::rules::EMBEDDED),
        ("eras-fields.ron", flagdraft::core::eras::EMBEDDED),
        ("questions.ron", flagdraft::core::practice::EMBEDDED),
        (
            "templates/academic.ron",
            flagdraft::core::template::EMBEDDED[0].2,
        ),
    ];
    for (name, text) in files {
        let path = paths.config.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        open_with_each_breakage(&paths, &path, |ws| {
            assert_eq!(ws.flags.len(), 9);
            assert!(
                ws.templates
                    .get(flagdraft::core::flag::Family::Academic)
                    .is_some()
            );
        });
        fs::remove_file(&path).unwrap();
    }
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let (_tmp, paths) = home();
    let path = first_draft(&paths);
    let f = fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap(); // sparse: 100 MB on paper
    drop(f);
    let ws = Workspace::open(paths.clone(), month()).unwrap();
    let w = ws
        .warnings
        .iter()
        .map(ToString::to_string)
        .find(|w| w.contains("larger than"))
        .unwrap();
    assert!(w.contains(&path.display().to_string()), "{w}");
    assert_eq!(fs::metadata(&path).unwrap().len(), 100 * 1024 * 1024);
    fs::write(paths.profile(), "").unwrap();
    let f = fs::OpenOptions::new()
        .write(true)
        .open(paths.profile())
        .unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    let err = Workspace::open(paths, month()).unwrap_err().to_string();
    assert!(err.contains("larger than"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic_a_loader(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let text = String::from_utf8_lossy(&bytes);
        let p = Path::new("x.ron");
        let _ = store::parse_profile(p, &text);
        let _ = store::drafts::parse_draft(p, &text);
        let _ = store::parse_ron::<flagdraft::core::practice::History>(p, &text);
        let _ = flagdraft::core::rules::Rules::parse(&text);
        let _ = flagdraft::core::coach::rules::RuleSet::parse(&text);
        let _ = ErasFields::parse(&text);
        let _ = flagdraft::core::practice::Bank::parse(&text);
        let _ = Template::parse(&text, flagdraft::core::flag::Family::Gap);
        let _ = Coach::embedded().check_text(&text, Default::default());
    }

    #[test]
    fn random_ron_shaped_text_never_panics_the_profile_loader(
        fields in proptest::collection::vec(
            prop_oneof![
                Just("graduation: \"2019-06\"".to_string()),
                Just("graduation: \"2019-13\"".to_string()),
                Just("version: 1".to_string()),
                Just("version: 4000000000".to_string()),
                Just("application_year: -5".to_string()),
                Just("citizenship: NonUs".to_string()),
                Just("exams: [Exam(step: Step1, attempts: [Attempt(date: \"2020-01\", result: Score(0))])]".to_string()),
                Just("class_rank_quartile: Some(255)".to_string()),
                Just("activities: [Activity(kind: Clinical, title: \"\", start: \"2999-12\")]".to_string()),
                "[a-z_]{1,12}: [0-9]{1,4}",
            ],
            0..8,
        )
    ) {
        let text = format!("Profile({})", fields.join(", "));
        let _ = store::parse_profile(Path::new("p.ron"), &text);
    }

    #[test]
    fn odd_but_valid_profiles_never_panic_detection_drafting_or_the_coach(p in profile()) {
        prop_assume!(validate(&p).is_empty());
        let knowledge = Knowledge::embedded();
        let today = p.today(month());
        let flags = detect(&p, &knowledge, today);
        let facts = Facts { profile: &p, rules: &knowledge.rules, today };
        let mut drafts: Vec<Draft> = Vec::new();
        sync(&mut drafts, &flags, facts, Stamp(1));
        prop_assert_eq!(drafts.len(), flags.len());
        let templates = Templates::embedded();
        let fields = ErasFields::embedded();
        let coach = Coach::embedded();
        let known = Known::new(&p, today);
        for d in &drafts {
            let t = templates.get(d.kind.family()).unwrap();
            for o in Output::ALL {
                let _ = assemble(d, t, o);
            }
            let _ = coach.check_draft(d, t, &fields, Some(&known));
        }
    }
}

fn ym() -> impl Strategy<Value = YearMonth> {
    (1990i32..2040, 1u32..=12).prop_map(|(y, m)| YearMonth::new(y, m).unwrap())
}

fn profile() -> impl Strategy<Value = Profile> {
    let attempt = (
        ym(),
        prop_oneof![
            Just(ExamResult::Pass),
            Just(ExamResult::Fail),
            (0u16..400).prop_map(ExamResult::Score)
        ],
    )
        .prop_map(|(date, result)| Attempt { date, result });
    let exam = (
        prop_oneof![Just(Step::Step1), Just(Step::Step2Ck), Just(Step::Step3)],
        proptest::collection::vec(attempt, 0..4),
    )
        .prop_map(|(step, attempts)| Exam { step, attempts });
    let area = prop_oneof![
        Just(Area::InternalMedicine),
        Just(Area::Pediatrics),
        Just(Area::MedPeds),
        Just(Area::CriticalCare),
        Just(Area::Other)
    ];
    let activity = (
        ym(),
        0i64..40,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        area.clone(),
        "[a-zé中 ]{0,12}",
    )
        .prop_map(
            |(start, len, ongoing, us, hands_on, area, title)| Activity {
                kind: if hands_on {
                    ActivityKind::Clinical
                } else {
                    ActivityKind::Research
                },
                title,
                start,
                end: (!ongoing).then(|| start.plus(len)),
                us,
                hands_on,
                area,
            },
        );
    let incident =
        (ym(), 0i64..30, any::<bool>(), "[a-z ]{0,20}").prop_map(|(date, after, done, summary)| {
            Incident {
                kind: IncidentKind::Remediation,
                date,
                summary,
                completed: done.then(|| date.plus(after)),
            }
        });
    let gap = (ym(), 0i64..30).prop_map(|(start, len)| Explained {
        start,
        end: start.plus(len),
        reason: GapReason::Family,
    });
    (
        ym(),
        0i32..12,
        proptest::collection::vec(exam, 0..4),
        proptest::collection::vec(activity, 0..12),
        proptest::collection::vec(incident, 0..3),
        proptest::collection::vec(gap, 0..3),
        proptest::option::of(1u8..=4),
        proptest::option::of(ym()),
        prop_oneof![Just(Citizenship::NonUs), Just(Citizenship::UsCitizen)],
        proptest::option::of(0.0f64..=1.0),
    )
        .prop_map(
            |(
                graduation,
                years,
                exams,
                activities,
                incidents,
                gaps,
                quartile,
                as_of,
                citizenship,
                share,
            )| Profile {
                version: 1,
                name: None,
                citizenship,
                visa: share.map(|s| Visa {
                    need: VisaNeed::Unsure,
                    documentation_issues: s > 0.8,
                    sponsoring_share: Some(s),
                }),
                graduation,
                application_year: graduation.year() + years,
                as_of,
                exams,
                repeats: vec![Repeat {
                    what: "Clerkship".into(),
                    area: Area::Pediatrics,
                    date: graduation.plus(-10),
                }],
                class_rank_quartile: quartile,
                activities,
                gaps_explained: gaps,
                incidents,
                letters: vec![],
                languages: vec![],
            },
        )
}
