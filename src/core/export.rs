//! What leaves flagdraft: texts cleaned for a clipboard or a file, the OSC 52 size
//! limit, and the Markdown and plain-text documents of finished drafts.
//!
//! Pure: builds strings; the runtime and the store do the writing.

use std::fmt::Write as _;

use super::assemble::{Output, assemble, eras_fit, spoken_seconds, word_count};
use super::draft::Draft;
use super::eras::ErasFields;
use super::flag::{Flag, Venue};
use super::story::{StoryRules, draft_name};
use super::template::Templates;

/// Terminals drop OSC 52 payloads past about this many encoded bytes.
pub const OSC52_MAX: usize = 100_000;

/// Text as it may leave: line ends made `\n`, control characters (escape sequences
/// included) and invisible ones (direction overrides, zero-width spaces: see
/// [`invisible`](super::invisible)) removed, tabs and newlines kept.
pub fn clean(text: &str) -> String {
    let visible: String = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    super::invisible::strip(&visible)
}

/// Bytes of the base64 payload an OSC 52 copy of `text` sends.
pub fn osc52_len(text: &str) -> usize {
    text.len().div_ceil(3) * 4
}

/// Refuse a copy the terminal would drop, saying how large it is.
pub fn check_copy(text: &str) -> Result<(), String> {
    let encoded = osc52_len(text);
    if encoded > OSC52_MAX {
        return Err(format!(
            "{} characters is {encoded} bytes once encoded, more than terminals accept ({OSC52_MAX}); export it to a file instead",
            text.chars().count()
        ));
    }
    Ok(())
}

/// The output a venue is written for.
pub fn output_for(venue: Venue) -> Output {
    Output::of(venue)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Plain => "txt",
            Format::Markdown => "md",
        }
    }
}

/// Everything a document of drafts needs.
pub struct Sources<'a> {
    pub name: Option<&'a str>,
    /// How flags are told together, to name a draft of several flags by its story.
    pub stories: &'a StoryRules,
    pub flags: &'a [Flag],
    pub templates: &'a Templates,
    pub fields: &'a ErasFields,
}

/// A note on each output: its field and length, or its spoken time.
fn note(draft: &Draft, src: &Sources, output: Output, text: &str) -> String {
    match output {
        Output::Eras => src
            .templates
            .get(draft.kind.family())
            .map(|t| eras_fit(draft, t, src.fields))
            .map_or(String::new(), |fit| {
                format!(
                    "{}: {} of {} characters",
                    fit.field.label, fit.chars, fit.field.limit
                )
            }),
        Output::Interview => {
            let (lo, hi) = spoken_seconds(word_count(text));
            format!("about {lo}-{hi} seconds spoken")
        }
        Output::Statement => format!("{} words", word_count(text)),
    }
}

/// A story by its name, a draft of one flag by the flag's title; `None` when the
/// draft explains no flag that is still found.
fn name_of(src: &Sources, draft: &Draft) -> Option<String> {
    draft_name(src.flags, draft, src.stories)
}

/// A draft marked ready that needs a look, and what is wrong with it in words.
pub struct Look<'a> {
    pub flag: &'a str,
    pub problems: String,
}

/// The chosen outputs of `drafts` as one document; `needs_look` lists the ready drafts
/// that broke since (with what is wrong), and `concealed` the flags on the record that
/// have no ready explanation, both at the top.
pub fn document(
    src: &Sources,
    drafts: &[&Draft],
    needs_look: &[Look],
    concealed: &[&Flag],
    format: Format,
) -> String {
    let mut out = String::new();
    let who = src.name.unwrap_or("My application");
    let md = format == Format::Markdown;
    let _ = writeln!(
        out,
        "{}{who}: red-flag explanations\n",
        if md { "# " } else { "" }
    );
    if !needs_look.is_empty() {
        let _ = writeln!(
            out,
            "{}Marked ready, but each of these needs a look before it is sent:",
            if md { "> " } else { "NEEDS A LOOK: " }
        );
        for look in needs_look {
            let title = drafts
                .iter()
                .find(|d| d.flag == look.flag)
                .and_then(|d| name_of(src, d))
                .unwrap_or_else(|| look.flag.to_string());
            let _ = writeln!(
                out,
                "{}{title} ({}): {}.",
                if md { "> - " } else { "  - " },
                look.flag,
                look.problems
            );
        }
        out.push('\n');
    }
    if !concealed.is_empty() {
        let names: Vec<&str> = concealed.iter().map(|f| f.title.as_str()).collect();
        let _ = writeln!(
            out,
            "{}Not yet explained, though a program will see it on the record: {}.\n",
            if md { "> " } else { "NOTE: " },
            names.join("; ")
        );
    }
    for d in drafts {
        let Some(t) = src.templates.get(d.kind.family()) else {
            continue;
        };
        let title = name_of(src, d).unwrap_or_else(|| t.title.clone());
        let _ = writeln!(
            out,
            "{}{title} · {}\n",
            if md { "## " } else { "== " },
            d.flag
        );
        for venue in &d.venues {
            let output = output_for(*venue);
            let text = clean(&assemble(d, t, output));
            let n = note(d, src, output, &text);
            let head = if md { "### " } else { "-- " };
            let _ = writeln!(out, "{head}{} ({n})\n\n{text}\n", output.label());
        }
    }
    out
}

/// A file name for an export made at `stamp`, saying nothing of its content.
pub fn file_name(stamp: &str, what: &str, format: Format) -> String {
    let safe: String = stamp
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    format!("flagdraft-{what}-{safe}.{}", format.extension())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_strips_control_characters_and_keeps_lines() {
        assert_eq!(clean("a\r\nb\rc\u{1b}[31md\u{7}\te"), "a\nb\nc[31md\te");
        assert_eq!(clean("é ü 中文 👩🏽‍⚕️"), "é ü 中文 👩🏽\u{200d}⚕️");
        assert_eq!(
            clean("I \u{202E}passed\u{202C} in\u{200B}2020"),
            "I passed in2020"
        );
    }

    #[test]
    fn copies_past_the_osc52_limit_are_refused() {
        assert_eq!(osc52_len("abc"), 4);
        assert_eq!(osc52_len("abcd"), 8);
        assert!(check_copy(&"x".repeat(74_000)).is_ok());
        let err = check_copy(&"x".repeat(80_000)).unwrap_err();
        assert!(err.contains("106668 bytes"), "{err}");
    }

    #[test]
    fn file_names_are_neutral() {
        assert_eq!(
            file_name("2026-11-26T08:40:00Z", "ready-drafts", Format::Markdown),
            "flagdraft-ready-drafts-2026-11-26T084000Z.md"
        );
    }
}
