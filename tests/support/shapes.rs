//! Large generated notices, one per input shape that once made parsing
//! superlinear (issue 13), for the linear-time benchmark
//! (`benches/linear.rs`) and the scaling test (`tests/regression.rs`).

/// A generator of about `bytes` bytes of notice text.
pub type Generator = fn(usize) -> String;

/// The shapes, by name.
pub const SHAPES: &[(&str, Generator)] = &[
    ("dates", dates),
    ("blocks", blocks),
    ("groups", groups),
    ("range", range),
];

const HEAD: &str = "事務連絡\n令和7年1月7日\n\n社会保険診療報酬支払基金 御中\n\n厚生労働省保険局医療介護連携政策課\n\n令和6年12月28日からの大雪にかかる「緊急時医療情報・資格確認機能」をアクティブ化する医療機関・薬局の範囲・期間について\n\n記\n\n";

fn fill(mut text: String, bytes: usize, unit: impl Fn(usize) -> String, tail: &str) -> String {
    let mut k = 0;
    while text.len() + tail.len() < bytes {
        text.push_str(&unit(k));
        k += 1;
    }
    text.push_str(tail);
    text
}

/// Body text full of dates, most of them cited notices without a closing
/// parenthesis or title quote (the reference finder once scanned to the end of
/// the text for each).
pub fn dates(bytes: usize) -> String {
    fill(
        String::from(HEAD),
        bytes,
        |k| match k % 3 {
            0 => format!("令和6年{}月{}日付事務連絡により(\n", k % 12 + 1, k % 28 + 1),
            1 => format!("「表題{k}」(令和5年1月{}日付事務連絡\n", k % 28 + 1),
            _ => "令和6年1月1日から令和6年1月7日まで、\n".to_owned(),
        },
        "範囲\t【青森県】青森市\n期間\t令和7年1月13日まで\n\n以上\n",
    )
}

/// Many 範囲/期間 blocks, one after the other.
pub fn blocks(bytes: usize) -> String {
    let names = ["青森市", "弘前市", "黒石市", "架空村"];
    fill(
        String::from(HEAD),
        bytes,
        |k| {
            format!(
                "範囲\t【青森県】{}\n期間\t令和7年1月{}日まで\n\n",
                names[k % names.len()],
                k % 28 + 1
            )
        },
        "以上\n",
    )
}

/// One 範囲 of many bracketed groups whose header is no prefecture.
pub fn groups(bytes: usize) -> String {
    fill(
        String::from(HEAD) + "範囲\t",
        bytes,
        |k| format!("【不明{k}】架空市、\n\t"),
        "【青森県】青森市\n期間\t令和7年1月13日まで\n\n以上\n",
    )
}

/// One 範囲 of many names on many lines, known, unknown and run together.
pub fn range(bytes: usize) -> String {
    let names = ["青森市、", "東青森町、", "弘前市黒石市、", "架空村、"];
    fill(
        String::from(HEAD) + "範囲\t【青森県】\n",
        bytes,
        |k| format!("\t{}\n", names[k % names.len()]),
        "期間\t令和7年1月13日まで\n\n以上\n",
    )
}
