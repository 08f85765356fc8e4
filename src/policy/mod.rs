//! The public-safe policy of §6 (rules PS001–PS004 and appendix B).
//!
//! [`check`] walks a parsed JSON value and reports every violation with its JSON pointer;
//! [`check_text`] applies the string rules to one free-text input (a command-line option,
//! a request field) before a recording command writes it.
//!
//! # What is checked
//!
//! - **PS001** looks at object *keys*: a key is secret when its letters, lower-cased with
//!   Unicode's per-character lower-casing (`char::to_lowercase`) and with every character that
//!   is not Unicode alphanumeric (`char::is_alphanumeric`) removed, contain one of `password`,
//!   `passwd`, `secret`, `token`, `apikey`, `privatekey`, `credential`, `authorization` or
//!   `cookie` (so `X-Auth-Token`, `api_key`, `Private-Key` and `ÄPI_TOKEN` are secret keys).
//!   A secret key may hold null, a number, a boolean or a redaction marker (exactly
//!   `REDACTED`, `[REDACTED]`, `***` or the empty string). A string that is not a marker is
//!   refused at the pointer of the key's value; in an array every string element that is not a
//!   marker is refused at the element's pointer, and nested arrays are looked at the same way
//!   (`{"token": [["x"]]}` is refused at `/token/0/0`). An object under a secret key is not
//!   refused as a whole: its own keys are searched (`{"secret": {"count": 1}}` passes,
//!   `{"secret": {"password": "x"}}` is refused at `/secret/password`).
//! - **PS002–PS004** look at every string — object values and array elements at any depth,
//!   the root when it is a string, and (§6, added after the first release) every object
//!   *key*: a credential, a private URL or 2,049 characters used as a key are refused like a
//!   value, at the pointer of the key's value, with a message that says `key`.
//!
//! # Order and messages
//!
//! Violations come in document order (a depth-first walk, entries in the order they were
//! written, duplicate keys included). One string can produce several violations; they come in
//! rule order (PS001, PS002, PS003, PS004), PS002 once per matching appendix B pattern (in the
//! appendix's order) and PS003 once per refused URL (in text order). Messages are short, lower
//! case and never repeat the secret: PS001 names the key, PS002 names the kind of credential,
//! PS003 names only the scheme and host of the URL, PS004 gives the length.
//!
//! # Cost
//!
//! `check` runs on every record, so the path that finds nothing allocates nothing: the walk
//! keeps the path as a chain of stack frames and renders a pointer only for a violation; a key
//! is first tested against the letters of the secret words and only then folded (into a stack
//! buffer, for ASCII keys); and a string is scanned once, eight bytes at a time, for the fixed
//! literals (anchors) that every appendix B pattern and every URL contains — the regular
//! expressions and the URL parser run only on strings holding one. On the sample store of the
//! original system this is about 17 ns per key or string on one core.

mod secrets;
mod urls;

#[cfg(test)]
mod tests;

use std::fmt::Write as _;

use crate::model::json::{Json, push_pointer};

pub use secrets::{is_redaction_marker, is_secret_key};

/// One public-safe rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// PS001: a secret-looking key holding a string.
    SecretKey,
    /// PS002: a string that looks like a credential.
    SecretValue,
    /// PS003: a private URL.
    PrivateUrl,
    /// PS004: free text longer than 2,048 characters.
    FreeText,
}

impl Rule {
    pub fn code(self) -> &'static str {
        match self {
            Rule::SecretKey => "PS001",
            Rule::SecretValue => "PS002",
            Rule::PrivateUrl => "PS003",
            Rule::FreeText => "PS004",
        }
    }
}

/// One violation: the rule, the JSON pointer (RFC 6901, "" for the root) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub rule: Rule,
    pub pointer: String,
    pub message: String,
}

/// The longest string value (in Unicode scalar values) PS004 lets through.
pub const MAX_FREE_TEXT_CHARS: usize = 2048;

/// Every violation of §6 inside `value`, in document order.
pub fn check(value: &Json) -> Vec<Violation> {
    let mut out = Vec::new();
    check_into(value, "", &mut out);
    out
}

