//! PS003: private URLs inside a string.
//!
//! # Finding URLs
//!
//! A URL starts at `http://` or `https://` (ASCII case-insensitive, anywhere — no word
//! boundary is needed before it) and runs up to the first white space (Unicode `White_Space`,
//! `char::is_whitespace`), `"`, `'`, `<` or `>`, or the end of the string; then every trailing
//! `.`, `,`, `;`, `:`, `!`, `?`, `)`, `]` or `}` is dropped. URLs are found as non-overlapping
//! leftmost matches: the search goes on after the end of the run (before trailing characters
//! were dropped), so an `http://` inside another URL's run is part of that URL's text.
//!
//! # Taking a URL apart (RFC 3986)
//!
//! After the scheme, the fragment starts at the first `#`, the query at the first `?` before
//! it, and the authority runs up to the first `/`, `?` or `#`. In the authority, user info is
//! everything up to the last `@`; the host is what follows, without its port: for a bracketed
//! host the text inside `[` `]` (a `[` that is never closed runs to the end of the authority,
//! since the trailing-`]` rule may have eaten the bracket), otherwise the text up to the first
//! `:`.
//!
//! # What is refused
//!
//! - user info: any `@` in the authority, even with empty user info (`https://@host`);
//! - a query other than exactly `REDACTED` (an empty query before a `#` counts as a query);
//! - a fragment: any `#`, even an empty fragment;
//! - a private host. The host is percent-decoded first (`%6c%6fcalhost` is `localhost`). A
//!   host in any IPv4 form that `inet_aton` accepts (one to four parts, decimal, octal with a
//!   leading `0`, hex with `0x`: `2130706433`, `127.1`, `0x7f.1`, `0177.0.0.1`) is an IPv4
//!   address; a bracketed host without `%` (after decoding) that `Ipv6Addr` parses is an IPv6
//!   address (its IPv4-mapped form `::ffff:a.b.c.d` is
//!   judged as the IPv4 address). Addresses in 0.0.0.0/8, 127.0.0.0/8, 10.0.0.0/8,
//!   172.16.0.0/12, 192.168.0.0/16, 169.254.0.0/16, ::1, fc00::/7 or fe80::/10 are refused;
//!   other addresses (`::`, the IPv4-compatible `::a.b.c.d`, public ones) pass. Any other host
//!   is a name: trailing dots dropped and compared in ASCII lower case (which, for these ASCII
//!   words, is the same as Unicode lower-casing), it is refused when it is `localhost` or ends
//!   in `.localhost`, `.internal`, `.local`, `.corp` or `.lan`. So `010.0.0.1` is 8.0.0.1
//!   and passes, `[fe80::1%25eth0]` (a zone id) is a name and passes, and a single-label
//!   `corp` passes.
//!   An empty host (`http://`, `http:///x`) passes: there is nothing private to name.
//!
//! One violation is reported per refused URL, naming every reason in the order above. The
//! message shows the scheme and host only, never the user info, path, query or fragment.

use std::net::{Ipv4Addr, Ipv6Addr};

/// Characters that end a URL's run (besides white space).
fn ends_run(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>')
}

/// Characters dropped from the end of a URL.
fn trailing_junk(c: char) -> bool {
    matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}')
}

/// Calls `report` with a message for every refused URL in `s`, in text order.
pub(super) fn check_urls(s: &str, mut report: impl FnMut(String)) {
    for url in find_urls(s) {
        if let Some(message) = refusal(url) {
            report(message);
        }
    }
}

