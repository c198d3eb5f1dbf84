//! Reading order: turns the positioned fragments of a page into lines.
//!
//! * Horizontal text: fragments on one baseline form a line, lines go top to
//!   bottom, fragments left to right. A gap of at least [`SPACE_GAP`] font sizes
//!   becomes a space, one of at least [`COLUMN_GAP`] a tab (a table's label cell
//!   and its content, as in `範囲\t【青森県】…`).
//! * A line that starts where the previous line's tab column starts continues
//!   that cell; it is written with a leading tab, also across a page break, so
//!   the wrapped lines of a 範囲 cell stay recognisable.
//! * Between two painted horizontal rules (a bordered table row), a label cell
//!   that is vertically centred or wraps is put first: `範囲\t<first content line>`,
//!   then `\t<next content line>`…, whatever lines the label's glyphs sat on.
//! * Vertical text (`…-V` fonts): columns right to left, each top to bottom.
//! * A page rotated as a whole (all text running up or down) is turned upright first.
//! * A first or last line that is only a page number (`2`, `- 2 -`, `2/5`) is dropped.

use super::content::{Fragment, Segment};

/// Gaps, in font sizes, that separate words and columns.
pub(crate) const SPACE_GAP: f64 = 0.25;
pub(crate) const COLUMN_GAP: f64 = 2.0;
/// How far (in font sizes) baselines may differ within one line.
const BASELINE_TOLERANCE: f64 = 0.4;
/// How close (in font sizes) a line start must be to a tab column to continue it.
const COLUMN_ALIGN: f64 = 0.5;
/// A segment is a horizontal rule if it rises at most this much (user units)…
const RULE_FLATNESS: f64 = 0.5;
/// …and is at least this long.
const RULE_MIN_LENGTH: f64 = 5.0;

/// Layout state carried from one page to the next.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    /// The x of the tab column the last line of the previous page was in.
    carried_column: Option<f64>,
}

/// A fragment turned upright: reading runs along +x (horizontal) or −y (vertical).
#[derive(Debug, Clone)]
pub(super) struct Item {
    pub(super) text: String,
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) y0: f64,
    pub(super) y1: f64,
    pub(super) size: f64,
}

struct Line {
    /// Fragments left to right.
    items: Vec<Item>,
    text: String,
    baseline: f64,
    start_x: f64,
    size: f64,
    /// x where the text after the first tab starts.
    column: Option<f64>,
}

/// A horizontal rule, upright: `y` and the x range it spans.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rule {
    pub(super) y: f64,
    pub(super) x0: f64,
    pub(super) x1: f64,
}

/// A vertical rule, upright: `x` and the y range it spans (`y0` < `y1`).
#[derive(Debug, Clone, Copy)]
pub(super) struct Post {
    pub(super) x: f64,
    pub(super) y0: f64,
    pub(super) y1: f64,
}

/// The painted lines of a page that can delimit table cells.
#[derive(Debug, Default)]
pub(super) struct Rules {
    pub(super) horizontal: Vec<Rule>,
    pub(super) vertical: Vec<Post>,
}

/// Consecutive lines that form one bordered table row with a label column.
#[derive(Debug, Clone, Copy)]
struct Row {
    first: usize,
    last: usize,
    /// x where the content cell starts.
    boundary: f64,
    /// The rules above and below the row.
    above: f64,
    below: f64,
    /// Where the label cell starts.
    left: f64,
}

/// Rotates a point by −`quarter`×90°.
fn rotate(quarter: u8, x: f64, y: f64) -> (f64, f64) {
    match quarter {
        1 => (y, -x),
        2 => (-x, -y),
        3 => (-y, x),
        _ => (x, y),
    }
}

/// The quarter turn (0–3) of a reading direction.
fn quarter_of(dx: f64, dy: f64) -> u8 {
    let angle = dy.atan2(dx).to_degrees();
    let turned = ((angle + 45.0).rem_euclid(360.0) / 90.0) as u8;
    turned.min(3)
}

