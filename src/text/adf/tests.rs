//! Cross-converter tests over the sample document, md.json and bad input.

use serde_json::{Value, json};

use super::sample::{full_doc, text_leaves};
use super::*;

/// A user resolver that knows nobody.
pub(super) fn no_users(_: &str) -> Option<String> {
    None
}

fn bob(id: &str) -> Option<String> {
    (id == "5b10ac8d82e05b22cc7d4ef5").then(|| "bob".to_string())
}

/// Removes wiki backslash escapes (keeping `\\` line breaks as-is).
fn unescape_wiki(wiki: &str) -> String {
    let mut out = String::new();
    let mut chars = wiki.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some('\\')) => {
                out.push_str("\\\\");
                chars.next();
            }
            ('\\', Some(n)) if n.is_ascii_punctuation() || n.is_ascii_alphanumeric() => {}
            _ => out.push(c),
        }
    }
    out
}

/// Asserts every text leaf of `doc` survives into plain and wiki output.
pub(super) fn assert_leaves_kept(doc: &Value, label: &str) {
    let plain = adf_to_plain(doc);
    let raw_wiki = adf_to_wiki(doc, &no_users);
    let wiki = unescape_wiki(&raw_wiki);
    let mut leaves = Vec::new();
    text_leaves(doc, &mut leaves);
    for leaf in leaves {
        for part in leaf.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
            assert!(plain.contains(part), "{label}: plain lacks {part:?}");
            let kept = wiki.contains(part) || raw_wiki.contains(part);
            assert!(kept, "{label}: wiki lacks {part:?}\n{raw_wiki}");
        }
    }
}

#[test]
fn wiki_renders_every_node_and_mark() {
    let wiki = adf_to_wiki(&full_doc(), &bob);
    let expected = [
        "h1. Title one",
        "h3. Third level",
        "*bold* _italic_ -gone- +under+ {{mono}} E=mc{^}2{^} H{~}2{~}O",
        "{color:#ff5630}red{color}",
        "[docs|https://example.com/docs] noted\nafter break",
        "[~bob] :) :rocket: due 2024-02-29 *\\[IN PROGRESS\\]*",
        "[https://example.com/card|https://example.com/card] ext inline",
        "* level one\n*# level two\n*#* level three\n* second item",
        "* \\[ \\] write tests\n* \\[x\\] write code",
        "* ship it",
        "{code:rust}\nfn main() {\n    println!(\"hi\");\n}\n{code}",
        "{code}\nplain code\n{code}",
        "{quote}\nquoted words\n{quote}",
        "\n\n----\n\n",
        "{panel:title=Warning|bgColor=#FFFAE6}\ncareful now\n{panel}",
        "{panel:title=More details}\nhidden text\n{panel}",
        "!screenshot.png!",
        "[^server.log]",
        "||Head A||Head B||\n|cell one\\\\ cell two|*Nested*\\\\ deep cell|",
        "[https://example.com/block|https://example.com/block]",
        "[https://example.com/embed|https://example.com/embed]",
        "ext block\n\nbodied text\n\nleft column\n\nright column",
    ];
    for fragment in expected {
        assert!(wiki.contains(fragment), "missing {fragment:?} in\n{wiki}");
    }
    assert!(!wiki.contains("Type here"), "placeholder hint leaked");
}

#[test]
fn wiki_mentions_fall_back_to_text_or_account_id() {
    let doc = json!({"type": "doc", "content": [{"type": "paragraph", "content": [
        {"type": "mention", "attrs": {"id": "5b10ac8d82e05b22cc7d4ef5", "text": "@Bob Brown"}},
        {"type": "text", "text": " and "},
        {"type": "mention", "attrs": {"id": "557058:abc"}}
    ]}]});
    assert_eq!(
        adf_to_wiki(&doc, &no_users),
        "[~Bob Brown] and [~accountid:557058:abc]"
    );
    assert_eq!(
        adf_to_wiki(&doc, &bob),
        "[~bob] and [~accountid:557058:abc]"
    );
}

