//! The full-screen app without a terminal: key strings drive `update`, effects run
//! against a private temporary data folder, and screens render into a TestBackend.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::demo::to_step1;
use common::harness::{Harness, NOW};
use flagdraft::core::assemble::{Output, assemble};
use flagdraft::core::draft::{DRAFT_VERSION, STORY_VERSION, Status};
use flagdraft::store;
use flagdraft::store::drafts::{draft_path, load_drafts, parse_draft};
use flagdraft::store::workspace::Workspace;
use flagdraft::tui::keymap::{Keymap, parse_sequence};
use flagdraft::tui::msg::Msg;
use flagdraft::tui::screens::Route;

/// The sizes the layouts are checked at: a usual window, the classic terminal, a small one.
const SIZES: [(u16, u16); 3] = [(100, 30), (80, 24), (60, 20)];

fn three_sizes(h: &mut Harness, name: &str) {
    for (w, ht) in SIZES {
        h.msg(Msg::Resize(w, ht));
        insta::assert_snapshot!(format!("{name}_{w}x{ht}"), h.screen(w, ht));
    }
    h.msg(Msg::Resize(100, 30));
}

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
    three_sizes(&mut h, "home");
}

#[test]
fn flag_screen() {
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter>", to_step1()));
    assert_eq!(h.app.route, Route::Flag);
    three_sizes(&mut h, "flag");
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
    three_sizes(&mut h, "help_draft");
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
    // Down to the exam record, the Step 1 failure and the low Step 2 CK told as one
    // story: its draft opens on the first empty part.
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
        "I failed USMLE Step 1 in March 2019 and scored 217 on USMLE Step 2 CK in June 2020. \
         I relied on rereading and did too few timed questions. \
         I set a daily block of forty timed questions and met a tutor weekly. I passed USMLE Step 1 in \
         September 2019. The planning habit now keeps my adult and pediatric reading on track."
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
    // The incident led a story with the repeated course, which is still found: the
    // draft goes on for it, words and all, rather than being orphaned.
    let story = ws
        .drafts
        .iter()
        .find(|d| d.flag == "professionalism:2017-02")
        .unwrap();
    assert!(!story.orphaned, "it still explains the repeat");
    assert!(story.explains("repeated_course:2016-11"));
    assert_eq!(
        ws.drafts
            .iter()
            .filter(|d| d.explains("repeated_course:2016-11"))
            .count(),
        1
    );
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
    // A click on a flag's title selects it, wherever its rows are drawn.
    let text = h.screen_text(100, 30);
    let row = text
        .lines()
        .position(|l| l.contains("Unclear visa plan"))
        .unwrap();
    h.msg(mouse(
        MouseEventKind::Down(MouseButton::Left),
        u16::try_from(row).unwrap(),
    ));
    assert_eq!(h.app.home.selected, common::demo::row_of("visa_plan"));
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

/// The demo's Step 1 draft with an answer of the length an applicant writes.
fn write_step1_answer(h: &mut Harness) {
    let d = h.draft_mut("exam_failure:step1");
    d.set_part(
        "reason",
        "I had prepared by rereading my notes and never timed myself, so I did not know how \
         far behind I was until the exam."
            .into(),
        NOW,
    );
    d.set_part(
        "actions",
        "I changed how I studied: a fixed schedule of timed blocks of forty questions each \
         morning, a review of every wrong answer the same afternoon, and a meeting with a \
         tutor every Friday to go over my weakest subjects. I tracked my practice scores in \
         a table each week, and when one subject lagged I moved it to the first block of \
         the day."
            .into(),
        NOW,
    );
    d.set_part(
        "link",
        "I still plan my reading weeks ahead and ask for feedback early. On my medicine \
         rotation last spring I asked my attending for a mid-point review, and it changed \
         how I presented patients. I will bring both habits to the adult and the pediatric \
         wards, where there is always more to read than time allows. Sunflowers."
            .into(),
        NOW,
    );
}

/// Each row of a drawn screen whose border starts on the left closes on the right.
fn assert_borders_whole(screen: &str) {
    let rows: Vec<&str> = screen.lines().collect();
    for row in &rows[..rows.len() - 1] {
        let first = row.chars().next().unwrap_or(' ');
        let last = row.chars().last().unwrap_or(' ');
        let closes = match first {
            '┌' => '┐',
            '│' => '│',
            '└' => '┘',
            _ => continue,
        };
        assert!(
            last == closes || (first == '│' && matches!(last, '┐' | '┘' | '│' | '█')),
            "a border is broken:\n{row}\n\n{screen}"
        );
    }
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
    three_sizes(&mut h, "practice_reading");
    h.feed(" ");
    let ws = h.app.ws.as_ref().unwrap();
    let last = ws.history.attempts.last().unwrap();
    assert_eq!(last.seconds, 72);
    assert!(last.words > 0, "the words read are kept, for the pace");
    let saved = store::load_history(&h.paths).unwrap();
    assert_eq!(saved.attempts.len(), 1);
}

#[test]
fn practice_read_aloud_reaches_every_word_of_a_long_answer_in_a_small_window() {
    for (w, ht) in [(60, 20), (80, 24)] {
        let mut h = Harness::demo();
        write_step1_answer(&mut h);
        h.feed("t");
        h.msg(Msg::Resize(w, ht));
        h.rt.fix_clock(10_000, NOW);
        // The clock starts; reading begins at the top and ↓ scrolls the answer.
        h.feed(" ");
        let text = {
            let ws = h.app.ws.as_ref().unwrap();
            h.app.practice.as_ref().unwrap().answer(ws).unwrap().text()
        };
        let first = h.screen_text(w, ht);
        assert!(
            !first.contains("Sunflowers."),
            "{w}×{ht}: the test needs an answer longer than the window\n{first}"
        );
        let mut seen = first.clone();
        for _ in 0..40 {
            h.feed("<down>");
            let screen = h.screen_text(w, ht);
            assert_borders_whole(&screen);
            seen.push('\n');
            seen.push_str(&screen);
        }
        for word in text.split_whitespace() {
            assert!(seen.contains(word), "{w}×{ht}: “{word}” is never shown");
        }
        let last = h.screen_text(w, ht);
        assert!(last.contains("Sunflowers."), "{w}×{ht}:\n{last}");
        // Several lines of the answer show at once, not one to four.
        let rows = last
            .lines()
            .filter(|l| l.contains("wards") || l.contains("read than") || l.contains("both habits"))
            .count();
        assert!(rows >= 2, "{w}×{ht}:\n{last}");
        // The clock still stops, and esc then hands the keys back to the list.
        h.feed(" <esc><down>");
        assert_eq!(h.app.practice.as_ref().unwrap().selected, 1);
    }
}

#[test]
fn practice_questions_are_whole_or_cut_at_a_word_and_the_chosen_one_is_whole() {
    for (w, ht) in [(100, 30), (80, 24), (60, 20)] {
        let mut h = Harness::demo();
        h.feed("t");
        h.msg(Msg::Resize(w, ht));
        for _ in 0..4 {
            let screen = h.screen_text(w, ht);
            assert_borders_whole(&screen);
            let practice = h.app.practice.as_ref().unwrap();
            let questions: Vec<String> = practice
                .items
                .iter()
                .map(|i| i.question.text.clone())
                .collect();
            // The chosen question, every word of it, on screen.
            let chosen = &questions[practice.selected];
            let flat = screen.replace(['│', '\n'], " ");
            for word in chosen.split_whitespace() {
                assert!(
                    flat.contains(word),
                    "{w}×{ht}: “{word}” of the question is cut"
                );
            }
            // A shortened question ends on a whole word.
            for row in screen.lines() {
                let Some(at) = row.find('…') else { continue };
                let shown = row[..at].trim_start_matches(['│', ' ']).trim_end();
                let whole = questions.iter().any(|q| {
                    q.starts_with(shown)
                        && q[shown.len()..].starts_with([' ', ',', '.', '?', ';', ':'])
                });
                assert!(whole, "{w}×{ht}: cut mid-word: {row}");
            }
            h.feed("<down>");
        }
    }
}

#[test]
fn practice_draws_every_pane_and_mode_at_any_size() {
    let sizes = [
        (1, 1),
        (20, 5),
        (50, 15),
        (60, 20),
        (80, 24),
        (89, 30),
        (90, 30),
        (300, 100),
    ];
    let mut h = Harness::demo();
    write_step1_answer(&mut h);
    // Reading, timed; recall typing, then its result; the past attempts; a staple.
    let steps = [
        "t",
        " ",
        " <tab>",
        "<tab>",
        "m<enter>",
        "Um, I failed Step 1, like, and since then I plan ahead.<enter>",
        "<tab>",
        "<esc>jjjjjj",
        "<end>",
    ];
    for keys in steps {
        h.feed(keys);
        for (w, ht) in sizes {
            h.msg(Msg::Resize(w, ht));
            let screen = h.screen_text(w, ht);
            if w >= 50 && ht >= 15 {
                assert_borders_whole(&screen);
            }
        }
        h.msg(Msg::Resize(100, 30));
    }
    assert_eq!(h.app.route, Route::Practice);
}

#[test]
fn practice_recall_hides_the_draft_then_shows_what_was_covered() {
    let mut h = Harness::demo();
    h.feed("tm<enter>");
    assert!(h.app.practice.as_ref().unwrap().typing);
    both_sizes(&mut h, "practice_recall_typing");
    h.feed(
        "Um, I failed USMLE Step 1 in March 2019, then I built a plan with timed blocks. \
         Basically, I learned to plan early and ask for help.<enter>",
    );
    let screen = h.app.practice.as_ref().unwrap();
    let r = screen.recall.as_ref().unwrap();
    assert!(
        r.coverage.issue && r.coverage.did && r.coverage.learned,
        "{r:?}"
    );
    let fillers: Vec<&str> = r.heard.fillers.iter().map(|f| f.say.as_str()).collect();
    assert_eq!(fillers, ["um", "basically"]);
    assert!(
        r.findings.iter().all(|f| f.rule != "filler"),
        "counted once"
    );
    let shown = h.screen_text(100, 30);
    assert!(shown.contains("2 fillers"), "{shown}");
    three_sizes(&mut h, "practice_recall_result");
    let ws = h.app.ws.as_ref().unwrap();
    assert_eq!(
        ws.history.attempts.last().unwrap().mode,
        flagdraft::core::practice::Mode::Recall
    );
}

#[test]
fn practice_recall_marks_each_filler_in_what_was_said() {
    let mut h = Harness::demo();
    h.feed("tm<enter>");
    h.feed("So, um, I failed Step 1. It was, like, a hard year, you know.<enter>");
    let backend = h.screen(100, 30);
    let buf = backend.buffer();
    let text = h.screen_text(100, 30);
    // Under "You said", in the answer pane right of the list, each filler stands out
    // by itself (reversed, so without colour too); the words around it do not.
    let said_at = text.lines().position(|l| l.contains("You said")).unwrap();
    let reversed = |word: &str| {
        let (y, x) = text
            .lines()
            .enumerate()
            .skip(said_at + 1)
            .find_map(|(y, l)| {
                let chars: Vec<char> = l.chars().collect();
                let w: Vec<char> = word.chars().collect();
                (44..chars.len().saturating_sub(w.len()))
                    .find(|x| chars[*x..*x + w.len()] == w[..])
                    .map(|x| (y, x))
            })
            .unwrap_or_else(|| panic!("“{word}” not shown\n{text}"));
        let (x, y) = (u16::try_from(x).unwrap(), u16::try_from(y).unwrap());
        buf[(x, y)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    };
    for filler in ["So", "um", "like", "you know"] {
        assert!(reversed(filler), "“{filler}” is not marked\n{text}");
    }
    assert!(!reversed("hard"), "{text}");
    assert!(!reversed("failed"), "{text}");
    assert!(text.contains("4 fillers"), "{text}");
}

#[test]
fn practice_asks_the_common_questions_from_the_most_finished_draft() {
    let mut h = Harness::demo();
    {
        // The timeline story's draft, led by the years since graduation.
        let d = h.draft_mut("yog_gap");
        d.set_part(
            "reason",
            "I cared for my father through his cancer treatment.".into(),
            NOW,
        );
        d.set_part(
            "engagement",
            "I kept up with weekly online case conferences.".into(),
            NOW,
        );
        d.status = Status::Ready;
    }
    h.feed("t");
    let practice = h.app.practice.as_ref().unwrap();
    let first = &practice.items[0];
    assert_eq!(first.question.id, "difficulties");
    assert_eq!(first.flag.as_deref(), Some("yog_gap"));
    let screen = h.screen_text(100, 30);
    assert!(
        screen.contains("most finished") && screen.contains("(ready)"),
        "{screen}"
    );
    let ws = h.app.ws.as_ref().unwrap();
    let answer = practice.answer(ws).unwrap();
    assert!(answer.issue.contains("father"), "{answer:?}");
    // A flag's own questions still take its own draft.
    let own = practice
        .items
        .iter()
        .find(|i| i.question.id == "exam_what_changed")
        .unwrap();
    assert_eq!(own.flag.as_deref(), Some("exam_failure:step1"));
}

#[test]
fn practice_history_lists_past_attempts_with_a_trend() {
    let mut h = Harness::demo();
    write_step1_answer(&mut h);
    h.feed("t");
    // Two readings on two days, a short one and one inside the band, then a recall.
    let day =
        |n: u64, minutes: u64| flagdraft::core::stamp::Stamp(NOW.0 + n * 86_400 + minutes * 60);
    for (start, stop, now) in [(1_000, 41_000, day(0, 0)), (100_000, 175_000, day(1, 95))] {
        h.rt.fix_clock(start, now);
        h.feed(" ");
        h.rt.fix_clock(stop, now);
        h.feed(" ");
    }
    h.feed("m<enter>");
    h.rt.fix_clock(200_000, day(2, 750));
    h.press("I failed Step 1 in 2019, um, and since then I plan my reading weeks ahead.<enter>");
    // Tab: from the answer to the past attempts.
    h.feed("<tab>");
    assert_eq!(
        h.app.practice.as_ref().unwrap().pane,
        flagdraft::tui::screens::practice::Pane::History
    );
    let ws = h.app.ws.as_ref().unwrap();
    let attempts: Vec<_> = ws.history.of("difficulties").collect();
    assert_eq!(attempts.len(), 3);
    assert_eq!(attempts[1].seconds, 75);
    let pace = attempts[1].words_per_minute().unwrap();
    assert!((100..200).contains(&pace), "{pace}");
    let screen = h.screen_text(100, 30);
    assert!(
        screen.contains("3 attempts: 2 read aloud, 1 from memory"),
        "{screen}"
    );
    assert!(screen.contains(&format!("{pace}")), "{screen}");
    assert!(screen.contains("2026-11-26  08:00"), "{screen}");
    assert!(screen.contains("2026-11-28  20:30"), "{screen}");
    assert!(screen.contains("2 of 3"), "{screen}");
    three_sizes(&mut h, "practice_history");
    for (w, ht) in [(80, 24), (60, 20)] {
        h.msg(Msg::Resize(w, ht));
        let screen = h.screen_text(w, ht);
        assert_borders_whole(&screen);
        assert!(
            screen.contains("memory"),
            "{w}×{ht}: the newest attempt shows\n{screen}"
        );
    }
    // A long record scrolls to its oldest attempt at the smallest size.
    {
        let ws = h.app.ws.as_mut().unwrap();
        for n in 1..=20u32 {
            ws.history.record(flagdraft::core::practice::Attempt {
                question: "difficulties".into(),
                mode: flagdraft::core::practice::Mode::ReadAloud,
                date: day(u64::from(n) + 2, 0),
                seconds: 60 + n,
                words: 160,
                coverage: None,
            });
        }
    }
    h.msg(Msg::Resize(60, 20));
    let first = h.screen_text(60, 20);
    assert!(first.contains("2026-12-18"), "the newest first\n{first}");
    assert!(!first.contains("2026-11-26"), "{first}");
    h.feed("<end>");
    let last = h.screen_text(60, 20);
    assert!(last.contains("2026-11-26  08:00  aloud   0:40"), "{last}");
    assert_borders_whole(&last);
    // Esc hands the keys back to the questions, a second esc leaves.
    h.feed("<esc>");
    assert_eq!(h.app.route, Route::Practice);
    h.feed("<esc>");
    assert_eq!(h.app.route, Route::Home);
}

#[test]
fn the_export_screen_lists_every_output_and_saves_ready_drafts() {
    let mut h = Harness::demo();
    h.feed("e");
    assert_eq!(h.app.route, Route::Export);
    three_sizes(&mut h, "export");
    h.feed("E");
    assert!(
        h.app
            .note
            .as_ref()
            .unwrap()
            .0
            .contains("No draft is marked ready")
    );
    // Mark the Step 1 draft ready (asked first: it is unfinished), then save
    // everything ready (asked first: it needs a look).
    h.feed(&format!(
        "<esc>{}<enter><enter><esc>ry<esc><esc>e",
        to_step1()
    ));
    h.feed("E");
    assert!(h.app.confirm.is_some());
    h.feed("y");
    let files: Vec<_> = std::fs::read_dir(h.paths.exports())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let md = std::fs::read_to_string(&files[0]).unwrap();
    assert!(
        md.contains("## The exam record · exam_failure:step1"),
        "{md}"
    );
    assert!(md.contains("> Not yet explained"), "{md}");
    assert!(
        md.contains("> Marked ready, but each of these needs a look"),
        "{md}"
    );
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
    // A count per draft: the demo's nine flags are told in five stories.
    assert_eq!(h.app.counts.per_draft.len(), 5);
    assert!(h.app.take_redraw());
}

#[test]
fn a_draft_from_a_newer_flagdraft_opens_read_only() {
    let mut h = Harness::fresh();
    store::write_profile_text(&h.paths, store::DEMO_PROFILE, false).unwrap();
    let mut ws = Workspace::open(h.paths.clone(), "2026-11".parse().unwrap()).unwrap();
    ws.sync_drafts(NOW, true);
    let path = draft_path(&h.paths, "exam_failure:step1");
    // The exam story is written at the story version; one above the newest this
    // build knows is newer still.
    let newer = std::fs::read_to_string(&path).unwrap().replacen(
        &format!("version: {STORY_VERSION},"),
        &format!("version: {},\n    tone: \"warm\",", DRAFT_VERSION + 1),
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

// ---------------------------------------------------------------------------
// Every word reachable on the Draft screen; keys that never leave you typing;
// ready means ready.
// ---------------------------------------------------------------------------

/// The words the gap draft's reason part is given: five findings (an error, three
/// warnings, a suggestion) in one part.
const TROUBLED: &str =
    "It was due to personal reasons and it was unfair, I was devastated and I think I am sorry.";

/// The demo's first gap draft open on its reason part (long guidance, two long examples
/// shown), holding `TROUBLED`, with the parts list focused.
fn troubled_gap_draft() -> Harness {
    // The gap told alone, in a draft of its own (tests/tui_stories.rs draws a story).
    let mut h = Harness::demo_alone();
    let down = "j".repeat(common::demo::row_alone("training_gap:2020-07"));
    h.feed(&format!("{down}<enter><enter>"));
    assert_eq!(h.app.route, Route::Draft);
    // Up to the reason part (its facts are prefilled), after which the words go.
    while part_key(&h) != "reason" {
        h.feed("<alt-up>");
    }
    h.feed(&format!(" {TROUBLED}"));
    h.feed("<esc>x");
    h
}

/// The key of the part the Draft screen is on.
fn part_key(h: &Harness) -> String {
    let ws = h.app.ws.as_ref().unwrap();
    let screen = h.app.draft.as_ref().unwrap();
    let t = ws
        .templates
        .get(ws.draft(&screen.flag).unwrap().kind.family())
        .unwrap();
    t.parts[screen.part].key.clone()
}

fn draft_findings_here(h: &Harness) -> Vec<String> {
    let screen = h.app.draft.as_ref().unwrap();
    screen
        .report
        .findings
        .iter()
        .filter(|f| f.part.as_deref() == Some("reason") || f.part.is_none())
        .map(|f| f.name.clone())
        .collect()
}

#[test]
fn the_draft_screen_keeps_the_parts_findings_and_guidance_in_reach_at_every_size() {
    let mut h = troubled_gap_draft();
    let names = draft_findings_here(&h);
    assert!(names.len() >= 3, "{names:?}");
    for (w, ht) in SIZES {
        h.msg(Msg::Resize(w, ht));
        insta::assert_snapshot!(format!("draft_findings_{w}x{ht}"), h.screen(w, ht));
        let text = h.screen_text(w, ht);
        // Rules by their names, counts in words, no id and no "error(s)".
        assert!(
            !text.contains("vague:") && !text.contains("blame:"),
            "{text}"
        );
        assert!(!text.contains("error(s)"), "{text}");
        if w >= 80 {
            // The parts list stays, each name whole: wrapped, never cut mid-word.
            assert!(text.contains(" Parts "), "{w}x{ht}:\n{text}");
            assert!(
                text.contains("Med-Peds") || text.contains("medicine"),
                "{text}"
            );
            assert!(!text.contains("Why you are ready for │"), "{text}");
        }
    }
    h.msg(Msg::Resize(100, 30));
}

#[test]
fn the_third_finding_and_the_last_words_of_the_guidance_can_be_reached() {
    for (w, ht) in SIZES {
        let mut h = troubled_gap_draft();
        h.msg(Msg::Resize(w, ht));
        // Tab: the guidance, then (past the editor) the coach's findings.
        h.feed("<tab><tab>");
        assert_eq!(h.app.context(), flagdraft::tui::keymap::Context::List);
        h.feed("<down><down>");
        let screen = h.app.draft.as_ref().unwrap();
        let third = &screen.report.findings[screen.finding.unwrap()];
        assert_eq!(
            Some(third.name.clone()),
            draft_findings_here(&h).get(2).cloned()
        );
        let text = h.screen_text(w, ht);
        let shown = text.replace(['│', '\n'], " ");
        let squeezed: String = shown.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            squeezed.contains(&format!("{}:", third.name)),
            "{w}x{ht}: the third finding ({}) is on screen:\n{text}",
            third.name
        );
        if w == 80 {
            insta::assert_snapshot!("draft_third_finding_80x24", h.screen(w, ht));
        }
        // Back to the guidance, to its end: the last example's last words show.
        h.feed("<backtab><end>");
        let text = h.screen_text(w, ht);
        assert!(
            text.contains("cared for her at home."),
            "{w}x{ht}: the end of the guidance:\n{text}"
        );
        if w == 60 {
            insta::assert_snapshot!("draft_guidance_end_60x20", h.screen(w, ht));
        }
    }
}

#[test]
fn n_then_i_sets_the_finding_aside_and_types_nothing() {
    let mut h = Harness::demo();
    h.feed(&format!(
        "{}<enter><enter>I was away due to personal reasons for a year.",
        to_step1()
    ));
    // From the parts list, n goes to the vague words; i then sets them aside.
    h.feed("<esc><home>n");
    assert_eq!(h.app.context(), flagdraft::tui::keymap::Context::List);
    let screen = h.app.draft.as_ref().unwrap();
    let f = screen.current_finding(h.app.ws.as_ref().unwrap()).unwrap();
    assert_eq!(f.rule, "vague");
    h.feed("i");
    assert!(h.app.prompt.is_some(), "i asks why, it does not type");
    h.feed("my family asked me to keep it private<enter>");
    h.idle(1_000);
    let ws = h.app.ws.as_ref().unwrap();
    let d = ws.draft("exam_failure:step1").unwrap();
    assert_eq!(
        d.part("reason"),
        "I was away due to personal reasons for a year."
    );
    assert_eq!(d.dismissed.len(), 1);
    assert_eq!(d.dismissed[0].rule, "vague");
    // n again, and Ctrl-G from the editor: neither leaves the keys with the editor.
    h.feed("n");
    assert_eq!(h.app.context(), flagdraft::tui::keymap::Context::List);
    h.feed("<enter>");
    assert_eq!(h.app.context(), flagdraft::tui::keymap::Context::Editor);
    h.feed("<ctrl-g>");
    assert_eq!(h.app.context(), flagdraft::tui::keymap::Context::List);
    h.feed("i<esc>");
    let ws = h.app.ws.as_ref().unwrap();
    assert_eq!(
        ws.draft("exam_failure:step1").unwrap().part("reason"),
        "I was away due to personal reasons for a year."
    );
}

#[test]
fn tab_moves_between_panes_without_ever_landing_in_the_editor() {
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter><enter><esc>", to_step1()));
    for _ in 0..8 {
        h.feed("<tab>");
        assert_eq!(h.app.context(), flagdraft::tui::keymap::Context::List);
    }
    for _ in 0..8 {
        h.feed("<backtab>");
        assert_eq!(h.app.context(), flagdraft::tui::keymap::Context::List);
    }
    h.feed("<enter>");
    assert_eq!(h.app.context(), flagdraft::tui::keymap::Context::Editor);
}

#[test]
fn a_stray_letter_does_not_answer_a_part() {
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter><enter>i", to_step1()));
    let screen = h.app.draft.as_ref().unwrap();
    assert!(
        screen
            .report
            .findings
            .iter()
            .any(|f| f.rule == "required_empty" && f.part.as_deref() == Some("reason")),
        "one letter leaves the part unanswered"
    );
    let text = h.screen_text(100, 30);
    assert!(text.contains("• Why, in your part"), "{text}");
    // A sentence answers it.
    h.feed("<backspace>I relied on rereading and too few timed questions.");
    let text = h.screen_text(100, 30);
    assert!(text.contains("✓ Why, in your part"), "{text}");
}

#[test]
fn marking_ready_a_draft_with_problems_asks_first_and_names_them() {
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter><enter>x<esc>r", to_step1()));
    let question = h.app.confirm.as_ref().map(|c| c.question.clone());
    let question = question.expect("r asks first");
    assert!(question.contains("required part"), "{question}");
    assert!(question.contains("What you changed"), "{question}");
    h.feed("n");
    let ws = h.app.ws.as_ref().unwrap();
    assert_ne!(
        ws.draft("exam_failure:step1").unwrap().status,
        Status::Ready
    );
    // A yes marks it, and it shows as needing a look.
    h.feed("ry");
    let ws = h.app.ws.as_ref().unwrap();
    assert_eq!(
        ws.draft("exam_failure:step1").unwrap().status,
        Status::Ready
    );
    assert!(h.screen_text(100, 30).contains("ready, needs a look"));
    // r on a ready draft takes it back at once.
    h.feed("r");
    assert!(h.app.confirm.is_none());
    let ws = h.app.ws.as_ref().unwrap();
    assert_ne!(
        ws.draft("exam_failure:step1").unwrap().status,
        Status::Ready
    );
}

/// The Step 1 draft written in full and marked ready: nothing wrong with it.
fn ready_step1() -> Harness {
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter><enter>", to_step1()));
    h.feed("I relied on rereading and did too few timed questions.<alt-down>");
    h.feed(
        "I set a daily block of forty timed questions and met a tutor weekly.<alt-down><alt-down>",
    );
    h.feed("The planning habit now keeps my adult and pediatric reading on track.");
    h.feed("<esc>r");
    assert!(h.app.confirm.is_none(), "nothing wrong, nothing asked");
    let ws = h.app.ws.as_ref().unwrap();
    assert_eq!(
        ws.draft("exam_failure:step1").unwrap().status,
        Status::Ready
    );
    h
}

#[test]
fn a_ready_draft_that_breaks_later_shows_as_needing_a_look() {
    let mut h = ready_step1();
    assert!(!h.screen_text(100, 30).contains("needs a look"));
    // A longer text: far over the field's limit.
    h.feed("<enter>");
    h.msg(Msg::Paste(" More words that run on.".repeat(25)));
    h.feed("<esc>");
    let text = h.screen_text(100, 30);
    assert!(text.contains("ready, needs a look"), "{text}");
    let ws = h.app.ws.as_ref().unwrap();
    assert_eq!(
        ws.draft("exam_failure:step1").unwrap().status,
        Status::Ready,
        "nothing is stored: it is still marked ready"
    );
    // Export lists it so, with what is wrong, and asks before saving every ready draft.
    h.feed("<esc><esc><esc>e");
    assert_eq!(h.app.route, Route::Export);
    let text = h.screen_text(100, 30);
    assert!(text.contains("ready, needs a look"), "{text}");
    assert!(text.contains("Needs a look: the ERAS text is"), "{text}");
    h.feed("E");
    let question = h.app.confirm.as_ref().map(|c| c.question.clone()).unwrap();
    assert!(
        question.contains("1 draft marked ready needs a look"),
        "{question}"
    );
    h.feed("y");
    let files: Vec<_> = std::fs::read_dir(h.paths.exports())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let md = std::fs::read_to_string(&files[0]).unwrap();
    let top = md.split("## ").next().unwrap();
    assert!(top.contains("needs a look"), "{md}");
    assert!(top.contains("exam_failure:step1"), "{md}");
    // Home says so too.
    h.feed("<esc>");
    assert_eq!(h.app.route, Route::Home);
    h.idle(0);
    let text = h.screen_text(100, 30);
    assert!(text.contains("needs a look"), "{text}");
}

#[test]
fn a_shorter_field_makes_a_ready_draft_need_a_look() {
    let mut h = ready_step1();
    // f switches the ERAS field until one is shorter than the text.
    let mut looked = false;
    for _ in 0..8 {
        h.feed("f");
        if h.screen_text(100, 30).contains("ready, needs a look") {
            looked = true;
            break;
        }
    }
    assert!(looked, "{}", h.screen_text(100, 30));
}

#[test]
fn the_question_before_marking_ready_shows_in_full() {
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter><enter>x<esc>r", to_step1()));
    let question = h.app.confirm.as_ref().unwrap().question.clone();
    for (w, ht) in [(100, 30), (60, 20)] {
        h.msg(Msg::Resize(w, ht));
        let text = h.screen_text(w, ht);
        let shown: String = text
            .replace('│', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            shown.contains("Mark it ready anyway?") && shown.contains("Med-Peds). (y/n)"),
            "{w}x{ht}:\n{text}"
        );
        assert!(
            shown.contains("Why you are ready for Med-Peds"),
            "{question}\n{text}"
        );
    }
    insta::assert_snapshot!("draft_ready_question_60x20", h.screen(60, 20));
}

// ---------------------------------------------------------------------------
// Every word visible, no traps: the chrome, Home, Flag, Export and the help.

/// The words on screen, without spaces or box lines: text wrapped over rows of one
/// full-width pane reads on as it was written.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !"│─┌┐└┘".contains(*c))
        .collect()
}

/// Whether every word of `words` is on screen whole, as a word of its own.
fn shows_words(text: &str, words: &str) -> bool {
    let on_screen: std::collections::HashSet<&str> = text
        .split(|c: char| c.is_whitespace() || "│─┌┐└┘,".contains(c))
        .collect();
    words
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .all(|w| on_screen.contains(w))
}

/// Every box opened on a row is closed on it, and nothing on a border runs into its
/// corner (where a title cut short would).
fn assert_boxes_whole(text: &str, what: &str) {
    for (y, row) in text.lines().enumerate() {
        let chars: Vec<char> = row.chars().collect();
        for (open, close) in [('┌', '┐'), ('└', '┘')] {
            let mut i = 0;
            while i < chars.len() {
                if chars[i] == open {
                    let Some(end) = chars[i + 1..]
                        .iter()
                        .position(|c| *c == close)
                        .map(|p| p + i + 1)
                    else {
                        panic!("{what}: row {y} opens a box it does not close:\n{text}");
                    };
                    assert!(
                        matches!(chars[end - 1], '─' | ' ' | '┌' | '└'),
                        "{what}: row {y}: words run into the corner:\n{text}"
                    );
                    i = end;
                }
                i += 1;
            }
        }
    }
}

/// The status line (the last row) of the app drawn at `w`×`h`.
fn status_line(h: &Harness, w: u16, ht: u16) -> String {
    h.screen_text(w, ht).lines().last().unwrap().to_string()
}

/// Mark the demo's Step 1 draft ready, as if it had been written and marked.
fn step1_ready(h: &mut Harness) {
    let d = h.draft_mut("exam_failure:step1");
    d.status = Status::Ready;
}

#[test]
fn home_shows_every_word_in_whole_boxes_at_every_size() {
    let mut h = Harness::demo();
    step1_ready(&mut h);
    // Each story's name (a story of one flag goes by its flag's title) and the titles
    // of the flags it tells.
    let ws = h.app.ws.as_ref().unwrap();
    let titles: Vec<Vec<String>> = ws
        .told()
        .iter()
        .map(|s| {
            std::iter::once(s.name.clone())
                .chain(s.flags.iter().map(|id| ws.flag(id).unwrap().title.clone()))
                .collect()
        })
        .collect();
    let warning = "⚠ On your record, not yet explained: 2 flags, marked ⚠ below.";
    for (w, ht) in SIZES.into_iter().chain([(160, 45)]) {
        h.msg(Msg::Resize(w, ht));
        h.feed("g");
        let text = h.screen_text(w, ht);
        assert!(!text.contains('…'), "{w}x{ht}: a word is cut:\n{text}");
        assert_boxes_whole(&text, &format!("Home at {w}x{ht}"));
        // The bar stands apart from its words.
        assert!(text.contains("1 of 5 drafts ready  █"), "{w}x{ht}:\n{text}");
        assert!(
            squeeze(&text).contains(&squeeze(warning)),
            "{w}x{ht}:\n{text}"
        );
        assert!(!text.contains("PD"), "{w}x{ht}:\n{text}");
        // Each title whole, once the list has scrolled to its story.
        for (i, story) in titles.iter().enumerate() {
            if i > 0 {
                h.feed("j");
            }
            let text = h.screen_text(w, ht);
            for title in story {
                assert!(shows_words(&text, title), "{w}x{ht}: {title}\n{text}");
            }
            assert!(!text.contains('…'), "{w}x{ht}: a word is cut:\n{text}");
        }
    }
}

#[test]
fn home_details_scroll_to_their_last_word() {
    let mut h = Harness::demo();
    let question = h.app.ws.as_ref().unwrap().flags[0].questions[0].clone();
    for (w, ht) in [(80, 24), (60, 20)] {
        h.msg(Msg::Resize(w, ht));
        let text = h.screen_text(w, ht);
        assert!(text.contains("↓ more"), "{w}x{ht}: more is marked\n{text}");
        assert!(!squeeze(&text).contains(&squeeze(&question)), "{text}");
        h.feed("<tab>G");
        let text = h.screen_text(w, ht);
        let words = format!("A program director may ask: {question}");
        assert!(
            squeeze(&text).contains(&squeeze(&words)),
            "{w}x{ht}:\n{text}"
        );
        assert!(text.contains("↑ more"), "{w}x{ht}:\n{text}");
        // Back to the list: the arrows choose flags again.
        h.feed("<tab>gj");
        assert_eq!(h.app.home.selected, 1);
        h.feed("g");
    }
}

#[test]
fn the_flag_screen_names_its_flag_in_words_and_scrolls_to_the_last_question() {
    let mut h = Harness::demo();
    h.feed(&format!("{}<enter>", to_step1()));
    let ws = h.app.ws.as_ref().unwrap();
    let flag = ws.flag("exam_failure:step1").unwrap().clone();
    let advice = ws.templates.get(flag.kind.family()).unwrap().venue_advice[0]
        .advice
        .clone();
    let last = flag.questions.last().unwrap().clone();
    for (w, ht) in SIZES {
        h.msg(Msg::Resize(w, ht));
        let text = h.screen_text(w, ht);
        assert!(
            !text.contains(&flag.id),
            "{w}x{ht}: an id where words belong\n{text}"
        );
        assert!(!text.contains('…'), "{w}x{ht}: a word is cut:\n{text}");
        assert_boxes_whole(&text, &format!("Flag at {w}x{ht}"));
        assert!(
            squeeze(&text).contains(&squeeze(&advice)),
            "{w}x{ht}:\n{text}"
        );
        h.feed("<tab>G");
        let text = h.screen_text(w, ht);
        assert!(
            squeeze(&text).contains(&squeeze(&last)),
            "{w}x{ht}:\n{text}"
        );
        h.feed("g<tab>");
    }
    // Between the panes, the arrows still choose a place to tick.
    h.feed("jw");
    let d = h.app.ws.as_ref().unwrap().draft(&flag.id).unwrap();
    assert!(!d.venues.contains(&flagdraft::core::flag::Venue::Statement));
}

#[test]
fn export_keeps_titles_whole_and_tells_two_experience_fields_apart() {
    // Two gaps told apart, each in a draft of its own.
    let mut h = Harness::demo_alone();
    {
        let gap = h.draft_mut("training_gap:2023-06");
        gap.field = Some("legacy_experience".into());
    }
    h.feed("e");
    let rows = h.app.export.as_ref().unwrap().rows.len();
    for (w, ht) in SIZES {
        h.msg(Msg::Resize(w, ht));
        h.feed("g");
        let mut seen = String::new();
        for i in 0..rows {
            if i > 0 {
                h.feed("j");
            }
            let text = h.screen_text(w, ht);
            assert!(!text.contains('…'), "{w}x{ht}: a word is cut:\n{text}");
            assert_boxes_whole(&text, &format!("Export at {w}x{ht}"));
            seen.push_str(&squeeze(&text));
        }
        for words in [
            "ERAS · Experience (old form)",
            "“Experience description (before the 2024 season)”",
            "“Experience description”",
            "ERAS · Education interruption",
        ] {
            assert!(seen.contains(&squeeze(words)), "{w}x{ht}: {words}");
        }
        assert!(!seen.contains("ch✗"), "{w}x{ht}");
    }
}

#[test]
fn help_lists_every_key_of_the_screen_and_scrolls_to_its_end() {
    use flagdraft::tui::keymap::{Context, DEFAULTS, show_key};
    use flagdraft::tui::screens::help::{handles, legend};
    let places = [
        ("", Route::Home),
        ("<enter>", Route::Flag),
        ("<enter><enter>", Route::Draft),
        ("e", Route::Export),
        ("p", Route::Profile),
        ("t", Route::Practice),
    ];
    for (keys, route) in places {
        let mut h = Harness::demo();
        h.feed(keys);
        assert_eq!(h.app.route, route);
        h.feed("<f1>");
        assert!(h.app.help, "{route:?}");
        let (w, ht) = (60, 20);
        h.msg(Msg::Resize(w, ht));
        let mut seen = String::new();
        for _ in 0..20 {
            let text = h.screen_text(w, ht);
            seen.push_str(&text);
            seen.push('\n');
            if !text.contains("↓ more") {
                break;
            }
            h.feed("<pagedown>");
        }
        assert!(
            seen.contains("closes this help"),
            "{route:?}: the end is reached"
        );
        let writes = matches!(route, Route::Draft | Route::Profile | Route::Practice);
        for (context, key, action) in DEFAULTS {
            let shown = match context {
                Context::Editor => writes,
                _ => true,
            };
            if shown && handles(route, *action) {
                assert!(
                    shows_words(&seen, &show_key(key)),
                    "{route:?}: {key} ({action:?}) is not in the help:\n{seen}"
                );
            }
        }
        for (mark, _) in legend(route) {
            assert!(shows_words(&seen, mark), "{route:?}: {mark}");
        }
        if route == Route::Draft {
            for key in [
                "c", "e", "n", "i", "ctrl-g", "ctrl-r", "ctrl-u", "ctrl-←", "ctrl-→",
            ] {
                assert!(shows_words(&seen, key), "Draft: {key}\n{seen}");
            }
        }
        h.feed("<esc>");
        assert!(!h.app.help);
    }
}

#[test]
fn every_mark_on_a_screen_is_explained_in_its_help() {
    use flagdraft::tui::screens::help::legend;
    const MARKS: &str = "✗✓•○⚠–█░▶▁▃▅—▏+↑↓!";
    let down = to_step1();
    let places = [
        (String::new(), Route::Home),
        (format!("{down}<enter>"), Route::Flag),
        ("j<enter>".to_string(), Route::Flag),
        (
            format!("{down}<enter><enter>It was unfair. I was devastated."),
            Route::Draft,
        ),
        ("e".to_string(), Route::Export),
        ("p".to_string(), Route::Profile),
        ("t".to_string(), Route::Practice),
    ];
    for (keys, route) in places {
        let mut h = Harness::demo();
        h.feed(&keys);
        assert_eq!(h.app.route, route);
        let marks: String = legend(route).iter().map(|(m, _)| *m).collect();
        for (w, ht) in SIZES {
            let text = h.screen_text(w, ht);
            let body: Vec<&str> = text.lines().collect();
            let body = body[..body.len() - 1].join("\n");
            for token in body.split(|c: char| c.is_whitespace() || "│─┌┐└┘".contains(c))
            {
                if token.is_empty() || !token.chars().all(|c| MARKS.contains(c)) {
                    continue;
                }
                for c in token.chars() {
                    assert!(
                        marks.contains(c),
                        "{route:?} at {w}x{ht}: {c} is drawn but not explained\n{body}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_status_line_tells_the_truth_about_saving() {
    let mut h = Harness::demo();
    assert!(
        status_line(&h, 100, 30).starts_with(" Home │ All saved │"),
        "{}",
        status_line(&h, 100, 30)
    );
    h.feed(&format!("{}<enter><enter>Some words", to_step1()));
    let line = status_line(&h, 100, 30);
    assert!(line.starts_with(" Draft │ Not saved yet │"), "{line}");
    h.feed("<esc>");
    let line = status_line(&h, 100, 30);
    assert!(!line.contains("editing"), "{line}");
    h.idle(flagdraft::tui::app::AUTOSAVE_MS + 1);
    assert!(h.app.unsaved.is_empty());
    let line = status_line(&h, 100, 30);
    assert!(line.starts_with(" Draft │ All saved │"), "{line}");
}

#[test]
fn status_hints_are_whole_and_help_is_always_named() {
    let down = to_step1();
    let places = [
        String::new(),
        format!("{down}<enter>"),
        format!("{down}<enter><enter>"),
        format!("{down}<enter><enter><esc>"),
        "e".to_string(),
        "p".to_string(),
        "t".to_string(),
    ];
    for keys in places {
        let mut h = Harness::demo();
        h.feed(&keys);
        for (w, ht) in [(50, 15), (60, 20), (80, 24)] {
            h.msg(Msg::Resize(w, ht));
            let line = status_line(&h, w, ht);
            assert!(
                line.trim_end().ends_with(" help"),
                "{keys} at {w}x{ht}: {line:?}"
            );
        }
    }
}

#[test]
fn a_long_message_is_shortened_at_a_word_and_read_in_full_with_ctrl_l() {
    use flagdraft::clipboard::Sent;
    let mut h = Harness::demo();
    h.feed("e");
    let hint = "tmux is not passing copies on: run `tmux set -g set-clipboard on` (and add it to ~/.tmux.conf)";
    h.msg(Msg::Copied(
        "ERAS text".into(),
        Sent {
            chars: 118,
            tmux_hint: Some(hint.into()),
        },
    ));
    let full = h.app.note.as_ref().unwrap().0.clone();
    assert!(full.contains(hint));
    for (w, ht) in SIZES {
        h.msg(Msg::Resize(w, ht));
        let line = status_line(&h, w, ht);
        assert!(line.contains("ctrl-l reads all"), "{w}x{ht}: {line:?}");
        let shown = line
            .split("│ ")
            .last()
            .unwrap()
            .split('…')
            .next()
            .unwrap()
            .trim_start_matches(['!', ' ']);
        assert!(full.starts_with(shown), "{shown:?}");
        let next = full[shown.len()..].chars().next();
        assert!(
            matches!(next, Some(' ' | ',' | ':' | ';')),
            "{w}x{ht}: cut inside a word: {line:?}"
        );
    }
    // A second message: both are kept, the newest first.
    h.feed("E");
    assert!(
        h.app
            .note
            .as_ref()
            .unwrap()
            .0
            .contains("No draft is marked ready")
    );
    h.feed("<ctrl-l>");
    assert!(h.app.messages_open);
    for (w, ht) in SIZES {
        h.msg(Msg::Resize(w, ht));
        let text = h.screen_text(w, ht);
        assert!(shows_words(&text, hint), "{w}x{ht}:\n{text}");
        let newest = text.find("No draft is marked ready").unwrap();
        let older = text.find("Sent 118").unwrap();
        assert!(newest < older, "{text}");
        assert_boxes_whole(&text, "messages");
    }
    h.feed("<esc>");
    assert!(!h.app.messages_open);
    assert_eq!(
        h.app.route,
        Route::Export,
        "closing the list leaves the screen as it was"
    );
}

#[test]
fn confirming_an_export_counts_errors_in_words() {
    let mut h = Harness::demo();
    h.feed("e");
    h.feed("e");
    let question = &h.app.confirm.as_ref().unwrap().question;
    assert!(
        question.contains("3 required parts not answered"),
        "{question}"
    );
    assert!(!question.contains("(s)"), "{question}");
}

#[test]
fn the_readme_key_table_is_made_from_the_keymap() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let open = readme
        .find("<!-- keys:")
        .expect("the README marks its key table");
    let start = open + readme[open..].find("-->\n").unwrap() + 4;
    let end = readme.find("<!-- /keys -->").unwrap();
    let want = flagdraft::tui::screens::help::markdown(&Keymap::default());
    assert_eq!(
        &readme[start..end],
        want,
        "the README's key table differs from the keymap; it should read:\n{want}"
    );
}
