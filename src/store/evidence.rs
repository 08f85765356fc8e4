//! The evidence of one folder, read once: facts of every valid record, duplicates collapsed,
//! conflicts left out, problems listed (§2.4, §9).
//!
//! Executions are kept as fixed-size entries (identity hash, content hash, provider, status,
//! instant, position): 48 bytes each, never the record itself. Their text is read again for
//! the few records a report shows ([`Evidence::exec_details`]). Other kinds are rarer and
//! keep their facts.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, describe_io};
use crate::model::canon::{content_hash, identity_hash};
use crate::model::facts::{
    AckFact, ClosureFact, DeliveryFact, ExecDetail, ExecFact, Fact, PlanFact, PlaybookFact, RecRef,
    ScheduleRunFact, Sym,
};
use crate::model::json::{Json, OwnedJson};
use crate::model::kind::Kind;
use crate::model::normalize::norm_or_unknown;
use crate::model::record::{Classified, RecordView, classify};
use crate::model::time::Ts;
use crate::model::validate::{Verdict, examine};
use crate::problem::{Problem, RuleCode};
use crate::report::later;

use super::origin::{Origin, Reader};
use super::read::{
    At, BLOCK, FileRef, ReadStats, Sink, default_threads, read_json_file, read_ndjson_block,
    read_streaming,
};
use super::walk::{Excludes, Form, Source, check_root, sort_key, walk_into};

/// Options for reading an evidence folder.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub excludes: Vec<String>,
    /// `check --strict`: the public-safe policy applies to every value.
    pub strict: bool,
    /// Worker threads (0: [`default_threads`], the available cores).
    pub threads: usize,
    /// `--rev`: read the folder as it was at this git revision, not the work tree.
    pub rev: Option<String>,
}

/// One execution, in 48 bytes.
#[derive(Debug, Clone, Copy)]
pub struct ExecEntry {
    ident: u64,
    content: u64,
    secs: i64,
    /// `u32::MAX` when the instant is unknown.
    nanos: u32,
    provider: Sym,
    status: Sym,
    file: u32,
    pos: u64,
}

impl ExecEntry {
    pub fn fact(&self) -> ExecFact {
        ExecFact {
            ident: self.ident,
            provider: self.provider,
            status: self.status,
            at: (self.nanos != u32::MAX).then_some(Ts {
                secs: self.secs,
                nanos: self.nanos,
            }),
            rec: RecRef {
                file: self.file,
                pos: self.pos,
            },
        }
    }
}

/// A record of another kind, with its facts.
#[derive(Debug, Clone)]
struct OtherEntry {
    ident: u64,
    content: u64,
    kind: Kind,
    file: u32,
    pos: u64,
    id: String,
    fact: Fact,
}

/// Executions kept with their text per worker: the latest overall, and per provider. The
/// report almost never has to read a record again (§9).
const KEEP_LATEST: usize = 32;
const KEEP_PER_PROVIDER: usize = 2;

/// `file` of an entry removed while merging (a duplicate or a conflicting version).
const GONE: u32 = u32::MAX;

/// Per-thread interning of providers and states.
#[derive(Default)]
struct Interner {
    map: HashMap<String, Sym>,
    names: Vec<String>,
}

impl Interner {
    /// An interner that starts with `names` (numbered in their order).
    fn with_names(names: Vec<String>) -> Interner {
        let map = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i as Sym))
            .collect();
        Interner { map, names }
    }

    fn intern(&mut self, s: String) -> Sym {
        if let Some(&sym) = self.map.get(&s) {
            return sym;
        }
        let sym = self.names.len() as Sym;
        self.names.push(s.clone());
        self.map.insert(s, sym);
        sym
    }
}

/// What one worker collects.
#[derive(Default)]
struct EvidenceSink {
    strict: bool,
    /// One vector that grows by reallocation (`mremap` for large sizes), so memory is the
    /// entries themselves, never a second copy.
    execs: Vec<ExecEntry>,
    /// The latest executions seen, newest first, with their text.
    latest: Vec<ExecDetail>,
    /// Each provider's latest executions, with their text.
    provider_latest: HashMap<Sym, Vec<ExecDetail>>,
    others: Vec<OtherEntry>,
    symbols: Interner,
    problems: Vec<Problem>,
    records: u64,
    ignored: u64,
    unusable: Vec<Unusable>,
}

/// The values of one file that are not valid records: what [`Counts`] loses when a refresh
/// drops the file (its valid records are counted from its entries). Kept only for files that
/// have some, so a folder of valid records pays nothing for it.
#[derive(Debug, Clone, Copy)]
struct Unusable {
    file: u32,
    /// Values of a known kind that are not valid (counted in `records`).
    invalid: u32,
    /// Values that are not known records (counted in `ignored`).
    ignored: u32,
}

