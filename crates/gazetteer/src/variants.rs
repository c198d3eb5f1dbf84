//! Folding of spellings: one function turns both the table's names and the text of a
//! notice into comparison keys, so every variant accepted for the input is accepted the
//! same way for the table and lookups stay symmetric.
//!
//! Folding does, in order:
//! 1. NFKC per character where it gives one character (full-width letters and digits,
//!    half-width kana, compatibility ideographs, Kangxi radicals), re-composing a voicing
//!    mark with the kana before it (half-width `ｶﾞ` → `ガ`);
//! 2. removal of whitespace and invisible format characters;
//! 3. old and variant glyphs to the form the table uses ([`glyph`]);
//! 4. the connective ケ: `ケ ヶ ヵ カ が ガ` standing between two kanji all become `ケ`
//!    (`龍ヶ崎` = `龍ケ崎` = `龍が崎`), while kana inside kana words (`つがる`) stay as written.

use std::ops::Range;

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

fn is_connective_ke(c: char) -> bool {
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

/// Variant and old glyphs seen in place names, each mapped to one representative.
/// Folding applies to the table too, so the representative need not be the official
/// glyph (竜 stands for 龍 as well: 龍ケ崎市 and 竜ケ崎市 get the same key).
fn glyph(c: char) -> char {
    match c {
        '檮' => '梼',
        '惠' => '恵',
        '龍' => '竜',
        '﨑' | '嵜' => '崎',
        '髙' => '高',
        '嶋' | '嶌' => '島',
        '澤' => '沢',
        '邊' | '邉' => '辺',
        '濱' | '濵' => '浜',
        '德' => '徳',
        '鄕' => '郷',
        '曾' => '曽',
        '鯵' => '鰺',
        '舘' => '館',
        '冨' => '富',
        '桧' => '檜',
        '條' => '条',
        '驒' => '騨',
        '廣' => '広',
        '國' => '国',
        '澁' | '澀' => '渋',
        '藏' => '蔵',
        '櫻' => '桜',
        '壽' => '寿',
        '眞' => '真',
        '寳' | '寶' => '宝',
        '淺' => '浅',
        '縣' => '県',
        '區' => '区',
        '𠮷' => '吉',
        // CJK radicals that PDF text extraction sometimes yields in place of ideographs
        // (NFKC maps the Kangxi block itself, but not these).
        '⻑' => '長',
        '⻘' => '青',
        '⻄' => '西',
        '⻅' => '見',
        '⻩' => '黄',
        '⻲' => '亀',
        '⻯' => '竜',
        '⻤' => '鬼',
        '⻝' => '食',
        '⻆' => '角',
        other => other,
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
