//! The examples of every subcommand's `--help` (and of the man pages), kept
//! in one list so that a test can check that each subcommand has some and
//! that every example parses.

/// Each subcommand's examples, one command a line.
pub const EXAMPLES: &[(&str, &[&str])] = &[
    (
        "parse",
        &[
            "onshi-notice parse notice.pdf",
            "onshi-notice parse --jsonl notices/*.pdf > documents.jsonl",
            "onshi-notice parse - < notice.txt",
        ],
    ),
    (
        "convert",
        &[
            "onshi-notice convert notices/ --out json/",
            "onshi-notice convert notices/ --sqlite notices.db --jsonl notices.jsonl",
            "onshi-notice convert notices/ --csv notices.csv",
            "onshi-notice convert notices/ --csv notices-sjis.csv --csv-encoding shift_jis",
            "onshi-notice convert --isolate --timeout-secs 10 untrusted/ --out json/",
        ],
    ),
    (
        "check",
        &["onshi-notice check", "onshi-notice check corpus/ --format json"],
    ),
    (
        "timeline",
        &[
            "onshi-notice timeline notices/",
            "onshi-notice timeline --format json notices/",
        ],
    ),
    (
        "active",
        &[
            "onshi-notice active --on 2024-01-10 notices/",
            "onshi-notice active --on 令和6年1月10日 notices/",
            "onshi-notice active --on today --format json notices/",
        ],
    ),
    (
        "text",
        &["onshi-notice text notice.pdf", "onshi-notice text --layout notice.pdf"],
    ),
    (
        "report",
        &[
            "onshi-notice report corpus/ --html report.html",
            "onshi-notice report notices/ --html - > report.html",
        ],
    ),
    ("schema", &["onshi-notice schema > notice.schema.json"]),
    (
        "watch",
        &[
            "onshi-notice watch inbox/ --sqlite notices.db",
            "onshi-notice watch inbox/ --out json/ --csv notices.csv --settle-ms 3000",
            "onshi-notice watch inbox/ --jsonl - --quiet",
        ],
    ),
    (
        "completions",
        &[
            "onshi-notice completions bash > ~/.local/share/bash-completion/completions/onshi-notice",
            "onshi-notice completions zsh > ~/.zfunc/_onshi-notice",
            "onshi-notice completions fish > ~/.config/fish/completions/onshi-notice.fish",
        ],
    ),
    (
        "man",
        &[
            "onshi-notice man > onshi-notice.1 && man ./onshi-notice.1",
            "onshi-notice man convert > onshi-notice-convert.1",
        ],
    ),
];

/// `cmd` with each subcommand's examples after its help.
pub fn add(mut cmd: clap::Command) -> clap::Command {
    for (name, lines) in EXAMPLES {
        let text: String = lines.iter().map(|l| format!("\n  {l}")).collect();
        cmd = cmd.mut_subcommand(name, |c| c.after_help(format!("Examples:{text}")));
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subcommand_has_examples_and_every_example_parses() {
        let cmd = super::super::command();
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            assert!(
                EXAMPLES.iter().any(|(name, _)| *name == sub.get_name()),
                "`{}` has no examples in src/cli/examples.rs",
                sub.get_name()
            );
        }
        for (name, lines) in EXAMPLES {
            for line in *lines {
                // The command alone: no redirection, no second command.
                let words: Vec<&str> = line
                    .split_whitespace()
                    .take_while(|w| !matches!(*w, ">" | "<" | "|" | "&&"))
                    .collect();
                assert_eq!(words.get(1), Some(name), "{line}");
                if let Err(e) = cmd.clone().try_get_matches_from(&words) {
                    panic!("{line}: {e}");
                }
            }
        }
    }
}
