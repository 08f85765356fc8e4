//! `cavra report`: the retry recovery report (§3), its tables, `--record` and `--fail-on`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::cli::{Format, Gate, ReportArgs, ReportOpts, Section};
use crate::error::Error;
use crate::model::facts::{ClosureFact, PlaybookFact};
use crate::model::json;
use crate::model::kind::Kind;
use crate::model::time::Ts;
use crate::output::{self, Grid, Tone, Value};
use crate::report::execs::summarize;
use crate::report::retry::{self, Params, ProviderSummary, RetryRecoveryReport, effective_slo};
use crate::report::stored::{Document, StoredItem, pretty};
use crate::store::Evidence;
use crate::store::write::{Outcome, holds_equal, record_path, write_new};

use super::env::{Env, Recording, check_texts};
use super::{Ctx, combine, print_out, warn_problems};

/// The request (the query of `GET /retry-recovery-report`; an empty query value counts as
/// absent, §7).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Input {
    #[serde(default)]
    pub recovery_slo_minutes: Option<u64>,
    #[serde(default)]
    pub generated_by: Option<String>,
    /// Write the report as a stored item under `reports/`.
    #[serde(default)]
    pub record: bool,
}

impl Input {
    pub fn from_args(args: &ReportArgs) -> Input {
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
pub type Output = Recording<RetryRecoveryReport>;

impl Document for RetryRecoveryReport {
    const KIND: Kind = Kind::Report;

    fn id(&self) -> &str {
        &self.report_id
    }

    fn stored(&self) -> StoredItem<'_, Self> {
        RetryRecoveryReport::stored(self)
    }
}

/// Builds the report and, with `record`, records it (refused over evidence with problems):
/// what `GET /retry-recovery-report` runs. The command line builds the same report with
/// [`params`] and [`build`] and records it itself, so that it can print the report before a
/// recording error.
pub fn execute(env: &Env<'_>, input: &Input) -> Result<Output, Error> {
    input.check()?;
    let report = build(
        env.evidence,
        &env.params(input.recovery_slo_minutes, input.generated_by.as_deref()),
    );
    let recorded = if input.record {
        Some(env.record(&report, true)?)
    } else {
        None
    };
    Ok(Recording {
        key: "report",
        document: report,
        recorded,
    })
}

/// The report parameters from the shared options.
pub fn params(now: Ts, opts: &ReportOpts, default_label: &str) -> Params {
    Params {
        now,
        slo_minutes: effective_slo(opts.slo_minutes),
        generated_by: opts
            .generated_by
            .clone()
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| default_label.to_owned()),
    }
}

/// Builds the report over the valid records of `evidence`.
pub fn build(evidence: &Evidence, params: &Params) -> RetryRecoveryReport {
    let execs = summarize(
        &evidence.symbols,
        evidence.exec_facts(),
        evidence.exec_known(),
        |wanted, offer| evidence.exec_details(wanted, offer),
    );
    let playbooks: Vec<&PlaybookFact> = evidence.playbooks().collect();
    let closures: Vec<&ClosureFact> = evidence.closures().collect();
    retry::build(params, execs, &playbooks, &closures)
}

/// What `--record` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    Written(PathBuf),
    Unchanged(PathBuf),
    /// `--dry-run`: the path it would write.
    WouldWrite(PathBuf),
    /// Not written: the evidence has problems (§4).
    Refused(PathBuf),
}

impl Recorded {
    /// The path written, found, or that would be written.
    pub fn path(&self) -> &Path {
        match self {
            Recorded::Written(p)
            | Recorded::Unchanged(p)
            | Recorded::WouldWrite(p)
            | Recorded::Refused(p) => p,
        }
    }

    /// What happened, as one word: `written`, `unchanged`, `would_write` or `refused`.
    pub fn status(&self) -> &'static str {
        match self {
            Recorded::Written(_) => "written",
            Recorded::Unchanged(_) => "unchanged",
            Recorded::WouldWrite(_) => "would_write",
            Recorded::Refused(_) => "refused",
        }
    }
}

