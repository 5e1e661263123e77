//! Stories: the flags an applicant explains together. A program director wants one
//! account of the exam record and one of the timeline, not an excuse per line, so
//! flags are grouped by the rules of `assets/stories.ron` before they are drafted.
//!
//! Pure: parses text and groups flags, never opens files.

use std::collections::HashMap;

use serde::Deserialize;

use super::draft::{Draft, detected};
use super::flag::{Flag, FlagKind, worst_first};
use super::locate::Located;
use super::month::YearMonth;

/// The embedded grouping rules.
pub const EMBEDDED: &str = include_str!("../../assets/stories.ron");

/// Every group flags can be told in.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryRules {
    pub version: u32,
    pub groups: Vec<Group>,
}

/// One way of telling several flags as one story.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Short and stable: lowercase letters, digits and `_`; part of the story's id.
    pub id: String,
    /// What the story is about, for people.
    pub name: String,
    /// The kinds of flag it joins.
    pub kinds: Vec<FlagKind>,
    /// When set, flags of different kinds join only when their months are at most
    /// this many months apart; a flag with no month is then never joined.
    #[serde(default)]
    pub within_months: Option<u16>,
    /// The kind whose structure the story follows when it holds a flag of that kind
    /// (its worst such flag leads the story); otherwise the worst flag leads.
    #[serde(default)]
    pub lead: Option<FlagKind>,
}

