//! PDF extraction: every corpus style, fonts and layouts built byte by byte,
//! hostile inputs, and a deterministic fuzz run over damaged corpus copies.

mod support;

use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use onshi_pdf_text::pdf::{Extractor, PdfError, PdfOptions, PdfText, extract_pdf};
use support::raw_pdf::raw_pdf;
use support::rng::Rng;
use support::styles::PDF_STYLES;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/2025-01-07-aomori-snow");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pdf");

/// The municipalities of the seed notice's 範囲 row.
const NAMES: [&str; 10] = [
    "青森市",
    "弘前市",
    "黒石市",
    "五所川原市",
    "平川市",
    "南津軽郡藤崎町",
    "南津軽郡大鰐町",
    "南津軽郡田舎館村",
    "北津軽郡板柳町",
    "北津軽郡鶴田町",
];

const TEXT_STYLES: [(&str, &str); 6] = [
    ("office", "tounicode"),
    ("multipage", "tounicode"),
    ("cid-rksj", "cmap:90ms-RKSJ-H"),
    ("cid-rksj-noembed", "cmap:90ms-RKSJ-H"),
    ("cid-unijis", "cmap:UniJIS-UTF16-H"),
    ("cid-identity", "cid:Adobe-Japan1"),
];

fn corpus(style: &str) -> Vec<u8> {
    // The padded multipage rendering is a notice of its own, in its own corpus entry.
    let path = match style {
        "multipage" => format!("{CORPUS}-multipage/source.pdf"),
        // The office-suite rendering is the entry's main PDF.
        "office" => format!("{CORPUS}/source.pdf"),
        _ => format!("{CORPUS}/source.{style}.pdf"),
    };
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{FIXTURES}/{name}");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The text without whitespace and without the box-drawing borders that
/// ruled tables are written with, so a cell's wrapped lines read as one.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !('\u{2500}'..='\u{257F}').contains(c))
        .collect()
}

/// The tables of the extracted text, as the layout stage reads them: each as
/// its rows of cell texts.
fn tables(text: &PdfText) -> Vec<Vec<Vec<String>>> {
    use onshi_pdf_text::layout::{Block, Furniture, blocks};
    let lines = onshi_pdf_text::normalize::normalize(&text.pages).lines;
    blocks(&lines, &Furniture::of(&lines))
        .into_iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(
                (0..t.rows)
                    .map(|r| t.row(r).iter().map(|c| compact(&c.text())).collect())
                    .collect(),
            ),
            Block::Paragraphs(_) => None,
        })
        .collect()
}

fn all_text(text: &PdfText) -> String {
    text.pages.join("\n")
}

fn extract(bytes: &[u8]) -> Result<PdfText, PdfError> {
    extract_pdf(bytes, &PdfOptions::default())
}

fn expect_err(bytes: &[u8], options: &PdfOptions) -> PdfError {
    match extract_pdf(bytes, options) {
        Ok(text) => panic!(
            "expected an error, got text via {}: {:?}",
            text.method,
            text.pages.first()
        ),
        Err(e) => e,
    }
}

fn assert_seed_notice(text: &PdfText, style: &str) {
    let all = compact(&all_text(text));
    for name in NAMES {
        assert!(all.contains(name), "{style}: {name} missing");
    }
    for date in ["令和7年1月7日", "令和6年12月28日", "令和7年1月13日"] {
        assert!(all.contains(date), "{style}: {date} missing");
    }
}

/// Skips the pdftotext checks where it is missing, except on CI, where that fails (issue 13).
fn pdftotext_installed() -> bool {
    support::pdftotext::installed()
}

// ---------------------------------------------------------------------------
// The corpus, style by style.

#[test]
fn every_text_style_yields_the_notice() {
    for (style, method) in TEXT_STYLES {
        let text = extract(&corpus(style)).unwrap_or_else(|e| panic!("{style}: {} {e}", e.code().as_str()));
        assert_seed_notice(&text, style);
        assert_eq!(text.method, method, "{style}");
        assert!(text.warnings.is_empty(), "{style}: {:?}", text.warnings);
        assert!(text.pages.len() >= 5, "{style}: {} pages", text.pages.len());
    }
}

