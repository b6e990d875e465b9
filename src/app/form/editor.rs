//! The editor of one field, chosen by its schema: a line of text (summary, numbers, dates,
//! sprint, parent) checked as it is taken; a list of the allowed values (one of them, or any
//! of them, marked with Tab or Space); a cascading select as two lists; labels and people from
//! the site's suggestions, new labels allowed. Rich text goes to the Markdown editor.

use super::super::actions::{Choice as Line, Outcome, Picker};
use super::super::msg::Command;
use super::super::state::{Slot, State};
use super::{Purpose, form_mut};
use crate::jira::User;
use crate::jira::fields::{Choice, FieldKind, FieldValue};
use crate::worker::RequestKind;
use crossterm::event::{KeyCode, KeyEvent};

mod list;
pub use list::on_search;
use list::{add_labels, collect, list_editor};

/// Ticks (100 ms) of no typing before a search goes out.
const SEARCH_PAUSE: u8 = 2;

/// One entry of a list editor.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// No value.
    Clear,
    /// An allowed value.
    Choice(Choice),
    /// A label.
    Label(String),
    /// A person.
    Person(User),
    /// An issue: its key and summary.
    Issue(String, String),
}

/// What a list editor searches the site for as the user types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Search {
    /// Labels (the JQL value suggestions for `labels`).
    Labels,
    /// People (the user search).
    People,
    /// Issues (a search by key or summary).
    Issues,
}

/// The editor open on one field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldEditor {
    /// The field (index into the form's fields).
    pub field: usize,
    /// The text or list.
    pub picker: Picker,
    /// The list's entries, in the picker's order.
    pub items: Vec<Item>,
    /// Which entries are marked (any-of editors).
    pub marked: Vec<bool>,
    /// Several values may be marked.
    pub multi: bool,
    /// The site is searched as the user types.
    pub search: Option<Search>,
    /// Ticks left before the search goes out.
    pub search_in: Option<u8>,
    /// A cascading select's first level, once chosen.
    pub cascade: Option<Choice>,
    /// What Enter and Esc do, shown under the list.
    hint: String,
}

impl FieldEditor {
    /// The typed text changed: a searching editor asks the site after a pause.
    pub fn typed(&mut self) {
        if self.search.is_some() {
            self.search_in = Some(SEARCH_PAUSE);
        }
    }

    /// Shows `items` (marks kept by value), keeping the typed text.
    fn show(&mut self, items: Vec<Item>, marked: Vec<bool>) {
        self.items = items;
        self.marked = marked;
        let lines = self
            .items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let (label, detail) = describe(item);
                let label = if self.multi {
                    let mark = if self.marked.get(index) == Some(&true) {
                        "[x]"
                    } else {
                        "[ ]"
                    };
                    format!("{mark} {label}")
                } else {
                    label
                };
                Line {
                    label,
                    detail,
                    category: None,
                    index,
                }
            })
            .collect();
        let empty = match self.search {
            Some(Search::Labels) => "Type a label; Enter adds it",
            Some(Search::People) => "Type a name to search",
            Some(Search::Issues) => "Type a key or words of the summary",
            None => "Nothing to choose",
        };
        self.picker.fill(lines, empty);
    }

    fn marked_items(&self) -> Vec<Item> {
        self.items
            .iter()
            .zip(&self.marked)
            .filter(|(_, m)| **m)
            .map(|(i, _)| i.clone())
            .collect()
    }
}

fn describe(item: &Item) -> (String, String) {
    match item {
        Item::Clear => ("(none)".into(), "clear the field".into()),
        Item::Choice(c) if c.disabled => (c.name.clone(), "disabled".into()),
        Item::Choice(c) if !c.children.is_empty() => (c.name.clone(), "▸".into()),
        Item::Choice(c) => (c.name.clone(), String::new()),
        Item::Label(l) => (l.clone(), String::new()),
        Item::Issue(key, summary) => (key.clone(), crate::text::sanitize_line(summary)),
        Item::Person(u) => (
            u.label().to_string(),
            u.email_address
                .clone()
                .or(u.name.clone())
                .unwrap_or_default(),
        ),
    }
}

/// Opens the editor that fits field `i`.
pub fn open(state: &mut State, i: usize, out: &mut Vec<Command>) {
    let Some(form) = form_mut(state) else {
        return;
    };
    let Some(meta) = form.fields.get(i).cloned() else {
        return;
    };
    if super::is_rich(&meta) {
        let value = form.values.get(i).cloned().unwrap_or(FieldValue::Empty);
        return super::super::compose::open_field(state, i, &meta, &value, out);
    }
    let value = form.values.get(i).cloned().unwrap_or(FieldValue::Empty);
    let title = format!(" {}{} ", meta.name, if meta.required { " *" } else { "" });
    let kind_hint = meta.kind.describe();
    let editor = match meta.kind {
        FieldKind::OneOf | FieldKind::Cascading | FieldKind::User | FieldKind::Parent => {
            list_editor(&meta, title, &value, false)
        }
        FieldKind::ManyOf | FieldKind::Labels | FieldKind::Users => {
            list_editor(&meta, title, &value, true)
        }
        _ => FieldEditor {
            field: i,
            picker: Picker::text(title, "", &value.as_input()),
            items: Vec::new(),
            marked: Vec::new(),
            multi: false,
            search: None,
            search_in: None,
            cascade: None,
            hint: format!("{kind_hint} · Enter set · Esc back"),
        },
    };
    let mut editor = FieldEditor { field: i, ..editor };
    editor.picker.hint = editor.hint.clone();
    if let Some(message) = form.errors.get(i).cloned().flatten() {
        editor.picker.hint = format!("{message} · {}", editor.hint);
    }
    form.editor = Some(editor);
    let _ = out;
}

