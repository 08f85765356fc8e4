//! `cavra dashboard`: the rollback drill dashboard (§4.7). A reading command: it never writes.

use crate::error::Error;
use crate::model::facts::ScheduleRunFact;
use crate::model::kind::Kind;
use crate::output::{self, Grid, Style, Tone, Value};
use crate::report::dashboard::{self, Dashboard as View, LoopRecords};
use crate::report::retry_plan::{self, RetryPolicy};

use super::report::{alert_tone, build};
use super::retry_plan::{acknowledgements, deliveries};

use super::{Env, Operation, Render, ReportRequest, Route};

super::report_request! {
    /// `cavra dashboard` and `GET .../dashboard`: the report parameters.
    pub struct Dashboard {
    }
}

impl Operation for Dashboard {
    type Output = View;

    const ROUTE: Option<Route> = Some(Route::get("/dashboard", "dashboard"));

    fn check(&self) -> Result<(), Error> {
        self.check_label()
    }

    fn view_key(&self) -> String {
        self.report_key()
    }

    /// Builds the dashboard of the evidence at now.
    fn execute(self, env: &Env<'_>) -> Result<View, Error> {
        let input = self;
        let ev = env.evidence;
        let report = build(ev, &input.params(env))?;
        let acks = acknowledgements(ev);
        let retryable_now = retry_plan::retryable_count(
            deliveries(ev),
            acks.iter().copied(),
            &RetryPolicy::default(),
            env.now,
        );
        let schedule_runs: Vec<&ScheduleRunFact> = ev.schedule_runs().collect();
        Ok(dashboard::build(
            &report,
            retryable_now,
            &LoopRecords {
                escalation_plans: ev.of_kind(Kind::EscalationPlan).count() as u64,
                acknowledgements: acks,
                retry_plans: ev.of_kind(Kind::RetryPlan).count() as u64,
                schedule_runs,
            },
        ))
    }
}

impl Render for View {
    fn render(&self, style: Style) -> Result<String, Error> {
        render(self, style)
    }
}

/// Renders the dashboard: JSON is the view; tables show one row per figure.
pub fn render(d: &View, style: Style) -> Result<String, Error> {
    let warn_if = |n: u64, tone: Tone| if n > 0 { tone } else { Tone::Plain };
    let mut g = Grid::new("Rollback drill dashboard", &["field", "value"]);
    let rows: Vec<(&str, Value, Tone)> = vec![
        (
            "alert_level",
            d.alert_level.into(),
            alert_tone(d.alert_level),
        ),
        ("execution_count", d.execution_count.into(), Tone::Plain),
        (
            "execution_failed_count",
            d.execution_failed_count.into(),
            warn_if(d.execution_failed_count, Tone::Bad),
        ),
        (
            "recovery_open_count",
            d.recovery_open_count.into(),
            warn_if(d.recovery_open_count, Tone::Warn),
        ),
        (
            "recovery_slo_breached_count",
            d.recovery_slo_breached_count.into(),
            warn_if(d.recovery_slo_breached_count, Tone::Bad),
        ),
        (
            "escalation_plan_count",
            d.escalation_plan_count.into(),
            Tone::Plain,
        ),
        (
            "acknowledgement_count",
            d.acknowledgement_count.into(),
            Tone::Plain,
        ),
        (
            "acknowledgement_state_counts",
            Value::Map(d.acknowledgement_state_counts.clone()),
            Tone::Plain,
        ),
        ("retry_plan_count", d.retry_plan_count.into(), Tone::Plain),
        (
            "retryable_delivery_count",
            d.retryable_delivery_count.into(),
            warn_if(d.retryable_delivery_count, Tone::Warn),
        ),
        (
            "schedule_run_count",
            d.schedule_run_count.into(),
            Tone::Plain,
        ),
        (
            "latest_schedule_window_start",
            d.latest_schedule_window_start.as_str().into(),
            Tone::Plain,
        ),
    ];
    for (k, v, tone) in rows {
        g.row(tone, vec![k.into(), v]);
    }
    output::document(style, d, || vec![g], 0)
}
