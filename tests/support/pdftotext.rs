//! Whether the tests that cross-check against `pdftotext` can run.

use std::process::Command;

/// True when `pdftotext` runs. Where it does not, a developer's run skips the
/// checks that need it with a note; on CI (`CI` set: `.ci/run` installs
/// poppler-utils) a missing `pdftotext` fails the test instead, so the
/// cross-check cannot silently stop running there.
pub fn installed() -> bool {
    usable("pdftotext", onshi_notice::corpus::on_ci())
}

/// [`installed`] for any program name, and with the CI flag given.
pub fn usable(program: &str, on_ci: bool) -> bool {
    match Command::new(program).arg("-v").output() {
        Ok(_) => true,
        Err(e) => {
            assert!(
                !on_ci,
                "{program} cannot run ({e}) and CI is set: on CI the pdftotext checks must run, \
                 not be skipped (install poppler-utils, as .ci/run does)"
            );
            eprintln!("note: {program} is not installed; the pdftotext checks are skipped");
            false
        }
    }
}
