//! Background work yields to the user's requests near the rate limit.

use super::Client;

impl Client {
    /// Whether the site said lately that it is close to rate-limiting (an answer with
    /// `X-RateLimit-NearLimit: true`, or a 429), so background work should wait.
    pub fn near_limit(&self) -> bool {
        self.inner.near_limit.remaining().is_some()
    }

    /// What background work (suggestions, prefetching, comment pages) awaits before it
    /// starts: nothing normally; while the site is near its rate limit, until the pause of
    /// the last warning ([`ClientOptions::near_limit_pause`]) is over, so the user's own
    /// requests keep the site's remaining allowance.
    pub async fn background_pause(&self) {
        while let Some(wait) = self.inner.near_limit.remaining() {
            tracing::debug!(
                wait_ms = wait.as_millis() as u64,
                "near the rate limit: background work waits"
            );
            tokio::time::sleep(wait).await;
        }
    }
}
