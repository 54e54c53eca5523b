//! Review: a person's corrections of the automatic highlights, kept across edits and reloads.
//!
//! A [`Correction`] is one thing a person did in the page: mark a span as some type
//! ([`Correction::Mark`], also how a highlight is relabelled), remove a highlight
//! ([`Correction::Unmark`]), give an entity its proper name ([`Correction::Rename`]), or
//! say that two mentions are the same thing ([`Correction::Merge`]). The list of
//! corrections, not the corrected document, is the person's work: [`apply`] annotates the
//! text afresh and replays the list on top, so a better model or an edited text never
//! loses it, and a highlight the person removed stays removed.
//!
//! Every correction is *anchored*: it carries code point offsets into the text **and** the
//! exact text it was made on. An anchor holds when `start < end`, `end` is within the text
//! and the code points `start..end` are exactly `text`. [`apply`] skips a correction whose
//! anchor does not hold (and [`apply_report`] says which and why); it never panics, whatever
//! the offsets. When the person edits the text, [`rebase`] moves each anchor to where its
//! words now are, or drops it and says so.
//!
//! Choices made here:
//! - Marks and unmarks are replayed first, in order, then entities are grouped
//!   ([`crate::entities::group`]), then renames and merges are replayed in order. A later
//!   mark replaces every annotation it overlaps, earlier user marks included.
//! - A mark of a number type needs a reading. The reading comes from the number reader
//!   ([`crate::numbers::read`] on the marked words, else the longest number inside them);
//!   the person's type wins over the reader's type. When no
//!   number can be read in the span («et dusin»), the mark is **not applied** and is reported
//!   as [`SkipReason::UnreadableNumber`]: the `value` of the format stays a JSON number,
//!   never `null`, so consumers of version 1 are not surprised. The correction itself stays
//!   in the document's list, so it takes effect once the reader learns the words.
//! - A mark of nothing but whitespace is not applied ([`SkipReason::Blank`]): a highlight
//!   needs a word, and an entity a name.
//! - Corrections whose anchor holds but that find nothing to act on (an unmark where the
//!   model no longer marks anything, a rename of a span with no entity) are kept: they cost
//!   nothing, and they protect the person's intent if a later model marks that span again.
//! - Merges only join entities of the same kind (actor with actor, place with place), as
//!   the format gives each entity one kind; a cross-kind merge has no effect. The merged
//!   entity keeps the name of the entity merged *into*.
//! - [`rebase`] diffs the texts by their common prefix and suffix (what a single edit
//!   changes). Anchors before the change stay, anchors after it shift by the change in
//!   length, and an anchor inside the changed region is searched for: the nearest place
//!   where exactly its text occurs within 64 code points of where it was, counting either
//!   from the unchanged text before the change or from the unchanged text after it.
//!   Failing that, the correction is dropped and listed in [`Rebased::dropped`].

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::document::{Annotation, AnnotationType, Document, Entity, NumberReading, Source};
use crate::events::{Event, EventSpan, EventType};
use crate::text::CodePoints;
use crate::Annotator;

/// One correction a person made in the page, anchored to the text it was made on.
///
/// In JSON the operation is the `op` field:
/// `{"op": "mark", "start": 12, "end": 17, "text": "Syria", "type": "state"}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Correction {
    /// The span gets this type (any of the 13); it replaces every annotation it overlaps.
    /// A relabel is a mark over an existing highlight's span.
    Mark {
        /// First code point.
        start: usize,
        /// One past the last code point.
        end: usize,
        /// The exact text of `start..end`.
        text: String,
        /// The type the person gave it.
        #[serde(rename = "type")]
        ty: AnnotationType,
    },
    /// Removes the annotation at exactly this span, and keeps it removed.
    Unmark {
        /// First code point.
        start: usize,
        /// One past the last code point.
        end: usize,
        /// The exact text of `start..end`.
        text: String,
    },
    /// Gives the entity of the mention at this span a canonical name.
    Rename {
        /// First code point of the mention.
        start: usize,
        /// One past the last code point of the mention.
        end: usize,
        /// The exact text of `start..end`.
        text: String,
        /// The new name («Syrian Democratic Forces»).
        name: String,
    },
    /// Merges the entity of the mention at `start..end` into the entity of the mention at
    /// `into_start..into_end`.
    Merge {
        /// First code point of the mention whose entity is merged away.
        start: usize,
        /// One past its last code point.
        end: usize,
        /// The exact text of `start..end`.
        text: String,
        /// First code point of a mention of the entity that remains.
        into_start: usize,
        /// One past its last code point.
        into_end: usize,
        /// The exact text of `into_start..into_end`.
        into_text: String,
    },
    /// Removes or corrects an event ([`crate::events`]): the `nth` event (from 0) of type
    /// `type` read from the sentence at this span.
    ///
    /// `set` maps a field to its new value: `victims` (any words), `agent`, `target`,
    /// `place`, `time`, `source` (words of the sentence, found there), `count` (the text
    /// of a number annotation of the sentence), `type` (an event type) or `negated`
    /// (`true`/`false`); `null` clears a field.
    /// `{"op": "event", "start": 903, "end": 1001, "text": "…", "type": "killed",
    /// "set": {"agent": "IS", "place": null}}`
    Event {
        /// First code point of the sentence.
        start: usize,
        /// One past the last code point of the sentence.
        end: usize,
        /// The exact text of the sentence.
        text: String,
        /// The type the event was read with.
        #[serde(rename = "type")]
        ty: EventType,
        /// Which event of that type in the sentence, from 0.
        #[serde(default, skip_serializing_if = "is_zero")]
        nth: usize,
        /// Removes the event, and keeps it removed.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        remove: bool,
        /// New values of fields; `null` clears one.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        set: BTreeMap<String, Option<String>>,
    },
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A span of code points and the exact text it must hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor<'a> {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The text the span must hold.
    pub text: &'a str,
}

