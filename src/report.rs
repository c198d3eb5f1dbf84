//! One self-contained HTML page of the timelines, to look at rather than read.
//!
//! Per prefecture (a collapsible section, closed when it holds many rows),
//! one row per named area with each of its [`Span`]s as a bar on a time axis
//! shared by all notices; the areas a notice gives only as a count or a rule
//! get rows of their own below, never names. The page draws what
//! [`crate::timeline`] computed and computes nothing of its own but positions.
//!
//! The axis skips the months between periods: days with a period on them,
//! and a few around, keep their width; each stretch without any becomes a
//! narrow break, so a week-long activation stays visible on an axis that
//! covers years.
//!
//! The page needs nothing outside itself (inline CSS and script, the
//! reader's own fonts) and is the same bytes for the same timelines. Its
//! script reads `#on=YYYY-MM-DD` (and `open=CODE,CODE|all`) from the address,
//! so a link, or a headless browser, can show a given day.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::records::NoticeKind;
use crate::timeline::{DisasterTimeline, ScopeEntry, Span};

/// A prefecture section with more rows than this starts collapsed.
const OPEN_AT_MOST: usize = 12;
/// How many days an open-ended period is drawn with.
const OPEN_DAYS: i64 = 14;
/// Periods closer than this many days share a stretch of the axis.
const JOIN_DAYS: i64 = 21;
/// Days of margin around a stretch of the axis.
const MARGIN_DAYS: i64 = 2;
/// The width of a break between stretches, in days.
const BREAK_DAYS: f64 = 6.0;

/// The page for `timelines`.
pub fn html(timelines: &[DisasterTimeline]) -> String {
    let groups = Groups::new(timelines);
    let axis = Axis::new(&groups.intervals());
    let page = Page {
        timelines,
        axis: &axis,
        colors: colors(timelines),
    };
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>緊急時医療情報・資格確認機能 適用期間</title>\n<style>\n",
    );
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body>\n");
    header(&mut out, &page, &groups);
    out.push_str("<main id=\"grid\">\n");
    axis.write(&mut out);
    out.push_str("<div id=\"dayline\" hidden></div>\n");
    for (code, group) in &groups.prefectures {
        group.write(&mut out, code, &page);
    }
    if !groups.loose_scopes.is_empty() {
        let group = Group {
            name: "都道府県の指定なし".to_owned(),
            rows: BTreeMap::new(),
            scopes: groups.loose_scopes.clone(),
        };
        group.write(&mut out, "", &page);
    }
    if groups.prefectures.is_empty() && groups.loose_scopes.is_empty() {
        out.push_str("<p class=\"empty\">期間の読める適用はありません。</p>\n");
    }
    out.push_str("</main>\n");
    notices(&mut out, timelines);
    out.push_str("<div id=\"detail\" hidden><button type=\"button\" id=\"close\" aria-label=\"閉じる\">×</button><pre></pre></div>\n<script>\n");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

/// Text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("&#10;"),
            c if c.is_control() => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// What every part of the page draws from.
struct Page<'a> {
    timelines: &'a [DisasterTimeline],
    axis: &'a Axis,
    /// The colour class of each timeline's bars: one per named disaster, one
    /// for all notices that name none.
    colors: Vec<String>,
}

fn colors(timelines: &[DisasterTimeline]) -> Vec<String> {
    let mut named = 0;
    timelines
        .iter()
        .map(|t| match t.disaster {
            Some(_) => {
                named += 1;
                format!("d{}", (named - 1) % PALETTE)
            }
            None => "dn".to_owned(),
        })
        .collect()
}

fn kind_label(kind: NoticeKind) -> &'static str {
    match kind {
        NoticeKind::Activation => "開始",
        NoticeKind::Extension => "延長",
        NoticeKind::Termination => "終了",
        NoticeKind::Amendment => "追加",
        NoticeKind::Unknown => "種別不明",
    }
}

fn day(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "不明".to_owned(), |d| d.format("%Y-%m-%d").to_string())
}

