//! Areas and periods written as sentences, as news items report notices:
//! `対象は▽石川県=金沢市、…▽富山県=氷見市―。他の29市町村の特例は、7日で終了する。`
//!
//! The result has the shape of a [`Table`]: a sentence with a `▽` list is a
//! 範囲 cell; a sentence with a date and まで/終了 is a 期間 cell. A sentence
//! that counts other areas (`他の29市町村`) and gives them their own end is a
//! row of its own, so that rows and periods pair up as in a table.

use std::sync::LazyLock;

use regex::Regex;

use super::table::{CellLine, PeriodCell, RangeCell, Table, position_at};
use crate::diagnostic::Position;
use onshi_pdf_text::normalize::Line;
use onshi_wareki as era;

static OTHERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:他の|その他の|残りの|上記以外の)[0-9]+(?:市区町村|市町村|市町|町村)").expect("static regex")
});

/// A sentence that adds areas or names them as the target.
static ADDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:対象地域|対象市町村|対象)(?:に|として|は)、?(.+?)を(?:追加|加え|対象と)").expect("static regex")
});

pub fn collect(lines: &[Line]) -> Table {
    let mut list: Option<Vec<CellLine>> = None;
    let mut list_period: Option<CellLine> = None;
    let mut others: Vec<(CellLine, CellLine)> = Vec::new();
    for paragraph in lines.split(Line::is_blank) {
        let (text, starts) = joined(paragraph);
        let position_at = |offset: usize| position_at(&starts, offset);
        let mut offset = 0;
        for sentence in text.split_inclusive('。') {
            let at = offset;
            offset += sentence.len();
            if list.is_none()
                && let Some(mark) = sentence.find('▽')
            {
                let items = sentence[mark..].trim_end_matches(['。', '―', '-', 'ー']);
                list = Some(split_by_lines(items, at + mark, &starts));
                continue;
            }
            // `対象地域に佐賀県唐津市、伊万里市…を追加する`: the names of a sentence.
            if list.is_none()
                && let Some(names) = ADDED.captures(sentence).and_then(|c| c.get(1))
                && super::grid::looks_like_areas(names.as_str())
            {
                list = Some(split_by_lines(names.as_str(), at + names.start(), &starts));
                continue;
            }
            if !ends_something(sentence) {
                continue;
            }
            let cell = |text: &str| CellLine {
                position: position_at(at),
                text: text.to_owned(),
            };
            if let Some(count) = OTHERS.find(sentence) {
                others.push((cell(count.as_str()), cell(sentence)));
            } else if list_period.is_none() {
                list_period = Some(cell(sentence));
            }
        }
    }
    let mut table = Table::default();
    if let Some(list) = list {
        table.ranges.push(RangeCell::new(list));
        table.periods.push(PeriodCell {
            closes: false,
            lines: list_period.into_iter().collect(),
        });
    }
    for (range, period) in others {
        table.ranges.push(RangeCell::new(vec![range]));
        table.periods.push(PeriodCell {
            closes: false,
            lines: vec![period],
        });
    }
    // A table without any period cell reads as "no period", not as an empty one.
    table.periods.retain(|p| !p.lines.is_empty());
    table
}

/// A paragraph read joined, since sentences wrap across lines, with the
/// offset where each line starts (to map offsets back to lines).
fn joined(paragraph: &[Line]) -> (String, Vec<(usize, Position)>) {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(paragraph.len());
    for line in paragraph {
        starts.push((text.len(), line.position));
        text.push_str(&line.compact());
    }
    (text, starts)
}

/// The first sentence of `lines` about the period (`期間は、…まで`) that sets an
/// end (a date with まで, 終了 or 閉塞), as a 期間 cell.
pub fn period_sentence(lines: &[Line]) -> Option<PeriodCell> {
    for paragraph in lines.split(Line::is_blank) {
        let (text, starts) = joined(paragraph);
        let mut offset = 0;
        for sentence in text.split_inclusive('。') {
            let at = offset;
            offset += sentence.len();
            // Only a sentence about the period: `…までとお示ししたところ`
            // quotes an end that was, not the one this notice sets.
            if (sentence.contains("期間") || sentence.contains("期限")) && ends_something(sentence) {
                return Some(PeriodCell {
                    closes: false,
                    lines: vec![CellLine {
                        position: position_at(&starts, at),
                        text: sentence.to_owned(),
                    }],
                });
            }
        }
    }
    None
}

/// The part of the joined paragraph `text` that starts at `from`, cut back
/// into the lines it came from, so that each name keeps its own line.
fn split_by_lines(text: &str, from: usize, starts: &[(usize, Position)]) -> Vec<CellLine> {
    let end = from + text.len();
    let mut cells = Vec::new();
    for (k, &(start, position)) in starts.iter().enumerate() {
        let next = starts.get(k + 1).map_or(usize::MAX, |&(s, _)| s);
        let (a, b) = (start.max(from), next.min(end));
        if a < b
            && let Some(piece) = text.get(a - from..b - from)
        {
            cells.push(CellLine {
                position,
                text: piece.to_owned(),
            });
        }
    }
    cells
}

/// A sentence that sets an end: a date followed by まで, 終了 or 閉塞.
fn ends_something(sentence: &str) -> bool {
    (sentence.contains("まで") || sentence.contains("終了") || sentence.contains("閉塞"))
        && era::find_dates(sentence).iter().any(|s| s.result.is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use onshi_pdf_text::normalize::normalize;

    #[test]
    fn sentences_and_lists_wrapped_across_lines() {
        let lines = normalize(&[
            "2県18市町の期限を14日まで延\nばす。対象は▽石川県=金沢市、能\n登町▽富山県=氷見市―。".to_owned(),
        ])
        .lines;
        let t = collect(&lines);
        assert_eq!(t.periods[0].lines[0].text, "2県18市町の期限を14日まで延ばす。");
        let list: Vec<(&str, u32)> = t.ranges[0]
            .lines
            .iter()
            .map(|c| (c.text.as_str(), c.position.line))
            .collect();
        assert_eq!(list, [("▽石川県=金沢市、能", 2), ("登町▽富山県=氷見市", 3)]);
    }

    #[test]
    fn news_item_with_split_periods() {
        let lines = normalize(&["厚生労働省は5日、2県18市町の期限を14日まで延ばす事務連絡を出した。対象は▽石川県=金沢市、能登町▽富山県=氷見市―。他の29市町村の特例は、7日で終了する。".to_owned()]).lines;
        let t = collect(&lines);
        assert_eq!(t.ranges.len(), 2);
        assert_eq!(t.ranges[0].lines[0].text, "▽石川県=金沢市、能登町▽富山県=氷見市");
        assert_eq!(
            t.periods[0].lines[0].text,
            "厚生労働省は5日、2県18市町の期限を14日まで延ばす事務連絡を出した。"
        );
        assert_eq!(t.ranges[1].lines[0].text, "他の29市町村");
        assert_eq!(t.periods[1].lines[0].text, "他の29市町村の特例は、7日で終了する。");
    }
}
