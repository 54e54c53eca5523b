//! Quantities: a qualifier («om lag», «minst», «mellom … og …»), a number or a range, a
//! unit, and whether a year-like number is a year, a count or an age.

use super::lexicon;
use super::scan::{reading, Found, Num, Scan, Written};
use crate::vocab::{AnnotationType, NumberReading, Qualifier};

impl Scan<'_> {
    /// A qualifier phrase at `i`: its qualifier and length in tokens.
    pub(super) fn qualifier(&self, i: usize) -> Option<(Qualifier, usize)> {
        lexicon::QUALIFIERS.iter().find_map(|(phrase, q)| {
            phrase
                .iter()
                .enumerate()
                .all(|(k, p)| self.w(i + k) == *p)
                .then_some((*q, phrase.len()))
        })
    }

    /// Qualifier, number (or range), unit and counted noun, starting at `i`.
    pub(super) fn quantity(&self, i: usize) -> Option<Found> {
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
    pub(super) fn is_year(&self, i: usize, qlen: usize, qualifier: Qualifier, end: usize) -> bool {
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
    pub(super) fn age(&self, i: usize, a: &Num, end: usize) -> Option<Found> {
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

    /// A unit at `k`: its code, the type it gives and its length in tokens.
    pub(super) fn unit_at(&self, k: usize) -> Option<(&'static str, AnnotationType, usize)> {
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
    pub(super) fn range_tail(&self, a: &Num) -> Option<Num> {
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
}
