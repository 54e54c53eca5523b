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
//!   applied to the marked words; the person's type wins over the reader's type. When no
//!   number can be read in the span («et dusin»), the mark is **not applied** and is reported
//!   as [`SkipReason::UnreadableNumber`]: the `value` of the format stays a JSON number,
//!   never `null`, so consumers of version 1 are not surprised. The correction itself stays
//!   in the document's list, so it takes effect once the reader learns the words.
//! - Corrections whose anchor holds but that find nothing to act on (an unmark where the
//!   model no longer marks anything, a rename of a span with no entity) are kept: they cost
//!   nothing, and they protect the person's intent if a later model marks that span again.
//! - Merges only join entities of the same kind (actor with actor, place with place), as
//!   the format gives each entity one kind; a cross-kind merge has no effect. The merged
//!   entity keeps the name of the entity merged *into*.
//! - [`rebase`] diffs the texts by their common prefix and suffix (what a single edit
//!   changes). Anchors before the change stay, anchors after it shift by the change in
//!   length, and an anchor inside the changed region is searched for: the nearest place
//!   where exactly its text occurs, within 64 code points plus the change in length of
//!   where it was. Failing that, the correction is dropped and listed in
//!   [`Rebased::dropped`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::document::{Annotation, AnnotationType, Document, Entity, NumberReading, Source};
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

    /// The operation's JSON name: `mark`, `unmark`, `rename` or `merge`.
    pub fn op(&self) -> &'static str {
        match self {
            Correction::Mark { .. } => "mark",
            Correction::Unmark { .. } => "unmark",
            Correction::Rename { .. } => "rename",
            Correction::Merge { .. } => "merge",
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
            | Correction::Rename { start, end, .. } => shift(start, end, starts.first()),
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
fn slice<'a>(text: &'a str, cp: &CodePoints, start: usize, end: usize) -> Option<&'a str> {
    if start >= end {
        return None;
    }
    text.get(cp.to_byte(start)?..cp.to_byte(end)?)
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
            Correction::Rename { .. } | Correction::Merge { .. } => {}
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
            Correction::Mark { .. } | Correction::Unmark { .. } => {}
        }
    }
    finish_entities(&mut annotations, &mut entities);

    doc.annotations = annotations;
    doc.entities = entities;
    doc.corrections = kept;
    Applied {
        document: doc,
        skipped,
    }
}

/// The reading of a span a person marked as a number: the longest number the number
/// reader finds in it.
// TODO(issue 3): call `crate::numbers::read(span)` once it lands on main; it reads the
// whole span («mellom 10.000 og 25.000») where `find` may see parts.
fn read_number(span: &str) -> Option<NumberReading> {
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
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
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
            let form = a.text.split_whitespace().collect::<Vec<_>>().join(" ");
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
    let window = 64 + delta.unsigned_abs();

    let move_anchor = |a: &Anchor| -> Option<usize> {
        let want: Vec<char> = a.text.chars().collect();
        if a.start >= a.end || a.end > old.len() || old[a.start..a.end] != want[..] {
            return None;
        }
        let expected = if a.end <= prefix {
            a.start
        } else if a.start >= changed_old_end {
            a.start.checked_add_signed(delta)?
        } else {
            a.start.min(new.len())
        };
        let holds = |q: usize| new.get(q..q + want.len()) == Some(&want[..]);
        if holds(expected) {
            return Some(expected);
        }
        let lo = expected.saturating_sub(window);
        let hi = expected.saturating_add(window).min(new.len());
        (lo..=hi)
            .filter(|&q| holds(q))
            .min_by_key(|&q| (q.abs_diff(expected), q))
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
