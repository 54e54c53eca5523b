//! Grouping mentions into entities: «SDF», «Syrian Democratic Forces (SDF)» and «SDFs» are
//! one organisation; «Rami Abdelrahman» and a later «Abdelrahman» one person.
//!
//! Mentions group within their kind: «Syria» as a place and «Syria» as an acting state
//! are two entities, as they are two roles. Within a kind, a mention joins an entity when
//! its normalised form is the same, when it is the genitive of one («SOHRs»), when it is
//! the acronym given in parentheses after a full name, or when a lone person name is the
//! last name of a full one.

use std::collections::HashMap;

use crate::document::{Annotation, AnnotationType, Entity, Kind};
use crate::text::CodePoints;

/// Groups the actor and place annotations of `annotations` (code point offsets into
/// `text`) into entities, sets each annotation's `entity`, and returns the entities in
/// order of first mention.
pub fn group(text: &str, annotations: &mut [Annotation]) -> Vec<Entity> {
    let cp = CodePoints::new(text);
    let named: Vec<usize> = (0..annotations.len())
        .filter(|&i| annotations[i].kind != Kind::Number)
        .collect();
    let forms: Vec<String> = named
        .iter()
        .map(|&i| normalise(&annotations[i].text))
        .collect();

    // Map each form to the form it stands for; chains are resolved below.
    let mut stands_for: HashMap<(Kind, String), String> = HashMap::new();
    let known: std::collections::HashSet<(Kind, &str)> = named
        .iter()
        .zip(&forms)
        .map(|(&i, f)| (annotations[i].kind, f.as_str()))
        .collect();
    for (&i, form) in named.iter().zip(&forms) {
        let kind = annotations[i].kind;
        if let Some(acronym) = acronym_after(text, &cp, annotations[i].end) {
            if initials_match(form, &acronym) && acronym != *form {
                stands_for.insert((kind, acronym), form.clone());
            }
        }
        for suffix in ["s", "'s", "’s", "'"] {
            if let Some(stem) = form.strip_suffix(suffix) {
                if !stem.is_empty() && known.contains(&(kind, stem)) {
                    stands_for.insert((kind, form.clone()), stem.to_string());
                }
            }
        }
    }
    // An acronym used without «(SDF)» anywhere still stands for the one full name in the
    // article whose initials it is.
    for (&i, form) in named.iter().zip(&forms) {
        let kind = annotations[i].kind;
        let is_acronym =
            form.chars().count() >= 2 && !form.contains(|c: char| c.is_lowercase() || c == ' ');
        if !is_acronym || stands_for.contains_key(&(kind, form.clone())) {
            continue;
        }
        let mut full: Vec<&String> = named
            .iter()
            .zip(&forms)
            .filter(|(&j, f)| {
                annotations[j].kind == kind && f.contains(' ') && initials_match(f, form)
            })
            .map(|(_, f)| f)
            .collect();
        full.dedup();
        if let [only] = full.as_slice() {
            stands_for.insert((kind, form.clone()), only.to_string());
        }
    }
    for (&i, form) in named.iter().zip(&forms) {
        if annotations[i].ty != AnnotationType::Person || form.contains(' ') {
            continue;
        }
        let full: Vec<&str> = forms
            .iter()
            .filter(|f| {
                f.contains(' ')
                    && f.rsplit(' ')
                        .next()
                        .is_some_and(|last| is_last_name(last, form))
            })
            .map(String::as_str)
            .collect();
        if let [only] = full.as_slice() {
            stands_for.insert((Kind::Actor, form.clone()), only.to_string());
        }
    }
    let resolve = |kind: Kind, form: &str| -> String {
        let mut current = form.to_string();
        for _ in 0..4 {
            match stands_for.get(&(kind, current.clone())) {
                Some(next) if *next != current => current = next.clone(),
                _ => break,
            }
        }
        current
    };

    let mut order: Vec<(Kind, String)> = Vec::new();
    let mut members: HashMap<(Kind, String), Vec<usize>> = HashMap::new();
    for (&i, form) in named.iter().zip(&forms) {
        let key = (annotations[i].kind, resolve(annotations[i].kind, form));
        members.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Vec::new()
        });
        if let Some(list) = members.get_mut(&key) {
            list.push(i);
        }
    }

    let mut entities = Vec::with_capacity(order.len());
    for (n, key) in order.iter().enumerate() {
        let ids = &members[key];
        let id = format!("e{}", n + 1);
        let mut counts: Vec<(AnnotationType, usize)> = Vec::new();
        for &i in ids {
            annotations[i].entity = Some(id.clone());
            match counts.iter_mut().find(|(t, _)| *t == annotations[i].ty) {
                Some((_, c)) => *c += 1,
                None => counts.push((annotations[i].ty, 1)),
            }
        }
        let ty = counts
            .iter()
            .fold(counts[0], |best, &c| if c.1 > best.1 { c } else { best })
            .0;
        let name = key.1.clone();
        let mut aliases: Vec<String> = ids
            .iter()
            .map(|&i| normalise(&annotations[i].text))
            .filter(|f| *f != name)
            .collect();
        aliases.sort();
        aliases.dedup();
        entities.push(Entity {
            id,
            kind: key.0,
            ty,
            name,
            aliases,
            mentions: ids.iter().map(|&i| annotations[i].id.clone()).collect(),
        });
    }
    entities
}

