//! One test per layout of the catalog of real notices (range layouts 1–13,
//! period layouts 1–7, and each kind), each on the corpus entry that shows it.
//! `corpus/LAYOUTS.md` maps layouts to entries; the golden files pin every
//! field, these tests say which facts each layout is about.

use std::path::Path;

use onshi_notice::Document;
use onshi_notice::records::NoticeKind;

fn doc(entry: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(entry)
        .join("source.txt");
    onshi_notice::convert_file(&path, &onshi_notice::Options::default()).unwrap()
}

fn codes(doc: &Document) -> Vec<&str> {
    doc.activations
        .iter()
        .filter_map(|a| a.municipality.as_ref())
        .map(|m| m.code.as_str())
        .collect()
}

fn ends(doc: &Document) -> Vec<String> {
    let mut ends: Vec<String> = doc.activations.iter().map(|a| format!("{:?}", a.period.end)).collect();
    ends.dedup();
    ends
}

fn diagnostic_codes(doc: &Document) -> Vec<&str> {
    doc.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

// Range layout 1: `【県】` then a 、-list on the same line.
#[test]
fn range_1_header_and_list_on_one_line() {
    let d = doc("2025-01-07-aomori-snow");
    assert_eq!(codes(&d).len(), 10);
    assert!(d.activations.iter().all(|a| a.prefecture.name == "青森県"));
}

// Range layouts 2 and 3: `【県】` alone, the list on indented lines ending in `、`,
// wrapped lines without a header.
#[test]
fn range_2_3_header_alone_and_wrapped_list() {
    let d = doc("2024-03-07-noto-earthquake-termination");
    assert_eq!(codes(&d).len(), 19);
    assert!(d.activations.iter().all(|a| a.prefecture.code == "17"));
}

// Range layout 4: a trailing note after the list is a remark, not a place.
#[test]
fn range_4_trailing_note() {
    let d = doc("2023-07-10-heavy-rain-amendment");
    assert!(
        d.diagnostics
            .iter()
            .any(|x| x.code.as_str() == "range_note" && x.text.as_deref() == Some("※7月10日19時30分追加"))
    );
    assert!(d.activations.iter().all(|a| !a.written_as.contains('※')));
}

// Range layout 5: prefectures fused to their first municipality, no brackets.
#[test]
fn range_5_fused_prefectures() {
    let d = doc("2023-07-10-heavy-rain-amendment");
    let by_prefecture: Vec<(&str, &str)> = d
        .activations
        .iter()
        .map(|a| {
            (
                a.prefecture.name.as_str(),
                a.municipality.as_ref().unwrap().name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        by_prefecture,
        [
            ("佐賀県", "佐賀市"),
            ("佐賀県", "唐津市"),
            ("佐賀県", "伊万里市"),
            ("大分県", "中津市"),
            ("大分県", "日田市")
        ]
    );
}

// Range layout 6: news style `▽石川県=…▽富山県=…―。`
#[test]
fn range_6_news_style() {
    let d = doc("2024-01-05-noto-earthquake-extension-news");
    assert_eq!(codes(&d).len(), 18);
    assert!(codes(&d).contains(&"162051"), "富山県氷見市");
}

// Range layout 7: the 郡 written for some towns and dropped for others.
#[test]
fn range_7_district_written_or_dropped() {
    let d = doc("2024-01-01-noto-earthquake-activation-sono2");
    let noto = d
        .activations
        .iter()
        .find(|a| a.municipality.as_ref().unwrap().code == "174637")
        .unwrap();
    assert_eq!(noto.written_as, "能登町");
    assert_eq!(noto.municipality.as_ref().unwrap().district.as_deref(), Some("鳳珠郡"));
    let anamizu = d
        .activations
        .iter()
        .find(|a| a.municipality.as_ref().unwrap().code == "174611")
        .unwrap();
    assert_eq!(anamizu.written_as, "鳳珠郡穴水町");
    // 中能登町 is never read as 能登町.
    assert!(codes(&d).contains(&"174076"));
}

// Range layout 8: later additions appended out of order.
#[test]
fn range_8_additions_out_of_order() {
    let d = doc("2024-03-07-noto-earthquake-termination");
    assert_eq!(
        codes(&d)[17..],
        ["172120", "173240"],
        "野々市市 and 能美郡川北町 last, as written"
    );
}

// Range layouts 9 and 10: counts instead of names; prefectures without 県.
#[test]
fn range_9_10_counts_and_bare_prefectures() {
    let d = doc("2024-01-01-noto-earthquake-activation");
    assert!(d.activations.is_empty(), "a count is never expanded into names");
    assert_eq!(d.scopes.len(), 1);
    assert_eq!(d.scopes[0].count, Some(47));
    assert!(diagnostic_codes(&d).contains(&"count_instead_of_names"));
    let d = doc("2024-01-05-noto-earthquake-extension");
    assert_eq!(d.scopes[0].count, Some(29));
}

// Range layout 11: a rule instead of names.
#[test]
fn range_11_rule() {
    let d = doc("2022-rule-based-scope");
    assert!(d.activations.is_empty());
    assert_eq!(d.scopes[0].text, "災害救助法が適用された市区町村を有する都道府県");
    assert!(diagnostic_codes(&d).contains(&"rule_instead_of_names"));
}

// Range layout 12: prefecture and period in separate table cells.
#[test]
fn range_12_table_cells() {
    let d = doc("2025-11-oita-saganoseki-fire-extension");
    assert_eq!(codes(&d), ["442011"]);
    assert_eq!(ends(&d), ["Some(2025-12-02)"]);
}

// Range layout 13: real typos: a missing separator, mixed widths, ［］ brackets.
#[test]
fn range_13_typos() {
    let typos = doc("2025-01-07-aomori-snow-typos");
    let clean = doc("2025-01-07-aomori-snow");
    assert_eq!(codes(&typos), codes(&clean));
}

// Period layout 1: a tilde range without a year, marked provisional.
#[test]
fn period_1_provisional_range() {
    let d = doc("2023-07-10-heavy-rain-amendment");
    let p = &d.activations[0].period;
    assert_eq!(
        (p.start.map(|d| d.to_string()), p.end.map(|d| d.to_string())),
        (Some("2023-07-08".into()), Some("2023-07-14".into()))
    );
    assert!(p.provisional);
}

// Period layout 2: a close date with a time.
#[test]
fn period_2_close_with_time() {
    let d = doc("2024-03-07-noto-earthquake-termination");
    assert!(
        d.activations
            .iter()
            .all(|a| a.period.end.map(|d| d.to_string()).as_deref() == Some("2024-03-07")
                && a.period.end_time.is_some_and(|t| t.to_string() == "24:00"))
    );
}

// Period layout 3: a day only, month and year from the notice date.
#[test]
fn period_3_day_only() {
    let d = doc("2024-01-01-noto-earthquake-activation");
    assert_eq!(
        d.scopes[0].period.end.map(|d| d.to_string()).as_deref(),
        Some("2024-01-07")
    );
}

// Period layout 4: a relative rule with the date in a footnote.
#[test]
fn period_4_rule_and_footnote() {
    let d = doc("2025-01-07-aomori-snow");
    let p = &d.activations[0].period;
    assert_eq!(p.basis.as_deref(), Some("災害救助法の適用第一報から一週間"));
    assert_eq!(p.end.map(|d| d.to_string()).as_deref(), Some("2025-01-13"));
    assert_eq!(p.start, None, "no start is invented");
}

// Period layout 5: relative only, and open-ended.
#[test]
fn period_5_relative_and_open_ended() {
    let d = doc("2024-xx-xx-noto-earthquake-extension-sono9");
    assert!(
        d.activations
            .iter()
            .all(|a| a.period.open_ended && a.period.end.is_none())
    );
    let d = doc("2022-rule-based-scope");
    assert!(d.scopes[0].period.basis.is_some() && d.scopes[0].period.end.is_none());
}

// Period layout 6: different ends for different areas in one notice.
#[test]
fn period_6_ends_per_area() {
    for entry in [
        "2024-01-05-noto-earthquake-extension",
        "2024-01-05-noto-earthquake-extension-news",
    ] {
        let d = doc(entry);
        assert_eq!(ends(&d), ["Some(2024-01-14)"], "{entry}");
        assert_eq!(
            d.scopes[0].period.end.map(|d| d.to_string()).as_deref(),
            Some("2024-01-07"),
            "{entry}"
        );
    }
}

// Period layout 7: timestamps and dates in disaster names are not periods.
#[test]
fn period_7_dates_that_are_not_periods() {
    let d = doc("2023-07-10-heavy-rain-amendment");
    assert_eq!(
        d.notice
            .disaster
            .as_ref()
            .unwrap()
            .began_on
            .map(|d| d.to_string())
            .as_deref(),
        Some("2023-07-07")
    );
    assert_eq!(
        d.activations[0].period.start.map(|d| d.to_string()).as_deref(),
        Some("2023-07-08")
    );
    let d = doc("2025-11-oita-saganoseki-fire-extension");
    assert_eq!(d.activations[0].period.start, None);
}

#[test]
fn every_kind() {
    for (entry, kind) in [
        ("2025-01-07-aomori-snow", NoticeKind::Activation),
        ("2024-01-05-noto-earthquake-extension", NoticeKind::Extension),
        ("2024-03-07-noto-earthquake-termination", NoticeKind::Termination),
        ("2023-07-10-heavy-rain-amendment", NoticeKind::Amendment),
        ("synthetic-unknown-kind", NoticeKind::Unknown),
    ] {
        assert_eq!(doc(entry).notice.kind, kind, "{entry}");
    }
    assert!(diagnostic_codes(&doc("synthetic-unknown-kind")).contains(&"unknown_kind"));
}

#[test]
fn titles_sequels_and_names_of_the_function() {
    assert_eq!(doc("2024-xx-xx-noto-earthquake-extension-sono9").notice.sequel, Some(9));
    assert_eq!(
        doc("2024-01-01-noto-earthquake-activation-sono2").notice.sequel,
        Some(2)
    );
    let d = doc("synthetic-function-name-variants");
    assert_eq!(d.notice.kind, NoticeKind::Activation);
    assert_eq!(codes(&d).len(), 2);
    // No disaster in the title: found in the body.
    let d = doc("2024-01-24-heavy-snow-activation");
    assert_eq!(d.notice.disaster.as_ref().unwrap().name, "令和6年1月23日からの大雪等");
}

#[test]
fn quoted_notices_yield_nothing() {
    let quoted = doc("2024-01-01-noto-earthquake-activation-quoted");
    let plain = doc("2024-01-01-noto-earthquake-activation-sono2");
    assert_eq!(quoted.activations, plain.activations);
    assert_eq!(quoted.notice.references, plain.notice.references);
}

#[test]
fn unknown_ambiguous_and_town_city_traps() {
    let d = doc("synthetic-unknown-and-ambiguous-names");
    assert_eq!(
        codes(&d),
        ["022012", "016616", "343021"],
        "釧路郡釧路町 and 安芸郡府中町, not the cities"
    );
    let diagnostics = diagnostic_codes(&d);
    assert_eq!(
        diagnostics.iter().filter(|c| **c == "ambiguous_municipality").count(),
        2
    );
    assert!(diagnostics.contains(&"unknown_municipality"));
}

// ---------------------------------------------------------------------------
// Table and section shapes (the layout model). Each entry comes as text and
// as PDFs of two or three producers; every rendering gives the entry's facts
// (checked in full by tests/facts.rs), and these tests say what each shape is
// about, on every rendering.

/// Every rendering of a corpus entry, converted.
fn renderings(entry: &str) -> Vec<(String, Document)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(entry);
    let mut sources: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("source.")
                && !name.contains(".expected")
                && (name.ends_with(".txt") || name.ends_with(".pdf"))
        })
        .collect();
    sources.sort();
    assert!(sources.len() >= 3, "{entry}: text and two producers");
    sources
        .into_iter()
        .map(|p| {
            let doc = onshi_notice::convert_file(&p, &onshi_notice::Options::default()).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), doc)
        })
        .collect()
}

