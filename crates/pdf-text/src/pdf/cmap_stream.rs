//! Embedded CMap programs: `/ToUnicode` maps (code → text) and `/Encoding` CMap
//! streams of composite fonts (code → CID), both with their codespace ranges.

use std::collections::HashMap;

use super::lexer::{Lexer, Token};

/// Hostile CMaps could declare millions of entries; real ones stay far below this.
const MAX_ENTRIES: usize = 1 << 20;
/// Operands kept while scanning for the next keyword.
const MAX_PENDING: usize = 4096;

/// A character code of 1 to 4 bytes, as read from a string shown on a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Code {
    pub(crate) len: u8,
    pub(crate) value: u32,
}

impl Code {
    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<Code> {
        if bytes.is_empty() || bytes.len() > 4 {
            return None;
        }
        let value = bytes.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
        Some(Code {
            len: bytes.len() as u8,
            value,
        })
    }
}

#[derive(Debug, Clone)]
struct CodespaceRange {
    lo: Vec<u8>,
    hi: Vec<u8>,
}

impl CodespaceRange {
    fn contains(&self, bytes: &[u8]) -> bool {
        bytes.len() == self.lo.len()
            && bytes
                .iter()
                .zip(self.lo.iter().zip(&self.hi))
                .all(|(b, (lo, hi))| lo <= b && b <= hi)
    }
}

#[derive(Debug, Clone)]
enum RangeTarget {
    /// The first code maps to these UTF-16 units; later codes add to the last one.
    Incrementing(Vec<u16>),
    /// One string per code.
    Listed(Vec<String>),
}

#[derive(Debug, Clone)]
struct UnicodeRange {
    len: u8,
    lo: u32,
    hi: u32,
    target: RangeTarget,
}

#[derive(Debug, Clone, Copy)]
struct CidRange {
    len: u8,
    lo: u32,
    hi: u32,
    cid: u32,
}

/// A parsed CMap program. Lookups never panic; unknown codes give `None`.
#[derive(Debug, Clone, Default)]
pub(crate) struct CMapStream {
    codespace: Vec<CodespaceRange>,
    chars: HashMap<Code, String>,
    ranges: Vec<UnicodeRange>,
    cid_chars: HashMap<Code, u32>,
    cid_ranges: Vec<CidRange>,
    /// The name given to `usecmap`, if any.
    pub(crate) usecmap: Option<Vec<u8>>,
    /// `/WMode 1` marks a vertical CMap.
    pub(crate) vertical: bool,
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    // A few producers write one-byte destinations; read them as one unit.
    if bytes.len() % 2 == 1 {
        return bytes.iter().map(|&b| u16::from(b)).collect();
    }
    bytes
        .chunks_exact(2)
        .map(|p| u16::from_be_bytes([p[0], p[1]]))
        .collect()
}

/// An operand inside a `begin…`/`end…` section.
enum Operand {
    Bytes(Vec<u8>),
    Number(f64),
    Name(Vec<u8>),
    List(Vec<Vec<u8>>),
    Other,
}

fn as_cid(value: f64) -> Option<u32> {
    (value >= 0.0 && value <= f64::from(u32::MAX) && value.fract() == 0.0).then_some(value as u32)
}

