//! Reading evidence files on all cores: one pass, streamed, order-independent.
//!
//! The calling thread hands out work; `threads` workers parse. A `.json` file is one job (a
//! worker reads and parses it whole); an NDJSON file is cut by the calling thread into blocks
//! of whole lines, so that one huge file still uses every core and memory stays bounded by
//! the queue. Every top-level value (a file's record, an array element, a store item, an
//! NDJSON line) goes to the worker's [`Sink`] with its position; each worker has its own sink,
//! and the caller merges them and sorts by position, so the result never depends on which
//! thread finished first.

use std::fs::File;
use std::io::Read;
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex};

use crate::error::describe_io;
use crate::model::json::{self, Json};
use crate::model::record::store_items;
use crate::problem::{Problem, RuleCode};

use super::walk::{Form, Source};

/// Bytes per NDJSON block handed to a worker (a block always ends at a line end).
const BLOCK: usize = 1 << 20;

/// The position of a top-level value inside its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// The file's only value.
    Whole,
    /// Element `n` (0-based) of a top-level array.
    Elem(u64),
    /// Item `n` (0-based) of a store's `items`.
    Item(u64),
    /// Line `n` (1-based) of an NDJSON file.
    Line(u64),
}

const TAG_SHIFT: u32 = 62;

impl At {
    /// Packs the position into 64 bits (2-bit tag, 62-bit index) for compact records.
    pub fn pack(self) -> u64 {
        let (tag, n) = match self {
            At::Whole => (0, 0),
            At::Elem(n) => (1, n),
            At::Item(n) => (2, n),
            At::Line(n) => (3, n),
        };
        (tag << TAG_SHIFT) | (n & ((1 << TAG_SHIFT) - 1))
    }

    pub fn unpack(packed: u64) -> At {
        let n = packed & ((1 << TAG_SHIFT) - 1);
        match packed >> TAG_SHIFT {
            0 => At::Whole,
            1 => At::Elem(n),
            2 => At::Item(n),
            _ => At::Line(n),
        }
    }

    /// The place of the value in messages: `path`, `path#/3`, `path#/items/3`, `path:3`.
    pub fn place(self, display: &str) -> String {
        self.place_at(display, "")
    }

    /// The place of a JSON pointer inside the value.
    pub fn place_at(self, display: &str, pointer: &str) -> String {
        match self {
            At::Whole if pointer.is_empty() => display.to_owned(),
            At::Whole => format!("{display}#{pointer}"),
            At::Elem(n) => format!("{display}#/{n}{pointer}"),
            At::Item(n) => format!("{display}#/items/{n}{pointer}"),
            At::Line(n) if pointer.is_empty() => format!("{display}:{n}"),
            At::Line(n) => format!("{display}:{n}#{pointer}"),
        }
    }

    /// The order of the value inside its file.
    pub fn order(self) -> u64 {
        match self {
            At::Whole => 0,
            At::Elem(n) | At::Item(n) => n + 1,
            At::Line(n) => n,
        }
    }
}

/// The file a value came from.
#[derive(Debug, Clone, Copy)]
pub struct FileRef<'a> {
    pub index: u32,
    pub display: &'a str,
}

