//! The language of each paragraph: Norwegian (Bokmål or Nynorsk) or another language.
//!
//! tusj reads names and numbers by Norwegian rules, which give confident nonsense on text in
//! another language («to NOK» is not 2 kroner in English, «Tuesday» is no person). So the
//! annotator asks this module which paragraphs are *not* Norwegian and marks nothing in
//! them; the export lists them (`other_languages`, [`crate::vocab::OtherLanguage`]).
//!
//! The detector is deliberately small and explainable: a paragraph is a line of the text;
//! its words are counted against short lists of function words (articles, pronouns,
//! prepositions, conjunctions, auxiliaries). Norwegian has one list for Bokmål and Nynorsk
//! together, and each other language one of its own. Against language L, a word counts
//! for L when it is on L's list and not on the Norwegian one («the», «und», «och»,
//! «efter»), for Norwegian when it is on the Norwegian list and not on L's («etter», «ikkje»
//! against Danish; «og» against English), and not at all when it is on both («ikke», «det»
//! in Danish; «i», «for» in English) — so Danish, which shares most of its function words
//! with Bokmål, is told apart by the words it does not share. A paragraph is language L only
//! on clear evidence: at least [`MIN_FOREIGN`] different words for L, and more than twice
//! as many as for Norwegian (each word counts once per paragraph). A paragraph with too little evidence either way (a headline, «Tuesday.»)
//! takes the language of the nearest decided paragraph before it, or at the start the
//! language most paragraphs have (Norwegian on a tie, and when nothing is decided). Norwegian is the default in every doubt,
//! because a Norwegian paragraph read as foreign loses all its marks.

use std::ops::Range;
use std::sync::OnceLock;

use crate::fxhash::FxHashMap;

/// A language the detector tells apart from Norwegian.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// Bokmål or Nynorsk: annotated.
    Norwegian,
    /// English.
    English,
    /// German.
    German,
    /// French.
    French,
    /// Spanish.
    Spanish,
    /// Swedish.
    Swedish,
    /// Danish.
    Danish,
}

impl Language {
    /// The ISO 639-1 code (`no`, `en`, `de`, `fr`, `es`, `sv`, `da`).
    pub fn code(self) -> &'static str {
        match self {
            Language::Norwegian => "no",
            Language::English => "en",
            Language::German => "de",
            Language::French => "fr",
            Language::Spanish => "es",
            Language::Swedish => "sv",
            Language::Danish => "da",
        }
    }
}

/// The fewest function-word hits that make a paragraph another language.
pub const MIN_FOREIGN: usize = 3;

/// The fewest Norwegian function-word hits that decide a paragraph is Norwegian.
const MIN_NORWEGIAN: usize = 2;

/// Bokmål and Nynorsk function words (and a few very common verbs), lower case.
const NORWEGIAN: &[&str] = &[
    "og", "i", "er", "det", "som", "på", "til", "av", "for", "med", "en", "et", "ei", "eit", "ein",
    "den", "de", "dei", "har", "ikke", "ikkje", "at", "var", "om", "seg", "han", "hun", "ho", "vi",
    "me", "jeg", "eg", "hva", "kva", "hvordan", "korleis", "fra", "frå", "bare", "berre", "også",
    "òg", "etter", "når", "skal", "kan", "vil", "ble", "blei", "vart", "vert", "blir", "blitt",
    "mot", "men", "så", "sier", "seier", "sa", "være", "vere", "vore", "hadde", "noe", "noko",
    "dette", "denne", "mange", "mer", "meir", "alle", "sin", "sitt", "sine", "hvor", "kor", "nå",
    "no", "over", "under", "ved", "inn", "ut", "oss", "dem", "meg", "deg", "dere", "mellom",
    "uten", "utan", "mye", "mykje", "enn", "siden", "sidan", "ingen", "kunne", "skulle", "ville",
    "hos", "her", "der", "da", "då", "igjen", "opp", "ned", "ham", "henne", "hans", "hennes",
    "hennar", "deres", "deira", "sammen", "saman", "både", "eller", "fordi", "selv", "sjølv",
    "hvis", "viss", "ifølge", "ifølgje", "mens", "medan", "andre", "år", "blant", "rundt", "mot",
    "før", "etter", "dag", "ikkje", "heller", "likevel", "allerede", "allereie", "går", "gjør",
    "gjer", "får", "fekk", "fikk", "sine", "vår", "våre", "hele", "heile", "slik", "sånn", "altså",
    "derfor", "difor",
];

