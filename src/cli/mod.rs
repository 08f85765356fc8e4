//! The command line (clap derive): the global options, one subcommand per operation (from
//! [`for_each_operation!`](crate::for_each_operation)), `serve` and `completions`. In the
//! library so that tests and completions see it; [`run`] drives it.

mod run;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::model::time::{Ts, parse_ts};
use crate::output::{ColorChoice, Format};
use crate::store::read::parse_threads;

pub use run::{Ctx, run};

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

    /// Read the evidence folder as it was at git revision REV (HEAD~1, a branch, a tag, a
    /// commit id), from the repository's objects, without a checkout; read-only
    #[arg(long, global = true, value_name = "REV")]
    pub rev: Option<String>,

    /// Skip files and folders matching GLOB (relative to the evidence folder; repeatable)
    #[arg(long, global = true, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Worker threads that read the evidence [default: $CAVRA_THREADS, else the number of cores]
    #[arg(short = 'j', long, global = true, value_name = "N", value_parser = parse_threads)]
    pub threads: Option<usize>,

    /// Output format
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// When to colour tables
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Silence informational lines on stderr (never warnings or errors)
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Also append a reading command's output as Markdown to FILE (a CI job summary)
    /// [default: $GITHUB_STEP_SUMMARY when set and not empty]
    #[arg(long, global = true, value_name = "FILE")]
    pub summary: Option<PathBuf>,
}

pub fn parse_now(s: &str) -> Result<Ts, String> {
    let now = parse_ts(s).ok_or_else(|| {
        format!(
            "{s:?} is not a timestamp; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM]"
        )
    })?;
    // Now is written in UTC (generated_at): it must stay a timestamp cavra can read back.
    if !now.is_writable() {
        return Err(format!(
            "{s:?} is outside the years 0000-9999 once converted to UTC, so cavra could not write it back; give a time between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z"
        ));
    }
    Ok(now)
}

/// The subcommands: every operation, then `serve` and `completions`.
macro_rules! commands {
    ($( $(#[$doc:meta])* $name:ident => $op:ty, )*) => {
        #[derive(Debug, Subcommand)]
        pub enum Command {
            $( $(#[$doc])* $name($op), )*
            /// HTTP API and Evidence Console (the same operations and JSON as the command line)
            // `api` is the original system's name for it.
            #[command(visible_alias = "api")]
            Serve(ServeArgs),
            /// Print a shell completion script
            Completions(CompletionsArgs),
        }

        impl Command {
            /// Runs an operation's subcommand; `None` for `serve` and `completions`.
            fn run_operation(&self, ctx: &Ctx) -> Option<i32> {
                match self {
                    $( Command::$name(args) => Some(run::operation::<$op>(ctx, args)), )*
                    Command::Serve(_) | Command::Completions(_) => None,
                }
            }
        }
    };
}

crate::for_each_operation!(commands);

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Writes (POSTs and record=true) are refused with --read-only. Off loopback \
every write needs `Authorization: Bearer <token>`, the first line of --token-file, and serve \
refuses to start there without one. Stop with Ctrl-C or SIGTERM: writes in flight finish first. `cavra api` is the same command (the original system's name)."
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

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::{Cli, Command};

    #[test]
    fn api_is_serve() {
        let cli = Cli::try_parse_from(["cavra", "api", "--read-only", "--listen", "localhost:9"])
            .expect("`cavra api` parses");
        let Command::Serve(args) = cli.command else {
            panic!("`cavra api` is not serve: {:?}", cli.command);
        };
        assert!(args.read_only);
        assert_eq!(args.listen.to_string(), "127.0.0.1:9");
    }
}
