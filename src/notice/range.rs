//! Reading a 範囲 cell into items: prefecture headers, names, counts, rules.
//!
//! Nothing here knows the municipalities; [`crate::places`] resolves the names.
//! The cell's lines are joined without separators and whitespace is dropped,
//! because extractors break lines and insert spaces at arbitrary points
//! (`南津軽` / `郡大鰐町`); names fused by that are split by the gazetteer.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::Position;

use super::table::{CellLine, RangeCell, join, position_at};
use onshi_pdf_text::normalize::compact;

/// One thing the range cell names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeItem {
    /// The prefecture header in force, as written (`青森県`, `新潟`).
    pub prefecture: Option<String>,
    /// The item as written, after normalization.
    pub text: String,
    /// Where it stands in the text.
    pub position: Position,
    /// What the item names.
    pub kind: ItemKind,
}

/// What a 範囲 item names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// One or more municipality names, possibly fused.
    Names,
    /// A prefecture given with no municipality after it, or `全域`.
    WholePrefecture,
    /// `47市町村`, `全43市町村`, `他の29市町村`.
    Count(u32),
    /// A rule instead of names (`災害救助法が適用された市区町村`).
    Rule,
}

/// A remark inside the cell that is not a place (`※7月10日19時30分追加`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeNote {
    /// The remark as written.
    pub text: String,
    /// Where it stands in the text.
    pub position: Position,
}

/// A 範囲 cell read into items: the places it names, in order, and the
/// remarks it makes beside them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RangeList {
    /// At most [`MAX_ITEMS`].
    pub items: Vec<RangeItem>,
    /// Remarks inside the cell (`※…追加`, `(一部)`), kept out of the places.
    pub notes: Vec<RangeNote>,
    /// Items past [`MAX_ITEMS`], counted but not kept.
    pub omitted: usize,
}

/// More items than this in one 範囲 is not a notice but noise (or an attack):
/// the whole country has fewer than 2,000 local governments.
pub const MAX_ITEMS: usize = 10_000;

impl RangeList {
    fn push(&mut self, item: RangeItem) {
        if self.items.len() < MAX_ITEMS {
            self.items.push(item);
        } else {
            self.omitted += 1;
        }
    }
}

static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    // 【青森県】, [青森県], 〔青森県〕, <青森県>, ▽石川県=, 青森県: — the prefecture that names after it belong to.
    // Unbounded classes (lengths are checked after matching) compile far faster than `{2,5}`.
    Regex::new(r"[【\[〔<《]([^】\]〕>》【\[〔<《]+)[】\]〕>》]|▽([^=▽]+)=|([^、,:]+[都道府県]):")
        .expect("static regex")
});
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[^、0-9]*の)?(?:[0-9]+[都道府県])?(?P<all>全)?(?P<n>[0-9]+)?(?:市区町村|市町村|市町|市村|町村|市|町|村)(?:全域)?$")
        .expect("static regex")
});
/// Prose around a list written as a sentence: `対象地域に…を追加`, `対象は…`.
static PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:対象地域に|対象地域は|対象地域:|対象は|対象地域として)|(?:を追加(?:する|します|いたします|致します)?|を対象とする|を対象とします)[。.、]*$")
        .expect("static regex")
});
static RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"災害救助法|適用された|有する|所在する|市区町村に").expect("static regex"));

/// Read a 範囲 cell; a prefecture given in a cell of its own holds for the
/// names until the cell names another.
pub fn parse_cell(cell: &RangeCell) -> RangeList {
    parse_under(&cell.lines, cell.prefecture.as_ref())
}

/// Read the lines of one 範囲 cell into items.
pub fn parse(cell: &[CellLine]) -> RangeList {
    parse_under(cell, None)
}

