//! The command as a user runs it: exit status, stdout, stderr.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "support/out_dir.rs"]
mod out_dir;

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_onshi-notice"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env_remove("CI");
    cmd
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const REFERENCE: &str = "corpus/2025-01-07-aomori-snow/source.txt";

/// A scratch folder under the target dir, fresh for each test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn validate(doc: &serde_json::Value) {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/notice.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<_> = validator.iter_errors(doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn parse_reference_notice() {
    let o = run(&["parse", REFERENCE]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    validate(&doc);
    let activations = doc["activations"].as_array().unwrap();
    assert_eq!(activations.len(), 10);
    let codes: Vec<_> = activations
        .iter()
        .map(|a| a["municipality"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "022012", "022021", "022047", "022055", "022101", "023612", "023621", "023671", "023817", "023841"
        ]
    );
    assert!(
        activations
            .iter()
            .all(|a| a["prefecture"]["code"] == "02" && a["period"]["end"] == "2025-01-13")
    );
    assert_eq!(doc["notice"]["issued_on"], "2025-01-07");
    assert_eq!(doc["notice"]["kind"], "activation");
    assert_eq!(doc["notice"]["disaster"]["began_on"], "2024-12-28");
    assert_eq!(doc["notice"]["references"].as_array().unwrap().len(), 1);
    assert_eq!(doc["notice"]["references"][0]["issued_on"], "2023-01-26");
    let errors = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .count();
    assert_eq!(errors, 0, "{:#}", doc["diagnostics"]);
}

#[test]
fn output_is_deterministic() {
    let a = run(&["parse", "--jsonl", REFERENCE]);
    let b = run(&["parse", "--jsonl", REFERENCE]);
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(stdout(&a).lines().count(), 1);
    // Several files give one compact document per line even without --jsonl.
    let two = run(&["parse", REFERENCE, REFERENCE]);
    assert_eq!(stdout(&two).lines().count(), 2);
    assert_eq!(stdout(&two).lines().next().unwrap(), stdout(&a).trim_end());
}

