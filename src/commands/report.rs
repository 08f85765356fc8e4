//! `cavra report`: the retry recovery report (§3), its tables, `--record` and `--fail-on`.

use clap::ValueEnum;

use crate::error::Error;
use crate::model::facts::{ClosureFact, PlaybookFact};
use crate::output::{self, Format, Grid, Style, Tone, Value};
use crate::report::execs::summarize;
use crate::report::retry::{self, Params, ProviderSummary, RetryRecoveryReport};
use crate::store::Evidence;
use crate::store::record::{Basis, Recorded};

use super::{Access, Env, Note, Operation, Recording, Render, ReportRequest, Route};

/// What `--fail-on` can trip on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Gate {
    /// recovery_slo_breached_count > 0
    Breach,
    /// execution_failed_count > 0
    Failed,
    /// recovery_open_count > 0
    Open,
}

/// One table of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Section {
    Summary,
    Providers,
    Rows,
    Trends,
    Executions,
}

super::report_request! {
    /// `cavra report` and `GET /retry-recovery-report` (its query; an empty query value counts
    /// as absent, §7). `dry_run`, `fail_on` and `section` are the command line's own.
    pub struct Report {
        /// Write the report as a stored item under reports/
        #[arg(long)]
        pub record: bool,
        /// With --record: show what would be written and write nothing
        #[arg(long, requires = "record")]
        #[serde(skip)]
        pub dry_run: bool,
        /// Exit 1 when a gate trips (comma-separated: breach,failed,open)
        #[arg(long, value_enum, value_delimiter = ',', value_name = "GATES")]
        #[serde(skip)]
        pub fail_on: Vec<Gate>,
        /// Print only one table (csv prints rows unless told otherwise)
        #[arg(long, value_enum)]
        #[serde(skip)]
        pub section: Option<Section>,
    }
}

/// The report, what `--record` did, and the command line's gates and section.
#[derive(Debug)]
pub struct Output {
    pub recording: Recording<RetryRecoveryReport>,
    pub fail_on: Vec<Gate>,
    pub section: Option<Section>,
}

impl Operation for Report {
    type Output = Output;

    const ROUTE: Option<Route> = Some(Route::get(
        "/retry-recovery-report",
        "retry recovery report",
    ));

    /// With `record` this is a recording command, which creates a missing evidence folder
    /// (§5); a plain report is a reading command, for which a missing folder is exit 4.
    fn access(&self) -> Access {
        Access::recording_if(self.record, self.dry_run)
    }

    fn check(&self) -> Result<(), Error> {
        self.check_label()
    }

    fn view_key(&self) -> String {
        self.report_key()
    }

    /// Builds the report and, with `record`, records it (refused over evidence with problems).
    fn execute(self, env: &Env<'_>) -> Result<Output, Error> {
        let input = self;
        let report = build(env.evidence, &input.params(env))?;
        let recorded = input.record.then(|| env.record(&report, Basis::Derived));
        Ok(Output {
            recording: Recording::new("report", report, recorded),
            fail_on: input.fail_on,
            section: input.section,
        })
    }
}

/// `{report, metadata}` (§7).
impl serde::Serialize for Output {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.recording.serialize(s)
    }
}

impl Render for Output {
    fn render(&self, style: Style) -> Result<String, Error> {
        render(&self.recording.document, style, self.section)
    }

    fn recorded(&self) -> Vec<&Recorded> {
        self.recording.recorded()
    }

    fn record_error(&self) -> Option<&Error> {
        self.recording.record_error()
    }

    fn notes(&self, _: Format) -> Vec<Note> {
        self.tripped()
            .into_iter()
            .map(|(name, field, n)| Note::Line(format!("cavra: fail-on {name}: {field} is {n}")))
            .collect()
    }

    fn exit_code(&self) -> i32 {
        if self.tripped().is_empty() { 0 } else { 1 }
    }
}

