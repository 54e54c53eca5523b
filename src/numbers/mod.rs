//! Numbers: finding quantities written in digits and words and reading them (SPEC §2).
//!
//! [`find`] makes one pass over the tokens of [`crate::tokens`]. At each token it tries,
//! in order, a date, a clock time, a decade, a quantity and an ordinal; the first that
//! matches is kept and the scan goes on after it, so matches never overlap. A quantity
//! is an optional qualifier («om lag», «minst», «mellom … og …»), a number in digits or
//! words (or a range of two), an optional unit, and — for plain counts — the noun that
//! is counted, which goes to `counted` but not into the span.
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

pub(crate) mod digits;
mod lexicon;
mod words;

#[cfg(test)]
mod tests;

use crate::tokens::Token;
use crate::vocab::{AnnotationType, NumberReading, Qualifier};
use digits::Digits;
use words::{Atom, Composer};

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
                out.push(scan.to_match(f));
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
    let m = scan.to_match(f);
    Some((m.ty, m.reading))
}

/// A match in token indices.
#[derive(Clone, Debug, PartialEq)]
struct Found {
    /// First token.
    first: usize,
    /// One past the last token.
    end: usize,
    ty: AnnotationType,
    reading: NumberReading,
}

/// How a number was written, which decides whether it can be a year and how ranges
/// scale.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Written {
    /// One token of plain digits with this many digits («2014»).
    Int(usize),
    /// Grouped, decimal, or digits with a multiplier («360.000», «2,5», «2 000», «5 mill.»).
    Digits,
    /// Number words («sju», «to hundre og tre»).
    Words,
    /// The article «en/ei/et» alone.
    Article,
    /// «hundrevis», «flere tusen».
    Vague,
}

/// A number read from one or more tokens.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Num {
    value: f64,
    /// One past its last token.
    end: usize,
    /// The multiplier that closes it («millioner» → 1e6), else 1.
    mult: f64,
    written: Written,
}

impl Num {
    fn year_like(&self) -> bool {
        self.written == Written::Int(4) && (1000.0..=2100.0).contains(&self.value)
    }
}

/// The tokens with their lower-case forms, computed once.
struct Scan<'a> {
    text: &'a str,
    toks: &'a [Token],
    /// The lower-case forms of the capitalised tokens, one after another: one buffer
    /// rather than an allocation per word.
    lowered: String,
    /// For each token, its range in `lowered`, or `None` when the token is its own
    /// lower-case form. 32-bit offsets: this holds an entry for every token, and 12 bytes
    /// rather than 24 an entry keep a text of punctuation (a token a byte) small.
    low: Vec<Option<(u32, u32)>>,
    /// Reading a span a person marked ([`read`]): accept the article and «andre».
    whole: bool,
}

const DASHES: [&str; 4] = ["-", "–", "—", "\u{2011}"];

