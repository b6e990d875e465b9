use super::*;
use proptest::prelude::*;

fn split(row: &str) -> (&str, &str) {
    row.split_once(' ').unwrap_or((row, ""))
}

fn ranked(needle: &str, rows: &[&str]) -> Vec<usize> {
    rank(needle, 0..rows.len(), |i| rows.get(i).map(|r| split(r)))
}

#[test]
fn better_matches_come_first_and_equals_keep_list_order() {
    let rows = [
        "ACME-1 Lorem ipsum gin",
        "ACME-2 Login fails on Safari",
        "ACME-3 Blog index",
        "ACME-4 Nothing here",
        "ACME-5 Login page is slow",
    ];
    let got = ranked("login", &rows);
    // Both whole "Login" words first (list order between them), the scattered ones after; no
    // row without l…o…g…i…n.
    assert_eq!(got[..2], [1, 4]);
    assert_eq!(got.len(), 4);
    assert!(!got.contains(&3));
}

#[test]
fn every_word_must_match_and_nothing_typed_shows_all_in_order() {
    let rows = ["ACME-1 Login fails", "ACME-2 Login works", "OPS-3 Fails"];
    assert_eq!(ranked("login fail", &rows), [0]);
    assert_eq!(ranked("  ", &rows), [0, 1, 2]);
}

#[test]
fn positions_are_the_matched_characters() {
    // Numbered over key then summary, with no separator between them.
    let p = positions("lgn", "ACME-2", "Login");
    assert_eq!(p, [6, 8, 10]);
    assert_eq!(positions("a2l", "ACME-2", "Login"), [0, 5, 6]);
    assert!(positions("xyz", "ACME-2", "Login").is_empty());
    assert!(positions("", "ACME-2", "Login").is_empty());
}

#[test]
fn case_and_accents_are_ignored() {
    assert!(score("CAFE", "ACME-1", "café au lait").is_some());
    assert!(score("umlaut", "ACME-1", "Ümlaut").is_some());
}

proptest! {
    /// Every row shown matches, every matching row is shown, and the order follows the score
    /// (list order among equal scores).
    #[test]
    fn shown_rows_match_and_follow_the_score(
        rows in proptest::collection::vec("[a-cA-C0-9 -]{0,12}", 0..40),
        needle in "[a-cA-C ]{0,4}",
    ) {
        let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
        let got = ranked(&needle, &refs);
        let scores: Vec<Option<u32>> = refs
            .iter()
            .map(|r| {
                let (key, summary) = split(r);
                score(&needle, key, summary)
            })
            .collect();
        for &i in &got {
            prop_assert!(scores[i].is_some(), "row {i} {:?} shown without matching", refs[i]);
        }
        let matching = scores.iter().filter(|s| s.is_some()).count();
        prop_assert_eq!(got.len(), matching);
        for pair in got.windows(2) {
            let (a, b) = (scores[pair[0]], scores[pair[1]]);
            prop_assert!(a > b || (a == b && pair[0] < pair[1]), "{:?} before {:?}", pair[0], pair[1]);
        }
    }

    /// Typing on (narrowing the last matches) gives what searching all rows gives.
    #[test]
    fn narrowing_equals_searching_again(
        rows in proptest::collection::vec("[a-c0-9 ]{0,10}", 0..30),
        first in "[a-c]{0,2}",
        more in "[a-c ]{0,2}",
    ) {
        let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
        let before = ranked(&first, &refs);
        let needle = format!("{first}{more}");
        let narrowed = rank(&needle, before.into_iter(), |i| refs.get(i).map(|r| split(r)));
        prop_assert_eq!(narrowed, ranked(&needle, &refs));
    }
}
