//! `onshi-notice timeline INPUT...` and `onshi-notice active --on DATE INPUT...`

use std::fmt::Write as _;
use std::io;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::ValueEnum;
use onshi_notice::timeline::{self, Active, DisasterTimeline, Span};
use onshi_notice::{Document, batch};

use super::{ConvertOptions, Status, print};

#[derive(Debug, Clone, Copy, Default, ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
}

/// The notices a timeline is built from, and how to print it.
#[derive(Debug, clap::Args)]
pub struct Notices {
    /// Notice files and folders.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    #[command(flatten)]
    convert: ConvertOptions,
}

#[derive(Debug, clap::Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    notices: Notices,
}

#[derive(Debug, clap::Args)]
pub struct ActiveArgs {
    /// The day: 2024-01-10, 2024/01/10, 令和6年1月10日, R6.1.10 or `today`.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    on: NaiveDate,
    #[command(flatten)]
    notices: Notices,
}

impl Notices {
    /// Convert every input and build the timelines; failures are reported and left out.
    fn timelines(&self) -> io::Result<(Vec<DisasterTimeline>, bool)> {
        timelines(&self.inputs, &self.convert)
    }
}

/// Convert `inputs` and build the timelines; failures are reported on stderr
/// and left out, and make the second value true.
pub(super) fn timelines(inputs: &[PathBuf], convert: &ConvertOptions) -> io::Result<(Vec<DisasterTimeline>, bool)> {
    let inputs = batch::inputs(inputs);
    if inputs.is_empty() {
        eprintln!("onshi-notice: no notices found (folders are searched for .pdf, .txt and .eml files)");
        return Ok((Vec::new(), true));
    }
    let pool = rayon::ThreadPoolBuilder::new().build().map_err(io::Error::other)?;
    let mut docs: Vec<(String, Document)> = Vec::new();
    let mut failed = false;
    batch::run(&inputs, &convert.options(), &pool, |outcome| {
        let label = outcome.label();
        match outcome.result {
            Ok(doc) => docs.push((label.display().to_string(), doc)),
            Err(e) => {
                super::report(&label, &e.to_string());
                failed = true;
            }
        }
        Ok(())
    })?;
    let timelines = timeline::build(docs.iter().map(|(name, doc)| (name.as_str(), doc)));
    Ok((timelines, failed))
}

/// A day as `--on` takes it: any full date the era parser reads (ISO,
/// `2024/01/10`, `令和6年1月10日`, `R6.1.10`, …) or `today`.
fn parse_day(s: &str) -> Result<NaiveDate, String> {
    if s.trim().eq_ignore_ascii_case("today") {
        return Ok(chrono::Local::now().date_naive());
    }
    onshi_notice::era::parse_date(s)
        .map_err(|e| format!("{e}; accepted forms: 2024-01-10, 2024/01/10, 令和6年1月10日, R6.1.10, today"))
}

pub(super) fn status(failed: bool) -> Status {
    if failed { Status::SomeFailed } else { Status::Success }
}

fn json<T: serde::Serialize>(value: &T) -> io::Result<String> {
    let mut s = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    s.push('\n');
    Ok(s)
}

pub fn run_timeline(args: &TimelineArgs) -> io::Result<Status> {
    let (timelines, failed) = args.notices.timelines()?;
    match args.notices.format {
        Format::Json => print(&json(&timelines)?)?,
        Format::Text => print(&render_timelines(&timelines))?,
    }
    Ok(status(failed))
}

pub fn run_active(args: &ActiveArgs) -> io::Result<Status> {
    let (timelines, failed) = args.notices.timelines()?;
    let active = timeline::active_on(&timelines, args.on);
    match args.notices.format {
        Format::Json => print(&json(&active)?)?,
        Format::Text => print(&render_active(&active, args.on))?,
    }
    Ok(status(failed))
}

fn date(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "?".to_owned(), |d| d.to_string())
}

fn span_text(span: &Span) -> String {
    let end = match (span.end, span.open_ended) {
        (Some(end), _) => format!(
            "{end}{}",
            span.end_time.as_deref().map(|t| format!(" {t}")).unwrap_or_default()
        ),
        (None, true) => "open".to_owned(),
        (None, false) => "?".to_owned(),
    };
    format!("{} .. {end}", date(span.start))
}

fn render_timelines(timelines: &[DisasterTimeline]) -> String {
    let mut out = String::new();
    for t in timelines {
        let _ = writeln!(out, "{}", t.disaster.as_deref().unwrap_or("(no disaster named)"));
        for n in &t.notices {
            let sequel = n.sequel.map(|s| format!(" (その{s})")).unwrap_or_default();
            let _ = writeln!(out, "  notice {} {:?}{sequel}  {}", date(n.issued_on), n.kind, n.file);
        }
        for area in &t.areas {
            let code = area
                .municipality
                .as_ref()
                .map_or(area.prefecture.code.as_str(), |m| m.code.as_str());
            for span in &area.spans {
                let _ = writeln!(
                    out,
                    "  {code}  {}  {}  ({})",
                    area.name(),
                    span_text(span),
                    span.set_by.join(", ")
                );
            }
        }
        for s in &t.scopes {
            let _ = writeln!(
                out,
                "  scope  {}  {} .. {}  ({})",
                s.text,
                date(s.start),
                date(s.end),
                s.notice
            );
        }
    }
    out
}

fn render_active(active: &Active, on: NaiveDate) -> String {
    let mut out = String::new();
    for a in &active.areas {
        let (code, name) = match &a.municipality {
            Some(m) => (
                m.code.as_str(),
                format!("{}{}{}", a.prefecture.name, m.district.as_deref().unwrap_or(""), m.name),
            ),
            None => (a.prefecture.code.as_str(), format!("{} (全域)", a.prefecture.name)),
        };
        let _ = writeln!(
            out,
            "{code}  {name}  {}  {}",
            span_text(&a.span),
            a.disaster.as_deref().unwrap_or("")
        );
    }
    for a in &active.scopes {
        let s = &a.scope;
        let prefecture = s
            .prefecture
            .as_ref()
            .filter(|p| !s.text.starts_with(&p.name))
            .map(|p| format!("{} ", p.name))
            .unwrap_or_default();
        let kind = s
            .count
            .map_or_else(|| "a rule".to_owned(), |n| format!("a count of {n}"));
        let end = match (s.end, s.open_ended) {
            (Some(end), _) => end.to_string(),
            (None, true) => "open".to_owned(),
            (None, false) => "?".to_owned(),
        };
        let _ = writeln!(
            out,
            "scope  {prefecture}{} ({kind})  {} .. {end}  {}",
            s.text,
            date(s.start),
            a.disaster.as_deref().unwrap_or("")
        );
    }
    let _ = writeln!(
        out,
        "{} areas and {} scopes (counts or rules) active on {on}",
        active.areas.len(),
        active.scopes.len()
    );
    out
}
