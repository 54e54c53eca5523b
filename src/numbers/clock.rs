//! Clock times: «kl. 13.00», «klokken 9», «13:30», «klokka tre», «kl. 10–12».

use super::scan::{reading, Found, Scan};
use super::{digits, lexicon, words};
use crate::vocab::AnnotationType;
use digits::Digits;

impl Scan<'_> {
    /// «kl. 13.00», «klokken 9», «13:30», «01.41», «kl. 10–12».
    pub(super) fn clock(&self, i: usize) -> Option<Found> {
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
    pub(super) fn clock_at(&self, j: usize, cued: bool) -> Option<f64> {
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
}
