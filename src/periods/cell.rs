//! The 期間 cell: when the function is open, as a notice states it.
//!
//! A cell may give dates (`令和6年1月1日から令和6年1月14日まで`,
//! `7月8日~7月14日`, `7日まで`, `閉塞日時 令和6年3月7日 24時00分`), a rule
//! (`災害救助法の適用第一報から一週間`, `1週間に限り`, `当面の間`), or both, and
//! may send the reader to a footnote (`…一週間（※）` + `※令和7年1月13日まで`).
//!
//! Each date found in the cell is given a role from the words around it:
//! a start (`から`, `~`, `以降`), an end (`まで`, `で終了`, `をもって`, the
//! second half of a range, or a `閉塞`/`期限` label), or no role at all when it
//! is a timestamp (`7月10日19時30分追記`), part of a disaster name
//! (`令和5年7月7日からの大雨`, `1日に発生した`) or a reference (`…日付`).
//! Nothing is invented: a period without a stated start has `start: None`,
//! and an end is never computed from a rule.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use crate::reading::Reading;
use onshi_wareki::fold;
use onshi_wareki::{ClockTime, END_WORDS, FoundDate, START_WORDS, Scanned};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::NoticeCode;

/// A period as a notice gives it: what the 期間 cell says, read, and the cell
/// itself. The parser's result and the record's field are this one type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// Null when the notice states no start date; never inferred.
    pub start: Option<NaiveDate>,
    /// The time on the start date (`16時10分から`), `HH:MM`.
    #[serde(default, with = "clock_time")]
    #[schemars(with = "Option<String>", regex(pattern = r"^[0-9]{2}:[0-9]{2}$"))]
    pub start_time: Option<ClockTime>,
    /// The last day, when the notice states it; never computed from a rule.
    pub end: Option<NaiveDate>,
    /// The time on the end date, `HH:MM`; `24:00` is the end of the `end` day.
    #[serde(default, with = "clock_time")]
    #[schemars(with = "Option<String>", regex(pattern = r"^[0-9]{2}:[0-9]{2}$"))]
    pub end_time: Option<ClockTime>,
    /// A relative rule as written, e.g. `災害救助法の適用第一報から一週間`.
    pub basis: Option<String>,
    /// True when the notice sets no end (`当面の間`).
    #[serde(default)]
    pub open_ended: bool,
    /// True when the notice marks the period as planned (`（予定）`).
    #[serde(default)]
    pub provisional: bool,
    /// The 期間 cell as written.
    pub text: String,
}

/// A clock time in JSON: `"HH:MM"`, as the wareki crate writes it.
mod clock_time {
    use onshi_wareki::ClockTime;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(time: &Option<ClockTime>, s: S) -> Result<S::Ok, S::Error> {
        match time {
            Some(t) => s.collect_str(t),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ClockTime>, D::Error> {
        let Some(text) = Option::<String>::deserialize(d)? else {
            return Ok(None);
        };
        let parsed = text.split_once(':').and_then(|(h, m)| {
            let (hour, minute) = (h.parse::<u8>().ok()?, m.parse::<u8>().ok()?);
            (h.len() == 2 && m.len() == 2 && hour <= 24 && minute < 60 && (hour < 24 || minute == 0))
                .then_some(ClockTime { hour, minute })
        });
        parsed
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("`{text}` is no time of day (HH:MM, up to 24:00)")))
    }
}

/// Something the period parser noticed. `span` indexes the cell; a note about
/// a footnote points at the footnote marker in the cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodNote {
    /// Where in the cell (or at which footnote marker) the note points.
    pub span: Range<usize>,
    /// Stable identifier: `invalid_date`, `period_without_date`,
    /// `ambiguous_period`, `unrecognized_period`, `empty_period`,
    /// `period_without_end`, `footnote_missing`, `end_before_start`,
    /// `weekday_mismatch`.
    pub code: NoticeCode,
    /// A sentence for people.
    pub message: String,
}

