//! W3C Web Annotation export (see the choices in [`crate::export`]).

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::document::Document;
use crate::text::CodePoints;
use crate::vocab::{NumberReading, Qualifier};

/// The number's reading in words: «at_least 43 mennesker», «range 10000–25000 km».
fn describe(n: &NumberReading) -> String {
    let mut s = match (n.qualifier, n.upper) {
        (Qualifier::Range, Some(u)) => format!("range {}–{}", n.value, u),
        (q, _) => format!("{} {}", crate::vocab::Qualifier::as_str(q), n.value),
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

/// The W3C Web Annotation export: a JSON-LD `AnnotationCollection` (see the module docs).
pub(super) fn w3c(doc: &Document) -> Value {
    let source = super::source_iri(doc);
    let cp = CodePoints::new(&doc.text);
    let names: HashMap<&str, &str> = doc
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    let geos: HashMap<&str, &crate::vocab::Geo> = doc
        .entities
        .iter()
        .filter_map(|e| Some((e.id.as_str(), e.geo.as_ref()?.as_ref()?)))
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
                if let Some(g) = geos.get(e.as_str()) {
                    body.push(json!({
                        "type": "SpecificResource",
                        "purpose": "identifying",
                        "source": format!("geo:{},{}", g.lat, g.lon),
                        "tusj:geonames": g.geonames.map(|id| format!("https://sws.geonames.org/{id}/")),
                        "tusj:country": g.country,
                        "tusj:feature": g.feature,
                        "tusj:name": g.name,
                    }));
                }
            }
            if let Some(n) = &a.number {
                body.push(json!({
                    "type": "TextualBody",
                    "purpose": "describing",
                    "value": describe(n),
                    "tusj:value": n.value,
                    "tusj:qualifier": crate::vocab::Qualifier::as_str(n.qualifier),
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
            let prefix = crate::text::cp_slice(&doc.text, &cp, a.start.saturating_sub(32), a.start);
            let suffix = crate::text::cp_slice(&doc.text, &cp, a.end, a.end.saturating_add(32));
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
    json!({
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"tusj": "urn:tusj:terms#"}],
        "id": format!("{source}:annotations"),
        "type": "AnnotationCollection",
        "label": super::title(doc).unwrap_or_else(|| "tusj annotations".to_string()),
        "total": items.len(),
        "first": {
            "id": format!("{source}:annotations:page1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    })
}
