//! Tables found from ruling lines, the way lattice table finders work.
//!
//! Word, LibreOffice, typst and reportlab draw a table's borders as stroked
//! paths or thin filled rectangles, often one short piece per cell side. The
//! pieces are snapped (collinear within [`SNAP`]) and joined (gaps up to
//! [`JOIN`]); horizontal and vertical rules that touch form one table; the
//! distinct rule positions make a grid, and where a border between two grid
//! cells is missing, the two are one merged cell. Text goes to the cell that
//! holds its centre, so the order in which a producer drew it does not matter
//! (column by column, one glyph at a time). Each table is written as
//! box-drawing text ([`crate::grid_text`]), which the layout stage reads back.

use crate::grid_text::{self, GridCell};

use super::layout::{Item, Post, Rule, Rules, lines_of};

/// Rules within this distance (user units) are one line.
const SNAP: f64 = 2.0;
/// Collinear pieces with gaps up to this are one rule.
const JOIN: f64 = 3.0;
/// How far a rule may stop short of a crossing one and still meet it.
const TOUCH: f64 = 3.0;
/// More rule pairs than this on one page is no table a notice draws.
const MAX_PAIRS: usize = 250_000;
/// More grid positions than this is not read as a table.
const MAX_CELLS: usize = 20_000;

/// A table found on a page: its top edge and its text.
#[derive(Debug)]
pub(super) struct Found {
    pub top: f64,
    pub lines: Vec<String>,
}

