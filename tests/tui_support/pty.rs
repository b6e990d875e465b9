//! The real binary in a pseudo-terminal: keys in, the screen read back through vt100.
// Shared by several test crates, each using part of it.
#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long anything may take to appear. Generous: the machine may be busy.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// A running jiratty in a pseudo-terminal.
pub struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<std::thread::JoinHandle<()>>,
    _dirs: Option<tempfile::TempDir>,
}

impl Tui {
    /// Starts the binary with `args` at `cols`x`rows`, with fresh config and data dirs and
    /// nothing from the environment that could reach a real site, keyring or clipboard.
    pub fn spawn(args: &[&str], cols: u16, rows: u16) -> Tui {
        let dirs = tempfile::tempdir().unwrap();
        let base = dirs.path().to_path_buf();
        Tui::spawn_in(args, &[], cols, rows, &base, Some(dirs))
    }

    /// Like [`Tui::spawn`], with the environment variables `env` set on top (after the scrub,
    /// so they may be `JIRATTY_*` ones: a site and credentials for that run).
    pub fn spawn_with_env(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Tui {
        let dirs = tempfile::tempdir().unwrap();
        let base = dirs.path().to_path_buf();
        Tui::spawn_in(args, env, cols, rows, &base, Some(dirs))
    }

    /// Like [`Tui::spawn`], with config and data dirs under `base` (kept across runs, for tests
    /// that restart jiratty).
    pub fn spawn_at(args: &[&str], cols: u16, rows: u16, base: &std::path::Path) -> Tui {
        Tui::spawn_in(args, &[], cols, rows, base, None)
    }

    fn spawn_in(
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
        base: &std::path::Path,
        dirs: Option<tempfile::TempDir>,
    ) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_jiratty"));
        cmd.args(args);
        cmd.cwd(base);
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
        cmd.env("JIRATTY_CONFIG_DIR", base.join("config"));
        cmd.env("JIRATTY_DATA_DIR", base.join("data"));
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pty.slave.spawn_command(cmd).expect("jiratty starts");
        // Only the child holds the terminal side: its exit ends the reader.
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            rows.try_into().unwrap(),
            cols.try_into().unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let writer = Arc::new(Mutex::new(pty.master.take_writer().unwrap()));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let reader = {
            let (parser, raw, writer) = (parser.clone(), raw.clone(), writer.clone());
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                while let Ok(n) = reader.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    let mut parser = parser.lock().unwrap();
                    parser.process(&buf[..n]);
                    raw.lock().unwrap().extend_from_slice(&buf[..n]);
                    // Answer cursor position queries as a real terminal does.
                    if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
                        let (row, col) = parser.screen().cursor_position();
                        let reply = format!("\x1b[{};{}R", row + 1, col + 1);
                        let mut w = writer.lock().unwrap();
                        let _ = w.write_all(reply.as_bytes()).and_then(|_| w.flush());
                    }
                }
            })
        };
        Tui {
            parser,
            raw,
            writer,
            master: pty.master,
            child,
            reader: Some(reader),
            _dirs: dirs,
        }
    }

    /// Types `keys` (raw bytes: "\r" Enter, "\x1b" Esc, "\t" Tab, "\x15" Ctrl-U).
    pub fn send(&mut self, keys: &str) {
        let mut writer = self.writer.lock().unwrap();
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// The screen's text.
    pub fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Everything the program wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits until `check` holds for the screen; panics with `what` and the screen if not.
    pub fn wait_until(&self, what: &str, mut check: impl FnMut(&vt100::Screen) -> bool) -> String {
        let start = Instant::now();
        loop {
            {
                let parser = self.parser.lock().unwrap();
                if check(parser.screen()) {
                    return parser.screen().contents();
                }
            }
            if start.elapsed() > TIMEOUT {
                panic!("waited in vain for {what}; the screen:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `text` is on the screen; returns the screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |s| s.contents().contains(text))
    }

    /// Waits until `text` is gone from the screen.
    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to go"), |s| !s.contents().contains(text))
    }

    /// The screen row drawn in reverse video (the list's selection), below the header.
    pub fn selected_row(&self) -> Option<String> {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        (3..rows.get())
            .find(|r| screen.cell(*r, 1).is_some_and(|c| c.inverse()))
            .map(|r| {
                screen
                    .contents_between(r, 0, r, cols.get())
                    .trim()
                    .to_string()
            })
    }

    /// Waits until the selected row starts with `prefix`; returns the row.
    pub fn wait_selected(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            if let Some(row) = self.selected_row().filter(|r| check(r)) {
                return row;
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "waited in vain for the selection to be {what}; the screen:\n{}",
                    self.text()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Resizes the terminal (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .set_size(rows.try_into().unwrap(), cols.try_into().unwrap());
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running child")
    }

    /// Waits for the program to exit, and for its last output to be read.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            if start.elapsed() > TIMEOUT {
                panic!("jiratty did not exit; the screen:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        status
    }

    /// The exit status if the program has ended (its last output read), else None.
    pub fn try_exit(&mut self) -> Option<ExitStatus> {
        let status = self.child.try_wait().unwrap()?;
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        Some(status)
    }

    /// Whether the program holds the full screen: (alternate screen, mouse reporting on).
    pub fn screen_state(&self) -> (bool, bool) {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        (
            screen.alternate_screen(),
            screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None,
        )
    }

    /// Asserts the terminal is back to normal: main screen, no mouse reporting, no bracketed
    /// paste, cursor shown.
    pub fn assert_terminal_restored(&self) {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        assert!(!screen.alternate_screen(), "still in the alternate screen");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting is still on"
        );
        assert!(!screen.bracketed_paste(), "bracketed paste is still on");
        assert!(!screen.hide_cursor(), "the cursor is still hidden");
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
