//! Events: who did what to whom, where, when and how many (SPEC §2b).
//!
//! A stage above tokens, names, numbers and entities: it reads the sentences of a document
//! with their annotations and writes one [`Event`] for each fact a sentence states — people
//! killed, injured, missing, detained, kidnapped or displaced, or an attack. Patterns over
//! the tokens and annotations, in Bokmål and Nynorsk:
//!
//! - **Triggers** are words in all their forms («drept/drepte/drepne/drap», «omkom»,
//!   «mistet livet», «såret/skadd/skada», «savnet/sakna», «pågrepet/arrestert/fengsla»,
//!   «bortført/gisler», «flyktet/på flukt/evakuert/heimlause», «angrep/åtak/bombet/beskjøt»
//!   and compounds in «-angrep», «-åtak»). A participle after «ble/er/vart/blitt» is
//!   passive, after «har/hadde» active; «43 drepte», «de savnede» are nouns.
//! - **Count**: the number annotation of type `count` that the trigger governs — before a
//!   passive or intransitive trigger («minst 43 mennesker ble drept»), after an active one
//!   («IS drepte 20 sivile») or a death toll («dødstallet har steget til 120»). Only a
//!   count of people (or of nothing named) can be a victim count; a number is never forced
//!   into an event.
//! - **Victims**: the counted noun, or a noun for people next to the trigger («sivile»).
//! - **Agent**: «av X» after a passive trigger, the subject before an active one, the means
//!   «i et selvmordsangrep». **Target**: «mot/på X» after an attack, the object of an
//!   attack verb. **Source**: «ifølge X», «opplyser X», «sier X til Y», «X melder at …».
//! - **Place**: a place annotation of the sentence (not inside the agent or source), or the
//!   one of the nearest earlier sentence of the same paragraph (`inherited`).
//! - **Negation**: «ingen», «ikke/ikkje», «uten at» before the trigger in its clause.
//! - **Breakdowns**: a count followed by «av dem/dei/disse» or after «blant dem», «deriblant»
//!   is an event of its own with `part_of` the event it breaks down, in the same sentence
//!   or the previous one.
//!
//! # What is not an event (the rules for figurative and unreal uses)
//! - A victim trigger needs a victim: a count, a noun for people, a named person, or a
//!   denial («ingen ble skadd»). «Opposisjonen drepte debatten», «han døde» (a single death
//!   without a count or a noun for the person) and «drapet» alone give no event.
//! - The verb «angrep/angripe» is an attack only when what is attacked is a place or a
//!   physical or military target («en militærbase», «Kyiv») or a weapon is named («med
//!   droner»): «statsministeren angrep opposisjonen» is not. A bare attack noun («angrepet»)
//!   needs a place or a «mot/på» target next to it or a verb that carries it out
//!   («gjennomførte»). Medical and digital «angrep» (hjerteangrep, dataangrep) are never read.
//! - «ta livet av» is not read (figurative and suicide uses dominate).
//! - A trigger after a word of prevention, fear or possibility («forhindre at sivile blir
//!   drept», «kan bli», «frykter», «dersom») is not a fact and gives no event.
//! - An attack that is the means of a casualty event in the same sentence («drept i et
//!   luftangrep») is that event's agent, not a second event.
//! - A death toll of another war in a history paragraph is still a stated fact: it is
//!   read, with its time («siden 2011») so a reader can tell.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::text::CodePoints;
use crate::tokens::Token;
use crate::vocab::{Annotation, AnnotationType, Kind};

pub use crate::vocab::EventType;

/// A part of an event: a span of the text in code points, with its entity when the span
/// is a recognised name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventSpan {
    /// Exactly the code points `start..end` of the document text.
    pub text: String,
    /// First code point (inclusive).
    pub start: usize,
    /// Last code point (exclusive).
    pub end: usize,
    /// The entity of the name this span is, if any.
    #[serde(default)]
    pub entity: Option<String>,
    /// For a place: taken from an earlier sentence of the paragraph, not this one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inherited: bool,
}

/// One fact a sentence states (SPEC §2b).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// `v1`, `v2`, … in document order.
    pub id: String,
    /// What happened.
    #[serde(rename = "type")]
    pub ty: EventType,
    /// First code point of the sentence.
    pub start: usize,
    /// Last code point (exclusive) of the sentence.
    pub end: usize,
    /// The id of the number annotation that counts the victims.
    pub count: Option<String>,
    /// Who was affected, as written («mennesker», «sivile»).
    pub victims: Option<String>,
    /// Who or what did it.
    pub agent: Option<EventSpan>,
    /// What an attack was aimed at.
    pub target: Option<EventSpan>,
    /// Where.
    pub place: Option<EventSpan>,
    /// When.
    pub time: Option<EventSpan>,
    /// Who says so.
    pub source: Option<EventSpan>,
    /// The sentence denies it.
    pub negated: bool,
    /// The id of the event this one breaks down.
    pub part_of: Option<String>,
}

/// How a trigger word is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// A participle: passive after «ble/er», active after «har».
    Participle,
    /// A past tense that may also be a participle or a noun («drepte», «skadet», «angrep»).
    Past,
    /// Intransitive: the subject is the victim («omkom», «døde», «flyktet»).
    Intransitive,
    /// A noun naming the victims or the deed («dødsfall», «gisler», «luftangrep»).
    Noun,
    /// A death toll: the count follows («dødstallet har steget til 120»).
    Toll,
}

/// Voice as read in the sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Voice {
    /// The victim is the subject (passive, intransitive, noun).
    Before,
    /// The agent is the subject, the victim the object.
    Active,
    /// The count follows (death toll).
    Toll,
}

/// A trigger word: its type and form. Words are lower case.
fn trigger_word(w: &str) -> Option<(EventType, Form)> {
    use EventType::*;
    use Form::*;
    let found = match w {
        // killed
        "drept" | "drepne" | "drepen" | "myrdet" | "henrettet" | "henretta" | "omkommet" => {
            (Killed, Participle)
        }
        "drepte" | "drap" | "myrda" => (Killed, Past),
        "omkom" | "omkome" | "døde" | "døydde" | "druknet" | "drukna" | "døyde" => {
            (Killed, Intransitive)
        }
        "dødsfall" | "dødsfallene" | "dødsoffer" | "dødsofre" | "dødsofra" | "dødsofrene"
        | "omkomne" | "drapet" | "drapene" | "dødsfalla" => (Killed, Noun),
        "dødstall" | "dødstallet" | "dødstal" | "dødstalet" | "dødstala" | "dødstallene" => {
            (Killed, Toll)
        }
        // injured
        "skadd" | "skadde" | "såra" => (Injured, Participle),
        "såret" | "skadet" | "skada" => (Injured, Past),
        "sårede" | "skadede" | "personskader" | "personskadar" | "personskade" => (Injured, Noun),
        // missing
        "savnet" | "savna" | "sakna" | "saknet" | "forsvunnet" | "forsvunne" => {
            (Missing, Participle)
        }
        "savnede" | "saknede" | "savnade" => (Missing, Noun),
        // detained
        "pågrepet" | "pågripen" | "pågripne" | "pågrepne" | "arrestert" | "anholdt" => {
            (Detained, Participle)
        }
        "pågrep" | "arresterte" | "arresterer" | "pågriper" | "varetektsfengslet"
        | "varetektsfengsla" | "fengslet" | "fengsla" | "internert" | "internerte" => {
            (Detained, Past)
        }
        "arrestasjoner" | "arrestasjonar" | "pågripelser" => (Detained, Noun),
        // kidnapped
        "bortført" | "bortførd" | "kidnappa" | "bortførde" => (Kidnapped, Participle),
        "bortførte" | "kidnappet" | "kidnappede" => (Kidnapped, Past),
        "gisler" | "gislar" | "gissel" | "gislene" | "gislane" => (Kidnapped, Noun),
        // displaced
        "evakuert" | "evakuerte" | "fordrevet" | "fordrive" | "evakuerast" | "evakuerer" => {
            (Displaced, Participle)
        }
        "flyktet" | "flykta" | "rømte" | "rømde" | "flyktar" | "flykter" => {
            (Displaced, Intransitive)
        }
        "fordrevne" | "fordrivne" | "hjemløse" | "heimlause" => (Displaced, Noun),
        // attack
        "angrep" | "angreip" | "bombet" | "bomba" | "beskjøt" | "beskaut" | "bombarderte"
        | "angriper" => (Attack, Past),
        "angrepet" | "beskutt" | "bombardert" | "angripen" => (Attack, Participle),
        _ => return attack_noun(w).map(|_| (Attack, Noun)),
    };
    Some(found)
}

