//! Layout: widths never exceeded (tables, CJK, emoji), wrapping, links, sanitising.

use ratatui::style::Color;
use unicode_width::UnicodeWidthChar;

use super::*;

const WIDTHS: [usize; 4] = [20, 40, 80, 120];

fn text_of(line: &ratatui::text::Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// The characters of `s` in display columns `start..end`.
fn columns(s: &str, start: usize, end: usize) -> String {
    let mut col = 0;
    let mut out = String::new();
    for c in s.chars() {
        if col >= start && col < end {
            out.push(c);
        }
        col += c.width().unwrap_or(0);
    }
    out
}

const WIKI_SAMPLE: &str = "h1. 日本語の見出し
Ein Absatz mit *fett*, _kursiv_ und {{code}}: 日本語のテキストを折り返すテストです。絵文字 👨‍👩‍👧 と 😀 も。
||Name||説明||Status||Owner||Link||
|alpha|とても長い説明文がここに入ります、とても長い説明文|(/) done|[~alice]|[site|https://example.test/a/very/long/path]|
|beta|short|(x)|[~bob]|https://example.test|
* level one with a long line of text that must wrap under its bullet
** level two
*** level three 三
# numbered
{code:rust}
fn main() { println!(\"a very long line of code that goes past the edge of narrow terminals\"); }
{code}
{panel:title=Panel title}
{quote}
quote inside panel with text
{quote}
{panel}
----";

#[test]
fn no_line_exceeds_the_width() {
    let mut docs = vec![from_adf(&md_json()), from_wiki(WIKI_SAMPLE)];
    docs.extend(demo_docs().iter().map(from_adf));
    let wide_table = (0..9)
        .map(|i| format!("|cell{i} with words"))
        .collect::<String>()
        + "|";
    docs.push(from_wiki(&format!("{wide_table}\n{wide_table}")));
    for doc in &docs {
        for width in WIDTHS.into_iter().chain([1, 2, 3, 7, 11]) {
            assert_fits(&layout(doc, width, &Theme::default()), width);
            for line in to_plain(doc, width).lines() {
                assert!(line.width() <= width.max(1), "{line:?} at {width}");
            }
        }
    }
}

#[test]
fn cjk_and_emoji_wrap_by_display_width() {
    let src = "日本語のテキストを折り返すテストです";
    for width in [5, 6, 10] {
        let r = layout(&from_wiki(src), width, &Theme::default());
        assert_fits(&r, width);
        let joined: String = r.lines.iter().map(text_of).collect();
        assert_eq!(joined, src, "no character lost at {width}");
    }
    let r = layout(
        &from_wiki("ab 👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧 e\u{301}e\u{301}"),
        4,
        &Theme::default(),
    );
    assert_fits(&r, 4);
    let all: Vec<String> = r.lines.iter().map(text_of).collect();
    // A ZWJ sequence is two columns to unicode-width but six to many terminals: it is shown
    // as its members (see `text::widths`), each one whole.
    assert!(!all.iter().any(|l| l.contains('\u{200d}')), "{all:?}");
    assert_eq!(all.concat().matches('👩').count(), 3, "{all:?}");
    assert!(all.iter().any(|l| l.contains("e\u{301}")), "{all:?}");
}

#[test]
fn tables_shrink_the_widest_column_and_wrap_cells() {
    let src = "||id||description||\n|1|a long description that has to wrap inside its cell|";
    let out = to_plain(&from_wiki(src), 30);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "┌────┬───────────────────────┐");
    assert_eq!(lines[1], "│ id │ description           │");
    assert_eq!(lines[3], "│ 1  │ a long description    │");
    assert_eq!(lines[4], "│    │ that has to wrap      │");
    assert!(lines.iter().all(|l| l.width() <= 30));
    // Too narrow for all the columns: stacked, every cell still there.
    let many = "|a|b|c|d|e|f|g|";
    let out = to_plain(&from_wiki(many), 20);
    assert!(!out.contains('┌'), "{out}");
    for c in ["a", "b", "c", "g"] {
        assert!(out.lines().any(|l| l == c), "{c} in {out}");
    }
}

#[test]
fn lists_hang_their_text() {
    let out = to_plain(
        &from_wiki("* a list item long enough to wrap twice at twenty"),
        20,
    );
    assert_eq!(
        out,
        "• a list item long\n  enough to wrap\n  twice at twenty"
    );
    let out = to_plain(
        &from_wiki("# a\n# b\n# c\n# d\n# e\n# f\n# g\n# h\n# i\n# ten ten"),
        40,
    );
    assert!(out.ends_with("\n9.  i\n10. ten ten"), "{out}");
}

#[test]
fn code_wraps_and_keeps_spaces() {
    let out = to_plain(&from_wiki("{code}\nif  x {  y  }\n\tz\n{code}"), 12);
    assert_eq!(out, "╭─ code\n│ if  x {  y\n│   }\n│     z\n╰─");
}

#[test]
fn links_are_numbered_with_anchors() {
    let doc = from_wiki("[one|http://a.test] and [two|http://b.test] then [again|http://a.test]");
    let r = layout(&doc, 80, &Theme::default());
    assert_eq!(r.links, vec!["http://a.test", "http://b.test"]);
    let line = text_of(&r.lines[0]);
    assert_eq!(line, "one[1] and two[2] then again[1]");
    let shown: Vec<(String, usize)> = r
        .anchors
        .iter()
        .map(|a| (columns(&line, a.start, a.end), a.link))
        .collect();
    assert_eq!(
        shown,
        vec![
            ("one[1]".into(), 0),
            ("two[2]".into(), 1),
            ("again[1]".into(), 0)
        ]
    );
    assert!(r.anchors.iter().all(|a| a.line == 0));
    // Anchors move with indents, gutters and wrapping.
    let r = layout(
        &from_wiki("bq. * x [link text|http://c.test]"),
        12,
        &Theme::default(),
    );
    for a in &r.anchors {
        let t = columns(&text_of(&r.lines[a.line]), a.start, a.end);
        assert!(
            !t.trim().is_empty() && "link text[1]".contains(t.trim()),
            "{t:?}"
        );
    }
    assert!(to_plain(&doc, 80).ends_with("\n\n[1] http://a.test\n[2] http://b.test"));
}

#[test]
fn every_leaf_is_sanitised() {
    let evil = "x\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J\u{202e}\u{9b}1m\u{0}y";
    let marks = Marks::default();
    let inlines = vec![
        Inline::Text {
            text: evil.into(),
            marks,
        },
        Inline::Link {
            url: evil.into(),
            content: vec![Inline::Text {
                text: evil.into(),
                marks,
            }],
        },
        Inline::Mention { name: evil.into() },
        Inline::Emoji { text: evil.into() },
        Inline::Date { text: evil.into() },
        Inline::Status {
            text: evil.into(),
            color: StatusColor::Red,
        },
        Inline::SmartLink { url: evil.into() },
        Inline::Attachment { name: evil.into() },
    ];
    let doc = Doc {
        blocks: vec![
            Block::Paragraph(inlines.clone()),
            Block::Heading {
                level: 9,
                content: inlines.clone(),
            },
            Block::Code {
                language: Some(evil.into()),
                text: evil.into(),
            },
            Block::Panel {
                kind: PanelKind::Error,
                title: Some(evil.into()),
                blocks: vec![],
            },
            Block::Expand {
                title: Some(evil.into()),
                blocks: vec![Block::Media { name: evil.into() }],
            },
            Block::Table(Table {
                rows: vec![vec![Cell {
                    header: true,
                    blocks: vec![Block::Paragraph(inlines)],
                }]],
                hidden_rows: 0,
            }),
        ],
    };
    for width in WIDTHS {
        let r = layout(&doc, width, &Theme::default());
        assert_fits(&r, width);
        for line in &r.lines {
            let t = text_of(line);
            assert!(
                !t.contains('\u{202e}') && !t.contains("52;") && !t.contains("[2J"),
                "{t:?}"
            );
        }
        assert!(r.links.iter().all(|l| l == "xy"), "{:?}", r.links);
        assert!(
            !to_plain(&doc, width)
                .chars()
                .any(|c| c.is_control() && c != '\n')
        );
    }
}

#[test]
fn styles_follow_the_theme() {
    let theme = Theme::default();
    let r = layout(
        &from_wiki("h2. Head\n\n{warning}careful{warning}\n\nbq. said"),
        40,
        &theme,
    );
    let span = |needle: &str| {
        r.lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .find(|s| s.content.contains(needle))
            .map(|s| s.style)
            .unwrap_or_else(|| panic!("{needle}"))
    };
    assert_eq!(span("Head"), theme.headings[1]);
    assert_eq!(span("┃").fg, Some(Color::Yellow));
    assert_eq!(span("│"), theme.quote);
}

#[test]
fn hand_built_deep_models_do_not_overflow() {
    let mut block = Block::Paragraph(vec![Inline::Text {
        text: "core".into(),
        marks: Marks::default(),
    }]);
    for i in 0..2000 {
        block = match i % 3 {
            0 => Block::Quote(vec![block]),
            1 => Block::List(List {
                kind: ListKind::Bullet,
                items: vec![ListItem {
                    checked: None,
                    blocks: vec![block],
                }],
            }),
            _ => Block::Table(Table {
                rows: vec![vec![Cell {
                    header: false,
                    blocks: vec![block],
                }]],
                hidden_rows: 0,
            }),
        };
    }
    let doc = Doc {
        blocks: vec![block],
    };
    for width in [20, 80] {
        let r = layout(&doc, width, &Theme::default());
        assert_fits(&r, width);
        assert!(r.lines.iter().any(|l| text_of(l).contains("core")));
    }
    // Dropping a 2000-deep model recurses; leak it rather than risk the test stack.
    std::mem::forget(doc);
}