#[test]
fn table_rows_keep_label_and_cell_together() {
    for (style, _) in TEXT_STYLES {
        let text = extract(&corpus(style)).unwrap_or_else(|e| panic!("{style}: {e}"));
        let lines: Vec<String> = text.pages.iter().flat_map(|p| p.lines()).map(compact).collect();
        let range = lines
            .iter()
            .position(|l| l.starts_with("範囲【青森県】青森市"))
            .unwrap_or_else(|| panic!("{style}: no 範囲 row"));
        let period = lines
            .iter()
            .position(|l| l.starts_with("期間災害救助法の適用第一報から一週間"))
            .unwrap_or_else(|| panic!("{style}: no 期間 row"));
        // The wrapped rest of the 範囲 cell sits between the two rows, in order.
        let cell: String = lines[range..period].concat();
        assert!(
            cell.contains("南津軽郡田舎館村北津軽郡板柳町、北津軽郡鶴田町"),
            "{style}: {cell}"
        );
        let after = lines[period + 1..].iter().find(|l| !l.is_empty()).expect("a footnote");
        assert!(after.starts_with("※令和7年1月13日まで"), "{style}");
    }
}

/// The office-suite rendering draws the table with ruling lines: it comes out
/// as a grid, the label and its wrapped cell side by side.
#[test]
fn office_tables_come_out_as_grids() {
    let text = extract(&corpus("office")).expect("office");
    let found = tables(&text);
    let table = found
        .iter()
        .find(|t| t.first().is_some_and(|row| row.first().is_some_and(|c| c == "範囲")))
        .unwrap_or_else(|| panic!("no 範囲 table in {found:?}"));
    assert_eq!(table.len(), 2, "{table:?}");
    assert!(table[0][1].starts_with("【青森県】青森市、") && table[0][1].ends_with("北津軽郡鶴田町"));
    assert_eq!(table[1][0], "期間");
    assert!(table[1][1].starts_with("災害救助法"));
}

#[test]
fn centred_and_wrapped_table_labels_stay_in_their_cells() {
    // LibreOffice, cells vertically centred: 範囲 sits on the second of four content
    // lines and 期間 is wrapped as 期 / 間 around its content line.
    let text = extract(&fixture("table-middle-aligned.pdf")).expect("fixture");
    let found = tables(&text);
    let table = found.first().expect("a table");
    assert_eq!(
        *table,
        [
            [
                "範囲",
                "【青森県】青森市、弘前市、黒石市、五所川原市、平川市南津軽郡藤崎町、南津軽郡大鰐町、南津軽郡田舎館村北津軽郡板柳町、北津軽郡鶴田町八戸市、十和田市"
            ],
            ["期間", "災害救助法の適用第一報から一週間(※)"],
        ]
    );
}

#[test]
fn multipage_cell_continues_across_the_page_break() {
    let text = extract(&corpus("multipage")).expect("multipage");
    // The cell runs from page 1 onto page 2: two halves of one table, which
    // the layout stage joins again.
    let first: Vec<&str> = text.pages[0].lines().collect();
    let second: Vec<&str> = text.pages[1].lines().collect();
    assert!(first.iter().any(|l| compact(l).starts_with("範囲【青森県】")));
    assert!(
        first.last().is_some_and(|l| l.starts_with('└')),
        "page 1 ends with the table"
    );
    assert!(
        second.first().is_some_and(|l| l.starts_with('┌')),
        "page 2 starts with the table"
    );
    let found = tables(&text);
    assert_eq!(found.iter().filter(|t| t.iter().any(|r| r[0] == "範囲")).count(), 1);
    let all = compact(&all_text(&text));
    for name in [
        "【秋田県】秋田市",
        "【岩手県】盛岡市",
        "下閉伊郡田野畑村",
        "二戸郡一戸町",
        "西津軽郡鰺ヶ沢町",
    ] {
        assert!(all.contains(name), "{name}");
    }
    // Nothing dropped or reordered at the break: the cell reads as the generator wrote it.
    let cell_start = all.find("範囲【青森県】").expect("cell");
    let cell_end = all.find("期間災害救助法").expect("period");
    let cell = &all[cell_start..cell_end];
    let order = [
        "下北郡佐井村三戸郡三戸町",
        "三戸郡新郷村【秋田県】秋田市",
        "雄勝郡東成瀬村、【岩手県】盛岡市",
        "十和田市、三沢市、むつ市",
    ];
    let mut from = 0;
    for piece in order {
        let at = cell[from..]
            .find(piece)
            .unwrap_or_else(|| panic!("{piece} not after byte {from}"));
        from += at + piece.len();
    }
}

