//! The page's tables: the numbers panel view model ([`numbers_table`]) and the «Facts»
//! table ([`facts_table`]).

use serde::Serialize;

use crate::document::Document;
use crate::events::{EventSpan, EventType};
use crate::text::CodePoints;
use crate::vocab::{AnnotationType, Qualifier};

/// One row of the page's numbers panel.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NumberRow {
    /// The annotation's id.
    pub id: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The number as written («minst 43 mennesker»).
    pub text: String,
    /// count, year, date, time, percent, money, measure or ordinal.
    #[serde(rename = "type")]
    pub ty: AnnotationType,
    /// The value (the lower bound of a range).
    pub value: f64,
    /// How the number relates to the value.
    pub qualifier: Qualifier,
    /// The upper bound of a range.
    pub upper: Option<f64>,
    /// The unit, if any.
    pub unit: Option<String>,
    /// The counted noun, if any.
    pub counted: Option<String>,
    /// Up to six words before it, within its paragraph.
    pub left: String,
    /// Up to six words after it, within its paragraph.
    pub right: String,
    /// Who made it.
    pub source: crate::Source,
}

/// The words of the page's numbers panel: every number annotation with its reading and
/// up to six words of context on each side (not crossing a blank line or the header).
pub fn numbers_table(doc: &Document) -> Vec<NumberRow> {
    let cp = CodePoints::new(&doc.text);
    let body_start = cp.to_char(crate::text::header(&doc.text).body_start);
    doc.annotations
        .iter()
        .filter_map(|a| {
            let n = a.number.as_ref()?;
            // Six words lie well within this many code points; slicing no further keeps the
            // table linear in the length of the article (a 1 MB paste has thousands of rows).
            const WINDOW: usize = 1000;
            let from = body_start.min(a.start).max(a.start.saturating_sub(WINDOW));
            let before = crate::text::cp_slice(&doc.text, &cp, from, a.start);
            let after = crate::text::cp_slice(&doc.text, &cp, a.end, cp.len().min(a.end + WINDOW));
            Some(NumberRow {
                id: a.id.clone(),
                start: a.start,
                end: a.end,
                text: a.text.clone(),
                ty: a.ty,
                value: n.value,
                qualifier: n.qualifier,
                upper: n.upper,
                unit: n.unit.clone(),
                counted: n.counted.clone(),
                left: context(before, true),
                right: context(after, false),
                source: a.source,
            })
        })
        .collect()
}

/// Up to six words of `s` next to the number: its last words when `before`, else its
/// first; a blank line ends the paragraph.
fn context(s: &str, before: bool) -> String {
    const WORDS: usize = 6;
    let paragraph = if before {
        let cut = paragraph_breaks(s).last().map_or(0, |&(_, end)| end);
        &s[cut..]
    } else {
        let cut = paragraph_breaks(s)
            .first()
            .map_or(s.len(), |&(start, _)| start);
        &s[..cut]
    };
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    let picked = if before {
        &words[words.len().saturating_sub(WORDS)..]
    } else {
        &words[..words.len().min(WORDS)]
    };
    picked.join(" ")
}

/// Byte ranges of the whitespace runs in `s` that hold two or more line breaks.
fn paragraph_breaks(s: &str) -> Vec<(usize, usize)> {
    let mut breaks = Vec::new();
    let mut run: Option<(usize, usize)> = None; // (start, line breaks)
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            let (start, n) = run.unwrap_or((i, 0));
            run = Some((start, n + usize::from(c == '\n')));
        } else if let Some((start, n)) = run.take() {
            if n >= 2 {
                breaks.push((start, i));
            }
        }
    }
    if let Some((start, n)) = run {
        if n >= 2 {
            breaks.push((start, s.len()));
        }
    }
    breaks
}

/// One row of the page's «Facts» table: an event in the reader's words.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fact {
    /// The event's id.
    pub id: String,
    /// What happened.
    #[serde(rename = "type")]
    pub ty: EventType,
    /// First code point of the sentence.
    pub start: usize,
    /// End (exclusive) of the sentence.
    pub end: usize,
    /// «minst 43 mennesker drept», «ingen sivile drept», «angrep».
    pub what: String,
    /// «av amerikanskledede luftangrep», or empty.
    pub by: String,
    /// «mot IS-lommen», or empty.
    pub target: String,
    /// «Deir al-Zor», with «(fra avsnittet)» when inherited, or empty.
    pub place: String,
    /// «lørdag», or empty.
    pub time: String,
    /// «kilde: SOHR», or empty.
    pub source: String,
    /// «del av v1» for a breakdown, or empty.
    pub part_of: String,
    /// The spans of its parts (count, agent, target, place, time, source) as
    /// `[start, end]` code points, for showing them in the text.
    pub parts: Vec<[usize; 2]>,
}

/// The participle a reader writes after the count («drept», «skadd»).
fn participle(ty: EventType) -> &'static str {
    match ty {
        EventType::Killed => "drept",
        EventType::Injured => "skadd",
        EventType::Missing => "savnet",
        EventType::Detained => "pågrepet",
        EventType::Kidnapped => "bortført",
        EventType::Displaced => "på flukt",
        EventType::Attack => "angrep",
    }
}

/// The rows of the page's «Facts» table, one per event ([`crate::events`]), in the words a reader uses:
/// «minst 43 mennesker drept — av amerikanskledede luftangrep — mot IS-lommen — lørdag —
/// kilde: SOHR».
pub fn facts_table(doc: &Document) -> Vec<Fact> {
    let annotations = &doc.annotations;
    doc.events
        .iter()
        .map(|e| {
            let count = e
                .count
                .as_ref()
                .and_then(|id| annotations.iter().find(|a| &a.id == id));
            let mut what: Vec<String> = Vec::new();
            if e.negated && count.is_none() {
                what.push("ingen".into());
            }
            if let Some(a) = count {
                what.push(a.text.clone());
            }
            if let Some(v) = &e.victims {
                // «36 av dem» already reads «av dem»; the victims follow either way.
                if count.is_none_or(|a| !a.text.ends_with(v.as_str())) {
                    what.push(v.clone());
                }
            }
            if e.ty != EventType::Attack || what.is_empty() {
                what.push(participle(e.ty).into());
            }
            let text =
                |s: &Option<EventSpan>| s.as_ref().map_or_else(String::new, |s| s.text.clone());
            let mut parts: Vec<[usize; 2]> = count.map(|a| [a.start, a.end]).into_iter().collect();
            for s in [&e.agent, &e.target, &e.place, &e.time, &e.source]
                .into_iter()
                .flatten()
            {
                parts.push([s.start, s.end]);
            }
            parts.sort_unstable();
            parts.dedup();
            Fact {
                id: e.id.clone(),
                ty: e.ty,
                start: e.start,
                end: e.end,
                what: what.join(" "),
                by: e
                    .agent
                    .as_ref()
                    .map_or_else(String::new, |a| format!("av {}", a.text)),
                target: e
                    .target
                    .as_ref()
                    .map_or_else(String::new, |t| format!("mot {}", t.text)),
                place: e.place.as_ref().map_or_else(String::new, |p| {
                    if p.inherited {
                        format!("{} (fra avsnittet)", p.text)
                    } else {
                        p.text.clone()
                    }
                }),
                time: text(&e.time),
                source: e
                    .source
                    .as_ref()
                    .map_or_else(String::new, |s| format!("kilde: {}", s.text)),
                part_of: e
                    .part_of
                    .as_ref()
                    .map_or_else(String::new, |p| format!("del av {p}")),
                parts,
            }
        })
        .collect()
}
