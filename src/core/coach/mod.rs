//! The coach: explainable checks on a draft or any text. Each finding names its rule,
//! the exact span, why a program director would stumble there and how to fix it.
//!
//! Deterministic and pure: same text and rules, same findings. No I/O, no clock.

pub mod engine;
pub mod esl;
pub mod facts;
pub mod matcher;
pub mod overview;
pub mod pattern;
pub mod rules;
pub mod scan;
pub mod tokens;

use serde::Serialize;

use crate::core::assemble::{Output, assemble, char_count, is_chosen, spoken_seconds, word_count};
use crate::core::draft::Draft;
use crate::core::eras::ErasFields;
use crate::core::flag::{Family, FlagKind};
use crate::core::invisible;
use crate::core::locate::floor_boundary;
use crate::core::month::YearMonth;
use crate::core::profile::Step;
use crate::core::template::Template;

use matcher::{Hit, Matcher, Target};
use rules::{Level, MAX_MARKERS, Rule, RuleSet};

/// One thing a program director would stumble on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: String,
    /// The rule as people say it ("Vague reason"), for screens.
    pub name: String,
    pub level: Level,
    /// The draft part it is in; `None` for whole-text or whole-draft findings.
    pub part: Option<String>,
    /// Byte offsets into the part's text (or the whole text); equal when there is no span.
    pub start: usize,
    pub end: usize,
    /// The words at the span, so a dismissal lapses when they change.
    pub excerpt: String,
    pub message: String,
    pub hint: String,
    /// Replacements to offer, best first; never applied without the applicant.
    pub suggestions: Vec<String>,
    /// The applicant's reason, when they dismissed it.
    pub dismissed: Option<String>,
    /// The output whose own wording it is about; `None` for the shared text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output: Option<Output>,
}

impl Finding {
    pub fn has_span(&self) -> bool {
        self.end > self.start
    }
}

/// A finding set aside lives with the draft; the coach reads it from there.
pub use crate::core::draft::Dismissal;

/// What text-only checking knows about the text.
#[derive(Clone, Copy, Debug, Default)]
pub struct TextContext<'a> {
    pub output: Option<Output>,
    /// The ERAS field's label and limit, when one applies.
    pub limit: Option<(&'a str, usize)>,
    /// The kind of flag the text explains, when known: it decides what the text must
    /// hold (dates for a gap, a result after a setback, ownership of an incident).
    pub kind: Option<FlagKind>,
}

/// The coach with its rules compiled.
#[derive(Clone, Debug)]
pub struct Coach {
    pub set: RuleSet,
    /// Built on first use: starting the app need not wait for it.
    matcher: std::sync::OnceLock<Matcher>,
    engine: std::sync::OnceLock<engine::Engine>,
    /// The spelling dictionary, once loaded; until then spelling is not checked.
    speller: Option<std::sync::Arc<crate::core::spell::Speller>>,
    /// Counts the dictionaries given to the coach, so a remembered scan names the one
    /// it was spelled with.
    speller_generation: usize,
    /// What each recently scanned piece of text gave: a draft is checked again after
    /// every pause in typing, and only the part being typed has changed.
    scans: ScanCache,
}

/// The key of one scan: the text, its part and output, and the dictionary it was
/// spelled with.
type ScanKey = (String, Option<String>, Option<Output>, usize);

/// What one scan gave: its findings, the markers the text holds, its sentences.
type Scanned = (Vec<Finding>, Marks, Spans);

/// Recent scans, by what was scanned. A copy of the coach starts with none.
#[derive(Default)]
struct ScanCache(std::sync::Mutex<std::collections::HashMap<ScanKey, Scanned>>);

/// Scans kept at most, and the most text they may hold between them; past either the
/// cache starts again empty, so a long draft typed into for hours stays small.
const SCANS_KEPT: usize = 256;
const SCANNED_BYTES_KEPT: usize = 4 << 20;

impl Clone for ScanCache {
    fn clone(&self) -> Self {
        ScanCache::default()
    }
}

impl std::fmt::Debug for ScanCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the texts: drafts are private.
        let n = self.0.lock().map_or(0, |m| m.len());
        write!(f, "ScanCache({n} scans)")
    }
}

/// Which markers a piece of text holds, and where each first appears.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marks {
    /// Start and end of each marker's first occurrence; `usize::MAX` when absent.
    first: [(usize, usize); MAX_MARKERS],
    /// Start of each marker's last occurrence.
    last: [usize; MAX_MARKERS],
}

impl Default for Marks {
    fn default() -> Self {
        Self {
            first: [(usize::MAX, usize::MAX); MAX_MARKERS],
            last: [0; MAX_MARKERS],
        }
    }
}

impl Marks {
    pub fn has(self, marker: usize) -> bool {
        self.at(marker).is_some()
    }

    /// Byte offsets of the marker's first occurrence.
    pub fn at(self, marker: usize) -> Option<(usize, usize)> {
        self.first
            .get(marker)
            .copied()
            .filter(|a| a.0 != usize::MAX)
    }