fn parse_under(cell: &[CellLine], prefecture_cell: Option<&CellLine>) -> RangeList {
    let (joined, starts) = join(cell);
    let position_at = |offset: usize| position_at(&starts, offset);
    let mut range = RangeList::default();
    let (body, map, notes) = strip_notes(&joined);
    // Drop the prose around a sentence-style list, keeping offsets by blanking
    // it out with separators of the same length.
    let body = PROSE
        .replace_all(&body, |c: &regex::Captures<'_>| {
            "、".repeat(c[0].len() / 3) + &" ".repeat(c[0].len() % 3)
        })
        .into_owned();
    let source_offset = |offset: usize| map.source(offset).min(joined.len());
    for (offset, note) in notes {
        range.notes.push(RangeNote {
            text: note,
            position: position_at(offset),
        });
    }

    // Split at each prefecture header; the header holds until the next one.
    let mut prefecture: Option<String> = prefecture_cell.map(|p| {
        compact(&p.text)
            .trim_matches(['【', '】', '[', ']', '〔', '〕', '(', ')'])
            .to_owned()
    });
    let mut header_pending = prefecture.is_some();
    if let Some(p) = prefecture_cell
        && cell.is_empty()
    {
        // A prefecture row with no names: the whole prefecture.
        range.push(RangeItem {
            prefecture: prefecture.clone(),
            text: prefecture.clone().unwrap_or_default(),
            position: p.position,
            kind: ItemKind::WholePrefecture,
        });
        return range;
    }
    let mut cursor = 0;
    let mut segments: Vec<(Option<String>, usize, &str, bool)> = Vec::new();
    for m in HEADER.captures_iter(&body) {
        let Some(mut whole) = m.get(0).map(|g| g.range()) else {
            continue;
        };
        // `山形県:` also after the list before it (`…遊佐町秋田県:湯沢市`, lines
        // joined): the header is the longest ending that is a prefecture.
        let colon = m.get(3).map(|g| {
            let text = g.as_str();
            let start = text
                .char_indices()
                .map(|(i, _)| i)
                .find(|&i| onshi_gazetteer::Gazetteer::bundled().prefecture(&text[i..]).is_some());
            (g.start(), start.map(|i| text[i..].to_owned()))
        });
        let name = match colon {
            Some((at, Some(name))) => {
                whole.start = at + m.get(3).map_or(0, |g| g.as_str().len()) - name.len();
                Some(name)
            }
            // `…について:` is no header.
            Some((_, None)) => continue,
            None => m.get(1).or(m.get(2)).map(|g| g.as_str().to_owned()),
        };
        // A prefecture name is 2 to 4 characters, with its 都道府県 5 at most.
        if !name.as_ref().is_some_and(|n| (2..=5).contains(&n.chars().count())) {
            continue;
        }
        if whole.start < cursor {
            continue;
        }
        segments.push((prefecture.clone(), cursor, &body[cursor..whole.start], header_pending));
        prefecture = name;
        header_pending = true;
        cursor = whole.end;
    }
    segments.push((prefecture, cursor, &body[cursor..], header_pending));

    for (prefecture, offset, text, after_header) in segments {
        // `新潟、富山、石川、福井の4県47市町村`: prefectures listed before a count
        // belong to the count, not to the list of areas.
        if let Some(count) = prefectures_with_count(text) {
            range.push(RangeItem {
                prefecture: prefecture.clone(),
                text: text.trim_matches(['、', ' ']).to_owned(),
                position: position_at(source_offset(offset)),
                kind: ItemKind::Count(count),
            });
            continue;
        }
        let mut named_any = false;
        let mut piece_start = offset;
        for piece in text.split(['、', ',', ';', '・']) {
            let start = piece_start;
            piece_start += piece.len() + separator_len(&body[start + piece.len()..]);
            let piece =
                piece.trim_matches(|c: char| c == '。' || c == '-' || c == '―' || c == 'ー' || c == '~' || c == ' ');
            if piece.is_empty() {
                continue;
            }
            named_any = true;
            let kind = classify(piece);
            range.push(RangeItem {
                prefecture: prefecture.clone(),
                text: piece.to_owned(),
                position: position_at(source_offset(start)),
                kind,
            });
        }
        if after_header && !named_any {
            range.push(RangeItem {
                prefecture: prefecture.clone(),
                text: prefecture.clone().unwrap_or_default(),
                position: position_at(source_offset(offset)),
                kind: ItemKind::WholePrefecture,
            });
        }
    }
    range
}

