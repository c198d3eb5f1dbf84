//! Reading a table block by what its cells hold.
//!
//! Labels and headers are hints, not requirements. Three shapes are read:
//!
//! * **Header row** (`範囲 | 期間`, `都道府県 | 市町村 | 期間`, `番号 | 都道府県名 |
//!   市区町村名`): the header gives each column a role, and every row below
//!   it is one area row with its own prefecture and period.
//! * **Label column** (`範囲 | 【青森県】…` / `期間 | …`): each row's first cell
//!   says what the rest of the row is.
//! * **Neither**: each column's role comes from its cells: prefecture names,
//!   lists of municipalities, or dates and rules.
//!
//! A period cell applies to the rows it sits in (a merged cell to every row it
//! spans); a table's single period applies to all of the table's areas. An
//! empty prefecture or period cell in a table that cannot draw merged cells
//! (piped or tabbed) repeats the one above, as a merged cell would.

use onshi_gazetteer::Gazetteer;
use onshi_pdf_text::layout::{Cell, Table, TableForm};
use onshi_pdf_text::normalize::compact;
use onshi_wareki as era;

use super::table::{CellLine, PeriodCell, RangeCell, RowKind, cell_label, is_numbering, leading_label};

/// What a column (or a label row) carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Prefecture,
    Range,
    Period {
        closes: bool,
    },
    /// Numbers, remarks and anything else that is no part of the data.
    Other,
}

/// What one table gave: area rows and the periods they point to.
#[derive(Debug, Default)]
pub(super) struct Reading {
    pub ranges: Vec<RangeCell>,
    pub periods: Vec<PeriodCell>,
    /// Rows read under a label or a header, so a reader that found nothing
    /// else knows this table was about areas.
    pub labelled: bool,
}

impl Reading {
    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty() && self.periods.is_empty()
    }
}

/// Read `table`; an empty reading means it holds no areas or periods.
pub(super) fn read(table: &Table) -> Reading {
    if let Some(roles) = header_roles(table) {
        return by_columns(table, &roles, 1, true);
    }
    if let Some(reading) = by_labels(table) {
        return reading;
    }
    match content_roles(table) {
        Some(roles) => by_columns(table, &roles, 0, false),
        None => Reading::default(),
    }
}

fn lines_of(cell: &Cell) -> Vec<CellLine> {
    cell.lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| CellLine {
            position: l.position,
            text: l.text.trim().to_owned(),
        })
        .collect()
}

/// A period cell as one line: a cell wraps wherever its width ends, even
/// inside `まで`, so its lines are joined again (the first line's position).
fn unwrapped(cell: &Cell) -> Vec<CellLine> {
    let lines = lines_of(cell);
    let Some(first) = lines.first() else { return lines };
    vec![CellLine {
        position: first.position,
        text: lines.iter().map(|l| l.text.as_str()).collect(),
    }]
}

/// The role a header cell names.
fn header_role(text: &str) -> Option<Role> {
    let c = compact(text);
    let c = c.trim_matches(['【', '】', '[', ']', '(', ')', '*', ':']);
    if c.is_empty() {
        return None;
    }
    if matches!(c, "番号" | "No" | "No." | "NO" | "#" | "項番" | "連番" | "番")
        || c.contains("備考")
        || c.contains("摘要")
        || c == "注"
    {
        return Some(Role::Other);
    }
    if c.chars().count() <= 6 && (c.starts_with("都道府県") || c == "県名" || c == "県" || c == "都道府県名")
    {
        return Some(Role::Prefecture);
    }
    // A start column (`開始日`) says when, not until when: not the period's end.
    if c.contains("開始") && c.chars().count() <= 8 {
        return Some(Role::Other);
    }
    match cell_label(c) {
        Some(RowKind::Range) => Some(Role::Range),
        Some(RowKind::Period) => Some(Role::Period { closes: false }),
        Some(RowKind::Closing) => Some(Role::Period { closes: true }),
        None => None,
    }
}

/// A short cell without digits, names or dates: a column's name.
fn is_header_word(text: &str) -> bool {
    let c = compact(text);
    (1..=10).contains(&c.chars().count())
        && !c.chars().any(|ch| ch.is_ascii_digit())
        && !looks_like_areas(&c)
        && !looks_like_period(&c)
}

