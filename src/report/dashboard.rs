//! The rollback drill dashboard (§4.7): the report headline plus counts of the governance
//! loop's records. A view, not a document: no id, no envelope, never recorded.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::facts::{AckFact, ScheduleRunFact};

use super::later;
use super::retry::RetryRecoveryReport;

/// The dashboard, fields in the spec's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dashboard {
    pub alert_level: &'static str,
    pub execution_count: u64,
    pub execution_failed_count: u64,
    pub recovery_open_count: u64,
    pub recovery_slo_breached_count: u64,
    pub escalation_plan_count: u64,
    pub acknowledgement_count: u64,
    pub acknowledgement_state_counts: BTreeMap<String, u64>,
    pub retry_plan_count: u64,
    pub retryable_delivery_count: u64,
    pub schedule_run_count: u64,
    pub latest_schedule_window_start: String,
}

/// The recorded governance records the dashboard counts.
pub struct LoopRecords<'a> {
    pub escalation_plans: u64,
    pub acknowledgements: Vec<&'a AckFact>,
    pub retry_plans: u64,
    pub schedule_runs: Vec<&'a ScheduleRunFact>,
}

/// Builds the dashboard. `retryable_now` counts the `retry` decisions of the retry plan at now
/// with the default policy: the retryable escalation deliveries.
pub fn build(
    report: &RetryRecoveryReport,
    retryable_now: u64,
    records: &LoopRecords<'_>,
) -> Dashboard {
    let mut acknowledgement_state_counts: BTreeMap<String, u64> = BTreeMap::new();
    for a in &records.acknowledgements {
        *acknowledgement_state_counts
            .entry(a.state.clone())
            .or_default() += 1;
    }
    // The latest window by instant (§2.4: unknown last, ties to the smaller id), as written.
    let latest = records
        .schedule_runs
        .iter()
        .copied()
        .reduce(|best, r| {
            if later((r.at, &r.id), (best.at, &best.id)) {
                r
            } else {
                best
            }
        })
        .map(|r| r.window_start.clone())
        .unwrap_or_default();
    Dashboard {
        alert_level: report.alert_level,
        execution_count: report.execution_count,
        execution_failed_count: report.execution_failed_count,
        recovery_open_count: report.recovery_open_count,
        recovery_slo_breached_count: report.recovery_slo_breached_count,
        escalation_plan_count: records.escalation_plans,
        acknowledgement_count: records.acknowledgements.len() as u64,
        acknowledgement_state_counts,
        retry_plan_count: records.retry_plans,
        retryable_delivery_count: retryable_now,
        schedule_run_count: records.schedule_runs.len() as u64,
        latest_schedule_window_start: latest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::facts::DeliveryFact;
    use crate::model::json::Json;
    use crate::model::time::parse_ts;
    use crate::report::escalation::tests::{NOW, execs, playbook, report};
    use crate::report::keys_of;
    use crate::report::retry_plan::{self, RetryPolicy};

    fn ack(id: &str, state: &str) -> AckFact {
        AckFact {
            id: id.to_owned(),
            plan_id: "p".to_owned(),
            provider: "jira".to_owned(),
            state: state.to_owned(),
            at: None,
        }
    }

    fn run(id: &str, window_start: &str) -> ScheduleRunFact {
        ScheduleRunFact {
            id: id.to_owned(),
            window_start: window_start.to_owned(),
            at: parse_ts(window_start),
        }
    }

    fn failed(id: &str, provider: &str, created_at: &str) -> DeliveryFact {
        DeliveryFact {
            id: id.to_owned(),
            plan_id: "p".to_owned(),
            latest_id: id.to_owned(),
            providers: vec![provider.to_owned()],
            delivery_success: Some(false),
            status_codes: Json::Arr(Vec::new()),
            created_at: created_at.to_owned(),
            at: parse_ts(created_at),
        }
    }

    #[test]
    fn counts() {
        // Report: one open row 60 min old (not breached) and one failed execution.
        let pb = [playbook("pb", "2026-06-01T07:00:00Z", &[("jira", 1)])];
        let r = report(execs(&[("slack", 1, 1, 0)]), &pb, &[]);
        // Deliveries at now with the default policy: jira failed 07:00 → 07:15 ≤ 08:00 →
        // retry; slack failed 07:55 → 08:10 > 08:00 → wait. One retryable delivery.
        let ds = [
            failed("d1", "jira", "2026-06-01T07:00:00Z"),
            failed("d2", "slack", "2026-06-01T07:55:00Z"),
        ];
        let now = parse_ts(NOW).unwrap();
        let retryable = retry_plan::retryable_count(&ds, &[], &RetryPolicy::default(), now);
        let acks = [
            ack("a1", "accepted"),
            ack("a2", "acknowledged"),
            ack("a3", "accepted"),
        ];
        // Windows: r4 (23:00 at −02:00, i.e. 2026-06-01T01:00Z) is the latest by instant,
        // although as text it sorts before r2 ("2026-05-31…" < "2026-06-01…"); the
        // unparseable r3 counts as the oldest.
        let runs = [
            run("r1", "2026-05-31T00:00:00Z"),
            run("r2", "2026-06-01T00:00:00Z"),
            run("r3", "garbage"),
            run("r4", "2026-05-31T23:00:00-02:00"),
        ];
        let d = build(
            &r,
            retryable,
            &LoopRecords {
                escalation_plans: 2,
                acknowledgements: acks.iter().collect(),
                retry_plans: 4,
                schedule_runs: runs.iter().collect(),
            },
        );
        assert_eq!(
            d,
            Dashboard {
                alert_level: "critical",
                execution_count: 2,
                execution_failed_count: 1,
                recovery_open_count: 1,
                recovery_slo_breached_count: 0,
                escalation_plan_count: 2,
                acknowledgement_count: 3,
                acknowledgement_state_counts: [
                    ("accepted".to_owned(), 2),
                    ("acknowledged".to_owned(), 1)
                ]
                .into(),
                retry_plan_count: 4,
                retryable_delivery_count: 1,
                schedule_run_count: 4,
                latest_schedule_window_start: "2026-05-31T23:00:00-02:00".to_owned(),
            }
        );
        assert_eq!(keys_of(&d).len(), 12);
        assert_eq!(keys_of(&d)[0], "alert_level");
        assert_eq!(keys_of(&d)[11], "latest_schedule_window_start");
    }

    #[test]
    fn empty_and_ties() {
        let r = report(execs(&[]), &[], &[]);
        let now = parse_ts(NOW).unwrap();
        let retryable = retry_plan::retryable_count(&[], &[], &RetryPolicy::default(), now);
        let none = LoopRecords {
            escalation_plans: 0,
            acknowledgements: Vec::new(),
            retry_plans: 0,
            schedule_runs: Vec::new(),
        };
        let d = build(&r, retryable, &none);
        assert_eq!(d.alert_level, "healthy");
        assert_eq!(d.latest_schedule_window_start, "");
        assert!(d.acknowledgement_state_counts.is_empty());
        // Equal instants: the smaller id counts as the later one; its text is echoed.
        let runs = [
            run("r2", "2026-06-01T00:00:00Z"),
            run("r1", "2026-06-01T02:00:00+02:00"),
        ];
        let d = build(
            &r,
            retryable,
            &LoopRecords {
                schedule_runs: runs.iter().collect(),
                ..none
            },
        );
        assert_eq!(d.latest_schedule_window_start, "2026-06-01T02:00:00+02:00");
    }
}
