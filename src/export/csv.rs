//! CSV exports: the entity list and the number table, in two dialects ([`Dialect`]):
//! RFC 4180 (comma, dot decimals) and «CSV for Excel (Norwegian)» (a UTF-8 byte order
//! mark so Excel reads æøå, semicolons, decimal commas — what Excel with Norwegian
//! settings opens with a double-click). See [`crate::export`].

use std::collections::HashMap;

use crate::document::Document;

/// How a CSV file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// RFC 4180: comma-separated, CRLF, `2.5`.
    Rfc4180,
    /// Excel with Norwegian settings: UTF-8 BOM, semicolon-separated, CRLF, `2,5`.
    ExcelNorwegian,
}

impl Dialect {
    fn separator(self) -> char {
        match self {
            Dialect::Rfc4180 => ',',
            Dialect::ExcelNorwegian => ';',
        }
    }

    fn start(self) -> &'static str {
        match self {
            Dialect::Rfc4180 => "",
            Dialect::ExcelNorwegian => "\u{feff}",
        }
    }

    /// A number as this dialect writes it.
    fn number(self, v: f64) -> String {
        match self {
            Dialect::Rfc4180 => v.to_string(),
            Dialect::ExcelNorwegian => v.to_string().replace('.', ","),
        }
    }
}

/// One CSV field, quoted when it holds a quote, a line break or the separator,
/// formula-guarded when `text` is set.
fn csv_field(s: &str, text: bool, separator: char) -> String {
    let guarded;
    let s = if text && s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        guarded = format!("'{s}");
        guarded.as_str()
    } else {
        s
    };
    if s.contains(['"', separator, '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub(super) fn csv_line(out: &mut String, dialect: Dialect, fields: &[(String, bool)]) {
    let line: Vec<String> = fields
        .iter()
        .map(|(f, t)| csv_field(f, *t, dialect.separator()))
        .collect();
    out.push_str(&line.join(&dialect.separator().to_string()));
    out.push_str("\r\n");
}

/// The entity list as CSV: `id,kind,type,name,aliases,mentions,first_offset` — aliases
/// joined with « | », `mentions` the number of mentions, `first_offset` the code point
/// where the first mention starts.
pub(super) fn entities_csv(doc: &Document, dialect: Dialect) -> String {
    let starts: HashMap<&str, usize> = doc
        .annotations
        .iter()
        .map(|a| (a.id.as_str(), a.start))
        .collect();
    let mut out = String::from(dialect.start());
    let header = [
        "id",
        "kind",
        "type",
        "name",
        "aliases",
        "mentions",
        "first_offset",
    ];
    out.push_str(&header.join(&dialect.separator().to_string()));
    out.push_str("\r\n");
    for e in &doc.entities {
        let first = e
            .mentions
            .iter()
            .filter_map(|m| starts.get(m.as_str()))
            .min()
            .map_or_else(String::new, ToString::to_string);
        csv_line(
            &mut out,
            dialect,
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

/// The numbers table as CSV:
/// `id,type,text,value,qualifier,upper,unit,counted,start,end,left,right,iso,reading`
/// (`iso` for dates and times, `reading` in words: [`crate::overview::number_words`]).
pub(super) fn numbers_csv(doc: &Document, dialect: Dialect) -> String {
    let mut out = String::from(dialect.start());
    let header = [
        "id",
        "type",
        "text",
        "value",
        "qualifier",
        "upper",
        "unit",
        "counted",
        "start",
        "end",
        "left",
        "right",
        "iso",
        "reading",
    ];
    out.push_str(&header.join(&dialect.separator().to_string()));
    out.push_str("\r\n");
    for r in crate::overview::numbers_table(doc) {
        csv_line(
            &mut out,
            dialect,
            &[
                (r.id, true),
                (r.ty.as_str().to_string(), false),
                (r.text, true),
                (dialect.number(r.value), false),
                (
                    crate::vocab::Qualifier::as_str(r.qualifier).to_string(),
                    false,
                ),
                (
                    r.upper.map_or_else(String::new, |u| dialect.number(u)),
                    false,
                ),
                (r.unit.unwrap_or_default(), true),
                (r.counted.unwrap_or_default(), true),
                (r.start.to_string(), false),
                (r.end.to_string(), false),
                (r.left, true),
                (r.right, true),
                (r.iso.unwrap_or_default(), false),
                (r.words, true),
            ],
        );
    }
    out
}