/// Receives what one worker reads.
pub trait Sink: Send {
    /// A top-level value at `at` of `file`.
    fn value(&mut self, file: FileRef<'_>, at: At, value: Json);
    /// A problem found by the reader itself (syntax, I/O, a duplicate key in a store's
    /// wrapper).
    fn problem(&mut self, problem: Problem);
}

/// What the reader itself counted.
#[derive(Debug, Default, Clone, Copy)]
pub struct ReadStats {
    /// Files opened and read (unreadable ones are problems instead).
    pub files: u64,
}

enum Job {
    File(u32),
    Block {
        file: u32,
        first_line: u64,
        data: Vec<u8>,
    },
}

/// The number of worker threads: `CAVRA_THREADS` if set, else the available cores.
pub fn default_threads() -> usize {
    std::env::var("CAVRA_THREADS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .min(64)
}

/// Reads every source into one sink per worker. Returns the sinks (in worker order; merge
/// them order-independently), problems met by the calling thread, and counts.
pub fn read_all<S, F>(
    sources: &[Source],
    threads: usize,
    make: F,
) -> (Vec<S>, Vec<Problem>, ReadStats)
where
    S: Sink,
    F: Fn() -> S + Sync,
{
    let threads = threads.max(1);
    let (tx, rx) = sync_channel::<Job>(threads * 2);
    let rx = Arc::new(Mutex::new(rx));
    let mut own_problems = Vec::new();
    let mut stats = ReadStats::default();
    let sinks = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let rx = Arc::clone(&rx);
                let make = &make;
                scope.spawn(move || worker(sources, &rx, make()))
            })
            .collect();
        for (i, source) in sources.iter().enumerate() {
            let file = i as u32;
            match source.form {
                Form::Json => {
                    if tx.send(Job::File(file)).is_err() {
                        break;
                    }
                }
                Form::Ndjson => match feed_ndjson(source, file, &tx) {
                    Ok(()) => stats.files += 1,
                    Err(e) => own_problems.push(
                        Problem::new(
                            source.display.clone(),
                            RuleCode::Io,
                            format!("cannot read file: {}", describe_io(&e)),
                        )
                        .at(file, 0, 0),
                    ),
                },
            }
        }
        drop(tx);
        handles
            .into_iter()
            .map(|h| match h.join() {
                Ok(res) => res,
                // A worker never panics on input; if one did, say so rather than lose it.
                Err(_) => panic!("an evidence reader thread panicked"),
            })
            .collect::<Vec<_>>()
    });
    let mut out = Vec::with_capacity(sinks.len());
    for (sink, files) in sinks {
        stats.files += files;
        out.push(sink);
    }
    (out, own_problems, stats)
}

