//! Small pieces of inline wiki parsing: the output buffer, the emoticon table, and what counts
//! as a URL or an image.

use super::model::{Inline, Marks};

/// Emoticons and their emoji (all double-width, no variation selectors).
pub(super) const EMOTICONS: [(&str, &str); 19] = [
    (":)", "🙂"),
    (":(", "🙁"),
    (":P", "😛"),
    (":p", "😛"),
    (":D", "😀"),
    (";)", "😉"),
    ("(y)", "👍"),
    ("(n)", "👎"),
    ("(i)", "💡"),
    ("(/)", "✅"),
    ("(x)", "❌"),
    ("(!)", "❗"),
    ("(?)", "❓"),
    ("(*)", "⭐"),
    ("(+)", "➕"),
    ("(-)", "➖"),
    ("(on)", "💡"),
    ("(off)", "🌑"),
    ("<3", "💖"),
];

/// Output under construction: finished inlines plus the pending text run.
#[derive(Default)]
pub(super) struct Out {
    inlines: Vec<Inline>,
    buf: String,
    marks: Marks,
}

impl Out {
    pub(super) fn text(&mut self, s: &str, marks: Marks) {
        if marks != self.marks {
            self.flush();
            self.marks = marks;
        }
        self.buf.push_str(s);
    }

    pub(super) fn flush(&mut self) {
        if !self.buf.is_empty() {
            self.inlines.push(Inline::Text {
                text: std::mem::take(&mut self.buf),
                marks: self.marks,
            });
        }
    }

    pub(super) fn push(&mut self, inline: Inline) {
        self.flush();
        self.inlines.push(inline);
    }

    pub(super) fn finish(mut self) -> Vec<Inline> {
        self.flush();
        self.inlines
    }
}

/// The name shown for `[~user]`, `[alias|~user]`, `[^file]` or `[alias|^file]`. Jira shows
/// the alias as a link to the profile or the file; with nothing to point at, a name the alias
/// does not already say goes beside it in parentheses, so neither is lost. An account id is
/// not a name (`hidden`) and is not shown beside an alias.
pub(super) fn aliased(alias: Option<&str>, name: &str, hidden: bool) -> String {
    let alias = alias.map(|a| a.trim_start_matches('@').trim());
    match alias.filter(|a| !a.is_empty()) {
        None => name.to_string(),
        Some(alias) if hidden || alias.eq_ignore_ascii_case(name) => alias.to_string(),
        Some(alias) => format!("{alias} ({name})"),
    }
}

/// The marks inside a phrase marker: `*` bold, `_` italic, `-` strike, `+` underline,
/// `^` superscript, `~` subscript.
pub(super) fn marked_by(marker: char, marks: Marks) -> Marks {
    let mut on = marks;
    match marker {
        '*' => on.bold = true,
        '_' => on.italic = true,
        '-' => on.strike = true,
        '+' => on.underline = true,
        '^' => on.sup = true,
        _ => on.sub = true,
    }
    on
}

/// Whether a link target is something a browser can open.
pub(super) fn is_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    (lower.contains("://") && !lower.starts_with("://"))
        || lower.starts_with("mailto:")
        || lower.starts_with("www.")
}

/// The file name in the inside of `!name!` or `!name|thumbnail!` / `!name|width=300,align=right!`,
/// if it is one: no surrounding spaces, a file extension or a URL, and only image parameters
/// (`thumbnail`, `key=value`) after the `|`.
pub(super) fn image_name(inner: &str) -> Option<&str> {
    let (name, params) = match inner.split_once('|') {
        Some((name, params)) => (name, Some(params)),
        None => (inner, None),
    };
    let named = !name.is_empty()
        && name.trim() == name
        && !name.contains('\n')
        && (name.contains("://")
            || name.rsplit_once('.').is_some_and(|(stem, ext)| {
                !stem.is_empty()
                    && (1..=5).contains(&ext.len())
                    && ext.chars().all(|c| c.is_ascii_alphanumeric())
            }));
    let params_ok = params.is_none_or(|p| {
        p.split(',').map(str::trim).all(|item| {
            item.eq_ignore_ascii_case("thumbnail")
                || item.split_once('=').is_some_and(|(key, value)| {
                    !key.is_empty()
                        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                        && !value.contains(|c: char| c.is_whitespace() || "[]{}|!".contains(c))
                })
        })
    });
    (named && params_ok).then_some(name)
}
