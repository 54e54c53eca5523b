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
//!   Census data (`model::gazetteer`); genitive stems («Kroatias») are looked up too;
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
#[cfg(feature = "tools")]
pub(crate) mod gazetteer;
#[cfg(feature = "tools")]
pub mod train;

use std::sync::{Mutex, OnceLock};

use crate::error::{Error, ErrorKind};
use crate::recognizer::Recognizer;
use crate::tags::{NeType, Tag};

use crate::fxhash::{str_hash, FxHashMap};
use crate::strtable::StrTable;
pub use features::NameTable;
use features::{Context, DocEvidence, Neighbour, PairStarts, Window, Word};

const MAGIC: &[u8; 8] = b"TUSJNER\0";
const VERSION: u32 = 3;
const TAGS: usize = Tag::COUNT;

/// The committed model, rebuilt by `tusj train` (see `src/model/MODEL.md`). Natively it is
/// inside the program; the page's wasm leaves it out (it would triple the code the browser
/// compiles before the page is ready) and is handed the same bytes once (`provide`, in the wasm build only).
#[cfg(not(target_arch = "wasm32"))]
fn embedded_bytes() -> Result<&'static [u8], Error> {
    Ok(include_bytes!("model.bin"))
}

#[cfg(target_arch = "wasm32")]
static PROVIDED: OnceLock<Vec<u8>> = OnceLock::new();

#[cfg(target_arch = "wasm32")]
fn embedded_bytes() -> Result<&'static [u8], Error> {
    PROVIDED
        .get()
        .map(Vec::as_slice)
        .ok_or_else(|| Error::new(ErrorKind::Model, "the model has not been loaded yet"))
}

/// Hands the wasm build the bytes of `model.bin` (the page inlines them beside the wasm).
/// Only the first call counts; the model is decoded at the first [`embedded`].
#[cfg(target_arch = "wasm32")]
pub fn provide(bytes: Vec<u8>) {
    let _ = PROVIDED.set(bytes);
}

/// The embedded model, decoded on first use.
///
/// # Errors
/// An [`ErrorKind::Model`] error if the embedded bytes do not decode (a build that
/// committed a model of another version), or, in the wasm build, before `provide`.
pub fn embedded() -> Result<&'static Model, Error> {
    static MODEL: OnceLock<Result<Model, Error>> = OnceLock::new();
    let bytes = embedded_bytes()?;
    MODEL
        .get_or_init(|| Model::from_bytes(bytes))
        .as_ref()
        .map_err(Clone::clone)
}

/// The weights a row holds: one per tag, padded with zeros to a whole number of 16-byte
/// vectors, so that summing rows is a few vector additions.
const ROW_LANES: usize = 24;

/// The weights of one feature, per tag (lanes past `TAGS` are 0).
#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(align(16))]
struct Row([i16; ROW_LANES]);

/// A feature → weights table: open addressing over the 32-bit feature hashes, with the
/// weights stored in slot order, so that a feature the model knows costs a read of its
/// key and one of its row, not a read of the slot and then of the row. Most features of
/// a token are unknown (pairs of words never seen in training): a bit filter, small
/// enough to stay in the processor's cache (128 KB for the committed model), turns most
/// of them away before their slot is read.
#[derive(Clone, Debug, PartialEq)]
struct FeatureTable {
    /// The key per slot, 0 for empty; length a power of two.
    keys: Vec<u32>,
    /// The weights of the key in the same slot (zeros for an empty slot).
    rows: Vec<Row>,
    /// A bit per [`FeatureTable::bit`], set for every key: four bits per slot.
    filter: Vec<u64>,
    /// `32 - log2` of the filter's bits.
    shift: u32,
}

impl FeatureTable {
    /// The table of `keys` with `TAGS` weights per key in `w`, at a load of 1/3 to 2/3.
    fn new(keys: &[u32], w: &[i16]) -> FeatureTable {
        let cap = (keys.len() + keys.len() / 2).next_power_of_two().max(16);
        let mut slots = vec![0u32; cap];
        let mut rows = vec![Row([0; ROW_LANES]); cap];
        for (&k, ws) in keys.iter().zip(w.chunks_exact(TAGS)) {
            let mut i = Self::home(k, cap);
            while slots[i] != 0 && slots[i] != k {
                i = (i + 1) & (cap - 1);
            }
            slots[i] = k;
            rows[i].0[..TAGS].copy_from_slice(ws);
        }
        let bits = cap * 4;
        let mut table = FeatureTable {
            keys: slots,
            rows,
            filter: vec![0; bits / 64],
            shift: 32 - bits.trailing_zeros(),
        };
        for &k in keys {
            let bit = table.bit(k);
            table.filter[bit / 64] |= 1 << (bit % 64);
        }
        table
    }

    fn home(k: u32, cap: usize) -> usize {
        (k.wrapping_mul(0x9e37_79b9) as usize) & (cap - 1)
    }

    /// The filter bit of key `k`: the top bits of another multiplicative hash than
    /// [`FeatureTable::home`]'s.
    fn bit(&self, k: u32) -> usize {
        (k.wrapping_mul(0x85eb_ca6b) >> self.shift) as usize
    }