/// `{"status": "written", "path": "evidence/reports/<id>.json"}`.
impl serde::Serialize for Recorded {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("status", self.status())?;
        m.serialize_entry("path", &self.path().display().to_string())?;
        m.end()
    }
}

/// Writes a document's stored item under its folder, atomically and never overwriting.
/// `text` is the pretty stored item; `dry_run` writes nothing.
pub fn record_item(
    root: &Path,
    kind: Kind,
    id: &str,
    text: &str,
    dry_run: bool,
) -> Result<Recorded, Error> {
    let path = record_path(root, kind.info().folder, id)?;
    let value = json::parse(text.as_bytes())
        .map_err(|e| Error::invalid(format!("internal: a built document is not JSON: {e}")))?;
    // §6: every record cavra writes is checked, whatever its inputs were checked for.
    if let Some(v) = crate::policy::check(&value).into_iter().next() {
        return Err(Error::new(
            crate::error::ErrorKind::PublicSafe,
            format!(
                "not written: {}#{}: {}: {}",
                path.display(),
                v.pointer,
                v.rule.code(),
                v.message
            ),
        )
        .with_hint(crate::problem::RuleCode::from_policy(v.rule).hint()));
    }
    let full = kind.info().full;
    if dry_run {
        // Judge an existing file as the write would: equal is unchanged, other content a
        // conflict; only a missing file would be written.
        return match std::fs::read(&path) {
            Ok(existing) if holds_equal(&existing, &value, full) => Ok(Recorded::Unchanged(path)),
            Ok(_) => Err(Error::new(
                crate::error::ErrorKind::Conflict,
                format!(
                    "{} already exists with other content; a write would be refused",
                    path.display()
                ),
            )
            .with_hint(
                "evidence is never overwritten: check the existing record, or use another --now",
            )),
            Err(_) => Ok(Recorded::WouldWrite(path)),
        };
    }
    match write_new(&path, text, |existing| holds_equal(existing, &value, full))? {
        Outcome::Written => Ok(Recorded::Written(path)),
        Outcome::Unchanged => Ok(Recorded::Unchanged(path)),
    }
}

/// Prints what a recording step did on stderr (`wrote`, `unchanged`, ...).
pub fn announce(ctx: &Ctx, recorded: &Recorded) {
    match recorded {
        Recorded::Written(p) => ctx.info(&format!("wrote {}", p.display())),
        Recorded::Unchanged(p) => ctx.info(&format!("unchanged {}", p.display())),
        Recorded::WouldWrite(p) => ctx.info(&format!("would write {} (dry run)", p.display())),
        Recorded::Refused(p) => eprintln!(
            "cavra: error: not written: {}: the evidence has problems (listed above); a document derived from it is not recorded\nhint: fix or exclude the files named above, then run the command again",
            p.display()
        ),
    }
}

