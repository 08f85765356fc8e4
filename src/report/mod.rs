//! Pure computation of every document: no I/O, no clock (`now` is a parameter).

pub mod ack;
pub mod closure;
pub mod dashboard;
pub mod diff;
pub mod escalation;
pub mod execs;
pub mod executive;
pub mod html;
pub mod links;
pub mod recovery_times;
pub mod retry;
pub mod retry_plan;
pub mod schedule;
pub mod schema;
pub mod shape;
pub mod verify;

#[cfg(test)]
#[path = "tests.rs"]
mod rules;

use crate::model::time::Ts;

/// The ordering rule of §2.4: is `a` later than `b`? Greater instant first, unknown instants
/// last, and at equal instants the smaller id counts as the later one.
pub fn later(a: (Option<Ts>, &str), b: (Option<Ts>, &str)) -> bool {
    match a.0.cmp(&b.0) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => a.1 < b.1,
    }
}

/// Rounds a rate to 4 decimals the way the exact binary value rounds (Python's `round(x, 4)`).
pub fn round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// A rate `num ÷ den` rounded to 4 decimals; `None` when `den` is 0.
pub fn rate(num: u64, den: u64) -> Option<f64> {
    (den > 0).then(|| round4(num as f64 / den as f64))
}

/// The product name every document carries.
#[doc(inline)]
pub use crate::model::stored::PRODUCT;

/// A state given by an operator (§4.2, §4.3): normalised like every state (trim, lower-case,
/// `-` → `_`); blank or absent means `default`; anything outside `allowed` is refused with
/// the allowed list.
pub fn pick_state(
    raw: Option<&str>,
    default: &str,
    allowed: &[&str],
    what: &str,
) -> Result<String, crate::error::Error> {
    let state = raw.map(crate::model::normalize::norm).unwrap_or_default();
    if state.is_empty() {
        return Ok(default.to_owned());
    }
    if allowed.contains(&state.as_str()) {
        return Ok(state);
    }
    Err(crate::error::Error::invalid(format!(
        "{what} {:?} is not one of the allowed states: {}",
        raw.unwrap_or_default(),
        allowed.join(", ")
    ))
    .with_hint(format!("use one of: {}", allowed.join(", "))))
}

/// The top-level keys of a document as serialized, in order (tests of field order).
#[cfg(test)]
pub(crate) fn keys_of<T: serde::Serialize>(value: &T) -> Vec<String> {
    let text = serde_json::to_string(value).expect("serializable");
    let json = crate::model::json::parse(text.as_bytes()).expect("valid JSON");
    json.as_obj()
        .expect("an object")
        .iter()
        .map(|(k, _)| k.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::parse_ts;

    #[test]
    fn later_orders_by_instant_then_id() {
        let t1 = parse_ts("2026-01-01T00:00:00Z");
        let t2 = parse_ts("2026-01-01T01:00:00+01:00"); // the same instant as t1
        let t3 = parse_ts("2026-01-02");
        assert!(later((t3, "b"), (t1, "a")));
        assert!(!later((t1, "a"), (t3, "b")));
        assert!(
            later((t1, "a"), (t2, "b")),
            "equal instants: the smaller id is later"
        );
        assert!(!later((t2, "b"), (t1, "a")));
        assert!(
            later((t1, "z"), (None, "a")),
            "unknown instants are older than any known"
        );
        assert!(later((None, "a"), (None, "b")));
    }

    #[test]
    fn rates_round_like_python() {
        // 1/3 = 0.33333… → 0.3333; 2/3 = 0.66666… → 0.6667 (by hand).
        assert_eq!(rate(1, 3), Some(0.3333));
        assert_eq!(rate(2, 3), Some(0.6667));
        assert_eq!(rate(0, 5), Some(0.0));
        assert_eq!(rate(5, 5), Some(1.0));
        assert_eq!(rate(3, 0), None);
        // 0.00005 is stored as 5.00000000000000023960868011929e-05, above the half: rounds up.
        assert_eq!(round4(0.00005), 0.0001);
        // 0.12345 is stored as 0.12345000000000000417…, above the half: 0.1235.
        assert_eq!(round4(0.12345), 0.1235);
        // 0.00015 is stored as 0.00014999999999999998686…, below the half: 0.0001, where
        // rounding the decimal text half-up would give 0.0002.
        assert_eq!(round4(0.00015), 0.0001);
        // 0.30005 is stored as 0.30004999999999998339…: 0.3.
        assert_eq!(round4(0.30005), 0.3);
        // 0.00125 is stored as 0.00125000000000000002602…: rounds up to 0.0013.
        assert_eq!(round4(0.00125), 0.0013);
    }
}
