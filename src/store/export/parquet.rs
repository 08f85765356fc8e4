//! Parquet tables through the `parquet` crate's column writers (no Arrow layer): rows are
//! buffered per column and written as one row group when [`ROW_GROUP_ROWS`] rows or
//! [`ROW_GROUP_BYTES`] bytes are buffered, so memory holds one row group per table.
//!
//! Types: strings are `BYTE_ARRAY (STRING)`, integers `INT64` (nanoseconds `INT32`),
//! timestamps `INT64 TIMESTAMP(MICROS, UTC)`, lists the standard three-level `LIST`. Snappy
//! compression; the output depends only on the rows (no clock, no host name), so the same
//! evidence gives the same bytes.

use std::fs::File;
use std::io::BufWriter;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, Int32Type, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use crate::model::export::{Cell, Table, Ty, micros};

use super::{ROW_GROUP_BYTES, TableWriter};

/// One physical column's buffer: values, and definition / repetition levels when needed.
enum Buf {
    Bytes {
        vals: Vec<ByteArray>,
        defs: Option<Vec<i16>>,
    },
    I64 {
        vals: Vec<i64>,
        defs: Option<Vec<i16>>,
    },
    I32 {
        vals: Vec<i32>,
        defs: Option<Vec<i16>>,
    },
    Bool {
        vals: Vec<bool>,
        defs: Option<Vec<i16>>,
    },
    /// A list of strings; `max_def` is 1 (required elements) or 2 (optional elements).
    List {
        vals: Vec<ByteArray>,
        defs: Vec<i16>,
        reps: Vec<i16>,
    },
}

impl Buf {
    fn bytes(optional: bool) -> Buf {
        Buf::Bytes {
            vals: Vec::new(),
            defs: optional.then(Vec::new),
        }
    }
    fn i64(optional: bool) -> Buf {
        Buf::I64 {
            vals: Vec::new(),
            defs: optional.then(Vec::new),
        }
    }
    fn list() -> Buf {
        Buf::List {
            vals: Vec::new(),
            defs: Vec::new(),
            reps: Vec::new(),
        }
    }

    fn clear(&mut self) {
        match self {
            Buf::Bytes { vals, defs } => {
                vals.clear();
                defs.iter_mut().for_each(Vec::clear);
            }
            Buf::I64 { vals, defs } => {
                vals.clear();
                defs.iter_mut().for_each(Vec::clear);
            }
            Buf::I32 { vals, defs } => {
                vals.clear();
                defs.iter_mut().for_each(Vec::clear);
            }
            Buf::Bool { vals, defs } => {
                vals.clear();
                defs.iter_mut().for_each(Vec::clear);
            }
            Buf::List { vals, defs, reps } => {
                vals.clear();
                defs.clear();
                reps.clear();
            }
        }
    }
}

fn push_opt<T>(vals: &mut Vec<T>, defs: &mut Option<Vec<i16>>, v: Option<T>) {
    match v {
        Some(v) => {
            vals.push(v);
            if let Some(d) = defs {
                d.push(1);
            }
        }
        None => {
            if let Some(d) = defs {
                d.push(0);
            }
        }
    }
}

fn bytes_of(s: &str) -> ByteArray {
    ByteArray::from(s.as_bytes().to_vec())
}

