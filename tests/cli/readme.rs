//! The README's quick start stays true: its first command runs on the shipped example
//! evidence and prints exactly the output the README shows; its second command is the test
//! command `.ci/run` runs.

use crate::common::{cmd, root, stderr, stdout};

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md")
}

/// The two lines of the first code block after the "Quick start" heading.
fn quick_start() -> (String, String) {
    let text = readme();
    let section = text
        .split("## Quick start")
        .nth(1)
        .expect("a Quick start section");
    let block = section.split("```").nth(1).expect("a code block");
    let lines: Vec<&str> = block
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(lines.len(), 2, "the quick start is two commands: {lines:?}");
    (lines[0].to_owned(), lines[1].to_owned())
}

/// The output block between the quick-start markers.
fn shown_output() -> String {
    let text = readme();
    let start = "<!-- quickstart-output:start -->\n";
    let end = "<!-- quickstart-output:end -->";
    let from = text.find(start).expect("start marker") + start.len();
    let to = text.find(end).expect("end marker");
    let block = &text[from..to];
    let body = block
        .strip_prefix("```text\n")
        .and_then(|b| b.strip_suffix("```\n"))
        .expect("a ```text block between the markers");
    body.to_owned()
}

#[test]
fn quick_start_output_is_what_the_readme_shows() {
    let (run, test) = quick_start();
    // The parquet feature (off by default) is what the export and SQL engine tests need.
    assert_eq!(test, "cargo test --features parquet");
    let args = run
        .strip_prefix("cargo run --release -- ")
        .expect("the first command runs cavra through cargo");
    let args: Vec<&str> = args.split_whitespace().collect();
    let out = cmd().current_dir(root()).args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let shown = shown_output();
    assert!(
        stdout(&out) == shown,
        "README.md shows other output than `{run}` prints; paste the new output between the markers:\n{}",
        stdout(&out)
    );
}

#[test]
fn ci_runs_the_readme_test_command() {
    let ci = std::fs::read_to_string(root().join(".ci/run")).expect(".ci/run");
    let (_, test) = quick_start();
    assert!(
        ci.lines().any(|l| l.trim() == test),
        ".ci/run must run the README's test command `{test}` on a line of its own"
    );
}
