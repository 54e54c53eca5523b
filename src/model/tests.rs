//! Tests of the model format and of tagging with the embedded model.

use super::*;
use crate::tags::NeType;

fn tiny() -> Model {
    let mut names = NameTable::default();
    names.insert(&["Oslo"], features::type_bit(NeType::GpeLoc));
    let mut trans = vec![0i32; (TAGS + 1) * TAGS];
    trans[3] = 5;
    let mut weights = vec![0i16; 3 * TAGS];
    weights[0] = -3;
    weights[TAGS + 5] = 700;
    weights[3 * TAGS - 1] = i16::MIN;
    Model {
        passes: vec![Weights::new(trans, vec![7, 9, 1234], weights)],
        train_names: names,
        name_parts: NameTable::default(),
        places: NameTable::default(),
        caches: CachePool::default(),
    }
}

#[test]
fn bytes_round_trip() {
    let m = tiny();
    let back = Model::from_bytes(&m.to_bytes()).unwrap();
    assert_eq!(back, m);
}

#[test]
fn garbage_and_truncation_are_model_errors() {
    let bytes = tiny().to_bytes();
    let mut cases: Vec<Vec<u8>> = vec![Vec::new(), b"not a model at all".to_vec(), vec![0xff; 100]];
    for n in [1, 7, 8, 11, 12, 16, 40, bytes.len() - 1] {
        cases.push(bytes[..n].to_vec());
    }
    let mut wrong_version = bytes.clone();
    wrong_version[8] = 99;
    cases.push(wrong_version);
    let mut trailing = bytes.clone();
    trailing.push(0);
    cases.push(trailing);
    for (i, c) in cases.iter().enumerate() {
        let e = Model::from_bytes(c).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Model, "case {i}: {e}");
    }
    // Every truncation of a valid model is an error, never a panic.
    for n in 0..bytes.len() {
        assert!(Model::from_bytes(&bytes[..n]).is_err(), "truncated to {n}");
    }
}

#[test]
fn viterbi_never_starts_or_continues_badly() {
    // Emissions that favour I-PER everywhere: the decoder must still produce IOB2.
    let mut e = [0i32; TAGS];
    e[Tag::I(NeType::Per).index()] = 100;
    e[Tag::B(NeType::Org).index()] = 60;
    let tags = viterbi(&[e, e, e], |_, _| 0);
    // B-PER I-PER I-PER (200) beats B-ORG B-ORG B-ORG (180); I-PER first is not allowed.
    assert_eq!(
        tags,
        [
            Tag::B(NeType::Per),
            Tag::I(NeType::Per),
            Tag::I(NeType::Per)
        ]
    );
    for w in tags.windows(2) {
        assert!(w[1].may_follow(w[0]), "{tags:?}");
    }
    assert!(viterbi::<[i32; TAGS]>(&[], |_, _| 0).is_empty());
}

#[test]
fn embedded_model_tags_any_input_without_panicking() {
    let Ok(m) = embedded() else {
        panic!("embedded model does not decode");
    };
    let long = "x".repeat(5000);
    let doc: Vec<Vec<&str>> = vec![
        vec![],
        vec![""],
        vec![
            "🇳🇴",
            "e\u{301}",
            "\u{200d}",
            "שלום",
            "ÆØÅ",
            "ǅ",
            "ß",
            "İstanbul",
        ],
        vec![long.as_str(), "-", "--", "a-", "-b", "«", "»"],
        vec![],
    ];
    let tags = m.tag(&doc);
    assert_eq!(tags.len(), doc.len());
    for (t, s) in tags.iter().zip(&doc) {
        assert_eq!(t.len(), s.len());
        for w in t.windows(2) {
            assert!(w[1].may_follow(w[0]));
        }
    }
    assert!(m.tag(&[]).is_empty());
}

