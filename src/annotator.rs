//! The pipeline: text → tokens → names and numbers → annotations → entities → [`Document`].

use std::sync::OnceLock;

use crate::document::Document;
use crate::error::Error;
use crate::recognizer::{self, Recognizer};
use crate::tags::{self, Tag};
use crate::text::{self, CodePoints};
use crate::vocab::{Annotation, AnnotationType, Kind, NumberReading, OtherLanguage, Source};
use crate::{entities, events, geo, language, model, numbers, tokens};

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
        let Read {
            tokens,
            sentences,
            forms,
        } = read(text, header.body_start);
        // Paragraphs in another language get no marks: the tagger never sees them, and
        // numbers found there are dropped below.
        let foreign = language::other_languages(text, header.body_start);
        let in_foreign = |at: usize| {
            let i = foreign.partition_point(|p| p.0.end <= at);
            foreign.get(i).is_some_and(|p| p.0.start <= at)
        };
        let (sentences, forms): (Vec<_>, Vec<_>) = sentences
            .into_iter()
            .zip(forms)
            .filter(|(r, _)| !tokens.get(r.start).is_some_and(|t| in_foreign(t.start)))
            .unzip();
        let tagged = self.tag_names(&forms);
        drop(forms);
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
        drop(tagged);
        // A number and a name that overlap: the name wins, unless it lies inside a number
        // with a unit, where it is the unit read as a name («1300 SEK», «50 dollar»).
        let names_end = found.len();
        let mut dropped = vec![false; names_end];
        for n in numbers::find(text, &tokens) {
            if in_foreign(n.start) {
                continue;
            }
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
        // `found` is used up from its end and shrinks as it goes, so that it and the
        // annotations it becomes are not both whole in memory (for «1 1 1 …», millions).
        found.reverse();
        let mut annotations: Vec<Annotation> = Vec::with_capacity(found.len());
        while let Some((start, end, ty, source, number)) = found.pop() {
            if found.len() < found.capacity() / 2 {
                found.shrink_to_fit();
            }
            annotations.push(Annotation {
                id: format!("a{}", annotations.len() + 1),
                kind: ty.kind(),
                ty,
                start: cp.to_char(start),
                end: cp.to_char(end),
                text: text[start..end].to_string(),
                entity: None,
                source,
                number: number.map(|n| n.with_iso(ty)),
            });
        }
        let other_languages = foreign
            .into_iter()
            .map(|(range, language)| OtherLanguage {
                start: cp.to_char(range.start),
                end: cp.to_char(range.end),
                language: language.code().to_string(),
            })
            .collect();
        // Each step below indexes the code points itself: one index at a time is alive.
        drop(cp);
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
            other_languages,
        }
    }

    /// The type this annotator finds most likely for the code points `start..end` of
    /// `text` read as a `kind` — what a mark a person makes there should be labelled.
    ///
    /// A number is read by the number rules («minst 43» → count, «14. mars» → date). A name
    /// is scored by the recogniser over the tokens the span touches, in its sentence and
    /// with the rest of the article as context ([`Recognizer::span_scores`]); the best of the
    /// kind's types wins. Where neither can tell (a span across sentences, a recogniser
    /// that cannot score), the kind's first type. Never fails.
    ///
    /// ```
    /// use tusj::{AnnotationType, Kind};
    /// let annotator = tusj::embedded_annotator().expect("the embedded model");
    /// let text = "Ifølge SOHR ble minst 43 mennesker drept.";
    /// assert_eq!(annotator.likely_type(text, 16, 24, Kind::Number), AnnotationType::Count);
    /// ```
    pub fn likely_type(&self, text: &str, start: usize, end: usize, kind: Kind) -> AnnotationType {
        let fallback = AnnotationType::ALL
            .into_iter()
            .find(|t| t.kind() == kind)
            .unwrap_or(AnnotationType::Person);
        let cp = CodePoints::new(text);
        let span = match (cp.to_byte(start), cp.to_byte(end)) {
            (Some(a), Some(b)) if a < b => (a, b),
            _ => return fallback,
        };
        if kind == Kind::Number {
            return text
                .get(span.0..span.1)
                .and_then(numbers::read)
                .map_or(fallback, |(ty, _)| ty);
        }
        let header = text::header(text);
        let Read {
            tokens,
            sentences,
            forms,
        } = read(text, header.body_start);
        // The tokens the span touches, within the sentence of the first.
        let first = tokens.partition_point(|t| t.end <= span.0);
        let last = tokens.partition_point(|t| t.start < span.1);
        let Some(s) = sentences.iter().position(|r| r.contains(&first)) else {
            return fallback;
        };
        let range = &sentences[s];
        let (from, to) = (first - range.start, last.min(range.end) - range.start);
        let scores = self
            .recognizer
            .span_scores(&forms, s, from, to)
            .unwrap_or_default();
        let mut best: Option<(AnnotationType, i64)> = None;
        for (ne, score) in scores {
            let Some(ty) = ne.annotation_type().filter(|t| t.kind() == kind) else {
                continue;
            };
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((ty, score));
            }
        }
        best.map_or(fallback, |(ty, _)| ty)
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

