//! The span re-scorer: after the tagger and the document rules, the type of every name
//! found is decided again by a classifier that sees the whole name at once and what the
//! document says about all its mentions: the words around each mention («i X», «X
//! sier»), the types the tagger gave the other mentions and the names that share a word
//! with it, the name tables, and the tagger's own scores for each type. Most of the F1
//! the tagger loses on NorNE dev is a name found with the right span but the wrong type.
//!
//! It is a multi-class averaged perceptron over hashed features, trained (`train.rs`) on
//! the names a tagger trained *without* each fold found in that fold (jackknifing), so it
//! learns when the tagger's type can be trusted on text it did not see.

use std::borrow::Cow;

use super::features::{self, f1, f2, f3, Context};
use super::fxhash::FxHashMap;
use super::{FeatureTable, TAGS};
use crate::tags::{spans, NameSpan, NeType, Tag};

/// Number of classes: the NorNE types.
pub(crate) const TYPES: usize = 9;

/// How far the re-scorer's best type must score above the tagger's type to replace it
/// (in the quantised units of the weights, whose largest is 32,000). Chosen by
/// cross-validation on NorNE train, which `tusj train` prints: with no margin the
/// re-scorer changes about 1,290 of 21,712 types and gets 134 more wrong than the tagger
/// (3,058 against 2,924); with this margin it changes 133 and gets 32 fewer wrong. (20,000
/// did a little better in that run, 30,000 in a run with one perceptron instead of three.)
pub(crate) const MARGIN: i32 = 30_000;

/// Tagger emission scores of one token, per tag.
pub(crate) type Emission = [i32; TAGS];

/// The trained re-scorer: per feature hash, one weight per type.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Rescorer {
    /// Sorted, distinct feature hashes.
    pub keys: Vec<u32>,
    /// `TYPES` weights per key.
    pub w: Vec<i16>,
    table: FeatureTable,
}

impl Rescorer {
    pub(crate) fn new(keys: Vec<u32>, w: Vec<i16>) -> Rescorer {
        let table = FeatureTable::new(&keys);
        Rescorer { keys, w, table }
    }

    /// The scores of each type for the features `feats`.
    fn scores(&self, feats: &[u32]) -> [i32; TYPES] {
        let mut out = [0i32; TYPES];
        for &f in feats {
            if let Some(row) = self.table.get(f) {
                if let Some(ws) = self.w.get(row * TYPES..row * TYPES + TYPES) {
                    for (a, &b) in out.iter_mut().zip(ws) {
                        *a += i32::from(b);
                    }
                }
            }
        }
        out
    }