    /// Start of the marker's last occurrence.
    pub fn last(self, marker: usize) -> Option<usize> {
        self.has(marker).then(|| self.last[marker])
    }

    fn set(&mut self, marker: usize, start: usize, end: usize) {
        if let Some(slot) = self.first.get_mut(marker)
            && start < slot.0
        {
            *slot = (start, end);
        }
        if let Some(last) = self.last.get_mut(marker) {
            *last = (*last).max(start);
        }
    }

    fn or(mut self, other: Marks) -> Marks {
        for (a, b) in self.first.iter_mut().zip(other.first) {
            if b.0 < a.0 {
                *a = b;
            }
        }
        for (a, b) in self.last.iter_mut().zip(other.last) {
            *a = (*a).max(b);
        }
        self
    }
}

impl Coach {
    pub fn new(set: RuleSet) -> Self {
        Self {
            set,
            matcher: std::sync::OnceLock::new(),
            engine: std::sync::OnceLock::new(),
            speller: None,
            speller_generation: 0,
            scans: ScanCache::default(),
        }
    }

    /// The coach with a spelling dictionary.
    pub fn with_speller(mut self, speller: std::sync::Arc<crate::core::spell::Speller>) -> Self {
        self.set_speller(speller);
        self
    }

    /// Check spelling from now on (the app loads the dictionary after its first frame).
    pub fn set_speller(&mut self, speller: std::sync::Arc<crate::core::spell::Speller>) {
        self.speller = Some(speller);
        self.speller_generation += 1;
    }

    /// Forget every remembered scan, so the next check reads every text afresh (the
    /// benchmarks measure both ways).
    pub fn forget_scans(&self) {
        if let Ok(mut cache) = self.scans.0.lock() {
            cache.clear();
        }
    }

    pub fn speller(&self) -> Option<&crate::core::spell::Speller> {
        self.speller.as_deref()
    }

    pub fn embedded() -> Self {
        Self::new(RuleSet::embedded())
    }

    fn marker(&self, id: &str) -> Option<usize> {
        self.set.markers.iter().position(|m| m.id == id)
    }

    /// Whether `text` answers a part: a real sentence of at least
    /// `limits.answer_min_words` words with letters in it, not a stray letter.
    #[must_use]
    pub fn answered(&self, text: &str) -> bool {
        answered(text, self.set.limits.answer_min_words)
    }

    /// True when `marks` holds the marker called `id`.
    pub fn marked(&self, marks: Marks, id: &str) -> bool {
        self.marker(id).is_some_and(|i| marks.has(i))
    }

    pub(crate) fn finding(
        &self,
        rule: &Rule,
        part: Option<&str>,
        text: &str,
        start: usize,
        end: usize,
    ) -> Finding {
        Finding {
            rule: rule.id.clone(),
            name: rule.name.clone(),
            level: rule.level,
            part: part.map(str::to_string),
            start,
            end,
            excerpt: text.get(start..end).unwrap_or_default().to_string(),
            message: rule.message.clone(),
            hint: rule.hint.clone(),
            suggestions: Vec::new(),
            dismissed: None,
            output: None,
        }
    }

    fn engine(&self) -> &engine::Engine {
        // A rule set is checked when it is made, so this never falls back in practice.
        self.engine
            .get_or_init(|| engine::Engine::new(&self.set).unwrap_or_default())
    }

    /// Findings in `text` from phrases, patterns and the built-in scanners, and the
    /// markers it holds.
    fn scan(
        &self,
        text: &str,
        part: Option<&str>,
        output: Option<Output>,
        out: &mut Vec<Finding>,
    ) -> (Marks, Spans) {
        let key: ScanKey = (
            text.to_string(),
            part.map(str::to_string),
            output,
            self.speller_generation,
        );
        if let Ok(cache) = self.scans.0.lock()
            && let Some((found, marks, spans)) = cache.get(&key)
        {
            out.extend(found.iter().cloned());
            return (*marks, spans.clone());
        }
        let mut found = Vec::new();
        let (marks, spans) = self.scan_fresh(text, part, output, &mut found);
        out.extend(found.iter().cloned());
        if let Ok(mut cache) = self.scans.0.lock() {
            let held: usize = cache.keys().map(|k| k.0.len()).sum();
            if cache.len() >= SCANS_KEPT || held + key.0.len() > SCANNED_BYTES_KEPT {
                cache.clear();
            }
            if key.0.len() <= SCANNED_BYTES_KEPT {
                cache.insert(key, (found, marks, spans.clone()));
            }
        }
        (marks, spans)
    }

