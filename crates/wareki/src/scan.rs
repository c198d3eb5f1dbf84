//! Finding dates in running text.
//!
//! The scanner walks the text once. At each character that could start a
//! date it tries the grammar; on success it records the date (or the error)
//! and continues after it, otherwise it moves on by one character. Which
//! characters may start a date is decided by the character before them, so
//! that `第21条`, the middle of `2025` or an ASCII word never start one.

use super::error::DateError;
use super::fold::fold;
use super::grammar::{Mode, date_at};
use super::numeral::is_kanji_numeral;
use super::validate::validate;
use super::{FoundDate, Scanned};

pub(crate) fn find_dates(text: &str) -> Vec<Scanned> {
    let mut found = Vec::new();
    let mut pos = 0;
    // The two folded characters before `pos`, nearest first.
    let mut prev: [Option<char>; 2] = [None, None];
    while let Some(c) = text.get(pos..).and_then(|rest| rest.chars().next()) {
        let folded = fold(c);
        if may_start(folded, prev)
            && let Ok(raw) = date_at(text, pos, Mode::Scan)
        {
            let span = pos..raw.end;
            let input = text.get(span.clone()).unwrap_or_default();
            let result = validate(&raw)
                .map(|(date, time)| FoundDate {
                    span: span.clone(),
                    date,
                    time,
                    weekday: raw.weekday,
                })
                .map_err(|detail| DateError::new(detail, input));
            found.push(Scanned { span, result });
            let mut back = input.chars().rev().map(fold);
            prev = [back.next(), back.next()];
            pos = raw.end.max(pos + c.len_utf8());
            continue;
        }
        prev = [Some(folded), prev[0]];
        pos += c.len_utf8();
    }
    found
}

/// Whether a date may start at a character, given the one or two before it.
fn may_start(c: char, prev: [Option<char>; 2]) -> bool {
    let [p1, p2] = prev;
    let digit_before = |p: Option<char>| p.is_some_and(|p| p.is_ascii_digit());
    match c {
        '令' | '平' | '昭' | '大' | '明' | '㋿' | '㍻' | '㍼' | '㍽' | '㍾' => true,
        'R' | 'H' | 'S' | 'T' | 'M' => !p1.is_some_and(|p| p.is_ascii_alphanumeric() || p == '_'),
        '0'..='9' => {
            if digit_before(p1) || p1 == Some('第') {
                return false;
            }
            // Inside `1.2`, `3/4`, `12:30` or a spaced-out number `1 2`.
            let joiner = matches!(p1, Some('.' | '/' | ':' | '-' | ',' | ' '));
            !(joiner && digit_before(p2))
        }
        c if is_kanji_numeral(c) => !p1.is_some_and(|p| is_kanji_numeral(p) || p == '第'),
        _ => false,
    }
}
