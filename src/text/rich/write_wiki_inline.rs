//! Inline content of the rich-text model → Jira wiki markup: text with its marks as effects
//! (`*bold*`, `{*}tight{*}`), links, mentions, line breaks, every plain character escaped
//! where wiki would read it as markup.

use super::model::{Inline, Marks, inline_text};
use super::write_adf::MentionIds;
use crate::text::adf::wiki_escape::{BREAK, escape_segments, link_target};

/// One piece of a line: its text, and whether it is plain text (escaped) or markup.
type Segment = (String, bool);

/// Writes inlines. `line_break` is what a hard break becomes: `"\n"` (a new line, each one a
/// line start) or [`BREAK`] (where everything must stay on one line). `line_start` says whether
/// the text begins a line.
pub(super) fn inlines(
    content: &[Inline],
    ids: MentionIds<'_>,
    line_break: &str,
    line_start: bool,
) -> String {
    let mut lines: Vec<Vec<Segment>> = vec![Vec::new()];
    let flat = split_lines(content);
    for (i, inline) in flat.iter().enumerate() {
        let next = flat.get(i + 1).and_then(first_char);
        let Some(line) = lines.last_mut() else {
            break;
        };
        if matches!(inline, Inline::HardBreak) {
            if line_break == "\n" {
                lines.push(Vec::new());
            } else {
                line.push((BREAK.to_string(), false));
            }
            continue;
        }
        write(inline, next, ids, line);
    }
    lines
        .iter()
        .enumerate()
        .map(|(i, segments)| {
            let borrowed: Vec<(&str, bool)> =
                segments.iter().map(|(s, p)| (s.as_str(), *p)).collect();
            escape_segments(&borrowed, i > 0 || line_start)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The inlines with each `\n` inside a text made a hard break (links keep theirs inside).
fn split_lines(content: &[Inline]) -> Vec<Inline> {
    let mut out = Vec::new();
    for inline in content {
        match inline {
            Inline::Text { text, marks } if text.contains('\n') => {
                for (i, part) in text.split('\n').enumerate() {
                    if i > 0 {
                        out.push(Inline::HardBreak);
                    }
                    if !part.is_empty() {
                        out.push(Inline::Text {
                            text: part.to_string(),
                            marks: *marks,
                        });
                    }
                }
            }
            other => out.push(other.clone()),
        }
    }
    out
}

/// The first character an inline puts out (near enough to decide `*x*` or `{*}x{*}`).
fn first_char(inline: &Inline) -> Option<char> {
    match inline {
        Inline::Text { text, .. } => text.chars().next(),
        Inline::HardBreak => Some(' '),
        Inline::Link { .. } | Inline::Mention { .. } | Inline::SmartLink { .. } => Some('['),
        other => inline_text(std::slice::from_ref(other)).chars().next(),
    }
}

fn plain(line: &mut Vec<Segment>, text: &str) {
    if !text.is_empty() {
        line.push((text.to_string(), true));
    }
}

fn markup(line: &mut Vec<Segment>, text: &str) {
    line.push((text.to_string(), false));
}

fn last_char(line: &[Segment]) -> Option<char> {
    line.iter().rev().find_map(|(s, _)| s.chars().last())
}

fn write(inline: &Inline, next: Option<char>, ids: MentionIds<'_>, line: &mut Vec<Segment>) {
    match inline {
        Inline::Text { text, marks } => marked(text, marks, next, line),
        Inline::Link { url, content } => {
            let text = inline_text(content);
            if content.is_empty() || text == *url {
                markup(line, &format!("[{}]", link_target(url)));
                return;
            }
            markup(line, "[");
            // The alias is read as markup too; a link inside a link keeps only its text.
            let content = split_lines(&unlinked(content));
            for (i, inner) in content.iter().enumerate() {
                match inner {
                    Inline::HardBreak => markup(line, BREAK),
                    other => write(other, content.get(i + 1).and_then(first_char), ids, line),
                }
            }
            markup(line, &format!("|{}]", link_target(url)));
        }
        Inline::Mention { name } => match ids(name).filter(|id| safe_user(id)) {
            Some(id) => markup(line, &format!("[~{id}]")),
            None => plain(line, &format!("@{name}")),
        },
        Inline::SmartLink { url } => markup(line, &format!("[{}]", link_target(url))),
        Inline::Emoji { text } | Inline::Date { text } | Inline::Status { text, .. } => {
            plain(line, text);
        }
        Inline::Attachment { name } => plain(line, name),
        Inline::HardBreak => markup(line, BREAK),
    }
}

/// Whether a username can stand in `[~…]` as it is.
fn safe_user(id: &str) -> bool {
    !id.trim().is_empty() && !id.contains(['[', ']', '|', '{', '}', '\n', '\r'])
}

/// Links inside a link's text become their text.
fn unlinked(content: &[Inline]) -> Vec<Inline> {
    content
        .iter()
        .flat_map(|inline| match inline {
            Inline::Link { content, .. } => unlinked(content),
            other => vec![other.clone()],
        })
        .collect()
}

/// Text with its marks; surrounding spaces go outside the markers (Jira ignores `* bold*`).
fn marked(text: &str, marks: &Marks, next: Option<char>, line: &mut Vec<Segment>) {
    let core = text.trim();
    let wrappers = wrappers(marks);
    if core.is_empty() || wrappers.is_empty() {
        plain(line, text);
        return;
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    plain(line, lead);
    let next = if trail.is_empty() { next } else { Some(' ') };
    let tight = last_char(line).is_some_and(char::is_alphanumeric)
        || next.is_some_and(char::is_alphanumeric);
    for (open, _) in wrappers.iter().rev() {
        markup(line, &open.form(tight));
    }
    plain(line, core);
    for (_, close) in &wrappers {
        markup(line, &close.form(tight));
    }
    plain(line, trail);
}

/// A marker around marked text.
enum Marker {
    /// A one-character effect (`*`, `_`…), written `{*}` when it touches a word.
    Effect(char),
    /// Written as it is (`{{`, `{color:…}`).
    Fixed(String),
}

impl Marker {
    fn form(&self, tight: bool) -> String {
        match self {
            Marker::Effect(c) if tight => format!("{{{c}}}"),
            Marker::Effect(c) => c.to_string(),
            Marker::Fixed(s) => s.clone(),
        }
    }
}

/// Opening and closing markers for the marks, innermost first.
fn wrappers(marks: &Marks) -> Vec<(Marker, Marker)> {
    let mut out = Vec::new();
    if marks.code {
        out.push((Marker::Fixed("{{".into()), Marker::Fixed("}}".into())));
    }
    for (on, c) in [
        (marks.sub, '~'),
        (marks.sup, '^'),
        (marks.strike, '-'),
        (marks.underline, '+'),
        (marks.italic, '_'),
        (marks.bold, '*'),
    ] {
        if on {
            out.push((Marker::Effect(c), Marker::Effect(c)));
        }
    }
    if let Some((r, g, b)) = marks.color {
        let open = format!("{{color:#{r:02x}{g:02x}{b:02x}}}");
        out.push((Marker::Fixed(open), Marker::Fixed("{color}".into())));
    }
    out
}
