//! The page's tables: the numbers panel view model ([`numbers_table`]), the «Facts» table
//! ([`facts_table`]), and numbers in the words a Norwegian reader uses ([`number_words`]:
//! «8. okt.», «kl. 13.00», «240 mill. kr», «mer enn 7 år», «minst 43 (mennesker)»), so the
//! page and its tooltips never spell a reading themselves.

use serde::Serialize;

use crate::document::Document;
use crate::events::{EventSpan, EventType};
use crate::fxhash::FxHashMap;
use crate::text::CodePoints;
use crate::vocab::{Annotation, AnnotationType, NumberReading, Qualifier};

/// One row of the page's numbers panel.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NumberRow {
    /// The annotation's id.
    pub id: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The number as written («minst 43 mennesker»).
    pub text: String,
    /// count, year, date, time, percent, money, measure or ordinal.
    #[serde(rename = "type")]
    pub ty: AnnotationType,
    /// The value (the lower bound of a range).
    pub value: f64,
    /// How the number relates to the value.
    pub qualifier: Qualifier,
    /// The upper bound of a range.
    pub upper: Option<f64>,
    /// The unit, if any.
    pub unit: Option<String>,
    /// The counted noun, if any.
    pub counted: Option<String>,
    /// ISO 8601 for dates and clock times.
    pub iso: Option<String>,
    /// The reading in words ([`number_words`]): «minst 43 (mennesker)».
    pub words: String,
    /// The qualifier in words ([`qualifier_words`]): «minst».
    pub qualifier_words: &'static str,
    /// Up to six words before it, within its paragraph.
    pub left: String,
    /// Up to six words after it, within its paragraph.
    pub right: String,
    /// Who made it.
    pub source: crate::Source,
}

/// The words of the page's numbers panel: every number annotation with its reading and
/// up to six words of context on each side (not crossing a blank line or the header).
pub fn numbers_table(doc: &Document) -> Vec<NumberRow> {
    let cp = CodePoints::new(&doc.text);
    let body_start = cp.to_char(crate::text::header(&doc.text).body_start);
    doc.annotations
        .iter()
        .filter_map(|a| {
            let n = a.number.as_ref()?;
            // Six words lie well within this many code points; slicing no further keeps the
            // table linear in the length of the article (a 1 MB paste has thousands of rows).
            const WINDOW: usize = 1000;
            let from = body_start.min(a.start).max(a.start.saturating_sub(WINDOW));
            let before = crate::text::cp_slice(&doc.text, &cp, from, a.start);
            let after = crate::text::cp_slice(&doc.text, &cp, a.end, cp.len().min(a.end + WINDOW));
            Some(NumberRow {
                id: a.id.clone(),
                start: a.start,
                end: a.end,
                text: a.text.clone(),
                ty: a.ty,
                value: n.value,
                qualifier: n.qualifier,
                upper: n.upper,
                unit: n.unit.clone(),
                counted: n.counted.clone(),
                iso: n.iso.clone(),
                words: number_words(a.ty, n),
                qualifier_words: qualifier_words(n.qualifier),
                left: context(before, true),
                right: context(after, false),
                source: a.source,
            })
        })
        .collect()
}

/// Up to six words of `s` next to the number: its last words when `before`, else its
/// first; a blank line ends the paragraph.
fn context(s: &str, before: bool) -> String {
    const WORDS: usize = 6;
    let paragraph = if before {
        let cut = paragraph_breaks(s).last().map_or(0, |&(_, end)| end);
        &s[cut..]
    } else {
        let cut = paragraph_breaks(s)
            .first()
            .map_or(s.len(), |&(start, _)| start);
        &s[..cut]
    };
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    let picked = if before {
        &words[words.len().saturating_sub(WORDS)..]
    } else {
        &words[..words.len().min(WORDS)]
    };
    picked.join(" ")
}

/// Byte ranges of the whitespace runs in `s` that hold two or more line breaks.
fn paragraph_breaks(s: &str) -> Vec<(usize, usize)> {
    let mut breaks = Vec::new();
    let mut run: Option<(usize, usize)> = None; // (start, line breaks)
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            let (start, n) = run.unwrap_or((i, 0));
            run = Some((start, n + usize::from(c == '\n')));
        } else if let Some((start, n)) = run.take() {
            if n >= 2 {
                breaks.push((start, i));
            }
        }
    }
    if let Some((start, n)) = run {
        if n >= 2 {
            breaks.push((start, s.len()));
        }
    }
    breaks
}

