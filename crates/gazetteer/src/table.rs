//! Reading the table and deriving its lookup keys.
//!
//! This module is compiled twice: into the crate, where [`crate::Gazetteer::from_csv`]
//! uses it for any table, and into the build script (`build.rs`), which runs it on the
//! bundled `data/municipalities.csv` and writes the result out as Rust statics. Both
//! therefore validate the rows and fold the names with the same code, and the bundled
//! gazetteer costs nothing to load. It depends only on [`super::variants`], `chrono` and
//! `thiserror`.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::variants::fold;

const HEADER: &str = "code,prefecture,district,name,kind,valid_from,valid_to";

/// Why a table could not be loaded by [`crate::Gazetteer::from_csv`].
///
/// ```
/// use onshi_gazetteer::{Gazetteer, GazetteerError};
///
/// let e = Gazetteer::from_csv("code,name\n").unwrap_err();
/// assert!(matches!(e, GazetteerError::Header(_)));
///
/// let csv = "code,prefecture,district,name,kind,valid_from,valid_to\n020001,青森県,,青森県,county,,\n";
/// let e = Gazetteer::from_csv(csv).unwrap_err();
/// assert_eq!(e.to_string(), "line 2: unknown kind `county`");
/// ```
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum GazetteerError {
    /// The first line is not the expected header.
    #[error("line 1: expected the header `{HEADER}`, found `{0}`")]
    Header(String),
    /// A row is malformed or contradicts another.
    #[error("line {line}: {message}")]
    Row {
        /// The line of the CSV text, counting from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

/// What kind of local government an entry is.
///
/// ```
/// use onshi_gazetteer::{Gazetteer, Kind};
///
/// let kind = |code| Gazetteer::bundled().by_code(code).unwrap().kind;
/// assert_eq!(kind("140007"), Kind::Prefecture); // 神奈川県
/// assert_eq!(kind("141003"), Kind::DesignatedCity); // 横浜市
/// assert_eq!(kind("141046"), Kind::Ward); // 横浜市中区
/// assert_eq!(kind("131016"), Kind::SpecialWard); // 千代田区
/// assert_eq!(kind("142077"), Kind::City); // 茅ヶ崎市
/// assert_eq!(kind("023612"), Kind::Town); // 藤崎町
/// assert_eq!(kind("133817"), Kind::Village); // 三宅村
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// 都道府県.
    Prefecture,
    /// 政令指定都市 itself (its wards are [`Kind::Ward`]).
    DesignatedCity,
    /// Any other 市.
    City,
    /// One of the 23 特別区 of Tokyo.
    SpecialWard,
    /// A ward (行政区) of a designated city.
    Ward,
    /// 町.
    Town,
    /// 村.
    Village,
}

impl Kind {
    /// The name used in the CSV and in serialized output (`designated_city`).
    ///
    /// ```
    /// assert_eq!(onshi_gazetteer::Kind::DesignatedCity.as_str(), "designated_city");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Prefecture => "prefecture",
            Kind::DesignatedCity => "designated_city",
            Kind::City => "city",
            Kind::SpecialWard => "special_ward",
            Kind::Ward => "ward",
            Kind::Town => "town",
            Kind::Village => "village",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "prefecture" => Kind::Prefecture,
            "designated_city" => Kind::DesignatedCity,
            "city" => Kind::City,
            "special_ward" => Kind::SpecialWard,
            "ward" => Kind::Ward,
            "town" => Kind::Town,
            "village" => Kind::Village,
            _ => return None,
        })
    }
}

/// Which written form of an entry's name matched.
///
/// ```
/// use onshi_gazetteer::{Gazetteer, Match, Resolution};
///
/// let via = |written, prefecture| match Gazetteer::bundled().resolve(written, prefecture, None) {
///     Resolution::Found { via, .. } => via,
///     other => panic!("{other:?}"),
/// };
/// assert_eq!(via("南津軽郡藤崎町", None), Match::Exact);
/// assert_eq!(via("藤崎町", None), Match::WithoutDistrict);
/// assert_eq!(via("博多区", Some("福岡県")), Match::WardWithoutCity);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Match {
    /// The official form: the name, with its 郡 for a town or village in one
    /// (`南津軽郡藤崎町`, `青森市`, `福岡市東区`), possibly after a prefecture (`大分県中津市`).
    Exact,
    /// A town or village in a 郡 written without the 郡 (`藤崎町`).
    WithoutDistrict,
    /// A designated-city ward written without its city (`東区`), accepted only when a
    /// prefecture is known and the ward name is unique in it.
    WardWithoutCity,
}

