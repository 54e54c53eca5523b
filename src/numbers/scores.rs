//! Sports and votes: scores and tallies («3–1», «9-1», «27–12», «3–1-seieren») are two
//! counts, never a range; race times («1.48,2») are seconds.

use super::digits;
use super::scan::{reading, Found, Scan};
use crate::vocab::{AnnotationType, NumberReading};

/// Words just before a pair of numbers that make it a result, not a range: matches and
/// votes («tapte 1–3», «vedtatt med 14–13»), Bokmål and Nynorsk.
fn score_cue(word: &str) -> bool {
    matches!(
        word,
        "vant"
            | "vann"
            | "vinner"
            | "vinn"
            | "tapte"
            | "tapa"
            | "taper"
            | "tapar"
            | "slo"
            | "slår"
            | "ledet"
            | "leia"
            | "leder"
            | "leiar"
            | "ledelse"
            | "leiing"
            | "endte"
            | "endet"
            | "enda"
            | "stillingen"
            | "resultatet"
            | "uavgjort"
            | "seier"
            | "siger"
            | "tap"
            | "vedtatt"
            | "vedteke"
            | "vedtok"
            | "stemte"
            | "røysta"
            | "stemmer"
            | "røyster"
    )
}

/// A result noun glued to a score: «3–1-seier», «0–2-tapet».
fn result_noun(word: &str) -> bool {
    matches!(
        word,
        "seier"
            | "seieren"
            | "siger"
            | "sigeren"
            | "tap"
            | "tapet"
            | "ledelse"
            | "ledelsen"
            | "leiing"
            | "leiinga"
            | "triumf"
            | "triumfen"
            | "nederlag"
            | "nederlaget"
            | "kamp"
            | "kampen"
            | "scoring"
            | "resultat"
            | "resultatet"
    )
}

/// One side of a score: one to three plain digits.
fn side(s: &str) -> Option<f64> {
    (matches!(s.len(), 1..=3) && digits::all_digits(s))
        .then(|| s.parse().ok())
        .flatten()
}

/// One side of a score: its byte range and value.
pub(super) type Side = (usize, usize, f64);

impl Scan<'_> {
    /// A score or tally at token `i`: the two counts as byte ranges with their values, and
    /// the token after it. «3–1» (three tokens, or one with a hyphen), «2 - 0», «3–1-seier».
    /// A falling or level pair is always a score; a rising one after [`score_cue`] or with a
    /// [`result_noun`] glued on. Not after a clock cue («kl. 10–12»), and not before a unit
    /// («10–20 centimeter» stays a range).
    pub(super) fn score(&self, i: usize) -> Option<([Side; 2], usize)> {
        let tok = self.toks.get(i)?;
        if super::lexicon::clock_cue(self.prev(i)) {
            return None;
        }
        let cued = (1..=3).any(|k| i.checked_sub(k).is_some_and(|p| score_cue(self.w(p))));
        let raw = self.raw(i);
        let (a, b, glued, end) = if let Some(a) = side(raw) {
            // «3 – 1», «3–1»: three tokens.
            if !self.is_dash(i + 1) {
                return None;
            }
            // «3–1-seier»: the noun may be glued to the second side.
            let b_raw = self.raw(i + 2);
            let (b_digits, glued) = match b_raw.split_once('-') {
                Some((d, noun)) if result_noun(&noun.to_lowercase()) => (d, true),
                Some(_) => return None,
                None => (b_raw, false),
            };
            let b = side(b_digits)?;
            let b_tok = self.toks.get(i + 2)?;
            (
                (tok.start, tok.end, a),
                (b_tok.start, b_tok.start + b_digits.len(), b),
                glued,
                i + 3,
            )
        } else {
            // «9-1», «3–1-seier»: one token.
            let mut parts = raw.split(['-', '–', '\u{2011}']);
            let (l, r) = (parts.next()?, parts.next()?);
            let noun = parts.next();
            if parts.next().is_some() {
                return None;
            }
            let glued = match noun {
                Some(n) => {
                    if !result_noun(&n.to_lowercase()) {
                        return None;
                    }
                    true
                }
                None => false,
            };
            let (a, b) = (side(l)?, side(r)?);
            let r_start = tok.start + raw.len() - raw[l.len()..].len();
            let r_start = r_start + raw[l.len()..].chars().next().map_or(1, char::len_utf8);
            (
                (tok.start, tok.start + l.len(), a),
                (r_start, r_start + r.len(), b),
                glued,
                i + 1,
            )
        };
        if a.2 < b.2 && !cued && !glued {
            return None;
        }
        if self.unit_at(end).is_some() {
            return None;
        }
        Some(([a, b], end))
    }

    /// A race time at `i`: minutes, seconds and fractions, «1.48,2» → 108.2 seconds. The
    /// form (two digits after the period, a decimal comma after them) is no thousands
    /// group, date or clock time.
    pub(super) fn race_time(&self, i: usize) -> Option<Found> {
        let raw = self.raw(i);
        let (min, rest) = raw.split_once('.')?;
        let (sec, frac) = rest.split_once(',')?;
        if !matches!(min.len(), 1..=2)
            || sec.len() != 2
            || !matches!(frac.len(), 1..=3)
            || ![min, sec, frac].iter().all(|p| digits::all_digits(p))
        {
            return None;
        }
        let seconds: f64 = format!("{sec}.{frac}").parse().ok()?;
        let minutes: f64 = min.parse().ok()?;
        if seconds >= 60.0 {
            return None;
        }
        Some(Found {
            first: i,
            end: i + 1,
            ty: AnnotationType::Measure,
            reading: reading(minutes * 60.0 + seconds, None, Some("second"), None),
        })
    }
}

/// The reading of one side of a score: an exact count.
pub(super) fn side_reading(value: f64) -> NumberReading {
    reading(value, None, None, None)
}
