//! Properties of review (corrections, rebase, apply) and of opening files, on any input:
//! nothing panics, every document obeys the format's invariants, edits elsewhere keep a
//! correction, and a saved document opens to the same bytes.

use proptest::prelude::*;
use tusj::open::validate;
use tusj::review::{apply_report, rebase, Correction, SkipReason};
use tusj::{AnnotationType, Document};

/// Pieces of Norwegian news text and of the strange things pasted text holds.
const PIECES: &[&str] = &[
    "Syria",
    "SOHR",
    "IS",
    "Den islamske staten",
    "Rami Abdelrahman",
    "Deir al-Zor",
    "43",
    "minst 43",
    "2,5",
    "1.100",
    "sju",
    "prosent",
    " ",
    " ",
    " ",
    "\n",
    "\r\n",
    "\n\n",
    "æ",
    "ø",
    "å",
    "Ærø",
    "🙂",
    "👩‍👩‍👧",
    "e\u{301}",
    "مرحبا",
    ".",
    ",",
    "(",
    ")",
    "«",
    "»",
    "i",
    "og",
    "\u{a0}",
    "\t",
    "-",
    "–",
    " date 2018-11 ",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|p| p.concat())
}

/// A correction before it meets a text: offsets that may be anywhere, and whether to
/// anchor it to the text truly (else it gets made-up text).
#[derive(Clone, Debug)]
struct Raw {
    op: u8,
    spans: [(usize, usize); 2],
    ty: usize,
    truly: bool,
    name: String,
}

fn raw() -> impl Strategy<Value = Raw> {
    (
        0u8..4,
        [(0usize..90, 0usize..12), (0usize..90, 0usize..12)],
        0usize..13,
        prop::bool::weighted(0.85),
        "[a-zA-ZæøåÆØÅ \n]{0,12}",
    )
        .prop_map(|(op, spans, ty, truly, name)| Raw {
            op,
            spans,
            ty,
            truly,
            name,
        })
}

/// The code points `start..end` of `text`, or made-up text when that is not a span.
fn slice(text: &str, start: usize, end: usize, truly: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    match chars.get(start..end) {
        Some(s) if truly => s.iter().collect(),
        _ => "x".repeat(end.saturating_sub(start).max(1)),
    }
}

fn correction(text: &str, r: &Raw) -> Correction {
    let [(s0, l0), (s1, l1)] = r.spans;
    // Length 0 gives start == end: an anchor that never holds.
    let (e0, e1) = (s0 + l0, s1 + l1);
    let t0 = slice(text, s0, e0, r.truly);
    match r.op {
        0 => Correction::Mark {
            start: s0,
            end: e0,
            text: t0,
            ty: AnnotationType::ALL[r.ty],
        },
        1 => Correction::Unmark {
            start: s0,
            end: e0,
            text: t0,
        },
        2 => Correction::Rename {
            start: s0,
            end: e0,
            text: t0,
            name: r.name.clone(),
        },
        _ => Correction::Merge {
            start: s0,
            end: e0,
            text: t0,
            into_start: s1,
            into_end: e1,
            into_text: slice(text, s1, e1, r.truly),
        },
    }
}

/// Replaces code points `at..at + delete` of `text` (clamped) with `insert`.
fn edit(text: &str, at: usize, delete: usize, insert: &str) -> (String, usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    let at = at.min(chars.len());
    let end = (at + delete).min(chars.len());
    let mut out: String = chars[..at].iter().collect();
    out.push_str(insert);
    out.extend(&chars[end..]);
    (out, at, end)
}

