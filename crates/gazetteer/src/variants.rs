//! Folding of spellings: one function turns both the table's names and the text of a
//! notice into comparison keys, so every variant accepted for the input is accepted the
//! same way for the table and lookups stay symmetric.
//!
//! Folding does, in order:
//! 1. NFKC per character where it gives one character (full-width letters and digits,
//!    half-width kana, compatibility ideographs, Kangxi radicals), re-composing a voicing
//!    mark with the kana before it (half-width `ｶﾞ` → `ガ`);
//! 2. removal of whitespace and invisible format characters;
//! 3. radicals, compatibility ideographs, old and variant glyphs to one key ([`glyph`],
//!    from `data/variants.tsv`);
//! 4. the connective ケ: `ケ ヶ ヵ カ が ガ` standing between two kanji all become `ケ`
//!    (`龍ヶ崎` = `龍ケ崎` = `龍が崎`), while kana inside kana words (`つがる`) stay as written.

use std::ops::Range;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// One character of folded text and the bytes of the original text it came from.
#[derive(Debug, Clone)]
pub(crate) struct FoldedChar {
    pub(crate) ch: char,
    pub(crate) source: Range<usize>,
    /// Whitespace was removed right before this character.
    pub(crate) after_space: bool,
}

/// Folded text with a way back to the original.
#[derive(Debug, Clone, Default)]
pub(crate) struct Folded {
    pub(crate) text: String,
    pub(crate) chars: Vec<FoldedChar>,
    /// Byte offset in `text` of each entry of `chars`.
    pub(crate) offsets: Vec<usize>,
}

impl Folded {
    /// Index into `chars` of the character starting at byte `at` of `text`.
    fn char_index(&self, at: usize) -> Option<usize> {
        self.offsets.binary_search(&at).ok()
    }

    /// The original byte range covered by the folded bytes `range` (which must lie on
    /// character boundaries of `text`; other ranges give `None`).
    pub(crate) fn source_span(&self, range: Range<usize>) -> Option<Range<usize>> {
        if range.start >= range.end {
            return None;
        }
        let first = self.char_index(range.start)?;
        let last = match self.char_index(range.end) {
            Some(next) => next.checked_sub(1)?,
            None if range.end == self.text.len() => self.chars.len().checked_sub(1)?,
            None => return None,
        };
        Some(self.chars[first].source.start..self.chars[last].source.end)
    }

    /// Whether whitespace was removed right before the folded byte `at`.
    pub(crate) fn space_before(&self, at: usize) -> bool {
        self.char_index(at).is_some_and(|i| self.chars[i].after_space)
    }
}

/// The comparison key of `s`.
pub(crate) fn fold(s: &str) -> String {
    fold_with_source(s).text
}

/// Folds `s` and keeps, for every folded character, where it came from.
pub(crate) fn fold_with_source(s: &str) -> Folded {
    let mut chars: Vec<FoldedChar> = Vec::with_capacity(s.len() / 3 + 1);
    let mut pending_space = false;
    for (at, c) in s.char_indices() {
        let source = at..at + c.len_utf8();
        if is_dropped(c) {
            pending_space = true;
            continue;
        }
        let n = compatibility(c);
        if is_dropped(n) {
            pending_space = true;
            continue;
        }
        if is_voicing_mark(n)
            && let Some(prev) = chars.last_mut()
            && let Some(voiced) = unicode_normalization::char::compose(prev.ch, n)
        {
            prev.ch = voiced;
            prev.source.end = source.end;
            continue;
        }
        chars.push(FoldedChar {
            ch: glyph(n),
            source,
            after_space: pending_space,
        });
        pending_space = false;
    }
    for i in 0..chars.len() {
        if is_connective_ke(chars[i].ch)
            && i > 0
            && i + 1 < chars.len()
            && is_kanji(chars[i - 1].ch)
            && is_kanji(chars[i + 1].ch)
        {
            chars[i].ch = 'ケ';
        }
    }
    let mut text = String::with_capacity(chars.len() * 3);
    let mut offsets = Vec::with_capacity(chars.len());
    for fc in &chars {
        offsets.push(text.len());
        text.push(fc.ch);
    }
    Folded { text, chars, offsets }
}

/// Width and spacing only (steps 1 and 2): tells a variant spelling from a mere
/// difference in width or spaces.
pub(crate) fn fold_width(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for n in s.chars().map(compatibility).filter(|n| !is_dropped(*n)) {
        let voiced = is_voicing_mark(n)
            .then(|| out.chars().next_back())
            .flatten()
            .and_then(|prev| Some((prev, unicode_normalization::char::compose(prev, n)?)));
        match voiced {
            Some((prev, voiced)) => {
                out.truncate(out.len() - prev.len_utf8());
                out.push(voiced);
            }
            None => out.push(n),
        }
    }
    out
}

/// NFKC of one character when it is one character (full-width `Ａ`, half-width `ｶ`,
/// compatibility ideographs, radicals). Characters that expand to several (`㍻`, `①`) are
/// kept: they never occur in place names, and keeping folding one-to-one means every
/// folded character has its own source span. Plain kana and unified ideographs, which
/// never change, skip the normalizer.
fn compatibility(c: char) -> char {
    if matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{4E00}'..='\u{9FFF}') || c.is_ascii() {
        return c;
    }
    let mut normalized = std::iter::once(c).nfkc();
    match (normalized.next(), normalized.next()) {
        (Some(single), None) => single,
        _ => c,
    }
}

