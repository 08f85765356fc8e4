//! The JSON value cavra reads evidence into.
//!
//! `serde_json::Value` keeps only the last of two equal keys and re-orders keys, but the
//! spec needs both facts: a duplicate key makes a record invalid (§2.1) and `ingest` copies a
//! record "as it is". [`Json`] therefore keeps every object entry in document order, duplicates
//! included. Parsing goes through serde_json's own deserializer, so the strict RFC 8259 rules,
//! the 128-level nesting limit, lone-surrogate refusal and `float_roundtrip` numbers are exactly
//! serde_json's.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt::Write as _;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Number;

/// A parsed JSON value that keeps object entries in order, duplicates included. Strings
/// borrow from the parsed text when they hold no escape, so reading a record allocates
/// little more than its arrays and objects.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Num(Number),
    Str(Cow<'a, str>),
    Arr(Vec<Json<'a>>),
    Obj(Vec<(Cow<'a, str>, Json<'a>)>),
}

/// A value that borrows nothing (kept beyond the text it was parsed from).
pub type OwnedJson = Json<'static>;

impl<'a> Json<'a> {
    /// A string value.
    pub fn str(s: impl Into<Cow<'a, str>>) -> Json<'a> {
        Json::Str(s.into())
    }

    /// The same value, owning all its strings.
    pub fn into_owned(self) -> OwnedJson {
        match self {
            Json::Null => Json::Null,
            Json::Bool(b) => Json::Bool(b),
            Json::Num(n) => Json::Num(n),
            Json::Str(s) => Json::Str(Cow::Owned(s.into_owned())),
            Json::Arr(items) => Json::Arr(items.into_iter().map(Json::into_owned).collect()),
            Json::Obj(entries) => Json::Obj(
                entries
                    .into_iter()
                    .map(|(k, v)| (Cow::Owned(k.into_owned()), v.into_owned()))
                    .collect(),
            ),
        }
    }

    /// The first entry named `key` of an object (`None` for other values).
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Obj(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_obj(&self) -> Option<&[(Cow<'a, str>, Json<'a>)]> {
        match self {
            Json::Obj(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_arr(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Arr(items) => Some(items),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// A short name of the value's type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Num(n) if n.is_f64() => "a number with a fraction",
            Json::Num(_) => "an integer",
            Json::Str(s) if s.is_empty() => "an empty string",
            Json::Str(_) => "a string",
            Json::Arr(_) => "an array",
            Json::Obj(_) => "an object",
        }
    }

    /// Whether any object inside holds a key twice (no allocation for small objects).
    pub fn has_duplicate_key(&self) -> bool {
        match self {
            Json::Obj(entries) => {
                object_has_duplicate(entries) || entries.iter().any(|(_, v)| v.has_duplicate_key())
            }
            Json::Arr(items) => items.iter().any(Json::has_duplicate_key),
            _ => false,
        }
    }

    /// The JSON pointer (RFC 6901) of the first key that appears twice in one object, if any.
    pub fn first_duplicate_key(&self) -> Option<String> {
        if !self.has_duplicate_key() {
            return None;
        }
        fn walk(v: &Json, path: &mut String) -> bool {
            match v {
                Json::Obj(entries) => {
                    for (i, (k, _)) in entries.iter().enumerate() {
                        if entries[..i].iter().any(|(p, _)| p == k) {
                            push_pointer(path, k);
                            return true;
                        }
                    }
                    for (k, child) in entries {
                        let len = path.len();
                        push_pointer(path, k);
                        if walk(child, path) {
                            return true;
                        }
                        path.truncate(len);
                    }
                    false
                }
                Json::Arr(items) => {
                    for (i, child) in items.iter().enumerate() {
                        let len = path.len();
                        let _ = write!(path, "/{i}");
                        if walk(child, path) {
                            return true;
                        }
                        path.truncate(len);
                    }
                    false
                }
                _ => false,
            }
        }
        let mut path = String::new();
        walk(self, &mut path).then_some(path)
    }

    /// Pretty JSON as cavra writes files: 2-space indent, entries in order, trailing newline.
    pub fn to_pretty(&self) -> Result<String, crate::error::Error> {
        let mut out = serde_json::to_string_pretty(self).map_err(|e| {
            crate::error::Error::internal(format!("a record could not be written as JSON: {e}"))
        })?;
        out.push('\n');
        Ok(out)
    }

    /// The same value as a `serde_json::Value` (objects sorted by key; of duplicate keys the
    /// last wins), for canonical JSON.
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Num(n) => Value::Number(n.clone()),
            Json::Str(s) => Value::String(s.to_string()),
            Json::Arr(items) => Value::Array(items.iter().map(Json::to_value).collect()),
            Json::Obj(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_value()))
                    .collect(),
            ),
        }
    }
}

/// Appends `/key` to a JSON pointer, escaping `~` and `/` as RFC 6901 says.
pub fn push_pointer(path: &mut String, key: &str) {
    path.push('/');
    for c in key.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Json<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor(std::marker::PhantomData))
    }
}

