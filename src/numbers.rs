//! Numbers: finding quantities in digits and words and reading them (SPEC §2).
//!
//! (First cut: plain digit numbers with Norwegian thousands and decimal separators.
//! The full grammar is issue 3.)

use crate::document::{AnnotationType, NumberReading, Qualifier};
use crate::tokens::Token;

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
pub fn find(text: &str, tokens: &[Token]) -> Vec<NumberMatch> {
    tokens
        .iter()
        .filter_map(|t| {
            let value = parse_digits(t.text(text))?;
            Some(NumberMatch {
                start: t.start,
                end: t.end,
                ty: AnnotationType::Count,
                reading: NumberReading {
                    value,
                    qualifier: Qualifier::Exact,
                    upper: None,
                    unit: None,
                    counted: None,
                },
            })
        })
        .collect()
}

/// Reads «360.000», «1 100», «2,5»: groups of exactly three digits after each «.», and
/// one decimal comma.
pub fn parse_digits(s: &str) -> Option<f64> {
    let (int, frac) = match s.split_once(',') {
        Some((i, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => (i, Some(f)),
        Some(_) => return None,
        None => (s, None),
    };
    let mut groups = int.split('.');
    let first = groups.next()?;
    if first.is_empty()
        || first.len() > 3 && int.contains('.')
        || !first.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut digits = first.to_string();
    for g in groups {
        if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push_str(g);
    }
    if let Some(f) = frac {
        digits.push('.');
        digits.push_str(f);
    }
    digits.parse().ok()
}