/// Whether `w` is an attack noun; `Some(true)` for one that names its means
/// («luftangrep», «bombing»), `Some(false)` for a bare «angrepet».
fn attack_noun(w: &str) -> Option<bool> {
    const BARE: &[&str] = &[
        "angrep",
        "angrepet",
        "angrepene",
        "angrepa",
        "åtak",
        "åtaket",
        "åtaka",
        "åtakene",
    ];
    if BARE.contains(&w) {
        return Some(false);
    }
    const MEANS: &[&str] = &[
        "bombing",
        "bombingen",
        "bombinga",
        "bombingene",
        "beskytning",
        "beskytningen",
        "beskyting",
        "beskytinga",
        "bombardement",
        "bombardementet",
    ];
    if MEANS.contains(&w) {
        return Some(true);
    }
    // Compounds: luftangrep, rakettangrepet, droneåtak … but not medical or digital ones.
    const NOT: &[&str] = &[
        "hjerte",
        "person",
        "panikk",
        "astma",
        "data",
        "hacker",
        "cyber",
        "løsepenge",
        "motstand",
        "migrene",
        "angst",
        "kritikk",
        "verbal",
    ];
    let stem = BARE
        .iter()
        .filter(|s| w.len() > s.len() && w.ends_with(*s))
        .map(|s| &w[..w.len() - s.len()])
        .next()?;
    let stem = stem.trim_end_matches('-');
    if stem.chars().count() < 3 || NOT.iter().any(|n| stem.ends_with(n)) {
        return None;
    }
    Some(true)
}

/// Words for people: a count of these, or one of these next to a trigger, is a victim.
fn people(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "mennesker",
        "menneske",
        "menneska",
        "personer",
        "personar",
        "person",
        "personen",
        "sivile",
        "barn",
        "barnet",
        "borna",
        "kvinner",
        "kvinne",
        "kvinnen",
        "kvinna",
        "kvinnor",
        "menn",
        "mann",
        "mannen",
        "gutt",
        "gutten",
        "guten",
        "jente",
        "jenta",
        "gutter",
        "gutar",
        "jenter",
        "soldater",
        "soldatar",
        "soldat",
        "soldaten",
        "soldatene",
        "politifolk",
        "fanger",
        "fangar",
        "gisler",
        "gislar",
        "familiemedlemmer",
        "familiemedlemar",
        "ungdommer",
        "ungdomar",
        "ungdom",
        "ungdommen",
        "eldre",
        "mindreårige",
        "folk",
        "pasienter",
        "pasientar",
        "tenåringer",
        "tenåringar",
        "babyer",
        "spedbarn",
        "døde",
        "turister",
        "turistar",
        "skolebarn",
        "sjåfør",
        "sjåføren",
        "fører",
        "føreren",
        "syklist",
        "syklisten",
        "fotgjenger",
        "fotgjengeren",
        "tiltalte",
        "mistenkte",
        "siktede",
        "familier",
        "familiar",
        "husstander",
        "flyktninger",
        "flyktningar",
        "innbyggere",
        "innbyggjarar",
        "beboere",
        "bebuarar",
    ];
    if WORDS.contains(&w) {
        return true;
    }
    const COMPARATIVES: &[&str] = &[
        "flere",
        "fleire",
        "mere",
        "lettere",
        "lettare",
        "tidligere",
        "tidlegare",
        "senere",
        "seinare",
        "større",
        "mindre",
        "bedre",
        "verre",
        "nærmere",
        "videre",
        "vidare",
        "heller",
    ];
    if COMPARATIVES.contains(&w) {
        return false;
    }
    let n = w.chars().count();
    n >= 5
        && [
            "ere",
            "arar",
            "erar",
            "ister",
            "istar",
            "ister",
            "anter",
            "antar",
            "menn",
            "folk",
            "barn",
            "jenter",
            "gutter",
            "soldater",
            "soldatar",
            "offiserer",
            "offiserar",
            "nærer",
            "ærar",
            "ianer",
            "ianar",
        ]
        .iter()
        .any(|s| w.ends_with(s))
}

/// Nouns that name the victims of the event itself («43 drepte», «1.100 sivile dødsfall»).
fn event_noun(w: &str) -> bool {
    matches!(
        trigger_word(w),
        Some((
            _,
            Form::Noun | Form::Past | Form::Participle | Form::Intransitive
        ))
    ) && !people(w)
}

/// Words of prevention, fear or possibility: a trigger after one is not a fact.
fn unreal(w: &str) -> bool {
    matches!(
        w,
        "forhindre"
            | "hindre"
            | "unngå"
            | "frykter"
            | "fryktar"
            | "frykta"
            | "truer"
            | "trugar"
            | "truet"
            | "risikerer"
            | "dersom"
            | "hvis"
            | "viss"
            | "kan"
            | "kunne"
            | "vil"
            | "ville"
            | "burde"
            | "bør"
            | "må"
            | "skulle"
            | "planla"
            | "planlegger"
            | "forsøkte"
            | "prøvde"
            | "advarer"
            | "åtvarar"
    )
}

fn negation(w: &str) -> bool {
    matches!(
        w,
        "ingen" | "ikke" | "ikkje" | "uten" | "utan" | "aldri" | "inga" | "ingenting"
    )
}

fn auxiliary_passive(w: &str) -> bool {
    matches!(
        w,
        "ble"
            | "blei"
            | "blir"
            | "bli"
            | "blitt"
            | "vart"
            | "vert"
            | "vorte"
            | "er"
            | "var"
            | "blitte"
            | "bleit"
    )
}

fn auxiliary_active(w: &str) -> bool {
    matches!(w, "har" | "hadde" | "ha" | "hatt")
}

