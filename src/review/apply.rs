//! Replaying corrections over a fresh annotation ([`apply`], [`apply_report`]).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::correction::Correction;
use crate::document::Document;
use crate::text::CodePoints;
use crate::vocab::{Annotation, AnnotationType, Entity, NumberReading, Source};
use crate::Annotator;

/// Why [`apply_report`] did not apply a correction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// An anchor does not hold in the text: offsets out of bounds or reversed, or the
    /// text there is not the correction's `text`. The correction is left out of the
    /// document's list.
    Anchor,
    /// A number mark over words in which no number can be read. The correction stays in
    /// the document's list.
    UnreadableNumber,
    /// A mark of nothing but whitespace. The correction stays in the document's list.
    Blank,
    /// An event correction with a field that could not be set: an unknown field, words
    /// not in the sentence, a count that is no number of the sentence, an unknown type.
    /// The other fields are set; the correction stays in the document's list.
    EventField,
}

/// A correction [`apply_report`] did not apply, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    /// The correction as it was given.
    pub correction: Correction,
    /// Why it was not applied.
    pub reason: SkipReason,
}

/// What [`apply_report`] made: the corrected document and the corrections it skipped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Applied {
    /// The corrected document; its `corrections` are the given ones whose anchors hold.
    pub document: Document,
    /// The corrections not applied, in the order given.
    pub skipped: Vec<Skipped>,
}

/// Annotates `text` with `annotator`, then replays `corrections` on top (see the module
/// docs for the order). The result obeys every invariant of the format; its
/// `corrections` are the given ones whose anchors hold in `text`.
///
/// ```
/// use tusj::review::{apply, Correction};
/// let text = "Ifølge SOHR ble 43 drept.";
/// let unmark = Correction::Unmark { start: 7, end: 11, text: "SOHR".into() };
/// let doc = apply(tusj::embedded_annotator().expect("the embedded model"), text, &[unmark]);
/// assert!(doc.annotations.iter().all(|a| a.text != "SOHR"));
/// assert_eq!(doc.corrections.len(), 1);
/// ```
pub fn apply(annotator: &Annotator, text: &str, corrections: &[Correction]) -> Document {
    apply_report(annotator, text, corrections).document
}

/// [`apply`], also saying which corrections were skipped and why.
pub fn apply_report(annotator: &Annotator, text: &str, corrections: &[Correction]) -> Applied {
    let mut doc = annotator.annotate(text);
    let cp = CodePoints::new(text);
    let mut kept = Vec::new();
    let mut skipped = Vec::new();
    let mut annotations = std::mem::take(&mut doc.annotations);

    for c in corrections {
        if !c.anchored_in(text, &cp) {
            skipped.push(Skipped {
                correction: c.clone(),
                reason: SkipReason::Anchor,
            });
            continue;
        }
        kept.push(c.clone());
        match c {
            Correction::Mark {
                start,
                end,
                text: span,
                ty,
            } => {
                if span.trim().is_empty() {
                    skipped.push(Skipped {
                        correction: c.clone(),
                        reason: SkipReason::Blank,
                    });
                    continue;
                }
                let number = if ty.kind() == crate::Kind::Number {
                    match read_number(span) {
                        Some(reading) => Some(reading),
                        None => {
                            skipped.push(Skipped {
                                correction: c.clone(),
                                reason: SkipReason::UnreadableNumber,
                            });
                            continue;
                        }
                    }
                } else {
                    None
                };
                annotations.retain(|a| a.end <= *start || *end <= a.start);
                let at = annotations.partition_point(|a| a.start < *start);
                annotations.insert(
                    at,
                    Annotation {
                        id: String::new(),
                        kind: ty.kind(),
                        ty: *ty,
                        start: *start,
                        end: *end,
                        text: span.clone(),
                        entity: None,
                        source: Source::User,
                        number,
                    },
                );
            }
            Correction::Unmark { start, end, .. } => {
                annotations.retain(|a| (a.start, a.end) != (*start, *end));
            }
            Correction::Rename { .. } | Correction::Merge { .. } | Correction::Event { .. } => {}
        }
    }

    annotations.sort_by_key(|a| (a.start, a.end));
    for (i, a) in annotations.iter_mut().enumerate() {
        a.id = format!("a{}", i + 1);
        a.entity = None;
    }
    let mut entities = crate::entities::group(text, &mut annotations);
    for c in &kept {
        match c {
            Correction::Rename {
                start, end, name, ..
            } => rename(&annotations, &mut entities, (*start, *end), name),
            Correction::Merge {
                start,
                end,
                into_start,
                into_end,
                ..
            } => merge(
                &mut annotations,
                &mut entities,
                (*start, *end),
                (*into_start, *into_end),
            ),
            Correction::Mark { .. } | Correction::Unmark { .. } | Correction::Event { .. } => {}
        }
    }
    finish_entities(&mut annotations, &mut entities);
    crate::geo::link_entities(&mut entities);

    // Corrected names and numbers change what the events read: read them again, then
    // replay the person's event corrections on top.
    let events = crate::events::read(text, &annotations);
    let (events, unset) = super::events::correct_events(text, &cp, &annotations, events, &kept);
    doc.events = events;
    skipped.extend(unset.into_iter().map(|correction| Skipped {
        correction,
        reason: SkipReason::EventField,
    }));
    doc.annotations = annotations;
    doc.entities = entities;
    doc.corrections = kept;
    Applied {
        document: doc,
        skipped,
    }
}