/// An article cut up as the recogniser reads it: tokens (byte offsets), sentences (token
/// ranges) and each sentence's token forms.
struct Read<'t> {
    tokens: Vec<tokens::Token>,
    sentences: Vec<std::ops::Range<usize>>,
    forms: Vec<Vec<&'t str>>,
}

/// Cuts `text` into tokens and sentences, from byte `body_start` (after the metadata header).
fn read(text: &str, body_start: usize) -> Read<'_> {
    let body = text.get(body_start..).unwrap_or("");
    let mut tokens = tokens::tokenize(body);
    for t in &mut tokens {
        t.start += body_start;
        t.end += body_start;
    }
    let sentences = tokens::sentences(text, &tokens);
    let forms = sentences
        .iter()
        .map(|r| tokens[r.clone()].iter().map(|t| t.text(text)).collect())
        .collect();
    Read {
        tokens,
        sentences,
        forms,
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

    #[test]
    fn a_paragraph_in_another_language_gets_no_marks_and_is_listed() {
        let text = "Oslo kommune betaler 400 kroner.\nOn Tuesday the minister said that two NOK is not the price, and Oslo would pay 400.\nKommunen i Bergen har ikkje svart på to spørsmål.";
        let doc = Annotator::with_recognizer(Box::new(Names(&["Oslo", "Bergen", "Tuesday"], &[])))
            .annotate(text);
        let marked: Vec<&str> = doc.annotations.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(marked, ["Oslo", "400 kroner", "Bergen", "to"]);
        let english =
            "On Tuesday the minister said that two NOK is not the price, and Oslo would pay 400.";
        let start = text.find(english).map(|b| text[..b].chars().count());
        assert_eq!(
            doc.other_languages,
            [OtherLanguage {
                start: start.unwrap_or(0),
                end: start.unwrap_or(0) + english.chars().count(),
                language: "en".into()
            }]
        );
    }
}

#[cfg(test)]
mod likely_type_tests {
    use super::*;

    fn span(text: &str, word: &str) -> (usize, usize) {
        let byte = text.find(word).expect("word in text");
        let start = text[..byte].chars().count();
        (start, start + word.chars().count())
    }

    macro_rules! t {
        ($name:ident, $text:expr, $word:expr, $kind:expr, $expected:expr) => {
            #[test]
            fn $name() {
                let annotator = embedded_annotator().expect("the embedded model");
                let (start, end) = span($text, $word);
                assert_eq!(annotator.likely_type($text, start, end, $kind), $expected);
            }
        };
    }

    use AnnotationType::*;
    t!(
        company,
        "Rapporten ble skrevet av revisjonsselskapet Deloitte på oppdrag fra kommunen.",
        "Deloitte",
        Kind::Actor,
        Organisation
    );
    t!(
        person,
        "Talsperson Sean Ryan sier at koalisjonen angrep mål i Deir al-Zor lørdag.",
        "Sean Ryan",
        Kind::Actor,
        Person
    );
    t!(
        state_acting,
        "Russland har lenge støttet regimet, og USA svarte med sanksjoner.",
        "USA",
        Kind::Actor,
        State
    );
    t!(
        country_as_place,
        "Minst 43 mennesker ble drept i Syria lørdag.",
        "Syria",
        Kind::Place,
        Geopolitical
    );
    t!(
        date,
        "Møtet ble holdt 14. mars 2018 i Oslo.",
        "14. mars 2018",
        Kind::Number,
        Date
    );
    t!(
        percent,
        "Oppslutningen falt til 90 prosent.",
        "90 prosent",
        Kind::Number,
        Percent
    );

    #[test]
    fn odd_spans_fall_back_to_the_first_type_of_the_kind() {
        let annotator = embedded_annotator().expect("the embedded model");
        let text = "Ifølge SOHR ble 43 drept. 🙂";
        for (start, end) in [(5, 5), (9, 3), (0, 999), (27, 28)] {
            let ty = annotator.likely_type(text, start, end, Kind::Actor);
            assert_eq!(ty.kind(), Kind::Actor, "{start}..{end}");
        }
        assert_eq!(annotator.likely_type(text, 0, 6, Kind::Number), Count);
        assert_eq!(annotator.likely_type("", 0, 0, Kind::Place), Geopolitical);
    }

    #[test]
    fn a_recogniser_that_cannot_score_gives_the_first_type() {
        let rules = Annotator::rules_only();
        let text = "Ifølge SOHR ble 43 drept.";
        assert_eq!(rules.likely_type(text, 7, 11, Kind::Actor), Person);
        assert_eq!(rules.likely_type(text, 7, 11, Kind::Place), Geopolitical);
    }
}
