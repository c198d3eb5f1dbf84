//! The blocks as text, the way a reader of the layout model sees them: for
//! checking what was found, and for snapshot tests of the layout stage.

use crate::grid_text::{self, GridCell};

use super::{Block, Table, TableForm};

/// Paragraph lines as `page:line<TAB>text`; each table as a heading with its
/// position, size and form, then its grid (merged cells as open borders).
///
/// ```
/// use onshi_pdf_text::layout::{Furniture, blocks, render::render};
/// use onshi_pdf_text::normalize::normalize;
///
/// let text = normalize(&["事務連絡\n範囲\t青森市\n期間\t1月13日まで".to_owned()]);
/// let lines = render(&blocks(&text.lines, &Furniture::default()));
/// assert_eq!(lines, [
///     "1:1\t事務連絡",
///     "1:2\ttable: 2 rows × 2 columns (tabbed)",
///     "\t┌────┬───────────┐",
///     "\t│範囲│青森市     │",
///     "\t├────┼───────────┤",
///     "\t│期間│1月13日まで│",
///     "\t└────┴───────────┘",
/// ]);
/// ```
pub fn render(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraphs(lines) => {
                out.extend(
                    lines
                        .iter()
                        .map(|l| format!("{}:{}\t{}", l.position.page, l.position.line, l.text)),
                );
            }
            Block::Table(table) => out.extend(render_table(table)),
        }
    }
    out
}

fn render_table(table: &Table) -> Vec<String> {
    let form = match table.form {
        TableForm::Boxed => "ruled",
        TableForm::Piped => "piped",
        TableForm::Tabbed => "tabbed",
        TableForm::Spaced => "aligned",
    };
    let at = table
        .position()
        .map_or_else(String::new, |p| format!("{}:{}\t", p.page, p.line));
    let mut out = vec![format!(
        "{at}table: {} rows × {} columns ({form})",
        table.rows, table.columns
    )];
    let cells: Vec<GridCell> = table
        .cells
        .iter()
        .map(|c| GridCell {
            row: c.row,
            column: c.column,
            row_span: c.row_span,
            column_span: c.column_span,
            lines: c.lines.iter().map(|l| l.text.clone()).collect(),
        })
        .collect();
    out.extend(
        grid_text::write(table.rows, table.columns, &cells)
            .into_iter()
            .map(|l| format!("\t{l}")),
    );
    out
}
