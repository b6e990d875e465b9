//! Where jiratty keeps its files: the config dir (config.toml) and the data dir (logs, cache).
//! `JIRATTY_CONFIG_DIR` and `JIRATTY_DATA_DIR` override the platform locations (tests use them).

use std::path::{Path, PathBuf};

/// The config file's name inside the config dir.
pub const CONFIG_FILE: &str = "config.toml";

/// Errors finding or creating jiratty's directories.
#[derive(Debug, thiserror::Error)]
pub enum PathError {
    /// Neither the override variable nor a home directory is available.
    #[error("cannot tell where to keep jiratty's {what}: no home directory is known; set {var}")]
    NoHome {
        /// "configuration" or "data".
        what: &'static str,
        /// The variable that would fix it.
        var: &'static str,
    },
    /// A directory could not be created.
    #[error("cannot create the directory {path}: {source}")]
    Create {
        /// The directory.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "jiratty")
}

fn override_dir(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The config dir: `JIRATTY_CONFIG_DIR`, else the platform's (e.g. `~/.config/jiratty`).
pub fn config_dir() -> Result<PathBuf, PathError> {
    override_dir("JIRATTY_CONFIG_DIR")
        .or_else(|| project_dirs().map(|d| d.config_dir().to_path_buf()))
        .ok_or(PathError::NoHome {
            what: "configuration",
            var: "JIRATTY_CONFIG_DIR",
        })
}

/// The config file, `config.toml` in [`config_dir`].
pub fn config_file() -> Result<PathBuf, PathError> {
    Ok(config_dir()?.join(CONFIG_FILE))
}

/// The data dir (logs, caches): `JIRATTY_DATA_DIR`, else the platform's
/// (e.g. `~/.local/share/jiratty`).
pub fn data_dir() -> Result<PathBuf, PathError> {
    override_dir("JIRATTY_DATA_DIR")
        .or_else(|| project_dirs().map(|d| d.data_dir().to_path_buf()))
        .ok_or(PathError::NoHome {
            what: "data",
            var: "JIRATTY_DATA_DIR",
        })
}

/// Creates `dir` (and its parents) if missing; new directories get mode 0700 on Unix, since
/// they hold the user's accounts and logs.
pub fn ensure_private_dir(dir: &Path) -> Result<(), PathError> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|source| PathError::Create {
        path: dir.display().to_string(),
        source,
    })
}

/// The data dir, created (mode 0700) if missing.
pub fn ensure_data_dir() -> Result<PathBuf, PathError> {
    let dir = data_dir()?;
    ensure_private_dir(&dir)?;
    Ok(dir)
}

/// A profile name made safe for a file or directory name: letters, digits, `-` and `_` as
/// they are, any other byte as `%XX`; an empty name as `%default`.
pub fn safe_name(profile: &str) -> String {
    let mut name = String::new();
    for b in profile.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            name.push(char::from(b));
        } else {
            name.push_str(&format!("%{b:02X}"));
        }
    }
    if name.is_empty() {
        name.push_str("%default");
    }
    name
}

/// `path` with a leading `~` (alone or before a `/`) replaced by the home directory, as the
/// profile's certificate paths are often written; any other path as it is.
pub fn expand_home(path: &Path) -> PathBuf {
    let Ok(rest) = path.strip_prefix("~") else {
        return path.to_path_buf();
    };
    match directories::BaseDirs::new() {
        Some(dirs) => dirs.home_dir().join(rest),
        None => path.to_path_buf(),
    }
}

#[cfg(test)]
mod expand_tests {
    use super::expand_home;
    use std::path::Path;

    #[test]
    fn a_leading_tilde_is_the_home_directory() {
        let home = directories::BaseDirs::new()
            .unwrap()
            .home_dir()
            .to_path_buf();
        assert_eq!(
            expand_home(Path::new("~/certs/me.pem")),
            home.join("certs/me.pem")
        );
        assert_eq!(expand_home(Path::new("~")), home);
        assert_eq!(
            expand_home(Path::new("/etc/me.pem")),
            Path::new("/etc/me.pem")
        );
        assert_eq!(
            expand_home(Path::new("~bob/me.pem")),
            Path::new("~bob/me.pem")
        );
    }
}
