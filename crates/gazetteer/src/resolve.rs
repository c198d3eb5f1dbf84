//! Resolving one written name against the indexes.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::table::RowText;
#[cfg(test)]
use super::variants::glyph;
use super::variants::{fold, fold_width, is_connective_ke};
use super::{Entry, Form, Gazetteer, Match, Resolution, Spelling};

/// At most this many suggestions come with an unknown name.
const MAX_SUGGESTIONS: usize = 8;

/// Which prefecture a name is looked up in.
#[derive(Debug, Clone, Copy)]
pub(super) enum Scope<'g> {
    Anywhere,
    /// A prefecture code such as `02`.
    Prefecture(&'g str),
    /// A prefecture was given but is not one: nothing is in scope.
    Nowhere,
}

impl<'g> Scope<'g> {
    /// Reads a prefecture given as a code (`02`, also a full `020001`) or as a name.
    pub(super) fn parse(g: &'g Gazetteer, prefecture: Option<&str>) -> Scope<'g> {
        let Some(written) = prefecture else {
            return Scope::Anywhere;
        };
        let folded = fold(written);
        let code = if folded.bytes().all(|b| b.is_ascii_digit()) && matches!(folded.len(), 2 | 6) {
            g.prefecture_entry(&folded[..2]).map(|i| g.entry(i))
        } else {
            g.prefecture(written)
        };
        match code {
            Some(entry) => Scope::Prefecture(&entry.prefecture_code),
            None => Scope::Nowhere,
        }
    }

    pub(super) fn of(entry: &'g Entry) -> Scope<'g> {
        Scope::Prefecture(&entry.prefecture_code)
    }

    fn admits(self, g: &Gazetteer, entry: usize) -> bool {
        match self {
            Scope::Anywhere => true,
            Scope::Prefecture(code) => g.prefecture_code(entry) == code.as_bytes(),
            Scope::Nowhere => false,
        }
    }
}

pub(super) fn resolve<'g>(
    g: &'g Gazetteer,
    written: &str,
    prefecture: Option<&str>,
    on: Option<NaiveDate>,
) -> Resolution<'g> {
    resolve_in(g, written, Scope::parse(g, prefecture), on)
}

pub(super) fn resolve_in<'g>(
    g: &'g Gazetteer,
    written: &str,
    scope: Scope<'g>,
    on: Option<NaiveDate>,
) -> Resolution<'g> {
    let key = fold(written);
    if let Some(id) = g.target(&key) {
        return decide(g, id, written, scope, on, None);
    }
    // A prefecture fused to the name (`大分県中津市`) sets the scope itself.
    for (pref, rest_at) in prefecture_prefixes(g, &key) {
        if let Some(id) = g.target(&key[rest_at..])
            && !g.forms(id).is_empty()
        {
            return decide(g, id, written, Scope::of(pref), on, Some(pref));
        }
    }
    Resolution::Unknown {
        suggestions: suggest(g, &key, scope),
    }
}

/// The outcome for a key that is in the index. `written` is the text as given, used to
/// tell how it was spelt; `prefix` the prefecture written in front of it, if any.
pub(super) fn decide<'g>(
    g: &'g Gazetteer,
    id: usize,
    written: &str,
    scope: Scope<'g>,
    on: Option<NaiveDate>,
    prefix: Option<&'g Entry>,
) -> Resolution<'g> {
    if let Some(p) = g.targets[id].prefecture {
        return Resolution::Prefecture { entry: g.entry(p) };
    }
    let in_scope: Vec<Form> = g
        .forms(id)
        .iter()
        .copied()
        .filter(|f| scope.admits(g, f.entry))
        .collect();
    if in_scope.is_empty() {
        // Known elsewhere only: 釧路町 under 青森 is not 青森's to claim.
        let suggestions = entries_of(g, g.forms(id).iter().copied());
        return Resolution::Unknown { suggestions };
    }
    let in_force: Vec<Form> = in_scope
        .iter()
        .copied()
        .filter(|f| g.row(f.entry).in_force(on))
        .collect();
    let in_force = prefer_exact_spelling(g, in_force, written, prefix);
    match in_force.as_slice() {
        // A ward name alone stands for a ward only within a known prefecture.
        [form] if form.via == Match::WardWithoutCity && matches!(scope, Scope::Anywhere) => Resolution::Ambiguous {
            candidates: vec![g.entry(form.entry)],
        },
        [form] => {
            let official = official_form(g.row(form.entry), *form);
            let spelling = spelling(written, &official, prefix);
            let folded = match spelling {
                Spelling::Variant => folded_glyphs(written, &official, prefix),
                Spelling::Official | Spelling::Width => Vec::new(),
            };
            Resolution::Found {
                entry: g.entry(form.entry),
                via: form.via,
                spelling,
                folded,
            }
        }
        [] => {
            let gone = prefer_exact_spelling(g, in_scope, written, prefix);
            match gone.as_slice() {
                [form] => Resolution::NotInForce {
                    entry: g.entry(form.entry),
                },
                _ => Resolution::Ambiguous {
                    candidates: entries_of(g, gone.iter().copied()),
                },
            }
        }
        _ => Resolution::Ambiguous {
            candidates: entries_of(g, in_force.iter().copied()),
        },
    }
}

