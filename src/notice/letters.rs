//! Splitting a document into letters.
//!
//! A published notice is often several letters in one PDF: a cover letter to
//! the 関係団体, the notice proper (別紙) to the payment bodies, and quoted
//! earlier notices under `(参考N)`. Only the notice proper yields records; the
//! quoted ones must not, even though they have their own 範囲 wording.

use onshi_pdf_text::normalize::Line;

/// A run of lines `start..end` of the document that forms one letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Letter {
    pub start: usize,
    pub end: usize,
    /// The letter stands under a `(参考N)` heading: it is quoted, not issued.
    pub quoted: bool,
    /// The letter has a `記` line or a 範囲/期間 row.
    pub has_table: bool,
}

/// Split `lines` into letters, each starting at a `事務連絡` line. Without any
/// such line (portal announcements, news) the whole text is one letter.
pub fn split(lines: &[Line]) -> Vec<Letter> {
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(i, line)| {
            let c = line.compact();
            (is_letter_start(&c) || is_misread_head(&c)) && heads_a_letter(lines, *i)
        })
        .map(|(i, _)| i)
        .collect();
    let mut letters = Vec::new();
    if starts.first() != Some(&0) {
        let end = starts.first().copied().unwrap_or(lines.len());
        // Text before the first 事務連絡 line is a letter only when there is no such line at all.
        if starts.is_empty() {
            letters.push(letter(lines, 0, end, false));
        }
    }
    let mut quoted = false;
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(lines.len());
        let previous_end = if n == 0 { 0 } else { starts[n - 1] };
        quoted |= lines[previous_end..start]
            .iter()
            .any(|l| is_quotation_heading(&l.compact()));
        letters.push(letter(lines, start, end, quoted));
    }
    letters
}

/// The letter that carries the notice's own facts: the first unquoted letter
/// with a table, else the last unquoted letter (a cover letter comes first).
pub fn primary(letters: &[Letter]) -> Option<Letter> {
    let issued = || letters.iter().filter(|l| !l.quoted);
    issued().find(|l| l.has_table).or_else(|| issued().next_back()).copied()
}

fn letter(lines: &[Line], start: usize, end: usize, quoted: bool) -> Letter {
    let body = &lines[start..end];
    // Quoted material inside the letter (a `(参考N)` heading) ends what counts as its table area.
    let own_end = body
        .iter()
        .position(|l| is_quotation_heading(&l.compact()))
        .unwrap_or(body.len());
    let has_table = body[..own_end].iter().any(|l| {
        let c = l.compact();
        c == "記" || super::table::row_label(&c).is_some()
    });
    Letter {
        start,
        end,
        quoted,
        has_table,
    }
}

/// A `事務連絡` line heads a letter when a date or an addressee follows it
/// within a few lines; a running head `事務連絡` over a table continued on the
/// next page has neither under it.
fn heads_a_letter(lines: &[Line], at: usize) -> bool {
    lines
        .iter()
        .skip(at + 1)
        .filter(|l| !l.is_blank())
        .take(HEAD_LINES)
        .any(|l| {
            let c = l.compact();
            c.contains("御中")
                || c.ends_with('殿')
                || (c.chars().count() <= 24
                    && onshi_wareki::find_dates(&c)
                        .iter()
                        .any(|d| d.result.as_ref().is_ok_and(|f| f.date.full().is_some())))
        })
}

/// How many lines under `事務連絡` the letter's date or addressees may start.
const HEAD_LINES: usize = 6;

pub fn is_letter_start(compact: &str) -> bool {
    compact.starts_with("事務連絡") && compact.chars().count() <= "事務連絡".chars().count() + 16
}

/// A line that is `事務連絡` with one character misread (`事務連欠`, as OCR
/// gives it). Alone it says little; [`split`] takes it as a head only with a
/// date or addressees under it, as for the exact word.
pub fn is_misread_head(compact: &str) -> bool {
    let chars: Vec<char> = compact.chars().collect();
    chars.len() == 4 && chars.iter().zip("事務連絡".chars()).filter(|(a, b)| **a == *b).count() == 3
}

/// `(参考1)`, `(参考2) 関係団体一覧`, `参考資料`: what follows quotes others.
pub fn is_quotation_heading(compact: &str) -> bool {
    compact.starts_with("(参考") || compact.starts_with("参考資料") || compact.starts_with("【参考")
}

#[cfg(test)]
mod tests {
    use super::*;
    use onshi_pdf_text::normalize::normalize;

    fn lines(text: &str) -> Vec<Line> {
        normalize(&[text.to_owned()]).lines
    }

    #[test]
    fn quoted_letters_are_marked_and_primary_has_the_table() {
        let text = "事務連絡\n令和7年1月7日\n関係団体 御中\n\n事 務 連 絡\n記\n範囲\t【青森県】青森市\n以上\n(参考1)\n\n事務連絡\n令和5年1月26日\n";
        let lines = lines(text);
        let letters = split(&lines);
        assert_eq!(letters.len(), 3);
        assert_eq!(
            letters.iter().map(|l| l.quoted).collect::<Vec<_>>(),
            [false, false, true]
        );
        assert_eq!(primary(&letters).map(|l| l.start), Some(4));
    }

    #[test]
    fn a_misread_head_starts_a_letter_only_over_a_date() {
        let text = "事務連絡\n令和7年1月7日\n関係団体 御中\n事務連欠\n令和7年1月7日\n記\n範囲\t【青森県】青森市\n";
        let letters = split(&lines(text));
        assert_eq!(letters.iter().map(|l| l.start).collect::<Vec<_>>(), [0, 3]);
        // A word one character away is no head without a date under it.
        let letters = split(&lines("事務連絡\n令和7年1月7日\n事務連携\n会議の資料\n"));
        assert_eq!(letters.len(), 1);
        assert!(!is_misread_head("事務連絡会議"));
    }

    #[test]
    fn text_without_a_letter_head_is_one_letter() {
        let lines = lines("【お知らせ】閉塞について\n【石川県】\n輪島市\n");
        assert_eq!(
            split(&lines),
            [Letter {
                start: 0,
                end: 4,
                quoted: false,
                has_table: false
            }]
        );
    }
}
