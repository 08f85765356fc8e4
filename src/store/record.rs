//! Recording documents (§4): the typed document is checked against the public-safe policy as
//! the very JSON that would be written, then written atomically and never over other content.
//!
//! Every recording command writes through a [`Recorder`]; nothing else in cavra writes
//! evidence.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::error::Error;
#[cfg(test)]
use crate::model::json::Json;
use crate::model::json::{self, OwnedJson};
use crate::model::kind::Kind;
use crate::model::stored::{Document, pretty};

use super::write::{Outcome, holds_equal, record_path, write_new};

/// What recording a document did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    Written(PathBuf),
    Unchanged(PathBuf),
    /// A dry run: the path it would write.
    WouldWrite(PathBuf),
    /// Not written: the evidence has problems and the document is derived from it (§4).
    Refused(PathBuf),
}

impl Recorded {
    /// The path written, found, or that would be written.
    pub fn path(&self) -> &Path {
        match self {
            Recorded::Written(p)
            | Recorded::Unchanged(p)
            | Recorded::WouldWrite(p)
            | Recorded::Refused(p) => p,
        }
    }

    /// What happened, as one word: `written`, `unchanged`, `would_write` or `refused`.
    pub fn status(&self) -> &'static str {
        match self {
            Recorded::Written(_) => "written",
            Recorded::Unchanged(_) => "unchanged",
            Recorded::WouldWrite(_) => "would_write",
            Recorded::Refused(_) => "refused",
        }
    }
}

/// `{"status": "written", "path": "evidence/reports/<id>.json"}`.
impl Serialize for Recorded {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("status", self.status())?;
        m.serialize_entry("path", &self.path().display().to_string())?;
        m.end()
    }
}

/// Whether a document stands on its own references or is derived from the whole evidence
/// (then it is not recorded over evidence with problems, §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// An acknowledgement or a closure: it needs only its own references.
    Own,
    /// A report, plan, retry plan, executive report or run: built from all the evidence.
    Derived,
}

/// Writes documents under an evidence folder.
#[derive(Debug, Clone, Copy)]
pub struct Recorder<'a> {
    pub root: &'a Path,
    /// Judge and report, write nothing.
    pub dry_run: bool,
    /// The evidence read has problems that make it invalid.
    pub evidence_has_errors: bool,
}

impl Recorder<'_> {
    /// The path of a record of `kind` with `id`.
    pub fn path(&self, kind: Kind, id: &str) -> Result<PathBuf, Error> {
        record_path(self.root, kind.info().folder, id)
    }

    /// Records a document's stored item under its folder.
    pub fn record<D: Document>(&self, doc: &D, basis: Basis) -> Result<Recorded, Error> {
        self.record_stored(D::KIND, doc.id(), &doc.stored(), basis)
    }

    /// Records a stored item (already built) of `kind` under `id`.
    pub fn record_stored<T: Serialize>(
        &self,
        kind: Kind,
        id: &str,
        stored: &T,
        basis: Basis,
    ) -> Result<Recorded, Error> {
        let path = self.path(kind, id)?;
        if basis == Basis::Derived && self.evidence_has_errors {
            return Ok(Recorded::Refused(path));
        }
        self.write(kind, path, &pretty(stored)?, self.dry_run)
    }

    /// Judges a stored item as a write would, writing nothing: `Ok` when it would be written
    /// or is already there, a conflict or policy error otherwise.
    pub fn judge<D: Document>(&self, doc: &D) -> Result<Recorded, Error> {
        let path = self.path(D::KIND, doc.id())?;
        self.write(D::KIND, path, &pretty(&doc.stored())?, true)
    }

    fn write(
        &self,
        kind: Kind,
        path: PathBuf,
        text: &str,
        dry_run: bool,
    ) -> Result<Recorded, Error> {
        let value = json::parse(text.as_bytes())
            .map_err(|e| Error::internal(format!("a built document is not JSON: {e}")))?;
        // §6: every record cavra writes is checked, whatever its inputs were checked for.
        if let Some(v) = crate::policy::check(&value).into_iter().next() {
            return Err(Error::RecordUnsafe {
                path: path.display().to_string(),
                pointer: v.pointer.clone(),
                rule: v.rule.code(),
                reason: v.message.clone(),
                hint: crate::problem::RuleCode::from_policy(v.rule)
                    .hint()
                    .to_owned(),
            });
        }
        let full = kind.info().full;
        if dry_run {
            // Judge an existing file as the write would: equal is unchanged, other content a
            // conflict; only a missing file would be written.
            return match std::fs::read(&path) {
                Ok(existing) if holds_equal(&existing, &value, full) => {
                    Ok(Recorded::Unchanged(path))
                }
                Ok(_) => Err(Error::conflict(
                    &path,
                    format!(
                        "{} already exists with other content; a write would be refused",
                        path.display()
                    ),
                )
                .with_hint(
                    "evidence is never overwritten: check the existing record, or use another --now",
                )),
                Err(_) => Ok(Recorded::WouldWrite(path)),
            };
        }
        match write_new(&path, text, |existing| holds_equal(existing, &value, full))? {
            Outcome::Written => Ok(Recorded::Written(path)),
            Outcome::Unchanged => Ok(Recorded::Unchanged(path)),
        }
    }

    /// Whether a record of `kind` with `id` exists (any file under its name).
    pub fn exists(&self, kind: Kind, id: &str) -> Result<bool, Error> {
        let path = self.path(kind, id)?;
        // A run found here is not written again: clean the folder now, as a write would.
        if !self.dry_run
            && let Some(dir) = path.parent()
        {
            super::write::clean_stale_once(dir);
        }
        Ok(std::fs::symlink_metadata(path).is_ok())
    }

    /// The record of `kind` with `id` as stored, read back (`None` when there is none). A file
    /// that is not JSON is a conflict: evidence is never overwritten.
    pub fn read(&self, kind: Kind, id: &str) -> Result<Option<(PathBuf, OwnedJson)>, Error> {
        let path = self.path(kind, id)?;
        // A record found here is not written again: clean the folder now, as a write would.
        if !self.dry_run
            && let Some(dir) = path.parent()
        {
            super::write::clean_stale_once(dir);
        }
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let item = json::parse_owned(bytes).map_err(|e| {
            Error::conflict(
                &path,
                format!(
                    "{} holds this record but is not valid JSON: {e}",
                    path.display()
                ),
            )
            .with_hint("evidence is never overwritten: repair or remove the file by hand")
        })?;
        Ok(Some((path, item)))
    }
}

