//! The trained name recogniser: an averaged structured perceptron over the 19 NorNE BIO
//! tags, decoded with first-order Viterbi under IOB2 constraints, in one pass or two (the
//! committed model has one: see `MODEL.md`).
//!
//! Why this technique: it trains in minutes on two cores, tags far above 100,000 tokens
//! a second, needs no dependency, and its model is a table of small integers that
//! quantises and prunes well (the wasm page carries it). What wins on *unseen* names is
//! not the learner but the evidence it is given (`features.rs`):
//! - the word's characters (prefixes and suffixes up to four, shapes, the parts of
//!   hyphenated compounds such as «Badia-ørkenen»), which carry transliteration patterns
//!   (al-, -ov, -stan) for names never seen in training;
//! - context words and shapes two tokens either side;
//! - name tables: names seen in NorNE train, and the tokens of those names as first or
//!   later part of each type (both built by k-fold jackknifing while training, so the
//!   model learns how far to trust them for names it has *not* seen), and a gazetteer of
//!   places and common first and last names built from CLDR, ISO 3166, GeoNames and US
//!   Census data ([`crate::gazetteer`]); genitive stems («Kroatias») are looked up too;
//! - the document: whether the same word is written with a capital mid-sentence or in
//!   lower case in nearby sentences, the words around its other capitalised occurrences
//!   («i Raqqa» elsewhere), and, with a second pass, how the first pass tagged its other
//!   occurrences. "Nearby" is `DOC_WINDOW` (40) sentences either side within the
//!   document given to [`Recognizer::tag`].
//!
//! Three perceptrons trained on different shuffles are averaged into one (parameter
//! mixing); see `train.rs`.
//!
//! After decoding, mentions of the same name in one document are given the type most of
//! them have (`harmonise`; a state keeps its place/actor role per sentence).
//!
//! The binary format (`model.bin`, embedded with `include_bytes!`) is little-endian:
//! the magic `TUSJNER\0`, a `u32` version, then per pass the transition scores and a
//! sorted table of feature hashes with sparse `i16` weight rows (a tag mask, then the
//! non-zero weights), then the three name tables. Any
//! mismatch or truncation is an [`ErrorKind::Model`] error.

pub(crate) mod features;
pub mod train;

use std::sync::OnceLock;

use crate::error::{Error, ErrorKind};
use crate::recognizer::Recognizer;
use crate::tags::{NeType, Tag};

use features::{Context, DocView};
pub use features::{NameTable, MAX_NAME_TOKENS};

const MAGIC: &[u8; 8] = b"TUSJNER\0";
const VERSION: u32 = 3;
const TAGS: usize = Tag::COUNT;

/// The committed model, rebuilt by `tusj train` (see `src/model/MODEL.md`).
static EMBEDDED: &[u8] = include_bytes!("model.bin");

/// The embedded model, decoded on first use.
///
/// # Errors
/// An [`ErrorKind::Model`] error if the embedded bytes do not decode (a build that
/// committed a model of another version).
pub fn embedded() -> Result<&'static Model, Error> {
    static MODEL: OnceLock<Result<Model, Error>> = OnceLock::new();
    MODEL
        .get_or_init(|| Model::from_bytes(EMBEDDED))
        .as_ref()
        .map_err(Clone::clone)
}

/// A feature → row table: open addressing over the 32-bit feature hashes.
#[derive(Clone, Debug, PartialEq)]
struct FeatureTable {
    /// Slot keys, 0 for empty; length a power of two.
    slots: Vec<u32>,
    /// Row index per slot.
    rows: Vec<u32>,
}

impl FeatureTable {
    fn new(keys: &[u32]) -> FeatureTable {
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![0u32; cap];
        let mut rows = vec![0u32; cap];
        for (row, &k) in keys.iter().enumerate() {
            let mut i = Self::home(k, cap);
            while slots[i] != 0 && slots[i] != k {
                i = (i + 1) & (cap - 1);
            }
            slots[i] = k;
            rows[i] = row as u32;
        }
        FeatureTable { slots, rows }
    }

    fn home(k: u32, cap: usize) -> usize {
        (k.wrapping_mul(0x9e37_79b9) as usize) & (cap - 1)
    }

