//! Ordinals: «3. plass», «første», «tjueførste», «andre gang».

use super::scan::{reading, Found, Scan};
use super::{digits, lexicon, words};
use crate::vocab::AnnotationType;

impl Scan<'_> {
    /// «3. plass», «første», «tjueførste», «andre gang».
    pub(super) fn ordinal(&self, i: usize) -> Option<Found> {
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
}
