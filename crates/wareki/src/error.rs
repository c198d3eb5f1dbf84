//! The date error: one opaque type with a public [`DateErrorKind`], and a
//! private detail enum that carries what the message needs.

use std::fmt;

use chrono::{NaiveDate, Weekday};

use super::table::{Era, GREGORIAN_START, to_wareki};

/// What went wrong, for callers that branch on it. New kinds may be added.
///
/// ```
/// use onshi_wareki::{DateErrorKind, parse_date};
///
/// let kind = |s| parse_date(s).unwrap_err().kind();
/// assert_eq!(kind(""), DateErrorKind::Empty);
/// assert_eq!(kind("令和0年1月1日"), DateErrorKind::YearZero);
/// assert_eq!(kind("令和7年13月1日"), DateErrorKind::InvalidMonth);
/// assert_eq!(kind("令和7年1月13日(火)"), DateErrorKind::WeekdayMismatch);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DateErrorKind {
    /// The input was empty or only whitespace.
    Empty,
    /// Nothing that starts a date was found.
    ExpectedDate,
    /// A number (year, month or day) was expected.
    ExpectedDigit,
    /// A marker such as `年`, `月`, `日` or a separator was expected.
    ExpectedMarker,
    /// A date was read but more text follows it.
    TrailingText,
    /// A month-day or a day was given where a full date is needed.
    MissingYear,
    /// The month is not 1 to 12.
    InvalidMonth,
    /// The day does not exist in that month.
    InvalidDay,
    /// The hour or minute does not exist.
    InvalidTime,
    /// An era year 0 (`令和0年`).
    YearZero,
    /// A year beyond what can be represented.
    YearOutOfRange,
    /// An era date outside the era (`平成31年5月1日`, `令和元年4月30日`).
    OutsideEra,
    /// An era date before 1873-01-01, written in the lunisolar calendar.
    Lunisolar,
    /// The weekday written after the date does not match the date.
    WeekdayMismatch,
}

/// Why a date could not be read, with the text it was read from.
///
/// One opaque type: branch on [`DateError::kind`], show it with `Display`
/// (a lowercase sentence that says what was expected and what was found).
///
/// ```
/// use onshi_wareki::parse_date;
///
/// let e = parse_date("令和7年2月30日").unwrap_err();
/// assert_eq!(e.to_string(), "day 30 does not exist in February 2025 (`令和7年2月30日`)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    detail: Detail,
    input: Box<str>,
}

/// What the parser expected at the point it stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expected {
    Date,
    Year,
    Month,
    Day,
    Marker(char),
    /// After a bare number: `年`, `月`, `日` or a separator.
    AfterNumber,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Detail {
    Empty,
    Expected {
        expected: Expected,
        found: Option<char>,
    },
    Trailing {
        text: String,
    },
    MissingYear,
    InvalidMonth {
        month: u32,
    },
    InvalidDay {
        day: u32,
        month: Option<u32>,
        year: Option<i32>,
    },
    YearZero {
        era: Era,
    },
    YearOutOfRange {
        year: u32,
    },
    OutsideEra {
        era: Era,
        after: bool,
        date: NaiveDate,
    },
    Lunisolar,
    WeekdayMismatch {
        date: NaiveDate,
        written: Weekday,
    },
    InvalidHour {
        hour: u32,
        meridiem: bool,
    },
    InvalidMinute {
        minute: u32,
    },
    EndOfDayMinutes {
        minute: u32,
    },
}

impl DateError {
    pub(crate) fn new(detail: Detail, input: &str) -> Self {
        DateError {
            detail,
            input: input.into(),
        }
    }

    /// The category of the error.
    ///
    /// ```
    /// use onshi_wareki::{DateErrorKind, parse_date};
    ///
    /// assert_eq!(parse_date("令和7年1月13日まで").unwrap_err().kind(), DateErrorKind::TrailingText);
    /// ```
    pub fn kind(&self) -> DateErrorKind {
        match &self.detail {
            Detail::Empty => DateErrorKind::Empty,
            Detail::Expected { expected, .. } => match expected {
                Expected::Date => DateErrorKind::ExpectedDate,
                Expected::Year | Expected::Month | Expected::Day => DateErrorKind::ExpectedDigit,
                Expected::Marker(_) | Expected::AfterNumber => DateErrorKind::ExpectedMarker,
            },
            Detail::Trailing { .. } => DateErrorKind::TrailingText,
            Detail::MissingYear => DateErrorKind::MissingYear,
            Detail::InvalidMonth { .. } => DateErrorKind::InvalidMonth,
            Detail::InvalidDay { .. } => DateErrorKind::InvalidDay,
            Detail::YearZero { .. } => DateErrorKind::YearZero,
            Detail::YearOutOfRange { .. } => DateErrorKind::YearOutOfRange,
            Detail::OutsideEra { .. } => DateErrorKind::OutsideEra,
            Detail::Lunisolar => DateErrorKind::Lunisolar,
            Detail::WeekdayMismatch { .. } => DateErrorKind::WeekdayMismatch,
            Detail::InvalidHour { .. } | Detail::InvalidMinute { .. } | Detail::EndOfDayMinutes { .. } => {
                DateErrorKind::InvalidTime
            }
        }
    }

