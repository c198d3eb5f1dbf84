//! What each stage decided, logged at debug level (`-v`, or `RUST_LOG=debug`):
//! which letter, which 範囲 and 期間 cells, which names became which codes.
//! Nothing here changes the result.

use crate::notice::ParsedNotice;
use crate::places::Resolved;

/// What the notice reader decided: the kind and date, the 範囲 and 期間 cells it took.
pub fn notice(file_name: &str, parsed: &ParsedNotice) {
    if !log::log_enabled!(log::Level::Debug) {
        return;
    }
    let n = &parsed.header;
    log::debug!(
        "{file_name}: notice: {:?} issued {:?}, disaster {:?}, {} references",
        n.kind,
        n.issued_on,
        n.disaster.as_ref().map(|d| d.name.as_str()),
        n.references.len()
    );
    for (row, cell) in parsed.table.ranges.iter().enumerate() {
        let first = cell.lines.first();
        log::debug!(
            "{file_name}: notice: 範囲 row {row}: {} lines from {}, period {:?}, {} items",
            cell.lines.len(),
            first.map_or_else(String::new, |l| format!("{}:{}", l.position.page, l.position.line)),
            cell.period,
            parsed.ranges.get(row).map_or(0, |r| r.items.len())
        );
    }
    for (k, cell) in parsed.table.periods.iter().enumerate() {
        let text: String = cell.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ");
        log::debug!(
            "{file_name}: notice: 期間 {k}: {}",
            text.chars().take(80).collect::<String>()
        );
    }
}

/// What the places stage decided: each name with its code, and the scopes.
pub fn places(file_name: &str, resolved: &[Resolved]) {
    if !log::log_enabled!(log::Level::Debug) {
        return;
    }
    for (row, r) in resolved.iter().enumerate() {
        let names: Vec<String> = r
            .areas
            .iter()
            .map(|a| match &a.municipality {
                Some(m) => format!("{}={}", a.written_as, m.code),
                None => format!("{}={}", a.written_as, a.prefecture.code),
            })
            .collect();
        let scopes: Vec<&str> = r.scopes.iter().map(|s| s.text.as_str()).collect();
        log::debug!(
            "{file_name}: places: row {row}: {} ({} scopes: {}; {} diagnostics)",
            names.join(", "),
            scopes.len(),
            scopes.join(", "),
            r.diagnostics.len()
        );
    }
}
