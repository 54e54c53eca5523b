//! How much the number pass adds to annotating a seed article.
//!
//! `cargo bench --bench numbers` prints the time to annotate seed 000 (which includes
//! the number pass), the time of `numbers::find` alone on the same tokens, and the share
//! the number pass adds to annotating without it (the budget is 20%). Each figure is the
//! best of 15 rounds, to keep other processes on the machine out of it.

use std::hint::black_box;
use std::time::Instant;

fn best_of<F: FnMut()>(rounds: usize, reps: usize, mut f: F) -> f64 {
    (0..rounds)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..reps {
                f();
            }
            t.elapsed().as_secs_f64() / reps as f64
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seeds/000_eb9eaf48cf008476.txt"
    );
    let text = std::fs::read_to_string(path).expect("seed 000 is in the repository");
    let tokens = tusj::tokens::tokenize(&text);
    let annotate = best_of(15, 300, || {
        black_box(tusj::annotate(black_box(&text)));
    });
    let numbers = best_of(15, 300, || {
        black_box(tusj::numbers::find(black_box(&text), black_box(&tokens)));
    });
    println!(
        "seed 000 ({} tokens): annotate {:.1} µs, numbers::find {:.1} µs; \
         the number pass adds {:.1}% to annotating without it",
        tokens.len(),
        annotate * 1e6,
        numbers * 1e6,
        100.0 * numbers / (annotate - numbers)
    );
}
