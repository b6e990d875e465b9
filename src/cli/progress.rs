//! A spinner on stderr for calls that take longer than a moment, only when stderr is a
//! terminal. It says what is waited for and, once the wait is noticeable, for how long and
//! when jiratty gives up (the client's deadline).

use std::io::{IsTerminal, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the spinner shows: a label and when its wait began.
struct Status {
    label: String,
    since: Instant,
}

/// A running spinner; dropping it clears the line.
pub struct Progress {
    status: Arc<Mutex<Status>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Progress {
    /// Starts a spinner that appears after 300 ms, saying `label` ("waiting for HOST to send
    /// issue ACME-1"); `deadline` is how long one call may take before jiratty gives up.
    pub fn start(label: impl Into<String>, deadline: Duration) -> Self {
        let status = Arc::new(Mutex::new(Status {
            label: label.into(),
            since: Instant::now(),
        }));
        if !std::io::stderr().is_terminal() {
            return Progress { status, task: None };
        }
        let shared = status.clone();
        let task = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(300)).await;
            let frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
            for frame in frames.iter().cycle() {
                let line = match shared.lock() {
                    Ok(s) => spinner_line(*frame, &s.label, s.since.elapsed(), deadline),
                    Err(_) => return,
                };
                {
                    let mut err = std::io::stderr().lock();
                    let _ = err.write_all(line.as_bytes());
                    let _ = err.flush();
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        });
        Progress {
            status,
            task: Some(task),
        }
    }

    /// Says what is waited for now; the wait's clock starts again.
    pub fn waiting_for(&self, label: impl Into<String>) {
        if let Ok(mut s) = self.status.lock() {
            s.label = label.into();
            s.since = Instant::now();
        }
    }
}

/// One frame of the spinner: the label, and after two seconds how long this wait has lasted
/// and when jiratty gives up.
fn spinner_line(frame: char, label: &str, waited: Duration, deadline: Duration) -> String {
    let label = crate::text::sanitize_line(label);
    if waited < Duration::from_secs(2) {
        format!("\r{frame} {label}…\x1b[K")
    } else {
        format!(
            "\r{frame} {label}… {} s (gives up after {})\x1b[K",
            waited.as_secs(),
            crate::jira::retry::duration_text(deadline)
        )
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K");
            let _ = err.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_what_is_waited_for_and_when_jiratty_gives_up() {
        let quick = spinner_line(
            '⠋',
            "waiting for jira.example.com to send issue ACME-1",
            Duration::from_millis(500),
            Duration::from_secs(30),
        );
        assert_eq!(
            quick,
            "\r⠋ waiting for jira.example.com to send issue ACME-1…\x1b[K"
        );
        let slow = spinner_line(
            '⠙',
            "waiting for jira.example.com to send page 3 of the search",
            Duration::from_millis(12_400),
            Duration::from_secs(30),
        );
        assert!(
            slow.contains("page 3 of the search… 12 s (gives up after 30 seconds)"),
            "{slow}"
        );
        let hostile = spinner_line('⠋', "issue \x1b]0;x\x07A", Duration::ZERO, Duration::ZERO);
        assert!(!hostile.contains('\x07'), "{hostile:?}");
    }
}
