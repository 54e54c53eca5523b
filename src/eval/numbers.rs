//! Number coverage against a CoNLL-U treebank (NorNE): how many UPOS=NUM tokens the full
//! annotator marks as numbers, how many of its number annotations are real numbers, and
//! how well it tells the article «en/ei/et» from the number one.
//!
//! Each sentence's raw `# text` goes through [`crate::annotate`], so the real tokenizer
//! and the name recogniser (whose names win over numbers) are part of what is measured.
//! The treebank's tokens are aligned to the text by searching forward for each form.

use crate::eval::conllu::{Corpus, Sentence};
use crate::text::CodePoints;
use crate::vocab::{AnnotationType, Kind};

/// Forms the treebank tags NUM although they are not numbers («den eneste», «den ene»).
const NOT_NUMBERS: &[&str] = &["eneste", "ene", "einaste", "eine"];

/// Forms that are either an article/pronoun or the number one.
const ONE_FORMS: &[&str] = &[
    "en", "ei", "et", "ett", "én", "ein", "eit", "eitt", "éin", "éi",
];

/// How many examples of each kind of miss to keep.
const EXAMPLES: usize = 40;

/// The result of [`coverage`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coverage {
    /// UPOS=NUM tokens, without «eneste», «ene», «einaste», «eine».
    pub num_tokens: usize,
    /// Of those, the ones a number annotation overlaps.
    pub num_covered: usize,
    /// Of the NUM tokens, chapter and section numbers («3.5.2.3», «11.4»): identifiers,
    /// not quantities; tusj marks them as ordinals with unit `section` where the form or a
    /// section word says so, and they are also counted apart.
    pub chapter_numbers: usize,
    /// Of those, the ones a number annotation overlaps.
    pub chapters_covered: usize,
    /// Number annotations other than ordinals.
    pub annotations: usize,
    /// Of those, the ones that overlap a NUM token or contain a digit.
    pub annotations_ok: usize,
    /// Tokens whose form is «en», «ei», «et», «ett», «én» (or Nynorsk «ein», «eit»,
    /// «eitt», «éin», «éi»).
    pub one_forms: usize,
    /// Of those, the ones where «is inside a number annotation» agrees with UPOS=NUM.
    pub one_forms_right: usize,
    /// Some NUM tokens that were missed, in context («… \[form\] …»).
    pub missed: Vec<String>,
    /// Some annotations that cover no NUM token and no digit.
    pub spurious: Vec<String>,
    /// Some one-forms decided wrongly: form, gold UPOS, context.
    pub one_form_errors: Vec<String>,
}

impl Coverage {
    /// Share of NUM tokens covered (target ≥ 0.97).
    pub fn recall(&self) -> f64 {
        ratio(self.num_covered, self.num_tokens)
    }

    /// Share of NUM tokens covered when chapter numbers are left out (of both counts).
    pub fn recall_without_chapters(&self) -> f64 {
        ratio(
            self.num_covered - self.chapters_covered,
            self.num_tokens - self.chapter_numbers,
        )
    }

    /// Share of non-ordinal number annotations on a NUM token or a digit (target ≥ 0.97).
    pub fn precision(&self) -> f64 {
        ratio(self.annotations_ok, self.annotations)
    }

    /// Share of «en/ei/et/ett…» tokens decided as the treebank tags them.
    pub fn one_form_accuracy(&self) -> f64 {
        ratio(self.one_forms_right, self.one_forms)
    }
}

