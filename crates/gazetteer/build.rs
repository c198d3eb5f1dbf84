//! Writes the bundled table as Rust statics (`$OUT_DIR/bundled.rs`), so that
//! `Gazetteer::bundled()` parses, folds and indexes nothing at run time.
//!
//! The rows are read and the keys derived by the crate's own `src/table.rs` and
//! `src/variants.rs`, compiled into this script as well: the bundled table is
//! exactly what `Gazetteer::from_csv` makes of the same text (a test checks it),
//! and a malformed row fails the build with the message `from_csv` would give.
//!
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

fn main() {
    for path in [CSV, "src/table.rs", "src/variants.rs", "build.rs"] {
        println!("cargo::rerun-if-changed={path}");
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
    writeln!(out, "// Written by build.rs from {CSV}.").unwrap();
    writeln!(out, "pub(super) static ROWS: [Row; {}] = [", table.rows.len()).unwrap();
    for r in &table.rows {
        writeln!(
            out,
            "e({:?}, {:?}, {:?}, {:?}, Kind::{:?}, {}, {}),",
            r.code,
            r.prefecture,
            r.district,
            r.name,
            r.kind,
            date(r.valid_from),
            date(r.valid_to)
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(out, "pub(super) static TARGETS: [Target; {}] = [", table.targets.len()).unwrap();
    for t in &table.targets {
        let forms: Vec<String> = t
            .forms
            .iter()
            .map(|f| format!("f({}, Match::{:?}, {})", f.entry, f.via, f.offset))
            .collect();
        writeln!(
            out,
            "t({:?}, {}, &[{}], {:?}),",
            t.key,
            t.chars,
            forms.join(", "),
            t.prefecture
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();

    let dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&dir).join("bundled.rs"), out).expect("write bundled.rs");
}
