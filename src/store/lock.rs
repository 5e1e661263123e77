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
    Ok(Lock { _file: file })
}

#[cfg(test)]
mod tests {
    use super::*;

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
