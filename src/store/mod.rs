//! The only filesystem code: walking and reading evidence, and atomic writes.

pub mod evidence;
pub mod export;
pub mod fingerprint;
#[cfg(feature = "git")]
pub mod git;
pub mod ingest;
pub mod notify;
pub mod origin;
pub mod read;
pub mod record;
pub mod refresh;
pub mod summary;
pub mod walk;
pub mod write;

pub use evidence::{Evidence, LoadOptions};

use std::io::Read;
use std::path::Path;

use crate::error::Error;

/// Reads a file that must be small (a token file): a regular file of at most `limit` bytes.
/// A device, a FIFO or a folder is refused before it is opened for reading, so a read never
/// hangs or fills memory.
pub fn read_small(path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(Error::io_msg(path, "not a regular file"));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::io_msg(
            path,
            &format!("larger than {limit} bytes, too large for this file"),
        ));
    }
    Ok(bytes)
}

/// The soft limit on open files of this process (`Max open files` in `/proc/self/limits`),
/// or `None` where that file does not exist or says `unlimited`. `serve` keeps its
/// connections below it, so that accepting never fails with "too many open files".
pub fn open_files_limit() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = text.lines().find(|l| l.starts_with("Max open files"))?;
    line["Max open files".len()..]
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}
