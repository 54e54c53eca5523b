//! Opening saved documents: every way a `.tusj.json` can be broken gets a one-line error,
//! and what tusj wrote opens to the same bytes. The sample document here is shared with the
//! export and overview tests.

use super::*;
use crate::export::Format;
use crate::review::Correction;
use crate::vocab::{Annotation, AnnotationType, Meta, NumberReading, Qualifier, Source};
use serde_json::{json, Value};
use AnnotationType::*;

pub(crate) fn reading(
    value: f64,
    qualifier: Qualifier,
    upper: Option<f64>,
    unit: Option<&str>,
    counted: Option<&str>,
) -> Option<NumberReading> {
    Some(NumberReading {
        value,
        qualifier,
        upper,
        unit: unit.map(str::to_string),
        iso: None,
        counted: counted.map(str::to_string),
    })
}

pub(crate) type Mark = (
    &'static str,
    usize,
    AnnotationType,
    Source,
    Option<NumberReading>,
);

/// A document over `text` with the given marks (word, occurrence, type, source,
/// reading), its entities grouped as the annotator groups them.
pub(crate) fn doc(text: &str, marks: Vec<Mark>) -> Document {
    let mut annotations: Vec<Annotation> = marks
        .into_iter()
        .map(|(word, nth, ty, source, number)| {
            let (byte, _) = text.match_indices(word).nth(nth).expect("word in text");
            let start = text[..byte].chars().count();
            Annotation {
                id: String::new(),
                kind: ty.kind(),
                ty,
                start,
                end: start + word.chars().count(),
                text: word.to_string(),
                entity: None,
                source,
                number,
            }
        })
        .collect();
    annotations.sort_by_key(|a| a.start);
    for (i, a) in annotations.iter_mut().enumerate() {
        a.id = format!("a{}", i + 1);
    }
    let entities = crate::entities::group(text, &mut annotations);
    Document {
        format: Document::FORMAT.into(),
        version: Document::VERSION,
        text: text.to_string(),
        meta: crate::text::header(text).meta,
        annotations,
        entities,
        events: Vec::new(),
        corrections: Vec::new(),
        other_languages: Vec::new(),
    }
}

pub(crate) const TEXT: &str =
    " date 2018-11 Over sju år inn i krigen i Syria, melder SOHR.\r\n\r\n\
    Minst 43 mennesker ble drept – 🙂 «SOHR, «Kurdisk» ørken» sier Ærø-gruppa. \
    Mellom 10.000 og 25.000 flyktet, 2,5 prosent.\n\nNytt avsnitt: 90 prosent.";

pub(crate) fn sample() -> Document {
    let mut d = doc(
        TEXT,
        vec![
            (
                "sju år",
                0,
                Measure,
                Source::Rules,
                reading(7.0, Qualifier::Exact, None, Some("year"), None),
            ),
            ("Syria", 0, Geopolitical, Source::Model, None),
            ("SOHR", 0, Organisation, Source::Model, None),
            (
                "Minst 43 mennesker",
                0,
                Count,
                Source::Rules,
                reading(43.0, Qualifier::AtLeast, None, None, Some("mennesker")),
            ),
            ("SOHR, «Kurdisk» ørken", 0, Organisation, Source::User, None),
            ("Ærø-gruppa", 0, Organisation, Source::Model, None),
            (
                "Mellom 10.000 og 25.000",
                0,
                Count,
                Source::Rules,
                reading(10000.0, Qualifier::Range, Some(25000.0), None, None),
            ),
            (
                "2,5 prosent",
                0,
                Percent,
                Source::Rules,
                reading(2.5, Qualifier::Exact, None, Some("percent"), None),
            ),
            (
                "90 prosent",
                0,
                Percent,
                Source::User,
                reading(90.0, Qualifier::Exact, None, Some("percent"), None),
            ),
        ],
    );
    let (start, end) = (d.annotations[2].start, d.annotations[2].end);
    d.corrections = vec![
        Correction::Unmark {
            start: start + 1,
            end: start + 3,
            text: "OH".into(),
        },
        Correction::Rename {
            start,
            end,
            text: "SOHR".into(),
            name: "Syrian Observatory, \"for\" Human Rights".into(),
        },
    ];
    d.entities[1].name = "Syrian Observatory, \"for\" Human Rights".into();
    d.entities[1].aliases = vec!["SOHR".into()];
    d
}

#[test]
fn sample_is_valid() {
    assert_eq!(validate(&sample()), Ok(()));
}

