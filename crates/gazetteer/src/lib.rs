//! The gazetteer of local governments and the resolution of place names as notices write them.
//!
//! The bundled table (`data/municipalities.csv`, see `data/README.md`) holds every local
//! government keyed by its 全国地方公共団体コード: the 47 prefectures, every 市町村, the 23
//! special wards of Tokyo, the 20 designated cities and their wards, including the wards
//! of Hamamatsu abolished on 2024-01-01 (with `valid_to`) and those created that day (with
//! `valid_from`).
//!
//! Names are compared through one folding function applied to both sides (width, spaces,
//! glyph variants such as 檮/梼 and 龍/竜, and the connective ケ/ヶ/が), so a lookup never
//! depends on which of two equivalent spellings the table happens to use.
//!
//! Resolution never guesses: a name that fits several entries is [`Resolution::Ambiguous`],
//! a name that fits none is [`Resolution::Unknown`] with near candidates, and a town is never
//! taken for the city of the same stem (釧路町 is not 釧路市).
//!
//! ```
//! use onshi_gazetteer::{Gazetteer, Resolution};
//!
//! let g = Gazetteer::bundled();
//! match g.resolve("藤崎町", Some("02"), None) {
//!     Resolution::Found { entry, .. } => assert_eq!(entry.code, "023612"),
//!     other => panic!("{other:?}"),
//! }
//! let pieces = g.segment("大分県中津市", None, None);
//! assert_eq!(pieces.len(), 2);
//! ```

mod resolve;
mod segment;
mod table;
mod variants;

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use table::{Form, Row, RowText, Target};
pub use table::{GazetteerError, Kind, Match, check_digit};

/// The bundled table as statics, written by `build.rs` from `data/municipalities.csv`.
mod bundled {
    use super::table::{Form, Row, Span, Target};
    use super::{Entry, Kind, Match};
    use chrono::NaiveDate;
    use std::sync::OnceLock;

    const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        match NaiveDate::from_ymd_opt(year, month, day) {
            Some(date) => date,
            None => panic!("a date in data/municipalities.csv does not exist"),
        }
    }

    const fn s(start: u32, end: u32) -> Span {
        Span { start, end }
    }

    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

    /// The public form of each row, made when it is first handed out.
    pub(super) static ENTRIES: [OnceLock<Entry>; ROWS.len()] = [const { OnceLock::new() }; ROWS.len()];
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit_variant("Kind", *self as u32, self.as_str())
    }
}

impl Serialize for Match {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit_variant("Match", *self as u32, self.as_str())
    }
}

/// One local government.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Six digits including the check digit, e.g. `022012`.
    pub code: String,
    /// The first two digits of `code`, e.g. `02`.
    pub prefecture_code: String,
    /// e.g. `青森県`.
    pub prefecture: String,
    /// The 郡 of a town or village that lies in one, e.g. `南津軽郡`.
    pub district: Option<String>,
    /// The official name without the 郡 (`藤崎町`); a ward in full (`福岡市東区`);
    /// a prefecture's own entry repeats its name (`青森県`).
    pub name: String,
    pub kind: Kind,
    /// First day in force, when it began after the table's baseline (2018-10-01).
    pub valid_from: Option<NaiveDate>,
    /// Last day in force, for entries that no longer exist.
    pub valid_to: Option<NaiveDate>,
}

impl Entry {
    /// The name with its 郡, as addresses write it: `南津軽郡藤崎町`.
    pub fn full_name(&self) -> String {
        match &self.district {
            Some(d) => format!("{d}{}", self.name),
            None => self.name.clone(),
        }
    }

    /// In force on `on`; with no date, whether it is in force now (has no `valid_to`).
    pub fn in_force(&self, on: Option<NaiveDate>) -> bool {
        match on {
            Some(day) => self.valid_from.is_none_or(|from| from <= day) && self.valid_to.is_none_or(|to| day <= to),
            None => self.valid_to.is_none(),
        }
    }
}

/// How far the written spelling is from the official one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Spelling {
    /// Character for character the official form (leading and trailing spaces aside).
    Official,
    /// Differs only in character width or spacing (`青森 市`, half-width kana).
    Width,
    /// Matched after folding glyph variants or ケ/ヶ/が (`檮原町`, `龍ヶ崎市`).
    Variant,
}

