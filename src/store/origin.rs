//! Where the bytes of evidence files come from.
//!
//! A [`Source`](super::walk::Source) names a file by the path a checkout would give it; an
//! [`Origin`] turns that path into bytes. Reading threads each take a [`Reader`] of their
//! own. On the disk the reader is the same `std::fs::read` / `File::open` as always: one
//! `match` per file, nothing allocated for it.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Where a source's bytes are read from.
#[derive(Debug, Clone, Default)]
pub enum Origin {
    /// The file system: a source's path is opened.
    #[default]
    Disk,
}

impl Origin {
    /// A reader for the calling thread.
    pub fn reader(&self) -> Reader {
        match self {
            Origin::Disk => Reader::Disk,
        }
    }
}

/// Reads sources for one thread.
pub enum Reader {
    Disk,
}

impl Reader {
    /// The whole file.
    pub fn read(&mut self, path: &Path) -> io::Result<Vec<u8>> {
        match self {
            Reader::Disk => std::fs::read(path),
        }
    }

    /// The file as a stream (NDJSON is read block by block).
    pub fn open(&mut self, path: &Path) -> io::Result<Stream> {
        match self {
            Reader::Disk => File::open(path).map(Stream::File),
        }
    }
}

/// An open source.
#[derive(Debug)]
pub enum Stream {
    File(File),
}

impl Stream {
    /// Its size in bytes.
    pub fn size(&self) -> io::Result<u64> {
        match self {
            Stream::File(f) => f.metadata().map(|m| m.len()),
        }
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Stream::File(f) => f.read(buf),
        }
    }
}
