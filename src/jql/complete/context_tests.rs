//! Given text and cursor (`|` marks it), the expected context.

use super::{CompletionContext as C, KeywordPlace, context_at};

/// The context at the `|` in `marked`.
fn at(marked: &str) -> C {
    let cursor = marked.find('|').expect("a | marks the cursor");
    let text = marked.replacen('|', "", 1);
    context_at(&text, cursor)
}

fn field(prefix: &str, replace: std::ops::Range<usize>) -> C {
    C::Field {
        prefix: prefix.into(),
        replace,
    }
}

fn operator(field: &str, prefix: &str, replace: std::ops::Range<usize>) -> C {
    C::Operator {
        field: field.into(),
        prefix: prefix.into(),
        replace,
    }
}

fn value(field: &str, op: &str, prefix: &str, replace: std::ops::Range<usize>, in_list: bool) -> C {
    C::Value {
        field: field.into(),
        operator: op.into(),
        prefix: prefix.into(),
        replace,
        in_list,
    }
}

fn keyword(prefix: &str, replace: std::ops::Range<usize>, place: KeywordPlace) -> C {
    C::Keyword {
        prefix: prefix.into(),
        replace,
        place,
    }
}

const CLAUSE: KeywordPlace = KeywordPlace::AfterClause {
    in_group: false,
    history: false,
};

#[test]
fn fields_at_clause_starts() {
    assert_eq!(at("|"), field("", 0..0));
    assert_eq!(at("proj|"), field("proj", 0..4));
    assert_eq!(at("pro|ject"), field("pro", 0..7));
    assert_eq!(at("  st|"), field("st", 2..4));
    assert_eq!(at("a = b AND |"), field("", 10..10));
    assert_eq!(at("a = b or st|"), field("st", 9..11));
    assert_eq!(at("(|"), field("", 1..1));
    assert_eq!(at("NOT st|"), field("st", 4..6));
    assert_eq!(at("!st|"), field("st", 1..3));
    assert_eq!(at("a = b AND (c = d OR |"), field("", 20..20));
    assert_eq!(at("\"Story Po|"), field("\"Story Po", 0..9));
    assert_eq!(at("cf[100|"), field("cf[100", 0..6));
    assert_eq!(at("cf[|"), field("cf[", 0..3));
    assert_eq!(at("cf[10016]|"), field("cf[10016]", 0..9));
}

#[test]
fn operators_after_a_field() {
    assert_eq!(at("project |"), operator("project", "", 8..8));
    assert_eq!(at("project i|"), operator("project", "i", 8..9));
    assert_eq!(at("project not |"), operator("project", "not ", 8..12));
    assert_eq!(at("status is no|"), operator("status", "is no", 7..12));
    assert_eq!(at("status WAS n|"), operator("status", "was n", 7..12));
    assert_eq!(at("project !|"), operator("project", "!", 8..9));
    assert_eq!(
        at("\"Story Points\" |"),
        operator("Story Points", "", 15..15)
    );
    assert_eq!(at("cf[10016] |"), operator("cf[10016]", "", 10..10));
    assert_eq!(at("project in|"), operator("project", "in", 8..10));
}

#[test]
fn values_after_an_operator() {
    assert_eq!(at("project = |"), value("project", "=", "", 10..10, false));
    assert_eq!(at("project=|"), value("project", "=", "", 8..8, false));
    assert_eq!(
        at("project = AC|"),
        value("project", "=", "AC", 10..12, false)
    );
    assert_eq!(
        at("project = AC|ME"),
        value("project", "=", "AC", 10..14, false)
    );
    assert_eq!(
        at("status = \"In Pro|"),
        value("status", "=", "\"In Pro", 9..16, false)
    );
    assert_eq!(at("status is |"), value("status", "is", "", 10..10, false));
    assert_eq!(
        at("status IS E|"),
        value("status", "is", "E", 10..11, false)
    );
    assert_eq!(
        at("status is not |"),
        value("status", "is not", "", 14..14, false)
    );
    assert_eq!(at("status in |"), value("status", "in", "", 10..10, false));
    assert_eq!(
        at("status not in |"),
        value("status", "not in", "", 14..14, false)
    );
    assert_eq!(
        at("status was not in |"),
        value("status", "was not in", "", 18..18, false)
    );
    assert_eq!(
        at("created >= -7|"),
        value("created", ">=", "-7", 11..13, false)
    );
}

#[test]
fn values_inside_a_list() {
    assert_eq!(at("status in (|"), value("status", "in", "", 11..11, true));
    assert_eq!(
        at("status in (Open, |"),
        value("status", "in", "", 17..17, true)
    );
    assert_eq!(
        at("status in (Open,Cl|"),
        value("status", "in", "Cl", 16..18, true)
    );
    assert_eq!(
        at("status in (Open |"),
        keyword("", 16..16, KeywordPlace::AfterListItem)
    );
    assert_eq!(at("status in (Open) |"), keyword("", 17..17, CLAUSE));
}

