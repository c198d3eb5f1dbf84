//! `onshi-notice completions SHELL` and `onshi-notice man [COMMAND]`: shell
//! completion scripts (clap_complete) and man pages in roff (clap_mangen),
//! generated from the same definition as the parser, so they never disagree
//! with it.

use std::io::{self, Write};

use super::Status;

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// A subcommand, for its own page (onshi-notice-COMMAND(1)); without one, the main page.
    #[arg(value_name = "COMMAND")]
    command: Option<String>,
}

pub fn completions(args: &CompletionsArgs) -> io::Result<Status> {
    // Without the hidden subcommands, which clap_complete would offer too.
    let full = super::command();
    let mut cmd = clap::Command::new("onshi-notice")
        .version(env!("CARGO_PKG_VERSION"))
        .args(full.get_arguments().cloned())
        .subcommands(full.get_subcommands().filter(|s| !s.is_hide_set()).cloned());
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "onshi-notice", &mut out);
    super::print(&String::from_utf8_lossy(&out))?;
    Ok(Status::Success)
}

pub fn man(args: &ManArgs) -> io::Result<Status> {
    let cmd = super::command();
    let page = match &args.command {
        None => cmd,
        Some(name) => {
            let Some(sub) = cmd.find_subcommand(name).filter(|s| !s.is_hide_set()) else {
                let names: Vec<&str> = cmd
                    .get_subcommands()
                    .filter(|s| !s.is_hide_set())
                    .map(|s| s.get_name())
                    .collect();
                return Err(io::Error::other(format!(
                    "no subcommand `{name}`; expected one of {}",
                    names.join(", ")
                )));
            };
            // The page's name and its synopsis say the whole command (leaked:
            // the process prints one page and ends).
            let full: &'static str = format!("onshi-notice-{}", sub.get_name()).leak();
            let bin: &'static str = format!("onshi-notice {}", sub.get_name()).leak();
            sub.clone().name(full).bin_name(bin)
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page).render(&mut out)?;
    let mut stdout = io::stdout().lock();
    stdout.write_all(&out)?;
    stdout.flush()?;
    Ok(Status::Success)
}
