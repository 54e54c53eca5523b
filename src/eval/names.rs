//! Scoring names against gold CoNLL-U: strict entity-level precision, recall and F1, as
//! conlleval counts them (a name is right only with exactly the gold span and type).
//!
//! Besides the nine NorNE types, [`NameScores`] holds the merged actor/place score that the
//! product shows (PER/ORG/GPE_ORG → actor, GPE_LOC/LOC → place; span and kind must match)
//! and the micro score split by whether a gold name's text occurs as a name in the training
//! data (seen) or not (unseen): new articles are full of unseen names, so that split
//! predicts quality on fresh text better than the overall figure.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::ops::Range;

use crate::eval::conllu::Corpus;
use crate::tags::{spans, NameSpan, NeType, Tag};
use crate::vocab::Kind;

/// Counts of true positives, false positives and false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prf {
    /// Predicted and gold.
    pub tp: usize,
    /// Predicted, not gold.
    pub fp: usize,
    /// Gold, not predicted.
    pub fn_: usize,
}

impl Prf {
    /// Precision in percent (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Recall in percent (0 when there is no gold).
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Prf) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

impl fmt::Display for Prf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P {:5.1}  R {:5.1}  F1 {:5.1}  (gold {}, predicted {}, correct {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.tp + self.fn_,
            self.tp + self.fp,
            self.tp
        )
    }
}

/// Everything `tusj eval` reports about names.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NameScores {
    /// Per NorNE type.
    pub per_type: BTreeMap<NeType, Prf>,
    /// Micro average over the nine types.
    pub micro: Prf,
    /// Actor/place spans with their kind (other types ignored).
    pub merged: Prf,
    /// Names whose text occurs as a name in training data (only with training names).
    pub seen: Option<Prf>,
    /// Names whose text never occurs as a name in training data.
    pub unseen: Option<Prf>,
    /// Type confusions on exact spans: (gold type, predicted type) → count, for names
    /// predicted with exactly the gold span but another type.
    pub confusions: BTreeMap<(NeType, NeType), usize>,
}

impl NameScores {
    /// All names predicted with the exact gold span but the wrong type.
    pub fn confusion_count(&self) -> usize {
        self.confusions.values().sum()
    }
}

/// The text of a name: its token forms joined by single spaces.
fn name_text(forms: &[&str], span: &NameSpan) -> String {
    forms[span.start..span.end].join(" ")
}

/// The names of a corpus (`train`), as texts, for the seen/unseen split.
pub fn train_names(corpus: &Corpus) -> HashSet<String> {
    let mut names = HashSet::new();
    for s in &corpus.sentences {
        let forms = s.forms();
        for span in spans(&s.tags()) {
            names.insert(name_text(&forms, &span));
        }
    }
    names
}

/// Scores predicted tags against gold tags, sentence by sentence. `forms` gives the token
/// texts (for the seen/unseen split against `train_names`).
pub fn score_names(
    forms: &[Vec<&str>],
    gold: &[Vec<Tag>],
    predicted: &[Vec<Tag>],
    train_names: Option<&HashSet<String>>,
) -> NameScores {
    let mut scores = NameScores::default();
    let (mut seen, mut unseen) = (Prf::default(), Prf::default());
    for ((forms, gold), predicted) in forms.iter().zip(gold).zip(predicted) {
        let g: HashSet<NameSpan> = spans(gold).into_iter().collect();
        let p: HashSet<NameSpan> = spans(predicted).into_iter().collect();
        // Counts one name for its type and for its side of the seen/unseen split.
        let mut count = |span: &NameSpan, c: Prf| {
            scores.per_type.entry(span.ty).or_default().add(c);
            if let Some(names) = train_names {
                let seen_in_train = names.contains(&name_text(forms, span));
                if seen_in_train {
                    &mut seen
                } else {
                    &mut unseen
                }
                .add(c);
            }
        };
        for span in &g {
            let hit = p.contains(span) as usize;
            count(
                span,
                Prf {
                    tp: hit,
                    fp: 0,
                    fn_: 1 - hit,
                },
            );
        }
        for span in p.difference(&g) {
            if let Some(gold_span) = g
                .iter()
                .find(|s| s.start == span.start && s.end == span.end)
            {
                *scores
                    .confusions
                    .entry((gold_span.ty, span.ty))
                    .or_default() += 1;
            }
            count(
                span,
                Prf {
                    tp: 0,
                    fp: 1,
                    fn_: 0,
                },
            );
        }
        let kinds = |set: &HashSet<NameSpan>| -> HashSet<(usize, usize, Kind)> {
            set.iter()
                .filter_map(|s| Some((s.start, s.end, s.ty.annotation_type()?.kind())))
                .collect()
        };
        let (gk, pk) = (kinds(&g), kinds(&p));
        let tp = gk.intersection(&pk).count();
        scores.merged.add(Prf {
            tp,
            fp: pk.len() - tp,
            fn_: gk.len() - tp,
        });
    }
    for prf in scores.per_type.values() {
        scores.micro.add(*prf);
    }
    if train_names.is_some() {
        scores.seen = Some(seen);
        scores.unseen = Some(unseen);
    }
    scores
}

