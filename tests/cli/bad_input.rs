//! The bad-input corpus (§2.1 reading rules and limits, §2.4 "bad evidence never stops the
//! rest", §5 exit codes, §6 public-safe), run through the binary.
//!
//! Each case is built in a temporary evidence folder next to `valid.json`, one valid
//! execution record, and read by both `check --format json` and `report --format json`.
//! Every case asserts the exit code, the exact (place, rule) of every problem, that
//! `report` names the same places on stderr, that its stdout is still one complete JSON
//! report counting the valid records, and that nothing panicked. Expected places are
//! counted by hand from the bytes the case writes (columns are 1-based characters).

use std::path::{Path, PathBuf};

use serde::Deserialize;
use tempfile::TempDir;

use crate::check::{CheckDoc, assert_no_panic, exec, permissions_deny_reads, put};
use crate::common::{cavra, stderr, stdout};
use crate::docs::Report;

/// The id of `valid.json`.
const VALID_ID: &str = "gordackretryexec-00000000000000a1";

/// The few report fields these tests look at.
#[derive(Debug, Deserialize)]
struct ReportDoc {
    execution_count: u64,
    latest_executions: Vec<LatestExec>,
    controls: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct LatestExec {
    execution_id: String,
}

/// What `check` and `report` said about one evidence folder.
struct Run {
    check: CheckDoc,
    code: i32,
    report: ReportDoc,
    report_stderr: String,
}

impl Run {
    /// Asserts the exact problems, in order, as (place relative to the folder, rule), and
    /// that `report` warned about each on stderr as `PLACE: RULE: why`.
    fn problems(&self, case: &Case, want: &[(&str, &str)]) {
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(p, r)| (case.place(p), (*r).to_owned()))
            .collect();
        assert_eq!(self.check.places(), want, "{:#?}", self.check.problems);
        for (place, rule) in &want {
            let line = format!("cavra: warning: {place}: {rule}: ");
            assert!(
                self.report_stderr.contains(&line),
                "stderr should contain {line:?}:\n{}",
                self.report_stderr
            );
        }
    }

    /// Asserts the valid records the report counted, `valid.json`'s among them.
    fn executions(&self, n: u64) {
        assert_eq!(self.report.execution_count, n);
        if n > 0 {
            assert!(
                self.report
                    .latest_executions
                    .iter()
                    .any(|e| e.execution_id == VALID_ID),
                "valid.json was read: {:?}",
                self.report.latest_executions
            );
        }
    }

    /// The message of the problem at `place` (relative).
    fn message(&self, case: &Case, place: &str) -> &str {
        let place = case.place(place);
        &self
            .check
            .problems
            .iter()
            .find(|p| p.place == place)
            .unwrap_or_else(|| panic!("no problem at {place}"))
            .message
    }
}

/// One evidence folder under construction.
struct Case {
    dir: TempDir,
}

impl Case {
    /// A folder holding `valid.json`.
    fn new() -> Case {
        let case = Case::empty();
        case.file("valid.json", exec(VALID_ID));
        case
    }

    fn empty() -> Case {
        Case {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    fn file(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Case {
        put(self.root(), rel, bytes);
        self
    }

    /// A place as cavra prints it: the walked path (the folder as given) + the suffix.
    fn place(&self, rel: &str) -> String {
        format!("{}/{rel}", self.root().display())
    }

    /// Runs `check` and `report` (both `--format json`, with `args` before the command).
    /// Both must agree on the exit code.
    fn run_with(&self, args: &[&str]) -> Run {
        let (check, code) = crate::check::check_json(self.root(), args);
        let out = cavra(self.root())
            .args(args)
            .args(["--format", "json", "report"])
            .output()
            .expect("run cavra");
        assert_no_panic(&out);
        let report: ReportDoc = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "report --format json is not one complete report ({e}):\n{}\n{}",
                stdout(&out),
                stderr(&out)
            )
        });
        assert_eq!(
            report.controls.len(),
            3,
            "the report ends with its controls"
        );
        assert_eq!(
            out.status.code(),
            Some(code),
            "check and report agree on the exit code\n{}",
            stderr(&out)
        );
        Run {
            check,
            code,
            report,
            report_stderr: stderr(&out),
        }
    }

