//! The scanner: the tokens with their lower-case forms, the cheap gate that lets ordinary
//! words pass, and [`Scan::at`], which tries each reader in turn (dates, clock times, decades,
//! quantities, ordinals). The readers are `impl Scan` blocks in the files beside this one.

use super::{lexicon, words};
use crate::tokens::Token;
use crate::vocab::{AnnotationType, NumberReading, Qualifier};

/// A match in token indices.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Found {
    /// First token.
    pub(super) first: usize,
    /// One past the last token.
    pub(super) end: usize,
    pub(super) ty: AnnotationType,
    pub(super) reading: NumberReading,
}

/// How a number was written, which decides whether it can be a year and how ranges
/// scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Written {
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
pub(super) struct Num {
    pub(super) value: f64,
    /// One past its last token.
    pub(super) end: usize,
    /// The multiplier that closes it («millioner» → 1e6), else 1.
    pub(super) mult: f64,
    pub(super) written: Written,
}

impl Num {
    pub(super) fn year_like(&self) -> bool {
        self.written == Written::Int(4) && (1000.0..=2100.0).contains(&self.value)
    }
}

/// The tokens with their lower-case forms, computed once.
pub(super) struct Scan<'a> {
    text: &'a str,
    toks: &'a [Token],
    /// The lower-case forms of the capitalised tokens, one after another: one buffer
    /// rather than an allocation per word.
    lowered: String,
    /// For each token, its range in `lowered`, or `None` when the token is its own
    /// lower-case form. 32-bit offsets: this holds an entry for every token, and 12 bytes
    /// rather than 24 an entry keep a text of punctuation (a token a byte) small.
    low: Vec<Option<(u32, u32)>>,
    /// Reading a span a person marked ([`super::read`]): accept the article and «andre».
    pub(super) whole: bool,
}

const DASHES: [&str; 4] = ["-", "–", "—", "\u{2011}"];

impl<'a> Scan<'a> {
    pub(super) fn new(text: &'a str, toks: &'a [Token], whole: bool) -> Scan<'a> {
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

    pub(super) fn raw(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    pub(super) fn w(&self, i: usize) -> &str {
        match self.low.get(i) {
            Some(Some((s, e))) => self.lowered.get(*s as usize..*e as usize).unwrap_or(""),
            Some(None) => self.raw(i),
            None => "",
        }
    }

    /// The lower-case form of the token before `i`, or "".
    pub(super) fn prev(&self, i: usize) -> &str {
        i.checked_sub(1).map_or("", |p| self.w(p))
    }

    /// The text between token `i - 1` and token `i`.
    pub(super) fn gap(&self, i: usize) -> &'a str {
        match (
            i.checked_sub(1).and_then(|p| self.toks.get(p)),
            self.toks.get(i),
        ) {
            (Some(a), Some(b)) => self.text.get(a.end..b.start).unwrap_or(""),
            _ => "",
        }
    }

    pub(super) fn is_dash(&self, i: usize) -> bool {
        DASHES.contains(&self.raw(i))
    }

    /// The byte range of the tokens of a match.
    pub(super) fn bytes(&self, f: &Found) -> (usize, usize) {
        let start = self.toks.get(f.first).map_or(0, |t| t.start);
        let end = f
            .end
            .checked_sub(1)
            .and_then(|l| self.toks.get(l))
            .map_or(start, |t| t.end);
        (start, end)
    }

    /// Whether a number expression can start at token `i`: a cheap test that lets the
    /// scan pass over ordinary words without trying every rule on them.
    pub(super) fn may_start(&self, i: usize) -> bool {
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
    pub(super) fn numberish(&self, k: usize) -> bool {
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

    pub(super) fn at(&self, i: usize) -> Option<Found> {
        self.date(i)
            .or_else(|| self.clock(i))
            .or_else(|| self.decade(i))
            .or_else(|| self.quantity(i))
            .or_else(|| self.ordinal(i))
    }
}

/// A reading with qualifier `exact` (or `range` when there is an upper bound).
pub(super) fn reading(
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
