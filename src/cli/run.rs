//! The one command-line runner: input → checks → evidence → execute → output, for every
//! operation; plus `serve` and `completions`.

use std::path::PathBuf;

use clap::CommandFactory;

use crate::commands::{Access, Env, Note, Operation, Reads, Render, Writes};
use crate::error::Error;
use crate::model::time::Ts;
use crate::output::{self, Format, Style, print_error, print_out, say, warn_problems};
use crate::problem::combine;
use crate::store::read::{default_threads, parse_threads};
use crate::store::record::{Recorded, prepare_folder};
use crate::store::{Evidence, LoadOptions};

use super::{Cli, Command, CompletionsArgs, ServeArgs};

/// What every command knows: the evidence folder, the clock and the output choices.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub evidence: PathBuf,
    pub now: Ts,
    /// `now` came from `--now` or `CAVRA_NOW`, not the clock.
    pub fixed_now: bool,
    pub load: LoadOptions,
    pub style: Style,
    pub quiet: bool,
    /// Where reading commands also append their Markdown (`--summary`, else
    /// `$GITHUB_STEP_SUMMARY`).
    pub summary: Option<PathBuf>,
}

impl Ctx {
    pub fn from_cli(cli: &Cli) -> Result<Ctx, Error> {
        let g = &cli.global;
        let evidence = g.evidence.clone().unwrap_or_else(|| {
            std::env::var_os("CAVRA_EVIDENCE_DIR")
                .filter(|v| !v.is_empty())
                .map_or_else(|| PathBuf::from("evidence"), PathBuf::from)
        });
        let (now, fixed_now) = match g.now {
            Some(now) => (now, true),
            None => match std::env::var("CAVRA_NOW") {
                Ok(v) if !v.is_empty() => (
                    super::parse_now(&v).map_err(|why| {
                        Error::usage(format!("CAVRA_NOW: {why}")).with_hint(
                            "unset CAVRA_NOW or give a timestamp such as 2026-06-01T08:00:00Z",
                        )
                    })?,
                    true,
                ),
                _ => (Ts::now_utc(), false),
            },
        };
        let threads = match g.threads {
            Some(n) => n,
            None => match std::env::var("CAVRA_THREADS") {
                Ok(v) if !v.is_empty() => parse_threads(&v).map_err(|why| {
                    Error::usage(format!("CAVRA_THREADS: {why}"))
                        .with_hint("unset CAVRA_THREADS or give a whole number such as 2")
                })?,
                _ => default_threads(),
            },
        };
        Ok(Ctx {
            evidence,
            now,
            fixed_now,
            load: LoadOptions {
                excludes: g.exclude.clone(),
                threads,
                rev: g.rev.clone(),
                ..LoadOptions::default()
            },
            style: Style {
                format: g.format,
                color: output::use_color(g.color),
            },
            quiet: g.quiet,
            summary: g.summary.clone().or_else(|| {
                std::env::var_os("GITHUB_STEP_SUMMARY")
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            }),
        })
    }

    /// An informational line on stderr (silenced by `-q`).
    pub fn info(&self, line: &str) {
        if !self.quiet {
            say(line);
        }
    }
}

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> i32 {
    let result = Ctx::from_cli(&cli).and_then(|ctx| match cli.command.run_operation(&ctx) {
        Some(code) => Ok(code),
        None => match &cli.command {
            Command::Serve(args) => {
                if ctx.load.rev.is_some() {
                    return Err(Error::usage(
                        "serve reads the evidence folder as it is and records into it; --rev is for reading commands",
                    )
                    .with_hint(
                        "run a reading command with --rev (cavra --rev REV report), or serve a checkout of the revision (git worktree add DIR REV)",
                    ));
                }
                serve(&ctx, args)
            }
            Command::Completions(args) => completions(args),
            _ => Ok(0),
        },
    });
    result.unwrap_or_else(|e| {
        print_error(&e);
        e.exit_code()
    })
}

/// Runs one operation on the command line; returns the exit code.
pub(super) fn operation<O: Operation>(ctx: &Ctx, args: &O) -> i32 {
    run_operation::<O>(ctx, args).unwrap_or_else(|e| {
        print_error(&e);
        e.exit_code()
    })
}