/// Folding can make two official names meet (鹿嶋市 in 茨城, 鹿島市 in 佐賀). A name written
/// exactly as one of them is that one; only when all matches are variants are they all kept.
fn prefer_exact_spelling(g: &Gazetteer, forms: Vec<Form>, written: &str, prefix: Option<&Entry>) -> Vec<Form> {
    if forms.len() < 2 {
        return forms;
    }
    let exact: Vec<Form> = forms
        .iter()
        .copied()
        .filter(|f| {
            let official = official_form(g.row(f.entry), *f);
            spelling(written, &official, prefix) != Spelling::Variant
        })
        .collect();
    if exact.is_empty() { forms } else { exact }
}

/// The official text of a written form: `南津軽郡藤崎町`, `藤崎町` or `東区`.
fn official_form(row: RowText<'_>, form: Form) -> Cow<'_, str> {
    match form.via {
        Match::Exact => match row.district {
            Some(_) => Cow::Owned(row.full_name()),
            None => Cow::Borrowed(row.name),
        },
        Match::WithoutDistrict => Cow::Borrowed(row.name),
        Match::WardWithoutCity => Cow::Borrowed(row.name.get(form.offset..).unwrap_or(row.name)),
    }
}

/// The texts that spell `official` exactly: itself, or with the prefecture written in
/// front of it (`大分県中津市`, `大分中津市`).
fn expected_forms<'a>(official: &'a str, prefix: Option<&Entry>) -> Vec<Cow<'a, str>> {
    match prefix {
        None => vec![Cow::Borrowed(official)],
        Some(p) => std::iter::once(p.name.as_str())
            .chain(p.name.strip_suffix(['都', '府', '県']))
            .map(|head| Cow::Owned(format!("{head}{official}")))
            .collect(),
    }
}

pub(super) fn spelling(written: &str, official: &str, prefix: Option<&Entry>) -> Spelling {
    let expected = expected_forms(official, prefix);
    let raw = written.trim();
    if expected.iter().any(|e| e == raw) {
        return Spelling::Official;
    }
    let width = fold_width(written);
    let expected_width: Vec<String> = expected.iter().map(|e| fold_width(e)).collect();
    if expected_width.contains(&width) {
        Spelling::Width
    } else {
        Spelling::Variant
    }
}

/// The characters of `written` that match `official` only as another glyph: `(as written,
/// as the official name has it)`, in order, each pair once. Width, spacing and the
/// connective ケ/ヶ/が are not glyph differences.
fn folded_glyphs(written: &str, official: &str, prefix: Option<&Entry>) -> Vec<(char, char)> {
    let written: Vec<char> = fold_width(written).chars().collect();
    let key = fold(&written.iter().collect::<String>());
    let mut out = Vec::new();
    for expected in expected_forms(official, prefix) {
        let expected = fold_width(&expected);
        if expected.chars().count() != written.len() || fold(&expected) != key {
            continue;
        }
        for (w, o) in written.iter().copied().zip(expected.chars()) {
            if w != o && !(is_connective_ke(w) && is_connective_ke(o)) && !out.contains(&(w, o)) {
                out.push((w, o));
            }
        }
        break;
    }
    out
}

