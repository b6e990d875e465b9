//! What changes on a board: moving issues into a sprint or to the backlog, and ranking them.
//! Each is one [`Site::write`], so JQL (`sprint = …`, `ORDER BY Rank`) sees it at once; a
//! refused change leaves nothing behind. An edit of the Sprint field can call
//! [`move_to_sprint`] / [`move_to_backlog`] with the same effect.

use super::{Agile, Board, BoardKind, RANK_GAP, open_sprint};
use crate::demo::Site;
use crate::demo::live::Live;
use crate::demo::model::{Dataset, StatusCategory};

/// Why a board change was refused, in Jira's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgileError {
    /// Something named does not exist (404).
    #[error("{0}")]
    NotFound(String),
    /// The change is not allowed (400).
    #[error("{0}")]
    Refused(String),
}

/// The issue indices of `keys`, or the 400 Jira gives for the first unknown one.
fn indices(live: &Live, data: &Dataset, keys: &[String]) -> Result<Vec<usize>, AgileError> {
    if keys.is_empty() {
        return Err(AgileError::Refused(
            "Provide at least one issue to move.".into(),
        ));
    }
    if keys.len() > 50 {
        return Err(AgileError::Refused(
            "At most 50 issues can be moved at once.".into(),
        ));
    }
    keys.iter()
        .map(|k| {
            live.find(data, k.trim()).ok_or_else(|| {
                AgileError::Refused(format!(
                    "Issue '{}' does not exist or you do not have permission to see it.",
                    k.trim()
                ))
            })
        })
        .collect()
}

/// Takes the open sprints out of issue `index`'s sprints (it goes to the backlog), and puts it
/// in sprint `to` when given; its sub-tasks follow it.
fn set_sprint(live: &mut Live, data: &Dataset, index: usize, to: Option<u16>) {
    let subtasks: Vec<usize> = (0..live.count(data))
        .filter(|&i| live.issue(data, i).parent == Some(index as u32))
        .filter(|&i| data.issue_types[live.issue(data, i).issue_type as usize].is_subtask())
        .collect();
    for i in std::iter::once(index).chain(subtasks) {
        let issue = live.issue_mut(data, i);
        issue.sprints.retain(|&s| {
            data.agile
                .sprints
                .get(s as usize)
                .is_some_and(|s| !s.state.open())
        });
        issue.sprints.extend(to);
        issue.updated = chrono::Utc::now();
    }
}

/// `POST /rest/agile/1.0/sprint/{id}/issue`: moves `keys` into sprint `sprint_id`. A closed
/// sprint takes no issues.
pub fn move_to_sprint(site: &Site, sprint_id: u64, keys: &[String]) -> Result<(), AgileError> {
    let data = &site.data;
    let at = data.agile.sprint_index(sprint_id).ok_or_else(|| {
        AgileError::NotFound(format!("Sprint with id {sprint_id} does not exist."))
    })?;
    if !data.agile.sprints[at].state.open() {
        return Err(AgileError::Refused(format!(
            "Sprint '{}' is closed: issues cannot be moved into a completed sprint.",
            data.agile.sprints[at].name
        )));
    }
    let now = site.live();
    let issues = indices(&now, data, keys)?;
    for &i in &issues {
        if data.issue_types[now.issue(data, i).issue_type as usize].is_subtask() {
            return Err(AgileError::Refused(format!(
                "Issue {} is a sub-task: it is in its parent's sprint.",
                now.key(data, i)
            )));
        }
    }
    site.write(|live| {
        for &i in &issues {
            set_sprint(live, data, i, Some(at as u16));
        }
        Ok(())
    })
}

/// `POST /rest/agile/1.0/backlog/issue`: takes `keys` out of their open sprints.
pub fn move_to_backlog(site: &Site, keys: &[String]) -> Result<(), AgileError> {
    let data = &site.data;
    let issues = indices(&site.live(), data, keys)?;
    site.write(|live| {
        for &i in &issues {
            set_sprint(live, data, i, None);
        }
        Ok(())
    })
}

/// Where ranked issues go: before or after `target`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RankTarget {
    /// Just before this issue.
    Before(String),
    /// Just after this issue.
    After(String),
}

/// The outcome of ranking one issue: `None` when it moved, else Jira's reason.
pub type RankOutcome = (usize, Option<String>);

/// Whether issues `a` and `b` are on a common board.
fn share_a_board(agile: &Agile, live: &Live, data: &Dataset, a: usize, b: usize) -> bool {
    let (pa, pb) = (live.issue(data, a).project, live.issue(data, b).project);
    agile
        .boards
        .iter()
        .any(|board| board.projects.contains(&pa) && board.projects.contains(&pb))
}