/// Appends every violation of §6 inside `value` to `out`, in document order.
///
/// `pointer` is the JSON pointer of `value` inside a larger document ("" for a root, e.g.
/// `/items/3` for one item of a store); every reported pointer starts with it.
pub fn check_into(value: &Json, pointer: &str, out: &mut Vec<Violation>) {
    let root = Path {
        parent: None,
        seg: Seg::Root,
    };
    Walker { base: pointer, out }.walk(value, &root, None);
}

/// The violations of PS002–PS004 in one free-text input (pointer ""), e.g. a `--notes`
/// option or a request field, checked before anything is written.
pub fn check_text(text: &str) -> Vec<Violation> {
    let mut out = Vec::new();
    let root = Path {
        parent: None,
        seg: Seg::Root,
    };
    Walker {
        base: "",
        out: &mut out,
    }
    .check_string(text, &root);
    out
}

/// One step of the path from the root to a value.
#[derive(Clone, Copy)]
enum Seg<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

/// The path to the value being looked at, as a chain of stack frames (no allocation).
struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Seg<'a>,
}

impl Path<'_> {
    /// The RFC 6901 pointer of this path, after `base`.
    fn render(&self, base: &str) -> String {
        let mut segs = Vec::new();
        let mut at = Some(self);
        while let Some(p) = at {
            segs.push(p.seg);
            at = p.parent;
        }
        let mut out = String::from(base);
        for seg in segs.iter().rev() {
            match seg {
                Seg::Root => {}
                Seg::Key(k) => push_pointer(&mut out, k),
                Seg::Index(i) => {
                    let _ = write!(out, "/{i}");
                }
            }
        }
        out
    }
}

/// Where a value sits with respect to a secret key (PS001).
#[derive(Clone, Copy)]
struct SecretSlot<'a> {
    /// The secret key.
    key: &'a str,
    /// Whether the value is an element of an array held by the key (at any array depth).
    in_array: bool,
}

struct Walker<'o> {
    base: &'o str,
    out: &'o mut Vec<Violation>,
}

impl Walker<'_> {
    fn walk(&mut self, value: &Json, path: &Path<'_>, secret: Option<SecretSlot<'_>>) {
        match value {
            Json::Str(s) => {
                if let Some(slot) = secret
                    && !is_redaction_marker(s)
                {
                    let message = if slot.in_array {
                        format!(
                            "key {:?} holds an array with a string that is not a redaction marker",
                            slot.key
                        )
                    } else {
                        format!(
                            "key {:?} holds a string that is not a redaction marker",
                            slot.key
                        )
                    };
                    self.push(Rule::SecretKey, path, message);
                }
                self.check_str(s, path, Subject::Value);
            }
            Json::Arr(items) => {
                let secret = secret.map(|slot| SecretSlot {
                    in_array: true,
                    ..slot
                });
                for (i, item) in items.iter().enumerate() {
                    let child = Path {
                        parent: Some(path),
                        seg: Seg::Index(i),
                    };
                    self.walk(item, &child, secret);
                }
            }
            Json::Obj(entries) => {
                for (key, item) in entries {
                    let child = Path {
                        parent: Some(path),
                        seg: Seg::Key(key),
                    };
                    let verdict = key_verdict(key);
                    // §6, added after the first release: a key is a string too.
                    if !verdict.plain {
                        self.check_str(key, &child, Subject::Key);
                    }
                    let secret = verdict.secret.then_some(SecretSlot {
                        key,
                        in_array: false,
                    });
                    self.walk(item, &child, secret);
                }
            }
            Json::Null | Json::Bool(_) | Json::Num(_) => {}
        }
    }

    /// PS002, PS003 and PS004 on one string value.
    fn check_string(&mut self, s: &str, path: &Path<'_>) {
        self.check_str(s, path, Subject::Value);
    }

    /// PS002, PS003 and PS004 on one string: a value, or an object key (reported at the
    /// pointer of the key's value, the message saying `key`).
    fn check_str(&mut self, s: &str, path: &Path<'_>, subject: Subject) {
        let anchors = secrets::scan_anchors(s);
        if anchors != 0 {
            if anchors & !secrets::URL_ANCHOR != 0 {
                secrets::check_patterns(s, anchors, |message| {
                    self.push(Rule::SecretValue, path, subject.says(message))
                });
            }
            if anchors & secrets::URL_ANCHOR != 0 {
                urls::check_urls(s, |message| {
                    self.push(Rule::PrivateUrl, path, subject.says(message))
                });
            }
        }
        // Bytes bound characters from above, so short strings need no count.
        if s.len() > MAX_FREE_TEXT_CHARS {
            let chars = s.chars().count();
            if chars > MAX_FREE_TEXT_CHARS {
                self.push(
                    Rule::FreeText,
                    path,
                    subject.says(format!(
                        "string has {chars} characters, more than the {MAX_FREE_TEXT_CHARS} allowed \
                         (free text does not belong in evidence)"
                    )),
                );
            }
        }
    }

    fn push(&mut self, rule: Rule, path: &Path<'_>, message: String) {
        self.out.push(Violation {
            rule,
            pointer: path.render(self.base),
            message,
        });
    }
}

