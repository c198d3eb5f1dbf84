//! The letter head: 事務連絡, date, addressees, issuers and title.
//!
//! Japanese official letters put these in a fixed order; extractors keep the
//! order but not the layout (right-aligned dates, braces grouping addressees,
//! letter-spaced headings), so each part is recognised by its content.

use chrono::NaiveDate;

use crate::diagnostic::Position;
use onshi_pdf_text::normalize::{Line, compact};
use onshi_wareki as era;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub document_type: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub addressees: Vec<String>,
    pub issuers: Vec<String>,
    pub title: Option<String>,
    pub title_position: Option<Position>,
    /// Index (into the letter's lines) of the first line after the title.
    pub body_start: usize,
}

/// How far into a letter its head may reach; beyond this it is body text.
const HEAD_LINES: usize = 40;
/// A title wraps over a few lines at most.
const TITLE_LINES: usize = 6;

/// Read the head of a letter. `marked_title` is a line the text marks as its
/// title (a Markdown `# ` heading), in the letter or above it.
pub fn parse(lines: &[Line], marked_title: Option<&Line>) -> Header {
    let mut header = Header::default();
    let mut i = 0;
    let next_non_blank = |from: usize| (from..lines.len()).find(|&k| !lines[k].is_blank());

    if let Some(k) = next_non_blank(0) {
        let c = lines[k].compact();
        if let Some(rest) = c.strip_prefix("事務連絡") {
            header.document_type = Some("事務連絡".to_owned());
            header.issued_on = whole_date(rest);
            i = k + 1;
        }
    }
    if header.issued_on.is_none()
        && let Some(k) = next_non_blank(i).filter(|&k| k < HEAD_LINES)
        && let Some(date) = whole_date(&lines[k].compact())
    {
        header.issued_on = Some(date);
        i = k + 1;
    }

    // Addressees run up to the line that says 御中 (or 殿), and on over the
    // lines right under it that say so too, one addressee each.
    let limit = lines.len().min(i + HEAD_LINES);
    let addressed = |k: usize| {
        let c = lines[k].compact();
        c.ends_with("御中") || c.ends_with("殿")
    };
    if let Some(mut last) = (i..limit).find(|&k| addressed(k)) {
        while last + 1 < limit && addressed(last + 1) {
            last += 1;
        }
        header.addressees = lines[i..=last]
            .iter()
            .filter(|l| !l.is_blank())
            .flat_map(|l| addressee_names(&l.text))
            .collect();
        i = last + 1;
    }

    // Issuers: consecutive lines naming a ministry division.
    if let Some(k) = next_non_blank(i) {
        let mut k = k;
        while k < lines.len() && is_issuer(&lines[k].compact()) {
            header.issuers.push(lines[k].compact());
            k += 1;
        }
        if !header.issuers.is_empty() {
            i = k;
        }
    }

    if let Some(line) = marked_title {
        // The author marked the title, whatever its wording: take it as it stands.
        header.title = Some(line.compact()).filter(|t| !t.is_empty());
        header.title_position = Some(line.position);
        if let Some(k) = lines.iter().position(|l| l.position == line.position) {
            i = i.max(k + 1);
        }
    } else if let Some(start) = next_non_blank(i) {
        // Title: from the next non-blank line to the line ending in について.
        // A wrapped title may break anywhere, even inside について: judge the joined lines.
        let mut joined = String::new();
        let end = (start..lines.len().min(start + TITLE_LINES))
            .take_while(|&k| !lines[k].is_blank() || k == start)
            .find(|&k| {
                joined.push_str(&lines[k].compact());
                ends_title(&joined)
            });
        if let Some(mut end) = end {
            // A sequel number wrapped onto a line of its own: `…について` / `(その2)`.
            if !is_sequel_mark(&lines[end].compact())
                && lines.get(end + 1).is_some_and(|l| is_sequel_mark(&l.compact()))
            {
                end += 1;
            }
            let title: String = lines[start..=end].iter().map(Line::compact).collect();
            header.title = Some(title);
            header.title_position = Some(lines[start].position);
            i = end + 1;
        } else if is_headline(&lines[start].compact()) {
            // News items and announcements: a one-line headline, not a について title.
            header.title = Some(lines[start].text.trim().to_owned());
            header.title_position = Some(lines[start].position);
            i = start + 1;
        }
    }
    header.body_start = i;
    header
}