impl Correction {
    /// A mark of the person's selection `start..end` (code points of `text`) as `ty`,
    /// with the selection's surrounding whitespace trimmed off. `None` when the selection
    /// is out of bounds or holds only whitespace.
    ///
    /// ```
    /// use tusj::{review::Correction, AnnotationType};
    /// let c = Correction::mark("i Syria .", 1, 8, AnnotationType::Geopolitical).unwrap();
    /// assert_eq!(c.anchors()[0].text, "Syria");
    /// assert_eq!((c.anchors()[0].start, c.anchors()[0].end), (2, 7));
    /// ```
    pub fn mark(text: &str, start: usize, end: usize, ty: AnnotationType) -> Option<Correction> {
        let cp = CodePoints::new(text);
        let selected = slice(text, &cp, start, end)?;
        let lead = selected.len() - selected.trim_start().len();
        let trimmed = selected.trim();
        if trimmed.is_empty() {
            return None;
        }
        let start = start + selected[..lead].chars().count();
        Some(Correction::Mark {
            start,
            end: start + trimmed.chars().count(),
            text: trimmed.to_string(),
            ty,
        })
    }

    /// A correction of the event `id` of `doc`: remove it (`remove`), or give its fields
    /// new values (`set`, see [`Correction::Event`]). `None` when `doc` has no such event.
    ///
    /// ```
    /// use tusj::review::Correction;
    /// let doc = tusj::annotate("Minst 30 mennesker ble drept i Idlib.");
    /// let c = Correction::event(&doc, "v1", true, Default::default()).unwrap();
    /// assert_eq!(c.op(), "event");
    /// let fixed = tusj::review::apply(tusj::default_annotator(), &doc.text, &[c]);
    /// assert!(fixed.events.is_empty());
    /// ```
    pub fn event(
        doc: &Document,
        id: &str,
        remove: bool,
        set: BTreeMap<String, Option<String>>,
    ) -> Option<Correction> {
        let e = doc.events.iter().find(|e| e.id == id)?;
        let cp = CodePoints::new(&doc.text);
        let text = slice(&doc.text, &cp, e.start, e.end)?.to_string();
        let nth = doc
            .events
            .iter()
            .take_while(|x| x.id != id)
            .filter(|x| (x.start, x.end, x.ty) == (e.start, e.end, e.ty))
            .count();
        Some(Correction::Event {
            start: e.start,
            end: e.end,
            text,
            ty: e.ty,
            nth,
            remove,
            set,
        })
    }

    /// The operation's JSON name: `mark`, `unmark`, `rename`, `merge` or `event`.
    pub fn op(&self) -> &'static str {
        match self {
            Correction::Mark { .. } => "mark",
            Correction::Unmark { .. } => "unmark",
            Correction::Rename { .. } => "rename",
            Correction::Merge { .. } => "merge",
            Correction::Event { .. } => "event",
        }
    }

    /// The anchors of this correction: one, or two for a merge (the merged mention first).
    pub fn anchors(&self) -> Vec<Anchor<'_>> {
        match self {
            Correction::Mark {
                start, end, text, ..
            }
            | Correction::Unmark { start, end, text }
            | Correction::Rename {
                start, end, text, ..
            }
            | Correction::Event {
                start, end, text, ..
            } => vec![Anchor {
                start: *start,
                end: *end,
                text,
            }],
            Correction::Merge {
                start,
                end,
                text,
                into_start,
                into_end,
                into_text,
            } => vec![
                Anchor {
                    start: *start,
                    end: *end,
                    text,
                },
                Anchor {
                    start: *into_start,
                    end: *into_end,
                    text: into_text,
                },
            ],
        }
    }

    /// Whether every anchor holds in `text`.
    pub fn is_anchored(&self, text: &str) -> bool {
        self.anchored_in(text, &CodePoints::new(text))
    }

    fn anchored_in(&self, text: &str, cp: &CodePoints) -> bool {
        self.anchors()
            .iter()
            .all(|a| slice(text, cp, a.start, a.end) == Some(a.text))
    }

    /// The same correction with its anchors at new starts (one per anchor, same order).
    fn moved(&self, starts: &[usize]) -> Correction {
        let mut c = self.clone();
        let shift = |start: &mut usize, end: &mut usize, to: Option<&usize>| {
            if let Some(&to) = to {
                *end = to + (*end - *start);
                *start = to;
            }
        };
        match &mut c {
            Correction::Mark { start, end, .. }
            | Correction::Unmark { start, end, .. }
            | Correction::Rename { start, end, .. }
            | Correction::Event { start, end, .. } => shift(start, end, starts.first()),
            Correction::Merge {
                start,
                end,
                into_start,
                into_end,
                ..
            } => {
                shift(start, end, starts.first());
                shift(into_start, into_end, starts.get(1));
            }
        }
        c
    }
}

