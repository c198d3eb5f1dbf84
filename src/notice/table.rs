//! The 範囲/期間 table under `記`.
//!
//! Extractors flatten the table differently: the label and its cell on one
//! line (tab-separated in text renderings), the cell wrapped over following
//! lines, or split across a page break with a page number in between. This
//! module gathers each cell's lines with their positions; it does not
//! interpret them.

use crate::diagnostic::Position;
use onshi_pdf_text::layout::{self, Block, Furniture};
use onshi_pdf_text::normalize::{Line, compact};

/// Which row of the table a label opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A 範囲 (areas) row.
    Range,
    /// A 期間 (period) row.
    Period,
    /// A period row whose label names its end (`閉塞日時`).
    Closing,
}

/// One line of a cell, whitespace kept as extracted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellLine {
    /// Where the line stands in the text.
    pub position: Position,
    /// The line as normalized, without the cell label.
    pub text: String,
}

/// A 期間 cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeriodCell {
    /// The label says the date ends the period (`閉塞日時`), so a bare date is an end.
    pub closes: bool,
    /// The cell's lines, in order.
    pub lines: Vec<CellLine>,
}

/// A 範囲 cell, with what its row says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RangeCell {
    /// The cell's lines, in order.
    pub lines: Vec<CellLine>,
    /// The prefecture from a cell of its own (`都道府県 | 市町村`), which
    /// holds for the names of this cell.
    pub prefecture: Option<CellLine>,
    /// The index in [`Table::periods`] of the period in this cell's row, when
    /// the table says; otherwise periods pair with ranges by count.
    pub period: Option<usize>,
}

impl RangeCell {
    /// A 範囲 cell of these lines, with no prefecture or period of its own.
    pub fn new(lines: Vec<CellLine>) -> Self {
        RangeCell {
            lines,
            prefecture: None,
            period: None,
        }
    }
}

/// The 範囲 and 期間 cells of a notice, in the order they stand.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// One entry per 範囲 row (notices with several areas have several rows).
    pub ranges: Vec<RangeCell>,
    /// The 期間 cells; each 範囲 cell points to the one that applies to it.
    pub periods: Vec<PeriodCell>,
    /// `※` lines after the rows, compacted.
    pub footnotes: Vec<CellLine>,
}

impl Table {
    /// True when the notice has neither 範囲 nor 期間 cells.
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty() && self.periods.is_empty()
    }
}

/// Labels that open a row, longest first so that `開放期間` wins over `期間`.
const LABELS: &[(&str, RowKind)] = &[
    ("アクティブ化対象範囲", RowKind::Range),
    ("追加する範囲", RowKind::Range),
    ("延長する範囲", RowKind::Range),
    ("上記以外の範囲", RowKind::Range),
    ("対象となる市町村", RowKind::Range),
    ("対象となる市区町村", RowKind::Range),
    ("対象市町村", RowKind::Range),
    ("対象市区町村", RowKind::Range),
    ("対象区域", RowKind::Range),
    ("対象範囲", RowKind::Range),
    ("対象地域", RowKind::Range),
    ("範囲", RowKind::Range),
    ("アクティブ化期間", RowKind::Period),
    ("アクティブ化の期間", RowKind::Period),
    ("延長後の期間", RowKind::Period),
    ("開放期間", RowKind::Period),
    ("対象期間", RowKind::Period),
    ("閉塞日時", RowKind::Closing),
    ("終了日時", RowKind::Closing),
    ("期間", RowKind::Period),
];

/// The row a compacted line opens, and the byte length of its label in the
/// compacted form (with an optional `(1)` numbering and a `:` after it).
/// `spaced` says whether the label stood apart from what follows in the line
/// as written (a tab, a space, or nothing after it).
pub fn row_label(compact_line: &str) -> Option<(RowKind, usize)> {
    row_label_spaced(compact_line, false)
}

