//! Scores the events stage on the hand-written table `tests/events/cases.tsv` (issue 9).
//!
//! Event F1 matches type (with negation) and count value; victims, agent, place and source
//! are scored on matched events where either side has a value; the no-event rate is the
//! share of rows without an expected event that get none. The table has a `dev` half the
//! rules were tuned on and a `held` half that was only scored; both are printed, and the
//! targets are asserted on the whole table.
//! `cargo test --test events -- --nocapture` prints the figures.

use std::collections::BTreeMap;

use tusj::events::{Event, EventType};
use tusj::Document;

#[derive(Debug, Default, Clone)]
struct Expected {
    ty: String,
    fields: BTreeMap<String, String>,
}

struct Case {
    split: String,
    text: String,
    events: Vec<Expected>,
}

fn cases() -> Vec<Case> {
    let table = include_str!("events/cases.tsv");
    let mut out = Vec::new();
    for (n, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "cases.tsv line {}: three columns", n + 1);
        let events = cols[2]
            .split(" ; ")
            .filter(|e| !e.trim().is_empty())
            .map(|e| {
                let mut parts = e.split('|').map(str::trim);
                let ty = parts.next().unwrap_or_default().to_string();
                let fields = parts
                    .filter(|p| !p.is_empty())
                    .map(|p| {
                        let (k, v) = p.split_once('=').unwrap_or((p, ""));
                        (k.trim().to_string(), v.trim().to_string())
                    })
                    .collect();
                Expected { ty, fields }
            })
            .collect();
        out.push(Case {
            split: cols[0].to_string(),
            text: cols[1].to_string(),
            events: events_checked(events, n + 1),
        });
    }
    out
}

fn events_checked(events: Vec<Expected>, line: usize) -> Vec<Expected> {
    for e in &events {
        let ty = e.ty.trim_end_matches('!');
        assert!(
            EventType::parse(ty).is_some(),
            "cases.tsv line {line}: unknown type {ty}"
        );
    }
    events
}

/// A predicted event in the table's terms.
fn predicted(doc: &Document, e: &Event) -> Expected {
    let mut fields = BTreeMap::new();
    if let Some(a) = e
        .count
        .as_ref()
        .and_then(|id| doc.annotations.iter().find(|a| &a.id == id))
        .and_then(|a| a.number.as_ref())
    {
        fields.insert("n".to_string(), format!("{}", a.value));
    }
    let mut put = |k: &str, v: Option<&str>| {
        if let Some(v) = v {
            fields.insert(k.to_string(), v.to_string());
        }
    };
    put("v", e.victims.as_deref());
    put("agent", e.agent.as_ref().map(|s| s.text.as_str()));
    put("target", e.target.as_ref().map(|s| s.text.as_str()));
    put("place", e.place.as_ref().map(|s| s.text.as_str()));
    put("time", e.time.as_ref().map(|s| s.text.as_str()));
    put("source", e.source.as_ref().map(|s| s.text.as_str()));
    let ty = format!("{}{}", e.ty.as_str(), if e.negated { "!" } else { "" });
    Expected { ty, fields }
}

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    fields: BTreeMap<&'static str, (usize, usize)>,
    per_type: BTreeMap<String, (usize, usize, usize)>,
    empty_rows: usize,
    empty_ok: usize,
    misses: Vec<String>,
}

const FIELDS: [&str; 6] = ["v", "agent", "place", "source", "target", "time"];

fn value(e: &Expected, k: &str) -> Option<String> {
    e.fields.get(k).map(|v| v.to_lowercase())
}

