//! The recovery executive report (§4.5): the report and the escalation plan summarised for
//! leadership, with key risks and recommended actions.

use serde::Serialize;

use crate::model::canon::derive_id;
use crate::model::json::Json;
use crate::model::kind::Kind;

use super::PRODUCT;
use super::escalation::EscalationPlan;
use super::retry::{ClosureTrend, ProviderSummary, RetryRecoveryReport};
use crate::model::stored::StoredItem;

/// Executive report controls (appendix A).
pub const CONTROLS: [&str; 3] = [
    "executive-report-derived-from-public-safe-retry-and-recovery-evidence",
    "executive-report-contains-no-provider-secrets",
    "report-links-escalation-plan-without-embedding-private-connector-config",
];

pub const IMPACT_CRITICAL: &str = "Connector recovery requires leadership attention";
pub const IMPACT_MONITORED: &str =
    "Connector recovery is being monitored within operating tolerances";

/// The owner of every key risk.
pub const RISK_OWNER: &str = "release-governance";

/// The executive summary, fields in the spec's order.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ExecutiveSummary {
    #[schemars(extend("enum" = super::shape::ALERT_LEVELS))]
    pub status: &'static str,
    pub business_impact: &'static str,
    pub execution_count: u64,
    pub failed_execution_count: u64,
    pub open_recovery_count: u64,
    pub slo_breached_count: u64,
    pub escalation_count: u64,
}

/// One key risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct KeyRisk {
    #[schemars(extend("enum" = ["critical", "warning"]))]
    pub severity: &'static str,
    pub risk: &'static str,
    pub count: u64,
    #[schemars(extend("const" = RISK_OWNER))]
    pub owner: &'static str,
}

super::shape::generated_document! {
    /// The executive report, fields in the spec's order.
    pub struct ExecutiveReport (Kind::ExecutiveReport, id: executive_report_id, controls: &CONTROLS) {
        pub recovery_slo_minutes: u64,
        #[schemars(extend("pattern" = crate::model::schema::id_pattern(Kind::Report)))]
        pub recovery_report_id: String,
        #[schemars(extend("pattern" = crate::model::schema::id_pattern(Kind::EscalationPlan)))]
        pub escalation_plan_id: String,
        pub executive_summary: ExecutiveSummary,
        pub provider_summary: Vec<ProviderSummary>,
        pub closure_trends: Vec<ClosureTrend>,
        pub key_risks: Vec<KeyRisk>,
        pub recommended_actions: Vec<&'static str>,
        pub controls: Vec<&'static str>,
    }
}

/// The key risks, in the spec's order, only those with a count above 0.
pub fn key_risks(failed: u64, breached: u64, open: u64) -> Vec<KeyRisk> {
    [
        ("critical", "Retry execution failed or was skipped", failed),
        ("critical", "Connector recovery SLO breached", breached),
        ("warning", "Connector recovery remains open", open),
    ]
    .into_iter()
    .filter(|(_, _, count)| *count > 0)
    .map(|(severity, risk, count)| KeyRisk {
        severity,
        risk,
        count,
        owner: RISK_OWNER,
    })
    .collect()
}

/// The recommended actions (appendix A).
pub fn recommended_actions(has_route: bool) -> Vec<&'static str> {
    vec![
        if has_route {
            "deliver recovery escalation notifications to the selected operations channels"
        } else {
            "continue routine retry recovery monitoring"
        },
        "verify recovery closure evidence for each failed connector provider",
        "review retry execution trends before enabling promoted Go backend mode",
    ]
}

