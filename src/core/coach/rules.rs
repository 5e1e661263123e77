//! The coach's rules as data: `assets/coach.ron`, with a user's patch file merged over
//! it by rule id. Pure: parses text only.

use serde::{Deserialize, Serialize};

use crate::core::assemble::Output;
use crate::core::locate::{find, quoted};

/// Markers the coach tracks at most.
pub const MAX_MARKERS: usize = 16;

pub const EMBEDDED: &str = include_str!("../../../assets/coach.ron");

/// How much a finding matters. Only errors make `flagdraft check` exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// One rule as written in a file: every field but the id may be left out of a patch.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulePatch {
    pub id: String,
    /// What people call the rule, as the app shows it ("Vague reason"); the id stays
    /// for files. Left out of a new rule, the id with spaces stands in.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub enabled: Option<bool>,
    #[serde(default)]
    pub level: Option<Level>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub hint: Option<String>,
    /// A marker whose presence anywhere in the draft lowers this rule to a warning.
    #[serde(default)]
    pub softened_by: Option<String>,
    /// The outputs the rule applies to; none named means all.
    #[serde(default)]
    pub outputs: Option<Vec<Output>>,
    #[serde(default)]
    pub phrases: Option<Vec<String>>,
    /// Phrases added to the rule's list without restating it.
    #[serde(default)]
    pub add_phrases: Vec<String>,
    /// Patterns over words and word classes, each matched within one sentence (see
    /// `pattern.rs` for how they are written).
    #[serde(default)]
    pub patterns: Option<Vec<String>>,
    /// Patterns added to the rule's list without restating it.
    #[serde(default)]
    pub add_patterns: Vec<String>,
    /// A sentence that matches one of these is left alone by the rule.
    #[serde(default)]
    pub unless: Option<Vec<String>>,
    /// When a second signal agrees, the rule speaks one level louder.
    #[serde(default)]
    pub escalate: Option<Escalate>,
}

/// The second signals that raise a rule one level (info to warning, warning to error).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Escalate {
    /// The rule fires in at least this many sentences.
    #[serde(default)]
    pub sentences: Option<usize>,
    /// The rule fires and nowhere in the text (or draft) is this marker.
    #[serde(default)]
    pub without: Option<String>,
    /// The rule fires and so does this other rule.
    #[serde(default)]
    pub along: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkerDef {
    pub id: String,
    #[serde(default)]
    pub phrases: Vec<String>,
    /// Patterns over words and classes, each within one sentence.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// A sentence that matches one of these does not count for the marker's patterns.
    #[serde(default)]
    pub unless: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// A statement paragraph longer than this many words is too long.
    pub statement_max_words: usize,
    /// An interview answer longer than this, spoken at a calm pace, is too long.
    pub interview_max_seconds: u32,
    /// A text shorter than this many words is not asked for a Med-Peds link.
    pub link_min_words: usize,
    /// A part counts as answered once it holds at least this many words (and some
    /// letters): a stray letter is not an answer.
    #[serde(default = "answer_min_words")]
    pub answer_min_words: usize,
    /// A spoken sentence longer than this many words is hard to say in one breath.
    #[serde(default = "spoken_sentence_words")]
    pub spoken_sentence_words: usize,
    /// An interview answer shorter than this, spoken, says too little.
    #[serde(default = "interview_min_seconds")]
    pub interview_min_seconds: u32,
    /// Per output, the parts least needed there, least needed first: where the coach
    /// suggests cutting when the text is over its limit.
    #[serde(default)]
    pub least_needed: std::collections::BTreeMap<Output, Vec<String>>,
}

fn answer_min_words() -> usize {
    4
}

fn spoken_sentence_words() -> usize {
    28
}

fn interview_min_seconds() -> u32 {
    60
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            statement_max_words: 180,
            interview_max_seconds: 90,
            link_min_words: 25,
            answer_min_words: answer_min_words(),
            spoken_sentence_words: spoken_sentence_words(),
            interview_min_seconds: interview_min_seconds(),
            least_needed: Default::default(),
        }
    }
}

/// A coach file: the embedded one in full, or a user's patch.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename = "Coach", deny_unknown_fields)]
pub struct CoachFile {
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub rules: Vec<RulePatch>,
    #[serde(default)]
    pub markers: Vec<MarkerDef>,
    /// Word classes by name: words and short phrases that play one part in a sentence.
    #[serde(default)]
    pub classes: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub limits: Option<Limits>,
    /// Word lists of the second-language checks.
    #[serde(default)]
    pub second_language: Option<super::esl::Lists>,
    /// Spelling settings.
    #[serde(default)]
    pub spelling: Option<crate::core::spell::Settings>,
}