pub fn run(ctx: &Ctx, args: &ReportArgs) -> Result<i32, Error> {
    // With --record this is a recording command, which creates a missing evidence folder
    // (§5); a plain report is a reading command, for which a missing folder is exit 4.
    let evidence = if args.record {
        super::env::load_for_recording(ctx, args.dry_run)?
    } else {
        Evidence::load(&ctx.evidence, &ctx.load_options())?
    };
    let params = params(ctx.now, &args.opts, "cli");
    let report = build(&evidence, &params);
    warn_problems(&evidence.problems);
    let problems_code = crate::problem::exit_code(&evidence.problems);

    print_out(&render(&report, ctx.format, args.section, ctx.color));

    let mut codes = vec![problems_code];
    if args.record {
        let text = pretty(&report.stored());
        let recorded = if evidence.has_errors() {
            Ok(Recorded::Refused(record_path(
                &ctx.evidence,
                Kind::Report.info().folder,
                &report.report_id,
            )?))
        } else {
            record_item(
                &ctx.evidence,
                Kind::Report,
                &report.report_id,
                &text,
                args.dry_run,
            )
        };
        match recorded {
            Ok(recorded) => {
                announce(ctx, &recorded);
                if matches!(recorded, Recorded::Refused(_)) {
                    codes.push(3);
                }
            }
            Err(e) => {
                super::print_error(&e);
                codes.push(e.exit_code());
            }
        }
    }

    for gate in &args.fail_on {
        let (name, field, n) = match gate {
            Gate::Breach => (
                "breach",
                "recovery_slo_breached_count",
                report.recovery_slo_breached_count,
            ),
            Gate::Failed => (
                "failed",
                "execution_failed_count",
                report.execution_failed_count,
            ),
            Gate::Open => ("open", "recovery_open_count", report.recovery_open_count),
        };
        if n > 0 {
            eprintln!("cavra: fail-on {name}: {field} is {n}");
            codes.push(1);
        }
    }
    Ok(combine(&codes))
}

/// Renders the report in a format.
pub fn render(
    report: &RetryRecoveryReport,
    format: Format,
    section: Option<Section>,
    color: bool,
) -> String {
    let pick = |all: Vec<Grid>| -> Vec<Grid> {
        match section {
            None => all,
            Some(s) => vec![grid(report, s)],
        }
    };
    let all = || {
        [
            Section::Summary,
            Section::Providers,
            Section::Rows,
            Section::Trends,
            Section::Executions,
        ]
        .into_iter()
        .map(|s| grid(report, s))
        .collect::<Vec<_>>()
    };
    match format {
        Format::Json => output::json(report),
        Format::Table if section.is_none() => {
            // People get a short headline instead of the summary's field/value table.
            let mut text = headline(report, color);
            text.push('\n');
            let rest: Vec<Grid> = all().into_iter().skip(1).collect();
            text.push_str(&output::tables(&rest, color));
            text
        }
        Format::Table => output::tables(&pick(all()), color),
        Format::Markdown => output::markdown(&pick(all())),
        Format::Csv => output::csv(&grid(report, section.unwrap_or(Section::Rows))),
    }
}

