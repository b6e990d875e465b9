//! The clock relative dates ("8h ago", "cached 5m ago") are shown against. Ticks run only
//! while a request is in flight, so an idle jiratty would show stale times for as long as it
//! stays idle; instead the event loop wakes once a minute, on the minute, and moves the clock
//! on every terminal event — and otherwise sleeps (no CPU when idle).

use super::msg::Msg;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// How long from `now` until the next whole minute (a full minute on the minute itself).
pub fn until_next_minute(now: DateTime<Utc>) -> Duration {
    let into_minute = now.timestamp().rem_euclid(60) as u64 * 1_000
        + u64::from(now.timestamp_subsec_millis().min(999));
    Duration::from_millis(60_000 - into_minute)
}

/// The messages for a terminal event `msg` at `now`: the clock moved first, so a key acts on
/// (and the frame after it shows) the time it was pressed at.
pub fn stamped(msg: Msg, now: DateTime<Utc>) -> [Msg; 2] {
    [Msg::Clock(now), msg]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_wake_up_is_on_the_next_minute() {
        let at = |s: u32, ms: i64| {
            Utc.with_ymd_and_hms(2024, 6, 1, 12, 0, s).unwrap() + chrono::Duration::milliseconds(ms)
        };
        assert_eq!(until_next_minute(at(0, 0)), Duration::from_secs(60));
        assert_eq!(until_next_minute(at(30, 0)), Duration::from_secs(30));
        assert_eq!(until_next_minute(at(59, 750)), Duration::from_millis(250));
        // Woken at the minute (or a hair after): the one after, not straight away again.
        assert_eq!(until_next_minute(at(0, 3)), Duration::from_millis(59_997));
    }

    #[test]
    fn a_key_moves_the_clock_before_it_is_handled() {
        let now = Utc.with_ymd_and_hms(2024, 6, 1, 12, 0, 0).unwrap();
        let key = Msg::Resize(80, 24);
        let [clock, then] = stamped(key, now);
        assert!(matches!(clock, Msg::Clock(t) if t == now));
        assert!(matches!(then, Msg::Resize(80, 24)));
    }
}
