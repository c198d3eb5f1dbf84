//! Checks on decoded text, so that garbage never passes as a notice: text with
//! nothing in it, text made of replacement and private-use characters, and text
//! that does not look Japanese.

use super::error::PdfError;

/// Share (in percent) of private-use, replacement and other unusable characters
/// above which text is garbled.
const MAX_BAD_PERCENT: usize = 10;
/// Share (in percent) of kana and kanji below which text is not Japanese.
const MIN_JAPANESE_PERCENT: usize = 10;
/// Below this many characters the Japanese share says little.
const MIN_CHARS_FOR_SCRIPT_CHECK: usize = 20;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Profile {
    /// Characters that carry text: not white space, not replacement characters.
    pub(crate) meaningful: usize,
    /// Kana, kanji, CJK punctuation, full-width forms.
    pub(crate) japanese: usize,
    /// Private use, U+FFFD, noncharacters.
    pub(crate) bad: usize,
}

pub(crate) fn is_japanese(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}'     // CJK radicals, Kangxi radicals
        | '\u{3000}'..='\u{30FF}'   // CJK punctuation, hiragana, katakana
        | '\u{31F0}'..='\u{31FF}'   // katakana extensions
        | '\u{3200}'..='\u{33FF}'   // enclosed CJK, CJK compatibility
        | '\u{3400}'..='\u{4DBF}'   // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'   // CJK compatibility ideographs
        | '\u{FF00}'..='\u{FFEF}'   // full-width and half-width forms
        | '\u{20000}'..='\u{3134F}' // CJK extensions B–G
    )
}

fn is_bad(c: char) -> bool {
    matches!(c,
        '\u{FFFD}'
        | '\u{E000}'..='\u{F8FF}'
        | '\u{F0000}'..='\u{10FFFF}'
        | '\u{FDD0}'..='\u{FDEF}'
        | '\u{FFFE}' | '\u{FFFF}'
    ) || c.is_control()
}

pub(crate) fn profile<'s>(texts: impl IntoIterator<Item = &'s str>) -> Profile {
    let mut p = Profile::default();
    for c in texts.into_iter().flat_map(str::chars) {
        if c.is_whitespace() {
            continue;
        }
        if is_bad(c) {
            p.bad += 1;
            // Private-use characters still count as content: a page of them is garbled, not empty.
            if c != '\u{FFFD}' {
                p.meaningful += 1;
            }
            continue;
        }
        p.meaningful += 1;
        if is_japanese(c) {
            p.japanese += 1;
        }
    }
    p
}

/// Rejects text that is garbled or not Japanese; `expect_japanese` turns the
/// script check on.
pub(crate) fn check(p: Profile, expect_japanese: bool) -> Result<(), PdfError> {
    let total = p.meaningful.max(p.bad);
    if total > 0 && p.bad * 100 > total * MAX_BAD_PERCENT {
        return Err(PdfError::mojibake(format!(
            "{} of {} characters ({}%) are private-use, replacement or control characters",
            p.bad,
            total,
            p.bad * 100 / total
        )));
    }
    if expect_japanese
        && p.meaningful >= MIN_CHARS_FOR_SCRIPT_CHECK
        && p.japanese * 100 < p.meaningful * MIN_JAPANESE_PERCENT
    {
        return Err(PdfError::mojibake(format!(
            "only {} of {} characters ({}%) are kana, kanji or Japanese punctuation, so the fonts were \
             probably decoded with the wrong mapping",
            p.japanese,
            p.meaningful,
            p.japanese * 100 / p.meaningful
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_text_passes() {
        let p = profile([
            "範囲\t【青森県】青森市、弘前市",
            "令和7年1月13日まで https://example.jp/",
        ]);
        assert_eq!(check(p, true), Ok(()));
    }

    #[test]
    fn latin_garbage_is_mojibake() {
        let p = profile(["ʹ͸Ϻ߸ɺʹ ɺҩώ ڻ޻ɾЁ۸ʹ଺ ˠ ˯ɺʮ ӓ ٸ࣌ ҩ"; 3]);
        let err = check(p, true).expect_err("not Japanese");
        assert_eq!(err.code(), crate::ErrorCode::Mojibake);
        assert_eq!(check(p, false), Ok(()));
    }

    #[test]
    fn private_use_text_is_mojibake() {
        let p = profile(["\u{E001}\u{E002}\u{E003}青森"]);
        assert_eq!(check(p, true).map_err(|e| e.code()), Err(crate::ErrorCode::Mojibake));
    }

    #[test]
    fn replacement_characters_are_not_meaningful() {
        let p = profile(["\u{FFFD}\u{FFFD} \n"]);
        assert_eq!(p.meaningful, 0);
        assert_eq!(p.bad, 2);
    }
}
