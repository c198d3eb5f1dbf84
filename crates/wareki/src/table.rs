//! The era table and the date → 和暦 formatter.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

/// Builds a table date at compile time; a bad constant fails the build.
const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => date,
        None => panic!("invalid date in the era table"),
    }
}

/// 明治6年1月1日: the first day of the Gregorian calendar in Japan. Era dates
/// before it were written in the lunisolar calendar.
///
/// ```
/// use onshi_wareki::{DateErrorKind, GREGORIAN_START, parse_date};
///
/// assert_eq!(parse_date("明治6年1月1日").unwrap(), GREGORIAN_START);
/// assert_eq!(parse_date("明治5年12月2日").unwrap_err().kind(), DateErrorKind::Lunisolar);
/// ```
pub const GREGORIAN_START: NaiveDate = ymd(1873, 1, 1);

/// A Japanese era (元号) since the adoption of the Gregorian calendar.
///
/// The table is the whole of the crate's knowledge of eras; it is
/// `non_exhaustive` so that the next era can be added without breaking
/// callers. Eras order oldest first.
///
/// ```
/// use chrono::NaiveDate;
/// use onshi_wareki::Era;
///
/// assert!(Era::Heisei < Era::Reiwa);
/// assert_eq!(Era::Reiwa.first_day(), NaiveDate::from_ymd_opt(2019, 5, 1).unwrap());
/// assert_eq!(Era::Heisei.last_day(), NaiveDate::from_ymd_opt(2019, 4, 30));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Era {
    /// 明治, from 1868 (see [`Era::first_day`]).
    Meiji,
    /// 大正, from 1912-07-30.
    Taisho,
    /// 昭和, from 1926-12-25.
    Showa,
    /// 平成, from 1989-01-08.
    Heisei,
    /// 令和, from 2019-05-01.
    Reiwa,
}

impl Era {
    /// All eras, oldest first.
    ///
    /// ```
    /// use onshi_wareki::Era;
    ///
    /// let names: Vec<&str> = Era::ALL.iter().map(|e| e.name()).collect();
    /// assert_eq!(names, ["明治", "大正", "昭和", "平成", "令和"]);
    /// ```
    pub const ALL: [Era; 5] = [Era::Meiji, Era::Taisho, Era::Showa, Era::Heisei, Era::Reiwa];

    /// The era name as notices write it: `令和`.
    ///
    /// ```
    /// assert_eq!(onshi_wareki::Era::Showa.name(), "昭和");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Era::Meiji => "明治",
            Era::Taisho => "大正",
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    /// The first day of the era in the Gregorian calendar.
    ///
    /// 明治 is given as 1868-01-25, the Gregorian date of 慶応4年1月1日: the
    /// 改元 of 1868-10-23 was made retroactive to the start of that year, so
    /// 明治元年 covers all of it. Dates of 明治1–5年 are lunisolar and are
    /// rejected by the parser anyway (see [`GREGORIAN_START`]).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use onshi_wareki::Era;
    ///
    /// assert_eq!(Era::Heisei.first_day(), NaiveDate::from_ymd_opt(1989, 1, 8).unwrap());
    /// ```
    pub fn first_day(self) -> NaiveDate {
        match self {
            Era::Meiji => ymd(1868, 1, 25),
            Era::Taisho => ymd(1912, 7, 30),
            Era::Showa => ymd(1926, 12, 25),
            Era::Heisei => ymd(1989, 1, 8),
            Era::Reiwa => ymd(2019, 5, 1),
        }
    }

    /// The last day of the era, or `None` for the current one.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use onshi_wareki::Era;
    ///
    /// assert_eq!(Era::Showa.last_day(), NaiveDate::from_ymd_opt(1989, 1, 7));
    /// assert_eq!(Era::Reiwa.last_day(), None);
    /// ```
    pub fn last_day(self) -> Option<NaiveDate> {
        let next = match self {
            Era::Meiji => Era::Taisho,
            Era::Taisho => Era::Showa,
            Era::Showa => Era::Heisei,
            Era::Heisei => Era::Reiwa,
            Era::Reiwa => return None,
        };
        next.first_day().pred_opt()
    }

    /// The Gregorian year of 元年 minus one: year `n` of the era is
    /// Gregorian year `offset + n`.
    pub(crate) fn offset(self) -> i32 {
        self.first_day().year() - 1
    }

    /// The era a Gregorian date falls in, with its era year; `None` before
    /// [`GREGORIAN_START`], where era dates would be lunisolar.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use onshi_wareki::Era;
    ///
    /// let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(Era::of(ymd(2019, 4, 30)), Some((Era::Heisei, 31)));
    /// assert_eq!(Era::of(ymd(2019, 5, 1)), Some((Era::Reiwa, 1)));
    /// assert_eq!(Era::of(ymd(1872, 12, 31)), None);
    /// ```
    pub fn of(date: NaiveDate) -> Option<(Era, u32)> {
        if date < GREGORIAN_START {
            return None;
        }
        let era = Era::ALL.iter().rev().copied().find(|e| e.first_day() <= date)?;
        let year = u32::try_from(date.year() - era.offset()).ok()?;
        Some((era, year))
    }
}

/// Formats a date as notices do: `令和7年1月13日`, `令和元年5月1日`.
///
/// Dates before 明治6年1月1日 (1873-01-01) are written in the Western form
/// `1872年12月31日` instead: the era date would be a lunisolar one, which this
/// crate does not compute. Both forms are read back by
/// [`parse_date`](crate::parse_date).
///
/// ```
/// use chrono::NaiveDate;
/// use onshi_wareki::to_wareki;
///
/// let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(to_wareki(ymd(2025, 1, 13)), "令和7年1月13日");
/// assert_eq!(to_wareki(ymd(2019, 5, 1)), "令和元年5月1日");
/// assert_eq!(to_wareki(ymd(1872, 12, 31)), "1872年12月31日");
/// ```
pub fn to_wareki(date: NaiveDate) -> String {
    let mut out = String::with_capacity(24);
    match Era::of(date) {
        Some((era, year)) => {
            out.push_str(era.name());
            if year == 1 {
                out.push('元');
            } else {
                let _ = write!(out, "{year}");
            }
        }
        None => {
            let _ = write!(out, "{}", date.year());
        }
    }
    let _ = write!(out, "年{}月{}日", date.month(), date.day());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_are_contiguous() {
        for pair in Era::ALL.windows(2) {
            if let [a, b] = pair {
                assert_eq!(a.last_day().and_then(|d| d.succ_opt()), Some(b.first_day()));
            }
        }
        assert_eq!(Era::Reiwa.last_day(), None);
    }

    #[test]
    fn formats() {
        assert_eq!(to_wareki(ymd(2025, 1, 13)), "令和7年1月13日");
        assert_eq!(to_wareki(ymd(2019, 5, 1)), "令和元年5月1日");
        assert_eq!(to_wareki(ymd(2019, 4, 30)), "平成31年4月30日");
        assert_eq!(to_wareki(ymd(1989, 1, 7)), "昭和64年1月7日");
        assert_eq!(to_wareki(ymd(1873, 1, 1)), "明治6年1月1日");
        assert_eq!(to_wareki(ymd(1872, 12, 31)), "1872年12月31日");
    }
}