impl EvidenceSink {
    /// Counts a value of `file` that is not a valid record. A worker gets a file's values
    /// together (a whole `.json` file, a block of NDJSON lines), so one entry per run.
    fn unusable(&mut self, file: u32, invalid: u32, ignored: u32) {
        match self.unusable.last_mut() {
            Some(u) if u.file == file => {
                u.invalid += invalid;
                u.ignored += ignored;
            }
            _ => self.unusable.push(Unusable {
                file,
                invalid,
                ignored,
            }),
        }
    }

    /// Keeps the text of an execution that is among the latest seen so far.
    fn keep_latest(
        &mut self,
        view: &RecordView<'_>,
        id: &str,
        at: Option<Ts>,
        rec: RecRef,
        provider: Sym,
    ) {
        let beats = |list: &[ExecDetail], cap: usize| {
            list.len() < cap
                || list
                    .last()
                    .is_some_and(|last| later((at, id), (last.at, &last.execution_id)))
        };
        let for_latest = beats(&self.latest, KEEP_LATEST);
        let mine = self.provider_latest.entry(provider).or_default();
        let for_provider = beats(mine, KEEP_PER_PROVIDER);
        if !for_latest && !for_provider {
            return;
        }
        let detail = ExecDetail::with_id(view, rec, id.to_owned());
        let insert = |list: &mut Vec<ExecDetail>, d: ExecDetail, cap: usize| {
            let at = list
                .iter()
                .position(|x| later((d.at, &d.execution_id), (x.at, &x.execution_id)))
                .unwrap_or(list.len());
            list.insert(at, d);
            list.truncate(cap);
        };
        if for_provider {
            insert(mine, detail.clone(), KEEP_PER_PROVIDER);
        }
        if for_latest {
            insert(&mut self.latest, detail, KEEP_LATEST);
        }
    }

    fn findings(
        &mut self,
        file: FileRef<'_>,
        at: At,
        findings: Vec<crate::model::validate::Finding>,
    ) {
        for (seq, f) in findings.into_iter().enumerate() {
            self.problems.push(
                Problem::new(at.place_at(&file.display(), &f.pointer), f.rule, f.message).at(
                    file.index,
                    at.order(),
                    seq as u32,
                ),
            );
        }
    }
}

impl Sink for EvidenceSink {
    fn value(&mut self, file: FileRef<'_>, at: At, value: Json) {
        match examine(&value, self.strict, file.dup_free) {
            Verdict::Ignored(findings) | Verdict::Future(findings) => {
                self.ignored += 1;
                self.unusable(file.index, 0, 1);
                self.findings(file, at, findings);
            }
            Verdict::Invalid(findings) => {
                self.records += 1;
                self.unusable(file.index, 1, 0);
                self.findings(file, at, findings);
            }
            Verdict::Valid(view) => {
                self.records += 1;
                let kind = view.kind;
                let id = view.id();
                let ident = identity_hash(kind.index(), &id);
                let content = content_hash(&value, Some(kind.info().full));
                let pos = at.pack();
                if kind == Kind::Execution {
                    let (_, ts) = view.time_or_item_created("executed_at");
                    let provider = self.symbols.intern(view.provider());
                    let status = self
                        .symbols
                        .intern(norm_or_unknown(view.str("execution_status")));
                    let rec = RecRef {
                        file: file.index,
                        pos,
                    };
                    self.keep_latest(&view, &id, ts, rec, provider);
                    self.execs.push(ExecEntry {
                        ident,
                        content,
                        secs: ts.map_or(0, |t| t.secs),
                        nanos: ts.map_or(u32::MAX, |t| t.nanos),
                        provider,
                        status,
                        file: file.index,
                        pos,
                    });
                } else {
                    let fact = Fact::from_view(&view, &id);
                    self.others.push(OtherEntry {
                        ident,
                        content,
                        kind,
                        file: file.index,
                        pos,
                        id,
                        fact,
                    });
                }
            }
        }
    }

    fn problem(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    fn wrapper(&mut self, file: FileRef<'_>, rest: &Json) {
        if self.strict {
            let findings = policy_findings(rest);
            self.findings(file, At::Whole, findings);
        }
    }
}

/// The public-safe findings inside a value that is not a record (`check --strict`).
fn policy_findings(value: &Json) -> Vec<crate::model::validate::Finding> {
    crate::policy::check(value)
        .into_iter()
        .map(|v| crate::model::validate::Finding {
            rule: RuleCode::from_policy(v.rule),
            pointer: v.pointer,
            message: v.message,
        })
        .collect()
}

/// Puts the files in path order ([`sort_key`]), whatever order the walk found them in, and
/// renumbers every reference to a file (entries, kept texts, problems) to match, so that
/// nothing downstream depends on the file system's listing order or on thread timing.
fn renumber(
    sources: Vec<Source>,
    sinks: &mut [EvidenceSink],
    problems: &mut [Problem],
) -> Vec<Source> {
    let n = sources.len();
    let mut order: Vec<(Vec<u8>, u32)> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (sort_key(&s.path), i as u32))
        .collect();
    order.sort_unstable();
    if order
        .iter()
        .enumerate()
        .all(|(new, &(_, old))| new as u32 == old)
    {
        return sources;
    }
    let mut new_of = vec![0u32; n];
    for (new, &(_, old)) in order.iter().enumerate() {
        new_of[old as usize] = new as u32;
    }
    remap(sinks, problems, &new_of);
    let mut slots: Vec<Option<Source>> = sources.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(_, old)| slots[old as usize].take())
        .collect()
}

