//! End to end against `jiratty demo-server --hostile`, whose extra issue carries terminal
//! attacks (CSI, OSC title and clipboard writes, DCS, C1 controls, bells, backspaces, carriage
//! returns, bidi overrides) in its summary, description, comment, reporter, status and label.
//! The TUI in a pseudo-terminal lists and opens it, scrolls through it and quits: the screen
//! keeps its layout, the program never writes an attack to the terminal, and the terminal is
//! restored. (`tests/cli_hostile.rs` checks the CLI's output.)
#![cfg(feature = "demo")]
// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

#[path = "tui_support/pty.rs"]
mod pty;

use jiratty::demo::hostile;
use pty::Tui;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

const ENTER: &str = "\r";

/// `jiratty demo-server --hostile` as a child process, killed on drop.
struct HostileServer {
    child: Child,
    url: String,
}

impl HostileServer {
    fn start(flavor: &str) -> HostileServer {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jiratty"))
            .args(["demo-server", "--hostile", "--flavor", flavor])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("jiratty demo-server starts");
        let stdout = child.stdout.take().expect("the server's stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the server's first line");
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_string();
        HostileServer { child, url }
    }

    /// The environment that logs alice in to this server for one run (password on dc, as
    /// the login screen would).
    fn alice_env(&self, flavor: &str) -> Vec<(&'static str, String)> {
        let (auth, user, secret) = match flavor {
            "cloud" => ("api-token", "alice@example.com", "demo-api-token"),
            _ => ("password", "alice", "demo-password"),
        };
        vec![
            ("JIRATTY_SITE", self.url.clone()),
            ("JIRATTY_AUTH", auth.to_string()),
            ("JIRATTY_USER", user.to_string()),
            ("JIRATTY_SECRET", secret.to_string()),
        ]
    }
}

impl Drop for HostileServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Characters that must never reach the terminal: C1 controls and bidi overrides/isolates.
fn forbidden_char(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || disputed_width(c)
}

/// Characters whose width terminals and unicode-width disagree on (the hostile issue's
/// `WIDTHS` paragraph has each): line and paragraph separators, soft hyphen, zero-width space,
/// Hangul filler, byte order mark, and the joiner of an emoji ZWJ sequence.
fn disputed_width(c: char) -> bool {
    matches!(
        c,
        '\u{2028}' | '\u{2029}' | '\u{ad}' | '\u{200b}' | '\u{3164}' | '\u{feff}' | '\u{200d}'
    )
}

/// Escape sequences the program itself never writes, so that any of them is an attack that got
/// through: title and icon changes, clipboard writes, DCS strings. (Cursor moves and clears are
/// the program's own business; where the attack's words land tells those apart. OSC 8
/// hyperlinks are its own too, and checked apart.)
const FORBIDDEN_SEQUENCES: [&[u8]; 5] = [b"\x1b]0;", b"\x1b]1;", b"\x1b]2;", b"\x1b]52;", b"\x1bP"];

/// The URLs of the OSC 8 hyperlinks in `raw` (`ESC ] 8 ; params ; URL ST`), asserting each
/// is well formed: nothing in its URL could end the sequence early or start another.
fn hyperlink_urls(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let mut urls = Vec::new();
    for (at, _) in text.match_indices("\x1b]8;") {
        let rest = &text[at + 4..];
        let end = rest.find("\x1b\\").expect("an OSC 8 ended by ST");
        let (_params, url) = rest[..end].split_once(';').expect("OSC 8 parameters");
        assert!(
            !url.chars().any(|c| c.is_control() || forbidden_char(c)),
            "a hyperlink URL with a control character: {url:?}"
        );
        urls.push(url.to_string());
    }
    urls
}

/// Payload words that only ever stand inside an attack's escape sequence.
const PAYLOADS: [&str; 3] = ["pwned", "cHduZWQ", "evil.example"];

/// What a terminal would have done with the program's output, besides drawing.
#[derive(Default)]
struct SideEffects {
    titles: Vec<Vec<u8>>,
    clipboard: Vec<Vec<u8>>,
    bells: usize,
    /// OSC sequences other than OSC 8 hyperlinks.
    unhandled_osc: usize,
}

