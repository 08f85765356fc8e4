//! Normalisation of providers, states and categories (§2.3).

/// Trim Unicode white space, lower-case with Unicode rules, `-` → `_`. May return "".
pub fn norm(text: &str) -> String {
    let trimmed = text.trim();
    if trimmed
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return trimmed.to_owned();
    }
    trimmed.to_lowercase().replace('-', "_")
}

/// A normalised provider or state: `unknown` when missing or empty after normalisation.
pub fn norm_or_unknown(text: Option<&str>) -> String {
    match text.map(norm) {
        Some(s) if !s.is_empty() => s,
        _ => "unknown".to_owned(),
    }
}

/// The category of a provider, by exact match on its normalised name.
pub fn category_of(provider: &str) -> &'static str {
    match provider {
        "splunk" | "sentinel" | "datadog" => "siem",
        "jira" | "servicenow" => "itsm",
        "slack" | "teams" | "pagerduty" | "email" => "chatops",
        _ => "webhook",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn providers() {
        assert_eq!(norm(" Slack-Alerts"), "slack_alerts");
        assert_eq!(norm("PagerDuty"), "pagerduty");
        assert_eq!(norm("\u{2003}ÉQUIPE-Α\u{3000}"), "équipe_α");
        assert_eq!(norm_or_unknown(Some("  ")), "unknown");
        assert_eq!(norm_or_unknown(None), "unknown");
        assert_eq!(norm("Resolved"), "resolved");
    }

    #[test]
    fn categories() {
        assert_eq!(category_of("datadog"), "siem");
        assert_eq!(category_of("servicenow"), "itsm");
        assert_eq!(category_of("email"), "chatops");
        assert_eq!(category_of("slack_alerts"), "webhook");
        assert_eq!(category_of("unknown"), "webhook");
    }
}
