//! Feature extraction shared by the tagger and the trainer.
//!
//! Every feature is a short string (a template and its values) hashed to 32 bits, so no
//! feature strings are stored in the model. The same code computes the features while
//! training and while tagging; a feature that only one side computes could never fire.

use std::collections::HashMap;

use crate::tags::{NeType, Tag};

/// Sentences of one document, with the evidence the tagger may draw from the whole
/// document: how each word is written elsewhere, and (second pass) how the first pass
/// tagged its other occurrences.
pub(crate) struct DocView<'a> {
    /// Per sentence, per token.
    pub words: Vec<Vec<Word<'a>>>,
}

/// One token with the derived forms most features use.
pub(crate) struct Word<'a> {
    /// The token as written.
    pub form: &'a str,
    /// Lower-cased.
    pub lower: String,
    /// Character classes, runs of up to four kept («Xxxx», «XX-xxxx», «dd.ddd»).
    pub shape: String,
    /// Character classes with runs collapsed («Xx», «X-x», «d.d»).
    pub short: String,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// The first word of a sentence or of a quote (where capitals say little).
    pub initial: bool,
}

/// The longest names a name table matches, in tokens.
pub const MAX_NAME_TOKENS: usize = 6;

/// Names with bit sets of classes: NorNE types (names from training data) or place
/// classes (the place gazetteer). Keys are the lower-cased tokens joined by one space.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NameTable {
    pub(crate) map: HashMap<String, u16>,
}

