//! Fonts: how the bytes of a shown string split into character codes, what text
//! each code stands for, and how far each glyph advances.
//!
//! The text of a code is looked up in this order, and the first hit wins:
//! 1. the font's `/ToUnicode` map;
//! 2. for composite fonts, the predefined CMap named by `/Encoding` (see [`super::cmap`]),
//!    or the CID through the Adobe-Japan1 table when the collection is Adobe-Japan1;
//! 3. for simple fonts, `/Encoding` (a standard encoding plus `/Differences`).
//!
//! A code none of these maps is *unmapped*: it becomes U+FFFD in the text and is
//! counted, so that the caller can refuse to pass guessed text on.

use std::cell::OnceCell;

use lopdf::{Dictionary, Document, Object};

use super::adobe_japan1;
use super::cmap::{Predefined, Scheme};
use super::cmap_stream::{CMapStream, Code};

/// Where the text of a glyph came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Mapped(&'static str),
    Unmapped,
}

pub(crate) const METHOD_TO_UNICODE: &str = "tounicode";
pub(crate) const METHOD_ADOBE_JAPAN1: &str = "cid:Adobe-Japan1";
pub(crate) const METHOD_SIMPLE_ENCODING: &str = "encoding";

/// One decoded glyph. Its text was appended to the caller's buffer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Glyph {
    /// Advance along the writing direction, in thousandths of the font size
    /// (already scaled for Type 3 fonts).
    pub(crate) advance: f64,
    /// A single-byte code 32, which word spacing (`Tw`) applies to.
    pub(crate) word_space: bool,
    pub(crate) source: Source,
}

/// How a composite font's codes become CIDs and text.
#[derive(Debug)]
enum CompositeEncoding {
    Predefined(&'static Predefined),
    Embedded(CMapStream),
}

#[derive(Debug)]
struct Composite {
    encoding: CompositeEncoding,
    japan1: bool,
    collection: String,
    default_width: f64,
    widths: Vec<WidthRun>,
    vertical_advance: f64,
}

#[derive(Debug)]
struct WidthRun {
    first: u32,
    last: u32,
    widths: WidthValues,
}

#[derive(Debug)]
enum WidthValues {
    Uniform(f64),
    Listed(Vec<f64>),
}

type SimpleTable = Vec<Option<(Box<str>, &'static str)>>;

#[derive(Debug)]
struct Simple {
    first_char: u32,
    widths: Vec<f64>,
    missing_width: f64,
    /// The encoding table, built on first use: most fonts with a `/ToUnicode`
    /// map never need it.
    table: OnceCell<SimpleTable>,
    /// Why a code outside the table has no text.
    builtin_encoding: bool,
}

#[derive(Debug)]
enum Kind {
    Simple(Simple),
    Composite(Box<Composite>),
    /// The font cannot decode anything. `damaged` when that is because objects it
    /// refers to are missing or unreadable, rather than because it is unusual.
    Broken {
        why: String,
        damaged: bool,
    },
    /// `Tf` names a font the resources do not have: a damaged file.
    Missing,
}

/// A font ready to decode strings. Built once per font object and shared.
#[derive(Debug)]
pub(crate) struct Font<'a> {
    /// The name used in messages: `/BaseFont`, else the resource name.
    pub(crate) name: String,
    pub(crate) vertical: bool,
    to_unicode: Option<CMapStream>,
    kind: Kind,
    /// Glyph-space units per text-space unit, times 1000 (1.0 except for Type 3).
    scale: f64,
    dict: Option<&'a Dictionary>,
}

/// Limits for the streams a font reads (ToUnicode and embedded CMaps).
pub(crate) trait StreamReader {
    fn read_stream(&mut self, object: &Object) -> Option<Vec<u8>>;
}

fn number(object: &Object) -> Option<f64> {
    match object {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
    .filter(|v| v.is_finite())
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    let mut current = object;
    // A few hops at most; a reference cycle ends here too.
    for _ in 0..8 {
        match current {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(next) => current = next,
                Err(_) => return current,
            },
            _ => return current,
        }
    }
    current
}

fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().map(|o| deref(doc, o))
}

