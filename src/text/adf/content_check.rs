//! Test-only checks of the demo dataset `assets/demo/content.json`: schema,
//! counts, ADF shape, node/mark coverage, and that it converts cleanly.

use std::collections::BTreeSet;

use serde_json::Value;

use super::sample::{MARK_TYPES, NODE_TYPES, used_types};
use super::tests::{assert_leaves_kept, no_users};
use super::{adf_to_html, adf_to_plain, adf_to_wiki};

/// Account ids of the fixed demo users.
const ACCOUNT_IDS: [&str; 3] = [
    "5b10a2844c20165700ede21g",
    "5b10ac8d82e05b22cc7d4ef5",
    "5c5c8c3a1a4d1f0e5a8b4c7d",
];

fn load() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/demo/content.json");
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => panic!("cannot read {path}: {e}"),
    };
    match serde_json::from_str(&text) {
        Ok(value) => value,
        Err(e) => panic!("content.json does not parse: {e}"),
    }
}

fn strings<'a>(value: &'a Value, what: &str) -> Vec<&'a str> {
    let Some(items) = value.as_array() else {
        panic!("{what} is not an array");
    };
    items
        .iter()
        .map(|v| match v.as_str() {
            Some(s) if !s.trim().is_empty() && s.trim() == s => s,
            _ => panic!("{what}: bad entry {v}"),
        })
        .collect()
}

fn str_attr<'a>(node: &'a Value, key: &str) -> Option<&'a str> {
    node.get("attrs")?.get(key)?.as_str()
}

/// Allowed child types for the container nodes whose content is fixed.
fn allowed_children(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "bulletList" | "orderedList" => &["listItem"],
        "taskList" => &["taskItem", "taskList"],
        "decisionList" => &["decisionItem"],
        "table" => &["tableRow"],
        "tableRow" => &["tableCell", "tableHeader"],
        "mediaSingle" | "mediaGroup" => &["media"],
        "blockquote" => &["paragraph"],
        "layoutSection" => &["layoutColumn"],
        "codeBlock" => &["text"],
        "panel" => &[
            "paragraph",
            "heading",
            "bulletList",
            "orderedList",
            "blockCard",
        ],
        _ => return None,
    })
}

/// Checks the shape of one ADF node (recursively); returns a description
/// of the first problem.
fn check_node(node: &Value, path: &str) -> Result<(), String> {
    let kind = node
        .get("type")
        .and_then(Value::as_str)
        .ok_or(format!("{path}: node without string type"))?;
    if !NODE_TYPES.contains(&kind) || kind == "doc" {
        return Err(format!("{path}: unexpected node type {kind}"));
    }
    let here = format!("{path}/{kind}");
    if kind == "text" {
        match node.get("text").and_then(Value::as_str) {
            Some(t) if !t.is_empty() => {}
            _ => return Err(format!("{here}: empty text")),
        }
    }
    if let Some(marks) = node.get("marks") {
        let marks = marks.as_array().ok_or(format!("{here}: marks not array"))?;
        let names: Vec<&str> = marks
            .iter()
            .filter_map(|m| m.get("type").and_then(Value::as_str))
            .collect();
        if names.len() != marks.len() || names.iter().any(|n| !MARK_TYPES.contains(n)) {
            return Err(format!("{here}: bad marks {names:?}"));
        }
        if names.contains(&"code")
            && names
                .iter()
                .any(|n| !matches!(*n, "code" | "link" | "annotation"))
        {
            return Err(format!("{here}: code mark combined with {names:?}"));
        }
    }
    check_attrs(node, kind, &here)?;
    let kids = match node.get("content") {
        None => &[][..],
        Some(Value::Array(kids)) => kids.as_slice(),
        Some(_) => return Err(format!("{here}: content not array")),
    };
    if let Some(allowed) = allowed_children(kind) {
        for kid in kids {
            let k = kid.get("type").and_then(Value::as_str).unwrap_or("");
            if !allowed.contains(&k) {
                return Err(format!("{here}: child {k} not allowed"));
            }
        }
    }
    if kind == "mediaSingle" && kids.len() != 1 {
        return Err(format!("{here}: needs exactly one media"));
    }
    if kind == "codeBlock" && kids.iter().any(|k| k.get("marks").is_some()) {
        return Err(format!("{here}: marks inside code block"));
    }
    if kind == "listItem" {
        let first = kids
            .first()
            .and_then(|k| k.get("type"))
            .and_then(Value::as_str);
        if !matches!(first, Some("paragraph" | "codeBlock" | "mediaSingle")) {
            return Err(format!("{here}: bad first child {first:?}"));
        }
    }
    for (i, kid) in kids.iter().enumerate() {
        check_node(kid, &format!("{here}[{i}]"))?;
    }
    Ok(())
}

