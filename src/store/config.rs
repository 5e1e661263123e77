//! The user's overrides from the config folder: `templates/<family>.ron` and
//! `eras-fields.ron`, `stories.ron` and the rest. A broken override is reported and the embedded one is used.

use std::path::Path;

use crate::core::coach::Coach;
use crate::core::coach::rules::{RuleSet, RulesError};
use crate::core::eras::{ErasFields, FieldsError};
use crate::core::practice::Bank;
use crate::core::story::{StoryRules, StoryRulesError};
use crate::core::template::{EMBEDDED, Template, TemplateError, Templates};

use super::{Paths, StoreError, open, read_config, read_config_if_present};

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
    if !open::occupied(&path) {
        return (Coach::new(set), None);
    }
    let patched = read_config(&path).and_then(|text| {
        set.patch(&text).map_err(|e| {
            let (line, col) = e.position(&text);
            // A parser's message can quote the file; the checks' own name only ids.
            let message = match &e {
                RulesError::Parse(p) => super::error::redact(&p.code.to_string()),
                other => other.to_string(),
            };
            StoreError::Parse {
                path: path.clone(),
                line,
                col,
                message,
            }
        })
    });
    match patched {
        Ok(()) => (Coach::new(set), None),
        Err(e) => (Coach::embedded(), Some(e)),
    }
}

/// The question bank: the user's `questions.ron` in place of the embedded one.
pub fn load_bank(paths: &Paths) -> (Bank, Option<StoreError>) {
    let path = paths.config.join("questions.ron");
    if !open::occupied(&path) {
        return (Bank::embedded(), None);
    }
    let loaded = read_config(&path).and_then(|t| {
        let bank = super::parse_ron::<Bank>(&path, &t)?;
        bank.check(&t).map_err(|e| super::located(&path, e))?;
        Ok(bank)
    });
    match loaded {
        Ok(bank) => (bank, None),
        Err(e) => (Bank::embedded(), Some(e)),
    }
}

/// How flags are told together: the user's `stories.ron` in place of the embedded one.
pub fn load_stories(paths: &Paths) -> (StoryRules, Option<StoreError>) {
    let path = paths.config.join("stories.ron");
    if !open::occupied(&path) {
        return (StoryRules::embedded(), None);
    }
    let loaded = read_config(&path).and_then(|text| {
        StoryRules::parse(&text).map_err(|e| match e {
            StoryRulesError::Parse(e) => StoreError::Parse {
                path: path.clone(),
                line: e.span.start.line,
                col: e.span.start.col,
                message: super::error::redact(&e.code.to_string()),
            },
            StoryRulesError::Invalid(e) => super::located(&path, e),
        })
    });
    match loaded {
        Ok(rules) => (rules, None),
        Err(e) => (StoryRules::embedded(), Some(e)),
    }
}

/// The ERAS fields, with the user's `eras-fields.ron` merged over the embedded list.
pub fn load_fields(paths: &Paths) -> (ErasFields, Option<StoreError>) {
    let mut fields = ErasFields::embedded();
    let path = paths.config.join("eras-fields.ron");
    if !open::occupied(&path) {
        return (fields, None);
    }
    let parsed = read_config(&path).and_then(|text| {
        ErasFields::parse(&text).map_err(|e| match e {
            FieldsError::Parse(e) => StoreError::Parse {
                path: path.clone(),
                line: e.span.start.line,
                col: e.span.start.col,
                message: super::error::redact(&e.code.to_string()),
            },
            FieldsError::Invalid(e) => super::located(&path, e),
        })
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

    #[test]
    fn a_user_coach_with_an_empty_phrase_is_located_and_the_built_in_one_used() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        fs::create_dir_all(&paths.config).unwrap();
        let text = "// mine\n(rules: [(id: \"hedge\", add_phrases: [\"\"])])\n";
        fs::write(paths.config.join("coach.ron"), text).unwrap();
        let (coach, err) = load_coach(&paths);
        let shown = err.unwrap().to_string();
        assert!(
            shown.contains("coach.ron:2:38: rule \"hedge\" has an empty phrase"),
            "{shown}"
        );
        assert_eq!(coach.set, RuleSet::embedded());
        let found = coach.check_text("Mon café coûte cher", Default::default());
        assert!(found.iter().all(|f| f.rule != "hedge"), "{found:?}");
    }
}
