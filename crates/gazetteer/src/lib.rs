#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

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

/// One local government: a prefecture, a municipality, a special ward of Tokyo or a
/// ward of a designated city.
///
/// Entries are handed out by reference from a [`Gazetteer`]; their fields are the
/// columns of `data/municipalities.csv`.
///
/// ```
/// use onshi_gazetteer::{Gazetteer, Kind};
///
/// let e = Gazetteer::bundled().by_code("023612").unwrap();
/// assert_eq!(e.prefecture_code, "02");
/// assert_eq!(e.prefecture, "青森県");
/// assert_eq!(e.district.as_deref(), Some("南津軽郡"));
/// assert_eq!(e.name, "藤崎町");
/// assert_eq!(e.kind, Kind::Town);
/// assert_eq!((e.valid_from, e.valid_to), (None, None));
/// ```
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
    /// Prefecture, designated city, city, special ward, ward, town or village.
    pub kind: Kind,
    /// First day in force, when it began after the table's baseline (2018-10-01).
    pub valid_from: Option<NaiveDate>,
    /// Last day in force, for entries that no longer exist.
    pub valid_to: Option<NaiveDate>,
}

impl Entry {
    /// The name with its 郡, as addresses write it: `南津軽郡藤崎町`; the name alone
    /// for an entry in no 郡.
    ///
    /// ```
    /// let g = onshi_gazetteer::Gazetteer::bundled();
    /// assert_eq!(g.by_code("023612").unwrap().full_name(), "南津軽郡藤崎町");
    /// assert_eq!(g.by_code("022012").unwrap().full_name(), "青森市");
    /// ```
    pub fn full_name(&self) -> String {
        match &self.district {
            Some(d) => format!("{d}{}", self.name),
            None => self.name.clone(),
        }
    }

    /// In force on `on`; with no date, whether it is in force now (has no `valid_to`).
    ///
    /// ```
    /// use chrono::NaiveDate;
    ///
    /// let g = onshi_gazetteer::Gazetteer::bundled();
    /// let naka = g.by_code("221317").unwrap(); // 浜松市中区, abolished on 2024-01-01
    /// assert_eq!(naka.name, "浜松市中区");
    /// assert!(naka.in_force(NaiveDate::from_ymd_opt(2023, 12, 31)));
    /// assert!(!naka.in_force(NaiveDate::from_ymd_opt(2024, 1, 1)));
    /// assert!(!naka.in_force(None));
    /// ```
    pub fn in_force(&self, on: Option<NaiveDate>) -> bool {
        match on {
            Some(day) => self.valid_from.is_none_or(|from| from <= day) && self.valid_to.is_none_or(|to| day <= to),
            None => self.valid_to.is_none(),
        }
    }
}

/// How far the written spelling is from the official one.
///
/// ```
/// use onshi_gazetteer::{Gazetteer, Resolution, Spelling};
///
/// let spelling = |written| match Gazetteer::bundled().resolve(written, None, None) {
///     Resolution::Found { spelling, .. } => spelling,
///     other => panic!("{other:?}"),
/// };
/// assert_eq!(spelling("龍ケ崎市"), Spelling::Official);
/// assert_eq!(spelling("龍ケ崎　市"), Spelling::Width);
/// assert_eq!(spelling("竜ヶ崎市"), Spelling::Variant);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Spelling {
    /// Character for character the official form (leading and trailing spaces aside).
    Official,
    /// Differs only in character width or spacing (`青森 市`, half-width kana).
    Width,
    /// Matched after folding old forms, glyph variants, radicals, compatibility
    /// ideographs (`檮原町`, `室⼾市`) or the connective ケ/ヶ/が (`龍ヶ崎市`).
    Variant,
}

