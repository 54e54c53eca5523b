//! The export document (format `tusj`, version 1, SPEC §3).

use serde::{Deserialize, Serialize};

use crate::vocab::{Annotation, AnnotationType, Entity, Kind, Meta};

/// The export document (format `tusj`, version 1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Always `tusj`.
    pub format: String,
    /// Always 1 for this layout.
    pub version: u32,
    /// The exact text that was annotated, header included; offsets count its code points.
    pub text: String,
    /// What the header said.
    pub meta: Meta,
    /// The annotations, sorted by `start`, not overlapping.
    pub annotations: Vec<Annotation>,
    /// The named things, grouped.
    pub entities: Vec<Entity>,
    /// The facts the sentences state (SPEC §2b, [`crate::events`]). A document saved
    /// before events were read has none.
    #[serde(default)]
    pub events: Vec<crate::events::Event>,
    /// The corrections a person made in the page, in order ([`crate::review`]); left out
    /// of the JSON when there are none. Replaying them over a fresh annotation of `text`
    /// gives this document again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<crate::correction::Correction>,
}

impl Document {
    /// The format name written into every export.
    pub const FORMAT: &'static str = "tusj";
    /// The format version this crate writes.
    pub const VERSION: u32 = 1;

    /// Pretty JSON, as the CLI and the page export it.
    pub fn to_json_pretty(&self) -> String {
        // Serialising these plain types cannot fail (no maps with non-string keys, and
        // `f64` values are finite by construction); fall back to compact output regardless.
        serde_json::to_string_pretty(self).unwrap_or_else(|_| self.to_json())
    }

    /// Compact one-line JSON (JSON Lines).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A kind with its plural label and its types, in the order the page offers them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct KindTypes {
    /// actor, place or number.
    pub kind: Kind,
    /// How the page names the kind: «Actors», «Places», «Numbers».
    pub label: &'static str,
    /// The types of this kind, in [`AnnotationType::ALL`] order.
    pub types: Vec<AnnotationType>,
}

/// The kinds and their types, for the page's legend, type menu and keys (`wasm::kinds`).
pub fn kinds() -> Vec<KindTypes> {
    [
        (Kind::Actor, "Actors"),
        (Kind::Place, "Places"),
        (Kind::Number, "Numbers"),
    ]
    .into_iter()
    .map(|(kind, label)| KindTypes {
        kind,
        label,
        types: AnnotationType::ALL
            .into_iter()
            .filter(|t| t.kind() == kind)
            .collect(),
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_hold_every_type_once_under_its_own_kind() {
        let kinds = kinds();
        let names: Vec<&str> = kinds.iter().map(|k| k.kind.as_str()).collect();
        assert_eq!(names, ["actor", "place", "number"]);
        let mut seen = Vec::new();
        for k in &kinds {
            for t in &k.types {
                assert_eq!(
                    t.kind(),
                    k.kind,
                    "{} listed under {}",
                    t.as_str(),
                    k.kind.as_str()
                );
                seen.push(*t);
            }
        }
        assert_eq!(seen, AnnotationType::ALL);
    }
}
