//! When a call is tried again and how long a call may take in all: the backoff between
//! attempts, the server's `Retry-After` (read defensively: seconds, fractions, HTTP dates, and
//! whatever else a hostile server sends), and the one deadline that bounds every attempt and
//! every wait of a call.

pub mod limits;

use super::error::JiraError;
use chrono::{DateTime, NaiveDateTime, Utc};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use std::time::{Duration, Instant, SystemTime};

/// How often and how patiently idempotent calls are retried.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// First backoff delay; doubled each time, with jitter.
    pub base_delay: Duration,
    /// Upper bound of any wait, `Retry-After` included.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(250),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Whether a call that failed on attempt `attempt` may be tried again: only calls that
    /// are safe to repeat, and only while attempts are left.
    pub(crate) fn allows_retry(&self, idempotent: bool, attempt: u32) -> bool {
        idempotent && attempt < self.max_attempts
    }

    /// The wait after a retryable status: the server's `Retry-After` (at most the policy's
    /// maximum), else the backoff.
    pub(crate) fn wait_after(&self, headers: &HeaderMap, attempt: u32) -> Duration {
        retry_after(headers)
            .map(|d| d.min(self.max_delay))
            .unwrap_or_else(|| backoff(self, attempt))
    }
}

/// Statuses that mean "try again later": a rate limit, or an overloaded or unreachable
/// upstream.
pub(crate) fn retryable_status(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::TOO_MANY_REQUESTS
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::BAD_GATEWAY
            | StatusCode::GATEWAY_TIMEOUT
    )
}

/// Failures of the transfer (the network, a timeout) that another attempt may not meet.
pub(crate) fn transient(error: &JiraError) -> bool {
    matches!(error, JiraError::Network { .. } | JiraError::Timeout { .. })
}

/// The longest wait a `Retry-After` is read as: anything longer (`1e20`, a date in the next
/// century) counts as this. A call's deadline cuts it shorter still.
pub const RETRY_AFTER_CAP: Duration = Duration::from_secs(24 * 60 * 60);

/// The wait a `Retry-After` header asks for, if it holds a usable one: delta-seconds (also
/// with a fraction or an exponent, as some proxies send) or an HTTP date (IMF-fixdate, RFC 850
/// or asctime), relative to `now`. Negative numbers, NaN, infinities and anything unreadable
/// give `None`; dates in the past give zero; every wait is capped at [`RETRY_AFTER_CAP`].
pub fn parse_retry_after(raw: &str, now: SystemTime) -> Option<Duration> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    if let Ok(seconds) = raw.parse::<f64>() {
        if !seconds.is_finite() || seconds < 0.0 {
            return None;
        }
        // Capped before converting: Duration::from_secs_f64 panics past u64::MAX seconds.
        return Duration::try_from_secs_f64(seconds.min(RETRY_AFTER_CAP.as_secs_f64())).ok();
    }
    let date = http_date(raw)?;
    let now = DateTime::<Utc>::from(now);
    Some(
        (date - now)
            .to_std()
            .unwrap_or(Duration::ZERO)
            .min(RETRY_AFTER_CAP),
    )
}

/// Reads the three date formats HTTP allows.
fn http_date(raw: &str) -> Option<DateTime<Utc>> {
    if let Ok(d) = DateTime::parse_from_rfc2822(raw) {
        return Some(d.with_timezone(&Utc));
    }
    // RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`).
    let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    ["%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(&collapsed, format).ok())
        .map(|naive| naive.and_utc())
}

/// The wait an answer asks for: its `Retry-After` (the first one, if several), read as
/// [`parse_retry_after`], else `Beta-Retry-After`, else the time until `X-RateLimit-Reset`
/// (see [`limits::server_wait`]).
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    limits::server_wait(headers, SystemTime::now())
}

/// The wait before attempt `attempt + 1`: the base delay doubled per attempt, with jitter
/// between 50% and 100%, never more than the policy's maximum.
pub(crate) fn backoff(policy: &RetryPolicy, attempt: u32) -> Duration {
    let exp = policy
        .base_delay
        .saturating_mul(1u32 << attempt.saturating_sub(1).min(16))
        .min(policy.max_delay);
    // Jitter from the clock's low bits.
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let factor = 0.5 + f64::from(nanos % 1000) / 2000.0;
    Duration::try_from_secs_f64(exp.as_secs_f64() * factor)
        .unwrap_or(exp)
        .min(policy.max_delay)
}

/// The default of [`ClientOptions::deadline`](super::ClientOptions::deadline).
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(30);

/// The longest deadline jiratty accepts (a day): longer ones are read as this.
pub const MAX_DEADLINE: Duration = Duration::from_secs(24 * 60 * 60);

/// When one call must be done by: every attempt and every wait between attempts count.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline {
    started: Instant,
    until: Instant,
    budget: Duration,
}

impl Deadline {
    /// A deadline `budget` from now.
    pub fn after(budget: Duration) -> Self {
        let budget = budget.min(MAX_DEADLINE);
        let started = Instant::now();
        let until = started.checked_add(budget).unwrap_or(started);
        Deadline {
            started,
            until,
            budget,
        }
    }

    /// Time left.
    pub fn remaining(&self) -> Duration {
        self.until.saturating_duration_since(Instant::now())
    }

    /// Time since the call began.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// The whole budget.
    pub fn budget(&self) -> Duration {
        self.budget
    }

    /// Whether waiting `wait` still leaves an attempt a fair chance: at least a tenth of the
    /// budget (at most a second) after the wait.
    pub fn allows_wait(&self, wait: Duration) -> bool {
        let margin = (self.budget / 10).min(Duration::from_secs(1));
        self.remaining() > wait.saturating_add(margin)
    }
}