/// Parses a 期間 cell.
///
/// `cell` is the cell text (NFKC-normalized; lines joined with `\n`).
/// `footnotes` are the `※…` lines after the table; they are read only when
/// the cell refers to them with `(※)`, `(※1)` or `※1`. `notice_date` completes
/// dates that leave out the year or month (see [`onshi_wareki::PartialDate::resolve`]); the
/// end of a range is completed from its start (`7月8日~14日`). Never panics.
pub fn parse_period(cell: &str, footnotes: &[&str], notice_date: NaiveDate) -> (Period, Vec<PeriodNote>) {
    parse_period_as(cell, footnotes, notice_date, CellRole::Period)
}

/// What the cell's label or column header says the cell is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellRole {
    /// `期間`: a date needs `から`, `まで` or `~` to be a start or an end.
    Period,
    /// `閉塞日時`, `終了日`, `期限`: the cell's one date is the end.
    Closing,
}

/// [`parse_period`] for a cell whose label gives its role.
pub fn parse_period_as(
    cell: &str,
    footnotes: &[&str],
    notice_date: NaiveDate,
    role: CellRole,
) -> (Period, Vec<PeriodNote>) {
    parse_period_read(cell, footnotes, notice_date, role, Reading::Exact)
}

/// [`parse_period_as`] for text read as `reading` says: from OCR text, only
/// the dates nothing around looks misread in ([`Reading::dates`]).
pub fn parse_period_read(
    cell: &str,
    footnotes: &[&str],
    notice_date: NaiveDate,
    role: CellRole,
    reading: Reading,
) -> (Period, Vec<PeriodNote>) {
    let mut period = Period {
        text: cell.to_owned(),
        ..Period::default()
    };
    let mut notes = Vec::new();
    if cell.trim().is_empty() {
        notes.push(note(0..cell.len(), NoticeCode::EmptyPeriod, "the period cell is empty"));
        return (period, notes);
    }

    let markers = find_markers(cell);
    let scanned = reading.dates(cell);
    let mut dated: Vec<Dated> = Vec::new();
    collect(cell, &scanned, None, &mut dated, &mut notes);
    read_footnotes(cell, &markers, footnotes, reading, &mut dated, &mut period, &mut notes);
    if contains_folded(cell, "予定") {
        period.provisional = true;
    }

    if role == CellRole::Closing && !dated.iter().any(|d| d.role == Role::End) {
        // Under a closing label, a single date with no word around it is the end.
        let mut unknown = dated.iter_mut().filter(|d| d.role == Role::Unknown);
        if let (Some(only), None) = (unknown.next(), unknown.next()) {
            only.role = Role::End;
        }
    }
    resolve_roles(&dated, notice_date, &mut period, &mut notes);
    period.basis = basis(cell, &scanned, &markers);
    period.open_ended = period.end.is_none() && OPEN_ENDED_WORDS.iter().any(|w| contains_folded(cell, w));
    note_what_is_missing(&period, &mut notes);
    (period, notes)
}

/// Reads the dates of the footnotes the cell refers to.
fn read_footnotes(
    cell: &str,
    markers: &[Marker],
    footnotes: &[&str],
    reading: Reading,
    dated: &mut Vec<Dated>,
    period: &mut Period,
    notes: &mut Vec<PeriodNote>,
) {
    for marker in markers.iter().filter(|m| !m.inline) {
        let bodies = footnotes_for(marker.id, footnotes);
        if bodies.is_empty() {
            notes.push(note(
                marker.span.clone(),
                NoticeCode::FootnoteMissing,
                format!(
                    "the period refers to footnote `{}` but no such footnote follows the table",
                    cell.get(marker.span.clone()).unwrap_or_default()
                ),
            ));
        }
        for body in bodies {
            if contains_folded(body, "予定") {
                period.provisional = true;
            }
            let found = reading.dates(body);
            collect(body, &found, Some(&marker.span), dated, notes);
        }
    }
}

