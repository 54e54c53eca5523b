//! Feature extraction shared by the tagger and the trainer.
//!
//! Every feature is a short string (a template and its values) hashed to 32 bits, so no
//! feature strings are stored in the model. The same code computes the features while
//! training and while tagging; a feature that only one side computes could never fire.

use std::borrow::Cow;
use std::collections::VecDeque;

use crate::fxhash::{str_hash, FxHashMap};
use crate::strtable::{Set, StrTable};
use crate::tags::{NeType, Tag};

/// Sentences of one document, with the evidence the tagger may draw from the whole
/// document: how each word is written elsewhere, and (second pass) how the first pass
/// tagged its other occurrences.
#[cfg_attr(not(feature = "tools"), allow(dead_code))] // the trainer's (feature "tools")
pub(crate) struct DocView<'a> {
    /// Per sentence, per token.
    pub words: Vec<Vec<Word<'a>>>,
}

/// One token with the derived forms most features use.
pub(crate) struct Word<'a> {
    /// The token as written.
    pub form: &'a str,
    /// Lower-cased (borrowed when the form has no upper-case letter).
    pub lower: Cow<'a, str>,
    /// Character classes, runs of up to four kept («Xxxx», «XX-xxxx», «dd.ddd»).
    pub shape: Shape,
    /// Character classes with runs collapsed («Xx», «X-x», «d.d»).
    pub short: Shape,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Has an upper-case letter anywhere.
    pub upper: bool,
    /// The first word of a sentence or of a quote (where capitals say little).
    pub initial: bool,
}

/// The longest names a name table matches, in tokens.
pub const MAX_NAME_TOKENS: usize = 6;

/// Names with bit sets of classes: NorNE types (names from training data) or place
/// classes (the place gazetteer). Keys are the lower-cased tokens joined by one space.
/// The keys lie one after another in one string, so a table of 90,000 names is decoded
/// without an allocation per name.
#[derive(Clone, Debug, Default)]
pub struct NameTable {
    /// The names' keys and their classes.
    names: StrTable<u16>,
    /// Per hash of a name's first word (its key up to the first space), the most words
    /// (parts between spaces) of a name that starts with it: [`NameTable::lookup`] tries
    /// no longer names there, and none at all at a word that starts no name. Two first
    /// words with one hash share the larger count, which only costs a longer try.
    longest: FxHashMap<u64, u8>,
}

/// Two tables are equal when they hold the same names with the same classes.
impl PartialEq for NameTable {
    fn eq(&self, other: &NameTable) -> bool {
        self.len() == other.len() && self.iter().all(|(key, bits)| other.get(key) == Some(bits))
    }
}

impl NameTable {
    /// An empty table with room for `n` names.
    pub(crate) fn with_capacity(n: usize) -> NameTable {
        NameTable {
            names: StrTable::with_capacity(n),
            longest: FxHashMap::with_capacity_and_hasher(n, Default::default()),
        }
    }

    /// The classes of a name given as lower-cased tokens joined by one space.
    pub fn get(&self, key: &str) -> Option<u16> {
        self.names.get(key).copied()
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
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
        let bits = bits | self.get(&key).unwrap_or(0);
        self.set(&key, bits);
    }

    /// Sets the classes of the name whose key (lower-cased tokens joined by one space) is
    /// `key` to `bits`. A table's keys are bounded by 4 GB in all; past that a name is
    /// left out.
    pub(crate) fn set(&mut self, key: &str, bits: u16) {
        let hash = str_hash(key);
        if self.names.set_hashed(hash, key, bits) != Set::Added {
            return;
        }
        // Most names are one word, whose hash is the name's.
        let (parts, first) = match key.split_once(' ') {
            None => (1, hash),
            Some((first, rest)) => {
                let spaces = 1 + rest.bytes().filter(|&b| b == b' ').count();
                (spaces + 1, str_hash(first))
            }
        };
        let most = self.longest.entry(first).or_insert(0);
        *most = (*most).max(parts.min(usize::from(u8::MAX)) as u8);
    }