fn check_applied(text: &str, corrections: &[Correction]) -> Document {
    let applied = apply_report(
        tusj::embedded_annotator().expect("the embedded model"),
        text,
        corrections,
    );
    let doc = applied.document;
    assert_eq!(validate(&doc), Ok(()), "{:?}", doc.to_json_pretty());
    assert_eq!(doc.text, text);
    for c in &doc.corrections {
        assert!(c.is_anchored(text), "{c:?}");
    }
    for s in &applied.skipped {
        assert_eq!(
            s.reason == SkipReason::Anchor,
            !s.correction.is_anchored(text)
        );
    }
    let anchored = corrections.iter().filter(|c| c.is_anchored(text)).count();
    assert_eq!(doc.corrections.len(), anchored);
    doc
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn apply_keeps_every_invariant(text in text(), raws in prop::collection::vec(raw(), 0..8)) {
        let corrections: Vec<Correction> = raws.iter().map(|r| correction(&text, r)).collect();
        check_applied(&text, &corrections);
    }

    #[test]
    fn rebase_then_apply_keeps_every_invariant(
        text in text(),
        raws in prop::collection::vec(raw(), 0..8),
        at in 0usize..100,
        delete in 0usize..20,
        insert in text(),
    ) {
        let corrections: Vec<Correction> = raws.iter().map(|r| correction(&text, r)).collect();
        let (new_text, _, _) = edit(&text, at, delete, &insert);
        let r = rebase(&text, &new_text, &corrections);
        prop_assert_eq!(r.corrections.len() + r.dropped.len(), corrections.len());
        for c in &r.corrections {
            prop_assert!(c.is_anchored(&new_text), "{:?}", c);
        }
        for c in &corrections {
            if !c.is_anchored(&text) {
                prop_assert!(r.dropped.contains(c));
            }
        }
        let doc = check_applied(&new_text, &r.corrections);
        prop_assert_eq!(doc.corrections, r.corrections);
    }

    #[test]
    fn edits_elsewhere_keep_corrections(
        text in text(),
        raws in prop::collection::vec(raw(), 1..8),
        at in 0usize..100,
        delete in 0usize..20,
        insert in text(),
    ) {
        let corrections: Vec<Correction> = raws
            .iter()
            .map(|r| correction(&text, r))
            .filter(|c| c.is_anchored(&text))
            .collect();
        // A pure insertion or a pure deletion, as typing and cutting make.
        let (insert, delete) = if delete % 2 == 0 { (insert.as_str(), 0) } else { ("", delete) };
        let (new_text, from, to) = edit(&text, at, delete, insert);
        let r = rebase(&text, &new_text, &corrections);
        for (c, kept) in corrections.iter().zip(corrections.iter().map(|c| !r.dropped.contains(c))) {
            let untouched = c.anchors().iter().all(|a| {
                if from == to { from <= a.start || from >= a.end } else { to <= a.start || from >= a.end }
            });
            if untouched {
                prop_assert!(kept, "{:?} dropped after editing {}..{} of {:?} into {:?}", c, from, to, text, new_text);
            }
        }
    }

    #[test]
    fn saved_documents_open_to_the_same_bytes(
        text in text(),
        raws in prop::collection::vec(raw(), 0..6),
    ) {
        let corrections: Vec<Correction> = raws.iter().map(|r| correction(&text, r)).collect();
        let doc = check_applied(&text, &corrections);
        let json = doc.to_json_pretty().expect("written");
        let opened = Document::from_json(&json);
        prop_assert_eq!(opened.as_ref().map(Document::to_json_pretty), Ok(Ok(json)));
        prop_assert_eq!(opened, Ok(doc));
    }

    #[test]
    fn opening_anything_never_panics(junk in "\\PC{0,200}") {
        let _ = Document::from_json(&junk);
    }

    #[test]
    fn exports_never_panic(text in text(), raws in prop::collection::vec(raw(), 0..6)) {
        let corrections: Vec<Correction> = raws.iter().map(|r| correction(&text, r)).collect();
        let doc = check_applied(&text, &corrections);
        for format in tusj::export::Format::ALL {
            prop_assert!(format.write(&doc).is_ok());
        }
        let name = tusj::export::default_name(&doc);
        prop_assert!(!name.is_empty());
        prop_assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", name);
        prop_assert_eq!(tusj::overview::numbers_table(&doc).len(),
            doc.annotations.iter().filter(|a| a.number.is_some()).count());
    }
}

#[test]
fn a_removed_mark_stays_removed_after_reopening_and_editing() {
    let text = "Ifølge SOHR ble 43 drept i Syria.";
    let doc = tusj::annotate(text);
    let Some(first) = doc.annotations.first() else {
        panic!("the default annotator marks something in {text:?}");
    };
    let unmark = Correction::Unmark {
        start: first.start,
        end: first.end,
        text: first.text.clone(),
    };
    let corrected = tusj::review::apply(
        tusj::embedded_annotator().expect("the embedded model"),
        text,
        &[unmark],
    );
    assert!(corrected
        .annotations
        .iter()
        .all(|a| (a.start, a.end) != (first.start, first.end)));
    let saved = corrected.to_json_pretty().expect("written");
    let opened = Document::from_json(&saved).expect("opens");
    let new_text = format!("NTB: {text}");
    let r = rebase(&opened.text, &new_text, &opened.corrections);
    assert!(r.dropped.is_empty());
    let again = tusj::review::apply(
        tusj::embedded_annotator().expect("the embedded model"),
        &new_text,
        &r.corrections,
    );
    assert!(again
        .annotations
        .iter()
        .all(|a| (a.start, a.end) != (first.start + 5, first.end + 5)));
    for a in &corrected.annotations {
        assert!(
            again
                .annotations
                .iter()
                .any(|b| (b.start, b.end, &b.text) == (a.start + 5, a.end + 5, &a.text)),
            "{a:?} kept after the edit"
        );
    }
}