fn row_label_spaced(compact_line: &str, spaced: bool) -> Option<(RowKind, usize)> {
    let rest = strip_numbering(compact_line);
    let numbering = compact_line.len() - rest.len();
    // A label in brackets: `【期間】`, `<対象地域>`, `[範囲]`.
    let (rest, opened) = match rest.strip_prefix(['【', '<', '[', '《', '〈', '〔']) {
        Some(inner) => (inner, rest.len() - inner.len()),
        None => (rest, 0),
    };
    let exact = LABELS.iter().find_map(|&(label, kind)| {
        let after = rest.strip_prefix(label)?;
        let after = if opened > 0 {
            after.strip_prefix(['】', '>', ']', '》', '〉', '〕'])?
        } else {
            after
        };
        let closing = rest.len() - label.len() - after.len();
        let separator = after.len() - after.trim_start_matches([':', '：', '|']).len();
        // `範囲・期間` is a heading, and `期間中は` is prose; a label stands
        // alone, or is followed by what a cell holds (`範囲【青森県】…`).
        let next = after.chars().next();
        let apart = spaced || separator > 0 || closing > 0 || next.is_none();
        if !apart {
            let content = after.starts_with(['【', '[', '〔', '▽'])
                || super::grid::looks_like_areas(after)
                || super::grid::looks_like_period(after);
            if !content
                || matches!(
                    next,
                    Some('・' | 'は' | 'に' | 'の' | 'を' | 'が' | 'と' | 'で' | 'も' | '中' | '内' | '満' | '等')
                )
            {
                return None;
            }
        }
        Some((kind, numbering + opened + label.len() + closing + separator))
    });
    exact.or_else(|| misread_range_label(rest).map(|len| (RowKind::Range, numbering + len)))
}

/// `範囲` with one character misread (`藝囲`, as OCR gives it) where the row
/// plainly holds areas: `【` and a prefecture's name follow at once. The byte
/// length of the label.
fn misread_range_label(rest: &str) -> Option<usize> {
    let mut chars = rest.chars();
    let label: [char; 2] = [chars.next()?, chars.next()?];
    let matching = label.iter().zip("範囲".chars()).filter(|(a, b)| *a == b).count();
    if matching != 1 || label.iter().any(|c| !is_ideograph(*c)) {
        return None;
    }
    let after = chars.as_str().strip_prefix('【')?;
    let (name, _) = after.split_once('】')?;
    onshi_gazetteer::Gazetteer::bundled().prefecture(name)?;
    Some(rest.len() - chars.as_str().len())
}

fn is_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// [`row_label`] for a line as written, where a space after the label counts.
fn line_label(line: &Line, compact_line: &str) -> Option<(RowKind, usize)> {
    let (_, len) = row_label_spaced(compact_line, true)?;
    let rest = skip_compact_prefix(&line.text, len);
    let spaced = rest.is_empty() || rest.starts_with(char::is_whitespace);
    row_label_spaced(compact_line, spaced)
}

/// A label at the start of a cell's line (`範囲 【石川県】…`, `期間:7日まで`):
/// its kind and the text after it.
pub(super) fn leading_label(text: &str) -> Option<(RowKind, &str)> {
    let line = Line {
        position: Position { page: 1, line: 1 },
        text: text.to_owned(),
    };
    let (kind, len) = line_label(&line, &compact(text))?;
    let rest = skip_compact_prefix(text, len);
    let offset = text.len() - rest.len();
    Some((kind, text.get(offset..)?.trim()))
}

/// A cell that is only a number or mark (`(1)`, `1`, `ア`, `①`).
pub(super) fn is_numbering(text: &str) -> bool {
    let c = compact(text);
    !c.is_empty() && c.chars().count() <= 5 && strip_numbering(&c).trim_matches(['.', ')', '、']).is_empty()
}

fn strip_numbering(s: &str) -> &str {
    // `(1)`, `1.`, `1`, `①` (NFKC turned it into `1`), `第1`, `ア`, `(ア)`, `○`, `・`.
    let s = s.trim_start_matches(['○', '◯', '・', '●', '■', '□', '◆', '◇', '▼', '▶', '-']);
    let is_mark = |c: char| c.is_ascii_digit() || ('ア'..='ソ').contains(&c) || c.is_ascii_alphabetic();
    if let Some(rest) = s.strip_prefix('(')
        && let Some(close) = rest.find(')')
        && close > 0
        && rest[..close].chars().count() <= 3
        && rest[..close].chars().all(is_mark)
    {
        return &rest[close + 1..];
    }
    let body = s.strip_prefix('第').unwrap_or(s);
    let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && digits <= 2 {
        let rest = &body[digits..];
        return rest.trim_start_matches(['.', '、', ')', ',']);
    }
    // One katakana of the iroha-style list (`ア`, `イ`) before a label.
    let mut chars = s.chars();
    if let Some(c) = chars.next()
        && ('ア'..='コ').contains(&c)
    {
        let rest = chars.as_str().trim_start_matches(['.', '、', ')']);
        if LABELS.iter().any(|(label, _)| rest.starts_with(label)) {
            return rest;
        }
    }
    s
}

