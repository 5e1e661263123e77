//! How every file a person may write is read: RON with implicit `Some`, so an optional
//! value can be written plainly (`name: "Jane"`, `as_of: "2026-09"`) as well as
//! wrapped (`name: Some("Jane")`), and with a limit on nesting, so no file can make the
//! parser recurse without end.
//!
//! Pure: no I/O.

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

/// How deep a file may nest: far more than any profile, draft or setting needs.
pub const RECURSION_LIMIT: usize = 64;

/// The parser options for every user file.
pub fn options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT)
}

/// Parse `text` with [`options`].
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, ron::error::SpannedError> {
    options().from_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Sample {
        name: Option<String>,
        #[serde(default)]
        share: Option<f64>,
    }

    #[test]
    fn an_optional_value_may_be_written_plainly_or_wrapped() {
        let plain: Sample = from_str("(name: \"Jane\", share: 0.4)").unwrap();
        let wrapped: Sample = from_str("(name: Some(\"Jane\"), share: Some(0.4))").unwrap();
        assert_eq!(plain, wrapped);
        assert_eq!(plain.name.as_deref(), Some("Jane"));
        let none: Sample = from_str("(name: None)").unwrap();
        assert_eq!(none.name, None);
    }
}
