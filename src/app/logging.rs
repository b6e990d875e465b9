//! Logging to a file under the data directory (stdout belongs to the UI). The filter comes
//! from `JIRATTY_LOG` (e.g. `debug`, `jiratty=trace`); the default is `info`.

use tracing_subscriber::EnvFilter;

/// The log file's name inside the data dir.
const LOG_FILE: &str = "jiratty.log";

/// How many log lines may wait for the log thread to write them.
const LOG_QUEUE: usize = 1024;

/// Where the log is written (whether or not it could be set up).
pub fn log_file() -> Option<std::path::PathBuf> {
    crate::store::paths::data_dir()
        .ok()
        .map(|d| d.join(LOG_FILE))
}

/// Starts file logging; the returned guard flushes the log when dropped. Logging that cannot
/// be set up (read-only home, say) is skipped silently: it must never stop the program.
pub fn init() -> Option<tracing_appender::non_blocking::WorkerGuard> {
    let dir = crate::store::paths::ensure_data_dir().ok()?;
    let appender = tracing_appender::rolling::never(&dir, LOG_FILE);
    // A small queue: the default (128,000 lines) allocates and touches 4 MB at start-up, a
    // quarter of the process's memory then. When it is full, lines are dropped, never waited
    // for: the UI thread must not block on the log.
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .buffered_lines_limit(LOG_QUEUE)
        .lossy(true)
        .finish(appender);
    let filter = EnvFilter::try_from_env("JIRATTY_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    Some(guard)
}
