//! Completions, man pages and the examples in `--help`, as users install and read them.

use std::path::Path;
use std::process::{Command, Output};

#[path = "support/readme.rs"]
mod readme;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_onshi-notice"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// The subcommands a user sees (the extraction child's is hidden).
const SUBCOMMANDS: &[&str] = &[
    "parse",
    "convert",
    "check",
    "timeline",
    "active",
    "text",
    "schema",
    "watch",
    "completions",
    "man",
];

#[test]
fn bash_completions_name_every_subcommand_and_no_hidden_one() {
    let o = run(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    let script = stdout(&o);
    assert!(
        script.contains("complete -F") || script.contains("complete -o"),
        "{script}"
    );
    for sub in SUBCOMMANDS {
        assert!(script.contains(sub), "the script completes `{sub}`");
    }
    assert!(
        script.contains("utf-8-bom shift_jis"),
        "values of --csv-encoding are completed"
    );
    assert!(
        !script.contains("extract-worker"),
        "the hidden child command is not offered"
    );
    // bash reads it without complaint.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("completions");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("onshi-notice.bash");
    std::fs::write(&file, &script).unwrap();
    let check = Command::new("bash").arg("-n").arg(&file).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    for shell in ["zsh", "fish", "elvish", "powershell"] {
        let o = run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        assert!(stdout(&o).contains("convert"), "{shell}");
    }
    assert_eq!(run(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn the_man_page_has_its_sections_and_each_subcommand_has_one() {
    let o = run(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    let page = stdout(&o);
    assert!(page.contains(".TH onshi-notice 1"), "{page}");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH OPTIONS",
        ".SH SUBCOMMANDS",
    ] {
        assert!(page.contains(section), "the page has `{section}`");
    }
    assert!(page.contains("onshi\\-notice \\- Read MHLW"), "NAME says what it is");
    for sub in SUBCOMMANDS {
        assert!(
            page.contains(&format!("onshi\\-notice\\-{sub}(1)")),
            "the page lists `{sub}`"
        );
        let o = run(&["man", sub]);
        assert_eq!(o.status.code(), Some(0), "{sub}");
        let page = stdout(&o);
        assert!(page.contains(&format!(".TH onshi-notice-{sub} 1")), "{page}");
        assert!(page.contains("Examples:"), "`man {sub}` has its examples");
    }
    let o = run(&["man", "nonesuch"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no subcommand `nonesuch`"));
}

#[test]
fn every_subcommands_help_ends_with_examples_of_itself() {
    for sub in SUBCOMMANDS {
        let o = run(&[sub, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{sub}");
        let help = stdout(&o);
        let examples = help
            .split("\nExamples:\n")
            .nth(1)
            .unwrap_or_else(|| panic!("`{sub} --help` has examples: {help}"));
        assert!(
            examples
                .lines()
                .take_while(|l| !l.is_empty())
                .all(|l| l.starts_with(&format!("  onshi-notice {sub}"))),
            "{sub}: {examples}"
        );
    }
}

/// The README's commands run as written (output redirections aside).
#[test]
fn the_readme_completion_and_man_examples_run() {
    let commands = readme::commands("## Shell completions and the man page");
    assert_eq!(commands.len(), 2, "{commands:?}");
    for args in commands {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(!o.stdout.is_empty(), "{args:?}");
    }
}
