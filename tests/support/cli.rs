//! Running the `onshi-notice` binary from a test: from the repository root,
//! without `CI` or `RUST_LOG` from the caller, stdin closed.

use std::process::{Command, Output, Stdio};

/// The binary, ready for arguments.
pub fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_onshi-notice"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env_remove("CI").env_remove("RUST_LOG");
    cmd
}

/// Run it to the end; a death by signal fails the test.
pub fn run(cmd: &mut Command) -> Output {
    let o = cmd.stdin(Stdio::null()).output().expect("the binary runs");
    assert!(o.status.code().is_some(), "killed by a signal: {o:?}");
    o
}

/// Its standard error, as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Its standard output, as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
