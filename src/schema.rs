//! The JSON Schema of [`Document`], generated from the types themselves so it
//! cannot drift; `schemas/notice.schema.json` is this output, checked by a test.

use crate::records::Document;

/// The schema as pretty JSON with a final newline.
pub fn notice_schema_json() -> String {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let schema = generator.into_root_schema_for::<Document>();
    let mut json = serde_json::to_string_pretty(&schema).unwrap_or_default();
    json.push('\n');
    json
}