/// The outcome of resolving one written name, by [`Gazetteer::resolve`] or as a
/// [`Piece`] of [`Gazetteer::segment`]. Only [`Resolution::Found`] names one place.
///
/// ```
/// use onshi_gazetteer::{Gazetteer, Resolution};
///
/// let g = Gazetteer::bundled();
/// let codes = |r: Resolution| match r {
///     Resolution::Found { entry, .. } => format!("found {}", entry.code),
///     Resolution::Prefecture { entry } => format!("prefecture {}", entry.code),
///     Resolution::Ambiguous { candidates } => format!("ambiguous {}", candidates.len()),
///     Resolution::NotInForce { entry } => format!("not in force {}", entry.code),
///     Resolution::Unknown { suggestions } => format!("unknown {}", suggestions.len()),
/// };
/// assert_eq!(codes(g.resolve("青森市", None, None)), "found 022012");
/// assert_eq!(codes(g.resolve("大分", None, None)), "prefecture 440001");
/// assert_eq!(codes(g.resolve("府中市", None, None)), "ambiguous 2");
/// assert_eq!(codes(g.resolve("浜松市中区", None, None)), "not in force 221317");
/// assert_eq!(codes(g.resolve("全域", None, None)), "unknown 0");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution<'g> {
    /// Exactly one municipality (or ward) in force fits.
    Found {
        /// The one entry.
        entry: &'g Entry,
        /// Which of its written forms matched.
        via: Match,
        /// How far the text was from that form's official spelling.
        spelling: Spelling,
        /// The characters that matched only as another glyph, `(as written, as the
        /// official name has it)`: `[('戶', '戸')]` for `室戶市`. Empty unless `spelling`
        /// is [`Spelling::Variant`]; also empty when only ケ/ヶ/が differ.
        folded: Vec<(char, char)>,
    },
    /// The text names a prefecture (`大分県`, `大分`), e.g. one fused to the first name of a
    /// list. [`Gazetteer::segment`] uses it as the prefecture of the pieces that follow.
    Prefecture {
        /// The prefecture's own entry (code `XX000c`).
        entry: &'g Entry,
    },
    /// Several entries fit, e.g. `府中市` without a prefecture (東京 and 広島), or a ward
    /// name alone. When none of them is in force on the date, the candidates are the entries
    /// not in force.
    Ambiguous {
        /// The entries that fit, in code order.
        candidates: Vec<&'g Entry>,
    },
    /// The only entry that fits was not in force on the date (`浜松市中区` in June 2024).
    NotInForce {
        /// That entry, with the `valid_from` or `valid_to` that excludes the date.
        entry: &'g Entry,
    },
    /// Nothing fits. `suggestions` are near candidates for a diagnostic: the same name in
    /// another prefecture, a name found inside the text (a wrong 郡, `三宅島三宅村`), or one
    /// edit away (`五所川源市`, `能登市`). Never resolved silently.
    Unknown {
        /// At most 8 near candidates, nearest first; often none.
        suggestions: Vec<&'g Entry>,
    },
}

impl<'g> Resolution<'g> {
    /// The entry when the name resolved to exactly one municipality or ward.
    ///
    /// ```
    /// let g = onshi_gazetteer::Gazetteer::bundled();
    /// assert_eq!(g.resolve("釧路町", None, None).found().unwrap().code, "016616");
    /// assert_eq!(g.resolve("府中市", None, None).found(), None); // 東京 or 広島
    /// assert_eq!(g.resolve("青森県", None, None).found(), None); // a prefecture
    /// ```
    pub fn found(&self) -> Option<&'g Entry> {
        match self {
            Resolution::Found { entry, .. } => Some(entry),
            _ => None,
        }
    }
}

/// A piece of a segmented run of text: a name, a prefecture, or text that is
/// neither, with where it is in the text.
///
/// ```
/// use onshi_gazetteer::{Gazetteer, Resolution};
///
/// let text = "黒石市五所川原市";
/// let pieces = Gazetteer::bundled().segment(text, Some("02"), None);
/// assert_eq!(pieces[1].span, 9..24);
/// assert_eq!(pieces[1].text, &text[9..24]);
/// assert_eq!(pieces[1].text, "五所川原市");
/// assert_eq!(pieces[1].resolution.found().unwrap().code, "022055");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<'a, 'g> {
    /// Byte range in the text given to [`Gazetteer::segment`]; always on char boundaries.
    pub span: Range<usize>,
    /// `&text[span]`.
    pub text: &'a str,
    /// What the piece names; text that is no name is [`Resolution::Unknown`].
    pub resolution: Resolution<'g>,
}

