//! Text normalization: one canonical form for every way a notice can be typed.
//!
//! NFKC folds full-width digits, letters and brackets, half-width katakana and
//! the Kangxi radicals that office PDFs emit (`⾼` → `高`). On top of NFKC we
//! drop variation selectors and zero-width characters, and fold the dashes and
//! waves that extractors disagree on. Line structure and positions are kept:
//! joining wrapped lines is the parser's decision, because only it knows
//! whether a line continues a list or starts a paragraph.
//!
//! ```
//! use onshi_pdf_text::normalize::normalize;
//!
//! let text = normalize(&["（１）　ﾃｽﾄ　⾼知県～\r\n".to_owned(), "2頁".to_owned()]);
//! assert_eq!(text.lines[0].text, "(1) テスト 高知県~");
//! assert_eq!(text.lines[1].text, "");
//! assert_eq!((text.lines[2].position.page, text.lines[2].position.line), (2, 1));
//! ```

use unicode_normalization::UnicodeNormalization;

/// Where in the extracted text something was found: 1-based page and line on that page.
///
/// Positions order by page, then line, which is reading order.
///
/// ```
/// use onshi_pdf_text::Position;
///
/// assert!(Position { page: 1, line: 40 } < Position { page: 2, line: 1 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct Position {
    /// The 1-based page.
    pub page: u32,
    /// The 1-based line on that page, counting blank lines.
    pub line: u32,
}

/// One line of the notice after normalization, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Where the line stands in the extracted pages.
    pub position: Position,
    /// The normalized text, without its line break and trailing whitespace.
    pub text: String,
}

impl Line {
    /// The line without any whitespace: headers are often letter-spaced
    /// (`事 務 連 絡`, `令 和 7 年 1 月 7 日`).
    ///
    /// ```
    /// use onshi_pdf_text::normalize::normalize;
    ///
    /// let text = normalize(&["事 務 連 絡\n\t ".to_owned()]);
    /// assert_eq!(text.lines[0].compact(), "事務連絡");
    /// assert!(text.lines[1].is_blank());
    /// ```
    pub fn compact(&self) -> String {
        compact(&self.text)
    }

    /// True when the line holds nothing but whitespace. See [`Line::compact`].
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// The whole notice as normalized lines, in reading order across pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    /// Every line of every page, page 1 first, blank lines included.
    pub lines: Vec<Line>,
}

/// Normalizes extracted pages (page 1 first) into lines, each with its page
/// and line number; every line goes through [`normalize_line`].
///
/// ```
/// use onshi_pdf_text::normalize::{Position, normalize};
///
/// let text = normalize(&["事務連絡\n令和７年１月７日".to_owned()]);
/// assert_eq!(text.lines[1].text, "令和7年1月7日");
/// assert_eq!(text.lines[1].position, Position { page: 1, line: 2 });
/// ```
pub fn normalize(pages: &[String]) -> Text {
    let mut lines = Vec::new();
    for (page_index, page) in pages.iter().enumerate() {
        let page_number = u32::try_from(page_index + 1).unwrap_or(u32::MAX);
        for (line_index, raw) in page.split('\n').enumerate() {
            lines.push(Line {
                position: Position {
                    page: page_number,
                    line: u32::try_from(line_index + 1).unwrap_or(u32::MAX),
                },
                text: normalize_line(raw),
            });
        }
    }
    Text { lines }
}

/// Normalizes one line of text: NFKC, then the folds of the module
/// (variation selectors and zero-width characters dropped, wave dashes to
/// `~`, dashes to `-`, exotic spaces and control characters but TAB to a
/// space), and trailing whitespace removed.
///
/// ```
/// use onshi_pdf_text::normalize::normalize_line;
///
/// assert_eq!(normalize_line("１月７日〜１３日"), "1月7日~13日");
/// assert_eq!(normalize_line("葛\u{E0100}飾区\u{200B}　"), "葛飾区");
/// assert_eq!(normalize_line("範囲\t青森市"), "範囲\t青森市");
/// ```
pub fn normalize_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.nfkc() {
        match c {
            // Variation selectors (IVS and standard) and zero-width characters carry no meaning here.
            '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {
            }
            // Combining low line: pdftotext's reading of `_` in Shift_JIS fonts.
            '\u{0332}' => {}
            '\r' => {}
            // Wave dash (U+301C) and its look-alikes: one tilde for ranges.
            '\u{301C}' | '\u{FF5E}' | '\u{223C}' | '\u{2053}' => out.push('~'),
            // Non-breaking and other dashes and hyphens.
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' | '\u{FF0D}' => out.push('-'),
            // Full-width spaces are folded by NFKC; other exotic spaces are not.
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => out.push(' '),
            // Other control characters (but tabs) would only confuse the parser.
            c if c.is_control() && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    // NFKC can produce sequences that a second pass changes; folded characters
    // above are all NFKC-stable, so one pass suffices.
    let trimmed = out.trim_end();
    trimmed.to_owned()
}

/// Removes all whitespace, for comparing letter-spaced text.
///
/// ```
/// assert_eq!(onshi_pdf_text::normalize::compact(" 令 和\t7 年 "), "令和7年");
/// ```
pub fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_radicals_and_selectors() {
        assert_eq!(normalize_line("令和７年１月１３日（月）"), "令和7年1月13日(月)");
        assert_eq!(normalize_line("⾼知県\u{E0100}"), "高知県");
        assert_eq!(normalize_line("７月８日〜７月１４日"), "7月8日~7月14日");
        assert_eq!(normalize_line("ｱｸﾃｨﾌﾞ化"), "アクティブ化");
        assert_eq!(normalize_line("事　務　連　絡  "), "事 務 連 絡");
        // NFKC keeps these, and the parser relies on them.
        assert_eq!(normalize_line("【青森県】龍ヶ崎市、※"), "【青森県】龍ヶ崎市、※");
    }

    #[test]
    fn pages_and_lines_are_numbered_from_one() {
        let text = normalize(&["a\nb".to_owned(), "c".to_owned()]);
        let positions: Vec<_> = text
            .lines
            .iter()
            .map(|l| (l.position.page, l.position.line, l.text.as_str()))
            .collect();
        assert_eq!(positions, [(1, 1, "a"), (1, 2, "b"), (2, 1, "c")]);
    }

    #[test]
    fn compact_removes_all_whitespace() {
        assert_eq!(compact("令 和 7 年\t1 月"), "令和7年1月");
    }
}