    /// Gives back the room the keys' string grew beyond its names.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.names.shrink_to_fit();
    }

    /// The names and their classes, in no order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, u16)> {
        self.names.iter().map(|(key, &bits)| (key, bits))
    }

    /// For each token: the classes of the longest name starting there (`begin`) and of
    /// the names covering it past their first token (`inside`). A name must start with a
    /// capital letter or digit to match: the tables hold names, not common words.
    /// The classes of a single lower-cased word, if it is a one-token name.
    pub(crate) fn word(&self, lower: &str) -> u16 {
        self.get(lower).unwrap_or(0)
    }

    pub(crate) fn lookup(&self, words: &[Word]) -> Vec<(u16, u16)> {
        let mut out = vec![(0u16, 0u16); words.len()];
        if self.is_empty() {
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
            // A match of words i..=j has at least j - i + 1 parts and starts with word
            // i's parts: no more words than the longest name starting so can match.
            let first = &*words[i].lower;
            let most = match first.split_once(' ') {
                Some((part, _)) => self.longest.get(&str_hash(part)),
                None => self.longest.get(&str_hash(first)),
            };
            let Some(&most) = most else {
                continue;
            };
            key.clear();
            let mut best: Option<(usize, u16)> = None;
            let most = MAX_NAME_TOKENS.min(usize::from(most));
            for (j, w) in words.iter().enumerate().skip(i).take(most) {
                if j > i {
                    key.push(' ');
                }
                key.push_str(&w.lower);
                if let Some(bits) = self.get(&key) {
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
#[derive(Clone, Debug, Default, PartialEq)]
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

/// Whether a word takes part in document evidence (has a letter).
fn counts_as_occurrence(w: &Word) -> bool {
    w.lower.chars().any(char::is_alphabetic)
}

/// How a first pass tagged token `t` of sentence `s`, for the second pass's evidence.
type FirstPass<'f> = &'f dyn Fn(usize, usize) -> Option<Tag>;

/// The [`DocEvidence`] of token `t` of sentence `s`, given the positions of the other
/// occurrences of its word within `DOC_WINDOW` sentences either side (in text order, the
/// token itself among them) and the sentences they are in.
fn token_evidence<'w, 'a: 'w>(
    (s, t): (usize, usize),
    occurrences: impl Iterator<Item = (usize, usize)>,
    sentence: &dyn Fn(usize) -> Option<&'w [Word<'a>]>,
    first_pass: Option<FirstPass>,
) -> DocEvidence {
    let mut ev = DocEvidence::default();
    let mut counts = [0u16; 9];
    let mut outside = 0u16;
    // At most MAX_OCCURRENCES: the evidence is settled long before, and a text that
    // repeats one word a million times must not take a million squared steps.
    for (ss, tt) in occurrences.take(MAX_OCCURRENCES) {
        if (ss, tt) == (s, t) {
            continue;
        }
        let Some(sent) = sentence(ss) else {
            continue;
        };
        let Some(other) = sent.get(tt) else {
            continue;
        };
        if other.cap && !other.initial {
            ev.cap_elsewhere = true;
        }
        if other.cap && ev.pooled.len() < MAX_POOLED {
            let prev = tt.checked_sub(1).and_then(|p| sent.get(p));
            let next = sent.get(tt + 1);
            for h in [
                f1(80, prev.map_or(BOS, |x| &x.lower)),
                f1(81, next.map_or(EOS, |x| &x.lower)),
            ] {
                if !ev.pooled.contains(&h) {
                    ev.pooled.push(h);
                }
            }
        }
        if !other.upper {
            ev.lower_elsewhere = true;
        }
        if let Some(tags) = first_pass {
            match tags(ss, tt).and_then(|t| t.ne_type()) {
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
    ev
}

/// Computes [`DocEvidence`] for every token of `doc`. `first_pass` holds the first
/// pass's tags, when there has been one. (The trainer's form; the tagger slides a
/// [`Window`] over the document instead, with the same result.)
#[cfg_attr(not(feature = "tools"), allow(dead_code))] // the trainer's (feature "tools")
pub(crate) fn doc_evidence(
    doc: &DocView,
    first_pass: Option<&[Vec<Tag>]>,
) -> Vec<Vec<DocEvidence>> {
    let mut occ: FxHashMap<&str, Vec<(usize, usize)>> = FxHashMap::default();
    for (s, sent) in doc.words.iter().enumerate() {
        for (t, w) in sent.iter().enumerate() {
            if counts_as_occurrence(w) {
                occ.entry(&w.lower).or_default().push((s, t));
            }
        }
    }
    let sentence = |ss: usize| doc.words.get(ss).map(Vec::as_slice);
    let tags = |ss: usize, tt: usize| first_pass?.get(ss)?.get(tt).copied();
    let tags: Option<FirstPass> = first_pass.map(|_| &tags as FirstPass);
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
            let Some(list) = occ.get(&*w.lower) else {
                continue;
            };
            let lo = s.saturating_sub(DOC_WINDOW);
            let hi = s.saturating_add(DOC_WINDOW);
            let first = list.partition_point(|&(ss, _)| ss < lo);
            let within = list[first..].iter().take_while(|&&(ss, _)| ss <= hi);
            out[s][t] = token_evidence((s, t), within.copied(), &sentence, tags);
        }
    }
    out
}

/// The sentences within [`DOC_WINDOW`] of one sentence, with the positions of their
/// words: the tagger moves it along the document sentence by sentence, so its memory
/// does not grow with the document. Gives the same evidence as [`doc_evidence`].
pub(crate) struct Window<'a> {
    /// Index of the first sentence held.
    base: usize,
    sentences: VecDeque<Vec<Word<'a>>>,
    /// Per held sentence, per token, the list of `occ` its lower-cased form has
    /// ([`Window::NONE`] for a word that does not count as an occurrence): a word is
    /// hashed once, when its sentence comes in, not again when it leaves or is tagged.
    lists: VecDeque<Vec<u32>>,
    /// The list of `occ` of each lower-cased form.
    ids: FxHashMap<Cow<'a, str>, u32>,
    /// Positions (sentence, token) of each lower-cased form in the held sentences, in text
    /// order. A form whose last position has left keeps its empty list (and its allocation)
    /// for when it comes back, until there are more such lists than [`Window::SPARE`]
    /// allows.
    occ: Vec<VecDeque<(usize, usize)>>,
    /// How many lists of `occ` are empty.
    empty: usize,
    /// The buffers of the last sentence to leave, for the next to come in (a sentence's
    /// words are too many bytes for the allocator's quick sizes).
    spare: (Vec<Word<'a>>, Vec<u32>),
}

impl<'a> Window<'a> {
    /// An empty window at the start of a document.
    pub(crate) fn new() -> Window<'a> {
        Window::with_capacity(0)
    }

    /// An empty window at the start of a document, with room for `forms` word forms
    /// (growing the map of forms one doubling at a time cost seed 000 about 2 % of its
    /// tagging: 46,000 of 1.94 M instructions).
    pub(crate) fn with_capacity(forms: usize) -> Window<'a> {
        Window {
            base: 0,
            sentences: VecDeque::new(),
            lists: VecDeque::new(),
            ids: FxHashMap::with_capacity_and_hasher(forms, Default::default()),
            occ: Vec::with_capacity(forms),
            empty: 0,
            spare: (Vec::new(), Vec::new()),
        }
    }

    /// The room [`Window::with_capacity`] needs for document `doc`: its tokens in the
    /// first window, at most.
    pub(crate) fn room<D: AsRef<[&'a str]>>(doc: &[D]) -> usize {
        doc.iter()
            .take(2 * DOC_WINDOW + 1)
            .map(|s| s.as_ref().len())
            .sum()
    }

    /// The most empty lists kept beyond as many as there are forms in the window.
    const SPARE: usize = 4096;

    /// The list of a word that does not count as an occurrence.
    const NONE: u32 = u32::MAX;

    /// Moves the window to centre on sentence `s` of `doc` (called with `s` = 0, 1, 2 …).
    pub(crate) fn centre_on<D: AsRef<[&'a str]>>(&mut self, doc: &[D], s: usize) {
        if s >= doc.len() {
            return;
        }
        let hi = s
            .saturating_add(DOC_WINDOW)
            .min(doc.len().saturating_sub(1));
        while self.base + self.sentences.len() <= hi {
            let ss = self.base + self.sentences.len();
            let (mut sent, mut lists) = std::mem::take(&mut self.spare);
            words_into(doc[ss].as_ref(), &mut sent);
            lists.clear();
            lists.reserve(sent.len());
            for (tt, w) in sent.iter().enumerate() {
                if !counts_as_occurrence(w) {
                    lists.push(Self::NONE);
                    continue;
                }
                let id = match self.ids.get(&*w.lower) {
                    Some(&id) => {
                        let list = &mut self.occ[id as usize];
                        if list.is_empty() {
                            self.empty -= 1;
                        }
                        list.push_back((ss, tt));
                        id
                    }
                    None => {
                        let id = self.occ.len() as u32;
                        self.ids.insert(w.lower.clone(), id);
                        self.occ.push(VecDeque::from([(ss, tt)]));
                        id
                    }
                };
                lists.push(id);
            }
            self.sentences.push_back(sent);
            self.lists.push_back(lists);
        }
        let lo = s.saturating_sub(DOC_WINDOW);
        while self.base < lo {
            let (Some(sent), Some(lists)) = (self.sentences.pop_front(), self.lists.pop_front())
            else {
                break;
            };
            for &id in &lists {
                if let Some(list) = self.occ.get_mut(id as usize) {
                    list.pop_front();
                    if list.is_empty() {
                        self.empty += 1;
                    }
                }
            }
            self.spare = (sent, lists);
            self.base += 1;
        }
        // Memory bounded by the window's forms, not the document's.
        if self.empty > self.occ.len() - self.empty + Self::SPARE {
            self.drop_empty_lists();
        }
    }

    /// Drops the empty lists of `occ`, and numbers the others anew.
    fn drop_empty_lists(&mut self) {
        let mut renumbered = vec![Self::NONE; self.occ.len()];
        let mut kept = 0;
        for (id, list) in self.occ.iter().enumerate() {
            if !list.is_empty() {
                renumbered[id] = kept;
                kept += 1;
            }
        }
        self.occ.retain(|list| !list.is_empty());
        self.ids.retain(|_, id| {
            *id = renumbered[*id as usize];
            *id != Self::NONE
        });
        for id in self.lists.iter_mut().flatten() {
            if let Some(&new) = renumbered.get(*id as usize) {
                *id = new;
            }
        }
        self.empty = 0;
    }

    /// The words of sentence `s`, if the window holds it.
    pub(crate) fn sentence(&self, s: usize) -> Option<&[Word<'a>]> {
        self.sentences
            .get(s.checked_sub(self.base)?)
            .map(Vec::as_slice)
    }

    /// The evidence for every token of sentence `s`, the sentence the window is centred
    /// on, into `out`.
    pub(crate) fn evidence(
        &self,
        s: usize,
        first_pass: Option<FirstPass>,
        out: &mut Vec<DocEvidence>,
    ) {
        out.clear();
        let Some(sent) = self.sentence(s) else {
            return;
        };
        let lists = s
            .checked_sub(self.base)
            .and_then(|k| self.lists.get(k))
            .map_or(&[][..], Vec::as_slice);
        let sentence = |ss: usize| self.sentence(ss);
        for (t, w) in sent.iter().enumerate() {
            // Only words with a capital need the evidence (see `doc_evidence`).
            let list = match lists.get(t) {
                Some(&id) if w.cap => self.occ.get(id as usize),
                _ => None,
            };
            let ev = match list {
                Some(list) => token_evidence((s, t), list.iter().copied(), &sentence, first_pass),
                None => DocEvidence::default(),
            };
            out.push(ev);
        }
    }
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
#[cfg_attr(not(feature = "tools"), allow(dead_code))] // the trainer's (feature "tools")
pub(crate) fn words<'a>(forms: &[&'a str]) -> Vec<Word<'a>> {
    let mut out = Vec::with_capacity(forms.len());
    words_into(forms, &mut out);
    out
}

