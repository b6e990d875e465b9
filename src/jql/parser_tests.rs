//! Tests of the parser: every construct, precedence, and Jira's messages.

use super::*;

fn ok(input: &str) -> Query {
    match parse(input) {
        Ok(q) => q,
        Err(e) => panic!("{input:?} failed: {}", e.message),
    }
}

fn term(clause: &Clause) -> &Term {
    match clause {
        Clause::Term(t) => t,
        other => panic!("not a term: {other:?}"),
    }
}

fn value(text: &str) -> Operand {
    Operand::Value {
        text: text.into(),
        quoted: false,
    }
}

#[test]
fn empty_and_order_only_queries() {
    assert_eq!(ok(""), Query::default());
    assert_eq!(ok("   \n "), Query::default());
    let q = ok("ORDER BY priority DESC, created");
    assert!(q.clause.is_none());
    assert_eq!(q.order_by.len(), 2);
    assert_eq!(q.order_by[0].field.text, "priority");
    assert_eq!(q.order_by[0].direction, Some(SortDirection::Desc));
    assert_eq!(q.order_by[1].direction, None);
    assert_eq!(q.order_by[1].field_span, 24..31);
}

#[test]
fn simple_term_with_spans() {
    let q = ok("project = ABC");
    let t = term(q.clause.as_ref().unwrap());
    assert_eq!(t.field.text, "project");
    assert_eq!(t.field_span, 0..7);
    assert_eq!(t.operator, Operator::Eq);
    assert_eq!(t.operand, value("ABC"));
    assert_eq!(t.operand_span, 10..13);
    assert_eq!(t.span, 0..13);
}

#[test]
fn every_operator() {
    let cases = [
        ("a = b", Operator::Eq),
        ("a != b", Operator::NotEq),
        ("a > b", Operator::Gt),
        ("a >= b", Operator::Ge),
        ("a < b", Operator::Lt),
        ("a <= b", Operator::Le),
        ("a ~ b", Operator::Like),
        ("a !~ b", Operator::NotLike),
        ("a in (b)", Operator::In),
        ("a NOT IN (b)", Operator::NotIn),
        ("a is EMPTY", Operator::Is),
        ("a IS not null", Operator::IsNot),
        ("a was b", Operator::Was),
        ("a was not b", Operator::WasNot),
        ("a was in (b)", Operator::WasIn),
        ("a was not in (b)", Operator::WasNotIn),
        ("a changed", Operator::Changed),
    ];
    for (input, op) in cases {
        let q = ok(input);
        assert_eq!(term(q.clause.as_ref().unwrap()).operator, op, "{input}");
    }
}

#[test]
fn operands() {
    let q = ok(r#"a in ("In Progress", 'x y', 12, EMPTY, f(1, "two"), (c))"#);
    let t = term(q.clause.as_ref().unwrap());
    assert_eq!(
        t.operand,
        Operand::List(vec![
            Operand::Value {
                text: "In Progress".into(),
                quoted: true
            },
            Operand::Value {
                text: "x y".into(),
                quoted: true
            },
            value("12"),
            Operand::Empty,
            Operand::Function {
                name: "f".into(),
                args: vec!["1".into(), "two".into()]
            },
            Operand::List(vec![value("c")]),
        ])
    );
    let q = ok("assignee = currentUser()");
    assert_eq!(
        term(q.clause.as_ref().unwrap()).operand,
        Operand::Function {
            name: "currentUser".into(),
            args: vec![]
        }
    );
    let q = ok(r#"summary ~ "\"exact phrase\"" and a = b\ c"#);
    let Some(Clause::And(parts)) = &q.clause else {
        panic!()
    };
    assert_eq!(
        term(&parts[0]).operand,
        Operand::Value {
            text: "\"exact phrase\"".into(),
            quoted: true
        }
    );
    assert_eq!(term(&parts[1]).operand, value("b c"));
    let q = ok("created >= -7d and due < 2024-01-31 and x = alice.b");
    assert!(matches!(q.clause, Some(Clause::And(ref v)) if v.len() == 3));
}

#[test]
fn field_names() {
    let q = ok(r#""Story Points" > 3 and cf[10010] = x and CF [ 7 ] = y"#);
    let Some(Clause::And(parts)) = &q.clause else {
        panic!()
    };
    let f0 = &term(&parts[0]).field;
    assert_eq!(
        (f0.text.as_str(), f0.quoted, f0.custom_id),
        ("Story Points", true, None)
    );
    let f1 = &term(&parts[1]).field;
    assert_eq!((f1.text.as_str(), f1.custom_id), ("cf[10010]", Some(10010)));
    assert_eq!(term(&parts[2]).field.custom_id, Some(7));
}

#[test]
fn precedence_not_and_or() {
    let q = ok("a = 1 OR b = 2 AND NOT c = 3");
    let Some(Clause::Or(parts)) = &q.clause else {
        panic!("{q:?}")
    };
    assert_eq!(parts.len(), 2);
    let Clause::And(and) = &parts[1] else {
        panic!()
    };
    assert!(matches!(and[1], Clause::Not(_)));

    let q = ok("(a = 1 OR b = 2) AND c = 3");
    let Some(Clause::And(parts)) = &q.clause else {
        panic!()
    };
    assert!(matches!(parts[0], Clause::Or(_)));

    let q = ok("a = 1 && b = 2 || ! c = 3 & d = 4 | e = 5");
    let Some(Clause::Or(parts)) = &q.clause else {
        panic!()
    };
    assert_eq!(parts.len(), 3);

    let q = ok("NOT NOT (a = 1)");
    assert!(matches!(q.clause, Some(Clause::Not(ref inner)) if matches!(**inner, Clause::Not(_))));
}

#[test]
fn history_predicates() {
    let q = ok("status was Open by bob after -1d during (\"2024/01/01\", now())");
    let t = term(q.clause.as_ref().unwrap());
    let kinds: Vec<_> = t.predicates.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        vec![
            PredicateKind::By,
            PredicateKind::After,
            PredicateKind::During
        ]
    );
    let q = ok("status changed from Open to Done and x = y");
    let Some(Clause::And(parts)) = &q.clause else {
        panic!()
    };
    assert_eq!(term(&parts[0]).predicates.len(), 2);
}

#[test]
fn positions_on_later_lines() {
    let e = parse("project = A\n  AND status foo").unwrap_err();
    assert_eq!((e.line, e.character), (2, 14));
    assert!(e.message.ends_with("(line 2, character 14)"));
    let e = parse("a = b and").unwrap_err();
    assert_eq!((e.line, e.character), (1, 10));
}

proptest::proptest! {
    #[test]
    fn parse_never_panics(input in "(?s).{0,60}|[a-z =!<>~()\\[\\],'\"\\\\&|%cf0-9-]{0,60}") {
        let _ = parse(&input);
    }
}
