//! The gazetteer: names of countries, regions, cities and continents, with Norwegian
//! (Bokmål and Nynorsk) country names, and common first and last names, generated from
//! CLDR, ISO 3166, GeoNames and US Census data by `src/model/gazetteer/generate.py` (sources, versions and licences are
//! listed there and in the first line of `places.tsv`).
//!
//! The gazetteer is evidence for the trained model, not a recogniser of its own: «Sam»
//! may be a town in Asia and a man in Oslo, and the model learns from NorNE how far a
//! match can be trusted. The trainer copies the table into the model file, so a model
//! decodes and tags the same however this file changes later.

use crate::model::NameTable;

/// The generated table: `name<TAB>classes` lines, `#` comments.
const PLACES: &str = include_str!("gazetteer/places.tsv");

/// The place classes, in bit order.
pub const CLASSES: [&str; 7] = [
    "country",
    "city",
    "city_alt",
    "region",
    "continent",
    "first_name",
    "last_name",
];

/// Parses `places.tsv` into a table keyed by the names' tokens (as [`crate::tokens`]
/// cuts them), so that «Deir ez-Zor» matches the two tokens «Deir» «ez-Zor».
pub fn places() -> NameTable {
    parse(PLACES)
}

fn parse(text: &str) -> NameTable {
    let mut table = NameTable::default();
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let Some((name, classes)) = line.split_once('\t') else {
            continue;
        };
        let bits = classes
            .split(',')
            .filter_map(|c| CLASSES.iter().position(|k| *k == c))
            .fold(0u16, |b, i| b | 1 << i);
        if bits == 0 {
            continue;
        }
        let tokens: Vec<&str> = crate::tokens::tokenize(name)
            .iter()
            .map(|t| t.text(name))
            .collect();
        table.insert(&tokens, bits);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_classes_and_tokens() {
        let t = parse("# c\nDeir ez-Zor\tcity,city_alt\nIrak\tcountry\nX\tunknown\n");
        assert_eq!(t.get("deir ez-zor"), Some(0b110));
        assert_eq!(t.get("irak"), Some(0b1));
        assert_eq!(t.get("x"), None);
    }

    #[test]
    fn generated_table_has_norwegian_country_names() {
        let t = places();
        for name in ["russland", "irak", "syria", "usa"] {
            assert_eq!(t.get(name).map(|b| b & 1), Some(1), "{name}");
        }
    }
}
