//! The gazetteer and name resolution, against facts of the table and notices.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use onshi_gazetteer::{Entry, Gazetteer, Kind, Match, Piece, Resolution, Spelling, check_digit};
use proptest::prelude::*;

fn g() -> &'static Gazetteer {
    Gazetteer::bundled()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Resolves and expects one entry; returns it with how it matched.
#[track_caller]
fn found(written: &str, prefecture: Option<&str>) -> (&'static Entry, Match, Spelling) {
    match g().resolve(written, prefecture, None) {
        Resolution::Found { entry, via, spelling } => (entry, via, spelling),
        other => panic!("`{written}` under {prefecture:?}: expected Found, got {other:?}"),
    }
}

#[track_caller]
fn code_of(written: &str, prefecture: Option<&str>) -> &'static str {
    &found(written, prefecture).0.code
}

fn codes(entries: &[&Entry]) -> Vec<String> {
    entries.iter().map(|e| e.code.clone()).collect()
}

#[track_caller]
fn ambiguous(written: &str, prefecture: Option<&str>) -> Vec<String> {
    match g().resolve(written, prefecture, None) {
        Resolution::Ambiguous { candidates } => codes(&candidates),
        other => panic!("`{written}` under {prefecture:?}: expected Ambiguous, got {other:?}"),
    }
}

#[track_caller]
fn unknown(written: &str, prefecture: Option<&str>) -> Vec<String> {
    match g().resolve(written, prefecture, None) {
        Resolution::Unknown { suggestions } => codes(&suggestions),
        other => panic!("`{written}` under {prefecture:?}: expected Unknown, got {other:?}"),
    }
}

