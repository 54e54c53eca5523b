//! spaCy displaCy «manual» export (see the choices in [`crate::export`]).

use serde::Serialize;

use crate::document::Document;
use crate::vocab::AnnotationType;

/// The displaCy label of a type (see the module docs).
pub(crate) fn displacy_label(ty: AnnotationType) -> &'static str {
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
pub(super) struct Displacy<'a> {
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
pub(super) fn displacy(doc: &Document) -> Displacy<'_> {
    Displacy {
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
        title: super::title(doc),
    }
}
