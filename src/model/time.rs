//! Timestamps: the grammar of §2.3, instants, and the way cavra writes computed times.
//!
//! Evidence timestamps are compared as instants (seconds + nanoseconds since the Unix epoch),
//! never as strings. Parsing is hand-written because the accepted grammar is narrower than
//! chrono's RFC 3339 parser (no `+0200`, no missing seconds) and wider (a space separator, a
//! bare date, a fraction of any length).

use std::fmt;

use chrono::{DateTime, SecondsFormat};

use crate::error::Error;

/// An instant in UTC with nanosecond precision. Ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ts {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub secs: i64,
    /// Nanoseconds within the second, `0..1_000_000_000`.
    pub nanos: u32,
}

const NANOS: i128 = 1_000_000_000;

impl Ts {
    /// The first instant cavra can write in its own grammar: 0000-01-01T00:00:00Z.
    pub const MIN: Ts = Ts {
        secs: days_from_civil(0, 1, 1) * 86_400,
        nanos: 0,
    };
    /// The last instant cavra can write in its own grammar: 9999-12-31T23:59:59.999999999Z.
    pub const MAX: Ts = Ts {
        secs: days_from_civil(10_000, 1, 1) * 86_400 - 1,
        nanos: 999_999_999,
    };

    pub fn from_nanos(total: i128) -> Ts {
        Ts {
            secs: total.div_euclid(NANOS) as i64,
            nanos: total.rem_euclid(NANOS) as u32,
        }
    }

    pub fn as_nanos(self) -> i128 {
        self.secs as i128 * NANOS + self.nanos as i128
    }

    /// Whole minutes from `earlier` to `self`, floored toward negative infinity (§3).
    pub fn minutes_since(self, earlier: Ts) -> i64 {
        (self.as_nanos() - earlier.as_nanos()).div_euclid(60 * NANOS) as i64
    }

    /// The UTC calendar date, `YYYY-MM-DD`.
    pub fn utc_date(self) -> String {
        let (y, m, d) = civil_from_days(self.secs.div_euclid(86_400));
        if (0..=9999).contains(&y) {
            format!("{y:04}-{m:02}-{d:02}")
        } else {
            format!("{y:+05}-{m:02}-{d:02}")
        }
    }

    /// Whether the instant written in UTC falls in the years 0000–9999, so that what cavra
    /// writes parses back. The grammar's offsets reach a day past both ends
    /// (`9999-12-31T23:59:59-23:59` is in year 10000 in UTC), and computed times (a retry
    /// delay, a schedule window) can reach further.
    pub fn is_writable(self) -> bool {
        (Ts::MIN..=Ts::MAX).contains(&self)
    }

    /// [`Ts::to_rfc3339`] for a computed timestamp, or an invalid-input error (exit 3, HTTP
    /// 400) that names `what` when the instant falls outside the years 0000–9999 in UTC:
    /// cavra never writes a timestamp it cannot read back.
    pub fn to_rfc3339_checked(self, what: &str) -> Result<String, Error> {
        if self.is_writable() {
            return Ok(self.to_rfc3339());
        }
        let side = if self < Ts::MIN {
            "before 0000-01-01T00:00:00Z"
        } else {
            "after 9999-12-31T23:59:59Z"
        };
        Err(Error::invalid(format!(
            "{what} would fall {side}, outside the timestamps cavra can write and read back (years 0000-9999 in UTC)"
        )))
    }

    /// The ISO 8601 week of the UTC date, `YYYY-Www` (the week-numbering year, weeks from
    /// Monday; 2026-06-01 is `2026-W23`).
    pub fn iso_week(self) -> String {
        use chrono::Datelike;
        match DateTime::from_timestamp(self.secs, 0) {
            Some(dt) => {
                let w = dt.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            None => "unknown".to_owned(),
        }
    }

    /// RFC 3339 in UTC with `Z`, fractional seconds only when not zero (3, 6 or 9 digits).
    /// Outside the years 0000–9999 the result is not in cavra's grammar: computed timestamps
    /// go through [`Ts::to_rfc3339_checked`].
    pub fn to_rfc3339(self) -> String {
        match DateTime::from_timestamp(self.secs, self.nanos) {
            Some(dt) => dt.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            // Outside chrono's range (about ±262,000 years): only reachable from absurd input.
            None => format!("{}s", self.secs),
        }
    }

    /// The system clock, truncated to whole seconds (§2.3).
    pub fn now_utc() -> Ts {
        Ts {
            secs: chrono::Utc::now().timestamp(),
            nanos: 0,
        }
    }
}

impl fmt::Display for Ts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

/// Parses a timestamp in the grammar of §2.3; `None` when it is empty or unparseable.
pub fn parse_ts(s: &str) -> Option<Ts> {
    let b = s.as_bytes();
    let year = digits(b, 0, 4)?;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let month = digits(b, 5, 2)?;
    let day = digits(b, 8, 2)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    if b.len() == 10 {
        return Some(Ts {
            secs: days * 86_400,
            nanos: 0,
        });
    }
    if !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let hour = digits(b, 11, 2)?;
    let minute = digits(b, 14, 2)?;
    let second = digits(b, 17, 2)?;
    if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
        return None;
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut i = 19;
    let mut nanos: u32 = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start < 9 {
                nanos = nanos * 10 + u32::from(b[i] - b'0');
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        for _ in (i - start)..9 {
            nanos *= 10;
        }
    }
    let offset_secs = match &b[i..] {
        [] | [b'Z'] | [b'z'] => 0,
        [sign @ (b'+' | b'-'), rest @ ..] if rest.len() == 5 && rest[2] == b':' => {
            let oh = digits(rest, 0, 2)?;
            let om = digits(rest, 3, 2)?;
            if oh > 23 || om > 59 {
                return None;
            }
            let off = oh * 3600 + om * 60;
            if *sign == b'+' { off } else { -off }
        }
        _ => return None,
    };
    Some(Ts {
        secs: days * 86_400 + hour * 3600 + minute * 60 + second - offset_secs,
        nanos,
    })
}

fn digits(b: &[u8], at: usize, n: usize) -> Option<i64> {
    let part = b.get(at..at + n)?;
    let mut v = 0i64;
    for &c in part {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i64::from(c - b'0');
    }
    Some(v)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
const fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: &str) -> i64 {
        parse_ts(s).unwrap().secs
    }

