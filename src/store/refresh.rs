//! Reading a folder again after a change (`serve`, §7 freshness): only the files that
//! changed.
//!
//! A [`Scan`] lists the files with a 64-bit key of each one's stamp (size, modification time
//! in nanoseconds, inode). A refresh compares it with the keys of the files the evidence was
//! read from: a file with the same path and key keeps its facts, problems and counts; new
//! and changed files are read; files gone are dropped. What spans files (duplicates,
//! conflicts, counts, the order of problems) is worked out again over the whole by the code
//! a full read runs ([`Evidence::update`]), so the result is the evidence a full read of the
//! same files gives, byte for byte in every output.
//!
//! When more than a quarter of the files changed, the folder is read whole instead: it is
//! hardly slower then, and it starts the interned names and the kept texts afresh (an
//! incremental refresh keeps the names of providers no file has any more, and keeps the
//! text of fewer latest executions as their files change; neither shows in any output).

use crate::store::fingerprint::Scan;

use super::{Evidence, LoadOptions};

/// A refresh reads everything when more than `1 / FULL_SHARE` of the files changed.
const FULL_SHARE: usize = 4;

/// The evidence read for a [`Scan`], with what a next refresh needs.
pub struct Refreshed {
    pub evidence: Evidence,
    /// The stamp keys of `evidence.sources`, file by file.
    pub stamps: Vec<u64>,
    /// Files read (every file on a full read).
    pub files_read: u64,
    /// Whether every file was read.
    pub full: bool,
}

/// Reads every file of `scan`.
pub fn read_all(scan: Scan, opts: &LoadOptions) -> Refreshed {
    let files_read = scan.sources.len() as u64;
    let evidence = Evidence::from_sources(scan.sources, scan.problems, opts);
    Refreshed {
        evidence,
        stamps: scan.stamps,
        files_read,
        full: true,
    }
}

/// The evidence for `scan`, given `old`, read from files with the stamp keys `old_stamps`,
/// and `reuse` (which file of `old` each file of `scan` is unchanged from: [`Scan::reuse`]):
/// only new and changed files are read, unless so many changed that reading all is as cheap.
pub fn refresh(
    old: &Evidence,
    old_stamps: &[u64],
    scan: Scan,
    reuse: &[Option<u32>],
    opts: &LoadOptions,
) -> Refreshed {
    let changed = reuse.iter().filter(|r| r.is_none()).count();
    if old_stamps.len() != old.sources.len()
        || reuse.len() != scan.sources.len()
        || changed * FULL_SHARE > reuse.len()
    {
        return read_all(scan, opts);
    }
    let (evidence, files_read) = old.update(scan.sources, reuse, scan.problems, opts);
    Refreshed {
        evidence,
        stamps: scan.stamps,
        files_read,
        full: false,
    }
}

/// The problems of `evidence` that belong to no file: in an evidence read from a [`Scan`],
/// the walk's (unreadable folders).
pub fn walk_problems(evidence: &Evidence) -> Vec<crate::problem::Problem> {
    evidence
        .problems
        .iter()
        .filter(|p| p.order.0 == u32::MAX)
        .cloned()
        .collect()
}
