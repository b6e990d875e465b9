//! The key map: parsing, merging, help and hints.

use super::*;
use crossterm::event::{KeyCode, KeyModifiers};

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

#[test]
fn hints_name_the_plainest_key_of_the_default_map() {
    let map = Keymap::default_map();
    // Back is Esc and q on the detail: the hint says Esc; Down is ↓ and j: it says ↓.
    assert_eq!(
        map.key_for(Context::Detail, Action::Back).as_deref(),
        Some("Esc")
    );
    assert_eq!(
        map.key_for(Context::List, Action::Down).as_deref(),
        Some("↓")
    );
    // Bound only globally: the global key.
    assert_eq!(
        map.key_for(Context::List, Action::Help).as_deref(),
        Some("?")
    );
    assert_eq!(
        map.hints(
            Context::List,
            &[
                (Action::Help, "help"),
                (Action::Query, "query"),
                (Action::Quit, "quit")
            ],
            "  "
        ),
        "? help  : query  q quit"
    );
    // An action no key does is left out of the hints.
    assert_eq!(map.key_for(Context::List, Action::Publish), None);
    assert_eq!(
        map.hints(
            Context::List,
            &[(Action::Publish, "publish"), (Action::Open, "open")],
            "  "
        ),
        "Enter open"
    );
}

#[test]
fn hints_show_the_users_own_key() {
    let mut map = Keymap::default_map();
    // `x` opens in the browser now, and `o` copies the URL instead.
    map.merge_toml("[detail]\n\"x\" = \"open-in-browser\"\n\"o\" = \"copy-url\"\n")
        .unwrap();
    assert_eq!(
        map.key_for(Context::Detail, Action::OpenInBrowser)
            .as_deref(),
        Some("x")
    );
    // Added beside the default key, the user's key is the one the hint names.
    map.merge_toml("[list]\n\"z\" = \"refresh\"\n").unwrap();
    assert_eq!(
        map.key_for(Context::List, Action::Refresh).as_deref(),
        Some("z")
    );
}
