//! The CI summary file (`--summary FILE`, else `$GITHUB_STEP_SUMMARY`): reading commands
//! append their Markdown to it. Appending, never truncating: a job's steps share the file.

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// Appends `markdown` to the file at `path` (created when missing), followed by a blank line
/// so that the next step's Markdown starts a new block. One `write_all` of the whole text, so
/// concurrent appenders (O_APPEND) do not interleave within it.
pub fn append(path: &Path, markdown: &str) -> Result<(), Error> {
    let mut text = String::with_capacity(markdown.len() + 2);
    text.push_str(markdown);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push('\n');
    let hint =
        "check the --summary path (or GITHUB_STEP_SUMMARY): its folder must exist and be writable";
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map_err(|e| Error::io(path, e).with_hint(hint))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|e| Error::io(path, e).with_hint(hint))
}
