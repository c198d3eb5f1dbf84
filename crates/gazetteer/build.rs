//! Writes the bundled table as Rust statics (`$OUT_DIR/bundled.rs`), so that
//! `Gazetteer::bundled()` parses, folds and indexes nothing at run time.
//!
//! The rows are read and the keys derived by the crate's own `src/table.rs` and
//! `src/variants.rs`, compiled into this script as well: the bundled table is
//! exactly what `Gazetteer::from_csv` makes of the same text (a test checks it),
//! and a malformed row fails the build with the message `from_csv` would give.
//!
//! The statics hold no pointers, only spans of one text, so the loader has
//! nothing to relocate in them and a process pays only for the pages it reads.
//! Entries are kept in code order and keys in byte order, and looked up by binary
//! search. A perfect hash (`phf`) would spare a few comparisons per lookup, but the
//! table read by `from_csv` would then need a second lookup structure; sorted
//! arrays serve both, need no dependency, and a lookup costs well under a
//! microsecond either way. Sorted keys also give leftmost-longest segmentation
//! without an automaton: the keys that begin with some text are adjacent.

use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code, reason = "the script uses only the folding")]
#[path = "src/variants.rs"]
mod variants;

#[allow(dead_code, reason = "the script uses only the reading and indexing")]
#[path = "src/table.rs"]
mod table;

const CSV: &str = "data/municipalities.csv";
const VARIANTS: &str = "data/variants.tsv";

fn main() {
    for path in [CSV, VARIANTS, "src/table.rs", "src/variants.rs", "build.rs"] {
        println!("cargo::rerun-if-changed={path}");
    }
    let variants = std::fs::read_to_string(VARIANTS).unwrap_or_else(|e| panic!("{VARIANTS}: {e}"));
    if let Err(e) = variants::read_variants(&variants) {
        panic!("{VARIANTS}: {e}");
    }
    let csv = std::fs::read_to_string(CSV).unwrap_or_else(|e| panic!("{CSV}: {e}"));
    let table = table::read(&csv).unwrap_or_else(|e| panic!("{CSV}: {e}"));

    let mut out = String::with_capacity(1 << 20);
    let date = |d: Option<chrono::NaiveDate>| match d {
        Some(d) => {
            use chrono::Datelike;
            format!("Some(date({}, {}, {}))", d.year(), d.month(), d.day())
        }
        None => "None".to_owned(),
    };
    let span = |s: table::Span| format!("s({}, {})", s.start, s.end);
    writeln!(out, "// Written by build.rs from {CSV}.").unwrap();
    writeln!(out, "pub(super) const TEXT: &str = {:?};", table.text).unwrap();
    writeln!(out, "pub(super) static ROWS: [Row; {}] = [", table.rows.len()).unwrap();
    for r in &table.rows {
        writeln!(
            out,
            "Row {{ code: {}, prefecture: {}, district: {}, name: {}, kind: Kind::{:?}, valid_from: {}, valid_to: {} }},",
            span(r.code),
            span(r.prefecture),
            r.district.map_or("None".to_owned(), |d| format!("Some({})", span(d))),
            span(r.name),
            r.kind,
            date(r.valid_from),
            date(r.valid_to)
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(out, "pub(super) static TARGETS: [Target; {}] = [", table.targets.len()).unwrap();
    for t in &table.targets {
        writeln!(
            out,
            "Target {{ key: {}, chars: {}, forms: {}, prefecture: {:?} }},",
            span(t.key),
            t.chars,
            span(t.forms),
            t.prefecture
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(out, "pub(super) static FORMS: [Form; {}] = [", table.forms.len()).unwrap();
    for f in &table.forms {
        writeln!(
            out,
            "Form {{ entry: {}, via: Match::{:?}, offset: {} }},",
            f.entry, f.via, f.offset
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();

    let dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&dir).join("bundled.rs"), out).expect("write bundled.rs");
}
