//! Properties of the era-date parser: round trips over the whole supported
//! range, and no panics on arbitrary input.

use chrono::{Datelike, Days, NaiveDate};
use onshi_wareki::{self as era, PartialDate, Scanned};
use proptest::prelude::*;

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(1873, 1, 1).expect("valid date")
}

fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2100, 12, 31).expect("valid date")
}

fn day_count() -> u64 {
    (last_day() - first_day()).num_days() as u64
}

fn nth_day(n: u64) -> NaiveDate {
    first_day() + Days::new(n)
}

/// Spaces between every character, as PDF extraction sometimes produces.
fn spaced(s: &str) -> String {
    let chars: Vec<String> = s.chars().map(String::from).collect();
    chars.join(" ")
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Kanji numerals with units, written independently of the crate's reader.
fn kanji_number(n: u32) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let mut out = String::new();
    let (hundreds, tens, ones) = (n / 100, n / 10 % 10, n % 10);
    if hundreds > 0 {
        if hundreds > 1 {
            out.push_str(DIGITS[hundreds as usize]);
        }
        out.push('百');
    }
    if tens > 0 {
        if tens > 1 {
            out.push_str(DIGITS[tens as usize]);
        }
        out.push('十');
    }
    if ones > 0 || n == 0 {
        out.push_str(DIGITS[ones as usize]);
    }
    out
}

fn kanji_date(wareki: &str) -> String {
    let mut out = String::new();
    let mut digits = String::new();
    for c in wareki.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                out.push_str(&kanji_number(digits.parse().unwrap_or(0)));
                digits.clear();
            }
            out.push(c);
        }
    }
    out
}

fn check_spans(text: &str, found: &[Scanned]) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for s in found {
        prop_assert!(s.span.start < s.span.end, "empty span {:?}", s.span);
        prop_assert!(s.span.start >= last_end, "overlapping spans");
        prop_assert!(s.span.end <= text.len());
        prop_assert!(text.is_char_boundary(s.span.start));
        prop_assert!(text.is_char_boundary(s.span.end));
        if let Ok(f) = &s.result {
            prop_assert_eq!(&f.span, &s.span);
        }
        last_end = s.span.end;
    }
    Ok(())
}

#[test]
fn every_day_round_trips() {
    let mut day = first_day();
    let mut count = 0;
    while day <= last_day() {
        let wareki = era::to_wareki(day);
        assert_eq!(era::parse_date(&wareki).ok(), Some(day), "{wareki}");
        let found = era::find_dates(&wareki);
        assert_eq!(found.len(), 1, "{wareki}");
        assert_eq!(found[0].span, 0..wareki.len(), "{wareki}");
        assert_eq!(
            found[0].result.as_ref().ok().map(|f| f.date),
            Some(PartialDate::Full(day)),
            "{wareki}"
        );
        day = day.succ_opt().expect("within range");
        count += 1;
    }
    assert_eq!(count, day_count() + 1);
}

/// Characters that make up dates and their surroundings, so that random
/// strings often come close to a date.
fn datey_string() -> impl Strategy<Value = String> {
    let alphabet: Vec<char> = "令和平成昭大正明治元年月日時分秒午前後半正曜祝第条間から迄ま で終了付の\
         0123456789０１２３４５６７８９〇一二三四五六七八九十百廿卅\
         RHSTMrh.／/-－:~～〜()（）※ \u{3000}\n、。"
        .chars()
        .collect();
    prop::collection::vec(prop::sample::select(alphabet), 0..48).prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn wareki_round_trips(n in 0..=day_count()) {
        let day = nth_day(n);
        let wareki = era::to_wareki(day);
        prop_assert_eq!(era::parse_date(&wareki).ok(), Some(day));
        prop_assert_eq!(era::parse_date(&spaced(&wareki)).ok(), Some(day));
        prop_assert_eq!(era::parse_date(&full_width(&wareki)).ok(), Some(day));
        prop_assert_eq!(era::parse_date(&kanji_date(&wareki)).ok(), Some(day));
    }

    #[test]
    fn dates_are_found_in_running_text(n in 0..=day_count(), prefix in "[ぁ-んァ-ン、。]{0,6}") {
        let day = nth_day(n);
        let wareki = era::to_wareki(day);
        let text = format!("{prefix}{wareki}まで");
        let found = era::find_dates(&text);
        prop_assert_eq!(found.len(), 1);
        prop_assert_eq!(found[0].span.clone(), prefix.len()..prefix.len() + wareki.len());
        prop_assert_eq!(found[0].result.as_ref().ok().map(|f| f.date), Some(PartialDate::Full(day)));
    }

    #[test]
    fn western_dates_parse(n in 0..=day_count()) {
        let day = nth_day(n);
        let forms = [
            format!("{}年{}月{}日", day.year(), day.month(), day.day()),
            format!("{}/{}/{}", day.year(), day.month(), day.day()),
            day.to_string(),
        ];
        for form in forms {
            prop_assert_eq!(era::parse_date(&form).ok(), Some(day), "{}", form);
        }
    }

    #[test]
    fn find_dates_never_panics(text in any::<String>()) {
        let found = era::find_dates(&text);
        check_spans(&text, &found)?;
        let _ = era::parse_date(&text);
    }

    #[test]
    fn find_dates_never_panics_on_datey_text(text in datey_string()) {
        let found = era::find_dates(&text);
        check_spans(&text, &found)?;
        let _ = era::parse_date(&text);
    }

    #[test]
    fn month_day_resolves_into_its_window(month in 1u32..=12, day in 1u32..=31, n in 0..=day_count()) {
        let context = nth_day(n);
        if let Ok(date) = (PartialDate::MonthDay { month, day }).resolve(context) {
            prop_assert_eq!((date.month(), date.day()), (month, day));
            let from = context - Days::new(62);
            prop_assert!(date >= from, "{} before window starting {}", date, from);
            prop_assert!(date < from + chrono::Months::new(12), "{} after window", date);
        }
    }

    #[test]
    fn bare_day_resolves_forward(day in 0u32..=40, n in 0..=day_count()) {
        let context = nth_day(n);
        match (PartialDate::Day { day }).resolve(context) {
            Ok(date) => {
                prop_assert_eq!(date.day(), day);
                prop_assert!(date >= context - Days::new(7));
                prop_assert!(date <= context + Days::new(62));
            }
            Err(e) => prop_assert_eq!(e.kind(), era::DateErrorKind::InvalidDay),
        }
    }
}