/// (municipality code, end) of each activation, sorted.
fn code_ends(doc: &Document) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = doc
        .activations
        .iter()
        .map(|a| {
            (
                a.municipality
                    .as_ref()
                    .map_or_else(|| a.prefecture.code.clone(), |m| m.code.clone()),
                format!("{:?}", a.period.end),
            )
        })
        .collect();
    v.sort();
    v
}

fn end_of(doc: &Document, code: &str) -> String {
    doc.activations
        .iter()
        .find(|a| a.municipality.as_ref().is_some_and(|m| m.code == code))
        .map_or_else(|| panic!("{code} missing"), |a| format!("{:?}", a.period.end))
}

// A header row (`範囲 | 期間`) names the columns; it is no area.
#[test]
fn table_header_row() {
    for (source, d) in renderings("layout-header-row-range-period") {
        assert_eq!(codes(&d).len(), 8, "{source}");
        assert!(!diagnostic_codes(&d).contains(&"unknown_municipality"), "{source}");
    }
}

// `都道府県 | 市町村 | 期間`, one row per prefecture with its own end.
#[test]
fn table_row_per_prefecture_with_its_own_end() {
    for (source, d) in renderings("layout-three-col-pref-muni-period") {
        assert_eq!(end_of(&d, "402036"), "Some(2023-07-16)", "{source}: 久留米市");
        assert_eq!(end_of(&d, "412015"), "Some(2023-07-17)", "{source}: 佐賀市");
    }
}

