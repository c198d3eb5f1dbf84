#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

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
///
/// Found after a date by [`find_dates`]; `午後5時` is already `17:00`.
///
/// ```
/// use onshi_wareki::find_dates;
///
/// let found = find_dates("令和7年1月13日24時00分まで");
/// let time = found[0].result.as_ref().unwrap().time.unwrap();
/// assert_eq!((time.hour, time.minute), (24, 0));
/// assert!(time.is_end_of_day());
/// assert_eq!(time.to_string(), "24:00");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    /// 0 to 24; 24 only with minute 0.
    pub hour: u8,
    /// 0 to 59.
    pub minute: u8,
}

impl ClockTime {
    /// `24:00`, the end of the day the time is attached to. Notices close
    /// periods this way, so the caller decides whether it means the next
    /// day's `00:00` or the last moment of the day.
    ///
    /// ```
    /// use onshi_wareki::ClockTime;
    ///
    /// assert!(ClockTime { hour: 24, minute: 0 }.is_end_of_day());
    /// assert!(!ClockTime { hour: 0, minute: 0 }.is_end_of_day());
    /// ```
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
///
/// Running text often leaves out the year or the month (`1月7日から13日まで`);
/// the scanner keeps what was written and [`PartialDate::resolve`] completes
/// it against a context date. `Display` gives the ISO 8601 forms.
///
/// ```
/// use onshi_wareki::{PartialDate, find_dates};
///
/// let dates: Vec<PartialDate> = find_dates("1月7日から13日まで")
///     .into_iter()
///     .map(|s| s.result.unwrap().date)
///     .collect();
/// assert_eq!(dates, [PartialDate::MonthDay { month: 1, day: 7 }, PartialDate::Day { day: 13 }]);
/// assert_eq!(dates[0].to_string(), "--01-07");
/// assert_eq!(dates[1].to_string(), "---13");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PartialDate {
    /// A date with its year (`令和7年1月13日`, `2025/1/13`).
    Full(NaiveDate),
    /// A month and a day without a year (`1月13日`).
    MonthDay {
        /// 1 to 12.
        month: u32,
        /// 1 to 31; whether the day exists is known only with a year.
        day: u32,
    },
    /// A day of the month alone (`13日まで`).
    Day {
        /// 1 to 31.
        day: u32,
    },
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
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use onshi_wareki::{DateErrorKind, PartialDate};
    ///
    /// let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let notice = ymd(2024, 12, 28);
    /// assert_eq!(PartialDate::MonthDay { month: 1, day: 4 }.resolve(notice).unwrap(), ymd(2025, 1, 4));
    /// assert_eq!(PartialDate::Day { day: 3 }.resolve(ymd(2024, 1, 31)).unwrap(), ymd(2024, 2, 3));
    ///
    /// let e = PartialDate::MonthDay { month: 2, day: 29 }.resolve(ymd(2025, 1, 7)).unwrap_err();
    /// assert_eq!(e.kind(), DateErrorKind::InvalidDay);
    /// ```
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
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use onshi_wareki::PartialDate;
    ///
    /// let d = NaiveDate::from_ymd_opt(2025, 1, 13).unwrap();
    /// assert_eq!(PartialDate::Full(d).full(), Some(d));
    /// assert_eq!(PartialDate::Day { day: 13 }.full(), None);
    /// ```
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

/// One date found in running text, with what followed it.
///
/// ```
/// use chrono::Weekday;
/// use onshi_wareki::{PartialDate, find_dates};
///
/// let text = "令和7年1月13日(月)17時から";
/// let found = find_dates(text).remove(0).result.unwrap();
/// assert_eq!(&text[found.span.clone()], "令和7年1月13日(月)17時");
/// assert!(matches!(found.date, PartialDate::Full(_)));
/// assert_eq!(found.weekday, Some(Weekday::Mon));
/// assert_eq!(found.time.map(|t| t.hour), Some(17));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// Byte range in the scanned text, covering the weekday and time if any.
    pub span: Range<usize>,
    /// The date as far as the text wrote it.
    pub date: PartialDate,
    /// The time written after the date, if any.
    pub time: Option<ClockTime>,
    /// The weekday written after the date, if any; for a full date it has
    /// been checked to match.
    pub weekday: Option<Weekday>,
}

/// One date-shaped text found by [`find_dates`]: a date, or why it is not one.
///
/// Impossible dates are kept as items, so that a caller can report them
/// where they stand instead of silently reading past them.
///
/// ```
/// use onshi_wareki::{DateErrorKind, find_dates};
///
/// let text = "令和7年2月30日まで";
/// let scanned = &find_dates(text)[0];
/// assert_eq!(&text[scanned.span.clone()], "令和7年2月30日");
/// assert_eq!(scanned.result.as_ref().unwrap_err().kind(), DateErrorKind::InvalidDay);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scanned {
    /// Byte range in the scanned text.
    pub span: Range<usize>,
    /// The date, or the error that makes this text no date.
    pub result: Result<FoundDate, DateError>,
}

/// Scans a whole text for dates, in order of appearance, without overlaps.
///
/// Byte spans index the input string as given (full-width characters are
/// folded while reading, not by copying). Impossible dates (`平成31年5月1日`,
/// `令和7年2月30日`, `令和0年1月1日`) are reported as `Err` items with their
/// span. Never panics.
///
/// ```
/// use onshi_wareki::find_dates;
///
/// let text = "令和７年１月７日から１４日間（１月２０日まで）";
/// let spans: Vec<&str> = find_dates(text).iter().map(|s| &text[s.span.clone()]).collect();
/// // `１４日間` is a duration, not a date.
/// assert_eq!(spans, ["令和７年１月７日", "１月２０日"]);
/// ```
pub fn find_dates(text: &str) -> Vec<Scanned> {
    scan::find_dates(text)
}

/// Parses a string that is exactly one full date; surrounding whitespace is
/// allowed, and so is a weekday after the date (it must match). A time or
/// any other trailing text is an error, as is a date without a year.
///
/// ```
/// use chrono::NaiveDate;
/// use onshi_wareki::{DateErrorKind, parse_date};
///
/// let d = NaiveDate::from_ymd_opt(2019, 5, 1).unwrap();
/// assert_eq!(parse_date("令和元年5月1日（水）").unwrap(), d);
/// assert_eq!(parse_date("R1.5.1").unwrap(), d);
/// assert_eq!(parse_date("2019-05-01").unwrap(), d);
///
/// let e = parse_date("5月1日").unwrap_err();
/// assert_eq!(e.kind(), DateErrorKind::MissingYear);
/// assert_eq!(e.to_string(), "`5月1日` has no year; expected a full date such as 令和7年1月13日");
/// ```
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
