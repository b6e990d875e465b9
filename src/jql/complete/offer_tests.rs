//! Candidates, insertion and the suggestion cache.

use super::*;
use crate::jira::models::{AutocompleteData, Suggestion};

/// Context and candidates at the `|` in `marked`.
fn offer(marked: &str, data: &CompletionData, values: Option<&[Suggestion]>) -> Vec<Candidate> {
    let cursor = marked.find('|').expect("a | marks the cursor");
    let text = marked.replacen('|', "", 1);
    candidates(&context_at(&text, cursor), data, values)
}

fn labels(found: &[Candidate]) -> Vec<&str> {
    found.iter().map(|c| c.label.as_str()).collect()
}

/// Accepts the candidate labelled `label` at the `|`; returns the text with
/// the new cursor marked.
fn accept(
    marked: &str,
    label: &str,
    data: &CompletionData,
    values: Option<&[Suggestion]>,
) -> String {
    let cursor = marked.find('|').expect("a | marks the cursor");
    let text = marked.replacen('|', "", 1);
    let ctx = context_at(&text, cursor);
    let found = candidates(&ctx, data, values);
    let chosen = found
        .iter()
        .find(|c| c.label == label)
        .unwrap_or_else(|| panic!("{label} not offered in {:?}", labels(&found)));
    let (mut out, at) = apply(&text, ctx.replace().expect("a context"), chosen);
    out.insert(at, '|');
    out
}

fn suggestion(value: &str, display: &str) -> Suggestion {
    Suggestion {
        value: value.into(),
        display_name: display.into(),
    }
}

/// A site in Jira's shape, with custom fields.
fn site() -> CompletionData {
    let json = r#"{
      "visibleFieldNames": [
        {"value": "project", "displayName": "project", "orderable": "true",
         "operators": ["=", "!=", "in", "not in", "is", "is not"],
         "types": ["com.atlassian.jira.project.Project"]},
        {"value": "assignee", "displayName": "assignee", "orderable": "true",
         "operators": ["=", "!=", "was", "in", "not in", "was not", "is", "is not", "changed"],
         "types": ["com.atlassian.jira.user.ApplicationUser"]},
        {"value": "\"Story Points\"", "displayName": "Story Points - cf[10016]", "cfid": "cf[10016]",
         "orderable": "true", "operators": ["=", "!=", ">", "<", "is", "is not"],
         "types": ["java.lang.Number"]},
        {"value": "Team", "displayName": "Team - cf[10001]", "cfid": "cf[10001]",
         "operators": ["="], "types": ["x"]},
        {"value": "Team", "displayName": "Team - cf[10002]", "cfid": "cf[10002]",
         "operators": ["="], "types": ["x"]},
        {"value": "comment", "displayName": "comment", "orderable": "false",
         "operators": ["~", "!~"], "types": ["java.lang.String"]}
      ],
      "visibleFunctionNames": [
        {"value": "currentUser()", "displayName": "currentUser()",
         "types": ["com.atlassian.jira.user.ApplicationUser"]},
        {"value": "membersOf()", "displayName": "membersOf()", "isList": "true",
         "types": ["com.atlassian.jira.user.ApplicationUser"]},
        {"value": "now()", "displayName": "now()", "types": ["java.util.Date"]}
      ],
      "jqlReservedWords": ["empty", "and", "distinct", "acme"]
    }"#;
    let data: AutocompleteData = serde_json::from_str(json).expect("site data");
    CompletionData::from_site(&data)
}

