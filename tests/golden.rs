//! Golden tests over `seeds/`: each article's export must equal its reviewed
//! `<name>.tusj.json`. A change shows as a diff; `TUSJ_BLESS=1 cargo test --test golden`
//! rewrites the goldens, which are then reviewed like any other change.

mod common;

use std::path::{Path, PathBuf};

fn seeds() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("seeds/ is readable")
        .map(|e| e.expect("seed entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    out.sort();
    out
}

#[test]
fn seed_exports_match_goldens() {
    let paths = seeds();
    assert_eq!(paths.len(), 2, "expected the two seed articles");
    let bless = std::env::var_os("TUSJ_BLESS").is_some();
    let mut failures = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("seed is UTF-8");
        let doc = tusj::annotate(&text);
        common::assert_invariants(&doc);
        let got = doc.to_json_pretty().expect("written") + "\n";
        let golden = path.with_extension("tusj.json");
        if bless {
            std::fs::write(&golden, &got).expect("write golden");
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        if got != want {
            let line = got.lines().zip(want.lines()).position(|(a, b)| a != b);
            let line = line.unwrap_or_else(|| got.lines().count().min(want.lines().count()));
            failures.push(format!(
                "{}: differs from its golden at line {}:\n  got:  {}\n  want: {}",
                golden.display(),
                line + 1,
                got.lines().nth(line).unwrap_or("<end>"),
                want.lines().nth(line).unwrap_or("<end>")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n(review, then TUSJ_BLESS=1 cargo test --test golden to accept)",
        failures.join("\n")
    );
}
