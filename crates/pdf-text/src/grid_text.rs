//! Writing a grid of cells as box-drawing text.
//!
//! The PDF reader writes each table it finds from ruling lines this way, and
//! `text --layout` shows every table this way, so what a user reads is what
//! [`crate::layout`] reads back: a merged cell is an open border (spaces
//! instead of `─`), a wrapped cell is several lines between the same bars.

use unicode_width::UnicodeWidthStr;

/// One cell: its top-left grid position, its spans and its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridCell {
    /// The 0-based row of the cell's top-left position.
    pub row: usize,
    /// The 0-based column of the cell's top-left position.
    pub column: usize,
    /// How many rows the cell covers; 0 counts as 1.
    pub row_span: usize,
    /// How many columns the cell covers; 0 counts as 1.
    pub column_span: usize,
    /// The cell's text, one entry per line.
    pub lines: Vec<String>,
}

/// The box-drawing lines of a `rows` × `columns` grid. Grid positions that no
/// cell covers are drawn as empty cells.
///
/// Columns are as wide as their widest line in display columns (CJK
/// characters count two). Bars and TABs inside a cell's text are written as
/// spaces, so that the grid reads back the same.
///
/// ```
/// use onshi_pdf_text::grid_text::{GridCell, write};
///
/// let cell = |row, column, row_span, text: &str| GridCell {
///     row, column, row_span, column_span: 1, lines: vec![text.to_owned()],
/// };
/// let lines = write(2, 2, &[cell(0, 0, 2, "範囲"), cell(0, 1, 1, "青森市"), cell(1, 1, 1, "弘前市")]);
/// assert_eq!(lines, [
///     "┌────┬──────┐",
///     "│範囲│青森市│",
///     "│    ├──────┤",
///     "│    │弘前市│",
///     "└────┴──────┘",
/// ]);
/// ```
pub fn write(rows: usize, columns: usize, cells: &[GridCell]) -> Vec<String> {
    if rows == 0 || columns == 0 {
        return Vec::new();
    }
    // Which cell covers each position (index into `cells`), empty ones as None.
    let mut owner = vec![None; rows * columns];
    for (index, cell) in cells.iter().enumerate() {
        for r in cell.row..(cell.row + cell.row_span.max(1)).min(rows) {
            for c in cell.column..(cell.column + cell.column_span.max(1)).min(columns) {
                if let Some(slot) = owner.get_mut(r * columns + c) {
                    slot.get_or_insert(index);
                }
            }
        }
    }
    let at = |r: usize, c: usize| owner.get(r * columns + c).copied().flatten();
    let clean = |s: &str| s.replace(['│', '|', '\t'], " ");
    let width_of = |s: &str| UnicodeWidthStr::width(clean(s).as_str());

    let mut widths = vec![2usize; columns];
    for cell in cells.iter().filter(|c| c.column_span <= 1 && c.column < columns) {
        let w = cell.lines.iter().map(|l| width_of(l)).max().unwrap_or(0);
        widths[cell.column] = widths[cell.column].max(w);
    }
    for cell in cells.iter().filter(|c| c.column_span > 1 && c.column < columns) {
        let last = (cell.column + cell.column_span).min(columns);
        let have: usize = widths[cell.column..last].iter().sum::<usize>() + (last - cell.column - 1);
        let need = cell.lines.iter().map(|l| width_of(l)).max().unwrap_or(0);
        if need > have {
            widths[last - 1] += need - have;
        }
    }
    let mut heights = vec![1usize; rows];
    for cell in cells.iter().filter(|c| c.row_span <= 1 && c.row < rows) {
        heights[cell.row] = heights[cell.row].max(cell.lines.len());
    }
    for cell in cells.iter().filter(|c| c.row_span > 1 && c.row < rows) {
        let last = (cell.row + cell.row_span).min(rows);
        let have: usize = heights[cell.row..last].iter().sum::<usize>();
        if cell.lines.len() > have {
            heights[last - 1] += cell.lines.len() - have;
        }
    }

    // A border line; `open(c)` says the cell in column c goes on below it.
    // Junctions follow the drawn segments, so an open border reads `│   ├──`.
    let rule = |left: char, middle: char, right: char, open: &dyn Fn(usize) -> bool| {
        let mut s = String::new();
        let junction = |before: Option<bool>, after: Option<bool>| match (before, after) {
            (None, Some(false)) => left,
            (Some(false), None) => right,
            (None, Some(true)) | (Some(true), None) | (Some(true), Some(true)) => '│',
            (Some(false), Some(true)) => '┤',
            (Some(true), Some(false)) => '├',
            _ => middle,
        };
        s.push(junction(None, Some(open(0))));
        for (c, &w) in widths.iter().enumerate() {
            let fill = if open(c) { " " } else { "─" };
            s.push_str(&fill.repeat(w));
            let next = (c + 1 < columns).then(|| open(c + 1));
            s.push(junction(Some(open(c)), next));
        }
        s
    };
    let mut out = vec![rule('┌', '┬', '┐', &|_| false)];
    for r in 0..rows {
        // Lines of a merged cell already written in the rows above.
        let offset_in = |index: usize| -> usize {
            let cell = &cells[index];
            (cell.row..r).map(|k| heights[k]).sum()
        };
        for k in 0..heights[r] {
            let mut s = String::from("│");
            let mut c = 0;
            while c < columns {
                let (text, span) = match at(r, c) {
                    Some(index) if cells[index].column == c || c == 0 => {
                        let cell = &cells[index];
                        let span = (cell.column + cell.column_span.max(1)).min(columns) - c;
                        let line = cell
                            .lines
                            .get(offset_in(index) + k)
                            .map(|l| clean(l))
                            .unwrap_or_default();
                        (line, span)
                    }
                    _ => (String::new(), 1),
                };
                let width: usize = widths[c..c + span].iter().sum::<usize>() + span - 1;
                let pad = width.saturating_sub(UnicodeWidthStr::width(text.as_str()));
                s.push_str(&text);
                s.push_str(&" ".repeat(pad));
                s.push('│');
                c += span;
            }
            out.push(s);
        }
        if r + 1 < rows {
            let open = |c: usize| matches!((at(r, c), at(r + 1, c)), (Some(a), Some(b)) if a == b);
            out.push(rule('├', '┼', '┤', &open));
        }
    }
    out.push(rule('└', '┴', '┘', &|_| false));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row: usize, column: usize, row_span: usize, lines: &[&str]) -> GridCell {
        GridCell {
            row,
            column,
            row_span,
            column_span: 1,
            lines: lines.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn merged_cells_leave_their_border_open() {
        let cells = [
            cell(0, 0, 2, &["石川県"]),
            cell(0, 1, 1, &["輪島市"]),
            cell(1, 1, 1, &["珠洲市", "能登町"]),
        ];
        assert_eq!(
            write(2, 2, &cells),
            [
                "┌──────┬──────┐",
                "│石川県│輪島市│",
                "│      ├──────┤",
                "│      │珠洲市│",
                "│      │能登町│",
                "└──────┴──────┘",
            ]
        );
    }
}
