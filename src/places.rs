//! Resolve the 範囲 items to prefectures and municipality codes.
//!
//! Every item ends as an area, a scope, or a diagnostic with candidates:
//! nothing the notice names is dropped, and nothing is guessed.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, NoticeCode, Position};
use crate::notice::range::MAX_ITEMS;
use crate::notice::{ItemKind, RangeItem, RangeList};
use crate::reading::Reading;
use onshi_gazetteer::{Entry, Gazetteer, Piece, Resolution};

/// A prefecture as a record names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prefecture {
    /// 2-digit prefecture code, e.g. `02`.
    pub code: String,
    /// The official name (`青森県`).
    pub name: String,
}

/// A municipality as a record names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    /// 6-digit 全国地方公共団体コード including its check digit.
    pub code: String,
    /// Official name, without the 郡.
    pub name: String,
    /// The 郡 of a town or village, e.g. `南津軽郡`.
    pub district: Option<String>,
}

/// A resolved place: a municipality, or a whole prefecture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedArea {
    /// The prefecture it is in.
    pub prefecture: Prefecture,
    /// The municipality; `None` for the whole prefecture (`全域`).
    pub municipality: Option<Municipality>,
    /// The name as the notice wrote it.
    pub written_as: String,
    /// Where the name stands in the text.
    pub position: Position,
}

/// A count or rule given instead of names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedScope {
    /// The prefecture the scope is inside, if it is inside one.
    pub prefecture: Option<Prefecture>,
    /// The number of municipalities the notice gives (`47市町村`), if it gives one.
    pub count: Option<u32>,
    /// The scope as written.
    pub text: String,
    /// Where it stands in the text.
    pub position: Position,
}

/// What one 範囲 cell resolved to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolved {
    /// Areas with codes.
    pub areas: Vec<ResolvedArea>,
    /// Counts and rules that name no municipality.
    pub scopes: Vec<ResolvedScope>,
    /// Names that could not be resolved, with candidates, and remarks.
    pub diagnostics: Vec<Diagnostic>,
}

/// Resolve the items of one 範囲 cell against the gazetteer, as of the
/// notice's date `on` (a name not in force that day is reported).
pub fn resolve(range: &RangeList, on: Option<NaiveDate>, gazetteer: &Gazetteer) -> Resolved {
    resolve_read(range, on, gazetteer, Reading::Exact)
}

/// [`resolve`] for text read as `reading` says. From OCR text an item gives
/// codes only when it is names and nothing else: `X能登町` with a misread
/// first character would otherwise still yield 能登町, the wrong town.
pub fn resolve_read(range: &RangeList, on: Option<NaiveDate>, gazetteer: &Gazetteer, reading: Reading) -> Resolved {
    let mut out = Resolved::default();
    for note in &range.notes {
        out.diagnostics.push(
            Diagnostic::warning(
                NoticeCode::RangeNote,
                format!("`{}` in the 範囲 is a remark, not a place; it was left out", note.text),
            )
            .at(note.position)
            .about(note.text.clone()),
        );
    }
    // A prefecture fused to a name (`佐賀県佐賀市、唐津市`) holds for the
    // items after it, until a written header says otherwise.
    let mut fused: Option<Prefecture> = None;
    if range.omitted > 0 {
        let position = range.items.last().map_or(Position { page: 1, line: 1 }, |i| i.position);
        out.diagnostics.push(
            Diagnostic::error(
                NoticeCode::RangeTooLong,
                format!(
                    "the 範囲 lists {} items, more than any notice could ({} local governments exist); only the \
                     first {MAX_ITEMS} were read",
                    range.items.len() + range.omitted,
                    gazetteer.len()
                ),
            )
            .at(position),
        );
    }
    for item in &range.items {
        let prefecture = match &item.prefecture {
            Some(written) => match gazetteer.prefecture(written) {
                Some(entry) => Some(area(entry)),
                None => {
                    out.diagnostics.push(
                        Diagnostic::error(
                            NoticeCode::UnknownPrefecture,
                            format!("`{written}` is not a prefecture"),
                        )
                        .at(item.position)
                        .about(written.clone()),
                    );
                    None
                }
            },
            None => fused.clone(),
        };
        if item.prefecture.is_some() {
            fused = None;
        }
        match item.kind {
            ItemKind::Names => {
                if let Some(p) = names(item, prefecture, on, gazetteer, reading, &mut out) {
                    fused = Some(p);
                }
            }
            ItemKind::WholePrefecture => match prefecture {
                Some(prefecture) => whole_prefecture(item, prefecture, &mut out),
                None => out.diagnostics.push(
                    Diagnostic::error(
                        NoticeCode::WholeAreaWithoutPrefecture,
                        format!("`{}` names no prefecture", item.text),
                    )
                    .at(item.position)
                    .about(item.text.clone()),
                ),
            },
            ItemKind::Count(count) => {
                let message = format!("`{}` gives a count, not names; recorded as a scope", item.text);
                scope(
                    item,
                    prefecture,
                    Some(count),
                    NoticeCode::CountInsteadOfNames,
                    message,
                    &mut out,
                );
            }
            ItemKind::Rule => {
                let message = format!("`{}` gives a rule, not names; recorded as a scope", item.text);
                scope(
                    item,
                    prefecture,
                    None,
                    NoticeCode::RuleInsteadOfNames,
                    message,
                    &mut out,
                );
            }
        }
    }
    out
}

