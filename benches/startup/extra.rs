//! The second round's measurements: first rows with credentials from the environment (no
//! profile: the deployment is detected), peak memory at first rows, and Enter → the issue in
//! full, on an issue read ahead and on one that is not.

use super::{COLS, ROWS, Result, STEP_TIMEOUT, Tui, has_issue_row, proc_status_kb, profile_home};
use std::time::{Duration, Instant};

/// The row Enter opens when nothing was read ahead for it: just below the first screen (the
/// list shows `ROWS - 4` rows; read ahead are those), far enough from the first page's end
/// that no next page is loaded.
const BELOW_FIRST_SCREEN: usize = (ROWS as usize - 4) + 2;

/// What one latency gave.
pub struct Extra {
    /// First rows with credentials from the environment.
    pub env_rows: Vec<Duration>,
    /// Peak RSS (VmHWM, kB) when the first rows are on screen (saved profile, no cache).
    pub rss_kb: Vec<u64>,
    /// Enter → full issue, on a row of the first screen once the list has settled.
    pub detail_read_ahead: Vec<Duration>,
    /// Enter → full issue, on a row below the first screen, pressed at once.
    pub detail_cold: Vec<Duration>,
}

/// The runs against the server at `url` (with round trip `latency_ms`): a warm-up of each,
/// then `runs` counted.
pub fn measure(url: &str, latency_ms: u64, runs: usize) -> Result<Extra> {
    let home = profile_home(url, None)?;
    let mut extra = Extra {
        env_rows: Vec::new(),
        rss_kb: Vec::new(),
        detail_read_ahead: Vec::new(),
        detail_cold: Vec::new(),
    };
    for i in 0..=runs {
        let env = env_first_rows(url)?;
        let (rss, read_ahead, cold) = detail_once(home.path(), latency_ms)?;
        eprintln!(
            "  extra run {i}: env first rows {:.1} ms, RSS at first rows {:.1} MB, Enter read \
             ahead {:.1} ms, Enter cold {:.1} ms",
            env.as_secs_f64() * 1e3,
            rss as f64 / 1024.0,
            read_ahead.as_secs_f64() * 1e3,
            cold.as_secs_f64() * 1e3
        );
        if i == 0 {
            continue; // the warm-up
        }
        extra.env_rows.push(env);
        extra.rss_kb.push(rss);
        extra.detail_read_ahead.push(read_ahead);
        extra.detail_cold.push(cold);
    }
    Ok(extra)
}

/// First rows with no profile: site, user, method and secret from the environment.
fn env_first_rows(url: &str) -> Result<Duration> {
    let home = tempfile::tempdir().map_err(|e| format!("cannot create a temporary dir: {e}"))?;
    for dir in ["config", "data"] {
        std::fs::create_dir(home.path().join(dir))
            .map_err(|e| format!("cannot create {dir}/: {e}"))?;
    }
    let env = [
        ("JIRATTY_SITE", url),
        ("JIRATTY_USER", "alice@example.com"),
        ("JIRATTY_AUTH", "api-token"),
    ];
    let mut tui = Tui::spawn_with(home.path(), false, &env)?;
    let rows = tui.wait_until(
        "the first issue row (environment)",
        STEP_TIMEOUT,
        has_issue_row,
    )?;
    let took = rows - tui.started;
    tui.quit();
    Ok(took)
}

/// One start from the saved profile: peak RSS at the first rows; then, once the list has
/// settled, Enter on a row below the first screen at once (cold), back, and Enter on a row of
/// the first screen (read ahead).
fn detail_once(home: &std::path::Path, latency_ms: u64) -> Result<(u64, Duration, Duration)> {
    let mut tui = Tui::spawn(home, false)?;
    let pid = tui.child.process_id().ok_or("jiratty has no process id")?;
    tui.wait_until("the first issue row", STEP_TIMEOUT, has_issue_row)?;
    let rss = proc_status_kb(pid, "VmHWM").ok_or("cannot read VmHWM")?;
    // Settle: the first screen is read ahead meanwhile (a few round trips at most).
    settle(&mut tui, Duration::from_millis(400 + 4 * latency_ms))?;
    // PageDown (a screen), then down to the row, then Enter.
    let mut keys = b"\x1b[6~".to_vec();
    keys.extend("j".repeat(BELOW_FIRST_SCREEN - (ROWS as usize - 4)).bytes());
    keys.push(b'\r');
    let cold = enter(&mut tui, &keys)?;
    back_to_list(&mut tui)?;
    // The first row (read ahead with the first screen), then Enter.
    let read_ahead = enter(&mut tui, b"g\r")?;
    back_to_list(&mut tui)?;
    tui.quit();
    Ok((rss, read_ahead, cold))
}

/// Types `keys` (ending in Enter); the time until the issue shows in full.
fn enter(tui: &mut Tui, keys: &[u8]) -> Result<Duration> {
    let sent = Instant::now();
    tui.send(keys)?;
    let full = tui.wait_until("the issue in full", STEP_TIMEOUT, is_full_detail)?;
    Ok(full.saturating_duration_since(sent))
}

/// `q` goes back from the issue to the list.
fn back_to_list(tui: &mut Tui) -> Result<()> {
    tui.send(b"q")?;
    tui.wait_until("the list again", STEP_TIMEOUT, |s| !is_detail(s))?;
    Ok(())
}

/// Reads output for `wait`.
fn settle(tui: &mut Tui, wait: Duration) -> Result<()> {
    let until = Instant::now() + wait;
    while Instant::now() < until {
        if !tui.pump(until.saturating_duration_since(Instant::now()))? {
            return Err("jiratty ended".into());
        }
    }
    Ok(())
}

/// The detail screen: its header names the key and offers "Esc back".
fn is_detail(screen: &vt100::Screen) -> bool {
    screen
        .rows(0, COLS)
        .next()
        .is_some_and(|header| header.starts_with(" jiratty ") && header.contains("Esc back"))
}

/// The detail screen with the whole issue: nothing on it is still loading or being laid out.
fn is_full_detail(screen: &vt100::Screen) -> bool {
    let text = screen.contents();
    is_detail(screen)
        && text.contains("Description")
        && !text.contains("Loading")
        && !text.contains("Laying out")
}
