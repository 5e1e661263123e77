//! `flagdraft drafts` and `flagdraft export`, run as the real binary in a throwaway
//! home: the draft files it keeps, the texts it prints, the Markdown it writes, and how
//! it treats a broken template, an unknown id and a profile that changed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use common::home::{Home, mode, stderr, stdout};
use flagdraft::core::assemble::{Output as Text, assemble, char_count};
use flagdraft::core::draft::{Draft, Status};
use flagdraft::core::flag::{Family, Venue};
use flagdraft::core::stamp::Stamp;
use flagdraft::core::template::Template;
use flagdraft::store::drafts::{draft_path, parse_draft, to_ron};
use flagdraft::store::{DEMO_PROFILE, parse_profile, profile_to_ron};

/// When the tests edit a draft, as the applicant would in the app.
const EDITED: Stamp = Stamp(1_795_680_000);

/// The home's drafts and profile, read and written as the applicant would.
impl Home {
    /// The flag ids `detect --json` reports, worst first.
    fn flag_ids(&self) -> Vec<String> {
        let out = self.ok(&["detect", "--json"]);
        let flags: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        flags
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect()
    }

    fn draft_file(&self, id: &str) -> PathBuf {
        draft_path(&self.paths(), id)
    }

    fn load(&self, id: &str) -> Draft {
        let path = self.draft_file(id);
        parse_draft(&path, &fs::read_to_string(&path).unwrap()).unwrap()
    }

    fn save(&self, draft: &Draft) {
        fs::write(self.draft_file(&draft.flag), to_ron(draft)).unwrap();
    }

    /// The draft files themselves (not the `.bak` copy of each one's last version).
    fn draft_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = fs::read_dir(self.paths().drafts())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        files.sort();
        files
    }

    fn write_profile(&self, text: &str) {
        fs::write(self.paths().profile(), text).unwrap();
    }
}

/// The line of the `drafts` listing for flag `id`.
fn row<'a>(listing: &'a str, id: &str) -> &'a str {
    listing
        .lines()
        .find(|l| l.split_whitespace().next() == Some(id))
        .unwrap_or_else(|| panic!("no row for {id} in\n{listing}"))
}

const STEP1: &str = "exam_failure:step1";

/// The applicant's own academic explanation, with an em dash for ERAS to fold.
const OWN: [(&str, &str); 3] = [
    (
        "reason",
        "I had read passively for months \u{2014} almost no timed practice \u{2014} and the format caught me out.",
    ),
    (
        "actions",
        "I rebuilt my study around a timed question block each morning and a weekly review with a tutor.",
    ),
    (
        "link",
        "I still plan my reading a month ahead, which two sets of boards will demand.",
    ),
];

// ---------------------------------------------------------------------------
// drafts
// ---------------------------------------------------------------------------

#[test]
fn drafts_lists_every_flag_and_keeps_one_private_opaque_file_each() {
    let home = Home::demo_alone();
    let ids = home.flag_ids();
    assert_eq!(ids.len(), 9, "{ids:?}");
    let out = home.ok(&["drafts"]);
    let listing = stdout(&out);
    assert!(listing.starts_with("ID "), "{listing}");
    let academic = Template::embedded(Family::Academic).unwrap();
    for id in &ids {
        let line = row(&listing, id);
        assert!(line.contains(" empty "), "{line}");
        // Every flag is addressed at interview; ERAS and the statement only where chosen.
        assert!(line.contains(" w "), "{line}");
        let limit = match id.split(':').next().unwrap() {
            "limited_usce" => Some("/750"),
            "visa_plan" | "low_rank" => None,
            _ => Some("/510"),
        };
        match limit {
            Some(limit) => assert!(line.contains(limit), "{line}"),
            None => assert!(!line.contains('/'), "no ERAS text is assembled: {line}"),
        }
    }
    // The ERAS count shown is the length of the text `export` prints.
    let step1 = home.load(STEP1);
    let chars = char_count(&assemble(&step1, &academic, Text::Eras));
    assert_eq!(chars, 118);
    assert!(
        row(&listing, STEP1).contains(&format!(" {chars}/510 ")),
        "{listing}"
    );
    let printed = stdout(&home.ok(&["export", STEP1, "--force"]));
    assert_eq!(printed.trim_end().chars().count(), chars);

    // One private file per flag, named so a listing reveals nothing.
    let files = home.draft_files();
    assert_eq!(files.len(), ids.len(), "{files:?}");
    assert_eq!(mode(&home.paths().drafts()), 0o700);
    let mut flags = BTreeSet::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let stem = name
            .strip_suffix(".ron")
            .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(stem.len(), 16, "{name}");
        assert!(stem.bytes().all(|b| b.is_ascii_hexdigit()), "{name}");
        assert_eq!(mode(path), 0o600, "{name}");
        let draft = parse_draft(path, &fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(draft.status, Status::Empty);
        assert!(!draft.orphaned);
        flags.insert(draft.flag);
    }
    let expected: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(flags, expected);
}

