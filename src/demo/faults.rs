//! Fault injection for testing clients: rate limits, server errors, truncated bodies, reset
//! connections, SSO login pages, answers that never come, gzip bombs and endless bodies, drawn
//! per request from a seeded generator; plus the always-on misbehaviours of [`Quirks`].

use super::Site;
use super::model::Flavor;
pub use super::quirks::Quirks;
use super::{floods, respond};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// The `--faults` help text.
pub const SPEC_HELP: &str = "Comma-separated KIND=PROBABILITY pairs, each probability in 0..1, \
drawn once per request (reproducible with --seed). Kinds: 429 (rate limited, with Retry-After and \
the flavour's rate-limit headers), 429-beta (the wait only in Beta-Retry-After), 429-reset (the \
wait only in X-RateLimit-Reset), near-limit (the normal answer with X-RateLimit-NearLimit: true), \
503 (service unavailable), 500 (internal error), truncate (200 \
with the JSON body cut short), reset (connection reset mid-response), sso (200 with an HTML SSO \
login page), hang (no answer at all), gzip-bomb (200 with a gzip body that inflates without end), \
endless-body (200 with a chunked body without end). Also retry-after=SECONDS sets the Retry-After \
of 429 and 503 (default 1), retry-after-raw=TEXT sends TEXT as it is (e.g. 1e20, NaN, -1), and \
rate-limit-reason=TEXT sets the RateLimit-Reason of Cloud's 429s (default jira-burst-based). \
Bare words switch on a misbehaviour for every request: repeat-token (Cloud search repeats its \
nextPageToken), ignore-start-at (Server/DC search and comment pages ignore startAt), \
endless-comments (10^12 comments, one new one a page), bad-issue (ACME-2 has numbers for its \
status, priority and labels). Example: --faults 429=0.1,503=0.05,truncate=0.02";

/// One kind of fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// 429 Too Many Requests.
    RateLimited,
    /// 429 with the wait only in `Beta-Retry-After`.
    RateLimitedBeta,
    /// 429 with the wait only in `X-RateLimit-Reset`.
    RateLimitedReset,
    /// The normal answer, with `X-RateLimit-NearLimit: true`.
    NearLimit,
    /// 503 Service Unavailable.
    Unavailable,
    /// 500 Internal Server Error.
    Internal,
    /// The body cut in half.
    Truncate,
    /// The connection reset mid-response.
    Reset,
    /// An SSO proxy's login page with status 200.
    SsoPage,
    /// No answer: the request is held for an hour.
    Hang,
    /// A gzip body that inflates without end.
    GzipBomb,
    /// A chunked body without end.
    EndlessBody,
}

/// Probabilities per fault kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FaultSpec {
    /// (fault, probability) in the order given.
    pub faults: Vec<(Fault, f64)>,
    /// Retry-After seconds for 429 and 503.
    pub retry_after: u64,
    /// A Retry-After sent verbatim instead of `retry_after` (hostile values).
    pub retry_after_raw: Option<String>,
    /// The `RateLimit-Reason` of Cloud's 429s (`None`: `jira-burst-based`).
    pub rate_limit_reason: Option<String>,
    /// Misbehaviours on for every request.
    pub quirks: Quirks,
}

impl FaultSpec {
    /// Parses a `--faults` value.
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut parsed = FaultSpec {
            retry_after: 1,
            ..FaultSpec::default()
        };
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((kind, value)) = part.split_once('=') else {
                if parsed.quirks.switch_on(&part.to_ascii_lowercase()) {
                    continue;
                }
                return Err(format!("'{part}' is not KIND=PROBABILITY"));
            };
            let kind = kind.trim().to_ascii_lowercase();
            if kind == "retry-after-raw" {
                HeaderValue::from_str(value.trim())
                    .map_err(|_| format!("retry-after-raw '{value}' cannot be a header value"))?;
                parsed.retry_after_raw = Some(value.trim().to_string());
                continue;
            }
            if kind == "rate-limit-reason" {
                HeaderValue::from_str(value.trim())
                    .map_err(|_| format!("rate-limit-reason '{value}' cannot be a header value"))?;
                parsed.rate_limit_reason = Some(value.trim().to_string());
                continue;
            }
            if kind == "retry-after" {
                parsed.retry_after = value.trim().parse().map_err(|_| {
                    format!("retry-after '{value}' is not a whole number of seconds")
                })?;
                continue;
            }
            let fault = match kind.as_str() {
                "429" => Fault::RateLimited,
                "429-beta" => Fault::RateLimitedBeta,
                "429-reset" => Fault::RateLimitedReset,
                "near-limit" => Fault::NearLimit,
                "503" => Fault::Unavailable,
                "500" => Fault::Internal,
                "truncate" => Fault::Truncate,
                "reset" => Fault::Reset,
                "sso" => Fault::SsoPage,
                "hang" => Fault::Hang,
                "gzip-bomb" => Fault::GzipBomb,
                "endless-body" => Fault::EndlessBody,
                other => {
                    return Err(format!(
                        "unknown fault '{other}' (expected 429, 429-beta, 429-reset, near-limit, \
                         503, 500, truncate, reset, sso, hang, gzip-bomb, endless-body, \
                         retry-after, retry-after-raw or rate-limit-reason)"
                    ));
                }
            };
            let p: f64 = value
                .trim()
                .parse()
                .map_err(|_| format!("probability '{value}' for {kind} is not a number"))?;
            if !(0.0..=1.0).contains(&p) {
                return Err(format!("probability {p} for {kind} is not between 0 and 1"));
            }
            parsed.faults.push((fault, p));
        }
        let total: f64 = parsed.faults.iter().map(|(_, p)| p).sum();
        if total > 1.0 + 1e-9 {
            return Err(format!("the probabilities add up to {total}, more than 1"));
        }
        Ok(parsed)
    }

    /// The fault for a draw `roll` in `[0, 1)`, if any.
    pub fn pick(&self, roll: f64) -> Option<Fault> {
        let mut acc = 0.0;
        for &(fault, p) in &self.faults {
            acc += p;
            if roll < acc {
                return Some(fault);
            }
        }
        None
    }
}