/// A rule ready to use.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub id: String,
    /// The rule as people say it, for screens; `id` is for files.
    pub name: String,
    pub enabled: bool,
    pub level: Level,
    pub message: String,
    pub hint: String,
    pub softened_by: Option<String>,
    pub outputs: Vec<Output>,
    pub phrases: Vec<String>,
    pub patterns: Vec<String>,
    pub unless: Vec<String>,
    pub escalate: Option<Escalate>,
}

/// Everything the coach checks with.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub markers: Vec<MarkerDef>,
    pub classes: std::collections::BTreeMap<String, Vec<String>>,
    pub limits: Limits,
    pub second_language: super::esl::Lists,
    pub spelling: crate::core::spell::Settings,
}

/// A rule file that does not make a usable set.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    #[error("{0}")]
    Parse(#[from] ron::error::SpannedError),
    #[error("rule {0:?} is missing its {1}")]
    Incomplete(String, &'static str),
    #[error("rule {0:?} is not a built-in rule; new rules need phrases or patterns")]
    Unknown(String),
    #[error("rule {0:?} names marker {1:?}, which does not exist")]
    NoMarker(String, String),
    #[error("{kind} {id:?} has an empty phrase; a phrase needs at least one word")]
    EmptyPhrase {
        kind: &'static str,
        id: String,
        /// The phrase as written (empty or spaces only), to find it in the file.
        phrase: String,
    },
    #[error("a {0} has an empty id")]
    EmptyId(&'static str),
    #[error("{0} {1:?} is listed twice in this file")]
    Twice(&'static str, String),
    #[error("{0} must be more than zero")]
    ZeroLimit(&'static str),
    #[error("at most {MAX_MARKERS} markers are tracked; this file makes {0}")]
    TooManyMarkers(usize),
    #[error("{owner} {id:?}: {error}")]
    Pattern {
        owner: &'static str,
        id: String,
        error: super::pattern::PatternError,
    },
    #[error("rule {0:?} escalates without marker {1:?}, which does not exist")]
    NoEscalateMarker(String, String),
}

impl RulesError {
    /// Line and column of the problem in `text`, the file that was refused.
    pub fn position(&self, text: &str) -> (usize, usize) {
        let id = |id: &str| quoted(id);
        match self {
            RulesError::Parse(e) => (e.span.start.line, e.span.start.col),
            RulesError::Incomplete(rule, _) | RulesError::Unknown(rule) => find(text, &[&id(rule)]),
            RulesError::NoMarker(rule, marker) => find(text, &[&id(rule), &id(marker)]),
            RulesError::EmptyPhrase {
                id: owner, phrase, ..
            } => find(text, &[&id(owner), &quoted(phrase)]),
            RulesError::EmptyId(_) => find(text, &["\"\""]),
            RulesError::Twice(_, twice) => find(text, &[&id(twice), &id(twice)]),
            RulesError::ZeroLimit(name) => find(text, &["limits", name]),
            RulesError::TooManyMarkers(_) => find(text, &["markers"]),
            RulesError::Pattern {
                id: owner, error, ..
            } => match error {
                super::pattern::PatternError::NoClass { pattern, .. }
                | super::pattern::PatternError::Empty(pattern)
                | super::pattern::PatternError::Bad { pattern, .. } => {
                    find(text, &[&id(owner), &quoted(pattern)])
                }
                super::pattern::PatternError::EmptyEntry(class) => find(text, &[&id(class)]),
            },
            RulesError::NoEscalateMarker(rule, marker) => find(text, &[&id(rule), &id(marker)]),
        }
    }

    /// Whether the message may quote the file's text (a parser's message can).
    pub fn is_parse(&self) -> bool {
        matches!(self, RulesError::Parse(_))
    }
}

/// Rules whose logic is built in (the file gives only their words and level).
pub const BUILT_IN: [&str; 18] = [
    "placeholder",
    "invisible_characters",
    "required_empty",
    "gap_dates",
    "no_result",
    "no_link",
    "no_ownership",
    "over_limit",
    "statement_length",
    "interview_length",
    "consistency",
    "eras_left_out",
    "eras_link_left",
    "statement_reflection",
    "statement_no_link",
    "spoken_part_missing",
    "spoken_sentence",
    "interview_short",
];

/// Whether the rule's logic is built in: the general checks, the second-language
/// checks and spelling.
pub fn is_built_in(id: &str) -> bool {
    BUILT_IN
        .iter()
        .chain(super::esl::RULES)
        .chain(crate::core::spell::RULES)
        .any(|b| *b == id)
}

impl RuleSet {
    /// The embedded rules (a test checks they parse).
    pub fn embedded() -> Self {
        Self::parse(EMBEDDED).unwrap_or_else(|_| RuleSet {
            rules: Vec::new(),
            markers: Vec::new(),
            classes: Default::default(),
            limits: Limits::default(),
            second_language: Default::default(),
            spelling: Default::default(),
        })
    }

    pub fn parse(text: &str) -> Result<Self, RulesError> {
        let file: CoachFile = crate::core::ron_text::from_str(text)?;
        let mut set = RuleSet {
            rules: Vec::new(),
            markers: Vec::new(),
            classes: Default::default(),
            limits: Limits::default(),
            second_language: Default::default(),
            spelling: Default::default(),
        };
        set.apply(file)?;
        Ok(set)
    }

    /// Merge a user's patch file over these rules.
    pub fn patch(&mut self, text: &str) -> Result<(), RulesError> {
        let file: CoachFile = crate::core::ron_text::from_str(text)?;
        let mut next = self.clone();
        next.apply(file)?;
        *self = next;
        Ok(())
    }

    fn apply(&mut self, file: CoachFile) -> Result<(), RulesError> {
        check_file(&file)?;
        for marker in file.markers {
            self.markers.retain(|m| m.id != marker.id);
            self.markers.push(marker);
        }
        if let Some(limits) = file.limits {
            self.limits = limits;
        }
        self.classes.extend(file.classes);
        if let Some(lists) = file.second_language {
            self.second_language = lists;
        }
        if let Some(spelling) = file.spelling {
            self.spelling = spelling;
        }
        for patch in file.rules {
            let rule = match self.rules.iter().position(|r| r.id == patch.id) {
                Some(i) => merge(self.rules.remove(i), patch),
                None => new_rule(patch)?,
            };
            self.rules.push(rule);
        }
        self.check()
    }

    fn check(&self) -> Result<(), RulesError> {
        if self.markers.len() > MAX_MARKERS {
            return Err(RulesError::TooManyMarkers(self.markers.len()));
        }
        for rule in &self.rules {
            if rule.phrases.is_empty() && rule.patterns.is_empty() && !is_built_in(&rule.id) {
                return Err(RulesError::Unknown(rule.id.clone()));
            }
            if let Some(m) = &rule.softened_by
                && !self.markers.iter().any(|x| &x.id == m)
            {
                return Err(RulesError::NoMarker(rule.id.clone(), m.clone()));
            }
            if let Some(m) = rule.escalate.as_ref().and_then(|e| e.without.as_ref())
                && !self.markers.iter().any(|x| &x.id == m)
            {
                return Err(RulesError::NoEscalateMarker(rule.id.clone(), m.clone()));
            }
        }
        super::engine::Engine::check(self)
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id && r.enabled)
    }
}

/// What one file may not hold, whatever it is merged with: empty ids and phrases (an
/// empty phrase would match between every two letters), an id twice, a zero limit.
fn check_file(file: &CoachFile) -> Result<(), RulesError> {
    let blank = |kind: &'static str, id: &str, phrases: &[String]| {
        phrases
            .iter()
            .find(|p| p.trim().is_empty())
            .map(|p| RulesError::EmptyPhrase {
                kind,
                id: id.to_string(),
                phrase: p.clone(),
            })
    };
    for (i, rule) in file.rules.iter().enumerate() {
        if rule.id.trim().is_empty() {
            return Err(RulesError::EmptyId("rule"));
        }
        if file.rules[..i].iter().any(|r| r.id == rule.id) {
            return Err(RulesError::Twice("rule", rule.id.clone()));
        }
        let phrases = rule.phrases.iter().flatten().cloned();
        let all: Vec<String> = phrases.chain(rule.add_phrases.iter().cloned()).collect();
        if let Some(e) = blank("rule", &rule.id, &all) {
            return Err(e);
        }
    }
    for (i, marker) in file.markers.iter().enumerate() {
        if marker.id.trim().is_empty() {
            return Err(RulesError::EmptyId("marker"));
        }
        if file.markers[..i].iter().any(|m| m.id == marker.id) {
            return Err(RulesError::Twice("marker", marker.id.clone()));
        }
        if let Some(e) = blank("marker", &marker.id, &marker.phrases) {
            return Err(e);
        }
    }
    if let Some(l) = &file.limits {
        for (name, value) in [
            ("statement_max_words", l.statement_max_words),
            ("interview_max_seconds", l.interview_max_seconds as usize),
            ("link_min_words", l.link_min_words),
            ("answer_min_words", l.answer_min_words),
        ] {
            if value == 0 {
                return Err(RulesError::ZeroLimit(name));
            }
        }
    }
    Ok(())
}

fn merge(mut rule: Rule, patch: RulePatch) -> Rule {
    if let Some(n) = patch.name {
        rule.name = n;
    }
    if let Some(e) = patch.enabled {
        rule.enabled = e;
    }
    if let Some(l) = patch.level {
        rule.level = l;
    }
    if let Some(m) = patch.message {
        rule.message = m;
    }
    if let Some(h) = patch.hint {
        rule.hint = h;
    }
    if patch.softened_by.is_some() {
        rule.softened_by = patch.softened_by;
    }
    if let Some(o) = patch.outputs {
        rule.outputs = o;
    }
    if let Some(p) = patch.phrases {
        rule.phrases = p;
    }
    rule.phrases.extend(patch.add_phrases);
    if let Some(p) = patch.patterns {
        rule.patterns = p;
    }
    rule.patterns.extend(patch.add_patterns);
    if let Some(u) = patch.unless {
        rule.unless = u;
    }
    if patch.escalate.is_some() {
        rule.escalate = patch.escalate;
    }
    rule
}

fn new_rule(patch: RulePatch) -> Result<Rule, RulesError> {
    let id = patch.id.clone();
    let missing = |what| RulesError::Incomplete(id.clone(), what);
    let mut phrases = patch.phrases.unwrap_or_default();
    phrases.extend(patch.add_phrases);
    let mut patterns = patch.patterns.unwrap_or_default();
    patterns.extend(patch.add_patterns);
    let name = patch.name.unwrap_or_else(|| human(&patch.id));
    Ok(Rule {
        name,
        enabled: patch.enabled.unwrap_or(true),
        level: patch.level.ok_or_else(|| missing("level"))?,
        message: patch.message.ok_or_else(|| missing("message"))?,
        hint: patch.hint.ok_or_else(|| missing("hint"))?,
        softened_by: patch.softened_by,
        outputs: patch.outputs.unwrap_or_default(),
        phrases,
        patterns,
        unless: patch.unless.unwrap_or_default(),
        escalate: patch.escalate,
        id: patch.id,
    })
}

/// An id as words: `no_link` reads "No link".
fn human(id: &str) -> String {
    let words = id.replace(['_', '-'], " ");
    let mut chars = words.trim().chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_rules_parse_with_every_built_in() {
        let set = RuleSet::parse(EMBEDDED).unwrap();
        for id in BUILT_IN {
            assert!(set.rule(id).is_some(), "{id}");
        }
        for rule in &set.rules {
            assert!(!rule.name.is_empty(), "{}", rule.id);
            assert!(!rule.name.contains('_'), "{}: {}", rule.id, rule.name);
        }
        assert_eq!(set.limits.answer_min_words, 4);
        for id in [
            "blame",
            "emotional",
            "apology",
            "defensive",
            "vague",
            "hedge",
        ] {
            assert!(!set.rule(id).unwrap().phrases.is_empty(), "{id}");
        }
    }

    #[test]
    fn a_patch_switches_off_and_extends() {
        let mut set = RuleSet::embedded();
        set.patch(r#"(rules: [(id: "hedge", enabled: Some(false)), (id: "emotional", add_phrases: ["gutted"])])"#)
            .unwrap();
        assert!(set.rule("hedge").is_none());
        assert!(
            set.rule("emotional")
                .unwrap()
                .phrases
                .contains(&"gutted".to_string())
        );
    }

    #[test]
    fn a_patch_may_add_a_rule_with_phrases_only_when_complete() {
        let mut set = RuleSet::embedded();
        assert!(
            set.patch(r#"(rules: [(id: "jargon", phrases: Some(["synergy"]))])"#)
                .is_err()
        );
        set.patch(
            r#"(rules: [(id: "jargon", level: Some(info), message: Some("m"), hint: Some("h"), phrases: Some(["synergy"]))])"#,
        )
        .unwrap();
        assert_eq!(set.rule("jargon").unwrap().name, "Jargon");
        set.patch(r#"(rules: [(id: "jargon", name: Some("Buzzwords"))])"#)
            .unwrap();
        assert_eq!(set.rule("jargon").unwrap().name, "Buzzwords");
        assert!(set.patch(r#"(rules: [(id: "mystery", level: Some(info), message: Some("m"), hint: Some("h"))])"#).is_err());
    }

    #[test]
    fn a_patch_may_add_a_class_and_a_rule_of_patterns() {
        let mut set = RuleSet::embedded();
        set.patch(
            r#"(classes: {"hype": ["rockstar", "ninja"]},
               rules: [(id: "jargon", level: Some(info), message: Some("m"), hint: Some("h"),
                        patterns: Some(["@first_person ...3 @hype"]))])"#,
        )
        .unwrap();
        let coach = super::super::Coach::new(set);
        let found = coach.check_text("I was a rockstar intern.", Default::default());
        let f = found.iter().find(|f| f.rule == "jargon").unwrap();
        assert_eq!(f.excerpt, "I was a rockstar");
    }

    #[test]
    fn a_pattern_naming_no_class_is_refused_where_it_is_written() {
        let text = "(rules: [\n  (id: \"hedge\", add_patterns: [\"@nothing_here x\"]),\n])";
        let (err, at) = refused(text);
        assert!(err.to_string().contains("@nothing_here"), "{err}");
        assert_eq!(at, (2, 32));
    }

    fn refused(patch: &str) -> (RulesError, (usize, usize)) {
        let mut set = RuleSet::embedded();
        let before = set.clone();
        let err = set.patch(patch).unwrap_err();
        assert_eq!(set, before, "a refused patch changes nothing");
        let at = err.position(patch);
        (err, at)
    }

    #[test]
    fn an_empty_phrase_is_refused_where_it_is_written() {
        let text = "(rules: [\n  (id: \"hedge\", add_phrases: [\"gutted\", \"\"]),\n])";
        let (err, at) = refused(text);
        assert!(matches!(err, RulesError::EmptyPhrase { .. }), "{err}");
        assert!(
            err.to_string().contains("\"hedge\" has an empty phrase"),
            "{err}"
        );
        assert_eq!(at, (2, 41));
        let text = "(markers: [(id: \"ownership\", phrases: [\"i own\", \"   \"])])";
        let (err, at) = refused(text);
        assert!(err.to_string().contains("marker \"ownership\""), "{err}");
        assert_eq!(at, (1, 49));
        let (err, _) = refused(
            r#"(rules: [(id: "jargon", level: Some(info), message: Some("m"), hint: Some("h"), phrases: Some([""]))])"#,
        );
        assert!(matches!(err, RulesError::EmptyPhrase { .. }), "{err}");
    }

    #[test]
    fn empty_ids_twice_listed_ids_and_zero_limits_are_refused() {
        let (err, _) = refused(r#"(rules: [(id: "", enabled: Some(false))])"#);
        assert!(matches!(err, RulesError::EmptyId("rule")), "{err}");
        let text = "(rules: [\n(id: \"hedge\", enabled: Some(false)),\n(id: \"hedge\", level: Some(error))])";
        let (err, at) = refused(text);
        assert!(matches!(err, RulesError::Twice("rule", _)), "{err}");
        assert_eq!(at, (3, 6));
        let (err, _) =
            refused(r#"(markers: [(id: "m", phrases: ["a"]), (id: "m", phrases: ["b"])])"#);
        assert!(matches!(err, RulesError::Twice("marker", _)), "{err}");
        let text = "(limits: Some((statement_max_words: 180, interview_max_seconds: 0, link_min_words: 25)))";
        let (err, at) = refused(text);
        assert!(
            matches!(err, RulesError::ZeroLimit("interview_max_seconds")),
            "{err}"
        );
        assert_eq!(at, (1, 42));
        let many: Vec<String> = (0..20)
            .map(|i| format!("(id: \"m{i}\", phrases: [\"w{i}\"])"))
            .collect();
        let (err, _) = refused(&format!("(markers: [{}])", many.join(", ")));
        assert!(matches!(err, RulesError::TooManyMarkers(_)), "{err}");
    }

    #[test]
    fn other_refusals_point_at_the_rule() {
        let text = "(rules: [\n  (id: \"mystery\", level: Some(info), message: Some(\"m\"), hint: Some(\"h\"))])";
        let (err, at) = refused(text);
        assert!(matches!(err, RulesError::Unknown(_)), "{err}");
        assert_eq!(at, (2, 8));
    }
}
