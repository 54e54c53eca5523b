//! The number grammar, case by case: Norwegian news expressions with their expected
//! span, type, value, qualifier, upper bound, unit and counted noun. Written from the
//! style rules (Språkrådet, NTB) and ordinary news language.

use super::*;
use crate::document::{AnnotationType as T, Qualifier as Q};

fn found(text: &str) -> Vec<(String, NumberMatch)> {
    let tokens = crate::tokens::tokenize(text);
    find(text, &tokens)
        .into_iter()
        .map(|m| (text[m.start..m.end].to_string(), m))
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn check(
    text: &str,
    span: &str,
    ty: T,
    value: f64,
    q: Q,
    upper: Option<f64>,
    unit: Option<&str>,
    counted: Option<&str>,
) {
    let all = found(text);
    let Some((_, m)) = all.iter().find(|(s, _)| s == span) else {
        let spans: Vec<&str> = all.iter().map(|(s, _)| s.as_str()).collect();
        panic!("{text:?}: no match «{span}»; found {spans:?}");
    };
    let r = &m.reading;
    let got = (
        m.ty,
        r.value,
        r.qualifier,
        r.upper,
        r.unit.as_deref(),
        r.counted.as_deref(),
    );
    assert_eq!(
        got,
        (ty, value, q, upper, unit, counted),
        "{text:?} «{span}»"
    );
}

/// `t!(name, text, span, type, value, qualifier, upper, unit, counted)`.
macro_rules! t {
    ($name:ident, $text:expr, $span:expr, $ty:ident, $value:expr, $q:ident, $upper:expr, $unit:expr, $counted:expr) => {
        #[test]
        fn $name() {
            check(
                $text,
                $span,
                T::$ty,
                $value as f64,
                Q::$q,
                $upper,
                $unit,
                $counted,
            );
        }
    };
}

/// `none!(name, text)`: no number at all.
macro_rules! none {
    ($name:ident, $text:expr) => {
        #[test]
        fn $name() {
            let all = found($text);
            assert!(
                all.is_empty(),
                "{:?}: {:?}",
                $text,
                all.iter().map(|f| &f.0).collect::<Vec<_>>()
            );
        }
    };
}

const N: Option<f64> = None;
const NU: Option<&str> = None;

// ---- the seeds' numbers ----
t!(
    seed_sju_ar,
    "Over sju år inn i den blodige borgerkrigen",
    "Over sju år",
    Measure,
    7,
    MoreThan,
    N,
    Some("year"),
    NU
);
t!(
    seed_minst_43,
    "Lørdag ble det meldt at minst 43 mennesker ble drept",
    "minst 43",
    Count,
    43,
    AtLeast,
    N,
    NU,
    Some("mennesker")
);
t!(
    seed_36_av_dem,
    "var 36 av dem familiemedlemmer av IS-krigere",
    "36",
    Count,
    36,
    Exact,
    N,
    NU,
    Some("familiemedlemmer")
);
t!(
    seed_minst_17,
    "og minst 17 av dem barn.",
    "minst 17",
    Count,
    17,
    AtLeast,
    N,
    NU,
    Some("barn")
);
t!(
    seed_i_2014,
    "Irak i 2014, og erklærte",
    "2014",
    Year,
    2014,
    Exact,
    N,
    NU,
    NU
);
t!(
    seed_mer_enn,
    "Mer enn 360.000 mennesker har blitt drept",
    "Mer enn 360.000",
    Count,
    360_000,
    MoreThan,
    N,
    NU,
    Some("mennesker")
);
t!(
    seed_i_2011,
    "brøt ut i 2011.",
    "2011",
    Year,
    2011,
    Exact,
    N,
    NU,
    NU
);
t!(
    seed_over_1100,
    "ansvarlig for over 1.100 sivile dødsfall i Syria",
    "over 1.100",
    Count,
    1100,
    MoreThan,
    N,
    NU,
    Some("dødsfall")
);
t!(
    seed_forste_gang,
    "Det er første gang de to landenes",
    "første",
    Ordinal,
    1,
    Exact,
    N,
    NU,
    NU
);
t!(
    seed_de_to,
    "Det er første gang de to landenes militære ledere møtes",
    "to",
    Count,
    2,
    Exact,
    N,
    NU,
    Some("landenes")
);
t!(
    seed_om_lag_140,
    "som ligger om lag 140 kilometer nordvest",
    "om lag 140 kilometer",
    Measure,
    140,
    Approximately,
    N,
    Some("km"),
    NU
);
t!(
    seed_90_prosent,
    "hadde gjenerobret 90 prosent av Raqqa.",
    "90 prosent",
    Percent,
    90,
    Exact,
    N,
    Some("percent"),
    NU
);
t!(
    seed_tusenvis,
    "Tusenvis av sivile flyktet",
    "Tusenvis",
    Count,
    1000,
    Approximately,
    N,
    NU,
    Some("sivile")
);
t!(
    seed_titusenvis,
    "Titusenvis av sivile har flyktet",
    "Titusenvis",
    Count,
    10_000,
    Approximately,
    N,
    NU,
    Some("sivile")
);
t!(
    seed_tidlig_i_2014,
    "tidlig i 2014 og gjorde",
    "2014",
    Year,
    2014,
    Exact,
    N,
    NU,
    NU
);
t!(
    seed_mellom,
    "det anslås at mellom 10.000 og 25.000 sivile fortsatt er innenfor",
    "mellom 10.000 og 25.000",
    Count,
    10_000,
    Range,
    Some(25_000.0),
    NU,
    Some("sivile")
);
none!(
    seed_en_av,
    "var en av Syrias viktigste oljeproduserende provinser"
);
none!(seed_en_lomme, "å tvinge IS ut av en lomme i provinsen");
none!(seed_flere, "kjemper flere styrker på flere fronter");
none!(seed_omtrent_samme, "mot IS i omtrent samme område");