#[test]
fn identity_without_unicode_is_refused_not_garbled() {
    let err = expect_err(&corpus("identity-nounicode"), &PdfOptions::default());
    assert_eq!(err.code().as_str(), "no_unicode_mapping");
    let message = err.to_string();
    assert!(message.contains("+IPAexMincho`"), "{message}");
    assert!(message.contains("Identity-H"), "{message}");
    assert!(message.contains("Adobe-Identity"), "{message}");
}

#[test]
fn scan_has_no_text_layer() {
    let err = expect_err(&corpus("scan"), &PdfOptions::default());
    assert_eq!(err.code().as_str(), "no_text_layer");
    assert!(err.to_string().contains("OCR"), "{err}");
}

#[test]
fn producer_is_reported() {
    let text = extract(&corpus("office")).expect("office");
    assert_eq!(text.producer.as_deref(), Some("LibreOffice 7.4"));
}

#[test]
fn pdftotext_extractor_matches_the_contract() {
    if !pdftotext_installed() {
        return;
    }
    let options = PdfOptions {
        extractor: Extractor::Pdftotext,
        ..PdfOptions::default()
    };
    for (style, _) in TEXT_STYLES {
        let text = extract_pdf(&corpus(style), &options).unwrap_or_else(|e| panic!("{style}: {e}"));
        assert_eq!(text.method, "pdftotext");
        assert_seed_notice(&text, style);
    }
    // pdftotext reads the CIDs as Unicode; the garbage must not pass.
    assert_eq!(
        expect_err(&corpus("identity-nounicode"), &options).code().as_str(),
        "mojibake"
    );
    assert_eq!(expect_err(&corpus("scan"), &options).code().as_str(), "no_text_layer");
    assert_eq!(
        expect_err(&fixture("encrypted-user-password.pdf"), &options)
            .code()
            .as_str(),
        "encrypted"
    );
    assert_eq!(expect_err(b"plain text", &options).code().as_str(), "not_pdf");
}

#[test]
fn missing_pdftotext_is_reported_as_unavailable() {
    let options = PdfOptions {
        extractor: Extractor::Pdftotext,
        pdftotext_program: PathBuf::from("/nonexistent/bin/pdftotext"),
        ..PdfOptions::default()
    };
    let err = expect_err(&corpus("office"), &options);
    assert_eq!(err.code().as_str(), "extractor_unavailable");
    assert!(err.to_string().contains("/nonexistent/bin/pdftotext"), "{err}");
}

// ---------------------------------------------------------------------------
// PDFs built byte by byte.

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut s = lopdf::Stream::new(lopdf::Dictionary::new(), data.to_vec());
    s.compress().expect("compress");
    s.content
}

/// A one-page PDF: objects 1–3 are catalog, pages and page; `extra` follow from 4,
/// the content stream is the last object. The page's resources are `resources`.
fn one_page(resources: &str, content: &[u8], extra: Vec<Vec<u8>>) -> Vec<u8> {
    one_page_with(resources, stream("", content), extra)
}

/// [`one_page`] with the content stream object written by the caller.
fn one_page_with(resources: &str, content: Vec<u8>, extra: Vec<Vec<u8>>) -> Vec<u8> {
    let content_id = 4 + extra.len();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {resources} /Contents {content_id} 0 R >>"
        )
        .into_bytes(),
    ];
    objects.extend(extra);
    objects.push(content);
    raw_pdf(&objects)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sjis(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable, "{text}");
    bytes.into_owned()
}

