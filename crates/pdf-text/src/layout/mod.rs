//! The layout model: the notice's lines as blocks of paragraphs and tables.
//!
//! Every input reaches this stage as normalized lines. Tables come in three
//! written forms, and each becomes the same [`Table`] of cells with row and
//! column spans:
//!
//! * box-drawing grids (`┌─┬─┐ │ ├ ┼ └`, or ASCII `+--+`), which is also how
//!   the PDF reader writes the tables it finds from ruling lines, so that a
//!   merged cell survives as an open border;
//! * `|`-separated rows (Markdown, portal pages, pasted tables);
//! * TAB-separated cells, where a line that starts with tabs continues the
//!   cell of the column it starts in.
//!
//! Lines that belong to no table stay paragraphs, with their indentation.
//! The notice reader takes its facts from these blocks; it never has to know
//! which written form a table came in.
//!
//! ```
//! use onshi_pdf_text::layout::{Block, Furniture, TableForm, blocks};
//! use onshi_pdf_text::normalize::normalize;
//!
//! let page = "事務連絡\n\n| 範囲 | 青森市 |\n| 期間 | 1月13日まで |\n以上".to_owned();
//! let text = normalize(&[page]);
//! let blocks = blocks(&text.lines, &Furniture::of(&text.lines));
//! assert_eq!(blocks.len(), 3);
//! let Block::Table(table) = &blocks[1] else { panic!("a table") };
//! assert_eq!(table.form, TableForm::Piped);
//! assert_eq!(table.row_texts(1), ["期間", "1月13日まで"]);
//! ```

mod boxed;
mod delimited;
pub mod render;

use crate::normalize::Line;
use crate::normalize::Position;

/// A run of lines that is either plain paragraphs or one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Lines outside any table, blank lines included, in reading order.
    Paragraphs(Vec<Line>),
    /// One table, in whichever form it was written.
    Table(Table),
}

/// How a table was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableForm {
    /// Box-drawing or ASCII `+--+` borders (and every ruled table of a PDF).
    Boxed,
    /// `|` between cells.
    Piped,
    /// TAB between cells.
    Tabbed,
    /// Runs of spaces between cells, aligned (`pdftotext -layout`, hand-made).
    Spaced,
}

/// A grid of cells. A merged cell is one [`Cell`] whose span covers several
/// grid positions; [`Table::at`] finds it from any of them.
///
/// ```
/// use onshi_pdf_text::layout::{Block, Furniture, blocks};
/// use onshi_pdf_text::normalize::normalize;
///
/// // 範囲 spans two rows: the border under it is open.
/// let grid = "┌──┬────┐\n│範囲│青森市│\n│  ├────┤\n│  │弘前市│\n└──┴────┘";
/// let text = normalize(&[grid.to_owned()]);
/// let Block::Table(table) = &blocks(&text.lines, &Furniture::default())[0] else { panic!() };
/// assert_eq!((table.rows, table.columns, table.cells.len()), (2, 2, 3));
/// assert_eq!(table.at(1, 0).unwrap().text(), "範囲");
/// assert_eq!(table.at(1, 0).unwrap().row_span, 2);
/// assert_eq!(table.position().unwrap().line, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// How the table was written.
    pub form: TableForm,
    /// The number of grid rows.
    pub rows: usize,
    /// The number of grid columns.
    pub columns: usize,
    /// Ordered by row, then column, of each cell's top-left position.
    pub cells: Vec<Cell>,
    /// The lines the table was read from, for readers that fall back to lines.
    pub lines: Vec<Line>,
    /// For each grid position (row-major), the index of the cell covering it.
    owners: Vec<Option<usize>>,
}

