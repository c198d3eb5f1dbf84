//! Plain-text notices: detect the encoding from the bytes, never from the file name.
//!
//! Order of evidence: a byte-order mark; the NUL pattern of BOM-less UTF-16;
//! ISO-2022-JP's escape into JIS X 0208 (`ESC $ B`), in 7-bit text;
//! valid UTF-8; then Shift_JIS (windows-31j) against EUC-JP, decided by which
//! one decodes without errors into more Japanese text.
//!
//! ```
//! use onshi_pdf_text::text::decode;
//!
//! let euc = b"\xbb\xf6\xcc\xb3\xcf\xa2\xcd\xed"; // 事務連絡 in EUC-JP
//! let decoded = decode(euc).unwrap();
//! assert_eq!((decoded.text.as_str(), decoded.encoding), ("事務連絡", "EUC-JP"));
//! ```

use encoding_rs::{EUC_JP, Encoding, ISO_2022_JP, SHIFT_JIS, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Why bytes could not be read as a text notice.
///
/// ```
/// use onshi_pdf_text::text::{TextError, decode};
///
/// assert_eq!(decode(b""), Err(TextError::Empty));
/// assert_eq!(decode(b"GIF89a\x00\x01"), Err(TextError::Binary { offset: 6 }));
/// assert!(matches!(decode(b"\x81\x81\xff\xfe\xff"), Err(TextError::Undecodable { .. })));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// No bytes at all.
    #[error("the file is empty")]
    Empty,
    /// A NUL byte outside UTF-16: the file is binary data.
    #[error("binary data, not text (NUL byte at offset {offset})")]
    Binary {
        /// Where the first NUL byte is.
        offset: usize,
    },
    /// The bytes are not valid UTF-8 and decode as neither Shift_JIS nor
    /// EUC-JP without errors.
    #[error(
        "text in no supported encoding: not valid UTF-8, and {errors} bytes do not decode as Shift_JIS or EUC-JP \
         (first at offset {offset})"
    )]
    Undecodable {
        /// Malformed sequences in the encoding that had the fewest.
        errors: usize,
        /// Where that encoding's first malformed sequence is.
        offset: usize,
    },
}

/// True for 7-bit text that switches into JIS X 0208 (`ESC $ B` or
/// `ESC $ @`), as ISO-2022-JP does for every kanji and kana.
fn is_iso_2022_jp(bytes: &[u8]) -> bool {
    bytes.is_ascii() && bytes.windows(3).any(|w| matches!(w, [0x1B, b'$', b'B' | b'@']))
}

/// A decoded text file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedText {
    /// The text, without a byte-order mark.
    pub text: String,
    /// WHATWG label of the encoding, e.g. `UTF-8`, `Shift_JIS`.
    pub encoding: &'static str,
}

