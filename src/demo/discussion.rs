//! One issue with a long discussion: more comments than an issue embeds (see
//! [`super::json::EMBEDDED_COMMENTS`]), so that clients have to page through
//! `issue/{key}/comment` to read them all.
//!
//! The comments are added after the dataset is generated, from fixed text and arithmetic on
//! their position, without touching the dataset's random generator: every other issue stays
//! exactly as the seed makes it.

use super::model::{Comment, Dataset};
use chrono::Duration;
use serde_json::{Value, json};

/// The issue that gets the long discussion (when the dataset has it).
pub const LONG_DISCUSSION_KEY: &str = "DOC-19";
/// How many comments the long discussion adds to the issue's own.
pub const EXTRA_COMMENTS: usize = 45;

/// Sentences the discussion is made of, picked by position.
const SENTENCES: [&str; 18] = [
    "I can reproduce this on staging with a fresh account.",
    "The query parameter is parsed, but the repository call drops it.",
    "Looks like the regression came in with the pagination refactor.",
    "Adding a failing test first so that we do not lose it again.",
    "Customers on the enterprise plan noticed it this morning.",
    "The v1 endpoint still filters correctly, so the old code path is fine.",
    "I pushed a branch with a fix; it needs a second pair of eyes.",
    "Review done, two small remarks on the naming.",
    "The fix also has to cover the closed and cancelled states.",
    "The docs should say that unknown status values are rejected with a 400.",
    "Deployed to staging; the filter works for open and closed orders.",
    "Performance is unchanged, the index on status is used.",
    "Support asked whether we can backport this to the 3.1 branch.",
    "Backporting is cheap, the code did not move much since then.",
    "QA found one more case: status=OPEN in upper case is ignored too.",
    "Matching is case-insensitive now, with a test for it.",
    "The release notes have a short description of the fix.",
    "Waiting for the Thursday release train before closing this.",
];

/// Authors of the discussion, by login name.
const AUTHORS: [&str; 3] = ["alice", "bob", "carol"];

/// The body of the `n`-th added comment (0-based): one to three sentences.
fn body(n: usize) -> String {
    let count = 1 + (n * 5 + n / 4) % 3;
    let sentences: Vec<&str> = (0..count)
        .map(|j| SENTENCES[(n * 7 + j * 11) % SENTENCES.len()])
        .collect();
    format!("Update {}: {}", n + 1, sentences.join(" "))
}

fn doc(text: String) -> Value {
    json!({
        "type": "doc",
        "version": 1,
        "content": [{"type": "paragraph", "content": [{"type": "text", "text": text}]}],
    })
}

/// Adds [`EXTRA_COMMENTS`] comments to [`LONG_DISCUSSION_KEY`], after its own ones and before
/// its last update. Does nothing when the dataset has no such issue.
pub fn lengthen(data: &mut Dataset) {
    let Some(index) = data.find_issue(LONG_DISCUSSION_KEY) else {
        return;
    };
    let authors: Vec<u8> = AUTHORS
        .iter()
        .filter_map(|name| data.users.iter().position(|u| u.name == *name))
        .filter_map(|i| u8::try_from(i).ok())
        .collect();
    if authors.is_empty() {
        return;
    }
    let first_id = data
        .issues
        .iter()
        .flat_map(|i| i.comments.iter().map(|c| c.id))
        .max()
        .map_or(10000, |id| id + 1);
    let issue = &data.issues[index];
    let start = issue.comments.last().map_or(issue.created, |c| c.created);
    // Evenly spread up to the issue's last update, at least a minute apart.
    let step = ((issue.updated - start) / (EXTRA_COMMENTS as i32 + 1)).max(Duration::minutes(1));
    let mut added = Vec::with_capacity(EXTRA_COMMENTS);
    for (n, id) in (first_id..).take(EXTRA_COMMENTS).enumerate() {
        data.docs.push(doc(body(n)));
        added.push(Comment {
            id,
            author: authors[(n + n / 4) % authors.len()],
            body: (data.docs.len() - 1) as u32,
            created: start + step * (n as i32 + 1),
        });
    }
    let issue = &mut data.issues[index];
    if let Some(last) = added.last() {
        // Only on a tiny time span can the last comment come after the last update.
        issue.updated = issue.updated.max(last.created);
    }
    issue.comments.extend(added);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::dataset;

    #[test]
    fn bodies_have_one_to_three_sentences() {
        for n in 0..EXTRA_COMMENTS {
            let b = body(n);
            let sentences = b.matches(". ").count() + 1;
            assert!((1..=3).contains(&sentences), "{b}");
            assert!(b.starts_with(&format!("Update {}: ", n + 1)));
        }
        let counts: std::collections::BTreeSet<usize> = (0..EXTRA_COMMENTS)
            .map(|n| body(n).matches(". ").count())
            .collect();
        assert_eq!(counts.len(), 3, "all three lengths occur");
    }

    #[test]
    fn the_long_discussion_is_in_order_with_unique_ids() {
        let anchor = dataset::default_anchor();
        let data = dataset::build(dataset::DEFAULT_ISSUES, dataset::DEFAULT_SEED, anchor);
        let index = data.find_issue(LONG_DISCUSSION_KEY).expect("the issue");
        let issue = &data.issues[index];
        assert!(issue.comments.len() >= EXTRA_COMMENTS);
        assert!(
            issue
                .comments
                .windows(2)
                .all(|w| w[0].created < w[1].created),
            "oldest first"
        );
        assert!(issue.comments.iter().all(|c| c.created <= issue.updated));
        let authors: std::collections::BTreeSet<u8> =
            issue.comments.iter().map(|c| c.author).collect();
        assert_eq!(authors.len(), 3);
        let mut ids: Vec<u64> = data
            .issues
            .iter()
            .flat_map(|i| i.comments.iter().map(|c| c.id))
            .collect();
        let all = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all, "comment ids are unique");
    }
}