    /// `scan` without the cache.
    fn scan_fresh(
        &self,
        text: &str,
        part: Option<&str>,
        output: Option<Output>,
        out: &mut Vec<Finding>,
    ) -> (Marks, Spans) {
        let engine = self.engine();
        let sentences = tokens::sentences(text);
        let tables: Vec<pattern::Table> = sentences
            .iter()
            .map(|s| engine.classes.table(&s.words))
            .collect();
        let quotes = tokens::quoted(text);
        let in_quotes = |at: usize| quotes.iter().any(|&(a, b)| a <= at && at < b);
        // The sentence holding byte `at`, by index.
        let sentence_of = |at: usize| sentences.iter().position(|s| s.start <= at && at < s.end);
        let excused = |compiled: &engine::Compiled, at: usize| {
            sentence_of(at).is_some_and(|i| compiled.excused(&tables[i], &sentences[i]))
        };
        let applies = |rule: &Rule| {
            rule.outputs.is_empty() || output.is_some_and(|o| rule.outputs.contains(&o))
        };
        let mut hits: Vec<Hit> = Vec::new();
        self.matcher
            .get_or_init(|| Matcher::new(&self.set))
            .scan(text, &mut hits);
        let mut marks = Marks::default();
        // Phrase findings so far: (rule, end, start).
        let mut last_end: Vec<(usize, usize, usize)> = Vec::new();
        for hit in hits {
            match hit.target {
                Target::Marker(i) => {
                    if !engine.markers.get(i).is_some_and(|c| excused(c, hit.start)) {
                        marks.set(i, hit.start, hit.end);
                    }
                }
                Target::Rule(i) => {
                    let rule = &self.set.rules[i];
                    // Overlapping hits of one rule ("not my fault" in "was not my fault")
                    // make one finding: the longest that starts first.
                    let overlaps = last_end.iter().any(|(r, e, _)| *r == i && hit.start < *e);
                    let spared = engine.rules.get(i).is_some_and(|c| excused(c, hit.start));
                    if applies(rule) && !overlaps && !spared && !in_quotes(hit.start) {
                        out.push(self.finding(rule, part, text, hit.start, hit.end));
                        last_end.push((i, hit.end, hit.start));
                    }
                }
            }
        }
        // Pattern rules: one finding per rule and sentence, where no phrase of the same
        // rule has spoken already.
        for (i, rule) in self.set.rules.iter().enumerate() {
            let Some(compiled) = engine.rules.get(i) else {
                continue;
            };
            if !rule.enabled || compiled.patterns.is_empty() || !applies(rule) {
                continue;
            }
            for (s, table) in sentences.iter().zip(&tables) {
                let said = last_end.iter().any(|&(r, _, start)| {
                    r == i && s.start <= start && start < s.end.max(s.start + 1)
                });
                if said {
                    continue;
                }
                if let Some((a, b)) = compiled.find(table, s)
                    && !in_quotes(s.words[a].start)
                {
                    out.push(self.finding(rule, part, text, s.words[a].start, s.words[b - 1].end));
                }
            }
        }
        for (i, compiled) in engine.markers.iter().enumerate() {
            if compiled.patterns.is_empty() {
                continue;
            }
            for (s, table) in sentences.iter().zip(&tables) {
                if let Some((a, b)) = compiled.find(table, s) {
                    marks.set(i, s.words[a].start, s.words[b - 1].end);
                }
            }
        }
        for p in scan::placeholders(text) {
            if let Some(rule) = self.set.rule("placeholder") {
                out.push(self.finding(rule, part, text, p.start, p.end));
            }
        }
        if let Some(rule) = self.set.rule("invisible_characters") {
            out.extend(self.invisibles(rule, part, text));
        }
        let before_language = out.len();
        esl::check(self, text, &sentences, part, out);
        if let Some(speller) = &self.speller {
            let before_spelling = out.len();
            crate::core::spell::check(self, speller, text, &sentences, part, out);
            // A word a second-language rule already explains ("feedbacks": feedback
            // takes no plural) is not also called a misspelling.
            let explained: Vec<(usize, usize)> = out[before_language..before_spelling]
                .iter()
                .map(|f| (f.start, f.end))
                .collect();
            let mut at = before_spelling;
            while at < out.len() {
                let (start, end) = (out[at].start, out[at].end);
                if explained.iter().any(|&(s, e)| s < end && start < e) {
                    out.remove(at);
                } else {
                    at += 1;
                }
            }
        }
        (marks, sentences.iter().map(|s| (s.start, s.end)).collect())
    }

    /// One finding per run of invisible characters, naming them.
    fn invisibles(&self, rule: &Rule, part: Option<&str>, text: &str) -> Vec<Finding> {
        let mut runs: Vec<(usize, usize, Vec<char>)> = Vec::new();
        for (at, c) in invisible::find(text) {
            let end = at + c.len_utf8();
            match runs.last_mut() {
                Some(run) if run.1 == at => {
                    run.1 = end;
                    run.2.push(c);
                }
                _ => runs.push((at, end, vec![c])),
            }
        }
        runs.into_iter()
            .map(|(start, end, chars)| {
                let mut f = self.finding(rule, part, text, start, end);
                let mut names: Vec<String> = Vec::new();
                for c in chars {
                    let named = format!(
                        "{}, U+{:04X}",
                        invisible::name(c).unwrap_or("invisible character"),
                        u32::from(c)
                    );
                    if !names.contains(&named) {
                        names.push(named);
                    }
                }
                f.message = format!("{} ({})", f.message, names.join("; "));
                f
            })
            .collect()
    }

