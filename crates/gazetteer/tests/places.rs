//! The table as a whole: check digits, row counts, uniqueness, Hamamatsu's
//! dates, every name resolving to itself, and properties of resolution and
//! segmentation on generated text. The cases of single names and lists are in
//! `place_cases.txt` (run by `place_cases.rs`).

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use onshi_gazetteer::{Entry, Gazetteer, Kind, Resolution, check_digit};
use proptest::prelude::*;

fn g() -> &'static Gazetteer {
    Gazetteer::bundled()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

// --- the table ---------------------------------------------------------------

#[test]
fn every_check_digit_is_valid() {
    for e in g().iter() {
        let d = e.code.as_bytes();
        let s: u32 = (0..5).map(|i| u32::from(d[i] - b'0') * (6 - i as u32)).sum();
        let expected = (11 - s % 11) % 10;
        assert_eq!(u32::from(d[5] - b'0'), expected, "{} {}", e.code, e.name);
        assert_eq!(check_digit(&e.code[..5]), e.code.chars().nth(5));
    }
}

#[test]
fn row_counts_per_kind_are_as_documented() {
    let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
    for e in g().iter() {
        *counts.entry(e.kind).or_default() += 1;
    }
    let expected = BTreeMap::from([
        (Kind::Prefecture, 47),
        (Kind::DesignatedCity, 20),
        (Kind::City, 772),
        (Kind::SpecialWard, 23),
        (Kind::Ward, 178),
        (Kind::Town, 743),
        (Kind::Village, 183),
    ]);
    assert_eq!(counts, expected);
    assert_eq!(g().len(), 1966);
    let current_wards = g()
        .iter()
        .filter(|e| e.kind == Kind::Ward && e.valid_to.is_none())
        .count();
    assert_eq!(current_wards, 171);
    let with_district = g().iter().filter(|e| e.district.is_some()).count();
    assert_eq!(with_district, 917);
    assert!(
        g().iter()
            .all(|e| e.district.is_none() || matches!(e.kind, Kind::Town | Kind::Village))
    );
}

#[test]
fn codes_are_unique_and_names_unique_per_prefecture_on_any_day() {
    let mut seen = HashSet::new();
    for e in g().iter() {
        assert!(seen.insert(&e.code), "code {} twice", e.code);
        assert_eq!(&e.code[..2], e.prefecture_code);
    }
    for on in [
        None,
        Some(day("2018-10-01")),
        Some(day("2023-12-31")),
        Some(day("2024-01-01")),
    ] {
        let mut names = HashSet::new();
        for e in g().iter().filter(|e| e.in_force(on)) {
            assert!(
                names.insert((&e.prefecture_code, e.full_name())),
                "{} twice on {on:?}",
                e.name
            );
        }
    }
}

#[test]
fn every_name_resolves_to_itself() {
    // Variant folding is applied to the table too; it must not make two different places
    // of one prefecture look the same, nor make a name find another place anywhere.
    for on in [None, Some(day("2023-12-31"))] {
        for e in g().iter().filter(|e| e.in_force(on) && e.kind != Kind::Prefecture) {
            for written in [e.full_name(), e.name.clone()] {
                let r = g().resolve(&written, Some(&e.prefecture_code), on);
                assert_eq!(r.found(), Some(e), "{written} under {}", e.prefecture);
                match g().resolve(&written, None, on) {
                    Resolution::Found { entry, .. } => assert_eq!(entry, e, "{written}"),
                    Resolution::Ambiguous { candidates } => {
                        assert!(candidates.contains(&e), "{written}")
                    }
                    other => panic!("{written}: {other:?}"),
                }
            }
        }
    }
}

#[test]
fn hamamatsu_reorganisation_has_dates() {
    let by = |c: &str| g().by_code(c).unwrap();
    for c in ["221317", "221325", "221333", "221341", "221350", "221368", "221376"] {
        assert_eq!(by(c).valid_to, Some(day("2023-12-31")), "{c}");
    }
    for c in ["221384", "221392", "221406"] {
        assert_eq!(by(c).valid_from, Some(day("2024-01-01")), "{c}");
    }
    assert_eq!(by("221384").name, "浜松市中央区");
    assert_eq!(
        g().iter()
            .filter(|e| e.valid_from.is_some() || e.valid_to.is_some())
            .count(),
        10
    );
}

proptest! {
    #[test]
    fn resolve_and_segment_never_panic(text in "\\PC{0,40}", pref in proptest::option::of("[0-9]{2}|青森県|東京")) {
        let _ = g().resolve(&text, pref.as_deref(), None);
        let pieces = g().segment(&text, pref.as_deref(), Some(day("2024-01-01")));
        let mut last = 0;
        for p in &pieces {
            prop_assert!(text.is_char_boundary(p.span.start) && text.is_char_boundary(p.span.end));
            prop_assert!(p.span.start >= last && p.span.start < p.span.end);
            prop_assert_eq!(&text[p.span.clone()], p.text);
            last = p.span.end;
        }
    }

    #[test]
    fn segment_never_panics_on_name_like_text(
        text in "[青森市町村郡区県都府東京大阪中能登津軽藤崎 、・ｶﾞｹヶが龍竜ﾞ　]{0,30}",
    ) {
        for pref in [None, Some("02"), Some("17")] {
            let pieces = g().segment(&text, pref, None);
            let mut last = 0;
            for p in &pieces {
                prop_assert!(p.span.start >= last && p.span.start < p.span.end);
                prop_assert_eq!(&text[p.span.clone()], p.text);
                last = p.span.end;
            }
            let _ = g().resolve(&text, pref, None);
        }
    }

    #[test]
    fn segment_finds_names_joined_in_any_way(
        picks in proptest::collection::vec(0usize..1966, 1..6),
        sep in proptest::sample::select(vec!["、", "", " ", "，", "・"]),
    ) {
        // Current municipalities of one prefecture, written with their 郡, are found back.
        let all: Vec<&Entry> = g().iter().filter(|e| e.kind != Kind::Prefecture && e.in_force(None)).collect();
        let pref = &all[picks[0] % all.len()].prefecture_code;
        let local: Vec<&Entry> = all.iter().copied().filter(|e| &e.prefecture_code == pref).collect();
        let chosen: Vec<&Entry> = picks.iter().map(|&i| local[i % local.len()]).collect();
        let text = chosen.iter().map(|e| e.full_name()).collect::<Vec<_>>().join(sep);
        let pieces = g().segment(&text, Some(pref), None);
        let got: Vec<Option<&str>> = pieces.iter().map(|p| p.resolution.found().map(|e| e.code.as_str())).collect();
        let want: Vec<Option<&str>> = chosen.iter().map(|e| Some(e.code.as_str())).collect();
        // Joined without a separator, a ward after its own city reads as the city's ward
        // and "X市" + "Y区" may spell another name; only check separated lists fully.
        if !sep.is_empty() && sep != " " {
            prop_assert_eq!(got, want, "{}", text);
        }
    }
}
