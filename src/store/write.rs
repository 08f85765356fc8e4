//! Atomic, no-clobber writes of evidence files (§4).
//!
//! A record is written to a hidden temporary file in the target folder, flushed and fsynced,
//! then hard-linked to its final name: `link` fails if the name exists, so an existing file is
//! never overwritten, and a reader sees either no file or the whole file. The temporary name
//! is removed and the folder fsynced. A writer killed at any moment leaves at most a hidden
//! temporary file, which readers skip.

use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind as IoKind, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, describe_io};
use crate::model::canon::content_hash;
use crate::model::json::{self, Json};

/// What a write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The file is new.
    Written,
    /// An equal record was already there; nothing was written.
    Unchanged,
}

/// Whether an id may become a file name: `^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$`.
pub fn is_safe_id(id: &str) -> bool {
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= 200
        && b[0].is_ascii_alphanumeric()
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
}

/// The path of a record's file: `<root>/<folder>/<id>.json`. Refuses unsafe ids.
pub fn record_path(root: &Path, folder: &str, id: &str) -> Result<PathBuf, Error> {
    if !is_safe_id(id) {
        return Err(Error::invalid(format!("the id {id:?} is not a safe file name"))
            .with_hint("ids become file names: letters, digits, '.', '_' and '-' only (at most 200), starting with a letter or digit"));
    }
    Ok(root.join(folder).join(format!("{id}.json")))
}

