//! Decoding issues one by one, so that one damaged issue cannot fail its page. An issue whose
//! fields are not in the shape Jira uses (a number where an object belongs) comes back with
//! what could be read and a note of what could not, in its `problem` field; the issues beside
//! it are unaffected.

use super::list_issue::ListIssue;
use super::models::Issue;
use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// An issue as a search page carries it: the full [`Issue`] or the lean [`ListIssue`].
pub trait PageIssue: DeserializeOwned + Default {
    /// The issue key ("" when the server sent none).
    fn issue_key(&self) -> &str;
    /// Records what of the issue could not be read.
    fn set_problem(&mut self, problem: String);
}

impl PageIssue for Issue {
    fn issue_key(&self) -> &str {
        &self.key
    }
    fn set_problem(&mut self, problem: String) {
        self.problem = Some(problem);
    }
}

impl PageIssue for ListIssue {
    fn issue_key(&self) -> &str {
        &self.key
    }
    fn set_problem(&mut self, problem: String) {
        self.problem = Some(problem);
    }
}

/// Decodes one issue from its JSON text. An issue that does not decode as a whole is decoded
/// without the fields (then top-level keys) that cannot be read, and marked with their names.
/// `None` when the text is not a JSON object at all.
pub fn decode_issue<I: PageIssue>(raw: &str) -> Option<I> {
    if let Ok(issue) = serde_json::from_str::<I>(raw) {
        return Some(issue);
    }
    match serde_json::from_str::<Value>(raw) {
        Ok(Value::Object(object)) => Some(salvage(object)),
        _ => None,
    }
}

/// An issue of a page: decoded, salvaged, or (not even an object) an empty issue that says so.
fn page_issue<I: PageIssue>(raw: &RawValue) -> I {
    decode_issue(raw.get()).unwrap_or_else(|| {
        let mut issue = I::default();
        issue.set_problem("nothing could be read".to_string());
        issue
    })
}

/// Reads a page's `issues` array one issue at a time (null reads as empty).
pub(crate) fn page_issues<'de, D, I>(d: D) -> Result<Vec<I>, D::Error>
where
    D: Deserializer<'de>,
    I: PageIssue,
{
    let raw: Option<Vec<Box<RawValue>>> = Option::deserialize(d)?;
    Ok(raw
        .unwrap_or_default()
        .iter()
        .map(|r| page_issue(r))
        .collect())
}

fn salvage<I: PageIssue>(mut object: Map<String, Value>) -> I {
    let mut unreadable = Vec::new();
    if let Some(Value::Object(fields)) = object.get_mut("fields") {
        let names: Vec<String> = fields.keys().cloned().collect();
        for name in names {
            let Some(value) = fields.remove(&name) else {
                continue;
            };
            // The field alone, inside an otherwise empty issue.
            let mut inner = Map::new();
            inner.insert(name.clone(), value);
            let mut probe = Map::new();
            probe.insert("fields".to_string(), Value::Object(inner));
            let probe = Value::Object(probe);
            let readable = I::deserialize(&probe).is_ok();
            if let Value::Object(mut top) = probe
                && let Some(Value::Object(mut inner)) = top.remove("fields")
                && let Some(value) = inner.remove(&name)
                && readable
            {
                fields.insert(name, value);
            } else {
                unreadable.push(name);
            }
        }
    }
    let names: Vec<String> = object.keys().cloned().collect();
    for name in names {
        let Some(value) = object.remove(&name) else {
            continue;
        };
        let mut probe = Map::new();
        probe.insert(name.clone(), value);
        let probe = Value::Object(probe);
        if I::deserialize(&probe).is_ok()
            && let Value::Object(mut probe) = probe
            && let Some(value) = probe.remove(&name)
        {
            object.insert(name, value);
        } else {
            unreadable.push(name);
        }
    }
    let mut issue = I::deserialize(&Value::Object(object)).unwrap_or_default();
    issue.set_problem(problem_sentence(&unreadable));
    issue
}

