//! The retry recovery report (§3).

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::model::canon::IdDigest;
use crate::model::facts::{ClosureFact, ExecDetail, PlaybookFact};
use crate::model::kind::Kind;
use crate::model::normalize::category_of;
use crate::model::time::Ts;

use super::execs::ExecSummary;
use super::{PRODUCT, later, rate};

/// The default recovery SLO in minutes.
pub const DEFAULT_SLO_MINUTES: u64 = 240;

/// Report controls (appendix A).
pub const CONTROLS: [&str; 3] = [
    "retry-recovery-report-derived-from-public-safe-execution-and-closure-metadata",
    "recovery-slo-report-contains-no-connector-secrets",
    "closure-trends-aggregate-provider-and-state-counts-only",
];

/// The parameters every derived document shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    pub now: Ts,
    /// The effective SLO (already defaulted: never 0).
    pub slo_minutes: u64,
    pub generated_by: String,
}

/// The SLO to use for a requested value: 0 means the default.
pub fn effective_slo(requested: Option<u64>) -> u64 {
    match requested {
        None | Some(0) => DEFAULT_SLO_MINUTES,
        Some(n) => n,
    }
}

/// One provider's line of the summary.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ProviderSummary {
    pub provider: String,
    pub execution_count: u64,
    pub execution_delivered_count: u64,
    pub execution_failed_count: u64,
    pub execution_skipped_count: u64,
    pub recovery_playbook_count: u64,
    pub recovery_closure_count: u64,
    pub open_recovery_count: u64,
    pub slo_breached_count: u64,
    pub latest_execution_at: String,
    pub latest_closure_at: String,
}

/// One recovery row: a provider of a playbook.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RecoveryRow {
    pub playbook_id: String,
    pub provider: String,
    pub category: String,
    pub failure_count: i128,
    pub generated_at: String,
    pub age_minutes: Option<i64>,
    pub recovery_slo_minutes: u64,
    pub closure_state: String,
    pub closure_id: String,
    pub closed_at: String,
    pub closure_minutes: Option<i64>,
    #[schemars(extend("enum" = ["breached", "closed", "open"]))]
    pub slo_status: String,
    pub slo_breached: bool,
}

impl RecoveryRow {
    pub fn is_closed(&self) -> bool {
        matches!(self.closure_state.as_str(), "resolved" | "mitigated")
    }

    /// The row with its fields in canonical (sorted) key order, for the report id: its
    /// compact JSON is the row's canonical JSON, without building a sorted tree per row.
    fn canonical(&self) -> RowCanon<'_> {
        RowCanon {
            age_minutes: self.age_minutes,
            category: &self.category,
            closed_at: &self.closed_at,
            closure_id: &self.closure_id,
            closure_minutes: self.closure_minutes,
            closure_state: &self.closure_state,
            failure_count: self.failure_count,
            generated_at: &self.generated_at,
            playbook_id: &self.playbook_id,
            provider: &self.provider,
            recovery_slo_minutes: self.recovery_slo_minutes,
            slo_breached: self.slo_breached,
            slo_status: &self.slo_status,
        }
    }
}

/// [`RecoveryRow`]'s fields in sorted key order (see [`RecoveryRow::canonical`]).
#[derive(Serialize)]
struct RowCanon<'a> {
    age_minutes: Option<i64>,
    category: &'a str,
    closed_at: &'a str,
    closure_id: &'a str,
    closure_minutes: Option<i64>,
    closure_state: &'a str,
    failure_count: i128,
    generated_at: &'a str,
    playbook_id: &'a str,
    provider: &'a str,
    recovery_slo_minutes: u64,
    slo_breached: bool,
    slo_status: &'a str,
}

/// The fixed closure states, which always have a trend field.
pub const FIXED_STATES: [&str; 5] = ["resolved", "mitigated", "deferred", "escalated", "reopened"];

/// One day of closures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ClosureTrend {
    pub date: String,
    pub closure_count: u64,
    /// Counts of the five fixed states, in [`FIXED_STATES`] order.
    pub fixed: [u64; 5],
    /// `<state>_count` of any other state seen that day (state → count).
    pub other: BTreeMap<String, u64>,
    pub provider_counts: BTreeMap<String, u64>,
}

