//! Helpers shared by the integration tests.

#![allow(dead_code, reason = "each test binary uses part of this module")]

pub mod cli;
pub mod facts;
pub mod measure;
pub mod out_dir;
pub mod pdftotext;
pub mod raw_pdf;
pub mod readme;
pub mod render;
pub mod rng;
pub mod shapes;
pub mod styles;
