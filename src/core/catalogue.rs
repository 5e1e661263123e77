//! What program directors make of each kind of flag: titles, concerns and where to
//! answer them, read from `assets/catalogue.ron`. Their questions live in the question
//! bank ([`practice::Bank`](super::practice::Bank)), the one source `detect` and
//! practice both read.
//!
//! Pure: parses text, never opens files.

use serde::Deserialize;

use super::flag::{FlagKind, Venue};

pub const EMBEDDED: &str = include_str!("../../assets/catalogue.ron");

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub version: u32,
    pub entries: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub kind: FlagKind,
    pub title: String,
    /// What a program director worries about, in one sentence.
    pub concern: String,
    /// Where to address it whatever its severity.
    pub venues: Vec<Venue>,
    /// Whether a high-severity instance deserves a personal-statement paragraph.
    #[serde(default)]
    pub statement_when_high: bool,
    /// Whether that paragraph also waits for a growth story on the record (for a failed
    /// Step, a later pass): a setback with no outcome yet is no story for a statement.
    #[serde(default)]
    pub statement_needs_growth: bool,
    /// What most helps an applicant answer it, in a sentence or two; empty for none.
    #[serde(default)]
    pub advice: String,
}

/// A catalogue that lacks an entry for some kind.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("{0}")]
    Parse(#[from] ron::error::SpannedError),
    #[error("the catalogue has no entry for {0}")]
    Missing(FlagKind),
}

impl Catalogue {
    pub fn parse(text: &str) -> Result<Self, CatalogueError> {
        let catalogue: Catalogue = super::ron_text::from_str(text)?;
        for kind in FlagKind::ALL {
            if !catalogue.entries.iter().any(|e| e.kind == kind) {
                return Err(CatalogueError::Missing(kind));
            }
        }
        Ok(catalogue)
    }

    /// The catalogue built into the binary (checked by a test to parse).
    pub fn embedded() -> Self {
        Self::parse(EMBEDDED).unwrap_or_else(|_| Catalogue {
            version: 1,
            entries: Vec::new(),
        })
    }

    pub fn entry(&self, kind: FlagKind) -> Option<&Entry> {
        self.entries.iter().find(|e| e.kind == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalogue_covers_every_kind() {
        let c = Catalogue::parse(EMBEDDED).unwrap();
        for kind in FlagKind::ALL {
            let e = c.entry(kind).unwrap();
            assert!(!e.venues.is_empty(), "{kind} needs somewhere to go");
        }
    }

    #[test]
    fn a_missing_kind_is_reported() {
        let err = Catalogue::parse("(version: 1, entries: [])").unwrap_err();
        assert!(err.to_string().contains("exam_failure"));
    }
}
