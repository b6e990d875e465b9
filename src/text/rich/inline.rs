//! Inline layout: inlines → styled, sanitised clusters → rows word-wrapped by display width.
//!
//! Text is cut into clusters (a character plus the zero-width characters that follow it, and
//! anything joined by a zero-width joiner) measured with unicode-width, so emoji sequences and
//! combining marks are never split. Wide (CJK, emoji) clusters may break anywhere.

use ratatui::style::{Color, Modifier, Style};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::layout::Ctx;
use super::model::{Inline, Marks};
use super::numbering::{MAX_PARAGRAPH_CHARS, Room, inline_chars};
use super::row::Row;
use super::theme::Theme;
use crate::text::{sanitize, sanitize_line};

/// The smallest piece of laid-out text.
#[derive(Debug, Clone)]
pub(super) enum Atom {
    /// Visible text that is not a space.
    Cluster {
        text: String,
        width: usize,
        style: Style,
        link: Option<usize>,
    },
    /// A space (wrapping may drop it).
    Space(Style),
    /// A forced line break.
    Break,
}

impl Atom {
    fn width(&self) -> usize {
        match self {
            Atom::Cluster { width, .. } => *width,
            Atom::Space(_) => 1,
            Atom::Break => 0,
        }
    }

    fn is_word(&self) -> bool {
        matches!(self, Atom::Cluster { .. })
    }

    fn is_wide(&self) -> bool {
        self.width() > 1
    }
}

/// Appends sanitised `text` as atoms; `\n` becomes a break.
pub(super) fn push_text(atoms: &mut Vec<Atom>, text: &str, style: Style, link: Option<usize>) {
    let clean = sanitize(text);
    let mut cluster = String::new();
    let mut joined = false;
    let flush = |cluster: &mut String, atoms: &mut Vec<Atom>| {
        if !cluster.is_empty() {
            let text = std::mem::take(cluster);
            atoms.push(Atom::Cluster {
                width: text.width(),
                text,
                style,
                link,
            });
        }
    };
    for c in clean.chars() {
        let zero = c.width().unwrap_or(0) == 0;
        if (zero || joined) && !cluster.is_empty() && c != '\n' {
            cluster.push(c);
            joined = c == '\u{200d}';
            continue;
        }
        flush(&mut cluster, atoms);
        joined = false;
        match c {
            '\n' => atoms.push(Atom::Break),
            ' ' => atoms.push(Atom::Space(style)),
            _ => {
                cluster.push(c);
                joined = c == '\u{200d}';
            }
        }
    }
    flush(&mut cluster, atoms);
}

/// The style of text with `marks`, on top of `base`.
fn mark_style(marks: &Marks, base: Style, theme: &Theme) -> Style {
    let mut style = base;
    if marks.code {
        style = style.patch(theme.code);
    }
    let mods = [
        (marks.bold, Modifier::BOLD),
        (marks.italic, Modifier::ITALIC),
        (marks.strike, Modifier::CROSSED_OUT),
        (marks.underline, Modifier::UNDERLINED),
    ];
    for (on, modifier) in mods {
        if on {
            style = style.add_modifier(modifier);
        }
    }
    if let Some((r, g, b)) = marks.color {
        style = style.fg(Color::Rgb(r, g, b));
    }
    style
}

/// Digits and signs as superscript or subscript characters; other text is unchanged.
fn shift_script(text: &str, sup: bool) -> String {
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    const SUB: [char; 10] = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];
    let convertible = |c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '(' | ')' | '=');
    if text.is_empty() || !text.chars().all(convertible) {
        return text.to_string();
    }
    text.chars()
        .map(|c| match (c, sup) {
            ('0'..='9', true) => SUP[c as usize - '0' as usize],
            ('0'..='9', false) => SUB[c as usize - '0' as usize],
            ('+', true) => '⁺',
            ('+', false) => '₊',
            ('-', true) => '⁻',
            ('-', false) => '₋',
            ('(', true) => '⁽',
            ('(', false) => '₍',
            (')', true) => '⁾',
            (')', false) => '₎',
            (_, true) => '⁼',
            (_, false) => '₌',
        })
        .collect()
}