/// A whole prefecture (`【石川県】全域`, a header with no names after it): one
/// record with no municipality, and a warning, since a reader may expect names.
fn whole_prefecture(item: &RangeItem, prefecture: Prefecture, out: &mut Resolved) {
    out.diagnostics.push(
        Diagnostic::warning(
            NoticeCode::WholePrefecture,
            format!(
                "`{}` names all of {}; recorded without a municipality",
                item.text, prefecture.name
            ),
        )
        .at(item.position)
        .about(item.text.clone()),
    );
    out.areas.push(ResolvedArea {
        prefecture,
        municipality: None,
        written_as: item.text.clone(),
        position: item.position,
    });
}

/// An item that gives a count or a rule: a scope, and a warning that says so.
fn scope(
    item: &RangeItem,
    prefecture: Option<Prefecture>,
    count: Option<u32>,
    code: NoticeCode,
    message: String,
    out: &mut Resolved,
) {
    out.diagnostics.push(
        Diagnostic::warning(code, message)
            .at(item.position)
            .about(item.text.clone()),
    );
    out.scopes.push(ResolvedScope {
        prefecture,
        count,
        text: item.text.clone(),
        position: item.position,
    });
}

/// Resolve the names of one item; returns the prefecture fused into it, if any.
fn names(
    item: &RangeItem,
    prefecture: Option<Prefecture>,
    on: Option<NaiveDate>,
    gazetteer: &Gazetteer,
    reading: Reading,
    out: &mut Resolved,
) -> Option<Prefecture> {
    let code = prefecture.as_ref().map(|p| p.code.as_str());
    // The item as one name first; only when it is not one, as names run
    // together (`黒石市五所川原市`, `佐賀県佐賀市`). A segmentation with
    // unknown bits (`東|青森|町`) is worse than the whole item unknown.
    let whole = gazetteer.resolve(&item.text, code, on);
    let pieces = match whole {
        Resolution::Found { .. } | Resolution::Prefecture { .. } => vec![Piece {
            span: 0..item.text.len(),
            text: &item.text,
            resolution: whole,
        }],
        _ => {
            let pieces = gazetteer.segment(&item.text, code, on);
            let clean = pieces
                .iter()
                .all(|p| matches!(p.resolution, Resolution::Found { .. } | Resolution::Prefecture { .. }));
            // OCR text must segment cleanly; exact text may leave unknown bits,
            // but no name may start where an unknown bit stops short of a place
            // suffix (`巾能登町` is not 能登町: it may be 中能登町 misspelled).
            let trusted = clean || reading == Reading::Exact && starts_are_sound(&pieces);
            if trusted && pieces.iter().any(|p| matches!(p.resolution, Resolution::Found { .. })) {
                merge_residue(pieces, &item.text, code, on, gazetteer)
            } else {
                vec![Piece {
                    span: 0..item.text.len(),
                    text: &item.text,
                    resolution: whole,
                }]
            }
        }
    };
    let mut fused = None;
    if let [only] = pieces.as_slice() {
        // A prefecture alone in a list (`佐賀県、大分県`) is the whole prefecture.
        if let Resolution::Prefecture { entry } = only.resolution {
            whole_prefecture(item, area(entry), out);
            return None;
        }
    }
    for piece in pieces {
        let diagnostic = |code: NoticeCode, message: String| {
            Diagnostic::error(code, message)
                .at(item.position)
                .about(piece.text.to_owned())
        };
        match piece.resolution {
            Resolution::Found { entry, folded, .. } => {
                if !folded.is_empty() {
                    out.diagnostics
                        .push(matched_by_variant(piece.text, entry, &folded, item.position));
                }
                out.areas.push(ResolvedArea {
                    prefecture: area(entry),
                    municipality: Some(municipality(entry)),
                    written_as: piece.text.to_owned(),
                    position: item.position,
                });
            }
            // A prefecture fused to the first name (`大分県中津市`): the gazetteer
            // already resolves the names after it inside that prefecture.
            Resolution::Prefecture { entry } => fused = Some(area(entry)),
            Resolution::Ambiguous { candidates } => out.diagnostics.push(diagnostic(
                NoticeCode::AmbiguousMunicipality,
                format!(
                    "`{}` could be {}; the notice does not say which",
                    piece.text,
                    list(&candidates)
                ),
            )),
            Resolution::NotInForce { entry } => out.diagnostics.push(diagnostic(
                NoticeCode::MunicipalityNotInForce,
                format!(
                    "`{}` ({}) did not exist on the notice date{}",
                    piece.text,
                    entry.code,
                    validity(entry)
                ),
            )),
            Resolution::Unknown { suggestions } => {
                let hint = if suggestions.is_empty() {
                    String::new()
                } else {
                    format!("; did you mean {}?", list(&suggestions))
                };
                out.diagnostics.push(diagnostic(
                    NoticeCode::UnknownMunicipality,
                    format!(
                        "`{}` is not a municipality{}{hint}",
                        piece.text,
                        match &prefecture {
                            Some(p) => format!(" of {}", p.name),
                            None => String::new(),
                        }
                    ),
                ))
            }
        }
    }
    fused
}