fn clean_char(c: char) -> Option<char> {
    match c {
        '\t' | '\n' | '\r' => Some(' '),
        '\u{feff}' => None,
        c if c.is_control() => None,
        c => Some(c),
    }
}

fn clean(text: &str) -> String {
    text.chars().filter_map(clean_char).collect()
}

impl Layout {
    pub(crate) fn new() -> Self {
        Layout::default()
    }

    /// The lines of one page in reading order.
    pub(crate) fn page(&mut self, fragments: &[Fragment], segments: &[Segment]) -> Vec<String> {
        let (vertical, horizontal): (Vec<&Fragment>, Vec<&Fragment>) = fragments.iter().partition(|f| f.vertical);
        // Count each fragment by its length, in the quarter its text reads upright.
        let mut weight = [0usize; 4];
        for f in fragments {
            let (dx, dy) = if f.vertical { (-f.dy, f.dx) } else { (f.dx, f.dy) };
            let q = usize::from(quarter_of(dx, dy));
            if let Some(w) = weight.get_mut(q) {
                *w += f.text.chars().count();
            }
        }
        let quarter = (0u8..4)
            .max_by_key(|&q| (weight.get(usize::from(q)).copied().unwrap_or(0), 4 - q))
            .unwrap_or(0);
        let upright = |f: &Fragment| {
            let (x0, y0) = rotate(quarter, f.x0, f.y0);
            let (x1, y1) = rotate(quarter, f.x1, f.y1);
            Item {
                text: clean(&f.text),
                x0,
                x1,
                y0,
                y1,
                size: f.size.max(1e-6),
            }
        };
        let mut rules = Rules::default();
        for segment in segments {
            let (x0, y0) = rotate(quarter, segment.x0, segment.y0);
            let (x1, y1) = rotate(quarter, segment.x1, segment.y1);
            if (y1 - y0).abs() <= RULE_FLATNESS && (x1 - x0).abs() >= RULE_MIN_LENGTH {
                rules.horizontal.push(Rule {
                    y: (y0 + y1) / 2.0,
                    x0: x0.min(x1),
                    x1: x0.max(x1),
                });
            } else if (x1 - x0).abs() <= RULE_FLATNESS && (y1 - y0).abs() >= RULE_MIN_LENGTH {
                rules.vertical.push(Post {
                    x: (x0 + x1) / 2.0,
                    y0: y0.min(y1),
                    y1: y0.max(y1),
                });
            }
        }
        let vertical_chars: usize = vertical.iter().map(|f| f.text.chars().count()).sum();
        let horizontal_chars: usize = horizontal.iter().map(|f| f.text.chars().count()).sum();
        let mut lines = Vec::new();
        if vertical_chars > horizontal_chars {
            lines.extend(vertical_columns(vertical.iter().map(|f| upright(f)).collect()));
            lines.extend(self.horizontal_lines(
                horizontal.iter().map(|f| upright(f)).collect(),
                &Rules::default(),
                false,
            ));
            self.carried_column = None;
        } else {
            let items: Vec<Item> = horizontal.iter().map(|f| upright(f)).collect();
            let (tables, mut rest) = super::ruled::find(items, &rules);
            // Text above each table, then the table; text beside a table
            // (within its height) comes after it.
            for table in tables {
                let (above, below): (Vec<Item>, Vec<Item>) =
                    rest.into_iter().partition(|i| i.y0 + 0.3 * i.size > table.top);
                lines.extend(self.horizontal_lines(above, &rules, true));
                lines.extend(table.lines);
                self.carried_column = None;
                rest = below;
            }
            lines.extend(self.horizontal_lines(rest, &rules, true));
            lines.extend(vertical_columns(vertical.iter().map(|f| upright(f)).collect()));
        }
        strip_page_numbers(&mut lines);
        lines
    }