/// A line that is exactly one date (letter-spaced or not), perhaps with a
/// clock time after it as news items and portal pages stamp them (`21:38`).
fn whole_date(compact: &str) -> Option<NaiveDate> {
    let compact = without_clock_time(compact);
    let found = era::find_dates(compact);
    let [scanned] = found.as_slice() else {
        return None;
    };
    let date = match scanned.result.as_ref().ok()?.date {
        era::PartialDate::Full(date) => date,
        _ => return None,
    };
    let rest = format!("{}{}", &compact[..scanned.span.start], &compact[scanned.span.end..]);
    rest.is_empty().then_some(date)
}

fn addressee_names(text: &str) -> Vec<String> {
    let cleaned: String = text
        .replace("御中", " ")
        .replace(['}', '{', '|', '｝'], " ")
        .trim_end_matches('殿')
        .to_owned();
    cleaned
        .split('、')
        .map(compact)
        .filter(|name| !name.is_empty())
        .collect()
}

fn is_issuer(compact: &str) -> bool {
    let short = compact.chars().count() <= 40;
    short
        && (compact.starts_with("厚生労働省")
            || compact.starts_with("内閣")
            || compact.starts_with("デジタル庁")
            || compact.ends_with("課")
            || compact.ends_with("室")
            || compact.ends_with("局"))
}

/// A short line that is not a sentence and names the system or its disaster mode.
fn is_headline(compact: &str) -> bool {
    const SUBJECTS: &[&str] = &[
        "オン資",
        "オンライン資格確認",
        "緊急時医療情報",
        "災害時医療情報",
        "災害時モード",
        "アクティブ化",
    ];
    let chars = compact.chars().count();
    (8..=80).contains(&chars)
        && !compact.ends_with('。')
        && !compact.ends_with('、')
        && SUBJECTS.iter().any(|s| compact.contains(s))
}

/// A line that is only a sequel number: `(その2)`, `(続)`.
fn is_sequel_mark(compact: &str) -> bool {
    let inner = compact.strip_prefix('(').and_then(|s| s.strip_suffix(')'));
    inner.is_some_and(|i| {
        i == "続"
            || i.strip_prefix("その")
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    })
}

/// `compact` without a clock time at its end (`21:38`), the first match of
/// the regex `[0-9]{1,2}:[0-9]{2}$` removed.
fn without_clock_time(compact: &str) -> &str {
    let b = compact.as_bytes();
    let digit = |from_end: usize| b.len() >= from_end && b[b.len() - from_end].is_ascii_digit();
    if !(digit(1) && digit(2) && b.len() >= 3 && b[b.len() - 3] == b':' && digit(4)) {
        return compact;
    }
    let start = if digit(5) { b.len() - 5 } else { b.len() - 4 };
    &compact[..start]
}

fn ends_title(compact: &str) -> bool {
    without_sequel(compact).ends_with("について")
}

