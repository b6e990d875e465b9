//! Writing files so that a crash never leaves half a file behind, and so that files holding
//! account details are private from the first byte. A file that is a symbolic link (dotfiles
//! repositories link `config.toml` and `filters.toml`) is written through the link: its target
//! is replaced, atomically, and the link stays.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let unique = COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.tmp-{}-{unique}", std::process::id()))
}

/// Symbolic links followed before giving up (the kernel's own limit is 40).
const MAX_LINKS: usize = 40;

/// The file `path` stands for: `path` itself, or, if it is a symbolic link, the end of its
/// chain of links (which need not exist yet). Relative links are read from the link's
/// directory.
pub fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&at)?;
                at = match at.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(at),
        }
    }
    Err(std::io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

/// Replaces `path` with `bytes` atomically: a temporary file in the same directory (mode 0600
/// on Unix) is written, flushed to disk and renamed over `path` — over the target of `path`,
/// beside it, when `path` is a symbolic link. The directory must exist.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = resolve_links(path)?;
    let path = target.as_path();
    let temp = temp_path(path);
    let result = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)?;
        // Make the rename itself durable.
        #[cfg(unix)]
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::File::open(dir)?.sync_all()?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("f.toml");
        std::fs::write(&path, "old").expect("seed");
        write_private(&path, b"new").expect("write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        let names: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(names.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("f.toml");
        write_private(&path, b"x").expect("write");
        let mode = std::fs::metadata(&path).expect("stat").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_written_through_to_its_target_and_stays_a_link() {
        let dir = tempfile::tempdir().expect("temp dir");
        let dotfiles = dir.path().join("dotfiles");
        let config = dir.path().join("config");
        std::fs::create_dir_all(&dotfiles).expect("dotfiles");
        std::fs::create_dir_all(&config).expect("config");
        std::fs::write(dotfiles.join("filters.toml"), "old").expect("seed");
        // A relative link, as `ln -s ../dotfiles/filters.toml` makes, through a second link.
        let link = config.join("filters.toml");
        std::os::unix::fs::symlink("../dotfiles/filters.toml", &link).expect("link");
        let outer = dir.path().join("outer.toml");
        std::os::unix::fs::symlink(&link, &outer).expect("second link");
        write_private(&outer, b"new").expect("write");
        assert!(
            std::fs::symlink_metadata(&link)
                .expect("stat")
                .file_type()
                .is_symlink()
        );
        assert!(
            std::fs::symlink_metadata(&outer)
                .expect("stat")
                .file_type()
                .is_symlink()
        );
        let target = dotfiles.join("filters.toml");
        assert_eq!(std::fs::read_to_string(&target).expect("target"), "new");
        // The temporary file was made beside the target, and is gone.
        assert_eq!(std::fs::read_dir(&dotfiles).expect("list").count(), 1);
        assert_eq!(std::fs::read_dir(&config).expect("list").count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_symlink_creates_its_target_and_a_loop_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let link = dir.path().join("config.toml");
        std::os::unix::fs::symlink("real.toml", &link).expect("link");
        write_private(&link, b"x").expect("write");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("real.toml")).expect("target"),
            "x"
        );
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::os::unix::fs::symlink(&b, &a).expect("a");
        std::os::unix::fs::symlink(&a, &b).expect("b");
        let e = write_private(&a, b"x").expect_err("a loop of links");
        assert!(e.to_string().contains("symbolic links"), "{e}");
    }

    #[test]
    fn a_missing_directory_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("missing").join("f.toml");
        assert!(write_private(&path, b"x").is_err());
    }
}
