//! Parse a normalized notice into its parts: header facts, kind, disaster,
//! references, and the 範囲/期間 table.
//!
//! This stage reads structure only; names become codes in [`crate::places`]
//! and period cells become dates in [`crate::periods`].

mod attachment;
mod facts;
mod grid;
mod header;
mod letters;
mod markdown;
mod prose;
pub mod range;
pub mod references;
pub mod table;

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, NoticeCode, Position};
use crate::reading::Reading;
use onshi_pdf_text::layout::Furniture;
use onshi_pdf_text::normalize::{Line, Text};
use onshi_wareki as era;

pub use facts::{Disaster, Notice, NoticeKind, Reference};
pub use range::{ItemKind, RangeItem, RangeList};
pub use table::{CellLine, PeriodCell, RangeCell, Table};

/// Everything the notice says, before places and periods are resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedNotice {
    /// The letter's head and title: the facts that go into the document's
    /// `notice`.
    pub header: Notice,
    /// The 範囲 and 期間 cells, with the period each 範囲 row points to.
    pub table: Table,
    /// The 範囲 cells read into items, one per 範囲 row.
    pub ranges: Vec<RangeList>,
    /// What the reader noticed: missing parts, notes in the cells.
    pub diagnostics: Vec<Diagnostic>,
    /// How strictly the text is read: OCR text gives only the dates that
    /// nothing around looks misread in (see [`crate::reading`]).
    pub reading: Reading,
}

/// The text holds nothing that looks like a notice.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a notice: found no 事務連絡 head, title, 範囲 or 期間 in {lines} lines of text")]
pub struct NotANotice {
    /// How many lines of text were looked at.
    pub lines: usize,
}

/// Read the notice out of normalized text: pick the letter, read its head and
/// title, find its 範囲/期間 cells in tables or paragraphs, and read the 範囲
/// cells into items.
pub fn parse(text: &Text) -> Result<ParsedNotice, NotANotice> {
    parse_read(text, Reading::Exact)
}

/// [`parse`] for text read as `reading` says (OCR text strictly).
pub fn parse_read(text: &Text, reading: Reading) -> Result<ParsedNotice, NotANotice> {
    let unmarked = markdown::unmark(text);
    let lines = &unmarked.as_ref().map_or(text, |u| &u.text).lines;
    let letters = letters::split(lines);
    let letter = letters::primary(&letters).ok_or(NotANotice { lines: lines.len() })?;
    let own = &lines[letter.start..letter.end];
    // Quoted material inside the letter (`(参考N)`, attachments) is not the notice's own text.
    let own = &own[..own
        .iter()
        .position(|l| letters::is_quotation_heading(&l.compact()))
        .unwrap_or(own.len())];
    // A `# ` title counts in the letter's head, or above it when no other letter comes first.
    let marked_title = unmarked.as_ref().and_then(|u| u.title).filter(|&k| {
        let first = letters.first().map_or(0, |l| l.start);
        (letter.start..letter.start + own.len()).contains(&k) || (k < letter.start && first == letter.start)
    });

    let header = header::parse(own, marked_title.map(|k| &lines[k]));
    let body = &own[header.body_start.min(own.len())..];
    let table_lines = match body.iter().position(|l| l.compact() == "記") {
        Some(k) => &body[k + 1..],
        None => body,
    };
    let furniture = Furniture::of(lines);
    let mut table = table::collect(table_lines, &furniture);
    let mut diagnostics = Vec::new();
    // Attachments stand after the letter's own text, before any quoted notice.
    let after_table = letter.start + (own.len() - table_lines.len());
    attachment::follow(&mut table, lines, after_table, &furniture, &mut diagnostics);
    if table.ranges.is_empty() {
        let written = prose::collect(body);
        if !written.ranges.is_empty() {
            table = written;
        }
    } else if table.periods.is_empty()
        && let Some(period) = prose::period_sentence(table_lines)
    {
        // Areas listed without a 期間 label, and the period in a sentence
        // (`期間は、令和6年2月1日から同月14日までとする。`).
        table.periods.push(period);
    }
    // A 事務連絡 head alone is not enough: a notice has a title or a table.
    if header.title.is_none() && table.is_empty() {
        return Err(NotANotice { lines: lines.len() });
    }

    let title = header.title.clone();
    let kind = kind(title.as_deref(), body);
    if kind == NoticeKind::Unknown {
        diagnostics.push(at(
            Diagnostic::warning(
                NoticeCode::UnknownKind,
                "found no wording of activation, extension, termination or amendment",
            ),
            header.title_position,
        ));
    }
    if header.issued_on.is_none() {
        diagnostics.push(at(
            Diagnostic::warning(NoticeCode::MissingIssueDate, "found no date in the letter head"),
            own.first().map(|l| l.position),
        ));
    }
    if title.is_none() {
        diagnostics.push(at(
            Diagnostic::warning(NoticeCode::MissingTitle, "found no title ending in について"),
            own.first().map(|l| l.position),
        ));
    }
    if table.ranges.is_empty() {
        diagnostics.push(at(
            Diagnostic::error(NoticeCode::MissingRange, "found no 範囲 (area) in the notice"),
            table_lines.first().map(|l| l.position),
        ));
    }
    if table.periods.is_empty() {
        diagnostics.push(at(
            Diagnostic::warning(NoticeCode::MissingPeriod, "found no 期間 (period) in the notice"),
            table_lines.first().map(|l| l.position),
        ));
    }

    let ranges = table.ranges.iter().map(range::parse_cell).collect();
    let mut parsed = ParsedNotice {
        header: Notice {
            kind,
            document_type: header.document_type,
            issued_on: header.issued_on,
            sequel: title.as_deref().and_then(sequel),
            disaster: title.as_deref().and_then(disaster).or_else(|| disaster_in_body(body)),
            title,
            issuers: header.issuers,
            addressees: header.addressees,
            references: references::find(body),
        },
        table,
        ranges,
        diagnostics,
        reading,
    };
    cap_range_items(&mut parsed);
    Ok(parsed)
}