/// The schema line(s) and buffers of a table's physical columns.
fn schema(table: &Table, source: bool) -> (String, Vec<Buf>) {
    let mut text = format!("message {} {{\n", table.name);
    let mut bufs = Vec::new();
    if source {
        text.push_str("  required binary source (STRING);\n");
        bufs.push(Buf::bytes(false));
    }
    for col in table.columns {
        let n = col.name;
        match col.ty {
            Ty::Text => {
                text.push_str(&format!("  required binary {n} (STRING);\n"));
                bufs.push(Buf::bytes(false));
            }
            Ty::OptText | Ty::JsonText => {
                let logical = if col.ty == Ty::JsonText {
                    "JSON"
                } else {
                    "STRING"
                };
                text.push_str(&format!("  optional binary {n} ({logical});\n"));
                bufs.push(Buf::bytes(true));
            }
            Ty::Int => {
                text.push_str(&format!("  required int64 {n};\n"));
                bufs.push(Buf::i64(false));
            }
            Ty::OptInt => {
                text.push_str(&format!("  optional int64 {n};\n"));
                bufs.push(Buf::i64(true));
            }
            Ty::OptBool => {
                text.push_str(&format!("  optional boolean {n};\n"));
                bufs.push(Buf::Bool {
                    vals: Vec::new(),
                    defs: Some(Vec::new()),
                });
            }
            Ty::Time => {
                text.push_str(&format!(
                    "  optional int64 {n} (TIMESTAMP(MICROS,true));\n  required binary {n}_text (STRING);\n  optional int64 {n}_unix_s;\n  optional int32 {n}_nanos;\n"
                ));
                bufs.push(Buf::i64(true));
                bufs.push(Buf::bytes(false));
                bufs.push(Buf::i64(true));
                bufs.push(Buf::I32 {
                    vals: Vec::new(),
                    defs: Some(Vec::new()),
                });
            }
            Ty::Texts | Ty::Codes => {
                let elem = if col.ty == Ty::Codes {
                    "optional"
                } else {
                    "required"
                };
                text.push_str(&format!(
                    "  required group {n} (LIST) {{\n    repeated group list {{\n      {elem} binary element (STRING);\n    }}\n  }}\n"
                ));
                bufs.push(Buf::list());
            }
        }
    }
    text.push_str("}\n");
    (text, bufs)
}

pub(super) struct Writer {
    file: Option<SerializedFileWriter<BufWriter<File>>>,
    bufs: Vec<Buf>,
    source: Option<ByteArray>,
    rows: usize,
    bytes: usize,
    row_group_rows: usize,
}

fn io(e: ParquetError) -> std::io::Error {
    match e {
        ParquetError::External(inner) => match inner.downcast::<std::io::Error>() {
            Ok(io) => *io,
            Err(other) => std::io::Error::other(other),
        },
        other => std::io::Error::other(other),
    }
}

impl Writer {
    pub(super) fn new(
        file: File,
        table: &Table,
        source: Option<&str>,
        row_group_rows: usize,
    ) -> std::io::Result<Writer> {
        let (text, bufs) = schema(table, source.is_some());
        let schema = Arc::new(parse_message_type(&text).map_err(io)?);
        let props = Arc::new(
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_created_by(format!("cavra {}", env!("CARGO_PKG_VERSION")))
                .build(),
        );
        let out = BufWriter::with_capacity(1 << 20, file);
        let file = SerializedFileWriter::new(out, schema, props).map_err(io)?;
        Ok(Writer {
            file: Some(file),
            bufs,
            source: source.map(bytes_of),
            rows: 0,
            bytes: 0,
            row_group_rows: row_group_rows.max(1),
        })
    }

    /// Writes the buffered rows as one row group.
    fn flush_group(&mut self) -> Result<(), ParquetError> {
        if self.rows == 0 {
            return Ok(());
        }
        let Some(file) = self.file.as_mut() else {
            return Ok(());
        };
        let mut group = file.next_row_group()?;
        for buf in &mut self.bufs {
            let Some(mut col) = group.next_column()? else {
                return Err(ParquetError::General(
                    "fewer columns in the schema than buffers".to_owned(),
                ));
            };
            match buf {
                Buf::Bytes { vals, defs } => {
                    col.typed::<ByteArrayType>()
                        .write_batch(vals, defs.as_deref(), None)?;
                }
                Buf::I64 { vals, defs } => {
                    col.typed::<Int64Type>()
                        .write_batch(vals, defs.as_deref(), None)?;
                }
                Buf::I32 { vals, defs } => {
                    col.typed::<Int32Type>()
                        .write_batch(vals, defs.as_deref(), None)?;
                }
                Buf::Bool { vals, defs } => {
                    col.typed::<BoolType>()
                        .write_batch(vals, defs.as_deref(), None)?;
                }
                Buf::List { vals, defs, reps } => {
                    col.typed::<ByteArrayType>()
                        .write_batch(vals, Some(defs), Some(reps))?;
                }
            }
            col.close()?;
            buf.clear();
        }
        group.close()?;
        self.rows = 0;
        self.bytes = 0;
        Ok(())
    }
}