/// Column roles from a header row: every filled cell of the first row names
/// a role, and one of them is the municipalities.
fn header_roles(table: &Table) -> Option<Vec<Role>> {
    if table.rows < 2 {
        return None;
    }
    let mut roles = vec![Role::Other; table.columns];
    let mut named = 0;
    for (column, role) in roles.iter_mut().enumerate() {
        let Some(cell) = table.at(0, column) else { continue };
        if cell.is_empty() || cell.row_span > 1 {
            continue;
        }
        let text = cell.text();
        *role = match header_role(&text) {
            Some(role) => {
                named += 1;
                role
            }
            // A header word not known (`開放日`, `摘要欄`) names a column that
            // is no part of the data; a cell with data is no header.
            None if is_header_word(&text) => Role::Other,
            None => return None,
        };
    }
    let has_range = roles.contains(&Role::Range);
    // `範囲 | 【青森県】…` is a label row, not a header: a header has two roles.
    (named >= 2 && has_range).then_some(roles)
}

/// A table whose rows say what they are in their first cell.
fn by_labels(table: &Table) -> Option<Reading> {
    let mut labels = 0;
    let mut reading = Reading::default();
    // Areas of this table not yet given a period.
    let mut waiting: Vec<usize> = Vec::new();
    let mut unpaired_periods: Vec<usize> = Vec::new();
    let mut moved_to_period: Vec<CellLine> = Vec::new();
    // Each row's label, read once, and the kind of the next labelled row.
    let mut row_labels: Vec<Option<(RowKind, Vec<CellLine>)>> =
        (0..table.rows).map(|r| row_label(&table.row(r))).collect();
    let mut next_label: Vec<Option<RowKind>> = vec![None; table.rows];
    let mut following = None;
    for (r, label) in row_labels.iter().enumerate().rev() {
        if let Some(slot) = next_label.get_mut(r) {
            *slot = following;
        }
        if let Some((kind, _)) = label {
            following = Some(*kind);
        }
    }
    for row in 0..table.rows {
        let cells = table.row(row);
        let Some(first) = cells.first() else { continue };
        // A label merged over several rows is read on its first row only.
        if first.row != row && cell_label(&first.text()).is_some() {
            continue;
        }
        match row_labels.get_mut(row).and_then(Option::take) {
            Some((RowKind::Range, mut rest_lines)) => {
                labels += 1;
                // Lines at the foot of the row that hold a period, not names,
                // belong to a period label centred lower down.
                let names_end = rest_lines
                    .iter()
                    .rposition(|l| !looks_like_period(&l.text) || looks_like_areas(&l.text))
                    .map_or(0, |k| k + 1);
                let is_next_period = next_label
                    .get(row)
                    .copied()
                    .flatten()
                    .is_some_and(|k| k != RowKind::Range);
                if is_next_period && names_end < rest_lines.len() {
                    moved_to_period = rest_lines.split_off(names_end);
                }
                if rest_lines.is_empty() {
                    continue;
                }
                waiting.push(reading.ranges.len());
                reading.ranges.push(RangeCell::new(rest_lines));
            }
            Some((kind @ (RowKind::Period | RowKind::Closing), rest_lines)) => {
                labels += 1;
                let rest_lines: Vec<CellLine> = std::mem::take(&mut moved_to_period)
                    .into_iter()
                    .chain(rest_lines)
                    .collect();
                if rest_lines.is_empty() {
                    continue;
                }
                let index = reading.periods.len();
                reading.periods.push(PeriodCell {
                    closes: kind == RowKind::Closing,
                    lines: rest_lines,
                });
                match waiting.first() {
                    Some(_) => {
                        // The period under a group of areas is theirs.
                        for area in waiting.drain(..) {
                            if let Some(r) = reading.ranges.get_mut(area) {
                                r.period = Some(index);
                            }
                        }
                    }
                    None => unpaired_periods.push(index),
                }
            }
            None => {
                // An unlabelled row inside a label table: areas by content
                // (`【大分県】 | 大分市`), anything else is left alone.
                let all: Vec<CellLine> = cells.iter().flat_map(|c| lines_of(c)).collect();
                let text: String = all.iter().map(|l| l.text.as_str()).collect();
                if (labels > 0 || row == 0 || looks_like_areas(&text))
                    && looks_like_areas(&text)
                    && !looks_like_period(&text)
                {
                    waiting.push(reading.ranges.len());
                    reading.ranges.push(RangeCell::new(all));
                }
            }
        }
    }
    if labels == 0 {
        return None;
    }
    // A period that came before its areas (`期間` above `範囲`) is theirs when
    // it is the table's only one.
    if let [only] = unpaired_periods.as_slice() {
        for area in waiting.drain(..) {
            if let Some(r) = reading.ranges.get_mut(area) {
                r.period = Some(*only);
            }
        }
    }
    reading.labelled = true;
    Some(reading)
}