fn utf16be(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

/// A non-embedded Type0 font (object 4) over an Adobe-Japan1 CIDFont (object 5).
fn cjk_font(encoding: &str) -> Vec<Vec<u8>> {
    cjk_font_at(encoding, 4)
}

/// [`cjk_font`] as objects `id` and `id + 1`.
fn cjk_font_at(encoding: &str, id: usize) -> Vec<Vec<u8>> {
    vec![
        format!(
            "<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiMin-W3-{encoding} /Encoding /{encoding} /DescendantFonts [{} 0 R] >>",
            id + 1
        )
        .into_bytes(),
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiMin-W3 /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> /DW 1000 >>"
            .to_vec(),
    ]
}

const FONT_RESOURCES: &str = "<< /Font << /F1 4 0 R >> >>";

#[test]
fn vertical_rksj_reads_columns_right_to_left() {
    let content = format!(
        "BT /F1 12 Tf 1 0 0 1 500 800 Tm <{}> Tj 1 0 0 1 480 800 Tm <{}> Tj 1 0 0 1 480 740 Tm <{}> Tj ET",
        hex(&sjis("範囲：")),
        hex(&sjis("青森市、")),
        hex(&sjis("弘前市")),
    );
    let pdf = one_page(FONT_RESOURCES, content.as_bytes(), cjk_font("90ms-RKSJ-V"));
    let text = extract(&pdf).expect("vertical");
    assert_eq!(text.method, "cmap:90ms-RKSJ-V");
    assert_eq!(text.pages, ["範囲：\n青森市、 弘前市"]);
}

#[test]
fn proportional_rksj_and_ucs2_cmaps() {
    for (encoding, bytes) in [
        ("90msp-RKSJ-H", sjis("表示（ｶﾅ）\\")),
        ("UniJIS-UCS2-H", utf16be("鶴田町")),
    ] {
        let content = format!("BT /F1 10.5 Tf 64 770 Td <{}> Tj ET", hex(&bytes));
        let pdf = one_page(FONT_RESOURCES, content.as_bytes(), cjk_font(encoding));
        let text = extract(&pdf).unwrap_or_else(|e| panic!("{encoding}: {e}"));
        assert_eq!(text.method, format!("cmap:{encoding}"));
        let expected = if encoding == "UniJIS-UCS2-H" {
            "鶴田町"
        } else {
            "表示（ｶﾅ）\\"
        };
        assert_eq!(text.pages, [expected], "{encoding}");
    }
}

#[test]
fn kangxi_radicals_and_variation_sequences_are_kept() {
    let to_unicode = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar <0001> <2FBC> <0002> <845BDB40DD00> <0003> <5E02> endbfchar
endcmap end end";
    let extra = vec![
        b"<< /Type /Font /Subtype /Type0 /BaseFont /MS-Mincho /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 6 0 R >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /MS-Mincho /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>"
            .to_vec(),
        stream("", to_unicode),
    ];
    let pdf = one_page(FONT_RESOURCES, b"BT /F1 12 Tf 72 700 Td <000100020003> Tj ET", extra);
    let text = extract(&pdf).expect("ToUnicode");
    assert_eq!(text.pages, ["\u{2FBC}\u{845B}\u{E0100}\u{5E02}"]);
}

#[test]
fn page_numbers_are_dropped() {
    let line = |y: u32, text: &str| format!("BT /F1 10.5 Tf 64 {y} Td <{}> Tj ET\n", hex(&sjis(text)));
    let content = [
        line(800, "１"),
        line(770, "本文の一行目"),
        line(750, "本文の二行目"),
        line(40, "- 1 -"),
    ]
    .concat();
    let pdf = one_page(FONT_RESOURCES, content.as_bytes(), cjk_font("90ms-RKSJ-H"));
    assert_eq!(extract(&pdf).expect("page").pages, ["本文の一行目\n本文の二行目"]);
}

#[test]
fn unknown_predefined_cmap_names_the_font() {
    let pdf = one_page(
        FONT_RESOURCES,
        b"BT /F1 12 Tf 72 700 Td <b0a1b0a2> Tj ET",
        cjk_font("GBK-EUC-H"),
    );
    let err = expect_err(&pdf, &PdfOptions::default());
    assert_eq!(err.code().as_str(), "no_unicode_mapping");
    assert!(err.to_string().contains("GBK-EUC-H"), "{err}");
}

#[test]
fn latin_text_from_a_mislabelled_encoding_is_mojibake() {
    // LibreOffice's subsets use a custom glyph order labelled WinAnsi; without their
    // ToUnicode map the codes read as Latin letters.
    let font =
        vec![b"<< /Type /Font /Subtype /TrueType /BaseFont /BAAAAA+IPAexMincho /Encoding /WinAnsiEncoding >>".to_vec()];
    let content = b"BT /F1 10.5 Tf 64 770 Td (\\)*+,*-./0123456789:;<=ABCDEFGHIJKLMNOPQ) Tj ET";
    let pdf = one_page(FONT_RESOURCES, content, font);
    assert_eq!(expect_err(&pdf, &PdfOptions::default()).code().as_str(), "mojibake");
    let relaxed = PdfOptions {
        expect_japanese: false,
        ..PdfOptions::default()
    };
    assert_eq!(extract_pdf(&pdf, &relaxed).map(|t| t.method), Ok("encoding"));
}

#[test]
fn image_only_page_among_text_pages_is_flagged() {
    let image = stream(
        "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8",
        b"\x80",
    );
    let objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 7 0 R >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 8 0 R >> >> /Contents 9 0 R >>".to_vec(),
    ];
    let mut objects = objects;
    objects.extend(cjk_font_at("90ms-RKSJ-H", 5));
    objects.extend([
        stream(
            "",
            format!("BT /F1 12 Tf 72 700 Td <{}> Tj ET", hex(&sjis("青森市"))).as_bytes(),
        ),
        image,
        stream("", b"q 500 0 0 700 0 0 cm /Im1 Do Q"),
    ]);
    let text = extract(&raw_pdf(&objects)).expect("mixed");
    assert_eq!(text.pages, ["青森市", ""]);
    assert_eq!(
        text.warnings
            .iter()
            .map(|w| (w.code.as_str(), w.page))
            .collect::<Vec<_>>(),
        [("page_without_text", Some(2))]
    );
}

