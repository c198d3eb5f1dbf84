//! Areas and periods written as sentences, as news items report notices:
//! `対象は▽石川県=金沢市、…▽富山県=氷見市―。他の29市町村の特例は、7日で終了する。`
//!
//! The result has the shape of a [`Table`]: a sentence with a `▽` list is a
//! 範囲 cell; a sentence with a date and まで/終了 is a 期間 cell. A sentence
//! that counts other areas (`他の29市町村`) and gives them their own end is a
//! row of its own, so that rows and periods pair up as in a table.

use super::table::{CellLine, PeriodCell, RangeCell, Table, position_at};
use crate::diagnostic::Position;
use onshi_pdf_text::normalize::Line;
use onshi_wareki as era;

/// The first count of other areas in a sentence (`他の29市町村`), as the regex
/// `(?:他の|その他の|残りの|上記以外の)[0-9]+(?:市区町村|市町村|市町|町村)` finds it.
fn others(sentence: &str) -> Option<&str> {
    sentence.char_indices().find_map(|(at, _)| {
        let rest = &sentence[at..];
        ["他の", "その他の", "残りの", "上記以外の"].iter().find_map(|lead| {
            let after = rest.strip_prefix(lead)?;
            let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let kind = ["市区町村", "市町村", "市町", "町村"]
                .iter()
                .find(|k| digits > 0 && after[digits..].starts_with(**k))?;
            Some(&rest[..lead.len() + digits + kind.len()])
        })
    })
}

/// The names of a sentence that adds areas or names them as the target
/// (`対象地域に佐賀県唐津市、伊万里市を追加する`), as group 1 of the regex
/// `(?:対象地域|対象市町村|対象)(?:に|として|は)、?(.+?)を(?:追加|加え|対象と)`
/// finds it: after the first opening that is closed on the same line, up to the
/// first closing.
fn added(sentence: &str) -> Option<std::ops::Range<usize>> {
    let closings: Vec<usize> = sentence
        .match_indices('を')
        .map(|(at, _)| at)
        .filter(|&at| {
            ["を追加", "を加え", "を対象と"]
                .iter()
                .any(|w| sentence[at..].starts_with(w))
        })
        .collect();
    let line_breaks: Vec<usize> = sentence.match_indices('\n').map(|(at, _)| at).collect();
    // `.+?` from `start`: at least one character, no line break, the first closing after.
    let names_from = |start: usize| {
        let first = sentence[start..].chars().next()?;
        let close = closings[closings.partition_point(|&at| at < start + first.len_utf8())..].first()?;
        let line_break = line_breaks[line_breaks.partition_point(|&at| at < start)..].first();
        line_break.is_none_or(|b| b >= close).then_some(start..*close)
    };
    sentence.char_indices().find_map(|(at, _)| {
        let rest = &sentence[at..];
        ["対象地域", "対象市町村", "対象"].iter().find_map(|target| {
            let rest = rest.strip_prefix(target)?;
            ["に", "として", "は"].iter().find_map(|connective| {
                let rest = rest.strip_prefix(connective)?;
                let start = sentence.len() - rest.len();
                let after_comma = rest.strip_prefix('、').map(|r| sentence.len() - r.len());
                after_comma.and_then(names_from).or_else(|| names_from(start))
            })
        })
    })
}

pub fn collect(lines: &[Line]) -> Table {
    let mut list: Option<Vec<CellLine>> = None;
    let mut list_period: Option<CellLine> = None;
    let mut others_rows: Vec<(CellLine, CellLine)> = Vec::new();
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
                && let Some(names) = added(sentence)
                && super::grid::looks_like_areas(&sentence[names.clone()])
            {
                list = Some(split_by_lines(&sentence[names.clone()], at + names.start, &starts));
                continue;
            }
            if !ends_something(sentence) {
                continue;
            }
            let cell = |text: &str| CellLine {
                position: position_at(at),
                text: text.to_owned(),
            };
            if let Some(count) = others(sentence) {
                others_rows.push((cell(count), cell(sentence)));
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
    for (range, period) in others_rows {
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
    use crate::notice::text_of;
    use onshi_pdf_text::normalize::normalize;
    use proptest::prelude::*;

    #[test]
    fn others_and_added_cases() {
        assert_eq!(others("また、その他の29市町村の特例は"), Some("その他の29市町村"));
        assert_eq!(others("上記以外の3市町で"), Some("上記以外の3市町"));
        assert_eq!(others("他の市町村"), None);
        let s = "対象地域に、佐賀県唐津市、伊万里市を追加する。";
        assert_eq!(added(s).map(|r| &s[r]), Some("佐賀県唐津市、伊万里市"));
        let s = "対象は、を追加";
        assert_eq!(added(s).map(|r| &s[r]), Some("、"));
        assert_eq!(added("対象として\n唐津市を追加"), None);
        assert_eq!(added("対象地域を追加"), None);
    }

    proptest! {
        #[test]
        fn others_and_added_match_their_regexes(sentence in text_of::words(&[
            "他の", "その他の", "残りの", "上記以外の", "その", "29", "3", "市区町村", "市町村", "市町", "町村",
            "対象地域", "対象市町村", "対象", "に", "として", "は", "、", "唐津市", "を", "を追加", "を加え",
            "を対象と", "\n",
        ])) {
            let others_regex = regex::Regex::new(r"(?:他の|その他の|残りの|上記以外の)[0-9]+(?:市区町村|市町村|市町|町村)").unwrap();
            prop_assert_eq!(others(&sentence), others_regex.find(&sentence).map(|m| m.as_str()));
            let added_regex = regex::Regex::new(r"(?:対象地域|対象市町村|対象)(?:に|として|は)、?(.+?)を(?:追加|加え|対象と)").unwrap();
            let expected = added_regex.captures(&sentence).map(|c| c.get(1).unwrap().range());
            prop_assert_eq!(added(&sentence), expected);
        }
    }

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
