//! What a panic leaves behind: the terminal put back first, then two lines on standard
//! error saying where it happened (file and line) and where a report was written, and a
//! private report file for the maintainers. Never the panic's message: it can quote a
//! piece of a draft (a slice of text out of bounds prints the text).

use std::fs::OpenOptions;
use std::io::{IsTerminal, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

/// Where reports go when the data folder is known; the temporary folder otherwise.
static REPORT_DIR: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Write crash reports into `dir` (the data folder) when it exists.
pub fn report_in(dir: &Path) {
    *REPORT_DIR.lock().unwrap_or_else(PoisonError::into_inner) = Some(dir.to_path_buf());
}

/// Where in the source a panic happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place<'a> {
    pub file: &'a str,
    pub line: u32,
    pub col: u32,
}

/// The note printed on standard error: where, and where the report is. Lines end in
/// `\r\n` when `crlf` (a terminal that may still be in raw mode shows each line from
/// its start), else in `\n`.
pub fn message(place: Option<Place>, report: Option<&Path>, crlf: bool) -> String {
    let end = if crlf { "\r\n" } else { "\n" };
    let at = place.map_or_else(String::new, |p| format!(" at {}:{}", p.file, p.line));
    let mut out = format!(
        "flagdraft stopped on an internal error{at}. Drafts saved before it are safe.{end}"
    );
    match report {
        Some(path) => out.push_str(&format!(
            "A report for the maintainers, holding no word of yours, is in {}{end}",
            path.display()
        )),
        None => out.push_str(&format!("No report could be written.{end}")),
    }
    out
}

/// The report's text: version, place, thread and time. Nothing the panic said.
pub fn report(place: Option<Place>, thread: Option<&str>, unix_secs: u64) -> String {
    let at = place.map_or_else(
        || "unknown".to_string(),
        |p| format!("{}:{}:{}", p.file, p.line, p.col),
    );
    format!(
        "flagdraft crash report\n\
         version: {}\n\
         where: {at}\n\
         thread: {}\n\
         time: {unix_secs} (seconds since 1970, UTC)\n\
         system: {} {}\n\
         The error's own message is left out on purpose: it can quote your words.\n",
        env!("CARGO_PKG_VERSION"),
        thread.unwrap_or("unnamed"),
        std::env::consts::OS,
        std::env::consts::ARCH,
    )
}

/// Write `text` to a new private file (0600) in `dir`, never over another.
fn write_new(dir: &Path, name: &str, text: &str) -> Option<PathBuf> {
    if !dir.is_dir() {
        return None;
    }
    let path = dir.join(name);
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .ok()?;
    file.write_all(text.as_bytes()).ok()?;
    Some(path)
}

/// Write the report where reports go, falling back to the temporary folder.
fn write_report(place: Option<Place>) -> Option<PathBuf> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let thread = std::thread::current();
    let text = report(place, thread.name(), secs);
    let name = format!("flagdraft-crash-{secs}-{}.txt", std::process::id());
    // try_lock: a panic must never wait on a lock.
    let preferred = REPORT_DIR.try_lock().ok().and_then(|d| d.clone());
    preferred
        .and_then(|dir| write_new(&dir, &name, &text))
        .or_else(|| write_new(&std::env::temp_dir(), &name, &text))
}

/// Install the hook: put the terminal back, write the report, then say where.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        crate::tui::restore_terminal();
        let place = info.location().map(|l| Place {
            file: l.file(),
            line: l.line(),
            col: l.column(),
        });
        let report = write_report(place);
        let mut err = std::io::stderr().lock();
        let crlf = err.is_terminal();
        let _ = err.write_all(message(place, report.as_deref(), crlf).as_bytes());
        let _ = err.flush();
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLACE: Place = Place {
        file: "src/core/coach/matcher.rs",
        line: 104,
        col: 22,
    };

    #[test]
    fn the_message_says_where_and_where_the_report_is_each_line_from_its_start() {
        let path = Path::new("/home/a/.local/share/flagdraft/flagdraft-crash-1-2.txt");
        let shown = message(Some(PLACE), Some(path), true);
        let lines: Vec<&str> = shown.split_inclusive('\n').collect();
        assert_eq!(lines.len(), 2, "{shown:?}");
        assert!(lines.iter().all(|l| l.ends_with("\r\n")), "{shown:?}");
        assert!(
            lines[0].starts_with(
                "flagdraft stopped on an internal error at src/core/coach/matcher.rs:104."
            ),
            "{shown:?}"
        );
        assert!(lines[1].contains(&path.display().to_string()), "{shown:?}");
        let plain = message(Some(PLACE), None, false);
        assert!(!plain.contains('\r'), "{plain:?}");
        assert!(
            plain.ends_with("No report could be written.\n"),
            "{plain:?}"
        );
        assert!(message(None, None, false).starts_with("flagdraft stopped on an internal error. "));
    }

    #[test]
    fn the_report_names_version_and_place_only() {
        let text = report(Some(PLACE), Some("main"), 1_700_000_000);
        assert!(text.contains(env!("CARGO_PKG_VERSION")), "{text}");
        assert!(text.contains("src/core/coach/matcher.rs:104:22"), "{text}");
        assert!(text.contains("thread: main"), "{text}");
    }

    #[test]
    fn a_report_is_a_new_private_file() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let path = write_new(tmp.path(), "r.txt", "x").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert!(
            write_new(tmp.path(), "r.txt", "y").is_none(),
            "never over a file"
        );
        assert!(write_new(&tmp.path().join("none"), "r.txt", "y").is_none());
    }
}