impl Match {
    /// The name used in serialized output (`without_district`).
    ///
    /// ```
    /// assert_eq!(onshi_gazetteer::Match::WithoutDistrict.as_str(), "without_district");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Match::Exact => "exact",
            Match::WithoutDistrict => "without_district",
            Match::WardWithoutCity => "ward_without_city",
        }
    }
}

/// The check digit of a 5-digit code: `(11 - Σ dᵢ·wᵢ mod 11) mod 10` with weights 6,5,4,3,2.
///
/// ```
/// assert_eq!(onshi_gazetteer::check_digit("02201"), Some('2'));
/// assert_eq!(onshi_gazetteer::check_digit("0220"), None);
/// ```
pub fn check_digit(five: &str) -> Option<char> {
    if five.len() != 5 || !five.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = five
        .bytes()
        .zip([6, 5, 4, 3, 2])
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    char::from_digit((11 - sum % 11) % 10, 10)
}

/// One row of the table, checked, with its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RowText<'t> {
    pub(crate) code: &'t str,
    pub(crate) prefecture: &'t str,
    pub(crate) district: Option<&'t str>,
    pub(crate) name: &'t str,
    pub(crate) kind: Kind,
    pub(crate) valid_from: Option<NaiveDate>,
    pub(crate) valid_to: Option<NaiveDate>,
}

impl RowText<'_> {
    pub(crate) fn prefecture_code(&self) -> &str {
        &self.code[..2]
    }

    pub(crate) fn full_name(&self) -> String {
        match self.district {
            Some(d) => format!("{d}{}", self.name),
            None => self.name.to_owned(),
        }
    }

    pub(crate) fn in_force(&self, on: Option<NaiveDate>) -> bool {
        match on {
            Some(day) => self.valid_from.is_none_or(|from| from <= day) && self.valid_to.is_none_or(|to| day <= to),
            None => self.valid_to.is_none(),
        }
    }
}

/// Bytes `start..end` of a table's text.
///
/// The tables hold no pointers, only spans of one text: as statics they are plain
/// data that the loader need not relocate, so the bundled table costs a process
/// nothing until it is read, and then only the pages a lookup touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: u32,
    pub(crate) end: u32,
}

impl Span {
    pub(crate) fn of(self, text: &str) -> &str {
        &text[self.start as usize..self.end as usize]
    }

    /// The bytes of the span, for comparisons in the hot loops (no check of
    /// character boundaries; byte order is the order of `str`).
    pub(crate) fn bytes(self, text: &str) -> &[u8] {
        &text.as_bytes()[self.start as usize..self.end as usize]
    }
}

/// A row: spans of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) code: Span,
    pub(crate) prefecture: Span,
    pub(crate) district: Option<Span>,
    pub(crate) name: Span,
    pub(crate) kind: Kind,
    pub(crate) valid_from: Option<NaiveDate>,
    pub(crate) valid_to: Option<NaiveDate>,
}

impl Row {
    pub(crate) fn with(self, text: &str) -> RowText<'_> {
        RowText {
            code: self.code.of(text),
            prefecture: self.prefecture.of(text),
            district: self.district.map(|d| d.of(text)),
            name: self.name.of(text),
            kind: self.kind,
            valid_from: self.valid_from,
            valid_to: self.valid_to,
        }
    }
}

/// One way of writing an entry's name, as stored under a folded key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Form {
    /// Index of the entry in code order.
    pub(crate) entry: usize,
    pub(crate) via: Match,
    /// Byte offset in the entry's name where this form starts (the ward part of a ward).
    pub(crate) offset: usize,
}

