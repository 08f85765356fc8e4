//! Reading evidence files on all cores: one pass, streamed, order-independent.
//!
//! The calling thread hands out work; `threads` workers parse. A `.json` file is one job (a
//! worker reads and parses it whole); an NDJSON file is cut by the calling thread into blocks
//! of whole lines, so that one huge file still uses every core and memory stays bounded by
//! the queue. Every top-level value (a file's record, an array element, a store item, an
//! NDJSON line) goes to the worker's [`Sink`] with its position; each worker has its own sink,
//! and the caller merges them and sorts by position, so the result never depends on which
//! thread finished first.

use std::io::Read;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, channel, sync_channel};

use crate::error::describe_io;
use crate::model::json::{self, Json};
use crate::model::record::store_items;
use crate::problem::{Problem, RuleCode};

use super::origin::{Origin, Reader};
use super::walk::{Form, Source};

/// Bytes per NDJSON block handed to a worker (a block always ends at a line end). 512 KiB
/// rather than 1 MiB: the same speed, and 5.5 MiB less peak memory on 2 threads (the queue
/// holds two blocks per thread).
pub(crate) const BLOCK: usize = 1 << 19;

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
    pub path: &'a std::path::Path,
    /// The text the value came from holds no duplicate key anywhere (so no value of it
    /// needs to be searched for one). `false` when unknown.
    pub dup_free: bool,
}

impl FileRef<'_> {
    /// The path as printed in messages (made only when a message needs it).
    pub fn display(&self) -> std::borrow::Cow<'_, str> {
        self.path.to_string_lossy()
    }
}

/// Receives what one worker reads.
pub trait Sink: Send {
    /// A top-level value at `at` of `file`.
    fn value(&mut self, file: FileRef<'_>, at: At, value: Json);
    /// A problem found by the reader itself (syntax, I/O, a duplicate key in a store's
    /// wrapper).
    fn problem(&mut self, problem: Problem);
    /// A store's wrapper object without its `items` entry (its items come as values). Only
    /// `check --strict` looks at it: it is not a record, but it is parsed JSON.
    fn wrapper(&mut self, _file: FileRef<'_>, _rest: &Json) {}
}

/// What the reader itself counted.
#[derive(Debug, Default, Clone, Copy)]
pub struct ReadStats {
    /// Files opened and read (unreadable ones are problems instead).
    pub files: u64,
}

/// A run of whole NDJSON lines.
struct Block {
    file: u32,
    path: std::path::PathBuf,
    first_line: u64,
    data: Vec<u8>,
}

/// `.json` files handed to the workers at a time.
const BATCH: usize = 64;

/// The most worker threads a read uses (more are capped to this).
pub const MAX_THREADS: usize = 64;

/// A thread count as `-j/--threads` and `CAVRA_THREADS` give it: a whole number, at least 1.
pub fn parse_threads(s: &str) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(0) => Err("0 threads cannot read anything; give 1 or more".to_owned()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!(
            "{s:?} is not a number of threads; give a whole number, 1 or more (e.g. 2)"
        )),
    }
}

/// Files and bytes read by this process so far: what the command line's progress line shows
/// while a large folder is read (relaxed counters, bumped once per file or block).
pub static FILES_READ: AtomicU64 = AtomicU64::new(0);
/// See [`FILES_READ`].
pub static BYTES_READ: AtomicU64 = AtomicU64::new(0);

/// The thread count when none is given: the available cores. (`-j` and `CAVRA_THREADS` are
/// resolved once, by the command line, into `LoadOptions::threads`.)
pub fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_THREADS)
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
    read_all_with_block(sources, threads, BLOCK, make)
}

/// [`read_all`] with NDJSON blocks of about `block` bytes (tests use tiny blocks to cross
/// every line and byte-order-mark boundary).
pub(crate) fn read_all_with_block<S, F>(
    sources: &[Source],
    threads: usize,
    block: usize,
    make: F,
) -> (Vec<S>, Vec<Problem>, ReadStats)
where
    S: Sink,
    F: Fn() -> S + Sync,
{
    let (_, sinks, problems, stats) = read_streaming(threads, block, &Origin::Disk, make, |emit| {
        for s in sources {
            emit(s.clone());
        }
    });
    (sinks, problems, stats)
}

