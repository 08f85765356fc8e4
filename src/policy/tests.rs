//! Table-driven tests of PS001–PS004.

use super::*;
use crate::model::json::parse;

/// (rule, pointer) of every violation of a JSON text.
fn found(json: &str) -> Vec<(&'static str, String)> {
    let value = parse(json.as_bytes()).unwrap_or_else(|e| panic!("bad test JSON {json}: {e}"));
    check(&value)
        .into_iter()
        .map(|v| (v.rule.code(), v.pointer))
        .collect()
}

/// (rule, pointer) of the violations of one string value (checked as `{"v": s}`).
fn found_in_value(s: &str) -> Vec<&'static str> {
    let value = Json::Obj(vec![("v".into(), Json::str(s.to_owned()))]);
    check(&value)
        .into_iter()
        .map(|v| {
            assert_eq!(v.pointer, "/v", "{s:?}");
            v.rule.code()
        })
        .collect()
}

fn run_table(cases: &[(&str, &[(&str, &str)])]) {
    let mut failures = Vec::new();
    for (json, want) in cases {
        let got = found(json);
        let want: Vec<(&str, String)> = want.iter().map(|(r, p)| (*r, p.to_string())).collect();
        if got != want {
            failures.push(format!("{json}\n   got  {got:?}\n   want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn run_strings(rule: &str, cases: &[(&str, bool)]) {
    let mut failures = Vec::new();
    for (s, refused) in cases {
        let got = found_in_value(s);
        let want: Vec<&str> = if *refused { vec![rule] } else { vec![] };
        if got != want {
            failures.push(format!("{s:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn ps001_secret_keys() {
    run_table(&[
        // Each secret word, in several spellings.
        (r#"{"password":"hunter2"}"#, &[("PS001", "/password")]),
        (r#"{"db_passwd":"x"}"#, &[("PS001", "/db_passwd")]),
        (r#"{"client_secret":"x"}"#, &[("PS001", "/client_secret")]),
        (r#"{"api_token":"x"}"#, &[("PS001", "/api_token")]),
        (r#"{"X-Auth-Token":"x"}"#, &[("PS001", "/X-Auth-Token")]),
        (r#"{"apiKey":"x"}"#, &[("PS001", "/apiKey")]),
        (r#"{"api-key":"x"}"#, &[("PS001", "/api-key")]),
        (r#"{"Private_Key":"x"}"#, &[("PS001", "/Private_Key")]),
        (r#"{"credentials":"x"}"#, &[("PS001", "/credentials")]),
        (r#"{"Authorization":"x"}"#, &[("PS001", "/Authorization")]),
        (r#"{"Set-Cookie":"x"}"#, &[("PS001", "/Set-Cookie")]),
        (r#"{"PASS_WORD":"x"}"#, &[("PS001", "/PASS_WORD")]),
        (r#"{"to ken":"x"}"#, &[("PS001", "/to ken")]),
        // Unicode folding: Ä is kept (alphanumeric), the middle dot is dropped, é is kept.
        (r#"{"ÄPI_TOKEN":"x"}"#, &[("PS001", "/ÄPI_TOKEN")]),
        (r#"{"tok·en":"x"}"#, &[("PS001", "/tok·en")]),
        (r#"{"tokén":"x"}"#, &[]),
        // Fullwidth letters lower-case to fullwidth letters, not to ASCII.
        (r#"{"ＴＯＫＥＮ":"x"}"#, &[]),
        // Kelvin sign lower-cases to ASCII k.
        ("{\"to\u{212A}en\":\"x\"}", &[("PS001", "/to\u{212A}en")]),
        // Not secret keys.
        (
            r#"{"tok":"x","pass":"x","key":"x","auth":"x","name":"x"}"#,
            &[],
        ),
        // Redaction markers and non-strings pass.
        (r#"{"password":"REDACTED"}"#, &[]),
        (r#"{"password":"[REDACTED]"}"#, &[]),
        (r#"{"password":"***"}"#, &[]),
        (r#"{"password":""}"#, &[]),
        (r#"{"password":null}"#, &[]),
        (r#"{"token_count":3}"#, &[]),
        (r#"{"token":true}"#, &[]),
        (r#"{"token":1.5}"#, &[]),
        // Near-markers are refused.
        (r#"{"password":"redacted"}"#, &[("PS001", "/password")]),
        (r#"{"password":" REDACTED"}"#, &[("PS001", "/password")]),
        (r#"{"password":"****"}"#, &[("PS001", "/password")]),
        // Objects are searched inside.
        (r#"{"secret":{"inner":1}}"#, &[]),
        (r#"{"secret":{"inner":"x"}}"#, &[]),
        (
            r#"{"secret":{"password":"x"}}"#,
            &[("PS001", "/secret/password")],
        ),
        (r#"{"secret":{}}"#, &[]),
        // Arrays: each string element that is not a marker, at its own pointer.
        (r#"{"tokens":["REDACTED","***",""]}"#, &[]),
        (r#"{"secret":["REDACTED"]}"#, &[]),
        (r#"{"tokens":[]}"#, &[]),
        (
            r#"{"tokens":["a",1,"REDACTED",null,"b"]}"#,
            &[("PS001", "/tokens/0"), ("PS001", "/tokens/4")],
        ),
        (r#"{"tokens":[["x"]]}"#, &[("PS001", "/tokens/0/0")]),
        (r#"{"tokens":[{"name":"x"}]}"#, &[]),
        (
            r#"{"tokens":[{"cookie":"x"}]}"#,
            &[("PS001", "/tokens/0/cookie")],
        ),
        // Pointers are escaped (RFC 6901).
        (r#"{"a/b":{"token~x":"v"}}"#, &[("PS001", "/a~1b/token~0x")]),
        (r#"{"":{"secret":"v"}}"#, &[("PS001", "//secret")]),
        // Duplicate keys: both are checked, in order.
        (
            r#"{"token":"a","token":"b"}"#,
            &[("PS001", "/token"), ("PS001", "/token")],
        ),
        // The redacted connector requests of the original system pass.
        (
            r#"{"request":{"headers":{"authorization":"REDACTED","content-type":"application/json"},"method":"POST","url":"https://connectors.example.invalid/servicenow?REDACTED"}}"#,
            &[],
        ),
    ]);
}

#[test]
fn ps001_messages_name_the_key_not_the_value() {
    let v = check(&parse(br#"{"api_token":"hunter2","tokens":["s3cr3t"]}"#).unwrap());
    assert_eq!(
        v[0].message,
        r#"key "api_token" holds a string that is not a redaction marker"#
    );
    assert_eq!(
        v[1].message,
        r#"key "tokens" holds an array with a string that is not a redaction marker"#
    );
    assert!(
        v.iter()
            .all(|v| !v.message.contains("hunter2") && !v.message.contains("s3cr3t"))
    );
}

#[test]
fn is_secret_key_long_and_unicode_keys() {
    assert!(is_secret_key(&format!("{}_token", "x".repeat(300))));
    assert!(!is_secret_key(&"x".repeat(300)));
    assert!(is_secret_key("ÜBER_PASSWORD"));
    assert!(!is_secret_key(""));
    assert!(!is_secret_key("_-_"));
}

const GHP: &str = "ghp_abcdefghij0123456789";

#[test]
fn ps002_secret_values() {
    let google = format!("AIza{}", "a".repeat(35));
    let google_short = format!("AIza{}", "a".repeat(34));
    let cases: Vec<(String, bool)> = vec![
        // PEM private keys.
        ("-----BEGIN RSA PRIVATE KEY-----\nMIIE".into(), true),
        ("-----BEGIN PRIVATE KEY-----".into(), true),
        ("-----BEGIN OPENSSH PRIVATE KEY-----".into(), true),
        ("-----BEGIN ENCRYPTED PRIVATE KEY-----".into(), true),
        ("-----BEGIN PUBLIC KEY-----".into(), false),
        ("-----BEGIN CERTIFICATE-----".into(), false),
        ("-----BEGIN rsa PRIVATE KEY-----".into(), false),
        // Bearer / Basic: the credential must hold a digit.
        ("Bearer abcdefgh".into(), false),
        ("Bearer abc12345".into(), true),
        ("Authorization: Bearer abc12345".into(), true),
        ("Basic dXNlcjpwYXNzd29yZDE=".into(), true),
        ("Basic dXNlcjpwYXNz".into(), false),
        ("Bearer abc1234".into(), false),
        ("Bearer  abc12345".into(), true),
        ("Bearer\tabc12345".into(), false),
        ("bearer abc12345".into(), false),
        ("xBearer abc12345".into(), false),
        ("(Bearer abc12345)".into(), true),
        ("Bearer REDACTED".into(), false),
        ("Bearer abcdefgh Bearer abc12345".into(), true),
        // Overlapping: the second keyword starts a match of its own.
        ("Bearer abcdefgh.Basic 12345678".into(), true),
        ("Basic authentication is enabled for 12 hosts".into(), false),
        // JSON Web Tokens.
        (
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl".into(),
            true,
        ),
        (
            "token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl".into(),
            true,
        ),
        ("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0".into(), false),
        ("eyJab.cdefg.hijkl".into(), false),
        (
            "xeyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl".into(),
            false,
        ),
        // AWS access key ids.
        ("AKIAIOSFODNN7EXAMPLE".into(), true),
        ("key AKIAIOSFODNN7EXAMPLE.".into(), true),
        ("AKIAIOSFODNN7EXAMPLEX".into(), false),
        ("AKIAIOSFODNN7EXAMPL".into(), false),
        ("xAKIAIOSFODNN7EXAMPLE".into(), false),
        ("AKIAiosfodnn7example".into(), false),
        // GitHub tokens.
        (GHP.into(), true),
        ("gho_abcdefghij0123456789".into(), true),
        ("ghs_abcdefghij0123456789".into(), true),
        ("ghu_abcdefghij0123456789".into(), true),
        ("ghp_abcdefghij012345678".into(), false),
        ("ghx_abcdefghij0123456789".into(), false),
        ("xghp_abcdefghij0123456789".into(), false),
        ("github_pat_11ABCDEFG_0123456789abcdef".into(), true),
        ("github_pat_short".into(), false),
        // Slack tokens.
        ("xoxb-12345678-abcdef".into(), true),
        ("xoxp-abcdefgh".into(), true),
        ("xoxb-1234567".into(), false),
        ("xoxB-12345678".into(), false),
        ("xoxo".into(), false),
        ("xoxoxb-12345678".into(), false),
        // Slack webhooks: only a REDACTED last segment passes.
        (
            "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXX".into(),
            true,
        ),
        (
            "https://hooks.slack.com/services/T000/B000/REDACTED".into(),
            false,
        ),
        ("https://hooks.slack.com/services/REDACTED".into(), false),
        ("https://hooks.slack.com/services/T000/B000/".into(), true),
        (
            "https://hooks.slack.com/services/T000/REDACTEDX".into(),
            true,
        ),
        ("https://hooks.slack.com/services/".into(), false),
        (
            "https://hooks.slack.com/services/REDACTED and hooks.slack.com/services/T1/B1/abc"
                .into(),
            true,
        ),
        ("https://hooks.slack.com/".into(), false),
        // Stripe live keys.
        ("sk_live_abcdefgh".into(), true),
        ("sk_live_abc".into(), false),
        ("sk_test_abcdefgh".into(), false),
        ("xsk_live_abcdefgh".into(), false),
        // Google API keys.
        (google.clone(), true),
        (google_short, false),
        (format!("x{google}"), false),
        // Opaque references and ordinary text.
        ("connector-delivery://id".into(), false),
        ("INC-123".into(), false),
        (
            "rotate or reissue connector credential in private secret manager".into(),
            false,
        ),
        ("REDACTED".into(), false),
        (
            "ghp_ gho_ AKIA xox eyJ AIza sk_live_ github_pat_ Bearer Basic".into(),
            false,
        ),
    ];
    let cases: Vec<(&str, bool)> = cases.iter().map(|(s, r)| (s.as_str(), *r)).collect();
    run_strings("PS002", &cases);
}

#[test]
fn ps002_one_violation_per_pattern_in_appendix_order() {
    let s = format!("{GHP} -----BEGIN PRIVATE KEY----- AKIAIOSFODNN7EXAMPLE {GHP}");
    let v = check_text(&s);
    let messages: Vec<&str> = v.iter().map(|v| v.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "string looks like a PEM private key",
            "string looks like an AWS access key id",
            "string looks like a GitHub token",
        ]
    );
    assert!(
        v.iter()
            .all(|v| v.rule == Rule::SecretValue && v.pointer.is_empty())
    );
    assert!(
        v.iter()
            .all(|v| !v.message.contains("EXAMPLE") && !v.message.contains(GHP))
    );
    assert_eq!(
        check_text("Basic dXNlcjE6cGFzczE=")[0].message,
        "string looks like a Basic credential"
    );
    assert_eq!(
        check_text("https://hooks.slack.com/services/T0/B0/abc")[0].message,
        "string holds a Slack webhook URL that is not redacted"
    );
}

/// What [`secrets::scan_anchors`] must return: the families of the anchors `s` contains.
fn anchors_oracle(s: &str) -> u32 {
    secrets::ANCHORS
        .iter()
        .filter(|(a, _)| s.contains(a))
        .fold(0, |found, (_, family)| found | family)
}

#[test]
fn anchor_scan_is_exact() {
    let mut cases: Vec<String> = vec![
        String::new(),
        "plain text, nothing here".into(),
        "AKIAIza".into(),
        "xoxox".into(),
        "-----BEGIN -----BEGIN ".into(),
        "https://hooks.slack.com/services/x".into(),
        "_/_/BJAx".into(),
        "BearerBasic Bearer".into(),
        "github_pat".into(),
        "sk_live".into(),
        "ey J".into(),
    ];
    // Every anchor at every offset in and around an 8-byte chunk, alone, cut short and
    // surrounded by key bytes and multi-byte characters.
    for (anchor, _) in secrets::ANCHORS {
        for pad in 0..17 {
            for filler in ["y", "_", "é", "A", "/"] {
                cases.push(format!("{}{anchor}", filler.repeat(pad)));
                cases.push(format!(
                    "{}{anchor}{}",
                    filler.repeat(pad),
                    filler.repeat(pad)
                ));
                cases.push(format!(
                    "{}{}",
                    filler.repeat(pad),
                    &anchor[..anchor.len() - 1]
                ));
                cases.push(format!("{}{}", filler.repeat(pad), &anchor[1..]));
            }
        }
    }
    let text = std::str::from_utf8(SAMPLE_STORE).unwrap();
    cases.extend(text.split('"').map(str::to_owned));
    cases.extend(text.lines().map(str::to_owned));
    for s in &cases {
        assert_eq!(secrets::scan_anchors(s), anchors_oracle(s), "{s:?}");
    }
    for (anchor, family) in secrets::ANCHORS {
        assert_eq!(secrets::scan_anchors(anchor), family, "{anchor}");
    }
}

#[test]
fn ps003_private_urls() {
    run_strings(
        "PS003",
        &[
            // Public URLs and the redacted query form pass.
            ("https://example.com/x", false),
            (
                "https://connectors.example.invalid/servicenow?REDACTED",
                false,
            ),
            ("https://host/?REDACTED", false),
            ("https://host?REDACTED", false),
            ("https://host/path?REDACTED.", false),
            ("https://host:8080/p", false),
            ("https://example.com./x", false),
            ("https://example.com/a).", false),
            ("see https://example.com/docs, then continue", false),
            ("https://host/?", false),
            ("connector-delivery://id", false),
            ("ftp://localhost/", false),
            ("http:/localhost", false),
            ("http://", false),
            ("https://", false),
            ("http:///path", false),
            ("https://localhost.example.com/", false),
            ("https://corp/", false),
            ("https://internal/", false),
            ("https://mylocal/", false),
            ("https://8.8.8.8/", false),
            ("https://1.2.3.4.5/", false),
            ("https://256.0.0.1/", false),
            ("https://172.15.255.255/", false),
            ("https://172.32.0.0/", false),
            ("https://192.167.255.255/", false),
            ("https://192.169.0.0/", false),
            ("https://169.253.255.255/", false),
            ("https://169.255.0.0/", false),
            ("https://126.255.255.255/", false),
            ("https://128.0.0.0/", false),
            ("https://11.0.0.0/", false),
            ("https://9.255.255.255/", false),
            ("https://1.0.0.0/", false),
            // inet_aton forms (§6, added after the first release): a leading 0 is octal, so
            // 010.0.0.1 is 8.0.0.1 and passes; zone ids make names, not addresses.
            ("https://010.0.0.1/", false),
            ("https://[fe80::1%25eth0]/", false),
            ("https://[fe80::1%eth0]/", false),
            // 134744072 = 8 × 2^24 + 8 × 2^16 + 8 × 2^8 + 8: 8.8.8.8.
            ("https://134744072/", false),
            ("https://8.0x80808/", false),
            // Not inet_aton forms: names (and not private ones).
            ("https://0128.0.0.1/", false),
            ("https://0x7g.0.0.1/", false),
            ("https://127..1/", false),
            ("https://127.0.0.0.1/", false),
            ("https://4294967296/", false),
            ("https://127.16777216/", false),
            ("https://127.0.65536/", false),
            ("https://%zz%/", false),
            ("https://%ff%fe/", false),
            ("https://[2001:db8::1]/", false),
            ("https://[2001:db8::1]:443/x", false),
            ("https://[::]/", false),
            ("https://[::ffff:8.8.8.8]/", false),
            ("https://[fbff::1]/", false),
            ("https://[fec0::1]/", false),
            ("https://[not-an-address]/", false),
            // A URL's run swallows an http:// after a comma (non-overlapping matches).
            ("https://example.com/a,http://localhost", false),
            // User info, queries and fragments.
            ("https://user@host", true),
            ("https://user:pw@example.com/", true),
            ("https://@example.com/", true),
            ("https://host/?q=1", true),
            ("https://host/?q=1.", true),
            ("https://host/?redacted", true),
            ("https://host/?REDACTED&x=1", true),
            ("https://host/path#frag", true),
            ("https://host/#", true),
            ("https://host/?REDACTED#f", true),
            // Private names.
            ("http://localhost/", true),
            ("HTTPS://LOCALHOST/", true),
            ("HtTp://LocalHost./", true),
            ("http://localhost", true),
            ("http://localhost:8080/x", true),
            ("http://app.localhost/", true),
            ("https://db.internal/", true),
            ("https://printer.local/", true),
            ("https://a.corp.", true),
            ("https://a.corp..", true),
            ("https://wiki.CORP/x", true),
            ("https://nas.lan", true),
            ("https://user@nas.lan", true),
            // Private IPv4 addresses, with range boundaries.
            ("http://0.0.0.0/", true),
            ("http://0.255.255.255/", true),
            ("http://127.0.0.1/", true),
            ("http://127.255.255.255:80/", true),
            ("http://10.0.0.1/", true),
            ("http://10.255.255.255/", true),
            ("http://10.0.0.1./", true),
            ("https://10.0.0.1.", true),
            ("http://172.16.0.0/", true),
            ("http://172.31.255.255/", true),
            ("http://192.168.0.0/", true),
            ("http://192.168.255.255/", true),
            ("http://169.254.169.254/latest/meta-data", true),
            ("http://169.254.0.0/", true),
            // Every IPv4 form inet_aton accepts, by hand: 2130706433 = 127 × 2^24 + 1;
            // 127.1 puts 1 in the last three bytes; 0x7f = 0177 = 127; 0xA.1 is 10.0.0.1;
            // 4294967295 is 255.255.255.255 (public) but 0 and 1 are in 0.0.0.0/8; 0xa9fe is
            // 169 × 256 + 254, so 169.254.0xa9fe is the metadata address 169.254.169.254.
            ("http://2130706433/", true),
            ("http://127.1/", true),
            ("http://0x7f.1/", true),
            ("http://0X7F.0.0.1/", true),
            ("http://0177.0.0.1/", true),
            ("http://127.0.0.01/", true),
            ("http://0x7f000001/", true),
            ("http://017700000001/", true),
            ("http://0xA.1/", true),
            ("http://192.168.257/", true),
            ("http://172.16.1.0x1/", true),
            ("http://0/", true),
            ("http://0x/", true),
            ("http://1/", true),
            ("http://169.254.0xa9fe/", true),
            ("http://169.0xfea9fe/", true),
            ("http://4294967295/", false),
            // Percent-decoded before the host test: %6c%6f is "lo", %31%32%37 is "127",
            // %2e is "." and %5b/%5d are not brackets (the host stays a name).
            ("http://%6c%6fcalhost/", true),
            ("http://%6C%6FCALHOST./", true),
            ("http://%31%32%37.0.0.1/", true),
            ("http://127%2e0%2e0%2e1/", true),
            ("http://localhost%2e/", true),
            ("http://db%2einternal/", true),
            ("http://[%3a%3a1]/", true),
            ("http://[::%31]/", true),
            // Private IPv6 addresses, including IPv4-mapped forms.
            ("https://[::1]:80/", true),
            ("https://[::1]/", true),
            ("https://[::1]", true),
            ("https://[0:0:0:0:0:0:0:1]/", true),
            ("https://[fc00::1]/", true),
            ("https://[fdff:ffff::1]/", true),
            ("https://[fe80::1]/", true),
            ("https://[febf::1]/", true),
            ("https://[FE80::1]/", true),
            ("https://[::ffff:127.0.0.1]/", true),
            ("https://[::ffff:7f00:1]/", true),
            ("https://[::ffff:10.0.0.1]/", true),
            ("https://[::ffff:192.168.1.1]/", true),
            // Where URLs start and end.
            ("see (http://localhost).", true),
            ("xhttp://localhost", true),
            ("'http://localhost'", true),
            ("\"http://localhost\"", true),
            ("<https://10.0.0.1>", true),
            ("url=http://localhost\u{a0}ok", true),
            ("[link](http://localhost)", true),
        ],
    );
}

#[test]
fn ps003_one_violation_per_url_with_safe_message() {
    let v = check_text(
        "a https://ok.example.com b http://localhost:9/x c https://h.example/p?k=v d https://ok.example.org",
    );
    let messages: Vec<&str> = v.iter().map(|v| v.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "URL http://localhost has a private host name",
            "URL https://h.example has a query string",
        ]
    );
    let v = check_text("HTTPS://User:hunter2@LOCALHOST:8/secret-path?token=abc#frag");
    assert_eq!(v.len(), 1);
    assert_eq!(
        v[0].message,
        "URL https://localhost has user info, a query string, a fragment and a private host name"
    );
    for leak in ["hunter2", "User", "secret-path", "abc", "#"] {
        assert!(!v[0].message.contains(leak), "{leak}");
    }
    assert_eq!(
        check_text("https://[::ffff:10.0.0.1]/")[0].message,
        "URL https://[::ffff:10.0.0.1] has a private host (RFC 1918 address)"
    );
    assert_eq!(
        check_text("http://127.0.0.1:8080/")[0].message,
        "URL http://127.0.0.1 has a private host (loopback address)"
    );
    let long_host = format!("https://{}.local/", "a".repeat(200));
    let message = &check_text(&long_host)[0].message;
    assert!(message.chars().count() < 120, "{message}");
    assert!(message.contains('…'));
}

#[test]
fn ps003_finds_urls_as_the_spec_says() {
    let urls: Vec<&str> = urls::find_urls(
        "(https://a.example/x). HTTP://B.example/y,z 'https://c.example/' x://d http://e.example",
    )
    .collect();
    assert_eq!(
        urls,
        [
            "https://a.example/x",
            "HTTP://B.example/y,z",
            "https://c.example/",
            "http://e.example"
        ]
    );
    let urls: Vec<&str> = urls::find_urls("https://a/b,https://c httpss://d https:// é").collect();
    assert_eq!(urls, ["https://a/b,https://c", "https://"]);
}

#[test]
fn ps004_free_text() {
    let cases: Vec<(String, bool)> = vec![
        ("a".repeat(2048), false),
        ("a".repeat(2049), true),
        ("é".repeat(2048), false),
        ("é".repeat(2049), true),
        ("😀".repeat(2048), false),
        ("😀".repeat(2049), true),
        (String::new(), false),
    ];
    let cases: Vec<(&str, bool)> = cases.iter().map(|(s, r)| (s.as_str(), *r)).collect();
    run_strings("PS004", &cases);
    // §6, added after the first release: keys are strings too.
    let long_key = Json::Obj(vec![("k".repeat(3000).into(), Json::Num(1.into()))]);
    let v = check(&long_key);
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0].rule, Rule::FreeText);
    assert!(v[0].message.starts_with("key has 3000 characters"), "{v:?}");
    let v = check_text(&"x".repeat(3000));
    assert_eq!(v[0].rule, Rule::FreeText);
    assert!(v[0].message.starts_with("string has 3000 characters"));
}

#[test]
fn every_violation_in_document_order() {
    let long = "n".repeat(2049);
    let json = format!(
        r#"{{"b":"http://localhost","a":{{"token":"{GHP}","list":[1,"ok",{{"cookie":"c"}}]}},"c":["{long}"],"d":"fine"}}"#
    );
    let got = found(&json);
    assert_eq!(
        got,
        [
            ("PS003", "/b".to_owned()),
            ("PS001", "/a/token".to_owned()),
            ("PS002", "/a/token".to_owned()),
            ("PS001", "/a/list/2/cookie".to_owned()),
            ("PS004", "/c/0".to_owned()),
        ]
    );
    // All four rules on one value, in rule order.
    let s = format!("{GHP} http://localhost {}", "x".repeat(2048));
    let value = Json::Obj(vec![("secret".into(), Json::str(s))]);
    let rules: Vec<Rule> = check(&value).into_iter().map(|v| v.rule).collect();
    assert_eq!(
        rules,
        [
            Rule::SecretKey,
            Rule::SecretValue,
            Rule::PrivateUrl,
            Rule::FreeText
        ]
    );
}

#[test]
fn roots_text_and_prefixes() {
    assert_eq!(found(r#""http://localhost""#), [("PS003", String::new())]);
    assert_eq!(
        found(r#"["http://localhost"]"#),
        [("PS003", "/0".to_owned())]
    );
    assert!(found("null").is_empty());
    assert!(found("[]").is_empty());
    assert!(found("{}").is_empty());
    assert!(found("12").is_empty());

    assert!(check_text("REDACTED").is_empty());
    assert!(check_text("INC-123 closed, see connector-delivery://abc").is_empty());
    let v = check_text(GHP);
    assert_eq!(v.len(), 1);
    assert_eq!((v[0].rule, v[0].pointer.as_str()), (Rule::SecretValue, ""));

    let value = parse(br#"{"token":"x","n":1}"#).unwrap();
    let mut out = Vec::new();
    check_into(&value, "/items/3", &mut out);
    check_into(&value, "/items/3", &mut out);
    let pointers: Vec<&str> = out.iter().map(|v| v.pointer.as_str()).collect();
    assert_eq!(pointers, ["/items/3/token", "/items/3/token"]);
}

/// The original system's store (compiled in: tests read no files).
const SAMPLE_STORE: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/samples/cavra-store/evidence-metadata.json"
));

#[test]
fn sample_store_of_the_original_system_has_no_violation() {
    let bytes = SAMPLE_STORE;
    let store = parse(bytes).expect("sample store parses");
    let items = store.get("items").and_then(Json::as_arr).expect("items");
    assert!(!items.is_empty());
    for (i, item) in items.iter().enumerate() {
        let v = check(item);
        assert!(v.is_empty(), "item {i}: {v:?}");
    }
    assert!(check(&store).is_empty());
}

/// `cargo test --release --lib policy::tests::bench_sample_store -- --ignored --nocapture`
#[test]
#[ignore]
#[allow(clippy::print_stderr)] // A benchmark run by hand: its figure is its output.
fn bench_sample_store() {
    let bytes = SAMPLE_STORE;
    let store = parse(bytes).unwrap();
    let rounds = 50;
    let best = (0..10)
        .map(|_| {
            let t = std::time::Instant::now();
            for _ in 0..rounds {
                assert!(check(std::hint::black_box(&store)).is_empty());
            }
            t.elapsed() / rounds
        })
        .min()
        .unwrap();
    let mb_s = bytes.len() as f64 / best.as_secs_f64() / 1e6;
    eprintln!("check of the sample store: {best:?} ({mb_s:.0} MB/s of JSON text)");
}

#[test]
fn keys_are_checked_like_values() {
    // §6, added after the first release: a credential or a private URL used as a key is
    // refused like a value, at the pointer of the key's value.
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            r#"{"ghp_abcdefghijklmnopqrstuvwxyz0123":1}"#,
            &[("PS002", "/ghp_abcdefghijklmnopqrstuvwxyz0123")],
        ),
        (
            r#"{"a":{"http://localhost/x":true}}"#,
            &[("PS003", "/a/http:~1~1localhost~1x")],
        ),
        (
            r#"[{"see https://db.internal/":null}]"#,
            &[("PS003", "/0/see https:~1~1db.internal~1")],
        ),
        // A secret key name holding a credential-looking key: PS001 on the value's string,
        // PS002 on the key's text.
        (
            r#"{"x":{"AKIAIOSFODNN7EXAMPLE":"v"}}"#,
            &[("PS002", "/x/AKIAIOSFODNN7EXAMPLE")],
        ),
        // Ordinary keys pass; the key "token" is PS001's business, not a credential.
        (r#"{"execution_id":"x","https":1,"token":"REDACTED"}"#, &[]),
    ];
    for (text, want) in cases {
        let v = check(&parse(text.as_bytes()).unwrap());
        let got: Vec<(&str, &str)> = v
            .iter()
            .map(|x| (x.rule.code(), x.pointer.as_str()))
            .collect();
        assert_eq!(&got, want, "{text}");
    }
    let v = check(&parse(br#"{"http://localhost/":1}"#).unwrap());
    assert_eq!(
        v[0].message,
        "key holds URL http://localhost has a private host name"
    );
    let v = check(&parse(br#"{"x AKIAIOSFODNN7EXAMPLE":1}"#).unwrap());
    assert_eq!(v[0].message, "key looks like an AWS access key id");
}

#[test]
fn plain_keys_skip_the_scan_only_when_nothing_could_match() {
    use super::is_plain_key;
    for plain in [
        "execution_id",
        "retry_count_42",
        "camelCase",
        "",
        "x".repeat(2048).as_str(),
    ] {
        assert!(is_plain_key(plain), "{plain}");
    }
    // Each of these could start a credential pattern, or holds a byte that URLs and the
    // other patterns need, or is too long: scanned.
    for scanned in [
        "AKIA",
        "xAIza",
        "ghp_",
        "high",
        "sk_live_",
        "task",
        "a-b",
        "a.b",
        "a b",
        "a:b",
        "é",
        "x".repeat(2049).as_str(),
    ] {
        assert!(!is_plain_key(scanned), "{scanned}");
    }
}

proptest::proptest! {
    /// The shortcut for plain keys is sound: a key it lets through has nothing any rule on
    /// strings could find. Keys are drawn from the bytes that matter (letters near the
    /// anchors, digits, `_`, `-`, `.`, `:`, `/`, space) so that near-misses are common.
    #[test]
    fn a_plain_key_is_one_no_string_rule_refuses(key in "[A-Za-z0-9_ghpksuoAKIza:/. -]{0,40}") {
        if is_plain_key(&key) {
            proptest::prop_assert!(check_text(&key).is_empty(), "{key:?}");
        }
    }
}
