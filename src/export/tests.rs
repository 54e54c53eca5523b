//! The exports, each against the sample document of the open tests.

use super::*;
use crate::error::ErrorKind;
use crate::open::tests::{doc, sample, TEXT};
use crate::vocab::{AnnotationType, Source};
use serde_json::{json, Value};

#[test]
fn w3c_has_one_annotation_per_mark_with_both_selectors() {
    let d = sample();
    let v: Value = serde_json::from_str(&Format::W3c.write(&d).unwrap()).unwrap();
    assert_eq!(v["@context"][0], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(v["type"], "AnnotationCollection");
    assert_eq!(v["total"], d.annotations.len());
    let items = v["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), d.annotations.len());
    let source = source_iri(&d);
    assert!(source.starts_with("urn:tusj:doc:"));
    let chars: Vec<char> = d.text.chars().collect();
    for (item, a) in items.iter().zip(&d.annotations) {
        assert_eq!(item["type"], "Annotation");
        assert_eq!(item["id"], format!("{source}:{}", a.id));
        assert_eq!(item["target"]["source"], source);
        let quote = &item["target"]["selector"][0];
        assert_eq!(quote["type"], "TextQuoteSelector");
        assert_eq!(quote["exact"], a.text);
        let prefix: String = chars[a.start.saturating_sub(32)..a.start].iter().collect();
        let suffix: String = chars[a.end..(a.end + 32).min(chars.len())].iter().collect();
        assert_eq!(
            (&quote["prefix"], &quote["suffix"]),
            (&json!(prefix), &json!(suffix))
        );
        let position = &item["target"]["selector"][1];
        assert_eq!(
            position,
            &json!({"type": "TextPositionSelector", "start": a.start, "end": a.end})
        );
        assert_eq!(item["body"][0]["purpose"], "tagging");
        assert_eq!(
            item["body"][0]["value"],
            format!("{}/{}", a.kind.as_str(), a.ty.as_str())
        );
        let who = if a.source == Source::User {
            "Person"
        } else {
            "Software"
        };
        assert_eq!(item["creator"]["type"], who);
        assert_eq!(item["generator"]["id"], "urn:tusj:agent:tusj");
    }
    let sohr = &items[2]["body"][1];
    assert_eq!(sohr["purpose"], "identifying");
    assert_eq!(sohr["value"], "Syrian Observatory, \"for\" Human Rights");
    let range = &items[6]["body"][1];
    assert_eq!(range["purpose"], "describing");
    assert_eq!(range["value"], "range 10000–25000");
    assert_eq!(
        (&range["tusj:value"], &range["tusj:upper"]),
        (&json!(10000.0), &json!(25000.0))
    );
    assert_eq!(items[3]["body"][1]["value"], "at_least 43 mennesker");
    assert_eq!(items[3]["body"][1]["tusj:counted"], "mennesker");
    assert!(Format::W3c
        .write(&doc("", vec![]))
        .unwrap()
        .contains("\"total\": 0"));
}

#[test]
fn displacy_uses_code_point_offsets_and_labels() {
    let d = sample();
    let v: Value = serde_json::from_str(&Format::Displacy.write(&d).unwrap()).unwrap();
    assert_eq!(v["text"], d.text);
    assert_eq!(v["title"], "Over sju år inn i krigen i Syria, …");
    let ents: Vec<(u64, u64, &str)> = v["ents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["start"].as_u64().unwrap(),
                e["end"].as_u64().unwrap(),
                e["label"].as_str().unwrap(),
            )
        })
        .collect();
    let chars: Vec<char> = d.text.chars().collect();
    let shown: Vec<(String, &str)> = ents
        .iter()
        .map(|&(s, e, l)| (chars[s as usize..e as usize].iter().collect(), l))
        .collect();
    let want = [
        ("sju år", "QUANTITY"),
        ("Syria", "GPE_LOC"),
        ("SOHR", "ORG"),
        ("Minst 43 mennesker", "CARDINAL"),
        ("SOHR, «Kurdisk» ørken", "ORG"),
        ("Ærø-gruppa", "ORG"),
        ("Mellom 10.000 og 25.000", "CARDINAL"),
        ("2,5 prosent", "PERCENT"),
        ("90 prosent", "PERCENT"),
    ];
    let shown: Vec<(&str, &str)> = shown.iter().map(|(t, l)| (t.as_str(), *l)).collect();
    assert_eq!(shown, want);
    assert_eq!(
        serde_json::from_str::<Value>(&Format::Displacy.write(&doc("", vec![])).unwrap()).unwrap()
            ["title"],
        Value::Null
    );
}