/// The rule part of the cell: its rule clauses, without footnote markers,
/// `(予定)`, labels, and the dates of the period with their `から`/`まで`.
fn basis(cell: &str, scanned: &[Scanned], markers: &[Marker]) -> Option<String> {
    let date_spans: Vec<Range<usize>> = scanned
        .iter()
        .zip(roles(cell, scanned))
        .filter(|(_, role)| *role != Some(Role::Ignored))
        .map(|(s, _)| s.span.clone())
        .collect();
    let removed: Vec<Range<usize>> = markers
        .iter()
        .map(|m| m.span.clone())
        .chain(find_all_folded(cell, "(予定)"))
        .chain(
            date_spans
                .iter()
                .map(|d| d.start..d.end + role_word_len(cell.get(d.end..).unwrap_or_default())),
        )
        .collect();
    let rules = rule_clauses(cell, &date_spans, &removed);
    (!rules.is_empty()).then(|| rules.join("、"))
}

/// Notes for a period that lacks an end, or any date, unless an earlier
/// note already explains why.
fn note_what_is_missing(period: &Period, notes: &mut Vec<PeriodNote>) {
    let whole = 0..period.text.len();
    let explained = |notes: &[PeriodNote], codes: &[NoticeCode]| notes.iter().any(|n| codes.contains(&n.code));
    if period.start.is_some()
        && period.end.is_none()
        && !period.open_ended
        && !explained(notes, &[NoticeCode::AmbiguousPeriod, NoticeCode::InvalidDate])
    {
        notes.push(note(
            whole.clone(),
            NoticeCode::PeriodWithoutEnd,
            "the period states a start but no end date",
        ));
    }
    if period.start.is_some() || period.end.is_some() || explained(notes, &[NoticeCode::AmbiguousPeriod]) {
        return;
    }
    match &period.basis {
        Some(basis) => notes.push(note(
            whole,
            NoticeCode::PeriodWithoutDate,
            format!("the period gives only a rule (`{basis}`), no date"),
        )),
        None if !explained(notes, &[NoticeCode::InvalidDate]) => notes.push(note(
            whole,
            NoticeCode::UnrecognizedPeriod,
            format!("no date or rule was recognized in the period `{}`", period.text),
        )),
        None => {}
    }
}

/// What a date does in the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Start,
    End,
    /// A timestamp, a disaster name or a reference: not part of the period.
    Ignored,
    Unknown,
}

/// A date with its role, from the cell or from a footnote.
struct Dated {
    found: FoundDate,
    role: Role,
    /// Where to point notes: the date in the cell, or the footnote marker.
    at: Range<usize>,
}

/// Words right after a date that take it out of the period.
const IGNORED_AFTER: &[&str] = &[
    "からの",
    "に発生",
    "発生",
    "の",
    "付",
    "追記",
    "追加",
    "更新",
    "現在",
    "時点",
    "公表",
    "発出",
    "掲載",
    "修正",
    "訂正",
];
/// Words after a date that make it the end of the period being replaced.
const FORMER_END_WORDS: &[&str] = &[
    "までとしていた",
    "までとしておりました",
    "までとしてきた",
    "までとされていた",
    "までとなっていた",
    "までの期間を延長",
    "までであった",
];
/// Labels before a date, in the same clause, that say what it is.
const END_LABELS: &[&str] = &["閉塞", "終了", "期限"];
const START_LABELS: &[&str] = &["開始", "開放日"];
/// Words that make a clause a rule rather than decoration.
const RULE_WORDS: &[&str] = &[
    "週間",
    "日間",
    "か月",
    "カ月",
    "ヶ月",
    "ヵ月",
    "ケ月",
    "箇月",
    "当面",
    "当分",
    "第一報",
    "適用から",
    "適用日から",
    "発災から",
    "発生から",
    "別途",
    "追って",
    "までの間",
];
const OPEN_ENDED_WORDS: &[&str] = &["当面の間", "当分の間", "別途", "追って", "未定"];