    fn get(&self, k: u32) -> Option<usize> {
        let cap = self.slots.len();
        let mut i = Self::home(k, cap);
        loop {
            let s = self.slots[i];
            if s == k {
                return Some(self.rows[i] as usize);
            }
            if s == 0 {
                return None;
            }
            i = (i + 1) & (cap - 1);
        }
    }
}

/// The weights of one pass.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Weights {
    /// `trans[(prev + 1) * TAGS + cur]`; row 0 is the sentence start.
    pub trans: Vec<i32>,
    /// Sorted, distinct feature hashes.
    pub keys: Vec<u32>,
    /// `TAGS` weights per key.
    pub w: Vec<i16>,
    table: FeatureTable,
}

impl Weights {
    pub(crate) fn new(trans: Vec<i32>, keys: Vec<u32>, w: Vec<i16>) -> Weights {
        let table = FeatureTable::new(&keys);
        Weights {
            trans,
            keys,
            w,
            table,
        }
    }

    /// Emission scores of one token.
    fn emissions(&self, feats: &[u32]) -> [i32; TAGS] {
        let mut e = [0i32; TAGS];
        for &f in feats {
            if let Some(row) = self.table.get(f) {
                if let Some(ws) = self.w.get(row * TAGS..row * TAGS + TAGS) {
                    for (a, &b) in e.iter_mut().zip(ws) {
                        *a += b as i32;
                    }
                }
            }
        }
        e
    }

    fn decode(&self, feats: &[Vec<u32>]) -> Vec<Tag> {
        let em: Vec<[i32; TAGS]> = feats.iter().map(|f| self.emissions(f)).collect();
        viterbi(&em, |p, c| {
            let row = p.map_or(0, |p| p + 1);
            self.trans.get(row * TAGS + c).copied().unwrap_or(0) as i64
        })
    }
}

/// Whether tag index `cur` may follow `prev` (`None` = sentence start) in IOB2.
pub(crate) fn allowed(prev: Option<usize>, cur: usize) -> bool {
    let Some(c) = Tag::from_index(cur) else {
        return false;
    };
    match prev.and_then(Tag::from_index) {
        Some(p) => c.may_follow(p),
        None => !matches!(c, Tag::I(_)),
    }
}

/// First-order Viterbi over emission scores, with transition scores `trans(prev, cur)`
/// (`prev` is `None` at the sentence start). Only IOB2-valid paths are considered, so
/// the result never has an `I-X` that does not continue an `X`.
pub(crate) fn viterbi<E: AsRef<[i32]>>(
    em: &[E],
    trans: impl Fn(Option<usize>, usize) -> i64,
) -> Vec<Tag> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    const NEG: i64 = i64::MIN / 4;
    let mut ok = [[false; TAGS]; TAGS];
    for (p, row) in ok.iter_mut().enumerate() {
        for (c, cell) in row.iter_mut().enumerate() {
            *cell = allowed(Some(p), c);
        }
    }
    let mut score = vec![[NEG; TAGS]; n];
    let mut back = vec![[0u8; TAGS]; n];
    for (c, s) in score[0].iter_mut().enumerate() {
        if allowed(None, c) {
            *s = trans(None, c) + em[0].as_ref().get(c).copied().unwrap_or(0) as i64;
        }
    }
    for i in 1..n {
        let e = em[i].as_ref();
        for c in 0..TAGS {
            let mut best = NEG;
            let mut arg = 0u8;
            for p in 0..TAGS {
                if score[i - 1][p] == NEG || !ok[p][c] {
                    continue;
                }
                let s = score[i - 1][p] + trans(Some(p), c);
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            if best > NEG {
                score[i][c] = best + e.get(c).copied().unwrap_or(0) as i64;
                back[i][c] = arg;
            }
        }
    }
    let mut cur = (0..TAGS)
        .max_by_key(|&c| (score[n - 1][c], std::cmp::Reverse(c)))
        .unwrap_or(0);
    let mut out = vec![Tag::O; n];
    for i in (0..n).rev() {
        out[i] = Tag::from_index(cur).unwrap_or(Tag::O);
        if i > 0 {
            cur = back[i][cur] as usize;
        }
    }
    out
}

