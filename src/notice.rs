//! The one user-facing error: a sentence saying what is wrong and, when there is one, a hint
//! saying what to do. The TUI (status line, list, detail, login and filter screens) and the
//! CLI (its connection errors) show every error as a `Notice`, joined one way on one line
//! ([`Notice::joined`]) and one way on stderr ([`Notice::eprint`]). Never a `Debug` dump.

use crate::jira::JiraError;
use crate::text::sanitize_line;

/// An error as the user sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What went wrong.
    pub sentence: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Notice {
    /// A notice with no hint.
    pub fn new(sentence: impl Into<String>) -> Notice {
        Notice {
            sentence: sentence.into(),
            hint: None,
        }
    }

    /// A notice with a hint, when there is one.
    pub fn hinted(sentence: impl Into<String>, hint: Option<String>) -> Notice {
        Notice {
            sentence: sentence.into(),
            hint,
        }
    }

    /// The sentence and the hint on one line: `sentence — hint`.
    pub fn joined(&self) -> String {
        match &self.hint {
            Some(hint) => format!("{} — {hint}", self.sentence),
            None => self.sentence.clone(),
        }
    }

    /// Prints `jiratty: sentence` and `hint: hint` on stderr, sanitised (the text may come
    /// from a server or a file).
    pub fn eprint(&self) {
        eprintln!("jiratty: {}", sanitize_line(&self.sentence));
        if let Some(hint) = &self.hint {
            eprintln!("hint: {}", sanitize_line(hint));
        }
    }
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.joined())
    }
}

impl From<&JiraError> for Notice {
    /// Jira's error as its sentence and hint, sanitised for the terminal.
    fn from(e: &JiraError) -> Notice {
        Notice {
            sentence: sanitize_line(&e.sentence()),
            hint: e.hint().map(|h| sanitize_line(&h)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_joins_its_hint_one_way() {
        assert_eq!(Notice::new("It broke.").joined(), "It broke.");
        let hinted = Notice::hinted("It broke.", Some("try again".into()));
        assert_eq!(hinted.joined(), "It broke. — try again");
        assert_eq!(hinted.to_string(), hinted.joined());
    }

    #[test]
    fn a_jira_error_becomes_a_sanitised_notice() {
        let e = JiraError::Server {
            status: 500,
            message: "boom\u{1b}[31m".into(),
        };
        let notice = Notice::from(&e);
        assert!(!notice.sentence.contains('\u{1b}'), "{notice:?}");
        assert_eq!(notice.sentence, sanitize_line(&e.sentence()));
    }
}