/// The length in bytes of the spaces and the start or end word that follow
/// a date (`から`, ` まで`), or 0.
fn role_word_len(after: &str) -> usize {
    let word_start = after.len() - after.trim_start_matches(|c: char| fold(c) == ' ').len();
    let rest = after.get(word_start..).unwrap_or_default();
    let word = START_WORDS
        .iter()
        .chain(END_WORDS)
        .filter(|w| starts_with_folded(rest, w))
        .map(|w| w.chars().count())
        .max();
    match word {
        Some(chars) => word_start + rest.chars().take(chars).map(char::len_utf8).sum::<usize>(),
        None => 0,
    }
}

/// The role of each scanned date (`None` for an error), each judged from
/// the text between the previous date and the next words.
fn roles(text: &str, scanned: &[Scanned]) -> Vec<Option<Role>> {
    let mut floor = 0;
    scanned
        .iter()
        .map(|s| {
            let r = s.result.as_ref().ok().map(|f| role(text, f, floor));
            floor = s.span.end;
            r
        })
        .collect()
}

fn role(text: &str, found: &FoundDate, floor: usize) -> Role {
    let after = text.get(found.span.end..).unwrap_or_default();
    let after = after.trim_start();
    if IGNORED_AFTER.iter().any(|w| starts_with_folded(after, w)) {
        return Role::Ignored;
    }
    // `3月14日までとしていた期間を、3月31日まで延長`: the end that was, not the end.
    if FORMER_END_WORDS.iter().any(|w| starts_with_folded(after, w)) {
        return Role::Ignored;
    }
    if START_WORDS.iter().any(|w| starts_with_folded(after, w)) {
        return Role::Start;
    }
    if END_WORDS.iter().any(|w| starts_with_folded(after, w)) {
        return Role::End;
    }
    let before = text.get(floor..found.span.start).unwrap_or_default();
    let before = before.trim_end();
    if ends_with_folded(before, "~") || ends_with_folded(before, "から") {
        return Role::End;
    }
    let label = clause_before(before);
    if END_LABELS.iter().any(|w| contains_folded(label, w)) {
        return Role::End;
    }
    if START_LABELS.iter().any(|w| contains_folded(label, w)) {
        return Role::Start;
    }
    Role::Unknown
}

/// The text from the last clause break before a date up to the date. A line
/// break does not end the clause: a label may sit on the line above.
fn clause_before(before: &str) -> &str {
    let cut = before
        .char_indices()
        .rev()
        .find(|(_, c)| *c != '\n' && is_clause_break(fold(*c)))
        .map_or(0, |(i, c)| i + c.len_utf8());
    before.get(cut..).unwrap_or_default()
}

fn is_clause_break(c: char) -> bool {
    matches!(c, '、' | ',' | '，' | '。' | ';' | '\n')
}

fn collect(
    text: &str,
    scanned: &[Scanned],
    marker: Option<&Range<usize>>,
    dated: &mut Vec<Dated>,
    notes: &mut Vec<PeriodNote>,
) {
    for (s, role) in scanned.iter().zip(roles(text, scanned)) {
        let at = marker.cloned().unwrap_or_else(|| s.span.clone());
        match (&s.result, role) {
            (Ok(found), Some(role)) => dated.push(Dated {
                role,
                found: found.clone(),
                at,
            }),
            (Err(e), _) => notes.push(note(at, NoticeCode::InvalidDate, e.to_string())),
            (Ok(_), None) => {}
        }
    }
}

