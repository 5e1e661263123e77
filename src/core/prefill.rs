//! Facts a draft can start from: dates, attempts, months and visas from the profile.
//!
//! Prefill states facts only. Every sentence of judgement or reflection is left to the
//! applicant. It is written for programs to read: counts agree with their nouns, a gap
//! still open is dated from its start, activities not yet begun are named as planned
//! (never beside finished ones), and no shortfall is stated as a number. Pure: no I/O.
//!
//! A story, several flags explained in one draft, is prefilled by [`prefill_story`]
//! under the same rules, its facts in date order.

use std::collections::BTreeMap;

use super::detect::{attempt_failed, first_event_after};
use super::flag::{Family, Flag, Subject};
use super::month::{Span, YearMonth};
use super::profile::{
    Activity, ActivityKind, Area, ExamResult, Explained, Incident, IncidentKind, Profile, Step,
    VisaNeed,
};
use super::rules::Rules;

/// What prefill reads: the profile, the rules it was judged by, and today.
#[derive(Clone, Copy, Debug)]
pub struct Facts<'a> {
    pub profile: &'a Profile,
    pub rules: &'a Rules,
    pub today: YearMonth,
}

/// Part key to prefilled text, for the family of `flag`.
pub fn prefill(flag: &Flag, facts: Facts) -> BTreeMap<String, String> {
    prefill_as(flag, facts, Told::Alone)
}

/// Whether a flag's parts are read on their own or beside other flags' in a story,
/// where a pronoun such as "it" no longer has one thing to point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Told {
    Alone,
    InStory,
}

fn prefill_as(flag: &Flag, facts: Facts, told: Told) -> BTreeMap<String, String> {
    let profile = facts.profile;
    let mut out = BTreeMap::new();
    let mut put = |key: &str, text: String| {
        if !text.is_empty() {
            out.insert(key.to_string(), text);
        }
    };
    match &flag.subject {
        Subject::Exam(step) => {
            put("fact", exam_fact(facts, *step));
            put("result", exam_result(facts, *step));
        }
        Subject::Score(step) => {
            if let Some((date, score)) = best_score(facts, *step) {
                put(
                    "fact",
                    format!("I scored {score} on {} in {}.", step.label(), date.long()),
                );
            }
        }
        Subject::Repeat(i) => {
            if let Some(r) = profile.repeats.get(*i) {
                put(
                    "fact",
                    format!(
                        "I repeated the {} in {}.",
                        lower_first(&r.what),
                        r.date.long()
                    ),
                );
            }
        }
        Subject::Rank => put(
            "fact",
            "My final class rank was in the bottom quartile of my class.".into(),
        ),
        Subject::Graduation => {
            put("timeline", graduation_timeline(profile));
            put("engagement", graduation_engagement(facts, Dating::Months));
        }
        Subject::Gap(span) => gap(profile, *span, facts.today, &mut put),
        Subject::Incident(i) => {
            if let Some(inc) = profile.incidents.get(*i) {
                put("issue", incident_fact(inc));
                if let Some(done) = inc.completed.filter(|d| *d <= facts.today) {
                    // As detection reads "clean since": no failure, repeat or
                    // incident of any kind after it.
                    let clean =
                        first_event_after(profile, facts.rules, inc.date, facts.today).is_none();
                    let since = if clean {
                        ", and no concern has been recorded since"
                    } else {
                        ""
                    };
                    // Beside other flags' sentences, "it" would point at whichever was
                    // named last: name what was completed where the kind allows.
                    let what = match (told, inc.kind) {
                        (Told::InStory, IncidentKind::Probation) => "the probation",
                        (Told::InStory, IncidentKind::Remediation) => "the remediation",
                        _ => "it",
                    };
                    put(
                        "improvement",
                        format!("I completed {what} in {}{since}.", done.long()),
                    );
                }
            }
        }
        Subject::Usce => usce(facts, &mut put),
        Subject::Visa => {
            let need = profile.visa.as_ref().map(|v| v.need);
            put("eligibility", visa_eligibility(need, step3_passed(facts)));
        }
    }
    out
}