#[test]
fn bad_inputs_are_one_line_errors_and_the_others_still_convert() {
    let dir = scratch("bad-inputs");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let garbage = dir.join("garbage.txt");
    std::fs::write(
        &garbage,
        (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let prose = dir.join("prose.txt");
    std::fs::write(&prose, "本日は晴天なり。\n").unwrap();
    let missing = dir.join("missing.pdf");
    for (path, reason) in [
        (&empty, "the file is empty"),
        (&garbage, "binary data"),
        (&prose, "not a notice"),
        (&missing, "the file does not exist"),
    ] {
        let o = run(&["parse", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1), "{}", path.display());
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with(&format!("onshi-notice: {}: ", path.display())), "{err}");
        assert!(err.contains(reason), "{err}");
        assert!(o.stdout.is_empty());
    }
    let o = run(&[
        "parse",
        "--jsonl",
        empty.to_str().unwrap(),
        REFERENCE,
        missing.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o).lines().count(), 1, "the good file is still written");
    assert_eq!(stderr(&o).lines().count(), 2);
}

#[test]
fn files_over_the_size_limit_are_not_read() {
    let o = run(&["parse", "--max-file-mb", "0", REFERENCE]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("more than the limit of 0"), "{}", stderr(&o));
    let o = run(&["text", "--max-file-mb", "0", REFERENCE]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("more than the limit of 0"), "{}", stderr(&o));
}

/// With --isolate a PDF is read by a child process: the same output, and a
/// child that dies or overruns costs its file only.
#[test]
fn isolated_extraction() {
    let pdf = "corpus/2025-01-07-aomori-snow/source.pdf";
    let here = run(&["parse", pdf]);
    let isolated = run(&["parse", "--isolate", pdf]);
    assert_eq!(isolated.status.code(), Some(0), "{}", stderr(&isolated));
    assert_eq!(isolated.stdout, here.stdout);

    let starved = run(&["parse", "--jsonl", "--isolate", "--max-memory-mb", "8", pdf, REFERENCE]);
    assert_eq!(starved.status.code(), Some(1));
    assert!(
        stderr(&starved).contains("the extraction child was killed by signal"),
        "{}",
        stderr(&starved)
    );
    assert_eq!(stdout(&starved).lines().count(), 1, "the text file still converts");

    let hurried = run(&["parse", "--isolate", "--timeout-secs", "0", pdf]);
    assert_eq!(hurried.status.code(), Some(1));
    assert!(
        stderr(&hurried).contains("took longer than its time limit of 0 s"),
        "{}",
        stderr(&hurried)
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["parse"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(run(&["--help"]).status.code(), Some(0));
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let o = run(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/notice.schema.json")).unwrap()
    );
}

#[test]
fn check_passes_on_the_corpus_and_reports_json() {
    let o = run(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).lines().last().unwrap().contains(" 0 failed"),
        "{}",
        stdout(&o)
    );
    let o = run(&["check", "--format", "json", "corpus"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["failed"], 0);
    assert!(report["total"]["codes_expected"].as_u64().unwrap() >= 10);
}

#[test]
fn check_reports_a_difference_with_a_diff_and_exit_1() {
    let dir = scratch("corpus-diff");
    let entry = dir.join("notice");
    std::fs::create_dir_all(&entry).unwrap();
    std::fs::copy(REFERENCE, entry.join("source.txt")).unwrap();
    let golden = std::fs::read_to_string("corpus/2025-01-07-aomori-snow/source.txt.expected.json").unwrap();
    std::fs::write(
        entry.join("source.txt.expected.json"),
        golden.replace("\"022012\"", "\"022013\""),
    )
    .unwrap();
    let o = run(&["check", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("FAILED"), "{out}");
    assert!(
        out.contains("-        \"code\": \"022013\"") && out.contains("+        \"code\": \"022012\""),
        "{out}"
    );
    assert!(out.contains("codes 9/10"), "{out}");
}

#[test]
fn bless_is_refused_on_ci() {
    let dir = scratch("corpus-bless");
    let o = bin()
        .args(["check", "--bless", dir.to_str().unwrap()])
        .env("CI", "true")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("refusing to bless"));
}

/// A folder of saved mails gives one output per part that carries a notice:
/// a cover note is skipped, a mail of two notices gives two, and a mail with
/// none is one failure.
#[test]
fn convert_reads_each_part_of_the_mails_in_a_folder() {
    let dir = scratch("convert-mails");
    let inbox = dir.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(
        root.join("corpus/mail-iso2022jp-attachment/source.eml"),
        inbox.join("a.eml"),
    )
    .unwrap();
    std::fs::copy(
        root.join("corpus/mail-shift-jis-box-table/source.eml"),
        inbox.join("b.eml"),
    )
    .unwrap();
    let mut two = b"From: a@example.jp\r\nSubject: two\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n".to_vec();
    two.extend(std::fs::read(root.join(REFERENCE)).unwrap());
    two.extend(
        b"\r\n--x\r\nContent-Type: application/pdf; name=\"n.pdf\"\r\nContent-Transfer-Encoding: binary\r\n\r\n",
    );
    two.extend(std::fs::read(root.join("corpus/2025-01-07-aomori-snow/source.pdf")).unwrap());
    two.extend(b"\r\n--x--\r\n");
    std::fs::write(inbox.join("c.eml"), two).unwrap();
    std::fs::write(
        inbox.join("d.eml"),
        "From: a@example.jp\nSubject: hello\n\n添付のとおりお送りします。\n",
    )
    .unwrap();
    let out = dir.join("out");
    let o = run(&[
        "convert",
        inbox.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--jsonl",
        "-",
    ]);
    assert_eq!(o.status.code(), Some(1), "d.eml fails: {}", stderr(&o));
    assert_eq!(
        out_dir::names(&out),
        ["a.eml#2.json", "b.eml#1.json", "c.eml#1.json", "c.eml#2.json"]
    );
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("a.eml#2.json")).unwrap()).unwrap();
    validate(&doc);
    assert_eq!(doc["source"]["file"], "a.eml");
    assert_eq!(doc["source"]["part"]["file_name"], "事務連絡（青森県大雪）.pdf");
    assert_eq!(doc["activations"].as_array().unwrap().len(), 10);
    let failures: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|l| l["type"] == "failure")
        .collect();
    assert_eq!(failures.len(), 1, "{}", stdout(&o));
    assert_eq!(failures[0]["id"], "d.eml");
    assert_eq!(failures[0]["data"]["code"], "not_a_notice");
    assert!(
        stderr(&o).contains("d.eml: no part of the mail is a notice: part 1 (text/plain): not a notice"),
        "{}",
        stderr(&o)
    );
    // `text` shows every part, the cover note too, under its number.
    let a = inbox.join("a.eml");
    let o = run(&["text", a.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let heads: Vec<String> = stdout(&o)
        .lines()
        .filter(|l| l.starts_with("==>"))
        .map(str::to_owned)
        .collect();
    let shown = a.display();
    assert_eq!(
        heads,
        [
            format!("==> {shown}#1 (ISO-2022-JP) <=="),
            format!("==> {shown}#2 (tounicode) <==")
        ]
    );
}
