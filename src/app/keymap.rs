//! The key map is data: actions derive `Deserialize`, keys are bound in TOML (the default in
//! `assets/keymap.toml`, user overrides in `keymap.toml` in the config directory), and the
//! help screen is generated from it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The default bindings.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Everything a key can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Select the previous row.
    Up,
    /// Select the next row.
    Down,
    /// Go to the first row / the top.
    Top,
    /// Go to the last row / the bottom.
    Bottom,
    /// One screen up.
    PageUp,
    /// One screen down.
    PageDown,
    /// Open the selected issue.
    Open,
    /// Go back / close.
    Back,
    /// Load again from the server.
    Refresh,
    /// Quit jiratty.
    Quit,
    /// Edit the JQL query.
    Query,
    /// Narrow the loaded rows by typing.
    QuickFilter,
    /// Show the key map.
    Help,
    /// Open the issue in the web browser.
    OpenInBrowser,
    /// Copy the issue key.
    CopyKey,
    /// Copy the issue URL.
    CopyUrl,
    /// Scroll up one line.
    ScrollUp,
    /// Scroll down one line.
    ScrollDown,
    /// Open the saved filters.
    Filters,
    /// Save the current query as a named filter.
    SaveFilter,
    /// Rename the selected filter.
    Rename,
    /// Delete the selected filter.
    Delete,
    /// Copy the selected Jira favourite into jiratty's filters.
    CopyFilter,
    /// Publish the selected filter to Jira.
    Publish,
    /// Choose the next related issue (parent, sub-task, link).
    NextRelated,
    /// Choose the previous related issue.
    PreviousRelated,
    /// Open one of the numbered links in the browser.
    OpenLink,
}

impl Action {
    /// What the help screen says the action does.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Up => "previous issue",
            Action::Down => "next issue",
            Action::Top => "first issue / top",
            Action::Bottom => "last issue / bottom",
            Action::PageUp => "one page up",
            Action::PageDown => "one page down",
            Action::Open => "open the issue",
            Action::Back => "back / close",
            Action::Refresh => "reload",
            Action::Quit => "quit",
            Action::Query => "edit the JQL query",
            Action::QuickFilter => "quick filter (key, summary)",
            Action::Help => "this help",
            Action::OpenInBrowser => "open in the browser",
            Action::CopyKey => "copy the issue key",
            Action::CopyUrl => "copy the issue URL",
            Action::ScrollUp => "scroll up",
            Action::ScrollDown => "scroll down",
            Action::Filters => "saved filters (1–9 run the first nine)",
            Action::SaveFilter => "save the query as a filter",
            Action::Rename => "rename the filter",
            Action::Delete => "delete the filter",
            Action::CopyFilter => "copy a Jira favourite into jiratty",
            Action::Publish => "publish the filter to Jira",
            Action::NextRelated => "choose the next related issue (Enter opens it)",
            Action::PreviousRelated => "choose the previous related issue",
            Action::OpenLink => "open link [N] of the issue in the browser",
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    /// Everywhere (unless a text input has focus).
    Global,
    /// The issue list.
    List,
    /// The issue detail.
    Detail,
    /// The saved filters.
    Filters,
}

impl Context {
    /// The section name in the TOML file.
    pub fn section(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Detail => "detail",
            Context::Filters => "filters",
        }
    }
}

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

/// Bindings per context.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Keymap {
    bindings: BTreeMap<(Context, Key), Action>,
}

/// A problem in a key map file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct KeymapError(pub String);

impl Keymap {
    /// The built-in map.
    pub fn default_map() -> Keymap {
        let mut map = Keymap::default();
        // The embedded file is checked by a test; an error here is a build mistake.
        if let Err(e) = map.merge_toml(DEFAULT_KEYMAP) {
            tracing::error!(error = %e, "default key map is broken");
        }
        map
    }