/// Part key to prefilled text for a story: several flags explained in one draft.
///
/// `flags[0]` is the primary flag (callers pass flags worst first): the story follows
/// the parts of its family. A flag given twice counts once, and one flag is told
/// exactly as [`prefill`] tells it. Then, by what the flags are about:
///
/// - the exam record (every flag a failed Step or a low score): `fact` names each
///   failed attempt and each flagged score in one sentence, by date; `result` names
///   the pass that followed each failed Step, then later passes of Steps the story
///   does not hold and a later Step 2 CK score that is not low. A score the story
///   flags as low is never offered as a result.
/// - the timeline (years since graduation and training gaps): `timeline` is the
///   graduation sentence, when the story has that flag, then one sentence with every
///   gap by date, a gap still open last and dated from its start; `reason` names every
///   documented reason any gap overlaps; `engagement` is what the years-since-graduation
///   flag gives, or, without it, the activities since the first gap began.
/// - any other mix: each flag's own first part (its fact, issue, timeline, ...) goes
///   into the primary family's first part, by the flag's month (flags with none after,
///   in the order given); its other parts go where the primary family has the same
///   part, an academic `result` and a professionalism `improvement` standing for each
///   other; the rest is left out. Sentences in one part are joined by a space.
pub fn prefill_story(flags: &[&Flag], facts: Facts) -> BTreeMap<String, String> {
    let mut unique: Vec<&Flag> = Vec::new();
    for flag in flags {
        if !unique.iter().any(|u| u.id == flag.id) {
            unique.push(flag);
        }
    }
    let all = |is: fn(&Subject) -> bool| unique.iter().all(|f| is(&f.subject));
    match unique.as_slice() {
        [] => BTreeMap::new(),
        [one] => prefill(one, facts),
        many if all(|s| matches!(s, Subject::Exam(_) | Subject::Score(_))) => {
            exam_story(many, facts)
        }
        many if all(|s| matches!(s, Subject::Graduation | Subject::Gap(_))) => {
            timeline_story(many, facts)
        }
        many => mixed_story(many, facts),
    }
}

/// The parts of each family's drafting structure (`templates/`), the first part first.
fn part_keys(family: Family) -> &'static [&'static str] {
    match family {
        Family::Academic => &["fact", "reason", "actions", "result", "link"],
        Family::Gap => &["timeline", "reason", "engagement", "reflection"],
        Family::Professionalism => &["issue", "responsibility", "actions", "improvement", "link"],
        Family::LimitedUsce => &["experience", "insight", "plan", "letters", "link"],
        Family::Visa => &["eligibility", "programs", "documents"],
    }
}

/// Where part `key` of a flag goes in a story told in `family`: the same part when the
/// family has it; what came after a setback across the two families that have it
/// (academic `result`, professionalism `improvement`); else nowhere.
fn home(key: &str, family: Family) -> Option<&'static str> {
    if let Some(same) = part_keys(family).iter().find(|k| **k == key) {
        return Some(same);
    }
    match (key, family) {
        ("result", Family::Professionalism) => Some("improvement"),
        ("improvement", Family::Academic) => Some("result"),
        _ => None,
    }
}

/// Put `text` under `key` unless it is empty.
fn put_text(out: &mut BTreeMap<String, String>, key: &str, text: String) {
    if !text.is_empty() {
        out.insert(key.to_string(), text);
    }
}

/// Clauses sharing one subject, as one list: "a and b", "a, b and c". When a clause
/// holds an "and" of its own, a comma comes before the last "and" too, so the reader
/// sees where each clause ends.
fn join_clauses<S: AsRef<str>>(clauses: &[S]) -> String {
    match clauses {
        [init @ .., last]
            if !init.is_empty() && clauses.iter().any(|c| c.as_ref().contains(" and ")) =>
        {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{}, and {}", head.join(", "), last.as_ref())
        }
        _ => join_and(clauses),
    }
}

/// One line of the exam record, in date order.
enum ExamLine {
    /// Failed attempts of one Step in a row.
    Failed(Step, Vec<YearMonth>),
    /// A score the story flags as low.
    Scored(Step, u16, YearMonth),
}

