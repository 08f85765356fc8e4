//! A cheap fingerprint of an evidence folder: what `serve` compares to decide whether the
//! folder must be read again (§7, freshness), and which files to read.
//!
//! The fingerprint covers exactly the files the reader walks ([`walk_from`] with the same
//! [`Excludes`]): for each, its path relative to the root and a key of its stamp (size,
//! modification time in nanoseconds and, on Unix, inode), plus the stamp of the root's
//! `.cavraignore` and the walk's problems. It reads folder listings and file metadata,
//! never file contents. `.cavraignore` itself is read again only when its metadata changed.
//!
//! Two fingerprints are equal when no walked file was added, removed, renamed, resized,
//! rewritten in place with a new modification time, or replaced by another file. A rewrite
//! that keeps the size, the inode and the modification time to the nanosecond (possible only
//! with a coarse file-system clock, or with `touch -d`) is not seen.
//!
//! [`Fingerprinter::look`] is `serve`'s one question, "what changed?". A look at every file
//! (a [`Scan`]: one walk, one `stat` per file) answers it anywhere. With a [`Notifier`]
//! (inotify, Linux), the kernel names the paths that changed, and only those are walked and
//! looked at: the fingerprint is a sum over files, so it is updated by taking out the files
//! at those paths and adding what is there now. A look at every file still runs, as a check
//! on the events, once a second or, when that costs more than a twentieth of the time, once
//! every twenty times its own duration.

use std::collections::HashSet;
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::problem::Problem;

use super::notify::{Events, Notifier};
use super::walk::{Excludes, Source, cmp_sort_keys, sort_sources, walk_from};

/// The fingerprint of a folder: a sum over the walked files (so that it can be updated file
/// by file), the `.cavraignore`'s stamp and the walk's problems. The default is an empty
/// folder's, without `.cavraignore`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Fingerprint {
    /// Wrapping sum of a 128-bit hash of each file's relative path and stamp key.
    sum: u128,
    /// The `.cavraignore`'s stamp key (0: none).
    ignore: u64,
    /// Wrapping sum of a hash of each walk problem's place.
    problems: u64,
    /// Files walked (for messages and tests).
    pub files: u64,
}

impl Fingerprint {
    fn file(root: &Path, source: &Source, stamp: u64) -> u128 {
        let rel = source.path.strip_prefix(root).unwrap_or(&source.path);
        let bytes = rel.as_os_str().as_encoded_bytes();
        let half = |seed: u64| {
            let mut h = foldhash::quality::FixedState::with_seed(seed).build_hasher();
            h.write(bytes);
            h.write_u64(stamp);
            h.finish()
        };
        u128::from(half(0x6361_7672_615f_6631)) << 64 | u128::from(half(0x6361_7672_615f_6632))
    }

    fn problems(problems: &[Problem]) -> u64 {
        problems.iter().fold(0u64, |sum, p| {
            let mut h =
                foldhash::quality::FixedState::with_seed(0x6361_7672_615f_7070).build_hasher();
            h.write(p.place.as_bytes());
            sum.wrapping_add(h.finish())
        })
    }
}

/// The metadata of one file that the fingerprint covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Stamp {
    size: u64,
    mtime_ns: i128,
    ino: u64,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Stamp {
                size: meta.len(),
                mtime_ns: i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
                ino: meta.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let mtime_ns = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128);
            Stamp {
                size: meta.len(),
                mtime_ns,
                ino: 0,
            }
        }
    }

    /// A 64-bit key of the stamp (foldhash, fixed seed): two stamps with the same key are
    /// taken as the same, with a chance of 2⁻⁶⁴ of missing a change.
    fn key(&self) -> u64 {
        let mut h = foldhash::quality::FixedState::with_seed(0x6361_7672_615f_7374).build_hasher();
        h.write_u64(self.size);
        h.write_i128(self.mtime_ns);
        h.write_u64(self.ino);
        h.finish().max(UNKNOWN + 1)
    }

    /// The stamp key of the file at `path` ([`UNKNOWN`] when it cannot be read).
    fn key_of(path: &Path) -> u64 {
        std::fs::metadata(path).map_or(UNKNOWN, |m| Stamp::of(&m).key())
    }
}

/// The stamp key of a file whose metadata could not be read: never taken as unchanged.
const UNKNOWN: u64 = 0;

/// A look at every file runs at least this often, and at most once per this many times its
/// own duration, while a notifier names what changed.
const FULL_LOOK_EVERY: Duration = Duration::from_secs(1);
const FULL_LOOK_SHARE: u32 = 20;

