//! Query strings, strictly (§7): decoded by hand so that nothing is guessed, then handed to
//! an operation's serde `Input` through a small deserializer.
//!
//! - `+` is a space and `%XX` a byte; a bad escape, invalid UTF-8 or a control character
//!   in a name or value is a 400 (never replacement characters);
//! - a repeated parameter is a 400; an empty value counts as absent;
//! - values are typed by the field they fill: a whole number (`not a whole number`), `true`
//!   or `false` (`neither true nor false`), or text; an unknown name is a 400 that lists the
//!   names the endpoint takes.

use std::fmt;

use serde::de::{self, DeserializeOwned, IntoDeserializer, MapAccess, Visitor};
use serde::forward_to_deserialize_any;

/// Why a query was refused, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub message: String,
    pub hint: Option<String>,
}

impl QueryError {
    fn new(message: impl Into<String>) -> QueryError {
        QueryError {
            message: message.into(),
            hint: None,
        }
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for QueryError {}

impl de::Error for QueryError {
    fn custom<T: fmt::Display>(msg: T) -> QueryError {
        QueryError::new(msg.to_string())
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> QueryError {
        QueryError::new(format!(
            "unknown query parameter {field:?}: this endpoint takes {}",
            expected.join(", ")
        ))
    }
}

/// The decoded, checked `(name, value)` pairs of a query, empty values left out, in order.
pub fn pairs(raw: Option<&str>) -> Result<Vec<(String, String)>, QueryError> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for part in raw.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        let name = decode(name)?;
        let value = decode(value)?;
        if seen.contains(&name) {
            return Err(QueryError::new(format!(
                "query parameter {name:?} is given more than once"
            )));
        }
        seen.push(name.clone());
        if !value.is_empty() {
            out.push((name, value));
        }
    }
    Ok(out)
}

/// Reads a query into `T`. Every name the query gives (empty or not) must be a field of `T`.
pub fn parse<T: DeserializeOwned>(raw: Option<&str>) -> Result<T, QueryError> {
    // Names given with an empty value are absent, but must still be known names: ask serde
    // with them present as empty text first, which only fails on an unknown name.
    let all: Vec<String> = raw
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| decode(p.split_once('=').map_or(p, |(n, _)| n)))
        .collect::<Result<_, _>>()?;
    let given = pairs(raw)?;
    for name in &all {
        if !given.iter().any(|(n, _)| n == name) {
            T::deserialize(Query {
                pairs: vec![(name.clone(), String::new())],
                at: 0,
                probe: true,
            })
            .map(drop)
            .or_else(|e| {
                if e.message.starts_with("unknown query parameter") {
                    Err(e)
                } else {
                    Ok(())
                }
            })?;
        }
    }
    T::deserialize(Query {
        pairs: given,
        at: 0,
        probe: false,
    })
}

/// Percent-decodes one name or value (`+` is a space) and checks it.
fn decode(text: &str) -> Result<String, QueryError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| {
                        QueryError::new(format!(
                            "the query holds a bad percent escape near {:?}",
                            &text[i..text.len().min(i + 3)]
                        ))
                    })?;
                out.push(hex);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    let s = String::from_utf8(out).map_err(|_| QueryError {
        message: "the query is not UTF-8 once decoded".to_owned(),
        hint: Some("percent-encode text as UTF-8".to_owned()),
    })?;
    if s.chars().any(char::is_control) {
        return Err(QueryError::new(format!(
            "the query parameter {s:?} holds a control character"
        )));
    }
    Ok(s)
}

/// The query as a map for serde.
struct Query {
    pairs: Vec<(String, String)>,
    at: usize,
    /// Only names are being checked: every value deserializes as absent.
    probe: bool,
}

impl<'de> de::Deserializer<'de> for Query {
    type Error = QueryError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        visitor.visit_map(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de> MapAccess<'de> for Query {
    type Error = QueryError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, QueryError> {
        match self.pairs.get(self.at) {
            None => Ok(None),
            Some((name, _)) => seed
                .deserialize(name.as_str().into_deserializer())
                .map(Some),
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, QueryError> {
        let (name, value) = self.pairs[self.at].clone();
        self.at += 1;
        seed.deserialize(Text {
            name,
            value,
            probe: self.probe,
        })
    }
}

/// One value, typed by what its field asks for.
struct Text {
    name: String,
    value: String,
    probe: bool,
}

impl<'de> de::Deserializer<'de> for Text {
    type Error = QueryError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        visitor.visit_string(self.value)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        if self.probe {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        match self.value.as_str() {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ if self.probe => visitor.visit_bool(false),
            other => Err(QueryError::new(format!(
                "{} {other:?} is neither true nor false",
                self.name
            ))),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, QueryError> {
        if self.probe {
            return visitor.visit_u64(0);
        }
        let digits = !self.value.is_empty() && self.value.bytes().all(|b| b.is_ascii_digit());
        match self.value.parse::<u64>() {
            Ok(n) if digits => visitor.visit_u64(n),
            _ => Err(QueryError {
                message: format!("{} {:?} is not a whole number", self.name, self.value),
                hint: Some("give a whole number of 0 or more".to_owned()),
            }),
        }
    }

    forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Q {
        #[serde(default)]
        recovery_slo_minutes: Option<u64>,
        #[serde(default)]
        generated_by: Option<String>,
        #[serde(default)]
        record: bool,
    }

    #[test]
    fn typed_values_and_empty_ones() {
        let q: Q = parse(Some("recovery_slo_minutes=&generated_by=&record=")).unwrap();
        assert_eq!(q, Q::default());
        let q: Q = parse(Some(
            "recovery_slo_minutes=30&generated_by=a+b%21&record=true",
        ))
        .unwrap();
        assert_eq!(
            q,
            Q {
                recovery_slo_minutes: Some(30),
                generated_by: Some("a b!".to_owned()),
                record: true
            }
        );
        assert_eq!(parse::<Q>(None).unwrap(), Q::default());
    }

    #[test]
    fn refusals() {
        for (bad, says) in [
            ("recovery_slo_minutes=-1", "is not a whole number"),
            ("recovery_slo_minutes=abc", "is not a whole number"),
            ("recovery_slo_minutes=1.5", "is not a whole number"),
            ("recovery_slo_minutes=+5", "is not a whole number"),
            (
                "recovery_slo_minutes=99999999999999999999",
                "is not a whole number",
            ),
            ("record=yes", "neither true nor false"),
            ("record=TRUE", "neither true nor false"),
            ("other=1", "unknown query parameter \"other\""),
            ("other=", "unknown query parameter \"other\""),
            ("record=true&record=false", "more than once"),
            ("generated_by=%ff%fe", "not UTF-8"),
            ("generated_by=a%00b", "control character"),
            ("generated_by=a%0Ab", "control character"),
            ("generated_by=%zz", "bad percent escape"),
            ("generated_by=%4", "bad percent escape"),
        ] {
            let e = parse::<Q>(Some(bad)).unwrap_err();
            assert!(e.message.contains(says), "{bad}: {}", e.message);
        }
        let e = parse::<Q>(Some("other=1")).unwrap_err();
        assert!(
            e.message
                .ends_with("this endpoint takes recovery_slo_minutes, generated_by, record"),
            "{}",
            e.message
        );
    }
}
