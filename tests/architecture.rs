//! The layering DESIGN.md draws, held by a test: `jira` is a library that knows nothing of the
//! UI, the CLI, the local store or the demo; `ui` draws from state and the key map and reaches
//! neither the worker, the HTTP client, the store nor any app logic; `app::update` only routes.
//!
//! Every `use` tree (braces expanded) and every inline `crate::…`/`super::…` path in `src/` is
//! resolved to a module path and checked against the rules below.

// Test code: a failed unwrap or a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::{Path, PathBuf};

/// A module's code may not reach a module matching one of `forbidden` unless the path matches
/// one of `allowed` as well.
struct Rule {
    /// The modules the rule is about (a prefix of their path: `["jira"]`).
    of: &'static [&'static str],
    /// Paths they must not reach (prefixes).
    forbidden: &'static [&'static [&'static str]],
    /// Exceptions to `forbidden` (prefixes).
    allowed: &'static [&'static [&'static str]],
}

const RULES: &[Rule] = &[
    Rule {
        of: &["jira"],
        forbidden: &[
            &["app"],
            &["ui"],
            &["cli"],
            &["store"],
            &["demo"],
            &["worker"],
            &["ratatui"],
            &["crossterm"],
            &["axum"],
        ],
        allowed: &[],
    },
    Rule {
        of: &["ui"],
        forbidden: &[
            &["worker"],
            &["store"],
            &["cli"],
            &["demo"],
            &["jira", "Client"],
            &["jira", "client"],
            &["app"],
        ],
        allowed: &[&["app", "state"], &["app", "keymap"], &["app", "theme"]],
    },
    Rule {
        of: &["text"],
        forbidden: &[&["app"], &["ui"], &["cli"], &["store"], &["worker"]],
        allowed: &[],
    },
];

/// The module path of a source file under `src/` (`src/jira/mod.rs` -> `jira`,
/// `src/jira/client.rs` -> `jira::client`), and whether the file is a `mod.rs`-like root whose
/// `super` is one level up from its own path.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_string());
    }
    parts
}

