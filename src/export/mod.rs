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
//! | `geojson` | `<name>.places.geojson` | the places on the map, GeoJSON ([`geojson`]) |
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
//!   of prefix and suffix) and a `TextPositionSelector`. A place (or acting state) linked
//!   to the map has one more `identifying` body, a `SpecificResource` whose `source` is its
//!   `geo:` URI (RFC 5870, `geo:lat,lon`), with its GeoNames IRI, country and feature class
//!   as `tusj:` properties.
//! - **GeoJSON** (RFC 7946): one `Feature` per entity with a point, `[lon, lat]`, its name,
//!   kind, type and mention count, and what it was linked to (GeoNames id, country, class,
//!   the data's name); entities without a point are left out.
//! - **displaCy**: labels are NorNE's for names (`PER`, `ORG`, `GPE_ORG`, `GPE_LOC`, `LOC`:
//!   what spaCy's Norwegian pipelines output, so the two can be compared) and OntoNotes'
//!   for numbers (`CARDINAL`, `DATE`, `TIME`, `PERCENT`, `MONEY`, `QUANTITY`,
//!   `ORDINAL`), which displaCy already has colours for. A year and a date are both `DATE`.
//! - **CSV**: RFC 4180 (CRLF line ends, fields with `"` `,` or line breaks quoted, quotes
//!   doubled). The entity CSV lists entities only (actors and places, what «a CSV of the
//!   entity list» asks); numbers have their own CSV. A text field starting with `=`, `+`,
//!   `-`, `@`, tab or CR gets a leading `'` so spreadsheets do not run it as a formula (an
//!   article is untrusted input).

mod csv;
mod displacy;
mod events;
mod geojson;
mod w3c;

pub use csv::{entities_csv, numbers_csv};
pub use displacy::{displacy, displacy_label};
pub use events::events_csv;
pub use geojson::geojson;
pub use w3c::w3c;

use crate::document::Document;
use crate::error::Error;
use crate::open::{doc_error, quote};

/// The export format names [`export`] knows, in the order a page may offer them.
pub const FORMATS: [&str; 7] = [
    "tusj",
    "w3c",
    "displacy",
    "csv",
    "numbers-csv",
    "geojson",
    "events-csv",
];

/// Exports `doc` in the named format (one of [`FORMATS`]).
///
/// # Errors
/// An [`ErrorKind::Document`](crate::ErrorKind::Document) error when `format` is not one of [`FORMATS`].
pub fn export(doc: &Document, format: &str) -> Result<String, Error> {
    match format {
        "tusj" => Ok(doc.to_json_pretty()),
        "w3c" => Ok(w3c(doc)),
        "displacy" => Ok(displacy(doc)),
        "csv" => Ok(entities_csv(doc)),
        "numbers-csv" => Ok(numbers_csv(doc)),
        "geojson" => Ok(geojson(doc)),
        "events-csv" => Ok(events_csv(doc)),
        other => Err(doc_error(format!(
            "unknown export format {}: known are {}",
            quote(other),
            FORMATS.join(", ")
        ))),
    }
}

/// The file name for an export of `format`: `<base>.tusj.json`, `<base>.w3c.jsonld`,
/// `<base>.displacy.json`, `<base>.entities.csv`, `<base>.numbers.csv`,
/// `<base>.places.geojson`, `<base>.events.csv` (an unknown format
/// gets `<base>.<format>`). `base` is made safe for a file name first: no path separators,
/// reserved or control characters, no leading or trailing dots or spaces, never empty.
///
/// ```
/// assert_eq!(tusj::export::file_name("syria", "w3c"), "syria.w3c.jsonld");
/// assert_eq!(tusj::export::file_name("../a:b", "tusj"), "a-b.tusj.json");
/// ```
pub fn file_name(base: &str, format: &str) -> String {
    let ext = match format {
        "tusj" => "tusj.json".to_string(),
        "w3c" => "w3c.jsonld".to_string(),
        "displacy" => "displacy.json".to_string(),
        "csv" => "entities.csv".to_string(),
        "numbers-csv" => "numbers.csv".to_string(),
        "geojson" => "places.geojson".to_string(),
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
        "geojson" => "application/geo+json",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::open::validate;
    use crate::overview::numbers_table;
    use crate::review::Correction;
    use crate::vocab::{Annotation, AnnotationType, Meta, NumberReading, Qualifier, Source};
    use serde_json::{json, Value};
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
            crate::embedded_annotator().expect("the embedded model"),
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