/// The code points `start..end` of `text`, if `start < end` and both are in bounds.
pub(crate) fn slice<'a>(
    text: &'a str,
    cp: &CodePoints,
    start: usize,
    end: usize,
) -> Option<&'a str> {
    if start >= end {
        return None;
    }
    text.get(cp.to_byte(start)?..cp.to_byte(end)?)
}

/// The code point offset of a UTF-16 offset into `text` (what a browser selection or
/// `String.length` counts). An offset inside a surrogate pair counts the whole code point
/// as before it; an offset past the end gives the length in code points.
///
/// ```
/// // «🙂» is two UTF-16 units and one code point.
/// assert_eq!(tusj::review::utf16_to_code_point("🙂 Syria", 3), 2);
/// ```
pub fn utf16_to_code_point(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.chars().enumerate() {
        units += c.len_utf16();
        if units > utf16 {
            return i;
        }
    }
    text.chars().count()
}

/// The UTF-16 offset of a code point offset into `text`; past the end gives the length in
/// UTF-16 units.
///
/// ```
/// assert_eq!(tusj::review::code_point_to_utf16("🙂 Syria", 2), 3);
/// ```
pub fn code_point_to_utf16(text: &str, code_point: usize) -> usize {
    text.chars().take(code_point).map(char::len_utf16).sum()
}

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
/// let doc = apply(tusj::default_annotator(), text, &[unmark]);
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

    // Corrected names and numbers change what the events read: read them again, then
    // replay the person's event corrections on top.
    let events = crate::events::read(text, &annotations);
    doc.events = correct_events(text, &cp, &annotations, events, &kept, &mut skipped);
    doc.annotations = annotations;
    doc.entities = entities;
    doc.corrections = kept;
    Applied {
        document: doc,
        skipped,
    }
}

/// Replays the event corrections of `kept` over `events`, in order; renumbers the ids and
/// the breakdown links afterwards (a breakdown of a removed event breaks down nothing).
fn correct_events(
    text: &str,
    cp: &CodePoints,
    annotations: &[Annotation],
    events: Vec<Event>,
    kept: &[Correction],
    skipped: &mut Vec<Skipped>,
) -> Vec<Event> {
    let mut events: Vec<Option<Event>> = events.into_iter().map(Some).collect();
    for c in kept {
        let Correction::Event {
            start,
            end,
            ty,
            nth,
            remove,
            set,
            ..
        } = c
        else {
            continue;
        };
        let found = events
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.as_ref()
                    .is_some_and(|e| (e.start, e.end, e.ty) == (*start, *end, *ty))
            })
            .map(|(i, _)| i)
            .nth(*nth);
        let Some(i) = found else {
            // Nothing to act on: kept, like an unmark where nothing is marked.
            continue;
        };
        if *remove {
            events[i] = None;
            continue;
        }
        let Some(e) = events[i].as_mut() else {
            continue;
        };
        let sentence = slice(text, cp, *start, *end).unwrap_or("");
        let span_of = |words: &str| -> Option<EventSpan> {
            let at = sentence.find(words).filter(|_| !words.trim().is_empty())?;
            let first = start + sentence[..at].chars().count();
            let last = first + words.chars().count();
            let entity = annotations
                .iter()
                .find(|a| (a.start, a.end) == (first, last))
                .and_then(|a| a.entity.clone());
            Some(EventSpan {
                text: words.to_string(),
                start: first,
                end: last,
                entity,
                inherited: false,
            })
        };
        let mut bad = false;
        for (field, value) in set {
            let v = value.as_deref();
            let ok = match field.as_str() {
                "victims" => {
                    e.victims = v.map(str::to_string).filter(|v| !v.trim().is_empty());
                    true
                }
                "agent" | "target" | "place" | "time" | "source" => {
                    let span = match v {
                        None => Some(None),
                        Some(w) => span_of(w).map(Some),
                    };
                    match span {
                        Some(span) => {
                            match field.as_str() {
                                "agent" => e.agent = span,
                                "target" => e.target = span,
                                "place" => e.place = span,
                                "time" => e.time = span,
                                _ => e.source = span,
                            }
                            true
                        }
                        None => false,
                    }
                }
                "count" => match v {
                    None => {
                        e.count = None;
                        true
                    }
                    Some(w) => {
                        let number = annotations.iter().find(|a| {
                            a.number.is_some() && a.text == w && *start <= a.start && a.end <= *end
                        });
                        number.map(|a| e.count = Some(a.id.clone())).is_some()
                    }
                },
                "type" => match v.and_then(EventType::parse) {
                    Some(t) => {
                        e.ty = t;
                        true
                    }
                    None => false,
                },
                "negated" => match v {
                    Some("true") => {
                        e.negated = true;
                        true
                    }
                    Some("false") => {
                        e.negated = false;
                        true
                    }
                    _ => false,
                },
                _ => false,
            };
            bad |= !ok;
        }
        if bad {
            skipped.push(Skipped {
                correction: c.clone(),
                reason: SkipReason::EventField,
            });
        }
    }
    // New ids in order; breakdown links follow their event or are cut.
    let mut new_id: HashMap<String, String> = HashMap::new();
    let mut out: Vec<Event> = Vec::new();
    for e in events.into_iter().flatten() {
        let id = format!("v{}", out.len() + 1);
        new_id.insert(e.id.clone(), id.clone());
        out.push(Event { id, ..e });
    }
    for e in &mut out {
        e.part_of = e.part_of.as_ref().and_then(|p| new_id.get(p).cloned());
    }
    out
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