    /// Lower softened rules to warnings where the text elsewhere shows the marker.
    fn soften(&self, findings: &mut [Finding], marks: Marks) {
        for f in findings.iter_mut() {
            let Some(rule) = self.set.rule(&f.rule) else {
                continue;
            };
            if let Some(m) = &rule.softened_by
                && self.marked(marks, m)
                && f.level > Level::Warning
            {
                f.level = Level::Warning;
            }
        }
    }

    fn whole(&self, id: &str, part: Option<&str>) -> Option<Finding> {
        self.set.rule(id).map(|r| self.finding(r, part, "", 0, 0))
    }

    /// As [`Coach::whole`], its message followed by `detail` in brackets, when given.
    fn detailed(&self, id: &str, part: Option<&str>, detail: &str) -> Option<Finding> {
        let mut f = self.whole(id, part)?;
        if !detail.is_empty() {
            f.message = format!("{} ({detail})", f.message);
        }
        Some(f)
    }

    /// Check any text: phrases, patterns, placeholders, length for its output, and
    /// the structure a reader expects of its kind (dates for a gap, a result after a
    /// setback, ownership of an incident, a link to Med-Peds).
    pub fn check_text(&self, text: &str, ctx: TextContext) -> Vec<Finding> {
        let mut out = Vec::new();
        let (marks, spans) = self.scan(text, None, ctx.output, &mut out);
        self.soften(&mut out, marks);
        out.extend(self.free_structure(text, ctx.kind, marks, &spans));
        out.extend(self.length(text, ctx, None));
        self.escalate(&mut out, marks, &|_| &spans);
        sort(&mut out);
        out
    }

    /// What free text must hold for its kind, or, with no kind given, for the setback
    /// its own words name.
    fn free_structure(
        &self,
        text: &str,
        kind: Option<FlagKind>,
        marks: Marks,
        spans: &Spans,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        let family = kind.map(FlagKind::family);
        let first = |id: &str| self.marker(id).and_then(|i| marks.at(i));
        let last = |id: &str| self.marker(id).and_then(|i| marks.last(i));
        let anchored = |id: &str, at: Option<(usize, usize)>| {
            self.set.rule(id).map(|r| match at {
                Some((start, end)) => self.finding(r, None, text, start, end),
                None => self.finding(r, None, "", 0, 0),
            })
        };
        match (family, first("gap")) {
            // Years since graduation are dated by the years they run between.
            (Some(Family::Gap), gap)
                if kind == Some(FlagKind::YogGap) && !scan::dates_years(text) =>
            {
                out.extend(anchored("gap_dates", gap));
            }
            (Some(Family::Gap), gap)
                if kind != Some(FlagKind::YogGap) && !scan::dates_a_span(text) =>
            {
                out.extend(anchored("gap_dates", gap).map(|f| years_only(f, text)));
            }
            (None, Some(gap)) if !scan::dates_a_span(near(text, gap.0)) => {
                out.extend(
                    anchored("gap_dates", Some(gap)).map(|f| years_only(f, near(text, gap.0))),
                );
            }
            _ => {}
        }
        // The setback: the first failure or incident the text names.
        let setback = match (first("failure"), first("conduct")) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        // Every setback needs what came after it: a pass, an evaluation, a return to
        // work. A visa plan is not a setback.
        let needs_result = match family {
            Some(Family::Academic | Family::Professionalism | Family::Gap) => true,
            Some(Family::Visa | Family::LimitedUsce) => false,
            None => setback.is_some(),
        };
        if needs_result && self.answered(text) {
            // A result counts in a sentence after the setback's (or, with no setback
            // words, after the opening sentence), or in the setback's own sentence
            // when it turns ("failed in May and passed in October").
            let opening = spans.first().map_or(0, |s| s.1);
            let from = setback.map_or(opening, |(at, _)| sentence_end(spans, at).min(opening));
            let turned = first("turnaround").is_some();
            if !turned && last("result").is_none_or(|at| at < from) {
                out.extend(anchored("no_result", setback));
            }
        }
        let needs_ownership = match family {
            Some(f) => f == Family::Professionalism,
            None => first("conduct").is_some(),
        };
        if needs_ownership && self.answered(text) && first("ownership").is_none() {
            out.extend(anchored("no_ownership", first("conduct")));
        }
        let needs_link = match family {
            Some(Family::Visa) => false,
            Some(_) => true,
            None => first("visa").is_none() || setback.is_some() || first("gap").is_some(),
        };
        if needs_link
            && word_count(text) >= self.set.limits.link_min_words
            && first("medpeds").is_none()
        {
            out.extend(self.whole("no_link", None));
        }
        out
    }