/// Builds the [`Word`]s of a sentence into `out` (emptied first), so that its allocation
/// can serve sentence after sentence.
fn words_into<'a>(forms: &[&'a str], out: &mut Vec<Word<'a>>) {
    out.clear();
    out.reserve(forms.len());
    for (i, &form) in forms.iter().enumerate() {
        let initial = i == 0
            || matches!(
                forms[i - 1],
                "«" | "\"" | "–" | "—" | "-" | ":" | "(" | "." | "!" | "?" | "'" | "“" | "„"
            );
        let (shape, short) = shapes(form);
        // One pass over an ASCII form tells both.
        let (lower_case, upper) = if form.is_ascii() {
            let upper = form.bytes().any(|b| b.is_ascii_uppercase());
            (!upper, upper)
        } else {
            (is_lower_case(form), form.chars().any(char::is_uppercase))
        };
        let lower = if lower_case {
            Cow::Borrowed(form)
        } else {
            Cow::Owned(form.to_lowercase())
        };
        out.push(Word {
            form,
            lower,
            shape,
            short,
            cap: form.starts_with(char::is_uppercase),
            upper,
            initial,
        });
    }
}

/// Whether lower-casing `form` leaves it as it is (then no copy is needed).
fn is_lower_case(form: &str) -> bool {
    form.chars().all(|c| {
        let mut l = c.to_lowercase();
        l.next() == Some(c) && l.next().is_none()
    })
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

/// [`class`] of an ASCII character, the same as `class(char::from(b))`.
fn ascii_class(b: u8) -> u8 {
    match b {
        b'A'..=b'Z' => b'X',
        b'a'..=b'z' => b'x',
        b'0'..=b'9' => b'd',
        _ => b,
    }
}

/// A word shape: a few ASCII class letters, held inline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Shape {
    len: u8,
    bytes: [u8; 16],
}