#[test]
fn a_second_listing_leaves_the_files_alone() {
    let home = Home::demo();
    home.ok(&["drafts"]);
    let mut step1 = home.load(STEP1);
    step1.updated = Stamp(1);
    home.save(&step1);
    let before: Vec<Vec<u8>> = home
        .draft_files()
        .iter()
        .map(|p| fs::read(p).unwrap())
        .collect();
    home.ok(&["drafts"]);
    let after: Vec<Vec<u8>> = home
        .draft_files()
        .iter()
        .map(|p| fs::read(p).unwrap())
        .collect();
    assert_eq!(before, after, "nothing changed, so nothing is rewritten");
}

#[test]
fn an_over_limit_text_is_marked_and_warned_about_and_the_field_sets_the_limit() {
    let home = Home::demo();
    home.ok(&["drafts"]);
    let mut d = home.load(STEP1);
    d.set_part("fact", "A".repeat(560), EDITED);
    d.set_part("result", String::new(), EDITED);
    home.save(&d);

    let listing = stdout(&home.ok(&["drafts"]));
    assert!(row(&listing, STEP1).contains(" 560/510! "), "{listing}");
    let refused = home.run(&["export", STEP1]);
    assert!(
        stderr(&refused).contains("the ERAS text is 560 of 510 characters"),
        "{}",
        stderr(&refused)
    );
    let export = home.ok(&["export", STEP1, "--force"]);
    assert_eq!(stdout(&export), format!("{}\n", "A".repeat(560)));
    let warning = stderr(&export);
    assert!(warning.contains("560 characters is 50 over"), "{warning}");
    assert!(warning.contains("limit of 510"), "{warning}");

    let mut d = home.load(STEP1);
    d.field = Some("experience_description".into());
    home.save(&d);
    let listing = stdout(&home.ok(&["drafts"]));
    assert!(row(&listing, STEP1).contains(" 560/750 "), "{listing}");
    let export = home.ok(&["export", STEP1, "--force"]);
    assert_eq!(stderr(&export), "", "it fits the chosen field");
}

// ---------------------------------------------------------------------------
// export ID
// ---------------------------------------------------------------------------

#[test]
fn export_prints_each_output_of_a_draft() {
    let home = Home::demo_alone();
    let eras = home.ok(&["export", STEP1, "--as", "eras", "--force"]);
    assert_eq!(
        stdout(&eras),
        "I failed USMLE Step 1 in March 2019. I passed USMLE Step 1 in September 2019 \
         and scored 217 on Step 2 CK in June 2020.\n"
    );
    assert_eq!(stderr(&eras), "");
    let default = home.ok(&["export", STEP1, "--force"]);
    assert_eq!(stdout(&default), stdout(&eras), "ERAS is the default");

    let interview = home.ok(&["export", STEP1, "--as", "interview", "--force"]);
    assert_eq!(
        stdout(&interview),
        "I failed USMLE Step 1 in March 2019.\n\nI passed USMLE Step 1 in September 2019 \
         and scored 217 on Step 2 CK in June 2020.\n"
    );

    // In this family the statement paragraph leaves the letters out (once the applicant
    // chooses a statement paragraph for it).
    let mut usce = home.load("limited_usce");
    usce.venues.push(Venue::Statement);
    home.save(&usce);
    let eras = stdout(&home.ok(&["export", "limited_usce", "--as", "eras", "--force"]));
    let statement = stdout(&home.ok(&["export", "limited_usce", "--as", "statement", "--force"]));
    assert!(eras.contains("a letter from US faculty"), "{eras}");
    assert!(!statement.contains("letter from US faculty"), "{statement}");
    assert!(
        statement.contains("hospital medicine externship (internal medicine)"),
        "{statement}"
    );

    let gap = stdout(&home.ok(&[
        "export",
        "training_gap:2020-07",
        "--as",
        "interview",
        "--force",
    ]));
    assert!(
        gap.contains("From July 2020 to December 2021 (18 months)"),
        "{gap}"
    );
}

