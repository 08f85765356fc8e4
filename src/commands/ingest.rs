//! `cavra ingest SRC...`: validate evidence and copy each record into the evidence folder as
//! one pretty file, atomically and never overwriting (§5). The work is the store's
//! ([`crate::store::ingest`]); this is its face.

use std::path::PathBuf;

use serde::{Deserialize, Serialize, Serializer};

use crate::error::Error;
use crate::output::{self, Format, Style};
use crate::problem::Problem;
use crate::store::ingest::{self as store, Ingested};

use super::{Access, Env, Note, Operation, Reads, Render, Writes};

/// `cavra ingest`: the sources and how to write them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, clap::Args)]
#[serde(deny_unknown_fields)]
pub struct Ingest {
    /// Files or folders to ingest (JSON records, arrays, stores, NDJSON)
    #[arg(required = true, value_name = "SRC")]
    pub sources: Vec<PathBuf>,
    /// Write the valid records even if some input is invalid (still exits 3)
    #[arg(long)]
    #[serde(default)]
    pub keep_going: bool,
    /// Show what would be written and write nothing
    #[arg(long)]
    #[serde(default)]
    pub dry_run: bool,
}

/// What ingesting did, and whether it was a dry run.
#[derive(Debug)]
pub struct Output {
    pub ingested: Ingested,
    pub dry_run: bool,
}

impl Operation for Ingest {
    type Output = Output;

    /// Ingest reads its sources itself and writes records that stand on their own.
    fn access(&self) -> Access {
        Access {
            reads: Reads::Nothing,
            writes: Writes::Own,
            dry_run: self.dry_run,
        }
    }

    fn execute(self, env: &Env<'_>) -> Result<Output, Error> {
        let ingested = store::ingest(&store::Request {
            root: env.root,
            sources: &self.sources,
            excludes: &env.load.excludes,
            threads: env.load.threads,
            keep_going: self.keep_going,
            dry_run: self.dry_run,
        })?;
        Ok(Output {
            ingested,
            dry_run: self.dry_run,
        })
    }
}

/// The counts (`--format json`).
impl Serialize for Output {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.ingested.counts.serialize(s)
    }
}

impl Render for Output {
    /// Only JSON prints on stdout: the counts. People read the lines on stderr.
    fn render(&self, style: Style) -> Result<String, Error> {
        match style.format {
            Format::Json => output::json(self),
            _ => Ok(String::new()),
        }
    }

    fn problems(&self) -> &[Problem] {
        &self.ingested.problems
    }

    fn notes(&self, format: Format) -> Vec<Note> {
        let i = &self.ingested;
        let mut notes = Vec::new();
        if i.blocked {
            notes.push(Note::Error(
                Error::invalid(format!(
                    "nothing was written: {} problem(s) in the input (listed above)",
                    i.problems.iter().filter(|p| !p.rule.is_warning()).count()
                ))
                .with_hint("fix the input, or pass --keep-going to add the valid records anyway"),
            ));
        }
        notes.extend(i.errors.iter().cloned().map(Note::Error));
        if self.dry_run && format != Format::Json {
            notes.extend(
                i.counts
                    .written
                    .iter()
                    .map(|p| Note::Info(format!("would write {p}"))),
            );
        }
        notes.push(Note::Info(format!(
            "{} added, {} unchanged, {} ignored{}",
            i.counts.added,
            i.counts.unchanged,
            i.counts.ignored,
            if self.dry_run { " (dry run)" } else { "" }
        )));
        notes
    }

    fn exit_code(&self) -> i32 {
        self.ingested.exit_code()
    }
}
