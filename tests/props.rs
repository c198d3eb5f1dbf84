//! Properties over generated input: conversion never panics, is
//! deterministic, and every document it gives validates against the schema.

use std::path::Path;
use std::sync::LazyLock;

use proptest::prelude::*;

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/notice.schema.json");
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
});

/// Pieces that notices are made of, so that generated text reaches deep into the parser.
const FRAGMENTS: &[&str] = &[
    "事務連絡",
    "事 務 連 絡",
    "令和7年1月7日",
    "令 和 6 年 1 2 月 2 8 日",
    "御中",
    "}",
    "厚生労働省保険局医療介護連携政策課",
    "からの大雪にかかる",
    "オンライン資格確認等システムにおける",
    "「緊急時医療情報・資格確認機能」",
    "をアクティブ化する",
    "医療機関・薬局の範囲・期間について",
    "の延長等について",
    "(その2)",
    "記",
    "以上",
    "範囲",
    "期間",
    "\t",
    "\n",
    " ",
    "、",
    "【青森県】",
    "【石川県】",
    "［北海道］",
    "▽富山県=",
    "青森市",
    "南津軽郡藤崎町",
    "藤崎町",
    "能登町",
    "中能登町",
    "釧路町",
    "中区",
    "全域",
    "47市町村",
    "他の29市町村",
    "災害救助法の適用第一報から一週間",
    "(※)",
    "※令和7年1月13日まで",
    "7日まで",
    "14日まで",
    "7月8日~7月14日",
    "閉塞日時",
    "24時00分",
    "当面の間",
    "(参考1)",
    "「",
    "」",
    "(",
    ")",
    "付事務連絡",
    "追加",
    "を追加",
    "※7月10日19時30分追加",
    "元年",
    "平成31年5月1日",
    "令和7年2月30日",
    "R7.1.13",
    "七年一月十三日",
    "０１２",
];

fn notice_like() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(FRAGMENTS).prop_map(str::to_owned),
            1 => any::<String>(),
            1 => "[ぁ-ゖァ-ヺ一-龯0-9、。\\n]{0,12}",
        ],
        0..80,
    )
    .prop_map(|parts| parts.concat())
}

fn check(bytes: &[u8]) {
    let options = onshi_notice::Options::default();
    let first = onshi_notice::convert("p.txt", bytes, &options);
    let second = onshi_notice::convert("p.txt", bytes, &options);
    match (first, second) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b);
            let value = serde_json::to_value(&a).unwrap();
            let errors: Vec<String> = VALIDATOR.iter_errors(&value).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{errors:?}");
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (a, b) => panic!("not deterministic: {a:?} / {b:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn notice_like_text(text in notice_like()) {
        check(text.as_bytes());
    }

    #[test]
    fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes);
    }

    #[test]
    fn any_string(text in any::<String>()) {
        check(text.as_bytes());
    }
}

/// Text made of what periods are written with, so that generated cells come
/// close to real ones.
fn period_text() -> impl Strategy<Value = String> {
    prop::string::string_regex("[令和平成元年月日時分午前後まで迄から終了延長※（）()～~、。0-9０-９一二三十 \n]{0,48}")
        .expect("a valid pattern")
}

proptest! {
    #[test]
    fn a_period_is_read_from_any_cell_without_panic(
        cell in period_text(),
        footnote in period_text(),
        days in 0u64..80_000,
    ) {
        use onshi_notice::periods::parse_period;
        let notice = chrono::NaiveDate::from_ymd_opt(1873, 1, 1).unwrap() + chrono::Days::new(days);
        let (period, notes) = parse_period(&cell, &[footnote.as_str()], notice);
        prop_assert_eq!(&period.text, &cell);
        for note in notes {
            prop_assert!(cell.get(note.span.clone()).is_some(), "{:?}", note);
        }
    }

    #[test]
    fn a_period_is_read_from_any_text_without_panic(cell in any::<String>(), footnote in any::<String>()) {
        let notice = chrono::NaiveDate::from_ymd_opt(2025, 1, 7).unwrap();
        let _ = onshi_notice::periods::parse_period(&cell, &[footnote.as_str()], notice);
    }
}