fn at(diagnostic: Diagnostic, position: Option<Position>) -> Diagnostic {
    match position {
        Some(p) => diagnostic.at(p),
        None => diagnostic,
    }
}

/// The kind, from the title when it says, else from the body's wording.
fn kind(title: Option<&str>, body: &[Line]) -> NoticeKind {
    const WORDS: &[(&str, NoticeKind)] = &[
        ("閉塞", NoticeKind::Termination),
        ("終了", NoticeKind::Termination),
        ("延長", NoticeKind::Extension),
        ("追加", NoticeKind::Amendment),
        ("追記", NoticeKind::Amendment),
        ("アクティブ化する", NoticeKind::Activation),
        ("アクティブ化について", NoticeKind::Activation),
        ("開放", NoticeKind::Activation),
    ];
    let find = |text: &str| WORDS.iter().find(|(w, _)| text.contains(w)).map(|&(_, k)| k);
    if let Some(kind) = title.and_then(find) {
        return kind;
    }
    let body: String = body.iter().map(Line::compact).collect();
    find(&body).unwrap_or(NoticeKind::Unknown)
}

fn sequel(title: &str) -> Option<u32> {
    // The first match of the regex `\(その([0-9]+)\)`.
    let digits = title.match_indices("(その").find_map(|(at, mark)| {
        let rest = &title[at + mark.len()..];
        let digits = &rest[..rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len()];
        (!digits.is_empty() && rest[digits.len()..].starts_with(')')).then_some(digits)
    })?;
    digits.parse().ok()
}

/// The disaster named in front of the system's name in the title:
/// `令和6年12月28日からの大雪にかかるオンライン資格確認等…`.
fn disaster(title: &str) -> Option<Disaster> {
    let name = disaster_name(title)?.to_owned();
    let began_on = first_full_date(&name);
    Some(Disaster { name, began_on })
}