fn is_dropped(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

fn is_voicing_mark(c: char) -> bool {
    matches!(c, '\u{3099}' | '\u{309A}')
}

pub(crate) fn is_connective_ke(c: char) -> bool {
    matches!(c, 'ケ' | 'ヶ' | 'ヵ' | 'カ' | 'が' | 'ガ')
}

fn is_kanji(c: char) -> bool {
    matches!(c,
        '々' | '〆'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// `data/variants.tsv`: radicals, compatibility ideographs and old forms, each with the
/// character names are compared as. Derived from the Unicode data by
/// `tools/derive-variants.py`; `build.rs` rejects a malformed file.
const VARIANTS: &str = include_str!("../data/variants.tsv");

/// The folds of [`VARIANTS`], sorted by the character folded.
static TABLE: LazyLock<Vec<(char, char)>> = LazyLock::new(|| read_variants(VARIANTS).unwrap_or_default());

/// Reads `from<TAB>to<TAB>source` lines, which must be sorted by `from` without repeats.
pub(crate) fn read_variants(text: &str) -> Result<Vec<(char, char)>, String> {
    let mut out: Vec<(char, char)> = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.starts_with('#')) {
        let single = |field: Option<&str>| {
            let mut chars = field?.chars();
            chars.next().filter(|_| chars.next().is_none())
        };
        let mut fields = line.split('\t');
        let (Some(from), Some(to), Some(_source), None) = (
            single(fields.next()),
            single(fields.next()),
            fields.next(),
            fields.next(),
        ) else {
            return Err(format!(
                "line {}: expected `from<TAB>to<TAB>source`, found `{line}`",
                n + 1
            ));
        };
        if out.last().is_some_and(|&(last, _)| last >= from) {
            return Err(format!("line {}: `{from}` is out of order or repeated", n + 1));
        }
        out.push((from, to));
    }
    Ok(out)
}

/// The character a variant, old form, radical or compatibility ideograph is compared as
/// (`戶` and `⼾` as `戸`, `龍` as `竜`). Folding applies to the table too, so the key
/// need not be the official glyph: 龍ケ崎市 and 竜ケ崎市 get the same key.
pub(crate) fn glyph(c: char) -> char {
    if c < '\u{2E80}' {
        return c;
    }
    let table = TABLE.as_slice();
    match table.binary_search_by_key(&c, |&(from, _)| from) {
        Ok(i) => table[i].1,
        Err(_) => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_space_and_glyphs_fold_together() {
        assert_eq!(fold("龍ヶ崎市"), fold("龍ケ崎市"));
        assert_eq!(fold("竜が崎市"), fold("龍ケ崎市"));
        assert_eq!(fold("檮原町"), fold("梼原町"));
        assert_eq!(fold("須惠町"), fold("須恵町"));
        assert_eq!(fold(" 青森　市 "), "青森市");
        assert_eq!(fold("ｶﾞｸ"), "ガク");
        assert_eq!(fold("２２"), "22");
    }

    #[test]
    fn radicals_compatibility_ideographs_and_old_forms_fold() {
        assert_eq!(fold("室⼾市"), "室戸市"); // Kangxi radical, NFKC 戶
        assert_eq!(fold("⿊部市"), "黒部市");
        assert_eq!(fold("⻑野市"), "長野市"); // radicals supplement: no NFKC
        assert_eq!(fold("\u{FA11}"), fold("崎")); // a unified ideograph in the compatibility block
        assert_eq!(fold("\u{2F8A6}"), fold("慈")); // a compatibility ideograph: canonical
        assert_eq!(fold("金澤 濱 邊 邉 瀨"), "金沢浜辺辺瀬");
        assert_eq!(fold("令和7年1⽉13⽇"), "令和7年1月13日");
    }

    #[test]
    fn the_variant_table_is_read_strictly() {
        assert_eq!(
            read_variants("# c\n戶\t戸\tkZVariant\n黑\t黒\tkZVariant\n"),
            Ok(vec![('戶', '戸'), ('黑', '黒')])
        );
        assert!(read_variants("黑\t黒\tx\n戶\t戸\tx\n").unwrap_err().contains("line 2"));
        assert!(
            read_variants("戶\t戸\n")
                .unwrap_err()
                .contains("from<TAB>to<TAB>source")
        );
        assert!(read_variants("戶戶\t戸\tx\n").is_err());
        assert!(TABLE.len() > 1000, "data/variants.tsv is read");
    }

    #[test]
    fn kana_inside_kana_words_is_kept() {
        assert_eq!(fold("つがる市"), "つがる市");
        assert_eq!(fold("東かがわ市"), "東かがわ市");
    }

    #[test]
    fn source_spans_point_into_the_original() {
        let s = "大分 県ﾅｶﾞ";
        let f = fold_with_source(s);
        assert_eq!(f.text, "大分県ナガ");
        assert_eq!(&s[f.source_span(0..f.text.len()).unwrap()], s);
        let ga = f.offsets[4];
        assert_eq!(&s[f.source_span(ga..f.text.len()).unwrap()], "ｶﾞ");
        assert!(f.space_before(f.offsets[2]));
        assert_eq!(f.source_span(1..3), None);
    }

    #[test]
    fn width_only_fold_keeps_glyphs() {
        assert_eq!(fold_width("檮原 町"), "檮原町");
        assert_eq!(fold_width("ﾅｶﾞ"), "ナガ");
    }
}