/// One cell of a [`Table`]: where its top-left corner is, how far it spans,
/// and its lines with their positions in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The 0-based row of the cell's top-left grid position.
    pub row: usize,
    /// The 0-based column of the cell's top-left grid position.
    pub column: usize,
    /// How many grid rows the cell covers (1 unless merged).
    pub row_span: usize,
    /// How many grid columns the cell covers (1 unless merged).
    pub column_span: usize,
    /// The cell's lines, trimmed, empty lines dropped; positions point at the
    /// source line each came from.
    pub lines: Vec<Line>,
}

impl Cell {
    /// The cell's text with its lines joined without a separator (extractors
    /// wrap cells anywhere, even inside a name).
    ///
    /// ```
    /// use onshi_pdf_text::layout::Cell;
    /// use onshi_pdf_text::normalize::{Line, Position};
    ///
    /// let line = |line, text: &str| Line { position: Position { page: 1, line }, text: text.into() };
    /// let cell = Cell {
    ///     row: 0, column: 1, row_span: 1, column_span: 1,
    ///     lines: vec![line(3, "【青森県】青森市、弘"), line(4, "前市")],
    /// };
    /// assert_eq!(cell.text(), "【青森県】青森市、弘前市");
    /// assert!(!cell.is_empty());
    /// assert_eq!(cell.position(), Some(Position { page: 1, line: 3 }));
    /// ```
    pub fn text(&self) -> String {
        self.lines.iter().map(|l| l.text.as_str()).collect()
    }

    /// True when the cell has no text (an empty cell of a grid).
    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(Line::is_blank)
    }

    /// Where the cell's first line came from; `None` for an empty cell.
    pub fn position(&self) -> Option<Position> {
        self.lines.first().map(|l| l.position)
    }

    fn covers(&self, row: usize, column: usize) -> bool {
        (self.row..self.row + self.row_span).contains(&row) && self.covers_column(column)
    }

    fn covers_column(&self, column: usize) -> bool {
        (self.column..self.column + self.column_span).contains(&column)
    }
}

impl Table {
    /// A table of `cells` on a `rows` × `columns` grid; the cells are sorted
    /// and indexed so that [`Table::at`] is a lookup. A position covered by
    /// two cells belongs to the first; cells outside the grid are never found.
    ///
    /// ```
    /// use onshi_pdf_text::layout::{Cell, Table, TableForm};
    /// use onshi_pdf_text::normalize::{Line, Position};
    ///
    /// let cell = |row, column, column_span, text: &str| Cell {
    ///     row, column, row_span: 1, column_span,
    ///     lines: vec![Line { position: Position { page: 1, line: row as u32 + 1 }, text: text.into() }],
    /// };
    /// let cells = vec![cell(1, 0, 1, "期間"), cell(1, 1, 1, "1月13日まで"), cell(0, 0, 2, "概要")];
    /// let table = Table::new(TableForm::Tabbed, 2, 2, cells, Vec::new());
    /// assert_eq!(table.cells[0].text(), "概要"); // sorted by position
    /// assert_eq!(table.at(0, 1).unwrap().text(), "概要"); // merged across both columns
    /// assert_eq!(table.row(0).len(), 1);
    /// assert_eq!(table.row_texts(0), ["概要", "概要"]);
    /// assert!(table.at(2, 0).is_none());
    /// ```
    pub fn new(form: TableForm, rows: usize, columns: usize, mut cells: Vec<Cell>, lines: Vec<Line>) -> Self {
        cells.sort_by_key(|c| (c.row, c.column));
        let mut table = Table {
            form,
            rows,
            columns,
            cells,
            lines,
            owners: Vec::new(),
        };
        table.index();
        table
    }

    fn index(&mut self) {
        let mut owners = vec![None; self.rows * self.columns];
        for (k, cell) in self.cells.iter().enumerate() {
            for r in cell.row..(cell.row + cell.row_span).min(self.rows) {
                for c in cell.column..(cell.column + cell.column_span).min(self.columns) {
                    if let Some(slot) = owners.get_mut(r * self.columns + c) {
                        slot.get_or_insert(k);
                    }
                }
            }
        }
        self.owners = owners;
    }