fn exam_story(flags: &[&Flag], facts: Facts) -> BTreeMap<String, String> {
    let mut failed: Vec<Step> = Vec::new();
    let mut scored: Vec<Step> = Vec::new();
    for flag in flags {
        match flag.subject {
            Subject::Exam(step) if !failed.contains(&step) => failed.push(step),
            Subject::Score(step) if !scored.contains(&step) => scored.push(step),
            _ => {}
        }
    }
    // Every failed attempt of the failed Steps and every flagged score, by date.
    let mut events: Vec<(YearMonth, Step, Option<u16>)> = Vec::new();
    for exam in facts.profile.exams_by_step() {
        if failed.contains(&exam.step) {
            events.extend(
                exam.attempts
                    .iter()
                    .filter(|a| attempt_failed(facts.rules, exam.step, a))
                    .map(|a| (a.date, exam.step, None)),
            );
        }
    }
    for step in &scored {
        if let Some((date, score)) = best_score(facts, *step) {
            events.push((date, *step, Some(score)));
        }
    }
    events.sort_by_key(|&(date, step, score)| (date, step, score.is_some()));
    let mut lines: Vec<ExamLine> = Vec::new();
    for &(date, step, score) in &events {
        match (score, lines.last_mut()) {
            (None, Some(ExamLine::Failed(last, dates))) if *last == step => dates.push(date),
            (None, _) => lines.push(ExamLine::Failed(step, vec![date])),
            (Some(score), _) => lines.push(ExamLine::Scored(step, score, date)),
        }
    }
    let mut named: Vec<Step> = Vec::new();
    let clauses: Vec<String> = lines
        .iter()
        .map(|line| match line {
            ExamLine::Failed(step, dates) => {
                let again = named.contains(step);
                named.push(*step);
                let label = step.label();
                let longs: Vec<String> = dates.iter().map(|d| d.long()).collect();
                match (again, longs.as_slice()) {
                    (false, [one]) => format!("failed {label} in {one}"),
                    (false, [first, second]) => {
                        format!("failed {label} in {first} and again in {second}")
                    }
                    (false, many) => {
                        format!("failed {label} {} times, in {}", many.len(), join_and(many))
                    }
                    (true, _) => format!("failed {label} again in {}", join_and(&longs)),
                }
            }
            ExamLine::Scored(step, score, date) => {
                format!("scored {score} on {} in {}", step.label(), date.long())
            }
        })
        .collect();
    let mut out = BTreeMap::new();
    if !clauses.is_empty() {
        put_text(&mut out, "fact", format!("I {}.", join_clauses(&clauses)));
    }
    let earliest = events.first().map(|&(date, _, _)| date);
    put_text(
        &mut out,
        "result",
        exam_story_result(facts, &failed, &scored, earliest),
    );
    out
}

/// What came after the exam record: the pass that followed each failed Step, then, after
/// the record's first line (`earliest`), passes of Steps the story does not hold and a
/// Step 2 CK score that is not low. A Step the story flags a score of shows no score.
fn exam_story_result(
    facts: Facts,
    failed: &[Step],
    scored: &[Step],
    earliest: Option<YearMonth>,
) -> String {
    let Some(earliest) = earliest else {
        return String::new();
    };
    let today = facts.today;
    let attempts = |step: Step| {
        facts
            .profile
            .exams
            .iter()
            .filter(move |e| e.step == step)
            .flat_map(|e| &e.attempts)
    };
    // The first passing attempt of `step` after `after`, by today.
    let first_pass = |step: Step, after: YearMonth| {
        attempts(step)
            .filter(|a| a.date > after && a.date <= today)
            .filter(|a| !attempt_failed(facts.rules, step, a))
            .min_by_key(|a| a.date)
    };
    // A score that may be offered: never one the story flags, never a low Step 2 CK,
    // and none for the Steps programs do not screen on a score.
    let offered = |step: Step, result: ExamResult| match result {
        ExamResult::Score(s)
            if step == Step::Step2Ck
                && !scored.contains(&step)
                && s >= facts.rules.low_score_threshold =>
        {
            Some(s)
        }
        _ => None,
    };
    // (date, step, score to name, whether the story failed it)
    let mut after: Vec<(YearMonth, Step, Option<u16>, bool)> = Vec::new();
    for &step in failed {
        let last_fail = attempts(step)
            .filter(|a| attempt_failed(facts.rules, step, a))
            .map(|a| a.date)
            .max();
        if let Some(pass) = last_fail.and_then(|f| first_pass(step, f)) {
            after.push((pass.date, step, offered(step, pass.result), true));
        }
    }
    for step in [Step::Step1, Step::Step2Ck, Step::Step3] {
        if failed.contains(&step) || scored.contains(&step) {
            continue;
        }
        let Some(pass) = first_pass(step, earliest) else {
            continue;
        };
        let score = offered(step, pass.result);
        // A Step 2 CK score under the screen is left out, pass and all.
        if step == Step::Step2Ck && matches!(pass.result, ExamResult::Score(_)) && score.is_none() {
            continue;
        }
        after.push((pass.date, step, score, false));
    }
    after.sort_by_key(|&(date, step, _, _)| (date, step));
    // Passes in a row share one "passed"; a score of a Step not failed is "scored".
    let mut clauses: Vec<String> = Vec::new();
    let mut passes: Vec<String> = Vec::new();
    for &(date, step, score, was_failed) in &after {
        let (label, when) = (step.label(), date.long());
        match (score, was_failed) {
            (Some(s), false) => {
                if !passes.is_empty() {
                    clauses.push(format!("passed {}", join_and(&passes)));
                    passes.clear();
                }
                clauses.push(format!("scored {s} on {label} in {when}"));
            }
            (Some(s), true) => passes.push(format!("{label} in {when} with a score of {s}")),
            (None, _) => passes.push(format!("{label} in {when}")),
        }
    }
    if !passes.is_empty() {
        clauses.push(format!("passed {}", join_and(&passes)));
    }
    if clauses.is_empty() {
        String::new()
    } else {
        format!("I {}.", join_clauses(&clauses))
    }
}

