//! The user's files as they are found in the wild: symbolic links into a dotfiles repository
//! (written through, the link kept), and files that cannot be read (not UTF-8, a directory,
//! mode 000), which are broken files like those that do not parse: errors about the user's
//! input, never overwritten.

use super::config::{Config, Profile};
use super::filters::{FilterError, FilterStore, SavedFilter};

/// A config dir whose `name` is a relative link to `../dotfiles/name`, holding `text`.
#[cfg(unix)]
fn linked(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let dotfiles = dir.path().join("dotfiles");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&dotfiles).expect("dotfiles");
    std::fs::create_dir_all(&config).expect("config");
    let target = dotfiles.join(name);
    std::fs::write(&target, text).expect("seed");
    let link = config.join(name);
    std::os::unix::fs::symlink(format!("../dotfiles/{name}"), &link).expect("link");
    (dir, link, target)
}

#[cfg(unix)]
fn is_link(path: &std::path::Path) -> bool {
    std::fs::symlink_metadata(path)
        .expect("stat")
        .file_type()
        .is_symlink()
}

#[cfg(unix)]
#[test]
fn saving_a_filter_writes_through_a_linked_filters_file() {
    let (_dir, link, target) = linked(
        "filters.toml",
        "# mine\n[[profiles.work.filters]]\nname = \"Old\"\njql = \"project = OLD\"\n",
    );
    let store = FilterStore::open(link.parent().expect("config dir"));
    store
        .save("work", SavedFilter::new("New", "project = NEW"), false)
        .expect("save");
    assert!(is_link(&link), "the link stays a link");
    let text = std::fs::read_to_string(&target).expect("target");
    assert!(
        text.contains("# mine") && text.contains("project = NEW"),
        "{text}"
    );
    let names: Vec<String> = store
        .list("work")
        .expect("list")
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    // No temporary left beside the link or the target.
    for dir in [link.parent().expect("dir"), target.parent().expect("dir")] {
        let stray: Vec<_> = std::fs::read_dir(dir)
            .expect("list")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".tmp-"))
            .collect();
        assert!(stray.is_empty(), "{stray:?}");
    }
}

#[cfg(unix)]
#[test]
fn saving_the_config_writes_through_a_linked_config_file() {
    let (_dir, link, target) = linked("config.toml", "# my profiles\n");
    let mut config = Config::default();
    config.profiles.insert(
        "work".into(),
        Profile {
            site: "https://acme.atlassian.net".into(),
            ..Profile::default()
        },
    );
    config.save(&link).expect("save");
    assert!(is_link(&link), "the link stays a link");
    let text = std::fs::read_to_string(&target).expect("target");
    assert!(text.contains("# my profiles"), "{text}");
    assert!(text.contains("acme.atlassian.net"), "{text}");
    let (read, _) = Config::load(&link).expect("load");
    assert_eq!(read, config);
}

/// Each way a filters file can be unreadable, as (what, the store); mode 000 only where it
/// makes the file unreadable (not for root).
fn unreadable_filter_files() -> Vec<(&'static str, tempfile::TempDir, FilterStore)> {
    let mut cases = Vec::new();
    let make = |what: &'static str, write: &dyn Fn(&std::path::Path)| {
        let dir = tempfile::tempdir().expect("temp dir");
        write(&dir.path().join("filters.toml"));
        let store = FilterStore::open(dir.path());
        (what, dir, store)
    };
    cases.push(make("not UTF-8", &|p| {
        std::fs::write(p, b"name = \"\xff\"\n").expect("write")
    }));
    cases.push(make("a directory", &|p| {
        std::fs::create_dir(p).expect("mkdir")
    }));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let case = make("mode 000", &|p| {
            std::fs::write(p, "").expect("write");
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        });
        // Root reads it all the same: nothing to test there.
        if std::fs::read(case.2.path()).is_err() {
            cases.push(case);
        }
    }
    cases
}

#[test]
fn an_unreadable_filters_file_is_a_broken_file_and_is_never_overwritten() {
    for (what, _dir, store) in unreadable_filter_files() {
        let e = store.list("work").expect_err(what);
        assert!(matches!(e, FilterError::Read { .. }), "{what}: {e:?}");
        assert!(
            e.is_input(),
            "{what}: a broken file, exit 2 like a syntax error"
        );
        assert!(e.sentence().contains("filters.toml"), "{what}: {e}");
        assert!(e.hint().is_some(), "{what}");
        let save = store.save("work", SavedFilter::new("X", "project = X"), false);
        assert!(
            matches!(save, Err(FilterError::Read { .. })),
            "{what}: {save:?}"
        );
    }
    // Still 1: the system failing, not the file.
    let e = FilterError::Write {
        path: "filters.toml".into(),
        source: std::io::Error::other("disk full"),
    };
    assert!(!e.is_input());
}