    fn run(&self) -> Run {
        self.run_with(&[])
    }
}

/// A flat execution with one extra field (raw JSON text) after the usual ones.
fn exec_with(id: &str, extra: &str) -> String {
    let base = exec(id);
    format!("{},{extra}}}", &base[..base.len() - 1])
}

#[test]
fn malformed_json() {
    let case = Case::new();
    // Line 3 lacks its comma, so line 4's first non-blank character, the `"` at column 3,
    // is where `,` or `}` was expected.
    case.file(
        "malformed.json",
        "{\n  \"metadata_kind\": \"retry-execution-record\",\n  \"execution_id\": \"gordackretryexec-b1\"\n  \"provider\": \"slack\"\n}\n",
    );
    let run = case.run();
    assert_eq!(run.code, 3);
    run.problems(&case, &[("malformed.json:4:3", "syntax")]);
    run.executions(1);
    // A syntax error leaves out the whole .json file: it is neither a record nor ignored.
    assert_eq!((run.check.files, run.check.records), (2, 1));
}

#[test]
fn truncated_file() {
    let case = Case::new();
    // The first 65 characters of a record: `{` (1), `"metadata_kind"` (2-16), `:` (17),
    // `"retry-execution-record"` (18-41), `,` (42), `"execution_id"` (43-56), `:` (57),
    // `"gordack` (58-65). The text ends inside a string, after column 65.
    let text = r#"{"metadata_kind":"retry-execution-record","execution_id":"gordack"#;
    assert_eq!(text.len(), 65);
    case.file("truncated.json", text);
    let run = case.run();
    assert_eq!(run.code, 3);
    run.problems(&case, &[("truncated.json:1:65", "syntax")]);
    run.executions(1);
}

#[test]
fn empty_file() {
    let case = Case::new();
    case.file("empty.json", "");
    case.file("blank.json", "\n  \n");
    let run = case.run();
    assert_eq!(run.code, 3);
    // Nothing at all: line 1, column 1. Only white space (`\n  \n`): the text ends at the
    // start of line 3, column 1.
    run.problems(
        &case,
        &[("blank.json:3:1", "syntax"), ("empty.json:1:1", "syntax")],
    );
    assert!(run.message(&case, "empty.json:1:1").contains("empty"));
    run.executions(1);
}

