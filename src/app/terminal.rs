//! The terminal: entering and leaving the full-screen mode on every exit path (normal quit,
//! error, panic, SIGTERM/SIGHUP), reading events, opening URLs and copying.

use super::msg::Msg;
use crate::notice::Notice;
use crossterm::event::{
    DisableBracketedPaste, DisableFocusChange, DisableMouseCapture, EnableBracketedPaste,
    EnableFocusChange, EnableMouseCapture, Event,
};
use crossterm::execute;
use ratatui::DefaultTerminal;
use std::io::Write;
use std::time::Duration;

/// Restores the terminal: leaves raw mode, the alternate screen, mouse capture and paste mode.
pub fn restore() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        DisableFocusChange
    );
    ratatui::restore();
}

/// How long the event loop has to end after a panic on another thread before the crash
/// watchdog ends the process itself.
const CRASH_GRACE: Duration = Duration::from_secs(5);

/// Holds the terminal in full-screen mode; dropping it restores the terminal.
pub struct Guard {
    /// The ratatui terminal.
    pub terminal: DefaultTerminal,
    /// Panics on other threads, which end the event loop (see [`super::crash`]).
    pub crashes: super::crash::Crashes,
}

impl Guard {
    /// Enters full-screen mode and starts watching for panics.
    pub fn enter() -> std::io::Result<Guard> {
        let crashes = super::crash::watch(restore, Some(CRASH_GRACE));
        // Not `ratatui::try_init`: its panic hook restores the terminal whichever thread
        // panics, under a UI that keeps running.
        let terminal = crossterm::terminal::enable_raw_mode()
            .and_then(|()| execute!(std::io::stdout(), crossterm::terminal::EnterAlternateScreen))
            .and_then(|()| {
                ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(std::io::stdout()))
            });
        let guard = match terminal {
            Ok(terminal) => Guard { terminal, crashes },
            Err(e) => {
                restore();
                super::crash::unwatch();
                return Err(e);
            }
        };
        execute!(
            std::io::stdout(),
            EnableMouseCapture,
            EnableBracketedPaste,
            EnableFocusChange
        )?;
        Ok(guard)
    }
}

impl Guard {
    /// Hands the terminal over (to an editor): full-screen mode off until [`Guard::resume`].
    pub fn suspend(&mut self) {
        let _ = self.terminal.show_cursor();
        restore();
    }

    /// Takes the terminal back after [`Guard::suspend`] and redraws it whole.
    pub fn resume(&mut self) -> std::io::Result<()> {
        crossterm::terminal::enable_raw_mode()?;
        execute!(
            std::io::stdout(),
            crossterm::terminal::EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste,
            EnableFocusChange,
            crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
        )?;
        // A fresh terminal has nothing drawn: the next frame paints every cell. (Not
        // `Terminal::clear`, which asks the terminal where its cursor is.)
        self.terminal =
            ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(std::io::stdout()))?;
        Ok(())
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.terminal.show_cursor();
        restore();
        super::crash::unwatch();
    }
}

/// A terminal event as a message, if it is one `update` cares about.
pub fn to_msg(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) => Some(Msg::Key(key)),
        Event::Mouse(mouse) => Some(Msg::Mouse(mouse)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::FocusGained => Some(Msg::Focus(true)),
        Event::FocusLost => Some(Msg::Focus(false)),
    }
}

/// SIGTERM and SIGHUP, so the terminal is restored when the process is told to stop.
pub struct Signals {
    #[cfg(unix)]
    term: Option<tokio::signal::unix::Signal>,
    #[cfg(unix)]
    hup: Option<tokio::signal::unix::Signal>,
}