/// Whether the JSON file at `path` holds a record equal to `value` (§2.4: compared as JSON
/// values, `metadata_kind` in full).
pub fn holds_equal(existing: &[u8], value: &Json, full_kind: &str) -> bool {
    let bytes = existing.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(existing);
    match json::parse(bytes) {
        Ok(old) => {
            old.first_duplicate_key().is_none()
                && content_hash(&old, Some(full_kind)) == content_hash(value, Some(full_kind))
        }
        Err(_) => false,
    }
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `text` to `path` unless it exists. When it exists and `same(existing bytes)` holds,
/// nothing is written ([`Outcome::Unchanged`]); other content is a conflict error.
pub fn write_new(path: &Path, text: &str, same: impl Fn(&[u8]) -> bool) -> Result<Outcome, Error> {
    let dir = path.parent().unwrap_or(Path::new("."));
    make_kind_folder(dir)?;
    clean_stale_once(dir);
    if let Some(outcome) = existing_outcome(path, &same)? {
        return Ok(outcome);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = write_tmp_and_link(&tmp, path, text.as_bytes());
    let _ = fs::remove_file(&tmp);
    match result {
        Ok(()) => {
            sync_dir(dir);
            Ok(Outcome::Written)
        }
        Err(e) if e.kind() == IoKind::AlreadyExists => {
            // Another writer won the race: judge what it wrote.
            existing_outcome(path, &same)?.ok_or_else(|| Error::io(path, e))
        }
        Err(e) => {
            Err(Error::io(path, e)
                .with_hint("check free space and permissions of the evidence folder"))
        }
    }
}

/// Creates the kind's folder (`<root>/acknowledgements`) when it is missing, but never the
/// evidence root itself: a root that vanished (moved away, unmounted) or became a file is
/// [`Error::Unavailable`], so a server never re-creates it and fills it from a stale copy.
/// Recording commands create a missing root before they read (§5), see
/// [`super::record::prepare_folder`].
fn make_kind_folder(dir: &Path) -> Result<(), Error> {
    if fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        return Ok(());
    }
    let root = dir.parent().unwrap_or(Path::new("."));
    super::walk::check_root(root).map_err(|e| {
        e.with_hint(
            "the evidence folder disappeared: nothing was written; restore it and try again",
        )
    })?;
    match fs::create_dir(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == IoKind::AlreadyExists => Ok(()),
        Err(e) => Err(Error::io(dir, e).with_hint("check that the evidence folder is writable")),
    }
}

/// Folders this process has cleaned of stale temporary files already.
static CLEANED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Removes, once per folder and process, the temporary files that writers killed mid-write
/// (SIGKILL, power loss) left behind: `.<name>.tmp-<pid>-<n>` whose process no longer runs.
/// Readers skip them, but `git add -A` would commit them. Listing a folder per write would
/// cost too much in large folders, hence once per process.
pub(crate) fn clean_stale_once(dir: &Path) {
    {
        let mut done = match CLEANED.lock() {
            Ok(d) => d,
            Err(poisoned) => poisoned.into_inner(),
        };
        if done.iter().any(|d| d == dir) {
            return;
        }
        done.push(dir.to_path_buf());
    }
    remove_stale_temporaries(dir);
}

/// Removes the temporary files of dead processes in `dir`; returns how many. Only where
/// `/proc` tells which processes run (Linux): elsewhere nothing is removed. A process id
/// that was reused keeps its files (they are removed once it is gone too).
pub fn remove_stale_temporaries(dir: &Path) -> usize {
    if !Path::new("/proc/self").exists() {
        return 0;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temporary_pid) else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file
            && pid != std::process::id()
            && !Path::new(&format!("/proc/{pid}")).exists()
            && fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// The process id in a temporary file name `.<name>.tmp-<pid>-<n>` (as [`write_new`] names
/// them), or `None` for any other name.
fn temporary_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?;
    let (_, tail) = rest.rsplit_once(".tmp-")?;
    let (pid, n) = tail.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(pid) || !digits(n) {
        return None;
    }
    pid.parse().ok()
}

fn existing_outcome(path: &Path, same: &impl Fn(&[u8]) -> bool) -> Result<Option<Outcome>, Error> {
    match fs::symlink_metadata(path) {
        Ok(_) => {
            let existing = fs::read(path).map_err(|e| Error::io(path, e))?;
            if same(&existing) {
                Ok(Some(Outcome::Unchanged))
            } else {
                Err(Error::conflict(
                    path,
                    format!("{} already exists with other content; it was not overwritten", path.display()),
                )
                .with_hint("evidence is never overwritten: check the existing record, or use another --now"))
            }
        }
        Err(e) if e.kind() == IoKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

fn write_tmp_and_link(tmp: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f: File = OpenOptions::new().write(true).create_new(true).open(tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    fs::hard_link(tmp, path)
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Describes why a path could not be written, for messages.
pub fn io_reason(e: &std::io::Error) -> String {
    describe_io(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_ids() {
        for ok in [
            "a",
            "gordackretryexec-0123456789abcdef",
            "A.b_c-d",
            &"x".repeat(200),
        ] {
            assert!(is_safe_id(ok), "{ok}");
        }
        for bad in [
            "",
            ".hidden",
            "-x",
            "a/b",
            "..",
            "a b",
            "é",
            &"x".repeat(201),
            "a\\b",
            "_x",
        ] {
            assert!(!is_safe_id(bad), "{bad}");
        }
    }

    #[test]
    fn never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("r.json");
        let same = |b: &[u8]| b == b"{}\n";
        assert_eq!(write_new(&path, "{}\n", same).unwrap(), Outcome::Written);
        assert_eq!(write_new(&path, "{}\n", same).unwrap(), Outcome::Unchanged);
        let err = write_new(&path, "{\"a\":1}\n", |_| false).unwrap_err();
        assert_eq!(err.exit_code(), 3);
        assert_eq!(fs::read(&path).unwrap(), b"{}\n");
        let leftovers: Vec<_> = fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn temporary_names() {
        assert_eq!(temporary_pid(".a.json.tmp-123-0"), Some(123));
        assert_eq!(temporary_pid(".x.tmp-y.json.tmp-7-42"), Some(7));
        for other in [
            "a.json.tmp-1-0",
            ".a.json",
            ".a.json.tmp-x-0",
            ".a.json.tmp-1-",
            ".a.json.tmp--1",
        ] {
            assert_eq!(temporary_pid(other), None, "{other}");
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn stale_temporaries_of_dead_writers_are_removed_on_the_next_write() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("acknowledgements");
        fs::create_dir(&folder).unwrap();
        // A process that has exited: its id is free (reuse within the test is unlikely,
        // and would only keep the file).
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let stale = folder.join(format!(".a-1.json.tmp-{dead}-3"));
        let live = folder.join(format!(".a-2.json.tmp-{}-9", std::process::id()));
        let other = folder.join(".notes.swp");
        for f in [&stale, &live, &other] {
            fs::write(f, b"{").unwrap();
        }
        let path = folder.join("a-3.json");
        assert_eq!(
            write_new(&path, "{}\n", |_| false).unwrap(),
            Outcome::Written
        );
        assert!(
            !stale.exists(),
            "the dead writer's temporary file is removed"
        );
        assert!(live.exists(), "a running writer's temporary file is kept");
        assert!(other.exists(), "other hidden files are not touched");
    }

    #[test]
    fn never_creates_the_evidence_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("evidence");
        let path = root.join("acknowledgements").join("a.json");
        let e = write_new(&path, "{}\n", |_| false).unwrap_err();
        assert!(matches!(e, Error::Unavailable { .. }), "{e:?}");
        assert_eq!(e.exit_code(), 4);
        assert!(!root.exists(), "the root was not created");
        // A root that is a file: unavailable too, and the file is left alone.
        fs::write(&root, b"x").unwrap();
        let e = write_new(&path, "{}\n", |_| false).unwrap_err();
        assert!(matches!(e, Error::Unavailable { .. }), "{e:?}");
        assert_eq!(fs::read(&root).unwrap(), b"x");
        // An existing root: the kind's folder is created.
        fs::remove_file(&root).unwrap();
        fs::create_dir(&root).unwrap();
        assert_eq!(
            write_new(&path, "{}\n", |_| false).unwrap(),
            Outcome::Written
        );
    }
}