fn prefectures_with_count(text: &str) -> Option<u32> {
    static LIST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[、 ]*(?:[^、0-9]{2,4}[、・と])+[^、0-9]{2,4}の(?:[0-9]+[都道府県])?([0-9]+)(?:市区町村|市町村|市町|町村)[、 ]*$").expect("static regex")
    });
    LIST.captures(text)?.get(1)?.as_str().parse().ok()
}

fn separator_len(rest: &str) -> usize {
    rest.chars().next().map_or(0, char::len_utf8)
}

fn classify(piece: &str) -> ItemKind {
    if piece == "全域" || piece == "全市町村" || piece == "全市区町村" {
        return ItemKind::WholePrefecture;
    }
    if let Some(c) = COUNT.captures(piece) {
        if let Some(n) = c.name("n").and_then(|n| n.as_str().parse().ok()) {
            return ItemKind::Count(n);
        }
        if c.name("all").is_some() {
            return ItemKind::WholePrefecture;
        }
    }
    if RULE.is_match(piece) {
        return ItemKind::Rule;
    }
    ItemKind::Names
}

/// Remove `※…` remarks and `(…)` asides, which annotate rather than name, and
/// turn the conjunctions 及び/並びに into separators. Returns the cleaned text,
/// a map from its byte offsets to the offsets in `joined`, and the remarks.
/// Offsets in the cleaned text mapped back to the joined cell. Only the points
/// where the two stop running in step are stored (an anchor per removed
/// remark), so a long cell costs no map entry per byte.
#[derive(Default)]
struct OffsetMap {
    anchors: Vec<(usize, usize)>,
}

impl OffsetMap {
    fn record(&mut self, body: usize, source: usize) {
        let in_step = self.anchors.last().is_some_and(|&(b, s)| s + (body - b) == source);
        if !in_step {
            self.anchors.push((body, source));
        }
    }

    fn source(&self, body: usize) -> usize {
        let k = self.anchors.partition_point(|&(b, _)| b <= body);
        match self.anchors.get(k.saturating_sub(1)) {
            Some(&(b, s)) => s + body.saturating_sub(b),
            None => body,
        }
    }
}

