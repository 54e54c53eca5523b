//! Number words of Bokmål and Nynorsk: cardinals («sju», «tjuefem», «femogtjue»,
//! «tohundreogtre», «millionar»), ordinals («første», «tjueførste», «sjuande») and vague
//! quantities («hundrevis», «titalls»).
//!
//! A word is cut into morphemes by longest match (so «seksti» is 60, not 6 + 10) and the
//! morphemes are composed as they are spoken: units and tens add, «hundre» multiplies
//! what came before it, «tusen», «million» and «milliard» close a group. A sequence that
//! no one would say («tien» = 10 + 1, «fireen») is not a number, so the same check works
//! across tokens («to hundre og tre») and inside one («tohundreogtre»).

use std::sync::OnceLock;

/// One morpheme of a number word.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Atom {
    /// 0–19 and the tens 20–90.
    Unit(u32),
    /// «hundre».
    Hundred,
    /// «tusen».
    Thousand,
    /// «million», «millioner», «millionar».
    Million,
    /// «milliard», «milliarder», «milliardar».
    Billion,
    /// «og» inside a number («hundre og tre», «femogtjue»).
    And,
}

/// Cardinal morphemes, in no particular order (the cutter takes the longest match).
pub(crate) const CARDINALS: &[(&str, Atom)] = &[
    ("null", Atom::Unit(0)),
    ("en", Atom::Unit(1)),
    ("én", Atom::Unit(1)),
    ("ein", Atom::Unit(1)),
    ("éin", Atom::Unit(1)),
    ("ett", Atom::Unit(1)),
    ("eitt", Atom::Unit(1)),
    ("éi", Atom::Unit(1)),
    ("èin", Atom::Unit(1)),
    ("to", Atom::Unit(2)),
    ("tvo", Atom::Unit(2)),
    ("tre", Atom::Unit(3)),
    ("fire", Atom::Unit(4)),
    ("fem", Atom::Unit(5)),
    ("seks", Atom::Unit(6)),
    ("sju", Atom::Unit(7)),
    ("syv", Atom::Unit(7)),
    ("åtte", Atom::Unit(8)),
    ("ni", Atom::Unit(9)),
    ("ti", Atom::Unit(10)),
    ("elleve", Atom::Unit(11)),
    ("tolv", Atom::Unit(12)),
    ("tretten", Atom::Unit(13)),
    ("fjorten", Atom::Unit(14)),
    ("femten", Atom::Unit(15)),
    ("seksten", Atom::Unit(16)),
    ("sytten", Atom::Unit(17)),
    ("søtten", Atom::Unit(17)),
    ("atten", Atom::Unit(18)),
    ("nitten", Atom::Unit(19)),
    ("tjue", Atom::Unit(20)),
    ("tyve", Atom::Unit(20)),
    ("tretti", Atom::Unit(30)),
    ("tredve", Atom::Unit(30)),
    ("førti", Atom::Unit(40)),
    ("firti", Atom::Unit(40)),
    ("femti", Atom::Unit(50)),
    ("seksti", Atom::Unit(60)),
    ("sytti", Atom::Unit(70)),
    ("søtti", Atom::Unit(70)),
    ("åtti", Atom::Unit(80)),
    ("nitti", Atom::Unit(90)),
    ("hundre", Atom::Hundred),
    ("tusen", Atom::Thousand),
    ("million", Atom::Million),
    ("millioner", Atom::Million),
    ("millionar", Atom::Million),
    ("milliard", Atom::Billion),
    ("milliarder", Atom::Billion),
    ("milliardar", Atom::Billion),
    ("og", Atom::And),
];

