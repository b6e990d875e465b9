use super::*;
use chrono::TimeZone;

fn store() -> (tempfile::TempDir, FilterStore) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = FilterStore::open(&dir.path().join("config"));
    (dir, store)
}

fn at(hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 1, hour, 0, 0)
        .single()
        .expect("a valid time")
}

fn names(filters: &[SavedFilter]) -> Vec<&str> {
    filters.iter().map(|f| f.name.as_str()).collect()
}

#[test]
fn save_list_get_and_a_readable_file() {
    let (_dir, store) = store();
    assert!(store.list("work").expect("empty").is_empty());
    let bugs = SavedFilter::new("  My open bugs ", "assignee = currentUser() AND type = Bug")
        .with_description(Some("fix these".into()));
    store.save("work", bugs, false).expect("save");
    store
        .save("home", SavedFilter::new("Other", "project = X"), false)
        .expect("save");
    let got = store
        .get("work", "MY OPEN BUGS")
        .expect("found ignoring case");
    assert_eq!(got.name, "My open bugs", "trimmed");
    assert_eq!(got.description.as_deref(), Some("fix these"));
    assert!(got.created.is_some() && got.last_used.is_none());
    assert_eq!(names(&store.list("home").expect("list")), ["Other"]);
    let text = std::fs::read_to_string(store.path()).expect("read");
    assert!(text.starts_with("# jiratty's saved JQL filters"), "{text}");
    assert!(
        text.contains("[[profiles.work.filters]]\nname = \"My open bugs\""),
        "{text}"
    );
    assert!(
        text.contains("created = 20"),
        "a TOML datetime, not a string: {text}"
    );
}

#[test]
fn names_are_checked() {
    let (_dir, store) = store();
    let bad = |name: &str| store.save("p", SavedFilter::new(name, "a = b"), false);
    assert!(matches!(bad("   "), Err(FilterError::InvalidName { .. })));
    assert!(matches!(
        bad("a\u{7}b"),
        Err(FilterError::InvalidName { .. })
    ));
    assert!(matches!(
        bad(&"x".repeat(65)),
        Err(FilterError::InvalidName { .. })
    ));
    bad(&"é".repeat(64)).expect("64 characters (not bytes) are fine");
    let empty = store.save("p", SavedFilter::new("ok", "  "), false);
    assert!(matches!(empty, Err(FilterError::EmptyJql)));
    assert_eq!(store.list("p").expect("list").len(), 1);
}

#[test]
fn duplicates_are_refused_ignoring_case_unless_overwritten() {
    let (_dir, store) = store();
    store
        .save("p", SavedFilter::new("Team", "a = 1"), false)
        .expect("save");
    let again = store.save("p", SavedFilter::new("TEAM", "a = 2"), false);
    match again {
        Err(e @ FilterError::Duplicate { .. }) => {
            assert!(e.sentence().contains("'Team' already exists"), "{e}");
            assert!(e.hint().is_some_and(|h| h.contains("--force")));
        }
        other => panic!("expected a duplicate, got {other:?}"),
    }
    assert_eq!(store.get("p", "team").expect("get").jql, "a = 1");
    store
        .save("p", SavedFilter::new("TEAM", "a = 2"), true)
        .expect("overwrite");
    let all = store.list("p").expect("list");
    assert_eq!(names(&all), ["TEAM"]);
    assert_eq!(all[0].jql, "a = 2");
    // Another profile is another namespace.
    store
        .save("q", SavedFilter::new("team", "a = 3"), false)
        .expect("other profile");
}

#[test]
fn rename_and_delete() {
    let (_dir, store) = store();
    for name in ["One", "Two"] {
        store
            .save("p", SavedFilter::new(name, "x = 1"), false)
            .expect("save");
    }
    store.rename("p", "one", "Uno").expect("rename");
    assert!(matches!(
        store.rename("p", "uno", "two"),
        Err(FilterError::Duplicate { .. })
    ));
    store
        .rename("p", "two", "TWO")
        .expect("a change of case only");
    assert!(matches!(
        store.rename("p", "missing", "x"),
        Err(FilterError::NotFound { .. })
    ));
    assert!(matches!(
        store.rename("p", "uno", ""),
        Err(FilterError::InvalidName { .. })
    ));
    assert_eq!(names(&store.list("p").expect("list")), ["TWO", "Uno"]);
    let gone = store.delete("p", "uno").expect("delete");
    assert_eq!(gone.name, "Uno");
    assert!(matches!(
        store.delete("p", "uno"),
        Err(FilterError::NotFound { .. })
    ));
    assert_eq!(names(&store.list("p").expect("list")), ["TWO"]);
}

