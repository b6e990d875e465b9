//! The client's agile calls against the demo server in both flavours: boards (paged, by
//! project and name), configuration, sprints, board / sprint / backlog issues with JQL and
//! paging, moving between sprints and to the backlog, ranking, and Jira's refusals. Also the
//! Sprint field and `sprint` JQL as the search API sees them.
#![cfg(feature = "demo")]
#![allow(clippy::unwrap_used, clippy::panic)]

mod support;

use jiratty::demo::model::Flavor;
use jiratty::jira::agile::{IssueScope, RankPlace};
use jiratty::jira::{JiraError, ListIssue, SearchRequest};
use support::*;

const FLAVORS: [Flavor; 2] = [Flavor::Cloud, Flavor::Dc];

async fn keys_of(client: &jiratty::jira::Client, jql: &str) -> Vec<String> {
    let mut request = SearchRequest::new(jql);
    request.page_size = 100;
    let page = client
        .search_page_of::<ListIssue>(&request, None)
        .await
        .unwrap();
    page.issues.into_iter().map(|i| i.key).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn boards_configuration_and_sprints() {
    for flavor in FLAVORS {
        let server = demo(flavor).await;
        let alice = alice(&server.url(), flavor);
        let boards = alice.boards(None).await.unwrap();
        let names: Vec<&str> = boards.iter().map(|b| b.name.as_str()).collect();
        assert_eq!(
            names,
            ["ACME board", "OPS Kanban", "Platform (ACME + DOC)"],
            "{flavor:?}"
        );
        assert!(boards[0].is_scrum() && !boards[1].is_scrum());
        assert_eq!(boards[0].project_key, "ACME");
        let ops = alice.boards(Some("OPS")).await.unwrap();
        assert_eq!(ops.len(), 1);
        let acme_boards = alice.boards(Some("ACME")).await.unwrap();
        assert_eq!(acme_boards.len(), 2, "the two-project board is ACME's too");
        assert_eq!(alice.find_board("ops").await.unwrap().id, 2);
        assert_eq!(
            alice.find_board("3").await.unwrap().name,
            "Platform (ACME + DOC)"
        );
        let many = alice.find_board("a").await.unwrap_err();
        assert!(many.to_string().contains("Several boards"), "{many}");
        let missing = alice.board(99).await.unwrap_err();
        assert!(matches!(missing, JiraError::NotFound { .. }), "{missing:?}");

        let config = alice.board_configuration(1).await.unwrap();
        let columns: Vec<&str> = config.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(columns, ["To Do", "In Progress", "In Review", "Done"]);
        assert_eq!(config.columns[1].max, Some(3));
        assert_eq!(
            config.estimation_field.as_deref(),
            Some("customfield_10016")
        );
        let rank_field = match flavor {
            Flavor::Cloud => 10019,
            Flavor::Dc => 10009,
        };
        assert_eq!(config.rank_field, Some(rank_field));
        let kanban = alice.board_configuration(2).await.unwrap();
        assert_eq!(kanban.columns[0].name, "Backlog");
        assert!(kanban.estimation_field.is_none());

        let active = alice.sprints(1, &["active"]).await.unwrap();
        assert_eq!(active.len(), 1);
        assert_eq!(active[0].name, "ACME Sprint 12");
        assert!(!active[0].goal.is_empty() && !active[0].end.is_empty());
        let all = alice.sprints(1, &[]).await.unwrap();
        assert_eq!(all.len(), 6);
        assert_eq!(alice.sprints(1, &["future"]).await.unwrap().len(), 2);
        let no_sprints = alice.sprints(2, &[]).await.unwrap_err();
        assert!(
            matches!(no_sprints, JiraError::BadRequest { .. }),
            "{no_sprints:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn board_sprint_and_backlog_issues_page_in_rank_order() {
    for flavor in FLAVORS {
        let server = demo(flavor).await;
        let alice = alice(&server.url(), flavor);
        let field = Some("customfield_10016");
        let sprint = alice
            .all_board_issues(1, &IssueScope::Sprint(12), None, field, 1000)
            .await
            .unwrap();
        assert!(sprint.len() >= 15, "{flavor:?}: {}", sprint.len());
        assert!(sprint.iter().all(|i| i.key.starts_with("ACME-")));
        assert!(sprint.iter().any(|i| i.estimate.is_some()));
        // Paging: two pages of 5 are the first 10 in the same order.
        let one = alice
            .board_issues(1, &IssueScope::Sprint(12), None, 0, 5, field)
            .await
            .unwrap();
        let two = alice
            .board_issues(1, &IssueScope::Sprint(12), None, 5, 5, field)
            .await
            .unwrap();
        let paged: Vec<&str> = one
            .issues
            .iter()
            .chain(&two.issues)
            .map(|i| i.key.as_str())
            .collect();
        let whole: Vec<&str> = sprint.iter().take(10).map(|i| i.key.as_str()).collect();
        assert_eq!(paged, whole);
        assert_eq!(one.next_start(), Some(5));
        // The same order as JQL's ORDER BY Rank.
        let ranked = keys_of(&alice, "sprint = 12 ORDER BY Rank ASC").await;
        let all: Vec<&str> = sprint.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(ranked, all, "{flavor:?}");
        // JQL narrows.
        let bugs = alice
            .all_board_issues(
                1,
                &IssueScope::Sprint(12),
                Some("issuetype = Bug"),
                field,
                1000,
            )
            .await
            .unwrap();
        assert!(bugs.iter().all(|i| i.issue_type == "Bug"));
        let bad = alice
            .board_issues(1, &IssueScope::All, Some("status = Nope"), 0, 5, field)
            .await
            .unwrap_err();
        assert!(
            matches!(bad, JiraError::BadRequest { .. } | JiraError::BadJql { .. }),
            "{bad:?}"
        );
        let backlog = alice
            .all_board_issues(1, &IssueScope::Backlog, None, field, 1000)
            .await
            .unwrap();
        assert!(!backlog.is_empty());
        assert!(
            backlog
                .iter()
                .all(|b| sprint.iter().all(|s| s.key != b.key))
        );
        let kanban = alice
            .all_board_issues(2, &IssueScope::All, None, None, 1000)
            .await
            .unwrap();
        assert!(kanban.iter().all(|i| i.key.starts_with("OPS-")));
        let kanban_backlog = alice
            .all_board_issues(2, &IssueScope::Backlog, None, None, 1000)
            .await
            .unwrap();
        assert!(kanban_backlog.iter().all(|i| i.status == "To Do"));
        let two_projects = alice
            .all_board_issues(3, &IssueScope::All, None, field, 1000)
            .await
            .unwrap();
        assert!(two_projects.iter().any(|i| i.key.starts_with("DOC-")));
        assert!(two_projects.iter().any(|i| i.key.starts_with("ACME-")));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moves_and_ranks_show_in_jql_and_refusals_carry_jiras_reason() {
    for flavor in FLAVORS {
        let server = demo(flavor).await;
        let alice = alice(&server.url(), flavor);
        let backlog = alice
            .all_board_issues(1, &IssueScope::Backlog, None, None, 1000)
            .await
            .unwrap();
        let key = backlog.iter().find(|i| !i.subtask).unwrap().key.clone();
        alice
            .move_to_sprint(13, std::slice::from_ref(&key))
            .await
            .unwrap();
        assert!(
            keys_of(&alice, "sprint = \"ACME Sprint 13\"")
                .await
                .contains(&key)
        );
        assert!(
            keys_of(&alice, "sprint in futureSprints()")
                .await
                .contains(&key)
        );
        assert!(
            !keys_of(&alice, "sprint in closedSprints()")
                .await
                .contains(&key)
        );
        let closed = alice
            .move_to_sprint(9, std::slice::from_ref(&key))
            .await
            .unwrap_err();
        assert!(
            matches!(&closed, JiraError::BadRequest { message } if message.contains("closed")),
            "{flavor:?}: {closed:?}"
        );
        let missing = alice
            .move_to_sprint(999, std::slice::from_ref(&key))
            .await
            .unwrap_err();
        assert!(matches!(missing, JiraError::NotFound { .. }), "{missing:?}");
        alice
            .move_to_backlog(std::slice::from_ref(&key))
            .await
            .unwrap();
        assert!(
            !keys_of(&alice, "sprint in openSprints()")
                .await
                .contains(&key)
        );

        // Rank the sprint's last issue first.
        let sprint = keys_of(&alice, "sprint = 12 ORDER BY Rank").await;
        let (first, last) = (sprint[0].clone(), sprint[sprint.len() - 1].clone());
        alice
            .rank(
                std::slice::from_ref(&last),
                &RankPlace::Before(first.clone()),
                None,
            )
            .await
            .unwrap();
        let after = keys_of(&alice, "sprint = 12 ORDER BY Rank").await;
        assert_eq!(after[0], last);
        assert_eq!(after[1], first);
        alice
            .rank(
                std::slice::from_ref(&last),
                &RankPlace::After(first.clone()),
                Some(if flavor == Flavor::Cloud {
                    10019
                } else {
                    10009
                }),
            )
            .await
            .unwrap();
        assert_eq!(keys_of(&alice, "sprint = 12 ORDER BY Rank").await[0], first);
        // Against an issue on no common board: refused with Jira's reason.
        let ops = keys_of(&alice, "project = OPS").await;
        let refused = alice
            .rank(
                std::slice::from_ref(&first),
                &RankPlace::Before(ops[0].clone()),
                None,
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&refused, JiraError::BadRequest { message } if message.contains("not on the same board")),
            "{refused:?}"
        );
        // Dave, the viewer, may not.
        let dave = match flavor {
            Flavor::Cloud => client(
                &server.url(),
                jiratty::jira::AuthMethod::ApiToken,
                "dave@example.com",
                "demo-api-token-dave",
            ),
            Flavor::Dc => client(
                &server.url(),
                jiratty::jira::AuthMethod::Pat,
                "",
                "demo-pat-dave",
            ),
        };
        let forbidden = dave
            .move_to_backlog(std::slice::from_ref(&first))
            .await
            .unwrap_err();
        assert!(
            matches!(forbidden, JiraError::Forbidden { .. }),
            "{forbidden:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sprint_field_in_each_flavour() {
    for flavor in FLAVORS {
        let server = demo(flavor).await;
        let alice = alice(&server.url(), flavor);
        let key = keys_of(&alice, "sprint = \"ACME Sprint 12\"").await[0].clone();
        let issue = alice.issue(&key, &Default::default()).await.unwrap();
        let (field, rank) = match flavor {
            Flavor::Cloud => ("customfield_10020", "customfield_10019"),
            Flavor::Dc => ("customfield_10007", "customfield_10009"),
        };
        let sprint = issue.fields.other.get(field).unwrap();
        match flavor {
            Flavor::Cloud => assert_eq!(sprint[0]["name"], "ACME Sprint 12"),
            Flavor::Dc => {
                let text = sprint[0].as_str().unwrap();
                assert!(
                    text.starts_with("com.atlassian.greenhopper.service.sprint.Sprint@"),
                    "{text}"
                );
                assert!(
                    text.contains("name=ACME Sprint 12") && text.contains("state=ACTIVE"),
                    "{text}"
                );
            }
        }
        assert!(
            issue
                .fields
                .other
                .get(rank)
                .unwrap()
                .as_str()
                .unwrap()
                .starts_with("0|")
        );
        let unknown = alice
            .search_page_of::<ListIssue>(&SearchRequest::new("sprint = \"No such\""), None)
            .await
            .unwrap_err();
        assert!(unknown.to_string().contains("does not exist"), "{unknown}");
    }
}
