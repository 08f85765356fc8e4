//! Finding evidence files (§2.1): the skip rules, `.cavraignore` and `--exclude`.
//!
//! Below the evidence root, hidden entries, folders named `target` and symbolic links are not
//! walked; only lower-case `.json`, `.jsonl` and `.ndjson` files are read. The root itself is
//! used as given (it may be a link). Files come out sorted by path so that every later step
//! can be deterministic.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use crate::error::Error;
use crate::problem::{Problem, RuleCode};

/// How a file's records are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// One JSON text: a record, an array of records or a store.
    Json,
    /// One record per line, streamed.
    Ndjson,
}

impl Form {
    /// The form of a walked file by its exact (lower-case) extension.
    pub fn of_walked(name: &str) -> Option<Form> {
        if name.ends_with(".json") {
            Some(Form::Json)
        } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            Some(Form::Ndjson)
        } else {
            None
        }
    }

    /// The form of a file named explicitly on the command line: any case is accepted, and
    /// anything that is not NDJSON is read as one JSON text.
    pub fn of_explicit(path: &Path) -> Form {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if ext == "jsonl" || ext == "ndjson" {
            Form::Ndjson
        } else {
            Form::Json
        }
    }
}

/// One file to read.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub form: Form,
}

impl Source {
    pub fn new(path: PathBuf, form: Form) -> Source {
        Source { path, form }
    }

    /// The path as printed in messages (borrowed unless the path is not UTF-8). Not stored:
    /// a million files should not cost a million extra strings.
    pub fn display(&self) -> std::borrow::Cow<'_, str> {
        self.path.to_string_lossy()
    }
}

/// Glob patterns of files and folders to skip, relative to the evidence root.
#[derive(Debug, Clone, Default)]
pub struct Excludes {
    /// Patterns that match files and folders.
    any: Option<GlobSet>,
    /// Patterns written with a trailing `/`: folders only.
    dirs: Option<GlobSet>,
}

impl Excludes {
    /// Builds the set from `--exclude` patterns and the root's `.cavraignore` (if any).
    pub fn load(root: &Path, cli: &[String]) -> Result<Excludes, Error> {
        let ignore = root.join(".cavraignore");
        // Never read through a link: symlink_metadata does not follow it.
        let text = match std::fs::symlink_metadata(&ignore) {
            Ok(meta) if meta.file_type().is_file() => {
                Some(std::fs::read(&ignore).map_err(|e| Error::io(&ignore, e))?)
            }
            _ => None,
        };
        Excludes::parse(cli, &ignore, text)
    }

    /// Builds the set from `--exclude` patterns and the text of the `.cavraignore` at
    /// `ignore`, if there is one.
    pub fn parse(cli: &[String], ignore: &Path, text: Option<Vec<u8>>) -> Result<Excludes, Error> {
        let mut patterns: Vec<(String, String)> = cli
            .iter()
            .map(|p| (p.clone(), format!("--exclude {p:?}")))
            .collect();
        if let Some(text) = text {
            let text = String::from_utf8(text).map_err(|_| {
                Error::usage(format!("{} is not UTF-8", ignore.display()))
                    .with_hint("write .cavraignore as UTF-8 text, one glob pattern per line")
            })?;
            // An editor may start the file with a byte-order mark, as it may an evidence file.
            let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
            for (n, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                patterns.push((line.to_owned(), format!("{}:{}", ignore.display(), n + 1)));
            }
        }
        let mut any = GlobSetBuilder::new();
        let mut dirs = GlobSetBuilder::new();
        let (mut n_any, mut n_dirs) = (0, 0);
        for (pattern, origin) in patterns {
            let (body, dir_only) = match pattern.strip_suffix('/') {
                Some(body) => (body.to_owned(), true),
                None => (pattern.clone(), false),
            };
            // Every pattern is anchored at the root already: `./x` and `/x` (as gitignore
            // writes an anchored pattern) mean `x`.
            let body = body
                .strip_prefix("./")
                .or_else(|| body.strip_prefix('/'))
                .unwrap_or(&body)
                .to_owned();
            let glob = GlobBuilder::new(&body)
                .literal_separator(true)
                .backslash_escape(true)
                .build()
                .map_err(|e| {
                    Error::usage(format!("invalid glob pattern {pattern:?} at {origin}: {e}"))
                        .with_hint("globs use *, ?, ** and [...]; for example **/*.jsonc")
                })?;
            if dir_only {
                dirs.add(glob);
                n_dirs += 1;
            } else {
                any.add(glob);
                n_any += 1;
            }
        }
        let build = |b: GlobSetBuilder, n: usize| -> Result<Option<GlobSet>, Error> {
            if n == 0 {
                return Ok(None);
            }
            b.build()
                .map(Some)
                .map_err(|e| Error::usage(format!("invalid glob patterns: {e}")))
        };
        Ok(Excludes {
            any: build(any, n_any)?,
            dirs: build(dirs, n_dirs)?,
        })
    }