#[test]
fn listing_is_by_last_used_then_name() {
    let (_dir, store) = store();
    let make = |name: &str, used: Option<u32>| {
        let mut f = SavedFilter::new(name, "x = 1");
        f.last_used = used.map(at);
        store.save("p", f, false).expect("save");
    };
    make("b never", None);
    make("A never", None);
    make("old", Some(1));
    make("new", Some(5));
    assert_eq!(
        names(&store.list("p").expect("list")),
        ["new", "old", "A never", "b never"]
    );
    store.mark_used("p", "B NEVER").expect("mark");
    let list = store.list("p").expect("list");
    assert_eq!(list[0].name, "b never");
    assert!(list[0].last_used.is_some_and(|t| t > at(5)));
    assert!(matches!(
        store.mark_used("p", "nope"),
        Err(FilterError::NotFound { .. })
    ));
}

#[test]
fn hand_edits_comments_and_unknown_keys_survive_writes() {
    let (_dir, store) = store();
    let text = "\
# my filters
[profiles.p]
colour = \"blue\"

[[profiles.p.filters]]
name = \"Mine\"   # the one I use
jql = \"assignee = currentUser()\"
pinned = true
created = \"2025-01-02\"
";
    std::fs::create_dir_all(store.path().parent().expect("dir")).expect("dir");
    std::fs::write(store.path(), text).expect("seed");
    let set = store.read().expect("read");
    let warned: Vec<String> = set.warnings().iter().map(|w| w.message.clone()).collect();
    assert!(warned.iter().any(|w| w.contains("colour")), "{warned:?}");
    assert!(warned.iter().any(|w| w.contains("pinned")), "{warned:?}");
    let mine = store.get("p", "mine").expect("get");
    assert_eq!(
        mine.created,
        Some(Utc.with_ymd_and_hms(2025, 1, 2, 0, 0, 0).unwrap())
    );
    store.mark_used("p", "Mine").expect("mark");
    store
        .save("p", SavedFilter::new("Second", "x = 2"), false)
        .expect("save");
    let after = std::fs::read_to_string(store.path()).expect("read");
    for kept in [
        "# my filters",
        "colour = \"blue\"",
        "# the one I use",
        "pinned = true",
    ] {
        assert!(after.contains(kept), "{kept} lost:\n{after}");
    }
    assert!(after.contains("last_used = 20"), "{after}");
    assert_eq!(store.list("p").expect("list").len(), 2);
}

#[test]
fn inline_tables_written_by_hand_can_be_edited() {
    let (_dir, store) = store();
    std::fs::create_dir_all(store.path().parent().expect("dir")).expect("dir");
    std::fs::write(
        store.path(),
        "profiles = { p = { filters = [{ name = \"A\", jql = \"a = 1\" }] } }\n",
    )
    .expect("seed");
    store
        .save("p", SavedFilter::new("B", "b = 1"), false)
        .expect("save");
    store.rename("p", "a", "AA").expect("rename");
    assert_eq!(names(&store.list("p").expect("list")), ["AA", "B"]);
}

fn assert_broken(store: &FilterStore, text: &str, line: usize, column: usize) {
    std::fs::create_dir_all(store.path().parent().expect("dir")).expect("dir");
    std::fs::write(store.path(), text).expect("seed");
    let check = |e: FilterError| match e {
        FilterError::Syntax {
            line: l,
            column: c,
            ref path,
            ..
        } => {
            assert_eq!((l, c), (line, column), "{e}");
            assert_eq!(path, store.path());
            assert!(e.sentence().contains("filters.toml, line"), "{e}");
            assert!(e.hint().is_some_and(|h| h.contains("read-only")));
        }
        other => panic!("expected a syntax error, got {other:?}"),
    };
    check(store.list("p").expect_err("reads fail"));
    check(
        store
            .save("p", SavedFilter::new("New", "x = 1"), false)
            .expect_err("writes refuse"),
    );
    check(store.mark_used("p", "A").expect_err("writes refuse"));
    check(store.delete("p", "A").expect_err("writes refuse"));
    check(store.rename("p", "A", "B").expect_err("writes refuse"));
    check(
        store
            .import("p", vec![SavedFilter::new("Z", "z = 1")], true)
            .expect_err("refused"),
    );
    assert_eq!(
        std::fs::read(store.path()).expect("read"),
        text.as_bytes(),
        "byte-identical"
    );
}