/// English words that are not ordinary Norwegian words.
const ENGLISH: &[&str] = &[
    "the", "and", "of", "to", "in", "is", "that", "it", "was", "on", "are", "with", "as", "this",
    "have", "from", "or", "an", "they", "which", "you", "were", "his", "their", "has", "been",
    "would", "will", "not", "but", "what", "we", "there", "when", "who", "said", "says", "more",
    "about", "its", "had", "if", "out", "up", "can", "than", "after", "also", "into", "these",
    "those", "them", "our", "your", "could", "should", "she", "he", "him", "do", "does", "did",
    "just", "because", "while", "where", "how", "why", "very", "being", "between", "against",
    "during", "through", "before", "should", "some", "any", "only",
    // Also Norwegian words: they count for neither side.
    "i", "for", "over", "under", "at", "her",
];

/// German words that are not ordinary Norwegian words.
const GERMAN: &[&str] = &[
    "das", "die", "in", "und", "ist", "nicht", "mit", "sich", "auf", "ein", "eine", "zu", "von",
    "im", "für", "wird", "sind", "auch", "es", "werden", "aus", "dass", "sie", "nach", "bei", "um",
    "noch", "wie", "über", "zum", "zur", "haben", "nur", "oder", "aber", "bis", "mehr", "durch",
    "ich", "wir", "ihr", "einen", "einem", "einer", "eines", "kein", "keine", "wenn", "als",
    "wurde", "wurden", "diese", "dieser", "dieses", "sagte", "gegen", "schon", "unter", "seit",
    "zwischen", "jetzt", "seine", "ihre", "vom", "beim", "weil", "doch",
    // Also Norwegian words: they count for neither side.
    "den", "der", "dem", "er", "da", "alle",
];

/// French words that are not ordinary Norwegian words.
const FRENCH: &[&str] = &[
    "le", "les", "des", "est", "un", "une", "que", "qui", "dans", "pour", "pas", "au", "sur", "ne",
    "plus", "avec", "ce", "il", "elle", "sont", "ont", "été", "aux", "mais", "ou", "cette", "nous",
    "vous", "leur", "ils", "ses", "était", "comme", "tout", "aussi", "selon", "entre", "après",
    "déjà", "être", "avait", "fait", "lors", "dont", "où", "ces", "été", "très", "même", "deux",
    // Also Norwegian words: they count for neither side.
    "et", "en", "de",
];

/// Spanish words that are not ordinary Norwegian words.
const SPANISH: &[&str] = &[
    "los", "que", "y", "un", "una", "es", "por", "con", "para", "como", "más", "pero", "sus", "su",
    "fue", "está", "este", "esta", "entre", "también", "sobre", "dijo", "hasta", "desde", "muy",
    "ya", "cuando", "porque", "donde", "hay", "todo", "tiene", "dos", "años",
    // Also Norwegian words: they count for neither side.
    "de", "en", "no", "han", "sin",
];

/// Swedish words that are not ordinary Norwegian words.
const SWEDISH: &[&str] = &[
    "och", "är", "inte", "också", "från", "blev", "där", "hur", "vad", "mycket", "än", "att",
    "jag", "när", "säger", "hade", "mellan", "några", "någon", "något", "honom", "deras", "vilket",
    "vilka", "sedan", "även", "över", "två", "enligt", "ska", "ju", "sig", "efter", "nu", "detta",
    "dessa", "bara", "finns", "eftersom",
    // Also Norwegian words: they count for neither side.
    "i", "det", "som", "på", "av", "med", "en", "den", "de", "har", "om", "han", "vi", "men", "så",
    "mot", "under", "sin", "sitt", "dem", "ingen", "hos", "då", "kan", "blir", "eller", "år",
    "dag", "ut", "var", "mer", "oss", "hans", "henne", "hennes", "både", "medan", "heller", "går",
    "får", "sa", "utan", "vår",
];

/// Danish words that are not ordinary Norwegian words.
const DANISH: &[&str] = &[
    "af", "efter", "nu", "hvad", "mig", "dig", "sig", "meget", "nogle", "noget", "blev", "siger",
    "sagde", "mellem", "havde", "været", "bliver", "gør", "sådan", "mod", "op", "ud", "igen",
    "endnu", "tilbage", "nej", "blevet", "hende",
    // Also Norwegian words: they count for neither side.
    "og", "i", "er", "det", "som", "på", "til", "for", "med", "en", "et", "den", "de", "har",
    "ikke", "at", "var", "om", "han", "hun", "vi", "jeg", "hvordan", "også", "når", "skal", "kan",
    "vil", "men", "så", "være", "mange", "alle", "sin", "sine", "hvor", "over", "under", "ved",
    "dem", "ingen", "kunne", "skulle", "ville", "hos", "her", "der", "da", "ned", "ham", "hans",
    "deres", "sammen", "både", "eller", "fordi", "selv", "hvis", "mens", "andre", "år", "rundt",
    "før", "dag", "heller", "går", "får", "hele", "altså", "derfor", "siden", "fra", "bare",
    "dette", "denne",
];

