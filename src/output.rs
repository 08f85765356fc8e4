//! Rendering and the terminal: tables (comfy-table), Markdown, CSV and JSON, the colour
//! decision, and the only code that writes to stdout and stderr.
//!
//! Operations describe their tables as [`Grid`]s; this module renders them. Tables depend on
//! the terminal's width only when stdout is a terminal. A failed write on stdout is an error
//! (exit 4), except a closed pipe (`cavra report | head -1`), which ends the output quietly.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};

use clap::ValueEnum;
use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table, presets};
use serde::Serialize;

use crate::error::{Error, Face, describe_io};
use crate::problem::{Problem, RuleCode};

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
    /// One self-contained HTML page (executive-report only)
    Html,
}

/// Colour choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// How to render an output: the format and whether to colour tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub format: Format,
    pub color: bool,
}

/// Renders a document: JSON is the document itself; tables and Markdown show `grids()`;
/// CSV shows the one grid at `csv` (§5: one table per CSV).
pub fn document<T: Serialize + ?Sized>(
    style: Style,
    doc: &T,
    grids: impl FnOnce() -> Vec<Grid>,
    csv_grid: usize,
) -> Result<String, Error> {
    Ok(match style.format {
        Format::Json => json(doc)?,
        Format::Table => tables(&grids(), style.color),
        Format::Markdown => markdown(&grids()),
        Format::Csv => {
            let all = grids();
            all.get(csv_grid).map(csv).unwrap_or_default()
        }
        Format::Html => return Err(html_only()),
    })
}

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
            Value::Float(f) => serde_json::Value::from(*f).to_string(),
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
    let s = s
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ");
    // Other control characters (a `\r` in a file name) must not break the row either.
    crate::problem::one_line(&s).into_owned()
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

/// `--format html` on a command other than `executive-report` (a usage error, exit 2).
pub fn html_only() -> Error {
    Error::usage("--format html is only for executive-report")
        .with_hint("use --format table, json, markdown or csv here")
}

/// Pretty JSON with a trailing newline (the documents of the spec, in their field order).
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    crate::model::stored::pretty(value)
}

/// Writes an output on stdout. A closed pipe is not an error (the reader has seen enough);
/// any other failure is an I/O error naming stdout (exit 4).
pub fn print_out(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io_at("stdout", &describe_io(&e))
            .with_hint("check that the output can be written (free space, a closed file)")),
    }
}

/// Runs `work` (reading the evidence) with a progress line on stderr — files and megabytes
/// read so far — when stderr is a terminal and `quiet` is off. Nothing is drawn for a read
/// that takes under half a second, nothing ever in a pipe or a file, and the line is cleared
/// before the results are printed.
pub fn with_progress<T: Send>(quiet: bool, work: impl FnOnce() -> T + Send) -> T {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};

    use crate::store::read::{BYTES_READ, FILES_READ};

    if quiet || !std::io::stderr().is_terminal() {
        return work();
    }
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let start = Instant::now();
            let (files0, bytes0) = (
                FILES_READ.load(Ordering::Relaxed),
                BYTES_READ.load(Ordering::Relaxed),
            );
            let mut bar: Option<indicatif::ProgressBar> = None;
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(100));
                if start.elapsed() < Duration::from_millis(500) {
                    continue;
                }
                let bar = bar.get_or_insert_with(|| {
                    let b = indicatif::ProgressBar::with_draw_target(
                        None,
                        indicatif::ProgressDrawTarget::stderr(),
                    );
                    b.set_style(
                        indicatif::ProgressStyle::with_template("{spinner} {msg}")
                            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
                    );
                    b
                });
                let files = FILES_READ.load(Ordering::Relaxed) - files0;
                let mb = (BYTES_READ.load(Ordering::Relaxed) - bytes0) as f64 / 1e6;
                bar.set_message(format!("reading evidence: {files} files, {mb:.0} MB"));
                bar.tick();
            }
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
        });
        let out = work();
        done.store(true, Ordering::Relaxed);
        out
    })
}

/// One line on stderr. Errors writing it are ignored: there is nowhere left to say them.
pub fn say(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// Prints an error as one paragraph: `cavra: error: …` then `hint: …`.
pub fn print_error(e: &Error) {
    say(&format!("cavra: error: {}", e.message(Face::Cli)));
    if let Some(hint) = e.hint(Face::Cli) {
        say(&format!("hint: {hint}"));
    }
}

/// Warns about every problem on stderr, then one hint per rule met.
pub fn warn_problems(problems: &[Problem]) {
    let mut rules: Vec<RuleCode> = Vec::new();
    for p in problems {
        say(&format!("cavra: warning: {}", p.line()));
        if !rules.contains(&p.rule) {
            rules.push(p.rule);
        }
    }
    rules.sort();
    for r in rules {
        say(&format!("hint: {}: {}", r.as_str(), r.hint()));
    }
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
