//! Section numbers: «11.3.2», «kap. 8.3.3.5», «punkt 4.2», read as ordinals with unit
//! `section` and the top level as value. They are references, not quantities, but a
//! reader sees a number, and the top level is the chapter.

use super::digits;
use super::scan::{reading, Found, Scan};
use crate::vocab::AnnotationType;

/// Words that name a part of a document: a dotted pair after them is a section.
fn section_cue(word: &str) -> bool {
    matches!(
        word,
        "kapittel"
            | "kapitel"
            | "kapitlet"
            | "kap."
            | "kap"
            | "punkt"
            | "punktet"
            | "pkt."
            | "pkt"
            | "avsnitt"
            | "avsnittet"
            | "del"
            | "delen"
            | "paragraf"
            | "§"
            | "jf."
            | "jf"
            | "jfr."
            | "figur"
            | "tabell"
            | "vedlegg"
            | "versjon"
            | "patch"
    )
}

impl Scan<'_> {
    /// A section number at `i`: three or more dotted parts of one to three digits that are
    /// no date («11.3.2», «8.3.3.5»), or a dotted pair after [`section_cue`] («kapittel
    /// 4.2»).
    pub(super) fn section(&self, i: usize) -> Option<Found> {
        let raw = self.raw(i);
        let raw = raw.strip_suffix('.').unwrap_or(raw);
        let parts: Vec<&str> = raw.split('.').collect();
        // The top level has one to three digits, the others one or two («1.300.000» is
        // a number).
        let ok = parts.len() >= 2
            && parts.iter().enumerate().all(|(k, p)| {
                let most = if k == 0 { 3 } else { 2 };
                (1..=most).contains(&p.len()) && digits::all_digits(p)
            });
        if !ok {
            return None;
        }
        let cued = section_cue(self.prev(i));
        let date = matches!(digits::read(raw), Some(digits::Digits::Date { .. }));
        if !(cued || (parts.len() >= 3 && !date)) {
            return None;
        }
        let top: f64 = parts.first()?.parse().ok()?;
        Some(Found {
            first: i,
            end: i + 1,
            ty: AnnotationType::Ordinal,
            reading: reading(top, None, Some("section"), None),
        })
    }
}
