//! `cavra dashboard`: the rollback drill dashboard (§4.7). A reading command: it never writes.

use serde::Deserialize;

use crate::cli::{DashboardArgs, Format};
use crate::error::Error;
use crate::model::facts::ScheduleRunFact;
use crate::model::kind::Kind;
use crate::output::{self, Grid, Tone, Value};
use crate::report::dashboard::{self, Dashboard, LoopRecords};
use crate::report::retry_plan::{self, RetryPolicy};
use crate::store::Evidence;

use super::env::{Env, check_texts};
use super::report::{alert_tone, build};
use super::retry_plan::{acknowledgements, deliveries};
use super::{Ctx, print_out, warn_problems};

/// The request (the query of `GET /dashboard`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    #[serde(default)]
    pub recovery_slo_minutes: Option<u64>,
    #[serde(default)]
    pub generated_by: Option<String>,
}

impl Input {
    pub fn from_args(args: &DashboardArgs) -> Input {
        Input {
            recovery_slo_minutes: args.opts.slo_minutes,
            generated_by: args.opts.generated_by.clone(),
        }
    }

    pub fn check(&self) -> Result<(), Error> {
        check_texts(&[("--generated-by", self.generated_by.as_deref())])
    }
}

/// Builds the dashboard of the evidence at now.
pub fn execute(env: &Env<'_>, input: &Input) -> Result<Dashboard, Error> {
    input.check()?;
    let ev = env.evidence;
    let report = build(
        ev,
        &env.params(input.recovery_slo_minutes, input.generated_by.as_deref()),
    );
    let acks = acknowledgements(ev);
    let retry_now = retry_plan::build(
        deliveries(ev),
        acks.iter().copied(),
        &RetryPolicy::default(),
        env.now,
        env.default_label,
    );
    let schedule_runs: Vec<&ScheduleRunFact> = ev.schedule_runs().collect();
    Ok(dashboard::build(
        &report,
        &retry_now,
        &LoopRecords {
            escalation_plans: ev.of_kind(Kind::EscalationPlan).count() as u64,
            acknowledgements: acks,
            retry_plans: ev.of_kind(Kind::RetryPlan).count() as u64,
            schedule_runs,
        },
    ))
}

pub fn run(ctx: &Ctx, args: &DashboardArgs) -> Result<i32, Error> {
    let input = Input::from_args(args);
    input.check()?;
    let evidence = Evidence::load(&ctx.evidence, &ctx.load_options())?;
    warn_problems(&evidence.problems);
    let env = Env::new(ctx, &evidence, true);
    let d = execute(&env, &input)?;
    print_out(&render(&d, ctx.format, ctx.color));
    Ok(crate::problem::exit_code(&evidence.problems))
}

/// Renders the dashboard: JSON is the view; tables show one row per figure.
pub fn render(d: &Dashboard, format: Format, color: bool) -> String {
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
    match format {
        Format::Json => output::json(d),
        Format::Table => output::tables(&[g], color),
        Format::Markdown => output::markdown(&[g]),
        Format::Csv => output::csv(&g),
    }
}
