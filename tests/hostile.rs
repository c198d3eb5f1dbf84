//! Hostile input: every file gets a documented error or a correct result,
//! within bounded time and memory, in a process of its own (as a batch job
//! would run it), and never a panic or an abort.
//!
//! Bounds (issue 13, "no flaky test"): a bound near what the code needs fails
//! on a busy machine, so the bounds here are far from it. Each file's process
//! may use at most 30 s of CPU time (its own, from `wait4`, which other load
//! on the machine does not inflate; an unoptimized build gets ten times as
//! much) and 1 GiB resident (its own peak: see `support`); a watchdog kills it
//! after 5 minutes of wall time. The inputs need well under a second and
//! under 200 MB on the release build. Those targets, 2 s of CPU and 200 MB,
//! are checked by `scripts/bench.sh`, which runs these tests with
//! `ONSHI_HOSTILE_TARGETS=1` and prints every file's figures.
//!
//! `tests/hostile/NAME.stdout` and `.stderr` are what the committed
//! `NAME.pdf` gives, with this checkout's directory written `$CARGO_MANIFEST_DIR`.
//! Rewrite them after a reviewed change with `ONSHI_BLESS=1 cargo test --test
//! hostile` (refused when `CI` is set).

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use support::measure::{self, Job, Usage};

/// Hostile tests run one at a time: they build big inputs, and their
/// processes are measured one by one.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// Generous bounds: a failure means something far worse than a slow machine.
const CPU_LIMIT: Duration = Duration::from_secs(if cfg!(debug_assertions) { 300 } else { 30 });
const RSS_LIMIT_KIB: i64 = 1024 * 1024;
/// Not a bound: only turns a hang into a failure.
const WATCHDOG: Duration = Duration::from_secs(if cfg!(debug_assertions) { 1800 } else { 300 });

/// The targets, checked only when `ONSHI_HOSTILE_TARGETS` is set (by `scripts/bench.sh`).
const CPU_TARGET: Duration = Duration::from_secs(2);
const RSS_TARGET_KIB: i64 = 200 * 1024;

fn targets_requested() -> bool {
    std::env::var_os("ONSHI_HOSTILE_TARGETS").is_some_and(|v| !v.is_empty() && v != "0")
}