impl NameTable {
    /// The classes of a name given as lower-cased tokens joined by one space.
    pub fn get(&self, key: &str) -> Option<u16> {
        self.map.get(key).copied()
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Adds `bits` to the name made of `tokens` (names longer than
    /// [`MAX_NAME_TOKENS`] are ignored: they could never match).
    pub fn insert(&mut self, tokens: &[&str], bits: u16) {
        if tokens.is_empty() || tokens.len() > MAX_NAME_TOKENS {
            return;
        }
        let key = tokens
            .iter()
            .map(|t| t.to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        *self.map.entry(key).or_insert(0) |= bits;
    }

    /// For each token: the classes of the longest name starting there (`begin`) and of
    /// the names covering it past their first token (`inside`). A name must start with a
    /// capital letter or digit to match: the tables hold names, not common words.
    /// The classes of a single lower-cased word, if it is a one-token name.
    pub(crate) fn word(&self, lower: &str) -> u16 {
        self.map.get(lower).copied().unwrap_or(0)
    }

    pub(crate) fn lookup(&self, words: &[Word]) -> Vec<(u16, u16)> {
        let mut out = vec![(0u16, 0u16); words.len()];
        if self.map.is_empty() {
            return out;
        }
        let mut key = String::new();
        for i in 0..words.len() {
            if !words[i]
                .form
                .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            {
                continue;
            }
            key.clear();
            let mut best: Option<(usize, u16)> = None;
            for (j, w) in words.iter().enumerate().skip(i).take(MAX_NAME_TOKENS) {
                if j > i {
                    key.push(' ');
                }
                key.push_str(&w.lower);
                if let Some(&bits) = self.map.get(key.as_str()) {
                    best = Some((j + 1, bits));
                }
            }
            if let Some((end, bits)) = best {
                out[i].0 |= bits;
                for o in &mut out[i + 1..end] {
                    o.1 |= bits;
                }
            }
        }
        out
    }
}

/// Per token, what other occurrences of its word in nearby sentences of the same
/// document say.
#[derive(Clone, Debug, Default)]
pub(crate) struct DocEvidence {
    /// Feature hashes of the words just before and after the other occurrences
    /// («i Raqqa» elsewhere says Raqqa is a place here too), at most
    /// [`MAX_POOLED`] of them.
    pub pooled: Vec<u32>,
    /// Seen capitalised where a capital is not forced (not sentence-initial).
    pub cap_elsewhere: bool,
    /// Seen entirely in lower case.
    pub lower_elsewhere: bool,
    /// Most frequent first-pass name type of the other occurrences, with the count of
    /// occurrences tagged as a name and the count tagged O.
    pub first_pass: Option<(NeType, u16, u16)>,
}

/// How many sentences either side count as "the same document" for document evidence.
/// Real articles are shorter; the bound keeps the cost linear on huge inputs and makes
/// windows of an undivided corpus (NorNE dev) behave like documents.
pub(crate) const DOC_WINDOW: usize = 40;

/// The most other occurrences of a word looked at for one token.
const MAX_OCCURRENCES: usize = 64;

/// The most pooled context features one token gets.
const MAX_POOLED: usize = 12;

/// Occurrences of a word in a document: (sentence, token) positions by lower-cased form.
type Occurrences<'d> = HashMap<&'d str, Vec<(usize, usize)>>;

/// Computes [`DocEvidence`] for every token of `doc`. `first_pass` holds the first
/// pass's tags, when there has been one.
pub(crate) fn doc_evidence(
    doc: &DocView,
    first_pass: Option<&[Vec<Tag>]>,
) -> Vec<Vec<DocEvidence>> {
    let mut occ: Occurrences = HashMap::new();
    for (s, sent) in doc.words.iter().enumerate() {
        for (t, w) in sent.iter().enumerate() {
            if w.lower.chars().any(char::is_alphabetic) {
                occ.entry(w.lower.as_str()).or_default().push((s, t));
            }
        }
    }
    let mut out: Vec<Vec<DocEvidence>> = doc
        .words
        .iter()
        .map(|s| vec![DocEvidence::default(); s.len()])
        .collect();
    for (s, sent) in doc.words.iter().enumerate() {
        for (t, w) in sent.iter().enumerate() {
            // Only words with a capital need the evidence: that is where names are.
            if !w.cap {
                continue;
            }
            let Some(list) = occ.get(w.lower.as_str()) else {
                continue;
            };
            let lo = s.saturating_sub(DOC_WINDOW);
            let hi = s.saturating_add(DOC_WINDOW);
            let first = list.partition_point(|&(ss, _)| ss < lo);
            let mut ev = DocEvidence::default();
            let mut counts = [0u16; 9];
            let mut outside = 0u16;
            // At most MAX_OCCURRENCES: the evidence is settled long before, and a text that
            // repeats one word a million times must not take a million squared steps.
            for &(ss, tt) in list[first..]
                .iter()
                .take_while(|&&(ss, _)| ss <= hi)
                .take(MAX_OCCURRENCES)
            {
                if (ss, tt) == (s, t) {
                    continue;
                }
                let Some(other) = doc.words.get(ss).and_then(|x| x.get(tt)) else {
                    continue;
                };
                if other.cap && !other.initial {
                    ev.cap_elsewhere = true;
                }
                if other.cap && ev.pooled.len() < MAX_POOLED {
                    let sent = &doc.words[ss];
                    let prev = tt.checked_sub(1).and_then(|p| sent.get(p));
                    let next = sent.get(tt + 1);
                    for h in [
                        f1(80, prev.map_or(BOS, |x| x.lower.as_str())),
                        f1(81, next.map_or(EOS, |x| x.lower.as_str())),
                    ] {
                        if !ev.pooled.contains(&h) {
                            ev.pooled.push(h);
                        }
                    }
                }
                if !other.form.chars().any(char::is_uppercase) {
                    ev.lower_elsewhere = true;
                }
                if let Some(tags) = first_pass {
                    match tags
                        .get(ss)
                        .and_then(|x| x.get(tt))
                        .and_then(|t| t.ne_type())
                    {
                        Some(ty) => counts[ty as usize] = counts[ty as usize].saturating_add(1),
                        None => outside = outside.saturating_add(1),
                    }
                }
            }
            if first_pass.is_some() {
                let best = (0..9).max_by_key(|&i| (counts[i], std::cmp::Reverse(i)));
                if let Some(i) = best {
                    let named: u16 = counts.iter().fold(0u16, |a, &c| a.saturating_add(c));
                    if named + outside > 0 {
                        ev.first_pass = Some((NeType::ALL[i], named, outside));
                    }
                }
            }
            out[s][t] = ev;
        }
    }
    out
}

/// The genitive stem of a capitalised word («Kroatias» → «kroatia», «Mulligan's» →
/// «mulligan»), if it has one.
fn genitive_stem<'w>(w: &'w Word) -> Option<&'w str> {
    if !w.cap || w.lower.chars().count() < 4 {
        return None;
    }
    ["'s", "’s", "s", "'"]
        .iter()
        .find_map(|g| w.lower.strip_suffix(g))
}

/// Common nouns for natural places that, as the last part of a hyphenated compound, say
/// that the first part names a place («Badia-ørkenen», «Kongo-elva»). Areas, towns and
/// regions («Oslo-området») are left out: NorNE mostly tags those compounds DRV.
pub(crate) const PLACE_HEADS: &[&str] = &[
    "ørken",
    "elv",
    "elva",
    "elven",
    "fjell",
    "fjellet",
    "dal",
    "dalen",
    "sjø",
    "sjøen",
    "vann",
    "vannet",
    "innsjø",
    "hav",
    "havet",
    "øy",
    "øya",
    "øyene",
    "bukt",
    "bukta",
    "fjord",
    "fjorden",
    "halvøy",
    "halvøya",
    "provins",
    "provinsen",
    "dalføre",
    "kyst",
    "kysten",
    "slette",
    "sletta",
    "platå",
    "platået",
    "ørkenen",
    "ørkennen",
    "fossen",
    "breen",
    "isbreen",
    "vidda",
    "skogen",
    "øyane",
    "holmen",
    "neset",
    "tinden",
];

/// Builds the [`Word`]s of a sentence.
pub(crate) fn words<'a>(forms: &[&'a str]) -> Vec<Word<'a>> {
    let mut out: Vec<Word<'a>> = Vec::with_capacity(forms.len());
    for (i, &form) in forms.iter().enumerate() {
        let initial = i == 0
            || matches!(
                forms[i - 1],
                "«" | "\"" | "–" | "—" | "-" | ":" | "(" | "." | "!" | "?" | "'" | "“" | "„"
            );
        let (shape, short) = shapes(form);
        out.push(Word {
            form,
            lower: form.to_lowercase(),
            shape,
            short,
            cap: form.starts_with(char::is_uppercase),
            initial,
        });
    }
    out
}