/// Resolves the dated items into start and end with their times.
fn resolve_roles(dated: &[Dated], notice_date: NaiveDate, period: &mut Period, notes: &mut Vec<PeriodNote>) {
    let mut starts: Vec<(NaiveDate, &Dated)> = Vec::new();
    for d in dated.iter().filter(|d| d.role == Role::Start) {
        if let Some(date) = complete(d, notice_date, notes) {
            starts.push((date, d));
        }
    }
    let mut seen = Vec::new();
    starts.retain(|(date, _)| {
        let first = !seen.contains(date);
        seen.push(*date);
        first
    });
    let (start, start_time) = match starts.as_slice() {
        [] => (None, None),
        [(date, d)] => (Some(*date), d.found.time),
        several => {
            notes.push(ambiguous("start", several));
            (None, None)
        }
    };

    // The end of a range is completed from its start: `7月8日~14日`.
    let end_context = start.unwrap_or(notice_date);
    let mut ends: Vec<(NaiveDate, Option<ClockTime>, &Dated)> = Vec::new();
    for d in dated.iter().filter(|d| d.role == Role::End) {
        if let Some(date) = complete(d, end_context, notes) {
            match ends.iter_mut().find(|(e, _, _)| *e == date) {
                Some(same) => same.1 = same.1.or(d.found.time),
                None => ends.push((date, d.found.time, d)),
            }
        }
    }
    let end = match ends.as_slice() {
        [] => None,
        [(date, time, _)] => Some((*date, *time)),
        several => {
            let pairs: Vec<(NaiveDate, &Dated)> = several.iter().map(|(e, _, d)| (*e, *d)).collect();
            notes.push(ambiguous("end", &pairs));
            None
        }
    };

    let unknown: Vec<&Dated> = dated.iter().filter(|d| d.role == Role::Unknown).collect();
    if let Some(first) = unknown.first() {
        let texts: Vec<String> = unknown.iter().map(|d| d.found.date.to_string()).collect();
        notes.push(note(
            first.at.clone(),
            NoticeCode::AmbiguousPeriod,
            format!(
                "cannot tell whether {} starts or ends the period; no `から`, `まで` or `~` next to it",
                texts.join(", ")
            ),
        ));
    }

    period.start = start;
    period.start_time = start_time;
    if let Some((date, time)) = end {
        period.end = Some(date);
        period.end_time = time;
    }
    if let (Some(s), Some(e)) = (period.start, period.end)
        && e < s
    {
        notes.push(note(
            0..period.text.len(),
            NoticeCode::EndBeforeStart,
            format!("the period ends ({e}) before it starts ({s})"),
        ));
    }
}

/// Completes a partial date and checks a written weekday against it.
fn complete(d: &Dated, context: NaiveDate, notes: &mut Vec<PeriodNote>) -> Option<NaiveDate> {
    match d.found.date.resolve(context) {
        Ok(date) => {
            if let Some(w) = d.found.weekday
                && date.weekday() != w
                && d.found.date.full().is_none()
            {
                notes.push(note(
                    d.at.clone(),
                    NoticeCode::WeekdayMismatch,
                    format!(
                        "{} was read as {date}, a {}, but the text gives the weekday {w}",
                        d.found.date,
                        date.weekday()
                    ),
                ));
            }
            Some(date)
        }
        Err(e) => {
            notes.push(note(d.at.clone(), NoticeCode::InvalidDate, e.to_string()));
            None
        }
    }
}

fn ambiguous(what: &str, several: &[(NaiveDate, &Dated)]) -> PeriodNote {
    let dates: Vec<String> = several.iter().map(|(d, _)| d.to_string()).collect();
    let at = several.first().map_or(0..0, |(_, d)| d.at.clone());
    note(
        at,
        NoticeCode::AmbiguousPeriod,
        format!(
            "the period gives {} different {what} dates ({}); none was chosen",
            several.len(),
            dates.join(", ")
        ),
    )
}

/// A footnote reference in the cell: `(※)`, `(※1)`, `※1`; or an inline
/// note such as `(※令和7年1月13日まで)`, whose dates are read in place.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Marker {
    span: Range<usize>,
    id: Option<u32>,
    inline: bool,
}

