//! A spinner on stderr for calls that take longer than a moment, only when stderr is a
//! terminal.

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// A running spinner; dropping it clears the line.
pub struct Progress {
    count: Arc<AtomicU64>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Progress {
    /// Starts a spinner labelled `what` that appears after 300 ms.
    pub fn start(what: &'static str) -> Self {
        let count = Arc::new(AtomicU64::new(0));
        if !std::io::stderr().is_terminal() {
            return Progress { count, task: None };
        }
        let shared = count.clone();
        let task = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(300)).await;
            let frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
            for frame in frames.iter().cycle() {
                let n = shared.load(Ordering::Relaxed);
                let line = if n > 0 {
                    format!("\r{frame} {what}… {n}\x1b[K")
                } else {
                    format!("\r{frame} {what}…\x1b[K")
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
            count,
            task: Some(task),
        }
    }

    /// Sets the count shown next to the label.
    pub fn set(&self, n: u64) {
        self.count.store(n, Ordering::Relaxed);
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