    fn horizontal_lines(&mut self, items: Vec<Item>, rules: &Rules, track_columns: bool) -> Vec<String> {
        let lines = baseline_lines(items);
        if !track_columns {
            return lines.into_iter().map(|l| l.text).collect();
        }
        let rows = table_rows(&lines, rules);
        let left_margin = lines.iter().map(|l| l.start_x).fold(f64::INFINITY, f64::min);
        let mut out = Vec::with_capacity(lines.len());
        let mut column = self.carried_column.take();
        let mut index = 0;
        while let Some(line) = lines.get(index) {
            if let Some(row) = rows.iter().find(|r| r.first == index) {
                out.extend(row_lines(
                    lines.get(row.first..=row.last).unwrap_or_default(),
                    row.boundary,
                ));
                column = Some(row.boundary);
                index = row.last + 1;
                continue;
            }
            let continues = column.is_some_and(|c| {
                (line.start_x - c).abs() <= COLUMN_ALIGN * line.size
                    && line.start_x - left_margin >= COLUMN_GAP * line.size
            }) && line.column.is_none();
            if continues {
                out.push(format!("\t{}", line.text));
            } else {
                column = line.column;
                out.push(line.text.clone());
            }
            index += 1;
        }
        self.carried_column = column;
        out
    }
}

/// The heights of the rules that span `from..to`, top first.
fn rule_heights(rules: &[Rule], from: f64, to: f64) -> Vec<f64> {
    let mut ys: Vec<f64> = rules
        .iter()
        .filter(|r| r.x0 <= from && r.x1 >= to)
        .map(|r| r.y)
        .collect();
    ys.sort_by(|a, b| b.total_cmp(a));
    ys.dedup_by(|a, b| (*a - *b).abs() <= RULE_FLATNESS * 2.0);
    ys
}

/// Whether a line can be part of a table row whose content cell starts at `boundary`:
/// label and content on one line, only content, or only label (well left of it).
fn fits_row(line: &Line, boundary: f64) -> bool {
    let align = COLUMN_ALIGN * line.size;
    line.column.is_some_and(|c| (c - boundary).abs() <= align)
        || (line.column.is_none() && (line.start_x - boundary).abs() <= align)
        || is_label_only(line, boundary)
}

fn is_label_only(line: &Line, boundary: f64) -> bool {
    line.items.iter().all(|i| i.x1 <= boundary - COLUMN_GAP * line.size)
}

/// Rows of a fully ruled table: the lines between two horizontal rules split by
/// a vertical rule into a label cell and a content cell, wherever the label's
/// glyphs sit.
fn ruled_cells(lines: &[Line], rules: &Rules) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut index = 0;
    while let Some(line) = lines.get(index) {
        let em = line.size;
        let end = line.items.iter().map(|i| i.x1).fold(line.start_x, f64::max);
        let ys = rule_heights(&rules.horizontal, line.start_x + em, end - em);
        let top = line.baseline + 0.5 * em;
        let (Some(&above), Some(&below)) = (ys.iter().rev().find(|&&y| y > top), ys.iter().find(|&&y| y < top)) else {
            index += 1;
            continue;
        };
        let inside = |l: &Line| l.baseline < above && l.baseline > below;
        let mut last = index;
        while lines.get(last + 1).is_some_and(inside) {
            last += 1;
        }
        let band = lines.get(index..=last).unwrap_or_default();
        let mut posts: Vec<f64> = rules
            .vertical
            .iter()
            .filter(|p| p.y0 <= below + RULE_FLATNESS * 2.0 && p.y1 >= above - RULE_FLATNESS * 2.0)
            .map(|p| p.x)
            .collect();
        posts.sort_by(f64::total_cmp);
        let split = posts.into_iter().find_map(|post| {
            let (mut left, mut right) = (f64::INFINITY, f64::INFINITY);
            for item in band.iter().flat_map(|l| &l.items) {
                let tolerance = 0.25 * item.size;
                if item.x1 <= post + tolerance {
                    left = left.min(item.x0);
                } else if item.x0 >= post - tolerance {
                    right = right.min(item.x0);
                } else {
                    return None;
                }
            }
            (left.is_finite() && right.is_finite()).then_some((left, right))
        });
        if let Some((left, boundary)) = split {
            rows.push(Row {
                first: index,
                last,
                boundary,
                above,
                below,
                left,
            });
        }
        index = last + 1;
    }
    rows
}