impl Signals {
    /// Starts listening.
    pub fn new() -> Self {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Signals {
                term: signal(SignalKind::terminate()).ok(),
                hup: signal(SignalKind::hangup()).ok(),
            }
        }
        #[cfg(not(unix))]
        Signals {}
    }

    /// Waits for the next signal.
    pub async fn recv(&mut self) {
        #[cfg(unix)]
        {
            let term = async {
                match &mut self.term {
                    Some(s) => s.recv().await,
                    None => std::future::pending().await,
                }
            };
            let hup = async {
                match &mut self.hup {
                    Some(s) => s.recv().await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                _ = term => {}
                _ = hup => {}
            }
        }
        #[cfg(not(unix))]
        std::future::pending::<()>().await
    }
}

fn spawn_quiet(program: &str, args: &[&str], input: Option<&str>) -> Result<(), String> {
    use std::process::{Command, Stdio};
    let mut child = Command::new(program)
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if let (Some(text), Some(mut stdin)) = (input, child.stdin.take()) {
        stdin
            .write_all(text.as_bytes())
            .map_err(|e| format!("cannot write to {program}: {e}"))?;
    }
    // Reap in the background so no zombie is left.
    std::thread::spawn(move || {
        let _ = child.wait();
    });
    Ok(())
}

/// Opens `url` (a web or mail address) in the user's browser or mail program.
pub fn open_url(url: &str) -> Result<(), Notice> {
    if !crate::text::links::is_openable(url) {
        return Err(Notice::new("only web and mail addresses can be opened"));
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    spawn_quiet(opener, &[url], None)
        .map_err(|e| Notice::new(format!("{e} (no browser opener found)")))
}

/// Copies `text`: to the system clipboard where a display is there, else with OSC 52, which
/// terminals (also over SSH) turn into a clipboard write.
pub fn copy(text: &str) -> Result<(), Notice> {
    let tools: &[(&str, &[&str])] = if cfg!(target_os = "macos") {
        &[("pbcopy", &[])]
    } else if std::env::var_os("WAYLAND_DISPLAY").is_some() {
        &[("wl-copy", &[])]
    } else if std::env::var_os("DISPLAY").is_some() {
        &[
            ("xclip", &["-selection", "clipboard"]),
            ("xsel", &["--clipboard", "--input"]),
        ]
    } else {
        &[]
    };
    for (tool, args) in tools {
        if spawn_quiet(tool, args, Some(text)).is_ok() {
            return Ok(());
        }
    }
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")
        .and_then(|_| out.flush())
        .map_err(|e| Notice::new(format!("cannot copy: {e}")))
}

/// Whether to mark links as OSC 8 hyperlinks. `JIRATTY_HYPERLINKS=1` or `0` decides; otherwise
/// only terminals known to support them get them (others may print the sequences as text).
pub fn hyperlinks_supported() -> bool {
    hyperlinks_in(|name| std::env::var(name).unwrap_or_default())
}

/// [`hyperlinks_supported`] for the environment `var` reads (empty: unset).
fn hyperlinks_in(var: impl Fn(&str) -> String) -> bool {
    match var("JIRATTY_HYPERLINKS").as_str() {
        "1" | "yes" | "true" => return true,
        "0" | "no" | "false" => return false,
        _ => {}
    }
    // Multiplexers pass OSC 8 on only when configured to.
    if !var("TMUX").is_empty() || var("TERM").starts_with("screen") {
        return false;
    }
    let program = var("TERM_PROGRAM");
    let vte = var("VTE_VERSION").parse::<u32>().unwrap_or(0);
    ["iTerm.app", "WezTerm", "vscode", "ghostty", "Hyper", "rio"].contains(&program.as_str())
        || vte >= 5000
        || !var("KITTY_WINDOW_ID").is_empty()
        || !var("WT_SESSION").is_empty()
        || !var("KONSOLE_VERSION").is_empty()
        || var("TERM").contains("kitty")
        || var("TERM").starts_with("foot")
        || var("TERM") == "alacritty"
}

/// A URL and the drawn cells `(x, y, cell)` that show it.
pub type LinkCells = (String, Vec<(u16, u16, ratatui::buffer::Cell)>);

/// Stretches of drawn text to mark as OSC 8 hyperlinks: for each `(x, y, width, url)` whose
/// URL jiratty would open itself (web and mail addresses: the predicate `l` uses, so the
/// terminal is never handed a clickable `javascript:`, `file:` or `data:` link), the URL and
/// copies of those cells of `buffer` (the frame just drawn; cells outside it are skipped).
/// Only these cells are copied, not the frame.
pub fn link_cells(
    buffer: &ratatui::buffer::Buffer,
    links: &[(u16, u16, u16, String)],
) -> Vec<LinkCells> {
    links
        .iter()
        .filter(|(_, _, _, url)| crate::text::links::is_openable(url))
        .filter_map(|(x, y, width, url)| {
            let cells: Vec<_> = (*x..x.saturating_add(*width))
                .filter_map(|cx| buffer.cell((cx, *y)).map(|c| (cx, *y, c.clone())))
                .collect();
            (!cells.is_empty()).then(|| (url.clone(), cells))
        })
        .collect()
}

/// Marks the cells of [`link_cells`] as OSC 8 hyperlinks: they are written again, the same
/// cells with the same styles, between an OSC 8 opener and closer. What is on screen does not
/// change, so ratatui's idea of the screen stays right. URLs have been through the sanitiser;
/// anything that could end the sequence early is dropped all the same.
pub fn mark_links(terminal: &mut DefaultTerminal, links: &[LinkCells]) -> std::io::Result<()> {
    use ratatui::backend::Backend;
    let backend = terminal.backend_mut();
    for (url, cells) in links {
        let url: String = url
            .chars()
            .filter(|c| !crate::text::sanitize::is_unsafe(*c))
            .collect();
        if !crate::text::links::is_openable(&url) {
            continue;
        }
        write!(backend, "\x1b]8;;{url}\x1b\\")?;
        backend.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))?;
        write!(backend, "\x1b]8;;\x1b\\")?;
    }
    std::io::Write::flush(backend)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(vars: &[(&str, &str)]) -> bool {
        hyperlinks_in(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map_or_else(String::new, |(_, v)| v.to_string())
        })
    }

    #[test]
    fn only_links_jiratty_would_open_become_hyperlinks() {
        let buffer = ratatui::buffer::Buffer::with_lines([
            "javascript link",
            "file link",
            "data link",
            "web link",
        ]);
        let links: Vec<(u16, u16, u16, String)> = [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<script>alert(1)</script>",
            "https://example.com/ok",
        ]
        .iter()
        .enumerate()
        .map(|(y, url)| (0, y as u16, 4, url.to_string()))
        .collect();
        let marked = link_cells(&buffer, &links);
        let urls: Vec<&str> = marked.iter().map(|(url, _)| url.as_str()).collect();
        assert_eq!(urls, ["https://example.com/ok"]);
        assert_eq!(marked[0].1.len(), 4);
        assert!(open_url("file:///etc/passwd").is_err());
        assert!(open_url("javascript:alert(1)").is_err());
    }

    #[test]
    fn hyperlinks_only_where_known_or_asked_for() {
        assert!(!with(&[("TERM", "xterm-256color")]));
        assert!(with(&[("TERM", "xterm-256color"), ("VTE_VERSION", "7200")]));
        assert!(!with(&[
            ("TERM", "xterm-256color"),
            ("VTE_VERSION", "4800")
        ]));
        assert!(with(&[("TERM_PROGRAM", "WezTerm")]));
        assert!(with(&[("TERM", "xterm-kitty")]));
        assert!(with(&[("KONSOLE_VERSION", "230804")]));
        // tmux passes them on only when configured to: off unless asked for.
        assert!(!with(&[
            ("TERM_PROGRAM", "iTerm.app"),
            ("TMUX", "/tmp/tmux-0/default,1,0")
        ]));
        assert!(with(&[("TMUX", "/tmp/x"), ("JIRATTY_HYPERLINKS", "1")]));
        assert!(!with(&[
            ("TERM_PROGRAM", "WezTerm"),
            ("JIRATTY_HYPERLINKS", "0")
        ]));
    }
}
