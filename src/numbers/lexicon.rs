//! The words around numbers: qualifiers («om lag», «minst»), units («kilometer», «kr»),
//! months, the words that announce a year («i», «siden») and the function words that are
//! never the thing counted. All entries are lower case; Bokmål and Nynorsk side by side.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use crate::vocab::{AnnotationType, Qualifier};

/// Qualifier phrases before a number, longest first where they share a start. The
/// words are part of the annotated span (SPEC §3: «minst 43»).
pub(crate) const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["om", "lag"], Qualifier::Approximately),
    (&["i", "overkant", "av"], Qualifier::MoreThan),
    (&["i", "underkant", "av"], Qualifier::LessThan),
    (&["mer", "enn"], Qualifier::MoreThan),
    (&["meir", "enn"], Qualifier::MoreThan),
    (&["flere", "enn"], Qualifier::MoreThan),
    (&["fleire", "enn"], Qualifier::MoreThan),
    (&["færre", "enn"], Qualifier::LessThan),
    (&["mindre", "enn"], Qualifier::LessThan),
    (&["opp", "mot"], Qualifier::Approximately),
    (&["rundt"], Qualifier::Approximately),
    (&["kring"], Qualifier::Approximately),
    (&["omkring"], Qualifier::Approximately),
    (&["cirka"], Qualifier::Approximately),
    (&["ca."], Qualifier::Approximately),
    (&["ca"], Qualifier::Approximately),
    (&["omtrent"], Qualifier::Approximately),
    (&["anslagsvis"], Qualifier::Approximately),
    (&["nesten"], Qualifier::Approximately),
    (&["nær"], Qualifier::Approximately),
    (&["nærmere"], Qualifier::Approximately),
    (&["nærare"], Qualifier::Approximately),
    (&["drøyt"], Qualifier::Approximately),
    (&["drøye"], Qualifier::Approximately),
    (&["snaut"], Qualifier::Approximately),
    (&["snaue"], Qualifier::Approximately),
    (&["knapt"], Qualifier::Approximately),
    (&["vel"], Qualifier::Approximately),
    (&["minst"], Qualifier::AtLeast),
    (&["minimum"], Qualifier::AtLeast),
    (&["over"], Qualifier::MoreThan),
    (&["opptil"], Qualifier::AtMost),
    (&["inntil"], Qualifier::AtMost),
    (&["maks"], Qualifier::AtMost),
    (&["maks."], Qualifier::AtMost),
    (&["maksimalt"], Qualifier::AtMost),
    (&["høyst"], Qualifier::AtMost),
    (&["under"], Qualifier::LessThan),
];

/// Words that can open a number expression without being a number themselves: the first
/// words of [`QUALIFIERS`], range openers, signs, clock cues and the quantifiers of vague
/// numbers. [`super::find`] skips every other word that is not a number word, month,
/// currency or article, which keeps the scan cheap.
const OPENERS: &[&str] = &[
    "om",
    "i",
    "mer",
    "meir",
    "flere",
    "fleire",
    "færre",
    "mindre",
    "opp",
    "rundt",
    "kring",
    "omkring",
    "cirka",
    "ca.",
    "ca",
    "omtrent",
    "anslagsvis",
    "nesten",
    "nær",
    "nærmere",
    "nærare",
    "drøyt",
    "drøye",
    "snaut",
    "snaue",
    "knapt",
    "vel",
    "minst",
    "minimum",
    "over",
    "opptil",
    "inntil",
    "maks",
    "maks.",
    "maksimalt",
    "høyst",
    "under",
    "mellom",
    "fra",
    "frå",
    "minus",
    "kl.",
    "kl",
    "klokken",
    "klokka",
    "halvannen",
    "halvannet",
    "halvanna",
    "halvtanna",
    "noen",
    "nokre",
    "nokon",
    "mange",
];

/// Whether `word` can open a number expression (see [`OPENERS`]).
#[cfg(test)]
pub(crate) fn opens_expression(word: &str) -> bool {
    entry(word).is_some_and(|e| e.opener)
}

/// Qualifiers that are also time prepositions («inntil 1995», «under 1990-tallet»):
/// before a year they are dropped rather than read as a bound.
pub(crate) fn is_temporal(first_word: &str) -> bool {
    matches!(first_word, "inntil" | "under" | "over" | "opptil")
}

