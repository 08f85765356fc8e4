//! Problems found in evidence: one line of `cavra check`, one warning of a reading command.
//!
//! A problem never stops reading (§2.4); it decides the exit code at the end.

use serde::Serialize;

/// The rule a problem breaks, as `check` prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum RuleCode {
    #[serde(rename = "syntax")]
    Syntax,
    #[serde(rename = "types")]
    Types,
    #[serde(rename = "duplicate-key")]
    DuplicateKey,
    #[serde(rename = "conflict")]
    Conflict,
    #[serde(rename = "io")]
    Io,
    #[serde(rename = "PS001")]
    Ps001,
    #[serde(rename = "PS002")]
    Ps002,
    #[serde(rename = "PS003")]
    Ps003,
    #[serde(rename = "PS004")]
    Ps004,
    #[serde(rename = "unsafe-id")]
    UnsafeId,
    #[serde(rename = "schema-version")]
    SchemaVersion,
    /// A cited id that no record in the evidence has (§4.8): a warning, an error with
    /// `check --strict`.
    #[serde(rename = "dangling-reference")]
    DanglingRef,
}

impl RuleCode {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleCode::Syntax => "syntax",
            RuleCode::Types => "types",
            RuleCode::DuplicateKey => "duplicate-key",
            RuleCode::Conflict => "conflict",
            RuleCode::Io => "io",
            RuleCode::Ps001 => "PS001",
            RuleCode::Ps002 => "PS002",
            RuleCode::Ps003 => "PS003",
            RuleCode::Ps004 => "PS004",
            RuleCode::UnsafeId => "unsafe-id",
            RuleCode::SchemaVersion => "schema-version",
            RuleCode::DanglingRef => "dangling-reference",
        }
    }

    /// Warnings are reported but do not change the exit code.
    pub fn is_warning(self) -> bool {
        matches!(self, RuleCode::SchemaVersion | RuleCode::DanglingRef)
    }

    /// The exit code this problem asks for (§5): 4 for I/O, 3 for invalid evidence, 0 for a
    /// warning.
    pub fn exit_code(self) -> i32 {
        match self {
            RuleCode::Io => 4,
            RuleCode::SchemaVersion | RuleCode::DanglingRef => 0,
            _ => 3,
        }
    }

    pub fn from_policy(rule: crate::policy::Rule) -> RuleCode {
        match rule {
            crate::policy::Rule::SecretKey => RuleCode::Ps001,
            crate::policy::Rule::SecretValue => RuleCode::Ps002,
            crate::policy::Rule::PrivateUrl => RuleCode::Ps003,
            crate::policy::Rule::FreeText => RuleCode::Ps004,
        }
    }

    /// How to fix it, printed after the message on stderr.
    pub fn hint(self) -> &'static str {
        match self {
            RuleCode::Syntax => {
                "fix the JSON (RFC 8259: no comments, NaN or trailing commas; at most 127 levels of nesting), or exclude the file with .cavraignore"
            }
            RuleCode::Types => {
                "give the field the type the spec lists (strings, integers, booleans, arrays of strings), or remove it"
            }
            RuleCode::DuplicateKey => {
                "keep one of the two entries; JSON readers disagree on which one wins"
            }
            RuleCode::Conflict => {
                "records with the same kind and id must be identical; keep the right version and remove the other"
            }
            RuleCode::Io => "check that the file or folder exists and is readable",
            RuleCode::Ps001 => {
                "remove the secret or replace it with REDACTED; secrets never belong in public evidence"
            }
            RuleCode::Ps002 => {
                "remove the credential or replace it with REDACTED, and rotate it: it may be exposed"
            }
            RuleCode::Ps003 => {
                "use an opaque reference (for example connector-delivery://id) or redact the query as ?REDACTED"
            }
            RuleCode::Ps004 => {
                "keep free text under 2,048 characters; link to the ticket instead of pasting it"
            }
            RuleCode::UnsafeId => {
                "ids become file names: use letters, digits, '.', '_' and '-' only (at most 200), starting with a letter or digit"
            }
            RuleCode::SchemaVersion => {
                "this cavra reads version 1 records; upgrade cavra to read newer ones"
            }
            RuleCode::DanglingRef => {
                "restore the cited record (cavra records what it cites since §4.8); `cavra trace ID` shows what links to it; check --strict fails on this"
            }
        }
    }
}

/// One problem: where, which rule, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Path plus `:line:column`, `:line` or `#pointer`.
    pub place: String,
    pub rule: RuleCode,
    pub message: String,
    /// Orders problems deterministically: (file index, position in file, sequence).
    #[serde(skip)]
    pub order: (u32, u64, u32),
}

impl Problem {
    pub fn new(place: String, rule: RuleCode, message: impl Into<String>) -> Problem {
        Problem {
            place,
            rule,
            message: message.into(),
            order: (u32::MAX, 0, 0),
        }
    }

    pub fn at(mut self, file: u32, pos: u64, seq: u32) -> Problem {
        self.order = (file, pos, seq);
        self
    }

    /// The `check` line: `PLACE: RULE: why`, on one line whatever the file name or the
    /// message holds (control characters are escaped, see [`one_line`]).
    pub fn line(&self) -> String {
        format!(
            "{}: {}: {}",
            one_line(&self.place),
            self.rule.as_str(),
            one_line(&self.message)
        )
    }
}

/// `s` with every control character (and the Unicode line and paragraph separators)
/// escaped as Rust writes them (`\n`, `\r`, `\t`, `\u{1b}`), so that a file name holding a
/// line end cannot split one problem into two lines or forge another (a terminal escape
/// cannot recolour the output either). Borrowed when there is nothing to escape, which is
/// the usual case.
pub fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    let needs = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
    if !s.chars().any(needs) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if needs(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The exit code a list of problems asks for: 4 beats 3 (§5); warnings ask for nothing.
pub fn exit_code(problems: &[Problem]) -> i32 {
    let mut code = 0;
    for p in problems {
        match p.rule.exit_code() {
            4 => return 4,
            3 => code = 3,
            _ => {}
        }
    }
    code
}

/// The exit code for a run: the first of 2, 4, 3, 1 that applies (§5).
pub fn combine(codes: &[i32]) -> i32 {
    for wanted in [2, 4, 3, 1] {
        if codes.contains(&wanted) {
            return wanted;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_is_one_line_whatever_the_file_name() {
        // A file named "a\nb.json: syntax: forged" must not print a second, forged line.
        let p = Problem::new(
            "/e/a\nb.json: syntax: forged\r\t\u{1b}[31m\u{2028}.json:1:2".to_owned(),
            RuleCode::Syntax,
            "key \"x\ny\" appears twice",
        );
        let line = p.line();
        assert_eq!(line.lines().count(), 1, "{line}");
        // Each control character becomes its Rust escape; the rest is unchanged.
        assert_eq!(
            line,
            r#"/e/a\nb.json: syntax: forged\r\t\u{1b}[31m\u{2028}.json:1:2: syntax: key "x\ny" appears twice"#
        );
        // Nothing to escape: borrowed, unchanged.
        assert!(matches!(
            one_line("/e/a.json:1:2"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
