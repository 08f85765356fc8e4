//! PS001 (secret keys, redaction markers) and PS002 (the credential patterns of appendix B).
//!
//! The appendix B patterns are compiled once. Every one of them (and every URL PS003 looks at)
//! contains a fixed literal, its *anchor* — `-----BEGIN `, `Bearer `, `Basic `, `eyJ`, `AKIA`,
//! `ghp_`, `gho_`, `ghs_`, `ghu_`, `github_pat_`, `xox`, `hooks.slack.com/services/`,
//! `sk_live_`, `AIza`, `://` — so [`scan_anchors`] first finds which anchors occur, in one
//! cheap pass, and only the patterns whose anchor occurs are run. Most strings hold none.

use std::sync::LazyLock;

use regex::Regex;

/// The words PS001 looks for inside a folded key.
const SECRET_WORDS: [&str; 9] = [
    "password",
    "passwd",
    "secret",
    "token",
    "apikey",
    "privatekey",
    "credential",
    "authorization",
    "cookie",
];

/// The shortest secret word: a folded key shorter than this cannot be secret.
const MIN_WORD_LEN: usize = 5;

/// Whether `key` is a secret key for PS001.
///
/// The key is folded by lower-casing each character with Unicode's `char::to_lowercase`
/// (per character, so without the final-sigma rule of `str::to_lowercase`, which cannot change
/// the outcome for these ASCII words) and dropping every character that is not Unicode
/// alphanumeric (`char::is_alphanumeric`, i.e. letters and numbers of any script); the key is
/// secret when the folded text contains one of the words. Note that a few non-ASCII letters
/// fold to ASCII (U+212A KELVIN SIGN to `k`, U+0130 to `i` and a dropped combining dot).
pub fn is_secret_key(key: &str) -> bool {
    const BUF: usize = 128;
    if key.is_ascii() {
        // For ASCII, Unicode lower-casing and alphanumerics are the ASCII ones, and the folded
        // key holds exactly the key's letters (lower-cased): a word whose letters are not all
        // in the key cannot be in the folded key. Most keys rule out every word this way.
        let present = key.bytes().fold(0, |mask, b| mask | LETTER_BIT[b as usize]);
        if !WORD_LETTERS.iter().any(|&word| word & !present == 0) {
            return false;
        }
        if key.len() <= BUF {
            let mut buf = [0u8; BUF];
            let mut n = 0;
            for b in key.bytes() {
                if b.is_ascii_alphanumeric() {
                    buf[n] = b.to_ascii_lowercase();
                    n += 1;
                }
            }
            return contains_secret_word(&buf[..n]);
        }
    }
    let folded: String = key
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect();
    contains_secret_word(folded.as_bytes())
}

/// The set of letters of an ASCII word, one bit per letter `a`..`z`.
const fn letter_set(word: &str) -> u32 {
    let bytes = word.as_bytes();
    let mut set = 0;
    let mut i = 0;
    while i < bytes.len() {
        set |= LETTER_BIT[bytes[i] as usize];
        i += 1;
    }
    set
}

/// For each byte, its letter's bit (either case), or 0.
const LETTER_BIT: [u32; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 26 {
        table[b'a' as usize + b] = 1 << b;
        table[b'A' as usize + b] = 1 << b;
        b += 1;
    }
    table
};

/// The letter sets of [`SECRET_WORDS`].
const WORD_LETTERS: [u32; SECRET_WORDS.len()] = {
    let mut sets = [0; SECRET_WORDS.len()];
    let mut i = 0;
    while i < sets.len() {
        sets[i] = letter_set(SECRET_WORDS[i]);
        i += 1;
    }
    sets
};

