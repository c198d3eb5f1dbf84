//! A timeline across notices: which areas were active when, per disaster.
//!
//! Notices are grouped by the disaster they name and read in date order.
//! An activation opens a period for each area it names (or widens an open
//! one); an extension moves the end of the area's period; a termination sets
//! it. Areas given only as a count (`他の29市町村`) stay counts: they are
//! listed with their periods, never expanded into names.
//!
//! A period that states no start takes effect on the disaster's start, when
//! its name gives one (the function is switched on by the 災害救助法 report the
//! notice follows), else on the notice's date ([`effective_start`], the same
//! rule as the SQLite view `activation_spans`). `start_stated` says which it
//! was. An area or scope with no known start at all is never taken to have
//! been in force "since forever".

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::records::{Activation, Document, Municipality, NoticeKind, Prefecture, SourceSpan};

/// One notice as the timeline cites it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoticeRef {
    /// The input file.
    pub file: String,
    /// The notice's date.
    pub issued_on: Option<NaiveDate>,
    /// Activation, extension, termination or amendment.
    pub kind: NoticeKind,
    /// N of （そのN）.
    pub sequel: Option<u32>,
    /// The title.
    pub title: Option<String>,
}

/// A period during which an area was active.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// The first day, when known (see `start_stated`).
    pub start: Option<NaiveDate>,
    /// False when `start` is the notice's date because the period gave none.
    pub start_stated: bool,
    /// The last day, when the notices give one.
    pub end: Option<NaiveDate>,
    /// The time on the last day, `HH:MM`.
    pub end_time: Option<String>,
    /// True when a notice set no end (`当面の間`).
    pub open_ended: bool,
    /// The notices that opened, extended or ended this period, in order.
    pub set_by: Vec<String>,
    /// The same notices with what each did and where the area stands in it.
    pub steps: Vec<Step>,
}

/// One notice's part in a [`Span`]: the notice, its kind, the place of the
/// area's name in its text, and the span's end once it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// The notice's file.
    pub notice: String,
    /// What the notice did: activate, extend, end or amend.
    pub kind: NoticeKind,
    /// Where the area's name stands in the notice.
    pub source_span: SourceSpan,
    /// The span's end once this notice was read.
    pub end: Option<NaiveDate>,
    /// True when, once this notice was read, the span had no end.
    pub open_ended: bool,
}

/// The day a period takes effect: its stated start, else the disaster's
/// start, else the notice's date. The SQLite view `activation_spans` computes
/// its `effective_start` by the same rule (`schemas/sqlite-2.sql`).
pub fn effective_start(
    stated: Option<NaiveDate>,
    disaster_began_on: Option<NaiveDate>,
    issued_on: Option<NaiveDate>,
) -> Option<NaiveDate> {
    stated.or(disaster_began_on).or(issued_on)
}

/// Whether a period from `start` to `end` (or open) covers `day`; an unknown start covers nothing.
fn covers(start: Option<NaiveDate>, end: Option<NaiveDate>, open_ended: bool, day: NaiveDate) -> bool {
    let started = start.is_some_and(|s| s <= day);
    let not_ended = match end {
        Some(end) => day <= end,
        None => open_ended,
    };
    started && not_ended
}

impl Span {
    /// Whether the area was active on `day`.
    pub fn covers(&self, day: NaiveDate) -> bool {
        covers(self.start, self.end, self.open_ended, day)
    }
}

/// One area of a disaster with its periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaTimeline {
    /// The prefecture the area is in.
    pub prefecture: Prefecture,
    /// The municipality; `None` for the whole prefecture.
    pub municipality: Option<Municipality>,
    /// Its periods, in order.
    pub spans: Vec<Span>,
}

impl AreaTimeline {
    /// `石川県輪島市`, `青森県南津軽郡藤崎町`, or the prefecture alone.
    pub fn name(&self) -> String {
        match &self.municipality {
            Some(m) => format!(
                "{}{}{}",
                self.prefecture.name,
                m.district.as_deref().unwrap_or(""),
                m.name
            ),
            None => format!("{} (全域)", self.prefecture.name),
        }
    }
}