    /// The cell covering grid position (`row`, `column`), 0-based; `None`
    /// outside the grid or where no cell was written. See [`Table::new`].
    pub fn at(&self, row: usize, column: usize) -> Option<&Cell> {
        if row >= self.rows || column >= self.columns {
            return None;
        }
        let k = self.owners.get(row * self.columns + column).copied().flatten()?;
        self.cells.get(k)
    }

    /// The distinct cells of one grid row, left to right (a merged cell that
    /// reaches into the row from above is included). See [`Table::new`].
    pub fn row(&self, row: usize) -> Vec<&Cell> {
        let mut cells: Vec<&Cell> = Vec::new();
        for column in 0..self.columns {
            if let Some(cell) = self.at(row, column)
                && !cells.last().is_some_and(|last| std::ptr::eq(*last, cell))
            {
                cells.push(cell);
            }
        }
        cells
    }

    /// Where the table's first line came from; see [`Table`].
    pub fn position(&self) -> Option<Position> {
        self.lines.first().map(|l| l.position)
    }

    /// The texts of one grid row, column by column, without whitespace (a
    /// merged cell's text in every column it covers). See [`Table::new`].
    pub fn row_texts(&self, row: usize) -> Vec<String> {
        (0..self.columns)
            .map(|c| {
                self.at(row, c)
                    .map(|cell| crate::normalize::compact(&cell.text()))
                    .unwrap_or_default()
            })
            .collect()
    }
}

/// Grid positions (rows × columns) of one table at most; a longer table is
/// read as several, so its index stays bounded whatever the input.
const MAX_GRID: usize = 1 << 22;
/// A line with more cells than this is no table a notice holds.
const MAX_COLUMNS: usize = 64;
/// How many lines above its label a cell centred in a tall row may start.
const LEAD_LINES: usize = 8;

/// Running heads and feet: lines that stand at the same place at the top or
/// the bottom of at least two pages (a title repeated as a page header, a
/// document number). They are skipped where they cut a table in two.
///
/// `Furniture::default()` knows no running lines; page numbers are still
/// recognised.
///
/// ```
/// use onshi_pdf_text::layout::Furniture;
/// use onshi_pdf_text::normalize::normalize;
///
/// let pages = ["事務連絡\n本文\n1".to_owned(), "事務連絡\n続き\n2".to_owned()];
/// let text = normalize(&pages);
/// let furniture = Furniture::of(&text.lines);
/// let running: Vec<&str> = text.lines.iter()
///     .filter(|l| furniture.contains(l))
///     .map(|l| l.text.as_str())
///     .collect();
/// assert_eq!(running, ["事務連絡", "1", "事務連絡", "2"]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Furniture {
    /// Where the running lines are.
    running: std::collections::HashSet<Position>,
}

/// How many lines at the top and at the bottom of a page can be running ones.
const RUNNING_SLOTS: usize = 2;

impl Furniture {
    /// The running lines of a whole document (see [`Furniture`]).
    pub fn of(lines: &[Line]) -> Self {
        use std::collections::HashMap;
        // (text, slot) → where it stands; a slot counts from the top (0, 1)
        // or from the bottom (−1, −2).
        let mut slots: HashMap<(String, isize), Vec<Position>> = HashMap::new();
        for page in lines.chunk_by(|a, b| a.position.page == b.position.page) {
            let filled: Vec<&Line> = page.iter().filter(|l| !l.is_blank()).collect();
            let n = filled.len();
            for (k, line) in filled.iter().enumerate() {
                let slot = if k < RUNNING_SLOTS {
                    k as isize
                } else if n - k <= RUNNING_SLOTS {
                    k as isize - n as isize
                } else {
                    continue;
                };
                slots.entry((line.compact(), slot)).or_default().push(line.position);
            }
        }
        Furniture {
            running: slots
                .into_values()
                .filter(|at| {
                    let mut pages: Vec<u32> = at.iter().map(|p| p.page).collect();
                    pages.dedup();
                    pages.len() >= 2
                })
                .flatten()
                .collect(),
        }
    }

