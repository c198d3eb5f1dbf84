//! Numbers as notices write them: ASCII or full-width digits, or kanji
//! numerals either positional (`二〇二五`) or with units (`三十一`, `廿`).

use super::fold::{Cursor, is_space};

/// A number read from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Number {
    /// The value, saturated at `u32::MAX` for absurdly long digit runs.
    pub value: u32,
    /// How many digit characters were read (for kanji with units, the
    /// number of characters).
    pub digits: u32,
    /// Written in kanji rather than digits.
    pub kanji: bool,
    /// Kanji written with units (`十`, `百`, `廿`, `卅`) rather than digit by digit.
    pub with_units: bool,
}

/// True for the characters that can make up a kanji numeral.
pub(crate) fn is_kanji_numeral(c: char) -> bool {
    kanji_token(c).is_some()
}

#[derive(Clone, Copy)]
enum Token {
    Digit(u32),
    Unit(u32),
    /// `廿` (20) and `卅` (30): a unit with its multiplier built in.
    Tens(u32),
}

fn kanji_token(c: char) -> Option<Token> {
    Some(match c {
        '〇' | '零' => Token::Digit(0),
        '一' => Token::Digit(1),
        '二' => Token::Digit(2),
        '三' => Token::Digit(3),
        '四' => Token::Digit(4),
        '五' => Token::Digit(5),
        '六' => Token::Digit(6),
        '七' => Token::Digit(7),
        '八' => Token::Digit(8),
        '九' => Token::Digit(9),
        '十' => Token::Unit(10),
        '百' => Token::Unit(100),
        '廿' => Token::Tens(20),
        '卅' => Token::Tens(30),
        _ => return None,
    })
}

/// Reads ASCII (already folded) digits. With `spaced`, whitespace between
/// digits is skipped (`1 2 月` as PDF extraction spaces it); trailing
/// whitespace is never consumed.
pub(crate) fn arabic(cur: &mut Cursor<'_>, spaced: bool) -> Option<Number> {
    let mut value: u32 = 0;
    let mut digits = 0;
    loop {
        match cur.peek() {
            Some(c @ '0'..='9') => {
                cur.bump();
                value = value.saturating_mul(10).saturating_add(c as u32 - '0' as u32);
                digits += 1;
            }
            Some(c) if spaced && digits > 0 && is_space(c) => {
                let mut probe = *cur;
                probe.skip_spaces();
                if probe.peek().is_some_and(|d| d.is_ascii_digit()) {
                    *cur = probe;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    (digits > 0).then_some(Number {
        value,
        digits,
        kanji: false,
        with_units: false,
    })
}

/// Reads a run of kanji numeral characters and evaluates it. A run that is
/// not a well-formed numeral (`二三十`, `十十`) leaves the cursor unmoved.
pub(crate) fn kanji(cur: &mut Cursor<'_>) -> Option<Number> {
    let start = *cur;
    let mut tokens: [Option<Token>; 12] = [None; 12];
    let mut count = 0usize;
    while let Some(t) = cur.peek().and_then(kanji_token) {
        let Some(slot) = tokens.get_mut(count) else {
            // Longer than any date part: not a numeral we read.
            *cur = start;
            return None;
        };
        *slot = Some(t);
        count += 1;
        cur.bump();
    }
    match evaluate(tokens.get(..count).unwrap_or(&[])) {
        Some((value, with_units)) => Some(Number {
            value,
            digits: count as u32,
            kanji: true,
            with_units,
        }),
        None => {
            *cur = start;
            None
        }
    }
}

/// Either digits or kanji, whichever is next.
pub(crate) fn number(cur: &mut Cursor<'_>, spaced: bool) -> Option<Number> {
    match cur.peek()? {
        '0'..='9' => arabic(cur, spaced),
        c if is_kanji_numeral(c) => kanji(cur),
        _ => None,
    }
}

/// Evaluates kanji numeral tokens. Positional runs (no units) read digit by
/// digit; with units, each unit may carry one non-zero multiplier and units
/// must come in decreasing order (`百`, then `十`).
fn evaluate(tokens: &[Option<Token>]) -> Option<(u32, bool)> {
    if tokens.is_empty() {
        return None;
    }
    let with_units = tokens
        .iter()
        .any(|t| matches!(t, Some(Token::Unit(_) | Token::Tens(_))));
    if !with_units {
        let mut value: u32 = 0;
        for t in tokens {
            let Some(Token::Digit(d)) = t else {
                return None;
            };
            value = value.checked_mul(10)?.checked_add(*d)?;
        }
        return Some((value, false));
    }
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    let mut last_unit = u32::MAX;
    for t in tokens {
        match (*t)? {
            Token::Digit(d) => {
                if pending.is_some() || d == 0 {
                    return None;
                }
                pending = Some(d);
            }
            Token::Unit(unit) => {
                if unit >= last_unit {
                    return None;
                }
                total += pending.take().unwrap_or(1) * unit;
                last_unit = unit;
            }
            Token::Tens(v) => {
                if pending.is_some() || 10 >= last_unit {
                    return None;
                }
                total += v;
                last_unit = 10;
            }
        }
    }
    total += pending.unwrap_or(0);
    Some((total, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Option<u32> {
        let mut cur = Cursor::new(s, 0);
        let n = kanji(&mut cur)?;
        (cur.pos() == s.len()).then_some(n.value)
    }

    #[test]
    fn kanji_values() {
        assert_eq!(k("七"), Some(7));
        assert_eq!(k("十"), Some(10));
        assert_eq!(k("十三"), Some(13));
        assert_eq!(k("二十"), Some(20));
        assert_eq!(k("三十一"), Some(31));
        assert_eq!(k("廿一"), Some(21));
        assert_eq!(k("卅"), Some(30));
        assert_eq!(k("百二"), Some(102));
        assert_eq!(k("二〇二五"), Some(2025));
        assert_eq!(k("〇"), Some(0));
        assert_eq!(k("一九八九"), Some(1989));
    }

    #[test]
    fn malformed_kanji() {
        assert_eq!(k("二三十"), None);
        assert_eq!(k("十十"), None);
        assert_eq!(k("十百"), None);
        assert_eq!(k("二十〇"), None);
        assert_eq!(k("廿十"), None);
    }

    #[test]
    fn spaced_digits() {
        let mut cur = Cursor::new("1 2 月", 0);
        let n = arabic(&mut cur, true);
        assert_eq!(n.map(|n| n.value), Some(12));
        assert_eq!(cur.pos(), 3);
        let mut cur = Cursor::new("1 2", 0);
        assert_eq!(arabic(&mut cur, false).map(|n| n.value), Some(1));
    }
}