impl TableWriter for Writer {
    fn push(&mut self, row: &[Cell]) -> std::io::Result<()> {
        let mut bufs = self.bufs.iter_mut();
        let mut bytes = 0usize;
        let mut next = || {
            bufs.next()
                .ok_or_else(|| std::io::Error::other("more cells than columns"))
        };
        if let Some(s) = &self.source
            && let Buf::Bytes { vals, .. } = next()?
        {
            vals.push(s.clone());
        }
        for cell in row {
            match cell {
                Cell::Text(s) => {
                    if let Buf::Bytes { vals, defs } = next()? {
                        bytes += s.len();
                        push_opt(vals, defs, Some(bytes_of(s)));
                    }
                }
                Cell::OptText(s) | Cell::JsonText(s) => {
                    if let Buf::Bytes { vals, defs } = next()? {
                        bytes += s.as_ref().map_or(0, String::len);
                        push_opt(vals, defs, s.as_deref().map(bytes_of));
                    }
                }
                Cell::Int(n) => {
                    if let Buf::I64 { vals, defs } = next()? {
                        push_opt(vals, defs, Some(*n));
                    }
                }
                Cell::OptInt(n) => {
                    if let Buf::I64 { vals, defs } = next()? {
                        push_opt(vals, defs, *n);
                    }
                }
                Cell::OptBool(b) => {
                    if let Buf::Bool { vals, defs } = next()? {
                        push_opt(vals, defs, *b);
                    }
                }
                Cell::Time(t) => {
                    if let Buf::I64 { vals, defs } = next()? {
                        push_opt(vals, defs, t.at.map(micros));
                    }
                    if let Buf::Bytes { vals, defs } = next()? {
                        bytes += t.text.len();
                        push_opt(vals, defs, Some(bytes_of(&t.text)));
                    }
                    if let Buf::I64 { vals, defs } = next()? {
                        push_opt(vals, defs, t.at.map(|t| t.secs));
                    }
                    if let Buf::I32 { vals, defs } = next()? {
                        // Below 10^9: fits.
                        push_opt(vals, defs, t.at.map(|t| t.nanos as i32));
                    }
                }
                Cell::Texts(list) => {
                    if let Buf::List { vals, defs, reps } = next()? {
                        if list.is_empty() {
                            defs.push(0);
                            reps.push(0);
                        }
                        for (i, s) in list.iter().enumerate() {
                            bytes += s.len();
                            vals.push(bytes_of(s));
                            defs.push(1);
                            reps.push(i16::from(i > 0));
                        }
                    }
                }
                Cell::Codes(list) => {
                    if let Buf::List { vals, defs, reps } = next()? {
                        if list.is_empty() {
                            defs.push(0);
                            reps.push(0);
                        }
                        for (i, s) in list.iter().enumerate() {
                            match s {
                                Some(s) => {
                                    bytes += s.len();
                                    vals.push(bytes_of(s));
                                    defs.push(2);
                                }
                                None => defs.push(1),
                            }
                            reps.push(i16::from(i > 0));
                        }
                    }
                }
            }
        }
        self.rows += 1;
        self.bytes += bytes + 8 * row.len();
        if self.rows >= self.row_group_rows || self.bytes >= ROW_GROUP_BYTES {
            self.flush_group().map_err(io)?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> std::io::Result<()> {
        self.flush_group().map_err(io)?;
        let Some(file) = self.file.take() else {
            return Ok(());
        };
        let out = file.into_inner().map_err(io)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::export::TABLES;

    #[test]
    fn every_schema_parses_with_one_buffer_per_leaf() {
        for table in TABLES.iter() {
            for source in [false, true] {
                let (text, bufs) = schema(table, source);
                let t = parse_message_type(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
                let desc = parquet::schema::types::SchemaDescriptor::new(Arc::new(t));
                assert_eq!(desc.num_columns(), bufs.len(), "{}", table.name);
            }
        }
    }
}
