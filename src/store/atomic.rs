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
    /// Nothing was written: the file already held newer words.
    pub kept_newer: bool,
}

/// Replace `path` with `bytes`, keeping the version it replaces as `path.bak`, and
/// say whether someone else had changed the file in between.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<Replaced, StoreError> {
    let mut replaced = Replaced::default();
    match fs::read(path) {
        Ok(current) => {
            replaced.changed_on_disk = last_seen(path).is_some_and(|h| h != content_hash(&current));
            if current != bytes {
                write(&bak_path(path), &current)?;
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io_err(path, "read the file")(e)),
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
    let bytes = fs::read(path).map_err(io_err(path, "read the file"))?;
    write(&bak, &bytes)?;
    Ok(bak)
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
    fn backup_copies_privately() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("p.ron");
        write(&file, b"v1").unwrap();
        let bak = backup(&file).unwrap();
        assert_eq!(fs::read(&bak).unwrap(), b"v1");
        assert_eq!(mode(&bak), 0o600);
    }
}