/// How far (in code points) [`rebase`] looks for a correction's words that were inside
/// the edited part of the text.
const NEARBY: usize = 64;

/// What [`rebase`] made of a list of corrections.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rebased {
    /// The corrections whose words were found in the new text, moved there, in the order
    /// given. Every one of them is anchored in the new text.
    pub corrections: Vec<Correction>,
    /// The corrections whose words are gone (or that did not hold in the old text), as
    /// they were given, so the page can tell the person.
    pub dropped: Vec<Correction>,
}

/// Moves the anchors of `corrections`, made on `old_text`, to where their words are in
/// `new_text` (see the module docs). Never panics; a correction whose anchor does not hold
/// in `old_text` is dropped.
///
/// ```
/// use tusj::review::{rebase, Correction};
/// let c = Correction::Unmark { start: 2, end: 7, text: "Syria".into() };
/// let r = rebase("i Syria", "Krigen i Syria", &[c]);
/// assert_eq!(r.corrections[0].anchors()[0].start, 9);
/// assert!(r.dropped.is_empty());
/// ```
pub fn rebase(old_text: &str, new_text: &str, corrections: &[Correction]) -> Rebased {
    let old: Vec<char> = old_text.chars().collect();
    let new: Vec<char> = new_text.chars().collect();
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let room = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    let changed_old_end = old.len() - suffix;
    let delta = new.len() as isize - old.len() as isize;

    let move_anchor = |a: &Anchor| -> Option<usize> {
        let want: Vec<char> = a.text.chars().collect();
        if a.start >= a.end || a.end > old.len() || old[a.start..a.end] != want[..] {
            return None;
        }
        let holds = |q: usize| new.get(q..q + want.len()) == Some(&want[..]);
        let shifted = a.start.checked_add_signed(delta);
        if a.end <= prefix {
            return Some(a.start);
        }
        if a.start >= changed_old_end {
            return shifted;
        }
        // Inside the change: where it was, counted from the unchanged text before the
        // change or from the unchanged text after it.
        let near = |q: usize| {
            let from_start = q.abs_diff(a.start);
            shifted.map_or(from_start, |s| from_start.min(q.abs_diff(s)))
        };
        let around = |at: usize| at.saturating_sub(NEARBY)..=at.saturating_add(NEARBY);
        around(a.start)
            .chain(shifted.map(around).into_iter().flatten())
            .filter(|&q| q <= new.len() && holds(q))
            .min_by_key(|&q| (near(q), q))
    };

    let mut rebased = Rebased {
        corrections: Vec::new(),
        dropped: Vec::new(),
    };
    for c in corrections {
        let starts: Option<Vec<usize>> = c.anchors().iter().map(&move_anchor).collect();
        match starts {
            Some(starts) => rebased.corrections.push(c.moved(&starts)),
            None => rebased.dropped.push(c.clone()),
        }
    }
    rebased
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::validate;
    use crate::tags::{NeType, Tag};
    use crate::Recognizer;
    use AnnotationType::*;

    /// Tags fixed word sequences, so these tests do not depend on the shipped model.
    struct Lexicon(Vec<(Vec<&'static str>, NeType)>);

    impl Recognizer for Lexicon {
        fn tag(&self, doc: &[Vec<&str>]) -> Vec<Vec<Tag>> {
            doc.iter()
                .map(|s| {
                    let mut tags = vec![Tag::O; s.len()];
                    let mut i = 0;
                    while i < s.len() {
                        let hit = self
                            .0
                            .iter()
                            .find(|(words, _)| s.get(i..i + words.len()) == Some(words.as_slice()));
                        match hit {
                            Some((words, ty)) => {
                                tags[i] = Tag::B(*ty);
                                for t in &mut tags[i + 1..i + words.len()] {
                                    *t = Tag::I(*ty);
                                }
                                i += words.len();
                            }
                            None => i += 1,
                        }
                    }
                    tags
                })
                .collect()
        }
    }

    fn annotator() -> Annotator {
        Annotator::with_recognizer(Box::new(Lexicon(vec![
            (vec!["SOHR"], NeType::Org),
            (vec!["Syria"], NeType::GpeLoc),
            (vec!["Den", "islamske", "staten"], NeType::Org),
            (vec!["IS"], NeType::Org),
            (vec!["Rami", "Abdelrahman"], NeType::Per),
        ])))
    }

    const TEXT: &str = "Ifølge SOHR ble 43 drept i Syria. Syria svarte. \
        Den islamske staten (IS) tapte, og IS trakk seg. Rami Abdelrahman 🙂 leder SOHR.";

    /// The code point span of the `nth` (0-based) occurrence of `word` in `text`.
    fn span(text: &str, word: &str, nth: usize) -> (usize, usize) {
        let (byte, _) = text.match_indices(word).nth(nth).expect("word in text");
        let start = text[..byte].chars().count();
        (start, start + word.chars().count())
    }

    fn mark(word: &str, nth: usize, ty: AnnotationType) -> Correction {
        let (start, end) = span(TEXT, word, nth);
        Correction::Mark {
            start,
            end,
            text: word.into(),
            ty,
        }
    }

    fn unmark(word: &str, nth: usize) -> Correction {
        let (start, end) = span(TEXT, word, nth);
        Correction::Unmark {
            start,
            end,
            text: word.into(),
        }
    }

    fn rename(word: &str, nth: usize, name: &str) -> Correction {
        let (start, end) = span(TEXT, word, nth);
        Correction::Rename {
            start,
            end,
            text: word.into(),
            name: name.into(),
        }
    }

    fn merge(word: &str, nth: usize, into: &str, into_nth: usize) -> Correction {
        let (start, end) = span(TEXT, word, nth);
        let (into_start, into_end) = span(TEXT, into, into_nth);
        Correction::Merge {
            start,
            end,
            text: word.into(),
            into_start,
            into_end,
            into_text: into.into(),
        }
    }

    /// `text:type` of every annotation not made by the number rules (whose spans issue 3
    /// owns), `!` marking the person's own.
    fn marks(doc: &Document) -> Vec<String> {
        doc.annotations
            .iter()
            .filter(|a| a.source != Source::Rules)
            .map(|a| {
                let user = if a.source == Source::User { "!" } else { "" };
                format!("{}:{}{user}", a.text, a.ty.as_str())
            })
            .collect()
    }

    /// `name [aliases] ×mentions` of every entity.
    fn entities(doc: &Document) -> Vec<String> {
        doc.entities
            .iter()
            .map(|e| format!("{} {:?} ×{}", e.name, e.aliases, e.mentions.len()))
            .collect()
    }

    macro_rules! t {
        ($name:ident, [$($c:expr),* $(,)?], $marks:expr, $entities:expr, $skipped:expr) => {
            #[test]
            fn $name() {
                let corrections: Vec<Correction> = vec![$($c),*];
                let applied = apply_report(&annotator(), TEXT, &corrections);
                let doc = &applied.document;
                assert_eq!(validate(doc), Ok(()));
                let want_marks: Vec<&str> = $marks;
                assert_eq!(marks(doc), want_marks);
                let want_entities: Vec<&str> = $entities;
                assert_eq!(entities(doc), want_entities);
                let skipped: Vec<SkipReason> = applied.skipped.iter().map(|s| s.reason).collect();
                assert_eq!(skipped, $skipped);
                let anchored: Vec<&Correction> =
                    corrections.iter().filter(|c| c.is_anchored(TEXT)).collect();
                assert_eq!(doc.corrections.iter().collect::<Vec<_>>(), anchored);
                for (i, a) in doc.annotations.iter().enumerate() {
                    assert_eq!(a.id, format!("a{}", i + 1));
                }
            }
        };
    }

    const MODEL: [&str; 7] = [
        "SOHR:organisation",
        "Syria:geopolitical",
        "Syria:geopolitical",
        "Den islamske staten:organisation",
        "IS:organisation",
        "IS:organisation",
        "Rami Abdelrahman:person",
    ];
    const MODEL_ENTITIES: [&str; 4] = [
        "SOHR [] ×1",
        "Syria [] ×2",
        "Den islamske staten [] ×1",
        "IS [] ×2",
    ];

    fn with(mut list: Vec<&'static str>, entity: &'static str) -> Vec<&'static str> {
        list.push(entity);
        list
    }

    t!(
        nothing_to_correct,
        [],
        with(MODEL.to_vec(), "SOHR:organisation"),
        with(MODEL_ENTITIES.to_vec(), "Rami Abdelrahman [] ×1")
            .into_iter()
            .map(|e| if e.starts_with("SOHR") {
                "SOHR [] ×2"
            } else {
                e
            })
            .collect(),
        vec![]
    );
    t!(
        unmark_removes_one_mention,
        [unmark("Syria", 1)],
        vec![
            "SOHR:organisation",
            "Syria:geopolitical",
            "Den islamske staten:organisation",
            "IS:organisation",
            "IS:organisation",
            "Rami Abdelrahman:person",
            "SOHR:organisation",
        ],
        vec![
            "SOHR [] ×2",
            "Syria [] ×1",
            "Den islamske staten [] ×1",
            "IS [] ×2",
            "Rami Abdelrahman [] ×1"
        ],
        vec![]
    );
    t!(
        unmark_of_nothing_is_kept_and_harmless,
        [unmark("drept", 0)],
        with(MODEL.to_vec(), "SOHR:organisation"),
        vec![
            "SOHR [] ×2",
            "Syria [] ×2",
            "Den islamske staten [] ×1",
            "IS [] ×2",
            "Rami Abdelrahman [] ×1"
        ],
        vec![]
    );
    t!(
        relabel_place_as_state,
        [mark("Syria", 1, State)],
        vec![
            "SOHR:organisation",
            "Syria:geopolitical",
            "Syria:state!",
            "Den islamske staten:organisation",
            "IS:organisation",
            "IS:organisation",
            "Rami Abdelrahman:person",
            "SOHR:organisation",
        ],
        vec![
            "SOHR [] ×2",
            "Syria [] ×1",
            "Syria [] ×1",
            "Den islamske staten [] ×1",
            "IS [] ×2",
            "Rami Abdelrahman [] ×1"
        ],
        vec![]
    );
    t!(
        mark_replaces_every_overlapped_annotation,
        [
            mark("SOHR ble 43", 0, Person),
            mark("staten (IS", 0, Location)
        ],
        vec![
            "SOHR ble 43:person!",
            "Syria:geopolitical",
            "Syria:geopolitical",
            "staten (IS:location!",
            "IS:organisation",
            "Rami Abdelrahman:person",
            "SOHR:organisation",
        ],
        vec![
            "SOHR ble 43 [] ×1",
            "Syria [] ×2",
            "staten (IS [] ×1",
            "IS [] ×1",
            "Rami Abdelrahman [] ×1",
            "SOHR [] ×1"
        ],
        vec![]
    );
    t!(
        later_mark_wins_over_earlier,
        [
            mark("Rami", 0, Organisation),
            mark("Rami Abdelrahman", 0, Person)
        ],
        with(MODEL.to_vec(), "SOHR:organisation")
            .into_iter()
            .map(|m| if m.starts_with("Rami") {
                "Rami Abdelrahman:person!"
            } else {
                m
            })
            .collect(),
        with(MODEL_ENTITIES.to_vec(), "Rami Abdelrahman [] ×1")
            .into_iter()
            .map(|e| if e.starts_with("SOHR") {
                "SOHR [] ×2"
            } else {
                e
            })
            .collect(),
        vec![]
    );
    t!(
        mark_then_unmark_removes_it,
        [mark("drept", 0, Person), unmark("drept", 0)],
        with(MODEL.to_vec(), "SOHR:organisation"),
        with(MODEL_ENTITIES.to_vec(), "Rami Abdelrahman [] ×1")
            .into_iter()
            .map(|e| if e.starts_with("SOHR") {
                "SOHR [] ×2"
            } else {
                e
            })
            .collect(),
        vec![]
    );
    t!(
        number_mark_needs_a_number,
        [mark("drept", 0, Count)],
        with(MODEL.to_vec(), "SOHR:organisation"),
        with(MODEL_ENTITIES.to_vec(), "Rami Abdelrahman [] ×1")
            .into_iter()
            .map(|e| if e.starts_with("SOHR") {
                "SOHR [] ×2"
            } else {
                e
            })
            .collect(),
        vec![SkipReason::UnreadableNumber]
    );
    t!(
        broken_anchors_are_skipped,
        [
            Correction::Unmark {
                start: 7,
                end: 11,
                text: "SOHX".into()
            },
            Correction::Unmark {
                start: 11,
                end: 7,
                text: "SOHR".into()
            },
            Correction::Unmark {
                start: 7,
                end: 7,
                text: "".into()
            },
            Correction::Mark {
                start: 500,
                end: 504,
                text: "SOHR".into(),
                ty: Person
            },
            Correction::Rename {
                start: usize::MAX - 1,
                end: usize::MAX,
                text: "x".into(),
                name: "y".into()
            },
            Correction::Merge {
                start: 7,
                end: 11,
                text: "SOHR".into(),
                into_start: 0,
                into_end: 99,
                into_text: "x".into()
            },
        ],
        with(MODEL.to_vec(), "SOHR:organisation"),
        with(MODEL_ENTITIES.to_vec(), "Rami Abdelrahman [] ×1")
            .into_iter()
            .map(|e| if e.starts_with("SOHR") {
                "SOHR [] ×2"
            } else {
                e
            })
            .collect(),
        vec![SkipReason::Anchor; 6]
    );
    t!(
        blank_mark_is_skipped,
        [mark(" ", 0, Person), mark(" ", 1, Count)],
        with(MODEL.to_vec(), "SOHR:organisation"),
        with(MODEL_ENTITIES.to_vec(), "Rami Abdelrahman [] ×1")
            .into_iter()
            .map(|e| if e.starts_with("SOHR") {
                "SOHR [] ×2"
            } else {
                e
            })
            .collect(),
        vec![SkipReason::Blank; 2]
    );
    t!(
        rename_names_the_entity,
        [rename("SOHR", 1, "  Syrian Observatory\nfor Human Rights ")],
        with(MODEL.to_vec(), "SOHR:organisation"),
        vec![
            "Syrian Observatory for Human Rights [\"SOHR\"] ×2",
            "Syria [] ×2",
            "Den islamske staten [] ×1",
            "IS [] ×2",
            "Rami Abdelrahman [] ×1"
        ],
        vec![]
    );
    t!(
        rename_to_blank_or_of_a_non_entity_does_nothing,
        [rename("SOHR", 0, " \n "), rename("drept", 0, "Drept")],
        with(MODEL.to_vec(), "SOHR:organisation"),
        with(MODEL_ENTITIES.to_vec(), "Rami Abdelrahman [] ×1")
            .into_iter()
            .map(|e| if e.starts_with("SOHR") {
                "SOHR [] ×2"
            } else {
                e
            })
            .collect(),
        vec![]
    );
    t!(
        merge_joins_entities_under_the_target_name,
        [merge("IS", 1, "Den islamske staten", 0)],
        with(MODEL.to_vec(), "SOHR:organisation"),
        vec![
            "SOHR [] ×2",
            "Syria [] ×2",
            "Den islamske staten [\"IS\"] ×3",
            "Rami Abdelrahman [] ×1"
        ],
        vec![]
    );
    t!(
        merge_into_a_later_entity_reorders_entities,
        [
            merge("SOHR", 0, "Rami Abdelrahman", 0),
            rename("Rami Abdelrahman", 0, "Rami Abdel Rahman")
        ],
        with(MODEL.to_vec(), "SOHR:organisation"),
        vec![
            "Rami Abdel Rahman [\"Rami Abdelrahman\", \"SOHR\"] ×3",
            "Syria [] ×2",
            "Den islamske staten [] ×1",
            "IS [] ×2",
        ],
        vec![]
    );
    t!(
        merge_across_kinds_or_with_itself_does_nothing,
        [merge("Syria", 0, "SOHR", 0), merge("IS", 0, "IS", 1)],
        with(MODEL.to_vec(), "SOHR:organisation"),
        with(MODEL_ENTITIES.to_vec(), "Rami Abdelrahman [] ×1")
            .into_iter()
            .map(|e| if e.starts_with("SOHR") {
                "SOHR [] ×2"
            } else {
                e
            })
            .collect(),
        vec![]
    );
    t!(
        relabel_then_merge_with_actor,
        [mark("Syria", 1, State), merge("Syria", 1, "IS", 0)],
        vec![
            "SOHR:organisation",
            "Syria:geopolitical",
            "Syria:state!",
            "Den islamske staten:organisation",
            "IS:organisation",
            "IS:organisation",
            "Rami Abdelrahman:person",
            "SOHR:organisation",
        ],
        vec![
            "SOHR [] ×2",
            "Syria [] ×1",
            "IS [\"Syria\"] ×3",
            "Den islamske staten [] ×1",
            "Rami Abdelrahman [] ×1"
        ],
        vec![]
    );

    #[test]
    fn number_mark_gets_a_reading_and_the_persons_type() {
        let doc = apply(&annotator(), TEXT, &[mark("43", 0, Year)]);
        let a = doc
            .annotations
            .iter()
            .find(|a| a.text == "43")
            .expect("43 marked");
        assert_eq!(
            (a.ty, a.kind, a.source),
            (Year, crate::Kind::Number, Source::User)
        );
        assert_eq!(a.number.as_ref().map(|n| n.value), Some(43.0));
        assert_eq!(a.entity, None);
    }

    #[test]
    fn number_marks_read_the_whole_span_or_the_number_inside() {
        let text = "Mellom 10.000 og 25.000 flyktet, i alt 43 drepte.";
        let at = |word: &str| {
            let start = text[..text.find(word).expect("in text")].chars().count();
            (start, start + word.chars().count())
        };
        let mark = |word: &str| Correction::Mark {
            start: at(word).0,
            end: at(word).1,
            text: word.into(),
            ty: Count,
        };
        let doc = apply(
            &annotator(),
            text,
            &[mark("Mellom 10.000 og 25.000"), mark("i alt 43")],
        );
        type Read<'a> = (&'a str, Option<(f64, crate::Qualifier, Option<f64>)>);
        let readings: Vec<Read> = doc
            .annotations
            .iter()
            .filter(|a| a.source == Source::User)
            .map(|a| {
                (
                    a.text.as_str(),
                    a.number.as_ref().map(|n| (n.value, n.qualifier, n.upper)),
                )
            })
            .collect();
        assert_eq!(
            readings,
            [
                (
                    "Mellom 10.000 og 25.000",
                    Some((10000.0, crate::Qualifier::Range, Some(25000.0)))
                ),
                ("i alt 43", Some((43.0, crate::Qualifier::Exact, None))),
            ]
        );
    }

    #[test]
    fn merged_entity_takes_the_type_of_most_mentions() {
        let doc = apply(
            &annotator(),
            TEXT,
            &[
                mark("Rami Abdelrahman", 0, Organisation),
                merge("IS", 0, "Rami Abdelrahman", 0),
            ],
        );
        let e = doc
            .entities
            .iter()
            .find(|e| e.name == "Rami Abdelrahman")
            .expect("merged");
        assert_eq!(e.ty, Organisation);
        let doc = apply(&annotator(), TEXT, &[merge("IS", 0, "Rami Abdelrahman", 0)]);
        let e = doc
            .entities
            .iter()
            .find(|e| e.name == "Rami Abdelrahman")
            .expect("merged");
        assert_eq!((e.ty, e.mentions.len()), (Organisation, 3));
    }

    #[test]
    fn unmark_survives_reannotation_of_an_edited_text() {
        let c = unmark("IS", 1);
        let edited = TEXT.replace("Ifølge SOHR", "Ifølge Syrian Observatory (SOHR)");
        let r = rebase(TEXT, &edited, &[c]);
        assert!(r.dropped.is_empty());
        let doc = apply(&annotator(), &edited, &r.corrections);
        let is: Vec<&str> = doc
            .annotations
            .iter()
            .filter(|a| a.text == "IS")
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(is.len(), 1);
        assert_eq!(validate(&doc), Ok(()));
    }

    #[test]
    fn mark_helper_trims_and_rejects() {
        let text = "i  Syria\n.";
        assert_eq!(
            Correction::mark(text, 1, 9, Geopolitical),
            Some(Correction::Mark {
                start: 3,
                end: 8,
                text: "Syria".into(),
                ty: Geopolitical
            })
        );
        assert_eq!(Correction::mark(text, 1, 3, Person), None);
        assert_eq!(Correction::mark(text, 3, 99, Person), None);
        assert_eq!(Correction::mark(text, 5, 3, Person), None);
    }

    macro_rules! utf16 {
        ($name:ident, $text:expr, $pairs:expr) => {
            #[test]
            fn $name() {
                let text: &str = $text;
                let pairs: &[(usize, usize)] = $pairs;
                for &(units, points) in pairs {
                    assert_eq!(utf16_to_code_point(text, units), points, "utf16 {units}");
                }
            }
        };
    }

    utf16!(
        ascii_is_the_same,
        "Syria",
        &[(0, 0), (3, 3), (5, 5), (9, 5)]
    );
    utf16!(
        norwegian_letters_are_one_unit,
        "Ærø å",
        &[(1, 1), (3, 3), (5, 5)]
    );
    utf16!(
        emoji_are_two_units,
        "a🙂b👩‍👩‍👧c",
        &[(1, 1), (2, 1), (3, 2), (4, 3), (6, 4), (12, 8), (13, 9)]
    );
    utf16!(crlf_is_two_units, "a\r\nb", &[(1, 1), (3, 3), (4, 4)]);
    utf16!(empty_text, "", &[(0, 0), (7, 0)]);

    #[test]
    fn utf16_round_trips_on_code_point_boundaries() {
        let text = "🙂 «SOHR» i Ærø\r\n👩‍👩‍👧 e\u{301} مرحبا";
        for cp in 0..=text.chars().count() {
            assert_eq!(utf16_to_code_point(text, code_point_to_utf16(text, cp)), cp);
        }
        assert_eq!(code_point_to_utf16(text, 999), text.encode_utf16().count());
    }

    #[test]
    fn corrections_serialize_with_an_op_tag() {
        let c = mark("SOHR", 0, State);
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"op":"mark","start":7,"end":11,"text":"SOHR","type":"state"}"#
        );
        let back: Correction = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
        let m = r#"{"op":"merge","start":1,"end":2,"text":"a","into_start":3,"into_end":4,"into_text":"b"}"#;
        assert_eq!(
            serde_json::to_string(&serde_json::from_str::<Correction>(m).unwrap()).unwrap(),
            m
        );
        assert!(serde_json::from_str::<Correction>(r#"{"op":"paint","start":1}"#).is_err());
    }

    macro_rules! r {
        ($name:ident, $old:expr, $new:expr, $span:expr, $want:expr) => {
            #[test]
            fn $name() {
                let (old, new): (&str, &str) = ($old, $new);
                let (word, nth): (&str, usize) = $span;
                let (byte, _) = old.match_indices(word).nth(nth).expect("word in old");
                let start = old[..byte].chars().count();
                let c = Correction::Unmark {
                    start,
                    end: start + word.chars().count(),
                    text: word.into(),
                };
                let r = rebase(old, new, std::slice::from_ref(&c));
                let want: Option<usize> = $want;
                match want {
                    Some(at) => {
                        assert_eq!(r.dropped, vec![]);
                        assert_eq!(r.corrections[0].anchors()[0].start, at);
                        assert!(r.corrections[0].is_anchored(new));
                    }
                    None => {
                        assert_eq!(r.corrections, vec![]);
                        assert_eq!(r.dropped, vec![c]);
                    }
                }
            }
        };
    }

    r!(
        same_text,
        "i Syria og Irak",
        "i Syria og Irak",
        ("Syria", 0),
        Some(2)
    );
    r!(
        edit_after,
        "i Syria og Irak",
        "i Syria og Iran",
        ("Syria", 0),
        Some(2)
    );
    r!(
        insert_before,
        "i Syria og Irak",
        "Krig i Syria og Irak",
        ("Syria", 0),
        Some(7)
    );
    r!(
        delete_before,
        "Krig i Syria",
        "i Syria",
        ("Syria", 0),
        Some(2)
    );
    r!(
        emoji_before_counts_one,
        "i Syria",
        "🙂 i Syria",
        ("Syria", 0),
        Some(4)
    );
    r!(
        crlf_before_counts_two,
        "a\nb Syria",
        "a\r\nb Syria",
        ("Syria", 0),
        Some(5)
    );
    r!(
        edit_inside_word_drops,
        "i Syria og Irak",
        "i Syrien og Irak",
        ("Syria", 0),
        None
    );
    r!(
        retyped_sentence_keeps_word,
        "Før. SOHR sa nei. Etter.",
        "Før. Ifølge SOHR var svaret nei. Etter.",
        ("SOHR", 0),
        Some(12)
    );
    r!(
        word_moved_far_away_drops,
        "SOHR sa nei. Slutt.",
        &format!("Sa nei.{} SOHR{} Slutt.", " x".repeat(80), " y".repeat(80)),
        ("SOHR", 0),
        None
    );
    r!(
        repeated_word_picks_nearest,
        "Syria, Syria, Syria og Irak.",
        "Syria, Syria, Syrien og Irak og Syria.",
        ("Syria", 1),
        Some(7)
    );
    r!(everything_deleted, "i Syria", "", ("Syria", 0), None);
    r!(
        from_empty_word_at_end,
        "Syria",
        "Syria og Irak",
        ("Syria", 0),
        Some(0)
    );

    #[test]
    fn rebase_drops_what_did_not_hold_and_moves_both_merge_anchors() {
        let old = "SDF og Syrian Democratic Forces";
        let merge = Correction::Merge {
            start: 0,
            end: 3,
            text: "SDF".into(),
            into_start: 7,
            into_end: 31,
            into_text: "Syrian Democratic Forces".into(),
        };
        let stale = Correction::Unmark {
            start: 0,
            end: 3,
            text: "IS".into(),
        };
        let r = rebase(old, &format!("Nå: {old}"), &[merge.clone(), stale.clone()]);
        assert_eq!(r.dropped, vec![stale]);
        let moved: Vec<(usize, usize)> = r.corrections[0]
            .anchors()
            .iter()
            .map(|a| (a.start, a.end))
            .collect();
        assert_eq!(moved, vec![(4, 7), (11, 35)]);
        let r = rebase(old, "SDF og Syrian Forces", std::slice::from_ref(&merge));
        assert_eq!(r.dropped, vec![merge]);
    }
}