#[test]
fn displacy_labels_cover_every_type() {
    let labels: Vec<&str> = AnnotationType::ALL
        .into_iter()
        .map(super::displacy::displacy_label)
        .collect();
    assert_eq!(
        labels,
        [
            "PER", "ORG", "GPE_ORG", "GPE_LOC", "LOC", "CARDINAL", "DATE", "DATE", "TIME",
            "PERCENT", "MONEY", "QUANTITY", "ORDINAL"
        ]
    );
}

#[test]
fn entities_csv_quotes_as_rfc_4180() {
    let mut d = sample();
    d.entities[0].name = "=HYPERLINK(\"x\")".into();
    d.entities[3].aliases = vec!["Ærø\ngruppa".into(), "ÆG".into()];
    let csv = Format::EntitiesCsv.write(&d).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines,
        [
            "id,kind,type,name,aliases,mentions,first_offset",
            "e1,place,geopolitical,\"'=HYPERLINK(\"\"x\"\")\",,1,41",
            "e2,actor,organisation,\"Syrian Observatory, \"\"for\"\" Human Rights\",SOHR,1,55",
            "e3,actor,organisation,\"SOHR, «Kurdisk» ørken\",,1,98",
            "e4,actor,organisation,Ærø-gruppa,\"Ærø\ngruppa | ÆG\",1,126",
            "",
        ]
    );
}

#[test]
fn numbers_csv_lists_every_number() {
    let csv = Format::NumbersCsv.write(&sample()).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "id,type,text,value,qualifier,upper,unit,counted,start,end,left,right,iso,reading"
    );
    assert_eq!(lines[2], "a4,count,Minst 43 mennesker,43,at_least,,,mennesker,64,82,,\"ble drept – 🙂 «SOHR, «Kurdisk»\",,minst 43 (mennesker)");
    assert_eq!(lines[3], "a7,count,Mellom 10.000 og 25.000,10000,range,25000,,,138,161,\"🙂 «SOHR, «Kurdisk» ørken» sier Ærø-gruppa.\",\"flyktet, 2,5 prosent.\",,10\u{a0}000–25\u{a0}000");
    assert_eq!(lines.len(), 7);
}

#[test]
fn numbers_csv_for_excel_has_bom_semicolons_and_decimal_commas() {
    let csv = Format::NumbersCsvExcel.write(&sample()).unwrap();
    assert!(csv.starts_with("\u{feff}id;type;text;value;"), "{csv}");
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[4], "a8;percent;2,5 prosent;2,5;exact;;percent;;171;182;Ærø-gruppa. Mellom 10.000 og 25.000 flyktet,;.;;2,5 prosent");
    assert_eq!(lines[3], "a7;count;Mellom 10.000 og 25.000;10000;range;25000;;;138;161;🙂 «SOHR, «Kurdisk» ørken» sier Ærø-gruppa.;flyktet, 2,5 prosent.;;10\u{a0}000–25\u{a0}000");
    let entities = Format::EntitiesCsvExcel.write(&sample()).unwrap();
    assert!(entities.starts_with("\u{feff}id;kind;type;name;aliases;mentions;first_offset\r\n"));
}

macro_rules! name {
    ($name:ident, $base:expr, $format:expr, $want:expr) => {
        #[test]
        fn $name() {
            assert_eq!(
                Format::from_name($format).map(|f| f.file_name($base)),
                Ok($want.to_string())
            );
        }
    };
}

