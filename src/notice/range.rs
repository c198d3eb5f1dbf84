//! Reading a 範囲 cell into items: prefecture headers, names, counts, rules.
//!
//! Nothing here knows the municipalities; [`crate::places`] resolves the names.
//! The cell's lines are joined without separators and whitespace is dropped,
//! because extractors break lines and insert spaces at arbitrary points
//! (`南津軽` / `郡大鰐町`); names fused by that are split by the gazetteer.

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

// The patterns below are matched by hand rather than by regexes, which would
// cost more to compile than a notice takes to read; each function's comment
// gives the regex it matches as, and the tests check them against it.

/// A prefecture header: the prefecture that the names after it belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Header {
    /// The whole header, brackets and marks included.
    whole: std::ops::Range<usize>,
    /// What the header names, by the way it is written.
    name: HeaderName,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum HeaderName {
    /// `【青森県】`, `[青森県]`, `〔青森県〕`, `<青森県>`, `《青森県》`: inside the brackets.
    Bracketed(std::ops::Range<usize>),
    /// `▽石川県=`: between the mark and `=`.
    Marked(std::ops::Range<usize>),
    /// `青森県:`: the text from the last `、`, `,` or `:` to the `:`, which ends in 都道府県.
    Colon(std::ops::Range<usize>),
}

const OPENING: [char; 5] = ['【', '[', '〔', '<', '《'];
const CLOSING: [char; 5] = ['】', ']', '〕', '>', '》'];

/// The headers of `text`, leftmost first and not overlapping, as the regex
/// `[【\[〔<《]([^】\]〕>》【\[〔<《]+)[】\]〕>》]|▽([^=▽]+)=|([^、,:]+[都道府県]):`
/// finds them. (Unbounded runs: the lengths are checked by the caller.)
fn headers(text: &str) -> Vec<Header> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(header) = next_header(text, from) {
        from = header.whole.end;
        found.push(header);
    }
    found
}

fn next_header(text: &str, from: usize) -> Option<Header> {
    // Where the run of characters other than `、`, `,` and `:` that holds the
    // position ends: the same for every position of the run.
    let mut run_end = from;
    for (at, c) in text[from..].char_indices() {
        let at = from + at;
        let after = at + c.len_utf8();
        if OPENING.contains(&c) {
            let inner = run_of(text, after, |c| !OPENING.contains(&c) && !CLOSING.contains(&c));
            if inner > after
                && let Some(close) = text[inner..].chars().next().filter(|c| CLOSING.contains(c))
            {
                return Some(Header {
                    whole: at..inner + close.len_utf8(),
                    name: HeaderName::Bracketed(after..inner),
                });
            }
        }
        if c == '▽' {
            let inner = run_of(text, after, |c| c != '=' && c != '▽');
            if inner > after && text[inner..].starts_with('=') {
                return Some(Header {
                    whole: at..inner + 1,
                    name: HeaderName::Marked(after..inner),
                });
            }
        }
        if matches!(c, '、' | ',' | ':') {
            continue;
        }
        if run_end <= at {
            run_end = run_of(text, at, |c| !matches!(c, '、' | ',' | ':'));
        }
        let name = &text[at..run_end];
        if text[run_end..].starts_with(':') && name.ends_with(['都', '道', '府', '県']) && name.chars().nth(1).is_some()
        {
            return Some(Header {
                whole: at..run_end + 1,
                name: HeaderName::Colon(at..run_end),
            });
        }
    }
    None
}

/// The end of the run of characters from `from` that satisfy `in_run`.
fn run_of(text: &str, from: usize, in_run: impl Fn(char) -> bool) -> usize {
    text[from..]
        .char_indices()
        .find(|&(_, c)| !in_run(c))
        .map_or(text.len(), |(at, _)| from + at)
}