/// Words that may stand between an auxiliary and its participle: adverbs, a second
/// participle («ble skutt og drept»), «meldt» («er meldt drept»).
fn adverb(w: &str) -> bool {
    matches!(
        w,
        "nå" | "no"
            | "også"
            | "òg"
            | "trolig"
            | "truleg"
            | "angivelig"
            | "visstnok"
            | "minst"
            | "alvorlig"
            | "alvorleg"
            | "lettere"
            | "lettare"
            | "hardt"
            | "kritisk"
            | "livstruende"
            | "livstrugande"
            | "senere"
            | "seinare"
            | "fortsatt"
            | "framleis"
            | "allerede"
            | "alt"
            | "tidligere"
            | "tidlegare"
            | "likevel"
            | "skal"
            | "ha"
            | "blitt"
            | "vorte"
            | "meldt"
            | "rapportert"
            | "bekreftet"
            | "stadfesta"
            | "ikke"
            | "ikkje"
            | "pågrepet"
            | "skutt"
            | "og"
    )
}

fn speech_verb(w: &str) -> bool {
    matches!(
        w,
        "opplyser"
            | "opplyste"
            | "opplyst"
            | "sier"
            | "sa"
            | "seier"
            | "melder"
            | "meldte"
            | "meldar"
            | "skriver"
            | "skrev"
            | "skriv"
            | "rapporterer"
            | "rapporterte"
            | "hevder"
            | "hevdet"
            | "hevdar"
            | "bekrefter"
            | "bekreftet"
            | "bekreftar"
            | "stadfester"
            | "stadfestar"
            | "stadfesta"
            | "forteller"
            | "fortel"
            | "fortalte"
            | "uttaler"
            | "uttalte"
            | "kunngjorde"
            | "erkjenner"
            | "erkjent"
            | "erkjente"
            | "innrømmer"
            | "innrømmet"
            | "anslår"
            | "anslo"
            | "oppgir"
            | "oppga"
    )
}

/// Verbs that carry out an attack noun or hold hostages: their subject is the agent.
fn carrier_verb(w: &str) -> bool {
    matches!(
        w,
        "gjennomførte"
            | "gjennomfører"
            | "gjennomførde"
            | "gjennomført"
            | "utførte"
            | "utfører"
            | "utført"
            | "holder"
            | "held"
            | "holdt"
            | "heldt"
            | "rettet"
            | "retta"
            | "sendte"
            | "iverksatte"
            | "lanserte"
            | "starta"
            | "startet"
    )
}

/// Physical or military targets: what makes «angrep» a real attack.
fn physical_target(w: &str) -> bool {
    const STEMS: &[&str] = &[
        "base",
        "leir",
        "by",
        "byen",
        "landsby",
        "stilling",
        "mål",
        "sykehus",
        "skole",
        "kirke",
        "moské",
        "moske",
        "marked",
        "konvoi",
        "kontrollpost",
        "patrulje",
        "styrker",
        "soldat",
        "flyplass",
        "havn",
        "hamn",
        "kraftverk",
        "infrastruktur",
        "boligområde",
        "bustadområde",
        "hotell",
        "ambassade",
        "politistasjon",
        "fengsel",
        "lager",
        "fartøy",
        "skip",
        "fly",
        "stasjon",
        "bygning",
        "bygg",
        "militær",
        "milits",
        "opprører",
        "krigar",
        "kriger",
        "bydel",
        "anlegg",
        "raffineri",
        "bro",
        "bru",
        "tog",
        "buss",
        "festival",
    ];
    STEMS.iter().any(|s| w.contains(s))
}

fn weapon(w: &str) -> bool {
    const STEMS: &[&str] = &[
        "drone",
        "rakett",
        "granat",
        "bombe",
        "missil",
        "artilleri",
        "fly",
        "kampfly",
        "våpen",
        "morter",
    ];
    STEMS.iter().any(|s| w.contains(s))
}

fn time_word(w: &str) -> bool {
    matches!(
        w,
        "mandag"
            | "tirsdag"
            | "onsdag"
            | "torsdag"
            | "fredag"
            | "lørdag"
            | "søndag"
            | "måndag"
            | "tysdag"
            | "laurdag"
            | "sundag"
            | "natt"
    )
}

fn day_part(w: &str) -> bool {
    matches!(
        w,
        "kveld"
            | "morgen"
            | "ettermiddag"
            | "formiddag"
            | "natt"
            | "kveldsnatt"
            | "morgon"
            | "ettermiddagen"
    )
}

fn month(w: &str) -> bool {
    matches!(
        w,
        "januar"
            | "februar"
            | "mars"
            | "april"
            | "mai"
            | "juni"
            | "juli"
            | "august"
            | "september"
            | "oktober"
            | "november"
            | "desember"
    )
}

/// Words that end a noun phrase.
fn stop(w: &str) -> bool {
    w.chars().all(|c| !c.is_alphanumeric())
        || matches!(
            w,
            "i" | "på"
                | "ved"
                | "nær"
                | "mot"
                | "til"
                | "fra"
                | "frå"
                | "med"
                | "under"
                | "etter"
                | "før"
                | "for"
                | "om"
                | "siden"
                | "sidan"
                | "av"
                | "utenfor"
                | "utanfor"
                | "innenfor"
                | "blant"
                | "gjennom"
                | "og"
                | "men"
                | "da"
                | "då"
                | "når"
                | "som"
                | "at"
                | "der"
                | "fordi"
                | "mens"
                | "eller"
                | "har"
                | "hadde"
                | "er"
                | "ble"
                | "blei"
                | "vart"
                | "var"
                | "skal"
                | "kan"
                | "vil"
                | "nord"
                | "sør"
                | "øst"
                | "vest"
                | "natt"
                | "lørdag"
                | "søndag"
                | "mandag"
                | "tirsdag"
                | "onsdag"
                | "torsdag"
                | "fredag"
                | "laurdag"
                | "sundag"
                | "måndag"
                | "tysdag"
                | "ifølge"
                | "ifølgje"
                | "sier"
                | "opplyser"
                | "melder"
        )
}

/// Words that end a clause.
fn clause_word(w: &str) -> bool {
    matches!(
        w,
        "og" | "men"
            | "da"
            | "då"
            | "at"
            | "som"
            | "når"
            | "fordi"
            | "mens"
            | "dersom"
            | "der"
            | "hvor"
            | "eller"
            | "samtidig"
    )
}

fn pronoun(w: &str) -> bool {
    matches!(
        w,
        "han" | "hun" | "ho" | "de" | "dei" | "den" | "det" | "vi" | "me" | "jeg" | "eg"
    )
}

/// One token of a sentence, small: a sentence of millions of tokens («1 1 1 …») keeps one
/// of these per token.
struct Tok<'t> {
    raw: &'t str,
    /// The lower-case form when it differs from `raw`.
    lowered: Option<Box<str>>,
    /// The index of the annotation covering this token, `u32::MAX` for none.
    ann: u32,
}

impl Tok<'_> {
    /// The token in lower case.
    fn lower(&self) -> &str {
        self.lowered.as_deref().unwrap_or(self.raw)
    }

    /// The annotation covering this token.
    fn ann(&self) -> Option<usize> {
        (self.ann != u32::MAX).then_some(self.ann as usize)
    }
}

/// An event before ids and offsets are final; spans are token ranges of the sentence.
#[derive(Clone, Debug)]
struct Draft {
    ty: EventType,
    sentence: usize,
    count: Option<usize>,
    victims: Option<String>,
    agent: Option<Range<usize>>,
    target: Option<Range<usize>>,
    place: Option<(usize, bool)>,
    time: Option<Range<usize>>,
    /// The sentence of the source span and the span: a pronoun source («sier han») is
    /// the last person named in the previous sentence.
    source: Option<(usize, Range<usize>)>,
    negated: bool,
    breakdown: bool,
    part_of: Option<usize>,
}

