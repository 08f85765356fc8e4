//! `cavra export --to DIR`: the valid records of the evidence as one table per record kind
//! (Parquet or NDJSON) and a `manifest.json`, for warehouses and SQL engines
//! (`docs/scale.md`). The evidence's problems are warned about exactly as `check` lists them
//! and give its exit code; the valid records are exported all the same. The files are the
//! store's ([`crate::store::export`]); the rows are [`crate::model::export`]'s.

use std::path::PathBuf;

use serde::{Deserialize, Serialize, Serializer};

use crate::error::{Error, Field};
use crate::output::{self, Grid, Style, Tone, Value};
use crate::store::export::{self as store, FileFormat, Manifest};

use super::{Env, Note, Operation, Render, check_text};

/// `cavra export`: where, in which file format, with which source label.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, clap::Args)]
#[serde(deny_unknown_fields)]
pub struct Export {
    /// Folder to write the tables and manifest.json into (created if missing)
    #[arg(long, value_name = "DIR")]
    pub to: PathBuf,
    /// File format of the tables (the global --format is the format of what is printed)
    #[arg(long, value_enum, default_value_t = default_format())]
    #[serde(default = "default_format")]
    pub file_format: FileFormat,
    /// Add a `source` column with NAME to every table, so exports of many evidence
    /// repositories can be unioned
    #[arg(long, value_name = "NAME")]
    #[serde(default)]
    pub source: Option<String>,
    /// Rows per Parquet row group (a row group is written as soon as it fills)
    #[arg(long, value_name = "N", default_value_t = store::ROW_GROUP_ROWS, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=16_777_216))]
    #[serde(default = "default_row_group_rows")]
    pub row_group_rows: usize,
}

/// Parquet when this build writes it, else NDJSON.
fn default_format() -> FileFormat {
    if FileFormat::Parquet.available() {
        FileFormat::Parquet
    } else {
        FileFormat::Ndjson
    }
}

fn default_row_group_rows() -> usize {
    store::ROW_GROUP_ROWS
}

/// What was exported: the manifest, and where.
#[derive(Debug)]
pub struct Output {
    pub dir: PathBuf,
    pub manifest: Manifest,
}

const SOURCE: Field = Field::new("--source", "source");

impl Operation for Export {
    type Output = Output;

    fn check(&self) -> Result<(), Error> {
        let input = self;
        if !input.file_format.available() {
            return Err(
                Error::usage("--file-format parquet is not available in this build").with_hint(
                    "use --file-format ndjson, or rebuild cavra with the parquet feature: cargo build --release --features parquet",
                ),
            );
        }
        if let Some(s) = &input.source {
            super::check_required(SOURCE, s)?;
            check_text(SOURCE, s)?;
        }
        Ok(())
    }

    fn execute(self, env: &Env<'_>) -> Result<Output, Error> {
        let input = self;
        let manifest = store::export(
            env.evidence,
            &store::Request {
                root: env.root,
                dir: &input.to,
                format: input.file_format,
                source: input.source.as_deref(),
                row_group_rows: input.row_group_rows.max(1),
            },
        )?;
        Ok(Output {
            dir: input.to,
            manifest,
        })
    }
}

/// `--format json` prints the manifest.
impl Serialize for Output {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.manifest.serialize(s)
    }
}

impl Render for Output {
    fn render(&self, style: Style) -> Result<String, Error> {
        output::document(
            style,
            &self.manifest,
            || {
                let mut g = Grid::new("Export", &["table", "file", "rows", "columns"]);
                for t in &self.manifest.tables {
                    g.row(
                        Tone::Plain,
                        vec![
                            Value::text(t.name),
                            Value::text(t.file.as_str()),
                            (t.rows).into(),
                            (t.columns.len() as u64).into(),
                        ],
                    );
                }
                vec![g]
            },
            0,
        )
    }

    fn notes(&self, _format: output::Format) -> Vec<Note> {
        let rows: u64 = self.manifest.tables.iter().map(|t| t.rows).sum();
        vec![Note::Info(format!(
            "wrote {} ({} tables, {rows} rows, {})",
            self.dir.join(store::MANIFEST).display(),
            self.manifest.tables.len(),
            self.manifest.file_format.extension()
        ))]
    }
}