/// The outcome of resolving one written name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution<'g> {
    /// Exactly one municipality (or ward) in force fits.
    Found {
        entry: &'g Entry,
        via: Match,
        spelling: Spelling,
    },
    /// The text names a prefecture (`大分県`, `大分`), e.g. one fused to the first name of a
    /// list. [`Gazetteer::segment`] uses it as the prefecture of the pieces that follow.
    Prefecture { entry: &'g Entry },
    /// Several entries fit, e.g. `府中市` without a prefecture (東京 and 広島), or a ward
    /// name alone. When none of them is in force on the date, the candidates are the entries
    /// not in force.
    Ambiguous { candidates: Vec<&'g Entry> },
    /// The only entry that fits was not in force on the date (`浜松市中区` in June 2024).
    NotInForce { entry: &'g Entry },
    /// Nothing fits. `suggestions` are near candidates for a diagnostic: the same name in
    /// another prefecture, a name found inside the text (a wrong 郡, `三宅島三宅村`), or one
    /// edit away (`五所川源市`, `能登市`). Never resolved silently.
    Unknown { suggestions: Vec<&'g Entry> },
}

impl<'g> Resolution<'g> {
    /// The entry when the name resolved to exactly one municipality or ward.
    pub fn found(&self) -> Option<&'g Entry> {
        match self {
            Resolution::Found { entry, .. } => Some(entry),
            _ => None,
        }
    }
}

/// A piece of a segmented run of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<'a, 'g> {
    /// Byte range in the text given to [`Gazetteer::segment`]; always on char boundaries.
    pub span: Range<usize>,
    /// `&text[span]`.
    pub text: &'a str,
    pub resolution: Resolution<'g>,
}

/// The table and its lookup keys: borrowed from statics for the bundled table,
/// owned for one read by [`Gazetteer::from_csv`].
#[derive(Debug)]
pub struct Gazetteer {
    /// The text that the rows and keys are spans of.
    text: Cow<'static, str>,
    /// In code order, so codes and prefectures are found by binary search.
    rows: Cow<'static, [Row]>,
    /// `entries[i]` is `rows[i]` as an [`Entry`], made on first use: a notice
    /// needs a few dozen of the table's entries.
    entries: Cow<'static, [OnceLock<Entry>]>,
    /// In byte order of their folded keys: a key is found by binary search, and
    /// the keys that begin with some text are adjacent.
    targets: Cow<'static, [Target]>,
    /// The forms of the targets, each target's together.
    forms: Cow<'static, [Form]>,
}

static BUNDLED: Gazetteer = Gazetteer {
    text: Cow::Borrowed(bundled::TEXT),
    rows: Cow::Borrowed(&bundled::ROWS),
    entries: Cow::Borrowed(&bundled::ENTRIES),
    targets: Cow::Borrowed(&bundled::TARGETS),
    forms: Cow::Borrowed(&bundled::FORMS),
};

impl Gazetteer {
    /// The table shipped with the crate. Its indexes are built when the crate is
    /// compiled, so this costs nothing at run time.
    pub fn bundled() -> &'static Gazetteer {
        &BUNDLED
    }

    /// Builds a gazetteer from CSV text with the columns
    /// `code,prefecture,district,name,kind,valid_from,valid_to` (no quoting).
    pub fn from_csv(csv: &str) -> Result<Gazetteer, GazetteerError> {
        let table = table::read(csv)?;
        Ok(Gazetteer {
            text: Cow::Owned(table.text),
            entries: Cow::Owned(vec![OnceLock::new(); table.rows.len()]),
            rows: Cow::Owned(table.rows),
            targets: Cow::Owned(table.targets),
            forms: Cow::Owned(table.forms),
        })
    }

    /// The 2-digit prefecture code of row `i`.
    fn prefecture_code(&self, i: usize) -> &[u8] {
        &self.rows[i].code.bytes(&self.text)[..2]
    }

    /// Row `i` with its text.
    fn row(&self, i: usize) -> RowText<'_> {
        self.rows[i].with(&self.text)
    }

    /// The folded key of target `id`.
    fn key(&self, id: usize) -> &str {
        self.targets[id].key.of(&self.text)
    }

    /// The forms of target `id`.
    fn forms(&self, id: usize) -> &[Form] {
        let span = self.targets[id].forms;
        &self.forms[span.start as usize..span.end as usize]
    }

    /// The entry of row `i`.
    fn entry(&self, i: usize) -> &Entry {
        self.entries[i].get_or_init(|| {
            let row = self.row(i);
            Entry {
                code: row.code.to_owned(),
                prefecture_code: row.prefecture_code().to_owned(),
                prefecture: row.prefecture.to_owned(),
                district: row.district.map(str::to_owned),
                name: row.name.to_owned(),
                kind: row.kind,
                valid_from: row.valid_from,
                valid_to: row.valid_to,
            }
        })
    }

    /// The target of a folded key.
    fn target(&self, key: &str) -> Option<usize> {
        self.targets
            .binary_search_by(|t| t.key.bytes(&self.text).cmp(key.as_bytes()))
            .ok()
    }

    /// The entry of the prefecture with this 2-digit code: the first entry of its
    /// codes, as `XX000c` sorts before the other codes of the prefecture.
    fn prefecture_entry(&self, code: &str) -> Option<usize> {
        let first = self.rows.partition_point(|r| r.code.of(&self.text) < code);
        (first < self.rows.len())
            .then(|| self.row(first))
            .filter(|r| r.kind == Kind::Prefecture && r.prefecture_code() == code)
            .map(|_| first)
    }

    /// The leftmost-longest key in `text` at or after byte `from`: of the keys that
    /// occur, one that starts first, and of those the longest. Returns its byte range
    /// and target. (Keys are valid UTF-8, so matches lie on character boundaries.)
    fn find_key(&self, text: &str, from: usize) -> Option<(Range<usize>, usize)> {
        let rest = text.get(from..)?;
        for (start, _) in rest.char_indices() {
            let tail = &rest[start..];
            // Narrow the targets to those whose keys begin with ever longer
            // prefixes of `tail`; they are adjacent in key order.
            let (mut low, mut high) = (0, self.targets.len());
            let mut longest = None;
            for (at, c) in tail.char_indices() {
                let prefix = &tail[..at + c.len_utf8()];
                let targets = &self.targets[low..high];
                let prefix = prefix.as_bytes();
                let first = targets.partition_point(|t| t.key.bytes(&self.text) < prefix);
                let count = targets[first..].partition_point(|t| t.key.bytes(&self.text).starts_with(prefix));
                if count == 0 {
                    break;
                }
                (low, high) = (low + first, low + first + count);
                if self.targets[low].key.bytes(&self.text) == prefix {
                    longest = Some((prefix.len(), low));
                }
            }
            if let Some((len, id)) = longest {
                let start = from + start;
                return Some((start..start + len, id));
            }
        }
        None
    }

    /// Number of entries, abolished ones included.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// All entries in code order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        (0..self.rows.len()).map(|i| self.entry(i))
    }

    /// The entry with this 6-digit code, or this 5-digit code without the check digit.
    /// Full-width digits are accepted.
    pub fn by_code(&self, code: &str) -> Option<&Entry> {
        let folded = variants::fold(code);
        let six = match folded.len() {
            6 => folded,
            5 => format!("{folded}{}", check_digit(&folded)?),
            _ => return None,
        };
        let i = self.rows.binary_search_by(|r| r.code.of(&self.text).cmp(&six)).ok()?;
        Some(self.entry(i))
    }

    /// A prefecture as written: `青森県`, `青森`, `東京`, `東京都`, `大阪`, `京都府`,
    /// `北海道`, in any width and with stray spaces.
    pub fn prefecture(&self, written: &str) -> Option<&Entry> {
        let key = variants::fold(written);
        let target = &self.targets[self.target(&key)?];
        target.prefecture.map(|i| self.entry(i))
    }

    /// The prefectures a text names by their full names (`山形県`, `東京都`), in
    /// the order of the table.
    pub fn prefectures_named_in(&self, text: &str) -> Vec<&Entry> {
        (0..self.rows.len())
            .filter(|&i| self.rows[i].kind == Kind::Prefecture && text.contains(self.row(i).name))
            .map(|i| self.entry(i))
            .collect()
    }

    /// Whether `written` is some way of writing a municipality, ward or
    /// prefecture (in any prefecture, in force or not): a cheap lookup for
    /// telling a list of names from other text, without resolving it.
    pub fn knows(&self, written: &str) -> bool {
        self.target(&variants::fold(written)).is_some()
    }

    /// Resolves one written municipality name.
    ///
    /// `prefecture` is the prefecture the notice puts the name under, as a code (`"02"`)
    /// or a name (`"青森県"`); only entries of that prefecture can be found, and a match
    /// elsewhere is reported as a suggestion of [`Resolution::Unknown`]. A prefecture
    /// written in front of the name (`大分県中津市`) takes precedence over this argument.
    ///
    /// `on` is the date of the notice: entries not in force that day are not matched but
    /// reported ([`Resolution::NotInForce`]). Without a date, entries in force now are used.
    ///
    /// Counts and rules such as `全域` or `全43市町村` are not names and come back
    /// [`Resolution::Unknown`].
    pub fn resolve(&self, written: &str, prefecture: Option<&str>, on: Option<NaiveDate>) -> Resolution<'_> {
        resolve::resolve(self, written, prefecture, on)
    }

    /// Splits a run of text holding several names, with or without separators, into
    /// pieces: `黒石市五所川原市` → 黒石市, 五所川原市; `大分県中津市` → the prefecture
    /// 大分県 ([`Resolution::Prefecture`]), then 中津市 resolved within it.
    ///
    /// Names are found leftmost-longest over every written form (with and without 郡,
    /// wards with and without their city, prefectures with and without 都府県), so
    /// `南津軽郡藤崎町` stays one piece and `中能登町` is never read as 能登町. A prefecture
    /// piece becomes the prefecture of the pieces after it. Separators (spaces, `、`, `,`,
    /// `・`, brackets, …) are skipped; any other text that matches no name is returned as
    /// an [`Resolution::Unknown`] piece with its span, never dropped.
    pub fn segment<'a>(&self, text: &'a str, prefecture: Option<&str>, on: Option<NaiveDate>) -> Vec<Piece<'a, '_>> {
        segment::segment(self, text, prefecture, on)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read() -> Gazetteer {
        Gazetteer::from_csv(include_str!("../data/municipalities.csv")).expect("the bundled table reads")
    }

    #[test]
    fn the_bundled_statics_are_what_from_csv_reads() {
        let (built, read) = (Gazetteer::bundled(), read());
        assert_eq!(built.text, read.text);
        assert_eq!(built.rows, read.rows);
        assert_eq!(built.targets, read.targets);
        assert_eq!(built.forms, read.forms);
        assert!((1..built.targets.len()).all(|id| built.key(id - 1) < built.key(id)));
        assert_eq!(built.row(0).code, "010006");
    }

    /// Leftmost-longest by brute force: every key at every position.
    fn naive_find(g: &Gazetteer, text: &str, from: usize) -> Option<(Range<usize>, usize)> {
        for (start, _) in text[from..].char_indices() {
            let start = from + start;
            let best = (0..g.targets.len())
                .filter(|&id| text[start..].starts_with(g.key(id)))
                .max_by_key(|&id| g.key(id).len());
            if let Some(id) = best {
                return Some((start..start + g.key(id).len(), id));
            }
        }
        None
    }

    #[test]
    fn find_key_is_leftmost_longest() {
        let g = Gazetteer::bundled();
        for text in [
            "南津軽郡藤崎町",
            "中能登町",
            "黒石市五所川原市",
            "大分県中津市",
            "xx東京都府中市yy",
            "三宅島三宅村",
            "福岡市東区",
            "東区",
            "",
            "abc",
        ] {
            let mut from = 0;
            loop {
                let found = g.find_key(text, from);
                assert_eq!(found, naive_find(g, text, from), "{text} from {from}");
                match found {
                    Some((r, _)) => from = r.end,
                    None => break,
                }
            }
        }
        assert_eq!(
            g.find_key("中能登町", 0).map(|(r, id)| (r, g.key(id))),
            Some((0..12, "中能登町"))
        );
    }
}