/// Unit codes (see the module docs of [`super`]) of the words that may follow a number,
/// with the annotation type they give. Multi-word units come first.
pub(crate) const UNITS: &[(&[&str], &str, AnnotationType)] = &[
    (&["norske", "kroner"], "NOK", AnnotationType::Money),
    (&["svenske", "kroner"], "SEK", AnnotationType::Money),
    (&["danske", "kroner"], "DKK", AnnotationType::Money),
    (&["amerikanske", "dollar"], "USD", AnnotationType::Money),
    (&["km", "/", "t"], "km/h", AnnotationType::Measure),
    (&["m", "/", "s"], "m/s", AnnotationType::Measure),
    (&["meter", "i", "sekundet"], "m/s", AnnotationType::Measure),
    (&["meter", "per", "sekund"], "m/s", AnnotationType::Measure),
    (
        &["kubikkmeter", "i", "sekundet"],
        "m3/s",
        AnnotationType::Measure,
    ),
    (
        &["kubikkmeter", "per", "sekund"],
        "m3/s",
        AnnotationType::Measure,
    ),
    (&["prosent"], "percent", AnnotationType::Percent),
    (&["prosents"], "percent", AnnotationType::Percent),
    (&["%"], "percent", AnnotationType::Percent),
    (&["pst."], "percent", AnnotationType::Percent),
    (&["pst"], "percent", AnnotationType::Percent),
    (
        &["prosentpoeng"],
        "percentage_point",
        AnnotationType::Percent,
    ),
    (&["kroner"], "NOK", AnnotationType::Money),
    (&["krone"], "NOK", AnnotationType::Money),
    (&["kr."], "NOK", AnnotationType::Money),
    (&["kr"], "NOK", AnnotationType::Money),
    (&["nok"], "NOK", AnnotationType::Money),
    (&["dollar"], "USD", AnnotationType::Money),
    (&["usd"], "USD", AnnotationType::Money),
    (&["$"], "USD", AnnotationType::Money),
    (&["euro"], "EUR", AnnotationType::Money),
    (&["eur"], "EUR", AnnotationType::Money),
    (&["€"], "EUR", AnnotationType::Money),
    (&["pund"], "GBP", AnnotationType::Money),
    (&["gbp"], "GBP", AnnotationType::Money),
    (&["£"], "GBP", AnnotationType::Money),
    (&["sek"], "SEK", AnnotationType::Money),
    (&["dkk"], "DKK", AnnotationType::Money),
    (&["yen"], "JPY", AnnotationType::Money),
    (&["rubler"], "RUB", AnnotationType::Money),
    (&["yuan"], "CNY", AnnotationType::Money),
    (&["kilometer"], "km", AnnotationType::Measure),
    (&["km"], "km", AnnotationType::Measure),
    (&["mil"], "mil", AnnotationType::Measure),
    (&["meter"], "m", AnnotationType::Measure),
    (&["m"], "m", AnnotationType::Measure),
    (&["kvadratmeter"], "m2", AnnotationType::Measure),
    (&["m2"], "m2", AnnotationType::Measure),
    (&["m²"], "m2", AnnotationType::Measure),
    (&["kvadratkilometer"], "km2", AnnotationType::Measure),
    (&["km2"], "km2", AnnotationType::Measure),
    (&["km²"], "km2", AnnotationType::Measure),
    (&["dekar"], "daa", AnnotationType::Measure),
    (&["mål"], "daa", AnnotationType::Measure),
    (&["centimeter"], "cm", AnnotationType::Measure),
    (&["cm"], "cm", AnnotationType::Measure),
    (&["millimeter"], "mm", AnnotationType::Measure),
    (&["mm"], "mm", AnnotationType::Measure),
    (&["kilo"], "kg", AnnotationType::Measure),
    (&["kilogram"], "kg", AnnotationType::Measure),
    (&["kg"], "kg", AnnotationType::Measure),
    (&["gram"], "g", AnnotationType::Measure),
    (&["tonn"], "t", AnnotationType::Measure),
    (&["liter"], "l", AnnotationType::Measure),
    (&["kubikkmeter"], "m3", AnnotationType::Measure),
    (&["m3"], "m3", AnnotationType::Measure),
    (&["m³"], "m3", AnnotationType::Measure),
    (&["grader"], "degree", AnnotationType::Measure),
    (&["plussgrader"], "degree", AnnotationType::Measure),
    (&["varmegrader"], "degree", AnnotationType::Measure),
    (&["minusgrader"], "degree", AnnotationType::Measure),
    (&["kuldegrader"], "degree", AnnotationType::Measure),
    (&["minusgrad"], "degree", AnnotationType::Measure),
    (&["kuldegrad"], "degree", AnnotationType::Measure),
    (&["grad"], "degree", AnnotationType::Measure),
    (&["°"], "degree", AnnotationType::Measure),
    (&["°c"], "degree", AnnotationType::Measure),
    (&["år"], "year", AnnotationType::Measure),
    (&["års"], "year", AnnotationType::Measure),
    (&["årene"], "year", AnnotationType::Measure),
    (&["åra"], "year", AnnotationType::Measure),
    (&["måned"], "month", AnnotationType::Measure),
    (&["måneder"], "month", AnnotationType::Measure),
    (&["månedene"], "month", AnnotationType::Measure),
    (&["måneders"], "month", AnnotationType::Measure),
    (&["månad"], "month", AnnotationType::Measure),
    (&["månader"], "month", AnnotationType::Measure),
    (&["månadene"], "month", AnnotationType::Measure),
    (&["uke"], "week", AnnotationType::Measure),
    (&["uker"], "week", AnnotationType::Measure),
    (&["ukene"], "week", AnnotationType::Measure),
    (&["ukers"], "week", AnnotationType::Measure),
    (&["veke"], "week", AnnotationType::Measure),
    (&["veker"], "week", AnnotationType::Measure),
    (&["vekene"], "week", AnnotationType::Measure),
    (&["dag"], "day", AnnotationType::Measure),
    (&["dager"], "day", AnnotationType::Measure),
    (&["dagene"], "day", AnnotationType::Measure),
    (&["dagers"], "day", AnnotationType::Measure),
    (&["dagar"], "day", AnnotationType::Measure),
    (&["dagane"], "day", AnnotationType::Measure),
    (&["døgn"], "day", AnnotationType::Measure),
    (&["døgnet"], "day", AnnotationType::Measure),
    (&["time"], "hour", AnnotationType::Measure),
    (&["timer"], "hour", AnnotationType::Measure),
    (&["timene"], "hour", AnnotationType::Measure),
    (&["timers"], "hour", AnnotationType::Measure),
    (&["timar"], "hour", AnnotationType::Measure),
    (&["timane"], "hour", AnnotationType::Measure),
    (&["minutt"], "minute", AnnotationType::Measure),
    (&["minutter"], "minute", AnnotationType::Measure),
    (&["minuttene"], "minute", AnnotationType::Measure),
    (&["minuttar"], "minute", AnnotationType::Measure),
    (&["sekund"], "second", AnnotationType::Measure),
    (&["sekunder"], "second", AnnotationType::Measure),
    (&["sekundar"], "second", AnnotationType::Measure),
];