impl Output {
    /// The gates of `--fail-on` that tripped: (gate, field, value).
    fn tripped(&self) -> Vec<(&'static str, &'static str, u64)> {
        let r = &self.recording.document;
        self.fail_on
            .iter()
            .map(|gate| match gate {
                Gate::Breach => (
                    "breach",
                    "recovery_slo_breached_count",
                    r.recovery_slo_breached_count,
                ),
                Gate::Failed => ("failed", "execution_failed_count", r.execution_failed_count),
                Gate::Open => ("open", "recovery_open_count", r.recovery_open_count),
            })
            .filter(|(_, _, n)| *n > 0)
            .collect()
    }
}

/// Builds the report over the valid records of `evidence`.
pub fn build(evidence: &Evidence, params: &Params) -> Result<RetryRecoveryReport, Error> {
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

/// Renders the report in a style, one section or all.
pub fn render(
    report: &RetryRecoveryReport,
    style: Style,
    section: Option<Section>,
) -> Result<String, Error> {
    const ALL: [Section; 5] = [
        Section::Summary,
        Section::Providers,
        Section::Rows,
        Section::Trends,
        Section::Executions,
    ];
    let picked: Vec<Section> = section.map_or(ALL.to_vec(), |s| vec![s]);
    let grids = || picked.iter().map(|s| grid(report, *s)).collect::<Vec<_>>();
    Ok(match style.format {
        Format::Json => output::json(report)?,
        Format::Table if section.is_none() => {
            // People get a short headline instead of the summary's field/value table.
            let mut text = headline(report, style.color);
            text.push('\n');
            let rest: Vec<Grid> = grids().into_iter().skip(1).collect();
            text.push_str(&output::tables(&rest, style.color));
            text
        }
        Format::Csv => output::csv(&match section.unwrap_or(Section::Rows) {
            Section::Trends => trends_csv(report),
            s => grid(report, s),
        }),
        _ => output::document(style, report, grids, 0)?,
    })
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
        |x| serde_json::Value::from(x).to_string(),
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
            );
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

/// The closure trends for scripts: one column per JSON field, so every other state seen on
/// any day gets its own `<state>_count` column (0 on the days without it).
fn trends_csv(r: &RetryRecoveryReport) -> Grid {
    let mut others: Vec<&str> = r
        .closure_trends
        .iter()
        .flat_map(|t| t.other.keys().map(String::as_str))
        .collect();
    others.sort_unstable();
    others.dedup();
    let mut keys: Vec<String> = ["date", "closure_count"].map(str::to_owned).to_vec();
    keys.extend(
        retry::FIXED_STATES
            .iter()
            .chain(others.iter())
            .map(|s| format!("{s}_count")),
    );
    keys.push("provider_counts".to_owned());
    let mut g = Grid::new(
        "Closure trends",
        &keys.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    for t in &r.closure_trends {
        let mut cells: Vec<Value> = vec![t.date.as_str().into(), t.closure_count.into()];
        cells.extend(t.fixed.iter().map(|n| Value::from(*n)));
        cells.extend(
            others
                .iter()
                .map(|s| Value::from(t.other.get(*s).copied().unwrap_or(0))),
        );
        cells.push(Value::Map(t.provider_counts.clone()));
        g.row(Tone::Plain, cells);
    }
    g
}

/// The columns of a provider's counts in tables (the report's, the diff's).
pub const PROVIDER_COLUMNS: [&str; 9] = [
    "provider",
    "executions",
    "delivered",
    "failed",
    "skipped",
    "playbooks",
    "closures",
    "open",
    "breached",
];

/// The providers table of a report (also shown by the executive report).
pub fn providers_grid(providers: &[ProviderSummary]) -> Grid {
    let mut g = Grid::new(
        "Providers",
        &[
            &PROVIDER_COLUMNS[..],
            &["latest_execution_at", "latest_closure_at"],
        ]
        .concat(),
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
