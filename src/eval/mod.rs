//! Evaluation against annotated corpora (tool code, feature `tools`): reading CoNLL-U
//! ([`conllu`]), scoring names ([`names`]) and numbers ([`numbers`]).

pub mod conllu;
pub mod names;
pub mod numbers;