/// Prefectures written at the start of `key`, longest first, with where the rest begins.
fn prefecture_prefixes<'g>(g: &'g Gazetteer, key: &str) -> Vec<(&'g Entry, usize)> {
    let bounds: Vec<usize> = key.char_indices().map(|(i, _)| i).skip(2).take(3).collect();
    bounds
        .into_iter()
        .rev()
        .filter_map(|at| {
            let id = g.target(&key[..at])?;
            g.targets[id].prefecture.map(|p| (g.entry(p), at))
        })
        .collect()
}

/// Distinct entries of `forms` in code order.
fn entries_of(g: &Gazetteer, forms: impl Iterator<Item = Form>) -> Vec<&Entry> {
    let mut idx: Vec<usize> = forms.map(|f| f.entry).collect();
    idx.sort_unstable();
    idx.dedup();
    idx.into_iter().map(|i| g.entry(i)).collect()
}

/// Near candidates for a key that matched nothing: names found inside it (a wrong 郡,
/// `三宅島三宅村`), then names one or two edits away. In scope first; if nothing is in
/// scope, anywhere.
pub(super) fn suggest<'g>(g: &'g Gazetteer, key: &str, scope: Scope<'g>) -> Vec<&'g Entry> {
    let scoped = suggest_within(g, key, scope);
    if scoped.is_empty() && !matches!(scope, Scope::Anywhere) {
        suggest_within(g, key, Scope::Anywhere)
    } else {
        scoped
    }
}

fn suggest_within<'g>(g: &'g Gazetteer, key: &str, scope: Scope<'g>) -> Vec<&'g Entry> {
    let admitted = |f: &&Form| scope.admits(g, f.entry);
    let mut ranked: Vec<usize> = Vec::new();
    let mut from = 0;
    while let Some((found, id)) = g.find_key(key, from) {
        ranked.extend(g.forms(id).iter().filter(admitted).map(|f| f.entry));
        from = found.end;
    }

    let chars: Vec<char> = key.chars().collect();
    let limit = match chars.len() {
        0..=2 => 0,
        3 | 4 => 1,
        _ => 2,
    };
    if limit > 0 {
        let mut near: Vec<(usize, usize)> = Vec::new();
        let (mut row, mut pattern) = (Vec::new(), Vec::new());
        for (id, target) in g.targets.iter().enumerate() {
            let forms = g.forms(id);
            if chars.len().abs_diff(target.chars) > limit || !forms.iter().any(|f| admitted(&f)) {
                continue;
            }
            pattern.clear();
            pattern.extend(g.key(id).chars());
            if let Some(d) = bounded_distance(&chars, &pattern, limit, &mut row) {
                near.extend(forms.iter().filter(admitted).map(|f| (d, f.entry)));
            }
        }
        near.sort_unstable();
        ranked.extend(near.into_iter().map(|(_, e)| e));
    }

    let mut out: Vec<&'g Entry> = Vec::new();
    for i in ranked {
        let e = g.entry(i);
        if !out.iter().any(|o| std::ptr::eq(*o, e)) {
            out.push(e);
            if out.len() == MAX_SUGGESTIONS {
                break;
            }
        }
    }
    out
}

