//! Box-drawing tables: `┌─┬─┐`, `│ a │ b │`, `├─┼─┤`, `└─┴─┘`, and the ASCII
//! form `+---+---+` / `| a | b |`.
//!
//! Column widths are not trusted (box characters are one or two columns wide
//! depending on the font), so cells are found by structure alone: a row line
//! splits at its vertical bars, and a rule line says, per column, whether a
//! border closes the cell above (a run of `─`) or the cell goes on into the
//! next row (spaces: a merged cell).

use crate::normalize::Line;

use super::{Cell, MAX_COLUMNS, MAX_GRID, Table, TableForm, cell_line};

const VERTICALS: &[char] = &['│', '┃', '║', '|', '┆', '┊'];
const HORIZONTALS: &[char] = &['─', '━', '═', '-', '=', '┄', '┈', '╌'];
const JUNCTIONS: &[char] = &[
    '┌', '┐', '└', '┘', '├', '┤', '┬', '┴', '┼', '┏', '┓', '┗', '┛', '┣', '┫', '┳', '┻', '╋', '╔', '╗', '╚', '╝', '╠',
    '╣', '╦', '╩', '╬', '┠', '┨', '┯', '┷', '┿', '╂', '┝', '┥', '┰', '┸', '+',
];

#[derive(Debug, PartialEq, Eq)]
enum Kind {
    /// A border line; per column segment, whether it is drawn.
    Rule(Vec<bool>),
    /// A line of cell text, split at its vertical bars.
    Row(Vec<String>),
}

fn is_separator(c: char) -> bool {
    JUNCTIONS.contains(&c) || VERTICALS.contains(&c)
}

fn is_border(segment: &str) -> bool {
    let t = segment.trim();
    !t.is_empty() && t.chars().all(|c| HORIZONTALS.contains(&c))
}

/// A line of a box table as rule and row parts. A line can be both: under a
/// cell merged across rows, the border of the next column runs beside the
/// merged cell's text (`│    ├────┤ 1月14日まで │`).
fn classify(text: &str) -> Vec<Kind> {
    let t = text.trim();
    let Some(first) = t.chars().next() else {
        return Vec::new();
    };
    if !is_separator(first) && !HORIZONTALS.contains(&first) {
        return Vec::new();
    }
    let mut segments: Vec<&str> = t.split(is_separator).collect();
    // Text before the first bar (a `─` that starts the line) is a segment;
    // nothing before a leading bar, or after a closing one, is not.
    if is_separator(first) {
        segments.remove(0);
    }
    if t.ends_with(is_separator) {
        segments.pop();
    }
    if segments.is_empty() {
        return Vec::new();
    }
    let borders: Vec<bool> = segments.iter().map(|s| is_border(s)).collect();
    let any_border = borders.iter().any(|&b| b);
    let any_text = segments.iter().zip(&borders).any(|(s, &b)| !b && !s.trim().is_empty());
    // A rule needs a junction or a bar; `-----` alone separates prose.
    if any_border && !t.chars().any(is_separator) {
        return Vec::new();
    }
    if !any_border {
        // `|` rows outside `+--+` rules are piped tables, read elsewhere.
        if first == '|' || !VERTICALS.contains(&first) {
            return Vec::new();
        }
        return vec![Kind::Row(segments.iter().map(|s| s.trim().to_owned()).collect())];
    }
    if !any_text {
        return vec![Kind::Rule(borders)];
    }
    let fields = segments
        .iter()
        .zip(&borders)
        .map(|(s, &b)| if b { String::new() } else { s.trim().to_owned() })
        .collect();
    vec![Kind::Row(fields), Kind::Rule(borders)]
}

/// ASCII rows (`| a | b |`) belong to a box table only between `+--+` rules;
/// elsewhere they are piped tables.
fn classify_in_box(text: &str) -> Vec<Kind> {
    let t = text.trim();
    if t.starts_with('|') && !t.chars().any(|c| HORIZONTALS.contains(&c) && c != '-') {
        let mut fields: Vec<String> = t.split('|').skip(1).map(|s| s.trim().to_owned()).collect();
        if t.ends_with('|') {
            fields.pop();
        }
        if !fields.is_empty() && !fields.iter().all(|f| is_border(f)) {
            return vec![Kind::Row(fields)];
        }
    }
    classify(text)
}

