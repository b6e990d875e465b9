//! End-to-end start-up speed and memory of the real `jiratty` binary.
//!
//! ```sh
//! cargo bench --bench startup                              # all latencies, 7 runs each
//! JIRATTY_BENCH_RUNS=3 JIRATTY_BENCH_LATENCIES=0,50 cargo bench --bench startup
//! JIRATTY_BENCH_MEMORY=0 cargo bench --bench startup       # skip the memory run
//! ```
//!
//! How it measures:
//!
//! - For each latency L (default 0, 50 and 200 ms) it starts `jiratty demo-server --issues 100000
//!   --latency-ms L` (Cloud flavour) as a child process and writes a saved profile for
//!   `alice@example.com` by hand into a temporary `JIRATTY_CONFIG_DIR` (deployment and version
//!   given, as `jiratty login` saves them); the API token comes from `JIRATTY_SECRET`.
//! - It then runs `jiratty` (no arguments: the TUI on the default profile and its default query)
//!   in a 120x40 pseudo-terminal, one warm-up run (not counted) and then N runs. A reader thread
//!   timestamps each chunk of output as it arrives; the main thread feeds the chunks to a vt100
//!   parser one by one and checks the screen after each, so the times are those of the chunk that
//!   made the check hold, with no polling delay. From just before the spawn (so the exec of the
//!   process is included) it takes
//!   - *first frame*: the first moment the screen holds any drawn text;
//!   - *first rows*: the first moment an issue key (`ABC-123`) starts a row of the list body;
//!   - *fresh rows*: the first moment such rows are there and the header has no `cached` mark.
//!
//!   Each latency is measured twice: with the result cache off (`JIRATTY_CACHE=0`: the rows
//!   come from the site) and on (the warm-up run fills it, so the counted runs show the cached
//!   rows on their first frame, then the fresh ones). Times are medians (min–max).
//!
//!   Then it types `q` and waits for the exit (killing the process if it hangs).
//! - Then, per latency (module `extra`): first rows with credentials from the environment and
//!   no profile (the deployment detected with one `serverInfo`); the peak RSS (`VmHWM`) when
//!   the first rows are on screen; and Enter → the issue in full (no "Loading" left on the
//!   screen), once on a row of the first screen after the list settled (read ahead) and once
//!   on a row just below it, pressed at once (not read ahead).
//! - For reference it times `jiratty --version` (process exec and exit, no terminal).
//! - Memory: against the latency-0 server, a profile whose `default_jql` is [`ALL_ISSUES`] (it
//!   matches all 100,000 issues; Cloud refuses a query with no restriction, like `order by key`).
//!   It presses `G` (last row) each time more rows arrive, so the list keeps fetching the next
//!   page (one page per `G`: the bench's round trip is part of the paging time), until the header
//!   says all 100,000 are loaded, or five minutes pass (then it reports how far it got). Peak RSS
//!   is `VmHWM` from `/proc/PID/status`, read just before quitting; the progress line gives the
//!   time and RSS at every 10,000 rows, to show whether paging slows down as the list grows.
//!
//! Every child process (server, TUI) sits behind a guard that kills it on every exit path,
//! panics included. Environment: `JIRATTY_BENCH_RUNS` (default 7), `JIRATTY_BENCH_LATENCIES`
//! (comma-separated milliseconds), `JIRATTY_BENCH_MEMORY=0` to skip the memory run,
//! `JIRATTY_BENCH_EXTRA=0` to skip the second round's measurements, `JIRATTY_BENCH_BIN` to
//! time another build of jiratty (an older one, for before/after runs back to back; the demo
//! server is always this build's).

// Benchmark code: a failed unwrap or a panic stops a benchmark whose set-up broke.
#![allow(clippy::unwrap_used, clippy::panic)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use jiratty::text::format::thousands;

#[path = "startup/extra.rs"]
mod extra;

/// The binary the demo server runs (always this build's, so that A/B runs share a server).
const BIN: &str = env!("CARGO_BIN_EXE_jiratty");