/// Renumbers every reference to a file in what the workers collected (entries, kept texts,
/// problems, tallies): file `i` becomes `new_of[i]`. Problems of no file keep their order.
fn remap(sinks: &mut [EvidenceSink], problems: &mut [Problem], new_of: &[u32]) {
    let map = |f: u32| new_of.get(f as usize).copied().unwrap_or(f);
    for sink in sinks.iter_mut() {
        for e in &mut sink.execs {
            e.file = map(e.file);
        }
        for e in &mut sink.others {
            e.file = map(e.file);
        }
        for d in sink
            .latest
            .iter_mut()
            .chain(sink.provider_latest.values_mut().flatten())
        {
            d.rec.file = map(d.rec.file);
        }
        for p in &mut sink.problems {
            p.order.0 = map(p.order.0);
        }
        for u in &mut sink.unusable {
            u.file = map(u.file);
        }
    }
    for p in problems.iter_mut() {
        p.order.0 = map(p.order.0);
    }
}

/// Reads what `discover` emits on every core, one [`EvidenceSink`] per worker, the bytes
/// through `origin`; files are numbered in the order emitted.
fn read_sinks(
    opts: &LoadOptions,
    origin: &Origin,
    discover: impl FnOnce(&mut dyn FnMut(Source)),
) -> (Vec<Source>, Vec<EvidenceSink>, Vec<Problem>, ReadStats) {
    let threads = if opts.threads == 0 {
        default_threads()
    } else {
        opts.threads
    };
    let strict = opts.strict;
    read_streaming(
        threads,
        BLOCK,
        origin,
        || EvidenceSink {
            strict,
            ..EvidenceSink::default()
        },
        discover,
    )
}

/// Counts of what was read, for `check`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Files read.
    pub files: u64,
    /// Values of a known kind (valid or not).
    pub records: u64,
    /// Values that are not known records.
    pub ignored: u64,
}

/// A valid record of a kind other than executions, after de-duplication.
#[derive(Debug, Clone)]
pub struct Stored {
    pub kind: Kind,
    pub id: String,
    pub rec: RecRef,
    pub fact: Fact,
    /// The content hash: a refresh de-duplicates again over other files.
    content: u64,
}

/// Everything read from an evidence folder.
pub struct Evidence {
    pub sources: Vec<Source>,
    /// Where the sources' bytes come from (the disk, or a revision's tree).
    pub origin: Origin,
    /// Interned providers and states of executions.
    pub symbols: Vec<String>,
    /// Valid, de-duplicated executions, in a few vectors (one per reading thread; a refresh
    /// merges what it read into the smallest), each sorted by [`exec_order`].
    executions: Vec<Vec<ExecEntry>>,
    /// The text of the latest executions, kept while reading (valid, de-duplicated).
    exec_known: Vec<ExecDetail>,
    /// Valid, de-duplicated records of the other kinds, sorted by (kind, id).
    pub others: Vec<Stored>,
    pub counts: Counts,
    /// Problems, in a deterministic order.
    pub problems: Vec<Problem>,
    /// Valid records that de-duplication left out (the copies after the first, every version
    /// of a conflict): a refresh that drops a file may bring them back. Usually empty; a
    /// full read held them in memory anyway.
    shadowed_execs: Vec<ExecEntry>,
    shadowed_others: Vec<OtherEntry>,
    /// Files with values that are not valid records, sorted by file.
    unusable: Vec<Unusable>,
}

/// The order of executions inside each vector: what de-duplication walks.
fn exec_order(e: &ExecEntry) -> (u64, u64, u32, u64) {
    (e.ident, e.content, e.file, e.pos)
}

/// What an [`Evidence`] is made of before de-duplication: the valid entries of every file
/// (files numbered in path order; providers and states in one table), kept texts, problems
/// of single files, counts. A full read fills it from the workers; a refresh from the
/// evidence before and the files it read again. [`Parts::finish`] then does what spans
/// files, the same way for both.
#[derive(Default)]
struct Parts {
    symbols: Interner,
    execs: Vec<Vec<ExecEntry>>,
    known: Vec<ExecDetail>,
    others: Vec<OtherEntry>,
    problems: Vec<Problem>,
    counts: Counts,
    unusable: Vec<Unusable>,
}