fn timeline_story(flags: &[&Flag], facts: Facts) -> BTreeMap<String, String> {
    let profile = facts.profile;
    let graduation = flags.iter().any(|f| f.subject == Subject::Graduation);
    let mut gaps: Vec<Span> = flags
        .iter()
        .filter_map(|f| match f.subject {
            Subject::Gap(span) => Some(span),
            _ => None,
        })
        .collect();
    gaps.sort_by_key(|g| (g.start, g.end));
    let mut out = BTreeMap::new();
    let mut timeline: Vec<String> = Vec::new();
    if graduation && gaps.is_empty() {
        timeline.push(graduation_timeline(profile));
    } else if graduation {
        // Beside the gaps, the season is left out: the field is short, and the
        // application itself says when training would start.
        timeline.push(format!(
            "I graduated from medical school in {}.",
            profile.graduation.long()
        ));
    }
    timeline.extend(gaps_sentence(&gaps, facts.today));
    put_text(&mut out, "timeline", timeline.join(" "));
    let mut explained: Vec<&Explained> = profile
        .gaps_explained
        .iter()
        .filter(|e| gaps.iter().any(|g| e.span().overlaps(*g)))
        .collect();
    explained.sort_by_key(|e| (e.start, e.end));
    let mut reasons: Vec<&str> = Vec::new();
    for e in explained {
        if !reasons.contains(&e.reason.label()) {
            reasons.push(e.reason.label());
        }
    }
    let reason = match reasons.as_slice() {
        [] => String::new(),
        [one] => format!("The main reason was {one}."),
        many => format!("The reasons were {}.", join_clauses(many)),
    };
    put_text(&mut out, "reason", reason);
    // The gaps are dated by month above; the activities around them, by year.
    let engagement = if graduation {
        graduation_engagement(facts, Dating::Years)
    } else if let Some(first) = gaps.first() {
        let intro = format!("Since {}", first.start.long());
        activities_dated(profile, first.start, facts.today, &intro, Dating::Years)
    } else {
        String::new()
    };
    put_text(&mut out, "engagement", engagement);
    out
}

/// Every gap in one sentence, in the order given (by date): "I was not in clinical
/// training or employment from July 2020 to March 2021 (9 months) and from June 2022
/// to January 2023 (8 months)". A gap still open (it runs to today) is dated from its
/// start and comes last: "..., and have not been since May 2024."
fn gaps_sentence(gaps: &[Span], today: YearMonth) -> Option<String> {
    const OUT: &str = "in clinical training or employment";
    let closed: Vec<String> = gaps
        .iter()
        .filter(|g| g.end < today)
        .map(|g| {
            format!(
                "from {} to {} ({})",
                g.start.long(),
                g.end.long(),
                count(g.months(), "month", "months")
            )
        })
        .collect();
    let open = gaps
        .iter()
        .filter(|g| g.end >= today)
        .map(|g| g.start)
        .min();
    match (closed.as_slice(), open) {
        ([], None) => None,
        ([], Some(start)) => Some(format!("Since {}, I have not been {OUT}.", start.long())),
        (closed, None) => Some(format!("I was not {OUT} {}.", join_and(closed))),
        (closed, Some(start)) => Some(format!(
            "I was not {OUT} {}, and have not been since {}.",
            join_and(closed),
            start.long()
        )),
    }
}

