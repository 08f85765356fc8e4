//! Where the output goes: a full disk is an error (exit 4) that says so; a reader that stops
//! early (`| head -1`) ends the output quietly, with the command's own exit code.

use std::io::{BufRead, BufReader};

use crate::common::{NOW, fixture};
use crate::reliability::command;

#[test]
fn a_full_disk_is_an_io_error() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return; // Not Linux: no /dev/full to write to.
    };
    let out = command(&fixture("basic"), NOW, &["report"])
        .stdout(full)
        .output()
        .expect("run cavra");
    assert_eq!(out.status.code(), Some(4));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("cavra: error: stdout: no space left on device\nhint: "),
        "{err}"
    );
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    // 20,000 problem lines (about 1.5 MB) are far more than a pipe holds, so cavra is still
    // writing when the reader goes away after one line.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.ndjson"), "{\n".repeat(20_000)).unwrap();
    let mut child = command(dir.path(), NOW, &["check"])
        .spawn()
        .expect("start cavra");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.contains("bad.ndjson:1:"), "{first}");
    // The pipe is closed here (the reader was dropped).
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "check's own code: invalid evidence"
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