/// The box table that starts at `lines[start]`, and the index after it.
pub(super) fn table_at(lines: &[Line], start: usize) -> Option<(Table, usize)> {
    // A table starts with a rule (its top border) or, when an extractor lost
    // the top border, with a row of box bars.
    let first = classify(&lines.get(start)?.text);
    if first.is_empty() {
        return None;
    }
    let mut kinds: Vec<(usize, Kind)> = first.into_iter().map(|k| (start, k)).collect();
    let mut end = start + 1;
    let width = |kinds: &[(usize, Kind)]| {
        kinds
            .iter()
            .map(|(_, k)| match k {
                Kind::Rule(s) => s.len(),
                Kind::Row(f) => f.len(),
            })
            .max()
            .unwrap_or(1)
    };
    if width(&kinds) > MAX_COLUMNS {
        return None;
    }
    let mut grid_rows = 1;
    while let Some(line) = lines.get(end) {
        let found = classify_in_box(&line.text);
        grid_rows += found.iter().filter(|k| matches!(k, Kind::Rule(_))).count();
        if found.iter().any(|k| match k {
            Kind::Rule(s) => s.len() > MAX_COLUMNS,
            Kind::Row(f) => f.len() > MAX_COLUMNS,
        }) || grid_rows * MAX_COLUMNS >= MAX_GRID
        {
            break;
        }
        if found.is_empty() {
            break;
        }
        kinds.extend(found.into_iter().map(|k| (end, k)));
        end += 1;
    }
    let rules = kinds.iter().filter(|(_, k)| matches!(k, Kind::Rule(_))).count();
    let rows = kinds.iter().filter(|(_, k)| matches!(k, Kind::Row(_))).count();
    if rules == 0 || rows == 0 {
        return None;
    }
    let table = build(lines, &kinds);
    Some((table, end))
}

