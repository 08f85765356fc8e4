//! Hostile input to the command line (issue 8): file names with line ends, special files
//! given by path, temporary files of killed writers, timestamps at the edge of the grammar,
//! and the public-safe rules added after the first release (§6).

use std::path::Path;

use crate::check::CheckDoc;
use crate::common::{cavra, json_as, stderr, stdout};

/// Writes `text` to `dir/name`, creating folders.
fn put(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_line_end_in_a_file_name_does_not_split_a_check_line() {
    let dir = tempfile::tempdir().unwrap();
    // One file, named to forge a second problem line; its text is not JSON (one problem).
    put(dir.path(), "a\nforged.json: PS001: fake.json", "{");
    let out = cavra(dir.path()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let text = stdout(&out);
    // One problem line (the error is at the only character, line 1 column 1) and the counts
    // line: the name's line end is printed as `\n`.
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].contains(r"a\nforged.json: PS001: fake.json:1:1: syntax: "),
        "{text}"
    );
    assert_eq!(lines[1], "1 files, 0 records, 0 ignored, 1 problems");
    // The warning on stderr of a reading command is one line too.
    let out = cavra(dir.path()).arg("report").output().unwrap();
    let warnings: Vec<String> = stderr(&out)
        .lines()
        .filter(|l| l.contains("forged"))
        .map(str::to_owned)
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].starts_with("cavra: warning: "), "{warnings:?}");
    // JSON keeps the real name: JSON escapes it itself.
    let out = cavra(dir.path())
        .args(["--format", "json", "check"])
        .output()
        .unwrap();
    let doc: CheckDoc = json_as(&out);
    assert!(doc.problems[0].place.contains("a\nforged.json"), "{doc:?}");
}
