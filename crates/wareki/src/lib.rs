//! Japanese dates as notices write them: era dates (和暦), Western dates,
//! month-days and bare days, with their weekday and time.
//!
//! ```
//! use onshi_wareki::{parse_date, to_wareki, find_dates, PartialDate};
//! use chrono::NaiveDate;
//!
//! let d = parse_date("令 和 7 年 1 月 7 日").unwrap();
//! assert_eq!(d, NaiveDate::from_ymd_opt(2025, 1, 7).unwrap());
//! assert_eq!(to_wareki(d), "令和7年1月7日");
//!
//! let text = "災害救助法の適用第一報から一週間（※令和7年1月13日まで）";
//! let found = find_dates(text);
//! assert_eq!(&text[found[0].span.clone()], "令和7年1月13日");
//! ```
//!
//! # What is read
//!
//! - Era dates `令和7年1月13日`, `令和元年5月1日` (`令和1年` is the same),
//!   with kanji numerals (`令和七年一月十三日`, `〇`, `十`, `廿`), full-width
//!   digits, and spaces anywhere (`令 和 7 年 1 月 7 日`).
//! - Short eras `R7.1.13`, `H31/4/30`, `令7.1.13`, `平31.4.30` (the same
//!   separator twice; `.`, `/` or `-`) and the squared signs `㋿ ㍻ ㍼ ㍽ ㍾`.
//! - Western dates `2025年1月13日`, `2025/1/13`, `2025-01-13`, `2025.1.13`.
//! - Month-days `7月8日` and, in running text, bare days `14日` only when a
//!   word such as `まで`, `から`, `で終了`, `付` follows or a `~` precedes,
//!   so that `14日間` and ordinals are not taken for dates.
//! - A weekday after the date, `（月）`, `(月・祝)`, checked against full dates.
//! - A time after the date: `24時00分`, `17時`, `19時半`, `午前0時`, `17:00`.
//!
//! # Decisions
//!
//! - Era boundaries are first days: 明治 1868-01-25, 大正 1912-07-30, 昭和
//!   1926-12-25, 平成 1989-01-08, 令和 2019-05-01. An era date outside its
//!   era (`平成31年5月1日`, `令和元年4月30日`) is an error that names the
//!   date it would be ([`DateError::implied_date`]); it is never silently
//!   moved into the next era.
//! - Era dates before 明治6年1月1日 (1873-01-01) were lunisolar; they are
//!   rejected ([`DateErrorKind::Lunisolar`]) rather than misread as
//!   Gregorian. [`to_wareki`] writes such days in the Western form.
//! - In running text an impossible but date-shaped text (`令和7年2月30日`)
//!   is reported as an error item with its span, never skipped. Year-only and
//!   year-month texts (`令和6年能登半島地震`, `令和7年1月分`) are not dates
//!   and are not reported.
//! - A date may be broken by one line break between its parts
//!   (`令和7年\n1月13日`), as PDF extraction wraps lines anywhere; a number
//!   is never joined across lines.

mod error;
mod fold;
mod grammar;
mod numeral;
mod scan;
mod table;
mod validate;

use std::fmt;
use std::ops::Range;

use chrono::{Datelike, Days, NaiveDate, Weekday};

pub use error::{DateError, DateErrorKind};
pub use fold::fold;
pub use grammar::{END_WORDS, START_WORDS};
pub use table::{Era, GREGORIAN_START, to_wareki};

use error::Detail;
use grammar::Mode;

/// A clock time as notices write it; hour may be 24 (`24時00分` = end of
/// that day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    pub hour: u8,
    pub minute: u8,
}

impl ClockTime {
    /// `24:00`, the end of the day the time is attached to.
    pub fn is_end_of_day(self) -> bool {
        self.hour == 24
    }
}

/// Formats as `HH:MM`, e.g. `24:00`, `19:30`.
impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

/// A date as far as the text writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartialDate {
    Full(NaiveDate),
    MonthDay { month: u32, day: u32 },
    Day { day: u32 },
}

/// How far back a month-day may lie before its context and still be read in
/// the context's year: about two months.
const MONTH_DAY_LOOKBACK_DAYS: u64 = 62;
/// How far back a bare day may lie before the context's day and still be
/// read in the context's month.
const DAY_LOOKBACK_DAYS: u32 = 7;