struct JsonVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for JsonVisitor<'a> {
    type Value = Json<'a>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json<'a>, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json<'a>, E> {
        Ok(Json::Num(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json<'a>, E> {
        Ok(Json::Num(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Json<'a>, E> {
        Number::from_f64(v)
            .map(Json::Num)
            .ok_or_else(|| E::custom("number out of range"))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Json<'a>, E> {
        Ok(Json::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json<'a>, E> {
        Ok(Json::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E>(self, v: String) -> Result<Json<'a>, E> {
        Ok(Json::Str(Cow::Owned(v)))
    }

    fn visit_unit<E>(self) -> Result<Json<'a>, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Json<'a>, E> {
        Ok(Json::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'a>, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = seq.next_element::<Json<'a>>()? {
            items.push(v);
        }
        Ok(Json::Arr(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'a>, A::Error> {
        let mut entries: Vec<(Cow<'a, str>, Json<'a>)> = Vec::with_capacity(8);
        while let Some(Key(k)) = map.next_key::<Key<'a>>()? {
            let v = map.next_value::<Json<'a>>()?;
            entries.push((k, v));
        }
        // Note a duplicate key while the keys are at hand, so that a text without any
        // needs no second walk (see `parse_flagged`).
        if !DUPLICATE_SEEN.get() && object_has_duplicate(&entries) {
            DUPLICATE_SEEN.set(true);
        }
        Ok(Json::Obj(entries))
    }
}

/// An object key that borrows from the text when it holds no escape.
struct Key<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Key<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for KeyVisitor<'a> {
            type Value = Key<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'a>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'a>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'a>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor(std::marker::PhantomData))
    }
}

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Num(n) => n.serialize(s),
            Json::Str(v) => s.serialize_str(v.as_ref()),
            Json::Arr(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Obj(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k.as_ref(), v)?;
                }
                map.end()
            }
        }
    }
}

thread_local! {
    /// Set by the visitor when an object of the text being parsed holds a key twice.
    static DUPLICATE_SEEN: Cell<bool> = const { Cell::new(false) };
}

/// Whether one object's own entries hold a key twice (no allocation for small objects).
fn object_has_duplicate(entries: &[(Cow<'_, str>, Json<'_>)]) -> bool {
    if entries.len() <= 16 {
        entries
            .iter()
            .enumerate()
            .any(|(i, (k, _))| entries[..i].iter().any(|(p, _)| p == k))
    } else {
        let mut seen = std::collections::HashSet::with_capacity(entries.len());
        !entries.iter().all(|(k, _)| seen.insert(k.as_ref()))
    }
}

/// [`parse`], and whether any object of the text holds a key twice: when it is `false`,
/// no value of the text needs [`Json::first_duplicate_key`].
pub fn parse_flagged(bytes: &[u8]) -> Result<(Json<'_>, bool), serde_json::Error> {
    DUPLICATE_SEEN.set(false);
    let value = parse(bytes)?;
    Ok((value, DUPLICATE_SEEN.get()))
}

/// Parses one JSON text strictly into a value that owns its strings.
pub fn parse_owned(bytes: &[u8]) -> Result<OwnedJson, serde_json::Error> {
    parse(bytes).map(Json::into_owned)
}

/// Parses one JSON text strictly (serde_json's rules, trailing characters refused).
pub fn parse(bytes: &[u8]) -> Result<Json<'_>, serde_json::Error> {
    // One UTF-8 check of the whole text is much cheaper than serde_json's check of every
    // string; text that is not UTF-8 goes the slow way, which finds the same error at the
    // same place.
    match std::str::from_utf8(bytes) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_duplicates() {
        let v = parse(br#"{"b":1,"a":{"x":1,"x":2}}"#).unwrap();
        let keys: Vec<_> = v
            .as_obj()
            .unwrap()
            .iter()
            .map(|(k, _)| k.as_ref())
            .collect();
        assert_eq!(keys, ["b", "a"]);
        assert_eq!(v.first_duplicate_key().as_deref(), Some("/a/x"));
        assert_eq!(
            parse(br#"{"a":[{"k":1},{"k":1}]}"#)
                .unwrap()
                .first_duplicate_key(),
            None
        );
    }

    #[test]
    fn parse_flags_duplicates_anywhere_and_resets() {
        assert!(
            parse_flagged(br#"[{"a":1},{"b":{"c":1,"c":2}}]"#)
                .unwrap()
                .1
        );
        assert!(
            !parse_flagged(br#"[{"a":1},{"a":1}]"#).unwrap().1,
            "equal keys in two objects"
        );
        let many: String = (0..40).map(|i| format!("\"k{i}\":1,")).collect();
        let text = format!("{{{many}\"k7\":2}}");
        assert!(parse_flagged(text.as_bytes()).unwrap().1, "a large object");
        assert!(
            !parse_flagged(b"{}").unwrap().1,
            "the flag resets for every text"
        );
    }

    #[test]
    fn strict_rules() {
        // Each of these is refused by RFC 8259 or by the spec's limits (§2.1).
        for bad in [
            &b"NaN"[..],
            b"[1,]",
            b"{\"a\":1,}",
            b"// c\n{}",
            b"\"\\ud800\"",
            b"1e400",
            b"{} {}",
        ] {
            assert!(parse(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
        let deep_ok = format!("{}{}", "[".repeat(127), "]".repeat(127));
        assert!(parse(deep_ok.as_bytes()).is_ok());
        let deep_bad = format!("{}{}", "[".repeat(128), "]".repeat(128));
        assert!(parse(deep_bad.as_bytes()).is_err());
    }

    #[test]
    fn numbers_round_trip() {
        let text =
            r#"[1,-1,1.0,0.1,18446744073709551615,-9223372036854775808,1.7976931348623157e+308]"#;
        let v = parse(text.as_bytes()).unwrap();
        assert_eq!(serde_json::to_string(&v).unwrap(), text);
        assert_ne!(parse(b"1").unwrap(), parse(b"1.0").unwrap());
    }

    #[test]
    fn pointer_escapes() {
        let mut p = String::new();
        push_pointer(&mut p, "a/b~c");
        assert_eq!(p, "/a~1b~0c");
    }
}