/// Areas given as a count or rule, with the period the notice gave them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScopeEntry {
    /// The scope as written.
    pub text: String,
    /// The number of municipalities, when the notice gives one.
    pub count: Option<u32>,
    /// The prefecture the scope is inside, if one.
    pub prefecture: Option<Prefecture>,
    /// The effective start ([`effective_start`]).
    pub start: Option<NaiveDate>,
    /// False when `start` is not the period's own.
    pub start_stated: bool,
    /// The last day, when the notice gives one.
    pub end: Option<NaiveDate>,
    /// True when the notice set no end.
    pub open_ended: bool,
    /// The notice that gave the scope.
    pub notice: String,
    /// Where the scope stands in the notice's text.
    pub source_span: SourceSpan,
}

impl ScopeEntry {
    /// Whether the scope was in force on `day`.
    pub fn covers(&self, day: NaiveDate) -> bool {
        covers(self.start, self.end, self.open_ended, day)
    }
}

/// The notices of one disaster and what they switched on, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisasterTimeline {
    /// The disaster's name as the notices write it, or null for notices that name none.
    pub disaster: Option<String>,
    /// The notices, in order of date and sequel.
    pub notices: Vec<NoticeRef>,
    /// The named areas with their periods.
    pub areas: Vec<AreaTimeline>,
    /// Counts and rules, never expanded into names.
    pub scopes: Vec<ScopeEntry>,
}

/// Build the timelines of `docs`, each given with the name it is cited by
/// (its path or batch id). The same notice read from several files (a text
/// and a PDF rendering) counts once, from the first file.
pub fn build<'a>(docs: impl IntoIterator<Item = (&'a str, &'a Document)>) -> Vec<DisasterTimeline> {
    let mut groups: BTreeMap<Option<String>, Vec<(&str, &Document)>> = BTreeMap::new();
    let mut seen = Vec::new();
    for (name, doc) in docs {
        let n = &doc.notice;
        let key = (n.issued_on, n.title.clone(), n.kind, n.sequel, doc.activations.len());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let disaster = n.disaster.as_ref().map(|d| d.name.clone());
        // Notices that name no disaster cannot be linked; each stands alone.
        let group = if disaster.is_none() {
            Some(format!("\u{0}{name}"))
        } else {
            disaster
        };
        groups.entry(group).or_default().push((name, doc));
    }
    groups
        .into_iter()
        .map(|(key, mut docs)| {
            docs.sort_by_key(|(name, d)| (order_date(d), d.notice.sequel, *name));
            let disaster = key.filter(|k| !k.starts_with('\u{0}'));
            timeline(disaster, &docs)
        })
        .collect()
}

/// When a notice took effect: its date, or for undated announcements the
/// earliest date its periods give.
fn order_date(doc: &Document) -> Option<NaiveDate> {
    doc.notice.issued_on.or_else(|| {
        doc.activations
            .iter()
            .flat_map(|a| [a.period.start, a.period.end])
            .chain(doc.scopes.iter().flat_map(|s| [s.period.start, s.period.end]))
            .flatten()
            .min()
    })
}

fn timeline(disaster: Option<String>, docs: &[(&str, &Document)]) -> DisasterTimeline {
    let mut areas: BTreeMap<(String, Option<String>), AreaTimeline> = BTreeMap::new();
    let mut scopes = Vec::new();
    for &(name, doc) in docs {
        let file = name.to_owned();
        let issued = doc.notice.issued_on;
        let began = doc.notice.disaster.as_ref().and_then(|d| d.began_on);
        for a in &doc.activations {
            let key = (
                a.prefecture.code.clone(),
                a.municipality.as_ref().map(|m| m.code.clone()),
            );
            let area = areas.entry(key).or_insert_with(|| AreaTimeline {
                prefecture: a.prefecture.clone(),
                municipality: a.municipality.clone(),
                spans: Vec::new(),
            });
            apply(&mut area.spans, doc.notice.kind, a, began, issued, &file);
        }
        for s in &doc.scopes {
            scopes.push(ScopeEntry {
                text: s.text.clone(),
                count: s.count,
                prefecture: s.prefecture.clone(),
                start: effective_start(s.period.start, began, issued),
                start_stated: s.period.start.is_some(),
                end: s.period.end,
                open_ended: s.period.open_ended,
                notice: file.clone(),
                source_span: s.source_span,
            });
        }
    }
    DisasterTimeline {
        disaster,
        notices: docs
            .iter()
            .map(|(name, d)| NoticeRef {
                file: (*name).to_owned(),
                issued_on: d.notice.issued_on,
                kind: d.notice.kind,
                sequel: d.notice.sequel,
                title: d.notice.title.clone(),
            })
            .collect(),
        areas: areas.into_values().collect(),
        scopes,
    }
}