/// Whether a byte starts one of [`SECRET_WORDS`].
const STARTS_WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < SECRET_WORDS.len() {
        table[SECRET_WORDS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    table
};

fn contains_secret_word(folded: &[u8]) -> bool {
    if folded.len() < MIN_WORD_LEN {
        return false;
    }
    (0..=folded.len() - MIN_WORD_LEN).any(|i| {
        STARTS_WORD[folded[i] as usize]
            && SECRET_WORDS
                .iter()
                .any(|w| folded[i..].starts_with(w.as_bytes()))
    })
}

/// Whether `s` is a redaction marker: exactly `REDACTED`, `[REDACTED]`, `***` or "".
/// (Null, the fifth marker, is not a string and is let through by the walk.)
pub fn is_redaction_marker(s: &str) -> bool {
    matches!(s, "" | "REDACTED" | "[REDACTED]" | "***")
}

// One bit per family of anchors.
const PEM: u32 = 1 << 0;
const BEARER: u32 = 1 << 1;
const JWT: u32 = 1 << 2;
const AWS: u32 = 1 << 3;
const GITHUB: u32 = 1 << 4;
const SLACK_TOKEN: u32 = 1 << 5;
const SLACK_WEBHOOK: u32 = 1 << 6;
const STRIPE: u32 = 1 << 7;
const GOOGLE: u32 = 1 << 8;
/// `://`: the string may hold an `http(s)://` URL (PS003).
pub(super) const URL_ANCHOR: u32 = 1 << 9;

/// The anchors, each with its family.
pub(super) const ANCHORS: [(&str, u32); 15] = [
    ("-----BEGIN ", PEM),
    ("Bearer ", BEARER),
    ("Basic ", BEARER),
    ("eyJ", JWT),
    ("AKIA", AWS),
    ("ghp_", GITHUB),
    ("gho_", GITHUB),
    ("ghs_", GITHUB),
    ("ghu_", GITHUB),
    ("github_pat_", GITHUB),
    ("xox", SLACK_TOKEN),
    ("hooks.slack.com/services/", SLACK_WEBHOOK),
    ("sk_live_", STRIPE),
    ("AIza", GOOGLE),
    ("://", URL_ANCHOR),
];

/// The key bytes: every anchor holds at least one of them — `B` (`-----BEGIN `, `Bearer `,
/// `Basic `), `J` (`eyJ`), `A` (`AKIA`, `AIza`), `_` (`gh?_`, `github_pat_`, `sk_live_`), `x`
/// (`xox`) and `/` (`hooks.slack.com/services/`, `://`). Most strings hold none.
const KEY_BYTES: [u8; 6] = *b"BJA_x/";

/// The anchors keyed on each key byte (by index into [`ANCHORS`]), at most this many each.
const GROUP_MAX: usize = 6;

/// Per byte: 0, or 1 + the index of its key byte in [`KEY_BYTES`].
const KEY_BYTE: [u8; 256] = {
    let mut table = [0; 256];
    let mut k = 0;
    while k < KEY_BYTES.len() {
        table[KEY_BYTES[k] as usize] = k as u8 + 1;
        k += 1;
    }
    table
};

/// For each key byte, the anchors whose first key byte it is, with that byte's offset in the
/// anchor: `(anchor index, offset)`, unused slots `(usize::MAX, 0)`.
const GROUPS: [[(usize, usize); GROUP_MAX]; KEY_BYTES.len()] = {
    let mut groups = [[(usize::MAX, 0); GROUP_MAX]; KEY_BYTES.len()];
    let mut lens = [0; KEY_BYTES.len()];
    let mut i = 0;
    while i < ANCHORS.len() {
        let text = ANCHORS[i].0.as_bytes();
        let mut j = 0;
        while j < text.len() && KEY_BYTE[text[j] as usize] == 0 {
            j += 1;
        }
        assert!(j < text.len(), "every anchor holds a key byte");
        let k = KEY_BYTE[text[j] as usize] as usize - 1;
        assert!(lens[k] < GROUP_MAX, "GROUP_MAX is large enough");
        groups[k][lens[k]] = (i, j);
        lens[k] += 1;
        i += 1;
    }
    groups
};

/// The families whose anchor occurs in `s` (0 for most strings), exactly: the OR of the
/// families of the anchors that `s.contains`.
///
/// The bytes are looked at eight at a time, testing for a key byte with word arithmetic
/// ("SWAR": a zero byte in the word XOR the key byte repeated); only around a key byte are the
/// anchors keyed on it compared, each at the offset of its first key byte, so every occurrence
/// of every anchor is found (overlapping ones too) and nothing else.
pub(super) fn scan_anchors(s: &str) -> u32 {
    let bytes = s.as_bytes();
    let mut found = 0;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        if chunk_has_key_byte(chunk) {
            for (j, &b) in chunk.iter().enumerate() {
                let k = KEY_BYTE[b as usize];
                if k != 0 {
                    found |= anchors_at(bytes, at + j, k);
                }
            }
        }
        at += 8;
    }
    for (j, &b) in chunks.remainder().iter().enumerate() {
        let k = KEY_BYTE[b as usize];
        if k != 0 {
            found |= anchors_at(bytes, at + j, k);
        }
    }
    found
}

/// Whether one of eight bytes is a key byte.
#[inline(always)]
fn chunk_has_key_byte(chunk: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let word = u64::from_ne_bytes(chunk.try_into().expect("8 bytes"));
    // Non-zero exactly when some byte of `v` is zero.
    let has_zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
    KEY_BYTES.iter().fold(0, |hit, &k| {
        hit | has_zero_byte(word ^ (ONES * u64::from(k)))
    }) != 0
}

/// The families of the anchors keyed on `bytes[i]`, whose [`KEY_BYTE`] entry is `k`.
#[inline]
fn anchors_at(bytes: &[u8], i: usize, k: u8) -> u32 {
    let mut found = 0;
    for &(anchor, offset) in &GROUPS[k as usize - 1] {
        if anchor == usize::MAX {
            break;
        }
        let (text, family) = ANCHORS[anchor];
        if i >= offset && bytes[i - offset..].starts_with(text.as_bytes()) {
            found |= family;
        }
    }
    found
}

