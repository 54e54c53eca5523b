//! Numbers: finding quantities written in digits and words and reading them (SPEC §2).
//!
//! [`find`] makes one pass over the tokens of [`crate::tokens`]. At each token it tries,
//! in order, a date, a clock time, a decade, a quantity and an ordinal; the first that
//! matches is kept and the scan goes on after it, so matches never overlap. A quantity
//! is an optional qualifier («om lag», «minst», «mellom … og …»), a number in digits or
//! words (or a range of two), an optional unit, and — for plain counts — the noun that
//! is counted, which goes to `counted` but not into the span.
//!
//! The files, by what they read: `scan.rs` (the tokens, the cheap gate, the order of the
//! readers), `dates.rs` (dates and decades), `clock.rs`, `quantities.rs` (qualifier, range,
//! unit; year, count or age), `cardinals.rs` (a number in digits or words), `counted.rs`,
//! `ordinals.rs`; the tables they consult: `digits.rs`, `words.rs`, `lexicon.rs`. The
//! grammar's cases are data, one a line, in `cases.tsv`.
//!
//! # What the readings mean
//! - `value` is the number; for a range the lower bound, with the upper in `upper`.
//!   Multipliers apply: «1,3 millioner» → 1300000, «2–3 millioner» → 2000000–3000000.
//! - **Dates** (`date`) have the value `YYYYMMDD` (ISO 8601 basic form) with `00` for a
//!   part the text leaves out: «14. mars 2018» → 20180314, «17. mai» → 517,
//!   «mars 2018» → 20180300, «3.–6. juni» → 603 with upper 606.
//!   «6.10.» (day and month with the closing period) → 1006.
//! - **Clock times** (`time`) have the value `HHMM`: «kl. 13.00» → 1300, «13:30» → 1330,
//!   «klokka tre» → 300. A bare «13.00» (two digits after one dot) is a time too: with
//!   the decimal comma, nothing else reads so.
//! - **Years** (`year`): «i 2014» → 2014. Decades and centuries are ranges:
//!   «1990-tallet» → 1990–1999, «1800-tallet» → 1800–1899, «90-tallet» → 1990–1999
//!   (two digits below 30 are read as 2000s). A four-digit number 1000–2100 is a year
//!   after a year word («i», «siden», a month, «våren» …) or when no noun follows it; a
//!   following unit or counted noun, or a bound qualifier («minst», «over»), makes it a
//!   count or measure.
//!   «1950- og 1960-tallet» gives the first decade the suffix of the second.
//! - **Ranges** need a rising upper bound: «2 - 0» (a score) and «økte fra 29 til 21,7»
//!   (a change) are two numbers, not a range.
//! - **Counted nouns**: the word after the number, or after «av dem»; an adjective in -e
//!   before another noun is skipped («1.100 sivile dødsfall» → «dødsfall»), function
//!   words, adverbs and past-tense-looking verbs are not counted, participles used as
//!   nouns are («43 drepte», «1.000 ansatte»). After «§», «nr», «kap.» a number is an
//!   identifier and counts nothing.
//! - **Ordinals** (`ordinal`): «3. plass» → 3, «første» → 1, «tjueførste» → 21. «andre»
//!   is the ordinal only before words such as «gang», «plass», «verdenskrig» (otherwise
//!   it means «other»).
//! - **Vague quantities** get qualifier `approximately` and a conservative value:
//!   titalls 10, dusinvis 12, hundrevis 100, tusenvis 1000, titusenvis 10000,
//!   hundretusenvis 100000, millionvis 1000000; «flere/noen/mange hundre» is twice the
//!   round number (200).
//! - **Ages** in parentheses («Mannen (52)») are measures in years, span «52».
//! - **The article** «en/ei/et» (Nynorsk «ein/ei/eit») is the number one only when a
//!   range makes it one («en eller to», «en til to», «en–to») or a multiplier follows
//!   («en million»). «én», «éin», «ett» and «eitt» are always numbers. NorNE tags «en»
//!   as DET even in «en av dem» and «bare en», and so does this module.
//!
//! # Unit codes
//! | code | words |
//! |---|---|
//! | `percent` | prosent, %, pst. |
//! | `percentage_point` | prosentpoeng |
//! | `NOK`, `SEK`, `DKK` | kroner, krone, kr, kr., NOK; svenske/danske kroner |
//! | `USD`, `EUR`, `GBP`, `JPY`, `RUB`, `CNY` | dollar, $; euro, €; pund, £; yen; rubler; yuan |
//! | `km`, `mil`, `m`, `cm`, `mm` | kilometer, km; mil; meter, m; centimeter, cm; millimeter, mm |
//! | `m2`, `km2`, `daa` | kvadratmeter, m2; kvadratkilometer, km2; dekar, mål |
//! | `kg`, `g`, `t`, `l` | kilo, kilogram, kg; gram; tonn; liter |
//! | `degree` | grader, grad, ° |
//! | `km/h` | km/t |
//! | `year`, `month`, `week`, `day`, `hour`, `minute`, `second` | år, måneder, uker, dager/døgn, timer, minutter, sekunder (and their Nynorsk and definite forms) |
//!
//! Money is typed `money`, `percent`/`percentage_point` `percent`, every other unit
//! `measure`.
//!
//! # Limits
//! An integer part of more than 15 digits is not read (it is an identifier or noise;
//! `f64` holds integers exactly only up to about 9 × 10^15), so every value is finite.
//! Section numbers («11.3.2») and dotted pairs that are neither thousands nor times
//! («9.1») are not annotated.