/// Currency signs and codes that may stand before the amount («kr 500», «$ 5», «€10»).
const CURRENCIES_BEFORE: &[(&str, &str)] = &[
    ("kr", "NOK"),
    ("kr.", "NOK"),
    ("nok", "NOK"),
    ("$", "USD"),
    ("usd", "USD"),
    ("us$", "USD"),
    ("€", "EUR"),
    ("eur", "EUR"),
    ("£", "GBP"),
    ("gbp", "GBP"),
    ("sek", "SEK"),
    ("dkk", "DKK"),
];

/// The currency code of a sign or code that may stand before an amount.
pub(crate) fn currency_before(word: &str) -> Option<&'static str> {
    entry(word)?.currency
}

/// Month names, full and abbreviated, with their numbers.
const MONTHS: &[(&str, u32)] = &[
    ("januar", 1),
    ("jan.", 1),
    ("jan", 1),
    ("februar", 2),
    ("feb.", 2),
    ("feb", 2),
    ("mars", 3),
    ("mar.", 3),
    ("april", 4),
    ("apr.", 4),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("august", 8),
    ("aug.", 8),
    ("september", 9),
    ("sep.", 9),
    ("sept.", 9),
    ("sep", 9),
    ("oktober", 10),
    ("okt.", 10),
    ("okt", 10),
    ("november", 11),
    ("nov.", 11),
    ("nov", 11),
    ("desember", 12),
    ("des.", 12),
    ("des", 12),
];

