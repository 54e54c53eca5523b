//! Tagging speed of the embedded model, in tokens per second on one core, beside the floor
//! of a one-pass byte scan, and the peak memory of `tusj annotate` per input byte.
//!
//! `cargo bench --bench tagging` tags NorNE Bokmål dev (from `$TUSJ_NORNE` or
//! `../shared/norne`) when present, else the seed articles repeated, several times, and
//! prints the median. It then annotates (the whole pipeline) about 1 MB of running text
//! made of the seeds and NorNE dev's sentences, and times a one-pass byte scan of the same
//! text (counting the starts of words, a byte at a time): the ratio says how far tusj is
//! from the cost of merely reading its input. Then it runs the `tusj` binary on 1 MB and
//! 10 MB of that text and on 8 MB of «-», «!?», «a » and «1 » (the most tokens, and numbers,
//! per byte) under `/usr/bin/time` for the peak resident memory per input byte. The inputs are written to the system's temporary folder and
//! removed. The native figures for seed 000 go to `target/bench-native.json`, where the
//! browser benchmark (`tests/browser/bench.mjs`) finds them for the wasm/native ratio.
//! Last of all it times `tusj annotate --jsonl -` on one thread and on two over the same
//! kind of text, for the gain of the second core.
//! A plain timing program: no assertions, nothing to fail.

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
        // A copy keeps no form caches: every run starts cold, as a new batch would.
        let model = model.clone();
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

    let text = running_text(&sentences, 1_000_000);
    let words = tusj::tokens::tokenize(&text).len();
    // The first run starts with the tagger's form caches cold; the median's runs find
    // them holding the text's words (the text repeats its sentences, so within one run
    // they are warm after the first third anyway).
    let cold = median_secs(1, || tusj::annotate(&text).annotations.len());
    let annotate = median_secs(5, || tusj::annotate(&text).annotations.len());
    let scan = median_secs(21, || word_starts(text.as_bytes()));
    println!(
        "annotating {} bytes of running text ({words} tokens), everything: median {:.0} tokens/s, \
         {:.1} MB/s (first run: {:.0} tokens/s); a one-pass byte scan of it: {:.0} MB/s; \
         tusj/scan = {:.0}×",
        text.len(),
        words as f64 / annotate,
        text.len() as f64 / annotate / 1e6,
        words as f64 / cold,
        text.len() as f64 / scan / 1e6,
        annotate / scan
    );

    let seed = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds/000_eb9eaf48cf008476.txt"),
    )
    .unwrap_or_default();
    let seed_ms = median_secs(101, || tusj::annotate(&seed).annotations.len()) * 1000.0;
    let seed_scan_ms = median_secs(101, || word_starts(seed.as_bytes())) * 1000.0;
    println!(
        "native annotate seed 000 ({} chars): median {seed_ms:.3} ms; byte scan {:.4} ms; tusj/scan = {:.0}×",
        seed.chars().count(),
        seed_scan_ms,
        seed_ms / seed_scan_ms
    );
    let json = format!(
        "{{\"seed000_annotate_ms\": {seed_ms:.4}, \"seed000_scan_ms\": {seed_scan_ms:.5}, \
         \"tagging_tokens_per_s\": {:.0}}}\n",
        rates[rates.len() / 2]
    );
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    if let Err(e) = std::fs::write(target.join("bench-native.json"), json) {
        eprintln!("could not write bench-native.json: {e}");
    }

    peak_memory(&sentences);
    jsonl_scaling(&sentences);
}

/// The median wall time of `runs` runs of `f`, in seconds.
fn median_secs<T>(runs: usize, mut f: impl FnMut() -> T) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[times.len() / 2]
}

/// The floor: one pass over the bytes, a byte at a time, counting where words start.
fn word_starts(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut space = true;
    for &b in std::hint::black_box(bytes) {
        let s = b.is_ascii_whitespace();
        n += usize::from(space && !s);
        space = s;
    }
    n
}

/// At least `bytes` bytes of running text: the seeds, then the sentences joined with spaces
/// in paragraphs of ten, over and over.
fn running_text(sentences: &[Vec<String>], bytes: usize) -> String {
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut unit = String::new();
    for name in ["000_eb9eaf48cf008476.txt", "002_11d0ac0b53571547.txt"] {
        unit.push_str(&std::fs::read_to_string(seeds.join(name)).unwrap_or_default());
        unit.push_str("\n\n");
    }
    for para in sentences.chunks(10) {
        let lines: Vec<String> = para.iter().map(|s| s.join(" ")).collect();
        unit.push_str(&lines.join(" "));
        unit.push_str("\n\n");
    }
    let mut text = String::with_capacity(bytes + unit.len());
    while text.len() < bytes && !unit.is_empty() {
        text.push_str(&unit);
    }
    text
}