#[test]
fn fields_fuzzy_ranked() {
    let data = CompletionData::builtin();
    let found = offer("proj|", &data, None);
    assert_eq!(found[0].label, "project");
    assert_eq!(found[0].detail, "field");
    assert_eq!(found[0].kind, CandidateKind::Field);
    assert_eq!(labels(&offer("stat|", &data, None))[0], "status");
    // Word starts: "dd" finds duedate; "rd" finds resolutiondate.
    assert!(labels(&offer("dd|", &data, None)).contains(&"duedate"));
    // An exact match beats a longer prefix match.
    let found = offer("key|", &data, None);
    assert_eq!(found[0].label, "key");
    // Nothing typed: the natural order, and NOT offered too.
    let all = offer("|", &data, None);
    let all = labels(&all);
    assert_eq!(&all[..3], &["project", "issuetype", "status"]);
    assert!(all.contains(&"NOT"));
    assert!(offer("zzz|", &data, None).is_empty());
}

#[test]
fn custom_fields_by_name_and_id() {
    let data = site();
    let found = offer("story|", &data, None);
    assert_eq!(found[0].label, "Story Points");
    assert_eq!(found[0].text_to_insert, "\"Story Points\"");
    assert_eq!(found[0].detail, "custom field cf[10016]");
    let found = offer("cf[100|", &data, None);
    assert_eq!(found[0].label, "cf[10016]");
    assert_eq!(found[0].detail, "custom field Story Points");
    assert_eq!(accept("cf[100|", "cf[10016]", &data, None), "cf[10016] |");
    // Two fields called Team: only the ids tell them apart.
    let team: Vec<_> = offer("team|", &data, None)
        .into_iter()
        .map(|c| c.text_to_insert)
        .collect();
    assert_eq!(team, ["cf[10001]", "cf[10002]"]);
    // Its operators come from the site.
    assert_eq!(
        labels(&offer("\"Story Points\" |", &data, None)),
        ["=", "!=", ">", "<", "IS", "IS NOT"]
    );
    assert_eq!(labels(&offer("cf[10016] |", &data, None)).len(), 6);
}

#[test]
fn operators_for_the_field() {
    let data = CompletionData::builtin();
    let ops = labels(&offer("project |", &data, None)).join(" ");
    assert_eq!(ops, "= != IN NOT IN IS IS NOT");
    assert_eq!(
        labels(&offer("summary |", &data, None)),
        ["~", "!~", "IS", "IS NOT"]
    );
    assert_eq!(labels(&offer("project n|", &data, None))[0], "NOT IN");
    assert_eq!(labels(&offer("project !|", &data, None)), ["!="]);
    assert_eq!(labels(&offer("status is n|", &data, None)), ["IS NOT"]);
    // An unknown field gets every operator.
    assert!(labels(&offer("whatever |", &data, None)).contains(&"WAS NOT IN"));
    // The site's list wins over the built-in one.
    assert!(!labels(&offer("assignee |", &site(), None)).contains(&"WAS IN"));
}

#[test]
fn values_from_suggestions_and_functions() {
    let data = CompletionData::builtin();
    let values = [
        suggestion("ACME", "<b>AC</b>ME Corp (ACME)"),
        suggestion("ACE", "Ace &amp; Co (ACE)"),
        suggestion("In Progress", "In Progress"),
    ];
    let found = offer("project = |", &data, Some(&values));
    assert_eq!(
        labels(&found),
        ["ACME Corp (ACME)", "Ace & Co (ACE)", "In Progress", "EMPTY"]
    );
    assert_eq!(found[0].text_to_insert, "ACME");
    assert_eq!(found[0].detail, "ACME");
    assert_eq!(found[2].text_to_insert, "\"In Progress\"");
    let found = offer("project = \"in p|", &data, Some(&values));
    assert_eq!(found[0].label, "In Progress");
    // Reserved words are quoted, including the site's own.
    let reserved = [suggestion("select", "select"), suggestion("acme", "acme")];
    let found: Vec<_> = offer("labels = |", &site(), Some(&reserved))
        .into_iter()
        .filter(|c| c.kind == CandidateKind::Value)
        .map(|c| c.text_to_insert)
        .collect();
    assert_eq!(found, ["\"select\"", "\"acme\"", "EMPTY"]);
}