#[test]
fn form_xobjects_are_read_and_cycles_skipped() {
    let extra = {
        let mut fonts = cjk_font("90ms-RKSJ-H");
        // Object 6: a form that shows text and paints itself again.
        fonts.push(stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /Fm1 6 0 R >> >>",
            format!("BT /F1 12 Tf 72 700 Td <{}> Tj ET /Fm1 Do", hex(&sjis("弘前市"))).as_bytes(),
        ));
        fonts
    };
    let pdf = one_page("<< /XObject << /Fm1 6 0 R >> >>", b"/Fm1 Do", extra);
    let text = extract(&pdf).expect("form");
    assert_eq!(text.pages, ["弘前市"]);
    assert_eq!(
        text.warnings.iter().map(|w| w.code.as_str()).collect::<Vec<_>>(),
        ["forms_skipped"]
    );
}

/// A symbolic TrueType font with an embedded program and no /Encoding: only the
/// font program knows its codes, so the builtin path hands over to pdf-extract.
fn symbolic_font_pdf(content: &[u8]) -> Vec<u8> {
    let extra = vec![
        b"<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Symbolic /FirstChar 32 /LastChar 126 \
          /Widths 6 0 R /FontDescriptor 5 0 R >>"
            .to_vec(),
        b"<< /Type /FontDescriptor /FontName /ABCDEF+Symbolic /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 \
          /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>"
            .to_vec(),
        format!("[{}]", vec!["500"; 95].join(" ")).into_bytes(),
        stream("", b"\0\x01\0\0 not really a font"),
    ];
    one_page(FONT_RESOURCES, content, extra)
}

#[test]
fn fonts_only_their_program_explains_fall_back_to_pdf_extract() {
    let options = PdfOptions {
        expect_japanese: false,
        ..PdfOptions::default()
    };
    let pdf = symbolic_font_pdf(b"BT /F1 12 Tf 72 700 Td (Aomori city) Tj ET");
    let text = extract_pdf(&pdf, &options).expect("fallback");
    assert_eq!(text.method, "pdf-extract");
    assert_eq!(text.pages, ["Aomori city"]);
}