/// The binary under test: `JIRATTY_BENCH_BIN` (an older build, for before/after runs back to
/// back), else this build's.
fn bin() -> String {
    std::env::var("JIRATTY_BENCH_BIN").unwrap_or_else(|_| BIN.to_string())
}
const COLS: u16 = 120;
const ROWS: u16 = 40;
const ISSUES: u64 = 100_000;
/// The version the demo server's Cloud `serverInfo` reports.
const CLOUD_VERSION: &str = "1001.0.0-SNAPSHOT";
/// A query matching every issue of the demo data set (its three projects).
const ALL_ISSUES: &str = "project in (ACME, OPS, DOC) ORDER BY key";
/// How long one start-up step (first frame, first rows) may take.
const STEP_TIMEOUT: Duration = Duration::from_secs(60);
/// How long the whole memory run may take.
const MEMORY_TIMEOUT: Duration = Duration::from_secs(300);
/// After a `G`, how long without new rows before `G` is pressed again.
const NUDGE_AFTER: Duration = Duration::from_millis(500);

type Result<T> = std::result::Result<T, String>;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("startup bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let runs: usize = env_or("JIRATTY_BENCH_RUNS", "7")
        .parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or("JIRATTY_BENCH_RUNS must be a positive number")?;
    let latencies = env_or("JIRATTY_BENCH_LATENCIES", "0,50,200")
        .split(',')
        .map(|l| l.trim().parse::<u64>())
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|_| "JIRATTY_BENCH_LATENCIES must be comma-separated milliseconds, e.g. 0,50")?;
    let memory = env_or("JIRATTY_BENCH_MEMORY", "1") != "0";
    let second_round = env_or("JIRATTY_BENCH_EXTRA", "1") != "0";

    println!("# jiratty start-up, end to end\n");
    println!("{}; {}", machine(), load_average());
    println!(
        "binary: {}\ndemo server: {} issues, Cloud flavour; terminal {COLS}x{ROWS}; {runs} runs \
         per latency after one warm-up run; times from just before the spawn (exec included)\n",
        bin(),
        thousands(ISSUES)
    );

    let version = exec_baseline(runs)?;
    let mut rows = Vec::new();
    let mut raw = Vec::new();
    let mut memory_line = None;
    let mut extras = Vec::new();
    for &latency in &latencies {
        eprintln!("latency {latency} ms: starting the demo server");
        let server = DemoServer::start(latency)?;
        let cold_home = profile_home(&server.url, None)?;
        let warm_home = profile_home(&server.url, None)?;
        let cold = startup_runs(cold_home.path(), runs, false);
        let warm = startup_runs(warm_home.path(), runs, true);
        let row = match (cold, warm) {
            (Ok(cold), Ok(warm)) => {
                raw.push(format!(
                    "- {latency} ms, no cache: first frame [{}]; first rows [{}]",
                    list_ms(&cold.frames),
                    list_ms(&cold.lists)
                ));
                raw.push(format!(
                    "- {latency} ms, cache: first frame [{}]; cached rows [{}]; fresh rows [{}] \
                     (warm-up, which filled it: frame {}, rows {})",
                    list_ms(&warm.frames),
                    list_ms(&warm.lists),
                    list_ms(&warm.fresh),
                    ms(warm.warm_up.0),
                    ms(warm.warm_up.1)
                ));
                format!(
                    "| {latency} ms | {} | {} | {} | {} | {} |",
                    summary(&cold.frames),
                    summary(&cold.lists),
                    summary(&warm.lists),
                    summary(&warm.fresh),
                    cold.frames.len()
                )
            }
            (Err(e), _) | (_, Err(e)) => {
                eprintln!("latency {latency} ms: {e}");
                let first_line = e.lines().next().unwrap_or_default();
                format!("| {latency} ms | failed: {first_line} | | | | |")
            }
        };
        rows.push(row);
        if second_round {
            eprintln!("latency {latency} ms: environment credentials, memory, Enter → issue");
            extras.push(match extra::measure(&server.url, latency, runs) {
                Ok(e) => format!(
                    "| {latency} ms | {} | {} | {} | {} |",
                    summary(&e.env_rows),
                    summary(&e.detail_read_ahead),
                    summary(&e.detail_cold),
                    summary_mb(&e.rss_kb),
                ),
                Err(e) => format!(
                    "| {latency} ms | failed: {} | | | |",
                    e.lines().next().unwrap_or_default()
                ),
            });
        }
        if memory && latency == 0 {
            memory_line = Some(memory_run(&server.url));
        }
    }
    if memory && memory_line.is_none() {
        eprintln!("memory: starting a demo server without latency");
        let server = DemoServer::start(0)?;
        memory_line = Some(memory_run(&server.url));
    }

    println!(
        "| latency | first frame | first rows, no cache | first rows, cache (cached) | fresh rows, cache | runs |"
    );
    println!("|---|---|---|---|---|---|");
    for row in &rows {
        println!("{row}");
    }
    if !extras.is_empty() {
        println!(
            "\n| latency | first rows, credentials from the environment | Enter → issue in full, read ahead | Enter → issue in full, not read ahead | peak RSS at first rows |"
        );
        println!("|---|---|---|---|---|");
        for line in &extras {
            println!("{line}");
        }
    }
    println!(
        "\n`jiratty --version` (exec and exit, for reference): {}\n",
        summary(&version)
    );
    if let Some(line) = memory_line {
        println!("{line}\n");
    }
    println!("Raw times (ms):");
    for line in &raw {
        println!("{line}");
    }
    println!("\n{}", load_average());
    Ok(())
}