/// What the policy makes of an object key on its own: [`is_plain_key`] and [`is_secret_key`].
#[derive(Clone, Copy)]
struct KeyVerdict {
    plain: bool,
    secret: bool,
}

/// Keys longer than this are judged every time, never remembered.
const REMEMBERED_KEY_LEN: usize = 64;

/// How many distinct keys a thread remembers: evidence repeats a few dozen names in every
/// record; text made of ever new keys stops being remembered here and is judged every time.
const REMEMBERED_KEYS: usize = 4096;

thread_local! {
    static KEY_VERDICTS: std::cell::RefCell<
        std::collections::HashMap<Box<str>, KeyVerdict, foldhash::fast::FixedState>,
    > = std::cell::RefCell::default();
}

/// The verdict on `key`, remembered per thread for short keys: the same names stand in every
/// record, and one hash lookup costs less than the two scans of the key.
fn key_verdict(key: &str) -> KeyVerdict {
    let judge = || KeyVerdict {
        plain: is_plain_key(key),
        secret: is_secret_key(key),
    };
    if key.len() > REMEMBERED_KEY_LEN {
        return judge();
    }
    KEY_VERDICTS.with_borrow_mut(|known| {
        if let Some(v) = known.get(key) {
            return *v;
        }
        let v = judge();
        if known.len() < REMEMBERED_KEYS {
            known.insert(key.into(), v);
        }
        v
    })
}

/// A key that no rule on strings can refuse, decided in one pass without the anchor scan
/// (keys repeat in every record, so this spares most of them): at most 2,048 bytes (PS004),
/// only ASCII letters, digits and `_`, with no `A` and neither `gh` nor `sk`. URLs need `:`;
/// the PEM, Bearer/Basic, JWT, Slack token and webhook patterns need `-`, a space or `.`;
/// what is left of appendix B in such text starts with `AKIA`, `AIza`, `gh…_` or `sk_live_`.
#[inline]
fn is_plain_key(key: &str) -> bool {
    if key.len() > MAX_FREE_TEXT_CHARS {
        return false;
    }
    // Branch-free over the bytes: bit 0 of `bad` is a byte outside the class (or `A`); a `g`
    // (bit 1) or `s` (bit 2) shifted by two meets an `h` (bit 3) or `k` (bit 4) after it.
    let (bad, _) = key.bytes().fold((0u8, 0u8), |(bad, prev), b| {
        let c = KEY_CLASS[b as usize];
        (bad | (c & 1) | ((prev << 2) & c & 0b1_1000), c)
    });
    bad == 0
}

/// [`is_plain_key`]'s byte classes: 1 outside `[A-Za-z0-9_]` or `A`; 2 `g`, 4 `s`, 8 `h`,
/// 16 `k`; 0 otherwise.
const KEY_CLASS: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'_' {
            t[b] = 0;
        }
        b += 1;
    }
    t[b'A' as usize] = 1;
    t[b'g' as usize] = 2;
    t[b's' as usize] = 4;
    t[b'h' as usize] = 8;
    t[b'k' as usize] = 16;
    t
};

/// What a string is: a value, or an object key.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Subject {
    Value,
    Key,
}

impl Subject {
    /// The message of a violation in this subject: value messages start with `string` (or
    /// `URL`); a key's say `key` instead (only built for a violation).
    fn says(self, message: String) -> String {
        match self {
            Subject::Value => message,
            Subject::Key => match message.strip_prefix("string ") {
                Some(rest) => format!("key {rest}"),
                None => format!("key holds {message}"),
            },
        }
    }
}