/// The name before the connective, as group 1 of the regex
/// `^(?:【[^】]*】)?(.+?)(?:にかかる|に係る|に伴う|による|に関する)(?:対応における|対応に係る|対応)?(?:オンライン資格確認|オン資|「?緊急時医療情報|災害時医療情報|災害時モード)`:
/// the shortest, after a leading `【…】` if the title still reads so without it.
fn disaster_name(title: &str) -> Option<&str> {
    const CONNECTIVES: [&str; 5] = ["にかかる", "に係る", "に伴う", "による", "に関する"];
    const RESPONSE: [&str; 4] = ["対応における", "対応に係る", "対応", ""];
    const SYSTEM: [&str; 6] = [
        "オンライン資格確認",
        "オン資",
        "「緊急時医療情報",
        "緊急時医療情報",
        "災害時医療情報",
        "災害時モード",
    ];
    let names_the_system = |rest: &str| {
        CONNECTIVES.iter().filter_map(|w| rest.strip_prefix(w)).any(|rest| {
            RESPONSE
                .iter()
                .filter_map(|w| rest.strip_prefix(w))
                .any(|rest| SYSTEM.iter().any(|w| rest.starts_with(w)))
        })
    };
    let bracket = title
        .strip_prefix('【')
        .and_then(|rest| rest.find('】').map(|at| '【'.len_utf8() + at + '】'.len_utf8()));
    bracket.into_iter().chain([0]).find_map(|start| {
        let name = &title[start..];
        // `.+?`: at least one character, and no line break.
        name.char_indices()
            .take_while(|&(_, c)| c != '\n')
            .map(|(at, c)| at + c.len_utf8())
            .find(|&end| names_the_system(&name[end..]))
            .map(|end| &name[..end])
    })
}

/// A disaster named in the body when the title has none:
/// `令和6年1月23日からの大雪等による災害に関し`, `令和6年能登半島地震の被災地`.
fn disaster_in_body(body: &[Line]) -> Option<Disaster> {
    let text: String = body.iter().map(Line::compact).collect();
    let name = disaster_named_in(&text)?.to_owned();
    // A name, not a sentence that happens to end in 地震.
    if name.chars().count() > 40 {
        return None;
    }
    let began_on = first_full_date(&name);
    Some(Disaster { name, began_on })
}

/// The first disaster named after an era year, as the regex
/// `((?:令和|平成)(?:[0-9]+|元)年(?:[0-9]+月[0-9]+日(?:から|に発生した)の?)?[^、。「」『』()]*?(?:地震|豪雨|大雨|大雪|台風|火災|噴火|豪雪|暴風雨)等?)`
/// finds it: from the era to the first word for a disaster, within one clause.
/// (The optional date after the year changes nothing: it holds no such word and
/// no character that ends the clause.)
fn disaster_named_in(text: &str) -> Option<&str> {
    const WORDS: [&str; 9] = ["地震", "豪雨", "大雨", "大雪", "台風", "火災", "噴火", "豪雪", "暴風雨"];
    let mut from = 0;
    while let Some(at) = text[from..].find(['令', '平']).map(|at| from + at) {
        from = at + '令'.len_utf8();
        let Some(rest) = text[at..]
            .strip_prefix("令和")
            .or_else(|| text[at..].strip_prefix("平成"))
        else {
            continue;
        };
        let year = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        let year = if year.len() < rest.len() {
            Some(year)
        } else {
            rest.strip_prefix('元')
        };
        let Some(clause) = year.and_then(|y| y.strip_prefix('年')) else {
            continue;
        };
        let clause_at = text.len() - clause.len();
        for (i, c) in clause.char_indices() {
            if let Some(word) = WORDS.iter().find(|w| clause[i..].starts_with(**w)) {
                let end = clause_at + i + word.len();
                let end = end
                    + if text[end..].starts_with('等') {
                        '等'.len_utf8()
                    } else {
                        0
                    };
                return Some(&text[at..end]);
            }
            if matches!(c, '、' | '。' | '「' | '」' | '『' | '』' | '(' | ')') {
                // Every start before this character ends its clause here too.
                from = from.max(clause_at + i);
                break;
            }
        }
        if !clause.contains(['、', '。', '「', '」', '『', '』', '(', ')']) {
            // No word up to the end of the text: no later start has one either.
            return None;
        }
    }
    None
}

fn first_full_date(text: &str) -> Option<NaiveDate> {
    era::find_dates(text).into_iter().find_map(|s| match s.result {
        Ok(era::FoundDate {
            date: era::PartialDate::Full(date),
            ..
        }) => Some(date),
        _ => None,
    })
}

