//! The JavaScript boundary: the only file that knows about wasm-bindgen.
//!
//! It converts types and maps errors; every computation lives in the core ([`crate::review`]
//! for corrections, [`crate::open`] and [`crate::export`] for opening and exporting). Documents cross the
//! boundary as plain JavaScript objects shaped exactly like the core's JSON (SPEC §3):
//! `serde_wasm_bindgen`'s JSON-compatible serializer turns `None` into `null` and maps into
//! plain objects, so `JSON.stringify` of what the page holds equals the core's own export,
//! field for field. Errors become JavaScript `Error`s with the core's one-line message.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::review::{self, Correction};
use crate::{export, overview, AnnotationType, Document};

/// Installs the panic hook once, when the module is instantiated. The core never panics by
/// design; the hook only makes a bug readable in the console instead of "unreachable".
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Hands over the name model (`model.bin`) and the place table (`places.bin`), which the
/// page inlines beside the wasm rather than inside it, so that the code compiles fast and the
/// page is ready before the data is even read. Call once, before anything that annotates.
#[wasm_bindgen(js_name = loadData)]
pub fn load_data(model: Vec<u8>, places: Vec<u8>) {
    crate::model::provide(model);
    crate::geo::provide(places);
}

/// Decodes the name model and the place table now (about a tenth of a second), so that the
/// first article does not wait for it. The worker calls it as soon as it has the data.
///
/// # Errors
/// When the model has not been handed over or does not decode.
#[wasm_bindgen]
pub fn warm() -> Result<(), JsError> {
    crate::embedded_annotator()?;
    crate::geo::Places::embedded();
    Ok(())
}

/// Converts a core value to a JavaScript value with JSON semantics (`null`, plain objects).
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    Ok(value.serialize(&serializer)?)
}

/// Reads a value that came from the page, naming what it should have been.
fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("not {what}: {e}")))
}

fn document(doc: JsValue) -> Result<Document, JsError> {
    from_js(doc, "a tusj document")
}

fn corrections(list: JsValue) -> Result<Vec<Correction>, JsError> {
    from_js(list, "a list of corrections")
}

/// Annotates `text` with the embedded model and rules and returns the SPEC §3 document.
///
/// # Errors
/// When the embedded model does not decode (the page shows the message), or if the
/// document cannot be converted to a JavaScript value, which would be a bug.
#[wasm_bindgen]
pub fn annotate(text: &str) -> Result<JsValue, JsError> {
    to_js(&crate::embedded_annotator()?.annotate(text))
}

/// Annotates `text` and replays a person's `corrections` over it:
/// `{document, skipped: [{correction, reason}]}` ([`review::apply_report`]).
///
/// # Errors
/// When `corrections` is not a list of corrections, or the embedded model does not decode.
#[wasm_bindgen]
pub fn apply(text: &str, corrections_list: JsValue) -> Result<JsValue, JsError> {
    let list = corrections(corrections_list)?;
    to_js(&review::apply_report(
        crate::embedded_annotator()?,
        text,
        &list,
    ))
}

/// Moves the corrections made on `old_text` to where their words are in `new_text`:
/// `{corrections, dropped}` ([`review::rebase`]).
///
/// # Errors
/// When `corrections` is not a list of corrections.
#[wasm_bindgen]
pub fn rebase(
    old_text: &str,
    new_text: &str,
    corrections_list: JsValue,
) -> Result<JsValue, JsError> {
    let list = corrections(corrections_list)?;
    to_js(&review::rebase(old_text, new_text, &list))
}

/// The correction that marks the code points `start..end` of `text` as type `ty`, with the
/// selection's surrounding whitespace trimmed; `null` when nothing but whitespace is selected.
///
/// # Errors
/// When `ty` is not one of the 13 types.
#[wasm_bindgen(js_name = markCorrection)]
pub fn mark_correction(text: &str, start: usize, end: usize, ty: &str) -> Result<JsValue, JsError> {
    let ty =
        AnnotationType::parse(ty).ok_or_else(|| JsError::new(&format!("unknown type {ty:?}")))?;
    to_js(&Correction::mark(text, start, end, ty))
}

