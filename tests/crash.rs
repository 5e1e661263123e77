//! A panic leaves a private report that says where, never what: the panic's message can
//! quote a draft. (A test binary of its own: the panic hook is global to the process.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::os::unix::fs::PermissionsExt;

#[test]
fn a_panic_leaves_a_private_report_without_its_message() {
    let tmp = tempfile::tempdir().unwrap();
    flagdraft::crash::report_in(tmp.path());
    flagdraft::crash::install();
    let secret = String::from("words of a draft that must stay private");
    let ended = std::thread::Builder::new()
        .name("worker".into())
        .spawn(move || {
            let text = format!("Mon café {secret}");
            // A slice inside the "é": its panic message quotes the whole text.
            let piece = &text[..8];
            piece.len()
        })
        .unwrap()
        .join();
    assert!(ended.is_err());
    let _ = std::panic::take_hook();
    let reports: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(reports.len(), 1, "{reports:?}");
    let report = &reports[0];
    let name = report.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("flagdraft-crash-"), "{name}");
    assert_eq!(
        fs::metadata(report).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let text = fs::read_to_string(report).unwrap();
    assert!(text.contains("tests/crash.rs:"), "{text}");
    assert!(text.contains("thread: worker"), "{text}");
    assert!(
        !text.contains("café") && !text.contains("private"),
        "{text}"
    );
}
