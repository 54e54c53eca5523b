//! The pipeline: text → tokens → names and numbers → annotations → entities → [`Document`].

use std::sync::OnceLock;

use crate::document::Document;
use crate::error::Error;
use crate::recognizer::{self, Recognizer};
use crate::tags::{self, Tag};
use crate::text::{self, CodePoints};
use crate::vocab::{Annotation, AnnotationType, NumberReading, Source};
use crate::{entities, events, geo, model, numbers, tokens};

/// Annotates articles with a name recogniser and the number rules.
pub struct Annotator {
    recognizer: Box<dyn Recognizer>,
}

impl Annotator {
    /// An annotator with the given name recogniser.
    pub fn with_recognizer(recognizer: Box<dyn Recognizer>) -> Annotator {
        Annotator { recognizer }
    }

    /// Annotates `text`. Never fails: any string gets annotations or none.
    pub fn annotate(&self, text: &str) -> Document {
        let header = text::header(text);
        let body = &text[header.body_start..];
        let mut tokens = tokens::tokenize(body);
        for t in &mut tokens {
            t.start += header.body_start;
            t.end += header.body_start;
        }
        let sentences = tokens::sentences(text, &tokens);
        let forms: Vec<Vec<&str>> = sentences
            .iter()
            .map(|r| tokens[r.clone()].iter().map(|t| t.text(text)).collect())
            .collect();
        let tagged = self.tag_names(&forms);
        let source = self.recognizer.source();

        // (start byte, end byte, type, source, reading)
        let mut found: Vec<(usize, usize, AnnotationType, Source, Option<NumberReading>)> =
            Vec::new();
        for (range, tags) in sentences.iter().zip(&tagged) {
            let sentence = &tokens[range.clone()];
            for span in tags::spans(tags) {
                if let Some(ty) = span.ty.annotation_type() {
                    let (first, last) = (sentence[span.start], sentence[span.end - 1]);
                    found.push((first.start, last.end, ty, source, None));
                }
            }
        }
        // A number and a name that overlap: the name wins, unless it lies inside a number
        // with a unit, where it is the unit read as a name («1300 SEK», «50 dollar»).
        let names_end = found.len();
        let mut dropped = vec![false; names_end];
        for n in numbers::find(text, &tokens) {
            // Names come in text order without overlap, so their ends ascend too.
            let first = found[..names_end].partition_point(|f| f.1 <= n.start);
            let last = first + found[first..names_end].partition_point(|f| f.0 < n.end);
            let inside = found[first..last]
                .iter()
                .all(|f| n.start <= f.0 && f.1 <= n.end);
            if first == last || (inside && n.reading.unit.is_some()) {
                dropped[first..last].iter_mut().for_each(|d| *d = true);
                found.push((n.start, n.end, n.ty, Source::Rules, Some(n.reading)));
            }
        }
        let mut index = 0;
        found.retain(|_| {
            index += 1;
            index > names_end || !dropped[index - 1]
        });
        found.sort_by_key(|f| (f.0, f.1));
        let mut last_end = 0;
        found.retain(|f| {
            let keep = f.0 >= last_end && f.0 < f.1;
            if keep {
                last_end = f.1;
            }
            keep
        });

        let cp = CodePoints::new(text);
        let mut annotations: Vec<Annotation> = found
            .into_iter()
            .enumerate()
            .map(|(i, (start, end, ty, source, number))| Annotation {
                id: format!("a{}", i + 1),
                kind: ty.kind(),
                ty,
                start: cp.to_char(start),
                end: cp.to_char(end),
                text: text[start..end].to_string(),
                entity: None,
                source,
                number,
            })
            .collect();
        let mut entities = entities::group(text, &mut annotations);
        geo::link_entities(&mut entities);
        let events = events::find(text, &tokens, &sentences, &annotations);
        Document {
            format: Document::FORMAT.to_string(),
            version: Document::VERSION,
            text: text.to_string(),
            meta: header.meta,
            annotations,
            entities,
            events,
            corrections: Vec::new(),
        }
    }

    /// Tags pre-tokenised sentences of one document with the name recogniser alone
    /// (`tusj tag-conllu` and `tusj eval`).
    pub fn tag_names(&self, doc: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let mut tagged = self.recognizer.tag(doc);
        tagged.resize(doc.len(), Vec::new());
        for (tags, sentence) in tagged.iter_mut().zip(doc) {
            tags.resize(sentence.len(), Tag::O);
        }
        tagged
    }
}