/// The qualifier as a Norwegian reader says it: «om lag», «minst», «mer enn», «opptil»,
/// «under», «mellom»; empty for `exact`.
pub fn qualifier_words(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "",
        Qualifier::Approximately => "om lag",
        Qualifier::AtLeast => "minst",
        Qualifier::MoreThan => "mer enn",
        Qualifier::AtMost => "opptil",
        Qualifier::LessThan => "under",
        Qualifier::Range => "mellom",
    }
}

/// One qualifier with its words, for the page's number form.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QualifierWords {
    /// The JSON name (`at_least`).
    pub qualifier: Qualifier,
    /// The words (`minst`); empty for `exact`.
    pub words: &'static str,
}

/// Every qualifier with its words ([`qualifier_words`]), in [`Qualifier::ALL`] order.
pub fn qualifiers() -> Vec<QualifierWords> {
    Qualifier::ALL
        .into_iter()
        .map(|qualifier| QualifierWords {
            qualifier,
            words: qualifier_words(qualifier),
        })
        .collect()
}

/// Month abbreviations as Språkrådet writes them.
const MONTHS: [&str; 12] = [
    "jan.", "feb.", "mars", "april", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "des.",
];

/// A number's reading in the words a Norwegian reader uses, the way a newsroom writes it:
/// dates «8. okt.», «14. mars 2018», «3.–6. juni»; clock times «kl. 13.00»; years «2014»,
/// «1990–1999»; ordinals «3.»; quantities with their qualifier, unit and counted noun:
/// «240 mill. kr», «mer enn 7 år», «om lag 90 prosent», «minst 43 (mennesker)»,
/// «10 000–25 000». Thousands are grouped by a no-break space from 10 000 (Språkrådet),
/// decimals take a comma, millions and billions read «mill.» and «mrd.».
///
/// ```
/// use tusj::{overview::number_words, AnnotationType, NumberReading, Qualifier};
/// let r = NumberReading { value: 43.0, qualifier: Qualifier::AtLeast, upper: None,
///     unit: None, iso: None, counted: Some("mennesker".into()) };
/// assert_eq!(number_words(AnnotationType::Count, &r), "minst 43 (mennesker)");
/// ```
pub fn number_words(ty: AnnotationType, n: &NumberReading) -> String {
    let range = |f: &dyn Fn(f64) -> Option<String>| -> Option<String> {
        let low = f(n.value)?;
        match n.upper {
            Some(up) => Some(format!("{low}–{}", f(up)?)),
            None => Some(low),
        }
    };
    let special = match ty {
        AnnotationType::Date => date_words(n.value, n.upper),
        AnnotationType::Time => range(&|v| clock_words(v)).map(|t| format!("kl. {t}")),
        AnnotationType::Year => range(&|v| (v.fract() == 0.0).then(|| format!("{v}"))),
        AnnotationType::Ordinal => (n.value.fract() == 0.0).then(|| format!("{}.", n.value)),
        _ => None,
    };
    special.unwrap_or_else(|| quantity_words(n))
}

/// «minst 43 (mennesker)», «240 mill. kr», «10 000–25 000 km».
fn quantity_words(n: &NumberReading) -> String {
    let top = n.upper.unwrap_or(n.value).abs().max(n.value.abs());
    let (scale, suffix) = if top >= 1e9 {
        (1e9, " mrd.")
    } else if top >= 1e6 {
        (1e6, " mill.")
    } else {
        (1.0, "")
    };
    let mut out = String::new();
    if n.upper.is_none() || n.qualifier != Qualifier::Range {
        let q = qualifier_words(n.qualifier);
        if !q.is_empty() && n.qualifier != Qualifier::Range {
            out.push_str(q);
            out.push(' ');
        }
    }
    out.push_str(&amount(n.value / scale));
    if let Some(up) = n.upper {
        out.push('–');
        out.push_str(&amount(up / scale));
    }
    out.push_str(suffix);
    if let Some(unit) = n.unit.as_deref() {
        out.push(' ');
        out.push_str(unit_words(unit, n.upper.unwrap_or(n.value)));
    }
    if let Some(counted) = n.counted.as_deref() {
        out.push_str(&format!(" ({counted})"));
    }
    out
}