fn class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_ascii_digit() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else if c.is_numeric() {
        'n'
    } else if c.is_alphanumeric() {
        'a'
    } else if c.is_ascii() {
        c
    } else {
        '*'
    }
}

/// The long and short shape of a word. Both are bounded in length whatever the input.
fn shapes(form: &str) -> (String, String) {
    let mut shape = String::new();
    let mut short = String::new();
    let mut prev = '\0';
    let mut run = 0;
    for c in form.chars() {
        let k = class(c);
        if k == prev {
            run += 1;
        } else {
            run = 1;
            if short.len() < 12 {
                short.push(k);
            }
        }
        if run <= 4 && shape.len() < 16 {
            shape.push(k);
        }
        prev = k;
    }
    (shape, short)
}

/// FNV-1a over a template id and its parts, mixed to 32 bits; never 0 (0 marks an empty
/// slot in the model's table).
#[derive(Clone, Copy)]
pub(crate) struct FeatureHash(u64);

impl FeatureHash {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    fn new(template: u8) -> FeatureHash {
        FeatureHash((Self::OFFSET ^ template as u64).wrapping_mul(Self::PRIME))
    }

    fn bytes(mut self, b: &[u8]) -> FeatureHash {
        for &x in b {
            self.0 = (self.0 ^ x as u64).wrapping_mul(Self::PRIME);
        }
        // A separator, so that ("ab","c") and ("a","bc") differ.
        self.0 = (self.0 ^ 0xff).wrapping_mul(Self::PRIME);
        self
    }

    fn s(self, s: &str) -> FeatureHash {
        self.bytes(s.as_bytes())
    }

    fn finish(self) -> u32 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        let h = x as u32;
        if h == 0 {
            1
        } else {
            h
        }
    }
}

fn f0(t: u8) -> u32 {
    FeatureHash::new(t).finish()
}
fn f1(t: u8, a: &str) -> u32 {
    FeatureHash::new(t).s(a).finish()
}
fn f2(t: u8, a: &str, b: &str) -> u32 {
    FeatureHash::new(t).s(a).s(b).finish()
}
fn f3(t: u8, a: &str, b: &str, c: &str) -> u32 {
    FeatureHash::new(t).s(a).s(b).s(c).finish()
}

/// The first `n` characters of `s`, or `None` when it is shorter.
fn prefix(s: &str, n: usize) -> Option<&str> {
    let end = s.char_indices().nth(n).map_or(s.len(), |(b, _)| b);
    (s.chars().count() >= n).then(|| &s[..end])
}

/// The last `n` characters of `s`, or `None` when it is shorter.
fn suffix(s: &str, n: usize) -> Option<&str> {
    let mut it = s.char_indices().rev();
    let start = it.nth(n.checked_sub(1)?).map(|(b, _)| b)?;
    Some(&s[start..])
}

const BOS: &str = "<s>";
const EOS: &str = "</s>";

