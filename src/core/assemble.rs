//! Turning a draft's parts into the three texts a program director meets: the ERAS
//! text, a personal-statement paragraph and a three-part interview answer.
//!
//! Deterministic and pure: the same draft and template always give the same text.

use serde::{Deserialize, Serialize};

use super::draft::Draft;
use super::eras::{ErasFields, Field};
use super::flag::Venue;
use super::template::Template;

/// Words a minute at the slow and the quick end of a calm spoken answer.
pub const SPOKEN_WPM: (u32, u32) = (130, 160);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Output {
    Eras,
    Statement,
    Interview,
}

impl Output {
    pub const ALL: [Output; 3] = [Output::Eras, Output::Statement, Output::Interview];

    /// A word for it where room is short: "ERAS", "statement", "interview".
    pub fn short(self) -> &'static str {
        match self {
            Output::Eras => "ERAS",
            Output::Statement => "statement",
            Output::Interview => "interview",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Output::Eras => "ERAS text",
            Output::Statement => "Personal statement paragraph",
            Output::Interview => "Interview answer",
        }
    }

    /// The output written for `venue`.
    pub fn of(venue: Venue) -> Self {
        match venue {
            Venue::Eras => Output::Eras,
            Venue::Statement => Output::Statement,
            Venue::Interview => Output::Interview,
        }
    }
}

/// The outputs of the venues the applicant chose for `draft`, in their order: only
/// these are assembled, exported and coached.
pub fn chosen(draft: &Draft) -> Vec<Output> {
    draft.venues.iter().map(|v| Output::of(*v)).collect()
}

/// Whether the applicant chose the venue `output` is written for.
pub fn is_chosen(draft: &Draft, output: Output) -> bool {
    draft.venues.iter().any(|v| Output::of(*v) == output)
}

/// The three spoken parts of an interview answer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InterviewAnswer {
    /// The issue in brief.
    pub issue: String,
    /// What you did about it.
    pub did: String,
    /// What you learned and use now.
    pub learned: String,
}

impl InterviewAnswer {
    pub fn text(&self) -> String {
        [&self.issue, &self.did, &self.learned]
            .into_iter()
            .filter(|p| !p.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

/// Fold runs of white space (line breaks included) into single spaces and drop
/// control characters.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let start = out.len();
        if start > 0 {
            out.push(' ');
        }
        let before = out.len();
        out.extend(word.chars().filter(|c| !c.is_control()));
        if out.len() == before {
            out.truncate(start);
        }
    }
    out
}

/// The parts named by `keys` as `output` words them (its own wording where it has
/// one, the shared text otherwise, none where it leaves a part out), each on one line,
/// without invisible characters (every output is plain text; the coach flags them in
/// the draft).
fn join_parts(draft: &Draft, output: Output, keys: &[String], joiner: &str) -> String {
    keys.iter()
        .filter_map(|k| draft.text_in(output, k))
        .map(|t| one_line(&super::invisible::strip(t)))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(joiner)
}

/// Replace typographic quotes, dashes, ellipses and odd spaces with plain ones.
pub fn fold_typography(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => out.push('"'),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => out.push('-'),
            '\u{2014}' | '\u{2015}' => out.push_str("--"),
            '\u{2026}' => out.push_str("..."),
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// The interview answer of `draft`.
pub fn interview(draft: &Draft, template: &Template) -> InterviewAnswer {
    let i = &template.outputs.interview;
    InterviewAnswer {
        issue: join_parts(draft, Output::Interview, &i.issue, " "),
        did: join_parts(draft, Output::Interview, &i.did, " "),
        learned: join_parts(draft, Output::Interview, &i.learned, " "),
    }
}

/// The text of `output` for `draft`. The ERAS text is folded to plain punctuation when
/// the draft asks for it.
pub fn assemble(draft: &Draft, template: &Template, output: Output) -> String {
    match output {
        Output::Eras => {
            let a = &template.outputs.eras;
            let text = join_parts(draft, Output::Eras, &a.parts, &a.joiner);
            if draft.fold_typography {
                fold_typography(&text)
            } else {
                text
            }
        }
        Output::Statement => {
            let a = &template.outputs.statement;
            join_parts(draft, Output::Statement, &a.parts, &a.joiner)
        }
        Output::Interview => interview(draft, template).text(),
    }
}

/// Characters as ERAS counts them: every character, spaces included.
pub fn char_count(text: &str) -> usize {
    text.chars().count()
}

pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Seconds to say `words` at the quick and the slow end of a calm pace.
pub fn spoken_seconds(words: usize) -> (u32, u32) {
    let w = u32::try_from(words).unwrap_or(u32::MAX);
    let secs = |wpm: u32| w.saturating_mul(60).div_ceil(wpm);
    (secs(SPOKEN_WPM.1), secs(SPOKEN_WPM.0))
}

/// An ERAS text measured against its field.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit<'a> {
    pub field: &'a Field,
    pub chars: usize,
    /// Each part the text is made of, by key, with the characters it brings, in the
    /// order of the text (parts left empty are not listed).
    pub shares: Vec<(String, usize)>,
}

impl Fit<'_> {
    /// The part that brings the most characters (the first, on a tie).
    pub fn longest(&self) -> Option<&(String, usize)> {
        self.shares.iter().rev().max_by_key(|(_, chars)| *chars)
    }

    pub fn over(&self) -> usize {
        self.chars.saturating_sub(self.field.limit)
    }

    pub fn fits(&self) -> bool {
        self.chars <= self.field.limit
    }
}

/// How the draft's ERAS text fits the field it targets: its own field when it names a
/// known one, else the field of its kind.
pub fn eras_fit<'a>(draft: &Draft, template: &Template, fields: &'a ErasFields) -> Fit<'a> {
    let shares = template
        .outputs
        .eras
        .parts
        .iter()
        .filter_map(|k| {
            let text = one_line(&super::invisible::strip(draft.text_in(Output::Eras, k)?));
            let text = if draft.fold_typography {
                fold_typography(&text)
            } else {
                text
            };
            (!text.is_empty()).then(|| (k.clone(), char_count(&text)))
        })
        .collect();
    Fit {
        field: fields.resolve_for(draft.kind, draft.field.as_deref()),
        chars: char_count(&assemble(draft, template, Output::Eras)),
        shares,
    }
}
