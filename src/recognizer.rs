//! The interface every name recogniser implements, and a rule baseline behind it.
//!
//! A recogniser sees one document at a time, as sentences of token forms, so that it can
//! use document-level evidence (a name capitalised mid-sentence elsewhere in the article).
//! It returns NorNE BIO tags; [`crate::annotate`] maps them to actors and places.

use crate::tags::{NeType, Tag};
use crate::vocab::Source;

/// Something that finds names in tokenised text.
pub trait Recognizer: Send + Sync {
    /// Tags every token of every sentence of one document: `doc[s][t]` is token `t` of
    /// sentence `s`, and the result has exactly the same shape.
    fn tag(&self, doc: &[Vec<&str>]) -> Vec<Vec<Tag>>;

    /// What the export names as the source of this recogniser's annotations.
    fn source(&self) -> Source {
        Source::Model
    }

    /// How strongly the recogniser would read tokens `start..end` of sentence `s` of `doc`
    /// as one name of each type: one score per [`NeType`], higher is likelier, comparable
    /// only with each other. `None` when this recogniser cannot score a span (the default),
    /// or when the span is not within the sentence.
    fn span_scores(
        &self,
        doc: &[Vec<&str>],
        s: usize,
        start: usize,
        end: usize,
    ) -> Option<Vec<(NeType, i64)>> {
        let _ = (doc, s, start, end);
        None
    }
}

/// A shared recogniser (the embedded model lives in a `static`) is a recogniser too.
impl<R: Recognizer + ?Sized> Recognizer for &R {
    fn tag(&self, doc: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        (**self).tag(doc)
    }

    fn source(&self) -> Source {
        (**self).source()
    }

    fn span_scores(
        &self,
        doc: &[Vec<&str>],
        s: usize,
        start: usize,
        end: usize,
    ) -> Option<Vec<(NeType, i64)>> {
        (**self).span_scores(doc, s, start, end)
    }
}

/// A small rule baseline: runs of capitalised words that are not merely sentence-initial.
/// All-capital runs are organisations, runs after a place preposition are places, other
/// multi-word runs are people. It exists so that the pipeline works without a model and
/// as the floor any model must beat; it is not what the product ships.
#[derive(Clone, Copy, Debug, Default)]
pub struct CapitalisedRuns;

/// Prepositions after which a capitalised name is usually a place.
const PLACE_PREPOSITIONS: &[&str] = &["i", "fra", "til", "mot", "nær", "ved", "på", "gjennom"];

impl Recognizer for CapitalisedRuns {
    fn tag(&self, doc: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        doc.iter().map(|sentence| tag_sentence(sentence)).collect()
    }

    fn source(&self) -> Source {
        Source::Rules
    }
}

fn tag_sentence(words: &[&str]) -> Vec<Tag> {
    let mut tags = vec![Tag::O; words.len()];
    let capitalised = |w: &str| w.starts_with(char::is_uppercase);
    let mut i = 0;
    while i < words.len() {
        let first_word = i == 0 || matches!(words[i - 1], "–" | "-" | "«" | "\"" | ":");
        if !capitalised(words[i]) || (first_word && !is_all_caps(words[i])) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < words.len() && (capitalised(words[j]) || is_particle(words[j], words.get(j + 1)))
        {
            j += 1;
        }
        let prev = i.checked_sub(1).map(|p| words[p].to_lowercase());
        let ty = if (i..j).all(|k| is_all_caps(words[k])) {
            NeType::Org
        } else if prev.is_some_and(|p| PLACE_PREPOSITIONS.contains(&p.as_str())) {
            NeType::GpeLoc
        } else if j - i >= 2 {
            NeType::Per
        } else {
            NeType::Org
        };
        tags[i] = Tag::B(ty);
        for tag in &mut tags[i + 1..j] {
            *tag = Tag::I(ty);
        }
        i = j;
    }
    tags
}

/// Lower-case name particles that continue a name when a capitalised word follows
/// («Bashar al-Assad», «Ludwig van Beethoven»).
fn is_particle(word: &str, next: Option<&&str>) -> bool {
    let particle = matches!(
        word,
        "al" | "el" | "bin" | "ibn" | "van" | "von" | "de" | "der" | "la"
    ) || word.starts_with("al-");
    particle && (word.starts_with("al-") || next.is_some_and(|n| n.starts_with(char::is_uppercase)))
}

fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .all(|c| !c.is_lowercase() || !c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::spans;

    #[test]
    fn finds_capitalised_runs() {
        let words = [
            "Det",
            "sier",
            "Rami",
            "Abdelrahman",
            "i",
            "Syria",
            "til",
            "AFP",
            ".",
        ];
        let got: Vec<(usize, usize, NeType)> = spans(&tag_sentence(&words))
            .into_iter()
            .map(|s| (s.start, s.end, s.ty))
            .collect();
        assert_eq!(
            got,
            [
                (2, 4, NeType::Per),
                (5, 6, NeType::GpeLoc),
                (7, 8, NeType::Org)
            ]
        );
    }
}