fn bless_requested() -> bool {
    std::env::var_os("ONSHI_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// A fresh folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    usage: Usage,
}

/// Run `onshi-notice parse FILE`, with its output in `out_dir`, and measure it.
fn parse_into(file: &Path, out_dir: &Path) -> Run {
    let name = file.file_name().unwrap();
    let out_path = out_dir.join(name).with_extension("stdout");
    let err_path = out_dir.join(name).with_extension("stderr");
    let usage = measure::measure(&Job {
        program: Path::new(env!("CARGO_BIN_EXE_onshi-notice")),
        args: vec!["parse".into(), file.to_str().unwrap().into()],
        env_remove: vec![],
        stdout: out_path.clone(),
        stderr: err_path.clone(),
        watchdog: WATCHDOG,
    });
    assert!(
        !usage.timed_out,
        "{}: killed after {:?} of wall time",
        file.display(),
        usage.wall
    );
    let code = usage
        .code
        .unwrap_or_else(|| panic!("{}: killed by signal {:?}", file.display(), usage.signal));
    Run {
        code,
        stdout: std::fs::read_to_string(out_path).unwrap(),
        stderr: std::fs::read_to_string(err_path).unwrap(),
        usage,
    }
}

/// Run `onshi-notice parse FILE`, with its output beside the file.
fn parse(file: &Path) -> Run {
    parse_into(file, file.parent().unwrap())
}

/// A file that must fail with `reason` in its one-line message.
fn fails(file: &Path, reason: &str) {
    expect_failure(file, &bounded(file), reason);
}

fn expect_failure(file: &Path, run: &Run, reason: &str) {
    assert_eq!(run.code, 1, "{}: {}", file.display(), run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with(&format!("onshi-notice: {}: ", file.display())),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(reason),
        "{}: expected `{reason}` in {}",
        file.display(),
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

/// A file that must convert; returns the document.
fn converts(file: &Path) -> serde_json::Value {
    expect_conversion(file, &bounded(file))
}

fn expect_conversion(file: &Path, run: &Run) -> serde_json::Value {
    assert_eq!(run.code, 0, "{}: {}", file.display(), run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn bounded(file: &Path) -> Run {
    check_bounds(file, parse(file))
}

fn check_bounds(file: &Path, run: Run) -> Run {
    let u = run.usage;
    eprintln!(
        "hostile: {:<28} cpu {:>6.2} s  wall {:>6.2} s  peak {:>5} MB",
        file.file_name().unwrap().to_string_lossy(),
        u.cpu.as_secs_f64(),
        u.wall.as_secs_f64(),
        u.rss_kib / 1024
    );
    let (cpu, rss) = if targets_requested() {
        (CPU_TARGET, RSS_TARGET_KIB)
    } else {
        (CPU_LIMIT, RSS_LIMIT_KIB)
    };
    assert!(
        u.cpu <= cpu,
        "{}: took {:?} of CPU time (limit {cpu:?})",
        file.display(),
        u.cpu
    );
    assert!(
        u.rss_kib <= rss,
        "{}: {} MB resident (limit {} MB)",
        file.display(),
        u.rss_kib / 1024,
        rss / 1024
    );
    run
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn reference() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/2025-01-07-aomori-snow/source.txt"))
        .unwrap()
}

fn office_pdf() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/2025-01-07-aomori-snow/source.pdf")).unwrap()
}

fn committed(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile").join(name)
}

#[test]
fn empty_and_header_only_files() {
    let _serial = serial();
    let dir = scratch("empty");
    fails(&write(&dir, "empty.txt", b""), "the file is empty");
    fails(&write(&dir, "zero.pdf", b""), "the file is empty");
    fails(&write(&dir, "header.pdf", b"%PDF-1.7\n"), "");
    fails(&write(&dir, "header-binary.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), "");
}

#[test]
fn truncated_pdfs_fail_cleanly() {
    let _serial = serial();
    let dir = scratch("truncated");
    let pdf = office_pdf();
    for cut in [16, 100, 1_000, 10_000, pdf.len() / 2, pdf.len() - 100, pdf.len() - 10] {
        let file = write(&dir, &format!("cut-{cut}.pdf"), &pdf[..cut]);
        let run = bounded(&file);
        // A cut that keeps every page may still read; anything else is a one-line error.
        if run.code != 0 {
            assert_eq!(run.code, 1);
            assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
        }
    }
}

#[test]
fn encrypted_pdfs() {
    let _serial = serial();
    // The output goes to a scratch folder: a test run changes no committed file.
    let out = scratch("encrypted");
    let file = committed("encrypted.pdf");
    let run = check_bounds(&file, parse_into(&file, &out));
    expect_failure(&file, &run, "encrypted");
    matches_committed(&file, &run);
    // An empty user password opens the file, as a viewer would.
    let file = committed("encrypted-empty-password.pdf");
    let run = check_bounds(&file, parse_into(&file, &out));
    let doc = expect_conversion(&file, &run);
    assert_eq!(doc["activations"].as_array().unwrap().len(), 10);
    matches_committed(&file, &run);
}

/// This checkout's directory, as the committed outputs write it.
const CHECKOUT: &str = "$CARGO_MANIFEST_DIR";

/// `text` with this checkout's directory replaced by [`CHECKOUT`].
fn portable(text: &str) -> String {
    text.replace(env!("CARGO_MANIFEST_DIR"), CHECKOUT)
}

/// The run's stdout and stderr equal the committed `.stdout` and `.stderr`
/// beside `file`; with `ONSHI_BLESS=1` (never on CI) they are rewritten instead.
fn matches_committed(file: &Path, run: &Run) {
    for (extension, actual) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        let golden = file.with_extension(extension);
        let actual = portable(actual);
        if bless_requested() {
            assert!(
                !onshi_notice::corpus::on_ci(),
                "ONSHI_BLESS is set on CI: committed outputs are only rewritten by a developer"
            );
            if std::fs::read_to_string(&golden).ok().as_deref() != Some(actual.as_str()) {
                std::fs::write(&golden, &actual).unwrap();
            }
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_default();
        assert!(
            expected == actual,
            "{} differs from this run's {extension}; after review re-bless with \
             ONSHI_BLESS=1 cargo test --test hostile\n--- committed\n{expected}\n--- this run\n{actual}",
            golden.display()
        );
    }
}

/// A small file whose one stream inflates to 512 MiB of zeros.
#[test]
fn decompression_bomb() {
    let _serial = serial();
    let dir = scratch("bomb");
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let block = vec![b' '; 1 << 20];
    for _ in 0..512 {
        z.write_all(&block).unwrap();
    }
    let stream = z.finish().unwrap();
    drop(block);
    let file = write(&dir, "bomb.pdf", &pdf_with_content(&stream, "/Filter /FlateDecode"));
    drop(stream);
    fails(&file, "");
}

/// A page whose content stream is 50 MB of text operators.
#[test]
fn fifty_megabyte_page() {
    let _serial = serial();
    let dir = scratch("huge-page");
    let mut content = Vec::with_capacity(50 << 20);
    content.extend_from_slice(b"BT /F1 10 Tf 72 700 Td ");
    while content.len() < 50 << 20 {
        content.extend_from_slice(b"(abcdefghij) Tj ");
    }
    content.extend_from_slice(b"ET");
    let file = write(&dir, "huge-page.pdf", &pdf_with_content(&content, ""));
    drop(content);
    fails(&file, "");
}

#[test]
fn deeply_nested_objects() {
    let _serial = serial();
    let dir = scratch("nested");
    let depth = 200_000;
    let mut body = Vec::new();
    body.extend(std::iter::repeat_n(b'[', depth));
    body.extend(std::iter::repeat_n(b']', depth));
    let mut pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Deep ".to_vec();
    pdf.extend_from_slice(&body);
    pdf.extend_from_slice(
        b" >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [2 0 R] /Count 1 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
    );
    fails(&write(&dir, "nested.pdf", &pdf), "");
    // Pages that contain themselves.
    let cyclic = pdf_with_kids("[2 0 R 3 0 R]");
    fails(&write(&dir, "cyclic-pages.pdf", &cyclic), "");
}

#[test]
fn text_that_is_not_a_notice() {
    let _serial = serial();
    let dir = scratch("text");
    let garbage: Vec<u8> = (0..65_536u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    fails(&write(&dir, "garbage.txt", &garbage), "binary data");
    // Bytes that are neither UTF-8 nor Shift_JIS nor EUC-JP.
    fails(
        &write(
            &dir,
            "bad-sjis.txt",
            b"\x88\x9f\x81\xff\xfe\x80\x85\x20\xa0\xa0\xfd\xfd",
        ),
        "no supported encoding",
    );
    fails(
        &write(
            &dir,
            "control.txt",
            "\u{1}\u{2}\u{7f}事務\u{8}連絡\u{1b}[31m".as_bytes(),
        ),
        "not a notice",
    );
    fails(
        &write(&dir, "rtl-emoji.txt", "مرحبا بالعالم 🙂🔥 \u{202E}txt.exe\n".as_bytes()),
        "not a notice",
    );
    let line = "あ".repeat(10 << 20 >> 2);
    fails(&write(&dir, "one-long-line.txt", line.as_bytes()), "not a notice");
}

#[test]
fn encodings_that_must_convert() {
    let _serial = serial();
    let dir = scratch("encodings");
    let text = reference().replace('发', "発");
    let utf16le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    let (euc, _, _) = encoding_rs::EUC_JP.encode(&text);
    for (name, bytes) in [
        ("utf16le.txt", utf16le),
        ("utf16be.txt", utf16be),
        ("sjis.txt", sjis.into_owned()),
        ("euc.txt", euc.into_owned()),
    ] {
        let doc = converts(&write(&dir, name, &bytes));
        assert_eq!(doc["activations"].as_array().unwrap().len(), 10, "{name}");
    }
}

#[test]
fn a_notice_with_five_thousand_municipalities() {
    let _serial = serial();
    let dir = scratch("many");
    let g = onshi_gazetteer::Gazetteer::bundled();
    let names: Vec<String> = g
        .iter()
        .filter(|e| e.prefecture == "北海道" && e.valid_to.is_none() && e.kind != onshi_gazetteer::Kind::Prefecture)
        .map(|e| format!("{}{}", e.district.as_deref().unwrap_or(""), e.name))
        .collect();
    let list: Vec<&str> = names.iter().map(String::as_str).cycle().take(5_000).collect();
    let notice = format!(
        "事務連絡\n令和7年1月7日\n\n記\n\n範囲\t【北海道】{}\n期間\t令和7年1月13日まで\n\n以上\n",
        list.join("、")
    );
    let doc = converts(&write(&dir, "many.txt", notice.as_bytes()));
    // Repeats are recorded once.
    assert_eq!(doc["activations"].as_array().unwrap().len(), names.len());
}

/// Ten megabytes of names in one 範囲, on a million lines: unknown names (each a
/// search for suggestions), repeats, and names run together.
#[test]
fn a_ten_megabyte_range() {
    let _serial = serial();
    let dir = scratch("huge-range");
    let mut notice = String::from("事務連絡\n令和7年1月7日\n\n記\n\n範囲\t【青森県】\n");
    let names = ["青森市、", "東青森町、", "弘前市黒石市、", "架空村、"];
    let mut k = 0;
    while notice.len() < 10 << 20 {
        notice.push('\t');
        notice.push_str(names[k % names.len()]);
        notice.push('\n');
        k += 1;
    }
    notice.push_str("期間\t令和7年1月13日まで\n\n以上\n");
    let file = write(&dir, "huge-range.txt", notice.as_bytes());
    drop(notice);
    let doc = converts(&file);
    let codes: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"range_too_long"));
    assert_eq!(
        doc["activations"].as_array().unwrap().len(),
        3,
        "青森市, 弘前市 and 黒石市, once each"
    );
}

/// A one-page PDF whose page content is `content` (with `filter` in its dictionary).
fn pdf_with_content(content: &[u8], filter: &str) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .to_vec(),
    ];
    let mut stream = format!("<< /Length {} {filter} >>\nstream\n", content.len()).into_bytes();
    stream.extend_from_slice(content);
    stream.extend_from_slice(b"\nendstream");
    objects.push(stream);
    objects.push(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec());
    assemble(objects)
}

fn pdf_with_kids(kids: &str) -> Vec<u8> {
    assemble(vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids {kids} /Count 2 >>").into_bytes(),
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 1 >>".to_vec(),
    ])
}

fn assemble(objects: Vec<Vec<u8>>) -> Vec<u8> {
    support::raw_pdf::raw_pdf(&objects)
}
