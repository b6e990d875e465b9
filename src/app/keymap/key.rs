//! A key with modifiers, as the key map binds it and the help and hints show it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with modifiers, as bound in the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    code: KeyCodeOrd,
    ctrl: bool,
    alt: bool,
}

/// `KeyCode` lacks `Ord`; this is the part of it the map uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(u8),
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
];

impl Key {
    /// Parses `j`, `G`, `ctrl-c`, `alt-b`, `enter`, `pagedown`, `f5`, `space`.
    pub fn parse(spec: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        let mut rest = spec;
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl-") && rest.len() > 5 {
                ctrl = true;
                rest = &rest[5..];
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                alt = true;
                rest = &rest[4..];
            } else if lower.starts_with("shift-") && rest.len() > 6 {
                shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                let c = if shift { c.to_ascii_uppercase() } else { c };
                KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c })
            }
            _ => {
                let lower = rest.to_ascii_lowercase();
                if lower == "space" {
                    KeyCodeOrd::Char(' ')
                } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    KeyCodeOrd::F(n)
                } else {
                    let at = NAMED.iter().position(|(name, _)| *name == lower)?;
                    KeyCodeOrd::Named(at as u8)
                }
            }
        };
        Some(Key { code, ctrl, alt })
    }

    /// The key of a terminal event, if the map can bind it.
    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::Char(c) => KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            other => KeyCodeOrd::Named(NAMED.iter().position(|(_, code)| *code == other)? as u8),
        };
        Some(Key { code, ctrl, alt })
    }

    /// Which of several keys for one action a hint shows, lowest first: a named key (Enter,
    /// Esc, Tab, ↓) says most plainly what to press, then a character, then a key with Ctrl
    /// or Alt.
    pub(super) fn hint_rank(&self) -> u8 {
        match (self.ctrl || self.alt, self.code) {
            (true, _) => 2,
            (false, KeyCodeOrd::Char(_)) => 1,
            (false, KeyCodeOrd::F(_) | KeyCodeOrd::Named(_)) => 0,
        }
    }

    /// How the help screen shows the key.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCodeOrd::Char(' ') => "Space".to_string(),
            KeyCodeOrd::Char(c) => c.to_string(),
            KeyCodeOrd::F(n) => format!("F{n}"),
            KeyCodeOrd::Named(i) => match NAMED.get(i as usize).map(|(n, _)| *n) {
                Some("pageup") => "PgUp".to_string(),
                Some("pagedown") => "PgDn".to_string(),
                Some("up") => "↑".to_string(),
                Some("down") => "↓".to_string(),
                Some(name) => {
                    let mut c = name.chars();
                    c.next()
                        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                        .unwrap_or_default()
                }
                None => "?".to_string(),
            },
        };
        let mut out = String::new();
        if self.ctrl {
            out.push_str("Ctrl-");
        }
        if self.alt {
            out.push_str("Alt-");
        }
        out + &base
    }
}
