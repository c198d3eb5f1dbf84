//! A small PDF renderer for tests: draws a notice's layout blocks (paragraphs,
//! and tables as ruled grids with their merged cells) at positions, with a
//! non-embedded CID font (HeiseiMin-W3, `UniJIS-UTF16-H`) as reportlab does.
//! Variants break cells into narrow lines, leave out ruling lines, and draw
//! the glyphs one by one in shuffled order, so a test can ask whether the
//! facts survive what other producers do.

use onshi_pdf_text::layout::{Block, Furniture, Table, blocks};
use onshi_pdf_text::normalize::normalize;

/// Which ruling lines a table gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rules {
    All,
    /// No outer frame: only the lines between cells.
    NoFrame,
    /// Horizontal lines only, the top and bottom rules included.
    Horizontal,
}

#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub rules: Rules,
    /// Cells wrap at this many full-width characters, anywhere (even in a name).
    pub cell_width: Option<usize>,
    /// Draw every glyph on its own, in an order shuffled with this seed.
    pub shuffle: Option<u64>,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            rules: Rules::All,
            cell_width: None,
            shuffle: None,
        }
    }
}

const PAGE: (f64, f64) = (595.0, 842.0);
const MARGIN: f64 = 56.0;
const SIZE: f64 = 10.5;
const LEADING: f64 = 16.0;
const PAD: f64 = 4.0;

/// Text width in ems: half-width characters are half an em.
fn ems(text: &str) -> f64 {
    text.chars().map(|c| if c.is_ascii() { 0.5 } else { 1.0 }).sum()
}

/// Breaks `text` into lines of at most `width` ems, anywhere.
fn wrap(text: &str, width: f64) -> Vec<String> {
    let mut lines = vec![String::new()];
    for c in text.chars() {
        let last = lines.last_mut().expect("one line");
        if !last.is_empty() && ems(last) + ems(&c.to_string()) > width {
            lines.push(String::new());
        }
        lines.last_mut().expect("one line").push(c);
    }
    lines
}

/// One glyph run and one ruling line, on a page.
struct Page {
    texts: Vec<(f64, f64, String)>,
    lines: Vec<(f64, f64, f64, f64)>,
}

struct Writer {
    pages: Vec<Page>,
    y: f64,
}

impl Writer {
    fn new() -> Self {
        Writer {
            pages: vec![Page {
                texts: Vec::new(),
                lines: Vec::new(),
            }],
            y: PAGE.1 - MARGIN,
        }
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page")
    }

    /// Room for `height` more on this page, or a new page.
    fn room(&mut self, height: f64) {
        if self.y - height < MARGIN {
            self.pages.push(Page {
                texts: Vec::new(),
                lines: Vec::new(),
            });
            self.y = PAGE.1 - MARGIN;
        }
    }

    fn paragraph(&mut self, text: &str) {
        self.room(LEADING);
        self.y -= LEADING;
        let indent = text.chars().take_while(|c| c.is_whitespace()).count() as f64 * SIZE * 0.5;
        let text = text.trim();
        if !text.is_empty() {
            let y = self.y;
            self.page().texts.push((MARGIN + indent, y, text.replace('\t', "  ")));
        }
    }