/// Work for [`flatten`]: an inline (inside link `Option<usize>`), or the end of a link.
enum Entry<'a> {
    Inline(&'a Inline, Option<usize>),
    EndLink(usize),
}

/// Flattens inlines to atoms, numbering links (a `[n]` follows each link's text). Text stops
/// after [`MAX_PARAGRAPH_CHARS`] characters (a hostile paragraph may hold megabytes, and each
/// character is an atom until wrapped); the second value counts the characters left out.
pub(super) fn flatten(ctx: &mut Ctx<'_>, inlines: &[Inline], base: Style) -> (Vec<Atom>, usize) {
    let theme = ctx.theme;
    let mut atoms = Vec::new();
    let mut room = Room {
        left: MAX_PARAGRAPH_CHARS,
        left_out: 0,
    };
    // An explicit stack, so hand-built deeply nested links cannot overflow the call stack.
    let mut stack: Vec<Entry<'_>> = inlines
        .iter()
        .rev()
        .map(|i| Entry::Inline(i, None))
        .collect();
    while let Some(entry) = stack.pop() {
        // Links already begun still get their number.
        if room.left == 0 && matches!(entry, Entry::Inline(..)) {
            stack.push(entry);
            break;
        }
        let (inline, link) = match entry {
            Entry::Inline(inline, link) => (inline, link),
            Entry::EndLink(n) => {
                push_marker(&mut atoms, n, theme);
                continue;
            }
        };
        let link_style = |s: Style| {
            if link.is_some() {
                s.patch(theme.link)
            } else {
                s
            }
        };
        match inline {
            Inline::Text { text, marks } => {
                let style = link_style(mark_style(marks, base, theme));
                let kept = room.take(text);
                let text = if marks.sup || marks.sub {
                    shift_script(kept, marks.sup)
                } else {
                    kept.to_string()
                };
                push_text(&mut atoms, &text, style, link);
            }
            Inline::Link { url, content } => {
                let n = ctx.link_id(url);
                stack.push(Entry::EndLink(n));
                stack.extend(content.iter().rev().map(|i| Entry::Inline(i, Some(n))));
            }
            Inline::Mention { name } => {
                let text = format!("@{}", sanitize_line(room.take(name)));
                push_text(
                    &mut atoms,
                    &text,
                    link_style(base.patch(theme.mention)),
                    link,
                );
            }
            Inline::Emoji { text } => {
                push_text(
                    &mut atoms,
                    &sanitize_line(room.take(text)),
                    link_style(base),
                    link,
                );
            }
            Inline::Date { text } => {
                let style = link_style(base.patch(theme.date));
                push_text(&mut atoms, &sanitize_line(room.take(text)), style, link);
            }
            Inline::Status { text, color } => {
                let text = format!("[{}]", sanitize_line(room.take(text)).trim().to_uppercase());
                let style = base.patch(theme.statuses[*color as usize]);
                push_text(&mut atoms, &text, style, link);
            }
            Inline::SmartLink { url } => {
                // A card stands apart from the text before it.
                if matches!(atoms.last(), Some(Atom::Cluster { .. })) {
                    atoms.push(Atom::Space(base));
                }
                let n = ctx.link_id(url);
                push_text(
                    &mut atoms,
                    &sanitize_line(room.take(url)),
                    base.patch(theme.link),
                    Some(n),
                );
                push_marker(&mut atoms, n, theme);
            }
            Inline::Attachment { name } => {
                let text = format!("📎\u{a0}{}", sanitize_line(room.take(name)));
                push_text(&mut atoms, &text, link_style(base.patch(theme.muted)), link);
            }
            Inline::HardBreak => atoms.push(Atom::Break),
        }
    }
    // What the cut left: counted, not laid out.
    for entry in stack {
        if let Entry::Inline(inline, _) = entry {
            room.left_out += inline_chars(inline);
        }
    }
    fix_joined_widths(&mut atoms);
    (atoms, room.left_out)
}

