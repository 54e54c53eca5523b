//! The `tusj` command line: thin over the library (SPEC §5). Its arguments are parsed here
//! (with lexopt) and nowhere else.
//!
//! ```text
//! tusj annotate FILE…          one JSON document per file (JSON Lines for several; - is stdin)
//! tusj annotate --format F FILE   one file's export in format F: tusj, w3c, displacy, csv,
//!                              numbers-csv, geojson (tusj::export::Format)
//! tusj annotate --jsonl -      JSON Lines of {"id", "text"} in, one document per line out
//!                              (both on every core; -j N / --threads N to choose)
//! tusj tag-conllu IN.conllu    the same CoNLL-U with column 10's name= replaced by the model's tags
//! tusj eval IN.conllu [--sentences] [--model FILE] [--train TRAIN.conllu]…   strict name scores
//!     (+ seen/unseen split, type confusions); --sentences tags each sentence alone, without its
//!     document; --model scores a model file instead of the embedded one
//! tusj train [--norne DIR] [--out FILE] [--epochs N] [--passes N] [--alone N] [--mix N] [--seed N]   rebuild the model
//!     [--drop-identity P | --drop-features P | --drop-evidence P | --alone-sometimes P]   (dropout in training, P percent; off in the model)
//! ```
//! Every error is one line naming the file (and line) on standard error, with exit code 1;
//! usage errors (an unknown command, option or format, a missing or extra argument) exit
//! with 2.

mod batch;

use std::io::{self, BufRead, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use lexopt::{Arg, Parser, ValueExt};
use tusj::eval::conllu::{self, Corpus};
use tusj::eval::names as eval;
use tusj::export::Format;
use tusj::{Annotator, Error, ErrorKind};

/// Names the file (or input line) being worked on when memory runs out.
#[global_allocator]
static ALLOCATOR: batch::NamingAllocator = batch::NamingAllocator;

const USAGE: &str = "usage: tusj annotate [-j N] [--format F] FILE… | tusj annotate [-j N] --jsonl - | tusj tag-conllu IN.conllu | tusj eval IN.conllu [--sentences] [--model FILE] [--train TRAIN.conllu]… | tusj train [--norne DIR] [--out FILE] [--epochs N] [--passes N] [--alone N] [--mix N] [--seed N] [--drop-identity P | --drop-features P | --drop-evidence P | --alone-sometimes P]";

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

/// Every argument error is a usage error.
impl From<lexopt::Error> for Failure {
    fn from(e: lexopt::Error) -> Failure {
        Failure::usage(&e.to_string())
    }
}

fn main() -> ExitCode {
    match run(Parser::from_env()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("tusj: {}", f.line);
            ExitCode::from(f.code)
        }
    }
}

fn run(mut args: Parser) -> Result<(), Failure> {
    let command = match args.next()? {
        Some(Arg::Value(command)) => command.string()?,
        Some(Arg::Short('h') | Arg::Long("help")) => return help(),
        Some(Arg::Short('V') | Arg::Long("version")) => {
            println!("tusj {}", env!("CARGO_PKG_VERSION"));
            return Ok(());
        }
        Some(other) => return Err(other.unexpected().into()),
        None => return Err(Failure::usage("no command given")),
    };
    match command.as_str() {
        "annotate" => annotate(args),
        "tag-conllu" => tag_conllu(args),
        "eval" => evaluate(args),
        "train" => train(args),
        "help" => help(),
        other => Err(Failure::usage(&format!("unknown command {other:?}"))),
    }
}

fn help() -> Result<(), Failure> {
    println!("{USAGE}");
    Ok(())
}

/// The value of a number option (`-j 4`, `--epochs 8`): a whole number of at least `min`.
fn number(args: &mut Parser, option: &str, min: usize) -> Result<usize, Failure> {
    let value = args.value()?;
    value
        .string()
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n >= min)
        .ok_or_else(|| Failure::usage(&format!("{option} needs a number of at least {min}")))
}

/// The value of `option`: a percentage, 0 to 99.
fn percent(args: &mut Parser, option: &str) -> Result<u8, Failure> {
    let n = number(args, option, 0)?;
    u8::try_from(n)
        .ok()
        .filter(|&p| p < 100)
        .ok_or_else(|| Failure::usage(&format!("{option} needs a percentage below 100")))
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
    stdout_result(out.write_all(s.as_bytes()))
}

/// Flushes standard output; like [`write_out`], a closed pipe is no failure.
fn flush_out(out: &mut impl Write) -> Result<(), Failure> {
    stdout_result(out.flush())
}

/// The outcome of writing to standard output: a closed pipe is no failure.
fn stdout_result(r: io::Result<()>) -> Result<(), Failure> {
    match r {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(Failure {
            line: format!("<stdout>: {e}"),
            code: 1,
        }),
        _ => Ok(()),
    }
}

