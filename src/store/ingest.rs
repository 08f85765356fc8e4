//! Ingesting evidence (§5): validate records from files, folders, stores and NDJSON and copy
//! each into the evidence folder as one pretty file, atomically and never overwriting.
//!
//! Two passes: the first validates every input and decides, per record, whether it is new,
//! already there (unchanged) or in conflict; nothing is written unless every input is valid
//! (or `keep_going`). The second reads the chosen records again and writes them, so memory
//! does not grow with the records themselves.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::Error;
use crate::model::canon::{content_hash, identity_hash};
use crate::model::facts::RecRef;
use crate::model::json::Json;
use crate::model::kind::Kind;
use crate::model::validate::{Verdict, examine};
use crate::problem::{Problem, RuleCode, exit_code};

use super::evidence::reread;
use super::origin::Origin;
use super::read::{At, FileRef, Sink, default_threads, read_all};
use super::walk::{Excludes, Form, Source, walk};
use super::write::{Outcome, holds_equal, is_safe_id, write_new};

/// A valid record found in the inputs.
#[derive(Debug, Clone)]
struct Candidate {
    kind: Kind,
    id: String,
    ident: u64,
    content: u64,
    rec: RecRef,
}

#[derive(Default)]
struct IngestSink {
    candidates: Vec<Candidate>,
    problems: Vec<Problem>,
    ignored: u64,
}

impl Sink for IngestSink {
    fn value(&mut self, file: FileRef<'_>, at: At, value: Json) {
        match examine(&value, false, file.dup_free) {
            Verdict::Ignored(_) => self.ignored += 1,
            Verdict::Future(findings) | Verdict::Invalid(findings) => {
                if matches!(findings.first(), Some(f) if f.rule == RuleCode::SchemaVersion) {
                    self.ignored += 1;
                }
                for (seq, f) in findings.into_iter().enumerate() {
                    self.problems.push(
                        Problem::new(at.place_at(&file.display(), &f.pointer), f.rule, f.message)
                            .at(file.index, at.order(), seq as u32),
                    );
                }
            }
            Verdict::Valid(view) => {
                let id = view.id();
                self.candidates.push(Candidate {
                    kind: view.kind,
                    ident: identity_hash(view.kind.index(), &id),
                    content: content_hash(&value, Some(view.kind.info().full)),
                    id,
                    rec: RecRef {
                        file: file.index,
                        pos: at.pack(),
                    },
                });
            }
        }
    }

    fn problem(&mut self, problem: Problem) {
        self.problems.push(problem);
    }
}

/// The counts `ingest` prints.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Counts {
    pub added: u64,
    pub unchanged: u64,
    pub ignored: u64,
    /// Paths written (or, with `--dry-run`, that would be written).
    pub written: Vec<String>,
}

/// Lists the input files: folders are walked with the usual skip rules, files are read as
/// given. A missing input is an I/O error before anything is read.
fn gather(inputs: &[PathBuf], excludes: &[String]) -> Result<(Vec<Source>, Vec<Problem>), Error> {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input)
            .map_err(|e| Error::io(input, e).with_hint("give files or folders that exist"))?;
        if meta.is_dir() {
            let ex = Excludes::load(input, excludes)?;
            let (found, walk_problems) = walk(input, &ex)?;
            sources.extend(found);
            problems.extend(walk_problems);
        } else if !meta.is_file() {
            // A FIFO would block the read forever and /dev/zero would fill memory: refused
            // before it is opened, whatever its name.
            return Err(Error::io_msg(
                input,
                &format!("not a regular file or folder ({})", special_kind(&meta)),
            )
            .with_hint("give evidence files (.json, .jsonl, .ndjson) or folders that hold them"));
        } else {
            sources.push(Source::new(input.clone(), Form::of_explicit(input)));
        }
    }
    Ok((sources, problems))
}

/// What kind of special file `meta` describes, for messages.
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "a special file"
}

/// What to ingest and how.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The evidence folder written into.
    pub root: &'a Path,
    pub sources: &'a [PathBuf],
    pub excludes: &'a [String],
    /// Worker threads (0: [`default_threads`]).
    pub threads: usize,
    /// Write the valid records even if some input is invalid.
    pub keep_going: bool,
    pub dry_run: bool,
}

/// What ingesting did.
#[derive(Debug, Default)]
pub struct Ingested {
    pub counts: Counts,
    /// The input's problems, in reading order.
    pub problems: Vec<Problem>,
    /// Nothing was written because the input has problems (and not `keep_going`).
    pub blocked: bool,
    /// Writes that failed (each a whole record; the others were written).
    pub errors: Vec<Error>,
}

impl Ingested {
    /// The exit code: the problems', then the failed writes' (§5).
    pub fn exit_code(&self) -> i32 {
        let mut codes = vec![exit_code(&self.problems)];
        codes.extend(self.errors.iter().map(Error::exit_code));
        crate::problem::combine(&codes)
    }
}

