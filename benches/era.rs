//! Throughput of the era module: `cargo bench --bench era`.
//!
//! A plain timing loop (no benchmark framework): each measurement runs for
//! about half a second after a short warm-up and prints operations per
//! second. The inputs are embedded so the benchmark needs no files.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use onshi_notice::periods::parse_period;
use onshi_wareki::{find_dates, parse_date, to_wareki};

/// A notice-shaped text: headers with spaced dates, boilerplate with article
/// and law numbers that must not be read as dates, a table and footnotes.
const NOTICE: &str = "\
事 務 連 絡
令 和 7 年 1 月 7 日

関係団体 御中

厚生労働省保険局医療介護連携政策課

令和6年12月28日からの大雪にかかるオンライン資格確認等システムにおける
「緊急時医療情報・資格確認機能」をアクティブ化する医療機関・薬局の範囲・期間について

「オンライン資格確認等システム利用規約」第21条第2項及び「電子処方箋管理サービス利用規約」
第21条第2項に基づく閲覧機能のアクティブ化範囲等については、（令和5年1月26日付事務連絡）
にてお示ししたところ、下記のとおり対応をお願いいたします。
なお、令和6年3月1日以降、生活保護法による医療扶助の情報に係る同機能の利用に当たっては、
別添中の語を読み替えるものとします。災害救助法（昭和22年法律第118号）が適用された市区町村に
対して、当面、災害救助法の適用第一報から一週間、機能をアクティブ化します。

範囲\t【青森県】青森市、弘前市、黒石市、五所川原市、平川市、南津軽郡藤崎町、北津軽郡板柳町
期間\t災害救助法の適用第一報から一週間（※）

※令和7年1月13日まで
※7月10日19時30分追記

個人情報の保護に関する法律（平成 15 年法律第 57 号）第 20 条第 2 項第 2 号に基づき、
本人の同意は必要ありません。閉塞日時 令和6年3月7日 24時00分。14日まで延長し、
他の29市町村の特例は、7日で終了します。開放期間（予定）：7月8日～7月14日
";

const SHORT_DATES: &[&str] = &[
    "令和7年1月13日",
    "令 和 7 年 1 月 7 日",
    "R7.1.13",
    "令和七年一月十三日",
    "2025-01-13",
];

/// Runs `f` repeatedly for about `budget` and returns calls per second.
fn rate(budget: Duration, mut f: impl FnMut()) -> f64 {
    let warm = Instant::now();
    while warm.elapsed() < budget / 10 {
        f();
    }
    let mut calls: u64 = 0;
    let start = Instant::now();
    loop {
        for _ in 0..64 {
            f();
        }
        calls += 64;
        let elapsed = start.elapsed();
        if elapsed >= budget {
            return calls as f64 / elapsed.as_secs_f64();
        }
    }
}

fn report(label: &str, per_second: f64) {
    let nanos = 1e9 / per_second;
    println!("{label:<44} {per_second:>14.0} /s  {nanos:>10.1} ns each");
}

fn main() {
    let budget = Duration::from_millis(500);

    for s in SHORT_DATES {
        let r = rate(budget, || {
            let _ = black_box(parse_date(black_box(s)));
        });
        report(&format!("parse_date `{s}`"), r);
    }

    let r = rate(budget, || {
        black_box(find_dates(black_box(NOTICE)));
    });
    report("find_dates on the notice text", r);
    let mib = NOTICE.len() as f64 * r / (1024.0 * 1024.0);
    println!(
        "{:<44} {mib:>14.1} MiB/s  ({} bytes, {} dates found)",
        "  throughput",
        NOTICE.len(),
        find_dates(NOTICE).len()
    );

    let days: Vec<NaiveDate> = (0..1000u64)
        .filter_map(|n| NaiveDate::from_ymd_opt(1990, 1, 1)?.checked_add_days(Days::new(n * 37)))
        .collect();
    let mut i = 0;
    let r = rate(budget, || {
        i = (i + 1) % days.len();
        black_box(to_wareki(black_box(days[i])));
    });
    report("to_wareki", r);

    let notice = NaiveDate::from_ymd_opt(2025, 1, 7).unwrap_or_default();
    let footnotes = ["※令和7年1月13日まで"];
    let r = rate(budget, || {
        black_box(parse_period(
            black_box("災害救助法の適用第一報から一週間（※）"),
            &footnotes,
            notice,
        ));
    });
    report("parse_period (seed cell + footnote)", r);
}
