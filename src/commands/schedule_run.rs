//! `cavra schedule-run`: one scheduled executive report run per window (§4.6).
//!
//! The run id hashes the window, so the run's file name is known before anything is built:
//! when `schedule-runs/<run_id>.json` exists, the stored run is read back and printed
//! (`unchanged`, exit 0, whatever it holds). Otherwise the run is written first and its
//! executive report second, so a process that loses a race writes no run of its own; it then
//! treats the winner's run as stored. A stored run whose executive report file is missing
//! gets it written from the report embedded in the run.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::cli::{Format, ScheduleRunArgs};
use crate::error::{Error, ErrorKind};
use crate::model::json::{self, Json, OwnedJson};
use crate::model::kind::Kind;
use crate::output::{self, Grid, Tone, Value};
use crate::report::escalation;
use crate::report::executive::{self, stored_from_json};
use crate::report::schedule::{
    self, MAX_INTERVAL_MINUTES, ScheduleParams, cadence, effective_interval, window,
};
use crate::report::stored::{Document, pretty};
use crate::store::write::record_path;

use super::env::{Env, check_texts, finish, load_for_recording, to_json};
use super::report::{Recorded, alert_tone, build, record_item};
use super::{Ctx, print_out, warn_problems};

/// The schedule as requested.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleInput {
    #[serde(default)]
    pub interval_minutes: Option<u64>,
    #[serde(default)]
    pub cadence: Option<String>,
    #[serde(default)]
    pub enabled: Option<bool>,
}

/// The request (the HTTP body of `POST /recovery-executive-report/schedule-run`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    #[serde(default)]
    pub recovery_slo_minutes: Option<u64>,
    #[serde(default)]
    pub generated_by: Option<String>,
    #[serde(default)]
    pub schedule: ScheduleInput,
}

impl Input {
    pub fn from_args(args: &ScheduleRunArgs) -> Input {
        Input {
            recovery_slo_minutes: args.opts.slo_minutes,
            generated_by: args.opts.generated_by.clone(),
            schedule: ScheduleInput {
                interval_minutes: args.interval_minutes,
                cadence: args.cadence.clone(),
                enabled: Some(!args.disabled),
            },
        }
    }