fn mixed_story(flags: &[&Flag], facts: Facts) -> BTreeMap<String, String> {
    let Some(primary) = flags.first() else {
        return BTreeMap::new();
    };
    let family = primary.kind.family();
    let first_key = part_keys(family)[0];
    // Dated flags by their month, then those with none, each in the order given.
    let mut ordered: Vec<&Flag> = flags.to_vec();
    ordered.sort_by_key(|f| {
        let month = flag_month(f, facts);
        (month.is_none(), month)
    });
    let mut parts: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for flag in ordered {
        let own_first = part_keys(flag.kind.family())[0];
        for (key, text) in prefill_as(flag, facts, Told::InStory) {
            let target = if key == own_first {
                Some(first_key)
            } else {
                home(&key, family)
            };
            if let Some(target) = target {
                let sentences = parts.entry(target).or_default();
                if !sentences.contains(&text) {
                    sentences.push(text);
                }
            }
        }
    }
    parts
        .into_iter()
        .filter(|(_, sentences)| !sentences.is_empty())
        .map(|(key, sentences)| (key.to_string(), sentences.join(" ")))
        .collect()
}

/// The month a flag is dated by: the one detection writes into its id after the kind
/// (`repeated_course:2016-11`, `professionalism:2017-02-2`); for a failed Step, its
/// first attempt; for a low score, that score's month; else none.
fn flag_month(flag: &Flag, facts: Facts) -> Option<YearMonth> {
    id_month(&flag.id).or_else(|| match flag.subject {
        Subject::Exam(step) => facts
            .profile
            .exams
            .iter()
            .filter(|e| e.step == step)
            .flat_map(|e| &e.attempts)
            .map(|a| a.date)
            .min(),
        Subject::Score(step) => best_score(facts, step).map(|(date, _)| date),
        _ => None,
    })
}

/// `2017-02` from `professionalism:2017-02` or `professionalism:2017-02-2`; none from
/// an id with no month after the kind.
fn id_month(id: &str) -> Option<YearMonth> {
    let (_, rest) = id.split_once(':')?;
    let date = rest.get(..7)?;
    let after = rest.get(7..)?;
    if !(after.is_empty() || after.starts_with('-')) {
        return None;
    }
    date.parse().ok()
}

/// "I graduated from medical school in July 2018 and am applying in the ERAS 2027
/// season, for training from July 2027."
fn graduation_timeline(profile: &Profile) -> String {
    format!(
        "I graduated from medical school in {} and am applying in {}.",
        profile.graduation.long(),
        season(profile.application_year)
    )
}

/// What the applicant has done in the recent years (or since graduating, when that is
/// more recent).
fn graduation_engagement(facts: Facts, dating: Dating) -> String {
    let profile = facts.profile;
    let years = facts.rules.recent_years;
    let recent = facts.today.plus(-12 * i64::from(years));
    if recent > profile.graduation {
        let intro = match years {
            1 => "In the last year".to_string(),
            n => format!("In the last {n} years"),
        };
        activities_dated(profile, recent, facts.today, &intro, dating)
    } else {
        activities_dated(
            profile,
            profile.graduation,
            facts.today,
            "Since graduating",
            dating,
        )
    }
}