impl Shape {
    fn len(&self) -> usize {
        self.len as usize
    }

    /// Appends a class letter (ASCII); the callers bound the length to 16.
    fn push(&mut self, b: u8) {
        if let Some(cell) = self.bytes.get_mut(self.len as usize) {
            *cell = b;
            self.len += 1;
        }
    }

    /// The shape's bytes (ASCII).
    fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len as usize).unwrap_or(&[])
    }

    /// The shape as text.
    #[cfg(test)]
    fn as_str(&self) -> &str {
        std::str::from_utf8(self.as_bytes()).unwrap_or("")
    }
}

/// The long and short shape of a word. Both are bounded in length whatever the input.
fn shapes(form: &str) -> (Shape, Shape) {
    let mut shape = Shape::default();
    let mut short = Shape::default();
    // Every class is one ASCII byte ([`class`]).
    let mut prev = 0u8;
    let mut run = 0;
    // ASCII, most of a Norwegian text, without the Unicode tables.
    let classes = form.chars().map(|c| {
        if c.is_ascii() {
            ascii_class(c as u8)
        } else {
            class(c) as u8
        }
    });
    for k in classes {
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
        // Four bytes a loop step where there are four, the same hash with fewer
        // instructions (the tagger hashes some 50 bytes a token: callgrind, 1 MB of text,
        // 1,470 M → 1,452 M in all).
        let mut fours = b.chunks_exact(4);
        for four in &mut fours {
            for &x in four {
                self.0 = (self.0 ^ x as u64).wrapping_mul(Self::PRIME);
            }
        }
        for &x in fours.remainder() {
            self.0 = (self.0 ^ x as u64).wrapping_mul(Self::PRIME);
        }
        // A separator, so that ("ab","c") and ("a","bc") differ.
        self.0 = (self.0 ^ 0xff).wrapping_mul(Self::PRIME);
        self
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

/// What a feature is made of: text, or a word shape (hashed as its bytes, no conversion).
trait Part {
    fn part(&self) -> &[u8];
}

impl Part for str {
    fn part(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl Part for [u8] {
    fn part(&self) -> &[u8] {
        self
    }
}

impl Part for Shape {
    fn part(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl Part for Cow<'_, str> {
    fn part(&self) -> &[u8] {
        self.as_bytes()
    }
}

fn f0(t: u8) -> u32 {
    FeatureHash::new(t).finish()
}
fn f1(t: u8, a: &(impl Part + ?Sized)) -> u32 {
    FeatureHash::new(t).bytes(a.part()).finish()
}
fn f2(t: u8, a: &(impl Part + ?Sized), b: &(impl Part + ?Sized)) -> u32 {
    FeatureHash::new(t).bytes(a.part()).bytes(b.part()).finish()
}
fn f3(t: u8, a: &(impl Part + ?Sized), b: &(impl Part + ?Sized), c: &(impl Part + ?Sized)) -> u32 {
    FeatureHash::new(t)
        .bytes(a.part())
        .bytes(b.part())
        .bytes(c.part())
        .finish()
}

/// The first `n` characters of `s`, or `None` when it is shorter.
fn prefix(s: &str, n: usize) -> Option<&str> {
    let Some(last) = n.checked_sub(1) else {
        return Some("");
    };
    let mut it = s.char_indices();
    it.nth(last)?;
    let end = it.next().map_or(s.len(), |(b, _)| b);
    s.get(..end)
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
#[cfg_attr(not(feature = "tools"), allow(dead_code))] // the trainer's (feature "tools")
pub(crate) fn sentence_features(
    words: &[Word],
    evidence: &[DocEvidence],
    ctx: &Context,
    out: &mut Vec<Vec<u32>>,
) {
    let names = ctx.train_names.lookup(words);
    let places = ctx.places.lookup(words);
    for i in 0..words.len() {
        let mut f: Vec<u32> = Vec::with_capacity(64);
        let ev = evidence.get(i);
        token_features(words, i, (names[i], places[i]), ev, ctx, &mut f);
        out.push(f);
    }
}

/// The hashes among token `i`'s features (from [`token_features`]) that carry the
/// token's whole word: its form, lower-cased form and genitive stem, and the word pairs
/// with its neighbours (templates 1, 2, 7, 38, 39). The trainer's word-identity dropout
/// (`train::Dropout::Identity`) withholds them, so that the model also learns to decide
/// from the affixes, shapes, context and name tables, as it must for words it has never
/// seen. Affixes and the table lookups are not among them: they are what generalises.
#[cfg_attr(not(feature = "tools"), allow(dead_code))] // the trainer's (feature "tools")
pub(crate) fn identity_features(words: &[Word], i: usize, out: &mut Vec<u32>) {
    let Some(w) = words.get(i) else {
        return;
    };
    let prev = i
        .checked_sub(1)
        .and_then(|j| words.get(j))
        .map_or(BOS, |w| w.lower.as_ref());
    let next = words.get(i + 1).map_or(EOS, |w| w.lower.as_ref());
    out.push(f1(1, w.form));
    out.push(f1(2, &w.lower));
    if let Some(stem) = genitive_stem(w) {
        out.push(f1(7, stem));
    }
    out.push(f2(38, prev, &w.lower));
    out.push(f2(39, &w.lower, next));
}

/// Small numbers as text, for features that name a count or a bit.
const NUMBERS: [&str; 16] = [
    "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15",
];

/// Where a token stands in its sentence: features that read the case of a word read it
/// differently at the start of a sentence or quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Position {
    /// The sentence's first token.
    First,
    /// The first word of a quote or after a colon or dash ([`Word::initial`]).
    Initial,
    /// Anywhere else.
    Mid,
}

impl Position {
    /// The position of token `i` (`w`) of its sentence.
    pub(crate) fn of(w: &Word, i: usize) -> Position {
        if i == 0 {
            Position::First
        } else if w.initial {
            Position::Initial
        } else {
            Position::Mid
        }
    }

    /// The position as its features write it.
    fn as_str(self) -> &'static str {
        match self {
            Position::First => "first",
            Position::Initial => "initial",
            Position::Mid => "mid",
        }
    }
}

/// Where a word stands from the token whose features it gives in
/// [`neighbour_features`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Neighbour {
    /// Two tokens before.
    Prev2,
    /// The token before.
    Prev,
    /// The token after.
    Next,
    /// Two tokens after.
    Next2,
}

impl Neighbour {
    /// Every neighbour, in the order of the tagger's emission cache.
    pub(crate) const ALL: [Neighbour; 4] = [
        Neighbour::Prev2,
        Neighbour::Prev,
        Neighbour::Next,
        Neighbour::Next2,
    ];
}

/// Appends the feature hashes of token `i` of `words` to `f`. `tables` holds the token's
/// name-table and place-table matches (from [`NameTable::lookup`]), `evidence` its
/// [`DocEvidence`].
///
/// They come in four groups, so that the tagger can sum the weights of the first three
/// once per word form and reuse them (the order of the features does not matter: the
/// weights of a token are their sum): the word's own features ([`word_features`]), those
/// of the word at its position ([`position_features`]), those its neighbours give it
/// ([`neighbour_features`]), and those of pairs of words, the name tables and the document
/// ([`context_features`]).
pub(crate) fn token_features(
    words: &[Word],
    i: usize,
    tables: ((u16, u16), (u16, u16)),
    evidence: Option<&DocEvidence>,
    ctx: &Context,
    f: &mut Vec<u32>,
) {
    let Some(w) = words.get(i) else {
        return;
    };
    word_features(w, ctx, f);
    position_features(w, Position::of(w, i), ctx, f);
    for n in Neighbour::ALL {
        let at = match n {
            Neighbour::Prev2 => i.checked_sub(2),
            Neighbour::Prev => i.checked_sub(1),
            Neighbour::Next => Some(i + 1),
            Neighbour::Next2 => Some(i + 2),
        };
        neighbour_features(n, at.and_then(|j| words.get(j)), f);
    }
    context_features(words, i, tables, evidence, f);
}

/// The features of a word that depend on nothing but its form: the form, its affixes,
/// shapes and length, its genitive stem and the parts of a hyphenated compound looked up
/// in the name tables.
pub(crate) fn word_features(w: &Word, ctx: &Context, f: &mut Vec<u32>) {
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
            f.push(f1(9, NUMBERS[bit as usize]));
        }
    }
    f.push(f1(3, &w.shape));
    f.push(f1(4, &w.short));
    let len = NUMBERS[w.form.chars().count().min(8)];
    f.push(f2(6, len, &w.short));

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
            f.push(f2(57, NUMBERS[bit as usize], if geo { "geo" } else { "-" }));
        }
    }
}

