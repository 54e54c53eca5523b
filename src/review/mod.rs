//! Review: a person's corrections of the automatic highlights, kept across edits and reloads.
//!
//! A [`Correction`] is one thing a person did in the page: mark a span as some type
//! ([`Correction::Mark`], also how a highlight is relabelled), remove a highlight
//! ([`Correction::Unmark`]), give an entity its proper name ([`Correction::Rename`]), or
//! say that two mentions are the same thing ([`Correction::Merge`]). The list of
//! corrections, not the corrected document, is the person's work: [`apply`] annotates the
//! text afresh and replays the list on top, so a better model or an edited text never
//! loses it, and a highlight the person removed stays removed.
//!
//! Every correction is *anchored*: it carries code point offsets into the text **and** the
//! exact text it was made on. An anchor holds when `start < end`, `end` is within the text
//! and the code points `start..end` are exactly `text`. [`apply`] skips a correction whose
//! anchor does not hold (and [`apply_report`] says which and why); it never panics, whatever
//! the offsets. When the person edits the text, [`rebase`] moves each anchor to where its
//! words now are, or drops it and says so.
//!
//! Choices made here:
//! - Marks and unmarks are replayed first, in order, then entities are grouped
//!   ([`crate::entities::group`]), then renames and merges are replayed in order. A later
//!   mark replaces every annotation it overlaps, earlier user marks included.
//! - A mark of a number type needs a reading. The reading comes from the number reader
//!   ([`crate::numbers::read`] on the marked words, else the longest number inside them);
//!   the person's type wins over the reader's type. When no
//!   number can be read in the span («et dusin»), the mark is **not applied** and is reported
//!   as [`SkipReason::UnreadableNumber`]: the `value` of the format stays a JSON number,
//!   never `null`, so consumers of version 1 are not surprised. The correction itself stays
//!   in the document's list, so it takes effect once the reader learns the words.
//! - A mark of nothing but whitespace is not applied ([`SkipReason::Blank`]): a highlight
//!   needs a word, and an entity a name.
//! - Corrections whose anchor holds but that find nothing to act on (an unmark where the
//!   model no longer marks anything, a rename of a span with no entity) are kept: they cost
//!   nothing, and they protect the person's intent if a later model marks that span again.
//! - Merges only join entities of the same kind (actor with actor, place with place), as
//!   the format gives each entity one kind; a cross-kind merge has no effect. The merged
//!   entity keeps the name of the entity merged *into*.
//! - [`rebase`] diffs the texts by their common prefix and suffix (what a single edit
//!   changes). Anchors before the change stay, anchors after it shift by the change in
//!   length, and an anchor inside the changed region is searched for: the nearest place
//!   where exactly its text occurs within 64 code points of where it was, counting either
//!   from the unchanged text before the change or from the unchanged text after it.
//!   Failing that, the correction is dropped and listed in [`Rebased::dropped`].

mod apply;
mod events;
mod rebase;

pub use crate::correction::{code_point_to_utf16, utf16_to_code_point, Anchor, Correction};
pub use apply::{apply, apply_report, Applied, SkipReason, Skipped};
pub use rebase::{rebase, Rebased};

#[cfg(test)]
mod tests;