#[test]
fn a_panic_in_pdf_extract_is_contained() {
    // pdf-extract asserts that `cm` has six operands. The builtin path skips the
    // malformed operator, but hands this font over to pdf-extract.
    let pdf = symbolic_font_pdf(b"1 0 0 1 cm BT /F1 12 Tf 72 700 Td (Aomori city) Tj ET");
    let options = PdfOptions {
        expect_japanese: false,
        ..PdfOptions::default()
    };
    let err = expect_err(&pdf, &options);
    assert_eq!(err.code().as_str(), "extractor_panicked");
    let message = err.to_string();
    assert!(message.starts_with("the pdf-extract extractor panicked: "), "{message}");
    assert!(message.contains("(at pdf-extract-"), "{message}");
}

#[test]
fn an_empty_to_unicode_map_is_damage() {
    let extra = vec![
        b"<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Symbolic /Encoding /WinAnsiEncoding /ToUnicode 5 0 R >>"
            .to_vec(),
        stream("", b"/CIDInit /ProcSet findresource begin begincmap endcmap end"),
    ];
    let pdf = one_page(FONT_RESOURCES, b"BT /F1 12 Tf 72 700 Td (Aomori city) Tj ET", extra);
    let err = expect_err(
        &pdf,
        &PdfOptions {
            expect_japanese: false,
            ..PdfOptions::default()
        },
    );
    assert_eq!(err.code().as_str(), "corrupt");
    assert!(err.to_string().contains("ToUnicode"), "{err}");
}

// ---------------------------------------------------------------------------
// Hostile input.

#[test]
fn empty_header_only_and_foreign_bytes() {
    let options = PdfOptions::default();
    assert_eq!(expect_err(b"", &options).code().as_str(), "not_pdf");
    assert_eq!(
        expect_err(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &options).code().as_str(),
        "not_pdf"
    );
    assert_eq!(
        expect_err("事務連絡\n令和7年1月7日".as_bytes(), &options)
            .code()
            .as_str(),
        "not_pdf"
    );
    assert_eq!(expect_err(b"%PDF-1.7\n", &options).code().as_str(), "corrupt");
    assert_eq!(expect_err(b"%PDF-1.7\n%%EOF\n", &options).code().as_str(), "corrupt");
}

#[test]
fn encrypted_with_a_user_password() {
    let err = expect_err(&fixture("encrypted-user-password.pdf"), &PdfOptions::default());
    assert_eq!(err.code().as_str(), "encrypted");
    assert!(err.to_string().contains("password"), "{err}");
}

#[test]
fn encrypted_with_only_an_owner_password_opens() {
    let text = extract(&fixture("encrypted-owner-only.pdf")).expect("empty user password");
    assert_seed_notice(&text, "encrypted-owner-only");
}

#[test]
fn truncated_copies_are_corrupt_never_empty_text() {
    for style in ["office", "cid-rksj-noembed", "cid-unijis"] {
        let bytes = corpus(style);
        for cut in [bytes.len() / 2, bytes.len() * 9 / 10, bytes.len() - 200, 2000, 400] {
            match extract(&bytes[..cut]) {
                Err(e) => assert_eq!(e.code().as_str(), "corrupt", "{style} cut at {cut}: {e}"),
                // Only a cut that spares every object may give text, and then all of it.
                Ok(text) => {
                    assert_seed_notice(&text, style);
                    assert!(
                        text.warnings.iter().any(|w| w.code.as_str() == "xref_repaired"),
                        "{style} cut at {cut}"
                    );
                }
            }
        }
        // Cutting only the trailer leaves every object: the text is whole, the repair is reported.
        let trailer = bytes
            .windows(7)
            .rposition(|w| w == b"trailer")
            .unwrap_or(bytes.len() - 30);
        if let Ok(text) = extract(&bytes[..trailer]) {
            assert_seed_notice(&text, style);
            assert!(
                text.warnings.iter().any(|w| w.code.as_str() == "xref_repaired"),
                "{style}"
            );
        }
    }
}

