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
                vec!["professionalism:2017-02", "repeated_course:2016-11"]
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

mod drafted {
    use super::*;
    use flagdraft::core::assemble::{Output, assemble, char_count};
    use flagdraft::core::draft::{Draft, Wording, merge, split, sync};
    use flagdraft::core::eras::ErasFields;
    use flagdraft::core::flag::Flag;
    use flagdraft::core::prefill::Facts;
    use flagdraft::core::profile::Profile;
    use flagdraft::core::stamp::Stamp;
    use flagdraft::core::story::alone;
    use flagdraft::core::template::Templates;
    use proptest::prelude::*;

    fn demo() -> (Profile, Knowledge, Vec<Flag>) {
        let profile =
            flagdraft::store::parse_profile(Path::new("demo"), flagdraft::store::DEMO_PROFILE)
                .unwrap();
        let knowledge = Knowledge::embedded();
        let flags = detect(&profile, &knowledge, profile.as_of.unwrap());
        (profile, knowledge, flags)
    }

    fn facts<'a>(p: &'a Profile, k: &'a Knowledge) -> Facts<'a> {
        Facts {
            profile: p,
            rules: &k.rules,
            today: p.as_of.unwrap(),
        }
    }

    #[test]
    fn the_demo_gets_one_draft_per_story_and_each_fits_its_field_as_prefilled() {
        let (p, k, flags) = demo();
        let told = stories(&flags, &StoryRules::embedded());
        let mut drafts = Vec::new();
        sync(&mut drafts, &flags, &told, facts(&p, &k), Stamp(1));
        assert_eq!(drafts.len(), 5);
        let templates = Templates::embedded();
        let fields = ErasFields::embedded();
        for (d, s) in drafts.iter().zip(&told) {
            assert_eq!(d.flags().collect::<Vec<_>>(), s.flags, "{}", s.id);
            let t = templates.get(d.kind.family()).unwrap();
            let field = fields.resolve_for(d.kind, d.field.as_deref());
            let eras = assemble(d, t, Output::Eras);
            // The facts alone fit the field.
            assert!(
                char_count(&eras) <= field.limit,
                "{}: {} of {} characters as prefilled: {eras}",
                s.id,
                char_count(&eras),
                field.limit
            );
        }
        // Synced again, nothing changes and nothing new appears.
        let again = sync(&mut drafts, &flags, &told, facts(&p, &k), Stamp(2));
        assert!(again.is_empty(), "{again:?}");
        assert_eq!(drafts.len(), 5);
    }