    /// Raise a rule one level where a second signal agrees with it: it speaks in
    /// enough sentences, or the marker that would answer it is nowhere, or another
    /// rule it names speaks too.
    fn escalate<'s>(
        &self,
        findings: &mut [Finding],
        marks: Marks,
        spans_of: &dyn Fn(Option<&str>) -> &'s Spans,
    ) {
        // The sentence a finding starts in, as (part, sentence start).
        let sentence = |f: &Finding| {
            let start = spans_of(f.part.as_deref())
                .iter()
                .rev()
                .find(|s| s.0 <= f.start)
                .map_or(0, |s| s.0);
            (f.part.clone(), start)
        };
        let mut raise: Vec<String> = Vec::new();
        for rule in self.set.rules.iter().filter(|r| r.enabled) {
            let Some(e) = &rule.escalate else { continue };
            let mut places: Vec<(Option<String>, usize)> = findings
                .iter()
                .filter(|f| f.rule == rule.id && f.dismissed.is_none())
                .map(sentence)
                .collect();
            if places.is_empty() {
                continue;
            }
            places.sort();
            places.dedup();
            let many = e.sentences.is_some_and(|n| places.len() >= n);
            let alone = e
                .without
                .as_deref()
                .is_some_and(|m| self.marker(m).is_some() && !self.marked(marks, m));
            let along = e
                .along
                .as_deref()
                .is_some_and(|other| findings.iter().any(|f| f.rule == other));
            if many || alone || along {
                raise.push(rule.id.clone());
            }
        }
        for f in findings.iter_mut().filter(|f| raise.contains(&f.rule)) {
            f.level = match f.level {
                Level::Info => Level::Warning,
                _ => Level::Error,
            };
        }
    }

    /// Length findings for `text` as `ctx.output`.
    fn length(&self, text: &str, ctx: TextContext, part: Option<&str>) -> Vec<Finding> {
        let mut out = Vec::new();
        let mut note = |id: &str, detail: String| out.extend(self.detailed(id, part, &detail));
        if let Some((label, limit)) = ctx.limit {
            let chars = char_count(text);
            if chars > limit {
                note(
                    "over_limit",
                    format!(
                        "{chars} of {limit} characters for {label}, {} over",
                        chars - limit
                    ),
                );
            }
        }
        match ctx.output {
            Some(Output::Statement) => {
                let paragraphs = paragraphs(text);
                let words = word_count(text);
                if paragraphs > 1 || words > self.set.limits.statement_max_words {
                    note(
                        "statement_length",
                        format!("{paragraphs} paragraph(s), {words} words"),
                    );
                }
            }
            Some(Output::Interview) => {
                let words = word_count(text);
                let (fast, slow) = spoken_seconds(words);
                if (fast + slow) / 2 > self.set.limits.interview_max_seconds {
                    note(
                        "interview_length",
                        format!("{words} words, about {fast}-{slow} seconds"),
                    );
                }
            }
            _ => {}
        }
        out
    }

    /// Check a draft part by part, then its outputs, then against the profile.
    pub fn check_draft(
        &self,
        draft: &Draft,
        template: &Template,
        fields: &ErasFields,
        known: Option<&facts::Known>,
    ) -> Report {
        let mut out = Vec::new();
        let mut all = Marks::default();
        let mut part_marks = Vec::new();
        let mut part_spans: Vec<(&str, Spans)> = Vec::new();
        for part in &template.parts {
            let text = draft.part(&part.key);
            // Parts spoken in the interview answer are held to spoken-word rules too.
            let spoken = template
                .outputs
                .interview
                .issue
                .iter()
                .chain(&template.outputs.interview.did)
                .chain(&template.outputs.interview.learned)
                .any(|k| *k == part.key);
            let output = spoken.then_some(Output::Interview);
            let (marks, spans) = self.scan(text, Some(&part.key), output, &mut out);
            part_spans.push((part.key.as_str(), spans));
            all = all.or(marks);
            part_marks.push((part.key.as_str(), marks));
            if part.required && !self.answered(text) {
                out.extend(self.whole("required_empty", Some(&part.key)));
            }
            if let Some(k) = known {
                out.extend(facts::check(self, k, &part.key, text));
            }
        }
        // Each chosen output's own wordings, coached as that output.
        for output in Output::ALL.into_iter().filter(|o| is_chosen(draft, *o)) {
            for part in &template.parts {
                if let Some(crate::core::draft::Wording::Text(text)) =
                    draft.wording(output, &part.key)
                {
                    let from = out.len();
                    self.scan(text, Some(&part.key), Some(output), &mut out);
                    for f in &mut out[from..] {
                        f.output = Some(output);
                    }
                }
            }
        }
        self.soften(&mut out, all);
        out.extend(self.structure(draft, template.family, &part_marks));
        out.extend(self.voices(draft, template));
        let none = Spans::new();
        self.escalate(&mut out, all, &|part| {
            part_spans
                .iter()
                .find(|(k, _)| Some(*k) == part)
                .map_or(&none, |(_, s)| s)
        });
        // Only the outputs of the venues the applicant chose are held to a length.
        let field = fields.resolve_for(draft.kind, draft.field.as_deref());
        for output in Output::ALL.into_iter().filter(|o| is_chosen(draft, *o)) {
            let ctx = TextContext {
                output: Some(output),
                limit: (output == Output::Eras).then_some((field.label.as_str(), field.limit)),
                kind: Some(draft.kind),
            };
            let mut found = self.length(&assemble(draft, template, output), ctx, None);
            // Over the field, say which part brings the most, so the cut starts there.
            if output == Output::Eras
                && let Some((key, chars)) = crate::core::assemble::eras_fit(draft, template, fields)
                    .longest()
                    .cloned()
            {
                let label = template
                    .parts
                    .iter()
                    .find(|p| p.key == key)
                    .map_or(key.as_str(), |p| p.label.as_str());
                for f in found.iter_mut().filter(|f| f.rule == "over_limit") {
                    f.message = format!(
                        "{}. The longest part is {label}, at {chars} characters.",
                        f.message
                    );
                }
            }
            out.extend(found);
        }
        apply_dismissals(&mut out, &draft.dismissed);
        sort(&mut out);
        let answers = overview::answers(self, draft, template, &part_marks);
        Report {
            findings: out,
            answers,
        }
    }

    /// Findings about the shape of the draft: dates, results, link, ownership.
    fn structure(&self, draft: &Draft, family: Family, marks: &[(&str, Marks)]) -> Vec<Finding> {
        let mut out = Vec::new();
        let of = |key: &str| marks.iter().find(|(k, _)| *k == key).map(|(_, m)| *m);
        let filled = |key: &str| !draft.part(key).trim().is_empty();
        let timeline = draft.part("timeline");
        if family == Family::Gap && filled("timeline") && !scan::dates_a_span(timeline) {
            out.extend(
                self.whole("gap_dates", Some("timeline"))
                    .map(|f| years_only(f, timeline)),
            );
        }
        let mut flag = |id: &str, key: &str| out.extend(self.whole(id, Some(key)));
        match family {
            Family::Academic => {
                let result = draft.part("result");
                if filled("result")
                    && !of("result").is_some_and(|m| self.marked(m, "result"))
                    && !result.chars().any(|c| c.is_ascii_digit())
                {
                    flag("no_result", "result");
                }
            }
            Family::Professionalism => {
                if filled("responsibility")
                    && !of("responsibility").is_some_and(|m| self.marked(m, "ownership"))
                {
                    flag("no_ownership", "responsibility");
                }
                // An incident needs an outcome as much as a failure does.
                if filled("improvement")
                    && !of("improvement").is_some_and(|m| self.marked(m, "result"))
                {
                    flag("no_result", "improvement");
                }
            }
            Family::Gap | Family::LimitedUsce | Family::Visa => {}
        }
        if filled("link") && !of("link").is_some_and(|m| self.marked(m, "medpeds")) {
            flag("no_link", "link");
        }
        if !draft.covers.is_empty() {
            out.extend(self.story_structure(draft, family));
        }
        out
    }

    /// Each chosen output held to its own voice: the ERAS text keeps the parts a
    /// program needs (the Med-Peds link may go when the field is tight, and the coach
    /// says so), the statement paragraph reflects and links to Med-Peds, and the
    /// interview answer has its three spoken parts, sentences short enough to say, and
    /// a length worth saying.
    fn voices(&self, draft: &Draft, template: &Template) -> Vec<Finding> {
        let mut out = Vec::new();
        let label = |key: &str| {
            template
                .parts
                .iter()
                .find(|p| p.key == key)
                .map_or(key.to_string(), |p| p.label.clone())
        };
        let mut say = |id: &str, output: Output, part: Option<&str>, detail: String| {
            if let Some(mut f) = self.detailed(id, part, &detail) {
                f.output = Some(output);
                out.push(f);
            }
        };
        if is_chosen(draft, Output::Eras) {
            for key in &template.outputs.eras.parts {
                if draft.text_in(Output::Eras, key).is_some() {
                    continue;
                }
                let required = template.parts.iter().any(|p| &p.key == key && p.required);
                if key == "link" {
                    say("eras_link_left", Output::Eras, Some(key), String::new());
                } else if required {
                    say("eras_left_out", Output::Eras, Some(key), label(key));
                }
            }
        }
        // While parts are still to write, those parts' own findings say what is
        // missing; a voice's judgement of the whole text waits for a complete draft.
        let complete = template
            .parts
            .iter()
            .filter(|p| p.required)
            .all(|p| self.answered(draft.part(&p.key)));
        if is_chosen(draft, Output::Statement) {
            let text = assemble(draft, template, Output::Statement);
            if self.answered(&text) {
                let marks = self.marks_of(&text, Output::Statement);
                if complete
                    && self.marker("reflection").is_some()
                    && !self.marked(marks, "reflection")
                {
                    say(
                        "statement_reflection",
                        Output::Statement,
                        None,
                        String::new(),
                    );
                }
                // Following the shared text, the link part's own finding says it.
                if !draft.follows_shared(Output::Statement)
                    && word_count(&text) >= self.set.limits.link_min_words
                    && !self.marked(marks, "medpeds")
                {
                    say("statement_no_link", Output::Statement, None, String::new());
                }
            }
        }
        if is_chosen(draft, Output::Interview) {
            let answer = crate::core::assemble::interview(draft, template);
            let text = answer.text();
            if self.answered(&text) {
                let spoken = [
                    ("the issue in brief", &answer.issue),
                    ("what you did", &answer.did),
                    ("what you learned and use now", &answer.learned),
                ];
                for (what, words) in spoken {
                    // Following the shared text, an empty part's own finding says it.
                    if !draft.follows_shared(Output::Interview) && !self.answered(words) {
                        say(
                            "spoken_part_missing",
                            Output::Interview,
                            None,
                            what.to_string(),
                        );
                    }
                }
                let most = self.set.limits.spoken_sentence_words;
                for sentence in tokens::sentences(&text) {
                    let n = sentence.words.len();
                    if n > most {
                        let opening: String = sentence
                            .text
                            .split_whitespace()
                            .take(6)
                            .collect::<Vec<_>>()
                            .join(" ");
                        say(
                            "spoken_sentence",
                            Output::Interview,
                            None,
                            format!("{n} words: \u{201c}{opening}…\u{201d}"),
                        );
                    }
                }
                let (fast, slow) = spoken_seconds(word_count(&text));
                if complete
                    && (fast + slow) / 2 < self.set.limits.interview_min_seconds
                    && spoken.iter().all(|(_, w)| self.answered(w))
                {
                    say(
                        "interview_short",
                        Output::Interview,
                        None,
                        format!("about {fast}-{slow} seconds"),
                    );
                }
            }
        }
        out
    }

    /// The markers `text` holds, read as `output`, its findings left out.
    fn marks_of(&self, text: &str, output: Output) -> Marks {
        let mut ignored = Vec::new();
        self.scan(text, None, Some(output), &mut ignored).0
    }

    /// The parts of `output`'s text for `draft` that the coach finds least needed
    /// there, least needed first, with the characters each brings: where to cut when
    /// the text is over its limit. Only parts the text holds are named.
    pub fn least_needed(
        &self,
        draft: &Draft,
        template: &Template,
        output: Output,
    ) -> Vec<(String, usize)> {
        let Some(order) = self.set.limits.least_needed.get(&output) else {
            return Vec::new();
        };
        let used: Vec<&String> = match output {
            Output::Eras => template.outputs.eras.parts.iter().collect(),
            Output::Statement => template.outputs.statement.parts.iter().collect(),
            Output::Interview => {
                let i = &template.outputs.interview;
                i.issue.iter().chain(&i.did).chain(&i.learned).collect()
            }
        };
        order
            .iter()
            .filter(|k| used.contains(k))
            .filter_map(|k| {
                let text = draft.text_in(output, k)?;
                let n = char_count(text.trim());
                (n > 0).then(|| (k.clone(), n))
            })
            .collect()
    }

    /// A story of several flags is checked as one text, for each flag it tells: every
    /// gap dated in the timeline, and, where it tells more than one failure, a result
    /// named for each.
    fn story_structure(&self, draft: &Draft, family: Family) -> Vec<Finding> {
        let mut out = Vec::new();
        let timeline = draft.part("timeline");
        let result = draft.part("result");
        let failures: Vec<Step> = draft
            .flags()
            .filter_map(|id| id.strip_prefix("exam_failure:"))
            .filter_map(|slug| Step::ALL.into_iter().find(|s| s.slug() == slug))
            .collect();
        for id in draft.flags() {
            let gap = id
                .strip_prefix("training_gap:")
                .and_then(|rest| rest.get(..7))
                .and_then(|m| m.parse::<YearMonth>().ok());
            if let Some(start) = gap
                && family == Family::Gap
                && !timeline.trim().is_empty()
                && !timeline.contains(&start.year().to_string())
            {
                let detail = format!("nothing here dates the gap that began in {}", start.long());
                out.extend(self.detailed("gap_dates", Some("timeline"), &detail));
            }
        }
        if family == Family::Academic && failures.len() > 1 && !result.trim().is_empty() {
            let lower = result.to_lowercase();
            for step in failures {
                if !step.short_names().iter().any(|n| lower.contains(n)) {
                    let detail = format!(
                        "the result names no outcome for the {} failure",
                        step.label()
                    );
                    out.extend(self.detailed("no_result", Some("result"), &detail));
                }
            }
        }
        out
    }
}

