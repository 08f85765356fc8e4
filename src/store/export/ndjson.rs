//! NDJSON tables: one JSON object per row, the physical columns in order. Timestamps are
//! RFC 3339 in UTC (`Z`, fractional seconds only when not zero), as cavra writes computed
//! times; lists are arrays; JSON columns hold the JSON text.

use std::fs::File;
use std::io::{BufWriter, Write};

use crate::model::export::{Cell, Table, physical};
use crate::model::time::Ts;

use super::TableWriter;

pub(super) struct Writer {
    out: BufWriter<File>,
    names: Vec<String>,
    source: Option<String>,
    line: String,
}

impl Writer {
    pub(super) fn new(file: File, table: &Table, source: Option<&str>) -> Writer {
        // The JSON keys of every physical column, quoted once.
        let names = table
            .columns
            .iter()
            .flat_map(physical)
            .map(|(n, _)| quote(&n))
            .collect();
        Writer {
            out: BufWriter::with_capacity(1 << 20, file),
            names,
            source: source.map(quote),
            line: String::new(),
        }
    }
}

fn quote(s: &str) -> String {
    // Serializing a string cannot fail.
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "null".to_owned(), |v| v.to_string())
}

fn ts_text(ts: Ts) -> String {
    quote(&ts.to_rfc3339())
}

impl TableWriter for Writer {
    fn push(&mut self, row: &[Cell]) -> std::io::Result<()> {
        let line = &mut self.line;
        line.clear();
        line.push('{');
        if let Some(s) = &self.source {
            line.push_str("\"source\":");
            line.push_str(s);
        }
        let mut names = self.names.iter();
        let mut put = |value: String| {
            if line.len() > 1 {
                line.push(',');
            }
            line.push_str(names.next().map_or("\"?\"", String::as_str));
            line.push(':');
            line.push_str(&value);
        };
        for cell in row {
            match cell {
                Cell::Text(s) => put(quote(s)),
                Cell::OptText(s) => put(opt(s.as_deref().map(quote))),
                Cell::Int(n) => put(n.to_string()),
                Cell::OptInt(n) => put(opt(*n)),
                Cell::OptBool(b) => put(opt(*b)),
                Cell::Time(t) => {
                    put(opt(t.at.map(ts_text)));
                    put(quote(&t.text));
                    put(opt(t.at.map(|t| t.secs)));
                    put(opt(t.at.map(|t| t.nanos)));
                }
                Cell::Texts(list) => put(serde_json::to_string(list).unwrap_or_default()),
                Cell::Codes(list) => put(serde_json::to_string(list).unwrap_or_default()),
                Cell::JsonText(s) => put(opt(s.as_deref().map(quote))),
            }
        }
        line.push_str("}\n");
        self.out.write_all(line.as_bytes())
    }

    fn finish(self: Box<Self>) -> std::io::Result<()> {
        let file = self.out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()
    }
}