/// Reads sources while `discover` is still finding them (the walk of a large folder overlaps
/// the parsing instead of preceding it). File indices are given in discovery order; the
/// caller re-numbers them if it wants another order. Returns the sources, one sink per
/// worker, problems met by this thread, and counts.
///
/// `.json` files go to the workers in batches as they are found; NDJSON files are cut into
/// blocks of whole lines by this thread once discovery is over, and queued, bounded, to the
/// workers, who take blocks once no `.json` file is left. Every byte comes through `origin`.
pub(crate) fn read_streaming<S, F, D>(
    threads: usize,
    block: usize,
    origin: &Origin,
    make: F,
    discover: D,
) -> (Vec<Source>, Vec<S>, Vec<Problem>, ReadStats)
where
    S: Sink,
    F: Fn() -> S + Sync,
    D: FnOnce(&mut dyn FnMut(Source)),
{
    let threads = threads.clamp(1, MAX_THREADS);
    let block = block.max(1);
    let (json_tx, json_rx) = channel::<Vec<(u32, std::path::PathBuf)>>();
    let json_rx = Mutex::new(json_rx);
    let (tx, rx) = sync_channel::<Block>(threads * 2);
    let rx = Mutex::new(rx);
    let mut own_problems = Vec::new();
    let mut stats = ReadStats::default();
    let mut sources: Vec<Source> = Vec::new();
    let sinks = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let (json_rx, rx, make) = (&json_rx, &rx, &make);
                scope.spawn(move || worker(json_rx, rx, make(), origin.reader()))
            })
            .collect();
        let mut batch = Vec::with_capacity(BATCH);
        discover(&mut |source: Source| {
            let index = sources.len() as u32;
            if source.form == Form::Json {
                batch.push((index, source.path.clone()));
                if batch.len() == BATCH {
                    let _ = json_tx.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
                }
            }
            sources.push(source);
        });
        if !batch.is_empty() {
            let _ = json_tx.send(batch);
        }
        drop(json_tx);
        let mut reader = origin.reader();
        for (i, source) in sources.iter().enumerate() {
            if source.form != Form::Ndjson {
                continue;
            }
            let file = i as u32;
            match feed_ndjson(&mut reader, source, file, block, &tx) {
                Ok(()) => {
                    stats.files += 1;
                    FILES_READ.fetch_add(1, Ordering::Relaxed);
                }
                Err(e) => own_problems.push(
                    Problem::new(
                        source.display().into_owned(),
                        RuleCode::Io,
                        format!("cannot read file: {}", describe_io(&e)),
                    )
                    .at(file, 0, 0),
                ),
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
    (sources, out, own_problems, stats)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    }
}