/// The features of a word at a position: its short shape, and whether a capitalised word
/// is part of a name in the training data.
pub(crate) fn position_features(w: &Word, pos: Position, ctx: &Context, f: &mut Vec<u32>) {
    let pos = pos.as_str();
    f.push(f2(5, pos, &w.short));
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
}

/// The features word `w` gives the token it is the neighbour `n` of (`None`: there is no
/// word there, the sentence begins or ends).
pub(crate) fn neighbour_features(n: Neighbour, w: Option<&Word>, f: &mut Vec<u32>) {
    let edge = match n {
        Neighbour::Prev2 | Neighbour::Prev => BOS,
        Neighbour::Next | Neighbour::Next2 => EOS,
    };
    let lower = w.map_or(edge, |w| w.lower.as_ref());
    match n {
        Neighbour::Prev2 => f.push(f1(32, lower)),
        Neighbour::Next2 => f.push(f1(33, lower)),
        Neighbour::Prev | Neighbour::Next => {
            let before = n == Neighbour::Prev;
            let short = w.map_or(edge.as_bytes(), |w| w.short.as_bytes());
            f.push(f1(if before { 30 } else { 31 }, lower));
            f.push(f1(if before { 34 } else { 35 }, short));
            if let Some(s) = w.and_then(|w| suffix(&w.lower, 3)) {
                f.push(f1(if before { 45 } else { 44 }, s));
            }
        }
    }
}

