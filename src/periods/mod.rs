//! Periods for the 範囲 rows: parse each 期間 cell ([`parse_period`]) and decide
//! which rows it covers ([`assign`]).
//!
//! One 期間 for all rows is the usual table; one per row is the layout where
//! each prefecture has its own cells. Anything else is reported, not guessed.

mod cell;

pub use cell::{CellRole, Period, PeriodNote, parse_period, parse_period_as, parse_period_read};

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, NoticeCode, Position};
use crate::notice::{ParsedNotice, PeriodCell};
use crate::reading::Reading;

/// The period of one 範囲 row, and the periods its 期間 gives prefecture by
/// prefecture, if it does.
#[derive(Debug, Clone, Default)]
pub struct Assigned {
    /// The period of the row.
    pub period: Period,
    /// Prefecture name and period, where the 期間 gives one per prefecture.
    pub by_prefecture: Vec<(String, Period)>,
}

/// One period per 範囲 row of `notice`, plus what was noticed on the way.
pub fn assign(notice: &ParsedNotice) -> (Vec<Assigned>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let header = &notice.header;
    let context = header
        .issued_on
        .or_else(|| header.disaster.as_ref().and_then(|d| d.began_on));
    let footnotes: Vec<&str> = notice.table.footnotes.iter().map(|f| f.text.as_str()).collect();
    let parsed: Vec<Assigned> = notice
        .table
        .periods
        .iter()
        .map(
            |cell| match by_prefecture(cell, &footnotes, context, notice.reading, &mut diagnostics) {
                Some(by_prefecture) => Assigned {
                    period: Period {
                        text: cell_text(cell),
                        ..Default::default()
                    },
                    by_prefecture,
                },
                None => Assigned {
                    period: parse_cell(cell, &footnotes, context, notice.reading, &mut diagnostics),
                    by_prefecture: Vec::new(),
                },
            },
        )
        .collect();
    let ranges = &notice.table.ranges;
    // Periods the table tied to their rows, and the others, which pair with
    // the untied rows as in a plain table: one for all, or one each.
    let claimed: Vec<usize> = ranges.iter().filter_map(|r| r.period).collect();
    let mut is_claimed = vec![false; parsed.len()];
    for &i in &claimed {
        if let Some(c) = is_claimed.get_mut(i) {
            *c = true;
        }
    }
    let free: Vec<usize> = (0..parsed.len()).filter(|&i| !is_claimed[i]).collect();
    let untied = ranges.iter().filter(|r| r.period.is_none()).count();
    let mut free_for_row = free.iter().copied();
    let mut unmatched = false;
    let assigned = ranges
        .iter()
        .map(|range| {
            let index = match range.period {
                Some(index) => Some(index),
                None => match free.len() {
                    0 if claimed.is_empty() => None,
                    // Every period belongs to other rows; a single one is still
                    // the notice's only period.
                    0 => single(&claimed),
                    1 => free.first().copied(),
                    n if n == untied => free_for_row.next(),
                    _ => {
                        unmatched = true;
                        None
                    }
                },
            };
            index.and_then(|i| parsed.get(i).cloned()).unwrap_or_default()
        })
        .collect();
    if unmatched {
        diagnostics.push(
            Diagnostic::error(
                NoticeCode::UnmatchedPeriods,
                format!(
                    "{} 期間 cells for {untied} 範囲 cells that no table row ties together; those areas got no period",
                    free.len()
                ),
            )
            .at(first_position(&notice.table.periods)),
        );
    }
    (assigned, diagnostics)
}

/// The one distinct index in `indices`, if they are all the same.
fn single(indices: &[usize]) -> Option<usize> {
    let first = *indices.first()?;
    indices.iter().all(|&i| i == first).then_some(first)
}

fn cell_text(cell: &PeriodCell) -> String {
    cell.lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A 期間 whose lines each name one prefecture and give it an end
/// (`ア 山形県の対象地域 令和7年8月24日まで` / `イ 秋田県の対象地域 …`): one
/// period per prefecture, or `None` when the cell is not written so.
fn by_prefecture(
    cell: &PeriodCell,
    footnotes: &[&str],
    context: Option<NaiveDate>,
    reading: Reading,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<(String, Period)>> {
    if cell.lines.len() < 2 {
        return None;
    }
    let gazetteer = onshi_gazetteer::Gazetteer::bundled();
    let named: Vec<String> = cell
        .lines
        .iter()
        .map(|l| match gazetteer.prefectures_named_in(&l.text).as_slice() {
            [one] => Some(one.name.clone()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let mut seen = named.clone();
    seen.sort();
    seen.dedup();
    if seen.len() != named.len() {
        return None;
    }
    let mut out = Vec::with_capacity(named.len());
    let mut notes = Vec::new();
    for (line, prefecture) in cell.lines.iter().zip(named) {
        let single = PeriodCell {
            closes: cell.closes,
            lines: vec![line.clone()],
        };
        let period = parse_cell(&single, footnotes, context, reading, &mut notes);
        period.end?;
        out.push((prefecture, period));
    }
    diagnostics.extend(notes);
    Some(out)
}

fn parse_cell(
    cell: &PeriodCell,
    footnotes: &[&str],
    context: Option<NaiveDate>,
    reading: Reading,
    diagnostics: &mut Vec<Diagnostic>,
) -> Period {
    let text = cell
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let position = cell
        .lines
        .first()
        .map(|l| l.position)
        .unwrap_or(Position { page: 1, line: 1 });
    // Without a notice date, a cell whose dates are all complete still parses.
    let context = context.or_else(|| {
        let found = reading.dates(&text);
        let complete = found
            .iter()
            .all(|s| matches!(&s.result, Ok(f) if f.date.full().is_some()));
        if complete {
            found.iter().find_map(|s| s.result.as_ref().ok()?.date.full())
        } else {
            None
        }
    });
    let Some(context) = context else {
        diagnostics.push(
            Diagnostic::error(
                NoticeCode::PeriodWithoutContext,
                "the notice gives no date to complete the period's dates from",
            )
            .at(position)
            .about(text.clone()),
        );
        return Period {
            text,
            ..Default::default()
        };
    };
    // Under a closing label (`閉塞日時`, `期限`) the one date is the end.
    let role = if cell.closes {
        cell::CellRole::Closing
    } else {
        cell::CellRole::Period
    };
    let (mut period, notes) = cell::parse_period_read(&text, footnotes, context, role, reading);
    period.text = text.clone();
    for note in notes {
        let about = text.get(note.span.clone()).unwrap_or(&text).to_owned();
        diagnostics.push(Diagnostic::warning(note.code, note.message).at(position).about(about));
    }
    if period.end.is_none() && period.basis.is_none() && !period.open_ended {
        diagnostics.push(
            Diagnostic::error(
                NoticeCode::PeriodWithoutEnd,
                "the 期間 gives neither an end date nor a rule",
            )
            .at(position)
            .about(text.clone()),
        );
    }
    period
}

fn first_position(cells: &[PeriodCell]) -> Position {
    cells
        .iter()
        .flat_map(|c| &c.lines)
        .next()
        .map(|l| l.position)
        .unwrap_or(Position { page: 1, line: 1 })
}