/// Validates the inputs and writes their valid, new records under `root`.
pub fn ingest(req: &Request<'_>) -> Result<Ingested, Error> {
    let (sources, mut problems) = gather(req.sources, req.excludes)?;
    let (sinks, own, _) = read_all(
        &sources,
        if req.threads == 0 {
            default_threads()
        } else {
            req.threads
        },
        IngestSink::default,
    );
    problems.extend(own);
    let mut out = Ingested::default();
    let mut candidates = Vec::new();
    for mut s in sinks {
        out.counts.ignored += s.ignored;
        problems.append(&mut s.problems);
        candidates.append(&mut s.candidates);
    }
    let place = |rec: RecRef| At::unpack(rec.pos).place(&sources[rec.file as usize].display());

    // Duplicates collapse; the same identity with other content is a conflict.
    candidates.sort_by(|a, b| {
        (a.kind, a.ident, a.content, a.rec).cmp(&(b.kind, b.ident, b.content, b.rec))
    });
    let mut unique: Vec<Candidate> = Vec::new();
    for group in candidates.chunk_by(|a, b| a.kind == b.kind && a.ident == b.ident) {
        if group.iter().any(|c| c.content != group[0].content) {
            // Name the versions in reading order (file, then position), not hash order.
            let mut recs: Vec<RecRef> = group.iter().map(|c| c.rec).collect();
            recs.sort_by_key(|r| (r.file, At::unpack(r.pos).order()));
            let others: Vec<String> = recs[1..].iter().map(|&r| place(r)).collect();
            problems.push(
                Problem::new(
                    place(recs[0]),
                    RuleCode::Conflict,
                    format!(
                        "{} {} differs from the record with the same id at {}; every version is left out",
                        group[0].kind.info().label,
                        group[0].id,
                        others.join(", ")
                    ),
                )
                .at(recs[0].file, At::unpack(recs[0].pos).order(), 0),
            );
        } else {
            unique.push(group[0].clone());
        }
    }

    // Decide each record against the evidence folder.
    let mut to_write: Vec<(RecRef, PathBuf, Kind)> = Vec::new();
    for c in &unique {
        if !is_safe_id(&c.id) {
            problems.push(
                Problem::new(
                    place(c.rec),
                    RuleCode::UnsafeId,
                    format!(
                        "the id {:?} is not a safe file name; the record is refused",
                        c.id
                    ),
                )
                .at(c.rec.file, At::unpack(c.rec.pos).order(), 0),
            );
            continue;
        }
        let path = req
            .root
            .join(c.kind.info().folder)
            .join(format!("{}.json", c.id));
        match std::fs::read(&path) {
            Ok(existing) => {
                if same_content(&existing, c) {
                    out.counts.unchanged += 1;
                } else {
                    problems.push(
                        Problem::new(
                            place(c.rec),
                            RuleCode::Conflict,
                            format!(
                                "{} {} already exists at {} with other content; it is never overwritten",
                                c.kind.info().label,
                                c.id,
                                path.display()
                            ),
                        )
                        .at(c.rec.file, At::unpack(c.rec.pos).order(), 0),
                    );
                }
            }
            Err(_) => to_write.push((c.rec, path, c.kind)),
        }
    }
    problems.sort_by(|a, b| (a.order, &a.place).cmp(&(b.order, &b.place)));
    out.blocked = exit_code(&problems) != 0 && !req.keep_going;
    out.problems = problems;
    if !out.blocked {
        write_records(&sources, &to_write, req.dry_run, &mut out);
    }
    Ok(out)
}

fn same_content(existing: &[u8], c: &Candidate) -> bool {
    let bytes = existing.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(existing);
    match crate::model::json::parse(bytes) {
        Ok(v) => {
            v.first_duplicate_key().is_none()
                && content_hash(&v, Some(c.kind.info().full)) == c.content
        }
        Err(_) => false,
    }
}

fn write_records(
    sources: &[Source],
    to_write: &[(RecRef, PathBuf, Kind)],
    dry_run: bool,
    out: &mut Ingested,
) {
    if dry_run {
        for (_, path, _) in to_write {
            out.counts.added += 1;
            out.counts.written.push(path.display().to_string());
        }
        return;
    }
    // §5: ingest creates a missing evidence folder, once it has something to write.
    if let Some((_, first, _)) = to_write.first()
        && let Some(root) = first.parent().and_then(Path::parent)
        && let Err(e) = super::record::prepare_folder(root, false)
    {
        out.errors.push(e);
        return;
    }
    let wanted: Vec<RecRef> = to_write.iter().map(|t| t.0).collect();
    let mut by_rec: std::collections::HashMap<RecRef, (&Path, Kind)> = to_write
        .iter()
        .map(|(r, p, k)| (*r, (p.as_path(), *k)))
        .collect();
    reread(&Origin::Disk, sources, &wanted, |rec, value| {
        let Some((path, kind)) = by_rec.remove(&rec) else {
            return;
        };
        let written = value.to_pretty().and_then(|text| {
            write_new(path, &text, |existing| {
                holds_equal(existing, value, kind.info().full)
            })
        });
        match written {
            Ok(Outcome::Written) => {
                out.counts.added += 1;
                out.counts.written.push(path.display().to_string());
            }
            Ok(Outcome::Unchanged) => out.counts.unchanged += 1,
            Err(e) => out.errors.push(e),
        }
    });
    for (_, (path, _)) in by_rec {
        out.errors.push(
            Error::io_msg(
                path,
                "the input changed while it was being ingested; not written",
            )
            .with_hint("run the ingest again"),
        );
    }
}
