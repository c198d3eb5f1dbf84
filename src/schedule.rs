//! Periods for the 範囲 rows: parse each 期間 cell and decide which rows it covers.
//!
//! One 期間 for all rows is the usual table; one per row is the layout where
//! each prefecture has its own cells. Anything else is reported, not guessed.

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, Position};
use crate::notice::{ParsedNotice, PeriodCell};
use crate::period;
use crate::record;

/// One period per 範囲 row of `notice`, plus what was noticed on the way.
pub fn periods(notice: &ParsedNotice) -> (Vec<record::Period>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let header = &notice.notice;
    let context = header
        .issued_on
        .or_else(|| header.disaster.as_ref().and_then(|d| d.began_on));
    let footnotes: Vec<&str> = notice.table.footnotes.iter().map(|f| f.text.as_str()).collect();
    let parsed: Vec<record::Period> = notice
        .table
        .periods
        .iter()
        .map(|cell| parse_cell(cell, &footnotes, context, &mut diagnostics))
        .collect();
    let rows = notice.table.ranges.len();
    let assigned = match parsed.len() {
        0 => vec![record::Period::default(); rows],
        1 => vec![parsed[0].clone(); rows],
        n if n == rows => parsed,
        n => {
            diagnostics.push(
                Diagnostic::error(
                    "unmatched_periods",
                    format!("{n} 期間 cells for {rows} 範囲 cells; each area got the first period"),
                )
                .at(first_position(&notice.table.periods)),
            );
            vec![parsed[0].clone(); rows]
        }
    };
    (assigned, diagnostics)
}

fn parse_cell(
    cell: &PeriodCell,
    footnotes: &[&str],
    context: Option<NaiveDate>,
    diagnostics: &mut Vec<Diagnostic>,
) -> record::Period {
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
        let found = crate::era::find_dates(&text);
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
                "period_without_context",
                "the notice gives no date to complete the period's dates from",
            )
            .at(position)
            .about(text.clone()),
        );
        return record::Period {
            text,
            ..Default::default()
        };
    };
    // Under a closing label (`閉塞日時`) the date is the end, as if followed by まで.
    let (mut period, notes) = if cell.closes && !text.contains("まで") {
        period::parse_period(&format!("{text}まで"), footnotes, context)
    } else {
        period::parse_period(&text, footnotes, context)
    };
    period.text = text.clone();
    for note in notes {
        let about = text.get(note.span.clone()).unwrap_or(&text).to_owned();
        diagnostics.push(Diagnostic::warning(note.code, note.message).at(position).about(about));
    }
    if period.end.is_none() && period.basis.is_none() && !period.open_ended {
        diagnostics.push(
            Diagnostic::error("period_without_end", "the 期間 gives neither an end date nor a rule")
                .at(position)
                .about(text.clone()),
        );
    }
    record::Period {
        start: period.start,
        end: period.end,
        end_time: period.end_time.map(|t| t.to_string()),
        basis: period.basis,
        open_ended: period.open_ended,
        provisional: period.provisional,
        text: period.text,
    }
}

fn first_position(cells: &[PeriodCell]) -> Position {
    cells
        .iter()
        .flat_map(|c| &c.lines)
        .next()
        .map(|l| l.position)
        .unwrap_or(Position { page: 1, line: 1 })
}