/// `PUT /rest/agile/1.0/issue/rank`: ranks `keys` (in their order) before or after the target.
/// Each issue is answered on its own: one not on the target's board is refused, the rest move.
pub fn rank(
    site: &Site,
    keys: &[String],
    target: &RankTarget,
) -> Result<Vec<RankOutcome>, AgileError> {
    let data = &site.data;
    let now = site.live();
    let issues = indices(&now, data, keys)?;
    let (target_key, before) = match target {
        RankTarget::Before(k) => (k, true),
        RankTarget::After(k) => (k, false),
    };
    let target = now.find(data, target_key.trim()).ok_or_else(|| {
        AgileError::Refused(format!(
            "Issue '{}' does not exist or you do not have permission to see it.",
            target_key.trim()
        ))
    })?;
    let mut outcomes = Vec::new();
    let mut moving = Vec::new();
    for &i in &issues {
        if i == target {
            outcomes.push((
                i,
                Some("An issue cannot be ranked against itself.".to_string()),
            ));
        } else if !share_a_board(&data.agile, &now, data, i, target) {
            outcomes.push((
                i,
                Some(format!(
                    "{} cannot be ranked against {}: they are not on the same board.",
                    now.key(data, i),
                    now.key(data, target)
                )),
            ));
        } else {
            outcomes.push((i, None));
            moving.push(i);
        }
    }
    if moving.is_empty() {
        return Ok(outcomes);
    }
    site.write(|live| {
        place(live, data, &moving, target, before);
        Ok::<(), AgileError>(())
    })?;
    Ok(outcomes)
}

/// Gives `moving` ranks between the target and its neighbour, renumbering everything when
/// there is no room left.
fn place(live: &mut Live, data: &Dataset, moving: &[usize], target: usize, before: bool) {
    let mut order: Vec<(u64, usize)> = (0..live.count(data))
        .filter(|i| !moving.contains(i))
        .map(|i| (live.issue(data, i).rank, i))
        .collect();
    order.sort_unstable();
    let Some(at) = order.iter().position(|&(_, i)| i == target) else {
        return;
    };
    let insert_at = if before { at } else { at + 1 };
    let low = insert_at
        .checked_sub(1)
        .and_then(|p| order.get(p))
        .map_or(0, |&(r, _)| r);
    let high = order
        .get(insert_at)
        .map_or(low + RANK_GAP * (moving.len() as u64 + 1), |&(r, _)| r);
    let step = (high - low) / (moving.len() as u64 + 1);
    if step == 0 {
        // No room: renumber everything in the new order.
        let mut all: Vec<usize> = order.iter().map(|&(_, i)| i).collect();
        for (n, &m) in moving.iter().enumerate() {
            all.insert(insert_at + n, m);
        }
        for (n, &i) in all.iter().enumerate() {
            live.issue_mut(data, i).rank = (n as u64 + 1) * RANK_GAP;
        }
        return;
    }
    for (n, &m) in moving.iter().enumerate() {
        live.issue_mut(data, m).rank = low + step * (n as u64 + 1);
    }
}

/// Which issues of a board a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every issue of the board.
    All,
    /// The backlog: Scrum, not in an open sprint and not in the last column; Kanban, in the
    /// backlog column.
    Backlog,
    /// The issues of one sprint (an index).
    Sprint(usize),
}

/// The issues of `board` in `scope`, in rank order.
pub fn board_issues(data: &Dataset, live: &Live, board: &Board, scope: Scope) -> Vec<u32> {
    let last = board
        .columns
        .last()
        .map(|c| c.statuses.as_slice())
        .unwrap_or(&[]);
    let first = board
        .columns
        .first()
        .map(|c| c.statuses.as_slice())
        .unwrap_or(&[]);
    let mut hits: Vec<(u64, u32)> = (0..live.count(data))
        .filter_map(|i| {
            let issue = live.issue(data, i);
            if !board.projects.contains(&issue.project)
                || data.issue_types[issue.issue_type as usize].hierarchy > 0
            {
                return None;
            }
            let keep = match scope {
                Scope::All => true,
                Scope::Sprint(s) => issue.sprints.contains(&(s as u16)),
                Scope::Backlog => match board.kind {
                    BoardKind::Scrum => {
                        open_sprint(&data.agile, issue).is_none()
                            && !last.contains(&issue.status)
                            && data.statuses[issue.status as usize].category != StatusCategory::Done
                    }
                    BoardKind::Kanban => board.kanban_backlog && first.contains(&issue.status),
                },
            };
            keep.then_some((issue.rank, i as u32))
        })
        .collect();
    hits.sort_unstable();
    hits.into_iter().map(|(_, i)| i).collect()
}