// `番号 | 都道府県名 | 市区町村名`, one municipality per row; the period in a section after it.
#[test]
fn table_numbered_rows_and_a_period_outside() {
    for (source, d) in renderings("layout-numbered-municipality-table") {
        assert_eq!(codes(&d).len(), 10, "{source}");
        assert_eq!(ends(&d), ["Some(2025-01-13)"], "{source}");
    }
}

// A prefecture cell and a period cell merged over many rows apply to every row.
#[test]
fn table_merged_prefecture_and_period() {
    for (source, d) in renderings("layout-rowspan-prefecture-period") {
        assert_eq!(codes(&d).len(), 18, "{source}");
        assert!(d.activations.iter().all(|a| a.period.end.is_some()), "{source}");
        assert_eq!(
            d.activations.iter().filter(|a| a.prefecture.code == "16").count(),
            1,
            "{source}: 氷見市 in 富山県"
        );
    }
}

// Numbered headings instead of a table: `1 範囲`, `(1)対象地域`, `①`, `ア`.
#[test]
fn section_headings_numbered_bracketed_circled_katakana() {
    for entry in [
        "layout-numbered-section-headings",
        "layout-bracket-number-headings",
        "layout-circled-number-headings",
        "layout-katakana-headings",
    ] {
        for (source, d) in renderings(entry) {
            assert!(!d.activations.is_empty(), "{entry}/{source}");
            assert!(d.activations.iter().all(|a| a.period.end.is_some()), "{entry}/{source}");
        }
    }
}

