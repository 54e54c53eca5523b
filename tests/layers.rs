//! The layering of `src/`: reads every module's `crate::…` and `super::…` paths (outside its
//! unit tests) and fails on an import cycle between modules, or on a module that uses one
//! in a layer above its own. The layers are the diagram of the crate docs (`src/lib.rs`).
//!
//! The parser is deliberately small: it strips comments and string literals, cuts a file at
//! its `#[cfg(test)]` module (tests may look across, e.g. to compare two tables), and
//! resolves each path to the longest module it names; a name re-exported at the crate root
//! (`crate::Annotator`) resolves to the module it is re-exported from.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Bottom to top. A module may use modules of its own layer or below; a more specific
/// entry (`eval::conllu`) overrides its parent's (`eval`).
const LAYERS: &[&[&str]] = &[
    &["error", "text", "vocab", "fxhash", "strtable"],
    &["tokens", "tags", "correction", "eval::conllu", "language"],
    &["recognizer", "numbers", "model"],
    &["entities"],
    &["geo", "events"],
    &["document"],
    &["annotator", "open", "overview"],
    &["export", "review"],
    &["eval", "wasm"],
];

/// Every `.rs` file under `dir`, as (module path, source), `lib.rs` as "".
fn modules(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let join = |n: &str| {
            if prefix.is_empty() {
                n.to_string()
            } else {
                format!("{prefix}::{n}")
            }
        };
        if path.is_dir() {
            modules(&path, &join(&name), out);
        } else if let Some(stem) = name.strip_suffix(".rs") {
            let module = match stem {
                "lib" if prefix.is_empty() => String::new(),
                // The binary and its own module (`mod batch;` in main.rs) sit above the library.
                "main" | "batch" if prefix.is_empty() => continue,
                "mod" => prefix.to_string(),
                // Unit-test files (`#[cfg(test)] mod tests;`) are not part of the layering.
                "tests" => continue,
                _ => join(stem),
            };
            let text = fs::read_to_string(&path).unwrap_or_default();
            out.insert(module, code_only(&text));
        }
    }
}

/// `text` without comments, string and char literals, and without its unit tests.
fn code_only(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// The paths after each `crate::` and `super::` in `code`, as lists of segments relative to
/// the crate root (`module` is the file's own module). Grouped imports
/// (`use crate::{a, b::{c, d}}`) give one path per top-level member.
fn paths(module: &str, code: &str) -> Vec<Vec<String>> {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut found = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let rest: String = bytes[i..bytes.len().min(i + 7)].iter().collect();
        let before_ok = i == 0 || !(ident(bytes[i - 1]) || bytes[i - 1] == ':');
        let (base, skip): (Vec<String>, usize) = if before_ok && rest.starts_with("crate::") {
            (Vec::new(), 7)
        } else if before_ok && rest.starts_with("super::") {
            let mut base: Vec<String> = module.split("::").map(str::to_string).collect();
            let mut j = i;
            // super::super::…
            while bytes[j..].iter().take(7).collect::<String>() == "super::" {
                base.pop();
                j += 7;
            }
            (base.into_iter().filter(|s| !s.is_empty()).collect(), j - i)
        } else {
            i += 1;
            continue;
        };
        i += skip;
        let mut tails = Vec::new();
        read_tree(&bytes, &mut i, Vec::new(), &mut tails);
        for tail in tails {
            let mut p = base.clone();
            p.extend(tail);
            found.push(p);
        }
    }
    found
}

/// Reads `a::b::c`, `a::{b, c::d}` or `{a, b}` at `i`, pushing the first two segments of
/// every path it holds onto `prefix` into `out`.
fn read_tree(s: &[char], i: &mut usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut path = prefix;
    loop {
        while *i < s.len() && s[*i].is_whitespace() {
            *i += 1;
        }
        if *i < s.len() && s[*i] == '{' {
            *i += 1;
            loop {
                read_tree(s, i, path.clone(), out);
                while *i < s.len() && s[*i].is_whitespace() {
                    *i += 1;
                }
                match s.get(*i) {
                    Some(',') => *i += 1,
                    Some('}') => {
                        *i += 1;
                        return;
                    }
                    _ => return,
                }
                while *i < s.len() && s[*i].is_whitespace() {
                    *i += 1;
                }
                if s.get(*i) == Some(&'}') {
                    *i += 1;
                    return;
                }
            }
        }
        let start = *i;
        while *i < s.len() && ident(s[*i]) {
            *i += 1;
        }
        if start == *i {
            break;
        }
        path.push(s[start..*i].iter().collect());
        if s.get(*i) == Some(&':') && s.get(*i + 1) == Some(&':') {
            *i += 2;
        } else {
            break;
        }
    }
    if !path.is_empty() {
        out.push(path);
    }
}

/// The longest module of `known` that `path` names (crate-root re-exports resolved through
/// `reexports`), if any.
fn resolve(
    path: &[String],
    known: &BTreeSet<String>,
    reexports: &BTreeMap<String, String>,
) -> Option<String> {
    let mut best = None;
    for n in 1..=path.len() {
        let m = path[..n].join("::");
        if known.contains(&m) {
            best = Some(m);
        }
    }
    best.or_else(|| path.first().and_then(|p| reexports.get(p).cloned()))
}

