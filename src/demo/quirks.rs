//! Always-on misbehaviours of a broken server or proxy, switched on by bare words in
//! `--faults`: a Cloud search that repeats its `nextPageToken`, a Server/DC search (and comment
//! list) that ignores `startAt`, comments without end, and one issue whose fields have the
//! wrong shape.

use serde_json::{Value, json};

/// Which misbehaviours are on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Quirks {
    /// Cloud search: a page asked for with a token answers with that same token again and
    /// `isLast: false`, so a naive client asks for the same page for ever.
    pub repeat_token: bool,
    /// Server/DC search and comment pages: `startAt` is ignored; the first page comes back
    /// every time (with `startAt: 0` and the real total).
    pub ignore_start_at: bool,
    /// Comments: every issue claims 10^12 comments, and every comment page brings one comment
    /// with a new id.
    pub endless_comments: bool,
    /// The issue [`BAD_ISSUE`] sends numbers where Jira sends objects and lists: `status` 7,
    /// `priority` 5, `labels` 3 (those of them that are in the answer).
    pub bad_issue: bool,
}

impl Quirks {
    /// The quirk named `word`, switched on; false for an unknown word.
    pub fn switch_on(&mut self, word: &str) -> bool {
        let flag = match word {
            "repeat-token" => &mut self.repeat_token,
            "ignore-start-at" => &mut self.ignore_start_at,
            "endless-comments" => &mut self.endless_comments,
            "bad-issue" => &mut self.bad_issue,
            _ => return false,
        };
        *flag = true;
        true
    }
}

/// The dataset index of the damaged issue (ACME-2 in the default dataset).
pub const BAD_ISSUE: usize = 1;

/// The comment total [`Quirks::endless_comments`] claims.
pub const ENDLESS_TOTAL: u64 = 1_000_000_000_000;

/// Gives an issue's JSON the wrong shapes of [`Quirks::bad_issue`].
pub fn damage(issue: &mut Value) {
    let Some(fields) = issue.get_mut("fields").and_then(Value::as_object_mut) else {
        return;
    };
    for (name, wrong) in [("status", 7), ("priority", 5), ("labels", 3)] {
        if let Some(value) = fields.get_mut(name) {
            *value = json!(wrong);
        }
    }
}

/// Makes an issue's embedded comment page claim [`ENDLESS_TOTAL`] comments.
pub fn endless_issue(issue: &mut Value) {
    if let Some(page) = issue.pointer_mut("/fields/comment")
        && let Some(page) = page.as_object_mut()
    {
        page.insert("total".to_string(), json!(ENDLESS_TOTAL));
    }
}

/// Turns a comment page (of the issue's first comment) into the page at `start_at` of an
/// endless list: that one comment with an id of its own, and the endless total.
pub fn endless_comment_page(page: &mut Value, start_at: usize) {
    if let Some(first) = page
        .get_mut("comments")
        .and_then(Value::as_array_mut)
        .and_then(|c| c.first_mut())
    {
        first["id"] = json!(format!("{}", 900_000_000 + start_at));
    }
    page["total"] = json!(ENDLESS_TOTAL);
    page["startAt"] = json!(start_at);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_by_name() {
        let mut q = Quirks::default();
        assert!(q.switch_on("repeat-token") && q.switch_on("bad-issue"));
        assert!(!q.switch_on("nonsense"));
        assert!(q.repeat_token && q.bad_issue && !q.ignore_start_at);
    }

    #[test]
    fn damages_only_the_fields_that_are_there() {
        let mut issue =
            json!({"key": "ACME-2", "fields": {"status": {"name": "Open"}, "summary": "s"}});
        damage(&mut issue);
        assert_eq!(
            issue,
            json!({"key": "ACME-2", "fields": {"status": 7, "summary": "s"}})
        );
    }

    #[test]
    fn endless_pages_claim_a_huge_total_with_fresh_ids() {
        let mut page = json!({"comments": [{"id": "1", "body": "b"}], "total": 1, "startAt": 0});
        endless_comment_page(&mut page, 20);
        assert_eq!(page["total"], json!(ENDLESS_TOTAL));
        assert_eq!(page["comments"][0]["id"], json!("900000020"));
        let mut issue = json!({"fields": {"comment": {"total": 3, "comments": []}}});
        endless_issue(&mut issue);
        assert_eq!(issue["fields"]["comment"]["total"], json!(ENDLESS_TOTAL));
    }
}
