//! Markdown that a user types (a comment, a description) → Atlassian Document Format for Jira
//! Cloud (REST v3) or wiki markup for Jira Data Center (REST v2).
//!
//! The Markdown is CommonMark with GitHub's tables, strike-through and task lists. It is read
//! into the one rich-text model ([`rich::Doc`]) and written out by the model's writers
//! ([`rich::write_adf`], [`rich::write_wiki`]); a mention is carried by name and the writers
//! ask for its id. A single line break is kept as a line break; HTML stays the text
//! it is; an image becomes a link to it (Jira shows media only from uploaded attachments); a
//! bare `https://` address becomes a link.
//!
//! ```text
//! let people = [Mention { name: "Bob Brown".into(), id: "5b10ac8d82e05b22cc7d4ef5".into() }];
//! let adf = markdown::to_adf("**Hi** @Bob Brown", &people);   // Cloud
//! let wiki = markdown::to_wiki("**Hi** @Bob Brown", &people); // Data Center ([~id])
//! ```

mod mentions;
mod parse;
mod run;
mod write;

pub use write::from_doc;

use crate::text::rich::{self, Doc};

/// A person named in the text as `@Display Name`, with the id Jira knows them by
/// (Cloud: accountId; Data Center: username).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The display name, as typed after the `@`.
    pub name: String,
    /// Cloud: the accountId; Data Center: the username.
    pub id: String,
}

/// Markdown -> an ADF document (`{"type":"doc","version":1,"content":[...]}`), valid
/// against Atlassian's schema for any input.
pub fn to_adf(markdown: &str, mentions: &[Mention]) -> serde_json::Value {
    rich::write_adf(&to_doc(markdown, mentions), &|name| id_of(mentions, name))
}

/// Markdown -> Jira wiki markup.
pub fn to_wiki(markdown: &str, mentions: &[Mention]) -> String {
    rich::write_wiki(&to_doc(markdown, mentions), &|name| id_of(mentions, name))
}

/// Markdown -> the rich-text model, mentions (`@` + one of the names in `mentions`, longest
/// name first, at a word start, not in code) as [`Inline::Mention`](rich::Inline::Mention).
pub fn to_doc(markdown: &str, mentions: &[Mention]) -> Doc {
    let mut names: Vec<&str> = mentions
        .iter()
        .map(|m| m.name.as_str())
        .filter(|n| !n.trim().is_empty())
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    parse::to_doc(markdown, &names)
}

/// The id of the first person with this exact name.
fn id_of(mentions: &[Mention], name: &str) -> Option<String> {
    mentions
        .iter()
        .find(|m| m.name == name)
        .map(|m| m.id.clone())
}

/// The people an ADF document mentions (its `mention` nodes' ids and names), so that text
/// written back from it ([`from_doc`]) mentions them again when it is sent.
pub fn mentions_in_adf(adf: &serde_json::Value) -> Vec<Mention> {
    fn walk(node: &serde_json::Value, depth: usize, out: &mut Vec<Mention>) {
        if depth > rich::adf::node::MAX_DEPTH {
            return;
        }
        if node.get("type").and_then(|t| t.as_str()) == Some("mention")
            && let Some(attrs) = node.get("attrs")
        {
            let id = attrs.get("id").and_then(|v| v.as_str()).unwrap_or("");
            let name = attrs.get("text").and_then(|v| v.as_str()).unwrap_or("");
            let name = name.strip_prefix('@').unwrap_or(name);
            if !id.is_empty() && !name.is_empty() && !out.iter().any(|m| m.name == name) {
                out.push(Mention {
                    name: name.to_string(),
                    id: id.to_string(),
                });
            }
        }
        if let Some(children) = node.get("content").and_then(|c| c.as_array()) {
            for child in children {
                walk(child, depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(adf, 0, &mut out);
    out
}
