//! The recovery escalation plan (§4.1): routes derived from the retry recovery report.
//!
//! Pure: the plan is a function of the report alone (same now, SLO and label). Routes come
//! from recovery rows (breached → critical, open → warning) and from providers with failed or
//! skipped executions (critical), then are stably sorted so equal keys keep that order.

use std::cmp::Reverse;

use serde::Serialize;

use crate::model::canon::derive_id;
use crate::model::kind::Kind;

use super::retry::RetryRecoveryReport;
use super::{PRODUCT, rate};

/// Escalation plan controls (appendix A).
pub const CONTROLS: [&str; 3] = [
    "recovery-escalation-derived-from-public-safe-retry-recovery-report",
    "escalation-plan-contains-no-connector-secrets",
    "delivery-requires-explicit-connector-endpoint-configuration",
];

/// A route of a breached recovery row.
const BREACHED: (&str, &str, &str) = (
    "critical",
    "recovery SLO breached",
    "page release owner and require executive visibility",
);
/// A route of an open recovery row.
const OPEN: (&str, &str, &str) = (
    "warning",
    "connector recovery remains open",
    "notify release owner for recovery follow-up",
);
/// A route of a provider with failed or skipped executions.
const FAILED_EXECUTIONS: (&str, &str, &str) = (
    "critical",
    "failed or skipped retry execution",
    "notify release owner and verify connector recovery closure evidence",
);

/// One escalation route, fields in the spec's order.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct EscalationRoute {
    pub provider: String,
    pub category: String,
    #[schemars(extend("enum" = ["critical", "warning"]))]
    pub severity: &'static str,
    pub reason: &'static str,
    pub recommended_action: &'static str,
    pub playbook_id: String,
    pub closure_state: String,
    pub age_minutes: Option<i64>,
    pub recovery_slo_minutes: u64,
    pub failure_count: i128,
    pub slo_status: String,
    pub slo_breached: bool,
}

impl EscalationRoute {
    pub fn is_critical(&self) -> bool {
        self.severity == "critical"
    }
}

/// The plan's executive summary.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct EscalationSummary {
    #[schemars(extend("enum" = super::shape::ALERT_LEVELS))]
    pub status: &'static str,
    pub tracked_provider_count: u64,
    pub execution_count: u64,
    pub failed_execution_count: u64,
    pub open_recovery_count: u64,
    pub slo_breached_count: u64,
    /// Closed rows ÷ rows, rounded to 4 decimals; `None` when there are no rows.
    pub closure_rate: Option<f64>,
}

super::shape::generated_document! {
    /// The recovery escalation plan, fields in the spec's order.
    pub struct EscalationPlan (Kind::EscalationPlan, id: plan_id, controls: &CONTROLS) {
        pub recovery_slo_minutes: u64,
        #[schemars(extend("pattern" = crate::model::schema::id_pattern(Kind::Report)))]
        pub recovery_report_id: String,
        pub escalation_count: u64,
        pub critical_escalation_count: u64,
        pub slo_breached_count: u64,
        pub failed_execution_count: u64,
        pub open_recovery_count: u64,
        pub provider_count: u64,
        pub selected_providers: Vec<String>,
        pub escalation_routes: Vec<EscalationRoute>,
        pub executive_summary: EscalationSummary,
        pub controls: Vec<&'static str>,
    }
}

/// The routes of a report, in the plan's order.
pub fn routes(report: &RetryRecoveryReport) -> Vec<EscalationRoute> {
    let slo = report.recovery_slo_minutes;
    let mut routes: Vec<EscalationRoute> = Vec::new();
    for row in &report.recovery_rows {
        let (severity, reason, action) = if row.slo_breached {
            BREACHED
        } else if row.slo_status == "open" {
            OPEN
        } else {
            continue;
        };
        routes.push(EscalationRoute {
            provider: row.provider.clone(),
            category: row.category.clone(),
            severity,
            reason,
            recommended_action: action,
            playbook_id: row.playbook_id.clone(),
            closure_state: row.closure_state.clone(),
            age_minutes: row.age_minutes,
            recovery_slo_minutes: row.recovery_slo_minutes,
            failure_count: row.failure_count,
            slo_status: row.slo_status.clone(),
            slo_breached: row.slo_breached,
        });
    }
    for p in &report.provider_summary {
        let failed = p.execution_failed_count + p.execution_skipped_count;
        if failed == 0 {
            continue;
        }
        let (severity, reason, action) = FAILED_EXECUTIONS;
        routes.push(EscalationRoute {
            provider: p.provider.clone(),
            category: "retry-execution".to_owned(),
            severity,
            reason,
            recommended_action: action,
            playbook_id: String::new(),
            closure_state: "review_required".to_owned(),
            age_minutes: None,
            recovery_slo_minutes: slo,
            failure_count: i128::from(failed),
            slo_status: "review_required".to_owned(),
            slo_breached: false,
        });
    }
    // `sort_by_key` is stable: equal keys keep the order built above.
    routes.sort_by_key(|r| {
        (
            !r.is_critical(),
            Reverse(r.failure_count),
            Reverse(r.age_minutes.unwrap_or(0)),
        )
    });
    routes
}

