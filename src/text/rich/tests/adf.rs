//! ADF → model → layout: every node and mark of the schema summary, malformed input, md.json.

use ratatui::style::{Color, Modifier, Style};
use serde_json::{Value, json};

use super::*;

fn doc(content: Value) -> Value {
    json!({"version": 1, "type": "doc", "content": content})
}

fn para(content: Value) -> Value {
    json!({"type": "paragraph", "content": content})
}

fn text(t: &str) -> Value {
    json!({"type": "text", "text": t})
}

fn marked(t: &str, marks: Value) -> Value {
    json!({"type": "text", "text": t, "marks": marks})
}

/// The style of the span holding `needle`.
fn style_of(r: &Rendered, needle: &str) -> Style {
    r.lines
        .iter()
        .flat_map(|l| l.spans.iter())
        .find(|s| s.content.contains(needle))
        .map(|s| s.style)
        .unwrap_or_else(|| panic!("no span holds {needle:?}"))
}

fn styled(v: Value) -> Rendered {
    layout(&from_adf(&v), 80, &Theme::default())
}

#[test]
fn paragraphs_and_headings() {
    let mut content = vec![para(json!([text("Body text")]))];
    for level in 1..=6 {
        let h = json!({"type": "heading", "attrs": {"level": level}, "content": [text(&format!("Head {level}"))]});
        content.push(h);
    }
    let d = from_adf(&doc(Value::Array(content.clone())));
    assert_eq!(d.blocks.len(), 7);
    assert!(matches!(d.blocks[3], Block::Heading { level: 3, .. }));
    let out = adf80(doc(Value::Array(content.clone())));
    assert!(out.contains("Body text"));
    assert!(out.contains("Head 1\n══════"), "{out}");
    assert!(out.contains("Head 2\n──────"), "{out}");
    let r = styled(doc(Value::Array(content)));
    assert!(style_of(&r, "Head 1").add_modifier.contains(Modifier::BOLD));
}

#[test]
fn lists_bullet_ordered_nested() {
    let item = |t: &str, more: Value| {
        let mut content = vec![para(json!([text(t)]))];
        if !more.is_null() {
            content.push(more);
        }
        json!({"type": "listItem", "content": content})
    };
    let nested = json!({"type": "orderedList", "attrs": {"order": 3}, "content": [item("three", Value::Null), item("four", Value::Null)]});
    let list = json!({"type": "bulletList", "content": [item("outer", nested), item("second", Value::Null)]});
    let out = adf80(doc(json!([list])));
    assert_eq!(out, "• outer\n  3. three\n  4. four\n• second", "{out}");
}

#[test]
fn tasks_and_decisions() {
    let task = |state: &str, t: &str| json!({"type": "taskItem", "attrs": {"localId": "a", "state": state}, "content": [text(t)]});
    let nested = json!({"type": "taskList", "attrs": {"localId": "n"}, "content": [task("TODO", "sub task")]});
    let tasks = json!({"type": "taskList", "attrs": {"localId": "l"}, "content": [task("DONE", "shipped"), nested, task("TODO", "review")]});
    let decision = |state: &str, t: &str| json!({"type": "decisionItem", "attrs": {"localId": "d", "state": state}, "content": [text(t)]});
    let decisions = json!({"type": "decisionList", "attrs": {"localId": "x"}, "content": [decision("DECIDED", "use Rust"), decision("UNDECIDED", "pick a name")]});
    let out = adf80(doc(json!([tasks, decisions])));
    assert_eq!(
        out, "[x] shipped\n    [ ] sub task\n[ ] review\n\n◆ use Rust\n◇ pick a name",
        "{out}"
    );
}

#[test]
fn code_block_with_language() {
    let code = json!({"type": "codeBlock", "attrs": {"language": "rust"}, "marks": [{"type": "breakout", "attrs": {"mode": "wide"}}],
        "content": [text("fn main() {\n    println!(\"hi\");\n}")]});
    let out = adf80(doc(json!([code])));
    assert_eq!(
        out,
        "╭─ rust\n│ fn main() {\n│     println!(\"hi\");\n│ }\n╰─"
    );
    let r = styled(doc(json!([code])));
    assert_eq!(style_of(&r, "fn main"), Theme::default().code);
    let plain = adf80(doc(json!([{"type": "codeBlock", "content": [text("x")]}])));
    assert!(plain.starts_with("╭─ code\n│ x"), "{plain}");
}

