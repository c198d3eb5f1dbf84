//! Saved mails: MIME edge cases, each a small mail built here around a corpus notice.

use encoding_rs::{ISO_2022_JP, SHIFT_JIS};
use onshi_notice::diagnostic::WarningCode;
use onshi_notice::error::{FailureCode, FileCode};
use onshi_notice::mail::is_mail;
use onshi_notice::{Carried, Options};

const NOTICE: &str = include_str!("../corpus/layout-rowspan-prefecture-period/source.txt");
const PDF: &[u8] = include_bytes!("../corpus/2025-01-07-aomori-snow/source.pdf");
const COVER: &str = "関係各位\n\n添付のとおり事務連絡を送付いたします。\nご確認のほどお願いいたします。\n";

fn encode(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

/// Base64 in lines of 76, as mailers write it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (k, &b)| n | u32::from(b) << (16 - 8 * k));
        for k in 0..4 {
            out.push(if k <= chunk.len() {
                ALPHABET[(n >> (18 - 6 * k) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    let lines: Vec<&str> = out
        .as_bytes()
        .chunks(76)
        .map(|l| std::str::from_utf8(l).unwrap())
        .collect();
    lines.join("\r\n")
}

/// Quoted-printable with soft breaks (`=` at the end of a line) every 60 characters.
fn quoted_printable(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut width = 0;
    for &b in bytes {
        let piece = match b {
            b'\n' => {
                out.push_str("\r\n");
                width = 0;
                continue;
            }
            b'\r' => continue,
            b'=' => "=3D".to_owned(),
            0x21..=0x7E | b' ' => (b as char).to_string(),
            _ => format!("={b:02X}"),
        };
        if width + piece.len() > 60 {
            out.push_str("=\r\n");
            width = 0;
        }
        width += piece.len();
        out.push_str(&piece);
    }
    out
}

fn multipart(boundary: &str, head: &str, parts: &[String]) -> Vec<u8> {
    let mut mail = format!(
        "From: sender@example.jp\r\nSubject: notice\r\nMIME-Version: 1.0\r\n{head}Content-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\r\n"
    );
    for part in parts {
        mail.push_str(&format!("--{boundary}\r\n{part}\r\n"));
    }
    mail.push_str(&format!("--{boundary}--\r\n"));
    mail.into_bytes()
}

fn jis_text_part(text: &str) -> String {
    format!(
        "Content-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: base64\r\n\r\n{}",
        base64(&encode(ISO_2022_JP, text))
    )
}

fn pdf_part(headers: &str) -> String {
    format!("{headers}Content-Transfer-Encoding: base64\r\n\r\n{}", base64(PDF))
}

fn read(mail: &[u8]) -> Vec<Carried> {
    assert!(is_mail(mail));
    onshi_notice::convert_parts("mail.eml", mail, &Options::default())
}

fn code(c: &Carried) -> FailureCode {
    c.result.as_ref().unwrap_err().code()
}

#[test]
fn a_cover_note_is_skipped_and_the_attachment_named_by_an_encoded_word_is_read() {
    // 通知.pdf as an RFC 2047 encoded word in ISO-2022-JP, as Japanese mailers write it.
    let name = format!(
        "=?ISO-2022-JP?B?{}?=",
        base64(&encode(ISO_2022_JP, "通知.pdf")).replace("\r\n", "")
    );
    let mail = multipart(
        "b1",
        "",
        &[
            jis_text_part(COVER),
            pdf_part(&format!(
                "Content-Type: application/pdf; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n"
            )),
        ],
    );
    let carried = read(&mail);
    assert_eq!(carried.len(), 1, "{carried:?}");
    let doc = carried[0].result.as_ref().unwrap();
    let part = doc.source.part.as_ref().unwrap();
    assert_eq!(
        (part.index.as_str(), part.file_name.as_deref()),
        ("2", Some("通知.pdf"))
    );
    assert_eq!(part.content_type, "application/pdf");
    assert_eq!(doc.source.file, "mail.eml");
    let golden = include_str!("../corpus/2025-01-07-aomori-snow/source.pdf.expected.json");
    let pdf_sha256 = onshi_notice::corpus::golden_documents(golden).unwrap()[0]
        .source
        .sha256
        .clone();
    assert_eq!(doc.source.sha256, pdf_sha256, "the hash is of the attachment");
    assert_eq!(doc.activations.len(), 10);
    assert_eq!(doc.source.file_and_part(), "mail.eml#2");
}

#[test]
fn an_rfc_2231_file_name_on_an_octet_stream_attachment() {
    let mail = multipart(
        "b2",
        "",
        &[
            jis_text_part(COVER),
            pdf_part(
                "Content-Type: application/octet-stream\r\nContent-Disposition: attachment;\r\n filename*=UTF-8''%E9%80%9A%E7%9F%A5.pdf\r\n",
            ),
        ],
    );
    let carried = read(&mail);
    let part = carried[0].part.as_ref().unwrap();
    assert_eq!(part.file_name.as_deref(), Some("通知.pdf"));
    assert_eq!(part.content_type, "application/octet-stream");
    assert!(carried[0].result.is_ok());
}

#[test]
fn a_shift_jis_body_in_quoted_printable_with_soft_breaks() {
    let body = quoted_printable(&encode(SHIFT_JIS, NOTICE));
    assert!(body.contains("=\r\n"), "the body has soft line breaks");
    let mail = format!(
        "From: a@example.jp\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=Shift_JIS\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{body}"
    );
    let carried = read(mail.as_bytes());
    let doc = carried[0].result.as_ref().unwrap();
    assert_eq!(
        doc.source.part.as_ref().unwrap().index,
        "1",
        "the body of a single-part mail is part 1"
    );
    assert_eq!(doc.source.decoded_by, "Shift_JIS");
    assert_eq!(doc.activations.len(), 18);
    let plain = onshi_notice::convert("source.txt", NOTICE.as_bytes(), &Options::default()).unwrap();
    assert_eq!(
        doc.activations, plain.activations,
        "the mail gives what the text file gives"
    );
}

#[test]
fn a_text_part_without_charset_is_decoded_by_its_bytes() {
    let mail = format!(
        "From: a@example.jp\r\nDate: Tue, 7 Jan 2025 10:00:00 +0900\r\nContent-Type: text/plain\r\n\r\n{}",
        String::from_utf8(encode(ISO_2022_JP, NOTICE)).unwrap()
    );
    let carried = read(mail.as_bytes());
    let doc = carried[0].result.as_ref().unwrap();
    assert_eq!(doc.source.decoded_by, "ISO-2022-JP");
    assert!(doc.diagnostics.iter().all(|d| d.code != WarningCode::CharsetMismatch));
}

#[test]
fn an_unknown_charset_is_a_diagnostic_not_a_failure() {
    let mail = format!(
        "From: a@example.jp\r\nSubject: x\r\nContent-Type: text/plain; charset=x-nowhere\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{NOTICE}"
    );
    let carried = read(mail.as_bytes());
    let doc = carried[0].result.as_ref().unwrap();
    let mismatch = doc
        .diagnostics
        .iter()
        .find(|d| d.code == WarningCode::CharsetMismatch)
        .unwrap();
    assert!(
        mismatch.message.contains("`x-nowhere` is unknown"),
        "{}",
        mismatch.message
    );
}

#[test]
fn nested_multiparts_and_a_forwarded_mail_are_walked() {
    let alternative = format!(
        "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n--alt\r\n{}\r\n--alt\r\nContent-Type: text/html\r\n\r\n<p>cover</p>\r\n--alt--",
        jis_text_part(COVER)
    );
    let forwarded = String::from_utf8(multipart(
        "inner",
        "",
        &[
            jis_text_part("転送します。\n"),
            pdf_part("Content-Type: application/pdf; name=\"a.pdf\"\r\n"),
        ],
    ))
    .unwrap();
    let mail = multipart(
        "outer",
        "",
        &[alternative, format!("Content-Type: message/rfc822\r\n\r\n{forwarded}")],
    );
    let carried = read(&mail);
    let indexes: Vec<&str> = carried
        .iter()
        .map(|c| c.part.as_ref().unwrap().index.as_str())
        .collect();
    assert_eq!(indexes, ["2.2"], "the cover notes (1.1, 2.1) are skipped; {carried:?}");
    assert!(carried[0].result.is_ok());
}

#[test]
fn a_broken_attachment_costs_its_part_only() {
    let broken = "Content-Type: application/pdf; name=\"b.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n%%%% not base64 %%%%";
    let mail = multipart(
        "b3",
        "",
        &[
            format!("Content-Type: text/plain; charset=UTF-8\r\n\r\n{NOTICE}"),
            broken.to_owned(),
        ],
    );
    let carried = read(&mail);
    assert_eq!(carried.len(), 2);
    assert!(carried[0].result.is_ok());
    assert_eq!(code(&carried[1]), FileCode::MalformedMail.into());
    let message = carried[1].result.as_ref().unwrap_err().to_string();
    assert!(
        message.starts_with("the part's base64 transfer encoding does not decode"),
        "{message}"
    );
    let several = onshi_notice::convert("mail.eml", &mail, &Options::default()).unwrap_err();
    assert_eq!(several.code(), FileCode::SeveralParts.into());
}

#[test]
fn a_mail_without_a_notice_fails_as_a_whole_naming_its_parts() {
    let mail = multipart(
        "b4",
        "",
        &[
            jis_text_part(COVER),
            "Content-Type: image/png; name=\"logo.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo="
                .to_owned(),
        ],
    );
    let carried = read(&mail);
    assert_eq!(carried.len(), 1);
    assert!(carried[0].part.is_none());
    assert_eq!(code(&carried[0]), FileCode::NotANotice.into());
    let message = carried[0].result.as_ref().unwrap_err().to_string();
    assert!(
        message.starts_with("no part of the mail is a notice: part 1 (text/plain): not a notice")
            && message.ends_with("part 2 (image/png, `logo.png`) is not read"),
        "{message}"
    );
}

#[test]
fn a_multipart_without_its_boundary_is_malformed() {
    let mail = b"From: a\r\nSubject: b\r\nContent-Type: multipart/mixed\r\n\r\nno parts here\r\n";
    let carried = read(mail);
    assert_eq!(code(&carried[0]), FileCode::MalformedMail.into());
    assert_eq!(carried[0].part.as_ref().unwrap().index, "1");
}

/// A mail cut anywhere (a download broken off, a truncated save) gives a
/// result for every part it still has, never a panic nor an empty answer.
#[test]
fn a_truncated_mail_never_panics() {
    let sjis = include_bytes!("../corpus/mail-shift-jis-box-table/source.eml");
    let jis = include_bytes!("../corpus/mail-iso2022jp-attachment/source.eml");
    let cuts = (0..sjis.len())
        .step_by(61)
        .map(|n| &sjis[..n])
        .chain((0..jis.len()).step_by(jis.len() / 23).map(|n| &jis[..n]));
    for mail in cuts {
        let carried = onshi_notice::convert_parts("cut.eml", mail, &Options::default());
        assert!(!carried.is_empty(), "{} bytes", mail.len());
    }
}

/// A mail of a great many parts is refused before it is parsed: memory
/// stays bounded, and the message says why.
#[test]
fn a_mail_of_too_many_parts_is_refused() {
    let parts: String = (0..20_000)
        .map(|k| format!("--b\nContent-Type: text/plain\n\nhello {k}\n"))
        .collect();
    let mail = format!("From: a\nSubject: b\nContent-Type: multipart/mixed; boundary=b\n\n{parts}--b--\n");
    let carried = read(mail.as_bytes());
    assert_eq!(carried.len(), 1);
    assert_eq!(code(&carried[0]), FileCode::MalformedMail.into());
    let message = carried[0].result.as_ref().unwrap_err().to_string();
    assert_eq!(
        message,
        "malformed MIME: 20001 part boundaries, more than the 10000 read (a mail of notices has a handful)"
    );
}

/// A mail of many parts none of which is a notice names the first ten.
#[test]
fn the_failure_of_a_large_mail_lists_ten_parts() {
    let parts: String = (0..25)
        .map(|k| format!("--b\nContent-Type: text/plain\n\nhello {k}\n"))
        .collect();
    let mail = format!("From: a\nSubject: b\nContent-Type: multipart/mixed; boundary=b\n\n{parts}--b--\n");
    let message = read(mail.as_bytes())[0].result.as_ref().unwrap_err().to_string();
    assert!(
        message.contains("part 10 (text/plain)") && !message.contains("part 11 "),
        "{message}"
    );
    assert!(message.ends_with("; and 15 more parts"), "{message}");
}