    /// The slot of key `k`, if the table has it.
    fn get(&self, k: u32) -> Option<usize> {
        let bit = self.bit(k);
        if self
            .filter
            .get(bit / 64)
            .is_none_or(|w| w >> (bit % 64) & 1 == 0)
        {
            return None;
        }
        let cap = self.keys.len();
        let mut i = Self::home(k, cap);
        loop {
            let s = self.keys[i];
            if s == k {
                return Some(i);
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
    /// The weights of each key.
    table: FeatureTable,
    /// `trans` as the decoder reads it.
    transitions: Transitions,
}

impl Weights {
    /// The weights of a pass: transition scores, and `TAGS` weights in `w` per key of `keys`.
    pub(crate) fn new(trans: Vec<i32>, keys: Vec<u32>, w: Vec<i16>) -> Weights {
        let table = FeatureTable::new(&keys, &w);
        let transitions = Transitions::new(|p, c| {
            let row = p.map_or(0, |p| p + 1);
            trans.get(row * TAGS + c).copied().unwrap_or(0) as i64
        });
        Weights {
            trans,
            keys,
            table,
            transitions,
        }
    }

    /// The `TAGS` weights of feature `key` (zeros when the model does not know it).
    fn row(&self, key: u32) -> &[i16] {
        let row = self
            .table
            .get(key)
            .and_then(|slot| self.table.rows.get(slot));
        row.map_or(&[0; TAGS], |r| &r.0[..TAGS])
    }

    /// Adds the weights of features `feats` to `e`; `rows` is scratch space.
    fn add_weights(&self, feats: &[u32], rows: &mut Vec<usize>, e: &mut [i32; TAGS]) {
        // Two rounds: all the table lookups, then all the weight rows, so that the
        // memory reads of different features overlap instead of waiting on each other.
        rows.clear();
        rows.extend(feats.iter().filter_map(|&f| self.table.get(f)));
        // Integer sums: the same in any order.
        let mut sum = [0i32; ROW_LANES];
        for row in rows.iter().filter_map(|&slot| self.table.rows.get(slot)) {
            for (a, &b) in sum.iter_mut().zip(&row.0) {
                *a += i32::from(b);
            }
        }
        for (a, &b) in e.iter_mut().zip(&sum) {
            *a += b;
        }
    }

    /// The summed weights of the features `push` makes; `scratch` lends its buffers.
    fn weights_of(&self, scratch: &mut Scratch, push: impl FnOnce(&mut Vec<u32>)) -> [i32; TAGS] {
        scratch.feats.clear();
        push(&mut scratch.feats);
        let mut e = [0i32; TAGS];
        self.add_weights(&scratch.feats, &mut scratch.rows, &mut e);
        e
    }

    /// Tags one sentence (`evidence` holds its [`DocEvidence`]) into `out`.
    fn tag_sentence<'a>(
        &self,
        words: &[Word<'a>],
        evidence: &[DocEvidence],
        ctx: &Context,
        cache: &mut FormCache,
        scratch: &mut Scratch,
        out: &mut [Tag],
    ) {
        self.sentence_emissions(words, evidence, ctx, cache, scratch);
        self.transitions.decode(&scratch.em, &mut scratch.back, out);
    }

    /// The emission scores of every token of one sentence, into `scratch.em`: the sum of
    /// the weights of every feature [`features::token_features`] gives the token, with the
    /// sums that depend on one word form alone taken from `cache` (integer sums, so the
    /// same scores in any order).
    fn sentence_emissions<'a>(
        &self,
        words: &[Word<'a>],
        evidence: &[DocEvidence],
        ctx: &Context,
        cache: &mut FormCache,
        scratch: &mut Scratch,
    ) {
        let names = ctx.train_names.lookup(words);
        let places = ctx.places.lookup(words);
        if cache.entries.len() + words.len() > cache.capacity {
            cache.clear();
        }
        if cache.edges.is_none() {
            cache.edges =
                Some(Neighbour::ALL.map(|n| {
                    self.weights_of(scratch, |f| features::neighbour_features(n, None, f))
                }));
        }
        let mut ids = std::mem::take(&mut scratch.ids);
        ids.clear();
        for w in words {
            ids.push(cache.id(w, |w| self.form_weights(w, ctx, scratch)));
        }
        scratch.em.clear();
        for (i, w) in words.iter().enumerate() {
            let pos = features::Position::of(w, i);
            let entry = &mut cache.entries[ids[i]];
            let at = match entry.at[pos as usize] {
                Some(at) => at,
                None => {
                    let at =
                        self.weights_of(scratch, |f| features::position_features(w, pos, ctx, f));
                    entry.at[pos as usize] = Some(at);
                    at
                }
            };
            let mut e = entry.own;
            add(&mut e, &at);
            for (k, n) in Neighbour::ALL.into_iter().enumerate() {
                let j = match n {
                    Neighbour::Prev2 => i.checked_sub(2),
                    Neighbour::Prev => i.checked_sub(1),
                    Neighbour::Next => Some(i + 1),
                    Neighbour::Next2 => Some(i + 2),
                };
                let from = match j.and_then(|j| ids.get(j)) {
                    Some(&id) => &cache.entries[id].neighbour[k],
                    None => cache.edges.as_ref().map_or(&[0; TAGS], |edges| &edges[k]),
                };
                add(&mut e, from);
            }
            scratch.feats.clear();
            let tables = (names[i], places[i]);
            let start = |j: isize, t: u8| match usize::try_from(j) {
                Err(_) => cache.before.get(t),
                Ok(j) => match ids.get(j) {
                    Some(&id) => cache.entries[id].starts.get(t),
                    None => cache.after.get(t),
                },
            };
            let ev = evidence.get(i);
            features::context_features_from(words, i, start, tables, ev, &mut scratch.feats);
            self.add_weights(&scratch.feats, &mut scratch.rows, &mut e);
            scratch.em.push(e);
        }
        scratch.ids = ids;
    }

    /// The weights of a word form alone: its own features and those it gives each neighbour.
    fn form_weights(&self, w: &Word, ctx: &Context, scratch: &mut Scratch) -> FormWeights {
        FormWeights {
            own: self.weights_of(scratch, |f| features::word_features(w, ctx, f)),
            neighbour: Neighbour::ALL
                .map(|n| self.weights_of(scratch, |f| features::neighbour_features(n, Some(w), f))),
            at: [None; 3],
            starts: PairStarts::of(w),
        }
    }
}

/// Adds `b` to `a`, tag by tag.
#[inline]
fn add(a: &mut [i32; TAGS], b: &[i32; TAGS]) {
    for (a, &b) in a.iter_mut().zip(b) {
        *a += b;
    }
}

/// The summed weights of one word form's features, as [`FormCache`] keeps them.
struct FormWeights {
    /// Of [`features::word_features`].
    own: [i32; TAGS],
    /// Of [`features::neighbour_features`], per [`Neighbour`] in [`Neighbour::ALL`]'s order.
    neighbour: [[i32; TAGS]; 4],
    /// Of [`features::position_features`], per [`features::Position`], once needed.
    at: [Option<[i32; TAGS]>; 3],
    /// The hashes of the pairs of [`features::context_features`] that the form begins.
    starts: PairStarts,
}

/// Per word form, the summed weights of the features that depend on the form alone (for
/// one pass of the model): a news text repeats its words, and most of a token's features
/// are its own word's or one neighbour's. Kept from one document to the next by the
/// model's [`CachePool`]. Holds at most `capacity` forms, and starts afresh when a
/// sentence would take it past that, so its memory is bounded.
struct FormCache {
    capacity: usize,
    /// Per form, its entry.
    index: StrTable<u32>,
    entries: Vec<FormWeights>,
    /// Of [`features::neighbour_features`] where there is no word (the sentence begins or
    /// ends), per [`Neighbour`]; made at the first sentence.
    edges: Option<[[i32; TAGS]; 4]>,
    /// The [`PairStarts`] before a sentence's first word and after its last.
    before: PairStarts,
    after: PairStarts,
}

impl FormCache {
    /// The most forms held (each about 690 bytes, so about 11 MB per pass): twice what a
    /// megabyte of news text uses (NorNE Bokmål dev and the seeds: 8,112 forms), which
    /// at 8,192 had the cache start afresh four times over 1 MB of them.
    const CAPACITY: usize = 16384;

    fn new() -> FormCache {
        FormCache::with_capacity(FormCache::CAPACITY)
    }

    /// A cache of at most `capacity` forms, or of one sentence when that is longer.
    fn with_capacity(capacity: usize) -> FormCache {
        FormCache {
            capacity,
            index: StrTable::default(),
            entries: Vec::new(),
            edges: None,
            before: PairStarts::edge(true),
            after: PairStarts::edge(false),
        }
    }

    fn clear(&mut self) {
        self.index.clear();
        self.entries.clear();
    }

    /// The entry of `w`'s form, made by `make` when it is new.
    fn id<'a>(&mut self, w: &Word<'a>, make: impl FnOnce(&Word<'a>) -> FormWeights) -> usize {
        let hash = str_hash(w.form);
        if let Some(&id) = self.index.get_hashed(hash, w.form) {
            return id as usize;
        }
        let id = self.entries.len();
        self.entries.push(make(w));
        // Past 4 GB of forms (never in text a person pastes) a form goes uncached: its
        // entry serves this token and is found by no other.
        if let Ok(id) = u32::try_from(id) {
            self.index.insert_new_hashed(hash, w.form, id);
        }
        id
    }
}

/// Buffers the tagger reuses from sentence to sentence.
#[derive(Default)]
struct Scratch {
    feats: Vec<u32>,
    rows: Vec<usize>,
    ids: Vec<usize>,
    em: Vec<[i32; TAGS]>,
    back: Vec<[u8; TAGS]>,
}

const NEG: i64 = i64::MIN / 4;

/// Transition scores laid out for decoding: per tag, the tags that may precede it in IOB2
/// with their scores, and the scores of starting a sentence.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Transitions {
    /// Score of each tag at the sentence start; `NEG` where it may not start one.
    start: [i64; TAGS],
    /// `dense[p][c]`: `trans(p, c)`, or `NEG` where `c` may not follow `p`.
    dense: [[i64; TAGS]; TAGS],
    /// `dense` in 32 bits for [`Narrow::step`].
    narrow: Narrow,
    /// The largest magnitude of an allowed transition or start score.
    max_abs: i64,
}

/// The bound under which [`Transitions::decode`] may run in 32 bits: every score of a
/// path (a sum of emissions and transitions) has a magnitude below it, so that 32 times it
/// plus a predecessor (five bits) stays below `2^29`.
const NARROW_BOUND: i64 = 1 << 24;

/// The key of a forbidden transition in 32 bits: added to a key of magnitude below `2^29`,
/// it stays below every allowed key, and cannot overflow.
const NARROW_NEG: i32 = -(1 << 30);

/// The bits of a key that hold `31 - p`, the predecessor.
const PREDECESSOR: i32 = 31;

impl Transitions {
    fn new(trans: impl Fn(Option<usize>, usize) -> i64) -> Transitions {
        let start = std::array::from_fn(|c| {
            if allowed(None, c) {
                trans(None, c)
            } else {
                NEG
            }
        });
        let dense = std::array::from_fn(|p| {
            std::array::from_fn(|c| {
                if allowed(Some(p), c) {
                    trans(Some(p), c)
                } else {
                    NEG
                }
            })
        });
        let narrow = Narrow::new(&dense);
        let max_abs = dense
            .iter()
            .flatten()
            .chain(&start)
            .filter(|&&t| t != NEG)
            .map(|t| t.abs())
            .max()
            .unwrap_or(0);
        Transitions {
            start,
            dense,
            narrow,
            max_abs,
        }
    }

    /// One Viterbi step over the dense table: the best scores ending in each tag after
    /// emissions `e`, with the best predecessors (the lowest among equals) into `back`.
    /// Tags of `score` at `NEG` are unreachable: a path through one, or through a
    /// forbidden transition (`NEG` in the table), scores about `NEG`, far below any other,
    /// and every tag has an allowed predecessor that may start a sentence, so no such path
    /// is ever the best, from the first step on.
    #[inline(always)]
    fn step(&self, score: &[i64; TAGS], e: &[i32; TAGS], back: &mut [u8; TAGS]) -> [i64; TAGS] {
        let mut best = [i64::MIN; TAGS];
        for (p, (&sp, row)) in score.iter().zip(&self.dense).enumerate() {
            for ((b, arg), &t) in best.iter_mut().zip(back.iter_mut()).zip(row) {
                let s = sp + t;
                if s > *b {
                    *b = s;
                    *arg = p as u8;
                }
            }
        }
        std::array::from_fn(|c| best[c] + e[c] as i64)
    }

    /// First-order Viterbi over emission scores `em` into `out` (as long as `em`); `back`
    /// is scratch space.
    /// Returns the score of the path it chose (`NEG` or below when there is none).
    fn decode(&self, em: &[[i32; TAGS]], back: &mut Vec<[u8; TAGS]>, out: &mut [Tag]) -> i64 {
        self.decode_in(em, back, out, true)
    }

    /// [`Transitions::decode`], in 32 bits where that gives the same result if `narrow`
    /// (the tests compare the two).
    fn decode_in(
        &self,
        em: &[[i32; TAGS]],
        back: &mut Vec<[u8; TAGS]>,
        out: &mut [Tag],
        narrow: bool,
    ) -> i64 {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2 (checked just above), all `decode_avx2` asks.
            return unsafe { self.decode_avx2(em, back, out, narrow) };
        }
        self.decode_plain(em, back, out, narrow)
    }

    /// [`Transitions::decode_plain`] compiled for AVX2: its vectors are twice as wide as
    /// those every x86-64 processor has, and the decoding takes about 40 % fewer
    /// instructions (callgrind: 189 M → 118 M over 1 MB of text). Integer steps, so the
    /// same result (a test compares the two).
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn decode_avx2(
        &self,
        em: &[[i32; TAGS]],
        back: &mut Vec<[u8; TAGS]>,
        out: &mut [Tag],
        narrow: bool,
    ) -> i64 {
        self.decode_plain(em, back, out, narrow)
    }

    /// [`Transitions::decode_in`] with the build target's instructions. Always inlined,
    /// and so are the steps, so that [`Transitions::decode_avx2`] compiles all of it for
    /// AVX2 (without, the steps stay calls to their 128-bit form).
    #[inline(always)]
    fn decode_plain(
        &self,
        em: &[[i32; TAGS]],
        back: &mut Vec<[u8; TAGS]>,
        out: &mut [Tag],
        narrow: bool,
    ) -> i64 {
        let n = em.len().min(out.len());
        if n == 0 {
            return 0;
        }
        back.clear();
        back.resize(n, [0u8; TAGS]);
        let mut score = [NEG; TAGS];
        for (c, s) in score.iter_mut().enumerate() {
            if self.start[c] != NEG {
                *s = self.start[c] + em[0][c] as i64;
            }
        }
        let mut steps = em[1..n].iter().zip(&mut back[1..n]);
        // The first step, the only one from unreachable tags (an I- at the start), in 64
        // bits: after it every tag is reachable, as the 32-bit steps need.
        if let Some((e, b)) = steps.next() {
            score = self.step(&score, e, b);
        }
        // In 32 bits when no path score can reach `NARROW_BOUND`: each is a sum of at
        // most `n` emissions and `n` transitions, so then the sums are exact, a forbidden
        // transition stays below every allowed one as it does in 64 bits, and every
        // comparison of keys (score, then the lower predecessor) comes out the same. (Scoring a span rules tags out with emissions
        // of `RULED_OUT`; those sentences take the 64-bit steps.)
        // (A fold over unsigned magnitudes, which the compiler makes vector instructions.)
        let max_e = em[..n]
            .iter()
            .flatten()
            .fold(0u32, |m, &e| m.max(e.unsigned_abs()));
        let max_e = i64::from(max_e);
        let narrow = narrow
            && (n as i64).saturating_mul(max_e + self.max_abs) < NARROW_BOUND
            && score.iter().all(|&s| s > NEG / 2);
        if narrow {
            let mut keys = self.narrow.keys(&score);
            for (e, b) in steps {
                keys = self.narrow.step(&keys, e, b);
            }
            score = self.narrow.scores(&keys);
        } else {
            for (e, b) in steps {
                score = self.step(&score, e, b);
            }
        }
        // The best last tag; the lowest index among equals.
        let mut cur = 0;
        for c in 1..TAGS {
            if score[c] > score[cur] {
                cur = c;
            }
        }
        let best = score[cur];
        for i in (0..n).rev() {
            out[i] = Tag::from_index(cur).unwrap_or(Tag::O);
            if i > 0 {
                cur = back[i][cur] as usize;
            }
        }
        best
    }
}

/// The lanes of [`Narrow`]'s vectors: ten tags that may follow any tag, or nine that
/// continue a name, rounded up to a multiple of four.
const LANES: usize = 12;

/// The tags that may follow any tag in IOB2, by index: O and the B- tags
/// ([`Tag::index`]; a test checks), in [`Narrow`]'s lane order. Constants, so that the
/// steps index with no bounds checks.
const OPEN_TAGS: [usize; OPEN] = [0, 1, 3, 5, 7, 9, 11, 13, 15, 17];

/// The I- tags by index, in the order of `NeType::ALL` (a test checks).
const INSIDE_TAGS: [usize; NAMES] = [2, 4, 6, 8, 10, 12, 14, 16, 18];

/// How many tags may follow any tag.
const OPEN: usize = 1 + NAMES;

/// How many name types there are.
const NAMES: usize = NeType::ALL.len();

/// Viterbi steps in 32 bits, which the compiler vectorises: the same result as the 64-bit
/// [`Transitions::step`] as long as every path score stays below `NARROW_BOUND`
/// (see [`Transitions::decode`]).
///
/// A score is held as a key, 32 times the score, and a transition as 32 times its score
/// plus `31 - p` for predecessor `p`: the greatest sum of a column is its best
/// predecessor, the lowest `p` among equals, as in 64 bits. The tags are in two groups of
/// [`Keys`]: O and the B- tags, which may follow any tag (all 19 predecessors are
/// compared, `LANES` columns at a time), and the I- tags, which only continue their own
/// B- or I- tag (two compared).
#[derive(Clone, Debug, PartialEq)]
struct Narrow {
    /// Per predecessor (the open tags, then the I- tags, in lane order): the keys of its
    /// transitions to each open tag; `NARROW_NEG` in the padding.
    to_open: [[i32; LANES]; TAGS],
    /// Per name lane: the key of B-x → I-x, and of I-x → I-x; `NARROW_NEG` in the padding.
    b_to_i: [i32; LANES],
    i_to_i: [i32; LANES],
}

/// The scores of a Viterbi step as [`Narrow`] keys, in its lanes (padding 0).
#[derive(Clone, Copy)]
struct Keys {
    open: [i32; LANES],
    inside: [i32; LANES],
}

impl Narrow {
    fn new(dense: &[[i64; TAGS]; TAGS]) -> Narrow {
        let (open, inside) = (OPEN_TAGS, INSIDE_TAGS);
        let key = |p: usize, c: usize| match dense.get(p).and_then(|row| row.get(c)) {
            Some(&t) if t != NEG && t.abs() < NARROW_BOUND => {
                (t as i32) * 32 + (PREDECESSOR - p as i32)
            }
            _ => NARROW_NEG,
        };
        let preds: Vec<usize> = open.iter().chain(&inside).copied().collect();
        Narrow {
            to_open: std::array::from_fn(|r| {
                std::array::from_fn(|l| match open.get(l) {
                    Some(&c) => key(preds[r], c),
                    None => NARROW_NEG,
                })
            }),
            b_to_i: std::array::from_fn(|x| match inside.get(x) {
                Some(&c) => key(open[x + 1], c),
                None => NARROW_NEG,
            }),
            i_to_i: std::array::from_fn(|x| match inside.get(x) {
                Some(&c) => key(c, c),
                None => NARROW_NEG,
            }),
        }
    }

