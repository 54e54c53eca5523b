//! Files in and out: opening a saved `.tusj.json`, and exporting a [`Document`] to the formats
//! other tools read.
//!
//! Every export is a pure function of the document. Offsets are always Unicode code points
//! of `text`, as in the tusj format; W3C Web Annotation positions and Python string indices
//! (displaCy) count code points too, so they carry over unchanged.
//!
//! | name (`export`) | file ([`file_name`]) | what |
//! |---|---|---|
//! | `tusj` | `<name>.tusj.json` | the document itself (SPEC §3), corrections included |
//! | `w3c` | `<name>.w3c.jsonld` | W3C Web Annotation `AnnotationCollection` ([`w3c`]) |
//! | `displacy` | `<name>.displacy.json` | spaCy displaCy «manual» input ([`displacy`]) |
//! | `csv` | `<name>.entities.csv` | the entity list ([`entities_csv`]) |
//! | `numbers-csv` | `<name>.numbers.csv` | the number table ([`numbers_csv`]) |
//! | `events-csv` | `<name>.events.csv` | the facts, one row per event ([`events_csv`]) |
//!
//! Choices made here:
//! - **W3C**: one `AnnotationCollection` whose single embedded `AnnotationPage` (`first`)
//!   holds one `Annotation` per highlight, so the file is one self-describing JSON-LD
//!   object. There is no URL for a pasted text, so the text is named
//!   `urn:tusj:doc:<FNV-1a 64 of its UTF-8 bytes, hex>` and annotations `…:a1`. The first
//!   body tags (`purpose: tagging`, value `kind/type`, e.g. `actor/person`); an actor or
//!   place has a second body identifying its entity (the entity's name); a number has a
//!   `describing` body with its reading, in words and as `tusj:` properties (the
//!   `tusj:` prefix is declared in the `@context`, after the W3C context, as the model's
//!   extension rules ask). `creator` is a `Person` for the person's own corrections and a
//!   `Software` agent (the recogniser, the number rules, the gazetteer) otherwise;
//!   `generator` is always tusj. The target carries a `TextQuoteSelector` (32 code points
//!   of prefix and suffix) and a `TextPositionSelector`.
//! - **displaCy**: labels are NorNE's for names (`PER`, `ORG`, `GPE_ORG`, `GPE_LOC`, `LOC`:
//!   what spaCy's Norwegian pipelines output, so the two can be compared) and OntoNotes'
//!   for numbers (`CARDINAL`, `DATE`, `TIME`, `PERCENT`, `MONEY`, `QUANTITY`,
//!   `ORDINAL`), which displaCy already has colours for. A year and a date are both `DATE`.
//! - **CSV**: RFC 4180 (CRLF line ends, fields with `"` `,` or line breaks quoted, quotes
//!   doubled). The entity CSV lists entities only (actors and places, what «a CSV of the
//!   entity list» asks); numbers have their own CSV. A text field starting with `=`, `+`,
//!   `-`, `@`, tab or CR gets a leading `'` so spreadsheets do not run it as a formula (an
//!   article is untrusted input).
//! - **Opening**: [`Document::from_json`] accepts only what tusj itself writes — format
//!   `tusj`, version 1 — and checks every invariant ([`validate`]); fields it does not know
//!   are ignored. The first problem found is reported in one line naming the field and the
//!   annotation, entity or correction.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::{json, Value};

use crate::document::{Annotation, AnnotationType, Document, Kind, NumberReading, Qualifier};
use crate::error::{Error, ErrorKind};
use crate::text::CodePoints;

/// The export format names [`export`] knows, in the order a page may offer them.
pub const FORMATS: [&str; 6] = [
    "tusj",
    "w3c",
    "displacy",
    "csv",
    "numbers-csv",
    "events-csv",
];

fn doc_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Document, message)
}

/// A string for an error message: quoted, escaped onto one line, cut after 40 characters.
fn quote(s: &str) -> String {
    let mut cut: String = s.chars().take(40).collect();
    if cut.len() < s.len() {
        cut.push('…');
    }
    format!("{cut:?}")
}

impl Document {
    /// Opens a `.tusj.json` file: parses it and checks it with [`validate`].
    /// Exactly what [`Document::to_json_pretty`] wrote comes back as the same document.
    ///
    /// # Errors
    /// An [`ErrorKind::Document`] error with a one-line message when `json` is not JSON,
    /// not a tusj document (a displaCy or W3C file, say), of another version, or breaks an
    /// invariant of the format.
    ///
    /// ```
    /// let doc = tusj::annotate("SOHR melder at 43 ble drept i Syria.");
    /// let json = doc.to_json_pretty();
    /// assert_eq!(tusj::Document::from_json(&json).unwrap().to_json_pretty(), json);
    /// assert!(tusj::Document::from_json("{\"text\": \"x\", \"ents\": []}").is_err());
    /// ```
    pub fn from_json(json: &str) -> Result<Document, Error> {
        let value: Value = serde_json::from_str(json).map_err(|e| {
            let err = doc_error(format!(
                "not a tusj document: not valid JSON ({})",
                strip_position(&e.to_string())
            ));
            if e.line() > 0 {
                err.at_line(e.line())
            } else {
                err
            }
        })?;
        let Value::Object(top) = &value else {
            return Err(doc_error(format!(
                "not a tusj document: the JSON is {}, not an object",
                json_kind(&value)
            )));
        };
        match top.get("format") {
            Some(Value::String(f)) if f == Document::FORMAT => {}
            Some(other) => {
                return Err(doc_error(format!(
                    "not a tusj document: \"format\" is {other}, not \"tusj\""
                )))
            }
            None => {
                let looks_like = if top.contains_key("ents") {
                    " (it looks like a displaCy file)"
                } else if top.contains_key("@context") {
                    " (it looks like a W3C Web Annotation file)"
                } else {
                    ""
                };
                return Err(doc_error(format!(
                    "not a tusj document{looks_like}: no \"format\": \"tusj\" field"
                )));
            }
        }
        match top.get("version") {
            Some(v) if v.as_u64() == Some(u64::from(Document::VERSION)) => {}
            Some(v) => {
                return Err(doc_error(format!(
                    "tusj version {v} is not supported: this tusj reads version {}",
                    Document::VERSION
                )))
            }
            None => return Err(doc_error("field \"version\" is missing")),
        }
        let shapes: [(&str, &str, ValueTest); 4] = [
            ("text", "a string", Value::is_string),
            ("meta", "an object", Value::is_object),
            ("annotations", "an array", Value::is_array),
            ("entities", "an array", Value::is_array),
        ];
        for (field, want, is) in shapes {
            if !top.get(field).is_some_and(is) {
                return Err(doc_error(format!(
                    "field {field:?} is missing or not {want}"
                )));
            }
        }
        check_items::<Annotation>(top.get("annotations"), "annotation")?;
        check_items::<crate::Entity>(top.get("entities"), "entity")?;
        if top.contains_key("corrections") {
            if !matches!(top.get("corrections"), Some(Value::Array(_))) {
                return Err(doc_error("field \"corrections\" is not an array"));
            }
            check_items::<crate::review::Correction>(top.get("corrections"), "correction")?;
        }
        let doc: Document =
            serde_json::from_value(value.clone()).map_err(|e| doc_error(e.to_string()))?;
        if let Some(Value::Array(items)) = top.get("annotations") {
            for (i, (a, raw)) in doc.annotations.iter().zip(items).enumerate() {
                if a.kind == Kind::Number && a.number.is_none() {
                    let why = serde_json::from_value::<NumberReading>(raw.clone())
                        .err()
                        .map_or_else(String::new, |e| format!(": {e}"));
                    return Err(doc_error(format!(
                        "annotation {} ({}): a number needs its reading (value, qualifier, upper, unit){why}",
                        i + 1,
                        quote(&a.id)
                    )));
                }
            }
        }
        validate(&doc)?;
        Ok(doc)
    }
}