/// Builds the executive report from the report and the plan built from it.
pub fn build(report: &RetryRecoveryReport, plan: &EscalationPlan) -> ExecutiveReport {
    let executive_report_id = derive_id(
        Kind::ExecutiveReport.info().id_prefix,
        &serde_json::json!({
            "generated_at": report.generated_at,
            "recovery_report_id": report.report_id,
            "escalation_plan_id": plan.plan_id,
        }),
    );
    let failed = report.execution_failed_count;
    let breached = report.recovery_slo_breached_count;
    let open = report.recovery_open_count;
    ExecutiveReport {
        schema_version: Kind::ExecutiveReport.schema_version(),
        product: PRODUCT,
        executive_report_id,
        generated_at: report.generated_at.clone(),
        generated_by: report.generated_by.clone(),
        alert_level: plan.alert_level,
        recovery_slo_minutes: report.recovery_slo_minutes,
        recovery_report_id: report.report_id.clone(),
        escalation_plan_id: plan.plan_id.clone(),
        executive_summary: ExecutiveSummary {
            status: plan.alert_level,
            business_impact: if plan.critical_escalation_count > 0 {
                IMPACT_CRITICAL
            } else {
                IMPACT_MONITORED
            },
            execution_count: report.execution_count,
            failed_execution_count: failed,
            open_recovery_count: open,
            slo_breached_count: breached,
            escalation_count: plan.escalation_count,
        },
        provider_summary: report.provider_summary.clone(),
        closure_trends: report.closure_trends.clone(),
        key_risks: key_risks(failed, breached, open),
        recommended_actions: recommended_actions(plan.escalation_count > 0),
        controls: CONTROLS.to_vec(),
    }
}

/// The three counts of an executive report's stored item (decision, blocked,
/// approval_required) from its summary: escalations, breached + failed, open.
fn counts(escalations: u64, failed: u64, breached: u64, open: u64) -> (u64, u64, u64) {
    (escalations, breached + failed, open)
}

crate::document!(
    ExecutiveReport, Kind::ExecutiveReport,
    id: executive_report_id, at: generated_at, by: generated_by,
    counts: |x| {
        let s = &x.executive_summary;
        let (decision, blocked, approval) = counts(
            s.escalation_count,
            s.failed_execution_count,
            s.slo_breached_count,
            s.open_recovery_count,
        );
        [decision, blocked, approval]
    },
);