/// Splits `items` into the tables they form with `rules` and the rest.
pub(super) fn find(items: Vec<Item>, rules: &Rules) -> (Vec<Found>, Vec<Item>) {
    let horizontal = merge_rules(rules.horizontal.iter().map(|r| (r.y, r.x0, r.x1)).collect());
    let vertical = merge_rules(rules.vertical.iter().map(|p| (p.x, p.y0, p.y1)).collect());
    if horizontal.is_empty()
        || horizontal.len() + vertical.len() < 2
        || horizontal.len() * vertical.len().max(1) > MAX_PAIRS
    {
        return (Vec::new(), items);
    }
    let horizontal: Vec<Rule> = horizontal.into_iter().map(|(y, x0, x1)| Rule { y, x0, x1 }).collect();
    let vertical: Vec<Post> = vertical.into_iter().map(|(x, y0, y1)| Post { x, y0, y1 }).collect();

    // Rules that meet belong to one table.
    let mut sets = DisjointSets::new(horizontal.len() + vertical.len());
    for (i, h) in horizontal.iter().enumerate() {
        for (j, v) in vertical.iter().enumerate() {
            if meets(h, v) {
                sets.union(i, horizontal.len() + j);
            }
        }
    }
    let mut groups: Vec<(Vec<&Rule>, Vec<&Post>)> = Vec::new();
    let mut group_of: Vec<Option<usize>> = vec![None; horizontal.len() + vertical.len()];
    for k in 0..horizontal.len() + vertical.len() {
        let root = sets.find(k);
        let g = match group_of.get(root).copied().flatten() {
            Some(g) => g,
            None => {
                groups.push((Vec::new(), Vec::new()));
                let g = groups.len() - 1;
                if let Some(slot) = group_of.get_mut(root) {
                    *slot = Some(g);
                }
                g
            }
        };
        if let Some(group) = groups.get_mut(g) {
            match horizontal.get(k) {
                Some(h) => group.0.push(h),
                None => {
                    if let Some(v) = vertical.get(k - horizontal.len()) {
                        group.1.push(v);
                    }
                }
            }
        }
    }

    // Horizontal rules that meet no vertical one: stacked rules of one width
    // are a table drawn with horizontal lines only.
    let mut bands: Vec<Vec<&Rule>> = Vec::new();
    for (hs, vs) in groups.iter().filter(|(hs, vs)| vs.is_empty() && hs.len() == 1) {
        let _ = vs;
        let Some(&h) = hs.first() else { continue };
        match bands.iter_mut().find(|b| {
            b.first()
                .is_some_and(|f| (f.x0 - h.x0).abs() <= TOUCH && (f.x1 - h.x1).abs() <= TOUCH)
        }) {
            Some(band) => band.push(h),
            None => bands.push(vec![h]),
        }
    }
    let mut candidates: Vec<(Vec<Rule>, Vec<Post>, bool)> = groups
        .into_iter()
        .filter(|(hs, vs)| !vs.is_empty() && !hs.is_empty())
        .map(|(hs, vs)| {
            (
                hs.into_iter().copied().collect(),
                vs.into_iter().copied().collect(),
                false,
            )
        })
        .collect();
    // Tables of one width stacked on a page share a band: split it into the
    // longest runs of rules whose text has gutters (a heading between two
    // tables crosses every gutter).
    for band in bands {
        let mut band: Vec<Rule> = band.into_iter().copied().collect();
        band.sort_by(|a, b| b.y.total_cmp(&a.y));
        band.truncate(MAX_BAND_RULES);
        let mut start = 0;
        while start + MIN_BAND_RULES <= band.len() {
            let end = (start + MIN_BAND_RULES..=band.len())
                .rev()
                .find(|&end| band.get(start..end).is_some_and(|run| gutters(run, &items).is_some()));
            match end {
                Some(end) => {
                    candidates.push((band.get(start..end).unwrap_or_default().to_vec(), Vec::new(), true));
                    start = end;
                }
                None => start += 1,
            }
        }
    }

    let mut rest = items;
    let mut found = Vec::new();
    for (mut hs, mut vs, band) in candidates {
        close_frame(&mut hs, &mut vs);
        if band {
            let Some(gutters) = gutters(&hs, &rest) else { continue };
            vs.extend(gutters);
            // Horizontal-only tables often rule the header alone: body rows
            // come from the text lines themselves.
            let rows = row_starts(&hs, &vs, &rest);
            hs.extend(rows);
        } else if positions(vs.iter().map(|v| v.x).collect()).len() < 3 {
            // A frame (or lines between rows only): columns from the text's
            // gutters, and, where rows are not ruled either, rows from its lines.
            if let Some(gutters) = gutters(&hs, &rest) {
                vs.extend(gutters);
                let rows = row_starts(&hs, &vs, &rest);
                hs.extend(rows);
            }
        }
        let (hs, vs): (Vec<&Rule>, Vec<&Post>) = (hs.iter().collect(), vs.iter().collect());
        if let Some((table, left_over)) = read_grid(&hs, &vs, rest.clone()) {
            found.push(table);
            rest = left_over;
        }
    }
    found.sort_by(|a, b| b.top.total_cmp(&a.top));
    (found, rest)
}

/// Horizontal-only tables need this many rules (a page's head and foot rules are two).
const MIN_BAND_RULES: usize = 3;
/// Rules of one width on a page that are tried as tables (the split is quadratic).
const MAX_BAND_RULES: usize = 200;
/// A gap between text columns at least this wide (in font sizes) is a gutter.
const GUTTER: f64 = 0.8;