// `追加する範囲`: a label seen nowhere else, read by what it ends in.
#[test]
fn labels_for_added_areas() {
    for (source, d) in renderings("layout-amendment-added-range") {
        assert_eq!(d.notice.kind, NoticeKind::Amendment, "{source}");
        assert!(!d.activations.is_empty(), "{source}");
    }
}

// Two tables in one notice (`延長する範囲` and `上記以外の範囲`), each with its own period.
#[test]
fn several_tables_each_with_its_period() {
    for (source, d) in renderings("layout-extension-multi-table") {
        let mut ends = ends(&d);
        ends.sort();
        ends.dedup();
        assert_eq!(ends, ["Some(2024-01-07)", "Some(2024-01-14)"], "{source}");
    }
}

// `範囲：別紙のとおり`: the list is read from the table under `(別紙)`.
#[test]
fn attachment_followed() {
    for (source, d) in renderings("layout-attachment-besshi") {
        assert_eq!(codes(&d).len(), 3, "{source}");
        assert!(!d.activations.iter().any(|a| a.written_as.contains("別紙")), "{source}");
    }
}

// A decorated portal announcement (【お知らせ】, ■ sections, a table).
#[test]
fn portal_announcement() {
    for (source, d) in renderings("layout-portal-announcement") {
        assert_eq!(codes(&d).len(), 10, "{source}");
    }
}

// A cell that wraps (inside a name) across a page break under a running head.
#[test]
fn cell_across_a_page_break_with_running_heads() {
    for (source, d) in renderings("layout-long-cell-page-break") {
        assert_eq!(codes(&d).len(), 10, "{source}");
        assert!(!diagnostic_codes(&d).contains(&"unknown_municipality"), "{source}");
    }
}

// `都道府県 | 市町村 | 閉塞日時`: the closing column's date and time are the end.
#[test]
fn table_closing_date_and_time_column() {
    for (source, d) in renderings("layout-termination-closing-datetime") {
        assert_eq!(d.notice.kind, NoticeKind::Termination, "{source}");
        assert!(
            d.activations
                .iter()
                .all(|a| a.period.end_time.is_some_and(|t| t.to_string() == "24:00")),
            "{source}"
        );
    }
}