    /// Concise words an applicant might write in each part the prefill leaves open.
    fn drafted(key: &str) -> &'static str {
        match key {
            "reason" => "I read passively and did almost no timed practice.",
            "actions" => "I built a daily timed block and met a tutor weekly.",
            "responsibility" => "I had let my time-keeping slip; that was mine to fix.",
            "reflection" => "It taught me to plan care around a whole family.",
            "link" => "Two boards ahead need the same steady habits.",
            "insight" => "I learned to close the loop with nurses and families.",
            "programs" => "I applied only where J-1 residents have trained.",
            "documents" => "My ECFMG papers are ready.",
            _ => "I keep it short.",
        }
    }

    #[test]
    fn each_demo_story_fits_its_field_once_drafted() {
        let (p, k, flags) = demo();
        let told = stories(&flags, &StoryRules::embedded());
        let mut drafts = Vec::new();
        sync(&mut drafts, &flags, &told, facts(&p, &k), Stamp(1));
        let templates = Templates::embedded();
        let fields = ErasFields::embedded();
        for d in &mut drafts {
            let t = templates.get(d.kind.family()).unwrap();
            for part in &t.parts {
                if d.part(&part.key).trim().is_empty() {
                    d.parts
                        .insert(part.key.clone(), drafted(&part.key).to_string());
                }
            }
            let field = fields.resolve_for(d.kind, d.field.as_deref());
            let eras = assemble(d, t, Output::Eras);
            assert!(
                char_count(&eras) <= field.limit,
                "{}: {} of {}: {eras}",
                d.flag,
                char_count(&eras),
                field.limit
            );
        }
    }

    #[test]
    fn a_story_whose_lead_flag_is_gone_goes_on_for_the_flags_it_still_explains() {
        let (p, k, flags) = demo();
        let told = stories(&flags, &StoryRules::embedded());
        let mut drafts = Vec::new();
        sync(&mut drafts, &flags, &told, facts(&p, &k), Stamp(1));
        let exam = drafts
            .iter()
            .position(|d| d.flag == "exam_failure:step1")
            .unwrap();
        drafts[exam]
            .parts
            .insert("reason".into(), "My own reason.".into());
        let fewer: Vec<Flag> = flags
            .iter()
            .filter(|f| f.id != "exam_failure:step1")
            .cloned()
            .collect();
        let told = stories(&fewer, &StoryRules::embedded());
        sync(&mut drafts, &fewer, &told, facts(&p, &k), Stamp(2));
        assert!(!drafts[exam].orphaned, "it still explains the low score");
        assert_eq!(drafts[exam].part("reason"), "My own reason.");
        assert_eq!(drafts.len(), 5, "no second draft for the low score");
        // With every flag of it gone, it is kept as an orphan, words and all.
        let none: Vec<Flag> = fewer
            .iter()
            .filter(|f| f.id != "low_score:step2ck")
            .cloned()
            .collect();
        let told = stories(&none, &StoryRules::embedded());
        sync(&mut drafts, &none, &told, facts(&p, &k), Stamp(3));
        assert!(drafts[exam].orphaned);
        assert_eq!(drafts[exam].part("reason"), "My own reason.");
    }

    /// Words of a part: what must survive a merge and a split.
    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    /// Whether `needle`'s words appear in `hay`'s, in order (others may come between).
    fn in_order(needle: &[String], hay: &[String]) -> bool {
        let mut it = hay.iter();
        needle.iter().all(|w| it.any(|h| h == w))
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec("[A-Za-z]{1,8}[.,]?", 0..12).prop_map(|w| w.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Any two of the demo's drafts, each with any words in any part: merged, no
        /// word of either is lost and every flag is explained once; split again, the
        /// words all stay with the draft that kept its file, and the flags are as
        /// before.
        #[test]
        fn merge_and_split_round_trip_with_no_word_lost(
            a in 0usize..9,
            b in 0usize..9,
            texts_a in prop::collection::vec(text(), 5),
            texts_b in prop::collection::vec(text(), 5),
            own_a in text(),
            own_b in text(),
            leave in 0usize..9,
        ) {
            prop_assume!(a != b);
            let (p, k, flags) = demo();
            let templates = Templates::embedded();
            let mut drafts: Vec<Draft> = Vec::new();
            sync(&mut drafts, &flags, &alone(&flags), facts(&p, &k), Stamp(1));
            let fill = |d: &mut Draft, texts: &[String]| {
                let keys: Vec<String> = templates
                    .get(d.kind.family())
                    .unwrap()
                    .parts
                    .iter()
                    .map(|p| p.key.clone())
                    .collect();
                for (key, t) in keys.iter().zip(texts) {
                    if !t.is_empty() {
                        d.parts.insert(key.clone(), t.clone());
                    }
                }
            };
            let mut da = drafts[a].clone();
            let mut db = drafts[b].clone();
            fill(&mut da, &texts_a);
            fill(&mut db, &texts_b);
            // Each also words a part its own way for one output, and leaves one out.
            for (d, own) in [(&mut da, &own_a), (&mut db, &own_b)] {
                let keys: Vec<String> = templates
                    .get(d.kind.family())
                    .unwrap()
                    .parts
                    .iter()
                    .map(|p| p.key.clone())
                    .collect();
                if !own.is_empty() {
                    d.set_wording(Output::Eras, &keys[0], Wording::Text(own.clone()), Stamp(1));
                }
                d.set_wording(Output::Interview, keys.last().unwrap(), Wording::Left, Stamp(1));
            }
            let merged = merge(&da, &db, &templates, &flags, facts(&p, &k), Stamp(2));
            // Every flag of both, once.
            let mut got: Vec<&str> = merged.flags().collect();
            got.sort_unstable();
            let mut want: Vec<&str> = da.flags().chain(db.flags()).collect();
            want.sort_unstable();
            prop_assert_eq!(&got, &want);
            prop_assert_eq!(merged.flag.as_str(), da.flag.as_str());
            prop_assert_eq!(merged.version, 3, "it holds own wordings");
            prop_assert!(merged.seq > da.seq.max(db.seq));
            // Every word the applicant wrote is in the merged draft, in order within
            // its part, and every output's own words are in that output's wording.
            let all: Vec<String> = merged.parts.values().flat_map(|t| words(t)).collect();
            for d in [&da, &db] {
                for (key, t) in &d.parts {
                    if d.is_own(key) {
                        prop_assert!(in_order(&words(t), &all), "{key}: {t:?} lost in {:?}", merged.parts);
                    }
                }
                for (output, worded) in &d.wordings {
                    let theirs: Vec<String> = merged
                        .wordings
                        .get(output)
                        .into_iter()
                        .flat_map(|w| w.values())
                        .filter_map(|w| match w {
                            Wording::Text(t) => Some(t.as_str()),
                            Wording::Left => None,
                        })
                        .flat_map(words)
                        .collect();
                    for w in worded.values() {
                        if let Wording::Text(t) = w {
                            prop_assert!(in_order(&words(t), &theirs), "{output:?}: {t:?} lost");
                        }
                    }
                }
            }
            // Split one flag out again.
            let leaving_id = want[leave % want.len()].to_string();
            let mut kept = merged.clone();
            let leaving = split(&mut kept, &leaving_id, Stamp(3)).unwrap();
            prop_assert_eq!(&kept.parts, &merged.parts, "the words stay where they were");
            let mut after: Vec<&str> = kept.flags().chain(leaving.iter().map(String::as_str)).collect();
            after.sort_unstable();
            prop_assert_eq!(&after, &want);
            prop_assert!(!leaving.is_empty());
            prop_assert!(leaving.iter().all(|id| !kept.explains(id)));
            // Still holding own wordings, it stays at the version that has them.
            prop_assert_eq!(kept.version, kept.format_version());
            prop_assert_eq!(kept.version, 3);
        }
    }
}