fn get_dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    match get(doc, dict, key)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn get_name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match get(doc, dict, key)? {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

fn get_string_lossy(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    match get(doc, dict, key)? {
        Object::String(s, _) => Some(String::from_utf8_lossy(s).into_owned()),
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}

fn is_narrow(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{ff}' | '\u{ff61}'..='\u{ff9f}')
}

impl<'a> Font<'a> {
    /// A placeholder for a `Tf` whose font is not in the resources: all its glyphs are unmapped.
    pub(crate) fn missing(resource_name: &[u8]) -> Font<'a> {
        Font {
            name: format!("/{}", String::from_utf8_lossy(resource_name)),
            vertical: false,
            to_unicode: None,
            kind: Kind::Missing,
            scale: 1.0,
            dict: None,
        }
    }

    pub(crate) fn load(
        doc: &'a Document,
        dict: &'a Dictionary,
        resource_name: &[u8],
        streams: &mut dyn StreamReader,
    ) -> Font<'a> {
        let name = get_name(doc, dict, b"BaseFont")
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_else(|| format!("/{}", String::from_utf8_lossy(resource_name)));
        let mut font = Font {
            name,
            vertical: false,
            to_unicode: None,
            kind: Kind::Broken {
                why: String::new(),
                damaged: true,
            },
            scale: 1.0,
            dict: Some(dict),
        };
        match get(doc, dict, b"ToUnicode") {
            Some(stream @ Object::Stream(_)) => match streams.read_stream(stream) {
                Some(data) => {
                    let map = CMapStream::parse(&data);
                    // A map that yields nothing was damaged; reading the codes some
                    // other way would only guess.
                    if !map.has_unicode() {
                        font.kind = Kind::Broken {
                            why: "its /ToUnicode map holds no mappings".to_owned(),
                            damaged: true,
                        };
                        return font;
                    }
                    font.to_unicode = Some(map);
                }
                None => {
                    font.kind = Kind::Broken {
                        why: "its /ToUnicode stream cannot be decoded".to_owned(),
                        damaged: true,
                    };
                    return font;
                }
            },
            // A reference that leads nowhere: the object was lost.
            Some(Object::Reference(_)) => {
                font.kind = Kind::Broken {
                    why: "its /ToUnicode object is missing".to_owned(),
                    damaged: true,
                };
                return font;
            }
            _ => {}
        }
        let subtype = get_name(doc, dict, b"Subtype").unwrap_or_default();
        font.kind = if subtype == b"Type0" {
            match Self::composite(doc, dict, streams) {
                Ok((composite, vertical)) => {
                    font.vertical = vertical;
                    Kind::Composite(Box::new(composite))
                }
                Err((why, damaged)) => Kind::Broken { why, damaged },
            }
        } else {
            if subtype == b"Type3" {
                let matrix = get(doc, dict, b"FontMatrix");
                if let Some(Object::Array(m)) = matrix
                    && let Some(a) = m.first().and_then(number)
                {
                    font.scale = (a * 1000.0).abs();
                }
            }
            Kind::Simple(Self::simple(doc, dict))
        };
        font
    }

    fn simple(doc: &Document, dict: &Dictionary) -> Simple {
        let first_char = get(doc, dict, b"FirstChar")
            .and_then(number)
            .unwrap_or(0.0)
            .clamp(0.0, 255.0) as u32;
        let widths = match get(doc, dict, b"Widths") {
            Some(Object::Array(ws)) => ws
                .iter()
                .take(256)
                .map(|w| number(deref(doc, w)).unwrap_or(0.0))
                .collect(),
            _ => Vec::new(),
        };
        let descriptor = get_dict(doc, dict, b"FontDescriptor");
        let missing_width = descriptor
            .and_then(|d| get(doc, d, b"MissingWidth"))
            .and_then(number)
            .filter(|w| *w > 0.0)
            .unwrap_or(if widths.is_empty() { 500.0 } else { 0.0 });
        // A symbolic font with its own program and no /Encoding keeps its codes in
        // the program's built-in encoding, which only a font parser can read.
        let symbolic = descriptor
            .and_then(|d| get(doc, d, b"Flags"))
            .and_then(number)
            .is_some_and(|f| (f as i64) & 4 != 0);
        let embedded = descriptor.is_some_and(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"));
        let builtin_encoding = symbolic && embedded && !dict.has(b"Encoding");
        Simple {
            first_char,
            widths,
            missing_width,
            table: OnceCell::new(),
            builtin_encoding,
        }
    }

    fn composite(
        doc: &Document,
        dict: &Dictionary,
        streams: &mut dyn StreamReader,
    ) -> Result<(Composite, bool), (String, bool)> {
        let descendant = match get(doc, dict, b"DescendantFonts") {
            Some(Object::Array(items)) => items.first().map(|o| deref(doc, o)),
            _ => None,
        };
        let Some(Object::Dictionary(cid_font)) = descendant else {
            return Err(("its /DescendantFonts entry is missing or unreadable".to_owned(), true));
        };
        let (encoding, vertical) = match get(doc, dict, b"Encoding") {
            Some(Object::Name(name)) => match Predefined::by_name(name) {
                Some(p) => (CompositeEncoding::Predefined(p), p.vertical),
                None => {
                    return Err((
                        format!(
                            "uses the predefined CMap /{}, which this extractor does not decode, and has no ToUnicode map",
                            String::from_utf8_lossy(name)
                        ),
                        false,
                    ));
                }
            },
            Some(stream @ Object::Stream(_)) => {
                let data = streams
                    .read_stream(stream)
                    .ok_or_else(|| ("its embedded CMap stream cannot be decoded".to_owned(), true))?;
                let cmap = CMapStream::parse(&data);
                match cmap.usecmap.as_deref().and_then(Predefined::by_name) {
                    // An embedded CMap built on a predefined one reads like that one.
                    Some(p) if !cmap.has_codespace() => (CompositeEncoding::Predefined(p), p.vertical || cmap.vertical),
                    _ => {
                        let vertical = cmap.vertical;
                        (CompositeEncoding::Embedded(cmap), vertical)
                    }
                }
            }
            _ => return Err(("its /Encoding is missing or unreadable".to_owned(), true)),
        };
        let info = get_dict(doc, cid_font, b"CIDSystemInfo");
        let registry = info
            .and_then(|i| get_string_lossy(doc, i, b"Registry"))
            .unwrap_or_default();
        let ordering = info
            .and_then(|i| get_string_lossy(doc, i, b"Ordering"))
            .unwrap_or_default();
        let supplement = info
            .and_then(|i| get(doc, i, b"Supplement"))
            .and_then(number)
            .unwrap_or(0.0);
        let japan1 = registry == "Adobe" && ordering == "Japan1";
        let collection = format!("{registry}-{ordering}-{supplement}");
        let default_width = get(doc, cid_font, b"DW").and_then(number).unwrap_or(1000.0);
        let widths = match get(doc, cid_font, b"W") {
            Some(Object::Array(items)) => Self::cid_widths(doc, items),
            _ => Vec::new(),
        };
        let vertical_advance = match get(doc, cid_font, b"DW2") {
            Some(Object::Array(dw2)) => dw2.get(1).and_then(number).unwrap_or(-1000.0),
            _ => -1000.0,
        };
        Ok((
            Composite {
                encoding,
                japan1,
                collection,
                default_width,
                widths,
                vertical_advance,
            },
            vertical,
        ))
    }

    fn cid_widths(doc: &Document, items: &[Object]) -> Vec<WidthRun> {
        let mut runs = Vec::new();
        let mut i = 0;
        let as_cid = |o: &Object| {
            number(deref(doc, o))
                .filter(|v| *v >= 0.0 && *v <= f64::from(u32::MAX))
                .map(|v| v as u32)
        };
        while let Some(first) = items.get(i).and_then(as_cid) {
            match items.get(i + 1).map(|o| deref(doc, o)) {
                Some(Object::Array(ws)) => {
                    let widths: Vec<f64> = ws
                        .iter()
                        .take(65536)
                        .map(|w| number(deref(doc, w)).unwrap_or(0.0))
                        .collect();
                    let last = first.saturating_add(widths.len().saturating_sub(1) as u32);
                    if !widths.is_empty() {
                        runs.push(WidthRun {
                            first,
                            last,
                            widths: WidthValues::Listed(widths),
                        });
                    }
                    i += 2;
                }
                Some(last) => {
                    let (Some(last), Some(w)) = (as_cid(last), items.get(i + 2).and_then(|o| number(deref(doc, o))))
                    else {
                        break;
                    };
                    if last >= first {
                        runs.push(WidthRun {
                            first,
                            last,
                            widths: WidthValues::Uniform(w),
                        });
                    }
                    i += 3;
                }
                None => break,
            }
            if runs.len() > 100_000 {
                break;
            }
        }
        runs.sort_by_key(|r| r.first);
        runs
    }

    /// Why this font's unmapped glyphs have no text, for messages.
    pub(crate) fn unmapped_reason(&self) -> String {
        let base = match &self.kind {
            Kind::Broken { why, .. } => return format!("font `{}` {why}", self.name),
            Kind::Missing => return format!("font resource `{}` is missing", self.name),
            Kind::Simple(s) if s.builtin_encoding => {
                "is a symbolic font with only its built-in encoding and no ToUnicode map".to_owned()
            }
            Kind::Simple(_) => "has codes its encoding and ToUnicode map leave unmapped".to_owned(),
            Kind::Composite(c) => {
                let encoding = match &c.encoding {
                    CompositeEncoding::Predefined(p) => p.name.to_owned(),
                    CompositeEncoding::Embedded(_) => "an embedded CMap".to_owned(),
                };
                if self.to_unicode.is_some() {
                    format!(
                        "({encoding}, character collection {}) has codes its ToUnicode map leaves unmapped",
                        c.collection
                    )
                } else {
                    format!(
                        "({encoding}, character collection {}) has no ToUnicode map and its character collection has no known Unicode mapping",
                        c.collection
                    )
                }
            }
        };
        format!("font `{}` {base}", self.name)
    }

    /// True when this font cannot decode because the file is damaged (objects
    /// missing or unreadable) rather than because the font is unusual.
    pub(crate) fn is_damaged(&self) -> bool {
        matches!(self.kind, Kind::Missing | Kind::Broken { damaged: true, .. })
    }

    /// True for a simple font whose codes only its embedded program can explain.
    pub(crate) fn needs_font_program(&self) -> bool {
        matches!(&self.kind, Kind::Simple(s) if s.builtin_encoding) && self.to_unicode.is_none()
    }

    /// Splits `bytes` into codes, appends their text to `text`, and reports each glyph.
    pub(crate) fn decode(&self, doc: &Document, bytes: &[u8], text: &mut String, mut glyph: impl FnMut(Glyph)) {
        let mut rest = bytes;
        while !rest.is_empty() {
            let len = self.code_len(rest).clamp(1, rest.len());
            let (code_bytes, tail) = rest.split_at(len);
            rest = tail;
            let before = text.len();
            let source = self.write_text(doc, code_bytes, text);
            if source == Source::Unmapped {
                text.truncate(before);
                text.push(char::REPLACEMENT_CHARACTER);
            }
            let advance = self.advance(code_bytes, text.get(before..).unwrap_or_default());
            glyph(Glyph {
                advance,
                word_space: code_bytes == [32],
                source,
            });
        }
    }

    fn code_len(&self, bytes: &[u8]) -> usize {
        match &self.kind {
            Kind::Simple(_) => 1,
            Kind::Composite(c) => match &c.encoding {
                CompositeEncoding::Predefined(p) => p.code_len(bytes),
                CompositeEncoding::Embedded(cmap) => cmap
                    .code_len(bytes)
                    .or_else(|| self.to_unicode.as_ref().and_then(|t| t.code_len(bytes)))
                    .or_else(|| cmap.min_code_len())
                    .unwrap_or(2),
            },
            Kind::Broken { .. } | Kind::Missing => {
                self.to_unicode.as_ref().and_then(|t| t.code_len(bytes)).unwrap_or(1)
            }
        }
    }

    fn write_text(&self, doc: &Document, code_bytes: &[u8], text: &mut String) -> Source {
        let Some(code) = Code::from_bytes(code_bytes) else {
            return Source::Unmapped;
        };
        if let Some(map) = &self.to_unicode
            && map.write_unicode(code, text)
        {
            return Source::Mapped(METHOD_TO_UNICODE);
        }
        match &self.kind {
            Kind::Broken { .. } | Kind::Missing => Source::Unmapped,
            Kind::Composite(c) => {
                if let CompositeEncoding::Predefined(p) = c.encoding
                    && p.scheme != Scheme::Identity
                    && p.write_unicode(code_bytes, text)
                {
                    return Source::Mapped(p.method);
                }
                match Self::cid(c, code) {
                    Some(cid) if c.japan1 && adobe_japan1::write_unicode(cid, text) => {
                        Source::Mapped(METHOD_ADOBE_JAPAN1)
                    }
                    _ => Source::Unmapped,
                }
            }
            Kind::Simple(s) => {
                let table = s.table.get_or_init(|| self.simple_table(doc, s));
                match table.get(code.value as usize) {
                    Some(Some((t, method))) => {
                        text.push_str(t);
                        Source::Mapped(method)
                    }
                    _ => Source::Unmapped,
                }
            }
        }
    }

    fn cid(c: &Composite, code: Code) -> Option<u32> {
        match &c.encoding {
            CompositeEncoding::Predefined(p) if p.scheme == Scheme::Identity => Some(code.value),
            CompositeEncoding::Predefined(_) => None,
            CompositeEncoding::Embedded(cmap) => cmap.cid(code),
        }
    }

    fn advance(&self, code_bytes: &[u8], text: &str) -> f64 {
        let width = match &self.kind {
            Kind::Simple(s) => {
                let code = code_bytes.first().map_or(0, |&b| u32::from(b));
                code.checked_sub(s.first_char)
                    .and_then(|i| s.widths.get(i as usize))
                    .copied()
                    .unwrap_or(s.missing_width)
            }
            Kind::Composite(c) => {
                if self.vertical {
                    return -c.vertical_advance * self.scale / 1000.0;
                }
                let cid = Code::from_bytes(code_bytes).and_then(|code| Self::cid(c, code));
                match cid {
                    Some(cid) => Self::cid_width(c, cid),
                    // Without CIDs, estimate from the text: half-width or full-width.
                    None if text.chars().all(is_narrow) && !text.is_empty() => 500.0,
                    None => c.default_width,
                }
            }
            Kind::Broken { .. } | Kind::Missing => 500.0,
        };
        width * self.scale / 1000.0
    }

    fn cid_width(c: &Composite, cid: u32) -> f64 {
        let idx = c.widths.partition_point(|r| r.first <= cid);
        c.widths
            .get(..idx)
            .unwrap_or_default()
            .iter()
            .rev()
            .take(4)
            .find(|r| r.last >= cid)
            .and_then(|r| match &r.widths {
                WidthValues::Uniform(w) => Some(*w),
                WidthValues::Listed(ws) => ws.get((cid - r.first) as usize).copied(),
            })
            .unwrap_or(c.default_width)
    }

    fn simple_table(&self, doc: &Document, s: &Simple) -> SimpleTable {
        let mut table: SimpleTable = vec![None; 256];
        let Some(dict) = self.dict else { return table };
        if s.builtin_encoding {
            return table;
        }
        let (base, differences) = match get(doc, dict, b"Encoding") {
            Some(Object::Name(name)) => (Some(name.as_slice()), None),
            Some(Object::Dictionary(enc)) => (
                get_name(doc, enc, b"BaseEncoding"),
                match get(doc, enc, b"Differences") {
                    Some(Object::Array(items)) => Some(items),
                    _ => None,
                },
            ),
            _ => (None, None),
        };
        let base = match base {
            Some(
                name @ (b"StandardEncoding" | b"WinAnsiEncoding" | b"MacRomanEncoding" | b"MacExpertEncoding"
                | b"PDFDocEncoding"),
            ) => name,
            _ => b"StandardEncoding".as_slice(),
        };
        let mut probe = Dictionary::new();
        probe.set("Type", Object::Name(b"Font".to_vec()));
        probe.set("Encoding", Object::Name(base.to_vec()));
        if let Ok(encoding) = probe.get_font_encoding(doc) {
            for (code, slot) in table.iter_mut().enumerate() {
                if let Ok(t) = encoding.bytes_to_string(&[code as u8])
                    && !t.is_empty()
                {
                    *slot = Some((t.into_boxed_str(), METHOD_SIMPLE_ENCODING));
                }
            }
        }
        if let Some(items) = differences {
            let mut code = 0usize;
            for item in items.iter().map(|o| deref(doc, o)) {
                match item {
                    Object::Integer(c) => code = usize::try_from(*c).unwrap_or(256),
                    Object::Name(glyph) => {
                        if let Some(slot) = table.get_mut(code) {
                            *slot = glyph_text(glyph).map(|t| (t.into_boxed_str(), METHOD_SIMPLE_ENCODING));
                        }
                        code = code.saturating_add(1);
                    }
                    _ => {}
                }
            }
        }
        table
    }
}

/// The text of a glyph name: `uniXXXX`, `uXXXX[XX]`, or a name lopdf's glyph list knows.
fn glyph_text(name: &[u8]) -> Option<String> {
    let name_str = std::str::from_utf8(name).ok()?;
    // `a.sc`, `one.oldstyle`: the part before the dot carries the meaning.
    let base = name_str.split('.').next().unwrap_or(name_str);
    if let Some(hex) = base.strip_prefix("uni")
        && hex.len() >= 4
        && hex.len() % 4 == 0
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        let units: Vec<u16> = (0..hex.len() / 4)
            .filter_map(|i| hex.get(i * 4..i * 4 + 4).and_then(|h| u16::from_str_radix(h, 16).ok()))
            .collect();
        return char::decode_utf16(units).collect::<Result<String, _>>().ok();
    }
    if let Some(hex) = base.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .map(String::from);
    }
    // Ask lopdf's glyph list through a one-entry /Differences encoding.
    let mut encoding = Dictionary::new();
    encoding.set(
        "Differences",
        Object::Array(vec![Object::Integer(65), Object::Name(base.as_bytes().to_vec())]),
    );
    let mut probe = Dictionary::new();
    probe.set("Type", Object::Name(b"Font".to_vec()));
    probe.set("Encoding", Object::Dictionary(encoding));
    let doc = Document::new();
    let encoding = probe.get_font_encoding(&doc).ok()?;
    // An unknown name makes lopdf fall back to StandardEncoding, which is not a Differences encoding.
    if !matches!(encoding, lopdf::Encoding::Differences(_)) {
        return None;
    }
    encoding.bytes_to_string(&[65]).ok().filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_text(b"uni9752").as_deref(), Some("青"));
        assert_eq!(glyph_text(b"u2000B").as_deref(), Some("\u{2000B}"));
        assert_eq!(glyph_text(b"Aacute").as_deref(), Some("Á"));
        assert_eq!(glyph_text(b"a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_text(b"g123"), None);
    }
}