impl ClosureTrend {
    fn add(&mut self, state: &str, provider: &str) {
        self.closure_count += 1;
        match FIXED_STATES.iter().position(|s| *s == state) {
            Some(i) => self.fixed[i] += 1,
            None => {
                // `closure` would write a second `closure_count`: such a state counts as unknown.
                let key = format!("{state}_count");
                let collides = ["date", "closure_count", "provider_counts"].contains(&key.as_str());
                let state = if collides { "unknown" } else { state };
                *self.other.entry(state.to_owned()).or_default() += 1;
            }
        }
        *self.provider_counts.entry(provider.to_owned()).or_default() += 1;
    }

    /// Every field in output order, counts as numbers (for tables).
    pub fn fields(&self) -> Vec<(String, u64)> {
        let mut out = vec![("closure_count".to_owned(), self.closure_count)];
        for (i, s) in FIXED_STATES.iter().enumerate() {
            out.push((format!("{s}_count"), self.fixed[i]));
        }
        for (s, n) in &self.other {
            out.push((format!("{s}_count"), *n));
        }
        out
    }
}

impl Serialize for ClosureTrend {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("date", &self.date)?;
        for (k, v) in self.fields() {
            m.serialize_entry(&k, &v)?;
        }
        m.serialize_entry("provider_counts", &self.provider_counts)?;
        m.end()
    }
}

/// The schema of a trend day, written by hand like its [`Serialize`]: `date`, the counts of
/// the five fixed states, a `<state>_count` for any other state, then `provider_counts`.
impl schemars::JsonSchema for ClosureTrend {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ClosureTrend".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let count = serde_json::json!({ "type": "integer", "minimum": 0 });
        let mut props = serde_json::Map::new();
        props.insert("date".to_owned(), serde_json::json!({ "type": "string" }));
        props.insert("closure_count".to_owned(), count.clone());
        for s in FIXED_STATES {
            props.insert(format!("{s}_count"), count.clone());
        }
        props.insert(
            "provider_counts".to_owned(),
            serde_json::json!({ "type": "object", "additionalProperties": count }),
        );
        let required: Vec<&String> = props.keys().collect();
        schemars::json_schema!({
            "description": "One day of closures (UTC date, or `unknown`).",
            "type": "object",
            "properties": props,
            "required": required,
            "patternProperties": { "^.+_count$": count },
            "additionalProperties": false,
        })
    }
}

/// One of the latest executions.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LatestExecution {
    pub execution_id: String,
    pub provider: String,
    pub execution_status: String,
    pub executed_at: String,
    pub delivery_success: Option<bool>,
    pub approval_decision_id: String,
    pub run_id: String,
}

impl From<ExecDetail> for LatestExecution {
    fn from(d: ExecDetail) -> Self {
        LatestExecution {
            execution_id: d.execution_id,
            provider: d.provider,
            execution_status: d.execution_status,
            executed_at: d.executed_at,
            delivery_success: d.delivery_success,
            approval_decision_id: d.approval_decision_id,
            run_id: d.run_id,
        }
    }
}

super::shape::generated_document! {
    /// The retry recovery report, fields in the spec's order.
    pub struct RetryRecoveryReport (Kind::Report, id: report_id, controls: &CONTROLS) {
        pub recovery_slo_minutes: u64,
        pub execution_count: u64,
        pub execution_success_count: u64,
        pub execution_failed_count: u64,
        pub execution_success_rate: Option<f64>,
        pub execution_status_counts: BTreeMap<String, u64>,
        pub recovery_playbook_provider_count: u64,
        pub recovery_closed_count: u64,
        pub recovery_open_count: u64,
        pub recovery_slo_breached_count: u64,
        pub closure_state_counts: BTreeMap<String, u64>,
        pub provider_summary: Vec<ProviderSummary>,
        pub recovery_rows: Vec<RecoveryRow>,
        pub closure_trends: Vec<ClosureTrend>,
        pub latest_executions: Vec<LatestExecution>,
        pub controls: Vec<&'static str>,
    }
}