mod coached {
    use super::*;
    use flagdraft::core::coach::Coach;
    use flagdraft::core::draft::{Draft, sync};
    use flagdraft::core::eras::ErasFields;
    use flagdraft::core::prefill::Facts;
    use flagdraft::core::stamp::Stamp;
    use flagdraft::core::template::Templates;

    /// The demo's drafts, one per story.
    fn drafts() -> Vec<Draft> {
        let profile =
            flagdraft::store::parse_profile(Path::new("demo"), flagdraft::store::DEMO_PROFILE)
                .unwrap();
        let knowledge = Knowledge::embedded();
        let today = profile.as_of.unwrap();
        let flags = detect(&profile, &knowledge, today);
        let facts = Facts {
            profile: &profile,
            rules: &knowledge.rules,
            today,
        };
        let mut drafts = Vec::new();
        sync(
            &mut drafts,
            &flags,
            &stories(&flags, &StoryRules::embedded()),
            facts,
            Stamp(1),
        );
        drafts
    }

    /// The messages of rule `rule`'s findings for `draft`.
    fn said(draft: &Draft, rule: &str) -> Vec<String> {
        let templates = Templates::embedded();
        let t = templates.get(draft.kind.family()).unwrap();
        Coach::embedded()
            .check_draft(draft, t, &ErasFields::embedded(), None)
            .findings
            .into_iter()
            .filter(|f| f.rule == rule)
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn a_ready_story_explains_every_flag_it_tells_on_the_record() {
        use flagdraft::core::coach::overview::concealed;
        use flagdraft::core::draft::Status;
        let profile =
            flagdraft::store::parse_profile(Path::new("demo"), flagdraft::store::DEMO_PROFILE)
                .unwrap();
        let flags = detect(&profile, &Knowledge::embedded(), profile.as_of.unwrap());
        let mut drafts = drafts();
        let ids = |drafts: &[Draft]| -> Vec<String> {
            concealed(&flags, drafts)
                .iter()
                .map(|f| f.id.clone())
                .collect()
        };
        assert!(ids(&drafts).contains(&"repeated_course:2016-11".to_string()));
        let story = drafts
            .iter_mut()
            .find(|d| d.flag == "professionalism:2017-02")
            .unwrap();
        story.status = Status::Ready;
        let open = ids(&drafts);
        assert!(
            !open.contains(&"repeated_course:2016-11".to_string())
                && !open.contains(&"professionalism:2017-02".to_string()),
            "{open:?}"
        );
        assert_eq!(open, ["exam_failure:step1"]);
    }

    #[test]
    fn every_gap_of_the_timeline_story_must_be_dated() {
        let mut d = drafts().into_iter().find(|d| d.flag == "yog_gap").unwrap();
        assert!(
            said(&d, "gap_dates").is_empty(),
            "as prefilled, both gaps are dated"
        );
        d.parts.insert(
            "timeline".into(),
            "I graduated in July 2018. From July 2020 to December 2021 I waited for my visa, and later I had a second pause.".into(),
        );
        let gaps = said(&d, "gap_dates");
        assert_eq!(gaps.len(), 1, "{gaps:?}");
        assert!(gaps[0].contains("June 2023"), "{gaps:?}");
    }

    #[test]
    fn a_story_of_two_failures_needs_a_result_for_each() {
        let mut d = drafts()
            .into_iter()
            .find(|d| d.flag == "exam_failure:step1")
            .unwrap();
        d.covers.push("exam_failure:step2ck".into());
        d.parts.insert(
            "result".into(),
            "I passed Step 1 on my second attempt in September 2019.".into(),
        );
        let missing = said(&d, "no_result");
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert!(missing[0].contains("Step 2 CK"), "{missing:?}");
        d.parts.insert(
            "result".into(),
            "I passed Step 1 in September 2019 and Step 2 CK in May 2021.".into(),
        );
        assert!(said(&d, "no_result").is_empty());
    }

    #[test]
    fn over_the_field_the_coach_names_the_longest_part() {
        let mut d = drafts().into_iter().find(|d| d.flag == "yog_gap").unwrap();
        d.parts.insert(
            "reflection".into(),
            "Caring for my mother taught me to plan a week around a family's needs. ".repeat(4),
        );
        let over = said(&d, "over_limit");
        assert_eq!(over.len(), 1, "{over:?}");
        assert!(over[0].contains("The longest part is"), "{over:?}");
        assert!(over[0].contains("What the time gave you"), "{over:?}");
    }
}