#[test]
fn wrong_types() {
    let case = Case::new();
    // Each record is left out and its field named by pointer.
    case.file(
        "t-bool.json",
        exec("gordackretryexec-t1")
            .replace(r#""delivery_success":false"#, r#""delivery_success":"""#),
    );
    case.file(
        "t-provider.json",
        exec("gordackretryexec-t2").replace(r#""provider":"Jira""#, r#""provider":3"#),
    );
    case.file(
        "t-codes.json",
        r#"{"metadata_kind":"release-connector-delivery","session_id":"rcd-1","status_codes":[500,"timeout",null,1.5]}"#,
    );
    // In a stored item the nested document is checked too.
    case.file(
        "t-nested.json",
        r#"{"metadata_kind":"retry-execution-record","session_id":"gordackretryexec-t4","retry_execution_record":{"execution_id":"gordackretryexec-t4","delivery_success":"yes"}}"#,
    );
    // Only the bad element of an array, the bad item of a store is left out.
    case.file(
        "t-array.json",
        format!(
            "[{},{}]",
            exec("gordackretryexec-t5"),
            exec("gordackretryexec-t6").replace("false", "0")
        ),
    );
    case.file(
        "t-store.json",
        format!(
            r#"{{"items":[{},{}]}}"#,
            exec("gordackretryexec-t7").replace(r#""Jira""#, r#"["jira"]"#),
            exec("gordackretryexec-t8")
        ),
    );
    let run = case.run();
    assert_eq!(run.code, 3);
    run.problems(
        &case,
        &[
            ("t-array.json#/1/delivery_success", "types"),
            ("t-bool.json#/delivery_success", "types"),
            ("t-codes.json#/status_codes/3", "types"),
            (
                "t-nested.json#/retry_execution_record/delivery_success",
                "types",
            ),
            ("t-provider.json#/provider", "types"),
            ("t-store.json#/items/0/provider", "types"),
        ],
    );
    // valid, t5 and t8.
    run.executions(3);
    // Invalid records are still records (of a known kind): 3 valid + 6 invalid.
    assert_eq!(run.check.records, 9);
}

#[test]
fn byte_order_mark_is_skipped() {
    let case = Case::new();
    let mut json = b"\xEF\xBB\xBF".to_vec();
    json.extend_from_slice(exec("gordackretryexec-bom1").as_bytes());
    case.file("bom.json", &json);
    let mut lines = b"\xEF\xBB\xBF".to_vec();
    lines.extend_from_slice(format!("{}\n", exec("gordackretryexec-bom2")).as_bytes());
    case.file("bom.ndjson", &lines);
    let run = case.run();
    assert_eq!(run.code, 0);
    run.problems(&case, &[]);
    run.executions(3);
}

#[test]
fn invalid_utf8() {
    let case = Case::new();
    // `{"metadata_kind":"retry-execution-record",` is 42 characters, `"execution_id"` 43-56,
    // `:` 57, `"` 58, `u` 59: the byte 0xFF is column 60.
    case.file(
        "latin.json",
        b"{\"metadata_kind\":\"retry-execution-record\",\"execution_id\":\"u\xff\"}",
    );
    // In NDJSON only that line is lost: line 2 is `["` then 0xFE at column 3.
    let mut lines = format!("{}\n", exec("gordackretryexec-u1")).into_bytes();
    lines.extend_from_slice(b"[\"\xfe\"]\n");
    case.file("latin.ndjson", &lines);
    let run = case.run();
    assert_eq!(run.code, 3);
    run.problems(
        &case,
        &[
            ("latin.json:1:60", "syntax"),
            ("latin.ndjson:2:3", "syntax"),
        ],
    );
    run.executions(2);
}

#[test]
fn deep_nesting() {
    let case = Case::new();
    // 10,000 levels: the 128th `[` (column 128) is one level too many.
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    case.file("deep.json", &deep);
    case.file(
        "deep.ndjson",
        format!("{}\n{deep}\n", exec("gordackretryexec-d1")),
    );
    // 127 levels inside a record are fine (the record's own object is level 1, so 126
    // arrays).
    let ok = format!("{}{}", "[".repeat(126), "]".repeat(126));
    case.file(
        "ok.json",
        exec_with("gordackretryexec-d2", &format!("\"x\":{ok}")),
    );
    let run = case.run();
    assert_eq!(run.code, 3);
    run.problems(
        &case,
        &[
            ("deep.json:1:128", "syntax"),
            ("deep.ndjson:2:128", "syntax"),
        ],
    );
    run.executions(3);
}

#[test]
fn fifty_megabyte_string() {
    let case = Case::new();
    let text = exec_with(
        "gordackretryexec-huge",
        &format!("\"notes\":\"{}\"", "x".repeat(50_000_000)),
    );
    case.file("huge.json", &text);
    let run = case.run();
    assert_eq!(run.code, 3);
    run.problems(&case, &[("huge.json#/notes", "PS004")]);
    assert!(
        run.message(&case, "huge.json#/notes").contains("50000000"),
        "the message gives the length"
    );
    // The string itself is never echoed.
    assert!(run.report_stderr.len() < 10_000);
    run.executions(1);
}

#[test]
fn symbolic_links_are_skipped() {
    use std::os::unix::fs::symlink;
    let case = Case::new();
    let outside = tempfile::tempdir().unwrap();
    put(outside.path(), "bad.json", "{");
    put(outside.path(), "rec.json", exec("gordackretryexec-outside"));
    // A link to itself, a link to the evidence folder (a loop if followed), links to a
    // file and a folder outside: none is read.
    symlink("loop.json", case.path("loop.json")).unwrap();
    symlink(case.root(), case.path("again")).unwrap();
    symlink(outside.path().join("bad.json"), case.path("bad.json")).unwrap();
    symlink(outside.path(), case.path("outside")).unwrap();
    symlink(outside.path().join("rec.json"), case.path("rec.json")).unwrap();
    let run = case.run();
    assert_eq!(run.code, 0);
    run.problems(&case, &[]);
    assert_eq!(run.check.files, 1);
    run.executions(1);
}

#[test]
fn a_folder_named_x_json_is_walked() {
    let case = Case::new();
    case.file("x.json/inner.json", exec("gordackretryexec-inner"));
    let run = case.run();
    assert_eq!(run.code, 0);
    run.problems(&case, &[]);
    assert_eq!(run.check.files, 2);
    run.executions(2);
}

#[test]
fn conflicting_duplicates() {
    let case = Case::new();
    let id = "gordackretryexec-c1";
    // Three versions of one identity: a flat file, an NDJSON line (2) and a store item (1).
    case.file("a.json", exec(id));
    case.file(
        "lines.ndjson",
        format!(
            "{}\n{}\n",
            exec("gordackretryexec-c2"),
            exec(id).replace("Jira", "Teams")
        ),
    );
    case.file(
        "store.json",
        format!(
            r#"{{"items":[{},{}]}}"#,
            exec("gordackretryexec-c3"),
            exec(id).replace("failed", "delivered")
        ),
    );
    // Six more ids, each with one version in m1.json and another in m2.json.
    let ids: Vec<String> = (0..6).map(|i| format!("gordackretryexec-m{i}")).collect();
    let m1: Vec<String> = ids.iter().map(|id| exec(id)).collect();
    let m2: Vec<String> = ids
        .iter()
        .map(|id| exec(id).replace("Jira", "Slack"))
        .collect();
    case.file("m1.json", format!("[{}]", m1.join(",")));
    case.file("m2.json", format!("[{}]", m2.join(",")));
    // `1` and `1.0` differ (§2.4).
    case.file("n1.json", exec_with("gordackretryexec-n", r#""attempt":1"#));
    case.file(
        "n2.json",
        exec_with("gordackretryexec-n", r#""attempt":1.0"#),
    );
    let run = case.run();
    assert_eq!(run.code, 3);
    // Each conflict is reported at its first version in reading order (file, then
    // position), naming the others, whatever order the versions' hashes sort in.
    let mut want = vec![("a.json".to_owned(), "conflict")];
    want.extend((0..6).map(|i| (format!("m1.json#/{i}"), "conflict")));
    want.push(("n1.json".to_owned(), "conflict"));
    let want: Vec<(&str, &str)> = want.iter().map(|(p, r)| (p.as_str(), *r)).collect();
    run.problems(&case, &want);
    let msg = run.message(&case, "a.json");
    assert!(msg.contains(id), "{msg}");
    assert!(msg.contains(&case.place("lines.ndjson:2")), "{msg}");
    assert!(msg.contains(&case.place("store.json#/items/1")), "{msg}");
    for i in 0..6 {
        let msg = run.message(&case, &format!("m1.json#/{i}"));
        assert!(msg.contains(&case.place(&format!("m2.json#/{i}"))), "{msg}");
    }
    assert!(
        run.message(&case, "n1.json")
            .contains(&case.place("n2.json"))
    );
    // Every version is left out: valid, c2, c3 remain.
    run.executions(3);
}

#[test]
fn identical_duplicates_collapse() {
    let case = Case::new();
    // The same record four times: compact, pretty with keys reordered and the full kind, an
    // NDJSON line, and valid.json itself again in an array.
    case.file("dup1.json", exec("gordackretryexec-same"));
    case.file(
        "dup2.json",
        "{\n  \"delivery_success\": false,\n  \"executed_at\": \"2026-05-30T09:00:00Z\",\n  \"execution_status\": \"failed\",\n  \"provider\": \"Jira\",\n  \"execution_id\": \"gordackretryexec-same\",\n  \"metadata_kind\": \"go-backend-rollback-drill-acknowledgement-audit-delivery-retry-execution-record\"\n}\n",
    );
    case.file("dup.ndjson", format!("{}\n", exec("gordackretryexec-same")));
    case.file("again.json", format!("[{}]", exec(VALID_ID)));
    let run = case.run();
    assert_eq!(run.code, 0);
    run.problems(&case, &[]);
    // Five values of a known kind were read; two records remain.
    assert_eq!(run.check.records, 5);
    run.executions(2);
}

#[test]
fn public_safe_rules() {
    let case = Case::new();
    case.file(
        "ps1.json",
        exec_with("gordackretryexec-p1", r#""api_token":"abc123""#),
    );
    case.file(
        "ps2.json",
        exec_with(
            "gordackretryexec-p2",
            r#""executed_by":"AKIAIOSFODNN7EXAMPLE""#,
        ),
    );
    case.file(
        "ps3.json",
        exec_with(
            "gordackretryexec-p3",
            r#""public_evidence_refs":["connector-delivery://x","https://jira.corp/browse/OPS-1"]"#,
        ),
    );
    case.file(
        "ps4.json",
        exec_with(
            "gordackretryexec-p4",
            &format!("\"notes\":\"{}\"", "é".repeat(2049)),
        ),
    );
    // Redaction markers and 2,048 characters pass.
    case.file(
        "redacted.json",
        exec_with(
            "gordackretryexec-p5",
            &format!(
                r#""api_token":"REDACTED","password":"***","url":"https://hooks.example.com/x?REDACTED","notes":"{}""#,
                "é".repeat(2048)
            ),
        ),
    );
    let run = case.run();
    assert_eq!(run.code, 3);
    run.problems(
        &case,
        &[
            ("ps1.json#/api_token", "PS001"),
            ("ps2.json#/executed_by", "PS002"),
            ("ps3.json#/public_evidence_refs/1", "PS003"),
            ("ps4.json#/notes", "PS004"),
        ],
    );
    run.executions(2);
}

#[test]
fn empty_folder_is_a_zero_report() {
    let case = Case::empty();
    let run = case.run();
    assert_eq!(run.code, 0);
    run.problems(&case, &[]);
    assert_eq!(
        (run.check.files, run.check.records, run.check.ignored),
        (0, 0, 0)
    );
    run.executions(0);
}

#[test]
fn missing_evidence_folder() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    for command in ["check", "report"] {
        let out = cavra(&missing).arg(command).output().unwrap();
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(4), "{command}");
        let err = stderr(&out);
        assert!(err.contains(&missing.display().to_string()), "{err}");
        assert!(err.starts_with("cavra: error: "), "{err}");
        assert!(out.stdout.is_empty(), "no report without evidence");
    }
}

#[test]
fn unreadable_file_and_folder() {
    use std::os::unix::fs::PermissionsExt;
    let case = Case::new();
    if !permissions_deny_reads(case.root()) {
        eprintln!(
            "skipped unreadable_file_and_folder: running as root, where chmod 000 does not deny reads"
        );
        return;
    }
    case.file("locked.json", exec("gordackretryexec-l1"));
    case.file("shut/inner.json", exec("gordackretryexec-l2"));
    let mode = |rel: &str, m: u32| {
        std::fs::set_permissions(case.path(rel), std::fs::Permissions::from_mode(m)).unwrap()
    };
    mode("locked.json", 0o000);
    mode("shut", 0o000);
    let run = case.run();
    mode("locked.json", 0o644);
    mode("shut", 0o755);
    assert_eq!(run.code, 4);
    run.problems(&case, &[("locked.json", "io"), ("shut", "io")]);
    run.executions(1);
}

#[test]
fn ndjson_blank_lines_crlf_and_a_bad_line() {
    let case = Case::new();
    // 1 a record (CRLF), 2 blanks (CRLF), 3 `{"metadata_kind":"retry-execution-record",}`
    // (the `}` after the trailing comma is column 43), 4 a record, 5 empty, 6 a string
    // (ignored), 7 a record without a final line end.
    let text = format!(
        "{}\r\n   \r\n{}\n{}\n\n\"not a record\"\n{}",
        exec("gordackretryexec-n1"),
        r#"{"metadata_kind":"retry-execution-record",}"#,
        exec("gordackretryexec-n2"),
        exec("gordackretryexec-n3"),
    );
    case.file("lines.ndjson", &text);
    let run = case.run();
    assert_eq!(run.code, 3);
    run.problems(&case, &[("lines.ndjson:3:43", "syntax")]);
    assert_eq!((run.check.records, run.check.ignored), (4, 1));
    run.executions(4);
}

#[test]
fn duplicate_keys() {
    let case = Case::new();
    // In a record: the record is invalid; the pointer names the repeated key.
    case.file(
        "rec.json",
        exec_with("gordackretryexec-k1", r#""provider":"teams""#),
    );
    case.file(
        "nested.ndjson",
        format!(
            "{}\n",
            r#"{"metadata_kind":"retry-execution-record","session_id":"gordackretryexec-k2","retry_execution_record":{"run_id":"a","run_id":"b"}}"#
        ),
    );
    // In a store's wrapper: the whole file is dropped, its valid item too.
    case.file(
        "store.json",
        format!(
            r#"{{"generated_by":"a","items":[{}],"generated_by":"b"}}"#,
            exec("gordackretryexec-k3")
        ),
    );
    let run = case.run();
    assert_eq!(run.code, 3);
    run.problems(
        &case,
        &[
            (
                "nested.ndjson:1#/retry_execution_record/run_id",
                "duplicate-key",
            ),
            ("rec.json#/provider", "duplicate-key"),
            ("store.json#/generated_by", "duplicate-key"),
        ],
    );
    run.executions(1);
}

#[test]
fn future_schema_version_is_a_warning() {
    let case = Case::new();
    case.file(
        "v2.json",
        exec_with(
            "gordackretryexec-v2",
            r#""schema_version":"cavra.evidence.metadata.v2""#,
        ),
    );
    case.file(
        "v10.json",
        r#"{"metadata_kind":"retry-execution-record","session_id":"gordackretryexec-v10","schema_version":"cavra.evidence.metadata.v1","retry_execution_record":{"schema_version":"x.retry-execution-record.v10"}}"#,
    );
    case.file(
        "v1.json",
        exec_with(
            "gordackretryexec-v1",
            r#""schema_version":"cavra.evidence.metadata.v1""#,
        ),
    );
    let run = case.run();
    assert_eq!(run.code, 0);
    run.problems(
        &case,
        &[
            (
                "v10.json#/retry_execution_record/schema_version",
                "schema-version",
            ),
            ("v2.json#/schema_version", "schema-version"),
        ],
    );
    assert_eq!(run.check.ignored, 2);
    run.executions(2);
}

#[test]
fn strict_json_syntax() {
    let case = Case::new();
    // Each is a syntax error at the first character that cannot be JSON:
    case.file("nan.json", "[NaN]"); // `N`, column 2
    case.file("comma.json", "[1,]"); // the `]` after the comma, column 4
    case.file("comment.json", "// note\n{}"); // `/`, column 1
    case.file("surrogate.json", r#"["\ud800"]"#); // `"` after the lone escape, column 9
    case.file("range.json", "[1e400]"); // the number ends at column 6
    let run = case.run();
    assert_eq!(run.code, 3);
    run.problems(
        &case,
        &[
            ("comma.json:1:4", "syntax"),
            ("comment.json:1:1", "syntax"),
            ("nan.json:1:2", "syntax"),
            ("range.json:1:6", "syntax"),
            ("surrogate.json:1:9", "syntax"),
        ],
    );
    run.executions(1);
}

#[test]
fn skipped_names() {
    let case = Case::new();
    // Not read: upper-case extensions, hidden files and folders, folders named `target`.
    for rel in [
        "UPPER.JSON",
        "mixed.Json",
        "lines.NDJSON",
        ".hidden.json",
        ".git/objects.json",
        "sub/.tmp-1.json",
        "target/bad.json",
        "sub/target/bad.json",
        "notes.jsonc",
    ] {
        case.file(rel, "{");
    }
    // Read: a file named target.json and a record in a sub-folder.
    case.file("target.json", exec("gordackretryexec-s1"));
    case.file("sub/ok.jsonl", format!("{}\n", exec("gordackretryexec-s2")));
    let run = case.run();
    assert_eq!(run.code, 0);
    run.problems(&case, &[]);
    assert_eq!(run.check.files, 3);
    run.executions(3);
}

#[test]
fn skip_rules_do_not_apply_to_the_root() {
    // The evidence root may be hidden, be named `target`, or be a link.
    let dir = tempfile::tempdir().unwrap();
    for root in [".evidence", "target"] {
        put(&dir.path().join(root), "valid.json", exec(VALID_ID));
        let (doc, code) = crate::check::check_json(&dir.path().join(root), &[]);
        assert_eq!((code, doc.files, doc.records), (0, 1, 1), "{root}");
    }
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(dir.path().join("target"), &link).unwrap();
    let (doc, code) = crate::check::check_json(&link, &[]);
    assert_eq!((code, doc.files, doc.records), (0, 1, 1));
}

/// A tree where `**/*.jsonc` and `drafts/` matter: a broken draft, a folder whose name
/// ends in `.jsonc`, and a `drafts` folder below the root (not matched: globs are anchored).
fn excluded_tree(case: &Case) {
    case.file("drafts/bad.json", "{");
    case.file("drafts/deeper/bad.ndjson", "{\n");
    case.file("tools/config.jsonc/bad.json", "[1,]");
    case.file("config.jsonc", "// a JSONC file\n{}");
    case.file("nested/drafts/keep.json", exec("gordackretryexec-keep"));
}

#[test]
fn cavraignore_and_exclude() {
    // Without patterns: the three broken files are read (control).
    let case = Case::new();
    excluded_tree(&case);
    let run = case.run();
    assert_eq!(run.code, 3);
    run.problems(
        &case,
        &[
            ("drafts/bad.json:1:1", "syntax"),
            ("drafts/deeper/bad.ndjson:1:1", "syntax"),
            ("tools/config.jsonc/bad.json:1:4", "syntax"),
        ],
    );

    // `.cavraignore`: comments, blank lines and surrounding blanks are skipped.
    case.file(
        ".cavraignore",
        "# not evidence\n\n   **/*.jsonc  \r\ndrafts/\n",
    );
    let run = case.run();
    assert_eq!(run.code, 0, "{:?}", run.check.problems);
    run.problems(&case, &[]);
    // valid.json and nested/drafts/keep.json.
    assert_eq!(run.check.files, 2);
    run.executions(2);

    // The same patterns given as --exclude.
    let case = Case::new();
    excluded_tree(&case);
    let run = case.run_with(&["--exclude", "**/*.jsonc", "--exclude", "drafts/"]);
    assert_eq!(run.code, 0, "{:?}", run.check.problems);
    assert_eq!(run.check.files, 2);
    run.executions(2);

    // A `.cavraignore` that is a link is never read: the patterns do not apply.
    let case = Case::new();
    excluded_tree(&case);
    let elsewhere = tempfile::tempdir().unwrap();
    put(elsewhere.path(), "ignore", "**/*.jsonc\ndrafts/\n");
    std::os::unix::fs::symlink(elsewhere.path().join("ignore"), case.path(".cavraignore")).unwrap();
    assert_eq!(case.run().code, 3);
}

#[test]
fn report_json_is_complete_over_bad_evidence() {
    let case = Case::new();
    case.file("broken.json", "{\"items\": [");
    case.file(
        "types.json",
        exec("gordackretryexec-t").replace("false", "\"no\""),
    );
    let out = cavra(case.root())
        .args(["--format", "json", "report"])
        .output()
        .unwrap();
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(3));
    let text = stdout(&out);
    assert!(text.ends_with("}\n"), "{text}");
    let doc: Report = serde_json::from_str(&text).expect("one JSON report");
    assert_eq!(doc.execution_count, 1);
    assert_eq!(doc.latest_executions[0].execution_id, VALID_ID);
    // Diagnostics stay on stderr, the document alone on stdout.
    assert!(!text.contains("warning"));
    assert!(stderr(&out).contains(&case.place("broken.json:1:11")));
    assert!(stderr(&out).contains(&case.place("types.json#/delivery_success")));
}
