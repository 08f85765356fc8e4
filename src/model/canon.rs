//! Canonical JSON (§2.4), derived ids, and the content hash used to tell duplicates from
//! conflicts.
//!
//! Canonical JSON: object keys sorted by code point (byte order of UTF-8), no insignificant
//! white space, numbers and strings as serde_json writes them. Ids are a kind prefix plus the
//! first 16 hex digits of SHA-256 over that text.

use std::hash::{BuildHasher, Hasher};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::json::Json;

/// Canonical JSON text of a value.
///
/// serde_json's map is a BTreeMap (no `preserve_order` feature), so every object's keys are
/// in byte order, which is code point order for UTF-8. Writing a `Value` into a `String`
/// cannot fail, so no failure can turn into the hash of an empty text.
pub fn canonical(value: &serde_json::Value) -> String {
    value.to_string()
}

/// The original system's JSON of a value: Python's `json.dumps(value, sort_keys=True)`: keys
/// sorted, `", "` and `": "` between items, every character outside ASCII escaped as
/// `\uXXXX` (surrogate pairs above U+FFFF). Its ids hashed this text (issue 9's facts, checked
/// on the original system's store).
pub fn python_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    write_python(value, &mut out);
    out
}

fn write_python(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => {
            out.push('"');
            for c in s.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    '\u{8}' => out.push_str("\\b"),
                    '\u{c}' => out.push_str("\\f"),
                    c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                        let mut units = [0u16; 2];
                        for unit in c.encode_utf16(&mut units) {
                            out.push_str(&format!("\\u{unit:04x}"));
                        }
                    }
                    c => out.push(c),
                }
            }
            out.push('"');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_python(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            // serde_json's map is sorted by key (byte order, which is Python's code point
            // order for the keys cavra hashes).
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_python(&Value::String(k.clone()), out);
                out.push_str(": ");
                write_python(v, out);
            }
            out.push('}');
        }
    }
}

/// Lower-case hex SHA-256 of `text`.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        out.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(b & 15), 16).unwrap_or('0'));
    }
    out
}

/// `prefix` + the first 16 hex digits of SHA-256 over the canonical JSON of `material`.
pub fn derive_id(prefix: &str, material: &serde_json::Value) -> String {
    let hex = sha256_hex(&canonical(material));
    format!("{prefix}{}", &hex[..16])
}

/// The hasher of identities and contents: foldhash's quality variant with a fixed seed, so a
/// run is reproducible. These hashes only tell records apart; they never reach an output.
fn hasher() -> impl Hasher {
    foldhash::quality::FixedState::with_seed(0x6361_7672_615f_6964).build_hasher()
}

/// Builds a derived id piece by piece, so that a document with a long array (the report's
/// rows) never exists as one JSON tree: the caller writes the canonical text in order
/// (object keys sorted), each element through [`IdDigest::value`].
///
/// A value that cannot be written as JSON (never one of cavra's own) is remembered, and
/// [`IdDigest::id`] then fails instead of hashing what was left out.
pub struct IdDigest {
    sha: Sha256,
    failed: Option<String>,
    /// One value's JSON, reused: the hash is fed whole values, not serde's small pieces.
    buf: Vec<u8>,
}

impl IdDigest {
    pub fn new() -> IdDigest {
        IdDigest {
            sha: Sha256::new(),
            failed: None,
            buf: Vec::new(),
        }
    }

    /// Raw canonical text (punctuation and keys, written by the caller in sorted order).
    pub fn raw(&mut self, text: &str) -> &mut IdDigest {
        self.sha.update(text.as_bytes());
        self
    }

    /// The canonical JSON of a value.
    pub fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> &mut IdDigest {
        match serde_json::to_value(value) {
            Ok(v) => self.sha.update(canonical(&v).as_bytes()),
            Err(e) => self.failed = Some(e.to_string()),
        }
        self
    }

    /// A value whose serialization is already canonical — a struct with its fields declared
    /// in sorted order and no maps inside — written straight as compact JSON, without the
    /// detour through a sorted tree that [`IdDigest::value`] takes.
    pub fn sorted_value<T: Serialize + ?Sized>(&mut self, value: &T) -> &mut IdDigest {
        self.buf.clear();
        match serde_json::to_writer(&mut self.buf, value) {
            Ok(()) => self.sha.update(&self.buf),
            Err(e) => self.failed = Some(e.to_string()),
        }
        self
    }

    /// A JSON array of values, element by element.
    pub fn array<'a, T: Serialize + 'a>(
        &mut self,
        items: impl IntoIterator<Item = &'a T>,
    ) -> &mut IdDigest {
        self.raw("[");
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                self.raw(",");
            }
            self.value(item);
        }
        self.raw("]")
    }

    /// `prefix` + the first 16 hex digits of the digest.
    pub fn id(self, prefix: &str) -> Result<String, crate::error::Error> {
        if let Some(why) = self.failed {
            return Err(crate::error::Error::internal(format!(
                "a derived id could not be computed: {why}"
            )));
        }
        let digest = self.sha.finalize();
        let mut out = String::with_capacity(prefix.len() + 16);
        out.push_str(prefix);
        for b in digest.iter().take(8) {
            out.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
            out.push(char::from_digit(u32::from(b & 15), 16).unwrap_or('0'));
        }
        Ok(out)
    }
}

impl Default for IdDigest {
    fn default() -> Self {
        IdDigest::new()
    }
}