/// `tusj annotate --jsonl -` on one thread and on two, over about 4 MB of lines of about
/// 1 KB (whole sentences of the running text), alternating the two five times: the medians
/// and their ratio, the gain of the second core (SPEC §5's batch mode); and the same ratio
/// past the start (the medians of runs over one short line taken off), the stream's
/// throughput once running.
fn jsonl_scaling(sentences: &[Vec<String>]) {
    if std::thread::available_parallelism().map_or(1, |n| n.get()) < 2 {
        println!("--jsonl on 2 threads: this machine has one core");
        return;
    }
    let text = running_text(sentences, 4_000_000);
    let mut input = String::new();
    let mut line = String::new();
    let mut lines = 0;
    for sentence in text.split_inclusive(". ") {
        line.push_str(sentence);
        if line.len() >= 1000 {
            lines += 1;
            let doc = serde_json::json!({"id": lines, "text": line});
            input.push_str(&doc.to_string());
            input.push('\n');
            line.clear();
        }
    }
    let file = std::env::temp_dir().join(format!("tusj-bench-{}.jsonl", std::process::id()));
    // One short line: what starting costs (decoding the model and the place table).
    let short = file.with_extension("short.jsonl");
    if std::fs::write(&file, &input).is_err()
        || std::fs::write(&short, "{\"text\": \"Oslo.\"}\n").is_err()
    {
        println!("--jsonl on 2 threads: could not write {}", file.display());
        return;
    }
    let run_on = |file: &std::path::Path, threads: &str| -> Option<f64> {
        let stdin = std::fs::File::open(file).ok()?;
        let start = Instant::now();
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_tusj"))
            .args(["annotate", "-j", threads, "--jsonl", "-"])
            .stdin(stdin)
            .stdout(std::process::Stdio::null())
            .status()
            .ok()?;
        status.success().then(|| start.elapsed().as_secs_f64())
    };
    let run = |threads: &str| run_on(&file, threads);
    let (mut one, mut two) = (Vec::new(), Vec::new());
    let (mut start1, mut start2) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        one.extend(run("1"));
        two.extend(run("2"));
        start1.extend(run_on(&short, "1"));
        start2.extend(run_on(&short, "2"));
    }
    let _ = std::fs::remove_file(&file);
    let _ = std::fs::remove_file(&short);
    if one.is_empty() || two.is_empty() {
        println!("--jsonl on 2 threads: tusj annotate --jsonl - failed");
        return;
    }
    for times in [&mut one, &mut two, &mut start1, &mut start2] {
        times.sort_by(|a, b| a.total_cmp(b));
    }
    let median = |t: &[f64]| t.get(t.len() / 2).copied().unwrap_or(0.0);
    let (m1, m2) = (median(&one), median(&two));
    let (s1, s2) = (median(&start1), median(&start2));
    println!(
        "tusj annotate --jsonl -, {lines} lines ({} bytes), 5 alternating runs each: \
         -j 1 median {m1:.3} s ({:.3}–{:.3}), -j 2 median {m2:.3} s ({:.3}–{:.3}); \
         2 threads / 1 = {:.2}×; starting (one short line) takes {s1:.3} s and {s2:.3} s, \
         so past the start 2 threads / 1 = {:.2}×",
        input.len(),
        one[0],
        one[one.len() - 1],
        two[0],
        two[two.len() - 1],
        m1 / m2,
        (m1 - s1) / (m2 - s2)
    );
}

/// Peak resident memory of `tusj annotate` per input byte, measured with `/usr/bin/time`.
fn peak_memory(sentences: &[Vec<String>]) {
    let time = std::path::Path::new("/usr/bin/time");
    if !time.exists() {
        println!("peak memory: /usr/bin/time is missing (Debian package time)");
        return;
    }
    let dir = std::env::temp_dir().join(format!("tusj-bench-{}", std::process::id()));
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let inputs = [
        ("1 MB of running text", running_text(sentences, 1_000_000)),
        ("10 MB of running text", running_text(sentences, 10_000_000)),
        ("8 MB of «-»", "-".repeat(8_000_000)),
        ("8 MB of «!?»", "!?".repeat(4_000_000)),
        ("8 MB of «a »", "a ".repeat(4_000_000)),
        ("8 MB of «1 »", "1 ".repeat(4_000_000)),
    ];
    for (label, text) in inputs {
        let file = dir.join("input.txt");
        if std::fs::write(&file, &text).is_err() {
            continue;
        }
        let start = Instant::now();
        let out = std::process::Command::new(time)
            .args(["-f", "%M"])
            .arg(env!("CARGO_BIN_EXE_tusj"))
            .arg("annotate")
            .arg(&file)
            .stdout(std::process::Stdio::null())
            .output();
        let secs = start.elapsed().as_secs_f64();
        let kib = out.ok().and_then(|o| {
            let err = String::from_utf8_lossy(&o.stderr).to_string();
            err.lines().last()?.trim().parse::<f64>().ok()
        });
        match kib {
            Some(kib) => println!(
                "tusj annotate, {label} ({} bytes): {secs:.2} s, peak RSS {:.0} MiB = {:.1} bytes per input byte",
                text.len(),
                kib / 1024.0,
                kib * 1024.0 / text.len() as f64
            ),
            None => println!("tusj annotate, {label}: no peak memory figure"),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
