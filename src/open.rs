//! Opening saved `.tusj.json` files and checking every invariant of a [`Document`].
//!
//! Choices made here:
//! - **Opening**: [`Document::from_json`] accepts only what tusj itself writes — format
//!   `tusj`, version 1 — and checks every invariant ([`validate`]); fields it does not know
//!   are ignored. The first problem found is reported in one line naming the field and the
//!   annotation, entity or correction.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::document::Document;
use crate::error::{Error, ErrorKind};
use crate::text::CodePoints;
use crate::vocab::{Annotation, Kind, NumberReading};

pub(crate) fn doc_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Document, message)
}

/// A string for an error message: quoted, escaped onto one line, cut after 40 characters.
pub(crate) fn quote(s: &str) -> String {
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
            check_items::<crate::correction::Correction>(top.get("corrections"), "correction")?;
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
        let slice = crate::correction::slice(&doc.text, &cp, a.start, a.end).unwrap_or("");
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
            if crate::correction::slice(&doc.text, &cp, a.start, a.end) != Some(a.text) {
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
            let slice = crate::correction::slice(&doc.text, cp, span.start, span.end);
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
