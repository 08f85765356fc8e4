//! `cavra export`: the valid records of an evidence folder as one file per table (Parquet or
//! NDJSON) plus `manifest.json`, written atomically per file.
//!
//! The evidence has been read already ([`Evidence`]): it knows which records are valid and
//! kept (duplicates collapsed, conflicts left out) by their place, 16 bytes each. This module
//! reads the files once more, in path order and in order within each file, maps each kept
//! record to its rows ([`crate::model::export`]) and hands them to one writer per table,
//! which writes a row group as soon as it fills: memory holds one row group per table, never
//! the records.
//!
//! Atomicity: every table is written to a hidden temporary file beside its final name,
//! flushed and fsynced, and only then renamed. The old `manifest.json` is removed before the
//! first rename and the new one is written (atomically too) after the last, so a folder with a
//! `manifest.json` holds a complete export, and a killed export leaves at most hidden
//! temporary files and tables that are each complete.

mod ndjson;
#[cfg(feature = "parquet")]
mod parquet;

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::model::export::{Cell, TABLES, Table, physical};
use crate::model::facts::RecRef;
use crate::model::json::Json;
use crate::model::kind::Kind;
use crate::model::record::{Classified, classify};
use crate::problem::Problem;

use super::Evidence;
use super::origin::Stream;
use super::read::{At, FileRef, Sink, read_json_file, read_ndjson_block};
use super::walk::Form;

/// The file format of the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    Parquet,
    Ndjson,
}

impl FileFormat {
    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Parquet => "parquet",
            FileFormat::Ndjson => "ndjson",
        }
    }

    /// Whether this build can write the format.
    pub fn available(self) -> bool {
        match self {
            FileFormat::Parquet => cfg!(feature = "parquet"),
            FileFormat::Ndjson => true,
        }
    }
}

/// Rows per row group (Parquet) unless the buffered bytes fill first.
pub const ROW_GROUP_ROWS: usize = 64 * 1024;
/// Buffered bytes of one table that close a row group early.
pub const ROW_GROUP_BYTES: usize = 32 << 20;

/// What to export, and where.
#[derive(Debug)]
pub struct Request<'a> {
    /// The evidence folder (for the fingerprint's relative paths).
    pub root: &'a Path,
    pub dir: &'a Path,
    pub format: FileFormat,
    /// The `source` column's value, when given.
    pub source: Option<&'a str>,
    pub row_group_rows: usize,
}

/// One column in the manifest.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ColumnInfo {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
}

/// One table in the manifest.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TableInfo {
    pub name: &'static str,
    pub kind: &'static str,
    pub file: String,
    pub rows: u64,
    pub columns: Vec<ColumnInfo>,
}

/// `manifest.json`: what the export holds.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Manifest {
    pub schema_version: &'static str,
    pub product: &'static str,
    pub cavra_version: &'static str,
    pub file_format: FileFormat,
    pub source: Option<String>,
    /// SHA-256 over every file read (its path relative to the evidence folder, its length and
    /// its bytes), in path order: the same evidence gives the same fingerprint anywhere.
    pub evidence_fingerprint: String,
    pub files: u64,
    /// Problems of the evidence (their records are not exported).
    pub problems: u64,
    pub tables: Vec<TableInfo>,
}

pub const MANIFEST: &str = "manifest.json";

/// A table being written.
pub(crate) trait TableWriter: Send {
    fn push(&mut self, row: &[Cell]) -> std::io::Result<()>;
    /// Writes what is buffered and the file's footer; flushes and fsyncs.
    fn finish(self: Box<Self>) -> std::io::Result<()>;
}

/// The physical columns of a table, `source` first when given.
pub fn columns(table: &Table, source: bool) -> Vec<ColumnInfo> {
    let mut out = Vec::new();
    if source {
        out.push(ColumnInfo {
            name: "source".to_owned(),
            ty: "string".to_owned(),
        });
    }
    for col in table.columns {
        for (name, ty) in physical(col) {
            out.push(ColumnInfo {
                name,
                ty: ty.to_owned(),
            });
        }
    }
    out
}

struct Open {
    table: &'static Table,
    tmp: PathBuf,
    path: PathBuf,
    rows: u64,
    writer: Box<dyn TableWriter>,
}