/// The events of `text` with its `annotations` (as the annotator makes them): cuts the
/// text into tokens and sentences as [`crate::Annotator::annotate`] does, then [`find`].
pub fn read(text: &str, annotations: &[Annotation]) -> Vec<Event> {
    let header = crate::text::header(text);
    let body = text.get(header.body_start..).unwrap_or("");
    let mut tokens = crate::tokens::tokenize(body);
    for t in &mut tokens {
        t.start += header.body_start;
        t.end += header.body_start;
    }
    let sentences = crate::tokens::sentences(text, &tokens);
    find(text, &tokens, &sentences, annotations)
}

/// The events of a document: `text` cut into `tokens` and `sentences` (ranges of token
/// indices, as [`crate::tokens::sentences`] gives them) with its `annotations` (code point
/// offsets, sorted, as the annotator makes them). Never panics; a sentence states no event
/// unless its words say so.
pub fn find(
    text: &str,
    tokens: &[Token],
    sentences: &[Range<usize>],
    annotations: &[Annotation],
) -> Vec<Event> {
    let cp = CodePoints::new(text);
    // Byte ranges of the annotations, for matching them to tokens.
    let ann_bytes: Vec<(usize, usize)> = annotations
        .iter()
        .map(|a| {
            (
                cp.to_byte(a.start).unwrap_or(text.len()),
                cp.to_byte(a.end).unwrap_or(text.len()),
            )
        })
        .collect();
    // The tokens of sentence `k` (none for a range outside `tokens`).
    let tokens_of = |k: usize| {
        sentences
            .get(k)
            .and_then(|r| tokens.get(r.clone()))
            .unwrap_or(&[])
    };
    // Sentences are read one at a time, with the one before: what is kept for the whole
    // document is a flag per sentence and the events found.
    let toks_of = |k: usize| -> Vec<Tok> {
        let sentence = tokens_of(k);
        // The annotations from the first that ends after the sentence starts, in step with
        // its tokens.
        let mut next_ann = sentence
            .first()
            .map_or(0, |t| ann_bytes.partition_point(|&(_, end)| end <= t.start));
        sentence
            .iter()
            .map(|t| {
                while ann_bytes
                    .get(next_ann)
                    .is_some_and(|&(_, end)| end <= t.start)
                {
                    next_ann += 1;
                }
                let raw = t.text(text);
                Tok {
                    raw,
                    lowered: raw
                        .chars()
                        .any(char::is_uppercase)
                        .then(|| raw.to_lowercase().into_boxed_str()),
                    ann: covering(&ann_bytes, next_ann, *t)
                        .and_then(|a| u32::try_from(a).ok())
                        .unwrap_or(u32::MAX),
                }
            })
            .collect()
    };
    // Whether sentence `k` has a place annotation: the place search rebuilds only those.
    let has_place = |k: usize| {
        let sentence = tokens_of(k);
        let (Some(first), Some(last)) = (sentence.first(), sentence.last()) else {
            return false;
        };
        let from = ann_bytes.partition_point(|&(_, end)| end <= first.start);
        ann_bytes[from..]
            .iter()
            .zip(annotations.get(from..).unwrap_or(&[]))
            .take_while(|((start, _), _)| *start < last.end)
            .any(|(_, a)| a.kind == Kind::Place)
    };
    // Paragraph breaks: a line break between two sentences.
    let mut prev_end = 0;
    let new_paragraph: Vec<bool> = (0..sentences.len())
        .map(|i| {
            let toks = tokens_of(i);
            let start = toks.first().map_or(prev_end, |t| t.start);
            let new = i == 0 || text.get(prev_end..start).is_none_or(|g| g.contains('\n'));
            prev_end = toks.last().map_or(prev_end, |t| t.end);
            new
        })
        .collect();

    let mut drafts: Vec<Draft> = Vec::new();
    let mut prev: Vec<Tok> = Vec::new();
    for s in 0..sentences.len() {
        let toks = toks_of(s);
        let first_new = drafts.len();
        read_sentence(s, &toks, &prev, annotations, &mut drafts);
        // Place: this sentence, or the nearest earlier one of the paragraph.
        for d in &mut drafts[first_new..] {
            let mut place = pick_place(s, &toks, annotations, d).map(|a| (a, false));
            let mut k = s;
            while place.is_none() && !new_paragraph[k] {
                k -= 1;
                let earlier = if k + 1 == s {
                    pick_place(k, &prev, annotations, d)
                } else if has_place(k) {
                    pick_place(k, &toks_of(k), annotations, d)
                } else {
                    None
                };
                place = earlier.map(|a| (a, true));
            }
            d.place = place;
        }
        // Breakdowns point at the last whole event of this sentence or the previous one.
        for i in first_new..drafts.len() {
            if !drafts[i].breakdown {
                continue;
            }
            let ty = drafts[i].ty;
            let parent = (0..i).rev().find(|&j| {
                !drafts[j].breakdown
                    && drafts[j].ty == ty
                    && drafts[j].sentence + 1 >= s
                    && drafts[j].count.is_some()
            });
            drafts[i].part_of = parent;
        }
        prev = toks;
    }

    let span = |s: usize, r: &Range<usize>| -> Option<EventSpan> {
        let toks = tokens_of(s);
        let (first, last) = (*toks.get(r.start)?, *toks.get(r.end.checked_sub(1)?)?);
        let (start, end) = (cp.to_char(first.start), cp.to_char(last.end));
        let at = ann_bytes.partition_point(|&(_, end)| end <= first.start);
        let entity = covering(&ann_bytes, at, first).and_then(|a| {
            let ann = &annotations[a];
            (ann.start == start && ann.end == end)
                .then(|| ann.entity.clone())
                .flatten()
        });
        Some(EventSpan {
            text: text.get(first.start..last.end)?.to_string(),
            start,
            end,
            entity,
            inherited: false,
        })
    };
    drafts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let toks = tokens_of(d.sentence);
            let (start, end) = match (toks.first(), toks.last()) {
                (Some(f), Some(l)) => (cp.to_char(f.start), cp.to_char(l.end)),
                _ => (0, 0),
            };
            let place = d.place.and_then(|(a, inherited)| {
                let ann = annotations.get(a)?;
                Some(EventSpan {
                    text: ann.text.clone(),
                    start: ann.start,
                    end: ann.end,
                    entity: ann.entity.clone(),
                    inherited,
                })
            });
            Event {
                id: format!("v{}", i + 1),
                ty: d.ty,
                start,
                end,
                count: d
                    .count
                    .and_then(|a| annotations.get(a))
                    .map(|a| a.id.clone()),
                victims: d.victims.clone(),
                agent: d.agent.as_ref().and_then(|r| span(d.sentence, r)),
                target: d.target.as_ref().and_then(|r| span(d.sentence, r)),
                place,
                time: d.time.as_ref().and_then(|r| span(d.sentence, r)),
                source: d.source.as_ref().and_then(|(k, r)| span(*k, r)),
                negated: d.negated,
                part_of: d.part_of.map(|p| format!("v{}", p + 1)),
            }
        })
        .collect()
}