/// A test of a JSON value's shape (`Value::is_string`, …).
type ValueTest = fn(&Value) -> bool;

/// serde_json's message without its « at line L column C» (the line goes into the error).
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |at| &message[..at])
}

/// «an actor», «a place», «a number».
fn a_kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Actor => "an actor",
        Kind::Place => "a place",
        Kind::Number => "a number",
    }
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Deserialises each item of an array on its own, so an error can say which item.
fn check_items<T: serde::de::DeserializeOwned>(
    items: Option<&Value>,
    what: &str,
) -> Result<(), Error> {
    let Some(Value::Array(items)) = items else {
        return Ok(());
    };
    for (i, item) in items.iter().enumerate() {
        if let Err(e) = serde_json::from_value::<T>(item.clone()) {
            let id = item
                .get("id")
                .and_then(Value::as_str)
                .map_or_else(String::new, |id| format!(" ({})", quote(id)));
            return Err(doc_error(format!("{what} {}{id}: {e}", i + 1)));
        }
    }
    Ok(())
}

/// Checks every invariant of the tusj format (SPEC §3) on a document.
///
/// Format `tusj`, version 1; `meta.date` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; ids are a
/// lower-case letter and digits; entity names are not blank; each annotation's kind
/// matches its type; `start < end`
/// within the text; `text` is exactly the code points `start..end`; annotations sorted by
/// `start` and not overlapping; unique annotation and entity ids; numbers have a finite
/// reading and no entity, names have no reading; each annotation's `entity` names an
/// entity of the same kind that lists it, and each entity's mentions name annotations
/// that point back; every correction's anchors hold in the text.
///
/// # Errors
/// An [`ErrorKind::Document`] error describing the first problem in one line.
pub fn validate(doc: &Document) -> Result<(), Error> {
    if doc.format != Document::FORMAT {
        return Err(doc_error(format!(
            "not a tusj document: \"format\" is {}",
            quote(&doc.format)
        )));
    }
    if doc.version != Document::VERSION {
        return Err(doc_error(format!(
            "tusj version {} is not supported: this tusj reads version {}",
            doc.version,
            Document::VERSION
        )));
    }
    if let Some(date) = &doc.meta.date {
        let parts: Vec<&str> = date.split('-').collect();
        let digits = parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
        if !digits || !matches!(lens.as_slice(), [4] | [4, 2] | [4, 2, 2]) {
            return Err(doc_error(format!(
                "meta: \"date\" {} is not YYYY, YYYY-MM or YYYY-MM-DD",
                quote(date)
            )));
        }
    }
    let cp = CodePoints::new(&doc.text);
    let entity_ids: HashMap<&str, usize> = doc
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    // (entity index, mention id): one lookup per annotation rather than a search of its
    // entity's whole list, which is quadratic when one entity has most of the mentions.
    let listed: HashSet<(usize, &str)> = doc
        .entities
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.mentions.iter().map(move |m| (i, m.as_str())))
        .collect();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut prev: Option<&Annotation> = None;
    for (i, a) in doc.annotations.iter().enumerate() {
        let at = |msg: String| doc_error(format!("annotation {} ({}): {msg}", i + 1, quote(&a.id)));
        if !is_id(&a.id) {
            return Err(at("\"id\" is not a letter and digits, like \"a1\"".into()));
        }
        if ids.insert(a.id.as_str(), i).is_some() {
            return Err(at("its id is used twice".into()));
        }
        if a.kind != a.ty.kind() {
            return Err(at(format!(
                "kind \"{}\" does not match type \"{}\" (a {})",
                a.kind.as_str(),
                a.ty.as_str(),
                a.ty.kind().as_str()
            )));
        }
        if a.start >= a.end {
            return Err(at(format!(
                "span {}..{} is empty or reversed",
                a.start, a.end
            )));
        }
        if a.end > cp.len() {
            return Err(at(format!(
                "end {} is past the end of the text ({} code points)",
                a.end,
                cp.len()
            )));
        }
        let slice = crate::review::slice(&doc.text, &cp, a.start, a.end).unwrap_or("");
        if slice != a.text {
            return Err(at(format!(
                "\"text\" is {} but the text at {}..{} is {}",
                quote(&a.text),
                a.start,
                a.end,
                quote(slice)
            )));
        }
        if let Some(p) = prev {
            if a.start < p.end {
                return Err(at(format!(
                    "starts at {}, before the annotation before it ({}) ends at {}: annotations must be sorted and not overlap",
                    a.start,
                    quote(&p.id),
                    p.end
                )));
            }
        }
        prev = Some(a);
        match (&a.number, a.kind) {
            (None, Kind::Number) => {
                return Err(at(
                    "a number needs its reading (value, qualifier, upper, unit)".into(),
                ))
            }
            (Some(_), Kind::Actor | Kind::Place) => {
                return Err(at(format!(
                    "{} cannot have number fields (value, qualifier, upper, unit)",
                    a_kind(a.kind)
                )))
            }
            (Some(n), _) => {
                if !n.value.is_finite() || n.upper.is_some_and(|u| !u.is_finite()) {
                    return Err(at("\"value\" and \"upper\" must be finite numbers".into()));
                }
            }
            (None, _) => {}
        }
        if let Some(e) = &a.entity {
            if a.kind == Kind::Number {
                return Err(at("a number belongs to no entity".into()));
            }
            let Some(&ei) = entity_ids.get(e.as_str()) else {
                return Err(at(format!("its entity {} does not exist", quote(e))));
            };
            if !listed.contains(&(ei, a.id.as_str())) {
                return Err(at(format!(
                    "its entity {} does not list it among its mentions",
                    quote(e)
                )));
            }
        }
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, e) in doc.entities.iter().enumerate() {
        let at = |msg: String| doc_error(format!("entity {} ({}): {msg}", i + 1, quote(&e.id)));
        if !is_id(&e.id) {
            return Err(at("\"id\" is not a letter and digits, like \"e1\"".into()));
        }
        if e.name.trim().is_empty() {
            return Err(at("\"name\" is empty".into()));
        }
        if !seen.insert(e.id.as_str()) {
            return Err(at("its id is used twice".into()));
        }
        if e.kind == Kind::Number || e.kind != e.ty.kind() {
            return Err(at(format!(
                "kind \"{}\" with type \"{}\": an entity is an actor or a place of a matching type",
                e.kind.as_str(),
                e.ty.as_str()
            )));
        }
        if e.mentions.is_empty() {
            return Err(at("it has no mentions".into()));
        }
        for m in &e.mentions {
            let Some(&ai) = ids.get(m.as_str()) else {
                return Err(at(format!("mention {} is not an annotation", quote(m))));
            };
            let a = &doc.annotations[ai];
            if a.entity.as_deref() != Some(e.id.as_str()) {
                return Err(at(format!(
                    "mention {} does not point back to it (its \"entity\" is {})",
                    quote(m),
                    a.entity.as_deref().map_or_else(|| "missing".into(), quote)
                )));
            }
            if a.kind != e.kind {
                return Err(at(format!(
                    "mention {} is {}, but the entity is {}",
                    quote(m),
                    a_kind(a.kind),
                    a_kind(e.kind)
                )));
            }
        }
    }
    validate_events(doc, &cp, &ids, &entity_ids)?;
    for (i, c) in doc.corrections.iter().enumerate() {
        for a in c.anchors() {
            if crate::review::slice(&doc.text, &cp, a.start, a.end) != Some(a.text) {
                return Err(doc_error(format!(
                    "correction {} ({}): its text {} is not at {}..{} of the text",
                    i + 1,
                    c.op(),
                    quote(a.text),
                    a.start,
                    a.end
                )));
            }
        }
    }
    Ok(())
}

