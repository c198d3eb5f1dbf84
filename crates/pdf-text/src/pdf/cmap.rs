//! Predefined CMaps named by a composite font's `/Encoding`, for fonts that have
//! no `/ToUnicode` map.
//!
//! For the CJK CMaps a code is a character in a legacy or Unicode encoding, so
//! the text comes from decoding the code itself: `*-RKSJ-*` as Shift_JIS
//! (Windows-31J, which covers the 90ms extensions), `EUC-*` as EUC-JP, `H`/`V` as
//! JIS X 0208 row-cell pairs, and the `Uni*` CMaps as UCS-2 / UTF-16BE / UTF-8 /
//! UTF-32BE. `Identity-H`/`-V` codes are CIDs, decoded through the font's
//! character collection (see [`super::adobe_japan1`]).

use encoding_rs::{EUC_JP, SHIFT_JIS};

/// How the codes of a predefined CMap are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scheme {
    ShiftJis,
    EucJp,
    /// JIS X 0208 as two 7-bit bytes (the `H` and `V` CMaps).
    Jis,
    Ucs2,
    Utf16,
    Utf8,
    Utf32,
    /// Two-byte codes that are CIDs.
    Identity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Predefined {
    pub(crate) name: &'static str,
    /// The `PdfText::method` string for text this CMap decoded.
    pub(crate) method: &'static str,
    pub(crate) scheme: Scheme,
    pub(crate) vertical: bool,
}

macro_rules! predefined {
    ($($name:literal => $scheme:ident),* $(,)?) => {
        &[$(Predefined {
            name: $name,
            method: concat!("cmap:", $name),
            scheme: Scheme::$scheme,
            vertical: $name.as_bytes()[$name.len() - 1] == b'V',
        }),*]
    };
}

const PREDEFINED: &[Predefined] = predefined! {
    "90ms-RKSJ-H" => ShiftJis, "90ms-RKSJ-V" => ShiftJis,
    "90msp-RKSJ-H" => ShiftJis, "90msp-RKSJ-V" => ShiftJis,
    "90pv-RKSJ-H" => ShiftJis, "90pv-RKSJ-V" => ShiftJis,
    "78ms-RKSJ-H" => ShiftJis, "78ms-RKSJ-V" => ShiftJis,
    "78-RKSJ-H" => ShiftJis, "78-RKSJ-V" => ShiftJis,
    "83pv-RKSJ-H" => ShiftJis,
    "RKSJ-H" => ShiftJis, "RKSJ-V" => ShiftJis,
    "Add-RKSJ-H" => ShiftJis, "Add-RKSJ-V" => ShiftJis,
    "Ext-RKSJ-H" => ShiftJis, "Ext-RKSJ-V" => ShiftJis,
    "EUC-H" => EucJp, "EUC-V" => EucJp,
    "H" => Jis, "V" => Jis,
    "UniJIS-UCS2-H" => Ucs2, "UniJIS-UCS2-V" => Ucs2,
    "UniJIS-UCS2-HW-H" => Ucs2, "UniJIS-UCS2-HW-V" => Ucs2,
    "UniJISPro-UCS2-V" => Ucs2, "UniJISPro-UCS2-HW-V" => Ucs2,
    "UniJIS-UTF16-H" => Utf16, "UniJIS-UTF16-V" => Utf16,
    "UniJIS2004-UTF16-H" => Utf16, "UniJIS2004-UTF16-V" => Utf16,
    "UniJIS-UTF8-H" => Utf8, "UniJIS-UTF8-V" => Utf8,
    "UniJIS2004-UTF8-H" => Utf8, "UniJIS2004-UTF8-V" => Utf8,
    "UniJISPro-UTF8-V" => Utf8,
    "UniJIS-UTF32-H" => Utf32, "UniJIS-UTF32-V" => Utf32,
    "UniJIS2004-UTF32-H" => Utf32, "UniJIS2004-UTF32-V" => Utf32,
    "UniJISX0213-UTF32-H" => Utf32, "UniJISX0213-UTF32-V" => Utf32,
    "UniJISX02132004-UTF32-H" => Utf32, "UniJISX02132004-UTF32-V" => Utf32,
    "UniGB-UCS2-H" => Ucs2, "UniGB-UCS2-V" => Ucs2,
    "UniGB-UTF16-H" => Utf16, "UniGB-UTF16-V" => Utf16,
    "UniCNS-UCS2-H" => Ucs2, "UniCNS-UCS2-V" => Ucs2,
    "UniCNS-UTF16-H" => Utf16, "UniCNS-UTF16-V" => Utf16,
    "UniKS-UCS2-H" => Ucs2, "UniKS-UCS2-V" => Ucs2,
    "UniKS-UTF16-H" => Utf16, "UniKS-UTF16-V" => Utf16,
    "Identity-H" => Identity, "Identity-V" => Identity,
};

