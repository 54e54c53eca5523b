//! Cardinal numbers: digits (with sign, space-grouped thousands and a multiplier), number
//! words («to hundre og tre»), vague quantities («hundrevis», «flere tusen») and ranges
//! written as one token («10-20», «to-tre»).

use super::scan::{Num, Scan, Written};
use super::{digits, lexicon, words};
use digits::Digits;
use words::{Atom, Composer};

impl Scan<'_> {
    /// A range in one token: «10-20», «2-4» (+ «000»), «to-tre», «2011-2014», «2,5-3».
    pub(super) fn token_range(&self, j: usize) -> Option<(Num, Num)> {
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
    pub(super) fn join_groups(&self, mut value: f64, mut k: usize) -> Option<(f64, usize)> {
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
    pub(super) fn cardinal(&self, j: usize) -> Option<Num> {
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
    pub(super) fn digits_at(&self, j: usize) -> Option<Num> {
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
    pub(super) fn words_at(&self, j: usize, article_ok: bool) -> Option<Num> {
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
