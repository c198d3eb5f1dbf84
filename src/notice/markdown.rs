//! Markdown renderings of a notice: heading markers and emphasis are markup.
//!
//! A notice pasted into a wiki or a chat, or converted to Markdown, keeps its
//! words but gains `# ` headings, `**bold**` and pipe tables. Pipe tables are
//! read by the layout model (its alignment row included); this module takes
//! the rest off the lines so that `## 記` reads as `記`, and remembers the
//! first level-1 heading, which the author marked as the title.

use onshi_pdf_text::normalize::{Line, Text};

/// The text without Markdown markup, and where its title heading stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmarked {
    /// The lines with heading markers and emphasis removed, positions kept.
    pub text: Text,
    /// Index of the first level-1 heading (`# …`), if any.
    pub title: Option<usize>,
}

/// The text without its Markdown markup, or `None` when it has no heading
/// line: only a text that marks headings is taken for Markdown, so `**` or
/// `#` in any other text stays as written.
pub fn unmark(text: &Text) -> Option<Unmarked> {
    if !text.lines.iter().any(|l| heading(&l.text).is_some()) {
        return None;
    }
    let mut title = None;
    let lines = text
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let content = match heading(&line.text) {
                Some((level, content)) => {
                    if level == 1 && title.is_none() && !content.is_empty() {
                        title = Some(i);
                    }
                    content
                }
                None => &line.text,
            };
            Line {
                position: line.position,
                text: without_emphasis(content),
            }
        })
        .collect();
    Some(Unmarked {
        text: Text { lines },
        title,
    })
}

/// An ATX heading: 1 to 6 `#` after at most three spaces, then a space or
/// the end of the line; the content without an optional closing run of `#`.
fn heading(text: &str) -> Option<(usize, &str)> {
    let indent = text.len() - text.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let marked = &text[indent..];
    let content = marked.trim_start_matches('#');
    let level = marked.len() - content.len();
    if !(1..=6).contains(&level) || !(content.is_empty() || content.starts_with([' ', '\t'])) {
        return None;
    }
    let content = content.trim();
    // A closing sequence counts only after a space: `# C#` keeps its `#`.
    let closed = content.trim_end_matches('#');
    let content = if closed.is_empty() || closed.ends_with([' ', '\t']) {
        closed.trim_end()
    } else {
        content
    };
    Some((level, content))
}

/// `**strong**` and `__strong__` lose their markers; a lone `*` or `_` is text.
fn without_emphasis(text: &str) -> String {
    let mut out = text.to_owned();
    for marker in ["**", "__"] {
        // Markers come in pairs; an odd one out stays.
        let pairs = out.matches(marker).count() / 2;
        for _ in 0..pairs * 2 {
            if let Some(at) = out.find(marker) {
                out.replace_range(at..at + marker.len(), "");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use onshi_pdf_text::normalize::normalize;

    #[test]
    fn headings_and_their_levels() {
        assert_eq!(heading("# 標題について"), Some((1, "標題について")));
        assert_eq!(heading("## 記"), Some((2, "記")));
        assert_eq!(heading("   ### 範囲 ###"), Some((3, "範囲")));
        assert_eq!(heading("#"), Some((1, "")));
        assert_eq!(heading("# C#"), Some((1, "C#")));
        assert_eq!(heading("#記"), None);
        assert_eq!(heading("####### 七"), None);
        assert_eq!(heading("    # code"), None);
        assert_eq!(heading("範囲 # 青森市"), None);
    }

    #[test]
    fn emphasis_markers_come_off_in_pairs() {
        assert_eq!(without_emphasis("**範囲**"), "範囲");
        assert_eq!(without_emphasis("__期間__ 令和7年"), "期間 令和7年");
        assert_eq!(without_emphasis("a ** b"), "a ** b");
        assert_eq!(without_emphasis("*斜体*"), "*斜体*");
    }

    #[test]
    fn only_a_text_with_headings_is_unmarked() {
        let plain = normalize(&["範囲 **青森市**\n".to_owned()]);
        assert_eq!(unmark(&plain), None);

        let marked = normalize(&["事務連絡\n\n# 標題について\n## 記\n**範囲** 青森市".to_owned()]);
        let unmarked = unmark(&marked).expect("has headings");
        let texts: Vec<&str> = unmarked.text.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["事務連絡", "", "標題について", "記", "範囲 青森市"]);
        assert_eq!(unmarked.title, Some(2));
        assert_eq!(unmarked.text.lines[4].position, marked.lines[4].position);
    }
}
