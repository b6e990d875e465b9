//! `@Display Name` in typed text → mentions of the people the caller named, and bare
//! `https://` addresses → links (as GitHub and Jira's own editor link them).

use crate::text::rich::{Inline, Marks};

/// Splits `text` at each `@` + a name from `names` (tried in order, so the caller puts the
/// longest first) that starts a word and ends one, and at each `http://` or `https://` address
/// that starts a word (when `links`). `after_word` says whether the text before `text` ended
/// in a letter or digit (then an `@` at its very start does not start a word). Unknown
/// `@words` stay text.
pub(super) fn split_mentions(
    text: &str,
    marks: Marks,
    names: &[&str],
    links: bool,
    after_word: bool,
) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut plain_from = 0;
    let mut prev_word = after_word;
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        let next = at + c.len_utf8();
        if matches!(c, 'h' | 'H')
            && links
            && !prev_word
            && !marks.code
            && let Some(len) = bare_url(&text[at..])
        {
            if plain_from < at {
                out.push(Inline::Text {
                    text: text[plain_from..at].to_string(),
                    marks,
                });
            }
            let url = &text[at..at + len];
            out.push(Inline::Link {
                url: url.to_string(),
                content: vec![Inline::Text {
                    text: url.to_string(),
                    marks,
                }],
            });
            at += len;
            plain_from = at;
            prev_word = false;
            continue;
        }
        if c == '@' && !prev_word && !marks.code {
            let rest = &text[next..];
            let found = names.iter().find(|name| {
                rest.starts_with(**name)
                    && !rest[name.len()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
            });
            if let Some(name) = found {
                if plain_from < at {
                    out.push(Inline::Text {
                        text: text[plain_from..at].to_string(),
                        marks,
                    });
                }
                out.push(Inline::Mention {
                    name: (*name).to_string(),
                });
                at = next + name.len();
                plain_from = at;
                prev_word = name.chars().last().is_some_and(char::is_alphanumeric);
                continue;
            }
        }
        prev_word = c.is_alphanumeric();
        at = next;
    }
    if plain_from < text.len() {
        out.push(Inline::Text {
            text: text[plain_from..].to_string(),
            marks,
        });
    }
    out
}

/// The length of the `http(s)://` address `text` starts with, if it does: up to a space or
/// `<`, without the punctuation that ends a sentence, and with something after the `//`.
fn bare_url(text: &str) -> Option<usize> {
    let scheme = ["https://", "http://"].into_iter().find(|s| {
        text.get(..s.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(s))
    })?;
    let end = text
        .find(|c: char| c.is_whitespace() || c == '<')
        .unwrap_or(text.len());
    let url = text[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '"']);
    (url.len() > scheme.len()).then_some(url.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(inlines: &[Inline]) -> Vec<String> {
        inlines
            .iter()
            .map(|i| match i {
                Inline::Text { text, .. } => text.clone(),
                Inline::Mention { name } => format!("<{name}>"),
                Inline::Link { url, .. } => format!("<{url}>"),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn longest_name_at_word_starts_only() {
        let people = ["Bob Brown", "Bob"];
        let got = split_mentions(
            "hi @Bob Brown and @Bob, not a@Bob or @Bobby",
            Marks::default(),
            &people,
            true,
            false,
        );
        assert_eq!(
            names(&got),
            [
                "hi ",
                "<Bob Brown>",
                " and ",
                "<Bob>",
                ", not a@Bob or @Bobby"
            ]
        );
        assert_eq!(
            names(&split_mentions(
                "@Bob",
                Marks::default(),
                &people,
                true,
                true
            )),
            ["@Bob"]
        );
        assert_eq!(
            names(&split_mentions(
                "@Carol",
                Marks::default(),
                &people,
                true,
                false
            )),
            ["@Carol"]
        );
    }

    #[test]
    fn bare_addresses_become_links() {
        let got = split_mentions(
            "see https://a.test/x?y=1. or (http://b.test) but xhttps://c.test and https://",
            Marks::default(),
            &[],
            true,
            false,
        );
        assert_eq!(
            names(&got),
            [
                "see ",
                "<https://a.test/x?y=1>",
                ". or (",
                "<http://b.test>",
                ") but xhttps://c.test and https://"
            ]
        );
        let no_links = split_mentions("https://a.test", Marks::default(), &[], false, false);
        assert_eq!(names(&no_links), ["https://a.test"]);
    }
}
