//! What a careful reader marks in the seed articles (issue 2's acceptance list): each
//! name with its kind, and each number with its reading. The goldens pin the whole
//! export; this test says which parts of it are required to be right.

use tusj::{AnnotationType as T, Document, Kind, Qualifier as Q};

fn load(name: &str) -> Document {
    let path = format!("{}/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    tusj::annotate(&std::fs::read_to_string(path).expect("seed is readable"))
}

/// Every name of `names` is marked somewhere with exactly that text and `kind`.
fn assert_names(doc: &Document, kind: Kind, names: &[&str]) {
    let missing: Vec<&&str> = names
        .iter()
        .filter(|n| {
            !doc.annotations
                .iter()
                .any(|a| a.kind == kind && a.text == **n)
        })
        .collect();
    assert!(
        missing.is_empty(),
        "not marked as {}: {missing:?}",
        kind.as_str()
    );
}

/// `text` is marked (first occurrence) with this type.
fn assert_typed(doc: &Document, text: &str, ty: T) {
    let a = doc.annotations.iter().find(|a| a.text == text);
    assert_eq!(a.map(|a| a.ty), Some(ty), "{text}");
}

/// A number annotation whose text is exactly `text` has this reading.
fn assert_number(
    doc: &Document,
    text: &str,
    ty: T,
    value: f64,
    q: Q,
    upper: Option<f64>,
    unit: Option<&str>,
) {
    let a = doc
        .annotations
        .iter()
        .find(|a| a.kind == Kind::Number && a.text == text)
        .unwrap_or_else(|| panic!("no number marked as {text:?}"));
    let n = a.number.as_ref().expect("numbers have readings");
    assert_eq!(
        (a.ty, n.value, n.qualifier, n.upper, n.unit.as_deref()),
        (ty, value, q, upper, unit),
        "{text}"
    );
}

#[test]
fn seed_000_names() {
    let doc = load("000_eb9eaf48cf008476.txt");
    assert_names(
        &doc,
        Kind::Actor,
        &[
            "SDF",
            "Redur Khalil",
            "SOHR",
            "Rami Abdelrahman",
            "Sean Ryan",
            "AFP",
            "SANA",
            "IS",
        ],
    );
    assert_names(
        &doc,
        Kind::Place,
        &[
            "Syria",
            "Deir al-Zor",
            "Irak",
            "Badia-ørkenen",
            "Tulul al-Safa",
            "Damaskus",
            "Sweida",
        ],
    );
    assert_typed(&doc, "Redur Khalil", T::Person);
    assert_typed(&doc, "AFP", T::Organisation);
    let sdf = doc
        .entities
        .iter()
        .find(|e| e.aliases.iter().any(|a| a == "SDF"));
    assert_eq!(
        sdf.map(|e| e.name.as_str()),
        Some("Syrian Democratic Forces")
    );
}

#[test]
fn seed_000_numbers() {
    let doc = load("000_eb9eaf48cf008476.txt");
    // «Over sju år inn i den blodige borgerkrigen»: more than seven years into the war.
    let years = Some("year");
    assert_number(
        &doc,
        "Over sju år",
        T::Measure,
        7.0,
        Q::MoreThan,
        None,
        years,
    );
    assert_number(&doc, "minst 43", T::Count, 43.0, Q::AtLeast, None, None);
    assert_number(&doc, "36", T::Count, 36.0, Q::Exact, None, None);
    assert_number(&doc, "minst 17", T::Count, 17.0, Q::AtLeast, None, None);
    assert_number(&doc, "2014", T::Year, 2014.0, Q::Exact, None, None);
    assert_number(
        &doc,
        "Mer enn 360.000",
        T::Count,
        360000.0,
        Q::MoreThan,
        None,
        None,
    );
    assert_number(&doc, "2011", T::Year, 2011.0, Q::Exact, None, None);
    assert_number(
        &doc,
        "over 1.100",
        T::Count,
        1100.0,
        Q::MoreThan,
        None,
        None,
    );
    let counted = |t: &str| {
        let a = doc.annotations.iter().find(|a| a.text == t);
        a.and_then(|a| a.number.as_ref()?.counted.clone())
    };
    assert_eq!(counted("minst 43").as_deref(), Some("mennesker"));
    assert_eq!(counted("minst 17").as_deref(), Some("barn"));
    assert_eq!(counted("over 1.100").as_deref(), Some("dødsfall"));
}

#[test]
fn seed_002_names() {
    let doc = load("002_11d0ac0b53571547.txt");
    assert_eq!(doc.meta.section.as_deref(), Some("utenriks"));
    assert_names(
        &doc,
        Kind::Actor,
        &[
            "USA",
            "SDF",
            "Russland",
            "Bashar al-Assad",
            "IS",
            "Ryan Dillon",
            "SOHR",
        ],
    );
    assert_names(
        &doc,
        Kind::Place,
        &["Deir al-Zor", "Irak", "Eufrat", "Raqqa", "Syria"],
    );
    assert_typed(&doc, "USA", T::State);
    assert_typed(&doc, "Russland", T::State);
    assert_typed(&doc, "Bashar al-Assad", T::Person);
}

#[test]
fn seed_002_numbers() {
    let doc = load("002_11d0ac0b53571547.txt");
    assert_number(&doc, "første", T::Ordinal, 1.0, Q::Exact, None, None);
    assert_number(
        &doc,
        "om lag 140 kilometer",
        T::Measure,
        140.0,
        Q::Approximately,
        None,
        Some("km"),
    );
    assert_number(
        &doc,
        "90 prosent",
        T::Percent,
        90.0,
        Q::Exact,
        None,
        Some("percent"),
    );
    assert_number(&doc, "2014", T::Year, 2014.0, Q::Exact, None, None);
    assert_number(
        &doc,
        "mellom 10.000 og 25.000",
        T::Count,
        10000.0,
        Q::Range,
        Some(25000.0),
        None,
    );
    assert_number(
        &doc,
        "Tusenvis",
        T::Count,
        1000.0,
        Q::Approximately,
        None,
        None,
    );
}