/// «is» (ice) is a word, not the group IS. The seeds' names, IS among them, are checked
/// through the whole annotator in `tests/seeds.rs`; they hold no lower-case «is».
#[test]
fn ice_is_not_a_name() {
    let doc: Vec<Vec<&str>> = vec![
        vec!["Jihadistgruppa", "IS", "trakk", "seg", "ut", "."],
        vec![
            "Om", "vinteren", "legger", "det", "seg", "is", "på", "elva", ".",
        ],
    ];
    let Ok(model) = embedded() else {
        panic!("the embedded model decodes");
    };
    let tags = model.tag(&doc);
    assert_eq!(tags[1][5], Tag::O, "«is» tagged {:?}", tags[1][5]);
}

#[test]
fn harmonise_follows_the_majority_but_keeps_state_roles() {
    use NeType::*;
    let doc: Vec<Vec<&str>> = vec![
        vec!["IS", "angrep"],
        vec!["IS", "trakk", "seg"],
        vec!["mot", "IS"],
        vec!["Syria", "svarte", "i", "Syria"],
    ];
    let mut tags = vec![
        vec![Tag::B(Org), Tag::O],
        vec![Tag::B(Per), Tag::O, Tag::O],
        vec![Tag::O, Tag::B(Org)],
        vec![Tag::B(GpeOrg), Tag::O, Tag::O, Tag::B(GpeLoc)],
    ];
    harmonise(&doc, &mut tags);
    assert_eq!(tags[1][0], Tag::B(Org));
    assert_eq!(tags[3][0], Tag::B(GpeOrg));
    assert_eq!(tags[3][3], Tag::B(GpeLoc));
}

#[test]
fn long_repetitive_input_stays_linear() {
    // One sentence of 50,000 capitalised repeats: with an unbounded scan over the other
    // occurrences this would take 2.5·10^9 steps; it must finish like any other input.
    let m = embedded().expect("embedded model decodes");
    let sentence: Vec<&str> = vec!["Oslo"; 50_000];
    let tags = m.tag(&[sentence]);
    assert_eq!(tags[0].len(), 50_000);
}

#[test]
fn document_rules_repair_spans_and_place_types() {
    use NeType::*;
    let doc: Vec<Vec<&str>> = vec![
        vec!["Talsperson", "Sean", "Ryan", "sa", "det"],
        vec!["langs", "elven", "Eufrat", "og", "i", "Badia-ørkenen"],
        vec!["Eufrat", "flommet"],
        vec!["Syrian", "Observatory", "for", "Human", "Rights"],
        vec!["Tulul", "al-Safa", ",", "som", "ligger", "der"],
        vec!["i", "Deir", "al-Zor", "og", "Deir", "al-Zor"],
    ];
    let b = Tag::B;
    let i = Tag::I;
    let o = Tag::O;
    let mut tags = vec![
        vec![b(Per), i(Per), i(Per), o, o],
        vec![o, o, b(Per), o, o, b(Drv)],
        vec![b(Per), o],
        vec![b(Per), i(Per), o, b(Org), i(Org)],
        vec![b(Org), i(Org), o, o, o, o],
        vec![o, b(GpeLoc), i(GpeLoc), o, b(GpeLoc), o],
    ];
    join_over_connectives(&doc, &mut tags);
    natural_place_compounds(&doc, &mut tags);
    places_named_by_apposition(&doc, &mut tags);
    strip_leading_titles(&mut tags, &doc);
    propagate_spans(&doc, &mut tags);
    assert_eq!(tags[0], [o, b(Per), i(Per), o, o]);
    assert_eq!(tags[1], [o, o, b(Loc), o, o, b(Loc)]);
    assert_eq!(tags[2], [b(Loc), o]);
    assert_eq!(tags[3], [b(Org), i(Org), i(Org), i(Org), i(Org)]);
    assert_eq!(tags[4], [b(GpeLoc), i(GpeLoc), o, o, o, o]);
    assert_eq!(tags[5], [o, b(GpeLoc), i(GpeLoc), o, b(GpeLoc), i(GpeLoc)]);
}

