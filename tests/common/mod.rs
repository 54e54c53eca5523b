//! Checks shared by the integration tests.

use std::collections::HashSet;

use tusj::{Document, Kind};

/// Asserts every invariant of SPEC §3 on an exported document: annotations sorted by
/// `start`, not overlapping, within the text, `text` equal to the code point slice, kind
/// matching type, numbers with a reading and names without; entities and mentions
/// referring to each other.
pub fn assert_invariants(doc: &Document) {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut last_end = 0;
    let mut ids = HashSet::new();
    for a in &doc.annotations {
        assert!(
            a.start < a.end,
            "{}: empty or reversed span {}..{}",
            a.id,
            a.start,
            a.end
        );
        assert!(
            a.end <= chars.len(),
            "{}: end {} past text length {}",
            a.id,
            a.end,
            chars.len()
        );
        assert!(
            a.start >= last_end,
            "{}: starts at {} before previous end {}",
            a.id,
            a.start,
            last_end
        );
        last_end = a.end;
        let slice: String = chars[a.start..a.end].iter().collect();
        assert_eq!(
            a.text, slice,
            "{}: text differs from the code point slice",
            a.id
        );
        assert_eq!(a.kind, a.ty.kind(), "{}: kind/type mismatch", a.id);
        assert_eq!(
            a.number.is_some(),
            a.kind == Kind::Number,
            "{}: reading iff number",
            a.id
        );
        if let Some(n) = &a.number {
            assert!(n.value.is_finite(), "{}: value {}", a.id, n.value);
            assert!(
                n.upper.is_none_or(f64::is_finite),
                "{}: upper {:?}",
                a.id,
                n.upper
            );
        }
        assert!(ids.insert(a.id.clone()), "duplicate id {}", a.id);
    }
    let mut mentioned = HashSet::new();
    for e in &doc.entities {
        assert!(!e.mentions.is_empty(), "{}: no mentions", e.id);
        assert_eq!(e.kind, e.ty.kind(), "{}: kind/type mismatch", e.id);
        for m in &e.mentions {
            let a = doc.annotations.iter().find(|a| &a.id == m);
            let a = a.unwrap_or_else(|| panic!("{}: unknown mention {m}", e.id));
            assert_eq!(
                a.entity.as_deref(),
                Some(e.id.as_str()),
                "{m} not back-linked to {}",
                e.id
            );
            assert_eq!(a.kind, e.kind, "{m}: kind differs from its entity {}", e.id);
            assert!(mentioned.insert(m.clone()), "{m} in two entities");
        }
    }
    for a in &doc.annotations {
        assert_eq!(
            a.entity.is_some(),
            a.kind != Kind::Number,
            "{}: entity link",
            a.id
        );
        if a.kind != Kind::Number {
            assert!(
                mentioned.contains(&a.id),
                "{} has no entity listing it",
                a.id
            );
        }
    }
}