/// The first template of the pairs and triples of words and shapes of
/// [`context_features`] (36 to 43).
const PAIRS: u8 = 36;

/// The part a pair template of [`context_features`] hashes first, of a word with lower-cased
/// form `lower` and short shape `short` (or of `<s>` or `</s>` where there is no word).
fn pair_start(t: u8, lower: &[u8], short: &[u8]) -> FeatureHash {
    let first = if matches!(t, 36 | 37 | 40) {
        short
    } else {
        lower
    };
    FeatureHash::new(t).bytes(first)
}

/// Per pair template of [`context_features`], the hash of its first part, which is one
/// word's (the token's or a neighbour's): the tagger keeps them per word form, and hashes
/// only the rest of each pair.
#[derive(Clone, Copy)]
pub(crate) struct PairStarts([FeatureHash; 8]);

impl PairStarts {
    /// Of word `w`.
    pub(crate) fn of(w: &Word) -> PairStarts {
        PairStarts::new(w.lower.as_bytes(), w.short.as_bytes())
    }

    /// Of the edges: before the sentence's first word (`before`), or after its last.
    pub(crate) fn edge(before: bool) -> PairStarts {
        let edge = if before { BOS } else { EOS };
        PairStarts::new(edge.as_bytes(), edge.as_bytes())
    }

    fn new(lower: &[u8], short: &[u8]) -> PairStarts {
        PairStarts(std::array::from_fn(|k| {
            pair_start(PAIRS + k as u8, lower, short)
        }))
    }

    /// The hash of the first part of pair template `t`.
    pub(crate) fn get(&self, t: u8) -> FeatureHash {
        self.0[usize::from(t - PAIRS)]
    }
}

/// The features of token `i` that depend on more than one word or on more than the
/// words: pairs and triples of words and shapes around it, its name-table and place-table
/// matches (`tables`), and its document `evidence`.
pub(crate) fn context_features(
    words: &[Word],
    i: usize,
    tables: ((u16, u16), (u16, u16)),
    evidence: Option<&DocEvidence>,
    f: &mut Vec<u32>,
) {
    let start = |j: isize, t: u8| match usize::try_from(j) {
        Err(_) => pair_start(t, BOS.as_bytes(), BOS.as_bytes()),
        Ok(j) => match words.get(j) {
            Some(w) => pair_start(t, w.lower.as_bytes(), w.short.as_bytes()),
            None => pair_start(t, EOS.as_bytes(), EOS.as_bytes()),
        },
    };
    context_features_from(words, i, start, tables, evidence, f);
}

