//! A widely used third-party client, the PyPI `jira` library (pycontribs), works against the
//! demo server unchanged: `tests/third_party_client.py` runs its calls against the real
//! `jiratty demo-server` binary of each flavour.
//!
//! Needs `python3` with the `jira` module (`.ci/run` installs it). Without it the test is
//! skipped with a note, except under CI (`CI` set), where it fails.
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// The demo server child process; killed when dropped, so a failing test leaves nothing behind.
struct DemoProcess(Child);

impl Drop for DemoProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Whether the library is importable; under CI its absence is a failure.
fn library_available() -> bool {
    let probe = Command::new("python3").args(["-c", "import jira"]).output();
    let missing = match probe {
        Ok(out) if out.status.success() => return true,
        Ok(out) => String::from_utf8_lossy(&out.stderr).trim().to_string(),
        Err(e) => format!("cannot run python3: {e}"),
    };
    assert!(
        std::env::var_os("CI").is_none(),
        "the PyPI `jira` library is required under CI (`python3 -m pip install jira`): {missing}"
    );
    eprintln!(
        "skipped: python3 cannot import the PyPI `jira` library ({missing}); pip install jira"
    );
    false
}

/// Starts `jiratty demo-server --flavor FLAVOR --port 0` and reads the URL it announces.
fn start_demo(flavor: &str) -> (DemoProcess, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_jiratty"))
        .args(["demo-server", "--flavor", flavor, "--port", "0"])
        .env(
            "JIRATTY_DATA_DIR",
            std::env::temp_dir().join("jiratty-third-party-test"),
        )
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the jiratty binary starts");
    let mut process = DemoProcess(child);
    let stdout = process.0.stdout.take().expect("stdout is piped");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("demo-server prints a line");
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line from demo-server: {line:?}"))
        .to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    (process, url)
}

fn run_client(flavor: &str) {
    if !library_available() {
        return;
    }
    let (_server, url) = start_demo(flavor);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/third_party_client.py");
    let out = Command::new("python3")
        .args([script, &url, flavor])
        .stdin(Stdio::null())
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "the `jira` library failed against the {flavor} demo server:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("all checks passed"), "{stdout}");
}

#[test]
fn pycontribs_jira_works_against_cloud() {
    run_client("cloud");
}

#[test]
fn pycontribs_jira_works_against_dc() {
    run_client("dc");
}