/// `at` when annotation `at` (of these byte ranges) covers token `t`.
fn covering(ann_bytes: &[(usize, usize)], at: usize, t: Token) -> Option<usize> {
    ann_bytes
        .get(at)
        .filter(|&&(start, end)| start < t.end && t.start < end)
        .map(|_| at)
}

/// The place of an event in sentence `toks`: the first place annotation that is not part
/// of its agent or source, preferring one after a preposition of place.
fn pick_place(k: usize, toks: &[Tok], annotations: &[Annotation], d: &Draft) -> Option<usize> {
    let in_agent = |i: usize| k == d.sentence && d.agent.as_ref().is_some_and(|r| r.contains(&i));
    let in_source = |i: usize| {
        d.source
            .as_ref()
            .is_some_and(|(sk, r)| *sk == k && r.contains(&i))
    };
    let mut first = None;
    for (i, t) in toks.iter().enumerate() {
        let Some(a) = t.ann() else { continue };
        let Some(ann) = annotations.get(a) else {
            continue;
        };
        if ann.kind != Kind::Place
            || (i > 0 && toks[i - 1].ann() == Some(a))
            || in_source(i)
            || in_agent(i)
        {
            continue;
        }
        // Adjectives of nationality («russiske») tagged as places are not where it happened.
        if t.raw.starts_with(char::is_lowercase) {
            continue;
        }
        let prep = i > 0
            && matches!(
                toks[i - 1].lower(),
                "i" | "på"
                    | "ved"
                    | "nær"
                    | "utenfor"
                    | "utanfor"
                    | "mot"
                    | "fra"
                    | "frå"
                    | "til"
                    | "byen"
                    | "provinsen"
                    | "delstaten"
                    | "regionen"
                    | "landsbyen"
            );
        if prep {
            return Some(a);
        }
        first = first.or(Some(a));
    }
    first
}

/// A count annotation at token `i`: its index when it counts people or nothing named.
fn count_at(toks: &[Tok], annotations: &[Annotation], i: usize) -> Option<usize> {
    let t = toks.get(i)?;
    let a = t.ann()?;
    let ann = annotations.get(a)?;
    if ann.ty != AnnotationType::Count || (i > 0 && toks[i - 1].ann() == Some(a)) {
        return None;
    }
    let reading = ann.number.as_ref()?;
    match reading.counted.as_deref() {
        None => Some(a),
        Some(c) => {
            let c = c.to_lowercase();
            (people(&c) || event_noun(&c) || trigger_word(&c).is_some()).then_some(a)
        }
    }
}

/// Whether the count at token `i` (spanning to `end`) breaks down an earlier one.
fn breakdown_at(toks: &[Tok], i: usize, end: usize) -> bool {
    let w = |k: usize| toks.get(k).map_or("", |t| t.lower());
    let after = w(end) == "av"
        && matches!(
            w(end + 1),
            "dem" | "dei" | "disse" | "desse" | "de" | "dette" | "totalt"
        );
    let before = i >= 1
        && (matches!(
            w(i - 1),
            "deriblant" | "inkludert" | "inklusive" | "herav" | "hvorav" | "medregnet"
        ) || (i >= 2
            && matches!(w(i - 2), "blant" | "av")
            && matches!(w(i - 1), "dem" | "dei" | "disse" | "desse" | "de")));
    after || before
}

/// The end (exclusive) of the annotation starting at token `i`.
fn ann_end(toks: &[Tok], i: usize) -> usize {
    let a = toks.get(i).and_then(|t| t.ann());
    let mut k = i + 1;
    while k < toks.len() && a.is_some() && toks[k].ann() == a {
        k += 1;
    }
    k
}

/// A phrase that ends in a name after a title («Talsperson Sean Ryan», «SDF-kommandør
/// Redur Khalil»): the name alone, so the span carries its entity.
fn name_tail(toks: &[Tok], r: Range<usize>) -> Range<usize> {
    let Some(last) = r.end.checked_sub(1).and_then(|k| toks.get(k)) else {
        return r;
    };
    let Some(a) = last.ann() else { return r };
    let mut start = r.end - 1;
    while start > r.start && toks[start - 1].ann() == Some(a) {
        start -= 1;
    }
    let titled = start > r.start
        && toks[r.start..start]
            .iter()
            .all(|t| t.ann().is_none() && t.raw.chars().any(char::is_alphabetic));
    if titled {
        start..r.end
    } else {
        r
    }
}

/// A noun phrase starting at token `i`: up to a stop word, at most five tokens, widened to
/// the end of a name that starts inside it.
fn phrase(toks: &[Tok], i: usize) -> Option<Range<usize>> {
    let t = toks.get(i)?;
    if stop(t.lower()) && t.ann().is_none() {
        return None;
    }
    let mut end = i;
    while end < toks.len() && end < i + 5 {
        let tk = &toks[end];
        let in_name = end > i && tk.ann().is_some() && tk.ann() == toks[end - 1].ann();
        let verb_trigger = trigger_word(tk.lower())
            .is_some_and(|(ty, f)| ty != EventType::Attack || f != Form::Noun);
        if !in_name && end > i && (stop(tk.lower()) || verb_trigger) {
            break;
        }
        if tk.ann().is_some() && !in_name {
            end = ann_end(toks, end);
            if end >= i + 5 {
                break;
            }
            continue;
        }
        end += 1;
    }
    (end > i).then(|| name_tail(toks, i..end))
}

/// A noun phrase ending just before token `j`, starting after the clause start: the
/// subject of a verb at `j`.
fn subject(toks: &[Tok], j: usize) -> Option<Range<usize>> {
    // Skip auxiliaries and adverbs back from the verb.
    let mut end = j;
    while end > 0 {
        let w = toks[end - 1].lower();
        if auxiliary_active(w)
            || matches!(
                w,
                "skal" | "har" | "likevel" | "tidligere" | "tidlegare" | "no" | "nå" | "også"
            )
            || adverb(w) && !matches!(w, "og" | "minst")
        {
            end -= 1;
        } else {
            break;
        }
    }
    if end == 0 {
        return None;
    }
    // The noun phrase that opens the clause («Et rakettangrep mot Odesa drepte»).
    let cs = clause_start(toks, end, 0);
    let r = phrase(toks, cs)?;
    let (start, end) = (r.start, r.end.min(end));
    if start >= end {
        return None;
    }
    let Range { start, end } = name_tail(toks, start..end);
    let words = &toks[start..end];
    if words.iter().any(|t| {
        t.raw.starts_with(|c: char| c.is_ascii_digit())
            || pronoun(t.lower())
            || t.lower() == "ingen"
    }) {
        return None;
    }
    // A time phrase in first place is not a subject (V2: «Lørdag angrep IS …»).
    if words
        .iter()
        .any(|t| time_word(t.lower()) || day_part(t.lower()))
    {
        return None;
    }
    Some(start..end)
}

/// The clause start before token `j`: after punctuation, a clause word or a trigger.
fn clause_start(toks: &[Tok], j: usize, floor: usize) -> usize {
    let mut k = j;
    while k > floor {
        let t = &toks[k - 1];
        let is_som_before_trigger = t.lower() == "som" && k == j;
        if (t.raw.chars().all(|c| !c.is_alphanumeric()) && t.ann().is_none())
            || (clause_word(t.lower()) && !is_som_before_trigger)
        {
            break;
        }
        k -= 1;
    }
    k
}

