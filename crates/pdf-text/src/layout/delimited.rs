//! Tables written with delimiters: `|` between cells, or TAB.

use crate::normalize::Line;

use super::{Cell, LEAD_LINES, MAX_COLUMNS, MAX_GRID, Table, TableForm, cell_line, is_page_furniture};

/// The fields of a piped row (`| a | b |`, `a | b`), or `None`.
fn piped_fields(text: &str) -> Option<Vec<String>> {
    let t = text.trim();
    if !t.starts_with('|') || t.matches('|').count() < 2 {
        return None;
    }
    let mut fields: Vec<String> = t.split('|').skip(1).map(|s| s.trim().to_owned()).collect();
    if t.ends_with('|') {
        fields.pop();
    }
    Some(fields)
}

/// A Markdown alignment row: `|---|:--:|`.
fn is_alignment_row(fields: &[String]) -> bool {
    fields
        .iter()
        .all(|f| !f.is_empty() && f.chars().all(|c| matches!(c, '-' | ':' | ' ')) && f.contains('-'))
}

/// The piped table that starts at `lines[start]`.
pub(super) fn piped_at(lines: &[Line], start: usize) -> Option<(Table, usize)> {
    piped_fields(&lines.get(start)?.text)?;
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut end = start;
    while let Some(line) = lines.get(end) {
        let Some(fields) = piped_fields(&line.text) else { break };
        if fields.len() > MAX_COLUMNS || (rows.len() + 1) * MAX_COLUMNS >= MAX_GRID {
            break;
        }
        if !is_alignment_row(&fields) {
            rows.push((end, fields));
        }
        end += 1;
    }
    let columns = rows.iter().map(|(_, f)| f.len()).max()?;
    let mut cells = Vec::new();
    for (row, (index, fields)) in rows.iter().enumerate() {
        let Some(line) = lines.get(*index) else { continue };
        for column in 0..columns {
            let last = column + 1 == fields.len();
            if column >= fields.len() {
                break;
            }
            cells.push(Cell {
                row,
                column,
                row_span: 1,
                // A short row's last cell spans the rest.
                column_span: if last { columns - column } else { 1 },
                lines: fields
                    .get(column)
                    .and_then(|f| cell_line(line.position, f))
                    .into_iter()
                    .collect(),
            });
        }
    }
    Some((
        Table::new(
            TableForm::Piped,
            rows.len(),
            columns,
            cells,
            lines.get(start..end).unwrap_or_default().to_vec(),
        ),
        end,
    ))
}

/// A line of a tabbed table: the number of leading tabs and the fields after them.
fn tabbed_fields(text: &str) -> Option<(usize, Vec<String>)> {
    if !text.contains('\t') {
        return None;
    }
    let leading = text.chars().take_while(|&c| c == '\t').count();
    let fields: Vec<String> = text[leading..].split('\t').map(|s| s.trim().to_owned()).collect();
    if fields.iter().all(String::is_empty) {
        return None;
    }
    Some((leading, fields))
}