    /// Checks the inputs and returns the effective schedule.
    pub fn check(&self) -> Result<ScheduleParams, Error> {
        check_texts(&[
            ("--generated-by", self.generated_by.as_deref()),
            ("--cadence", self.schedule.cadence.as_deref()),
        ])?;
        let interval = effective_interval(self.schedule.interval_minutes);
        if interval > MAX_INTERVAL_MINUTES {
            return Err(Error::usage(format!(
                "interval of {interval} minutes is longer than 100 years ({MAX_INTERVAL_MINUTES} minutes)"
            ))
            .with_hint("use --interval-minutes 1440 for a daily run"));
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
    pub recorded: Recorded,
    /// The run's executive report file.
    pub report_recorded: Option<Recorded>,
}

/// Records the run of the current window, or returns the stored one.
pub fn execute(env: &Env<'_>, input: &Input) -> Result<Output, Error> {
    let sched = input.check()?;
    let params = env.params(input.recovery_slo_minutes, input.generated_by.as_deref());
    let (start, _) = window(env.now, sched.interval_minutes);
    let run_id = schedule::run_id(
        &start.to_rfc3339(),
        sched.interval_minutes,
        &params.generated_by,
    );
    let run_path = record_path(env.root, Kind::ScheduleRun.info().folder, &run_id)?;
    if exists(&run_path) {
        return stored_run(env, run_path);
    }

    let report = build(env.evidence, &params);
    let exec = executive::build(&report, &escalation::build(&report));
    let run = schedule::build(exec, &sched, env.now);
    let stored = run.stored();
    let report_stored = run.executive_report.stored();
    let mut out = Output {
        run: to_json(&run),
        metadata: to_json(&stored),
        report_metadata: Some(to_json(&report_stored)),
        recorded: Recorded::Refused(run_path.clone()),
        report_recorded: None,
    };
    if env.evidence.has_errors() {
        let report_path = record_path(
            env.root,
            Kind::ExecutiveReport.info().folder,
            run.executive_report.id(),
        )?;
        out.report_recorded = Some(Recorded::Refused(report_path));
        return Ok(out);
    }
    // A conflict writes nothing (§4): the executive report's file is judged before the run
    // is written, so another record under that id stops both writes.
    record_item(
        env.root,
        Kind::ExecutiveReport,
        run.executive_report.id(),
        &pretty(&report_stored),
        true,
    )?;
    match record_item(
        env.root,
        Kind::ScheduleRun,
        &run.run_id,
        &pretty(&stored),
        env.dry_run,
    ) {
        Ok(Recorded::Written(p)) => out.recorded = Recorded::Written(p),
        Ok(Recorded::WouldWrite(p)) => out.recorded = Recorded::WouldWrite(p),
        // Another process wrote this window's run since we looked: it is the stored run.
        Ok(Recorded::Unchanged(_)) => return stored_run(env, run_path),
        Err(e) if e.kind == ErrorKind::Conflict => return stored_run(env, run_path),
        Ok(r @ Recorded::Refused(_)) => out.recorded = r,
        Err(e) => return Err(e),
    }
    out.report_recorded = Some(env.record(&run.executive_report, true)?);
    Ok(out)
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// The stored run of the window, read back; writes its executive report file when missing.
fn stored_run(env: &Env<'_>, path: PathBuf) -> Result<Output, Error> {
    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let item = json::parse_owned(bytes).map_err(|e| {
        Error::new(
            ErrorKind::Conflict,
            format!(
                "{} holds this window's run but is not valid JSON: {e}",
                path.display()
            ),
        )
        .with_hint("evidence is never overwritten: repair or remove the file by hand")
    })?;
    let run = item
        .get(Kind::ScheduleRun.info().nested_key)
        .filter(|v| v.as_obj().is_some())
        .unwrap_or(&item)
        .clone();
    let mut report_metadata = None;
    let mut report_recorded = None;
    if let Some(stored) = run.get("executive_report").and_then(stored_from_json)
        && let Ok(report_path) =
            record_path(env.root, Kind::ExecutiveReport.info().folder, stored.id)
    {
        report_recorded = Some(if exists(&report_path) {
            Recorded::Unchanged(report_path)
        } else if env.evidence.has_errors() {
            Recorded::Refused(report_path)
        } else {
            record_item(
                env.root,
                Kind::ExecutiveReport,
                stored.id,
                &pretty(&stored),
                env.dry_run,
            )?
        });
        report_metadata = Some(to_json(&stored));
    }
    Ok(Output {
        run,
        metadata: item,
        report_metadata,
        recorded: Recorded::Unchanged(path),
        report_recorded,
    })
}

pub fn run(ctx: &Ctx, args: &ScheduleRunArgs) -> Result<i32, Error> {
    let input = Input::from_args(args);
    input.check()?;
    let evidence = load_for_recording(ctx, args.dry_run)?;
    warn_problems(&evidence.problems);
    let env = Env::new(ctx, &evidence, args.dry_run);
    let out = execute(&env, &input)?;
    print_out(&render(&out.run, ctx.format, ctx.color));
    let mut recorded = vec![&out.recorded];
    recorded.extend(out.report_recorded.as_ref());
    Ok(finish(ctx, &evidence, &recorded, true))
}

/// Renders the run: JSON is the run document (as stored, when it was); tables show the
/// schedule, the summary and the executive report's headline.
pub fn render(run: &Json, format: Format, color: bool) -> String {
    if format == Format::Json {
        return output::json(run);
    }
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
    match format {
        Format::Table => output::tables(&[g], color),
        Format::Markdown => output::markdown(&[g]),
        _ => output::csv(&g),
    }
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
        Some(other) => Value::Text(serde_json::to_string(other).unwrap_or_default()),
    }
}
