//! The only module that touches disk: loading and saving RON files safely.
//!
//! Writes are atomic and private (see [`atomic`]); a file that does not load is
//! reported with file:line:col and never overwritten.

pub mod atomic;
pub mod config;
pub mod drafts;
pub mod error;
pub mod lock;
pub mod open;
pub mod paths;
pub mod profile_file;
pub mod trash;
pub mod words;
pub mod workspace;

use std::io;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::core::detect::Knowledge;
use crate::core::practice::{History, PRACTICE_VERSION};
use crate::core::profile::{PROFILE_VERSION, Profile};
use crate::core::rules::Rules;
use crate::core::validate::validate;
pub use error::StoreError;
pub use open::Links;
pub use paths::Paths;

/// Larger files are refused before they are read: no profile or draft comes close.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The profile file format as the demo and the starter come, with comments.
pub const DEMO_PROFILE: &str = include_str!("../../assets/demo-profile.ron");
pub const STARTER_PROFILE: &str = include_str!("../../assets/starter-profile.ron");

/// Read a file of the data folder as UTF-8 text: only a regular file, never a link
/// (see [`open`]), and never a huge one. Reading does not mark the version seen (see
/// [`atomic::remember`]): the loaders do that, so a read that only checks a file
/// before a save cannot hide a change another program made.
pub fn read_text(path: &Path) -> Result<String, StoreError> {
    read_text_with(path, Links::Refuse)
}

/// Read a file as UTF-8 text: only a regular file, following a link only when
/// `links` allows, and never a huge one.
pub fn read_text_with(path: &Path, links: Links) -> Result<String, StoreError> {
    let bytes = open::read_bytes(path, links)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let (line, col) = position_after(valid);
        StoreError::Parse {
            path: path.to_path_buf(),
            line,
            col,
            message: "the file is not valid UTF-8 text".into(),
        }
    })
}

/// [`read_text`], with no file there as `None`.
pub fn read_text_if_present(path: &Path) -> Result<Option<String>, StoreError> {
    present(read_text(path))
}