/// The start-ups against one server.
struct Runs {
    /// Times to the first frame.
    frames: Vec<Duration>,
    /// Times to the first issue row.
    lists: Vec<Duration>,
    /// Times to the first fresh rows (the same as `lists` without the cache).
    fresh: Vec<Duration>,
    /// The warm-up run's (first frame, first rows), not counted.
    warm_up: (Duration, Duration),
}

/// The warm-up and the counted start-ups against one server, with the result cache on or off.
/// With it on, the warm-up run fills it, so the counted runs start with cached rows.
fn startup_runs(home: &Path, runs: usize, cache: bool) -> Result<Runs> {
    let warm = startup_once(home, cache)?;
    let (mut frames, mut lists, mut fresh) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..runs {
        let (frame, list, new) =
            startup_once(home, cache).map_err(|e| format!("run {}: {e}", i + 1))?;
        eprintln!(
            "  run {} (cache {}): first frame {}, first rows {}, fresh rows {}",
            i + 1,
            if cache { "on" } else { "off" },
            ms(frame),
            ms(list),
            ms(new)
        );
        frames.push(frame);
        lists.push(list);
        fresh.push(new);
    }
    Ok(Runs {
        frames,
        lists,
        fresh,
        warm_up: (warm.0, warm.1),
    })
}

/// One start-up: times to the first frame, to the first issue row (cached or fresh), and to
/// the first fresh rows (no `cached` mark in the header).
fn startup_once(home: &Path, cache: bool) -> Result<(Duration, Duration, Duration)> {
    let mut tui = Tui::spawn(home, cache)?;
    let frame = tui.wait_until("the first frame", STEP_TIMEOUT, |s| {
        !s.contents().trim().is_empty()
    })?;
    let list = tui.wait_until("the first issue row", STEP_TIMEOUT, has_issue_row)?;
    let fresh = tui.wait_until("the first fresh rows", STEP_TIMEOUT, |s| {
        has_issue_row(s)
            && !s
                .rows(0, COLS)
                .nth(1)
                .is_some_and(|header| header.contains("cached"))
    })?;
    let times = (frame - tui.started, list - tui.started, fresh - tui.started);
    tui.quit();
    Ok(times)
}

/// Pages through all issues of [`ALL_ISSUES`]; one line saying how far it got, how fast, and
/// the peak RSS.
fn memory_run(url: &str) -> String {
    eprintln!("memory: paging through all issues");
    match memory_inner(url) {
        Ok(line) => line,
        Err(e) => format!("memory: failed: {e}"),
    }
}

