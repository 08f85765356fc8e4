//! `cavra schedule-run`: one scheduled executive report run per window (§4.6).
//!
//! The run id hashes the window, so the run's file name is known before anything is built:
//! when `schedule-runs/<run_id>.json` exists, the stored run is read back and printed
//! (`unchanged`, exit 0, whatever it holds). Otherwise the run is written first and its
//! executive report second, so a process that loses a race writes no run of its own; it then
//! treats the winner's run as stored. A stored run whose executive report file is missing
//! gets it written from the report embedded in the run.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Field};
use crate::model::json::{Json, OwnedJson};
use crate::model::kind::Kind;
use crate::model::stored::Document;
use crate::output::{self, Grid, Style, Tone, Value};
use crate::report::escalation;
use crate::report::executive::{self, stored_from_json};
use crate::report::schedule::{
    self, MAX_INTERVAL_MINUTES, ScheduleParams, cadence, effective_interval, window_text,
};
use crate::store::record::{Basis, Recorded};

use super::report::{alert_tone, build};
use super::{
    Access, Env, Operation, Render, ReportRequest, Route, Writes, check_texts, field_hint,
    record_cited, to_json,
};

const CADENCE: Field = Field::new("--cadence", "schedule.cadence");
const INTERVAL: Field = Field::new("--interval-minutes", "schedule.interval_minutes");

/// The schedule as requested: flags on the command line, the `schedule` object of a request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, clap::Args)]
#[serde(deny_unknown_fields, default)]
pub struct ScheduleInput {
    /// Window length in minutes, windows aligned to the Unix epoch (0 means the default) [default: 1440]
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub interval_minutes: Option<u64>,
    /// Cadence label [default: every_<N>_minutes]
    #[arg(long, value_name = "NAME")]
    pub cadence: Option<String>,
    /// Record the schedule as disabled
    #[arg(long = "disabled", action = clap::ArgAction::SetFalse)]
    pub enabled: Option<bool>,
}

super::report_request! {
    /// `cavra schedule-run` and `POST .../recovery-executive-report/schedule-run` (its body).
    ///
    /// The run id hashes the window, so the run's file name is known before anything is built:
    /// when `schedule-runs/<run_id>.json` exists, the stored run is read back and returned
    /// (`unchanged`, whatever it holds). Otherwise the executive report's file is judged, the run
    /// written, and its executive report written second, so a process that loses a race writes
    /// no run of its own; it then treats the winner's run as stored. A stored run whose executive
    /// report file is missing gets it written from the report embedded in the run.
    pub struct ScheduleRun {
        #[command(flatten)]
        pub schedule: ScheduleInput,
        /// Show the run and the paths it would write; write nothing
        #[arg(long)]
        #[serde(skip)]
        pub dry_run: bool,
    }
}

impl ScheduleRun {
    /// The effective schedule.
    fn schedule(&self) -> Result<ScheduleParams, Error> {
        let interval = effective_interval(self.schedule.interval_minutes);
        if interval > MAX_INTERVAL_MINUTES {
            return Err(Error::usage(format!(
                "interval of {interval} minutes is longer than 100 years ({MAX_INTERVAL_MINUTES} minutes)"
            ))
            .with_hint(field_hint("use ", INTERVAL, " 1440 for a daily run")));
        }
        Ok(ScheduleParams {
            interval_minutes: interval,
            cadence: cadence(self.schedule.cadence.as_deref(), interval),
            enabled: self.schedule.enabled.unwrap_or(true),
        })
    }
}

/// What `schedule-run` returns: the run (built now, or the stored one of the window), its
/// stored item, the executive report's stored item, and what was recorded.
#[derive(Debug, Clone, Serialize)]
pub struct Output {
    pub run: OwnedJson,
    pub metadata: OwnedJson,
    pub report_metadata: Option<OwnedJson>,
    /// The run: written, or `unchanged` when the window already had one.
    #[serde(skip)]
    pub recorded: Recorded,
    /// The run's executive report file.
    #[serde(skip)]
    pub report_recorded: Option<Recorded>,
    /// The report and the plan the executive report cites (§4.8).
    #[serde(skip)]
    pub cited: Vec<Recorded>,
}

impl Operation for ScheduleRun {
    type Output = Output;

    const ROUTE: Option<Route> = Some(Route::post(
        "/recovery-executive-report/schedule-run",
        "scheduled executive report run",
    ));

    fn access(&self) -> Access {
        Access::writing(Writes::Derived, self.dry_run)
    }

    fn check(&self) -> Result<(), Error> {
        let input = self;
        check_texts(&[
            (super::GENERATED_BY, input.generated_by.as_deref()),
            (CADENCE, input.schedule.cadence.as_deref()),
        ])?;
        input.schedule().map(drop)
    }