    /// The text the error is about, as it appears in the input.
    ///
    /// ```
    /// use onshi_wareki::find_dates;
    ///
    /// let scanned = find_dates("期間は令和7年2月30日まで").remove(0);
    /// assert_eq!(scanned.result.unwrap_err().input(), "令和7年2月30日");
    /// ```
    pub fn input(&self) -> &str {
        &self.input
    }

    /// For an era date outside its era, the Gregorian date the numbers
    /// denote (`平成31年5月1日` → 2019-05-01), so a caller can offer it as a
    /// correction. `None` for every other error.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use onshi_wareki::parse_date;
    ///
    /// let e = parse_date("令和元年4月30日").unwrap_err();
    /// assert_eq!(e.implied_date(), NaiveDate::from_ymd_opt(2019, 4, 30));
    /// assert_eq!(parse_date("令和7年2月30日").unwrap_err().implied_date(), None);
    /// ```
    pub fn implied_date(&self) -> Option<NaiveDate> {
        match self.detail {
            Detail::OutsideEra { date, .. } => Some(date),
            _ => None,
        }
    }
}

impl std::error::Error for DateError {}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let input = &self.input;
        match &self.detail {
            Detail::Empty => write!(f, "expected a date, found an empty string"),
            Detail::Expected { expected, found } => {
                write!(f, "expected {expected}, found ")?;
                match found {
                    Some(c) => write!(f, "`{c}`")?,
                    None => write!(f, "the end of the input")?,
                }
                write!(f, " (`{input}`)")
            }
            Detail::Trailing { text } => {
                write!(f, "unexpected `{text}` after the date (`{input}`)")
            }
            Detail::MissingYear => write!(f, "`{input}` has no year; expected a full date such as 令和7年1月13日"),
            Detail::InvalidMonth { month } => write!(f, "month {month} does not exist; expected 1 to 12 (`{input}`)"),
            Detail::InvalidDay { day, month, year } => {
                write!(f, "day {day} does not exist")?;
                match (month.and_then(month_name), year) {
                    (Some(m), Some(y)) => write!(f, " in {m} {y}")?,
                    (Some(m), None) => write!(f, " in {m}")?,
                    (None, _) => write!(f, "; expected 1 to 31")?,
                }
                write!(f, " (`{input}`)")
            }
            Detail::YearZero { era } => {
                let name = era.name();
                write!(
                    f,
                    "year 0 does not exist in {name}; the first year is {name}元年 (`{input}`)"
                )
            }
            Detail::YearOutOfRange { year } => {
                write!(f, "year {year} is out of range (`{input}`)")
            }
            Detail::OutsideEra { era, after, date } => {
                let name = era.name();
                let (edge, which) = if *after {
                    (era.last_day(), "after the end")
                } else {
                    (Some(era.first_day()), "before the start")
                };
                write!(f, "`{input}` is {which} of {name}")?;
                if let Some(edge) = edge {
                    let label = if *after { "last day" } else { "first day" };
                    write!(f, " ({label} {}, {edge})", to_wareki(edge))?;
                }
                write!(f, "; the date is {}", to_wareki(*date))
            }
            Detail::Lunisolar => write!(
                f,
                "`{input}` is before 明治6年1月1日 ({GREGORIAN_START}), when Japan adopted \
                 the Gregorian calendar; lunisolar dates are not supported"
            ),
            Detail::WeekdayMismatch { date, written } => {
                use chrono::Datelike;
                let actual = date.weekday();
                write!(
                    f,
                    "expected weekday {} ({actual}) for {date}, found {} (`{input}`)",
                    weekday_kanji(actual),
                    weekday_kanji(*written)
                )
            }
            Detail::InvalidHour { hour, meridiem } => {
                if *meridiem {
                    write!(
                        f,
                        "hour {hour} does not exist after 午前 or 午後; expected 0 to 12 (`{input}`)"
                    )
                } else {
                    write!(f, "hour {hour} does not exist; expected 0 to 24 (`{input}`)")
                }
            }
            Detail::InvalidMinute { minute } => {
                write!(f, "minute {minute} does not exist; expected 0 to 59 (`{input}`)")
            }
            Detail::EndOfDayMinutes { minute } => write!(
                f,
                "24時 is the end of the day and takes no minutes, found {minute} minutes (`{input}`)"
            ),
        }
    }
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::Date => write!(f, "a date"),
            Expected::Year => write!(f, "a year"),
            Expected::Month => write!(f, "a month"),
            Expected::Day => write!(f, "a day"),
            Expected::Marker(c) => write!(f, "`{c}`"),
            Expected::AfterNumber => write!(f, "`年`, `月`, `日` or a separator"),
        }
    }
}