/// The reading of a span a person marked as a number: [`crate::numbers::read`] of the
/// whole span («mellom 10.000 og 25.000»), else the longest number found inside it («i alt
/// 43 drepte» → 43).
fn read_number(span: &str) -> Option<NumberReading> {
    if let Some((_, reading)) = crate::numbers::read(span) {
        return Some(reading);
    }
    let tokens = crate::tokens::tokenize(span);
    crate::numbers::find(span, &tokens)
        .into_iter()
        .max_by_key(|m| m.end - m.start)
        .map(|m| m.reading)
}

/// The index of the entity of the annotation at exactly `span`.
fn entity_at(
    annotations: &[Annotation],
    entities: &[Entity],
    span: (usize, usize),
) -> Option<usize> {
    let a = annotations.iter().find(|a| (a.start, a.end) == span)?;
    let id = a.entity.as_deref()?;
    entities.iter().position(|e| e.id == id)
}

fn rename(annotations: &[Annotation], entities: &mut [Entity], span: (usize, usize), name: &str) {
    let name = crate::entities::normalise(name);
    if name.is_empty() {
        return;
    }
    if let Some(e) = entity_at(annotations, entities, span) {
        entities[e].name = name;
    }
}

fn merge(
    annotations: &mut [Annotation],
    entities: &mut Vec<Entity>,
    from: (usize, usize),
    into: (usize, usize),
) {
    let (Some(f), Some(t)) = (
        entity_at(annotations, entities, from),
        entity_at(annotations, entities, into),
    ) else {
        return;
    };
    if f == t || entities[f].kind != entities[t].kind {
        return;
    }
    let gone = entities.remove(f);
    let t = if f < t { t - 1 } else { t };
    let into_id = entities[t].id.clone();
    for a in annotations.iter_mut() {
        if a.entity.as_deref() == Some(gone.id.as_str()) {
            a.entity = Some(into_id.clone());
        }
    }
    entities[t].mentions.extend(gone.mentions);
}

/// Puts mentions in document order, recomputes each entity's type (its most frequent
/// mention type, the earliest on a tie, as [`crate::entities::group`] does) and aliases,
/// orders entities by first mention and numbers them `e1`, `e2`, ….
fn finish_entities(annotations: &mut [Annotation], entities: &mut Vec<Entity>) {
    let index: HashMap<String, usize> = annotations
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    for e in entities.iter_mut() {
        e.mentions.retain(|m| index.contains_key(m));
        e.mentions.sort_by_key(|m| index[m]);
        e.mentions.dedup();
        let mut counts: Vec<(AnnotationType, usize)> = Vec::new();
        let mut aliases = Vec::new();
        for m in &e.mentions {
            let a = &annotations[index[m]];
            match counts.iter_mut().find(|(t, _)| *t == a.ty) {
                Some((_, c)) => *c += 1,
                None => counts.push((a.ty, 1)),
            }
            let form = crate::entities::normalise(&a.text);
            if form != e.name {
                aliases.push(form);
            }
        }
        if let Some(first) = counts.first() {
            e.ty = counts
                .iter()
                .fold(*first, |best, &c| if c.1 > best.1 { c } else { best })
                .0;
        }
        aliases.sort();
        aliases.dedup();
        e.aliases = aliases;
    }
    entities.retain(|e| !e.mentions.is_empty());
    entities.sort_by_key(|e| e.mentions.first().map_or(usize::MAX, |m| index[m]));
    let mut renamed: HashMap<String, String> = HashMap::new();
    for (n, e) in entities.iter_mut().enumerate() {
        let id = format!("e{}", n + 1);
        renamed.insert(std::mem::replace(&mut e.id, id.clone()), id);
    }
    for a in annotations.iter_mut() {
        a.entity = a.entity.as_ref().and_then(|old| renamed.get(old).cloned());
    }
}
