//! The user's overrides from the config folder: `templates/<family>.ron` and
//! `eras-fields.ron`. A broken override is reported and the embedded one is used.

use std::path::Path;

use crate::core::coach::Coach;
use crate::core::coach::rules::{RuleSet, RulesError};
use crate::core::eras::{ErasFields, FieldsError};
use crate::core::practice::Bank;
use crate::core::template::{EMBEDDED, Template, TemplateError, Templates};

use super::{Paths, StoreError, read_config_if_present};

/// A template error as a store error. Parser messages are redacted (they can quote
/// text); the checks' own messages name only part keys, and stay whole.
fn located(path: &Path, err: TemplateError) -> StoreError {
    let (line, col, message) = match err {
        TemplateError::Parse { line, col, message } => (line, col, super::error::redact(&message)),
        TemplateError::Invalid { line, col, message } => (line, col, message),
    };
    StoreError::Parse {
        path: path.to_path_buf(),
        line,
        col,
        message,
    }
}

/// The templates, each user override in place of the embedded one when it loads.
pub fn load_templates(paths: &Paths) -> (Templates, Vec<StoreError>) {
    let mut templates = Templates::embedded();
    let mut errors = Vec::new();
    for (family, name, _) in EMBEDDED {
        let path = paths.config.join("templates").join(name);
        let loaded = read_config_if_present(&path).and_then(|text| {
            text.map(|text| Template::parse(&text, family).map_err(|e| located(&path, e)))
                .transpose()
        });
        match loaded {
            Ok(Some(t)) => templates.replace(t),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    (templates, errors)
}

/// The coach's rules, with the user's `coach.ron` patch merged over the embedded ones.
pub fn load_coach(paths: &Paths) -> (Coach, Option<StoreError>) {
    let mut set = RuleSet::embedded();
    let path = paths.config.join("coach.ron");
    let text = match read_config_if_present(&path) {
        Ok(Some(text)) => text,
        Ok(None) => return (Coach::new(set), None),
        Err(e) => return (Coach::embedded(), Some(e)),
    };
    let patched = set.patch(&text).map_err(|e| {
        let (line, col, message) = match e {
            RulesError::Parse(p) => (p.span.start.line, p.span.start.col, p.code.to_string()),
            other => (1, 1, other.to_string()),
        };
        StoreError::Parse {
            path: path.clone(),
            line,
            col,
            message: super::error::redact(&message),
        }
    });
    match patched {
        Ok(()) => (Coach::new(set), None),
        Err(e) => (Coach::embedded(), Some(e)),
    }
}

/// The question bank: the user's `questions.ron` in place of the embedded one.
pub fn load_bank(paths: &Paths) -> (Bank, Option<StoreError>) {
    let path = paths.config.join("questions.ron");
    match read_config_if_present(&path)
        .and_then(|t| t.map(|t| super::parse_ron::<Bank>(&path, &t)).transpose())
    {
        Ok(Some(bank)) => (bank, None),
        Ok(None) => (Bank::embedded(), None),
        Err(e) => (Bank::embedded(), Some(e)),
    }
}

/// The ERAS fields, with the user's `eras-fields.ron` merged over the embedded list.
pub fn load_fields(paths: &Paths) -> (ErasFields, Option<StoreError>) {
    let mut fields = ErasFields::embedded();
    let path = paths.config.join("eras-fields.ron");
    let text = match read_config_if_present(&path) {
        Ok(Some(text)) => text,
        Ok(None) => return (fields, None),
        Err(e) => return (fields, Some(e)),
    };
    let parsed = ErasFields::parse(&text).map_err(|e| match e {
        FieldsError::Parse(e) => StoreError::Parse {
            path: path.clone(),
            line: e.span.start.line,
            col: e.span.start.col,
            message: super::error::redact(&e.code.to_string()),
        },
        FieldsError::NoDefault(_) => StoreError::Parse {
            path: path.clone(),
            line: 1,
            col: 1,
            message: e.to_string(),
        },
    });
    match parsed {
        Ok(user) => {
            fields.merge(user);
            (fields, None)
        }
        Err(e) => (fields, Some(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::flag::Family;
    use std::fs;

    #[test]
    fn a_user_template_replaces_the_embedded_one() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        let dir = paths.config.join("templates");
        fs::create_dir_all(&dir).unwrap();
        let text = EMBEDDED[0].2.replace("What happened", "The plain fact");
        fs::write(dir.join("academic.ron"), text).unwrap();
        let (t, errors) = load_templates(&paths);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            t.get(Family::Academic).unwrap().parts[0].label,
            "The plain fact"
        );
    }

    #[test]
    fn a_broken_user_template_falls_back_with_its_location() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        let dir = paths.config.join("templates");
        fs::create_dir_all(&dir).unwrap();
        let text = EMBEDDED[0]
            .2
            .replacen("did: [", "did: [\"nosuchpart\", ", 1);
        fs::write(dir.join("academic.ron"), &text).unwrap();
        let (t, errors) = load_templates(&paths);
        let shown = errors[0].to_string();
        let line = text.lines().position(|l| l.contains("nosuchpart")).unwrap() + 1;
        assert!(shown.contains(&format!("academic.ron:{line}:")), "{shown}");
        assert!(shown.contains("nosuchpart"), "{shown}");
        assert_eq!(
            t.get(Family::Academic).unwrap().parts[0].label,
            "What happened"
        );
    }
}
