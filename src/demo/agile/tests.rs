use super::moves::{RankTarget, Scope, board_issues};
use super::*;
use crate::demo::{DemoConfig, Site, search};

fn site(flavor: Flavor) -> Site {
    Site::new(&DemoConfig {
        flavor,
        ..DemoConfig::default()
    })
}

fn keys(site: &Site, hits: &[u32]) -> Vec<String> {
    hits.iter().map(|&i| site.data.key(i as usize)).collect()
}

#[test]
fn the_acme_board_has_an_active_sprint_with_a_mix_of_statuses_and_a_backlog() {
    let site = site(Flavor::Cloud);
    let data = &site.data;
    let board = data.agile.board(1).unwrap();
    let active = data.agile.find_sprint("ACME Sprint 12").unwrap();
    let live = site.live();
    let in_sprint = board_issues(data, &live, board, Scope::Sprint(active));
    assert!(in_sprint.len() >= 15, "{}", in_sprint.len());
    let statuses: std::collections::HashSet<u8> = in_sprint
        .iter()
        .map(|&i| data.issues[i as usize].status)
        .collect();
    assert!(statuses.len() >= 3, "{statuses:?}");
    let backlog = board_issues(data, &live, board, Scope::Backlog);
    assert!(!backlog.is_empty());
    assert!(backlog.iter().all(|i| !in_sprint.contains(i)));
    // Rank order.
    let ranks: Vec<u64> = in_sprint
        .iter()
        .map(|&i| data.issues[i as usize].rank)
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn moving_to_a_sprint_shows_in_jql_and_a_closed_sprint_refuses() {
    let site = site(Flavor::Dc);
    let data = &site.data;
    let board = data.agile.board(1).unwrap();
    let live = site.live();
    let backlog = board_issues(data, &live, board, Scope::Backlog);
    let first = backlog
        .iter()
        .find(|&&i| !data.issue_types[data.issues[i as usize].issue_type as usize].is_subtask())
        .unwrap();
    let key = data.key(*first as usize);
    move_to_sprint(&site, 13, std::slice::from_ref(&key)).unwrap();
    let found = search::run(&site, "sprint = \"ACME Sprint 13\"", Some(0), false).unwrap();
    assert!(keys(&site, &found).contains(&key));
    let open = search::run(&site, "sprint in openSprints()", Some(0), false).unwrap();
    assert!(keys(&site, &open).contains(&key));
    let refused = move_to_sprint(&site, 9, std::slice::from_ref(&key)).unwrap_err();
    assert!(refused.to_string().contains("closed"), "{refused}");
    move_to_backlog(&site, std::slice::from_ref(&key)).unwrap();
    let found = search::run(&site, "sprint = 13", Some(0), false).unwrap();
    assert!(!keys(&site, &found).contains(&key));
    let unknown = search::run(&site, "sprint = \"No such sprint\"", Some(0), false).unwrap_err();
    assert!(unknown.contains("does not exist"), "{unknown}");
}

#[test]
fn ranking_moves_an_issue_and_order_by_rank_follows() {
    let site = site(Flavor::Cloud);
    let ordered = search::run(&site, "project = ACME ORDER BY Rank ASC", Some(0), false).unwrap();
    let all = keys(&site, &ordered);
    let (first, fifth) = (all[0].clone(), all[4].clone());
    let out = rank(
        &site,
        std::slice::from_ref(&fifth),
        &RankTarget::Before(first.clone()),
    )
    .unwrap();
    assert!(out.iter().all(|(_, e)| e.is_none()));
    let again = search::run(&site, "project = ACME ORDER BY Rank ASC", Some(0), false).unwrap();
    let again = keys(&site, &again);
    assert_eq!(again[0], fifth);
    assert_eq!(again[1], first);
    // Against an issue on no common board: refused for that issue.
    let ops = search::run(&site, "project = OPS", Some(0), false).unwrap();
    let ops_key = site.data.key(ops[0] as usize);
    let out = rank(
        &site,
        std::slice::from_ref(&first),
        &RankTarget::After(ops_key),
    )
    .unwrap();
    assert!(
        out[0]
            .1
            .as_deref()
            .unwrap()
            .contains("not on the same board")
    );
}

#[test]
fn many_small_moves_renumber_without_losing_the_order() {
    let site = site(Flavor::Cloud);
    let ordered = search::run(&site, "project = ACME ORDER BY Rank", Some(0), false).unwrap();
    let all = keys(&site, &ordered);
    // Push the same pair together far more often than the gap allows.
    for n in 0..30 {
        let (a, b) = if n % 2 == 0 {
            (&all[1], &all[2])
        } else {
            (&all[2], &all[1])
        };
        rank(
            &site,
            std::slice::from_ref(a),
            &RankTarget::Before(b.clone()),
        )
        .unwrap();
    }
    let again = search::run(&site, "project = ACME ORDER BY Rank", Some(0), false).unwrap();
    assert_eq!(again.len(), ordered.len());
    let live = site.live();
    let ranks: Vec<u64> = again
        .iter()
        .map(|&i| live.issue(&site.data, i as usize).rank)
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] < w[1]));
}
