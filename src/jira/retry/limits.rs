//! Rate limits as Jira Cloud signals them in 2026: the wait (`Retry-After`, else
//! `Beta-Retry-After`, else the `X-RateLimit-Reset` timestamp), the limiter that refused
//! (`RateLimit-Reason`), and the warning before any refusal (`X-RateLimit-NearLimit: true`),
//! on which background work backs off so that the user's own requests keep their share.

use super::{RETRY_AFTER_CAP, parse_retry_after};
use chrono::{DateTime, NaiveDateTime, Utc};
use reqwest::header::HeaderMap;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

/// The default of [`ClientOptions::near_limit_pause`](crate::jira::ClientOptions): how long
/// background work waits after an answer said the site is near its limit.
pub const NEAR_LIMIT_PAUSE: Duration = Duration::from_secs(10);

/// The wait the server asks for, relative to `now`: `Retry-After` (seconds or an HTTP date),
/// else `Beta-Retry-After` (seconds, sent by Cloud's newer limiters), else the time until
/// `X-RateLimit-Reset` (an ISO 8601 timestamp). The first header that holds a usable value
/// wins; every wait is capped at [`RETRY_AFTER_CAP`].
pub(crate) fn server_wait(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    text("retry-after")
        .and_then(|raw| parse_retry_after(raw, now))
        .or_else(|| text("beta-retry-after").and_then(|raw| parse_retry_after(raw, now)))
        .or_else(|| text("x-ratelimit-reset").and_then(|raw| parse_reset(raw, now)))
}

/// Reads an `X-RateLimit-Reset` timestamp (`2026-12-03T17:05Z`, as Cloud sends it, or full
/// RFC 3339) as the wait from `now`: zero for the past, `None` for anything unreadable.
pub fn parse_reset(raw: &str, now: SystemTime) -> Option<Duration> {
    let raw = raw.trim();
    let at = DateTime::parse_from_rfc3339(raw)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            ["%Y-%m-%dT%H:%MZ", "%Y-%m-%dT%H:%M:%SZ"]
                .iter()
                .find_map(|format| NaiveDateTime::parse_from_str(raw, format).ok())
                .map(|naive| naive.and_utc())
        })?;
    let now = DateTime::<Utc>::from(now);
    Some(
        (at - now)
            .to_std()
            .unwrap_or(Duration::ZERO)
            .min(RETRY_AFTER_CAP),
    )
}

/// The limiter named by `RateLimit-Reason`, cleaned for display: its first run of letters,
/// digits and `-_.`, at most 60 characters; `None` when absent or nothing is left.
pub(crate) fn rate_limit_reason(headers: &HeaderMap) -> Option<String> {
    let raw = headers.get("ratelimit-reason")?.to_str().ok()?;
    let clean: String = raw
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(60)
        .collect();
    (!clean.is_empty()).then_some(clean)
}

/// What a `RateLimit-Reason` means, in words, for the limiters Atlassian documents.
pub fn reason_meaning(reason: &str) -> Option<&'static str> {
    let r = reason.to_ascii_lowercase();
    Some(if r.contains("burst") {
        "too many requests in a short time"
    } else if r.contains("per-issue") {
        "too many changes to one issue in a short time"
    } else if r.contains("quota") && r.contains("tenant") {
        "the site's hourly quota of requests is used up"
    } else if r.contains("quota") {
        "the hourly quota of requests is used up"
    } else {
        return None;
    })
}