/// A key in the open editor.
pub fn on_key(state: &mut State, key: KeyEvent, out: &mut Vec<Command>) {
    let Some(form) = form_mut(state) else {
        return;
    };
    let Some(ed) = form.editor.as_mut() else {
        return;
    };
    let empty_input = ed.picker.input.is_empty();
    if ed.multi && (key.code == KeyCode::Tab || (key.code == KeyCode::Char(' ') && empty_input)) {
        if let Some(index) = ed.picker.selected_choice().map(|c| c.index) {
            let mut marked = ed.marked.clone();
            if let Some(m) = marked.get_mut(index) {
                *m = !*m;
            }
            let items = ed.items.clone();
            ed.show(items, marked);
        }
        return;
    }
    let field = ed.field;
    let meta = form.fields.get(field).cloned();
    let Some(meta) = meta else {
        return;
    };
    match ed.picker.on_key(&key) {
        Outcome::Handled => {}
        Outcome::Typed => ed.typed(),
        Outcome::Cancelled => {
            form.editor = None;
            form.guided = false;
            state.requests.cancel(Slot::FormSearch);
        }
        Outcome::Text(typed) => match meta.parse(&typed) {
            Ok(value) if meta.required && value.is_empty() => {
                ed.picker.hint = format!("{} must have a value · {}", meta.name, ed.hint);
            }
            Ok(value) => finish(state, field, value, out),
            Err(e) => ed.picker.hint = format!("{e} · {}", ed.hint),
        },
        Outcome::Chosen(index) => {
            let typed = ed.picker.input.text();
            if ed.multi {
                if ed.search == Some(Search::Labels) && !typed.trim().is_empty() {
                    add_labels(ed, &typed);
                    return;
                }
                let value = collect(&meta, &ed.marked_items());
                return finish(state, field, value, out);
            }
            let Some(item) = ed.items.get(index).cloned() else {
                return;
            };
            match (item, ed.cascade.clone()) {
                (Item::Choice(parent), None)
                    if meta.kind == FieldKind::Cascading && !parent.children.is_empty() =>
                {
                    let mut items = vec![Item::Clear];
                    items.extend(parent.children.iter().cloned().map(Item::Choice));
                    let marked = vec![false; items.len()];
                    ed.picker.title = format!(" {} › {} ", meta.name, parent.name);
                    ed.picker.input = Default::default();
                    ed.cascade = Some(parent);
                    ed.show(items, marked);
                }
                (Item::Choice(c), None) if meta.kind == FieldKind::Cascading => finish(
                    state,
                    field,
                    FieldValue::Cascade {
                        parent: c,
                        child: None,
                    },
                    out,
                ),
                (item, Some(parent)) => {
                    let child = match item {
                        Item::Choice(c) => Some(c),
                        _ => None,
                    };
                    let parent = Choice {
                        children: Vec::new(),
                        ..parent
                    };
                    finish(state, field, FieldValue::Cascade { parent, child }, out)
                }
                (item, None) => {
                    let value = collect(&meta, &[item]);
                    finish(state, field, value, out)
                }
            }
        }
    }
    // Enter on an empty multi list with typed labels.
    if let Some(ed) = form_mut(state).and_then(|f| f.editor.as_mut())
        && ed.multi
        && key.code == KeyCode::Enter
        && ed.picker.shown.is_empty()
        && ed.search == Some(Search::Labels)
    {
        let typed = ed.picker.input.text();
        if !typed.trim().is_empty() {
            add_labels(ed, &typed);
        }
    }
}

/// The editor of field `field` gave `value`.
pub fn finish(state: &mut State, field: usize, value: FieldValue, out: &mut Vec<Command>) {
    let Some(form) = form_mut(state) else {
        return;
    };
    form.editor = None;
    state.requests.cancel(Slot::FormSearch);
    let Some(form) = form_mut(state) else {
        return;
    };
    match form.purpose {
        Some(Purpose::Edit { .. }) => super::edit::send_field(state, field, value, out),
        _ => super::create::set_value(state, field, value, out),
    }
}

/// Time passed: a searching editor asks once typing paused.
pub fn on_tick(state: &mut State, out: &mut Vec<Command>) {
    let Some(ed) = form_mut(state).and_then(|f| f.editor.as_mut()) else {
        return;
    };
    match ed.search_in {
        Some(t) if t > 1 => ed.search_in = Some(t - 1),
        Some(_) => {
            ed.search_in = None;
            let typed = ed.picker.input.text().trim().to_string();
            let kind = match ed.search {
                Some(Search::Labels) => RequestKind::Suggestions {
                    field: "labels".into(),
                    prefix: typed,
                },
                Some(Search::People) if !typed.is_empty() => RequestKind::Users { query: typed },
                Some(Search::Issues) if !typed.is_empty() => {
                    let mut request = crate::jira::SearchRequest::new(issue_search(&typed));
                    request.page_size = 10;
                    RequestKind::Search {
                        request,
                        cursor: None,
                    }
                }
                _ => return,
            };
            state.request(Slot::FormSearch, kind, out);
        }
        None => {}
    }
}

/// The JQL that finds issues by what was typed: a key, else words of the summary.
fn issue_search(typed: &str) -> String {
    let looks_like_key = typed.split_once('-').is_some_and(|(p, n)| {
        !p.is_empty() && !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())
    });
    let quoted = typed.replace('\\', "\\\\").replace('"', "\\\"");
    if looks_like_key {
        format!("key = \"{quoted}\"")
    } else {
        format!("summary ~ \"{quoted}*\" ORDER BY updated DESC")
    }
}