/// The source without comments (line comments, doc comments, block comments) and without the
/// contents of string literals, so that neither can look like a path.
fn code_only(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            '\'' => {
                // A char literal ('x', '\n', '\'', '"') or a lifetime ('a).
                let mut ahead = chars.clone();
                match (ahead.next(), ahead.next()) {
                    (Some('\\'), _) => {
                        chars.next();
                        chars.next();
                        for c in chars.by_ref() {
                            if c == '\'' {
                                break;
                            }
                        }
                        out.push_str("' '");
                    }
                    (Some(_), Some('\'')) => {
                        chars.next();
                        chars.next();
                        out.push_str("' '");
                    }
                    _ => out.push('\''),
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Expands a use tree (`crate::{app::{state, keymap::Key}, text}`) into its paths.
fn expand(tree: &str) -> Vec<String> {
    // `X as Y` keeps X: the renaming is marked before the spaces go.
    let words: Vec<&str> = tree.split_whitespace().collect();
    let tree = words.join(" ").replace(" as ", "@");
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let (Some(open), Some(close)) = (tree.find('{'), tree.rfind('}')) else {
        return vec![tree.split('@').next().unwrap_or("").to_string()];
    };
    if close < open {
        return Vec::new();
    }
    let prefix = &tree[..open];
    let inner = &tree[open + 1..close];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand(p).into_iter().map(move |e| format!("{prefix}{e}")))
        .collect()
}

/// Every path the code names: the paths of its `use` trees and its inline `crate::`/`super::`
/// paths, split into segments.
fn named_paths(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let bytes = code.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < code.len() {
        let boundary = i == 0 || !is_ident(bytes[i - 1]);
        if boundary && bytes[i..].starts_with(b"use ") {
            let end = code[i..].find(';').map_or(code.len(), |e| i + e);
            for p in expand(&code[i + 4..end]) {
                paths.push(p.split("::").map(str::to_string).collect());
            }
            i = end;
            continue;
        }
        if boundary && (bytes[i..].starts_with(b"crate::") || bytes[i..].starts_with(b"super::")) {
            let mut end = i;
            while end < code.len() && (is_ident(bytes[end]) || bytes[end..].starts_with(b"::")) {
                end += if bytes[end] == b':' { 2 } else { 1 };
            }
            paths.push(
                code[i..end]
                    .trim_end_matches("::")
                    .split("::")
                    .map(str::to_string)
                    .collect(),
            );
            i = end;
            continue;
        }
        i += 1;
    }
    paths
}

/// The path as seen from the crate root: `crate::` dropped, `super::`/`self::` resolved from
/// `module`; other paths (external crates, or relative ones) are returned as they are.
fn resolve(module: &[String], path: &[String]) -> Vec<String> {
    let mut base: Vec<String> = module.to_vec();
    let mut rest = path;
    match path.first().map(String::as_str) {
        Some("crate") => {
            base.clear();
            rest = &path[1..];
        }
        Some("super") | Some("self") => {
            while let Some(first) = rest.first() {
                match first.as_str() {
                    "super" => {
                        base.pop();
                    }
                    "self" => {}
                    _ => break,
                }
                rest = &rest[1..];
            }
        }
        _ => return path.to_vec(),
    }
    base.extend(rest.iter().cloned());
    base
}

fn starts_with(path: &[String], prefix: &[&str]) -> bool {
    path.len() >= prefix.len() && path.iter().zip(prefix).all(|(a, b)| a == b)
}

/// The rule breaks in one file's source, as `module: path` lines.
fn breaks(module: &[String], source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for rule in RULES {
        if !starts_with(module, rule.of) {
            continue;
        }
        for path in named_paths(&code_only(source)) {
            let full = resolve(module, &path);
            if starts_with(&full, rule.of) {
                continue;
            }
            let forbidden = rule.forbidden.iter().any(|f| starts_with(&full, f));
            let allowed = rule.allowed.iter().any(|a| starts_with(&full, a));
            if forbidden && !allowed {
                found.push(format!("{}: {}", module.join("::"), full.join("::")));
            }
        }
    }
    found
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn all_sources() -> (PathBuf, Vec<PathBuf>) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    (src, files)
}

#[test]
fn the_layers_hold() {
    let (src, files) = all_sources();
    assert!(files.len() > 50, "the sources were found: {}", files.len());
    let mut found = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap();
        found.extend(breaks(&module_of(&src, file), &source));
    }
    assert!(
        found.is_empty(),
        "imports that break DESIGN.md's layering:\n{}",
        found.join("\n")
    );
}

#[test]
fn only_the_event_loop_calls_the_router() {
    let (src, files) = all_sources();
    for file in &files {
        let module = module_of(&src, file);
        let source = code_only(&std::fs::read_to_string(file).unwrap());
        for path in named_paths(&source) {
            let full = resolve(&module, &path);
            if starts_with(&full, &["app", "update"]) && !starts_with(&module, &["app", "update"]) {
                assert_eq!(
                    full,
                    ["app", "update", "update"],
                    "{} takes more than the router from app::update",
                    module.join("::")
                );
            }
        }
    }
    let update = std::fs::read_to_string(src.join("app/update.rs")).unwrap();
    let public: Vec<&str> = update
        .lines()
        .filter(|l| l.trim_start().starts_with("pub") && l.contains(" fn "))
        .collect();
    assert_eq!(
        public.len(),
        1,
        "update.rs offers only update(): {public:?}"
    );
}

#[test]
fn the_checker_sees_each_way_of_naming_a_module() {
    let jira = ["jira".to_string(), "client".to_string()];
    let ui = ["ui".to_string(), "list".to_string()];
    // Grouped, nested, renamed, relative, inline.
    assert_eq!(
        breaks(&jira, "use crate::{text, app::{state::State, msg}};"),
        ["jira::client: app::state::State", "jira::client: app::msg"]
    );
    assert_eq!(
        breaks(&jira, "use super::super::store::Profile as P;"),
        ["jira::client: store::Profile"]
    );
    assert_eq!(
        breaks(&jira, "fn f() { crate::demo::serve(); }"),
        ["jira::client: demo::serve"]
    );
    assert_eq!(
        breaks(&jira, "use ratatui::text::Line;"),
        ["jira::client: ratatui::text::Line"]
    );
    assert_eq!(
        breaks(&ui, "use crate::app::{state::State, list::apply_page};"),
        ["ui::list: app::list::apply_page"]
    );
    assert_eq!(
        breaks(&ui, "use crate::jira::{Client, models::Issue};"),
        ["ui::list: jira::Client"]
    );
    // What is allowed, and what only looks like a path.
    assert!(
        breaks(
            &ui,
            "use crate::app::{state::State, keymap::Keymap, theme};"
        )
        .is_empty()
    );
    assert!(breaks(&jira, "use super::error::JiraError; use crate::text;").is_empty());
    assert!(
        breaks(
            &jira,
            "// use crate::app::State;\nlet s = \"crate::app::x\";"
        )
        .is_empty()
    );
    assert!(breaks(&jira, "let c = '\"'; let a: &'static str = \"\";").is_empty());
}