/// The clause end after token `j`.
fn clause_end(toks: &[Tok], j: usize) -> usize {
    let mut k = j + 1;
    while k < toks.len() {
        let t = &toks[k];
        if (t.raw.chars().all(|c| !c.is_alphanumeric()) && t.ann().is_none())
            || clause_word(t.lower())
        {
            break;
        }
        k += 1;
    }
    k
}

/// Time: the first time phrase of the sentence.
fn find_time(toks: &[Tok], annotations: &[Annotation]) -> Option<Range<usize>> {
    let w = |k: usize| toks.get(k).map_or("", |t| t.lower());
    for i in 0..toks.len() {
        let t = &toks[i];
        let is_date = t
            .ann()
            .and_then(|a| annotations.get(a))
            .is_some_and(|a| matches!(a.ty, AnnotationType::Year | AnnotationType::Date))
            && (i == 0 || toks[i - 1].ann() != t.ann());
        if w(i) == "natt" && w(i + 1) == "til" && time_word(w(i + 2)) {
            return Some(i..i + 3);
        }
        if time_word(w(i)) && w(i) != "natt" {
            let end = if day_part(w(i + 1)) { i + 2 } else { i + 1 };
            return Some(i..end);
        }
        if matches!(w(i), "i" | "sist") {
            let deictic = matches!(
                w(i + 1),
                "dag" | "går" | "natt" | "morges" | "kveld" | "helgen" | "helga" | "fjor" | "år"
            );
            if deictic {
                return Some(i..i + 2);
            }
        }
        if matches!(w(i), "den" | "de" | "dei") && w(i + 1) == "siste" {
            let unit = w(i + 2);
            if [
                "uke", "uka", "veke", "dag", "døgn", "måned", "månad", "år", "tid", "helg",
            ]
            .iter()
            .any(|u| unit.starts_with(u))
            {
                return Some(i..i + 3);
            }
        }
        if matches!(w(i), "siden" | "sidan") {
            if month(w(i + 1)) {
                return Some(i..i + 2);
            }
            // «siden borgerkrigen i Syria brøt ut i 2011»: up to the year.
            for k in i + 1..toks.len().min(i + 10) {
                let year = toks[k]
                    .ann()
                    .and_then(|a| annotations.get(a))
                    .is_some_and(|a| matches!(a.ty, AnnotationType::Year | AnnotationType::Date));
                if year {
                    return Some(i..ann_end(toks, k));
                }
                if toks[k].raw.chars().all(|c| !c.is_alphanumeric()) {
                    break;
                }
            }
        }
        if is_date {
            let end = ann_end(toks, i);
            let start = if i > 0 && matches!(w(i - 1), "i" | "siden" | "sidan" | "den" | "fra") {
                i - 1
            } else {
                i
            };
            return Some(start..end);
        }
    }
    None
}

/// Source: «ifølge X», «…, opplyser X», «sier X til NTB», «X melder at …».
fn find_source(toks: &[Tok]) -> Option<Range<usize>> {
    let w = |k: usize| toks.get(k).map_or("", |t| t.lower());
    for i in 0..toks.len() {
        if matches!(w(i), "ifølge" | "ifølgje" | "iflg.") {
            if let Some(r) = phrase(toks, i + 1) {
                return Some(r);
            }
        }
    }
    for i in 0..toks.len() {
        if !speech_verb(w(i)) {
            continue;
        }
        // «X melder at», «X har erkjent at»
        let at_follows = (i + 1..toks.len().min(i + 4)).any(|k| w(k) == "at");
        let after_comma = i > 0 && matches!(w(i - 1), "," | "»" | "\"" | "”");
        if !after_comma && at_follows {
            if let Some(r) = subject(toks, i) {
                return Some(r);
            }
        }
        if after_comma || i + 1 < toks.len() {
            if let Some(r) = phrase(toks, i + 1) {
                if after_comma || (r.len() == 1 && pronoun(toks[r.start].lower())) {
                    return Some(r);
                }
            }
        }
    }
    None
}

