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

mod gazetteer;
mod resolve;
mod segment;
mod variants;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use chrono::NaiveDate;
use serde::Serialize;

pub use gazetteer::GazetteerError;

/// What kind of local government an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
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

/// Which written form of an entry's name matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
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

/// One way of writing an entry's name, as stored under a folded key.
#[derive(Debug, Clone, Copy)]
struct Form {
    entry: usize,
    via: Match,
    /// Byte offset in the entry's name where this form starts (the ward part of a ward).
    offset: usize,
}

/// What a folded key stands for.
#[derive(Debug, Default)]
struct Target {
    forms: Vec<Form>,
    prefecture: Option<usize>,
}

/// The table and its indexes, built once.
#[derive(Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_code: HashMap<String, usize>,
    /// Prefecture code → index of its entry.
    prefectures: HashMap<String, usize>,
    /// Folded key → index into `targets`; the same index is the automaton's pattern id.
    keys: HashMap<String, usize>,
    targets: Vec<Target>,
    /// Characters of each target's key, by pattern id, for edit distances.
    pattern_chars: Vec<Box<[char]>>,
    /// The keys by pattern id.
    patterns: Vec<String>,
    /// Leftmost-longest over every key, built on first use: resolving a whole
    /// name (the usual case) only needs `keys`, and building takes a few ms.
    automaton: OnceLock<Option<AhoCorasick>>,
}

static BUNDLED: OnceLock<Gazetteer> = OnceLock::new();

impl Gazetteer {
    /// The table shipped with the crate, parsed and indexed on first use.
    pub fn bundled() -> &'static Gazetteer {
        BUNDLED.get_or_init(|| {
            Gazetteer::from_csv(include_str!("../data/municipalities.csv"))
                .expect("the bundled data/municipalities.csv is well formed (checked by the tests)")
        })
    }

    /// The automaton over all keys; `None` only if it could not be built,
    /// in which case segmentation finds no names.
    fn automaton(&self) -> Option<&AhoCorasick> {
        self.automaton
            .get_or_init(|| {
                AhoCorasick::builder()
                    .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                    // Builds in about half the time of the contiguous one; searches take microseconds either way.
                    .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
                    .build(&self.patterns)
                    .ok()
            })
            .as_ref()
    }

    /// Builds a gazetteer from CSV text with the columns
    /// `code,prefecture,district,name,kind,valid_from,valid_to` (no quoting).
    pub fn from_csv(csv: &str) -> Result<Gazetteer, GazetteerError> {
        gazetteer::build(csv)
    }

    /// Number of entries, abolished ones included.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// All entries in code order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter()
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
        self.by_code.get(&six).map(|&i| &self.entries[i])
    }

    /// A prefecture as written: `青森県`, `青森`, `東京`, `東京都`, `大阪`, `京都府`,
    /// `北海道`, in any width and with stray spaces.
    pub fn prefecture(&self, written: &str) -> Option<&Entry> {
        let key = variants::fold(written);
        let target = &self.targets[*self.keys.get(&key)?];
        target.prefecture.map(|i| &self.entries[i])
    }

    /// The prefectures a text names by their full names (`山形県`, `東京都`), in
    /// the order of the table.
    pub fn prefectures_named_in(&self, text: &str) -> Vec<&Entry> {
        self.entries
            .iter()
            .filter(|e| e.kind == Kind::Prefecture && text.contains(e.name.as_str()))
            .collect()
    }

    /// Whether `written` is some way of writing a municipality, ward or
    /// prefecture (in any prefecture, in force or not): a cheap lookup for
    /// telling a list of names from other text, without resolving it.
    pub fn knows(&self, written: &str) -> bool {
        self.keys.contains_key(&variants::fold(written))
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

/// The check digit of a 5-digit code: `(11 - Σ dᵢ·wᵢ mod 11) mod 10` with weights 6,5,4,3,2.
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
