//! The place-linking table (tests/geo/cases.tsv, issue 11): every case is linked with its
//! article's other places as context and scored right, wrong or unlinked. The targets are
//! asserted on the whole table; the dev and held-out halves are printed apart.

use tusj::geo::{distance_km, Feature, Places, Query, Role};

const CASES: &str = include_str!("geo/cases.tsv");

#[derive(Default)]
struct Score {
    right: usize,
    wrong: usize,
    unlinked: usize,
}

impl Score {
    fn total(&self) -> usize {
        self.right + self.wrong + self.unlinked
    }
}

fn feature(s: &str) -> Option<Feature> {
    Some(match s {
        "country" => Feature::Country,
        "region" => Feature::Region,
        "city" => Feature::City,
        "natural" => Feature::Natural,
        "continent" => Feature::Continent,
        _ => return None,
    })
}

#[test]
fn linking_table_meets_its_targets() {
    let places = Places::embedded();
    let (mut dev, mut held) = (Score::default(), Score::default());
    let mut misses = Vec::new();
    for (n, line) in CASES.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 5, "line {}: {line}", n + 1);
        let role = match cols[2] {
            "place" => Role::Place,
            "location" => Role::Location,
            "state" => Role::State,
            r => panic!("line {}: role {r}", n + 1),
        };
        let mut queries = vec![Query {
            names: vec![cols[1]],
            role,
        }];
        queries.extend(cols[3].split(';').filter(|c| !c.is_empty()).map(|c| Query {
            names: vec![c],
            role: Role::Place,
        }));
        let got = places.link(&queries).swap_remove(0);
        let score = if cols[0] == "held" {
            &mut held
        } else {
            &mut dev
        };
        let want: Vec<&str> = cols[4].split(' ').collect();
        let verdict = match (&got, want.as_slice()) {
            (None, ["null"]) => "right",
            (None, _) => "unlinked",
            (Some(_), ["null"]) => "wrong",
            (Some(g), [cc, f, lat, lon]) => {
                let f = feature(f).unwrap_or_else(|| panic!("line {}: feature {f}", n + 1));
                let lat: f64 = lat.parse().expect("latitude");
                let lon: f64 = lon.parse().expect("longitude");
                let country_ok = g.country.as_deref().unwrap_or("--") == *cc;
                let close = match f {
                    Feature::City => distance_km(g.lat, g.lon, lat, lon) <= 50.0,
                    Feature::Region | Feature::Natural => {
                        distance_km(g.lat, g.lon, lat, lon) <= 300.0
                    }
                    Feature::Country | Feature::Continent => g.feature == f,
                };
                if country_ok && close {
                    "right"
                } else {
                    "wrong"
                }
            }
            (Some(_), _) => panic!("line {}: expected {}", n + 1, cols[4]),
        };
        match verdict {
            "right" => score.right += 1,
            "wrong" => score.wrong += 1,
            _ => score.unlinked += 1,
        }
        if verdict != "right" {
            misses.push(format!(
                "{verdict}: {} [{}] → {got:?}, want {}",
                cols[1], cols[3], cols[4]
            ));
        }
    }
    for m in &misses {
        println!("{m}");
    }
    for (name, s) in [("dev", &dev), ("held-out", &held)] {
        println!(
            "{name}: {} cases, {} right ({:.1}%), {} wrong ({:.1}%), {} unlinked",
            s.total(),
            s.right,
            100.0 * s.right as f64 / s.total() as f64,
            s.wrong,
            100.0 * s.wrong as f64 / s.total() as f64,
            s.unlinked
        );
    }
    let total = dev.total() + held.total();
    let right = dev.right + held.right;
    let wrong = dev.wrong + held.wrong;
    assert!(total >= 100, "{total} cases");
    assert!(right * 100 >= total * 95, "{right} of {total} right");
    assert!(wrong * 100 <= total * 2, "{wrong} of {total} wrong");
}
