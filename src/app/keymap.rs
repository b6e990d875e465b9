//! The key map is data: actions derive `Deserialize`, keys are bound in TOML (the default in
//! `assets/keymap.toml`, user overrides in `keymap.toml` in the config directory), and the
//! help screen and every key hint on screen are generated from it: a user who rebinds a key
//! sees the new one.

mod key;

pub use key::Key;

use crossterm::event::KeyEvent;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The default bindings.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Everything a key can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Select the previous row.
    Up,
    /// Select the next row.
    Down,
    /// Go to the first row / the top.
    Top,
    /// Go to the last row / the bottom.
    Bottom,
    /// One screen up.
    PageUp,
    /// One screen down.
    PageDown,
    /// Open the selected issue.
    Open,
    /// Go back / close.
    Back,
    /// Load again from the server.
    Refresh,
    /// Quit jiratty.
    Quit,
    /// Edit the JQL query.
    Query,
    /// Narrow the loaded rows by typing.
    QuickFilter,
    /// Show the key map.
    Help,
    /// Open the issue in the web browser.
    OpenInBrowser,
    /// Copy the issue key.
    CopyKey,
    /// Copy the issue URL.
    CopyUrl,
    /// Scroll up one line.
    ScrollUp,
    /// Scroll down one line.
    ScrollDown,
    /// Open the saved filters.
    Filters,
    /// Save the current query as a named filter.
    SaveFilter,
    /// Rename the selected filter.
    Rename,
    /// Delete the selected filter.
    Delete,
    /// Copy the selected Jira favourite into jiratty's filters.
    CopyFilter,
    /// Publish the selected filter to Jira.
    Publish,
    /// Choose the next related issue (parent, sub-task, link).
    NextRelated,
    /// Choose the previous related issue.
    PreviousRelated,
    /// Open one of the issue's numbered links in the browser.
    OpenLink,
    /// Move the issue through its workflow.
    Transition,
    /// Assign the issue.
    Assign,
    /// Assign the issue to me.
    AssignToMe,
    /// Watch the issue, or stop watching it.
    Watch,
    /// Write a comment on the issue.
    Comment,
    /// Edit one of my comments on the issue.
    EditComment,
    /// Delete one of my comments on the issue.
    DeleteComment,
    /// Post the comment being written.
    Send,
    /// Show the comment as it will look, or the text again.
    Preview,
    /// Hand the comment to `$VISUAL` / `$EDITOR`.
    ExternalEditor,
    /// Choose who may read the comment (a project role).
    Visibility,
    /// Pick a board to open.
    Boards,
    /// Select the column to the left.
    ColumnLeft,
    /// Select the column to the right.
    ColumnRight,
    /// Move the card to the previous column (a transition).
    MoveLeft,
    /// Move the card to the next column (a transition).
    MoveRight,
    /// Rank the card above the one over it.
    RankUp,
    /// Rank the card below the one under it.
    RankDown,
    /// Move the card to another sprint or the backlog.
    MoveToSprint,
    /// Show the previous sprint (or the backlog).
    PreviousSprint,
    /// Show the next sprint (or the backlog).
    NextSprint,
    /// Keep only my issues bright.
    OnlyMine,
    /// Group the cards by assignee, by epic, or not at all.
    Swimlanes,
    /// Show the selected column full width.
    Zoom,
    /// Edit the issue's fields.
    EditFields,
    /// Create an issue.
    CreateIssue,
    /// Create a sub-task of the issue.
    CreateSubtask,
}

impl Action {
    /// What the help screen says the action does.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Up => "previous issue",
            Action::Down => "next issue",
            Action::Top => "first issue / top",
            Action::Bottom => "last issue / bottom",
            Action::PageUp => "one page up",
            Action::PageDown => "one page down",
            Action::Open => "open the issue",
            Action::Back => "back / close",
            Action::Refresh => "reload",
            Action::Quit => "quit",
            Action::Query => "edit the JQL query",
            Action::QuickFilter => "quick filter (key, summary)",
            Action::Help => "this help",
            Action::OpenInBrowser => "open in the browser",
            Action::CopyKey => "copy the issue key",
            Action::CopyUrl => "copy the issue URL",
            Action::ScrollUp => "scroll up",
            Action::ScrollDown => "scroll down",
            Action::Filters => "saved filters (1–9 run the first nine)",
            Action::SaveFilter => "save the query as a filter",
            Action::Rename => "rename the filter",
            Action::Delete => "delete the filter",
            Action::CopyFilter => "copy a Jira favourite into jiratty",
            Action::Publish => "publish the filter to Jira",
            Action::NextRelated => "choose the next related issue (Enter opens it)",
            Action::PreviousRelated => "choose the previous related issue",
            Action::OpenLink => "open link [N] of the issue in the browser",
            Action::Transition => "move the issue (transition)",
            Action::Assign => "assign the issue",
            Action::AssignToMe => "assign the issue to me",
            Action::Watch => "watch / stop watching the issue",
            Action::Comment => "write a comment (Markdown)",
            Action::EditComment => "edit one of your comments",
            Action::DeleteComment => "delete one of your comments",
            Action::Send => "post the comment",
            Action::Preview => "preview the comment / back to the text",
            Action::ExternalEditor => "edit the comment in $VISUAL / $EDITOR",
            Action::Visibility => "who may read the comment (a project role)",
            Action::Boards => "open a board",
            Action::ColumnLeft => "column to the left",
            Action::ColumnRight => "column to the right",
            Action::MoveLeft => "move the card to the previous column",
            Action::MoveRight => "move the card to the next column",
            Action::RankUp => "rank the card up",
            Action::RankDown => "rank the card down",
            Action::MoveToSprint => "move the card to a sprint or the backlog",
            Action::PreviousSprint => "previous sprint / backlog",
            Action::NextSprint => "next sprint / backlog",
            Action::OnlyMine => "only my issues",
            Action::Swimlanes => "swimlanes: none, assignee, epic",
            Action::Zoom => "zoom the column full width",
            Action::EditFields => "edit the issue's fields",
            Action::CreateIssue => "create an issue",
            Action::CreateSubtask => "create a sub-task of the issue",
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    /// Everywhere (unless a text input has focus).
    Global,
    /// The issue list.
    List,
    /// The issue detail.
    Detail,
    /// The saved filters.
    Filters,
    /// The board.
    Board,
    /// The comment editor (text keys type; only these are taken, no global ones).
    Compose,
}