/// The month a lower-case word names (1–12), full or abbreviated.
pub(crate) fn month(word: &str) -> Option<u32> {
    entry(word)?.month
}

/// What the lexicon knows about one lower-case word.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Entry {
    /// It can open an expression ([`OPENERS`]).
    pub(crate) opener: bool,
    /// It is a month.
    pub(crate) month: Option<u32>,
    /// It is a currency that may stand before the amount.
    pub(crate) currency: Option<&'static str>,
    /// It is a one-word unit: its code and the type it gives.
    pub(crate) unit: Option<(&'static str, AnnotationType)>,
    /// It starts a multi-word unit of [`UNITS`].
    pub(crate) unit_phrase: bool,
    /// It is a vague quantity («hundrevis») with this conservative value.
    pub(crate) vague: Option<f64>,
}

/// FNV-1a, for the lexicon's own short keys: several times cheaper than the default
/// hasher, and the keys are not chosen by an adversary.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The words, and a bit set of their first two bytes that turns most other words away
/// before they are hashed.
type Lexicon = (
    HashMap<&'static str, Entry, BuildHasherDefault<Fnv>>,
    Vec<u64>,
);

/// The bit of the first two bytes of `word` (the second is 0 for one-byte words).
fn prefix_bit(word: &str) -> usize {
    let b = word.as_bytes();
    usize::from(b.first().copied().unwrap_or(0)) << 8 | usize::from(b.get(1).copied().unwrap_or(0))
}

/// The entry of a lower-case word, if the lexicon has one: one hash lookup per token
/// instead of a walk through every list.
pub(crate) fn entry(word: &str) -> Option<&'static Entry> {
    let (map, prefixes) = lexicon();
    let bit = prefix_bit(word);
    if prefixes[bit / 64] & (1 << (bit % 64)) == 0 {
        return None;
    }
    map.get(word)
}

/// The bit of a word's first three bytes (fewer for shorter words) in [`may_matter`]'s
/// table.
fn head_bit(word: &[u8]) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for &b in word.iter().take(3) {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    // Mark shorter words, so that «to» does not share a bit with every «to…».
    h ^= word.len().min(3) as u32;
    h = h.wrapping_mul(0x0100_0193);
    (h >> 16) as usize
}

/// Whether a lower-case word could be a number word or a word of the lexicon, judged by
/// its first three bytes: a test of a few instructions that turns away nearly every
/// other word. It never turns away a word that the full readers would accept.
pub(crate) fn may_matter(word: &str) -> bool {
    static GATE: OnceLock<Vec<u64>> = OnceLock::new();
    let gate = GATE.get_or_init(|| {
        let mut bits = vec![0u64; 65536 / 64];
        let mut add = |w: &[u8]| {
            let bit = head_bit(w);
            bits[bit / 64] |= 1 << (bit % 64);
        };
        for w in lexicon().0.keys() {
            add(w.as_bytes());
        }
        for w in ["i", "en", "ei", "et", "ein", "eit"] {
            add(w.as_bytes());
        }
        let morphemes = || {
            super::words::CARDINALS
                .iter()
                .chain(super::words::ORDINALS)
                .map(|(w, _)| *w)
                .filter(|w| *w != "og")
        };
        for m in morphemes() {
            add(m.as_bytes());
            if m.len() < 3 {
                // «to» also begins «tohundre», «totusen», «to-tre»: its first three
                // bytes then take the next morpheme's first byte, or the hyphen.
                for n in super::words::CARDINALS.iter().chain(super::words::ORDINALS) {
                    add(format!("{m}{}", n.0).as_bytes());
                }
                add(format!("{m}-").as_bytes());
            }
        }
        bits
    });
    let bit = head_bit(word.as_bytes());
    gate[bit / 64] & (1 << (bit % 64)) != 0
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut map: HashMap<&'static str, Entry, BuildHasherDefault<Fnv>> = HashMap::default();
        for &w in OPENERS {
            map.entry(w).or_default().opener = true;
        }
        for &(w, m) in MONTHS {
            map.entry(w).or_default().month = Some(m);
        }
        for &(w, code) in CURRENCIES_BEFORE {
            map.entry(w).or_default().currency = Some(code);
        }
        for &(phrase, code, ty) in UNITS {
            match phrase {
                [w] => map.entry(*w).or_default().unit = Some((code, ty)),
                [w, ..] => map.entry(*w).or_default().unit_phrase = true,
                [] => {}
            }
        }
        for &(w, v) in super::words::VAGUE {
            map.entry(w).or_default().vague = Some(v);
        }
        let mut prefixes = vec![0u64; 65536 / 64];
        for w in map.keys() {
            let bit = prefix_bit(w);
            prefixes[bit / 64] |= 1 << (bit % 64);
        }
        (map, prefixes)
    })
}

