//! Timing of name resolution: `cargo bench --bench resolve`.
//!
//! No benchmark framework: each case runs a fixed number of rounds and prints the mean
//! time per call, after one warm-up round.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use onshi_gazetteer::Gazetteer;

/// Names as 範囲 lists write them: with and without 郡, wards, variants, a few misses.
const NAMES: &[(&str, &str)] = &[
    ("青森市", "02"),
    ("弘前市", "02"),
    ("黒石市", "02"),
    ("五所川原市", "02"),
    ("平川市", "02"),
    ("南津軽郡藤崎町", "02"),
    ("南津軽郡大鰐町", "02"),
    ("南津軽郡田舎館村", "02"),
    ("北津軽郡板柳町", "02"),
    ("北津軽郡鶴田町", "02"),
    ("金沢市", "17"),
    ("七尾市", "17"),
    ("輪島市", "17"),
    ("珠洲市", "17"),
    ("かほく市", "17"),
    ("津幡町", "17"),
    ("河北郡内灘町", "17"),
    ("羽咋郡志賀町", "17"),
    ("宝達志水町", "17"),
    ("中能登町", "17"),
    ("鳳珠郡穴水町", "17"),
    ("能登町", "17"),
    ("氷見市", "16"),
    ("福岡市東区", "40"),
    ("東区", "40"),
    ("千代田区", "13"),
    ("龍ヶ崎市", "08"),
    ("檮原町", "39"),
    ("釧路町", "01"),
    ("府中町", "34"),
];

const MISSES: &[(&str, &str)] = &[("五所川源市", "02"), ("全43市町村", "17"), ("北津軽郡藤崎町", "02")];

fn time<R>(rounds: u32, mut f: impl FnMut() -> R) -> Duration {
    black_box(f());
    let start = Instant::now();
    for _ in 0..rounds {
        black_box(f());
    }
    start.elapsed() / rounds
}

fn main() {
    let start = Instant::now();
    let g = Gazetteer::bundled();
    println!("build bundled gazetteer ({} entries): {:.2?}", g.len(), start.elapsed());
    let on = NaiveDate::from_ymd_opt(2025, 1, 7);

    let per_list = time(20_000, || {
        for &(name, pref) in NAMES {
            black_box(g.resolve(black_box(name), Some(pref), on));
        }
    });
    println!(
        "resolve, found: {} ns per name ({} names per round)",
        per_list.as_nanos() / NAMES.len() as u128,
        NAMES.len()
    );

    let per_miss = time(500, || {
        for &(name, pref) in MISSES {
            black_box(g.resolve(black_box(name), Some(pref), on));
        }
    });
    println!(
        "resolve, unknown with suggestions: {} ns per name",
        per_miss.as_nanos() / MISSES.len() as u128
    );

    let aomori = "【青森県】青森市、弘前市、黒石市、五所川原市、平川市 南津軽郡藤崎町、南津軽郡大鰐町、南津軽郡田舎館村 北津軽郡板柳町、北津軽郡鶴田町";
    let t = time(5_000, || g.segment(black_box(aomori), None, on));
    println!(
        "segment, Aomori 範囲 line (1 prefecture + 10 names): {:.2} µs",
        t.as_secs_f64() * 1e6
    );

    let long: String = {
        let mut s = String::from("石川県");
        for (name, _) in NAMES.iter().filter(|(_, p)| *p == "17") {
            s.push_str(name);
            s.push('、');
        }
        s.push_str("野々市市、能美郡川北町、富山県氷見市、新潟県新潟市西区、長岡市、柏崎市、上越市、糸魚川市、福井県福井市、あわら市、坂井市");
        s
    };
    let count = g.segment(&long, None, on).len();
    let t = time(5_000, || g.segment(black_box(&long), None, on));
    println!("segment, list of {count} pieces: {:.2} µs", t.as_secs_f64() * 1e6);

    let fused = "黒石市五所川原市平川市藤崎町大鰐町田舎館村板柳町鶴田町";
    let count = g.segment(fused, Some("02"), on).len();
    let t = time(5_000, || g.segment(black_box(fused), Some("02"), on));
    println!(
        "segment, {count} names without separators: {:.2} µs",
        t.as_secs_f64() * 1e6
    );
}
