//! Cheap character folding and a cursor that reads folded characters while
//! keeping byte offsets into the original text.
//!
//! The scanner never builds a normalized copy of its input: each character is
//! folded as it is read, so every offset it reports still points into the
//! caller's string.

/// Folds the characters that notices write in full width (digits, letters,
/// `．／－（）：`) and the spaces PDF extraction produces to their ASCII
/// forms. Other characters pass through unchanged.
///
/// The parser folds while it reads, so that its byte offsets stay those of
/// the caller's text; callers can use the same fold to compare what they
/// read around a date.
///
/// ```
/// use onshi_wareki::fold;
///
/// let folded: String = "Ｒ７．１．１３\u{3000}（月）".chars().map(fold).collect();
/// assert_eq!(folded, "R7.1.13 (月)");
/// ```
pub fn fold(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            // The full-width block mirrors ASCII at a fixed distance.
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '．' => '.',
        '／' => '/',
        '－' | '‐' | '‑' | '−' => '-',
        '（' => '(',
        '）' => ')',
        '：' => ':',
        '～' | '〜' => '~',
        '\u{3000}' | '\u{00A0}' | '\t' => ' ',
        _ => c,
    }
}

/// True for the horizontal whitespace allowed between the parts of a date
/// (`令 和 7 年 1 月 7 日`). Line breaks are handled separately, see
/// [`Cursor::skip_gap`].
pub(crate) fn is_space(folded: char) -> bool {
    folded == ' '
}

/// A read position in a string. Copying it is how the grammar backtracks.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cursor<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(src: &'a str, pos: usize) -> Self {
        Cursor { src, pos }
    }

    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    pub(crate) fn src(&self) -> &'a str {
        self.src
    }

    /// The next character, folded, without consuming it.
    pub(crate) fn peek(&self) -> Option<char> {
        self.rest().chars().next().map(fold)
    }

    /// The character after the next one, folded.
    pub(crate) fn peek2(&self) -> Option<char> {
        let mut it = self.rest().chars();
        it.next()?;
        it.next().map(fold)
    }

    pub(crate) fn rest(&self) -> &'a str {
        self.src.get(self.pos..).unwrap_or("")
    }

    pub(crate) fn bump(&mut self) -> Option<char> {
        let c = self.rest().chars().next()?;
        self.pos += c.len_utf8();
        Some(fold(c))
    }

    /// Consumes `want` (compared after folding) if it is next.
    pub(crate) fn eat(&mut self, want: char) -> bool {
        if self.peek() == Some(want) {
            self.bump();
            true
        } else {
            false
        }
    }

    /// Consumes one of `wants` if it is next and returns it.
    pub(crate) fn eat_any(&mut self, wants: &[char]) -> Option<char> {
        let c = self.peek()?;
        if wants.contains(&c) {
            self.bump();
            Some(c)
        } else {
            None
        }
    }

    /// Consumes `word` if the text continues with it (folded comparison).
    pub(crate) fn eat_str(&mut self, word: &str) -> bool {
        let mut probe = *self;
        for w in word.chars() {
            if probe.bump() != Some(w) {
                return false;
            }
        }
        *self = probe;
        true
    }

    /// Skips horizontal whitespace; returns whether any was skipped.
    pub(crate) fn skip_spaces(&mut self) -> bool {
        let start = self.pos;
        while self.peek().is_some_and(is_space) {
            self.bump();
        }
        self.pos != start
    }

    /// Skips the gap between two parts of a date: horizontal whitespace and
    /// at most one line break, since PDF extraction wraps lines anywhere.
    pub(crate) fn skip_gap(&mut self) -> bool {
        let start = self.pos;
        self.skip_spaces();
        let before_break = *self;
        self.eat('\r');
        if self.eat('\n') {
            self.skip_spaces();
        } else {
            *self = before_break;
        }
        self.pos != start
    }

    /// Moves back over one character.
    pub(crate) fn step_back(&mut self) {
        if let Some(c) = self.src.get(..self.pos).and_then(|s| s.chars().next_back()) {
            self.pos -= c.len_utf8();
        }
    }

    /// The folded character just before the current position, if any.
    pub(crate) fn prev(&self) -> Option<char> {
        self.src.get(..self.pos)?.chars().next_back().map(fold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width() {
        assert_eq!(fold('７'), '7');
        assert_eq!(fold('Ｒ'), 'R');
        assert_eq!(fold('ｈ'), 'h');
        assert_eq!(fold('．'), '.');
        assert_eq!(fold('\u{3000}'), ' ');
        assert_eq!(fold('令'), '令');
    }

    #[test]
    fn cursor_keeps_original_offsets() {
        let mut cur = Cursor::new("Ｒ７．", 0);
        assert_eq!(cur.bump(), Some('R'));
        assert_eq!(cur.pos(), 3);
        assert_eq!(cur.bump(), Some('7'));
        assert!(cur.eat('.'));
        assert_eq!(cur.pos(), 9);
        assert_eq!(cur.prev(), Some('.'));
        assert_eq!(cur.bump(), None);
    }
}
