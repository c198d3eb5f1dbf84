//! The date grammar: reads the *shape* of a date at a position and returns
//! its raw numbers. Whether those numbers make a real date is decided later
//! (`validate`), so a well-shaped but impossible date such as `令和7年2月30日`
//! is reported as an error rather than skipped.
//!
//! ```text
//! date     = era-date | western | month-day | bare-day
//! era-date = era year ( "年" month "月" day "日" | SEP month SEP day )
//! era      = 令和 | 平成 | 昭和 | 大正 | 明治 | ㋿ ㍻ ㍼ ㍽ ㍾     (spaces allowed inside)
//!          | 令 | 平 | 昭 | 大 | 明 | R | H | S | T | M       (a digit must follow)
//! year     = number | 元
//! western  = 4-digit-year ( "年" month "月" day "日" | SEP month SEP day )
//! SEP      = "." | "/" | "-"   (the same one twice, no spaces)
//! suffix   = [ "(" weekday [ "・祝" ] ")" ] [ [ "の" ] time ]
//! time     = [ 午前 | 午後 ] hour "時" [ minute "分" | "半" ] | hour ":" MM | 正午
//! ```

use chrono::Weekday;

use super::error::Expected;
use super::fold::Cursor;
use super::numeral::{self, Number, is_kanji_numeral};
use super::table::Era;

/// Whether the grammar is reading a date inside running text (strict about
/// what may start and end one) or a string that should be exactly one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Scan,
    Whole,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearPart {
    Era { era: Era, year: u32 },
    Western(u32),
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Meridiem {
    Am,
    Pm,
    Noon,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawTime {
    pub meridiem: Option<Meridiem>,
    pub hour: u32,
    pub minute: u32,
}

/// A date-shaped piece of text, not yet checked against the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Raw {
    pub year: YearPart,
    pub month: Option<u32>,
    pub day: u32,
    pub weekday: Option<Weekday>,
    pub time: Option<RawTime>,
    /// Where the time starts, when there is one.
    pub time_start: usize,
    /// One past the last byte of the date, its weekday and its time.
    pub end: usize,
}

/// Where the grammar stopped and what it wanted there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Syntax {
    pub pos: usize,
    pub expected: Expected,
}

type PResult<T> = Result<T, Syntax>;