/// Whether a lone `form` names the person whose full name ends in `last`: «Assad» for
/// «Bashar al-Assad», as Arabic names drop the article when shortened.
fn is_last_name(last: &str, form: &str) -> bool {
    last == form
        || ["al-", "el-", "Al-", "El-"]
            .iter()
            .any(|article| last.strip_prefix(article) == Some(form))
}

/// A mention's form with its whitespace collapsed.
pub(crate) fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The acronym in «… (SDF)» right after code point `end`, if there is one.
fn acronym_after(text: &str, cp: &CodePoints, end: usize) -> Option<String> {
    let rest = text.get(cp.to_byte(end)?..)?;
    let inner = rest.trim_start_matches([' ', '\u{a0}']).strip_prefix('(')?;
    let close = inner.find(')')?;
    let acronym = &inner[..close];
    let letters = acronym.chars().filter(|c| c.is_alphabetic()).count();
    let caps = acronym.chars().filter(|c| c.is_uppercase()).count();
    (2..=10).contains(&letters).then_some(())?;
    (caps * 2 > letters && !acronym.contains(char::is_whitespace)).then(|| acronym.to_string())
}

/// Whether `acronym` is made of the initials of `full`'s words: all of them, or only the
/// capitalised ones («Syrian Observatory for Human Rights» → SOHR).
fn initials_match(full: &str, acronym: &str) -> bool {
    let all: String = full
        .split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .collect();
    let caps: String = full
        .split([' ', '-'])
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect();
    let a = acronym.to_lowercase();
    a == all.to_lowercase() || a == caps.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Source;

    fn ann(text: &str, id: usize, ty: AnnotationType, start: usize, len: usize) -> Annotation {
        let cp = CodePoints::new(text);
        let slice = &text[cp.to_byte(start).unwrap()..cp.to_byte(start + len).unwrap()];
        Annotation {
            id: format!("a{id}"),
            kind: ty.kind(),
            ty,
            start,
            end: start + len,
            text: slice.to_string(),
            entity: None,
            source: Source::Model,
            number: None,
        }
    }

    #[test]
    fn links_acronym_genitive_and_last_name() {
        use AnnotationType::*;
        let text = "Syrian Democratic Forces (SDF) og SDF. SOHR og SOHRs leder Rami Abdelrahman. Abdelrahman sa nei. Syria svarte i Syria. Bashar al-Assad og Assad. Human Rights Watch og HRW.";
        let find = |s: &str, from: usize| {
            text[from..]
                .find(s)
                .map(|b| text[..from + b].chars().count())
                .unwrap()
        };
        let mut anns = vec![
            ann(text, 1, Organisation, 0, 24),
            ann(text, 2, Organisation, find("SDF", 0), 3),
            ann(text, 3, Organisation, find("SDF.", 0), 3),
            ann(text, 4, Organisation, find("SOHR ", 0), 4),
            ann(text, 5, Organisation, find("SOHRs", 0), 5),
            ann(text, 6, Person, find("Rami", 0), 16),
            ann(text, 7, Person, find("Abdelrahman sa", 0), 11),
            ann(text, 8, State, find("Syria svarte", 0), 5),
            ann(text, 9, Geopolitical, find("Syria.", 0), 5),
            ann(text, 10, Person, find("Bashar", 0), 15),
            ann(text, 11, Person, find("Assad.", 0), 5),
            ann(text, 12, Organisation, find("Human Rights", 0), 18),
            ann(text, 13, Organisation, find("HRW", 0), 3),
        ];
        let ents = group(text, &mut anns);
        let summary: Vec<(&str, Vec<&str>, usize)> = ents
            .iter()
            .map(|e| {
                (
                    e.name.as_str(),
                    e.aliases.iter().map(String::as_str).collect(),
                    e.mentions.len(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("Syrian Democratic Forces", vec!["SDF"], 3),
                ("SOHR", vec!["SOHRs"], 2),
                ("Rami Abdelrahman", vec!["Abdelrahman"], 2),
                ("Syria", vec![], 1),
                ("Syria", vec![], 1),
                ("Bashar al-Assad", vec!["Assad"], 2),
                ("Human Rights Watch", vec!["HRW"], 2),
            ]
        );
        assert_eq!(ents[3].kind, Kind::Actor);
        assert_eq!(ents[4].kind, Kind::Place);
        assert_eq!(anns[2].entity.as_deref(), Some("e1"));
    }

    #[test]
    fn rejects_non_acronyms() {
        assert!(initials_match(
            "Syrian Observatory for Human Rights",
            "SOHR"
        ));
        assert!(!initials_match("Syria", "SDF"));
        let text = "Oslo (52)";
        assert_eq!(acronym_after(text, &CodePoints::new(text), 4), None);
    }
}