/// The names `lib.rs` re-exports (`pub use m::{A, B}`), each with its module.
fn root_reexports(lib: &str, known: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for stmt in lib.split(';') {
        let Some(at) = stmt.find("pub use ") else {
            continue;
        };
        let body: Vec<char> = stmt[at + 8..].chars().collect();
        let mut i = 0;
        let mut out = Vec::new();
        read_tree(&body, &mut i, Vec::new(), &mut out);
        for p in out {
            if let (Some(m), Some(name)) = (resolve(&p, known, &BTreeMap::new()), p.last()) {
                map.insert(name.clone(), m);
            }
        }
    }
    map
}

/// The layer of `module` (its most specific entry in [`LAYERS`]).
fn layer(module: &str) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (n, layer) in LAYERS.iter().enumerate() {
        for entry in *layer {
            let fits = module == *entry || module.starts_with(&format!("{entry}::"));
            if fits && best.is_none_or(|(len, _)| entry.len() > len) {
                best = Some((entry.len(), n));
            }
        }
    }
    best.map(|(_, n)| n)
}

/// module → the other modules it uses (a module using its own parent or child counts).
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = BTreeMap::new();
    modules(src, "", &mut files);
    let known: BTreeSet<String> = files.keys().filter(|m| !m.is_empty()).cloned().collect();
    let reexports = root_reexports(files.get("").map_or("", String::as_str), &known);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, code) in &files {
        if module.is_empty() {
            continue;
        }
        let uses = g.entry(module.clone()).or_default();
        for p in paths(module, code) {
            if let Some(target) = resolve(&p, &known, &reexports) {
                if &target != module {
                    uses.insert(target);
                }
            }
        }
    }
    g
}

/// One cycle of `g`, if it has any, as the modules around it.
fn cycle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit<'a>(
        m: &'a str,
        g: &'a BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<&'a str, u8>,
        stack: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        state.insert(m, 1);
        stack.push(m);
        for next in g.get(m).into_iter().flatten() {
            match state.get(next.as_str()) {
                Some(1) => {
                    let from = stack.iter().position(|s| *s == next)?;
                    let mut c: Vec<String> = stack[from..].iter().map(|s| s.to_string()).collect();
                    c.push(next.clone());
                    return Some(c);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(next, g, state, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        state.insert(m, 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in g.keys() {
        if !state.contains_key(m.as_str()) {
            if let Some(c) = visit(m, g, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

fn src() -> std::path::PathBuf {
    // TUSJ_LAYERS_SRC lets the test be pointed at a scratch copy of src/.
    std::env::var_os("TUSJ_LAYERS_SRC").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        Into::into,
    )
}

#[test]
fn modules_import_no_cycle() {
    let g = graph(&src());
    assert!(g.len() > 20, "too few modules read: {:?}", g.keys());
    if let Some(c) = cycle(&g) {
        panic!("import cycle: {}", c.join(" → "));
    }
}

#[test]
fn modules_import_only_their_own_layer_or_below() {
    let g = graph(&src());
    let mut wrong = Vec::new();
    for (m, uses) in &g {
        let Some(own) = layer(m) else {
            wrong.push(format!("{m} is in no layer"));
            continue;
        };
        for u in uses {
            match layer(u) {
                Some(l) if l <= own => {}
                Some(l) => wrong.push(format!("{m} (layer {own}) uses {u} (layer {l})")),
                None => wrong.push(format!("{u} is in no layer")),
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_parser_sees_grouped_super_and_root_imports() {
    let code = code_only(
        "use crate::{a::{b, c}, d};\n// crate::commented\nlet s = \"crate::quoted\";\nsuper::e::f();\n#[cfg(test)]\nmod tests { use crate::g; }",
    );
    let got = paths("x::y", &code);
    let want: Vec<Vec<String>> = [
        vec!["a", "b"],
        vec!["a", "c"],
        vec!["d"],
        vec!["x", "e", "f"],
    ]
    .iter()
    .map(|p| p.iter().map(|s| s.to_string()).collect())
    .collect();
    assert_eq!(got, want);
    let known: BTreeSet<String> = ["a", "a::b", "x"].map(String::from).into();
    let reexports = BTreeMap::from([("Annotator".to_string(), "x".to_string())]);
    assert_eq!(
        resolve(&want[0], &known, &reexports).as_deref(),
        Some("a::b")
    );
    assert_eq!(resolve(&want[1], &known, &reexports).as_deref(), Some("a"));
    assert_eq!(
        resolve(&["Annotator".into()], &known, &reexports).as_deref(),
        Some("x")
    );
    let g = BTreeMap::from([
        ("p".to_string(), BTreeSet::from(["q".to_string()])),
        ("q".to_string(), BTreeSet::from(["p".to_string()])),
    ]);
    assert!(cycle(&g).is_some());
}