impl Annotator {
    /// An annotator with the embedded name model (`src/model/model.bin`).
    ///
    /// # Errors
    /// An [`ErrorKind::Model`](crate::ErrorKind::Model) error if the embedded model does not decode.
    pub fn new() -> Result<Annotator, Error> {
        Ok(Annotator::with_recognizer(Box::new(model::embedded()?)))
    }

    /// An annotator with a name model read from `bytes` (a file written by `tusj train`).
    ///
    /// # Errors
    /// An [`ErrorKind::Model`](crate::ErrorKind::Model) error if the bytes are not a model of this version.
    pub fn from_bytes(bytes: &[u8]) -> Result<Annotator, Error> {
        Ok(Annotator::with_recognizer(Box::new(
            model::Model::from_bytes(bytes)?,
        )))
    }

    /// An annotator with the rule baseline instead of a model ([`recognizer::CapitalisedRuns`]).
    pub fn rules_only() -> Annotator {
        Annotator::with_recognizer(Box::new(recognizer::CapitalisedRuns))
    }
}

/// The shared annotator with the embedded model, built on first use.
///
/// # Errors
/// An [`ErrorKind::Model`](crate::ErrorKind::Model) error if the embedded model does not decode; the page and the
/// command line report it.
pub fn embedded_annotator() -> Result<&'static Annotator, Error> {
    // Only success is kept: in the wasm build a call before the model is handed over fails
    // and a later one succeeds (the model itself keeps a decoding failure).
    static EMBEDDED: OnceLock<Annotator> = OnceLock::new();
    if let Some(annotator) = EMBEDDED.get() {
        return Ok(annotator);
    }
    let annotator = Annotator::new()?;
    Ok(EMBEDDED.get_or_init(|| annotator))
}

/// Annotates `text` with the shared embedded-model annotator ([`embedded_annotator`]).
///
/// Never fails. Should the embedded model ever fail to decode (the tests decode it, so only
/// a corrupted build could), names come from the rule baseline
/// ([`recognizer::CapitalisedRuns`]) instead, and every name annotation then says so with
/// `source: "rules"` rather than `"model"`. Callers that must report such a failure (the
/// page, the command line) use [`embedded_annotator`] and handle its error.
pub fn annotate(text: &str) -> Document {
    static RULES: OnceLock<Annotator> = OnceLock::new();
    embedded_annotator()
        .unwrap_or_else(|_| RULES.get_or_init(Annotator::rules_only))
        .annotate(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::NeType;
    use crate::vocab::Kind;

    /// Tags words that start a name with B-ORG and words that go on with one with I-ORG.
    struct Names(&'static [&'static str], &'static [&'static str]);

    impl Recognizer for Names {
        fn tag(&self, doc: &[Vec<&str>]) -> Vec<Vec<Tag>> {
            let tag = |w: &&str| match (self.0.contains(w), self.1.contains(w)) {
                (true, _) => Tag::B(NeType::Org),
                (_, true) => Tag::I(NeType::Org),
                _ => Tag::O,
            };
            doc.iter().map(|s| s.iter().map(tag).collect()).collect()
        }
    }

    fn marks(names: Names, text: &str) -> Vec<(String, Kind)> {
        Annotator::with_recognizer(Box::new(names))
            .annotate(text)
            .annotations
            .into_iter()
            .map(|a| (a.text, a.kind))
            .collect()
    }

    #[test]
    fn a_unit_read_as_a_name_gives_way_to_its_number() {
        let got = marks(Names(&["SEK"], &[]), "Det kostet 1300 SEK.");
        assert_eq!(got, [("1300 SEK".into(), Kind::Number)]);
    }

    #[test]
    fn a_name_wins_over_a_number_it_overlaps() {
        let got = marks(Names(&["Windows"], &["95"]), "Windows 95 kom i 1995.");
        assert_eq!(
            got,
            [
                ("Windows 95".into(), Kind::Actor),
                ("1995".into(), Kind::Number)
            ]
        );
        let got = marks(Names(&[], &[]), "Windows 95 kom i 1995.");
        assert_eq!(
            got,
            [("95".into(), Kind::Number), ("1995".into(), Kind::Number)]
        );
    }
}
