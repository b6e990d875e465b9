//! Jira wiki markup → model: each construct, nesting, and the edge cases Jira users hit.

use super::*;

/// The inlines of the first block, which must be a paragraph.
fn inl(src: &str) -> Vec<Inline> {
    match from_wiki(src).blocks.into_iter().next() {
        Some(Block::Paragraph(inlines)) => inlines,
        other => panic!("not a paragraph: {other:?}"),
    }
}

fn plain(t: &str) -> Inline {
    Inline::Text {
        text: t.into(),
        marks: Marks::default(),
    }
}

fn with(t: &str, f: impl FnOnce(&mut Marks)) -> Inline {
    let mut marks = Marks::default();
    f(&mut marks);
    Inline::Text {
        text: t.into(),
        marks,
    }
}

#[test]
fn headings() {
    for level in 1..=6u8 {
        let d = from_wiki(&format!("h{level}. Title {level}"));
        assert_eq!(
            d.blocks,
            vec![Block::Heading {
                level,
                content: vec![plain(&format!("Title {level}"))]
            }]
        );
    }
    assert!(matches!(
        &from_wiki("h7. no").blocks[0],
        Block::Paragraph(_)
    ));
    assert!(matches!(
        &from_wiki("h1.nospace").blocks[0],
        Block::Paragraph(_)
    ));
}

#[test]
fn phrase_formatting() {
    type SetMark = fn(&mut Marks);
    let cases: [(&str, SetMark); 7] = [
        ("*x y*", |m| m.bold = true),
        ("_x y_", |m| m.italic = true),
        ("-x y-", |m| m.strike = true),
        ("+x y+", |m| m.underline = true),
        ("^x y^", |m| m.sup = true),
        ("~x y~", |m| m.sub = true),
        ("??x y??", |m| m.italic = true),
    ];
    for (src, f) in cases {
        assert_eq!(
            inl(&format!("a {src} b")),
            vec![plain("a "), with("x y", f), plain(" b")],
            "{src}"
        );
    }
    assert_eq!(
        inl("*bold _both_*"),
        vec![
            with("bold ", |m| m.bold = true),
            with("both", |m| {
                m.bold = true;
                m.italic = true
            })
        ]
    );
}

#[test]
fn word_boundaries_keep_text_literal() {
    for src in [
        "a-b-c",
        "2*3*4",
        "snake_case_name",
        "x^2 and y^3",
        "a * b * c",
        "x - not strike-",
        "foo* bar*",
        "*unclosed bold",
        "_half",
        "trailing*",
        "**",
        "C++ and C+",
        "~/path/~file",
    ] {
        let text = inline_text(&inl(src));
        assert_eq!(text, src, "{src} changed");
        let d = from_wiki(src);
        let marks_used = match &d.blocks[0] {
            Block::Paragraph(i) => i
                .iter()
                .any(|x| matches!(x, Inline::Text { marks, .. } if *marks != Marks::default())),
            Block::List(_) => false,
            other => panic!("{other:?}"),
        };
        assert!(!marks_used, "{src} got formatting: {d:?}");
    }
    assert_eq!(
        inl("(*bold*)"),
        vec![plain("("), with("bold", |m| m.bold = true), plain(")")]
    );
    assert_eq!(
        inl("*bold*."),
        vec![with("bold", |m| m.bold = true), plain(".")]
    );
    // Markers do not span lines.
    assert_eq!(inline_text(&inl("*a\nb*")), "a\nb*".replacen('a', "*a", 1));
}

#[test]
fn monospace_colour_escapes_breaks() {
    assert_eq!(
        inl("run {{cargo *test*}}"),
        vec![plain("run "), with("cargo *test*", |m| m.code = true)]
    );
    assert_eq!(
        inl("{color:red}alert{color} ok"),
        vec![
            with("alert", |m| m.color = Some((0xde, 0x35, 0x0b))),
            plain(" ok")
        ]
    );
    assert_eq!(
        inl("{color:#00ff00}g{color}"),
        vec![with("g", |m| m.color = Some((0, 255, 0)))]
    );
    assert_eq!(inl(r"\*not bold\* \[x\]"), vec![plain("*not bold* [x]")]);
    assert_eq!(
        inl(r"one\\two"),
        vec![plain("one"), Inline::HardBreak, plain("two")]
    );
    assert_eq!(
        inl("line one\nline two"),
        vec![plain("line one"), Inline::HardBreak, plain("line two")]
    );
    assert_eq!(inline_text(&inl("{{unclosed mono")), "{{unclosed mono");
    assert_eq!(inline_text(&inl("{colorful} text")), "{colorful} text");
}