/// Whether `text` holds at least `min_words` words and some letters.
pub fn answered(text: &str, min_words: usize) -> bool {
    word_count(text) >= min_words.max(1) && text.chars().any(char::is_alphabetic)
}

/// The sentence around byte `at` and the one after it: where a gap's dates belong.
fn near(text: &str, at: usize) -> &str {
    let ends = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    let at = floor_boundary(text, at);
    let start = text[..at].rfind(ends).map_or(0, |i| i + 1);
    let mut end = at;
    for _ in 0..2 {
        end = text[end..].find(ends).map_or(text.len(), |i| end + i + 1);
    }
    &text[start..end.min(text.len())]
}

/// A gap dated by years but not months is half dated: a warning, with what is missing.
fn years_only(mut f: Finding, text: &str) -> Finding {
    let months = scan::month_years(text);
    if !months.is_empty() || !scan::bare_years(text, &months).is_empty() {
        f.level = f.level.min(Level::Warning);
        f.message = format!("{} Years are given; the months are missing.", f.message);
    }
    f
}

/// Sentences of a text by their byte spans.
type Spans = Vec<(usize, usize)>;

/// Where the sentence holding byte `at` ends.
fn sentence_end(spans: &Spans, at: usize) -> usize {
    spans
        .iter()
        .find(|s| s.0 <= at && at < s.1.max(s.0 + 1))
        .map_or(at, |s| s.1)
}

