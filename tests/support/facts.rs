//! A document reduced to what it says, for comparing renderings of one
//! notice: where things stand in the text and how it is spaced are left out.

use onshi_notice::Document;
use serde_json::Value;

/// The document as JSON without its `source` and without the positions of
/// activations and scopes.
pub fn without_positions(doc: &Document) -> Value {
    let mut value = serde_json::to_value(doc).expect("a document serializes");
    let object = value.as_object_mut().expect("a document is an object");
    object.remove("source");
    for key in ["activations", "scopes"] {
        for item in object[key].as_array_mut().expect("a list").iter_mut() {
            item.as_object_mut().expect("an object").remove("source_span");
        }
    }
    value
}

/// Whitespace removed from every string: extractors space text differently.
pub fn compact_strings(value: &mut Value) {
    match value {
        Value::String(s) => *s = s.chars().filter(|c| !c.is_whitespace()).collect(),
        Value::Array(items) => items.iter_mut().for_each(compact_strings),
        Value::Object(map) => map.values_mut().for_each(compact_strings),
        _ => {}
    }
}
