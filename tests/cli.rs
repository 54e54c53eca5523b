//! The command line (SPEC §5): its batch modes (`tusj annotate --jsonl -` and several
//! files, on one thread and on several), bounded memory, usage errors (exit 2) and
//! `--format`.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn tusj(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tusj"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tusj runs");
    let mut input = child.stdin.take().expect("stdin");
    let text = stdin.to_string();
    let writer = std::thread::spawn(move || input.write_all(text.as_bytes()));
    let out = child.wait_with_output().expect("tusj ends");
    writer.join().expect("writer").expect("stdin written");
    out
}

fn seed(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(name);
    std::fs::read_to_string(path).expect("seed")
}

#[test]
fn a_full_disk_is_a_failure_not_a_short_file() {
    // /dev/full refuses every write («No space left on device»): the output that fits in
    // the write buffer is written by the last flush, which must fail the run too.
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: this system has no /dev/full");
        return;
    };
    let line = serde_json::json!({"id": 1, "text": "Erna Solberg besøkte Bergen."});
    for args in [
        &["annotate", "--jsonl", "-"][..],
        &["annotate", "-j", "2", "--jsonl", "-"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tusj"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(full.try_clone().expect("a second handle"))
            .stderr(Stdio::piped())
            .spawn()
            .expect("tusj runs");
        let mut input = child.stdin.take().expect("stdin");
        writeln!(input, "{line}").expect("line written");
        drop(input);
        let out = child.wait_with_output().expect("tusj ends");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains("<stdout>"), "{stderr}");
    }
}

#[test]
fn jsonl_answers_each_line_before_the_next_is_written() {
    // A caller that writes a line and waits for its answer (lines are handed to the
    // threads in groups, but a group never waits for input that has not come).
    use std::io::{BufRead, BufReader};
    for threads in ["1", "2"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tusj"))
            .args(["annotate", "-j", threads, "--jsonl", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("tusj runs");
        let mut input = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        // Answers come through a channel, so that a missing one fails the test after a
        // minute instead of hanging it.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if tx.send(line.expect("UTF-8 line")).is_err() {
                    break;
                }
            }
        });
        for k in 0..3 {
            let line = serde_json::json!({"id": k, "text": "Erna Solberg besøkte Bergen."});
            writeln!(input, "{line}").expect("line written");
            input.flush().expect("flushed");
            let answer = rx
                .recv_timeout(std::time::Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("no answer to line {k} with -j {threads}"));
            let v: serde_json::Value = serde_json::from_str(&answer).expect("JSON line");
            assert_eq!(v["id"], k);
        }
        drop(input);
        assert!(child.wait().expect("tusj ends").success());
    }
}

#[test]
fn jsonl_keeps_order_and_ids_and_answers_a_bad_line_in_its_place() {
    let texts = [
        seed("000_eb9eaf48cf008476.txt"),
        seed("002_11d0ac0b53571547.txt"),
        "Erna Solberg møtte Jonas Gahr Støre i Oslo.".to_string(),
    ];
    let mut input = String::new();
    let mut want = Vec::new();
    for k in 0..30 {
        let text = &texts[k % texts.len()];
        if k == 7 {
            input.push_str("{\"id\": 7, \"txt\": \"no text\"}\n\n");
            want.push(None);
            continue;
        }
        input.push_str(&serde_json::json!({"id": format!("doc{k}"), "text": text}).to_string());
        input.push('\n');
        want.push(Some(tusj::annotate(text)));
    }
    let mut outputs = Vec::new();
    for threads in ["1", "3"] {
        let out = tusj(&["annotate", "-j", threads, "--jsonl", "-"], &input);
        assert!(out.status.success(), "a bad line does not fail the run");
        let stdout = String::from_utf8(out.stdout).expect("UTF-8");
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(
            lines.len(),
            want.len(),
            "one line out per line in (blank lines skipped)"
        );
        for (k, (line, want)) in lines.iter().zip(&want).enumerate() {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            match want {
                Some(doc) => {
                    assert_eq!(v["id"], format!("doc{k}"));
                    let mut got = v.clone();
                    got.as_object_mut().expect("object").remove("id");
                    let got: tusj::Document = serde_json::from_value(got).expect("a document");
                    assert_eq!(&got, doc, "line {k}");
                }
                None => {
                    assert_eq!(v["line"], 8);
                    assert!(v["error"].as_str().is_some_and(|e| e.contains("text")));
                }
            }
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("-:8:"), "the bad line is named: {stderr}");
        outputs.push(stdout);
    }
    assert_eq!(outputs[0], outputs[1], "threads do not change the output");
}

#[test]
fn a_file_that_fails_is_named_and_the_others_go_on() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let a = dir.join("000_eb9eaf48cf008476.txt");
    let b = dir.join("002_11d0ac0b53571547.txt");
    let missing = dir.join("no-such-file.txt");
    let paths = [&a, &missing, &b].map(|p| p.to_string_lossy().to_string());
    let out = tusj(
        &["annotate", "-j", "2", &paths[0], &paths[1], &paths[2]],
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no-such-file.txt"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    let docs: Vec<tusj::Document> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a document"))
        .collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0], tusj::annotate(&seed("000_eb9eaf48cf008476.txt")));
    assert_eq!(docs[1], tusj::annotate(&seed("002_11d0ac0b53571547.txt")));
}

