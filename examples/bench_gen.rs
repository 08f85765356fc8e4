//! Deterministic benchmark evidence generator.
//!
//! ```text
//! cargo run --release --example bench_gen -- OUT [--files N] [--ndjson M] [--small K]
//! ```
//!
//! Writes `OUT/files/`: N files with one record each (about 90% executions, 5% playbooks,
//! 5% closures; stored items and flat records mixed, in 100 sub-folders), and
//! `OUT/ndjson/executions.ndjson`: M flat executions, one per line. With `--small K` (and
//! then `--files 0 --ndjson 0` to skip the others), `OUT/small-K/`: K small one-record files
//! of about 1.7 KB, the mix of a real evidence repository: 88% executions, 6% playbooks, 6%
//! closures, all in the original's stored-item shape (`evidence-metadata.json`: the
//! document nested under its kind, the summary fields beside it, keys sorted), 1,000 files
//! per folder. The same arguments always give the same bytes (a fixed-seed xorshift
//! generator, no clock).

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

const PROVIDERS: [&str; 10] = [
    "jira",
    "servicenow",
    "PagerDuty",
    "slack",
    "teams",
    "splunk",
    "datadog",
    "webhook",
    "Slack-Alerts",
    "email",
];
const STATUSES: [&str; 4] = ["delivered", "delivered", "failed", "skipped"];
const STATES: [&str; 5] = ["resolved", "mitigated", "deferred", "escalated", "reopened"];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn hex16(&mut self) -> String {
        format!("{:016x}", self.next())
    }

    /// A timestamp in the week before 2026-06-01, microsecond precision, `+00:00` offset.
    fn stamp(&mut self) -> String {
        let secs = 1_779_753_600 + self.below(7 * 86_400) as i64; // 2026-05-26T00:00:00Z
        let micros = self.below(1_000_000);
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (y, m, d) = civil(days);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{micros:06}+00:00",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        )
    }
}

