//! The number grammar's tests. The cases — Norwegian news expressions with their expected
//! span, type, value, qualifier, upper bound, unit and counted noun — are data, one a line,
//! in `cases.tsv`; [`cases`] runs them all. Below it: the lexicon's gate, [`read`] on marked
//! spans, properties on any input and the cross-check against num2words.

use super::*;
use crate::vocab::{AnnotationType as T, Qualifier as Q};

fn found(text: &str) -> Vec<(String, NumberMatch)> {
    let tokens = crate::tokens::tokenize(text);
    find(text, &tokens)
        .into_iter()
        .map(|m| (text[m.start..m.end].to_string(), m))
        .collect()
}

// ---- the cases of cases.tsv ----

/// Every case of `cases.tsv`: all are run, and every failing one is reported by name.
#[test]
fn cases() {
    let (run, failures) = run_cases(include_str!("cases.tsv"));
    assert!(
        failures.is_empty(),
        "{} of {run} cases in src/numbers/cases.tsv failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // A table that lost its lines would pass vacuously.
    assert!(run >= 226, "cases.tsv has only {run} cases");
}

/// The runner reports each failing case — a wrong reading, a missing span, a malformed line,
/// a repeated name — and goes on after it.
#[test]
fn the_runner_reports_every_failing_case() {
    let table = "# a comment\n\
        good\tminst 43 mennesker\tminst 43\tcount\t43\tat_least\t-\t-\tmennesker\n\
        wrong_value\tminst 43 mennesker\tminst 43\tcount\t44\tat_least\t-\t-\tmennesker\n\
        no_span\tminst 43 mennesker\tminst 44\tcount\t44\tat_least\t-\t-\tmennesker\n\
        not_none\tminst 43 mennesker\n\
        short\tminst 43 mennesker\tminst 43\n\
        good\tTusen takk.\n";
    let (run, failures) = run_cases(table);
    assert_eq!(run, 6);
    let names: Vec<&str> = failures
        .iter()
        .map(|f| f.split([' ', ':']).nth(2).unwrap_or(""))
        .collect();
    assert_eq!(
        names,
        ["wrong_value", "no_span", "not_none", "short", "good"],
        "{failures:#?}"
    );
    assert!(failures[0].contains("want count 44"), "{}", failures[0]);
    assert!(failures[0].contains("got count 43"), "{}", failures[0]);
}

/// Runs the cases of a table; returns how many there were and one message per failure.
fn run_cases(table: &str) -> (usize, Vec<String>) {
    let mut names = std::collections::HashSet::new();
    let mut run = 0;
    let mut failures = Vec::new();
    for (n, line) in table.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        run += 1;
        let name = line.split('\t').next().unwrap_or("");
        let result = if names.insert(name) {
            run_case(line)
        } else {
            Err("a second case with this name".to_string())
        };
        if let Err(e) = result {
            failures.push(format!("line {} {name}: {e}", n + 1));
        }
    }
    (run, failures)
}

/// A reading as the table writes it: type, value, qualifier, upper, unit, counted.
type Row<'a> = (
    T,
    f64,
    &'a str,
    Option<f64>,
    Option<&'a str>,
    Option<&'a str>,
);

/// A row back in the table's words, for a failure message.
fn row((ty, value, q, upper, unit, counted): Row) -> String {
    let upper = upper.map_or("-".to_string(), |u| u.to_string());
    let (unit, counted) = (unit.unwrap_or("-"), counted.unwrap_or("-"));
    format!("{} {value} {q} {upper} {unit} {counted}", ty.as_str())
}

/// `None` for `-`.
fn none_or(s: &str) -> Option<&str> {
    (s != "-").then_some(s)
}

