//! A writer killed (SIGKILL) again and again while saving: after every kill the file parses and
//! holds every filter whose `filter save` process exited 0. The file is seeded with many
//! filters so that each save spends a while reading, editing and writing, and the kills land
//! at different moments of it.

// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

use jiratty::store::{FilterStore, SavedFilter};
use std::path::Path;
use std::process::{Command, Stdio};

const PROFILE: &str = "default";

fn save(config: &Path, name: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jiratty"));
    for (key, _) in std::env::vars() {
        if key.starts_with("JIRATTY_") {
            command.env_remove(key);
        }
    }
    command
        .args(["filter", "save", name, &format!("text ~ \"{name}\"")])
        .env("JIRATTY_CONFIG_DIR", config)
        .env("JIRATTY_DATA_DIR", config.join("data"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

#[test]
fn killed_writers_never_lose_or_break_anything() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("config");
    let store = FilterStore::open(&config);
    let seed: Vec<SavedFilter> = (0..500)
        .map(|i| SavedFilter::new(format!("seed {i}"), format!("project = P{i} ORDER BY key")))
        .collect();
    store.import(PROFILE, seed, false).expect("seed the file");
    // How long one save takes here: the kills are spread over 0 to 1.25 times that. (Only to
    // aim the kills; nothing is asserted about time.)
    let started = std::time::Instant::now();
    assert!(
        save(&config, "warm-up")
            .status()
            .expect("run jiratty")
            .success()
    );
    let span = started.elapsed();
    let mut returned: Vec<String> = vec!["warm-up".to_string()];
    let (mut killed, mut finished) = (0, 0);
    for round in 0..50u64 {
        let name = format!("crash {round}");
        let mut child = save(&config, &name).spawn().expect("spawn jiratty");
        // Spread the kills over the process's life: start-up, reading, writing, renaming.
        std::thread::sleep(span.mul_f64(((round * 37) % 100) as f64 / 80.0));
        let _ = child.kill();
        let status = child.wait().expect("wait for jiratty");
        if status.success() {
            returned.push(name);
            finished += 1;
        } else {
            killed += 1;
        }
        let filters = store
            .list(PROFILE)
            .unwrap_or_else(|e| panic!("round {round}: the file must parse: {e}"));
        assert!(filters.len() >= 500, "round {round}: seeds lost");
        for name in &returned {
            assert!(
                filters.iter().any(|f| &f.name == name),
                "round {round}: '{name}' returned but is missing"
            );
        }
    }
    // One save that is not killed always lands.
    let last = save(&config, "last").status().expect("run jiratty");
    assert!(last.success());
    let filters = store.list(PROFILE).expect("the file parses");
    assert!(filters.iter().any(|f| f.name == "last"));
    // A writer killed after its rename but before it exited saved too: at least these.
    assert!(filters.len() > 500 + returned.len());
    let landed = filters
        .iter()
        .filter(|f| f.name.starts_with("crash "))
        .count();
    eprintln!(
        "{killed} writers killed ({} of them after their save landed), {finished} finished",
        landed.saturating_sub(finished)
    );
}