impl<'a> Scan<'a> {
    fn new(text: &'a str, toks: &'a [Token], whole: bool) -> Scan<'a> {
        let mut lowered = String::new();
        let low = toks
            .iter()
            .map(|t| {
                // Number words, units and qualifiers are lower case or capitalised
                // («Over», «NOK»); a word with a capital inside and a lower-case start
                // («iPhone») is none of them. Only the first byte is looked at for most
                // tokens: this runs for every token.
                let first = text.as_bytes().get(t.start).copied().unwrap_or(0);
                if first < 0x80 && !first.is_ascii_uppercase() {
                    return None;
                }
                let s = t.text(text);
                if s.chars().next().is_some_and(char::is_uppercase) {
                    let start = lowered.len();
                    if s.is_ascii() {
                        lowered.push_str(s);
                        lowered[start..].make_ascii_lowercase();
                    } else {
                        lowered.extend(s.chars().flat_map(char::to_lowercase));
                    }
                    // A text whose capitalised words lower-case to more than 4 GiB keeps
                    // the rest as they are written.
                    u32::try_from(start)
                        .ok()
                        .zip(u32::try_from(lowered.len()).ok())
                } else {
                    None
                }
            })
            .collect();
        Scan {
            text,
            toks,
            lowered,
            low,
            whole,
        }
    }

    fn raw(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    fn w(&self, i: usize) -> &str {
        match self.low.get(i) {
            Some(Some((s, e))) => self.lowered.get(*s as usize..*e as usize).unwrap_or(""),
            Some(None) => self.raw(i),
            None => "",
        }
    }

    /// The lower-case form of the token before `i`, or "".
    fn prev(&self, i: usize) -> &str {
        i.checked_sub(1).map_or("", |p| self.w(p))
    }

    /// The text between token `i - 1` and token `i`.
    fn gap(&self, i: usize) -> &'a str {
        match (
            i.checked_sub(1).and_then(|p| self.toks.get(p)),
            self.toks.get(i),
        ) {
            (Some(a), Some(b)) => self.text.get(a.end..b.start).unwrap_or(""),
            _ => "",
        }
    }

    fn is_dash(&self, i: usize) -> bool {
        DASHES.contains(&self.raw(i))
    }

    fn to_match(&self, f: Found) -> NumberMatch {
        let start = self.toks.get(f.first).map_or(0, |t| t.start);
        let end = f
            .end
            .checked_sub(1)
            .and_then(|l| self.toks.get(l))
            .map_or(start, |t| t.end);
        NumberMatch {
            start,
            end,
            ty: f.ty,
            reading: f.reading,
        }
    }

    /// Whether a number expression can start at token `i`: a cheap test that lets the
    /// scan pass over ordinary words without trying every rule on them.
    fn may_start(&self, i: usize) -> bool {
        if self.numberish(i) {
            return true;
        }
        let w = self.w(i);
        if !lexicon::may_matter(w) {
            return false;
        }
        if w == "i" {
            // The commonest word; it opens only «i overkant av», «i underkant av».
            return matches!(self.w(i + 1), "overkant" | "underkant");
        }
        match lexicon::entry(w) {
            Some(e) if e.opener => self.numberish(i + 1) || self.numberish(i + 2),
            Some(e) => e.month.is_some(),
            None => false,
        }
    }

    /// Whether token `k` can be the first token of a number: digits, a sign, a currency,
    /// a number word, a vague quantity, or an article that a multiplier or range follows.
    fn numberish(&self, k: usize) -> bool {
        let raw = self.raw(k);
        let Some(&first) = raw.as_bytes().first() else {
            return false;
        };
        if first.is_ascii_digit()
            || (matches!(first, b'-' | b'+' | b'$' | 0xC2 | 0xE2)
                && matches!(raw, "-" | "−" | "+" | "$" | "€" | "£"))
        {
            return true;
        }
        // A lower-case token is its own lower-case form.
        let w = if first.is_ascii_lowercase() {
            raw
        } else {
            self.w(k)
        };
        // Most tokens are words that begin like nothing the scan knows.
        if !lexicon::may_matter(w) {
            return false;
        }
        if words::is_article(w) {
            let next = self.w(k + 1);
            return words::multiplier(next).is_some()
                || matches!(next, "eller" | "til" | "-" | "–" | "halv" | "halvt");
        }
        if let Some(e) = lexicon::entry(w) {
            if e.currency.is_some() || e.vague.is_some() || w.starts_with("halv") {
                return true;
            }
        }
        words::starts_like_number(w)
            && (words::word_value(w).is_some()
                || w.split_once('-')
                    .is_some_and(|(l, _)| words::word_value(l).is_some()))
    }

    fn at(&self, i: usize) -> Option<Found> {
        self.date(i)
            .or_else(|| self.clock(i))
            .or_else(|| self.decade(i))
            .or_else(|| self.quantity(i))
            .or_else(|| self.ordinal(i))
    }

    // ---- clock times ----

    /// «kl. 13.00», «klokken 9», «13:30», «01.41», «kl. 10–12».
    fn clock(&self, i: usize) -> Option<Found> {
        let cued = lexicon::clock_cue(self.w(i));
        let j = if cued { i + 1 } else { i };
        let a = self.clock_at(j, cued)?;
        let mut end = j + 1;
        let mut upper = None;
        if self.is_dash(end) {
            if let Some(b) = self.clock_at(end + 1, cued) {
                upper = Some(b);
                end += 2;
            }
        }
        Some(Found {
            first: i,
            end,
            ty: AnnotationType::Time,
            reading: reading(a, upper, None, None),
        })
    }

    /// One clock time as HHMM. A bare hour («13») only after «kl.».
    fn clock_at(&self, j: usize, cued: bool) -> Option<f64> {
        if cued {
            // «klokka tre»
            if let Some((v, false)) = words::word_value(self.w(j)) {
                if (1.0..=24.0).contains(&v) && !words::is_article(self.w(j)) {
                    return Some(v * 100.0);
                }
            }
        }
        match digits::read(self.raw(j))? {
            Digits::Clock { hour, minute } => Some(f64::from(hour * 100 + minute)),
            Digits::Int { value, len } if cued && len <= 2 && value <= 24.0 => Some(value * 100.0),
            _ => None,
        }
    }

    // ---- dates ----

    /// «14. mars 2018», «17. mai», «3.–6. juni», «21 juni 1963», «5.6.2014»,
    /// «2018-11-05», «mars 2018».
    fn date(&self, i: usize) -> Option<Found> {
        let date = |first, end, value: u32, upper: Option<u32>| {
            Some(Found {
                first,
                end,
                ty: AnnotationType::Date,
                reading: reading(f64::from(value), upper.map(f64::from), None, None),
            })
        };
        match digits::read(self.raw(i)) {
            Some(Digits::Date { day, month, year }) => {
                return date(i, i + 1, year * 10000 + month * 100 + day, None);
            }
            // «6.10.»: day and month with the closing period, not a clock time.
            Some(Digits::Clock { hour, minute })
                if self.raw(i + 1) == "."
                    && self.gap(i + 1).is_empty()
                    && (1..=31).contains(&hour)
                    && (1..=12).contains(&minute) =>
            {
                return date(i, i + 2, minute * 100 + hour, None);
            }
            _ => {}
        }
        if let Some(month) = lexicon::month(self.w(i)) {
            let year = self.year_at(i + 1)?;
            return date(i, i + 2, year * 10000 + month * 100, None);
        }
        let (day, dotted) = self.day_at(i)?;
        // «3.–6. juni»
        if dotted && self.is_dash(i + 1) {
            if let Some((last, true)) = self.day_at(i + 2) {
                let month = lexicon::month(self.w(i + 3))?;
                let (year, end) = match self.year_at(i + 4) {
                    Some(y) => (y, i + 5),
                    None => (0, i + 4),
                };
                let base = year * 10000 + month * 100;
                return date(i, end, base + day, Some(base + last));
            }
        }
        let month = lexicon::month(self.w(i + 1))?;
        match self.year_at(i + 2) {
            Some(year) => date(i, i + 3, year * 10000 + month * 100 + day, None),
            // «21 juni» without a period is a date only with a year or after «den».
            None if dotted || self.prev(i) == "den" => date(i, i + 2, month * 100 + day, None),
            None => None,
        }
    }

    /// A day of the month at `i`: «17.» (dotted) or «17».
    fn day_at(&self, i: usize) -> Option<(u32, bool)> {
        let raw = self.raw(i);
        let (digits, dotted) = match raw.strip_suffix('.') {
            Some(d) => (d, true),
            None => (raw, false),
        };
        if !(1..=2).contains(&digits.len()) || !digits::all_digits(digits) {
            return None;
        }
        let day: u32 = digits.parse().ok()?;
        (1..=31).contains(&day).then_some((day, dotted))
    }

    /// A four-digit year 1000–2100 at `i`.
    fn year_at(&self, i: usize) -> Option<u32> {
        match digits::read(self.raw(i))? {
            Digits::Int { value, len: 4 } if (1000.0..=2100.0).contains(&value) => {
                Some(value as u32)
            }
            _ => None,
        }
    }

    // ---- decades ----

    /// «1990-tallet», «1990-årene», «90-tallet», «1800-tallet»: a year range.
    fn decade(&self, i: usize) -> Option<Found> {
        // «1950- og 1960-tallet»: the first decade borrows the suffix of the second. The
        // tokenizer keeps the hyphen on «1950-»; the two-token form is read as well.
        if let Some(num) = self.raw(i).strip_suffix('-') {
            if digits::all_digits(num) && matches!(self.w(i + 1), "og" | "eller" | "til") {
                let (_, suffix) = self.raw(i + 2).split_once('-')?;
                let mut found = self.decade_of(&format!("{num}-{suffix}"), i)?;
                found.end = i + 1;
                return Some(found);
            }
        }
        if digits::all_digits(self.raw(i))
            && self.raw(i + 1) == "-"
            && self.gap(i + 1).is_empty()
            && matches!(self.w(i + 2), "og" | "eller" | "til")
        {
            let (_, suffix) = self.raw(i + 3).split_once('-')?;
            let whole = format!("{}-{suffix}", self.raw(i));
            let mut found = self.decade_of(&whole, i)?;
            found.end = i + 2;
            return Some(found);
        }
        self.decade_of(self.raw(i), i)
    }

    /// Reads «1990-tallet» (the text of token `i`) as a decade.
    fn decade_of(&self, raw: &str, i: usize) -> Option<Found> {
        if !raw.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let (num, suffix) = raw.split_once('-')?;
        let suffix = suffix.to_lowercase();
        if !matches!(
            suffix.as_str(),
            "tallet" | "tallets" | "talet" | "talets" | "årene" | "årenes" | "åra"
        ) || !digits::all_digits(num)
        {
            return None;
        }
        let n: u32 = num.parse().ok()?;
        let start = match num.len() {
            2 if n < 30 => 2000 + n,
            2 => 1900 + n,
            4 if n % 10 == 0 => n,
            _ => return None,
        };
        let span = if num.len() == 4 && start % 100 == 0 {
            99
        } else {
            9
        };
        Some(Found {
            first: i,
            end: i + 1,
            ty: AnnotationType::Year,
            reading: NumberReading {
                value: f64::from(start),
                qualifier: Qualifier::Range,
                upper: Some(f64::from(start + span)),
                unit: None,
                counted: None,
            },
        })
    }

    // ---- ordinals ----

    /// «3. plass», «første», «tjueførste», «andre gang».
    fn ordinal(&self, i: usize) -> Option<Found> {
        let raw = self.raw(i);
        let value = if let Some(d) = raw.strip_suffix('.') {
            if !(1..=3).contains(&d.len()) || !digits::all_digits(d) {
                return None;
            }
            d.parse::<f64>().ok()?
        } else {
            let w = self.w(i);
            let (v, ordinal) = words::word_value(w)?;
            // «andre» is mostly «other», «attende» mostly Nynorsk «back».
            if !ordinal
                || (matches!(w, "andre" | "attende")
                    && !self.whole
                    && !lexicon::ordinal_noun(self.w(i + 1)))
            {
                return None;
            }
            v
        };
        Some(Found {
            first: i,
            end: i + 1,
            ty: AnnotationType::Ordinal,
            reading: reading(value, None, None, None),
        })
    }

    // ---- quantities ----

    /// A qualifier phrase at `i`: its qualifier and length in tokens.
    fn qualifier(&self, i: usize) -> Option<(Qualifier, usize)> {
        lexicon::QUALIFIERS.iter().find_map(|(phrase, q)| {
            phrase
                .iter()
                .enumerate()
                .all(|(k, p)| self.w(i + k) == *p)
                .then_some((*q, phrase.len()))
        })
    }

    /// Qualifier, number (or range), unit and counted noun, starting at `i`.
    fn quantity(&self, i: usize) -> Option<Found> {
        let first = self.w(i);
        let between = matches!(first, "mellom");
        // «fra 10 til 20» is a range, but «økte fra 10 til 20» is a change: two numbers.
        let from = matches!(first, "fra" | "frå")
            && self.prev(i) != "og"
            && !lexicon::change_word(self.prev(i));
        let (mut qualifier, qlen) = if between || from {
            (Qualifier::Range, 1)
        } else {
            lexicon::entry(first)
                .filter(|e| e.opener)
                .and_then(|_| self.qualifier(i))
                .unwrap_or((Qualifier::Exact, 0))
        };
        let mut j = i + qlen;
        let mut unit: Option<(&str, AnnotationType)> = None;
        if let Some(code) = lexicon::currency_before(self.w(j)) {
            if self.cardinal(j + 1).is_some() {
                unit = Some((code, AnnotationType::Money));
                j += 1;
            }
        }
        let (a, b) = match self.token_range(j) {
            Some((a, b)) => (a, Some(b)),
            None => {
                let a = self.cardinal(j)?;
                let b = if between {
                    (self.w(a.end) == "og")
                        .then(|| self.cardinal(a.end + 1))
                        .flatten()
                } else if from {
                    (self.w(a.end) == "til" || self.is_dash(a.end))
                        .then(|| self.cardinal(a.end + 1))
                        .flatten()
                } else if matches!(self.prev(j), "fra" | "frå") && self.w(a.end) == "til" {
                    None // a change «fra 29 til 21,7», not a range
                } else {
                    self.range_tail(&a)
                };
                (a, b)
            }
        };
        if (between || from) && b.is_none() {
            return None;
        }
        // «tusen takk» thanks; it counts nothing.
        if self.w(j) == "tusen" && matches!(self.w(j + 1), "takk" | "hjertelig") {
            return None;
        }
        // «under ett» (taken together) is an idiom unless something is measured.
        if matches!(self.w(j), "ett" | "eitt")
            && self.prev(j) == "under"
            && b.is_none()
            && self.unit_at(a.end).is_none()
            && !self.noun_at(a.end)
        {
            return None;
        }
        // «1862–97»: the upper year written with two digits is only ever a year.
        let short_year = a.year_like() && b.is_some_and(|b| b.written == Written::Int(2));
        let b = b.map(|mut b| {
            if a.year_like() && b.written == Written::Int(2) {
                let century = a.value - a.value % 100.0;
                b.value += if century + b.value > a.value {
                    century
                } else {
                    century + 100.0
                };
                b.written = Written::Int(4);
            }
            b
        });
        let scaled = |b: &Num| {
            if a.mult == 1.0 && b.mult > 1.0 && a.value * b.mult <= b.value {
                a.value * b.mult
            } else {
                a.value
            }
        };
        // «2 - 0» (a score), «fra 29 til 21,7» (a fall): not a range. «mellom» and «fra»
        // promised one, so they give up; otherwise the first number stands alone.
        let b = match b {
            Some(b) if b.value <= scaled(&b) => {
                if between || from {
                    return None;
                }
                None
            }
            b => b,
        };
        let mut value = a.value;
        let mut upper = None;
        let mut end = a.end;
        if let Some(b) = b {
            value = scaled(&b);
            upper = Some(b.value);
            end = b.end;
            qualifier = Qualifier::Range;
        } else if a.written == Written::Article && !self.whole {
            return None;
        }
        if a.written == Written::Vague {
            qualifier = Qualifier::Approximately;
        }
        if unit.is_none() {
            if let Some((code, ty, len)) = self.unit_at(end) {
                unit = Some((code, ty));
                end += len;
            }
        }
        if matches!(unit, Some((_, AnnotationType::Money)))
            && self.raw(end) == ","
            && self.is_dash(end + 1)
        {
            end += 2; // «kr 500,-»
        }
        let years = a.year_like() && b.is_none_or(|b| b.year_like());
        let (ty, counted) = match unit {
            Some((_, ty)) => (ty, None),
            None if years && (short_year || self.is_year(i, qlen, qualifier, end)) => {
                if qlen > 0 && lexicon::is_temporal(first) {
                    return None; // «inntil 1995»: the year alone, at the next token
                }
                (AnnotationType::Year, None)
            }
            None => {
                if let Some(age) = self.age(i, &a, end) {
                    return Some(age);
                }
                (AnnotationType::Count, self.counted(i, end, a.written))
            }
        };
        Some(Found {
            first: i,
            end,
            ty,
            reading: NumberReading {
                value,
                qualifier,
                upper,
                unit: unit.map(|(code, _)| code.to_string()),
                counted,
            },
        })
    }

    /// Whether a year-like number ending before `end` (with a qualifier of `qlen` tokens
    /// at `i`) reads as a year.
    fn is_year(&self, i: usize, qlen: usize, qualifier: Qualifier, end: usize) -> bool {
        let bound = !matches!(
            qualifier,
            Qualifier::Exact | Qualifier::Approximately | Qualifier::Range
        );
        if bound && !(qlen > 0 && lexicon::is_temporal(self.w(i))) {
            return false;
        }
        self.whole
            || lexicon::year_cue(self.prev(i))
            || (qlen > 0 && lexicon::year_cue(self.w(i)))
            || !self.noun_at(end)
    }

    /// «Mannen (52)»: a person's age.
    fn age(&self, i: usize, a: &Num, end: usize) -> Option<Found> {
        let before = i.checked_sub(2)?;
        let plain = matches!(a.written, Written::Int(1..=3));
        if !plain
            || a.end != end
            || self.raw(i - 1) != "("
            || self.raw(end) != ")"
            || !(1.0..=120.0).contains(&a.value)
            || !self.raw(before).chars().all(char::is_alphabetic)
            || self.raw(before).is_empty()
        {
            return None;
        }
        Some(Found {
            first: i,
            end,
            ty: AnnotationType::Measure,
            reading: reading(a.value, None, Some("year"), None),
        })
    }

    /// Whether token `i` looks like a noun that a number counts: a lower-case word that is
    /// not a function word or a month.
    fn noun_at(&self, i: usize) -> bool {
        let raw = self.raw(i);
        let ordinal = words::word_value(raw).is_some_and(|(_, ordinal)| ordinal);
        // Past tenses and participles («stemte», «endret», «skadde») follow numbers as
        // verbs; nouns after a number rarely end so.
        let verb_like = raw.chars().count() >= 5
            && ["te", "de", "et"].iter().any(|s| raw.ends_with(s))
            && !lexicon::participle_noun(raw);
        !ordinal
            && !verb_like
            && raw.chars().count() >= 2
            && raw.chars().all(char::is_alphabetic)
            && raw.starts_with(char::is_lowercase)
            && !lexicon::not_counted(raw)
            && lexicon::month(raw).is_none()
    }

    /// The noun counted by a count ending before `k`: «43 mennesker», «17 av dem barn»,
    /// «1.100 sivile dødsfall» (adjective skipped), «tusenvis av sivile».
    fn counted(&self, first: usize, mut k: usize, written: Written) -> Option<String> {
        // «§ 12», «nr. 5», «kap. 10» (the tokenizer may cut «kap» from its period).
        let before = match self.prev(first) {
            "." => first.checked_sub(1).map_or("", |p| self.prev(p)),
            p => p,
        };
        if lexicon::identifier_cue(before) {
            return None;
        }
        if self.w(k) == "av" {
            if lexicon::partitive_pronoun(self.w(k + 1)) {
                k += 2;
            } else if written == Written::Vague {
                k += 1;
            } else {
                return None;
            }
        }
        if !self.noun_at(k) {
            return None;
        }
        let word = self.raw(k);
        let next = self.raw(k + 1);
        // An adjective in -e before another noun («sivile dødsfall», «store mengder»); a
        // past-tense verb after it («sivile flyktet») is not that noun.
        // «sakene», «landene» end in -e too, but are definite plural nouns.
        let definite = ["ene", "ane"].iter().any(|s| word.ends_with(s));
        if word.ends_with('e') && !definite && self.noun_at(k + 1) {
            return Some(next.to_string());
        }
        Some(word.to_string())
    }

    /// A unit at `k`: its code, the type it gives and its length in tokens.
    fn unit_at(&self, k: usize) -> Option<(&'static str, AnnotationType, usize)> {
        let e = lexicon::entry(self.w(k))?;
        if e.unit_phrase {
            let phrase = lexicon::UNITS.iter().find(|(phrase, _, _)| {
                phrase.len() > 1 && phrase.iter().enumerate().all(|(n, p)| self.w(k + n) == *p)
            });
            if let Some((phrase, code, ty)) = phrase {
                return Some((code, *ty, phrase.len()));
            }
        }
        e.unit.map(|(code, ty)| (code, ty, 1))
    }

    /// The upper end of a range after `a`: «10–20», «to eller tre», «en til to».
    fn range_tail(&self, a: &Num) -> Option<Num> {
        let k = a.end;
        let connector = self.w(k);
        let ok = self.is_dash(k)
            || connector == "til"
            || (connector == "eller"
                && (matches!(a.written, Written::Words | Written::Article) || a.value <= 100.0));
        if !ok {
            return None;
        }
        let b = self.cardinal(k + 1)?;
        if b.written == Written::Article {
            return None;
        }
        Some(b)
    }

    /// A range in one token: «10-20», «2-4» (+ «000»), «to-tre», «2011-2014», «2,5-3».
    fn token_range(&self, j: usize) -> Option<(Num, Num)> {
        let raw = self.raw(j);
        let (l, r) = raw.split_once(['-', '\u{2011}'])?;
        let one = |s: &str| -> Option<(f64, Written)> {
            match digits::read(s) {
                Some(Digits::Int { value, len }) => Some((value, Written::Int(len))),
                Some(Digits::Number(v)) => Some((v, Written::Digits)),
                Some(_) => None,
                None => {
                    let (v, ordinal) = words::word_value(&s.to_lowercase())?;
                    (!ordinal).then_some((v, Written::Words))
                }
            }
        };
        let (lv, lw) = one(l)?;
        let (mut rv, mut rw) = one(r)?;
        let mut end = j + 1;
        let mut mult = 1.0;
        if let Written::Int(len @ 1..=3) = rw {
            if let Some(joined) = self.join_groups(rv, end) {
                let groups = joined.1 - end;
                rv = joined.0;
                mult = 1000f64.powi(groups as i32);
                let _ = len;
                end = joined.1;
                rw = Written::Digits;
            }
        }
        if let Some(m) = words::multiplier(self.w(end)) {
            rv *= m;
            mult *= m;
            end += 1;
            rw = Written::Digits;
        }
        let mut lv = lv;
        if mult > 1.0 && lv * mult <= rv {
            lv *= mult;
        }
        if rv <= lv {
            return None;
        }
        let a = Num {
            value: lv,
            end: j + 1,
            mult: 1.0,
            written: lw,
        };
        let b = Num {
            value: rv,
            end,
            mult,
            written: rw,
        };
        Some((a, b))
    }

    /// Joins space-grouped thousands after a value of one to three digits: «2 000»,
    /// «1 300 000». Returns the value and the token after the last group.
    fn join_groups(&self, mut value: f64, mut k: usize) -> Option<(f64, usize)> {
        let start = k;
        while self.raw(k).len() == 3
            && digits::all_digits(self.raw(k))
            && matches!(self.gap(k), " " | "\u{a0}" | "\u{202f}")
            && k - start < 4
        {
            value = value * 1000.0 + self.raw(k).parse::<f64>().ok()?;
            k += 1;
        }
        (k > start).then_some((value, k))
    }

    /// A cardinal number at `j`: digits (with sign, space groups and a multiplier) or
    /// number words (with «og» between them), or a vague quantity.
    fn cardinal(&self, j: usize) -> Option<Num> {
        let w = self.w(j);
        // Sign: «minus 5», «-5» (a dash glued to the digits, not to what is before).
        let glued_sign = matches!(self.raw(j), "-" | "−" | "+")
            && self.gap(j + 1).is_empty()
            && (j == 0 || !self.gap(j).is_empty() || self.raw(j - 1) == "(");
        if w == "minus" || glued_sign {
            let n = self.digits_at(j + 1)?;
            let sign = if self.raw(j) == "+" { 1.0 } else { -1.0 };
            return Some(Num {
                value: sign * n.value,
                ..n
            });
        }
        if let Some(n) = self.digits_at(j) {
            return Some(n);
        }
        if let Some(v) = lexicon::vague(w) {
            // «titalls tusen»: the vague word times a multiplier.
            let (value, end, mult) = match words::multiplier(self.w(j + 1)) {
                Some(m) => (v * m, j + 2, m),
                None => (v, j + 1, 1.0),
            };
            return Some(Num {
                value,
                end,
                mult,
                written: Written::Vague,
            });
        }
        if lexicon::vague_quantifier(w) && lexicon::vague(self.w(j + 1)).is_some() {
            // «flere titalls», «noen hundrevis»: the vague word says it all.
            return self.cardinal(j + 1);
        }
        if lexicon::vague_quantifier(w) {
            // «flere hundre», «noen tusen», «mange millioner»: twice the round number.
            let n = self.words_at(j + 1, false)?;
            let round = n.value >= 100.0 && {
                let l = n.value.log10();
                (l - l.round()).abs() < 1e-9
            };
            if !round || n.written != Written::Words {
                return None;
            }
            return Some(Num {
                value: 2.0 * n.value,
                written: Written::Vague,
                ..n
            });
        }
        if matches!(w, "halvannen" | "halvannet" | "halvanna" | "halvtanna") {
            return Some(Num {
                value: 1.5,
                end: j + 1,
                mult: 1.0,
                written: Written::Words,
            });
        }
        let title_case = |k: usize| self.raw(k).starts_with(char::is_uppercase);
        // «due to the», «Long Walk to Freedom»: English «to».
        let english_title = j > 0 && title_case(j - 1) && title_case(j + 1);
        if w == "to" && (english_title || lexicon::english_around_to(self.prev(j), self.w(j + 1))) {
            return None;
        }
        self.words_at(j, true)
    }

    /// Digits at `j`, with space-grouped thousands and a multiplier word.
    fn digits_at(&self, j: usize) -> Option<Num> {
        let (mut value, mut written) = match digits::read(self.raw(j))? {
            Digits::Int { value, len } => (value, Written::Int(len)),
            Digits::Number(v) => (v, Written::Digits),
            _ => return None,
        };
        let mut end = j + 1;
        if let Written::Int(1..=3) = written {
            if let Some((v, k)) = self.join_groups(value, end) {
                value = v;
                end = k;
                written = Written::Digits;
            }
        }
        let mut mult = 1.0;
        if let Some(m) = words::multiplier(self.w(end)) {
            value *= m;
            mult = m;
            end += 1;
            written = Written::Digits;
        }
        Some(Num {
            value,
            end,
            mult,
            written,
        })
    }

    /// Number words from `j`: «sju», «to hundre og tre», «fem millioner», «en million».
    fn words_at(&self, j: usize, article_ok: bool) -> Option<Num> {
        let w = self.w(j);
        let mut c = Composer::default();
        let article = words::is_article(w);
        if article {
            if !article_ok {
                return None;
            }
            // «en halv million», «ein halv milliard»
            if matches!(self.w(j + 1), "halv" | "halvt") {
                let m = words::multiplier(self.w(j + 2)).filter(|&m| m >= 1e3)?;
                return Some(Num {
                    value: 0.5 * m,
                    end: j + 3,
                    mult: m,
                    written: Written::Words,
                });
            }
            c.push(Atom::Unit(1));
        } else if words::push_word(&mut c, w)? {
            return None; // an ordinal
        } else if matches!(c.last(), Some(Atom::Million | Atom::Billion)) {
            // «millioner» alone is a vague «very many», not a number of millions.
            return None;
        }
        let mut end = j + 1;
        loop {
            let next = self.w(end);
            if next == "og" {
                let mut c2 = c;
                if c2.push(Atom::And) && words::push_word(&mut c2, self.w(end + 1)) == Some(false) {
                    c = c2;
                    end += 2;
                    continue;
                }
                break;
            }
            let mut c2 = c;
            if words::is_article(next) {
                // «tusen en hundre»: the article counts the multiplier after it.
                if words::multiplier(self.w(end + 1)).is_some() && c2.push(Atom::Unit(1)) {
                    c = c2;
                    end += 1;
                    continue;
                }
                break;
            }
            if words::push_word(&mut c2, next) != Some(false) {
                break;
            }
            c = c2;
            end += 1;
        }
        let value = c.value()?;
        let mult = match c.last() {
            Some(Atom::Thousand) => 1e3,
            Some(Atom::Million) => 1e6,
            Some(Atom::Billion) => 1e9,
            _ => 1.0,
        };
        let written = if article && end == j + 1 {
            Written::Article
        } else {
            Written::Words
        };
        Some(Num {
            value,
            end,
            mult,
            written,
        })
    }
}

/// A reading with qualifier `exact` (or `range` when there is an upper bound).
fn reading(
    value: f64,
    upper: Option<f64>,
    unit: Option<&str>,
    counted: Option<String>,
) -> NumberReading {
    NumberReading {
        value,
        qualifier: if upper.is_some() {
            Qualifier::Range
        } else {
            Qualifier::Exact
        },
        upper,
        unit: unit.map(str::to_string),
        counted,
    }
}
