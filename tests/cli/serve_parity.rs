//! CLI versus HTTP, one test per operation (§7: same operations, same JSON): on two copies of
//! the same evidence at the same `now`, the document the command line prints with
//! `--format json` and the one the server returns are the same bytes (the server's JSON is
//! compact, so the CLI's pretty output is compacted first; field order, numbers and strings
//! are compared as text), and the files each writes are identical.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Value, json};

use crate::common::{cavra, copy_tree, fixture, stderr};
use crate::serve::{files_in, get, post, server_with};

/// The CLI's pretty JSON without insignificant white space (strings untouched).
fn compact(pretty: &str) -> String {
    let mut out = String::with_capacity(pretty.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in pretty.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

/// The raw text of each member of a compact top-level JSON object, in order.
fn members(text: &str) -> Vec<(String, String)> {
    let bytes = text.as_bytes();
    assert_eq!(bytes.first(), Some(&b'{'), "{text}");
    let mut out = Vec::new();
    let mut i = 1;
    while i < bytes.len() && bytes[i] != b'}' {
        // Key.
        let key_end = string_end(bytes, i);
        let key: String = serde_json::from_str(&text[i..key_end]).expect("a key");
        i = key_end + 1; // past ':'
        let start = i;
        let (mut depth, mut j) = (0i32, i);
        loop {
            match bytes[j] {
                b'"' => {
                    j = string_end(bytes, j);
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth > 0 => depth -= 1,
                b',' | b'}' if depth == 0 => break,
                _ => {}
            }
            j += 1;
        }
        out.push((key, text[start..j].to_owned()));
        i = if bytes[j] == b',' { j + 1 } else { j };
    }
    out
}

/// The index just past the string that starts at `i`.
fn string_end(bytes: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while bytes[j] != b'"' {
        j += if bytes[j] == b'\\' { 2 } else { 1 };
    }
    j + 1
}

/// Every file under `root`, by relative path.
fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in walk(root) {
        let rel = entry
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        out.push((rel, std::fs::read(&entry).unwrap()));
    }
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Runs the CLI on `dir` and returns its stdout.
fn cli(dir: &Path, args: &[&str]) -> String {
    let out = cavra(dir)
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("cavra runs");
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// One operation both ways: the CLI on one copy, the server on another; returns the HTTP
/// response's members, and checks the document under `key` (the whole body when `key` is
/// empty) and the written files.
async fn both(
    cli_args: &[&str],
    request: impl FnOnce() -> axum::http::Request<axum::body::Body>,
    key: &str,
) -> Vec<(String, String)> {
    let cli_dir = copy_tree(&fixture("flow"));
    let printed = cli(cli_dir.path(), cli_args);
    let s = server_with("flow", |_| {});
    let r = s.send(request()).await;
    assert_eq!(r.status.as_u16(), 200, "{}", r.text());
    let body = r.text();
    let parts = members(&body);
    // An empty key: the response is the document itself (the dashboard).
    let doc = if key.is_empty() {
        &body
    } else {
        &parts
            .iter()
            .find(|(k, _)| k == key)
            .unwrap_or_else(|| panic!("no {key} in {body}"))
            .1
    };
    assert_eq!(
        *doc,
        compact(&printed),
        "{cli_args:?}: the document differs"
    );
    assert_eq!(
        tree(cli_dir.path()),
        tree(s.root()),
        "{cli_args:?}: the files written differ"
    );
    parts
}

#[tokio::test]
async fn report() {
    let parts = both(
        &["report", "--generated-by", "parity", "--slo-minutes", "300"],
        || get("/retry-recovery-report?generated_by=parity&recovery_slo_minutes=300"),
        "report",
    )
    .await;
    let keys: Vec<&str> = parts.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["report", "metadata"]);
}

#[tokio::test]
async fn report_recorded() {
    let parts = both(
        &["report", "--generated-by", "parity", "--record"],
        || get("/retry-recovery-report?generated_by=parity&record=true"),
        "report",
    )
    .await;
    // The metadata is the stored item the CLI wrote.
    let dir = copy_tree(&fixture("flow"));
    cli(
        dir.path(),
        &["report", "--generated-by", "parity", "--record"],
    );
    let name = &files_in(dir.path(), "reports")[0];
    let file = std::fs::read_to_string(dir.path().join("reports").join(name)).unwrap();
    assert_eq!(parts[1].1, compact(&file));
}

#[tokio::test]
async fn escalate() {
    let parts = both(
        &["escalate", "--generated-by", "parity"],
        || post("/recovery-escalation-plan", r#"{"generated_by": "parity"}"#),
        "plan",
    )
    .await;
    assert_eq!(parts[0].0, "plan");
    assert_eq!(parts[1].0, "metadata");
}

#[tokio::test]
async fn ack() {
    both(
        &[
            "ack",
            "esc-fixture",
            "--provider",
            "Jira",
            "--by",
            "sre-oncall",
            "--state",
            "accepted",
            "--external-ref",
            "INC-7",
            "--notes",
            "paged",
            "--reason",
            "breach",
        ],
        || {
            post(
                "/recovery-escalations/esc-fixture/acknowledgements",
                json!({"provider": "Jira", "acknowledged_by": "sre-oncall",
                       "acknowledgement_state": "accepted", "external_ref": "INC-7",
                       "notes": "paged", "escalation_reason": "breach"})
                .to_string(),
            )
        },
        "acknowledgement",
    )
    .await;
}

#[tokio::test]
async fn close() {
    both(
        &[
            "close",
            "pb-new",
            "--provider",
            "webhook",
            "--by",
            "release-governance",
            "--state",
            "mitigated",
            "--external-ref",
            "CHG-9",
            "--notes",
            "rerouted",
            "--verification-ref",
            "exec-webhook-1",
            "--verification-ref",
            "CHG-9",
        ],
        || {
            post(
                "/connector-recovery-playbooks/pb-new/closures",
                json!({"provider": "webhook", "closed_by": "release-governance",
                       "closure_state": "mitigated", "external_ref": "CHG-9",
                       "notes": "rerouted", "verification_refs": ["exec-webhook-1", "CHG-9"]})
                .to_string(),
            )
        },
        "closure",
    )
    .await;
}

#[tokio::test]
async fn retry_plan() {
    both(
        &[
            "retry-plan",
            "--max-attempts",
            "4",
            "--delay-minutes",
            "5",
            "--backoff",
            "1.5",
            "--generated-by",
            "parity",
        ],
        || {
            post(
                "/recovery-escalations/retry-plan",
                json!({"retry_policy": {"max_retry_attempts": 4, "retry_delay_minutes": 5,
                                        "backoff_multiplier": 1.5, "allow_immediate_retry": false},
                       "generated_by": "parity"})
                .to_string(),
            )
        },
        "retry_plan",
    )
    .await;
}

#[tokio::test]
async fn executive_report() {
    both(
        &["executive-report", "--generated-by", "parity"],
        || get("/recovery-executive-report?generated_by=parity"),
        "report",
    )
    .await;
    both(
        &["executive-report", "--generated-by", "parity", "--record"],
        || get("/recovery-executive-report?generated_by=parity&record=true"),
        "report",
    )
    .await;
}

#[tokio::test]
async fn schedule_run() {
    let parts = both(
        &[
            "schedule-run",
            "--generated-by",
            "parity",
            "--interval-minutes",
            "60",
            "--cadence",
            "hourly",
        ],
        || {
            post(
                "/recovery-executive-report/schedule-run",
                json!({"generated_by": "parity",
                       "schedule": {"interval_minutes": 60, "cadence": "hourly", "enabled": true}})
                .to_string(),
            )
        },
        "run",
    )
    .await;
    let keys: Vec<&str> = parts.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["run", "metadata", "report_metadata"]);
}

#[tokio::test]
async fn dashboard() {
    both(
        &["dashboard", "--slo-minutes", "600"],
        || get("/dashboard?recovery_slo_minutes=600"),
        "",
    )
    .await;
}

#[test]
fn the_helpers_split_and_compact() {
    let text = r#"{"a":{"b":[1,"x,}]"]},"c":"q\"}","d":null}"#;
    let m = members(text);
    assert_eq!(
        m,
        [
            ("a".to_owned(), r#"{"b":[1,"x,}]"]}"#.to_owned()),
            ("c".to_owned(), r#""q\"}""#.to_owned()),
            ("d".to_owned(), "null".to_owned()),
        ]
    );
    assert_eq!(compact("{\n  \"a b\": [1, 2]\n}\n"), r#"{"a b":[1,2]}"#);
    // Each member's raw text is that member's JSON value (raw JSON: `Value`s).
    let parsed: BTreeMap<String, Value> = serde_json::from_str(text).unwrap();
    let from_members: BTreeMap<String, Value> = m
        .iter()
        .map(|(k, raw)| (k.clone(), serde_json::from_str(raw).expect(raw)))
        .collect();
    assert_eq!(from_members, parsed);
}

#[tokio::test]
async fn recovery_times() {
    both(&["recovery-times"], || get("/recovery-times"), "").await;
}
