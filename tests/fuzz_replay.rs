//! Every input saved under `fuzz/regressions/<target>/` (crashes found by
//! fuzzing, and seeds) runs through the same check as the fuzz target, on
//! stable Rust, in `cargo test`.

use std::path::Path;

fn replay(target: &str, check: impl Fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(!files.is_empty(), "{} has inputs", dir.display());
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&bytes)));
        assert!(outcome.is_ok(), "{} fails its check", file.display());
    }
}

#[test]
fn text_notice() {
    replay("text_notice", onshi_notice::fuzz::text_notice);
}

#[test]
fn era_round_trip() {
    replay("era_round_trip", |bytes| {
        if let Ok(text) = std::str::from_utf8(bytes) {
            onshi_notice::fuzz::era_round_trip(text);
        }
    });
}

#[test]
fn pdf_bytes() {
    replay("pdf_bytes", onshi_notice::fuzz::pdf_bytes);
}
