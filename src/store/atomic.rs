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

fn io_err(path: &Path, action: &'static str) -> impl FnOnce(io::Error) -> StoreError {
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

/// What this process last read from or wrote to each file, by content hash, so a
/// change made by someone else in between can be told apart from our own.
static SEEN: Mutex<Option<HashMap<PathBuf, u64>>> = Mutex::new(None);

/// A content hash for telling versions of a file apart (not kept anywhere).
fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::{DefaultHasher, Hasher};
    let mut h = DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// Note that `path` holds `bytes` as far as this process knows.
pub fn remember(path: &Path, bytes: &[u8]) {
    let mut seen = SEEN.lock().unwrap_or_else(PoisonError::into_inner);
    seen.get_or_insert_with(HashMap::new)
        .insert(path.to_path_buf(), content_hash(bytes));
}

fn last_seen(path: &Path) -> Option<u64> {
    let seen = SEEN.lock().unwrap_or_else(PoisonError::into_inner);
    seen.as_ref().and_then(|m| m.get(path).copied())
}

/// What replacing a file found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Replaced {
    /// The file had changed on disk since this process last read or wrote it; that
    /// version is the one kept in the `.bak` file.
    pub changed_on_disk: bool,
}

/// Replace `path` with `bytes`, keeping the version it replaces as `path.bak`, and
/// say whether someone else had changed the file in between.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<Replaced, StoreError> {
    let mut replaced = Replaced::default();
    match open::read_bytes(path, Links::Refuse) {
        Ok(current) => {
            replaced.changed_on_disk = last_seen(path).is_some_and(|h| h != content_hash(&current));
            if current != bytes {
                write(&bak_path(path), &current)?;
            }
        }
        Err(e) if open::is_missing(&e) => {}
        Err(e) => return Err(e),
    }
    write(path, bytes)?;
    remember(path, bytes);
    Ok(replaced)
}

fn bak_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// Copy `path` to `path.bak` (0600), replacing an older backup.
pub fn backup(path: &Path) -> Result<PathBuf, StoreError> {
    let bak = bak_path(path);
    let bytes = open::read_bytes(path, Links::Refuse)?;
    write(&bak, &bytes)?;
    Ok(bak)
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
    fn replace_keeps_the_previous_version_and_notices_changes_by_others() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("d.ron");
        assert!(!replace(&file, b"one").unwrap().changed_on_disk);
        assert!(!replace(&file, b"two").unwrap().changed_on_disk);
        assert_eq!(fs::read(tmp.path().join("d.ron.bak")).unwrap(), b"one");
        fs::write(&file, b"edited elsewhere").unwrap();
        assert!(replace(&file, b"three").unwrap().changed_on_disk);
        assert_eq!(
            fs::read(tmp.path().join("d.ron.bak")).unwrap(),
            b"edited elsewhere"
        );
        assert_eq!(mode(&tmp.path().join("d.ron.bak")), 0o600);
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
    }
}
