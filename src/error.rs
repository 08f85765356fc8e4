//! The one error type of the library: a typed enum whose variants carry what each face needs
//! (the input field, the public-safe rule, the JSON pointer, the path, the id). The command
//! line and the HTTP API render the same error for their readers ([`Face`]); neither parses
//! message text. Each variant maps to an exit code (§5) and an HTTP status (§7).

use std::fmt;
use std::path::Path;

/// An input of an operation, as each face names it: `--by` on the command line,
/// `acknowledged_by` in a request (a `.` path for nested fields: `schedule.cadence`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub flag: &'static str,
    pub key: &'static str,
}

impl Field {
    pub const fn new(flag: &'static str, key: &'static str) -> Field {
        Field { flag, key }
    }

    /// The name the reader of `face` knows.
    pub fn name(&self, face: Face) -> &'static str {
        match face {
            Face::Cli => self.flag,
            Face::Http => self.key,
        }
    }

    /// The JSON pointer of the field in a request body (`schedule.cadence` → `/schedule/cadence`).
    pub fn pointer(&self) -> String {
        format!("/{}", self.key.replace('.', "/"))
    }
}

/// Who reads an error: a person at the command line, or an HTTP client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Cli,
    Http,
}

/// How to fix an error. A hint may name an input, which each face names its own way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    Text(String),
    /// `{before}{field}{after}`, e.g. `give ` `--provider` ` one of the plan's providers`.
    Field {
        before: &'static str,
        field: Field,
        after: String,
    },
}

impl Hint {
    pub fn render(&self, face: Face) -> String {
        match self {
            Hint::Text(t) => t.clone(),
            Hint::Field {
                before,
                field,
                after,
            } => format!("{before}{}{after}", field.name(face)),
        }
    }
}

impl From<String> for Hint {
    fn from(s: String) -> Hint {
        Hint::Text(s)
    }
}

impl From<&str> for Hint {
    fn from(s: &str) -> Hint {
        Hint::Text(s.to_owned())
    }
}

/// What went wrong.
#[derive(Debug, Clone)]
pub enum Error {
    /// Bad arguments or options (exit 2, HTTP 400). With a `field`, the message starts with
    /// its name.
    Usage {
        field: Option<Field>,
        reason: String,
        hint: Option<Hint>,
    },
    /// Invalid evidence or input: syntax, types, a state outside the list (exit 3, HTTP 400).
    Invalid {
        field: Option<Field>,
        reason: String,
        hint: Option<Hint>,
    },
    /// An unknown plan, playbook or provider reference `id` (exit 3, HTTP 404).
    NotFound {
        id: String,
        reason: String,
        hint: Option<Hint>,
    },
    /// An input breaks a public-safe rule (exit 3, HTTP 422): nothing was written.
    InputUnsafe {
        field: Field,
        rule: &'static str,
        reason: String,
        hint: String,
    },
    /// A record cavra would write breaks a public-safe rule at `pointer` (exit 3, HTTP 422).
    RecordUnsafe {
        path: String,
        pointer: String,
        rule: &'static str,
        reason: String,
        hint: String,
    },
    /// An existing record with other content (exit 3, HTTP 409).
    Conflict {
        path: String,
        reason: String,
        hint: Option<Hint>,
    },
    /// An unreadable or unwritable file, folder or stream at `place` (exit 4, HTTP 500).
    Io {
        place: String,
        reason: String,
        hint: Option<Hint>,
    },
    /// The evidence folder at `place` is missing or not a folder (exit 4 like any I/O
    /// error; HTTP 503 under `serve`, which waits for it to come back and never creates it).
    Unavailable {
        place: String,
        reason: String,
        hint: Option<Hint>,
    },
    /// A failure of cavra itself, never of its input (exit 4, HTTP 500).
    Internal { reason: String },
}

impl Error {
    pub fn usage(reason: impl Into<String>) -> Error {
        Error::Usage {
            field: None,
            reason: reason.into(),
            hint: None,
        }
    }

    /// A usage error about one input: `{field} {reason}`.
    pub fn usage_of(field: Field, reason: impl Into<String>) -> Error {
        Error::Usage {
            field: Some(field),
            reason: reason.into(),
            hint: None,
        }
    }

    pub fn invalid(reason: impl Into<String>) -> Error {
        Error::Invalid {
            field: None,
            reason: reason.into(),
            hint: None,
        }
    }

    pub fn not_found(id: impl Into<String>, reason: impl Into<String>) -> Error {
        Error::NotFound {
            id: id.into(),
            reason: reason.into(),
            hint: None,
        }
    }

    pub fn conflict(path: &Path, reason: impl Into<String>) -> Error {
        Error::Conflict {
            path: path.display().to_string(),
            reason: reason.into(),
            hint: None,
        }
    }

    /// An I/O error on `path`.
    pub fn io(path: &Path, err: std::io::Error) -> Error {
        Error::io_msg(path, &describe_io(&err))
    }

    pub fn io_msg(path: &Path, why: &str) -> Error {
        Error::io_at(&path.display().to_string(), why)
    }

    /// An I/O error on something that is not a path (`stdout`, `listener`).
    pub fn io_at(place: &str, why: &str) -> Error {
        Error::Io {
            place: place.to_owned(),
            reason: why.to_owned(),
            hint: None,
        }
    }

    /// The evidence folder `root` is missing or not a folder.
    pub fn unavailable(root: &Path, why: &str) -> Error {
        Error::Unavailable {
            place: root.display().to_string(),
            reason: why.to_owned(),
            hint: None,
        }
    }

