//! `cavra serve` in-process (§7): the router called with tower's `oneshot`, on copies of
//! `tests/fixtures/flow/` at `now = 2026-06-01T08:00:00Z` with the default SLO (240).
//!
//! Expected values are derived by hand from `tests/fixtures/flow/README.md`:
//! - executions: Jira delivered, slack failed, Slack skipped, webhook delivered → 4, two
//!   delivered, failed + skipped = 2 (providers normalise to jira, slack, webhook);
//! - rows: pb-old/slack breached (720 min > 240, no closure), pb-new/webhook open (120 min),
//!   pb-new/pagerduty open (its closure is `deferred`), pb-old/jira closed (`resolved`) →
//!   4 rows, 1 closed, 3 open, 1 breached; alert level critical (a breach and failures);
//! - one escalation plan, `esc-fixture`, selecting jira and servicenow; 8 delivery records;
//!   2 closures, 2 playbooks; no acknowledgement, retry plan, report or schedule run.

use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Request, StatusCode, header};
use cavra::model::time::parse_ts;
use cavra::serve::{self, App, BASE, Config};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::common::{NOW, copy_tree, fixture, read_as};
use crate::docs::{
    Acknowledgement, ApiError, Closure, Dashboard, ErrorBody, ExecutiveReport, Health, Plan,
    Recording, Report, RetryPlan, ScheduleRun,
};

/// The Host every in-process request names (the configured listen address).
pub const HOST: &str = "127.0.0.1:8080";

/// A router over a copy of a fixture.
pub struct Server {
    pub router: Router,
    pub app: App,
    pub dir: tempfile::TempDir,
}

impl Server {
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        send(&self.router, req).await
    }
}

/// The configuration of a test server over `root`, pinned to `NOW`.
pub fn config(root: &Path) -> Config {
    Config {
        root: root.to_path_buf(),
        excludes: Vec::new(),
        threads: 2,
        now: parse_ts(NOW),
        listen: HOST.parse().expect("address"),
        read_only: false,
        token: None,
    }
}

/// A server over a fresh copy of `fixtures/<name>`, its config changed by `tweak`.
pub fn server_with(name: &str, tweak: impl FnOnce(&mut Config)) -> Server {
    let dir = copy_tree(&fixture(name));
    let mut c = config(dir.path());
    tweak(&mut c);
    let (router, app) = serve::router(c).expect("the server starts");
    Server { router, app, dir }
}

pub fn server(name: &str) -> Server {
    server_with(name, |_| {})
}

/// A response, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    /// The body, untyped: for checks of its exact shape (keys, whole documents).
    pub fn json(&self) -> Value {
        self.doc()
    }

    /// The body as a typed document of `crate::docs`.
    pub fn doc<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "{} is not a JSON {} ({e}): {}",
                self.status,
                std::any::type_name::<T>(),
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap_or("").to_owned())
    }

    /// The error code of an error response.
    pub fn code(&self) -> String {
        self.doc::<ErrorBody>().error.code
    }

    /// Asserts the status and the error code, and returns the error object.
    pub fn expect_error(&self, status: u16, code: &str) -> ApiError {
        assert_eq!(self.status.as_u16(), status, "{}", self.text());
        assert_eq!(self.code(), code, "{}", self.text());
        assert_eq!(
            self.header("content-type").as_deref(),
            Some("application/json")
        );
        self.doc::<ErrorBody>().error
    }
}

pub async fn send(router: &Router, req: Request<Body>) -> Reply {
    let res = router.clone().oneshot(req).await.expect("infallible");
    let status = res.status();
    let headers = res.headers().clone();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .expect("body");
    Reply {
        status,
        headers,
        body,
    }
}

/// `BASE` + `path` (paths that start with `/runtime` or are the page's own are kept).
pub fn url(path: &str) -> String {
    if path.starts_with(BASE) || ["/", "/healthz", "/metrics"].contains(&path) {
        path.to_owned()
    } else {
        format!("{BASE}{path}")
    }
}

pub fn get(path: &str) -> Request<Body> {
    Request::get(url(path))
        .header(header::HOST, HOST)
        .body(Body::empty())
        .expect("request")
}

pub fn post(path: &str, body: impl Into<String>) -> Request<Body> {
    Request::post(url(path))
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.into()))
        .expect("request")
}

/// The names of the files in `root/folder` (none when it does not exist).
pub fn files_in(root: &Path, folder: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join(folder))
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// The keys of a response body (raw shape: which keys, none more). serde_json without
/// preserve_order sorts keys; the order is checked in the parity tests, on the raw text.
fn keys(r: &Reply) -> Vec<String> {
    r.doc::<serde_json::Map<String, Value>>()
        .keys()
        .cloned()
        .collect()
}

/// A one-document response whose `metadata` must equal the written file, whole.
type Written<T> = Recording<T, Value>;

// -----------------------------------------------------------------------------------------
// Views

