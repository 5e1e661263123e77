//! The full-screen app without a terminal: key strings drive `update`, effects run
//! against a private temporary data folder, and screens render into a TestBackend.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::demo::to_step1;
use common::harness::{Harness, NOW};
use flagdraft::core::assemble::{Output, assemble};
use flagdraft::core::draft::Status;
use flagdraft::store;
use flagdraft::store::drafts::{draft_path, load_drafts, parse_draft};
use flagdraft::store::workspace::Workspace;
use flagdraft::tui::keymap::{Keymap, parse_sequence};
use flagdraft::tui::msg::Msg;
use flagdraft::tui::screens::Route;

fn both_sizes(h: &mut Harness, name: &str) {
    for (w, ht) in [(100, 30), (60, 20)] {
        h.msg(Msg::Resize(w, ht));
        insta::assert_snapshot!(format!("{name}_{w}x{ht}"), h.screen(w, ht));
    }
    h.msg(Msg::Resize(100, 30));
}

#[test]
fn welcome_screen() {
    let mut h = Harness::fresh();
    both_sizes(&mut h, "welcome");
}

#[test]
fn home_screen() {
    let mut h = Harness::demo();
    assert_eq!(h.app.route, Route::Home);
    both_sizes(&mut h, "home");
}

#[test]
fn flag_screen() {
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter>", to_step1()));
    assert_eq!(h.app.route, Route::Flag);
    both_sizes(&mut h, "flag");
}

#[test]
fn draft_screen_with_text_and_each_preview() {
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter><enter>", to_step1()));
    assert_eq!(h.app.route, Route::Draft);
    h.feed("I had leaned on rereading notes instead of timed practice.");
    both_sizes(&mut h, "draft_eras");
    h.feed("<ctrl-o>");
    both_sizes(&mut h, "draft_statement");
    h.feed("<ctrl-o><ctrl-t>");
    both_sizes(&mut h, "draft_interview_example");
}

#[test]
fn profile_screen_shows_errors_beside_the_field() {
    let mut h = Harness::demo();
    h.feed("p<down><down><enter><backspace><backspace>13");
    both_sizes(&mut h, "profile_error");
}

#[test]
fn help_overlay_lists_the_keys_of_the_screen() {
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter><enter><esc>?", to_step1()));
    assert!(h.app.help);
    both_sizes(&mut h, "help_draft");
    h.feed("<esc>");
    assert!(!h.app.help);
}

#[test]
fn every_screen_action_is_in_its_help() {
    use flagdraft::tui::keymap::{Action, Context};
    use flagdraft::tui::view::screen_actions;
    let km = Keymap::default();
    for route in Route::ALL {
        for action in screen_actions(route) {
            let shown = [Context::List, Context::Editor, Context::Global]
                .iter()
                .any(|c| !km.keys_for(*c, *action).is_empty());
            assert!(shown, "{route:?}: {action:?} has no key to show");
        }
    }
    assert!(screen_actions(Route::Draft).contains(&Action::ToggleReady));
}

#[test]
fn a_small_window_says_how_large_it_must_be() {
    let h = Harness::demo();
    insta::assert_snapshot!("too_small_40x10", h.screen(40, 10));
}

#[test]
fn every_route_renders_at_any_size() {
    let sizes = [
        (1, 1),
        (2, 1),
        (20, 5),
        (49, 15),
        (50, 15),
        (60, 20),
        (80, 24),
        (300, 100),
    ];
    for keys in ["", "<enter>", "jjjjj<enter><enter>", "p", "p<tab>", "?"] {
        let mut h = Harness::demo();
        h.feed(keys);
        for (w, ht) in sizes {
            h.msg(Msg::Resize(w, ht));
            h.screen(w, ht);
        }
    }
    let h = Harness::fresh();
    for (w, ht) in sizes {
        h.screen(w, ht);
    }
}