fn iso(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

fn disaster_name(t: &DisasterTimeline) -> &str {
    t.disaster.as_deref().unwrap_or("(災害名なし)")
}

/// A named area's row: its label and its spans from every disaster.
struct Row<'a> {
    label: String,
    code: String,
    full_name: String,
    spans: Vec<(usize, &'a Span)>,
}

struct Group<'a> {
    name: String,
    /// Keyed by municipality code; the whole prefecture (`None`) first.
    rows: BTreeMap<Option<String>, Row<'a>>,
    scopes: Vec<(usize, &'a ScopeEntry)>,
}

struct Groups<'a> {
    prefectures: BTreeMap<String, Group<'a>>,
    /// Scopes that name no prefecture.
    loose_scopes: Vec<(usize, &'a ScopeEntry)>,
}

impl<'a> Groups<'a> {
    fn new(timelines: &'a [DisasterTimeline]) -> Self {
        let mut prefectures: BTreeMap<String, Group<'a>> = BTreeMap::new();
        let mut loose_scopes = Vec::new();
        for (d, t) in timelines.iter().enumerate() {
            for area in &t.areas {
                let group = prefectures
                    .entry(area.prefecture.code.clone())
                    .or_insert_with(|| Group {
                        name: area.prefecture.name.clone(),
                        rows: BTreeMap::new(),
                        scopes: Vec::new(),
                    });
                let key = area.municipality.as_ref().map(|m| m.code.clone());
                let row = group.rows.entry(key).or_insert_with(|| Row {
                    label: match &area.municipality {
                        Some(m) => format!("{}{}", m.district.as_deref().unwrap_or(""), m.name),
                        None => "全域".to_owned(),
                    },
                    code: area
                        .municipality
                        .as_ref()
                        .map_or_else(|| area.prefecture.code.clone(), |m| m.code.clone()),
                    full_name: area.name(),
                    spans: Vec::new(),
                });
                row.spans.extend(area.spans.iter().map(|s| (d, s)));
            }
            for scope in &t.scopes {
                match &scope.prefecture {
                    Some(p) => prefectures
                        .entry(p.code.clone())
                        .or_insert_with(|| Group {
                            name: p.name.clone(),
                            rows: BTreeMap::new(),
                            scopes: Vec::new(),
                        })
                        .scopes
                        .push((d, scope)),
                    None => loose_scopes.push((d, scope)),
                }
            }
        }
        Groups {
            prefectures,
            loose_scopes,
        }
    }

    /// The days every bar covers, for the axis.
    fn intervals(&self) -> Vec<(NaiveDate, NaiveDate)> {
        let spans = self
            .prefectures
            .values()
            .flat_map(|g| g.rows.values())
            .flat_map(|r| r.spans.iter())
            .filter_map(|(_, s)| drawn(s.start, s.end, s.open_ended));
        let scopes = self
            .prefectures
            .values()
            .flat_map(|g| g.scopes.iter())
            .chain(&self.loose_scopes)
            .filter_map(|(_, s)| drawn(s.start, s.end, s.open_ended));
        spans.chain(scopes).collect()
    }
}

/// The first and last day a bar is drawn over: an open end is drawn
/// [`OPEN_DAYS`] long, a missing start or end as the one day that is known.
fn drawn(start: Option<NaiveDate>, end: Option<NaiveDate>, open_ended: bool) -> Option<(NaiveDate, NaiveDate)> {
    match (start, end) {
        (Some(s), Some(e)) => Some((s, e.max(s))),
        (Some(s), None) if open_ended => Some((s, s + chrono::Duration::days(OPEN_DAYS - 1))),
        (Some(d), None) | (None, Some(d)) => Some((d, d)),
        (None, None) => None,
    }
}

/// The time axis: stretches of days, each at a known place, with breaks between.
struct Axis {
    /// First day, last day, and the place of the first day in axis units.
    stretches: Vec<(NaiveDate, NaiveDate, f64)>,
    total: f64,
}

impl Axis {
    fn new(intervals: &[(NaiveDate, NaiveDate)]) -> Self {
        let mut sorted = intervals.to_vec();
        sorted.sort();
        let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::new();
        for (s, e) in sorted {
            match merged.last_mut() {
                Some(last) if (s - last.1).num_days() <= JOIN_DAYS => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        let margin = chrono::Duration::days(MARGIN_DAYS);
        let mut stretches = Vec::new();
        let mut at = 0.0;
        for (s, e) in merged {
            if !stretches.is_empty() {
                at += BREAK_DAYS;
            }
            let (s, e) = (s - margin, e + margin);
            stretches.push((s, e, at));
            at += ((e - s).num_days() + 1) as f64;
        }
        Axis { stretches, total: at }
    }

    /// The place of the start of `day` in percent of the axis.
    fn x(&self, day: NaiveDate) -> f64 {
        if self.total <= 0.0 {
            return 0.0;
        }
        let mut units = 0.0;
        for &(s, e, at) in &self.stretches {
            if day < s {
                break;
            }
            units = if day <= e {
                at + (day - s).num_days() as f64
            } else {
                at + ((e - s).num_days() + 1) as f64
            };
        }
        units / self.total * 100.0
    }

    /// The place of the end of `day` in percent of the axis.
    fn x_after(&self, day: NaiveDate) -> f64 {
        match self.stretches.iter().find(|&&(s, e, _)| s <= day && day <= e) {
            Some(&(s, _, at)) => (at + ((day - s).num_days() + 1) as f64) / self.total * 100.0,
            None => self.x(day),
        }
    }

    fn write(&self, out: &mut String) {
        let stretches: Vec<String> = self
            .stretches
            .iter()
            .map(|&(s, e, at)| {
                format!(
                    "{},{},{:.4},{:.4}",
                    iso(Some(s)),
                    iso(Some(e)),
                    at / self.total * 100.0,
                    (at + ((e - s).num_days() + 1) as f64) / self.total * 100.0
                )
            })
            .collect();
        let _ = write!(
            out,
            "<div class=\"row axis\" aria-hidden=\"true\"><div class=\"name\">日付</div><div class=\"track\" id=\"axis\" data-stretches=\"{}\">",
            escape(&stretches.join(";"))
        );
        let mut year = None;
        for (i, &(s, e, _)) in self.stretches.iter().enumerate() {
            if i > 0 {
                let gap_start = self.x(s) - BREAK_DAYS / self.total * 100.0;
                let _ = write!(
                    out,
                    "<span class=\"break\" style=\"left:{gap_start:.3}%;width:{:.3}%\">≈</span>",
                    BREAK_DAYS / self.total * 100.0
                );
            }
            // The year when it changes; the label is cut at the stretch's end.
            let label = if year == Some(s.year()) {
                format!("{}/{}", s.month(), s.day())
            } else {
                format!("{}/{}/{}", s.year(), s.month(), s.day())
            };
            year = Some(s.year());
            let _ = write!(
                out,
                "<span class=\"tick major\" style=\"left:{:.3}%;width:{:.3}%\">{label}</span>",
                self.x(s),
                self.x_after(e) - self.x(s),
            );
            // Month starts, and Mondays as minor ticks, inside the stretch.
            let mut d = s.succ_opt();
            while let Some(cur) = d.filter(|&d| d <= e) {
                if cur.day() == 1 && (cur - s).num_days() >= 10 {
                    let _ = write!(
                        out,
                        "<span class=\"tick month\" style=\"left:{:.3}%\">{}/{}</span>",
                        self.x(cur),
                        cur.month(),
                        cur.day()
                    );
                } else if cur.weekday() == chrono::Weekday::Mon {
                    let _ = write!(
                        out,
                        "<span class=\"tick minor\" style=\"left:{:.3}%\"></span>",
                        self.x(cur)
                    );
                }
                d = cur.succ_opt();
            }
        }
        out.push_str("</div></div>\n");
    }
}

impl Group<'_> {
    fn write(&self, out: &mut String, code: &str, page: &Page) {
        let bars: usize = self.rows.values().map(|r| r.spans.len()).sum();
        let counted: u32 = self.scopes.iter().filter_map(|(_, s)| s.count).sum();
        let open = self.rows.len() + self.scopes.len() <= OPEN_AT_MOST;
        let _ = write!(
            out,
            "<details class=\"pref\" data-pref=\"{}\"{}><summary><span class=\"pname\">{}</span> \
             <span class=\"meta\">{} 地域・{} 期間",
            escape(code),
            if open { " open" } else { "" },
            escape(&self.name),
            self.rows.len(),
            bars,
        );
        if !self.scopes.is_empty() {
            let _ = write!(out, "・件数や条件で示された範囲 {} 件", self.scopes.len());
            if counted > 0 {
                let _ = write!(out, "(計 {counted} 市区町村)");
            }
        }
        out.push_str("</span> <span class=\"pn\" data-n=\"0\"></span></summary>\n");
        for row in self.rows.values() {
            let _ = write!(
                out,
                "<div class=\"row area\" data-key=\"{}\" data-spans=\"{}\"><div class=\"name\" title=\"{} {}\">{}<small>{}</small></div><div class=\"track\">",
                escape(&format!("{code}/{}", row.code)),
                row.spans.len(),
                escape(&row.full_name),
                escape(&row.code),
                escape(&row.label),
                escape(&row.code),
            );
            for &(d, span) in &row.spans {
                bar(out, page, &row.full_name, d, span);
            }
            out.push_str("</div></div>\n");
        }
        if !self.scopes.is_empty() {
            out.push_str(
                "<div class=\"subhead\">件数や条件で示された範囲(市区町村名は通知にないため展開しません)</div>\n",
            );
            for &(d, scope) in &self.scopes {
                let badge = scope.count.map_or_else(|| "条件".to_owned(), |n| format!("{n}"));
                let _ = write!(
                    out,
                    "<div class=\"row scope\"><div class=\"name\" title=\"{}\"><b class=\"count\">{}</b>{}</div><div class=\"track\">",
                    escape(&scope.text),
                    escape(&badge),
                    escape(&scope.text),
                );
                scope_bar(out, page, d, scope);
                out.push_str("</div></div>\n");
            }
        }
        out.push_str("</details>\n");
    }
}

/// Position, dates and title attributes shared by area and scope bars.
struct Bar {
    class: String,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    open_ended: bool,
    left: f64,
    right: f64,
}

impl Bar {
    fn new(axis: &Axis, start: Option<NaiveDate>, end: Option<NaiveDate>, open_ended: bool, class: String) -> Self {
        let (left, right, class) = match drawn(start, end, open_ended) {
            Some((s, e)) => (axis.x(s), axis.x_after(e), class),
            None => (0.0, 0.0, format!("{class} undated")),
        };
        Bar {
            class,
            start,
            end,
            open_ended,
            left,
            right,
        }
    }

    /// A place on the axis in percent of the bar.
    fn inner(&self, x: f64) -> f64 {
        let width = self.right - self.left;
        if width <= 0.0 {
            0.0
        } else {
            ((x - self.left) / width * 100.0).clamp(0.0, 100.0)
        }
    }

    fn open(&self, out: &mut String, title: &str) {
        let _ = write!(
            out,
            "<button type=\"button\" class=\"{}\" style=\"left:{:.3}%;width:{:.3}%\" data-s=\"{}\" data-e=\"{}\" data-o=\"{}\" title=\"{}\">",
            escape(&self.class),
            self.left,
            (self.right - self.left).max(0.0),
            iso(self.start),
            iso(self.end),
            u8::from(self.open_ended),
            escape(title),
        );
    }
}

fn period_text(
    start: Option<NaiveDate>,
    start_stated: bool,
    end: Option<NaiveDate>,
    end_time: Option<&str>,
    open_ended: bool,
) -> String {
    let start = if start_stated {
        day(start)
    } else {
        format!("{}(開始日の記載なし: 災害の発生日または通知日)", day(start))
    };
    let end = match (end, open_ended) {
        (Some(e), _) => format!(
            "{}{}",
            day(Some(e)),
            end_time.map(|t| format!(" {t}")).unwrap_or_default()
        ),
        (None, true) => "継続中(終了日未定)".to_owned(),
        (None, false) => "不明".to_owned(),
    };
    format!("{start} 〜 {end}")
}

fn bar(out: &mut String, page: &Page, area: &str, d: usize, span: &Span) {
    let (axis, t) = (page.axis, &page.timelines[d]);
    let mut class = format!("bar {}", page.colors[d]);
    let last = span.steps.last().map(|s| s.kind);
    if last == Some(NoticeKind::Termination) {
        class.push_str(" term");
    }
    if span.end.is_none() && span.open_ended {
        class.push_str(" open");
    }
    if !span.start_stated {
        class.push_str(" est");
    }
    let mut title = format!(
        "{area}\n{}\n{}",
        disaster_name(t),
        period_text(
            span.start,
            span.start_stated,
            span.end,
            span.end_time.as_deref(),
            span.open_ended
        )
    );
    for step in &span.steps {
        let _ = write!(
            title,
            "\n{}: {} {}ページ {}行",
            kind_label(step.kind),
            step.notice,
            step.source_span.page,
            step.source_span.line
        );
        if step.kind == NoticeKind::Extension {
            let _ = write!(
                title,
                " → {}",
                step.end.map_or_else(|| "継続中".to_owned(), |e| day(Some(e)))
            );
        }
    }
    let b = Bar::new(axis, span.start, span.end, span.open_ended, class);
    b.open(out, &title);
    // The days an extension added, drawn apart from the first period.
    let mut before: Option<NaiveDate> = None;
    for (i, step) in span.steps.iter().enumerate() {
        let now = drawn(span.start, step.end, step.open_ended).map(|(_, e)| e);
        if i > 0
            && step.kind == NoticeKind::Extension
            && let (Some(prev), Some(now)) = (before, now)
            && now > prev
        {
            let from = b.inner(axis.x_after(prev));
            let to = b.inner(axis.x_after(now));
            let _ = write!(
                out,
                "<i class=\"ext\" style=\"left:{from:.2}%;width:{:.2}%\"></i>",
                (to - from).max(0.0)
            );
        }
        before = now.or(before);
    }
    out.push_str("</button>");
}

fn scope_bar(out: &mut String, page: &Page, d: usize, scope: &ScopeEntry) {
    let (axis, t) = (page.axis, &page.timelines[d]);
    let mut class = format!("bar sc {}", page.colors[d]);
    if scope.end.is_none() && scope.open_ended {
        class.push_str(" open");
    }
    if !scope.start_stated {
        class.push_str(" est");
    }
    let kind = scope.count.map_or_else(
        || "条件で示された範囲".to_owned(),
        |n| format!("{n} 市区町村(件数のみ)"),
    );
    let title = format!(
        "{}({kind})\n{}\n{}\n{} {}ページ {}行",
        scope.text,
        disaster_name(t),
        period_text(scope.start, scope.start_stated, scope.end, None, scope.open_ended),
        scope.notice,
        scope.source_span.page,
        scope.source_span.line
    );
    Bar::new(axis, scope.start, scope.end, scope.open_ended, class).open(out, &title);
    out.push_str("</button>");
}

fn header(out: &mut String, page: &Page, groups: &Groups) {
    let (timelines, axis) = (page.timelines, page.axis);
    let areas: usize = groups.prefectures.values().map(|g| g.rows.len()).sum();
    let spans: usize = groups
        .prefectures
        .values()
        .flat_map(|g| g.rows.values())
        .map(|r| r.spans.len())
        .sum();
    let scopes: usize = groups.prefectures.values().map(|g| g.scopes.len()).sum::<usize>() + groups.loose_scopes.len();
    let notices: usize = timelines.iter().map(|t| t.notices.len()).sum();
    let first = axis.stretches.first().map(|s| s.0);
    let last = axis.stretches.last().map(|s| s.1);
    let _ = write!(
        out,
        "<header>\n<h1>緊急時医療情報・資格確認機能 適用期間</h1>\n\
         <p class=\"sum\">通知 {notices} 件・災害 {} 件・{} 都道府県・{areas} 地域・{spans} 期間・件数や条件で示された範囲 {scopes} 件</p>\n\
         <div class=\"controls\"><label>日付 <input type=\"date\" id=\"on\" min=\"{}\" max=\"{}\"></label> \
         <button type=\"button\" id=\"clear\">解除</button> \
         <button type=\"button\" id=\"openall\">すべて開く</button> \
         <button type=\"button\" id=\"closeall\">すべて閉じる</button> \
         <output id=\"count\" data-areas=\"\" data-bars=\"\" data-scopes=\"\">日付を選ぶと、その日に有効だった期間を強調します。</output></div>\n",
        timelines.len(),
        groups.prefectures.len(),
        iso(first),
        iso(last),
    );
    out.push_str("<ul class=\"legend\">");
    let mut unnamed = false;
    for (d, t) in timelines.iter().enumerate() {
        if t.areas.is_empty() && t.scopes.is_empty() || t.disaster.is_none() && std::mem::replace(&mut unnamed, true) {
            continue;
        }
        let _ = write!(
            out,
            "<li><span class=\"sw {}\"></span>{}</li>",
            page.colors[d],
            escape(disaster_name(t))
        );
    }
    out.push_str(
        "</ul>\n<ul class=\"legend keys\"><li><span class=\"bar key\"></span>開始の期間</li>\
         <li><span class=\"bar key\"><i class=\"ext\" style=\"left:50%;width:50%\"></i></span>延長で加わった期間</li>\
         <li><span class=\"bar key term\"></span>終了の通知で閉じた期間</li>\
         <li><span class=\"bar key open\"></span>終了日未定</li>\
         <li><span class=\"bar key est\"></span>開始日の記載なし</li>\
         <li><span class=\"bar key sc\"></span>件数や条件で示された範囲</li></ul>\n</header>\n",
    );
}

fn notices(out: &mut String, timelines: &[DisasterTimeline]) {
    let mut rows: Vec<(&DisasterTimeline, &crate::timeline::NoticeRef)> = timelines
        .iter()
        .flat_map(|t| t.notices.iter().map(move |n| (t, n)))
        .collect();
    rows.sort_by(|a, b| (a.1.issued_on, &a.1.file).cmp(&(b.1.issued_on, &b.1.file)));
    let _ = write!(
        out,
        "<details class=\"notices\"><summary>通知 {} 件</summary>\n<table><thead><tr><th>日付</th><th>種別</th><th>災害</th><th>表題</th><th>ファイル</th></tr></thead><tbody>\n",
        rows.len()
    );
    for (t, n) in rows {
        let sequel = n.sequel.map(|s| format!("(その{s})")).unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            day(n.issued_on),
            kind_label(n.kind),
            escape(&sequel),
            escape(disaster_name(t)),
            escape(n.title.as_deref().unwrap_or("")),
            escape(&n.file),
        );
    }
    out.push_str("</tbody></table></details>\n");
}

/// How many disaster colours the style sheet defines.
const PALETTE: usize = 8;

const CSS: &str = r##":root{--label:15em;--bg:#fff;--fg:#1b1f24;--muted:#667085;--line:#e4e7ec;--on:#d92d20}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,"Noto Sans CJK JP","Noto Sans JP","IPAexGothic","Hiragino Sans","Yu Gothic",sans-serif;color:var(--fg);background:var(--bg);font-size:14px}
header{padding:12px 16px 4px;border-bottom:1px solid var(--line)}
h1{font-size:18px;margin:0 0 4px}
.sum{margin:0 0 8px;color:var(--muted)}
.controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:6px}
#count{font-weight:600}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 14px;margin:4px 0;padding:0;color:var(--muted);font-size:12px}
.legend li{display:flex;align-items:center;gap:4px}
.sw{display:inline-block;width:14px;height:10px;border-radius:2px}
main{position:relative;padding:0 16px 80px}
.row{display:flex;align-items:center;min-height:18px;border-bottom:1px solid #f2f4f7}
.row .name{flex:0 0 var(--label);width:var(--label);overflow:hidden;white-space:nowrap;text-overflow:ellipsis;padding-right:8px;font-size:13px}
.row .name small{color:var(--muted);margin-left:4px;font-size:10px}
.track{position:relative;flex:1 1 auto;height:14px}
.axis{position:sticky;top:0;z-index:3;background:var(--bg);border-bottom:1px solid var(--line);height:30px}
.axis .track{height:30px}
.tick{position:absolute;top:0;bottom:0;border-left:1px solid #98a2b3;font-size:10px;color:var(--muted);padding-left:2px;white-space:nowrap}
.tick.month{border-left-color:#d0d5dd;top:12px}
.tick.minor{border-left:1px dotted #d0d5dd;top:22px}
.tick.major{font-weight:600;color:var(--fg);overflow:hidden;text-overflow:clip}
.break{position:absolute;top:0;bottom:0;background:repeating-linear-gradient(135deg,#f2f4f7 0 3px,#fff 3px 6px);text-align:center;color:var(--muted);font-size:12px;line-height:30px}
details.pref{border-bottom:1px solid var(--line)}
details.pref>summary{cursor:pointer;padding:4px 0;font-weight:600}
.meta{font-weight:400;color:var(--muted);font-size:12px}
.pn:not(:empty){background:var(--on);color:#fff;border-radius:8px;padding:0 7px;font-size:12px}
.subhead{font-size:12px;color:var(--muted);padding:4px 0 2px;margin-left:var(--label)}
.row.scope .name{color:#344054}
.count{display:inline-block;min-width:2.2em;text-align:center;background:#eaecf0;border-radius:7px;margin-right:4px;font-size:11px}
.bar{position:absolute;top:2px;height:10px;min-width:3px;border:0;padding:0;margin:0;border-radius:2px;cursor:pointer;overflow:hidden;font:inherit}
.bar.key{position:relative;display:inline-block;width:36px;top:0;background:#6c8ebf}
.bar .ext{position:absolute;top:0;bottom:0;background:repeating-linear-gradient(135deg,rgba(255,255,255,.55) 0 2px,transparent 2px 5px)}
.bar.term{box-shadow:inset -3px 0 0 #101828}
.bar.open{-webkit-mask-image:linear-gradient(90deg,#000 70%,transparent);mask-image:linear-gradient(90deg,#000 70%,transparent)}
.bar.est{border-left:2px dashed #101828}
.bar.sc{background:repeating-linear-gradient(90deg,#98a2b3 0 4px,#d0d5dd 4px 6px)!important}
.bar.undated{left:0!important;width:6px!important;background:#d0d5dd!important}
.d0{background:#3b82c4}.d1{background:#e07b39}.d2{background:#3f9c5a}.d3{background:#9b59b6}
.d4{background:#c0392b}.d5{background:#16a3a3}.d6{background:#b7950b}.d7{background:#d35d8f}.dn{background:#8a94a6}
body.dated .track .bar{opacity:.28}
body.dated .track .bar.on{opacity:1;outline:2px solid var(--on);outline-offset:1px;z-index:1}
body.dated .row.area.on .name,body.dated .row.scope.on .name{color:var(--on);font-weight:700}
.bar:focus-visible{outline:2px solid #101828}
#dayline{position:absolute;top:0;bottom:0;width:0;border-left:2px solid var(--on);z-index:2;pointer-events:none}
.notices{margin:8px 16px}
.notices table{border-collapse:collapse;font-size:12px}
.notices td,.notices th{border-bottom:1px solid var(--line);padding:2px 8px;text-align:left;vertical-align:top}
#detail{position:fixed;left:16px;right:16px;bottom:12px;z-index:5;background:#101828;color:#fff;border-radius:6px;padding:8px 36px 8px 12px;max-height:40vh;overflow:auto}
#detail pre{margin:0;white-space:pre-wrap;font:inherit}
#close{position:absolute;right:6px;top:4px;background:none;border:0;color:#fff;font-size:18px;cursor:pointer}
.empty{color:var(--muted)}
"##;

const SCRIPT: &str = r##"(function () {
  "use strict";
  var input = document.getElementById("on");
  var count = document.getElementById("count");
  var line = document.getElementById("dayline");
  var axis = document.getElementById("axis");
  var grid = document.getElementById("grid");
  var bars = Array.prototype.slice.call(document.querySelectorAll(".bar[data-s]"));
  var stretches = (axis.getAttribute("data-stretches") || "").split(";").filter(Boolean).map(function (s) {
    var p = s.split(",");
    return { s: p[0], e: p[1], x0: +p[2], x1: +p[3] };
  });
  function days(iso) {
    var p = iso.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]) / 86400000;
  }
  function place(day) {
    var x = 0;
    for (var i = 0; i < stretches.length; i++) {
      var t = stretches[i];
      if (day < t.s) { return i === 0 ? 0 : x + (t.x0 - x) / 2; }
      if (day <= t.e) {
        var n = days(t.e) - days(t.s) + 1;
        return t.x0 + (t.x1 - t.x0) * (days(day) - days(t.s) + 0.5) / n;
      }
      x = t.x1;
    }
    return stretches.length ? 100 : 0;
  }
  function covers(b, day) {
    var s = b.getAttribute("data-s"), e = b.getAttribute("data-e");
    if (!s || s > day) { return false; }
    return e ? day <= e : b.getAttribute("data-o") === "1";
  }
  function apply(day) {
    var valid = /^\d{4}-\d{2}-\d{2}$/.test(day);
    document.body.classList.toggle("dated", valid);
    var rows = document.querySelectorAll(".row.on");
    for (var i = 0; i < rows.length; i++) { rows[i].classList.remove("on"); }
    var areas = 0, onBars = 0, scopes = 0;
    bars.forEach(function (b) {
      var on = valid && covers(b, day);
      b.classList.toggle("on", on);
      if (!on) { return; }
      var row = b.parentNode.parentNode;
      if (b.classList.contains("sc")) { scopes++; } else { onBars++; }
      if (!row.classList.contains("on")) {
        row.classList.add("on");
        if (row.classList.contains("area")) { areas++; }
      }
    });
    var prefs = document.querySelectorAll("details.pref");
    for (var j = 0; j < prefs.length; j++) {
      var n = prefs[j].querySelectorAll(".row.on").length;
      var pn = prefs[j].querySelector(".pn");
      pn.setAttribute("data-n", String(n));
      pn.textContent = n ? n + " 有効" : "";
    }
    count.setAttribute("data-areas", valid ? String(areas) : "");
    count.setAttribute("data-bars", valid ? String(onBars) : "");
    count.setAttribute("data-scopes", valid ? String(scopes) : "");
    if (valid) {
      var p = day.split("-");
      count.textContent = (+p[0]) + "年" + (+p[1]) + "月" + (+p[2]) + "日に有効: " + areas + " 地域(" + onBars +
        " 期間)・件数や条件で示された範囲 " + scopes + " 件";
      var trackBox = axis.getBoundingClientRect(), gridBox = grid.getBoundingClientRect();
      line.style.left = (trackBox.left - gridBox.left + trackBox.width * place(day) / 100) + "px";
      line.hidden = false;
    } else {
      count.textContent = "日付を選ぶと、その日に有効だった期間を強調します。";
      line.hidden = true;
    }
  }
  function fromAddress() {
    var text = (location.hash || "").replace(/^#/, "") + "&" + (location.search || "").replace(/^\?/, "");
    var on = "", open = "";
    text.split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i < 0) { return; }
      var k = kv.slice(0, i), v = decodeURIComponent(kv.slice(i + 1));
      if (k === "on") { on = v; }
      if (k === "open") { open = v; }
    });
    if (open) {
      var list = open.split(",");
      var prefs = document.querySelectorAll("details.pref");
      for (var i = 0; i < prefs.length; i++) {
        if (open === "all" || list.indexOf(prefs[i].getAttribute("data-pref")) >= 0) { prefs[i].open = true; }
      }
    }
    input.value = on;
    apply(on);
  }
  input.addEventListener("change", function () {
    apply(input.value);
    try { history.replaceState(null, "", input.value ? "#on=" + input.value : location.pathname); } catch (e) {}
  });
  document.getElementById("clear").addEventListener("click", function () {
    input.value = "";
    input.dispatchEvent(new Event("change"));
  });
  function all(open) {
    var prefs = document.querySelectorAll("details.pref");
    for (var i = 0; i < prefs.length; i++) { prefs[i].open = open; }
  }
  document.getElementById("openall").addEventListener("click", function () { all(true); });
  document.getElementById("closeall").addEventListener("click", function () { all(false); });
  var detail = document.getElementById("detail");
  grid.addEventListener("click", function (ev) {
    var b = ev.target.closest ? ev.target.closest(".bar") : null;
    if (!b) { return; }
    detail.querySelector("pre").textContent = b.getAttribute("title");
    detail.hidden = false;
  });
  document.getElementById("close").addEventListener("click", function () { detail.hidden = true; });
  window.addEventListener("hashchange", fromAddress);
  window.addEventListener("resize", function () { apply(input.value); });
  fromAddress();
  // How long the page took to be ready, for whoever measures it.
  document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
})();
"##;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<a href=\"x\">&'\n"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&#10;"
        );
    }

    #[test]
    fn the_axis_skips_the_time_between_periods() {
        let d = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
        let axis = Axis::new(&[(d(1, 1), d(1, 7)), (d(8, 1), d(8, 7))]);
        assert_eq!(axis.stretches.len(), 2);
        // Two weeks of 11 days each and one break.
        assert!((axis.total - (11.0 + 11.0 + BREAK_DAYS)).abs() < 1e-9);
        assert!(axis.x(d(1, 1)) < axis.x(d(1, 7)));
        assert!(axis.x_after(d(1, 9)) <= axis.x(d(7, 30)));
        assert!((axis.x(d(12, 31)) - 100.0).abs() < 1e-9);
    }
}