/// Checks the events: ids `v1`… used once, the sentence and every span within the text
/// and equal to it, counts that are number annotations, entities that exist, breakdowns
/// of an earlier event.
fn validate_events(
    doc: &Document,
    cp: &CodePoints,
    ids: &HashMap<&str, usize>,
    entity_ids: &HashMap<&str, usize>,
) -> Result<(), Error> {
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, e) in doc.events.iter().enumerate() {
        let at = |msg: String| doc_error(format!("event {} ({}): {msg}", i + 1, quote(&e.id)));
        if !e.id.starts_with('v') || !is_id(&e.id) {
            return Err(at("\"id\" is not «v» and digits, like \"v1\"".into()));
        }
        if e.start > e.end || e.end > cp.len() {
            return Err(at(format!(
                "sentence {}..{} is not within the text ({} code points)",
                e.start,
                e.end,
                cp.len()
            )));
        }
        if let Some(c) = &e.count {
            let number = ids
                .get(c.as_str())
                .is_some_and(|&k| doc.annotations[k].kind == Kind::Number);
            if !number {
                return Err(at(format!(
                    "its count {} is not a number annotation",
                    quote(c)
                )));
            }
        }
        if let Some(p) = &e.part_of {
            if !seen.contains(p.as_str()) {
                return Err(at(format!(
                    "it is part of {}, not an earlier event",
                    quote(p)
                )));
            }
        }
        let parts = [
            ("agent", &e.agent),
            ("target", &e.target),
            ("place", &e.place),
            ("time", &e.time),
            ("source", &e.source),
        ];
        for (name, span) in parts {
            let Some(span) = span else { continue };
            let slice = crate::review::slice(&doc.text, cp, span.start, span.end);
            if span.start >= span.end || slice != Some(span.text.as_str()) {
                return Err(at(format!(
                    "its {name} {} is not at {}..{} of the text",
                    quote(&span.text),
                    span.start,
                    span.end
                )));
            }
            if let Some(ent) = &span.entity {
                if !entity_ids.contains_key(ent.as_str()) {
                    return Err(at(format!(
                        "the entity {} of its {name} does not exist",
                        quote(ent)
                    )));
                }
            }
        }
        if !seen.insert(e.id.as_str()) {
            return Err(at("its id is used twice".into()));
        }
    }
    Ok(())
}

/// An id as the schema has it: a lower-case letter and digits (`a1`, `e12`).
fn is_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && !chars.as_str().is_empty()
        && chars.all(|c| c.is_ascii_digit())
}

/// Exports `doc` in the named format (one of [`FORMATS`]).
///
/// # Errors
/// An [`ErrorKind::Document`] error when `format` is not one of [`FORMATS`].
pub fn export(doc: &Document, format: &str) -> Result<String, Error> {
    match format {
        "tusj" => Ok(doc.to_json_pretty()),
        "w3c" => Ok(w3c(doc)),
        "displacy" => Ok(displacy(doc)),
        "csv" => Ok(entities_csv(doc)),
        "numbers-csv" => Ok(numbers_csv(doc)),
        "events-csv" => Ok(events_csv(doc)),
        other => Err(doc_error(format!(
            "unknown export format {}: known are {}",
            quote(other),
            FORMATS.join(", ")
        ))),
    }
}

/// The file name for an export of `format`: `<base>.tusj.json`, `<base>.w3c.jsonld`,
/// `<base>.displacy.json`, `<base>.entities.csv`, `<base>.numbers.csv` (an unknown format
/// gets `<base>.<format>`). `base` is made safe for a file name first: no path separators,
/// reserved or control characters, no leading or trailing dots or spaces, never empty.
///
/// ```
/// assert_eq!(tusj::formats::file_name("syria", "w3c"), "syria.w3c.jsonld");
/// assert_eq!(tusj::formats::file_name("../a:b", "tusj"), "a-b.tusj.json");
/// ```
pub fn file_name(base: &str, format: &str) -> String {
    let ext = match format {
        "tusj" => "tusj.json".to_string(),
        "w3c" => "w3c.jsonld".to_string(),
        "displacy" => "displacy.json".to_string(),
        "csv" => "entities.csv".to_string(),
        "numbers-csv" => "numbers.csv".to_string(),
        "events-csv" => "events.csv".to_string(),
        other => {
            let safe = sanitize(other);
            if safe == "article" {
                "txt".to_string()
            } else {
                safe
            }
        }
    };
    format!("{}.{ext}", sanitize(base))
}

/// The media type for a download of `format` (for the page's `Blob`).
pub fn media_type(format: &str) -> &'static str {
    match format {
        "tusj" | "displacy" => "application/json",
        "w3c" => "application/ld+json;profile=\"http://www.w3.org/ns/anno.jsonld\"",
        "csv" | "numbers-csv" | "events-csv" => "text/csv;charset=utf-8",
        _ => "text/plain;charset=utf-8",
    }
}

/// `base` made safe as (part of) a file name on Windows, macOS and Linux.
fn sanitize(base: &str) -> String {
    let mut out = String::new();
    for c in base.chars() {
        let bad =
            c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|');
        if bad {
            if !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push(c);
        }
    }
    let trimmed: String = out
        .trim_matches(|c: char| c == '.' || c == '-' || c.is_whitespace())
        .chars()
        .take(100)
        .collect();
    let trimmed = trimmed.trim_end_matches(['.', ' ']).to_string();
    let stem = trimmed.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.ends_with(|c: char| c.is_ascii_digit()));
    if trimmed.is_empty() {
        "article".to_string()
    } else if reserved {
        format!("{trimmed}-article")
    } else {
        trimmed
    }
}

/// The page's default export name: the header's date and the first words of the article,
/// lower case, ASCII, words joined by `-` («2018-11-over-sju-ar-inn-i»); `article` when the
/// article has no words.
pub fn default_name(doc: &Document) -> String {
    let mut parts: Vec<String> = doc.meta.date.iter().map(|d| slug(d)).collect();
    let (mut words, mut chars) = (0, 0);
    for word in body(doc).split_whitespace().map(slug) {
        if word.is_empty() {
            continue;
        }
        if words == 6 || chars + word.len() > 48 {
            break;
        }
        words += 1;
        chars += word.len() + 1;
        parts.push(word);
    }
    parts.retain(|p| !p.is_empty());
    if parts.is_empty() {
        "article".to_string()
    } else {
        parts.join("-")
    }
}

/// The article without its metadata header.
fn body(doc: &Document) -> &str {
    let start = crate::text::header(&doc.text).body_start;
    doc.text.get(start..).unwrap_or("")
}

/// A word folded to lower-case ASCII letters and digits (æ → ae, ø → o, å → a, é → e).
fn slug(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'æ' => out.push_str("ae"),
            'ø' | 'ö' | 'ó' | 'ò' | 'ô' => out.push('o'),
            'å' | 'ä' | 'á' | 'à' | 'â' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'í' | 'ì' | 'î' | 'ï' => out.push('i'),
            'ú' | 'ù' | 'û' | 'ü' => out.push('u'),
            'ñ' => out.push('n'),
            'ç' => out.push('c'),
            '-' if !out.is_empty() && !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A title for the article: its first eight words («…» when there are more), or `None`.
pub fn title(doc: &Document) -> Option<String> {
    let mut words = body(doc).split_whitespace();
    let first: Vec<&str> = words.by_ref().take(8).collect();
    if first.is_empty() {
        return None;
    }
    let mut t = first.join(" ");
    if words.next().is_some() {
        t.push_str(" …");
    }
    Some(t)
}

/// The IRI naming the document's text: `urn:tusj:doc:` and the FNV-1a 64 hash of its
/// UTF-8 bytes in hex.
pub fn source_iri(doc: &Document) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in doc.text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("urn:tusj:doc:{h:016x}")
}