#[test]
fn decompression_bomb_in_page_content_is_too_large() {
    let mut content = b"BT /F1 12 Tf 72 700 Td (x) Tj ET\n".to_vec();
    content.resize(4 << 20, b' ');
    let packed = deflate(&content);
    assert!(packed.len() < 64 << 10, "the bomb should be small: {}", packed.len());
    let pdf = one_page_with(
        FONT_RESOURCES,
        stream("/Filter /FlateDecode", &packed),
        cjk_font("90ms-RKSJ-H"),
    );
    let options = PdfOptions {
        max_decompressed_bytes: 1 << 20,
        ..PdfOptions::default()
    };
    let err = expect_err(&pdf, &options);
    assert_eq!(err.code().as_str(), "too_large", "{err}");
    assert!(err.to_string().contains("max_decompressed_bytes"), "{err}");
}

#[test]
fn decompression_bomb_in_an_object_stream_is_too_large() {
    let mut inner = b"5 0 ".to_vec();
    inner.extend_from_slice(b"<< /Filler (");
    inner.resize(3 << 20, b'a');
    inner.extend_from_slice(b") >>");
    let packed = deflate(&inner);
    let objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec(),
        stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", &packed),
    ];
    let options = PdfOptions {
        max_decompressed_bytes: 1 << 20,
        ..PdfOptions::default()
    };
    let err = expect_err(&raw_pdf(&objects), &options);
    assert_eq!(err.code().as_str(), "too_large", "{err}");
}

#[test]
fn limits_on_pages_and_glyphs() {
    let bytes = corpus("office");
    let err = expect_err(
        &bytes,
        &PdfOptions {
            max_pages: 2,
            ..PdfOptions::default()
        },
    );
    assert_eq!(err.code().as_str(), "too_large");
    let err = expect_err(
        &bytes,
        &PdfOptions {
            max_glyphs: 100,
            ..PdfOptions::default()
        },
    );
    assert_eq!(err.code().as_str(), "too_large");
}

#[test]
fn deep_nesting_and_recursive_page_trees_do_not_abort() {
    let deep = |n: usize| -> Vec<u8> {
        let mut v = vec![b'['; n];
        v.extend(std::iter::repeat_n(b']', n));
        v
    };
    // Nesting inside an object, inside a content stream, and in the graphics state.
    let mut nested_object = b"<< /Type /Catalog /Pages 2 0 R /Deep ".to_vec();
    nested_object.extend(deep(200_000));
    nested_object.extend_from_slice(b" >>");
    let pages = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec();
    let page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec();
    let results = [
        extract(&raw_pdf(&[nested_object, pages.clone(), page.clone(), stream("", b"")])),
        extract(&one_page(
            FONT_RESOURCES,
            &[deep(300_000), b" TJ".to_vec()].concat(),
            cjk_font("90ms-RKSJ-H"),
        )),
        extract(&one_page(
            FONT_RESOURCES,
            &b"q ".repeat(300_000),
            cjk_font("90ms-RKSJ-H"),
        )),
        extract(&one_page(
            FONT_RESOURCES,
            &b"<< ".repeat(300_000),
            cjk_font("90ms-RKSJ-H"),
        )),
        // Millions of operands for no operator.
        extract(&one_page(
            FONT_RESOURCES,
            &b"1 ".repeat(2_000_000),
            cjk_font("90ms-RKSJ-H"),
        )),
        // /Pages that contains itself, and a page whose /Parent chain loops.
        extract(&raw_pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 /Parent 2 0 R >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
            stream("", b"BT /F1 12 Tf (a) Tj ET"),
        ])),
        // A page tree whose /Count lies.
        extract(&raw_pdf(&[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1000000000 >>".to_vec(),
            page,
            stream("", b""),
        ])),
    ];
    for (i, result) in results.into_iter().enumerate() {
        match result {
            Ok(text) => panic!("case {i}: text {:?}", text.pages),
            Err(e) => assert!(
                matches!(e.code().as_str(), "corrupt" | "no_unicode_mapping" | "too_large"),
                "case {i}: {e}"
            ),
        }
    }
}