fn apply(
    spans: &mut Vec<Span>,
    kind: NoticeKind,
    a: &Activation,
    began: Option<NaiveDate>,
    issued: Option<NaiveDate>,
    file: &str,
) {
    let p = &a.period;
    let start = effective_start(p.start, began, issued);
    let current = spans.last_mut();
    let span = match (kind, current) {
        // An extension or termination moves the end of the period in force.
        (NoticeKind::Extension | NoticeKind::Termination, Some(span)) => {
            span.end = p.end;
            span.end_time = p.end_time.map(|t| t.to_string());
            span.open_ended = p.open_ended;
            span
        }
        // A new activation of an area still (or again) active widens its period.
        (_, Some(span)) if overlaps(span, start) => {
            span.end = later(span.end, p.end);
            span.open_ended |= p.open_ended;
            span
        }
        // A first notice of the area (an activation, or an extension or
        // termination whose activation is not among the inputs).
        _ => {
            spans.push(Span {
                start,
                start_stated: p.start.is_some(),
                end: p.end,
                end_time: p.end_time.map(|t| t.to_string()),
                open_ended: p.open_ended,
                set_by: Vec::new(),
                steps: Vec::new(),
            });
            spans.last_mut().expect("just pushed")
        }
    };
    span.set_by.push(file.to_owned());
    span.steps.push(Step {
        notice: file.to_owned(),
        kind,
        source_span: a.source_span,
        end: span.end,
        open_ended: span.open_ended,
    });
}

fn overlaps(span: &Span, start: Option<NaiveDate>) -> bool {
    match (span.end, start) {
        (Some(end), Some(start)) => start <= end.succ_opt().unwrap_or(end),
        (None, _) => span.open_ended,
        (Some(_), None) => true,
    }
}

fn later(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// An area active on a day, with the span that makes it so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActiveArea {
    /// The disaster, as its notices name it.
    pub disaster: Option<String>,
    /// The prefecture the area is in.
    pub prefecture: Prefecture,
    /// The municipality; `None` for the whole prefecture.
    pub municipality: Option<Municipality>,
    /// The period in force that day.
    pub span: Span,
}

/// Areas given only as a count or a rule, in force on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActiveScope {
    /// The disaster, as its notices name it.
    pub disaster: Option<String>,
    /// The scope.
    pub scope: ScopeEntry,
}

/// What was in force on a day: named areas, and scopes (counts and rules,
/// never expanded into names).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Active {
    /// Named areas in force.
    pub areas: Vec<ActiveArea>,
    /// Scopes in force.
    pub scopes: Vec<ActiveScope>,
}

/// Every area and scope in force on `day`, by disaster, then prefecture and code.
pub fn active_on(timelines: &[DisasterTimeline], day: NaiveDate) -> Active {
    let mut out = Active::default();
    for t in timelines {
        for area in &t.areas {
            if let Some(span) = area.spans.iter().find(|s| s.covers(day)) {
                out.areas.push(ActiveArea {
                    disaster: t.disaster.clone(),
                    prefecture: area.prefecture.clone(),
                    municipality: area.municipality.clone(),
                    span: span.clone(),
                });
            }
        }
        for scope in t.scopes.iter().filter(|s| s.covers(day)) {
            out.scopes.push(ActiveScope {
                disaster: t.disaster.clone(),
                scope: scope.clone(),
            });
        }
    }
    out
}
