//! Asking on the terminal: visible answers, a secret without echo, a choice from a list.
//! Prompts go to stderr so that stdout stays clean for scripts.

use crate::jira::Secret;
use std::io::{BufRead, IsTerminal, Write};

/// Whether jiratty may ask questions: stdin and stderr are both terminals.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

fn interrupted() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::Interrupted, "cancelled")
}

/// Asks for a line of text, shown as typed; `default` is taken on an empty answer. `None` at
/// end of input.
pub fn ask(label: &str, default: Option<&str>) -> std::io::Result<Option<String>> {
    let mut err = std::io::stderr();
    match default {
        Some(d) => write!(err, "{label} [{d}]: ")?,
        None => write!(err, "{label}: ")?,
    }
    err.flush()?;
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let answer = line.trim();
    Ok(match (answer.is_empty(), default) {
        (true, Some(d)) => Some(d.to_string()),
        _ => Some(answer.to_string()),
    })
}

/// Turns raw mode off again on every way out.
struct RawMode;

impl RawMode {
    fn on() -> std::io::Result<Self> {
        crossterm::terminal::enable_raw_mode()?;
        Ok(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

/// Asks for a secret without echoing it. Ctrl-C or Esc cancel (an `Interrupted` error),
/// Ctrl-U clears, Backspace deletes. `None` when the answer is empty.
pub fn ask_secret(label: &str) -> std::io::Result<Option<Secret>> {
    let mut err = std::io::stderr();
    write!(err, "{label} (not shown): ")?;
    err.flush()?;
    let mut value = String::new();
    let outcome = RawMode::on().and_then(|raw| {
        let read = read_hidden(&mut value);
        drop(raw);
        read
    });
    // Raw mode left the cursor on the prompt's line.
    eprintln!();
    outcome?;
    let value = value.trim();
    Ok((!value.is_empty()).then(|| Secret::new(value)))
}

fn read_hidden(value: &mut String) -> std::io::Result<()> {
    use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
    loop {
        let Event::Key(key) = event::read()? else {
            continue;
        };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => return Ok(()),
            KeyCode::Esc => return Err(interrupted()),
            KeyCode::Char('c') if ctrl => return Err(interrupted()),
            KeyCode::Char('d') if ctrl && value.is_empty() => return Ok(()),
            KeyCode::Char('u') if ctrl => value.clear(),
            KeyCode::Char(c) if !ctrl => value.push(c),
            KeyCode::Backspace => {
                value.pop();
            }
            _ => {}
        }
    }
}

/// Offers `options` (value, description) as a numbered list; Enter takes the first.
pub fn choose<T: Copy>(label: &str, options: &[(T, String)]) -> std::io::Result<Option<T>> {
    let mut err = std::io::stderr();
    writeln!(err, "{label}")?;
    for (i, (_, text)) in options.iter().enumerate() {
        writeln!(err, "  {}) {text}", i + 1)?;
    }
    loop {
        let Some(answer) = ask("Choose", Some("1"))? else {
            return Ok(None);
        };
        match answer.parse::<usize>() {
            Ok(n) if (1..=options.len()).contains(&n) => return Ok(Some(options[n - 1].0)),
            _ => writeln!(err, "Type a number from 1 to {}.", options.len())?,
        }
    }
}

/// Reads the first line of standard input as a secret (for `--secret-stdin`).
pub fn secret_from_stdin() -> std::io::Result<Option<Secret>> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let value = line.trim();
    Ok((!value.is_empty()).then(|| Secret::new(value)))
}
