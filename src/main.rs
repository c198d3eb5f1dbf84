//! The `onshi-notice` command: flags in, exit status out; the work is in the library.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
