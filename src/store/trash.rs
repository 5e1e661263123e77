//! The trash folder, `trash/` in the data folder: drafts the applicant chose to delete
//! are moved there, never removed, so no words are lost by a slip. A draft moved back
//! into `drafts/` opens again.

use std::fs;
use std::path::PathBuf;

use crate::core::draft::Draft;

use super::{Paths, StoreError, atomic, drafts};

/// The trash folder of `paths`.
pub fn trash_dir(paths: &Paths) -> PathBuf {
    paths.data.join("trash")
}

/// Save `draft` as it stands (words typed but not yet saved included), then move its
/// file into the trash folder under a name nothing there holds yet. Returns where it
/// went.
pub fn trash_draft(paths: &Paths, draft: &Draft) -> Result<PathBuf, StoreError> {
    drafts::save_draft(paths, draft)?;
    let from = drafts::draft_path(paths, &draft.flag);
    let dir = trash_dir(paths);
    atomic::private_dir(&dir)?;
    let stem = from
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut to = dir.join(format!("{stem}.ron"));
    let mut n = 2;
    while fs::symlink_metadata(&to).is_ok() {
        to = dir.join(format!("{stem}-{n}.ron"));
        n += 1;
    }
    fs::rename(&from, &to).map_err(|source| StoreError::Io {
        path: from.clone(),
        action: "move to the trash folder",
        source,
    })?;
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::draft::Status;
    use crate::store::drafts::{draft_path, load_drafts};
    use std::os::unix::fs::PermissionsExt;

    fn draft(flag: &str, words: &str) -> Draft {
        let text = format!(
            "(version: 1, flag: \"{flag}\", kind: training_gap, parts: {{\"what\": \"{words}\"}}, created: \"2026-11-26T09:16:23Z\", updated: \"2026-11-26T09:16:23Z\", seq: 1)"
        );
        crate::store::parse_ron(std::path::Path::new("d"), &text).unwrap()
    }

    #[test]
    fn a_trashed_draft_keeps_its_words_in_a_private_folder_and_no_longer_loads() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        let d = draft("training_gap:2020-07", "My own words");
        drafts::save_draft(&paths, &d).unwrap();
        let mut newer = d.clone();
        newer.seq = 2;
        newer.parts.insert("what".into(), "My newer words".into());
        let first = trash_draft(&paths, &newer).unwrap();
        assert!(!draft_path(&paths, &d.flag).exists());
        assert!(
            fs::read_to_string(&first)
                .unwrap()
                .contains("My newer words")
        );
        let mode = fs::metadata(trash_dir(&paths))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
        assert!(load_drafts(&paths).0.is_empty());
        // A second draft of the same flag never replaces the first in the trash.
        let mut again = d.clone();
        again.status = Status::Empty;
        let second = trash_draft(&paths, &again).unwrap();
        assert_ne!(first, second);
        assert!(
            fs::read_to_string(&first)
                .unwrap()
                .contains("My newer words")
        );
    }
}
