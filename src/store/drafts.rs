//! Draft files: `drafts/<opaque id>.ron` in the data folder, one per flag instance.
//!
//! The file name is a hash of the flag id, so a folder listing says nothing about what
//! the drafts are about.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::core::draft::{DRAFT_VERSION, Draft, ONE_FLAG_VERSION};

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

/// A draft file that loaded: where it is, its text, and the draft.
struct Loaded {
    path: PathBuf,
    text: String,
    draft: Draft,
}

/// The newer of two copies of one draft: the one with more edits (`seq`), then the
/// later `updated` stamp; on a tie, the one at the draft's own path.
fn newer(a: &Loaded, b: &Loaded, own: &Path) -> bool {
    let key = |l: &Loaded| (l.draft.seq, l.draft.updated, l.path == own);
    key(a) > key(b)
}

/// Every draft that loads, one per flag, in file-name order, and an error for each file
/// that does not. Broken files are left as they are.
///
/// A draft is known by the flag inside it, not by its file name: when two files hold
/// the draft of one flag (a sync tool's "conflicted copy", say), the newer is the one
/// returned and each other file is reported as [`StoreError::Duplicate`]. No file is
/// changed here. Saves go to [`draft_path`]; when the newer copy is another file, the
/// one there is a version this process did not load, so the next save keeps it as a
/// conflict copy before writing (see [`atomic::replace`]).
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
    // Each flag's copies, in the order their first file came.
    let mut groups: Vec<Vec<Loaded>> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    let mut errors = Vec::new();
    for path in files {
        let text = match read_text(&path) {
            Ok(text) => text,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        match parse_draft(&path, &text) {
            Ok(draft) => {
                if draft.read_only {
                    errors.push(StoreError::ReadOnly {
                        path: path.clone(),
                        found: draft.version,
                        supported: DRAFT_VERSION,
                    });
                }
                let next = groups.len();
                let i = *group_of.entry(draft.flag.clone()).or_insert(next);
                let loaded = Loaded { path, text, draft };
                match groups.get_mut(i) {
                    Some(group) => group.push(loaded),
                    None => groups.push(vec![loaded]),
                }
            }
            Err(e) => errors.push(e),
        }
    }
    let mut drafts = Vec::with_capacity(groups.len());
    for mut group in groups {
        let own = draft_path(paths, &group[0].draft.flag);
        let best = (1..group.len()).fold(0, |best, i| {
            if newer(&group[i], &group[best], &own) {
                i
            } else {
                best
            }
        });
        let chosen = group.remove(best);
        for other in group {
            errors.push(StoreError::Duplicate {
                path: other.path,
                used: chosen.path.clone(),
                flag: chosen.draft.flag.clone(),
            });
        }
        // The version the words in memory came from, as the file saves go to.
        atomic::remember(&own, chosen.text.as_bytes());
        drafts.push(chosen.draft);
    }
    (drafts, errors)
}

/// Draft writes in this process, one at a time.
static WRITES: Mutex<()> = Mutex::new(());

/// Whether the saved draft already holds everything `draft` does: a higher number, or
/// the same number with the same words. (Two copies numbered zero come from before
/// drafts were numbered, and are told apart by their words alone.)
fn holds_newer(on_disk: &Draft, draft: &Draft) -> bool {
    if on_disk.seq == 0 && draft.seq == 0 {
        return false;
    }
    on_disk.seq > draft.seq || (on_disk.seq == draft.seq && on_disk == draft)
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
    // The check and the write are one step, so the app and its signal guard cannot
    // interleave: a write never replaces words numbered after its own.
    let _order = WRITES.lock().unwrap_or_else(PoisonError::into_inner);
    if open::occupied(&path) {
        let read = read_text(&path);
        let seen = read
            .as_ref()
            .is_ok_and(|t| atomic::is_seen(&path, t.as_bytes()));
        match read.and_then(|t| parse_draft(&path, &t)) {
            Err(e) => {
                return Err(StoreError::Blocked {
                    path,
                    reason: e.to_string(),
                });
            }
            Ok(on_disk) if on_disk.read_only => return Err(newer(on_disk.version)),
            Ok(on_disk) if holds_newer(&on_disk, draft) => {
                // Our own newer save stays as it is. Newer words from another program
                // stay too, and ours are kept beside them, so neither is lost.
                let conflict = if seen {
                    None
                } else {
                    Some(atomic::keep_conflict(&path, to_ron(draft).as_bytes())?)
                };
                return Ok(atomic::Replaced {
                    kept_newer: true,
                    conflict,
                    ..Default::default()
                });
            }
            Ok(_) => {}
        }
    }
    let text = to_ron(draft);
    atomic::replace(&path, text.as_bytes())
}