    /// A page number (`2`, `- 2 -`, `2/5`), or a running head or foot where
    /// it runs (see [`Furniture`]).
    pub fn contains(&self, line: &Line) -> bool {
        is_page_furniture(&line.compact()) || self.running.contains(&line.position)
    }
}

/// Splits `lines` into blocks of paragraphs and tables, in reading order.
///
/// Each line belongs to exactly one block. A table cut by a page break (only
/// `furniture` between its halves, as many columns on both sides) is joined
/// into one, and a row cut in two by the break is joined again.
///
/// ```
/// use onshi_pdf_text::layout::{Block, Furniture, blocks};
/// use onshi_pdf_text::normalize::normalize;
///
/// let pages = [
///     "範囲\t青森市\n期間\t1月13日まで\n- 1 -".to_owned(),
///     "範囲\t弘前市\n期間\t1月14日まで".to_owned(),
/// ];
/// let text = normalize(&pages);
/// let blocks = blocks(&text.lines, &Furniture::of(&text.lines));
/// assert_eq!(blocks.len(), 1);
/// let Block::Table(table) = &blocks[0] else { panic!("a table") };
/// assert_eq!(table.rows, 4);
/// assert_eq!(table.row_texts(2), ["範囲", "弘前市"]);
/// ```
pub fn blocks(lines: &[Line], furniture: &Furniture) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<Line> = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let found = boxed::table_at(lines, index)
            .or_else(|| delimited::piped_at(lines, index))
            .or_else(|| delimited::tabbed_at(lines, index))
            .or_else(|| delimited::spaced_at(lines, index));
        match found {
            Some((table, end)) if end > index => {
                if !paragraph.is_empty() {
                    blocks.push(Block::Paragraphs(std::mem::take(&mut paragraph)));
                }
                blocks.push(Block::Table(join_labels_across_breaks(table)));
                index = end;
            }
            _ => {
                if let Some(line) = lines.get(index) {
                    paragraph.push(line.clone());
                }
                index += 1;
            }
        }
    }
    if !paragraph.is_empty() {
        blocks.push(Block::Paragraphs(paragraph));
    }
    join_across_pages(blocks, furniture)
}

/// A table that ends a page and one that starts the next with as many columns
/// are one table broken by the page (only page furniture between them). When
/// the continuation's first row leaves a column empty that the row before it
/// filled, that row was cut by the break and its cells are joined again.
fn join_across_pages(blocks: Vec<Block>, furniture: &Furniture) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut pending_gap: Vec<Line> = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraphs(lines) if lines.iter().all(|l| l.is_blank() || furniture.contains(l)) => {
                // Only furniture: it may separate the two halves of a table.
                if matches!(out.last(), Some(Block::Table(_))) && pending_gap.is_empty() {
                    pending_gap = lines;
                } else {
                    flush_gap(&mut out, &mut pending_gap);
                    out.push(Block::Paragraphs(lines));
                }
            }
            Block::Table(next) => {
                let joins = match out.last() {
                    Some(Block::Table(previous)) => {
                        let crosses = match (previous.lines.last(), next.lines.first()) {
                            (Some(a), Some(b)) => b.position.page > a.position.page,
                            _ => false,
                        };
                        // The form may differ: a continuation that lost its rules
                        // comes out tabbed under a ruled first half.
                        crosses && previous.columns == next.columns
                    }
                    _ => false,
                };
                if joins && let Some(Block::Table(previous)) = out.last_mut() {
                    pending_gap.clear();
                    append_table(previous, next);
                } else {
                    flush_gap(&mut out, &mut pending_gap);
                    out.push(Block::Table(next));
                }
            }
            other => {
                flush_gap(&mut out, &mut pending_gap);
                out.push(other);
            }
        }
    }
    flush_gap(&mut out, &mut pending_gap);
    out
}

