//! Evidence at a git revision (`--rev REV`): the evidence folder as it was at a commit, read
//! straight from the repository's object store (gitoxide), without a checkout and without
//! touching the work tree, the index or any reference. Nothing here writes.
//!
//! The repository is found upward from the evidence folder (which need not exist in the work
//! tree any more), and the folder is mapped to its path inside the revision's tree. The walk
//! applies the rules of [`walk`](super::walk) to that tree: hidden entries, folders named
//! `target`, symbolic links, the revision's own `.cavraignore` and `--exclude`, the same
//! `.json` / `.jsonl` / `.ndjson` forms. A submodule is skipped too (a checkout leaves its
//! folder empty). Each file is named by the path a checkout at the same place would give it,
//! so `--rev X report` prints what `report` prints on a checkout of X, byte for byte.
//!
//! A blob comes out of the object store whole: at a revision a large NDJSON file costs its
//! size in memory while it is read (on the disk it is streamed).

use std::collections::HashMap;
use std::ffi::OsString;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use gix::objs::tree::EntryKind;

use crate::error::Error;
use crate::problem::{Problem, RuleCode};

use super::Evidence;
use super::evidence::LoadOptions;
use super::origin::{Origin, Revision};
use super::walk::{Excludes, Form, Source, skipped};

/// The files of the evidence folder at one revision: where each one's bytes are.
pub struct Snapshot {
    repo: gix::ThreadSafeRepository,
    /// Each source's blob, by the source's path.
    blobs: HashMap<PathBuf, gix::ObjectId>,
    revision: Revision,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Snapshot({:?}, {} files)",
            self.revision,
            self.blobs.len()
        )
    }
}

impl Snapshot {
    /// A reader for the calling thread (its own repository handle and object cache).
    pub fn reader(this: &Arc<Snapshot>) -> BlobReader {
        BlobReader {
            repo: this.repo.to_thread_local(),
            snapshot: Arc::clone(this),
            data: Vec::new(),
        }
    }

    pub fn revision(&self) -> Revision {
        self.revision.clone()
    }
}

/// Reads the blobs of a [`Snapshot`] on one thread.
pub struct BlobReader {
    snapshot: Arc<Snapshot>,
    repo: gix::Repository,
    /// The last blob read.
    data: Vec<u8>,
}

impl BlobReader {
    /// The bytes of the file at `path` (valid until the next read).
    pub fn read(&mut self, path: &Path) -> io::Result<&[u8]> {
        self.data = self.take(path)?;
        Ok(&self.data)
    }

    /// The bytes of the file at `path`, owned.
    pub fn take(&mut self, path: &Path) -> io::Result<Vec<u8>> {
        let id =
            self.snapshot.blobs.get(path).ok_or_else(|| {
                io::Error::new(io::ErrorKind::NotFound, "not a file of the revision")
            })?;
        let mut blob = self.repo.find_blob(*id).map_err(io::Error::other)?;
        Ok(blob.take_data())
    }
}

/// Reads the evidence folder `root` as it was at revision `rev`. A revision the repository
/// does not know is a usage error (exit 2); a folder outside any repository, or missing at
/// that revision, is exit 4.
pub fn load(root: &Path, rev: &str, opts: &LoadOptions) -> Result<Evidence, Error> {
    let (repo, inside) = locate(root)?;
    let local = repo.to_thread_local();
    let (tree, commit) = resolve(&local, rev)?;
    let folder = folder_at(&local, tree, &inside, root, rev)?;
    let ignore = root.join(".cavraignore");
    let excludes = Excludes::parse(
        &opts.excludes,
        &ignore,
        match &folder {
            Some(id) => ignore_text(&local, *id, &ignore)?,
            None => None,
        },
    )?;
    let Some(folder) = folder else {
        return Err(Error::unavailable(root, &format!("not in revision {rev}"))
            .with_hint(format!(
                "the evidence folder did not exist at {rev}; `git log --oneline -- {}` lists the commits that have it",
                root.display()
            )));
    };
    let mut sources = Vec::new();
    let mut blobs = HashMap::new();
    let problems = walk_tree(&local, folder, root, &excludes, &mut |source, id| {
        blobs.insert(source.path.clone(), id);
        sources.push(source);
    });
    drop(local);
    let snapshot = Snapshot {
        repo,
        blobs,
        revision: Revision {
            name: rev.to_owned(),
            commit: commit.to_string(),
        },
    };
    Ok(Evidence::read(
        opts,
        Origin::Tree(Arc::new(snapshot)),
        Vec::new(),
        |emit| {
            for s in sources {
                emit(s);
            }
            problems
        },
    ))
}