// A label centred in a tall row: the lines above it are its cell's.
#[test]
fn label_centred_in_its_row() {
    for (source, d) in renderings("layout-label-table-vcenter") {
        assert_eq!(codes(&d).len(), 7, "{source}");
    }
}

// Designated-city wards and a `全域` row.
#[test]
fn table_wards_and_a_whole_prefecture_row() {
    for (source, d) in renderings("layout-designated-city-wards") {
        assert!(codes(&d).contains(&"431010"), "{source}: 熊本市中央区");
        assert!(d.activations.iter().any(|a| a.municipality.is_none()), "{source}: 全域");
    }
}

// Synonym headers (`対象となる市町村`, `アクティブ化の期間`) and a `備考` column
// whose `※…追加` is no place.
#[test]
fn synonym_headers_and_remarks_column() {
    for (source, d) in renderings("layout-synonym-headers-remarks") {
        assert_eq!(codes(&d).len(), 6, "{source}");
        assert!(!d.activations.iter().any(|a| a.written_as.contains('※')), "{source}");
    }
}

// Every rendering of each layout entry gives the same records.
#[test]
fn renderings_of_each_layout_entry_agree() {
    fn precision_only(entry: &Path) -> bool {
        let facts = std::fs::read_to_string(entry.join("facts.json")).unwrap_or_default();
        let facts: serde_json::Value = serde_json::from_str(&facts).unwrap_or_default();
        facts["check"]["mode"] == "precision"
    }

    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut entries: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("layout-"))
        // Scans of a layout entry are checked for precision only (tests/facts.rs):
        // OCR may lose any record, so they need not agree.
        .filter(|n| !precision_only(&root.join(n)))
        .collect();
    entries.sort();
    assert!(entries.len() >= 15, "{entries:?}");
    for entry in entries {
        let all = renderings(&entry);
        let first = code_ends(&all[0].1);
        for (source, d) in &all[1..] {
            assert_eq!(code_ends(d), first, "{entry}/{source}");
        }
    }
}

// Period layout 6 written as a list under the 期間 heading: each line names a
// prefecture and gives it its end; each area takes its prefecture's, and a
// period that names another prefecture is never given to an area.
#[test]
fn periods_given_prefecture_by_prefecture() {
    let text = "事務連絡\n令和7年8月18日\n\n社会保険診療報酬支払基金 御中\n\n厚生労働省保険局医療介護連携政策課\n\n令和7年8月10日からの大雨にかかる「緊急時医療情報・資格確認機能」をアクティブ化する医療機関・薬局の範囲・期間について\n\n記\n第1 対象範囲\n【山形県】酒田市、飽海郡遊佐町\n【秋田県】由利本荘市、にかほ市\n第2 期間\nア 山形県の対象地域 令和7年8月24日まで\nイ 秋田県の対象地域 令和7年8月20日まで\n以上\n";
    let d = onshi_notice::convert("inline.txt", text.as_bytes(), &onshi_notice::Options::default()).unwrap();
    assert_eq!(end_of(&d, "062049"), "Some(2025-08-24)", "酒田市");
    assert_eq!(end_of(&d, "052108"), "Some(2025-08-20)", "由利本荘市");
    assert_eq!(end_of(&d, "052141"), "Some(2025-08-20)", "にかほ市");
    // One line only: the other prefecture's areas get no period, not that one.
    let one = text.replace("イ 秋田県の対象地域 令和7年8月20日まで\n", "");
    let d = onshi_notice::convert("inline.txt", one.as_bytes(), &onshi_notice::Options::default()).unwrap();
    assert_eq!(end_of(&d, "062049"), "Some(2025-08-24)");
    assert_eq!(end_of(&d, "052108"), "None");
    assert!(diagnostic_codes(&d).contains(&"period_for_other_area"));
}

