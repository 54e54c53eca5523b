//! Files in and out: opening a saved `.tusj.json`, and exporting a [`Document`] to the formats
//! other tools read.
//!
//! Every export is a pure function of the document. Offsets are always Unicode code points
//! of `text`, as in the tusj format; W3C Web Annotation positions and Python string indices
//! (displaCy) count code points too, so they carry over unchanged.
//!
//! [`Format`] names every format with its file extension, media type and writer:
//!
//! | [`Format`] | name | file ([`Format::file_name`]) | what |
//! |---|---|---|---|
//! | `Tusj` | `tusj` | `<name>.tusj.json` | the document itself (SPEC §3), corrections included |
//! | `W3c` | `w3c` | `<name>.w3c.jsonld` | W3C Web Annotation `AnnotationCollection` |
//! | `Displacy` | `displacy` | `<name>.displacy.json` | spaCy displaCy «manual» input |
//! | `EntitiesCsv` | `csv` | `<name>.entities.csv` | the entity list |
//! | `NumbersCsv` | `numbers-csv` | `<name>.numbers.csv` | the number table |
//! | `EntitiesCsvExcel` | `csv-excel` | `<name>.entities.excel.csv` | the entity list, CSV for Excel (Norwegian) |
//! | `NumbersCsvExcel` | `numbers-csv-excel` | `<name>.numbers.excel.csv` | the number table, CSV for Excel (Norwegian) |
//! | `GeoJson` | `geojson` | `<name>.places.geojson` | the places on the map, GeoJSON |
//! | `EventsCsv` | `events-csv` | `<name>.events.csv` | the facts, one row per event |
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

use serde::Serialize;

use crate::document::Document;
use crate::error::{Error, ErrorKind};
use crate::open::{doc_error, quote};
use csv::Dialect;

/// An export format: its name, label, file extension, media type and writer. The command
/// line (`tusj annotate --format`), the page (`wasm::formats`, `exportAs`, `fileName`,
/// `mediaType`) and the tests all go through this one list.
///
/// ```
/// use tusj::export::Format;
/// let doc = tusj::annotate("Ifølge SOHR ble minst 43 mennesker drept i Syria.");
/// let f = Format::from_name("csv").unwrap();
/// assert_eq!(f, Format::EntitiesCsv);
/// assert_eq!(f.file_name("syria"), "syria.entities.csv");
/// assert!(f.write(&doc).unwrap().starts_with("id,kind,type,name"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The document itself, pretty JSON (SPEC §3).
    Tusj,
    /// W3C Web Annotation, a JSON-LD `AnnotationCollection`.
    W3c,
    /// spaCy displaCy «manual» input.
    Displacy,
    /// The entity list as CSV.
    EntitiesCsv,
    /// The number table as CSV.
    NumbersCsv,
    /// The entity list as CSV for Excel with Norwegian settings (UTF-8 byte order mark,
    /// semicolons, decimal commas).
    EntitiesCsvExcel,
    /// The number table as CSV for Excel with Norwegian settings.
    NumbersCsvExcel,
    /// The places on the map as GeoJSON.
    GeoJson,
    /// The facts, one row per event, as CSV.
    EventsCsv,
}

impl Format {
    /// Every format, in the order a page may offer them.
    pub const ALL: [Format; 9] = [
        Format::Tusj,
        Format::W3c,
        Format::Displacy,
        Format::EntitiesCsv,
        Format::NumbersCsv,
        Format::EntitiesCsvExcel,
        Format::NumbersCsvExcel,
        Format::GeoJson,
        Format::EventsCsv,
    ];

