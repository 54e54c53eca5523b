//! The JavaScript-facing API in a real browser (wasm-bindgen-test in headless Chromium):
//! the objects the page receives have exactly the shape of the core's JSON export.
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use tusj::export::Format;
use tusj::wasm;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Texts whose offsets or shape are easy to get wrong.
const TEXTS: &[&str] = &[
    "",
    include_str!("../seeds/000_eb9eaf48cf008476.txt"),
    include_str!("../seeds/002_11d0ac0b53571547.txt"),
    "Ifølge SOHR ble minst 43 mennesker drept i Syria i 2014.",
    "😀 Ærlig talt: «USA støtter SDF» i Deir al-Zor.\r\nMer enn 360.000 døde, 90 prosent.",
    " date 2017-09 utenriks\n\nRussland har lenge støttet Bashar al-Assad.",
];

/// The page inlines the model and the place table beside the wasm and hands them over
/// (`loadData`); the tests do the same, once.
fn loaded() {
    wasm::load_data(
        include_bytes!("../src/model/model.bin").to_vec(),
        include_bytes!("../src/geo/places.bin").to_vec(),
    );
}

#[wasm_bindgen_test]
fn warm_decodes_the_model_and_places_once_handed_over() {
    loaded();
    assert!(wasm::warm().is_ok());
    let doc = json(
        &wasm::annotate("Erna Solberg besøkte Bergen.")
            .map_err(JsValue::from)
            .expect("annotates"),
    );
    let bergen = doc["entities"]
        .as_array()
        .and_then(|es| es.iter().find(|e| e["name"] == "Bergen"))
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(
        bergen["geo"]["country"], "NO",
        "the place table was handed over: {bergen}"
    );
}

/// JSON numbers compare by value: the core writes `43.0` where JavaScript writes `43`.
fn normalise(v: Value) -> Value {
    match v {
        Value::Number(n) => n
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Null, Value::Number),
        Value::Array(a) => Value::Array(a.into_iter().map(normalise).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, normalise(v))).collect()),
        other => other,
    }
}