/// One line of `cases.tsv`: `Ok` when the text reads as the line says.
fn run_case(line: &str) -> Result<(), String> {
    let cols: Vec<&str> = line.split('\t').collect();
    let text = unescape(cols.get(1).copied().unwrap_or(""))?;
    let all = found(&text);
    let spans = || all.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>();
    let [_, _, span, ty, value, q, upper, unit, counted] = cols[..] else {
        if cols.len() == 2 {
            if all.is_empty() {
                return Ok(());
            }
            return Err(format!("want no number; found {:?}", spans()));
        }
        return Err(format!("{} columns, not 2 or 9", cols.len()));
    };
    let span = unescape(span)?;
    let number = |s: &str| {
        s.parse::<f64>()
            .map_err(|_| format!("«{s}» is not a number"))
    };
    let want: Row = (
        T::parse(ty).ok_or_else(|| format!("unknown type «{ty}»"))?,
        number(value)?,
        q,
        none_or(upper).map(number).transpose()?,
        none_or(unit),
        none_or(counted),
    );
    let Some((_, m)) = all.iter().find(|(s, _)| *s == span) else {
        return Err(format!("no match «{span}»; found {:?}", spans()));
    };
    let r = &m.reading;
    let got: Row = (
        m.ty,
        r.value,
        r.qualifier.as_str(),
        r.upper,
        r.unit.as_deref(),
        r.counted.as_deref(),
    );
    if got == want {
        return Ok(());
    }
    Err(format!("«{span}» want {}, got {}", row(want), row(got)))
}

/// The text of a column: `\u{a0}` is the character U+00A0, `\\` a backslash.
fn unescape(s: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some((before, after)) = rest.split_once('\\') {
        out.push_str(before);
        if let Some(after) = after.strip_prefix('\\') {
            out.push('\\');
            rest = after;
            continue;
        }
        let c = after
            .strip_prefix("u{")
            .and_then(|a| a.split_once('}'))
            .and_then(|(hex, after)| {
                rest = after;
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            })
            .ok_or_else(|| format!("bad escape in «{s}»"))?;
        out.push(c);
    }
    out.push_str(rest);
    Ok(out)
}

#[test]
fn every_qualifier_opens_an_expression() {
    for (phrase, _) in super::lexicon::QUALIFIERS {
        assert!(super::lexicon::opens_expression(phrase[0]), "{phrase:?}");
    }
}

#[test]
fn vague_words() {
    assert_eq!(lexicon::vague("hundrevis"), Some(100.0));
    assert_eq!(lexicon::vague("titalls"), Some(10.0));
    assert_eq!(lexicon::vague("mange"), None);
}

/// The cheap gate of the scan must let through every word the readers accept.
#[test]
fn the_gate_passes_every_known_word() {
    let table = include_str!("data/num2words_no.tsv");
    let number_words = table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| l.split(['\t', ' ']))
        .filter(|w| !w.is_empty() && !w.starts_with(|c: char| c.is_ascii_digit()) && *w != "og");
    let compounds = [
        "tohundreogtre",
        "femogtjue",
        "to-tre",
        "fire-fem",
        "tjueførste",
        "éin",
    ];
    for w in number_words.chain(compounds) {
        assert!(super::lexicon::may_matter(w), "{w}");
    }
    for (phrase, _) in super::lexicon::QUALIFIERS {
        assert!(super::lexicon::may_matter(phrase[0]), "{phrase:?}");
    }
    for (phrase, _, _) in super::lexicon::UNITS {
        assert!(super::lexicon::may_matter(phrase[0]), "{phrase:?}");
    }
    for w in [
        "i",
        "en",
        "ei",
        "et",
        "ein",
        "eit",
        "mellom",
        "fra",
        "kl.",
        "mai",
        "hundrevis",
    ] {
        assert!(super::lexicon::may_matter(w), "{w}");
    }
}

// ---- read(): a span a person marked ----
#[test]
fn read_whole_spans() {
    let r = |s: &str| read(s).map(|(ty, r)| (ty, r.value, r.qualifier, r.upper, r.unit));
    assert_eq!(
        r("minst 43"),
        Some((T::Count, 43.0, Q::AtLeast, None, None))
    );
    assert_eq!(
        r("en"),
        Some((T::Count, 1.0, Q::Exact, None, None)),
        "marked, so the number"
    );
    assert_eq!(
        r("to hundre og tre"),
        Some((T::Count, 203.0, Q::Exact, None, None))
    );
    assert_eq!(r(" 2014 "), Some((T::Year, 2014.0, Q::Exact, None, None)));
    assert_eq!(r("andre"), Some((T::Ordinal, 2.0, Q::Exact, None, None)));
    assert_eq!(
        r("mellom 10.000 og 25.000"),
        Some((T::Count, 10_000.0, Q::Range, Some(25_000.0), None))
    );
    assert_eq!(r("Syria"), None);
    assert_eq!(r(""), None);
}

