//! Draft files: `drafts/<opaque id>.ron` in the data folder, one per flag instance.
//!
//! The file name is a hash of the flag id, so a folder listing says nothing about what
//! the drafts are about.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::core::draft::{DRAFT_VERSION, Draft};

use super::{
    Paths, StoreError, atomic, check_version, open, parse_ron, read_text, read_text_if_present,
};

/// FNV-1a, 64 bits: stable across builds and platforms.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The file that holds the draft of flag `flag_id`.
pub fn draft_path(paths: &Paths, flag_id: &str) -> PathBuf {
    paths.drafts().join(format!("{:016x}.ron", fnv1a(flag_id)))
}

/// Parse draft text that came from `path`.
/// A draft from a newer flagdraft parses too, marked read only.
pub fn parse_draft(path: &Path, text: &str) -> Result<Draft, StoreError> {
    let mut draft: Draft = parse_ron(path, text)?;
    draft.read_only = draft.version > DRAFT_VERSION;
    Ok(draft)
}

/// Every draft that loads, in file-name order, and an error for each file that does
/// not. Broken files are left as they are.
pub fn load_drafts(paths: &Paths) -> (Vec<Draft>, Vec<StoreError>) {
    let dir = paths.drafts();
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return (Vec::new(), Vec::new()),
        Err(source) => {
            let err = StoreError::Io {
                path: dir,
                action: "list the drafts in",
                source,
            };
            return (Vec::new(), vec![err]);
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    files.sort();
    let mut drafts = Vec::new();
    let mut errors = Vec::new();
    for path in files {
        match read_text(&path).and_then(|t| parse_draft(&path, &t)) {
            Ok(d) => {
                if d.read_only {
                    errors.push(StoreError::ReadOnly {
                        path: path.clone(),
                        found: d.version,
                        supported: DRAFT_VERSION,
                    });
                }
                drafts.push(d);
            }
            Err(e) => errors.push(e),
        }
    }
    (drafts, errors)
}

/// Save `draft` atomically as a private file, the previous version kept as `.bak`. A
/// file there that does not load as a draft is never replaced: it may hold words the
/// applicant can still recover.
pub fn save_draft(paths: &Paths, draft: &Draft) -> Result<atomic::Replaced, StoreError> {
    let path = draft_path(paths, &draft.flag);
    let newer = |found| StoreError::ReadOnly {
        path: path.clone(),
        found,
        supported: DRAFT_VERSION,
    };
    if draft.read_only {
        return Err(newer(draft.version));
    }
    if open::occupied(&path) {
        match read_text(&path).and_then(|t| parse_draft(&path, &t)) {
            Err(e) => {
                return Err(StoreError::Blocked {
                    path,
                    reason: e.to_string(),
                });
            }
            Ok(on_disk) if on_disk.read_only => return Err(newer(on_disk.version)),
            Ok(_) => {}
        }
    }
    let text = to_ron(draft);
    atomic::replace(&path, text.as_bytes())
}

/// Unsaved drafts, copied while the applicant types: `recovery.ron`.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename = "Recovery", deny_unknown_fields)]
struct Recovery {
    version: u32,
    drafts: Vec<Draft>,
}

fn recovery_path(paths: &Paths) -> PathBuf {
    paths.data.join("recovery.ron")
}

/// Keep a private copy of `drafts`, the ones with unsaved edits; none removes it.
pub fn save_recovery(paths: &Paths, drafts: &[Draft]) -> Result<(), StoreError> {
    let path = recovery_path(paths);
    if drafts.is_empty() {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(StoreError::Io {
                path,
                action: "remove the recovery copy",
                source: e,
            }),
            _ => Ok(()),
        };
    }
    let copy = Recovery {
        version: DRAFT_VERSION,
        drafts: drafts.to_vec(),
    };
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    let text = ron::ser::to_string_pretty(&copy, config).unwrap_or_default();
    atomic::write(&path, text.as_bytes())
}

/// Drafts a session that ended suddenly left unsaved, with words that differ from
/// the saved drafts; a copy that adds nothing is removed.
pub fn take_recovery(paths: &Paths, saved: &[Draft]) -> Result<Vec<Draft>, StoreError> {
    let Some(differs) = read_recovery(paths, saved)? else {
        return Ok(Vec::new());
    };
    if differs.is_empty() {
        save_recovery(paths, &[])?;
    }
    Ok(differs)
}

/// The drafts in the recovery copy whose words differ from the saved drafts, `None`
/// when there is no copy; nothing is written (a read-only session reads this).
pub fn read_recovery(paths: &Paths, saved: &[Draft]) -> Result<Option<Vec<Draft>>, StoreError> {
    let path = recovery_path(paths);
    let Some(text) = read_text_if_present(&path)? else {
        return Ok(None);
    };
    check_version(&path, &text, DRAFT_VERSION)?;
    let copy: Recovery = parse_ron(&path, &text)?;
    Ok(Some(
        copy.drafts
            .into_iter()
            .filter(|d| !saved.iter().any(|s| s.flag == d.flag && s.parts == d.parts))
            .collect(),
    ))
}

/// A draft in the file format.
pub fn to_ron(draft: &Draft) -> String {
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    ron::ser::to_string_pretty(draft, config).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::flag::FlagKind;
    use crate::core::stamp::Stamp;
    use std::collections::BTreeMap;
    use std::os::unix::fs::PermissionsExt;

    fn draft(flag: &str) -> Draft {
        Draft {
            version: DRAFT_VERSION,
            flag: flag.into(),
            kind: FlagKind::ExamFailure,
            status: Default::default(),
            field: None,
            venues: vec![],
            fold_typography: true,
            parts: BTreeMap::from([("fact".to_string(), "Ünïcode — “text” 中文".to_string())]),
            prefilled: BTreeMap::new(),
            orphaned: false,
            dismissed: Vec::new(),
            read_only: false,
            created: Stamp(1),
            updated: Stamp(2),
        }
    }

    #[test]
    fn drafts_round_trip_privately_under_opaque_names() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        let d = draft("exam_failure:step1");
        save_draft(&paths, &d).unwrap();
        let path = draft_path(&paths, "exam_failure:step1");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.contains("exam"), "{name}");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let (loaded, errors) = load_drafts(&paths);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(loaded, vec![d]);
    }

    #[test]
    fn a_broken_draft_is_reported_and_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        save_draft(&paths, &draft("a")).unwrap();
        let broken = paths.drafts().join("0000000000000000.ron");
        fs::write(&broken, "Draft(version: 1, flag: ").unwrap();
        let (loaded, errors) = load_drafts(&paths);
        assert_eq!(loaded.len(), 1);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].to_string().contains("0000000000000000.ron:1:"),
            "{}",
            errors[0]
        );
        assert_eq!(
            fs::read_to_string(&broken).unwrap(),
            "Draft(version: 1, flag: "
        );
    }
}
