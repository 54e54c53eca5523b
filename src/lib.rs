//! tusj finds the **actors**, **places** and **numbers** of a Norwegian news article.
//!
//! The same core runs natively (the `tusj` command line) and in the browser (compiled to
//! WebAssembly, see `wasm.rs`). Text flows one way:
//! text → [`tokens`] → names ([`recognizer`]) and [`numbers`] → annotations →
//! [`entities`] → [`Document`] (the JSON export of SPEC §3).
//! A person's corrections ([`review`]) are replayed over a fresh annotation, and
//! [`export`] opens saved documents and exports them for other tools.
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
pub mod export;
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

pub use annotator::{annotate, default_annotator, embedded_annotator, Annotator};
pub use document::Document;
pub use error::{Error, ErrorKind};
pub use recognizer::Recognizer;
pub use review::Correction;
pub use tags::{NeType, Tag};
pub use vocab::{Annotation, AnnotationType, Entity, Kind, Meta, NumberReading, Qualifier, Source};
