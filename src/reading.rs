//! How far the text can be trusted character by character.
//!
//! A text layer made by OCR (the `ocr_text_layer` warning of extraction)
//! misreads characters: `令和` becomes `信和`, `年` becomes `午`, a digit
//! loses its neighbour. A misread era leaves a date that looks complete
//! without it (`信和5年1月26日` still holds `1月26日`, which the notice's date
//! would complete into the wrong year), so OCR text is read strictly: a date
//! is taken only where nothing around it looks misread. Missing a date is a
//! diagnostic; a wrong one would be a wrong record.

use onshi_pdf_text::{ExtractWarning, WarningCode};
use onshi_wareki::{PartialDate, Scanned};

/// How the text was made, and so how strictly it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reading {
    /// Text as its producer wrote it.
    #[default]
    Exact,
    /// Text recognized from an image: characters may be misread.
    Ocr,
}

impl Reading {
    /// The reading that extraction's warnings call for.
    pub fn of(warnings: &[ExtractWarning]) -> Reading {
        if warnings.iter().any(|w| w.code == WarningCode::OcrTextLayer) {
            Reading::Ocr
        } else {
            Reading::Exact
        }
    }

    /// The dates of `text` ([`onshi_wareki::find_dates`]) that this reading
    /// trusts: all of them for exact text; for OCR text, those not next to
    /// what looks like a misread character ([`is_doubtful`]).
    ///
    /// ```
    /// use onshi_notice::reading::Reading;
    ///
    /// let text = "信和5年1月26日付事務連絡、令和7年1月13日まで";
    /// assert_eq!(Reading::Exact.dates(text).len(), 2);
    /// let trusted = Reading::Ocr.dates(text);
    /// assert_eq!(trusted.len(), 1);
    /// assert_eq!(&text[trusted[0].span.clone()], "令和7年1月13日");
    /// ```
    pub fn dates(self, text: &str) -> Vec<Scanned> {
        let mut found = onshi_wareki::find_dates(text);
        if self == Reading::Ocr {
            found.retain(|s| !is_doubtful(text, s));
        }
        found
    }
}

/// Whether a date found in OCR text may be a misreading:
///
/// - a date without its year (`1月26日`, `13日`) right after a letter, a digit
///   or a kanji, where an era, a year or a month was misread (`信和5年1月26日`,
///   `令和7午1月13日`);
/// - a date whose digits touch a letter or another digit after it (`1月1З日`
///   read as `1月1日` is impossible to tell, but `1月13l日` is);
/// - digits of one number set apart by a space (`1 3日`): OCR splits a number
///   where it lost a digit, so the space may hide one.
///
/// A date that starts with its era or its western year is judged by the last
/// two rules only.
pub fn is_doubtful(text: &str, scanned: &Scanned) -> bool {
    let Some(written) = text.get(scanned.span.clone()) else {
        return true;
    };
    let before = text
        .get(..scanned.span.start)
        .unwrap_or_default()
        .trim_end_matches(is_gap)
        .chars()
        .next_back();
    let after = text.get(scanned.span.end..).unwrap_or_default().chars().next();
    let partial = !matches!(&scanned.result, Ok(found) if matches!(found.date, PartialDate::Full(_)));
    let misread_before = partial && before.is_some_and(|c| c.is_alphanumeric() && !is_kana(c));
    let touching_after = after.is_some_and(|c| c.is_ascii_alphanumeric() || is_digit(c));
    misread_before || touching_after || has_split_number(written)
}

fn is_gap(c: char) -> bool {
    c == ' ' || c == '\u{3000}' || c == '\t'
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Hiragana and katakana: the words around a date (`から`, `まで`, `は`), never part of it.
fn is_kana(c: char) -> bool {
    ('\u{3041}'..='\u{30FF}').contains(&c)
}

/// A digit, spaces, and a digit again.
fn has_split_number(written: &str) -> bool {
    let chars: Vec<char> = written.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        is_digit(c) && {
            let rest = &chars[i + 1..];
            let gap = rest.iter().take_while(|&&g| is_gap(g)).count();
            gap > 0 && rest.get(gap).is_some_and(|&d| is_digit(d))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trusted(text: &str) -> Vec<&str> {
        Reading::Ocr
            .dates(text)
            .into_iter()
            .map(|s| &text[s.span.clone()])
            .collect()
    }

    #[test]
    fn whole_dates_and_dates_after_words_are_trusted() {
        assert_eq!(trusted("令和7年1月13日まで"), ["令和7年1月13日"]);
        assert_eq!(trusted("※令和 7 年 1 月13 日まで"), ["令和 7 年 1 月13 日"]);
        assert_eq!(trusted("1月7日から13日まで"), ["1月7日", "13日"]);
        assert_eq!(trusted("2025年1月13日"), ["2025年1月13日"]);
    }

    #[test]
    fn dates_behind_a_misread_era_or_year_are_not() {
        assert_eq!(trusted("信和5年1月26日付事務連絡"), Vec::<&str>::new());
        assert_eq!(trusted("令和7午1月13日まで"), Vec::<&str>::new());
        assert_eq!(trusted("同月13日まで"), Vec::<&str>::new());
    }

    #[test]
    fn digits_touching_junk_or_split_are_not() {
        assert_eq!(trusted("令和7年1月13日l"), Vec::<&str>::new());
        assert_eq!(trusted("令和7年1月1 3日まで"), Vec::<&str>::new());
    }

    #[test]
    fn exact_text_keeps_every_date() {
        let text = "信和5年1月26日、令和7年1月1 3日";
        assert_eq!(Reading::Exact.dates(text), onshi_wareki::find_dates(text));
    }

    #[test]
    fn the_reading_follows_the_warning() {
        let warning = |code| ExtractWarning {
            code,
            message: String::new(),
            page: None,
        };
        assert_eq!(Reading::of(&[]), Reading::Exact);
        assert_eq!(Reading::of(&[warning(WarningCode::XrefRepaired)]), Reading::Exact);
        assert_eq!(Reading::of(&[warning(WarningCode::OcrTextLayer)]), Reading::Ocr);
    }
}