/// A trained name recogniser. See the module docs for what it looks at.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// First pass, and optionally a second pass that also sees the first pass's tags of
    /// other occurrences of each word.
    pub(crate) passes: Vec<Weights>,
    /// Names from NorNE train, with NorNE type bits.
    pub(crate) train_names: NameTable,
    /// Tokens of names from NorNE train, with name-part bits.
    pub(crate) name_parts: NameTable,
    /// The place gazetteer, with place class bits.
    pub(crate) places: NameTable,
}

impl Model {
    /// Decodes a model from its binary form (as written by [`Model::to_bytes`]).
    ///
    /// # Errors
    /// An [`ErrorKind::Model`] error when the bytes do not start with the magic string,
    /// have another version, are truncated, or are inconsistent.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, Error> {
        let mut r = Reader { buf: bytes, pos: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(model_error("not a tusj model (bad magic string)"));
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(model_error(format!(
                "model version {version}, this build reads version {VERSION}"
            )));
        }
        let n_passes = r.u32()? as usize;
        if !(1..=2).contains(&n_passes) {
            return Err(model_error(format!("{n_passes} passes; expected 1 or 2")));
        }
        let mut passes = Vec::with_capacity(n_passes);
        for _ in 0..n_passes {
            let tags = r.u32()? as usize;
            if tags != TAGS {
                return Err(model_error(format!("{tags} tags; expected {TAGS}")));
            }
            let trans = (0..(TAGS + 1) * TAGS)
                .map(|_| r.i32())
                .collect::<Result<Vec<_>, _>>()?;
            let n = r.u32()? as usize;
            let key_bytes = r.take(n.checked_mul(4).ok_or_else(|| model_error("too large"))?)?;
            let keys: Vec<u32> = key_bytes
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
            if keys.windows(2).any(|w| w[0] >= w[1]) || keys.first() == Some(&0) {
                return Err(model_error("feature keys are not sorted and distinct"));
            }
            // Rows are sparse: a mask of the tags with a weight, then those weights.
            // `n` is bounded by the key bytes already read, so this cannot over-allocate.
            let mut w = vec![0i16; n * TAGS];
            for row in w.chunks_exact_mut(TAGS) {
                let mask = r.u32()?;
                if mask >> TAGS != 0 {
                    return Err(model_error("a weight row names tags that do not exist"));
                }
                for (t, cell) in row.iter_mut().enumerate() {
                    if mask & (1 << t) != 0 {
                        *cell = r.u16()? as i16;
                    }
                }
            }
            passes.push(Weights::new(trans, keys, w));
        }
        let train_names = read_table(&mut r)?;
        let name_parts = read_table(&mut r)?;
        let places = read_table(&mut r)?;
        if r.pos != bytes.len() {
            return Err(model_error("trailing bytes after the model"));
        }
        Ok(Model {
            passes,
            train_names,
            name_parts,
            places,
        })
    }

    /// Encodes the model in the binary form [`Model::from_bytes`] reads.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(self.passes.len() as u32).to_le_bytes());
        for p in &self.passes {
            out.extend_from_slice(&(TAGS as u32).to_le_bytes());
            for &t in &p.trans {
                out.extend_from_slice(&t.to_le_bytes());
            }
            out.extend_from_slice(&(p.keys.len() as u32).to_le_bytes());
            for &k in &p.keys {
                out.extend_from_slice(&k.to_le_bytes());
            }
            for row in p.w.chunks_exact(TAGS) {
                let mask = row
                    .iter()
                    .enumerate()
                    .filter(|(_, &x)| x != 0)
                    .fold(0u32, |m, (t, _)| m | 1 << t);
                out.extend_from_slice(&mask.to_le_bytes());
                for &x in row.iter().filter(|&&x| x != 0) {
                    out.extend_from_slice(&x.to_le_bytes());
                }
            }
        }
        write_table(&mut out, &self.train_names);
        write_table(&mut out, &self.name_parts);
        write_table(&mut out, &self.places);
        out
    }

    /// Number of weighted features per pass (for reports).
    pub fn feature_counts(&self) -> Vec<usize> {
        self.passes.iter().map(|p| p.keys.len()).collect()
    }

    fn context(&self) -> Context<'_> {
        Context {
            train_names: &self.train_names,
            name_parts: &self.name_parts,
            places: &self.places,
        }
    }
}