#[test]
fn from_welcome_to_a_ready_draft() {
    let mut h = Harness::fresh();
    h.feed("<enter>");
    assert_eq!(h.app.route, Route::Home, "the demo starts on Home");
    // Down to the Step 1 failure: its draft opens on the first empty part.
    h.feed(&format!("{}<enter><enter>", to_step1()));
    h.feed("I relied on rereading and did too few timed questions.<alt-down>");
    h.feed(
        "I set a daily block of forty timed questions and met a tutor weekly.<alt-down><alt-down>",
    );
    h.feed("The planning habit now keeps my adult and pediatric reading on track.");
    h.feed("<esc>r");
    h.idle(1_000);
    assert!(h.app.unsaved.is_empty(), "autosave ran");
    h.feed("<esc><esc>q");
    assert!(h.app.quitting());

    // The demo works in a throwaway folder of its own: the data folder is untouched.
    assert!(!h.paths.data.exists());
    let demo = h.rt.paths.clone();
    let text = std::fs::read_to_string(draft_path(&demo, "exam_failure:step1")).unwrap();
    let draft = parse_draft(std::path::Path::new("draft"), &text).unwrap();
    assert_eq!(draft.status, Status::Ready);
    assert_eq!(
        draft.part("actions"),
        "I set a daily block of forty timed questions and met a tutor weekly."
    );
    let ws = Workspace::open(demo, "2026-11".parse().unwrap()).unwrap();
    let template = ws.templates.get(draft.kind.family()).unwrap();
    let eras = assemble(&draft, template, Output::Eras);
    assert_eq!(
        eras,
        "I failed USMLE Step 1 in March 2019. I relied on rereading and did too few timed questions. \
         I set a daily block of forty timed questions and met a tutor weekly. I passed USMLE Step 1 in \
         September 2019 and scored 217 on Step 2 CK in June 2020. The planning habit now keeps my adult \
         and pediatric reading on track."
    );
}

#[test]
fn quitting_saves_what_was_typed_at_once() {
    let mut h = Harness::demo();
    h.feed(&format!(
        "{}<enter><enter>A sentence typed just before quitting.<ctrl-c>",
        to_step1()
    ));
    assert!(h.app.quitting());
    let (drafts, errors) = load_drafts(&h.paths);
    assert!(errors.is_empty());
    let d = drafts
        .iter()
        .find(|d| d.flag == "exam_failure:step1")
        .unwrap();
    assert_eq!(d.part("reason"), "A sentence typed just before quitting.");
}

#[test]
fn q_types_in_the_editor_and_quits_elsewhere() {
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter><enter>q", to_step1()));
    assert!(!h.app.quitting());
    h.feed("<esc>q");
    assert!(h.app.quitting());
}

#[test]
fn the_profile_form_notes_a_season_that_does_not_fit_and_saves_anyway() {
    let mut h = Harness::demo();
    // Basics: the season field (fourth), 2027 typed over with 2026.
    h.feed("p<down><down><down><enter><backspace><backspace><backspace><backspace>2026<enter>");
    let text = h.screen_text(100, 30);
    assert!(text.contains("ERAS season (training starts)"), "{text}");
    assert!(
        text.contains("! as of 2026-09 the ERAS 2026 season"),
        "{text}"
    );
    assert!(text.contains("is ERAS 2027,"), "{text}");
    assert!(!text.contains('✗'), "a note, not an error: {text}");
    h.feed("<ctrl-s>");
    let saved = store::load_profile(&h.paths.profile()).unwrap();
    assert_eq!(saved.application_year, 2026, "the note never stops a save");
}

#[test]
fn editing_the_profile_runs_detection_again() {
    let mut h = Harness::demo();
    let before = h.app.ws.as_ref().unwrap().flags.len();
    // Incidents: delete the only one, then save.
    h.feed("p<tab>jjjj<tab>d<ctrl-s>");
    let ws = h.app.ws.as_ref().unwrap();
    assert_eq!(ws.flags.len(), before - 1);
    assert!(ws.flags.iter().all(|f| f.kind.id() != "professionalism"));
    let saved = store::load_profile(&h.paths.profile()).unwrap();
    assert!(saved.incidents.is_empty());
    let orphan = ws
        .drafts
        .iter()
        .find(|d| d.flag == "professionalism:2017-02")
        .unwrap();
    assert!(orphan.orphaned, "the draft is kept, marked orphaned");
}