    fn table(&mut self, table: &Table, style: &Style) {
        let available = (PAGE.0 - 2.0 * MARGIN) / SIZE;
        // Column widths in ems, from the cells that span one column.
        let mut widths = vec![2.0f64; table.columns];
        for cell in table.cells.iter().filter(|c| c.column_span == 1) {
            let w = ems(&cell.text()) + 1.0;
            widths[cell.column] = widths[cell.column].max(w);
        }
        if let Some(cap) = style.cell_width {
            for w in &mut widths {
                *w = w.min(cap as f64 + 1.0);
            }
        }
        let total: f64 = widths.iter().sum();
        if total > available {
            // Shrink the widest column until the table fits.
            let widest = (0..table.columns)
                .max_by(|&a, &b| widths[a].total_cmp(&widths[b]))
                .unwrap_or(0);
            widths[widest] = (widths[widest] - (total - available)).max(4.0);
        }
        let lines_of = |cell: &onshi_pdf_text::layout::Cell| {
            let width: f64 = widths[cell.column..cell.column + cell.column_span].iter().sum::<f64>() - 1.0;
            cell.lines.iter().flat_map(|l| wrap(&l.text, width)).collect::<Vec<_>>()
        };
        let mut heights = vec![1usize; table.rows];
        for cell in table.cells.iter().filter(|c| c.row_span == 1) {
            heights[cell.row] = heights[cell.row].max(lines_of(cell).len());
        }
        for cell in table.cells.iter().filter(|c| c.row_span > 1) {
            let have: usize = heights[cell.row..cell.row + cell.row_span].iter().sum();
            let need = lines_of(cell).len();
            if need > have {
                heights[cell.row + cell.row_span - 1] += need - have;
            }
        }
        let row_height = |r: usize| heights[r] as f64 * LEADING + 2.0 * PAD;
        let x_at = |c: usize| MARGIN + widths[..c].iter().sum::<f64>() * SIZE;
        // Rows go onto pages whole; a merged cell is drawn on the page of its first row.
        let mut row_top = vec![0.0; table.rows];
        let mut row_page = vec![0usize; table.rows];
        for r in 0..table.rows {
            self.room(row_height(r));
            row_top[r] = self.y;
            row_page[r] = self.pages.len() - 1;
            self.y -= row_height(r);
        }
        for cell in &table.cells {
            let page = row_page[cell.row];
            let last = (cell.row + cell.row_span - 1).min(table.rows - 1);
            // Spans that cross a page are cut at the page's foot.
            let bottom_row = (cell.row..=last)
                .take_while(|&r| row_page[r] == page)
                .last()
                .unwrap_or(cell.row);
            let top = row_top[cell.row];
            let bottom = row_top[bottom_row] - row_height(bottom_row);
            let (left, right) = (x_at(cell.column), x_at(cell.column + cell.column_span));
            let text = lines_of(cell);
            // Vertically centred, as office suites do.
            let used = text.len() as f64 * LEADING;
            let mut y = top - ((top - bottom) - used) / 2.0 - SIZE;
            for line in text {
                self.pages[page].texts.push((left + SIZE * 0.5, y, line));
                y -= LEADING;
            }
            let first_col = cell.column == 0;
            let last_col = cell.column + cell.column_span == table.columns;
            let first_row = cell.row == 0;
            let last_row = last == table.rows - 1;
            let lines = &mut self.pages[page].lines;
            let frame = style.rules == Rules::All;
            // Horizontal-only tables keep their top and bottom rules.
            let frame_h = style.rules != Rules::NoFrame;
            if frame_h || !first_row {
                lines.push((left, top, right, top));
            }
            if frame_h || !last_row {
                lines.push((left, bottom, right, bottom));
            }
            if style.rules != Rules::Horizontal {
                if frame || !first_col {
                    lines.push((left, top, left, bottom));
                }
                if frame || !last_col {
                    lines.push((right, top, right, bottom));
                }
            }
        }
        self.y -= LEADING / 2.0;
    }
}

fn utf16_hex(text: &str) -> String {
    text.encode_utf16().map(|u| format!("{u:04X}")).collect()
}

/// xorshift64*: a fixed sequence per seed, no dependency.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        let j = (state.wrapping_mul(0x2545_F491_4F6C_DD1D) % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// The notice `text` drawn as a PDF in `style`.
pub fn pdf(text: &str, style: &Style) -> Vec<u8> {
    let pages: Vec<String> = text.split('\u{000C}').map(str::to_owned).collect();
    let lines = normalize(&pages).lines;
    let mut writer = Writer::new();
    for block in blocks(&lines, &Furniture::default()) {
        match block {
            Block::Paragraphs(lines) => lines.iter().for_each(|l| writer.paragraph(&l.text)),
            Block::Table(table) => writer.table(&table, style),
        }
    }
    let mut contents = Vec::new();
    for page in &writer.pages {
        let mut runs: Vec<(f64, f64, String)> = match style.shuffle {
            Some(_) => page
                .texts
                .iter()
                .flat_map(|(x, y, text)| {
                    let mut x = *x;
                    text.chars()
                        .map(move |c| {
                            let run = (x, *y, c.to_string());
                            x += ems(&run.2) * SIZE;
                            run
                        })
                        .collect::<Vec<_>>()
                })
                .collect(),
            None => page.texts.clone(),
        };
        if let Some(seed) = style.shuffle {
            shuffle(&mut runs, seed);
        }
        let mut content = String::from("0.5 w\n");
        for (x0, y0, x1, y1) in &page.lines {
            content.push_str(&format!("{x0:.2} {y0:.2} m {x1:.2} {y1:.2} l S\n"));
        }
        for (x, y, text) in runs.iter().filter(|r| !r.2.trim().is_empty()) {
            content.push_str(&format!(
                "BT /F1 {SIZE} Tf 1 0 0 1 {x:.2} {y:.2} Tm <{}> Tj ET\n",
                utf16_hex(text)
            ));
        }
        contents.push(content);
    }
    assemble(&contents)
}

/// Objects: 1 catalog, 2 pages, 3 font, 4 descendant, then (page, content) pairs.
fn assemble(contents: &[String]) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let kids: Vec<String> = (0..contents.len()).map(|k| format!("{} 0 R", 5 + 2 * k)).collect();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            contents.len()
        )
        .into_bytes(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiMin-W3 /Encoding /UniJIS-UTF16-H /DescendantFonts [4 0 R] >>"
            .to_vec(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiMin-W3 /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> /DW 1000 >>"
            .to_vec(),
    );
    for (k, content) in contents.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                PAGE.0,
                PAGE.1,
                6 + 2 * k
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(content.as_bytes());
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }
    super::raw_pdf::raw_pdf(&objects)
}
