//! Start-up: what one `onshi-notice parse` process costs on a one-line text,
//! measured as hyperfine measures a command (warm-up runs, then the wall time
//! of each run from spawn to exit), beside a process that does nothing
//! (`/bin/true`) and `onshi-notice --version` (the process and its argument
//! parsing alone).
//!
//!     cargo bench --bench startup                  # 500 runs of each
//!     STARTUP_RUNS=100 cargo bench --bench startup
//!     STARTUP_EXE=/path/to/older/onshi-notice cargo bench --bench startup
//!
//! The line is a whole 範囲/期間 row (`範囲⇥【青森県】青森市、弘前市⇥期間⇥令和7年1月13日まで`),
//! so the run reads, lays out, parses, resolves two names and a period and
//! writes a document: everything but PDF extraction. (On one line the 期間
//! label and its date also read as a name, so one unknown name with its
//! suggestions is computed too.) CPU is user + system time of the process
//! itself (wait4).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Wall time and CPU time of one run of `program args`.
#[allow(clippy::zombie_processes, reason = "the child is reaped by wait4")]
fn run(program: &Path, args: &[&str]) -> Option<(Duration, Duration)> {
    let start = Instant::now();
    let child = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    // SAFETY: wait4 writes only into the status and rusage it is given; the
    // child was spawned here and is waited for exactly once.
    let usage = unsafe {
        let mut status = 0;
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage);
        assert!(
            libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
            "{program:?} {args:?} failed: {status}"
        );
        usage
    };
    let wall = start.elapsed();
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Some((wall, time(usage.ru_utime) + time(usage.ru_stime)))
}

struct Summary {
    median: f64,
    mean: f64,
    sd: f64,
    min: f64,
    cpu: f64,
}

/// `runs` measured runs after a tenth as many warm-up runs; times in ms.
fn measure(program: &Path, args: &[&str], runs: usize) -> Option<Summary> {
    for _ in 0..runs / 10 {
        run(program, args)?;
    }
    let mut walls = Vec::with_capacity(runs);
    let mut cpu = Duration::ZERO;
    for _ in 0..runs {
        let (wall, used) = run(program, args)?;
        walls.push(wall.as_secs_f64() * 1e3);
        cpu += used;
    }
    walls.sort_by(f64::total_cmp);
    let n = walls.len() as f64;
    let mean = walls.iter().sum::<f64>() / n;
    let sd = (walls.iter().map(|w| (w - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0)).sqrt();
    Some(Summary {
        median: walls[walls.len() / 2],
        mean,
        sd,
        min: walls[0],
        cpu: cpu.as_secs_f64() * 1e3 / n,
    })
}

fn main() {
    let runs = std::env::var("STARTUP_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500usize);
    // `STARTUP_EXE=path` measures another build of the command (an earlier version).
    let exe_override = std::env::var_os("STARTUP_EXE").map(std::path::PathBuf::from);
    let exe = exe_override
        .as_deref()
        .unwrap_or(Path::new(env!("CARGO_BIN_EXE_onshi-notice")));
    let dir = std::env::temp_dir().join(format!("onshi-notice-startup-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let line = dir.join("line.txt");
    std::fs::write(&line, "範囲\t【青森県】青森市、弘前市\t期間\t令和7年1月13日まで\n").unwrap();
    let line = line.to_str().unwrap();

    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "{runs} runs each after {} warm-up runs; machine: {cores} cores\n",
        runs / 10
    );
    println!(
        "{:<44} {:>10} {:>16} {:>8} {:>8}",
        "command", "median ms", "mean ± sd ms", "min ms", "CPU ms"
    );
    let commands: [(&str, &Path, &[&str]); 3] = [
        ("true (a process that does nothing)", Path::new("/bin/true"), &[]),
        ("onshi-notice --version", exe, &["--version"]),
        ("onshi-notice parse, a one-line text", exe, &["parse", line]),
    ];
    for (name, program, args) in commands {
        match measure(program, args, runs) {
            Some(s) => println!(
                "{name:<44} {:>10.2} {:>9.2} ± {:<4.2} {:>8.2} {:>8.2}",
                s.median, s.mean, s.sd, s.min, s.cpu
            ),
            None => println!("{name:<44} (cannot be run here)"),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