impl vt100::Callbacks for SideEffects {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(name.to_vec());
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        if params.first() != Some(&&b"8"[..]) {
            self.unhandled_osc += 1;
        }
    }
}

/// Asserts the program's output holds no attack: no forbidden sequence, character or payload,
/// and replayed through a terminal it sets no title, writes no clipboard and rings no bell.
fn assert_no_attack_written(raw: &[u8], what: &str) {
    for seq in FORBIDDEN_SEQUENCES {
        assert!(
            !raw.windows(seq.len()).any(|w| w == seq),
            "{what}: the output holds {:?}",
            String::from_utf8_lossy(seq)
        );
    }
    let text = String::from_utf8_lossy(raw);
    if let Some(c) = text.chars().find(|&c| forbidden_char(c)) {
        panic!("{what}: the output holds U+{:04X}", c as u32);
    }
    for payload in PAYLOADS {
        assert!(
            !text.contains(payload),
            "{what}: the output holds {payload:?}"
        );
    }
    assert!(!raw.contains(&0x08), "{what}: the output holds a backspace");
    hyperlink_urls(raw);
    let mut terminal = vt100::Parser::new_with_callbacks(
        40.try_into().expect("rows"),
        120.try_into().expect("columns"),
        0,
        SideEffects::default(),
    );
    terminal.process(raw);
    let effects = terminal.callbacks();
    assert!(
        effects.titles.is_empty(),
        "{what}: a title was set: {:?}",
        effects.titles
    );
    assert!(
        effects.clipboard.is_empty(),
        "{what}: the clipboard was written: {:?}",
        effects.clipboard
    );
    assert_eq!(effects.bells, 0, "{what}: the bell rang");
    assert_eq!(
        effects.unhandled_osc, 0,
        "{what}: an OSC sequence was written"
    );
}

/// The line of `screen` holding `text`.
fn line_of<'a>(screen: &'a str, text: &str) -> Option<&'a str> {
    screen.lines().find(|l| l.contains(text))
}

/// How far `line` is indented.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The frame of every screen: the header on top, nothing cleared below it.
fn assert_frame(screen: &str, what: &str) {
    let lines: Vec<&str> = screen.lines().collect();
    assert!(
        lines.first().is_some_and(|l| l.starts_with(" jiratty ")),
        "{what}: the header is gone:\n{screen}"
    );
    assert!(lines.len() >= 20, "{what}: rows were cleared:\n{screen}");
    for payload in PAYLOADS {
        assert!(
            !screen.contains(payload),
            "{what}: {payload:?} is shown:\n{screen}"
        );
    }
    // The word after each `ESC [10;10H` stays in its line instead of jumping to row 10,
    // column 10.
    for line in &lines {
        for (at, _) in line.match_indices("moved") {
            assert!(
                line[..at].ends_with("red "),
                "{what}: \"moved\" out of its line:\n{screen}"
            );
        }
    }
}

/// What scrolling through the detail has shown so far.
#[derive(Default)]
struct Seen {
    start: bool,
    reporter: bool,
    comment: bool,
    widths: bool,
}

impl Seen {
    /// Checks one screen of the detail: the frame is intact and the readable words stay in
    /// line, indented as their plain neighbours are.
    fn check(&mut self, screen: &str, flavor: &str) {
        assert_frame(screen, "the detail");
        self.reporter |= screen.contains(hostile::DISPLAY_NAME_TEXT);
        if let Some(line) = line_of(screen, "Hostile description starts here.") {
            assert!(
                line.contains(hostile::DESCRIPTION_START_TEXT),
                "{flavor}: {line:?}\n{screen}"
            );
            if let Some(plain) = line_of(screen, "Title one two") {
                assert_eq!(indent(line), indent(plain), "{flavor}:\n{screen}");
            }
            self.start = true;
        }
        // The separators broke their lines; what follows them reads whole, in line.
        if let Some(line) = line_of(screen, "softhyphen") {
            assert!(
                line.contains(hostile::WIDTHS_TEXT),
                "{flavor}: {line:?}\n{screen}"
            );
            if let Some(plain) = line_of(screen, "Title one two") {
                assert_eq!(indent(line), indent(plain), "{flavor}:\n{screen}");
            }
            if let Some(split) = line_of(screen, "split") {
                assert_eq!(split.trim(), "split", "{flavor}: {split:?}\n{screen}");
            }
            self.widths = true;
        }
        if let Some(line) = line_of(screen, "Hostile comment") {
            assert!(
                line.contains("Hostile comment reversed"),
                "{flavor}: {line:?}\n{screen}"
            );
            if let Some(plain) = line_of(screen, hostile::FOLLOW_UP) {
                assert_eq!(indent(line), indent(plain), "{flavor}:\n{screen}");
            }
            self.comment = true;
        }
    }
}