/// Words after which a four-digit number is a year («i 2014», «siden 2011»).
pub(crate) fn year_cue(word: &str) -> bool {
    month(word).is_some()
        || matches!(
            word,
            "i" | "siden"
                | "sidan"
                | "fra"
                | "frå"
                | "til"
                | "før"
                | "etter"
                | "innen"
                | "innan"
                | "fram"
                | "frem"
                | "året"
                | "år"
                | "våren"
                | "sommeren"
                | "sommaren"
                | "høsten"
                | "hausten"
                | "vinteren"
                | "julen"
                | "jula"
                | "sesongen"
                | "utgangen"
                | "perioden"
                | "tidsrommet"
                | "årene"
                | "sesongene"
                | "begynnelsen"
                | "slutten"
                | "starten"
                | "midten"
                | "tidlig"
                | "sent"
                | "per"
                | "pr."
                | "("
                | "og"
                | "eller"
                | "mellom"
                | "valget"
                | "budsjettet"
                | "statsbudsjettet"
                | "ol"
                | "vm"
                | "em"
        )
}

/// Words after «kl.» that mark a clock time.
pub(crate) fn clock_cue(word: &str) -> bool {
    matches!(word, "kl." | "kl" | "klokken" | "klokka")
}

/// Words that follow a number without being what it counts: function words, auxiliary
/// verbs, common adverbs (Bokmål and Nynorsk).
pub(crate) fn not_counted(word: &str) -> bool {
    matches!(
        word,
        "og" | "eller"
            | "men"
            | "av"
            | "i"
            | "på"
            | "til"
            | "for"
            | "med"
            | "fra"
            | "frå"
            | "om"
            | "ved"
            | "mot"
            | "under"
            | "over"
            | "etter"
            | "før"
            | "hos"
            | "uten"
            | "utan"
            | "som"
            | "at"
            | "er"
            | "var"
            | "ble"
            | "blir"
            | "vart"
            | "vert"
            | "har"
            | "hadde"
            | "kan"
            | "skal"
            | "vil"
            | "må"
            | "kunne"
            | "skulle"
            | "ville"
            | "måtte"
            | "det"
            | "den"
            | "de"
            | "dei"
            | "dem"
            | "seg"
            | "sin"
            | "sitt"
            | "sine"
            | "han"
            | "hun"
            | "ho"
            | "vi"
            | "me"
            | "jeg"
            | "eg"
            | "du"
            | "ikke"
            | "ikkje"
            | "også"
            | "òg"
            | "bare"
            | "berre"
            | "kun"
            | "nå"
            | "no"
            | "da"
            | "så"
            | "der"
            | "her"
            | "mer"
            | "meir"
            | "enn"
            | "fortsatt"
            | "framleis"
            | "fremdeles"
            | "allerede"
            | "alt"
            | "igjen"
            | "totalt"
            | "hver"
            | "kvar"
            | "hvert"
            | "kvart"
            | "per"
            | "pr."
            | "mens"
            | "medan"
            | "når"
            | "hvis"
            | "dersom"
            | "ifølge"
            | "ifylgje"
            | "samt"
            | "både"
            | "blant"
            | "dette"
            | "disse"
            | "desse"
            | "tidligere"
            | "tidlegare"
            | "senere"
            | "seinare"
            | "siden"
            | "sidan"
            | "ut"
            | "inn"
            | "opp"
            | "ned"
            | "fram"
            | "frem"
            | "tilbake"
            | "sammen"
            | "saman"
            | "å"
            | "likevel"
            | "aldri"
            | "alltid"
            | "ofte"
            | "sjelden"
            | "heller"
            | "særlig"
            | "faktisk"
            | "tilsammen"
            | "altså"
            | "nok"
            | "gjerne"
            | "trolig"
            | "truleg"
            | "kanskje"
            | "egentlig"
            | "eigentleg"
            | "annet"
            | "anna"
            | "jf"
            | "jf."
            | "får"
            | "fikk"
            | "fekk"
            | "tok"
            | "gikk"
            | "gjekk"
            | "kom"
            | "sa"
            | "sier"
            | "seier"
            | "ser"
            | "står"
            | "sto"
            | "gir"
            | "gav"
            | "ga"
            | "går"
            | "kommer"
            | "kjem"
            | "møttes"
            | "møtes"
            | "ligger"
            | "lå"
            | "finnes"
            | "fantes"
            | "gjort"
            | "blitt"
            | "vært"
            | "hatt"
            | "en"
            | "ei"
            | "et"
            | "ein"
            | "eit"
    )
}