#[test]
fn a_paste_arrives_whole_with_line_ends_cleaned() {
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter><enter>", to_step1()));
    h.msg(Msg::Paste(
        "First line\r\nsecond line\rthird\u{1b}[31m".into(),
    ));
    h.idle(flagdraft::tui::app::SETTLE_MS);
    let ws = h.app.ws.as_ref().unwrap();
    let d = ws.draft("exam_failure:step1").unwrap();
    assert_eq!(d.part("reason"), "First line\nsecond line\nthird[31m");
}

#[test]
fn a_huge_paste_is_refused_with_a_message() {
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter><enter>", to_step1()));
    h.msg(Msg::Paste("x".repeat(300 * 1024)));
    let ws = h.app.ws.as_ref().unwrap();
    assert_eq!(ws.draft("exam_failure:step1").unwrap().part("reason"), "");
    assert!(h.app.note.as_ref().unwrap().0.contains("kB"));
}

#[test]
fn choosing_a_blank_start_opens_the_profile_form() {
    let mut h = Harness::fresh();
    h.feed("j<enter>");
    assert_eq!(h.app.route, Route::Profile);
    assert!(
        !h.paths.profile().exists(),
        "nothing is written before a save"
    );
}

#[test]
fn the_mouse_scrolls_and_clicks_in_lists() {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mouse = |kind, row| {
        Msg::Mouse(MouseEvent {
            kind,
            column: 10,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let mut h = Harness::demo();
    h.msg(mouse(MouseEventKind::ScrollDown, 10));
    h.msg(mouse(MouseEventKind::ScrollDown, 10));
    assert_eq!(h.app.home.selected, 2);
    h.msg(mouse(MouseEventKind::ScrollUp, 10));
    assert_eq!(h.app.home.selected, 1);
    // The list's first row is under the four header lines and the border.
    h.msg(mouse(MouseEventKind::Down(MouseButton::Left), 5 + 6));
    assert_eq!(h.app.home.selected, 6);
}

#[test]
fn the_coach_flags_blame_as_it_is_typed_and_lets_it_be_set_aside() {
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter><enter>The exam was unfair.", to_step1()));
    let screen = h.app.draft.as_ref().unwrap();
    let blame = screen
        .report
        .findings
        .iter()
        .find(|f| f.rule == "blame")
        .unwrap();
    assert_eq!(blame.excerpt, "unfair");
    assert_eq!(blame.part.as_deref(), Some("reason"));
    assert!(h.app.counts.per_draft["exam_failure:step1"].0 >= 1);
    // From the start of the part, jump to it; leave the editor; set it aside.
    h.feed("<home><ctrl-g>");
    let f = h
        .app
        .draft
        .as_ref()
        .unwrap()
        .current_finding(h.app.ws.as_ref().unwrap())
        .unwrap();
    assert_eq!(f.rule, "blame");
    h.feed("<esc>i");
    assert!(h.app.prompt.is_some());
    h.feed("quoting the score report<enter>");
    assert!(h.app.prompt.is_none());
    let ws = h.app.ws.as_ref().unwrap();
    let d = ws.draft("exam_failure:step1").unwrap();
    assert_eq!(d.dismissed.len(), 1);
    let report = ws.report(d);
    let set_aside = report.findings.iter().find(|f| f.rule == "blame").unwrap();
    assert_eq!(
        set_aside.dismissed.as_deref(),
        Some("quoting the score report")
    );
    // Changing the words brings it back.
    h.feed("<enter><end><backspace><backspace><backspace><backspace><backspace><backspace><backspace>biased.");
    let ws = h.app.ws.as_ref().unwrap();
    let report = ws.report(ws.draft("exam_failure:step1").unwrap());
    let again = report.findings.iter().find(|f| f.rule == "blame").unwrap();
    assert_eq!(again.excerpt, "biased");
    assert_eq!(again.dismissed, None, "{:?}", report.findings);
}

#[test]
fn practice_read_aloud_times_against_the_band() {
    let mut h = Harness::demo();
    h.feed("t");
    assert_eq!(h.app.route, Route::Practice);
    h.rt.fix_clock(10_000, NOW);
    h.feed(" ");
    assert!(
        h.app.next_wake_ms().is_some(),
        "the clock wakes the loop while it runs"
    );
    h.rt.fix_clock(10_000 + 72_400, NOW);
    h.msg(Msg::Tick);
    both_sizes(&mut h, "practice_reading");
    h.feed(" ");
    let ws = h.app.ws.as_ref().unwrap();
    let last = ws.history.attempts.last().unwrap();
    assert_eq!(last.seconds, 72);
    let saved = store::load_history(&h.paths).unwrap();
    assert_eq!(saved.attempts.len(), 1);
}

#[test]
fn practice_recall_hides_the_draft_then_shows_what_was_covered() {
    let mut h = Harness::demo();
    h.feed("tm<enter>");
    assert!(h.app.practice.as_ref().unwrap().typing);
    both_sizes(&mut h, "practice_recall_typing");
    h.feed("I failed USMLE Step 1 in March 2019, um, then I built a plan.<enter>");
    let screen = h.app.practice.as_ref().unwrap();
    let r = screen.recall.as_ref().unwrap();
    assert!(r.coverage.issue);
    assert!(
        r.findings.iter().any(|f| f.rule == "filler"),
        "{:?}",
        r.findings
    );
    both_sizes(&mut h, "practice_recall_result");
    let ws = h.app.ws.as_ref().unwrap();
    assert_eq!(
        ws.history.attempts.last().unwrap().mode,
        flagdraft::core::practice::Mode::Recall
    );
}

#[test]
fn the_export_screen_lists_every_output_and_saves_ready_drafts() {
    let mut h = Harness::demo();
    h.feed("e");
    assert_eq!(h.app.route, Route::Export);
    both_sizes(&mut h, "export");
    h.feed("E");
    assert!(
        h.app
            .note
            .as_ref()
            .unwrap()
            .0
            .contains("No draft is marked ready")
    );
    // Mark the Step 1 draft ready, then save everything ready.
    h.feed(&format!(
        "<esc>{}<enter><enter><esc>r<esc><esc>e",
        to_step1()
    ));
    h.feed("E");
    let files: Vec<_> = std::fs::read_dir(h.paths.exports())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let md = std::fs::read_to_string(&files[0]).unwrap();
    assert!(
        md.contains("## Failed USMLE attempt (Step 1) · exam_failure:step1"),
        "{md}"
    );
    assert!(md.contains("> Not yet explained"), "{md}");
    // Saving one text asks first while the coach still finds errors.
    h.feed("e");
    assert!(h.app.confirm.is_some());
    h.feed("n");
    assert!(h.app.confirm.is_none());
    assert_eq!(std::fs::read_dir(h.paths.exports()).unwrap().count(), 1);
}

#[test]
fn typing_touches_only_the_editor_until_a_pause() {
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter><enter>", to_step1()));
    let before = h.app.draft.as_ref().unwrap().report.clone();
    for key in parse_sequence("It was unfair").unwrap() {
        h.msg(Msg::Key(key));
    }
    let screen = h.app.draft.as_ref().unwrap();
    assert_eq!(screen.editor.lines().join(""), "It was unfair");
    assert!(screen.typed);
    assert_eq!(screen.report, before, "the coach waits for a pause");
    let ws = h.app.ws.as_ref().unwrap();
    assert_eq!(ws.draft("exam_failure:step1").unwrap().part("reason"), "");
    assert!(h.app.next_wake_ms().is_some(), "a pause is awaited");
    h.idle(flagdraft::tui::app::SETTLE_MS);
    let screen = h.app.draft.as_ref().unwrap();
    assert!(!screen.typed);
    assert!(screen.report.findings.iter().any(|f| f.rule == "blame"));
    let ws = h.app.ws.as_ref().unwrap();
    assert_eq!(
        ws.draft("exam_failure:step1").unwrap().part("reason"),
        "It was unfair"
    );
}

#[test]
fn home_draws_before_the_coach_has_counted_and_fills_in_after() {
    let mut h = Harness::fresh();
    store::write_profile_text(&h.paths, store::DEMO_PROFILE, false).unwrap();
    let ws = Workspace::open(h.paths.clone(), "2026-11".parse().unwrap()).unwrap();
    h.msg(Msg::Loaded(Box::new(ws)));
    assert!(
        h.app.counts.per_draft.is_empty(),
        "nothing checked before the first frame"
    );
    assert_eq!(
        h.app.next_wake_ms(),
        Some(0),
        "the loop wakes at once to count"
    );
    h.idle(0);
    assert_eq!(h.app.counts.per_draft.len(), 9);
    assert!(h.app.take_redraw());
}

#[test]
fn a_draft_from_a_newer_flagdraft_opens_read_only() {
    let mut h = Harness::fresh();
    store::write_profile_text(&h.paths, store::DEMO_PROFILE, false).unwrap();
    let mut ws = Workspace::open(h.paths.clone(), "2026-11".parse().unwrap()).unwrap();
    ws.sync_drafts(NOW, true);
    let path = draft_path(&h.paths, "exam_failure:step1");
    let newer = std::fs::read_to_string(&path).unwrap().replacen(
        "version: 1,",
        "version: 2,\n    tone: \"warm\",",
        1,
    );
    std::fs::write(&path, &newer).unwrap();
    let ws = Workspace::open(h.paths.clone(), "2026-11".parse().unwrap()).unwrap();
    h.msg(Msg::Loaded(Box::new(ws)));
    assert!(h.app.note.as_ref().unwrap().0.contains("read only"));
    h.feed(&format!("{}<enter><enter>Some words<esc>r", to_step1()));
    let ws = h.app.ws.as_ref().unwrap();
    let d = ws.draft("exam_failure:step1").unwrap();
    assert!(d.read_only);
    assert_eq!(d.part("reason"), "", "typing changes nothing");
    assert_eq!(d.status, Status::Empty, "nor can it be marked ready");
    h.feed("<esc><esc>q");
    assert!(h.app.quitting());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        newer,
        "the file is as it was"
    );
}

#[test]
fn quitting_saves_the_profile_form_or_holds_once_for_a_wrong_field() {
    // A good change is saved on the way out.
    let mut h = Harness::demo();
    h.feed("p<enter><ctrl-a><ctrl-k>Nadia R.<enter><ctrl-c>");
    assert!(h.app.quitting());
    assert_eq!(
        store::load_profile(&h.paths.profile())
            .unwrap()
            .name
            .as_deref(),
        Some("Nadia R.")
    );

    // A wrong field holds the first quit, and the second leaves without the change.
    let mut h = Harness::demo();
    h.feed("p<down><down><enter><backspace><backspace>13<enter><ctrl-c>");
    assert!(!h.app.quitting());
    assert!(h.app.note.as_ref().unwrap().0.contains("marked in red"));
    h.feed("<ctrl-c>");
    assert!(h.app.quitting());
    let saved = store::load_profile(&h.paths.profile()).unwrap();
    assert_eq!(saved.graduation.to_string(), "2018-07");
}

#[test]
fn ctrl_c_quits_from_the_confirm_question_too() {
    let mut h = Harness::demo();
    h.feed("e");
    h.feed("e");
    assert!(
        h.app.confirm.is_some(),
        "saving a draft with errors asks first"
    );
    h.feed("<ctrl-c>");
    assert!(h.app.quitting());
    assert!(h.app.confirm.is_none());
}

#[test]
fn a_draft_previews_only_the_outputs_it_chose() {
    let mut h = Harness::demo();
    // The visa plan is answered at interview only: its draft opens on that answer, and
    // switching the preview stays there.
    let down = "j".repeat(common::demo::row_of("visa_plan"));
    h.feed(&format!("{down}<enter><enter>"));
    let screen = h.app.draft.as_ref().unwrap();
    assert_eq!(screen.flag, "visa_plan");
    assert_eq!(screen.output, Output::Interview);
    h.feed("<ctrl-o>");
    assert_eq!(h.app.draft.as_ref().unwrap().output, Output::Interview);
    // A failed Step chose ERAS, the statement and the interview: all three in turn.
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter><enter>", to_step1()));
    let mut seen = vec![h.app.draft.as_ref().unwrap().output];
    for _ in 0..3 {
        h.feed("<ctrl-o>");
        seen.push(h.app.draft.as_ref().unwrap().output);
    }
    assert_eq!(
        seen,
        [
            Output::Eras,
            Output::Statement,
            Output::Interview,
            Output::Eras
        ]
    );
}