fn worker<S: Sink>(
    json_rx: &Mutex<Receiver<Vec<(u32, std::path::PathBuf)>>>,
    rx: &Mutex<Receiver<Block>>,
    mut sink: S,
    mut reader: Reader,
) -> (S, u64) {
    let mut files = 0;
    loop {
        let batch = lock(json_rx).recv();
        let Ok(batch) = batch else { break };
        for (i, path) in batch {
            let file = FileRef {
                index: i,
                path: &path,
                dup_free: false,
            };
            match reader.read(&path) {
                Ok(bytes) => {
                    files += 1;
                    FILES_READ.fetch_add(1, Ordering::Relaxed);
                    BYTES_READ.fetch_add(bytes.len() as u64, Ordering::Relaxed);
                    read_json_file(bytes, file, &mut sink);
                }
                Err(e) => sink.problem(
                    Problem::new(
                        file.display().into_owned(),
                        RuleCode::Io,
                        format!("cannot read file: {}", describe_io(&e)),
                    )
                    .at(i, 0, 0),
                ),
            }
        }
    }
    loop {
        let job = lock(rx).recv();
        let Ok(Block {
            file,
            path,
            first_line,
            data,
        }) = job
        else {
            break;
        };
        let file_ref = FileRef {
            index: file,
            path: &path,
            dup_free: false,
        };
        BYTES_READ.fetch_add(data.len() as u64, Ordering::Relaxed);
        read_ndjson_block(&data, first_line, file_ref, &mut sink);
    }
    (sink, files)
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Parses one `.json` file and hands out its values: a record, array elements or store items.
pub fn read_json_file<S: Sink + ?Sized>(bytes: &[u8], file: FileRef<'_>, sink: &mut S) {
    let bytes = strip_bom(bytes);
    let (value, duplicate) = match json::parse_flagged(bytes) {
        Ok(v) => v,
        Err(e) => {
            sink.problem(syntax_problem(file, None, bytes, &e));
            return;
        }
    };
    let file = FileRef {
        dup_free: !duplicate,
        ..file
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
                    format!("{}#{pointer}", file.display()),
                    RuleCode::DuplicateKey,
                    "a key appears twice in the store's wrapper object; the whole file is left out",
                )
                .at(file.index, 0, 0),
            );
            return;
        }
        let Json::Obj(entries) = value else { return };
        let mut items = Vec::new();
        let mut rest = Vec::with_capacity(entries.len().saturating_sub(1));
        for (k, v) in entries {
            match v {
                Json::Arr(arr) if k == "items" => items = arr,
                v => rest.push((k, v)),
            }
        }
        sink.wrapper(file, &Json::Obj(rest));
        for (n, item) in items.into_iter().enumerate() {
            f(sink, At::Item(n as u64), item);
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

/// A syntax problem at `path:line:column`. `line` is the NDJSON line number (`None` for a
/// `.json` file, whose line comes from the error). Columns are 1-based: serde_json says
/// column 0 when the text ends at the start of a line (an empty file, a file ending in a
/// newline inside a value), which is column 1 to an editor.
fn syntax_problem(
    file: FileRef<'_>,
    line: Option<u64>,
    text: &[u8],
    e: &serde_json::Error,
) -> Problem {
    let (line_no, column) = match line {
        Some(n) => (n, e.column().max(1)),
        None => (e.line() as u64, e.column().max(1)),
    };
    let mut why = e.to_string();
    if let Some(at) = why.find(" at line ") {
        why.truncate(at);
    }
    if line.is_none()
        && text
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        why = format!("the file is empty: {why}");
    }
    Problem::new(
        format!("{}:{}:{}", file.display(), line_no, column),
        RuleCode::Syntax,
        why,
    )
    .at(file.index, line.unwrap_or(0), 0)
}

/// A blank or white-space-only NDJSON line: ASCII white space (the common case, checked
/// first), or any Unicode white space (form feed, no-break space, ...) in valid UTF-8.
fn is_blank(line: &[u8]) -> bool {
    match line.first() {
        None => true,
        Some(b'{') | Some(b'[') | Some(b'"') => false,
        _ => {
            line.iter().all(|b| b.is_ascii_whitespace() || *b == 0x0b)
                || std::str::from_utf8(line).is_ok_and(|s| s.trim().is_empty())
        }
    }
}

/// Parses the lines of one NDJSON block. `first_line` is the 1-based number of its first line.
pub fn read_ndjson_block<S: Sink + ?Sized>(
    data: &[u8],
    first_line: u64,
    file: FileRef<'_>,
    sink: &mut S,
) {
    // memchr finds the line ends a word at a time (a byte-by-byte split was a tenth of the
    // time of a large NDJSON file).
    let ends = memchr::memchr_iter(b'\n', data).chain(std::iter::once(data.len()));
    let mut start = 0;
    for (n, end) in (first_line..).zip(ends) {
        let line = &data[start..end];
        start = end + 1;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if is_blank(line) {
            continue;
        }
        match json::parse_flagged(line) {
            Ok((v, duplicate)) => sink.value(
                FileRef {
                    dup_free: !duplicate,
                    ..file
                },
                At::Line(n),
                v,
            ),
            Err(e) => sink.problem(syntax_problem(file, Some(n), line, &e)),
        }
    }
}

