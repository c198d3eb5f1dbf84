//! A tokenizer for the PostScript-like syntax of content streams and CMaps.
//!
//! It never fails: bytes that fit no token are skipped and counted in
//! [`Lexer::junk`], so the caller can decide whether a stream was too damaged
//! to trust. Nothing here recurses, so hostile nesting cannot overflow the stack.

/// One token. Strings are returned decoded (escapes resolved, hex digits paired).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Token<'a> {
    Number(f64),
    /// A name without its leading `/`, `#xx` escapes still in place.
    Name(&'a [u8]),
    String(Vec<u8>),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
    ProcStart,
    ProcEnd,
    /// Any other run of regular characters: an operator or keyword.
    Keyword(&'a [u8]),
}

pub(crate) struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    junk: usize,
}

fn is_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_regular(b: u8) -> bool {
    !is_whitespace(b) && !is_delimiter(b)
}

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Self {
        Lexer { data, pos: 0, junk: 0 }
    }

    /// How many bytes were skipped because they fit no token.
    pub(crate) fn junk(&self) -> usize {
        self.junk
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn skip_whitespace_and_comments(&mut self) {
        while let Some(b) = self.peek() {
            if is_whitespace(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn regular_run(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(is_regular) {
            self.pos += 1;
        }
        self.data.get(start..self.pos).unwrap_or_default()
    }

    fn literal_string(&mut self) -> Vec<u8> {
        // The opening parenthesis has been consumed.
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return out;
                    }
                    out.push(b);
                }
                b'\\' => self.escape(&mut out),
                b'\r' => {
                    // An unescaped end-of-line reads as a single line feed.
                    if self.peek() == Some(b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                _ => out.push(b),
            }
        }
        // Unterminated: the rest of the stream was the string.
        self.junk += 1;
        out
    }

    fn escape(&mut self, out: &mut Vec<u8>) {
        let Some(b) = self.peek() else { return };
        self.pos += 1;
        match b {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'0'..=b'7' => {
                let mut value = u32::from(b - b'0');
                for _ in 0..2 {
                    match self.peek() {
                        Some(d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                out.push((value & 0xff) as u8);
            }
            b'\r' => {
                if self.peek() == Some(b'\n') {
                    self.pos += 1;
                }
            }
            b'\n' => {}
            other => out.push(other),
        }
    }

    fn hex_string(&mut self) -> Vec<u8> {
        // The opening `<` has been consumed.
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'>' {
                if let Some(h) = high {
                    out.push(h << 4);
                }
                return out;
            }
            match hex_value(b) {
                Some(v) => match high.take() {
                    Some(h) => out.push((h << 4) | v),
                    None => high = Some(v),
                },
                None if is_whitespace(b) => {}
                None => self.junk += 1,
            }
        }
        self.junk += 1;
        out
    }

    fn number(run: &[u8]) -> Option<f64> {
        let text = std::str::from_utf8(run).ok()?;
        if let Ok(v) = text.parse::<f64>() {
            return v.is_finite().then_some(v);
        }
        // Producers write things like `--5` or `1.2.3`; read what a viewer would.
        let trimmed = text.trim_start_matches(['+', '-']);
        let negative = text.len() != trimmed.len() && text.starts_with('-');
        let mut seen_dot = false;
        let end = trimmed
            .char_indices()
            .find(|&(_, c)| match c {
                '0'..='9' => false,
                '.' if !seen_dot => {
                    seen_dot = true;
                    false
                }
                _ => true,
            })
            .map_or(trimmed.len(), |(i, _)| i);
        let head = trimmed.get(..end)?;
        let value = if head.is_empty() || head == "." {
            0.0
        } else {
            head.parse::<f64>().ok()?
        };
        Some(if negative { -value } else { value })
    }

    /// Skips the data of an inline image after its `BI` keyword, through `EI`.
    /// Returns false when no `EI` was found (the rest of the stream is consumed).
    pub(crate) fn skip_inline_image(&mut self) -> bool {
        // The dictionary runs up to the `ID` keyword.
        loop {
            match self.next() {
                Some(Token::Keyword(b"ID")) => break,
                Some(_) => {}
                None => return false,
            }
        }
        // One white-space byte separates `ID` from the data.
        self.pos += 1;
        let rest = self.data.get(self.pos..).unwrap_or_default();
        let found = rest.windows(3).enumerate().find(|&(i, w)| {
            is_whitespace(w[0])
                && &w[1..] == b"EI"
                && rest.get(i + 3).is_none_or(|&c| is_whitespace(c) || is_delimiter(c))
        });
        match found {
            Some((i, _)) => {
                self.pos += i + 3;
                true
            }
            None => {
                self.pos = self.data.len();
                false
            }
        }
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            self.skip_whitespace_and_comments();
            let b = self.peek()?;
            match b {
                b'(' => {
                    self.pos += 1;
                    return Some(Token::String(self.literal_string()));
                }
                b'<' => {
                    self.pos += 1;
                    if self.peek() == Some(b'<') {
                        self.pos += 1;
                        return Some(Token::DictStart);
                    }
                    return Some(Token::String(self.hex_string()));
                }
                b'>' => {
                    self.pos += 1;
                    if self.peek() == Some(b'>') {
                        self.pos += 1;
                        return Some(Token::DictEnd);
                    }
                    self.junk += 1;
                }
                b'[' => {
                    self.pos += 1;
                    return Some(Token::ArrayStart);
                }
                b']' => {
                    self.pos += 1;
                    return Some(Token::ArrayEnd);
                }
                b'{' => {
                    self.pos += 1;
                    return Some(Token::ProcStart);
                }
                b'}' => {
                    self.pos += 1;
                    return Some(Token::ProcEnd);
                }
                b'/' => {
                    self.pos += 1;
                    return Some(Token::Name(self.regular_run()));
                }
                b')' => {
                    self.pos += 1;
                    self.junk += 1;
                }
                _ => {
                    let run = self.regular_run();
                    let Some(&first) = run.first() else {
                        // Unreachable for well-formed input, but never loop forever.
                        self.pos += 1;
                        self.junk += 1;
                        continue;
                    };
                    if first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.') {
                        match Self::number(run) {
                            Some(v) => return Some(Token::Number(v)),
                            None => {
                                self.junk += run.len();
                                continue;
                            }
                        }
                    }
                    return Some(Token::Keyword(run));
                }
            }
        }
    }
}

/// Decodes `#xx` escapes in a name.
pub(crate) fn decode_name(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while let Some(&b) = raw.get(i) {
        if b == b'#'
            && let (Some(h), Some(l)) = (
                raw.get(i + 1).copied().and_then(hex_value),
                raw.get(i + 2).copied().and_then(hex_value),
            )
        {
            out.push((h << 4) | l);
            i += 3;
            continue;
        }
        out.push(b);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(input: &[u8]) -> Vec<Token<'_>> {
        Lexer::new(input).collect()
    }

    #[test]
    fn reads_operands_and_operators() {
        let t = tokens(b"BT /F1 10.5 Tf 1 0 0 1 64 770 Tm <8e96> Tj [(a\\)b) -250 (c)] TJ ET");
        assert_eq!(t[0], Token::Keyword(b"BT"));
        assert_eq!(t[1], Token::Name(b"F1"));
        assert_eq!(t[2], Token::Number(10.5));
        assert_eq!(t[11], Token::String(vec![0x8e, 0x96]));
        assert_eq!(t[13], Token::ArrayStart);
        assert_eq!(t[14], Token::String(b"a)b".to_vec()));
        assert_eq!(t[15], Token::Number(-250.0));
    }

    #[test]
    fn literal_string_escapes_and_nesting() {
        let t = tokens(b"(a(b)c\\\\\\101\\\n\\x)");
        assert_eq!(t, vec![Token::String(b"a(b)c\\Ax".to_vec())]);
    }

    #[test]
    fn odd_hex_string_pads_last_digit() {
        assert_eq!(tokens(b"<4e8 >"), vec![Token::String(vec![0x4e, 0x80])]);
    }

    #[test]
    fn malformed_numbers_read_leniently() {
        assert_eq!(tokens(b"--5 1.2.3"), vec![Token::Number(-5.0), Token::Number(1.2)]);
    }

    #[test]
    fn junk_is_counted_not_fatal() {
        let mut lexer = Lexer::new(b") > (x");
        let t: Vec<_> = lexer.by_ref().collect();
        assert_eq!(t, vec![Token::String(b"x".to_vec())]);
        assert_eq!(lexer.junk(), 3);
    }

    #[test]
    fn inline_image_data_is_skipped() {
        let mut lexer = Lexer::new(b"BI /W 2 /H 1 /BPC 8 /CS /G ID \x00EI\xff EI Q");
        assert_eq!(lexer.next(), Some(Token::Keyword(b"BI")));
        assert!(lexer.skip_inline_image());
        assert_eq!(lexer.next(), Some(Token::Keyword(b"Q")));
    }

    #[test]
    fn name_escapes() {
        assert_eq!(decode_name(b"A#20B#zz"), b"A B#zz".to_vec());
    }
}