/// Finds bordered table rows. A row starts from a line with a label column
/// between two horizontal rules and takes in the lines around it that belong
/// to its label cell or its content cell. The bands next to a row, between the
/// same table's rules, are rows too when they hold label-only and content-only
/// lines (a label centred or wrapped off the content's baselines).
fn table_rows(lines: &[Line], all_rules: &Rules) -> Vec<Row> {
    let rules = all_rules.horizontal.as_slice();
    let taken = |rows: &[Row], index: usize| rows.iter().any(|r| r.first <= index && index <= r.last);
    let mut rows = ruled_cells(lines, all_rules);
    for (index, line) in lines.iter().enumerate() {
        let Some(boundary) = line.column else {
            continue;
        };
        if taken(&rows, index) {
            continue;
        }
        let em = line.size;
        let ys = rule_heights(rules, line.start_x + em, boundary + em);
        // The rule above the row sits above the glyphs, the one below under the baseline.
        let top = line.baseline + 0.5 * em;
        let (Some(&above), Some(&below)) = (ys.iter().rev().find(|&&y| y > top), ys.iter().find(|&&y| y < top)) else {
            continue;
        };
        let inside = |l: &Line| l.baseline < above && l.baseline > below;
        let mut first = index;
        while first > 0
            && lines.get(first - 1).is_some_and(|l| inside(l) && fits_row(l, boundary))
            && !taken(&rows, first - 1)
        {
            first -= 1;
        }
        let mut last = index;
        while lines.get(last + 1).is_some_and(|l| inside(l) && fits_row(l, boundary)) {
            last += 1;
        }
        let left = line.start_x;
        rows.push(Row {
            first,
            last,
            boundary,
            above,
            below,
            left,
        });
    }
    // Grow the table band by band, up and down, from the rows found.
    let mut pending: Vec<Row> = rows.clone();
    while let Some(row) = pending.pop() {
        let em = lines.get(row.first).map_or(1.0, |l| l.size);
        let ys = rule_heights(rules, row.left + em, row.boundary + em);
        let below_next = ys.iter().find(|&&y| y < row.below - RULE_FLATNESS * 2.0).copied();
        let above_next = ys.iter().rev().find(|&&y| y > row.above + RULE_FLATNESS * 2.0).copied();
        let bands = [
            below_next.map(|y| (row.below, y, row.last + 1, true)),
            above_next.map(|y| (y, row.above, row.first, false)),
        ];
        for (above, below, start, downward) in bands.into_iter().flatten() {
            let inside = |i: usize| {
                lines.get(i).is_some_and(|l| {
                    l.baseline < above && l.baseline > below && !taken(&rows, i) && fits_row(l, row.boundary)
                })
            };
            let (first, last) = if downward {
                let mut last = start;
                if !inside(start) {
                    continue;
                }
                while inside(last + 1) {
                    last += 1;
                }
                (start, last)
            } else {
                if start == 0 || !inside(start - 1) {
                    continue;
                }
                let mut first = start - 1;
                while first > 0 && inside(first - 1) {
                    first -= 1;
                }
                (first, start - 1)
            };
            let band = lines.get(first..=last).unwrap_or_default();
            let has_label = band
                .iter()
                .any(|l| l.column.is_some() || is_label_only(l, row.boundary));
            let has_content = band.iter().any(|l| !is_label_only(l, row.boundary));
            if has_label && has_content {
                let grown = Row {
                    first,
                    last,
                    boundary: row.boundary,
                    above,
                    below,
                    left: row.left,
                };
                rows.push(grown);
                pending.push(grown);
            }
        }
    }
    rows
}