fn civil(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

const PREFIX: &str = "go-backend-rollback-drill-acknowledgement-audit-delivery-";

fn execution(rng: &mut Rng, stored: bool) -> (String, String) {
    let id = format!("gordackretryexec-{}", rng.hex16());
    let provider = PROVIDERS[rng.below(PROVIDERS.len() as u64) as usize];
    let status = STATUSES[rng.below(STATUSES.len() as u64) as usize];
    let at = rng.stamp();
    let decision = format!("gordackretryapprovaldecision-{}", rng.hex16());
    let run = format!("gordackworker-{}", rng.hex16());
    let delivery = format!("gordackdelivery-{}", rng.hex16());
    let success = status == "delivered";
    let doc = format!(
        r#"{{"schema_version":"cavra.go-backend-pilot.rollback-drill-acknowledgement-audit-delivery-retry-execution-record.v1","product":"CAVRA","execution_id":"{id}","run_id":"{run}","approval_decision_id":"{decision}","delivery_id":"{delivery}","provider":"{provider}","execution_status":"{status}","skipped":"{skipped}","delivery_success":{success},"executed_at":"{at}","executed_by":"release-governance","selected_providers":["jira","pagerduty","servicenow"],"public_evidence_refs":["go-rollback-drill-retry-worker://{run}","connector-delivery://rcd-{delivery}"],"controls":["live-retry-execution-record-bound-to-approved-decision","record-contains-no-connector-secret-or-private-endpoint"]}}"#,
        skipped = if status == "skipped" {
            "provider not selected"
        } else {
            ""
        },
    );
    let text = if stored {
        format!(
            r#"{{"schema_version":"cavra.evidence.metadata.v1","product":"CAVRA","session_id":"{id}","created_at":"{at}","signer":"release-governance","decision_count":1,"blocked_count":{blocked},"approval_required_count":0,"metadata_kind":"{PREFIX}retry-execution-record","execution_id":"{id}","provider":"{provider}","execution_status":"{status}","retry_execution_record":{doc}}}"#,
            blocked = u8::from(!success),
        )
    } else {
        // Flat: the document's fields at top level next to metadata_kind.
        format!(
            r#"{{"metadata_kind":"retry-execution-record",{}"#,
            &doc[1..]
        )
    };
    (id, text)
}

fn playbook(rng: &mut Rng) -> (String, String) {
    let id = format!("gordackrecovery-{}", rng.hex16());
    let at = rng.stamp();
    let mut entries = Vec::new();
    for _ in 0..1 + rng.below(3) {
        let p = PROVIDERS[rng.below(PROVIDERS.len() as u64) as usize];
        entries.push(format!(
            r#"{{"provider":"{p}","failure_count":{n},"latest_failure_at":"{at}","status_codes":["401","502"],"recovery_steps":["verify outbound network path and endpoint allowlist","record external incident or change reference after recovery"]}}"#,
            n = 1 + rng.below(5)
        ));
    }
    let text = format!(
        r#"{{"schema_version":"cavra.evidence.metadata.v1","product":"CAVRA","session_id":"{id}","created_at":"{at}","signer":"console","decision_count":{n},"blocked_count":0,"approval_required_count":0,"metadata_kind":"{PREFIX}connector-recovery-playbook","connector_recovery_playbook":{{"schema_version":"cavra.go-backend-pilot.rollback-drill-acknowledgement-audit-delivery-connector-recovery-playbook.v1","product":"CAVRA","playbook_id":"{id}","generated_at":"{at}","generated_by":"console","alert_level":"critical","lookback_hours":24,"min_failure_count":1,"provider_playbooks":[{entries}]}}}}"#,
        n = entries.len(),
        entries = entries.join(",")
    );
    (id, text)
}

fn closure(rng: &mut Rng, playbooks: &[String]) -> (String, String) {
    let id = format!("gordackrecoveryclosure-{}", rng.hex16());
    let pb = if playbooks.is_empty() {
        format!("gordackrecovery-{}", rng.hex16())
    } else {
        playbooks[rng.below(playbooks.len() as u64) as usize].clone()
    };
    let p = PROVIDERS[rng.below(PROVIDERS.len() as u64) as usize];
    let state = STATES[rng.below(STATES.len() as u64) as usize];
    let at = rng.stamp();
    let text = format!(
        r#"{{"metadata_kind":"connector-recovery-closure","closure_id":"{id}","playbook_id":"{pb}","provider":"{p}","closure_state":"{state}","closed_by":"release-governance","closed_at":"{at}","external_ref":"INC-{n}","notes":"credential rotated by owner","verification_refs":["gordackretryexec-{v}"]}}"#,
        n = rng.below(10_000),
        v = rng.hex16()
    );
    (id, text)
}

/// An execution as the original stored it: summary fields beside the nested document, keys
/// sorted, compact (about 1.75 KB).
fn stored_execution(rng: &mut Rng) -> (String, String) {
    let hash = format!(
        "{}{}{}{}",
        rng.hex16(),
        rng.hex16(),
        rng.hex16(),
        rng.hex16()
    );
    let id = format!("gordackretryexec-{}", &hash[..16]);
    let provider = PROVIDERS[rng.below(PROVIDERS.len() as u64) as usize];
    let status = STATUSES[rng.below(STATUSES.len() as u64) as usize];
    let success = status == "delivered";
    let at = rng.stamp();
    let (decision, audit, delivery, plan, run) = (
        rng.hex16(),
        rng.hex16(),
        rng.hex16(),
        rng.hex16(),
        rng.hex16(),
    );
    let skipped = if status == "skipped" {
        "provider not selected"
    } else {
        ""
    };
    let doc = format!(
        r#"{{"approval_decision_id":"gordackretryapprovaldecision-{decision}","controls":["live-retry-execution-record-bound-to-approved-decision","record-contains-no-connector-secret-or-private-endpoint"],"delivery_id":"gordackdelivery-{delivery}","delivery_success":{success},"executed_at":"{at}","execution_hash":"{hash}","execution_id":"{id}","execution_status":"{status}","product":"CAVRA","provider":"{provider}","public_evidence_refs":["go-rollback-drill-retry-worker://gordackworker-{run}","connector-delivery://rcd-gordackdelivery-{delivery}"],"retry_plan_id":"gordackretry-{plan}","run_id":"gordackworker-{run}","schema_version":"cavra.go-backend-pilot.rollback-drill-acknowledgement-audit-delivery-retry-execution-record.v1","skipped":"{skipped}"}}"#
    );
    let text = format!(
        r#"{{"approval_decision_id":"gordackretryapprovaldecision-{decision}","approval_required_count":0,"audit_id":"gordackaudit-{audit}","blocked_count":{blocked},"created_at":"{at}","decision_count":1,"delivery_id":"gordackdelivery-{delivery}","delivery_success":{success},"execution_hash":"{hash}","execution_id":"{id}","execution_status":"{status}","metadata_kind":"{PREFIX}retry-execution-record","product":"CAVRA","provider":"{provider}","retry_execution_record":{doc},"retry_plan_id":"gordackretry-{plan}","run_id":"gordackworker-{run}","schema_version":"cavra.evidence.metadata.v1","session_id":"{id}","signer":"release-governance"}}"#,
        blocked = u8::from(!success),
    );
    (id, text)
}

/// A closure as the original stored it (about 1.5 KB).
fn stored_closure(rng: &mut Rng, playbooks: &[String], execs: &[String]) -> (String, String) {
    let hash = format!(
        "{}{}{}{}",
        rng.hex16(),
        rng.hex16(),
        rng.hex16(),
        rng.hex16()
    );
    let id = format!("gordackrecoveryclosure-{}", &hash[..16]);
    let pb = if playbooks.is_empty() {
        format!("gordackrecovery-{}", rng.hex16())
    } else {
        playbooks[rng.below(playbooks.len() as u64) as usize].clone()
    };
    let p = PROVIDERS[rng.below(PROVIDERS.len() as u64) as usize];
    let state = STATES[rng.below(STATES.len() as u64) as usize];
    let at = rng.stamp();
    let n = rng.below(10_000);
    let v = if execs.is_empty() {
        format!("gordackretryexec-{}", rng.hex16())
    } else {
        execs[rng.below(execs.len() as u64) as usize].clone()
    };
    let text = format!(
        r#"{{"approval_required_count":0,"blocked_count":0,"closure_hash":"{hash}","closure_id":"{id}","closure_state":"{state}","connector_recovery_closure":{{"closed_at":"{at}","closed_by":"release-governance","closure_hash":"{hash}","closure_id":"{id}","closure_state":"{state}","controls":["connector-recovery-closure-records-public-safe-operator-evidence","closure-hash-covers-playbook-provider-state-and-verification-refs","closure-record-contains-no-connector-secret-or-private-endpoint","private-ticket-chat-and-credential-side-effects-remain-outside-public-repo"],"external_ref":"INC-{n}","notes":"credential rotated by owner","playbook_id":"{pb}","product":"CAVRA","provider":"{p}","schema_version":"cavra.go-backend-pilot.rollback-drill-acknowledgement-audit-delivery-connector-recovery-closure.v1","verification_refs":["{v}"]}},"created_at":"{at}","decision_count":1,"external_ref":"INC-{n}","metadata_kind":"{PREFIX}connector-recovery-closure","playbook_id":"{pb}","product":"CAVRA","provider":"{p}","schema_version":"cavra.evidence.metadata.v1","session_id":"{id}","signer":"release-governance"}}"#
    );
    (id, text)
}

/// A playbook as the original stored it, one or two providers (about 1.9 KB).
fn stored_playbook(rng: &mut Rng) -> (String, String) {
    let id = format!("gordackrecovery-{}", rng.hex16());
    let at = rng.stamp();
    let mut entries = Vec::new();
    let mut failures = 0;
    for _ in 0..1 + rng.below(2) {
        let p = PROVIDERS[rng.below(PROVIDERS.len() as u64) as usize];
        let n = 1 + rng.below(5);
        failures += n;
        entries.push(format!(
            r#"{{"category":"itsm","failure_count":{n},"latest_failure_at":"{at}","provider":"{p}","recovery_steps":["confirm connector destination ownership and maintenance status","verify outbound network path and endpoint allowlist","request retry execution approval before live retry delivery"],"status_codes":["401","429","502"]}}"#
        ));
    }
    let k = entries.len();
    let text = format!(
        r#"{{"alert_level":"critical","approval_required_count":{k},"blocked_count":{failures},"connector_recovery_playbook":{{"alert_level":"critical","controls":["connector-recovery-playbook-derived-from-redacted-delivery-metadata","playbook-contains-no-connector-secrets","live-retry-delivery-remains-approval-bound"],"failure_count":{failures},"generated_at":"{at}","generated_by":"console","lookback_hours":24,"min_failure_count":1,"playbook_id":"{id}","product":"CAVRA","provider_count":{k},"provider_playbooks":[{entries}],"schema_version":"cavra.go-backend-pilot.rollback-drill-acknowledgement-audit-delivery-connector-recovery-playbook.v1"}},"created_at":"{at}","decision_count":{k},"failure_count":{failures},"metadata_kind":"{PREFIX}connector-recovery-playbook","playbook_id":"{id}","product":"CAVRA","provider_count":{k},"schema_version":"cavra.evidence.metadata.v1","session_id":"{id}","signer":"console"}}"#,
        entries = entries.join(",")
    );
    (id, text)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut out: Option<PathBuf> = None;
    let mut files: u64 = 100_000;
    let mut ndjson: u64 = 1_000_000;
    let mut small: u64 = 0;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--files" => files = args.next().and_then(|v| v.parse().ok()).expect("--files N"),
            "--ndjson" => {
                ndjson = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--ndjson M")
            }
            "--small" => small = args.next().and_then(|v| v.parse().ok()).expect("--small K"),
            _ => out = Some(PathBuf::from(a)),
        }
    }
    let out = out.expect("usage: bench_gen OUT [--files N] [--ndjson M] [--small K]");
    if files > 0 {
        write_files(&out.join("files"), files);
    }
    if ndjson > 0 {
        write_ndjson(&out.join("ndjson"), ndjson);
    }
    if small > 0 {
        write_small(&out.join(format!("small-{small}")), small);
    }
}