    /// The format's name, as the command line and the page call it: `tusj`, `w3c`,
    /// `displacy`, `csv`, `numbers-csv`, `geojson`, `events-csv`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Tusj => "tusj",
            Format::W3c => "w3c",
            Format::Displacy => "displacy",
            Format::EntitiesCsv => "csv",
            Format::NumbersCsv => "numbers-csv",
            Format::EntitiesCsvExcel => "csv-excel",
            Format::NumbersCsvExcel => "numbers-csv-excel",
            Format::GeoJson => "geojson",
            Format::EventsCsv => "events-csv",
        }
    }

    /// How a person is shown the format: «W3C Web Annotation (JSON-LD)».
    pub fn label(self) -> &'static str {
        match self {
            Format::Tusj => "tusj (JSON)",
            Format::W3c => "W3C Web Annotation (JSON-LD)",
            Format::Displacy => "displaCy (JSON)",
            Format::EntitiesCsv => "Entities (CSV, RFC 4180)",
            Format::NumbersCsv => "Numbers (CSV, RFC 4180)",
            Format::EntitiesCsvExcel => "Entities (CSV for Excel, Norwegian)",
            Format::NumbersCsvExcel => "Numbers (CSV for Excel, Norwegian)",
            Format::GeoJson => "Places (GeoJSON)",
            Format::EventsCsv => "Facts (CSV)",
        }
    }

    /// The end of an export's file name, after the base and a dot: `tusj.json`,
    /// `w3c.jsonld`, `displacy.json`, `entities.csv`, `numbers.csv`, `places.geojson`,
    /// `events.csv`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Tusj => "tusj.json",
            Format::W3c => "w3c.jsonld",
            Format::Displacy => "displacy.json",
            Format::EntitiesCsv => "entities.csv",
            Format::NumbersCsv => "numbers.csv",
            Format::EntitiesCsvExcel => "entities.excel.csv",
            Format::NumbersCsvExcel => "numbers.excel.csv",
            Format::GeoJson => "places.geojson",
            Format::EventsCsv => "events.csv",
        }
    }

    /// The media type of a download (for the page's `Blob`).
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Tusj | Format::Displacy => "application/json",
            Format::W3c => "application/ld+json;profile=\"http://www.w3.org/ns/anno.jsonld\"",
            Format::EntitiesCsv
            | Format::NumbersCsv
            | Format::EntitiesCsvExcel
            | Format::NumbersCsvExcel
            | Format::EventsCsv => "text/csv;charset=utf-8",
            Format::GeoJson => "application/geo+json",
        }
    }

    /// The format of a name (see [`Format::name`]).
    ///
    /// # Errors
    /// An [`ErrorKind::Document`] error naming the known formats when `name` is none of them.
    pub fn from_name(name: &str) -> Result<Format, Error> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| {
                let known: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                doc_error(format!(
                    "unknown export format {}: known are {}",
                    quote(name),
                    known.join(", ")
                ))
            })
    }

    /// Writes `doc` in this format.
    ///
    /// # Errors
    /// An [`ErrorKind::Document`] error if the document cannot be serialised (it always can
    /// be: every value is finite and every map has string keys; the error is not hidden).
    pub fn write(self, doc: &Document) -> Result<String, Error> {
        match self {
            Format::Tusj => doc.to_json_pretty(),
            Format::W3c => pretty(&w3c::w3c(doc)),
            Format::Displacy => pretty(&displacy::displacy(doc)),
            Format::EntitiesCsv => Ok(csv::entities_csv(doc, Dialect::Rfc4180)),
            Format::NumbersCsv => Ok(csv::numbers_csv(doc, Dialect::Rfc4180)),
            Format::EntitiesCsvExcel => Ok(csv::entities_csv(doc, Dialect::ExcelNorwegian)),
            Format::NumbersCsvExcel => Ok(csv::numbers_csv(doc, Dialect::ExcelNorwegian)),
            Format::GeoJson => pretty(&geojson::geojson(doc)),
            Format::EventsCsv => Ok(events::events_csv(doc)),
        }
    }

    /// The file name for an export: `<base>.<extension>`, with `base` made safe for a file
    /// name first: no path separators, reserved or control characters, no leading or
    /// trailing dots or spaces, never empty.
    ///
    /// ```
    /// use tusj::export::Format;
    /// assert_eq!(Format::W3c.file_name("syria"), "syria.w3c.jsonld");
    /// assert_eq!(Format::Tusj.file_name("../a:b"), "a-b.tusj.json");
    /// ```
    pub fn file_name(self, base: &str) -> String {
        format!("{}.{}", sanitize(base), self.extension())
    }
}

/// A JSON value as pretty JSON.
fn pretty(value: &impl Serialize) -> Result<String, Error> {
    serde_json::to_string_pretty(value)
        .map_err(|e| Error::new(ErrorKind::Document, format!("cannot write JSON: {e}")))
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
fn title(doc: &Document) -> Option<String> {
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
fn source_iri(doc: &Document) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in doc.text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("urn:tusj:doc:{h:016x}")
}

#[cfg(test)]
mod tests;
