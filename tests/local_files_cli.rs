//! The user's own files through the real binary: every file that is there but cannot be used
//! — `keymap.toml`, `config.toml`, `filters.toml`; bad TOML, not UTF-8, a directory, mode 000 —
//! stops jiratty with exit code 2 (bad input, as the README's table says) and a message that
//! names the file, before any screen is drawn; and a `filters.toml` that is a symbolic link
//! into a dotfiles repository stays one when a filter is saved.

// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs jiratty with `args` and the config dir `config`, no terminal, nothing from the
/// environment that could reach a real site or keyring.
fn jiratty(args: &[&str], config: &Path) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jiratty"));
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("JIRATTY_") {
            cmd.env_remove(name);
        }
    }
    cmd.args(args)
        .env("JIRATTY_CONFIG_DIR", config)
        .env("JIRATTY_DATA_DIR", config.join("data"))
        .stdin(Stdio::null())
        .output()
        .expect("jiratty runs")
}

/// How to make a broken file at a path.
type Make = Box<dyn Fn(&Path)>;

/// The ways a file can be unusable: (what, how to make it at a path). Mode 000 only where it
/// makes the file unreadable (not for root).
fn broken_files(good: &'static str) -> Vec<(&'static str, Make)> {
    let mut cases: Vec<(&'static str, Make)> = vec![
        (
            "bad TOML",
            Box::new(|p| std::fs::write(p, "x = \n").unwrap()),
        ),
        (
            "not UTF-8",
            Box::new(|p| std::fs::write(p, b"# caf\xe9\n").unwrap()),
        ),
        ("a directory", Box::new(|p| std::fs::create_dir(p).unwrap())),
    ];
    #[cfg(unix)]
    cases.push((
        "mode 000",
        Box::new(move |p| {
            use std::os::unix::fs::PermissionsExt;
            std::fs::write(p, good).unwrap();
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o000)).unwrap();
        }),
    ));
    cases
}

/// Runs `args` once per broken `file`, and checks exit code 2 and a message naming the file.
fn each_broken(file: &str, good: &'static str, args: &[&str]) {
    for (what, make) in broken_files(good) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(file);
        make(&path);
        if what == "mode 000" && std::fs::read(&path).is_ok() {
            eprintln!("{file}, mode 000: readable all the same (running as root); skipped");
            continue;
        }
        let out = jiratty(args, dir.path());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{file}, {what}: {stderr}");
        assert!(stderr.contains(file), "{file}, {what}: {stderr}");
        assert!(
            !stderr.contains("terminal"),
            "{file}, {what}: stopped first: {stderr}"
        );
    }
}

#[test]
fn a_broken_key_map_stops_the_tui_with_exit_2() {
    each_broken("keymap.toml", "[list]\n\"x\" = \"quit\"\n", &["--demo"]);
}

#[test]
fn a_broken_config_stops_the_tui_with_exit_2() {
    each_broken("config.toml", "", &[]);
}

#[test]
fn a_broken_filters_file_exits_2() {
    each_broken("filters.toml", "", &["filter", "list"]);
}

#[cfg(unix)]
#[test]
fn saving_a_filter_keeps_a_linked_filters_file_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let dotfiles = dir.path().join("dotfiles");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::create_dir_all(&dotfiles).unwrap();
    std::fs::write(dotfiles.join("filters.toml"), "# from my dotfiles\n").unwrap();
    let link = config.join("filters.toml");
    std::os::unix::fs::symlink("../dotfiles/filters.toml", &link).unwrap();
    let out = jiratty(
        &["filter", "save", "Mine", "assignee = currentUser()"],
        &config,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = std::fs::read_to_string(dotfiles.join("filters.toml")).unwrap();
    assert!(
        text.contains("# from my dotfiles") && text.contains("Mine"),
        "{text}"
    );
}

#[test]
fn a_broken_file_to_import_exits_2() {
    let good = "[[filters]]\nname = \"A\"\njql = \"project = A\"\n";
    for (what, make) in broken_files(good) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.toml");
        make(&path);
        if what == "mode 000" && std::fs::read(&path).is_ok() {
            continue;
        }
        let out = jiratty(
            &["filter", "import", path.to_str().expect("utf-8")],
            dir.path(),
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{what}: {stderr}");
        assert!(stderr.contains("export.toml"), "{what}: {stderr}");
    }
}
