//! The result cache: the first page of each query's last results, per profile, so that the
//! list shows them on the first frame (marked as cached) while the site is asked again.
//!
//! One JSON file per site, user and query under `cache/PROFILE/` in the data dir. Bounded: at
//! most [`MAX_ROWS`] rows per query and [`MAX_ENTRIES`] queries per profile (the least
//! recently saved go first). Nothing secret is kept — no credentials or tokens, only what the
//! list shows — and files are written atomically, readable by their owner only. A file that
//! cannot be read or does not match its key is ignored, never fatal. `JIRATTY_CACHE=0` turns
//! the cache off.

use super::atomic::write_private;
use super::paths::{data_dir, ensure_private_dir, safe_name};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Rows kept per query.
pub const MAX_ROWS: usize = 200;
/// Queries kept per profile.
pub const MAX_ENTRIES: usize = 32;
/// The file format's version; files of another version are ignored.
const VERSION: u32 = 1;

/// The cache of one profile on one site, as one user.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultCache {
    dir: PathBuf,
    site: String,
    user: String,
}

/// Results as kept: when, for what, and the rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cached<R> {
    /// Format version.
    pub version: u32,
    /// Site URL.
    pub site: String,
    /// Who asked.
    pub user: String,
    /// The query.
    pub jql: String,
    /// When the results were saved.
    pub saved: DateTime<Utc>,
    /// Total matches, when the site said.
    pub total: Option<u64>,
    /// The first rows.
    pub rows: Vec<R>,
}

impl ResultCache {
    /// The cache of `profile` (for `site` and `user`) in the data dir; None when it is turned
    /// off with `JIRATTY_CACHE=0` or there is no data dir.
    pub fn for_profile(profile: &str, site: &str, user: &str) -> Option<ResultCache> {
        if is_off(std::env::var("JIRATTY_CACHE").ok().as_deref()) {
            return None;
        }
        let dir = data_dir().ok()?.join("cache").join(safe_name(profile));
        Some(ResultCache::in_dir(dir, site, user))
    }

    /// A cache kept in `dir`.
    pub fn in_dir(dir: PathBuf, site: &str, user: &str) -> ResultCache {
        ResultCache {
            dir,
            site: site.trim_end_matches('/').to_string(),
            user: user.to_string(),
        }
    }

    /// The file of `jql`.
    fn file(&self, jql: &str) -> PathBuf {
        let key = fnv1a(&[&self.site, &self.user, jql.trim()]);
        self.dir.join(format!("{key:016x}.json"))
    }

    /// The last results of `jql`, if kept (and the file is sound and really theirs).
    pub fn load<R: DeserializeOwned>(&self, jql: &str) -> Option<Cached<R>> {
        let bytes = std::fs::read(self.file(jql)).ok()?;
        let cached: Cached<R> = serde_json::from_slice(&bytes).ok()?;
        (cached.version == VERSION
            && cached.site == self.site
            && cached.user == self.user
            && cached.jql == jql.trim())
        .then_some(cached)
    }

    /// Keeps the first [`MAX_ROWS`] of `rows` as the results of `jql`, then drops the oldest
    /// entries beyond [`MAX_ENTRIES`].
    pub fn save<R: Serialize>(
        &self,
        jql: &str,
        total: Option<u64>,
        rows: &[R],
        now: DateTime<Utc>,
    ) -> Result<(), String> {
        ensure_private_dir(&self.dir).map_err(|e| e.to_string())?;
        let entry = Cached {
            version: VERSION,
            site: self.site.clone(),
            user: self.user.clone(),
            jql: jql.trim().to_string(),
            saved: now,
            total,
            rows: rows.iter().take(MAX_ROWS).collect::<Vec<&R>>(),
        };
        let bytes = serde_json::to_vec(&entry).map_err(|e| e.to_string())?;
        let path = self.file(jql);
        write_private(&path, &bytes)
            .map_err(|e| format!("cannot write the result cache {}: {e}", path.display()))?;
        prune(&self.dir, MAX_ENTRIES, &path);
        Ok(())
    }
}

/// Whether a `JIRATTY_CACHE` value turns the cache off.
fn is_off(setting: Option<&str>) -> bool {
    setting.is_some_and(|v| matches!(v.trim(), "0" | "off" | "no" | "false"))
}

/// Removes the least recently written cache files of `dir` beyond `keep`, never `current`.
fn prune(dir: &Path, keep: usize, current: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json") && e.path() != current)
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    // The current file counts as one of those kept.
    let keep = keep.saturating_sub(1);
    if files.len() <= keep {
        return;
    }
    files.sort_by_key(|f| std::cmp::Reverse(f.0));
    for (_, path) in files.into_iter().skip(keep) {
        let _ = std::fs::remove_file(path);
    }
}

/// A 64-bit FNV-1a hash of the parts (with a separator), stable across builds and platforms.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 6, 1, 12, min, 0).unwrap()
    }

    #[test]
    fn keeps_the_first_rows_per_site_user_and_query() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ResultCache::in_dir(dir.path().join("p"), "https://a.example/", "alice");
        let rows: Vec<String> = (0..500).map(|i| format!("ACME-{i}")).collect();
        cache.save("order by key", Some(500), &rows, at(1)).unwrap();
        let got: Cached<String> = cache.load("order by key ").unwrap();
        assert_eq!(got.rows.len(), MAX_ROWS);
        assert_eq!(got.rows[0], "ACME-0");
        assert_eq!((got.total, got.saved), (Some(500), at(1)));
        // Another query, user or site has its own entry.
        assert!(cache.load::<String>("project = X").is_none());
        let bob = ResultCache::in_dir(dir.path().join("p"), "https://a.example", "bob");
        assert!(bob.load::<String>("order by key").is_none());
        // Same site with or without the trailing slash.
        let same = ResultCache::in_dir(dir.path().join("p"), "https://a.example", "alice");
        assert!(same.load::<String>("order by key").is_some());
    }

    #[test]
    fn broken_or_foreign_files_are_ignored_and_entries_are_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ResultCache::in_dir(dir.path().to_path_buf(), "https://a.example", "alice");
        cache.save("a", None, &["x"], at(1)).unwrap();
        std::fs::write(cache.file("a"), b"{not json").unwrap();
        assert!(cache.load::<String>("a").is_none());
        // A file whose content is for another query (a hash collision, a copied file).
        cache.save("b", None, &["y"], at(2)).unwrap();
        std::fs::copy(cache.file("b"), cache.file("c")).unwrap();
        assert!(cache.load::<String>("c").is_none());
        for i in 0..(MAX_ENTRIES + 5) {
            cache.save(&format!("q{i}"), None, &["z"], at(3)).unwrap();
        }
        let files = std::fs::read_dir(dir.path()).unwrap().count();
        assert!(files <= MAX_ENTRIES, "{files} files");
    }

    #[test]
    fn jiratty_cache_0_turns_it_off() {
        for off in ["0", "off", " no ", "false"] {
            assert!(is_off(Some(off)), "{off:?}");
        }
        for on in [None, Some("1"), Some(""), Some("yes")] {
            assert!(!is_off(on), "{on:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn files_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let cache = ResultCache::in_dir(dir.path().join("p"), "https://a.example", "alice");
        cache.save("a", None, &["x"], at(1)).unwrap();
        let mode = std::fs::metadata(cache.file("a"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0);
    }
}
