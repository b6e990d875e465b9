//! A panic anywhere ends the TUI cleanly: the terminal restored, one message on stderr naming
//! what happened and where the log is, a non-zero exit — never a screen left waiting for an
//! answer from a task that has died.
//!
//! The panic hook records the panic (in the log, with a backtrace) and then:
//! - on the UI thread, restores the terminal; the panic unwinds through the event loop, and
//!   the caller ([`crate::cli`]) catches it and prints [`last`];
//! - on any other thread (a worker task, a blocking task, the connecting thread), leaves the
//!   terminal to the UI thread and hands the report to the event loop ([`Crashes`]), which
//!   ends. Should the event loop not end within the grace period (it is stuck), the hook's
//!   watchdog restores the terminal, prints the report and exits with code 1 itself.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, Once, PoisonError};
use std::thread::ThreadId;
use std::time::Duration;
use tokio::sync::mpsc;

/// What panicked, where, and on which thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrashReport {
    /// The panic message, sanitised and shortened (it may quote data from the network).
    pub message: String,
    /// `file:line:column` of the panic.
    pub location: String,
    /// The thread's name.
    pub thread: String,
}

/// Longest panic message shown, in characters; the log has it all.
const MESSAGE_CHARS: usize = 300;

impl CrashReport {
    /// A report from its parts (the message is sanitised and shortened here).
    pub fn new(message: &str, location: &str, thread: &str) -> CrashReport {
        let message = crate::text::sanitize_line(message);
        CrashReport {
            message: crate::text::format::truncate(&message, MESSAGE_CHARS),
            location: crate::text::sanitize_line(location),
            thread: crate::text::sanitize_line(thread),
        }
    }

    fn of(info: &std::panic::PanicHookInfo<'_>) -> CrashReport {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("(no message)");
        let location = info.location().map_or_else(
            || "an unknown place".to_string(),
            |l| format!("{}:{}:{}", l.file(), l.line(), l.column()),
        );
        let current = std::thread::current();
        CrashReport::new(message, &location, current.name().unwrap_or("unnamed"))
    }

    /// The report as the user reads it after `jiratty: `: what happened, where, and where
    /// the log is.
    pub fn sentence(&self) -> String {
        let log = match super::logging::log_file() {
            Some(path) => format!("the details are in {}", path.display()),
            None => "no log file could be written".to_string(),
        };
        format!(
            "crashed and stopped: {} (thread '{}', at {}); {log}. Please report this.",
            self.message, self.thread, self.location
        )
    }
}

/// The reports of panics on other threads, for the event loop to end on.
#[derive(Debug)]
pub struct Crashes {
    reports: mpsc::UnboundedReceiver<CrashReport>,
}

impl Crashes {
    /// Waits for the next report.
    pub async fn recv(&mut self) -> CrashReport {
        match self.reports.recv().await {
            Some(report) => report,
            // The sender lives as long as the watch; without one, nothing will ever come.
            None => std::future::pending().await,
        }
    }
}

/// What the hook does while the TUI runs.
struct Watch {
    ui_thread: ThreadId,
    reports: mpsc::UnboundedSender<CrashReport>,
    restore: fn(),
    exit_after: Option<Duration>,
}

static WATCH: Mutex<Option<Watch>> = Mutex::new(None);
static LAST: Mutex<Option<CrashReport>> = Mutex::new(None);
static PRINTED: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

/// Watches for panics from now on, the current thread being the UI thread: `restore` gives
/// the terminal back, `exit_after` is the watchdog's grace period (None: no watchdog).
pub fn watch(restore: fn(), exit_after: Option<Duration>) -> Crashes {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| on_panic(info, &previous)));
    });
    let (tx, rx) = mpsc::unbounded_channel();
    *WATCH.lock().unwrap_or_else(PoisonError::into_inner) = Some(Watch {
        ui_thread: std::thread::current().id(),
        reports: tx,
        restore,
        exit_after,
    });
    Crashes { reports: rx }
}

/// Stops watching: panics go to the previous hook again (the terminal is back to normal).
pub fn unwatch() {
    *WATCH.lock().unwrap_or_else(PoisonError::into_inner) = None;
}

/// The last panic seen, if any (taken: a second call gives None).
pub fn last() -> Option<CrashReport> {
    LAST.lock().unwrap_or_else(PoisonError::into_inner).take()
}

/// Notes that the report has been printed, so that the watchdog does not print it again.
pub fn mark_printed() {
    PRINTED.store(true, Ordering::SeqCst);
}

type Hook = Box<dyn Fn(&std::panic::PanicHookInfo<'_>) + Sync + Send + 'static>;

fn on_panic(info: &std::panic::PanicHookInfo<'_>, previous: &Hook) {
    let report = CrashReport::of(info);
    tracing::error!(
        thread = %report.thread,
        location = %report.location,
        backtrace = %std::backtrace::Backtrace::force_capture(),
        "jiratty panicked: {}",
        report.message
    );
    *LAST.lock().unwrap_or_else(PoisonError::into_inner) = Some(report.clone());
    // Copied out, so that no lock is held while the terminal is written to.
    let watch = WATCH
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_ref()
        .map(|w| (w.ui_thread, w.reports.clone(), w.restore, w.exit_after));
    let Some((ui_thread, reports, restore, exit_after)) = watch else {
        return previous(info);
    };
    if std::thread::current().id() == ui_thread {
        // The panic unwinds through the event loop; the terminal must be usable for the
        // message printed after it.
        restore();
        return;
    }
    let _ = reports.send(report.clone());
    if let Some(grace) = exit_after {
        let watchdog = std::thread::Builder::new()
            .name("jiratty-crash-watchdog".into())
            .spawn(move || {
                std::thread::sleep(grace);
                restore();
                if !PRINTED.load(Ordering::SeqCst) {
                    eprintln!("jiratty: {}", report.sentence());
                }
                std::process::exit(i32::from(crate::cli::exit::FAILURE));
            });
        if let Err(e) = watchdog {
            tracing::error!(error = %e, "cannot start the crash watchdog");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_names_the_place_and_the_log_and_keeps_control_characters_out() {
        let report = CrashReport::new(
            "cannot convert \x1b]52;c;aGk=\x07float seconds to Duration",
            "src/jira/retry.rs:42:9",
            "tokio-runtime-worker",
        );
        assert!(!report.message.contains('\x1b'), "{report:?}");
        let sentence = report.sentence();
        assert!(sentence.contains("src/jira/retry.rs:42:9"), "{sentence}");
        assert!(sentence.contains("tokio-runtime-worker"), "{sentence}");
        assert!(sentence.contains("float seconds to Duration"), "{sentence}");
        assert!(
            sentence.contains("jiratty.log") || sentence.contains("no log file"),
            "{sentence}"
        );
    }

    #[test]
    fn a_long_message_is_shortened() {
        let report = CrashReport::new(&"x".repeat(10_000), "a.rs:1:1", "main");
        assert!(report.message.chars().count() <= MESSAGE_CHARS);
    }
}