/// Rules between the rows of a band that holds several: within the space
/// between two drawn rules, a text line starts a new row when it has text in
/// two columns or more; a line with text in one column only continues a
/// wrapped cell (or one merged over rows).
fn row_starts(hs: &[Rule], vs: &[Post], items: &[Item]) -> Vec<Rule> {
    let left = hs.iter().map(|h| h.x0).fold(f64::INFINITY, f64::min);
    let right = hs.iter().map(|h| h.x1).fold(f64::NEG_INFINITY, f64::max);
    let mut ys: Vec<f64> = hs.iter().map(|h| h.y).collect();
    ys.sort_by(|a, b| b.total_cmp(a));
    let xs = positions(vs.iter().map(|v| v.x).collect());
    let column_of = |x: f64| xs.partition_point(|&p| p <= x).saturating_sub(1);
    let mut added = Vec::new();
    for band in ys.windows(2) {
        let (top, bottom) = (band[0], band[1]);
        let mut inside: Vec<&Item> = items
            .iter()
            .filter(|i| {
                let (cx, cy) = ((i.x0 + i.x1) / 2.0, i.y0 + 0.3 * i.size);
                cx > left && cx < right && cy < top && cy > bottom
            })
            .collect();
        inside.sort_by(|a, b| b.y0.total_cmp(&a.y0));
        // Text lines: items on one baseline, with the columns they fill.
        let mut lines: Vec<(f64, f64, Vec<usize>)> = Vec::new();
        for item in inside {
            let column = column_of((item.x0 + item.x1) / 2.0);
            match lines.last_mut() {
                Some((y, _, columns)) if (*y - item.y0).abs() <= 0.4 * item.size => {
                    if !columns.contains(&column) {
                        columns.push(column);
                    }
                }
                _ => lines.push((item.y0, item.size, vec![column])),
            }
        }
        // A band of data rows has several lines that fill two columns or
        // more; a label centred beside a wrapped cell fills two on one line.
        if lines.iter().filter(|(_, _, columns)| columns.len() >= 2).count() < 2 {
            continue;
        }
        for pair in lines.windows(2) {
            let ((above, _, _), (baseline, size, columns)) = (&pair[0], &pair[1]);
            if columns.len() >= 2 {
                let y = (above - 0.2 * size + baseline + 0.85 * size) / 2.0;
                added.push(Rule { y, x0: left, x1: right });
            }
        }
    }
    added
}

/// Adds the table's outer edges where they are not drawn: a table without a
/// frame has rules between its cells that reach to where the frame would be.
fn close_frame(hs: &mut Vec<Rule>, vs: &mut Vec<Post>) {
    let left = hs
        .iter()
        .map(|h| h.x0)
        .chain(vs.iter().map(|v| v.x))
        .fold(f64::INFINITY, f64::min);
    let right = hs
        .iter()
        .map(|h| h.x1)
        .chain(vs.iter().map(|v| v.x))
        .fold(f64::NEG_INFINITY, f64::max);
    let top = hs
        .iter()
        .map(|h| h.y)
        .chain(vs.iter().map(|v| v.y1))
        .fold(f64::NEG_INFINITY, f64::max);
    let bottom = hs
        .iter()
        .map(|h| h.y)
        .chain(vs.iter().map(|v| v.y0))
        .fold(f64::INFINITY, f64::min);
    if !(left.is_finite() && right.is_finite() && top.is_finite() && bottom.is_finite()) {
        return;
    }
    let drawn_v = |x: f64, vs: &[Post]| {
        vs.iter()
            .any(|v| (v.x - x).abs() <= SNAP && v.y0 <= bottom + TOUCH && v.y1 >= top - TOUCH)
    };
    let drawn_h = |y: f64, hs: &[Rule]| {
        hs.iter()
            .any(|h| (h.y - y).abs() <= SNAP && h.x0 <= left + TOUCH && h.x1 >= right - TOUCH)
    };
    for x in [left, right] {
        if !drawn_v(x, vs) {
            vs.push(Post { x, y0: bottom, y1: top });
        }
    }
    for y in [top, bottom] {
        if !drawn_h(y, hs) {
            hs.push(Rule { y, x0: left, x1: right });
        }
    }
}

