//! `cavra executive-report [--record]`: the recovery executive report (§4.5).

use crate::error::Error;
use crate::output::{self, Grid, Style, Tone, Value};
use crate::report::escalation;
use crate::report::executive::{self, ExecutiveReport as ExecDoc};
use crate::store::record::Basis;

use super::report::{alert_tone, build, providers_grid};
use super::{Access, Env, Operation, Recording, ReportOpts, Route, Show, Writes};

#[derive(Debug, clap::Args)]
pub struct ExecutiveReportArgs {
    #[command(flatten)]
    pub opts: ReportOpts,
    /// Write the executive report as a stored item under executive-reports/
    #[arg(long)]
    pub record: bool,
    /// With --record: show what would be written and write nothing
    #[arg(long, requires = "record")]
    pub dry_run: bool,
}

/// The request (the query of `GET /recovery-executive-report`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    #[serde(default)]
    pub recovery_slo_minutes: Option<u64>,
    #[serde(default)]
    pub generated_by: Option<String>,
    /// Write the report as a stored item under `executive-reports/`.
    #[serde(default)]
    pub record: bool,
    #[serde(skip)]
    pub dry_run: bool,
}

/// `cavra executive-report` and `GET .../recovery-executive-report`.
#[derive(Debug)]
pub struct ExecutiveReport;

/// `{report, metadata}`.
pub type Output = Recording<ExecDoc>;

impl Operation for ExecutiveReport {
    type Args = ExecutiveReportArgs;
    type Input = Input;
    type Output = Output;

    const ROUTE: Option<Route> = Some(Route::get(
        "/recovery-executive-report",
        "recovery executive report",
    ));

    fn input(args: &ExecutiveReportArgs) -> Input {
        Input {
            recovery_slo_minutes: args.opts.slo_minutes,
            generated_by: args.opts.generated_by.clone(),
            record: args.record,
            dry_run: args.dry_run,
        }
    }

    fn access(input: &Input) -> Access {
        if input.record {
            Access::writing(Writes::Derived, input.dry_run)
        } else {
            Access::READ
        }
    }

    fn check(input: &Input) -> Result<(), Error> {
        super::check_label(input.generated_by.as_deref())
    }

    fn view_key(input: &Input) -> String {
        super::view_key(input.recovery_slo_minutes, input.generated_by.as_deref())
    }

    /// Builds the executive report and, with `record`, records it (refused over evidence with
    /// problems).
    fn execute(env: &Env<'_>, input: Input) -> Result<Output, Error> {
        let doc = report(
            env,
            input.recovery_slo_minutes,
            input.generated_by.as_deref(),
        )?;
        let recorded = input.record.then(|| env.record(&doc, Basis::Derived));
        Ok(Recording::new("report", doc, recorded))
    }
}

/// Builds the executive report (the report and its escalation plan, same now, SLO, label).
pub fn report(
    env: &Env<'_>,
    slo: Option<u64>,
    generated_by: Option<&str>,
) -> Result<ExecDoc, Error> {
    let report = build(env.evidence, &env.params(slo, generated_by))?;
    let plan = escalation::build(&report);
    Ok(executive::build(&report, &plan))
}

impl Show for ExecDoc {
    fn show(&self, style: Style) -> Result<String, Error> {
        output::document(
            style,
            self,
            || {
                vec![
                    summary_grid(self),
                    risks_grid(self),
                    providers_grid(&self.provider_summary),
                ]
            },
            1,
        )
    }
}

fn summary_grid(x: &ExecDoc) -> Grid {
    let mut g = Grid::new(
        &format!(
            "Recovery executive report {} ({})",
            x.executive_report_id, x.generated_at
        ),
        &["field", "value"],
    );
    let s = &x.executive_summary;
    let rows: Vec<(&str, Value, Tone)> = vec![
        ("status", s.status.into(), alert_tone(s.status)),
        (
            "business_impact",
            s.business_impact.into(),
            alert_tone(s.status),
        ),
        ("generated_by", x.generated_by.as_str().into(), Tone::Plain),
        (
            "recovery_slo_minutes",
            x.recovery_slo_minutes.into(),
            Tone::Plain,
        ),
        ("execution_count", s.execution_count.into(), Tone::Plain),
        (
            "failed_execution_count",
            s.failed_execution_count.into(),
            Tone::Plain,
        ),
        (
            "open_recovery_count",
            s.open_recovery_count.into(),
            Tone::Plain,
        ),
        (
            "slo_breached_count",
            s.slo_breached_count.into(),
            Tone::Plain,
        ),
        ("escalation_count", s.escalation_count.into(), Tone::Plain),
        (
            "recovery_report_id",
            x.recovery_report_id.as_str().into(),
            Tone::Plain,
        ),
        (
            "escalation_plan_id",
            x.escalation_plan_id.as_str().into(),
            Tone::Plain,
        ),
        (
            "recommended_actions",
            x.recommended_actions.join("; ").into(),
            Tone::Plain,
        ),
    ];
    for (k, v, tone) in rows {
        g.row(tone, vec![k.into(), v]);
    }
    g
}

fn risks_grid(x: &ExecDoc) -> Grid {
    let mut g = Grid::new("Key risks", &["severity", "risk", "count", "owner"]);
    for r in &x.key_risks {
        g.row(
            alert_tone(r.severity),
            vec![
                r.severity.into(),
                r.risk.into(),
                r.count.into(),
                r.owner.into(),
            ],
        );
    }
    g
}