    /// Records the run of the current window, or returns the stored one.
    fn execute(self, env: &Env<'_>) -> Result<Output, Error> {
        let input = self;
        let sched = input.schedule()?;
        let params = input.params(env);
        let (start, _) = window_text(env.now, sched.interval_minutes)?;
        let run_id = schedule::run_id(&start, sched.interval_minutes, &params.generated_by);
        let recorder = env.recorder();
        if let Some(stored) = recorder.read(Kind::ScheduleRun, &run_id)? {
            return stored_run(env, stored);
        }

        let report = build(env.evidence, &params)?;
        let plan = escalation::build(&report);
        let exec = executive::build(&report, &plan);
        let run = schedule::build(exec, &sched, env.now)?;
        let stored = run.stored();
        let run_path = recorder.path(Kind::ScheduleRun, &run_id)?;
        let mut out = Output {
            run: to_json(&run)?,
            metadata: to_json(&stored)?,
            report_metadata: Some(to_json(&run.executive_report.stored())?),
            recorded: Recorded::Refused(run_path),
            report_recorded: None,
            cited: Vec::new(),
        };
        if env.evidence.has_errors() {
            let report_path = recorder.path(Kind::ExecutiveReport, run.executive_report.id())?;
            out.report_recorded = Some(Recorded::Refused(report_path));
            out.cited = record_cited(env, &report, Some(&plan))?;
            return Ok(out);
        }
        // A conflict writes nothing (§4): the executive report's file is judged before the
        // run is written, so another record under that id stops both writes; the report and
        // the plan the executive report cites are judged, then recorded first (§4.8).
        recorder.judge(&run.executive_report)?;
        out.cited = record_cited(env, &report, Some(&plan))?;
        match recorder.record(&run, Basis::Derived) {
            Ok(Recorded::Written(p)) => out.recorded = Recorded::Written(p),
            Ok(Recorded::WouldWrite(p)) => out.recorded = Recorded::WouldWrite(p),
            // Another process wrote this window's run since we looked: it is the stored run.
            Ok(Recorded::Unchanged(_)) | Err(Error::Conflict { .. }) => {
                if let Some(stored) = recorder.read(Kind::ScheduleRun, &run_id)? {
                    return stored_run(env, stored);
                }
            }
            Ok(r @ Recorded::Refused(_)) => out.recorded = r,
            Err(e) => return Err(e),
        }
        out.report_recorded = Some(recorder.record(&run.executive_report, Basis::Derived)?);
        Ok(out)
    }
}

/// The stored run of the window, read back; writes its executive report file when missing.
fn stored_run(env: &Env<'_>, (path, item): (PathBuf, OwnedJson)) -> Result<Output, Error> {
    let recorder = env.recorder();
    let run = item
        .get(Kind::ScheduleRun.info().nested_key)
        .filter(|v| v.as_obj().is_some())
        .unwrap_or(&item)
        .clone();
    let mut report_metadata = None;
    let mut report_recorded = None;
    if let Some(stored) = run.get("executive_report").and_then(stored_from_json)
        && let Ok(report_path) = recorder.path(Kind::ExecutiveReport, stored.id)
    {
        report_recorded = Some(if recorder.exists(Kind::ExecutiveReport, stored.id)? {
            Recorded::Unchanged(report_path)
        } else {
            recorder.record_stored(Kind::ExecutiveReport, stored.id, &stored, Basis::Derived)?
        });
        report_metadata = Some(to_json(&stored)?);
    }
    Ok(Output {
        run,
        metadata: item,
        report_metadata,
        recorded: Recorded::Unchanged(path),
        report_recorded,
        cited: Vec::new(),
    })
}

impl Render for Output {
    fn render(&self, style: Style) -> Result<String, Error> {
        render(&self.run, style)
    }

    fn recorded(&self) -> Vec<&Recorded> {
        std::iter::once(&self.recorded)
            .chain(self.report_recorded.iter())
            .chain(self.cited.iter())
            .collect()
    }
}

/// Renders the run: JSON is the run document (as stored, when it was); tables show the
/// schedule, the summary and the executive report's headline.
pub fn render(run: &Json, style: Style) -> Result<String, Error> {
    let at = |path: &[&str]| -> Option<&Json> { path.iter().try_fold(run, |v, k| v.get(k)) };
    let text = |path: &[&str]| at(path).and_then(Json::as_str).unwrap_or("").to_owned();
    let mut g = Grid::new(
        &format!("Scheduled executive report run {}", text(&["run_id"])),
        &["field", "value"],
    );
    let level = text(&["alert_level"]);
    for (name, path) in [
        ("alert_level", &["alert_level"][..]),
        ("generated_at", &["generated_at"]),
        ("generated_by", &["generated_by"]),
        ("window_start", &["schedule", "window_start"]),
        ("window_end", &["schedule", "window_end"]),
        ("interval_minutes", &["schedule", "interval_minutes"]),
        ("cadence", &["schedule", "cadence"]),
        ("enabled", &["schedule", "enabled"]),
        ("escalation_count", &["summary", "escalation_count"]),
        (
            "failed_execution_count",
            &["summary", "failed_execution_count"],
        ),
        ("open_recovery_count", &["summary", "open_recovery_count"]),
        ("slo_breached_count", &["summary", "slo_breached_count"]),
        (
            "executive_report_id",
            &["executive_report", "executive_report_id"],
        ),
        (
            "business_impact",
            &["executive_report", "executive_summary", "business_impact"],
        ),
    ] {
        let tone = if name == "alert_level" {
            alert_tone(&level)
        } else {
            Tone::Plain
        };
        g.row(tone, vec![name.into(), cell(at(path))]);
    }
    output::document(style, run, || vec![g], 0)
}

fn cell(v: Option<&Json>) -> Value {
    match v {
        None | Some(Json::Null) => Value::Null,
        Some(Json::Str(s)) => Value::Text(s.to_string()),
        Some(Json::Bool(b)) => Value::Bool(*b),
        Some(Json::Num(n)) => n
            .as_i64()
            .map(|i| Value::Int(i.into()))
            .or_else(|| n.as_u64().map(|u| Value::Int(u.into())))
            .unwrap_or_else(|| Value::Float(n.as_f64().unwrap_or(0.0))),
        Some(other) => Value::Text(other.to_value().to_string()),
    }
}
