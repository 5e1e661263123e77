//! ERAS text fields and their character limits, read from `assets/eras-fields.ron`.
//!
//! Pure: parses text, never opens files.

use serde::{Deserialize, Serialize};

use super::locate::{Located, quoted};

pub const EMBEDDED: &str = include_str!("../../assets/eras-fields.ron");

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErasFields {
    pub version: u32,
    /// The field a draft targets unless it picks another.
    pub default: String,
    pub fields: Vec<Field>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    pub label: String,
    /// Characters allowed, spaces included.
    pub limit: usize,
    /// The application season this limit was checked for.
    pub season: u16,
    #[serde(default)]
    pub note: String,
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
        let fields: ErasFields = ron::from_str(text)?;
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
        Ok(())
    }

    pub fn embedded() -> Self {
        Self::parse(EMBEDDED).unwrap_or_else(|_| ErasFields {
            version: 1,
            default: "additional_information".into(),
            fields: vec![Field {
                id: "additional_information".into(),
                label: "Additional Information".into(),
                limit: 510,
                season: 2025,
                note: String::new(),
            }],
        })
    }

    pub fn get(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The field `id` names, or the default one when it names none or an unknown one.
    pub fn resolve(&self, id: Option<&str>) -> &Field {
        id.and_then(|id| self.get(id))
            .or_else(|| self.get(&self.default))
            .or(self.fields.first())
            .unwrap_or(&FALLBACK)
    }

    /// Add the fields of `other`, replacing those with the same id; its default wins.
    pub fn merge(&mut self, other: ErasFields) {
        for field in other.fields {
            self.fields.retain(|f| f.id != field.id);
            self.fields.push(field);
        }
        self.default = other.default;
    }
}

static FALLBACK: Field = Field {
    id: String::new(),
    label: String::new(),
    limit: 510,
    season: 2025,
    note: String::new(),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_fields_carry_the_documented_limits() {
        let f = ErasFields::parse(EMBEDDED).unwrap();
        let limit = |id: &str| f.get(id).unwrap().limit;
        assert_eq!(limit("experience_description"), 750);
        assert_eq!(limit("meaningful_reflection"), 300);
        assert_eq!(limit("personal_statement"), 28_000);
        assert_eq!(limit("legacy_experience"), 1_020);
        assert_eq!(limit("education_interruption"), 510);
        assert_eq!(f.resolve(None).id, "additional_information");
        assert_eq!(f.resolve(None).limit, limit("education_interruption"));
        assert_eq!(f.resolve(Some("nope")).id, "additional_information");
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