fn build(lines: &[Line], kinds: &[(usize, Kind)]) -> Table {
    let columns = kinds
        .iter()
        .map(|(_, k)| match k {
            Kind::Rule(s) => s.len(),
            Kind::Row(f) => f.len(),
        })
        .max()
        .unwrap_or(1);
    // Each grid row: its row lines; and for each boundary below a grid row,
    // which columns are closed.
    let mut grid_rows: Vec<Vec<(usize, &Vec<String>)>> = Vec::new();
    let mut closed_below: Vec<Vec<bool>> = Vec::new();
    let mut current: Vec<(usize, &Vec<String>)> = Vec::new();
    for (index, kind) in kinds {
        match kind {
            Kind::Row(fields) => current.push((*index, fields)),
            Kind::Rule(segments) => {
                if !current.is_empty() {
                    grid_rows.push(std::mem::take(&mut current));
                    // A rule with fewer segments than columns (below a merged
                    // header) is closed everywhere.
                    let closed = if segments.len() == columns {
                        segments.clone()
                    } else {
                        vec![true; columns]
                    };
                    closed_below.push(closed);
                }
            }
        }
    }
    if !current.is_empty() {
        grid_rows.push(current);
        closed_below.push(vec![true; columns]);
    }

    let mut cells: Vec<Cell> = Vec::new();
    // For each column, the index in `cells` of a cell still open downwards.
    let mut open: Vec<Option<usize>> = vec![None; columns];
    for (row, row_lines) in grid_rows.iter().enumerate() {
        // The fields of the widest line decide the row's columns; a line with
        // fewer fields lets its last field span the rest.
        let width = row_lines.iter().map(|(_, f)| f.len()).max().unwrap_or(0).max(1);
        let span_of = |k: usize| {
            if k + 1 == width {
                columns - k.min(columns - 1)
            } else {
                1
            }
        };
        let mut row_cells: Vec<Option<usize>> = vec![None; columns];
        for k in 0..width.min(columns) {
            let column = k;
            let index = match open.get(column).copied().flatten() {
                Some(existing) => existing,
                None => {
                    cells.push(Cell {
                        row,
                        column,
                        row_span: 1,
                        column_span: span_of(k),
                        lines: Vec::new(),
                    });
                    cells.len() - 1
                }
            };
            if let Some(slot) = row_cells.get_mut(column) {
                *slot = Some(index);
            }
        }
        for (line_index, fields) in row_lines {
            let Some(line) = lines.get(*line_index) else { continue };
            for (k, field) in fields.iter().enumerate().take(columns) {
                if let Some(cell) = row_cells.get(k).copied().flatten().and_then(|i| cells.get_mut(i))
                    && let Some(l) = cell_line(line.position, field)
                {
                    cell.lines.push(l);
                }
            }
        }
        let closed = closed_below.get(row).cloned().unwrap_or_else(|| vec![true; columns]);
        for column in 0..columns {
            let Some(index) = row_cells.get(column).copied().flatten() else {
                continue;
            };
            let still_open = !closed.get(column).copied().unwrap_or(true) && row + 1 < grid_rows.len();
            if let Some(cell) = cells.get_mut(index) {
                cell.row_span = row + 1 - cell.row;
            }
            if let Some(slot) = open.get_mut(column) {
                *slot = still_open.then_some(index);
            }
        }
    }
    let mut indices: Vec<usize> = kinds.iter().map(|(i, _)| *i).collect();
    indices.dedup();
    let source = indices.into_iter().filter_map(|i| lines.get(i).cloned()).collect();
    Table::new(TableForm::Boxed, grid_rows.len(), columns, cells, source)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{grid, lines};
    use super::*;

    #[test]
    fn a_label_table_with_wrapped_cells() {
        let l = lines(
            "┌────┬──────────────┐\n│範囲│【青森県】青森市、弘│\n│    │前市          │\n├────┼──────────────┤\n│期間│1月13日まで   │\n└────┴──────────────┘\n以上",
        );
        let (t, end) = table_at(&l, 0).unwrap();
        assert_eq!(end, 6);
        assert_eq!(
            grid(&t),
            [["範囲", "【青森県】青森市、弘前市"], ["期間", "1月13日まで"]]
        );
        assert_eq!(t.at(0, 1).unwrap().lines[1].position.line, 3);
    }

    #[test]
    fn an_open_border_merges_cells_downwards() {
        let l = lines(
            "┌──────┬──────┬──────┐\n│石川県│輪島市│1月14日│\n│      ├──────┤      │\n│      │珠洲市│      │\n├──────┼──────┼──────┤\n│富山県│氷見市│1月7日 │\n└──────┴──────┴──────┘",
        );
        let (t, _) = table_at(&l, 0).unwrap();
        assert_eq!(t.rows, 3);
        let ishikawa = t.at(1, 0).unwrap();
        assert_eq!((ishikawa.text().as_str(), ishikawa.row_span), ("石川県", 2));
        assert_eq!(t.at(1, 1).unwrap().text(), "珠洲市");
        assert_eq!(t.at(1, 2).unwrap().text(), "1月14日");
        assert_eq!(t.at(2, 0).unwrap().text(), "富山県");
    }

    #[test]
    fn ascii_tables_and_prose_dashes() {
        let l = lines("+----+--------+\n| 範囲 | 青森市 |\n+----+--------+");
        let (t, _) = table_at(&l, 0).unwrap();
        assert_eq!(grid(&t), [["範囲", "青森市"]]);
        assert!(table_at(&lines("----------\n本文"), 0).is_none());
    }
}

#[cfg(test)]
mod round_trip {
    use super::super::tests::{grid, lines};
    use super::*;
    use crate::grid_text::{GridCell, write};

    #[test]
    fn what_grid_text_writes_reads_back_with_its_spans() {
        let cell = |row, column, row_span, text: &[&str]| GridCell {
            row,
            column,
            row_span,
            column_span: 1,
            lines: text.iter().map(|s| (*s).to_owned()).collect(),
        };
        let cells = [
            cell(0, 0, 1, &["都道府県"]),
            cell(0, 1, 1, &["市町村"]),
            cell(0, 2, 1, &["期間"]),
            cell(1, 0, 2, &["石川県"]),
            cell(1, 1, 1, &["輪島市、珠洲", "市"]),
            cell(1, 2, 2, &["令和6年1月14日", "まで"]),
            cell(2, 1, 1, &["能登町"]),
        ];
        let text = write(3, 3, &cells).join("\n");
        let (t, _) = table_at(&lines(&text), 0).unwrap();
        assert_eq!(
            grid(&t),
            [
                vec!["都道府県", "市町村", "期間"],
                vec!["石川県", "輪島市、珠洲市", "令和6年1月14日まで"],
                vec!["石川県", "能登町", "令和6年1月14日まで"]
            ]
        );
        assert_eq!(t.at(2, 0).map(|c| c.row_span), Some(2));
    }
}
