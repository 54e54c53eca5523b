//! The deterministic trainer behind `tusj train`: NorNE train (Bokmål and Nynorsk) in,
//! a [`Model`] out.
//!
//! Steps, all with a fixed seed and no threads, so the same data gives the same bytes:
//! 1. Documents are read from the `# source` comments and dealt into `folds` folds.
//! 2. Names of NorNE train become a name table. While training, the table a sentence
//!    sees is built from the *other* folds only (jackknifing): otherwise every training
//!    name would be in the table and the model would learn to trust it blindly.
//! 3. Pass one is an averaged perceptron over the features of `features.rs`.
//! 4. For pass two, each fold is tagged by a pass-one model trained without it; pass
//!    two learns from those (honestly imperfect) first-pass tags of other occurrences.
//! 5. The averaged weights are quantised to `i16` and rows that quantise to zero are
//!    dropped.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::features::{self, Context, DocView, NameTable};
use super::{viterbi, Model, Weights, TAGS};
use crate::error::{Error, ErrorKind};
use crate::eval::conllu;
use crate::tags::{spans, Tag};

/// What to train on and how.
#[derive(Clone, Debug)]
pub struct Config {
    /// CoNLL-U training files (NorNE train).
    pub train: Vec<PathBuf>,
    /// Perceptron epochs per model.
    pub epochs: usize,
    /// 1 or 2 passes.
    pub passes: usize,
    /// Folds for jackknifing.
    pub folds: usize,
    /// Seed of the shuffles.
    pub seed: u64,
    /// Features seen fewer times than this in training are not learned.
    pub min_count: u32,
    /// Feature rows whose largest quantised weight (of ±32,000) is at most this are
    /// dropped from the model: they change almost no decision and cost 42 bytes each.
    pub prune: i16,
    /// Perceptrons trained per pass (on different shuffles) whose weights are averaged.
    pub mix: usize,
    /// Every `alone_every`-th training document (0: none) gets its document features from
    /// each sentence alone, as a one-sentence input would, so the model also learns to
    /// decide without the rest of the article.
    pub alone_every: usize,
    /// Features withheld at random on each visit of a training sentence (regularisation;
    /// [`Dropout::Off`] in the standard model).
    pub dropout: Dropout,
    /// Print progress to stderr.
    pub verbose: bool,
}

impl Config {
    /// The configuration the committed model was trained with, over the NorNE directory
    /// `norne`.
    pub fn standard(norne: &Path) -> Config {
        Config {
            train: vec![
                norne.join("no_bokmaal-train.ndt-derived.conllu"),
                norne.join("no_nynorsk-train.ndt-derived.conllu"),
            ],
            epochs: 8,
            passes: 1,
            folds: 5,
            seed: 20_181_117,
            min_count: 1,
            prune: 0,
            mix: 3,
            alone_every: ALONE_EVERY,
            dropout: Dropout::Off,
            verbose: true,
        }
    }
}

/// Dropout in training: on each visit of a training sentence (each epoch, each mixed
/// perceptron) some of its features are withheld, drawn from a generator of their own
/// (seeded from [`Config::seed`]), so the same configuration still gives the same bytes.
/// The model's features and the tagger are the same; only what the weights learn changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dropout {
    /// Every feature, every time (the standard).
    Off,
    /// Each token, with this probability in percent, loses its word-identity features
    /// (`features::identity_features`: form, lower-cased form, genitive stem and the
    /// word pairs with its neighbours), as if it were a word never seen in training.
    Identity(u8),
    /// Each feature of each token is withheld with this probability in percent.
    All(u8),
    /// Each sentence, with this probability in percent, loses the document-evidence
    /// features of all its tokens (`features::evidence_features`: what other
    /// occurrences of each word in the document say), as if it came without a document.
    Evidence(u8),
    /// Each sentence, with this probability in percent, is seen with the document
    /// evidence it would have alone (its document cut to itself, as a one-sentence input
    /// to the tagger gives it) instead of its document's.
    Alone(u8),
}

/// One training sentence: owned forms and gold tags.
struct Sent {
    forms: Vec<String>,
    gold: Vec<Tag>,
}

