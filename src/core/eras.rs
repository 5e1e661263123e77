//! ERAS text fields and their character limits, read from `assets/eras-fields.ron`.
//!
//! Pure: parses text, never opens files.

use serde::{Deserialize, Serialize};

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

/// A fields file whose default names no field.
#[derive(Debug, thiserror::Error)]
pub enum FieldsError {
    #[error("{0}")]
    Parse(#[from] ron::error::SpannedError),
    #[error("the default field {0:?} is not in the list")]
    NoDefault(String),
}

impl ErasFields {
    pub fn parse(text: &str) -> Result<Self, FieldsError> {
        let fields: ErasFields = ron::from_str(text)?;
        if fields.get(&fields.default).is_none() {
            return Err(FieldsError::NoDefault(fields.default));
        }
        Ok(fields)
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
}