/// Ordinal morphemes: they may only end a word («tjueførste», «femogtjuende»).
pub(crate) const ORDINALS: &[(&str, Atom)] = &[
    ("første", Atom::Unit(1)),
    ("fyrste", Atom::Unit(1)),
    ("andre", Atom::Unit(2)),
    ("tredje", Atom::Unit(3)),
    ("fjerde", Atom::Unit(4)),
    ("femte", Atom::Unit(5)),
    ("sjette", Atom::Unit(6)),
    ("sjuende", Atom::Unit(7)),
    ("syvende", Atom::Unit(7)),
    ("sjuande", Atom::Unit(7)),
    ("åttende", Atom::Unit(8)),
    ("åttande", Atom::Unit(8)),
    ("niende", Atom::Unit(9)),
    ("niande", Atom::Unit(9)),
    ("tiende", Atom::Unit(10)),
    ("tiande", Atom::Unit(10)),
    ("ellevte", Atom::Unit(11)),
    ("tolvte", Atom::Unit(12)),
    ("trettende", Atom::Unit(13)),
    ("trettande", Atom::Unit(13)),
    ("fjortende", Atom::Unit(14)),
    ("fjortande", Atom::Unit(14)),
    ("femtende", Atom::Unit(15)),
    ("femtande", Atom::Unit(15)),
    ("sekstende", Atom::Unit(16)),
    ("sekstande", Atom::Unit(16)),
    ("syttende", Atom::Unit(17)),
    ("syttande", Atom::Unit(17)),
    ("attende", Atom::Unit(18)),
    ("attande", Atom::Unit(18)),
    ("nittende", Atom::Unit(19)),
    ("nittande", Atom::Unit(19)),
    ("tjuende", Atom::Unit(20)),
    ("tjuande", Atom::Unit(20)),
    ("tyvende", Atom::Unit(20)),
    ("trettiende", Atom::Unit(30)),
    ("trettiande", Atom::Unit(30)),
    ("førtiende", Atom::Unit(40)),
    ("førtiande", Atom::Unit(40)),
    ("femtiende", Atom::Unit(50)),
    ("femtiande", Atom::Unit(50)),
    ("sekstiende", Atom::Unit(60)),
    ("sekstiande", Atom::Unit(60)),
    ("syttiende", Atom::Unit(70)),
    ("syttiande", Atom::Unit(70)),
    ("åttiende", Atom::Unit(80)),
    ("åttiande", Atom::Unit(80)),
    ("nittiende", Atom::Unit(90)),
    ("nittiande", Atom::Unit(90)),
    ("hundrede", Atom::Hundred),
    ("hundrande", Atom::Hundred),
    ("tusende", Atom::Thousand),
    ("tusande", Atom::Thousand),
    ("millionte", Atom::Million),
];

/// Vague quantities and the conservative value each stands for.
pub(crate) const VAGUE: &[(&str, f64)] = &[
    ("titalls", 10.0),
    ("dusinvis", 12.0),
    ("hundrevis", 100.0),
    ("hundretalls", 100.0),
    ("tusenvis", 1000.0),
    ("titusenvis", 10_000.0),
    ("titusentalls", 10_000.0),
    ("hundretusenvis", 100_000.0),
    ("millionvis", 1_000_000.0),
];

/// Whether `word` is one of the articles/pronouns «en», «ei», «et», «ein», «eit» that are
/// only sometimes the number one. «én», «éin», «ett» and «eitt» are always numbers.
pub(crate) fn is_article(word: &str) -> bool {
    matches!(word, "en" | "ei" | "et" | "ein" | "eit")
}

/// A morpheme, its atom, and whether it is an ordinal ending.
type Morpheme = (&'static str, Atom, bool);

/// The morphemes by first byte, and a bit set of the first two bytes of every morpheme.
/// Every token of a text is looked up, so the lookup must not walk the whole lexicon.
type Index = (Vec<Vec<Morpheme>>, Vec<u64>);

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = vec![Vec::new(); 256];
        let mut prefixes = vec![0u64; 65536 / 64];
        let all = CARDINALS
            .iter()
            .map(|&(w, a)| (w, a, false))
            .chain(ORDINALS.iter().map(|&(w, a)| (w, a, true)));
        for entry in all {
            if let [first, second, ..] = *entry.0.as_bytes() {
                index[usize::from(first)].push(entry);
                let pair = usize::from(first) << 8 | usize::from(second);
                prefixes[pair / 64] |= 1 << (pair % 64);
            }
        }
        (index, prefixes)
    })
}

/// Whether a lower-case word begins as some number morpheme does (its first two bytes):
/// a cheap test before the full reading.
pub(crate) fn starts_like_number(word: &str) -> bool {
    let (_, prefixes) = index();
    match *word.as_bytes() {
        [first, second, ..] => {
            let pair = usize::from(first) << 8 | usize::from(second);
            prefixes[pair / 64] & (1 << (pair % 64)) != 0
        }
        _ => false,
    }
}