#[test]
fn functions_that_fit() {
    let data = CompletionData::builtin();
    let found = offer("assignee = |", &data, None);
    let found = labels(&found);
    assert_eq!(found[0], "currentUser()");
    assert!(!found.contains(&"now()"));
    assert!(!found.contains(&"membersOf()"));
    let found = offer("assignee in |", &data, None);
    let found = labels(&found);
    assert!(found.contains(&"membersOf()") && !found.contains(&"currentUser()"));
    let found = offer("assignee in (|", &data, None);
    let found = labels(&found);
    assert!(found.contains(&"currentUser()") && !found.contains(&"membersOf()"));
    let found = offer("created > |", &data, None);
    let found = labels(&found);
    assert!(found.contains(&"startOfDay()") && !found.contains(&"currentUser()"));
    assert!(labels(&offer("summary ~ |", &data, None)).is_empty());
    let found = offer("status changed by |", &data, None);
    let found = labels(&found);
    assert_eq!(found, ["currentUser()"]);
    assert_eq!(
        labels(&offer("assignee = cu|", &site(), None))[0],
        "currentUser()"
    );
}

#[test]
fn is_offers_empty_and_not() {
    let data = CompletionData::builtin();
    assert_eq!(
        labels(&offer("status IS |", &data, None)),
        ["EMPTY", "NULL", "NOT"]
    );
    assert_eq!(
        labels(&offer("status is not |", &data, None)),
        ["EMPTY", "NULL"]
    );
    assert_eq!(accept("status is |", "NOT", &data, None), "status is NOT |");
    assert_eq!(
        labels(&offer("status is NOT |", &data, None)),
        ["EMPTY", "NULL"]
    );
    let was = offer("status was |", &data, None);
    let was = labels(&was);
    assert!(was.ends_with(&["EMPTY", "NOT", "IN"]));
}

#[test]
fn lists_open_and_close() {
    let data = CompletionData::builtin();
    let values = [
        suggestion("Open", "Open"),
        suggestion("In Progress", "In Progress"),
    ];
    assert_eq!(
        accept("status in |", "Open", &data, Some(&values)),
        "status in (Open |"
    );
    assert_eq!(
        accept("status in (Open |", ",", &data, None),
        "status in (Open, |"
    );
    assert_eq!(
        accept("status in (Open |", ")", &data, None),
        "status in (Open) |"
    );
    assert_eq!(
        accept("status in (Open, |", "In Progress", &data, Some(&values)),
        "status in (Open, \"In Progress\" |"
    );
    assert_eq!(
        accept("status in (Op|)", "Open", &data, Some(&values)),
        "status in (Open|)"
    );
}

#[test]
fn keywords_after_clauses_and_in_order_by() {
    let data = CompletionData::builtin();
    assert_eq!(
        labels(&offer("project = ACME |", &data, None)),
        ["AND", "OR", "ORDER BY"]
    );
    assert_eq!(
        labels(&offer("project = ACME or|", &data, None)),
        ["OR", "ORDER BY"]
    );
    assert_eq!(labels(&offer("(a = b |", &data, None)), ["AND", "OR", ")"]);
    assert!(labels(&offer("status was Open |", &data, None)).contains(&"BEFORE"));
    assert_eq!(labels(&offer("a = b ORDER |", &data, None)), ["BY"]);
    let fields = offer("project = ACME ORDER BY |", &data, None);
    let fields = labels(&fields);
    assert!(fields.contains(&"updated") && !fields.contains(&"text"));
    assert!(!labels(&offer("a = b ORDER BY |", &site(), None)).contains(&"comment"));
    assert_eq!(
        labels(&offer("a = b ORDER BY updated |", &data, None)),
        ["ASC", "DESC", ","]
    );
    assert_eq!(
        labels(&offer("a = b ORDER BY updated DESC |", &data, None)),
        [","]
    );
    assert_eq!(
        accept("a = b ORDER BY updated DESC |", ",", &data, None),
        "a = b ORDER BY updated DESC, |"
    );
    assert_eq!(
        accept("a = b ORDER BY up|", "updated", &data, None),
        "a = b ORDER BY updated |"
    );
}