/// Takes fingerprints of one evidence folder, keeping the parsed `.cavraignore` between
/// calls so that an unchanged ignore file is not read again.
#[derive(Debug)]
pub struct Fingerprinter {
    root: PathBuf,
    cli_excludes: Vec<String>,
    /// The `.cavraignore` metadata the cached excludes were built from (`None`: no file).
    ignore: Option<Option<Stamp>>,
    excludes: Excludes,
    /// Names the paths that changed, when the system can ([`Fingerprinter::watching`]).
    notifier: Option<Notifier>,
    /// When the last look at every file started, and how long it took.
    last_scan: Option<(Instant, Duration)>,
    /// The least time between two looks at every file while a notifier names changes.
    check_every: Duration,
}

/// What [`Fingerprinter::look`] found.
#[derive(Debug)]
pub enum Look {
    /// Nothing changed.
    Same,
    /// The folder now, and for each of its files the index of the same, unchanged file
    /// before (`None`: new or changed; [`Scan::reuse`]).
    Changed { scan: Scan, reuse: Vec<Option<u32>> },
}

impl Fingerprinter {
    /// A fingerprinter for `root` with the command line's `--exclude` patterns.
    pub fn new(root: &Path, cli_excludes: &[String]) -> Fingerprinter {
        Fingerprinter {
            root: root.to_path_buf(),
            cli_excludes: cli_excludes.to_vec(),
            ignore: None,
            excludes: Excludes::default(),
            notifier: None,
            last_scan: None,
            check_every: FULL_LOOK_EVERY,
        }
    }

    /// The same, told by the system which paths change where it can (inotify on Linux):
    /// [`Fingerprinter::look`] then looks only at those. Each scan watches every folder
    /// it walks.
    pub fn watching(mut self) -> Fingerprinter {
        self.notifier = Notifier::new();
        self
    }

    /// Looks at every file at most once per `every` (default a second) while the notifier
    /// names the changes: tests make it long, to see the events alone at work.
    pub fn check_every(mut self, every: Duration) -> Fingerprinter {
        self.check_every = every;
        self
    }

    /// Whether the system names the paths that change (see [`Fingerprinter::watching`]).
    pub fn notified(&self) -> bool {
        self.notifier.is_some()
    }

    /// The fingerprint of the folder now. A missing or unreadable root, or a bad
    /// `.cavraignore`, is the same error the reader gives.
    pub fn take(&mut self) -> Result<Fingerprint, Error> {
        self.scan().map(|s| s.fingerprint)
    }

    /// The stamp key of the `.cavraignore` now, the excludes loaded again when it changed.
    fn ignore_key(&mut self) -> Result<u64, Error> {
        let ignore_path = self.root.join(".cavraignore");
        // As the reader does: never through a link, and only a regular file counts.
        let ignore = std::fs::symlink_metadata(&ignore_path)
            .ok()
            .filter(|m| m.file_type().is_file())
            .map(|m| Stamp::of(&m));
        if self.ignore != Some(ignore) {
            self.excludes = Excludes::load(&self.root, &self.cli_excludes)?;
            self.ignore = Some(ignore);
        }
        Ok(ignore.map_or(UNKNOWN, |s| s.key()))
    }

    /// A look at every file: the fingerprint of the folder now, with the files it covers
    /// and each one's stamp key. Every folder walked is watched (when watching).
    pub fn scan(&mut self) -> Result<Scan, Error> {
        let started = Instant::now();
        let ignore = self.ignore_key()?;
        super::walk::check_root(&self.root)?;
        let mut sources = Vec::new();
        let mut dirs = HashSet::new();
        let notifier = &mut self.notifier;
        let problems = walk_from(
            &self.root,
            &self.root,
            &self.excludes,
            &mut |s| sources.push(s),
            &mut |dir| {
                if let Some(n) = notifier.as_mut() {
                    n.watch(dir);
                    dirs.insert(dir.to_path_buf());
                }
            },
        );
        if let Some(n) = notifier.as_mut() {
            n.keep_only(&dirs);
        }
        sort_sources(&mut sources);
        let stamps: Vec<u64> = sources.iter().map(|s| Stamp::key_of(&s.path)).collect();
        let sum = sources.iter().zip(&stamps).fold(0u128, |sum, (s, &k)| {
            sum.wrapping_add(Fingerprint::file(&self.root, s, k))
        });
        self.last_scan = Some((started, started.elapsed()));
        Ok(Scan {
            fingerprint: Fingerprint {
                sum,
                ignore,
                problems: Fingerprint::problems(&problems),
                files: sources.len() as u64,
            },
            sources,
            stamps,
            problems,
        })
    }