/// How `tusj eval` and `tusj tag-conllu` cut a file into documents for the recogniser:
/// by the `# source` document where the file names one (NorNE train), else in windows of
/// [`DOCUMENT_WINDOW`] consecutive sentences (NorNE dev keeps its documents in order but
/// does not mark where they end; a window is about the length of a news article).
pub fn documents(corpus: &Corpus) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=corpus.sentences.len() {
        let boundary = i == corpus.sentences.len() || {
            let (a, b) = (&corpus.sentences[i - 1], &corpus.sentences[i]);
            match (a.document(), b.document()) {
                (Some(x), Some(y)) => x != y,
                _ => i - start >= DOCUMENT_WINDOW,
            }
        };
        if boundary {
            out.push(start..i);
            start = i;
        }
    }
    out
}

/// Sentences per pseudo-document when a file does not mark its documents.
pub const DOCUMENT_WINDOW: usize = 30;

impl fmt::Display for NameScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "names, strict spans:")?;
        for (ty, prf) in &self.per_type {
            writeln!(f, "  {:<8} {prf}", ty.label())?;
        }
        writeln!(f, "  {:<8} {}", "micro", self.micro)?;
        writeln!(f, "  {:<8} {}", "actor+place", self.merged)?;
        if let (Some(seen), Some(unseen)) = (&self.seen, &self.unseen) {
            writeln!(f, "  {:<8} {seen}", "seen")?;
            writeln!(f, "  {:<8} {unseen}", "unseen")?;
        }
        writeln!(
            f,
            "type confusions on exact spans: {} (row gold, column predicted)",
            self.confusion_count()
        )?;
        write!(f, "  {:<8}", "")?;
        for ty in NeType::ALL {
            write!(f, " {:>7}", ty.label())?;
        }
        writeln!(f)?;
        for gold in NeType::ALL {
            write!(f, "  {:<8}", gold.label())?;
            for pred in NeType::ALL {
                match self.confusions.get(&(gold, pred)) {
                    Some(n) => write!(f, " {n:>7}")?,
                    None => write!(f, " {:>7}", if gold == pred { "" } else { "." })?,
                }
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use NeType::*;

    #[test]
    fn strict_spans_and_merged_kinds() {
        let forms = vec![vec!["Rami", "Abdelrahman", "i", "Syria", "og", "Oslo"]];
        let gold = vec![vec![
            Tag::B(Per),
            Tag::I(Per),
            Tag::O,
            Tag::B(GpeLoc),
            Tag::O,
            Tag::B(GpeLoc),
        ]];
        // Person cut short (wrong span), Syria right, Oslo typed LOC: still a place.
        let pred = vec![vec![
            Tag::B(Per),
            Tag::O,
            Tag::O,
            Tag::B(GpeLoc),
            Tag::O,
            Tag::B(Loc),
        ]];
        let train: HashSet<String> = ["Syria".to_string()].into();
        let s = score_names(&forms, &gold, &pred, Some(&train));
        assert_eq!(
            s.micro,
            Prf {
                tp: 1,
                fp: 2,
                fn_: 2
            }
        );
        assert_eq!(
            s.merged,
            Prf {
                tp: 2,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            s.seen,
            Some(Prf {
                tp: 1,
                fp: 0,
                fn_: 0
            })
        );
        assert_eq!(
            s.unseen,
            Some(Prf {
                tp: 0,
                fp: 2,
                fn_: 2
            })
        );
        assert_eq!(
            s.per_type[&Loc],
            Prf {
                tp: 0,
                fp: 1,
                fn_: 0
            }
        );
        assert!((s.micro.f1() - 100.0 / 3.0).abs() < 1e-9);
        // Oslo: exact span, GPE_LOC read as LOC; the person cut short is no confusion.
        assert_eq!(s.confusions, BTreeMap::from([((GpeLoc, Loc), 1)]));
        assert_eq!(s.confusion_count(), 1);
        let table = s.to_string();
        assert!(
            table.contains("type confusions on exact spans: 1"),
            "{table}"
        );
    }

    #[test]
    fn empty_scores_are_zero_not_nan() {
        let s = score_names(&[], &[], &[], None);
        assert_eq!(s.micro.f1(), 0.0);
        assert_eq!(s.seen, None);
    }

    #[test]
    fn documents_follow_sources_then_windows() {
        let mk = |src: Option<&str>| crate::eval::conllu::Sentence {
            source: src.map(str::to_string),
            ..Default::default()
        };
        let corpus = Corpus {
            lines: vec![],
            sentences: vec![
                mk(Some("a.conll sentence 1")),
                mk(Some("a.conll sentence 2")),
                mk(Some("b.conll sentence 1")),
            ],
        };
        assert_eq!(documents(&corpus), vec![0..2, 2..3]);
        let corpus = Corpus {
            lines: vec![],
            sentences: vec![mk(None); DOCUMENT_WINDOW + 1],
        };
        assert_eq!(
            documents(&corpus),
            vec![0..DOCUMENT_WINDOW, DOCUMENT_WINDOW..DOCUMENT_WINDOW + 1]
        );
    }
}