#[test]
fn accepting_walks_through_a_query() {
    let data = CompletionData::builtin();
    let values = [suggestion("ACME", "Acme (ACME)")];
    let text = accept("proj|", "project", &data, None);
    assert_eq!(text, "project |");
    assert!(matches!(
        context_at("project ", 8),
        CompletionContext::Operator { .. }
    ));
    let text = accept(&text, "=", &data, None);
    assert_eq!(text, "project = |");
    let text = accept(&text, "Acme (ACME)", &data, Some(&values));
    assert_eq!(text, "project = ACME |");
    let text = accept(&text, "ORDER BY", &data, None);
    assert_eq!(text, "project = ACME ORDER BY |");
    // In the middle of a word the whole word goes; a following space is reused.
    assert_eq!(
        accept("pro|ject = A", "project", &data, None),
        "project |= A"
    );
    assert_eq!(accept("st|  = A", "status", &data, None), "status | = A");
}

#[test]
fn apply_is_safe_with_unicode_and_bad_ranges() {
    let c = Candidate {
        text_to_insert: "ÄÖ".into(),
        label: "ÄÖ".into(),
        detail: String::new(),
        kind: CandidateKind::Value,
        score: 0,
    };
    let (out, at) = apply("x = é", 4..6, &c);
    assert_eq!((out.as_str(), at), ("x = ÄÖ ", 9));
    // A range inside a character or past the end is clamped.
    let (out, at) = apply("é", 1..99, &c);
    assert_eq!((out.as_str(), at), ("ÄÖ ", 5));
    let backwards = std::ops::Range { start: 2, end: 1 };
    let (out, _) = apply("abc", backwards, &c);
    assert_eq!(out, "aÄÖ bc");
}

#[test]
fn suggestion_requests() {
    let req = |marked: &str| {
        let cursor = marked.find('|').expect("cursor");
        suggestion_request(&context_at(&marked.replacen('|', "", 1), cursor))
    };
    assert_eq!(req("project = AC|"), Some(("project".into(), "AC".into())));
    assert_eq!(
        req("status in (Open, \"In Pr|"),
        Some(("status".into(), "In Pr".into()))
    );
    assert_eq!(
        req("\"Story Points\" = |"),
        Some(("Story Points".into(), String::new()))
    );
    assert_eq!(req("summary ~ x|"), None);
    assert_eq!(req("status is |"), None);
    assert_eq!(req("proj|"), None);
}

#[test]
fn cache_answers_longer_prefixes_by_filtering() {
    let mut cache = SuggestionCache::new(2);
    let few = vec![
        suggestion("ACME", "Acme"),
        suggestion("BETA", "Beta <b>Ac</b>count"),
    ];
    cache.insert("Project", "a", few);
    let exact = cache.lookup("project", "A").expect("cached");
    assert!(exact.complete);
    assert_eq!(exact.results.len(), 2);
    let longer = cache.lookup("project", "acm").expect("derived");
    assert!(longer.complete);
    assert_eq!(longer.results, vec![suggestion("ACME", "Acme")]);
    assert!(cache.lookup("status", "acm").is_none());
    assert!(cache.lookup("project", "b").is_none());
    // A capped answer is only a first guess.
    let many: Vec<_> = (0..15).map(|i| suggestion(&format!("A{i}"), "")).collect();
    cache.insert("labels", "", many);
    let guess = cache.lookup("labels", "a1").expect("derived");
    assert!(!guess.complete);
    assert_eq!(guess.results.len(), 6);
    // The bound holds: the least recently used answer went.
    cache.insert("status", "o", vec![]);
    assert_eq!(cache.len(), 2);
    assert!(cache.get("project", "a").is_none());
    assert!(cache.get("labels", "").is_some());
}