/// [`context_features`], with `start(j, t)` the hash of the first part of pair template `t`
/// for word `j` of `words` (negative before the first word): the hash
/// [`PairStarts::get`] gives for it.
pub(crate) fn context_features_from(
    words: &[Word],
    i: usize,
    start: impl Fn(isize, u8) -> FeatureHash,
    tables: ((u16, u16), (u16, u16)),
    evidence: Option<&DocEvidence>,
    f: &mut Vec<u32>,
) {
    let Some(w) = words.get(i) else {
        return;
    };
    let lower = |i: isize| -> &str {
        if i < 0 {
            BOS
        } else {
            words.get(i as usize).map_or(EOS, |w| w.lower.as_ref())
        }
    };
    let short = |i: isize| -> &[u8] {
        if i < 0 {
            BOS.as_bytes()
        } else {
            words
                .get(i as usize)
                .map_or(EOS.as_bytes(), |w| w.short.as_bytes())
        }
    };
    let ii = i as isize;
    let pos = Position::of(w, i).as_str();
    // As f2(36, short(ii - 1), short(ii - 2)) and so on, from the first parts' hashes.
    let then = |h: FeatureHash, part: &[u8]| h.bytes(part).finish();
    f.push(then(start(ii - 1, 36), short(ii - 2)));
    f.push(then(start(ii + 1, 37), short(ii + 2)));
    f.push(then(start(ii - 1, 38), w.lower.as_bytes()));
    f.push(then(start(ii, 39), lower(ii + 1).as_bytes()));
    f.push(then(
        start(ii - 1, 40).bytes(w.short.as_bytes()),
        short(ii + 1),
    ));
    f.push(then(start(ii - 1, 41), w.short.as_bytes()));
    f.push(then(start(ii + 1, 42), w.short.as_bytes()));
    f.push(then(
        start(ii - 2, 43).bytes(lower(ii - 1).as_bytes()),
        w.short.as_bytes(),
    ));

    let ((nb, ni), (pb, pi)) = tables;
    // Most tokens match no name: then there is nothing to look at bit by bit.
    let named = nb | ni != 0;
    for ty in NeType::ALL.iter().filter(|_| named) {
        if nb & type_bit(*ty) != 0 {
            f.push(f2(60, "B", ty.label()));
            f.push(f3(61, "B", ty.label(), pos));
        }
        if ni & type_bit(*ty) != 0 {
            f.push(f2(60, "I", ty.label()));
        }
    }
    if nb.count_ones() > 1 {
        f.push(f1(62, "ambiguous"));
    }
    let placed = pb | pi != 0;
    for bit in (0..16u16).filter(|_| placed) {
        if pb & (1 << bit) != 0 {
            f.push(f2(63, "B", NUMBERS[bit as usize]));
            f.push(f3(64, "B", NUMBERS[bit as usize], lower(ii - 1)));
        }
        if pi & (1 << bit) != 0 {
            f.push(f2(63, "I", NUMBERS[bit as usize]));
        }
    }

    if let Some(ev) = evidence {
        evidence_features(w, pos, ev, f);
    }
}

