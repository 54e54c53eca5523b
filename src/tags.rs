//! The NorNE tag set and how it maps onto tusj's kinds.
//!
//! NorNE annotates nine name types in IOB2. tusj shows three of them as actors
//! (PER, ORG, GPE_ORG) and two as places (GPE_LOC, LOC); PROD, EVT, DRV and MISC are
//! recognised for evaluation but not shown (SPEC §2).

use crate::AnnotationType;

/// One of the nine NorNE name types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NeType {
    /// Person.
    Per,
    /// Organisation.
    Org,
    /// Geo-political entity used as a place («i Frankrike»).
    GpeLoc,
    /// Geo-political entity used as an agent («Frankrike sa nei»).
    GpeOrg,
    /// Location that is not geo-political (rivers, deserts, streets).
    Loc,
    /// Product (works, laws, brands).
    Prod,
    /// Event.
    Evt,
    /// Derived from a name («LO-leder», «norsk»).
    Drv,
    /// Anything else that is a name.
    Misc,
}

impl NeType {
    /// All nine types, in NorNE's customary order.
    pub const ALL: [NeType; 9] = [
        NeType::Per,
        NeType::Org,
        NeType::GpeLoc,
        NeType::GpeOrg,
        NeType::Loc,
        NeType::Prod,
        NeType::Evt,
        NeType::Drv,
        NeType::Misc,
    ];

    /// The NorNE label, e.g. `GPE_LOC`.
    pub fn label(self) -> &'static str {
        match self {
            NeType::Per => "PER",
            NeType::Org => "ORG",
            NeType::GpeLoc => "GPE_LOC",
            NeType::GpeOrg => "GPE_ORG",
            NeType::Loc => "LOC",
            NeType::Prod => "PROD",
            NeType::Evt => "EVT",
            NeType::Drv => "DRV",
            NeType::Misc => "MISC",
        }
    }

    /// Parses a NorNE label such as `PER` or `GPE_ORG`.
    pub fn from_label(label: &str) -> Option<NeType> {
        NeType::ALL.into_iter().find(|t| t.label() == label)
    }

    /// The tusj annotation type this name type is shown as, if it is shown at all.
    pub fn annotation_type(self) -> Option<AnnotationType> {
        match self {
            NeType::Per => Some(AnnotationType::Person),
            NeType::Org => Some(AnnotationType::Organisation),
            NeType::GpeOrg => Some(AnnotationType::State),
            NeType::GpeLoc => Some(AnnotationType::Geopolitical),
            NeType::Loc => Some(AnnotationType::Location),
            NeType::Prod | NeType::Evt | NeType::Drv | NeType::Misc => None,
        }
    }
}

/// A BIO tag: outside a name, or the beginning or inside of a name of some type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Tag {
    /// Not part of a name.
    #[default]
    O,
    /// First token of a name.
    B(NeType),
    /// A following token of a name.
    I(NeType),
}

impl Tag {
    /// Number of distinct tags: O plus B and I for each type.
    pub const COUNT: usize = 1 + 2 * NeType::ALL.len();

    /// A dense index in `0..Tag::COUNT`, for tables indexed by tag.
    pub fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(t) => 1 + 2 * t as usize,
            Tag::I(t) => 2 + 2 * t as usize,
        }
    }

    /// The tag with the given dense index, if it is in range.
    pub fn from_index(index: usize) -> Option<Tag> {
        if index == 0 {
            return Some(Tag::O);
        }
        let ty = *NeType::ALL.get((index - 1) / 2)?;
        Some(if (index - 1) % 2 == 0 {
            Tag::B(ty)
        } else {
            Tag::I(ty)
        })
    }

    /// Parses `O`, `B-PER`, `I-GPE_LOC`, … as written in NorNE's `name=` field.
    pub fn parse(s: &str) -> Option<Tag> {
        if s == "O" {
            return Some(Tag::O);
        }
        let (bio, ty) = s.split_once('-')?;
        let ty = NeType::from_label(ty)?;
        match bio {
            "B" => Some(Tag::B(ty)),
            "I" => Some(Tag::I(ty)),
            _ => None,
        }
    }

    /// The name type, if this tag is inside a name.
    pub fn ne_type(self) -> Option<NeType> {
        match self {
            Tag::O => None,
            Tag::B(t) | Tag::I(t) => Some(t),
        }
    }

    /// Whether `self` may follow `prev` in IOB2 (an `I-X` only after `B-X` or `I-X`).
    pub fn may_follow(self, prev: Tag) -> bool {
        match self {
            Tag::I(t) => prev.ne_type() == Some(t),
            _ => true,
        }
    }
}

impl std::fmt::Display for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tag::O => f.write_str("O"),
            Tag::B(t) => write!(f, "B-{}", t.label()),
            Tag::I(t) => write!(f, "I-{}", t.label()),
        }
    }
}

/// A name found in a tagged sentence: token range `start..end` and its type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameSpan {
    /// Index of the first token.
    pub start: usize,
    /// Index one past the last token.
    pub end: usize,
    /// The NorNE type.
    pub ty: NeType,
}

/// Reads the names out of a BIO sequence. A stray `I-X` (not after `B-X`/`I-X`) starts a
/// new name, as conlleval does.
pub fn spans(tags: &[Tag]) -> Vec<NameSpan> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let Some(ty) = tags[i].ne_type() else {
            i += 1;
            continue;
        };
        let start = i;
        i += 1;
        while tags.get(i) == Some(&Tag::I(ty)) {
            i += 1;
        }
        out.push(NameSpan { start, end: i, ty });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_round_trips() {
        for i in 0..Tag::COUNT {
            let tag = Tag::from_index(i).unwrap();
            assert_eq!(tag.index(), i);
            assert_eq!(Tag::parse(&tag.to_string()), Some(tag));
        }
        assert_eq!(Tag::from_index(Tag::COUNT), None);
    }

    #[test]
    fn spans_follow_conlleval() {
        use NeType::*;
        let tags = [
            Tag::B(Per),
            Tag::I(Per),
            Tag::O,
            Tag::I(Org),
            Tag::B(GpeLoc),
            Tag::B(GpeLoc),
        ];
        let got = spans(&tags);
        assert_eq!(
            got,
            vec![
                NameSpan {
                    start: 0,
                    end: 2,
                    ty: Per
                },
                NameSpan {
                    start: 3,
                    end: 4,
                    ty: Org
                },
                NameSpan {
                    start: 4,
                    end: 5,
                    ty: GpeLoc
                },
                NameSpan {
                    start: 5,
                    end: 6,
                    ty: GpeLoc
                },
            ]
        );
    }

    #[test]
    fn spans_break_at_a_change_of_type_and_run_to_the_end() {
        use NeType::*;
        let tags = [
            Tag::I(Per),
            Tag::I(Per),
            Tag::I(Org),
            Tag::B(Org),
            Tag::O,
            Tag::B(Loc),
            Tag::I(Loc),
            Tag::I(Loc),
        ];
        let got: Vec<(usize, usize, NeType)> = spans(&tags)
            .iter()
            .map(|s| (s.start, s.end, s.ty))
            .collect();
        assert_eq!(got, [(0, 2, Per), (2, 3, Org), (3, 4, Org), (5, 8, Loc)]);
        assert_eq!(spans(&[]), []);
        assert_eq!(spans(&[Tag::O, Tag::O]), []);
    }

    #[test]
    fn parse_rejects_junk() {
        for s in ["", "B", "B-", "X-PER", "B-FOO", "b-PER"] {
            assert_eq!(Tag::parse(s), None, "{s}");
        }
    }
}