/// Pushes the morphemes of one lower-case word onto `c`, cut by longest match. Returns
/// whether the word ends in an ordinal morpheme, or `None` (and `c` unchanged) when the
/// word is not a number word or cannot continue the number in `c`.
pub(crate) fn push_word(c: &mut Composer, word: &str) -> Option<bool> {
    if word.is_empty() || word.len() > 64 {
        return None;
    }
    let (index, prefixes) = index();
    let mut next = *c;
    let mut rest = word;
    while let Some(&first) = rest.as_bytes().first() {
        // Every morpheme has at least two bytes; most words fail on their first two.
        let second = *rest.as_bytes().get(1)?;
        let pair = usize::from(first) << 8 | usize::from(second);
        if prefixes[pair / 64] & (1 << (pair % 64)) == 0 {
            return None;
        }
        let bucket = &index[usize::from(first)];
        if let Some(&(_, atom, _)) = bucket
            .iter()
            .find(|(w, _, ord)| *ord && w.len() == rest.len() && *w == rest)
        {
            if !next.push(atom) {
                return None;
            }
            *c = next;
            return Some(true);
        }
        // Comparing the second byte first spares most calls to memcmp: this runs for
        // every word of the text.
        let (len, atom) = bucket
            .iter()
            .filter(|(w, _, ord)| {
                !*ord && w.as_bytes().get(1) == Some(&second) && rest.starts_with(w)
            })
            .map(|&(w, a, _)| (w.len(), a))
            .max_by_key(|&(len, _)| len)?;
        if !next.push(atom) {
            return None;
        }
        rest = &rest[len..];
    }
    *c = next;
    Some(false)
}

/// Composes atoms into a number, refusing sequences no one says.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Composer {
    /// Closed groups (thousands, millions, milliards).
    total: f64,
    /// The group being built (below a thousand).
    current: f64,
    /// What the last atom was.
    last: Option<Atom>,
    /// The atom before an «og».
    before_and: Option<Atom>,
    /// Whether anything was read.
    any: bool,
}

impl Composer {
    /// Adds one atom; `false` (and no change) when it cannot continue the number.
    pub(crate) fn push(&mut self, atom: Atom) -> bool {
        let next = match self.step(atom) {
            Some(next) => next,
            None => return false,
        };
        *self = next;
        true
    }

    fn step(&self, atom: Atom) -> Option<Composer> {
        let mut c = *self;
        let low = (self.current % 100.0) as u32;
        match atom {
            Atom::And => {
                // «hundre og tre», «tusen og fem», «fem og tjue»: never first, never twice.
                match self.last {
                    Some(Atom::Hundred | Atom::Thousand | Atom::Million | Atom::Billion) => {}
                    Some(Atom::Unit(n)) if (1..10).contains(&n) => {}
                    _ => return None,
                }
                c.before_and = self.last;
            }
            Atom::Unit(n) => {
                let ok = match self.last {
                    None => true,
                    Some(Atom::And) => match self.before_and {
                        // «fem og tjue» (counting style): a unit before «og», tens after.
                        Some(Atom::Unit(u)) => (1..10).contains(&u) && n >= 20 && n % 10 == 0,
                        _ => n < 100,
                    },
                    Some(Atom::Unit(_)) => {
                        // «tjuefem»: a unit after tens only.
                        n < 10 && n > 0 && low >= 20 && low % 10 == 0
                    }
                    Some(Atom::Hundred) => n > 0,
                    Some(_) => n > 0,
                };
                if !ok {
                    return None;
                }
                c.current += f64::from(n);
            }
            Atom::Hundred => {
                if matches!(self.last, Some(Atom::Hundred | Atom::And)) || self.current >= 100.0 {
                    return None;
                }
                c.current = self.current.max(1.0) * 100.0;
            }
            Atom::Thousand | Atom::Million | Atom::Billion => {
                let scale = match atom {
                    Atom::Thousand => 1e3,
                    Atom::Million => 1e6,
                    _ => 1e9,
                };
                if matches!(self.last, Some(Atom::And)) || (self.any && self.current == 0.0) {
                    // «tusen millioner» is said «en milliard»; «og tusen» is nothing.
                    if !(self.current == 0.0 && self.total > 0.0 && self.total < scale) {
                        return None;
                    }
                    c.total = self.total * scale;
                } else {
                    if self.total > 0.0 && self.total < scale {
                        return None;
                    }
                    c.total = self.total + self.current.max(1.0) * scale;
                    c.current = 0.0;
                }
            }
        }
        c.last = Some(atom);
        c.any = true;
        Some(c)
    }