    /// Scores (in range and reachable) as keys.
    fn keys(&self, score: &[i64; TAGS]) -> Keys {
        let lanes = |tags: &[usize]| -> [i32; LANES] {
            std::array::from_fn(|l| tags.get(l).map_or(0, |&c| score[c] as i32 * 32))
        };
        Keys {
            open: lanes(&OPEN_TAGS),
            inside: lanes(&INSIDE_TAGS),
        }
    }

    /// Keys back as scores.
    fn scores(&self, keys: &Keys) -> [i64; TAGS] {
        let mut score = [0i64; TAGS];
        for (&c, &k) in OPEN_TAGS.iter().zip(&keys.open) {
            score[c] = i64::from(k / 32);
        }
        for (&c, &k) in INSIDE_TAGS.iter().zip(&keys.inside) {
            score[c] = i64::from(k / 32);
        }
        score
    }

    /// One step: the keys after emissions `e`, with the best predecessors into `back`.
    #[inline(always)]
    fn step(&self, keys: &Keys, e: &[i32; TAGS], back: &mut [u8; TAGS]) -> Keys {
        let mut open = [i32::MIN; LANES];
        let (from_open, from_inside) = self.to_open.split_at(OPEN);
        for (&sp, row) in keys.open[..OPEN].iter().zip(from_open) {
            for (b, &t) in open.iter_mut().zip(row) {
                *b = (*b).max(sp + t);
            }
        }
        for (&sp, row) in keys.inside[..NAMES].iter().zip(from_inside) {
            for (b, &t) in open.iter_mut().zip(row) {
                *b = (*b).max(sp + t);
            }
        }
        // The B- tag of name lane x is open lane x + 1.
        let begun: [i32; LANES] = std::array::from_fn(|x| keys.open.get(x + 1).map_or(0, |&k| k));
        let mut inside = [0i32; LANES];
        for (x, b) in inside.iter_mut().enumerate() {
            *b = (begun[x] + self.b_to_i[x]).max(keys.inside[x] + self.i_to_i[x]);
        }
        let mut next = Keys {
            open: [0; LANES],
            inside: [0; LANES],
        };
        for (l, &c) in OPEN_TAGS.iter().enumerate() {
            back[c] = (PREDECESSOR - (open[l] & PREDECESSOR)) as u8;
            next.open[l] = (open[l] & !PREDECESSOR) + e[c] * 32;
        }
        for (x, &c) in INSIDE_TAGS.iter().enumerate() {
            back[c] = (PREDECESSOR - (inside[x] & PREDECESSOR)) as u8;
            next.inside[x] = (inside[x] & !PREDECESSOR) + e[c] * 32;
        }
        next
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
#[cfg_attr(not(feature = "tools"), allow(dead_code))] // the trainer's (feature "tools")
pub(crate) fn viterbi<E: AsRef<[i32]>>(
    em: &[E],
    trans: impl Fn(Option<usize>, usize) -> i64,
) -> Vec<Tag> {
    let em: Vec<[i32; TAGS]> = em
        .iter()
        .map(|e| {
            let e = e.as_ref();
            std::array::from_fn(|c| e.get(c).copied().unwrap_or(0))
        })
        .collect();
    let mut out = vec![Tag::O; em.len()];
    Transitions::new(trans).decode(&em, &mut Vec::new(), &mut out);
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
    /// Form caches kept from one [`Recognizer::tag`] call to the next.
    caches: CachePool,
}

/// The [`FormCache`]s of a model, one per pass, kept between calls of [`Recognizer::tag`]:
/// the page annotates the same article again at every edit, and a batch sends article
/// after article, mostly of the same words. A call takes a set from the pool (or makes
/// one) and puts it back when it is done, so each thread tagging at once has its own set,
/// and a set never holds more than [`FormCache::CAPACITY`] forms per pass. The entries are
/// sums of the model's own weights for a word form alone, so a kept entry gives what a new
/// one would: the output does not depend on what was tagged before (a test checks).
#[derive(Default)]
pub(crate) struct CachePool(Mutex<Vec<Vec<FormCache>>>);

impl CachePool {
    /// A set of `passes` caches: a kept one, or new ones.
    fn take(&self, passes: usize) -> Vec<FormCache> {
        let kept = self.0.lock().ok().and_then(|mut sets| sets.pop());
        kept.filter(|set| set.len() == passes)
            .unwrap_or_else(|| (0..passes).map(|_| FormCache::new()).collect())
    }

    /// Puts a set back for the next call.
    fn keep(&self, set: Vec<FormCache>) {
        if let Ok(mut sets) = self.0.lock() {
            sets.push(set);
        }
    }
}

/// A copy starts with no caches of its own.
impl Clone for CachePool {
    fn clone(&self) -> CachePool {
        CachePool::default()
    }
}

/// Caches are not part of what a model is.
impl PartialEq for CachePool {
    fn eq(&self, _: &CachePool) -> bool {
        true
    }
}

impl std::fmt::Debug for CachePool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CachePool")
    }
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
                // The tags with a weight, lowest first.
                let mut rest = mask;
                while rest != 0 {
                    row[rest.trailing_zeros() as usize] = r.u16()? as i16;
                    rest &= rest - 1;
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
            caches: CachePool::default(),
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
            for row in p.keys.iter().map(|&k| p.row(k)) {
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

/// The longest sentence the tagger reads as one, in tokens; a longer one (a run of
/// punctuation, a table flattened into one line) is tagged in pieces of this many tokens,
/// each read as a sentence of its own, so that no input costs more than a bounded amount
/// of memory beyond its tokens. Real sentences are far shorter (NorNE's longest: 91).
pub(crate) const MAX_SENTENCE: usize = 512;

/// A sentence as the tagger reads it: sentence `s` of the document, tokens `start..end`.
#[derive(Clone, Copy)]
struct Piece {
    s: usize,
    start: usize,
    end: usize,
}

/// The sentences of `doc` as the tagger reads them: pieces of at most [`MAX_SENTENCE`] tokens.
fn pieces(doc: &[Vec<&str>]) -> Vec<Piece> {
    let mut pieces = Vec::with_capacity(doc.len());
    for (s, sentence) in doc.iter().enumerate() {
        let mut start = 0;
        loop {
            let end = sentence.len().min(start + MAX_SENTENCE);
            pieces.push(Piece { s, start, end });
            if end == sentence.len() {
                break;
            }
            start = end;
        }
    }
    pieces
}

/// An emission score that rules a tag out of a constrained path, far below any real score
/// yet far above `NEG`, so the sum over a sentence cannot overflow.
const RULED_OUT: i32 = -1_000_000_000;

impl Recognizer for Model {
    /// The score of the best tagging of the sentence in which tokens `start..end` are
    /// exactly one name of each type (constrained Viterbi over the first pass, with the
    /// same document evidence as [`Recognizer::tag`]). The rules applied after decoding
    /// (`harmonise` and the others) are not replayed: this scores the model's own reading.
    fn span_scores(
        &self,
        doc: &[Vec<&str>],
        s: usize,
        start: usize,
        end: usize,
    ) -> Option<Vec<(NeType, i64)>> {
        let sentence = doc.get(s)?;
        if start >= end || end > sentence.len() {
            return None;
        }
        let pass = self.passes.first()?;
        let pieces = pieces(doc);
        let pp = pieces
            .iter()
            .position(|p| p.s == s && p.start <= start && end <= p.end)?;
        let piece = pieces[pp];
        let forms: Vec<&[&str]> = pieces.iter().map(|p| &doc[p.s][p.start..p.end]).collect();
        let mut window = Window::new();
        window.centre_on(&forms, pp);
        let words = window.sentence(pp)?;
        let mut evidence = Vec::new();
        window.evidence(pp, None, &mut evidence);
        let mut scratch = Scratch::default();
        let mut caches = self.caches.take(self.passes.len());
        let cache = caches.first_mut()?;
        pass.sentence_emissions(words, &evidence, &self.context(), cache, &mut scratch);
        self.caches.keep(caches);
        let (from, to) = (start - piece.start, end - piece.start);
        let mut out = vec![Tag::O; scratch.em.len()];
        let mut scores = Vec::with_capacity(NeType::ALL.len());
        for ty in NeType::ALL {
            let mut em = scratch.em.clone();
            for (i, e) in em.iter_mut().enumerate().take(to).skip(from) {
                let keep = if i == from { Tag::B(ty) } else { Tag::I(ty) }.index();
                for (c, cell) in e.iter_mut().enumerate() {
                    if c != keep {
                        *cell = RULED_OUT;
                    }
                }
            }
            // The name ends where the span does.
            if let Some(next) = em.get_mut(to) {
                next[Tag::I(ty).index()] = RULED_OUT;
            }
            let best = pass.transitions.decode(&em, &mut scratch.back, &mut out);
            scores.push((ty, best));
        }
        Some(scores)
    }

    fn tag(&self, doc: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let pieces = pieces(doc);
        let forms: Vec<&[&str]> = pieces.iter().map(|p| &doc[p.s][p.start..p.end]).collect();
        let ctx = self.context();
        let mut scratch = Scratch::default();
        let mut evidence = Vec::new();
        let mut tags: Vec<Vec<Tag>> = doc.iter().map(|s| vec![Tag::O; s.len()]).collect();
        let mut caches = self.caches.take(self.passes.len());
        for ((k, pass), cache) in self.passes.iter().enumerate().zip(&mut caches) {
            // The second pass sees the first pass's tags of other occurrences.
            let first = (k > 0).then(|| tags.clone());
            let first_tag = |pp: usize, tt: usize| {
                let p = pieces.get(pp)?;
                first.as_ref()?.get(p.s)?.get(p.start + tt).copied()
            };
            let first_pass: Option<&dyn Fn(usize, usize) -> Option<Tag>> =
                first.as_ref().map(|_| &first_tag as _);
            let mut window = Window::with_capacity(Window::room(&forms));
            for (pp, piece) in pieces.iter().enumerate() {
                window.centre_on(&forms, pp);
                let Some(words) = window.sentence(pp) else {
                    continue;
                };
                window.evidence(pp, first_pass, &mut evidence);
                let Some(out) = tags
                    .get_mut(piece.s)
                    .and_then(|t| t.get_mut(piece.start..piece.end))
                else {
                    continue;
                };
                pass.tag_sentence(words, &evidence, &ctx, cache, &mut scratch, out);
            }
        }
        self.caches.keep(caches);
        join_over_connectives(doc, &mut tags);
        natural_place_compounds(doc, &mut tags);
        places_named_by_apposition(doc, &mut tags);
        strip_leading_titles(&mut tags, doc);
        propagate_spans(doc, &mut tags);
        self.places_stay_places(doc, &mut tags);
        harmonise(doc, &mut tags);
        tags
    }
}

impl Model {
    /// A name the tagger typed as a person or organisation but that the gazetteer knows
    /// only as a place (country, city — alternate spellings included — or region; no first
    /// or last name reads so), and that NorNE train never names as a person or
    /// organisation, is a place. Foreign news is full of towns NorNE never saw («Raqqa»,
    /// «Deir al-Zor»), and the tagger, which learned from NorNE how little an alternate city
    /// spelling proves, calls them people. A genitive («Syrias») counts through its stem, but
    /// only for a country, city or region, not an alternate spelling («Genets»).
    fn places_stay_places(&self, doc: &[Vec<&str>], tags: &mut [Vec<Tag>]) {
        const PLACE: u16 = 0b1111; // country, city, city_alt, region
        const MAIN_PLACE: u16 = 0b1011; // country, city, region
        const PEOPLE: u16 = 0b110_0000; // first_name, last_name
        let actors = features::type_bit(NeType::Per) | features::type_bit(NeType::Org);
        for (forms, row) in doc.iter().zip(tags.iter_mut()) {
            for sp in crate::tags::spans(row) {
                if !matches!(sp.ty, NeType::Per | NeType::Org) || sp.end > forms.len() {
                    continue;
                }
                let key = forms[sp.start..sp.end]
                    .iter()
                    .map(|w| w.to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" ");
                let place = match self.places.get(&key) {
                    Some(bits) => bits,
                    None if sp.end - sp.start == 1 => key
                        .strip_suffix('s')
                        .and_then(|stem| self.places.get(stem))
                        .filter(|bits| bits & PEOPLE == 0)
                        .map_or(0, |bits| bits & MAIN_PLACE),
                    None => 0,
                };
                let known = self.train_names.get(&key).unwrap_or(0);
                if place & PLACE != 0 && place & PEOPLE == 0 && known & actors == 0 {
                    row[sp.start] = Tag::B(NeType::GpeLoc);
                    for tag in &mut row[sp.start + 1..sp.end] {
                        *tag = Tag::I(NeType::GpeLoc);
                    }
                }
            }
        }
    }
}

/// «Badia-ørkenen», «Kongo-elva»: a capitalised first part before a natural-place noun
/// names a place, as NorNE tags such compounds (LOC), where the tagger left it out or
/// called it derived (DRV).
fn natural_place_compounds(doc: &[Vec<&str>], tags: &mut [Vec<Tag>]) {
    for (forms, row) in doc.iter().zip(tags.iter_mut()) {
        for (k, word) in forms.iter().enumerate() {
            let Some((first, head)) = word.rsplit_once('-') else {
                continue;
            };
            let named = first.starts_with(char::is_uppercase) && first.chars().count() > 1;
            let free = matches!(row.get(k), Some(Tag::O | Tag::B(NeType::Drv)))
                && !matches!(row.get(k + 1), Some(Tag::I(_)));
            if named && free && features::PLACE_HEADS.contains(&head) {
                row[k] = Tag::B(NeType::Loc);
            }
        }
    }
}

/// Place nouns that introduce a place's name («elven Eufrat», «byen Raqqa»), with the type
/// the name gets.
const PLACE_APPOSITIONS: &[(&str, NeType)] = &[
    ("elven", NeType::Loc),
    ("elva", NeType::Loc),
    ("elvi", NeType::Loc),
    ("innsjøen", NeType::Loc),
    ("fjellet", NeType::Loc),
    ("ørkenen", NeType::Loc),
    ("øya", NeType::Loc),
    ("byen", NeType::GpeLoc),
    ("landsbyen", NeType::GpeLoc),
    ("bygda", NeType::GpeLoc),
    ("hovedstaden", NeType::GpeLoc),
    ("hovudstaden", NeType::GpeLoc),
    ("provinsen", NeType::GpeLoc),
    ("regionen", NeType::GpeLoc),
    ("delstaten", NeType::GpeLoc),
];

/// «elven Eufrat … på begge sider av Eufrat», «Tulul al-Safa, som ligger mellom …»: a name
/// the article introduces with a place noun, or says lies somewhere, is that place wherever
/// the tagger took it for a person or organisation in the same document.
fn places_named_by_apposition(doc: &[Vec<&str>], tags: &mut [Vec<Tag>]) {
    // The first type given to a name wins; a map, not a list searched once per name,
    // since a long text can introduce thousands of places.
    let mut places: FxHashMap<&[&str], NeType> = FxHashMap::default();
    for (forms, row) in doc.iter().zip(tags.iter()) {
        for sp in crate::tags::spans(row) {
            let Some(name) = forms.get(sp.start..sp.end) else {
                continue;
            };
            let noun = sp.start.checked_sub(1).and_then(|k| forms.get(k));
            if let Some(&(_, ty)) =
                noun.and_then(|n| PLACE_APPOSITIONS.iter().find(|(p, _)| p == n))
            {
                places.entry(name).or_insert(ty);
            }
            let after = &forms[sp.end..];
            let lies = matches!(
                after,
                [",", "som", "ligger" | "ligg", ..] | ["som", "ligger" | "ligg", ..]
            );
            if lies {
                places.entry(name).or_insert(NeType::GpeLoc);
            }
        }
    }
    if places.is_empty() {
        return;
    }
    for (forms, row) in doc.iter().zip(tags.iter_mut()) {
        for sp in crate::tags::spans(row) {
            let name = &forms[sp.start..sp.end.min(forms.len())];
            let place = places.get(name);
            if let (Some(&ty), NeType::Per | NeType::Org) = (place, sp.ty) {
                row[sp.start] = Tag::B(ty);
                for tag in &mut row[sp.start + 1..sp.end] {
                    *tag = Tag::I(ty);
                }
            }
        }
    }
}

/// Nouns that end the titles news copy puts before a name at the start of a sentence
/// («Talsperson Sean Ryan», «Utenriksminister Jonas Gahr Støre»).
const TITLE_ENDINGS: &[&str] = &[
    "person",
    "mann",
    "kvinne",
    "leder",
    "leiar",
    "sjef",
    "minister",
    "president",
    "direktør",
    "sekretær",
    "kommandør",
    "general",
    "ordfører",
    "rådgiver",
    "professor",
    "talsperson",
];

/// A title at the start of a sentence is capitalised because it starts the sentence, not
/// because it is part of the name after it: a person name of three or more words whose
/// first word ends like a title loses that word.
fn strip_leading_titles(tags: &mut [Vec<Tag>], doc: &[Vec<&str>]) {
    for (forms, row) in doc.iter().zip(tags.iter_mut()) {
        let Some(span) = crate::tags::spans(row).into_iter().next() else {
            continue;
        };
        let titled = span.start == 0
            && span.ty == NeType::Per
            && span.end >= 3
            && forms.first().is_some_and(|w| {
                let first = w.to_lowercase();
                TITLE_ENDINGS.iter().any(|t| first.ends_with(t))
            });
        if titled {
            row[0] = Tag::O;
            row[1] = Tag::B(NeType::Per);
        }
    }
}

/// «Syrian Observatory» «for» «Human Rights»: two names joined by a lower-case connective
/// of an organisation's name are one organisation.
fn join_over_connectives(doc: &[Vec<&str>], tags: &mut [Vec<Tag>]) {
    for (forms, row) in doc.iter().zip(tags.iter_mut()) {
        let spans = crate::tags::spans(row);
        for pair in spans.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let joined = b.start == a.end + 1
                && matches!(forms.get(a.end), Some(&("for" | "of" | "and" | "on")))
                && b.ty == NeType::Org
                && forms[a.start..b.end]
                    .iter()
                    .all(|w| *w == forms[a.end] || is_title_word(w));
            if joined {
                row[a.start] = Tag::B(NeType::Org);
                for tag in &mut row[a.start + 1..b.end] {
                    *tag = Tag::I(NeType::Org);
                }
            }
        }
    }
}

/// A capitalised word of letters alone («Observatory», not «EØS-rådgjevar» or «SV»).
fn is_title_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
}

/// The longest name, in words, that [`propagate_spans`] puts back. Real names are far
/// shorter; a longer span is a tagging accident, and trying every length of it at every
/// word would make the rule cubic in its length.
const MAX_PROPAGATED: usize = 12;

/// A multi-word name found once in a document is that name wherever its words recur: where
/// the tagger split «Deir al-Zor» into «Deir» and nothing, or cut «Syrian Observatory for
/// Human Rights» in two, the longest name found elsewhere in the document is put back, as
/// long as no other name crosses its edges.
fn propagate_spans(doc: &[Vec<&str>], tags: &mut [Vec<Tag>]) {
    // The first type found for a name wins. The lengths of the names that start with each
    // word (a bit per length) spare looking up every slice at every word.
    let mut names: FxHashMap<&[&str], NeType> = FxHashMap::default();
    let mut lengths: FxHashMap<&str, u16> = FxHashMap::default();
    for (forms, t) in doc.iter().zip(tags.iter()) {
        for sp in crate::tags::spans(t) {
            let len = sp.end - sp.start;
            if (2..=MAX_PROPAGATED).contains(&len) && sp.end <= forms.len() {
                names.entry(&forms[sp.start..sp.end]).or_insert(sp.ty);
                *lengths.entry(forms[sp.start]).or_insert(0) |= 1 << len;
            }
        }
    }
    if names.is_empty() {
        return;
    }
    for (forms, row) in doc.iter().zip(tags.iter_mut()) {
        let mut i = 0;
        while i < forms.len() {
            // The longest name that starts here.
            let starting = lengths.get(forms[i]).copied().unwrap_or(0);
            let found = (2..=MAX_PROPAGATED.min(forms.len() - i))
                .rev()
                .filter(|n| starting & (1 << n) != 0)
                .find_map(|n| names.get(&forms[i..i + n]).map(|&ty| (n, ty)));
            let Some((n, ty)) = found else {
                i += 1;
                continue;
            };
            // Another name must not cross the edges: nothing continues into the range from
            // before it, and nothing inside it runs on past its end.
            let crosses =
                matches!(row.get(i), Some(Tag::I(_))) || matches!(row.get(i + n), Some(Tag::I(_)));
            if !crosses {
                row[i] = Tag::B(ty);
                for tag in &mut row[i + 1..i + n] {
                    *tag = Tag::I(ty);
                }
            }
            i += n;
        }
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
    let mut votes: FxHashMap<String, [u32; 9]> = FxHashMap::default();
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
    // Room for the names up front (at most one per 4 bytes left), so the maps never grow.
    let mut t = NameTable::with_capacity(n.min(r.buf.len().saturating_sub(r.pos) / 4));
    for _ in 0..n {
        let bits = r.u16()?;
        let len = r.u16()? as usize;
        let s = std::str::from_utf8(r.take(len)?)
            .map_err(|_| model_error("a name in the model is not UTF-8"))?;
        t.set(s, bits);
    }
    t.shrink_to_fit();
    Ok(t)
}

fn write_table(out: &mut Vec<u8>, t: &NameTable) {
    let mut entries: Vec<(&str, u16)> = t
        .iter()
        .filter(|(k, _)| k.len() <= u16::MAX as usize)
        .collect();
    entries.sort();
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for (k, bits) in entries {
        out.extend_from_slice(&bits.to_le_bytes());
        out.extend_from_slice(&(k.len() as u16).to_le_bytes());
        out.extend_from_slice(k.as_bytes());
    }
}

#[cfg(test)]
mod tests;
