//! Escaping of plain text for Jira wiki markup, and emoji → emoticon mapping.

/// A forced line break for places that must stay on one line (table
/// cells, list items, headings). The trailing space keeps `\\` from
/// swallowing a following escape or effect marker.
pub(in crate::text) const BREAK: &str = "\\\\ ";

/// Characters that always need a backslash in wiki text.
const ALWAYS: [char; 5] = ['{', '}', '[', ']', '|'];

/// Text-effect characters that are only special when they pair up.
const EFFECTS: [char; 7] = ['*', '_', '-', '+', '^', '~', '!'];

/// Wiki emoticons that plain text could accidentally spell.
const EMOTICONS: [&str; 24] = [
    ":)",
    ":(",
    ":P",
    ":p",
    ":D",
    ";)",
    "(y)",
    "(n)",
    "(i)",
    "(/)",
    "(x)",
    "(!)",
    "(+)",
    "(-)",
    "(?)",
    "(on)",
    "(off)",
    "(*)",
    "(*r)",
    "(*g)",
    "(*b)",
    "(*y)",
    "(flag)",
    "(flagoff)",
];

/// The Jira wiki emoticon for an ADF emoji short name, if one exists.
pub(super) fn emoticon(short_name: &str) -> Option<&'static str> {
    let name = short_name.trim_matches(':');
    Some(match name {
        "smile" | "slight_smile" | "smiley" | "blush" | "relaxed" => ":)",
        "disappointed" | "frowning" | "slight_frown" | "frowning2" | "worried" => ":(",
        "stuck_out_tongue" | "yum" => ":P",
        "grinning" | "grin" | "laughing" | "joy" => ":D",
        "wink" => ";)",
        "thumbsup" | "+1" | "thumbs_up" => "(y)",
        "thumbsdown" | "-1" | "thumbs_down" => "(n)",
        "information_source" | "info" => "(i)",
        "white_check_mark" | "heavy_check_mark" | "check_mark" | "tick" => "(/)",
        "x" | "cross_mark" | "negative_squared_cross_mark" => "(x)",
        "warning" | "exclamation" | "heavy_exclamation_mark" => "(!)",
        "heavy_plus_sign" | "plus" => "(+)",
        "heavy_minus_sign" | "minus" => "(-)",
        "question" | "grey_question" => "(?)",
        "bulb" | "light_bulb_on" => "(on)",
        "light_bulb_off" => "(off)",
        "star" | "star2" => "(*)",
        "triangular_flag_on_post" | "flag_on" => "(flag)",
        "flag_off" => "(flagoff)",
        _ => return None,
    })
}

/// Decides per character whether a pairable effect character must be escaped.
fn effect_escapes(chars: &[char]) -> Vec<bool> {
    let mut escape = vec![false; chars.len()];
    for effect in EFFECTS {
        let mut opener_seen = false;
        let mut paired = false;
        let mut candidates = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            if c != effect {
                continue;
            }
            let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let next = chars.get(i + 1).copied();
            let opener = prev.is_none_or(|p| !p.is_alphanumeric())
                && next.is_some_and(|n| !n.is_whitespace());
            let closer = prev.is_some_and(|p| !p.is_whitespace())
                && next.is_none_or(|n| !n.is_alphanumeric());
            if closer && opener_seen {
                paired = true;
            }
            if opener {
                opener_seen = true;
            }
            if opener || closer {
                candidates.push(i);
            }
        }
        if paired {
            for i in candidates {
                if let Some(flag) = escape.get_mut(i) {
                    *flag = true;
                }
            }
        }
    }
    // "--" and "---" become dashes, "----" a rule.
    for i in 0..chars.len() {
        let dash_next = chars.get(i + 1) == Some(&'-');
        let dash_prev = i > 0 && chars.get(i - 1) == Some(&'-');
        if chars.get(i) == Some(&'-')
            && (dash_next || dash_prev)
            && let Some(flag) = escape.get_mut(i)
        {
            *flag = true;
        }
    }
    // Emoticons: escape their first character.
    for i in 0..chars.len() {
        let rest: String = chars.iter().skip(i).take(9).collect();
        if EMOTICONS.iter().any(|e| rest.starts_with(e))
            && let Some(flag) = escape.get_mut(i)
        {
            *flag = true;
        }
    }
    escape
}

/// Index of the character to escape so a line is not read as a list,
/// heading (`h1.` → `h1\.`) or quote (`bq.`), if any.
fn line_start_markup(chars: &[char]) -> Option<usize> {
    let markers = chars
        .iter()
        .take_while(|c| matches!(c, '*' | '#' | '-'))
        .count();
    if markers > 0 {
        return chars
            .get(markers)
            .is_none_or(|c| c.is_whitespace())
            .then_some(0);
    }
    let heading = chars.first() == Some(&'h')
        && chars.get(1).is_some_and(|c| ('1'..='6').contains(c))
        && chars.get(2) == Some(&'.');
    let quote = chars.starts_with(&['b', 'q', '.']);
    (heading || quote).then_some(2)
}