#[test]
fn a_very_long_name_is_not_propagated() {
    // A mis-tagged run of 2,000 capitalised words as one name, and the same words in
    // another order: trying every length of the long name at every word would hash
    // about 10^9 words.
    let words: Vec<String> = (0..2_000).map(|k| format!("Ord{k}")).collect();
    let forward: Vec<&str> = words.iter().map(String::as_str).collect();
    let backward: Vec<&str> = forward.iter().rev().copied().collect();
    let doc = vec![forward, backward];
    let mut tags = vec![vec![Tag::I(NeType::Org); 2_000], vec![Tag::O; 2_000]];
    tags[0][0] = Tag::B(NeType::Org);
    propagate_spans(&doc, &mut tags);
    assert!(tags[1].iter().all(|t| *t == Tag::O));
}

#[test]
fn many_apposition_places() {
    // 30,000 places introduced by «byen», then 30,000 names that are none of them:
    // comparing every name with every place would take 9·10^8 comparisons.
    let n = 30_000;
    let places: Vec<String> = (0..n).map(|k| format!("By{k}")).collect();
    let mut doc: Vec<Vec<&str>> = places.iter().map(|p| vec!["byen", p.as_str()]).collect();
    doc.extend((0..n).map(|_| vec!["Ola"]));
    let mut tags: Vec<Vec<Tag>> = (0..n)
        .map(|_| vec![Tag::O, Tag::B(NeType::GpeLoc)])
        .collect();
    tags.extend((0..n).map(|_| vec![Tag::B(NeType::Per)]));
    places_named_by_apposition(&doc, &mut tags);
    assert_eq!(tags[n], [Tag::B(NeType::Per)]);
    assert_eq!(tags[1], [Tag::O, Tag::B(NeType::GpeLoc)]);
}

#[test]
fn a_sentence_longer_than_a_piece_is_tagged_in_pieces() {
    // A name at the start of the third piece of a very long sentence is found, and the
    // tags keep the sentence's shape.
    let m = embedded().expect("embedded model decodes");
    let mut long: Vec<&str> = vec!["-"; 2 * MAX_SENTENCE];
    long.extend(["Erna", "Solberg", "besøkte", "Bergen", "."]);
    long.extend(vec!["-"; MAX_SENTENCE / 2]);
    let tags = m.tag(&[long.clone()]);
    assert_eq!(tags.len(), 1);
    assert_eq!(tags[0].len(), long.len());
    let k = 2 * MAX_SENTENCE;
    assert_eq!(
        &tags[0][k..k + 2],
        &[Tag::B(NeType::Per), Tag::I(NeType::Per)]
    );
}

/// The texts of the seed articles.
fn seed_texts() -> Vec<String> {
    ["000_eb9eaf48cf008476.txt", "002_11d0ac0b53571547.txt"]
        .iter()
        .map(|f| {
            let path = format!("{}/seeds/{f}", env!("CARGO_MANIFEST_DIR"));
            std::fs::read_to_string(path).expect("the seed is there")
        })
        .collect()
}

/// The sentences of `text` as the annotator hands them to the tagger.
fn sentences_of(text: &str) -> Vec<Vec<&str>> {
    let toks = crate::tokens::tokenize(text);
    crate::tokens::sentences(text, &toks)
        .into_iter()
        .map(|r| toks[r].iter().map(|t| t.text(text)).collect())
        .collect()
}

