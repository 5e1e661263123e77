//! The coach: explainable checks on a draft or any text. Each finding names its rule,
//! the exact span, why a program director would stumble there and how to fix it.
//!
//! Deterministic and pure: same text and rules, same findings. No I/O, no clock.

pub mod esl;
pub mod facts;
pub mod matcher;
pub mod overview;
pub mod rules;
pub mod scan;
pub mod tokens;

use serde::Serialize;

use crate::core::assemble::{Output, assemble, char_count, is_chosen, spoken_seconds, word_count};
use crate::core::draft::Draft;
use crate::core::eras::ErasFields;
use crate::core::flag::Family;
use crate::core::invisible;
use crate::core::locate::floor_boundary;
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
}

/// The coach with its rules compiled.
#[derive(Clone, Debug)]
pub struct Coach {
    pub set: RuleSet,
    /// Built on first use: starting the app need not wait for it.
    matcher: std::sync::OnceLock<Matcher>,
    /// The spelling dictionary, once loaded; until then spelling is not checked.
    speller: Option<std::sync::Arc<crate::core::spell::Speller>>,
}

/// Which markers a piece of text holds, and where each first appears.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marks {
    /// Start and end of each marker's first occurrence; `usize::MAX` when absent.
    first: [(usize, usize); MAX_MARKERS],
}

impl Default for Marks {
    fn default() -> Self {
        Self {
            first: [(usize::MAX, usize::MAX); MAX_MARKERS],
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

    fn set(&mut self, marker: usize, start: usize, end: usize) {
        if let Some(slot) = self.first.get_mut(marker)
            && start < slot.0
        {
            *slot = (start, end);
        }
    }

    fn or(mut self, other: Marks) -> Marks {
        for (a, b) in self.first.iter_mut().zip(other.first) {
            if b.0 < a.0 {
                *a = b;
            }
        }
        self
    }
}

impl Coach {
    pub fn new(set: RuleSet) -> Self {
        Self {
            set,
            matcher: std::sync::OnceLock::new(),
            speller: None,
        }
    }

    /// The coach with a spelling dictionary.
    pub fn with_speller(mut self, speller: std::sync::Arc<crate::core::spell::Speller>) -> Self {
        self.speller = Some(speller);
        self
    }

    /// Check spelling from now on (the app loads the dictionary after its first frame).
    pub fn set_speller(&mut self, speller: std::sync::Arc<crate::core::spell::Speller>) {
        self.speller = Some(speller);
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
        }
    }

    /// Phrase findings in `text` and the markers it holds.
    fn scan(
        &self,
        text: &str,
        part: Option<&str>,
        output: Option<Output>,
        out: &mut Vec<Finding>,
    ) -> Marks {
        let mut hits: Vec<Hit> = Vec::new();
        self.matcher
            .get_or_init(|| Matcher::new(&self.set))
            .scan(text, &mut hits);
        let mut marks = Marks::default();
        let mut last_end: Vec<(usize, usize)> = Vec::new();
        for hit in hits {
            match hit.target {
                Target::Marker(i) => marks.set(i, hit.start, hit.end),
                Target::Rule(i) => {
                    let rule = &self.set.rules[i];
                    let applies = rule.outputs.is_empty()
                        || output.is_some_and(|o| rule.outputs.contains(&o));
                    // Overlapping hits of one rule ("not my fault" in "was not my fault")
                    // make one finding: the longest that starts first.
                    let overlaps = last_end.iter().any(|(r, e)| *r == i && hit.start < *e);
                    if applies && !overlaps {
                        out.push(self.finding(rule, part, text, hit.start, hit.end));
                        last_end.push((i, hit.end));
                    }
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
        let sentences = tokens::sentences(text);
        esl::check(self, text, &sentences, part, out);
        if let Some(speller) = &self.speller {
            crate::core::spell::check(self, speller, text, &sentences, part, out);
        }
        marks
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

    /// Check any text: phrases, placeholders, length for its output, and the
    /// structure a reader expects (dates for a gap, a result for a failure, a link).
    pub fn check_text(&self, text: &str, ctx: TextContext) -> Vec<Finding> {
        let mut out = Vec::new();
        let marks = self.scan(text, None, ctx.output, &mut out);
        self.soften(&mut out, marks);
        let first = |id: &str| self.marker(id).and_then(|i| marks.at(i));
        let anchored = |id: &str, (start, end): (usize, usize)| {
            self.set
                .rule(id)
                .map(|r| self.finding(r, None, text, start, end))
        };
        if let Some(gap) = first("gap")
            && !scan::dates_a_span(near(text, gap.0))
        {
            out.extend(anchored("gap_dates", gap));
        }
        if let Some(failure) = first("failure")
            && !self.marked(marks, "result")
        {
            out.extend(anchored("no_result", failure));
        }
        if let Some(conduct) = first("conduct")
            && !self.marked(marks, "ownership")
        {
            out.extend(anchored("no_ownership", conduct));
        }
        if word_count(text) >= self.set.limits.link_min_words && !self.marked(marks, "medpeds") {
            out.extend(self.whole("no_link", None));
        }
        out.extend(self.length(text, ctx, None));
        sort(&mut out);
        out
    }

    /// Length findings for `text` as `ctx.output`.
    fn length(&self, text: &str, ctx: TextContext, part: Option<&str>) -> Vec<Finding> {
        let mut out = Vec::new();
        let mut note = |id: &str, detail: String| {
            if let Some(mut f) = self.whole(id, part) {
                f.message = format!("{} ({detail})", f.message);
                out.push(f);
            }
        };
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
            let marks = self.scan(text, Some(&part.key), output, &mut out);
            all = all.or(marks);
            part_marks.push((part.key.as_str(), marks));
            if part.required && !self.answered(text) {
                out.extend(self.whole("required_empty", Some(&part.key)));
            }
            if let Some(k) = known {
                out.extend(facts::check(self, k, &part.key, text));
            }
        }
        self.soften(&mut out, all);
        out.extend(self.structure(draft, template.family, &part_marks));
        // Only the outputs of the venues the applicant chose are held to a length.
        let field = fields.resolve_for(draft.kind, draft.field.as_deref());
        for output in Output::ALL.into_iter().filter(|o| is_chosen(draft, *o)) {
            let ctx = TextContext {
                output: Some(output),
                limit: (output == Output::Eras).then_some((field.label.as_str(), field.limit)),
            };
            out.extend(self.length(&assemble(draft, template, output), ctx, None));
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
        let mut flag = |id: &str, key: &str| out.extend(self.whole(id, Some(key)));
        match family {
            Family::Gap => {
                if filled("timeline") && !scan::dates_a_span(draft.part("timeline")) {
                    flag("gap_dates", "timeline");
                }
            }
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
            }
            Family::LimitedUsce | Family::Visa => {}
        }
        if filled("link") && !of("link").is_some_and(|m| self.marked(m, "medpeds")) {
            flag("no_link", "link");
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
        if let Some(d) = dismissed
            .iter()
            .find(|d| d.rule == f.rule && d.part == f.part && d.excerpt == f.excerpt)
        {
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
