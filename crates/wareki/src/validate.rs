//! Turns raw date numbers into calendar dates, or says why they are not one.
//! Calendar checks come first (`2月30日`), then era boundaries.

use chrono::{Datelike, NaiveDate};

use super::error::Detail;
use super::grammar::{Meridiem, Raw, RawTime, YearPart};
use super::table::Era;
use super::{ClockTime, PartialDate};

/// A leap year, for checking a month-day whose year is not yet known.
const ANY_LEAP_YEAR: i32 = 2024;

pub(crate) fn validate(raw: &Raw) -> Result<(PartialDate, Option<ClockTime>), Detail> {
    let date = match (raw.year, raw.month) {
        (YearPart::Era { era, year }, Some(month)) => PartialDate::Full(era_date(era, year, month, raw.day)?),
        (YearPart::Western(year), Some(month)) => {
            let year = i32::try_from(year).map_err(|_| Detail::YearOutOfRange { year })?;
            PartialDate::Full(gregorian(year, month, raw.day)?)
        }
        (_, Some(month)) => month_day(month, raw.day)?,
        (_, None) => bare_day(raw.day)?,
    };
    if let (PartialDate::Full(d), Some(written)) = (date, raw.weekday)
        && d.weekday() != written
    {
        return Err(Detail::WeekdayMismatch { date: d, written });
    }
    let time = raw.time.map(clock).transpose()?;
    Ok((date, time))
}

pub(crate) fn era_date(era: Era, year: u32, month: u32, day: u32) -> Result<NaiveDate, Detail> {
    if year == 0 {
        return Err(Detail::YearZero { era });
    }
    if era == Era::Meiji && year < 6 {
        return Err(Detail::Lunisolar);
    }
    let western = i64::from(era.offset()) + i64::from(year);
    let western = i32::try_from(western)
        .ok()
        .filter(|y| *y <= 9999)
        .ok_or(Detail::YearOutOfRange { year })?;
    let date = gregorian(western, month, day)?;
    if date < era.first_day() {
        return Err(Detail::OutsideEra {
            era,
            after: false,
            date,
        });
    }
    if era.last_day().is_some_and(|last| date > last) {
        return Err(Detail::OutsideEra { era, after: true, date });
    }
    Ok(date)
}

pub(crate) fn gregorian(year: i32, month: u32, day: u32) -> Result<NaiveDate, Detail> {
    check_month(month)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(Detail::InvalidDay {
        day,
        month: Some(month),
        year: Some(year),
    })
}

fn check_month(month: u32) -> Result<(), Detail> {
    if (1..=12).contains(&month) {
        Ok(())
    } else {
        Err(Detail::InvalidMonth { month })
    }
}

fn month_day(month: u32, day: u32) -> Result<PartialDate, Detail> {
    check_month(month)?;
    match NaiveDate::from_ymd_opt(ANY_LEAP_YEAR, month, day) {
        Some(_) => Ok(PartialDate::MonthDay { month, day }),
        None => Err(Detail::InvalidDay {
            day,
            month: Some(month),
            year: None,
        }),
    }
}

fn bare_day(day: u32) -> Result<PartialDate, Detail> {
    if (1..=31).contains(&day) {
        Ok(PartialDate::Day { day })
    } else {
        Err(Detail::InvalidDay {
            day,
            month: None,
            year: None,
        })
    }
}

/// 午前/午後 follow the 1872 time decree (太政官達第337号): 午前12時 is
/// noon and 午後12時 is midnight at the end of the day (24:00); 午前0時 is
/// the start of the day.
fn clock(t: RawTime) -> Result<ClockTime, Detail> {
    let hour = match t.meridiem {
        None if t.hour > 24 => {
            return Err(Detail::InvalidHour {
                hour: t.hour,
                meridiem: false,
            });
        }
        Some(Meridiem::Am | Meridiem::Pm) if t.hour > 12 => {
            return Err(Detail::InvalidHour {
                hour: t.hour,
                meridiem: true,
            });
        }
        Some(Meridiem::Pm) => t.hour + 12,
        _ => t.hour,
    };
    if t.minute > 59 {
        return Err(Detail::InvalidMinute { minute: t.minute });
    }
    if hour == 24 && t.minute != 0 {
        return Err(Detail::EndOfDayMinutes { minute: t.minute });
    }
    // Both fit in u8: hour <= 24 and minute <= 59 were checked above.
    Ok(ClockTime {
        hour: u8::try_from(hour).unwrap_or(u8::MAX),
        minute: u8::try_from(t.minute).unwrap_or(u8::MAX),
    })
}
