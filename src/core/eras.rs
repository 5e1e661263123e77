//! ERAS text fields and their character limits, read from `assets/eras-fields.ron`,
//! and the field each kind of flag is explained in.
//!
//! Pure: parses text, never opens files.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::flag::FlagKind;
use super::locate::{Located, quoted};

pub const EMBEDDED: &str = include_str!("../../assets/eras-fields.ron");

/// The id older drafts give the ERAS explanatory text ("Additional Information"): it
/// names no field of today's form, so it stands for the field of the draft's kind.
pub const ADDITIONAL_INFORMATION: &str = "additional_information";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErasFields {
    pub version: u32,
    /// The field a draft targets when neither it nor its kind names one.
    pub default: String,
    /// The field each kind of flag is explained in; a kind left out gets `default`.
    #[serde(default)]
    pub by_kind: BTreeMap<FlagKind, String>,
    pub fields: Vec<Field>,
}

/// How sure a field's limit is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Certainty {
    /// Read in an AAMC publication for the season given.
    Confirmed,
    /// Given by applicant advisers or guides, not found in an AAMC text.
    #[default]
    Reported,
    /// A field of the form used before the 2024 season, kept for reference.
    Legacy,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    pub label: String,
    /// A shorter name for narrow places, chosen so no two fields share it; the label
    /// stands in when there is none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub short: String,
    /// Characters allowed, spaces included.
    pub limit: usize,
    /// The application season this limit was checked for.
    pub season: u16,
    /// How sure the limit is; a field that does not say is taken as reported.
    #[serde(default)]
    pub certainty: Certainty,
    #[serde(default)]
    pub note: String,
}

impl Field {
    /// The short name where there is one, else the label.
    pub fn short_label(&self) -> &str {
        if self.short.trim().is_empty() {
            &self.label
        } else {
            &self.short
        }
    }
}

/// A fields file that does not parse, or does not hold together.
#[derive(Debug, thiserror::Error)]
pub enum FieldsError {
    #[error("{0}")]
    Parse(#[from] ron::error::SpannedError),
    /// The default names no field, a field has no id, name or limit, or an id is
    /// listed twice.
    #[error("{0}")]
    Invalid(Located),
}

impl ErasFields {
    pub fn parse(text: &str) -> Result<Self, FieldsError> {
        let fields: ErasFields = super::ron_text::from_str(text)?;
        fields.check(text).map_err(FieldsError::Invalid)?;
        Ok(fields)
    }

    fn check(&self, text: &str) -> Result<(), Located> {
        let at = |path: &[&str], message: String| {
            let path: Vec<&str> = ["fields"].iter().chain(path).copied().collect();
            Located::at(text, &path, message)
        };
        for (i, f) in self.fields.iter().enumerate() {
            let id = quoted(&f.id);
            if f.id.trim().is_empty() {
                return Err(at(&[&id], "a field has an empty id".into()));
            }
            if self.fields[..i].iter().any(|g| g.id == f.id) {
                let message = format!("field {:?} is listed twice", f.id);
                return Err(at(&[&id, &id], message));
            }
            if f.label.trim().is_empty() {
                let message = format!("field {:?} has an empty label", f.id);
                return Err(at(&[&id, "label"], message));
            }
            if f.limit == 0 {
                let message = format!("field {:?} needs a limit of at least 1 character", f.id);
                return Err(at(&[&id, "limit"], message));
            }
        }
        if self.get(&self.default).is_none() {
            let message = format!("the default field {:?} is not in the list", self.default);
            return Err(Located::at(text, &["default"], message));
        }
        for (kind, id) in &self.by_kind {
            if self.get(id).is_none() {
                let message = format!("{kind} is given the field {id:?}, which is not in the list");
                return Err(Located::at(text, &["by_kind", kind.id()], message));
            }
        }
        Ok(())
    }