/// The repository that holds `root`, and the path of `root` inside its work tree.
fn locate(root: &Path) -> Result<(gix::ThreadSafeRepository, PathBuf), Error> {
    let abs = std::path::absolute(root).map_err(|e| Error::io(root, e))?;
    // The deepest folder that exists: the evidence folder may be gone from the work tree
    // and still be in the revision.
    let mut existing = abs.as_path();
    let mut missing: Vec<OsString> = Vec::new();
    while !existing.is_dir() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_owned());
                existing = parent;
            }
            _ => break,
        }
    }
    let not_in_repo = || {
        Error::io_msg(root, "not inside a git repository").with_hint(
            "--rev reads the evidence folder from the git repository that holds it: give --evidence a folder in a repository's work tree",
        )
    };
    let existing = std::fs::canonicalize(existing).map_err(|_| not_in_repo())?;
    let repo = gix::ThreadSafeRepository::discover(&existing).map_err(|_| not_in_repo())?;
    let Some(work_dir) = repo.work_dir() else {
        return Err(
            Error::io_msg(root, "inside a bare git repository, which has no work tree")
                .with_hint("--rev reads the evidence folder of a repository's work tree"),
        );
    };
    let work_dir = std::fs::canonicalize(work_dir).map_err(|e| Error::io(work_dir, e))?;
    let Ok(inside) = existing.strip_prefix(&work_dir) else {
        return Err(Error::io_msg(
            root,
            &format!(
                "not inside the work tree of the git repository at {}",
                work_dir.display()
            ),
        )
        .with_hint("give --evidence a folder in the repository's work tree"));
    };
    let mut inside = inside.to_path_buf();
    for name in missing.into_iter().rev() {
        inside.push(name);
    }
    Ok((repo, inside))
}

/// The tree of revision `rev`, and the commit it names.
fn resolve(repo: &gix::Repository, rev: &str) -> Result<(gix::ObjectId, gix::ObjectId), Error> {
    let bad = || {
        let place = repo
            .workdir()
            .map_or_else(|| repo.git_dir().display(), Path::display);
        Error::usage(format!(
            "--rev {rev:?} names no commit of the git repository at {place}"
        ))
        .with_hint(
            "`git log --oneline` lists revisions; HEAD, HEAD~1, a branch, a tag or a commit id name one",
        )
    };
    let id = repo.rev_parse_single(rev).map_err(|_| bad())?;
    let object = id.object().map_err(|_| bad())?;
    // A commit, or what names one (a tag); a tree or a blob (`HEAD:dir`) is no revision of
    // the evidence folder.
    let commit = object.clone().peel_to_commit().map_err(|_| bad())?.id;
    let tree = object.peel_to_tree().map_err(|_| bad())?;
    Ok((tree.id, commit))
}

