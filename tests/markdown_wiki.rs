//! Markdown → Jira wiki markup: each construct gives exactly the expected markup, and text
//! full of wiki's markup characters reads back (through the detail view's wiki reader) as it
//! was typed.

mod markdown_support;

use jiratty::text::markdown::to_wiki;
use jiratty::text::rich::{from_wiki, to_plain};
use markdown_support::people;

fn wiki(md: &str) -> String {
    to_wiki(md, &people())
}

#[test]
fn paragraphs_and_breaks() {
    assert_eq!(wiki(""), "");
    assert_eq!(wiki("one\ntwo  \nthree\n\nnext"), "one\ntwo\nthree\n\nnext");
}

#[test]
fn emphasis_strong_strike_and_code() {
    assert_eq!(
        wiki("*em* **strong** ~~gone~~ `x = 1` ***both***"),
        "_em_ *strong* -gone- {{x = 1}} *_both_*"
    );
    // A marker touching a word takes the braced form; spaces go outside the markers.
    assert_eq!(wiki("in**side**word"), "in{*}side{*}word");
}

#[test]
fn code_blocks_with_and_without_a_language() {
    assert_eq!(
        wiki("```rust\nfn main() {}\n```\n\n    indented *x*"),
        "{code:rust}\nfn main() {}\n{code}\n\n{noformat}\nindented *x*\n{noformat}"
    );
    // A body that would close the macro takes the other one.
    assert_eq!(
        wiki("```rust\nsee {code} here\n```"),
        "{noformat}\nsee {code} here\n{noformat}"
    );
}

#[test]
fn lists_nest_and_tasks_are_text() {
    assert_eq!(
        wiki("- a\n  1. b\n  2. c\n- d\n\n3. three"),
        "* a\n*# b\n*# c\n* d\n\n# three"
    );
    assert_eq!(
        wiki("- [ ] write\n- [x] test\n  - [ ] again"),
        "* \\[ \\] write\n* \\[x\\] test\n** \\[ \\] again"
    );
    // Blocks in an item stay on its line; code keeps its lines, between the list's.
    assert_eq!(
        wiki("- first\n\n  > second\n\n  ```\n  code\n  ```\n- next"),
        "* first\\\\ second\n{noformat}\ncode\n{noformat}\n* next"
    );
}

#[test]
fn quotes_do_not_nest() {
    assert_eq!(
        wiki("> quoted\n>\n> > deeper"),
        "{quote}\nquoted\n\ndeeper\n{quote}"
    );
}

#[test]
fn links_autolinks_and_images() {
    assert_eq!(
        wiki(
            "[the **docs**](https://d.test/a b) [x](https://d.test/a) <https://auto.test> <me@x.test> ![shot](https://i.test/s.png)"
        ),
        "\\[the *docs*\\]([https://d.test/a] b) [x|https://d.test/a] [https://auto.test] [me@x.test|mailto:me@x.test] [shot|https://i.test/s.png]"
    );
    assert_eq!(wiki("see https://b.test/x_y."), "see [https://b.test/x_y].");
}

#[test]
fn headings_tables_rules_html() {
    assert_eq!(wiki("# One\n###### Six"), "h1. One\n\nh6. Six");
    assert_eq!(
        wiki("| Name | *Age* |\n|---|--:|\n| Bob | |\n| a\\|b | c |"),
        "||Name||_Age_||\n|Bob| |\n|a\\|b|c|"
    );
    assert_eq!(wiki("a\n\n---\n\nb"), "a\n\n----\n\nb");
    assert_eq!(
        wiki("<div>raw</div>\n\nan <b>tag</b>"),
        "<div>raw</div>\n\nan <b>tag</b>"
    );
}

#[test]
fn mentions() {
    assert_eq!(
        wiki("@Bob Brown, @Bob and @Nobody; `@Carol`"),
        "[~5b10ac8d82e05b22cc7d4ef5], [~bob-id] and @Nobody; {{@Carol}}"
    );
}

#[test]
fn markup_characters_are_escaped_and_read_back() {
    for text in [
        "use *args and **kwargs* here",
        "a [link] {macro} a|b !image.png!",
        "run --verbose -- now",
        "x^2^ and H~2~O and +under+",
        "smile :) (y) (x)",
        "{code} and {noformat} and {quote}",
        "h1. not a heading",
        "bq. not a quote",
    ] {
        // Backslashes make Markdown take each character literally.
        let md: String = text
            .chars()
            .flat_map(|c| {
                let escape = c.is_ascii_punctuation();
                escape.then_some('\\').into_iter().chain([c])
            })
            .collect();
        let markup = wiki(&md);
        assert_eq!(to_plain(&from_wiki(&markup), 200), text, "via {markup}");
    }
    for line in [
        "* not a list",
        "# not numbered",
        "- not a bullet",
        "| not a table",
        "---- no rule",
    ] {
        // After a line break, so the line would start a wiki block.
        let markup = wiki(&format!("x  \n\\{line}"));
        assert_eq!(
            to_plain(&from_wiki(&markup), 200),
            format!("x\n{line}"),
            "via {markup}"
        );
    }
}
