//! Broken and hostile files are reported with file:line:col and left untouched, and
//! random input never panics the loaders, detection, drafting or the coach. Hostile
//! folders too: a FIFO, socket, device or link in place of a file is refused by name
//! and never waited on, the lock cannot be fooled, and a read-only folder is read.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

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
use flagdraft::core::rules::Rules;
use flagdraft::core::stamp::Stamp;
use flagdraft::core::story::{StoryRules, stories};
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

/// `text` with the value of its first `version:` field replaced by `with`.
fn set_version(text: &str, with: &str) -> String {
    let Some(at) = text.find("version: ") else {
        return text.to_string();
    };
    let start = at + "version: ".len();
    let end = start
        + text[start..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len() - start);
    format!("{}{with}{}", &text[..start], &text[end..])
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
        ("a newer version", set_version(&text, "99").into_bytes()),
        ("deeply nested", nested),
        ("wrong types", set_version(&text, "\"one\"").into_bytes()),
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
        // The demo's nine flags are told in five stories, one draft each.
        assert_eq!(ws.drafts.len() - read_only, 4);
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
        assert_eq!(ws.drafts.len(), 5)
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
        prop_assume!(validate(&p, &Rules::default()).is_empty());
        let knowledge = Knowledge::embedded();
        let today = p.today(month());
        let flags = detect(&p, &knowledge, today);
        let facts = Facts { profile: &p, rules: &knowledge.rules, today };
        let mut drafts: Vec<Draft> = Vec::new();
        let told = stories(&flags, &StoryRules::embedded());
        sync(&mut drafts, &flags, &told, facts, Stamp(1));
        // One draft per story, and every flag explained by exactly one draft.
        prop_assert_eq!(drafts.len(), told.len());
        for f in &flags {
            prop_assert_eq!(drafts.iter().filter(|d| d.explains(&f.id)).count(), 1);
        }
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

// ---------------------------------------------------------------------------
// Hostile folders: FIFOs, sockets, devices and links in place of files
// ---------------------------------------------------------------------------

mod folders {
    use std::fs;
    use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
    use std::path::{Path, PathBuf};
    use std::process::{Command, Output, Stdio};
    use std::sync::mpsc;
    use std::thread::sleep;
    use std::time::{Duration, Instant};

    use flagdraft::store::workspace::Workspace;
    use flagdraft::store::{self, Paths, StoreError, drafts, lock};
    use rustix::fs::{Mode, OFlags};

    use super::common::demo::to_step1;
    use super::common::harness::Harness;
    use super::common::tmux::{self, Tmux};
    use super::{first_draft, home, month};

    const STEP1: &str = "exam_failure:step1";
    const WAIT: Duration = Duration::from_secs(5);

    fn fifo(path: &Path) {
        rustix::fs::mkfifoat(rustix::fs::CWD, path, Mode::from_raw_mode(0o600)).unwrap();
    }

    fn is_fifo(path: &Path) -> bool {
        fs::symlink_metadata(path).unwrap().file_type().is_fifo()
    }

    /// `f`'s answer, which must come within a few seconds. Past that, the FIFO at
    /// `pipe` is opened for writing and closed, so a reader stuck on it is let go,
    /// and the test fails instead of waiting forever.
    fn promptly<T: Send + 'static>(
        what: &str,
        pipe: &Path,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> T {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(f());
        });
        match rx.recv_timeout(WAIT) {
            Ok(answer) => answer,
            Err(_) => {
                let _ = rustix::fs::open(pipe, OFlags::WRONLY | OFlags::NONBLOCK, Mode::empty());
                panic!("{what}: waited on the FIFO {}", pipe.display());
            }
        }
    }

    /// `flagdraft ARGS` on `paths`, which must end within a few seconds (it is killed
    /// and the test fails otherwise).
    fn run_promptly(paths: &Paths, args: &[&str]) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_flagdraft"))
            .args(args)
            .env("FLAGDRAFT_DATA_DIR", &paths.data)
            .env("FLAGDRAFT_CONFIG_DIR", &paths.config)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > WAIT {
                let _ = child.kill();
                let _ = child.wait();
                panic!("flagdraft {args:?} was still running after {WAIT:?}");
            }
            sleep(Duration::from_millis(20));
        }
        child.wait_with_output().unwrap()
    }

    fn stderr(out: &Output) -> String {
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    /// The message refuses `path` by name as `what`.
    fn refuses(message: &str, path: &Path, what: &str) -> bool {
        message.contains(&format!("{}: is {what}", path.display()))
    }

    fn warnings_of(paths: &Paths) -> Vec<String> {
        let paths = paths.clone();
        let ws = Workspace::open(paths, month()).unwrap();
        ws.warnings.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_fifo_in_place_of_any_file_is_refused_by_name_and_never_waited_on() {
        let (_tmp, paths) = home();
        fs::create_dir_all(paths.config.join("templates")).unwrap();
        let draft = first_draft(&paths);
        // Files the workspace reads with a warning when they do not load.
        let mut warned: Vec<PathBuf> = vec![draft, paths.practice()];
        for name in [
            "rules.ron",
            "coach.ron",
            "eras-fields.ron",
            "questions.ron",
            "templates/academic.ron",
        ] {
            warned.push(paths.config.join(name));
        }
        for path in warned {
            let kept = fs::read(&path).ok();
            let _ = fs::remove_file(&path);
            fifo(&path);
            let p = paths.clone();
            let warnings = promptly("the workspace", &path, move || warnings_of(&p));
            assert!(
                warnings.iter().any(|w| refuses(w, &path, "a FIFO")),
                "{}: {warnings:?}",
                path.display()
            );
            assert!(is_fifo(&path), "{}: left as it is", path.display());
            fs::remove_file(&path).unwrap();
            if let Some(bytes) = kept {
                fs::write(&path, bytes).unwrap();
            }
        }

        let recovery = paths.data.join("recovery.ron");
        fifo(&recovery);
        let p = paths.clone();
        let err = promptly("the recovery copy", &recovery, move || {
            drafts::take_recovery(&p, &[]).map_err(|e| e.to_string())
        })
        .unwrap_err();
        assert!(refuses(&err, &recovery, "a FIFO"), "{err}");
        let p = paths.clone();
        let err = promptly("the recovery copy, read only", &recovery, move || {
            drafts::read_recovery(&p, &[]).map_err(|e| e.to_string())
        })
        .unwrap_err();
        assert!(refuses(&err, &recovery, "a FIFO"), "{err}");
        assert!(is_fifo(&recovery));

        let keys = paths.config.join("keys.ron");
        fifo(&keys);
        let p = paths.clone();
        let (_, note) = promptly("keys.ron", &keys, move || flagdraft::tui::load_keymap(&p));
        let note = note.unwrap();
        assert!(refuses(&note, &keys, "a FIFO"), "{note}");

        let profile = paths.profile();
        fs::remove_file(&profile).unwrap();
        fifo(&profile);
        let p = paths.clone();
        let err = promptly("the profile", &profile, move || {
            Workspace::open(p, month())
                .map(|_| ())
                .map_err(|e| e.to_string())
        })
        .unwrap_err();
        assert!(refuses(&err, &profile, "a FIFO"), "{err}");
    }

    #[test]
    fn the_commands_refuse_a_fifo_by_name_at_once() {
        let (tmp, paths) = home();
        let draft = first_draft(&paths);
        fs::remove_file(&draft).unwrap();
        fifo(&draft);
        let out = run_promptly(&paths, &["drafts"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(refuses(&stderr(&out), &draft, "a FIFO"), "{}", stderr(&out));

        let profile = paths.profile();
        fs::remove_file(&profile).unwrap();
        fifo(&profile);
        let out = run_promptly(&paths, &["detect"]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            refuses(&stderr(&out), &profile, "a FIFO"),
            "{}",
            stderr(&out)
        );

        // A file named on the command line may be a link, never to a FIFO.
        let named = tmp.path().join("named.ron");
        symlink(&profile, &named).unwrap();
        let named_arg = named.to_str().unwrap();
        for args in [
            vec!["detect", "--profile", named_arg],
            vec!["check", named_arg],
        ] {
            let out = run_promptly(&paths, &args);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
            assert!(
                refuses(&stderr(&out), &named, "a FIFO"),
                "{args:?}: {}",
                stderr(&out)
            );
        }
        assert!(is_fifo(&profile) && is_fifo(&draft));
    }

    #[test]
    fn a_socket_device_or_link_in_the_data_folder_is_refused_and_a_linked_setting_read() {
        let (tmp, paths) = home();
        let draft = first_draft(&paths);
        fs::remove_file(&draft).unwrap();
        let _socket = std::os::unix::net::UnixListener::bind(&draft).unwrap();
        // A link in the data folder is refused, and what it leads to left alone.
        let elsewhere = tmp.path().join("practice-elsewhere.ron");
        fs::rename(paths.practice(), &elsewhere).unwrap();
        symlink(&elsewhere, paths.practice()).unwrap();
        let kept = fs::read(&elsewhere).unwrap();
        // Settings may be links (dotfiles often are), to a regular file only.
        let rules = tmp.path().join("my-rules.ron");
        fs::write(&rules, flagdraft::core::rules::EMBEDDED).unwrap();
        fs::create_dir_all(&paths.config).unwrap();
        symlink(&rules, paths.rules()).unwrap();
        symlink("/dev/null", paths.config.join("coach.ron")).unwrap();

        let warnings = warnings_of(&paths);
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(
            warnings.iter().any(|w| refuses(w, &draft, "a socket")),
            "{warnings:?}"
        );
        assert!(
            warnings
                .iter()
                .any(|w| refuses(w, &paths.practice(), "a symbolic link")),
            "{warnings:?}"
        );
        let coach = paths.config.join("coach.ron");
        assert!(
            warnings
                .iter()
                .any(|w| refuses(w, &coach, "a character device")),
            "{warnings:?}"
        );
        assert_eq!(fs::read(&elsewhere).unwrap(), kept);
        let history = flagdraft::core::practice::History::default();
        let err = store::save_history(&paths, &history)
            .unwrap_err()
            .to_string();
        assert!(refuses(&err, &paths.practice(), "a symbolic link"), "{err}");
        assert_eq!(fs::read(&elsewhere).unwrap(), kept, "never written through");
    }

    #[test]
    fn a_save_never_reads_or_writes_through_a_link_in_the_data_folder() {
        let (tmp, paths) = home();
        let ws = Workspace::open(paths.clone(), month()).unwrap();
        let d = ws.draft(STEP1).unwrap().clone();
        let path = drafts::draft_path(&paths, STEP1);
        let elsewhere = tmp.path().join("draft-elsewhere.ron");
        fs::rename(&path, &elsewhere).unwrap();
        symlink(&elsewhere, &path).unwrap();
        let kept = fs::read(&elsewhere).unwrap();
        let err = drafts::save_draft(&paths, &d).unwrap_err().to_string();
        assert!(refuses(&err, &path, "a symbolic link"), "{err}");
        assert!(fs::symlink_metadata(&path).unwrap().is_symlink());

        let profile_elsewhere = tmp.path().join("profile-elsewhere.ron");
        fs::rename(paths.profile(), &profile_elsewhere).unwrap();
        symlink(&profile_elsewhere, paths.profile()).unwrap();
        let err = store::save_profile(&paths, &ws.profile)
            .unwrap_err()
            .to_string();
        assert!(refuses(&err, &paths.profile(), "a symbolic link"), "{err}");
        assert_eq!(fs::read(&elsewhere).unwrap(), kept);
        assert_eq!(
            fs::read_to_string(&profile_elsewhere).unwrap(),
            store::DEMO_PROFILE
        );
        assert!(!paths.data.join("profile.ron.bak").exists());
    }

    #[test]
    fn export_out_never_replaces_a_link_even_one_to_nowhere() {
        let (tmp, paths) = home();
        let nowhere = tmp.path().join("nowhere.txt");
        let link = tmp.path().join("out.txt");
        symlink(&nowhere, &link).unwrap();
        let out = run_promptly(
            &paths,
            &["export", STEP1, "--force", "--out", link.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
        assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
        assert!(!nowhere.exists());
    }

    // -- The lock ------------------------------------------------------------

    #[test]
    fn a_lock_note_that_is_a_link_is_replaced_never_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        fs::create_dir(&data).unwrap();
        let precious = tmp.path().join("precious.txt");
        fs::write(&precious, "words that must stay").unwrap();
        symlink(&precious, data.join(".lock")).unwrap();
        let held = lock::acquire(&data).unwrap();
        assert_eq!(
            fs::read_to_string(&precious).unwrap(),
            "words that must stay"
        );
        let note = data.join(".lock");
        assert!(fs::symlink_metadata(&note).unwrap().is_file());
        assert_eq!(
            fs::read_to_string(&note).unwrap(),
            std::process::id().to_string()
        );
        drop(held);
    }

    #[test]
    fn deleting_or_replacing_the_lock_note_never_lets_a_second_writer_in() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let _held = lock::acquire(&data).unwrap();
        let note = data.join(".lock");
        let refused = |data: &Path| {
            let err = lock::acquire(data).unwrap_err();
            assert!(matches!(err, StoreError::Locked { .. }), "{err}");
            err.to_string()
        };
        assert!(refused(&data).contains(&std::process::id().to_string()));
        fs::remove_file(&note).unwrap();
        assert!(refused(&data).contains("by another process"));
        fs::write(&note, "1").unwrap();
        refused(&data);
        fs::remove_file(&note).unwrap();
        fifo(&note);
        let d = data.clone();
        promptly("a FIFO lock note", &note, move || refused(&d));
        assert!(is_fifo(&note));
    }

    // -- A read-only data folder ----------------------------------------------

    fn chmod(path: &Path, mode: u32) {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    }

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    fn is_root() -> bool {
        rustix::process::geteuid().is_root()
    }

    /// Runs `f` with the data folder and its drafts folder read only (0500), and
    /// makes them writable again after, however `f` ends.
    fn read_only_folder(paths: &Paths, f: impl FnOnce()) {
        let folders = [paths.data.clone(), paths.drafts()];
        for dir in &folders {
            chmod(dir, 0o500);
        }
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        for dir in &folders {
            chmod(dir, 0o700);
        }
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
    }

    #[test]
    fn the_read_commands_work_in_a_read_only_folder_and_leave_it_read_only() {
        let (tmp, paths) = home();
        let printed = run_promptly(&paths, &["export", STEP1, "--force"]);
        assert!(printed.status.success(), "{}", stderr(&printed));
        let text = tmp.path().join("text.txt");
        fs::write(&text, "I failed Step 1 in 2019 and built a plan.").unwrap();
        read_only_folder(&paths, || {
            for args in [
                vec!["detect"],
                vec!["drafts"],
                vec!["export", STEP1, "--force"],
                vec!["check", text.to_str().unwrap()],
            ] {
                let out = run_promptly(&paths, &args);
                assert!(out.status.success(), "{args:?}: {}", stderr(&out));
                if args[0] == "export" {
                    assert_eq!(out.stdout, printed.stdout);
                }
                assert_eq!(mode(&paths.data), 0o500, "{args:?} changed the folder");
                assert_eq!(mode(&paths.drafts()), 0o500, "{args:?}");
            }
        });
    }

    #[test]
    fn a_folder_this_user_may_not_write_is_read_only_not_an_error() {
        if is_root() {
            eprintln!(
                "skipped: root writes to a 0500 folder anyway; the decision and the refusals are tested without permissions below"
            );
            return;
        }
        let (_tmp, paths) = home();
        read_only_folder(&paths, || {
            let err = lock::acquire(&paths.data).unwrap_err();
            assert!(matches!(err, StoreError::NotWritable { .. }), "{err}");
            let out = run_promptly(&paths, &["drafts"]);
            assert!(out.status.success(), "{}", stderr(&out));
            assert!(stderr(&out).contains("read only"), "{}", stderr(&out));
            let out = run_promptly(&paths, &["init", "--demo", "--force"]);
            assert!(!out.status.success());
            assert!(stderr(&out).contains("read only"), "{}", stderr(&out));
        });
    }

    #[test]
    fn the_app_opens_a_folder_it_may_not_write_read_only_and_stops_on_other_failures() {
        use flagdraft::tui::{Access, access};
        let data = PathBuf::from("/srv/applicant/data");
        for kind in [
            std::io::ErrorKind::PermissionDenied,
            std::io::ErrorKind::ReadOnlyFilesystem,
        ] {
            let denied = StoreError::Io {
                path: data.join(".lock"),
                action: "write",
                source: kind.into(),
            };
            match access(Err(lock::writable(&data, denied))).unwrap() {
                Access::ReadOnly(why) => {
                    assert!(why.contains("/srv/applicant/data is read only"), "{why}");
                    assert!(why.contains("nothing is saved"), "{why}");
                }
                Access::Write(_) => panic!("{kind:?}: opened for writing"),
            }
        }
        let locked = StoreError::Locked {
            path: data.clone(),
            pid: "42".into(),
        };
        assert!(matches!(
            access(Err(locked)),
            Err(StoreError::Locked { .. })
        ));
        let full = StoreError::Io {
            path: data.clone(),
            action: "write",
            source: std::io::ErrorKind::StorageFull.into(),
        };
        assert!(access(Err(lock::writable(&data, full))).is_err());
        let tmp = tempfile::tempdir().unwrap();
        let held = access(lock::acquire(tmp.path()));
        assert!(matches!(held, Ok(Access::Write(_))));
    }

    /// Every file under `dir` with its bytes.
    fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.push((p.clone(), fs::read(&p).unwrap_or_default()));
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn read_only_the_app_reads_and_saves_nothing_and_says_why() {
        use flagdraft::tui::msg::{Effect, Msg, Start};
        let why = "The data folder /x is read only: you can read and copy, nothing is saved";
        let mut h = Harness::fresh();
        store::write_profile_text(&h.paths, store::DEMO_PROFILE, false).unwrap();
        h.app.read_only = Some(why.into());
        h.rt.read_only = Some(why.into());
        let before = snapshot(&h.paths.data);
        let ws = Workspace::open(h.paths.clone(), month()).unwrap();
        h.msg(Msg::Loaded(Box::new(ws)));
        h.idle(0);
        assert_eq!(h.app.ws.as_ref().unwrap().drafts.len(), 5);
        h.feed(&format!(
            "{}<enter><enter>Typed where nothing is saved.",
            to_step1()
        ));
        h.idle(10 * flagdraft::tui::app::AUTOSAVE_MS);
        assert_eq!(h.app.next_wake_ms(), None, "no save is tried on a timer");
        h.feed("<ctrl-s>");
        let note = h.app.note.clone().unwrap().0;
        assert!(note.contains("the data folder is read only"), "{note}");
        assert!(h.app.has_unsaved(), "the words are kept as unsaved");
        assert!(h.screen_text(100, 30).contains("read only"));
        h.feed("<ctrl-c>");
        assert!(
            !h.app.quitting(),
            "the first quit warns the words are not saved"
        );

        let d = h.app.ws.as_ref().unwrap().draft(STEP1).unwrap().clone();
        let profile = h.app.ws.as_ref().unwrap().profile.clone();
        for effect in [
            Effect::SaveDraft(Box::new(d.clone())),
            Effect::SaveProfile(Box::new(profile)),
            Effect::SaveHistory(Box::default()),
        ] {
            let reply = h.rt.perform(effect);
            assert!(
                matches!(&reply, Some(Msg::SaveFailed(_, w)) if w.contains("read only")),
                "{reply:?}"
            );
        }
        let copy = flagdraft::store::drafts::Recovery {
            drafts: vec![d],
            ..Default::default()
        };
        assert!(h.rt.perform(Effect::WriteRecovery(copy)).is_none());
        for effect in [
            Effect::WriteExport {
                name: "x.md".into(),
                text: "text".into(),
            },
            Effect::Begin(Start::Demo),
        ] {
            let reply = h.rt.perform(effect);
            assert!(
                matches!(&reply, Some(Msg::Failed(w)) if w.contains("read only")),
                "{reply:?}"
            );
        }
        assert!(matches!(h.rt.perform(Effect::Quit), Some(Msg::QuitNow)));
        assert_eq!(snapshot(&h.paths.data), before, "nothing was written");
    }

    // -- The real app in a terminal ------------------------------------------

    #[test]
    fn the_app_with_a_fifo_as_its_recovery_copy_starts_and_says_so() {
        let (tmp, paths) = home();
        let recovery = paths.data.join("recovery.ron");
        fifo(&recovery);
        let t = Tmux::start(
            "fifo-recovery",
            &tmux::APP,
            &paths.data,
            &paths.config,
            env!("CARGO_BIN_EXE_flagdraft"),
        );
        let said = "recovery copy could not be read";
        let start = Instant::now();
        while !t.screen().contains(said) && start.elapsed() < WAIT {
            sleep(Duration::from_millis(50));
        }
        if !t.screen().contains(said) {
            // Waiting on the FIFO: let the app go, then fail.
            let _ = rustix::fs::open(&recovery, OFlags::WRONLY | OFlags::NONBLOCK, Mode::empty());
            panic!("the app never said so; the screen was:\n{}", t.screen());
        }
        t.keys(&["q"]);
        t.wait_gone();
        assert!(is_fifo(&recovery), "left as it is");
        drop(tmp);
    }
}
