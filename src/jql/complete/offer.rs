//! What to offer for a context: the pool of candidates for the context's
//! kind, fuzzy-matched against what was typed and ranked.

use super::data::{DATE_TYPE, USER_TYPE};
use super::quote::{plain_display, typed_text};
use super::{Candidate, CandidateKind, CompletionContext, CompletionData, KeywordPlace};
use crate::jira::models::Suggestion;
use crate::jql::fuzzy;

/// The most candidates [`candidates`] returns.
pub const MAX_CANDIDATES: usize = 50;

/// The history predicates of WAS and CHANGED.
const PREDICATES: &[&str] = &["AFTER", "BEFORE", "ON", "DURING", "BY", "FROM", "TO"];

/// Candidates for `ctx`, best first, at most [`MAX_CANDIDATES`].
///
/// `data` gives fields, operators and functions; `values` are the site's
/// suggestions for a value context (the UI fetches them with
/// [`super::suggestion_request`]). With nothing typed the natural order is
/// kept (the site's order, `=` before `!=`); otherwise candidates are sorted
/// by match quality, then shorter label, then that order.
pub fn candidates(
    ctx: &CompletionContext,
    data: &CompletionData,
    values: Option<&[Suggestion]>,
) -> Vec<Candidate> {
    let mut pool = Pool::default();
    let needle = match ctx {
        CompletionContext::Field { prefix, .. } => {
            let needle = typed_text(prefix);
            fields(&mut pool, data, &needle, false);
            pool.add("NOT", "NOT", "keyword", CandidateKind::Keyword, &["not"]);
            needle
        }
        CompletionContext::OrderField { prefix, .. } => {
            let needle = typed_text(prefix);
            fields(&mut pool, data, &needle, true);
            needle
        }
        CompletionContext::Operator { field, prefix, .. } => {
            operators(&mut pool, data, field);
            prefix.clone()
        }
        CompletionContext::Value {
            field,
            operator,
            prefix,
            in_list,
            ..
        } => {
            offer_values(&mut pool, data, field, operator, *in_list, values);
            typed_text(prefix)
        }
        CompletionContext::Keyword { prefix, place, .. } => {
            keywords(&mut pool, *place);
            prefix.clone()
        }
        CompletionContext::None => return Vec::new(),
    };
    pool.rank(&needle)
}

/// Candidates with the strings each is matched against.
#[derive(Default)]
struct Pool {
    entries: Vec<(Candidate, Vec<String>)>,
}

impl Pool {
    fn add(&mut self, insert: &str, label: &str, detail: &str, kind: CandidateKind, keys: &[&str]) {
        self.entries.push((
            Candidate {
                text_to_insert: insert.to_string(),
                label: label.to_string(),
                detail: detail.to_string(),
                kind,
                score: 0,
            },
            keys.iter().map(|k| k.to_string()).collect(),
        ));
    }

    fn rank(self, needle: &str) -> Vec<Candidate> {
        let mut scored: Vec<(usize, Candidate)> = self
            .entries
            .into_iter()
            .enumerate()
            .filter_map(|(i, (mut candidate, keys))| {
                candidate.score = keys.iter().filter_map(|k| fuzzy::score(needle, k)).max()?;
                Some((i, candidate))
            })
            .collect();
        if !needle.is_empty() {
            scored.sort_by(|(ia, a), (ib, b)| {
                b.score
                    .cmp(&a.score)
                    .then_with(|| a.label.chars().count().cmp(&b.label.chars().count()))
                    .then(ia.cmp(ib))
            });
        }
        scored.truncate(MAX_CANDIDATES);
        scored.into_iter().map(|(_, c)| c).collect()
    }
}

/// Fields (only orderable ones for ORDER BY). A custom field is inserted by
/// name, or by `cf[N]` when the name is shared or `cf[` was typed.
fn fields(pool: &mut Pool, data: &CompletionData, needle: &str, order_by: bool) {
    let by_id = needle
        .get(..3)
        .is_some_and(|start| start.eq_ignore_ascii_case("cf["));
    for field in data.fields.iter().filter(|f| !order_by || f.orderable) {
        match &field.cfid {
            None => pool.add(
                &data.written(&field.name),
                &field.name,
                "field",
                CandidateKind::Field,
                &[&field.name],
            ),
            Some(cfid) if by_id || data.is_ambiguous(&field.name) => pool.add(
                cfid,
                cfid,
                &format!("custom field {}", field.name),
                CandidateKind::Field,
                &[cfid, &field.name],
            ),
            Some(cfid) => pool.add(
                &data.written(&field.name),
                &field.name,
                &format!("custom field {cfid}"),
                CandidateKind::Field,
                &[&field.name, cfid],
            ),
        }
    }
}

/// The operators `field` takes: the site's list, or the operator table's
/// (see [`CompletionData::operators`]).
fn operators(pool: &mut Pool, data: &CompletionData, field: &str) {
    for op in data.operators(field) {
        let shown = op.to_uppercase();
        pool.add(
            &shown,
            &shown,
            describe(&op),
            CandidateKind::Operator,
            &[&op],
        );
    }
}

