//! Inline Jira wiki markup: `*bold*`, `_italic_`, `-strike-`, `+underline+`, `^sup^`, `~sub~`,
//! `??cite??`, `{{mono}}`, `{color:x}…{color}`, links, mentions, images, emoticons, `\\` breaks
//! and `\` escapes.
//!
//! Phrase markers follow Jira's word-boundary rule: an opening marker is not preceded by a
//! letter or digit and is followed by a non-space; a closing marker is preceded by a non-space
//! and not followed by a letter or digit; both lie on one line. So `a-b-c` and `2*3*4` stay
//! text. Searches for closers use precomputed positions and bounded scans, so hostile input
//! stays linear-ish.

use super::model::{Inline, Marks, parse_color};
use super::wiki_text::{EMOTICONS, Out, aliased, image_name, is_url, marked_by};

/// Phrase nesting kept as formatting; deeper markers are literal.
const MAX_NESTING: usize = 12;
/// How far (in characters) a search for a closing `]`, `}}`, `!` or `{color}` looks before
/// giving up, so hostile input (`[[[[…`) stays linear.
const SCAN_LIMIT: usize = 4096;
/// How many candidate positions a search checks before giving up.
const SCAN_CANDIDATES: usize = 64;

/// The phrase markers and what they switch on.
const MARKERS: [char; 6] = ['*', '_', '-', '+', '^', '~'];

/// Parses one paragraph (lines separated by `\n`, which become hard breaks).
pub(super) fn parse_inline(text: &str) -> Vec<Inline> {
    let chars: Vec<char> = text.chars().collect();
    let parser = Parser::new(&chars);
    let mut out = Out::default();
    parser.parse(0, chars.len(), Marks::default(), 0, &mut out);
    out.finish()
}

struct Parser<'a> {
    chars: &'a [char],
    /// Valid closing positions of each marker in `MARKERS`, ascending.
    closers: [Vec<usize>; 6],
    /// Positions of line breaks, ascending.
    newlines: Vec<usize>,
    /// Positions of the characters that start closing patterns (`]`, `}`, `!`, `?`, `{`).
    anchors: [(char, Vec<usize>); 5],
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

impl<'a> Parser<'a> {
    fn new(chars: &'a [char]) -> Self {
        let mut closers: [Vec<usize>; 6] = Default::default();
        let mut newlines = Vec::new();
        let mut anchors = [']', '}', '!', '?', '{'].map(|c| (c, Vec::new()));
        for (i, &c) in chars.iter().enumerate() {
            if c == '\n' {
                newlines.push(i);
            }
            if let Some((_, list)) = anchors.iter_mut().find(|(a, _)| *a == c) {
                list.push(i);
            }
            if let Some(m) = MARKERS.iter().position(|&m| m == c) {
                let prev = i.checked_sub(1).map(|p| chars[p]);
                let next = chars.get(i + 1).copied();
                if !is_space(prev) && prev != Some(c) && prev != Some('\\') && !is_word(next) {
                    closers[m].push(i);
                }
            }
        }
        Parser {
            chars,
            closers,
            newlines,
            anchors,
        }
    }

    fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn prev(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|p| self.at(p))
    }

    /// Whether `pat` starts at `i` (ASCII case-insensitive).
    fn starts(&self, i: usize, pat: &str) -> bool {
        let mut k = i;
        for p in pat.chars() {
            match self.at(k) {
                Some(c) if c.eq_ignore_ascii_case(&p) => k += 1,
                _ => return false,
            }
        }
        true
    }

    /// First position in `from..end` where `pat` starts (not past a line break when
    /// `same_line`). Candidates come from precomputed positions, and the search gives up after
    /// [`SCAN_LIMIT`] characters, so hostile input (`[[[[…`) stays fast.
    fn find(&self, from: usize, end: usize, pat: &str, same_line: bool) -> Option<usize> {
        let first = pat.chars().next()?;
        let len = pat.chars().count();
        let mut stop = end.min(from.saturating_add(SCAN_LIMIT));
        if same_line {
            let n = self.newlines.partition_point(|&p| p < from);
            if let Some(&newline) = self.newlines.get(n) {
                stop = stop.min(newline);
            }
        }
        let (_, list) = self.anchors.iter().find(|(c, _)| *c == first)?;
        let start = list.partition_point(|&p| p < from);
        list[start..]
            .iter()
            .take_while(|&&k| k < stop)
            .take(SCAN_CANDIDATES)
            .find(|&&k| k + len <= end && self.starts(k, pat))
            .copied()
    }

    fn slice(&self, from: usize, to: usize) -> String {
        self.chars[from..to].iter().collect()
    }

    fn parse(&self, start: usize, end: usize, marks: Marks, depth: usize, out: &mut Out) {
        let mut i = start;
        while i < end {
            let c = self.chars[i];
            let next = self.at(i + 1).filter(|_| i + 1 < end);
            match c {
                '\\' => match next {
                    Some('\\') => {
                        out.push(Inline::HardBreak);
                        i += 2;
                    }
                    Some(n) => {
                        out.text(n.encode_utf8(&mut [0; 4]), marks);
                        i += 2;
                    }
                    None => {
                        out.text("\\", marks);
                        i += 1;
                    }
                },
                '\n' => {
                    out.push(Inline::HardBreak);
                    i += 1;
                }
                '{' if next == Some('{') => {
                    if let Some(j) = self.find(i + 2, end, "}}", false) {
                        let code = Marks {
                            code: true,
                            ..marks
                        };
                        out.text(&self.slice(i + 2, j), code);
                        i = j + 2;
                    } else {
                        out.text("{{", marks);
                        i += 2;
                    }
                }
                '{' if self.starts(i, "{color") => i = self.color(i, end, marks, depth, out),
                '{' if let Some(j) = self.braced(i, end, marks, depth, out) => i = j,
                '[' => i = self.link(i, end, marks, depth, out),
                '!' => i = self.image(i, end, marks, out),
                _ => i = self.other(i, end, marks, depth, out),
            }
        }
    }

    /// `{color:x}…{color}`; a lone tag is dropped (it is markup, not text).
    fn color(&self, i: usize, end: usize, marks: Marks, depth: usize, out: &mut Out) -> usize {
        if self.starts(i, "{color}") {
            return i + "{color}".len();
        }
        let close = if self.starts(i, "{color:") {
            self.find(i, end, "}", true)
        } else {
            None
        };
        let Some(close) = close else {
            out.text("{", marks);
            return i + 1;
        };
        let param = self.slice(i + "{color:".len(), close);
        if depth >= MAX_NESTING {
            return close + 1;
        }
        let body = close + 1;
        let stop = self.find(body, end, "{color}", false).unwrap_or(end);
        let coloured = Marks {
            color: parse_color(&param).or(marks.color),
            ..marks
        };
        self.parse(body, stop, coloured, depth + 1, out);
        (stop + "{color}".len()).min(end)
    }

    /// `{*}bold{*}` (and `{_}`, `{-}`…): a phrase marker in braces, which needs no word
    /// boundary (`CO{~}2{~}`). Where it starts a phrase, the position after it.
    fn braced(
        &self,
        i: usize,
        end: usize,
        marks: Marks,
        depth: usize,
        out: &mut Out,
    ) -> Option<usize> {
        let c = self.at(i + 1).filter(|c| MARKERS.contains(c))?;
        if self.at(i + 2) != Some('}') || depth >= MAX_NESTING {
            return None;
        }
        let tag = format!("{{{c}}}");
        let close = self.find(i + 3, end, &tag, true)?;
        self.parse(i + 3, close, marked_by(c, marks), depth + 1, out);
        Some(close + 3)
    }

    /// `[text|url]`, `[url]`, `[~user]`, `[^attachment]`; anything else stays literal.
    fn link(&self, i: usize, end: usize, marks: Marks, depth: usize, out: &mut Out) -> usize {
        let Some(close) = self.find(i + 1, end, "]", true) else {
            out.text("[", marks);
            return i + 1;
        };
        let inner = self.slice(i + 1, close);
        let parts: Vec<&str> = inner.split('|').map(str::trim).collect();
        // `[target]`, `[alias|target]`, or `[alias|url|tooltip]` (the tooltip is not shown).
        let (alias, target) = match parts.as_slice() {
            [target] => (None, *target),
            [alias, target] => (Some(*alias), *target),
            [alias, target, _] if is_url(target) => (Some(*alias), *target),
            _ => (None, ""),
        };
        if target.is_empty() {
            out.text("[", marks);
            return i + 1;
        }
        if let Some(user) = target.strip_prefix('~').filter(|u| !u.trim().is_empty()) {
            let user = user.trim();
            let account_id = user.to_ascii_lowercase().starts_with("accountid:");
            out.push(Inline::Mention {
                name: aliased(alias, user, account_id),
            });
        } else if let Some(file) = target.strip_prefix('^').filter(|f| !f.trim().is_empty()) {
            out.push(Inline::Attachment {
                name: aliased(alias, file.trim(), false),
            });
        } else if alias.is_some_and(|a| !a.is_empty()) || is_url(target) {
            // `[alias|target]` links whatever the target (an issue key, a page); a bare
            // `[target]` only when it is a URL.
            let mut content = Out::default();
            if alias.is_some_and(|a| !a.is_empty()) && depth < MAX_NESTING {
                let alias_end = i + 1 + inner.split('|').next().map_or(0, |a| a.chars().count());
                self.parse(i + 1, alias_end, marks, depth + 1, &mut content);
            } else {
                content.text(alias.filter(|a| !a.is_empty()).unwrap_or(target), marks);
            }
            out.push(Inline::Link {
                url: target.to_string(),
                content: content.finish(),
            });
        } else {
            out.text("[", marks);
            return i + 1;
        }
        close + 1
    }

    /// `!file.png!` and `!file.png|thumbnail!` as an inline attachment.
    fn image(&self, i: usize, end: usize, marks: Marks, out: &mut Out) -> usize {
        let image = self.find(i + 1, end, "!", true).and_then(|close| {
            let inner = self.slice(i + 1, close);
            image_name(&inner).map(|name| (close, name.to_string()))
        });
        match image {
            Some((close, name)) => {
                out.push(Inline::Attachment { name });
                close + 1
            }
            None => {
                out.text("!", marks);
                i + 1
            }
        }
    }

    /// Phrase markers, emoticons, bare URLs and plain characters.
    fn other(&self, i: usize, end: usize, marks: Marks, depth: usize, out: &mut Out) -> usize {
        let c = self.chars[i];
        let prev = self.prev(i);
        if let Some(next) = self.emoticon(i, end, is_word(prev), out) {
            return next;
        }
        if !is_word(prev)
            && (c == 'h' || c == 'H')
            && (self.starts(i, "http://") || self.starts(i, "https://"))
        {
            return self.bare_url(i, end, marks, out);
        }
        if depth < MAX_NESTING
            && let Some((close, width, on)) = self.phrase(i, end, marks)
        {
            self.parse(i + width, close, on, depth + 1, out);
            return close + width;
        }
        out.text(c.encode_utf8(&mut [0; 4]), marks);
        i + 1
    }

    /// A phrase opening at `i`: its closer, the marker width and the marks inside.
    fn phrase(&self, i: usize, end: usize, marks: Marks) -> Option<(usize, usize, Marks)> {
        let c = self.chars[i];
        if is_word(self.prev(i)) {
            return None;
        }
        if c == '?' && self.at(i + 1) == Some('?') {
            let after = self.at(i + 2);
            if is_space(after) || after == Some('?') {
                return None;
            }
            let close = self.find(i + 3, end, "??", true)?;
            if is_space(self.prev(close)) || is_word(self.at(close + 2)) {
                return None;
            }
            let on = Marks {
                italic: true,
                ..marks
            };
            return Some((close, 2, on));
        }
        let m = MARKERS.iter().position(|&x| x == c)?;
        let next = self.at(i + 1);
        if is_space(next) || next == Some(c) {
            return None;
        }
        let list = &self.closers[m];
        let from = list.partition_point(|&p| p <= i + 1);
        let close = *list.get(from)?;
        let newline = self.newlines.partition_point(|&p| p < i);
        if close >= end || self.newlines.get(newline).is_some_and(|&p| p < close) {
            return None;
        }
        Some((close, 1, marked_by(c, marks)))
    }

    /// An emoticon at `i`; after a letter or digit only the punctuation ones (`:)`) count,
    /// so `f(x)` stays text.
    fn emoticon(&self, i: usize, end: usize, after_word: bool, out: &mut Out) -> Option<usize> {
        for (pat, emoji) in EMOTICONS {
            let len = pat.len();
            if after_word && pat.chars().any(char::is_alphanumeric) {
                continue;
            }
            if i + len <= end && self.starts(i, pat) && !is_word(self.at(i + len)) {
                let exact = pat.chars().zip(&self.chars[i..]).all(|(p, c)| p == *c);
                if exact {
                    out.push(Inline::Emoji {
                        text: emoji.to_string(),
                    });
                    return Some(i + len);
                }
            }
        }
        None
    }

    fn bare_url(&self, i: usize, end: usize, marks: Marks, out: &mut Out) -> usize {
        let mut j = i;
        while j < end && !self.chars[j].is_whitespace() && !matches!(self.chars[j], '|' | ']' | '[')
        {
            j += 1;
        }
        while j > i && matches!(self.chars[j - 1], '.' | ',' | ';' | ':' | ')' | '!' | '?') {
            j -= 1;
        }
        let url = self.slice(i, j);
        if url.ends_with("://") {
            out.text(&url, marks);
        } else {
            out.push(Inline::Link {
                url: url.clone(),
                content: vec![Inline::Text { text: url, marks }],
            });
        }
        j.max(i + 1)
    }
}