/// Whether every name of a segmentation starts where a name may start: at the
/// item's start, or after a piece that is a name or ends as place names end
/// (`市町村区郡都道府県`). An unknown bit glued before a name makes its start a
/// guess: the two may be one name written wrong.
fn starts_are_sound(pieces: &[Piece<'_, '_>]) -> bool {
    const ENDINGS: [char; 9] = ['市', '町', '村', '区', '郡', '都', '道', '府', '県'];
    pieces.windows(2).all(|pair| {
        let [before, piece] = pair else { return true };
        let glued = before.span.end == piece.span.start;
        let unknown_before = matches!(before.resolution, Resolution::Unknown { .. });
        !(glued
            && unknown_before
            && matches!(piece.resolution, Resolution::Found { .. })
            && !before.text.ends_with(ENDINGS))
    })
}

/// A name found only by reading some of its characters as other glyphs (`室戶市` as
/// 室戸市): right as a rule, but a reader may want to check the match.
fn matched_by_variant(text: &str, entry: &Entry, folded: &[(char, char)], position: Position) -> Diagnostic {
    let glyphs: Vec<String> = folded
        .iter()
        .map(|(written, official)| format!("`{written}` as `{official}`"))
        .collect();
    Diagnostic::info(
        NoticeCode::NameMatchedByVariant,
        format!(
            "`{text}` matches {} only when read with {}",
            list(&[entry]),
            glyphs.join(", ")
        ),
    )
    .at(position)
    .about(text.to_owned())
}