/// Paragraphs: runs of lines separated by blank lines, whatever the line ends.
fn paragraphs(text: &str) -> usize {
    let mut count = 0;
    let mut in_paragraph = false;
    for line in text.lines() {
        let blank = line.trim().is_empty();
        if !blank && !in_paragraph {
            count += 1;
        }
        in_paragraph = !blank;
    }
    count
}

fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        b.level
            .cmp(&a.level)
            .then_with(|| a.part.cmp(&b.part))
            .then(a.start.cmp(&b.start))
            .then_with(|| a.rule.cmp(&b.rule))
    });
}

fn apply_dismissals(findings: &mut [Finding], dismissed: &[Dismissal]) {
    for f in findings.iter_mut() {
        if let Some(d) = dismissed.iter().find(|d| {
            d.rule == f.rule && d.part == f.part && d.excerpt == f.excerpt && d.output == f.output
        }) {
            f.dismissed = Some(d.reason.clone());
        }
    }
}

/// Everything the coach says about one draft.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub answers: overview::Answers,
}

impl Report {
    /// Findings not dismissed, at `level` or above.
    pub fn count(&self, level: Level) -> usize {
        self.findings
            .iter()
            .filter(|f| f.dismissed.is_none() && f.level >= level)
            .count()
    }

    /// Findings in part `key`, in order.
    pub fn in_part<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings
            .iter()
            .filter(move |f| f.part.as_deref() == Some(key))
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    crate::core::locate::position(text, offset)
}