    /// No pattern at all: nothing to match (and no relative path to build per file).
    pub fn is_empty(&self) -> bool {
        self.any.is_none() && self.dirs.is_none()
    }

    pub(crate) fn matches(&self, rel: &str, is_dir: bool) -> bool {
        self.any.as_ref().is_some_and(|g| g.is_match(rel))
            || (is_dir && self.dirs.as_ref().is_some_and(|g| g.is_match(rel)))
    }
}

/// The evidence files under `root`, sorted by path, and the problems met while walking
/// (unreadable folders). A missing or unreadable root is an error (exit 4).
pub fn walk(root: &Path, excludes: &Excludes) -> Result<(Vec<Source>, Vec<Problem>), Error> {
    check_root(root)?;
    let mut sources = Vec::new();
    let problems = walk_into(root, excludes, &mut |s| sources.push(s));
    sort_sources(&mut sources);
    Ok((sources, problems))
}

/// A reading command's root must be an existing folder (exit 4 otherwise).
/// The error is [`Error::Unavailable`] (exit 4; 503 under `serve`).
pub fn check_root(root: &Path) -> Result<(), Error> {
    let meta = std::fs::metadata(root).map_err(|e| {
        Error::unavailable(root, &crate::error::describe_io(&e)).with_hint(
            "give the evidence folder with --evidence DIR or CAVRA_EVIDENCE_DIR (default ./evidence)",
        )
    })?;
    if !meta.is_dir() {
        return Err(Error::unavailable(root, "not a folder")
            .with_hint("--evidence takes the folder that holds the evidence files"));
    }
    Ok(())
}

/// Walks `root` and hands every evidence file to `emit` in the order the file system lists
/// them (see [`sort_key`] for a stable order); returns the problems met (unreadable folders).
pub fn walk_into(root: &Path, excludes: &Excludes, emit: &mut dyn FnMut(Source)) -> Vec<Problem> {
    walk_from(root, root, excludes, emit, &mut |_| {})
}

/// Whether the walk of `root` enters or reads `path` (below the root), by its own name and
/// type: not hidden, not a link, not a folder named `target`, not excluded.
fn admits(
    root: &Path,
    excludes: &Excludes,
    path: &Path,
    name: &str,
    ty: std::fs::FileType,
) -> bool {
    if skipped(name, ty.is_dir(), ty.is_symlink()) {
        return false;
    }
    excludes.is_empty() || !excludes.matches(&relative(root, path), ty.is_dir())
}

/// [`walk_into`] of the part of `root` at `start` (`root` itself, or a file or folder below
/// it): the files a walk of `root` would find there, and nothing when that walk would not
/// get there (a hidden, linked, `target` or excluded folder on the way, or `start` missing).
/// `on_dir` is called with every folder entered, before its files are listed.
pub fn walk_from(
    root: &Path,
    start: &Path,
    excludes: &Excludes,
    emit: &mut dyn FnMut(Source),
    on_dir: &mut dyn FnMut(&Path),
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if start != root {
        let Ok(rel) = start.strip_prefix(root) else {
            return problems;
        };
        let mut path = root.to_path_buf();
        for part in rel.components() {
            path.push(part);
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                return problems;
            };
            let name = part.as_os_str().to_string_lossy();
            if !admits(root, excludes, &path, &name, meta.file_type())
                || (path != start && !meta.is_dir())
            {
                return problems;
            }
        }
    }
    let walker = walkdir::WalkDir::new(start)
        .follow_links(false)
        .follow_root_links(start == root)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || admits(
                    root,
                    excludes,
                    e.path(),
                    &e.file_name().to_string_lossy(),
                    e.file_type(),
                )
        });
    for entry in walker {
        match entry {
            Ok(e) => {
                if e.file_type().is_dir() {
                    on_dir(e.path());
                }
                if !e.file_type().is_file() {
                    continue;
                }
                let name = e.file_name().to_string_lossy();
                let Some(form) = Form::of_walked(&name) else {
                    continue;
                };
                emit(Source::new(e.into_path(), form));
            }
            Err(err) => {
                let place = err
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| root.display().to_string());
                let why = err
                    .io_error()
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| err.to_string());
                problems.push(Problem::new(
                    place,
                    RuleCode::Io,
                    format!("cannot read folder: {why}"),
                ));
            }
        }
    }
    problems
}

/// Whether an entry below the root is never walked, whatever the excludes say: hidden
/// entries, symbolic links and folders named `target` (§2.1).
pub(crate) fn skipped(name: &str, is_dir: bool, is_link: bool) -> bool {
    name.starts_with('.') || is_link || (is_dir && name == "target")
}

/// The key that orders files as a per-folder walk sorted by name would list them (a
/// folder's files right after the folder): the path with separators as NUL bytes, so one
/// byte comparison orders components. Computed once per file, not in every comparison.
pub fn sort_key(path: &Path) -> Vec<u8> {
    path_bytes(path).iter().map(key_byte).collect()
}

