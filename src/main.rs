//! The `tusj` command line: thin over the library (SPEC §5).
//!
//! ```text
//! tusj annotate FILE…          one JSON document per file (JSON Lines for several; - is stdin)
//! tusj tag-conllu IN.conllu    the same CoNLL-U with column 10's name= replaced by the model's tags
//! tusj eval IN.conllu [--sentences] [--model FILE] [--train TRAIN.conllu]…   strict name scores
//!     (+ seen/unseen split, type confusions); --sentences tags each sentence alone, without its
//!     document; --model scores a model file instead of the embedded one
//! tusj train [--norne DIR] [--out FILE] [--epochs N] [--passes N] [--alone N]   rebuild the model
//! ```
//! Every error is one line naming the file (and line) on standard error, with exit code 1;
//! usage errors exit with 2.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use tusj::conllu::{self, Corpus};
use tusj::{eval, Annotator, Error, ErrorKind};

const USAGE: &str = "usage: tusj annotate FILE… | tusj tag-conllu IN.conllu | tusj eval IN.conllu [--sentences] [--model FILE] [--train TRAIN.conllu]… | tusj train [--norne DIR] [--out FILE]";

/// A failure to report: one line, and the exit code.
struct Failure {
    line: String,
    code: u8,
}

impl Failure {
    fn usage(msg: &str) -> Failure {
        Failure {
            line: format!("{msg} ({USAGE})"),
            code: 2,
        }
    }

    fn in_file(path: &str, e: &Error) -> Failure {
        let line = match e.line() {
            Some(n) => format!("{path}:{n}: {}", e.message()),
            None => format!("{path}: {}", e.message()),
        };
        Failure { line, code: 1 }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("tusj: {}", f.line);
            ExitCode::from(f.code)
        }
    }
}

fn run(args: &[String]) -> Result<(), Failure> {
    let (command, rest) = args
        .split_first()
        .ok_or_else(|| Failure::usage("no command given"))?;
    match command.as_str() {
        "annotate" => annotate(rest),
        "tag-conllu" => tag_conllu(rest),
        "eval" => evaluate(rest),
        "train" => tusj::model::train::run_train(rest).map_err(|e| Failure {
            line: format!("train: {e}"),
            code: 1,
        }),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        "-V" | "--version" => {
            println!("tusj {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        other => Err(Failure::usage(&format!("unknown command {other:?}"))),
    }
}

/// Reads a file (or standard input for `-`) as UTF-8.
fn read_text(path: &str) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    let read = if path == "-" {
        io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    read.map_err(|e| Failure::in_file(path, &Error::new(ErrorKind::Io, e.to_string())))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..valid]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        let msg = format!("invalid UTF-8 at byte {valid}");
        Failure::in_file(path, &Error::new(ErrorKind::Io, msg).at_line(line))
    })
}

fn read_corpus(path: &str) -> Result<Corpus, Failure> {
    let text = read_text(path)?;
    conllu::parse(&text).map_err(|e| Failure::in_file(path, &e))
}

/// Writes to standard output; a closed pipe (`| head`) ends quietly.
fn write_out(out: &mut impl Write, s: &str) -> Result<(), Failure> {
    match out.write_all(s.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure {
            line: format!("<stdout>: {e}"),
            code: 1,
        }),
        _ => Ok(()),
    }
}

fn annotate(files: &[String]) -> Result<(), Failure> {
    if files.is_empty() {
        return Err(Failure::usage(
            "annotate needs at least one FILE (or - for standard input)",
        ));
    }
    let annotator = annotator()?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for path in files {
        let doc = annotator.annotate(&read_text(path)?);
        let json = if files.len() == 1 {
            doc.to_json_pretty()
        } else {
            doc.to_json()
        };
        write_out(&mut out, &json)?;
        write_out(&mut out, "\n")?;
    }
    out.flush()
        .or_else(|e| write_out(&mut io::sink(), &e.to_string()))
}

fn annotator() -> Result<&'static Annotator, Failure> {
    tusj::embedded_annotator().map_err(|e| Failure::in_file("the embedded model", &e))
}

/// Tags every document of a corpus with the name recogniser.
fn tag_corpus(annotator: &Annotator, corpus: &Corpus) -> Vec<Vec<tusj::Tag>> {
    tag_in(annotator, corpus, eval::documents(corpus))
}