/// A value with a decimal comma (at most two decimals) and, from 10 000, thousands grouped
/// by a no-break space.
fn amount(v: f64) -> String {
    let rounded = (v * 100.0).round() / 100.0;
    let text = format!("{rounded}");
    let (int, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    if digits.len() > 4 {
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push('\u{a0}');
            }
            grouped.push(c);
        }
    } else {
        grouped.push_str(digits);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// The unit as a reader writes it after the number (`NOK` → «kr», `year` → «år»).
fn unit_words(unit: &str, value: f64) -> &str {
    let one = value == 1.0;
    match unit {
        "NOK" => "kr",
        "SEK" => "svenske kr",
        "DKK" => "danske kr",
        "USD" => "dollar",
        "EUR" => "euro",
        "GBP" => "pund",
        "JPY" => "yen",
        "RUB" => "rubler",
        "CNY" => "yuan",
        "percent" => "prosent",
        "percentage_point" => "prosentpoeng",
        "year" => "år",
        "month" if one => "måned",
        "month" => "måneder",
        "week" if one => "uke",
        "week" => "uker",
        "day" if one => "dag",
        "day" => "dager",
        "hour" if one => "time",
        "hour" => "timer",
        "minute" if one => "minutt",
        "minute" => "minutter",
        "second" if one => "sekund",
        "second" => "sekunder",
        "degree" => "grader",
        "daa" => "dekar",
        "m2" => "m²",
        "km2" => "km²",
        other => other,
    }
}

/// `HHMM` as «13.00».
fn clock_words(v: f64) -> Option<String> {
    if !(v.is_finite() && (0.0..=2400.0).contains(&v) && v.fract() == 0.0) {
        return None;
    }
    let v = v as u32;
    (v % 100 < 60).then(|| format!("{:02}.{:02}", v / 100, v % 100))
}

/// (year, month, day) of a `YYYYMMDD` value, zeros for the parts left out.
fn ymd(v: f64) -> Option<(u32, usize, u32)> {
    if !((1.0..1e8).contains(&v) && v.fract() == 0.0) {
        return None;
    }
    let v = v as u32;
    let (y, m, d) = (v / 10000, (v / 100 % 100) as usize, v % 100);
    (m <= 12 && d <= 31 && (m > 0 || d == 0)).then_some((y, m, d))
}

/// «14. mars 2018», «8. okt.», «mars 2018», «3.–6. juni», «30. mai–2. juni».
fn date_words(value: f64, upper: Option<f64>) -> Option<String> {
    let one = |(y, m, d): (u32, usize, u32), with_month: bool, with_year: bool| {
        let mut parts = Vec::new();
        if d > 0 {
            parts.push(format!("{d}."));
        }
        if m > 0 && with_month {
            parts.push(MONTHS[m - 1].to_string());
        }
        if y > 0 && with_year {
            parts.push(y.to_string());
        }
        parts.join(" ")
    };
    let low = ymd(value)?;
    let Some(up) = upper else {
        return Some(one(low, true, true));
    };
    let up = ymd(up)?;
    let same_month = low.1 == up.1 && low.0 == up.0 && low.2 > 0;
    let same_year = low.0 == up.0;
    Some(format!(
        "{}–{}",
        one(low, !same_month, !same_year),
        one(up, true, true)
    ))
}

/// One row of the page's «Facts» table: an event in the reader's words.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fact {
    /// The event's id.
    pub id: String,
    /// What happened.
    #[serde(rename = "type")]
    pub ty: EventType,
    /// First code point of the sentence.
    pub start: usize,
    /// End (exclusive) of the sentence.
    pub end: usize,
    /// «minst 43 mennesker drept», «ingen sivile drept», «angrep».
    pub what: String,
    /// «av amerikanskledede luftangrep», or empty.
    pub by: String,
    /// «mot IS-lommen», or empty.
    pub target: String,
    /// «Deir al-Zor», with «(fra avsnittet)» when inherited, or empty.
    pub place: String,
    /// «lørdag», or empty.
    pub time: String,
    /// «kilde: SOHR», or empty.
    pub source: String,
    /// «del av v1» for a breakdown, or empty.
    pub part_of: String,
    /// The spans of its parts (count, agent, target, place, time, source) as
    /// `[start, end]` code points, for showing them in the text.
    pub parts: Vec<[usize; 2]>,
}

/// The participle a reader writes after the count («drept», «skadd»).
fn participle(ty: EventType) -> &'static str {
    match ty {
        EventType::Killed => "drept",
        EventType::Injured => "skadd",
        EventType::Missing => "savnet",
        EventType::Detained => "pågrepet",
        EventType::Kidnapped => "bortført",
        EventType::Displaced => "på flukt",
        EventType::Attack => "angrep",
    }
}

