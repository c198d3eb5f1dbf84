//! Areas and periods written as sentences, as news items report notices:
//! `対象は▽石川県=金沢市、…▽富山県=氷見市―。他の29市町村の特例は、7日で終了する。`
//!
//! The result has the shape of a [`Table`]: a sentence with a `▽` list is a
//! 範囲 cell; a sentence with a date and まで/終了 is a 期間 cell. A sentence
//! that counts other areas (`他の29市町村`) and gives them their own end is a
//! row of its own, so that rows and periods pair up as in a table.

use std::sync::LazyLock;

use regex::Regex;

use super::table::{CellLine, PeriodCell, Table};
use crate::era;
use crate::normalize::Line;

static OTHERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:他の|その他の|残りの|上記以外の)[0-9]+(?:市区町村|市町村|市町|町村)").expect("static regex")
});

pub fn collect(lines: &[Line]) -> Table {
    let mut list: Option<CellLine> = None;
    let mut list_period: Option<CellLine> = None;
    let mut others: Vec<(CellLine, CellLine)> = Vec::new();
    for line in lines {
        for sentence in line.compact().split_inclusive('。') {
            let cell = |text: &str| CellLine {
                position: line.position,
                text: text.to_owned(),
            };
            if list.is_none()
                && let Some(start) = sentence.find('▽')
            {
                let items = sentence[start..].trim_end_matches(['。', '―', '-', 'ー']);
                list = Some(cell(items));
                continue;
            }
            if !ends_something(sentence) {
                continue;
            }
            if let Some(count) = OTHERS.find(sentence) {
                others.push((cell(count.as_str()), cell(sentence)));
            } else if list_period.is_none() {
                list_period = Some(cell(sentence));
            }
        }
    }
    let mut table = Table::default();
    if let Some(list) = list {
        table.ranges.push(vec![list]);
        table.periods.push(PeriodCell {
            closes: false,
            lines: list_period.into_iter().collect(),
        });
    }
    for (range, period) in others {
        table.ranges.push(vec![range]);
        table.periods.push(PeriodCell {
            closes: false,
            lines: vec![period],
        });
    }
    // A table without any period cell reads as "no period", not as an empty one.
    table.periods.retain(|p| !p.lines.is_empty());
    table
}

/// A sentence that sets an end: a date followed by まで, 終了 or 閉塞.
fn ends_something(sentence: &str) -> bool {
    (sentence.contains("まで") || sentence.contains("終了") || sentence.contains("閉塞"))
        && era::find_dates(sentence).iter().any(|s| s.result.is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn news_item_with_split_periods() {
        let lines = normalize(&["厚生労働省は5日、2県18市町の期限を14日まで延ばす事務連絡を出した。対象は▽石川県=金沢市、能登町▽富山県=氷見市―。他の29市町村の特例は、7日で終了する。".to_owned()]).lines;
        let t = collect(&lines);
        assert_eq!(t.ranges.len(), 2);
        assert_eq!(t.ranges[0][0].text, "▽石川県=金沢市、能登町▽富山県=氷見市");
        assert_eq!(
            t.periods[0].lines[0].text,
            "厚生労働省は5日、2県18市町の期限を14日まで延ばす事務連絡を出した。"
        );
        assert_eq!(t.ranges[1][0].text, "他の29市町村");
        assert_eq!(t.periods[1].lines[0].text, "他の29市町村の特例は、7日で終了する。");
    }
}