impl PartialDate {
    /// Completes a date from context, normally the notice's own date.
    ///
    /// - A month-day is placed in the one-year window that starts 62 days
    ///   before the context: `1月4日` in a notice of 2024-12-28 is 2025-01-04,
    ///   `12月28日` in a notice of 2025-01-07 is 2024-12-28, and `5月1日` in a
    ///   notice of 2025-07-01 is still 2025-05-01.
    /// - A bare day is in the context's month unless it is more than 7 days
    ///   before the context's day, in which case it is in the next month:
    ///   `14日` in a notice of 2024-01-05 is 2024-01-14, `1日` in a notice of
    ///   2024-01-05 is 2024-01-01, `3日` in a notice of 2024-01-31 is
    ///   2024-02-03. A bare day never reaches back into the previous month.
    ///
    /// Returns an error when the completed date does not exist (`2月29日` in
    /// a non-leap year, `31日` in a 30-day month).
    pub fn resolve(self, context: NaiveDate) -> Result<NaiveDate, DateError> {
        let (year, month, day) = match self {
            PartialDate::Full(d) => return Ok(d),
            PartialDate::MonthDay { month, day } => {
                let from = context
                    .checked_sub_days(Days::new(MONTH_DAY_LOOKBACK_DAYS))
                    .unwrap_or(context);
                let year = if (month, day) < (from.month(), from.day()) {
                    from.year().saturating_add(1)
                } else {
                    from.year()
                };
                (year, month, day)
            }
            PartialDate::Day { day } => {
                let (year, month) = (context.year(), context.month());
                if day.saturating_add(DAY_LOOKBACK_DAYS) < context.day() {
                    if month == 12 {
                        (year.saturating_add(1), 1, day)
                    } else {
                        (year, month + 1, day)
                    }
                } else {
                    (year, month, day)
                }
            }
        };
        validate::gregorian(year, month, day).map_err(|detail| DateError::new(detail, &self.japanese()))
    }

    /// The date if the text gave it in full.
    pub fn full(self) -> Option<NaiveDate> {
        match self {
            PartialDate::Full(d) => Some(d),
            _ => None,
        }
    }

    /// As a notice would write it, for messages.
    fn japanese(self) -> String {
        match self {
            PartialDate::Full(d) => to_wareki(d),
            PartialDate::MonthDay { month, day } => format!("{month}月{day}日"),
            PartialDate::Day { day } => format!("{day}日"),
        }
    }
}

/// ISO 8601 forms: `2025-01-13`, `--01-13` (month-day), `---13` (day).
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartialDate::Full(d) => write!(f, "{d}"),
            PartialDate::MonthDay { month, day } => write!(f, "--{month:02}-{day:02}"),
            PartialDate::Day { day } => write!(f, "---{day:02}"),
        }
    }
}

/// One date found in running text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// Byte range in the scanned text, covering the weekday and time if any.
    pub span: Range<usize>,
    pub date: PartialDate,
    pub time: Option<ClockTime>,
    pub weekday: Option<Weekday>,
}

/// One date-shaped text found by [`find_dates`]: a date, or why it is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scanned {
    /// Byte range in the scanned text.
    pub span: Range<usize>,
    pub result: Result<FoundDate, DateError>,
}

/// Scans a whole text for dates, in order of appearance, without overlaps.
///
/// Byte spans index the input string as given (full-width characters are
/// folded while reading, not by copying). Impossible dates (`平成31年5月1日`,
/// `令和7年2月30日`, `令和0年1月1日`) are reported as `Err` items with their
/// span. Never panics.
pub fn find_dates(text: &str) -> Vec<Scanned> {
    scan::find_dates(text)
}

/// Parses a string that is exactly one full date; surrounding whitespace is
/// allowed, and so is a weekday after the date (it must match). A time or
/// any other trailing text is an error, as is a date without a year.
pub fn parse_date(s: &str) -> Result<NaiveDate, DateError> {
    let input = s.trim();
    if input.is_empty() {
        return Err(DateError::new(Detail::Empty, input));
    }
    let raw = grammar::date_at(input, 0, Mode::Whole).map_err(|e| {
        let found = input.get(e.pos..).and_then(|rest| rest.chars().next());
        DateError::new(
            Detail::Expected {
                expected: e.expected,
                found,
            },
            input,
        )
    })?;
    let trailing_from = if raw.time.is_some() { raw.time_start } else { raw.end };
    if let Some(rest) = input.get(trailing_from..).map(str::trim)
        && !rest.is_empty()
    {
        let text: String = rest.chars().take(12).collect();
        return Err(DateError::new(Detail::Trailing { text }, input));
    }
    let (date, _) = validate::validate(&raw).map_err(|d| DateError::new(d, input))?;
    date.full().ok_or_else(|| DateError::new(Detail::MissingYear, input))
}