/// `compact` without a sequel number at its end (`(その2)`, `(続)`), the first
/// match of the regex `(?:\(その[0-9]+\)|\(続\))$` removed.
fn without_sequel(compact: &str) -> &str {
    if let Some(rest) = compact.strip_suffix("(続)") {
        return rest;
    }
    let Some(number) = compact.strip_suffix(')') else {
        return compact;
    };
    let before = number.trim_end_matches(|c: char| c.is_ascii_digit());
    match before.strip_suffix("(その") {
        Some(rest) if before.len() < number.len() => rest,
        _ => compact,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notice::text_of;
    use onshi_pdf_text::normalize::normalize;
    use proptest::prelude::*;

    #[test]
    fn clock_times_and_sequel_marks_at_the_end() {
        assert_eq!(without_clock_time("2024年1月2日21:38"), "2024年1月2日");
        assert_eq!(without_clock_time("令和6年1月2日 9:05"), "令和6年1月2日 ");
        assert_eq!(without_clock_time("123:45"), "1");
        assert_eq!(without_clock_time("21:3"), "21:3");
        assert_eq!(without_clock_time(":38"), ":38");
        assert_eq!(without_sequel("…について(その2)"), "…について");
        assert_eq!(without_sequel("…について(続)"), "…について");
        assert_eq!(without_sequel("…について(その)"), "…について(その)");
        assert_eq!(without_sequel("(その2)について"), "(その2)について");
    }

    proptest! {
        #[test]
        fn clock_time_matches_its_regex(text in text_of::words(&["1", "23", ":", "日", " ", "時"])) {
            let regex = regex::Regex::new(r"[0-9]{1,2}:[0-9]{2}$").unwrap();
            let expected = regex.replace(&text, "");
            prop_assert_eq!(without_clock_time(&text), expected.as_ref());
        }

        #[test]
        fn sequel_mark_matches_its_regex(text in text_of::words(&["(", ")", "その", "続", "1", "23", "について", "x"])) {
            let regex = regex::Regex::new(r"(?:\(その[0-9]+\)|\(続\))$").unwrap();
            let expected = regex.replace(&text, "");
            prop_assert_eq!(without_sequel(&text), expected.as_ref());
        }
    }

    #[test]
    fn seed_letter_head() {
        let text = "事 務 連 絡  \n令 和 7 年 1 月 7 日\n\n社会保険診療報酬支払基金 }  \n国民健康保険中央会 } 御中\n\n厚生労働省保険局医療介護連携政策課  \n厚生労働省医薬局総務課\n\n令和6年12月28日からの大雪にかかる  \nオンライン資格確認等システムにおける「緊急時医療情報・資格確認機能」を  \nアクティブ化する医療機関・薬局の範囲・期間について\n\n本文";
        let lines = normalize(&[text.to_owned()]).lines;
        let h = parse(&lines, None);
        assert_eq!(h.document_type.as_deref(), Some("事務連絡"));
        assert_eq!(h.issued_on, NaiveDate::from_ymd_opt(2025, 1, 7));
        assert_eq!(h.addressees, ["社会保険診療報酬支払基金", "国民健康保険中央会"]);
        assert_eq!(
            h.issuers,
            ["厚生労働省保険局医療介護連携政策課", "厚生労働省医薬局総務課"]
        );
        assert_eq!(
            h.title.as_deref(),
            Some(
                "令和6年12月28日からの大雪にかかるオンライン資格確認等システムにおける「緊急時医療情報・資格確認機能」をアクティブ化する医療機関・薬局の範囲・期間について"
            )
        );
        assert_eq!(lines[h.body_start + 1].text, "本文");
    }

    #[test]
    fn one_addressee_per_line_each_with_its_own_onchu() {
        let text = "事務連絡\n令和7年1月7日\n\n社会保険診療報酬支払基金 御中\n国民健康保険中央会 御中\n\n厚生労働省医薬局総務課\n\n…の範囲・期間について\n";
        let h = parse(&normalize(&[text.to_owned()]).lines, None);
        assert_eq!(h.addressees, ["社会保険診療報酬支払基金", "国民健康保険中央会"]);
        assert_eq!(h.issuers, ["厚生労働省医薬局総務課"]);
        assert_eq!(h.title.as_deref(), Some("...の範囲・期間について"));
    }

    #[test]
    fn a_marked_title_is_taken_whatever_its_wording() {
        let lines = normalize(&[
            "事務連絡\n令和7年1月7日\n\n厚生労働省医薬局総務課\n\n能登半島地震 オン資の対象地域\n本文".to_owned(),
        ])
        .lines;
        let h = parse(&lines, Some(&lines[5]));
        assert_eq!(h.title.as_deref(), Some("能登半島地震オン資の対象地域"));
        assert_eq!(lines[h.body_start].text, "本文");
    }

    #[test]
    fn title_broken_inside_its_last_word() {
        let lines = normalize(&[
            "【お知らせ】令和5年7月7日からの大雨にかかる災害時医療情報閲覧機能の対象地域の追加につ\nいて\n".to_owned(),
        ])
        .lines;
        assert_eq!(
            parse(&lines, None).title.as_deref(),
            Some("【お知らせ】令和5年7月7日からの大雨にかかる災害時医療情報閲覧機能の対象地域の追加について")
        );
    }

    #[test]
    fn a_sequel_number_on_a_line_of_its_own_belongs_to_the_title() {
        let lines =
            normalize(&["厚生労働省医薬局総務課\n\n…の範囲・期間について\n（その２）\n令和6年…".to_owned()]).lines;
        assert_eq!(
            parse(&lines, None).title.as_deref(),
            Some("...の範囲・期間について(その2)")
        );
    }

    #[test]
    fn title_with_sequel_number() {
        let lines = normalize(&[
            "厚生労働省医薬局総務課\n\n能登半島地震にかかるオン資アクティブ化の延長等について（その９）\n".to_owned(),
        ])
        .lines;
        assert_eq!(
            parse(&lines, None).title.as_deref(),
            Some("能登半島地震にかかるオン資アクティブ化の延長等について(その9)")
        );
    }
}