/// K small files: 88% executions, 6% playbooks, 6% closures, stored items, 1,000 per folder.
fn write_small(dir: &Path, k: u64) {
    let mut rng = Rng(0x6A09_E667_F3BC_C908);
    let mut playbooks = Vec::new();
    // Closures cite executions and playbooks that exist, as in a real repository.
    let mut execs = Vec::new();
    for i in 0..k {
        let roll = rng.below(100);
        let (id, text) = if roll < 6 {
            let r = stored_playbook(&mut rng);
            playbooks.push(r.0.clone());
            r
        } else if roll < 12 {
            stored_closure(&mut rng, &playbooks, &execs)
        } else {
            let r = stored_execution(&mut rng);
            execs.push(r.0.clone());
            r
        };
        let path = dir
            .join(format!("{:04}", i / 1000))
            .join(format!("{id}.json"));
        if i % 1000 == 0 {
            fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        }
        fs::write(&path, text + "\n").expect("write file");
    }
}

fn write_files(dir: &Path, n: u64) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut playbooks = Vec::new();
    for i in 0..n {
        let roll = rng.below(100);
        let (folder, (id, text)) = if roll < 5 {
            let r = playbook(&mut rng);
            playbooks.push(r.0.clone());
            ("playbooks", r)
        } else if roll < 10 {
            ("closures", closure(&mut rng, &playbooks))
        } else {
            let stored = rng.below(2) == 0;
            ("executions", execution(&mut rng, stored))
        };
        let path = dir
            .join(format!("{:02}", i % 100))
            .join(folder)
            .join(format!("{id}.json"));
        fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        fs::write(&path, text + "\n").expect("write file");
    }
}

fn write_ndjson(dir: &Path, n: u64) {
    fs::create_dir_all(dir).expect("create folder");
    let f = fs::File::create(dir.join("executions.ndjson")).expect("create file");
    let mut w = BufWriter::with_capacity(1 << 20, f);
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    for _ in 0..n {
        let (_, text) = execution(&mut rng, false);
        w.write_all(text.as_bytes()).expect("write");
        w.write_all(b"\n").expect("write");
    }
    w.flush().expect("flush");
}