/// What the applicant is eligible for, stated without promising a visa: the J-1 through
/// ECFMG; the H-1B only once every Step, Step 3 included, is passed; their own work
/// authorisation, with its basis and term left for them to fill in.
fn visa_eligibility(need: Option<VisaNeed>, step3: bool) -> String {
    const J1: &str = "I am eligible for a J-1 visa through ECFMG sponsorship.";
    match need {
        Some(VisaNeed::J1) => J1.to_string(),
        Some(VisaNeed::H1b) if step3 => {
            "I meet the USMLE requirement for an H-1B visa: I have passed every Step, Step 3 included.".to_string()
        }
        Some(VisaNeed::H1b) => "I plan to train on an H-1B visa once I have passed Step 3.".to_string(),
        Some(VisaNeed::J1OrH1b) if step3 => format!(
            "{J1} I also meet the USMLE requirement for an H-1B, with every Step passed."
        ),
        Some(VisaNeed::J1OrH1b) => format!(
            "{J1} An H-1B would need Step 3, which I have not yet passed."
        ),
        Some(VisaNeed::NotNeeded) => "I hold my own work authorisation ([its basis], valid until [month and year]), so I need no visa sponsorship.".to_string(),
        _ => "I am eligible for a [J-1 or H-1B] visa.".to_string(),
    }
}

/// Whether Step 3 has a passed attempt.
fn step3_passed(facts: Facts) -> bool {
    facts
        .profile
        .exams
        .iter()
        .filter(|e| e.step == Step::Step3)
        .flat_map(|e| &e.attempts)
        .any(|a| a.date <= facts.today && !attempt_failed(facts.rules, Step::Step3, a))
}