fn memory_inner(url: &str) -> Result<String> {
    let home = profile_home(url, Some(ALL_ISSUES))?;
    let mut tui = Tui::spawn(home.path(), false)?;
    let pid = tui.child.process_id().ok_or("jiratty has no process id")?;
    let first = tui.wait_until("the first issue row", STEP_TIMEOUT, has_issue_row)?;
    let deadline = tui.started + MEMORY_TIMEOUT;
    let mut loaded = 0;
    let mut last_nudge = Instant::now();
    let mut presses = 0u32;
    let mut checkpoints = Vec::new();
    let mut complete = false;
    while Instant::now() < deadline {
        if let Some((n, done)) = loaded_count(tui.parser.screen()) {
            if done && n >= ISSUES {
                complete = true;
                break;
            }
            if n > loaded {
                // Progress every 10,000 rows: time since the first rows and the RSS then.
                while checkpoints.len() < (n / 10_000) as usize {
                    let rss = proc_status_kb(pid, "VmRSS").unwrap_or(0);
                    checkpoints.push(format!(
                        "{}k {:.1} s {} MB",
                        (checkpoints.len() + 1) * 10,
                        (tui.last_chunk - first).as_secs_f64(),
                        rss / 1024
                    ));
                }
                loaded = n;
                tui.send(b"G")?;
                presses += 1;
                last_nudge = Instant::now();
            }
        }
        if last_nudge.elapsed() > NUDGE_AFTER {
            tui.send(b"G")?;
            presses += 1;
            last_nudge = Instant::now();
        }
        if !tui.pump(Duration::from_millis(100))? {
            return Err(format!(
                "jiratty ended while paging; the screen:\n{}",
                tui.parser.screen().contents()
            ));
        }
    }
    let paging = tui.last_chunk - first;
    let hwm = proc_status_kb(pid, "VmHWM");
    let rss = proc_status_kb(pid, "VmRSS");
    tui.quit();
    let (hwm, rss) = match (hwm, rss) {
        (Some(h), Some(r)) => (h, r),
        _ => return Err(format!("cannot read /proc/{pid}/status")),
    };
    let progress = if complete {
        format!(
            "all {} issues loaded in {:.1} s after the first rows ({:.0} issues/s)",
            thousands(ISSUES),
            paging.as_secs_f64(),
            ISSUES as f64 / paging.as_secs_f64()
        )
    } else {
        format!(
            "STALLED: {} of {} issues loaded after {:.1} s (timeout {} s)",
            thousands(loaded),
            thousands(ISSUES),
            paging.as_secs_f64(),
            MEMORY_TIMEOUT.as_secs()
        )
    };
    Ok(format!(
        "memory (latency 0, `{ALL_ISSUES}`, paging with G): {progress}; peak RSS (VmHWM) {:.1} MB, \
         RSS at the end {:.1} MB; {presses} G presses; progress: {}",
        hwm as f64 / 1024.0,
        rss as f64 / 1024.0,
        checkpoints.join(", ")
    ))
}

/// The loaded count in the list header: ("50 loaded, more…" → (50, false), "100,000 issues" →
/// (100000, true)).
fn loaded_count(screen: &vt100::Screen) -> Option<(u64, bool)> {
    let header = screen.rows(0, COLS).nth(1)?;
    let header = header.trim_end();
    let (count, done) = if let Some(rest) = header.strip_suffix(" loaded, more…") {
        (rest, false)
    } else if let Some(rest) = header.strip_suffix(" issues") {
        (rest, true)
    } else {
        return None;
    };
    let number = count.rsplit(' ').next()?.replace(',', "");
    number.parse().ok().map(|n| (n, done))
}

/// Whether a row of the list body (below the two header lines and the column titles) starts
/// with an issue key.
fn has_issue_row(screen: &vt100::Screen) -> bool {
    screen
        .rows(0, COLS)
        .skip(3)
        .any(|row| row.split_whitespace().next().is_some_and(is_issue_key))
}

/// `ABC-123`: upper-case letters (then letters or digits), a dash, digits.
fn is_issue_key(word: &str) -> bool {
    let Some((project, number)) = word.split_once('-') else {
        return false;
    };
    project.starts_with(|c: char| c.is_ascii_uppercase())
        && project
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
}

/// `jiratty --version`, `runs` times: process exec and exit.
fn exec_baseline(runs: usize) -> Result<Vec<Duration>> {
    let mut times = Vec::new();
    for _ in 0..=runs {
        let start = Instant::now();
        let status = Command::new(bin())
            .arg("--version")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("cannot run {} --version: {e}", bin()))?;
        let took = start.elapsed();
        if !status.success() {
            return Err(format!("{} --version failed: {status}", bin()));
        }
        times.push(took);
    }
    // The first run warms the page cache.
    times.remove(0);
    Ok(times)
}

/// A `jiratty demo-server` child process, killed when dropped.
struct DemoServer {
    child: std::process::Child,
    url: String,
}

