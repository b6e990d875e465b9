//! Builds the demo dataset: the curated content in `assets/demo/content.json` spread over a
//! deterministic set of issues. The same seed always gives the same site.

use super::model::*;
use super::rng::Rng;
use super::vocabulary::{default_filters, users, viewer, vocabulary};
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// The curated text the generator draws from.
const CONTENT: &str = include_str!("../../assets/demo/content.json");

/// Issue count of the default dataset.
pub const DEFAULT_ISSUES: usize = 300;
/// Seed of the default dataset.
pub const DEFAULT_SEED: u64 = 42;

#[derive(Deserialize)]
struct Content {
    projects: Vec<ContentProject>,
    labels: Vec<String>,
    epics: Vec<ContentEpic>,
    summaries: BTreeMap<String, Vec<String>>,
    descriptions: Vec<Value>,
    comments: Vec<Value>,
}

#[derive(Deserialize)]
struct ContentProject {
    key: String,
    name: String,
    description: String,
    lead: String,
    components: Vec<String>,
}

#[derive(Deserialize)]
struct ContentEpic {
    project: String,
    summary: String,
    description: Value,
}

/// Index of each issue type in [`Dataset::issue_types`].
pub mod types {
    /// Epic.
    pub const EPIC: u8 = 0;
    /// Story.
    pub const STORY: u8 = 1;
    /// Task.
    pub const TASK: u8 = 2;
    /// Bug.
    pub const BUG: u8 = 3;
    /// Sub-task.
    pub const SUBTASK: u8 = 4;
}

/// Picks an index by integer weights.
fn weighted(rng: &mut Rng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut roll = rng.below(u64::from(total)) as u32;
    for (i, &w) in weights.iter().enumerate() {
        if roll < w {
            return i;
        }
        roll -= w;
    }
    weights.len() - 1
}

