//! One writer per data folder: an exclusive lock on `.lock`, holding the owner's pid.
//! The operating system drops the lock when the process ends, however it ends, so a
//! lock never goes stale.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use super::StoreError;
use super::atomic::{FILE_MODE, private_dir};

/// Held while this process may write to the data folder.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Take the data folder's lock, or say plainly who holds it.
pub fn acquire(data: &Path) -> Result<Lock, StoreError> {
    private_dir(data)?;
    let path = data.join(".lock");
    let io = |source| StoreError::Io {
        path: path.clone(),
        action: "lock the data folder with",
        source,
    };
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(FILE_MODE)
        .open(&path)
        .map_err(io)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut pid = String::new();
            let _ = file.read_to_string(&mut pid);
            return Err(StoreError::Locked {
                path: data.to_path_buf(),
                pid: pid.trim().to_string(),
            });
        }
        Err(TryLockError::Error(e)) => return Err(io(e)),
    }
    file.set_len(0).map_err(io)?;
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    write!(file, "{}", std::process::id()).map_err(io)?;
    // With the lock held, no other writer is alive: temporary files left by one that
    // was killed mid-save are debris.
    for dir in [
        data.to_path_buf(),
        data.join("drafts"),
        data.join("exports"),
    ] {
        remove_temps(&dir);
    }
    Ok(Lock { _file: file })
}

/// Remove `.name.pid-n.tmp` files a killed writer left in `dir`.
fn remove_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taking_the_lock_clears_temporary_files_left_by_a_killed_writer() {
        let tmp = tempfile::tempdir().unwrap();
        let drafts = tmp.path().join("drafts");
        std::fs::create_dir_all(&drafts).unwrap();
        std::fs::write(drafts.join(".abc.ron.99-1.tmp"), "half").unwrap();
        std::fs::write(drafts.join("abc.ron"), "whole").unwrap();
        let _lock = acquire(tmp.path()).unwrap();
        let names: Vec<String> = std::fs::read_dir(&drafts)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["abc.ron"]);
    }

    #[test]
    fn a_second_lock_on_the_same_folder_is_refused_until_the_first_is_dropped() {
        let tmp = tempfile::tempdir().unwrap();
        let first = acquire(tmp.path()).unwrap();
        let err = acquire(tmp.path()).unwrap_err();
        let shown = err.to_string();
        assert!(shown.contains(&std::process::id().to_string()), "{shown}");
        drop(first);
        acquire(tmp.path()).unwrap();
    }
}