/// Reads an NDJSON file block by block and queues the blocks.
///
/// Each block ends just after a `\n` (the last block may end without one), so no line is
/// ever split between two workers, and `first_line` counts the `\n`s of the blocks before
/// it. A line longer than `block` grows the buffer until its end is found. The byte-order
/// mark is dropped before the first cut, once at least three bytes (or the whole file) are
/// in the buffer.
fn feed_ndjson(
    reader: &mut Reader,
    source: &Source,
    file: u32,
    block: usize,
    tx: &std::sync::mpsc::SyncSender<Block>,
) -> std::io::Result<()> {
    let mut f = reader.open(&source.path)?;
    let mut buf: Vec<u8> = Vec::new();
    let mut next_line: u64 = 1;
    let mut bom_checked = false;
    loop {
        // No `\n` before `search_from`: it was searched already (or is the start of a line).
        let mut search_from = buf.len();
        let eof = fill(&mut f, &mut buf, block)?;
        if !bom_checked && (buf.len() >= 3 || eof) {
            bom_checked = true;
            if buf.starts_with(b"\xEF\xBB\xBF") {
                buf.drain(..3);
            }
            search_from = 0;
        }
        if eof {
            if !buf.is_empty() {
                let _ = tx.send(Block {
                    file,
                    path: source.path.clone(),
                    first_line: next_line,
                    data: buf,
                });
            }
            return Ok(());
        }
        if !bom_checked {
            continue;
        }
        let Some(rel) = memchr::memrchr(b'\n', &buf[search_from..]) else {
            // No line end yet: a long line; keep reading into the same buffer.
            continue;
        };
        let cut = search_from + rel + 1;
        let rest = buf[cut..].to_vec();
        buf.truncate(cut);
        let first_line = next_line;
        next_line += memchr::memchr_iter(b'\n', &buf).count() as u64;
        if tx
            .send(Block {
                file,
                path: source.path.clone(),
                first_line,
                data: std::mem::replace(&mut buf, rest),
            })
            .is_err()
        {
            return Ok(());
        }
    }
}