/// Levenshtein distance between `a` and `b` in characters, if at most `limit`.
fn bounded_distance(a: &[char], b: &[char], limit: usize, row: &mut Vec<usize>) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    row.clear();
    row.extend(0..=a.len());
    for (j, &cb) in b.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = j + 1;
        let mut best = row[0];
        for (i, &ca) in a.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[i + 1];
            row[i + 1] = substitution.min(row[i] + 1).min(diagonal + 1);
            best = best.min(row[i + 1]);
        }
        if best > limit {
            return None;
        }
    }
    row.last().copied().filter(|&d| d <= limit)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn distance(a: &str, b: &str, limit: usize) -> Option<usize> {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        bounded_distance(&a, &b, limit, &mut Vec::new())
    }

    #[test]
    fn edit_distance_is_bounded() {
        assert_eq!(distance("五所川源市", "五所川原市", 2), Some(1));
        assert_eq!(distance("能登市", "能登町", 1), Some(1));
        assert_eq!(distance("能登市", "中能登町", 1), None);
        assert_eq!(distance("能登市", "中能登町", 2), Some(2));
        assert_eq!(distance("abc", "abc", 0), Some(0));
        assert_eq!(distance("", "ab", 1), None);
    }

    /// Official written forms that share a key only because a glyph folds: every pair,
    /// as `(code, form, code, form)`.
    fn collisions_made_by_folding(g: &Gazetteer) -> BTreeSet<(String, String, String, String)> {
        let mut out = BTreeSet::new();
        for id in 0..g.targets.len() {
            let forms: Vec<(usize, String)> = g
                .forms(id)
                .iter()
                .map(|f| (f.entry, official_form(g.row(f.entry), *f).into_owned()))
                .collect();
            for (i, (a, text_a)) in forms.iter().enumerate() {
                for (b, text_b) in &forms[i + 1..] {
                    if a != b && !folded_glyphs(text_a, text_b, None).is_empty() {
                        let (a, b) = (g.entry(*a), g.entry(*b));
                        out.insert((a.code.clone(), text_a.clone(), b.code.clone(), text_b.clone()));
                    }
                }
            }
        }
        out
    }

    /// Folding may make two official names meet; it must never make one of them resolve
    /// to the other. Each is found as itself within its prefecture, and anywhere is
    /// never taken for the other; the list is pinned, so a change of the variant table
    /// or of the municipalities shows here.
    #[test]
    fn folding_makes_only_known_collisions_and_never_picks_the_other_name() {
        let g = Gazetteer::bundled();
        let made = collisions_made_by_folding(g);
        let listed: Vec<String> = made
            .iter()
            .map(|(a, ta, b, tb)| format!("{a} {ta} = {b} {tb}"))
            .collect();
        assert_eq!(listed, ["082228 鹿嶋市 = 412074 鹿島市"], "collisions made by folding");
        for (code_a, text_a, code_b, text_b) in &made {
            for (code, text, other) in [(code_a, text_a, code_b), (code_b, text_b, code_a)] {
                let entry = g.by_code(code).expect("a listed code");
                if !entry.in_force(None) {
                    continue;
                }
                let scoped = resolve(g, text, Some(&entry.prefecture_code), None);
                assert_eq!(scoped.found().map(|e| &e.code), Some(code), "{text} in its prefecture");
                let anywhere = resolve(g, text, None, None);
                assert_ne!(anywhere.found().map(|e| &e.code), Some(other), "{text} anywhere");
            }
        }
    }

    /// A spelling that is neither of two colliding official names is ambiguous between
    /// them, not one of them by chance.
    #[test]
    fn a_spelling_matching_two_names_only_by_folding_is_ambiguous() {
        let g = Gazetteer::bundled();
        let Resolution::Ambiguous { candidates } = resolve(g, "鹿嶌市", None, None) else {
            panic!("鹿嶌市 is 鹿嶋市 or 鹿島市");
        };
        let codes: Vec<&str> = candidates.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, ["082228", "412074"]);
    }

    /// The official names that hold a character the glyph fold changes: they stay found
    /// as written (pinned count, so that a change of the variant table shows here).
    #[test]
    fn official_names_with_folded_glyphs_resolve_as_written() {
        let g = Gazetteer::bundled();
        let changed: Vec<&Entry> = (0..g.rows.len())
            .map(|i| g.entry(i))
            .filter(|e| fold_width(&e.full_name()).chars().any(|c| glyph(c) != c))
            .collect();
        let names: Vec<String> = changed.iter().map(|e| e.full_name()).collect();
        assert_eq!(
            names,
            [
                "相馬郡飯舘村",
                "龍ケ崎市",
                "鹿嶋市",
                "下伊那郡下條村",
                "下伊那郡天龍村",
                "四條畷市",
                "五條市",
                "大島郡龍郷町"
            ]
        );
        for e in &changed {
            let found = resolve(g, &e.full_name(), Some(&e.prefecture_code), None);
            // Each is in force (the pinned list says so), so found as itself.
            assert!(
                matches!(found, Resolution::Found { entry, spelling: Spelling::Official, .. } | Resolution::Prefecture { entry } if entry == *e),
                "{}: {found:?}",
                e.full_name()
            );
        }
    }
}