/// The piece names a count or all municipalities, as the regex
/// `^(?:[^、0-9]*の)?(?:[0-9]+[都道府県])?(?P<all>全)?(?P<n>[0-9]+)?(?:市区町村|市町村|市町|市村|町村|市|町|村)(?:全域)?$`
/// matches it: `47市町村`, `4県47市町村`, `他の29市町村`, `全市町村全域`. Returns
/// whether `全` was written and the count's digits.
fn count(piece: &str) -> Option<(bool, Option<&str>)> {
    let rest = piece.strip_suffix("全域").unwrap_or(piece);
    // The kinds of municipality counted: the run of 市区町村 letters at the end,
    // as nothing before them may end in one.
    let kinds = rest.trim_end_matches(['市', '区', '町', '村']);
    let written = &rest[kinds.len()..];
    if !["市区町村", "市町村", "市町", "市村", "町村", "市", "町", "村"].contains(&written) {
        return None;
    }
    let rest = kinds;
    let before_n = rest.trim_end_matches(|c: char| c.is_ascii_digit());
    let n = (before_n.len() < rest.len()).then(|| &rest[before_n.len()..]);
    let (rest, all) = match before_n.strip_suffix('全') {
        Some(rest) => (rest, true),
        None => (before_n, false),
    };
    // `4県`: prefectures counted before the municipalities.
    let rest = match rest.strip_suffix(['都', '道', '府', '県']) {
        Some(digits) => {
            let before = digits.trim_end_matches(|c: char| c.is_ascii_digit());
            if before.len() == digits.len() {
                return None;
            }
            before
        }
        None => rest,
    };
    // `他の`, `新潟、富山の` is not this (a list is [`prefectures_with_count`]).
    let lead_ok = rest.is_empty() || rest.ends_with('の') && !rest.contains(|c: char| c == '、' || c.is_ascii_digit());
    lead_ok.then_some((all, n))
}

/// The words of a rule given instead of names, as the regex
/// `災害救助法|適用された|有する|所在する|市区町村に` finds them.
fn is_rule(piece: &str) -> bool {
    ["災害救助法", "適用された", "有する", "所在する", "市区町村に"]
        .iter()
        .any(|w| piece.contains(w))
}

