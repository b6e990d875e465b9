//! What the API changed since the server started: transitions, assignments, watchers and
//! comments, kept in memory over the dataset as it was built. Readers take a snapshot
//! ([`Site::live`], an `Arc` clone) and never wait for a writer or for each other; a writer
//! ([`Site::write`]) copies the small set of changes, edits the copy, swaps it in, and clears the
//! search cache so that every later search sees the change.

use super::model::{Comment, Dataset, Issue};
use super::{Site, lock};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// Who may read a comment: a project role or a group, as Jira's `visibility` names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visibility {
    /// `role` or `group`.
    pub kind: String,
    /// The role's or group's name.
    pub value: String,
}

/// What an edit changed on a comment.
#[derive(Debug, Clone)]
pub struct CommentEdit {
    /// Who edited it last.
    pub author: u8,
    /// When.
    pub updated: DateTime<Utc>,
}

/// The changes made through the API.
#[derive(Debug, Clone, Default)]
pub struct Live {
    /// Issues changed since start, whole (copied on their first change), by index.
    issues: HashMap<u32, Issue>,
    /// Watchers of the issues whose watchers changed, by issue index (else: the reporter).
    watchers: HashMap<u32, Vec<usize>>,
    /// Bodies written through the API; document `dataset docs + i` is `docs[i]`.
    docs: Vec<Value>,
    /// Their plain text, for `comment ~` searches.
    texts: Vec<String>,
    /// The wiki markup of the bodies written as wiki (v2), by document index.
    wiki: HashMap<u32, String>,
    /// Visibility of comments, by comment id.
    visibility: HashMap<u64, Visibility>,
    /// Edits of comments, by comment id.
    edits: HashMap<u64, CommentEdit>,
    /// The last comment id handed out (0: none yet).
    last_comment_id: u64,
    /// How many writes were made.
    generation: u64,
    /// How many issues were created through the API (they follow the dataset's, in `issues`).
    created: u32,
    /// Keys of the created issues: (project index, number) to issue index.
    created_keys: HashMap<(u16, u32), u32>,
}

impl Live {
    /// How many writes were made: results computed at another generation are stale.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// How many issues the site has: the dataset's and the created ones.
    pub fn count(&self, data: &Dataset) -> usize {
        data.issues.len() + self.created as usize
    }

    /// Finds an issue by key (case-insensitive) or numeric id, created ones too.
    pub fn find(&self, data: &Dataset, key_or_id: &str) -> Option<usize> {
        if let Some(found) = data.find_issue(key_or_id) {
            return Some(found);
        }
        if let Ok(id) = key_or_id.trim().parse::<u64>() {
            let index = usize::try_from(id.checked_sub(super::model::ISSUE_ID_BASE)?).ok()?;
            return (index < self.count(data)).then_some(index);
        }
        let (project_key, number) = key_or_id.trim().rsplit_once('-')?;
        let number: u32 = number.parse().ok()?;
        let project = data
            .projects
            .iter()
            .position(|p| p.key.eq_ignore_ascii_case(project_key))?;
        let project = u16::try_from(project).ok()?;
        self.created_keys
            .get(&(project, number))
            .map(|&i| i as usize)
    }

    /// The key of issue `index` (`ACME-12`), created ones too.
    pub fn key(&self, data: &Dataset, index: usize) -> String {
        let issue = self.issue(data, index);
        let project = data
            .projects
            .get(issue.project as usize)
            .map_or("", |p| p.key.as_str());
        format!("{project}-{}", issue.number)
    }

    /// The number the next issue of `project` gets.
    pub fn next_number(&self, data: &Dataset, project: u16) -> u32 {
        let built = data
            .key_index
            .keys()
            .filter(|(p, _)| *p == project)
            .map(|(_, n)| *n);
        let created = self
            .created_keys
            .keys()
            .filter(|(p, _)| *p == project)
            .map(|(_, n)| *n);
        built.chain(created).max().unwrap_or(0) + 1
    }

    /// Adds a created issue (its `id` and `number` already set); returns its index.
    pub fn create(&mut self, data: &Dataset, issue: Issue) -> usize {
        let index = self.count(data) as u32;
        self.created_keys
            .insert((issue.project, issue.number), index);
        self.issues.insert(index, issue);
        self.created += 1;
        index as usize
    }

    /// Issue `index` as it is now.
    pub fn issue<'a>(&'a self, data: &'a Dataset, index: usize) -> &'a Issue {
        u32::try_from(index)
            .ok()
            .and_then(|i| self.issues.get(&i))
            .unwrap_or_else(|| &data.issues[index])
    }

    /// Issue `index` to change: copied from the dataset on its first change.
    pub fn issue_mut(&mut self, data: &Dataset, index: usize) -> &mut Issue {
        self.issues
            .entry(index as u32)
            .or_insert_with(|| data.issues[index].clone())
    }

    /// Document `index`: the dataset's, or one written through the API.
    pub fn doc<'a>(&'a self, data: &'a Dataset, index: u32) -> Option<&'a Value> {
        let i = index as usize;
        data.docs
            .get(i)
            .or_else(|| self.docs.get(i.checked_sub(data.docs.len())?))
    }

    /// The wiki markup document `index` was written in, if it was.
    pub fn wiki<'a>(&'a self, data: &'a Dataset, index: u32) -> Option<&'a String> {
        data.wiki_bodies
            .get(&index)
            .or_else(|| self.wiki.get(&index))
    }

    /// The plain text of a document written through the API (`None` for the dataset's).
    pub fn text(&self, data: &Dataset, index: u32) -> Option<&str> {
        let i = (index as usize).checked_sub(data.docs.len())?;
        self.texts.get(i).map(String::as_str)
    }

