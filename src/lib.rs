//! tusj finds the **actors**, **places** and **numbers** of a Norwegian news article.
//!
//! The same core runs natively (the `tusj` command line) and in the browser (compiled to
//! WebAssembly, see `wasm.rs`). Text flows one way:
//! text → `tokens` → names ([`recognizer`], `model`) and `numbers` → annotations →
//! entities → places on the map (`geo`) and [`events`] → [`Document`] (the JSON export of
//! SPEC §3), all driven by the [`Annotator`] ([`annotator`]).
//! A person's corrections ([`review`], the [`Correction`] type in [`correction`]) are
//! replayed over a fresh annotation; [`open`] reads saved documents back, [`export`] writes
//! them for other tools (one [`export::Format`] per format), [`overview`] makes the page's
//! tables.
//!
//! The modules form layers; each uses only its own layer and those below it, with no import
//! cycle (`tests/layers.rs` checks both, with the same layers as this diagram):
//!
//! ```text
//! eval (feature "tools"), wasm          tools and the page's thin bindings
//! export, review                        files out; corrections replayed
//! annotator, open, overview             the pipeline; files in; the page's tables
//! document                              the export document
//! geo, events                           places linked to the map; who did what to whom
//! entities                              mentions grouped into entities
//! recognizer, numbers, model            names and numbers
//! tokens, tags, correction, eval::conllu,  tokens, BIO tags, the Correction type, CoNLL-U,
//!   language                            the language of each paragraph
//! error, text, vocab, fxhash            errors, text offsets, the shared vocabulary, a hasher
//! ```
//!
//! The documented surface is the annotator, the document and its parts (the vocabulary,
//! events, corrections), the error, and what the command line and the page use (review,
//! open, export, overview, and the tools). The stages inside the pipeline — `tokens`,
//! `text`, `tags`, `numbers`, `model`, `geo` — stay public for the benchmarks, the tests and
//! the command line, but are not part of the documented surface; `entities` is private.
//! Tool code (CoNLL-U reading, evaluation, training: [`eval`], `model::train`) is behind
//! the default cargo feature `tools`, which the wasm build leaves out; the command line's
//! argument parsing lives in `main.rs` alone.
//!
//! ```
//! let doc = tusj::annotate("Ifølge SOHR ble minst 43 mennesker drept i Syria.");
//! let marked: Vec<(&str, &str)> = doc
//!     .annotations
//!     .iter()
//!     .map(|a| (a.kind.as_str(), a.text.as_str()))
//!     .collect();
//! assert_eq!(marked, [("actor", "SOHR"), ("number", "minst 43"), ("place", "Syria")]);
//! let reading = doc.annotations[1].number.as_ref().unwrap();
//! assert_eq!((reading.value, reading.counted.as_deref()), (43.0, Some("mennesker")));
//! ```
#![deny(missing_docs)]

pub mod annotator;
pub mod correction;
pub mod document;
pub(crate) mod entities;
pub mod error;
#[cfg(feature = "tools")]
pub mod eval;
pub mod events;
pub mod export;
pub(crate) mod fxhash;
pub mod language;
pub mod open;
pub mod overview;
pub mod recognizer;
pub mod review;
pub(crate) mod strtable;
pub mod vocab;

// The pipeline's stages: public for the benchmarks, the tests and the command line, not part
// of the documented surface.
#[doc(hidden)]
pub mod geo;
#[doc(hidden)]
pub mod model;
#[doc(hidden)]
pub mod numbers;
#[doc(hidden)]
pub mod tags;
#[doc(hidden)]
pub mod text;
#[doc(hidden)]
pub mod tokens;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use annotator::{annotate, embedded_annotator, Annotator};
pub use document::Document;
pub use error::{Error, ErrorKind};
pub use review::Correction;
pub use vocab::{Annotation, AnnotationType, Entity, Kind, Meta, NumberReading, Qualifier, Source};