/// The stored item of an executive report given as JSON (the report embedded in a stored
/// schedule run), built exactly as [`ExecutiveReport::stored`] builds it, so that a run's
/// report file is the same whichever process writes it. `None` when the value lacks an id.
pub fn stored_from_json<'a>(report: &'a Json<'a>) -> Option<StoredItem<'a, Json<'a>>> {
    let text = |k: &str| report.get(k).and_then(Json::as_str);
    let summary = report.get("executive_summary");
    let count = |k: &str| {
        summary
            .and_then(|s| s.get(k))
            .and_then(|v| match v {
                Json::Num(n) => n.as_u64(),
                _ => None,
            })
            .unwrap_or(0)
    };
    let (decision, blocked, approval) = counts(
        count("escalation_count"),
        count("failed_execution_count"),
        count("slo_breached_count"),
        count("open_recovery_count"),
    );
    Some(StoredItem {
        kind: Kind::ExecutiveReport,
        id: text("executive_report_id").filter(|s| !s.is_empty())?,
        created_at: text("generated_at").unwrap_or(""),
        signer: text("generated_by").unwrap_or(""),
        decision_count: decision,
        blocked_count: blocked,
        approval_required_count: approval,
        copied: Vec::new(),
        document: report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::stored::Document;
    use crate::report::escalation::tests::{closure, execs, playbook, report};
    use crate::report::escalation::{self};
    use crate::report::keys_of;

    #[test]
    fn key_risks_order_and_filter() {
        let names = |v: Vec<KeyRisk>| -> Vec<(&str, &str, u64)> {
            v.into_iter()
                .map(|r| (r.severity, r.risk, r.count))
                .collect()
        };
        assert_eq!(
            names(key_risks(6, 7, 10)),
            vec![
                ("critical", "Retry execution failed or was skipped", 6),
                ("critical", "Connector recovery SLO breached", 7),
                ("warning", "Connector recovery remains open", 10),
            ]
        );
        assert_eq!(
            names(key_risks(0, 2, 0)),
            vec![("critical", "Connector recovery SLO breached", 2)]
        );
        assert_eq!(
            names(key_risks(0, 0, 1)),
            vec![("warning", "Connector recovery remains open", 1)]
        );
        assert!(key_risks(0, 0, 0).is_empty());
        assert_eq!(key_risks(1, 0, 0)[0].owner, "release-governance");
        assert_eq!(
            keys_of(&key_risks(1, 0, 0)[0]),
            ["severity", "risk", "count", "owner"]
        );
    }

    #[test]
    fn wording_follows_the_plan() {
        // Critical: a breached row (generated 12 h before now, SLO 4 h) → critical route.
        let pb = [playbook("pb", "2026-05-31T20:00:00Z", &[("jira", 1)])];
        let r = report(execs(&[]), &pb, &[]);
        let plan = escalation::build(&r);
        let x = build(&r, &plan);
        assert_eq!(x.alert_level, "critical");
        assert_eq!(x.executive_summary.status, "critical");
        assert_eq!(
            x.executive_summary.business_impact,
            "Connector recovery requires leadership attention"
        );
        assert_eq!(
            x.recommended_actions[0],
            "deliver recovery escalation notifications to the selected operations channels"
        );
        assert_eq!(x.escalation_plan_id, plan.plan_id);
        assert_eq!(x.recovery_report_id, r.report_id);

        // Warning only (an open row 1 h old): monitored, but still a route to deliver.
        let pb = [playbook("pb", "2026-06-01T07:00:00Z", &[("jira", 1)])];
        let r = report(execs(&[]), &pb, &[]);
        let x = build(&r, &escalation::build(&r));
        assert_eq!(x.alert_level, "warning");
        assert_eq!(
            x.executive_summary.business_impact,
            "Connector recovery is being monitored within operating tolerances"
        );
        assert_eq!(
            x.recommended_actions[0],
            "deliver recovery escalation notifications to the selected operations channels"
        );

        // Healthy (the only row resolved): no route.
        let cl = [closure(
            "c",
            "pb",
            "jira",
            "resolved",
            "2026-06-01T07:30:00Z",
        )];
        let r = report(execs(&[("jira", 1, 0, 0)]), &pb, &cl);
        let x = build(&r, &escalation::build(&r));
        assert_eq!(x.alert_level, "healthy");
        assert_eq!(
            x.recommended_actions,
            [
                "continue routine retry recovery monitoring",
                "verify recovery closure evidence for each failed connector provider",
                "review retry execution trends before enabling promoted Go backend mode",
            ]
        );
        assert!(x.key_risks.is_empty());
        assert_eq!(x.provider_summary, r.provider_summary);
        assert_eq!(x.closure_trends, r.closure_trends);
    }

    #[test]
    fn stored_item_from_json_equals_the_typed_one() {
        // A report with failures (2), breaches (1) and open rows (2), so every count differs.
        let pb = [playbook(
            "pb",
            "2026-05-31T20:00:00Z",
            &[("jira", 1), ("slack", 1)],
        )];
        let cl = [closure(
            "c",
            "pb",
            "slack",
            "deferred",
            "2026-06-01T07:30:00Z",
        )];
        let r = report(execs(&[("jira", 0, 1, 1)]), &pb, &cl);
        let x = build(&r, &escalation::build(&r));
        let typed = crate::model::stored::pretty(&x.stored()).unwrap();
        let json =
            crate::model::json::parse_owned(serde_json::to_string(&x).unwrap().as_bytes()).unwrap();
        let from_json = crate::model::stored::pretty(&stored_from_json(&json).unwrap()).unwrap();
        assert_eq!(typed, from_json);
        let s = x.stored();
        // decision = escalations: 2 breached rows (jira and slack, both open and 720 min
        // old) + 1 execution route (jira: 1 failed + 1 skipped) = 3; blocked = breached 2 +
        // failed 2 = 4; approval_required = open 2.
        assert_eq!(
            (s.decision_count, s.blocked_count, s.approval_required_count),
            (3, 4, 2)
        );
        assert_eq!(stored_from_json(&Json::Obj(Vec::new())).map(|s| s.id), None);
    }
}