/// The label of a row and the lines it labels: the first cell that is not a
/// number (`(1) | 範囲 | …`) is a label cell, or starts with a label
/// (`範囲 【石川県】…`).
fn row_label(cells: &[&Cell]) -> Option<(RowKind, Vec<CellLine>)> {
    let k = cells.iter().position(|c| !is_numbering(&c.text()) && !c.is_empty())?;
    let first = cells.get(k)?;
    let after = cells.iter().skip(k + 1).flat_map(|c| lines_of(c));
    if let Some(kind) = cell_label(&first.text()) {
        return Some((kind, after.collect()));
    }
    let head = first.lines.first()?;
    let (kind, rest) = leading_label(&head.text)?;
    let mut lines = Vec::new();
    if !rest.is_empty() {
        lines.push(CellLine {
            position: head.position,
            text: rest.to_owned(),
        });
    }
    lines.extend(lines_of(first).into_iter().skip(1));
    lines.extend(after);
    Some((kind, lines))
}

/// Column roles from the cells themselves, for a table without header or labels.
fn content_roles(table: &Table) -> Option<Vec<Role>> {
    let mut roles = vec![Role::Other; table.columns];
    for (column, role) in roles.iter_mut().enumerate() {
        let (mut prefectures, mut areas, mut periods, mut filled) = (0, 0, 0, 0);
        for row in 0..table.rows {
            let Some(cell) = table.at(row, column) else { continue };
            // `同上` repeats the cell above: it says nothing of the column.
            if cell.row != row || cell.column != column || cell.is_empty() || is_ditto(&cell.text()) {
                continue;
            }
            filled += 1;
            let text = cell.text();
            if is_prefecture(&text) {
                prefectures += 1;
            } else if looks_like_period(&text) {
                periods += 1;
            } else if looks_like_areas(&text) {
                areas += 1;
            }
        }
        if filled == 0 {
            continue;
        }
        // A column takes a role when most of its cells have it.
        *role = if prefectures * 2 > filled {
            Role::Prefecture
        } else if areas * 2 > filled {
            Role::Range
        } else if periods * 2 > filled {
            Role::Period { closes: false }
        } else {
            Role::Other
        };
    }
    roles.contains(&Role::Range).then_some(roles)
}