fn incident_fact(inc: &Incident) -> String {
    let when = inc.date.long();
    let what = match inc.kind {
        IncidentKind::Probation => "I was placed on probation",
        IncidentKind::Remediation => "I entered professionalism remediation",
        IncidentKind::Citation => "I received a professionalism citation",
        IncidentKind::MspeComment => "my MSPE recorded a professionalism concern",
        IncidentKind::LetterComment => "a letter of recommendation noted a concern",
    };
    match inc.summary.trim().trim_end_matches('.') {
        "" => format!("In {when}, {what}."),
        detail => format!("In {when}, {what}: {}.", lower_first(detail)),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match (chars.next(), chars.clone().next()) {
        // Keep acronyms ("USMLE") and proper names with a capital second letter.
        (Some(c), Some(n)) if !n.is_uppercase() => c.to_lowercase().chain(chars).collect(),
        _ => s.to_string(),
    }
}

fn exam_fact(facts: Facts, step: Step) -> String {
    let exams = facts.profile.exams_by_step();
    let Some(exam) = exams.iter().find(|e| e.step == step) else {
        return String::new();
    };
    let fails: Vec<YearMonth> = exam
        .attempts
        .iter()
        .filter(|a| attempt_failed(facts.rules, step, a))
        .map(|a| a.date)
        .collect();
    match fails.as_slice() {
        [] => String::new(),
        [one] => format!("I failed {} in {}.", step.label(), one.long()),
        many => {
            let dates: Vec<String> = many.iter().map(|d| d.long()).collect();
            format!(
                "I failed {} {} times, in {}.",
                step.label(),
                many.len(),
                join_and(&dates)
            )
        }
    }
}

fn exam_result(facts: Facts, step: Step) -> String {
    let mut parts = Vec::new();
    let passed = facts
        .profile
        .exams
        .iter()
        .filter(|e| e.step == step)
        .flat_map(|e| &e.attempts)
        .filter(|a| !attempt_failed(facts.rules, step, a))
        .map(|a| a.date)
        .max();
    if let Some(p) = passed {
        parts.push(format!("I passed {} in {}", step.label(), p.long()));
    }
    if step != Step::Step2Ck
        && let Some((date, score)) = best_score(facts, Step::Step2Ck)
    {
        parts.push(format!("scored {score} on Step 2 CK in {}", date.long()));
    }
    match parts.len() {
        0 => String::new(),
        _ => format!("{}.", parts.join(" and ")),
    }
}

fn best_score(facts: Facts, step: Step) -> Option<(YearMonth, u16)> {
    facts
        .profile
        .exams
        .iter()
        .filter(|e| e.step == step)
        .flat_map(|e| &e.attempts)
        .filter_map(|a| match a.result {
            ExamResult::Score(s) if !attempt_failed(facts.rules, step, a) => Some((a.date, s)),
            _ => None,
        })
        .max_by_key(|(_, s)| *s)
}

/// "the ERAS 2027 season, for training from July 2027": a season is named by the year
/// training starts, which is what `application_year` holds.
fn season(year: i32) -> String {
    format!("the ERAS {year} season, for training from July {year}")
}

/// `n` and the noun, singular for one: "1 month", "18 months".
fn count(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn gap(profile: &Profile, span: Span, today: YearMonth, put: &mut impl FnMut(&str, String)) {
    // A gap no activity has closed by today is still open: dated from its start only.
    let timeline = if span.end >= today {
        format!(
            "Since {}, I have not been in clinical training or employment.",
            span.start.long()
        )
    } else {
        format!(
            "From {} to {} ({}), I was not in clinical training or employment.",
            span.start.long(),
            span.end.long(),
            count(span.months(), "month", "months")
        )
    };
    put("timeline", timeline);
    let reasons: Vec<&str> = profile
        .gaps_explained
        .iter()
        .filter(|e| e.span().overlaps(span))
        .map(|e| e.reason.label())
        .collect();
    if !reasons.is_empty() {
        put(
            "reason",
            format!("The main reason was {}.", join_and(&reasons)),
        );
    }
}

/// Whether `a` has not begun by `today`.
fn is_planned(a: &Activity, today: YearMonth) -> bool {
    a.start > today
}

/// How closely activities are dated: by month, or (in a story, whose gaps are dated by
/// month already and whose field is short) by year.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dating {
    Months,
    Years,
}

/// The activities after `since` that have begun, introduced as `intro`, then those
/// still planned, in a sentence of their own.
fn activities_dated(
    profile: &Profile,
    since: YearMonth,
    today: YearMonth,
    intro: &str,
    dating: Dating,
) -> String {
    let (planned, begun): (Vec<&Activity>, Vec<&Activity>) = profile
        .activities
        .iter()
        .filter(|a| a.end.is_none_or(|e| e > since))
        .partition(|a| is_planned(a, today));
    let begun: Vec<String> = begun
        .into_iter()
        .map(|a| match dating {
            Dating::Months => describe(a, today),
            Dating::Years => describe_by_year(a, today),
        })
        .collect();
    let mut out = Vec::new();
    if !begun.is_empty() {
        out.push(format!("{intro}: {}.", begun.join("; ")));
    }
    out.extend(planned_sentence(&planned));
    out.join(" ")
}

/// Activities that have begun, with their dates: "(March 2022 to May 2023)", or, for
/// one still under way, "(since June 2024)".
fn describe(a: &Activity, today: YearMonth) -> String {
    let place = if a.us { ", US" } else { "" };
    format!("{} ({}{place})", a.title, dates(a, today))
}

/// As [`describe`], dated by year: "(2023 to 2024, US)", "(2024, US)", "(since 2024)".
fn describe_by_year(a: &Activity, today: YearMonth) -> String {
    let place = if a.us { ", US" } else { "" };
    let (from, to) = (a.start.year(), a.end.map(YearMonth::year));
    let when = match (a.end, to) {
        (Some(end), Some(to)) if end <= today && to == from => from.to_string(),
        (Some(end), Some(to)) if end <= today => format!("{from} to {to}"),
        (Some(_), Some(to)) => format!("since {from}, until {to}"),
        _ => format!("since {from}"),
    };
    format!("{} ({when}{place})", a.title)
}

fn dates(a: &Activity, today: YearMonth) -> String {
    match a.end {
        Some(end) if end <= today => format!("{} to {}", a.start.long(), end.long()),
        Some(end) => format!("since {}, until {}", a.start.long(), end.long()),
        None => format!("since {}", a.start.long()),
    }
}

/// How a list of activities not yet begun is introduced.
const PLANNED: &str = "Planned";

/// The one sentence that names activities not yet begun: "Planned: Med-Peds elective
/// (January 2027 to March 2027, US)." Its wording lives here alone, so it can change in
/// one place.
fn planned_sentence(planned: &[&Activity]) -> Option<String> {
    let items: Vec<String> = planned
        .iter()
        .map(|a| {
            let place = if a.us { ", US" } else { "" };
            match a.end {
                Some(end) => format!("{} ({} to {}{place})", a.title, a.start.long(), end.long()),
                None => format!("{} (from {}{place})", a.title, a.start.long()),
            }
        })
        .collect();
    (!items.is_empty()).then(|| format!("{PLANNED}: {}.", items.join("; ")))
}

/// The US clinical entry a program will weigh most: hands-on first, then in internal
/// medicine, pediatrics or Med-Peds, then the longest, then the latest. Only entries
/// already begun count.
fn strongest_us_entry(profile: &Profile, today: YearMonth) -> Option<&Activity> {
    profile
        .activities
        .iter()
        .filter(|a| a.us && !is_planned(a, today))
        .filter(|a| matches!(a.kind, ActivityKind::Clinical | ActivityKind::Observership))
        .max_by_key(|a| {
            let span = a.span(today);
            (a.is_hands_on(), a.area.is_core(), span.months(), a.start)
        })
}

/// The experience part: the strongest US entry, as its ERAS experience description
/// begins, with room for what the applicant did there; never a count of what is missing.
fn usce(facts: Facts, put: &mut impl FnMut(&str, String)) {
    let profile = facts.profile;
    if let Some(a) = strongest_us_entry(profile, facts.today) {
        let area = if a.area == Area::Other {
            String::new()
        } else {
            format!(" ({})", a.area.label())
        };
        let when = match a.end {
            Some(end) if end <= facts.today => {
                format!("From {} to {} I was", a.start.long(), end.long())
            }
            _ => format!("Since {} I have been", a.start.long()),
        };
        put(
            "experience",
            format!(
                "{when} in the {}{area}, where I [say what you did yourself: the patients you saw, the notes you wrote, what you presented].",
                lower_first(&a.title)
            ),
        );
    }
    let planned: Vec<&Activity> = profile
        .activities
        .iter()
        .filter(|a| a.us && is_planned(a, facts.today))
        .collect();
    if let Some(text) = planned_sentence(&planned) {
        put("plan", text);
    }
    let us_letters: Vec<Area> = profile
        .letters
        .iter()
        .filter(|l| l.us && l.area != Area::Other)
        .map(|l| l.area)
        .collect();
    let mut areas: Vec<&str> = Vec::new();
    for area in &us_letters {
        if !areas.contains(&area.label()) {
            areas.push(area.label());
        }
    }
    let what = match us_letters.len() {
        0 => return,
        1 => "a letter",
        _ => "letters",
    };
    put(
        "letters",
        format!("I have {what} from US faculty in {}.", join_and(&areas)),
    );
}

fn join_and<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", head.join(", "), last.as_ref())
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

    use super::*;

    #[test]
    fn a_flag_id_gives_its_month_only_when_it_holds_one() {
        let ym = |s: &str| s.parse::<YearMonth>().unwrap();
        assert_eq!(id_month("repeated_course:2016-11"), Some(ym("2016-11")));
        assert_eq!(id_month("professionalism:2017-02-2"), Some(ym("2017-02")));
        assert_eq!(id_month("exam_failure:step1"), None);
        assert_eq!(id_month("low_score:step2ck"), None);
        assert_eq!(id_month("yog_gap"), None);
        assert_eq!(id_month("training_gap:2020-07x"), None);
    }

    #[test]
    fn clauses_with_an_and_of_their_own_take_a_comma_before_the_last() {
        assert_eq!(join_clauses(&["a"]), "a");
        assert_eq!(join_clauses(&["a", "b"]), "a and b");
        assert_eq!(join_clauses(&["a", "b", "c"]), "a, b and c");
        assert_eq!(
            join_clauses(&["a and again b", "c"]),
            "a and again b, and c"
        );
        assert_eq!(join_clauses(&["a", "b", "c and d"]), "a, b, and c and d");
    }

    #[test]
    fn the_part_keys_are_the_embedded_templates() {
        use crate::core::template::Template;
        for family in [
            Family::Academic,
            Family::Gap,
            Family::Professionalism,
            Family::LimitedUsce,
            Family::Visa,
        ] {
            let template = Template::embedded(family).unwrap();
            let keys: Vec<&str> = template.parts.iter().map(|p| p.key.as_str()).collect();
            assert_eq!(keys, part_keys(family), "{family:?}");
        }
    }

    #[test]
    fn every_family_maps_what_came_after_across() {
        assert_eq!(home("result", Family::Professionalism), Some("improvement"));
        assert_eq!(home("improvement", Family::Academic), Some("result"));
        assert_eq!(home("actions", Family::Professionalism), Some("actions"));
        assert_eq!(home("letters", Family::Academic), None);
        assert_eq!(home("engagement", Family::Visa), None);
    }
}
