//! Which link addresses jiratty hands on — to the browser (`l N`) and to the terminal as
//! OSC 8 hyperlinks. One predicate for both, so that a link the terminal makes clickable is
//! one jiratty would open itself: never `javascript:`, `file:`, `data:` and the like.

/// The schemes jiratty opens (compared without regard to case).
pub const OPENABLE_SCHEMES: [&str; 3] = ["https://", "http://", "mailto:"];

/// Whether `url` is a web or mail address with something after its scheme, and nothing the
/// sanitiser would remove.
pub fn is_openable(url: &str) -> bool {
    let scheme = OPENABLE_SCHEMES.iter().find(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    });
    match scheme {
        Some(scheme) => {
            url.len() > scheme.len() && !url.contains(|c: char| super::sanitize::is_unsafe(c))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_addresses() {
        for yes in [
            "https://example.com/a?b=c",
            "HTTP://EXAMPLE.COM",
            "mailto:alice@example.com",
        ] {
            assert!(is_openable(yes), "{yes}");
        }
        for no in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "ftp://example.com",
            "https://",
            "https:example.com",
            " https://example.com",
            "https://example.com/\u{1b}]0;x\u{7}",
            "https://example.com/\u{9d}",
            "",
            "é",
        ] {
            assert!(!is_openable(no), "{no:?}");
        }
    }
}