/// Builds the plan from the report.
pub fn build(report: &RetryRecoveryReport) -> EscalationPlan {
    let escalation_routes = routes(report);
    let critical = escalation_routes.iter().filter(|r| r.is_critical()).count() as u64;
    let alert_level = if critical > 0 {
        "critical"
    } else if !escalation_routes.is_empty() {
        "warning"
    } else {
        "healthy"
    };
    let mut selected_providers: Vec<String> = escalation_routes
        .iter()
        .map(|r| r.provider.clone())
        .collect();
    selected_providers.sort();
    selected_providers.dedup();
    let plan_id = derive_id(
        Kind::EscalationPlan.info().id_prefix,
        &serde_json::json!({
            "generated_at": report.generated_at,
            "recovery_report_id": report.report_id,
            "routes": escalation_routes,
        }),
    );
    EscalationPlan {
        schema_version: Kind::EscalationPlan.schema_version(),
        product: PRODUCT,
        plan_id,
        generated_at: report.generated_at.clone(),
        generated_by: report.generated_by.clone(),
        alert_level,
        recovery_slo_minutes: report.recovery_slo_minutes,
        recovery_report_id: report.report_id.clone(),
        escalation_count: escalation_routes.len() as u64,
        critical_escalation_count: critical,
        slo_breached_count: report.recovery_slo_breached_count,
        failed_execution_count: report.execution_failed_count,
        open_recovery_count: report.recovery_open_count,
        provider_count: selected_providers.len() as u64,
        selected_providers,
        escalation_routes,
        executive_summary: EscalationSummary {
            status: alert_level,
            tracked_provider_count: report.provider_summary.len() as u64,
            execution_count: report.execution_count,
            failed_execution_count: report.execution_failed_count,
            open_recovery_count: report.recovery_open_count,
            slo_breached_count: report.recovery_slo_breached_count,
            closure_rate: rate(
                report.recovery_closed_count,
                report.recovery_playbook_provider_count,
            ),
        },
        controls: CONTROLS.to_vec(),
    }
}