#[test]
fn quote_rule_and_panels() {
    let quote = json!({"type": "blockquote", "content": [para(json!([text("quoted")]))]});
    let out = adf80(doc(json!([quote, {"type": "rule"}])));
    assert_eq!(out, format!("│ quoted\n\n{}", "─".repeat(80)));
    for (kind, label) in [
        ("info", "Info"),
        ("note", "Note"),
        ("tip", "Tip"),
        ("warning", "Warning"),
        ("error", "Error"),
        ("success", "Success"),
    ] {
        let panel = json!({"type": "panel", "attrs": {"panelType": kind}, "content": [para(json!([text("inside")]))]});
        let out = adf80(doc(json!([panel.clone()])));
        assert_eq!(out, format!("┃ {label}\n┃ inside"), "{kind}");
        let d = from_adf(&doc(json!([panel])));
        assert!(matches!(&d.blocks[0], Block::Panel { kind: k, .. } if k.label() == label));
    }
}

#[test]
fn media_nodes_show_names() {
    let media = |alt: &str| json!({"type": "media", "attrs": {"type": "file", "id": "1", "collection": "c", "alt": alt}});
    let single = json!({"type": "mediaSingle", "attrs": {"layout": "center"}, "content": [media("screenshot.png")]});
    let group = json!({"type": "mediaGroup", "content": [media("a.pdf"), media("b.log")]});
    let external = json!({"type": "mediaSingle", "content": [{"type": "media", "attrs": {"type": "external", "url": "https://x.test/i.png"}}]});
    let inline = para(
        json!([text("see "), {"type": "mediaInline", "attrs": {"id": "2", "alt": "notes.txt"}}]),
    );
    let out = adf80(doc(json!([single, group, external, inline])));
    for name in [
        "screenshot.png",
        "a.pdf",
        "b.log",
        "https://x.test/i.png",
        "notes.txt",
    ] {
        assert!(out.contains(&format!("📎\u{a0}{name}")), "{name} in {out}");
    }
}

#[test]
fn tables_with_headers_and_nested_expand() {
    let cell = |kind: &str, t: &str| json!({"type": kind, "attrs": {"colspan": 1}, "content": [para(json!([text(t)]))]});
    let expand = json!({"type": "tableCell", "content": [{"type": "nestedExpand", "attrs": {"title": "More"}, "content": [para(json!([text("hidden")]))]}]});
    let table = json!({"type": "table", "attrs": {"isNumberColumnEnabled": false, "layout": "default"}, "content": [
        {"type": "tableRow", "content": [cell("tableHeader", "Name"), cell("tableHeader", "Value")]},
        {"type": "tableRow", "content": [cell("tableCell", "alpha"), expand]},
    ]});
    let d = from_adf(&doc(json!([table.clone()])));
    let Block::Table(t) = &d.blocks[0] else {
        panic!("a table: {d:?}")
    };
    assert!(t.rows[0][0].header && !t.rows[1][0].header);
    let out = adf80(doc(json!([table.clone()])));
    let expected = "┌───────┬──────────┐\n│ Name  │ Value    │\n├───────┼──────────┤\n│ alpha │ ▾ More   │\n│       │   hidden │\n└───────┴──────────┘";
    assert_eq!(out, expected, "\n{out}");
    let r = styled(doc(json!([table])));
    assert!(style_of(&r, "Name").add_modifier.contains(Modifier::BOLD));
}