/// The cap on 範囲 items ([`range::MAX_ITEMS`]) holds for the whole
/// notice, not per row: many short rows or bracketed groups must not add up
/// past it (each item costs a lookup, an unknown one a search for
/// suggestions). Rows past the cap are dropped, and the last row kept counts
/// what was left out, which `places` reports once as `range_too_long`.
fn cap_range_items(parsed: &mut ParsedNotice) {
    let mut left = range::MAX_ITEMS;
    let Some(last) = parsed.ranges.iter().position(|r| {
        let over = r.items.len() > left;
        left = left.saturating_sub(r.items.len());
        over || r.omitted > 0
    }) else {
        return;
    };
    let dropped: usize = parsed.ranges[last + 1..]
        .iter()
        .map(|r| r.items.len() + r.omitted)
        .sum();
    let rows_dropped = parsed.ranges.len() - (last + 1);
    parsed.ranges.truncate(last + 1);
    if parsed.table.ranges.len() > last + 1 {
        parsed.table.ranges.truncate(last + 1);
    }
    let kept_before: usize = parsed.ranges[..last].iter().map(|r| r.items.len()).sum();
    let row = &mut parsed.ranges[last];
    let keep = range::MAX_ITEMS.saturating_sub(kept_before).min(row.items.len());
    row.omitted += row.items.len() - keep + dropped;
    row.items.truncate(keep);
    log::debug!(
        "notice: 範囲 items capped at {}: {} left out, {} rows dropped",
        range::MAX_ITEMS,
        row.omitted,
        rows_dropped
    );
}

/// Random text for checking the hand-written matchers against the regexes they replace.
#[cfg(test)]
pub(crate) mod text_of {
    use proptest::prelude::*;