/// Builds the dataset with `count` issues from `seed`, with dates relative to `anchor`.
pub fn build(count: usize, seed: u64, anchor: DateTime<Utc>) -> Dataset {
    let content: Content =
        serde_json::from_str(CONTENT).expect("assets/demo/content.json is validated by tests");
    let users = users();
    let (statuses, issue_types, priorities, resolutions, link_types, custom_fields) = vocabulary();
    let projects: Vec<Project> = content
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| Project {
            id: 10000 + i as u64,
            key: p.key.clone(),
            name: p.name.clone(),
            description: p.description.clone(),
            lead: users.iter().position(|u| u.name == p.lead).unwrap_or(0),
            components: p.components.clone(),
        })
        .collect();

    let mut docs: Vec<Value> = Vec::new();
    let descriptions: Vec<u32> = push_docs(&mut docs, content.descriptions);
    let comment_docs: Vec<u32> = push_docs(&mut docs, content.comments);
    let epic_docs: Vec<u32> = push_docs(
        &mut docs,
        content
            .epics
            .iter()
            .map(|e| e.description.clone())
            .collect(),
    );
    let empty = Vec::new();
    let summaries = |t: &str| content.summaries.get(t).unwrap_or(&empty);

    let mut rng = Rng::new(seed);
    let mut issues: Vec<Issue> = Vec::with_capacity(count);
    let mut next_number = vec![0u32; projects.len()];
    let mut epics_of: Vec<Vec<u32>> = vec![Vec::new(); projects.len()];
    // Spread creation over about two years for small sets, longer for big ones.
    let span_minutes = (count as i64 * 240).clamp(60 * 24 * 365, 60 * 24 * 365 * 5);
    let start = anchor - Duration::minutes(span_minutes);
    let step = span_minutes / count.max(1) as i64;

    let mut push = |issues: &mut Vec<Issue>,
                    rng: &mut Rng,
                    project: u16,
                    issue_type: u8,
                    summary: String,
                    description: Option<u32>,
                    parent: Option<u32>| {
        let index = issues.len();
        next_number[project as usize] += 1;
        let created =
            start + Duration::minutes(step * index as i64 + rng.below(step.max(1) as u64) as i64);
        let status = weighted(rng, &[35, 20, 10, 35]) as u8;
        let done = statuses[status as usize].category == StatusCategory::Done;
        let age = (anchor - created).num_minutes().max(1) as u64;
        // Recent issues are touched more often: skew updates towards the anchor.
        let updated = anchor
            - Duration::minutes(
                rng.below(age.min(60 * 24 * 30) + 1) as i64 / (1 + rng.below(4) as i64),
            );
        let updated = updated.max(created);
        let resolution = done.then(|| weighted(rng, &[85, 10, 5]) as u8);
        let resolved = done.then_some(updated);
        let assignee = match weighted(rng, &[40, 25, 20, 15]) {
            3 => None,
            n => Some(n as u8),
        };
        let component_count = projects[project as usize].components.len() as u64;
        let mut components = Vec::new();
        for _ in 0..rng.below(3) {
            let c = rng.below(component_count.max(1)) as u8;
            if component_count > 0 && !components.contains(&c) {
                components.push(c);
            }
        }
        let mut labels = Vec::new();
        for _ in 0..rng.below(3) {
            let l = &content.labels[rng.below(content.labels.len().max(1) as u64) as usize
                % content.labels.len().max(1)];
            if !labels.contains(l) {
                labels.push(l.clone());
            }
        }
        let due = (rng.below(10) < 3)
            .then(|| (created + Duration::days(7 + rng.below(60) as i64)).date_naive());
        let mut comments = Vec::new();
        let comment_count = [0, 0, 1, 1, 2, 3, 5][rng.below(7) as usize];
        let mut when = created;
        for _ in 0..comment_count {
            if comment_docs.is_empty() {
                break;
            }
            let gap = (updated - when).num_minutes().max(1) as u64;
            when += Duration::minutes(rng.below(gap) as i64);
            comments.push(Comment {
                id: 0,
                author: rng.below(users.len() as u64) as u8,
                body: comment_docs[rng.below(comment_docs.len() as u64) as usize],
                created: when,
            });
        }
        let story_points = (issue_type == types::STORY)
            .then(|| [1.0, 2.0, 3.0, 5.0, 8.0, 13.0][rng.below(6) as usize]);
        issues.push(Issue {
            id: ISSUE_ID_BASE + index as u64,
            project,
            number: next_number[project as usize],
            issue_type,
            status,
            priority: weighted(rng, &[5, 20, 50, 20, 5]) as u8,
            resolution,
            summary,
            description,
            assignee,
            reporter: rng.below(users.len() as u64) as u8,
            labels,
            components,
            created,
            updated,
            resolved,
            due,
            parent,
            links: Vec::new(),
            comments,
            story_points,
            sprints: Vec::new(),
            rank: 0,
            custom: Vec::new(),
        });
        index as u32
    };

    // Epics first, so that later issues can belong to them.
    for (e, epic) in content.epics.iter().enumerate() {
        if issues.len() >= count {
            break;
        }
        let Some(project) = projects.iter().position(|p| p.key == epic.project) else {
            continue;
        };
        let index = push(
            &mut issues,
            &mut rng,
            project as u16,
            types::EPIC,
            epic.summary.clone(),
            Some(epic_docs[e]),
            None,
        );
        epics_of[project].push(index);
    }
    let mut cursor: BTreeMap<u8, usize> = BTreeMap::new();
    while issues.len() < count {
        let project = rng.below(projects.len() as u64) as u16;
        let issue_type = [types::STORY, types::TASK, types::BUG][weighted(&mut rng, &[35, 30, 35])];
        let list = summaries(type_name(issue_type));
        let at = cursor
            .entry(issue_type)
            .or_insert(rng.below(list.len().max(1) as u64) as usize);
        let summary = list
            .get(*at % list.len().max(1))
            .cloned()
            .unwrap_or_else(|| "Untitled issue".to_string());
        *at += 1;
        let description = (rng.below(10) < 7 && !descriptions.is_empty())
            .then(|| descriptions[rng.below(descriptions.len() as u64) as usize]);
        let epics = &epics_of[project as usize];
        let parent = (rng.below(10) < 6 && !epics.is_empty())
            .then(|| epics[rng.below(epics.len() as u64) as usize]);
        let index = push(
            &mut issues,
            &mut rng,
            project,
            issue_type,
            summary,
            description,
            parent,
        );
        // Some issues are split into sub-tasks.
        if rng.below(100) < 15 {
            let subtasks = summaries("Sub-task");
            for _ in 0..1 + rng.below(3) {
                if issues.len() >= count || subtasks.is_empty() {
                    break;
                }
                let summary = subtasks[rng.below(subtasks.len() as u64) as usize].clone();
                push(
                    &mut issues,
                    &mut rng,
                    project,
                    types::SUBTASK,
                    summary,
                    None,
                    Some(index),
                );
            }
        }
    }

    // Links between nearby issues, and comment ids in creation order.
    let mut link_id = 10000;
    for (i, issue) in issues.iter_mut().enumerate() {
        if rng.below(100) < 15 && i > 0 {
            let target = (i as u64 - 1 - rng.below((i as u64).min(40))) as u32;
            issue.links.push(Link {
                id: link_id,
                link_type: rng.below(link_types.len() as u64) as u8,
                target,
            });
            link_id += 1;
        }
    }
    let mut comment_id = 10000;
    for issue in &mut issues {
        for comment in &mut issue.comments {
            comment.id = comment_id;
            comment_id += 1;
        }
    }
    let key_index = issues
        .iter()
        .enumerate()
        .map(|(i, issue)| ((issue.project, issue.number), i as u32))
        .collect::<HashMap<_, _>>();
    let filters = default_filters(&projects);
    let mut users = users;
    users.push(viewer(users.len()));
    let mut data = Dataset {
        users,
        projects,
        statuses,
        issue_types,
        priorities,
        resolutions,
        link_types,
        custom_fields,
        docs,
        wiki_bodies: HashMap::new(),
        issues,
        filters,
        anchor,
        key_index,
        agile: Default::default(),
    };
    super::discussion::lengthen(&mut data);
    super::agile::build(&mut data, seed);
    data
}

fn push_docs(docs: &mut Vec<Value>, new: Vec<Value>) -> Vec<u32> {
    new.into_iter()
        .map(|d| {
            docs.push(d);
            (docs.len() - 1) as u32
        })
        .collect()
}

fn type_name(issue_type: u8) -> &'static str {
    match issue_type {
        types::EPIC => "Epic",
        types::STORY => "Story",
        types::TASK => "Task",
        types::BUG => "Bug",
        _ => "Sub-task",
    }
}

/// The start of the current hour: the default dataset's dates are relative to it, so that
/// "updated 3h ago" stays true however long the server has run.
pub fn default_anchor() -> DateTime<Utc> {
    let now = Utc::now();
    let secs = now.timestamp() - now.timestamp().rem_euclid(3600);
    Utc.timestamp_opt(secs, 0).single().unwrap_or(now)
}