#[test]
fn links_mentions_images() {
    let link = |url: &str, t: &str| Inline::Link {
        url: url.into(),
        content: vec![plain(t)],
    };
    assert_eq!(
        inl("[Docs|https://d.test/x]"),
        vec![link("https://d.test/x", "Docs")]
    );
    assert_eq!(
        inl("[https://d.test]"),
        vec![link("https://d.test", "https://d.test")]
    );
    assert_eq!(
        inl("[mail|mailto:a@b.test]"),
        vec![link("mailto:a@b.test", "mail")]
    );
    assert_eq!(
        inl("see https://d.test/a."),
        vec![
            plain("see "),
            link("https://d.test/a", "https://d.test/a"),
            plain(".")
        ]
    );
    assert_eq!(
        inl("[~alice] hi"),
        vec![
            Inline::Mention {
                name: "alice".into()
            },
            plain(" hi")
        ]
    );
    assert_eq!(
        inl("[~accountid:5b10]"),
        vec![Inline::Mention {
            name: "accountid:5b10".into()
        }]
    );
    assert_eq!(
        inl("[^log.txt]"),
        vec![Inline::Attachment {
            name: "log.txt".into()
        }]
    );
    assert_eq!(
        inl("[*Bold* link|http://b.test]"),
        vec![Inline::Link {
            url: "http://b.test".into(),
            content: vec![with("Bold", |m| m.bold = true), plain(" link")],
        }]
    );
    assert_eq!(inl("[Page Title]"), vec![plain("[Page Title]")]);
    assert_eq!(inl("[alias|PROJ-12]"), vec![link("PROJ-12", "alias")]);
    assert_eq!(inline_text(&inl("[unclosed link")), "[unclosed link");
    assert_eq!(
        inl("see !shot.png! here"),
        vec![
            plain("see "),
            Inline::Attachment {
                name: "shot.png".into()
            },
            plain(" here")
        ]
    );
    assert_eq!(
        from_wiki("!image.png|thumbnail!").blocks,
        vec![Block::Media {
            name: "image.png".into()
        }]
    );
    assert_eq!(
        from_wiki("!https://x.test/a.gif!").blocks,
        vec![Block::Media {
            name: "https://x.test/a.gif".into()
        }]
    );
    assert_eq!(inline_text(&inl("Hello! World!")), "Hello! World!");
}

#[test]
fn emoticons() {
    let src = ":) :( (y) (n) (/) (x) (!) (?) (i) (*) :D ;) :P";
    let emoji: Vec<String> = inl(src)
        .into_iter()
        .filter_map(|i| match i {
            Inline::Emoji { text } => Some(text),
            _ => None,
        })
        .collect();
    assert_eq!(
        emoji,
        [
            "🙂", "🙁", "👍", "👎", "✅", "❌", "❗", "❓", "💡", "⭐", "😀", "😉", "😛"
        ]
    );
    // Not after a word or before one: f(x), :Data.
    assert_eq!(inl("f(x) and :Data"), vec![plain("f(x) and :Data")]);
    assert!(matches!(inl("thanks:)").last(), Some(Inline::Emoji { .. })));
}

