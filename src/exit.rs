//! Work left for the end of the process, done on every way out: a normal return, an
//! error, and the stop signals (the app's guard thread, or the one `exit_on_signals`
//! starts, runs the hooks just before it exits). `--demo` registers its throwaway
//! folder here.
//!
//! A run that could run no hook (kill -9, a power cut) leaves its folder behind: the
//! folder's name holds the process id (`flagdraft-demo-<pid>-…`), and the next start
//! removes every such folder of this user whose process is gone.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

/// How every demo folder's name begins.
pub const DEMO_PREFIX: &str = "flagdraft-demo-";

/// Folders to remove when the process ends.
static DIRS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Remove `dir` and everything in it when the process ends, however it ends (short of
/// kill -9; see [`sweep`]).
pub fn remove_on_exit(dir: PathBuf) {
    DIRS.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(dir);
}

/// Do what was left for the end: remove the registered folders. Safe to call more
/// than once and from any thread; each folder is removed once.
pub fn run_exit_hooks() {
    let dirs = std::mem::take(&mut *DIRS.lock().unwrap_or_else(PoisonError::into_inner));
    for dir in dirs {
        let _ = fs::remove_dir_all(&dir);
    }
}

/// The name prefix of this process's demo folder: `flagdraft-demo-<pid>-`.
pub fn demo_prefix() -> String {
    format!("{DEMO_PREFIX}{}-", std::process::id())
}

/// The process id a demo folder's name holds.
fn demo_pid(name: &str) -> Option<i32> {
    let rest = name.strip_prefix(DEMO_PREFIX)?;
    let (pid, _) = rest.split_once('-')?;
    pid.parse().ok().filter(|p| *p > 0)
}

/// Whether process `pid` still runs (or exists under another user).
fn running(pid: i32) -> bool {
    let Some(pid) = rustix::process::Pid::from_raw(pid) else {
        return false;
    };
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        Err(e) => e != rustix::io::Errno::SRCH,
    }
}

/// Remove the demo folders in `tmp` that a run killed outright left behind: folders
/// (not links) of this user, named for a process that is gone. Returns how many.
pub fn sweep(tmp: &Path) -> usize {
    let Ok(entries) = fs::read_dir(tmp) else {
        return 0;
    };
    let me = rustix::process::geteuid().as_raw();
    let own = i32::try_from(std::process::id()).unwrap_or(0);
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(demo_pid) else {
            continue;
        };
        let path = entry.path();
        let ours = fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir() && m.uid() == me);
        if ours && pid != own && !running(pid) && fs::remove_dir_all(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Until the process ends, a stop signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT) runs the
/// exit hooks and exits with 128 + the signal. For commands without the app, whose
/// guard does the same after saving.
pub fn exit_on_signals() -> std::io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::Builder::new()
        .name("flagdraft-exit".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                run_exit_hooks();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The id of a process that has ended.
    fn gone() -> i32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        i32::try_from(pid).unwrap()
    }

    #[test]
    fn names_carry_the_process_id() {
        assert_eq!(demo_pid("flagdraft-demo-4242-AbC12"), Some(4242));
        assert_eq!(demo_pid("flagdraft-demo-AbC12"), None);
        assert_eq!(demo_pid("flagdraft-demo--1-x"), None);
        assert_eq!(demo_pid("other-4242-x"), None);
        assert_eq!(
            demo_pid(&format!("{}x", demo_prefix())),
            Some(std::process::id() as i32)
        );
    }

    #[test]
    fn sweep_removes_only_folders_of_processes_that_are_gone() {
        let tmp = tempfile::tempdir().unwrap();
        let dead = tmp.path().join(format!("{DEMO_PREFIX}{}-abc", gone()));
        let alive = tmp.path().join(format!("{DEMO_PREFIX}1-abc"));
        let mine = tmp.path().join(format!("{}abc", demo_prefix()));
        let old_style = tmp.path().join(format!("{DEMO_PREFIX}Xy12ab"));
        let other = tmp.path().join("unrelated-1-abc");
        for dir in [&dead, &alive, &mine, &old_style, &other] {
            fs::create_dir(dir).unwrap();
            fs::write(dir.join("profile.ron"), "x").unwrap();
        }
        let target = tmp.path().join("target");
        fs::create_dir(&target).unwrap();
        let link = tmp.path().join(format!("{DEMO_PREFIX}{}-link", gone()));
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(sweep(tmp.path()), 1);
        assert!(!dead.exists());
        for kept in [&alive, &mine, &old_style, &other, &target] {
            assert!(kept.exists(), "{}", kept.display());
        }
        assert!(
            fs::symlink_metadata(&link).is_ok(),
            "a link is not followed"
        );
    }

    #[test]
    fn exit_hooks_remove_registered_folders_once() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("demo");
        fs::create_dir_all(dir.join("data")).unwrap();
        remove_on_exit(dir.clone());
        run_exit_hooks();
        assert!(!dir.exists());
        fs::create_dir(&dir).unwrap();
        run_exit_hooks();
        assert!(dir.exists(), "a hook runs once");
    }
}