fn find_markers(cell: &str) -> Vec<Marker> {
    let mut markers = Vec::new();
    for (i, c) in cell.char_indices() {
        if c != '※' {
            continue;
        }
        let before = cell.get(..i).unwrap_or_default();
        let open = before
            .chars()
            .next_back()
            .filter(|p| fold(*p) == '(')
            .map(|p| i - p.len_utf8());
        let after_mark = i + c.len_utf8();
        let (id, after_id) = read_id(cell, after_mark);
        let rest = cell.get(after_id..).unwrap_or_default();
        let rest_trimmed = rest.trim_start_matches(|c: char| fold(c) == ' ');
        let next = rest_trimmed.chars().next().map(fold);
        let marker = match open {
            Some(start) if next == Some(')') => {
                let close = rest_trimmed.chars().next().map_or(0, char::len_utf8);
                Marker {
                    span: start..cell.len() - rest_trimmed.len() + close,
                    id,
                    inline: false,
                }
            }
            Some(start) => {
                let close = rest
                    .char_indices()
                    .find(|(_, c)| fold(*c) == ')')
                    .map_or(cell.len(), |(j, c)| after_id + j + c.len_utf8());
                Marker {
                    span: start..close,
                    id: None,
                    inline: true,
                }
            }
            None if next.is_none_or(|n| n.is_ascii_punctuation() || is_clause_break(n))
                || (id.is_some() && rest.len() != rest_trimmed.len()) =>
            {
                Marker {
                    span: i..after_id,
                    id,
                    inline: false,
                }
            }
            None => {
                let end = rest.find('\n').map_or(cell.len(), |j| after_id + j);
                Marker {
                    span: i..end,
                    id: None,
                    inline: true,
                }
            }
        };
        markers.push(marker);
    }
    markers
}

/// Reads the digits of a footnote number after `※`. Digits that begin a
/// date or a quantity (`※7月14日まで`, `※1週間`) are not a number.
fn read_id(text: &str, from: usize) -> (Option<u32>, usize) {
    let mut id: Option<u32> = None;
    let mut end = from;
    let mut next = None;
    for c in text.get(from..).unwrap_or_default().chars() {
        let Some(d) = fold(c).to_digit(10) else {
            next = Some(fold(c));
            break;
        };
        id = Some(id.unwrap_or(0).saturating_mul(10).saturating_add(d));
        end += c.len_utf8();
    }
    let quantity = next.is_some_and(|c| "年月日時週分.,/-条項号か箇ヶカケヵ".contains(c));
    if quantity { (None, from) } else { (id, end) }
}

/// The bodies of the footnotes `※` (or `※n`), without their marker.
fn footnotes_for<'a>(id: Option<u32>, footnotes: &[&'a str]) -> Vec<&'a str> {
    footnotes
        .iter()
        .filter_map(|line| {
            let line = line.trim();
            let line = line.strip_prefix(['(', '（']).unwrap_or(line);
            let rest = line.strip_prefix('※')?;
            let (note_id, after) = read_id(rest, 0);
            if note_id != id {
                return None;
            }
            let body = rest.get(after..)?;
            let body = body.strip_prefix([')', '）']).unwrap_or(body);
            Some(body.trim_start_matches(|c: char| fold(c) == ' ' || c == ':' || c == '：'))
        })
        .collect()
}

/// The rule clauses of a cell, as written, without markers, `(予定)` and
/// labels. Clauses break at `、`, `,`, `。`, `;` and line ends; lines of a
/// wrapped rule are joined back.
fn rule_clauses(cell: &str, date_spans: &[Range<usize>], removed: &[Range<usize>]) -> Vec<String> {
    let mut rules = Vec::new();
    let mut pending = String::new();
    let mut pending_is_rule = false;
    let mut start = 0;
    let bounds = cell
        .char_indices()
        .filter(|(_, c)| is_clause_break(fold(*c)))
        .map(|(i, c)| (i, Some(c)))
        .chain(std::iter::once((cell.len(), None)));
    for (end, brk) in bounds {
        let range = start..end;
        start = end + brk.map_or(0, char::len_utf8);
        let has_date = date_spans.iter().any(|d| d.start < range.end && range.start < d.end);
        let text = clause_text(cell, &range, removed);
        let is_rule = RULE_WORDS.iter().any(|w| contains_folded(&text, w));
        if has_date {
            flush(&mut pending, &mut pending_is_rule, &mut rules);
            let text = tidy(&text);
            if is_rule && !text.is_empty() {
                rules.push(text);
            }
            continue;
        }
        pending.push_str(&text);
        pending_is_rule |= is_rule;
        // Only a line end may continue a wrapped clause.
        if brk != Some('\n') {
            flush(&mut pending, &mut pending_is_rule, &mut rules);
        }
    }
    flush(&mut pending, &mut pending_is_rule, &mut rules);
    rules
}

