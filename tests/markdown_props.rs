//! Properties of the Markdown converters over random Markdown-ish text: the ADF is always
//! valid against Atlassian's schema, the wiki writer never panics, and every word of the
//! input survives the way back through the readers the detail view uses (ADF →
//! `rich::from_adf`, wiki → `rich::from_wiki`), which is how the composer previews a comment.

mod markdown_support;

use jiratty::text::markdown::{to_adf, to_wiki};
use jiratty::text::rich::{from_adf, from_wiki, to_plain};
use markdown_support::{people, schema_errors};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag};

/// All the text Markdown reads in `src`: text, code, HTML, and link and image targets.
fn markdown_text(src: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut out = String::new();
    for event in Parser::new_ext(src, options) {
        match event {
            Event::Text(s) | Event::Code(s) | Event::Html(s) | Event::InlineHtml(s) => {
                out.push_str(&s);
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                out.push(' ');
                out.push_str(&dest_url);
            }
            _ => {}
        }
        out.push(' ');
    }
    out
}

/// Markdown syntax, GitHub's extensions, wiki syntax and mentions, in pieces.
const TOKENS: [&str; 52] = [
    " ",
    " ",
    " ",
    "\n",
    "\n",
    "\n\n",
    "  \n",
    "*",
    "**",
    "_",
    "__",
    "~~",
    "`",
    "```\n",
    "```rust\n",
    "~~~\n",
    "# ",
    "### ",
    "> ",
    ">> ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "7) ",
    "  - ",
    "    ",
    "- [ ] ",
    "- [x] ",
    "|",
    " | ",
    "|---|",
    "\n|-|-|\n",
    "---",
    "***",
    "[",
    "]",
    "](https://l.test/",
    ")",
    "![",
    "<",
    ">",
    "<https://a.test>",
    "<b>",
    "</b>",
    "\\",
    "{",
    "}",
    "@Bob",
    "@Bob Brown",
    "@Carol",
    "!",
];

#[derive(Debug, Clone)]
enum Tok {
    Word(String),
    Markup(usize),
}

fn markdown() -> impl Strategy<Value = (String, Vec<String>)> {
    let tok = prop_oneof![
        3 => "[a-z]{3,8}".prop_map(Tok::Word),
        4 => (0..TOKENS.len()).prop_map(Tok::Markup),
    ];
    prop::collection::vec(tok, 0..70).prop_map(|toks| {
        let mut src = String::new();
        let mut words = Vec::new();
        for t in toks {
            match t {
                Tok::Word(w) => {
                    src.push_str(&w);
                    words.push(w);
                }
                Tok::Markup(i) => src.push_str(TOKENS[i]),
            }
        }
        (src, words)
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn adf_is_valid_and_both_outputs_read_back((src, words) in markdown()) {
        let adf = to_adf(&src, &people());
        let errors = schema_errors(&adf);
        prop_assert!(errors.is_empty(), "{src:?} gave invalid ADF: {errors:?}\n{adf}");
        let from_cloud = to_plain(&from_adf(&adf), 2000);
        let wiki = to_wiki(&src, &people());
        let from_dc = to_plain(&from_wiki(&wiki), 2000);
        let kept = markdown_text(&src);
        for w in words.iter().filter(|w| kept.contains(w.as_str())) {
            prop_assert!(from_cloud.contains(w.as_str()), "{w:?} lost from {src:?} via ADF:\n{from_cloud}\n{adf}");
            prop_assert!(from_dc.contains(w.as_str()), "{w:?} lost from {src:?} via wiki:\n{from_dc}\n{wiki}");
        }
    }

    #[test]
    fn any_text_converts(src in "\\PC{0,300}") {
        let adf = to_adf(&src, &people());
        let errors = schema_errors(&adf);
        prop_assert!(errors.is_empty(), "{src:?} gave invalid ADF: {errors:?}\n{adf}");
        let _ = to_wiki(&src, &people());
    }
}

#[test]
fn hostile_nesting_neither_overflows_nor_loses_text() {
    for src in [
        format!("{}deep", ">".repeat(20_000)),
        format!("{}deep", "- ".repeat(5_000)),
        (0..400)
            .map(|i| format!("{}- deep{i}\n", "  ".repeat(i)))
            .collect(),
        format!("{}deep{}", "*".repeat(10_000), "*".repeat(10_000)),
        format!("{}deep{}", "[".repeat(10_000), "]".repeat(10_000)),
    ] {
        let adf = to_adf(&src, &people());
        assert!(
            schema_errors(&adf).is_empty(),
            "invalid ADF for {:?}",
            &src[..40]
        );
        assert!(to_plain(&from_adf(&adf), 200).contains("deep"));
        let wiki = to_wiki(&src, &people());
        assert!(
            to_plain(&from_wiki(&wiki), 200).contains("deep"),
            "{}",
            &wiki[..wiki.len().min(300)]
        );
    }
}
