//! The JavaScript boundary: the only file that knows about wasm-bindgen.
//!
//! It converts types and maps errors; every computation lives in the core. Documents
//! cross the boundary as plain JavaScript objects shaped exactly like the core's JSON
//! (SPEC §3): `serde_wasm_bindgen`'s JSON-compatible serializer turns `None` into `null`
//! and maps into plain objects, so `JSON.stringify` of what the page holds equals the
//! core's own export, field for field.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::Document;

/// Installs the panic hook once, when the module is instantiated. The core never panics by
/// design; the hook only makes a bug readable in the console instead of "unreachable".
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Converts a core value to a JavaScript value with JSON semantics (`null`, plain objects).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    Ok(value.serialize(&serializer)?)
}

/// Reads a document object that came from the page (possibly edited there).
fn from_js(doc: JsValue) -> Result<Document, JsError> {
    serde_wasm_bindgen::from_value(doc)
        .map_err(|e| JsError::new(&format!("not a tusj document: {e}")))
}

/// Annotates `text` with the embedded model and rules and returns the SPEC §3 document.
///
/// # Errors
/// Only if the document cannot be converted to a JavaScript value, which would be a bug.
#[wasm_bindgen]
pub fn annotate(text: &str) -> Result<JsValue, JsError> {
    to_js(&crate::annotate(text))
}

/// The pretty JSON export of a document object, exactly as the core writes it.
///
/// # Errors
/// When `doc` is not shaped like a tusj document.
#[wasm_bindgen(js_name = exportJson)]
pub fn export_json(doc: JsValue) -> Result<String, JsError> {
    Ok(from_js(doc)?.to_json_pretty())
}

/// The crate version, e.g. `0.1.0`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
