//! Crash-safe private writes: a temp file in the same folder, fsync, rename, fsync the
//! folder. Files are 0600 and folders 0700 whatever the umask.
//!
//! No write goes through a symbolic link: a temporary file is created new, never
//! following a link (`O_CREAT | O_EXCL | O_NOFOLLOW`), and the rename that puts it in
//! place replaces a link at the final path rather than the file it leads to. Reads
//! of the file being replaced (for its `.bak` copy) open only a regular file, never
//! a link (see [`super::open`]).

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use super::error::StoreError;
use super::open::{self, Links};

pub const FILE_MODE: u32 = 0o600;
pub const DIR_MODE: u32 = 0o700;

/// An I/O failure on `path`, saying what was being done.
pub(super) fn io_err(path: &Path, action: &'static str) -> impl FnOnce(io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io {
        path,
        action,
        source,
    }
}

/// Create `dir` and its missing parents as 0700, and make sure no one but the owner
/// may enter `dir` itself. Permissions are only ever taken away: a folder the owner
/// made read only (0500) stays read only, and one already private is not touched.
pub fn private_dir(dir: &Path) -> Result<(), StoreError> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)
        .map_err(io_err(dir, "create the folder"))?;
    let mode = fs::metadata(dir)
        .map_err(io_err(dir, "look at the folder"))?
        .permissions()
        .mode()
        & 0o7777;
    if mode & !DIR_MODE == 0 {
        return Ok(());
    }
    fs::set_permissions(dir, fs::Permissions::from_mode(mode & DIR_MODE))
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
    let mut file =
        open::create_new(tmp, FILE_MODE).map_err(io_err(tmp, "create a temporary file"))?;
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
    match open::read_bytes(path, Links::Refuse) {
        Ok(current) if current == bytes => {}
        Ok(current) => {
            if last_seen(path) == Some(content_hash(&current)) {
                keep_backup(path, &current)?;
            } else {
                replaced.changed_on_disk = true;
                replaced.conflict = Some(keep_conflict(path, &current)?);
            }
        }
        Err(e) if open::is_missing(&e) => {}
        Err(e) => return Err(e),
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
    if open::read_bytes(&newest, Links::Refuse).is_ok_and(|kept| kept == bytes) {
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
    let bytes = open::read_bytes(path, Links::Refuse)?;
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

/// Write `bytes` to `path` as a new private file; anything already there (a file, a
/// folder, a link even to nowhere) is left untouched and reported as `Exists`.
/// Missing folders are created private; existing ones keep their permissions (this
/// writes where the user asked, as `export --out`).
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    fs::DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)
        .map_err(io_err(dir, "create the folder"))?;
    let exists = || StoreError::Exists {
        path: path.to_path_buf(),
    };
    if open::occupied(path) {
        return Err(exists());
    }
    let tmp = temp_path(path);
    write_temp(&tmp, bytes).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })?;
    // A hard link is made only where nothing is, not even a link: create-new, with
    // all the bytes at once.
    let placed = match fs::hard_link(&tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(exists()),
        // A file system without hard links: the look above, then a rename.
        Err(_) if open::occupied(path) => Err(exists()),
        Err(_) => fs::rename(&tmp, path).map_err(io_err(path, "write the file")),
    };
    let _ = fs::remove_file(&tmp);
    placed?;
    sync_dir(dir)
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
    fn a_read_only_folder_stays_read_only_and_a_loose_one_is_made_private() {
        let tmp = tempfile::tempdir().unwrap();
        let loose = tmp.path().join("loose");
        fs::create_dir(&loose).unwrap();
        fs::set_permissions(&loose, fs::Permissions::from_mode(0o755)).unwrap();
        private_dir(&loose).unwrap();
        assert_eq!(mode(&loose), 0o700);
        let read_only = tmp.path().join("read-only");
        fs::create_dir(&read_only).unwrap();
        fs::set_permissions(&read_only, fs::Permissions::from_mode(0o555)).unwrap();
        private_dir(&read_only).unwrap();
        assert_eq!(mode(&read_only), 0o500, "write permission is never added");
    }

    #[test]
    fn no_write_goes_through_a_link_and_no_read_through_a_link_or_a_fifo() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("elsewhere");
        fs::write(&target, b"not ours").unwrap();
        // A plain write puts a file in place of the link.
        let file = tmp.path().join("w.ron");
        std::os::unix::fs::symlink(&target, &file).unwrap();
        write(&file, b"ours").unwrap();
        assert!(fs::symlink_metadata(&file).unwrap().file_type().is_file());
        assert_eq!(fs::read(&file).unwrap(), b"ours");
        // Replacing, which reads the current file for its .bak copy, refuses a link.
        let link = tmp.path().join("d.ron");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = replace(&link, b"ours").unwrap_err().to_string();
        assert!(err.contains("d.ron: is a symbolic link"), "{err}");
        let err = backup(&link).unwrap_err().to_string();
        assert!(err.contains("d.ron: is a symbolic link"), "{err}");
        assert!(!tmp.path().join("d.ron.bak").exists());
        let fifo = tmp.path().join("p.ron");
        rustix::fs::mkfifoat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
        )
        .unwrap();
        let err = replace(&fifo, b"ours").unwrap_err().to_string();
        assert!(err.contains("p.ron: is a FIFO"), "{err}");
        assert_eq!(fs::read(&target).unwrap(), b"not ours");
    }

    #[test]
    fn write_new_never_replaces_anything_not_even_a_link_to_nowhere() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("out.md");
        write_new(&file, b"one").unwrap();
        assert_eq!(mode(&file), 0o600);
        let err = write_new(&file, b"two").unwrap_err();
        assert!(matches!(err, StoreError::Exists { .. }), "{err}");
        assert_eq!(fs::read(&file).unwrap(), b"one");
        let dangling = tmp.path().join("dangling.md");
        let nowhere = tmp.path().join("nowhere");
        std::os::unix::fs::symlink(&nowhere, &dangling).unwrap();
        let err = write_new(&dangling, b"two").unwrap_err();
        assert!(matches!(err, StoreError::Exists { .. }), "{err}");
        assert!(!nowhere.exists());
        assert!(
            fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let names: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(names.iter().all(|n| !n.to_string_lossy().ends_with(".tmp")));
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
