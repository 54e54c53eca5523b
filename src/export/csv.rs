//! CSV exports: the entity list and the number table (RFC 4180, see [`crate::export`]).

use std::collections::HashMap;

use crate::document::Document;

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

pub(super) fn csv_line(out: &mut String, fields: &[(String, bool)]) {
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

/// The numbers table as CSV: `id,type,text,value,qualifier,upper,unit,counted,start,end,left,right`.
pub fn numbers_csv(doc: &Document) -> String {
    let mut out = String::new();
    out.push_str("id,type,text,value,qualifier,upper,unit,counted,start,end,left,right\r\n");
    for r in crate::overview::numbers_table(doc) {
        csv_line(
            &mut out,
            &[
                (r.id, true),
                (r.ty.as_str().to_string(), false),
                (r.text, true),
                (r.value.to_string(), false),
                (
                    crate::vocab::Qualifier::as_str(r.qualifier).to_string(),
                    false,
                ),
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