/// The lines of one table row: the label cell's text, a tab and the first
/// content line, then each further content line after a tab.
fn row_lines(lines: &[Line], boundary: f64) -> Vec<String> {
    let mut label = String::new();
    let mut content: Vec<String> = Vec::new();
    for line in lines {
        let align = COLUMN_ALIGN * line.size;
        let (left, right): (Vec<Item>, Vec<Item>) = line.items.iter().cloned().partition(|i| i.x0 < boundary - align);
        if let Some(text) = join_line(left).map(|l| l.text) {
            label.push_str(&text);
        }
        if let Some(text) = join_line(right).map(|l| l.text) {
            content.push(text);
        }
    }
    let mut out = Vec::with_capacity(content.len().max(1));
    let mut content = content.into_iter();
    match content.next() {
        Some(first) => out.push(format!("{label}\t{first}")),
        None => out.push(label),
    }
    out.extend(content.map(|c| format!("\t{c}")));
    out
}

/// The lines of a group of items (a table cell), top to bottom.
pub(super) fn lines_of(items: Vec<Item>) -> Vec<String> {
    baseline_lines(items).into_iter().map(|l| l.text).collect()
}

/// Horizontal items grouped by baseline into lines, top to bottom.
fn baseline_lines(mut items: Vec<Item>) -> Vec<Line> {
    items.retain(|i| !i.text.is_empty());
    items.sort_by(|a, b| b.y0.total_cmp(&a.y0).then(a.x0.total_cmp(&b.x0)));
    let mut groups: Vec<Vec<Item>> = Vec::new();
    let mut reference: Option<(f64, f64)> = None;
    for item in items {
        let joins = reference.is_some_and(|(y, size)| (y - item.y0).abs() <= BASELINE_TOLERANCE * size.min(item.size));
        match groups.last_mut() {
            Some(group) if joins => group.push(item),
            _ => {
                reference = Some((item.y0, item.size));
                groups.push(vec![item]);
            }
        }
    }
    groups.into_iter().filter_map(join_line).collect()
}

/// Joins the fragments of one baseline, left to right.
fn join_line(mut items: Vec<Item>) -> Option<Line> {
    items.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let first = items.first()?;
    let size = first.size;
    let start_x = first.x0;
    let baseline = first.y0;
    let mut text = String::new();
    let mut column = None;
    let mut previous: Option<&Item> = None;
    for item in &items {
        if let Some(prev) = previous {
            let em = prev.size.max(item.size);
            // Fake bold: the same text drawn again a hair to the right.
            if prev.text == item.text && (item.x0 - prev.x0).abs() < 0.3 * em {
                continue;
            }
            let gap = item.x0 - prev.x1;
            if gap >= COLUMN_GAP * em {
                text.push('\t');
                column.get_or_insert(item.x0);
            } else if gap >= SPACE_GAP * em && !text.ends_with(' ') && !item.text.starts_with(' ') {
                text.push(' ');
            }
        }
        text.push_str(&item.text);
        previous = Some(item);
    }
    let text = text.trim().to_owned();
    (!text.is_empty()).then_some(Line {
        items,
        text,
        baseline,
        start_x,
        size,
        column,
    })
}

/// Vertical text: columns right to left, each read top to bottom.
fn vertical_columns(mut items: Vec<Item>) -> Vec<String> {
    items.retain(|i| !i.text.is_empty());
    items.sort_by(|a, b| b.x0.total_cmp(&a.x0).then(b.y0.total_cmp(&a.y0)));
    let mut columns: Vec<Vec<Item>> = Vec::new();
    let mut reference: Option<(f64, f64)> = None;
    for item in items {
        let joins = reference.is_some_and(|(x, size)| (x - item.x0).abs() <= BASELINE_TOLERANCE * size.min(item.size));
        match columns.last_mut() {
            Some(column) if joins => column.push(item),
            _ => {
                reference = Some((item.x0, item.size));
                columns.push(vec![item]);
            }
        }
    }
    columns
        .into_iter()
        .filter_map(|mut column| {
            column.sort_by(|a, b| b.y0.total_cmp(&a.y0));
            let mut text = String::new();
            let mut previous: Option<&Item> = None;
            for item in &column {
                if let Some(prev) = previous {
                    let gap = prev.y1 - item.y0;
                    if gap >= SPACE_GAP * prev.size.max(item.size) && !text.ends_with(' ') {
                        text.push(' ');
                    }
                }
                text.push_str(&item.text);
                previous = Some(item);
            }
            let text = text.trim().to_owned();
            (!text.is_empty()).then_some(text)
        })
        .collect()
}

