//! Drafts: the text of a comment being written, kept on disk as it changes so that quitting,
//! a crash or a failed post loses nothing. One file per profile and issue,
//! `drafts/PROFILE/KEY.md` in the data dir, mode 0600, written atomically; removed only once
//! Jira confirmed the comment.
//!
//! Writes run on blocking threads and may overtake one another, so a write never carries its
//! text: it takes the newest text waiting for its issue under the store's lock, which makes
//! the last text typed the one on disk whatever order the threads run in.

use super::atomic::write_private;
use super::paths::safe_name;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The drafts of one profile.
#[derive(Debug, Clone)]
pub struct Drafts {
    dir: PathBuf,
    /// The newest text to write per issue (None: remove the draft).
    waiting: Arc<Mutex<HashMap<String, Option<String>>>>,
    /// Held while files are written.
    io: Arc<Mutex<()>>,
}

/// Drafts are compared by where they live.
impl PartialEq for Drafts {
    fn eq(&self, other: &Self) -> bool {
        self.dir == other.dir
    }
}

/// Issue keys are letters, digits, `-` and `_`; anything else is not a file name we make.
fn file_name(key: &str) -> Option<String> {
    let ok = !key.is_empty()
        && key.len() <= 255
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then(|| format!("{key}.md"))
}

impl Drafts {
    /// The drafts of `profile` under `data_dir`.
    pub fn new(data_dir: &Path, profile: &str) -> Self {
        Drafts {
            dir: data_dir.join("drafts").join(safe_name(profile)),
            waiting: Arc::default(),
            io: Arc::default(),
        }
    }

    /// The drafts of `profile` in jiratty's data dir; None when there is no data dir.
    pub fn for_profile(profile: &str) -> Option<Self> {
        super::paths::data_dir()
            .ok()
            .map(|dir| Drafts::new(&dir, profile))
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        file_name(key).map(|name| self.dir.join(name))
    }

    /// The draft of `key`, if there is one (an unreadable file is an error, never empty).
    pub fn load(&self, key: &str) -> std::io::Result<Option<String>> {
        let Some(path) = self.path(key) else {
            return Ok(None);
        };
        match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8(bytes).map(Some).map_err(|_| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("{} is not UTF-8 text", path.display()),
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Notes `text` as the newest draft of `key` (None: remove it); [`Drafts::flush`] writes it.
    pub fn stage(&self, key: &str, text: Option<String>) {
        if let Ok(mut waiting) = self.waiting.lock() {
            waiting.insert(key.to_string(), text);
        }
    }

    /// Writes every staged draft (an empty text removes the file); run it off the UI thread.
    pub fn flush(&self) -> std::io::Result<()> {
        let _io = self
            .io
            .lock()
            .map_err(|_| std::io::Error::other("draft store poisoned"))?;
        let staged: Vec<(String, Option<String>)> = match self.waiting.lock() {
            Ok(mut waiting) => waiting.drain().collect(),
            Err(_) => return Err(std::io::Error::other("draft store poisoned")),
        };
        let mut first_error = None;
        for (key, text) in staged {
            let Some(path) = self.path(&key) else {
                continue;
            };
            let result = match text.filter(|t| !t.trim().is_empty()) {
                Some(text) => std::fs::create_dir_all(&self.dir)
                    .and_then(|()| restrict(&self.dir))
                    .and_then(|()| write_private(&path, text.as_bytes())),
                None => match std::fs::remove_file(&path) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                    _ => Ok(()),
                },
            };
            if let Err(e) = result {
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    }
}

/// Only the owner may list the drafts.
fn restrict(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_is_kept_private_and_removed_when_emptied() {
        let home = tempfile::tempdir().unwrap();
        let drafts = Drafts::new(home.path(), "work");
        assert_eq!(drafts.load("ACME-1").unwrap(), None);
        drafts.stage("ACME-1", Some("first".into()));
        drafts.stage("ACME-1", Some("first words, more".into()));
        drafts.flush().unwrap();
        assert_eq!(
            drafts.load("ACME-1").unwrap().as_deref(),
            Some("first words, more")
        );
        let file = home.path().join("drafts/work/ACME-1.md");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        drafts.stage("ACME-1", None);
        drafts.flush().unwrap();
        assert!(!file.exists());
        drafts.flush().unwrap();
    }

    #[test]
    fn the_newest_text_wins_whatever_order_the_writes_run_in() {
        let home = tempfile::tempdir().unwrap();
        let drafts = Drafts::new(home.path(), "p");
        let threads: Vec<_> = (0..20)
            .map(|i| {
                drafts.stage("A-1", Some(format!("text {i}")));
                let d = drafts.clone();
                std::thread::spawn(move || d.flush().unwrap())
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(drafts.load("A-1").unwrap().as_deref(), Some("text 19"));
    }

    #[test]
    fn keys_that_are_not_file_names_are_not_written() {
        let home = tempfile::tempdir().unwrap();
        let drafts = Drafts::new(home.path(), "p");
        drafts.stage("../escape", Some("x".into()));
        drafts.flush().unwrap();
        assert!(!home.path().join("drafts/escape.md").exists());
        assert_eq!(drafts.load("../escape").unwrap(), None);
    }

    #[test]
    fn an_unreadable_draft_is_an_error_not_an_empty_one() {
        let home = tempfile::tempdir().unwrap();
        let drafts = Drafts::new(home.path(), "p");
        std::fs::create_dir_all(home.path().join("drafts/p")).unwrap();
        std::fs::write(home.path().join("drafts/p/A-1.md"), [0xff, 0xfe]).unwrap();
        assert!(drafts.load("A-1").is_err());
    }
}
