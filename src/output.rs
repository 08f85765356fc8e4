//! Rendering: tables (comfy-table), Markdown, CSV and JSON, and the colour decision.
//!
//! Commands describe their tables as [`Grid`]s; this module renders them. Tables depend on
//! the terminal's width only when stdout is a terminal.

use std::collections::BTreeMap;
use std::io::IsTerminal;

use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table, presets};
use serde::Serialize;

use crate::cli::ColorChoice;

/// A cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Int(i128),
    Float(f64),
    Bool(bool),
    Null,
    Map(BTreeMap<String, u64>),
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    fn display(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Int(n) => n.to_string(),
            Value::Float(f) => serde_json::to_string(f).unwrap_or_default(),
            Value::Bool(b) => b.to_string(),
            Value::Null => String::new(),
            Value::Map(m) => m
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(";"),
        }
    }

    fn is_number(&self) -> bool {
        matches!(self, Value::Int(_) | Value::Float(_))
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Value {
        Value::Int(n.into())
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n.into())
    }
}

impl From<Option<i64>> for Value {
    fn from(n: Option<i64>) -> Value {
        n.map_or(Value::Null, Value::from)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

/// How a row should stand out in a coloured table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    #[default]
    Plain,
    Bad,
    Warn,
    Good,
}

/// A table: a title, headers and rows.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    pub title: String,
    /// Column names for people (tables, Markdown).
    pub headers: Vec<String>,
    /// Column names for scripts (CSV): the documents' field names, when they differ.
    pub keys: Option<Vec<String>>,
    pub rows: Vec<(Tone, Vec<Value>)>,
}

impl Grid {
    pub fn new(title: &str, headers: &[&str]) -> Grid {
        Grid {
            title: title.to_owned(),
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            keys: None,
            rows: Vec::new(),
        }
    }

    /// The documents' field names for CSV headers (one per column).
    pub fn with_keys(mut self, keys: &[&str]) -> Grid {
        self.keys = Some(keys.iter().map(|k| (*k).to_owned()).collect());
        self
    }

    pub fn row(&mut self, tone: Tone, cells: Vec<Value>) {
        self.rows.push((tone, cells));
    }
}

/// Whether to colour stdout: a terminal, `NO_COLOR` unset or empty, `TERM` not `dumb`.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

fn tone_color(tone: Tone) -> Option<Color> {
    match tone {
        Tone::Plain => None,
        Tone::Bad => Some(Color::Red),
        Tone::Warn => Some(Color::Yellow),
        Tone::Good => Some(Color::Green),
    }
}

/// Renders grids as text tables, each preceded by its title.
pub fn tables(grids: &[Grid], color: bool) -> String {
    let terminal = std::io::stdout().is_terminal();
    let mut out = String::new();
    for (i, g) in grids.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if color {
            out.push_str(&format!("\x1b[1m{}\x1b[0m\n", g.title));
        } else {
            out.push_str(&g.title);
            out.push('\n');
        }
        if g.rows.is_empty() {
            out.push_str("(none)\n");
            continue;
        }
        let mut t = Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED);
        if terminal {
            t.set_content_arrangement(ContentArrangement::Dynamic);
        } else {
            t.force_no_tty();
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
        if color {
            t.enforce_styling();
        }
        t.set_header(g.headers.iter().map(|h| {
            let c = Cell::new(h);
            if color {
                c.add_attribute(Attribute::Bold)
            } else {
                c
            }
        }));
        for (tone, cells) in &g.rows {
            t.add_row(cells.iter().map(|v| {
                let mut c = Cell::new(v.display());
                if v.is_number() {
                    c = c.set_alignment(CellAlignment::Right);
                }
                if color && let Some(fg) = tone_color(*tone) {
                    c = c.fg(fg);
                }
                c
            }));
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }
    out
}

fn md_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
}

/// Renders grids as Markdown tables, each under a `###` title.
pub fn markdown(grids: &[Grid]) -> String {
    let mut out = String::new();
    for (i, g) in grids.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!("### {}\n\n", md_escape(&g.title)));
        if g.rows.is_empty() {
            out.push_str("_none_\n");
            continue;
        }
        out.push_str(&format!(
            "| {} |\n",
            g.headers
                .iter()
                .map(|h| md_escape(h))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
        out.push_str(&format!(
            "|{}|\n",
            g.rows[0]
                .1
                .iter()
                .map(|v| if v.is_number() { " ---: " } else { " --- " })
                .collect::<Vec<_>>()
                .join("|")
        ));
        for (_, cells) in &g.rows {
            out.push_str(&format!(
                "| {} |\n",
                cells
                    .iter()
                    .map(|v| md_escape(&v.display()))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ));
        }
    }
    out
}

/// One CSV field: quoted per RFC 4180 when needed; text that starts with `=`, `+`, `-` or `@`
/// is prefixed with `'` so spreadsheets do not run it as a formula.
fn csv_field(v: &Value) -> String {
    let mut s = v.display();
    if !v.is_number() && s.starts_with(['=', '+', '-', '@']) {
        s.insert(0, '\'');
    }
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// Renders one grid as CSV: a header line, then one line per row (`\n` line ends).
pub fn csv(grid: &Grid) -> String {
    let mut out = String::new();
    let header: Vec<String> = grid
        .keys
        .as_ref()
        .unwrap_or(&grid.headers)
        .iter()
        .map(|h| csv_field(&Value::text(h.clone())))
        .collect();
    out.push_str(&header.join(","));
    out.push('\n');
    for (_, cells) in &grid.rows {
        out.push_str(&cells.iter().map(csv_field).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out
}

/// Pretty JSON with a trailing newline (the documents of the spec, in their field order).
pub fn json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_neutralises_formulas() {
        let mut g = Grid::new("t", &["a", "b"]);
        g.row(Tone::Plain, vec![Value::text("=SUM(A1)"), Value::Int(-3)]);
        g.row(Tone::Plain, vec![Value::text("x,\"y\""), Value::Null]);
        g.row(
            Tone::Plain,
            vec![Value::Bool(true), Value::Map([("k".to_owned(), 2)].into())],
        );
        g.row(Tone::Plain, vec![Value::text("-1"), Value::text("@x")]);
        assert_eq!(
            csv(&g),
            "a,b\n'=SUM(A1),-3\n\"x,\"\"y\"\"\",\ntrue,k=2\n'-1,'@x\n"
        );
    }

    #[test]
    fn markdown_escapes_pipes() {
        let mut g = Grid::new("T", &["a"]);
        g.row(Tone::Plain, vec![Value::text("x|y")]);
        assert_eq!(
            markdown(&g.clone().into_iter_one()),
            "### T\n\n| a |\n| --- |\n| x\\|y |\n"
        );
    }

    impl Grid {
        fn into_iter_one(self) -> Vec<Grid> {
            vec![self]
        }
    }
}