    /// What changed since the folder held `sources` with `stamps` and the walk problems
    /// `problems`, fingerprinted `before`. Looks at every file when there is no notifier,
    /// when events were lost, when the root or its `.cavraignore` changed, and when the
    /// check on the events is due; else only at the paths the events name.
    pub fn look(
        &mut self,
        before: &Fingerprint,
        sources: &[Source],
        stamps: &[u64],
        problems: &[Problem],
    ) -> Result<Look, Error> {
        let events = self.notifier.as_mut().map_or(Events::Lost, Notifier::take);
        let due = self
            .last_scan
            .is_none_or(|(at, cost)| at.elapsed() >= self.check_every.max(cost * FULL_LOOK_SHARE));
        let paths = match events {
            Events::None if !due => return Ok(Look::Same),
            Events::Paths(paths) if !due => paths,
            _ => Vec::new(),
        };
        let ignore = self.root.join(".cavraignore");
        if paths.is_empty() || paths.iter().any(|p| *p == self.root || *p == ignore) {
            let scan = self.scan()?;
            if scan.fingerprint == *before {
                return Ok(Look::Same);
            }
            let reuse = scan.reuse(sources, stamps);
            return Ok(Look::Changed { scan, reuse });
        }
        super::walk::check_root(&self.root)?;
        let (scan, reuse) = self.edit(before, sources, stamps, problems, paths);
        if scan.fingerprint == *before {
            return Ok(Look::Same);
        }
        Ok(Look::Changed { scan, reuse })
    }

    /// The folder after changes at `paths` only: the files at or below them are walked and
    /// looked at again, every other file is taken as it was.
    fn edit(
        &mut self,
        before: &Fingerprint,
        sources: &[Source],
        stamps: &[u64],
        problems: &[Problem],
        mut paths: Vec<PathBuf>,
    ) -> (Scan, Vec<Option<u32>>) {
        // In path order, without paths below another (its walk covers them).
        paths.sort_by(|a, b| cmp_sort_keys(a, b));
        paths.dedup_by(|later, first| later.starts_with(first));
        let root = self.root.as_path();
        let mut sum = before.sum;
        let mut gone = vec![false; sources.len()];
        let mut found = Vec::new();
        let mut walk_problems: Vec<Problem> = problems
            .iter()
            .filter(|p| !paths.iter().any(|d| Path::new(&p.place).starts_with(d)))
            .cloned()
            .collect();
        let notifier = &mut self.notifier;
        for dir in &paths {
            // The files at or below `dir` are one run in path order, from its place on.
            let from = sources.partition_point(|s| cmp_sort_keys(&s.path, dir).is_lt());
            for i in from..sources.len() {
                if !sources[i].path.starts_with(dir) {
                    break;
                }
                gone[i] = true;
                sum = sum.wrapping_sub(Fingerprint::file(root, &sources[i], stamps[i]));
            }
            walk_problems.extend(walk_from(
                root,
                dir,
                &self.excludes,
                &mut |s| found.push(s),
                &mut |d| {
                    if let Some(n) = notifier.as_mut() {
                        n.watch(d);
                    }
                },
            ));
        }
        sort_sources(&mut found);
        found.dedup_by(|later, first| later.path == first.path);
        let found_stamps: Vec<u64> = found.iter().map(|s| Stamp::key_of(&s.path)).collect();
        for (s, &k) in found.iter().zip(&found_stamps) {
            sum = sum.wrapping_add(Fingerprint::file(root, s, k));
        }

        // Merge the files kept with the files found, both in path order; a file found again
        // with its stamp unchanged is reused.
        let n = sources.len() - gone.iter().filter(|g| **g).count() + found.len();
        let mut out = Vec::with_capacity(n);
        let mut out_stamps = Vec::with_capacity(n);
        let mut reuse = Vec::with_capacity(n);
        let (mut i, mut j) = (0, 0);
        while i < sources.len() || j < found.len() {
            let order = match (sources.get(i), found.get(j)) {
                (Some(a), Some(b)) => cmp_sort_keys(&a.path, &b.path),
                (Some(_), None) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            };
            match order {
                std::cmp::Ordering::Less => {
                    if !gone[i] {
                        out.push(sources[i].clone());
                        out_stamps.push(stamps[i]);
                        reuse.push(Some(i as u32));
                    }
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    out.push(found[j].clone());
                    out_stamps.push(found_stamps[j]);
                    reuse.push(None);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    let same = found_stamps[j] != UNKNOWN
                        && found_stamps[j] == stamps[i]
                        && found[j].form == sources[i].form;
                    out.push(found[j].clone());
                    out_stamps.push(found_stamps[j]);
                    reuse.push(same.then_some(i as u32));
                    i += 1;
                    j += 1;
                }
            }
        }
        let scan = Scan {
            fingerprint: Fingerprint {
                sum,
                ignore: before.ignore,
                problems: Fingerprint::problems(&walk_problems),
                files: out.len() as u64,
            },
            sources: out,
            stamps: out_stamps,
            problems: walk_problems,
        };
        (scan, reuse)
    }
}

