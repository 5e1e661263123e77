//! Crash-safe private writes: a temp file in the same folder, fsync, rename, fsync the
//! folder. Files are 0600 and folders 0700 whatever the umask.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use super::error::StoreError;

pub const FILE_MODE: u32 = 0o600;
pub const DIR_MODE: u32 = 0o700;

fn io_err(path: &Path, action: &'static str) -> impl FnOnce(io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io {
        path,
        action,
        source,
    }
}

/// Create `dir` and its missing parents as 0700, and make sure `dir` itself is 0700.
pub fn private_dir(dir: &Path) -> Result<(), StoreError> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)
        .map_err(io_err(dir, "create the folder"))?;
    fs::set_permissions(dir, fs::Permissions::from_mode(DIR_MODE))
        .map_err(io_err(dir, "make the folder private"))
}

/// A temporary name beside `path`, unique to this process and this write, so two
/// writers (the app and its signal guard) never share one.
fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}-{n}.tmp", std::process::id()))
}

/// Replace `path` with `bytes` so that a crash leaves either the old or the new file.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    private_dir(dir)?;
    let tmp = temp_path(path);
    let result = write_temp(&tmp, bytes).and_then(|()| {
        fs::rename(&tmp, path).map_err(io_err(path, "replace the file"))?;
        sync_dir(dir)
    });
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn write_temp(tmp: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .open(tmp)
        .map_err(io_err(tmp, "create a temporary file"))?;
    file.set_permissions(fs::Permissions::from_mode(FILE_MODE))
        .map_err(io_err(tmp, "make the file private"))?;
    file.write_all(bytes)
        .map_err(io_err(tmp, "write the file"))?;
    file.sync_all()
        .map_err(io_err(tmp, "flush the file to disk"))
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_err(dir, "flush the folder to disk"))
}

/// What this process last loaded from or wrote to each file, by content hash, so a
/// change made by someone else in between can be told apart from our own. Only loading
/// (through [`remember`]) and [`replace`] set it: a read that merely checks a file
/// before a save must not, or it would hide the very change it should notice.
static SEEN: Mutex<Option<HashMap<PathBuf, u64>>> = Mutex::new(None);

/// A content hash for telling versions of a file apart (not kept anywhere).
fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::{DefaultHasher, Hasher};
    let mut h = DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// Note that `path` holds `bytes` as far as this process knows: the version the
/// words in memory came from. Call it when loading, never when only checking.
pub fn remember(path: &Path, bytes: &[u8]) {
    let mut seen = SEEN.lock().unwrap_or_else(PoisonError::into_inner);
    seen.get_or_insert_with(HashMap::new)
        .insert(path.to_path_buf(), content_hash(bytes));
}

/// Whether `bytes` are the version of `path` this process last loaded or wrote.
pub fn is_seen(path: &Path, bytes: &[u8]) -> bool {
    last_seen(path) == Some(content_hash(bytes))
}

fn last_seen(path: &Path) -> Option<u64> {
    let seen = SEEN.lock().unwrap_or_else(PoisonError::into_inner);
    seen.as_ref().and_then(|m| m.get(path).copied())
}

/// What replacing a file found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Replaced {
    /// The file held a version this process had not loaded or written (changed by
    /// another program since, or never seen at all).
    pub changed_on_disk: bool,
    /// Nothing was written: the file already held newer words.
    pub kept_newer: bool,
    /// Where that other version was kept, beside the file, before ours replaced it.
    pub conflict: Option<PathBuf>,
}

/// How many backups of a file are kept: `.bak` (the newest), then `.bak.1` up to
/// `.bak.4` (the oldest, dropped at the next one). Enough to undo a few saves or a
/// second `init --force`, few enough that a folder of drafts stays small.
pub const BACKUPS: usize = 5;

/// Replace `path` with `bytes`, keeping the version it replaces. That version is the
/// newest backup when this process loaded or wrote it; when it is one this process
/// never saw (another program wrote it), it is kept as a conflict copy beside it and
/// named in the result. Either way no version is lost.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<Replaced, StoreError> {
    let mut replaced = Replaced::default();
    match fs::read(path) {
        Ok(current) if current == bytes => {}
        Ok(current) => {
            if last_seen(path) == Some(content_hash(&current)) {
                keep_backup(path, &current)?;
            } else {
                replaced.changed_on_disk = true;
                replaced.conflict = Some(keep_conflict(path, &current)?);
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_err(path, "read the file")(e)),
    }
    write(path, bytes)?;
    remember(path, bytes);
    Ok(replaced)
}

