//! Where the bytes of evidence files come from: the file system, or (`--rev`, feature `git`)
//! the tree of a git revision.
//!
//! A [`Source`](super::walk::Source) names a file by the path a checkout would give it; an
//! [`Origin`] turns that path into bytes. Reading threads each take a [`Reader`] of their
//! own (a revision's reader holds a thread-local repository handle). On the disk the reader
//! reads each file into one reused buffer ([`FileBuf`]): one `match` per file, nothing
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
    /// The full id of the commit it names.
    pub commit: String,
}

impl Origin {
    /// A reader for the calling thread.
    pub fn reader(&self) -> Reader {
        match self {
            Origin::Disk => Reader::Disk(FileBuf::default()),
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
    Disk(FileBuf),
    /// Boxed: a repository handle is large, and there is one reader per thread.
    #[cfg(feature = "git")]
    Tree(Box<super::git::BlobReader>),
}

impl Reader {
    /// The whole file, in the reader's buffer (valid until the next read).
    pub fn read(&mut self, path: &Path) -> io::Result<&[u8]> {
        match self {
            Reader::Disk(buf) => buf.read(path),
            #[cfg(feature = "git")]
            Reader::Tree(r) => r.read(path),
        }
    }

    /// The file as a stream (NDJSON is read block by block). A blob comes out of the object
    /// store whole, so at a revision the stream reads from memory.
    pub fn open(&mut self, path: &Path) -> io::Result<Stream> {
        match self {
            Reader::Disk(_) => File::open(path).map(Stream::File),
            #[cfg(feature = "git")]
            Reader::Tree(r) => r.take(path).map(|bytes| Stream::Bytes(Cursor::new(bytes))),
        }
    }
}

/// A reader's buffer for whole files, reused from file to file: reading a small file costs
/// `open`, `read`, the `read` that finds its end and `close`, with no `stat` for a size hint
/// and no allocation (`std::fs::read` does both per file).
#[derive(Debug)]
pub struct FileBuf {
    buf: Vec<u8>,
}

/// The buffer a reader starts with; a larger file grows it, and it shrinks back after.
const FILE_BUF: usize = 64 << 10;

impl Default for FileBuf {
    fn default() -> Self {
        FileBuf {
            buf: vec![0; FILE_BUF],
        }
    }
}

impl FileBuf {
    /// The whole content of the file at `path`.
    fn read(&mut self, path: &Path) -> io::Result<&[u8]> {
        if self.buf.len() > 16 * FILE_BUF {
            // One huge file should not hold its memory for the rest of the read.
            self.buf = vec![0; FILE_BUF];
        }
        let mut file = File::open(path)?;
        let mut filled = 0;
        loop {
            if filled == self.buf.len() {
                self.buf.resize(self.buf.len() * 2, 0);
            }
            match file.read(&mut self.buf[filled..]) {
                Ok(0) => return Ok(&self.buf[..filled]),
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
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