#[test]
fn wiki_marks_touching_words_use_braces_and_hoist_spaces() {
    let doc = json!({"type": "doc", "content": [{"type": "paragraph", "content": [
        {"type": "text", "text": "pre"},
        {"type": "text", "text": "mid ", "marks": [{"type": "strong"}]},
        {"type": "text", "text": "post "},
        {"type": "text", "text": "a", "marks": [{"type": "em"}]},
        {"type": "text", "text": "b", "marks": [{"type": "em"}]}
    ]}]});
    assert_eq!(adf_to_wiki(&doc, &no_users), "pre{*}mid{*} post _ab_");
}

#[test]
fn wiki_panels_lists_and_tables_edge_cases() {
    let doc = json!({"type": "doc", "content": [
        {"type": "panel", "attrs": {"panelType": "success"}, "content": [{"type": "paragraph", "content": [{"type": "text", "text": "yay"}]}]},
        {"type": "orderedList", "content": [{"type": "listItem", "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": "one"}, {"type": "hardBreak"}, {"type": "text", "text": "two"}]},
            {"type": "paragraph", "content": [{"type": "text", "text": "three"}]}
        ]}]},
        {"type": "table", "content": [{"type": "tableRow", "content": [
            {"type": "tableCell", "content": [
                {"type": "bulletList", "content": [{"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "x|y"}]}]}]},
                {"type": "codeBlock", "content": [{"type": "text", "text": "a\nb"}]}
            ]},
            {"type": "tableCell", "content": []}
        ]}]}
    ]});
    let wiki = adf_to_wiki(&doc, &no_users);
    assert!(
        wiki.contains("{panel:title=Success|bgColor=#E3FCEF}\nyay\n{panel}"),
        "{wiki}"
    );
    assert!(wiki.contains("# one\\\\ two\\\\ three"), "{wiki}");
    assert!(wiki.contains("|• x\\|y\\\\ {{a}}\\\\ {{b}}| |"), "{wiki}");
}

#[test]
fn html_renders_every_node_and_mark() {
    let html = adf_to_html_with_users(&full_doc(), &bob);
    let expected = [
        "<h1>Title one</h1>",
        "<h3 style=\"text-align: center\">Third level</h3>",
        "<b>bold</b> <em>italic</em> <del>gone</del> <ins>under</ins> <tt>mono</tt>",
        "E=mc<sup>2</sup> H<sub>2</sub>O <font color=\"#ff5630\">red</font>",
        "<a href=\"https://example.com/docs\" class=\"external-link\" rel=\"nofollow\">docs</a> noted<br/>",
        "class=\"user-hover\" rel=\"bob\">Bob Brown</a>",
        "<span class=\"emoji\" title=\":smile:\">😄</span>",
        "<time datetime=\"2024-02-29\">2024-02-29</time>",
        "<span class=\"aui-lozenge aui-lozenge-complete\">IN PROGRESS</span>",
        ">https://example.com/card</a> ext inline</p>",
        "<ul>\n<li>level one\n<ol start=\"3\">\n<li>level two\n<ul>\n<li>level three</li>",
        "data-task-state=\"DONE\"><input type=\"checkbox\" disabled=\"disabled\" checked=\"checked\" /> write code</li>",
        "<li class=\"decision-item\">ship it</li>",
        "<pre class=\"code-rust\">fn main() {\n    println!(&quot;hi&quot;);\n}</pre>",
        "<blockquote>\n<p>quoted words</p>\n</blockquote>",
        "<hr />",
        "<b>Warning</b>",
        "<b>More details</b>",
        "<img src=\"screenshot.png\" alt=\"screenshot.png\"",
        ">server.log</a>",
        "<table class='confluenceTable'><tbody>",
        "<th class='confluenceTh'>Head A</th>",
        "<td class='confluenceTd'><p>cell one</p>\n<p>cell two</p></td>",
        "<b>Nested</b>",
        ">https://example.com/block</a>",
        ">https://example.com/embed</a>",
        "<p>ext block</p>\n<p>bodied text</p>",
        "<div class=\"layout-column\">\n<p>left column</p>",
    ];
    for fragment in expected {
        assert!(html.contains(fragment), "missing {fragment:?} in\n{html}");
    }
}