    pub fn internal(reason: impl Into<String>) -> Error {
        Error::Internal {
            reason: reason.into(),
        }
    }

    /// Sets the hint (how to fix).
    pub fn with_hint(mut self, new: impl Into<Hint>) -> Error {
        let new = new.into();
        match &mut self {
            Error::Usage { hint, .. }
            | Error::Invalid { hint, .. }
            | Error::NotFound { hint, .. }
            | Error::Conflict { hint, .. }
            | Error::Io { hint, .. }
            | Error::Unavailable { hint, .. } => *hint = Some(new),
            Error::InputUnsafe { hint, .. } | Error::RecordUnsafe { hint, .. } => {
                *hint = new.render(Face::Cli);
            }
            Error::Internal { .. } => {}
        }
        self
    }

    /// The process exit code for this error (§5).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage { .. } => 2,
            Error::Io { .. } | Error::Unavailable { .. } | Error::Internal { .. } => 4,
            _ => 3,
        }
    }

    /// The message for `face`: what, where, why.
    pub fn message(&self, face: Face) -> String {
        let with_field = |field: &Option<Field>, reason: &str| match field {
            Some(f) => format!("{} {reason}", f.name(face)),
            None => reason.to_owned(),
        };
        match self {
            Error::Usage { field, reason, .. } | Error::Invalid { field, reason, .. } => {
                with_field(field, reason)
            }
            Error::NotFound { reason, .. } | Error::Conflict { reason, .. } => reason.clone(),
            Error::InputUnsafe {
                field,
                rule,
                reason,
                ..
            } => format!(
                "{} breaks public-safe rule {rule}: {reason}; nothing was written",
                field.name(face)
            ),
            Error::RecordUnsafe {
                path,
                pointer,
                rule,
                reason,
                ..
            } => format!("not written: {path}#{pointer}: {rule}: {reason}"),
            Error::Io { place, reason, .. } | Error::Unavailable { place, reason, .. } => {
                format!("{place}: {reason}")
            }
            Error::Internal { reason } => format!("internal error: {reason}"),
        }
    }

    /// The hint for `face`, if any.
    pub fn hint(&self, face: Face) -> Option<String> {
        match self {
            Error::Usage { hint, .. }
            | Error::Invalid { hint, .. }
            | Error::NotFound { hint, .. }
            | Error::Conflict { hint, .. }
            | Error::Io { hint, .. }
            | Error::Unavailable { hint, .. } => hint.as_ref().map(|h| h.render(face)),
            Error::InputUnsafe { hint, .. } | Error::RecordUnsafe { hint, .. } => {
                Some(hint.clone())
            }
            Error::Internal { .. } => Some(
                "this is a bug in cavra: please report it with the command that caused it"
                    .to_owned(),
            ),
        }
    }

    /// The public-safe rule and the JSON pointer it was met at (for HTTP bodies).
    pub fn rule_and_pointer(&self) -> Option<(&'static str, String)> {
        match self {
            Error::InputUnsafe { field, rule, .. } => Some((rule, field.pointer())),
            Error::RecordUnsafe { pointer, rule, .. } => Some((rule, pointer.clone())),
            _ => None,
        }
    }
}

/// An I/O error in words, without Rust's `(os error N)` suffix.
pub fn describe_io(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match err.kind() {
        K::NotFound => "no such file or folder".to_owned(),
        K::PermissionDenied => "permission denied".to_owned(),
        K::AlreadyExists => "already exists".to_owned(),
        _ => {
            let text = err.to_string();
            match text.find(" (os error") {
                Some(at) => text[..at].to_lowercase(),
                None => text,
            }
        }
    }
}

/// The command line's rendering.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Face::Cli))
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Fields the unit tests of both faces name.
#[cfg(test)]
pub(crate) mod test_fields {
    use super::Field;

    pub const BY: Field = Field::new("--by", "acknowledged_by");
    pub const CADENCE: Field = Field::new("--cadence", "schedule.cadence");
    pub const NOTES: Field = Field::new("--notes", "notes");
}

#[cfg(test)]
mod tests {
    use super::test_fields::{BY, CADENCE};
    use super::*;

    #[test]
    fn faces_name_fields_their_way() {
        let e = Error::usage_of(BY, "must not be empty").with_hint(Hint::Field {
            before: "give ",
            field: BY,
            after: " a name".to_owned(),
        });
        assert_eq!(e.message(Face::Cli), "--by must not be empty");
        assert_eq!(e.message(Face::Http), "acknowledged_by must not be empty");
        assert_eq!(
            e.hint(Face::Http).as_deref(),
            Some("give acknowledged_by a name")
        );
        assert_eq!(e.exit_code(), 2);
    }

    #[test]
    fn pointers_come_from_the_variant() {
        let e = Error::InputUnsafe {
            field: CADENCE,
            rule: "PS002",
            reason: "a token".to_owned(),
            hint: String::new(),
        };
        assert_eq!(
            e.rule_and_pointer(),
            Some(("PS002", "/schedule/cadence".to_owned()))
        );
        // A path with '#' does not confuse the pointer: it is never parsed back.
        let e = Error::RecordUnsafe {
            path: "/ev/a#b/plans/x.json".to_owned(),
            pointer: "/notes".to_owned(),
            rule: "PS003",
            reason: "a URL".to_owned(),
            hint: String::new(),
        };
        assert_eq!(e.rule_and_pointer(), Some(("PS003", "/notes".to_owned())));
        assert_eq!(e.exit_code(), 3);
    }
}