/// The emission scores the tagger sums from its per-form cache are those of every feature
/// of the token summed afresh, whether the cache holds every form of the document or
/// starts afresh every few sentences.
#[test]
fn cached_emissions_are_the_sums_of_every_feature() {
    let m = embedded().expect("embedded model decodes");
    let pass = &m.passes[0];
    let ctx = m.context();
    let texts = seed_texts();
    let mut doc: Vec<Vec<&str>> = texts.iter().flat_map(|t| sentences_of(t)).collect();
    // Sentence edges of every kind: one word, two, a quote's start.
    doc.extend([
        vec!["Oslo"],
        vec!["Ja", "."],
        vec!["«", "Erna", "Solberg", "»", "sa", "hun"],
    ]);
    let mut checked = 0;
    for capacity in [FormCache::CAPACITY, 40] {
        let mut cache = FormCache::with_capacity(capacity);
        let mut scratch = Scratch::default();
        let mut window = Window::new();
        let mut evidence = Vec::new();
        for s in 0..doc.len() {
            window.centre_on(&doc, s);
            let words = window.sentence(s).expect("the window holds its centre");
            window.evidence(s, None, &mut evidence);
            pass.sentence_emissions(words, &evidence, &ctx, &mut cache, &mut scratch);
            assert!(cache.entries.len() <= capacity.max(words.len()));
            let names = ctx.train_names.lookup(words);
            let places = ctx.places.lookup(words);
            for (i, got) in scratch.em.iter().enumerate() {
                let mut feats = Vec::new();
                let tables = (names[i], places[i]);
                features::token_features(words, i, tables, evidence.get(i), &ctx, &mut feats);
                let mut want = [0i32; TAGS];
                pass.add_weights(&feats, &mut Vec::new(), &mut want);
                assert_eq!(*got, want, "sentence {s}, token {i} ({})", words[i].form);
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} tokens checked");
}

/// A small deterministic generator of test cases (xorshift64), from `seed`.
fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut x = seed;
    move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    }
}

/// The 32-bit Viterbi steps choose the paths, and give the scores, of the 64-bit ones,
/// ties included; emissions too large for 32 bits take the 64-bit steps. Both give what
/// they give when compiled for the build's target alone (on a processor with AVX2, the
/// tagger's decoding is compiled for it too).
#[test]
fn narrow_viterbi_decodes_as_the_wide_one() {
    let m = embedded().expect("embedded model decodes");
    // The model's transitions, and flat ones, under which paths tie all the time.
    let flat = Transitions::new(|_, _| 0);
    let mut next = xorshift(12_345u64);
    let mut back = Vec::new();
    for case in 0..400 {
        let n = 1 + (next() % 60) as usize;
        // Small ranges make ties; large ones come near the 32-bit bound or past it.
        let range = [3, 50, 5_000, 200_000, 2_000_000, 1_000_000_000][case % 6];
        let em: Vec<[i32; TAGS]> = (0..n)
            .map(|_| std::array::from_fn(|_| (next() % (2 * range + 1)) as i32 - range as i32))
            .collect();
        for transitions in [&m.passes[0].transitions, &flat] {
            let mut wide = vec![Tag::O; n];
            let mut narrow = vec![Tag::O; n];
            let a = transitions.decode_in(&em, &mut back, &mut wide, false);
            let b = transitions.decode_in(&em, &mut back, &mut narrow, true);
            assert_eq!((a, &wide), (b, &narrow), "case {case}");
            // `decode_in` takes 256-bit vectors where the processor has them: the build's
            // own instructions give the same.
            for (flag, want) in [(false, &wide), (true, &narrow)] {
                let mut plain = vec![Tag::O; n];
                let c = transitions.decode_plain(&em, &mut back, &mut plain, flag);
                assert_eq!((a, want), (c, &plain), "case {case}, narrow {flag}");
            }
        }
    }
}