/// The report's headline for people: alert level, executions, recoveries, closures.
pub fn headline(r: &RetryRecoveryReport, color: bool) -> String {
    let counts = |m: &std::collections::BTreeMap<String, u64>| {
        m.iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let level = r.alert_level.to_uppercase();
    let level = match (color, alert_tone(r.alert_level)) {
        (false, _) => level,
        (true, Tone::Bad) => format!("\x1b[1;31m{level}\x1b[0m"),
        (true, Tone::Warn) => format!("\x1b[1;33m{level}\x1b[0m"),
        (true, _) => format!("\x1b[1;32m{level}\x1b[0m"),
    };
    let total: u64 = r.closure_state_counts.values().sum();
    let rate = r.execution_success_rate.map_or_else(
        || "n/a".to_owned(),
        |x| serde_json::to_string(&x).unwrap_or_default(),
    );
    let mut out = format!("Retry recovery report: {level}\n");
    out.push_str(&format!(
        "  report      {}, {}, by {}, SLO {} min\n",
        r.report_id, r.generated_at, r.generated_by, r.recovery_slo_minutes
    ));
    out.push_str(&format!(
        "  executions  {}{}, success rate {rate}, failed or skipped {}\n",
        r.execution_count,
        if r.execution_status_counts.is_empty() {
            String::new()
        } else {
            format!(" ({})", counts(&r.execution_status_counts))
        },
        r.execution_failed_count
    ));
    out.push_str(&format!(
        "  recoveries  {}: {} closed, {} open, {} breached the SLO\n",
        r.recovery_playbook_provider_count,
        r.recovery_closed_count,
        r.recovery_open_count,
        r.recovery_slo_breached_count
    ));
    out.push_str(&format!(
        "  closures    {total}{}\n",
        if total == 0 {
            String::new()
        } else {
            format!(" ({})", counts(&r.closure_state_counts))
        }
    ));
    out
}

/// The tone of an alert level in tables.
pub fn alert_tone(level: &str) -> Tone {
    match level {
        "critical" => Tone::Bad,
        "warning" => Tone::Warn,
        _ => Tone::Good,
    }
}

/// One table of the report.
pub fn grid(r: &RetryRecoveryReport, section: Section) -> Grid {
    match section {
        Section::Summary => {
            let mut g = Grid::new(
                &format!("Retry recovery report {} ({})", r.report_id, r.generated_at),
                &["field", "value"],
            );
            let rate = r.execution_success_rate.map_or(Value::Null, Value::Float);
            let rows: Vec<(&str, Value, Tone)> = vec![
                (
                    "alert_level",
                    r.alert_level.into(),
                    alert_tone(r.alert_level),
                ),
                ("generated_by", r.generated_by.as_str().into(), Tone::Plain),
                (
                    "recovery_slo_minutes",
                    r.recovery_slo_minutes.into(),
                    Tone::Plain,
                ),
                ("execution_count", r.execution_count.into(), Tone::Plain),
                (
                    "execution_success_count",
                    r.execution_success_count.into(),
                    Tone::Plain,
                ),
                (
                    "execution_failed_count",
                    r.execution_failed_count.into(),
                    tone_if(r.execution_failed_count, Tone::Bad),
                ),
                ("execution_success_rate", rate, Tone::Plain),
                (
                    "execution_status_counts",
                    Value::Map(r.execution_status_counts.clone()),
                    Tone::Plain,
                ),
                (
                    "recovery_playbook_provider_count",
                    r.recovery_playbook_provider_count.into(),
                    Tone::Plain,
                ),
                (
                    "recovery_closed_count",
                    r.recovery_closed_count.into(),
                    Tone::Plain,
                ),
                (
                    "recovery_open_count",
                    r.recovery_open_count.into(),
                    tone_if(r.recovery_open_count, Tone::Warn),
                ),
                (
                    "recovery_slo_breached_count",
                    r.recovery_slo_breached_count.into(),
                    tone_if(r.recovery_slo_breached_count, Tone::Bad),
                ),
                (
                    "closure_state_counts",
                    Value::Map(r.closure_state_counts.clone()),
                    Tone::Plain,
                ),
            ];
            for (k, v, tone) in rows {
                g.row(tone, vec![k.into(), v]);
            }
            g
        }
        Section::Providers => providers_grid(&r.provider_summary),
        Section::Rows => {
            let mut g = Grid::new(
                "Recovery SLO rows",
                &[
                    "playbook_id",
                    "provider",
                    "category",
                    "failure_count",
                    "generated_at",
                    "age_minutes",
                    "slo_minutes",
                    "closure_state",
                    "closure_id",
                    "closed_at",
                    "closure_minutes",
                    "slo_status",
                    "slo_breached",
                ],
            )
            .with_keys(&[
                "playbook_id",
                "provider",
                "category",
                "failure_count",
                "generated_at",
                "age_minutes",
                "recovery_slo_minutes",
                "closure_state",
                "closure_id",
                "closed_at",
                "closure_minutes",
                "slo_status",
                "slo_breached",
            ]);
            for row in &r.recovery_rows {
                let tone = match row.slo_status.as_str() {
                    "breached" => Tone::Bad,
                    "open" => Tone::Warn,
                    _ => Tone::Good,
                };
                g.row(
                    tone,
                    vec![
                        row.playbook_id.as_str().into(),
                        row.provider.as_str().into(),
                        row.category.as_str().into(),
                        Value::Int(row.failure_count),
                        row.generated_at.as_str().into(),
                        row.age_minutes.into(),
                        row.recovery_slo_minutes.into(),
                        row.closure_state.as_str().into(),
                        row.closure_id.as_str().into(),
                        row.closed_at.as_str().into(),
                        row.closure_minutes.into(),
                        row.slo_status.as_str().into(),
                        Value::Bool(row.slo_breached),
                    ],
                );
            }
            g
        }
        Section::Trends => {
            let mut g = Grid::new(
                "Closure trends",
                &[
                    "date",
                    "closures",
                    "resolved",
                    "mitigated",
                    "deferred",
                    "escalated",
                    "reopened",
                    "other_states",
                    "provider_counts",
                ],
            )
            .with_keys(&[
                "date",
                "closure_count",
                "resolved_count",
                "mitigated_count",
                "deferred_count",
                "escalated_count",
                "reopened_count",
                "other_state_counts",
                "provider_counts",
            ]);
            for t in &r.closure_trends {
                let mut cells: Vec<Value> = vec![t.date.as_str().into(), t.closure_count.into()];
                cells.extend(t.fixed.iter().map(|n| Value::from(*n)));
                cells.push(Value::Map(t.other.clone()));
                cells.push(Value::Map(t.provider_counts.clone()));
                g.row(Tone::Plain, cells);
            }
            g
        }
        Section::Executions => {
            let mut g = Grid::new(
                "Latest executions",
                &[
                    "execution_id",
                    "provider",
                    "execution_status",
                    "executed_at",
                    "delivery_success",
                    "approval_decision_id",
                    "run_id",
                ],
            );
            for e in &r.latest_executions {
                let tone = match e.execution_status.as_str() {
                    "delivered" => Tone::Good,
                    "failed" | "skipped" => Tone::Bad,
                    _ => Tone::Plain,
                };
                g.row(
                    tone,
                    vec![
                        e.execution_id.as_str().into(),
                        e.provider.as_str().into(),
                        e.execution_status.as_str().into(),
                        e.executed_at.as_str().into(),
                        e.delivery_success.map_or(Value::Null, Value::Bool),
                        e.approval_decision_id.as_str().into(),
                        e.run_id.as_str().into(),
                    ],
                );
            }
            g
        }
    }
}

/// The providers table of a report (also shown by the executive report).
pub fn providers_grid(providers: &[ProviderSummary]) -> Grid {
    let mut g = Grid::new(
        "Providers",
        &[
            "provider",
            "executions",
            "delivered",
            "failed",
            "skipped",
            "playbooks",
            "closures",
            "open",
            "breached",
            "latest_execution_at",
            "latest_closure_at",
        ],
    )
    .with_keys(&[
        "provider",
        "execution_count",
        "execution_delivered_count",
        "execution_failed_count",
        "execution_skipped_count",
        "recovery_playbook_count",
        "recovery_closure_count",
        "open_recovery_count",
        "slo_breached_count",
        "latest_execution_at",
        "latest_closure_at",
    ]);
    for p in providers {
        let tone = if p.slo_breached_count > 0
            || p.execution_failed_count + p.execution_skipped_count > 0
        {
            Tone::Bad
        } else if p.open_recovery_count > 0 {
            Tone::Warn
        } else {
            Tone::Plain
        };
        g.row(
            tone,
            vec![
                p.provider.as_str().into(),
                p.execution_count.into(),
                p.execution_delivered_count.into(),
                p.execution_failed_count.into(),
                p.execution_skipped_count.into(),
                p.recovery_playbook_count.into(),
                p.recovery_closure_count.into(),
                p.open_recovery_count.into(),
                p.slo_breached_count.into(),
                p.latest_execution_at.as_str().into(),
                p.latest_closure_at.as_str().into(),
            ],
        );
    }
    g
}

fn tone_if(n: u64, tone: Tone) -> Tone {
    if n > 0 { tone } else { Tone::Plain }
}
