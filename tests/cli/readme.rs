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

/// The text between `<!-- NAME:start -->` and `<!-- NAME:end -->`, inside its ```text fence.
pub fn marked(name: &str) -> String {
    let text = readme();
    let start = format!("<!-- {name}:start -->\n```text\n");
    let end = format!("```\n<!-- {name}:end -->");
    let from = text.find(&start).expect("start marker") + start.len();
    let to = text.find(&end).expect("end marker");
    text[from..to].to_owned()
}

/// The operator flow's command lines (continuations joined, comments dropped).
fn operator_flow() -> Vec<String> {
    let text = readme();
    let section = text
        .split("## Recording the governance loop")
        .nth(1)
        .expect("a Recording the governance loop section");
    let block = section.split("```sh\n").nth(1).expect("a sh block");
    let block = block.split("```").next().expect("a closed sh block");
    let mut lines = Vec::new();
    let mut pending = String::new();
    for line in block.lines() {
        let line = line.split(" #").next().unwrap_or("").trim_end();
        if let Some(head) = line.strip_suffix('\\') {
            pending.push_str(head);
            continue;
        }
        pending.push_str(line);
        lines.push(pending.split_whitespace().collect::<Vec<_>>().join(" "));
        pending.clear();
    }
    lines
}

/// Runs the README's operator flow on a copy of the example evidence, line by line, as a shell
/// would with the exported variables: every command succeeds, the plan id printed by the `jq`
/// line is the one acknowledged, and `retry-plan` prints what the README shows.
#[test]
fn operator_flow_output_is_what_the_readme_shows() {
    let flow = operator_flow();
    assert_eq!(flow[0], "cp -r examples/evidence /tmp/evidence");
    assert_eq!(
        flow[1],
        "export CAVRA_EVIDENCE_DIR=/tmp/evidence CAVRA_NOW=2026-06-01T08:00:00Z"
    );
    let dir = crate::common::copy_tree(&root().join("examples").join("evidence"));
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("cavra"))
            .env_clear()
            .env("CAVRA_EVIDENCE_DIR", dir.path())
            .env("CAVRA_NOW", "2026-06-01T08:00:00Z")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let mut plan_id = None;
    let mut retry_plan = None;
    for line in &flow[2..] {
        let words: Vec<&str> = line.split(' ').collect();
        assert_eq!(words[0], "cavra", "{line}");
        if let Some(head) = line.strip_suffix(" | jq -r .plan_id") {
            let words: Vec<&str> = head.split(' ').skip(1).collect();
            let doc: serde_json::Value = serde_json::from_str(&run(&words)).unwrap();
            plan_id = Some(doc["plan_id"].as_str().expect("a plan_id").to_owned());
            continue;
        }
        let plan = plan_id.clone().unwrap_or_default();
        let args: Vec<&str> = words[1..]
            .iter()
            .map(|w| if *w == "<PLAN_ID>" { plan.as_str() } else { w })
            .collect();
        assert!(!args.contains(&""), "<PLAN_ID> before the jq line: {line}");
        let out = run(&args);
        if args == ["retry-plan"] {
            retry_plan = Some(out);
        }
    }
    let out = retry_plan.expect("the flow runs `cavra retry-plan`");
    assert!(
        out == marked("flow-retry-plan"),
        "README.md shows another retry plan than the operator flow prints; paste:\n{out}"
    );
    // By hand from examples/evidence/deliveries (README): one wait, one suppress, one retry.
    for action in ["┆ wait ", "┆ suppress ", "┆ retry "] {
        assert!(out.contains(action), "{action}");
    }
    // §4.8: after the flow every id a written document cites resolves (`run` asserts exit
    // 0), and every content-derived id matches its content.
    let check = run(&["check", "--strict"]);
    assert!(check.ends_with(" 0 problems\n"), "{check}");
    let verify = run(&["verify"]);
    assert!(verify.ends_with(", 0 tampered\n"), "{verify}");
}
