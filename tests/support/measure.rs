//! Measuring a child process for bounds that do not flake: its own CPU time
//! and its own peak memory, not the machine's load or the test process's size.
//!
//! CPU time (user + system, from `wait4`) does not grow when other processes
//! share the cores, as wall time does. Wall time is only a watchdog, set far
//! beyond what any input needs, that turns a hang into a failure.
//!
//! Peak memory: Linux keeps `ru_maxrss` across `exec`, and a process spawned
//! from the test process (by `fork`, or by `vfork` as `posix_spawn` does)
//! starts with the test process's peak resident set, so the figure would
//! depend on which tests ran before. `measure` therefore runs the test binary
//! itself afresh (exec gives it a small address space) as a wrapper, and the
//! wrapper spawns the measured program and reads that program's rusage with
//! `wait4` on its pid. The figure then includes at most the wrapper's few
//! megabytes, whatever the test process holds.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The environment variable that turns the `measuring_wrapper` test of a
/// re-run test binary into the wrapper.
const SPEC_VAR: &str = "ONSHI_MEASURE_SPEC";

/// What to run, and where its streams go.
pub struct Job<'a> {
    pub program: &'a Path,
    pub args: Vec<String>,
    /// Environment variables to remove for the measured program.
    pub env_remove: Vec<&'a str>,
    pub stdout: PathBuf,
    pub stderr: PathBuf,
    /// Kill the program after this much wall time (a watchdog, not a bound).
    pub watchdog: Duration,
}

/// How the measured program ended and what it used.
#[derive(Debug, Clone, Copy)]
pub struct Usage {
    /// Exit status, if it exited.
    pub code: Option<i32>,
    /// The signal that killed it, if one did.
    pub signal: Option<i32>,
    /// Killed by the watchdog.
    pub timed_out: bool,
    /// User plus system CPU time of the program (all its threads).
    pub cpu: Duration,
    /// Wall time from spawn to exit (for reports only).
    pub wall: Duration,
    /// Peak resident set of the program, KiB.
    pub rss_kib: i64,
}

/// Run `job` in a fresh wrapper process and measure it there.
pub fn measure(job: &Job) -> Usage {
    let report = job.stdout.with_extension("usage");
    let _ = std::fs::remove_file(&report);
    let spec = serde_json::json!({
        "program": job.program,
        "args": job.args,
        "env_remove": job.env_remove,
        "stdout": job.stdout,
        "stderr": job.stderr,
        "report": report,
        "watchdog_ms": u64::try_from(job.watchdog.as_millis()).unwrap(),
    });
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            wrapper_test_name().as_str(),
            "--exact",
            "--include-ignored",
            "--test-threads=1",
            "--nocapture",
        ])
        .env(SPEC_VAR, spec.to_string())
        .stdin(Stdio::null())
        .output()
        .expect("the test binary runs again as the measuring wrapper");
    let text = std::fs::read_to_string(&report).unwrap_or_else(|_| {
        panic!(
            "the measuring wrapper wrote no report ({}):\n{}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let int = |k: &str| v[k].as_i64();
    Usage {
        code: int("code").map(|c| i32::try_from(c).unwrap()),
        signal: int("signal").map(|c| i32::try_from(c).unwrap()),
        timed_out: v["timed_out"].as_bool().unwrap(),
        cpu: Duration::from_micros(v["cpu_us"].as_u64().unwrap()),
        wall: Duration::from_micros(v["wall_us"].as_u64().unwrap()),
        rss_kib: int("rss_kib").unwrap(),
    }
}

/// The wrapper's test name in this test binary, as libtest names it.
fn wrapper_test_name() -> String {
    let path = module_path!();
    let within_crate = path.split_once("::").map_or(path, |(_, rest)| rest);
    format!("{within_crate}::measuring_wrapper")
}

/// Spawn `cmd` from this process and wait for it with `wait4`, killing it
/// after `watchdog`. The peak memory is only the program's own if this process
/// is small (see the module documentation): `measure` calls it in the wrapper.
#[allow(clippy::zombie_processes, reason = "the child is reaped by wait4")]
pub fn spawn_and_wait(cmd: &mut Command, watchdog: Duration) -> Usage {
    let started = Instant::now();
    let child = cmd.spawn().expect("the measured program starts");
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value of that plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut timed_out = false;
    loop {
        // SAFETY: wait4 writes only into the status and rusage given; the
        // child is ours and is reaped exactly once (the loop ends when it is).
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        if r < 0 {
            let e = std::io::Error::last_os_error();
            assert_eq!(e.kind(), std::io::ErrorKind::Interrupted, "wait4: {e}");
        }
        if !timed_out && started.elapsed() > watchdog {
            timed_out = true;
            // SAFETY: the pid is our unreaped child, so it names no other process.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let wall = started.elapsed();
    let time = |t: libc::timeval| {
        Duration::from_secs(u64::try_from(t.tv_sec).unwrap()) + Duration::from_micros(u64::try_from(t.tv_usec).unwrap())
    };
    Usage {
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        signal: libc::WIFSIGNALED(status).then(|| libc::WTERMSIG(status)),
        timed_out,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        wall,
        rss_kib: usage.ru_maxrss,
    }
}

/// Not a test: the wrapper that `measure` runs in a fresh copy of the test
/// binary. Without its environment variable it does nothing.
#[test]
#[ignore = "the measuring wrapper; `measure` runs it in a fresh process"]
fn measuring_wrapper() {
    let Ok(spec) = std::env::var(SPEC_VAR) else {
        return;
    };
    let spec: serde_json::Value = serde_json::from_str(&spec).unwrap();
    let path = |k: &str| PathBuf::from(spec[k].as_str().unwrap());
    let mut cmd = Command::new(path("program"));
    for arg in spec["args"].as_array().unwrap() {
        cmd.arg(arg.as_str().unwrap());
    }
    cmd.env_remove(SPEC_VAR);
    for name in spec["env_remove"].as_array().unwrap() {
        cmd.env_remove(name.as_str().unwrap());
    }
    cmd.stdin(Stdio::null())
        .stdout(std::fs::File::create(path("stdout")).unwrap())
        .stderr(std::fs::File::create(path("stderr")).unwrap());
    let u = spawn_and_wait(&mut cmd, Duration::from_millis(spec["watchdog_ms"].as_u64().unwrap()));
    let report = serde_json::json!({
        "code": u.code,
        "signal": u.signal,
        "timed_out": u.timed_out,
        "cpu_us": u64::try_from(u.cpu.as_micros()).unwrap(),
        "wall_us": u64::try_from(u.wall.as_micros()).unwrap(),
        "rss_kib": u.rss_kib,
    });
    std::fs::write(path("report"), report.to_string()).unwrap();
}

/// The peak resident set (KiB) this process has reached so far (`VmHWM`).
pub fn own_peak_kib() -> i64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status")
}
