//! The last stage: resolved areas and parsed periods become a [`Document`].

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, NoticeCode, Position};
use crate::notice::ParsedNotice;
use crate::places::Resolved;
use crate::records::{self, Activation, Document, Scope, Source, SourceSpan};

/// One 範囲 row with its resolved places and the period that applies to it.
pub struct Row {
    /// The places of the row.
    pub resolved: Resolved,
    /// The period that applies to the row.
    pub period: records::Period,
    /// Periods that the 期間 gives prefecture by prefecture (`ア 山形県の対象地域
    /// …まで` / `イ 秋田県の…まで`); when there are any, an area takes its
    /// prefecture's.
    pub by_prefecture: Vec<(String, records::Period)>,
}

/// Build the document: one activation per area and period (duplicates
/// once), scopes, and every diagnostic in text order.
pub fn assemble(source: Source, notice: ParsedNotice, rows: Vec<Row>, mut diagnostics: Vec<Diagnostic>) -> Document {
    let mut activations = Vec::new();
    let mut scopes = Vec::new();
    diagnostics.extend(notice.diagnostics);
    // A notice that names an area twice for the same period means it once;
    // the first mention is kept (a map, as hostile lists can be very long).
    let mut first_seen: HashMap<(String, Option<String>, records::Period), SourceSpan> = HashMap::new();
    for row in rows {
        // A period that names prefectures (`山形県の対象地域 …まで`) is not
        // given to areas of another prefecture: no period beats a wrong one.
        let named = named_prefectures(&row.period.text);
        for area in row.resolved.areas {
            let mut period = row.period.clone();
            let own = row.by_prefecture.iter().find(|(p, _)| *p == area.prefecture.name);
            if let Some((_, scoped)) = own {
                period = scoped.clone();
            } else if !row.by_prefecture.is_empty() || !named.is_empty() && !named.contains(&area.prefecture.name) {
                diagnostics.push(
                    Diagnostic::warning(
                        NoticeCode::PeriodForOtherArea,
                        format!(
                            "the period `{}` names {} but not {}; `{}` gets no period",
                            row.period.text,
                            named.join("、"),
                            area.prefecture.name,
                            area.written_as
                        ),
                    )
                    .at(area.position)
                    .about(area.written_as.clone()),
                );
                period = records::Period::default();
            }
            let key = (
                area.prefecture.code.clone(),
                area.municipality.as_ref().map(|m| m.code.clone()),
                period.clone(),
            );
            if let Some(first) = first_seen.get(&key) {
                diagnostics.push(
                    Diagnostic::warning(
                        NoticeCode::DuplicateArea,
                        format!(
                            "`{}` is named again (first on page {}, line {}); recorded once",
                            area.written_as, first.page, first.line
                        ),
                    )
                    .at(area.position)
                    .about(area.written_as.clone()),
                );
                continue;
            }
            first_seen.insert(key, span(area.position));
            activations.push(Activation {
                prefecture: area.prefecture,
                municipality: area.municipality,
                written_as: area.written_as,
                period,
                source_span: span(area.position),
            });
        }
        for scope in row.resolved.scopes {
            scopes.push(Scope {
                prefecture: scope.prefecture,
                count: scope.count,
                text: scope.text,
                period: row.period.clone(),
                source_span: span(scope.position),
            });
        }
        diagnostics.extend(row.resolved.diagnostics);
    }
    if activations.is_empty() && scopes.is_empty() && !diagnostics.iter().any(|d| d.code == NoticeCode::MissingRange) {
        diagnostics.push(Diagnostic::error(
            NoticeCode::NoAreas,
            "the 範囲 names no area that could be resolved",
        ));
    }
    // Reading order; diagnostics without a place come first.
    diagnostics.sort_by_key(|d| (d.page, d.line));
    Document {
        schema_version: records::SCHEMA_VERSION.to_owned(),
        source,
        notice: notice.header,
        activations,
        scopes,
        diagnostics,
    }
}

/// The prefectures a period's text names, by their full names (`山形県`).
fn named_prefectures(text: &str) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    onshi_gazetteer::Gazetteer::bundled()
        .prefectures_named_in(text)
        .into_iter()
        .map(|e| e.name.clone())
        .collect()
}

fn span(position: Position) -> SourceSpan {
    SourceSpan {
        page: position.page,
        line: position.line,
    }
}