/// The prose around a list written as a sentence (`対象地域に…を追加`, `対象は…`),
/// as the regex `^(?:対象地域に|対象地域は|対象地域:|対象は|対象地域として)|(?:を追加(?:する|します|いたします|致します)?|を対象とする|を対象とします)[。.、]*$`
/// finds it: the opening words and the closing words with the stops after them.
fn prose(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    let opening = ["対象地域に", "対象地域は", "対象地域:", "対象は", "対象地域として"]
        .iter()
        .find(|w| text.starts_with(**w));
    if let Some(w) = opening {
        found.push(0..w.len());
    }
    let before_stops = text.trim_end_matches(['。', '.', '、']);
    let closing = [
        "を追加",
        "を追加する",
        "を追加します",
        "を追加いたします",
        "を追加致します",
        "を対象とする",
        "を対象とします",
    ]
    .iter()
    .find(|w| before_stops.ends_with(**w));
    if let Some(w) = closing {
        // The closing words hold no word of the opening ones, so the two never overlap.
        found.push(before_stops.len() - w.len()..text.len());
    }
    found
}

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
    let body = {
        let mut blanked = body.clone();
        for words in prose(&body) {
            let len = words.len();
            blanked.replace_range(words, &("、".repeat(len / 3) + &" ".repeat(len % 3)));
        }
        blanked
    };
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
    for header in headers(&body) {
        let mut whole = header.whole;
        let name = match header.name {
            // `山形県:` also after the list before it (`…遊佐町秋田県:湯沢市`, lines
            // joined): the header is the longest ending that is a prefecture.
            HeaderName::Colon(run) => {
                let text = &body[run.clone()];
                let start = text
                    .char_indices()
                    .map(|(i, _)| i)
                    .find(|&i| onshi_gazetteer::Gazetteer::bundled().prefecture(&text[i..]).is_some());
                match start {
                    Some(i) => {
                        whole.start = run.start + i;
                        Some(text[i..].to_owned())
                    }
                    // `…について:` is no header.
                    None => continue,
                }
            }
            HeaderName::Bracketed(inner) | HeaderName::Marked(inner) => Some(body[inner].to_owned()),
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

/// `新潟、富山、石川、福井の4県47市町村`: the count of a list of prefectures, as
/// the regex `^[、 ]*(?:[^、0-9]{2,4}[、・と])+[^、0-9]{2,4}の(?:[0-9]+[都道府県])?([0-9]+)(?:市区町村|市町村|市町|町村)[、 ]*$`
/// reads it.
fn prefectures_with_count(text: &str) -> Option<u32> {
    let rest = text.trim_end_matches(['、', ' ']);
    let rest = ["市区町村", "市町村", "市町", "町村"]
        .iter()
        .filter_map(|w| rest.strip_suffix(w))
        .find(|r| r.ends_with(|c: char| c.is_ascii_digit()))?;
    let before = rest.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = &rest[before.len()..];
    let list = match before.strip_suffix(['都', '道', '府', '県']) {
        Some(counted) => {
            let list = counted.trim_end_matches(|c: char| c.is_ascii_digit());
            if list.len() == counted.len() {
                return None;
            }
            list
        }
        None => before,
    };
    let list = list.strip_suffix('の')?;
    is_prefecture_list(list).then(|| digits.parse().ok()).flatten()
}

/// `^[、 ]*(?:[^、0-9]{2,4}[、・と])+[^、0-9]{2,4}$`: two or more names of two to
/// four characters, each but the last followed by `、`, `・` or `と`, perhaps after
/// `、` and spaces. A name may itself hold `・`, `と` or spaces, so the ways of
/// splitting are tried from the end.
fn is_prefecture_list(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    if chars.iter().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let name = |from: usize, len: usize| chars.get(from..from + len).is_some_and(|n| !n.contains(&'、'));
    // `ends[i]`: the text from `i` is names and separators ending in a name, and
    // `more[i]`: … with at least one separator.
    let n = chars.len();
    let mut ends = vec![false; n + 1];
    let mut more = vec![false; n + 1];
    for i in (0..n).rev() {
        for len in 2..=4 {
            if !name(i, len) {
                continue;
            }
            let next = i + len;
            ends[i] |= next == n;
            if next < n && matches!(chars[next], '、' | '・' | 'と') {
                more[i] |= ends[next + 1] || more[next + 1];
            }
        }
    }
    let lead = chars.iter().take_while(|c| matches!(c, '、' | ' ')).count();
    (0..=lead).any(|i| more[i])
}

fn separator_len(rest: &str) -> usize {
    rest.chars().next().map_or(0, char::len_utf8)
}

fn classify(piece: &str) -> ItemKind {
    if piece == "全域" || piece == "全市町村" || piece == "全市区町村" {
        return ItemKind::WholePrefecture;
    }
    if let Some((all, n)) = count(piece) {
        if let Some(n) = n.and_then(|n| n.parse().ok()) {
            return ItemKind::Count(n);
        }
        if all {
            return ItemKind::WholePrefecture;
        }
    }
    if is_rule(piece) {
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
    use crate::notice::text_of;
    use proptest::prelude::*;

    fn header_spans(text: &str) -> Vec<(std::ops::Range<usize>, usize, std::ops::Range<usize>)> {
        headers(text)
            .into_iter()
            .map(|h| match h.name {
                HeaderName::Bracketed(r) => (h.whole, 1, r),
                HeaderName::Marked(r) => (h.whole, 2, r),
                HeaderName::Colon(r) => (h.whole, 3, r),
            })
            .collect()
    }

    #[test]
    fn header_cases() {
        assert_eq!(header_spans("【青森県】青森市"), [(0..15, 1, 3..12)]);
        assert_eq!(header_spans("▽石川県=金沢市"), [(0..13, 2, 3..12)]);
        assert_eq!(header_spans("遊佐町秋田県:湯沢市"), [(0..19, 3, 0..18)]);
        assert_eq!(header_spans("a、秋田県:"), [(4..14, 3, 4..13)]);
        assert!(header_spans("【】、県:、【青森県【").is_empty());
        assert!(header_spans("▽=、について:").is_empty());
    }

    #[test]
    fn count_cases() {
        assert_eq!(count("47市町村"), Some((false, Some("47"))));
        assert_eq!(count("4県47市町村"), Some((false, Some("47"))));
        assert_eq!(count("他の29市町村"), Some((false, Some("29"))));
        assert_eq!(count("全市町村全域"), Some((true, None)));
        assert_eq!(count("村"), Some((false, None)));
        assert_eq!(count("県47市町村"), None);
        assert_eq!(count("新潟、富山の47市町村"), None);
        assert_eq!(count("47市町村役場"), None);
    }

    #[test]
    fn list_count_rule_and_prose_cases() {
        assert_eq!(prefectures_with_count("新潟、富山、石川、福井の4県47市町村"), Some(47));
        assert_eq!(prefectures_with_count("、新潟・富山と石川の12町村、 "), Some(12));
        assert_eq!(prefectures_with_count("新潟の47市町村"), None);
        assert_eq!(prefectures_with_count("新潟県庁舎、富山の47市町村"), None);
        assert!(is_rule("災害救助法が適用された市区町村"));
        assert!(!is_rule("青森市"));
        let text = "対象地域に佐賀市を追加します。";
        assert_eq!(prose(text), [0..15, 24..text.len()]);
        assert!(prose("佐賀市、唐津市").is_empty());
    }

    proptest! {
        #[test]
        fn headers_match_their_regex(text in text_of::words(&[
            "【", "】", "[", "]", "〔", "〕", "<", ">", "《", "》", "▽", "=", "、", ",", ":", "都", "県", "青森", "市", " ",
        ])) {
            let regex = regex::Regex::new(r"[【\[〔<《]([^】\]〕>》【\[〔<《]+)[】\]〕>》]|▽([^=▽]+)=|([^、,:]+[都道府県]):").unwrap();
            let expected: Vec<_> = regex
                .captures_iter(&text)
                .map(|c| {
                    let (group, inner) = (1..=3).find_map(|g| c.get(g).map(|m| (g, m.range()))).unwrap();
                    (c.get(0).unwrap().range(), group, inner)
                })
                .collect();
            prop_assert_eq!(header_spans(&text), expected);
        }

        #[test]
        fn count_matches_its_regex(piece in text_of::words(&[
            "全", "全域", "域", "市", "区", "町", "村", "の", "他", "、", "4", "12", "県", "都", "x",
        ])) {
            let regex = regex::Regex::new(r"^(?:[^、0-9]*の)?(?:[0-9]+[都道府県])?(?P<all>全)?(?P<n>[0-9]+)?(?:市区町村|市町村|市町|市村|町村|市|町|村)(?:全域)?$").unwrap();
            let expected = regex.captures(&piece).map(|c| (c.name("all").is_some(), c.name("n").map(|n| n.as_str())));
            prop_assert_eq!(count(&piece), expected);
        }

        #[test]
        fn list_count_matches_its_regex(text in text_of::words(&[
            "、", " ", "・", "と", "の", "新潟", "富", "山", "4", "47", "県", "市", "町村", "市町村", "x",
        ])) {
            let regex = regex::Regex::new(r"^[、 ]*(?:[^、0-9]{2,4}[、・と])+[^、0-9]{2,4}の(?:[0-9]+[都道府県])?([0-9]+)(?:市区町村|市町村|市町|町村)[、 ]*$").unwrap();
            let expected = regex.captures(&text).and_then(|c| c[1].parse().ok());
            prop_assert_eq!(prefectures_with_count(&text), expected);
        }

        #[test]
        fn list_count_matches_its_regex_on_lists(
            lead in proptest::sample::select(&["", "、", " ", "、 ", "x"][..]),
            names in proptest::collection::vec(
                (
                    proptest::sample::select(&["新潟", "富山", "石", "山 形", "新潟県庁", "と", "・", "x、y"][..]),
                    proptest::sample::select(&["、", "・", "と", ""][..]),
                ),
                0..5,
            ),
            last in proptest::sample::select(&["福井", "井", "と福", "福井県庁舎", ""][..]),
            counted in proptest::sample::select(&["", "4県", "4", "県", "の"][..]),
            n in proptest::sample::select(&["47", "", "x"][..]),
            kinds in proptest::sample::select(&["市町村", "町村", "市区町村", "市町", "市", ""][..]),
            tail in proptest::sample::select(&["", "、", " 、", "x"][..]),
        ) {
            let list: String = names.iter().map(|(n, s)| format!("{n}{s}")).collect();
            let text = format!("{lead}{list}{last}の{counted}{n}{kinds}{tail}");
            let regex = regex::Regex::new(r"^[、 ]*(?:[^、0-9]{2,4}[、・と])+[^、0-9]{2,4}の(?:[0-9]+[都道府県])?([0-9]+)(?:市区町村|市町村|市町|町村)[、 ]*$").unwrap();
            let expected = regex.captures(&text).and_then(|c| c[1].parse().ok());
            prop_assert_eq!(prefectures_with_count(&text), expected);
        }

        #[test]
        fn rule_and_prose_match_their_regexes(text in text_of::words(&[
            "対象地域に", "対象地域は", "対象地域:", "対象は", "対象地域として", "対象", "を追加", "する", "します",
            "いたします", "致します", "を対象とする", "を対象とします", "を", "。", ".", "、", "佐賀市",
            "災害救助法", "適用された", "有する", "所在する", "市区町村に",
        ])) {
            let rule = regex::Regex::new(r"災害救助法|適用された|有する|所在する|市区町村に").unwrap();
            prop_assert_eq!(is_rule(&text), rule.is_match(&text));
            let prose_regex = regex::Regex::new(r"^(?:対象地域に|対象地域は|対象地域:|対象は|対象地域として)|(?:を追加(?:する|します|いたします|致します)?|を対象とする|を対象とします)[。.、]*$").unwrap();
            let expected: Vec<_> = prose_regex.find_iter(&text).map(|m| m.range()).collect();
            prop_assert_eq!(prose(&text), expected);
        }
    }

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