fn stringify(v: &JsValue) -> String {
    js_sys::JSON::stringify(v)
        .map(String::from)
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn annotate_returns_the_cores_json_shape() {
    loaded();
    for text in TEXTS {
        let js = wasm::annotate(text)
            .map_err(JsValue::from)
            .expect("annotate");
        let from_js: Value = serde_json::from_str(&stringify(&js)).expect("JSON from JS");
        let core: Value = serde_json::from_str(&tusj::annotate(text).to_json().expect("written"))
            .expect("core JSON");
        assert_eq!(normalise(from_js), normalise(core), "text {text:?}");
    }
}

#[wasm_bindgen_test]
fn numbers_carry_null_not_undefined() {
    loaded();
    let js = wasm::annotate("Minst 43 mennesker ble drept.")
        .map_err(JsValue::from)
        .expect("annotate");
    let doc: Value = serde_json::from_str(&stringify(&js)).expect("JSON");
    let numbers: Vec<&Value> = doc["annotations"]
        .as_array()
        .expect("annotations")
        .iter()
        .filter(|a| a["kind"] == "number")
        .collect();
    assert!(!numbers.is_empty(), "a number is found: {doc}");
    for n in numbers {
        // JSON.stringify drops undefined members, so a present key with null proves `null`.
        assert!(n.get("upper").is_some_and(Value::is_null), "{n}");
        assert!(n.get("unit").is_some(), "{n}");
    }
}

#[wasm_bindgen_test]
fn export_json_is_the_cores_export() {
    loaded();
    for text in TEXTS {
        let js = wasm::annotate(text)
            .map_err(JsValue::from)
            .expect("annotate");
        let exported = wasm::export_json(js)
            .map_err(JsValue::from)
            .expect("export");
        assert_eq!(
            exported,
            tusj::annotate(text).to_json_pretty().expect("written"),
            "text {text:?}"
        );
    }
}

#[wasm_bindgen_test]
fn export_json_rejects_what_is_not_a_document() {
    loaded();
    let not_docs = [
        JsValue::NULL,
        JsValue::from_str("{\"format\":\"tusj\"}"),
        js_sys::JSON::parse("{\"format\":\"tusj\",\"version\":1}").expect("parse"),
        js_sys::JSON::parse("[1,2,3]").expect("parse"),
    ];
    for v in not_docs {
        let err = wasm::export_json(v).map(|_| ()).map_err(JsValue::from);
        let err = err.expect_err("not a document");
        let message = js_sys::Reflect::get(&err, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_default();
        assert!(message.contains("not a tusj document"), "{message}");
    }
}

#[wasm_bindgen_test]
fn version_is_the_crates() {
    loaded();
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

fn json(v: &JsValue) -> Value {
    serde_json::from_str(&stringify(v)).expect("JSON from JS")
}

fn js(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("parse")
}

#[wasm_bindgen_test]
fn apply_replays_corrections_like_the_core() {
    loaded();
    let text = "Ifølge SOHR ble minst 43 mennesker drept i Syria.";
    let list = r#"[{"op":"unmark","start":7,"end":11,"text":"SOHR"},
                   {"op":"mark","start":22,"end":34,"text":"43 mennesker","type":"count"}]"#;
    let applied = wasm::apply(text, js(list))
        .map_err(JsValue::from)
        .expect("apply");
    let corrections: Vec<tusj::Correction> = serde_json::from_str(list).expect("corrections");
    let core = tusj::review::apply_report(
        tusj::embedded_annotator().expect("the embedded model"),
        text,
        &corrections,
    );
    let core: Value = serde_json::to_value(&core).expect("core JSON");
    assert_eq!(normalise(json(&applied)), normalise(core.clone()));
    // The JSON text the page parses holds the same.
    let text_form = wasm::apply_json(text, js(list))
        .map_err(JsValue::from)
        .expect("applyJson");
    let parsed: Value = serde_json::from_str(&text_form).expect("JSON");
    assert_eq!(normalise(parsed), normalise(core));
    assert!(wasm::apply_json("Syria", js(r#"[{"op":"paint"}]"#)).is_err());
}

#[wasm_bindgen_test]
fn rebase_and_mark_correction_cross_the_boundary() {
    loaded();
    let list = js(r#"[{"op":"unmark","start":2,"end":7,"text":"Syria"}]"#);
    let rebased = json(
        &wasm::rebase("i Syria", "Krigen i Syria", list)
            .map_err(JsValue::from)
            .expect("rebase"),
    );
    assert_eq!(rebased["corrections"][0]["start"], 9);
    assert_eq!(rebased["dropped"], Value::Array(vec![]));

    let mark = json(
        &wasm::mark_correction("i Syria .", 1, 8, "geopolitical")
            .map_err(JsValue::from)
            .expect("mark"),
    );
    assert_eq!(mark["text"], "Syria");
    assert_eq!(mark["op"], "mark");
    let blank = wasm::mark_correction("i Syria .", 1, 2, "person")
        .map_err(JsValue::from)
        .expect("blank");
    assert!(blank.is_null());
    assert!(wasm::mark_correction("Syria", 0, 5, "country").is_err());
    assert!(wasm::apply("Syria", js(r#"[{"op":"paint"}]"#)).is_err());
}

#[wasm_bindgen_test]
fn likely_type_and_mark_all_cross_the_boundary() {
    let text = "Ifølge SOHR ble minst 43 drept. SOHR sier nei.";
    let ty = wasm::likely_type(text, 16, 24, "number")
        .map_err(JsValue::from)
        .expect("likely type");
    assert_eq!(ty, "count");
    assert!(wasm::likely_type(text, 7, 11, "thing").is_err());
    let all = json(
        &wasm::mark_all(text, 7, 11, "organisation")
            .map_err(JsValue::from)
            .expect("mark all"),
    );
    assert_eq!(all[1]["start"], 32);
    assert_eq!(all[1]["type"], "organisation");
    assert!(wasm::mark_all(text, 7, 11, "party").is_err());
}

#[wasm_bindgen_test]
fn open_json_takes_the_export_and_rejects_foreign_files() {
    loaded();
    let doc = tusj::annotate(TEXTS[1]);
    let opened = wasm::open_json(&doc.to_json_pretty().expect("written"))
        .map_err(JsValue::from)
        .expect("open");
    assert_eq!(
        wasm::export_json(opened)
            .map_err(JsValue::from)
            .expect("export"),
        doc.to_json_pretty().expect("written")
    );
    for bad in ["", "{", "[]", r#"{"text":"x","ents":[]}"#] {
        assert!(wasm::open_json(bad).is_err(), "{bad:?}");
    }
}

#[wasm_bindgen_test]
fn exports_and_names_are_the_cores() {
    loaded();
    let doc = tusj::annotate(TEXTS[1]);
    for format in Format::ALL {
        let name = format.name();
        let js_doc = wasm::annotate(TEXTS[1])
            .map_err(JsValue::from)
            .expect("annotate");
        let out = wasm::export_as(js_doc.clone(), name)
            .map_err(JsValue::from)
            .expect("export");
        assert_eq!(Some(out), format.write(&doc).ok(), "{name}");
        let file = wasm::file_name(js_doc, "", name)
            .map_err(JsValue::from)
            .expect("name");
        assert_eq!(file, format.file_name(&tusj::export::default_name(&doc)));
        let media = wasm::media_type(name)
            .map_err(JsValue::from)
            .expect("media type");
        assert_eq!(media, format.media_type());
    }
    let listed = json(&wasm::formats().map_err(JsValue::from).expect("formats"));
    let names: Vec<&str> = listed
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    let core: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    assert_eq!(names, core);
    assert_eq!(listed[1]["extension"], "w3c.jsonld");
    assert!(wasm::media_type("docx").is_err());
    let js_doc = wasm::annotate(TEXTS[1])
        .map_err(JsValue::from)
        .expect("annotate");
    assert!(wasm::export_as(js_doc.clone(), "docx").is_err());
    let rows = json(
        &wasm::numbers_table(js_doc)
            .map_err(JsValue::from)
            .expect("rows"),
    );
    let core = serde_json::to_value(tusj::overview::numbers_table(&doc)).expect("core rows");
    assert_eq!(normalise(rows), normalise(core));
}

#[wasm_bindgen_test]
fn facts_and_event_corrections_are_the_cores() {
    let text = "Minst 30 mennesker ble drept i Idlib lørdag, ifølge FN.";
    let doc = tusj::annotate(text);
    let js_doc = wasm::annotate(text)
        .map_err(JsValue::from)
        .expect("annotate");
    let rows = json(
        &wasm::facts_table(js_doc.clone())
            .map_err(JsValue::from)
            .expect("facts"),
    );
    let core = serde_json::to_value(tusj::overview::facts_table(&doc)).expect("core facts");
    assert_eq!(normalise(rows.clone()), normalise(core));
    assert_eq!(rows[0]["what"], "Minst 30 mennesker drept");
    let c = json(
        &wasm::event_correction(js_doc.clone(), "v1", false, "time", None)
            .map_err(JsValue::from)
            .expect("correction"),
    );
    assert_eq!(c["op"], "event");
    assert_eq!(c["set"]["time"], Value::Null);
    assert!(wasm::event_correction(js_doc, "v9", true, "", None).is_err());
}

#[wasm_bindgen_test]
fn qualifiers_and_number_words_are_the_cores() {
    let q = json(
        &wasm::qualifiers()
            .map_err(JsValue::from)
            .expect("qualifiers"),
    );
    assert_eq!(
        q[2],
        serde_json::json!({"qualifier": "at_least", "words": "minst"})
    );
    assert_eq!(q.as_array().map(Vec::len), Some(7));
    let text = "Møtet 8. oktober kl. 13.00: minst 43 mennesker.";
    let doc = wasm::annotate(text)
        .map_err(JsValue::from)
        .expect("annotate");
    let rows = json(
        &wasm::numbers_table(doc)
            .map_err(JsValue::from)
            .expect("rows"),
    );
    let words: Vec<&str> = rows
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["words"].as_str())
        .collect();
    assert_eq!(words, ["8. okt.", "kl. 13.00", "minst 43 (mennesker)"]);
    assert_eq!(rows[0]["iso"], "--10-08");
}