/// True for a line that is only a page number: `2`, `- 2 -`, `－２－`, `2/5`, `2 / 5`.
pub(crate) fn is_page_number(line: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let trimmed =
        line.trim_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '－' | '‐' | '‑' | '–' | '—' | 'ー' | '―'));
    if trimmed.chars().count() > 9 {
        return false;
    }
    if digits(trimmed) {
        return true;
    }
    match trimmed.split_once(['/', '／']) {
        Some((page, total)) => digits(page.trim()) && digits(total.trim()),
        None => false,
    }
}

/// Drops a page number from the top and from the bottom of a page.
pub(crate) fn strip_page_numbers(lines: &mut Vec<String>) {
    if lines.len() < 2 {
        return;
    }
    if lines.last().is_some_and(|l| is_page_number(l)) {
        lines.pop();
    }
    if lines.first().is_some_and(|l| is_page_number(l)) {
        lines.remove(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frag(text: &str, x0: f64, y0: f64, size: f64) -> Fragment {
        let width = text.chars().count() as f64 * size;
        Fragment {
            text: text.to_owned(),
            x0,
            y0,
            x1: x0 + width,
            y1: y0,
            dx: 1.0,
            dy: 0.0,
            size,
            vertical: false,
        }
    }

    fn vfrag(text: &str, x0: f64, y0: f64, size: f64) -> Fragment {
        let height = text.chars().count() as f64 * size;
        Fragment {
            text: text.to_owned(),
            x0,
            y0,
            x1: x0,
            y1: y0 - height,
            dx: 0.0,
            dy: -1.0,
            size,
            vertical: true,
        }
    }

    #[test]
    fn lines_top_to_bottom_fragments_left_to_right() {
        let page = [
            frag("森市", 30.0, 700.0, 10.0),
            frag("第二行", 10.0, 680.0, 10.0),
            frag("青", 20.0, 700.2, 10.0),
        ];
        assert_eq!(Layout::new().page(&page, &[]), ["青森市", "第二行"]);
    }

    #[test]
    fn gaps_become_spaces_and_tabs() {
        let page = [
            frag("令和", 0.0, 700.0, 10.0),
            frag("7", 23.0, 700.0, 10.0),
            frag("範囲", 0.0, 680.0, 10.0),
            frag("【青森県】青森市", 80.0, 680.0, 10.0),
        ];
        assert_eq!(Layout::new().page(&page, &[]), ["令和 7", "範囲\t【青森県】青森市"]);
    }

    #[test]
    fn wrapped_cell_lines_continue_with_a_tab_across_pages() {
        let mut layout = Layout::new();
        let first = [
            frag("範囲", 0.0, 700.0, 10.0),
            frag("青森市、弘前市", 80.0, 700.0, 10.0),
            frag("黒石市", 80.0, 686.0, 10.0),
        ];
        assert_eq!(layout.page(&first, &[]), ["範囲\t青森市、弘前市", "\t黒石市"]);
        let second = [
            frag("平川市", 80.0, 780.0, 10.0),
            frag("期間", 0.0, 760.0, 10.0),
            frag("一週間", 80.0, 760.0, 10.0),
        ];
        assert_eq!(layout.page(&second, &[]), ["\t平川市", "期間\t一週間"]);
        let third = [frag("本文", 0.0, 780.0, 10.0), frag("字下げ", 80.0, 760.0, 10.0)];
        assert_eq!(layout.page(&third, &[]), ["本文", "字下げ"]);
    }

    fn rule(y: f64) -> Segment {
        Segment {
            x0: 60.0,
            y0: y,
            x1: 530.0,
            y1: y,
        }
    }

    #[test]
    fn centred_and_wrapped_labels_of_a_bordered_row_come_first() {
        // 範囲 centred against three content lines; the 期間 label wraps over two lines.
        let page = [
            frag("記", 250.0, 730.0, 10.0),
            frag("青森市、弘前市、", 140.0, 700.0, 10.0),
            frag("範囲", 70.0, 686.0, 10.0),
            frag("黒石市、平川市、", 140.0, 686.0, 10.0),
            frag("五所川原市", 140.0, 672.0, 10.0),
            frag("期", 70.0, 650.0, 10.0),
            frag("一週間", 140.0, 643.0, 10.0),
            frag("間", 70.0, 636.0, 10.0),
            frag("以上", 480.0, 600.0, 10.0),
        ];
        // Horizontal rules only: the gutter between label and content makes the columns.
        let rules = [rule(712.0), rule(664.0), rule(628.0)];
        assert_eq!(
            Layout::new().page(&page, &rules),
            [
                "記",
                "┌────┬────────────────┐",
                "│範囲│青森市、弘前市、│",
                "│    │黒石市、平川市、│",
                "│    │五所川原市      │",
                "├────┼────────────────┤",
                "│期  │一週間          │",
                "│間  │                │",
                "└────┴────────────────┘",
                "以上"
            ]
        );
        // Without borders the lines stay in plain reading order.
        assert_eq!(
            Layout::new().page(&page, &[])[1..3],
            ["\t青森市、弘前市、".trim_start(), "範囲\t黒石市、平川市、"]
        );
    }

    #[test]
    fn a_page_frame_does_not_make_a_table_row() {
        let page = [
            frag("本文の段落が左端から", 70.0, 700.0, 10.0),
            frag("範囲", 70.0, 680.0, 10.0),
            frag("青森市", 140.0, 680.0, 10.0),
        ];
        let frame = [rule(800.0), rule(40.0)];
        assert_eq!(
            Layout::new().page(&page, &frame),
            ["本文の段落が左端から", "範囲\t青森市"]
        );
    }

    #[test]
    fn fake_bold_is_not_doubled() {
        let page = [frag("記", 100.0, 700.0, 10.0), frag("記", 100.3, 700.0, 10.0)];
        assert_eq!(Layout::new().page(&page, &[]), ["記"]);
    }

    #[test]
    fn vertical_columns_right_to_left() {
        let page = [
            vfrag("二列目", 100.0, 700.0, 10.0),
            vfrag("一列目", 120.0, 700.0, 10.0),
            vfrag("続き", 120.0, 669.0, 10.0),
        ];
        assert_eq!(Layout::new().page(&page, &[]), ["一列目続き", "二列目"]);
    }

    #[test]
    fn rotated_page_is_read_upright() {
        // Text running up the page (a landscape page drawn with a 90° matrix).
        let mk = |text: &str, x: f64, y: f64| Fragment {
            text: text.to_owned(),
            x0: x,
            y0: y,
            x1: x,
            y1: y + 20.0,
            dx: 0.0,
            dy: 1.0,
            size: 10.0,
            vertical: false,
        };
        let page = [mk("下の行", 120.0, 100.0), mk("上の行", 100.0, 100.0)];
        assert_eq!(Layout::new().page(&page, &[]), ["上の行", "下の行"]);
    }

    #[test]
    fn page_numbers_at_top_or_bottom_are_dropped() {
        for number in ["2", "- 2 -", "－２－", "2/5", "2 / 5", "— 12 —"] {
            assert!(is_page_number(number), "{number}");
            let mut lines = vec!["本文".to_owned(), number.to_owned()];
            strip_page_numbers(&mut lines);
            assert_eq!(lines, ["本文"]);
        }
        for text in ["2 実施機関は", "第2", "令和7年", "(2)", ""] {
            assert!(!is_page_number(text), "{text}");
        }
        let mut middle = vec!["本文".to_owned(), "2".to_owned(), "続き".to_owned()];
        strip_page_numbers(&mut middle);
        assert_eq!(middle.len(), 3);
    }
}
