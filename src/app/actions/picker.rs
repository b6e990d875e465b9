//! The picker over the screen: a list of choices with a type-ahead filter (transitions,
//! people, a field's allowed values), or a line of free text when a field takes any.

use super::super::input::{Edit, LineInput};
use super::super::row::Category;
use super::super::state::Phase;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One choice.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// What it is ("Start progress", "Ann Smith").
    pub label: String,
    /// Beside it, dimmer ("→ In Progress", "ann@example.com").
    pub detail: String,
    /// Colour of the detail, for statuses.
    pub category: Option<Category>,
    /// Where it came from in the purpose's own list.
    pub index: usize,
}

/// A picker's state.
#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    /// The frame's title.
    pub title: String,
    /// What is typed: the filter, or the free text.
    pub input: LineInput,
    /// All the choices, in order.
    pub choices: Vec<Choice>,
    /// The indices into `choices` the filter keeps.
    pub shown: Vec<usize>,
    /// The selected line of `shown`.
    pub selected: usize,
    /// Loading the choices, or why they could not be.
    pub phase: Phase,
    /// What to say when there is nothing to choose.
    pub empty: String,
    /// Enter takes the typed text (a field without allowed values, a comment).
    pub free_text: bool,
    /// A line under the list: what Enter and Esc do.
    pub hint: String,
    /// Typing narrows the choices here (false: the site searches, and its answer is the list).
    pub narrows: bool,
}

/// What a key did in the picker.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Nothing more to do.
    Handled,
    /// The filter text changed.
    Typed,
    /// The choice at this index of `choices` was taken.
    Chosen(usize),
    /// The free text was taken.
    Text(String),
    /// Closed without a choice.
    Cancelled,
}

impl Picker {
    /// A picker, loading its choices.
    pub fn loading(title: impl Into<String>, hint: impl Into<String>) -> Self {
        Picker {
            title: title.into(),
            input: LineInput::default(),
            choices: Vec::new(),
            shown: Vec::new(),
            selected: 0,
            phase: Phase::Loading,
            empty: String::new(),
            free_text: false,
            hint: hint.into(),
            narrows: true,
        }
    }

    /// A picker of free text, prefilled with `text`.
    pub fn text(title: impl Into<String>, hint: impl Into<String>, text: &str) -> Self {
        Picker {
            input: LineInput::with_text(text),
            free_text: true,
            phase: Phase::Idle,
            ..Picker::loading(title, hint)
        }
    }

    /// Puts the choices in, keeping the typed filter; `empty` is said when there are none.
    pub fn fill(&mut self, choices: Vec<Choice>, empty: impl Into<String>) {
        let selected = self.selected_choice().map(|c| c.label.clone());
        self.choices = choices;
        self.empty = empty.into();
        self.phase = Phase::Idle;
        self.refilter();
        if let Some(label) = selected
            && let Some(at) = self
                .shown
                .iter()
                .position(|&i| self.choices[i].label == label)
        {
            self.selected = at;
        }
    }

    /// The choice the selection is on.
    pub fn selected_choice(&self) -> Option<&Choice> {
        self.shown
            .get(self.selected)
            .and_then(|&i| self.choices.get(i))
    }

    /// Keeps the choices whose label or detail holds every typed word (any case).
    fn refilter(&mut self) {
        let typed = if self.narrows {
            self.input.text().to_lowercase()
        } else {
            String::new()
        };
        let words: Vec<&str> = typed.split_whitespace().collect();
        self.shown = self
            .choices
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                let text = format!("{} {}", c.label, c.detail).to_lowercase();
                words.iter().all(|w| text.contains(w))
            })
            .map(|(i, _)| i)
            .collect();
        self.selected = self.selected.min(self.shown.len().saturating_sub(1));
    }

    /// Handles a key.
    pub fn on_key(&mut self, key: &KeyEvent) -> Outcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return Outcome::Cancelled,
            KeyCode::Enter if self.free_text => return Outcome::Text(self.input.text()),
            KeyCode::Enter => {
                return match self.selected_choice() {
                    Some(choice) => Outcome::Chosen(choice.index),
                    None => Outcome::Handled,
                };
            }
            KeyCode::Up => self.selected = self.selected.saturating_sub(1),
            KeyCode::Char('p') if ctrl => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down => self.step_down(1),
            KeyCode::Char('n') if ctrl => self.step_down(1),
            KeyCode::PageUp => self.selected = self.selected.saturating_sub(10),
            KeyCode::PageDown => self.step_down(10),
            _ => {
                if self.input.handle(key) == Edit::Changed {
                    if !self.free_text {
                        self.selected = 0;
                        self.refilter();
                    }
                    return Outcome::Typed;
                }
            }
        }
        Outcome::Handled
    }

    /// Pasted text goes into the input, on one line.
    pub fn paste(&mut self, text: &str) {
        let line: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        self.input.insert_str(&line);
        if !self.free_text {
            self.selected = 0;
            self.refilter();
        }
    }

    fn step_down(&mut self, by: usize) {
        self.selected = (self.selected + by).min(self.shown.len().saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn choice(label: &str, detail: &str, index: usize) -> Choice {
        Choice {
            label: label.into(),
            detail: detail.into(),
            category: None,
            index,
        }
    }

    #[test]
    fn typing_narrows_and_enter_takes_the_selected() {
        let mut p = Picker::loading("t", "h");
        p.fill(
            vec![
                choice("Start progress", "In Progress", 0),
                choice("Done", "Done", 1),
                choice("Stop progress", "To Do", 2),
            ],
            "none",
        );
        assert_eq!(p.shown, vec![0, 1, 2]);
        for c in "prog".chars() {
            assert_eq!(p.on_key(&key(KeyCode::Char(c))), Outcome::Typed);
        }
        assert_eq!(p.shown, vec![0, 2]);
        p.on_key(&key(KeyCode::Down));
        p.on_key(&key(KeyCode::Down));
        assert_eq!(p.on_key(&key(KeyCode::Enter)), Outcome::Chosen(2));
        for c in "zz".chars() {
            p.on_key(&key(KeyCode::Char(c)));
        }
        assert!(p.shown.is_empty());
        assert_eq!(p.on_key(&key(KeyCode::Enter)), Outcome::Handled);
        assert_eq!(p.on_key(&key(KeyCode::Esc)), Outcome::Cancelled);
    }

    #[test]
    fn new_choices_keep_the_selection_on_its_choice() {
        let mut p = Picker::loading("t", "h");
        p.fill(vec![choice("Ann", "", 0), choice("Bob", "", 1)], "");
        p.on_key(&key(KeyCode::Down));
        p.fill(
            vec![
                choice("Aaron", "", 0),
                choice("Ann", "", 1),
                choice("Bob", "", 2),
            ],
            "",
        );
        assert_eq!(p.selected_choice().map(|c| c.index), Some(2));
    }

    #[test]
    fn free_text_is_taken_as_typed() {
        let mut p = Picker::text("Comment", "h", "");
        p.paste("looks\ngood");
        assert_eq!(
            p.on_key(&key(KeyCode::Enter)),
            Outcome::Text("looks good".into())
        );
    }
}