// Range layout 5 as a sentence of the body, with no 記 and no table: the names
// between `対象地域に` and `を追加`, the period from the sentence with its end.
#[test]
fn areas_added_in_a_sentence() {
    let text = "事務連絡\n令和5年7月11日\n\n社会保険診療報酬支払基金 御中\n\n厚生労働省保険局医療介護連携政策課\n\n令和5年7月7日からの大雨にかかる「緊急時医療情報・資格確認機能」をアクティブ化する医療機関・薬局の範囲・期間について（その３）\n\n令和5年7月10日付事務連絡によりお示しした対象地域に佐賀県唐津市、伊万里市、福岡県久留米市、うきは市を追加することといたしましたので、対応をお願いいたします。\nなお、期間は従前のとおり令和5年7月16日までといたします。\n";
    let d = onshi_notice::convert("inline.txt", text.as_bytes(), &onshi_notice::Options::default()).unwrap();
    assert_eq!(codes(&d).len(), 4, "{:?}", diagnostic_codes(&d));
    assert_eq!(ends(&d), ["Some(2023-07-16)"]);
}

// `同上` (ditto) in a column without a header: the column is still the
// period column, and each 同上 row takes the period above.
#[test]
fn ditto_in_a_period_column() {
    let text = "事務連絡\n令和7年5月13日\n\n社会保険診療報酬支払基金 御中\n\n厚生労働省保険局医療介護連携政策課\n\n令和7年5月10日からの大雨にかかる「緊急時医療情報・資格確認機能」をアクティブ化する医療機関・薬局の範囲・期間について\n\n記\n| 茨城県 | 龍ヶ崎市、取手市 | 令和7年5月20日まで |\n| 千葉県 | 鎌ヶ谷市 | 同上 |\n| 埼玉県 | 鶴ケ島市 | 同上 |\n以上\n";
    let d = onshi_notice::convert("inline.txt", text.as_bytes(), &onshi_notice::Options::default()).unwrap();
    assert_eq!(codes(&d).len(), 4, "{:?}", diagnostic_codes(&d));
    assert_eq!(ends(&d), ["Some(2025-05-20)"]);
}

// Areas listed without a label and the period in a sentence about it; a
// sentence that only quotes an earlier end is not the period.
#[test]
fn period_in_a_sentence_beside_an_unlabelled_list() {
    let text = "事務連絡\n令和6年2月1日\n\n社会保険診療報酬支払基金 御中\n\n厚生労働省保険局医療介護連携政策課\n\n令和6年1月30日からの大雪にかかる「緊急時医療情報・資格確認機能」をアクティブ化する医療機関・薬局の範囲・期間について\n\n記\n下記の市町村を対象とする。\n福島県いわき市\n福島県相馬市\n期間は、令和6年2月1日から令和6年2月14日までとする。\n以上\n";
    let d = onshi_notice::convert("inline.txt", text.as_bytes(), &onshi_notice::Options::default()).unwrap();
    assert_eq!(codes(&d).len(), 2, "{:?}", diagnostic_codes(&d));
    assert_eq!(ends(&d), ["Some(2024-02-14)"]);
    let quoted = text.replace(
        "期間は、令和6年2月1日から令和6年2月14日までとする。",
        "令和6年1月7日までとお示ししたところです。",
    );
    let d = onshi_notice::convert("inline.txt", quoted.as_bytes(), &onshi_notice::Options::default()).unwrap();
    assert_eq!(ends(&d), ["None"]);
}

// Browsers and some extractors set the header cells of one baseline into one
// word (`範囲期間`): the columns are still told apart by what they hold, and
// the merged header is no area.
#[test]
fn header_labels_merged_into_one_word() {
    let text = "事務連絡\n令和7年1月7日\n\n厚生労働省医薬局総務課\n\n令和6年12月28日からの大雪にかかる「緊急時医療情報・資格確認機能」をアクティブ化する医療機関・薬局の範囲・期間について\n\n記\n\n範囲期間\n【青森県】青森市、弘前市    令和7年1月13日まで\n【秋田県】秋田市            令和7年1月15日まで\n\n以上\n";
    let d = onshi_notice::convert("inline.txt", text.as_bytes(), &onshi_notice::Options::default()).unwrap();
    assert_eq!(
        code_ends(&d),
        [
            ("022012".to_owned(), "Some(2025-01-13)".to_owned()),
            ("022021".to_owned(), "Some(2025-01-13)".to_owned()),
            ("052019".to_owned(), "Some(2025-01-15)".to_owned()),
        ]
    );
    assert!(d.diagnostics.is_empty(), "{:#?}", d.diagnostics);
}