/// Bits of a NorNE type in a name-table class set.
pub(crate) fn type_bit(ty: NeType) -> u16 {
    1 << ty as u16
}

/// The bit of a name part: a token that began (`first`) or continued a name of type `ty`
/// in the training data. MISC (8 names in NorNE train) has no bit.
pub(crate) fn part_bit(ty: NeType, first: bool) -> u16 {
    match ty {
        NeType::Misc => 0,
        _ => 1 << (2 * ty as u16 + u16::from(!first)),
    }
}

/// Everything the features of one sentence depend on beyond its words.
pub(crate) struct Context<'t> {
    /// Names from the training data (NorNE type bits).
    pub train_names: &'t NameTable,
    /// Single tokens of names from the training data ([`part_bit`] bits).
    pub name_parts: &'t NameTable,
    /// Names from the place gazetteer (place class bits).
    pub places: &'t NameTable,
}

/// Appends the feature hashes of every token of `words` to `out` (one vector per token).
pub(crate) fn sentence_features(
    words: &[Word],
    evidence: &[DocEvidence],
    ctx: &Context,
    out: &mut Vec<Vec<u32>>,
) {
    let lower = |i: isize| -> &str {
        if i < 0 {
            BOS
        } else {
            words.get(i as usize).map_or(EOS, |w| w.lower.as_str())
        }
    };
    let short = |i: isize| -> &str {
        if i < 0 {
            BOS
        } else {
            words.get(i as usize).map_or(EOS, |w| w.short.as_str())
        }
    };
    let names = ctx.train_names.lookup(words);
    let places = ctx.places.lookup(words);
    for (i, w) in words.iter().enumerate() {
        let ii = i as isize;
        let mut f: Vec<u32> = Vec::with_capacity(64);
        f.push(f0(0));
        f.push(f1(1, w.form));
        f.push(f1(2, &w.lower));
        // Affixes mean different things on names and on common words («-sen» on
        // «Hansen» and on «avisen»), so they come with and without the capital.
        let case = if w.cap { "C" } else { "l" };
        for k in 1..=4 {
            if let Some(p) = prefix(&w.lower, k) {
                f.push(f1(10 + k as u8, p));
            }
            if let Some(s) = suffix(&w.lower, k) {
                f.push(f1(20 + k as u8, s));
                if k >= 2 {
                    f.push(f2(25 + k as u8, s, case));
                }
            }
        }
        if let Some(stem) = genitive_stem(w) {
            f.push(f1(7, stem));
            let nb = ctx.train_names.word(stem);
            let pb = ctx.places.word(stem);
            for ty in NeType::ALL.iter().filter(|t| nb & type_bit(**t) != 0) {
                f.push(f1(8, ty.label()));
            }
            for bit in (0..16u16).filter(|b| pb & (1 << b) != 0) {
                f.push(f1(9, &bit.to_string()));
            }
        }
        f.push(f1(3, &w.shape));
        f.push(f1(4, &w.short));
        let pos = if i == 0 {
            "first"
        } else if w.initial {
            "initial"
        } else {
            "mid"
        };
        f.push(f2(5, pos, &w.short));
        let len = w.form.chars().count().min(8).to_string();
        f.push(f2(6, &len, &w.short));

        f.push(f1(30, lower(ii - 1)));
        f.push(f1(31, lower(ii + 1)));
        f.push(f1(32, lower(ii - 2)));
        f.push(f1(33, lower(ii + 2)));
        f.push(f1(34, short(ii - 1)));
        f.push(f1(35, short(ii + 1)));
        f.push(f2(36, short(ii - 1), short(ii - 2)));
        f.push(f2(37, short(ii + 1), short(ii + 2)));
        f.push(f2(38, lower(ii - 1), &w.lower));
        f.push(f2(39, &w.lower, lower(ii + 1)));
        f.push(f3(40, short(ii - 1), &w.short, short(ii + 1)));
        f.push(f2(41, lower(ii - 1), &w.short));
        f.push(f2(42, lower(ii + 1), &w.short));
        f.push(f3(43, lower(ii - 2), lower(ii - 1), &w.short));
        if let Some(p) = words.get(i + 1).and_then(|x| suffix(&x.lower, 3)) {
            f.push(f1(44, p));
        }
        if let Some(p) = i.checked_sub(1).and_then(|j| suffix(&words[j].lower, 3)) {
            f.push(f1(45, p));
        }

        // Hyphenated compounds: the name is usually the first part («IS-lommen»,
        // «Badia-ørkenen»), the last part says what kind of thing it is.
        if let Some((head, tail)) = w.lower.split_once('-') {
            let last = w.lower.rsplit('-').next().unwrap_or(tail);
            f.push(f1(50, head));
            f.push(f1(51, last));
            let fhead = w.form.split('-').next().unwrap_or("");
            f.push(f1(52, &shapes(fhead).1));
            if let Some(s) = suffix(last, 4) {
                f.push(f1(53, s));
            }
            if let Some(p) = prefix(head, 3) {
                f.push(f1(54, p));
            }
            let geo = PLACE_HEADS.contains(&last);
            if geo {
                f.push(f0(55));
            }
            // The first part looked up as a name of its own.
            let nb = ctx.train_names.word(head);
            let pb = ctx.places.word(head);
            for ty in NeType::ALL.iter().filter(|t| nb & type_bit(**t) != 0) {
                f.push(f2(56, ty.label(), if geo { "geo" } else { "-" }));
            }
            for bit in (0..16u16).filter(|b| pb & (1 << b) != 0) {
                f.push(f2(57, &bit.to_string(), if geo { "geo" } else { "-" }));
            }
        }

        let (nb, ni) = names[i];
        for ty in NeType::ALL.iter() {
            if nb & type_bit(*ty) != 0 {
                f.push(f2(60, "B", ty.label()));
                f.push(f3(61, "B", ty.label(), pos));
            }
            if ni & type_bit(*ty) != 0 {
                f.push(f2(60, "I", ty.label()));
            }
        }
        if w.cap {
            let parts = ctx.name_parts.word(&w.lower);
            for ty in NeType::ALL {
                for first in [true, false] {
                    let bit = part_bit(ty, first);
                    if bit != 0 && parts & bit != 0 {
                        f.push(f3(65, ty.label(), if first { "B" } else { "I" }, pos));
                    }
                }
            }
            if parts == 0 {
                f.push(f2(65, "none", pos));
            }
        }
        if nb.count_ones() > 1 {
            f.push(f1(62, "ambiguous"));
        }
        let (pb, pi) = places[i];
        for bit in 0..16u16 {
            if pb & (1 << bit) != 0 {
                f.push(f2(63, "B", &bit.to_string()));
                f.push(f3(64, "B", &bit.to_string(), lower(ii - 1)));
            }
            if pi & (1 << bit) != 0 {
                f.push(f2(63, "I", &bit.to_string()));
            }
        }

        if let Some(ev) = evidence.get(i) {
            f.extend_from_slice(&ev.pooled);
            if w.cap {
                let key = match (ev.cap_elsewhere, ev.lower_elsewhere) {
                    (true, true) => "both",
                    (true, false) => "cap",
                    (false, true) => "lower",
                    (false, false) => "none",
                };
                f.push(f2(70, key, pos));
            }
            if let Some((ty, named, outside)) = ev.first_pass {
                let share = if outside == 0 {
                    "all"
                } else if named > outside {
                    "most"
                } else if named > 0 {
                    "some"
                } else {
                    "none"
                };
                if named > 0 {
                    f.push(f2(71, ty.label(), share));
                    f.push(f3(72, ty.label(), share, pos));
                } else {
                    f.push(f2(71, "O", share));
                }
            }
        }
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_suffixes_count_characters() {
        assert_eq!(prefix("ørken", 2), Some("ør"));
        assert_eq!(suffix("ørken", 2), Some("en"));
        assert_eq!(suffix("øå", 2), Some("øå"));
        assert_eq!(suffix("ø", 2), None);
        assert_eq!(prefix("ø", 2), None);
        assert_eq!(suffix("abc", 0), None);
    }

    #[test]
    fn shapes_are_bounded() {
        assert_eq!(
            shapes("Badia-ørkenen"),
            ("Xxxxx-xxxx".to_string(), "Xx-x".to_string())
        );
        assert_eq!(shapes("360.000").1, "d.d");
        let long = "a".repeat(10_000);
        assert!(shapes(&long).0.len() <= 16);
    }

    #[test]
    fn name_table_matches_longest_capitalised_name() {
        let mut t = NameTable::default();
        t.insert(&["Deir", "al-Zor"], 1);
        t.insert(&["Deir"], 2);
        let forms = ["i", "Deir", "al-Zor", "og", "deir"];
        let w = words(&forms);
        assert_eq!(t.lookup(&w), vec![(0, 0), (1, 0), (0, 1), (0, 0), (0, 0)]);
    }
}
