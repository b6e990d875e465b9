//! A panic on any thread ends the TUI cleanly (see `jiratty::app::crash`): a panic in a
//! worker task, a blocking task or a thread of its own is reported to the event loop without
//! touching the terminal; one on the UI thread restores the terminal before it unwinds; and
//! an event loop that does not end is ended by the watchdog, terminal restored, the report on
//! stderr, exit code 1.
//!
//! The panic hook is process-wide: the in-process checks are one test, and the watchdog runs
//! in a child process (this test binary again, running `watchdog_child`).

// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

use jiratty::app::crash::{self, CrashReport};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

static RESTORED: AtomicUsize = AtomicUsize::new(0);

fn count_restore() {
    RESTORED.fetch_add(1, Ordering::SeqCst);
}

fn next(runtime: &tokio::runtime::Runtime, crashes: &mut crash::Crashes) -> CrashReport {
    runtime
        .block_on(async { tokio::time::timeout(Duration::from_secs(10), crashes.recv()).await })
        .expect("a report within 10 s")
}

#[test]
fn panics_on_other_threads_reach_the_event_loop_and_leave_the_terminal_alone() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let mut crashes = crash::watch(count_restore, None);

    // A worker task: tokio catches the panic; the hook still sees it.
    let task = runtime.spawn(async { panic!("cannot convert float seconds to Duration") });
    let report = next(&runtime, &mut crashes);
    assert_eq!(report.message, "cannot convert float seconds to Duration");
    assert!(
        report.location.starts_with("tests/tui_crash.rs:"),
        "{report:?}"
    );
    assert!(report.thread.contains("tokio"), "{report:?}");
    assert!(runtime.block_on(task).unwrap_err().is_panic());

    // A blocking task (file writes run on these).
    let _ = runtime.block_on(runtime.spawn_blocking(|| panic!("the filters file {}", 42)));
    assert_eq!(next(&runtime, &mut crashes).message, "the filters file 42");

    // A thread of its own (the connecting thread).
    let _ = std::thread::Builder::new()
        .name("jiratty-connect".into())
        .spawn(|| panic!("no keyring"))
        .unwrap()
        .join();
    let report = next(&runtime, &mut crashes);
    assert_eq!(
        (report.message.as_str(), report.thread.as_str()),
        ("no keyring", "jiratty-connect")
    );
    assert_eq!(
        RESTORED.load(Ordering::SeqCst),
        0,
        "the terminal belongs to the UI thread"
    );

    // The UI thread itself: the terminal is restored before the panic unwinds, and the report
    // is kept for the message printed after it.
    let caught = std::panic::catch_unwind(|| panic!("drawing went wrong"));
    assert!(caught.is_err());
    assert_eq!(RESTORED.load(Ordering::SeqCst), 1);
    let last = crash::last().expect("the last report");
    assert_eq!(last.message, "drawing went wrong");
    let sentence = last.sentence();
    assert!(
        sentence.starts_with("crashed and stopped: drawing went wrong"),
        "{sentence}"
    );
    assert!(sentence.contains("tests/tui_crash.rs:"), "{sentence}");
    assert!(sentence.contains("jiratty.log"), "{sentence}");
    crash::unwatch();
}

const CHILD: &str = "JIRATTY_TEST_CRASH_CHILD";

/// Run by `a_stuck_event_loop_is_ended_by_the_watchdog` in a child process: a thread panics
/// while the "UI thread" never looks at its reports.
#[test]
#[ignore = "run as a child process by a_stuck_event_loop_is_ended_by_the_watchdog"]
fn watchdog_child() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    fn restore() {
        eprintln!("[terminal restored]");
    }
    let _crashes = crash::watch(restore, Some(Duration::from_millis(300)));
    let _ = std::thread::spawn(|| panic!("a worker died")).join();
    std::thread::sleep(Duration::from_secs(30));
    unreachable!("the watchdog ends the process first");
}

#[test]
fn a_stuck_event_loop_is_ended_by_the_watchdog() {
    let data = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "watchdog_child", "--ignored", "--nocapture"])
        .env(CHILD, "1")
        .env("JIRATTY_DATA_DIR", data.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(20));
    let restored = stderr.find("[terminal restored]").expect(&stderr);
    let message = stderr
        .find("jiratty: crashed and stopped: a worker died")
        .expect(&stderr);
    assert!(
        restored < message,
        "the message follows the restore:\n{stderr}"
    );
    assert!(stderr.contains("tests/tui_crash.rs:"), "{stderr}");
    assert!(
        stderr.contains(&data.path().join("jiratty.log").display().to_string()),
        "{stderr}"
    );
}