/// What a cell that holds nothing but a label says its row is: `範囲`,
/// `(1)対象地域:`, `追加する範囲`, `開放期間(予定)`, `閉塞日時`. Any short
/// phrase ending in a word for areas or for a period counts, so that labels
/// not seen before are read; `範囲・期間` (a heading for both) does not.
pub fn cell_label(text: &str) -> Option<RowKind> {
    let c = compact(text);
    let c = strip_numbering(&c);
    let c = c.trim_matches([
        '【', '】', '[', ']', '<', '>', '《', '》', '〈', '〉', '〔', '〕', ':', '*',
    ]);
    let c = c.strip_suffix("(予定)").unwrap_or(c);
    if c.is_empty() || c.chars().count() > 14 {
        return None;
    }
    if let Some(&(_, kind)) = LABELS.iter().find(|(label, _)| *label == c) {
        return Some(kind);
    }
    // `範囲上記以外の29市町村` is a label and its content, `29市町村` a count.
    if c.chars().any(|ch| ch.is_ascii_digit())
        || LABELS
            .iter()
            .any(|(label, _)| c.len() > label.len() && c.starts_with(label))
    {
        return None;
    }
    const AREA_WORDS: &[&str] = &[
        "範囲",
        "地域",
        "市町村",
        "市区町村",
        "区市町村",
        "市町",
        "町村",
        "区域",
        "自治体",
        "市町村名",
        "市区町村名",
        "市町名",
    ];
    const PERIOD_WORDS: &[&str] = &["期間", "期限", "日時", "終了日", "閉塞日", "終了日時", "予定日"];
    let areas = AREA_WORDS.iter().any(|w| c.contains(w));
    let period = PERIOD_WORDS.iter().any(|w| c.contains(w));
    if areas && period {
        return None;
    }
    if period && PERIOD_WORDS.iter().any(|w| c.ends_with(w)) {
        let closes = c.contains("閉塞") || c.contains("終了") || c.contains("期限");
        return Some(if closes { RowKind::Closing } else { RowKind::Period });
    }
    if areas && AREA_WORDS.iter().any(|w| c.ends_with(w)) {
        return Some(RowKind::Range);
    }
    None
}

/// Collect the table from `lines` (the notice's own letter, after `記` if any).
///
/// The lines are read as layout blocks: a table block by what its cells hold
/// (the `grid` module), paragraphs by their labels and headings. Reading stops
/// at `以上`.
pub fn collect(lines: &[Line], furniture: &Furniture) -> Table {
    let mut table = Table::default();
    for block in layout::blocks(lines, furniture) {
        let flow = match &block {
            Block::Table(grid) => {
                let reading = super::grid::read(grid);
                if reading.is_empty() {
                    read_paragraphs(&grid.lines, &mut table, furniture)
                } else {
                    let offset = table.periods.len();
                    table.periods.extend(reading.periods);
                    table.ranges.extend(reading.ranges.into_iter().map(|mut r| {
                        r.period = r.period.map(|p| p + offset);
                        r
                    }));
                    Flow::Continue
                }
            }
            Block::Paragraphs(lines) => read_paragraphs(lines, &mut table, furniture),
        };
        if flow == Flow::End {
            break;
        }
    }
    table
}