    /// Strings of up to 12 of `words` (single characters or longer), in any order.
    pub(crate) fn words(words: &'static [&'static str]) -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(words), 0..12).prop_map(|w| w.concat())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_markdown_title_above_the_letter_head_is_the_title() {
        let text = "# 能登半島地震 緊急時医療情報・資格確認機能の対象地域（その２）\n\n事務連絡\n令和6年1月5日\n\n厚生労働省医薬局総務課\n\n## 記\n\n| 範囲 | 期間 |\n|:--|:--|\n| 【石川県】輪島市 | 令和6年1月31日まで |\n";
        let parsed = parse(&onshi_pdf_text::normalize::normalize(&[text.to_owned()])).unwrap();
        assert_eq!(
            parsed.header.title.as_deref(),
            Some("能登半島地震緊急時医療情報・資格確認機能の対象地域(その2)")
        );
        assert_eq!(parsed.header.sequel, Some(2));
        assert_eq!(parsed.header.issued_on, NaiveDate::from_ymd_opt(2024, 1, 5));
        assert_eq!(parsed.ranges.len(), 1);
        assert_eq!(parsed.table.periods.len(), 1);
    }

    #[test]
    fn a_markdown_title_of_a_quoted_letter_is_not_the_title() {
        let text = "事務連絡\n令和6年1月5日\n\n厚生労働省医薬局総務課\n\n…の範囲・期間について\n\n記\n\n範囲\t【石川県】輪島市\n期間\t令和6年1月31日まで\n\n(参考1)\n\n事務連絡\n令和6年1月1日\n\n# 以前の通知\n";
        let parsed = parse(&onshi_pdf_text::normalize::normalize(&[text.to_owned()])).unwrap();
        assert_eq!(parsed.header.title.as_deref(), Some("...の範囲・期間について"));
    }

    #[test]
    fn sequel_numbers() {
        assert_eq!(sequel("…について(その2)"), Some(2));
        assert_eq!(sequel("(その)(その12)について"), Some(12));
        assert_eq!(sequel("(その2について"), None);
        assert_eq!(sequel("(続)"), None);
    }

    #[test]
    fn disaster_named_in_cases() {
        let named = |text| disaster_named_in(text);
        assert_eq!(
            named("令和6年1月23日からの大雪等による災害に関し"),
            Some("令和6年1月23日からの大雪等")
        );
        assert_eq!(named("令和6年能登半島地震の被災地"), Some("令和6年能登半島地震"));
        assert_eq!(named("平成元年の台風"), Some("平成元年の台風"));
        assert_eq!(named("令和6年、大雨"), None);
        assert_eq!(named("令和年大雨"), None);
        assert_eq!(named("令和6年「大雨」、令和7年の豪雪"), Some("令和7年の豪雪"));
    }

    #[test]
    fn disaster_name_cases() {
        assert_eq!(
            disaster_name("【重要】令和6年能登半島地震に係るオン資の…"),
            Some("令和6年能登半島地震")
        );
        assert_eq!(disaster_name("【重要】に係るオン資"), Some("【重要】"));
        assert_eq!(disaster_name("大雨に伴う対応における災害時モード"), Some("大雨"));
        assert_eq!(
            disaster_name("大雨による大雪にかかる「緊急時医療情報"),
            Some("大雨による大雪")
        );
        assert_eq!(disaster_name("にかかるオンライン資格確認"), None);
        assert_eq!(disaster_name("大雨\nにかかるオン資"), None);
        assert_eq!(disaster_name("大雨にかかる対応オンライン"), None);
    }

    proptest! {
        #[test]
        fn sequel_matches_its_regex(title in text_of::words(&["(", ")", "その", "そ", "1", "23", "続", "x"])) {
            let regex = regex::Regex::new(r"\(その([0-9]+)\)").unwrap();
            let expected = regex.captures(&title).and_then(|c| c[1].parse().ok());
            prop_assert_eq!(sequel(&title), expected);
        }

        #[test]
        fn disaster_named_in_matches_its_regex(
            before in text_of::words(&["令和", "6", "年", "大雨", "、", "x"]),
            era in proptest::sample::select(&["令和", "平成", "令", ""][..]),
            year in proptest::sample::select(&["6", "12", "元", "", "x"][..]),
            after in text_of::words(&[
                "年", "1月23日", "から", "に発生した", "の", "能登半島", "地震", "大雨", "暴風雨", "豪", "等",
                "、", "。", "「", "(", "令和6年",
            ]),
        ) {
            let text = format!("{before}{era}{year}年{after}");
            let regex = regex::Regex::new(
                r"((?:令和|平成)(?:[0-9]+|元)年(?:[0-9]+月[0-9]+日(?:から|に発生した)の?)?[^、。「」『』()]*?(?:地震|豪雨|大雨|大雪|台風|火災|噴火|豪雪|暴風雨)等?)",
            )
            .unwrap();
            let expected = regex.captures(&text).map(|c| c.get(1).unwrap().as_str());
            prop_assert_eq!(disaster_named_in(&text), expected);
        }

        #[test]
        fn disaster_name_matches_its_regex(title in text_of::words(&[
            "【", "】", "大雪", "に", "にかかる", "に係る", "に伴う", "による", "に関する", "対応における",
            "対応に係る", "対応", "オンライン資格確認", "オン資", "「", "緊急時医療情報", "災害時医療情報",
            "災害時モード", "\n", "係る",
        ])) {
            let regex = regex::Regex::new(
                r"^(?:【[^】]*】)?(.+?)(?:にかかる|に係る|に伴う|による|に関する)(?:対応における|対応に係る|対応)?(?:オンライン資格確認|オン資|「?緊急時医療情報|災害時医療情報|災害時モード)",
            )
            .unwrap();
            let expected = regex.captures(&title).map(|c| c.get(1).unwrap().as_str());
            prop_assert_eq!(disaster_name(&title), expected);
        }
    }

    #[test]
    fn disaster_names_and_dates() {
        let d = disaster("令和6年12月28日からの大雪にかかるオンライン資格確認等システムにおける「緊急時医療情報・資格確認機能」をアクティブ化する医療機関・薬局の範囲・期間について").unwrap();
        assert_eq!(d.name, "令和6年12月28日からの大雪");
        assert_eq!(d.began_on, NaiveDate::from_ymd_opt(2024, 12, 28));
        let d = disaster(
            "【お知らせ】令和6年能登半島地震にかかる対応における災害時医療情報閲覧機能の閉塞と今後の対応について",
        )
        .unwrap();
        assert_eq!((d.name.as_str(), d.began_on), ("令和6年能登半島地震", None));
        assert_eq!(
            disaster(
                "オンライン資格確認等システムにおける「緊急時医療情報・資格確認機能」をアクティブ化する医療機関・薬局の範囲・期間について"
            ),
            None
        );
    }

    #[test]
    fn kinds_from_titles() {
        let k = |t: &str| kind(Some(t), &[]);
        assert_eq!(
            k("令和6年能登半島地震にかかるオン資アクティブ化の延長等について(その9)"),
            NoticeKind::Extension
        );
        assert_eq!(
            k("…災害時医療情報閲覧機能の閉塞と今後の対応について"),
            NoticeKind::Termination
        );
        assert_eq!(
            k("…をアクティブ化する医療機関・薬局の範囲・期間について"),
            NoticeKind::Activation
        );
        assert_eq!(k("…について"), NoticeKind::Unknown);
        assert_eq!(sequel("…範囲・期間について(その2)"), Some(2));
    }
}
