//! `cavra executive-report [--record]`: the recovery executive report (§4.5).

use serde::Deserialize;

use crate::cli::{ExecutiveReportArgs, Format};
use crate::error::Error;
use crate::output::{self, Grid, Tone, Value};
use crate::report::escalation;
use crate::report::executive::{self, ExecutiveReport};

use super::Ctx;
use super::env::{Env, Recording, check_texts, run_recording};
use super::report::{alert_tone, build, providers_grid};

/// The request (the query of `GET /recovery-executive-report`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    #[serde(default)]
    pub recovery_slo_minutes: Option<u64>,
    #[serde(default)]
    pub generated_by: Option<String>,
    /// Write the report as a stored item under `executive-reports/`.
    #[serde(default)]
    pub record: bool,
}

impl Input {
    pub fn from_args(args: &ExecutiveReportArgs) -> Input {
        Input {
            recovery_slo_minutes: args.opts.slo_minutes,
            generated_by: args.opts.generated_by.clone(),
            record: args.record,
        }
    }

    /// Checks the inputs before anything is read or written.
    pub fn check(&self) -> Result<(), Error> {
        check_texts(&[("--generated-by", self.generated_by.as_deref())])
    }
}

/// `{report, metadata, recorded}` (`recorded` only with `record`).
pub type Output = Recording<ExecutiveReport>;

/// Builds the executive report (the report and its escalation plan, same now, SLO, label).
pub fn report(env: &Env<'_>, slo: Option<u64>, generated_by: Option<&str>) -> ExecutiveReport {
    let report = build(env.evidence, &env.params(slo, generated_by));
    let plan = escalation::build(&report);
    executive::build(&report, &plan)
}

/// Builds the executive report and, with `record`, records it (refused over evidence with
/// problems).
pub fn execute(env: &Env<'_>, input: &Input) -> Result<Output, Error> {
    input.check()?;
    let doc = report(
        env,
        input.recovery_slo_minutes,
        input.generated_by.as_deref(),
    );
    let recorded = if input.record {
        Some(env.record(&doc, true)?)
    } else {
        None
    };
    Ok(Recording {
        key: "report",
        document: doc,
        recorded,
    })
}

pub fn run(ctx: &Ctx, args: &ExecutiveReportArgs) -> Result<i32, Error> {
    let input = Input::from_args(args);
    input.check()?;
    run_recording(
        ctx,
        args.dry_run,
        args.record,
        true,
        |env| execute(env, &input),
        render,
    )
}

/// Renders the report: JSON is the document; tables show the summary, the key risks and the
/// providers (CSV: the key risks).
pub fn render(x: &ExecutiveReport, format: Format, color: bool) -> String {
    let grids = || {
        vec![
            summary_grid(x),
            risks_grid(x),
            providers_grid(&x.provider_summary),
        ]
    };
    match format {
        Format::Json => output::json(x),
        Format::Table => output::tables(&grids(), color),
        Format::Markdown => output::markdown(&grids()),
        Format::Csv => output::csv(&risks_grid(x)),
    }
}

fn summary_grid(x: &ExecutiveReport) -> Grid {
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

fn risks_grid(x: &ExecutiveReport) -> Grid {
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