/// The rows of the page's «Facts» table, one per event ([`crate::events`]), in the words a reader uses:
/// «minst 43 mennesker drept — av amerikanskledede luftangrep — mot IS-lommen — lørdag —
/// kilde: SOHR».
pub fn facts_table(doc: &Document) -> Vec<Fact> {
    // The first annotation of each id (ids are unique in a document the core made): a
    // long article has tens of thousands of events and of annotations.
    let mut by_id: FxHashMap<&str, &Annotation> = FxHashMap::default();
    for a in &doc.annotations {
        by_id.entry(a.id.as_str()).or_insert(a);
    }
    doc.events
        .iter()
        .map(|e| {
            let count = e.count.as_deref().and_then(|id| by_id.get(id).copied());
            let mut what: Vec<String> = Vec::new();
            if e.negated && count.is_none() {
                what.push("ingen".into());
            }
            if let Some(a) = count {
                what.push(a.text.clone());
            }
            if let Some(v) = &e.victims {
                // «36 av dem» already reads «av dem»; the victims follow either way.
                if count.is_none_or(|a| !a.text.ends_with(v.as_str())) {
                    what.push(v.clone());
                }
            }
            if e.ty != EventType::Attack || what.is_empty() {
                what.push(participle(e.ty).into());
            }
            let text =
                |s: &Option<EventSpan>| s.as_ref().map_or_else(String::new, |s| s.text.clone());
            let mut parts: Vec<[usize; 2]> = count.map(|a| [a.start, a.end]).into_iter().collect();
            for s in [&e.agent, &e.target, &e.place, &e.time, &e.source]
                .into_iter()
                .flatten()
            {
                parts.push([s.start, s.end]);
            }
            parts.sort_unstable();
            parts.dedup();
            Fact {
                id: e.id.clone(),
                ty: e.ty,
                start: e.start,
                end: e.end,
                what: what.join(" "),
                by: e
                    .agent
                    .as_ref()
                    .map_or_else(String::new, |a| format!("av {}", a.text)),
                target: e
                    .target
                    .as_ref()
                    .map_or_else(String::new, |t| format!("mot {}", t.text)),
                place: e.place.as_ref().map_or_else(String::new, |p| {
                    if p.inherited {
                        format!("{} (fra avsnittet)", p.text)
                    } else {
                        p.text.clone()
                    }
                }),
                time: text(&e.time),
                source: e
                    .source
                    .as_ref()
                    .map_or_else(String::new, |s| format!("kilde: {}", s.text)),
                part_of: e
                    .part_of
                    .as_ref()
                    .map_or_else(String::new, |p| format!("del av {p}")),
                parts,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(
        value: f64,
        qualifier: Qualifier,
        upper: Option<f64>,
        unit: Option<&str>,
    ) -> NumberReading {
        NumberReading {
            value,
            qualifier,
            upper,
            unit: unit.map(str::to_string),
            iso: None,
            counted: None,
        }
    }

    macro_rules! t {
        ($name:ident, $ty:ident, $reading:expr, $words:expr) => {
            #[test]
            fn $name() {
                assert_eq!(number_words(AnnotationType::$ty, &$reading), $words);
            }
        };
    }

    use Qualifier::*;
    t!(
        date_day_month,
        Date,
        r(1008.0, Exact, None, None),
        "8. okt."
    );
    t!(
        date_full,
        Date,
        r(20180314.0, Exact, None, None),
        "14. mars 2018"
    );
    t!(
        date_month_year,
        Date,
        r(20180300.0, Exact, None, None),
        "mars 2018"
    );
    t!(
        date_range,
        Date,
        r(603.0, Range, Some(606.0), None),
        "3.–6. juni"
    );
    t!(
        date_range_months,
        Date,
        r(530.0, Range, Some(602.0), None),
        "30. mai–2. juni"
    );
    t!(
        date_bad_month_falls_back,
        Date,
        r(1399.0, Exact, None, None),
        "1399"
    );
    t!(time, Time, r(1300.0, Exact, None, None), "kl. 13.00");
    t!(
        time_range,
        Time,
        r(1000.0, Range, Some(1230.0), None),
        "kl. 10.00–12.30"
    );
    t!(year, Year, r(2014.0, Exact, None, None), "2014");
    t!(
        decade,
        Year,
        r(1990.0, Range, Some(1999.0), None),
        "1990–1999"
    );
    t!(ordinal, Ordinal, r(17.0, Exact, None, None), "17.");
    t!(
        money_millions,
        Money,
        r(240e6, Exact, None, Some("NOK")),
        "240 mill. kr"
    );
    t!(
        money_billions,
        Money,
        r(1.3e9, Approximately, None, Some("USD")),
        "om lag 1,3 mrd. dollar"
    );
    t!(
        more_than_years,
        Measure,
        r(7.0, MoreThan, None, Some("year")),
        "mer enn 7 år"
    );
    t!(
        percent,
        Percent,
        r(90.0, Approximately, None, Some("percent")),
        "om lag 90 prosent"
    );
    t!(
        grouped,
        Count,
        r(360000.0, MoreThan, None, None),
        "mer enn 360\u{a0}000"
    );
    t!(
        four_digits_ungrouped,
        Count,
        r(1100.0, MoreThan, None, None),
        "mer enn 1100"
    );
    t!(
        decimal_comma,
        Measure,
        r(2.5, Exact, None, Some("km")),
        "2,5 km"
    );
    t!(
        range_count,
        Count,
        r(10000.0, Range, Some(25000.0), None),
        "10\u{a0}000–25\u{a0}000"
    );
    t!(
        one_month,
        Measure,
        r(1.0, Exact, None, Some("month")),
        "1 måned"
    );

    #[test]
    fn counted_in_brackets() {
        let mut n = r(43.0, AtLeast, None, None);
        n.counted = Some("mennesker".into());
        assert_eq!(
            number_words(AnnotationType::Count, &n),
            "minst 43 (mennesker)"
        );
    }

    #[test]
    fn iso_dates_and_times() {
        let iso = |ty, v, up| r(v, Exact, up, None).with_iso(ty).iso;
        assert_eq!(
            iso(AnnotationType::Date, 20180314.0, None).as_deref(),
            Some("2018-03-14")
        );
        assert_eq!(
            iso(AnnotationType::Date, 1008.0, None).as_deref(),
            Some("--10-08")
        );
        assert_eq!(
            iso(AnnotationType::Date, 20180300.0, None).as_deref(),
            Some("2018-03")
        );
        assert_eq!(
            iso(AnnotationType::Date, 603.0, Some(606.0)).as_deref(),
            Some("--06-03/--06-06")
        );
        assert_eq!(
            iso(AnnotationType::Time, 1300.0, None).as_deref(),
            Some("13:00")
        );
        assert_eq!(
            iso(AnnotationType::Time, 905.0, None).as_deref(),
            Some("09:05")
        );
        assert_eq!(iso(AnnotationType::Time, 1375.0, None), None);
        assert_eq!(iso(AnnotationType::Date, 1399.0, None), None);
        assert_eq!(iso(AnnotationType::Count, 1300.0, None), None);
    }

    #[test]
    fn odd_values_never_panic() {
        for v in [f64::NAN, f64::INFINITY, -1.0, 0.0, 1e300, 0.5, -2.5e7] {
            for ty in AnnotationType::ALL {
                let n = r(v, Range, Some(v), Some("NOK"));
                let _ = number_words(ty, &n);
                let _ = n.with_iso(ty);
            }
        }
    }

    use crate::open::tests::sample;
    use crate::vocab::{Qualifier, Source};

    #[test]
    fn numbers_table_reads_with_context() {
        let rows = numbers_table(&sample());
        let got: Vec<(&str, f64, Option<f64>, &str, &str)> = rows
            .iter()
            .map(|r| {
                (
                    r.text.as_str(),
                    r.value,
                    r.upper,
                    r.left.as_str(),
                    r.right.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("sju år", 7.0, None, "Over", "inn i krigen i Syria, melder"),
                (
                    "Minst 43 mennesker",
                    43.0,
                    None,
                    "",
                    "ble drept – 🙂 «SOHR, «Kurdisk»"
                ),
                (
                    "Mellom 10.000 og 25.000",
                    10000.0,
                    Some(25000.0),
                    "🙂 «SOHR, «Kurdisk» ørken» sier Ærø-gruppa.",
                    "flyktet, 2,5 prosent."
                ),
                (
                    "2,5 prosent",
                    2.5,
                    None,
                    "Ærø-gruppa. Mellom 10.000 og 25.000 flyktet,",
                    "."
                ),
                ("90 prosent", 90.0, None, "Nytt avsnitt:", "."),
            ]
        );
        assert_eq!(rows[1].counted.as_deref(), Some("mennesker"));
        assert_eq!(rows[1].qualifier, Qualifier::AtLeast);
        assert_eq!(rows[4].source, Source::User);
        let json = serde_json::to_value(&rows[0]).unwrap();
        assert_eq!(json["type"], "measure");
        assert_eq!(json["unit"], "year");
    }
}
