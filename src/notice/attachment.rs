//! Attachments: `範囲：別紙のとおり`, with the list under a `(別紙)` heading
//! later in the document (usually after `以上`, often on a page of its own).

use crate::diagnostic::{Diagnostic, NoticeCode};
use onshi_pdf_text::layout::Furniture;
use onshi_pdf_text::normalize::{Line, compact};

use super::letters;
use super::table::{self, RangeCell, Table};

/// Whether a 範囲 cell only points to an attachment.
fn points_to_attachment(cell: &RangeCell) -> Option<String> {
    let text: String = cell.lines.iter().map(|l| compact(&l.text)).collect();
    let at = text.find("別紙")?;
    // The pointer is the whole cell, give or take `のとおり`, `参照` or brackets.
    let rest = &text[at + "別紙".len()..];
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let pointer = [
        "のとおり",
        "の通り",
        "参照",
        "に記載",
        "に掲げる",
        "記載のとおり",
        "のとおりとする",
        "",
    ]
    .iter()
    .any(|w| {
        rest.trim_end_matches(['。', ')', '」', '】'])
            .trim_end_matches("の市町村")
            .ends_with(w)
    });
    let before = text[..at].trim_start_matches(['(', '「', '【']);
    (pointer && before.chars().count() <= 2).then(|| text[at..].trim_end_matches('。').to_owned())
}

/// An attachment heading: `(別紙)`, `別紙`, `【別紙1】`, `別紙2 対象市町村一覧`.
fn is_heading(compact_line: &str, number: Option<&str>) -> bool {
    let inner = compact_line.trim_start_matches(['(', '【', '[', '〔']);
    let Some(rest) = inner.strip_prefix("別紙") else {
        return false;
    };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if let Some(n) = number
        && !n.is_empty()
        && digits != n
    {
        return false;
    }
    let tail = rest[digits.len()..].trim_start_matches([')', '】', ']', '〕']);
    // A heading, not a sentence that mentions the attachment.
    tail.chars().count() <= 16 && !tail.contains('の') || tail.is_empty()
}

/// Replace each 範囲 cell of `table` that points to an attachment by what the
/// attachment lists. `lines` is the whole document, `from` the index after
/// which the attachment may stand.
pub(super) fn follow(
    table: &mut Table,
    lines: &[Line],
    from: usize,
    furniture: &Furniture,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if !table.ranges.iter().any(|r| points_to_attachment(r).is_some()) {
        return;
    }
    let mut ranges = Vec::with_capacity(table.ranges.len());
    for cell in std::mem::take(&mut table.ranges) {
        let Some(pointer) = points_to_attachment(&cell) else {
            ranges.push(cell);
            continue;
        };
        let number: String = pointer["別紙".len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let position = cell.lines.first().map(|l| l.position);
        let Some(read) = read_attachment(lines, from, Some(number.as_str()), furniture) else {
            let d = Diagnostic::error(
                NoticeCode::AttachmentNotFound,
                format!("the 範囲 points to an attachment (`{pointer}`) that the document does not have"),
            )
            .about(pointer);
            diagnostics.push(match position {
                Some(p) => d.at(p),
                None => d,
            });
            continue;
        };
        let offset = table.periods.len();
        table.periods.extend(read.periods);
        for mut listed in read.ranges {
            // The attachment's own period if it has one, else the pointer's.
            listed.period = listed.period.map(|p| p + offset).or(cell.period);
            ranges.push(listed);
        }
    }
    table.ranges = ranges;
}

fn read_attachment(lines: &[Line], from: usize, number: Option<&str>, furniture: &Furniture) -> Option<Table> {
    // Only this letter's attachments: the search ends at a quoted or a next letter.
    let limit = (from + 1..lines.len())
        .find(|&k| {
            lines.get(k).is_some_and(|l| {
                let c = l.compact();
                letters::is_quotation_heading(&c) || letters::is_letter_start(&c)
            })
        })
        .unwrap_or(lines.len());
    let start = (from..limit).find(|&k| lines.get(k).is_some_and(|l| is_heading(&l.compact(), number)))?;
    let body = lines.get(start + 1..)?;
    let end = body
        .iter()
        .position(|l| {
            let c = l.compact();
            is_heading(&c, None) || letters::is_quotation_heading(&c) || letters::is_letter_start(&c)
        })
        .unwrap_or(body.len());
    let attachment = table::collect_list(body.get(..end)?, furniture);
    (!attachment.ranges.is_empty()).then_some(attachment)
}

#[cfg(test)]
mod tests {
    use super::*;
    use onshi_pdf_text::normalize::normalize;

    #[test]
    fn a_pointer_is_replaced_by_the_attachments_list() {
        let lines = normalize(&[
            "記\n1 範囲:別紙のとおり\n2 期間:令和6年9月28日まで\n以上".to_owned(),
            "(別紙)\n対象市町村\n| 都道府県 | 市町村 |\n| 石川県 | 輪島市 |\n| 石川県 | 珠洲市 |".to_owned(),
        ])
        .lines;
        let mut table = table::collect(&lines, &Furniture::default());
        assert_eq!(table.ranges.len(), 1);
        let mut diagnostics = Vec::new();
        follow(&mut table, &lines, 4, &Furniture::default(), &mut diagnostics);
        assert!(diagnostics.is_empty());
        let names: Vec<String> = table.ranges.iter().map(|r| r.lines[0].text.clone()).collect();
        assert_eq!(names, ["輪島市", "珠洲市"]);
    }

    #[test]
    fn a_missing_attachment_is_a_diagnostic_not_a_name() {
        let lines = normalize(&["記\n範囲:別紙のとおり\n期間:9月28日まで\n以上".to_owned()]).lines;
        let mut table = table::collect(&lines, &Furniture::default());
        let mut diagnostics = Vec::new();
        follow(&mut table, &lines, 4, &Furniture::default(), &mut diagnostics);
        assert!(table.ranges.is_empty());
        assert_eq!(diagnostics[0].code, NoticeCode::AttachmentNotFound);
        assert!(
            is_heading("(別紙1)", Some("1")) && is_heading("別紙", None) && !is_heading("別紙のとおり延長する", None)
        );
    }
}