/// Reads the events of one sentence into `out`.
fn read_sentence(
    s: usize,
    toks: &[Tok],
    prev: &[Tok],
    annotations: &[Annotation],
    out: &mut Vec<Draft>,
) {
    let w = |k: usize| toks.get(k).map_or("", |t| t.lower());
    // Triggers: (token range, type, form). Multi-word ones first.
    let mut triggers: Vec<(Range<usize>, EventType, Form)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let (a, b) = (w(i), w(i + 1));
        if matches!(a, "mistet" | "mista" | "miste" | "mister" | "misser") && b == "livet" {
            triggers.push((i..i + 2, EventType::Killed, Form::Intransitive));
            i += 2;
            continue;
        }
        if a == "på" && b == "flukt" {
            triggers.push((i..i + 2, EventType::Displaced, Form::Intransitive));
            i += 2;
            continue;
        }
        if a == "skutt" && b == "i" && w(i + 2) == "hjel" {
            triggers.push((i..i + 3, EventType::Killed, Form::Participle));
            i += 3;
            continue;
        }
        if matches!(a, "traff" | "treff" | "treffer" | "rammet" | "ramma")
            && i > 0
            && (0..i).any(|k| weapon(w(k)))
        {
            triggers.push((i..i + 1, EventType::Attack, Form::Past));
            i += 1;
            continue;
        }
        // «tatt som gisler»: the noun is the trigger; «ta livet av» is not read.
        if let Some((ty, form)) = trigger_word(a) {
            // An actor or place name is never a trigger.
            if toks[i].ann().is_none() {
                triggers.push((i..i + 1, ty, form));
            }
        }
        i += 1;
    }
    // Most sentences state nothing: no trigger and no breakdown count.
    let breakdown_cue = toks.iter().any(|t| {
        matches!(
            t.lower(),
            "dem"
                | "dei"
                | "disse"
                | "desse"
                | "deriblant"
                | "inkludert"
                | "inklusive"
                | "herav"
                | "hvorav"
                | "medregnet"
        )
    });
    if triggers.is_empty() && !breakdown_cue {
        return;
    }
    let time = find_time(toks, annotations);
    let source = find_source(toks);
    let in_source = |k: usize| source.as_ref().is_some_and(|r| r.contains(&k));
    let source_at = source.clone().map(|r| {
        let is_pronoun = r.len() == 1 && pronoun(toks[r.start].lower());
        let person = prev.iter().rposition(|t| {
            t.ann()
                .and_then(|a| annotations.get(a))
                .is_some_and(|a| a.ty == AnnotationType::Person)
        });
        match person {
            Some(last) if is_pronoun && s > 0 => {
                let mut first = last;
                while first > 0 && prev[first - 1].ann() == prev[last].ann() {
                    first -= 1;
                }
                (s - 1, first..last + 1)
            }
            _ => (s, r),
        }
    });

    // Counts of the sentence and whether they break down another.
    let mut used: Vec<bool> = vec![false; toks.len()];
    let mut drafts: Vec<Draft> = Vec::new();
    let mut prev_end = 0;
    let mut prev_agent: Option<Range<usize>> = None;
    for (n, (range, ty, form)) in triggers.iter().enumerate() {
        let (ti, tj) = (range.start, range.end);
        let next_trigger = triggers.get(n + 1).map_or(toks.len(), |t| t.0.start);
        let cstart = clause_start(toks, ti, prev_end);
        let cend = clause_end(toks, tj.saturating_sub(1)).min(next_trigger);
        prev_end = tj;
        if in_source(ti) {
            continue;
        }
        // Unreal: a word of prevention or possibility before the trigger.
        let hypothetical = (0..ti).any(|k| unreal(w(k)));
        if hypothetical {
            continue;
        }
        // Voice.
        let mut k = ti;
        while k > 0 && adverb(w(k - 1)) && !auxiliary_passive(w(k - 1)) {
            k -= 1;
        }
        let aux = if k > 0 { w(k - 1) } else { "" };
        // «har blitt drept»: passive; «har drept»: active.
        let passive_aux = auxiliary_passive(aux)
            || (0..ti)
                .rev()
                .take(4)
                .any(|q| matches!(w(q), "blitt" | "vorte" | "ble" | "vart" | "blei"));
        let number_before = ti > 0 && count_at(toks, annotations, ti - 1).is_some()
            || (ti > 0 && toks[ti - 1].ann().is_some() && {
                let mut q = ti - 1;
                while q > 0 && toks[q - 1].ann() == toks[ti - 1].ann() {
                    q -= 1;
                }
                count_at(toks, annotations, q).is_some()
            });
        let article_before = ti > 0 && matches!(w(ti - 1), "de" | "dei" | "den");
        let voice = match form {
            Form::Toll => Voice::Toll,
            Form::Noun | Form::Intransitive => Voice::Before,
            Form::Participle => {
                if auxiliary_active(aux) && !passive_aux {
                    Voice::Active
                } else {
                    Voice::Before
                }
            }
            Form::Past => {
                if passive_aux || number_before || article_before {
                    Voice::Before
                } else {
                    Voice::Active
                }
            }
        };
        let is_attack = *ty == EventType::Attack;
        let noun_attack = is_attack && *form == Form::Noun;

        // Negation in the clause before the trigger («ingen ble skadd», «ikke meldt om»).
        // «ikke lenge etter» (shortly after) denies nothing.
        let negated = (cstart..ti).any(|q| negation(w(q)) && !matches!(w(q + 1), "lenge" | "før"));

        // Count.
        let mut count = None;
        let mut count_tok = None;
        let take = |q: usize, used: &[bool]| -> Option<usize> {
            if used.get(q).copied().unwrap_or(true) || in_source(q) {
                return None;
            }
            count_at(toks, annotations, q)
        };
        match voice {
            Voice::Before => {
                for q in (cstart.min(ti)..ti).rev() {
                    if let Some(a) = take(q, &used) {
                        count = Some(a);
                        count_tok = Some(q);
                        break;
                    }
                }
                // «Det ble drept 12 mennesker»
                if count.is_none() && !noun_attack {
                    for q in tj..cend.min(tj + 2) {
                        if let Some(a) = take(q, &used) {
                            count = Some(a);
                            count_tok = Some(q);
                            break;
                        }
                    }
                }
            }
            Voice::Active | Voice::Toll => {
                if !is_attack {
                    for q in tj..cend {
                        if let Some(a) = take(q, &used) {
                            count = Some(a);
                            count_tok = Some(q);
                            break;
                        }
                    }
                }
            }
        }
        if let Some(q) = count_tok {
            let end = ann_end(toks, q);
            used[q..end].iter_mut().for_each(|u| *u = true);
        }
        let counted = count
            .and_then(|a| annotations.get(a))
            .and_then(|a| a.number.as_ref())
            .and_then(|r| r.counted.clone());

        // Victims: the counted noun, else a word for people next to the trigger.
        let mut victims = None;
        if let Some(c) = &counted {
            let lower = c.to_lowercase();
            if people(&lower) && !event_noun(&lower) {
                victims = Some(c.clone());
            } else if let Some(q) = count_tok {
                // «1.100 sivile dødsfall»: the adjective before the event noun.
                let end = ann_end(toks, q);
                if end < ti && people(w(end)) {
                    victims = Some(toks[end].raw.to_string());
                }
            }
        }
        if victims.is_none() && count.is_none() && !is_attack {
            let window: Vec<usize> = match voice {
                Voice::Before if *form == Form::Noun => (ti.saturating_sub(1)..ti)
                    .filter(|&q| q >= cstart)
                    .collect(),
                Voice::Before => (cstart..ti).rev().collect(),
                Voice::Active => (tj..cend).collect(),
                Voice::Toll => Vec::new(),
            };
            for q in window {
                if in_source(q) {
                    continue;
                }
                let t = &toks[q];
                let person = t
                    .ann()
                    .and_then(|a| annotations.get(a))
                    .is_some_and(|a| a.ty == AnnotationType::Person);
                // «Han ble pågrepet»: a personal pronoun is the victim of a passive, but
                // not of an intransitive («han døde» is no news of violence).
                let passive_pronoun = passive_aux
                    && *form != Form::Intransitive
                    && matches!(t.lower(), "han" | "hun" | "ho" | "de" | "dei")
                    && auxiliary_passive(w(q + 1));
                if people(t.lower()) || person || passive_pronoun {
                    victims = Some(t.raw.to_string());
                    break;
                }
            }
        }
        // A victim event needs a victim (or a denial); evacuating a place is displacement.
        if !is_attack && count.is_none() && victims.is_none() && !negated {
            let evacuated = *ty == EventType::Displaced
                && toks.iter().any(|t| {
                    t.ann()
                        .and_then(|a| annotations.get(a))
                        .is_some_and(|a| a.kind == Kind::Place)
                });
            if !(evacuated && w(ti).starts_with("evaku")) {
                continue;
            }
        }
        if *form == Form::Toll && count.is_none() {
            continue;
        }

        // Agent and target.
        let mut agent = None;
        let mut target = None;
        match voice {
            Voice::Before => {
                // «drept av X», «tatt som gisler av X»
                let mut q = tj;
                while q < cend && adverb(w(q)) {
                    q += 1;
                }
                if w(q) == "av" && (!is_attack || *form != Form::Noun) {
                    agent = phrase(toks, q + 1);
                }
                // «drept i et selvmordsangrep»: the means.
                if agent.is_none() && !is_attack && matches!(w(q), "i" | "under" | "ved") {
                    if let Some(r) = phrase(toks, q + 1) {
                        let named = toks[r.clone()]
                            .iter()
                            .any(|t| attack_noun(t.lower()) == Some(true));
                        if named {
                            agent = Some(r);
                        }
                    }
                }
                if agent.is_none() && !is_attack && *form != Form::Noun {
                    // «angrep i X drepte …» is active; «drept … av» may sit after a place.
                    let mut q = tj;
                    while q < cend.min(tj + 6) {
                        if w(q) == "av" && q > tj && !matches!(w(q - 1), "som" | "følge") {
                            let r = phrase(toks, q + 1);
                            if r.as_ref().is_some_and(|r| toks[r.start].ann().is_some()) {
                                agent = r;
                            }
                            break;
                        }
                        q += 1;
                    }
                }
                if let Some(r) = &agent {
                    if matches!(w(r.end), "mot" | "på") {
                        target = phrase(toks, r.end + 1);
                    }
                }
                if noun_attack {
                    // «luftangrep mot X», «bombing av X»; «X gjennomførte luftangrep»
                    let aimed = matches!(w(tj), "mot" | "på")
                        || (w(tj) == "av" && attack_noun(w(ti)) == Some(true));
                    if aimed {
                        target = phrase(toks, tj + 1);
                    } else if w(tj) == "fra" || w(tj) == "frå" {
                        agent = phrase(toks, tj + 1);
                    }
                    let mut q = ti;
                    while q > cstart {
                        q -= 1;
                        if carrier_verb(w(q)) {
                            agent = subject(toks, q);
                            break;
                        }
                    }
                } else if *ty == EventType::Kidnapped && *form == Form::Noun {
                    let mut q = ti;
                    while q > cstart {
                        q -= 1;
                        if carrier_verb(w(q)) {
                            agent = subject(toks, q);
                            break;
                        }
                    }
                }
            }
            Voice::Active => {
                agent = subject(toks, ti);
                if agent.is_none() && ti > 0 {
                    // V2: «Lørdag angrep IS byen»; «Politiet pågrep natt til søndag …»
                    agent = phrase(toks, tj).filter(|r| {
                        toks[r.start]
                            .ann()
                            .and_then(|a| annotations.get(a))
                            .is_some_and(|a| a.kind == Kind::Actor)
                    });
                }
                if agent.is_none() && cstart > 0 && w(cstart - 1) == "og" {
                    agent = prev_agent.clone();
                }
                if is_attack {
                    let mut q = tj;
                    if agent.as_ref().is_some_and(|r| r.start == tj) {
                        q = agent.as_ref().map_or(q, |r| r.end);
                    }
                    target = phrase(toks, q);
                }
            }
            Voice::Toll => {}
        }
        if agent.as_ref().is_some_and(|r| {
            toks[r.clone()]
                .iter()
                .any(|t| t.raw.starts_with(|c: char| c.is_ascii_digit()))
        }) {
            agent = None;
        }
        if agent.is_some() {
            prev_agent = agent.clone();
        }

        // Attacks: a real attack needs something physical.
        if is_attack {
            let bare_verb = matches!(w(ti), "angrep" | "angreip" | "angriper" | "angrepet")
                && *form != Form::Noun;
            if bare_verb {
                let target_ok = target.as_ref().is_some_and(|r| {
                    toks[r.clone()].iter().any(|t| {
                        physical_target(t.lower())
                            || t.ann()
                                .and_then(|a| annotations.get(a))
                                .is_some_and(|a| a.kind == Kind::Place)
                    })
                });
                let with_weapon =
                    (tj..cend.min(toks.len())).any(|q| w(q) == "med" && weapon(w(q + 1)));
                let passive_ok = voice == Voice::Before
                    && (cstart..ti).any(|q| {
                        physical_target(w(q)) || {
                            toks[q]
                                .ann()
                                .and_then(|a| annotations.get(a))
                                .is_some_and(|a| a.kind == Kind::Place)
                        }
                    });
                if !(target_ok || with_weapon || passive_ok) {
                    continue;
                }
            }
            if noun_attack {
                let place_near = (cstart..cend).any(|q| {
                    toks[q]
                        .ann()
                        .and_then(|a| annotations.get(a))
                        .is_some_and(|a| a.kind == Kind::Place)
                        && !in_source(q)
                });
                let carried = (cstart..ti).any(|q| carrier_verb(w(q)));
                // A bare «angrep/åtak på X» needs X to be physical («gå til åtak på
                // argumentet» is not); one that names its means needs only a target.
                let target_ok = match attack_noun(w(ti)) {
                    Some(true) => target.is_some(),
                    _ => target.as_ref().is_some_and(|r| {
                        toks[r.clone()].iter().any(|t| {
                            physical_target(t.lower())
                                || t.ann()
                                    .and_then(|a| annotations.get(a))
                                    .is_some_and(|a| a.kind == Kind::Place)
                        })
                    }),
                };
                if !(place_near || target_ok || carried) {
                    continue;
                }
            }
        }
        drafts.push(Draft {
            ty: *ty,
            sentence: s,
            count,
            victims,
            agent,
            target,
            place: None,
            time: time.clone(),
            source: source_at.clone(),
            negated,
            breakdown: count_tok.is_some_and(|q| breakdown_at(toks, q, ann_end(toks, q))),
            part_of: None,
        });
    }
    // Attacks that are the means of a casualty in this sentence are not events of their own.
    let casualties = drafts.iter().any(|d| d.ty != EventType::Attack);
    if casualties {
        drafts.retain(|d| d.ty != EventType::Attack);
    }
    // One event per type unless each has its own count.
    let mut kept: Vec<Draft> = Vec::new();
    for d in drafts {
        let same = kept
            .iter()
            .position(|k| k.ty == d.ty && (k.count.is_none() || d.count.is_none()));
        match same {
            Some(p) if kept[p].count.is_none() && d.count.is_some() => kept[p] = d,
            Some(_) => {}
            None => kept.push(d),
        }
    }
    // Breakdown counts with no trigger of their own: «36 av dem familiemedlemmer».
    for q in 0..toks.len() {
        if used[q] || in_source(q) {
            continue;
        }
        let Some(a) = count_at(toks, annotations, q) else {
            continue;
        };
        let end = ann_end(toks, q);
        if !breakdown_at(toks, q, end) {
            continue;
        }
        let victims = annotations
            .get(a)
            .and_then(|a| a.number.as_ref())
            .and_then(|r| r.counted.clone())
            .filter(|c| people(&c.to_lowercase()))
            // «9 av dem var barn»
            .or_else(|| {
                (end..clause_end(toks, end.saturating_sub(1)))
                    .find(|&k| people(w(k)))
                    .map(|k| toks[k].raw.to_string())
            });
        let parent_ty = kept
            .iter()
            .rev()
            .chain(out.iter().rev().take_while(|d| d.sentence + 1 >= s))
            .find(|d| !d.breakdown && d.count.is_some())
            .map(|d| d.ty);
        let Some(ty) = parent_ty else { continue };
        used[q..end].iter_mut().for_each(|u| *u = true);
        kept.push(Draft {
            ty,
            sentence: s,
            count: Some(a),
            victims,
            agent: None,
            target: None,
            place: None,
            time: time.clone(),
            source: source_at.clone(),
            negated: false,
            breakdown: true,
            part_of: None,
        });
    }
    out.extend(kept);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attack_nouns_leave_out_hearts_and_computers() {
        assert_eq!(attack_noun("luftangrep"), Some(true));
        assert_eq!(attack_noun("rakettangrepet"), Some(true));
        assert_eq!(attack_noun("droneåtaka"), Some(true));
        assert_eq!(attack_noun("angrepet"), Some(false));
        assert_eq!(attack_noun("hjerteangrep"), None);
        assert_eq!(attack_noun("dataangrepet"), None);
        assert_eq!(attack_noun("drapet"), None);
    }

    #[test]
    fn people_words() {
        for w in [
            "mennesker",
            "sivile",
            "palestinere",
            "IS-krigere",
            "fjellklatrarar",
        ] {
            assert!(people(&w.to_lowercase()), "{w}");
        }
        for w in ["boliger", "stemmer", "mål", "kroner"] {
            assert!(!people(w), "{w}");
        }
    }
}
