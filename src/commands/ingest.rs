//! `cavra ingest SRC...`: validate evidence and copy each record into the evidence folder as
//! one pretty file, atomically and never overwriting (§5).
//!
//! Two passes: the first validates every input and decides, per record, whether it is new,
//! already there (unchanged) or in conflict; nothing is written unless every input is valid
//! (or `--keep-going`). The second reads the chosen records again and writes them, so memory
//! does not grow with the records themselves.

use std::path::Path;

use serde::Serialize;

use crate::cli::{Format, IngestArgs};
use crate::error::Error;
use crate::model::canon::{content_hash, identity_hash};
use crate::model::facts::RecRef;
use crate::model::json::Json;
use crate::model::kind::Kind;
use crate::model::validate::{Verdict, examine};
use crate::problem::{Problem, RuleCode, exit_code};
use crate::store::evidence::reread;
use crate::store::read::{At, FileRef, Sink, default_threads, read_all};
use crate::store::walk::{Excludes, Form, Source, walk};
use crate::store::write::{Outcome, holds_equal, is_safe_id, write_new};

use super::{Ctx, combine, print_out, warn_problems};

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
#[derive(Debug, Default, Serialize)]
pub struct IngestOutput {
    pub added: u64,
    pub unchanged: u64,
    pub ignored: u64,
    /// Paths written (or, with `--dry-run`, that would be written).
    pub written: Vec<String>,
}

/// Lists the input files: folders are walked with the usual skip rules, files are read as
/// given. A missing input is an I/O error before anything is read.
fn gather(
    inputs: &[std::path::PathBuf],
    excludes: &[String],
) -> Result<(Vec<Source>, Vec<Problem>), Error> {
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
        } else {
            sources.push(Source::new(input.clone(), Form::of_explicit(input)));
        }
    }
    Ok((sources, problems))
}

pub fn run(ctx: &Ctx, args: &IngestArgs) -> Result<i32, Error> {
    let (sources, mut problems) = gather(&args.sources, &ctx.excludes)?;
    let (sinks, own, _) = read_all(&sources, default_threads(), IngestSink::default);
    problems.extend(own);
    let mut out = IngestOutput::default();
    let mut candidates = Vec::new();
    for mut s in sinks {
        out.ignored += s.ignored;
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
    let mut to_write: Vec<(RecRef, std::path::PathBuf, Kind)> = Vec::new();
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
        let path = ctx
            .evidence
            .join(c.kind.info().folder)
            .join(format!("{}.json", c.id));
        match std::fs::read(&path) {
            Ok(existing) => {
                if same_content(&existing, c) {
                    out.unchanged += 1;
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
    warn_problems(&problems);
    let problems_code = exit_code(&problems);
    let mut codes = vec![problems_code];

    let blocked = problems_code != 0 && !args.keep_going;
    if blocked {
        eprintln!(
            "cavra: error: nothing was written: {} problem(s) in the input (listed above)\nhint: fix the input, or pass --keep-going to add the valid records anyway",
            problems.iter().filter(|p| !p.rule.is_warning()).count()
        );
    } else {
        write_records(&sources, &to_write, args.dry_run, &mut out, &mut codes);
    }

    match ctx.format {
        Format::Json => print_out(&crate::output::json(&out)),
        _ => {
            if args.dry_run {
                for p in &out.written {
                    ctx.info(&format!("would write {p}"));
                }
            }
        }
    }
    ctx.info(&format!(
        "{} added, {} unchanged, {} ignored{}",
        out.added,
        out.unchanged,
        out.ignored,
        if args.dry_run { " (dry run)" } else { "" }
    ));
    Ok(combine(&codes))
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
    to_write: &[(RecRef, std::path::PathBuf, Kind)],
    dry_run: bool,
    out: &mut IngestOutput,
    codes: &mut Vec<i32>,
) {
    if dry_run {
        for (_, path, _) in to_write {
            out.added += 1;
            out.written.push(path.display().to_string());
        }
        return;
    }
    let wanted: Vec<RecRef> = to_write.iter().map(|t| t.0).collect();
    let mut by_rec: std::collections::HashMap<RecRef, (&Path, Kind)> = to_write
        .iter()
        .map(|(r, p, k)| (*r, (p.as_path(), *k)))
        .collect();
    reread(sources, &wanted, |rec, value| {
        let Some((path, kind)) = by_rec.remove(&rec) else {
            return;
        };
        let text = value.to_pretty();
        match write_new(path, &text, |existing| {
            holds_equal(existing, value, kind.info().full)
        }) {
            Ok(Outcome::Written) => {
                out.added += 1;
                out.written.push(path.display().to_string());
            }
            Ok(Outcome::Unchanged) => out.unchanged += 1,
            Err(e) => {
                super::print_error(&e);
                codes.push(e.exit_code());
            }
        }
    });
    for (_, (path, _)) in by_rec {
        eprintln!(
            "cavra: error: {}: the input changed while it was being ingested; not written\nhint: run the ingest again",
            path.display()
        );
        codes.push(4);
    }
}