/// Backup number `n` of `path`: `path.bak` for 0, else `path.bak.<n>`.
pub fn bak_path(path: &Path, n: usize) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    if n > 0 {
        name.push(format!(".{n}"));
    }
    PathBuf::from(name)
}

/// Keep `bytes`, the version of `path` about to be replaced, as `path.bak`, each
/// older backup moving one number on and the oldest of [`BACKUPS`] dropped. A
/// version already kept as the newest backup is not kept twice.
fn keep_backup(path: &Path, bytes: &[u8]) -> Result<PathBuf, StoreError> {
    let newest = bak_path(path, 0);
    if fs::read(&newest).is_ok_and(|kept| kept == bytes) {
        return Ok(newest);
    }
    for n in (1..BACKUPS).rev() {
        let (from, to) = (bak_path(path, n - 1), bak_path(path, n));
        match fs::rename(&from, &to) {
            Ok(()) => fs::set_permissions(&to, fs::Permissions::from_mode(FILE_MODE))
                .map_err(io_err(&to, "make the file private"))?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_err(&from, "move the backup")(e)),
        }
    }
    write(&newest, bytes)?;
    Ok(newest)
}

/// Copy `path` to `path.bak` (0600), older backups moving on as [`replace`] does.
pub fn backup(path: &Path) -> Result<PathBuf, StoreError> {
    let bytes = fs::read(path).map_err(io_err(path, "read the file"))?;
    keep_backup(path, &bytes)
}

/// The text that marks a conflict copy's name: `<stem>.conflict-<n>.<extension>`.
pub const CONFLICT_MARK: &str = ".conflict-";

/// Conflict copy number `n` of `path`: `d.ron` gives `d.conflict-<n>.ron`, so the copy
/// keeps the extension it is opened by.
fn conflict_path(path: &Path, n: u64) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match path.extension() {
        Some(ext) => format!("{stem}{CONFLICT_MARK}{n}.{}", ext.to_string_lossy()),
        None => format!("{stem}{CONFLICT_MARK}{n}"),
    };
    path.with_file_name(name)
}

