//! Any string gets a valid document: no panic; spans sorted, non-overlapping, in bounds,
//! on code point boundaries, and `text` equal to the slice (STYLE "can tokenize anything").

mod common;

use proptest::prelude::*;

/// Pieces that stress offsets and the tokenizer: Norwegian letters, emoji (with skin tones
/// and joiners), CRLF, combining marks, right-to-left scripts, number look-alikes and the
/// punctuation of news copy.
const PIECES: &[&str] = &[
    "æ",
    "ø",
    "å",
    "Æ",
    "Ø",
    "Å",
    "🙂",
    "👍🏽",
    "👨\u{200d}👩\u{200d}👧",
    "\r\n",
    "\n",
    "\n\n",
    "\r",
    "e\u{301}",
    "\u{301}",
    "\u{200d}",
    "مرحبا",
    "שלום",
    "\u{202e}",
    "\u{feff}",
    "\t",
    " ",
    "\u{a0}",
    "\u{202f}",
    "«",
    "»",
    "–",
    "-",
    ".",
    ",",
    ":",
    "(",
    ")",
    "%",
    "$",
    "€",
    "1",
    "17.",
    "360.000",
    "2,5",
    "13:00",
    "1 000",
    "kl.",
    "ca.",
    "bl.a.",
    "minst",
    "mellom",
    "og",
    "sju",
    "tjuefem",
    "millioner",
    "prosent",
    "kroner",
    "km",
    "i",
    "Syria",
    "SDF",
    "Deir",
    "al-Zor",
    "IS",
    "is",
    "Redur Khalil",
    "USA-ledede",
    " date 2018-11 ",
    "date",
    "\u{10ffff}",
    "\u{0}",
    "A",
    "a",
    "drept",
    "ble",
    "av dem",
    "blant dem",
    "ifølge",
    "dødstallet",
    "ingen",
    "skadd",
    "angrep",
    "luftangrep",
    "mot",
    "opplyser",
    "sier han",
    "Politiet",
    "pågrep",
    "gisler",
    "på flukt",
];

fn article() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.join(" ")),
        prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_gives_a_valid_document(text in article()) {
        let doc = tusj::annotate(&text);
        prop_assert_eq!(&doc.text, &text);
        common::assert_invariants(&doc);
        assert_events(&doc);
        let again: tusj::Document = serde_json::from_str(&doc.to_json()).expect("export parses");
        prop_assert_eq!(again, doc);
    }
}

/// Events of any text: ids in order, sentence and spans in bounds and equal to their
/// slice, counts that are count annotations, breakdowns of earlier events.
fn assert_events(doc: &tusj::Document) {
    let events = &doc.events;
    assert_eq!(
        events,
        &tusj::events::read(&doc.text, &doc.annotations),
        "the annotator's events are those read again from its annotations"
    );
    let chars: Vec<char> = doc.text.chars().collect();
    let mut counts = std::collections::HashSet::new();
    for (i, e) in events.iter().enumerate() {
        if let Some(c) = &e.count {
            assert!(
                counts.insert(c.clone()),
                "{}: count {c} in two events",
                e.id
            );
        }
        assert_eq!(e.id, format!("v{}", i + 1));
        assert!(
            e.start <= e.end && e.end <= chars.len(),
            "{}: sentence",
            e.id
        );
        for span in [&e.agent, &e.target, &e.place, &e.time, &e.source]
            .into_iter()
            .flatten()
        {
            assert!(span.start < span.end && span.end <= chars.len(), "{}", e.id);
            let slice: String = chars[span.start..span.end].iter().collect();
            assert_eq!(span.text, slice, "{}: span text", e.id);
            if let Some(ent) = &span.entity {
                assert!(doc.entities.iter().any(|x| &x.id == ent), "{}: {ent}", e.id);
            }
        }
        if let Some(c) = &e.count {
            let a = doc.annotations.iter().find(|a| &a.id == c);
            assert!(
                a.is_some_and(|a| a.ty == tusj::AnnotationType::Count),
                "{}: count {c}",
                e.id
            );
        }
        if let Some(p) = &e.part_of {
            assert!(
                events[..i].iter().any(|x| &x.id == p),
                "{}: part_of {p}",
                e.id
            );
        }
    }
}

#[test]
fn empty_and_blank_texts() {
    for text in [
        "",
        " ",
        "\n",
        "\r\n\r\n",
        " date 2018-11",
        " date 2017-09 utenriks\n\n",
    ] {
        let doc = tusj::annotate(text);
        assert!(doc.annotations.is_empty(), "{text:?}");
        common::assert_invariants(&doc);
    }
}

#[test]
fn huge_text() {
    // About 1 MB: the seeds over and over with odd pieces between them.
    let seed = include_str!("../seeds/000_eb9eaf48cf008476.txt");
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 1_000_000 {
        text.push_str(seed);
        text.push_str(PIECES[i % PIECES.len()]);
        i += 1;
    }
    let doc = tusj::annotate(&text);
    assert!(doc.annotations.len() > 1000);
    common::assert_invariants(&doc);
    assert_events(&doc);
}

#[test]
fn huge_numbers_stay_finite() {
    let digits = "9".repeat(400);
    let text = format!(
        "Det var {digits} mennesker og {digits},5 prosent og 1{} kroner.",
        ".000".repeat(200)
    );
    common::assert_invariants(&tusj::annotate(&text));
}