/// The `http(s)://` URLs in `s`, as non-overlapping leftmost matches, trailing junk dropped.
pub(super) fn find_urls(s: &str) -> impl Iterator<Item = &str> {
    let bytes = s.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(found) = memchr::memmem::find(&s.as_bytes()[from..], b"://") {
            let colon = from + found;
            // The leftmost URL is the one with the leftmost `://`: starts sit 4 or 5 bytes
            // before it. A start must not reach back before the previous URL's run.
            let start = if colon >= from + 5
                && bytes[colon - 5..colon].eq_ignore_ascii_case(b"https")
            {
                Some(colon - 5)
            } else if colon >= from + 4 && bytes[colon - 4..colon].eq_ignore_ascii_case(b"http") {
                Some(colon - 4)
            } else {
                None
            };
            let Some(start) = start else {
                from = colon + 3;
                continue;
            };
            let after = colon + 3;
            let end = s[after..].find(ends_run).map_or(s.len(), |i| after + i);
            from = end;
            return Some(s[start..end].trim_end_matches(trailing_junk));
        }
        None
    })
}

/// Why a URL is refused, or `None` when it passes.
fn refusal(url: &str) -> Option<String> {
    let colon = url.find("://")?;
    let scheme = &url[..colon];
    let rest = &url[colon + 3..];

    let (before_fragment, has_fragment) = match rest.find('#') {
        Some(i) => (&rest[..i], true),
        None => (rest, false),
    };
    let (before_query, query) = match before_fragment.find('?') {
        Some(i) => (&before_fragment[..i], Some(&before_fragment[i + 1..])),
        None => (before_fragment, None),
    };
    let authority = &before_query[..before_query.find('/').unwrap_or(before_query.len())];
    let (has_user_info, host_port) = match authority.rfind('@') {
        Some(i) => (true, &authority[i + 1..]),
        None => (false, authority),
    };

    let (shown_host, host_problem) = match host_port.strip_prefix('[') {
        Some(inner) => {
            let inner = inner.find(']').map_or(inner, |i| &inner[..i]);
            let decoded = percent_decode(inner);
            let problem = if decoded.contains('%') {
                private_name(&decoded)
            } else {
                match decoded.parse::<Ipv6Addr>() {
                    Ok(addr) => private_v6(addr),
                    Err(_) => private_name(&decoded),
                }
            };
            (Shown::Bracketed(inner), problem)
        }
        None => {
            let raw = host_port.find(':').map_or(host_port, |i| &host_port[..i]);
            let decoded = percent_decode(raw);
            let host = decoded.trim_end_matches('.');
            let problem = match parse_inet_aton(host) {
                Some(addr) => private_v4(addr),
                None => private_name(host),
            };
            (Shown::Plain(raw.trim_end_matches('.')), problem)
        }
    };

    let mut reasons: Vec<&str> = Vec::new();
    if has_user_info {
        reasons.push("user info");
    }
    if query.is_some_and(|q| q != "REDACTED") {
        reasons.push("a query string");
    }
    if has_fragment {
        reasons.push("a fragment");
    }
    if let Some(problem) = host_problem {
        reasons.push(problem);
    }
    if reasons.is_empty() {
        return None;
    }
    Some(format!(
        "URL {}://{} has {}",
        scheme.to_ascii_lowercase(),
        shown_host,
        join_reasons(&reasons)
    ))
}

/// The host as a message shows it: lower case, at most [`Shown::MAX`] characters.
enum Shown<'a> {
    Plain(&'a str),
    Bracketed(&'a str),
}

impl Shown<'_> {
    const MAX: usize = 80;
}

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (open, host, close) = match self {
            Shown::Plain(h) => ("", *h, ""),
            Shown::Bracketed(h) => ("[", *h, "]"),
        };
        f.write_str(open)?;
        for c in host.chars().take(Self::MAX) {
            for lower in c.to_lowercase() {
                write!(f, "{lower}")?;
            }
        }
        if host.chars().nth(Self::MAX).is_some() {
            f.write_str("…")?;
        }
        f.write_str(close)
    }
}

