//! Batch throughput and memory of `onshi-notice convert`, and PDF extraction
//! against `pdftotext`, on generated notices.
//!
//!     cargo bench --bench batch                    # 10,000 text + 1,000 PDF notices
//!     BATCH_TEXT=2000 BATCH_PDF=200 cargo bench --bench batch
//!     BATCH_EXE=/path/to/older/onshi-notice cargo bench --bench batch
//!
//! The generator writes varied notices in the 事務連絡 layout: a random
//! prefecture, 3–30 of its municipalities, dates across 2024–2025. PDFs use
//! a Type0 font with the predefined `UniJIS-UTF16-H` CMap (not embedded), a
//! layout real notices use; poppler needs poppler-data to read it.
//! Peak memory is the largest resident set of the measured process (wait4).
//!
//! With `ONSHI_TEST_POSTGRES_URL` set (`scripts/bench.sh` starts a throwaway
//! server), the text notices are also loaded into a fresh PostgreSQL database
//! of that server; the peak memory is the loader's, not the server's.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use onshi_gazetteer::{Gazetteer, Kind};
use onshi_wareki::to_wareki;

#[path = "../tests/support/rng.rs"]
mod rng;

use rng::Rng;

const DISASTERS: &[&str] = &["大雨", "大雪", "地震", "台風", "豪雨"];

/// The lines of one generated notice.
fn notice(rng: &mut Rng, prefectures: &[(&str, Vec<String>)]) -> Vec<String> {
    let (prefecture, names) = &prefectures[rng.below(prefectures.len())];
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let began = start + Days::new(rng.below(700) as u64);
    let issued = began + Days::new(1 + rng.below(5) as u64);
    let end = began + Days::new(7);
    let count = 3 + rng.below(28);
    let mut picked: Vec<&String> = (0..count).map(|_| &names[rng.below(names.len())]).collect();
    picked.sort();
    picked.dedup();
    let disaster = format!("{}からの{}", to_wareki(began), DISASTERS[rng.below(DISASTERS.len())]);
    let mut range = format!("【{prefecture}】");
    for (k, name) in picked.iter().enumerate() {
        if k > 0 {
            range.push('、');
        }
        range.push_str(name);
    }
    let mut lines = vec![
        "事務連絡".to_owned(),
        to_wareki(issued),
        String::new(),
        "社会保険診療報酬支払基金 }".to_owned(),
        "国民健康保険中央会 } 御中".to_owned(),
        String::new(),
        "厚生労働省保険局医療介護連携政策課".to_owned(),
        "厚生労働省医薬局総務課".to_owned(),
        String::new(),
        format!("{disaster}にかかる"),
        "オンライン資格確認等システムにおける「緊急時医療情報・資格確認機能」を".to_owned(),
        "アクティブ化する医療機関・薬局の範囲・期間について".to_owned(),
        String::new(),
        "標記について、下記のとおり対応をお願いいたします。".to_owned(),
        String::new(),
        "記".to_owned(),
        String::new(),
    ];
    // Wrap the range cell as a table cell would be wrapped.
    let chars: Vec<char> = range.chars().collect();
    for (k, chunk) in chars.chunks(40).enumerate() {
        let text: String = chunk.iter().collect();
        lines.push(if k == 0 {
            format!("範囲\t{text}")
        } else {
            format!("\t{text}")
        });
    }
    lines.push("期間\t災害救助法の適用第一報から一週間(※)".to_owned());
    lines.push(String::new());
    lines.push(format!("※{}まで", to_wareki(end)));
    lines.push(String::new());
    lines.push("以上".to_owned());
    lines
}