/// Reads CoNLL-U files into documents (runs of sentences with the same `# source` file).
///
/// # Errors
/// An I/O or CoNLL-U error naming the file.
fn read_documents(paths: &[PathBuf]) -> Result<Vec<Vec<Sent>>, Error> {
    let mut docs: Vec<Vec<Sent>> = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::new(ErrorKind::Io, format!("{}: {e}", path.display())))?;
        let corpus = conllu::parse(&text)
            .map_err(|e| Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        let mut last: Option<String> = None;
        for s in &corpus.sentences {
            let doc = s.document().map(str::to_string);
            if docs.is_empty()
                || doc != last
                || (doc.is_none() && docs.last().is_some_and(|d| d.len() >= 40))
            {
                docs.push(Vec::new());
            }
            last = doc;
            if let Some(d) = docs.last_mut() {
                d.push(Sent {
                    forms: s.forms().iter().map(|f| f.to_string()).collect(),
                    gold: s.tags(),
                });
            }
        }
    }
    Ok(docs)
}

/// A small deterministic generator (xorshift64*), enough for shuffling.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// Adds the gold names of `docs` to a name table.
fn add_names(table: &mut NameTable, docs: &[&Vec<Sent>]) {
    for doc in docs {
        for s in doc.iter() {
            for span in spans(&s.gold) {
                let toks: Vec<&str> = s.forms[span.start..span.end]
                    .iter()
                    .map(String::as_str)
                    .collect();
                table.insert(&toks, features::type_bit(span.ty));
            }
        }
    }
}

/// Adds the tokens of the gold names of `docs` to a name-part table.
fn add_parts(table: &mut NameTable, docs: &[&Vec<Sent>]) {
    for doc in docs {
        for s in doc.iter() {
            for span in spans(&s.gold) {
                for (k, form) in s.forms[span.start..span.end].iter().enumerate() {
                    table.insert(&[form.as_str()], features::part_bit(span.ty, k == 0));
                }
            }
        }
    }
}

/// The standard [`Config::alone_every`].
pub const ALONE_EVERY: usize = 0;

/// Feature hashes of every token of every sentence of `docs`, document by document.
fn doc_features(
    docs: &[Vec<Sent>],
    tables: &[(NameTable, NameTable)],
    fold_of: &[usize],
    places: &NameTable,
    first_pass: Option<&[Vec<Vec<Tag>>]>,
    alone_every: usize,
    marked: Option<(Dropout, &mut Vec<Vec<Vec<u32>>>)>,
) -> Vec<Vec<Vec<u32>>> {
    let mut out = Vec::new();
    let mut marked = marked;
    for (d, doc) in docs.iter().enumerate() {
        let forms: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.forms.iter().map(String::as_str).collect())
            .collect();
        let view = DocView {
            words: forms.iter().map(|f| features::words(f)).collect(),
        };
        let fp = first_pass.and_then(|f| f.get(d)).map(Vec::as_slice);
        let evidence = if alone_every > 0 && d % alone_every == alone_every - 1 {
            let mut evidence = Vec::with_capacity(forms.len());
            for (s, f) in forms.iter().enumerate() {
                let one = DocView {
                    words: vec![features::words(f)],
                };
                let fp_one = fp.and_then(|tags| tags.get(s..s + 1));
                evidence.extend(features::doc_evidence(&one, fp_one));
            }
            evidence
        } else {
            features::doc_evidence(&view, fp)
        };
        let ctx = Context {
            train_names: &tables[fold_of[d]].0,
            name_parts: &tables[fold_of[d]].1,
            places,
        };
        for (s, (words, ev)) in view.words.iter().zip(&evidence).enumerate() {
            let mut feats = Vec::with_capacity(words.len());
            features::sentence_features(words, ev, &ctx, &mut feats);
            out.push(feats);
            if let Some((Dropout::Alone(_), alone)) = marked.as_mut() {
                let one = DocView {
                    words: vec![features::words(&forms[s])],
                };
                let fp_one = fp.and_then(|tags| tags.get(s..s + 1));
                let ev_one = features::doc_evidence(&one, fp_one);
                let mut feats = Vec::with_capacity(words.len());
                features::sentence_features(words, &ev_one[0], &ctx, &mut feats);
                alone.push(feats);
                continue;
            }
            if let Some((dropout, marks)) = marked.as_mut() {
                marks.push(
                    (0..words.len())
                        .map(|i| {
                            let mut h = Vec::new();
                            match (*dropout, ev.get(i)) {
                                (Dropout::Identity(_), _) => {
                                    features::identity_features(words, i, &mut h);
                                }
                                (Dropout::Evidence(_), Some(e)) => {
                                    features::token_evidence_features(words, i, e, &mut h);
                                }
                                _ => {}
                            }
                            h
                        })
                        .collect(),
                );
            }
        }
    }
    out
}

