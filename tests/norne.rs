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