#[test]
fn html_escapes_text_and_blocks_script_links() {
    let doc = json!({"type": "doc", "content": [{"type": "paragraph", "content": [
        {"type": "text", "text": "<script>&\"'"},
        {"type": "text", "text": "x", "marks": [{"type": "link", "attrs": {"href": "javascript:alert(1)"}}]},
        {"type": "text", "text": "y", "marks": [{"type": "link", "attrs": {"href": "/browse/ACME-1?a=1&b=2"}}]}
    ]}]});
    let html = adf_to_html(&doc);
    assert!(html.contains("&lt;script&gt;&amp;&quot;&#39;"));
    assert!(html.contains("<a href=\"#\""));
    assert!(html.contains("href=\"/browse/ACME-1?a=1&amp;b=2\""));
    assert!(!html.contains("javascript"));
}

#[test]
fn plain_renders_every_node() {
    let plain = adf_to_plain(&full_doc());
    let expected = [
        "Title one\nThird level\nbold italic gone under mono E=mc2 H2O red docs noted\nafter break",
        "@Bob Brown 😄 🚀 due 2024-02-29 In progress https://example.com/card ext inline",
        "level one\nlevel two\nlevel three\nsecond item\nwrite tests\nwrite code\nship it",
        "fn main() {\n    println!(\"hi\");\n}\nplain code\nquoted words\ncareful now",
        "More details\nhidden text\nHead A\nHead B\ncell one\ncell two\nNested\ndeep cell",
        "https://example.com/block\nhttps://example.com/embed\next block\nbodied text",
        "left column\nright column",
    ];
    for fragment in expected {
        assert!(plain.contains(fragment), "missing {fragment:?} in\n{plain}");
    }
}

#[test]
fn sample_doc_keeps_all_text() {
    assert_leaves_kept(&full_doc(), "sample");
}

#[test]
fn md_json_fixture_keeps_all_text() {
    // The shared fixtures sit beside the repository (../shared), in CI too.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/jira/jira-cli/md.json"
    );
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read the shared fixture {path}: {e}"));
    let doc: Value = match serde_json::from_str(&text) {
        Ok(doc) => doc,
        Err(e) => panic!("md.json does not parse: {e}"),
    };
    assert_leaves_kept(&doc, "md.json");
    let wiki = adf_to_wiki(&doc, &no_users);
    assert!(
        wiki.starts_with("h1. H1\n\nh2. H2\n\n1. Some text\n2. Some more text"),
        "{wiki}"
    );
    assert!(wiki.contains("{code:go}\npackage main"));
    assert!(wiki.contains("||*Table Header 1*||*Table Header 2*||*Table Header 3*||"));
    assert!(wiki.contains("*#### fourth level") || wiki.contains("##### fourth level"));
    let html = adf_to_html(&doc);
    assert!(html.contains("<th class='confluenceTh'><b>Table Header 1</b></th>"));
}

