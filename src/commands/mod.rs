//! One file per subcommand: clap args → input → execute → output.
//!
//! [`run`] is what the binary calls; it returns the process exit code and never panics on
//! input. Diagnostics go to stderr, results to stdout.

pub mod ack;
pub mod check;
pub mod close;
pub mod completions;
pub mod dashboard;
pub mod env;
pub mod escalate;
pub mod executive;
pub mod ingest;
pub mod report;
pub mod retry_plan;
pub mod schedule_run;

use std::io::Write;
use std::path::PathBuf;

use crate::cli::{Cli, Command, Format};
use crate::error::Error;
use crate::model::time::Ts;
use crate::problem::{Problem, RuleCode};
use crate::store::LoadOptions;

/// What every command knows: the evidence folder, the clock and the output choices.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub evidence: PathBuf,
    pub now: Ts,
    pub excludes: Vec<String>,
    pub format: Format,
    pub color: bool,
    pub quiet: bool,
}

impl Ctx {
    pub fn from_cli(cli: &Cli) -> Result<Ctx, Error> {
        let g = &cli.global;
        let evidence = g.evidence.clone().unwrap_or_else(|| {
            std::env::var_os("CAVRA_EVIDENCE_DIR")
                .filter(|v| !v.is_empty())
                .map_or_else(|| PathBuf::from("evidence"), PathBuf::from)
        });
        let now = match g.now {
            Some(now) => now,
            None => match std::env::var("CAVRA_NOW") {
                Ok(v) if !v.is_empty() => crate::cli::parse_now(&v).map_err(|why| {
                    Error::usage(format!("CAVRA_NOW: {why}")).with_hint(
                        "unset CAVRA_NOW or give a timestamp such as 2026-06-01T08:00:00Z",
                    )
                })?,
                _ => Ts::now_utc(),
            },
        };
        Ok(Ctx {
            evidence,
            now,
            excludes: g.exclude.clone(),
            format: g.format,
            color: crate::output::use_color(g.color),
            quiet: g.quiet,
        })
    }

    pub fn load_options(&self) -> LoadOptions {
        LoadOptions {
            excludes: self.excludes.clone(),
            ..LoadOptions::default()
        }
    }

    /// An informational line on stderr (silenced by `-q`).
    pub fn info(&self, line: &str) {
        if !self.quiet {
            eprintln!("{line}");
        }
    }
}

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> i32 {
    let ctx = match Ctx::from_cli(&cli) {
        Ok(ctx) => ctx,
        Err(e) => {
            print_error(&e);
            return e.exit_code();
        }
    };
    let result = match &cli.command {
        Command::Ingest(args) => ingest::run(&ctx, args),
        Command::Check(args) => check::run(&ctx, args),
        Command::Report(args) => report::run(&ctx, args),
        Command::Escalate(args) => escalate::run(&ctx, args),
        Command::Ack(args) => ack::run(&ctx, args),
        Command::Close(args) => close::run(&ctx, args),
        Command::RetryPlan(args) => retry_plan::run(&ctx, args),
        Command::ExecutiveReport(args) => executive::run(&ctx, args),
        Command::ScheduleRun(args) => schedule_run::run(&ctx, args),
        Command::Dashboard(args) => dashboard::run(&ctx, args),
        Command::Completions(args) => completions::run(args),
        Command::Serve(args) => serve(&cli, &ctx, args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            print_error(&e);
            e.exit_code()
        }
    }
}

/// `cavra serve`: the HTTP API and the Evidence Console (§7), when built with the `serve`
/// feature. `now` is fixed only when `--now` or `CAVRA_NOW` gave it; otherwise each request
/// reads the clock.
#[cfg(feature = "serve")]
fn serve(cli: &Cli, ctx: &Ctx, args: &crate::cli::ServeArgs) -> Result<i32, Error> {
    let fixed =
        cli.global.now.is_some() || std::env::var_os("CAVRA_NOW").is_some_and(|v| !v.is_empty());
    crate::serve::run(ctx, fixed.then_some(ctx.now), args)
}

/// `cavra serve` in a build without the `serve` feature: a usage error that says so.
#[cfg(not(feature = "serve"))]
fn serve(_cli: &Cli, _ctx: &Ctx, _args: &crate::cli::ServeArgs) -> Result<i32, Error> {
    Err(Error::usage("serve is not available in this build").with_hint(
        "rebuild cavra with the serve feature: cargo build --release --features serve (it is on by default)",
    ))
}

/// Prints an error as one paragraph: `cavra: error: …` then `hint: …`.
pub fn print_error(e: &Error) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "cavra: error: {}", e.message);
    if let Some(hint) = &e.hint {
        let _ = writeln!(err, "hint: {hint}");
    }
}

/// Warns about every problem on stderr, then one hint per rule met.
pub fn warn_problems(problems: &[Problem]) {
    if problems.is_empty() {
        return;
    }
    let mut err = std::io::stderr().lock();
    let mut rules: Vec<RuleCode> = Vec::new();
    for p in problems {
        let _ = writeln!(err, "cavra: warning: {}", p.line());
        if !rules.contains(&p.rule) {
            rules.push(p.rule);
        }
    }
    rules.sort();
    for r in rules {
        let _ = writeln!(err, "hint: {}: {}", r.as_str(), r.hint());
    }
}

/// Writes the result to stdout. A closed pipe (`cavra report | head`) is not an error.
pub fn print_out(text: &str) {
    let mut out = std::io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        // Broken pipe or closed stdout: exit quietly, as other Unix tools do.
    }
}

/// The exit code for a run: the first of 2, 4, 3, 1 that applies (§5).
pub fn combine(codes: &[i32]) -> i32 {
    for wanted in [2, 4, 3, 1] {
        if codes.contains(&wanted) {
            return wanted;
        }
    }
    0
}