/// A PDF with one text line per line, Type0 `UniJIS-UTF16-H`, 45 lines a page.
fn pdf(lines: &[String]) -> Vec<u8> {
    let pages: Vec<&[String]> = lines.chunks(45).collect();
    let mut objects: Vec<String> = Vec::new();
    // 1 catalog, 2 pages, 3 font, 4 CID font, then per page: page + content.
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".to_owned());
    let kids: Vec<String> = (0..pages.len()).map(|k| format!("{} 0 R", 5 + 2 * k)).collect();
    objects.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        kids.join(" "),
        pages.len()
    ));
    objects.push(
        "<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiMin-W3-UniJIS-UTF16-H /Encoding /UniJIS-UTF16-H \
         /DescendantFonts [4 0 R] >>"
            .to_owned(),
    );
    objects.push(
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiMin-W3 \
         /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> \
         /FontDescriptor << /Type /FontDescriptor /FontName /HeiseiMin-W3 /Flags 6 /FontBBox [0 -141 1000 859] \
         /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 709 /StemV 80 >> /DW 1000 >>"
            .to_owned(),
    );
    for (k, page) in pages.iter().enumerate() {
        let mut content = String::from("BT /F1 10.5 Tf 14 TL 72 790 Td\n");
        for line in *page {
            let hex: String = line
                .replace('\t', "  ")
                .encode_utf16()
                .map(|u| format!("{u:04X}"))
                .collect();
            let _ = writeln!(content, "<{hex}> Tj T*");
        }
        content.push_str("ET\n");
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> \
             /Contents {} 0 R >>",
            6 + 2 * k
        ));
        objects.push(format!("<< /Length {} >>\nstream\n{content}endstream", content.len()));
    }
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (k, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", k + 1).as_bytes());
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        let _ = writeln!(table, "{offset:010} 00000 n ");
    }
    let _ = write!(
        table,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(table.as_bytes());
    out
}

fn generate(dir: &Path, text: usize, pdfs: usize) -> (PathBuf, PathBuf) {
    let gazetteer = Gazetteer::bundled();
    let mut by_prefecture: Vec<(&str, Vec<String>)> = Vec::new();
    for e in gazetteer.iter() {
        if matches!(e.kind, Kind::Prefecture | Kind::DesignatedCity) || e.valid_to.is_some() {
            continue;
        }
        let written = format!("{}{}", e.district.as_deref().unwrap_or(""), e.name);
        match by_prefecture.iter_mut().find(|(p, _)| *p == e.prefecture) {
            Some((_, names)) => names.push(written),
            None => by_prefecture.push((e.prefecture.as_str(), vec![written])),
        }
    }
    let (text_dir, pdf_dir) = (dir.join("text"), dir.join("pdf"));
    std::fs::create_dir_all(&text_dir).unwrap();
    std::fs::create_dir_all(&pdf_dir).unwrap();
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    for k in 0..text.max(pdfs) {
        let lines = notice(&mut rng, &by_prefecture);
        if k < text {
            std::fs::write(text_dir.join(format!("n{k:05}.txt")), lines.join("\n") + "\n").unwrap();
        }
        if k < pdfs {
            std::fs::write(pdf_dir.join(format!("n{k:05}.pdf")), pdf(&lines)).unwrap();
        }
    }
    (text_dir, pdf_dir)
}

/// Run `cmd` and return its wall time and peak resident set (KiB).
#[allow(clippy::zombie_processes, reason = "the child is reaped by wait4 in wait_with_rss")]
fn measure(cmd: &mut Command) -> (Duration, i64) {
    let start = Instant::now();
    let child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let (code, rss) = wait_with_rss(child.id());
    assert!(code <= 1, "{cmd:?} failed with status {code}");
    (start.elapsed(), rss)
}

/// Wait for a child and read its own resource usage (not that of earlier children).
fn wait_with_rss(pid: u32) -> (i32, i64) {
    // SAFETY: wait4 writes only into the status and rusage it is given; the
    // child was spawned by this process and is waited for exactly once.
    unsafe {
        let mut status = 0;
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage);
        (libc::WEXITSTATUS(status), usage.ru_maxrss)
    }
}