/// Words before a number that make it an identifier (a paragraph, a law, a page), which
/// counts nothing.
pub(crate) fn identifier_cue(word: &str) -> bool {
    matches!(
        word,
        "§" | "§§"
            | "nr"
            | "nr."
            | "kap."
            | "kap"
            | "kapittel"
            | "side"
            | "s."
            | "str."
            | "str"
            | "punkt"
            | "pkt."
            | "artikkel"
            | "art."
            | "bok"
            | "del"
            | "sak"
            | "rom"
            | "runde"
    )
}

/// Words before «fra X til Y» that make it a change from one number to another, not a
/// range («økte fra 10 til 20 prosent»).
pub(crate) fn change_word(word: &str) -> bool {
    matches!(
        word,
        "økte"
            | "økt"
            | "øker"
            | "auka"
            | "aukar"
            | "steg"
            | "stiger"
            | "stige"
            | "falt"
            | "faller"
            | "fall"
            | "sank"
            | "synker"
            | "søkk"
            | "redusert"
            | "redusertes"
            | "endret"
            | "endra"
            | "vokste"
            | "voks"
            | "doblet"
            | "dobla"
            | "ned"
            | "opp"
            | "hevet"
            | "senket"
            | "justert"
            | "oppjustert"
            | "nedjustert"
    )
}

/// Participles used as nouns after a number («43 drepte», «17 skadde», «1.000 ansatte»),
/// which end like past-tense verbs but are what is counted.
pub(crate) fn participle_noun(word: &str) -> bool {
    matches!(
        word,
        "drepte"
            | "skadde"
            | "skadete"
            | "døde"
            | "ansatte"
            | "tilsette"
            | "arresterte"
            | "pågrepne"
            | "fremmøtte"
            | "frammøtte"
            | "innsatte"
            | "innlagte"
            | "internerte"
            | "permitterte"
            | "sårede"
            | "savnede"
            | "fengslede"
            | "evakuerte"
            | "siktede"
            | "tiltalte"
            | "dømte"
            | "rammede"
            | "berørte"
            | "spurte"
            | "omkomne"
            | "valgte"
            | "registrerte"
            | "arbeidsledige"
            | "innvandrede"
            | "drepne"
    )
}

/// Pronouns after «av» in «17 av dem barn», «36 av dem familiemedlemmer».
pub(crate) fn partitive_pronoun(word: &str) -> bool {
    matches!(
        word,
        "dem" | "disse" | "desse" | "dei" | "oss" | "dere" | "dykk"
    )
}

/// The value of a vague quantity word («hundrevis» → 100). `word` is lower case.
pub(crate) fn vague(word: &str) -> Option<f64> {
    entry(word)?.vague
}

/// Quantifiers that make a vague quantity of a round number («flere hundre»,
/// «noen tusen», «mange millioner»).
pub(crate) fn vague_quantifier(word: &str) -> bool {
    matches!(
        word,
        "flere" | "fleire" | "noen" | "nokre" | "nokon" | "mange"
    )
}