/// The SSO page a proxy in front of Jira serves to a client without a browser session.
pub const SSO_PAGE: &str = "<!DOCTYPE html>\n<html><head><title>Sign in - Example Corp SSO</title></head>\n<body><h1>Sign in to continue</h1>\n<form method=\"post\" action=\"/sso/login\"><input name=\"username\"><input name=\"password\" type=\"password\"><button>Sign in</button></form>\n</body></html>\n";

/// Middleware: delays every response by the configured latency.
pub async fn latency(State(site): State<Arc<Site>>, request: Request, next: Next) -> Response {
    if !site.latency.is_zero() {
        tokio::time::sleep(site.latency).await;
    }
    next.run(request).await
}

/// Middleware: injects the configured faults into `/rest/` calls.
pub async fn inject(State(site): State<Arc<Site>>, request: Request, next: Next) -> Response {
    if site.faults.faults.is_empty() || !request.uri().path().starts_with("/rest/") {
        return next.run(request).await;
    }
    let roll = site.fault_roll();
    let Some(fault) = site.faults.pick(roll) else {
        return next.run(request).await;
    };
    tracing::debug!(?fault, path = request.uri().path(), "injecting fault");
    let retry_after = site
        .faults
        .retry_after_raw
        .clone()
        .unwrap_or_else(|| site.faults.retry_after.to_string());
    let reason = site
        .faults
        .rate_limit_reason
        .as_deref()
        .unwrap_or("jira-burst-based");
    match fault {
        Fault::RateLimitedBeta | Fault::RateLimitedReset => {
            rate_limited_newer_way(fault, site.faults.retry_after, reason)
        }
        Fault::NearLimit => {
            let mut response = next.run(request).await;
            response
                .headers_mut()
                .insert("x-ratelimit-nearlimit", HeaderValue::from_static("true"));
            response
        }
        Fault::RateLimited => {
            let mut r = respond::error(StatusCode::TOO_MANY_REQUESTS, &["Rate limit exceeded."]);
            let h = r.headers_mut();
            let set = |h: &mut axum::http::HeaderMap, k: &'static str, v: &str| {
                if let Ok(v) = HeaderValue::from_str(v) {
                    h.insert(k, v);
                }
            };
            set(h, "retry-after", &retry_after);
            match site.flavor {
                Flavor::Cloud => {
                    let reset = (chrono::Utc::now()
                        + chrono::Duration::seconds(site.faults.retry_after as i64))
                    .format("%Y-%m-%dT%H:%MZ")
                    .to_string();
                    set(h, "x-ratelimit-limit", "100");
                    set(h, "x-ratelimit-remaining", "0");
                    set(h, "x-ratelimit-reset", &reset);
                    set(h, "x-ratelimit-nearlimit", "true");
                    set(h, "ratelimit-reason", reason);
                }
                Flavor::Dc => {
                    set(h, "x-ratelimit-limit", "100");
                    set(h, "x-ratelimit-remaining", "0");
                    set(h, "x-ratelimit-interval-seconds", "1");
                    set(h, "x-ratelimit-fillrate", "10");
                }
            }
            r
        }
        Fault::Unavailable => {
            let mut r = respond::error(
                StatusCode::SERVICE_UNAVAILABLE,
                &["Service Unavailable: Jira is temporarily unable to handle the request."],
            );
            if let Ok(v) = HeaderValue::from_str(&retry_after) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
            r
        }
        Fault::Hang => {
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
            next.run(request).await
        }
        Fault::GzipBomb => floods::gzip_bomb(),
        Fault::EndlessBody => floods::endless_body(),
        Fault::Internal => respond::error(
            StatusCode::INTERNAL_SERVER_ERROR,
            &["Internal server error: the demo server was told to fail this request."],
        ),
        Fault::SsoPage => respond::text(
            StatusCode::OK,
            "text/html;charset=UTF-8",
            SSO_PAGE.to_string(),
        ),
        Fault::Truncate => {
            let response = next.run(request).await;
            let (mut parts, body) = response.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX)
                .await
                .unwrap_or_default();
            let cut = Bytes::copy_from_slice(&bytes[..bytes.len() / 2]);
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(cut))
        }
        Fault::Reset => {
            // A write is done before its answer is lost, as when a connection breaks after
            // Jira stored a comment: the client cannot tell whether it landed.
            if request.method() != axum::http::Method::GET {
                let _ = next.run(request).await;
            }
            let stream = futures_util::stream::once(async {
                Err::<Bytes, std::io::Error>(std::io::Error::new(
                    std::io::ErrorKind::ConnectionReset,
                    "fault injection: reset",
                ))
            });
            let mut r = Response::new(Body::from_stream(stream));
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json;charset=UTF-8"),
            );
            r
        }
    }
}

