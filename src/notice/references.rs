//! Earlier notices the text refers to: `「title」（令和5年1月26日付事務連絡）`.

use super::Reference;
use onshi_pdf_text::normalize::Line;
use onshi_wareki as era;

/// Document types that make a dated parenthesis a reference.
const DOCUMENT_TYPES: &[&str] = &["事務連絡", "通知", "通達"];

/// Find references in the body lines, in order of appearance, each date once.
pub fn find(body: &[Line]) -> Vec<Reference> {
    // Sentences wrap across lines; references are found in the joined text.
    let text: String = body.iter().map(Line::compact).collect();
    let mut references: Vec<Reference> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for scanned in era::find_dates(&text) {
        let Ok(era::FoundDate {
            date: era::PartialDate::Full(date),
            ..
        }) = scanned.result
        else {
            continue;
        };
        let Some(document_type) = document_type_after(&text[scanned.span.end..]) else {
            continue;
        };
        let title = title_before(&text[..scanned.span.start]);
        if !seen.insert((date, title.clone())) {
            continue;
        }
        references.push(Reference {
            issued_on: date,
            document_type: Some(document_type.to_owned()),
            title,
        });
    }
    references
}

/// `付事務連絡)`, `厚生労働省保険局医療介護連携政策課事務連絡)` (the rest of a
/// parenthesis), or `付事務連絡により` in running text: the date is a notice's.
fn document_type_after(rest: &str) -> Option<&'static str> {
    if let Some(found) = running_document_type(rest) {
        return DOCUMENT_TYPES.iter().copied().find(|t| *t == found);
    }
    // Only the next 41 characters can close the parenthesis: never search further.
    let window = rest
        .char_indices()
        .nth(MAX_INNER + 1)
        .map_or(rest, |(at, _)| &rest[..at]);
    let inner = &window[..window.find(')')?];
    if inner.chars().count() > MAX_INNER || inner.contains('(') {
        return None;
    }
    DOCUMENT_TYPES.iter().copied().find(|t| inner.ends_with(t))
}

/// The most characters between a reference's date and its closing `)`.
const MAX_INNER: usize = 40;

/// The longest title looked for: a title runs to about 100 characters, and
/// each date must cost a bounded look back, not a scan to the start of the text.
const MAX_TITLE_CHARS: usize = 1000;
/// The document type of `付事務連絡`, `付けの厚生労働省…課事務連絡`, as group 1 of the
/// regex `^付け?(?:の|で)?(?:厚生労働省[^、。()「」]{0,30}?)?(事務連絡|通知|通達)`:
/// after an issuer, the first type within 30 characters.
fn running_document_type(rest: &str) -> Option<&'static str> {
    const TYPES: [&str; 3] = ["事務連絡", "通知", "通達"];
    let rest = rest.strip_prefix('付')?;
    let rest = rest.strip_prefix('け').unwrap_or(rest);
    let rest = rest.strip_prefix(['の', 'で']).unwrap_or(rest);
    let type_at = |text: &str| TYPES.iter().copied().find(|t| text.starts_with(t));
    let Some(issuer) = rest.strip_prefix("厚生労働省") else {
        return type_at(rest);
    };
    issuer
        .char_indices()
        .take_while(|&(_, c)| !matches!(c, '、' | '。' | '(' | ')' | '「' | '」'))
        .take(31)
        .find_map(|(at, _)| type_at(&issuer[at..]))
}

/// The `「…」` (nesting allowed) directly before the `(` that holds the date.
fn title_before(before: &str) -> Option<String> {
    let before = before.strip_suffix('(')?;
    let inner = before.strip_suffix('」')?;
    let mut depth = 0usize;
    for (i, c) in inner.char_indices().rev().take(MAX_TITLE_CHARS) {
        match c {
            '」' => depth += 1,
            '「' if depth == 0 => return Some(inner[i + c.len_utf8()..].to_owned()),
            '「' => depth -= 1,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use onshi_pdf_text::normalize::normalize;

    #[test]
    fn seed_reference_with_nested_quotes() {
        let body = normalize(&["アクティブ化範囲等については、「オンライン資格確認等システムにおける『緊急時医療情報・資格確認機能』を\nアクティブ化する医療機関・薬局の範囲・期間について」（令和5年1月26日付事務連絡）にてお示ししたところ、令和6年3月1日以降、".to_owned()]).lines;
        let refs = find(&body);
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].issued_on, NaiveDate::from_ymd_opt(2023, 1, 26).unwrap());
        assert_eq!(refs[0].document_type.as_deref(), Some("事務連絡"));
        assert_eq!(
            refs[0].title.as_deref(),
            Some(
                "オンライン資格確認等システムにおける『緊急時医療情報・資格確認機能』をアクティブ化する医療機関・薬局の範囲・期間について"
            )
        );
    }

    #[test]
    fn reference_in_running_text() {
        let body = normalize(&[
            "については、令和6年1月1日付事務連絡により、令和6年1月7日までとお示ししたところです。".to_owned(),
        ])
        .lines;
        let refs = find(&body);
        assert_eq!(refs.len(), 1);
        assert_eq!(
            (refs[0].issued_on.to_string(), refs[0].title.as_deref()),
            ("2024-01-01".to_owned(), None)
        );
    }

    #[test]
    fn issuer_named_reference_without_title() {
        let body = normalize(&[
            "なお、「A」(令和4年3月17日厚生労働省保険局医療介護連携政策課事務連絡)は廃止します。".to_owned(),
        ])
        .lines;
        let refs = find(&body);
        assert_eq!(refs[0].title.as_deref(), Some("A"));
        assert_eq!(refs[0].issued_on, NaiveDate::from_ymd_opt(2022, 3, 17).unwrap());
    }

    #[test]
    fn document_type_in_running_text() {
        assert_eq!(running_document_type("付事務連絡)"), Some("事務連絡"));
        assert_eq!(running_document_type("付けの厚生労働省保険局通知により"), Some("通知"));
        assert_eq!(running_document_type("付厚生労働省、事務連絡"), None);
        assert_eq!(running_document_type("事務連絡"), None);
        let far = format!("付厚生労働省{}事務連絡", "課".repeat(31));
        assert_eq!(running_document_type(&far), None);
    }

    proptest::proptest! {
        #[test]
        fn running_document_type_matches_its_regex(rest in crate::notice::text_of::words(&[
            "付", "け", "の", "で", "厚生労働省", "保険局医療介護連携政策課", "、", "(", "「", "事務連絡", "通知", "通達", "事務", "x",
        ])) {
            let regex = regex::Regex::new(r"^付け?(?:の|で)?(?:厚生労働省[^、。()「」]{0,30}?)?(事務連絡|通知|通達)").unwrap();
            let expected = regex.captures(&rest).map(|c| c.get(1).unwrap().as_str());
            proptest::prop_assert_eq!(running_document_type(&rest), expected);
        }
    }
}