impl Parts {
    /// Takes in one worker's sink (its files numbered already) and returns its executions,
    /// their providers and states moved to `self.symbols`, in no particular order.
    fn absorb(&mut self, mut sink: EvidenceSink) -> Vec<ExecEntry> {
        self.counts.records += sink.records;
        self.counts.ignored += sink.ignored;
        self.problems.append(&mut sink.problems);
        self.unusable.append(&mut sink.unusable);
        let remap: Vec<Sym> = sink
            .symbols
            .names
            .into_iter()
            .map(|s| self.symbols.intern(s))
            .collect();
        for e in sink.execs.iter_mut() {
            e.provider = remap[e.provider as usize];
            e.status = remap[e.status as usize];
        }
        self.known.append(&mut sink.latest);
        for (_, mut list) in sink.provider_latest {
            self.known.append(&mut list);
        }
        self.others.append(&mut sink.others);
        sink.execs
    }

    /// De-duplicates over every file, reports conflicts and puts problems in order.
    fn finish(self, sources: Vec<Source>, origin: Origin) -> Evidence {
        let Parts {
            symbols,
            mut execs,
            mut known,
            mut others,
            problems,
            counts,
            mut unusable,
        } = self;
        others.sort_by_key(|e| (e.kind, e.ident, e.content, e.file, e.pos));

        let mut conflicts: Vec<Conflict> = Vec::new();
        let mut shadowed_execs = Vec::new();
        let gone = dedupe_across(&mut execs, &mut shadowed_execs, |group| {
            conflicts.push(Conflict {
                kind: Kind::Execution,
                id: None,
                places: group.to_vec(),
            });
        });
        execs.retain(|v| !v.is_empty());
        // Keep the text only of valid executions, once each.
        known.retain(|d| !gone.contains(&d.ident));
        known.sort_by_key(|d| d.ident);
        known.dedup_by_key(|d| d.ident);
        let shadowed_others = dedupe(
            &mut others,
            |e| ((e.kind as u64) << 56 ^ e.ident, e.content),
            |group| {
                conflicts.push(Conflict {
                    kind: group[0].kind,
                    id: Some(group[0].id.clone()),
                    places: group.iter().map(|e| (e.file, e.pos)).collect(),
                });
            },
        );
        let mut others: Vec<Stored> = others
            .into_iter()
            .map(|e| Stored {
                kind: e.kind,
                id: e.id,
                rec: RecRef {
                    file: e.file,
                    pos: e.pos,
                },
                fact: e.fact,
                content: e.content,
            })
            .collect();
        others.sort_by(|a, b| (a.kind, &a.id).cmp(&(b.kind, &b.id)));
        unusable.sort_unstable_by_key(|u| u.file);
        unusable.dedup_by(|later, first| {
            let same = later.file == first.file;
            if same {
                first.invalid += later.invalid;
                first.ignored += later.ignored;
            }
            same
        });

        let mut evidence = Evidence {
            sources,
            origin,
            symbols: symbols.names,
            executions: execs,
            exec_known: known,
            others,
            counts,
            problems,
            shadowed_execs,
            shadowed_others,
            unusable,
        };
        evidence.report_conflicts(conflicts);
        // Rule and message only break ties of place, so that the order never depends on
        // the order problems were found in.
        evidence.problems.sort_by(|a, b| {
            (a.order, &a.place, a.rule, &a.message).cmp(&(b.order, &b.place, b.rule, &b.message))
        });
        evidence
    }
}

