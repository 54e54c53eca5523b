//! Counted nouns: the noun a count counts («43 mennesker», «17 av dem barn», «1.100 sivile
//! dødsfall») and what looks like such a noun.

use super::scan::{Scan, Written};
use super::{lexicon, words};

impl Scan<'_> {
    /// Whether token `i` looks like a noun that a number counts: a lower-case word that is
    /// not a function word or a month.
    pub(super) fn noun_at(&self, i: usize) -> bool {
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
    pub(super) fn counted(&self, first: usize, mut k: usize, written: Written) -> Option<String> {
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
}
