//! Bokmål or Nynorsk: which written standard a stretch of Norwegian text is in, read from
//! function words (and a few very common words) that the two standards write differently
//! («ikkje» / «ikke», «eg» / «jeg», «frå» / «fra», «kva» / «hva» …).
//!
//! An experiment for issue 10 (fifth round, see MODEL.md's log), switched on by the
//! environment variable `TUSJ_STD` (see [`switch`]); the committed model does not use it.
//! With the switch, the tagger gets a few of its type-bearing features twice: once shared,
//! once conjoined with the standard of the sentence's neighbourhood, so that Bokmål and
//! Nynorsk text (which NorNE labels somewhat differently, e.g. GPE_LOC / GPE_ORG) can learn
//! their own readings while sharing the rest.
//!
//! The word lists were written from the two standards' spelling rules, not from NorNE: a
//! word is on a list only when the other standard does not write it so (Nynorsk also
//! allows «også», «blir», «blei», «hos»; Bokmål allows «blei»: those are on neither).

use std::sync::OnceLock;

/// A written standard of Norwegian, or none decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Standard {
    /// Bokmål.
    Bokmal,
    /// Nynorsk.
    Nynorsk,
    /// No marker words, or as many of each.
    Unknown,
}

impl Standard {
    /// The standard as features write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Standard::Bokmal => "nb",
            Standard::Nynorsk => "nn",
            Standard::Unknown => "?",
        }
    }

    /// The standard of a NorNE file, from its name («no_nynorsk-…», «no_bokmaal-…»).
    pub fn of_file_name(name: &str) -> Standard {
        if name.contains("nynorsk") {
            Standard::Nynorsk
        } else if name.contains("bokmaal") || name.contains("bokmål") {
            Standard::Bokmal
        } else {
            Standard::Unknown
        }
    }
}

/// Words only Nynorsk writes so (lower case).
pub const NYNORSK: &[&str] = &[
    "ikkje", "eg", "ho", "frå", "vere", "vore", "berre", "kva", "korleis", "kvifor", "kven",
    "kvar", "mykje", "dei", "òg", "ein", "eit", "noko", "nokon", "nokre", "meir", "fleire",
    "medan", "sidan", "utan", "saman", "sjølv", "eigen", "eige", "eigne", "hjå", "hennar", "deira",
    "desse", "dykk", "difor", "vart", "vert", "seier", "gjekk", "fekk", "sjå", "seie", "framleis",
    "ifølgje", "enno", "heile", "kvart", "veke", "skule",
];

/// Words only Bokmål writes so (lower case).
pub const BOKMAL: &[&str] = &[
    "ikke", "jeg", "hun", "fra", "være", "vært", "bare", "hva", "hvordan", "hvorfor", "hvem",
    "hvor", "mye", "de", "en", "et", "noe", "noen", "mer", "flere", "mens", "siden", "uten",
    "sammen", "selv", "egen", "eget", "egne", "hennes", "deres", "disse", "dere", "derfor", "ble",
    "sier", "gikk", "fikk", "se", "fortsatt", "ifølge", "ennå", "hele", "hvis", "ham", "uke",
    "skole",
];

/// +1 for a Nynorsk marker word, −1 for a Bokmål one, 0 otherwise; `form` as written (a
/// capital is lowered here).
pub fn marker(form: &str) -> i8 {
    // The longest marker has 8 bytes; most words are longer and need no lookup.
    if form.len() > 9 || form.is_empty() {
        return 0;
    }
    let lowered;
    let lower = if form.chars().any(char::is_uppercase) {
        lowered = form.to_lowercase();
        lowered.as_str()
    } else {
        form
    };
    if NYNORSK.contains(&lower) {
        1
    } else if BOKMAL.contains(&lower) {
        -1
    } else {
        0
    }
}

/// Counts of Nynorsk and Bokmål marker words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Nynorsk marker words.
    pub nynorsk: u32,
    /// Bokmål marker words.
    pub bokmal: u32,
}

impl Counts {
    /// The counts of a run of tokens.
    pub fn of<'a>(forms: impl IntoIterator<Item = &'a str>) -> Counts {
        let mut c = Counts::default();
        for f in forms {
            match marker(f) {
                1 => c.nynorsk += 1,
                -1 => c.bokmal += 1,
                _ => {}
            }
        }
        c
    }

    /// The standard with more marker words; [`Standard::Unknown`] on a tie (none at all
    /// included).
    pub fn standard(self) -> Standard {
        match self.nynorsk.cmp(&self.bokmal) {
            std::cmp::Ordering::Greater => Standard::Nynorsk,
            std::cmp::Ordering::Less => Standard::Bokmal,
            std::cmp::Ordering::Equal => Standard::Unknown,
        }
    }
}

/// Sentences either side whose marker words decide a sentence's standard (as many as the
/// tagger's document evidence looks at, `DOC_WINDOW` in `features.rs`, which uses this
/// module: so the number is written here again).
pub const WINDOW: usize = 40;