// The tables: digit forms, number words, and the lexicon of everything else the scan knows.
pub(crate) mod digits;
mod lexicon;
mod words;

// The scan, and its readers by what they read.
mod cardinals;
mod clock;
mod counted;
mod dates;
mod ordinals;
mod quantities;
mod scan;

#[cfg(test)]
mod tests;

use crate::tokens::Token;
use crate::vocab::{AnnotationType, NumberReading};
use scan::{Found, Scan};

/// A number found in the text: a byte range, its type and its reading.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberMatch {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// count, year, date, time, percent, money, measure or ordinal.
    pub ty: AnnotationType,
    /// The normalised reading.
    pub reading: NumberReading,
}

/// Finds the numbers among `tokens` (cut from `text`), in order and without overlap.
///
/// ```
/// let text = "Ifølge SOHR ble minst 43 mennesker drept.";
/// let tokens = tusj::tokens::tokenize(text);
/// let found = tusj::numbers::find(text, &tokens);
/// assert_eq!(&text[found[0].start..found[0].end], "minst 43");
/// assert_eq!(found[0].reading.value, 43.0);
/// assert_eq!(found[0].reading.counted.as_deref(), Some("mennesker"));
/// ```
pub fn find(text: &str, tokens: &[Token]) -> Vec<NumberMatch> {
    let scan = Scan::new(text, tokens, false);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !scan.may_start(i) {
            i += 1;
            continue;
        }
        match scan.at(i) {
            Some(f) => {
                i = f.end.max(i + 1);
                out.push(to_match(&scan, f));
            }
            None => i += 1,
        }
    }
    out
}

/// Reads one whole span that a person marked as a number: «minst 43», «to hundre og
/// tre», «en». Unlike [`find`] it takes the article «en» as the number one, since the
/// person said it is a number. `None` when the span does not start with a number.
///
/// ```
/// use tusj::{AnnotationType, Qualifier};
/// let (ty, r) = tusj::numbers::read("om lag 140 kilometer").unwrap();
/// assert_eq!((ty, r.value, r.qualifier), (AnnotationType::Measure, 140.0, Qualifier::Approximately));
/// assert_eq!(r.unit.as_deref(), Some("km"));
/// ```
pub fn read(span: &str) -> Option<(AnnotationType, NumberReading)> {
    let span = span.trim();
    let tokens = crate::tokens::tokenize(span);
    let scan = Scan::new(span, &tokens, true);
    let f = scan.at(0)?;
    Some((f.ty, f.reading))
}

/// A match in bytes.
fn to_match(scan: &Scan, f: Found) -> NumberMatch {
    let (start, end) = scan.bytes(&f);
    NumberMatch {
        start,
        end,
        ty: f.ty,
        reading: f.reading,
    }
}
