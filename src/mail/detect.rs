//! Telling a saved mail from a text notice, by its content.

/// How far into the file the header block is looked for.
const HEADER_WINDOW: usize = 64 * 1024;

/// Fields that a mail's header block has and a notice's first lines never do.
const MAIL_FIELDS: &[&str] = &[
    "mime-version",
    "content-type",
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "received",
    "return-path",
];

/// Whether `bytes` are a saved mail (RFC 5322): they open with a block of
/// header fields (`Name: value`, folded lines indented) that names at least
/// two of the usual mail fields, ended by a blank line. The file name is
/// never consulted.
///
/// ```
/// use onshi_notice::mail::is_mail;
///
/// assert!(is_mail(b"From: a@example.jp\r\nSubject: =?ISO-2022-JP?B?GyRCO3YbKEI=?=\r\n\r\nbody"));
/// assert!(!is_mail("事務連絡\n令和7年1月7日\n".as_bytes()));
/// assert!(!is_mail(b"Subject: no blank line ends this"));
/// ```
pub fn is_mail(bytes: &[u8]) -> bool {
    let window = &bytes[..bytes.len().min(HEADER_WINDOW)];
    let mut known = 0;
    let mut first = true;
    for line in window.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            return !first && known >= 2;
        }
        if matches!(line[0], b' ' | b'\t') {
            if first {
                return false;
            }
            continue;
        }
        let Some(name) = field_name(line) else {
            return false;
        };
        first = false;
        if MAIL_FIELDS.iter().any(|f| f.eq_ignore_ascii_case(name)) {
            known += 1;
        }
    }
    false
}

/// The name of a header field line (`Subject: …`): printable ASCII up to the colon.
fn field_name(line: &[u8]) -> Option<&str> {
    let colon = line.iter().position(|&b| b == b':')?;
    let name = &line[..colon];
    let printable = !name.is_empty() && name.iter().all(|&b| b.is_ascii_graphic());
    printable.then(|| std::str::from_utf8(name).ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_block_with_mail_fields_is_a_mail() {
        assert!(is_mail(
            b"MIME-Version: 1.0\nContent-Type: text/plain;\n charset=\"ISO-2022-JP\"\n\nx"
        ));
        assert!(is_mail(b"Received: from x\n\tby y\nFrom: a\n\n"));
    }

    #[test]
    fn text_that_only_starts_like_one_is_not() {
        // One field, then the text: a note, not a mail.
        assert!(!is_mail(b"Subject: notice\n\nbody"));
        // Fields no mail has.
        assert!(!is_mail(b"Title: a\nAuthor: b\n\nbody"));
        // A line that is no field inside the block.
        assert!(!is_mail(b"From: a\nSubject b\nDate: c\n\n"));
        assert!(!is_mail(b" From: a\nSubject: b\n\n"));
        assert!(!is_mail(b""));
        assert!(!is_mail(b"%PDF-1.7\n"));
    }
}