/// Escapes one line of plain text so Jira's wiki renderer shows it
/// literally. `line_start` says whether the text begins a rendered line.
fn escape_line(line: &str, line_start: bool) -> String {
    escape_segments(&[(line, true)], line_start)
}

/// Escapes one line made of pieces: plain text (`true`), escaped so it reads back literally,
/// and markup (`false`), kept as it is. Whether an effect character pairs up is decided over
/// the whole line, markup included, so text on both sides of a mention or a bold word cannot
/// pair into an effect. `line_start` says whether the line begins a rendered line.
pub(in crate::text) fn escape_segments(segments: &[(&str, bool)], line_start: bool) -> String {
    let mut chars = Vec::new();
    let mut plain = Vec::new();
    for (text, is_plain) in segments {
        for c in text.chars() {
            chars.push(c);
            plain.push(*is_plain);
        }
    }
    let escapes = effect_escapes(&chars);
    let mut out = String::with_capacity(chars.len() + 8);
    let start_markup = if line_start {
        line_start_markup(&chars)
    } else {
        None
    };
    for (i, &c) in chars.iter().enumerate() {
        let needs = plain.get(i).copied().unwrap_or(false)
            && (ALWAYS.contains(&c)
                || escapes.get(i).copied().unwrap_or(false)
                || start_markup == Some(i));
        if needs {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes plain text for wiki markup; embedded newlines are replaced by
/// `line_break` and each following line is treated as a line start when
/// `line_break` is a real newline.
pub(in crate::text) fn escape_wiki(text: &str, line_start: bool, line_break: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str(line_break);
        }
        let at_start = if i == 0 {
            line_start
        } else {
            line_break == "\n"
        };
        out.push_str(&escape_line(line, at_start));
    }
    out
}

/// Makes a URL safe inside `[text|url]` link syntax.
pub(in crate::text) fn link_target(url: &str) -> String {
    url.trim()
        .replace(' ', "%20")
        .replace('|', "%7C")
        .replace('[', "%5B")
        .replace(']', "%5D")
}

/// Makes a macro parameter value (panel title) safe inside `{macro:k=v|…}`.
pub(in crate::text) fn macro_param(value: &str) -> String {
    value
        .chars()
        .map(|c| match c {
            '|' => '/',
            '{' => '(',
            '}' => ')',
            '=' => ':',
            '\n' | '\r' => ' ',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str) -> String {
        escape_wiki(s, true, "\n")
    }

    #[test]
    fn plain_prose_is_untouched() {
        assert_eq!(
            esc("A user-friendly snake_case name, 2+2!"),
            "A user-friendly snake_case name, 2+2!"
        );
        assert_eq!(esc("Fix it!"), "Fix it!");
    }

    #[test]
    fn pairs_and_specials_are_escaped() {
        assert_eq!(esc("use *args here*"), "use \\*args here\\*");
        assert_eq!(esc("a [b] {c} d|e"), "a \\[b\\] \\{c\\} d\\|e");
        assert_eq!(esc("run --verbose"), "run \\-\\-verbose");
        assert_eq!(esc("ok (y) :)"), "ok \\(y) \\:)");
        assert_eq!(esc("!image.png!"), "\\!image.png\\!");
    }

    #[test]
    fn line_starts_are_escaped() {
        assert_eq!(esc("* not a list"), "\\* not a list");
        assert_eq!(esc("# not numbered"), "\\# not numbered");
        assert_eq!(esc("h1. not a heading"), "h1\\. not a heading");
        assert_eq!(esc("bq. no"), "bq\\. no");
        assert_eq!(escape_wiki("* x", false, "\n"), "* x");
        assert_eq!(esc("a\n# b"), "a\n\\# b");
        assert_eq!(escape_wiki("a\n# b", false, "\\\\"), "a\\\\# b");
    }

    #[test]
    fn emoticon_table() {
        assert_eq!(emoticon(":smile:"), Some(":)"));
        assert_eq!(emoticon(":thumbsup:"), Some("(y)"));
        assert_eq!(emoticon(":rocket:"), None);
    }

    #[test]
    fn helpers() {
        assert_eq!(
            link_target(" https://x.test/a b|c "),
            "https://x.test/a%20b%7Cc"
        );
        assert_eq!(macro_param("a|b{c}=d"), "a/b(c):d");
    }
}