fn hostile_tui(flavor: &str) {
    let server = HostileServer::start(flavor);
    let env = server.alice_env(flavor);
    let mut env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // Hyperlinks on, so that the hostile link's address goes through OSC 8 too.
    env.push(("JIRATTY_HYPERLINKS", "1"));
    // Short enough that the detail needs scrolling.
    let mut tui = Tui::spawn_with_env(&[], &env, 100, 24);

    // The list: the hostile issue comes first, its summary and status read plainly in line.
    let screen = tui.wait_for("Hostile summary");
    assert_frame(&screen, "the list");
    let row = line_of(&screen, "Hostile summary").expect("the hostile row");
    assert!(
        row.contains("Hostile summary red moved"),
        "{flavor}: {row:?}"
    );
    assert!(row.contains(hostile::STATUS_TEXT), "{flavor}: {row:?}");
    let key = row.split_whitespace().next().expect("a key").to_string();
    tui.wait_selected("the hostile issue", |r| r.starts_with(&key));

    // The detail, scrolled line by line to its end, every screen checked on the way.
    tui.send(ENTER);
    tui.wait_for("Hostile heading intact");
    let mut seen = Seen::default();
    for _ in 0..80 {
        let screen = tui.text();
        seen.check(&screen, flavor);
        if screen.contains(hostile::FOLLOW_UP) && !screen.contains("Hostile description starts") {
            break;
        }
        tui.send("j");
        std::thread::sleep(std::time::Duration::from_millis(60));
    }
    // On a busy machine the screen may lag behind the keys sent.
    let screen = tui.wait_until("the end of the detail", |s| {
        let text = s.contents();
        text.contains(hostile::FOLLOW_UP) && !text.contains("Hostile description starts")
    });
    seen.check(&screen, flavor);
    assert!(
        seen.start && seen.reporter && seen.comment && seen.widths,
        "{flavor}: not all of the issue showed"
    );

    tui.send("Q");
    let status = tui.wait_exit();
    assert!(status.success(), "{flavor}: exit status {status:?}");
    tui.assert_terminal_restored();
    let raw = tui.raw();
    assert_no_attack_written(&raw, flavor);
    let urls = hyperlink_urls(&raw);
    assert!(
        urls.iter().any(|u| u == "https://example.com/path"),
        "{flavor}: the hostile link, sanitised, as a hyperlink: {urls:?}"
    );
}

#[test]
fn hostile_issue_in_the_tui_cloud() {
    hostile_tui("cloud");
}

#[test]
fn hostile_issue_in_the_tui_dc() {
    hostile_tui("dc");
}

/// The output checks catch each attack on its own (so that passing means something).
#[test]
fn the_checks_catch_every_attack() {
    let attacks = [
        "\x1b]0;pwned\x07",
        "\x1b]2;pwned\x1b\\",
        "\x1b]52;c;cHduZWQ=\x07",
        "\x1bPq#0\x1b\\",
        "\u{9b}2J",
        "\u{9d}0;x\u{9c}",
        "\x07",
        "\x08",
        "\u{202e}",
        "\u{2066}",
        "\u{2069}",
        "\u{2028}",
        "\u{2029}",
        "\u{ad}",
        "\u{200d}",
    ];
    for attack in attacks {
        let raw = format!("\x1b[?1049h jiratty {attack} words\x1b[?1049l");
        let caught = std::panic::catch_unwind(|| assert_no_attack_written(raw.as_bytes(), "x"));
        assert!(caught.is_err(), "the check misses {attack:?}");
    }
    let moved = format!(" jiratty ACME-1{}", "\n".repeat(25)) + "         moved";
    let caught = std::panic::catch_unwind(|| assert_frame(&moved, "x"));
    assert!(caught.is_err(), "the layout check misses a cursor move");
}