/// Merges two vectors sorted by [`exec_order`] in one pass.
fn merge_sorted(a: Vec<ExecEntry>, b: Vec<ExecEntry>) -> Vec<ExecEntry> {
    if b.is_empty() {
        return a;
    }
    if a.is_empty() {
        return b;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if exec_order(&b[j]) < exec_order(&a[i]) {
            out.push(b[j]);
            j += 1;
        } else {
            out.push(a[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

impl Evidence {
    /// Reads the evidence folder `root` (at `opts.rev` when given). A missing or unreadable
    /// root is an error (exit 4); everything else becomes a problem.
    pub fn load(root: &Path, opts: &LoadOptions) -> Result<Evidence, Error> {
        if let Some(rev) = &opts.rev {
            return super::origin::at_revision(root, rev, opts);
        }
        let excludes = Excludes::load(root, &opts.excludes)?;
        check_root(root)?;
        // The walk feeds the workers as it goes; files are numbered in path order afterwards.
        Ok(Evidence::read(opts, Origin::Disk, Vec::new(), |emit| {
            walk_into(root, &excludes, emit)
        }))
    }

    /// Reads explicit sources.
    pub fn from_sources(
        sources: Vec<Source>,
        problems: Vec<Problem>,
        opts: &LoadOptions,
    ) -> Evidence {
        Evidence::read(opts, Origin::Disk, problems, |emit| {
            for s in sources {
                emit(s);
            }
            Vec::new()
        })
    }

    /// Reads the sources `discover` finds, their bytes through `origin`.
    pub(super) fn read(
        opts: &LoadOptions,
        origin: Origin,
        mut problems: Vec<Problem>,
        discover: impl FnOnce(&mut dyn FnMut(Source)) -> Vec<Problem>,
    ) -> Evidence {
        let mut found_problems = Vec::new();
        let (sources, mut sinks, own, stats) =
            read_sinks(opts, &origin, |emit| found_problems = discover(emit));
        problems.extend(found_problems);
        problems.extend(own);
        let sources = renumber(sources, &mut sinks, &mut problems);
        let mut parts = Parts {
            problems,
            counts: Counts {
                files: stats.files,
                ..Counts::default()
            },
            ..Parts::default()
        };
        for sink in sinks {
            let mut execs = parts.absorb(sink);
            execs.sort_unstable_by_key(exec_order);
            parts.execs.push(execs);
        }
        parts.finish(sources, origin)
    }

    /// This evidence after a change on disk, reading only what changed. `sources` are the
    /// files now, in path order ([`sort_key`]); `reuse[i]` is the file of `self` that file
    /// `i` is unchanged from, or `None` (new or changed). The entries, kept texts, problems
    /// and tallies of unchanged files are taken over (renumbered); the other files are read;
    /// whatever spans files (duplicates, conflicts, counts, the order of problems) is worked
    /// out again over the whole by the code a full read runs. The result equals
    /// [`Evidence::from_sources`] over the same `sources` and `problems` (the walk's).
    /// Returns it and the number of files read (or tried: unreadable files are problems).
    pub fn update(
        &self,
        sources: Vec<Source>,
        reuse: &[Option<u32>],
        mut problems: Vec<Problem>,
        opts: &LoadOptions,
    ) -> (Evidence, u64) {
        // A file that could not be read is read again, as a full read would try it.
        let unreadable: std::collections::HashSet<u32> = self
            .problems
            .iter()
            .filter(|p| p.rule == RuleCode::Io)
            .map(|p| p.order.0)
            .collect();
        let mut new_of = vec![GONE; self.sources.len()];
        let mut fresh: Vec<u32> = Vec::new();
        for new in 0..sources.len() as u32 {
            match reuse.get(new as usize).copied().flatten() {
                Some(old)
                    if !unreadable.contains(&old) && new_of.get(old as usize) == Some(&GONE) =>
                {
                    new_of[old as usize] = new;
                }
                _ => fresh.push(new),
            }
        }
        let kept = |f: u32| new_of.get(f as usize).copied().filter(|&n| n != GONE);

        let (_, mut sinks, own, stats) = read_sinks(opts, &self.origin, |emit| {
            for &i in &fresh {
                emit(sources[i as usize].clone());
            }
        });
        problems.extend(own);
        // The files read are numbered 0, 1, ... in the order given: give them their places.
        remap(&mut sinks, &mut problems, &fresh);

        let mut parts = Parts {
            symbols: Interner::with_names(self.symbols.clone()),
            problems,
            counts: Counts {
                files: stats.files + (sources.len() - fresh.len()) as u64,
                ..Counts::default()
            },
            ..Parts::default()
        };
        let moved = |e: &ExecEntry| kept(e.file).map(|file| ExecEntry { file, ..*e });
        let mut valid = 0;
        for v in &self.executions {
            let mut mine: Vec<ExecEntry> = v.iter().filter_map(moved).collect();
            // Renumbering keeps the order of unchanged files, hence of the entries.
            if !mine.is_sorted_by_key(exec_order) {
                mine.sort_unstable_by_key(exec_order);
            }
            valid += mine.len();
            parts.execs.push(mine);
        }
        let mut extra: Vec<ExecEntry> = self.shadowed_execs.iter().filter_map(moved).collect();
        valid += extra.len();
        parts.known = self
            .exec_known
            .iter()
            .filter_map(|d| {
                kept(d.rec.file).map(|file| ExecDetail {
                    rec: RecRef { file, ..d.rec },
                    ..d.clone()
                })
            })
            .collect();
        let stored = self.others.iter().map(|s| OtherEntry {
            ident: identity_hash(s.kind.index(), &s.id),
            content: s.content,
            kind: s.kind,
            file: s.rec.file,
            pos: s.rec.pos,
            id: s.id.clone(),
            fact: s.fact.clone(),
        });
        for e in stored.chain(self.shadowed_others.iter().cloned()) {
            if let Some(file) = kept(e.file) {
                valid += 1;
                parts.others.push(OtherEntry { file, ..e });
            }
        }
        // Conflicts span files and the walk's problems are the new walk's: both come anew.
        for p in &self.problems {
            if let Some(file) = kept(p.order.0)
                && p.rule != RuleCode::Conflict
            {
                let mut p = p.clone();
                p.order.0 = file;
                parts.problems.push(p);
            }
        }
        for u in &self.unusable {
            if let Some(file) = kept(u.file) {
                parts.counts.records += u64::from(u.invalid);
                parts.counts.ignored += u64::from(u.ignored);
                parts.unusable.push(Unusable { file, ..*u });
            }
        }
        parts.counts.records += valid as u64;

        for sink in sinks {
            extra.extend(parts.absorb(sink));
        }
        extra.sort_unstable_by_key(exec_order);
        // Into the smallest vector, so that their number does not grow with each refresh.
        match parts.execs.iter_mut().min_by_key(|v| v.len()) {
            Some(v) => *v = merge_sorted(std::mem::take(v), extra),
            None => parts.execs.push(extra),
        }
        (
            parts.finish(sources, self.origin.clone()),
            fresh.len() as u64,
        )
    }

    fn report_conflicts(&mut self, mut conflicts: Vec<Conflict>) {
        if conflicts.is_empty() {
            return;
        }
        // Name the versions in reading order (file, then position), not content-hash order.
        for c in &mut conflicts {
            c.places.sort_by_key(|&(f, p)| (f, At::unpack(p).order()));
        }
        // Execution conflicts keep no id in memory: read it again (conflicts are rare).
        let wanted: Vec<RecRef> = conflicts
            .iter()
            .filter(|c| c.id.is_none())
            .map(|c| RecRef {
                file: c.places[0].0,
                pos: c.places[0].1,
            })
            .collect();
        let mut ids: HashMap<RecRef, String> = HashMap::new();
        self.reread(&wanted, |rec, value| {
            if let Classified::Record(view) = classify(value) {
                ids.insert(rec, view.id());
            }
        });
        for c in conflicts {
            let (file, pos) = c.places[0];
            let id =
                c.id.or_else(|| ids.get(&RecRef { file, pos }).cloned())
                    .unwrap_or_default();
            let others: Vec<String> = c.places[1..]
                .iter()
                .map(|&(f, p)| self.place(RecRef { file: f, pos: p }))
                .collect();
            self.problems.push(
                Problem::new(
                    self.place(RecRef { file, pos }),
                    RuleCode::Conflict,
                    format!(
                        "{} {id} differs from the record with the same id at {}; every version is left out",
                        c.kind.info().label,
                        others.join(", ")
                    ),
                )
                .at(file, At::unpack(pos).order(), 0),
            );
        }
    }

    /// The place of a record in messages.
    pub fn place(&self, rec: RecRef) -> String {
        self.place_at(rec, "")
    }

    /// The place of a JSON pointer inside a record.
    pub fn place_at(&self, rec: RecRef, pointer: &str) -> String {
        let display = self
            .sources
            .get(rec.file as usize)
            .map_or(std::borrow::Cow::Borrowed("?"), Source::display);
        At::unpack(rec.pos).place_at(&display, pointer)
    }

    /// The order of a record, for sorting problems about it.
    pub fn order(&self, rec: RecRef) -> (u32, u64) {
        (rec.file, At::unpack(rec.pos).order())
    }

    /// Facts of every valid, de-duplicated execution.
    pub fn exec_facts(&self) -> impl Iterator<Item = ExecFact> + '_ {
        self.executions.iter().flatten().map(ExecEntry::fact)
    }

    pub fn execution_count(&self) -> usize {
        self.executions.iter().map(Vec::len).sum()
    }

    /// The text of the latest executions, kept while reading.
    pub fn exec_known(&self) -> &[ExecDetail] {
        &self.exec_known
    }

    /// The name of an interned provider or state.
    pub fn symbol(&self, sym: Sym) -> &str {
        self.symbols
            .get(sym as usize)
            .map_or("unknown", String::as_str)
    }

    /// Reads the given executions again and calls `f` with each one's text. Records that
    /// changed on disk since they were read are skipped.
    pub fn exec_details(&self, wanted: &[RecRef], mut f: impl FnMut(ExecDetail)) {
        self.reread(wanted, |rec, value| {
            if let Classified::Record(view) = classify(value)
                && view.kind == Kind::Execution
            {
                f(ExecDetail::from_view(&view, rec));
            }
        });
    }

    /// Valid records of one kind.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Stored> + '_ {
        self.others.iter().filter(move |s| s.kind == kind)
    }

    /// Valid playbooks, by id.
    pub fn playbooks(&self) -> impl Iterator<Item = &PlaybookFact> + '_ {
        self.of_kind(Kind::Playbook).filter_map(|s| match &s.fact {
            Fact::Playbook(p) => Some(p),
            _ => None,
        })
    }

    /// Valid closures, by id.
    pub fn closures(&self) -> impl Iterator<Item = &ClosureFact> + '_ {
        self.of_kind(Kind::Closure).filter_map(|s| match &s.fact {
            Fact::Closure(c) => Some(c),
            _ => None,
        })
    }

    /// Valid escalation plans, by id.
    pub fn plans(&self) -> impl Iterator<Item = &PlanFact> + '_ {
        self.of_kind(Kind::EscalationPlan)
            .filter_map(|s| match &s.fact {
                Fact::Plan(p) => Some(p),
                _ => None,
            })
    }

    /// Valid acknowledgements, by id.
    pub fn acks(&self) -> impl Iterator<Item = &AckFact> + '_ {
        self.of_kind(Kind::Acknowledgement)
            .filter_map(|s| match &s.fact {
                Fact::Ack(a) => Some(a),
                _ => None,
            })
    }

    /// Valid escalation deliveries (other connector deliveries only count), by id.
    pub fn escalation_deliveries(&self) -> impl Iterator<Item = &DeliveryFact> + '_ {
        self.of_kind(Kind::Delivery).filter_map(|s| match &s.fact {
            Fact::Delivery(d) => Some(d),
            _ => None,
        })
    }

    /// Valid scheduled executive report runs, by id.
    pub fn schedule_runs(&self) -> impl Iterator<Item = &ScheduleRunFact> + '_ {
        self.of_kind(Kind::ScheduleRun)
            .filter_map(|s| match &s.fact {
                Fact::ScheduleRun(r) => Some(r),
                _ => None,
            })
    }

    /// Whether any problem asks for a non-zero exit (warnings do not).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| !p.rule.is_warning())
    }

    /// Reads the records at `wanted` again, one pass per file (memory holds one file's
    /// records at a time); values gone since (the file changed) are skipped.
    pub fn reread(&self, wanted: &[RecRef], f: impl FnMut(RecRef, &Json)) {
        reread(&self.origin, &self.sources, wanted, f);
    }

    /// The valid execution with id `id`, if the evidence has one.
    pub fn execution(&self, id: &str) -> Option<ExecFact> {
        let ident = identity_hash(Kind::Execution.index(), id);
        self.exec_facts().find(|e| e.ident == ident)
    }

    /// Whether the evidence has a valid record of `kind` with `id`.
    pub fn has(&self, kind: Kind, id: &str) -> bool {
        match kind {
            Kind::Execution => self.execution(id).is_some(),
            _ => self
                .others
                .binary_search_by(|s| (s.kind, s.id.as_str()).cmp(&(kind, id)))
                .is_ok(),
        }
    }
}