    /// Re-types every name of `tags` (spans stay as they are) whose best type scores more
    /// than [`MARGIN`] above its own; `ems` are the first pass's emission scores of every
    /// token.
    pub(crate) fn apply(
        &self,
        doc: &[Vec<&str>],
        tags: &mut [Vec<Tag>],
        ems: &[Vec<Emission>],
        ctx: &Context,
    ) {
        for (s, sp, feats) in span_features(doc, tags, ems, ctx) {
            let scores = self.scores(&feats);
            let own = sp.ty as usize;
            let best = (0..TYPES)
                .max_by_key(|&i| (scores[i], i == own))
                .unwrap_or(own);
            if best == own || scores[best] - scores[own] <= MARGIN {
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
}

/// The tagger's score of tokens `start..end` of a sentence read as one name of each type:
/// the emission of `B-type` on the first token plus `I-type` on the others.
fn type_scores(em: &[Emission], sp: NameSpan) -> Option<[i64; TYPES]> {
    let toks = em.get(sp.start..sp.end)?;
    let mut out = [0i64; TYPES];
    for (t, o) in out.iter_mut().enumerate() {
        let ty = NeType::ALL[t];
        *o = toks
            .iter()
            .enumerate()
            .map(|(k, e)| {
                let tag = if k == 0 { Tag::B(ty) } else { Tag::I(ty) };
                i64::from(e[tag.index()])
            })
            .sum();
    }
    Some(out)
}

/// A coarse size bucket of a positive score difference (log 2 steps).
fn bucket(x: i64) -> &'static str {
    const B: [&str; 8] = ["0", "1", "2", "3", "4", "5", "6", "7"];
    let steps = (x.max(0) / 2048 + 1).ilog2() as usize;
    B[steps.min(7)]
}

/// Types in order of descending score.
fn ranked(scores: &[i64; TYPES]) -> [usize; TYPES] {
    let mut order = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    order.sort_by_key(|&i| (std::cmp::Reverse(scores[i]), i));
    order
}

/// Features of every name in `tags`: (sentence, span, feature hashes, sorted and distinct).
pub(crate) fn span_features(
    doc: &[Vec<&str>],
    tags: &[Vec<Tag>],
    ems: &[Vec<Emission>],
    ctx: &Context,
) -> Vec<(usize, NameSpan, Vec<u32>)> {
    // Lower case, allocated only for the words that have a capital (most have none).
    let lower: Vec<Vec<Cow<str>>> = doc
        .iter()
        .map(|s| {
            s.iter()
                .map(|&w| {
                    if w.chars().any(char::is_uppercase) {
                        Cow::Owned(w.to_lowercase())
                    } else {
                        Cow::Borrowed(w)
                    }
                })
                .collect()
        })
        .collect();
    // Every name of the document with its key, scores and neighbours.
    struct Mention {
        s: usize,
        sp: NameSpan,
        key: String,
        scores: Option<[i64; TYPES]>,
    }
    let mut mentions = Vec::new();
    for (s, t) in tags.iter().enumerate() {
        let Some(lw) = lower.get(s) else { continue };
        for sp in spans(t) {
            let Some(words) = lw.get(sp.start..sp.end) else {
                continue;
            };
            let scores = ems.get(s).and_then(|e| type_scores(e, sp));
            mentions.push(Mention {
                s,
                sp,
                key: words
                    .iter()
                    .map(|w| w.as_ref())
                    .collect::<Vec<_>>()
                    .join(" "),
                scores,
            });
        }
    }
    let mut by_key: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    let mut by_word: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (m, mention) in mentions.iter().enumerate() {
        by_key.entry(mention.key.as_str()).or_default().push(m);
        for w in &lower[mention.s][mention.sp.start..mention.sp.end] {
            if w.chars().any(char::is_alphabetic) {
                let list = by_word.entry(w.as_ref()).or_default();
                if list.last() != Some(&m) {
                    list.push(m);
                }
            }
        }
    }
    let word_at = |s: usize, t: Option<usize>| -> &str {
        match t.and_then(|t| lower.get(s)?.get(t)) {
            Some(w) => w.as_ref(),
            None => "<>",
        }
    };
    let mut out = Vec::with_capacity(mentions.len());
    for m in &mentions {
        let (s, sp) = (m.s, m.sp);
        let pred = sp.ty.label();
        let mut f: Vec<u32> = Vec::with_capacity(96);
        let words = &lower[s][sp.start..sp.end];
        let forms = &doc[s][sp.start..sp.end];
        f.push(f1(200, pred));
        // The words of the name itself are left out: the re-scorer would learn the
        // training names by heart (they are in the name tables already) and trust them
        // over the evidence that carries over to names it has not seen.
        let (first, last) = (&words[0], &words[words.len() - 1]);
        for n in [2, 3, 4] {
            if let Some(x) = features::suffix(last, n) {
                f.push(f2(204, features::NUMBERS[n], x));
            }
        }
        if let Some(x) = features::prefix(first, 3) {
            f.push(f1(205, x));
        }
        if let Some((_, tail)) = last.rsplit_once('-') {
            f.push(f1(206, tail));
        }
        f.push(f1(207, features::NUMBERS[words.len().min(5)]));
        let shape: String = forms
            .iter()
            .map(|w| features::short_shape(w))
            .collect::<Vec<_>>()
            .join(" ");
        f.push(f1(208, shape.as_str()));
        // Own context.
        let prev = word_at(s, sp.start.checked_sub(1));
        let prev2 = word_at(s, sp.start.checked_sub(2));
        let next = word_at(s, Some(sp.end));
        let next2 = word_at(s, Some(sp.end + 1));
        f.push(f1(209, prev));
        f.push(f1(210, next));
        f.push(f2(211, prev2, prev));
        f.push(f2(212, next, next2));
        f.push(f2(213, prev, next));
        if sp.start == 0 {
            f.push(f1(214, pred));
        }
        // Name tables.
        let bits = |t: u8, b: u16, f: &mut Vec<u32>| {
            for i in 0..16 {
                if b & (1 << i) != 0 {
                    f.push(f1(t, features::NUMBERS[i]));
                }
            }
        };
        match ctx.train_names.get(&m.key) {
            Some(b) => bits(215, b, &mut f),
            None => f.push(f0(216)),
        }
        bits(217, ctx.places.get(&m.key).unwrap_or(0), &mut f);
        bits(218, ctx.name_parts.word(first), &mut f);
        bits(219, ctx.name_parts.word(last), &mut f);
        if let Some(stem) = genitive(last) {
            let mut key = words[..words.len() - 1].join(" ");
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(stem);
            bits(220, ctx.train_names.get(&key).unwrap_or(0), &mut f);
            bits(221, ctx.places.get(&key).unwrap_or(0), &mut f);
        }
        // The tagger's scores.
        if let Some(sc) = m.scores {
            let order = ranked(&sc);
            let own = sp.ty as usize;
            let other = if order[0] == own { order[1] } else { order[0] };
            f.push(f2(222, pred, NeType::ALL[other].label()));
            f.push(f2(223, pred, bucket(sc[own] - sc[other])));
            f.push(f3(
                224,
                NeType::ALL[order[0]].label(),
                NeType::ALL[order[1]].label(),
                bucket(sc[order[0]] - sc[order[1]]),
            ));
        }
        // Every mention of the same name in the document.
        let same = by_key.get(m.key.as_str()).map_or(&[][..], Vec::as_slice);
        f.push(f1(225, features::NUMBERS[same.len().min(5)]));
        let mut pooled = [0i64; TYPES];
        let mut have_pooled = false;
        for &o in same {
            let other = &mentions[o];
            let (os, osp) = (other.s, other.sp);
            f.push(f1(226, word_at(os, osp.start.checked_sub(1))));
            f.push(f1(227, word_at(os, Some(osp.end))));
            f.push(f1(228, osp.ty.label()));
            if let Some(sc) = other.scores {
                have_pooled = true;
                for (p, x) in pooled.iter_mut().zip(sc) {
                    *p += x;
                }
            }
        }
        if have_pooled {
            let order = ranked(&pooled);
            f.push(f2(229, pred, NeType::ALL[order[0]].label()));
            f.push(f3(
                230,
                NeType::ALL[order[0]].label(),
                NeType::ALL[order[1]].label(),
                bucket((pooled[order[0]] - pooled[order[1]]) / same.len().max(1) as i64),
            ));
        }
        // Other names that share a word with this one («Støre» in «Jonas Gahr Støre»).
        for w in words {
            for &o in by_word.get(w.as_ref()).map_or(&[][..], Vec::as_slice) {
                let other = &mentions[o];
                if other.key != m.key {
                    let rel = if other.key.len() > m.key.len() {
                        "longer"
                    } else {
                        "shorter"
                    };
                    f.push(f2(231, rel, other.sp.ty.label()));
                }
            }
        }
        f.sort_unstable();
        f.dedup();
        out.push((s, sp, f));
    }
    out
}

fn f0(t: u8) -> u32 {
    f1(t, "")
}

/// The genitive stem of a lower-cased word of at least four letters.
fn genitive(w: &str) -> Option<&str> {
    if w.chars().count() < 4 {
        return None;
    }
    ["'s", "’s", "s", "'"]
        .iter()
        .find_map(|g| w.strip_suffix(g))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::features::NameTable;

    /// Re-scores «Erna Solberg», tagged a person, with one weight: the tagger-type feature
    /// of a person pulling towards an organisation by `org`.
    fn rescore_with(org: i16) -> Vec<Tag> {
        let mut w = vec![0i16; TYPES];
        w[NeType::Org as usize] = org;
        let r = Rescorer::new(vec![f1(200, NeType::Per.label())], w);
        let doc = vec![vec!["Erna", "Solberg", "sier", "nei"]];
        let per = NeType::Per;
        let mut tags = vec![vec![Tag::B(per), Tag::I(per), Tag::O, Tag::O]];
        let empty = NameTable::default();
        let ctx = Context {
            train_names: &empty,
            name_parts: &empty,
            places: &empty,
        };
        r.apply(&doc, &mut tags, &[], &ctx);
        tags.remove(0)
    }

    #[test]
    fn a_type_changes_only_beyond_the_margin() {
        let org = NeType::Org;
        assert!(i32::from(i16::MAX) > MARGIN);
        assert_eq!(
            rescore_with(i16::MAX),
            vec![Tag::B(org), Tag::I(org), Tag::O, Tag::O]
        );
        let kept = rescore_with((MARGIN - 1) as i16);
        assert_eq!(kept[..2], [Tag::B(NeType::Per), Tag::I(NeType::Per)]);
    }

    #[test]
    fn every_mention_sees_the_context_of_the_others() {
        let doc = vec![
            vec!["Solberg", "sier", "nei"],
            vec!["Hun", "møtte", "Solberg"],
        ];
        let per = Tag::B(NeType::Per);
        let tags = vec![vec![per, Tag::O, Tag::O], vec![Tag::O, Tag::O, per]];
        let empty = NameTable::default();
        let ctx = Context {
            train_names: &empty,
            name_parts: &empty,
            places: &empty,
        };
        let found = span_features(&doc, &tags, &[], &ctx);
        assert_eq!(found.len(), 2);
        let (s, sp, feats) = &found[1];
        assert_eq!((*s, sp.start, sp.end), (1, 2, 3));
        // The second mention ends its sentence, yet it gets «sier» after the first, and
        // «møtte» before itself.
        assert!(feats.contains(&f1(227, "sier")));
        assert!(feats.contains(&f1(226, "møtte")));
        assert!(feats.contains(&f1(225, "2")));
        assert!(!feats.contains(&f1(210, "sier")));
    }
}
