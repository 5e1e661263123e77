//! Sentences and words of a text, with byte offsets, lower-case forms and Snowball
//! stems: what the coach's sentence rules read. Boundaries are Unicode's (UAX #29).

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// One word: letters or digits, with any inner apostrophe ("it's", "didn't").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    pub start: usize,
    pub end: usize,
    /// As written.
    pub text: &'a str,
    /// Lower case, with a typographic apostrophe made plain.
    pub lower: String,
    /// The Snowball (Porter 2) stem of `lower`: "failed", "failing" and "fails" share one.
    pub stem: String,
    /// The first character after the word that is not a space (a comma, a colon, the
    /// next word's first letter), or a space at the end of the text.
    pub after: char,
}

impl Word<'_> {
    pub fn is_number(&self) -> bool {
        self.text.chars().all(|c| c.is_ascii_digit())
    }

    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// One sentence: its span and its words in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub words: Vec<Word<'a>>,
}

/// Stems already worked out on this thread: a text is checked again and again as it
/// is typed, with the same words, and a lookup is cheaper than the stemmer.
const CACHE_MAX: usize = 50_000;

thread_local! {
    static STEMS: std::cell::RefCell<std::collections::HashMap<Box<str>, Box<str>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// The stem of one lower-case word.
pub fn stem(lower: &str) -> String {
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(s) = cache.get(lower) {
            return s.to_string();
        }
        let stem = STEMMER.stem(lower).into_owned();
        if cache.len() >= CACHE_MAX {
            cache.clear();
        }
        cache.insert(lower.into(), stem.as_str().into());
        stem
    })
}

/// A word's plain lower-case form.
pub fn fold(word: &str) -> String {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return word.to_string();
    }
    word.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'")
}

/// The words of `text`, with offsets into it (`base` added).
pub fn words(text: &str, base: usize) -> Vec<Word<'_>> {
    text.split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(at, w)| {
            let lower = fold(w);
            let after = text[at + w.len()..]
                .chars()
                .find(|c| !c.is_whitespace())
                .unwrap_or(' ');
            Word {
                start: base + at,
                end: base + at + w.len(),
                text: w,
                stem: stem(&lower),
                lower,
                after,
            }
        })
        .collect()
}

/// Byte spans of `text` inside quotation marks: “…”, "…", ‘…’, and '…' where the
/// marks stand at word edges (not the apostrophe of "didn't"). Words there are someone
/// else's (a record, a letter, a patient), so judgement rules leave them alone.
pub fn quoted(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut open: Option<(usize, char)> = None;
    for (i, &(at, c)) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j].1);
        let after = chars.get(i + 1).map(|x| x.1);
        let edge_open = before.is_none_or(|b| !b.is_alphanumeric());
        let edge_close = after.is_none_or(|a| !a.is_alphanumeric());
        match (open, c) {
            (None, '\u{201C}') => open = Some((at, '\u{201D}')),
            (None, '\u{2018}') if edge_open => open = Some((at, '\u{2019}')),
            (None, '"') => open = Some((at, '"')),
            (None, '\'') if edge_open && after.is_some_and(char::is_alphanumeric) => {
                open = Some((at, '\''));
            }
            (Some((start, close)), c)
                if c == close && (close == '"' || close == '\u{201D}' || edge_close) =>
            {
                out.push((start, at + c.len_utf8()));
                open = None;
            }
            // A quotation does not run past the end of its paragraph.
            (Some(_), '\n') => open = None,
            _ => {}
        }
    }
    out
}

/// The sentences of `text`; a line break ends a sentence too. Sentences with no words
/// (blank lines, stray punctuation) are left out.
pub fn sentences(text: &str) -> Vec<Sentence<'_>> {
    text.split_sentence_bound_indices()
        .filter_map(|(at, s)| {
            let words = words(s, at);
            (!words.is_empty()).then(|| {
                let trimmed = s.trim_end();
                Sentence {
                    start: at,
                    end: at + trimmed.len(),
                    text: trimmed,
                    words,
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_and_lines() {
        let text = "I failed Step 1 in 2021. Since then I passed it.\nThe gap ended.";
        let got: Vec<&str> = sentences(text).iter().map(|s| s.text).collect();
        assert_eq!(
            got,
            [
                "I failed Step 1 in 2021.",
                "Since then I passed it.",
                "The gap ended."
            ]
        );
    }

    #[test]
    fn quotations_are_found_but_apostrophes_are_not() {
        let text = "It didn't say \u{201C}sorry\u{201D}; the record says 'personal reasons.' and \"more\".";
        let got: Vec<&str> = quoted(text).iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(
            got,
            ["\u{201C}sorry\u{201D}", "'personal reasons.'", "\"more\""]
        );
    }

    #[test]
    fn words_keep_apostrophes_offsets_and_stems() {
        let text = "It\u{2019}s not my fault; I didn't study.";
        let w = words(text, 0);
        let lower: Vec<&str> = w.iter().map(|w| w.lower.as_str()).collect();
        assert_eq!(
            lower,
            ["it's", "not", "my", "fault", "i", "didn't", "study"]
        );
        assert_eq!(&text[w[3].start..w[3].end], "fault");
        assert_eq!(stem("failed"), stem("failing"));
        assert_eq!(stem("studies"), stem("study"));
    }
}
