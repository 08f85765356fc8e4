//! The one error type of the library. Each kind maps to an exit code (§5) and an HTTP
//! status (§7).

use std::fmt;
use std::path::Path;

/// What went wrong, which decides the exit code and the HTTP status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad arguments or options (exit 2, HTTP 400).
    Usage,
    /// Unreadable or unwritable files and folders (exit 4).
    Io,
    /// Invalid evidence or input: syntax, types, a state outside the list (exit 3, HTTP 400).
    Invalid,
    /// An unknown plan, playbook or provider reference (exit 3, HTTP 404).
    NotFound,
    /// An existing record with other content, or a derived document over evidence with
    /// problems (exit 3, HTTP 409).
    Conflict,
    /// A public-safe violation (exit 3, HTTP 422).
    PublicSafe,
}

/// An error with a message (what, where, why) and an optional hint (how to fix).
#[derive(Debug, Clone)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub hint: Option<String>,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            hint: None,
        }
    }

    pub fn usage(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Usage, message)
    }

    pub fn invalid(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Invalid, message)
    }

    /// An I/O error on `path`.
    pub fn io(path: &Path, err: std::io::Error) -> Error {
        Error::new(
            ErrorKind::Io,
            format!("{}: {}", path.display(), describe_io(&err)),
        )
    }

    pub fn io_msg(path: &Path, why: &str) -> Error {
        Error::new(ErrorKind::Io, format!("{}: {why}", path.display()))
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Error {
        self.hint = Some(hint.into());
        self
    }

    /// The process exit code for this error (§5).
    pub fn exit_code(&self) -> i32 {
        match self.kind {
            ErrorKind::Usage => 2,
            ErrorKind::Io => 4,
            _ => 3,
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

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;
