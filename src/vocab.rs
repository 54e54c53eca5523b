//! The shared vocabulary at the bottom of the crate: what an annotation marks (kinds,
//! types, qualifiers, number readings) and their string names, used by every layer above.

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

impl Qualifier {
    /// The JSON name (`exact`, `approximately`, `at_least`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approximately => "approximately",
            Qualifier::AtLeast => "at_least",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtMost => "at_most",
            Qualifier::LessThan => "less_than",
            Qualifier::Range => "range",
        }
    }
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
    /// Where it is on the map (SPEC §2c): places and states acting as actors have a point
    /// or `null` (`Some(None)`); other actors have no `geo` (`None`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub geo: Option<Option<Geo>>,
}

/// A `geo` that is there, even as `null`, is `Some`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<Geo>>, D::Error> {
    Option::<Geo>::deserialize(d).map(Some)
}

/// What kind of place a point stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Feature {
    /// A state.
    Country,
    /// A province, county or state of a federation.
    Region,
    /// A city, town or village.
    City,
    /// A river, desert, mountain or sea.
    Natural,
    /// A continent.
    Continent,
}

/// Where a place is: the `geo` of an entity (SPEC §2c).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Geo {
    /// Latitude in degrees, north positive.
    pub lat: f64,
    /// Longitude in degrees, east positive.
    pub lon: f64,
    /// The GeoNames id, where the point is a GeoNames feature.
    pub geonames: Option<u32>,
    /// The ISO 3166-1 alpha-2 code of its country (none for a continent).
    pub country: Option<String>,
    /// What kind of place it is.
    pub feature: Feature,
    /// The data's own name for it («Deir ez-Zor» for «Deir al-Zor»).
    pub name: String,
}

/// What happened (SPEC §2b).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// People killed or dead.
    Killed,
    /// People injured.
    Injured,
    /// People missing.
    Missing,
    /// People arrested, held or imprisoned.
    Detained,
    /// People kidnapped or taken hostage.
    Kidnapped,
    /// People who fled, were evacuated or made homeless.
    Displaced,
    /// An attack, strike, bombing or shelling, with or without victims.
    Attack,
}

impl EventType {
    /// Every type.
    pub const ALL: [EventType; 7] = [
        EventType::Killed,
        EventType::Injured,
        EventType::Missing,
        EventType::Detained,
        EventType::Kidnapped,
        EventType::Displaced,
        EventType::Attack,
    ];

    /// The JSON name, e.g. `killed`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Killed => "killed",
            EventType::Injured => "injured",
            EventType::Missing => "missing",
            EventType::Detained => "detained",
            EventType::Kidnapped => "kidnapped",
            EventType::Displaced => "displaced",
            EventType::Attack => "attack",
        }
    }

    /// Parses a JSON name.
    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str() == s)
    }
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
