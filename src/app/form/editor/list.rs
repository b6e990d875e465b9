//! The list editors: one of the allowed values, any of them, a cascading select's two
//! levels, and labels and people from the site's suggestions.

use super::{FieldEditor, Item, Search};
use crate::app::actions::Picker;
use crate::app::form::form_mut;
use crate::app::state::State;
use crate::jira::fields::{Choice, FieldKind, FieldMeta, FieldValue};
use crate::worker::Response;

pub(super) fn list_editor(
    meta: &FieldMeta,
    title: String,
    value: &FieldValue,
    multi: bool,
) -> FieldEditor {
    let search = match meta.kind {
        FieldKind::Labels => Some(Search::Labels),
        FieldKind::User | FieldKind::Users => Some(Search::People),
        FieldKind::Parent => Some(Search::Issues),
        _ => None,
    };
    let hint = match (multi, search) {
        (true, Some(Search::Labels)) => "Tab/Space mark · type + Enter add · Enter done · Esc back",
        (true, _) => "Tab/Space mark · Enter done · Esc back",
        (false, Some(_)) => "type a name · Enter choose · Esc back",
        (false, None) => "type to narrow · Enter choose · Esc back",
    };
    let mut picker = Picker::loading(title, hint);
    picker.narrows = !matches!(search, Some(Search::People | Search::Issues));
    let mut editor = FieldEditor {
        field: 0,
        picker,
        items: Vec::new(),
        marked: Vec::new(),
        multi,
        search,
        search_in: None,
        cascade: None,
        hint: hint.to_string(),
    };
    let mut items: Vec<Item> = Vec::new();
    if !multi && !meta.required {
        items.push(Item::Clear);
    }
    let mut marked: Vec<bool> = Vec::new();
    match value {
        FieldValue::Labels(ls) => items.extend(ls.iter().cloned().map(Item::Label)),
        FieldValue::Users(us) => items.extend(us.iter().cloned().map(Item::Person)),
        FieldValue::User(u) => items.push(Item::Person(u.clone())),
        FieldValue::Issue(key) => items.push(Item::Issue(key.clone(), String::new())),
        _ => {}
    }
    marked.resize(items.len(), true);
    if !multi {
        marked.iter_mut().for_each(|m| *m = false);
    }
    let chosen: Vec<&Choice> = match value {
        FieldValue::Choice(c) => vec![c],
        FieldValue::Choices(cs) => cs.iter().collect(),
        FieldValue::Cascade { parent, .. } => vec![parent],
        _ => Vec::new(),
    };
    for c in &meta.allowed {
        items.push(Item::Choice(c.clone()));
        marked.push(chosen.iter().any(|x| same_choice(x, c)));
    }
    editor.show(items, marked);
    if !multi
        && let Some(at) = editor.marked.iter().position(|m| *m).or_else(|| {
            chosen.first().and_then(|c| {
                editor
                    .items
                    .iter()
                    .position(|i| matches!(i, Item::Choice(x) if same_choice(x, c)))
            })
        })
        && let Some(line) = editor.picker.shown.iter().position(|&s| s == at)
    {
        editor.picker.selected = line;
    }
    editor
}

pub(super) fn same_choice(a: &Choice, b: &Choice) -> bool {
    match (&a.id, &b.id) {
        (Some(x), Some(y)) => x == y,
        _ => a.name.eq_ignore_ascii_case(&b.name),
    }
}

/// New labels from typed text, marked, at the top of the list.
pub(super) fn add_labels(ed: &mut FieldEditor, typed: &str) {
    let mut items = ed.items.clone();
    let mut marked = ed.marked.clone();
    for word in typed.split([',', ' ']).filter(|w| !w.is_empty()) {
        match items
            .iter()
            .position(|i| matches!(i, Item::Label(l) if l == word))
        {
            Some(at) => marked[at] = true,
            None => {
                items.insert(0, Item::Label(word.to_string()));
                marked.insert(0, true);
            }
        }
    }
    ed.picker.input = Default::default();
    ed.show(items, marked);
}

/// The value of the chosen or marked entries.
pub(super) fn collect(meta: &FieldMeta, items: &[Item]) -> FieldValue {
    let choices = || {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Choice(c) => Some(c.clone()),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    let people = || {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Person(u) => Some(u.clone()),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    match meta.kind {
        FieldKind::ManyOf => FieldValue::Choices(choices()),
        FieldKind::Labels => FieldValue::Labels(
            items
                .iter()
                .filter_map(|i| match i {
                    Item::Label(l) => Some(l.clone()),
                    _ => None,
                })
                .collect(),
        ),
        FieldKind::Users => FieldValue::Users(people()),
        FieldKind::Parent => items
            .iter()
            .find_map(|i| match i {
                Item::Issue(key, _) => Some(FieldValue::Issue(key.clone())),
                _ => None,
            })
            .unwrap_or(FieldValue::Empty),
        FieldKind::User => people()
            .into_iter()
            .next()
            .map_or(FieldValue::Empty, FieldValue::User),
        _ => choices()
            .into_iter()
            .next()
            .map_or(FieldValue::Empty, FieldValue::Choice),
    }
}

/// The site's suggestions for a searching editor: the marked entries stay, the rest are
/// replaced by what was found.
pub fn on_search(state: &mut State, response: Response) {
    let Some(ed) = form_mut(state).and_then(|f| f.editor.as_mut()) else {
        return;
    };
    let mut items: Vec<Item> = Vec::new();
    let mut marked: Vec<bool> = Vec::new();
    for (item, m) in ed.items.iter().zip(&ed.marked) {
        if *m || matches!(item, Item::Clear) {
            items.push(item.clone());
            marked.push(*m);
        }
    }
    let found: Vec<Item> = match response {
        Response::Suggestions { results, .. } => results
            .into_iter()
            .map(|s| Item::Label(crate::text::sanitize_line(&s.value)))
            .collect(),
        Response::People { users, .. } => users.into_iter().map(Item::Person).collect(),
        Response::Page(page) => page
            .issues
            .into_iter()
            .map(|i| Item::Issue(i.key, i.fields.summary))
            .collect(),
        _ => return,
    };
    for item in found {
        let dup = items.iter().any(|i| match (i, &item) {
            (Item::Label(a), Item::Label(b)) => a == b,
            (Item::Person(a), Item::Person(b)) => a.identity() == b.identity(),
            (Item::Issue(a, _), Item::Issue(b, _)) => a == b,
            _ => false,
        });
        if !dup {
            items.push(item);
            marked.push(false);
        }
    }
    let typed = !ed.picker.input.is_empty();
    ed.show(items, marked);
    // What was searched for comes first under the selection, not "(none)".
    if typed
        && !ed.multi
        && let Some(at) = ed
            .picker
            .shown
            .iter()
            .position(|&i| !matches!(ed.items.get(i), Some(Item::Clear)))
    {
        ed.picker.selected = at;
    }
}
