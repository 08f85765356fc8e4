//! The command line (clap derive). In the library so that tests and completions see it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::time::{Ts, parse_ts};

/// Recovery SLO reports and recovery escalation evidence from git-tracked, public-safe JSON.
#[derive(Debug, Parser)]
#[command(name = "cavra", version, about, long_about = None, propagate_version = true, args_override_self = true)]
#[command(
    after_help = "Exit codes: 0 success, 1 a --fail-on gate tripped, 2 usage error, \
3 invalid evidence or input, 4 I/O error."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct Global {
    /// Evidence folder [default: $CAVRA_EVIDENCE_DIR, else ./evidence]
    #[arg(long, global = true, value_name = "DIR")]
    pub evidence: Option<PathBuf>,

    /// Use TIME instead of the clock, so outputs are reproducible (e.g. 2026-06-01T08:00:00Z)
    /// [env: CAVRA_NOW; empty means unset]
    #[arg(long, global = true, value_name = "TIME", value_parser = parse_now)]
    pub now: Option<Ts>,

    /// Skip files and folders matching GLOB (relative to the evidence folder; repeatable)
    #[arg(long, global = true, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Output format
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// When to colour tables
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Silence informational lines on stderr (never warnings or errors)
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

pub fn parse_now(s: &str) -> Result<Ts, String> {
    parse_ts(s).ok_or_else(|| {
        format!(
            "{s:?} is not a timestamp; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM]"
        )
    })
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Tables for people
    Table,
    /// The exact documents of the spec
    Json,
    /// The tables as Markdown
    Markdown,
    /// One table as CSV (RFC 4180)
    Csv,
}

/// Colour choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate evidence (files, folders, stores, NDJSON) and add it to the evidence folder
    Ingest(IngestArgs),
    /// Validate every file under the evidence folder: parse, types, public-safe, conflicts
    Check(CheckArgs),
    /// The retry recovery report
    Report(ReportArgs),
    /// Build the recovery escalation plan from the report and record it
    Escalate(EscalateArgs),
    /// Record that a provider reviewed a recovery escalation plan
    Ack(AckArgs),
    /// Record the closure of a connector recovery with verification evidence
    Close(CloseArgs),
    /// Plan retries of failed recovery escalation deliveries and record the plan
    RetryPlan(RetryPlanArgs),
    /// The recovery executive report (recorded with --record)
    ExecutiveReport(ExecutiveReportArgs),
    /// Record the scheduled executive report run of the current window (one per window)
    ScheduleRun(ScheduleRunArgs),
    /// The rollback drill dashboard: report headline and governance loop counts
    Dashboard(DashboardArgs),
    /// HTTP API and Evidence Console (the same operations and JSON as the command line)
    Serve(ServeArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files or folders to ingest (JSON records, arrays, stores, NDJSON)
    #[arg(required = true, value_name = "SRC")]
    pub sources: Vec<PathBuf>,
    /// Write the valid records even if some input is invalid (still exits 3)
    #[arg(long)]
    pub keep_going: bool,
    /// Show what would be written and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Apply the public-safe policy to every JSON value, known kind or not
    #[arg(long)]
    pub strict: bool,
}

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

/// Options shared by commands that build the report.
#[derive(Debug, Clone, Args)]
pub struct ReportOpts {
    /// Recovery SLO in minutes (0 means the default, 240)
    #[arg(long, value_name = "N")]
    pub slo_minutes: Option<u64>,
    /// Actor label written as generated_by [default: cli]
    #[arg(long, value_name = "LABEL")]
    pub generated_by: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub opts: ReportOpts,
    /// Write the report as a stored item under reports/
    #[arg(long)]
    pub record: bool,
    /// With --record: show what would be written and write nothing
    #[arg(long, requires = "record")]
    pub dry_run: bool,
    /// Exit 1 when a gate trips (comma-separated: breach,failed,open)
    #[arg(long, value_enum, value_delimiter = ',', value_name = "GATES")]
    pub fail_on: Vec<Gate>,
    /// Print only one table (csv prints rows unless told otherwise)
    #[arg(long, value_enum)]
    pub section: Option<Section>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct EscalateArgs {
    #[command(flatten)]
    pub opts: ReportOpts,
    /// Show the plan and the path it would write; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct AckArgs {
    /// The escalation plan acknowledged (its plan_id)
    #[arg(value_name = "PLAN_ID")]
    pub plan_id: String,
    /// The provider acknowledging (one of the plan's selected providers)
    #[arg(long, value_name = "P")]
    pub provider: String,
    /// Who acknowledges (recorded as acknowledged_by)
    #[arg(long, value_name = "NAME")]
    pub by: String,
    /// acknowledged, accepted, deferred, escalated, resolved or dismissed [default: acknowledged]
    #[arg(long, value_name = "S")]
    pub state: Option<String>,
    /// An opaque external reference (e.g. INC-123)
    #[arg(long, value_name = "R")]
    pub external_ref: Option<String>,
    /// Short public-safe notes
    #[arg(long, value_name = "T")]
    pub notes: Option<String>,
    /// Why the escalation was raised (recorded as escalation_reason)
    #[arg(long, value_name = "T")]
    pub reason: Option<String>,
    /// Show the acknowledgement and the path it would write; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct CloseArgs {
    /// The connector recovery playbook closed (its playbook_id)
    #[arg(value_name = "PLAYBOOK_ID")]
    pub playbook_id: String,
    /// The provider whose recovery is closed (named by the playbook)
    #[arg(long, value_name = "P")]
    pub provider: String,
    /// Who closes (recorded as closed_by)
    #[arg(long, value_name = "NAME")]
    pub by: String,
    /// resolved, mitigated, deferred, escalated or reopened [default: resolved]
    #[arg(long, value_name = "S")]
    pub state: Option<String>,
    /// An opaque external reference (e.g. CHG-123)
    #[arg(long, value_name = "R")]
    pub external_ref: Option<String>,
    /// Short public-safe notes
    #[arg(long, value_name = "T")]
    pub notes: Option<String>,
    /// Verification evidence (e.g. a retry execution id; repeatable)
    #[arg(long, value_name = "R")]
    pub verification_ref: Vec<String>,
    /// Show the closure and the path it would write; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct RetryPlanArgs {
    /// Attempts after which a provider is suppressed (0 means the default) [default: 3]
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub max_attempts: Option<u64>,
    /// Base delay in minutes (at least 1 unless --allow-immediate) [default: 15, or 0 with --allow-immediate]
    #[arg(long, value_name = "MIN", allow_negative_numbers = true)]
    pub delay_minutes: Option<u64>,
    /// Delay multiplier per attempt (below 1.0 means 1.0) [default: 2.0]
    #[arg(long, value_name = "X", value_parser = parse_backoff, allow_negative_numbers = true)]
    pub backoff: Option<f64>,
    /// Allow a delay of 0 minutes
    #[arg(long)]
    pub allow_immediate: bool,
    /// Actor label written as generated_by [default: cli]
    #[arg(long, value_name = "LABEL")]
    pub generated_by: Option<String>,
    /// Show the plan and the path it would write; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

fn parse_backoff(s: &str) -> Result<f64, String> {
    let b: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number; give a multiplier such as 2.0"))?;
    crate::commands::retry_plan::check_backoff(b)
}

#[derive(Debug, Args)]
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

#[derive(Debug, Args)]
pub struct ScheduleRunArgs {
    #[command(flatten)]
    pub opts: ReportOpts,
    /// Window length in minutes, windows aligned to the Unix epoch (0 means the default) [default: 1440]
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub interval_minutes: Option<u64>,
    /// Cadence label [default: every_<N>_minutes]
    #[arg(long, value_name = "NAME")]
    pub cadence: Option<String>,
    /// Record the schedule as disabled
    #[arg(long)]
    pub disabled: bool,
    /// Show the run and the paths it would write; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct DashboardArgs {
    #[command(flatten)]
    pub opts: ReportOpts,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Writes (POSTs and record=true) are refused with --read-only. Off loopback \
every write needs `Authorization: Bearer <token>`, the first line of --token-file, and serve \
refuses to start there without one. Stop with Ctrl-C or SIGTERM: writes in flight finish first."
)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0 picks a free one)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080", value_parser = parse_listen)]
    pub listen: std::net::SocketAddr,
    /// Refuse every write with 403 Forbidden
    #[arg(long)]
    pub read_only: bool,
    /// File whose first line is the bearer token every write must carry
    #[arg(long, value_name = "F")]
    pub token_file: Option<PathBuf>,
}

/// `--listen`: `IP:PORT`, `[IPv6]:PORT`, or `localhost:PORT` (which means 127.0.0.1).
pub fn parse_listen(s: &str) -> Result<std::net::SocketAddr, String> {
    let s = s.trim();
    if let Some(port) = s.strip_prefix("localhost:") {
        let port: u16 = port
            .parse()
            .map_err(|_| format!("{port:?} is not a port number (0 to 65535)"))?;
        return Ok(std::net::SocketAddr::from(([127, 0, 0, 1], port)));
    }
    s.parse().map_err(|_| {
        format!("{s:?} is not an address and port; use e.g. 127.0.0.1:8080 or [::1]:8080")
    })
}
