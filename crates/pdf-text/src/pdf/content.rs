//! The content-stream interpreter: runs the text and graphics-state operators of a
//! page (and of the form XObjects it paints) and records each shown string as a
//! positioned [`Fragment`].
//!
//! Everything here is bounded: decompressed bytes come out of one budget, form
//! XObjects nest at most [`MAX_FORM_DEPTH`] deep and never recurse into
//! themselves, and the graphics-state stack is capped.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{DecompressError, Dictionary, Document, Object, ObjectId};

use super::actual_text::MarkedContent;
use super::font::{Font, Source, StreamReader};
use super::lexer::{Lexer, Token, decode_name};

const MAX_FORM_DEPTH: usize = 12;
const MAX_GSTATE_DEPTH: usize = 256;
const MAX_OPERANDS: usize = 1024;
/// Form XObjects painted per document; a page that paints one form a million
/// times would otherwise take forever.
const MAX_FORM_CALLS: usize = 20_000;
/// Fragments closer than this (in font sizes) are joined into one.
const JOIN_GAP: f64 = 0.15;

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m1 × m2` in PDF's row-vector convention: apply `m1`, then `m2`.
fn concat(m1: &Matrix, m2: &Matrix) -> Matrix {
    let [a1, b1, c1, d1, e1, f1] = *m1;
    let [a2, b2, c2, d2, e2, f2] = *m2;
    [
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    let [a, b, c, d, e, f] = *m;
    (x * a + y * c + e, x * b + y * d + f)
}

fn translate(tx: f64, ty: f64) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, tx, ty]
}

/// Whether a colour operator sets a colour that shows on white paper: anything but
/// white in gray, RGB or CMYK. A pattern (a name operand) counts as ink.
fn inked(operator: &[u8], operands: &[Operand<'_>], components: &[f64]) -> bool {
    const WHITE: f64 = 0.99;
    if matches!(operands.last(), Some(Operand::Name(_))) {
        return true;
    }
    let cmyk = matches!(operator, b"k" | b"K") || (components.len() == 4 && !matches!(operator, b"rg" | b"RG"));
    match components {
        [] => true,
        [c, m, y, k] if cmyk => [c, m, y, k].iter().any(|v| **v > 1.0 - WHITE),
        values => values.iter().any(|v| *v < WHITE),
    }
}

fn finite(v: f64) -> f64 {
    if v.is_finite() { v } else { 0.0 }
}

/// One run of text on a page, positioned in user space.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fragment {
    pub(crate) text: String,
    /// Baseline start and end.
    pub(crate) x0: f64,
    pub(crate) y0: f64,
    pub(crate) x1: f64,
    pub(crate) y1: f64,
    /// Unit vector of the writing direction.
    pub(crate) dx: f64,
    pub(crate) dy: f64,
    /// Font size in user-space units.
    pub(crate) size: f64,
    pub(crate) vertical: bool,
}

/// What one page paints.
#[derive(Debug, Default)]
pub(crate) struct PageScan {
    pub(crate) fragments: Vec<Fragment>,
    pub(crate) images: usize,
    /// Painted straight segments (table borders), in user space.
    pub(crate) rules: Vec<Segment>,
}

/// A painted straight line: a table border, an underline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Segment {
    pub(crate) x0: f64,
    pub(crate) y0: f64,
    pub(crate) x1: f64,
    pub(crate) y1: f64,
}

/// Rules kept per page; borders of a notice's tables need a few dozen.
const MAX_RULES: usize = 10_000;
/// Segments of the path under construction.
const MAX_PATH_SEGMENTS: usize = 10_000;
/// A filled rectangle at most this thick (in user units) is drawn as a line.
const THIN_RECT: f64 = 3.0;

/// The path being built between `m`/`re` and the operator that paints or discards it.
#[derive(Default)]
struct Path {
    segments: Vec<Segment>,
    current: Option<(f64, f64)>,
}

impl Path {
    fn add(&mut self, segment: Segment) {
        if self.segments.len() < MAX_PATH_SEGMENTS {
            self.segments.push(segment);
        }
    }

    fn rectangle(&mut self, ctm: &Matrix, x: f64, y: f64, w: f64, h: f64) {
        let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
        let p: Vec<(f64, f64)> = corners.iter().map(|&(cx, cy)| apply(ctm, cx, cy)).collect();
        if let &[a, b, c, d] = p.as_slice() {
            // A thin rectangle is one line along its middle.
            if h.abs() <= THIN_RECT || w.abs() <= THIN_RECT {
                let (s, e) = if h.abs() <= THIN_RECT {
                    (mid(a, d), mid(b, c))
                } else {
                    (mid(a, b), mid(d, c))
                };
                self.add(Segment {
                    x0: s.0,
                    y0: s.1,
                    x1: e.0,
                    y1: e.1,
                });
            } else {
                for (s, e) in [(a, b), (b, c), (c, d), (d, a)] {
                    self.add(Segment {
                        x0: s.0,
                        y0: s.1,
                        x1: e.0,
                        y1: e.1,
                    });
                }
            }
        }
        self.current = Some(p.first().copied().unwrap_or((x, y)));
    }
}

fn mid(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)
}

/// Glyphs drawn with a font that could not map them, per font.
#[derive(Debug, Clone)]
pub(crate) struct Unmapped {
    pub(crate) reason: String,
    pub(crate) glyphs: usize,
    pub(crate) first_page: u32,
    /// The font or an object it needs is missing: the file is damaged.
    pub(crate) damaged: bool,
    /// Only the embedded font program could explain the codes.
    pub(crate) needs_font_program: bool,
}

/// Counts over the whole document.
#[derive(Debug, Default)]
pub(crate) struct Stats {
    /// Glyphs per decoding method.
    pub(crate) methods: Vec<(&'static str, usize)>,
    pub(crate) unmapped: Vec<Unmapped>,
    pub(crate) glyphs: usize,
    /// Bytes of content streams no token could be read from.
    pub(crate) junk: usize,
    /// Form XObjects not painted because they nested too deep or into themselves.
    pub(crate) skipped_forms: usize,
}

#[derive(Debug)]
pub(crate) enum ScanError {
    TooLarge(String),
    Corrupt(String),
}

#[derive(Clone)]
struct GState<'a> {
    ctm: Matrix,
    font: Option<Rc<Font<'a>>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
    /// Whether fills and strokes leave a mark: a path painted white (a page or cell
    /// background) is no rule.
    fill_inked: bool,
    stroke_inked: bool,
}

impl GState<'_> {
    fn new(ctm: Matrix) -> Self {
        GState {
            ctm,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            fill_inked: true,
            stroke_inked: true,
        }
    }
}

/// The numeric operands of an operator (the last few; no operator takes more).
struct Numbers {
    values: [f64; 6],
    len: usize,
}

impl Numbers {
    fn of(operands: &[Operand<'_>]) -> Numbers {
        let mut numbers = Numbers {
            values: [0.0; 6],
            len: 0,
        };
        for operand in operands {
            if let Operand::Number(n) = operand {
                if numbers.len == numbers.values.len() {
                    numbers.values.rotate_left(1);
                    numbers.len -= 1;
                }
                if let Some(slot) = numbers.values.get_mut(numbers.len) {
                    *slot = *n;
                    numbers.len += 1;
                }
            }
        }
        numbers
    }

    fn as_slice(&self) -> &[f64] {
        self.values.get(..self.len).unwrap_or_default()
    }
}

enum Operand<'d> {
    Number(f64),
    Name(&'d [u8]),
    String(Vec<u8>),
    Array(Vec<Operand<'d>>),
    /// An inline dictionary's outer-level entries (marked-content properties).
    Dict(Vec<(&'d [u8], Operand<'d>)>),
    Other,
}

/// Streams are read through one budget of decompressed bytes.
pub(crate) struct Budget {
    left: usize,
    limit: usize,
}

impl Budget {
    pub(crate) fn new(limit: usize) -> Self {
        Budget { left: limit, limit }
    }

    pub(crate) fn read(&mut self, stream: &lopdf::Stream) -> Result<Vec<u8>, ScanError> {
        let data = match stream.filters() {
            Ok(filters) if !filters.is_empty() => stream.decompressed_content_with_limit(self.left),
            _ if stream.content.len() <= self.left => Ok(stream.content.clone()),
            _ => Err(DecompressError::MemoryLimitExceeded { limit: self.left }.into()),
        };
        match data {
            Ok(data) => {
                self.left = self.left.saturating_sub(data.len());
                Ok(data)
            }
            Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. })) => {
                Err(ScanError::TooLarge(format!(
                    "its streams decompress to more than {} bytes (max_decompressed_bytes)",
                    self.limit
                )))
            }
            Err(e) => Err(ScanError::Corrupt(format!("a stream cannot be decoded: {e}"))),
        }
    }
}

struct FontReader<'b> {
    doc: &'b Document,
    budget: &'b mut Budget,
    error: Option<ScanError>,
}

impl StreamReader for FontReader<'_> {
    fn read_stream(&mut self, object: &Object) -> Option<Vec<u8>> {
        let stream = match object {
            Object::Stream(s) => s,
            Object::Reference(id) => self.doc.get_object(*id).ok()?.as_stream().ok()?,
            _ => return None,
        };
        match self.budget.read(stream) {
            Ok(data) => Some(data),
            Err(e @ ScanError::TooLarge(_)) => {
                self.error = Some(e);
                None
            }
            Err(ScanError::Corrupt(_)) => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Object(ObjectId),
    Direct(usize),
}

pub(crate) struct Interpreter<'a> {
    doc: &'a Document,
    fonts: HashMap<FontKey, Rc<Font<'a>>>,
    unmapped_index: HashMap<usize, usize>,
    budget: Budget,
    form_calls: usize,
    max_glyphs: usize,
    page: u32,
    marked: MarkedContent,
    pub(crate) stats: Stats,
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    let mut current = object;
    for _ in 0..8 {
        match current {
            Object::Reference(id) => current = doc.get_object(*id).ok()?,
            other => return Some(other),
        }
    }
    None
}

fn dict_of<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match deref(doc, object)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

impl<'a> Interpreter<'a> {
    pub(crate) fn new(doc: &'a Document, max_decompressed_bytes: usize, max_glyphs: usize) -> Self {
        Interpreter {
            doc,
            fonts: HashMap::new(),
            unmapped_index: HashMap::new(),
            budget: Budget::new(max_decompressed_bytes),
            form_calls: 0,
            max_glyphs,
            page: 0,
            marked: MarkedContent::default(),
            stats: Stats::default(),
        }
    }

    /// Runs one page's content streams.
    pub(crate) fn scan_page(&mut self, page_number: u32, page_id: ObjectId) -> Result<PageScan, ScanError> {
        self.page = page_number;
        let doc = self.doc;
        let page = doc.get_dictionary(page_id).map_err(|e| {
            ScanError::Corrupt(format!(
                "the page object {} {} cannot be read: {e}",
                page_id.0, page_id.1
            ))
        })?;
        let content = self.page_content(page)?;
        let resources = self.page_resources(page);
        let mut scan = PageScan::default();
        let mut visiting = Vec::new();
        self.marked = MarkedContent::default();
        self.run(&content, resources, GState::new(IDENTITY), 0, &mut visiting, &mut scan)?;
        if let Some(fragment) = self.marked.finish() {
            Self::add_fragment(&mut scan.fragments, fragment);
        }
        Ok(scan)
    }

    fn page_content(&mut self, page: &'a Dictionary) -> Result<Vec<u8>, ScanError> {
        let doc = self.doc;
        let Ok(contents) = page.get(b"Contents") else {
            // A page without /Contents is blank, which is valid.
            return Ok(Vec::new());
        };
        let mut refs: Vec<&Object> = Vec::new();
        match contents {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(Object::Array(items)) => refs.extend(items.iter()),
                Ok(_) => refs.push(contents),
                Err(_) => {
                    return Err(ScanError::Corrupt(format!(
                        "its content stream {} {} R is missing",
                        id.0, id.1
                    )));
                }
            },
            Object::Array(items) => refs.extend(items.iter()),
            Object::Stream(_) => refs.push(contents),
            _ => {
                return Err(ScanError::Corrupt("its /Contents entry is not a stream".to_owned()));
            }
        }
        let mut data = Vec::new();
        for item in refs {
            let stream = match item {
                Object::Reference(id) => match doc.get_object(*id) {
                    Ok(Object::Stream(s)) => s,
                    Ok(_) => {
                        return Err(ScanError::Corrupt(format!(
                            "its content {} {} R is not a stream",
                            id.0, id.1
                        )));
                    }
                    Err(_) => {
                        return Err(ScanError::Corrupt(format!(
                            "its content stream {} {} R is missing",
                            id.0, id.1
                        )));
                    }
                },
                Object::Stream(s) => s,
                _ => {
                    return Err(ScanError::Corrupt("its /Contents array holds a non-stream".to_owned()));
                }
            };
            data.extend_from_slice(&self.budget.read(stream)?);
            data.push(b'\n');
        }
        Ok(data)
    }

    fn page_resources(&self, page: &'a Dictionary) -> Option<&'a Dictionary> {
        let doc = self.doc;
        let mut node = page;
        // /Resources is inherited from the page tree; walk up a bounded number of parents.
        for _ in 0..64 {
            if let Some(resources) = node.get(b"Resources").ok().and_then(|r| dict_of(doc, r)) {
                return Some(resources);
            }
            node = node.get(b"Parent").ok().and_then(|p| dict_of(doc, p))?;
        }
        None
    }

    fn run(
        &mut self,
        data: &[u8],
        resources: Option<&'a Dictionary>,
        initial: GState<'a>,
        depth: usize,
        visiting: &mut Vec<ObjectId>,
        scan: &mut PageScan,
    ) -> Result<(), ScanError> {
        let mut lexer = Lexer::new(data);
        let mut operands: Vec<Operand<'_>> = Vec::new();
        let mut stack: Vec<GState<'a>> = Vec::new();
        let mut overflow = 0usize;
        let mut gs = initial;
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut path = Path::default();
        while let Some(token) = lexer.next() {
            let keyword = match token {
                Token::Keyword(k) => k,
                Token::ArrayStart => {
                    let array = Self::read_array(&mut lexer);
                    Self::push(&mut operands, Operand::Array(array));
                    continue;
                }
                Token::DictStart => {
                    let entries = Self::read_dict(&mut lexer);
                    Self::push(&mut operands, Operand::Dict(entries));
                    continue;
                }
                // Closing brackets with nothing open are debris, not syntax.
                Token::ArrayEnd | Token::ProcEnd => {
                    self.stats.junk += 1;
                    continue;
                }
                Token::DictEnd => {
                    self.stats.junk += 2;
                    continue;
                }
                other => {
                    Self::push(&mut operands, Self::operand(other));
                    continue;
                }
            };
            let numbers = Numbers::of(&operands);
            let nums = numbers.as_slice();
            match keyword {
                b"q" => {
                    if stack.len() < MAX_GSTATE_DEPTH {
                        stack.push(gs.clone());
                    } else {
                        overflow += 1;
                    }
                }
                b"Q" => {
                    if overflow > 0 {
                        overflow -= 1;
                    } else if let Some(saved) = stack.pop() {
                        gs = saved;
                    }
                }
                b"cm" => {
                    if let &[a, b, c, d, e, f] = nums {
                        gs.ctm = concat(&[a, b, c, d, e, f], &gs.ctm);
                    }
                }
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" => {
                    if let (Some(Operand::Name(name)), Some(&size)) = (operands.first(), nums.last()) {
                        gs.font = Some(self.font(resources, name)?);
                        gs.size = size;
                    }
                }
                b"Tc" => gs.char_spacing = nums.last().copied().unwrap_or(gs.char_spacing),
                b"Tw" => gs.word_spacing = nums.last().copied().unwrap_or(gs.word_spacing),
                b"Tz" => gs.hscale = nums.last().map_or(gs.hscale, |z| z / 100.0),
                b"TL" => gs.leading = nums.last().copied().unwrap_or(gs.leading),
                b"Ts" => gs.rise = nums.last().copied().unwrap_or(gs.rise),
                b"Td" | b"TD" => {
                    if let &[tx, ty] = nums {
                        if keyword == b"TD" {
                            gs.leading = -ty;
                        }
                        tlm = concat(&translate(tx, ty), &tlm);
                        tm = tlm;
                    }
                }
                b"Tm" => {
                    if let &[a, b, c, d, e, f] = nums {
                        tlm = [a, b, c, d, e, f];
                        tm = tlm;
                    }
                }
                b"T*" => {
                    tlm = concat(&translate(0.0, -gs.leading), &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if keyword != b"Tj" {
                        if keyword == b"\""
                            && let [aw, ac, ..] = nums
                        {
                            gs.word_spacing = *aw;
                            gs.char_spacing = *ac;
                        }
                        tlm = concat(&translate(0.0, -gs.leading), &tlm);
                        tm = tlm;
                    }
                    if let Some(Operand::String(bytes)) = operands.last() {
                        self.show(&gs, &mut tm, bytes, scan)?;
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = operands.last() {
                        for item in items {
                            match item {
                                Operand::String(bytes) => self.show(&gs, &mut tm, bytes, scan)?,
                                Operand::Number(n) => {
                                    let shift = -n / 1000.0 * gs.size;
                                    let vertical = gs.font.as_ref().is_some_and(|f| f.vertical);
                                    let step = if vertical {
                                        translate(0.0, shift)
                                    } else {
                                        translate(shift * gs.hscale, 0.0)
                                    };
                                    tm = concat(&step, &tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(Operand::Name(name)) = operands.first() {
                        self.paint_xobject(resources, name, &gs, depth, visiting, scan)?;
                    }
                }
                b"BMC" => self.marked.begin(None),
                b"BDC" => {
                    let actual_text = self.actual_text(resources, operands.last());
                    self.marked.begin(actual_text);
                }
                b"EMC" => {
                    if let Some(fragment) = self.marked.end() {
                        Self::add_fragment(&mut scan.fragments, fragment);
                    }
                }
                b"BI" => {
                    lexer.skip_inline_image();
                    scan.images += 1;
                }
                b"m" => {
                    if let &[x, y] = nums {
                        path.current = Some(apply(&gs.ctm, x, y));
                    }
                }
                b"l" => {
                    if let (&[x, y], Some((x0, y0))) = (nums, path.current) {
                        let (x1, y1) = apply(&gs.ctm, x, y);
                        path.add(Segment { x0, y0, x1, y1 });
                        path.current = Some((x1, y1));
                    }
                }
                b"c" | b"v" | b"y" => {
                    if let [.., x, y] = nums {
                        path.current = Some(apply(&gs.ctm, *x, *y));
                    }
                }
                b"re" => {
                    if let &[x, y, w, h] = nums {
                        path.rectangle(&gs.ctm, x, y, w, h);
                    }
                }
                b"g" | b"rg" | b"k" | b"sc" | b"scn" => gs.fill_inked = inked(keyword, &operands, nums),
                b"G" | b"RG" | b"K" | b"SC" | b"SCN" => gs.stroke_inked = inked(keyword, &operands, nums),
                // A new colour space starts from its initial colour, black.
                b"cs" => gs.fill_inked = true,
                b"CS" => gs.stroke_inked = true,
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" => {
                    let inked = match keyword {
                        b"S" | b"s" => gs.stroke_inked,
                        b"f" | b"F" | b"f*" => gs.fill_inked,
                        _ => gs.fill_inked || gs.stroke_inked,
                    };
                    if !inked {
                        path.segments.clear();
                    }
                    let room = MAX_RULES.saturating_sub(scan.rules.len());
                    scan.rules.extend(
                        path.segments
                            .drain(..)
                            .filter(|s| s.x0.is_finite() && s.y0.is_finite() && s.x1.is_finite() && s.y1.is_finite())
                            .take(room),
                    );
                    path.current = None;
                }
                b"n" => {
                    path.segments.clear();
                    path.current = None;
                }
                _ => {}
            }
            operands.clear();
        }
        self.stats.junk += lexer.junk();
        Ok(())
    }

    fn push<'d>(operands: &mut Vec<Operand<'d>>, operand: Operand<'d>) {
        // No operator takes this many operands; drop the oldest half at once so a
        // stream of millions of stray numbers stays linear.
        if operands.len() >= MAX_OPERANDS {
            operands.drain(..MAX_OPERANDS / 2);
        }
        operands.push(operand);
    }

    fn operand(token: Token<'_>) -> Operand<'_> {
        match token {
            Token::Number(n) => Operand::Number(n),
            Token::Name(n) => Operand::Name(n),
            Token::String(s) => Operand::String(s),
            _ => Operand::Other,
        }
    }

    /// Reads a (possibly nested) array; only the outer level's strings and numbers are kept.
    fn read_array<'d>(lexer: &mut Lexer<'d>) -> Vec<Operand<'d>> {
        let mut items = Vec::new();
        let mut depth = 1usize;
        for token in lexer.by_ref() {
            match token {
                Token::ArrayStart => depth += 1,
                Token::ArrayEnd => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                // A keyword cannot appear in an array: the array was not closed.
                Token::Keyword(_) => break,
                token if depth == 1 && items.len() < 1 << 20 => items.push(Self::operand(token)),
                _ => {}
            }
        }
        items
    }

    /// Reads an inline dictionary; values that are themselves arrays or dictionaries
    /// are skipped.
    fn read_dict<'d>(lexer: &mut Lexer<'d>) -> Vec<(&'d [u8], Operand<'d>)> {
        const MAX_ENTRIES: usize = 64;
        let mut entries = Vec::new();
        let mut key = None;
        while let Some(token) = lexer.next() {
            let value = match token {
                Token::DictEnd => break,
                Token::Name(name) if key.is_none() => {
                    key = Some(name);
                    continue;
                }
                Token::DictStart => {
                    Self::skip_dict(lexer);
                    Operand::Other
                }
                Token::ArrayStart => {
                    Self::read_array(lexer);
                    Operand::Other
                }
                Token::Keyword(b"true" | b"false" | b"null") => Operand::Other,
                // Any other keyword cannot appear in a dictionary: it was not closed.
                Token::Keyword(_) => break,
                other => Self::operand(other),
            };
            if let Some(key) = key.take()
                && entries.len() < MAX_ENTRIES
            {
                entries.push((key, value));
            }
        }
        entries
    }

    /// The `/ActualText` of a `BDC` whose properties are inline or a named
    /// `/Properties` resource.
    fn actual_text(&self, resources: Option<&'a Dictionary>, properties: Option<&Operand<'_>>) -> Option<String> {
        let bytes = match properties? {
            Operand::Dict(entries) => match entries.iter().find(|(key, _)| *key == b"ActualText") {
                Some((_, Operand::String(bytes))) => bytes.clone(),
                _ => return None,
            },
            Operand::Name(name) => {
                let object = self.resource(resources, b"Properties", name)?;
                let dict = dict_of(self.doc, object)?;
                deref(self.doc, dict.get(b"ActualText").ok()?)?.as_str().ok()?.to_vec()
            }
            _ => return None,
        };
        lopdf::decode_text_string(&Object::string_literal(bytes)).ok()
    }

    fn skip_dict(lexer: &mut Lexer<'_>) {
        let mut depth = 1usize;
        for token in lexer.by_ref() {
            match token {
                Token::DictStart => depth += 1,
                Token::DictEnd => {
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                Token::Keyword(_) => return,
                _ => {}
            }
        }
    }

    fn resource<'r>(&self, resources: Option<&'r Dictionary>, category: &[u8], name: &[u8]) -> Option<&'r Object>
    where
        'a: 'r,
    {
        let doc: &'r Document = self.doc;
        let group = dict_of(doc, resources?.get(category).ok()?)?;
        let decoded;
        let key = if name.contains(&b'#') {
            decoded = decode_name(name);
            decoded.as_slice()
        } else {
            name
        };
        group.get(key).ok()
    }

    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Result<Rc<Font<'a>>, ScanError> {
        let doc = self.doc;
        let Some(object) = self.resource(resources, b"Font", name) else {
            return Ok(Rc::new(Font::missing(name)));
        };
        let key = match object {
            Object::Reference(id) => FontKey::Object(*id),
            other => FontKey::Direct(std::ptr::from_ref(other) as usize),
        };
        if let Some(font) = self.fonts.get(&key) {
            return Ok(Rc::clone(font));
        }
        let font = match dict_of(doc, object) {
            Some(dict) => {
                let mut reader = FontReader {
                    doc,
                    budget: &mut self.budget,
                    error: None,
                };
                let font = Font::load(doc, dict, name, &mut reader);
                if let Some(error) = reader.error {
                    return Err(error);
                }
                font
            }
            None => Font::missing(name),
        };
        let font = Rc::new(font);
        self.fonts.insert(key, Rc::clone(&font));
        Ok(font)
    }

    fn show(&mut self, gs: &GState<'a>, tm: &mut Matrix, bytes: &[u8], scan: &mut PageScan) -> Result<(), ScanError> {
        let font = match &gs.font {
            Some(f) => Rc::clone(f),
            None => Rc::new(Font::missing(b"(no Tf)")),
        };
        let vertical = font.vertical;
        let start_matrix = concat(tm, &gs.ctm);
        let (x0, y0) = apply(&start_matrix, 0.0, gs.rise);
        let mut text = String::new();
        let mut glyphs = 0usize;
        let mut unmapped = 0usize;
        let mut methods: [(&'static str, usize); 4] = [("", 0); 4];
        let doc = self.doc;
        let mut m = *tm;
        font.decode(doc, bytes, &mut text, |g| {
            glyphs += 1;
            match g.source {
                Source::Mapped(method) => {
                    if let Some(slot) = methods.iter_mut().find(|(m, _)| *m == method || m.is_empty()) {
                        slot.0 = method;
                        slot.1 += 1;
                    }
                }
                Source::Unmapped => unmapped += 1,
            }
            let spacing = gs.char_spacing + if g.word_space { gs.word_spacing } else { 0.0 };
            let step = if vertical {
                translate(0.0, -g.advance * gs.size + spacing)
            } else {
                translate((g.advance * gs.size + spacing) * gs.hscale, 0.0)
            };
            m = concat(&step, &m);
        });
        *tm = m;
        self.count(&font, glyphs, unmapped, &methods)?;
        let end_matrix = concat(tm, &gs.ctm);
        let (x1, y1) = apply(&end_matrix, 0.0, gs.rise);
        let [a, b, c, d, _, _] = start_matrix;
        let (dx, dy) = if vertical { (-c, -d) } else { (a, b) };
        let norm = dx.hypot(dy);
        let (dx, dy) = if norm > 0.0 && norm.is_finite() {
            (dx / norm, dy / norm)
        } else {
            (1.0, 0.0)
        };
        let size = finite(gs.size.abs() * (a * d - b * c).abs().sqrt());
        let fragment = Fragment {
            text,
            x0: finite(x0),
            y0: finite(y0),
            x1: finite(x1),
            y1: finite(y1),
            dx,
            dy,
            size,
            vertical,
        };
        if let Some(fragment) = self.marked.absorb(fragment)
            && !fragment.text.is_empty()
        {
            Self::add_fragment(&mut scan.fragments, fragment);
        }
        Ok(())
    }

    /// Appends a fragment, joining it to the previous one when it continues it.
    fn add_fragment(fragments: &mut Vec<Fragment>, fragment: Fragment) {
        if let Some(last) = fragments.last_mut() {
            let same_run = last.vertical == fragment.vertical
                && (last.size - fragment.size).abs() <= 0.01 * last.size.max(fragment.size)
                && last.dx * fragment.dx + last.dy * fragment.dy > 0.99;
            let gap = (fragment.x0 - last.x1).hypot(fragment.y0 - last.y1);
            if same_run && gap <= JOIN_GAP * last.size.max(1e-9) {
                last.text.push_str(&fragment.text);
                last.x1 = fragment.x1;
                last.y1 = fragment.y1;
                return;
            }
        }
        fragments.push(fragment);
    }

    fn count(
        &mut self,
        font: &Rc<Font<'a>>,
        glyphs: usize,
        unmapped: usize,
        methods: &[(&'static str, usize)],
    ) -> Result<(), ScanError> {
        self.stats.glyphs += glyphs;
        if self.stats.glyphs > self.max_glyphs {
            return Err(ScanError::TooLarge(format!(
                "it shows more than {} glyphs",
                self.max_glyphs
            )));
        }
        for &(method, n) in methods.iter().filter(|(m, _)| !m.is_empty()) {
            match self.stats.methods.iter_mut().find(|(m, _)| *m == method) {
                Some(entry) => entry.1 += n,
                None => self.stats.methods.push((method, n)),
            }
        }
        if unmapped > 0 {
            let key = Rc::as_ptr(font) as usize;
            match self
                .unmapped_index
                .get(&key)
                .and_then(|&i| self.stats.unmapped.get_mut(i))
            {
                Some(entry) => entry.glyphs += unmapped,
                None => {
                    self.unmapped_index.insert(key, self.stats.unmapped.len());
                    self.stats.unmapped.push(Unmapped {
                        reason: font.unmapped_reason(),
                        glyphs: unmapped,
                        first_page: self.page,
                        damaged: font.is_damaged(),
                        needs_font_program: font.needs_font_program(),
                    });
                }
            }
        }
        Ok(())
    }

    fn paint_xobject(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
        gs: &GState<'a>,
        depth: usize,
        visiting: &mut Vec<ObjectId>,
        scan: &mut PageScan,
    ) -> Result<(), ScanError> {
        let doc = self.doc;
        let Some(object) = self.resource(resources, b"XObject", name) else {
            return Ok(());
        };
        let id = match object {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        let Some(Object::Stream(stream)) = deref(doc, object) else {
            return Ok(());
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => {
                scan.images += 1;
                Ok(())
            }
            Ok(b"Form") => {
                if depth >= MAX_FORM_DEPTH || id.is_some_and(|id| visiting.contains(&id)) {
                    self.stats.skipped_forms += 1;
                    return Ok(());
                }
                self.form_calls += 1;
                if self.form_calls > MAX_FORM_CALLS {
                    return Err(ScanError::TooLarge(format!(
                        "it paints more than {MAX_FORM_CALLS} form XObjects"
                    )));
                }
                let data = self.budget.read(stream)?;
                let matrix = match stream.dict.get(b"Matrix") {
                    Ok(Object::Array(m)) => {
                        let v: Vec<f64> = m
                            .iter()
                            .filter_map(|o| match o {
                                Object::Integer(i) => Some(*i as f64),
                                Object::Real(r) => Some(f64::from(*r)),
                                _ => None,
                            })
                            .collect();
                        match v.as_slice() {
                            &[a, b, c, d, e, f] => [a, b, c, d, e, f],
                            _ => IDENTITY,
                        }
                    }
                    _ => IDENTITY,
                };
                let form_resources = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|r| dict_of(doc, r))
                    .or(resources);
                if let Some(id) = id {
                    visiting.push(id);
                }
                // A form starts from the graphics state at the time it is painted.
                let mut initial = gs.clone();
                initial.ctm = concat(&matrix, &gs.ctm);
                let result = self.run(&data, form_resources, initial, depth + 1, visiting, scan);
                if id.is_some() {
                    visiting.pop();
                }
                result
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_in_any_colour_space_is_no_ink() {
        assert!(!inked(b"g", &[], &[1.0]));
        assert!(!inked(b"rg", &[], &[1.0, 1.0, 1.0]));
        assert!(!inked(b"k", &[], &[0.0, 0.0, 0.0, 0.0]));
        assert!(!inked(b"scn", &[], &[1.0, 1.0, 1.0]));
        assert!(!inked(b"scn", &[], &[0.0, 0.0, 0.0, 0.0]));
        assert!(inked(b"g", &[], &[0.0]));
        assert!(inked(b"rg", &[], &[1.0, 1.0, 0.5]));
        assert!(inked(b"k", &[], &[0.0, 0.0, 0.0, 1.0]));
        assert!(inked(b"scn", &[Operand::Name(b"P0")], &[]));
    }

    #[test]
    fn a_rectangle_filled_white_is_no_rule() {
        let doc = Document::new();
        let mut interpreter = Interpreter::new(&doc, 1 << 20, 1 << 20);
        let mut scan = PageScan::default();
        let content = b"1 1 1 rg 0 0 500 700 re f 0 g 10 10 200 0.5 re f 1 G 10 20 m 200 20 l S";
        interpreter
            .run(content, None, GState::new(IDENTITY), 0, &mut Vec::new(), &mut scan)
            .unwrap();
        assert_eq!(
            scan.rules,
            [Segment {
                x0: 10.0,
                y0: 10.25,
                x1: 210.0,
                y1: 10.25
            }]
        );
    }
}
