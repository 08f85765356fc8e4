//! Typed views of the JSON documents `cavra` prints, writes and serves, for tests that read
//! a few fields of them (as ripgrep's tests do): a misspelt field name is a compile error, a
//! missing field or a field of the wrong type fails with serde's message instead of comparing
//! `Value::Null`.
//!
//! Each struct declares only the fields some test reads; serde ignores the others. Tests whose
//! point is a document's exact shape (every field, key order, `null` versus absent) compare
//! whole `serde_json::Value`s, snapshots or raw text instead, and say so.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

// -----------------------------------------------------------------------------------------
// The retry recovery report (§3)

/// `cavra report`, `GET /retry-recovery-report` under `report`.
#[derive(Debug, Deserialize)]
pub struct Report {
    pub report_id: String,
    pub generated_at: String,
    pub generated_by: String,
    pub alert_level: String,
    pub recovery_slo_minutes: u64,
    pub execution_count: u64,
    pub execution_success_count: u64,
    pub execution_failed_count: u64,
    pub recovery_playbook_provider_count: u64,
    pub recovery_closed_count: u64,
    pub recovery_open_count: u64,
    pub recovery_slo_breached_count: u64,
    pub provider_summary: Vec<ProviderSummary>,
    pub recovery_rows: Vec<RecoveryRow>,
    pub latest_executions: Vec<LatestExecution>,
}

/// One entry of `provider_summary`.
#[derive(Debug, Deserialize)]
pub struct ProviderSummary {
    pub provider: String,
    pub latest_execution_at: String,
}

/// One entry of `recovery_rows`.
#[derive(Debug, Deserialize)]
pub struct RecoveryRow {
    pub playbook_id: String,
    pub provider: String,
    pub age_minutes: Option<i64>,
    pub slo_status: String,
    pub slo_breached: bool,
}

/// One entry of `latest_executions`.
#[derive(Debug, Deserialize)]
pub struct LatestExecution {
    pub execution_id: String,
}

// -----------------------------------------------------------------------------------------
// Recording commands (§4)

/// `cavra escalate`: the recovery escalation plan (§4.1).
#[derive(Debug, Deserialize)]
pub struct Plan {
    pub plan_id: String,
    pub recovery_report_id: String,
    pub generated_by: String,
    pub selected_providers: Vec<String>,
    /// Kept as JSON: the plan id hashes the routes exactly as written.
    pub escalation_routes: Vec<Value>,
}

/// `cavra ack`: a recovery escalation acknowledgement (§4.2).
#[derive(Debug, Deserialize)]
pub struct Acknowledgement {
    pub acknowledgement_id: String,
    pub plan_id: String,
    pub provider: String,
    pub acknowledged_by: String,
    pub acknowledgement_state: String,
    pub acknowledged_at: String,
    pub external_ref: String,
    pub escalation_reason: String,
}

/// `cavra close`: a connector recovery closure (§4.3).
#[derive(Debug, Deserialize)]
pub struct Closure {
    pub closure_id: String,
    pub closure_hash: String,
    pub provider: String,
    pub closure_state: String,
    pub closed_at: String,
    pub verification_refs: Vec<String>,
}

/// `cavra retry-plan`: the retry plan for failed escalation deliveries (§4.4).
#[derive(Debug, Deserialize)]
pub struct RetryPlan {
    pub retry_plan_id: String,
    pub decision_count: u64,
    pub retryable_count: u64,
    pub max_retry_attempts: u64,
    pub base_retry_delay_minutes: u64,
    pub allow_immediate_retry: bool,
    pub retry_decisions: Vec<RetryDecision>,
}

/// One entry of `retry_decisions`.
#[derive(Debug, Deserialize)]
pub struct RetryDecision {
    pub action: String,
    pub reason: String,
    pub retry_delay_minutes: u64,
    pub next_retry_at: String,
}

/// `cavra executive-report`: the recovery executive report (§4.5).
#[derive(Debug, Deserialize)]
pub struct ExecutiveReport {
    pub executive_report_id: String,
    pub escalation_plan_id: String,
    pub recovery_report_id: String,
    pub alert_level: String,
    pub executive_summary: ExecutiveSummary,
}

/// The executive report's `executive_summary`.
#[derive(Debug, Deserialize)]
pub struct ExecutiveSummary {
    pub business_impact: String,
}

/// `cavra schedule-run`: one scheduled executive report run (§4.6).
#[derive(Debug, Deserialize)]
pub struct ScheduleRun {
    pub run_id: String,
    pub alert_level: String,
    pub schedule: Schedule,
    pub executive_report: ExecutiveReport,
}

/// The run's `schedule`.
#[derive(Debug, Deserialize)]
pub struct Schedule {
    pub window_start: String,
    pub window_end: String,
    pub enabled: bool,
    pub cadence: String,
}

/// `cavra dashboard`, `GET /dashboard` (§4.7).
#[derive(Debug, Deserialize)]
pub struct Dashboard {
    pub recovery_open_count: u64,
    pub escalation_plan_count: u64,
    pub acknowledgement_count: u64,
    pub acknowledgement_state_counts: BTreeMap<String, u64>,
}

// -----------------------------------------------------------------------------------------
// `cavra diff`

/// `cavra diff BASE [HEAD]`: what HEAD's evidence changes in BASE's report.
#[derive(Debug, Deserialize)]
pub struct ReportDiff {
    pub base: DiffEnd,
    pub head: DiffEnd,
    pub generated_at: String,
    pub recovery_slo_minutes: u64,
    pub alert_level: Change<String>,
    pub executions: DiffExecutions,
    pub failed_executions: DiffFailures,
    pub recoveries: DiffRecoveries,
    pub providers: Vec<ProviderChange>,
}