fn describe(op: &str) -> &'static str {
    match op {
        "=" => "equals",
        "!=" => "does not equal",
        "~" => "contains text",
        "!~" => "does not contain text",
        ">" => "greater than",
        ">=" => "greater than or equal",
        "<" => "less than",
        "<=" => "less than or equal",
        "in" => "is one of",
        "not in" => "is none of",
        "is" => "is EMPTY or NULL",
        "is not" => "is not EMPTY",
        "was" => "was once",
        "was in" => "was once one of",
        "was not" => "was never",
        "was not in" => "was never one of",
        "changed" => "has changed",
        _ => "operator",
    }
}

/// Values: functions that fit the field and operator, the site's
/// suggestions, EMPTY where allowed, and the words that grow IS and WAS.
fn offer_values(
    pool: &mut Pool,
    data: &CompletionData,
    field: &str,
    op: &str,
    in_list: bool,
    values: Option<&[Suggestion]>,
) {
    if op == "is" || op == "is not" {
        pool.add(
            "EMPTY",
            "EMPTY",
            "no value",
            CandidateKind::Value,
            &["empty"],
        );
        pool.add("NULL", "NULL", "no value", CandidateKind::Value, &["null"]);
        if op == "is" {
            pool.add("NOT", "NOT", "IS NOT", CandidateKind::Operator, &["not"]);
        }
        return;
    }
    let list_op = matches!(op, "in" | "not in" | "was in" | "was not in");
    // A list operator before its `(`: values open the list.
    let open = if list_op && !in_list { "(" } else { "" };
    let info = data.field(field);
    let types: Vec<&str> = match op {
        "after" | "before" | "on" | "during" => vec![DATE_TYPE],
        "by" => vec![USER_TYPE],
        _ => info.map_or_else(Vec::new, |f| f.types.iter().map(String::as_str).collect()),
    };
    if op != "~" && op != "!~" {
        for f in &data.functions {
            let fits = types.is_empty()
                || f.types.is_empty()
                || f.types.iter().any(|t| types.contains(&t.as_str()));
            if fits && f.is_list == (list_op && !in_list) {
                pool.add(
                    &f.name,
                    &f.name,
                    "function",
                    CandidateKind::Function,
                    &[&f.name],
                );
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    for s in values.unwrap_or_default() {
        if s.value.is_empty() || !seen.insert(s.value.as_str()) {
            continue;
        }
        let shown = plain_display(&s.display_name);
        let value: String = s.value.chars().filter(|c| !c.is_control()).collect();
        let label = if shown.is_empty() {
            value.clone()
        } else {
            shown
        };
        let detail = if label == value {
            "value"
        } else {
            value.as_str()
        };
        let insert = format!("{open}{}", data.written(&s.value));
        pool.add(
            &insert,
            &label,
            detail,
            CandidateKind::Value,
            &[&label, &value],
        );
    }
    let empty_ok = in_list
        || matches!(
            op,
            "=" | "!=" | "in" | "not in" | "was" | "was in" | "was not" | "was not in"
        );
    if empty_ok {
        let insert = format!("{open}EMPTY");
        pool.add(
            &insert,
            "EMPTY",
            "no value",
            CandidateKind::Value,
            &["empty"],
        );
    }
    match op {
        "was" => {
            pool.add("NOT", "NOT", "WAS NOT", CandidateKind::Operator, &["not"]);
            pool.add("IN", "IN", "WAS IN", CandidateKind::Operator, &["in"]);
        }
        "was not" => pool.add("IN", "IN", "WAS NOT IN", CandidateKind::Operator, &["in"]),
        _ => {}
    }
}

/// The keywords and separators that may follow at `place`.
fn keywords(pool: &mut Pool, place: KeywordPlace) {
    let mut keyword = |word: &str, detail: &str| {
        let kind = if word == "," || word == ")" {
            CandidateKind::Punctuation
        } else {
            CandidateKind::Keyword
        };
        pool.add(word, word, detail, kind, &[word]);
    };
    match place {
        KeywordPlace::AfterClause { in_group, history } => {
            keyword("AND", "both must hold");
            keyword("OR", "either may hold");
            if in_group {
                keyword(")", "close the group");
            } else {
                keyword("ORDER BY", "sort the results");
            }
            if history {
                for p in PREDICATES {
                    keyword(p, "history predicate");
                }
            }
        }
        KeywordPlace::OrderBy => keyword("BY", "ORDER BY"),
        KeywordPlace::AfterOrderField => {
            keyword("ASC", "ascending");
            keyword("DESC", "descending");
            keyword(",", "sort by another field");
        }
        KeywordPlace::AfterOrderDirection => keyword(",", "sort by another field"),
        KeywordPlace::AfterListItem => {
            keyword(",", "another value");
            keyword(")", "close the list");
        }
    }
}