/// Decoding finds a best path of all the IOB2 paths of a short sentence (counted out one
/// by one): its score is the best score, and the path it gives scores that.
#[test]
fn viterbi_finds_a_best_path_of_all() {
    let m = embedded().expect("embedded model decodes");
    let transitions = &m.passes[0].transitions;
    let trans = |p: Option<usize>, c: usize| -> Option<i64> {
        allowed(p, c).then(|| {
            let row = p.map_or(0, |p| p + 1);
            i64::from(m.passes[0].trans[row * TAGS + c])
        })
    };
    let score = |em: &[[i32; TAGS]], path: &[usize]| -> Option<i64> {
        let mut total = 0;
        let mut prev = None;
        for (e, &c) in em.iter().zip(path) {
            total += trans(prev, c)? + i64::from(e[c]);
            prev = Some(c);
        }
        Some(total)
    };
    let mut next = xorshift(99u64);
    let mut back = Vec::new();
    for case in 0..60 {
        let n = 1 + case % 3;
        let range = [2, 40, 3_000, 1_000_000_000][case % 4];
        let em: Vec<[i32; TAGS]> = (0..n)
            .map(|_| std::array::from_fn(|_| (next() % (2 * range + 1)) as i32 - range as i32))
            .collect();
        let mut best = i64::MIN;
        for k in 0..TAGS.pow(n as u32) {
            let path: Vec<usize> = (0..n).map(|i| k / TAGS.pow(i as u32) % TAGS).collect();
            best = best.max(score(&em, &path).unwrap_or(i64::MIN));
        }
        for narrow in [false, true] {
            let mut out = vec![Tag::O; n];
            let got = transitions.decode_in(&em, &mut back, &mut out, narrow);
            let path: Vec<usize> = out.iter().map(|t| t.index()).collect();
            assert_eq!(got, best, "case {case}, narrow {narrow}");
            assert_eq!(
                score(&em, &path),
                Some(best),
                "case {case}, narrow {narrow}"
            );
        }
    }
}

/// The 32-bit Viterbi steps' tag groups: O and the B- tags follow any tag, each I- tag
/// only its own B- and I- tag.
#[test]
fn narrow_tag_groups_are_the_iob2_ones() {
    let b_tags: Vec<usize> = NeType::ALL.iter().map(|&t| Tag::B(t).index()).collect();
    assert_eq!(OPEN_TAGS[0], Tag::O.index());
    assert_eq!(OPEN_TAGS[1..], b_tags[..]);
    for (x, &c) in INSIDE_TAGS.iter().enumerate() {
        assert_eq!(c, Tag::I(NeType::ALL[x]).index());
        let preds: Vec<usize> = (0..TAGS).filter(|&p| allowed(Some(p), c)).collect();
        assert_eq!(preds, [Tag::B(NeType::ALL[x]).index(), c]);
    }
    for c in OPEN_TAGS {
        assert!((0..TAGS).all(|p| allowed(Some(p), c)));
    }
}

/// The form caches a model keeps between calls change nothing: a document tagged after
/// others (whose forms fill the caches, past their capacity) gets the tags a model with
/// no caches gives it, and so does a document tagged on two threads at once.
#[test]
fn kept_form_caches_change_no_tag() {
    let Ok(model) = embedded() else {
        panic!("the embedded model decodes");
    };
    let mut texts = seed_texts();
    // Many distinct forms, so that the caches fill and start afresh on the way.
    let filler: String = (0..FormCache::CAPACITY + 500)
        .map(|i| format!("Ord{i} ord{i}x . "))
        .collect();
    texts.insert(1, filler);
    let docs: Vec<Vec<Vec<&str>>> = texts.iter().map(|t| sentences_of(t)).collect();
    let fresh: Vec<Vec<Vec<Tag>>> = docs.iter().map(|d| model.clone().tag(d)).collect();
    for round in 0..2 {
        for (d, want) in docs.iter().zip(&fresh) {
            assert_eq!(&model.tag(d), want, "round {round}");
        }
    }
    assert!(fresh.iter().flatten().flatten().any(|t| *t != Tag::O));
    std::thread::scope(|s| {
        let runs: Vec<_> = (0..2)
            .map(|_| s.spawn(|| docs.iter().map(|d| model.tag(d)).collect::<Vec<_>>()))
            .collect();
        for run in runs {
            assert_eq!(run.join().expect("no panic"), fresh);
        }
    });
}