    /// The number so far, if it is complete (it does not end in «og»).
    pub(crate) fn value(&self) -> Option<f64> {
        if !self.any || matches!(self.last, Some(Atom::And)) {
            return None;
        }
        Some(self.total + self.current)
    }

    /// The last atom read.
    pub(crate) fn last(&self) -> Option<Atom> {
        self.last
    }
}

/// Reads one lower-case word as a whole number: «tjuefem» → (25, false),
/// «tjueførste» → (21, true). «og» alone and words that end in «og» are not numbers.
pub(crate) fn word_value(word: &str) -> Option<(f64, bool)> {
    let mut c = Composer::default();
    let ordinal = push_word(&mut c, word)?;
    Some((c.value()?, ordinal))
}

/// Whether a lower-case word is a multiplier that may follow digits («1,3 millioner»,
/// «5 mill.», «2 mrd.», «10 tusen»), and its factor.
pub(crate) fn multiplier(word: &str) -> Option<f64> {
    Some(match word {
        "hundre" => 100.0,
        "tusen" => 1e3,
        "million" | "millioner" | "millionar" | "mill." | "mill" | "mln." | "mln" => 1e6,
        "milliard" | "milliarder" | "milliardar" | "mrd." | "mrd" => 1e9,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! t {
        ($name:ident, $word:expr, $expected:expr) => {
            #[test]
            fn $name() {
                assert_eq!(word_value($word), $expected, "{}", $word);
            }
        };
    }

    t!(sju, "sju", Some((7.0, false)));
    t!(syv, "syv", Some((7.0, false)));
    t!(tjuefem, "tjuefem", Some((25.0, false)));
    t!(femogtjue, "femogtjue", Some((25.0, false)));
    t!(tyvefem, "tyvefem", Some((25.0, false)));
    t!(tredve, "tredve", Some((30.0, false)));
    t!(seksti_not_six_ten, "seksti", Some((60.0, false)));
    t!(tohundreogtre, "tohundreogtre", Some((203.0, false)));
    t!(tretusen, "tretusen", Some((3000.0, false)));
    t!(titusen, "titusen", Some((10_000.0, false)));
    t!(hundre, "hundre", Some((100.0, false)));
    t!(tusen, "tusen", Some((1000.0, false)));
    t!(millionar, "millionar", Some((1e6, false)));
    t!(tjueforste, "tjueførste", Some((21.0, true)));
    t!(femogtjuende, "femogtjuende", Some((25.0, true)));
    t!(tredje, "tredje", Some((3.0, true)));
    t!(sjuande, "sjuande", Some((7.0, true)));
    t!(hundrede, "hundrede", Some((100.0, true)));
    t!(tien_is_not, "tien", None);
    t!(fireen_is_not, "fireen", None);
    t!(enten_is_not, "enten", None);
    t!(og_is_not, "og", None);
    t!(ends_in_og, "hundreog", None);
    t!(treff_is_not, "treff", None);
    t!(tiar_is_not, "tiår", None);
    t!(fem_ti_is_not, "femti", Some((50.0, false)));
    t!(null, "null", Some((0.0, false)));

    #[test]
    fn composer_across_tokens() {
        let mut c = Composer::default();
        for a in [Atom::Unit(2), Atom::Hundred, Atom::And, Atom::Unit(3)] {
            assert!(c.push(a));
        }
        assert_eq!(c.value(), Some(203.0));
        assert!(
            !c.push(Atom::Unit(4)),
            "«to hundre og tre fire» is two numbers"
        );
        let mut m = Composer::default();
        for a in [
            Atom::Unit(5),
            Atom::Million,
            Atom::Unit(3),
            Atom::Hundred,
            Atom::Thousand,
        ] {
            assert!(m.push(a));
        }
        assert_eq!(m.value(), Some(5_300_000.0));
    }
}