fn fail<T>(cur: &Cursor<'_>, expected: Expected) -> PResult<T> {
    Err(Syntax {
        pos: cur.pos(),
        expected,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EraForm {
    /// `令和`, or a squared sign such as `㋿`.
    Name,
    /// `令` or `R`: only with Arabic digits right after.
    Short,
}

/// Reads a date starting exactly at `start`.
pub(crate) fn date_at(src: &str, start: usize, mode: Mode) -> PResult<Raw> {
    let mut cur = Cursor::new(src, start);
    let begin = cur;
    if let Some((era, form)) = era_token(&mut cur, mode) {
        return era_date(cur, begin, era, form, mode);
    }
    match cur.peek() {
        Some(c) if c.is_ascii_digit() || is_kanji_numeral(c) => numeric_date(cur, mode),
        _ => fail(&cur, Expected::Date),
    }
}

fn era_token(cur: &mut Cursor<'_>, mode: Mode) -> Option<(Era, EraForm)> {
    let start = *cur;
    let c = cur.bump()?;
    let (era, second) = match c {
        '令' => (Era::Reiwa, '和'),
        '平' => (Era::Heisei, '成'),
        '昭' => (Era::Showa, '和'),
        '大' => (Era::Taisho, '正'),
        '明' => (Era::Meiji, '治'),
        '㋿' => return Some((Era::Reiwa, EraForm::Name)),
        '㍻' => return Some((Era::Heisei, EraForm::Name)),
        '㍼' => return Some((Era::Showa, EraForm::Name)),
        '㍽' => return Some((Era::Taisho, EraForm::Name)),
        '㍾' => return Some((Era::Meiji, EraForm::Name)),
        _ => {
            // Lower-case letters are accepted only for a string that is
            // exactly one date; in running text they are too often part of
            // identifiers and URLs.
            let upper = c.to_ascii_uppercase();
            let era = match upper {
                'R' => Era::Reiwa,
                'H' => Era::Heisei,
                'S' => Era::Showa,
                'T' => Era::Taisho,
                'M' => Era::Meiji,
                _ => {
                    *cur = start;
                    return None;
                }
            };
            if c != upper && mode == Mode::Scan {
                *cur = start;
                return None;
            }
            return Some((era, EraForm::Short));
        }
    };
    let after_first = *cur;
    cur.skip_gap();
    if cur.eat(second) {
        Some((era, EraForm::Name))
    } else {
        *cur = after_first;
        Some((era, EraForm::Short))
    }
}

fn era_date(mut cur: Cursor<'_>, begin: Cursor<'_>, era: Era, form: EraForm, mode: Mode) -> PResult<Raw> {
    let spaced = form == EraForm::Name;
    if spaced {
        cur.skip_gap();
    }
    let year = if cur.eat('元') {
        1
    } else {
        let number = match form {
            EraForm::Name => numeral::number(&mut cur, true),
            EraForm::Short => numeral::arabic(&mut cur, false),
        };
        match number {
            Some(n) => n.value,
            // `明日`, `大雨`, `R` in a word: no date starts here at all.
            None if form == EraForm::Short => return fail(&begin, Expected::Date),
            None => return fail(&cur, Expected::Year),
        }
    };
    let after_year = cur;
    if spaced {
        cur.skip_gap();
    }
    let (month, day) = if cur.eat('年') {
        kanji_tail(&mut cur)?
    } else {
        cur = after_year;
        match cur.eat_any(&['.', '/', '-']) {
            Some(sep) => dotted_tail(&mut cur, sep, mode)?,
            None => return fail(&cur, Expected::Marker('年')),
        }
    };
    Ok(finish(cur, YearPart::Era { era, year }, Some(month), day))
}

/// `M月D日` after `年`, with spaces allowed everywhere, including between
/// the digits of a number.
fn kanji_tail(cur: &mut Cursor<'_>) -> PResult<(u32, u32)> {
    cur.skip_gap();
    let month = numeral::number(cur, true).map(|n| n.value);
    let Some(month) = month else {
        return fail(cur, Expected::Month);
    };
    cur.skip_gap();
    if !cur.eat('月') {
        return fail(cur, Expected::Marker('月'));
    }
    let day = day_then_marker(cur)?;
    Ok((month, day))
}

fn day_then_marker(cur: &mut Cursor<'_>) -> PResult<u32> {
    cur.skip_gap();
    let Some(day) = numeral::number(cur, true) else {
        return fail(cur, Expected::Day);
    };
    cur.skip_gap();
    if !cur.eat('日') {
        return fail(cur, Expected::Marker('日'));
    }
    Ok(day.value)
}

/// `M.D` after the first separator; the second separator must match it.
fn dotted_tail(cur: &mut Cursor<'_>, sep: char, mode: Mode) -> PResult<(u32, u32)> {
    let Some(month) = numeral::arabic(cur, false) else {
        return fail(cur, Expected::Month);
    };
    if !cur.eat(sep) {
        return fail(cur, Expected::Marker(sep));
    }
    let Some(day) = numeral::arabic(cur, false) else {
        return fail(cur, Expected::Day);
    };
    if mode == Mode::Scan {
        // `1.2.3.4` or a long number is not a date in running text.
        let continues = matches!(cur.peek(), Some('.' | '/' | '-')) && cur.peek2().is_some_and(|c| c.is_ascii_digit());
        if continues || month.digits > 2 || day.digits > 2 {
            return fail(cur, Expected::Date);
        }
    }
    Ok((month.value, day.value))
}

/// A date that starts with a number: Western, month-day or bare day.
fn numeric_date(mut cur: Cursor<'_>, mode: Mode) -> PResult<Raw> {
    let start = cur;
    let Some(n) = numeral::number(&mut cur, false) else {
        return fail(&cur, Expected::Date);
    };
    let after_number = cur;
    // A Western year has four digits and no leading zero (`0656` is not a year).
    let western = n.digits == 4 && n.value >= 1000;
    if !n.kanji
        && western
        && let Some(sep) = cur.eat_any(&['.', '/', '-'])
    {
        let (month, day) = dotted_tail(&mut cur, sep, mode)?;
        return Ok(finish(cur, YearPart::Western(n.value), Some(month), day));
    }
    cur.skip_spaces();
    if cur.eat('年') {
        if !western || n.with_units {
            // A year without an era (`25年`, `七年`, `0656年`) is not a date we read.
            return fail(&start, Expected::Date);
        }
        let (month, day) = kanji_tail(&mut cur)?;
        return Ok(finish(cur, YearPart::Western(n.value), Some(month), day));
    }
    let short = n.digits <= 2 || n.with_units;
    if mode == Mode::Scan && !short {
        return fail(&start, Expected::Date);
    }
    if cur.eat('月') {
        let day = day_then_marker(&mut cur)?;
        return Ok(finish(cur, YearPart::None, Some(n.value), day));
    }
    if cur.eat('日') {
        let raw = finish(cur, YearPart::None, None, n.value);
        if mode == Mode::Scan && !bare_day_in_context(&start, raw.end, n) {
            return fail(&start, Expected::Date);
        }
        return Ok(raw);
    }
    fail(&after_number, Expected::AfterNumber)
}

/// Words right after a date that make it the start of a period:
/// `7月8日から`, `1日以降`.
pub const START_WORDS: &[&str] = &["から", "より", "以降", "以後", "~", "開始"];

/// Words right after a date that make it the end of a period:
/// `14日まで`, `7日で終了`, `31日をもって`.
pub const END_WORDS: &[&str] = &[
    "まで",
    "迄",
    "限り",
    "をもって",
    "を以て",
    "をもち",
    "で終了",
    "にて終了",
    "に終了",
    "終了",
    "で閉塞",
    "に閉塞",
    "閉塞",
];

/// Words after a bare day (`14日`) that make it a date rather than a count
/// or an ordinal, besides [`START_WORDS`] and [`END_WORDS`]: `26日付`,
/// `30日以前`.
const OTHER_DAY_FOLLOWERS: &[&str] = &["以前", "付"];

fn bare_day_in_context(start: &Cursor<'_>, end: usize, n: Number) -> bool {
    if n.kanji && !n.with_units && n.digits > 1 {
        return false;
    }
    let mut after = Cursor::new(start.src(), end);
    after.skip_spaces();
    if START_WORDS
        .iter()
        .chain(END_WORDS)
        .chain(OTHER_DAY_FOLLOWERS)
        .any(|w| after.eat_str(w))
    {
        return true;
    }
    // The second half of a range: `7月8日~14日`.
    let mut before = *start;
    while matches!(before.prev(), Some(' ' | '\n' | '\r')) {
        before.step_back();
    }
    before.prev() == Some('~')
}

/// Reads the optional weekday and time after a date and builds the result.
fn finish(mut cur: Cursor<'_>, year: YearPart, month: Option<u32>, day: u32) -> Raw {
    let save = cur;
    cur.skip_gap();
    let weekday = weekday(&mut cur);
    if weekday.is_none() {
        cur = save;
    }
    let save = cur;
    cur.skip_gap();
    let time_start = cur.pos();
    // `1月14日の24時`: the particle joins a date and its time.
    cur.eat('の');
    let time = time(&mut cur);
    if time.is_none() {
        cur = save;
    }
    Raw {
        year,
        month,
        day,
        weekday,
        time,
        time_start,
        end: cur.pos(),
    }
}

/// `(月)`, `（月・祝）`, `(月曜日)`.
fn weekday(cur: &mut Cursor<'_>) -> Option<Weekday> {
    if !cur.eat('(') {
        return None;
    }
    cur.skip_spaces();
    let w = match cur.bump()? {
        '月' => Weekday::Mon,
        '火' => Weekday::Tue,
        '水' => Weekday::Wed,
        '木' => Weekday::Thu,
        '金' => Weekday::Fri,
        '土' => Weekday::Sat,
        '日' => Weekday::Sun,
        _ => return None,
    };
    if cur.eat('曜') {
        cur.eat('日');
    }
    cur.skip_spaces();
    let separated = cur.eat_any(&['・', '･', ',', '、', '/']).is_some();
    cur.skip_spaces();
    if cur.eat_any(&['祝', '休', '祭']).is_some() {
        cur.eat('日');
    } else if separated {
        return None;
    }
    cur.skip_spaces();
    cur.eat(')').then_some(w)
}

/// `24時00分`, `17時`, `午前0時`, `19時半`, `17:00`, `正午`.
fn time(cur: &mut Cursor<'_>) -> Option<RawTime> {
    let meridiem = if cur.eat_str("午前") {
        Some(Meridiem::Am)
    } else if cur.eat_str("午後") {
        Some(Meridiem::Pm)
    } else if cur.eat_str("正午") {
        return Some(RawTime {
            meridiem: Some(Meridiem::Noon),
            hour: 12,
            minute: 0,
        });
    } else {
        None
    };
    if meridiem.is_some() {
        cur.skip_spaces();
    }
    let hour = short_number(cur)?;
    // pdftotext writes half-width digits as runs of their own: `24 時 00 分`.
    let before_unit = *cur;
    cur.skip_spaces();
    if cur.peek() != Some('時') {
        *cur = before_unit;
    }
    let minute = if cur.eat('時') {
        if cur.peek() == Some('間') {
            // `3時間` is a duration.
            return None;
        }
        let save = *cur;
        cur.skip_spaces();
        if cur.eat('半') {
            30
        } else if let Some(m) = short_number(cur).filter(|_| {
            cur.skip_spaces();
            cur.eat('分')
        }) {
            let before_seconds = *cur;
            if short_number(cur).filter(|_| cur.eat('秒')).is_none() {
                *cur = before_seconds;
            }
            m
        } else {
            *cur = save;
            0
        }
    } else if meridiem.is_none() && cur.eat(':') {
        let m = numeral::arabic(cur, false).filter(|m| m.digits == 2)?;
        let before_seconds = *cur;
        if !(cur.eat(':') && numeral::arabic(cur, false).is_some_and(|s| s.digits == 2)) {
            *cur = before_seconds;
        }
        m.value
    } else {
        return None;
    };
    Some(RawTime { meridiem, hour, minute })
}

/// An hour, minute or second: at most two digits, or a kanji numeral.
fn short_number(cur: &mut Cursor<'_>) -> Option<u32> {
    let save = *cur;
    match numeral::number(cur, false) {
        Some(n) if n.kanji || n.digits <= 2 => Some(n.value),
        _ => {
            *cur = save;
            None
        }
    }
}
