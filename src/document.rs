//! The annotation data model and the JSON export (format `tusj`, version 1, SPEC §3).

use serde::{Deserialize, Serialize};

/// What an annotation marks: an actor, a place or a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Who acts: people, organisations, states acting as agents.
    Actor,
    /// Where: countries, regions, cities, rivers, deserts, used as locations.
    Place,
    /// A quantity written in digits or words.
    Number,
}

impl Kind {
    /// The JSON name (`actor`, `place`, `number`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Actor => "actor",
            Kind::Place => "place",
            Kind::Number => "number",
        }
    }
}

/// The finer type of an annotation; each belongs to exactly one [`Kind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnnotationType {
    /// A person (actor).
    Person,
    /// An organisation: armed group, party, medium, NGO, company (actor).
    Organisation,
    /// A state or government acting as an agent (actor).
    State,
    /// A country, region or city used as a place.
    Geopolitical,
    /// A place that is not geo-political: river, desert, mountain, street.
    Location,
    /// A count of things.
    Count,
    /// A year («2014», «1990-tallet»).
    Year,
    /// A date («14. mars 2018»).
    Date,
    /// A clock time («kl. 13.00»).
    Time,
    /// A percentage.
    Percent,
    /// An amount of money.
    Money,
    /// A measure with a unit (distance, weight, duration, temperature).
    Measure,
    /// An ordinal («17.», «tredje»).
    Ordinal,
}

impl AnnotationType {
    /// Every type, actors first.
    pub const ALL: [AnnotationType; 13] = [
        AnnotationType::Person,
        AnnotationType::Organisation,
        AnnotationType::State,
        AnnotationType::Geopolitical,
        AnnotationType::Location,
        AnnotationType::Count,
        AnnotationType::Year,
        AnnotationType::Date,
        AnnotationType::Time,
        AnnotationType::Percent,
        AnnotationType::Money,
        AnnotationType::Measure,
        AnnotationType::Ordinal,
    ];

    /// The kind this type belongs to.
    pub fn kind(self) -> Kind {
        use AnnotationType::*;
        match self {
            Person | Organisation | State => Kind::Actor,
            Geopolitical | Location => Kind::Place,
            Count | Year | Date | Time | Percent | Money | Measure | Ordinal => Kind::Number,
        }
    }

    /// The JSON name, e.g. `organisation`.
    pub fn as_str(self) -> &'static str {
        use AnnotationType::*;
        match self {
            Person => "person",
            Organisation => "organisation",
            State => "state",
            Geopolitical => "geopolitical",
            Location => "location",
            Count => "count",
            Year => "year",
            Date => "date",
            Time => "time",
            Percent => "percent",
            Money => "money",
            Measure => "measure",
            Ordinal => "ordinal",
        }
    }

    /// Parses a JSON name.
    pub fn parse(s: &str) -> Option<AnnotationType> {
        AnnotationType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Who made an annotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The statistical name recogniser.
    Model,
    /// Hand-written rules (numbers).
    Rules,
    /// A gazetteer lookup.
    Gazetteer,
    /// A correction made by a person in the page.
    User,
}

/// How a number relates to its value (SPEC §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// Just the number.
    Exact,
    /// om lag, rundt, cirka, ca., nesten, drøyt, snaut, vel, hundrevis …
    Approximately,
    /// minst.
    AtLeast,
    /// mer enn, over.
    MoreThan,
    /// opptil, maks.
    AtMost,
    /// under, færre enn.
    LessThan,
    /// mellom X og Y, X–Y, to-tre: the upper bound is in `upper`.
    Range,
}

/// The normalised reading of a number annotation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NumberReading {
    /// The value: «360.000» → 360000, «2,5» → 2.5, «sju» → 7. For a range, the lower bound.
    pub value: f64,
    /// How the number relates to the value.
    pub qualifier: Qualifier,
    /// The upper bound of a range, else `None`.
    pub upper: Option<f64>,
    /// `percent`, `km`, `m`, `kg`, `year`, `month`, `day`, `NOK`, `USD`, … or `None`.
    pub unit: Option<String>,
    /// For counts, the noun that is counted («minst 43 mennesker» → «mennesker»).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted: Option<String>,
}

/// One highlighted span of the article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// `a1`, `a2`, … in document order.
    pub id: String,
    /// actor, place or number.
    pub kind: Kind,
    /// The finer type; its kind is `kind`.
    #[serde(rename = "type")]
    pub ty: AnnotationType,
    /// First code point (inclusive).
    pub start: usize,
    /// Last code point (exclusive).
    pub end: usize,
    /// Exactly the code points `start..end` of the document text.
    pub text: String,
    /// The entity this mention belongs to (actors and places).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// Who made it.
    pub source: Source,
    /// The reading, for numbers.
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub number: Option<NumberReading>,
}

/// A named thing mentioned one or more times: its mentions grouped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// `e1`, `e2`, … in order of first mention.
    pub id: String,
    /// actor or place.
    pub kind: Kind,
    /// The type of most of its mentions.
    #[serde(rename = "type")]
    pub ty: AnnotationType,
    /// The canonical name: the longest full form («Syrian Democratic Forces»).
    pub name: String,
    /// Other forms it is mentioned by («SDF»), sorted.
    pub aliases: Vec<String>,
    /// The ids of its annotations, in document order.
    pub mentions: Vec<String>,
}

/// The metadata header of an article (SPEC §2).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Meta {
    /// The `date` of the header, e.g. `2018-11`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The one-word section, e.g. `utenriks`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
}

/// The export document (format `tusj`, version 1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Always `tusj`.
    pub format: String,
    /// Always 1 for this layout.
    pub version: u32,
    /// The exact text that was annotated, header included; offsets count its code points.
    pub text: String,
    /// What the header said.
    pub meta: Meta,
    /// The annotations, sorted by `start`, not overlapping.
    pub annotations: Vec<Annotation>,
    /// The named things, grouped.
    pub entities: Vec<Entity>,
    /// The facts the sentences state (SPEC §2b, [`crate::events`]). A document saved
    /// before events were read has none.
    #[serde(default)]
    pub events: Vec<crate::events::Event>,
    /// The corrections a person made in the page, in order ([`crate::review`]); left out
    /// of the JSON when there are none. Replaying them over a fresh annotation of `text`
    /// gives this document again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<crate::review::Correction>,
}

impl Document {
    /// The format name written into every export.
    pub const FORMAT: &'static str = "tusj";
    /// The format version this crate writes.
    pub const VERSION: u32 = 1;

    /// Pretty JSON, as the CLI and the page export it.
    pub fn to_json_pretty(&self) -> String {
        // Serialising these plain types cannot fail (no maps with non-string keys, and
        // `f64` values are finite by construction); fall back to compact output regardless.
        serde_json::to_string_pretty(self).unwrap_or_else(|_| self.to_json())
    }

    /// Compact one-line JSON (JSON Lines).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