#[test]
fn expand_cards_extensions_layouts() {
    let expand = json!({"type": "expand", "attrs": {"title": "Details here"}, "content": [para(json!([text("body")]))]});
    let block_card = json!({"type": "blockCard", "attrs": {"url": "https://card.test/a"}});
    let embed =
        json!({"type": "embedCard", "attrs": {"url": "https://embed.test/b", "layout": "wide"}});
    let ext = json!({"type": "extension", "attrs": {"extensionType": "x", "extensionKey": "toc"}});
    let bodied = json!({"type": "bodiedExtension", "attrs": {"extensionKey": "k"}, "content": [para(json!([text("bodied body")]))]});
    let layout_section = json!({"type": "layoutSection", "content": [
        {"type": "layoutColumn", "attrs": {"width": 50}, "content": [para(json!([text("left col")]))]},
        {"type": "layoutColumn", "attrs": {"width": 50}, "content": [para(json!([text("right col")]))]},
    ]});
    let v = doc(json!([
        expand,
        block_card,
        embed,
        ext,
        bodied,
        layout_section
    ]));
    let r = layout(&from_adf(&v), 80, &Theme::default());
    assert_eq!(r.links, vec!["https://card.test/a", "https://embed.test/b"]);
    let out = to_plain(&from_adf(&v), 80);
    for needle in [
        "▾ Details here\n  body",
        "https://card.test/a[1]",
        "https://embed.test/b[2]",
        "[toc]",
        "bodied body",
        "left col",
        "right col",
        "[1] https://card.test/a",
    ] {
        assert!(out.contains(needle), "{needle:?} in\n{out}");
    }
}

#[test]
fn inline_nodes() {
    let p = para(json!([
        text("a"),
        {"type": "hardBreak"},
        {"type": "mention", "attrs": {"id": "u1", "text": "@Bob Brown", "accessLevel": ""}},
        text(" "),
        {"type": "mention", "attrs": {"id": "u2"}},
        text(" "),
        {"type": "emoji", "attrs": {"shortName": ":smile:", "text": "😄"}},
        {"type": "emoji", "attrs": {"shortName": ":custom:"}},
        text(" "),
        {"type": "date", "attrs": {"timestamp": "1709164800000"}},
        text(" "),
        {"type": "status", "attrs": {"text": "In progress", "color": "blue", "localId": "s"}},
        text(" "),
        {"type": "inlineCard", "attrs": {"url": "https://inline.test"}},
        text(" "),
        {"type": "inlineExtension", "attrs": {"extensionKey": "jira", "text": "ext text"}},
        text(" "),
        {"type": "placeholder", "attrs": {"text": "Type here"}},
    ]));
    let out = to_plain(&from_adf(&doc(json!([p.clone()]))), 200);
    assert!(
        out.starts_with("a\n@Bob Brown @u2 😄:custom: 2024-02-29 [IN PROGRESS]"),
        "{out}"
    );
    for needle in [
        "https://inline.test[1]",
        "ext text",
        "Type here",
        "\n[1] https://inline.test",
    ] {
        assert!(out.contains(needle), "{needle:?} in\n{out}");
    }
    let r = styled(doc(json!([p])));
    assert_eq!(style_of(&r, "[IN PROGRESS]"), Theme::default().statuses[2]);
    assert_eq!(style_of(&r, "@Bob"), Theme::default().mention);
}

#[test]
fn text_marks() {
    let p = para(json!([
        marked("bold", json!([{"type": "strong"}])),
        text(" "),
        marked("ital", json!([{"type": "em"}])),
        text(" "),
        marked("gone", json!([{"type": "strike"}])),
        text(" "),
        marked("under", json!([{"type": "underline"}])),
        text(" "),
        marked("mono", json!([{"type": "code"}])),
        text(" "),
        marked(
            "site",
            json!([{"type": "link", "attrs": {"href": "https://site.test"}}])
        ),
        marked(
            " more",
            json!([{"type": "link", "attrs": {"href": "https://site.test"}}, {"type": "strong"}])
        ),
        text(" x"),
        marked("2", json!([{"type": "subsup", "attrs": {"type": "sup"}}])),
        text(" H"),
        marked("2", json!([{"type": "subsup", "attrs": {"type": "sub"}}])),
        text("O "),
        marked(
            "red",
            json!([{"type": "textColor", "attrs": {"color": "#ff0000"}}])
        ),
        text(" "),
        marked(
            "noted",
            json!([{"type": "annotation", "attrs": {"id": "a", "annotationType": "inlineComment"}}])
        ),
        marked("?", json!([{"type": "futureMark"}])),
    ]));
    let p = json!({"type": "paragraph", "marks": [{"type": "alignment", "attrs": {"align": "center"}}, {"type": "indentation", "attrs": {"level": 1}}], "content": p["content"]});
    let r = styled(doc(json!([p.clone()])));
    let has = |needle: &str, m: Modifier| style_of(&r, needle).add_modifier.contains(m);
    assert!(has("bold", Modifier::BOLD));
    assert!(has("ital", Modifier::ITALIC));
    assert!(has("gone", Modifier::CROSSED_OUT));
    assert!(has("under", Modifier::UNDERLINED));
    assert_eq!(style_of(&r, "mono"), Theme::default().code);
    assert_eq!(style_of(&r, "red").fg, Some(Color::Rgb(255, 0, 0)));
    assert_eq!(r.links, vec!["https://site.test"]);
    let out = adf80(doc(json!([p])));
    assert_eq!(
        out,
        "bold ital gone under mono site more[1] x² H₂O red noted?\n\n[1] https://site.test"
    );
}

