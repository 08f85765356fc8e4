//! Where the bytes of evidence files come from: the file system, or (`--rev`, feature `git`)
//! the tree of a git revision.
//!
//! A [`Source`](super::walk::Source) names a file by the path a checkout would give it; an
//! [`Origin`] turns that path into bytes. Reading threads each take a [`Reader`] of their
//! own (a revision's reader holds a thread-local repository handle). On the disk the reader
//! is the same `std::fs::read` / `File::open` as always: one `match` per file, nothing
//! allocated for it.

use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::Path;

use crate::error::Error;

use super::Evidence;
use super::evidence::LoadOptions;

/// Where a source's bytes are read from.
#[derive(Debug, Clone, Default)]
pub enum Origin {
    /// The file system: a source's path is opened.
    #[default]
    Disk,
    /// The tree of a git revision: a source's path names a blob of it.
    #[cfg(feature = "git")]
    Tree(std::sync::Arc<super::git::Snapshot>),
}

/// The revision evidence was read at, for people: as given and the commit it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// As given (`HEAD~1`, `main`, a commit id).
    pub name: String,
    /// The full id of the commit it names (empty when it names a tree, not a commit).
    pub commit: String,
}

impl Origin {
    /// A reader for the calling thread.
    pub fn reader(&self) -> Reader {
        match self {
            Origin::Disk => Reader::Disk,
            #[cfg(feature = "git")]
            Origin::Tree(snapshot) => {
                Reader::Tree(Box::new(super::git::Snapshot::reader(snapshot)))
            }
        }
    }

    /// The revision, when the evidence was read at one.
    pub fn revision(&self) -> Option<Revision> {
        match self {
            Origin::Disk => None,
            #[cfg(feature = "git")]
            Origin::Tree(snapshot) => Some(snapshot.revision()),
        }
    }
}

/// Reads sources for one thread.
pub enum Reader {
    Disk,
    #[cfg(feature = "git")]
    /// Boxed: a repository handle is large, and there is one reader per thread.
    Tree(Box<super::git::BlobReader>),
}

impl Reader {
    /// The whole file.
    pub fn read(&mut self, path: &Path) -> io::Result<Vec<u8>> {
        match self {
            Reader::Disk => std::fs::read(path),
            #[cfg(feature = "git")]
            Reader::Tree(r) => r.read(path),
        }
    }

    /// The file as a stream (NDJSON is read block by block). A blob comes out of the object
    /// store whole, so at a revision the stream reads from memory.
    pub fn open(&mut self, path: &Path) -> io::Result<Stream> {
        match self {
            Reader::Disk => File::open(path).map(Stream::File),
            #[cfg(feature = "git")]
            Reader::Tree(r) => r.read(path).map(|bytes| Stream::Bytes(Cursor::new(bytes))),
        }
    }
}

/// An open source.
#[derive(Debug)]
pub enum Stream {
    File(File),
    Bytes(Cursor<Vec<u8>>),
}

impl Stream {
    /// Its size in bytes.
    pub fn size(&self) -> io::Result<u64> {
        match self {
            Stream::File(f) => f.metadata().map(|m| m.len()),
            Stream::Bytes(c) => Ok(c.get_ref().len() as u64),
        }
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::File(f) => f.read(buf),
            Stream::Bytes(c) => c.read(buf),
        }
    }
}

/// Reads the evidence folder `root` as it was at revision `rev` (`--rev`).
#[cfg(feature = "git")]
pub fn at_revision(root: &Path, rev: &str, opts: &LoadOptions) -> Result<Evidence, Error> {
    super::git::load(root, rev, opts)
}

/// `--rev` in a build without the `git` feature: a usage error that says so.
#[cfg(not(feature = "git"))]
pub fn at_revision(_root: &Path, _rev: &str, _opts: &LoadOptions) -> Result<Evidence, Error> {
    Err(
        Error::usage("--rev is not available in this build").with_hint(
            "rebuild cavra with the git feature: cargo build --release --features git (it is on by default)",
        ),
    )
}