fn annotate(mut args: Parser) -> Result<(), Failure> {
    let mut files = Vec::new();
    let mut jsonl = false;
    let mut format = None;
    let mut threads = batch::default_threads();
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Long("jsonl") => jsonl = true,
            Arg::Short('j') => threads = number(&mut args, "-j", 1)?,
            Arg::Long("threads") => threads = number(&mut args, "--threads", 1)?,
            Arg::Long("format") => {
                let name = args.value()?.string()?;
                let f = Format::from_name(&name).map_err(|e| Failure::usage(e.message()))?;
                format = Some(f);
            }
            Arg::Short('h') | Arg::Long("help") => return help(),
            Arg::Value(file) => files.push(file.string()?),
            other => return Err(other.unexpected().into()),
        }
    }
    if jsonl {
        return match (files.as_slice(), format) {
            ([dash], None) if dash == "-" => annotate_jsonl(threads),
            (_, Some(_)) => Err(Failure::usage(
                "--format writes one file's export; --jsonl writes tusj documents",
            )),
            _ => Err(Failure::usage(
                "--jsonl reads standard input: tusj annotate --jsonl -",
            )),
        };
    }
    if files.is_empty() {
        return Err(Failure::usage(
            "annotate needs at least one FILE (or - for standard input)",
        ));
    }
    if let Some(format) = format {
        let [path] = files.as_slice() else {
            return Err(Failure::usage("--format takes exactly one FILE"));
        };
        return annotate_as(path, format);
    }
    let threads = threads.min(files.len());
    let annotator = batch_annotator(threads)?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if let [path] = files.as_slice() {
        // One file: its JSON goes straight to standard output, never held whole in memory
        // (for a text of many numbers it is many times the text).
        batch::working_on(path);
        let doc = annotator.annotate(&read_text(path)?);
        write_pretty(&mut out, &doc, path)?;
        return flush_out(&mut out);
    }
    // A file that fails is named on standard error; the others go on, and the exit code
    // says that one failed.
    let mut failed = None;
    let work = |path: &String| -> Result<String, Failure> {
        batch::working_on(path);
        let doc = annotator.annotate(&read_text(path)?);
        doc.to_json().map_err(|e| Failure::in_file(path, &e))
    };
    batch::ordered(
        files.iter(),
        threads,
        |_| 0,
        work,
        |r| match r {
            Ok(json) => {
                write_out(&mut out, &json)?;
                write_out(&mut out, "\n")
            }
            Err(f) => {
                eprintln!("tusj: {}", f.line);
                failed = Some(f);
                Ok(())
            }
        },
    )?;
    flush_out(&mut out)?;
    match failed {
        Some(f) => Err(Failure {
            line: "some files could not be annotated (see above)".to_string(),
            code: f.code,
        }),
        None => Ok(()),
    }
}

/// Writes `doc` (read from `path`) as indented JSON and a line break to `out` as it is
/// serialised; a closed pipe (`| head`) ends quietly, as in [`write_out`].
fn write_pretty(out: &mut impl Write, doc: &tusj::Document, path: &str) -> Result<(), Failure> {
    match serde_json::to_writer_pretty(&mut *out, doc) {
        Ok(()) => write_out(out, "\n"),
        Err(e) if e.io_error_kind() == Some(io::ErrorKind::BrokenPipe) => Ok(()),
        Err(e) if e.is_io() => Err(Failure {
            line: format!("<stdout>: {e}"),
            code: 1,
        }),
        Err(e) => {
            let msg = format!("the document cannot be written as JSON: {e}");
            Err(Failure::in_file(
                path,
                &Error::new(ErrorKind::Document, msg),
            ))
        }
    }
}

/// One line of `--jsonl` input.
#[derive(serde::Deserialize)]
struct JsonLine {
    #[serde(default)]
    id: serde_json::Value,
    text: String,
}

/// `--jsonl` lines go to the threads in groups: a line, then the lines already read into the
/// buffer behind it, up to this many bytes. A line at a time cost three thread wake-ups per
/// line, a tenth of a run on 2 cores; a group never waits for input that has not come, so a
/// caller that writes a line and waits for its answer still gets it.
const GROUP_BYTES: usize = 16 * 1024;

