//! Grouping mentions into entities: «SDF», «Syrian Democratic Forces (SDF)» and «SDFs» are
//! one organisation; «Rami Abdelrahman» and a later «Abdelrahman» one person.
//!
//! Mentions group within their kind: «Syria» as a place and «Syria» as an acting state
//! are two entities, as they are two roles. Within a kind, a mention joins an entity when
//! its normalised form is the same, when it is the genitive of one («SOHRs»), when it is
//! the acronym given in parentheses after a full name, or when a lone person name is the
//! last name of a full one.

use std::collections::BTreeSet;

use crate::fxhash::{FxHashMap, FxHashSet};
use crate::text::CodePoints;
use crate::vocab::{Annotation, AnnotationType, Entity, Kind};

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

    // Map each form to the form it stands for; chains are resolved below. Everything here
    // works on distinct forms and hash lookups: a long paste has thousands of mentions.
    let mut stands_for: FxHashMap<(Kind, String), String> = FxHashMap::default();
    let mut distinct: Vec<(Kind, &str)> = Vec::new();
    let mut known: FxHashSet<(Kind, &str)> = FxHashSet::default();
    let mut persons: FxHashSet<&str> = FxHashSet::default();
    for (&i, form) in named.iter().zip(&forms) {
        let kind = annotations[i].kind;
        if known.insert((kind, form.as_str())) {
            distinct.push((kind, form.as_str()));
        }
        if annotations[i].ty == AnnotationType::Person {
            persons.insert(form.as_str());
        }
    }
    // Multi-word forms by their initials, and multi-word person names by their last name.
    let mut by_initials: FxHashMap<(Kind, String), BTreeSet<&str>> = FxHashMap::default();
    let mut by_last_name: FxHashMap<&str, BTreeSet<&str>> = FxHashMap::default();
    for &(kind, form) in &distinct {
        if !form.contains(' ') {
            continue;
        }
        for key in initials(form) {
            by_initials.entry((kind, key)).or_default().insert(form);
        }
        if persons.contains(form) {
            if let Some(last) = form.rsplit(' ').next() {
                for key in last_name_keys(last) {
                    by_last_name.entry(key).or_default().insert(form);
                }
            }
        }
    }
    for (&i, form) in named.iter().zip(&forms) {
        let kind = annotations[i].kind;
        if let Some(acronym) = acronym_after(text, &cp, annotations[i].end) {
            let short = acronym.to_lowercase();
            if acronym != *form
                && (initials(form).contains(&short) || is_short_form_of(&acronym, form))
            {
                stands_for.insert((kind, acronym), form.clone());
            }
        }
    }
    // Known short forms («Frp», «H») stand for their full names when the article also
    // names the full name as the same kind.
    for &(kind, form) in &distinct {
        let key = (kind, form.to_string());
        if stands_for.contains_key(&key) {
            continue;
        }
        let full = KNOWN_SHORT_FORMS
            .iter()
            .find(|(short, _)| {
                short.eq_ignore_ascii_case(form) && (short.len() > 1 || *short == form)
            })
            .map(|(_, full)| *full);
        if let Some(full) = full.filter(|f| known.contains(&(kind, *f))) {
            stands_for.insert(key, full.to_string());
        }
    }
    for &(kind, form) in &distinct {
        for suffix in ["s", "'s", "’s", "'"] {
            if let Some(stem) = form.strip_suffix(suffix) {
                if !stem.is_empty() && known.contains(&(kind, stem)) {
                    stands_for.insert((kind, form.to_string()), stem.to_string());
                }
            }
        }
        let key = (kind, form.to_string());
        if stands_for.contains_key(&key) {
            continue;
        }
        // An acronym used without «(SDF)» anywhere still stands for the one full name in
        // the article whose initials it is.
        let is_acronym =
            form.chars().count() >= 2 && !form.contains(|c: char| c.is_lowercase() || c == ' ');
        let candidates = if is_acronym {
            by_initials.get(&(kind, form.to_lowercase()))
        } else if kind == Kind::Actor && persons.contains(form) && !form.contains(' ') {
            by_last_name.get(form)
        } else {
            None
        };
        if let Some(full) = candidates.filter(|c| c.len() == 1) {
            stands_for.insert(
                key,
                full.iter()
                    .next()
                    .map_or_else(String::new, |f| f.to_string()),
            );
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
    let mut members: FxHashMap<(Kind, String), Vec<usize>> = FxHashMap::default();
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
            geo: None,
        });
    }
    entities
}