/// Reads the values at `wanted` of `sources` again, one pass per file, and calls `f` with
/// each. Values that are gone (the file changed since) are skipped.
pub fn reread(
    origin: &Origin,
    sources: &[Source],
    wanted: &[RecRef],
    mut f: impl FnMut(RecRef, &Json),
) {
    let mut reader = origin.reader();
    let mut wanted: Vec<RecRef> = wanted.to_vec();
    wanted.sort_unstable();
    wanted.dedup();
    for group in wanted.chunk_by(|a, b| a.file == b.file) {
        let file = group[0].file;
        let positions: Vec<u64> = group.iter().map(|r| r.pos).collect();
        let Some(source) = sources.get(file as usize) else {
            continue;
        };
        let mut sink = PickSink {
            positions: &positions,
            found: Vec::new(),
        };
        let fref = FileRef {
            index: file,
            path: &source.path,
            dup_free: false,
        };
        let _ = reread_file(&mut reader, source, fref, &positions, &mut sink);
        for (pos, value) in sink.found {
            f(RecRef { file, pos }, &value);
        }
    }
}

struct Conflict {
    kind: Kind,
    id: Option<String>,
    places: Vec<(u32, u64)>,
}

/// Keeps one entry per identity: equal duplicates collapse to the first (by position);
/// identities with different contents are left out entirely and passed to `conflict`.
/// `entries` must be sorted by (identity, content, position). Returns what was left out.
fn dedupe<T>(
    entries: &mut Vec<T>,
    key: impl Fn(&T) -> (u64, u64),
    mut conflict: impl FnMut(&[T]),
) -> Vec<T> {
    // In place: what stays is never copied, so memory stays at one entry per record.
    let n = entries.len();
    let mut keep = vec![false; n];
    let mut i = 0;
    while i < n {
        let (ident, content) = key(&entries[i]);
        let mut j = i + 1;
        let mut differs = false;
        while j < n && key(&entries[j]).0 == ident {
            differs |= key(&entries[j]).1 != content;
            j += 1;
        }
        if differs {
            conflict(&entries[i..j]);
        } else {
            keep[i] = true;
        }
        i = j;
    }
    let mut index = 0;
    entries
        .extract_if(.., |_| {
            index += 1;
            !keep[index - 1]
        })
        .collect()
}

