//! The one set of tolerant accessors over raw ADF JSON, shared by the rich-text parser
//! ([`from_adf`](super::from_adf)) and the demo server's writers (`text::adf`: wiki, HTML,
//! plain), and the one nesting limit they all keep.
//!
//! Every accessor degrades to an empty/`None` result on malformed input, so nothing built on
//! them has to fail.

use serde_json::Value;

/// ADF nesting kept as structure, by the parser and by every writer; deeper subtrees degrade
/// to their plain text, so recursion stays bounded on hostile input.
pub const MAX_DEPTH: usize = 48;

/// The node's `type`, or `""` when missing or not a string.
pub(in crate::text) fn kind(node: &Value) -> &str {
    node.get("type").and_then(Value::as_str).unwrap_or("")
}

/// The node's `content` array, or an empty slice. A bare array (malformed content nested in
/// content) is its own children, so its text is never lost.
pub(in crate::text) fn children(node: &Value) -> &[Value] {
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
pub(in crate::text) fn marks(node: &Value) -> &[Value] {
    node.get("marks")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// A string attribute of the node (`attrs.<key>`).
pub(in crate::text) fn attr_str<'a>(node: &'a Value, key: &str) -> Option<&'a str> {
    node.get("attrs")?.get(key)?.as_str()
}

/// A string attribute that is not blank.
pub(in crate::text) fn attr_text<'a>(node: &'a Value, key: &str) -> Option<&'a str> {
    attr_str(node, key).filter(|s| !s.trim().is_empty())
}

/// An integer attribute of the node, accepting numbers and numeric strings.
pub(in crate::text) fn attr_int(node: &Value, key: &str) -> Option<i64> {
    let value = node.get("attrs")?.get(key)?;
    match value {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The node's own `text` field (text nodes and some unknown nodes).
pub(in crate::text) fn own_text(node: &Value) -> Option<&str> {
    node.get("text").and_then(Value::as_str)
}

/// Whether a node is an inline node (lives inside paragraphs); bare strings count as text.
pub(in crate::text) fn is_inline(node: &Value) -> bool {
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

/// URL of an inline/block/embed card: a non-blank `attrs.url`, else `attrs.data.url`, else
/// `attrs.data.name` (JSON-LD cards).
pub(in crate::text) fn card_url(node: &Value) -> Option<&str> {
    attr_text(node, "url").or_else(|| {
        let data = node.get("attrs")?.get("data")?;
        ["url", "name"].iter().find_map(|key| {
            data.get(*key)
                .and_then(Value::as_str)
                .filter(|s| !s.trim().is_empty())
        })
    })
}

/// Display text of an emoji: its unicode `text`, else its `shortName`, else `""`.
pub(in crate::text) fn emoji_text(node: &Value) -> &str {
    attr_text(node, "text")
        .or_else(|| attr_text(node, "shortName"))
        .unwrap_or("")
}

/// Display name of a mention without the leading `@` (falls back to the id, then `""`).
pub(in crate::text) fn mention_name(node: &Value) -> &str {
    match attr_str(node, "text").map(|t| t.trim().trim_start_matches('@')) {
        Some(t) if !t.is_empty() => t,
        _ => attr_str(node, "id").unwrap_or(""),
    }
}

/// The `attrs.timestamp` of a date node (epoch milliseconds, a number or a numeric string) as
/// `yyyy-MM-dd`; any other value as its own text; `""` without one.
pub(in crate::text) fn date_text(node: &Value) -> String {
    let raw = node.get("attrs").and_then(|a| a.get("timestamp"));
    let millis = match raw {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    match (millis, raw) {
        (Some(ms), _) => format_epoch_day(ms.div_euclid(86_400_000)),
        (None, Some(Value::String(s))) => s.clone(),
        (None, Some(Value::Number(n))) => n.to_string(),
        _ => String::new(),
    }
}

/// Formats a count of days since 1970-01-01 as a proleptic Gregorian `yyyy-MM-dd` date
/// (civil-from-days arithmetic: total over every `i64` millisecond timestamp).
fn format_epoch_day(days: i64) -> String {
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

/// Best name for a media node: a non-blank `alt`, else `url` (external media), else `name`.
pub(in crate::text) fn media_name(node: &Value) -> Option<&str> {
    attr_text(node, "alt")
        .or_else(|| attr_text(node, "url"))
        .or_else(|| attr_text(node, "name"))
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
    }

    #[test]
    fn the_forgiving_choices_of_the_former_copies() {
        // Whitespace around a mention's text, a blank URL beside a JSON-LD one, a media node
        // named only by `name`, a timestamp that is not an integer: all keep their text.
        let m = json!({"attrs": {"id": "abc", "text": " @Bob "}});
        assert_eq!(mention_name(&m), "Bob");
        let c = json!({"attrs": {"url": " ", "data": {"url": 5, "name": "https://n.test"}}});
        assert_eq!(card_url(&c), Some("https://n.test"));
        assert_eq!(
            media_name(&json!({"attrs": {"name": "f.pdf"}})),
            Some("f.pdf")
        );
        let d = json!({"attrs": {"timestamp": 1.5}});
        assert_eq!(date_text(&d), "1.5");
    }
}
