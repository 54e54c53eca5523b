//! What the events stage costs: annotating seed 000 natively, and reading its events alone.
//!
//! `cargo bench --bench events` prints the median of each over many runs and the share of
//! the events in the whole (issue 9 asks for at most 10%). A plain timing program: no
//! assertions, nothing to fail.

use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let text = include_str!("../seeds/000_eb9eaf48cf008476.txt");
    let annotator = tusj::embedded_annotator().expect("the embedded model");
    let doc = annotator.annotate(text);
    // The tokens as the annotator cuts them; the stage itself reuses them.
    let header = tusj::text::header(text);
    let mut tokens = tusj::tokens::tokenize(&text[header.body_start..]);
    for t in &mut tokens {
        t.start += header.body_start;
        t.end += header.body_start;
    }
    let sentences = tusj::tokens::sentences(text, &tokens);
    let runs = 200;
    let mut whole = Vec::with_capacity(runs);
    let mut events = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        std::hint::black_box(annotator.annotate(std::hint::black_box(text)));
        whole.push(start.elapsed().as_secs_f64() * 1000.0);
        let start = Instant::now();
        std::hint::black_box(tusj::events::find(
            std::hint::black_box(text),
            &tokens,
            &sentences,
            &doc.annotations,
        ));
        events.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let (whole, events) = (median(whole), median(events));
    println!(
        "seed 000 ({} bytes): annotate (events included) median {whole:.3} ms; \
         events alone {events:.3} ms = {:.1}% of the annotation without them",
        text.len(),
        100.0 * events / (whole - events).max(f64::MIN_POSITIVE)
    );
}
