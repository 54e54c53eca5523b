//! Event corrections: building one from a document's event ([`Correction::event`]) and
//! replaying them over the events read afresh ([`correct_events`]).

use std::collections::{BTreeMap, HashMap};

use crate::correction::{slice, Correction};
use crate::document::Document;
use crate::events::{Event, EventSpan, EventType};
use crate::text::CodePoints;
use crate::vocab::Annotation;

impl Correction {
    /// A correction of the event `id` of `doc`: remove it (`remove`), or give its fields
    /// new values (`set`, see [`Correction::Event`]). `None` when `doc` has no such event.
    ///
    /// ```
    /// use tusj::review::Correction;
    /// let doc = tusj::annotate("Minst 30 mennesker ble drept i Idlib.");
    /// let c = Correction::event(&doc, "v1", true, Default::default()).unwrap();
    /// assert_eq!(c.op(), "event");
    /// let fixed = tusj::review::apply(tusj::embedded_annotator().expect("the embedded model"), &doc.text, &[c]);
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
}

/// Replays the event corrections of `kept` over `events`, in order; renumbers the ids and
/// the breakdown links afterwards (a breakdown of a removed event breaks down nothing).
/// Also gives the corrections with a field that could not be set.
pub(super) fn correct_events(
    text: &str,
    cp: &CodePoints,
    annotations: &[Annotation],
    events: Vec<Event>,
    kept: &[Correction],
) -> (Vec<Event>, Vec<Correction>) {
    let mut unset = Vec::new();
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
            unset.push(c.clone());
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
    (out, unset)
}
