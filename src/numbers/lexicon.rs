//! The words around numbers: qualifiers («om lag», «minst»), units («kilometer», «kr»),
//! months, the words that announce a year («i», «siden») and the function words that are
//! never the thing counted. All entries are lower case; Bokmål and Nynorsk side by side.

use crate::document::{AnnotationType, Qualifier};

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
    (&["prosent"], "percent", AnnotationType::Percent),
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
    (&["grader"], "degree", AnnotationType::Measure),
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
pub(crate) fn currency_before(word: &str) -> Option<&'static str> {
    Some(match word {
        "kr" | "kr." | "nok" => "NOK",
        "$" | "usd" | "us$" => "USD",
        "€" | "eur" => "EUR",
        "£" | "gbp" => "GBP",
        "sek" => "SEK",
        "dkk" => "DKK",
        _ => return None,
    })
}

/// The month a lower-case word names (1–12), full or abbreviated.
pub(crate) fn month(word: &str) -> Option<u32> {
    Some(match word {
        "januar" | "jan." | "jan" => 1,
        "februar" | "feb." | "feb" => 2,
        "mars" | "mar." => 3,
        "april" | "apr." => 4,
        "mai" => 5,
        "juni" => 6,
        "juli" => 7,
        "august" | "aug." => 8,
        "september" | "sep." | "sept." | "sep" => 9,
        "oktober" | "okt." | "okt" => 10,
        "november" | "nov." | "nov" => 11,
        "desember" | "des." | "des" => 12,
        _ => return None,
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

/// Pronouns after «av» in «17 av dem barn», «36 av dem familiemedlemmer».
pub(crate) fn partitive_pronoun(word: &str) -> bool {
    matches!(
        word,
        "dem" | "disse" | "desse" | "dei" | "oss" | "dere" | "dykk"
    )
}

/// Quantifiers that make a vague quantity of a round number («flere hundre»,
/// «noen tusen», «mange millioner»).
pub(crate) fn vague_quantifier(word: &str) -> bool {
    matches!(
        word,
        "flere" | "fleire" | "noen" | "nokre" | "nokon" | "mange"
    )
}

/// Nouns after which «andre» is the ordinal «second», not «other».
pub(crate) fn ordinal_noun(word: &str) -> bool {
    matches!(
        word,
        "gang"
            | "gangen"
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
