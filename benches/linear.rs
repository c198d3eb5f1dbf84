//! Parsing time against input size, for every input shape that once made it
//! superlinear: 1, 2, 4, 8 and 16 MB of each (the time should double with
//! the size), and 64 MB of each, the default file limit (with
//! `LINEAR_MAX_MB=64`, as `scripts/bench.sh` runs it).
//!
//!     cargo bench --bench linear
//!     LINEAR_MAX_MB=4 cargo bench --bench linear     # sizes up to 4 MB only
//!     LINEAR_SHAPE=dates cargo bench --bench linear  # one shape (for a profiler)

#[path = "../tests/support/shapes.rs"]
mod shapes;

use std::time::{Duration, Instant};

fn time(text: &str) -> (Duration, usize) {
    let options = onshi_notice::Options::default();
    let start = Instant::now();
    let doc = onshi_notice::convert("bench.txt", text.as_bytes(), &options);
    let elapsed = start.elapsed();
    let records = doc.map_or(0, |d| d.activations.len() + d.scopes.len() + d.diagnostics.len());
    (elapsed, records)
}

fn main() {
    let max_mb: usize = std::env::var("LINEAR_MAX_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    let sizes: Vec<usize> = [1, 2, 4, 8, 16].into_iter().filter(|&mb| mb <= max_mb).collect();
    onshi_gazetteer::Gazetteer::bundled();
    println!(
        "{:<8} {}",
        "shape",
        sizes
            .iter()
            .map(|mb| format!("{:>9}", format!("{mb} MB")))
            .collect::<String>()
    );
    let only = std::env::var("LINEAR_SHAPE").ok();
    for (name, generate) in shapes::SHAPES {
        if only.as_deref().is_some_and(|o| o != *name) {
            continue;
        }
        let mut line = format!("{name:<8} ");
        let mut previous: Option<f64> = None;
        let mut worst_ratio: f64 = 0.0;
        for &mb in &sizes {
            let text = generate(mb << 20);
            let (elapsed, _) = time(&text);
            let secs = elapsed.as_secs_f64();
            if let Some(p) = previous {
                worst_ratio = worst_ratio.max(secs / p.max(1e-6));
            }
            previous = Some(secs);
            line.push_str(&format!("{secs:>8.2}s"));
        }
        println!("{line}   (largest step ratio {worst_ratio:.1}; linear is 2)");
    }
    if max_mb >= 64 {
        // The default --max-file-mb: the largest file read at all.
        for (name, generate) in shapes::SHAPES {
            if only.as_deref().is_some_and(|o| o != *name) {
                continue;
            }
            let text = generate(64 << 20);
            let (elapsed, records) = time(&text);
            println!(
                "{name:<8} 64 MB: {:.2}s ({records} records and diagnostics)",
                elapsed.as_secs_f64()
            );
        }
    }
}