/// A folded key and what it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Target {
    /// The key, in the text.
    pub(crate) key: Span,
    /// Characters in the key, for edit distances.
    pub(crate) chars: usize,
    /// Its forms: `forms[start..end]` of the table.
    pub(crate) forms: Span,
    /// Index of the prefecture entry the key names, if it names one.
    pub(crate) prefecture: Option<usize>,
}

/// The rows in code order and the targets in key order (byte order of the folded keys,
/// so that lookups are binary searches and keys sharing a prefix are adjacent), all
/// spans of `text`.
#[derive(Debug)]
pub(crate) struct Table {
    pub(crate) text: String,
    pub(crate) rows: Vec<Row>,
    pub(crate) targets: Vec<Target>,
    pub(crate) forms: Vec<Form>,
}

fn row_error(line: usize, message: impl Into<String>) -> GazetteerError {
    GazetteerError::Row {
        line,
        message: message.into(),
    }
}

/// Reads and indexes CSV text with the columns
/// `code,prefecture,district,name,kind,valid_from,valid_to` (no quoting).
pub(crate) fn read(csv: &str) -> Result<Table, GazetteerError> {
    let mut lines = csv.lines();
    let header = lines.next().unwrap_or("").trim_start_matches('\u{FEFF}');
    if header != HEADER {
        return Err(GazetteerError::Header(header.to_owned()));
    }
    let mut rows = Vec::new();
    for (n, line) in lines.enumerate() {
        if !line.is_empty() {
            rows.push((n + 2, parse_row(n + 2, line)?));
        }
    }
    rows.sort_by(|a, b| a.1.code.cmp(b.1.code));
    let (lines, rows) = rows.into_iter().unzip();
    index(rows, lines)
}

fn parse_row(line: usize, text: &str) -> Result<RowText<'_>, GazetteerError> {
    let fields: Vec<&str> = text.split(',').collect();
    let [code, prefecture, district, name, kind, valid_from, valid_to] = fields[..] else {
        return Err(row_error(line, format!("expected 7 fields, found {}", fields.len())));
    };
    if code.len() != 6
        || !code.bytes().all(|b| b.is_ascii_digit())
        || check_digit(&code[..5]) != code[5..].chars().next()
    {
        return Err(row_error(
            line,
            format!("`{code}` is not a 6-digit code with a valid check digit"),
        ));
    }
    if prefecture.is_empty() || name.is_empty() {
        return Err(row_error(line, "prefecture and name must not be empty"));
    }
    let kind = Kind::parse(kind).ok_or_else(|| row_error(line, format!("unknown kind `{kind}`")))?;
    if kind == Kind::Prefecture && (name != prefecture || &code[2..5] != "000") {
        return Err(row_error(
            line,
            format!("prefecture row `{code}` must be `XX000c` and repeat its name"),
        ));
    }
    let date = |s: &str| -> Result<Option<NaiveDate>, GazetteerError> {
        if s.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| row_error(line, format!("`{s}` is not a YYYY-MM-DD date")))
    };
    let (valid_from, valid_to) = (date(valid_from)?, date(valid_to)?);
    if let (Some(from), Some(to)) = (valid_from, valid_to)
        && from > to
    {
        return Err(row_error(line, "valid_from is after valid_to"));
    }
    Ok(RowText {
        code,
        prefecture,
        district: (!district.is_empty()).then_some(district),
        name,
        kind,
        valid_from,
        valid_to,
    })
}

/// `青森県` → `青森`, `東京都` → `東京`; 北海道 has no shorter form.
fn prefecture_stem(name: &str) -> Option<&str> {
    name.strip_suffix(['県', '府', '都']).filter(|stem| !stem.is_empty())
}

/// Targets in the order their keys first occur, while the table is read.
#[derive(Default)]
struct KeyTable {
    ids: HashMap<String, usize>,
    targets: Vec<(String, Vec<Form>, Option<usize>)>,
}

impl KeyTable {
    fn target(&mut self, written: &str) -> Option<&mut (String, Vec<Form>, Option<usize>)> {
        let key = fold(written);
        if key.is_empty() {
            return None;
        }
        let id = *self.ids.entry(key.clone()).or_insert_with(|| {
            self.targets.push((key, Vec::new(), None));
            self.targets.len() - 1
        });
        Some(&mut self.targets[id])
    }