// ---- properties: any input ----
fn check_invariants(text: &str) {
    let tokens = crate::tokens::tokenize(text);
    let found = find(text, &tokens);
    let mut last = 0;
    for m in &found {
        assert!(
            m.start >= last && m.start < m.end && m.end <= text.len(),
            "{text:?}: {m:?}"
        );
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        let r = &m.reading;
        assert!(
            r.value.is_finite() && r.upper.is_none_or(f64::is_finite),
            "{text:?}: {m:?}"
        );
        last = m.end;
    }
    let _ = read(text);
}

#[test]
fn odd_inputs_do_not_panic() {
    let huge = format!("1{}", "0".repeat(400));
    let huge_grouped = format!("1{}", ".000".repeat(140));
    let cases = [
        "",
        " ",
        "–",
        "- -5 −3 +",
        "👍🏽 43 👨\u{200d}👩 mennesker",
        "e\u{301}n to tre\u{301}",
        "٣ ١٢ ۴",
        "מינימום 5",
        "kl.",
        "kl. 99.99",
        "mellom",
        "mellom 5 og",
        "fra 10 til",
        "1990-",
        "-tallet",
        "10-",
        "-20",
        "3.–",
        "3.– juni",
        "31. februar 2019",
        "0. mai",
        "(",
        "( 52",
        "en halv",
        "en halv million",
        "hundre hundre hundre",
        "tusen millioner milliarder",
        "femogtjueogtjue",
        "ogogog",
        "1,",
        ",5",
        "1.000.",
        "1..000",
        "9999999999999999999999 kroner",
        "99999999999999 milliarder milliarder",
        "flere flere hundre",
        "titalls titalls",
        "2-4 000 000 000 000 000 000",
        "1 000 000 000 000 000 000 000",
        "\r\n12\r\n000\r\n",
    ];
    for c in cases {
        check_invariants(c);
    }
    check_invariants(&huge);
    check_invariants(&format!("{huge} millioner kroner"));
    check_invariants(&huge_grouped);
    check_invariants(&format!("mellom {huge} og {huge}"));
}

#[test]
fn huge_numbers_are_not_read() {
    let huge = format!("1{}", "0".repeat(400));
    assert!(
        found(&huge).is_empty(),
        "more than {} digits",
        digits::MAX_DIGITS
    );
    // The largest read value stays finite even with two multipliers.
    for (_, m) in found("999.999.999.999.999 milliarder") {
        assert!(m.reading.value.is_finite());
    }
}

mod props {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn any_string(s in "\\PC{0,60}") {
            super::check_invariants(&s);
        }

        #[test]
        fn number_like_strings(s in "[0-9 .,:\\-–%()a-zæøåé\u{a0}\u{202f}]{0,40}") {
            super::check_invariants(&s);
        }

        #[test]
        fn number_words(words in proptest::collection::vec(
            proptest::sample::select(vec![
                "en", "ett", "to", "tre", "og", "hundre", "tusen", "millioner", "milliarder",
                "tjue", "fem", "femogtjue", "mellom", "minst", "over", "–", "-", "til", "eller",
                "kroner", "prosent", "år", "2014", "1.100", "2 000", "10-20", "17.", "mai",
                "kl.", "13.00", "(", ")", "av", "dem", "barn", "hundrevis", "flere", "halv",
            ]), 0..12)) {
            super::check_invariants(&words.join(" "));
        }
    }
}

// ---- cross-check against num2words (generated table, see data/gen_num2words_no.py) ----
#[test]
fn reads_every_num2words_cardinal_and_ordinal() {
    let table = include_str!("data/num2words_no.tsv");
    let mut checked = 0;
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let (Some(value), Some(cardinal)) = (cols.next(), cols.next()) else {
            panic!("bad line {line:?}");
        };
        let value: f64 = value.parse().expect("a number");
        let got = read(cardinal).map(|(ty, r)| (ty, r.value));
        assert_eq!(got, Some((T::Count, value)), "{cardinal:?}");
        // num2words 0.5.14 writes 13th as «trettførste»; Norwegian says «trettende».
        if let Some(ordinal) = cols.next().filter(|o| !o.is_empty() && *o != "trettførste") {
            assert_eq!(
                words::word_value(ordinal),
                Some((value, true)),
                "{ordinal:?}"
            );
        }
        checked += 1;
    }
    assert!(checked > 1300, "the table has {checked} rows");
}