/// The keys under which a person with this last name can be mentioned alone: the name
/// itself, and without the Arabic article («Assad» for «Bashar al-Assad»).
fn last_name_keys(last: &str) -> Vec<&str> {
    let mut keys = vec![last];
    keys.extend(
        ["al-", "el-", "Al-", "El-"]
            .iter()
            .filter_map(|a| last.strip_prefix(a)),
    );
    keys
}

/// A mention's form with its whitespace collapsed.
pub(crate) fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Short forms that Norwegian news uses for parties and organisations without spelling
/// them out, with the full names they stand for. Applied only when the article names the
/// full name too (that is the evidence): «H» alone is not taken to be Høyre.
const KNOWN_SHORT_FORMS: &[(&str, &str)] = &[
    ("Ap", "Arbeiderpartiet"),
    ("H", "Høyre"),
    ("Frp", "Fremskrittspartiet"),
    ("Sp", "Senterpartiet"),
    ("SV", "Sosialistisk Venstreparti"),
    ("KrF", "Kristelig Folkeparti"),
    ("V", "Venstre"),
    ("MDG", "Miljøpartiet De Grønne"),
    ("R", "Rødt"),
    ("LO", "Landsorganisasjonen"),
    ("NHO", "Næringslivets Hovedorganisasjon"),
];

/// Whether `short` («Frp», «H», «KrF») is a short form of the one-or-more-word `full`
/// («Fremskrittspartiet», «Høyre», «Kristelig Folkeparti»): it starts with the full name's
/// first letter and its other letters appear in the full name in order.
fn is_short_form_of(short: &str, full: &str) -> bool {
    let mut rest = full.chars().flat_map(char::to_lowercase);
    let mut letters = short.chars().flat_map(char::to_lowercase);
    let (Some(a), Some(b)) = (letters.next(), rest.next()) else {
        return false;
    };
    a == b && letters.all(|c| rest.any(|f| f == c))
}

/// The acronym in «… (SDF)» right after code point `end`, if there is one: two to ten
/// letters, mostly capitals, or a short form of one to four letters that starts with a
/// capital («(Frp)», «(H)», «(KrF)»).
fn acronym_after(text: &str, cp: &CodePoints, end: usize) -> Option<String> {
    let rest = text.get(cp.to_byte(end)?..)?;
    let inner = rest.trim_start_matches([' ', '\u{a0}']).strip_prefix('(')?;
    // An acronym holds no space or parenthesis: stopping at the first keeps this from
    // scanning the rest of the text for every name followed by «(».
    let close = inner.find(|c: char| c == ')' || c == '(' || c.is_whitespace())?;
    if !inner[close..].starts_with(')') {
        return None;
    }
    let acronym = &inner[..close];
    let letters = acronym.chars().filter(|c| c.is_alphabetic()).count();
    let caps = acronym.chars().filter(|c| c.is_uppercase()).count();
    (1..=10).contains(&letters).then_some(())?;
    let short = letters <= 4 && acronym.starts_with(char::is_uppercase);
    let capitals = letters >= 2 && caps * 2 > letters;
    ((short || capitals) && !acronym.contains(char::is_whitespace)).then(|| acronym.to_string())
}