impl Predefined {
    pub(crate) fn by_name(name: &[u8]) -> Option<&'static Predefined> {
        PREDEFINED.iter().find(|p| p.name.as_bytes() == name)
    }

    /// The length in bytes of the code starting `bytes` (at least 1 when `bytes` is
    /// not empty, so a caller always makes progress).
    pub(crate) fn code_len(&self, bytes: &[u8]) -> usize {
        let Some(&first) = bytes.first() else {
            return 0;
        };
        let len = match self.scheme {
            Scheme::ShiftJis => match first {
                0x81..=0x9f | 0xe0..=0xfc => 2,
                _ => 1,
            },
            Scheme::EucJp => match first {
                0x8f => 3,
                0x8e | 0xa1..=0xfe => 2,
                _ => 1,
            },
            Scheme::Jis | Scheme::Ucs2 | Scheme::Identity => 2,
            Scheme::Utf16 => match bytes.get(..2) {
                Some(&[hi, _]) if (0xd8..=0xdb).contains(&hi) => 4,
                _ => 2,
            },
            Scheme::Utf8 => match first {
                0xf0..=0xf7 => 4,
                0xe0..=0xef => 3,
                0xc0..=0xdf => 2,
                _ => 1,
            },
            Scheme::Utf32 => 4,
        };
        len.min(bytes.len()).max(1)
    }

    /// Appends the text of one code to `out`; false if the code is not valid in
    /// the encoding. `Identity` codes are CIDs and are never decoded here.
    pub(crate) fn write_unicode(&self, code: &[u8], out: &mut String) -> bool {
        match self.scheme {
            Scheme::ShiftJis => decode_legacy(SHIFT_JIS, code, out),
            Scheme::EucJp => decode_legacy(EUC_JP, code, out),
            Scheme::Jis => match code {
                &[hi @ 0x21..=0x7e, lo @ 0x21..=0x7e] => decode_legacy(EUC_JP, &[hi | 0x80, lo | 0x80], out),
                _ => false,
            },
            Scheme::Ucs2 | Scheme::Utf16 => {
                let units = code.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]]));
                let mut ok = code.len().is_multiple_of(2) && !code.is_empty();
                for c in char::decode_utf16(units) {
                    match c {
                        Ok(c) => out.push(c),
                        Err(_) => ok = false,
                    }
                }
                ok
            }
            Scheme::Utf8 => match std::str::from_utf8(code) {
                Ok(s) => {
                    out.push_str(s);
                    true
                }
                Err(_) => false,
            },
            Scheme::Utf32 => match code {
                &[a, b, c, d] => match char::from_u32(u32::from_be_bytes([a, b, c, d])) {
                    Some(ch) => {
                        out.push(ch);
                        true
                    }
                    None => false,
                },
                _ => false,
            },
            Scheme::Identity => false,
        }
    }
}

fn decode_legacy(encoding: &'static encoding_rs::Encoding, code: &[u8], out: &mut String) -> bool {
    match encoding.decode_without_bom_handling_and_without_replacement(code) {
        Some(text) if !text.is_empty() => {
            out.push_str(&text);
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(name: &str, bytes: &[u8]) -> String {
        let cmap = Predefined::by_name(name.as_bytes()).expect("known CMap");
        let mut out = String::new();
        let mut rest = bytes;
        while !rest.is_empty() {
            let n = cmap.code_len(rest);
            let (code, tail) = rest.split_at(n);
            if !cmap.write_unicode(code, &mut out) {
                out.push('\u{fffd}');
            }
            rest = tail;
        }
        out
    }

    #[test]
    fn shift_jis_with_backslash_trail_bytes() {
        // 表 is 0x95 0x5C: the trail byte must not be read as a separate `\`.
        assert_eq!(decode("90ms-RKSJ-H", b"\x95\x5c\x8e\xa6 A\\"), "表示 A\\");
        // 90ms extensions: ① and the NEC-selected IBM kanji 髙.
        assert_eq!(decode("90msp-RKSJ-V", b"\x87\x40\xfb\xfc"), "①髙");
    }

    #[test]
    fn unicode_cmaps() {
        assert_eq!(
            decode("UniJIS-UTF16-H", b"\x97\x52\x68\xee\xd8\x40\xdc\x0b"),
            "青森\u{2000B}"
        );
        assert_eq!(decode("UniJIS-UCS2-V", b"\x30\x42"), "あ");
        assert_eq!(decode("UniJIS-UTF8-H", "弘前".as_bytes()), "弘前");
        assert_eq!(decode("UniJIS-UTF32-H", b"\x00\x02\x00\x0b"), "\u{2000B}");
    }

    #[test]
    fn euc_and_jis() {
        assert_eq!(decode("EUC-H", b"\xc0\xc4\xbf\xb9"), "青森");
        assert_eq!(decode("H", b"\x40\x44\x3f\x39"), "青森");
    }

    #[test]
    fn vertical_flag_and_method() {
        let v = Predefined::by_name(b"90ms-RKSJ-V").expect("known");
        assert!(v.vertical);
        assert_eq!(v.method, "cmap:90ms-RKSJ-V");
        assert!(!Predefined::by_name(b"UniJIS-UTF16-H").expect("known").vertical);
        assert!(Predefined::by_name(b"GBK-EUC-H").is_none());
    }
}