/// Builds the report from the execution summary, playbooks and closures.
pub fn build(
    params: &Params,
    execs: ExecSummary,
    playbooks: &[&PlaybookFact],
    closures: &[&ClosureFact],
) -> Result<RetryRecoveryReport, crate::error::Error> {
    let slo = params.slo_minutes;

    // 2. Closures: counts, trends, and per-provider figures.
    let mut closure_state_counts: BTreeMap<String, u64> = BTreeMap::new();
    let mut trends: BTreeMap<Reverse<Option<i64>>, ClosureTrend> = BTreeMap::new();
    let mut closure_count: HashMap<&str, u64> = HashMap::new();
    let mut latest_closure: HashMap<&str, &ClosureFact> = HashMap::new();
    let mut row_closure: HashMap<(&str, &str), &ClosureFact> = HashMap::new();
    for c in closures {
        let state = c.state.as_deref().unwrap_or("unknown");
        *closure_state_counts.entry(state.to_owned()).or_default() += 1;
        let day = c.at.map(|t| t.secs.div_euclid(86_400));
        trends
            .entry(Reverse(day))
            .or_insert_with(|| ClosureTrend {
                date: c.at.map_or_else(|| "unknown".to_owned(), Ts::utc_date),
                ..ClosureTrend::default()
            })
            .add(state, &c.provider);
        *closure_count.entry(&c.provider).or_default() += 1;
        let newer = |old: &&ClosureFact| later((c.at, &c.id), (old.at, &old.id));
        match latest_closure.get(c.provider.as_str()) {
            Some(old) if !newer(old) => {}
            _ => {
                latest_closure.insert(&c.provider, c);
            }
        }
        match row_closure.get(&(c.playbook_id.as_str(), c.provider.as_str())) {
            Some(old) if !newer(old) => {}
            _ => {
                row_closure.insert((&c.playbook_id, &c.provider), c);
            }
        }
    }
    // BTreeMap order puts Reverse(None) (unknown) after every known day.
    let closure_trends: Vec<ClosureTrend> = trends.into_values().collect();

    // 3. Recovery rows.
    let mut rows: Vec<(Option<Ts>, RecoveryRow)> = Vec::new();
    for pb in playbooks {
        for entry in &pb.entries {
            let closure = row_closure
                .get(&(pb.id.as_str(), entry.provider.as_str()))
                .copied();
            let age_minutes = pb.at.map(|g| params.now.minutes_since(g));
            let closure_state = closure
                .and_then(|c| c.state.clone())
                .unwrap_or_else(|| "open".to_owned());
            let closed = matches!(closure_state.as_str(), "resolved" | "mitigated");
            let breached = !closed && age_minutes.is_some_and(|a| i128::from(a) > i128::from(slo));
            let closure_minutes = match (closure.and_then(|c| c.at), pb.at) {
                (Some(c), Some(g)) => Some(c.minutes_since(g)),
                _ => None,
            };
            rows.push((
                pb.at,
                RecoveryRow {
                    playbook_id: pb.id.clone(),
                    provider: entry.provider.clone(),
                    category: entry
                        .category
                        .clone()
                        .unwrap_or_else(|| category_of(&entry.provider).to_owned()),
                    failure_count: entry.failure_count,
                    generated_at: pb.generated_at.clone(),
                    age_minutes,
                    recovery_slo_minutes: slo,
                    closure_state,
                    closure_id: closure.map(|c| c.id.clone()).unwrap_or_default(),
                    closed_at: closure.map(|c| c.closed_at.clone()).unwrap_or_default(),
                    closure_minutes,
                    slo_status: slo_status(breached, closed).to_owned(),
                    slo_breached: breached,
                },
            ));
        }
    }
    // Breached first, then generated_at descending (unknown last), then playbook_id; the
    // stable sort keeps the order of provider_playbooks within a playbook.
    rows.sort_by(|(a_at, a), (b_at, b)| {
        (!a.slo_breached, Reverse(*a_at), &a.playbook_id).cmp(&(
            !b.slo_breached,
            Reverse(*b_at),
            &b.playbook_id,
        ))
    });
    let recovery_rows: Vec<RecoveryRow> = rows.into_iter().map(|(_, r)| r).collect();

    // Provider summary: every provider of an execution, a row or a closure.
    let mut providers: BTreeSet<&str> = execs.providers.keys().map(String::as_str).collect();
    providers.extend(recovery_rows.iter().map(|r| r.provider.as_str()));
    providers.extend(closures.iter().map(|c| c.provider.as_str()));
    let provider_summary = providers
        .into_iter()
        .map(|p| {
            let e = execs.providers.get(p).cloned().unwrap_or_default();
            let mine = recovery_rows.iter().filter(|r| r.provider == p);
            ProviderSummary {
                provider: p.to_owned(),
                execution_count: e.count,
                execution_delivered_count: e.delivered,
                execution_failed_count: e.failed,
                execution_skipped_count: e.skipped,
                recovery_playbook_count: mine.clone().count() as u64,
                recovery_closure_count: closure_count.get(p).copied().unwrap_or(0),
                open_recovery_count: mine.clone().filter(|r| !r.is_closed()).count() as u64,
                slo_breached_count: mine.filter(|r| r.slo_breached).count() as u64,
                latest_execution_at: e.latest_at,
                latest_closure_at: latest_closure
                    .get(p)
                    .map(|c| c.closed_at.clone())
                    .unwrap_or_default(),
            }
        })
        .collect();

    let rows_n = recovery_rows.len() as u64;
    let closed_n = recovery_rows.iter().filter(|r| r.is_closed()).count() as u64;
    let open_n = rows_n - closed_n;
    let breached_n = recovery_rows.iter().filter(|r| r.slo_breached).count() as u64;
    let failed_n = execs.failed + execs.skipped;
    let alert_level = if breached_n > 0 || failed_n > 0 {
        "critical"
    } else if open_n > 0 {
        "warning"
    } else {
        "healthy"
    };
    let generated_at = params.now.to_rfc3339();
    // The id's material, {execution_count, generated_at, recovery_rows,
    // recovery_slo_minutes} in canonical key order, written row by row.
    let mut digest = IdDigest::new();
    digest
        .raw(r#"{"execution_count":"#)
        .value(&execs.count)
        .raw(r#","generated_at":"#)
        .value(&generated_at)
        .raw(r#","recovery_rows":["#);
    for (i, row) in recovery_rows.iter().enumerate() {
        if i > 0 {
            digest.raw(",");
        }
        digest.sorted_value(&row.canonical());
    }
    digest
        .raw("]")
        .raw(r#","recovery_slo_minutes":"#)
        .value(&slo)
        .raw("}");
    let report_id = digest.id(Kind::Report.info().id_prefix)?;
    debug_assert!(recovery_rows.first().is_none_or(|r| {
        serde_json::to_value(r)
            .ok()
            .map(|v| crate::model::canon::canonical(&v))
            == serde_json::to_string(&r.canonical()).ok()
    }));
    Ok(RetryRecoveryReport {
        schema_version: Kind::Report.schema_version(),
        product: PRODUCT,
        report_id,
        generated_at,
        generated_by: params.generated_by.clone(),
        alert_level,
        recovery_slo_minutes: slo,
        execution_count: execs.count,
        execution_success_count: execs.delivered,
        execution_failed_count: failed_n,
        execution_success_rate: rate(execs.delivered, execs.count),
        execution_status_counts: execs.status_counts,
        recovery_playbook_provider_count: rows_n,
        recovery_closed_count: closed_n,
        recovery_open_count: open_n,
        recovery_slo_breached_count: breached_n,
        closure_state_counts,
        provider_summary,
        recovery_rows,
        closure_trends,
        latest_executions: execs
            .latest
            .into_iter()
            .map(LatestExecution::from)
            .collect(),
        controls: CONTROLS.to_vec(),
    })
}

// The stored item `--record` writes (§3).
crate::document!(
    RetryRecoveryReport, Kind::Report, id: report_id, at: generated_at, by: generated_by,
    counts: |r| [
        r.recovery_playbook_provider_count,
        r.recovery_slo_breached_count + r.execution_failed_count,
        r.recovery_open_count,
    ],
    copied: [
        "report_id" => r.report_id.clone().into(),
        "alert_level" => r.alert_level.into(),
        "execution_count" => r.execution_count.into(),
        "execution_failed_count" => r.execution_failed_count.into(),
        "recovery_slo_breached_count" => r.recovery_slo_breached_count.into(),
    ],
);

/// A row's `slo_status` (§3): `breached`, else `closed`, else `open`.
pub fn slo_status(breached: bool, closed: bool) -> &'static str {
    if breached {
        "breached"
    } else if closed {
        "closed"
    } else {
        "open"
    }
}

#[cfg(test)]
mod canon_tests {
    use super::*;
    use crate::model::canon::canonical;

    #[test]
    fn row_canonical_form_is_the_sorted_tree() {
        // Escapes, nulls, negative and large numbers, non-ASCII: the compact JSON of the
        // sorted-field struct must equal the canonical JSON of the row itself.
        let row = RecoveryRow {
            playbook_id: "pb-\"1\"\\x".into(),
            provider: "équipe_α".into(),
            category: "webhook".into(),
            failure_count: i128::from(u64::MAX),
            generated_at: "2026-06-01T08:00:00+02:00".into(),
            age_minutes: Some(-11),
            recovery_slo_minutes: u64::MAX,
            closure_state: "open".into(),
            closure_id: String::new(),
            closed_at: "\u{7f}\n".into(),
            closure_minutes: None,
            slo_status: "open".into(),
            slo_breached: false,
        };
        assert_eq!(
            canonical(&serde_json::to_value(&row).unwrap()),
            serde_json::to_string(&row.canonical()).unwrap()
        );
    }
}
