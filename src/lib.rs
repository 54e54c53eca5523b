//! tusj finds the **actors**, **places** and **numbers** of a Norwegian news article.
//!
//! The same core runs natively (the `tusj` command line) and in the browser (compiled to
//! WebAssembly, see `wasm.rs`). Text flows one way:
//! text → [`tokens`] → names ([`recognizer`], [`model`]) and [`numbers`] → annotations →
//! [`entities`] → places on the map ([`geo`]) and [`events`] → [`Document`] (the JSON export
//! of SPEC §3), all driven by [`annotator`].
//! A person's corrections ([`review`]) are replayed over a fresh annotation; [`open`] reads
//! saved documents back, [`export`] writes them for other tools, [`overview`] makes the
//! page's tables.
//!
//! The modules form layers; each uses only its own layer and those below it, with no import
//! cycle (`tests/layers.rs` checks both):
//!
//! ```text
//! eval (feature "tools"), wasm          tools and the page's thin bindings
//! export, review                        files out; corrections replayed
//! annotator, open, overview             the pipeline; files in; the page's tables
//! document                              the export document
//! geo, events                          places linked to the map; who did what to whom
//! entities                              mentions grouped into entities
//! recognizer, numbers, model            names and numbers
//! tokens, tags, correction, eval::conllu   tokens, BIO tags, the Correction type, CoNLL-U
//! error, text, vocab                    errors, text offsets, the shared vocabulary
//! ```
//!
//! Tool code (CoNLL-U reading, evaluation, training: [`eval`], `model::train`) is behind
//! the default cargo feature `tools`, which the wasm build leaves out.
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
pub mod entities;
pub mod error;
#[cfg(feature = "tools")]
pub mod eval;
pub mod events;
pub mod export;
pub mod geo;
pub mod model;
pub mod numbers;
pub mod open;
pub mod overview;
pub mod recognizer;
pub mod review;
pub mod tags;
pub mod text;
pub mod tokens;
pub mod vocab;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use annotator::{annotate, embedded_annotator, Annotator};
pub use document::Document;
pub use error::{Error, ErrorKind};
pub use review::Correction;
pub use vocab::{Annotation, AnnotationType, Entity, Kind, Meta, NumberReading, Qualifier, Source};