/// Whether an answer warns that the site is close to rate-limiting.
pub(crate) fn says_near_limit(headers: &HeaderMap) -> bool {
    headers
        .get("x-ratelimit-nearlimit")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// A client's memory of the last near-limit warning: background work waits until
/// `pause` after it.
#[derive(Debug)]
pub(crate) struct NearLimit {
    until: Mutex<Option<Instant>>,
    pause: Duration,
}

impl NearLimit {
    /// No warning yet; each warning holds background work back for `pause`.
    pub fn new(pause: Duration) -> Self {
        NearLimit {
            until: Mutex::new(None),
            pause,
        }
    }

    /// Notes a warning (the near-limit header, or a refusal outright).
    pub fn warn(&self) {
        let until = Instant::now().checked_add(self.pause);
        if let Ok(mut slot) = self.until.lock() {
            *slot = until;
        }
    }

    /// How long background work should still wait, if at all.
    pub fn remaining(&self) -> Option<Duration> {
        let until = (*self.until.lock().ok()?)?;
        let left = until.saturating_duration_since(Instant::now());
        (!left.is_zero()).then_some(left)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn now() -> SystemTime {
        // 2026-12-03T17:00:00Z.
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_317_200)
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn reads_reset_timestamps() {
        assert_eq!(
            parse_reset("2026-12-03T17:05Z", now()),
            Some(Duration::from_secs(300))
        );
        assert_eq!(
            parse_reset("2026-12-03T17:00:30Z", now()),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_reset("2026-12-03T18:00:00+01:00", now()),
            Some(Duration::ZERO)
        );
        assert_eq!(
            parse_reset("2020-01-01T00:00Z", now()),
            Some(Duration::ZERO)
        );
        assert_eq!(
            parse_reset("9999-12-31T23:59Z", now()),
            Some(RETRY_AFTER_CAP)
        );
        for bad in ["", "soon", "2026-13-01T00:00Z", "1796317260"] {
            assert_eq!(parse_reset(bad, now()), None, "{bad}");
        }
    }

    #[test]
    fn the_first_usable_wait_header_wins() {
        let all = headers(&[
            ("retry-after", "2"),
            ("beta-retry-after", "5"),
            ("x-ratelimit-reset", "2026-12-03T17:01Z"),
        ]);
        assert_eq!(server_wait(&all, now()), Some(Duration::from_secs(2)));
        let beta = headers(&[("retry-after", "NaN"), ("beta-retry-after", "5")]);
        assert_eq!(server_wait(&beta, now()), Some(Duration::from_secs(5)));
        let reset = headers(&[("x-ratelimit-reset", "2026-12-03T17:01Z")]);
        assert_eq!(server_wait(&reset, now()), Some(Duration::from_secs(60)));
        assert_eq!(server_wait(&HeaderMap::new(), now()), None);
    }

    #[test]
    fn reasons_are_cleaned_and_explained() {
        let h = headers(&[("ratelimit-reason", " jira-burst-based;\t<b> ")]);
        assert_eq!(rate_limit_reason(&h).as_deref(), Some("jira-burst-based"));
        assert_eq!(
            rate_limit_reason(&headers(&[("ratelimit-reason", "!!")])),
            None
        );
        assert!(
            reason_meaning("jira-burst-based")
                .unwrap()
                .contains("short time")
        );
        assert!(
            reason_meaning("jira-quota-tenant-based")
                .unwrap()
                .contains("site")
        );
        assert!(
            reason_meaning("jira-per-issue-on-write")
                .unwrap()
                .contains("one issue")
        );
        assert_eq!(reason_meaning("something-new"), None);
    }

    #[test]
    fn a_near_limit_warning_holds_background_work_for_the_pause() {
        assert!(says_near_limit(&headers(&[(
            "x-ratelimit-nearlimit",
            "True"
        )])));
        assert!(!says_near_limit(&headers(&[(
            "x-ratelimit-nearlimit",
            "false"
        )])));
        let near = NearLimit::new(Duration::from_secs(5));
        assert_eq!(near.remaining(), None);
        near.warn();
        let left = near.remaining().unwrap();
        assert!(left <= Duration::from_secs(5) && left > Duration::from_secs(4));
        let instant = NearLimit::new(Duration::ZERO);
        instant.warn();
        assert_eq!(instant.remaining(), None);
    }
}