fn join_reasons(reasons: &[&str]) -> String {
    match reasons {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The host with `%XX` escapes decoded (§6, added after the first release:
/// `http://%6c%6fcalhost/` names localhost). Borrowed when there is no `%`, the usual case;
/// a `%` not followed by two hex digits stays as it is, and bytes that are not UTF-8 become
/// U+FFFD (such a host is no address and no private name).
fn percent_decode(host: &str) -> std::borrow::Cow<'_, str> {
    if !host.contains('%') {
        return std::borrow::Cow::Borrowed(host);
    }
    let b = host.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (
                b.get(i + 1).copied().and_then(hex),
                b.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    std::borrow::Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// An IPv4 host in any form `inet_aton` accepts (§6, added after the first release): one to
/// four parts separated by `.`, each decimal, octal with a leading `0` or hexadecimal with
/// `0x`/`0X` (`0x` alone is 0, as URL parsers read it); the last part fills the bytes that
/// are left (`127.1` is 127.0.0.1, `2130706433` is 127.0.0.1, `0x7f.1` too). An empty part,
/// a digit outside the base, a part over 255 before the last, or a last part too large for
/// its bytes make a name, not an address.
fn parse_inet_aton(host: &str) -> Option<Ipv4Addr> {
    let mut parts = [0u32; 4];
    let mut n = 0;
    for part in host.split('.') {
        if n == 4 {
            return None;
        }
        parts[n] = parse_inet_part(part)?;
        n += 1;
    }
    let (last, init) = parts[..n].split_last()?;
    let mut value: u32 = 0;
    for (i, &p) in init.iter().enumerate() {
        if p > 255 {
            return None;
        }
        value |= p << (24 - 8 * i);
    }
    // The last part fills 4 − (n − 1) bytes.
    let room = 8 * (5 - n as u32);
    if room < 32 && *last >> room != 0 {
        return None;
    }
    Some(Ipv4Addr::from(value | last))
}

/// One part of an `inet_aton` address: at most `u32::MAX`.
fn parse_inet_part(part: &str) -> Option<u32> {
    let b = part.as_bytes();
    let (digits, radix) = match b {
        [b'0', b'x' | b'X', rest @ ..] => (rest, 16),
        [b'0', rest @ ..] if !rest.is_empty() => (rest, 8),
        [] => return None,
        _ => (b, 10),
    };
    let mut value: u32 = 0;
    for &c in digits {
        let d = (c as char).to_digit(radix)?;
        value = value.checked_mul(radix)?.checked_add(d)?;
    }
    Some(value)
}

fn private_v4(addr: Ipv4Addr) -> Option<&'static str> {
    match addr.octets() {
        [0, ..] => Some("a private host (0.0.0.0/8 address)"),
        [127, ..] => Some("a private host (loopback address)"),
        [10, ..] | [192, 168, ..] => Some("a private host (RFC 1918 address)"),
        [172, b, ..] if (16..=31).contains(&b) => Some("a private host (RFC 1918 address)"),
        [169, 254, ..] => Some("a private host (link-local address)"),
        _ => None,
    }
}

fn private_v6(addr: Ipv6Addr) -> Option<&'static str> {
    if let Some(v4) = addr.to_ipv4_mapped() {
        return private_v4(v4);
    }
    let first = addr.segments()[0];
    if addr == Ipv6Addr::LOCALHOST {
        Some("a private host (loopback address)")
    } else if first & 0xfe00 == 0xfc00 {
        Some("a private host (unique local address)")
    } else if first & 0xffc0 == 0xfe80 {
        Some("a private host (link-local address)")
    } else {
        None
    }
}

fn private_name(host: &str) -> Option<&'static str> {
    let host = host.trim_end_matches('.');
    let private = host.eq_ignore_ascii_case("localhost")
        || [".localhost", ".internal", ".local", ".corp", ".lan"]
            .iter()
            .any(|suffix| ends_with_ignore_case(host, suffix));
    private.then_some("a private host name")
}

fn ends_with_ignore_case(host: &str, suffix: &str) -> bool {
    host.len() >= suffix.len()
        && host.as_bytes()[host.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}