/// A compact view of segment(): `code` for found names, `pref:NN`, `?text` for unknown,
/// `~text` for ambiguous, `!code` for not in force.
fn view(pieces: &[Piece]) -> Vec<String> {
    pieces
        .iter()
        .map(|p| match &p.resolution {
            Resolution::Found { entry, .. } => entry.code.clone(),
            Resolution::Prefecture { entry } => format!("pref:{}", entry.prefecture_code),
            Resolution::Ambiguous { .. } => format!("~{}", p.text),
            Resolution::NotInForce { entry } => format!("!{}", entry.code),
            Resolution::Unknown { .. } => format!("?{}", p.text),
        })
        .collect()
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

#[test]
fn official_names_and_codes() {
    let e = g().by_code("022012").unwrap();
    assert_eq!(
        (e.prefecture.as_str(), e.name.as_str(), e.kind),
        ("青森県", "青森市", Kind::City)
    );
    let e = g().by_code("023612").unwrap();
    assert_eq!(
        (e.district.as_deref(), e.name.as_str(), e.kind),
        (Some("南津軽郡"), "藤崎町", Kind::Town)
    );
    assert_eq!(e.full_name(), "南津軽郡藤崎町");
    assert_eq!(g().by_code("39405").unwrap().name, "梼原町");
    assert_eq!(g().by_code("403440").unwrap().name, "須恵町");
    assert_eq!(g().by_code("133817").unwrap().name, "三宅村");
    assert_eq!(g().by_code("134015").unwrap().name, "八丈町");
    assert_eq!(g().by_code("１３４０１５").unwrap().name, "八丈町");
    assert_eq!(g().by_code("134016"), None);
    assert_eq!(g().by_code("13401"), g().by_code("134015"));
    assert_eq!(g().by_code("1340"), None);
    assert_eq!(g().by_code("ああ"), None);
}

// --- prefectures ---------------------------------------------------------------

#[test]
fn prefectures_as_written() {
    let code = |w: &str| g().prefecture(w).map(|e| e.code.as_str());
    assert_eq!(code("青森県"), Some("020001"));
    assert_eq!(code("青森"), Some("020001"));
    assert_eq!(code("東京"), Some("130001"));
    assert_eq!(code("東京都"), Some("130001"));
    assert_eq!(code("大阪"), Some("270008"));
    assert_eq!(code("京都府"), Some("260002"));
    assert_eq!(code("北海道"), Some("010006"));
    assert_eq!(code(" 大分 県 "), Some("440001"));
    assert_eq!(code("青森市"), None);
    assert_eq!(code("北海"), None);
    assert_eq!(code(""), None);
}

// --- resolve --------------------------------------------------------------------

#[test]
fn aomori_names() {
    assert_eq!(
        found("青森市", Some("02")),
        (g().by_code("022012").unwrap(), Match::Exact, Spelling::Official)
    );
    assert_eq!(code_of("青森市", None), "022012");
    let (e, via, _) = found("南津軽郡藤崎町", Some("02"));
    assert_eq!((e.code.as_str(), via), ("023612", Match::Exact));
    let (e, via, _) = found("藤崎町", Some("02"));
    assert_eq!((e.code.as_str(), via), ("023612", Match::WithoutDistrict));
    assert_eq!(code_of("藤崎町", Some("青森県")), "023612");
    assert_eq!(code_of("北津軽郡鶴田町", Some("02")), "023841");
    assert_eq!(code_of("鶴田町", Some("02")), "023841");
}

#[test]
fn noto_names_and_prefixes() {
    assert_eq!(code_of("輪島市", Some("17")), "172049");
    assert_eq!(code_of("鳳珠郡能登町", Some("17")), "174637");
    assert_eq!(code_of("能登町", Some("17")), "174637");
    assert_eq!(code_of("中能登町", Some("17")), "174076");
    assert_eq!(code_of("鹿島郡中能登町", Some("17")), "174076");
    assert_eq!(code_of("津幡町", Some("17")), code_of("河北郡津幡町", Some("17")));
}

#[test]
fn a_town_is_never_the_city_of_the_same_stem() {
    assert_eq!(code_of("釧路町", None), "016616");
    assert_eq!(code_of("釧路郡釧路町", Some("01")), "016616");
    assert_eq!(code_of("釧路市", None), "012068");
    assert_eq!(code_of("府中町", Some("34")), "343021");
    assert_eq!(code_of("府中町", None), "343021");
    assert_eq!(code_of("府中市", Some("34")), "342084");
    assert_eq!(code_of("府中市", Some("13")), "132063");
    assert_eq!(ambiguous("府中市", None), ["132063", "342084"]);
    for (town, city) in [("越前町", "越前市"), ("四万十町", "四万十市"), ("土佐町", "土佐市")] {
        let (t, _, _) = found(town, None);
        let (c, _, _) = found(city, None);
        assert_eq!((t.kind, c.kind), (Kind::Town, Kind::City), "{town} / {city}");
        assert_ne!(t.code, c.code);
    }
    // Under another prefecture it is not found, but named as a suggestion.
    assert_eq!(unknown("釧路町", Some("02")), ["016616"]);
    assert_eq!(unknown("府中町", Some("13")), ["343021"]);
}

#[test]
fn wards_and_special_wards() {
    let (e, via, _) = found("福岡市東区", Some("40"));
    assert_eq!((e.code.as_str(), e.kind, via), ("401315", Kind::Ward, Match::Exact));
    assert_eq!(code_of("福岡市東区", None), "401315");
    // A ward name alone: only within a prefecture where it is unique.
    let (e, via, _) = found("東区", Some("40"));
    assert_eq!((e.code.as_str(), via), ("401315", Match::WardWithoutCity));
    assert!(ambiguous("東区", None).len() > 5);
    assert_eq!(ambiguous("博多区", None), ["401323"]);
    assert!(ambiguous("中区", None).contains(&"141046".to_owned()));
    assert_eq!(ambiguous("北区", Some("27")), ["271276", "271462"]);
    // 特別区
    let (e, _, _) = found("千代田区", Some("13"));
    assert_eq!((e.code.as_str(), e.kind), ("131016", Kind::SpecialWard));
    assert_eq!(code_of("北区", Some("東京都")), "131172");
    assert!(ambiguous("北区", None).contains(&"131172".to_owned()));
    // A designated city is the city row.
    let (e, _, _) = found("横浜市", None);
    assert_eq!((e.code.as_str(), e.kind), ("141003", Kind::DesignatedCity));
}

#[test]
fn variant_spellings_fold_to_the_official_name() {
    let (e, _, spelling) = found("龍ヶ崎市", None);
    assert_eq!((e.code.as_str(), spelling), ("082082", Spelling::Variant));
    assert_eq!(found("龍ケ崎市", None).2, Spelling::Official);
    assert_eq!(code_of("竜ケ崎市", Some("08")), "082082");
    let (e, via, spelling) = found("檮原町", Some("39"));
    assert_eq!(
        (e.name.as_str(), via, spelling),
        ("梼原町", Match::WithoutDistrict, Spelling::Variant)
    );
    assert_eq!(code_of("高岡郡檮原町", None), "394050");
    assert_eq!(found("須惠町", Some("40")).0.name, "須恵町");
    assert_eq!(code_of("茅ケ崎市", None), "142077");
    assert_eq!(code_of("鯵ヶ沢町", None), "023213");
    // 嶋 folds to 島, but a name written exactly as one official name is that one.
    assert_eq!(code_of("鹿島市", None), "412074");
    assert_eq!(code_of("鹿嶋市", None), "082228");
    assert_eq!(code_of("鹿島市", Some("08")), "082228");
    assert_eq!(ambiguous("鹿嶌市", None), ["082228", "412074"]);
    let (e, _, spelling) = found("青森　市", None);
    assert_eq!((e.code.as_str(), spelling), ("022012", Spelling::Width));
    assert_eq!(found(" 青森市 ", None).2, Spelling::Official);
    assert_eq!(found("ﾆｾｺ町", None).2, Spelling::Width);
    assert_eq!(code_of("つがる市", None), "022098");
}

#[test]
fn a_prefecture_written_in_front_sets_the_scope() {
    let (e, via, spelling) = found("大分県中津市", None);
    assert_eq!(
        (e.code.as_str(), via, spelling),
        ("442038", Match::Exact, Spelling::Official)
    );
    assert_eq!(code_of("東京都府中市", None), "132063");
    assert_eq!(code_of("広島府中市", Some("13")), "342084");
    assert_eq!(code_of("東京都北区", None), "131172");
    assert_eq!(code_of("京都府京都市", None), "261009");
    assert_eq!(found("大分 県中津市", None).2, Spelling::Width);
    assert!(
        matches!(g().resolve("大分県", Some("02"), None), Resolution::Prefecture { entry } if entry.code == "440001")
    );
}

#[test]
fn a_wrong_district_is_not_accepted() {
    // 藤崎町 is in 南津軽郡, not 北津軽郡.
    // The name found inside comes first; names one or two edits away follow.
    assert_eq!(unknown("北津軽郡藤崎町", Some("02"))[0], "023612");
    assert_eq!(unknown("鳳珠郡中能登町", Some("17"))[0], "174076");
}

#[test]
fn unknown_names_come_with_suggestions() {
    assert_eq!(unknown("五所川源市", Some("02")), ["022055"]);
    // Same stem, other kind: a suggestion, never a match.
    assert_eq!(unknown("能登市", Some("17")), ["172111", "174637"]);
    assert_eq!(unknown("三宅島三宅村", Some("13")), ["133817"]);
    assert_eq!(unknown("八丈島八丈町", None), ["134015"]);
    assert!(unknown("存在しない村", None).is_empty());
    assert!(unknown("", None).is_empty());
    // A prefecture argument that is none gives nothing in scope.
    assert_eq!(unknown("青森市", Some("99")), ["022012"]);
}

#[test]
fn counts_and_rules_are_not_names() {
    for w in [
        "全域",
        "全市町村",
        "全43市町村",
        "全４３市町村",
        "4県47市町村",
        "2県18市町",
        "他の29市町村",
        "市",
        "町",
        "区",
    ] {
        assert!(unknown(w, None).is_empty(), "{w}");
        assert!(unknown(w, Some("17")).is_empty(), "{w}");
    }
}

#[test]
fn dates_select_what_was_in_force() {
    let r = g().resolve("浜松市中区", Some("22"), Some(day("2024-06-01")));
    assert!(
        matches!(r, Resolution::NotInForce { entry } if entry.code == "221317"),
        "{r:?}"
    );
    let r = g().resolve("浜松市中区", Some("22"), Some(day("2023-06-01")));
    assert_eq!(r.found().map(|e| e.code.as_str()), Some("221317"));
    let r = g().resolve("浜松市中央区", Some("22"), Some(day("2023-06-01")));
    assert!(
        matches!(r, Resolution::NotInForce { entry } if entry.code == "221384"),
        "{r:?}"
    );
    let r = g().resolve("浜松市中央区", Some("22"), Some(day("2024-06-01")));
    assert_eq!(r.found().map(|e| e.code.as_str()), Some("221384"));
    // The same name before and after: 天竜区 changed its code.
    let on = |d: &str| {
        g().resolve("浜松市天竜区", None, Some(day(d)))
            .found()
            .map(|e| e.code.clone())
    };
    assert_eq!(on("2023-12-31").as_deref(), Some("221376"));
    assert_eq!(on("2024-01-01").as_deref(), Some("221406"));
    // Without a date: what is in force now.
    assert_eq!(code_of("浜松市天竜区", None), "221406");
    assert!(matches!(
        g().resolve("浜松市中区", None, None),
        Resolution::NotInForce { .. }
    ));
    // 中区 in 静岡 existed only in Hamamatsu; elsewhere it still does.
    assert!(matches!(
        g().resolve("中区", Some("22"), Some(day("2024-06-01"))),
        Resolution::NotInForce { .. }
    ));
    assert_eq!(
        g().resolve("中区", Some("22"), Some(day("2023-06-01")))
            .found()
            .unwrap()
            .code,
        "221317"
    );
    let r = g().resolve("中区", None, Some(day("2024-06-01")));
    let Resolution::Ambiguous { candidates } = r else {
        panic!("{r:?}")
    };
    assert!(candidates.iter().all(|e| e.prefecture_code != "22"));
}

// --- segment --------------------------------------------------------------------

#[test]
fn segment_splits_names_without_separator() {
    assert_eq!(
        view(&g().segment("黒石市五所川原市", Some("02"), None)),
        ["022047", "022055"]
    );
    let pieces = g().segment("黒石市五所川原市", Some("02"), None);
    assert_eq!((pieces[1].span.clone(), pieces[1].text), (9..24, "五所川原市"));
}

#[test]
fn segment_reads_a_fused_prefecture() {
    assert_eq!(view(&g().segment("大分県中津市", None, None)), ["pref:44", "442038"]);
    assert_eq!(view(&g().segment("佐賀県佐賀市", None, None)), ["pref:41", "412015"]);
    // Layout 5: several prefectures inside one list, each fused to its first name.
    let text = "佐賀県佐賀市、唐津市、伊万里市、大分県中津市、日田市";
    assert_eq!(
        view(&g().segment(text, None, None)),
        ["pref:41", "412015", "412023", "412058", "pref:44", "442038", "442046"]
    );
    // Prefectures without 県 (layout 10).
    assert_eq!(
        view(&g().segment("新潟、富山、石川、福井の47市町村", None, None)),
        ["pref:15", "pref:16", "pref:17", "pref:18", "?の47市町村"]
    );
}

#[test]
fn segment_keeps_the_district_with_its_town() {
    let pieces = g().segment("南津軽郡藤崎町", None, None);
    assert_eq!(view(&pieces), ["023612"]);
    assert_eq!(pieces[0].text, "南津軽郡藤崎町");
    assert_eq!(
        view(&g().segment("中能登町鳳珠郡穴水町", Some("17"), None)),
        ["174076", "174611"]
    );
    assert_eq!(
        view(&g().segment("能登町、中能登町", Some("17"), None)),
        ["174637", "174076"]
    );
    // A wrong 郡 stays attached to its name and is reported.
    assert_eq!(
        view(&g().segment("北津軽郡藤崎町、黒石市", Some("02"), None)),
        ["?北津軽郡藤崎町", "022047"]
    );
}

#[test]
fn segment_the_aomori_range_line() {
    // The 範囲 line of the 2025-01-07 notice on the heavy snow in Aomori.
    let line = "範囲\t【青森県】青森市、弘前市、黒石市、五所川原市、平川市 南津軽郡藤崎町、南津軽郡大鰐町、南津軽郡田舎館村 北津軽郡板柳町、北津軽郡鶴田町";
    let pieces = g().segment(line, None, Some(day("2025-01-07")));
    assert_eq!(
        view(&pieces),
        [
            "?範囲", "pref:02", "022012", "022021", "022047", "022055", "022101", "023612", "023621", "023671",
            "023817", "023841"
        ]
    );
    for p in &pieces {
        assert_eq!(&line[p.span.clone()], p.text);
    }
    assert_eq!(pieces[7].text, "南津軽郡藤崎町");
}

#[test]
fn segment_handles_spaces_widths_and_leftovers() {
    // A stray space inside a name is tolerated...
    assert_eq!(view(&g().segment("五所川原 市", Some("02"), None)), ["022055"]);
    // ...but a space after a complete name separates it.
    assert_eq!(view(&g().segment("千葉 市川市", None, None)), ["pref:12", "122033"]);
    assert_eq!(view(&g().segment("ﾆｾｺ町，倶知安町", None, None)), ["013951", "014001"]);
    assert_eq!(
        view(&g().segment("▽石川県=金沢市、輪島市▽富山県=氷見市―。", None, None)),
        ["pref:17", "172014", "172049", "pref:16", "162051"]
    );
    assert_eq!(
        view(&g().segment("田川郡添田町 ※7月10日19時30分追加", Some("40"), None)),
        ["406023", "?※7月10日19時30分追加"]
    );
    assert_eq!(
        view(&g().segment("東京都千代田区、港区", None, None)),
        ["pref:13", "131016", "131032"]
    );
    assert_eq!(
        view(&g().segment("京都府京都市北区", None, None)),
        ["pref:26", "261017"]
    );
    assert_eq!(
        view(&g().segment("福岡県東区、博多区", None, None)),
        ["pref:40", "401315", "401323"]
    );
    assert_eq!(view(&g().segment("北区", None, None)), ["~北区"]);
    assert_eq!(view(&g().segment("全域", Some("17"), None)), ["?全域"]);
    assert_eq!(view(&g().segment("全43市町村", Some("17"), None)), ["?全43市町村"]);
    assert_eq!(view(&g().segment("府中市", None, None)), ["~府中市"]);
    assert_eq!(
        view(&g().segment("浜松市中区", None, Some(day("2024-06-01")))),
        ["!221317"]
    );
    assert!(g().segment("", None, None).is_empty());
    assert!(g().segment("、 、", None, None).is_empty());
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