/// `tusj annotate` of a file `<name>.txt` holding `text`, under a 200 MB address-space limit
/// (`ulimit -v`), without a backtrace on abort.
#[cfg(unix)]
fn annotate_within_200_mb(name: &str, text: &str) -> std::process::Output {
    let dir = std::env::temp_dir().join(format!("tusj-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join(format!("{name}.txt"));
    std::fs::write(&file, text).expect("input written");
    let script = format!(
        "ulimit -v 200000 && exec '{}' annotate '{}'",
        env!("CARGO_BIN_EXE_tusj"),
        file.display()
    );
    let out = Command::new("sh")
        .args(["-c", &script])
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("sh runs");
    let _ = std::fs::remove_dir_all(&dir);
    out
}

/// A long run of punctuation is cut into bounded pieces: 12 MB of «-» and 8 MB of NUL,
/// «.», «!?» or «——» are each annotated within 200 MB of address space (on 7b8a0d6 «-», NUL
/// and «!?» took about 130 bytes per byte, and 2 MB of «-» aborted here with «out of
/// memory»; before that, 400 KB of «-» did: 0.85 GB per MB).
#[cfg(unix)]
#[test]
fn long_runs_of_punctuation_fit_in_bounded_memory() {
    let inputs = [
        ("dashes", "-".repeat(12_000_000)),
        ("nul", "\0".repeat(8_000_000)),
        ("periods", ".".repeat(8_000_000)),
        ("marks", "!?".repeat(4_000_000)),
        ("em-dashes", "—".repeat(8_000_000 / 3)),
    ];
    for (name, text) in inputs {
        let out = annotate_within_200_mb(name, &text);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: tusj::Document = serde_json::from_slice(&out.stdout).expect("a document");
        assert_eq!(doc.text, text, "{name}");
        assert!(doc.annotations.is_empty(), "{name}");
    }
}

/// When memory runs out, the line before the abort names the file. 10 MB of «1 » asks for
/// 5 million number annotations, far beyond 200 MB.
#[cfg(unix)]
#[test]
fn running_out_of_memory_names_the_file() {
    let out = annotate_within_200_mb("huge", &"1 ".repeat(5_000_000));
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("huge.txt: out of memory"),
        "the file is named: {stderr}"
    );
}

/// Bad usage exits with 2 and one line naming what was wrong, before reading any input;
/// the docs (main.rs, README) promise this.
#[test]
fn bad_usage_exits_2_with_one_line() {
    let cases: &[(&[&str], &str)] = &[
        (&[], "no command given"),
        (&["frob"], "unknown command \"frob\""),
        (&["--bogus"], "invalid option '--bogus'"),
        (&["annotate"], "annotate needs at least one FILE"),
        (
            &["annotate", "--bogus", "x.txt"],
            "invalid option '--bogus'",
        ),
        (&["annotate", "-j"], "missing argument for option '-j'"),
        (&["annotate", "-j", "0", "x.txt"], "-j needs a number"),
        (
            &["annotate", "--threads", "many", "x.txt"],
            "--threads needs a number",
        ),
        (
            &["annotate", "--jsonl", "x.txt"],
            "--jsonl reads standard input",
        ),
        (
            &["annotate", "--format", "xml", "x.txt"],
            "unknown export format \"xml\"",
        ),
        (
            &["annotate", "--format", "csv", "a.txt", "b.txt"],
            "--format takes exactly one FILE",
        ),
        (
            &["annotate", "--format", "csv", "--jsonl", "-"],
            "--format writes one file's export",
        ),
        (&["tag-conllu"], "tag-conllu takes exactly one file"),
        (
            &["tag-conllu", "a", "b"],
            "tag-conllu takes exactly one file",
        ),
        (&["eval"], "eval needs a CoNLL-U file"),
        (&["eval", "a", "b"], "eval takes one input file"),
        (
            &["eval", "a", "--model"],
            "missing argument for option '--model'",
        ),
        (&["train", "--epochs", "x"], "--epochs needs a number"),
        (&["train", "--what"], "invalid option '--what'"),
    ];
    for (args, says) in cases {
        let out = tusj(args, "");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("tusj: "), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(
            stderr.contains("(usage: tusj annotate"),
            "{args:?}: {stderr}"
        );
    }
    // Help and version are not errors.
    for args in [
        &["--help"][..],
        &["help"],
        &["annotate", "--help"],
        &["--version"],
    ] {
        let out = tusj(args, "");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
    }
}

/// A file that cannot be read is not a usage error: exit 1, the file named.
#[test]
fn an_unreadable_file_exits_1() {
    let out = tusj(&["annotate", "no-such-file.txt"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("tusj: no-such-file.txt: "));
}

/// `--format F` writes the core's export in F ([`tusj::export::Format`]); `tusj` is the
/// default output.
#[test]
fn format_writes_the_cores_export() {
    let text = seed("000_eb9eaf48cf008476.txt");
    let doc = tusj::annotate(&text);
    for format in tusj::export::Format::ALL {
        let out = tusj(&["annotate", "--format", format.name(), "-"], &text);
        assert!(out.status.success(), "{}", format.name());
        let mut want = format.write(&doc).expect("written");
        if !want.ends_with('\n') {
            want.push('\n');
        }
        assert_eq!(
            String::from_utf8(out.stdout).expect("UTF-8"),
            want,
            "{}",
            format.name()
        );
    }
    let plain = tusj(&["annotate", "-"], &text);
    let tusj_format = tusj(&["annotate", "--format", "tusj", "-"], &text);
    assert_eq!(plain.stdout, tusj_format.stdout);
}
