//! Drafting structures, one per flag family, parsed from `templates/*.ron` (embedded)
//! or a user's override, and checked so every output names parts that exist.
//!
//! Pure: parses text, never opens files.

use serde::{Deserialize, Serialize};

use super::flag::Family;

/// The embedded templates, one per family.
pub const EMBEDDED: [(Family, &str, &str); 5] = [
    (
        Family::Academic,
        "academic.ron",
        include_str!("../../templates/academic.ron"),
    ),
    (
        Family::Gap,
        "gap.ron",
        include_str!("../../templates/gap.ron"),
    ),
    (
        Family::Professionalism,
        "professionalism.ron",
        include_str!("../../templates/professionalism.ron"),
    ),
    (
        Family::LimitedUsce,
        "limited_usce.ron",
        include_str!("../../templates/limited_usce.ron"),
    ),
    (
        Family::Visa,
        "visa.ron",
        include_str!("../../templates/visa.ron"),
    ),
];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub version: u32,
    pub family: Family,
    /// Shown above the steps, e.g. "Explaining an exam or academic setback".
    pub title: String,
    /// One or two sentences on what this explanation must achieve.
    pub purpose: String,
    pub parts: Vec<Part>,
    pub outputs: Outputs,
    /// Advice on where to address this kind of flag, one entry per venue.
    #[serde(default)]
    pub venue_advice: Vec<VenueAdvice>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// Stable key, used in drafts and outputs: `fact`, `reason`, ...
    pub key: String,
    pub label: String,
    /// What the applicant answers in this part.
    pub questions: Vec<String>,
    /// What a program director needs to read here, and what to avoid.
    pub guidance: String,
    /// Sample text written for flagdraft, never to be pasted as is.
    pub examples: Vec<String>,
    #[serde(default)]
    pub required: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outputs {
    pub eras: Assembly,
    pub statement: Assembly,
    pub interview: Interview,
}

/// Parts in order, joined by `joiner`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assembly {
    pub parts: Vec<String>,
    #[serde(default = "space")]
    pub joiner: String,
}

fn space() -> String {
    " ".to_string()
}

/// The three spoken parts of an interview answer, each made of template parts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interview {
    /// The issue in brief.
    pub issue: Vec<String>,
    /// What you did about it.
    pub did: Vec<String>,
    /// What you learned and use now.
    pub learned: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VenueAdvice {
    pub venue: super::flag::Venue,
    pub advice: String,
}

/// A template that parses but does not hold together.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("{line}:{col}: {message}")]
    Parse {
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{line}:{col}: {message}")]
    Invalid {
        line: usize,
        col: usize,
        message: String,
    },
}

impl Template {
    /// Parse and validate template text; `family` is the family it must describe.
    pub fn parse(text: &str, family: Family) -> Result<Self, TemplateError> {
        let template: Template =
            super::ron_text::from_str(text).map_err(|e| TemplateError::Parse {
                line: e.span.start.line,
                col: e.span.start.col,
                message: e.code.to_string(),
            })?;
        template.validate(text, family)?;
        Ok(template)
    }

    fn validate(&self, text: &str, family: Family) -> Result<(), TemplateError> {
        let invalid = |needle: &str, message: String| {
            let (line, col) = locate(text, needle);
            TemplateError::Invalid { line, col, message }
        };
        if self.family != family {
            return Err(invalid(
                "family",
                format!("this file must describe the {family:?} family"),
            ));
        }
        if self.parts.is_empty() {
            return Err(invalid(
                "parts",
                "a template needs at least one part".into(),
            ));
        }
        for (i, part) in self.parts.iter().enumerate() {
            if part.key.trim().is_empty() {
                return Err(invalid(
                    &format!("{:?}", part.key),
                    "a part has an empty key".into(),
                ));
            }
            if part.label.trim().is_empty() {
                return Err(invalid(
                    &format!("{:?}", part.key),
                    format!("part {:?} has an empty label", part.key),
                ));
            }
            if self.parts[..i].iter().any(|p| p.key == part.key) {
                return Err(invalid(
                    &format!("\"{}\"", part.key),
                    format!("part key {:?} is used twice", part.key),
                ));
            }
        }
        let o = &self.outputs;
        let named = o
            .eras
            .parts
            .iter()
            .chain(&o.statement.parts)
            .chain(&o.interview.issue)
            .chain(&o.interview.did)
            .chain(&o.interview.learned);
        for key in named {
            if self.part(key).is_none() {
                return Err(invalid(
                    &format!("\"{key}\""),
                    format!("an output names part {key:?}, which this template does not have"),
                ));
            }
        }
        Ok(())
    }

    pub fn part(&self, key: &str) -> Option<&Part> {
        self.parts.iter().find(|p| p.key == key)
    }

    /// The embedded template for `family`.
    pub fn embedded(family: Family) -> Option<Self> {
        EMBEDDED
            .iter()
            .find(|(f, _, _)| *f == family)
            .and_then(|(f, _, text)| Self::parse(text, *f).ok())
    }
}

/// Line and column (1-based) of the last occurrence of `needle`, or 1:1.
fn locate(text: &str, needle: &str) -> (usize, usize) {
    let Some(at) = text.rfind(needle) else {
        return (1, 1);
    };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// All five templates, ready for drafting.
#[derive(Clone, Debug)]
pub struct Templates(Vec<Template>);

impl Templates {
    pub fn new(templates: Vec<Template>) -> Self {
        Self(templates)
    }

    /// The embedded templates (each is checked by a test).
    pub fn embedded() -> Self {
        Self(
            EMBEDDED
                .iter()
                .filter_map(|(f, _, _)| Template::embedded(*f))
                .collect(),
        )
    }

    pub fn get(&self, family: Family) -> Option<&Template> {
        self.0.iter().find(|t| t.family == family)
    }

    /// Put `template` in place of the one for its family.
    pub fn replace(&mut self, template: Template) {
        self.0.retain(|t| t.family != template.family);
        self.0.push(template);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_template_loads_and_validates() {
        for (family, name, text) in EMBEDDED {
            let t = Template::parse(text, family).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(t.parts.iter().any(|p| p.required), "{name}");
            for part in &t.parts {
                assert!(!part.questions.is_empty(), "{name}/{}", part.key);
                assert!(!part.examples.is_empty(), "{name}/{}", part.key);
                assert!(!part.guidance.is_empty(), "{name}/{}", part.key);
            }
        }
        assert_eq!(Templates::embedded().0.len(), 5);
    }

    #[test]
    fn an_output_naming_a_missing_part_is_located() {
        let (_, _, text) = EMBEDDED[0];
        let broken = text.replacen("learned: [", "learned: [\"wisdom\", ", 1);
        let err = Template::parse(&broken, Family::Academic).unwrap_err();
        let TemplateError::Invalid { line, message, .. } = err else {
            panic!("{err}")
        };
        assert!(message.contains("wisdom"));
        assert!(broken.lines().nth(line - 1).unwrap().contains("wisdom"));
    }

    #[test]
    fn the_wrong_family_is_refused() {
        let (_, _, text) = EMBEDDED[1];
        assert!(Template::parse(text, Family::Academic).is_err());
    }

    #[test]
    fn a_part_without_a_key_or_a_label_is_refused() {
        let (_, _, text) = EMBEDDED[0];
        let broken = text.replacen("label: \"What happened\"", "label: \"\"", 1);
        assert_ne!(broken, text);
        let err = Template::parse(&broken, Family::Academic).unwrap_err();
        assert!(err.to_string().contains("empty label"), "{err}");
    }
}