#[test]
fn keywords_after_a_clause() {
    assert_eq!(at("project = ACME |"), keyword("", 15..15, CLAUSE));
    assert_eq!(at("project = ACME an|"), keyword("an", 15..17, CLAUSE));
    assert_eq!(at("project = ACME or|"), keyword("or", 15..17, CLAUSE));
    assert_eq!(
        at("assignee = currentUser() |"),
        keyword("", 25..25, CLAUSE)
    );
    assert_eq!(at("status is EMPTY |"), keyword("", 16..16, CLAUSE));
    let group = KeywordPlace::AfterClause {
        in_group: true,
        history: false,
    };
    assert_eq!(at("(a = b |"), keyword("", 7..7, group));
    assert_eq!(at("(a = b) |"), keyword("", 8..8, CLAUSE));
    let history = KeywordPlace::AfterClause {
        in_group: false,
        history: true,
    };
    assert_eq!(at("status was Open |"), keyword("", 16..16, history));
    assert_eq!(at("status changed |"), keyword("", 15..15, history));
    assert_eq!(
        at("status changed after |"),
        value("status", "after", "", 21..21, false)
    );
    assert_eq!(
        at("status was Open by |"),
        value("status", "by", "", 19..19, false)
    );
}

#[test]
fn order_by() {
    assert_eq!(
        at("project = A ORDER |"),
        keyword("", 18..18, KeywordPlace::OrderBy)
    );
    let order_field = |prefix: &str, replace| C::OrderField {
        prefix: prefix.into(),
        replace,
    };
    assert_eq!(at("project = ACME ORDER BY |"), order_field("", 24..24));
    assert_eq!(at("ORDER BY up|"), order_field("up", 9..11));
    assert_eq!(
        at("x = y ORDER BY updated |"),
        keyword("", 23..23, KeywordPlace::AfterOrderField)
    );
    assert_eq!(
        at("x = y ORDER BY updated DESC |"),
        keyword("", 28..28, KeywordPlace::AfterOrderDirection)
    );
    assert_eq!(
        at("x = y ORDER BY updated DESC, |"),
        order_field("", 29..29)
    );
    assert_eq!(at("x = y ORDER BY updated, k|"), order_field("k", 24..25));
}

#[test]
fn nothing_where_nothing_fits() {
    assert_eq!(at("assignee in membersOf(|"), C::None);
    assert_eq!(at("assignee in membersOf(\"dev|"), C::None);
    assert_eq!(at("project = ACME \"x|"), C::None);
    assert_eq!(at("project = ACME ACME |"), C::None);
    assert_eq!(at("project !|= A"), C::None);
    assert_eq!(at("a = b &|& c"), C::None);
    assert_eq!(at("= |"), C::None);
}

#[test]
fn only_text_before_the_cursor_decides() {
    assert_eq!(at("| project = A"), field("", 0..0));
    assert_eq!(at("project = A AND |\nstatus = Open"), field("", 16..16));
}

#[test]
fn unfinished_quotes_replace_only_up_to_the_cursor() {
    // The unfinished quote runs to the end of the text; the rest must survive.
    let got = at("status = \"In| AND x = y");
    assert_eq!(got, value("status", "=", "\"In", 9..12, false));
}

#[test]
fn byte_offsets_with_unicode() {
    // "é" is two bytes; offsets inside it are moved back to its start.
    let text = "summary ~ é";
    assert_eq!(
        context_at(text, text.len()),
        value("summary", "~", "é", 10..12, false)
    );
    assert_eq!(
        context_at(text, 11),
        value("summary", "~", "", 10..10, false)
    );
    assert_eq!(context_at(text, 999), context_at(text, text.len()));
    let text = "ステータス = 完|";
    let cursor = text.find('|').expect("cursor");
    let text = text.replace('|', "");
    assert!(matches!(context_at(&text, cursor), C::Value { .. }));
}

proptest::proptest! {
    #[test]
    fn never_panics(
        text in "(?s).{0,40}|[a-z =!<>~()\\[\\],'\"\\\\&|cfé0-9-]{0,40}",
        cursor in 0usize..60,
    ) {
        let ctx = context_at(&text, cursor);
        if let Some(replace) = ctx.replace() {
            proptest::prop_assert!(replace.start <= replace.end);
            proptest::prop_assert!(replace.end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(replace.start));
            proptest::prop_assert!(text.is_char_boundary(replace.end));
        }
        let data = super::CompletionData::builtin();
        let found = super::candidates(&ctx, &data, None);
        proptest::prop_assert!(found.len() <= super::MAX_CANDIDATES);
        if let (Some(replace), Some(first)) = (ctx.replace(), found.first()) {
            let (out, at) = super::apply(&text, replace, first);
            proptest::prop_assert!(out.is_char_boundary(at) && at <= out.len());
        }
    }
}