/// Attribute rules for the nodes whose attributes matter to renderers.
fn check_attrs(node: &Value, kind: &str, here: &str) -> Result<(), String> {
    let ok = match kind {
        "heading" => node
            .get("attrs")
            .and_then(|a| a.get("level"))
            .and_then(Value::as_i64)
            .is_some_and(|l| (1..=6).contains(&l)),
        "mention" => {
            str_attr(node, "id").is_some_and(|id| ACCOUNT_IDS.contains(&id))
                && str_attr(node, "text").is_some_and(|t| t.starts_with('@'))
        }
        "emoji" => str_attr(node, "shortName").is_some_and(|s| s.starts_with(':')),
        "date" => str_attr(node, "timestamp").is_some_and(|t| t.parse::<i64>().is_ok()),
        "status" => {
            str_attr(node, "text").is_some()
                && matches!(
                    str_attr(node, "color"),
                    Some("neutral" | "purple" | "blue" | "red" | "yellow" | "green")
                )
        }
        "panel" => matches!(
            str_attr(node, "panelType"),
            Some("info" | "note" | "tip" | "warning" | "error" | "success")
        ),
        "taskItem" => matches!(str_attr(node, "state"), Some("TODO" | "DONE")),
        "media" => str_attr(node, "alt").is_some() && str_attr(node, "id").is_some(),
        "inlineCard" | "blockCard" | "embedCard" => {
            str_attr(node, "url").is_some_and(|u| u.starts_with("https://"))
        }
        "expand" | "nestedExpand" => str_attr(node, "title").is_some(),
        "taskList" | "decisionList" => str_attr(node, "localId").is_some(),
        _ => true,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{here}: bad attrs {:?}", node.get("attrs")))
    }
}

/// Checks a whole ADF document.
fn check_doc(doc: &Value, what: &str) {
    let root_ok = doc.get("version").and_then(Value::as_i64) == Some(1)
        && doc.get("type").and_then(Value::as_str) == Some("doc")
        && doc.get("content").is_some_and(Value::is_array);
    assert!(root_ok, "{what}: bad root");
    for (i, block) in crate::text::rich::adf::node::children(doc)
        .iter()
        .enumerate()
    {
        if let Err(e) = check_node(block, &format!("{what}[{i}]")) {
            panic!("{e}");
        }
    }
    assert!(!adf_to_plain(doc).trim().is_empty(), "{what}: no text");
    assert!(
        !adf_to_wiki(doc, &no_users).trim().is_empty(),
        "{what}: no wiki"
    );
    assert!(!adf_to_html(doc).trim().is_empty(), "{what}: no html");
    assert_leaves_kept(doc, what);
}

#[test]
fn projects_labels_and_epics() {
    let content = load();
    let projects = content["projects"].as_array().cloned().unwrap_or_default();
    assert_eq!(projects.len(), 3);
    let mut keys = BTreeSet::new();
    for project in &projects {
        let key = project["key"].as_str().unwrap_or("");
        assert!(!key.is_empty() && key.chars().all(|c| c.is_ascii_uppercase()));
        keys.insert(key);
        assert!(project["name"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(
            project["description"]
                .as_str()
                .is_some_and(|s| !s.is_empty())
        );
        let lead = project["lead"].as_str().unwrap_or("");
        assert!(["alice", "bob", "carol"].contains(&lead), "lead {lead}");
        assert!(strings(&project["components"], key).len() >= 3);
    }
    let labels = strings(&content["labels"], "labels");
    assert!(labels.len() >= 7);
    assert_eq!(labels.iter().collect::<BTreeSet<_>>().len(), labels.len());
    assert!(labels.iter().all(|l| !l.contains(' ')));
    let epics = content["epics"].as_array().cloned().unwrap_or_default();
    for key in &keys {
        let count = epics.iter().filter(|e| e["project"] == *key).count();
        assert!(count >= 4, "{key} has {count} epics");
    }
    for (i, epic) in epics.iter().enumerate() {
        assert!(keys.contains(epic["project"].as_str().unwrap_or("")));
        assert!(epic["summary"].as_str().is_some_and(|s| !s.is_empty()));
        check_doc(&epic["description"], &format!("epics[{i}]"));
    }
}

#[test]
fn summaries_are_plentiful_and_distinct() {
    let content = load();
    let summaries = &content["summaries"];
    for (kind, min) in [("Bug", 60), ("Story", 60), ("Task", 60), ("Sub-task", 40)] {
        let list = strings(&summaries[kind], kind);
        let distinct: BTreeSet<&str> = list.iter().copied().collect();
        assert!(distinct.len() >= min, "{kind}: {} distinct", distinct.len());
        assert_eq!(distinct.len(), list.len(), "{kind} has duplicates");
        assert!(list.iter().all(|s| s.chars().count() <= 255));
    }
    let all: Vec<&str> = ["Bug", "Story", "Task"]
        .iter()
        .flat_map(|k| strings(&summaries[*k], k))
        .collect();
    assert!(all.iter().any(|s| !s.is_ascii()), "no non-ASCII summary");
    assert!(all.iter().any(|s| s.contains('"')), "no quoted summary");
    assert!(all.iter().any(|s| s.len() > 90), "no long summary");
}

#[test]
fn documents_are_valid_and_cover_the_schema() {
    let content = load();
    let descriptions = content["descriptions"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let comments = content["comments"].as_array().cloned().unwrap_or_default();
    assert!(
        descriptions.len() >= 25,
        "{} descriptions",
        descriptions.len()
    );
    assert!(comments.len() >= 30, "{} comments", comments.len());
    let mut nodes = BTreeSet::new();
    let mut marks = BTreeSet::new();
    for (what, docs) in [("descriptions", &descriptions), ("comments", &comments)] {
        for (i, doc) in docs.iter().enumerate() {
            check_doc(doc, &format!("{what}[{i}]"));
            used_types(doc, &mut nodes, &mut marks);
        }
    }
    let missing_nodes: Vec<_> = NODE_TYPES.iter().filter(|n| !nodes.contains(**n)).collect();
    let missing_marks: Vec<_> = MARK_TYPES.iter().filter(|m| !marks.contains(**m)).collect();
    assert!(missing_nodes.is_empty(), "unused nodes {missing_nodes:?}");
    assert!(missing_marks.is_empty(), "unused marks {missing_marks:?}");
}
