//! Checks against NorNE dev (../shared/norne, or the folder in `TUSJ_NORNE`). NorNE is not
//! part of the repository: without it these tests print why and pass without checking.

use std::path::PathBuf;

fn norne(file: &str) -> Option<String> {
    let dir = std::env::var_os("TUSJ_NORNE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/norne"));
    let path = dir.join(file);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!(
                "SKIPPED: NorNE not found at {} (set TUSJ_NORNE to its folder)",
                path.display()
            );
            None
        }
    }
}

/// The runtime tokenizer cuts NorNE's raw sentences as NorNE does, token for token, in
/// nearly every sentence: the model is trained on NorNE's tokens and runs on ours.
#[test]
fn tokenizer_agrees_with_norne_dev() {
    for file in ["no_bokmaal-ud-dev.conllu", "no_nynorsk-ud-dev.conllu"] {
        let Some(text) = norne(file) else { return };
        let corpus = tusj::eval::conllu::parse(&text).expect("NorNE dev parses");
        let (mut same, mut total, mut shown) = (0, 0, 0);
        for s in &corpus.sentences {
            let Some(raw) = &s.text else { continue };
            let ours: Vec<&str> = tusj::tokens::tokenize(raw)
                .iter()
                .map(|t| t.text(raw))
                .collect();
            total += 1;
            if ours == s.forms() {
                same += 1;
            } else if shown < 8 && std::env::var_os("TUSJ_SHOW").is_some() {
                shown += 1;
                eprintln!("ours:  {ours:?}\nnorne: {:?}", s.forms());
            }
        }
        let share = 100.0 * same as f64 / total as f64;
        eprintln!("{file}: {same}/{total} sentences tokenized exactly as NorNE ({share:.1}%)");
        assert!(
            share >= 90.0,
            "{file}: only {share:.1}% of sentences tokenized as NorNE"
        );
    }
}

/// NorNE dev is Norwegian news: the language detector reads next to none of its sentences
/// as another language, though each is judged alone, without the paragraphs around it
/// (`TUSJ_SHOW=1` prints those it does).
#[test]
fn language_detector_keeps_norne_dev_norwegian() {
    for file in ["no_bokmaal-ud-dev.conllu", "no_nynorsk-ud-dev.conllu"] {
        let Some(text) = norne(file) else { return };
        let corpus = tusj::eval::conllu::parse(&text).expect("NorNE dev parses");
        let (mut foreign, mut decided, mut total) = (0, 0, 0);
        for s in &corpus.sentences {
            let Some(raw) = &s.text else { continue };
            total += 1;
            let Some(language) = tusj::language::paragraphs(raw, 0).first().map(|p| p.1) else {
                continue;
            };
            let alone = tusj::language::decide(raw.split(|c: char| !c.is_alphabetic()));
            decided += usize::from(alone.is_some());
            if language != tusj::language::Language::Norwegian {
                foreign += 1;
                if std::env::var_os("TUSJ_SHOW").is_some() {
                    eprintln!("{}: {raw}", language.code());
                }
            }
        }
        eprintln!(
            "{file}: {foreign} of {total} sentences read as another language \
             ({decided} decided on their own words)"
        );
        assert!(
            foreign * 500 <= total,
            "{file}: {foreign} of {total} sentences read as another language"
        );
    }
}

/// The Bokmål/Nynorsk detector of the fifth round's experiment (`tusj::model::standard`,
/// behind `TUSJ_STD`) on NorNE train and dev, whose standard the file name gives: per
/// document (train: the `# source` files; dev: the 30-sentence windows of `tusj eval`), per
/// sentence within its document ([`per_sentence`]'s window), and per sentence alone.
/// Prints right / wrong / unknown (no marker words, or a tie); fails if a document is read
/// as the other standard more than once in a hundred, or a sentence alone more than once in
/// twenty (unknown is not wrong).
///
/// [`per_sentence`]: tusj::model::standard::per_sentence
#[test]
fn standard_detector_reads_the_norne_files_standard() {
    use tusj::model::standard::{per_sentence, Counts, Standard};
    let files = [
        "no_bokmaal-train.ndt-derived.conllu",
        "no_nynorsk-train.ndt-derived.conllu",
        "no_bokmaal-ud-dev.conllu",
        "no_nynorsk-ud-dev.conllu",
    ];
    for file in files {
        let Some(text) = norne(file) else { return };
        let want = Standard::of_file_name(file);
        let corpus = tusj::eval::conllu::parse(&text).expect("NorNE parses");
        let docs = tusj::eval::names::documents(&corpus);
        // [right, wrong, unknown] per document, per sentence in its document, per sentence.
        let mut tally = [[0usize; 3]; 3];
        let mut count = |k: usize, got: Standard| {
            let cell = if got == want {
                0
            } else if got == Standard::Unknown {
                2
            } else {
                1
            };
            tally[k][cell] += 1;
        };
        for doc in &docs {
            let forms: Vec<Vec<&str>> = corpus.sentences[doc.clone()]
                .iter()
                .map(|s| s.forms())
                .collect();
            count(0, Counts::of(forms.iter().flatten().copied()).standard());
            for st in per_sentence(&forms) {
                count(1, st);
            }
            for s in &forms {
                count(2, Counts::of(s.iter().copied()).standard());
            }
        }
        for (k, what) in [
            "documents",
            "sentences in their document",
            "sentences alone",
        ]
        .iter()
        .enumerate()
        {
            let [right, wrong, unknown] = tally[k];
            let all = (right + wrong + unknown).max(1) as f64;
            eprintln!(
                "{file}: {what}: right {right} ({:.1}%), wrong {wrong} ({:.1}%), unknown {unknown} ({:.1}%)",
                100.0 * right as f64 / all,
                100.0 * wrong as f64 / all,
                100.0 * unknown as f64 / all
            );
        }
        let [_, wrong, _] = tally[0];
        assert!(wrong * 100 <= docs.len(), "{file}: {wrong} documents wrong");
        let [r, w, u] = tally[2];
        assert!(w * 20 <= r + w + u, "{file}: {w} sentences wrong");
    }
}