/// Training sentences as feature ids (flattened) and gold tag indices.
struct Data {
    /// Per sentence: (token offsets into `ids`, gold tag indices).
    sents: Vec<(Vec<usize>, Vec<usize>)>,
    ids: Vec<u32>,
    /// The hash of each feature id.
    hashes: Vec<u32>,
    /// Beside `ids`: whether that feature of that token is one the dropout withholds as
    /// a group (its word-identity features for [`Dropout::Identity`], its
    /// document-evidence features for [`Dropout::Evidence`]; empty otherwise).
    identity: Vec<bool>,
    /// For [`Dropout::Alone`]: each sentence's feature ids with the evidence it would
    /// have alone, and their token offsets into `alone_ids` (empty otherwise).
    alone_ids: Vec<u32>,
    alone_sents: Vec<Vec<usize>>,
}

fn index_features(
    feats: &[Vec<Vec<u32>>],
    gold: &[Vec<usize>],
    min_count: u32,
    identity: Option<&[Vec<Vec<u32>>]>,
    alone: Option<&[Vec<Vec<u32>>]>,
) -> Data {
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for s in feats {
        for t in s {
            for &h in t {
                *counts.entry(h).or_insert(0) += 1;
            }
        }
    }
    let mut hashes: Vec<u32> = counts
        .iter()
        .filter(|(_, &c)| c >= min_count)
        .map(|(&h, _)| h)
        .collect();
    hashes.sort_unstable();
    let id_of: HashMap<u32, u32> = hashes
        .iter()
        .enumerate()
        .map(|(i, &h)| (h, i as u32))
        .collect();
    let mut ids = Vec::new();
    let mut is_identity = Vec::new();
    let mut sents = Vec::with_capacity(feats.len());
    for (k, (s, g)) in feats.iter().zip(gold).enumerate() {
        let mut offs = Vec::with_capacity(s.len() + 1);
        offs.push(ids.len());
        for (i, t) in s.iter().enumerate() {
            let own = identity.and_then(|id| id.get(k)?.get(i));
            for h in t {
                if let Some(&id) = id_of.get(h) {
                    ids.push(id);
                    if let Some(own) = own {
                        is_identity.push(own.contains(h));
                    }
                }
            }
            offs.push(ids.len());
        }
        sents.push((offs, g.clone()));
    }
    let (mut alone_ids, mut alone_sents) = (Vec::new(), Vec::new());
    for s in alone.unwrap_or_default() {
        let mut offs = vec![alone_ids.len()];
        for t in s {
            alone_ids.extend(t.iter().filter_map(|h| id_of.get(h)));
            offs.push(alone_ids.len());
        }
        alone_sents.push(offs);
    }
    Data {
        sents,
        ids,
        hashes,
        identity: is_identity,
        alone_ids,
        alone_sents,
    }
}

/// An averaged perceptron in training: integer weights plus the running sums for the
/// average (the standard lazy-averaging trick).
struct Perceptron {
    w: Vec<i32>,
    u: Vec<i64>,
    tw: Vec<i32>,
    tu: Vec<i64>,
    c: i64,
}

impl Perceptron {
    fn new(n: usize) -> Perceptron {
        Perceptron {
            w: vec![0; n * TAGS],
            u: vec![0; n * TAGS],
            tw: vec![0; (TAGS + 1) * TAGS],
            tu: vec![0; (TAGS + 1) * TAGS],
            c: 1,
        }
    }

