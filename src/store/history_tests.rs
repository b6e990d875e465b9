//! History: order, dedupe, cap, persistence, broken files, search, recall.

use super::*;

fn with(queries: &[&str]) -> History {
    let mut h = History::in_memory();
    for q in queries {
        h.push(q);
    }
    h
}

#[test]
fn newest_first_and_distinct() {
    let mut h = with(&["a = 1", "b = 2", "c = 3"]);
    assert_eq!(h.entries(), ["c = 3", "b = 2", "a = 1"]);
    h.push("  a = 1\n");
    assert_eq!(h.entries(), ["a = 1", "c = 3", "b = 2"]);
    h.push("   ");
    h.push("");
    assert_eq!(h.entries().len(), 3);
}

#[test]
fn keeps_the_last_200() {
    let mut h = History::in_memory();
    for i in 0..250 {
        h.push(&format!("key = X-{i}"));
    }
    assert_eq!(h.entries().len(), HISTORY_LIMIT);
    assert_eq!(h.entries()[0], "key = X-249");
    assert_eq!(h.entries()[199], "key = X-50");
    // Re-running an old one brings it back to the front without growing.
    h.push("key = X-100");
    assert_eq!(h.entries()[0], "key = X-100");
    assert_eq!(h.entries().len(), HISTORY_LIMIT);
}

#[test]
fn round_trip_through_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = history_file(dir.path(), "work");
    let mut h = History::load_from(path.clone());
    assert!(h.entries().is_empty());
    let tricky = "summary ~ \"a \\\"b\\\"\"\nAND text ~ 'ü'\r\n\t ORDER BY key";
    h.push("project = ACME");
    h.push(tricky);
    h.save().expect("save creates history/ and the file");
    let text = std::fs::read_to_string(&path).expect("read");
    assert_eq!(text.lines().count(), 2);
    let again = History::load_from(path.clone());
    assert_eq!(again.entries(), [tricky.trim(), "project = ACME"]);
    assert_eq!(again.set_aside_file(), None);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn a_broken_file_is_kept_aside_and_salvaged() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = history_file(dir.path(), "p");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let broken = "\"status = Open\"\nnot json at all\n\"project = A\"\n";
    std::fs::write(&path, broken).expect("seed");
    let h = History::load_from(path.clone());
    assert_eq!(h.entries(), ["status = Open", "project = A"]);
    let bak = h.set_aside_file().expect("set aside").to_path_buf();
    assert_eq!(bak, path.with_extension("jsonl.bak"));
    assert_eq!(std::fs::read_to_string(&bak).expect("bak"), broken);
    h.save().expect("save");
    assert_eq!(History::load_from(path.clone()).entries().len(), 2);
    // A second broken file does not replace the first backup.
    std::fs::write(&path, [0xff, 0xfe, b'\n']).expect("seed binary");
    let h = History::load_from(path.clone());
    assert!(h.entries().is_empty());
    let second = h.set_aside_file().expect("set aside again");
    assert!(second.to_string_lossy().ends_with(".jsonl.bak.1"));
    assert_eq!(std::fs::read_to_string(&bak).expect("first bak"), broken);
}

#[test]
fn an_unreadable_file_is_not_fatal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = history_file(dir.path(), "p");
    // A directory where the file should be cannot be read as one.
    std::fs::create_dir_all(&path).expect("mkdir");
    let mut h = History::load_from(path.clone());
    assert!(h.entries().is_empty());
    assert!(h.set_aside_file().is_some());
    h.push("a = b");
    h.save().expect("saves once the obstacle is aside");
    assert_eq!(History::load_from(path).entries(), ["a = b"]);
}

#[test]
fn in_memory_history_saves_nowhere() {
    let h = with(&["a = b"]);
    assert!(h.path().is_none());
    assert!(h.save().is_ok());
}

#[test]
fn profile_names_make_safe_file_names() {
    let dir = Path::new("/data");
    assert_eq!(
        history_file(dir, "work"),
        Path::new("/data/history/work.jsonl")
    );
    assert_eq!(
        history_file(dir, "../a b"),
        Path::new("/data/history/%2E%2E%2Fa%20b.jsonl")
    );
    assert_eq!(
        history_file(dir, ""),
        Path::new("/data/history/%default.jsonl")
    );
    assert_ne!(history_file(dir, "a b"), history_file(dir, "a_b"));
}

#[test]
fn search_substring_then_fuzzy() {
    let h = with(&[
        "assignee = currentUser()",
        "project = ACME AND status = Open",
        "status = Done",
        "priority = High",
    ]);
    assert_eq!(
        h.search("STATUS"),
        ["status = Done", "project = ACME AND status = Open"]
    );
    // "prhi" is no substring; it matches scattered letters.
    let fuzzy = h.search("prhi");
    assert!(fuzzy.contains(&"priority = High"));
    assert_eq!(h.search("").len(), 4);
    assert!(h.search("zzz").is_empty());
}

#[test]
fn up_and_down_recall() {
    let h = with(&["one", "two", "three"]);
    let mut cursor = None;
    assert_eq!(h.newer(&mut cursor), None);
    assert_eq!(h.older(&mut cursor), Some("three"));
    assert_eq!(h.older(&mut cursor), Some("two"));
    assert_eq!(h.older(&mut cursor), Some("one"));
    assert_eq!(h.older(&mut cursor), None);
    assert_eq!(cursor, Some(2));
    assert_eq!(h.newer(&mut cursor), Some("two"));
    assert_eq!(h.newer(&mut cursor), Some("three"));
    assert_eq!(h.newer(&mut cursor), None);
    assert_eq!(cursor, None);
    let empty = History::in_memory();
    let mut cursor = None;
    assert_eq!(empty.older(&mut cursor), None);
    assert_eq!(cursor, None);
    // A stale cursor (history shrank) is not a panic.
    let mut cursor = Some(99);
    assert_eq!(h.newer(&mut cursor), Some("one"));
}