/// The tabbed table that starts at `lines[start]`: a line with a TAB after
/// content opens it; a line that starts with k TABs continues the cell in
/// column k, or, when it fills the columns after k, is a row whose first k
/// cells are left empty (merged with the row above).
pub(super) fn tabbed_at(lines: &[Line], start: usize) -> Option<(Table, usize)> {
    let (leading, first) = tabbed_fields(&lines.get(start)?.text)?;
    if leading > 0 {
        // Lines of a cell whose label sits lower down (a label centred in a
        // tall row): the table starts here if a labelled line follows.
        let opener = (start + 1..lines.len().min(start + LEAD_LINES + 1))
            .map_while(|k| {
                let line = lines.get(k)?;
                let (lead, fields) = tabbed_fields(&line.text)?;
                Some((lead, fields.len()))
            })
            .any(|(lead, fields)| lead == 0 && fields >= 2);
        if !opener {
            return None;
        }
    } else if first.len() < 2 {
        return None;
    }
    // Row → column → lines.
    let mut rows: Vec<Vec<Vec<Line>>> = Vec::new();
    let mut columns = 0usize;
    let mut end = start;
    let mut last_content = start;
    while let Some(line) = lines.get(end) {
        if (rows.len() + 1) * MAX_COLUMNS >= MAX_GRID {
            break;
        }
        if line.is_blank() || is_page_furniture(&line.compact()) {
            end += 1;
            continue;
        }
        let Some((leading, fields)) = tabbed_fields(&line.text) else {
            break;
        };
        let width = leading + fields.len();
        if width > MAX_COLUMNS {
            break;
        }
        let new_row = rows.is_empty() || leading == 0 || (fields.len() >= 2 && width >= columns.max(2));
        if new_row {
            rows.push(Vec::new());
        }
        columns = columns.max(width);
        let Some(row) = rows.last_mut() else { break };
        if row.len() < width {
            row.resize(width, Vec::new());
        }
        for (k, field) in fields.iter().enumerate() {
            if let (Some(cell), Some(l)) = (row.get_mut(leading + k), cell_line(line.position, field)) {
                cell.push(l);
            }
        }
        end += 1;
        last_content = end;
    }
    let end = last_content;
    let cells = rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| {
            let width = row.len();
            row.iter().enumerate().map(move |(c, lines)| Cell {
                row: r,
                column: c,
                row_span: 1,
                column_span: if c + 1 == width { columns - c } else { 1 },
                lines: lines.clone(),
            })
        })
        .collect();
    Some((
        Table::new(
            TableForm::Tabbed,
            rows.len(),
            columns,
            cells,
            lines.get(start..end).unwrap_or_default().to_vec(),
        ),
        end,
    ))
}

/// The fields of a line whose cells are set apart by runs of spaces, as
/// `pdftotext -layout` and hand-aligned text write tables: each with the
/// character offset where it starts.
fn spaced_fields(text: &str) -> Vec<(usize, String)> {
    let mut fields: Vec<(usize, String)> = Vec::new();
    let mut current: Option<(usize, String)> = None;
    let mut spaces = 0;
    for (k, c) in text.chars().enumerate() {
        if c == ' ' || c == '\t' {
            spaces += if c == '\t' { MIN_GAP } else { 1 };
            continue;
        }
        if spaces >= MIN_GAP || current.is_none() {
            fields.extend(current.take());
            current = Some((k, String::new()));
        } else if spaces > 0
            && let Some((_, field)) = current.as_mut()
        {
            field.push(' ');
        }
        spaces = 0;
        if let Some((_, field)) = current.as_mut() {
            field.push(c);
        }
    }
    fields.extend(current);
    fields
}

/// Spaces that separate cells; one space is a word gap (`令和 6 年`).
const MIN_GAP: usize = 2;
/// How far (in characters) a continued cell's line may start from its column.
const COLUMN_SLACK: usize = 4;

/// The column whose start is nearest to `offset`.
fn nearest(starts: &[usize], offset: usize) -> usize {
    starts
        .iter()
        .enumerate()
        .min_by_key(|(_, s)| s.abs_diff(offset))
        .map_or(0, |(k, _)| k)
}

/// Lines that end any table: a footnote, the closing `以上`, `記`.
fn ends_tables(text: &str) -> bool {
    let t = text.trim();
    t.starts_with('※') || t == "以上" || t == "記"
}