/// The other languages and their lists, in the order ties are broken.
const OTHERS: &[(Language, &[&str])] = &[
    (Language::English, ENGLISH),
    (Language::German, GERMAN),
    (Language::French, FRENCH),
    (Language::Spanish, SPANISH),
    (Language::Swedish, SWEDISH),
    (Language::Danish, DANISH),
];

/// The listed words, for [`decide`].
struct Table {
    /// Each listed word with a bit per language whose list holds it (bit 0 Norwegian, then
    /// [`OTHERS`] in order), and its number in the table (0, 1, 2 …), for [`decide`] to
    /// mark it seen.
    words: FxHashMap<&'static str, (u8, usize)>,
    /// The most characters a listed word has.
    longest: usize,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut words: FxHashMap<&'static str, (u8, usize)> = FxHashMap::default();
        let lists = std::iter::once((1, NORWEGIAN)).chain(
            OTHERS
                .iter()
                .enumerate()
                .map(|(bit, (_, list))| (2 << bit, *list)),
        );
        for (bit, list) in lists {
            for w in list {
                let n = words.len();
                words.entry(*w).or_insert((0, n)).0 |= bit;
            }
        }
        let longest = words.keys().map(|w| w.chars().count()).max().unwrap_or(0);
        Table { words, longest }
    })
}

/// The paragraph language the evidence decides, or `None` when there is too little of it.
pub fn decide<'a>(words: impl IntoIterator<Item = &'a str>) -> Option<Language> {
    let table = table();
    // A bit per word of the table.
    let mut seen = vec![0u64; table.words.len().div_ceil(64)];
    let mut norwegian = 0;
    // Per other language: words for it, words for Norwegian against it.
    let mut scores = [(0usize, 0usize); OTHERS.len()];
    let mut buffer = String::new();
    for word in words {
        // Lower-casing never makes a word shorter in characters: a word longer than every
        // listed word is none of them (most words of a text).
        if word.len() > table.longest && word.chars().nth(table.longest).is_some() {
            continue;
        }
        let lower: &str = if word.is_ascii() {
            if word.bytes().any(|b| b.is_ascii_uppercase()) {
                buffer.clear();
                buffer.push_str(word);
                buffer.make_ascii_lowercase();
                &buffer
            } else {
                word
            }
        } else if word.chars().any(char::is_uppercase) {
            buffer = word.to_lowercase();
            &buffer
        } else {
            word
        };
        // Each word counts once: «He, he, he.» is not three words of English.
        let Some(&(bits, n)) = table.words.get(lower) else {
            continue;
        };
        let Some(mark) = seen.get_mut(n / 64).filter(|m| **m >> (n % 64) & 1 == 0) else {
            continue;
        };
        *mark |= 1 << (n % 64);
        let is_norwegian = bits & 1 == 1;
        norwegian += usize::from(is_norwegian);
        for (i, (other, against)) in scores.iter_mut().enumerate() {
            let is_other = bits >> (i + 1) & 1 == 1;
            *other += usize::from(is_other && !is_norwegian);
            *against += usize::from(is_norwegian && !is_other);
        }
    }
    // The first language with the most words for it among those with clear evidence.
    let mut best: Option<(Language, usize)> = None;
    for ((language, _), &(other, against)) in OTHERS.iter().zip(&scores) {
        if other >= MIN_FOREIGN && other > 2 * against && best.is_none_or(|b| other > b.1) {
            best = Some((*language, other));
        }
    }
    match best {
        Some((language, _)) => Some(language),
        None if norwegian >= MIN_NORWEGIAN => Some(Language::Norwegian),
        None => None,
    }
}

/// The words of `text`: runs of letters (and apostrophes inside them).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
}