/// Words for a person, before an age in decades of life («en kvinne i 40-årene»).
pub(crate) fn person(word: &str) -> bool {
    matches!(
        word,
        "mann"
            | "mannen"
            | "menn"
            | "kvinne"
            | "kvinnen"
            | "kvinna"
            | "kvinner"
            | "person"
            | "personen"
            | "personer"
            | "gutt"
            | "gutten"
            | "jente"
            | "jenta"
            | "jenten"
            | "dame"
            | "damen"
            | "dama"
            | "pasient"
            | "pasienten"
            | "sjåfør"
            | "sjåføren"
            | "fører"
            | "føreren"
            | "ektepar"
            | "par"
            | "han"
            | "hun"
            | "ho"
            | "far"
            | "mor"
            | "jeg"
            | "eg"
    )
}

/// Degrees below zero: «ti minusgrader» is −10 °C.
pub(crate) fn below_zero(word: &str) -> bool {
    matches!(
        word,
        "minusgrader" | "kuldegrader" | "minusgrad" | "kuldegrad"
    )
}

/// Words a few tokens before «N mål» that make the goals of a match, not the area unit
/// (dekar): «scoret tre mål», «vant med to mål».
pub(crate) fn goal_cue(word: &str) -> bool {
    matches!(
        word,
        "scoret"
            | "scora"
            | "scorte"
            | "skåret"
            | "skåra"
            | "scorer"
            | "scorar"
            | "score"
            | "laget"
            | "lagde"
            | "laga"
            | "slapp"
            | "sleppte"
            | "vant"
            | "vann"
            | "tapte"
            | "tapa"
            | "ledet"
            | "leia"
            | "avgjorde"
            | "sendte"
            | "senda"
    )
}

/// Words before «i tre» / «av tre» that make it the material wood: «bygd i tre», «laget
/// av tre».
pub(crate) fn made_of(word: &str) -> bool {
    matches!(
        word,
        "bygd"
            | "bygget"
            | "bygde"
            | "bygt"
            | "laget"
            | "lagd"
            | "laga"
            | "lagde"
            | "snekret"
            | "snekra"
            | "skåret"
            | "skore"
            | "utført"
            | "kledd"
            | "kledt"
            | "hus"
            | "huset"
            | "hytte"
            | "hytta"
            | "hytter"
            | "møbler"
            | "figur"
            | "figurer"
            | "bru"
            | "bro"
            | "kirke"
            | "kyrkje"
    )
}

/// Nouns after which «andre» is the ordinal «second», not «other».
pub(crate) fn ordinal_noun(word: &str) -> bool {
    matches!(
        word,
        "gang"
            | "gangen"
            | "gong"
            | "gongen"
            | "plass"
            | "plassen"
            | "runde"
            | "runden"
            | "omgang"
            | "omgangen"
            | "verdenskrig"
            | "verdenskrigen"
            | "verdskrig"
            | "verdskrigen"
            | "kvartal"
            | "kvartalet"
            | "etappe"
            | "etappen"
            | "divisjon"
            | "halvår"
            | "halvåret"
            | "halvdel"
            | "omgangar"
            | "sesong"
            | "sesongen"
            | "året"
            | "dagen"
            | "dag"
            | "forsøk"
            | "forsøket"
            | "utgave"
            | "utgaven"
    )
}

/// English words around «to» that show it is the English preposition («due to the»).
pub(crate) fn english_around_to(prev: &str, next: &str) -> bool {
    matches!(
        next,
        "the"
            | "be"
            | "a"
            | "an"
            | "do"
            | "make"
            | "get"
            | "go"
            | "see"
            | "have"
            | "take"
            | "say"
            | "me"
            | "you"
            | "him"
            | "her"
            | "us"
            | "them"
            | "my"
            | "your"
            | "his"
            | "their"
            | "our"
            | "its"
            | "this"
            | "that"
            | "what"
            | "know"
            | "come"
            | "keep"
            | "find"
            | "play"
            | "love"
            | "live"
            | "work"
    ) || matches!(
        prev,
        "want"
            | "going"
            | "how"
            | "used"
            | "have"
            | "has"
            | "had"
            | "back"
            | "due"
            | "according"
            | "order"
            | "able"
            | "like"
            | "need"
            | "trying"
            | "went"
            | "came"
            | "way"
            | "is"
            | "was"
            | "are"
            | "were"
            | "up"
            | "down"
            | "welcome"
            | "me"
            | "you"
    )
}
