//! Helpers of the accounts tests: demo servers on their own runtime, and a sandbox of private
//! directories in which the real binary runs with a cleared environment.
#![allow(dead_code)]

use jiratty::demo::model::Flavor;
use jiratty::demo::{DemoConfig, DemoServer};
use jiratty::store::Config;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const TOKEN: &str = "demo-api-token";
pub const PASSWORD: &str = "demo-password";

/// A demo server with the runtime that drives it.
pub struct Demo {
    server: DemoServer,
    _runtime: tokio::runtime::Runtime,
}

impl Demo {
    pub fn start(flavor: Flavor) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let server = runtime
            .block_on(jiratty::demo::start(DemoConfig {
                flavor,
                ..DemoConfig::default()
            }))
            .expect("the demo server starts");
        Demo {
            server,
            _runtime: runtime,
        }
    }

    pub fn url(&self) -> String {
        self.server.url()
    }
}

/// Private directories for one test, and a way to run jiratty in them.
pub struct Sandbox {
    root: tempfile::TempDir,
    /// Pass the D-Bus session (and XDG_RUNTIME_DIR) through, to reach a real Secret Service.
    pub keep_dbus: bool,
}

#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Sandbox {
    pub fn new() -> Self {
        let root = tempfile::tempdir().expect("a temp dir");
        for dir in ["home", "runtime", "data"] {
            std::fs::create_dir_all(root.path().join(dir)).expect("mkdir");
        }
        Sandbox {
            root,
            keep_dbus: false,
        }
    }

    /// Where jiratty is told to keep its config (created by jiratty itself).
    pub fn config_dir(&self) -> PathBuf {
        self.root.path().join("config").join("jiratty")
    }

    pub fn config_file(&self) -> PathBuf {
        self.config_dir().join("config.toml")
    }

    pub fn run(&self, args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Run {
        let root = self.root.path();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_jiratty"));
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", root.join("home"))
            .env("XDG_CONFIG_HOME", root.join("home/.config"))
            .env("XDG_DATA_HOME", root.join("home/.local/share"))
            .env("XDG_RUNTIME_DIR", root.join("runtime"))
            .env("JIRATTY_CONFIG_DIR", self.config_dir())
            .env("JIRATTY_DATA_DIR", root.join("data"))
            .env("COLUMNS", "200")
            .envs(env.iter().copied())
            .envs(
                ["DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"]
                    .iter()
                    .filter(|_| self.keep_dbus)
                    .filter_map(|k| std::env::var_os(k).map(|v| (*k, v))),
            )
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("jiratty starts");
        if let Some(input) = stdin {
            let mut pipe = child.stdin.take().expect("stdin pipe");
            pipe.write_all(input.as_bytes()).expect("write stdin");
        }
        let out = child.wait_with_output().expect("jiratty finishes");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Every file under the sandbox that contains `needle`.
    pub fn files_containing(&self, needle: &str) -> Vec<PathBuf> {
        fn walk(dir: &Path, needle: &[u8], found: &mut Vec<PathBuf>, seen: &mut usize) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, needle, found, seen);
                } else if let Ok(bytes) = std::fs::read(&path) {
                    *seen += 1;
                    if bytes.windows(needle.len()).any(|w| w == needle) {
                        found.push(path);
                    }
                }
            }
        }
        let mut found = Vec::new();
        let mut seen = 0;
        walk(self.root.path(), needle.as_bytes(), &mut found, &mut seen);
        assert!(seen > 0, "jiratty wrote no file at all");
        found
    }

    pub fn config(&self) -> Config {
        Config::load(&self.config_file())
            .expect("the config parses")
            .0
    }
}

pub fn basic(user: &str, secret: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(format!("{user}:{secret}"))
}