    /// Stores a body: its ADF document, its plain text, and the wiki markup it was written
    /// in (v2); returns its document index.
    pub fn add_doc(
        &mut self,
        data: &Dataset,
        doc: Value,
        text: String,
        wiki: Option<String>,
    ) -> u32 {
        let index = (data.docs.len() + self.docs.len()) as u32;
        self.docs.push(doc);
        self.texts.push(text);
        if let Some(wiki) = wiki {
            self.wiki.insert(index, wiki);
        }
        index
    }

    /// A comment id no comment has.
    pub fn next_comment_id(&mut self, data: &Dataset) -> u64 {
        if self.last_comment_id == 0 {
            self.last_comment_id = data
                .issues
                .iter()
                .flat_map(|i| i.comments.iter().map(|c| c.id))
                .max()
                .unwrap_or(10_000);
        }
        self.last_comment_id += 1;
        self.last_comment_id
    }

    /// Who watches issue `index`.
    pub fn watchers(&self, data: &Dataset, index: usize) -> Vec<usize> {
        match self.watchers.get(&(index as u32)) {
            Some(list) => list.clone(),
            None => vec![self.issue(data, index).reporter as usize],
        }
    }

    /// Sets who watches issue `index`.
    pub fn set_watchers(&mut self, index: usize, watchers: Vec<usize>) {
        self.watchers.insert(index as u32, watchers);
    }

    /// The visibility of comment `id`, if it is restricted.
    pub fn visibility(&self, id: u64) -> Option<&Visibility> {
        self.visibility.get(&id)
    }

    /// Restricts comment `id` to `visibility`, or opens it to all (`None`).
    pub fn set_visibility(&mut self, id: u64, visibility: Option<Visibility>) {
        match visibility {
            Some(v) => self.visibility.insert(id, v),
            None => self.visibility.remove(&id),
        };
    }

    /// The last edit of comment `id`, if it was edited.
    pub fn edit(&self, id: u64) -> Option<&CommentEdit> {
        self.edits.get(&id)
    }

    /// Records an edit of comment `id`.
    pub fn set_edit(&mut self, id: u64, edit: CommentEdit) {
        self.edits.insert(id, edit);
    }
}

/// Where comment `id` is on an issue.
pub fn comment_position(issue: &Issue, id: &str) -> Option<usize> {
    issue.comments.iter().position(|c| c.id.to_string() == id)
}

/// A new comment by `author` with body document `body`, written now.
pub fn new_comment(live: &mut Live, data: &Dataset, author: usize, body: u32) -> Comment {
    Comment {
        id: live.next_comment_id(data),
        author: author as u8,
        body,
        created: Utc::now(),
    }
}

impl Site {
    /// A snapshot of the changes made so far.
    pub fn live(&self) -> Arc<Live> {
        lock(&self.live).clone()
    }

    /// Makes a change: `change` edits a copy of the changes made so far, which replaces them
    /// when it succeeds (a refused change leaves nothing behind). Every later read and search
    /// sees the change.
    pub fn write<T, E>(&self, change: impl FnOnce(&mut Live) -> Result<T, E>) -> Result<T, E> {
        let mut current = lock(&self.live);
        let mut next = Live::clone(&current);
        let out = change(&mut next)?;
        next.generation += 1;
        *current = Arc::new(next);
        drop(current);
        lock(&self.search_cache).clear();
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::DemoConfig;
    use serde_json::json;

    #[test]
    fn a_refused_write_leaves_nothing_behind_and_a_done_one_is_seen() {
        let site = Site::new(&DemoConfig::default());
        let before = site.live();
        let refused: Result<(), &str> = site.write(|live| {
            live.issue_mut(&site.data, 0).summary = "changed".into();
            Err("refused")
        });
        assert_eq!(refused, Err("refused"));
        let after = site.live();
        assert_eq!(after.generation(), before.generation());
        assert_eq!(
            after.issue(&site.data, 0).summary,
            site.data.issues[0].summary
        );

        let done: Result<(), ()> = site.write(|live| {
            live.issue_mut(&site.data, 0).summary = "changed".into();
            Ok(())
        });
        assert!(done.is_ok());
        let now = site.live();
        assert_eq!(now.generation(), before.generation() + 1);
        assert_eq!(now.issue(&site.data, 0).summary, "changed");
        // The snapshot taken before is unchanged, and so is the dataset as built.
        assert_eq!(
            before.issue(&site.data, 0).summary,
            site.data.issues[0].summary
        );
        assert_ne!(site.data.issues[0].summary, "changed");
    }

    #[test]
    fn written_bodies_follow_the_datasets_documents() {
        let site = Site::new(&DemoConfig::default());
        let data = &site.data;
        let mut live = Live::default();
        let doc = json!({"type": "doc", "version": 1, "content": []});
        let first = live.add_doc(data, doc.clone(), "one".into(), Some("*one*".into()));
        let second = live.add_doc(data, doc.clone(), "two".into(), None);
        assert_eq!(first as usize, data.docs.len());
        assert_eq!(second, first + 1);
        assert_eq!(live.doc(data, second), Some(&doc));
        assert_eq!(live.doc(data, second + 1), None);
        assert_eq!(live.text(data, first), Some("one"));
        assert_eq!(
            live.text(data, 0),
            None,
            "the dataset's texts are the JQL tables'"
        );
        assert_eq!(live.wiki(data, first).map(String::as_str), Some("*one*"));
        assert_eq!(live.wiki(data, second), None);
        let a = live.next_comment_id(data);
        assert!(
            data.issues
                .iter()
                .flat_map(|i| &i.comments)
                .all(|c| c.id < a)
        );
        assert_eq!(live.next_comment_id(data), a + 1);
    }
}
