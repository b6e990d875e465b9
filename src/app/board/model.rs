//! What a board shows, worked out from what was loaded: the cards of each column in rank
//! order (sub-tasks counted on their parent, not drawn), swimlanes, limits, dimming by the
//! quick filter and "only mine", and the estimate totals of a sprint. Pure functions, so the
//! view and `update` agree and the tests read them directly.

use crate::jira::agile::{BoardConfig, BoardIssue};

/// How cards are grouped into rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lanes {
    /// One row.
    #[default]
    None,
    /// A row per assignee (unassigned last).
    Assignee,
    /// A row per epic (parent), issues without one last.
    Epic,
}

impl Lanes {
    /// The next grouping (`s` cycles none → assignee → epic).
    pub fn next(self) -> Lanes {
        match self {
            Lanes::None => Lanes::Assignee,
            Lanes::Assignee => Lanes::Epic,
            Lanes::Epic => Lanes::None,
        }
    }
    /// What the header says.
    pub fn label(self) -> &'static str {
        match self {
            Lanes::None => "",
            Lanes::Assignee => "lanes: assignee",
            Lanes::Epic => "lanes: epic",
        }
    }
}

/// One swimlane: its title and, per column, the indices of its cards into the issues.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lane {
    /// Its title (empty for the one lane of no grouping).
    pub title: String,
    /// Per column, indices into the loaded issues, in rank order.
    pub columns: Vec<Vec<usize>>,
}

impl Lane {
    /// The most cards any column of the lane has.
    pub fn depth(&self) -> usize {
        self.columns.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// The column of each loaded issue (`None`: a sub-task, or a status no column maps).
pub fn columns_of(config: &BoardConfig, issues: &[BoardIssue]) -> Vec<Option<usize>> {
    issues
        .iter()
        .map(|i| {
            if i.subtask {
                None
            } else {
                config.column_of(&i.status_id)
            }
        })
        .collect()
}

/// The lane key of an issue under `lanes`.
fn lane_key(issue: &BoardIssue, lanes: Lanes) -> (bool, String) {
    match lanes {
        Lanes::None => (false, String::new()),
        Lanes::Assignee => match &issue.assignee {
            Some(a) => (false, crate::text::sanitize_line(&a.name)),
            None => (true, "Unassigned".to_string()),
        },
        Lanes::Epic => match &issue.parent {
            Some((key, summary)) => (
                false,
                crate::text::sanitize_line(format!("{key} {summary}").trim_end()),
            ),
            None => (true, "No epic".to_string()),
        },
    }
}

/// The lanes of the board: cards grouped by `lanes`, each column in rank order. The lanes come
/// in the order their first card does (unassigned / no epic last); there is always one.
pub fn lanes(
    columns: &[Option<usize>],
    column_count: usize,
    issues: &[BoardIssue],
    grouping: Lanes,
) -> Vec<Lane> {
    let mut keys: Vec<(bool, String)> = Vec::new();
    let mut out: Vec<Lane> = Vec::new();
    for (i, issue) in issues.iter().enumerate() {
        let Some(Some(column)) = columns.get(i) else {
            continue;
        };
        let key = lane_key(issue, grouping);
        let at = match keys.iter().position(|k| *k == key) {
            Some(at) => at,
            None => {
                keys.push(key.clone());
                out.push(Lane {
                    title: key.1.clone(),
                    columns: vec![Vec::new(); column_count],
                });
                keys.len() - 1
            }
        };
        if let Some(col) = out[at].columns.get_mut(*column) {
            col.push(i);
        }
    }
    // The catch-all lane goes last.
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| keys[i].0);
    let mut sorted: Vec<Lane> = order.into_iter().map(|i| out[i].clone()).collect();
    if sorted.is_empty() {
        sorted.push(Lane {
            title: String::new(),
            columns: vec![Vec::new(); column_count],
        });
    }
    sorted
}

/// The cards of column `column` from top to bottom over all lanes.
pub fn column_cards(lanes: &[Lane], column: usize) -> Vec<usize> {
    lanes
        .iter()
        .flat_map(|l| l.columns.get(column).into_iter().flatten().copied())
        .collect()
}

/// How many cards each column has.
pub fn counts(columns: &[Option<usize>], column_count: usize) -> Vec<usize> {
    let mut counts = vec![0; column_count];
    for c in columns.iter().flatten() {
        if let Some(n) = counts.get_mut(*c) {
            *n += 1;
        }
    }
    counts
}

/// Whether a column's count breaks its limits: `Some("max 3")` / `Some("min 1")`.
pub fn broken_limit(count: usize, min: Option<u64>, max: Option<u64>) -> Option<String> {
    match (min, max) {
        (_, Some(max)) if count as u64 > max => Some(format!("max {max}")),
        (Some(min), _) if (count as u64) < min => Some(format!("min {min}")),
        _ => None,
    }
}

/// Whether a card stays bright under the quick filter `quick` and "only mine" (`me`).
pub fn matches(issue: &BoardIssue, quick: &str, me: Option<&str>) -> bool {
    let mine = me.is_none_or(|me| issue.assignee.as_ref().is_some_and(|a| a.id == me));
    let quick = quick.trim().to_lowercase();
    let text = quick.is_empty()
        || quick.split_whitespace().all(|w| {
            issue.key.to_lowercase().contains(w)
                || issue.summary.to_lowercase().contains(w)
                || issue
                    .assignee
                    .as_ref()
                    .is_some_and(|a| a.name.to_lowercase().contains(w))
        });
    mine && text
}

/// Done and total estimate of the cards shown (the last column counts as done).
pub fn estimate_totals(
    columns: &[Option<usize>],
    issues: &[BoardIssue],
    last: usize,
) -> (f64, f64) {
    let mut done = 0.0;
    let mut total = 0.0;
    for (i, c) in columns.iter().enumerate() {
        if let (Some(c), Some(e)) = (c, issues.get(i).and_then(|i| i.estimate)) {
            total += e;
            if *c == last {
                done += e;
            }
        }
    }
    (done, total)
}

/// Which columns fit in `width` with the selected one wholly shown, scrolled as little as
/// possible from `left` (the first column drawn before): the first column and how many, each
/// at least `min_width` wide (at least one column).
pub fn visible_columns(
    count: usize,
    selected: usize,
    left: usize,
    width: u16,
    min_width: u16,
) -> (usize, usize) {
    if count == 0 {
        return (0, 0);
    }
    let fit = usize::from((width / min_width.max(1)).max(1)).min(count);
    let selected = selected.min(count - 1);
    let mut first = left.min(count - fit);
    if selected < first {
        first = selected;
    } else if selected >= first + fit {
        first = selected + 1 - fit;
    }
    (first, fit)
}

#[cfg(test)]
mod tests;