/// Exports the evidence. The evidence's own problems are the caller's to report; this
/// returns the manifest written.
pub fn export(evidence: &Evidence, req: &Request<'_>) -> Result<Manifest, Error> {
    if !req.format.available() {
        return Err(Error::usage("Parquet export is not available in this build")
            .with_hint("use --file-format ndjson, or rebuild cavra with the parquet feature: cargo build --release --features parquet"));
    }
    fs::create_dir_all(req.dir).map_err(|e| {
        Error::io(req.dir, e).with_hint("check that the export folder can be created")
    })?;
    let mut open = Vec::new();
    let result = write_tables(evidence, req, &mut open);
    let result = result.and_then(|(fingerprint, files)| {
        let tables = publish(req, &mut open)?;
        let manifest = Manifest {
            schema_version: "cavra.export.manifest.v1",
            product: "CAVRA",
            cavra_version: env!("CARGO_PKG_VERSION"),
            file_format: req.format,
            source: req.source.map(str::to_owned),
            evidence_fingerprint: fingerprint,
            files,
            problems: evidence.problems.len() as u64,
            tables,
        };
        let mut text = serde_json::to_string_pretty(&manifest)
            .map_err(|e| Error::internal(format!("the manifest could not be written: {e}")))?;
        text.push('\n');
        let path = req.dir.join(MANIFEST);
        let tmp = temp_path(req.dir, MANIFEST);
        let written = write_file(&tmp, text.as_bytes()).and_then(|()| fs::rename(&tmp, &path));
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(Error::io(&path, e));
        }
        sync_dir(req.dir);
        Ok(manifest)
    });
    // A failure leaves no temporary file behind (a kill does; readers skip hidden files).
    for o in &open {
        let _ = fs::remove_file(&o.tmp);
    }
    result
}

fn temp_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(".{name}.tmp-{}", std::process::id()))
}

fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Opens a writer per table, streams every kept record into them, finishes them. Returns the
/// evidence fingerprint and the number of files read.
fn write_tables(
    evidence: &Evidence,
    req: &Request<'_>,
    open: &mut Vec<Open>,
) -> Result<(String, u64), Error> {
    for table in TABLES.iter() {
        let file = format!("{}.{}", table.name, req.format.extension());
        let path = req.dir.join(&file);
        let tmp = temp_path(req.dir, &file);
        let f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)
            .map_err(|e| {
                Error::io(&tmp, e).with_hint("check that the export folder is writable")
            })?;
        let writer: Box<dyn TableWriter> = match req.format {
            FileFormat::Ndjson => Box::new(ndjson::Writer::new(f, table, req.source)),
            #[cfg(feature = "parquet")]
            FileFormat::Parquet => Box::new(
                parquet::Writer::new(f, table, req.source, req.row_group_rows)
                    .map_err(|e| Error::io(&tmp, e))?,
            ),
            #[cfg(not(feature = "parquet"))]
            FileFormat::Parquet => unreachable!("checked by FileFormat::available"),
        };
        open.push(Open {
            table,
            tmp,
            path,
            rows: 0,
            writer,
        });
    }

    // The kept records, in reading order: 16 bytes each.
    let mut wanted: Vec<RecRef> = evidence.exec_facts().map(|f| f.rec).collect();
    wanted.extend(evidence.others.iter().map(|s| s.rec));
    wanted.sort_unstable();

    let mut hasher = Sha256::new();
    let mut files = 0u64;
    let mut sink = ExportSink {
        positions: Vec::new(),
        open,
        error: None,
    };
    let mut reader = evidence.origin.reader();
    for (index, source) in evidence.sources.iter().enumerate() {
        let index = index as u32;
        let lo = wanted.partition_point(|r| r.file < index);
        let hi = wanted.partition_point(|r| r.file <= index);
        sink.positions.clear();
        sink.positions.extend(wanted[lo..hi].iter().map(|r| r.pos));
        let rel = source.path.strip_prefix(req.root).unwrap_or(&source.path);
        hasher.update(rel.to_string_lossy().as_bytes());
        hasher.update([0]);
        let fref = FileRef {
            index,
            path: &source.path,
            dup_free: false,
        };
        let read = match source.form {
            Form::Json => reader.read(&source.path).map(|bytes| {
                hasher.update((bytes.len() as u64).to_le_bytes());
                hasher.update(bytes);
                read_json_file(bytes, fref, &mut sink);
            }),
            Form::Ndjson => reader
                .open(&source.path)
                .and_then(|f| stream_ndjson(f, fref, &mut sink, &mut hasher)),
        };
        // A file that cannot be read now was read a moment ago: its records are missing
        // from the export, so the export fails rather than look complete.
        read.map_err(|e| Error::io(&source.path, e))?;
        files += 1;
        if let Some((tmp, e)) = sink.error.take() {
            return Err(Error::io(&tmp, e)
                .with_hint("check free space and permissions of the export folder"));
        }
    }
    for o in open.iter_mut() {
        let writer = std::mem::replace(&mut o.writer, Box::new(Finished));
        writer.finish().map_err(|e| {
            Error::io(&o.tmp, e).with_hint("check free space and permissions of the export folder")
        })?;
    }
    let digest = hasher.finalize();
    Ok((digest.iter().map(|b| format!("{b:02x}")).collect(), files))
}

