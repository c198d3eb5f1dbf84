//! CID → Unicode for the Adobe-Japan1 character collection, read from the table in
//! `data/adobe-japan1-ucs2.bin` (layout and provenance: `data/README.md`).

static TABLE: &[u8] = include_bytes!("../../data/adobe-japan1-ucs2.bin");

const HEADER: usize = 8;
const INDEX_ENTRY: usize = 6;
/// Marks a CID whose text is longer than one UTF-16 unit.
const MULTI: u16 = 0xffff;

fn u16_at(offset: usize) -> Option<u16> {
    match TABLE.get(offset..offset.checked_add(2)?)? {
        &[hi, lo] => Some(u16::from_be_bytes([hi, lo])),
        _ => None,
    }
}

fn dense_len() -> usize {
    if TABLE.get(..4) != Some(b"AJ1U".as_slice()) {
        return 0;
    }
    u16_at(4).map_or(0, usize::from)
}

fn multi_len() -> usize {
    u16_at(6).map_or(0, usize::from)
}

/// Appends the text of `cid` to `out`; false when the collection leaves it unmapped.
pub(crate) fn write_unicode(cid: u32, out: &mut String) -> bool {
    let n = dense_len();
    let Ok(cid16) = u16::try_from(cid) else {
        return false;
    };
    if usize::from(cid16) >= n {
        return false;
    }
    match u16_at(HEADER + 2 * usize::from(cid16)) {
        None | Some(0) => false,
        Some(MULTI) => write_multi(cid16, n, out),
        Some(unit) => match char::from_u32(u32::from(unit)) {
            Some(c) => {
                out.push(c);
                true
            }
            None => false,
        },
    }
}

fn write_multi(cid: u16, n: usize, out: &mut String) -> bool {
    let index = HEADER + 2 * n;
    let units = index + INDEX_ENTRY * multi_len();
    let entry_cid = |i: usize| u16_at(index + INDEX_ENTRY * i);
    // Binary search over the fixed-width index, sorted by CID.
    let (mut lo, mut hi) = (0usize, multi_len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match entry_cid(mid) {
            Some(c) if c < cid => lo = mid + 1,
            Some(_) => hi = mid,
            None => return false,
        }
    }
    if entry_cid(lo) != Some(cid) {
        return false;
    }
    let entry = index + INDEX_ENTRY * lo;
    let (Some(offset), Some(len)) = (u16_at(entry + 2), u16_at(entry + 4)) else {
        return false;
    };
    let start = units + 2 * usize::from(offset);
    let code_units = (0..usize::from(len)).map_while(|i| u16_at(start + 2 * i));
    let before = out.len();
    for c in char::decode_utf16(code_units) {
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
    }
    out.len() > before
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(cid: u32) -> Option<String> {
        let mut out = String::new();
        write_unicode(cid, &mut out).then_some(out)
    }

    #[test]
    fn table_is_present_and_complete() {
        assert_eq!(dense_len(), 23060, "Adobe-Japan1-7 has 23060 CIDs");
        assert!(multi_len() > 0);
    }

    #[test]
    fn known_cids() {
        assert_eq!(text(0), None, ".notdef carries no text");
        assert_eq!(text(1).as_deref(), Some(" "));
        assert_eq!(text(34).as_deref(), Some("A"));
        // Kana and kanji of the JIS X 0208 block.
        assert_eq!(text(843).as_deref(), Some("あ"));
        assert_eq!(text(2664).as_deref(), Some("青"));
        assert_eq!(text(23060), None);
        assert_eq!(text(u32::MAX), None);
    }

    #[test]
    fn multi_unit_entries_keep_variation_selectors() {
        // CID 1133 (0x046d) is 逢 with the ideographic variation selector U+E0100.
        assert_eq!(text(0x046d).as_deref(), Some("\u{9022}\u{E0100}"));
    }
}