/// The code points `start..end` of `text`, clamped to the text (never panics).
fn cp_slice<'a>(text: &'a str, cp: &CodePoints, start: usize, end: usize) -> &'a str {
    let s = cp.to_byte(start.min(cp.len())).unwrap_or(text.len());
    let e = cp.to_byte(end.min(cp.len())).unwrap_or(text.len());
    text.get(s..e.max(s)).unwrap_or("")
}

/// The number's reading in words: «at_least 43 mennesker», «range 10000–25000 km».
fn describe(n: &NumberReading) -> String {
    let mut s = match (n.qualifier, n.upper) {
        (Qualifier::Range, Some(u)) => format!("range {}–{}", n.value, u),
        (q, _) => format!("{} {}", qualifier_name(q), n.value),
    };
    if let Some(unit) = &n.unit {
        s.push(' ');
        s.push_str(unit);
    }
    if let Some(counted) = &n.counted {
        s.push(' ');
        s.push_str(counted);
    }
    s
}

fn qualifier_name(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "exact",
        Qualifier::Approximately => "approximately",
        Qualifier::AtLeast => "at_least",
        Qualifier::MoreThan => "more_than",
        Qualifier::AtMost => "at_most",
        Qualifier::LessThan => "less_than",
        Qualifier::Range => "range",
    }
}

/// The W3C Web Annotation export: a JSON-LD `AnnotationCollection` (see the module docs).
pub fn w3c(doc: &Document) -> String {
    let source = source_iri(doc);
    let cp = CodePoints::new(&doc.text);
    let names: HashMap<&str, &str> = doc
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    let generator = json!({
        "id": "urn:tusj:agent:tusj",
        "type": "Software",
        "name": concat!("tusj ", env!("CARGO_PKG_VERSION")),
    });
    let items: Vec<Value> = doc
        .annotations
        .iter()
        .map(|a| {
            let mut body = vec![json!({
                "type": "TextualBody",
                "purpose": "tagging",
                "value": format!("{}/{}", a.kind.as_str(), a.ty.as_str()),
            })];
            if let Some(e) = &a.entity {
                body.push(json!({
                    "type": "TextualBody",
                    "purpose": "identifying",
                    "value": names.get(e.as_str()).copied().unwrap_or(a.text.as_str()),
                    "tusj:entity": format!("{source}:{e}"),
                }));
            }
            if let Some(n) = &a.number {
                body.push(json!({
                    "type": "TextualBody",
                    "purpose": "describing",
                    "value": describe(n),
                    "tusj:value": n.value,
                    "tusj:qualifier": qualifier_name(n.qualifier),
                    "tusj:upper": n.upper,
                    "tusj:unit": n.unit,
                    "tusj:counted": n.counted,
                }));
            }
            let creator = match a.source {
                crate::Source::User => json!({"id": "urn:tusj:agent:person", "type": "Person"}),
                crate::Source::Model => json!({
                    "id": "urn:tusj:agent:model", "type": "Software", "name": "tusj name recogniser"}),
                crate::Source::Rules => json!({
                    "id": "urn:tusj:agent:rules", "type": "Software", "name": "tusj number rules"}),
                crate::Source::Gazetteer => json!({
                    "id": "urn:tusj:agent:gazetteer", "type": "Software", "name": "tusj gazetteer"}),
            };
            let prefix = cp_slice(&doc.text, &cp, a.start.saturating_sub(32), a.start);
            let suffix = cp_slice(&doc.text, &cp, a.end, a.end.saturating_add(32));
            json!({
                "id": format!("{source}:{}", a.id),
                "type": "Annotation",
                "motivation": "tagging",
                "body": body,
                "creator": creator,
                "generator": generator,
                "target": {
                    "source": source,
                    "selector": [
                        {"type": "TextQuoteSelector", "exact": a.text, "prefix": prefix, "suffix": suffix},
                        {"type": "TextPositionSelector", "start": a.start, "end": a.end},
                    ],
                },
            })
        })
        .collect();
    let collection = json!({
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"tusj": "urn:tusj:terms#"}],
        "id": format!("{source}:annotations"),
        "type": "AnnotationCollection",
        "label": title(doc).unwrap_or_else(|| "tusj annotations".to_string()),
        "total": items.len(),
        "first": {
            "id": format!("{source}:annotations:page1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    });
    serde_json::to_string_pretty(&collection).unwrap_or_default()
}

/// The displaCy label of a type (see the module docs).
pub fn displacy_label(ty: AnnotationType) -> &'static str {
    use AnnotationType::*;
    match ty {
        Person => "PER",
        Organisation => "ORG",
        State => "GPE_ORG",
        Geopolitical => "GPE_LOC",
        Location => "LOC",
        Count => "CARDINAL",
        Year | Date => "DATE",
        Time => "TIME",
        Percent => "PERCENT",
        Money => "MONEY",
        Measure => "QUANTITY",
        Ordinal => "ORDINAL",
    }
}

#[derive(Serialize)]
struct Displacy<'a> {
    text: &'a str,
    ents: Vec<DisplacyEnt>,
    title: Option<String>,
}

#[derive(Serialize)]
struct DisplacyEnt {
    start: usize,
    end: usize,
    label: &'static str,
}