fn flush_gap(out: &mut Vec<Block>, gap: &mut Vec<Line>) {
    if !gap.is_empty() {
        out.push(Block::Paragraphs(std::mem::take(gap)));
    }
}

fn append_table(table: &mut Table, next: Table) {
    // A header row repeated at the top of the next page is not data.
    let next = if table.rows > 1 && next.rows > 1 && next.row_texts(0) == table.row_texts(0) {
        drop_first_row(next)
    } else {
        next
    };
    let last_row = table.rows.saturating_sub(1);
    // An unlabelled row may take its label from the next page only where the
    // table gives no other reason for an empty label: it is the table's first
    // row, or the table centres its labels (a label below its row's first line).
    // Looked at only when the rows' shapes call for it: it reads the whole table.
    let label_may_follow = || last_row == 0 || centres_labels(table);
    let cut = table.rows > 0
        && next.rows > 0
        && row_cut_by_break(&table.row(last_row), &next.row(0), table.columns, label_may_follow);
    let offset = if cut { last_row } else { table.rows };
    for cell in next.cells {
        if cut && cell.row == 0 {
            let target = (cell.column..cell.column + cell.column_span)
                .find_map(|c| table.cells.iter().position(|t| t.covers(last_row, c)));
            if let Some(t) = target.and_then(|t| table.cells.get_mut(t)) {
                t.lines.extend(cell.lines);
                t.row_span = t.row_span.max(last_row + cell.row_span - t.row);
                continue;
            }
        }
        table.cells.push(Cell {
            row: cell.row + offset,
            ..cell
        });
    }
    table.rows = offset + next.rows;
    table.cells.sort_by_key(|c| (c.row, c.column));
    table.lines.extend(next.lines);
    table.index();
}

/// Whether `after`, the first row of a table's continuation, is the rest of
/// `before`, the row that ends the page: one row cut in two by the break.
///
/// A row's cells may land on either side of the break. A cell printed at the
/// top of its row stays with the first part, so the continuation only adds to
/// columns the cut row already filled and leaves one of them open. A label
/// centred in a tall row lands in whichever part holds the row's middle: the
/// part on the first page then has an empty label column that the
/// continuation fills, and the two parts share a column whose text runs on
/// across the break. Both parts labelled is two rows, never one; and an
/// unlabelled row takes the label after the break only when `label_may_follow`.
fn row_cut_by_break(before: &[&Cell], after: &[&Cell], columns: usize, label_may_follow: impl Fn() -> bool) -> bool {
    let (was, adds) = (filled(before, columns), filled(after, columns));
    let pairs = || was.iter().zip(&adds);
    if !adds.iter().any(|&f| f) || !was.iter().any(|&f| f) {
        return false;
    }
    let rest_of_row = pairs().all(|(&w, &a)| !a || w) && pairs().any(|(&w, &a)| w && !a);
    rest_of_row || label_comes_after(before, after, columns, label_may_follow)
}

/// Whether `before`, a row with an empty label column, and `after`, the next
/// row across a page break, which has a label, are one row whose label was
/// centred into the later part (see [`row_cut_by_break`]).
fn label_comes_after(before: &[&Cell], after: &[&Cell], columns: usize, label_may_follow: impl Fn() -> bool) -> bool {
    let (was, adds) = (filled(before, columns), filled(after, columns));
    match (was.first(), adds.first()) {
        (Some(false), Some(true)) if label_may_follow() => {
            // The middle of the row is on the later page: that part is at least
            // as tall as the first (a line of slack for rounding).
            was.iter().zip(&adds).skip(1).any(|(&w, &a)| w && a) && height(after) + 1 >= height(before)
        }
        _ => false,
    }
}

/// For each column, whether `row` has text there.
fn filled(row: &[&Cell], columns: usize) -> Vec<bool> {
    (0..columns)
        .map(|c| row.iter().any(|cell| cell.covers_column(c) && !cell.is_empty()))
        .collect()
}