impl DemoServer {
    fn start(latency_ms: u64) -> Result<DemoServer> {
        let child = Command::new(BIN)
            .args(["demo-server", "--issues", &ISSUES.to_string()])
            .args(["--latency-ms", &latency_ms.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start the demo server: {e}"))?;
        let mut server = DemoServer {
            child,
            url: String::new(),
        };
        let stdout = server
            .child
            .stdout
            .take()
            .ok_or("the demo server's stdout is not piped")?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let _ = tx.send(reader.read_line(&mut line).map(|_| line));
            // Keep reading, so that the server never blocks on a full pipe.
            let _ = std::io::copy(&mut reader, &mut std::io::sink());
        });
        let line = match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(Ok(line)) => line,
            Ok(Err(e)) => return Err(format!("cannot read the demo server's output: {e}")),
            Err(_) => return Err("the demo server did not say where it listens".to_string()),
        };
        server.url = line
            .trim()
            .strip_prefix("listening on ")
            .ok_or_else(|| format!("unexpected first line from the demo server: {line:?}"))?
            .to_string();
        Ok(server)
    }
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A temporary home with `config/config.toml` (the default profile `bench`, alice on `site`)
/// and an empty `data/`.
fn profile_home(site: &str, default_jql: Option<&str>) -> Result<tempfile::TempDir> {
    let home = tempfile::tempdir().map_err(|e| format!("cannot create a temporary dir: {e}"))?;
    for dir in ["config", "data"] {
        std::fs::create_dir(home.path().join(dir))
            .map_err(|e| format!("cannot create {dir}/: {e}"))?;
    }
    let mut config = format!(
        "default_profile = \"bench\"\n\n[profiles.bench]\nsite = {}\nauth = \"api-token\"\n\
         user = \"alice@example.com\"\ndeployment = \"cloud\"\nversion = {}\n",
        toml_string(site),
        toml_string(CLOUD_VERSION)
    );
    if let Some(jql) = default_jql {
        config.push_str(&format!("default_jql = {}\n", toml_string(jql)));
    }
    std::fs::write(home.path().join("config/config.toml"), config)
        .map_err(|e| format!("cannot write config.toml: {e}"))?;
    Ok(home)
}

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The TUI in a pseudo-terminal; the process is killed when this is dropped.
struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    _master: Box<dyn MasterPty + Send>,
    chunks: Receiver<(Instant, Vec<u8>)>,
    parser: vt100::Parser,
    /// Just before the spawn.
    started: Instant,
    /// When the last chunk processed arrived.
    last_chunk: Instant,
}

impl Tui {
    /// Starts `jiratty` on the profile in `home`, with nothing from the environment that could
    /// reach a real site, keyring, proxy or clipboard.
    fn spawn(home: &Path, cache: bool) -> Result<Tui> {
        Tui::spawn_with(home, cache, &[])
    }

    /// [`Tui::spawn`] with more environment variables.
    fn spawn_with(home: &Path, cache: bool, env: &[(&str, &str)]) -> Result<Tui> {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("cannot open a pseudo-terminal: {e}"))?;
        let mut cmd = CommandBuilder::new(bin());
        cmd.cwd(home);
        for (name, _) in std::env::vars_os() {
            let name = name.to_string_lossy().into_owned();
            let drop = name.starts_with("JIRATTY_")
                || name.to_ascii_uppercase().ends_with("_PROXY")
                || [
                    "DISPLAY",
                    "WAYLAND_DISPLAY",
                    "DBUS_SESSION_BUS_ADDRESS",
                    "BROWSER",
                ]
                .contains(&name.as_str());
            if drop {
                cmd.env_remove(&name);
            }
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("JIRATTY_CONFIG_DIR", home.join("config"));
        cmd.env("JIRATTY_DATA_DIR", home.join("data"));
        cmd.env("JIRATTY_SECRET", "demo-api-token");
        if !cache {
            cmd.env("JIRATTY_CACHE", "0");
        }
        for (name, value) in env {
            cmd.env(name, value);
        }
        let mut reader = pty
            .master
            .try_clone_reader()
            .map_err(|e| format!("cannot read the pseudo-terminal: {e}"))?;
        let writer = pty
            .master
            .take_writer()
            .map_err(|e| format!("cannot write to the pseudo-terminal: {e}"))?;
        let started = Instant::now();
        let child = pty
            .slave
            .spawn_command(cmd)
            .map_err(|e| format!("cannot start {}: {e}", bin()))?;
        // Only the child holds the terminal side now: its exit ends the reader.
        drop(pty.slave);
        let (tx, chunks) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 16384];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                    break;
                }
            }
        });
        Ok(Tui {
            child,
            writer,
            _master: pty.master,
            chunks,
            parser: vt100::Parser::new(nonzero(ROWS), nonzero(COLS), 0),
            started,
            last_chunk: started,
        })
    }

    /// Processes the next chunk of output if one arrives within `wait`; false once the output
    /// has ended (the program exited).
    fn pump(&mut self, wait: Duration) -> Result<bool> {
        match self.chunks.recv_timeout(wait) {
            Ok((at, bytes)) => {
                self.parser.process(&bytes);
                self.last_chunk = at;
                // Answer cursor position queries as a terminal does.
                if bytes.windows(4).any(|w| w == b"\x1b[6n") {
                    let (row, col) = self.parser.screen().cursor_position();
                    self.send(format!("\x1b[{};{}R", row + 1, col + 1).as_bytes())?;
                }
                Ok(true)
            }
            Err(RecvTimeoutError::Timeout) => Ok(true),
            Err(RecvTimeoutError::Disconnected) => Ok(false),
        }
    }

    /// Reads output chunk by chunk until `check` holds for the screen; returns when the chunk
    /// that made it hold arrived.
    fn wait_until(
        &mut self,
        what: &str,
        timeout: Duration,
        check: impl Fn(&vt100::Screen) -> bool,
    ) -> Result<Instant> {
        let deadline = Instant::now() + timeout;
        loop {
            if check(self.parser.screen()) {
                return Ok(self.last_chunk);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(format!(
                    "waited {} s in vain for {what}; the screen:\n{}",
                    timeout.as_secs(),
                    self.parser.screen().contents()
                ));
            }
            if !self.pump(left)? {
                return Err(format!(
                    "jiratty ended before {what}; the screen:\n{}",
                    self.parser.screen().contents()
                ));
            }
        }
    }

    fn send(&mut self, keys: &[u8]) -> Result<()> {
        self.writer
            .write_all(keys)
            .and_then(|()| self.writer.flush())
            .map_err(|e| format!("cannot type into the pseudo-terminal: {e}"))
    }

    /// Types `q` and waits for the exit; kills the process if it does not exit in time.
    fn quit(mut self) {
        if let Err(e) = self.send(b"q") {
            eprintln!("startup bench: {e}");
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            match self.child.try_wait() {
                Ok(Some(_)) => return,
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
                Err(e) => {
                    eprintln!("startup bench: cannot wait for jiratty: {e}");
                    return;
                }
            }
        }
        eprintln!("startup bench: jiratty did not exit after q; killing it");
        // Drop kills it.
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("the terminal size is a non-zero constant")
}

