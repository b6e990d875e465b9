//! A build without the `demo` cargo feature: `--demo` and `demo-server` still parse, and say
//! in one sentence that this build lacks the demo server (exit 2). Runs only in such a build
//! (`cargo test --no-default-features`).
#![cfg(not(feature = "demo"))]

use std::process::Command;

const SENTENCE: &str = "this jiratty was built without the demo server (cargo feature `demo`); rebuild with default features to use --demo";

fn jiratty(args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().expect("a temporary directory");
    Command::new(env!("CARGO_BIN_EXE_jiratty"))
        .args(args)
        .env("JIRATTY_CONFIG_DIR", dir.path().join("config"))
        .env("JIRATTY_DATA_DIR", dir.path().join("data"))
        .output()
        .expect("the jiratty binary runs")
}

#[test]
fn the_demo_flag_and_the_demo_server_say_the_build_lacks_them() {
    for args in [
        &["--demo"][..],
        &["--demo", "dc"],
        &["demo-server"],
        &[
            "demo-server",
            "--flavor",
            "dc",
            "--port",
            "0",
            "--faults",
            "429=0.1",
        ],
    ] {
        let out = jiratty(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.trim(), format!("jiratty: {SENTENCE}"), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn help_still_lists_the_demo_options() {
    let out = jiratty(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("--demo"), "{help}");
    assert!(help.contains("demo-server"), "{help}");
    let out = jiratty(&["demo-server", "--help"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--faults"));
}

#[test]
fn a_bad_flavour_is_still_a_usage_error() {
    let out = jiratty(&["--demo", "onprem"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("onprem"));
}
