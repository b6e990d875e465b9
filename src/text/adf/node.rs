//! Tolerant accessors over raw ADF JSON values shared by the converters.
//!
//! Every accessor degrades to an empty/`None` result on malformed input so
//! the converters never have to fail.

use serde_json::Value;

/// Maximum nesting depth rendered structurally; deeper subtrees degrade to
/// their plain text so recursion stays bounded on hostile input.
pub(super) const MAX_DEPTH: usize = 48;

/// The node's `type`, or `""` when missing or not a string.
pub(crate) fn kind(node: &Value) -> &str {
    node.get("type").and_then(Value::as_str).unwrap_or("")
}

/// The node's `content` array, or an empty slice.
pub(super) fn children(node: &Value) -> &[Value] {
    match node {
        Value::Array(items) => items,
        _ => node
            .get("content")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[]),
    }
}

/// The node's `marks` array, or an empty slice.
pub(super) fn marks(node: &Value) -> &[Value] {
    node.get("marks")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// A string attribute of the node (`attrs.<key>`).
pub(crate) fn attr_str<'a>(node: &'a Value, key: &str) -> Option<&'a str> {
    node.get("attrs")?.get(key)?.as_str()
}

/// An integer attribute of the node, accepting numbers and numeric strings.
pub(crate) fn attr_int(node: &Value, key: &str) -> Option<i64> {
    let value = node.get("attrs")?.get(key)?;
    match value {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The node's own `text` field (text nodes and some unknown nodes).
pub(super) fn own_text(node: &Value) -> Option<&str> {
    node.get("text").and_then(Value::as_str)
}

/// Whether a node type is an inline node (lives inside paragraphs).
pub(crate) fn is_inline(node: &Value) -> bool {
    match node {
        Value::String(_) => true,
        Value::Object(_) => matches!(
            kind(node),
            "text"
                | "hardBreak"
                | "mention"
                | "emoji"
                | "date"
                | "status"
                | "inlineCard"
                | "inlineExtension"
                | "placeholder"
                | "mediaInline"
        ),
        _ => false,
    }
}

/// URL of an inline/block/embed card (`attrs.url`, else `attrs.data.url`).
pub(super) fn card_url(node: &Value) -> Option<&str> {
    attr_str(node, "url").or_else(|| {
        let data = node.get("attrs")?.get("data")?;
        data.get("url")
            .and_then(Value::as_str)
            .or_else(|| data.get("name").and_then(Value::as_str))
    })
}

/// Display text of an emoji: its unicode `text`, else its `shortName`.
pub(super) fn emoji_text(node: &Value) -> &str {
    attr_str(node, "text")
        .filter(|t| !t.is_empty())
        .or_else(|| attr_str(node, "shortName"))
        .unwrap_or("")
}

/// Display text of a mention without a leading `@` (falls back to the id).
pub(super) fn mention_name(node: &Value) -> &str {
    match attr_str(node, "text").map(|t| t.trim_start_matches('@')) {
        Some(t) if !t.trim().is_empty() => t,
        _ => attr_str(node, "id").unwrap_or(""),
    }
}

/// The `attrs.timestamp` of a date node rendered as `yyyy-MM-dd`; the raw
/// value when it is not a number of epoch milliseconds.
pub(super) fn date_text(node: &Value) -> String {
    let raw = node.get("attrs").and_then(|a| a.get("timestamp"));
    let millis = match raw {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    match (millis, raw) {
        (Some(ms), _) => format_epoch_day(ms.div_euclid(86_400_000)),
        (None, Some(Value::String(s))) => s.clone(),
        _ => String::new(),
    }
}

/// Formats a count of days since 1970-01-01 as a proleptic Gregorian
/// `yyyy-MM-dd` date (civil-from-days arithmetic).
pub(super) fn format_epoch_day(days: i64) -> String {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

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

/// Best name for a media node: `alt`, else the external `url`.
pub(super) fn media_name(node: &Value) -> Option<&str> {
    attr_str(node, "alt")
        .filter(|s| !s.trim().is_empty())
        .or_else(|| attr_str(node, "url"))
        .filter(|s| !s.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn epoch_days_format() {
        assert_eq!(format_epoch_day(0), "1970-01-01");
        assert_eq!(format_epoch_day(-1), "1969-12-31");
        assert_eq!(format_epoch_day(19_782), "2024-02-29");
        assert_eq!(format_epoch_day(11_016), "2000-02-29");
    }

    #[test]
    fn date_text_accepts_strings_numbers_and_garbage() {
        let d = json!({"type": "date", "attrs": {"timestamp": "1709164800000"}});
        assert_eq!(date_text(&d), "2024-02-29");
        let d = json!({"type": "date", "attrs": {"timestamp": 1_709_164_800_000_i64}});
        assert_eq!(date_text(&d), "2024-02-29");
        let d = json!({"type": "date", "attrs": {"timestamp": "soon"}});
        assert_eq!(date_text(&d), "soon");
        assert_eq!(date_text(&json!({"type": "date"})), "");
        let d = json!({"type": "date", "attrs": {"timestamp": i64::MIN.to_string()}});
        assert!(!date_text(&d).is_empty());
    }

    #[test]
    fn accessors_tolerate_wrong_types() {
        let bad = json!({"type": 3, "content": "x", "marks": {}, "attrs": []});
        assert_eq!(kind(&bad), "");
        assert!(children(&bad).is_empty());
        assert!(marks(&bad).is_empty());
        assert_eq!(attr_str(&bad, "x"), None);
        assert_eq!(
            attr_int(&json!({"attrs": {"level": "2"}}), "level"),
            Some(2)
        );
        assert_eq!(children(&json!([1, 2])).len(), 2);
    }

    #[test]
    fn mention_and_emoji_fallbacks() {
        let m = json!({"attrs": {"id": "abc", "text": "@Bob Brown"}});
        assert_eq!(mention_name(&m), "Bob Brown");
        assert_eq!(mention_name(&json!({"attrs": {"id": "abc"}})), "abc");
        let e = json!({"attrs": {"shortName": ":rocket:", "text": ""}});
        assert_eq!(emoji_text(&e), ":rocket:");
    }

    #[test]
    fn card_url_from_data() {
        let c = json!({"attrs": {"data": {"url": "https://x.test"}}});
        assert_eq!(card_url(&c), Some("https://x.test"));
        assert!(is_image_name("Shot.PNG"));
        assert!(!is_image_name("log.txt"));
    }
}
