//! `cavra escalate`: build the recovery escalation plan from the report and record it (§4.1).

use crate::error::Error;
use crate::output::{self, Grid, Style, Tone, Value};
use crate::report::escalation::{self, EscalationPlan};
use crate::store::record::Basis;

use super::report::{alert_tone, build};

use super::{Access, Env, Operation, Recording, ReportRequest, Route, Show, Writes, record_cited};

super::report_request! {
    /// `cavra escalate` and `POST .../recovery-escalation-plan` (its body).
    pub struct Escalate {
        /// Show the plan and the path it would write; write nothing
        #[arg(long)]
        #[serde(skip)]
        pub dry_run: bool,
    }
}

/// `{plan, metadata}`.
pub type Output = Recording<EscalationPlan>;

impl Operation for Escalate {
    type Output = Output;

    const ROUTE: Option<Route> = Some(Route::post(
        "/recovery-escalation-plan",
        "recovery escalation plan",
    ));

    fn access(&self) -> Access {
        Access::writing(Writes::Derived, self.dry_run)
    }

    fn check(&self) -> Result<(), Error> {
        self.check_label()
    }

    /// Builds the plan from the evidence and records it (refused over evidence with problems).
    fn execute(self, env: &Env<'_>) -> Result<Output, Error> {
        let input = self;
        let params = input.params(env);
        let report = build(env.evidence, &params)?;
        let plan = escalation::build(&report);
        // §4.8: the report the plan cites is recorded first.
        let cited = record_cited(env, &report, None)?;
        let recorded = env.record(&plan, Basis::Derived)?;
        Ok(Recording::new("plan", plan, Some(Ok(recorded))).citing(cited))
    }
}

impl Show for EscalationPlan {
    fn show(&self, style: Style) -> Result<String, Error> {
        output::document(
            style,
            self,
            || vec![summary_grid(self), routes_grid(self)],
            1,
        )
    }
}

fn summary_grid(p: &EscalationPlan) -> Grid {
    let mut g = Grid::new(
        &format!(
            "Recovery escalation plan {} ({})",
            p.plan_id, p.generated_at
        ),
        &["field", "value"],
    );
    let s = &p.executive_summary;
    let rows: Vec<(&str, Value, Tone)> = vec![
        (
            "alert_level",
            p.alert_level.into(),
            alert_tone(p.alert_level),
        ),
        ("generated_by", p.generated_by.as_str().into(), Tone::Plain),
        (
            "recovery_slo_minutes",
            p.recovery_slo_minutes.into(),
            Tone::Plain,
        ),
        (
            "recovery_report_id",
            p.recovery_report_id.as_str().into(),
            Tone::Plain,
        ),
        ("escalation_count", p.escalation_count.into(), Tone::Plain),
        (
            "critical_escalation_count",
            p.critical_escalation_count.into(),
            if p.critical_escalation_count > 0 {
                Tone::Bad
            } else {
                Tone::Plain
            },
        ),
        (
            "slo_breached_count",
            p.slo_breached_count.into(),
            Tone::Plain,
        ),
        (
            "failed_execution_count",
            p.failed_execution_count.into(),
            Tone::Plain,
        ),
        (
            "open_recovery_count",
            p.open_recovery_count.into(),
            Tone::Plain,
        ),
        (
            "selected_providers",
            p.selected_providers.join(", ").into(),
            Tone::Plain,
        ),
        (
            "tracked_provider_count",
            s.tracked_provider_count.into(),
            Tone::Plain,
        ),
        (
            "closure_rate",
            s.closure_rate.map_or(Value::Null, Value::Float),
            Tone::Plain,
        ),
    ];
    for (k, v, tone) in rows {
        g.row(tone, vec![k.into(), v]);
    }
    g
}

fn routes_grid(p: &EscalationPlan) -> Grid {
    let mut g = Grid::new(
        "Escalation routes",
        &[
            "severity",
            "provider",
            "category",
            "playbook_id",
            "closure_state",
            "age_minutes",
            "failure_count",
            "slo_status",
            "reason",
            "recommended_action",
        ],
    );
    for r in &p.escalation_routes {
        g.row(
            if r.is_critical() {
                Tone::Bad
            } else {
                Tone::Warn
            },
            vec![
                r.severity.into(),
                r.provider.as_str().into(),
                r.category.as_str().into(),
                r.playbook_id.as_str().into(),
                r.closure_state.as_str().into(),
                r.age_minutes.into(),
                Value::Int(r.failure_count),
                r.slo_status.as_str().into(),
                r.reason.into(),
                r.recommended_action.into(),
            ],
        );
    }
    g
}