/// Whether some row of `table` has its label (first column) start on a later
/// line than the row's other cells: the producer centres labels vertically.
fn centres_labels(table: &Table) -> bool {
    let start = |cell: &Cell| cell.position().map(|p| (p.page, p.line));
    (0..table.rows).any(|r| {
        let row = table.row(r);
        let Some((label, rest)) = row.split_first() else {
            return false;
        };
        let top = rest.iter().filter(|c| c.row == r).filter_map(|c| start(c)).min();
        label.row == r && label.column == 0 && matches!((start(label), top), (Some(l), Some(t)) if l > t)
    })
}

/// The number of lines in a row's tallest cell.
fn height(row: &[&Cell]) -> usize {
    row.iter().map(|cell| cell.lines.len()).max().unwrap_or(0)
}

/// A grid read straight across a page break (its two halves are adjacent
/// lines) keeps the break as a row border. Where the row before the break is
/// unlabelled and the row after it carries the label of the same cut row (see
/// [`row_cut_by_break`]), the two are joined. Only rows of cells of their own
/// are joined; a cell merged across the break already holds both parts.
fn join_labels_across_breaks(mut table: Table) -> Table {
    // Whether the table centres its labels: read once, and only if a row needs it
    // (reading it for every row made a long table quadratic).
    let mut centred: Option<bool> = None;
    let mut r = 0;
    while r + 1 < table.rows {
        let own = |row: usize| -> bool { table.row(row).iter().all(|c| c.row == row && c.row_span == 1) };
        let page = |row: usize, last: bool| {
            let pages = table
                .row(row)
                .into_iter()
                .flat_map(|c| c.lines.iter().map(|l| l.position.page));
            if last { pages.max() } else { pages.min() }
        };
        let breaks = matches!((page(r, true), page(r + 1, false)), (Some(a), Some(b)) if b > a);
        if breaks && own(r) && own(r + 1) {
            let label_may_follow = r == 0 || *centred.get_or_insert_with(|| centres_labels(&table));
            if label_comes_after(&table.row(r), &table.row(r + 1), table.columns, || label_may_follow) {
                merge_row_into_previous(&mut table, r + 1);
            }
        }
        r += 1;
    }
    table
}

/// Joins grid row `row` (its cells all its own) into the row above it.
fn merge_row_into_previous(table: &mut Table, row: usize) {
    let mut cells = std::mem::take(&mut table.cells);
    let (moved, kept): (Vec<Cell>, Vec<Cell>) = cells.drain(..).partition(|c| c.row == row);
    cells = kept;
    for cell in moved {
        match cells.iter_mut().find(|t| t.row == row - 1 && t.column == cell.column) {
            Some(target) => target.lines.extend(cell.lines),
            None => cells.push(Cell { row: row - 1, ..cell }),
        }
    }
    for cell in cells.iter_mut().filter(|c| c.row > row) {
        cell.row -= 1;
    }
    *table = Table::new(
        table.form,
        table.rows - 1,
        table.columns,
        cells,
        std::mem::take(&mut table.lines),
    );
}

/// `table` without its first row (cells merged down from it keep their lower part).
fn drop_first_row(table: Table) -> Table {
    let form = table.form;
    let (rows, columns) = (table.rows - 1, table.columns);
    let source = table.lines.clone();
    let cells = table
        .cells
        .into_iter()
        .filter_map(|cell| {
            if cell.row == 0 && cell.row_span <= 1 {
                return None;
            }
            let (row, row_span) = if cell.row == 0 {
                (0, cell.row_span - 1)
            } else {
                (cell.row - 1, cell.row_span)
            };
            Some(Cell { row, row_span, ..cell })
        })
        .collect();
    Table::new(form, rows, columns, cells, source)
}

