//! `@Display Name` in typed text → mentions of the people the caller named.

use crate::text::rich::{Inline, Marks};

/// Splits `text` at each `@` + a name from `names` (tried in order, so the caller puts the
/// longest first) that starts a word and ends one. `after_word` says whether the text before
/// `text` ended in a letter or digit (then an `@` at its very start does not start a word).
/// Unknown `@words` stay text.
pub(super) fn split_mentions(
    text: &str,
    marks: Marks,
    names: &[&str],
    after_word: bool,
) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut plain_from = 0;
    let mut prev_word = after_word;
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        let next = at + c.len_utf8();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn names(inlines: &[Inline]) -> Vec<String> {
        inlines
            .iter()
            .map(|i| match i {
                Inline::Text { text, .. } => text.clone(),
                Inline::Mention { name } => format!("<{name}>"),
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
            names(&split_mentions("@Bob", Marks::default(), &people, true)),
            ["@Bob"]
        );
        assert_eq!(
            names(&split_mentions("@Carol", Marks::default(), &people, false)),
            ["@Carol"]
        );
    }
}