/// Decodes a text file in whichever supported encoding its bytes are,
/// judged from the bytes alone (see the module documentation for the order
/// of evidence). Decoding is strict: a byte that no candidate encoding reads
/// is an error, never a replacement character.
///
/// ```
/// use onshi_pdf_text::text::decode;
///
/// let utf16le: Vec<u8> = "事務連絡\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
/// assert_eq!(decode(&utf16le).unwrap().encoding, "UTF-16LE");
/// let sjis = b"\x8e\x96\x96\xb1\x98\x41\x97\x8d";
/// assert_eq!(decode(sjis).unwrap().encoding, "Shift_JIS");
/// assert_eq!(decode("事務連絡".as_bytes()).unwrap().encoding, "UTF-8");
/// let jis = b"\x1b$B;vL3O\"Mm\x1b(B";
/// let decoded = decode(jis).unwrap();
/// assert_eq!((decoded.text.as_str(), decoded.encoding), ("事務連絡", "ISO-2022-JP"));
/// ```
pub fn decode(bytes: &[u8]) -> Result<DecodedText, TextError> {
    if bytes.is_empty() {
        return Err(TextError::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_strict(encoding, &bytes[bom_len..]).map(|text| DecodedText {
            text,
            encoding: encoding.name(),
        });
    }
    if let Some(encoding) = bomless_utf16(bytes)
        && let Ok(text) = decode_strict(encoding, bytes)
    {
        return Ok(DecodedText {
            text,
            encoding: encoding.name(),
        });
    }
    if let Some(offset) = memchr_nul(bytes) {
        return Err(TextError::Binary { offset });
    }
    // ISO-2022-JP, the encoding of Japanese e-mail, is 7-bit and so valid
    // UTF-8 too: its escape into JIS X 0208 tells it apart.
    if is_iso_2022_jp(bytes)
        && let Ok(text) = decode_strict(ISO_2022_JP, bytes)
    {
        return Ok(DecodedText {
            text,
            encoding: ISO_2022_JP.name(),
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(DecodedText {
            text: text.to_owned(),
            encoding: UTF_8.name(),
        });
    }
    let candidates = [SHIFT_JIS, EUC_JP].map(|encoding| Candidate::decode(encoding, bytes));
    let best = candidates
        .iter()
        .filter(|c| c.errors == 0)
        .max_by_key(|c| (c.japanese, std::cmp::Reverse(c.encoding.name())));
    match best {
        Some(c) => Ok(DecodedText {
            text: c.text.clone(),
            encoding: c.encoding.name(),
        }),
        None => {
            let (errors, offset) = candidates
                .iter()
                .map(|c| (c.errors, c.first_error))
                .min()
                .unwrap_or((bytes.len(), 0));
            Err(TextError::Undecodable { errors, offset })
        }
    }
}

/// Text whose sender declared its charset (a mail part's `charset=`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredText {
    /// The text, decoded.
    pub decoded: DecodedText,
    /// Set when the declaration was not followed: the charset is unknown, or
    /// it does not decode the bytes, so the bytes decided (see [`decode`]).
    pub mismatch: Option<String>,
}

/// Decodes text in the charset its sender declared, when that is one of the
/// supported encodings and decodes the bytes strictly. A declaration of
/// ASCII or Latin-1 (the MIME default, and what Japanese mailers often write
/// over ISO-2022-JP or Shift_JIS), an unknown charset, or one that fails on
/// the bytes, leaves the decision to the bytes ([`decode`]); the last two
/// are reported in [`DeclaredText::mismatch`].
///
/// ```
/// use onshi_pdf_text::text::decode_declared;
///
/// let sjis = b"\x8e\x96\x96\xb1\x98\x41\x97\x8d"; // 事務連絡
/// let read = decode_declared(sjis, Some("shift_jis")).unwrap();
/// assert_eq!((read.decoded.encoding, read.mismatch), ("Shift_JIS", None));
/// let read = decode_declared(sjis, Some("x-unheard-of")).unwrap();
/// assert_eq!(read.decoded.encoding, "Shift_JIS");
/// assert!(read.mismatch.unwrap().contains("x-unheard-of"));
/// ```
pub fn decode_declared(bytes: &[u8], charset: Option<&str>) -> Result<DeclaredText, TextError> {
    let label = charset.map(str::trim).filter(|c| !c.is_empty());
    let Some(label) = label else {
        return decode(bytes).map(|decoded| DeclaredText {
            decoded,
            mismatch: None,
        });
    };
    let mismatch = match Encoding::for_label(label.as_bytes()) {
        None => Some(format!("the declared charset `{label}` is unknown")),
        Some(encoding) if DECLARABLE.contains(&encoding) => {
            let bom_len = Encoding::for_bom(bytes)
                .filter(|(e, _)| *e == encoding)
                .map_or(0, |(_, n)| n);
            match decode_strict(encoding, &bytes[bom_len..]) {
                Ok(text) if !bytes.is_empty() => {
                    let decoded = DecodedText {
                        text,
                        encoding: encoding.name(),
                    };
                    return Ok(DeclaredText {
                        decoded,
                        mismatch: None,
                    });
                }
                Ok(_) => None,
                Err(_) => Some(format!("the declared charset `{label}` does not decode the text")),
            }
        }
        // ASCII and Latin-1 labels (both windows-1252 to WHATWG): the bytes know better.
        Some(encoding) if encoding == WINDOWS_1252 => None,
        Some(_) => Some(format!(
            "the declared charset `{label}` is none that notices are read in"
        )),
    };
    let decoded = decode(bytes)?;
    let mismatch = mismatch.map(|m| format!("{m}; it was read as {}", decoded.encoding));
    Ok(DeclaredText { decoded, mismatch })
}

/// The encodings a declared charset is followed for: those [`decode`] detects.
const DECLARABLE: [&Encoding; 6] = [UTF_8, UTF_16LE, UTF_16BE, ISO_2022_JP, SHIFT_JIS, EUC_JP];

struct Candidate {
    encoding: &'static Encoding,
    text: String,
    errors: usize,
    first_error: usize,
    japanese: usize,
}

impl Candidate {
    fn decode(encoding: &'static Encoding, bytes: &[u8]) -> Self {
        let mut decoder = encoding.new_decoder_without_bom_handling();
        let mut text = String::with_capacity(bytes.len() * 3 / 2);
        let mut errors = 0;
        let mut first_error = None;
        let mut offset = 0;
        // Decode in slices so that every malformed sequence is counted and located.
        loop {
            let capacity = decoder
                .max_utf8_buffer_length_without_replacement(bytes.len() - offset)
                .unwrap_or(bytes.len() * 3);
            text.reserve(capacity);
            let (result, read) = decoder.decode_to_string_without_replacement(&bytes[offset..], &mut text, true);
            offset += read;
            match result {
                encoding_rs::DecoderResult::InputEmpty => break,
                encoding_rs::DecoderResult::OutputFull => continue,
                encoding_rs::DecoderResult::Malformed(_, _) => {
                    errors += 1;
                    first_error.get_or_insert(offset.saturating_sub(1));
                    text.push('\u{FFFD}');
                }
            }
        }
        let japanese = text.chars().filter(|&c| is_japanese(c)).count();
        Candidate {
            encoding,
            text,
            errors,
            first_error: first_error.unwrap_or(0),
            japanese,
        }
    }
}

fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, TextError> {
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(text.into_owned()),
        None => {
            let c = Candidate::decode(encoding, bytes);
            Err(TextError::Undecodable {
                errors: c.errors,
                offset: c.first_error,
            })
        }
    }
}

/// UTF-16 without a BOM: NUL bytes on one side of the pairs (ASCII, line
/// breaks), and a strict decoding that reads as text. Japanese text has few
/// such NULs, so the decision rests on what the decoding gives: mostly kana,
/// kanji and printable ASCII, no controls, for the byte order that decodes.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) || !bytes.contains(&0) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let plausibility = |encoding: &'static Encoding| {
        let text = encoding.decode_without_bom_handling_and_without_replacement(sample)?;
        let total = text.chars().count().max(1);
        let plausible = text
            .chars()
            .filter(|&c| is_japanese(c) || c.is_ascii_graphic() || matches!(c, ' ' | '\n' | '\r' | '\t'))
            .count();
        (plausible * 10 >= total * 9).then_some((plausible * 1000 / total, encoding))
    };
    // Kanji such as 一 (U+4E00) put NULs on the other side too: judge by the decoding.
    [UTF_16LE, UTF_16BE]
        .into_iter()
        .filter_map(plausibility)
        .max_by_key(|(score, _)| *score)
        .map(|(_, e)| e)
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// Kana and the CJK ideographs: the evidence that a decoding is the right one.
pub(crate) fn is_japanese(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF5E}')
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "事務連絡\n令和7年1月7日\n範囲\t【青森県】青森市、弘前市\n";

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode(SAMPLE.as_bytes()).unwrap().encoding, "UTF-8");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(SAMPLE.as_bytes());
        let decoded = decode(&bom).unwrap();
        assert_eq!(decoded.text, SAMPLE);
    }

    #[test]
    fn shift_jis_and_euc_jp_are_told_apart() {
        let sjis = decode(&encode(SHIFT_JIS, SAMPLE)).unwrap();
        assert_eq!((sjis.encoding, sjis.text.as_str()), ("Shift_JIS", SAMPLE));
        let euc = decode(&encode(EUC_JP, SAMPLE)).unwrap();
        assert_eq!((euc.encoding, euc.text.as_str()), ("EUC-JP", SAMPLE));
    }

    #[test]
    fn utf16_with_bom_and_without() {
        for big_endian in [false, true] {
            let mut with_bom = utf16("\u{FEFF}", big_endian);
            with_bom.extend(utf16(SAMPLE, big_endian));
            assert_eq!(decode(&with_bom).unwrap().text, SAMPLE);
            let decoded = decode(&utf16(SAMPLE, big_endian)).unwrap();
            assert_eq!(decoded.text, SAMPLE, "big endian: {big_endian}");
            assert_eq!(decoded.encoding, if big_endian { "UTF-16BE" } else { "UTF-16LE" });
        }
    }

    #[test]
    fn a_declared_charset_is_followed_unless_the_bytes_refute_it() {
        let jis = encode(ISO_2022_JP, SAMPLE);
        let read = decode_declared(&jis, Some("ISO-2022-JP")).unwrap();
        assert_eq!((read.decoded.text.as_str(), read.mismatch), (SAMPLE, None));
        // ASCII is the MIME default, often written over ISO-2022-JP: no mismatch worth a word.
        let read = decode_declared(&jis, Some("us-ascii")).unwrap();
        assert_eq!((read.decoded.encoding, read.mismatch), ("ISO-2022-JP", None));
        // Shift_JIS declared over EUC-JP bytes: the bytes decide, and it is said.
        let read = decode_declared(&encode(EUC_JP, SAMPLE), Some("Shift_JIS")).unwrap();
        assert_eq!(read.decoded.encoding, "EUC-JP");
        assert!(read.mismatch.unwrap().contains("does not decode"));
        assert_eq!(decode_declared(b"", Some("utf-8")), Err(TextError::Empty));
        assert_eq!(
            decode_declared(SAMPLE.as_bytes(), None).unwrap().decoded.encoding,
            "UTF-8"
        );
    }

    #[test]
    fn empty_binary_and_undecodable_are_errors() {
        assert_eq!(decode(b""), Err(TextError::Empty));
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(TextError::Binary { offset: 8 })
        );
        assert!(matches!(
            decode(b"\x81\x20\xff\xfe\x80\x80"),
            Err(TextError::Undecodable { .. })
        ));
    }
}
