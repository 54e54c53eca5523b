//! Moving corrections to where their words are after an edit of the text ([`rebase`]).

use serde::{Deserialize, Serialize};

use crate::correction::{Anchor, Correction};

/// How far (in code points) [`rebase`] looks for a correction's words that were inside
/// the edited part of the text.
const NEARBY: usize = 64;

/// What [`rebase`] made of a list of corrections.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rebased {
    /// The corrections whose words were found in the new text, moved there, in the order
    /// given. Every one of them is anchored in the new text.
    pub corrections: Vec<Correction>,
    /// The corrections whose words are gone (or that did not hold in the old text), as
    /// they were given, so the page can tell the person.
    pub dropped: Vec<Correction>,
}

/// Moves the anchors of `corrections`, made on `old_text`, to where their words are in
/// `new_text` (see the module docs). Never panics; a correction whose anchor does not hold
/// in `old_text` is dropped.
///
/// ```
/// use tusj::review::{rebase, Correction};
/// let c = Correction::Unmark { start: 2, end: 7, text: "Syria".into() };
/// let r = rebase("i Syria", "Krigen i Syria", &[c]);
/// assert_eq!(r.corrections[0].anchors()[0].start, 9);
/// assert!(r.dropped.is_empty());
/// ```
pub fn rebase(old_text: &str, new_text: &str, corrections: &[Correction]) -> Rebased {
    let old: Vec<char> = old_text.chars().collect();
    let new: Vec<char> = new_text.chars().collect();
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let room = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    let changed_old_end = old.len() - suffix;
    let delta = new.len() as isize - old.len() as isize;

    let move_anchor = |a: &Anchor| -> Option<usize> {
        let want: Vec<char> = a.text.chars().collect();
        if a.start >= a.end || a.end > old.len() || old[a.start..a.end] != want[..] {
            return None;
        }
        let holds = |q: usize| new.get(q..q + want.len()) == Some(&want[..]);
        let shifted = a.start.checked_add_signed(delta);
        if a.end <= prefix {
            return Some(a.start);
        }
        if a.start >= changed_old_end {
            return shifted;
        }
        // Inside the change: where it was, counted from the unchanged text before the
        // change or from the unchanged text after it.
        let near = |q: usize| {
            let from_start = q.abs_diff(a.start);
            shifted.map_or(from_start, |s| from_start.min(q.abs_diff(s)))
        };
        let around = |at: usize| at.saturating_sub(NEARBY)..=at.saturating_add(NEARBY);
        around(a.start)
            .chain(shifted.map(around).into_iter().flatten())
            .filter(|&q| q <= new.len() && holds(q))
            .min_by_key(|&q| (near(q), q))
    };

    let mut rebased = Rebased {
        corrections: Vec::new(),
        dropped: Vec::new(),
    };
    for c in corrections {
        let starts: Option<Vec<usize>> = c.anchors().iter().map(&move_anchor).collect();
        match starts {
            Some(starts) => rebased.corrections.push(c.moved(&starts)),
            None => rebased.dropped.push(c.clone()),
        }
    }
    rebased
}