/// A 64-bit hash of a value's content, independent of key order and white space, so that two
/// records are "equal" (§2.4) exactly when their hashes are (up to a negligible collision
/// chance). `override_kind` replaces the top-level `metadata_kind`, because records are
/// compared with the kind written in full.
pub fn content_hash(value: &Json, override_kind: Option<&str>) -> u64 {
    hash_value(value, override_kind)
}

/// An object's hash combines its entries' hashes with a commutative sum, so key order does not
/// matter and nothing has to be sorted or allocated.
fn hash_value(v: &Json, top_kind: Option<&str>) -> u64 {
    let mut h = hasher();
    match v {
        Json::Null => h.write_u8(0),
        Json::Bool(b) => {
            h.write_u8(1);
            h.write_u8(u8::from(*b));
        }
        Json::Num(n) => {
            if let Some(u) = n.as_u64() {
                h.write_u8(2);
                h.write_u64(u);
            } else if let Some(i) = n.as_i64() {
                h.write_u8(3);
                h.write_i64(i);
            } else {
                h.write_u8(4);
                let f = n.as_f64().unwrap_or(0.0);
                // serde_json compares floats with `==`, so -0.0 equals 0.0.
                let f = if f == 0.0 { 0.0 } else { f };
                h.write_u64(f.to_bits());
            }
        }
        Json::Str(s) => {
            h.write_u8(5);
            h.write(s.as_bytes());
            h.write_u8(0xff);
        }
        Json::Arr(items) => {
            h.write_u8(6);
            h.write_usize(items.len());
            for item in items {
                h.write_u64(hash_value(item, None));
            }
        }
        Json::Obj(entries) => {
            h.write_u8(7);
            h.write_usize(entries.len());
            let mut sum: u64 = 0;
            for (k, child) in entries {
                let value = match (top_kind, k.as_ref()) {
                    (Some(kind), "metadata_kind") => {
                        let mut kh = hasher();
                        kh.write_u8(5);
                        kh.write(kind.as_bytes());
                        kh.write_u8(0xff);
                        kh.finish()
                    }
                    _ => hash_value(child, None),
                };
                let mut eh = hasher();
                eh.write(k.as_bytes());
                eh.write_u8(0xff);
                eh.write_u64(value);
                sum = sum.wrapping_add(eh.finish());
            }
            h.write_u64(sum);
        }
    }
    h.finish()
}

/// A 64-bit hash of a record identity (kind index + id).
pub fn identity_hash(kind: u8, id: &str) -> u64 {
    let mut h = hasher();
    h.write_u8(kind);
    h.write(id.as_bytes());
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::json::parse;

    #[test]
    fn canonical_sorts_keys_and_drops_space() {
        let v = parse(br#"{"b": 1, "a": [1.0, "x"], "\u00e9": null, "Z": true}"#).unwrap();
        assert_eq!(
            canonical(&v.to_value()),
            r#"{"Z":true,"a":[1.0,"x"],"b":1,"é":null}"#
        );
    }

    #[test]
    fn python_json_is_json_dumps_sort_keys() {
        // json.dumps({"b": [1, 2.5, None], "a": "é\u2603\U0001f600\"\n", "c": {}}, sort_keys=True)
        let v =
            serde_json::json!({"b": [1, 2.5, null], "a": "é\u{2603}\u{1f600}\"\n\u{7f}", "c": {}});
        assert_eq!(
            python_json(&v),
            r#"{"a": "\u00e9\u2603\ud83d\ude00\"\n\u007f", "b": [1, 2.5, null], "c": {}}"#
        );
    }

    #[test]
    fn sha256_known_vector() {
        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(derive_id("p-", &serde_json::json!("abc")).len(), 2 + 16);
    }

    #[test]
    fn piecewise_digest_equals_whole() {
        let rows = vec![
            serde_json::json!({"b": 1, "a": "x"}),
            serde_json::json!({"c": [1.5, null]}),
        ];
        let whole = derive_id("p-", &serde_json::json!({"n": 2, "rows": rows, "z": "t"}));
        let mut d = IdDigest::new();
        d.raw(r#"{"n":"#)
            .value(&2)
            .raw(r#","rows":"#)
            .array(&rows)
            .raw(r#","z":"#)
            .value("t")
            .raw("}");
        assert_eq!(d.id("p-").unwrap(), whole);
    }

    #[test]
    fn content_hash_ignores_order_not_types() {
        let a = parse(br#"{"a":1,"b":{"c":[1,2]}}"#).unwrap();
        let b = parse(br#"{ "b" : {"c":[1,2]}, "a":1 }"#).unwrap();
        let c = parse(br#"{"a":1.0,"b":{"c":[1,2]}}"#).unwrap();
        let d = parse(br#"{"a":1,"b":{"c":[2,1]}}"#).unwrap();
        assert_eq!(content_hash(&a, None), content_hash(&b, None));
        assert_ne!(content_hash(&a, None), content_hash(&c, None));
        assert_ne!(content_hash(&a, None), content_hash(&d, None));
    }

    #[test]
    fn content_hash_compares_full_kind() {
        let short = parse(br#"{"metadata_kind":"retry-execution-record","x":1}"#).unwrap();
        let full = parse(
            br#"{"metadata_kind":"go-backend-rollback-drill-acknowledgement-audit-delivery-retry-execution-record","x":1}"#,
        )
        .unwrap();
        let kind =
            "go-backend-rollback-drill-acknowledgement-audit-delivery-retry-execution-record";
        assert_eq!(
            content_hash(&short, Some(kind)),
            content_hash(&full, Some(kind))
        );
    }
}