#[test]
fn junk_in_content_is_skipped_and_reported() {
    let content = format!(
        "BT /F1 12 Tf 72 700 Td ))))))))>>>>>>>>>> ]]]]]]]] <{}> Tj ET",
        hex(&sjis("鶴田町"))
    );
    let text = extract(&one_page(FONT_RESOURCES, content.as_bytes(), cjk_font("90ms-RKSJ-H"))).expect("junk");
    assert_eq!(text.pages, ["鶴田町"]);
    assert_eq!(
        text.warnings.iter().map(|w| w.code.as_str()).collect::<Vec<_>>(),
        ["content_junk"]
    );
}

#[test]
fn missing_font_resource_is_corrupt() {
    let content = format!("BT /F9 12 Tf 72 700 Td <{}> Tj ET", hex(&sjis("鶴田町")));
    let err = expect_err(
        &one_page(FONT_RESOURCES, content.as_bytes(), cjk_font("90ms-RKSJ-H")),
        &PdfOptions::default(),
    );
    assert_eq!(err.code().as_str(), "corrupt");
    assert_eq!(err.page(), Some(1));
    assert!(err.to_string().contains("/F9"), "{err}");
}

// ---------------------------------------------------------------------------
// Fuzz: damaged copies of every corpus PDF never panic, never hang, and end in
// text or a typed error.

const CODES: [&str; 9] = [
    "not_pdf",
    "encrypted",
    "corrupt",
    "no_text_layer",
    "no_unicode_mapping",
    "mojibake",
    "too_large",
    "extractor_panicked",
    "extractor_unavailable",
];

/// Runs one extraction on its own thread and fails the test if it does not finish in time.
fn bounded(bytes: Vec<u8>, label: &str) -> Result<PdfText, PdfError> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(extract(&bytes));
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(result) => result,
        Err(_) => panic!("{label}: extraction did not finish within 60 s"),
    }
}

fn variants(style: &str, bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let flips: usize = std::env::var("PDF_FUZZ_VARIANTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let mut out = Vec::new();
    let len = bytes.len();
    // Truncations spread over the file, and close to both ends.
    let mut cuts: Vec<usize> = (1..40).map(|i| len * i / 40).collect();
    cuts.extend([1, 5, 9, 16, 100, len - 1, len - 8, len - 40, len - 200]);
    for cut in cuts {
        out.push((format!("{style} cut at {cut}"), bytes[..cut].to_vec()));
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ len as u64);
    for i in 0..flips {
        let mut copy = bytes.to_vec();
        let n = 1 + rng.below(8);
        for _ in 0..n {
            let at = rng.below(len);
            copy[at] ^= 1 << rng.below(8);
        }
        out.push((format!("{style} flip #{i}"), copy));
    }
    out
}

#[test]
fn fuzz_damaged_corpus_copies() {
    let started = Instant::now();
    let mut cases: Vec<(String, Vec<u8>)> = Vec::new();
    for style in PDF_STYLES {
        cases.extend(variants(style, &corpus(style)));
    }
    let total = cases.len();
    let (left, right) = cases.split_at(total / 2);
    let run = |part: &[(String, Vec<u8>)]| -> (usize, Vec<&'static str>) {
        let mut ok = 0;
        let mut codes = Vec::new();
        for (label, bytes) in part {
            match bounded(bytes.clone(), label) {
                Ok(text) => {
                    let meaningful = text.pages.iter().flat_map(|p| p.chars()).any(|c| !c.is_whitespace());
                    assert!(meaningful, "{label}: Ok without text");
                    ok += 1;
                }
                // A contained panic (pdf-extract, as a fallback) is a typed error like the others.
                Err(e) => {
                    assert!(CODES.contains(&e.code().as_str()), "{label}: {}", e.code().as_str());
                    codes.push(e.code().as_str());
                }
            }
        }
        (ok, codes)
    };
    let (a, b) = thread::scope(|s| {
        let worker = s.spawn(|| run(left));
        let b = run(right);
        (worker.join().expect("worker"), b)
    });
    let ok = a.0 + b.0;
    let mut tally: Vec<(&str, usize)> = CODES
        .iter()
        .map(|&c| (c, a.1.iter().chain(&b.1).filter(|&&x| x == c).count()))
        .collect();
    tally.retain(|&(_, n)| n > 0);
    eprintln!(
        "fuzz: {total} damaged copies in {:?}: {ok} gave text; errors {tally:?}",
        started.elapsed()
    );
}