/// The profile form's field texts, section by section and record by record.
pub type FormValues = Vec<Vec<Vec<String>>>;

/// Words not yet saved, copied while the applicant types: `recovery.ron`. Each draft
/// carries its `seq`, so the copy is offered only where it is newer than the saved one.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename = "Recovery", deny_unknown_fields)]
pub struct Recovery {
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub drafts: Vec<Draft>,
    /// The profile form's fields, when it had unsaved changes.
    #[serde(default)]
    pub form: Option<FormValues>,
}

impl Recovery {
    pub fn is_empty(&self) -> bool {
        self.drafts.is_empty() && self.form.is_none()
    }
}

/// Where the recovery copy lives.
pub fn recovery_path(paths: &Paths) -> PathBuf {
    paths.data.join("recovery.ron")
}

/// Keep a private copy of the unsaved words; an empty copy removes the file.
pub fn save_recovery(paths: &Paths, copy: &Recovery) -> Result<(), StoreError> {
    let path = recovery_path(paths);
    let _order = WRITES.lock().unwrap_or_else(PoisonError::into_inner);
    if let Ok(meta) = fs::symlink_metadata(&path)
        && !meta.file_type().is_file()
    {
        // Something other than a copy of ours stands there: never removed or replaced.
        return Err(StoreError::NotAFile {
            path,
            what: open::kind_of(meta.file_type()),
        });
    }
    if copy.is_empty() {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(StoreError::Io {
                path,
                action: "remove the recovery copy",
                source: e,
            }),
            _ => Ok(()),
        };
    }
    // The version of the newest draft format inside, so a build from before stories
    // still takes a copy of drafts of one flag.
    let version = copy
        .drafts
        .iter()
        .map(Draft::format_version)
        .max()
        .unwrap_or(ONE_FLAG_VERSION);
    let mut copy = copy.clone();
    copy.version = version;
    for d in &mut copy.drafts {
        d.settle_version();
    }
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    let text = ron::ser::to_string_pretty(&copy, config).unwrap_or_default();
    atomic::write(&path, text.as_bytes())
}

/// The words a session that ended suddenly left unsaved: the drafts whose copy is newer
/// than the saved draft, and the profile form. A copy that adds nothing is removed. A
/// copy that cannot be read is moved aside under a new name, never written over, and
/// the error names that name.
pub fn take_recovery(paths: &Paths, saved: &[Draft]) -> Result<Recovery, StoreError> {
    let found = match read_recovery(paths, saved) {
        Ok(Some(found)) => found,
        Ok(None) => return Ok(Recovery::default()),
        Err(e @ StoreError::Parse { .. }) => return Err(set_aside(&recovery_path(paths), e)),
        Err(e) => return Err(e),
    };
    if found.is_empty() {
        save_recovery(paths, &Recovery::default())?;
    }
    Ok(found)
}

/// What the recovery copy holds that the saved drafts do not (drafts numbered after
/// the saved ones, and the profile form), `None` when there is no copy. Nothing is
/// written: a read-only session reads this.
pub fn read_recovery(paths: &Paths, saved: &[Draft]) -> Result<Option<Recovery>, StoreError> {
    let path = recovery_path(paths);
    let Some(text) = read_text_if_present(&path)? else {
        return Ok(None);
    };
    check_version(&path, &text, DRAFT_VERSION)?;
    let copy: Recovery = parse_ron(&path, &text)?;
    let newer: Vec<Draft> = copy
        .drafts
        .into_iter()
        .filter(|d| match saved.iter().find(|s| s.flag == d.flag) {
            None => true,
            // Older copies had no numbers: offered whenever the words differ.
            Some(s) if s.seq == 0 && d.seq == 0 => s.parts != d.parts,
            Some(s) => d.seq > s.seq && s.parts != d.parts,
        })
        .collect();
    Ok(Some(Recovery {
        version: copy.version,
        drafts: newer,
        form: copy.form,
    }))
}

