//! `/ActualText` of marked content: the text that stands for the glyphs painted
//! between `BDC` and its `EMC`.
//!
//! Producers write it where the font's ToUnicode map cannot say which character a
//! glyph is. Chromium, for one, shares a glyph between a CJK ideograph and its
//! radical or compatibility twin (民 and ⺠, 戸 and 戶), maps the glyph to one of
//! them and puts the character the page meant in `/ActualText`. As in the PDF
//! specification, the outermost span wins: its text replaces everything painted
//! inside it, placed where its first glyph starts and its last glyph ends.

use super::content::Fragment;

/// Marked-content sections a page may nest; deeper ones are counted, not tracked.
const MAX_DEPTH: usize = 1024;

/// The open marked-content sections of a page and the `/ActualText` span among them.
#[derive(Debug, Default)]
pub(crate) struct MarkedContent {
    depth: usize,
    span: Option<Span>,
}

#[derive(Debug)]
struct Span {
    text: String,
    /// The nesting depth whose `EMC` closes the span.
    depth: usize,
    /// The first glyphs painted inside, stretched to the last ones.
    placed: Option<Fragment>,
}

impl MarkedContent {
    /// `BMC` or `BDC`; `actual_text` is the section's `/ActualText`, if it has one.
    pub(crate) fn begin(&mut self, actual_text: Option<String>) {
        self.depth = self.depth.saturating_add(1);
        if self.span.is_none()
            && self.depth <= MAX_DEPTH
            && let Some(text) = actual_text
        {
            self.span = Some(Span {
                text,
                depth: self.depth,
                placed: None,
            });
        }
    }

    /// `EMC`: the fragment that carries the span's text when this closes it.
    pub(crate) fn end(&mut self) -> Option<Fragment> {
        if self.depth == 0 {
            return None;
        }
        let closes = self.span.as_ref().is_some_and(|s| s.depth == self.depth);
        self.depth -= 1;
        if closes { self.flush() } else { None }
    }

    /// Takes a shown fragment into the open span (the span's text replaces it) or
    /// hands it back when no span is open.
    pub(crate) fn absorb(&mut self, fragment: Fragment) -> Option<Fragment> {
        let Some(span) = &mut self.span else {
            return Some(fragment);
        };
        match &mut span.placed {
            Some(placed) => {
                placed.x1 = fragment.x1;
                placed.y1 = fragment.y1;
            }
            None => span.placed = Some(fragment),
        }
        None
    }

    /// The end of a page: a span left open still gives its text.
    pub(crate) fn finish(&mut self) -> Option<Fragment> {
        self.depth = 0;
        self.flush()
    }

    fn flush(&mut self) -> Option<Fragment> {
        let span = self.span.take()?;
        let mut fragment = span.placed?;
        if span.text.is_empty() {
            return None;
        }
        fragment.text = span.text;
        Some(fragment)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x: f64) -> Fragment {
        Fragment {
            text: text.to_owned(),
            x0: x,
            y0: 0.0,
            x1: x + 10.0,
            y1: 0.0,
            dx: 1.0,
            dy: 0.0,
            size: 10.0,
            vertical: false,
        }
    }

    #[test]
    fn the_actual_text_replaces_the_glyphs_of_its_span() {
        let mut marked = MarkedContent::default();
        assert_eq!(marked.absorb(glyph("国", 0.0)).map(|f| f.text), Some("国".to_owned()));
        marked.begin(Some("民".to_owned()));
        assert!(marked.absorb(glyph("⺠", 10.0)).is_none());
        let replaced = marked.end().unwrap();
        assert_eq!((replaced.text.as_str(), replaced.x0, replaced.x1), ("民", 10.0, 20.0));
        assert!(marked.absorb(glyph("健", 20.0)).is_some());
    }

    #[test]
    fn the_outermost_span_wins_and_covers_every_glyph_inside() {
        let mut marked = MarkedContent::default();
        marked.begin(Some("ab".to_owned()));
        marked.begin(None);
        marked.begin(Some("x".to_owned()));
        assert!(marked.absorb(glyph("a", 0.0)).is_none());
        assert!(marked.end().is_none());
        assert!(marked.absorb(glyph("b", 10.0)).is_none());
        assert!(marked.end().is_none());
        let replaced = marked.end().unwrap();
        assert_eq!((replaced.text.as_str(), replaced.x0, replaced.x1), ("ab", 0.0, 20.0));
    }

    #[test]
    fn an_empty_actual_text_hides_its_glyphs_and_a_stray_emc_is_ignored() {
        let mut marked = MarkedContent::default();
        assert!(marked.end().is_none());
        marked.begin(Some(String::new()));
        assert!(marked.absorb(glyph("-", 0.0)).is_none());
        assert!(marked.end().is_none());
        assert!(marked.absorb(glyph("c", 10.0)).is_some());
    }

    #[test]
    fn a_span_left_open_at_the_end_of_the_page_gives_its_text() {
        let mut marked = MarkedContent::default();
        marked.begin(Some("戸".to_owned()));
        assert!(marked.absorb(glyph("戶", 0.0)).is_none());
        assert_eq!(marked.finish().map(|f| f.text), Some("戸".to_owned()));
        assert!(marked.finish().is_none());
    }
}