/// Makes sure the evidence folder exists before a recording command reads it (§5): a missing
/// folder is created, or with a dry run reported as missing (`false`) so that nothing is
/// created.
pub fn prepare_folder(root: &Path, dry_run: bool) -> Result<bool, Error> {
    if std::fs::symlink_metadata(root).is_ok() {
        return Ok(true);
    }
    if dry_run {
        return Ok(false);
    }
    std::fs::create_dir_all(root).map_err(|e| {
        Error::io(root, e).with_hint("check that the evidence folder can be created")
    })?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::stored::StoredItem;

    /// A document whose notes the test chooses.
    #[derive(Serialize)]
    struct Note {
        acknowledgement_id: &'static str,
        notes: &'static str,
    }

    impl Document for Note {
        const KIND: Kind = Kind::Acknowledgement;

        fn id(&self) -> &str {
            self.acknowledgement_id
        }

        fn stored(&self) -> StoredItem<'_, Self> {
            StoredItem {
                kind: Kind::Acknowledgement,
                id: self.acknowledgement_id,
                created_at: "2026-06-01T08:00:00Z",
                signer: "cli",
                decision_count: 1,
                blocked_count: 0,
                approval_required_count: 0,
                copied: Vec::new(),
                document: self,
            }
        }
    }

    fn recorder(root: &Path, dry_run: bool, evidence_has_errors: bool) -> Recorder<'_> {
        Recorder {
            root,
            dry_run,
            evidence_has_errors,
        }
    }

    #[test]
    fn the_whole_stored_item_is_checked_before_writing() {
        // A folder name with '#' must not confuse the pointer: it is carried, not parsed.
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("ev#1");
        let doc = Note {
            acknowledgement_id: "a-1",
            notes: "see https://wiki.corp/x",
        };
        for dry_run in [false, true] {
            let e = recorder(&root, dry_run, false)
                .record(&doc, Basis::Own)
                .unwrap_err();
            let Error::RecordUnsafe {
                path,
                pointer,
                rule,
                ..
            } = &e
            else {
                panic!("{e:?}");
            };
            assert!(path.ends_with("ev#1/acknowledgements/a-1.json"), "{path}");
            assert_eq!(
                (pointer.as_str(), *rule),
                ("/recovery_escalation_acknowledgement/notes", "PS003")
            );
            assert_eq!(e.exit_code(), 3);
        }
        assert!(!root.exists(), "nothing was written");
    }

    #[test]
    fn writes_once_judges_again_and_refuses_derived_over_problems() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let doc = Note {
            acknowledgement_id: "a-2",
            notes: "rotated",
        };
        let r = recorder(root, true, false)
            .record(&doc, Basis::Own)
            .unwrap();
        assert_eq!(r.status(), "would_write");
        assert!(!r.path().exists());
        let r = recorder(root, false, false)
            .record(&doc, Basis::Own)
            .unwrap();
        assert_eq!(r.status(), "written");
        let r = recorder(root, false, false)
            .record(&doc, Basis::Own)
            .unwrap();
        assert_eq!(r.status(), "unchanged");
        let r = recorder(root, true, false)
            .record(&doc, Basis::Own)
            .unwrap();
        assert_eq!(r.status(), "unchanged");
        let other = Note {
            acknowledgement_id: "a-2",
            notes: "other",
        };
        for dry_run in [false, true] {
            let e = recorder(root, dry_run, false)
                .record(&other, Basis::Own)
                .unwrap_err();
            assert!(matches!(e, Error::Conflict { .. }), "{e:?}");
        }
        let r = recorder(root, false, true)
            .record(&other, Basis::Derived)
            .unwrap();
        assert_eq!(r.status(), "refused");
        let (_, back) = recorder(root, false, false)
            .read(Kind::Acknowledgement, "a-2")
            .unwrap()
            .unwrap();
        assert_eq!(
            back.get("recovery_escalation_acknowledgement")
                .and_then(|a| a.get("notes"))
                .and_then(Json::as_str),
            Some("rotated")
        );
    }
}