/// `\b` in appendix B is an ASCII word boundary.
macro_rules! pattern {
    ($name:ident, $re:expr) => {
        static $name: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(&$re.replace(r"\b", r"(?-u:\b)")).expect($re));
    };
}

pattern!(PEM_RE, r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----");
pattern!(BEARER_RE, r"\b(Bearer|Basic) +[A-Za-z0-9._~+/=-]{8,}");
pattern!(
    JWT_RE,
    r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}"
);
pattern!(AWS_RE, r"\bAKIA[0-9A-Z]{16}\b");
pattern!(
    GITHUB_RE,
    r"\b(ghp|gho|ghs|ghu)_[A-Za-z0-9]{20,}|\bgithub_pat_[A-Za-z0-9_]{20,}"
);
pattern!(SLACK_TOKEN_RE, r"\bxox[a-z]-[A-Za-z0-9-]{8,}");
pattern!(
    SLACK_WEBHOOK_RE,
    r"hooks\.slack\.com/services/[A-Za-z0-9_/-]+"
);
pattern!(STRIPE_RE, r"\bsk_live_[A-Za-z0-9]{8,}");
pattern!(GOOGLE_RE, r"\bAIza[0-9A-Za-z_-]{35}");

/// One appendix B pattern: its anchor family and what a match is reported as.
#[derive(Clone, Copy)]
enum Pattern {
    /// Refused on any match.
    Simple(&'static LazyLock<Regex>, &'static str),
    /// Refused when some match's credential holds a digit.
    BearerBasic,
    /// Refused when some match's last path segment is not `REDACTED`.
    SlackWebhook,
}

/// Appendix B, in its order.
const PATTERNS: [(u32, Pattern); 9] = [
    (PEM, Pattern::Simple(&PEM_RE, "a PEM private key")),
    (BEARER, Pattern::BearerBasic),
    (JWT, Pattern::Simple(&JWT_RE, "a JSON Web Token")),
    (AWS, Pattern::Simple(&AWS_RE, "an AWS access key id")),
    (GITHUB, Pattern::Simple(&GITHUB_RE, "a GitHub token")),
    (
        SLACK_TOKEN,
        Pattern::Simple(&SLACK_TOKEN_RE, "a Slack token"),
    ),
    (SLACK_WEBHOOK, Pattern::SlackWebhook),
    (STRIPE, Pattern::Simple(&STRIPE_RE, "a Stripe live key")),
    (GOOGLE, Pattern::Simple(&GOOGLE_RE, "a Google API key")),
];

/// Runs the appendix B patterns whose anchor family is in `anchors`, in the appendix's order,
/// and reports one message per pattern that finds a credential.
pub(super) fn check_patterns(s: &str, anchors: u32, mut report: impl FnMut(String)) {
    for (family, pattern) in PATTERNS {
        if anchors & family == 0 {
            continue;
        }
        match pattern {
            Pattern::Simple(re, what) => {
                if re.is_match(s) {
                    report(format!("string looks like {what}"));
                }
            }
            Pattern::BearerBasic => {
                if let Some(keyword) = bearer_with_digit(s) {
                    report(format!("string looks like a {keyword} credential"));
                }
            }
            Pattern::SlackWebhook => {
                if has_live_slack_webhook(s) {
                    report("string holds a Slack webhook URL that is not redacted".to_owned());
                }
            }
        }
    }
}

/// The keyword (`Bearer` or `Basic`) of a Bearer/Basic match whose credential contains a digit.
///
/// Every match is looked at, overlapping ones included: each search restarts one byte after
/// the previous match's start, so `Bearer abcdefgh.Basic 12345678` is refused (the second
/// keyword starts a match of its own with a digit in its credential). For one start the
/// greedy match takes the whole run of credential characters, so if any shorter run from that
/// start holds a digit, this one does too.
fn bearer_with_digit(s: &str) -> Option<&'static str> {
    let mut at = 0;
    while let Some(m) = BEARER_RE.find_at(s, at) {
        let text = m.as_str();
        let keyword = if text.starts_with("Bearer") {
            "Bearer"
        } else {
            "Basic"
        };
        let credential = text[keyword.len()..].trim_start_matches(' ');
        if credential.bytes().any(|b| b.is_ascii_digit()) {
            return Some(keyword);
        }
        at = m.start() + 1;
    }
    None
}

/// Whether `s` holds a Slack webhook URL whose last path segment is not `REDACTED`.
///
/// Matches cannot overlap (the path run stops at the `.` of any later `hooks.slack.com`).
/// The last segment is what follows the match's last `/` (empty after a trailing slash, which
/// is refused: only `REDACTED` passes).
fn has_live_slack_webhook(s: &str) -> bool {
    SLACK_WEBHOOK_RE
        .find_iter(s)
        .any(|m| m.as_str().rsplit('/').next() != Some("REDACTED"))
}