fn flush(pending: &mut String, is_rule: &mut bool, rules: &mut Vec<String>) {
    let text = tidy(pending);
    if *is_rule && !text.is_empty() {
        rules.push(text);
    }
    pending.clear();
    *is_rule = false;
}

/// A clause with the removed ranges cut out and a leading label dropped.
fn clause_text(cell: &str, range: &Range<usize>, removed: &[Range<usize>]) -> String {
    let mut text = String::new();
    for (i, c) in cell.get(range.clone()).unwrap_or_default().char_indices() {
        let at = range.start + i;
        if !removed.iter().any(|r| r.contains(&at)) {
            text.push(c);
        }
    }
    if let Some((label, rest)) = text.split_once([':', '：'])
        && !label.chars().any(|c| fold(c).is_ascii_digit())
        && label.chars().count() <= 12
    {
        return rest.to_owned();
    }
    text
}

/// Trims spaces, brackets emptied by the cuts, separators left at the edges
/// and a connective `で` at the end (`1週間で、9月3日まで`).
fn tidy(text: &str) -> String {
    let text = text.replace("()", "").replace("（）", "");
    let edge = |c: char| c.is_whitespace() || matches!(fold(c), '~' | ':' | ',' | '、');
    let t = text.trim_matches(edge);
    let t = t.strip_suffix('で').unwrap_or(t);
    t.trim_matches(edge).to_owned()
}

fn note(span: Range<usize>, code: NoticeCode, message: impl Into<String>) -> PeriodNote {
    PeriodNote {
        span,
        code,
        message: message.into(),
    }
}

fn starts_with_folded(text: &str, word: &str) -> bool {
    let mut t = text.chars().map(fold);
    word.chars().all(|w| t.next() == Some(w))
}

fn ends_with_folded(text: &str, word: &str) -> bool {
    let mut t = text.chars().rev().map(fold);
    word.chars().rev().all(|w| t.next() == Some(w))
}

fn contains_folded(text: &str, word: &str) -> bool {
    text.char_indices()
        .any(|(i, _)| starts_with_folded(text.get(i..).unwrap_or_default(), word))
}

/// Byte ranges of every occurrence of `word` (folded comparison).
fn find_all_folded(text: &str, word: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (i, _) in text.char_indices() {
        let rest = text.get(i..).unwrap_or_default();
        if starts_with_folded(rest, word) {
            let len: usize = rest.chars().take(word.chars().count()).map(char::len_utf8).sum();
            out.push(i..i + len);
        }
    }
    out
}

#[cfg(test)]
mod closing_tests {
    use super::*;

    #[test]
    fn the_end_being_replaced_is_not_the_end() {
        let date = NaiveDate::from_ymd_opt(2025, 3, 10).unwrap();
        let (p, _) = parse_period(
            "令和7年3月14日までとしていた期間を、令和7年3月31日まで延長する",
            &[],
            date,
        );
        assert_eq!(p.end, NaiveDate::from_ymd_opt(2025, 3, 31));
    }

    #[test]
    fn under_a_closing_label_a_lone_date_is_the_end() {
        let date = NaiveDate::from_ymd_opt(2025, 1, 7).unwrap();
        let (p, _) = parse_period_as("令和7年1月13日(月)(延長なし)", &[], date, CellRole::Closing);
        assert_eq!(p.end, NaiveDate::from_ymd_opt(2025, 1, 13));
        let (p, notes) = parse_period_as("令和7年1月13日(月)(延長なし)", &[], date, CellRole::Period);
        assert_eq!(p.end, None);
        assert!(notes.iter().any(|n| n.code == NoticeCode::AmbiguousPeriod));
        // Two dates under a closing label are still not guessed at.
        let (p, _) = parse_period_as("1月13日、1月20日", &[], date, CellRole::Closing);
        assert_eq!(p.end, None);
    }
}