/// One look at the folder: its fingerprint, and the files it covers with their stamps.
#[derive(Debug)]
pub struct Scan {
    pub fingerprint: Fingerprint,
    /// The files the reader reads, in path order ([`super::walk::sort_key`]).
    pub sources: Vec<Source>,
    /// Per file, a 64-bit key of its stamp (size, modification time, inode): 8 bytes per
    /// file is what a snapshot keeps to tell, next time, which files changed.
    pub stamps: Vec<u64>,
    /// Problems of the walk (unreadable folders).
    pub problems: Vec<Problem>,
}

impl Scan {
    /// For each file of this scan, the index of the same file in an earlier one (`before`,
    /// with its `stamps`) when its path and stamp are the same: a file that need not be read
    /// again. Both lists are in path order, so this is one pass over them.
    pub fn reuse(&self, before: &[Source], stamps: &[u64]) -> Vec<Option<u32>> {
        let mut out = Vec::with_capacity(self.sources.len());
        let mut j = 0;
        for (source, &stamp) in self.sources.iter().zip(&self.stamps) {
            let path = source.path.as_os_str();
            while j < before.len()
                && before[j].path.as_os_str() != path
                && cmp_sort_keys(&before[j].path, &source.path).is_lt()
            {
                j += 1;
            }
            let same = j < before.len()
                && before[j].path.as_os_str() == path
                && before[j].form == source.form
                && stamp != UNKNOWN
                && stamps.get(j) == Some(&stamp);
            out.push(same.then_some(j as u32));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn changes_that_matter_change_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "a/x.json", "{}");
        let mut f = Fingerprinter::new(root, &[]);
        let first = f.take().unwrap();
        assert_eq!(first.files, 1);
        assert_eq!(f.take().unwrap(), first, "nothing changed");

        // A file the reader skips does not count.
        write(root, "a/notes.txt", "hello");
        write(root, ".hidden/y.json", "{}");
        assert_eq!(f.take().unwrap(), first, "skipped files are not part of it");

        write(root, "a/y.json", "{}");
        let second = f.take().unwrap();
        assert_ne!(second, first, "a new file");
        assert_eq!(second.files, 2);

        write(root, "a/y.json", "{ }");
        let third = f.take().unwrap();
        assert_ne!(third, second, "a file rewritten with another size");

        std::fs::rename(root.join("a/y.json"), root.join("a/z.json")).unwrap();
        let fourth = f.take().unwrap();
        assert_ne!(fourth, third, "a renamed file");

        // .cavraignore: its own change counts, and what it excludes is left out.
        write(root, ".cavraignore", "a/z.json\n");
        let fifth = f.take().unwrap();
        assert_ne!(fifth, fourth);
        assert_eq!(fifth.files, 1, "a/z.json is excluded");
        write(root, "a/z.json", "{\"changed\": true}");
        assert_eq!(
            f.take().unwrap(),
            fifth,
            "an excluded file's change is not seen"
        );

        std::fs::remove_file(root.join("a/x.json")).unwrap();
        assert_ne!(f.take().unwrap(), fifth, "a removed file");
    }

    #[test]
    fn cli_excludes_apply() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "keep.json", "{}");
        write(dir.path(), "drafts/skip.json", "{}");
        let mut f = Fingerprinter::new(dir.path(), &["drafts/".to_owned()]);
        assert_eq!(f.take().unwrap().files, 1);
    }

    #[test]
    fn missing_root_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let mut f = Fingerprinter::new(&dir.path().join("nope"), &[]);
        assert_eq!(f.take().unwrap_err().exit_code(), 4);
    }
}