    #[test]
    fn accepted_forms() {
        // 2026-06-01T08:00:00Z is 1780300800 s after the epoch: 20605 days × 86400 + 8 h.
        assert_eq!(days_from_civil(2026, 6, 1), 20_605);
        assert_eq!(secs("2026-06-01T08:00:00Z"), 20_605 * 86_400 + 8 * 3600);
        assert_eq!(secs("2026-06-01t08:00:00z"), secs("2026-06-01T08:00:00Z"));
        assert_eq!(secs("2026-06-01 08:00:00"), secs("2026-06-01T08:00:00Z"));
        assert_eq!(
            secs("2026-06-01T10:00:00+02:00"),
            secs("2026-06-01T08:00:00Z")
        );
        assert_eq!(
            secs("2026-06-01T06:30:00-01:30"),
            secs("2026-06-01T08:00:00Z")
        );
        assert_eq!(secs("2026-06-01"), 20_605 * 86_400);
        let t = parse_ts("2026-06-01T08:00:00.123456789123+00:00").unwrap();
        assert_eq!(t.nanos, 123_456_789);
        assert_eq!(
            parse_ts("2026-06-01T08:00:00.5Z").unwrap().nanos,
            500_000_000
        );
        assert!(parse_ts("2024-02-29").is_some());
        assert!(parse_ts("0000-01-01T00:00:00Z").is_some());
    }

    #[test]
    fn refused_forms() {
        for bad in [
            "",
            "2026-06-01T08:00:00+0200",
            "2026-06-01T08:00",
            "2026-06-01T24:00:00Z",
            "2026-06-01T23:59:60Z",
            "2026-06-01T08:00:00.Z",
            "2026-06-01Z",
            "2026-6-01",
            "2023-02-29",
            "2026-13-01",
            "2026-06-31",
            "2026-06-01T08:00:00 Z",
            "2026-06-01T08:00:00+02",
            " 2026-06-01",
            "２０２６-06-01",
        ] {
            assert_eq!(parse_ts(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn minutes_floor_toward_negative_infinity() {
        let now = parse_ts("2026-06-01T08:00:00Z").unwrap();
        let later = parse_ts("2026-06-01T08:10:30Z").unwrap();
        assert_eq!(now.minutes_since(later), -11);
        assert_eq!(later.minutes_since(now), 10);
    }

    #[test]
    fn utc_dates_across_midnight() {
        // 01:30 at +02:00 is 23:30 the day before in UTC.
        assert_eq!(
            parse_ts("2026-06-01T01:30:00+02:00").unwrap().utc_date(),
            "2026-05-31"
        );
        assert_eq!(
            parse_ts("1969-12-31T23:59:59Z").unwrap().utc_date(),
            "1969-12-31"
        );
    }

    #[test]
    fn the_writable_range_is_years_0000_to_9999_in_utc() {
        // 0000-01-01 is 719,528 days before 1970-01-01 (1970 × 365 + 478 leap days, counting
        // year 0); 10000-01-01 is 2,932,897 days after it (8030 × 365 + 1947 leap days).
        assert_eq!(Ts::MIN.secs, -719_528 * 86_400);
        assert_eq!(Ts::MAX.secs, 2_932_897 * 86_400 - 1);
        assert_eq!(Ts::MIN.to_rfc3339(), "0000-01-01T00:00:00Z");
        assert_eq!(Ts::MAX.to_rfc3339(), "9999-12-31T23:59:59.999999999Z");
        for s in [
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "9999-12-31",
        ] {
            let t = parse_ts(s).unwrap();
            assert!(t.is_writable(), "{s}");
            assert_eq!(parse_ts(&t.to_rfc3339_checked("t").unwrap()), Some(t));
        }
        // In the grammar, but a day outside the range once in UTC.
        for s in ["9999-12-31T23:59:59-23:59", "0000-01-01T00:00:00+00:01"] {
            let t = parse_ts(s).unwrap();
            assert!(!t.is_writable(), "{s}");
            let e = t.to_rfc3339_checked("next_retry_at").unwrap_err();
            assert_eq!(e.exit_code(), 3);
            assert!(e.to_string().contains("next_retry_at would fall"), "{e}");
        }
    }

    #[test]
    fn writes_rfc3339_with_z() {
        assert_eq!(
            parse_ts("2026-06-01T10:00:00+02:00").unwrap().to_rfc3339(),
            "2026-06-01T08:00:00Z"
        );
        assert_eq!(
            parse_ts("2026-06-01T08:00:00.5Z").unwrap().to_rfc3339(),
            "2026-06-01T08:00:00.500Z"
        );
        assert_eq!(
            parse_ts("2026-06-01T08:00:00.000001Z")
                .unwrap()
                .to_rfc3339(),
            "2026-06-01T08:00:00.000001Z"
        );
    }
}