/// `tusj annotate --jsonl -`: JSON Lines of `{"id", "text"}` on standard input, one
/// document per line on standard output (the `id` first), in input order. A bad line gets
/// `{"id", "line", "error"}` in its place and a line on standard error; the rest go on and
/// the exit code stays 0, so that engines piping partitions through tusj (Spark's
/// `RDD.pipe`, Dask) do not lose a partition to one bad line.
fn annotate_jsonl(threads: usize) -> Result<(), Failure> {
    let annotator = batch_annotator(threads)?;
    let groups = std::iter::from_fn({
        let mut stdin = io::BufReader::with_capacity(GROUP_BYTES, io::stdin());
        let mut n = 0usize;
        // A read error ends the input after it is reported.
        let mut stop = false;
        move || {
            let mut group = Vec::new();
            let mut bytes = 0;
            while !stop {
                // After the first line, only lines already read into the buffer: a group
                // never waits for input that has not come.
                if !group.is_empty() && (bytes >= GROUP_BYTES || !stdin.buffer().contains(&b'\n')) {
                    break;
                }
                let mut buf = Vec::new();
                n += 1;
                match stdin.read_until(b'\n', &mut buf) {
                    Ok(0) => break,
                    Ok(_) if buf.iter().all(u8::is_ascii_whitespace) => continue,
                    Ok(_) => {
                        bytes += buf.len();
                        group.push((n, Ok(buf)));
                    }
                    Err(e) => {
                        stop = true;
                        group.push((n, Err(e.to_string())));
                    }
                }
            }
            (!group.is_empty()).then_some(group)
        }
    });
    let one = |(n, line): (usize, Result<Vec<u8>, String>)| -> Result<String, String> {
        batch::working_on(&format!("-:{n}"));
        let failure = |id: &serde_json::Value, msg: String| {
            let line = serde_json::json!({"id": id, "line": n, "error": msg}).to_string();
            Err(format!("{line}\t-:{n}: {msg}"))
        };
        let line = match line {
            Ok(l) => l,
            Err(e) => return failure(&serde_json::Value::Null, e),
        };
        let parsed: JsonLine = match serde_json::from_slice(&line) {
            Ok(p) => p,
            Err(e) => {
                return failure(
                    &serde_json::Value::Null,
                    format!("not a {{\"id\", \"text\"}} line: {e}"),
                )
            }
        };
        let doc = match annotator.annotate(&parsed.text).to_json() {
            Ok(doc) => doc,
            Err(e) => return failure(&parsed.id, e.to_string()),
        };
        let id = serde_json::to_string(&parsed.id).unwrap_or_else(|_| "null".to_string());
        Ok(format!(
            "{{\"id\":{id},{}",
            doc.strip_prefix('{').unwrap_or(&doc)
        ))
    };
    let work = |group: Vec<(usize, Result<Vec<u8>, String>)>| -> Vec<Result<String, String>> {
        group.into_iter().map(one).collect()
    };
    let size = |group: &Vec<(usize, Result<Vec<u8>, String>)>| {
        group
            .iter()
            .map(|(_, line)| line.as_ref().map_or(0, Vec::len))
            .sum()
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    batch::ordered(groups, threads, size, work, |results| {
        for r in results {
            let json = match r {
                Ok(json) => json,
                Err(both) => {
                    let (json, message) = both.split_once('\t').unwrap_or((&both, ""));
                    eprintln!("tusj: {message}");
                    json.to_string()
                }
            };
            write_out(&mut out, &json)?;
            write_out(&mut out, "\n")?;
        }
        // Each group's answers leave at once: a caller may wait for them to write more.
        flush_out(&mut out)
    })?;
    flush_out(&mut out)
}

/// `tusj annotate --format F FILE`: the file's export in format `F`, ended by a line break.
fn annotate_as(path: &str, format: Format) -> Result<(), Failure> {
    batch::working_on(path);
    let doc = annotator()?.annotate(&read_text(path)?);
    let mut out = format.write(&doc).map_err(|e| Failure::in_file(path, &e))?;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    write_out(&mut io::stdout().lock(), &out)
}

fn annotator() -> Result<&'static Annotator, Failure> {
    tusj::embedded_annotator().map_err(|e| Failure::in_file("the embedded model", &e))
}

/// The annotator for a batch on `threads` threads. With more than one, the place table is
/// decoded on a second thread while the model decodes on this one: both are needed before
/// the first document, and together they are most of a short batch's serial start. (With
/// one thread nothing is spawned: a thread's malloc arena alone reserves 64 MB of address
/// space, which a memory limit counts.)
fn batch_annotator(threads: usize) -> Result<&'static Annotator, Failure> {
    if threads < 2 {
        return annotator();
    }
    std::thread::scope(|s| {
        s.spawn(tusj::geo::Places::embedded);
        annotator()
    })
}

/// Tags every document of a corpus with the name recogniser.
fn tag_corpus(annotator: &Annotator, corpus: &Corpus) -> Vec<Vec<tusj::tags::Tag>> {
    tag_in(annotator, corpus, eval::documents(corpus))
}