#[tokio::test]
async fn report_view_is_the_report_and_writes_nothing() {
    let s = server("flow");
    let r = s.send(get("/retry-recovery-report")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/json")
    );
    assert_eq!(r.header("x-cavra-evidence-problems"), None, "no problems");
    assert_eq!(keys(&r), ["metadata", "report"]);
    let v: Recording<Report> = r.doc();
    let report = &v.doc;
    assert_eq!(report.generated_at, "2026-06-01T08:00:00Z");
    assert_eq!(report.generated_by, "console", "the label under serve");
    assert_eq!(report.recovery_slo_minutes, 240);
    assert_eq!(report.alert_level, "critical");
    assert_eq!(report.execution_count, 4);
    assert_eq!(report.execution_success_count, 2);
    assert_eq!(report.execution_failed_count, 2);
    assert_eq!(report.recovery_playbook_provider_count, 4);
    assert_eq!(report.recovery_closed_count, 1);
    assert_eq!(report.recovery_open_count, 3);
    assert_eq!(report.recovery_slo_breached_count, 1);
    let first = &report.recovery_rows[0];
    assert_eq!(
        (
            first.playbook_id.as_str(),
            first.provider.as_str(),
            first.slo_status.as_str()
        ),
        ("pb-old", "slack", "breached")
    );
    let meta = &v.metadata;
    assert_eq!(meta.session_id, report.report_id);
    assert_eq!(
        meta.metadata_kind,
        "go-backend-rollback-drill-acknowledgement-audit-delivery-retry-recovery-report"
    );
    // The stored item holds the report itself, whole.
    let raw: Recording<Value> = r.doc();
    assert_eq!(raw.metadata.document, raw.doc);
    // A page view must not add a file to a git repository (§8).
    assert!(files_in(s.root(), "reports").is_empty());

    // Parameters: an SLO of 800 minutes covers the 720-minute-old slack row; empty values
    // count as absent.
    let v: Recording<Report> = s
        .send(get(
            "/retry-recovery-report?recovery_slo_minutes=800&generated_by=auditor",
        ))
        .await
        .doc();
    assert_eq!(v.doc.recovery_slo_breached_count, 0);
    assert_eq!(v.doc.generated_by, "auditor");
    let v: Recording<Report> = s
        .send(get(
            "/retry-recovery-report?recovery_slo_minutes=&generated_by=&record=",
        ))
        .await
        .doc();
    assert_eq!(v.doc.recovery_slo_minutes, 240);
    assert_eq!(v.doc.generated_by, "console");
    // 0 means the default.
    let v: Recording<Report> = s
        .send(get("/retry-recovery-report?recovery_slo_minutes=0"))
        .await
        .doc();
    assert_eq!(v.doc.recovery_slo_minutes, 240);
}