/// Compares two paths as their [`sort_key`]s compare, without building them.
pub fn cmp_sort_keys(a: &Path, b: &Path) -> std::cmp::Ordering {
    path_bytes(a)
        .iter()
        .map(key_byte)
        .cmp(path_bytes(b).iter().map(key_byte))
}

fn key_byte(b: &u8) -> u8 {
    if *b == b'/' { 0 } else { *b }
}

/// Sorts files by [`sort_key`].
pub(crate) fn sort_sources(sources: &mut Vec<Source>) {
    let mut keyed: Vec<(Vec<u8>, Source)> =
        sources.drain(..).map(|s| (sort_key(&s.path), s)).collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    sources.extend(keyed.into_iter().map(|(_, s)| s));
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(path.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    std::borrow::Cow::Owned(path.to_string_lossy().replace('\\', "/").into_bytes())
}

/// The `/`-separated path of `path` relative to `root`.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excludes(patterns: &[&str]) -> Excludes {
        let dir = tempfile::tempdir().unwrap();
        let cli: Vec<String> = patterns.iter().map(|s| s.to_string()).collect();
        Excludes::load(dir.path(), &cli).unwrap()
    }

    #[test]
    fn globs_are_anchored_and_literal_separator() {
        let e = excludes(&[
            "*.jsonc",
            "**/*.bak.json",
            "drafts/",
            "a?c.json",
            "[!x]y.json",
        ]);
        assert!(e.matches("config.jsonc", false));
        assert!(!e.matches("sub/config.jsonc", false), "* never matches /");
        assert!(e.matches("x/y/z.bak.json", false));
        assert!(e.matches("z.bak.json", false), "**/ matches zero folders");
        assert!(e.matches("drafts", true));
        assert!(
            !e.matches("drafts", false),
            "a trailing / matches folders only"
        );
        assert!(e.matches("abc.json", false));
        assert!(!e.matches("a/c.json", false));
        assert!(e.matches("ay.json", false));
        assert!(!e.matches("xy.json", false));
    }

    #[test]
    fn cavraignore_lines() {
        let dir = tempfile::tempdir().unwrap();
        // A byte-order mark, CRLF, blanks, a comment, `./` and `/` prefixes.
        std::fs::write(
            dir.path().join(".cavraignore"),
            "\u{FEFF}*.bak.json\r\n\r\n  # drafts.json\r\n ./a/*.json \n/b/\n",
        )
        .unwrap();
        let e = Excludes::load(dir.path(), &[]).unwrap();
        assert!(
            e.matches("x.bak.json", false),
            "the first line, after the mark"
        );
        assert!(
            !e.matches("drafts.json", false),
            "a comment is not a pattern"
        );
        assert!(e.matches("a/x.json", false));
        assert!(e.matches("b", true));
        assert!(!e.matches("x/b", true), "anchored at the root");
    }

    #[test]
    fn bad_glob_is_a_usage_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = Excludes::load(dir.path(), &["[".to_owned()]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn a_walk_from_below_the_root_keeps_the_rules_of_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for rel in [
            "a/x.json",
            "a/b/y.ndjson",
            "a/notes.txt",
            ".hidden/z.json",
            "a/target/t.json",
            "drafts/d.json",
        ] {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "{}").unwrap();
        }
        let excludes = excludes(&["drafts/"]);
        let from = |start: &str| {
            let (mut files, mut dirs) = (Vec::new(), Vec::new());
            walk_from(
                root,
                &root.join(start),
                &excludes,
                &mut |s| files.push(s.path.strip_prefix(root).unwrap().to_owned()),
                &mut |d| dirs.push(d.strip_prefix(root).unwrap().to_owned()),
            );
            files.sort();
            dirs.sort();
            (files, dirs)
        };
        let paths = |v: &[&str]| v.iter().map(PathBuf::from).collect::<Vec<_>>();
        assert_eq!(
            from("a"),
            (paths(&["a/b/y.ndjson", "a/x.json"]), paths(&["a", "a/b"])),
            "target/ and notes.txt are skipped below a as below the root"
        );
        assert_eq!(from("a/x.json"), (paths(&["a/x.json"]), paths(&[])));
        for skipped in [
            ".hidden",
            ".hidden/z.json",
            "a/target/t.json",
            "drafts",
            "a/gone.json",
        ] {
            assert_eq!(from(skipped), (vec![], vec![]), "{skipped}");
        }
        let (files, _) = from("");
        assert_eq!(files.len(), 2, "the root itself: {files:?}");
    }

    #[test]
    fn forms() {
        assert_eq!(Form::of_walked("a.json"), Some(Form::Json));
        assert_eq!(Form::of_walked("a.JSON"), None);
        assert_eq!(Form::of_walked("a.ndjson"), Some(Form::Ndjson));
        assert_eq!(Form::of_walked("a.jsonl"), Some(Form::Ndjson));
        assert_eq!(Form::of_walked("a.jsonc"), None);
        assert_eq!(Form::of_explicit(Path::new("x.NDJSON")), Form::Ndjson);
        assert_eq!(Form::of_explicit(Path::new("x.txt")), Form::Json);
    }
}