/// A 429 of Cloud's newer limiters: no `Retry-After`, the wait in `Beta-Retry-After` or only
/// in `X-RateLimit-Reset` (minutes, as Cloud formats it, rounded up so the wait is at least
/// `seconds`).
fn rate_limited_newer_way(fault: Fault, seconds: u64, reason: &str) -> Response {
    let mut r = respond::error(StatusCode::TOO_MANY_REQUESTS, &["Rate limit exceeded."]);
    let h = r.headers_mut();
    let mut set = |k: &'static str, v: &str| {
        if let Ok(v) = HeaderValue::from_str(v) {
            h.insert(k, v);
        }
    };
    if fault == Fault::RateLimitedBeta {
        set("beta-retry-after", &seconds.to_string());
    } else {
        // Truncated to the minute when formatted: a minute less a millisecond rounds it up.
        let at = chrono::Utc::now() + chrono::Duration::seconds(seconds as i64 + 60)
            - chrono::Duration::milliseconds(1);
        set(
            "x-ratelimit-reset",
            &at.format("%Y-%m-%dT%H:%MZ").to_string(),
        );
    }
    set("ratelimit-reason", reason);
    set("x-ratelimit-nearlimit", "true");
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_spec() {
        let spec = FaultSpec::parse("429=0.1, 503=0.2,truncate=0.05,retry-after=3").unwrap();
        assert_eq!(spec.retry_after, 3);
        assert_eq!(spec.faults.len(), 3);
        assert_eq!(spec.pick(0.05), Some(Fault::RateLimited));
        assert_eq!(spec.pick(0.15), Some(Fault::Unavailable));
        assert_eq!(spec.pick(0.32), Some(Fault::Truncate));
        assert_eq!(spec.pick(0.36), None);
        assert_eq!(FaultSpec::parse("").unwrap().faults.len(), 0);
    }

    #[test]
    fn parses_hostile_kinds_raw_retry_afters_and_quirks() {
        let spec = FaultSpec::parse(
            "hang=0.1,gzip-bomb=0.2,endless-body=0.3,retry-after-raw=1e20,repeat-token,\
             ignore-start-at,endless-comments,bad-issue",
        )
        .unwrap();
        assert_eq!(spec.pick(0.05), Some(Fault::Hang));
        assert_eq!(spec.pick(0.25), Some(Fault::GzipBomb));
        assert_eq!(spec.pick(0.55), Some(Fault::EndlessBody));
        assert_eq!(spec.retry_after_raw.as_deref(), Some("1e20"));
        let q = spec.quirks;
        assert!(q.repeat_token && q.ignore_start_at && q.endless_comments && q.bad_issue);
        assert!(FaultSpec::parse("retry-after-raw=NaN").is_ok());
        assert!(FaultSpec::parse("retry-after-raw=a\u{1}b").is_err());
        assert!(FaultSpec::parse("repeat-tokens").is_err());
        let limits =
            FaultSpec::parse("429-beta=0.1,429-reset=0.2,near-limit=0.3,rate-limit-reason=x-y")
                .unwrap();
        assert_eq!(limits.pick(0.05), Some(Fault::RateLimitedBeta));
        assert_eq!(limits.pick(0.25), Some(Fault::RateLimitedReset));
        assert_eq!(limits.pick(0.55), Some(Fault::NearLimit));
        assert_eq!(limits.rate_limit_reason.as_deref(), Some("x-y"));
    }

    #[test]
    fn rejects_bad_specs() {
        for bad in [
            "429",
            "429=x",
            "429=1.5",
            "boom=0.1",
            "429=0.6,503=0.6",
            "retry-after=-1",
        ] {
            assert!(FaultSpec::parse(bad).is_err(), "{bad} should be refused");
        }
    }
}