#[test]
fn malformed_input_never_panics_and_keeps_text() {
    let inputs = [
        json!(null),
        json!(42),
        json!("bare string"),
        json!([1, "two", {"type": "text", "text": "three"}]),
        json!({"type": "doc"}),
        json!({"type": "doc", "content": "nope"}),
        json!({"type": "doc", "content": [null, 1, true, [], {}, {"type": null}]}),
        json!({"type": "doc", "content": [
            {"type": "heading", "attrs": {"level": "99"}, "content": [{"type": "text", "text": "h"}]},
            {"type": "heading", "attrs": "bad", "content": [{"type": "text", "text": "h2"}]},
            {"type": "paragraph", "content": [{"type": "text", "text": ["x"]}, {"type": "text"}]},
            {"type": "bulletList", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "stray"}]}, "loose"]},
            {"type": "table", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "not a row"}]}]},
            {"type": "tableRow", "content": [{"type": "text", "text": "bare cell"}]},
            {"type": "text", "text": "top-level text", "marks": "bad"},
            {"type": "text", "text": "marked", "marks": [{"type": "link"}, {"type": "textColor", "attrs": {"color": "red;x"}}, 5]},
            {"type": "mention"}, {"type": "emoji"}, {"type": "date", "attrs": {"timestamp": []}},
            {"type": "status"}, {"type": "inlineCard"}, {"type": "media"},
            {"type": "mediaSingle", "content": [{"type": "media", "attrs": {"alt": "a!b|c.png"}}]},
            {"type": "panel", "attrs": {"panelType": 7}, "content": [{"type": "text", "text": "panel text"}]},
            {"type": "expand", "attrs": {"title": "a|b}c"}, "content": [{"type": "text", "text": "exp"}]},
            {"type": "codeBlock", "attrs": {"language": "}evil{"}, "content": [{"type": "text", "text": "code"}, {"type": "paragraph", "content": [{"type": "text", "text": "odd"}]}]},
            {"type": "futureThing", "text": "future own", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "future kid"}]}]},
            {"type": "paragraph", "content": [{"type": "futureInline", "content": [{"type": "text", "text": "inline kid"}]}, {"type": "table"}]}
        ]}),
    ];
    for doc in &inputs {
        let _ = adf_to_wiki(doc, &no_users);
        let _ = adf_to_wiki(doc, &bob);
        let _ = adf_to_html(doc);
        let _ = adf_to_plain(doc);
    }
    let messy = &inputs[inputs.len() - 1];
    let (wiki, html, plain) = (
        adf_to_wiki(messy, &no_users),
        adf_to_html(messy),
        adf_to_plain(messy),
    );
    for needle in [
        "stray",
        "loose",
        "not a row",
        "bare cell",
        "top-level text",
        "marked",
        "panel text",
        "exp",
        "code",
        "odd",
        "future own",
        "future kid",
        "inline kid",
    ] {
        assert!(
            unescape_wiki(&wiki).contains(needle),
            "wiki lacks {needle}: {wiki}"
        );
        assert!(html.contains(needle), "html lacks {needle}: {html}");
        assert!(plain.contains(needle), "plain lacks {needle}: {plain}");
    }
    assert!(wiki.contains("h6. h"));
    assert!(wiki.contains("{panel:title=a/b)c}"));
    assert!(wiki.contains("{code:evil}"));
    assert!(!html.contains("red;x\""));
    assert!(adf_to_plain(&inputs[3]).contains("twothree"));
}

/// Wraps a node without `json!` (which would deep-copy it recursively).
pub(super) fn wrap(kind: &str, node: Value) -> Value {
    let mut map = serde_json::Map::new();
    map.insert("type".to_string(), Value::String(kind.to_string()));
    map.insert("content".to_string(), Value::Array(vec![node]));
    Value::Object(map)
}

#[test]
fn deep_nesting_degrades_without_overflow() {
    let mut node = json!({"type": "paragraph", "content": [{"type": "text", "text": "bottom"}]});
    for i in 0..3000 {
        let kind = ["blockquote", "bulletList", "listItem", "panel", "tableCell"][i % 5];
        node = wrap(kind, node);
    }
    let doc = wrap("doc", node);
    assert!(adf_to_wiki(&doc, &no_users).contains("bottom"));
    assert!(adf_to_html(&doc).contains("bottom"));
    assert!(adf_to_plain(&doc).contains("bottom"));
    std::mem::forget(doc);
}

/// Replaces the `pick`-th value (in pre-order) of `node` with `junk`.
fn mutate(node: &mut Value, pick: &mut usize, junk: &Value) {
    if *pick == 0 {
        *node = junk.clone();
        return;
    }
    *pick -= 1;
    match node {
        Value::Object(map) => map.values_mut().for_each(|v| mutate(v, pick, junk)),
        Value::Array(items) => items.iter_mut().for_each(|v| mutate(v, pick, junk)),
        _ => {}
    }
}

#[test]
fn randomly_corrupted_documents_never_panic() {
    let junk = [
        json!(null),
        json!(-1),
        json!(1e300),
        json!("text"),
        json!([]),
        json!({}),
        json!({"type": "text"}),
        json!({"type": "listItem", "content": [{"type": "table"}]}),
        json!({"type": "heading", "attrs": {"level": -9e18}}),
        json!("\\*[|{}]!\n# h1. --"),
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..400 {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let mut doc = full_doc();
        let mut pick = (seed >> 33) as usize % 400;
        let junk_value = &junk[round % junk.len()];
        mutate(&mut doc, &mut pick, junk_value);
        let _ = adf_to_wiki(&doc, &bob);
        let _ = adf_to_html(&doc);
        let _ = adf_to_plain(&doc);
    }
}