/// The tree of the folder `inside` the revision's `tree` (`None`: not there).
fn folder_at(
    repo: &gix::Repository,
    tree: gix::ObjectId,
    inside: &Path,
    root: &Path,
    rev: &str,
) -> Result<Option<gix::ObjectId>, Error> {
    let unreadable =
        |e: gix::Error| Error::io_msg(root, &format!("cannot read revision {rev}: {e}"));
    let mut id = tree;
    for part in inside.components() {
        let Component::Normal(name) = part else {
            return Ok(None);
        };
        let tree = repo.find_tree(id).map_err(unreadable)?;
        let Some(entry) = tree.find_entry(name.as_encoded_bytes()) else {
            return Ok(None);
        };
        if entry.kind() != EntryKind::Tree {
            return Err(
                Error::unavailable(root, &format!("not a folder in revision {rev}"))
                    .with_hint("--evidence takes the folder that holds the evidence files"),
            );
        }
        id = entry.object_id();
    }
    Ok(Some(id))
}

/// The bytes of the folder's `.cavraignore` at the revision (never read through a link).
fn ignore_text(
    repo: &gix::Repository,
    folder: gix::ObjectId,
    ignore: &Path,
) -> Result<Option<Vec<u8>>, Error> {
    let unreadable = |e: gix::Error| Error::io_msg(ignore, &e.to_string());
    let tree = repo.find_tree(folder).map_err(unreadable)?;
    let Some(entry) = tree.find_entry(".cavraignore") else {
        return Ok(None);
    };
    if !matches!(entry.kind(), EntryKind::Blob | EntryKind::BlobExecutable) {
        return Ok(None);
    }
    let id = entry.object_id();
    let mut blob = repo.find_blob(id).map_err(unreadable)?;
    Ok(Some(blob.take_data()))
}

/// Walks the tree `folder` (the evidence root, named `root`) with the rules of the disk walk
/// and hands every evidence file to `emit` with its blob; returns the problems met (trees
/// that cannot be read).
fn walk_tree(
    repo: &gix::Repository,
    folder: gix::ObjectId,
    root: &Path,
    excludes: &Excludes,
    emit: &mut dyn FnMut(Source, gix::ObjectId),
) -> Vec<Problem> {
    let mut problems = Vec::new();
    // (tree, its path as a checkout names it, its `/`-separated path below the root)
    let mut stack: Vec<(gix::ObjectId, PathBuf, String)> =
        vec![(folder, root.to_path_buf(), String::new())];
    while let Some((id, dir, rel)) = stack.pop() {
        let tree = match repo.find_tree(id) {
            Ok(tree) => tree,
            Err(e) => {
                problems.push(Problem::new(
                    dir.display().to_string(),
                    RuleCode::Io,
                    format!("cannot read folder: {e}"),
                ));
                continue;
            }
        };
        for entry in tree.iter() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    problems.push(Problem::new(
                        dir.display().to_string(),
                        RuleCode::Io,
                        format!("cannot read folder: {e}"),
                    ));
                    break;
                }
            };
            let path = dir.join(file_name(entry.filename()));
            let Some(name) = path.file_name() else {
                continue;
            };
            let name = name.to_string_lossy();
            let kind = entry.kind();
            let is_dir = kind == EntryKind::Tree;
            if kind == EntryKind::Commit || skipped(&name, is_dir, kind == EntryKind::Link) {
                continue;
            }
            let child_rel = if rel.is_empty() {
                name.clone().into_owned()
            } else {
                format!("{rel}/{name}")
            };
            if !excludes.is_empty() && excludes.matches(&child_rel, is_dir) {
                continue;
            }
            if is_dir {
                stack.push((entry.object_id(), path, child_rel));
            } else if let Some(form) = Form::of_walked(&name) {
                emit(Source::new(path, form), entry.object_id());
            }
        }
    }
    problems
}

/// A tree entry's name as a file name: its bytes on Unix, as a checkout names the file.
#[cfg(unix)]
fn file_name(raw: &[u8]) -> std::borrow::Cow<'_, std::ffi::OsStr> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(std::ffi::OsStr::from_bytes(raw))
}

#[cfg(not(unix))]
fn file_name(raw: &[u8]) -> std::borrow::Cow<'_, std::ffi::OsStr> {
    std::borrow::Cow::Owned(OsString::from(String::from_utf8_lossy(raw).into_owned()))
}