#[cfg(test)]
mod scan_cache_tests {
    use super::*;

    fn held(coach: &Coach) -> (usize, usize) {
        let cache = coach.scans.0.lock().unwrap();
        (cache.len(), cache.keys().map(|k| k.0.len()).sum())
    }

    #[test]
    fn a_text_checked_again_gives_the_same_findings_from_memory() {
        let coach = Coach::embedded();
        let text = "The exam was unfair. I was devastated.";
        let first = coach.check_text(text, TextContext::default());
        assert_eq!(held(&coach).0, 1);
        assert_eq!(coach.check_text(text, TextContext::default()), first);
        assert_eq!(held(&coach).0, 1, "the second check reads from memory");
    }

    #[test]
    fn remembered_scans_stay_within_their_bytes_however_long_the_typing() {
        let coach = Coach::embedded();
        // A part of a megabyte, typed into: each pause leaves a new version behind.
        let long = "-".repeat(1 << 20);
        for round in 0..8 {
            let text = format!("{long}{round}");
            coach.check_text(&text, TextContext::default());
            let (_, bytes) = held(&coach);
            assert!(
                bytes <= SCANNED_BYTES_KEPT,
                "{bytes} bytes held after {round}"
            );
        }
    }

    #[test]
    fn a_new_dictionary_is_not_answered_from_scans_spelled_with_the_old() {
        let base = crate::core::spell::Speller::embedded().unwrap();
        let text = "I recieved strong evaluations in pediatrics.";
        let spelled = |coach: &Coach| {
            coach
                .check_text(text, TextContext::default())
                .into_iter()
                .filter(|f| f.rule == "spelling")
                .map(|f| f.excerpt)
                .collect::<Vec<_>>()
        };
        let mut coach = Coach::embedded();
        coach.set_speller(std::sync::Arc::new(
            base.with_own_words(Vec::<String>::new()),
        ));
        let before = spelled(&coach);
        assert!(before.contains(&"recieved".to_string()), "{before:?}");
        // The applicant adds the word: the same text, checked again, is spelled anew.
        coach.set_speller(std::sync::Arc::new(
            base.with_own_words(vec!["recieved".to_string()]),
        ));
        let after = spelled(&coach);
        assert!(!after.contains(&"recieved".to_string()), "{after:?}");
    }
}
