//! Where a problem sits in a settings file the user wrote: a line and a column, found
//! from the words that name it (a rule id, a field name), so every refusal of a file
//! reads `path:line:col: why`.
//!
//! Pure: searches text only.

/// A problem in a settings file, with its 1-based line and column (in characters).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{col}: {message}")]
pub struct Located {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl Located {
    /// `message`, placed where `path` leads in `text` (see [`find`]).
    pub fn at(text: &str, path: &[&str], message: impl Into<String>) -> Self {
        let (line, col) = find(text, path);
        Self {
            line,
            col,
            message: message.into(),
        }
    }
}

/// The largest char boundary of `text` at or before byte `at`.
pub fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..floor_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// True when byte `at` of `text` sits in a `//` comment.
fn in_comment(text: &str, at: usize) -> bool {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    text[start..at].trim_start().starts_with("//")
}

/// The line and column of the last needle of `path`, each needle looked for after the
/// one before it (`["\"blame\"", "\"\""]`: the first empty string after the rule
/// `blame`). Needles inside `//` comments are passed over. When a needle is not found,
/// the place of the last one found is given; when none is, 1:1.
pub fn find(text: &str, path: &[&str]) -> (usize, usize) {
    let mut from = 0;
    let mut found = None;
    for needle in path {
        if needle.is_empty() {
            continue;
        }
        let mut at = from;
        let hit = loop {
            match text[at..].find(needle) {
                Some(i) if in_comment(text, at + i) => at += i + needle.len(),
                Some(i) => break Some(at + i),
                None => break None,
            }
        };
        match hit {
            Some(i) => {
                found = Some(i);
                from = i + needle.len();
            }
            None => break,
        }
    }
    found.map_or((1, 1), |i| position(text, i))
}

/// `s` as a RON string literal, the way a file most likely spells it.
pub fn quoted(s: &str) -> String {
    format!("{s:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_needle_after_its_anchor_and_skips_comments() {
        let text =
            "// \"blame\" is here\n(rules: [\n  (id: \"blame\", phrases: Some([\"a\", \"\"]))])";
        assert_eq!(find(text, &["\"blame\"", "\"\""]), (3, 37));
        assert_eq!(find(text, &["\"nothing\""]), (1, 1));
        assert_eq!(find(text, &["\"blame\"", "\"nothing\""]), (3, 8));
    }

    #[test]
    fn positions_never_split_a_character() {
        assert_eq!(position("é\nü", 1), (1, 1));
        assert_eq!(position("é\nü", 3), (2, 1));
        assert_eq!(position("é", 99), (1, 2));
        assert_eq!(floor_boundary("aé", 2), 1);
    }
}