#[test]
fn code_noformat_quote_panel() {
    let d = from_wiki("{code:java}\nint x = 1; // *not bold*\n{code}\nafter");
    assert_eq!(
        d.blocks[0],
        Block::Code {
            language: Some("java".into()),
            text: "int x = 1; // *not bold*".into()
        }
    );
    assert_eq!(d.blocks[1], Block::Paragraph(vec![plain("after")]));
    let d = from_wiki("{code:title=A.java|language=kotlin}x{code}");
    assert!(matches!(&d.blocks[0], Block::Code { language: Some(l), .. } if l == "kotlin"));
    let d = from_wiki("{noformat}\n  keep   spaces\n{noformat}");
    assert_eq!(
        d.blocks[0],
        Block::Code {
            language: None,
            text: "  keep   spaces".into()
        }
    );
    let d = from_wiki("{quote}\nquoted *text*\n\nsecond\n{quote}");
    let Block::Quote(inner) = &d.blocks[0] else {
        panic!("{d:?}")
    };
    assert_eq!(inner.len(), 2);
    assert_eq!(
        from_wiki("bq. short quote").blocks,
        vec![Block::Quote(vec![Block::Paragraph(vec![plain(
            "short quote"
        )])])]
    );
    let d = from_wiki("{panel:title=My Title|borderStyle=dashed}\nbody\n{panel}");
    assert_eq!(
        d.blocks[0],
        Block::Panel {
            kind: PanelKind::Plain,
            title: Some("My Title".into()),
            blocks: vec![Block::Paragraph(vec![plain("body")])]
        }
    );
    let d = from_wiki("{warning:title=Careful}mind the gap{warning}");
    assert!(
        matches!(&d.blocks[0], Block::Panel { kind: PanelKind::Warning, title: Some(t), .. } if t == "Careful")
    );
    assert_eq!(wiki80("{info}note this{info}"), "┃ Info\n┃ note this");
    // Nested macros and an unclosed one running to the end.
    let d = from_wiki("{panel}\n{quote}\ninside\n{quote}\n{panel}");
    assert!(
        matches!(&d.blocks[0], Block::Panel { blocks, .. } if matches!(&blocks[0], Block::Quote(_)))
    );
    let d = from_wiki("{code}\nnever closed\nstill code");
    assert_eq!(
        d.blocks[0],
        Block::Code {
            language: None,
            text: "never closed\nstill code".into()
        }
    );
}

#[test]
fn lists_nested_and_mixed() {
    let d = from_wiki("* one\n** one.a\n*# one.a.1\n*# one.a.2\n* two\n# first\n# second\n- dash");
    let out = to_plain(&d, 80);
    assert_eq!(
        out, "• one\n  ◦ one.a\n  1. one.a.1\n  2. one.a.2\n• two\n\n1. first\n2. second\n\n• dash",
        "\n{out}"
    );
    let Block::List(list) = &d.blocks[0] else {
        panic!()
    };
    assert_eq!(list.kind, ListKind::Bullet);
    assert_eq!(list.items.len(), 2);
    // Jumping two levels at once, and very deep markers.
    let out = wiki80("*** deep\n* back");
    assert!(out.contains("deep") && out.contains("back"), "{out}");
    let deep = format!("{} bottom", "*".repeat(500));
    assert!(wiki80(&deep).contains("bottom"));
    // "*bold* start" is not a list.
    assert!(matches!(
        &from_wiki("*bold* start").blocks[0],
        Block::Paragraph(_)
    ));
}

#[test]
fn tables() {
    let d = from_wiki("||Name||Link||\n|alpha|[site|https://s.test]|\n|{{a|b}}|x\\|y|\n|short|");
    let Block::Table(t) = &d.blocks[0] else {
        panic!("{d:?}")
    };
    assert_eq!(t.rows.len(), 4);
    assert!(t.rows[0].iter().all(|c| c.header));
    assert!(t.rows[1].iter().all(|c| !c.header));
    assert_eq!(t.rows[1].len(), 2);
    assert_eq!(
        t.rows[2].len(),
        2,
        "pipes in mono and escaped pipes do not split"
    );
    assert_eq!(t.rows[3].len(), 1);
    let out = wiki80("||h1||h2||\n|a|b|");
    assert_eq!(
        out,
        "┌────┬────┐\n│ h1 │ h2 │\n├────┼────┤\n│ a  │ b  │\n└────┴────┘"
    );
    // A blank line separates two tables.
    assert_eq!(from_wiki("|a|\n\n|b|").blocks.len(), 2);
}

#[test]
fn rules_and_blank_lines() {
    let d = from_wiki("para one\n\n----\npara two\ncontinued");
    assert_eq!(d.blocks.len(), 3);
    assert_eq!(d.blocks[1], Block::Rule);
    assert_eq!(
        d.blocks[2],
        Block::Paragraph(vec![
            plain("para two"),
            Inline::HardBreak,
            plain("continued")
        ])
    );
    assert!(from_wiki("").blocks.is_empty());
    assert!(from_wiki("\n\n  \n").blocks.is_empty());
    assert_eq!(
        from_wiki("a\r\nb").blocks,
        vec![Block::Paragraph(vec![
            plain("a"),
            Inline::HardBreak,
            plain("b")
        ])]
    );
}

#[test]
fn hostile_text_is_sanitised() {
    let out = wiki80("title\u{1b}]0;pwned\u{7} *bold\u{1b}[31m* \u{202e}reversed");
    assert_eq!(out, "title bold reversed");
}