/// Tags a corpus cut into the given documents (ranges of sentences).
fn tag_in(
    annotator: &Annotator,
    corpus: &Corpus,
    documents: Vec<std::ops::Range<usize>>,
) -> Vec<Vec<tusj::Tag>> {
    let mut tags = Vec::with_capacity(corpus.sentences.len());
    for range in documents {
        let doc: Vec<Vec<&str>> = corpus.sentences[range].iter().map(|s| s.forms()).collect();
        tags.extend(annotator.tag_names(&doc));
    }
    tags
}

fn tag_conllu(args: &[String]) -> Result<(), Failure> {
    let [path] = args else {
        return Err(Failure::usage("tag-conllu takes exactly one file"));
    };
    let corpus = read_corpus(path)?;
    let tags = tag_corpus(annotator()?, &corpus);
    let mut lines = corpus.lines.clone();
    for (sentence, tags) in corpus.sentences.iter().zip(&tags) {
        for (token, tag) in sentence.tokens.iter().zip(tags) {
            let mut cols: Vec<&str> = lines[token.line].split('\t').collect();
            let misc = conllu::set_name(cols[9], *tag);
            cols[9] = &misc;
            lines[token.line] = cols.join("\t");
        }
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    for line in &lines {
        write_out(&mut out, line)?;
        write_out(&mut out, "\n")?;
    }
    out.flush()
        .or_else(|e| write_out(&mut io::sink(), &e.to_string()))
}

fn evaluate(args: &[String]) -> Result<(), Failure> {
    let mut input = None;
    let mut train = Vec::new();
    let mut one_sentence = false;
    let mut model = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--sentences" => one_sentence = true,
            "--model" => {
                model = Some(
                    it.next()
                        .ok_or_else(|| Failure::usage("--model needs a file"))?,
                )
            }
            "--train" => train.push(
                it.next()
                    .ok_or_else(|| Failure::usage("--train needs a file"))?,
            ),
            _ if input.is_none() => input = Some(arg),
            _ => return Err(Failure::usage("eval takes one input file")),
        }
    }
    let path = input.ok_or_else(|| Failure::usage("eval needs a CoNLL-U file"))?;
    let corpus = read_corpus(path)?;
    let mut names = None;
    for t in train {
        let set = eval::train_names(&read_corpus(t)?);
        names
            .get_or_insert_with(std::collections::HashSet::new)
            .extend(set);
    }
    let documents = if one_sentence {
        (0..corpus.sentences.len()).map(|i| i..i + 1).collect()
    } else {
        eval::documents(&corpus)
    };
    let loaded;
    let annotator = match model {
        Some(m) => {
            let bytes = std::fs::read(m).map_err(|e| Failure {
                line: format!("{m}: {e}"),
                code: 1,
            })?;
            loaded = Annotator::from_bytes(&bytes).map_err(|e| Failure::in_file(m, &e))?;
            &loaded
        }
        None => annotator()?,
    };
    let predicted = tag_in(annotator, &corpus, documents);
    let forms: Vec<Vec<&str>> = corpus.sentences.iter().map(|s| s.forms()).collect();
    let gold: Vec<Vec<tusj::Tag>> = corpus.sentences.iter().map(|s| s.tags()).collect();
    let scores = eval::score_names(&forms, &gold, &predicted, names.as_ref());
    let numbers = tusj::numbers::eval::coverage(&corpus);
    let share = |a: usize, b: usize| format!("{a}/{b} ({:.1}%)", ratio(a, b));
    let report = format!(
        "{path}: {} sentences{}\n{scores}numbers against UPOS=NUM (not counting «eneste»/«ene»):\n  \
         NUM tokens covered by a number annotation      {}\n  \
         non-ordinal number annotations on NUM or digit {}\n  \
         «en/ei/et/ett» read as article/number rightly  {}\n",
        corpus.sentences.len(),
        if one_sentence {
            ", each tagged on its own (no document context)"
        } else {
            ""
        },
        share(numbers.num_covered, numbers.num_tokens),
        share(numbers.annotations_ok, numbers.annotations),
        share(numbers.one_forms_right, numbers.one_forms),
    );
    write_out(&mut io::stdout().lock(), &report)
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}