name!(tusj_name, "syria", "tusj", "syria.tusj.json");
name!(w3c_name, "syria", "w3c", "syria.w3c.jsonld");
name!(displacy_name, "syria", "displacy", "syria.displacy.json");
name!(csv_name, "syria", "csv", "syria.entities.csv");
name!(numbers_name, "syria", "numbers-csv", "syria.numbers.csv");
name!(
    excel_name,
    "syria",
    "numbers-csv-excel",
    "syria.numbers.excel.csv"
);
name!(
    path_name,
    "../../etc/passwd",
    "tusj",
    "etc-passwd.tusj.json"
);
name!(
    reserved_chars,
    "a<b>:c\"d|e?*\u{7}f",
    "csv",
    "a-b-c-d-e-f.entities.csv"
);
name!(windows_device, "con", "tusj", "con-article.tusj.json");
name!(empty_name, " .. ", "tusj", "article.tusj.json");
name!(norwegian_kept, "Ærø og Å", "tusj", "Ærø og Å.tusj.json");

macro_rules! default {
    ($name:ident, $text:expr, $want:expr) => {
        #[test]
        fn $name() {
            let d = doc($text, vec![]);
            assert_eq!(default_name(&d), $want);
        }
    };
}

default!(
    from_header_and_words,
    TEXT,
    "2018-11-over-sju-ar-inn-i-krigen"
);
default!(
    section_header,
    " date 2017-09 utenriks\n\nMens USA støtter",
    "2017-09-mens-usa-stotter"
);
default!(
    no_header,
    "Ærøs «ørken» — Deir al-Zor é",
    "aeros-orken-deir-al-zor-e"
);
default!(
    long_words_cut,
    &"Donaudampfschiffahrtsgesellschaftskapitän ".repeat(3),
    "donaudampfschiffahrtsgesellschaftskapitan"
);
default!(nothing, "🙂 — «»", "article");
default!(empty, "", "article");

#[test]
fn formats_are_named_once_and_write_by_name() {
    let d = sample();
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    assert_eq!(
        names,
        [
            "tusj",
            "w3c",
            "displacy",
            "csv",
            "numbers-csv",
            "csv-excel",
            "numbers-csv-excel",
            "geojson",
            "events-csv"
        ]
    );
    for f in Format::ALL {
        assert_eq!(Format::from_name(f.name()), Ok(f));
        assert!(!f.write(&d).unwrap().is_empty(), "{}", f.name());
        let ext = f.extension();
        assert_eq!(f.file_name("a"), format!("a.{ext}"));
        assert!(!f.label().is_empty() && !f.media_type().is_empty());
    }
    let extensions: std::collections::HashSet<&str> =
        Format::ALL.iter().map(|f| f.extension()).collect();
    assert_eq!(extensions.len(), Format::ALL.len(), "one file ending each");
    assert_eq!(Format::Tusj.write(&d), d.to_json_pretty());
    let err = Format::from_name("xml").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Document);
    assert!(err.to_string().contains("unknown export format \"xml\""));
    assert!(err
        .to_string()
        .contains("known are tusj, w3c, displacy, csv, numbers-csv, csv-excel, numbers-csv-excel, geojson, events-csv"));
    assert_eq!(
        Format::W3c.media_type(),
        "application/ld+json;profile=\"http://www.w3.org/ns/anno.jsonld\""
    );
}

#[test]
fn exports_never_panic_on_inconsistent_documents() {
    let mut d = sample();
    d.annotations[0].start = 10_000;
    d.annotations[0].end = 3;
    d.annotations[1].entity = Some("e77".into());
    d.entities[0].mentions.push("a404".into());
    for f in Format::ALL {
        let _ = f.write(&d);
    }
    let _ = crate::overview::numbers_table(&d);
    assert!(crate::open::validate(&d).is_err());
}