fn score(case: &Case, doc: &Document, events: &[Event], s: &mut Score) {
    let got: Vec<Expected> = events.iter().map(|e| predicted(doc, e)).collect();
    if case.events.is_empty() {
        s.empty_rows += 1;
        if got.is_empty() {
            s.empty_ok += 1;
        }
    }
    let mut taken = vec![false; got.len()];
    for want in &case.events {
        let base = want.ty.trim_end_matches('!').to_string();
        let hit = (0..got.len()).find(|&i| {
            !taken[i] && got[i].ty == want.ty && value(&got[i], "n") == value(want, "n")
        });
        let entry = s.per_type.entry(base).or_default();
        match hit {
            Some(i) => {
                taken[i] = true;
                s.tp += 1;
                entry.0 += 1;
                for f in FIELDS {
                    let (w, g) = (value(want, f), value(&got[i], f));
                    if w.is_some() || g.is_some() {
                        let t = s.fields.entry(f).or_default();
                        t.1 += 1;
                        if w == g {
                            t.0 += 1;
                        } else if f != "target" && f != "time" {
                            s.misses
                                .push(format!("  {f}: want {w:?} got {g:?} — {}", case.text));
                        }
                    }
                }
            }
            None => {
                s.fn_ += 1;
                entry.2 += 1;
                s.misses.push(format!(
                    "  missed {} {:?} — {}",
                    want.ty, want.fields, case.text
                ));
            }
        }
    }
    for (i, g) in got.iter().enumerate() {
        if !taken[i] {
            s.fp += 1;
            s.per_type
                .entry(g.ty.trim_end_matches('!').to_string())
                .or_default()
                .1 += 1;
            s.misses.push(format!(
                "  spurious {} {:?} — {}",
                g.ty, g.fields, case.text
            ));
        }
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

fn f1(tp: usize, fp: usize, fn_: usize) -> f64 {
    let p = pct(tp, tp + fp);
    let r = pct(tp, tp + fn_);
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn report(name: &str, s: &Score) {
    println!(
        "{name}: event F1 {:.1} (tp {} fp {} fn {}), no event on {}/{} ({:.1}%)",
        f1(s.tp, s.fp, s.fn_),
        s.tp,
        s.fp,
        s.fn_,
        s.empty_ok,
        s.empty_rows,
        pct(s.empty_ok, s.empty_rows)
    );
    for f in FIELDS {
        let (ok, n) = s.fields.get(f).copied().unwrap_or_default();
        println!("  {f:<7} {:.1} ({ok}/{n})", pct(ok, n));
    }
    for (ty, (tp, fp, fn_)) in &s.per_type {
        println!(
            "  {ty:<10} F1 {:.1} (tp {tp} fp {fp} fn {fn_})",
            f1(*tp, *fp, *fn_)
        );
    }
}

#[test]
fn the_events_table_meets_its_targets() {
    let cases = cases();
    let (dev, held): (Vec<&Case>, Vec<&Case>) = cases.iter().partition(|c| c.split == "dev");
    assert!(cases.len() >= 150, "at least 150 rows");
    assert!(
        cases.iter().filter(|c| c.events.is_empty()).count() >= 30,
        "at least 30 rows without an event"
    );
    assert!(held.iter().all(|c| c.split == "held"));
    let mut all = Score::default();
    for (name, part) in [("dev", &dev), ("held-out", &held)] {
        let mut s = Score::default();
        for case in part.iter() {
            let doc = tusj::annotate(&case.text);
            score(case, &doc, &doc.events, &mut s);
            score(case, &doc, &doc.events, &mut all);
        }
        report(name, &s);
        // The held-out half is scored, not studied: its misses print only on request.
        let show = std::env::var("TUSJ_EVENTS_MISSES").unwrap_or_default();
        if (show == "dev" && name == "dev") || show == "all" {
            s.misses.iter().for_each(|m| println!("{m}"));
        }
    }
    report("all", &all);
    let field = |f: &str| {
        let (ok, n) = all.fields.get(f).copied().unwrap_or_default();
        pct(ok, n)
    };
    assert!(f1(all.tp, all.fp, all.fn_) >= 90.0, "event F1 below 90");
    assert!(field("v") >= 90.0, "victims below 90");
    for f in ["agent", "place", "source"] {
        assert!(field(f) >= 85.0, "{f} below 85");
    }
    assert!(
        pct(all.empty_ok, all.empty_rows) >= 95.0,
        "events on more than 5% of the no-event rows"
    );
}

fn events_of(text: &str) -> Vec<Event> {
    tusj::annotate(text).events
}

/// The written rule for figurative and unreal uses (src/events.rs, «What is not an
/// event»), each beside a real use of the same word so the test can fail both ways.
#[test]
fn figurative_and_unreal_uses_give_no_event() {
    let pairs = [
        (
            "Opposisjonen drepte debatten med et nytt forslag.",
            "Opprørerne drepte 12 soldater ved grensen.",
        ),
        (
            "Statsministeren angrep opposisjonen i Stortinget.",
            "Opprørerne angrep en militærbase i Mali.",
        ),
        (
            "Han fikk et hjerteangrep i fjor.",
            "Et rakettangrep mot Odesa drepte fem personer.",
        ),
        (
            "Hæren gjør alt for å forhindre at sivile blir drept.",
            "Flere sivile ble drept i Gaza.",
        ),
        ("Han døde i fjor.", "To personer døde i brannen."),
    ];
    for (figurative, real) in pairs {
        assert!(events_of(figurative).is_empty(), "{figurative}");
        assert_eq!(events_of(real).len(), 1, "{real}");
    }
}

#[test]
fn a_breakdown_points_at_its_event_and_a_pronoun_source_at_the_speaker() {
    let text = "Minst 30 mennesker ble drept i Idlib. Ifølge FN var 12 av dem barn.\n\
                Talsperson Kari Nordmann avviser tallene.\n\
                – Det er ingen sivile dødsfall, sier hun.";
    let events = events_of(text);
    let got: Vec<(&str, Option<&str>, bool, Option<&str>)> = events
        .iter()
        .map(|e| {
            (
                e.ty.as_str(),
                e.part_of.as_deref(),
                e.negated,
                e.source.as_ref().map(|s| s.text.as_str()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("killed", None, false, None),
            ("killed", Some("v1"), false, Some("FN")),
            ("killed", None, true, Some("Kari Nordmann")),
        ]
    );
    // The breakdown sentence names no place: it inherits Idlib from the paragraph.
    let place = events[1]
        .place
        .as_ref()
        .map(|p| (p.text.as_str(), p.inherited));
    assert_eq!(place, Some(("Idlib", true)));
}

/// count, victims, negated, part_of, source
type Row<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    bool,
    Option<&'a str>,
    Option<String>,
);

/// Seed 000's facts, reviewed by hand (issue 9): the 43 killed with their breakdown and
/// source, the 360.000 since 2011, the 1.100 civilian deaths and the denial.
#[test]
fn seed_000_events() {
    let text = include_str!("../seeds/000_eb9eaf48cf008476.txt");
    let doc = tusj::annotate(text);
    let count = |e: &Event| {
        e.count
            .as_ref()
            .and_then(|id| doc.annotations.iter().find(|a| &a.id == id))
            .map(|a| a.text.as_str())
    };
    let text_of = |s: &Option<tusj::events::EventSpan>| s.as_ref().map(|s| s.text.clone());
    let killed: Vec<Row> = doc
        .events
        .iter()
        .filter(|e| e.ty == EventType::Killed)
        .map(|e| {
            (
                count(e),
                e.victims.as_deref(),
                e.negated,
                e.part_of.as_deref(),
                text_of(&e.source),
            )
        })
        .collect();
    let first = doc
        .events
        .iter()
        .find(|e| count(e) == Some("minst 43"))
        .expect("the 43 killed");
    assert_eq!(
        killed,
        [
            (Some("minst 43"), Some("mennesker"), false, None, None),
            (
                Some("36"),
                Some("familiemedlemmer"),
                false,
                Some(first.id.as_str()),
                Some("Syrian Observatory for Human Rights".into())
            ),
            (
                Some("minst 17"),
                Some("barn"),
                false,
                Some(first.id.as_str()),
                Some("Syrian Observatory for Human Rights".into())
            ),
            (None, Some("sivile"), true, None, Some("Sean Ryan".into())),
            (
                Some("Mer enn 360.000"),
                Some("mennesker"),
                false,
                None,
                None
            ),
            (
                Some("over 1.100"),
                Some("sivile"),
                false,
                None,
                Some("Koalisjonen".into())
            ),
        ]
    );
    assert_eq!(
        text_of(&first.agent).as_deref(),
        Some("amerikanskledede luftangrep")
    );
    assert_eq!(text_of(&first.target).as_deref(), Some("IS-lommen"));
    assert_eq!(text_of(&first.time).as_deref(), Some("Lørdag"));
}

#[test]
fn the_events_csv_has_one_row_per_event() {
    let doc = tusj::annotate(
        "Ifølge FN ble minst 30 mennesker drept i Idlib lørdag. Ingen ble skadd, opplyser politiet.",
    );
    let csv = tusj::export::export(&doc, "events-csv").expect("a known format");
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines,
        [
            "id,type,negated,count,qualifier,upper,victims,agent,target,place,lat,lon,place_inherited,time,source,part_of,start,end,sentence",
            "v1,killed,false,30,at_least,,mennesker,,,Idlib,35.9306,36.6339,false,lørdag,FN,,0,54,Ifølge FN ble minst 30 mennesker drept i Idlib lørdag.",
            "v2,injured,true,,,,,,,Idlib,35.9306,36.6339,true,,politiet,,55,90,\"Ingen ble skadd, opplyser politiet.\"",
        ]
    );
    // The coordinates are the place entity's point (SPEC §2c), the same as in the JSON.
    let idlib = doc
        .entities
        .iter()
        .find(|e| e.name == "Idlib")
        .and_then(|e| e.geo.clone().flatten())
        .expect("Idlib is on the map");
    assert_eq!((idlib.lat, idlib.lon), (35.9306, 36.6339));
    // A place the map does not know keeps its words and leaves lat and lon empty.
    let doc = tusj::annotate("Minst 12 mennesker ble drept i Badia-ørkenen fredag.");
    let place = doc.events[0].place.as_ref().expect("a place");
    assert_eq!(place.text, "Badia-ørkenen");
    let csv = tusj::export::export(&doc, "events-csv").expect("a known format");
    let row = csv.split("\r\n").nth(1).expect("one row");
    assert!(row.contains(",Badia-ørkenen,,,false,"), "{row}");
    // Pointing the place at an entity with a point fills them in.
    let mut linked = doc.clone();
    if let Some(e) = linked
        .entities
        .iter_mut()
        .find(|e| e.name == "Badia-ørkenen")
    {
        e.geo = Some(Some(idlib));
    }
    let csv = tusj::export::export(&linked, "events-csv").expect("a known format");
    let row = csv.split("\r\n").nth(1).expect("one row");
    assert!(
        row.contains(",Badia-ørkenen,35.9306,36.6339,false,"),
        "{row}"
    );
    assert_eq!(
        tusj::export::file_name("idlib", "events-csv"),
        "idlib.events.csv"
    );
}

#[test]
fn a_saved_document_with_a_broken_event_does_not_open() {
    let doc = tusj::annotate("Minst 30 mennesker ble drept i Idlib lørdag.");
    assert!(tusj::open::validate(&doc).is_ok());
    let mut bad = doc.clone();
    bad.events[0].count = Some("a99".into());
    let err = tusj::open::validate(&bad).expect_err("unknown count");
    assert!(err.to_string().contains("event 1"), "{err}");
    let mut bad = doc.clone();
    if let Some(p) = bad.events[0].place.as_mut() {
        p.start += 1;
    }
    assert!(tusj::open::validate(&bad).is_err());
    let json = doc.to_json();
    assert_eq!(tusj::Document::from_json(&json).ok(), Some(doc));
}

/// A person removes one event and corrects another; both survive an edit elsewhere in the
/// text and a fresh annotation.
#[test]
fn event_corrections_replay_and_survive_edits() {
    use tusj::review::{apply_report, rebase, Correction, SkipReason};
    let text = "Minst 30 mennesker ble drept i Idlib lørdag. Ingen ble skadd, opplyser politiet.";
    let annotator = tusj::embedded_annotator().expect("the embedded model");
    let doc = annotator.annotate(text);
    assert_eq!(doc.events.len(), 2);
    let first = &doc.events[0];
    let sentence = |e: &Event| {
        text.chars()
            .skip(e.start)
            .take(e.end - e.start)
            .collect::<String>()
    };
    let fix = Correction::Event {
        start: first.start,
        end: first.end,
        text: sentence(first),
        ty: EventType::Killed,
        nth: 0,
        remove: false,
        set: [
            ("time".to_string(), None),
            ("agent".to_string(), Some("Idlib".to_string())),
            (
                "source".to_string(),
                Some("not in the sentence".to_string()),
            ),
        ]
        .into_iter()
        .collect(),
    };
    let second = &doc.events[1];
    let remove = Correction::Event {
        start: second.start,
        end: second.end,
        text: sentence(second),
        ty: EventType::Injured,
        nth: 0,
        remove: true,
        set: Default::default(),
    };
    let corrections = vec![fix, remove];
    let check = |text: &str, corrections: &[Correction]| {
        let applied = apply_report(annotator, text, corrections);
        let events = &applied.document.events;
        assert_eq!(events.len(), 1, "{text}");
        let e = &events[0];
        assert_eq!(e.time, None);
        assert_eq!(e.agent.as_ref().map(|a| a.text.as_str()), Some("Idlib"));
        assert!(e.agent.as_ref().is_some_and(|a| a.entity.is_some()));
        // The field that could not be set is reported; the others are set.
        assert_eq!(applied.skipped.len(), 1);
        assert_eq!(applied.skipped[0].reason, SkipReason::EventField);
        assert!(tusj::open::validate(&applied.document).is_ok());
        let json = applied.document.to_json();
        assert!(json.contains("\"op\":\"event\""), "{json}");
    };
    check(text, &corrections);
    let edited = format!("Oppdatert. {text}");
    let moved = rebase(text, &edited, &corrections);
    assert!(moved.dropped.is_empty());
    check(&edited, &moved.corrections);
}

/// The «Facts» row of seed 000's first killing, in the reader's words.
#[test]
fn facts_read_like_a_reader_writes_them() {
    let doc = tusj::annotate(include_str!("../seeds/000_eb9eaf48cf008476.txt"));
    let facts = tusj::overview::facts_table(&doc);
    let row = facts
        .iter()
        .find(|f| f.what.starts_with("minst 43"))
        .expect("the 43 killed");
    assert_eq!(
        [&row.what, &row.by, &row.target, &row.time, &row.source],
        [
            "minst 43 mennesker drept",
            "av amerikanskledede luftangrep",
            "mot IS-lommen",
            "Lørdag",
            ""
        ]
    );
    let breakdown = facts.iter().find(|f| f.what.starts_with("36")).expect("36");
    assert_eq!(breakdown.what, "36 familiemedlemmer drept");
    assert_eq!(breakdown.part_of, format!("del av {}", row.id));
    assert_eq!(
        breakdown.source,
        "kilde: Syrian Observatory for Human Rights"
    );
    let denial = facts
        .iter()
        .find(|f| f.what.starts_with("ingen"))
        .expect("denial");
    assert_eq!(denial.what, "ingen sivile drept");
}