/// Move an unreadable recovery copy to a name of its own, so nothing writes over it,
/// and say where it went.
fn set_aside(path: &Path, err: StoreError) -> StoreError {
    let mut n = 1;
    let mut aside = path.with_file_name("recovery.unreadable.ron");
    while open::occupied(&aside) {
        n += 1;
        aside = path.with_file_name(format!("recovery.unreadable-{n}.ron"));
    }
    match std::fs::rename(path, &aside) {
        Ok(()) => StoreError::SetAside {
            path: aside,
            reason: err.to_string(),
        },
        Err(_) => err,
    }
}

/// A draft in the file format.
///
/// A draft is written at the version its flags call for: version 1 while it explains
/// one flag, so builds from before stories go on reading it as they always have.
pub fn to_ron(draft: &Draft) -> String {
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    let written = if draft.version == draft.format_version() || draft.read_only {
        ron::ser::to_string_pretty(draft, config)
    } else {
        let mut copy = draft.clone();
        copy.version = draft.format_version();
        ron::ser::to_string_pretty(&copy, config)
    };
    written.unwrap_or_default()
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
            version: ONE_FLAG_VERSION,
            flag: flag.into(),
            covers: Vec::new(),
            kind: FlagKind::ExamFailure,
            status: Default::default(),
            field: None,
            venues: vec![],
            fold_typography: true,
            parts: BTreeMap::from([("fact".to_string(), "Ünïcode — “text” 中文".to_string())]),
            prefilled: BTreeMap::new(),
            orphaned: false,
            dismissed: Vec::new(),
            wordings: BTreeMap::new(),
            read_only: false,
            created: Stamp(1),
            updated: Stamp(2),
            seq: 2,
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
    fn a_draft_covering_several_flags_round_trips_and_a_one_flag_draft_does_not_name_covers() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        let one = draft("exam_failure:step1");
        save_draft(&paths, &one).unwrap();
        let text = fs::read_to_string(draft_path(&paths, &one.flag)).unwrap();
        assert!(!text.contains("covers"), "{text}");
        assert!(text.contains("version: 1,"), "{text}");
        let mut story = draft("training_gap:2020-07");
        story.covers = vec!["yog_gap".into(), "limited_usce".into()];
        save_draft(&paths, &story).unwrap();
        // A draft of several flags is written at version 2, so a build from before
        // stories opens it read only rather than dropping `covers` on its next save.
        let text = fs::read_to_string(draft_path(&paths, &story.flag)).unwrap();
        assert!(text.contains("version: 2,"), "{text}");
        let (loaded, errors) = load_drafts(&paths);
        assert!(errors.is_empty(), "{errors:?}");
        let back = loaded.iter().find(|d| d.flag == story.flag).unwrap();
        assert_eq!(back.version, crate::core::draft::STORY_VERSION);
        assert!(!back.read_only);
        story.version = crate::core::draft::STORY_VERSION;
        assert_eq!(back, &story);
        assert_eq!(
            back.flags().collect::<Vec<_>>(),
            ["training_gap:2020-07", "yog_gap", "limited_usce"]
        );
        assert!(back.explains("yog_gap") && back.explains("training_gap:2020-07"));
        assert!(!back.explains("exam_failure:step1"));
        let one_back = loaded.iter().find(|d| d.flag == one.flag).unwrap();
        assert!(one_back.covers.is_empty());
        assert_eq!(one_back.flags().collect::<Vec<_>>(), ["exam_failure:step1"]);
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

    fn copy_with(flag: &str, seq: u64, updated: u64, words: &str) -> Draft {
        let mut d = draft(flag);
        d.seq = seq;
        d.updated = Stamp(updated);
        d.parts.insert("fact".into(), words.into());
        d
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_file_changed_behind_our_back_is_kept_when_the_draft_is_saved() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        save_draft(&paths, &copy_with("a", 1, 1, "first")).unwrap();
        let (mut loaded, _) = load_drafts(&paths);
        // Another program renames its version over the file while the draft is open.
        let path = draft_path(&paths, "a");
        let theirs = to_ron(&copy_with("a", 1, 5, "theirs"));
        let incoming = paths.drafts().join("incoming.tmp");
        fs::write(&incoming, &theirs).unwrap();
        fs::rename(&incoming, &path).unwrap();
        loaded[0].parts.insert("fact".into(), "ours".into());
        let r = save_draft(&paths, &loaded[0]).unwrap();
        let kept = r.conflict.expect("their version is kept");
        assert_eq!(fs::read_to_string(&kept).unwrap(), theirs);
        assert_eq!(
            parse_draft(&path, &fs::read_to_string(&path).unwrap())
                .unwrap()
                .part("fact"),
            "ours"
        );
        // A second save is an ordinary one, and leaves the copy alone.
        loaded[0].parts.insert("fact".into(), "ours, again".into());
        assert_eq!(save_draft(&paths, &loaded[0]).unwrap().conflict, None);
        assert_eq!(fs::read_to_string(&kept).unwrap(), theirs);
    }

    #[test]
    fn two_files_of_one_draft_open_the_newer_and_name_both() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        save_draft(&paths, &copy_with("a", 3, 9, "newest")).unwrap();
        let own = draft_path(&paths, "a");
        let stem = own.file_stem().unwrap().to_string_lossy().into_owned();
        let other = paths
            .drafts()
            .join(format!("{stem} (conflicted copy 2026-11-30).ron"));
        // Fewer edits, though stamped later: the edit count decides first.
        fs::write(&other, to_ron(&copy_with("a", 2, 20, "older"))).unwrap();
        let (drafts, errors) = load_drafts(&paths);
        assert_eq!(drafts.len(), 1, "one draft, not two");
        assert_eq!(drafts[0].part("fact"), "newest");
        assert_eq!(errors.len(), 1, "{errors:?}");
        let shown = errors[0].to_string();
        assert!(shown.contains(&other.display().to_string()), "{shown}");
        assert!(shown.contains(&own.display().to_string()), "{shown}");
        // With equal edit counts the later stamp wins.
        fs::write(&other, to_ron(&copy_with("a", 3, 20, "later"))).unwrap();
        let (drafts, _) = load_drafts(&paths);
        assert_eq!(drafts[0].part("fact"), "later");
        // A full tie opens the draft's own file.
        fs::write(&other, to_ron(&copy_with("a", 3, 9, "tied"))).unwrap();
        let (drafts, _) = load_drafts(&paths);
        assert_eq!(drafts[0].part("fact"), "newest");
    }

    #[test]
    fn when_the_other_copy_is_newer_the_own_file_is_kept_before_the_next_save() {
        let tmp = tempfile::tempdir().unwrap();
        let paths = Paths::under(tmp.path());
        save_draft(&paths, &copy_with("a", 1, 1, "older")).unwrap();
        let own = draft_path(&paths, "a");
        let older = fs::read_to_string(&own).unwrap();
        let other = paths.drafts().join("synced.ron");
        let newer = to_ron(&copy_with("a", 2, 2, "newer"));
        fs::write(&other, &newer).unwrap();
        let (mut drafts, errors) = load_drafts(&paths);
        assert_eq!(drafts[0].part("fact"), "newer");
        assert_eq!(errors.len(), 1);
        drafts[0]
            .parts
            .insert("fact".into(), "newer, edited".into());
        let r = save_draft(&paths, &drafts[0]).unwrap();
        let kept = r.conflict.expect("the older own file is kept");
        assert_eq!(fs::read_to_string(&kept).unwrap(), older);
        assert_eq!(fs::read_to_string(&other).unwrap(), newer, "never written");
        let saved = parse_draft(&own, &fs::read_to_string(&own).unwrap()).unwrap();
        assert_eq!(saved.part("fact"), "newer, edited");
        // Every copy still loads as the one draft, with the others reported.
        let (drafts, errors) = load_drafts(&paths);
        assert_eq!(drafts.len(), 1);
        assert_eq!(errors.len(), 2, "{:?}", names(&paths.drafts()));
    }
}