#[test]
fn malformed_nodes_keep_their_text() {
    let v = json!({"type": "doc", "content": [
        {"type": "mysteryBlock", "text": "own text", "content": [text("child text")]},
        para(json!([{"type": "mysteryInline", "content": [text("deep inline")]}, 42, null, "bare string"])),
        {"type": "paragraph", "content": "not an array"},
        {"type": "heading", "attrs": {"level": "banana"}, "content": [text("odd heading")]},
        {"type": "bulletList", "content": [para(json!([text("item without listItem")]))]},
        {"type": "table", "content": [text("text in a table")]},
        {"type": "text", "text": "text at block level", "marks": "bogus"},
        {"type": "date", "attrs": {"timestamp": "tomorrow"}},
        {"type": "status"},
        {"type": "inlineCard"},
        [text("array in array")],
        true,
    ]});
    let out = adf80(v);
    for needle in [
        "own text",
        "child text",
        "deep inline",
        "bare string",
        "odd heading",
        "item without listItem",
        "text in a table",
        "text at block level",
        "tomorrow",
        "array in array",
    ] {
        assert!(out.contains(needle), "{needle:?} in\n{out}");
    }
    assert_eq!(adf80(json!(null)), "");
    assert_eq!(adf80(json!("just a string")), "just a string");
}

#[test]
fn deep_nesting_is_flattened_not_overflowed() {
    // Built by hand: `json!` would serialise (recursively) any value interpolated into it.
    let wrap = |kind: &str, inner: Value| {
        let mut map = serde_json::Map::new();
        map.insert("type".into(), Value::String(kind.into()));
        map.insert("content".into(), Value::Array(vec![inner]));
        Value::Object(map)
    };
    let mut v = para(json!([text("bottom")]));
    for i in 0..3000 {
        v = if i % 2 == 0 {
            wrap("blockquote", v)
        } else {
            wrap("bulletList", wrap("listItem", v))
        };
    }
    let v = wrap("doc", v);
    let d = from_adf(&v);
    let r = layout(&d, 40, &Theme::default());
    assert_fits(&r, 40);
    assert!(to_plain(&d, 40).contains("bottom"));
    // Dropping a deep Value recurses in serde_json; keep the test thread's stack safe.
    std::mem::forget(v);
}

#[test]
fn md_json_keeps_every_text_leaf() {
    let v = md_json();
    let mut leaves = Vec::new();
    let mut stack = vec![&v];
    while let Some(node) = stack.pop() {
        if let Some(t) = node.get("text").and_then(Value::as_str) {
            leaves.push(t.trim().to_string());
        }
        if let Some(t) = node.pointer("/attrs/text").and_then(Value::as_str) {
            leaves.push(t.trim_start_matches('@').to_string());
        }
        if let Some(t) = node.pointer("/attrs/url").and_then(Value::as_str) {
            leaves.push(t.to_string());
        }
        if let Some(items) = node.get("content").and_then(Value::as_array) {
            stack.extend(items);
        }
    }
    assert!(leaves.len() > 50, "md.json has many leaves");
    let d = from_adf(&v);
    let wide = to_plain(&d, 400);
    let narrow = to_plain(&d, 80);
    for leaf in leaves.iter().filter(|l| !l.is_empty()) {
        for line in leaf.lines() {
            assert!(wide.contains(line.trim()), "{line:?} missing");
        }
        for word in leaf.split_whitespace() {
            assert!(narrow.contains(word), "{word:?} missing at 80");
        }
    }
    for raw in [
        "\"type\"",
        "{\"",
        "\"content\"",
        "attrs",
        "listItem",
        "hardBreak",
    ] {
        assert!(!wide.contains(raw), "raw JSON {raw:?} leaked");
    }
}