    /// Merges bindings from TOML text over the current ones.
    pub fn merge_toml(&mut self, text: &str) -> Result<(), KeymapError> {
        let table: BTreeMap<String, BTreeMap<String, String>> =
            toml::from_str(text).map_err(|e| KeymapError(e.to_string()))?;
        for (section, keys) in table {
            let context = match section.as_str() {
                "global" => Context::Global,
                "list" => Context::List,
                "detail" => Context::Detail,
                "filters" => Context::Filters,
                other => {
                    return Err(KeymapError(format!(
                        "unknown section [{other}] (expected global, list, detail, filters)"
                    )));
                }
            };
            for (spec, action) in keys {
                let key = Key::parse(&spec)
                    .ok_or_else(|| KeymapError(format!("[{section}] '{spec}' is not a key")))?;
                let action: Action = serde_json::from_value(serde_json::Value::String(
                    action.clone(),
                ))
                .map_err(|_| {
                    KeymapError(format!("[{section}] '{spec}': '{action}' is not an action"))
                })?;
                self.bindings.insert((context, key), action);
            }
        }
        Ok(())
    }

    /// The action of `event` in `context` (falling back to the global bindings).
    pub fn action(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event)?;
        self.bindings
            .get(&(context, key))
            .or_else(|| self.bindings.get(&(Context::Global, key)))
            .copied()
    }

    /// Every binding of `context`, grouped by action: (keys, action), in action order.
    pub fn help(&self, context: Context) -> Vec<(String, Action)> {
        let mut by_action: BTreeMap<Action, Vec<String>> = BTreeMap::new();
        for ((c, key), action) in &self.bindings {
            if *c == context {
                by_action.entry(*action).or_default().push(key.label());
            }
        }
        by_action
            .into_iter()
            .map(|(action, keys)| (keys.join(" "), action))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn default_map_parses_and_binds() {
        let mut map = Keymap::default();
        map.merge_toml(DEFAULT_KEYMAP)
            .expect("default key map parses");
        assert_eq!(
            map.action(
                Context::List,
                &press(KeyCode::Char('j'), KeyModifiers::NONE)
            ),
            Some(Action::Down)
        );
        assert_eq!(
            map.action(
                Context::List,
                &press(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(Action::Bottom)
        );
        assert_eq!(
            map.action(
                Context::Detail,
                &press(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            map.action(Context::List, &press(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::Open)
        );
        assert_eq!(
            map.action(
                Context::List,
                &press(KeyCode::Char('z'), KeyModifiers::NONE)
            ),
            None
        );
    }

    #[test]
    fn user_overrides_merge_over_defaults() {
        let mut map = Keymap::default_map();
        map.merge_toml("[list]\n\"x\" = \"quit\"\n\"j\" = \"up\"\n")
            .unwrap();
        assert_eq!(
            map.action(
                Context::List,
                &press(KeyCode::Char('x'), KeyModifiers::NONE)
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            map.action(
                Context::List,
                &press(KeyCode::Char('j'), KeyModifiers::NONE)
            ),
            Some(Action::Up)
        );
        assert_eq!(
            map.action(
                Context::List,
                &press(KeyCode::Char('k'), KeyModifiers::NONE)
            ),
            Some(Action::Up)
        );
    }

    #[test]
    fn bad_files_are_explained() {
        let mut map = Keymap::default();
        assert!(
            map.merge_toml("[list]\n\"j\" = \"fly\"\n")
                .unwrap_err()
                .0
                .contains("not an action")
        );
        assert!(
            map.merge_toml("[nowhere]\n\"j\" = \"up\"\n")
                .unwrap_err()
                .0
                .contains("unknown section")
        );
        assert!(map.merge_toml("[list]\n\"ctrl-\" = \"up\"\n").is_err());
    }

    #[test]
    fn help_lists_every_binding_of_a_context() {
        let map = Keymap::default_map();
        let help = map.help(Context::List);
        let down = help.iter().find(|(_, a)| *a == Action::Down).unwrap();
        assert!(down.0.contains('j') && down.0.contains('↓'));
    }
}