#[test]
fn tusj_json_round_trips_exactly() {
    let mut docs = vec![
        sample(),
        doc("", vec![]),
        doc("\r\n", vec![]),
        doc(
            "🙂🙂 Syria\r\n",
            vec![("Syria", 0, State, Source::Gazetteer, None)],
        ),
        doc(
            "Tallet er 0,1 eller 1e21 eller 123456789,123456789.",
            vec![
                (
                    "0,1",
                    0,
                    Count,
                    Source::Rules,
                    reading(0.1, Qualifier::Approximately, None, None, None),
                ),
                (
                    "1e21",
                    0,
                    Count,
                    Source::Rules,
                    reading(1e21, Qualifier::MoreThan, None, Some("NOK"), None),
                ),
                (
                    "123456789,123456789",
                    0,
                    Measure,
                    Source::User,
                    reading(
                        123_456_789.123_456_79,
                        Qualifier::AtMost,
                        Some(1.0 / 3.0),
                        Some("km"),
                        Some("vei"),
                    ),
                ),
            ],
        ),
    ];
    docs.push(crate::review::apply(
        crate::embedded_annotator().expect("the embedded model"),
        " date 2017-09 utenriks\r\n\r\nMens USA støtter SDF i Syria, 🙂 sier Ærø.",
        &[Correction::Unmark {
            start: 32,
            end: 35,
            text: "SDF".into(),
        }],
    ));
    for d in docs {
        let json = d.to_json_pretty().expect("written");
        let back = Document::from_json(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
        assert_eq!(back, d);
        assert_eq!(back.to_json_pretty(), Ok(json));
        let line = d.to_json().expect("written");
        assert_eq!(
            Document::from_json(&line).and_then(|b| b.to_json()),
            Ok(line)
        );
    }
}

/// Replaces the value at a JSON pointer of the sample's JSON (or removes it for `None`).
fn broken(pointer: &str, value: Option<Value>) -> String {
    let mut v: Value = serde_json::from_str(&sample().to_json().unwrap()).unwrap();
    match value {
        Some(value) => *v.pointer_mut(pointer).expect("pointer") = value,
        None => {
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            v.pointer_mut(parent)
                .and_then(Value::as_object_mut)
                .unwrap()
                .remove(key);
        }
    }
    v.to_string()
}

macro_rules! t {
    ($name:ident, $json:expr, $message:expr) => {
        #[test]
        fn $name() {
            let json: String = $json;
            let err = Document::from_json(&json).expect_err("must be refused");
            assert_eq!(err.kind(), ErrorKind::Document);
            let shown = err.to_string();
            assert!(!shown.contains('\n'), "one line: {shown}");
            assert!(shown.contains($message), "{shown:?} lacks {:?}", $message);
        }
    };
}

t!(empty_input, String::new(), "not valid JSON");
t!(
    plain_text,
    "Over sju år inn i krigen".into(),
    "line 1: not a tusj document: not valid JSON"
);
t!(
    truncated,
    sample().to_json_pretty().unwrap()[..200].to_string(),
    "not valid JSON"
);
t!(
    an_array,
    "[1, 2]".into(),
    "the JSON is an array, not an object"
);
t!(
    random_object,
    r#"{"a": 1}"#.into(),
    "no \"format\": \"tusj\" field"
);
t!(
    displacy_file,
    Format::Displacy.write(&sample()).unwrap(),
    "looks like a displaCy file"
);
t!(
    w3c_file,
    Format::W3c.write(&sample()).unwrap(),
    "looks like a W3C Web Annotation file"
);
t!(
    other_format,
    broken("/format", Some(json!("brat"))),
    "\"format\" is \"brat\""
);
t!(
    version_two,
    broken("/version", Some(json!(2))),
    "tusj version 2 is not supported"
);
t!(
    no_version,
    broken("/version", None),
    "\"version\" is missing"
);
t!(
    no_text,
    broken("/text", None),
    "field \"text\" is missing or not a string"
);
t!(
    text_not_string,
    broken("/text", Some(json!(5))),
    "field \"text\" is missing"
);
t!(
    annotations_not_array,
    broken("/annotations", Some(json!({}))),
    "field \"annotations\""
);
t!(
    unknown_type,
    broken("/annotations/1/type", Some(json!("city"))),
    "annotation 2 (\"a2\"): unknown variant `city`"
);
t!(
    negative_start,
    broken("/annotations/1/start", Some(json!(-1))),
    "annotation 2 (\"a2\"): invalid value"
);
t!(
    kind_mismatch,
    broken("/annotations/1/kind", Some(json!("actor"))),
    "annotation 2 (\"a2\"): kind \"actor\" does not match type \"geopolitical\""
);
t!(
    reversed,
    broken("/annotations/1/end", Some(json!(3))),
    "annotation 2 (\"a2\"): span 41..3 is empty or reversed"
);
t!(
    past_end,
    broken("/annotations/8/end", Some(json!(10_000))),
    "annotation 9 (\"a9\"): end 10000 is past the end of the text (210 code points)"
);
t!(
    wrong_text,
    broken("/annotations/1/text", Some(json!("Syrja"))),
    "annotation 2 (\"a2\"): \"text\" is \"Syrja\" but the text at 41..46 is \"Syria\""
);
t!(
    overlap,
    broken("/annotations/2/start", Some(json!(45))),
    "annotation 3 (\"a3\"): \"text\" is \"SOHR\""
);
t!(
    unsorted,
    broken("/annotations/1", Some(sample_annotation(3))),
    "annotation 3 (\"a3\"): starts at 55, before the annotation before it (\"a4\") ends at 82"
);
t!(
    bad_id,
    broken("/annotations/1/id", Some(json!("A 1"))),
    "annotation 2 (\"A 1\"): \"id\" is not a letter and digits"
);
t!(
    blank_entity_name,
    broken("/entities/1/name", Some(json!(" "))),
    "entity 2 (\"e2\"): \"name\" is empty"
);
t!(
    bad_date,
    broken("/meta/date", Some(json!("nov 2018"))),
    "meta: \"date\" \"nov 2018\" is not YYYY"
);
t!(
    duplicate_id,
    broken("/annotations/1/id", Some(json!("a1"))),
    "annotation 2 (\"a1\"): its id is used twice"
);
t!(number_without_reading, broken("/annotations/0/qualifier", None), "annotation 1 (\"a1\"): a number needs its reading (value, qualifier, upper, unit): missing field `qualifier`");
t!(
    name_with_reading,
    broken("/annotations/1", Some(with_reading(1))),
    "annotation 2 (\"a2\"): a place cannot have number fields"
);
t!(
    missing_entity,
    broken("/annotations/1/entity", Some(json!("e9"))),
    "annotation 2 (\"a2\"): its entity \"e9\" does not exist"
);
t!(
    entity_not_listing,
    broken("/annotations/1/entity", Some(json!("e2"))),
    "its entity \"e2\" does not list it"
);
t!(
    dangling_mention,
    broken("/entities/0/mentions", Some(json!(["a2", "a99"]))),
    "entity 1 (\"e1\"): mention \"a99\" is not an annotation"
);
t!(
    entity_of_numbers,
    broken("/entities/0/type", Some(json!("count"))),
    "an entity is an actor or a place"
);
t!(
    bad_correction_op,
    broken("/corrections/0/op", Some(json!("paint"))),
    "correction 1: unknown variant `paint`"
);
t!(
    unanchored_correction,
    broken("/corrections/1/text", Some(json!("SOHX"))),
    "correction 2 (rename): its text \"SOHX\" is not at 55..59 of the text"
);

fn with_reading(i: usize) -> Value {
    let mut a = sample_annotation(i);
    let fields = json!({"value": 1, "qualifier": "exact", "upper": null, "unit": null});
    a.as_object_mut()
        .unwrap()
        .extend(fields.as_object().unwrap().clone());
    a
}

fn sample_annotation(i: usize) -> Value {
    serde_json::to_value(&sample().annotations[i]).unwrap()
}

#[test]
fn meta_defaults_are_left_out() {
    assert_eq!(serde_json::to_string(&Meta::default()).unwrap(), "{}");
}

#[test]
fn one_entity_with_many_mentions_validates() {
    // A long article that names one place 60,000 times: checking that the entity
    // lists each mention must not search its whole list once per annotation.
    let n = 60_000;
    let text = "Oslo ".repeat(n);
    let mut annotations: Vec<Annotation> = (0..n)
        .map(|i| Annotation {
            id: format!("a{}", i + 1),
            kind: Geopolitical.kind(),
            ty: Geopolitical,
            start: 5 * i,
            end: 5 * i + 4,
            text: "Oslo".into(),
            entity: None,
            source: Source::Model,
            number: None,
        })
        .collect();
    let entities = crate::entities::group(&text, &mut annotations);
    let d = Document {
        format: Document::FORMAT.into(),
        version: Document::VERSION,
        text,
        meta: Meta::default(),
        annotations,
        entities,
        events: Vec::new(),
        corrections: Vec::new(),
        other_languages: Vec::new(),
    };
    assert_eq!(d.entities.len(), 1);
    assert!(validate(&d).is_ok());
}