/// Checks the input before touching a file, reads the evidence as the operation asks (a
/// recording command creates a missing folder; a dry run never does), warns about its
/// problems, runs the operation, prints its output, then says what was recorded. The exit
/// code is the first of 2, 4, 3, 1 that applies (§5).
fn run_operation<O: Operation>(ctx: &Ctx, args: &O) -> Result<i32, Error> {
    if ctx.style.format == Format::Html && !O::HTML {
        return Err(output::html_only());
    }
    let input = args.clone();
    input.check()?;
    let access = input.access();
    let load_opts = match (input.revision(), &ctx.load.rev) {
        (Some(_), Some(_)) => {
            return Err(Error::usage(
                "--rev and the command's own revision both name the evidence to read",
            )
            .with_hint(
                "give the revision once: cavra diff BASE HEAD, or cavra --rev HEAD diff BASE",
            ));
        }
        (Some(rev), None) => LoadOptions {
            rev: Some(rev.to_owned()),
            ..ctx.load.clone()
        },
        (None, _) => ctx.load.clone(),
    };
    if access.writes() && load_opts.rev.is_some() {
        return Err(Error::usage(
            "this command records evidence, and evidence read at a revision (--rev) cannot be written",
        )
        .with_hint(
            "run it without --rev: it records into the evidence folder of the work tree",
        ));
    }
    let evidence = load(ctx, access, &load_opts)?;
    if access.reads == Reads::Evidence {
        warn_problems(&evidence.problems);
    }
    let env = Env {
        root: &ctx.evidence,
        evidence: &evidence,
        now: ctx.now,
        default_label: "cli",
        load: &load_opts,
        dry_run: access.dry_run,
    };
    let out = input.execute(&env)?;
    warn_problems(out.problems());

    let mut codes = vec![out.exit_code()];
    if access.reads == Reads::Evidence && access.writes != Writes::Own {
        codes.push(crate::problem::exit_code(&evidence.problems));
    }
    if let Err(e) = out.render(ctx.style).and_then(|text| print_out(&text)) {
        print_error(&e);
        codes.push(e.exit_code());
    }
    // A reading command's result, as Markdown, for the CI job summary too.
    if let Some(path) = &ctx.summary
        && !access.writes()
        && access.reads != Reads::Nothing
    {
        let markdown = Style {
            format: Format::Markdown,
            color: false,
        };
        if let Err(e) = out
            .render(markdown)
            .and_then(|text| crate::store::summary::append(path, &text))
        {
            print_error(&e);
            codes.push(e.exit_code());
        }
    }
    for r in out.recorded() {
        announce(ctx, r);
        if matches!(r, Recorded::Refused(_)) {
            codes.push(3);
        }
    }
    if let Some(e) = out.record_error() {
        print_error(e);
        codes.push(e.exit_code());
    }
    for note in out.notes(ctx.style.format) {
        match note {
            Note::Info(line) => ctx.info(&line),
            Note::Line(line) => say(&line),
            Note::Error(e) => print_error(&e),
        }
    }
    Ok(combine(&codes))
}

/// The evidence an operation reads, with a progress line on a terminal.
fn load(ctx: &Ctx, access: Access, opts: &LoadOptions) -> Result<Evidence, Error> {
    output::with_progress(ctx.quiet, || load_quietly(ctx, access, opts))
}

fn load_quietly(ctx: &Ctx, access: Access, opts: &LoadOptions) -> Result<Evidence, Error> {
    let empty = || Evidence::from_sources(Vec::new(), Vec::new(), &LoadOptions::default());
    match access.reads {
        Reads::Nothing => Ok(empty()),
        Reads::Check { strict } => Evidence::load(
            &ctx.evidence,
            &LoadOptions {
                strict,
                ..opts.clone()
            },
        ),
        Reads::Evidence if access.writes() => {
            if prepare_folder(&ctx.evidence, access.dry_run)? {
                Evidence::load(&ctx.evidence, opts)
            } else {
                Ok(empty())
            }
        }
        Reads::Evidence => Evidence::load(&ctx.evidence, opts),
    }
}

/// Says what a recording step did on stderr (`wrote`, `unchanged`, ...).
fn announce(ctx: &Ctx, recorded: &Recorded) {
    match recorded {
        Recorded::Written(p) => ctx.info(&format!("wrote {}", p.display())),
        Recorded::Unchanged(p) => ctx.info(&format!("unchanged {}", p.display())),
        Recorded::WouldWrite(p) => ctx.info(&format!("would write {} (dry run)", p.display())),
        Recorded::Refused(p) => {
            say(&format!(
                "cavra: error: not written: {}: the evidence has problems (listed above); a document derived from it is not recorded",
                p.display()
            ));
            say("hint: fix or exclude the files named above, then run the command again");
        }
    }
}

/// `cavra completions SHELL`.
fn completions(args: &CompletionsArgs) -> Result<i32, Error> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "cavra", &mut buf);
    print_out(&String::from_utf8_lossy(&buf))?;
    Ok(0)
}

/// `cavra serve`: the HTTP API and the Evidence Console (§7), when built with the `serve`
/// feature. `now` is fixed only when `--now` or `CAVRA_NOW` gave it; otherwise each request
/// reads the clock.
#[cfg(feature = "serve")]
fn serve(ctx: &Ctx, args: &ServeArgs) -> Result<i32, Error> {
    crate::serve::run(&crate::serve::Options {
        evidence: ctx.evidence.clone(),
        excludes: ctx.load.excludes.clone(),
        threads: ctx.load.threads,
        now: ctx.fixed_now.then_some(ctx.now),
        listen: args.listen,
        read_only: args.read_only,
        token_file: args.token_file.clone(),
        quiet: ctx.quiet,
    })
}

/// `cavra serve` in a build without the `serve` feature: a usage error that says so.
#[cfg(not(feature = "serve"))]
fn serve(_ctx: &Ctx, _args: &ServeArgs) -> Result<i32, Error> {
    Err(Error::usage("serve is not available in this build").with_hint(
        "rebuild cavra with the serve feature: cargo build --release --features serve (it is on by default)",
    ))
}
