//! Handing a comment to the user's own editor: the TUI leaves the terminal, `$VISUAL` (else
//! `$EDITOR`, else `vi`) runs on a private temporary file holding the text, and the TUI comes
//! back with what the file holds when the editor exits. The caller stops reading terminal
//! events meanwhile, so that no key meant for the editor is taken.

use crate::notice::Notice;
use std::io::Write;
use std::path::PathBuf;

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi`.
fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// A new private file in the temporary directory for issue `key`.
fn temp_file(key: &str, text: &str) -> std::io::Result<PathBuf> {
    let safe: String = key
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let dir = std::env::temp_dir();
    for n in 0..100u32 {
        let path = dir.join(format!("jiratty-{safe}-{}-{n}.md", std::process::id()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&path) {
            Ok(mut file) => {
                file.write_all(text.as_bytes())?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("no free temporary file name"))
}

/// Runs the editor on `text` with the terminal handed over, and returns the edited text. The
/// terminal must be out of full-screen mode while this runs.
pub fn edit(key: &str, text: &str) -> Result<String, Notice> {
    let path = temp_file(key, text)
        .map_err(|e| Notice::new(format!("cannot make a file for the editor: {e}")))?;
    let command = editor_command();
    #[cfg(unix)]
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{command} \"$1\""))
        .arg("sh")
        .arg(&path)
        .status();
    #[cfg(not(unix))]
    let status = std::process::Command::new(&command).arg(&path).status();
    let result = match status {
        Ok(s) if s.success() => std::fs::read(&path)
            .map_err(|e| Notice::new(format!("cannot read what the editor wrote: {e}")))
            .and_then(|bytes| {
                String::from_utf8(bytes).map_err(|_| {
                    Notice::new("the editor left text that is not UTF-8; the comment is unchanged")
                })
            }),
        Ok(s) => Err(Notice::hinted(
            format!("the editor ({command}) ended with {s}; the comment is unchanged"),
            Some("set VISUAL or EDITOR to the editor you use".into()),
        )),
        Err(e) => Err(Notice::hinted(
            format!("cannot run the editor ({command}): {e}"),
            Some("set VISUAL or EDITOR to the editor you use".into()),
        )),
    };
    let _ = std::fs::remove_file(&path);
    result
}
