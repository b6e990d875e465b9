//! A one-line text input with the readline keys people's fingers know: Ctrl-A/E (start/end),
//! Ctrl-U/K (kill to start/end), Ctrl-W and Alt-Backspace (kill word), Alt-B/F (word left/
//! right), Ctrl-B/F and arrows, Home/End, Backspace/Delete. The cursor is a char index.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A single-line editable text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: Vec<char>,
    cursor: usize,
}

/// What a key did to the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text or cursor changed.
    Changed,
    /// The key is not an editing key.
    Ignored,
}

impl LineInput {
    /// An input holding `text`, cursor at the end. Line breaks are kept (the JQL editor is
    /// multi-line); other control characters are dropped.
    pub fn with_text(text: &str) -> Self {
        let text: Vec<char> = text
            .chars()
            .filter(|c| *c == '\n' || !c.is_control())
            .collect();
        LineInput {
            cursor: text.len(),
            text,
        }
    }

    /// Inserts a line break at the cursor.
    pub fn insert_newline(&mut self) {
        self.text.insert(self.cursor, '\n');
        self.cursor += 1;
    }

    /// The cursor as (line, column), both 0-based, in chars.
    pub fn line_col(&self) -> (usize, usize) {
        let before = &self.text[..self.cursor];
        let line = before.iter().filter(|c| **c == '\n').count();
        let col = before.iter().rev().take_while(|c| **c != '\n').count();
        (line, col)
    }

    /// The cursor as a byte offset into [`Self::text`].
    pub fn byte_cursor(&self) -> usize {
        self.text[..self.cursor].iter().map(|c| c.len_utf8()).sum()
    }

    /// Replaces the text and puts the cursor at byte offset `at` (clamped to a boundary).
    pub fn set_text(&mut self, text: &str, at: usize) {
        *self = LineInput::with_text(text);
        let mut bytes = 0;
        let mut chars = 0;
        for c in text.chars() {
            if bytes + c.len_utf8() > at {
                break;
            }
            bytes += c.len_utf8();
            chars += 1;
        }
        self.cursor = chars.min(self.text.len());
    }

    /// Moves the cursor one line up, keeping the column; false on the first line.
    pub fn move_up(&mut self) -> bool {
        let (line, col) = self.line_col();
        if line == 0 {
            return false;
        }
        let start = self.line_start(self.cursor);
        let prev_start = self.line_start(start - 1);
        let prev_len = start - 1 - prev_start;
        self.cursor = prev_start + col.min(prev_len);
        true
    }

    /// Moves the cursor one line down, keeping the column; false on the last line.
    pub fn move_down(&mut self) -> bool {
        let (_, col) = self.line_col();
        let Some(end) = self.text[self.cursor..]
            .iter()
            .position(|c| *c == '\n')
            .map(|p| p + self.cursor)
        else {
            return false;
        };
        let next_start = end + 1;
        let next_len = self.text[next_start..]
            .iter()
            .take_while(|c| **c != '\n')
            .count();
        self.cursor = next_start + col.min(next_len);
        true
    }

    fn line_start(&self, at: usize) -> usize {
        self.text[..at]
            .iter()
            .rposition(|c| *c == '\n')
            .map_or(0, |p| p + 1)
    }

    fn line_end(&self, at: usize) -> usize {
        self.text[at..]
            .iter()
            .position(|c| *c == '\n')
            .map_or(self.text.len(), |p| p + at)
    }

    /// The text.
    pub fn text(&self) -> String {
        self.text.iter().collect()
    }