fn strip_notes(joined: &str) -> (String, OffsetMap, Vec<(usize, String)>) {
    let mut body = String::with_capacity(joined.len());
    let mut map = OffsetMap::default();
    let mut notes = Vec::new();
    let push = |body: &mut String, map: &mut OffsetMap, c: char, at: usize| {
        map.record(body.len(), at);
        body.push(c);
    };
    let mut chars = joined.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let rest = &joined[i..];
        if let Some(conjunction) = ["並びに", "及び"].iter().find(|w| rest.starts_with(**w)) {
            push(&mut body, &mut map, '、', i);
            for _ in 1..conjunction.chars().count() {
                chars.next();
            }
            continue;
        }
        match c {
            // A ※ remark runs to the next prefecture header or the end of the cell.
            '※' => {
                let mut note = String::from(c);
                while let Some(&(_, n)) = chars.peek() {
                    if matches!(n, '【' | '[' | '〔' | '▽') {
                        break;
                    }
                    note.push(n);
                    chars.next();
                }
                notes.push((i, note));
                push(&mut body, &mut map, '、', i);
            }
            '(' => {
                let mut note = String::from(c);
                let mut depth = 1;
                for (_, n) in chars.by_ref() {
                    note.push(n);
                    match n {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    if depth == 0 {
                        break;
                    }
                }
                notes.push((i, note));
            }
            c => push(&mut body, &mut map, c, i),
        }
    }
    map.record(body.len(), joined.len());
    (body, map, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(lines: &[&str]) -> Vec<CellLine> {
        lines
            .iter()
            .enumerate()
            .map(|(n, text)| CellLine {
                position: Position {
                    page: 1,
                    line: n as u32 + 10,
                },
                text: (*text).to_owned(),
            })
            .collect()
    }

    fn items(range: &RangeList) -> Vec<(Option<&str>, &str, ItemKind, u32)> {
        range
            .items
            .iter()
            .map(|i| (i.prefecture.as_deref(), i.text.as_str(), i.kind, i.position.line))
            .collect()
    }

    #[test]
    fn seed_cell() {
        let r = parse(&cell(&[
            "【青森県】青森市、弘前市、平川市 南津軽郡藤崎町、南津軽",
            "郡大鰐町",
        ]));
        assert_eq!(
            items(&r),
            [
                (Some("青森県"), "青森市", ItemKind::Names, 10),
                (Some("青森県"), "弘前市", ItemKind::Names, 10),
                (Some("青森県"), "平川市南津軽郡藤崎町", ItemKind::Names, 10),
                (Some("青森県"), "南津軽郡大鰐町", ItemKind::Names, 10),
            ]
        );
    }

    #[test]
    fn news_style_headers_counts_and_notes() {
        let r = parse(&cell(&[
            "▽石川県=金沢市、能登町▽富山県=氷見市―。",
            "【福井県】全域、【新潟県】",
            "他の29市町村 ※7月10日19時30分追加",
        ]));
        assert_eq!(
            items(&r),
            [
                (Some("石川県"), "金沢市", ItemKind::Names, 10),
                (Some("石川県"), "能登町", ItemKind::Names, 10),
                (Some("富山県"), "氷見市", ItemKind::Names, 10),
                (Some("福井県"), "全域", ItemKind::WholePrefecture, 11),
                (Some("新潟県"), "他の29市町村", ItemKind::Count(29), 12),
            ]
        );
        assert_eq!(r.notes[0].text, "※7月10日19時30分追加");
    }

    #[test]
    fn conjunctions_and_asides() {
        let r = parse(&cell(&["【石川県】金沢市(一部)及び七尾市並びに", "4県47市町村"]));
        assert_eq!(
            items(&r),
            [
                (Some("石川県"), "金沢市", ItemKind::Names, 10),
                (Some("石川県"), "七尾市", ItemKind::Names, 10),
                (Some("石川県"), "4県47市町村", ItemKind::Count(47), 11),
            ]
        );
        assert_eq!(r.notes[0].text, "(一部)");
    }

    #[test]
    fn sentence_lists_and_prefectures_before_a_count() {
        let r = parse(&cell(&["対象地域に佐賀県佐賀市、唐津市を追加 ※7月10日19時30分追加"]));
        assert_eq!(
            items(&r),
            [
                (None, "佐賀県佐賀市", ItemKind::Names, 10),
                (None, "唐津市", ItemKind::Names, 10)
            ]
        );
        let r = parse(&cell(&[
            "新潟、富山、石川、福井の4県47市町村(災害救助法が適用された市町村)",
        ]));
        assert_eq!(
            items(&r),
            [(None, "新潟、富山、石川、福井の4県47市町村", ItemKind::Count(47), 10)]
        );
        let r = parse(&cell(&["上記以外の29市町村"]));
        assert_eq!(items(&r), [(None, "上記以外の29市町村", ItemKind::Count(29), 10)]);
    }

    #[test]
    fn lone_header_is_the_whole_prefecture_and_rules_are_kept() {
        let r = parse(&cell(&["【大分県】"]));
        assert_eq!(items(&r), [(Some("大分県"), "大分県", ItemKind::WholePrefecture, 10)]);
        let r = parse(&cell(&["災害救助法が適用された市区町村を有する都道府県"]));
        assert_eq!(r.items[0].kind, ItemKind::Rule);
    }
}