/// Tags a corpus cut into the given documents (ranges of sentences).
fn tag_in(
    annotator: &Annotator,
    corpus: &Corpus,
    documents: Vec<std::ops::Range<usize>>,
) -> Vec<Vec<tusj::tags::Tag>> {
    let mut tags = Vec::with_capacity(corpus.sentences.len());
    for range in documents {
        let doc: Vec<Vec<&str>> = corpus.sentences[range].iter().map(|s| s.forms()).collect();
        tags.extend(annotator.tag_names(&doc));
    }
    tags
}

fn tag_conllu(mut args: Parser) -> Result<(), Failure> {
    let mut files = Vec::new();
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Short('h') | Arg::Long("help") => return help(),
            Arg::Value(file) => files.push(file.string()?),
            other => return Err(other.unexpected().into()),
        }
    }
    let [path] = files.as_slice() else {
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
    flush_out(&mut out)
}

fn evaluate(mut args: Parser) -> Result<(), Failure> {
    let mut input = None;
    let mut train = Vec::new();
    let mut one_sentence = false;
    let mut model = None;
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Long("sentences") => one_sentence = true,
            Arg::Long("model") => model = Some(args.value()?.string()?),
            Arg::Long("train") => train.push(args.value()?.string()?),
            Arg::Short('h') | Arg::Long("help") => return help(),
            Arg::Value(file) if input.is_none() => input = Some(file.string()?),
            Arg::Value(_) => return Err(Failure::usage("eval takes one input file")),
            other => return Err(other.unexpected().into()),
        }
    }
    let path = input.ok_or_else(|| Failure::usage("eval needs a CoNLL-U file"))?;
    let path = path.as_str();
    let corpus = read_corpus(path)?;
    let mut names = None;
    for t in &train {
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
    let annotator = match model.as_deref() {
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
    let gold: Vec<Vec<tusj::tags::Tag>> = corpus.sentences.iter().map(|s| s.tags()).collect();
    let scores = eval::score_names(&forms, &gold, &predicted, names.as_ref());
    let numbers = tusj::eval::numbers::coverage(&corpus);
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

/// `tusj train`: rebuilds the model from NorNE train ([`tusj::model::train`]) and writes it.
fn train(mut args: Parser) -> Result<(), Failure> {
    let mut norne = std::env::var_os("TUSJ_NORNE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/norne"));
    let mut out = PathBuf::from("src/model/model.bin");
    let (mut epochs, mut passes, mut alone) = (None, None, None);
    let (mut mix, mut seed, mut dropout) = (None, None, None);
    while let Some(arg) = args.next()? {
        match arg {
            Arg::Long("norne") => norne = PathBuf::from(args.value()?),
            Arg::Long("out") => out = PathBuf::from(args.value()?),
            Arg::Long("epochs") => epochs = Some(number(&mut args, "--epochs", 1)?),
            Arg::Long("passes") => passes = Some(number(&mut args, "--passes", 1)?),
            Arg::Long("alone") => alone = Some(number(&mut args, "--alone", 0)?),
            Arg::Long("mix") => mix = Some(number(&mut args, "--mix", 1)?),
            Arg::Long("seed") => seed = Some(number(&mut args, "--seed", 0)?),
            Arg::Long("drop-identity") => {
                let p = percent(&mut args, "--drop-identity")?;
                dropout = Some(tusj::model::train::Dropout::Identity(p));
            }
            Arg::Long("drop-features") => {
                let p = percent(&mut args, "--drop-features")?;
                dropout = Some(tusj::model::train::Dropout::All(p));
            }
            Arg::Long("drop-evidence") => {
                let p = percent(&mut args, "--drop-evidence")?;
                dropout = Some(tusj::model::train::Dropout::Evidence(p));
            }
            Arg::Long("alone-sometimes") => {
                let p = percent(&mut args, "--alone-sometimes")?;
                dropout = Some(tusj::model::train::Dropout::Alone(p));
            }
            Arg::Short('h') | Arg::Long("help") => return help(),
            other => return Err(other.unexpected().into()),
        }
    }
    let mut config = tusj::model::train::Config::standard(&norne);
    if let Some(e) = epochs {
        config.epochs = e;
    }
    if let Some(p) = passes {
        config.passes = p;
    }
    if let Some(a) = alone {
        config.alone_every = a;
    }
    if let Some(m) = mix {
        config.mix = m;
    }
    if let Some(s) = seed {
        config.seed = s as u64;
    }
    if let Some(d) = dropout {
        config.dropout = d;
    }
    let failed = |e: Error| Failure {
        line: format!("train: {e}"),
        code: 1,
    };
    let model = tusj::model::train::train(&config).map_err(failed)?;
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes).map_err(|e| Failure {
        line: format!("train: {}: {e}", out.display()),
        code: 1,
    })?;
    eprintln!(
        "wrote {} ({} bytes, features per pass {:?})",
        out.display(),
        bytes.len(),
        model.feature_counts()
    );
    Ok(())
}