fn month_name(month: u32) -> Option<&'static str> {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES.get(usize::try_from(month).ok()?.checked_sub(1)?).copied()
}

/// The one-character weekday notices write in brackets: `(月)`.
pub(crate) fn weekday_kanji(w: Weekday) -> char {
    match w {
        Weekday::Mon => '月',
        Weekday::Tue => '火',
        Weekday::Wed => '水',
        Weekday::Thu => '木',
        Weekday::Fri => '金',
        Weekday::Sat => '土',
        Weekday::Sun => '日',
    }
}

#[cfg(test)]
mod tests {
    use crate::{PartialDate, find_dates, parse_date};
    use chrono::NaiveDate;

    fn message(s: &str) -> String {
        match parse_date(s) {
            Ok(d) => format!("unexpectedly parsed as {d}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn invalid_day() {
        assert_eq!(
            message("令和7年2月30日"),
            "day 30 does not exist in February 2025 (`令和7年2月30日`)"
        );
    }

    #[test]
    fn after_end_of_era() {
        assert_eq!(
            message("平成31年5月1日"),
            "`平成31年5月1日` is after the end of 平成 (last day 平成31年4月30日, 2019-04-30); \
             the date is 令和元年5月1日"
        );
    }

    #[test]
    fn before_start_of_era() {
        assert_eq!(
            message("令和元年4月30日"),
            "`令和元年4月30日` is before the start of 令和 (first day 令和元年5月1日, 2019-05-01); \
             the date is 平成31年4月30日"
        );
    }

    #[test]
    fn year_zero() {
        assert_eq!(
            message("令和0年1月1日"),
            "year 0 does not exist in 令和; the first year is 令和元年 (`令和0年1月1日`)"
        );
    }

    #[test]
    fn invalid_month() {
        assert_eq!(
            message("R7.13.1"),
            "month 13 does not exist; expected 1 to 12 (`R7.13.1`)"
        );
    }

    #[test]
    fn missing_day() {
        assert_eq!(
            message("令和7年1月"),
            "expected a day, found the end of the input (`令和7年1月`)"
        );
    }

    #[test]
    fn trailing_text() {
        assert_eq!(
            message("令和7年1月13日から"),
            "unexpected `から` after the date (`令和7年1月13日から`)"
        );
    }

    #[test]
    fn lunisolar() {
        assert_eq!(
            message("明治5年12月2日"),
            "`明治5年12月2日` is before 明治6年1月1日 (1873-01-01), when Japan adopted the \
             Gregorian calendar; lunisolar dates are not supported"
        );
    }

    #[test]
    fn weekday_mismatch() {
        assert_eq!(
            message("令和7年1月13日(火)"),
            "expected weekday 月 (Mon) for 2025-01-13, found 火 (`令和7年1月13日(火)`)"
        );
    }

    #[test]
    fn missing_year_and_empty() {
        assert_eq!(
            message("1月13日"),
            "`1月13日` has no year; expected a full date such as 令和7年1月13日"
        );
        assert_eq!(message("  "), "expected a date, found an empty string");
        assert_eq!(message("明日"), "expected a date, found `明` (`明日`)");
    }

    #[test]
    fn invalid_time_in_text() {
        let found = find_dates("閉塞日時 令和6年3月7日 24時30分");
        let msg = found
            .first()
            .and_then(|s| s.result.as_ref().err())
            .map(|e| e.to_string());
        assert_eq!(
            msg.as_deref(),
            Some(
                "24時 is the end of the day and takes no minutes, found 30 minutes \
                 (`令和6年3月7日 24時30分`)"
            )
        );
    }

    #[test]
    fn resolve_error() {
        let ctx = NaiveDate::from_ymd_opt(2025, 1, 7).unwrap_or_default();
        let err = PartialDate::MonthDay { month: 2, day: 29 }.resolve(ctx).err();
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some("day 29 does not exist in February 2025 (`2月29日`)")
        );
    }
}