impl std::fmt::Display for Coverage {
    /// One line for `tusj eval`: coverage, precision and article accuracy.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "numbers: NUM coverage {}/{} = {:.1}% ({:.1}% without {} chapter numbers); \
             precision {}/{} = {:.1}%; en/ei/et/ett {}/{} = {:.1}%",
            self.num_covered,
            self.num_tokens,
            100.0 * self.recall(),
            100.0 * self.recall_without_chapters(),
            self.chapter_numbers,
            self.annotations_ok,
            self.annotations,
            100.0 * self.precision(),
            self.one_forms_right,
            self.one_forms,
            100.0 * self.one_form_accuracy()
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Runs the default annotator over every sentence of `corpus` and measures number
/// coverage (see [`Coverage`]).
pub fn coverage(corpus: &Corpus) -> Coverage {
    let mut c = Coverage::default();
    for sentence in &corpus.sentences {
        measure(sentence, &mut c);
    }
    c
}

/// The text of a sentence: its `# text`, or its forms joined as `SpaceAfter` says.
fn sentence_text(s: &Sentence) -> String {
    if let Some(t) = &s.text {
        return t.clone();
    }
    let mut out = String::new();
    for t in &s.tokens {
        out.push_str(&t.form);
        if t.space_after {
            out.push(' ');
        }
    }
    out
}

/// «3.5.2.3», «11.4»: digits joined by dots that are neither thousands, a clock time
/// nor a date.
fn is_chapter_number(form: &str) -> bool {
    form.contains('.')
        && form.split('.').all(crate::numbers::digits::all_digits)
        && crate::numbers::digits::read(form).is_none()
}

fn measure(sentence: &Sentence, c: &mut Coverage) {
    let text = sentence_text(sentence);
    let doc = crate::annotate(&text);
    let cp = CodePoints::new(&text);
    // Number annotations as byte ranges, ordinals marked.
    let spans: Vec<(usize, usize, bool)> = doc
        .annotations
        .iter()
        .filter(|a| a.kind == Kind::Number)
        .filter_map(|a| {
            let s = cp.to_byte(a.start)?;
            let e = cp.to_byte(a.end)?;
            Some((s, e, a.ty == AnnotationType::Ordinal))
        })
        .collect();
    // Align the treebank tokens to the text.
    let mut at = 0;
    let ranges: Vec<Option<(usize, usize)>> = sentence
        .tokens
        .iter()
        .map(|t| {
            let found = text.get(at..)?.find(t.form.as_str())?;
            let s = at + found;
            at = s + t.form.len();
            Some((s, at))
        })
        .collect();
    let context = |i: usize| -> String {
        let lo = i.saturating_sub(4);
        let hi = (i + 4).min(sentence.tokens.len());
        (lo..hi)
            .map(|k| {
                let f = sentence.tokens[k].form.as_str();
                if k == i {
                    format!("[{f}]")
                } else {
                    f.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let overlaps = |r: Option<(usize, usize)>| -> bool {
        r.is_some_and(|(s, e)| spans.iter().any(|&(a, b, _)| a < e && s < b))
    };
    for (i, (tok, range)) in sentence.tokens.iter().zip(&ranges).enumerate() {
        let lower = tok.form.to_lowercase();
        if tok.upos == "NUM" && !NOT_NUMBERS.contains(&lower.as_str()) {
            c.num_tokens += 1;
            let chapter = is_chapter_number(&tok.form);
            if chapter {
                c.chapter_numbers += 1;
            }
            if overlaps(*range) {
                c.num_covered += 1;
                c.chapters_covered += usize::from(chapter);
            } else if c.missed.len() < EXAMPLES {
                c.missed.push(context(i));
            }
        }
        if ONE_FORMS.contains(&lower.as_str()) {
            c.one_forms += 1;
            let gold = tok.upos == "NUM";
            if overlaps(*range) == gold {
                c.one_forms_right += 1;
            } else if c.one_form_errors.len() < EXAMPLES {
                c.one_form_errors
                    .push(format!("{} {}: {}", tok.form, tok.upos, context(i)));
            }
        }
    }
    for &(s, e, ordinal) in &spans {
        if ordinal {
            continue;
        }
        c.annotations += 1;
        let on_num = sentence
            .tokens
            .iter()
            .zip(&ranges)
            .any(|(t, r)| t.upos == "NUM" && r.is_some_and(|(a, b)| a < e && s < b));
        let slice = text.get(s..e).unwrap_or("");
        if on_num || slice.bytes().any(|b| b.is_ascii_digit()) {
            c.annotations_ok += 1;
        } else if c.spurious.len() < EXAMPLES {
            c.spurious.push(format!("{slice} | {text}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# text = Minst 43 mennesker og en hund.\n\
1\tMinst\tminst\tADV\t_\t_\t_\t_\t_\tname=O\n\
2\t43\t43\tNUM\t_\t_\t_\t_\t_\tname=O\n\
3\tmennesker\tmenneske\tNOUN\t_\t_\t_\t_\t_\tname=O\n\
4\tog\tog\tCCONJ\t_\t_\t_\t_\t_\tname=O\n\
5\ten\ten\tDET\t_\t_\t_\t_\t_\tname=O\n\
6\thund\thund\tNOUN\t_\t_\t_\t_\t_\tSpaceAfter=No|name=O\n\
7\t.\t.\tPUNCT\t_\t_\t_\t_\t_\tname=O\n\
\n\
# text = Den eneste som kom, kom klokka tre.\n\
1\tDen\tden\tDET\t_\t_\t_\t_\t_\tname=O\n\
2\teneste\teneste\tNUM\t_\t_\t_\t_\t_\tname=O\n\
3\tsom\tsom\tPRON\t_\t_\t_\t_\t_\tname=O\n\
4\tkom\tkomme\tVERB\t_\t_\t_\t_\t_\tSpaceAfter=No|name=O\n\
5\t,\t,\tPUNCT\t_\t_\t_\t_\t_\tname=O\n\
6\tkom\tkomme\tVERB\t_\t_\t_\t_\t_\tname=O\n\
7\tklokka\tklokke\tNOUN\t_\t_\t_\t_\t_\tname=O\n\
8\ttre\ttre\tNUM\t_\t_\t_\t_\t_\tSpaceAfter=No|name=O\n\
9\t.\t.\tPUNCT\t_\t_\t_\t_\t_\tname=O\n\n";

    #[test]
    fn counts_covered_numbers_and_articles() {
        let corpus = crate::eval::conllu::parse(SAMPLE).expect("valid sample");
        let c = coverage(&corpus);
        // «43» is covered by a count, «tre» after «klokka» by a clock time.
        assert_eq!(c.num_tokens, 2, "«eneste» is excluded");
        assert_eq!(c.num_covered, 2, "{:?}", c.missed);
        assert_eq!((c.one_forms, c.one_forms_right), (1, 1));
        assert_eq!(c.annotations, c.annotations_ok, "{:?}", c.spurious);
        assert!((c.recall() - 1.0).abs() < 1e-12);
        assert_eq!(
            c.to_string(),
            "numbers: NUM coverage 2/2 = 100.0% (100.0% without 0 chapter numbers); \
             precision 2/2 = 100.0%; en/ei/et/ett 1/1 = 100.0%"
        );
    }

    #[test]
    fn empty_corpus_is_not_a_division_by_zero() {
        let c = coverage(&Corpus::default());
        assert_eq!(
            (c.recall(), c.precision(), c.one_form_accuracy()),
            (1.0, 1.0, 1.0)
        );
    }
}