/// A cluster that starts with a zero-width character (a variation selector or joiner that
/// landed in a differently styled run) can change the width of the cluster before it (`*`
/// + U+FE0F is two columns); count that change against it.
fn fix_joined_widths(atoms: &mut [Atom]) {
    for i in 1..atoms.len() {
        let (before, after) = atoms.split_at_mut(i);
        let (Some(Atom::Cluster { text: prev, .. }), Some(Atom::Cluster { text, width, .. })) =
            (before.last(), after.first_mut())
        else {
            continue;
        };
        if text
            .chars()
            .next()
            .is_some_and(|c| c.width().unwrap_or(0) == 0)
        {
            let joined = format!("{prev}{text}").width();
            *width = joined.saturating_sub(prev.width()).max(text.width());
        }
    }
}

fn push_marker(atoms: &mut Vec<Atom>, n: usize, theme: &Theme) {
    let text = format!("[{}]", n + 1);
    atoms.push(Atom::Cluster {
        width: text.width(),
        text,
        style: theme.link_number,
        link: Some(n),
    });
}

/// Word-wraps atoms to `width` columns. Spaces at a wrap are dropped; words longer than a line
/// are broken; a cluster wider than the whole line becomes `�`.
pub(super) fn wrap(atoms: &[Atom], width: usize) -> Vec<Row> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut row = Row::default();
    let mut pending: Vec<&Atom> = Vec::new();
    let mut i = 0;
    while i < atoms.len() {
        match &atoms[i] {
            Atom::Break => {
                rows.push(std::mem::take(&mut row));
                pending.clear();
                i += 1;
                continue;
            }
            Atom::Space(_) => {
                pending.push(&atoms[i]);
                i += 1;
                continue;
            }
            Atom::Cluster { .. } => {}
        }
        // A word: clusters up to a space or break; a wide cluster is a word of its own.
        let mut j = i + 1;
        if !atoms[i].is_wide() {
            while j < atoms.len() && atoms[j].is_word() && !atoms[j].is_wide() {
                j += 1;
            }
        }
        let word = &atoms[i..j];
        let word_w: usize = word.iter().map(Atom::width).sum();
        let space_w = pending.len();
        if row.width > 0 && row.width + space_w + word_w > width {
            rows.push(std::mem::take(&mut row));
            pending.clear();
        }
        if row.width + pending.len() + word_w <= width {
            for space in pending.drain(..) {
                emit(&mut row, space);
            }
        }
        pending.clear();
        for atom in word {
            if row.width > 0 && row.width + atom.width() > width {
                rows.push(std::mem::take(&mut row));
            }
            emit_fitting(&mut row, atom, width);
        }
        i = j;
    }
    if row.width > 0 || !row.spans.is_empty() || rows.is_empty() {
        rows.push(row);
    }
    rows
}

fn emit(row: &mut Row, atom: &Atom) {
    match atom {
        Atom::Cluster {
            text,
            width,
            style,
            link,
        } => row.push(text, *width, *style, *link),
        Atom::Space(style) => row.push(" ", 1, *style, None),
        Atom::Break => {}
    }
}

fn emit_fitting(row: &mut Row, atom: &Atom, width: usize) {
    match atom {
        Atom::Cluster {
            style,
            link,
            width: w,
            ..
        } if *w > width => row.push("\u{fffd}", 1, *style, *link),
        _ => emit(row, atom),
    }
}

/// Breaks atoms into rows of at most `width` columns by width alone, keeping every space
/// (for code).
pub(super) fn hard_wrap(atoms: &[Atom], width: usize) -> Vec<Row> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut row = Row::default();
    for atom in atoms {
        if let Atom::Break = atom {
            rows.push(std::mem::take(&mut row));
            continue;
        }
        if row.width > 0 && row.width + atom.width() > width {
            rows.push(std::mem::take(&mut row));
        }
        emit_fitting(&mut row, atom, width);
    }
    rows.push(row);
    rows
}
