//! Opening files safely: only regular files are read, nothing is ever waited on, and
//! new files are never created through a link.
//!
//! A file is looked at (`stat`) before it is opened, so a FIFO, socket or device in
//! its place is refused by name and never opened at all; it is then opened with
//! `O_NONBLOCK` (a FIFO swapped in after the look cannot make the open wait for a
//! writer) and `O_NOCTTY`, and the open handle is checked again (`fstat`) before a
//! byte is read.
//!
//! Symbolic links, by where the file lives:
//! - [`Links::Refuse`], files in the data folder (profile, drafts, practice, the
//!   recovery copy, the lock note): a link is refused, as if it were a FIFO, and the
//!   file is opened with `O_NOFOLLOW`. The data folder holds only what flagdraft
//!   wrote, and a link there could send its reads and `.bak` copies anywhere. (The
//!   data folder itself may be a link: only the last part of the path is checked.)
//! - [`Links::Follow`], settings in the config folder (`keys.ron`, `rules.ron`,
//!   `coach.ron`, templates, …) and files the user names on the command line
//!   (`detect --profile`, `check FILE`): a link is followed, as dotfiles are often
//!   links, and what it leads to must still be a regular file.

use std::fs::{self, File, FileType};
use std::io::{self, Read};
use std::os::unix::fs::FileTypeExt;
use std::path::Path;

use rustix::fs::{Mode, OFlags};

use super::atomic::io_err;
use super::{MAX_FILE_BYTES, StoreError};

/// Whether a symbolic link in place of a file may be followed to read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Links {
    /// The data folder's files: a link is refused.
    Refuse,
    /// Settings and files named by the user: a link is followed.
    Follow,
}

/// What a file that is not a regular file is, in words.
pub fn kind_of(file_type: FileType) -> &'static str {
    if file_type.is_fifo() {
        "a FIFO (named pipe)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_char_device() {
        "a character device"
    } else if file_type.is_block_device() {
        "a block device"
    } else if file_type.is_dir() {
        "a folder"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else {
        "a special file"
    }
}

fn not_a_file(path: &Path, file_type: FileType) -> StoreError {
    StoreError::NotAFile {
        path: path.to_path_buf(),
        what: kind_of(file_type),
    }
}

/// Open `path` to read it, when it is a regular file (see the module's notes), and
/// say how long it is. A missing file is an `Io` error of kind `NotFound`.
pub fn open_regular(path: &Path, links: Links) -> Result<(File, u64), StoreError> {
    let look = match links {
        Links::Refuse => fs::symlink_metadata(path),
        Links::Follow => fs::metadata(path),
    };
    let look = look.map_err(io_err(path, "read"))?;
    if !look.file_type().is_file() {
        return Err(not_a_file(path, look.file_type()));
    }
    let mut flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    if links == Links::Refuse {
        flags |= OFlags::NOFOLLOW;
    }
    let file = match rustix::fs::open(path, flags, Mode::empty()) {
        Ok(fd) => File::from(fd),
        // Replaced by a link between the look and the open.
        Err(rustix::io::Errno::LOOP) if links == Links::Refuse => {
            return Err(StoreError::NotAFile {
                path: path.to_path_buf(),
                what: "a symbolic link",
            });
        }
        Err(e) => return Err(io_err(path, "read")(e.into())),
    };
    let meta = file.metadata().map_err(io_err(path, "read"))?;
    if !meta.file_type().is_file() {
        return Err(not_a_file(path, meta.file_type()));
    }
    Ok((file, meta.len()))
}

/// The bytes of the regular file at `path`, refusing one larger than
/// [`MAX_FILE_BYTES`] before reading it.
pub fn read_bytes(path: &Path, links: Links) -> Result<Vec<u8>, StoreError> {
    let (file, size) = open_regular(path, links)?;
    let too_large = |size| StoreError::TooLarge {
        path: path.to_path_buf(),
        size,
        limit: MAX_FILE_BYTES,
    };
    if size > MAX_FILE_BYTES {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // One byte more than the limit tells a file that grew while being read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err(path, "read"))?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > MAX_FILE_BYTES {
        return Err(too_large(read));
    }
    Ok(bytes)
}