/// The standard of each sentence of a document: from the marker words of the sentences
/// within [`WINDOW`] either side of it.
pub fn per_sentence<S: AsRef<[T]>, T: AsRef<str>>(doc: &[S]) -> Vec<Standard> {
    // Prefix sums of the counts, so that every window costs two subtractions.
    let mut sums = Vec::with_capacity(doc.len() + 1);
    let mut acc = Counts::default();
    sums.push(acc);
    for s in doc {
        let c = Counts::of(s.as_ref().iter().map(AsRef::as_ref));
        acc.nynorsk += c.nynorsk;
        acc.bokmal += c.bokmal;
        sums.push(acc);
    }
    (0..doc.len())
        .map(|s| {
            let lo = sums[s.saturating_sub(WINDOW)];
            let hi = sums[(s + WINDOW + 1).min(doc.len())];
            Counts {
                nynorsk: hi.nynorsk - lo.nynorsk,
                bokmal: hi.bokmal - lo.bokmal,
            }
            .standard()
        })
        .collect()
}

/// How the experiment is switched (`TUSJ_STD`, read once): `None` when off (the committed
/// model); otherwise comma-separated words:
/// - where training sentences get their standard: `file` (each training document's file),
///   `detect` ([`per_sentence`], as at run time), or `same` (a control: every sentence, in
///   training and at run time, gets one constant standard, so that the features are only
///   duplicated, not split);
/// - `tables`: conjoin only the bias and the table classes, not the capitalised word's
///   lower form and suffix;
/// - `replace`: the name-table types and gazetteer classes are *only* conjoined with the
///   standard where it is known (not also shared); implies `tables` without the name parts;
/// - `default`: a sentence without marker words around it counts as Bokmål (the majority
///   standard of Norwegian news), in training and at run time;
/// - `gpe`: conjoin only the gazetteer classes and the name-table types GPE_LOC and
///   GPE_ORG (no bias, no name parts, no word forms);
/// - `nn`: only Nynorsk gets conjoined features; Bokmål counts as unknown, so that it and
///   text without marker words use the shared features alone.
pub fn switch() -> Option<&'static Switch> {
    static SWITCH: OnceLock<Option<Switch>> = OnceLock::new();
    SWITCH
        .get_or_init(|| {
            let v = std::env::var("TUSJ_STD").ok()?;
            if v.is_empty() {
                return None;
            }
            let has = |w: &str| v.split(',').any(|x| x == w);
            Some(Switch {
                detect_in_training: has("detect"),
                same: has("same"),
                words: !has("tables") && !has("replace") && !has("gpe"),
                replace: has("replace"),
                default_bokmal: has("default"),
                nynorsk_only: has("nn"),
                gpe_only: has("gpe"),
            })
        })
        .as_ref()
}

/// The experiment's settings (see [`switch`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Switch {
    /// Training documents get the detector's standard, not their file's.
    pub detect_in_training: bool,
    /// The control: one constant standard everywhere.
    pub same: bool,
    /// The capitalised word's lower form and suffix are conjoined too.
    pub words: bool,
    /// Table classes only conjoined, not shared, where the standard is known.
    pub replace: bool,
    /// Unknown counts as Bokmål.
    pub default_bokmal: bool,
    /// Bokmål counts as unknown.
    pub nynorsk_only: bool,
    /// Only the gazetteer classes and the GPE types of the name table are conjoined.
    pub gpe_only: bool,
}

impl Switch {
    /// A detected standard as the experiment uses it.
    pub fn adjust(&self, st: Standard) -> Standard {
        if self.same || (st == Standard::Unknown && self.default_bokmal) {
            Standard::Bokmal
        } else if st == Standard::Bokmal && self.nynorsk_only {
            Standard::Unknown
        } else {
            st
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_words_decide_and_ties_are_unknown() {
        let nn = ["Eg", "har", "ikkje", "sett", "det", "frå", "her", "."];
        let nb = ["Jeg", "har", "ikke", "sett", "det", "fra", "her", "."];
        assert_eq!(Counts::of(nn).standard(), Standard::Nynorsk);
        assert_eq!(Counts::of(nb).standard(), Standard::Bokmal);
        assert_eq!(
            Counts::of(["Oslo", "i", "dag"]).standard(),
            Standard::Unknown
        );
        assert_eq!(Counts::of(["ikkje", "ikke"]).standard(), Standard::Unknown);
    }

    #[test]
    fn no_word_is_on_both_lists() {
        for w in NYNORSK {
            assert!(!BOKMAL.contains(w), "{w}");
        }
    }

    #[test]
    fn a_sentence_takes_the_standard_of_its_neighbourhood() {
        let mut doc: Vec<Vec<&str>> = vec![vec!["Oslo", "vann", "."]; 3];
        doc.push(vec!["Ho", "kjem", "frå", "Bergen", "."]);
        let got = per_sentence(&doc);
        assert_eq!(got, vec![Standard::Nynorsk; 4]);
        let far: Vec<Vec<&str>> = std::iter::once(vec!["ikkje"])
            .chain(std::iter::repeat_n(vec!["Oslo"], WINDOW + 1))
            .collect();
        let got = per_sentence(&far);
        assert_eq!(got[0], Standard::Nynorsk);
        assert_eq!(got[WINDOW], Standard::Nynorsk);
        assert_eq!(got[WINDOW + 1], Standard::Unknown);
    }
}
