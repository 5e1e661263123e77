//! One writer per data folder: an exclusive lock (`flock`) on the data folder itself.
//! The operating system drops the lock when the process ends, however it ends, so a
//! lock never goes stale; and as the lock is held on the folder, not on a file in it,
//! deleting or replacing a file there cannot let a second writer in.
//!
//! `.lock` in the folder is only a note of the holder's process id, for the message a
//! second window shows. It is written atomically (never through a link: a link there
//! is replaced, and what it led to is left alone), read as any data file (never
//! following a link, never waiting on a FIFO), and never trusted for the lock itself.

use std::fs::{File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use rustix::fs::{Mode, OFlags};

use super::StoreError;
use super::atomic::{self, private_dir};

/// Held while this process may write to the data folder.
#[derive(Debug)]
pub struct Lock {
    _dir: File,
}

fn note_path(data: &Path) -> PathBuf {
    data.join(".lock")
}

/// Take the data folder's lock, or say plainly who holds it. A folder this process
/// may not write (its permissions, a read-only disk) is `StoreError::NotWritable`,
/// so a caller can go on reading only.
pub fn acquire(data: &Path) -> Result<Lock, StoreError> {
    private_dir(data).map_err(|e| writable(data, e))?;
    let io = |source| StoreError::Io {
        path: data.to_path_buf(),
        action: "lock the data folder",
        source,
    };
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
    let dir = File::from(
        rustix::fs::open(data, flags, Mode::empty())
            .map_err(io::Error::from)
            .map_err(io)?,
    );
    match dir.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            return Err(StoreError::Locked {
                path: data.to_path_buf(),
                pid: holder(data),
            });
        }
        Err(TryLockError::Error(e)) => return Err(io(e)),
    }
    atomic::write(&note_path(data), std::process::id().to_string().as_bytes())
        .map_err(|e| writable(data, e))?;
    // With the lock held, no other writer is alive: temporary files left by one that
    // was killed mid-save are debris.
    for dir in [
        data.to_path_buf(),
        data.join("drafts"),
        data.join("exports"),
    ] {
        remove_temps(&dir);
    }
    Ok(Lock { _dir: dir })
}

/// An error met preparing to write in `data`: one that says this process may not
/// write there (permission denied, a read-only file system) becomes `NotWritable`;
/// any other is passed on as it is.
pub fn writable(data: &Path, err: StoreError) -> StoreError {
    match err {
        StoreError::Io { source, .. } if denies_writing(&source) => StoreError::NotWritable {
            path: data.to_path_buf(),
            source,
        },
        other => other,
    }
}

/// Whether `err` says writing is not allowed here, as opposed to failing.
pub fn denies_writing(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

/// The holder's process id from its note, or nothing when the note is gone or odd.
fn holder(data: &Path) -> String {
    let note = super::read_text(&note_path(data)).unwrap_or_default();
    let pid = note.trim();
    if !pid.is_empty() && pid.len() <= 10 && pid.bytes().all(|b| b.is_ascii_digit()) {
        pid.to_string()
    } else {
        String::new()
    }
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

    #[test]
    fn refusals_to_write_mean_read_only_and_other_failures_do_not() {
        let data = Path::new("/d");
        let io = |kind: io::ErrorKind| StoreError::Io {
            path: data.join(".lock"),
            action: "write",
            source: io::Error::from(kind),
        };
        for kind in [
            io::ErrorKind::PermissionDenied,
            io::ErrorKind::ReadOnlyFilesystem,
        ] {
            let err = writable(data, io(kind));
            assert!(
                matches!(&err, StoreError::NotWritable { path, .. } if path == data),
                "{err}"
            );
            assert!(
                err.to_string()
                    .starts_with("/d: the data folder is read only")
            );
        }
        for kind in [io::ErrorKind::NotFound, io::ErrorKind::StorageFull] {
            assert!(matches!(writable(data, io(kind)), StoreError::Io { .. }));
        }
        let locked = StoreError::Locked {
            path: data.into(),
            pid: String::new(),
        };
        assert!(matches!(writable(data, locked), StoreError::Locked { .. }));
    }

    #[test]
    fn an_unknown_holder_is_named_plainly() {
        let err = StoreError::Locked {
            path: "/d".into(),
            pid: String::new(),
        };
        assert!(err.to_string().contains("/d (by another process)"), "{err}");
    }
}
