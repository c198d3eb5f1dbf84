//! Loading the table and building its indexes.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::variants::fold;
use super::{Entry, Form, Gazetteer, Kind, Match, Target, check_digit};

const HEADER: &str = "code,prefecture,district,name,kind,valid_from,valid_to";

/// Why a table could not be loaded.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum GazetteerError {
    #[error("line 1: expected the header `{HEADER}`, found `{0}`")]
    Header(String),
    #[error("line {line}: {message}")]
    Row { line: usize, message: String },
}

fn row_error(line: usize, message: impl Into<String>) -> GazetteerError {
    GazetteerError::Row {
        line,
        message: message.into(),
    }
}

pub(super) fn build(csv: &str) -> Result<Gazetteer, GazetteerError> {
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
    rows.sort_by(|a, b| a.1.code.cmp(&b.1.code));
    let (lines, entries) = rows.into_iter().unzip();
    index(entries, lines)
}

fn parse_row(line: usize, text: &str) -> Result<Entry, GazetteerError> {
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
    let kind = parse_kind(kind).ok_or_else(|| row_error(line, format!("unknown kind `{kind}`")))?;
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
    Ok(Entry {
        code: code.to_owned(),
        prefecture_code: code[..2].to_owned(),
        prefecture: prefecture.to_owned(),
        district: (!district.is_empty()).then(|| district.to_owned()),
        name: name.to_owned(),
        kind,
        valid_from,
        valid_to,
    })
}

fn parse_kind(s: &str) -> Option<Kind> {
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

/// `青森県` → `青森`, `東京都` → `東京`; 北海道 has no shorter form.
fn prefecture_stem(name: &str) -> Option<&str> {
    name.strip_suffix(['県', '府', '都']).filter(|stem| !stem.is_empty())
}

#[derive(Default)]
struct KeyTable {
    keys: HashMap<String, usize>,
    targets: Vec<Target>,
    patterns: Vec<String>,
}

impl KeyTable {
    fn target(&mut self, written: &str) -> Option<&mut Target> {
        let key = fold(written);
        if key.is_empty() {
            return None;
        }
        let id = *self.keys.entry(key.clone()).or_insert_with(|| {
            self.patterns.push(key);
            self.targets.push(Target::default());
            self.targets.len() - 1
        });
        Some(&mut self.targets[id])
    }

    fn add_form(&mut self, written: &str, entry: usize, via: Match, offset: usize) -> bool {
        match self.target(written) {
            Some(t) => {
                t.forms.push(Form { entry, via, offset });
                true
            }
            None => false,
        }
    }
}

/// `entries` in code order; `lines[i]` is the CSV line of `entries[i]`, for errors.
fn index(entries: Vec<Entry>, lines: Vec<usize>) -> Result<Gazetteer, GazetteerError> {
    let line_of = |i: usize| lines[i];

    let mut by_code = HashMap::with_capacity(entries.len());
    let mut prefectures = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if by_code.insert(e.code.clone(), i).is_some() {
            return Err(row_error(line_of(i), format!("code `{}` appears twice", e.code)));
        }
        if e.kind == Kind::Prefecture {
            prefectures.insert(e.prefecture_code.clone(), i);
        }
    }

    let mut table = KeyTable::default();
    for (i, e) in entries.iter().enumerate() {
        let Some(&pref) = prefectures.get(&e.prefecture_code) else {
            return Err(row_error(
                line_of(i),
                format!("no prefecture row for code `{}`", e.code),
            ));
        };
        if entries[pref].prefecture != e.prefecture {
            return Err(row_error(
                line_of(i),
                format!("prefecture `{}` does not match its code", e.prefecture),
            ));
        }
        let empty = || row_error(line_of(i), format!("name `{}` is empty once folded", e.name));
        if e.kind == Kind::Prefecture {
            for written in std::iter::once(e.name.as_str()).chain(prefecture_stem(&e.name)) {
                table.target(written).ok_or_else(empty)?.prefecture = Some(i);
            }
            continue;
        }
        if !table.add_form(&e.full_name(), i, Match::Exact, 0) {
            return Err(empty());
        }
        if e.district.is_some() {
            table.add_form(&e.name, i, Match::WithoutDistrict, 0);
        }
        if e.kind == Kind::Ward {
            let city = entries.iter().find(|c| {
                c.kind == Kind::DesignatedCity && c.prefecture_code == e.prefecture_code && e.name.starts_with(&c.name)
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
    if let Some(t) = table
        .targets
        .iter()
        .find(|t| t.prefecture.is_some() && !t.forms.is_empty())
    {
        let e = &entries[t.forms[0].entry];
        let line = line_of(t.forms[0].entry);
        return Err(row_error(
            line,
            format!("`{}` is both a prefecture and a municipality", e.name),
        ));
    }

    Ok(Gazetteer {
        entries,
        by_code,
        prefectures,
        keys: table.keys,
        targets: table.targets,
        pattern_chars: table.patterns.iter().map(|p| p.chars().collect()).collect(),
        patterns: table.patterns,
        automaton: OnceLock::new(),
    })
}
