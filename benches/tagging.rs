//! Tagging speed of the embedded model, in tokens per second on one core.
//!
//! `cargo bench --bench tagging` tags NorNE Bokmål dev (from `$TUSJ_NORNE` or
//! `../shared/norne`) when present, else the seed articles repeated, several times, and
//! prints the median. A plain timing program: no assertions, nothing to fail.

use std::path::PathBuf;
use std::time::Instant;

use tusj::recognizer::Recognizer;

fn main() {
    // Decoding cost: what the page pays once at start.
    let bytes = include_bytes!("../src/model/model.bin");
    let mut decode = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let ok = tusj::model::Model::from_bytes(bytes).is_ok();
        decode.push(start.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(ok);
    }
    decode.sort_by(|a, b| a.total_cmp(b));
    println!(
        "decoding the model ({} bytes): median {:.1} ms",
        bytes.len(),
        decode[decode.len() / 2]
    );

    // The place table, decoded when the first article is linked to the map.
    let places = include_bytes!("../src/geo/places.bin");
    let mut decode = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let ok = tusj::geo::Places::from_bytes(places).is_ok();
        decode.push(start.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(ok);
    }
    decode.sort_by(|a, b| a.total_cmp(b));
    println!(
        "decoding the place table ({} bytes): median {:.1} ms",
        places.len(),
        decode[decode.len() / 2]
    );
    let model = match tusj::model::embedded() {
        Ok(m) => m,
        Err(e) => {
            eprintln!("embedded model does not decode: {e}");
            std::process::exit(1);
        }
    };
    let norne = std::env::var_os("TUSJ_NORNE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/norne"));
    let dev = norne.join("no_bokmaal-ud-dev.conllu");
    let (label, sentences): (String, Vec<Vec<String>>) = match std::fs::read_to_string(&dev)
        .ok()
        .and_then(|t| tusj::eval::conllu::parse(&t).ok())
    {
        Some(c) => (
            dev.display().to_string(),
            c.sentences
                .iter()
                .map(|s| s.forms().iter().map(|f| f.to_string()).collect())
                .collect(),
        ),
        None => {
            let mut out = Vec::new();
            let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
            let mut files: Vec<PathBuf> = std::fs::read_dir(&seeds)
                .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            files.sort();
            for _ in 0..50 {
                for f in files
                    .iter()
                    .filter(|f| f.extension().is_some_and(|x| x == "txt"))
                {
                    let text = std::fs::read_to_string(f).unwrap_or_default();
                    let toks = tusj::tokens::tokenize(&text);
                    for r in tusj::tokens::sentences(&text, &toks) {
                        out.push(toks[r].iter().map(|t| t.text(&text).to_string()).collect());
                    }
                }
            }
            ("seeds/*.txt ×50".to_string(), out)
        }
    };
    // Articles of about 30 sentences, as the page sees them.
    let docs: Vec<Vec<Vec<&str>>> = sentences
        .chunks(30)
        .map(|c| {
            c.iter()
                .map(|s| s.iter().map(String::as_str).collect())
                .collect()
        })
        .collect();
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let mut rates = Vec::new();
    for _ in 0..7 {
        let start = Instant::now();
        let mut names = 0usize;
        for doc in &docs {
            names += model
                .tag(doc)
                .iter()
                .flatten()
                .filter(|t| matches!(t, tusj::tags::Tag::B(_)))
                .count();
        }
        let secs = start.elapsed().as_secs_f64();
        rates.push(tokens as f64 / secs);
        std::hint::black_box(names);
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    println!(
        "tagging {label}: {tokens} tokens, median {:.0} tokens/s over {} runs (min {:.0}, max {:.0})",
        rates[rates.len() / 2],
        rates.len(),
        rates[0],
        rates[rates.len() - 1]
    );
}
