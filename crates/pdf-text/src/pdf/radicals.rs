//! CJK radicals that stand for ideographs in extracted text.
//!
//! A CJK font often draws a radical of the CJK Radicals Supplement block with the
//! same glyph as an ideograph (⺠ and 民, ⻑ and 長). A producer that writes its
//! ToUnicode map by inverting the font's character map (wkhtmltopdf, through Qt,
//! with Noto or IPAex fonts) may then name the radical for every such glyph, so a
//! notice reads `国⺠健康保険中央会` and `延⻑`; pdftotext prints the same. Japanese
//! running text never means these radicals, so PDF text reads them as the
//! ideographs they are equivalent to. (The Kangxi Radicals block needs nothing
//! here: NFKC maps it in normalization.)

/// The CJK Radicals Supplement (U+2E80–U+2EFF) and its equivalent unified
/// ideographs, from Unicode 15.0 `EquivalentUnifiedIdeograph.txt`, sorted.
const SUPPLEMENT: &[(char, char)] = &[
    ('\u{2E81}', '厂'),
    ('\u{2E82}', '乛'),
    ('\u{2E83}', '乚'),
    ('\u{2E84}', '乙'),
    ('\u{2E85}', '亻'),
    ('\u{2E86}', '冂'),
    ('\u{2E87}', '𠘨'),
    ('\u{2E88}', '刀'),
    ('\u{2E89}', '刂'),
    ('\u{2E8A}', '卜'),
    ('\u{2E8B}', '㔾'),
    ('\u{2E8C}', '小'),
    ('\u{2E8D}', '小'),
    ('\u{2E8E}', '兀'),
    ('\u{2E8F}', '尣'),
    ('\u{2E90}', '尢'),
    ('\u{2E91}', '𡯂'),
    ('\u{2E92}', '巳'),
    ('\u{2E93}', '幺'),
    ('\u{2E94}', '彑'),
    ('\u{2E95}', '𫜹'),
    ('\u{2E96}', '忄'),
    ('\u{2E97}', '心'),
    ('\u{2E98}', '扌'),
    ('\u{2E99}', '攵'),
    ('\u{2E9B}', '旡'),
    ('\u{2E9C}', '日'),
    ('\u{2E9D}', '月'),
    ('\u{2E9E}', '歺'),
    ('\u{2E9F}', '母'),
    ('\u{2EA0}', '民'),
    ('\u{2EA1}', '氵'),
    ('\u{2EA2}', '氺'),
    ('\u{2EA3}', '灬'),
    ('\u{2EA4}', '爫'),
    ('\u{2EA5}', '爫'),
    ('\u{2EA6}', '丬'),
    ('\u{2EA7}', '牛'),
    ('\u{2EA8}', '犭'),
    ('\u{2EA9}', '王'),
    ('\u{2EAA}', '𤴔'),
    ('\u{2EAB}', '目'),
    ('\u{2EAC}', '示'),
    ('\u{2EAD}', '礻'),
    ('\u{2EAE}', '𥫗'),
    ('\u{2EAF}', '糹'),
    ('\u{2EB0}', '纟'),
    ('\u{2EB1}', '罓'),
    ('\u{2EB2}', '罒'),
    ('\u{2EB3}', '㓁'),
    ('\u{2EB4}', '冗'),
    ('\u{2EB5}', '𦉫'),
    ('\u{2EB6}', '羊'),
    ('\u{2EB7}', '𦍌'),
    ('\u{2EB8}', '𦍋'),
    ('\u{2EB9}', '耂'),
    ('\u{2EBA}', '肀'),
    ('\u{2EBB}', '聿'),
    ('\u{2EBC}', '肉'),
    ('\u{2EBD}', '𦥑'),
    ('\u{2EBE}', '艹'),
    ('\u{2EBF}', '艹'),
    ('\u{2EC0}', '艹'),
    ('\u{2EC1}', '虎'),
    ('\u{2EC2}', '衤'),
    ('\u{2EC3}', '覀'),
    ('\u{2EC4}', '西'),
    ('\u{2EC5}', '见'),
    ('\u{2EC6}', '角'),
    ('\u{2EC7}', '𧢲'),
    ('\u{2EC8}', '讠'),
    ('\u{2EC9}', '贝'),
    ('\u{2ECA}', '𧾷'),
    ('\u{2ECB}', '车'),
    ('\u{2ECC}', '辶'),
    ('\u{2ECD}', '辶'),
    ('\u{2ECE}', '辶'),
    ('\u{2ECF}', '邑'),
    ('\u{2ED0}', '钅'),
    ('\u{2ED1}', '長'),
    ('\u{2ED2}', '镸'),
    ('\u{2ED3}', '长'),
    ('\u{2ED4}', '门'),
    ('\u{2ED5}', '𨸏'),
    ('\u{2ED6}', '阝'),
    ('\u{2ED7}', '雨'),
    ('\u{2ED8}', '青'),
    ('\u{2ED9}', '韦'),
    ('\u{2EDA}', '页'),
    ('\u{2EDB}', '风'),
    ('\u{2EDC}', '飞'),
    ('\u{2EDD}', '食'),
    ('\u{2EDE}', '𩙿'),
    ('\u{2EDF}', '飠'),
    ('\u{2EE0}', '饣'),
    ('\u{2EE1}', '𩠐'),
    ('\u{2EE2}', '马'),
    ('\u{2EE3}', '骨'),
    ('\u{2EE4}', '鬼'),
    ('\u{2EE5}', '鱼'),
    ('\u{2EE6}', '鸟'),
    ('\u{2EE7}', '卤'),
    ('\u{2EE8}', '麦'),
    ('\u{2EE9}', '黄'),
    ('\u{2EEA}', '黾'),
    ('\u{2EEB}', '斉'),
    ('\u{2EEC}', '齐'),
    ('\u{2EED}', '歯'),
    ('\u{2EEE}', '齿'),
    ('\u{2EEF}', '竜'),
    ('\u{2EF0}', '龙'),
    ('\u{2EF1}', '龜'),
    ('\u{2EF2}', '亀'),
    ('\u{2EF3}', '龟'),
];

/// Replaces every CJK Radicals Supplement character that has an equivalent ideograph.
pub(crate) fn to_ideographs(text: &mut String) {
    if !text.chars().any(|c| ('\u{2E80}'..='\u{2EFF}').contains(&c)) {
        return;
    }
    *text = text.chars().map(ideograph).collect();
}

fn ideograph(c: char) -> char {
    SUPPLEMENT
        .binary_search_by_key(&c, |&(radical, _)| radical)
        .ok()
        .and_then(|i| SUPPLEMENT.get(i))
        .map_or(c, |&(_, ideograph)| ideograph)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_maps_into_the_ideographs() {
        assert!(SUPPLEMENT.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(SUPPLEMENT.iter().all(|&(_, i)| !('\u{2E80}'..='\u{2EFF}').contains(&i)));
    }

    #[test]
    fn radicals_read_as_ideographs_and_other_text_is_kept() {
        let mut text = "国⺠健康保険中央会、延⻑、⻘森県".to_owned();
        to_ideographs(&mut text);
        assert_eq!(text, "国民健康保険中央会、延長、青森県");
        // U+2E9A is unassigned: kept as it is.
        let mut text = "⼾\u{2E9A}".to_owned();
        to_ideographs(&mut text);
        assert_eq!(text, "⼾\u{2E9A}");
    }
}
