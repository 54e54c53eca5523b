//! The events CSV: the facts of a document, one row per event (SPEC §2b, see
//! [`crate::export`]).

use std::collections::HashMap;

use super::csv::csv_line;
use crate::document::Document;
use crate::events::EventSpan;
use crate::text::CodePoints;
use crate::vocab::{Geo, NumberReading};

/// The events as CSV, one row per event (SPEC §2b):
/// `id,type,negated,count,qualifier,upper,victims,agent,target,place,lat,lon,place_inherited,time,source,part_of,start,end,sentence`
/// — `count` the value of its number («minst 43» → 43, with `qualifier` `at_least`), the
/// parts as written in the text, `lat`/`lon` the point of the place's entity when it is
/// linked to the map (SPEC §2c), `start`/`end` the sentence in code points and
/// `sentence` its text.
pub fn events_csv(doc: &Document) -> String {
    let numbers: HashMap<&str, &NumberReading> = doc
        .annotations
        .iter()
        .filter_map(|a| Some((a.id.as_str(), a.number.as_ref()?)))
        .collect();
    let points: HashMap<&str, &Geo> = doc
        .entities
        .iter()
        .filter_map(|e| Some((e.id.as_str(), e.geo.as_ref()?.as_ref()?)))
        .collect();
    let cp = CodePoints::new(&doc.text);
    let part = |s: &Option<EventSpan>| {
        (
            s.as_ref().map_or_else(String::new, |s| s.text.clone()),
            true,
        )
    };
    let mut out = String::new();
    out.push_str("id,type,negated,count,qualifier,upper,victims,agent,target,place,lat,lon,place_inherited,time,source,part_of,start,end,sentence\r\n");
    for e in &doc.events {
        let n = e.count.as_deref().and_then(|c| numbers.get(c));
        let point = e
            .place
            .as_ref()
            .and_then(|p| p.entity.as_deref())
            .and_then(|id| points.get(id));
        let sentence = crate::text::cp_slice(&doc.text, &cp, e.start, e.end);
        csv_line(
            &mut out,
            &[
                (e.id.clone(), true),
                (e.ty.as_str().to_string(), false),
                (e.negated.to_string(), false),
                (n.map_or_else(String::new, |n| n.value.to_string()), false),
                (n.map_or("", |n| n.qualifier.as_str()).to_string(), false),
                (
                    n.and_then(|n| n.upper)
                        .map_or_else(String::new, |u| u.to_string()),
                    false,
                ),
                (e.victims.clone().unwrap_or_default(), true),
                part(&e.agent),
                part(&e.target),
                part(&e.place),
                (point.map_or_else(String::new, |g| g.lat.to_string()), false),
                (point.map_or_else(String::new, |g| g.lon.to_string()), false),
                (
                    e.place
                        .as_ref()
                        .map_or_else(String::new, |p| p.inherited.to_string()),
                    false,
                ),
                part(&e.time),
                part(&e.source),
                (e.part_of.clone().unwrap_or_default(), true),
                (e.start.to_string(), false),
                (e.end.to_string(), false),
                (sentence.to_string(), true),
            ],
        );
    }
    out
}