/// Column boundaries from the text inside a frame: x positions that no text
/// crosses and that have text on both sides in at least two lines.
fn gutters(hs: &[Rule], items: &[Item]) -> Option<Vec<Post>> {
    let left = hs.iter().map(|h| h.x0).fold(f64::INFINITY, f64::min);
    let right = hs.iter().map(|h| h.x1).fold(f64::NEG_INFINITY, f64::max);
    let top = hs.iter().map(|h| h.y).fold(f64::NEG_INFINITY, f64::max);
    let bottom = hs.iter().map(|h| h.y).fold(f64::INFINITY, f64::min);
    let inside: Vec<&Item> = items
        .iter()
        .filter(|i| {
            let (cx, cy) = ((i.x0 + i.x1) / 2.0, i.y0 + 0.3 * i.size);
            cx > left && cx < right && cy > bottom && cy < top
        })
        .collect();
    let size = inside.iter().map(|i| i.size).fold(0.0, f64::max);
    if inside.is_empty() || size <= 0.0 {
        return None;
    }
    let mut ys: Vec<f64> = hs.iter().map(|h| h.y).collect();
    ys.sort_by(|a, b| b.total_cmp(a));
    let row_of = |i: &Item| ys.iter().filter(|&&y| y > i.y0 + 0.3 * i.size).count();
    let mut spans: Vec<(f64, f64)> = inside.iter().map(|i| (i.x0, i.x1)).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f64, f64)> = Vec::new();
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a <= last.1 + GUTTER * size => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let posts: Vec<Post> = merged
        .windows(2)
        .filter_map(|w| {
            let x = (w[0].1 + w[1].0) / 2.0;
            // Text on both sides in two rows or more (between the same two
            // rules): a column, not a stray word. A label centred in its row
            // need not share a baseline with the text beside it.
            let mut lines: Vec<usize> = inside
                .iter()
                .filter(|i| i.x1 < x)
                .filter_map(|i| {
                    let row = row_of(i);
                    inside.iter().any(|j| j.x0 > x && row_of(j) == row).then_some(row)
                })
                .collect();
            lines.sort_unstable();
            lines.dedup();
            (lines.len() >= 2).then_some(Post { x, y0: bottom, y1: top })
        })
        .collect();
    (!posts.is_empty()).then_some(posts)
}

fn meets(h: &Rule, v: &Post) -> bool {
    v.x >= h.x0 - TOUCH && v.x <= h.x1 + TOUCH && h.y >= v.y0 - TOUCH && h.y <= v.y1 + TOUCH
}

/// Snaps and joins rules given as (position, from, to).
fn merge_rules(mut rules: Vec<(f64, f64, f64)>) -> Vec<(f64, f64, f64)> {
    rules.retain(|r| r.0.is_finite() && r.1.is_finite() && r.2.is_finite());
    rules.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged = Vec::new();
    let mut k = 0;
    while k < rules.len() {
        // One snapped position: every rule within SNAP of the first.
        let first = rules.get(k).map_or(0.0, |r| r.0);
        let mut end = k;
        while rules.get(end).is_some_and(|r| r.0 - first <= SNAP) {
            end += 1;
        }
        let mut band: Vec<(f64, f64, f64)> = rules.get(k..end).unwrap_or_default().to_vec();
        let position = band.iter().map(|r| r.0).sum::<f64>() / band.len().max(1) as f64;
        band.sort_by(|a, b| a.1.total_cmp(&b.1));
        let mut current: Option<(f64, f64)> = None;
        for (_, from, to) in band {
            current = match current {
                Some((a, b)) if from <= b + JOIN => Some((a, b.max(to))),
                Some((a, b)) => {
                    merged.push((position, a, b));
                    Some((from, to))
                }
                None => Some((from, to)),
            };
        }
        if let Some((a, b)) = current {
            merged.push((position, a, b));
        }
        k = end;
    }
    merged
}

/// Distinct positions, snapped, ascending.
fn positions(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for v in values {
        match out.last() {
            Some(&last) if v - last <= SNAP => {}
            _ => out.push(v),
        }
    }
    out
}