#[test]
fn a_text_not_fit_to_send_is_exported_only_with_force() {
    let home = Home::demo();
    // Unfinished: a script gets nothing, and is told what is wrong and what --force does.
    let out = home.run(&["export", STEP1]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(err.contains("is not ready to send"), "{err}");
    assert!(err.contains("required parts not answered"), "{err}");
    assert!(err.contains("What you changed"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert!(!err.contains("error(s)"), "{err}");
    // With --force, the text; a file too.
    let forced = home.ok(&["export", STEP1, "--force"]);
    assert!(stdout(&forced).starts_with("I failed USMLE Step 1"));
    let file = home.root.join("refused.txt");
    let out = home.run(&["export", STEP1, "--out", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!file.exists(), "nothing written without --force");
    // Written in full, the same draft needs no --force.
    make_step1_ready(&home);
    let out = home.ok(&["export", STEP1]);
    assert_eq!(stderr(&out), "");
}

#[test]
fn a_ready_draft_that_breaks_later_needs_a_look_in_drafts_and_export_all() {
    let home = Home::demo();
    make_step1_ready(&home);
    let listing = stdout(&home.ok(&["drafts"]));
    assert!(row(&listing, STEP1).contains(" ready "), "{listing}");
    assert!(!listing.contains("needs a look"), "{listing}");
    assert!(stderr(&home.ok(&["export", "--all"])).contains("1 ready draft exported."));

    // A shorter field than the text: still marked ready, now needing a look.
    let mut d = home.load(STEP1);
    d.field = Some("meaningful_reflection".into());
    home.save(&d);
    let fields = home.ok(&["drafts"]);
    let listing = stdout(&fields);
    assert!(
        row(&listing, STEP1).contains("ready, needs a look"),
        "{listing}"
    );
    assert!(
        listing.contains("exam_failure:step1: marked ready, but needs a look: the ERAS text is"),
        "{listing}"
    );
    assert_eq!(home.load(STEP1).status, Status::Ready, "nothing stored");

    // export --all: refused without --force, naming it; with --force, listed at the top.
    let out = home.run(&["export", "--all"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(err.contains("1 draft marked ready needs a look"), "{err}");
    assert!(
        err.contains("exam_failure:step1: the ERAS text is"),
        "{err}"
    );
    let out = home.ok(&["export", "--all", "--force"]);
    let md = stdout(&out);
    let top = md.split("\n## ").next().unwrap();
    assert!(
        top.contains("> Marked ready, but each of these needs a look before it is sent:"),
        "{md}"
    );
    assert!(
        top.contains("> - The exam record (exam_failure:step1): the ERAS text is"),
        "{md}"
    );
    assert!(
        stderr(&out).contains("1 draft needing a look, listed at the top"),
        "{}",
        stderr(&out)
    );
    // A single export of it needs --force too.
    assert_eq!(home.run(&["export", STEP1]).status.code(), Some(1));
    home.ok(&["export", STEP1, "--force"]);
}

#[test]
fn export_gives_only_the_outputs_of_the_chosen_venues() {
    let home = Home::demo();
    // The visa plan is addressed at interview only: that is what it exports...
    let visa = home.ok(&["export", "visa_plan", "--force"]);
    assert_eq!(
        stdout(&visa),
        stdout(&home.ok(&["export", "visa_plan", "--as", "interview", "--force"]))
    );
    assert!(stdout(&visa).contains("[J-1 or H-1B]"), "{}", stdout(&visa));
    // ...and an ERAS text or a statement paragraph for it is refused, saying why.
    for output in ["eras", "statement"] {
        let out = home.run(&["export", "visa_plan", "--as", output]);
        assert_eq!(out.status.code(), Some(2), "{output}");
        assert_eq!(stdout(&out), "", "{output}");
        assert!(stderr(&out).contains("interview"), "{}", stderr(&out));
    }
}

#[test]
fn an_unknown_id_is_bad_input_and_lists_the_ids() {
    let home = Home::demo();
    let ids = home.flag_ids();
    let out = home.run(&["export", "exam_failure:step9"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(err.contains("exam_failure:step9"), "{err}");
    for id in &ids {
        assert!(err.contains(id.as_str()), "{id} missing from: {err}");
    }
}

#[test]
fn export_needs_an_id_or_all() {
    let home = Home::demo();
    let out = home.run(&["export"]);
    assert_eq!(out.status.code(), Some(2));
    let out = home.run(&["export", STEP1, "--all"]);
    assert_eq!(out.status.code(), Some(2), "an id and --all conflict");
}

#[test]
fn out_writes_one_draft_to_a_new_file_and_never_replaces_it() {
    let home = Home::demo();
    let file = home.root.join("out.txt");
    let printed = home.run(&["export", STEP1, "--force"]);
    let out = home.run(&["export", STEP1, "--force", "--out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(fs::read_to_string(&file).unwrap(), stdout(&printed));
    let again = home.run(&[
        "export",
        STEP1,
        "--force",
        "--as",
        "interview",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&file).unwrap(), stdout(&printed));
}

#[test]
fn out_never_changes_a_folder_it_did_not_make_and_takes_a_bare_name() {
    use std::os::unix::fs::PermissionsExt;
    let home = Home::demo();
    let shared = home.root.join("shared");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o755)).unwrap();
    let file = shared.join("out.txt");
    let out = home.run(&["export", STEP1, "--force", "--out", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&file), 0o600);
    assert_eq!(
        mode(&shared),
        0o755,
        "a folder it did not make keeps its mode"
    );

    // A bare file name is a file in the working folder.
    let paths = home.paths();
    let bare = std::process::Command::new(env!("CARGO_BIN_EXE_flagdraft"))
        .args(["export", STEP1, "--force", "--out", "bare.txt"])
        .current_dir(&shared)
        .env("FLAGDRAFT_DATA_DIR", &paths.data)
        .env("FLAGDRAFT_CONFIG_DIR", &paths.config)
        .output()
        .unwrap();
    assert!(bare.status.success(), "{}", stderr(&bare));
    assert_eq!(
        fs::read_to_string(shared.join("bare.txt")).unwrap(),
        fs::read_to_string(&file).unwrap()
    );
    assert_eq!(mode(&shared.join("bare.txt")), 0o600);
    assert_eq!(mode(&shared), 0o755);

    // Folders it has to make are its own, and private.
    let deep = home.root.join("new/deeper/out.txt");
    let root_mode = mode(&home.root);
    let out = home.run(&["export", STEP1, "--force", "--out", deep.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&home.root.join("new")), 0o700);
    assert_eq!(mode(&home.root.join("new/deeper")), 0o700);
    assert_eq!(mode(&deep), 0o600);
    assert_eq!(
        mode(&home.root),
        root_mode,
        "the folder above keeps its mode"
    );
}

// ---------------------------------------------------------------------------
// export --all
// ---------------------------------------------------------------------------

#[test]
fn export_all_without_a_ready_draft_says_so() {
    let home = Home::demo();
    let file = home.root.join("explanations.md");
    for args in [
        vec!["export", "--all"],
        vec!["export", "--all", "--out", file.to_str().unwrap()],
    ] {
        let out = home.run(&args);
        assert!(!out.status.success(), "{args:?}");
        assert_eq!(stdout(&out), "", "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("no draft is marked ready"), "{err}");
    }
    assert!(!file.exists(), "no file for nothing to export");
}

/// Mark the Step 1 draft ready, with the applicant's own words in it.
fn make_step1_ready(home: &Home) -> Draft {
    home.ok(&["drafts"]);
    let mut d = home.load(STEP1);
    for (key, text) in OWN {
        d.set_part(key, text.to_string(), EDITED);
    }
    assert_eq!(d.status, Status::Drafting);
    d.status = Status::Ready;
    // High, so a statement paragraph is suggested; the applicant keeps it to two places.
    d.venues = vec![Venue::Eras, Venue::Interview];
    home.save(&d);
    d
}

#[test]
fn export_all_writes_the_ready_drafts_as_markdown_and_never_overwrites() {
    let home = Home::demo();
    let ready = make_step1_ready(&home);
    let file = home.root.join("explanations.md");
    let target = file.to_str().unwrap();

    let out = home.ok(&["export", "--all", "--out", target]);
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("1 ready draft"), "{}", stderr(&out));
    let md = fs::read_to_string(&file).unwrap();
    assert!(
        md.starts_with("# Nadia Rahmé: red-flag explanations\n"),
        "{md}"
    );
    // The draft tells the exam record, and is headed by the story's name.
    assert!(
        md.contains("## The exam record · exam_failure:step1"),
        "{md}"
    );
    assert!(md.contains("### ERAS text ("), "{md}");
    assert!(md.contains("### Interview answer ("), "{md}");
    assert!(
        !md.contains("### Personal statement"),
        "the flag is addressed in ERAS and interview only: {md}"
    );
    // Both outputs carry the applicant's words; only the ERAS text folds the dashes.
    let (eras, interview) = md.split_once("### Interview answer").unwrap();
    assert!(
        eras.contains("for months -- almost no timed practice --"),
        "{eras}"
    );
    assert!(interview.contains(OWN[0].1), "{interview}");
    assert!(interview.contains(OWN[2].1), "{interview}");
    // The demo's exam record is one story: its facts name the failure and the low
    // score in date order, and the score is not offered as the result.
    assert!(
        eras.contains(
            "I failed USMLE Step 1 in March 2019 and scored 217 on USMLE Step 2 CK in June 2020."
        ),
        "{eras}"
    );
    assert!(
        eras.contains("I passed USMLE Step 1 in September 2019. "),
        "{eras}"
    );
    // Only ready drafts go out.
    assert!(!md.contains("low_score:step2ck"), "{md}");
    assert!(!md.contains("professionalism"), "{md}");

    // The same document on standard output.
    let printed = home.ok(&["export", "--all"]);
    assert_eq!(stdout(&printed), md);

    // A second run leaves the file alone.
    let again = home.run(&["export", "--all", "--out", target]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), md);

    // Exporting never changes the draft.
    let after = home.load(STEP1);
    assert_eq!(after.status, Status::Ready);
    assert_eq!(after.parts, ready.parts);
}

#[test]
fn export_all_assembles_only_the_chosen_venues_each_against_its_field() {
    let home = Home::demo();
    home.ok(&["drafts"]);
    for id in ["limited_usce", "visa_plan"] {
        let mut d = home.load(id);
        d.status = Status::Ready;
        home.save(&d);
    }
    // Both were marked ready unfinished: they need a look, so --force it is.
    let md = stdout(&home.ok(&["export", "--all", "--force"]));
    let (usce, visa) = md
        .split_once("## Unclear visa plan · visa_plan")
        .unwrap_or_else(|| panic!("{md}"));
    // Limited US experience: its ERAS text is an experience description, of 750.
    assert!(
        usce.contains("### ERAS text (Experience description: "),
        "{usce}"
    );
    assert!(usce.contains(" of 750 characters)"), "{usce}");
    assert!(usce.contains("### Interview answer ("), "{usce}");
    assert!(!usce.contains("### Personal statement"), "{usce}");
    // The visa plan: the interview answer alone.
    assert!(visa.contains("### Interview answer ("), "{visa}");
    assert!(!visa.contains("### ERAS text"), "{visa}");
    assert!(!visa.contains("### Personal statement"), "{visa}");
}

#[test]
fn detect_shows_the_questions_of_the_practice_bank_even_a_users_own() {
    let home = Home::demo();
    let json = |home: &Home| -> serde_json::Value {
        serde_json::from_str(&stdout(&home.ok(&["detect", "--json"]))).unwrap()
    };
    let bank = flagdraft::core::practice::Bank::embedded();
    let flags = json(&home);
    for flag in flags.as_array().unwrap() {
        let kind: flagdraft::core::flag::FlagKind =
            serde_json::from_value(flag["kind"].clone()).unwrap();
        let expected: Vec<&str> = bank.asked_for(kind).map(|q| q.text.as_str()).collect();
        let shown: Vec<&str> = flag["questions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q.as_str().unwrap())
            .collect();
        assert_eq!(shown, expected, "{}", flag["id"]);
    }
    fs::create_dir_all(&home.paths().config).unwrap();
    fs::write(
        home.paths().config.join("questions.ron"),
        r#"(version: 1, questions: [(id: "mine", kinds: [visa_plan], text: "Which consulate will you use?")])"#,
    )
    .unwrap();
    let flags = json(&home);
    let visa = flags
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "visa_plan")
        .unwrap();
    assert_eq!(
        visa["questions"],
        serde_json::json!(["Which consulate will you use?"])
    );
}

// ---------------------------------------------------------------------------
// User templates
// ---------------------------------------------------------------------------

#[test]
fn a_broken_user_template_is_located_and_the_embedded_one_used() {
    let home = Home::demo_alone();
    let embedded_text = stdout(&home.ok(&["export", STEP1, "--force"]));
    let dir = home.paths().config.join("templates");
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("academic.ron");
    let (_, _, embedded) = flagdraft::core::template::EMBEDDED[0];
    assert!(embedded.contains("family: academic"));

    // A working override that puts the result first is used...
    let reordered = embedded.replacen(
        "eras: Assembly(parts: [\"fact\", \"reason\", \"actions\", \"result\", \"link\"]",
        "eras: Assembly(parts: [\"result\", \"fact\"]",
        1,
    );
    assert_ne!(reordered, embedded);
    fs::write(&path, &reordered).unwrap();
    let out = home.ok(&["export", STEP1, "--force"]);
    assert_eq!(stderr(&out), "");
    assert!(
        stdout(&out).starts_with("I passed USMLE Step 1"),
        "{}",
        stdout(&out)
    );

    // ...and a broken one is reported where it breaks, with the embedded one in its place.
    let broken = embedded.replacen("    title:", "    titel:", 1);
    let line = broken.lines().position(|l| l.contains("titel:")).unwrap() + 1;
    fs::write(&path, &broken).unwrap();
    let out = home.ok(&["export", STEP1, "--force"]);
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}:{line}:5:", path.display())),
        "{err}"
    );
    assert_eq!(stdout(&out), embedded_text);
    assert_eq!(fs::read_to_string(&path).unwrap(), broken, "left as it was");
    let listing = home.ok(&["drafts"]);
    assert!(stderr(&listing).contains(&format!("academic.ron:{line}:5:")));
    assert!(row(&stdout(&listing), STEP1).contains(" 118/510 "));
}

// ---------------------------------------------------------------------------
// A changed profile
// ---------------------------------------------------------------------------

#[test]
fn removing_an_incident_orphans_its_draft_and_keeps_the_words() {
    let home = Home::demo_alone();
    home.ok(&["drafts"]);
    let id = "professionalism:2017-02";
    let mine = "I came late because I had not planned around an evening job; I own that.";
    let mut d = home.load(id);
    d.set_part("responsibility", mine.into(), EDITED);
    home.save(&d);

    let mut profile = parse_profile(Path::new("demo"), DEMO_PROFILE).unwrap();
    profile.incidents.clear();
    home.write_profile(&profile_to_ron(&profile));
    let ids = home.flag_ids();
    assert!(!ids.iter().any(|i| i == id), "{ids:?}");

    let listing = stdout(&home.ok(&["drafts"]));
    let line = row(&listing, id);
    assert!(line.contains("(flag no longer found)"), "{line}");
    assert!(line.contains(" drafting "), "{line}");
    let last = listing
        .lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .last()
        .unwrap();
    assert_eq!(last, line, "orphans come last:\n{listing}");

    assert!(home.draft_file(id).exists(), "the draft was deleted");
    let orphan = home.load(id);
    assert!(orphan.orphaned);
    assert_eq!(orphan.part("responsibility"), mine);
    assert!(orphan.part("issue").contains("February 2017"));
    assert_eq!(home.draft_files().len(), 9);
    assert!(
        stdout(&home.ok(&["export", id, "--force"])).contains(mine),
        "an orphan can still be exported"
    );

    // The incident is back: the same draft, no longer orphaned.
    home.write_profile(DEMO_PROFILE);
    let listing = stdout(&home.ok(&["drafts"]));
    assert!(!row(&listing, id).contains("no longer found"), "{listing}");
    let back = home.load(id);
    assert!(!back.orphaned);
    assert_eq!(back.part("responsibility"), mine);
}

#[test]
fn a_broken_draft_file_is_reported_and_left_untouched() {
    let home = Home::demo();
    home.ok(&["drafts"]);
    let path = home.draft_file("yog_gap");
    let broken = "Draft(version: 1, flag: \"yog_gap\", kind: yog_gap, parts: {\"reflection\": \"My own unfinished words";
    fs::write(&path, broken).unwrap();

    let out = home.ok(&["drafts"]);
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:1:", path.display())), "{err}");
    assert!(err.contains("left untouched"), "{err}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        broken,
        "the applicant's broken file was replaced by a fresh draft"
    );
}

// ---------------------------------------------------------------------------
// The draft format as released
// ---------------------------------------------------------------------------

/// A home holding the v1 fixture profile and the v1 draft exactly as flagdraft wrote
/// it, and the path of that draft.
fn home_with_written_draft() -> (Home, PathBuf, Vec<u8>) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1");
    let home = Home::new();
    let paths = home.paths();
    fs::create_dir_all(paths.drafts()).unwrap();
    fs::copy(fixtures.join("profile.ron"), paths.profile()).unwrap();
    let written = fs::read(fixtures.join("draft-as-written.ron")).unwrap();
    let path = draft_path(&paths, STEP1);
    fs::write(&path, &written).unwrap();
    (home, path, written)
}

#[test]
fn a_draft_as_released_opens_and_is_never_rewritten_by_reading_it() {
    let (home, path, written) = home_with_written_draft();
    let ws = flagdraft::store::workspace::Workspace::open(home.paths(), "2026-09".parse().unwrap())
        .unwrap();
    assert!(ws.warnings.is_empty(), "{:?}", ws.warnings);
    let d = ws.draft(STEP1).expect("the draft opens under its flag");
    assert!(!d.read_only);
    assert_eq!(d.status, Status::Drafting);
    // Written before a draft could explain several flags: it explains its own alone.
    assert!(d.covers.is_empty());
    assert!(d.explains(STEP1));
    assert_eq!(d.flags().collect::<Vec<_>>(), [STEP1]);
    assert_eq!(fs::read(&path).unwrap(), written, "opening writes nothing");
    // The listing keeps the other flags' drafts in step, and leaves this one as it is:
    // its facts have not changed since it was written.
    let out = home.ok(&["drafts"]);
    assert!(
        row(&stdout(&out), STEP1).contains("drafting"),
        "{}",
        stdout(&out)
    );
    assert_eq!(fs::read(&path).unwrap(), written, "listing writes nothing");
    home.ok(&["export", STEP1, "--force"]);
    assert_eq!(
        fs::read(&path).unwrap(),
        written,
        "exporting writes nothing"
    );
}

// ---------------------------------------------------------------------------
// A draft that explains several flags
// ---------------------------------------------------------------------------

const STEP2: &str = "low_score:step2ck";

/// The ready Step 1 draft made to explain the Step 2 CK score as well, with the Step 2
/// CK draft of its own gone (as when two drafts are told as one story), and its facts
/// brought in step with the story as the first run after a merge does.
fn make_story(home: &Home) -> Draft {
    let mut story = make_step1_ready(home);
    story.covers = vec![STEP2.to_string()];
    home.save(&story);
    fs::remove_file(home.draft_file(STEP2)).unwrap();
    home.ok(&["drafts"]);
    home.load(STEP1)
}

#[test]
fn drafts_names_the_other_flags_a_draft_explains_and_makes_them_no_draft_of_their_own() {
    let home = Home::demo_alone();
    let story = make_story(&home);
    let listing = stdout(&home.ok(&["drafts"]));
    let lines: Vec<&str> = listing.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.split_whitespace().next() == Some(STEP1))
        .unwrap();
    let covered = lines[at + 1];
    assert!(
        covered.starts_with(&format!("  + also explains {STEP2}: ")),
        "{listing}"
    );
    assert!(!covered.contains("no longer found"), "{listing}");
    assert!(
        !lines
            .iter()
            .any(|l| l.split_whitespace().next() == Some(STEP2)),
        "the covered flag has no row of its own: {listing}"
    );
    assert!(!home.draft_file(STEP2).exists(), "nor a draft of its own");
    assert_eq!(home.load(STEP1), story, "listing changes nothing");
}

#[test]
fn export_finds_a_draft_by_any_flag_it_explains() {
    let home = Home::demo_alone();
    make_story(&home);
    let by_primary = home.ok(&["export", STEP1, "--force"]);
    let by_covered = home.ok(&["export", STEP2, "--force"]);
    assert!(!stdout(&by_primary).trim().is_empty());
    assert_eq!(stdout(&by_covered), stdout(&by_primary));
    let interview = home.ok(&["export", STEP2, "--as", "interview", "--force"]);
    assert!(
        stdout(&interview).contains(OWN[2].1),
        "{}",
        stdout(&interview)
    );
}

#[test]
fn export_all_gives_a_draft_of_several_flags_once() {
    let home = Home::demo_alone();
    make_story(&home);
    let out = home.ok(&["export", "--all"]);
    assert!(stderr(&out).contains("1 ready draft"), "{}", stderr(&out));
    let md = stdout(&out);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(headings.len(), 1, "{md}");
    assert!(headings[0].ends_with(STEP1), "{md}");
    assert_eq!(md.matches("### ERAS text (").count(), 1, "{md}");
    assert_eq!(md.matches("### Interview answer (").count(), 1, "{md}");
}

#[test]
fn an_unknown_id_is_still_refused_clearly_when_a_draft_explains_several_flags() {
    let home = Home::demo_alone();
    make_story(&home);
    let out = home.run(&["export", "exam_failure:step9"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(
        err.contains("no draft has the id \"exam_failure:step9\""),
        "{err}"
    );
    for id in home.flag_ids() {
        assert_eq!(err.matches(id.as_str()).count(), 1, "{id} once in: {err}");
    }
}

// ---------------------------------------------------------------------------
// A story draft as this format writes it (version 2)
// ---------------------------------------------------------------------------

#[test]
fn a_story_draft_as_written_opens_exports_by_any_id_and_is_never_rewritten_by_reading_it() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let home = Home::new();
    let paths = home.paths();
    fs::create_dir_all(paths.drafts()).unwrap();
    fs::copy(fixtures.join("v2/profile.ron"), paths.profile()).unwrap();
    let written = fs::read(fixtures.join("v2/draft.ron")).unwrap();
    let path = draft_path(&paths, STEP1);
    fs::write(&path, &written).unwrap();

    let d = parse_draft(&path, std::str::from_utf8(&written).unwrap()).unwrap();
    assert!(!d.read_only);
    assert_eq!(d.version, 2);
    assert_eq!(d.flags().collect::<Vec<_>>(), [STEP1, STEP2]);
    // This build writes it exactly as it reads.
    assert_eq!(to_ron(&d).into_bytes(), written);

    // Listing and exporting write nothing to it, and make no draft of the low score.
    let listing = stdout(&home.ok(&["drafts"]));
    assert!(
        row(&listing, STEP1).contains("The exam record"),
        "{listing}"
    );
    assert!(
        listing.contains(&format!("  + also explains {STEP2}: ")),
        "{listing}"
    );
    assert!(!home.draft_file(STEP2).exists());
    let by_primary = stdout(&home.ok(&["export", STEP1, "--force"]));
    let by_covered = stdout(&home.ok(&["export", STEP2, "--force"]));
    let by_story = stdout(&home.ok(&["export", "story:exam_record", "--force"]));
    assert!(by_primary.contains("rereading notes"), "{by_primary}");
    assert_eq!(by_covered, by_primary);
    assert_eq!(by_story, by_primary);
    assert_eq!(fs::read(&path).unwrap(), written, "reading writes nothing");
}

#[test]
fn a_draft_of_one_flag_is_still_written_at_version_1_so_older_builds_read_it() {
    let home = Home::demo();
    home.ok(&["drafts"]);
    // The demo's visa plan is a story of one flag.
    let text = fs::read_to_string(home.draft_file("visa_plan")).unwrap();
    assert!(text.contains("version: 1,"), "{text}");
    assert!(!text.contains("covers"), "{text}");
    let story = fs::read_to_string(home.draft_file(STEP1)).unwrap();
    assert!(story.contains("version: 2,"), "{story}");
}

#[test]
fn detect_tells_stories_as_the_users_stories_file_groups_them_and_locates_a_broken_one() {
    let home = Home::demo_alone();
    let out = home.ok(&["detect", "--json"]);
    let flags: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    for f in flags.as_array().unwrap() {
        assert_eq!(f["story"], f["id"], "told alone: {f}");
    }
    let path = home.paths().config.join("stories.ron");
    fs::write(
        &path,
        "StoryRules(version: 1, groups: [Group(id: \"a\", name: \"A\", kinds: [bad])])\n",
    )
    .unwrap();
    let out = home.ok(&["detect", "--json"]);
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:1:", path.display())), "{err}");
    assert!(err.contains("using the built-in stories"), "{err}");
    let flags: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(
        flags
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["story"] == "story:exam_record")
    );
}

#[test]
fn export_gives_each_output_as_it_is_worded() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v3");
    let home = Home::new();
    let paths = home.paths();
    fs::create_dir_all(paths.drafts()).unwrap();
    fs::copy(fixtures.join("profile.ron"), paths.profile()).unwrap();
    let written = fs::read(fixtures.join("draft.ron")).unwrap();
    let path = draft_path(&paths, STEP1);
    fs::write(&path, &written).unwrap();
    let d = parse_draft(&path, std::str::from_utf8(&written).unwrap()).unwrap();
    let t = Template::embedded(Family::Academic).unwrap();
    for (output, name) in [
        (Text::Eras, "eras"),
        (Text::Statement, "statement"),
        (Text::Interview, "interview"),
    ] {
        let out = home.ok(&["export", STEP1, "--as", name, "--force"]);
        assert_eq!(
            stdout(&out),
            format!("{}\n", assemble(&d, &t, output)),
            "{name}"
        );
    }
    let eras = stdout(&home.ok(&["export", STEP1, "--as", "eras", "--force"]));
    assert!(eras.contains("I relied on rereading, with almost no timed practice."));
    assert!(!eras.contains("rereading notes"), "{eras}");
    let statement = stdout(&home.ok(&["export", STEP1, "--as", "statement", "--force"]));
    assert!(
        statement.contains("taught me to trust a routine"),
        "{statement}"
    );
    assert!(statement.contains("rereading notes"), "{statement}");
    assert_eq!(
        fs::read(&path).unwrap(),
        written,
        "exporting writes nothing"
    );
    // Marked ready, the whole document carries the same wordings.
    let ready = String::from_utf8(written)
        .unwrap()
        .replace("status: Drafting", "status: Ready");
    fs::write(&path, ready).unwrap();
    let md = stdout(&home.ok(&["export", "--all", "--force"]));
    assert!(md.contains("taught me to trust a routine"), "{md}");
    assert!(
        md.contains("I relied on rereading, with almost no timed practice."),
        "{md}"
    );
}
