//! Splitting a run of text into names.

use std::ops::Range;

use chrono::NaiveDate;

use super::resolve::{Scope, decide, resolve_in, suggest};
use super::variants::{Folded, fold, fold_with_source};
use super::{Gazetteer, Piece, Resolution};

pub(super) fn segment<'a, 'g>(
    g: &'g Gazetteer,
    text: &'a str,
    prefecture: Option<&str>,
    on: Option<NaiveDate>,
) -> Vec<Piece<'a, 'g>> {
    let folded = fold_with_source(text);
    let mut scope = Scope::parse(g, prefecture);
    let mut pieces = Vec::new();
    let mut pos = 0;
    let mut consumed = 0;
    while pos < folded.text.len() {
        let Some((found, mut id)) = g.find_key(&folded.text, pos) else {
            break;
        };
        let (start, mut end) = (found.start, found.end);
        if let Some((cut, cut_id)) = cut_at_space(g, &folded, start, end) {
            (end, id) = (cut, cut_id);
        }
        let Some(span) = folded.source_span(start..end) else {
            break;
        };

        let mut runs = unmatched_runs(text, consumed..span.start);
        // `北津軽郡藤崎町` with the wrong 郡: the district reads as unmatched text glued to
        // the name. Keep them together so the mismatch is reported, not silently dropped.
        let district = runs.pop_if(|r| r.end == span.start && text[r.clone()].ends_with('郡'));
        for run in runs {
            pieces.push(unknown(g, text, run, scope));
        }
        let piece = match district {
            Some(run) => {
                let whole = run.start..span.end;
                Piece {
                    span: whole.clone(),
                    text: &text[whole.clone()],
                    resolution: resolve_in(g, &text[whole], scope, on),
                }
            }
            None => Piece {
                span: span.clone(),
                text: &text[span.clone()],
                resolution: decide(g, id, &text[span], scope, on, None),
            },
        };
        if let Resolution::Prefecture { entry } = piece.resolution {
            scope = Scope::of(entry);
        }
        consumed = piece.span.end;
        pieces.push(piece);
        pos = end;
    }
    for run in unmatched_runs(text, consumed..text.len()) {
        pieces.push(unknown(g, text, run, scope));
    }
    pieces
}

/// A match that runs over a space, where the text before the space is a name by itself, is
/// cut at the space: in `千葉 市川市` the space separates 千葉 from 市川市; it is not a stray
/// space inside 千葉市. Returns the cut and the id of the shorter key.
fn cut_at_space(g: &Gazetteer, folded: &Folded, start: usize, end: usize) -> Option<(usize, usize)> {
    let first = folded.offsets.partition_point(|&o| o <= start);
    let last = folded.offsets.partition_point(|&o| o < end);
    folded.offsets[first..last]
        .iter()
        .filter(|&&at| folded.space_before(at))
        .find_map(|&at| g.target(&folded.text[start..at]).map(|id| (at, id)))
}

fn unknown<'a, 'g>(g: &'g Gazetteer, text: &'a str, run: Range<usize>, scope: Scope<'g>) -> Piece<'a, 'g> {
    let suggestions = suggest(g, &fold(&text[run.clone()]), scope);
    Piece {
        span: run.clone(),
        text: &text[run],
        resolution: Resolution::Unknown { suggestions },
    }
}

/// The runs of `text[range]` between separators.
fn unmatched_runs(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    let mut runs = Vec::new();
    let mut open: Option<usize> = None;
    for (at, c) in slice.char_indices() {
        let at = range.start + at;
        match (is_separator(c), open) {
            (true, Some(s)) => {
                runs.push(s..at);
                open = None;
            }
            (false, None) => open = Some(at),
            _ => {}
        }
    }
    if let Some(s) = open {
        runs.push(s..range.end);
    }
    runs
}

/// Characters that separate names in lists, in both widths.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '、' | '､'
                | '，'
                | ','
                | '。'
                | '｡'
                | '．'
                | '.'
                | '・'
                | '･'
                | '／'
                | '/'
                | '；'
                | ';'
                | '：'
                | ':'
                | '｜'
                | '|'
                | '＝'
                | '='
                | '（'
                | '）'
                | '('
                | ')'
                | '［'
                | '］'
                | '['
                | ']'
                | '【'
                | '】'
                | '〔'
                | '〕'
                | '「'
                | '」'
                | '『'
                | '』'
                | '〈'
                | '〉'
                | '《'
                | '》'
                | '<'
                | '>'
                | '＜'
                | '＞'
                | '▽'
                | '▼'
                | '△'
                | '▲'
                | '■'
                | '□'
                | '◆'
                | '◇'
                | '○'
                | '●'
                | '◯'
                | '-'
                | '‐'
                | '－'
                | '―'
                | '—'
                | '–'
                | '~'
                | '～'
                | '〜'
                | '\u{200B}'
                | '\u{FEFF}'
        )
}