impl Context {
    /// The section name in the TOML file.
    pub fn section(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::List => "list",
            Context::Detail => "detail",
            Context::Filters => "filters",
            Context::Board => "board",
            Context::Compose => "compose",
        }
    }
}

/// Bindings per context.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Keymap {
    /// The action of each key, and the merge it came from (later merges — the user's file —
    /// are preferred in hints).
    bindings: BTreeMap<(Context, Key), (Action, u32)>,
    /// How many files have been merged.
    merges: u32,
}

/// A problem in a key map file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct KeymapError(pub String);

impl Keymap {
    /// The built-in map.
    pub fn default_map() -> Keymap {
        let mut map = Keymap::default();
        // The embedded file is checked by a test; an error here is a build mistake.
        if let Err(e) = map.merge_toml(DEFAULT_KEYMAP) {
            tracing::error!(error = %e, "default key map is broken");
        }
        map
    }

    /// Merges bindings from TOML text over the current ones.
    pub fn merge_toml(&mut self, text: &str) -> Result<(), KeymapError> {
        let table: BTreeMap<String, BTreeMap<String, String>> =
            toml::from_str(text).map_err(|e| KeymapError(e.to_string()))?;
        self.merges += 1;
        for (section, keys) in table {
            let context = match section.as_str() {
                "global" => Context::Global,
                "list" => Context::List,
                "detail" => Context::Detail,
                "filters" => Context::Filters,
                "board" => Context::Board,
                "compose" => Context::Compose,
                other => {
                    return Err(KeymapError(format!(
                        "unknown section [{other}] (expected global, list, detail, filters, board, compose)"
                    )));
                }
            };
            for (spec, action) in keys {
                let key = Key::parse(&spec)
                    .ok_or_else(|| KeymapError(format!("[{section}] '{spec}' is not a key")))?;
                let action: Action = serde_json::from_value(serde_json::Value::String(
                    action.clone(),
                ))
                .map_err(|_| {
                    KeymapError(format!("[{section}] '{spec}': '{action}' is not an action"))
                })?;
                self.bindings.insert((context, key), (action, self.merges));
            }
        }
        Ok(())
    }

    /// The action of `event` in `context` (falling back to the global bindings).
    pub fn action(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event)?;
        let own = self.bindings.get(&(context, key));
        // In the editor every other key types: the global ones do not apply.
        if context == Context::Compose {
            return own.map(|(action, _)| *action);
        }
        own.or_else(|| self.bindings.get(&(Context::Global, key)))
            .map(|(action, _)| *action)
    }

    /// Every binding of `context`, grouped by action: (keys, action), in action order.
    pub fn help(&self, context: Context) -> Vec<(String, Action)> {
        let mut by_action: BTreeMap<Action, Vec<String>> = BTreeMap::new();
        for ((c, key), (action, _)) in &self.bindings {
            if *c == context {
                by_action.entry(*action).or_default().push(key.label());
            }
        }
        by_action
            .into_iter()
            .map(|(action, keys)| (keys.join(" "), action))
            .collect()
    }

    /// The key a hint names for `action` in `context` (or, bound nowhere there, globally):
    /// of several, one from the last file merged (the user's), then a named key before a
    /// character before a Ctrl/Alt one. None when no key does it.
    pub fn key_for(&self, context: Context, action: Action) -> Option<String> {
        let best = |within: Context| {
            self.bindings
                .iter()
                .filter(|((c, _), (a, _))| *c == within && *a == action)
                .min_by_key(|((_, key), (_, merge))| (std::cmp::Reverse(*merge), key.hint_rank()))
                .map(|((_, key), _)| key.label())
        };
        best(context).or_else(|| best(Context::Global))
    }

    /// Hints for `actions` in `context`: "key what" for each action some key does, joined by
    /// `separator` ("? help  : query  Enter open").
    pub fn hints(&self, context: Context, actions: &[(Action, &str)], separator: &str) -> String {
        actions
            .iter()
            .filter_map(|(action, what)| {
                Some(format!("{} {what}", self.key_for(context, *action)?))
            })
            .collect::<Vec<_>>()
            .join(separator)
    }
}

#[cfg(test)]
mod tests;
