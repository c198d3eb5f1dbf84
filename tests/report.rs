//! `onshi-notice report`: the HTML page of the timelines, read as text and
//! loaded in a real browser (headless Chromium).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn onshi(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_onshi-notice"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// A scratch folder of this test file that outlives the run, for a look at what it wrote.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The report of the corpus, written to `dir/report.html`. Two corpus files
/// are unreadable on purpose (a scan, a font without a Unicode map): status 1.
fn corpus_report(dir: &Path) -> String {
    let out = dir.join("report.html");
    let o = onshi(Path::new(ROOT), &["report", "corpus", "--html", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_to_string(out).unwrap()
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_slice(&onshi(dir, args).stdout).unwrap()
}

/// Spans per area row (`prefecture code/municipality code`, the
/// prefecture's code again for a whole prefecture), from `timeline --format json`.
fn spans_per_area() -> BTreeMap<String, (String, usize)> {
    let timelines = json(Path::new(ROOT), &["timeline", "--format", "json", "corpus"]);
    let mut rows = BTreeMap::new();
    for t in timelines.as_array().unwrap() {
        for area in t["areas"].as_array().unwrap() {
            let prefecture = area["prefecture"]["code"].as_str().unwrap();
            let (code, name) = match area["municipality"].as_object() {
                Some(m) => (m["code"].as_str().unwrap(), m["name"].as_str().unwrap()),
                None => (prefecture, "全域"),
            };
            let entry = rows
                .entry(format!("{prefecture}/{code}"))
                .or_insert((name.to_owned(), 0));
            entry.1 += area["spans"].as_array().unwrap().len();
        }
    }
    rows
}

#[test]
fn the_page_is_self_contained_and_the_same_every_time() {
    let dir = scratch("self-contained");
    let page = corpus_report(&dir);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
    for outside in ["http", "src=", "<link", "@import", "url(", "@font-face"] {
        assert!(!page.contains(outside), "the page refers outside itself: `{outside}`");
    }
    assert_eq!(page.matches("<script>").count(), 1);
    assert!(page.contains("type=\"date\""));
    // The labels: prefectures, municipalities with their codes, scopes apart.
    for label in [
        "石川県",
        "輪島市<small>172049</small>",
        "件数や条件で示された範囲",
        "他の29市町村",
    ] {
        assert!(page.contains(label), "no `{label}`");
    }
    // One row per area, as many bars as the timeline has spans.
    let expected = spans_per_area();
    assert_eq!(page.matches("<div class=\"row area\"").count(), expected.len());
    for (key, (_, spans)) in &expected {
        assert!(
            page.contains(&format!("data-key=\"{key}\" data-spans=\"{spans}\"")),
            "{key}: {spans} spans"
        );
    }
    // Byte for byte the same from the same inputs.
    assert_eq!(corpus_report(&dir), page);
}

#[test]
fn names_are_escaped() {
    let dir = scratch("escaped");
    let text = std::fs::read_to_string(Path::new(ROOT).join("corpus/2024-01-01-noto-earthquake-activation/source.txt"))
        .unwrap()
        .replace("令和6年能登半島地震", "令和6年<b>能登</b>&地震");
    let name = "a<i>&\"'.txt";
    std::fs::write(dir.join(name), text).unwrap();
    let o = onshi(&dir, &["report", name, "--html", "-"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let page = String::from_utf8(o.stdout).unwrap();
    assert!(
        page.contains("a&lt;i&gt;&amp;&quot;&#39;.txt"),
        "the file name, escaped"
    );
    assert!(!page.contains("<i>&"));
    assert!(
        page.contains("令和6年&lt;b&gt;能登&lt;/b&gt;&amp;地震"),
        "the disaster's name, escaped"
    );
    assert!(!page.contains("<b>能登"));
}

/// The README's example, as written, in a folder that has the corpus.
#[test]
fn readme_report_command_writes_the_page() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let section = &readme[readme.find("\n## Report").expect("README.md has a Report section")..];
    let command = section
        .lines()
        .find(|l| l.starts_with("onshi-notice report "))
        .expect("the Report section gives the command");
    let dir = scratch("readme");
    std::os::unix::fs::symlink(Path::new(ROOT).join("corpus"), dir.join("corpus")).unwrap();
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let o = onshi(&dir, &args);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let html = args[args.iter().position(|a| *a == "--html").unwrap() + 1];
    let page = std::fs::read_to_string(dir.join(html)).unwrap();
    assert!(page.contains("石川県"));
}

/// The browser: the Debian package `chromium`, or `CHROMIUM`.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(path.into());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser", "google-chrome"].map(|name| dir.join(name)))
        .find(|p| p.is_file())
}

/// Run headless Chromium on `url`, within a minute.
fn headless(browser: &Path, profile: &Path, extra: &[&str], url: &str) -> String {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--no-first-run",
            "--disable-extensions",
            "--hide-scrollbars",
            "--lang=ja-JP",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap());
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium {extra:?} {url}: {status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium {extra:?} {url} took more than a minute");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

/// What the page shows once its script has run: per area row, its bars'
/// classes; and the counter's attributes.
struct Dom {
    rows: BTreeMap<String, (String, Vec<Vec<String>>)>,
    counter: BTreeMap<String, String>,
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
}

fn read_dom(dom: &str) -> Dom {
    let mut rows = BTreeMap::new();
    for piece in dom.split("<div class=\"row ").skip(1) {
        if !piece.starts_with("area") {
            continue;
        }
        let tag = &piece[..piece.find('>').unwrap()];
        let key = attribute(tag, "data-key").unwrap().to_owned();
        let row = &piece[..piece.find("</div></div>").unwrap()];
        let label = row[row.find("class=\"name\"").unwrap()..]
            .split_once('>')
            .unwrap()
            .1
            .split('<')
            .next()
            .unwrap()
            .to_owned();
        let bars = row
            .split("<button ")
            .skip(1)
            .map(|b| attribute(b, "class").unwrap().split(' ').map(str::to_owned).collect())
            .collect();
        rows.insert(key, (label, bars));
    }
    let output = &dom[dom.find("<output id=\"count\"").expect("the counter")..];
    let tag = &output[..output.find('>').unwrap()];
    let counter = ["data-areas", "data-bars", "data-scopes"]
        .iter()
        .map(|name| (name.to_string(), attribute(tag, name).unwrap().to_owned()))
        .collect();
    Dom { rows, counter }
}

/// How long the page's script took to be done, as it noted on `<body>`.
fn ready_ms(dom: &str) -> u64 {
    let at = dom.find("data-ready-ms=\"").expect("the script ran to its end") + "data-ready-ms=\"".len();
    dom[at..].split('"').next().unwrap().parse().unwrap()
}

/// The area rows with a highlighted bar, and how many bars are highlighted.
fn highlighted(dom: &Dom) -> (Vec<String>, usize) {
    let mut rows = Vec::new();
    let mut bars = 0;
    for (key, (_, classes)) in &dom.rows {
        let on = classes.iter().filter(|c| c.iter().any(|c| c == "on")).count();
        if on > 0 {
            rows.push(key.clone());
        }
        bars += on;
    }
    (rows, bars)
}

#[test]
fn the_page_in_a_browser() {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set and no Chromium was found: .ci/run installs the Debian package `chromium`"
        );
        eprintln!(
            "note: the_page_in_a_browser SKIPPED: no Chromium (install the Debian package `chromium`, or set CHROMIUM)"
        );
        return;
    };
    let dir = scratch("browser");
    corpus_report(&dir);
    let profile = dir.join("profile");
    let url = format!("file://{}", dir.join("report.html").display());
    let dump = |fragment: &str| {
        let dom = headless(&browser, &profile, &["--dump-dom"], &format!("{url}{fragment}"));
        std::fs::write(
            dir.join(format!("dom{}.html", fragment.replace(['#', '=', '&'], "-"))),
            &dom,
        )
        .unwrap();
        read_dom(&dom)
    };

    // Every area is a row with its label and one bar per span of the timeline.
    let plain = dump("");
    let text = std::fs::read_to_string(dir.join("dom.html")).unwrap();
    eprintln!(
        "the corpus's page: {} bytes, ready in {} ms",
        std::fs::metadata(dir.join("report.html")).unwrap().len(),
        ready_ms(&text)
    );
    let expected = spans_per_area();
    assert_eq!(plain.rows.len(), expected.len());
    for (key, (name, spans)) in &expected {
        let (label, bars) = &plain.rows[key];
        assert!(label.ends_with(name.as_str()), "{key}: `{label}` is not `{name}`");
        assert_eq!(bars.len(), *spans, "{key}: bars");
    }
    assert_eq!(highlighted(&plain).1, 0, "nothing is highlighted without a day");

    // A day highlights what `active` lists for it; another day, other bars.
    let mut seen = Vec::new();
    for day in ["2024-01-10", "2025-01-10"] {
        let dom = dump(&format!("#on={day}"));
        let active = json(Path::new(ROOT), &["active", "--on", day, "--format", "json", "corpus"]);
        let areas = active["areas"].as_array().unwrap();
        let (rows, bars) = highlighted(&dom);
        assert!(!rows.is_empty(), "{day}: something is highlighted");
        assert_eq!(bars, areas.len(), "{day}: highlighted bars");
        let mut keys: Vec<String> = areas
            .iter()
            .map(|a| {
                let p = a["prefecture"]["code"].as_str().unwrap();
                let code = a["municipality"]["code"].as_str().unwrap_or(p);
                format!("{p}/{code}")
            })
            .collect();
        keys.sort();
        keys.dedup();
        assert_eq!(rows, keys, "{day}: highlighted rows");
        assert_eq!(dom.counter["data-areas"], rows.len().to_string());
        assert_eq!(dom.counter["data-bars"], bars.to_string());
        assert_eq!(
            dom.counter["data-scopes"],
            active["scopes"].as_array().unwrap().len().to_string(),
            "{day}: scopes in force"
        );
        seen.push(rows);
    }
    assert_ne!(seen[0], seen[1]);
    assert!(seen[0].contains(&"17/172049".to_owned()), "輪島市 on 2024-01-10");
    assert!(!seen[1].contains(&"17/172049".to_owned()), "輪島市 not on 2025-01-10");

    // A screenshot, on the first day with 石川県 open.
    let png = dir.join("report.png");
    headless(
        &browser,
        &profile,
        &["--window-size=1280,900", &format!("--screenshot={}", png.display())],
        &format!("{url}#on=2024-01-10&open=17"),
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 10_000,
        "{}",
        png.display()
    );
    eprintln!("screenshot: {}", png.display());
    if std::env::var_os("UPDATE_DOCS_SCREENSHOT").is_some() {
        std::fs::copy(&png, Path::new(ROOT).join("docs/report.png")).unwrap();
    }
}

/// A page of every municipality (1,741, from the bundled table), each
/// activated by one disaster and half of them extended, half of them again
/// by a second disaster with no end yet: its size, and how long the browser
/// takes to show it on a day.
#[test]
fn every_municipality_on_one_page() {
    use onshi_notice::records::{Municipality, NoticeKind, Prefecture, SourceSpan};
    use onshi_notice::timeline::{AreaTimeline, DisasterTimeline, NoticeRef, Span, Step};

    let date = |m, d| chrono::NaiveDate::from_ymd_opt(2024, m, d);
    let step = |notice: &str, kind, line, end, open_ended| Step {
        notice: notice.to_owned(),
        kind,
        source_span: SourceSpan { page: 1, line },
        end,
        open_ended,
    };
    let notice = |file: &str, kind, m, d| NoticeRef {
        file: file.to_owned(),
        issued_on: date(m, d),
        kind,
        sequel: None,
        title: None,
    };
    let entries: Vec<_> = onshi_notice::gazetteer::Gazetteer::bundled()
        .iter()
        .filter(|e| {
            use onshi_notice::gazetteer::Kind;
            !matches!(e.kind, Kind::Prefecture | Kind::Ward) && e.valid_to.is_none()
        })
        .collect();
    assert_eq!(entries.len(), 1741);
    let area = |e: &onshi_notice::gazetteer::Entry, spans| AreaTimeline {
        prefecture: Prefecture {
            code: e.prefecture_code.clone(),
            name: e.prefecture.clone(),
        },
        municipality: Some(Municipality {
            code: e.code.clone(),
            name: e.name.clone(),
            district: e.district.clone(),
        }),
        spans,
    };
    let first = DisasterTimeline {
        disaster: Some("令和6年1月1日の地震".to_owned()),
        notices: vec![
            notice("a.pdf", NoticeKind::Activation, 1, 1),
            notice("b.pdf", NoticeKind::Extension, 1, 6),
        ],
        areas: entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mut steps = vec![step("a.pdf", NoticeKind::Activation, 10, date(1, 7), false)];
                if i % 2 == 0 {
                    steps.push(step("b.pdf", NoticeKind::Extension, 12, date(1, 14), false));
                }
                let end = steps.last().unwrap().end;
                let span = Span {
                    start: date(1, 1),
                    start_stated: true,
                    end,
                    end_time: None,
                    open_ended: false,
                    set_by: steps.iter().map(|s| s.notice.clone()).collect(),
                    steps,
                };
                area(e, vec![span])
            })
            .collect(),
        scopes: Vec::new(),
    };
    let second = DisasterTimeline {
        disaster: Some("令和6年7月1日からの大雨".to_owned()),
        notices: vec![notice("c.pdf", NoticeKind::Activation, 7, 1)],
        areas: entries
            .iter()
            .step_by(2)
            .map(|e| {
                let span = Span {
                    start: date(7, 1),
                    start_stated: true,
                    end: None,
                    end_time: None,
                    open_ended: true,
                    set_by: vec!["c.pdf".to_owned()],
                    steps: vec![step("c.pdf", NoticeKind::Activation, 8, None, true)],
                };
                area(e, vec![span])
            })
            .collect(),
        scopes: Vec::new(),
    };
    let page = onshi_notice::report::html(&[first, second]);
    assert_eq!(page.matches("<div class=\"row area\"").count(), 1741);
    // Every prefecture has more than 12 municipalities (鳥取県, the fewest,
    // has 19): all 47 start closed.
    assert_eq!(page.matches("<details class=\"pref\"").count(), 47);
    assert_eq!(page.matches(" open><summary>").count(), 0);
    assert!(page.len() < 4 << 20, "{} bytes", page.len());
    let dir = scratch("every-municipality");
    let file = dir.join("report.html");
    std::fs::write(&file, &page).unwrap();
    eprintln!("a report of 1,741 municipalities: {} bytes", page.len());

    let Some(browser) = chromium() else {
        assert!(std::env::var_os("CI").is_none(), "CI is set and no Chromium was found");
        eprintln!("note: the load time of the large page was not measured: no Chromium");
        return;
    };
    let dom = headless(
        &browser,
        &dir.join("profile"),
        &["--dump-dom"],
        &format!("file://{}#on=2024-01-10", file.display()),
    );
    let read = read_dom(&dom);
    let (rows, bars) = highlighted(&read);
    assert_eq!((rows.len(), bars), (871, 871), "the extended half is on on 2024-01-10");
    let ready = ready_ms(&dom);
    eprintln!("loaded and highlighted in {ready} ms");
    assert!(ready < 10_000, "{ready} ms");
}