/// A duration as a user reads it: "1 second", "1.5 seconds", "30 seconds", "5 minutes".
pub fn duration_text(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs >= 120.0 {
        let minutes = (secs / 60.0).round() as u64;
        if minutes >= 120 {
            return format!("{} hours", (secs / 3600.0).round() as u64);
        }
        return format!("{minutes} minutes");
    }
    if secs < 10.0 && d.subsec_millis() != 0 {
        let text = format!("{secs:.1}");
        return format!("{} seconds", text.trim_end_matches(".0"));
    }
    match d.as_secs() {
        1 => "1 second".to_string(),
        n => format!("{n} seconds"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Option<Duration> {
        // 2024-01-01T00:00:00Z.
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_704_067_200);
        parse_retry_after(raw, now)
    }

    #[test]
    fn reads_seconds_and_fractions() {
        assert_eq!(parse("2"), Some(Duration::from_secs(2)));
        assert_eq!(parse(" 0 "), Some(Duration::ZERO));
        assert_eq!(parse("0.5"), Some(Duration::from_millis(500)));
        assert_eq!(parse("1.5e1"), Some(Duration::from_secs(15)));
    }

    #[test]
    fn caps_huge_values_instead_of_panicking() {
        for huge in [
            "1e20",
            "18446744073709551616",
            "99999999999999999999999999999",
            "1.7976931348623157e308",
        ] {
            assert_eq!(parse(huge), Some(RETRY_AFTER_CAP), "{huge}");
        }
    }

    #[test]
    fn refuses_nan_negative_infinite_and_garbage() {
        for bad in [
            "NaN", "nan", "-1", "-0.5", "-1e20", "inf", "-inf", "Infinity", "soon", "", "  ",
            "1 2", "0x10", "\u{0}", "5s",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn reads_http_dates() {
        assert_eq!(
            parse("Mon, 01 Jan 2024 00:00:30 GMT"),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse("Monday, 01-Jan-24 00:01:00 GMT"),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            parse("Mon Jan  1 00:00:05 2024"),
            Some(Duration::from_secs(5))
        );
        // In the past: no wait. Far ahead: the cap.
        assert_eq!(parse("Sun, 06 Nov 1994 08:49:37 GMT"), Some(Duration::ZERO));
        assert_eq!(
            parse("Fri, 31 Dec 9999 23:59:59 GMT"),
            Some(RETRY_AFTER_CAP)
        );
        assert_eq!(parse("Mon, 99 Jan 2024 00:00:30 GMT"), None);
    }

    #[test]
    fn reads_the_header_and_ignores_non_text_values() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", "2".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert(
            "retry-after",
            reqwest::header::HeaderValue::from_bytes(b"\xff\xfe").unwrap(),
        );
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn backoff_stays_within_the_policy_even_for_absurd_policies() {
        let p = RetryPolicy::default();
        let first = backoff(&p, 1);
        assert!(first <= Duration::from_millis(250) && first >= Duration::from_millis(125));
        assert!(backoff(&p, 20) <= p.max_delay);
        let absurd = RetryPolicy {
            max_attempts: u32::MAX,
            base_delay: Duration::MAX,
            max_delay: Duration::MAX,
        };
        assert!(backoff(&absurd, u32::MAX) <= Duration::MAX);
    }

    #[test]
    fn a_deadline_counts_down_and_refuses_waits_past_it() {
        let d = Deadline::after(Duration::from_secs(10));
        assert!(d.remaining() <= Duration::from_secs(10));
        assert!(d.allows_wait(Duration::from_secs(1)));
        assert!(!d.allows_wait(Duration::from_secs(9)));
        assert!(!d.allows_wait(Duration::MAX));
        let huge = Deadline::after(Duration::MAX);
        assert_eq!(huge.budget(), MAX_DEADLINE);
        assert!(Deadline::after(Duration::ZERO).remaining().is_zero());
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy::default();
        let first = backoff(&p, 1);
        assert!(first <= Duration::from_millis(250) && first >= Duration::from_millis(125));
        assert!(backoff(&p, 20) <= p.max_delay);
    }

    #[test]
    fn reads_retry_after() {
        use reqwest::header::HeaderValue;
        let mut h = HeaderMap::new();
        h.insert("retry-after", HeaderValue::from_static("2"));
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert("retry-after", HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn retries_only_what_may_be_repeated_and_what_may_pass() {
        let p = RetryPolicy::default();
        assert!(p.allows_retry(true, 1));
        assert!(!p.allows_retry(false, 1));
        assert!(!p.allows_retry(true, p.max_attempts));
        assert!(retryable_status(StatusCode::TOO_MANY_REQUESTS));
        assert!(retryable_status(StatusCode::BAD_GATEWAY));
        assert!(!retryable_status(StatusCode::INTERNAL_SERVER_ERROR));
        assert!(!retryable_status(StatusCode::BAD_REQUEST));
        assert!(transient(&JiraError::Timeout { what: "x".into() }));
        assert!(!transient(&JiraError::NotFound {
            message: "x".into()
        }));
        let mut h = HeaderMap::new();
        h.insert("retry-after", "120".parse().unwrap());
        assert_eq!(p.wait_after(&h, 1), p.max_delay);
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_text(Duration::from_secs(1)), "1 second");
        assert_eq!(duration_text(Duration::from_millis(1500)), "1.5 seconds");
        assert_eq!(duration_text(Duration::from_secs(30)), "30 seconds");
        assert_eq!(duration_text(Duration::from_secs(300)), "5 minutes");
        assert_eq!(duration_text(RETRY_AFTER_CAP), "24 hours");
    }
}
