//! Phrase markers in braces (`{*}bold{*}`), which Jira reads without a word boundary; the
//! wiki writers put them where a marker touches a word (`CO{~}2{~}`).

use super::*;

#[test]
fn braced_markers_format_inside_words() {
    let marks = |src: &str| match from_wiki(src).blocks.first() {
        Some(Block::Paragraph(inlines)) => inlines.clone(),
        other => panic!("{other:?}"),
    };
    let got = marks("CO{~}2{~} in{*}side{*}word");
    assert_eq!(
        got,
        vec![
            Inline::Text {
                text: "CO".into(),
                marks: Marks::default()
            },
            Inline::Text {
                text: "2".into(),
                marks: Marks {
                    sub: true,
                    ..Marks::default()
                }
            },
            Inline::Text {
                text: " in".into(),
                marks: Marks::default()
            },
            Inline::Text {
                text: "side".into(),
                marks: Marks {
                    bold: true,
                    ..Marks::default()
                }
            },
            Inline::Text {
                text: "word".into(),
                marks: Marks::default()
            },
        ]
    );
    // Unclosed, or on another line: literal.
    assert_eq!(wiki80("a{*}b\nc{*}"), "a{*}b\nc{*}");
    assert_eq!(wiki80("{x} {*}"), "{x} {*}");
}