/// One area row per data row, each with the prefecture and period of its row.
fn by_columns(table: &Table, roles: &[Role], first_row: usize, labelled: bool) -> Reading {
    let mut reading = Reading {
        labelled,
        ..Reading::default()
    };
    let repeats_above = table.form != TableForm::Boxed;
    let mut prefecture_above: Option<CellLine> = None;
    let mut period_above: Option<(usize, usize)> = None;
    // Period cells already read, by their grid position, so a merged cell is read once.
    let mut read_periods: std::collections::HashMap<(usize, usize), usize> = std::collections::HashMap::new();
    // A row that is only a labelled period (`期間 | 令和…`) gives the rows without one theirs.
    let mut table_period: Option<usize> = None;
    let mut without_period: Vec<usize> = Vec::new();
    let header = table.row_texts(0);
    for row in first_row..table.rows {
        let cells = table.row(row);
        // A header row repeated further down (a table continued on a new page).
        if first_row > 0 && table.row_texts(row) == header {
            continue;
        }
        if let Some((kind @ (RowKind::Period | RowKind::Closing), rest)) = row_label(&cells) {
            if !rest.is_empty() {
                table_period = Some(reading.periods.len());
                reading.periods.push(PeriodCell {
                    closes: kind == RowKind::Closing,
                    lines: rest,
                });
            }
            continue;
        }
        let mut prefecture: Option<CellLine> = None;
        let mut names: Vec<CellLine> = Vec::new();
        let mut period: Option<usize> = None;
        let mut seen: Vec<(usize, usize)> = Vec::new();
        for (column, role) in roles.iter().enumerate() {
            let Some(cell) = table.at(row, column) else { continue };
            if seen.contains(&(cell.row, cell.column)) {
                continue;
            }
            seen.push((cell.row, cell.column));
            match role {
                Role::Prefecture => {
                    if !cell.is_empty() {
                        prefecture = cell.lines.first().map(|l| CellLine {
                            position: l.position,
                            text: cell.text(),
                        });
                    }
                }
                Role::Range => {
                    // A merged name cell belongs to its first row only.
                    if cell.row == row {
                        names.extend(lines_of(cell));
                    }
                }
                Role::Period { closes } => {
                    // `同上` (ditto): the period of the row above.
                    if cell.is_empty() || is_ditto(&cell.text()) {
                        continue;
                    }
                    let key = (cell.row, cell.column);
                    period = Some(match read_periods.get(&key) {
                        Some(&index) => index,
                        None => {
                            let index = reading.periods.len();
                            reading.periods.push(PeriodCell {
                                closes: *closes,
                                lines: unwrapped(cell),
                            });
                            read_periods.insert(key, index);
                            index
                        }
                    });
                }
                Role::Other => {}
            }
        }
        if prefecture.is_none() && repeats_above {
            prefecture.clone_from(&prefecture_above);
        }
        let ditto = roles.iter().enumerate().any(|(column, role)| {
            matches!(role, Role::Period { .. }) && table.at(row, column).is_some_and(|c| is_ditto(&c.text()))
        });
        if period.is_none()
            && (repeats_above || ditto)
            && let Some((index, above_row)) = period_above
            && (above_row + 1 == row || ditto)
        {
            period = Some(index);
        }
        // A row with no names adds nothing unless it opens a prefecture.
        let same_prefecture = prefecture.as_ref().map(|p| &p.text) == prefecture_above.as_ref().map(|p| &p.text);
        if names.is_empty() && (prefecture.is_none() || same_prefecture) {
            continue;
        }
        prefecture_above.clone_from(&prefecture);
        if let Some(index) = period {
            period_above = Some((index, row));
        }
        if period.is_none() {
            without_period.push(reading.ranges.len());
        }
        reading.ranges.push(RangeCell {
            lines: names,
            prefecture,
            period,
        });
    }
    if let Some(index) = table_period {
        for area in without_period {
            if let Some(r) = reading.ranges.get_mut(area) {
                r.period = Some(index);
            }
        }
    }
    reading
}

/// `同上`, `〃`: the same as the cell above.
fn is_ditto(text: &str) -> bool {
    matches!(compact(text).as_str(), "同上" | "〃" | "同" | "上に同じ")
}

/// `石川県`, `【石川県】`, `石川`: a cell that is one prefecture.
fn is_prefecture(text: &str) -> bool {
    let c = compact(text);
    let name = c.trim_matches(['【', '】', '[', ']', '〔', '〕', '(', ')']);
    let chars = name.chars().count();
    (2..=4).contains(&chars) && Gazetteer::bundled().prefecture(name).is_some()
}

/// A cell with dates, or a rule for an end (`…から一週間`, `当面の間`).
pub(super) fn looks_like_period(text: &str) -> bool {
    let c = compact(text);
    ["まで", "週間", "当面", "日時", "時00分", "終了", "閉塞"]
        .iter()
        .any(|w| c.contains(w))
        || era::find_dates(&c).iter().any(|s| s.result.is_ok())
}

/// A cell that names municipalities: a bracketed prefecture, or text of which
/// most is known place names. Names are looked up whole (between separators,
/// after a prefecture written in front), which needs no automaton.
pub(super) fn looks_like_areas(text: &str) -> bool {
    let c = compact(text);
    if c.is_empty() {
        return false;
    }
    if c.contains('【') && c.contains('】') || c.contains('▽') || c.ends_with("全域") {
        return true;
    }
    let gazetteer = Gazetteer::bundled();
    let (mut known, mut total) = (0, 0);
    for piece in c.split([
        '、', ',', '・', ':', '=', '[', ']', '【', '】', '〔', '〕', '<', '>', '▽',
    ]) {
        let piece = piece.trim_matches(|ch: char| matches!(ch, '。' | '(' | ')' | '[' | ']' | '-'));
        // A list's numbering (`1.`, `(2)`, `①`) is not text to judge.
        let piece = piece
            .trim_start_matches(|ch: char| ch.is_ascii_digit())
            .trim_start_matches(['.', ')', '、', '.']);
        let chars = piece.chars().count();
        if chars == 0 {
            continue;
        }
        total += chars;
        // `大分県中津市`, `青森青森市`: a prefecture in front of the name.
        let name = (2..=4)
            .filter_map(|k| piece.char_indices().nth(k).map(|(i, _)| i))
            .find(|&i| gazetteer.prefecture(&piece[..i]).is_some() && gazetteer.knows(&piece[i..]))
            .map_or(piece, |i| &piece[i..]);
        if gazetteer.knows(name) || gazetteer.knows(piece) {
            known += chars;
        }
    }
    known > 0 && known * 2 >= total
}