    fn add_form(&mut self, written: &str, entry: usize, via: Match, offset: usize) -> bool {
        match self.target(written) {
            Some(t) => {
                t.1.push(Form { entry, via, offset });
                true
            }
            None => false,
        }
    }
}

/// `rows` in code order; `lines[i]` is the CSV line of `rows[i]`, for errors.
fn index(rows: Vec<RowText<'_>>, lines: Vec<usize>) -> Result<Table, GazetteerError> {
    let line_of = |i: usize| lines[i];

    let mut prefectures = HashMap::new();
    for (i, e) in rows.iter().enumerate() {
        if i > 0 && rows[i - 1].code == e.code {
            return Err(row_error(line_of(i), format!("code `{}` appears twice", e.code)));
        }
        if e.kind == Kind::Prefecture {
            prefectures.insert(e.prefecture_code(), i);
        }
    }

    let mut table = KeyTable::default();
    for (i, e) in rows.iter().enumerate() {
        let Some(&pref) = prefectures.get(e.prefecture_code()) else {
            return Err(row_error(
                line_of(i),
                format!("no prefecture row for code `{}`", e.code),
            ));
        };
        if rows[pref].prefecture != e.prefecture {
            return Err(row_error(
                line_of(i),
                format!("prefecture `{}` does not match its code", e.prefecture),
            ));
        }
        let empty = || row_error(line_of(i), format!("name `{}` is empty once folded", e.name));
        if e.kind == Kind::Prefecture {
            for written in std::iter::once(e.name).chain(prefecture_stem(e.name)) {
                table.target(written).ok_or_else(empty)?.2 = Some(i);
            }
            continue;
        }
        if !table.add_form(&e.full_name(), i, Match::Exact, 0) {
            return Err(empty());
        }
        if e.district.is_some() {
            table.add_form(e.name, i, Match::WithoutDistrict, 0);
        }
        if e.kind == Kind::Ward {
            let city = rows.iter().find(|c| {
                c.kind == Kind::DesignatedCity
                    && c.prefecture_code() == e.prefecture_code()
                    && e.name.starts_with(c.name)
            });
            let offset = city.map(|c| c.name.len()).filter(|&at| at < e.name.len());
            let Some(offset) = offset else {
                return Err(row_error(
                    line_of(i),
                    format!("ward `{}` names no designated city", e.name),
                ));
            };
            table.add_form(&e.name[offset..], i, Match::WardWithoutCity, offset);
        }
    }
    if let Some((_, forms, _)) = table
        .targets
        .iter()
        .find(|(_, forms, prefecture)| prefecture.is_some() && !forms.is_empty())
    {
        let e = &rows[forms[0].entry];
        return Err(row_error(
            line_of(forms[0].entry),
            format!("`{}` is both a prefecture and a municipality", e.name),
        ));
    }

    let mut keys = table.targets;
    keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut text = String::new();
    let mut span = |s: &str| {
        let start = text.len();
        text.push_str(s);
        let at = |n: usize| u32::try_from(n).expect("a table's text is under 4 GiB");
        Span {
            start: at(start),
            end: at(text.len()),
        }
    };
    let rows: Vec<Row> = rows
        .iter()
        .map(|r| Row {
            code: span(r.code),
            prefecture: span(r.prefecture),
            district: r.district.map(&mut span),
            name: span(r.name),
            kind: r.kind,
            valid_from: r.valid_from,
            valid_to: r.valid_to,
        })
        .collect();
    let mut forms = Vec::new();
    let targets = keys
        .into_iter()
        .map(|(key, key_forms, prefecture)| {
            let start = forms.len() as u32;
            forms.extend(key_forms);
            Target {
                key: span(&key),
                chars: key.chars().count(),
                forms: Span {
                    start,
                    end: forms.len() as u32,
                },
                prefecture,
            }
        })
        .collect();
    Ok(Table {
        text,
        rows,
        targets,
        forms,
    })
}
