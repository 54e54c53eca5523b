//! The JavaScript boundary: the only file that knows about wasm-bindgen.
//!
//! It converts types and maps errors; every computation lives in the core ([`crate::review`]
//! for corrections, [`crate::open`] and [`crate::export`] for opening and exporting). Documents cross the
//! boundary as plain JavaScript objects shaped exactly like the core's JSON (SPEC §3):
//! `serde_wasm_bindgen`'s JSON-compatible serializer turns `None` into `null` and maps into
//! plain objects, so `JSON.stringify` of what the page holds equals the core's own export,
//! field for field. The page's annotation call, [`apply_json`], hands over the core's JSON text
//! instead (`JSON.parse` of it is the same objects, built far faster than across the boundary).
//! Errors become JavaScript `Error`s with the core's one-line message.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::export::{self, Format};
use crate::review::{self, Correction};
use crate::{overview, AnnotationType, Document, Kind};

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

/// A core error as a JavaScript `Error` with its one-line message.
fn js_error(e: crate::Error) -> JsError {
    JsError::new(&e.to_string())
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

/// [`apply`] as the JSON text of `{document, skipped}` — what the page calls. A long
/// article's document is a large tree of objects; one string crosses the boundary (and the
/// worker's message) far faster, and `JSON.parse` on the page builds the same plain objects.
///
/// # Errors
/// As [`apply`].
#[wasm_bindgen(js_name = applyJson)]
pub fn apply_json(text: &str, corrections_list: JsValue) -> Result<String, JsError> {
    let list = corrections(corrections_list)?;
    let report = review::apply_report(crate::embedded_annotator()?, text, &list);
    serde_json::to_string(&report).map_err(|e| JsError::new(&e.to_string()))
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

/// Marks of every whole-word occurrence of the selected words `start..end` of `text` as
/// type `ty` ([`Correction::mark_all`]).
///
/// # Errors
/// When `ty` is not one of the 13 types.
#[wasm_bindgen(js_name = markAll)]
pub fn mark_all(text: &str, start: usize, end: usize, ty: &str) -> Result<JsValue, JsError> {
    let ty =
        AnnotationType::parse(ty).ok_or_else(|| JsError::new(&format!("unknown type {ty:?}")))?;
    to_js(&Correction::mark_all(text, start, end, ty))
}

/// The type the embedded model finds most likely for the code points `start..end` of
/// `text` as a `kind` (`actor`, `place`, `number`): [`crate::Annotator::likely_type`].
///
/// # Errors
/// When `kind` is not one of the three kinds, or the embedded model does not decode.
#[wasm_bindgen(js_name = likelyType)]
pub fn likely_type(text: &str, start: usize, end: usize, kind: &str) -> Result<String, JsError> {
    let kind = [Kind::Actor, Kind::Place, Kind::Number]
        .into_iter()
        .find(|k| k.as_str() == kind)
        .ok_or_else(|| JsError::new(&format!("unknown kind {kind:?}")))?;
    let annotator = crate::embedded_annotator()?;
    Ok(annotator
        .likely_type(text, start, end, kind)
        .as_str()
        .to_string())
}

/// Opens a saved `.tusj.json`: the validated document, corrections included.
///
/// # Errors
/// The core's one-line message when `json` is not a valid tusj document.
#[wasm_bindgen(js_name = openJson)]
pub fn open_json(json: &str) -> Result<JsValue, JsError> {
    let doc = Document::from_json(json).map_err(js_error)?;
    to_js(&doc)
}

/// The pretty tusj JSON export of a document object, exactly as the core writes it.
///
/// # Errors
/// When `doc` is not shaped like a tusj document, or cannot be written.
#[wasm_bindgen(js_name = exportJson)]
pub fn export_json(doc: JsValue) -> Result<String, JsError> {
    document(doc)?.to_json_pretty().map_err(js_error)
}

/// The export of a document object in `format` (a [`Format`] name: `tusj`, `w3c`,
/// `displacy`, `csv`, `numbers-csv`, `geojson`, `events-csv`), as [`Format::write`] writes it.
///
/// # Errors
/// When `doc` is not a tusj document or `format` is unknown.
#[wasm_bindgen(js_name = exportAs)]
pub fn export_as(doc: JsValue, format: &str) -> Result<String, JsError> {
    let format = Format::from_name(format).map_err(js_error)?;
    format.write(&document(doc)?).map_err(js_error)
}

/// The download name for an export: [`Format::file_name`] of `base`, or of the document's
/// [`export::default_name`] when `base` is empty.
///
/// # Errors
/// When `doc` is not a tusj document or `format` is unknown.
#[wasm_bindgen(js_name = fileName)]
pub fn file_name(doc: JsValue, base: &str, format: &str) -> Result<String, JsError> {
    let format = Format::from_name(format).map_err(js_error)?;
    if base.is_empty() {
        return Ok(format.file_name(&export::default_name(&document(doc)?)));
    }
    Ok(format.file_name(base))
}

/// The media type of a download in `format`.
///
/// # Errors
/// When `format` is unknown.
#[wasm_bindgen(js_name = mediaType)]
pub fn media_type(format: &str) -> Result<String, JsError> {
    let format = Format::from_name(format).map_err(js_error)?;
    Ok(format.media_type().to_string())
}

/// One export format as the page sees it.
#[derive(Serialize)]
struct FormatInfo {
    name: &'static str,
    label: &'static str,
    extension: &'static str,
    media_type: &'static str,
}

/// Every export format ([`Format::ALL`]), for a page that lists them:
/// `[{name: "tusj", label: "tusj (JSON)", extension: "tusj.json", media_type: …}, …]`.
///
/// # Errors
/// Never in practice (the list serialises); kept for the common shape.
#[wasm_bindgen]
pub fn formats() -> Result<JsValue, JsError> {
    let list: Vec<FormatInfo> = Format::ALL
        .into_iter()
        .map(|f| FormatInfo {
            name: f.name(),
            label: f.label(),
            extension: f.extension(),
            media_type: f.media_type(),
        })
        .collect();
    to_js(&list)
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

/// The qualifiers with their words ([`overview::qualifiers`]):
/// `[{qualifier: "exact", words: ""}, {qualifier: "approximately", words: "om lag"}, …]`.
///
/// # Errors
/// Never in practice (the list serialises); kept for the common shape.
#[wasm_bindgen]
pub fn qualifiers() -> Result<JsValue, JsError> {
    to_js(&overview::qualifiers())
}

/// The crate version, e.g. `0.1.0`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