fn units_to_string(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

impl CMapStream {
    pub(crate) fn parse(data: &[u8]) -> CMapStream {
        let mut cmap = CMapStream::default();
        let mut lexer = Lexer::new(data);
        let mut pending: Vec<Token<'_>> = Vec::new();
        let mut entries = 0usize;
        while let Some(token) = lexer.next() {
            let Token::Keyword(keyword) = token else {
                if pending.len() >= MAX_PENDING {
                    pending.drain(..MAX_PENDING / 2);
                }
                pending.push(token);
                continue;
            };
            match keyword {
                b"begincodespacerange" => cmap.read_codespace(&mut lexer),
                b"beginbfchar" => cmap.read_bfchar(&mut lexer, &mut entries),
                b"beginbfrange" => cmap.read_bfrange(&mut lexer, &mut entries),
                b"begincidchar" => cmap.read_cidchar(&mut lexer, &mut entries),
                b"begincidrange" => cmap.read_cidrange(&mut lexer, &mut entries),
                b"usecmap" => {
                    if let Some(Token::Name(name)) = pending.last() {
                        cmap.usecmap = Some(name.to_vec());
                    }
                }
                b"def" => {
                    if let [.., Token::Name(b"WMode"), Token::Number(mode)] = pending.as_slice() {
                        cmap.vertical = *mode == 1.0;
                    }
                }
                _ => {}
            }
            pending.clear();
        }
        cmap.ranges.sort_by_key(|r| (r.len, r.lo));
        cmap.cid_ranges.sort_by_key(|r| (r.len, r.lo));
        cmap
    }

    /// Reads operands up to the keyword that closes the section (`end…`), handing
    /// each group of `arity` operands to `f`.
    fn read_group(lexer: &mut Lexer<'_>, arity: usize, mut f: impl FnMut(&[Operand])) {
        let mut group: Vec<Operand> = Vec::with_capacity(arity);
        while let Some(token) = lexer.next() {
            let operand = match token {
                // Any other keyword means the section was not closed.
                Token::Keyword(_) => return,
                Token::String(s) => Operand::Bytes(s),
                Token::Number(n) => Operand::Number(n),
                Token::Name(n) => Operand::Name(n.to_vec()),
                Token::ArrayStart => {
                    let mut items = Vec::new();
                    for inner in lexer.by_ref() {
                        match inner {
                            Token::ArrayEnd => break,
                            Token::String(s) if items.len() < MAX_ENTRIES => items.push(s),
                            _ => {}
                        }
                    }
                    Operand::List(items)
                }
                _ => Operand::Other,
            };
            group.push(operand);
            if group.len() == arity {
                f(&group);
                group.clear();
            }
        }
    }

    fn read_codespace(&mut self, lexer: &mut Lexer<'_>) {
        let codespace = &mut self.codespace;
        Self::read_group(lexer, 2, |g| {
            if let [Operand::Bytes(lo), Operand::Bytes(hi)] = g
                && !lo.is_empty()
                && lo.len() <= 4
                && lo.len() == hi.len()
                && codespace.len() < 256
            {
                codespace.push(CodespaceRange {
                    lo: lo.clone(),
                    hi: hi.clone(),
                });
            }
        });
    }

    fn read_bfchar(&mut self, lexer: &mut Lexer<'_>, entries: &mut usize) {
        let chars = &mut self.chars;
        Self::read_group(lexer, 2, |g| {
            let [Operand::Bytes(src), dst] = g else {
                return;
            };
            let Some(code) = Code::from_bytes(src) else {
                return;
            };
            let text = match dst {
                Operand::Bytes(dst) => units_to_string(&utf16_units(dst)),
                // Glyph names as destinations are rare; keep the one that matters for layout.
                Operand::Name(name) if name == b"space" => " ".to_owned(),
                _ => return,
            };
            if *entries < MAX_ENTRIES {
                *entries += 1;
                chars.insert(code, text);
            }
        });
    }

    fn read_bfrange(&mut self, lexer: &mut Lexer<'_>, entries: &mut usize) {
        let ranges = &mut self.ranges;
        Self::read_group(lexer, 3, |g| {
            let [Operand::Bytes(lo), Operand::Bytes(hi), dst] = g else {
                return;
            };
            let (Some(lo), Some(hi)) = (Code::from_bytes(lo), Code::from_bytes(hi)) else {
                return;
            };
            if lo.len != hi.len || hi.value < lo.value {
                return;
            }
            let target = match dst {
                Operand::Bytes(dst) => RangeTarget::Incrementing(utf16_units(dst)),
                Operand::List(items) => {
                    RangeTarget::Listed(items.iter().map(|s| units_to_string(&utf16_units(s))).collect())
                }
                _ => return,
            };
            let cost = match &target {
                RangeTarget::Incrementing(_) => 1,
                RangeTarget::Listed(items) => items.len().max(1),
            };
            if *entries + cost <= MAX_ENTRIES {
                *entries += cost;
                ranges.push(UnicodeRange {
                    len: lo.len,
                    lo: lo.value,
                    hi: hi.value,
                    target,
                });
            }
        });
    }

    fn read_cidchar(&mut self, lexer: &mut Lexer<'_>, entries: &mut usize) {
        let cid_chars = &mut self.cid_chars;
        Self::read_group(lexer, 2, |g| {
            if let [Operand::Bytes(src), Operand::Number(cid)] = g
                && let Some(code) = Code::from_bytes(src)
                && let Some(cid) = as_cid(*cid)
                && *entries < MAX_ENTRIES
            {
                *entries += 1;
                cid_chars.insert(code, cid);
            }
        });
    }

    fn read_cidrange(&mut self, lexer: &mut Lexer<'_>, entries: &mut usize) {
        let cid_ranges = &mut self.cid_ranges;
        Self::read_group(lexer, 3, |g| {
            if let [Operand::Bytes(lo), Operand::Bytes(hi), Operand::Number(cid)] = g
                && let (Some(lo), Some(hi)) = (Code::from_bytes(lo), Code::from_bytes(hi))
                && let Some(cid) = as_cid(*cid)
                && lo.len == hi.len
                && lo.value <= hi.value
                && *entries < MAX_ENTRIES
            {
                *entries += 1;
                cid_ranges.push(CidRange {
                    len: lo.len,
                    lo: lo.value,
                    hi: hi.value,
                    cid,
                });
            }
        });
    }

    pub(crate) fn has_codespace(&self) -> bool {
        !self.codespace.is_empty()
    }

    pub(crate) fn has_unicode(&self) -> bool {
        !self.chars.is_empty() || !self.ranges.is_empty()
    }

    /// The length of the next code in `bytes` by the codespace ranges, or `None`
    /// when no range matches (the caller then falls back to a default length).
    pub(crate) fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        (1..=4usize).find(|&n| {
            bytes
                .get(..n)
                .is_some_and(|prefix| self.codespace.iter().any(|r| r.contains(prefix)))
        })
    }

    /// The shortest code length the codespace declares.
    pub(crate) fn min_code_len(&self) -> Option<usize> {
        self.codespace.iter().map(|r| r.lo.len()).min()
    }

    /// Appends the text of `code` to `out`; false when the map has no entry for it.
    pub(crate) fn write_unicode(&self, code: Code, out: &mut String) -> bool {
        if let Some(text) = self.chars.get(&code) {
            out.push_str(text);
            return true;
        }
        let Some(range) = Self::find(&self.ranges, code, |r| (r.len, r.lo, r.hi)) else {
            return false;
        };
        let offset = code.value - range.lo;
        match &range.target {
            RangeTarget::Incrementing(units) => {
                // Later codes add their offset to the last character of the first one's text.
                let chars: Vec<char> = char::decode_utf16(units.iter().copied())
                    .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
                    .collect();
                let Some((&last, head)) = chars.split_last() else {
                    return false;
                };
                out.extend(head);
                out.push(
                    u32::from(last)
                        .checked_add(offset)
                        .and_then(char::from_u32)
                        .unwrap_or(char::REPLACEMENT_CHARACTER),
                );
                true
            }
            RangeTarget::Listed(items) => match usize::try_from(offset).ok().and_then(|i| items.get(i)) {
                Some(text) => {
                    out.push_str(text);
                    true
                }
                None => false,
            },
        }
    }

    /// The CID an encoding CMap assigns to `code`.
    pub(crate) fn cid(&self, code: Code) -> Option<u32> {
        if let Some(&cid) = self.cid_chars.get(&code) {
            return Some(cid);
        }
        let range = Self::find(&self.cid_ranges, code, |r| (r.len, r.lo, r.hi))?;
        range.cid.checked_add(code.value - range.lo)
    }

    /// The range containing `code` in a list sorted by `(len, lo)`.
    fn find<T>(items: &[T], code: Code, key: impl Fn(&T) -> (u8, u32, u32)) -> Option<&T> {
        let idx = items.partition_point(|r| {
            let (len, lo, _) = key(r);
            (len, lo) <= (code.len, code.value)
        });
        // Ranges rarely overlap; look back a little in case a wide one covers the code.
        items.get(..idx).unwrap_or_default().iter().rev().take(8).find(|r| {
            let (len, lo, hi) = key(r);
            len == code.len && lo <= code.value && code.value <= hi
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /Adobe-Identity-UCS def
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar
<0003> <0020>
<0010> <9752>
<0011> <D840DC0B>
endbfchar
2 beginbfrange
<0020> <0022> <68EE>
<0030> <0031> [<0041> <00410042>]
endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    fn text(cmap: &CMapStream, len: u8, value: u32) -> Option<String> {
        let mut out = String::new();
        cmap.write_unicode(Code { len, value }, &mut out).then_some(out)
    }

    #[test]
    fn reads_bfchar_and_bfrange() {
        let cmap = CMapStream::parse(TO_UNICODE);
        assert_eq!(text(&cmap, 2, 0x10).as_deref(), Some("青"));
        assert_eq!(text(&cmap, 2, 0x11).as_deref(), Some("\u{2000B}"));
        assert_eq!(text(&cmap, 2, 0x20).as_deref(), Some("森"));
        assert_eq!(text(&cmap, 2, 0x22).as_deref(), Some("棰"));
        assert_eq!(text(&cmap, 2, 0x31).as_deref(), Some("AB"));
        assert_eq!(text(&cmap, 2, 0x23), None);
        assert_eq!(text(&cmap, 1, 0x10), None);
        assert_eq!(cmap.code_len(&[0x00, 0x10]), Some(2));
    }

    #[test]
    fn reads_cid_ranges_and_wmode() {
        let cmap = CMapStream::parse(
            b"/WMode 1 def 1 begincodespacerange <00> <80> <8140> <9FFC> endcodespacerange
              1 begincidrange <8140> <817e> 633 endcidrange 1 begincidchar <20> 1 endcidchar",
        );
        assert!(cmap.vertical);
        assert_eq!(cmap.cid(Code { len: 2, value: 0x8141 }), Some(634));
        assert_eq!(cmap.cid(Code { len: 1, value: 0x20 }), Some(1));
        assert_eq!(cmap.code_len(&[0x20, 0x81]), Some(1));
        assert_eq!(cmap.code_len(&[0x81, 0x40]), Some(2));
    }

    #[test]
    fn garbage_yields_an_empty_map() {
        let cmap = CMapStream::parse(b"beginbfchar <01> endbfrange ]]]] <<< (((");
        assert!(!cmap.has_unicode());
    }
}