/// One end of a diff.
#[derive(Debug, Deserialize, PartialEq)]
pub struct DiffEnd {
    pub revision: Option<String>,
    pub commit: Option<String>,
    pub report_id: String,
    pub evidence_problems: u64,
}

/// A value before and after.
#[derive(Debug, Deserialize, PartialEq)]
pub struct Change<T> {
    pub before: T,
    pub after: T,
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct DiffExecutions {
    pub before: u64,
    pub after: u64,
    pub added: u64,
    pub removed: u64,
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct DiffFailures {
    pub before: u64,
    pub after: u64,
    pub added: Vec<FailedExecution>,
    pub removed: Vec<FailedExecution>,
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct FailedExecution {
    pub execution_id: String,
    pub provider: String,
    pub execution_status: String,
    pub executed_at: String,
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct DiffRecoveries {
    pub before: RowCounts,
    pub after: RowCounts,
    pub opened: Vec<RecoveryChange>,
    pub closed: Vec<RecoveryChange>,
    pub newly_breached: Vec<RecoveryChange>,
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct RowCounts {
    pub rows: u64,
    pub open: u64,
    pub closed: u64,
    pub breached: u64,
}

#[derive(Debug, Deserialize, PartialEq, Clone)]
pub struct RecoveryChange {
    pub playbook_id: String,
    pub provider: String,
    pub before: Option<String>,
    pub after: String,
    pub closure_state: String,
    pub age_minutes: Option<i64>,
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct ProviderChange {
    pub provider: String,
    pub before: ProviderCounts,
    pub after: ProviderCounts,
}

#[derive(Debug, Deserialize, PartialEq, Default, Clone, Copy)]
pub struct ProviderCounts {
    pub execution_count: u64,
    pub execution_delivered_count: u64,
    pub execution_failed_count: u64,
    pub execution_skipped_count: u64,
    pub recovery_playbook_count: u64,
    pub recovery_closure_count: u64,
    pub open_recovery_count: u64,
    pub slo_breached_count: u64,
}

// -----------------------------------------------------------------------------------------
// Envelopes

/// A stored item (§2.5): the envelope, and the document under its kind's nested key. `T` is
/// `Value` where a test compares the nested document whole.
#[derive(Debug, Deserialize)]
pub struct Item<T> {
    pub schema_version: String,
    pub session_id: String,
    pub created_at: String,
    pub signer: String,
    pub decision_count: u64,
    pub blocked_count: u64,
    pub approval_required_count: u64,
    pub metadata_kind: String,
    /// The nested document, under its kind's key (§2.1): an item has exactly one of these.
    #[serde(
        rename = "retry_recovery_report",
        alias = "retry_execution_record",
        alias = "connector_recovery_playbook",
        alias = "recovery_escalation_plan",
        alias = "recovery_escalation_acknowledgement",
        alias = "connector_recovery_closure",
        alias = "recovery_escalation_delivery_retry_plan",
        alias = "recovery_executive_report",
        alias = "recovery_executive_report_schedule_run"
    )]
    pub document: T,
}

impl<T> Item<T> {
    /// (decision_count, blocked_count, approval_required_count).
    pub fn counts(&self) -> (u64, u64, u64) {
        (
            self.decision_count,
            self.blocked_count,
            self.approval_required_count,
        )
    }
}

/// A response of `cavra serve` for one document (§7): the document under its key (`report`,
/// `plan`, `acknowledgement`, `closure`, `retry_plan` or `run`) and `metadata`, its stored
/// item (`M` is `Value` where a test compares it whole with the written file). The set and
/// order of the keys is checked on the raw body where it matters.
#[derive(Debug, Deserialize)]
pub struct Recording<T, M = Item<T>> {
    #[serde(
        rename = "report",
        alias = "plan",
        alias = "acknowledgement",
        alias = "closure",
        alias = "retry_plan",
        alias = "run"
    )]
    pub doc: T,
    pub metadata: M,
}

/// `GET /healthz`.
#[derive(Debug, Deserialize)]
pub struct Health {
    pub status: String,
    pub evidence_problems: u64,
}

/// An error response of `cavra serve`: `{"error": {...}}` (§7).
#[derive(Debug, Deserialize)]
pub struct ErrorBody {
    pub error: ApiError,
}

/// The `error` object: `code` and `message`, plus `rule` and `pointer` for a public-safe
/// violation and `problems` for a document refused over evidence with problems.
#[derive(Debug, Deserialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
    pub rule: Option<String>,
    pub pointer: Option<String>,
    pub problems: Option<Vec<Problem>>,
}

/// One evidence problem of an HTTP 409 body (`check --format json` lists the same fields;
/// `crate::check` reads those strictly).
#[derive(Debug, Deserialize)]
pub struct Problem {
    pub place: String,
    pub rule: String,
}

/// A document already parsed as a `Value` (compared whole by its test), read again typed.
pub fn typed<T: DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).unwrap_or_else(|e| {
        panic!(
            "not a JSON {} ({e}):\n{value:#}",
            std::any::type_name::<T>()
        )
    })
}

/// A store file of the original system (`evidence-metadata.json`, §2.1): an input. Its items
/// stay raw JSON: tests write them out again, or compare them whole with cavra's copies.
#[derive(Debug, Deserialize)]
pub struct Store {
    pub items: Vec<Value>,
}