/// Every line of `text[from..]` that holds a letter, as a byte range with its language.
pub fn paragraphs(text: &str, from: usize) -> Vec<(Range<usize>, Language)> {
    let from = from.min(text.len());
    let mut lines = Vec::new();
    let mut start = from;
    for piece in text[from..].split_inclusive('\n') {
        let end = start + piece.len();
        let line = piece.trim_end_matches(['\n', '\r']);
        if line.chars().any(char::is_alphabetic) {
            let lead = line.len() - line.trim_start().len();
            let range = start + lead..start + line.trim_end().len();
            lines.push((range, decide(words(line))));
        }
        start = end;
    }
    // Lines before the first decided one take the language most decided lines have.
    let mut counts: Vec<(Language, usize)> = Vec::new();
    for language in lines.iter().filter_map(|l| l.1) {
        match counts.iter_mut().find(|c| c.0 == language) {
            Some(c) => c.1 += 1,
            None => counts.push((language, 1)),
        }
    }
    let mut last = counts
        .iter()
        .fold((Language::Norwegian, 0), |acc, c| {
            let ahead = c.1 > acc.1 || (c.1 == acc.1 && c.0 == Language::Norwegian);
            if ahead {
                *c
            } else {
                acc
            }
        })
        .0;
    lines
        .into_iter()
        .map(|(range, language)| {
            let language = language.unwrap_or(last);
            last = language;
            (range, language)
        })
        .collect()
}

/// The paragraphs of `text[from..]` that are not Norwegian, as byte ranges with their language.
pub fn other_languages(text: &str, from: usize) -> Vec<(Range<usize>, Language)> {
    paragraphs(text, from)
        .into_iter()
        .filter(|p| p.1 != Language::Norwegian)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs(text: &str) -> Vec<&'static str> {
        paragraphs(text, 0).iter().map(|p| p.1.code()).collect()
    }

    macro_rules! t {
        ($name:ident, $text:expr, $expected:expr) => {
            #[test]
            fn $name() {
                assert_eq!(langs($text), $expected);
            }
        };
    }

    t!(
        bokmaal_stays_norwegian,
        "Regjeringen har etter lange forhandlinger ikke funnet en løsning, og det er svært usikkert hva som skjer nå.",
        ["no"]
    );
    t!(
        nynorsk_stays_norwegian,
        "Kommunen har ikkje fått svar frå departementet, og det er framleis uklart kva som skjer med skulen.",
        ["no"]
    );
    t!(
        nynorsk_with_an_english_name_stays_norwegian,
        "Ifølgje The Guardian vart det sagt på møtet at dei ikkje skal seie meir.",
        ["no"]
    );
    t!(
        an_english_quote_inside_norwegian_stays_norwegian,
        "– We will not give up, sa han til avisa.",
        ["no"]
    );
    t!(
        english_paragraph,
        "The government said on Tuesday that it would not pay the fee, which is to NOK 400.",
        ["en"]
    );
    t!(
        german_paragraph,
        "Die Regierung hat am Dienstag gesagt, dass sie die Gebühr nicht bezahlen wird.",
        ["de"]
    );
    t!(
        swedish_paragraph,
        "Regeringen säger att det inte finns någon lösning och att frågan är svår.",
        ["sv"]
    );
    t!(
        danish_paragraph,
        "Regeringen har efter mange forhandlinger ikke fundet en løsning, og det er meget usikkert hvad der sker nu.",
        ["da"]
    );
    t!(
        french_paragraph,
        "Le gouvernement a dit mardi qu'il ne paierait pas les frais, selon le ministre.",
        ["fr"]
    );
    t!(
        a_short_line_takes_the_language_before_it,
        "Oslo kommune sier at de ikke kan betale.\nTuesday.\nThe minister said that this is not the end of it.\nMonday.",
        ["no", "no", "en", "en"]
    );
    t!(
        a_short_first_line_takes_the_language_of_most_lines,
        "Breaking news\n\nThe minister said that this is not the end of it.",
        ["en", "en"]
    );
    t!(
        one_word_repeated_is_no_evidence,
        "He, he, he, sa han.\nHe, he, he.",
        ["no", "no"]
    );
    t!(nothing_decided_is_norwegian, "Tuesday\nOslo", ["no", "no"]);
    t!(empty_text_has_no_paragraphs, "", [] as [&str; 0]);

    #[test]
    fn ranges_are_the_lines_without_their_breaks_and_spaces() {
        let text = "Hei, det er meg.\r\n  The cat is on the mat and that is it.  \r\n";
        let got = paragraphs(text, 0);
        assert_eq!(
            &text[got[1].0.clone()],
            "The cat is on the mat and that is it."
        );
        assert_eq!(
            other_languages(text, 0),
            [(got[1].0.clone(), Language::English)]
        );
        assert_eq!(other_languages(text, text.len() + 5), []);
    }
}
