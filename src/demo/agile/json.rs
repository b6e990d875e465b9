//! The agile resources as Jira writes them: boards, board configuration, sprints, and the
//! Sprint field's value in each flavour.

use super::{Board, BoardKind, Sprint, rank_field};
use crate::demo::json::timestamp;
use crate::demo::model::{Dataset, Flavor};
use serde_json::{Value, json};

/// `/rest/agile/1.0` on `base`.
pub fn agile_url(base: &str, path: &str) -> String {
    format!("{base}/rest/agile/1.0{path}")
}

/// A board as the board list shows it.
pub fn board(data: &Dataset, flavor: Flavor, base: &str, b: &Board) -> Value {
    let mut v = json!({
        "id": b.id,
        "self": agile_url(base, &format!("/board/{}", b.id)),
        "name": b.name,
        "type": b.kind.name(),
    });
    if let Some(&p) = b.projects.first() {
        let project = &data.projects[p as usize];
        v["location"] = json!({
            "projectId": project.id,
            "displayName": format!("{} ({})", project.name, project.key),
            "projectName": project.name,
            "projectKey": project.key,
            "projectTypeKey": "software",
            "avatarURI": format!("{base}/secure/projectavatar?size=small&pid={}", project.id),
            "name": format!("{} ({})", project.name, project.key),
        });
    }
    if flavor == Flavor::Cloud {
        v["isPrivate"] = json!(false);
    }
    v
}

/// `GET /rest/agile/1.0/board/{id}/configuration`.
pub fn configuration(data: &Dataset, flavor: Flavor, base: &str, b: &Board) -> Value {
    let api = match flavor {
        Flavor::Cloud => "/rest/api/3",
        Flavor::Dc => "/rest/api/2",
    };
    let columns: Vec<Value> = b
        .columns
        .iter()
        .map(|c| {
            let mut v = json!({
                "name": c.name,
                "statuses": c.statuses.iter().map(|&s| {
                    let id = data.statuses[s as usize].named.id;
                    json!({"id": id.to_string(), "self": format!("{base}{api}/status/{id}")})
                }).collect::<Vec<_>>(),
            });
            if let Some(min) = c.min {
                v["min"] = json!(min);
            }
            if let Some(max) = c.max {
                v["max"] = json!(max);
            }
            v
        })
        .collect();
    let mut v = json!({
        "id": b.id,
        "name": b.name,
        "type": b.kind.name(),
        "self": agile_url(base, &format!("/board/{}/configuration", b.id)),
        "filter": {"id": b.filter_id.to_string(), "self": format!("{base}{api}/filter/{}", b.filter_id)},
        "columnConfig": {"columns": columns, "constraintType": "issueCount"},
        "ranking": {"rankCustomFieldId": rank_field(flavor)},
    });
    if let Some(&p) = b.projects.first() {
        let project = &data.projects[p as usize];
        v["location"] = json!({"type": "project", "key": project.key, "id": project.id.to_string(),
            "self": format!("{base}{api}/project/{}", project.id), "name": project.name});
    }
    if b.story_points {
        v["estimation"] = json!({"type": "field", "field": {"fieldId": "customfield_10016", "displayName": "Story Points"}});
    }
    if b.kind == BoardKind::Kanban {
        v["subQuery"] = json!({"query": "resolution = EMPTY OR resolution changed AFTER -2w"});
    }
    v
}

/// A sprint as the agile API shows it.
pub fn sprint(flavor: Flavor, base: &str, s: &Sprint) -> Value {
    let mut v = json!({
        "id": s.id,
        "self": agile_url(base, &format!("/sprint/{}", s.id)),
        "state": s.state.name(),
        "name": s.name,
        "originBoardId": s.board,
        "goal": s.goal,
    });
    if let Some(t) = s.start {
        v["startDate"] = json!(iso(t));
    }
    if let Some(t) = s.end {
        v["endDate"] = json!(iso(t));
    }
    if let Some(t) = s.complete {
        v["completeDate"] = json!(iso(t));
    }
    if flavor == Flavor::Cloud {
        v["createdDate"] = json!(iso(s.start.unwrap_or_default() - chrono::Duration::days(7)));
    } else if s.state != super::SprintState::Future {
        v["activatedDate"] = json!(iso(s.start.unwrap_or_default()));
    }
    v
}

/// The agile API's dates: ISO 8601 with milliseconds and `Z`.
fn iso(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// The Sprint field of an issue in sprints `sprints` (indices): objects on Cloud, Server/DC's
/// `Sprint@…[…]` strings there; null when none.
pub fn sprint_field_value(data: &Dataset, flavor: Flavor, sprints: &[u16]) -> Value {
    if sprints.is_empty() {
        return Value::Null;
    }
    let list = sprints
        .iter()
        .filter_map(|&s| data.agile.sprints.get(s as usize))
        .map(|s| match flavor {
            Flavor::Cloud => {
                let mut v = json!({"id": s.id, "name": s.name, "state": s.state.name(),
                    "boardId": s.board, "goal": s.goal});
                for (name, t) in [("startDate", s.start), ("endDate", s.end), ("completeDate", s.complete)] {
                    if let Some(t) = t {
                        v[name] = json!(iso(t));
                    }
                }
                v
            }
            Flavor::Dc => {
                let date = |t: Option<chrono::DateTime<chrono::Utc>>| {
                    t.map_or("<null>".to_string(), timestamp)
                };
                json!(format!(
                    "com.atlassian.greenhopper.service.sprint.Sprint@{:x}[id={},rapidViewId={},state={},name={},startDate={},endDate={},completeDate={},sequence={},goal={}]",
                    0x1f3a_0000 + s.id,
                    s.id,
                    s.board,
                    s.state.name().to_uppercase(),
                    s.name,
                    date(s.start),
                    date(s.end),
                    date(s.complete),
                    s.id,
                    if s.goal.is_empty() { "<null>" } else { &s.goal },
                ))
            }
        })
        .collect();
    Value::Array(list)
}

/// The Rank field's value: a LexoRank-like string that sorts as the rank does.
pub fn rank_value(rank: u64) -> Value {
    json!(format!("0|{rank:012x}:"))
}