impl Recognizer for Model {
    fn tag(&self, doc: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let view = DocView {
            words: doc.iter().map(|s| features::words(s)).collect(),
        };
        let ctx = self.context();
        let mut tags: Option<Vec<Vec<Tag>>> = None;
        for pass in &self.passes {
            let evidence = features::doc_evidence(&view, tags.as_deref());
            let mut next = Vec::with_capacity(doc.len());
            for (words, ev) in view.words.iter().zip(&evidence) {
                let mut feats = Vec::with_capacity(words.len());
                features::sentence_features(words, ev, &ctx, &mut feats);
                next.push(pass.decode(&feats));
            }
            tags = Some(next);
        }
        let mut tags = tags.unwrap_or_else(|| doc.iter().map(|s| vec![Tag::O; s.len()]).collect());
        harmonise(doc, &mut tags);
        tags
    }
}

/// The type group a name votes in: a state is one group whatever its role, since «Syria»
/// may be a place in one sentence and an actor in the next.
fn vote_group(ty: NeType) -> NeType {
    match ty {
        NeType::GpeOrg => NeType::GpeLoc,
        t => t,
    }
}

/// Gives every mention of the same name in a document the type most of its mentions have
/// (states keep their own place/actor role): the tagger decides each sentence alone, and
/// «IS» as an organisation four times and a person once is an organisation.
fn harmonise(doc: &[Vec<&str>], tags: &mut [Vec<Tag>]) {
    use std::collections::HashMap;
    let mut votes: HashMap<String, [u32; 9]> = HashMap::new();
    let mut found = Vec::new();
    for (s, (forms, t)) in doc.iter().zip(tags.iter()).enumerate() {
        for sp in crate::tags::spans(t) {
            let Some(words) = forms.get(sp.start..sp.end) else {
                continue;
            };
            let key = words.join(" ");
            votes.entry(key.clone()).or_insert([0; 9])[vote_group(sp.ty) as usize] += 1;
            found.push((s, sp, key));
        }
    }
    for (s, sp, key) in found {
        let Some(v) = votes.get(&key) else { continue };
        let own = vote_group(sp.ty) as usize;
        let Some(best) = (0..9).max_by_key(|&i| (v[i], i == own)) else {
            continue;
        };
        if best == own || v[best] <= v[own] {
            continue;
        }
        let ty = NeType::ALL[best];
        if let Some(row) = tags.get_mut(s) {
            for (k, tag) in row.iter_mut().enumerate().take(sp.end).skip(sp.start) {
                *tag = if k == sp.start {
                    Tag::B(ty)
                } else {
                    Tag::I(ty)
                };
            }
        }
    }
}

fn model_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Model, message)
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.buf.len())
            .ok_or_else(|| model_error("model is truncated"))?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16, Error> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32, Error> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn i32(&mut self) -> Result<i32, Error> {
        Ok(self.u32()? as i32)
    }
}

fn read_table(r: &mut Reader) -> Result<NameTable, Error> {
    let n = r.u32()? as usize;
    let mut t = NameTable::default();
    for _ in 0..n {
        let bits = r.u16()?;
        let len = r.u16()? as usize;
        let s = std::str::from_utf8(r.take(len)?)
            .map_err(|_| model_error("a name in the model is not UTF-8"))?;
        t.map.insert(s.to_string(), bits);
    }
    Ok(t)
}

fn write_table(out: &mut Vec<u8>, t: &NameTable) {
    let mut entries: Vec<(&String, &u16)> = t
        .map
        .iter()
        .filter(|(k, _)| k.len() <= u16::MAX as usize)
        .collect();
    entries.sort();
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for (k, &bits) in entries {
        out.extend_from_slice(&bits.to_le_bytes());
        out.extend_from_slice(&(k.len() as u16).to_le_bytes());
        out.extend_from_slice(k.as_bytes());
    }
}

#[cfg(test)]
mod tests;