#[cfg(test)]
mod tests {
    use super::*;
    use onshi_pdf_text::layout::{Block, blocks};
    use onshi_pdf_text::normalize::Line;
    use onshi_pdf_text::normalize::normalize;

    fn reading(text: &str) -> Reading {
        let lines: Vec<Line> = normalize(&[text.to_owned()]).lines;
        let table = blocks(&lines, &onshi_pdf_text::layout::Furniture::default())
            .into_iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .expect("a table");
        read(&table)
    }

    fn rows(r: &Reading) -> Vec<(Option<String>, String, Option<String>)> {
        r.ranges
            .iter()
            .map(|c| {
                (
                    c.prefecture.as_ref().map(|p| p.text.clone()),
                    c.lines.iter().map(|l| l.text.as_str()).collect(),
                    c.period
                        .and_then(|p| r.periods.get(p))
                        .map(|p| p.lines.iter().map(|l| l.text.as_str()).collect()),
                )
            })
            .collect()
    }

    fn row(p: Option<&str>, names: &str, period: Option<&str>) -> (Option<String>, String, Option<String>) {
        (p.map(str::to_owned), names.to_owned(), period.map(str::to_owned))
    }

    #[test]
    fn a_header_row_gives_each_row_its_own_period() {
        let r = reading(
            "| 都道府県 | 市町村 | 期間 |\n| 石川県 | 輪島市、珠洲市 | 令和6年1月14日まで |\n| 富山県 | 氷見市 | 令和6年1月7日まで |",
        );
        assert_eq!(
            rows(&r),
            [
                row(Some("石川県"), "輪島市、珠洲市", Some("令和6年1月14日まで")),
                row(Some("富山県"), "氷見市", Some("令和6年1月7日まで")),
            ]
        );
    }

    #[test]
    fn a_merged_prefecture_and_period_apply_to_every_row_they_span() {
        let r = reading(
            "┌────┬────┬────┐\n│都道府県名│市区町村名│期間│\n├────┼────┼────┤\n│石川県│輪島市│1月14日まで│\n│    ├────┤    │\n│    │珠洲市│    │\n└────┴────┴────┘",
        );
        assert_eq!(
            rows(&r),
            [
                row(Some("石川県"), "輪島市", Some("1月14日まで")),
                row(Some("石川県"), "珠洲市", Some("1月14日まで")),
            ]
        );
        assert_eq!(r.periods.len(), 1);
    }

    #[test]
    fn label_tables_and_unlabelled_prefecture_rows() {
        let r = reading("| 【大分県】 | 大分市 |\n| 開放期間 | 令和7年12月2日まで |");
        assert_eq!(rows(&r), [row(None, "【大分県】大分市", Some("令和7年12月2日まで"))]);
        let r = reading("延長する範囲\t【石川県】輪島市\n期間\t1月14日まで");
        assert_eq!(rows(&r), [row(None, "【石川県】輪島市", Some("1月14日まで"))]);
    }

    #[test]
    fn numbered_rows_without_a_period_column() {
        let r = reading("番号\t都道府県名\t市区町村名\n1\t石川県\t輪島市\n2\t石川県\t珠洲市");
        assert_eq!(
            rows(&r),
            [row(Some("石川県"), "輪島市", None), row(Some("石川県"), "珠洲市", None)]
        );
    }

    #[test]
    fn columns_by_content_without_a_header() {
        let r = reading("石川県\t輪島市、珠洲市\t1月14日まで\n富山県\t氷見市\t1月7日まで");
        assert_eq!(
            rows(&r),
            [
                row(Some("石川県"), "輪島市、珠洲市", Some("1月14日まで")),
                row(Some("富山県"), "氷見市", Some("1月7日まで")),
            ]
        );
        assert!(read_text_is_empty("事務連絡\t令和7年1月7日"));
    }

    fn read_text_is_empty(text: &str) -> bool {
        reading(text).is_empty()
    }
}
