//! The CI job summary: reading commands append their Markdown to `--summary FILE`, else to
//! `$GITHUB_STEP_SUMMARY`; writing commands do not; stdout is unchanged.

use crate::common::{cavra, fixture, stderr, stdout};

/// `cavra --format markdown ARGS` on basic: what a summary must hold for ARGS.
fn markdown(args: &[&str]) -> String {
    let out = cavra(&fixture("basic"))
        .args(["--format", "markdown"])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn reading_commands_append_their_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("summary.md");
    std::fs::write(&file, "# earlier step\n\n").unwrap();
    let table = cavra(&fixture("basic")).arg("report").output().unwrap();
    for args in [&["report"][..], &["dashboard"][..]] {
        let out = cavra(&fixture("basic"))
            .arg("--summary")
            .arg(&file)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        if args == ["report"] {
            // stdout is the table, as without --summary.
            assert_eq!(stdout(&out), stdout(&table));
        }
    }
    // Appended after what was there, each followed by a blank line.
    let want = format!(
        "# earlier step\n\n{}\n{}\n",
        markdown(&["report"]),
        markdown(&["dashboard"])
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), want);
    assert!(want.contains("\n| "), "a Markdown table: {want}");
}

#[test]
fn github_step_summary_is_the_default_and_summary_wins() {
    let dir = tempfile::tempdir().unwrap();
    let github = dir.path().join("github.md");
    let mine = dir.path().join("mine.md");
    let out = cavra(&fixture("basic"))
        .env("GITHUB_STEP_SUMMARY", &github)
        .arg("verify")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&github).unwrap(),
        format!("{}\n", markdown(&["verify"]))
    );
    let out = cavra(&fixture("basic"))
        .env("GITHUB_STEP_SUMMARY", &github)
        .args(["--summary"])
        .arg(&mine)
        .arg("verify")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(mine.exists());
    // The environment's file got nothing more.
    assert_eq!(
        std::fs::read_to_string(&github).unwrap(),
        format!("{}\n", markdown(&["verify"]))
    );
}

#[test]
fn writing_commands_do_not_append() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = crate::common::copy_tree(&fixture("basic"));
    let file = dir.path().join("summary.md");
    for args in [&["escalate"][..], &["report", "--record"][..]] {
        let out = cavra(evidence.path())
            .arg("--summary")
            .arg(&file)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    assert!(!file.exists());
}

#[test]
fn an_unwritable_summary_is_an_io_error_after_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("missing-folder").join("summary.md");
    let out = cavra(&fixture("basic"))
        .arg("--summary")
        .arg(&file)
        .arg("dashboard")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stdout(&out).starts_with("Rollback drill dashboard"),
        "{}",
        stdout(&out)
    );
    let err = stderr(&out);
    assert!(
        err.contains("cavra: error: ") && err.contains("summary.md") && err.contains("hint: "),
        "{err}"
    );
}
