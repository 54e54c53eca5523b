//! The [`Correction`] type: one thing a person did in the page, anchored to the text it
//! was made on (how corrections are replayed: [`crate::review`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::text::CodePoints;
use crate::vocab::{AnnotationType, EventType};

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

    pub(crate) fn anchored_in(&self, text: &str, cp: &CodePoints) -> bool {
        self.anchors()
            .iter()
            .all(|a| slice(text, cp, a.start, a.end) == Some(a.text))
    }

    /// The same correction with its anchors at new starts (one per anchor, same order).
    pub(crate) fn moved(&self, starts: &[usize]) -> Correction {
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