/// Collapses executions across the per-thread vectors (each sorted by identity, content,
/// position) in place: equal duplicates keep the first by position, identities with
/// different contents lose every version and go to `conflict` (with their places). What is
/// left out is copied to `shadowed`. Returns the identities of the conflicts.
fn dedupe_across(
    vecs: &mut [Vec<ExecEntry>],
    shadowed: &mut Vec<ExecEntry>,
    mut conflict: impl FnMut(&[(u32, u64)]),
) -> std::collections::HashSet<u64> {
    let mut heads = vec![0usize; vecs.len()];
    let mut gone = std::collections::HashSet::new();
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    while let Some(ident) = vecs
        .iter()
        .zip(&heads)
        .filter_map(|(v, &h)| v.get(h).map(|e| e.ident))
        .min()
    {
        runs.clear();
        let mut total = 0;
        for (s, v) in vecs.iter().enumerate() {
            let start = heads[s];
            let mut end = start;
            while end < v.len() && v[end].ident == ident {
                end += 1;
            }
            if end > start {
                runs.push((s, start, end));
                total += end - start;
            }
            heads[s] = end;
        }
        if total == 1 {
            continue;
        }
        let entries = || runs.iter().flat_map(|&(s, a, b)| vecs[s][a..b].iter());
        let first = entries().next().map(|e| e.content);
        if entries().all(|e| Some(e.content) == first) {
            // Keep the first by position.
            let keep = runs
                .iter()
                .flat_map(|&(s, a, b)| (a..b).map(move |i| (s, i)))
                .min_by_key(|&(s, i)| (vecs[s][i].file, vecs[s][i].pos))
                .unwrap_or((runs[0].0, runs[0].1));
            for &(s, a, b) in &runs {
                for (i, e) in vecs[s].iter_mut().enumerate().take(b).skip(a) {
                    if (s, i) != keep {
                        shadowed.push(*e);
                        e.file = GONE;
                    }
                }
            }
        } else {
            let places: Vec<(u32, u64)> = entries().map(|e| (e.file, e.pos)).collect();
            conflict(&places);
            gone.insert(ident);
            for &(s, a, b) in &runs {
                for e in &mut vecs[s][a..b] {
                    shadowed.push(*e);
                    e.file = GONE;
                }
            }
        }
    }
    for v in vecs.iter_mut() {
        v.retain(|e| e.file != GONE);
    }
    gone
}