#[tokio::test]
async fn executive_report_dashboard_and_health() {
    let s = server("flow");
    let r = s.send(get("/recovery-executive-report")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(keys(&r), ["metadata", "report"]);
    let v: Recording<ExecutiveReport> = r.doc();
    assert_eq!(v.doc.alert_level, "critical");
    assert_eq!(
        v.doc.executive_summary.business_impact, "Connector recovery requires leadership attention",
        "the plan has critical routes (the breached slack row)"
    );
    let raw: Recording<Value> = r.doc();
    assert_eq!(raw.metadata.document, raw.doc);
    assert!(files_in(s.root(), "executive-reports").is_empty());

    // Compared whole: the dashboard has exactly these fields.
    let d = s.send(get("/dashboard")).await.json();
    assert_eq!(
        d,
        json!({
            "alert_level": "critical",
            "execution_count": 4,
            "execution_failed_count": 2,
            "recovery_open_count": 3,
            "recovery_slo_breached_count": 1,
            "escalation_plan_count": 1,
            "acknowledgement_count": 0,
            "acknowledgement_state_counts": {},
            "retry_plan_count": 0,
            // Default policy at 08:00: esc-fixture/jira has 2 failed deliveries (07:00,
            // 07:50): 15 × 2 = 30 min after 07:50 is 08:20 → wait; esc-fixture/servicenow
            // has one (07:00) + 15 min = 07:15 → retry; esc-other/pagerduty has 3 → suppress.
            "retryable_delivery_count": 1,
            "schedule_run_count": 0,
            "latest_schedule_window_start": ""
        })
    );

    let h = s.send(get("/healthz")).await;
    assert_eq!(h.status, StatusCode::OK);
    assert_eq!(h.text(), r#"{"status":"ok","evidence_problems":0}"#);
}

#[tokio::test]
async fn metrics_are_openmetrics_gauges() {
    let s = server("flow");
    let r = s.send(get("/metrics")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/openmetrics-text; version=1.0.0; charset=utf-8")
    );
    let text = r.text();
    // The time the start-up read took is whatever it was; every other value is derived.
    let seconds: Vec<f64> = text
        .lines()
        .filter_map(|l| l.strip_prefix("cavra_refresh_seconds "))
        .map(|v| v.parse().expect("seconds are a number"))
        .collect();
    assert!(matches!(seconds[..], [s] if s >= 0.0), "{seconds:?}");
    let samples: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("cavra_refresh_seconds "))
        .collect();
    // Derived from the fixture (see the module doc); series sorted by labels.
    assert_eq!(
        samples,
        [
            r#"cavra_executions{provider="jira",status="delivered"} 1"#,
            r#"cavra_executions{provider="slack",status="failed"} 1"#,
            r#"cavra_executions{provider="slack",status="skipped"} 1"#,
            r#"cavra_executions{provider="webhook",status="delivered"} 1"#,
            r#"cavra_recovery_rows{provider="jira",slo_status="breached"} 0"#,
            r#"cavra_recovery_rows{provider="jira",slo_status="closed"} 1"#,
            r#"cavra_recovery_rows{provider="jira",slo_status="open"} 0"#,
            r#"cavra_recovery_rows{provider="pagerduty",slo_status="breached"} 0"#,
            r#"cavra_recovery_rows{provider="pagerduty",slo_status="closed"} 0"#,
            r#"cavra_recovery_rows{provider="pagerduty",slo_status="open"} 1"#,
            r#"cavra_recovery_rows{provider="slack",slo_status="breached"} 1"#,
            r#"cavra_recovery_rows{provider="slack",slo_status="closed"} 0"#,
            r#"cavra_recovery_rows{provider="slack",slo_status="open"} 0"#,
            r#"cavra_recovery_rows{provider="webhook",slo_status="breached"} 0"#,
            r#"cavra_recovery_rows{provider="webhook",slo_status="closed"} 0"#,
            r#"cavra_recovery_rows{provider="webhook",slo_status="open"} 1"#,
            r#"cavra_recovery_slo_breached{provider="jira"} 0"#,
            r#"cavra_recovery_slo_breached{provider="pagerduty"} 0"#,
            r#"cavra_recovery_slo_breached{provider="slack"} 1"#,
            r#"cavra_recovery_slo_breached{provider="webhook"} 0"#,
            "cavra_evidence_problems 0",
            r#"cavra_evidence_records{kind="connector-recovery-closure"} 2"#,
            r#"cavra_evidence_records{kind="connector-recovery-playbook"} 2"#,
            r#"cavra_evidence_records{kind="recovery-escalation-ack"} 0"#,
            r#"cavra_evidence_records{kind="recovery-escalation-delivery-retry-plan"} 0"#,
            r#"cavra_evidence_records{kind="recovery-escalation-plan"} 1"#,
            r#"cavra_evidence_records{kind="recovery-executive-report"} 0"#,
            r#"cavra_evidence_records{kind="recovery-executive-report-schedule-run"} 0"#,
            r#"cavra_evidence_records{kind="release-connector-delivery"} 8"#,
            r#"cavra_evidence_records{kind="retry-execution-record"} 4"#,
            r#"cavra_evidence_records{kind="retry-recovery-report"} 0"#,
            // Closure minutes (the fixture's rows): jira pb-old 05-31T20:00 → 22:00 = 120,
            // pagerduty pb-new 06:00 → 07:00 = 60; cumulative buckets from their bound on.
            // No acknowledgements: the acknowledgement histogram has no series.
            r#"cavra_recovery_closure_minutes_bucket{provider="jira",le="15.0"} 0"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="jira",le="30.0"} 0"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="jira",le="60.0"} 0"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="jira",le="120.0"} 1"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="jira",le="240.0"} 1"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="jira",le="480.0"} 1"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="jira",le="1440.0"} 1"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="jira",le="2880.0"} 1"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="jira",le="10080.0"} 1"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="jira",le="+Inf"} 1"#,
            r#"cavra_recovery_closure_minutes_sum{provider="jira"} 120"#,
            r#"cavra_recovery_closure_minutes_count{provider="jira"} 1"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="pagerduty",le="15.0"} 0"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="pagerduty",le="30.0"} 0"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="pagerduty",le="60.0"} 1"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="pagerduty",le="120.0"} 1"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="pagerduty",le="240.0"} 1"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="pagerduty",le="480.0"} 1"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="pagerduty",le="1440.0"} 1"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="pagerduty",le="2880.0"} 1"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="pagerduty",le="10080.0"} 1"#,
            r#"cavra_recovery_closure_minutes_bucket{provider="pagerduty",le="+Inf"} 1"#,
            r#"cavra_recovery_closure_minutes_sum{provider="pagerduty"} 60"#,
            r#"cavra_recovery_closure_minutes_count{provider="pagerduty"} 1"#,
            // The start-up read read every file: 4 executions, 2 playbooks, 2 closures,
            // 1 plan, 8 deliveries (README.md is no evidence file).
            "cavra_refresh_files_read 17",
            "cavra_refresh_full 1",
        ]
    );
    for family in [
        "cavra_executions",
        "cavra_recovery_rows",
        "cavra_recovery_slo_breached",
        "cavra_evidence_problems",
        "cavra_evidence_records",
        "cavra_refresh_seconds",
        "cavra_refresh_files_read",
        "cavra_refresh_full",
    ] {
        assert!(
            text.contains(&format!("# TYPE {family} gauge\n")),
            "{family}"
        );
    }
    for family in [
        "cavra_recovery_closure_minutes",
        "cavra_escalation_acknowledgement_minutes",
    ] {
        assert!(
            text.contains(&format!("# TYPE {family} histogram\n")),
            "{family}"
        );
    }
    assert!(text.ends_with("# EOF\n"));
}

#[tokio::test]
async fn metrics_escape_label_values() {
    let s = server("flow");
    std::fs::write(
        s.root().join("executions/odd.json"),
        r#"{"metadata_kind": "retry-execution-record", "execution_id": "odd-1",
            "provider": "a\"b\\c", "execution_status": "delivered",
            "executed_at": "2026-06-01T06:00:00Z"}"#,
    )
    .unwrap();
    s.app.refresh().await.expect("read again");
    let text = s.send(get("/metrics")).await.text();
    assert!(
        text.contains(r#"cavra_executions{provider="a\"b\\c",status="delivered"} 1"#),
        "{text}"
    );
}

#[tokio::test]
async fn the_console_page() {
    let s = server("flow");
    let r = s.send(get("/")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    let csp = r.header("content-security-policy").expect("a CSP");
    assert!(csp.starts_with("default-src 'none';"), "{csp}");
    assert!(csp.contains("connect-src 'self'"), "{csp}");
    let page = r.text();
    for needle in [
        "Ack Recovery Escalation",
        "Plan Escalation Retry",
        "Schedule Executive Report",
        "Retry Recovery SLO",
        "aria-live",
        BASE,
    ] {
        assert!(page.contains(needle), "{needle}");
    }
    assert!(!page.contains("<link") && !page.contains("src=\"http"));
}

// -----------------------------------------------------------------------------------------
// Writes

#[tokio::test]
async fn every_write_endpoint_records_and_shows_at_once() {
    let s = server("flow");
    let root = s.root().to_path_buf();

    // Escalation plan: the flow's plan selects pagerduty, slack and webhook.
    let r = s.send(post("/recovery-escalation-plan", "{}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(keys(&r), ["metadata", "plan"]);
    let v: Written<Plan> = r.doc();
    let plan_id = v.doc.plan_id.clone();
    assert_eq!(v.doc.selected_providers, ["pagerduty", "slack", "webhook"]);
    assert_eq!(v.doc.generated_by, "console");
    assert_eq!(r.header("x-cavra-recorded").as_deref(), Some("written"));
    let rel = format!("escalation-plans/{plan_id}.json");
    assert_eq!(
        r.header("x-cavra-record-path").as_deref(),
        Some(rel.as_str())
    );
    assert_eq!(read_as::<Value>(&root.join(&rel)), v.metadata);

    // The new plan can be acknowledged at once (the write is seen by the next request).
    let body = json!({"provider": "Slack", "acknowledged_by": "sre-oncall",
                      "acknowledgement_state": "Accepted", "external_ref": "INC-42"});
    let r = s
        .send(post(
            &format!("/recovery-escalations/{plan_id}/acknowledgements"),
            body.to_string(),
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(keys(&r), ["acknowledgement", "metadata"]);
    let v: Written<Acknowledgement> = r.doc();
    let ack = &v.doc;
    assert_eq!(ack.provider, "slack", "normalised");
    assert_eq!(ack.acknowledgement_state, "accepted");
    assert_eq!(ack.acknowledged_at, "2026-06-01T08:00:00Z");
    assert_eq!(ack.escalation_reason, "");
    let ack_file = root.join(format!("acknowledgements/{}.json", ack.acknowledgement_id));
    assert_eq!(read_as::<Value>(&ack_file), v.metadata);
    let d: Dashboard = s.send(get("/dashboard")).await.doc();
    assert_eq!(d.escalation_plan_count, 2, "esc-fixture and the new plan");
    assert_eq!(d.acknowledgement_count, 1);
    assert_eq!(
        d.acknowledgement_state_counts,
        [("accepted".to_owned(), 1)].into()
    );

    // The same acknowledgement again: unchanged, still 200.
    let r = s
        .send(post(
            &format!("/recovery-escalations/{plan_id}/acknowledgements"),
            body.to_string(),
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("x-cavra-recorded").as_deref(), Some("unchanged"));
    assert_eq!(files_in(&root, "acknowledgements").len(), 1);

    // Closure of pb-new/webhook (the open webhook row).
    let r = s
        .send(post(
            "/connector-recovery-playbooks/pb-new/closures",
            json!({"provider": "webhook", "closed_by": "release-governance",
                   "closure_state": "resolved", "verification_refs": ["exec-webhook-1"]})
            .to_string(),
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(keys(&r), ["closure", "metadata"]);
    let v: Recording<Closure> = r.doc();
    assert_eq!(v.doc.closed_at, "2026-06-01T08:00:00Z");
    // The report sees it: 2 rows closed now, 2 open.
    let rep: Recording<Report> = s.send(get("/retry-recovery-report")).await.doc();
    assert_eq!(rep.doc.recovery_closed_count, 2);
    assert_eq!(rep.doc.recovery_open_count, 2);

    // Retry plan with the default policy: three groups (see the dashboard test).
    let r = s.send(post("/recovery-escalations/retry-plan", "{}")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(keys(&r), ["metadata", "retry_plan"]);
    let v: Recording<RetryPlan> = r.doc();
    assert_eq!(v.doc.decision_count, 3);
    assert_eq!(v.doc.retryable_count, 1);
    assert_eq!(files_in(&root, "retry-plans").len(), 1);

    // Schedule run: the run and its executive report.
    let r = s
        .send(post(
            "/recovery-executive-report/schedule-run",
            json!({"schedule": {"interval_minutes": 60, "cadence": "hourly"}}).to_string(),
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(keys(&r), ["metadata", "report_metadata", "run"]);
    let v: Recording<ScheduleRun> = r.doc();
    assert_eq!(v.doc.schedule.window_start, "2026-06-01T08:00:00Z");
    assert_eq!(v.doc.schedule.window_end, "2026-06-01T09:00:00Z");
    assert_eq!(v.doc.schedule.cadence, "hourly");
    assert_eq!(files_in(&root, "schedule-runs").len(), 1);
    assert_eq!(files_in(&root, "executive-reports").len(), 1);
    // The same window again: the stored run, nothing new.
    let again = s
        .send(post(
            "/recovery-executive-report/schedule-run",
            json!({"schedule": {"interval_minutes": 60, "cadence": "hourly"}}).to_string(),
        ))
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(
        again.header("x-cavra-recorded").as_deref(),
        Some("unchanged")
    );
    // The very same run, whole.
    assert_eq!(
        again.doc::<Recording<Value>>().doc,
        r.doc::<Recording<Value>>().doc
    );

    // record=true finds the report recorded already: the schedule run recorded it, because
    // its executive report cites it (§4.8; same now, label and evidence).
    let r = s.send(get("/retry-recovery-report?record=true")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.header("x-cavra-recorded").as_deref(), Some("unchanged"));
    // Two reports: the one escalate recorded for its plan (before the closure above changed
    // the rows) and this one.
    assert_eq!(files_in(&root, "reports").len(), 2);
    // The schedule run recorded this very executive report (same now, label and
    // evidence): recording it again finds it unchanged.
    let r = s.send(get("/recovery-executive-report?record=true")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.header("x-cavra-recorded").as_deref(), Some("unchanged"));
    assert_eq!(files_in(&root, "executive-reports").len(), 1);
    let r = s
        .send(get(
            "/recovery-executive-report?record=true&recovery_slo_minutes=30",
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.header("x-cavra-recorded").as_deref(), Some("written"));
    assert_eq!(files_in(&root, "executive-reports").len(), 2);

    // Everything written is valid evidence.
    let h: Health = s.send(get("/healthz")).await.doc();
    assert_eq!((h.status.as_str(), h.evidence_problems), ("ok", 0));
}

// -----------------------------------------------------------------------------------------
// Errors

#[tokio::test]
async fn bad_requests_are_400() {
    let s = server("flow");
    let ack = "/recovery-escalations/esc-fixture/acknowledgements";
    let cases: Vec<(&str, Request<Body>, &str)> = vec![
        (
            "bad JSON",
            post("/recovery-escalation-plan", "{"),
            "not valid JSON",
        ),
        (
            "not an object",
            post("/recovery-escalation-plan", "[]"),
            "JSON object",
        ),
        ("empty body", post("/recovery-escalation-plan", ""), "empty"),
        (
            "unknown field",
            post("/recovery-escalation-plan", r#"{"slo": 5}"#),
            "unknown field `slo`",
        ),
        (
            "bad field type",
            post(
                "/recovery-escalation-plan",
                r#"{"recovery_slo_minutes": "30"}"#,
            ),
            "bad field",
        ),
        (
            "negative SLO",
            post(
                "/recovery-escalation-plan",
                r#"{"recovery_slo_minutes": -5}"#,
            ),
            "bad field",
        ),
        (
            "nested unknown field",
            post(
                "/recovery-escalations/retry-plan",
                r#"{"retry_policy": {"max": 1}}"#,
            ),
            "unknown field `max`",
        ),
        (
            "negative backoff",
            post(
                "/recovery-escalations/retry-plan",
                r#"{"retry_policy": {"backoff_multiplier": -1.5}}"#,
            ),
            "negative",
        ),
        (
            "state outside the list",
            post(
                ack,
                r#"{"provider": "jira", "acknowledged_by": "ops", "acknowledgement_state": "maybe"}"#,
            ),
            "acknowledgement state \"maybe\" is not one of",
        ),
        (
            "provider not in the plan",
            post(ack, r#"{"provider": "slack", "acknowledged_by": "ops"}"#),
            "jira, servicenow",
        ),
        (
            "blank required field",
            post(ack, r#"{"provider": "jira", "acknowledged_by": "  "}"#),
            "acknowledged_by must not be empty",
        ),
        (
            "missing required field",
            post(ack, r#"{"provider": "jira"}"#),
            "missing field `acknowledged_by`",
        ),
        (
            "plan id in the body",
            post(
                ack,
                r#"{"plan_id": "x", "provider": "jira", "acknowledged_by": "ops"}"#,
            ),
            "taken from the path",
        ),
        (
            "record neither true nor false",
            get("/retry-recovery-report?record=yes"),
            "neither true nor false",
        ),
        (
            "negative SLO in the query",
            get("/dashboard?recovery_slo_minutes=-5"),
            "not a whole number",
        ),
        (
            "unknown query parameter",
            get("/retry-recovery-report?slo=5"),
            "unknown query parameter",
        ),
        (
            "closure state outside the list",
            post(
                "/connector-recovery-playbooks/pb-new/closures",
                r#"{"provider": "webhook", "closed_by": "ops", "closure_state": "done"}"#,
            ),
            "not one of",
        ),
    ];
    for (what, req, needle) in cases {
        let r = s.send(req).await;
        let e = r.expect_error(400, "bad_request");
        assert!(e.message.contains(needle), "{what}: {}", e.message);
    }
    // Nothing was written by any of them.
    for folder in [
        "escalation-plans",
        "acknowledgements",
        "retry-plans",
        "closures",
    ] {
        let expected = match folder {
            "escalation-plans" => 1,
            "closures" => 2,
            _ => 0,
        };
        assert_eq!(files_in(s.root(), folder).len(), expected, "{folder}");
    }
}

#[tokio::test]
async fn path_ids_are_checked_before_any_file_access() {
    // The evidence folder is removed after the server started: a request that reached the
    // file system would fail with a 500; a bad id must be a 400 first.
    let s = server("flow");
    let ack = r#"{"provider": "jira", "acknowledged_by": "ops"}"#;
    let close = r#"{"provider": "jira", "closed_by": "ops"}"#;
    std::fs::remove_dir_all(s.root()).unwrap();
    for (path, body) in [
        ("/recovery-escalations/..%2F..%2Fetc/acknowledgements", ack),
        ("/recovery-escalations/.hidden/acknowledgements", ack),
        ("/connector-recovery-playbooks/a%20b/closures", close),
    ] {
        let r = s.send(post(path, body)).await;
        let e = r.expect_error(400, "bad_request");
        assert!(e.message.contains("is not a valid id"), "{path}: {e:?}");
    }
    assert!(!s.root().exists(), "nothing was created");
}

#[tokio::test]
async fn unknown_references_and_paths_are_404() {
    let s = server("flow");
    let r = s
        .send(post(
            "/recovery-escalations/esc-missing/acknowledgements",
            r#"{"provider": "jira", "acknowledged_by": "ops"}"#,
        ))
        .await;
    let e = r.expect_error(404, "not_found");
    assert!(e.message.contains("known plans: esc-fixture"), "{e:?}");
    let r = s
        .send(post(
            "/connector-recovery-playbooks/pb-missing/closures",
            r#"{"provider": "jira", "closed_by": "ops"}"#,
        ))
        .await;
    r.expect_error(404, "not_found");
    for path in ["/nope", "/runtime/go-pilot", &format!("{BASE}/reports")] {
        let r = s.send(get(path)).await;
        r.expect_error(404, "not_found");
    }
    // A known path with another method.
    let r = s.send(get("/recovery-escalation-plan")).await;
    r.expect_error(405, "method_not_allowed");
    assert_eq!(r.header("allow").as_deref(), Some("POST"));
}

#[tokio::test]
async fn conflicts_are_409() {
    let s = server("flow");
    let ack = "/recovery-escalations/esc-fixture/acknowledgements";
    // Same id (plan, provider, who, state, now), other notes: an existing record with other
    // content.
    let first = s
        .send(post(
            ack,
            r#"{"provider": "jira", "acknowledged_by": "ops", "notes": "first"}"#,
        ))
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    let r = s
        .send(post(
            ack,
            r#"{"provider": "jira", "acknowledged_by": "ops", "notes": "second"}"#,
        ))
        .await;
    r.expect_error(409, "conflict");
    assert_eq!(files_in(s.root(), "acknowledgements").len(), 1);
}

#[tokio::test]
async fn derived_documents_over_evidence_with_problems_are_409() {
    let s = server("flow");
    std::fs::write(s.root().join("broken.json"), "{\"metadata_kind\": ").unwrap();
    s.app.refresh().await.expect("read again");

    // Reading still works, and says how many problems there are.
    let r = s.send(get("/retry-recovery-report")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("x-cavra-evidence-problems").as_deref(), Some("1"));
    assert_eq!(
        s.send(get("/healthz"))
            .await
            .doc::<Health>()
            .evidence_problems,
        1
    );

    for (what, req) in [
        ("plan", post("/recovery-escalation-plan", "{}")),
        ("retry plan", post("/recovery-escalations/retry-plan", "{}")),
        (
            "schedule run",
            post("/recovery-executive-report/schedule-run", "{}"),
        ),
        ("report", get("/retry-recovery-report?record=true")),
        (
            "executive report",
            get("/recovery-executive-report?record=true"),
        ),
    ] {
        let r = s.send(req).await;
        let e = r.expect_error(409, "conflict");
        assert_eq!(
            r.header("x-cavra-evidence-problems").as_deref(),
            Some("1"),
            "{what}"
        );
        let problems = e.problems.as_ref().expect("the problems are listed");
        assert_eq!(problems.len(), 1, "{what}");
        assert!(problems[0].place.contains("broken.json"), "{what}: {e:?}");
        assert_eq!(problems[0].rule, "syntax");
    }
    for folder in [
        "escalation-plans",
        "retry-plans",
        "schedule-runs",
        "reports",
        "executive-reports",
    ] {
        let expected = usize::from(folder == "escalation-plans");
        assert_eq!(files_in(s.root(), folder).len(), expected, "{folder}");
    }
    // An acknowledgement needs only its own references: still written (§4).
    let r = s
        .send(post(
            "/recovery-escalations/esc-fixture/acknowledgements",
            r#"{"provider": "jira", "acknowledged_by": "ops"}"#,
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.header("x-cavra-evidence-problems").as_deref(), Some("1"));
    // Errors computed over the evidence say so too.
    let r = s
        .send(post(
            "/recovery-escalations/esc-missing/acknowledgements",
            r#"{"provider": "jira", "acknowledged_by": "ops"}"#,
        ))
        .await;
    r.expect_error(404, "not_found");
    assert_eq!(r.header("x-cavra-evidence-problems").as_deref(), Some("1"));
    // Every response over evidence with problems carries the header (§7), bad input and
    // the console page included.
    let mut plain = post("/recovery-escalation-plan", "{}");
    plain
        .headers_mut()
        .insert("content-type", "text/plain".parse().unwrap());
    for (what, req, status) in [
        ("bad JSON", post("/recovery-escalation-plan", "{"), 400),
        ("not JSON content", plain, 415),
        ("unknown path", get("/nowhere"), 404),
        ("console", get("/"), 200),
    ] {
        let r = s.send(req).await;
        assert_eq!(r.status.as_u16(), status, "{what}");
        assert_eq!(
            r.header("x-cavra-evidence-problems").as_deref(),
            Some("1"),
            "{what}"
        );
    }
}

#[tokio::test]
async fn bodies_over_64_kib_are_413() {
    let s = server("flow");
    let big = json!({"provider": "jira", "acknowledged_by": "ops", "notes": "x".repeat(70_000)})
        .to_string();
    let path = url("/recovery-escalations/esc-fixture/acknowledgements");
    // With a Content-Length, refused before reading.
    let req = Request::post(&path)
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, big.len())
        .body(Body::from(big.clone()))
        .unwrap();
    s.send(req).await.expect_error(413, "payload_too_large");
    // Without one (as a chunked body arrives), refused while reading.
    let req = Request::post(&path)
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(big))
        .unwrap();
    assert!(req.headers().get(header::CONTENT_LENGTH).is_none());
    s.send(req).await.expect_error(413, "payload_too_large");
    // Just under the limit is read (and then refused by PS004 for the long text, a 422).
    let notes = "y".repeat(60_000);
    let r = s
        .send(post(
            "/recovery-escalations/esc-fixture/acknowledgements",
            json!({"provider": "jira", "acknowledged_by": "ops", "notes": notes}).to_string(),
        ))
        .await;
    r.expect_error(422, "public_safe_violation");
    assert!(!s.root().join("acknowledgements").exists());
}

#[tokio::test]
async fn posts_without_json_content_type_are_415() {
    let s = server("flow");
    let path = url("/recovery-escalation-plan");
    for ct in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let mut b = Request::post(&path).header(header::HOST, HOST);
        if let Some(ct) = ct {
            b = b.header(header::CONTENT_TYPE, ct);
        }
        let r = s.send(b.body(Body::from("{}")).unwrap()).await;
        r.expect_error(415, "unsupported_media_type");
    }
    // A charset parameter is fine.
    let r = s
        .send(
            Request::post(&path)
                .header(header::HOST, HOST)
                .header(header::CONTENT_TYPE, "Application/JSON; charset=utf-8")
                .body(Body::from("{}"))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

#[tokio::test]
async fn public_safe_violations_are_422_with_rule_and_pointer() {
    let s = server("flow");
    let ack = "/recovery-escalations/esc-fixture/acknowledgements";
    let cases = [
        (
            ack,
            json!({"provider": "jira", "acknowledged_by": "ops", "notes": "see https://wiki.corp/x"}),
            "PS003",
            "/notes",
        ),
        (
            ack,
            json!({"provider": "jira", "acknowledged_by": "ops",
                   "external_ref": "ghp_abcdefghijklmnopqrstuvwxyz0123456789"}),
            "PS002",
            "/external_ref",
        ),
        (
            "/recovery-executive-report/schedule-run",
            json!({"schedule": {"cadence": "Bearer abcdef0123456789"}}),
            "PS002",
            "/schedule/cadence",
        ),
        (
            "/recovery-escalation-plan",
            json!({"generated_by": "x".repeat(2049)}),
            "PS004",
            "/generated_by",
        ),
    ];
    for (path, body, rule, pointer) in cases {
        let r = s.send(post(path, body.to_string())).await;
        let e = r.expect_error(422, "public_safe_violation");
        assert_eq!(e.rule.as_deref(), Some(rule), "{e:?}");
        assert_eq!(e.pointer.as_deref(), Some(pointer), "{e:?}");
    }
    let r = s
        .send(get(
            "/retry-recovery-report?generated_by=https%3A%2F%2Fuser%3Apw%40example.com%2F",
        ))
        .await;
    let e = r.expect_error(422, "public_safe_violation");
    assert_eq!(e.pointer.as_deref(), Some("/generated_by"));
    for folder in ["acknowledgements", "schedule-runs", "reports"] {
        assert!(files_in(s.root(), folder).is_empty(), "{folder}");
    }
}

#[tokio::test]
async fn read_only_refuses_every_write_with_403() {
    let s = server_with("flow", |c| c.read_only = true);
    for req in [
        post("/recovery-escalation-plan", "{}"),
        post(
            "/recovery-escalations/esc-fixture/acknowledgements",
            r#"{"provider": "jira", "acknowledged_by": "ops"}"#,
        ),
        post("/recovery-escalations/retry-plan", "{}"),
        post("/recovery-executive-report/schedule-run", "{}"),
        post(
            "/connector-recovery-playbooks/pb-new/closures",
            r#"{"provider": "webhook", "closed_by": "ops"}"#,
        ),
        get("/retry-recovery-report?record=true"),
        get("/recovery-executive-report?record=true"),
    ] {
        let r = s.send(req).await;
        let e = r.expect_error(403, "forbidden");
        assert!(e.message.contains("read-only"), "{e:?}");
    }
    // Reading is fine.
    for path in [
        "/retry-recovery-report",
        "/retry-recovery-report?record=false",
        "/recovery-executive-report",
        "/dashboard",
        "/healthz",
        "/metrics",
        "/",
    ] {
        assert_eq!(s.send(get(path)).await.status, StatusCode::OK, "{path}");
    }
    let written: usize = [
        "escalation-plans",
        "acknowledgements",
        "retry-plans",
        "schedule-runs",
        "reports",
        "executive-reports",
    ]
    .iter()
    .map(|f| files_in(s.root(), f).len())
    .sum();
    assert_eq!(written, 1, "only the fixture's own plan");
}

#[tokio::test]
async fn a_token_guards_every_write_with_401() {
    let s = server_with("flow", |c| c.token = Some("t0ken-for-tests".to_owned()));
    let with = |auth: Option<&str>| {
        let mut b = Request::post(url("/recovery-escalation-plan"))
            .header(header::HOST, HOST)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(a) = auth {
            b = b.header(header::AUTHORIZATION, a);
        }
        b.body(Body::from("{}")).unwrap()
    };
    let r = s.send(with(None)).await;
    r.expect_error(401, "unauthorized");
    assert_eq!(
        r.header("www-authenticate").as_deref(),
        Some("Bearer realm=\"cavra\"")
    );
    s.send(with(Some("Bearer wrong")))
        .await
        .expect_error(401, "unauthorized");
    s.send(with(Some("Bearer t0ken-for-test")))
        .await
        .expect_error(401, "unauthorized");
    s.send(with(Some("Basic t0ken-for-tests")))
        .await
        .expect_error(401, "unauthorized");
    let r = s
        .send(
            Request::get(url("/retry-recovery-report?record=true"))
                .header(header::HOST, HOST)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    r.expect_error(401, "unauthorized");
    assert!(files_in(s.root(), "escalation-plans").len() == 1);
    // The right token writes; reading needs none.
    let r = s.send(with(Some("bearer t0ken-for-tests"))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(s.send(get("/dashboard")).await.status, StatusCode::OK);
}

#[tokio::test]
async fn foreign_hosts_and_origins_are_403() {
    let s = server("flow");
    let req = |host: Option<&str>, origin: Option<&str>, write: bool| {
        let mut b = if write {
            Request::post(url("/recovery-escalation-plan"))
                .header(header::CONTENT_TYPE, "application/json")
        } else {
            Request::get(url("/dashboard"))
        };
        if let Some(h) = host {
            b = b.header(header::HOST, h);
        }
        if let Some(o) = origin {
            b = b.header(header::ORIGIN, o);
        }
        b.body(Body::from(if write { "{}" } else { "" })).unwrap()
    };
    // DNS rebinding: a name that resolves to us but is not ours.
    for host in [
        Some("evil.example:8080"),
        Some("evil.example"),
        Some("127.0.0.1:9999"),
        Some("localhost"),
        Some("127.0.0.2:8080"),
        None,
    ] {
        let r = s.send(req(host, None, false)).await;
        r.expect_error(403, "forbidden");
    }
    for host in [
        "127.0.0.1:8080",
        "localhost:8080",
        "LOCALHOST:8080",
        "[::1]:8080",
    ] {
        let r = s.send(req(Some(host), None, false)).await;
        assert_eq!(r.status, StatusCode::OK, "{host}: {}", r.text());
    }
    // Cross-site writes: another origin, or an opaque one.
    for origin in [
        "http://evil.example",
        "http://127.0.0.1:8080.evil.example",
        "https://127.0.0.1:8080",
        "http://localhost:8080",
        "null",
    ] {
        let r = s.send(req(Some(HOST), Some(origin), true)).await;
        r.expect_error(403, "forbidden");
    }
    assert_eq!(files_in(s.root(), "escalation-plans").len(), 1);
    // The console's own origin.
    let r = s
        .send(req(Some(HOST), Some("http://127.0.0.1:8080"), true))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = s
        .send(req(
            Some("localhost:8080"),
            Some("http://localhost:8080"),
            false,
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn no_bad_input_is_a_500() {
    let s = server("flow");
    let bodies = [
        "",
        "{",
        "}",
        "null",
        "1",
        "\"x\"",
        "[{}]",
        "{\"a\":",
        "{\"provider\": 1}",
        "{\"provider\": null, \"acknowledged_by\": null}",
        "\u{FEFF}{}",
        "{\"provider\": \"\\ud800\"}",
        &"[".repeat(200),
        &format!("{{\"notes\": \"{}\"}}", "\\u0000".repeat(10)),
    ];
    let paths = [
        "/recovery-escalation-plan",
        "/recovery-escalations/esc-fixture/acknowledgements",
        "/recovery-escalations/retry-plan",
        "/recovery-executive-report/schedule-run",
        "/connector-recovery-playbooks/pb-new/closures",
        "/recovery-escalations/%FF%FE/acknowledgements",
        "/connector-recovery-playbooks/%2e%2e/closures",
    ];
    for path in paths {
        for body in bodies {
            let r = s.send(post(path, body)).await;
            assert!(
                r.status.is_client_error(),
                "{path} {body:?}: {} {}",
                r.status,
                r.text()
            );
        }
    }
    for query in [
        "recovery_slo_minutes=99999999999999999999999",
        "recovery_slo_minutes=%FF",
        "generated_by=%FF%FE",
        "record=%00",
        "a&b&c",
        "=",
    ] {
        for view in [
            "/retry-recovery-report",
            "/recovery-executive-report",
            "/dashboard",
        ] {
            let r = s.send(get(&format!("{view}?{query}"))).await;
            assert!(r.status.as_u16() < 500, "{view}?{query}: {}", r.text());
        }
    }
}

// -----------------------------------------------------------------------------------------
// Cache and freshness

#[tokio::test]
async fn repeated_views_are_computed_once_per_evidence_and_parameters() {
    let s = server("flow");
    let computed = || s.app.computed.load(Ordering::Relaxed);
    let a = s.send(get("/retry-recovery-report")).await;
    assert_eq!(computed(), 1);
    for _ in 0..5 {
        let b = s.send(get("/retry-recovery-report")).await;
        assert_eq!(b.body, a.body, "the same bytes");
    }
    // An empty parameter is the same view as none.
    s.send(get(
        "/retry-recovery-report?generated_by=&recovery_slo_minutes=240",
    ))
    .await;
    assert_eq!(computed(), 1, "served from the cache");
    s.send(get("/retry-recovery-report?recovery_slo_minutes=30"))
        .await;
    assert_eq!(computed(), 2, "other parameters, another view");
    s.send(get("/dashboard")).await;
    assert_eq!(computed(), 3);
    // The folder is not read again while unchanged.
    let loads = s.app.loads.load(Ordering::Relaxed);
    s.app.refresh().await.unwrap();
    s.app.refresh().await.unwrap();
    assert_eq!(s.app.loads.load(Ordering::Relaxed), loads);
    s.send(get("/retry-recovery-report")).await;
    assert_eq!(computed(), 3);
    // A write changes the evidence: the next view is computed again.
    s.send(post(
        "/recovery-escalations/esc-fixture/acknowledgements",
        r#"{"provider": "jira", "acknowledged_by": "ops"}"#,
    ))
    .await;
    s.send(get("/retry-recovery-report")).await;
    assert_eq!(computed(), 4);
    assert_eq!(s.app.loads.load(Ordering::Relaxed), loads + 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_on_disk_show_within_two_seconds() {
    let s = server("flow");
    let watcher = serve::watch(&s.app);
    let before: Recording<Report> = s.send(get("/retry-recovery-report")).await.doc();
    assert_eq!(before.doc.recovery_closed_count, 1);

    // Someone else closes pb-new/webhook on disk (a flat closure, written by hand).
    std::fs::write(
        s.root().join("closures/close-webhook.json"),
        json!({"metadata_kind": "connector-recovery-closure", "closure_id": "close-webhook",
               "playbook_id": "pb-new", "provider": "webhook", "closure_state": "resolved",
               "closed_at": "2026-06-01T07:30:00Z"})
        .to_string(),
    )
    .unwrap();
    let written = Instant::now();
    let seen = loop {
        let v: Recording<Report> = s.send(get("/retry-recovery-report")).await.doc();
        if v.doc.recovery_closed_count == 2 {
            break written.elapsed();
        }
        assert!(
            written.elapsed() < Duration::from_millis(2500),
            "not seen within 2 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(seen <= Duration::from_secs(2), "seen after {seen:?}");

    // Unchanged from now on: never read again.
    let loads = s.app.loads.load(Ordering::Relaxed);
    tokio::time::sleep(Duration::from_millis(2200)).await;
    assert_eq!(s.app.loads.load(Ordering::Relaxed), loads);
    watcher.abort();
}

/// [`crate::common::write_at`] at `rel` under `root`.
fn write_at(root: &Path, rel: &str, text: &str, secs: u64) {
    crate::common::write_at(&root.join(rel), text, secs);
}

/// One execution file's text: `status` is `delivered` or `cancelled` (the same length, so a
/// rewrite between them keeps the file's size).
fn exec_text(i: usize, status: &str) -> String {
    let provider = ["jira", "slack", "webhook"][i % 3];
    json!({"metadata_kind": "retry-execution-record", "execution_id": format!("e{i:02}"),
           "provider": provider, "execution_status": status,
           "executed_at": format!("2026-06-01T0{}:{:02}:00Z", i % 8, i)})
    .to_string()
}

/// The value of an unlabelled series of `/metrics`.
fn metric(text: &str, name: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{name} ")))
        .unwrap_or_else(|| panic!("no {name} in {text}"))
        .to_owned()
}

#[tokio::test]
async fn a_refresh_reads_only_the_files_that_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..40 {
        write_at(
            dir.path(),
            &format!("executions/e{i:02}.json"),
            &exec_text(i, "delivered"),
            1_780_000_000,
        );
    }
    let (router, app) = serve::router(config(dir.path())).expect("the server starts");
    let s = Server { router, app, dir };
    let read = |s: &Server| {
        let s = (s.router.clone(), s.app.clone());
        async move {
            s.1.refresh().await.expect("read again");
            let text = send(&s.0, get("/metrics")).await.text();
            let report: Value = send(&s.0, get("/retry-recovery-report")).await.json();
            (
                metric(&text, "cavra_refresh_files_read"),
                metric(&text, "cavra_refresh_full"),
                report["report"].clone(),
            )
        }
    };
    // What a fresh `cavra report` says of the folder now (the server's label).
    let fresh = |root: &Path| -> Value {
        let out = crate::common::cavra(root)
            .args(["--format", "json", "report", "--generated-by", "console"])
            .output()
            .expect("cavra runs");
        serde_json::from_slice(&out.stdout).expect("a report")
    };

    // One file of 40 changes: only it is read, and the report is a fresh one.
    write_at(
        s.root(),
        "executions/e07.json",
        &exec_text(7, "cancelled"),
        1_780_000_001,
    );
    let (files, full, report) = read(&s).await;
    assert_eq!((files.as_str(), full.as_str()), ("1", "0"));
    assert_eq!(report, fresh(s.root()));
    assert_eq!(report["execution_status_counts"]["cancelled"], 1);

    // e08 is rewritten keeping its size, inode and modification time, and e09 changes: only
    // e09 is read, so e08's new status is not seen (the documented blind spot of stamps),
    // which shows that the other 39 files were not read.
    let e08 = s.root().join("executions/e08.json");
    write_at(
        s.root(),
        "executions/e08.json",
        &exec_text(8, "cancelled"),
        1_780_000_000,
    );
    assert_eq!(
        std::fs::metadata(&e08).expect("e08").len() as usize,
        exec_text(8, "delivered").len()
    );
    write_at(
        s.root(),
        "executions/e09.json",
        &exec_text(9, "cancelled"),
        1_780_000_002,
    );
    let (files, full, report) = read(&s).await;
    assert_eq!((files.as_str(), full.as_str()), ("1", "0"));
    assert_eq!(
        report["execution_status_counts"]["cancelled"], 2,
        "e07 and e09"
    );
    assert_eq!(fresh(s.root())["execution_status_counts"]["cancelled"], 3);

    // More than a quarter of the files change (11 of 40): every file is read.
    for i in 20..31 {
        write_at(
            s.root(),
            &format!("executions/e{i:02}.json"),
            &exec_text(i, "cancelled"),
            1_780_000_003,
        );
    }
    let (files, full, report) = read(&s).await;
    assert_eq!((files.as_str(), full.as_str()), ("40", "1"));
    assert_eq!(report, fresh(s.root()));
    assert_eq!(
        report["execution_status_counts"]["cancelled"], 14,
        "e07-e09, e20-e30"
    );
}