/// A `postgresql://` URL with its database replaced by `database`.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let authority = base.find("://").expect("a postgresql:// URL") + 3;
    let end = base[authority..].find('/').map_or(base.len(), |k| authority + k);
    format!("{}/{database}{query}", &base[..end])
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let text = env("BATCH_TEXT", 10_000);
    let pdfs = env("BATCH_PDF", 1_000);
    // `BATCH_EXE=path` measures another build of the command (an earlier version) on the same notices.
    let exe_override = std::env::var_os("BATCH_EXE").map(PathBuf::from);
    let exe = exe_override
        .as_deref()
        .unwrap_or(Path::new(env!("CARGO_BIN_EXE_onshi-notice")));
    let dir = std::env::temp_dir().join(format!("onshi-notice-bench-{}", std::process::id()));
    let t = Instant::now();
    let (text_dir, pdf_dir) = generate(&dir, text, pdfs);
    println!(
        "generated {text} text and {pdfs} PDF notices in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("machine: {cores} cores\n");

    println!(
        "{:<44} {:>10} {:>14} {:>12}",
        "job", "seconds", "notices/s", "peak RSS MB"
    );
    let report = |job: &str, n: usize, (time, rss): (Duration, i64)| {
        let secs = time.as_secs_f64();
        println!(
            "{job:<44} {secs:>10.2} {:>14.0} {:>12.1}",
            n as f64 / secs,
            rss as f64 / 1024.0
        );
        secs
    };
    let out = dir.join("out");
    let convert = |args: &[&str], input: &Path| {
        let mut cmd = Command::new(exe);
        cmd.arg("convert").arg("--quiet").args(args).arg(input);
        measure(&mut cmd)
    };
    report(
        "convert text → JSON files",
        text,
        convert(&["--out", out.join("json").to_str().unwrap()], &text_dir),
    );
    report(
        "convert text → JSON Lines",
        text,
        convert(&["--jsonl", out.join("all.jsonl").to_str().unwrap()], &text_dir),
    );
    report(
        "convert text → SQLite",
        text,
        convert(&["--sqlite", out.join("db.sqlite").to_str().unwrap()], &text_dir),
    );
    if let Ok(admin) = std::env::var("ONSHI_TEST_POSTGRES_URL") {
        let name = format!("onshi_bench_{}", std::process::id());
        let mut client =
            postgres::Client::connect(&admin, postgres::NoTls).expect("the PostgreSQL server is reachable");
        client.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        report(
            "convert text → PostgreSQL",
            text,
            convert(&["--postgres", &with_database(&admin, &name)], &text_dir),
        );
        client.batch_execute(&format!("DROP DATABASE {name}")).unwrap();
    } else {
        println!(
            "{:<44} (ONSHI_TEST_POSTGRES_URL is not set; scripts/bench.sh starts a server)",
            "convert text → PostgreSQL"
        );
    }
    let ours = report(
        "convert PDF → JSON Lines (one process)",
        pdfs,
        // A file, not /dev/null: `--jsonl` writes a temporary file and renames it
        // over its target, which would replace the device with a regular file.
        convert(&["--jsonl", out.join("pdf.jsonl").to_str().unwrap()], &pdf_dir),
    );

    let mut files: Vec<PathBuf> = std::fs::read_dir(&pdf_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    #[allow(clippy::zombie_processes, reason = "each child is reaped by wait4 in wait_with_rss")]
    let per_file = |program: &Path, args: &[&str], output: &[&str]| {
        let start = Instant::now();
        let mut peak = 0;
        for f in &files {
            let child = Command::new(program)
                .args(args)
                .arg(f)
                .args(output)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn();
            let Ok(child) = child else { return None };
            peak = peak.max(wait_with_rss(child.id()).1);
        }
        Some((start.elapsed(), peak))
    };
    let ours_each = per_file(exe, &["parse"], &[]).map(|m| report("onshi-notice parse, a process per PDF", pdfs, m));
    match per_file(Path::new("pdftotext"), &["-layout", "-enc", "UTF-8"], &["-"]) {
        Some(m) => {
            let theirs = report("pdftotext -layout, a process per PDF", pdfs, m);
            println!(
                "\nwhole pipeline vs pdftotext's extraction alone: {:.2}× the time in one batch process{}",
                ours / theirs,
                ours_each
                    .map(|o| format!(", {:.2}× with a process per file", o / theirs))
                    .unwrap_or_default()
            );
        }
        None => println!("\npdftotext is not installed (apt-get install poppler-utils poppler-data): no ratio"),
    }
    if std::env::var_os("BATCH_KEEP").is_some() {
        println!("kept the generated notices in {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}