/// Keep the names a segmentation found, and join each run of pieces between
/// them that resolve to nothing into one piece, resolved on its own: `東青森町`
/// is reported as such, not as `東`, `青森` and `町`.
fn merge_residue<'a, 'g>(
    pieces: Vec<Piece<'a, 'g>>,
    text: &'a str,
    prefecture: Option<&str>,
    on: Option<NaiveDate>,
    gazetteer: &'g Gazetteer,
) -> Vec<Piece<'a, 'g>> {
    let mut out = Vec::with_capacity(pieces.len());
    let mut residue: Option<std::ops::Range<usize>> = None;
    let flush = |residue: &mut Option<std::ops::Range<usize>>, out: &mut Vec<Piece<'a, 'g>>| {
        if let Some(span) = residue.take() {
            let text = &text[span.clone()];
            out.push(Piece {
                span,
                text,
                resolution: gazetteer.resolve(text, prefecture, on),
            });
        }
    };
    for piece in pieces {
        if matches!(piece.resolution, Resolution::Found { .. }) {
            flush(&mut residue, &mut out);
            out.push(piece);
        } else {
            residue = Some(match residue {
                Some(r) => r.start..piece.span.end,
                None => piece.span.clone(),
            });
        }
    }
    flush(&mut residue, &mut out);
    out
}

fn area(entry: &Entry) -> Prefecture {
    Prefecture {
        code: entry.prefecture_code.clone(),
        name: entry.prefecture.clone(),
    }
}

fn municipality(entry: &Entry) -> Municipality {
    Municipality {
        code: entry.code.clone(),
        name: entry.name.clone(),
        district: entry.district.clone(),
    }
}

fn list(entries: &[&Entry]) -> String {
    entries
        .iter()
        .map(|e| {
            format!(
                "{}{}{} ({})",
                e.prefecture,
                e.district.as_deref().unwrap_or(""),
                e.name,
                e.code
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn validity(entry: &Entry) -> String {
    match (entry.valid_from, entry.valid_to) {
        (Some(from), Some(to)) => format!(" (in force {from} to {to})"),
        (Some(from), None) => format!(" (in force from {from})"),
        (None, Some(to)) => format!(" (in force until {to})"),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notice::{CellLine, range};

    fn codes(text: &str, reading: Reading) -> Vec<String> {
        let cell = [CellLine {
            position: Position { page: 1, line: 1 },
            text: text.to_owned(),
        }];
        resolve_read(&range::parse(&cell), None, Gazetteer::bundled(), reading)
            .areas
            .iter()
            .filter_map(|a| a.municipality.as_ref().map(|m| m.code.clone()))
            .collect()
    }

    #[test]
    fn ocr_text_gives_codes_only_for_items_that_are_names_throughout() {
        // `中能登町` with its first character misread: not 能登町, which it ends with.
        assert_eq!(codes("【石川県】巾能登町", Reading::Ocr), Vec::<String>::new());
        // Names run together, all of them names, stay names.
        assert_eq!(codes("【石川県】七尾市輪島市", Reading::Ocr), ["172022", "172049"]);
    }

    #[test]
    fn no_name_starts_right_after_an_unknown_bit() {
        // A misspelled 中能登町 is not 能登町, in exact text either.
        assert_eq!(codes("【石川県】巾能登町", Reading::Exact), Vec::<String>::new());
        assert_eq!(codes("【石川県】巾能登町、七尾市", Reading::Exact), ["172022"]);
        // An unknown name that ends as names end leaves the next name sound.
        assert_eq!(codes("【石川県】架空町輪島市", Reading::Exact), ["172049"]);
        // A bit after a name leaves the name.
        assert_eq!(codes("【石川県】輪島市巾", Reading::Exact), ["172049"]);
    }
}