crate::document!(
    EscalationPlan, Kind::EscalationPlan, id: plan_id, at: generated_at, by: generated_by,
    counts: |p| [p.escalation_count, p.critical_escalation_count, p.open_recovery_count],
);

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::facts::{ClosureFact, PlaybookEntry, PlaybookFact};
    use crate::model::stored::Document;
    use crate::model::time::parse_ts;
    use crate::report::execs::{ExecSummary, ProviderExecs};
    use crate::report::retry::{self, Params};

    pub const NOW: &str = "2026-06-01T08:00:00Z";

    /// A playbook with `(provider, failure_count)` entries (categories derived).
    pub fn playbook(id: &str, generated_at: &str, entries: &[(&str, i128)]) -> PlaybookFact {
        let entries: Vec<_> = entries.iter().map(|&(p, n)| (p, None, n)).collect();
        playbook_of(id, generated_at, &entries)
    }

    /// A playbook: id, generated_at as written, entries (provider, category, failure_count).
    pub fn playbook_of(
        id: &str,
        generated_at: &str,
        entries: &[(&str, Option<&str>, i128)],
    ) -> PlaybookFact {
        PlaybookFact {
            id: id.to_owned(),
            generated_at: generated_at.to_owned(),
            at: parse_ts(generated_at),
            entries: entries
                .iter()
                .map(|(p, c, n)| PlaybookEntry {
                    provider: (*p).to_owned(),
                    category: c.map(str::to_owned),
                    failure_count: *n,
                })
                .collect(),
        }
    }

    pub fn closure(id: &str, playbook: &str, provider: &str, state: &str, at: &str) -> ClosureFact {
        closure_of(id, playbook, provider, Some(state), at)
    }

    /// A closure: id, playbook_id, provider, normalised state (None when missing/blank),
    /// closed_at.
    pub fn closure_of(
        id: &str,
        playbook: &str,
        provider: &str,
        state: Option<&str>,
        at: &str,
    ) -> ClosureFact {
        ClosureFact {
            id: id.to_owned(),
            playbook_id: playbook.to_owned(),
            provider: provider.to_owned(),
            state: state.map(str::to_owned),
            closed_at: at.to_owned(),
            at: parse_ts(at),
        }
    }

    /// Executions per provider: (provider, delivered, failed, skipped).
    pub fn execs(per: &[(&str, u64, u64, u64)]) -> ExecSummary {
        let mut s = ExecSummary::default();
        for (p, d, f, k) in per {
            s.count += d + f + k;
            s.delivered += d;
            s.failed += f;
            s.skipped += k;
            s.providers.insert(
                (*p).to_owned(),
                ProviderExecs {
                    count: d + f + k,
                    delivered: *d,
                    failed: *f,
                    skipped: *k,
                    latest_at: String::new(),
                },
            );
        }
        s
    }

    pub fn report(
        execs: ExecSummary,
        playbooks: &[PlaybookFact],
        closures: &[ClosureFact],
    ) -> RetryRecoveryReport {
        let params = Params {
            now: parse_ts(NOW).unwrap(),
            slo_minutes: 240,
            generated_by: "test".to_owned(),
        };
        let pbs: Vec<&PlaybookFact> = playbooks.iter().collect();
        let cls: Vec<&ClosureFact> = closures.iter().collect();
        retry::build(&params, execs, &pbs, &cls).unwrap()
    }

    fn keys(plan: &EscalationPlan) -> Vec<(String, &'static str, String, i128, Option<i64>)> {
        plan.escalation_routes
            .iter()
            .map(|r| {
                (
                    r.provider.clone(),
                    r.severity,
                    r.playbook_id.clone(),
                    r.failure_count,
                    r.age_minutes,
                )
            })
            .collect()
    }

    #[test]
    fn routes_severities_and_stable_order() {
        // Now is 08:00Z and the SLO 240 min. Ages by hand: 2026-05-31T20:00Z is 720 min old
        // (breached when open), 2026-06-01T06:00Z is 120 min old (open, not breached).
        let playbooks = [
            playbook(
                "pb-old",
                "2026-05-31T20:00:00Z",
                &[("jira", 3), ("slack", 2), ("teams", 2)],
            ),
            playbook(
                "pb-new",
                "2026-06-01T06:00:00Z",
                &[("webhook", 1), ("pagerduty", 4), ("email", 1)],
            ),
        ];
        // jira of pb-old is resolved (closed: no route); email of pb-new is mitigated (closed).
        let closures = [
            closure("c1", "pb-old", "jira", "resolved", "2026-05-31T22:00:00Z"),
            closure("c2", "pb-new", "email", "mitigated", "2026-06-01T07:00:00Z"),
        ];
        // slack: 1 failed + 1 skipped = 2; datadog: 1 failed; jira: delivered only.
        let plan = build(&report(
            execs(&[("slack", 0, 1, 1), ("datadog", 0, 1, 0), ("jira", 2, 0, 0)]),
            &playbooks,
            &closures,
        ));
        // Row routes in recovery_rows order: breached first (slack 720, teams 720 of pb-old,
        // in provider_playbooks order), then pb-new (newer) webhook, pagerduty. Execution
        // routes in provider order: datadog (1), slack (2). Sorted by (critical first,
        // failure_count desc, age desc with null as 0): critical fc 2 → slack row (720),
        // teams row (720, after slack: equal keys keep their order), slack exec (null → 0);
        // critical fc 1 → datadog exec; then warnings: pagerduty (4) before webhook (1).
        assert_eq!(
            keys(&plan),
            vec![
                ("slack".into(), "critical", "pb-old".into(), 2, Some(720)),
                ("teams".into(), "critical", "pb-old".into(), 2, Some(720)),
                ("slack".into(), "critical", "".into(), 2, None),
                ("datadog".into(), "critical", "".into(), 1, None),
                ("pagerduty".into(), "warning", "pb-new".into(), 4, Some(120)),
                ("webhook".into(), "warning", "pb-new".into(), 1, Some(120)),
            ]
        );
        let exec_route = &plan.escalation_routes[2];
        assert_eq!(exec_route.category, "retry-execution");
        assert_eq!(exec_route.closure_state, "review_required");
        assert_eq!(exec_route.slo_status, "review_required");
        assert_eq!(exec_route.reason, "failed or skipped retry execution");
        assert_eq!(exec_route.recovery_slo_minutes, 240);
        assert!(!exec_route.slo_breached);
        let breached = &plan.escalation_routes[0];
        assert_eq!(breached.reason, "recovery SLO breached");
        assert_eq!(breached.category, "chatops");
        assert_eq!(breached.closure_state, "open");
        assert_eq!(breached.slo_status, "breached");
        let open = &plan.escalation_routes[4];
        assert_eq!(open.reason, "connector recovery remains open");
        assert_eq!(
            open.recommended_action,
            "notify release owner for recovery follow-up"
        );

        assert_eq!(plan.alert_level, "critical");
        assert_eq!(plan.escalation_count, 6);
        assert_eq!(plan.critical_escalation_count, 4);
        assert_eq!(
            plan.selected_providers,
            ["datadog", "pagerduty", "slack", "teams", "webhook"]
        );
        assert_eq!(plan.provider_count, 5);
        // 6 rows, 2 closed (jira resolved, email mitigated): 2/6 = 0.3333.
        assert_eq!(plan.executive_summary.closure_rate, Some(0.3333));
        // Providers: datadog, email, jira, pagerduty, slack, teams, webhook.
        assert_eq!(plan.executive_summary.tracked_provider_count, 7);
        assert_eq!(plan.open_recovery_count, 4);
        assert_eq!(plan.slo_breached_count, 2);
        assert_eq!(plan.failed_execution_count, 3);
        let stored = plan.stored();
        assert_eq!(
            (
                stored.decision_count,
                stored.blocked_count,
                stored.approval_required_count
            ),
            (6, 4, 4)
        );
    }

    #[test]
    fn alert_levels_and_closure_rate() {
        // No rows, no executions: healthy, closure_rate null.
        let plan = build(&report(execs(&[]), &[], &[]));
        assert_eq!(plan.alert_level, "healthy");
        assert_eq!(plan.executive_summary.status, "healthy");
        assert_eq!(plan.executive_summary.closure_rate, None);
        assert!(plan.escalation_routes.is_empty());

        // One open row only: warning; closure_rate 0/1 = 0.0.
        let pb = [playbook("p", "2026-06-01T07:00:00Z", &[("jira", 1)])];
        let plan = build(&report(execs(&[]), &pb, &[]));
        assert_eq!(plan.alert_level, "warning");
        assert_eq!(plan.executive_summary.closure_rate, Some(0.0));

        // One closed row only: healthy, closure_rate 1.0; 2 of 3 closed → 0.6667.
        let cl = [closure(
            "c",
            "p",
            "jira",
            "resolved",
            "2026-06-01T07:30:00Z",
        )];
        let plan = build(&report(execs(&[]), &pb, &cl));
        assert_eq!(plan.alert_level, "healthy");
        assert_eq!(plan.executive_summary.closure_rate, Some(1.0));
        let pb3 = [playbook(
            "p",
            "2026-06-01T07:00:00Z",
            &[("jira", 1), ("slack", 1), ("teams", 1)],
        )];
        let cl3 = [
            closure("c1", "p", "jira", "resolved", "2026-06-01T07:30:00Z"),
            closure("c2", "p", "slack", "mitigated", "2026-06-01T07:30:00Z"),
        ];
        let plan = build(&report(execs(&[]), &pb3, &cl3));
        assert_eq!(plan.executive_summary.closure_rate, Some(0.6667));

        // Only failed executions: critical.
        let plan = build(&report(execs(&[("jira", 0, 0, 1)]), &[], &[]));
        assert_eq!(plan.alert_level, "critical");
        assert_eq!(plan.escalation_routes[0].failure_count, 1);
    }

    #[test]
    fn plan_id_hashes_exactly_the_listed_fields() {
        let plan = build(&report(execs(&[("jira", 0, 1, 0)]), &[], &[]));
        let material = serde_json::json!({
            "generated_at": plan.generated_at,
            "recovery_report_id": plan.recovery_report_id,
            "routes": plan.escalation_routes,
        });
        let text = crate::model::canon::canonical(&material);
        assert!(text.starts_with(
            r#"{"generated_at":"2026-06-01T08:00:00Z","recovery_report_id":"gordackretryreport-"#
        ));
        let hex = crate::model::canon::sha256_hex(&text);
        assert_eq!(plan.plan_id, format!("gordackrecoveryesc-{}", &hex[..16]));
    }
}