    pub fn embedded() -> Self {
        Self::parse(EMBEDDED).unwrap_or_else(|_| ErasFields {
            version: 1,
            default: FALLBACK.id.clone(),
            by_kind: BTreeMap::new(),
            fields: vec![FALLBACK.clone()],
        })
    }

    pub fn get(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The field `id` names, or the default one when it names none, an unknown one or
    /// [`ADDITIONAL_INFORMATION`].
    pub fn resolve(&self, id: Option<&str>) -> &Field {
        id.and_then(|id| self.get(id))
            .or_else(|| self.get(&self.default))
            .or(self.fields.first())
            .unwrap_or(&FALLBACK)
    }

    /// The field a draft of `kind` targets: the one its own `id` names when that is a
    /// known field, else the field of its kind (which is what "Additional Information"
    /// stands for), else the default.
    pub fn resolve_for(&self, kind: FlagKind, id: Option<&str>) -> &Field {
        id.and_then(|id| self.get(id))
            .or_else(|| self.by_kind.get(&kind).and_then(|k| self.get(k)))
            .unwrap_or_else(|| self.resolve(None))
    }

    /// Add the fields of `other`, replacing those with the same id, and its kinds'
    /// fields, replacing those of the same kind; its default wins.
    pub fn merge(&mut self, other: ErasFields) {
        for field in other.fields {
            self.fields.retain(|f| f.id != field.id);
            self.fields.push(field);
        }
        self.by_kind.extend(other.by_kind);
        self.default = other.default;
    }
}

static FALLBACK: std::sync::LazyLock<Field> = std::sync::LazyLock::new(|| Field {
    id: "education_interruption".into(),
    label: "Education interruption explanation".into(),
    short: "Education interruption".into(),
    limit: 510,
    season: 2025,
    certainty: Certainty::Reported,
    note: String::new(),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_a_short_name_of_its_own() {
        let fields = ErasFields::embedded();
        let mut seen = std::collections::HashSet::new();
        for f in &fields.fields {
            assert!(!f.short.is_empty(), "{} has no short name", f.id);
            assert!(f.short.chars().count() <= 24, "{}", f.short);
            assert!(seen.insert(f.short_label()), "{} twice", f.short_label());
        }
        let new = fields.resolve(Some("experience_description"));
        let old = fields.resolve(Some("legacy_experience"));
        assert_ne!(new.short_label(), old.short_label());
        let unnamed = Field {
            short: String::new(),
            ..new.clone()
        };
        assert_eq!(unnamed.short_label(), "Experience description");
    }

    #[test]
    fn embedded_fields_carry_the_documented_limits() {
        let f = ErasFields::parse(EMBEDDED).unwrap();
        let field = |id: &str| f.get(id).unwrap();
        assert_eq!(field("experience_description").limit, 750);
        assert_eq!(field("meaningful_reflection").limit, 300);
        assert_eq!(field("impactful_experiences").limit, 750);
        assert_eq!(field("personal_statement").limit, 28_000);
        assert_eq!(field("education_interruption").limit, 510);
        assert_eq!(field("legacy_experience").limit, 1_020);
        assert_eq!(field("legacy_interruption").limit, 510);
        assert_eq!(
            field("experience_description").certainty,
            Certainty::Confirmed
        );
        assert_eq!(
            field("impactful_experiences").certainty,
            Certainty::Reported
        );
        for id in ["legacy_experience", "legacy_interruption"] {
            assert_eq!(field(id).certainty, Certainty::Legacy, "{id}");
            assert!(field(id).season < 2024, "{id}");
        }
        assert!(
            f.get(ADDITIONAL_INFORMATION).is_none(),
            "today's form has no field of that name"
        );
        assert_eq!(f.resolve(None).id, "education_interruption");
        assert_eq!(f.resolve(Some("nope")).id, "education_interruption");
    }

    #[test]
    fn additional_information_stands_for_the_field_of_the_kind() {
        let f = ErasFields::embedded();
        let field = |kind, id| f.resolve_for(kind, id).id.as_str();
        for id in [None, Some(ADDITIONAL_INFORMATION), Some("no_such_field")] {
            assert_eq!(field(FlagKind::TrainingGap, id), "education_interruption");
            assert_eq!(field(FlagKind::ExamFailure, id), "education_interruption");
            assert_eq!(field(FlagKind::LimitedUsce, id), "experience_description");
            // No field of its own: the default, should the applicant choose ERAS for it.
            assert_eq!(field(FlagKind::VisaPlan, id), "education_interruption");
        }
        // A draft's own choice of a known field wins over its kind's.
        assert_eq!(
            field(FlagKind::LimitedUsce, Some("meaningful_reflection")),
            "meaningful_reflection"
        );
    }

    #[test]
    fn a_user_file_adds_and_changes_fields() {
        let mut f = ErasFields::parse(EMBEDDED).unwrap();
        let user = ErasFields::parse(
            r#"(version: 1, default: "additional_information", fields: [
                Field(id: "additional_information", label: "AI", limit: 600, season: 2026),
                Field(id: "program_signal", label: "Signal note", limit: 200, season: 2026)])"#,
        )
        .unwrap();
        f.merge(user);
        assert_eq!(f.resolve(None).limit, 600);
        assert_eq!(f.get("program_signal").unwrap().limit, 200);
        assert_eq!(f.get("experience_description").unwrap().limit, 750);
        assert_eq!(
            f.get("program_signal").unwrap().certainty,
            Certainty::Reported
        );
        // The kinds keep their fields unless the user's file moves them.
        assert_eq!(
            f.resolve_for(FlagKind::LimitedUsce, None).id,
            "experience_description"
        );
        let moved = ErasFields::parse(
            r#"(version: 1, default: "a", by_kind: {limited_usce: "a"}, fields: [
                Field(id: "a", label: "A", limit: 700, season: 2026, certainty: Confirmed)])"#,
        )
        .unwrap();
        f.merge(moved);
        assert_eq!(f.resolve_for(FlagKind::LimitedUsce, None).limit, 700);
        assert_eq!(
            f.resolve_for(FlagKind::TrainingGap, None).id,
            "education_interruption"
        );
    }

    #[test]
    fn a_kind_given_an_unknown_field_is_located() {
        let text = "(version: 1, default: \"a\",\nby_kind: {training_gap: \"b\"},\nfields: [Field(id: \"a\", label: \"A\", limit: 9, season: 2026)])";
        let Err(FieldsError::Invalid(e)) = ErasFields::parse(text) else {
            panic!("an unknown field for a kind was accepted")
        };
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.contains("training_gap"), "{e}");
    }

    #[test]
    fn a_default_that_names_no_field_is_refused() {
        assert!(ErasFields::parse(r#"(version: 1, default: "x", fields: [])"#).is_err());
    }

    #[test]
    fn fields_without_id_label_or_limit_or_listed_twice_are_located() {
        let field = |id: &str, label: &str, limit: usize| {
            format!("Field(id: {id:?}, label: {label:?}, limit: {limit}, season: 2026)")
        };
        let file = |fields: &[String]| {
            format!(
                "(version: 1, default: \"a\", fields: [\n{}])",
                fields.join(",\n")
            )
        };
        let cases = [
            (
                file(&[field("a", "A", 510), field("b", "B", 0)]),
                3,
                "limit",
            ),
            (
                file(&[field("a", "A", 510), field("a", "A", 9)]),
                3,
                "twice",
            ),
            (file(&[field("a", "", 510)]), 2, "label"),
            (
                file(&[field("a", "A", 510), field("", "B", 9)]),
                3,
                "empty id",
            ),
        ];
        for (text, line, what) in cases {
            let Err(FieldsError::Invalid(e)) = ErasFields::parse(&text) else {
                panic!("{text} was not refused")
            };
            assert_eq!(e.line, line, "{text}: {e}");
            assert!(e.message.contains(what), "{e}");
        }
    }
}