/// Whether a missing file is what `err` says.
pub fn is_missing(err: &StoreError) -> bool {
    matches!(err, StoreError::Io { source, .. } if source.kind() == io::ErrorKind::NotFound)
}

/// Whether anything at all (a file, a folder, a link, even one that leads nowhere)
/// is at `path`. A path that cannot be looked at counts as taken.
pub fn occupied(path: &Path) -> bool {
    !matches!(fs::symlink_metadata(path), Err(e) if e.kind() == io::ErrorKind::NotFound)
}

/// Create `path` as a new private (0600) file to write, never through a link: it
/// fails when anything, a link included, is already there.
pub fn create_new(path: &Path, mode: u32) -> io::Result<File> {
    let flags = OFlags::WRONLY
        | OFlags::CREATE
        | OFlags::EXCL
        | OFlags::NOFOLLOW
        | OFlags::NOCTTY
        | OFlags::CLOEXEC;
    let fd = rustix::fs::open(path, flags, Mode::from_raw_mode(mode))?;
    Ok(File::from(fd))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;
    use std::time::{Duration, Instant};

    fn fifo(path: &Path) {
        rustix::fs::mkfifoat(rustix::fs::CWD, path, Mode::from_raw_mode(0o600)).unwrap();
    }

    #[test]
    fn a_fifo_is_refused_by_name_at_once() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("recovery.ron");
        fifo(&path);
        for links in [Links::Refuse, Links::Follow] {
            let start = Instant::now();
            let err = read_bytes(&path, links).unwrap_err();
            assert!(start.elapsed() < Duration::from_secs(2));
            let shown = err.to_string();
            assert!(shown.starts_with(&path.display().to_string()), "{shown}");
            assert!(shown.contains("FIFO"), "{shown}");
            assert!(err.is_bad_input());
        }
    }

    #[test]
    fn a_socket_a_device_and_a_folder_are_refused_by_name() {
        let tmp = tempfile::tempdir().unwrap();
        let socket = tmp.path().join("s.ron");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        let err = read_bytes(&socket, Links::Refuse).unwrap_err().to_string();
        assert!(err.contains("s.ron: is a socket"), "{err}");
        let err = read_bytes(Path::new("/dev/null"), Links::Follow)
            .unwrap_err()
            .to_string();
        assert!(err.contains("/dev/null: is a character device"), "{err}");
        let err = read_bytes(tmp.path(), Links::Follow)
            .unwrap_err()
            .to_string();
        assert!(err.contains("is a folder"), "{err}");
    }

    #[test]
    fn a_link_is_followed_only_when_allowed_and_must_reach_a_regular_file() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("real.ron");
        fs::write(&target, "words").unwrap();
        let link = tmp.path().join("link.ron");
        symlink(&target, &link).unwrap();
        assert_eq!(read_bytes(&link, Links::Follow).unwrap(), b"words");
        let err = read_bytes(&link, Links::Refuse).unwrap_err().to_string();
        assert!(err.contains("link.ron: is a symbolic link"), "{err}");
        let to_fifo = tmp.path().join("to-fifo.ron");
        fifo(&tmp.path().join("pipe"));
        symlink(tmp.path().join("pipe"), &to_fifo).unwrap();
        let err = read_bytes(&to_fifo, Links::Follow).unwrap_err().to_string();
        assert!(err.contains("to-fifo.ron: is a FIFO"), "{err}");
    }

    #[test]
    fn a_missing_file_is_told_apart() {
        let tmp = tempfile::tempdir().unwrap();
        let err = read_bytes(&tmp.path().join("none.ron"), Links::Refuse).unwrap_err();
        assert!(is_missing(&err), "{err}");
        assert!(!occupied(&tmp.path().join("none.ron")));
        let dangling = tmp.path().join("dangling");
        symlink(tmp.path().join("nowhere"), &dangling).unwrap();
        assert!(occupied(&dangling));
    }

    #[test]
    fn create_new_never_goes_through_a_link() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("target");
        let link = tmp.path().join("link");
        symlink(&target, &link).unwrap();
        let err = create_new(&link, 0o600).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert!(!target.exists());
    }
}