fn read_grid(hs: &[&Rule], vs: &[&Post], items: Vec<Item>) -> Option<(Found, Vec<Item>)> {
    let xs = positions(vs.iter().map(|v| v.x).collect());
    let mut ys = positions(hs.iter().map(|h| h.y).collect());
    ys.reverse();
    let (columns, rows) = (xs.len().checked_sub(1)?, ys.len().checked_sub(1)?);
    if columns == 0 || rows == 0 || columns * rows > MAX_CELLS {
        return None;
    }
    let x_at = |k: usize| xs.get(k).copied().unwrap_or(0.0);
    let y_at = |k: usize| ys.get(k).copied().unwrap_or(0.0);
    // Is there a vertical border at xs[k] along row r, a horizontal one at ys[k] along column c?
    let has_post = |k: usize, r: usize| {
        let (top, bottom) = (y_at(r), y_at(r + 1));
        vs.iter()
            .any(|v| (v.x - x_at(k)).abs() <= SNAP && v.y0 <= bottom + TOUCH && v.y1 >= top - TOUCH)
    };
    let has_rule = |k: usize, c: usize| {
        let (left, right) = (x_at(c), x_at(c + 1));
        hs.iter()
            .any(|h| (h.y - y_at(k)).abs() <= SNAP && h.x0 <= left + TOUCH && h.x1 >= right - TOUCH)
    };
    let mut sets = DisjointSets::new(rows * columns);
    for r in 0..rows {
        for c in 0..columns {
            if c + 1 < columns && !has_post(c + 1, r) {
                sets.union(r * columns + c, r * columns + c + 1);
            }
            if r + 1 < rows && !has_rule(r + 1, c) {
                sets.union(r * columns + c, (r + 1) * columns + c);
            }
        }
    }
    // Each merged cell as its bounding box; it must be a rectangle.
    let mut boxes: Vec<(usize, usize, usize, usize, usize)> = Vec::new(); // root, r0, r1, c0, c1
    for r in 0..rows {
        for c in 0..columns {
            let root = sets.find(r * columns + c);
            match boxes.iter_mut().find(|b| b.0 == root) {
                Some(b) => {
                    b.1 = b.1.min(r);
                    b.2 = b.2.max(r);
                    b.3 = b.3.min(c);
                    b.4 = b.4.max(c);
                }
                None => boxes.push((root, r, r, c, c)),
            }
        }
    }
    let area: usize = boxes.iter().map(|b| (b.2 - b.1 + 1) * (b.4 - b.3 + 1)).sum();
    if boxes.len() < 2 || area != rows * columns {
        return None;
    }
    let (left, right, top, bottom) = (x_at(0), x_at(columns), y_at(0), y_at(rows));
    let mut inside: Vec<Vec<Item>> = vec![Vec::new(); boxes.len()];
    let mut outside = Vec::new();
    for item in items {
        let cx = (item.x0 + item.x1) / 2.0;
        let cy = item.y0 + 0.3 * item.size;
        if cx < left || cx > right || cy < bottom || cy > top {
            outside.push(item);
            continue;
        }
        let c = xs.partition_point(|&x| x <= cx).saturating_sub(1).min(columns - 1);
        let r = ys.partition_point(|&y| y >= cy).saturating_sub(1).min(rows - 1);
        let root = sets.find(r * columns + c);
        match boxes.iter().position(|b| b.0 == root).and_then(|k| inside.get_mut(k)) {
            Some(cell) => cell.push(item),
            None => outside.push(item),
        }
    }
    if inside.iter().all(Vec::is_empty) {
        return None;
    }
    let cells: Vec<GridCell> = boxes
        .iter()
        .zip(inside)
        .map(|(&(_, r0, r1, c0, c1), items)| GridCell {
            row: r0,
            column: c0,
            row_span: r1 - r0 + 1,
            column_span: c1 - c0 + 1,
            lines: lines_of(items).into_iter().map(|l| l.replace('\t', " ")).collect(),
        })
        .collect();
    Some((
        Found {
            top,
            lines: grid_text::write(rows, columns, &cells),
        },
        outside,
    ))
}

/// Union–find over indices, with path halving.
struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut k: usize) -> usize {
        while let Some(&p) = self.parent.get(k) {
            if p == k {
                break;
            }
            let grand = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(k) {
                *slot = grand;
            }
            k = grand;
        }
        k
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb
            && let Some(slot) = self.parent.get_mut(ra.max(rb))
        {
            *slot = ra.min(rb);
        }
    }
}