/// A list that stands alone (an attachment): like [`collect`], and a table
/// or a run of names without any label is read as the areas.
pub fn collect_list(lines: &[Line], furniture: &Furniture) -> Table {
    let table = collect(lines, furniture);
    if !table.ranges.is_empty() {
        return table;
    }
    // Names without a label: the lines that are mostly names, a new cell at
    // each line that starts with its prefecture (`山形県:酒田市、…`), since a
    // header of that form holds for its own line.
    let mut table = Table::default();
    for line in lines
        .iter()
        .filter(|l| !l.is_blank() && super::grid::looks_like_areas(&l.text))
    {
        let cell = CellLine {
            position: line.position,
            text: line.text.trim().to_owned(),
        };
        let opens = starts_with_prefecture(&compact(&line.text));
        match table.ranges.last_mut() {
            Some(last) if !opens => last.lines.push(cell),
            _ => table.ranges.push(RangeCell::new(vec![cell])),
        }
    }
    table
}

/// `【山形県】…`, `山形県:…`, `山形県 …`: a line that names its prefecture first.
fn starts_with_prefecture(compact_line: &str) -> bool {
    let inner = compact_line.trim_start_matches(['【', '[', '〔', '▽']);
    inner.char_indices().take(5).any(|(i, c)| {
        matches!(c, '都' | '道' | '府' | '県')
            && onshi_gazetteer::Gazetteer::bundled()
                .prefecture(&inner[..i + c.len_utf8()])
                .is_some()
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Continue,
    /// `以上`: the table is over.
    End,
}

/// Paragraph lines: a label (or a numbered heading) opens a cell, which goes
/// on over the lines that belong to it.
fn read_paragraphs(lines: &[Line], table: &mut Table, furniture: &Furniture) -> Flow {
    // Each line compacted once, the `|` of flattened table cells dropped.
    let compacts: Vec<String> = lines.iter().map(|l| l.compact().replace('|', "")).collect();
    // For each line, the next line with content (no blank, no page number):
    // one pass from the end, so a run of blank lines costs linear time.
    let mut next_content = vec![None; lines.len()];
    let mut following = None;
    for (k, compact) in compacts.iter().enumerate().rev() {
        next_content[k] = following;
        if !compact.is_empty() && !furniture.contains(&lines[k]) {
            following = Some(k);
        }
    }
    let mut current: Option<(RowKind, Vec<CellLine>)> = None;
    // A label with nothing under it (a heading over a table or over another
    // label) opens no cell.
    let finish = |table: &mut Table, cell: Option<(RowKind, Vec<CellLine>)>| match cell {
        Some((_, lines)) if lines.is_empty() => {}
        Some((RowKind::Range, lines)) => table.ranges.push(RangeCell::new(lines)),
        Some((RowKind::Period, lines)) => table.periods.push(PeriodCell { closes: false, lines }),
        Some((RowKind::Closing, lines)) => table.periods.push(PeriodCell { closes: true, lines }),
        None => {}
    };
    for (index, line) in lines.iter().enumerate() {
        // Tables flattened with `|` between cells (`| 【大分県】 | 大分市 |`).
        let unpiped;
        let line = if line.text.contains('|') {
            unpiped = Line {
                position: line.position,
                text: line
                    .text
                    .split(['|', ' ', '\t'])
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            &unpiped
        } else {
            line
        };
        let compact = compacts[index].as_str();
        if compact == "以上" {
            finish(table, current.take());
            return Flow::End;
        }
        if furniture.contains(line) {
            continue;
        }
        if compact.starts_with('※') {
            finish(table, current.take());
            table.footnotes.push(CellLine {
                position: line.position,
                text: compact.to_owned(),
            });
            continue;
        }
        if let Some((kind, label_len)) = line_label(line, compact) {
            finish(table, current.take());
            let first = skip_compact_prefix(&line.text, label_len);
            let mut cell = Vec::new();
            if !first.trim().is_empty() {
                cell.push(CellLine {
                    position: line.position,
                    text: first.trim().to_owned(),
                });
            }
            current = Some((kind, cell));
            continue;
        }
        if current.is_none() && (opens_area_list(compact) || opens_unbracketed_list(line)) {
            current = Some((RowKind::Range, Vec::new()));
        }
        let Some((kind, cell)) = current.as_mut() else {
            continue;
        };
        if line.is_blank() {
            // A blank line ends a cell unless a list is still open (`、` or a lone
            // `【県】`), or it is the foot of a page whose cell goes on overleaf.
            let open = cell.last().is_some_and(|l| {
                let t = l.text.trim_end();
                t.ends_with('、') || t.ends_with('】') || t.ends_with(',')
            }) || (*kind == RowKind::Range && cell.is_empty());
            let page_break = next_content[index].map(|k| &lines[k]).is_some_and(|next| {
                next.position.page > line.position.page && next.text.starts_with(char::is_whitespace)
            });
            if !open && !page_break {
                finish(table, current.take());
            }
            continue;
        }
        // A period cell continues only on indented lines (extractors start a
        // continued cell with a tab); an unindented line is the next paragraph.
        // A range list continues unless the line is a sentence of prose.
        let indented = line.text.starts_with(char::is_whitespace);
        let prose = compact.ends_with('。');
        let continues = match kind {
            // A heading alone on its line (`2 期間`) is followed by its
            // content whether or not it is indented.
            // So is a list of periods under it (`ア …まで` / `イ …まで`).
            RowKind::Period | RowKind::Closing => {
                indented || (super::grid::looks_like_period(compact) && (cell.is_empty() || is_list_item(line)))
            }
            RowKind::Range => indented || !prose,
        };
        if !continues {
            finish(table, current.take());
            continue;
        }
        cell.push(CellLine {
            position: line.position,
            text: line.text.trim().to_owned(),
        });
    }
    finish(table, current.take());
    Flow::Continue
}

/// A line that is an item of a list: its numbering as the labels' (`(1)`,
/// `1.`, `①`, `・`), or a mark set apart as written (`ア 山形県…`, `(イ)…`).
fn is_list_item(line: &Line) -> bool {
    let compact_line = line.compact();
    if strip_numbering(&compact_line).len() < compact_line.len() {
        return true;
    }
    let t = line.text.trim_start();
    let mut chars = t.chars();
    match chars.next() {
        Some(c) if ('ア'..='ソ').contains(&c) || c.is_ascii_alphabetic() => chars
            .next()
            .is_some_and(|n| n.is_whitespace() || matches!(n, '.' | ')' | '、')),
        Some('(') => t.find(')').is_some_and(|close| (2..=4).contains(&close)),
        _ => false,
    }
}

/// A line that starts with a bracketed prefecture (`【大分県】`) begins an
/// area list even without a 範囲 label (portal announcements, table cells).
fn opens_area_list(compact: &str) -> bool {
    let Some(rest) = compact.strip_prefix(['【', '[', '〔']) else {
        return false;
    };
    rest.find(['】', ']', '〕'])
        .is_some_and(|end| rest[..end].ends_with(['都', '道', '府', '県']) && rest[..end].chars().count() <= 4)
}

/// A line that names a prefecture first and then municipalities, without
/// brackets (`福島県いわき市`, `青森　青森市、弘前市`): an area list too.
fn opens_unbracketed_list(line: &Line) -> bool {
    let text = line.text.trim();
    let first = text.split_whitespace().next().unwrap_or_default();
    let named = starts_with_prefecture(&compact(text))
        || onshi_gazetteer::Gazetteer::bundled().prefecture(first).is_some() && first.chars().count() <= 4;
    named && super::grid::looks_like_areas(text)
}

/// The rest of `text` after its first `n` bytes of non-whitespace.
fn skip_compact_prefix(text: &str, n: usize) -> &str {
    let mut seen = 0;
    for (i, c) in text.char_indices() {
        if seen >= n {
            return &text[i..];
        }
        if !c.is_whitespace() {
            seen += c.len_utf8();
        }
    }
    ""
}

/// The position of the line that holds byte `offset` of a joined text, given
/// each line's starting offset (sorted); a binary search, as cells can be long.
pub fn position_at(starts: &[(usize, Position)], offset: usize) -> Position {
    let k = starts.partition_point(|(start, _)| *start <= offset);
    starts
        .get(k.saturating_sub(1))
        .map(|&(_, p)| p)
        .unwrap_or(Position { page: 1, line: 1 })
}

/// The whole cell as one string, lines joined without a separator, with the
/// byte offset at which each line starts (for provenance).
pub fn join(cell: &[CellLine]) -> (String, Vec<(usize, Position)>) {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(cell.len());
    for line in cell {
        starts.push((text.len(), line.position));
        text.push_str(&compact(&line.text));
    }
    (text, starts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use onshi_pdf_text::normalize::normalize;

    fn table(text: &str) -> Table {
        collect(&normalize(&[text.to_owned()]).lines, &Furniture::default())
    }

    #[test]
    fn labels_are_recognised_and_headings_are_not() {
        assert_eq!(row_label("範囲【青森県】青森市").map(|r| r.0), Some(RowKind::Range));
        assert_eq!(row_label("(2)期間:7日まで"), Some((RowKind::Period, "(2)期間:".len())));
        assert_eq!(row_label("閉塞日時令和6年3月7日").map(|r| r.0), Some(RowKind::Closing));
        assert_eq!(row_label("範囲・期間について"), None);
        assert_eq!(row_label("期間中は"), None);
        // One misread character, where a prefecture's areas follow at once.
        assert_eq!(row_label("藝囲【青森県】青森市"), Some((RowKind::Range, "藝囲".len())));
        assert_eq!(row_label("周囲【注意】青森市"), None);
        assert_eq!(row_label("周辺【青森県】"), None);
        assert_eq!(row_label("範囲【青森県】"), Some((RowKind::Range, "範囲".len())));
        let line = |t: &str| normalize(&[t.to_owned()]).lines.remove(0);
        let spaced = line("範囲\t中区");
        assert_eq!(
            line_label(&spaced, &spaced.compact()),
            Some((RowKind::Range, "範囲".len()))
        );
        assert_eq!(
            row_label("○「緊急時医療情報・資格確認機能」のアクティブ化対象範囲・期間"),
            None
        );
    }

    #[test]
    fn seed_table_rows_and_footnote() {
        let t = table(
            "範囲\t【青森県】青森市、弘前市、平川市 南津軽郡藤崎町\n期間\t災害救助法の適用第一報から一週間（※）\n\n※令和7年1月13日まで\n\n以上\n範囲 not this",
        );
        assert_eq!(t.ranges.len(), 1);
        assert_eq!(
            t.ranges[0].lines[0].text,
            "【青森県】青森市、弘前市、平川市 南津軽郡藤崎町"
        );
        assert_eq!(t.periods[0].lines[0].text, "災害救助法の適用第一報から一週間(※)");
        assert_eq!(t.footnotes[0].text, "※令和7年1月13日まで");
    }

    #[test]
    fn a_period_cell_ends_at_an_unindented_line() {
        let t = table(
            "閉塞日時 令和6年3月7日 24時00分\n閉塞後も被災された方の診療等のために\n期間\t災害救助法の適用から\n\t1週間\n",
        );
        assert_eq!(t.periods[0].lines.len(), 1);
        assert_eq!(t.periods[1].lines.len(), 2);
    }

    #[test]
    fn a_cell_goes_on_across_a_page_break() {
        let pages = [
            "範囲\t【青森県】青森市、弘前市\n\t黒石市\n\n".to_owned(),
            "\t五所川原市、平川市\n期間\t1月13日まで\n".to_owned(),
        ];
        let t = collect(&normalize(&pages).lines, &Furniture::default());
        let (joined, _) = join(&t.ranges[0].lines);
        assert_eq!(joined, "【青森県】青森市、弘前市黒石市五所川原市、平川市");
    }

    #[test]
    fn piped_cells_and_a_prefecture_line_without_label() {
        let t = table("下記の通り延長致します。\n\n| 【大分県】 | 大分市 |\n| 開放期間 | 令和7年12月2日まで |\n");
        assert_eq!(join(&t.ranges[0].lines).0, "【大分県】大分市");
        assert_eq!(t.periods[0].lines[0].text, "令和7年12月2日まで");
    }

    #[test]
    fn wrapped_cell_across_a_page_number_and_open_list() {
        let t = table("範囲\n【石川県】\n\n金沢市、七尾市、\n\n- 2 -\n輪島市\n期間 14日まで\n");
        let (joined, starts) = join(&t.ranges[0].lines);
        assert_eq!(joined, "【石川県】金沢市、七尾市、輪島市");
        assert_eq!(starts.len(), 3);
        assert_eq!(t.periods[0].lines[0].text, "14日まで");
    }
}
