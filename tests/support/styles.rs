//! The PDF renderings of the reference notice in the corpus
//! (`corpus/2025-01-07-aomori-snow`), by style. Shared by the tests and the
//! PDF benchmark (`#[path]`).

pub const PDF_STYLES: [&str; 8] = [
    "office",
    "multipage",
    "cid-rksj",
    "cid-rksj-noembed",
    "cid-unijis",
    "cid-identity",
    "identity-nounicode",
    "scan",
];