    fn decode(&self, ids: &[u32], offs: &[usize]) -> Vec<usize> {
        let n = offs.len().saturating_sub(1);
        let mut em = vec![[0i32; TAGS]; n];
        for (i, e) in em.iter_mut().enumerate() {
            for &id in &ids[offs[i]..offs[i + 1]] {
                let row = &self.w[id as usize * TAGS..id as usize * TAGS + TAGS];
                for (a, &b) in e.iter_mut().zip(row) {
                    *a += b;
                }
            }
        }
        viterbi(&em, |p, c| {
            self.tw[p.map_or(0, |p| p + 1) * TAGS + c] as i64
        })
        .iter()
        .map(|t| t.index())
        .collect()
    }

    fn update(&mut self, ids: &[u32], offs: &[usize], gold: &[usize], pred: &[usize]) {
        let c = self.c;
        for i in 0..gold.len() {
            let (g, p) = (gold[i], pred[i]);
            if g != p {
                for &id in &ids[offs[i]..offs[i + 1]] {
                    let base = id as usize * TAGS;
                    self.w[base + g] += 1;
                    self.u[base + g] += c;
                    self.w[base + p] -= 1;
                    self.u[base + p] -= c;
                }
            }
            let gp = if i == 0 { 0 } else { gold[i - 1] + 1 };
            let pp = if i == 0 { 0 } else { pred[i - 1] + 1 };
            if (gp, g) != (pp, p) {
                self.tw[gp * TAGS + g] += 1;
                self.tu[gp * TAGS + g] += c;
                self.tw[pp * TAGS + p] -= 1;
                self.tu[pp * TAGS + p] -= c;
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn train(
        data: &Data,
        which: &[usize],
        epochs: usize,
        rng: &mut Rng,
        dropout: Dropout,
        drop_rng: &mut Rng,
        verbose: bool,
    ) -> Perceptron {
        let mut p = Perceptron::new(data.hashes.len());
        let mut order: Vec<usize> = which.to_vec();
        let (mut kept, mut kept_offs) = (Vec::new(), Vec::new());
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            let mut wrong = 0usize;
            for &s in &order {
                let (offs, gold) = &data.sents[s];
                let (ids, offs) = match dropout {
                    Dropout::Off => (data.ids.as_slice(), offs.as_slice()),
                    Dropout::Alone(q) => {
                        if drop_rng.below(100) < usize::from(q) {
                            (data.alone_ids.as_slice(), data.alone_sents[s].as_slice())
                        } else {
                            (data.ids.as_slice(), offs.as_slice())
                        }
                    }
                    _ => {
                        drop_features(data, offs, dropout, drop_rng, &mut kept, &mut kept_offs);
                        (kept.as_slice(), kept_offs.as_slice())
                    }
                };
                let pred = p.decode(ids, offs);
                if pred != *gold {
                    wrong += 1;
                    p.update(ids, offs, gold, &pred);
                }
                p.c += 1;
            }
            if verbose {
                eprintln!(
                    "  epoch {}: {} of {} sentences wrong",
                    epoch + 1,
                    wrong,
                    order.len()
                );
            }
        }
        p
    }

    /// Adds this perceptron's averaged weights (emissions, transitions) to the sums.
    fn add_average(&self, w: &mut [f64], t: &mut [f64]) {
        let c = self.c as f64;
        for ((sum, &wi), &ui) in w.iter_mut().zip(&self.w).zip(&self.u) {
            *sum += wi as f64 - ui as f64 / c;
        }
        for ((sum, &wi), &ui) in t.iter_mut().zip(&self.tw).zip(&self.tu) {
            *sum += wi as f64 - ui as f64 / c;
        }
    }
}

/// The features of the sentence with token offsets `offs` into `data.ids` that
/// `dropout` keeps on this visit, into `kept` (offsets into it in `kept_offs`).
fn drop_features(
    data: &Data,
    offs: &[usize],
    dropout: Dropout,
    rng: &mut Rng,
    kept: &mut Vec<u32>,
    kept_offs: &mut Vec<usize>,
) {
    kept.clear();
    kept_offs.clear();
    kept_offs.push(0);
    // Evidence dropout: one draw for the whole sentence.
    let withhold_evidence = match dropout {
        Dropout::Evidence(p) => rng.below(100) < usize::from(p),
        _ => false,
    };
    for t in offs.windows(2) {
        let range = t[0]..t[1];
        match dropout {
            Dropout::Off | Dropout::Alone(_) => kept.extend_from_slice(&data.ids[range]),
            Dropout::Identity(p) => {
                if rng.below(100) < usize::from(p) {
                    let own = &data.identity[range.clone()];
                    kept.extend(
                        data.ids[range]
                            .iter()
                            .zip(own)
                            .filter(|(_, &o)| !o)
                            .map(|(&id, _)| id),
                    );
                } else {
                    kept.extend_from_slice(&data.ids[range]);
                }
            }
            Dropout::All(p) => {
                for &id in &data.ids[range] {
                    if rng.below(100) >= usize::from(p) {
                        kept.push(id);
                    }
                }
            }
            Dropout::Evidence(_) => {
                if withhold_evidence {
                    let own = &data.identity[range.clone()];
                    kept.extend(
                        data.ids[range]
                            .iter()
                            .zip(own)
                            .filter(|(_, &o)| !o)
                            .map(|(&id, _)| id),
                    );
                } else {
                    kept.extend_from_slice(&data.ids[range]);
                }
            }
        }
        kept_offs.push(kept.len());
    }
}

/// Trains `runs` perceptrons on differently shuffled data and mixes (averages) their
/// averaged weights, which steadies the result against the luck of one shuffle; then
/// quantises: rows that round to all-zero (or below `prune`) are dropped.
fn train_mixed(
    data: &Data,
    which: &[usize],
    config: &Config,
    rng: &mut Rng,
    drop_rng: &mut Rng,
    verbose: bool,
) -> Weights {
    let runs = config.mix.max(1);
    let mut w = vec![0f64; data.hashes.len() * TAGS];
    let mut t = vec![0f64; (TAGS + 1) * TAGS];
    for _ in 0..runs {
        let p = Perceptron::train(
            data,
            which,
            config.epochs,
            rng,
            config.dropout,
            drop_rng,
            verbose,
        );
        p.add_average(&mut w, &mut t);
    }
    let max = w.iter().fold(0f64, |m, x| m.max(x.abs()));
    let scale = if max > 0.0 { 32_000.0 / max } else { 1.0 };
    let trans: Vec<i32> = t.iter().map(|x| (x * scale).round() as i32).collect();
    let mut keys = Vec::new();
    let mut weights = Vec::new();
    for (id, &h) in data.hashes.iter().enumerate() {
        let row: Vec<i16> = w[id * TAGS..id * TAGS + TAGS]
            .iter()
            .map(|x| (x * scale).round() as i16)
            .collect();
        if row
            .iter()
            .any(|&x| x.unsigned_abs() > config.prune.unsigned_abs())
        {
            keys.push(h);
            weights.extend(row);
        }
    }
    Weights::new(trans, keys, weights)
}

/// Trains a model.
///
/// # Errors
/// An I/O or CoNLL-U error when a training file cannot be read.
pub fn train(config: &Config) -> Result<Model, Error> {
    let log = |m: &str| {
        if config.verbose {
            eprintln!("{m}");
        }
    };
    let docs = read_documents(&config.train)?;
    let folds = config.folds.max(2);
    let mut rng = Rng::new(config.seed);
    // Dropout draws from a generator of its own, so the shuffles are those of the
    // standard configuration with the same seed.
    let mut drop_rng = Rng::new(config.seed ^ 0xd20f_0a7d);
    let marked = matches!(config.dropout, Dropout::Identity(_) | Dropout::Evidence(_));
    let alone = matches!(config.dropout, Dropout::Alone(_));
    let mut doc_order: Vec<usize> = (0..docs.len()).collect();
    rng.shuffle(&mut doc_order);
    let mut fold_of = vec![0usize; docs.len()];
    for (k, &d) in doc_order.iter().enumerate() {
        fold_of[d] = k % folds;
    }
    log(&format!(
        "{} documents, {} sentences, {} folds",
        docs.len(),
        docs.iter().map(Vec::len).sum::<usize>(),
        folds
    ));

    // Name tables: one per fold (names of the other folds), and the full one for the model.
    let mut tables = Vec::with_capacity(folds);
    for k in 0..folds {
        let others: Vec<&Vec<Sent>> = (0..docs.len())
            .filter(|&d| fold_of[d] != k)
            .map(|d| &docs[d])
            .collect();
        let mut t = NameTable::default();
        add_names(&mut t, &others);
        let mut p = NameTable::default();
        add_parts(&mut p, &others);
        tables.push((t, p));
    }
    let all_docs: Vec<&Vec<Sent>> = docs.iter().collect();
    let mut full = NameTable::default();
    add_names(&mut full, &all_docs);
    let mut full_parts = NameTable::default();
    add_parts(&mut full_parts, &all_docs);
    let places = crate::model::gazetteer::places();

    let gold: Vec<Vec<usize>> = docs
        .iter()
        .flatten()
        .map(|s| s.gold.iter().map(|t| t.index()).collect())
        .collect();
    // Sentence index ranges of each document.
    let mut doc_sents = Vec::with_capacity(docs.len());
    let mut at = 0;
    for doc in &docs {
        doc_sents.push(at..at + doc.len());
        at += doc.len();
    }
    let all: Vec<usize> = (0..gold.len()).collect();

    log("pass 1: features");
    let mut own = Vec::new();
    let feats = doc_features(
        &docs,
        &tables,
        &fold_of,
        &places,
        None,
        config.alone_every,
        (marked || alone).then_some((config.dropout, &mut own)),
    );
    let data = index_features(
        &feats,
        &gold,
        config.min_count,
        marked.then_some(own.as_slice()),
        alone.then_some(own.as_slice()),
    );
    drop(feats);
    drop(own);
    log(&format!("pass 1: {} features; training", data.hashes.len()));
    let mut passes = vec![train_mixed(
        &data,
        &all,
        config,
        &mut rng,
        &mut drop_rng,
        config.verbose,
    )];

    if config.passes >= 2 {
        // First-pass tags of each fold from a model that never saw it.
        let mut first: Vec<Vec<Vec<Tag>>> = docs
            .iter()
            .map(|d| d.iter().map(|s| vec![Tag::O; s.gold.len()]).collect())
            .collect();
        for k in 0..folds {
            log(&format!("pass 1 without fold {}", k + 1));
            let train_on: Vec<usize> = (0..docs.len())
                .filter(|&d| fold_of[d] != k)
                .flat_map(|d| doc_sents[d].clone())
                .collect();
            let pk = Perceptron::train(
                &data,
                &train_on,
                config.epochs,
                &mut rng,
                config.dropout,
                &mut drop_rng,
                false,
            );
            for d in (0..docs.len()).filter(|&d| fold_of[d] == k) {
                for (j, s) in doc_sents[d].clone().enumerate() {
                    let pred = pk.decode(&data.ids, &data.sents[s].0);
                    first[d][j] = pred.iter().filter_map(|&i| Tag::from_index(i)).collect();
                }
            }
        }
        drop(data);
        log("pass 2: features");
        let mut own = Vec::new();
        let feats = doc_features(
            &docs,
            &tables,
            &fold_of,
            &places,
            Some(&first),
            config.alone_every,
            (marked || alone).then_some((config.dropout, &mut own)),
        );
        let data2 = index_features(
            &feats,
            &gold,
            config.min_count,
            marked.then_some(own.as_slice()),
            alone.then_some(own.as_slice()),
        );
        drop(feats);
        drop(own);
        log(&format!(
            "pass 2: {} features; training",
            data2.hashes.len()
        ));
        passes.push(train_mixed(
            &data2,
            &all,
            config,
            &mut rng,
            &mut drop_rng,
            config.verbose,
        ));
    }

    Ok(Model {
        passes,
        train_names: full,
        name_parts: full_parts,
        places,
        caches: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two tokens of three features each; the first feature of each is an identity one.
    fn data() -> Data {
        Data {
            sents: vec![(vec![0, 3, 6], vec![0, 0])],
            ids: vec![10, 11, 12, 20, 21, 22],
            hashes: Vec::new(),
            identity: vec![true, false, false, true, false, false],
            alone_ids: Vec::new(),
            alone_sents: Vec::new(),
        }
    }

    fn kept(dropout: Dropout, seed: u64, visits: usize) -> Vec<(Vec<u32>, Vec<usize>)> {
        let data = data();
        let mut rng = Rng::new(seed);
        (0..visits)
            .map(|_| {
                let (mut k, mut o) = (Vec::new(), Vec::new());
                drop_features(&data, &data.sents[0].0, dropout, &mut rng, &mut k, &mut o);
                (k, o)
            })
            .collect()
    }

    #[test]
    fn identity_dropout_withholds_only_identity_features_of_whole_tokens() {
        let visits = kept(Dropout::Identity(50), 7, 400);
        let mut seen = std::collections::HashSet::new();
        for (k, o) in &visits {
            assert_eq!(o.len(), 3);
            for t in 0..2 {
                let token = &k[o[t]..o[t + 1]];
                let (own, rest) = (10 * (t as u32 + 1), 10 * (t as u32 + 1) + 1);
                assert!(token.ends_with(&[rest, rest + 1]), "{token:?}");
                assert!(token.len() == 3 && token[0] == own || token.len() == 2);
                seen.insert((t, token.len()));
            }
        }
        // Both tokens both kept whole and withheld at p = 50 % over 400 visits.
        assert_eq!(seen.len(), 4);
        // Deterministic for a seed; 0 % withholds nothing.
        assert_eq!(visits, kept(Dropout::Identity(50), 7, 400));
        let none = kept(Dropout::Identity(0), 7, 10);
        assert!(none.iter().all(|(k, _)| k == &data().ids));
    }

    #[test]
    fn feature_dropout_withholds_about_its_share() {
        let visits = kept(Dropout::All(25), 3, 1000);
        let kept: usize = visits.iter().map(|(k, _)| k.len()).sum();
        // 6,000 features, 4,500 expected kept.
        assert!((4_300..4_700).contains(&kept), "{kept}");
        assert!(visits.iter().all(|(k, o)| o[2] == k.len()));
    }

    /// Evidence dropout withholds the marked features of every token of the sentence on
    /// the same visit, or of none, at about its rate.
    #[test]
    fn evidence_dropout_withholds_a_whole_sentence_or_nothing() {
        let visits = kept(Dropout::Evidence(25), 5, 1000);
        let mut withheld = 0;
        for (k, o) in &visits {
            let whole = k == &data().ids && o == &data().sents[0].0;
            let none = k == &[11, 12, 21, 22] && o == &[0, 2, 4];
            assert!(whole || none, "{k:?} {o:?}");
            withheld += usize::from(none);
        }
        assert!((200..300).contains(&withheld), "{withheld}");
        assert_eq!(visits, kept(Dropout::Evidence(25), 5, 1000));
    }

    /// With [`Dropout::Alone`], each sentence's second feature set is the one it has as a
    /// document of its own: not its document's, where another sentence repeats a word.
    #[test]
    fn alone_features_are_those_of_the_sentence_as_its_own_document() {
        let sent = |forms: &[&str]| Sent {
            forms: forms.iter().map(|f| f.to_string()).collect(),
            gold: vec![Tag::O; forms.len()],
        };
        let doc = vec![
            sent(&["I", "går", "kom", "Raqqa", "i", "nyhetene", "."]),
            sent(&["Folk", "i", "Raqqa", "flykter", "."]),
        ];
        let tables = vec![(NameTable::default(), NameTable::default())];
        let places = NameTable::default();
        let run = |docs: &[Vec<Sent>], dropout| {
            let mut alone = Vec::new();
            let feats = doc_features(
                docs,
                &tables,
                &[0; 2],
                &places,
                None,
                0,
                Some((dropout, &mut alone)),
            );
            (feats, alone)
        };
        let (feats, alone) = run(std::slice::from_ref(&doc), Dropout::Alone(25));
        assert_eq!(alone.len(), 2);
        for (k, s) in doc.into_iter().enumerate() {
            let (own, _) = run(&[vec![s]], Dropout::Off);
            assert_eq!(alone[k], own[0], "sentence {k}");
            assert_ne!(feats[k], own[0], "sentence {k}");
        }
    }
}