fn worker<S: Sink>(sources: &[Source], rx: &Mutex<Receiver<Job>>, mut sink: S) -> (S, u64) {
    let mut files = 0;
    loop {
        let job = match rx.lock() {
            Ok(guard) => guard.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        let Ok(job) = job else { break };
        match job {
            Job::File(i) => {
                let source = &sources[i as usize];
                let file = FileRef {
                    index: i,
                    display: &source.display,
                };
                match std::fs::read(&source.path) {
                    Ok(bytes) => {
                        files += 1;
                        read_json_file(&bytes, file, &mut sink);
                    }
                    Err(e) => sink.problem(
                        Problem::new(
                            source.display.clone(),
                            RuleCode::Io,
                            format!("cannot read file: {}", describe_io(&e)),
                        )
                        .at(i, 0, 0),
                    ),
                }
            }
            Job::Block {
                file,
                first_line,
                data,
            } => {
                let source = &sources[file as usize];
                let file_ref = FileRef {
                    index: file,
                    display: &source.display,
                };
                read_ndjson_block(&data, first_line, file_ref, &mut sink);
            }
        }
    }
    (sink, files)
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Parses one `.json` file and hands out its values: a record, array elements or store items.
pub fn read_json_file<S: Sink + ?Sized>(bytes: &[u8], file: FileRef<'_>, sink: &mut S) {
    let value = match json::parse(strip_bom(bytes)) {
        Ok(v) => v,
        Err(e) => {
            sink.problem(syntax_problem(file, None, &e));
            return;
        }
    };
    for_each_top_value(value, file, sink, |sink, at, v| sink.value(file, at, v));
}

/// Splits a parsed file into its top-level values (shared with the re-reader).
pub(crate) fn for_each_top_value<S: Sink + ?Sized>(
    value: Json,
    file: FileRef<'_>,
    sink: &mut S,
    mut f: impl FnMut(&mut S, At, Json),
) {
    if store_items(&value).is_some() {
        if let Some(pointer) = wrapper_duplicate(&value) {
            sink.problem(
                Problem::new(
                    format!("{}#{pointer}", file.display),
                    RuleCode::DuplicateKey,
                    "a key appears twice in the store's wrapper object; the whole file is left out",
                )
                .at(file.index, 0, 0),
            );
            return;
        }
        let Json::Obj(entries) = value else { return };
        for (k, v) in entries {
            if k == "items"
                && let Json::Arr(items) = v
            {
                for (n, item) in items.into_iter().enumerate() {
                    f(sink, At::Item(n as u64), item);
                }
                return;
            }
        }
        return;
    }
    match value {
        Json::Arr(items) => {
            for (n, item) in items.into_iter().enumerate() {
                f(sink, At::Elem(n as u64), item);
            }
        }
        other => f(sink, At::Whole, other),
    }
}

/// The pointer of a key that appears twice in the wrapper object itself.
fn wrapper_duplicate(value: &Json) -> Option<String> {
    let entries = value.as_obj()?;
    for (i, (k, _)) in entries.iter().enumerate() {
        if entries[..i].iter().any(|(p, _)| p == k) {
            let mut p = String::new();
            json::push_pointer(&mut p, k);
            return Some(p);
        }
    }
    None
}

fn syntax_problem(file: FileRef<'_>, line: Option<u64>, e: &serde_json::Error) -> Problem {
    let (line_no, column) = match line {
        Some(n) => (n, e.column()),
        None => (e.line() as u64, e.column()),
    };
    let mut why = e.to_string();
    if let Some(at) = why.find(" at line ") {
        why.truncate(at);
    }
    Problem::new(
        format!("{}:{}:{}", file.display, line_no, column),
        RuleCode::Syntax,
        why,
    )
    .at(file.index, line.unwrap_or(0), 0)
}

/// Parses the lines of one NDJSON block. `first_line` is the 1-based number of its first line.
pub fn read_ndjson_block<S: Sink + ?Sized>(
    data: &[u8],
    first_line: u64,
    file: FileRef<'_>,
    sink: &mut S,
) {
    for (n, line) in (first_line..).zip(data.split(|&b| b == b'\n')) {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
            continue;
        }
        match json::parse(line) {
            Ok(v) => sink.value(file, At::Line(n), v),
            Err(e) => sink.problem(syntax_problem(file, Some(n), &e)),
        }
    }
}

/// Reads an NDJSON file block by block and queues the blocks.
fn feed_ndjson(
    source: &Source,
    file: u32,
    tx: &std::sync::mpsc::SyncSender<Job>,
) -> std::io::Result<()> {
    let mut f = File::open(&source.path)?;
    let mut carry: Vec<u8> = Vec::new();
    let mut next_line: u64 = 1;
    let mut first = true;
    loop {
        let mut buf = std::mem::take(&mut carry);
        let before = buf.len();
        let eof = fill(&mut f, &mut buf, BLOCK)?;
        if first {
            first = false;
            if buf.starts_with(b"\xEF\xBB\xBF") {
                buf.drain(..3);
            }
        }
        if eof {
            if !buf.is_empty() {
                let _ = tx.send(Job::Block {
                    file,
                    first_line: next_line,
                    data: buf,
                });
            }
            return Ok(());
        }
        let search_from = before.min(buf.len());
        match memchr::memrchr(b'\n', &buf[search_from..]) {
            Some(rel) => {
                let cut = search_from + rel + 1;
                carry = buf[cut..].to_vec();
                buf.truncate(cut);
                let lines = memchr::memchr_iter(b'\n', &buf).count() as u64;
                let first_line = next_line;
                next_line += lines;
                if tx
                    .send(Job::Block {
                        file,
                        first_line,
                        data: buf,
                    })
                    .is_err()
                {
                    return Ok(());
                }
            }
            // No line end yet: a long line; keep reading into the same buffer.
            None => carry = buf,
        }
    }
}

/// Appends up to `want` bytes; returns true at end of file.
fn fill(f: &mut File, buf: &mut Vec<u8>, want: usize) -> std::io::Result<bool> {
    let start = buf.len();
    buf.resize(start + want, 0);
    let mut got = 0;
    while got < want {
        match f.read(&mut buf[start + got..]) {
            Ok(0) => {
                buf.truncate(start + got);
                return Ok(true);
            }
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => {
                buf.truncate(start + got);
                return Err(e);
            }
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_packs_and_places() {
        for at in [At::Whole, At::Elem(3), At::Item(0), At::Line(123_456_789)] {
            assert_eq!(At::unpack(at.pack()), at);
        }
        assert_eq!(
            At::Item(3).place_at("s.json", "/provider"),
            "s.json#/items/3/provider"
        );
        assert_eq!(At::Line(7).place_at("a.ndjson", "/x"), "a.ndjson:7#/x");
        assert_eq!(At::Line(7).place("a.ndjson"), "a.ndjson:7");
        assert_eq!(At::Elem(2).place("a.json"), "a.json#/2");
    }
}