/// A sink that keeps the values at given positions (for reading records again).
struct PickSink<'a> {
    positions: &'a [u64],
    found: Vec<(u64, OwnedJson)>,
}

impl Sink for PickSink<'_> {
    fn value(&mut self, _file: FileRef<'_>, at: At, value: Json) {
        let pos = at.pack();
        if self.positions.binary_search(&pos).is_ok() {
            self.found.push((pos, value.into_owned()));
        }
    }

    fn problem(&mut self, _problem: Problem) {}
}

fn reread_file(
    reader: &mut Reader,
    source: &Source,
    file: FileRef<'_>,
    positions: &[u64],
    sink: &mut PickSink<'_>,
) -> std::io::Result<()> {
    match source.form {
        Form::Json => {
            let bytes = reader.read(&source.path)?;
            read_json_file(bytes, file, sink);
        }
        Form::Ndjson => {
            // Only the wanted lines are parsed; the rest is scanned for line ends.
            let wanted_lines: Vec<u64> = positions
                .iter()
                .filter_map(|&p| match At::unpack(p) {
                    At::Line(n) => Some(n),
                    _ => None,
                })
                .collect();
            let Some(&last) = wanted_lines.iter().max() else {
                return Ok(());
            };
            let f = reader.open(&source.path)?;
            let mut reader = std::io::BufReader::with_capacity(1 << 20, f);
            let mut line = Vec::new();
            let mut n = 0u64;
            use std::io::BufRead;
            loop {
                line.clear();
                let read = reader.read_until(b'\n', &mut line)?;
                if read == 0 {
                    break;
                }
                n += 1;
                if wanted_lines.binary_search(&n).is_ok() {
                    let mut data: &[u8] = &line;
                    if n == 1 {
                        data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
                    }
                    read_ndjson_block(data, n, file, sink);
                }
                if n >= last {
                    break;
                }
            }
        }
    }
    Ok(())
}

/// Describes an I/O error for messages (re-exported for commands).
pub fn io_reason(e: &std::io::Error) -> String {
    describe_io(e)
}
