//! The user's word list, `words.txt` in the config folder: one word a line, each
//! accepted by the spelling check in every draft. Read as the other settings are (a
//! link there is followed); a word is added by writing the whole list again, atomically
//! and private, and never over a list that did not read.

use std::path::{Path, PathBuf};

use crate::core::profile::Profile;
use crate::core::spell::{self, Speller};

use super::{Links, Paths, StoreError, atomic, open, read_text_with};

/// The word list's file name in the config folder.
pub const FILE: &str = "words.txt";

/// Where the word list lives.
pub fn path(paths: &Paths) -> PathBuf {
    paths.config.join(FILE)
}

/// The words of the user's list; none when there is no list yet.
pub fn load(paths: &Paths) -> Result<Vec<String>, StoreError> {
    Ok(read(&path(paths))?
        .map(|text| spell::list_words(&text))
        .unwrap_or_default())
}

fn read(path: &Path) -> Result<Option<String>, StoreError> {
    match read_text_with(path, Links::Follow) {
        Ok(text) => Ok(Some(text)),
        Err(e) if open::is_missing(&e) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Add `word` to the user's list. Returns whether it was added (`false`: the list has
/// it already). A list that does not read (not UTF-8, not a regular file, unreadable) is
/// left as it is and reported; so is one that is a link, which is not written through.
pub fn add(paths: &Paths, word: &str) -> Result<bool, StoreError> {
    let path = path(paths);
    let blocked = |reason: String| StoreError::Blocked {
        path: path.clone(),
        reason,
    };
    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(blocked(format!(
            "{} is a link; add the word to the file it leads to",
            path.display()
        )));
    }
    let text = read(&path).map_err(|e| blocked(e.to_string()))?;
    match spell::add_to_list(text.as_deref().unwrap_or_default(), word) {
        None => Ok(false),
        Some(next) => {
            atomic::write(&path, next.as_bytes())?;
            Ok(true)
        }
    }
}

/// The speller for `paths`: the shipped dictionary with the profile's words and the
/// user's list. A list that does not read is left out, and said why.
pub fn speller(
    paths: &Paths,
    profile: Option<&Profile>,
) -> Result<(Speller, Option<StoreError>), spell::SpellError> {
    let base = Speller::embedded()?;
    let (mut words, warning) = match load(paths) {
        Ok(words) => (words, None),
        Err(e) => (Vec::new(), Some(e)),
    };
    words.extend(profile.map(spell::profile_words).unwrap_or_default());
    Ok((base.with_own_words(words), warning))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_word_is_added_privately_and_once() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        assert_eq!(load(&paths).unwrap(), Vec::<String>::new());
        assert!(add(&paths, "Tanta").unwrap());
        assert!(!add(&paths, "tanta").unwrap());
        assert!(add(&paths, "Benha").unwrap());
        assert_eq!(load(&paths).unwrap(), ["Tanta", "Benha"]);
        let file = path(&paths);
        assert_eq!(
            fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let text = fs::read_to_string(&file).unwrap();
        assert!(text.starts_with(spell::LIST_HEADER), "{text}");
    }

    #[test]
    fn a_list_that_does_not_read_is_never_written_over() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        fs::create_dir_all(&paths.config).unwrap();
        let file = path(&paths);
        fs::write(&file, b"Tanta\n\xff\xfe\n").unwrap();
        assert!(load(&paths).is_err());
        let err = add(&paths, "Benha").unwrap_err();
        assert!(matches!(err, StoreError::Blocked { .. }), "{err}");
        assert!(err.to_string().contains("not valid UTF-8"), "{err}");
        assert_eq!(fs::read(&file).unwrap(), b"Tanta\n\xff\xfe\n");
        let (speller, warning) = speller(&paths, None).unwrap();
        assert!(warning.is_some());
        assert!(!speller.is_own("Tanta"));
    }

    #[test]
    fn a_linked_list_is_read_but_not_written_through() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        fs::create_dir_all(&paths.config).unwrap();
        let real = tmp.path().join("dotfiles-words.txt");
        fs::write(&real, "Qasr\n").unwrap();
        std::os::unix::fs::symlink(&real, path(&paths)).unwrap();
        assert_eq!(load(&paths).unwrap(), ["Qasr"]);
        let err = add(&paths, "Benha").unwrap_err();
        assert!(err.to_string().contains("is a link"), "{err}");
        assert_eq!(fs::read_to_string(&real).unwrap(), "Qasr\n");
    }

    #[test]
    fn the_speller_takes_the_list_and_the_profile() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        add(&paths, "Benha").unwrap();
        let profile =
            super::super::parse_profile(Path::new("demo"), super::super::DEMO_PROFILE).unwrap();
        let (speller, warning) = speller(&paths, Some(&profile)).unwrap();
        assert!(warning.is_none());
        assert!(speller.is_own("Benha"));
        assert!(speller.is_own("Rahmé"));
    }
}