#[test]
fn a_broken_file_is_read_only_until_fixed() {
    let (_dir, store) = store();
    let good = "[[profiles.p.filters]]\nname = \"A\"\njql = \"a = 1\"\n";
    assert_broken(
        &store,
        &format!("{good}\n[[profiles.p.filters]\nname = 1\n"),
        5,
        22,
    );
    assert_broken(
        &store,
        &format!("{good}[[profiles.p.filters]]\nname = \"a\"\njql = \"x\"\n"),
        5,
        8,
    );
    assert_broken(&store, "[[profiles.p.filters]]\nname = \"A\"\n", 1, 1);
    assert_broken(&store, &format!("{good}last_used = \"soon\"\n"), 4, 13);
    let long = format!(
        "[[profiles.p.filters]]\nname = \"{}\"\njql = \"a\"\n",
        "n".repeat(65)
    );
    assert_broken(&store, &long, 2, 8);
    // Fixed by hand: writable again.
    std::fs::write(store.path(), good).expect("fix");
    store.mark_used("p", "a").expect("writable again");
    assert!(store.get("p", "A").expect("get").last_used.is_some());
}

#[test]
fn import_merges_and_reports_conflicts() {
    let (_dir, store) = store();
    store
        .save("p", SavedFilter::new("Same", "a = 1"), false)
        .expect("save");
    store
        .save("p", SavedFilter::new("Clash", "b = 1"), false)
        .expect("save");
    let incoming = vec![
        SavedFilter::new("same", "a = 1"),
        SavedFilter::new("CLASH", "b = 2"),
        SavedFilter::new("New", "c = 1"),
    ];
    let report = store.import("p", incoming.clone(), false).expect("import");
    assert_eq!(report.added, ["New"]);
    assert_eq!(report.unchanged, ["Same"]);
    assert!(report.replaced.is_empty());
    assert_eq!(
        report.conflicts,
        [ImportConflict {
            name: "Clash".into(),
            ours: "b = 1".into(),
            theirs: "b = 2".into()
        }]
    );
    assert_eq!(store.get("p", "clash").expect("get").jql, "b = 1", "kept");
    let forced = store.import("p", incoming, true).expect("import");
    assert_eq!(forced.replaced, ["CLASH"]);
    assert!(forced.added.is_empty() && forced.conflicts.is_empty());
    assert_eq!(store.get("p", "clash").expect("get").jql, "b = 2");
    assert_eq!(store.list("p").expect("list").len(), 3);
}

#[test]
fn export_round_trips_and_reads_whole_files() {
    let (_dir, store) = store();
    let mut f = SavedFilter::new("Quoted \"name\"", "summary ~ \"a\\\\b\" AND x = 'y'")
        .with_description(Some("multi\nline".into()));
    f.last_used = Some(at(3));
    store.save("p", f.clone(), false).expect("save");
    let text = store.export("p").expect("export");
    assert!(text.contains("[[filters]]"), "{text}");
    let path = Path::new("export.toml");
    let (back, warnings) = parse_export(&text, path, "other").expect("parse");
    assert!(warnings.is_empty());
    assert_eq!(back, [f.clone()]);
    let (empty, _) = parse_export(&render_export(&[]), path, "p").expect("empty");
    assert!(empty.is_empty());
    // A whole filters.toml: the same profile, else the only one.
    let whole = std::fs::read_to_string(store.path()).expect("read");
    assert_eq!(
        parse_export(&whole, path, "p").expect("parse").0,
        [f.clone()]
    );
    assert_eq!(parse_export(&whole, path, "q").expect("only").0, [f]);
    store
        .save("r", SavedFilter::new("x", "x = 1"), false)
        .expect("save");
    let whole = std::fs::read_to_string(store.path()).expect("read");
    let several = parse_export(&whole, path, "q").expect_err("which profile?");
    assert!(several.sentence().contains("profiles p, r"), "{several}");
}

#[test]
fn leftover_temporaries_are_cleaned_under_the_lock() {
    let (_dir, store) = store();
    store
        .save("p", SavedFilter::new("a", "a = 1"), false)
        .expect("save");
    let dir = store.path().parent().expect("dir");
    let stale = dir.join(".filters.toml.tmp-1-1");
    std::fs::write(&stale, "half a fi").expect("seed");
    store.mark_used("p", "a").expect("mark");
    assert!(!stale.exists());
    assert!(dir.join("filters.toml.lock").exists());
}