/// "priority, status and labels could not be read", with at most five names, each cleaned of
/// control characters and shortened (they come from the server).
fn problem_sentence(names: &[String]) -> String {
    let mut shown: Vec<String> = names
        .iter()
        .take(5)
        .map(|n| {
            let clean: String = n.chars().filter(|c| !c.is_control()).take(40).collect();
            if clean.is_empty() {
                "a field without a name".to_string()
            } else {
                clean
            }
        })
        .collect();
    if names.len() > shown.len() {
        shown.push(format!("{} more", names.len() - shown.len()));
    }
    match shown.as_slice() {
        [] => "something could not be read".to_string(),
        [one] => format!("{one} could not be read"),
        [rest @ .., last] => format!("{} and {last} could not be read", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const PAGE: &str = r#"{"issues":[
        {"key":"A-1","fields":{"summary":"fine","priority":{"name":"High"}}},
        {"key":"A-2","fields":{"summary":"odd","priority":5,"status":7,"labels":3,
         "issuetype":{"name":"Bug"},"customfield_1":{"x":1}}},
        {"key":"A-3","fields":{"summary":"fine too"}},
        5,
        {"key":"A-5","fields":4}
    ]}"#;

    #[derive(Deserialize)]
    struct Page<I: PageIssue> {
        #[serde(deserialize_with = "page_issues")]
        issues: Vec<I>,
    }

    #[test]
    fn one_bad_issue_leaves_the_rest_of_a_full_page_alone() {
        let page: Page<Issue> = serde_json::from_str(PAGE).unwrap();
        let keys: Vec<&str> = page.issues.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys, ["A-1", "A-2", "A-3", "", "A-5"]);
        assert_eq!(page.issues[0].problem, None);
        assert_eq!(page.issues[2].problem, None);
        let odd = &page.issues[1];
        assert_eq!(odd.fields.summary.as_deref(), Some("odd"));
        assert_eq!(odd.fields.issuetype.as_ref().unwrap().name, "Bug");
        assert_eq!(odd.fields.other["customfield_1"], json!({"x": 1}));
        assert_eq!(odd.fields.priority, None);
        let problem = odd.problem.as_deref().unwrap();
        for name in ["priority", "status", "labels"] {
            assert!(problem.contains(name), "{problem}");
        }
        assert!(!problem.contains("summary"), "{problem}");
        assert!(page.issues[3].problem.is_some());
        assert_eq!(
            page.issues[4].problem.as_deref(),
            Some("fields could not be read")
        );
    }

    #[test]
    fn one_bad_issue_leaves_the_rest_of_a_lean_page_alone() {
        let page: Page<ListIssue> = serde_json::from_str(PAGE).unwrap();
        assert_eq!(page.issues.len(), 5);
        assert_eq!(
            page.issues[0].fields.priority.as_ref().unwrap().name,
            "High"
        );
        let odd = &page.issues[1];
        assert_eq!(odd.key, "A-2");
        assert_eq!(odd.fields.summary, "odd");
        assert_eq!(odd.fields.issuetype.as_ref().unwrap().name, "Bug");
        // The lean model reads no labels: only what it reads can be damaged.
        assert_eq!(
            odd.problem.as_deref(),
            Some("priority and status could not be read")
        );
        assert_eq!(page.issues[2].problem, None);
    }

    #[test]
    fn names_in_the_problem_are_clean_and_few() {
        let names: Vec<String> = ["a\x1b[2Jb", "", "c", "d", "e", "f", "g"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            problem_sentence(&names),
            "a[2Jb, a field without a name, c, d, e and 2 more could not be read"
        );
    }

    #[test]
    fn a_single_issue_that_is_not_an_object_is_refused() {
        assert!(decode_issue::<Issue>("5").is_none());
        assert!(decode_issue::<Issue>("null").is_none());
        let issue: Issue = decode_issue(r#"{"key":"A-1","fields":{"labels":{"x":1}}}"#).unwrap();
        assert_eq!(issue.key, "A-1");
        assert_eq!(issue.problem.as_deref(), Some("labels could not be read"));
    }
}