/// Appends up to `want` bytes; returns true at end of file.
fn fill(f: &mut impl Read, buf: &mut Vec<u8>, want: usize) -> std::io::Result<bool> {
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

    /// Collects what the reader hands out: (position, compact JSON) and problem places.
    #[derive(Default)]
    struct Collect {
        values: Vec<(u64, String)>,
        problems: Vec<String>,
    }

    impl Sink for Collect {
        fn value(&mut self, _file: FileRef<'_>, at: At, value: Json) {
            let n = match at {
                At::Line(n) => n,
                other => other.order(),
            };
            self.values
                .push((n, serde_json::to_string(&value).expect("JSON writes")));
        }
        fn problem(&mut self, problem: Problem) {
            // Places start with the temporary folder; keep the file name on.
            let place = problem.place.rsplit('/').next().unwrap_or_default();
            self.problems
                .push(format!("{place}: {}", problem.rule.as_str()));
        }
    }

    /// Reads `bytes` as one NDJSON file with the given block size and thread count; returns
    /// the values sorted by line and the problem places sorted.
    fn read_ndjson(
        bytes: &[u8],
        block: usize,
        threads: usize,
    ) -> (Vec<(u64, String)>, Vec<String>) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("f.ndjson");
        std::fs::write(&path, bytes).expect("write");
        let sources = [Source::new(path, Form::Ndjson)];
        let (sinks, own, stats) = read_all_with_block(&sources, threads, block, Collect::default);
        assert!(own.is_empty(), "{own:?}");
        assert_eq!(stats.files, 1);
        let mut values = Vec::new();
        let mut problems = Vec::new();
        for s in sinks {
            values.extend(s.values);
            problems.extend(s.problems);
        }
        values.sort();
        problems.sort();
        (values, problems)
    }

    fn owned(v: &[(u64, &str)]) -> Vec<(u64, String)> {
        v.iter().map(|&(n, s)| (n, s.to_owned())).collect()
    }

    #[test]
    fn ndjson_blocks_of_any_size_read_the_same_lines() {
        // Line by line (1-based): 1 a BOM then {"a":1} with CRLF; 2 an empty CRLF line;
        // 3 blanks and a tab; 4 {"b":2}; 5 `{bad}` (a syntax error at its column 2, the `b`);
        // 6 a 300-byte line, longer than every small block below; 7 {"d":4} with no final
        // line end.
        let long = format!("{{\"c\":\"{}\"}}", "x".repeat(292));
        assert_eq!(long.len(), 300);
        let mut text = b"\xEF\xBB\xBF{\"a\":1}\r\n\r\n  \t \n{\"b\":2}\n{bad}\n".to_vec();
        text.extend_from_slice(long.as_bytes());
        text.extend_from_slice(b"\n{\"d\":4}");
        let want = owned(&[
            (1, r#"{"a":1}"#),
            (4, r#"{"b":2}"#),
            (6, &long),
            (7, r#"{"d":4}"#),
        ]);
        for block in [1, 2, 3, 4, 5, 7, 8, 13, 64, 299, 300, 301, 1 << 20] {
            for threads in [1, 3] {
                let (values, problems) = read_ndjson(&text, block, threads);
                assert_eq!(values, want, "block {block}, threads {threads}");
                assert_eq!(problems, ["f.ndjson:5:2: syntax"], "block {block}");
            }
        }
    }

    #[test]
    fn ndjson_edges() {
        for block in [1, 2, 3, 4, 1 << 20] {
            // Only a byte-order mark, only line ends, nothing at all: no values, no problems.
            for empty in [&b"\xEF\xBB\xBF"[..], b"\n\r\n\n", b""] {
                assert_eq!(
                    read_ndjson(empty, block, 2),
                    (vec![], vec![]),
                    "block {block}"
                );
            }
            // A byte-order mark right before a line end: line 1 is blank, line 2 is read.
            assert_eq!(
                read_ndjson(b"\xEF\xBB\xBF\n[2]", block, 2).0,
                owned(&[(2, "[2]")])
            );
            // A byte-order mark is only dropped at the start of the file: on line 2 it is a
            // syntax error at column 1.
            assert_eq!(
                read_ndjson(b"1\n\xEF\xBB\xBF2\n", block, 2),
                (owned(&[(1, "1")]), vec!["f.ndjson:2:1: syntax".to_owned()])
            );
            // One line without a line end, and two CRLF lines.
            assert_eq!(read_ndjson(b"{}", block, 1).0, owned(&[(1, "{}")]));
            assert_eq!(
                read_ndjson(b"1\r\n2\r\n", block, 1).0,
                owned(&[(1, "1"), (2, "2")])
            );
        }
    }

    #[test]
    fn blank_lines_are_any_white_space() {
        for blank in [
            &b""[..],
            b"  \t\r",
            b"\x0c",
            b"\x0b",
            "\u{a0}\u{3000} ".as_bytes(),
        ] {
            assert!(is_blank(blank), "{blank:?}");
        }
        for not_blank in [&b"{}"[..], b" x", b"\xff", b"\x00"] {
            assert!(!is_blank(not_blank), "{not_blank:?}");
        }
    }

    #[test]
    fn json_file_syntax_places() {
        let file = FileRef {
            index: 0,
            path: std::path::Path::new("a.json"),
            dup_free: false,
        };
        let run = |bytes: &[u8]| {
            let mut sink = Collect::default();
            read_json_file(bytes, file, &mut sink);
            (sink.values, sink.problems)
        };
        // Empty: serde_json says column 0; cavra says column 1 (and that the file is empty).
        assert_eq!(run(b"").1, ["a.json:1:1: syntax"]);
        assert_eq!(run(b"\n\n").1, ["a.json:3:1: syntax"]);
        // `{"a":` on line 2 ends after its 5th character.
        assert_eq!(run(b"\n{\"a\":").1, ["a.json:2:5: syntax"]);
        // A byte-order mark is skipped; the store's items are values 1 and 2.
        assert_eq!(
            run(b"\xEF\xBB\xBF{\"items\":[1,{}]}"),
            (owned(&[(1, "1"), (2, "{}")]), vec![])
        );
    }
}