/// A stories file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StoryRulesError {
    #[error("{0}")]
    Parse(#[from] ron::error::SpannedError),
    #[error("{0}")]
    Invalid(#[from] Located),
}

impl StoryRules {
    /// Parse a stories file and refuse groups that cannot be meant.
    pub fn parse(text: &str) -> Result<Self, StoryRulesError> {
        let rules: StoryRules = super::ron_text::from_str(text)?;
        rules.check(text)?;
        Ok(rules)
    }

    /// The rules built into the binary (a test checks they parse); with none, every
    /// flag is its own story.
    pub fn embedded() -> Self {
        Self::parse(EMBEDDED).unwrap_or_else(|_| StoryRules {
            version: 1,
            groups: Vec::new(),
        })
    }

    /// Ids that are not plain words, an id used twice, a group with no kinds, a kind in
    /// two groups, a month window over a single kind. `text` is the file, to say where.
    fn check(&self, text: &str) -> Result<(), Located> {
        let mut owner: HashMap<FlagKind, &str> = HashMap::new();
        for (i, group) in self.groups.iter().enumerate() {
            let quoted = format!("\"{}\"", group.id);
            // The place of this group's id, past any earlier group with the same one.
            let mut path: Vec<&str> = self.groups[..i]
                .iter()
                .filter(|g| g.id == group.id)
                .map(|_| quoted.as_str())
                .collect();
            path.push(&quoted);
            let at = |message: String| Located::at(text, &path, message);
            let plain = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_';
            if group.id.is_empty() || !group.id.bytes().all(plain) {
                return Err(at(format!(
                    "group id {quoted} must be lowercase letters, digits and _"
                )));
            }
            if path.len() > 1 {
                return Err(at(format!("group id {quoted} is used twice")));
            }
            if group.kinds.is_empty() {
                return Err(at(format!("group {quoted} names no kinds")));
            }
            for kind in &group.kinds {
                if let Some(first) = owner.insert(*kind, &group.id) {
                    let mut path = path.clone();
                    path.push("kinds");
                    // Past the kind's earlier mention in this group, if it has one.
                    if first == group.id {
                        path.push(kind.id());
                    }
                    path.push(kind.id());
                    return Err(Located::at(
                        text,
                        &path,
                        format!(
                            "{kind} is already in group \"{first}\"; a kind may sit in one group only"
                        ),
                    ));
                }
            }
            if let Some(lead) = group.lead
                && !group.kinds.contains(&lead)
            {
                return Err(Located::at(
                    text,
                    &[quoted.as_str(), "lead"],
                    format!("group {quoted} is led by {lead}, which is not one of its kinds"),
                ));
            }
            if group.within_months.is_some() && group.kinds.len() < 2 {
                return Err(Located::at(
                    text,
                    &[quoted.as_str(), "within_months"],
                    format!(
                        "group {quoted} has within_months but one kind; the window joins flags of different kinds"
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The group of `kind`, with its place in the file.
    fn group_of(&self, kind: FlagKind) -> Option<(usize, &Group)> {
        self.groups
            .iter()
            .enumerate()
            .find(|(_, g)| g.kinds.contains(&kind))
    }
}

/// Flags explained together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Story {
    /// The flag's id for a story of one flag; `story:` and the group's id for a group
    /// (with its earliest month after, for a group joined by a month window).
    pub id: String,
    /// The group's name, or the flag's title for a story of one flag.
    pub name: String,
    /// Flag ids, most severe first, but for the group's `lead` kind, whose flags come
    /// first: the first flag leads the story (its draft is named by it and follows its
    /// structure).
    pub flags: Vec<String>,
}

/// Every flag in exactly one story, stories ordered by their worst flag as flags are.
pub fn stories(flags: &[Flag], rules: &StoryRules) -> Vec<Story> {
    let mut ordered: Vec<&Flag> = flags.iter().collect();
    ordered.sort_by(|a, b| worst_first(a, b));
    // Which story each flag is in, by the first (worst) flag of the story.
    let mut root: Vec<usize> = (0..ordered.len()).collect();
    fn find(root: &mut [usize], mut i: usize) -> usize {
        while root[i] != i {
            root[i] = root[root[i]];
            i = root[i];
        }
        i
    }
    for i in 0..ordered.len() {
        for j in i + 1..ordered.len() {
            if joined(ordered[i], ordered[j], rules) {
                let (a, b) = (find(&mut root, i), find(&mut root, j));
                root[a.max(b)] = a.min(b);
            }
        }
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); ordered.len()];
    for i in 0..ordered.len() {
        let r = find(&mut root, i);
        members[r].push(i);
    }
    let mut out: Vec<Story> = Vec::new();
    for list in members.into_iter().filter(|m| !m.is_empty()) {
        let first = ordered[list[0]];
        let (id, name) = match rules.group_of(first.kind) {
            Some((_, group)) if list.len() > 1 => {
                let base = match group.within_months {
                    None => format!("story:{}", group.id),
                    Some(_) => {
                        let earliest = list.iter().filter_map(|&i| month_of(ordered[i])).min();
                        match earliest {
                            Some(m) => format!("story:{}:{m}", group.id),
                            None => format!("story:{}", group.id),
                        }
                    }
                };
                (unique(&out, base), group.name.clone())
            }
            _ => (first.id.clone(), first.title.clone()),
        };
        let mut list = list;
        if let Some((
            _,
            Group {
                lead: Some(lead), ..
            },
        )) = rules.group_of(first.kind)
        {
            // Stable: the lead kind's flags first, each part still worst first.
            list.sort_by_key(|&i| ordered[i].kind != *lead);
        }
        out.push(Story {
            id,
            name,
            flags: list.iter().map(|&i| ordered[i].id.clone()).collect(),
        });
    }
    out
}

/// The stories as `drafts` tell them: one per draft that explains a detected flag (its
/// id is the draft's primary flag, whether or not that is still detected), with the
/// detected flags it explains, and one per detected flag no draft explains. Ordered by
/// their worst flag. A flag two drafts explain (a merge cut short) is in both.
pub fn as_drafted(flags: &[Flag], drafts: &[Draft], rules: &StoryRules) -> Vec<Story> {
    let mut out: Vec<(&Flag, Story)> = Vec::new();
    for d in drafts.iter().filter(|d| !d.orphaned) {
        let told = detected(d, flags);
        let Some(first) = told.iter().copied().min_by(|a, b| worst_first(a, b)) else {
            continue;
        };
        let mut ids: Vec<&Flag> = told.clone();
        ids.sort_by(|a, b| worst_first(a, b));
        out.push((
            first,
            Story {
                id: d.flag.clone(),
                name: name_of(&told, rules),
                flags: ids.iter().map(|f| f.id.clone()).collect(),
            },
        ));
    }
    for f in flags
        .iter()
        .filter(|f| !drafts.iter().any(|d| d.explains(&f.id)))
    {
        out.push((
            f,
            Story {
                id: f.id.clone(),
                name: f.title.clone(),
                flags: vec![f.id.clone()],
            },
        ));
    }
    out.sort_by(|(a, _), (b, _)| worst_first(a, b));
    out.into_iter().map(|(_, s)| s).collect()
}

/// What the story `draft` tells is called, as [`as_drafted`] names it; `None` when the
/// draft is orphaned or explains no detected flag. Reads this draft alone.
pub fn draft_name(flags: &[Flag], draft: &Draft, rules: &StoryRules) -> Option<String> {
    if draft.orphaned {
        return None;
    }
    let told = detected(draft, flags);
    (!told.is_empty()).then(|| name_of(&told, rules))
}

/// What a story of `flags` (the primary first) is called: the flag's title when alone,
/// the group's name when one group holds every kind, else the primary's title with the
/// other's, or with how many more.
fn name_of(flags: &[&Flag], rules: &StoryRules) -> String {
    let Some(first) = flags.first() else {
        return String::new();
    };
    if flags.len() == 1 {
        return first.title.clone();
    }
    match rules.group_of(first.kind) {
        Some((_, group)) if flags.iter().all(|f| group.kinds.contains(&f.kind)) => {
            group.name.clone()
        }
        _ => match flags {
            [_, second] => format!("{} and {}", first.title, second.title),
            _ => format!("{} and {} more", first.title, flags.len() - 1),
        },
    }
}

/// Every flag a story of its own: the stories of a rules file with no groups.
pub fn alone(flags: &[Flag]) -> Vec<Story> {
    let mut ordered: Vec<&Flag> = flags.iter().collect();
    ordered.sort_by(|a, b| worst_first(a, b));
    ordered
        .into_iter()
        .map(|f| Story {
            id: f.id.clone(),
            name: f.title.clone(),
            flags: vec![f.id.clone()],
        })
        .collect()
}

/// The story holding flag `flag_id`, if any does.
pub fn story_of<'a>(stories: &'a [Story], flag_id: &str) -> Option<&'a Story> {
    stories
        .iter()
        .find(|s| s.flags.iter().any(|f| f == flag_id))
}

/// Whether `a` and `b` are told together directly (others may join them through a third).
fn joined(a: &Flag, b: &Flag, rules: &StoryRules) -> bool {
    let (Some((ga, group)), Some((gb, _))) = (rules.group_of(a.kind), rules.group_of(b.kind))
    else {
        return false;
    };
    if ga != gb {
        return false;
    }
    match group.within_months {
        None => true,
        Some(window) => {
            a.kind != b.kind
                && match (month_of(a), month_of(b)) {
                    (Some(x), Some(y)) => x.months_until(y).abs() <= i64::from(window),
                    _ => false,
                }
        }
    }
}

/// The month a flag is dated by. Detection writes it into the id of every dated flag,
/// after the kind (`repeated_course:2016-11`, `professionalism:2017-02-2` for a second
/// incident that month, `training_gap:2020-07`); other ids hold none.
fn month_of(flag: &Flag) -> Option<YearMonth> {
    let (_, rest) = flag.id.split_once(':')?;
    let date = rest.get(..7)?;
    let after = &rest[7..];
    if !(after.is_empty() || after.starts_with('-')) {
        return None;
    }
    date.parse().ok()
}

/// `base`, or `base-2`, `base-3` when an earlier story has it.
fn unique(out: &[Story], base: String) -> String {
    let taken = |id: &str| out.iter().any(|s| s.id == id);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;
    use crate::core::flag::{Severity, Subject};

    fn flag(kind: FlagKind, id: &str, severity: Severity) -> Flag {
        Flag {
            kind,
            id: id.to_string(),
            severity,
            title: format!("title of {id}"),
            summary: String::new(),
            reasons: Vec::new(),
            venues: Vec::new(),
            questions: Vec::new(),
            advice: String::new(),
            subject: Subject::Rank,
        }
    }

    fn ids(stories: &[Story]) -> Vec<(String, Vec<String>)> {
        stories
            .iter()
            .map(|s| (s.id.clone(), s.flags.clone()))
            .collect()
    }

    fn strs(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    /// The stories of a moderate repeated course and a high incident dated as given.
    fn repeat_and_incident(repeat: &str, incident: &str) -> Vec<Story> {
        let flags = [
            flag(
                FlagKind::RepeatedCourse,
                &format!("repeated_course:{repeat}"),
                Severity::Moderate,
            ),
            flag(
                FlagKind::Professionalism,
                &format!("professionalism:{incident}"),
                Severity::High,
            ),
        ];
        stories(&flags, &StoryRules::embedded())
    }

    #[test]
    fn the_embedded_rules_parse_with_their_three_groups() {
        let rules = StoryRules::parse(EMBEDDED).unwrap();
        let groups: Vec<&str> = rules.groups.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(groups, ["exam_record", "timeline", "repeat_and_incident"]);
        assert_eq!(rules.groups[2].within_months, Some(12));
        assert_eq!(StoryRules::embedded(), rules);
    }

    #[test]
    fn failures_and_low_scores_are_one_exam_story() {
        let flags = [
            flag(FlagKind::LowScore, "low_score:step2ck", Severity::Moderate),
            flag(FlagKind::ExamFailure, "exam_failure:step1", Severity::High),
            flag(FlagKind::ExamFailure, "exam_failure:step2ck", Severity::Low),
        ];
        let got = stories(&flags, &StoryRules::embedded());
        assert_eq!(
            ids(&got),
            [(
                "story:exam_record".to_string(),
                strs(&[
                    "exam_failure:step1",
                    "low_score:step2ck",
                    "exam_failure:step2ck"
                ])
            )]
        );
        assert_eq!(got[0].name, "The exam record");
    }

    #[test]
    fn the_graduation_year_and_every_gap_are_one_timeline_story() {
        let flags = [
            flag(
                FlagKind::TrainingGap,
                "training_gap:2020-07",
                Severity::Moderate,
            ),
            flag(FlagKind::YogGap, "yog_gap", Severity::High),
            flag(
                FlagKind::TrainingGap,
                "training_gap:2023-06",
                Severity::Moderate,
            ),
        ];
        assert_eq!(
            ids(&stories(&flags, &StoryRules::embedded())),
            [(
                "story:timeline".to_string(),
                strs(&["yog_gap", "training_gap:2020-07", "training_gap:2023-06"])
            )]
        );
    }

    #[test]
    fn a_repeat_and_an_incident_join_within_twelve_months_either_way() {
        for (repeat, incident) in [("2016-11", "2017-11"), ("2017-11", "2016-11")] {
            assert_eq!(
                ids(&repeat_and_incident(repeat, incident)),
                [(
                    "story:repeat_and_incident:2016-11".to_string(),
                    strs(&[
                        &format!("professionalism:{incident}"),
                        &format!("repeated_course:{repeat}")
                    ])
                )],
                "repeat {repeat}, incident {incident}"
            );
        }
    }

    #[test]
    fn a_repeat_and_an_incident_thirteen_months_apart_stay_apart_either_way() {
        for (repeat, incident) in [("2016-11", "2017-12"), ("2017-12", "2016-11")] {
            assert_eq!(
                ids(&repeat_and_incident(repeat, incident)),
                [
                    (
                        format!("professionalism:{incident}"),
                        strs(&[&format!("professionalism:{incident}")])
                    ),
                    (
                        format!("repeated_course:{repeat}"),
                        strs(&[&format!("repeated_course:{repeat}")])
                    ),
                ],
                "repeat {repeat}, incident {incident}"
            );
        }
    }

    #[test]
    fn a_second_incident_in_a_month_is_still_dated_by_it() {
        let got = repeat_and_incident("2016-11", "2017-02-2");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].id, "story:repeat_and_incident:2016-11");
    }

    #[test]
    fn the_window_joins_kinds_not_two_of_one_kind() {
        let flags = [
            flag(
                FlagKind::RepeatedCourse,
                "repeated_course:2016-11",
                Severity::High,
            ),
            flag(
                FlagKind::RepeatedCourse,
                "repeated_course:2017-01",
                Severity::High,
            ),
        ];
        assert_eq!(stories(&flags, &StoryRules::embedded()).len(), 2);
        // An incident between them brings both in.
        let mut flags = flags.to_vec();
        flags.push(flag(
            FlagKind::Professionalism,
            "professionalism:2016-12",
            Severity::Low,
        ));
        let got = stories(&flags, &StoryRules::embedded());
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].flags.len(), 3);
    }

    #[test]
    fn a_flag_with_no_month_is_never_joined_by_a_window() {
        let rules = StoryRules::parse(
            r#"StoryRules(version: 1, groups: [
                Group(id: "record", name: "Record", kinds: [low_rank, repeated_course], within_months: 600),
            ])"#,
        )
        .unwrap();
        let flags = [
            flag(FlagKind::LowRank, "low_rank", Severity::High),
            flag(
                FlagKind::RepeatedCourse,
                "repeated_course:2016-11",
                Severity::High,
            ),
        ];
        let got = stories(&flags, &rules);
        assert_eq!(
            ids(&got),
            [
                (
                    "repeated_course:2016-11".to_string(),
                    strs(&["repeated_course:2016-11"])
                ),
                ("low_rank".to_string(), strs(&["low_rank"])),
            ]
        );
        assert_eq!(got[1].name, "title of low_rank");
    }

    #[test]
    fn a_lone_flag_of_a_group_is_its_own_story() {
        let flags = [flag(
            FlagKind::ExamFailure,
            "exam_failure:step1",
            Severity::High,
        )];
        assert_eq!(
            ids(&stories(&flags, &StoryRules::embedded())),
            [(
                "exam_failure:step1".to_string(),
                strs(&["exam_failure:step1"])
            )]
        );
    }

    #[test]
    fn every_flag_is_in_exactly_one_story_ordered_by_its_worst_flag() {
        let flags = [
            flag(FlagKind::VisaPlan, "visa_plan", Severity::Moderate),
            flag(FlagKind::TrainingGap, "training_gap:2020-07", Severity::Low),
            flag(FlagKind::LowScore, "low_score:step2ck", Severity::Moderate),
            flag(FlagKind::LimitedUsce, "limited_usce", Severity::Low),
            flag(FlagKind::YogGap, "yog_gap", Severity::Moderate),
            flag(FlagKind::ExamFailure, "exam_failure:step1", Severity::High),
            flag(
                FlagKind::RepeatedCourse,
                "repeated_course:2016-11",
                Severity::Low,
            ),
            flag(
                FlagKind::Professionalism,
                "professionalism:2019-01",
                Severity::Low,
            ),
        ];
        let got = stories(&flags, &StoryRules::embedded());
        for f in &flags {
            let holding: Vec<&Story> = got.iter().filter(|s| s.flags.contains(&f.id)).collect();
            assert_eq!(holding.len(), 1, "{} in {holding:?}", f.id);
            assert_eq!(story_of(&got, &f.id), Some(holding[0]));
        }
        let order: Vec<&str> = got.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            order,
            [
                "story:exam_record",
                "story:timeline",
                "visa_plan",
                "repeated_course:2016-11",
                "professionalism:2019-01",
                "limited_usce",
            ]
        );
        assert_eq!(story_of(&got, "no_such_flag"), None);
        assert!(stories(&[], &StoryRules::embedded()).is_empty());
    }

    #[test]
    fn a_kind_in_two_groups_is_refused_where_it_is_repeated() {
        let text = "StoryRules(version: 1, groups: [\n    Group(id: \"a\", name: \"A\", kinds: [low_score]),\n    Group(id: \"b\", name: \"B\", kinds: [yog_gap, low_score]),\n])";
        let err = StoryRules::parse(text).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("3:48: low_score is already in group \"a\""),
            "{err}"
        );
    }

    #[test]
    fn the_lead_kind_leads_its_story_whatever_the_severities() {
        // The repeat is the more serious here, yet the incident leads: the story
        // follows the structure that asks for ownership.
        let flags = [
            flag(
                FlagKind::RepeatedCourse,
                "repeated_course:2016-11",
                Severity::High,
            ),
            flag(
                FlagKind::Professionalism,
                "professionalism:2017-02",
                Severity::Moderate,
            ),
        ];
        let got = stories(&flags, &StoryRules::embedded());
        assert_eq!(
            ids(&got),
            [(
                "story:repeat_and_incident:2016-11".to_string(),
                strs(&["professionalism:2017-02", "repeated_course:2016-11"])
            )]
        );
    }

    #[test]
    fn groups_that_cannot_be_meant_are_refused() {
        let group = |body: &str| format!("StoryRules(version: 1, groups: [{body}])");
        for (body, why) in [
            (
                r#"Group(id: "", name: "A", kinds: [low_score])"#,
                "must be lowercase",
            ),
            (
                r#"Group(id: "Exam record", name: "A", kinds: [low_score])"#,
                "must be lowercase",
            ),
            (r#"Group(id: "a", name: "A", kinds: [])"#, "names no kinds"),
            (
                r#"Group(id: "a", name: "A", kinds: [low_score]), Group(id: "a", name: "B", kinds: [yog_gap])"#,
                "used twice",
            ),
            (
                r#"Group(id: "a", name: "A", kinds: [low_score, low_score])"#,
                "already in group",
            ),
            (
                r#"Group(id: "a", name: "A", kinds: [low_score], within_months: 3)"#,
                "one kind",
            ),
            (
                r#"Group(id: "a", name: "A", kinds: [low_score], within: 3)"#,
                "within",
            ),
            (
                r#"Group(id: "a", name: "A", kinds: [bad_kind])"#,
                "bad_kind",
            ),
            (
                r#"Group(id: "a", name: "A", kinds: [low_score, exam_failure], lead: yog_gap)"#,
                "not one of its kinds",
            ),
        ] {
            let err = StoryRules::parse(&group(body)).unwrap_err().to_string();
            assert!(err.contains(why), "{body}: {err}");
            assert!(err.starts_with("1:"), "{body}: {err}");
        }
    }
}