/// The space-aligned table that starts at `lines[start]`: at least two rows
/// with the same number (two or more) of space-separated cells; a line with
/// fewer cells continues the cells of the columns it starts under.
pub(super) fn spaced_at(lines: &[Line], start: usize) -> Option<(Table, usize)> {
    let first = lines.get(start)?;
    if first.text.contains('\t') || ends_tables(&first.text) {
        return None;
    }
    // Indented lines above a row whose label sits lower down (a label centred
    // in a tall row): they are that row's cell when they stand under one of
    // its columns.
    // They must begin the run: after a line of cells (or inside a run of
    // indented lines) they are wrapped cells of what stands above.
    let after_cells = start.checked_sub(1).and_then(|k| lines.get(k)).is_some_and(|l| {
        let f = spaced_fields(&l.text);
        f.len() >= 2 || f.first().is_some_and(|(o, _)| *o > 0)
    });
    let lead = (start..lines.len().min(start + LEAD_LINES))
        .take_while(|&k| {
            lines.get(k).is_some_and(|l| {
                let f = spaced_fields(&l.text);
                !l.text.contains('\t') && f.len() == 1 && f.first().is_some_and(|(o, _)| *o > 0)
            })
        })
        .count();
    let opener = start + lead;
    // A label is centred among lines: one stands under it too.
    let centred = lines.get(opener + 1).is_some_and(|l| {
        let f = spaced_fields(&l.text);
        f.len() == 1 && f.first().is_some_and(|(o, _)| *o > 0)
    });
    if lead > 0 && (after_cells || !centred) {
        return None;
    }
    let head = spaced_fields(&lines.get(opener)?.text);
    let columns = head.len();
    if !(2..=MAX_COLUMNS).contains(&columns) {
        return None;
    }
    let mut starts: Vec<usize> = head.iter().map(|(o, _)| *o).collect();
    // Row → column → lines.
    let mut rows: Vec<Vec<Vec<Line>>> = Vec::new();
    if lead > 0 {
        let mut row: Vec<Vec<Line>> = vec![Vec::new(); columns];
        for line in lines.get(start..opener).unwrap_or_default() {
            let (offset, field) = spaced_fields(&line.text).into_iter().next()?;
            let k = nearest(&starts, offset);
            if k == 0 || starts.get(k).is_none_or(|s| s.abs_diff(offset) > COLUMN_SLACK) {
                return None;
            }
            if let (Some(cell), Some(l)) = (row.get_mut(k), cell_line(line.position, &field)) {
                cell.push(l);
            }
        }
        rows.push(row);
    }
    let mut end = opener;
    let mut last_content = start;
    let mut full_rows = 0;
    let mut after_blank = false;
    while let Some(line) = lines.get(end) {
        if (rows.len() + 1) * MAX_COLUMNS >= MAX_GRID || line.text.contains('\t') {
            break;
        }
        if line.is_blank() {
            after_blank = true;
            end += 1;
            continue;
        }
        if ends_tables(&line.text) {
            break;
        }
        let fields = spaced_fields(&line.text);
        if fields.len() > columns {
            break;
        }
        if fields.len() >= 2 {
            // A row; with fewer cells than columns, each goes to the column it
            // starts under (a row whose last cells are empty).
            let placed: Vec<usize> = if fields.len() == columns {
                (0..columns).collect()
            } else {
                fields.iter().map(|(offset, _)| nearest(&starts, *offset)).collect()
            };
            if placed.windows(2).any(|w| w[0] >= w[1]) {
                break;
            }
            if fields.len() == columns {
                starts = fields.iter().map(|(o, _)| *o).collect();
            }
            full_rows += 1;
            let mut row: Vec<Vec<Line>> = vec![Vec::new(); columns];
            for (k, (_, field)) in placed.iter().zip(&fields) {
                if let (Some(cell), Some(l)) = (row.get_mut(*k), cell_line(line.position, field)) {
                    cell.push(l);
                }
            }
            rows.push(row);
        } else {
            // A wrapped line of a cell: never across a blank line (that is the
            // next paragraph), and only under a column.
            let Some((offset, field)) = fields.first() else { break };
            // A line left of the first column is the next paragraph (`2.期間`).
            if after_blank || rows.is_empty() || starts.first().is_some_and(|&first| *offset < first) {
                break;
            }
            // A line that runs on under the next column is the wrap of a
            // wide cell written from the margin (`範囲  【青森県】…` /
            // `鰐町、…`): it belongs to the last column it reaches.
            let reach = offset + field.chars().count();
            let under = starts.iter().rposition(|&s| s > *offset && s < reach);
            let column = under.or_else(|| {
                let k = nearest(&starts, *offset);
                starts.get(k).filter(|s| s.abs_diff(*offset) <= COLUMN_SLACK).map(|_| k)
            });
            let Some(column) = column else { break };
            let Some(row) = rows.last_mut() else { break };
            // A line at the margin continues the first cell only when that
            // cell's line is full: `10` in a wide number column is finished,
            // and a heading under it (`2 期間`) is the next paragraph.
            if column == 0 {
                let width = starts
                    .get(1)
                    .map_or(0, |next| next.saturating_sub(starts.first().copied().unwrap_or(0)));
                let last = row
                    .first()
                    .and_then(|cell| cell.last())
                    .map_or(0, |l| l.text.chars().count());
                if last + MIN_GAP + COLUMN_SLACK < width {
                    break;
                }
            }
            if let (Some(cell), Some(l)) = (row.get_mut(column), cell_line(line.position, field)) {
                cell.push(l);
            }
        }
        after_blank = false;
        end += 1;
        last_content = end;
    }
    if full_rows < 2 {
        return None;
    }
    let cells = rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| {
            row.iter().enumerate().map(move |(c, lines)| Cell {
                row: r,
                column: c,
                row_span: 1,
                column_span: 1,
                lines: lines.clone(),
            })
        })
        .collect();
    Some((
        Table::new(
            TableForm::Spaced,
            rows.len(),
            columns,
            cells,
            lines.get(start..last_content).unwrap_or_default().to_vec(),
        ),
        last_content,
    ))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{grid, lines};
    use super::*;

    #[test]
    fn space_aligned_rows_and_a_wrapped_cell() {
        let text = "都道府県  市町村    期間\n福岡県      久留米市、朝倉市  令和 5 年 7 月 16 日まで\n佐賀県      佐賀市、唐津市、  令和 5 年 7 月 17 日まで\n            伊万里市\n※注";
        let (t, end) = spaced_at(&lines(text), 0).unwrap();
        assert_eq!(end, 4);
        assert_eq!(
            grid(&t),
            [
                ["都道府県", "市町村", "期間"],
                ["福岡県", "久留米市、朝倉市", "令和 5 年 7 月 16 日まで"],
                ["佐賀県", "佐賀市、唐津市、伊万里市", "令和 5 年 7 月 17 日まで"]
            ]
        );
        // A short cell is finished: the line under it is no part of the table.
        let (_, end) = spaced_at(
            &lines("1          青森県   青森市\n2          青森県   弘前市\n2 期間"),
            0,
        )
        .unwrap();
        assert_eq!(end, 2);
        assert!(spaced_at(&lines("本文  です\n次の行"), 0).is_none());
        let text = "範囲  【青森県】青森市、弘前市\n期間  1月13日まで\n";
        let wrapped = "範囲  【青森県】青森市、南津軽郡大\n鰐町、平川市\n期間  1月13日まで";
        assert_eq!(grid(&spaced_at(&lines(text), 0).unwrap().0)[1], ["期間", "1月13日まで"]);
        assert_eq!(
            grid(&spaced_at(&lines(wrapped), 0).unwrap().0)[0],
            ["範囲", "【青森県】青森市、南津軽郡大鰐町、平川市"]
        );
    }

    #[test]
    fn markdown_alignment_rows_are_not_content() {
        let (t, end) = piped_at(
            &lines("| 都道府県 | 市町村 |\n|:---|---:|\n| 石川県 | 輪島市 |\n本文"),
            0,
        )
        .unwrap();
        assert_eq!(end, 3);
        assert_eq!(grid(&t), [["都道府県", "市町村"], ["石川県", "輪島市"]]);
    }

    #[test]
    fn tabbed_cells_continue_and_rows_with_empty_first_cells() {
        let text = "範囲\t【青森県】青森市、\n\t弘前市\n\n期間\t1月13日まで\n※注";
        let (t, end) = tabbed_at(&lines(text), 0).unwrap();
        assert_eq!(end, 4);
        assert_eq!(
            grid(&t),
            [["範囲", "【青森県】青森市、弘前市"], ["期間", "1月13日まで"]]
        );
        let text = "都道府県\t市町村\t期間\n石川県\t輪島市\t1月14日まで\n\t珠洲市\t1月14日まで";
        let (t, _) = tabbed_at(&lines(text), 0).unwrap();
        assert_eq!(t.rows, 3);
        assert_eq!(t.at(2, 0).map(Cell::text), Some(String::new()));
        assert_eq!(t.at(2, 1).map(Cell::text).as_deref(), Some("珠洲市"));
    }
}