/// A missing file as `None`.
fn present(read: Result<String, StoreError>) -> Result<Option<String>, StoreError> {
    match read {
        Ok(text) => Ok(Some(text)),
        Err(e) if open::is_missing(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The format version of every settings file this build reads.
pub const CONFIG_VERSION: u32 = 1;

/// Read a settings file, refusing one written for a newer flagdraft. A link there
/// is followed (dotfiles often are links); what it reaches must be a regular file.
pub fn read_config(path: &Path) -> Result<String, StoreError> {
    let text = read_text_with(path, Links::Follow)?;
    check_version(path, &text, CONFIG_VERSION)?;
    Ok(text)
}

/// [`read_config`], with no file there as `None`.
pub fn read_config_if_present(path: &Path) -> Result<Option<String>, StoreError> {
    present(read_config(path))
}

/// Line and column (1-based, in characters) just after `bytes`.
fn position_after(bytes: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(bytes);
    let line = text.matches('\n').count() + 1;
    let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// A check's refusal of a settings file as a store error naming the file.
pub(crate) fn located(path: &Path, err: crate::core::locate::Located) -> StoreError {
    StoreError::Parse {
        path: path.to_path_buf(),
        line: err.line,
        col: err.col,
        message: err.message,
    }
}

/// Parse RON text as every user file is read (implicit `Some`: see
/// [`crate::core::ron_text`]), turning a parser error into one that names `path`, line
/// and column.
pub fn parse_ron<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, StoreError> {
    crate::core::ron_text::from_str(text).map_err(|e| StoreError::Parse {
        path: path.to_path_buf(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: error::redact(&e.code.to_string()),
    })
}

/// The `version` field of a RON struct, read leniently (unknown fields allowed).
fn version_of(text: &str) -> Option<u64> {
    let ron::Value::Map(map) = ron::from_str::<ron::Value>(text).ok()? else {
        return None;
    };
    match map.get(&ron::Value::String("version".into()))? {
        ron::Value::Number(n) => Some(n.into_f64()).filter(|v| *v >= 0.0).map(|v| v as u64),
        _ => None,
    }
}

/// Refuse a file written by a newer format before serde drops what it does not know.
pub(crate) fn check_version(path: &Path, text: &str, supported: u32) -> Result<(), StoreError> {
    match version_of(text) {
        Some(found) if found > u64::from(supported) => Err(StoreError::Newer {
            path: path.to_path_buf(),
            found: u32::try_from(found).unwrap_or(u32::MAX),
            supported,
        }),
        _ => Ok(()),
    }
}

/// Parse `text` strictly; a file from a newer format is refused by the version the
/// parse found or, when the parse failed on fields this build does not know, by the
/// version read leniently. (The lenient read costs a second parse, so it runs only
/// when the strict one fails.)
pub(crate) fn parse_versioned<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    supported: u32,
    version: impl Fn(&T) -> u32,
) -> Result<T, StoreError> {
    let newer = |found: u32| StoreError::Newer {
        path: path.to_path_buf(),
        found,
        supported,
    };
    match parse_ron::<T>(path, text) {
        Ok(value) if version(&value) > supported => Err(newer(version(&value))),
        Ok(value) => Ok(value),
        Err(e) => {
            check_version(path, text, supported)?;
            Err(e)
        }
    }
}

/// Load and check the profile file of the data folder, by the built-in rules.
pub fn load_profile(path: &Path) -> Result<Profile, StoreError> {
    load_profile_with(path, Links::Refuse)
}

/// Load and check a profile file by the built-in rules, following a link there when
/// `links` allows (a profile the user names on the command line).
pub fn load_profile_with(path: &Path, links: Links) -> Result<Profile, StoreError> {
    load_profile_by(path, links, &Rules::embedded())
}

/// Load and check a profile file by `rules` (the user's, over the built-in ones),
/// following a link there when `links` allows.
pub fn load_profile_by(path: &Path, links: Links, rules: &Rules) -> Result<Profile, StoreError> {
    match read_profile_by(path, links, rules)? {
        Read::Sound(profile) => Ok(profile),
        Read::Broken { error, .. } => Err(error),
    }
}

/// A profile file that parsed: sound, or breaking a rule of [`validate`].
#[derive(Debug)]
pub enum Read {
    Sound(Profile),
    /// It parses, but a fact in it cannot be true; `error` says which and where
    /// (file:line:col). The profile is as the file holds it.
    Broken {
        profile: Profile,
        error: StoreError,
    },
}

/// Read and parse a profile file, then check it by `rules` (the one check the form and
/// the command line use too). A file that does not parse is an error; one that parses
/// but breaks a rule comes back as [`Read::Broken`], so the app can open it to be
/// fixed.
pub fn read_profile_by(path: &Path, links: Links, rules: &Rules) -> Result<Read, StoreError> {
    let text = match read_text_with(path, links) {
        Err(StoreError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            return Err(StoreError::NoProfile {
                path: path.to_path_buf(),
            });
        }
        other => other?,
    };
    let profile: Profile = parse_versioned(path, &text, PROFILE_VERSION, |p: &Profile| p.version)?;
    // Seen, so a save from the form keeps this version as the backup.
    atomic::remember(path, text.as_bytes());
    Ok(match check_profile(path, &text, &profile, rules) {
        Ok(()) => Read::Sound(profile),
        Err(error) => Read::Broken { profile, error },
    })
}

/// Refuse a profile read from `path` (its text `text`) that breaks a rule, naming the
/// first problem's line and column when the file shows where.
fn check_profile(
    path: &Path,
    text: &str,
    profile: &Profile,
    rules: &Rules,
) -> Result<(), StoreError> {
    let problems = validate(profile, rules);
    if problems.is_empty() {
        return Ok(());
    }
    Err(StoreError::Invalid {
        path: path.to_path_buf(),
        at: problems.first().and_then(|p| p.place(text)),
        problems,
    })
}

/// Parse and check profile text that came from `path`, by the built-in rules.
pub fn parse_profile(path: &Path, text: &str) -> Result<Profile, StoreError> {
    parse_profile_by(path, text, &Rules::embedded())
}

/// Parse and check profile text that came from `path`, by `rules` (the attempt limit
/// and the day Step 1 stopped being scored come from them). A problem is placed at
/// its line and column when the file shows where.
pub fn parse_profile_by(path: &Path, text: &str, rules: &Rules) -> Result<Profile, StoreError> {
    let profile: Profile = parse_versioned(path, text, PROFILE_VERSION, |p: &Profile| p.version)?;
    check_profile(path, text, &profile, rules)?;
    Ok(profile)
}

/// Write `text` as the profile, refusing to replace one unless `force` (which keeps
/// the old one as `profile.ron.bak`, older backups moving on to `.bak.1` and so on).
/// The text is checked first.
pub fn write_profile_text(paths: &Paths, text: &str, force: bool) -> Result<(), StoreError> {
    let path = paths.profile();
    parse_profile(&path, text)?;
    if open::occupied(&path) {
        if !force {
            return Err(StoreError::Exists { path });
        }
        atomic::backup(&path)?;
    }
    atomic::write(&path, text.as_bytes())
}

/// Serialise a profile in the documented format.
pub fn profile_to_ron(profile: &Profile) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .depth_limit(4);
    ron::ser::to_string_pretty(profile, config).unwrap_or_default()
}

/// The practice history, `practice.ron` in the data folder; empty when there is none.
pub fn load_history(paths: &Paths) -> Result<History, StoreError> {
    let path = paths.practice();
    let Some(text) = read_text_if_present(&path)? else {
        return Ok(History::default());
    };
    let history = parse_versioned(&path, &text, PRACTICE_VERSION, |h: &History| h.version)?;
    atomic::remember(&path, text.as_bytes());
    Ok(history)
}

/// Save the practice history atomically; a file there that does not load is kept.
pub fn save_history(paths: &Paths, history: &History) -> Result<(), StoreError> {
    let path = paths.practice();
    if let Err(e) = read_text_if_present(&path).and_then(|t| match t {
        Some(t) => parse_ron::<History>(&path, &t).map(|_| ()),
        None => Ok(()),
    }) {
        return Err(StoreError::Blocked {
            path,
            reason: e.to_string(),
        });
    }
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .depth_limit(3);
    let text = ron::ser::to_string_pretty(history, config).unwrap_or_default();
    atomic::replace(&path, text.as_bytes()).map(|_| ())
}

/// Save a profile in the documented format, with the notes of the starter file (see
/// [`profile_file`]), keeping the previous one as `.bak`. A
/// profile changed on disk since it was loaded (a hand edit, even one that no longer
/// loads) is never written over: it is kept as a conflict copy beside it, named in the
/// result, and its backups are left as they are.
pub fn save_profile(paths: &Paths, profile: &Profile) -> Result<atomic::Replaced, StoreError> {
    let text = profile_file::to_commented_ron(profile);
    atomic::replace(&paths.profile(), text.as_bytes())
}

/// The rules and catalogue, with the user's `rules.ron` over the embedded one. A broken
/// user file is reported and the embedded rules are used instead.
pub fn load_knowledge(paths: &Paths) -> (Knowledge, Option<StoreError>) {
    let mut knowledge = Knowledge::embedded();
    let path = paths.rules();
    if !open::occupied(&path) {
        return (knowledge, None);
    }
    let loaded = read_config(&path).and_then(|t| {
        let rules = parse_ron::<Rules>(&path, &t)?;
        rules.check(&t).map_err(|e| located(&path, e))?;
        Ok(rules)
    });
    match loaded {
        Ok(rules) => {
            knowledge.rules = rules;
            (knowledge, None)
        }
        Err(e) => (knowledge, Some(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn embedded_profiles_load() {
        let p = parse_profile(Path::new("demo"), DEMO_PROFILE).unwrap();
        assert!(p.name.is_some());
        parse_profile(Path::new("starter"), STARTER_PROFILE).unwrap();
    }

    #[test]
    fn profile_round_trips_through_ron() {
        let p = parse_profile(Path::new("demo"), DEMO_PROFILE).unwrap();
        let again = parse_profile(Path::new("again"), &profile_to_ron(&p)).unwrap();
        assert_eq!(p, again);
    }

    #[test]
    fn a_parse_error_names_file_line_and_column() {
        let text = "Profile(\n  version: 1,\n  citizenship: Martian,\n)";
        let err = parse_profile(Path::new("/x/profile.ron"), text).unwrap_err();
        let shown = err.to_string();
        assert!(shown.starts_with("/x/profile.ron:3:"), "{shown}");
        assert!(err.is_bad_input());
    }

    #[test]
    fn invalid_utf8_is_located() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("p.ron");
        fs::write(&path, b"Profile(\n  name: \"\xff\"").unwrap();
        let err = read_text(&path).unwrap_err().to_string();
        assert!(
            err.ends_with("p.ron:2:10: the file is not valid UTF-8 text"),
            "{err}"
        );
    }

    #[test]
    fn a_newer_version_is_refused_before_parsing() {
        let text = "Profile(version: 9, future_field: 1)";
        let err = parse_profile(Path::new("p.ron"), text).unwrap_err();
        assert!(matches!(err, StoreError::Newer { found: 9, .. }), "{err}");
    }

    #[test]
    fn init_never_replaces_without_force() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        write_profile_text(&paths, DEMO_PROFILE, false).unwrap();
        let err = write_profile_text(&paths, STARTER_PROFILE, false).unwrap_err();
        assert!(matches!(err, StoreError::Exists { .. }));
        assert_eq!(fs::read_to_string(paths.profile()).unwrap(), DEMO_PROFILE);
        write_profile_text(&paths, STARTER_PROFILE, true).unwrap();
        assert_eq!(
            fs::read_to_string(paths.profile()).unwrap(),
            STARTER_PROFILE
        );
        let bak = paths.data.join("profile.ron.bak");
        assert_eq!(fs::read_to_string(bak).unwrap(), DEMO_PROFILE);
    }

    #[test]
    fn a_broken_rules_file_falls_back_with_a_located_error() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        fs::create_dir_all(&paths.config).unwrap();
        fs::write(paths.rules(), "(gap_months: \"six\")").unwrap();
        let (knowledge, err) = load_knowledge(&paths);
        assert_eq!(knowledge.rules, Rules::default());
        assert!(err.unwrap().to_string().contains("rules.ron:1:"));
    }

    #[test]
    fn init_force_twice_keeps_the_original_profile() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        let original = DEMO_PROFILE.replace("Nadia Rahmé", "Original");
        write_profile_text(&paths, &original, false).unwrap();
        write_profile_text(&paths, STARTER_PROFILE, true).unwrap();
        write_profile_text(&paths, DEMO_PROFILE, true).unwrap();
        let baks: Vec<String> = (0..atomic::BACKUPS)
            .filter_map(|n| fs::read_to_string(atomic::bak_path(&paths.profile(), n)).ok())
            .collect();
        assert_eq!(baks, vec![STARTER_PROFILE.to_string(), original]);
    }

    #[test]
    fn a_broken_hand_edit_of_the_profile_survives_two_saves() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        write_profile_text(&paths, DEMO_PROFILE, false).unwrap();
        let mut profile = load_profile(&paths.profile()).unwrap();
        profile.name = Some("First save".into());
        assert_eq!(save_profile(&paths, &profile).unwrap().conflict, None);
        let bak = atomic::bak_path(&paths.profile(), 0);
        assert_eq!(fs::read_to_string(&bak).unwrap(), DEMO_PROFILE);
        let broken = "Profile(\n    version: 1,\n    name: \"Hand edit\",\n";
        fs::write(paths.profile(), broken).unwrap();
        profile.name = Some("Second save".into());
        let r = save_profile(&paths, &profile).unwrap();
        let kept = r.conflict.expect("the broken file is kept");
        assert_eq!(fs::read_to_string(&kept).unwrap(), broken);
        profile.name = Some("Third save".into());
        save_profile(&paths, &profile).unwrap();
        assert_eq!(fs::read_to_string(&kept).unwrap(), broken);
        let all: Vec<String> = fs::read_dir(&paths.data)
            .unwrap()
            .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        assert!(
            all.iter().any(|t| t == DEMO_PROFILE),
            "the first .bak survives"
        );
        assert!(all.iter().any(|t| t.contains("Second save")));
    }
}