/// The features of a token (word `w` at position `pos`) that come from its document
/// evidence `ev` (templates 70–72 and the pooled contexts of other occurrences, 80 and
/// 81): what [`context_features_from`] adds for the evidence. The trainer's evidence
/// dropout (`train::Dropout::Evidence`) withholds them, so that the model also learns to
/// tag a sentence without its document.
pub(crate) fn evidence_features(w: &Word, pos: &str, ev: &DocEvidence, f: &mut Vec<u32>) {
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

/// [`evidence_features`] of token `i` of `words`, for the trainer.
#[cfg_attr(not(feature = "tools"), allow(dead_code))] // the trainer's (feature "tools")
pub(crate) fn token_evidence_features(
    words: &[Word],
    i: usize,
    ev: &DocEvidence,
    f: &mut Vec<u32>,
) {
    if let Some(w) = words.get(i) {
        evidence_features(w, Position::of(w, i).as_str(), ev, f);
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
    fn ascii_classes_are_the_classes_of_their_characters() {
        for b in 0..=127u8 {
            assert_eq!(char::from(ascii_class(b)), class(char::from(b)), "{b}");
        }
    }

    #[test]
    fn shapes_are_bounded() {
        let (shape, short) = shapes("Badia-ørkenen");
        assert_eq!((shape.as_str(), short.as_str()), ("Xxxxx-xxxx", "Xx-x"));
        assert_eq!(shapes("360.000").1.as_str(), "d.d");
        let long = "a".repeat(10_000);
        assert!(shapes(&long).0.len() <= 16);
    }

    /// The tagger's sliding window gives every token the evidence the trainer's
    /// whole-document pass gives it, with and without first-pass tags.
    #[test]
    fn the_window_gives_the_evidence_of_the_whole_document() {
        // 300 sentences (more than three windows) in which capitalised and lower-case
        // forms of a few words recur at varying distances, each sentence ending in 60
        // words of its own (so that the window lets go of more forms than it keeps).
        let vocab = [
            "Oslo", "oslo", "i", "Raqqa", "byen", "IS", "is", "sa", "Ørsta", "ørsta",
        ];
        let own: Vec<Vec<String>> = (0..300)
            .map(|s| (0..60).map(|k| format!("ord{s}x{k}")).collect())
            .collect();
        let mut doc: Vec<Vec<&str>> = Vec::new();
        let mut x = 7u32;
        for (s, own) in own.iter().enumerate() {
            let mut sent = Vec::new();
            for _ in 0..(s % 9) {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                sent.push(vocab[(x >> 16) as usize % vocab.len()]);
            }
            sent.extend(own.iter().map(String::as_str));
            doc.push(sent);
        }
        let view = DocView {
            words: doc.iter().map(|s| words(s)).collect(),
        };
        let tags: Vec<Vec<Tag>> = doc
            .iter()
            .enumerate()
            .map(|(s, sent)| {
                (0..sent.len())
                    .map(|t| match (s + t) % 3 {
                        0 => Tag::B(NeType::GpeLoc),
                        1 => Tag::B(NeType::Org),
                        _ => Tag::O,
                    })
                    .collect()
            })
            .collect();
        let tag = |s: usize, t: usize| tags.get(s)?.get(t).copied();
        for first_pass in [None, Some(tags.as_slice())] {
            let whole = doc_evidence(&view, first_pass);
            let mut window = Window::new();
            let mut got = Vec::new();
            let mut pooled = 0;
            for (s, want) in whole.iter().enumerate() {
                window.centre_on(&doc, s);
                window.evidence(s, first_pass.map(|_| &tag as FirstPass), &mut got);
                assert_eq!(&got, want, "sentence {s}");
                pooled += got.iter().map(|e| e.pooled.len()).sum::<usize>();
            }
            assert!(pooled > 100, "the test must exercise the evidence");
            let held = (2 * DOC_WINDOW + 1) * 60;
            assert!(
                window.occ.len() <= 2 * held + Window::SPARE,
                "{}",
                window.occ.len()
            );
        }
    }

    /// The identity features are features the token has, each of them, at the edges of
    /// the sentence too; and they are the only features that change when the word does
    /// (its neighbours and everything else kept).
    #[test]
    fn identity_features_are_the_features_of_the_word_itself() {
        let (names, parts, places) = (
            NameTable::default(),
            NameTable::default(),
            NameTable::default(),
        );
        let ctx = Context {
            train_names: &names,
            name_parts: &parts,
            places: &places,
        };
        let all = |forms: &[&str], i: usize| {
            let w = words(forms);
            let mut f = Vec::new();
            token_features(&w, i, ((0, 0), (0, 0)), None, &ctx, &mut f);
            f
        };
        let forms = ["Kroatias", "president", "Zoran", "Milanović", "sa"];
        let w = words(&forms);
        for i in 0..forms.len() {
            let mut id = Vec::new();
            identity_features(&w, i, &mut id);
            assert_eq!(id.len(), if i == 0 { 5 } else { 4 }, "token {i}");
            let f = all(&forms, i);
            assert!(id.iter().all(|h| f.contains(h)), "token {i}");
        }
        // «Zoran» → «Goran»: every identity feature changes, and so do only the prefixes
        // («z», «zo» … against «g», «go» …); suffixes, shapes and context stay.
        let other = ["Kroatias", "president", "Goran", "Milanović", "sa"];
        let (a, b) = (all(&forms, 2), all(&other, 2));
        let mut id = Vec::new();
        identity_features(&w, 2, &mut id);
        let changed: Vec<u32> = a.iter().copied().filter(|h| !b.contains(h)).collect();
        assert!(id.iter().all(|h| changed.contains(h)));
        assert_eq!(changed.len(), id.len() + 4, "{changed:?}");
    }

    /// The evidence features are what the evidence adds to a token's features: its
    /// features with the evidence are those without it and these.
    #[test]
    fn evidence_features_are_what_the_evidence_adds() {
        let forms = ["I", "går", "sa", "Støre", "at", "Raqqa", "faller"];
        let w = words(&forms);
        let ev = DocEvidence {
            pooled: vec![f1(80, "i"), f1(81, "sier")],
            cap_elsewhere: true,
            lower_elsewhere: false,
            first_pass: Some((NeType::ALL[0], 3, 1)),
        };
        for i in 0..forms.len() {
            let (mut with, mut without, mut own) = (Vec::new(), Vec::new(), Vec::new());
            context_features(&w, i, ((0, 0), (0, 0)), Some(&ev), &mut with);
            context_features(&w, i, ((0, 0), (0, 0)), None, &mut without);
            token_evidence_features(&w, i, &ev, &mut own);
            // Pooled 2, first pass 2, and the capitalisation one on capitalised words.
            assert_eq!(own.len(), if w[i].cap { 5 } else { 4 }, "token {i}");
            without.extend_from_slice(&own);
            assert_eq!(with, without, "token {i}");
        }
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