/// Keep `bytes`, another program's version of `path`, under the first conflict-copy
/// name beside it that nothing holds yet, and return that name.
pub fn keep_conflict(path: &Path, bytes: &[u8]) -> Result<PathBuf, StoreError> {
    let mut n = 1;
    let mut copy = conflict_path(path, n);
    while fs::symlink_metadata(&copy).is_ok() {
        n += 1;
        copy = conflict_path(path, n);
    }
    write(&copy, bytes)?;
    Ok(copy)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn writes_private_files_in_private_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/b");
        let file = dir.join("f.ron");
        write(&file, b"one").unwrap();
        write(&file, b"two").unwrap();
        assert_eq!(fs::read(&file).unwrap(), b"two");
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(&dir), 0o700);
        let leftovers: Vec<_> = fs::read_dir(&dir).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temp file is left behind");
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temp() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("f.ron");
        write(&file, b"old").unwrap();
        // A folder where the file should be makes the rename fail.
        let blocked = tmp.path().join("blocked");
        fs::create_dir(&blocked).unwrap();
        fs::write(blocked.join("x"), b"").unwrap();
        assert!(write(&blocked, b"new").is_err());
        assert_eq!(fs::read(&file).unwrap(), b"old");
        let names: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(names.iter().all(|n| !n.to_string_lossy().ends_with(".tmp")));
    }

    #[test]
    fn replace_keeps_the_previous_version_as_a_backup() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("d.ron");
        assert_eq!(replace(&file, b"one").unwrap(), Replaced::default());
        assert_eq!(replace(&file, b"two").unwrap(), Replaced::default());
        assert_eq!(fs::read(tmp.path().join("d.ron.bak")).unwrap(), b"one");
        assert_eq!(mode(&tmp.path().join("d.ron.bak")), 0o600);
    }

    #[test]
    fn another_programs_version_is_kept_as_a_conflict_copy_not_written_over() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("d.ron");
        replace(&file, b"one").unwrap();
        replace(&file, b"two").unwrap();
        // Edited in place by another program.
        fs::write(&file, b"edited elsewhere").unwrap();
        let r = replace(&file, b"three").unwrap();
        assert!(r.changed_on_disk);
        let copy = tmp.path().join("d.conflict-1.ron");
        assert_eq!(r.conflict.as_deref(), Some(copy.as_path()));
        assert_eq!(fs::read(&copy).unwrap(), b"edited elsewhere");
        assert_eq!(mode(&copy), 0o600);
        assert_eq!(fs::read(&file).unwrap(), b"three");
        assert_eq!(
            fs::read(tmp.path().join("d.ron.bak")).unwrap(),
            b"one",
            "the backups are left as they were"
        );
        // Renamed over by another program: a second copy, the first kept.
        let theirs = tmp.path().join("incoming");
        fs::write(&theirs, b"synced in").unwrap();
        fs::rename(&theirs, &file).unwrap();
        let r = replace(&file, b"four").unwrap();
        let second = tmp.path().join("d.conflict-2.ron");
        assert_eq!(r.conflict.as_deref(), Some(second.as_path()));
        assert_eq!(fs::read(&second).unwrap(), b"synced in");
        assert_eq!(fs::read(&copy).unwrap(), b"edited elsewhere");
        // Our own saves after that are ordinary again.
        assert_eq!(replace(&file, b"five").unwrap(), Replaced::default());
        assert_eq!(fs::read(tmp.path().join("d.ron.bak")).unwrap(), b"four");
    }

    #[test]
    fn a_file_this_process_never_saw_is_not_written_over() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("profile.ron");
        fs::write(&file, b"someone's").unwrap();
        let r = replace(&file, b"ours").unwrap();
        let copy = tmp.path().join("profile.conflict-1.ron");
        assert_eq!(r.conflict.as_deref(), Some(copy.as_path()));
        assert_eq!(fs::read(&copy).unwrap(), b"someone's");
        // The same bytes are no conflict: nothing would be lost.
        let same = tmp.path().join("same.ron");
        fs::write(&same, b"ours").unwrap();
        assert_eq!(replace(&same, b"ours").unwrap(), Replaced::default());
    }

    #[test]
    fn loading_marks_the_version_seen() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("d.ron");
        fs::write(&file, b"loaded").unwrap();
        remember(&file, b"loaded");
        assert_eq!(replace(&file, b"saved").unwrap(), Replaced::default());
        assert_eq!(fs::read(tmp.path().join("d.ron.bak")).unwrap(), b"loaded");
    }

    #[test]
    fn backups_are_numbered_and_the_oldest_dropped() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("d.ron");
        for n in 0..=BACKUPS + 2 {
            replace(&file, format!("v{n}").as_bytes()).unwrap();
        }
        let last = BACKUPS + 2;
        for k in 0..BACKUPS {
            let bak = bak_path(&file, k);
            assert_eq!(
                fs::read_to_string(&bak).unwrap(),
                format!("v{}", last - 1 - k),
                "{}",
                bak.display()
            );
            assert_eq!(mode(&bak), 0o600);
        }
        assert!(!bak_path(&file, BACKUPS).exists(), "no more than BACKUPS");
        let files = fs::read_dir(tmp.path()).unwrap().count();
        assert_eq!(files, 1 + BACKUPS);
    }

    #[test]
    fn backup_copies_privately() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("p.ron");
        write(&file, b"v1").unwrap();
        let bak = backup(&file).unwrap();
        assert_eq!(fs::read(&bak).unwrap(), b"v1");
        assert_eq!(mode(&bak), 0o600);
        // A second backup of another version keeps the first as `.bak.1`; the same
        // version again is not kept twice, so it pushes nothing out.
        write(&file, b"v2").unwrap();
        backup(&file).unwrap();
        backup(&file).unwrap();
        assert_eq!(fs::read(&bak).unwrap(), b"v2");
        assert_eq!(fs::read(bak_path(&file, 1)).unwrap(), b"v1");
        assert!(!bak_path(&file, 2).exists());
    }
}