/// Streams an NDJSON file line by line into the sink (only wanted lines are parsed), adding
/// its bytes to the fingerprint.
fn stream_ndjson(
    f: Stream,
    fref: FileRef<'_>,
    sink: &mut ExportSink<'_>,
    hasher: &mut Sha256,
) -> std::io::Result<()> {
    let len = f.size()?;
    hasher.update(len.to_le_bytes());
    let mut reader = BufReader::with_capacity(1 << 20, f);
    let mut line = Vec::new();
    let mut n = 0u64;
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        hasher.update(&line);
        n += 1;
        if sink.positions.binary_search(&At::Line(n).pack()).is_err() {
            continue;
        }
        let mut data: &[u8] = &line;
        if n == 1 {
            data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
        }
        let data = data.strip_suffix(b"\n").unwrap_or(data);
        read_ndjson_block(data, n, fref, sink);
    }
    Ok(())
}

/// A writer already finished (left in place of one taken out).
struct Finished;

impl TableWriter for Finished {
    fn push(&mut self, _row: &[Cell]) -> std::io::Result<()> {
        Ok(())
    }
    fn finish(self: Box<Self>) -> std::io::Result<()> {
        Ok(())
    }
}

/// Removes the old manifest, then renames every finished table to its final name.
fn publish(req: &Request<'_>, open: &mut [Open]) -> Result<Vec<TableInfo>, Error> {
    let manifest = req.dir.join(MANIFEST);
    match fs::remove_file(&manifest) {
        Ok(()) => sync_dir(req.dir),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(&manifest, e)),
    }
    let mut tables = Vec::new();
    for o in open.iter() {
        fs::rename(&o.tmp, &o.path).map_err(|e| Error::io(&o.path, e))?;
        tables.push(TableInfo {
            name: o.table.name,
            kind: o.table.kind.info().suffix,
            file: o
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            rows: o.rows,
            columns: columns(o.table, req.source.is_some()),
        });
    }
    sync_dir(req.dir);
    Ok(tables)
}

/// Maps the kept values of one file to rows.
struct ExportSink<'o> {
    /// Packed positions of the kept records of the current file, sorted.
    positions: Vec<u64>,
    open: &'o mut Vec<Open>,
    /// The first write error (the table's file name and the error).
    error: Option<(PathBuf, std::io::Error)>,
}

impl Sink for ExportSink<'_> {
    fn value(&mut self, _file: FileRef<'_>, at: At, value: Json) {
        if self.error.is_some() || self.positions.binary_search(&at.pack()).is_err() {
            return;
        }
        let Classified::Record(view) = classify(&value) else {
            return;
        };
        let index = kind_index(view.kind);
        let id = view.id();
        for row in crate::model::export::rows(&view, &id) {
            let o = &mut self.open[index];
            match o.writer.push(&row) {
                Ok(()) => o.rows += 1,
                Err(e) => {
                    self.error = Some((o.tmp.clone(), e));
                    return;
                }
            }
        }
    }

    /// Problems were reported when the evidence was read.
    fn problem(&mut self, _problem: Problem) {}
}

fn kind_index(kind: Kind) -> usize {
    TABLES.iter().position(|t| t.kind == kind).unwrap_or(0)
}