    /// The cursor position in chars.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Moves the cursor to char index `at` (clamped).
    pub fn set_cursor(&mut self, at: usize) {
        self.cursor = at.min(self.text.len());
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn word_left(&self) -> usize {
        let mut i = self.cursor;
        while i > 0 && !self.text[i - 1].is_alphanumeric() {
            i -= 1;
        }
        while i > 0 && self.text[i - 1].is_alphanumeric() {
            i -= 1;
        }
        i
    }

    fn word_right(&self) -> usize {
        let mut i = self.cursor;
        let n = self.text.len();
        while i < n && !self.text[i].is_alphanumeric() {
            i += 1;
        }
        while i < n && self.text[i].is_alphanumeric() {
            i += 1;
        }
        i
    }

    /// Inserts text at the cursor (paste).
    pub fn insert_str(&mut self, s: &str) {
        for c in s.chars().filter(|c| !c.is_control()) {
            self.text.insert(self.cursor, c);
            self.cursor += 1;
        }
    }

    /// Applies an editing key.
    pub fn handle(&mut self, key: &KeyEvent) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let n = self.text.len();
        match key.code {
            KeyCode::Char('a') if ctrl => self.cursor = self.line_start(self.cursor),
            KeyCode::Char('e') if ctrl => self.cursor = self.line_end(self.cursor),
            KeyCode::Char('b') if ctrl => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Char('f') if ctrl => self.cursor = (self.cursor + 1).min(n),
            KeyCode::Char('u') if ctrl => {
                let start = self.line_start(self.cursor);
                self.text.drain(start..self.cursor);
                self.cursor = start;
            }
            KeyCode::Char('k') if ctrl => {
                let end = self.line_end(self.cursor);
                self.text.drain(self.cursor..end);
            }
            KeyCode::Char('w') if ctrl => self.kill_word_left(),
            KeyCode::Char('d') if ctrl => {
                if self.cursor < n {
                    self.text.remove(self.cursor);
                }
            }
            KeyCode::Char('b') if alt => self.cursor = self.word_left(),
            KeyCode::Char('f') if alt => self.cursor = self.word_right(),
            KeyCode::Char('d') if alt => {
                let end = self.word_right();
                self.text.drain(self.cursor..end);
            }
            KeyCode::Backspace if alt || ctrl => self.kill_word_left(),
            KeyCode::Char(c) if !ctrl && !alt => {
                self.text.insert(self.cursor, c);
                self.cursor += 1;
            }
            KeyCode::Backspace => {
                if self.cursor > 0 {
                    self.cursor -= 1;
                    self.text.remove(self.cursor);
                }
            }
            KeyCode::Delete => {
                if self.cursor < n {
                    self.text.remove(self.cursor);
                }
            }
            KeyCode::Left if ctrl || alt => self.cursor = self.word_left(),
            KeyCode::Right if ctrl || alt => self.cursor = self.word_right(),
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(n),
            KeyCode::Home => self.cursor = self.line_start(self.cursor),
            KeyCode::End => self.cursor = self.line_end(self.cursor),
            _ => return Edit::Ignored,
        }
        Edit::Changed
    }

    fn kill_word_left(&mut self) {
        let start = self.word_left();
        self.text.drain(start..self.cursor);
        self.cursor = start;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, m: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, m)
    }

    fn typed(s: &str) -> LineInput {
        let mut input = LineInput::default();
        for c in s.chars() {
            input.handle(&key(KeyCode::Char(c), KeyModifiers::NONE));
        }
        input
    }

    #[test]
    fn readline_keys() {
        let mut i = typed("project = ACME");
        i.handle(&key(KeyCode::Char('w'), KeyModifiers::CONTROL));
        assert_eq!(i.text(), "project = ");
        i.handle(&key(KeyCode::Char('a'), KeyModifiers::CONTROL));
        assert_eq!(i.cursor(), 0);
        i.handle(&key(KeyCode::Char('f'), KeyModifiers::ALT));
        assert_eq!(i.cursor(), 7);
        i.handle(&key(KeyCode::Char('k'), KeyModifiers::CONTROL));
        assert_eq!(i.text(), "project");
        i.handle(&key(KeyCode::Char('b'), KeyModifiers::ALT));
        assert_eq!(i.cursor(), 0);
        i.handle(&key(KeyCode::Char('e'), KeyModifiers::CONTROL));
        i.handle(&key(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert!(i.is_empty());
    }

    #[test]
    fn edits_in_the_middle_with_multibyte_text() {
        let mut i = LineInput::with_text("café");
        i.handle(&key(KeyCode::Left, KeyModifiers::NONE));
        i.handle(&key(KeyCode::Backspace, KeyModifiers::NONE));
        assert_eq!(i.text(), "caé");
        i.handle(&key(KeyCode::Delete, KeyModifiers::NONE));
        assert_eq!(i.text(), "ca");
        assert_eq!(
            i.handle(&key(KeyCode::F(5), KeyModifiers::NONE)),
            Edit::Ignored
        );
        i.insert_str("ke\nx");
        assert_eq!(i.text(), "cakex");
    }

    #[test]
    fn multi_line_editing() {
        let mut i = LineInput::with_text("project = A\nAND status = Done");
        assert_eq!(i.line_col(), (1, 17));
        assert!(i.move_up());
        assert_eq!(i.line_col(), (0, 11));
        assert!(!i.move_up());
        i.handle(&key(KeyCode::Char('a'), KeyModifiers::CONTROL));
        assert_eq!(i.line_col(), (0, 0));
        assert!(i.move_down());
        assert_eq!(i.line_col(), (1, 0));
        i.handle(&key(KeyCode::Char('k'), KeyModifiers::CONTROL));
        assert_eq!(i.text(), "project = A\n");
        i.insert_newline();
        assert_eq!(i.line_col(), (2, 0));
        let mut j = LineInput::default();
        j.set_text("né x", 3);
        assert_eq!(j.cursor(), 2);
        assert_eq!(j.byte_cursor(), 3);
        j.set_text("né x", 2);
        assert_eq!(j.byte_cursor(), 1);
    }
}