/// Page numbers and running marks that extractors put between a table's halves.
pub(crate) fn is_page_furniture(compact: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits(compact) {
        return true;
    }
    if let Some(inner) = compact.strip_prefix('-').and_then(|s| s.strip_suffix('-')) {
        return digits(inner);
    }
    if let Some((a, b)) = compact.split_once('/') {
        return digits(a) && digits(b);
    }
    false
}

/// A cell's line: the text trimmed, the position kept.
fn cell_line(position: Position, text: &str) -> Option<Line> {
    let text = text.trim();
    (!text.is_empty()).then(|| Line {
        position,
        text: text.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    pub(super) fn lines(text: &str) -> Vec<Line> {
        normalize(&[text.to_owned()]).lines
    }

    pub(super) fn grid(table: &Table) -> Vec<Vec<String>> {
        (0..table.rows)
            .map(|r| table.row(r).iter().map(|c| c.text()).collect())
            .collect()
    }

    #[test]
    fn paragraphs_around_a_table() {
        let b = blocks(
            &lines("記\n| 範囲 | 期間 |\n| 【青森県】青森市 | 1月13日まで |\n以上"),
            &Furniture::default(),
        );
        assert_eq!(b.len(), 3);
        let Block::Table(t) = &b[1] else { panic!("{b:?}") };
        assert_eq!(grid(t), [["範囲", "期間"], ["【青森県】青森市", "1月13日まで"]]);
    }

    #[test]
    fn a_running_head_between_the_halves_of_a_table_is_skipped() {
        let pages = [
            "令和6年の大雪について\n本文\n| 範囲 | 青森市、弘前市、黒石 |".to_owned(),
            "令和6年の大雪について\n|  | 市、平川市 |\n| 期間 | 1月13日まで |".to_owned(),
        ];
        let lines = normalize(&pages).lines;
        let furniture = Furniture::of(&lines);
        assert!(furniture.contains(&lines[3]));
        assert!(!furniture.contains(&lines[1]));
        let tables = blocks(&lines, &furniture)
            .into_iter()
            .filter(|b| matches!(b, Block::Table(_)))
            .count();
        assert_eq!(tables, 1);
        assert_eq!(blocks(&lines, &Furniture::default()).len(), 4);
    }

    #[test]
    fn a_header_repeated_on_the_next_page_is_dropped() {
        let pages = [
            "| 都道府県 | 市町村 | 終了日時 |\n| 石川県 | 金沢市 | 3月7日 |\n| 石川県 | 七尾市 | 3月7日 |\n- 1 -"
                .to_owned(),
            "| 都道府県 | 市町村 | 終了日時 |\n| 石川県 | 輪島市 | 3月7日 |".to_owned(),
        ];
        let tables: Vec<Table> = blocks(&normalize(&pages).lines, &Furniture::default())
            .into_iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                Block::Paragraphs(_) => None,
            })
            .collect();
        assert_eq!(tables.len(), 1);
        assert_eq!(grid(&tables[0]).len(), 4);
        assert_eq!(grid(&tables[0])[3], ["石川県", "輪島市", "3月7日"]);
    }

    #[test]
    fn a_table_broken_by_a_page_is_joined_and_its_cut_row_too() {
        let pages = [
            "| 石川県 | 輪島市、珠洲市、 | 1月14日まで |\n\n- 1 -".to_owned(),
            "|  | 能登町 |  |\n| 富山県 | 氷見市 | 1月7日まで |".to_owned(),
        ];
        let b = blocks(&normalize(&pages).lines, &Furniture::default());
        let tables: Vec<&Table> = b
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        assert_eq!(tables.len(), 1);
        assert_eq!(
            grid(tables[0]),
            [
                ["石川県", "輪島市、珠洲市、能登町", "1月14日まで"],
                ["富山県", "氷見市", "1月7日まで"]
            ]
        );
    }

    fn tables(pages: &[&str]) -> Vec<Table> {
        let pages: Vec<String> = pages.iter().map(|p| (*p).to_owned()).collect();
        blocks(&normalize(&pages).lines, &Furniture::default())
            .into_iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                Block::Paragraphs(_) => None,
            })
            .collect()
    }

    #[test]
    fn a_label_centred_into_the_next_page_labels_the_whole_cut_row() {
        // Each page closes its part of the grid; the label sits only in the
        // part on page 2, and `北津軽郡板柳町` is split by the break.
        // Read as one grid, or as two halves with a page number between them.
        for foot in ["", "\n- 1 -"] {
            let first = format!("記\n┌──┬────────┐\n│  │【青森県】青森市、北津│\n└──┴────────┘{foot}");
            let t = tables(&[
                &first,
                "┌────┬──────┐\n│範囲│軽郡板柳町、鶴田町│\n├────┼──────┤\n│期間│1月13日まで│\n└────┴──────┘",
            ]);
            assert_eq!(t.len(), 1);
            assert_eq!(
                grid(&t[0]),
                [
                    ["範囲", "【青森県】青森市、北津軽郡板柳町、鶴田町"],
                    ["期間", "1月13日まで"]
                ]
            );
            assert_eq!(t[0].at(0, 1).unwrap().position().unwrap().page, 1);
        }
    }

    #[test]
    fn a_label_left_on_the_first_page_labels_the_whole_cut_row() {
        let t = tables(&[
            "┌────┬────────┐\n│範囲│【青森県】青森市、北津│\n└────┴────────┘\n- 1 -",
            "┌──┬──────┐\n│  │軽郡板柳町│\n├──┼──────┤\n│期間│1月13日まで│\n└──┴──────┘",
        ]);
        assert_eq!(
            grid(&t[0]),
            [["範囲", "【青森県】青森市、北津軽郡板柳町"], ["期間", "1月13日まで"]]
        );
    }

    #[test]
    fn an_unlabelled_row_above_a_labelled_one_on_the_same_page_stays_apart() {
        let t = tables(&["┌──┬────┐\n│  │青森市、北津│\n├──┼────┤\n│範囲│軽郡板柳町│\n└──┴────┘"]);
        assert_eq!(grid(&t[0]), [["", "青森市、北津"], ["範囲", "軽郡板柳町"]]);
    }

    #[test]
    fn rows_labelled_on_both_sides_of_a_break_stay_two_rows() {
        let t = tables(&["| 範囲 | 青森市、弘前市 |\n- 1 -", "| 期間 | 1月13日まで |"]);
        assert_eq!(grid(&t[0]), [["範囲", "青森市、弘前市"], ["期間", "1月13日まで"]]);
    }

    #[test]
    fn an_unlabelled_row_of_a_group_keeps_its_place_before_a_labelled_row() {
        // The prefecture written once per group: the row after the break is
        // a new group, not the label of the row before it.
        let t = tables(&["| 石川県 | 輪島市 |\n|  | 珠洲市 |\n- 1 -", "| 富山県 | 氷見市 |"]);
        assert_eq!(
            grid(&t[0]),
            [["石川県", "輪島市"], ["", "珠洲市"], ["富山県", "氷見市"]]
        );
    }

    #[test]
    fn a_table_that_centres_its_labels_takes_a_label_from_the_next_page() {
        let t = tables(&[
            "┌────┬──────┐\n│    │青森県 青森市│\n│範囲│弘前市│\n│    │黒石市│\n├────┼──────┤\n│    │岩手県 盛岡市、宮│\n└────┴──────┘",
            "┌────┬──────┐\n│範囲│古市│\n├────┼──────┤\n│期間│1月13日まで│\n└────┴──────┘",
        ]);
        assert_eq!(
            grid(&t[0]),
            [
                ["範囲", "青森県 青森市弘前市黒石市"],
                ["範囲", "岩手県 盛岡市、宮古市"],
                ["期間", "1月13日まで"]
            ]
        );
    }
}
