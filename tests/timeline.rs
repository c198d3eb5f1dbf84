//! The timeline across the Noto earthquake notices of the corpus.

use std::process::Command;

fn run(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_onshi-notice"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn wajima_was_active_on_2024_01_10() {
    let out = run(&["active", "--on", "2024-01-10", "--format", "json", "corpus"]);
    let active: serde_json::Value = serde_json::from_str(&out).unwrap();
    let wajima = active["areas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["municipality"]["code"] == "172049")
        .expect("石川県輪島市 is active on 2024-01-10");
    assert_eq!(wajima["disaster"], "令和6年能登半島地震");
    // Extended on 2024-01-05 past the first end of 2024-01-07.
    assert!(wajima["span"]["set_by"].as_array().unwrap().len() >= 2);
    // Not active before the earthquake, nor after the termination.
    let before: serde_json::Value =
        serde_json::from_str(&run(&["active", "--on", "2023-12-31", "--format", "json", "corpus"])).unwrap();
    assert!(
        !before["areas"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["municipality"]["code"] == "172049")
    );
    let after: serde_json::Value =
        serde_json::from_str(&run(&["active", "--on", "2024-03-08", "--format", "json", "corpus"])).unwrap();
    assert!(
        !after["areas"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["municipality"]["code"] == "172049")
    );
}

#[test]
fn the_29_areas_not_extended_ended_on_2024_01_07() {
    let out = run(&["timeline", "--format", "json", "corpus"]);
    let timelines: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let noto = timelines
        .iter()
        .find(|t| t["disaster"] == "令和6年能登半島地震")
        .unwrap();
    let others: Vec<_> = noto["scopes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["count"] == 29)
        .collect();
    assert!(!others.is_empty());
    assert!(others.iter().all(|s| s["end"] == "2024-01-07"), "{others:#?}");
    // The 18 extended areas were in force until at least 2024-01-14.
    let extended = noto["areas"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| {
            a["spans"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["end"].as_str() >= Some("2024-01-14"))
        })
        .filter(|a| !a["municipality"].is_null())
        .count();
    assert!(extended >= 18, "{extended}");
}