/// The spaCy displaCy «manual» export: `{"text", "ents": [{"start", "end", "label"}],
/// "title"}`, for `displacy.render(doc, style="ent", manual=True)`.
pub fn displacy(doc: &Document) -> String {
    let out = Displacy {
        text: &doc.text,
        ents: doc
            .annotations
            .iter()
            .map(|a| DisplacyEnt {
                start: a.start,
                end: a.end,
                label: displacy_label(a.ty),
            })
            .collect(),
        title: title(doc),
    };
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

/// One CSV field, quoted when RFC 4180 needs it, formula-guarded when `text` is set.
fn csv_field(s: &str, text: bool) -> String {
    let guarded;
    let s = if text && s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{s}");
        guarded.as_str()
    } else {
        s
    };
    if s.contains(['"', ',', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_line(out: &mut String, fields: &[(String, bool)]) {
    let line: Vec<String> = fields.iter().map(|(f, t)| csv_field(f, *t)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

/// The entity list as CSV: `id,kind,type,name,aliases,mentions,first_offset` — aliases
/// joined with « | », `mentions` the number of mentions, `first_offset` the code point
/// where the first mention starts.
pub fn entities_csv(doc: &Document) -> String {
    let starts: HashMap<&str, usize> = doc
        .annotations
        .iter()
        .map(|a| (a.id.as_str(), a.start))
        .collect();
    let mut out = String::new();
    out.push_str("id,kind,type,name,aliases,mentions,first_offset\r\n");
    for e in &doc.entities {
        let first = e
            .mentions
            .iter()
            .filter_map(|m| starts.get(m.as_str()))
            .min()
            .map_or_else(String::new, ToString::to_string);
        csv_line(
            &mut out,
            &[
                (e.id.clone(), true),
                (e.kind.as_str().to_string(), false),
                (e.ty.as_str().to_string(), false),
                (e.name.clone(), true),
                (e.aliases.join(" | "), true),
                (e.mentions.len().to_string(), false),
                (first, false),
            ],
        );
    }
    out
}

/// One row of the page's numbers panel.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NumberRow {
    /// The annotation's id.
    pub id: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The number as written («minst 43 mennesker»).
    pub text: String,
    /// count, year, date, time, percent, money, measure or ordinal.
    #[serde(rename = "type")]
    pub ty: AnnotationType,
    /// The value (the lower bound of a range).
    pub value: f64,
    /// How the number relates to the value.
    pub qualifier: Qualifier,
    /// The upper bound of a range.
    pub upper: Option<f64>,
    /// The unit, if any.
    pub unit: Option<String>,
    /// The counted noun, if any.
    pub counted: Option<String>,
    /// Up to six words before it, within its paragraph.
    pub left: String,
    /// Up to six words after it, within its paragraph.
    pub right: String,
    /// Who made it.
    pub source: crate::Source,
}

/// The words of the page's numbers panel: every number annotation with its reading and
/// up to six words of context on each side (not crossing a blank line or the header).
pub fn numbers_table(doc: &Document) -> Vec<NumberRow> {
    let cp = CodePoints::new(&doc.text);
    let body_start = cp.to_char(crate::text::header(&doc.text).body_start);
    doc.annotations
        .iter()
        .filter_map(|a| {
            let n = a.number.as_ref()?;
            // Six words lie well within this many code points; slicing no further keeps the
            // table linear in the length of the article (a 1 MB paste has thousands of rows).
            const WINDOW: usize = 1000;
            let from = body_start.min(a.start).max(a.start.saturating_sub(WINDOW));
            let before = cp_slice(&doc.text, &cp, from, a.start);
            let after = cp_slice(&doc.text, &cp, a.end, cp.len().min(a.end + WINDOW));
            Some(NumberRow {
                id: a.id.clone(),
                start: a.start,
                end: a.end,
                text: a.text.clone(),
                ty: a.ty,
                value: n.value,
                qualifier: n.qualifier,
                upper: n.upper,
                unit: n.unit.clone(),
                counted: n.counted.clone(),
                left: context(before, true),
                right: context(after, false),
                source: a.source,
            })
        })
        .collect()
}

/// Up to six words of `s` next to the number: its last words when `before`, else its
/// first; a blank line ends the paragraph.
fn context(s: &str, before: bool) -> String {
    const WORDS: usize = 6;
    let paragraph = if before {
        let cut = paragraph_breaks(s).last().map_or(0, |&(_, end)| end);
        &s[cut..]
    } else {
        let cut = paragraph_breaks(s)
            .first()
            .map_or(s.len(), |&(start, _)| start);
        &s[..cut]
    };
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    let picked = if before {
        &words[words.len().saturating_sub(WORDS)..]
    } else {
        &words[..words.len().min(WORDS)]
    };
    picked.join(" ")
}

/// Byte ranges of the whitespace runs in `s` that hold two or more line breaks.
fn paragraph_breaks(s: &str) -> Vec<(usize, usize)> {
    let mut breaks = Vec::new();
    let mut run: Option<(usize, usize)> = None; // (start, line breaks)
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            let (start, n) = run.unwrap_or((i, 0));
            run = Some((start, n + usize::from(c == '\n')));
        } else if let Some((start, n)) = run.take() {
            if n >= 2 {
                breaks.push((start, i));
            }
        }
    }
    if let Some((start, n)) = run {
        if n >= 2 {
            breaks.push((start, s.len()));
        }
    }
    breaks
}

/// The numbers table as CSV: `id,type,text,value,qualifier,upper,unit,counted,start,end,left,right`.
pub fn numbers_csv(doc: &Document) -> String {
    let mut out = String::new();
    out.push_str("id,type,text,value,qualifier,upper,unit,counted,start,end,left,right\r\n");
    for r in numbers_table(doc) {
        csv_line(
            &mut out,
            &[
                (r.id, true),
                (r.ty.as_str().to_string(), false),
                (r.text, true),
                (r.value.to_string(), false),
                (qualifier_name(r.qualifier).to_string(), false),
                (r.upper.map_or_else(String::new, |u| u.to_string()), false),
                (r.unit.unwrap_or_default(), true),
                (r.counted.unwrap_or_default(), true),
                (r.start.to_string(), false),
                (r.end.to_string(), false),
                (r.left, true),
                (r.right, true),
            ],
        );
    }
    out
}

/// The events as CSV, one row per event (SPEC §2b):
/// `id,type,negated,count,qualifier,upper,victims,agent,target,place,place_inherited,time,source,part_of,start,end,sentence`
/// — `count` the value of its number («minst 43» → 43, with `qualifier` `at_least`), the
/// parts as written in the text, `start`/`end` the sentence in code points and
/// `sentence` its text.
pub fn events_csv(doc: &Document) -> String {
    let numbers: HashMap<&str, &NumberReading> = doc
        .annotations
        .iter()
        .filter_map(|a| Some((a.id.as_str(), a.number.as_ref()?)))
        .collect();
    let cp = CodePoints::new(&doc.text);
    let part = |s: &Option<crate::events::EventSpan>| {
        (
            s.as_ref().map_or_else(String::new, |s| s.text.clone()),
            true,
        )
    };
    let mut out = String::new();
    out.push_str("id,type,negated,count,qualifier,upper,victims,agent,target,place,place_inherited,time,source,part_of,start,end,sentence\r\n");
    for e in &doc.events {
        let n = e.count.as_deref().and_then(|c| numbers.get(c));
        let sentence = crate::review::slice(&doc.text, &cp, e.start, e.end).unwrap_or("");
        csv_line(
            &mut out,
            &[
                (e.id.clone(), true),
                (e.ty.as_str().to_string(), false),
                (e.negated.to_string(), false),
                (n.map_or_else(String::new, |n| n.value.to_string()), false),
                (
                    n.map_or("", |n| qualifier_name(n.qualifier)).to_string(),
                    false,
                ),
                (
                    n.and_then(|n| n.upper)
                        .map_or_else(String::new, |u| u.to_string()),
                    false,
                ),
                (e.victims.clone().unwrap_or_default(), true),
                part(&e.agent),
                part(&e.target),
                part(&e.place),
                (
                    e.place
                        .as_ref()
                        .map_or_else(String::new, |p| p.inherited.to_string()),
                    false,
                ),
                part(&e.time),
                part(&e.source),
                (e.part_of.clone().unwrap_or_default(), true),
                (e.start.to_string(), false),
                (e.end.to_string(), false),
                (sentence.to_string(), true),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Meta, Source};
    use crate::review::Correction;
    use AnnotationType::*;

    fn reading(
        value: f64,
        qualifier: Qualifier,
        upper: Option<f64>,
        unit: Option<&str>,
        counted: Option<&str>,
    ) -> Option<NumberReading> {
        Some(NumberReading {
            value,
            qualifier,
            upper,
            unit: unit.map(str::to_string),
            counted: counted.map(str::to_string),
        })
    }

    type Mark = (
        &'static str,
        usize,
        AnnotationType,
        Source,
        Option<NumberReading>,
    );

    /// A document over `text` with the given marks (word, occurrence, type, source,
    /// reading), its entities grouped as the annotator groups them.
    fn doc(text: &str, marks: Vec<Mark>) -> Document {
        let mut annotations: Vec<Annotation> = marks
            .into_iter()
            .map(|(word, nth, ty, source, number)| {
                let (byte, _) = text.match_indices(word).nth(nth).expect("word in text");
                let start = text[..byte].chars().count();
                Annotation {
                    id: String::new(),
                    kind: ty.kind(),
                    ty,
                    start,
                    end: start + word.chars().count(),
                    text: word.to_string(),
                    entity: None,
                    source,
                    number,
                }
            })
            .collect();
        annotations.sort_by_key(|a| a.start);
        for (i, a) in annotations.iter_mut().enumerate() {
            a.id = format!("a{}", i + 1);
        }
        let entities = crate::entities::group(text, &mut annotations);
        Document {
            format: Document::FORMAT.into(),
            version: Document::VERSION,
            text: text.to_string(),
            meta: crate::text::header(text).meta,
            annotations,
            entities,
            events: Vec::new(),
            corrections: Vec::new(),
        }
    }

    const TEXT: &str = " date 2018-11 Over sju år inn i krigen i Syria, melder SOHR.\r\n\r\n\
        Minst 43 mennesker ble drept – 🙂 «SOHR, «Kurdisk» ørken» sier Ærø-gruppa. \
        Mellom 10.000 og 25.000 flyktet, 2,5 prosent.\n\nNytt avsnitt: 90 prosent.";

    fn sample() -> Document {
        let mut d = doc(
            TEXT,
            vec![
                (
                    "sju år",
                    0,
                    Measure,
                    Source::Rules,
                    reading(7.0, Qualifier::Exact, None, Some("year"), None),
                ),
                ("Syria", 0, Geopolitical, Source::Model, None),
                ("SOHR", 0, Organisation, Source::Model, None),
                (
                    "Minst 43 mennesker",
                    0,
                    Count,
                    Source::Rules,
                    reading(43.0, Qualifier::AtLeast, None, None, Some("mennesker")),
                ),
                ("SOHR, «Kurdisk» ørken", 0, Organisation, Source::User, None),
                ("Ærø-gruppa", 0, Organisation, Source::Model, None),
                (
                    "Mellom 10.000 og 25.000",
                    0,
                    Count,
                    Source::Rules,
                    reading(10000.0, Qualifier::Range, Some(25000.0), None, None),
                ),
                (
                    "2,5 prosent",
                    0,
                    Percent,
                    Source::Rules,
                    reading(2.5, Qualifier::Exact, None, Some("percent"), None),
                ),
                (
                    "90 prosent",
                    0,
                    Percent,
                    Source::User,
                    reading(90.0, Qualifier::Exact, None, Some("percent"), None),
                ),
            ],
        );
        let (start, end) = (d.annotations[2].start, d.annotations[2].end);
        d.corrections = vec![
            Correction::Unmark {
                start: start + 1,
                end: start + 3,
                text: "OH".into(),
            },
            Correction::Rename {
                start,
                end,
                text: "SOHR".into(),
                name: "Syrian Observatory, \"for\" Human Rights".into(),
            },
        ];
        d.entities[1].name = "Syrian Observatory, \"for\" Human Rights".into();
        d.entities[1].aliases = vec!["SOHR".into()];
        d
    }

    #[test]
    fn sample_is_valid() {
        assert_eq!(validate(&sample()), Ok(()));
    }

    #[test]
    fn tusj_json_round_trips_exactly() {
        let mut docs = vec![
            sample(),
            doc("", vec![]),
            doc("\r\n", vec![]),
            doc(
                "🙂🙂 Syria\r\n",
                vec![("Syria", 0, State, Source::Gazetteer, None)],
            ),
            doc(
                "Tallet er 0,1 eller 1e21 eller 123456789,123456789.",
                vec![
                    (
                        "0,1",
                        0,
                        Count,
                        Source::Rules,
                        reading(0.1, Qualifier::Approximately, None, None, None),
                    ),
                    (
                        "1e21",
                        0,
                        Count,
                        Source::Rules,
                        reading(1e21, Qualifier::MoreThan, None, Some("NOK"), None),
                    ),
                    (
                        "123456789,123456789",
                        0,
                        Measure,
                        Source::User,
                        reading(
                            123_456_789.123_456_79,
                            Qualifier::AtMost,
                            Some(1.0 / 3.0),
                            Some("km"),
                            Some("vei"),
                        ),
                    ),
                ],
            ),
        ];
        docs.push(crate::review::apply(
            crate::default_annotator(),
            " date 2017-09 utenriks\r\n\r\nMens USA støtter SDF i Syria, 🙂 sier Ærø.",
            &[Correction::Unmark {
                start: 32,
                end: 35,
                text: "SDF".into(),
            }],
        ));
        for d in docs {
            let json = d.to_json_pretty();
            let back = Document::from_json(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
            assert_eq!(back, d);
            assert_eq!(back.to_json_pretty(), json);
            assert_eq!(
                Document::from_json(&d.to_json()).map(|b| b.to_json()),
                Ok(d.to_json())
            );
        }
    }

    /// Replaces the value at a JSON pointer of the sample's JSON (or removes it for `None`).
    fn broken(pointer: &str, value: Option<Value>) -> String {
        let mut v: Value = serde_json::from_str(&sample().to_json()).unwrap();
        match value {
            Some(value) => *v.pointer_mut(pointer).expect("pointer") = value,
            None => {
                let (parent, key) = pointer.rsplit_once('/').unwrap();
                v.pointer_mut(parent)
                    .and_then(Value::as_object_mut)
                    .unwrap()
                    .remove(key);
            }
        }
        v.to_string()
    }

    macro_rules! t {
        ($name:ident, $json:expr, $message:expr) => {
            #[test]
            fn $name() {
                let json: String = $json;
                let err = Document::from_json(&json).expect_err("must be refused");
                assert_eq!(err.kind(), ErrorKind::Document);
                let shown = err.to_string();
                assert!(!shown.contains('\n'), "one line: {shown}");
                assert!(shown.contains($message), "{shown:?} lacks {:?}", $message);
            }
        };
    }

    t!(empty_input, String::new(), "not valid JSON");
    t!(
        plain_text,
        "Over sju år inn i krigen".into(),
        "line 1: not a tusj document: not valid JSON"
    );
    t!(
        truncated,
        sample().to_json_pretty()[..200].to_string(),
        "not valid JSON"
    );
    t!(
        an_array,
        "[1, 2]".into(),
        "the JSON is an array, not an object"
    );
    t!(
        random_object,
        r#"{"a": 1}"#.into(),
        "no \"format\": \"tusj\" field"
    );
    t!(
        displacy_file,
        displacy(&sample()),
        "looks like a displaCy file"
    );
    t!(
        w3c_file,
        w3c(&sample()),
        "looks like a W3C Web Annotation file"
    );
    t!(
        other_format,
        broken("/format", Some(json!("brat"))),
        "\"format\" is \"brat\""
    );
    t!(
        version_two,
        broken("/version", Some(json!(2))),
        "tusj version 2 is not supported"
    );
    t!(
        no_version,
        broken("/version", None),
        "\"version\" is missing"
    );
    t!(
        no_text,
        broken("/text", None),
        "field \"text\" is missing or not a string"
    );
    t!(
        text_not_string,
        broken("/text", Some(json!(5))),
        "field \"text\" is missing"
    );
    t!(
        annotations_not_array,
        broken("/annotations", Some(json!({}))),
        "field \"annotations\""
    );
    t!(
        unknown_type,
        broken("/annotations/1/type", Some(json!("city"))),
        "annotation 2 (\"a2\"): unknown variant `city`"
    );
    t!(
        negative_start,
        broken("/annotations/1/start", Some(json!(-1))),
        "annotation 2 (\"a2\"): invalid value"
    );
    t!(
        kind_mismatch,
        broken("/annotations/1/kind", Some(json!("actor"))),
        "annotation 2 (\"a2\"): kind \"actor\" does not match type \"geopolitical\""
    );
    t!(
        reversed,
        broken("/annotations/1/end", Some(json!(3))),
        "annotation 2 (\"a2\"): span 41..3 is empty or reversed"
    );
    t!(
        past_end,
        broken("/annotations/8/end", Some(json!(10_000))),
        "annotation 9 (\"a9\"): end 10000 is past the end of the text (210 code points)"
    );
    t!(
        wrong_text,
        broken("/annotations/1/text", Some(json!("Syrja"))),
        "annotation 2 (\"a2\"): \"text\" is \"Syrja\" but the text at 41..46 is \"Syria\""
    );
    t!(
        overlap,
        broken("/annotations/2/start", Some(json!(45))),
        "annotation 3 (\"a3\"): \"text\" is \"SOHR\""
    );
    t!(
        unsorted,
        broken("/annotations/1", Some(sample_annotation(3))),
        "annotation 3 (\"a3\"): starts at 55, before the annotation before it (\"a4\") ends at 82"
    );
    t!(
        bad_id,
        broken("/annotations/1/id", Some(json!("A 1"))),
        "annotation 2 (\"A 1\"): \"id\" is not a letter and digits"
    );
    t!(
        blank_entity_name,
        broken("/entities/1/name", Some(json!(" "))),
        "entity 2 (\"e2\"): \"name\" is empty"
    );
    t!(
        bad_date,
        broken("/meta/date", Some(json!("nov 2018"))),
        "meta: \"date\" \"nov 2018\" is not YYYY"
    );
    t!(
        duplicate_id,
        broken("/annotations/1/id", Some(json!("a1"))),
        "annotation 2 (\"a1\"): its id is used twice"
    );
    t!(number_without_reading, broken("/annotations/0/qualifier", None), "annotation 1 (\"a1\"): a number needs its reading (value, qualifier, upper, unit): missing field `qualifier`");
    t!(
        name_with_reading,
        broken("/annotations/1", Some(with_reading(1))),
        "annotation 2 (\"a2\"): a place cannot have number fields"
    );
    t!(
        missing_entity,
        broken("/annotations/1/entity", Some(json!("e9"))),
        "annotation 2 (\"a2\"): its entity \"e9\" does not exist"
    );
    t!(
        entity_not_listing,
        broken("/annotations/1/entity", Some(json!("e2"))),
        "its entity \"e2\" does not list it"
    );
    t!(
        dangling_mention,
        broken("/entities/0/mentions", Some(json!(["a2", "a99"]))),
        "entity 1 (\"e1\"): mention \"a99\" is not an annotation"
    );
    t!(
        entity_of_numbers,
        broken("/entities/0/type", Some(json!("count"))),
        "an entity is an actor or a place"
    );
    t!(
        bad_correction_op,
        broken("/corrections/0/op", Some(json!("paint"))),
        "correction 1: unknown variant `paint`"
    );
    t!(
        unanchored_correction,
        broken("/corrections/1/text", Some(json!("SOHX"))),
        "correction 2 (rename): its text \"SOHX\" is not at 55..59 of the text"
    );

    fn with_reading(i: usize) -> Value {
        let mut a = sample_annotation(i);
        let fields = json!({"value": 1, "qualifier": "exact", "upper": null, "unit": null});
        a.as_object_mut()
            .unwrap()
            .extend(fields.as_object().unwrap().clone());
        a
    }

    fn sample_annotation(i: usize) -> Value {
        serde_json::to_value(&sample().annotations[i]).unwrap()
    }

    #[test]
    fn w3c_has_one_annotation_per_mark_with_both_selectors() {
        let d = sample();
        let v: Value = serde_json::from_str(&w3c(&d)).unwrap();
        assert_eq!(v["@context"][0], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(v["type"], "AnnotationCollection");
        assert_eq!(v["total"], d.annotations.len());
        let items = v["first"]["items"].as_array().unwrap();
        assert_eq!(items.len(), d.annotations.len());
        let source = source_iri(&d);
        assert!(source.starts_with("urn:tusj:doc:"));
        let chars: Vec<char> = d.text.chars().collect();
        for (item, a) in items.iter().zip(&d.annotations) {
            assert_eq!(item["type"], "Annotation");
            assert_eq!(item["id"], format!("{source}:{}", a.id));
            assert_eq!(item["target"]["source"], source);
            let quote = &item["target"]["selector"][0];
            assert_eq!(quote["type"], "TextQuoteSelector");
            assert_eq!(quote["exact"], a.text);
            let prefix: String = chars[a.start.saturating_sub(32)..a.start].iter().collect();
            let suffix: String = chars[a.end..(a.end + 32).min(chars.len())].iter().collect();
            assert_eq!(
                (&quote["prefix"], &quote["suffix"]),
                (&json!(prefix), &json!(suffix))
            );
            let position = &item["target"]["selector"][1];
            assert_eq!(
                position,
                &json!({"type": "TextPositionSelector", "start": a.start, "end": a.end})
            );
            assert_eq!(item["body"][0]["purpose"], "tagging");
            assert_eq!(
                item["body"][0]["value"],
                format!("{}/{}", a.kind.as_str(), a.ty.as_str())
            );
            let who = if a.source == Source::User {
                "Person"
            } else {
                "Software"
            };
            assert_eq!(item["creator"]["type"], who);
            assert_eq!(item["generator"]["id"], "urn:tusj:agent:tusj");
        }
        let sohr = &items[2]["body"][1];
        assert_eq!(sohr["purpose"], "identifying");
        assert_eq!(sohr["value"], "Syrian Observatory, \"for\" Human Rights");
        let range = &items[6]["body"][1];
        assert_eq!(range["purpose"], "describing");
        assert_eq!(range["value"], "range 10000–25000");
        assert_eq!(
            (&range["tusj:value"], &range["tusj:upper"]),
            (&json!(10000.0), &json!(25000.0))
        );
        assert_eq!(items[3]["body"][1]["value"], "at_least 43 mennesker");
        assert_eq!(items[3]["body"][1]["tusj:counted"], "mennesker");
        assert!(w3c(&doc("", vec![])).contains("\"total\": 0"));
    }

    #[test]
    fn displacy_uses_code_point_offsets_and_labels() {
        let d = sample();
        let v: Value = serde_json::from_str(&displacy(&d)).unwrap();
        assert_eq!(v["text"], d.text);
        assert_eq!(v["title"], "Over sju år inn i krigen i Syria, …");
        let ents: Vec<(u64, u64, &str)> = v["ents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["start"].as_u64().unwrap(),
                    e["end"].as_u64().unwrap(),
                    e["label"].as_str().unwrap(),
                )
            })
            .collect();
        let chars: Vec<char> = d.text.chars().collect();
        let shown: Vec<(String, &str)> = ents
            .iter()
            .map(|&(s, e, l)| (chars[s as usize..e as usize].iter().collect(), l))
            .collect();
        let want = [
            ("sju år", "QUANTITY"),
            ("Syria", "GPE_LOC"),
            ("SOHR", "ORG"),
            ("Minst 43 mennesker", "CARDINAL"),
            ("SOHR, «Kurdisk» ørken", "ORG"),
            ("Ærø-gruppa", "ORG"),
            ("Mellom 10.000 og 25.000", "CARDINAL"),
            ("2,5 prosent", "PERCENT"),
            ("90 prosent", "PERCENT"),
        ];
        let shown: Vec<(&str, &str)> = shown.iter().map(|(t, l)| (t.as_str(), *l)).collect();
        assert_eq!(shown, want);
        assert_eq!(
            serde_json::from_str::<Value>(&displacy(&doc("", vec![]))).unwrap()["title"],
            Value::Null
        );
    }

    #[test]
    fn displacy_labels_cover_every_type() {
        let labels: Vec<&str> = AnnotationType::ALL
            .into_iter()
            .map(displacy_label)
            .collect();
        assert_eq!(
            labels,
            [
                "PER", "ORG", "GPE_ORG", "GPE_LOC", "LOC", "CARDINAL", "DATE", "DATE", "TIME",
                "PERCENT", "MONEY", "QUANTITY", "ORDINAL"
            ]
        );
    }

    #[test]
    fn entities_csv_quotes_as_rfc_4180() {
        let mut d = sample();
        d.entities[0].name = "=HYPERLINK(\"x\")".into();
        d.entities[3].aliases = vec!["Ærø\ngruppa".into(), "ÆG".into()];
        let csv = entities_csv(&d);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines,
            [
                "id,kind,type,name,aliases,mentions,first_offset",
                "e1,place,geopolitical,\"'=HYPERLINK(\"\"x\"\")\",,1,41",
                "e2,actor,organisation,\"Syrian Observatory, \"\"for\"\" Human Rights\",SOHR,1,55",
                "e3,actor,organisation,\"SOHR, «Kurdisk» ørken\",,1,98",
                "e4,actor,organisation,Ærø-gruppa,\"Ærø\ngruppa | ÆG\",1,126",
                "",
            ]
        );
    }

    #[test]
    fn numbers_table_reads_with_context() {
        let rows = numbers_table(&sample());
        let got: Vec<(&str, f64, Option<f64>, &str, &str)> = rows
            .iter()
            .map(|r| {
                (
                    r.text.as_str(),
                    r.value,
                    r.upper,
                    r.left.as_str(),
                    r.right.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("sju år", 7.0, None, "Over", "inn i krigen i Syria, melder"),
                (
                    "Minst 43 mennesker",
                    43.0,
                    None,
                    "",
                    "ble drept – 🙂 «SOHR, «Kurdisk»"
                ),
                (
                    "Mellom 10.000 og 25.000",
                    10000.0,
                    Some(25000.0),
                    "🙂 «SOHR, «Kurdisk» ørken» sier Ærø-gruppa.",
                    "flyktet, 2,5 prosent."
                ),
                (
                    "2,5 prosent",
                    2.5,
                    None,
                    "Ærø-gruppa. Mellom 10.000 og 25.000 flyktet,",
                    "."
                ),
                ("90 prosent", 90.0, None, "Nytt avsnitt:", "."),
            ]
        );
        assert_eq!(rows[1].counted.as_deref(), Some("mennesker"));
        assert_eq!(rows[1].qualifier, Qualifier::AtLeast);
        assert_eq!(rows[4].source, Source::User);
        let json = serde_json::to_value(&rows[0]).unwrap();
        assert_eq!(json["type"], "measure");
        assert_eq!(json["unit"], "year");
    }

    #[test]
    fn numbers_csv_lists_every_number() {
        let csv = numbers_csv(&sample());
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "id,type,text,value,qualifier,upper,unit,counted,start,end,left,right"
        );
        assert_eq!(lines[2], "a4,count,Minst 43 mennesker,43,at_least,,,mennesker,64,82,,\"ble drept – 🙂 «SOHR, «Kurdisk»\"");
        assert_eq!(lines[3], "a7,count,Mellom 10.000 og 25.000,10000,range,25000,,,138,161,\"🙂 «SOHR, «Kurdisk» ørken» sier Ærø-gruppa.\",\"flyktet, 2,5 prosent.\"");
        assert_eq!(lines.len(), 7);
    }

    macro_rules! name {
        ($name:ident, $base:expr, $format:expr, $want:expr) => {
            #[test]
            fn $name() {
                assert_eq!(file_name($base, $format), $want);
            }
        };
    }

    name!(tusj_name, "syria", "tusj", "syria.tusj.json");
    name!(w3c_name, "syria", "w3c", "syria.w3c.jsonld");
    name!(displacy_name, "syria", "displacy", "syria.displacy.json");
    name!(csv_name, "syria", "csv", "syria.entities.csv");
    name!(numbers_name, "syria", "numbers-csv", "syria.numbers.csv");
    name!(unknown_format_name, "syria", "x/y", "syria.x-y");
    name!(
        path_name,
        "../../etc/passwd",
        "tusj",
        "etc-passwd.tusj.json"
    );
    name!(
        reserved_chars,
        "a<b>:c\"d|e?*\u{7}f",
        "csv",
        "a-b-c-d-e-f.entities.csv"
    );
    name!(windows_device, "con", "tusj", "con-article.tusj.json");
    name!(empty_name, " .. ", "tusj", "article.tusj.json");
    name!(norwegian_kept, "Ærø og Å", "tusj", "Ærø og Å.tusj.json");

    macro_rules! default {
        ($name:ident, $text:expr, $want:expr) => {
            #[test]
            fn $name() {
                let d = doc($text, vec![]);
                assert_eq!(default_name(&d), $want);
            }
        };
    }

    default!(
        from_header_and_words,
        TEXT,
        "2018-11-over-sju-ar-inn-i-krigen"
    );
    default!(
        section_header,
        " date 2017-09 utenriks\n\nMens USA støtter",
        "2017-09-mens-usa-stotter"
    );
    default!(
        no_header,
        "Ærøs «ørken» — Deir al-Zor é",
        "aeros-orken-deir-al-zor-e"
    );
    default!(
        long_words_cut,
        &"Donaudampfschiffahrtsgesellschaftskapitän ".repeat(3),
        "donaudampfschiffahrtsgesellschaftskapitan"
    );
    default!(nothing, "🙂 — «»", "article");
    default!(empty, "", "article");

    #[test]
    fn export_dispatches_by_name() {
        let d = sample();
        for f in FORMATS {
            assert!(!export(&d, f).unwrap().is_empty(), "{f}");
        }
        assert_eq!(export(&d, "tusj"), Ok(d.to_json_pretty()));
        assert_eq!(export(&d, "csv"), Ok(entities_csv(&d)));
        let err = export(&d, "xml").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Document);
        assert!(err.to_string().contains("unknown export format \"xml\""));
        assert_eq!(
            media_type("w3c"),
            "application/ld+json;profile=\"http://www.w3.org/ns/anno.jsonld\""
        );
    }

    #[test]
    fn exports_never_panic_on_inconsistent_documents() {
        let mut d = sample();
        d.annotations[0].start = 10_000;
        d.annotations[0].end = 3;
        d.annotations[1].entity = Some("e77".into());
        d.entities[0].mentions.push("a404".into());
        for f in FORMATS {
            let _ = export(&d, f);
        }
        let _ = numbers_table(&d);
        assert!(validate(&d).is_err());
    }

    #[test]
    fn meta_defaults_are_left_out() {
        assert_eq!(serde_json::to_string(&Meta::default()).unwrap(), "{}");
    }

    #[test]
    fn one_entity_with_many_mentions_validates() {
        // A long article that names one place 60,000 times: checking that the entity
        // lists each mention must not search its whole list once per annotation.
        let n = 60_000;
        let text = "Oslo ".repeat(n);
        let mut annotations: Vec<Annotation> = (0..n)
            .map(|i| Annotation {
                id: format!("a{}", i + 1),
                kind: Geopolitical.kind(),
                ty: Geopolitical,
                start: 5 * i,
                end: 5 * i + 4,
                text: "Oslo".into(),
                entity: None,
                source: Source::Model,
                number: None,
            })
            .collect();
        let entities = crate::entities::group(&text, &mut annotations);
        let d = Document {
            format: Document::FORMAT.into(),
            version: Document::VERSION,
            text,
            meta: Meta::default(),
            annotations,
            entities,
            events: Vec::new(),
            corrections: Vec::new(),
        };
        assert_eq!(d.entities.len(), 1);
        assert!(validate(&d).is_ok());
    }
}
