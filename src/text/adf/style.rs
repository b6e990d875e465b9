//! What only the writers need beyond the shared ADF accessors: panel looks, text colours and
//! which media Jira shows inline.

use serde_json::Value;

use crate::text::rich::adf::node::{attr_str, kind};

/// Human title and background colour for a panel type.
pub(super) fn panel_style(panel_type: &str) -> (&'static str, &'static str) {
    match panel_type {
        "note" => ("Note", "#EAE6FF"),
        "tip" => ("Tip", "#E3FCEF"),
        "success" => ("Success", "#E3FCEF"),
        "warning" => ("Warning", "#FFFAE6"),
        "error" => ("Error", "#FFEBE6"),
        _ => ("Info", "#DEEBFF"),
    }
}

/// The colour of the first `textColor` mark, if it is a plain `#hex` or
/// colour-name token (anything else is ignored).
pub(super) fn text_color(marks: &[Value]) -> Option<&str> {
    marks
        .iter()
        .filter(|m| kind(m) == "textColor")
        .find_map(|m| attr_str(m, "color"))
        .filter(|c| {
            let body = c.strip_prefix('#').unwrap_or(c);
            !body.is_empty() && body.chars().all(|ch| ch.is_ascii_alphanumeric())
        })
}

/// Whether a file name looks like an image that Jira would render inline.
pub(super) fn is_image_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_names() {
        assert!(is_image_name("Shot.PNG"));
        assert!(!is_image_name("log.txt"));
    }
}