/// The table and its lookup keys: borrowed from statics for the bundled table,
/// owned for one read by [`Gazetteer::from_csv`].
///
/// Lookups take `&self` and allocate only their results; a gazetteer can be shared
/// between threads.
///
/// ```
/// use onshi_gazetteer::Gazetteer;
///
/// let g = Gazetteer::bundled();
/// assert_eq!(g.len(), 1966);
/// assert_eq!(g.by_code("131016").unwrap().name, "千代田区");
/// assert_eq!(g.prefecture("東京").unwrap().code, "130001");
/// assert_eq!(g.resolve("千代田区", Some("13"), None).found().unwrap().code, "131016");
/// ```
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
    /// The table shipped with the crate (`data/municipalities.csv`). Its indexes are
    /// built when the crate is compiled, so this costs nothing at run time.
    ///
    /// ```
    /// let g = onshi_gazetteer::Gazetteer::bundled();
    /// assert_eq!(g.iter().next().unwrap().name, "北海道");
    /// ```
    pub fn bundled() -> &'static Gazetteer {
        &BUNDLED
    }

    /// Builds a gazetteer from CSV text with the columns
    /// `code,prefecture,district,name,kind,valid_from,valid_to` (no quoting), as
    /// described in the crate's `data/README.md`. Rows are checked (seven fields,
    /// codes with valid check digits and each once, known kinds, dates, a prefecture
    /// row for every prefecture code, wards under a designated city); the first
    /// fault is the error, with its line.
    ///
    /// ```
    /// use onshi_gazetteer::{Gazetteer, GazetteerError};
    ///
    /// let csv = "code,prefecture,district,name,kind,valid_from,valid_to
    /// 020001,青森県,,青森県,prefecture,,
    /// 022012,青森県,,青森市,city,,
    /// 023612,青森県,南津軽郡,藤崎町,town,,
    /// ";
    /// let g = Gazetteer::from_csv(csv).unwrap();
    /// assert_eq!(g.len(), 3);
    /// assert_eq!(g.resolve("藤崎町", Some("青森"), None).found().unwrap().code, "023612");
    ///
    /// let wrong = csv.replace("022012", "022013");
    /// assert!(matches!(Gazetteer::from_csv(&wrong), Err(GazetteerError::Row { line: 3, .. })));
    /// ```
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
    ///
    /// ```
    /// let g = onshi_gazetteer::Gazetteer::bundled();
    /// assert_eq!(g.len(), 1966);
    /// assert_eq!(g.iter().filter(|e| e.in_force(None)).count(), 1959);
    /// ```
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the table has no entries (never, for the bundled one).
    ///
    /// ```
    /// assert!(!onshi_gazetteer::Gazetteer::bundled().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// All entries in code order, abolished ones included.
    ///
    /// ```
    /// use onshi_gazetteer::{Gazetteer, Kind};
    ///
    /// let g = Gazetteer::bundled();
    /// let prefectures = g.iter().filter(|e| e.kind == Kind::Prefecture).count();
    /// assert_eq!(prefectures, 47);
    /// let islands: Vec<&str> = g
    ///     .iter()
    ///     .filter(|e| e.prefecture_code == "13" && e.kind == Kind::Town && e.district.is_none())
    ///     .map(|e| e.name.as_str())
    ///     .collect();
    /// assert_eq!(islands[..2], ["大島町", "八丈町"]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        (0..self.rows.len()).map(|i| self.entry(i))
    }

    /// The entry with this 6-digit code, or this 5-digit code without the check digit.
    /// Full-width digits are accepted.
    ///
    /// ```
    /// let g = onshi_gazetteer::Gazetteer::bundled();
    /// assert_eq!(g.by_code("134015").unwrap().name, "八丈町");
    /// assert_eq!(g.by_code("13401"), g.by_code("134015"));
    /// assert_eq!(g.by_code("１３４０１５"), g.by_code("134015"));
    /// assert_eq!(g.by_code("134016"), None); // wrong check digit
    /// ```
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
    /// `北海道`, in any width and with stray spaces. The prefecture's own entry, or
    /// `None` for anything else (a municipality included).
    ///
    /// ```
    /// let g = onshi_gazetteer::Gazetteer::bundled();
    /// assert_eq!(g.prefecture("大阪").unwrap().name, "大阪府");
    /// assert_eq!(g.prefecture(" 大分 県 ").unwrap().code, "440001");
    /// assert_eq!(g.prefecture("青森市"), None);
    /// ```
    pub fn prefecture(&self, written: &str) -> Option<&Entry> {
        let key = variants::fold(written);
        let target = &self.targets[self.target(&key)?];
        target.prefecture.map(|i| self.entry(i))
    }

    /// The prefectures a text names by their full names (`山形県`, `東京都`), in
    /// the order of the table. Short forms (`東京`) are not looked for, as they occur
    /// inside other words.
    ///
    /// ```
    /// let g = onshi_gazetteer::Gazetteer::bundled();
    /// let named = g.prefectures_named_in("石川県及び富山県の一部、新潟");
    /// let names: Vec<&str> = named.iter().map(|e| e.name.as_str()).collect();
    /// assert_eq!(names, ["富山県", "石川県"]);
    /// ```
    pub fn prefectures_named_in(&self, text: &str) -> Vec<&Entry> {
        (0..self.rows.len())
            .filter(|&i| self.rows[i].kind == Kind::Prefecture && text.contains(self.row(i).name))
            .map(|i| self.entry(i))
            .collect()
    }

    /// Whether `written` is some way of writing a municipality, ward or
    /// prefecture (in any prefecture, in force or not): a cheap lookup for
    /// telling a list of names from other text, without resolving it.
    ///
    /// ```
    /// let g = onshi_gazetteer::Gazetteer::bundled();
    /// assert!(g.knows("藤崎町"));
    /// assert!(g.knows("浜松市中区")); // no longer in force, but a name
    /// assert!(g.knows("東京"));
    /// assert!(!g.knows("能登市"));
    /// assert!(!g.knows("全域"));
    /// ```
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
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use onshi_gazetteer::{Gazetteer, Resolution};
    ///
    /// let g = Gazetteer::bundled();
    /// assert_eq!(g.resolve("藤崎町", Some("02"), None).found().unwrap().code, "023612");
    /// // Known in another prefecture only: a suggestion, not a match.
    /// let Resolution::Unknown { suggestions } = g.resolve("藤崎町", Some("01"), None) else {
    ///     panic!()
    /// };
    /// assert_eq!(suggestions[0].code, "023612");
    /// // A prefecture in front of the name wins over the argument.
    /// assert_eq!(g.resolve("広島府中市", Some("13"), None).found().unwrap().code, "342084");
    /// // 天竜区 of Hamamatsu was given a new code on 2024-01-01.
    /// let on = |y, m, d| g.resolve("浜松市天竜区", None, NaiveDate::from_ymd_opt(y, m, d));
    /// assert_eq!(on(2023, 12, 31).found().unwrap().code, "221376");
    /// assert_eq!(on(2024, 1, 1).found().unwrap().code, "221406");
    /// ```
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
    ///
    /// ```
    /// use onshi_gazetteer::{Gazetteer, Resolution};
    ///
    /// let text = "【青森県】青森市、南津軽郡藤崎町 ※追加";
    /// let pieces = Gazetteer::bundled().segment(text, None, None);
    /// let view: Vec<String> = pieces
    ///     .iter()
    ///     .map(|p| match &p.resolution {
    ///         Resolution::Prefecture { entry } => format!("{}: prefecture {}", p.text, entry.code),
    ///         Resolution::Found { entry, .. } => format!("{}: {}", p.text, entry.code),
    ///         _ => format!("{}: ?", p.text),
    ///     })
    ///     .collect();
    /// assert_eq!(view, ["青森県: prefecture 020001", "青森市: 022012", "南津軽郡藤崎町: 023612", "※追加: ?"]);
    /// assert!(pieces.iter().all(|p| &text[p.span.clone()] == p.text));
    /// ```
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
