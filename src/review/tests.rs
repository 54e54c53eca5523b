//! Review's unit tests: corrections applied to one text with a fixed lexicon, utf-16
//! offsets, serialisation and rebase.

use super::*;
use crate::document::Document;
use crate::open::validate;
use crate::recognizer::Recognizer;
use crate::tags::{NeType, Tag};
use crate::vocab::{AnnotationType, Source};
use crate::Annotator;
use AnnotationType::*;

/// Tags fixed word sequences, so these tests do not depend on the shipped model.
struct Lexicon(Vec<(Vec<&'static str>, NeType)>);

impl Recognizer for Lexicon {
    fn tag(&self, doc: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        doc.iter()
            .map(|s| {
                let mut tags = vec![Tag::O; s.len()];
                let mut i = 0;
                while i < s.len() {
                    let hit = self
                        .0
                        .iter()
                        .find(|(words, _)| s.get(i..i + words.len()) == Some(words.as_slice()));
                    match hit {
                        Some((words, ty)) => {
                            tags[i] = Tag::B(*ty);
                            for t in &mut tags[i + 1..i + words.len()] {
                                *t = Tag::I(*ty);
                            }
                            i += words.len();
                        }
                        None => i += 1,
                    }
                }
                tags
            })
            .collect()
    }
}

fn annotator() -> Annotator {
    Annotator::with_recognizer(Box::new(Lexicon(vec![
        (vec!["SOHR"], NeType::Org),
        (vec!["Syria"], NeType::GpeLoc),
        (vec!["Den", "islamske", "staten"], NeType::Org),
        (vec!["IS"], NeType::Org),
        (vec!["Rami", "Abdelrahman"], NeType::Per),
    ])))
}

const TEXT: &str = "Ifølge SOHR ble 43 drept i Syria. Syria svarte. \
    Den islamske staten (IS) tapte, og IS trakk seg. Rami Abdelrahman 🙂 leder SOHR.";

/// The code point span of the `nth` (0-based) occurrence of `word` in `text`.
fn span(text: &str, word: &str, nth: usize) -> (usize, usize) {
    let (byte, _) = text.match_indices(word).nth(nth).expect("word in text");
    let start = text[..byte].chars().count();
    (start, start + word.chars().count())
}

fn mark(word: &str, nth: usize, ty: AnnotationType) -> Correction {
    let (start, end) = span(TEXT, word, nth);
    Correction::Mark {
        start,
        end,
        text: word.into(),
        ty,
    }
}

fn unmark(word: &str, nth: usize) -> Correction {
    let (start, end) = span(TEXT, word, nth);
    Correction::Unmark {
        start,
        end,
        text: word.into(),
    }
}

fn rename(word: &str, nth: usize, name: &str) -> Correction {
    let (start, end) = span(TEXT, word, nth);
    Correction::Rename {
        start,
        end,
        text: word.into(),
        name: name.into(),
    }
}

fn merge(word: &str, nth: usize, into: &str, into_nth: usize) -> Correction {
    let (start, end) = span(TEXT, word, nth);
    let (into_start, into_end) = span(TEXT, into, into_nth);
    Correction::Merge {
        start,
        end,
        text: word.into(),
        into_start,
        into_end,
        into_text: into.into(),
    }
}

/// `text:type` of every annotation not made by the number rules (whose spans issue 3
/// owns), `!` marking the person's own.
fn marks(doc: &Document) -> Vec<String> {
    doc.annotations
        .iter()
        .filter(|a| a.source != Source::Rules)
        .map(|a| {
            let user = if a.source == Source::User { "!" } else { "" };
            format!("{}:{}{user}", a.text, a.ty.as_str())
        })
        .collect()
}

/// `name [aliases] ×mentions` of every entity.
fn entities(doc: &Document) -> Vec<String> {
    doc.entities
        .iter()
        .map(|e| format!("{} {:?} ×{}", e.name, e.aliases, e.mentions.len()))
        .collect()
}

/// What the annotator gives [`TEXT`] with no corrections: `text:type` of each highlight
/// not made by the number rules, in order. Each case below says only how its corrections
/// change this (see [`delta`]).
const BASE_MARKS: [&str; 8] = [
    "SOHR:organisation",
    "Syria:geopolitical",
    "Syria:geopolitical",
    "Den islamske staten:organisation",
    "IS:organisation",
    "IS:organisation",
    "Rami Abdelrahman:person",
    "SOHR:organisation",
];

/// The entities of [`TEXT`] with no corrections, `name [aliases] ×mentions`.
const BASE_ENTITIES: [&str; 5] = [
    "SOHR [] ×2",
    "Syria [] ×2",
    "Den islamske staten [] ×1",
    "IS [] ×2",
    "Rami Abdelrahman [] ×1",
];

/// How `got` differs from `base`, as a line diff (longest common subsequence): `-i x` when
/// line `i` of the base is gone, `+j x` when line `j` of `got` is new. Empty when equal.
fn delta(base: &[&str], got: &[String]) -> Vec<String> {
    let (n, m) = (base.len(), got.len());
    // common[i][j]: the length of the longest common subsequence of base[i..] and got[j..].
    let mut common = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            common[i][j] = if base[i] == got[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n || j < m {
        if i < n && j < m && base[i] == got[j] {
            i += 1;
            j += 1;
        } else if j == m || (i < n && common[i + 1][j] >= common[i][j + 1]) {
            out.push(format!("-{i} {}", base[i]));
            i += 1;
        } else {
            out.push(format!("+{j} {}", got[j]));
            j += 1;
        }
    }
    out
}

#[test]
fn delta_names_what_went_and_what_came() {
    let got = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert!(delta(&["a", "b", "c"], &got(&["a", "b", "c"])).is_empty());
    assert_eq!(
        delta(&["a", "b", "b", "c"], &got(&["a", "b", "x", "c", "d"])),
        ["-2 b", "+2 x", "+4 d"]
    );
    assert_eq!(delta(&["a"], &got(&[])), ["-0 a"]);
    assert_eq!(delta(&[], &got(&["a"])), ["+0 a"]);
}

/// `t!(name, [corrections], marks: [delta], entities: [delta], skipped: [reasons])` applies
/// the corrections to [`TEXT`] and checks the highlights and the entities by their [`delta`]
/// from the baseline ([`BASE_MARKS`], [`BASE_ENTITIES`]), the skipped corrections, and the
/// document's invariants.
macro_rules! t {
    ($name:ident, [$($c:expr),* $(,)?], marks: [$($m:expr),* $(,)?], entities: [$($e:expr),* $(,)?], skipped: $skipped:expr) => {
        #[test]
        fn $name() {
            let corrections: Vec<Correction> = vec![$($c),*];
            let applied = apply_report(&annotator(), TEXT, &corrections);
            let doc = &applied.document;
            assert_eq!(validate(doc), Ok(()));
            let want_marks: Vec<&str> = vec![$($m),*];
            assert_eq!(delta(&BASE_MARKS, &marks(doc)), want_marks, "highlights");
            let want_entities: Vec<&str> = vec![$($e),*];
            assert_eq!(delta(&BASE_ENTITIES, &entities(doc)), want_entities, "entities");
            let skipped: Vec<SkipReason> = applied.skipped.iter().map(|s| s.reason).collect();
            let want_skipped: &[SkipReason] = &$skipped;
            assert_eq!(skipped, want_skipped);
            let anchored: Vec<&Correction> =
                corrections.iter().filter(|c| c.is_anchored(TEXT)).collect();
            assert_eq!(doc.corrections.iter().collect::<Vec<_>>(), anchored);
            for (i, a) in doc.annotations.iter().enumerate() {
                assert_eq!(a.id, format!("a{}", i + 1));
            }
        }
    };
}

t!(
    nothing_to_correct,
    [],
    marks: [],
    entities: [],
    skipped: []
);
t!(
    unmark_removes_one_mention,
    [unmark("Syria", 1)],
    marks: ["-2 Syria:geopolitical"],
    entities: ["-1 Syria [] ×2", "+1 Syria [] ×1"],
    skipped: []
);
t!(
    unmark_of_nothing_is_kept_and_harmless,
    [unmark("drept", 0)],
    marks: [],
    entities: [],
    skipped: []
);
t!(
    relabel_place_as_state,
    [mark("Syria", 1, State)],
    marks: ["-2 Syria:geopolitical", "+2 Syria:state!"],
    entities: ["-1 Syria [] ×2", "+1 Syria [] ×1", "+2 Syria [] ×1"],
    skipped: []
);
t!(
    mark_replaces_every_overlapped_annotation,
    [
        mark("SOHR ble 43", 0, Person),
        mark("staten (IS", 0, Location)
    ],
    marks: [
        "-0 SOHR:organisation",
        "+0 SOHR ble 43:person!",
        "-3 Den islamske staten:organisation",
        "-4 IS:organisation",
        "+3 staten (IS:location!",
    ],
    entities: [
        "-0 SOHR [] ×2",
        "+0 SOHR ble 43 [] ×1",
        "-2 Den islamske staten [] ×1",
        "-3 IS [] ×2",
        "+2 staten (IS [] ×1",
        "+3 IS [] ×1",
        "+5 SOHR [] ×1",
    ],
    skipped: []
);
t!(
    later_mark_wins_over_earlier,
    [
        mark("Rami", 0, Organisation),
        mark("Rami Abdelrahman", 0, Person)
    ],
    marks: ["-6 Rami Abdelrahman:person", "+6 Rami Abdelrahman:person!"],
    entities: [],
    skipped: []
);
t!(
    mark_then_unmark_removes_it,
    [mark("drept", 0, Person), unmark("drept", 0)],
    marks: [],
    entities: [],
    skipped: []
);
t!(
    number_mark_needs_a_number,
    [mark("drept", 0, Count)],
    marks: [],
    entities: [],
    skipped: [SkipReason::UnreadableNumber]
);
t!(
    broken_anchors_are_skipped,
    [
        Correction::Unmark {
            start: 7,
            end: 11,
            text: "SOHX".into()
        },
        Correction::Unmark {
            start: 11,
            end: 7,
            text: "SOHR".into()
        },
        Correction::Unmark {
            start: 7,
            end: 7,
            text: "".into()
        },
        Correction::Mark {
            start: 500,
            end: 504,
            text: "SOHR".into(),
            ty: Person
        },
        Correction::Rename {
            start: usize::MAX - 1,
            end: usize::MAX,
            text: "x".into(),
            name: "y".into()
        },
        Correction::Merge {
            start: 7,
            end: 11,
            text: "SOHR".into(),
            into_start: 0,
            into_end: 99,
            into_text: "x".into()
        },
    ],
    marks: [],
    entities: [],
    skipped: [SkipReason::Anchor; 6]
);
t!(
    blank_mark_is_skipped,
    [mark(" ", 0, Person), mark(" ", 1, Count)],
    marks: [],
    entities: [],
    skipped: [SkipReason::Blank; 2]
);
t!(
    rename_names_the_entity,
    [rename("SOHR", 1, "  Syrian Observatory\nfor Human Rights ")],
    marks: [],
    entities: ["-0 SOHR [] ×2", "+0 Syrian Observatory for Human Rights [\"SOHR\"] ×2"],
    skipped: []
);
t!(
    rename_to_blank_or_of_a_non_entity_does_nothing,
    [rename("SOHR", 0, " \n "), rename("drept", 0, "Drept")],
    marks: [],
    entities: [],
    skipped: []
);
t!(
    merge_joins_entities_under_the_target_name,
    [merge("IS", 1, "Den islamske staten", 0)],
    marks: [],
    entities: ["-2 Den islamske staten [] ×1", "-3 IS [] ×2", "+2 Den islamske staten [\"IS\"] ×3"],
    skipped: []
);
t!(
    merge_into_a_later_entity_reorders_entities,
    [
        merge("SOHR", 0, "Rami Abdelrahman", 0),
        rename("Rami Abdelrahman", 0, "Rami Abdel Rahman")
    ],
    marks: [],
    entities: [
        "-0 SOHR [] ×2",
        "+0 Rami Abdel Rahman [\"Rami Abdelrahman\", \"SOHR\"] ×3",
        "-4 Rami Abdelrahman [] ×1",
    ],
    skipped: []
);
t!(
    merge_across_kinds_or_with_itself_does_nothing,
    [merge("Syria", 0, "SOHR", 0), merge("IS", 0, "IS", 1)],
    marks: [],
    entities: [],
    skipped: []
);
t!(
    relabel_then_merge_with_actor,
    [mark("Syria", 1, State), merge("Syria", 1, "IS", 0)],
    marks: ["-2 Syria:geopolitical", "+2 Syria:state!"],
    entities: ["-1 Syria [] ×2", "+1 Syria [] ×1", "+2 IS [\"Syria\"] ×3", "-3 IS [] ×2"],
    skipped: []
);

#[test]
fn number_mark_gets_a_reading_and_the_persons_type() {
    let doc = apply(&annotator(), TEXT, &[mark("43", 0, Year)]);
    let a = doc
        .annotations
        .iter()
        .find(|a| a.text == "43")
        .expect("43 marked");
    assert_eq!(
        (a.ty, a.kind, a.source),
        (Year, crate::Kind::Number, Source::User)
    );
    assert_eq!(a.number.as_ref().map(|n| n.value), Some(43.0));
    assert_eq!(a.entity, None);
}

#[test]
fn number_marks_read_the_whole_span_or_the_number_inside() {
    let text = "Mellom 10.000 og 25.000 flyktet, i alt 43 drepte.";
    let at = |word: &str| {
        let start = text[..text.find(word).expect("in text")].chars().count();
        (start, start + word.chars().count())
    };
    let mark = |word: &str| Correction::Mark {
        start: at(word).0,
        end: at(word).1,
        text: word.into(),
        ty: Count,
    };
    let doc = apply(
        &annotator(),
        text,
        &[mark("Mellom 10.000 og 25.000"), mark("i alt 43")],
    );
    type Read<'a> = (&'a str, Option<(f64, crate::Qualifier, Option<f64>)>);
    let readings: Vec<Read> = doc
        .annotations
        .iter()
        .filter(|a| a.source == Source::User)
        .map(|a| {
            (
                a.text.as_str(),
                a.number.as_ref().map(|n| (n.value, n.qualifier, n.upper)),
            )
        })
        .collect();
    assert_eq!(
        readings,
        [
            (
                "Mellom 10.000 og 25.000",
                Some((10000.0, crate::Qualifier::Range, Some(25000.0)))
            ),
            ("i alt 43", Some((43.0, crate::Qualifier::Exact, None))),
        ]
    );
}

#[test]
fn merged_entity_takes_the_type_of_most_mentions() {
    let doc = apply(
        &annotator(),
        TEXT,
        &[
            mark("Rami Abdelrahman", 0, Organisation),
            merge("IS", 0, "Rami Abdelrahman", 0),
        ],
    );
    let e = doc
        .entities
        .iter()
        .find(|e| e.name == "Rami Abdelrahman")
        .expect("merged");
    assert_eq!(e.ty, Organisation);
    let doc = apply(&annotator(), TEXT, &[merge("IS", 0, "Rami Abdelrahman", 0)]);
    let e = doc
        .entities
        .iter()
        .find(|e| e.name == "Rami Abdelrahman")
        .expect("merged");
    assert_eq!((e.ty, e.mentions.len()), (Organisation, 3));
}

#[test]
fn unmark_survives_reannotation_of_an_edited_text() {
    let c = unmark("IS", 1);
    let edited = TEXT.replace("Ifølge SOHR", "Ifølge Syrian Observatory (SOHR)");
    let r = rebase(TEXT, &edited, &[c]);
    assert!(r.dropped.is_empty());
    let doc = apply(&annotator(), &edited, &r.corrections);
    let is: Vec<&str> = doc
        .annotations
        .iter()
        .filter(|a| a.text == "IS")
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(is.len(), 1);
    assert_eq!(validate(&doc), Ok(()));
}

#[test]
fn mark_helper_trims_and_rejects() {
    let text = "i  Syria\n.";
    assert_eq!(
        Correction::mark(text, 1, 9, Geopolitical),
        Some(Correction::Mark {
            start: 3,
            end: 8,
            text: "Syria".into(),
            ty: Geopolitical
        })
    );
    assert_eq!(Correction::mark(text, 1, 3, Person), None);
    assert_eq!(Correction::mark(text, 3, 99, Person), None);
    assert_eq!(Correction::mark(text, 5, 3, Person), None);
}

macro_rules! utf16 {
    ($name:ident, $text:expr, $pairs:expr) => {
        #[test]
        fn $name() {
            let text: &str = $text;
            let pairs: &[(usize, usize)] = $pairs;
            for &(units, points) in pairs {
                assert_eq!(utf16_to_code_point(text, units), points, "utf16 {units}");
            }
        }
    };
}

utf16!(
    ascii_is_the_same,
    "Syria",
    &[(0, 0), (3, 3), (5, 5), (9, 5)]
);
utf16!(
    norwegian_letters_are_one_unit,
    "Ærø å",
    &[(1, 1), (3, 3), (5, 5)]
);
utf16!(
    emoji_are_two_units,
    "a🙂b👩‍👩‍👧c",
    &[(1, 1), (2, 1), (3, 2), (4, 3), (6, 4), (12, 8), (13, 9)]
);
utf16!(crlf_is_two_units, "a\r\nb", &[(1, 1), (3, 3), (4, 4)]);
utf16!(empty_text, "", &[(0, 0), (7, 0)]);

#[test]
fn utf16_round_trips_on_code_point_boundaries() {
    let text = "🙂 «SOHR» i Ærø\r\n👩‍👩‍👧 e\u{301} مرحبا";
    for cp in 0..=text.chars().count() {
        assert_eq!(utf16_to_code_point(text, code_point_to_utf16(text, cp)), cp);
    }
    assert_eq!(code_point_to_utf16(text, 999), text.encode_utf16().count());
}

#[test]
fn corrections_serialize_with_an_op_tag() {
    let c = mark("SOHR", 0, State);
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(
        json,
        r#"{"op":"mark","start":7,"end":11,"text":"SOHR","type":"state"}"#
    );
    let back: Correction = serde_json::from_str(&json).unwrap();
    assert_eq!(back, c);
    let m = r#"{"op":"merge","start":1,"end":2,"text":"a","into_start":3,"into_end":4,"into_text":"b"}"#;
    assert_eq!(
        serde_json::to_string(&serde_json::from_str::<Correction>(m).unwrap()).unwrap(),
        m
    );
    assert!(serde_json::from_str::<Correction>(r#"{"op":"paint","start":1}"#).is_err());
}

macro_rules! r {
    ($name:ident, $old:expr, $new:expr, $span:expr, $want:expr) => {
        #[test]
        fn $name() {
            let (old, new): (&str, &str) = ($old, $new);
            let (word, nth): (&str, usize) = $span;
            let (byte, _) = old.match_indices(word).nth(nth).expect("word in old");
            let start = old[..byte].chars().count();
            let c = Correction::Unmark {
                start,
                end: start + word.chars().count(),
                text: word.into(),
            };
            let r = rebase(old, new, std::slice::from_ref(&c));
            let want: Option<usize> = $want;
            match want {
                Some(at) => {
                    assert_eq!(r.dropped, vec![]);
                    assert_eq!(r.corrections[0].anchors()[0].start, at);
                    assert!(r.corrections[0].is_anchored(new));
                }
                None => {
                    assert_eq!(r.corrections, vec![]);
                    assert_eq!(r.dropped, vec![c]);
                }
            }
        }
    };
}

r!(
    same_text,
    "i Syria og Irak",
    "i Syria og Irak",
    ("Syria", 0),
    Some(2)
);
r!(
    edit_after,
    "i Syria og Irak",
    "i Syria og Iran",
    ("Syria", 0),
    Some(2)
);
r!(
    insert_before,
    "i Syria og Irak",
    "Krig i Syria og Irak",
    ("Syria", 0),
    Some(7)
);
r!(
    delete_before,
    "Krig i Syria",
    "i Syria",
    ("Syria", 0),
    Some(2)
);
r!(
    emoji_before_counts_one,
    "i Syria",
    "🙂 i Syria",
    ("Syria", 0),
    Some(4)
);
r!(
    crlf_before_counts_two,
    "a\nb Syria",
    "a\r\nb Syria",
    ("Syria", 0),
    Some(5)
);
r!(
    edit_inside_word_drops,
    "i Syria og Irak",
    "i Syrien og Irak",
    ("Syria", 0),
    None
);
r!(
    retyped_sentence_keeps_word,
    "Før. SOHR sa nei. Etter.",
    "Før. Ifølge SOHR var svaret nei. Etter.",
    ("SOHR", 0),
    Some(12)
);
r!(
    word_moved_far_away_drops,
    "SOHR sa nei. Slutt.",
    &format!("Sa nei.{} SOHR{} Slutt.", " x".repeat(80), " y".repeat(80)),
    ("SOHR", 0),
    None
);
r!(
    repeated_word_picks_nearest,
    "Syria, Syria, Syria og Irak.",
    "Syria, Syria, Syrien og Irak og Syria.",
    ("Syria", 1),
    Some(7)
);
r!(everything_deleted, "i Syria", "", ("Syria", 0), None);
r!(
    from_empty_word_at_end,
    "Syria",
    "Syria og Irak",
    ("Syria", 0),
    Some(0)
);

#[test]
fn rebase_drops_what_did_not_hold_and_moves_both_merge_anchors() {
    let old = "SDF og Syrian Democratic Forces";
    let merge = Correction::Merge {
        start: 0,
        end: 3,
        text: "SDF".into(),
        into_start: 7,
        into_end: 31,
        into_text: "Syrian Democratic Forces".into(),
    };
    let stale = Correction::Unmark {
        start: 0,
        end: 3,
        text: "IS".into(),
    };
    let r = rebase(old, &format!("Nå: {old}"), &[merge.clone(), stale.clone()]);
    assert_eq!(r.dropped, vec![stale]);
    let moved: Vec<(usize, usize)> = r.corrections[0]
        .anchors()
        .iter()
        .map(|a| (a.start, a.end))
        .collect();
    assert_eq!(moved, vec![(4, 7), (11, 35)]);
    let r = rebase(old, "SDF og Syrian Forces", std::slice::from_ref(&merge));
    assert_eq!(r.dropped, vec![merge]);
}
