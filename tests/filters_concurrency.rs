//! Two writers at once: two threads each run the real binary 50 times, `filter save`, into the
//! same config dir at the same time. The lock plus re-read-and-merge keeps every change: all
//! 100 filters are there at the end, and the file parses.

// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

use jiratty::store::FilterStore;
use std::path::Path;
use std::process::{Command, Stdio};

/// `jiratty filter save NAME JQL` with only `config` as jiratty's environment.
fn save(config: &Path, name: &str, jql: &str) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jiratty"));
    for (key, _) in std::env::vars() {
        if key.starts_with("JIRATTY_") {
            command.env_remove(key);
        }
    }
    command
        .args(["filter", "save", name, jql])
        .env("JIRATTY_CONFIG_DIR", config)
        .env("JIRATTY_DATA_DIR", config.join("data"))
        .stdin(Stdio::null())
        .output()
        .expect("run the jiratty binary")
}

#[test]
fn two_processes_saving_50_each_keep_all_100() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config");
    let writers: Vec<_> = ["left", "right"]
        .into_iter()
        .map(|who| {
            let config = config.clone();
            std::thread::spawn(move || {
                for i in 0..50 {
                    let name = format!("{who} {i:02}");
                    let out = save(&config, &name, &format!("summary ~ \"{who}\" AND n = {i}"));
                    assert!(
                        out.status.success(),
                        "{name}: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().expect("a writer thread finishes");
    }
    let filters = FilterStore::open(&config)
        .list("default")
        .expect("the file parses");
    let mut names: Vec<String> = filters.iter().map(|f| f.name.clone()).collect();
    names.sort();
    let mut expected: Vec<String> = ["left", "right"]
        .iter()
        .flat_map(|who| (0..50).map(move |i| format!("{who} {i:02}")))
        .collect();
    expected.sort();
    assert_eq!(names, expected);
    for f in &filters {
        let (who, i) = f.name.split_once(' ').expect("two words");
        assert_eq!(
            f.jql,
            format!(
                "summary ~ \"{who}\" AND n = {}",
                i.trim_start_matches('0').parse::<u32>().unwrap_or(0)
            )
        );
    }
}