/// Opens a saved `.tusj.json`: the validated document, corrections included.
///
/// # Errors
/// The core's one-line message when `json` is not a valid tusj document.
#[wasm_bindgen(js_name = openJson)]
pub fn open_json(json: &str) -> Result<JsValue, JsError> {
    let doc = Document::from_json(json).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&doc)
}

/// The pretty tusj JSON export of a document object, exactly as the core writes it.
///
/// # Errors
/// When `doc` is not shaped like a tusj document.
#[wasm_bindgen(js_name = exportJson)]
pub fn export_json(doc: JsValue) -> Result<String, JsError> {
    Ok(document(doc)?.to_json_pretty())
}

/// The export of a document object in `format` (`tusj`, `w3c`, `displacy`, `csv`,
/// `numbers-csv`, `geojson`, `events-csv`), as [`export::export`] writes it.
///
/// # Errors
/// When `doc` is not a tusj document or `format` is unknown.
#[wasm_bindgen(js_name = exportAs)]
pub fn export_as(doc: JsValue, format: &str) -> Result<String, JsError> {
    export::export(&document(doc)?, format).map_err(|e| JsError::new(&e.to_string()))
}

/// The download name for an export: [`export::file_name`] of `base`, or of the document's
/// [`export::default_name`] when `base` is empty.
///
/// # Errors
/// When `doc` is not a tusj document.
#[wasm_bindgen(js_name = fileName)]
pub fn file_name(doc: JsValue, base: &str, format: &str) -> Result<String, JsError> {
    if base.is_empty() {
        return Ok(export::file_name(
            &export::default_name(&document(doc)?),
            format,
        ));
    }
    Ok(export::file_name(base, format))
}

/// The media type of a download in `format`.
#[wasm_bindgen(js_name = mediaType)]
pub fn media_type(format: &str) -> String {
    export::media_type(format).to_string()
}

/// The rows of the numbers panel ([`overview::numbers_table`]).
///
/// # Errors
/// When `doc` is not a tusj document.
#[wasm_bindgen(js_name = numbersTable)]
pub fn numbers_table(doc: JsValue) -> Result<JsValue, JsError> {
    to_js(&overview::numbers_table(&document(doc)?))
}

/// The rows of the «Facts» table ([`overview::facts_table`]).
///
/// # Errors
/// When `doc` is not a tusj document.
#[wasm_bindgen(js_name = factsTable)]
pub fn facts_table(doc: JsValue) -> Result<JsValue, JsError> {
    to_js(&overview::facts_table(&document(doc)?))
}

/// The correction that removes the event `id` of `doc` (`remove`), or sets its `field` to
/// `value` (`null` clears it) — [`Correction::event`].
///
/// # Errors
/// When `doc` is not a tusj document or has no event `id`.
#[wasm_bindgen(js_name = eventCorrection)]
pub fn event_correction(
    doc: JsValue,
    id: &str,
    remove: bool,
    field: &str,
    value: Option<String>,
) -> Result<JsValue, JsError> {
    let doc = document(doc)?;
    let set = if field.is_empty() {
        Default::default()
    } else {
        [(field.to_string(), value)].into_iter().collect()
    };
    let c = Correction::event(&doc, id, remove, set)
        .ok_or_else(|| JsError::new(&format!("no event {id}")))?;
    to_js(&c)
}

/// The kinds with their labels and types ([`crate::document::kinds`]):
/// `[{kind: "actor", label: "Actors", types: ["person", …]}, …]`.
///
/// # Errors
/// Never in practice (the list serialises); kept for the common shape.
#[wasm_bindgen]
pub fn kinds() -> Result<JsValue, JsError> {
    to_js(&crate::document::kinds())
}

/// The crate version, e.g. `0.1.0`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