/// The lower-cased acronyms a name can have: the initials of all its words, and of its
/// capitalised words only («Syrian Observatory for Human Rights» → sofhr, sohr).
fn initials(full: &str) -> Vec<String> {
    let words = || full.split([' ', '-']).filter_map(|w| w.chars().next());
    let all: String = words().flat_map(char::to_lowercase).collect();
    let caps: String = words()
        .filter(|c| c.is_uppercase())
        .flat_map(char::to_lowercase)
        .collect();
    if all == caps {
        vec![all]
    } else {
        vec![all, caps]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Source;

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
    fn last_name_joins_a_full_name_mentioned_twice() {
        let text = "Ryan Dillon sa. Ryan Dillon gikk. Dillon kom.";
        let mut anns = vec![
            ann(text, 1, AnnotationType::Person, 0, 11),
            ann(text, 2, AnnotationType::Person, 16, 11),
            ann(text, 3, AnnotationType::Person, 34, 6),
        ];
        let ents = group(text, &mut anns);
        assert_eq!(ents.len(), 1);
        assert_eq!(ents[0].aliases, ["Dillon"]);
    }

    /// Groups the words of `text` marked by `[ ]` as organisations and returns each
    /// entity's name and aliases.
    fn grouped(marked: &str) -> Vec<(String, Vec<String>)> {
        let text = marked.replace(['[', ']'], "");
        let mut anns = Vec::new();
        let mut offset = 0; // brackets seen so far
        for (i, c) in marked.chars().enumerate() {
            if c == '[' {
                let len = marked[marked.char_indices().nth(i).unwrap().0..]
                    .find(']')
                    .map(|b| {
                        marked[marked.char_indices().nth(i).unwrap().0..][1..b]
                            .chars()
                            .count()
                    })
                    .unwrap();
                anns.push(ann(
                    &text,
                    anns.len() + 1,
                    AnnotationType::Organisation,
                    i - offset,
                    len,
                ));
            }
            if c == '[' || c == ']' {
                offset += 1;
            }
        }
        group(&text, &mut anns)
            .into_iter()
            .map(|e| (e.name, e.aliases))
            .collect()
    }

    #[test]
    fn short_forms_join_their_full_names_on_evidence() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        // In parentheses after the full name.
        assert_eq!(
            grouped("[Fremskrittspartiet] ([Frp]) vil kutte. [Frp] sier nei."),
            [("Fremskrittspartiet".to_string(), s(&["Frp"]))]
        );
        assert_eq!(
            grouped("[Kristelig Folkeparti] ([KrF]) og [KrF]."),
            [("Kristelig Folkeparti".to_string(), s(&["KrF"]))]
        );
        // Known short forms, when the article names the full name too.
        assert_eq!(
            grouped("[Høyre] vant. [H] fikk 20 prosent, [Frp] 15, [Fremskrittspartiet] sa."),
            [
                ("Høyre".to_string(), s(&["H"])),
                ("Fremskrittspartiet".to_string(), s(&["Frp"])),
            ]
        );
        // Without the full name, a short form stays itself.
        assert_eq!(
            grouped("[H] og [Frp] vant."),
            [("H".to_string(), s(&[])), ("Frp".to_string(), s(&[]))]
        );
        // A word in parentheses that is no short form of the name before it.
        assert_eq!(
            grouped("[Raqqa] ([Syria]) og [Høyre] ([Ap])."),
            [
                ("Raqqa".to_string(), s(&[])),
                ("Syria".to_string(), s(&[])),
                ("Høyre".to_string(), s(&[])),
                ("Ap".to_string(), s(&[])),
            ]
        );
        assert!(is_short_form_of("Frp", "Fremskrittspartiet"));
        assert!(!is_short_form_of("Fxp", "Fremskrittspartiet"));
        assert!(!is_short_form_of("", "Høyre"));
    }

    #[test]
    fn rejects_non_acronyms() {
        assert_eq!(
            initials("Syrian Observatory for Human Rights"),
            ["sofhr", "sohr"]
        );
        assert_eq!(initials("Syria"), ["s"]);
        let text = "Oslo (52)";
        assert_eq!(acronym_after(text, &CodePoints::new(text), 4), None);
    }

    #[test]
    fn names_before_unclosed_parentheses() {
        // Every name is followed by «(» and no «)» ever comes: looking for the acronym
        // must not scan the rest of the text once per name.
        let n = 200_000;
        let text = "Ola ( ".repeat(n);
        let one = ann(&text, 1, AnnotationType::Person, 0, 3);
        let mut anns: Vec<Annotation> = (0..n)
            .map(|i| Annotation {
                id: format!("a{}", i + 1),
                start: 6 * i,
                end: 6 * i + 3,
                ..one.clone()
            })
            .collect();
        let ents = group(&text, &mut anns);
        assert_eq!(ents.len(), 1);
    }
}