/// A field of `/proc/PID/status`, in kB.
fn proc_status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// CPUs, CPU model, memory and the commit under test.
fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
        .map_or("unknown CPU".to_string(), |(_, m)| m.trim().to_string());
    let mem_kb = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))?
                .split_whitespace()
                .next()?
                .parse::<u64>()
                .ok()
        })
        .unwrap_or(0);
    let commit = Command::new("git")
        .args([
            "-C",
            env!("CARGO_MANIFEST_DIR"),
            "rev-parse",
            "--short",
            "HEAD",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map_or("unknown".to_string(), |o| {
            String::from_utf8_lossy(&o.stdout).trim().to_string()
        });
    format!(
        "machine: {cpus} CPUs ({model}), {:.1} GiB RAM; jiratty {} at commit {commit}",
        mem_kb as f64 / 1024.0 / 1024.0,
        env!("CARGO_PKG_VERSION")
    )
}

/// The 1, 5 and 15 minute load averages: other work on the machine skews the times.
fn load_average() -> String {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let fields: Vec<&str> = load.split_whitespace().take(3).collect();
    format!("load average {}", fields.join(" "))
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

/// "median (min–max)" in milliseconds.
fn summary(times: &[Duration]) -> String {
    let mut sorted = times.to_vec();
    sorted.sort();
    let (Some(min), Some(max)) = (sorted.first(), sorted.last()) else {
        return "no runs".to_string();
    };
    let mid = sorted.len() / 2;
    let median = if sorted.len().is_multiple_of(2) {
        (sorted[mid - 1] + sorted[mid]) / 2
    } else {
        sorted[mid]
    };
    format!("{} ({}–{})", ms(median), ms_number(*min), ms_number(*max))
}

/// "median (min–max)" of kB values, in MB.
fn summary_mb(kb: &[u64]) -> String {
    let mut sorted = kb.to_vec();
    sorted.sort_unstable();
    let (Some(min), Some(max)) = (sorted.first(), sorted.last()) else {
        return "no runs".to_string();
    };
    let median = sorted[sorted.len() / 2];
    let mb = |k: u64| k as f64 / 1024.0;
    format!("{:.1} MB ({:.1}–{:.1})", mb(median), mb(*min), mb(*max))
}

fn ms(d: Duration) -> String {
    format!("{} ms", ms_number(d))
}

fn ms_number(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn list_ms(times: &[Duration]) -> String {
    times
        .iter()
        .map(|d| ms_number(*d))
        .collect::<Vec<_>>()
        .join(", ")
}
