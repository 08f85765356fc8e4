//! A cheap fingerprint of an evidence folder: what `serve` compares to decide whether the
//! folder must be read again (§7, freshness).
//!
//! The fingerprint walks exactly the files the reader walks ([`walk`] with the same
//! [`Excludes`]) and hashes, for each, its path relative to the root, its size, its
//! modification time in nanoseconds and (on Unix) its inode, plus the same facts about the
//! root's `.cavraignore`. It reads folder listings and file metadata, never file contents:
//! an unchanged folder costs one walk and one `stat` per file. `.cavraignore` itself is read
//! again only when its metadata changed.
//!
//! Two fingerprints are equal when no walked file was added, removed, renamed, resized,
//! rewritten in place with a new modification time, or replaced by another file. A rewrite
//! that keeps the size, the inode and the modification time to the nanosecond (possible only
//! with a coarse file-system clock, or with `touch -d`) is not seen.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use std::hash::{BuildHasher, Hasher};

use crate::error::Error;
use crate::problem::Problem;

use super::walk::{Excludes, Source, cmp_sort_keys, walk};

/// What the fingerprint of a folder is: a digest of every walked file's metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint {
    digest: [u8; 16],
    /// Files walked (for messages and tests).
    pub files: u64,
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

    fn hash_into(&self, h: &mut Sha256) {
        h.update(self.size.to_le_bytes());
        h.update(self.mtime_ns.to_le_bytes());
        h.update(self.ino.to_le_bytes());
    }
}

/// Takes fingerprints of one evidence folder, keeping the parsed `.cavraignore` between
/// calls so that an unchanged ignore file is not read again.
#[derive(Debug)]
pub struct Fingerprinter {
    root: PathBuf,
    cli_excludes: Vec<String>,
    /// The `.cavraignore` metadata the cached excludes were built from (`None`: no file).
    ignore: Option<Option<Stamp>>,
    excludes: Excludes,
}

impl Fingerprinter {
    /// A fingerprinter for `root` with the command line's `--exclude` patterns.
    pub fn new(root: &Path, cli_excludes: &[String]) -> Fingerprinter {
        Fingerprinter {
            root: root.to_path_buf(),
            cli_excludes: cli_excludes.to_vec(),
            ignore: None,
            excludes: Excludes::default(),
        }
    }

    /// The fingerprint of the folder now. A missing or unreadable root, or a bad
    /// `.cavraignore`, is the same error the reader gives.
    pub fn take(&mut self) -> Result<Fingerprint, Error> {
        self.scan().map(|s| s.fingerprint)
    }

    /// The fingerprint of the folder now, with the files it covers and each one's stamp:
    /// what a refresh needs to read only the files that changed ([`Scan::reuse`]).
    pub fn scan(&mut self) -> Result<Scan, Error> {
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
        let (sources, problems) = walk(&self.root, &self.excludes)?;
        let mut h = Sha256::new();
        match ignore {
            Some(stamp) => {
                h.update(b"I");
                stamp.hash_into(&mut h);
            }
            None => h.update(b"-"),
        }
        // An unreadable sub-folder is a problem of the walk: its place is part of the state.
        for p in &problems {
            h.update(b"P");
            h.update(p.place.as_bytes());
            h.update([0]);
        }
        let mut stamps = Vec::with_capacity(sources.len());
        for s in &sources {
            let rel = s.path.strip_prefix(&self.root).unwrap_or(&s.path);
            h.update(b"F");
            h.update(rel.as_os_str().as_encoded_bytes());
            h.update([0]);
            match std::fs::metadata(&s.path) {
                Ok(meta) => {
                    let stamp = Stamp::of(&meta);
                    stamp.hash_into(&mut h);
                    stamps.push(stamp.key());
                }
                // Gone or unreadable since the walk: a state of its own.
                Err(e) => {
                    h.update(b"E");
                    h.update(format!("{:?}", e.kind()).as_bytes());
                    stamps.push(UNKNOWN);
                }
            }
        }
        let full = h.finalize();
        let mut digest = [0u8; 16];
        digest.copy_from_slice(&full[..16]);
        Ok(Scan {
            fingerprint: Fingerprint {
                digest,
                files: sources.len() as u64,
            },
            sources,
            stamps,
            problems,
        })
    }
}

/// The stamp key of a file whose metadata could not be read: never taken as unchanged.
const UNKNOWN: u64 = 0;

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
