//! The number grammar, case by case: Norwegian news expressions with their expected
//! span, type, value, qualifier, upper bound, unit and counted noun. Written from the
//! style rules (Språkrådet, NTB) and ordinary news language.

use super::*;
use crate::vocab::{AnnotationType as T, Qualifier as Q};

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

// ---- digits: thousands, decimals, signs ----
t!(
    ntb_thousands,
    "Det kom 2.500 deltakere.",
    "2.500",
    Count,
    2500,
    Exact,
    N,
    NU,
    Some("deltakere")
);
t!(
    ntb_millions,
    "Byen har 1.300.000 innbyggere.",
    "1.300.000",
    Count,
    1_300_000,
    Exact,
    N,
    NU,
    Some("innbyggere")
);
t!(
    space_thousands,
    "Det kostet 2 000 kroner.",
    "2 000 kroner",
    Money,
    2000,
    Exact,
    N,
    Some("NOK"),
    NU
);
t!(
    nbsp_thousands,
    "Hele 12\u{a0}500 mennesker kom.",
    "12\u{a0}500",
    Count,
    12_500,
    Exact,
    N,
    NU,
    Some("mennesker")
);
t!(
    narrow_nbsp_thousands,
    "Det bor 4\u{202f}300\u{202f}000 i landet.",
    "4\u{202f}300\u{202f}000",
    Count,
    4_300_000,
    Exact,
    N,
    NU,
    NU
);
t!(
    space_millions,
    "Norge har 5 400 000 innbyggere.",
    "5 400 000",
    Count,
    5_400_000,
    Exact,
    N,
    NU,
    Some("innbyggere")
);
t!(
    decimal_comma,
    "Veksten var 2,5 prosent.",
    "2,5 prosent",
    Percent,
    2.5,
    Exact,
    N,
    Some("percent"),
    NU
);
t!(
    decimal_grouped,
    "Snittet var 1.234,5 kroner.",
    "1.234,5 kroner",
    Money,
    1234.5,
    Exact,
    N,
    Some("NOK"),
    NU
);
t!(
    one_dot_two_digits_not_thousands,
    "Vi møtes 10.30 i morgen.",
    "10.30",
    Time,
    1030,
    Exact,
    N,
    NU,
    NU
);
t!(
    minus_word,
    "Det var minus 12 grader i natt.",
    "minus 12 grader",
    Measure,
    -12,
    Exact,
    N,
    Some("degree"),
    NU
);
t!(
    minus_sign,
    "Temperaturen falt til -5 grader.",
    "-5 grader",
    Measure,
    -5,
    Exact,
    N,
    Some("degree"),
    NU
);
t!(
    plus_sign,
    "Det var +3 grader.",
    "+3 grader",
    Measure,
    3,
    Exact,
    N,
    Some("degree"),
    NU
);
t!(
    null_grader,
    "Det var null grader.",
    "null grader",
    Measure,
    0,
    Exact,
    N,
    Some("degree"),
    NU
);
t!(
    plain_count,
    "Han har 3 barn.",
    "3",
    Count,
    3,
    Exact,
    N,
    NU,
    Some("barn")
);
t!(
    count_end_of_sentence,
    "Antallet steg til 27.",
    "27",
    Count,
    27,
    Exact,
    N,
    NU,
    NU
);
t!(
    small_year_like_count,
    "De solgte 1500 billetter.",
    "1500",
    Count,
    1500,
    Exact,
    N,
    NU,
    Some("billetter")
);

// ---- number words ----
t!(
    word_sju,
    "Han satt i fengsel i sju år.",
    "sju år",
    Measure,
    7,
    Exact,
    N,
    Some("year"),
    NU
);
t!(
    word_syv,
    "Det tok syv uker.",
    "syv uker",
    Measure,
    7,
    Exact,
    N,
    Some("week"),
    NU
);
t!(
    word_tjuefem,
    "Tjuefem mennesker ble skadet.",
    "Tjuefem",
    Count,
    25,
    Exact,
    N,
    NU,
    Some("mennesker")
);
t!(
    word_femogtjue,
    "Det var femogtjue elever i klassen.",
    "femogtjue",
    Count,
    25,
    Exact,
    N,
    NU,
    Some("elever")
);
t!(
    word_fem_og_tjue,
    "Det var fem og tjue elever.",
    "fem og tjue",
    Count,
    25,
    Exact,
    N,
    NU,
    Some("elever")
);
t!(
    word_tyve,
    "Han ventet tyve minutter.",
    "tyve minutter",
    Measure,
    20,
    Exact,
    N,
    Some("minute"),
    NU
);
t!(
    word_tredve,
    "Hun er tredve år.",
    "tredve år",
    Measure,
    30,
    Exact,
    N,
    Some("year"),
    NU
);
t!(
    word_tretti,
    "Tretti soldater ble drept.",
    "Tretti",
    Count,
    30,
    Exact,
    N,
    NU,
    Some("soldater")
);
t!(
    word_to_hundre_og_tre,
    "Skipet hadde to hundre og tre passasjerer.",
    "to hundre og tre",
    Count,
    203,
    Exact,
    N,
    NU,
    Some("passasjerer")
);
t!(
    word_tohundreogtre,
    "Det var tohundreogtre stemmer.",
    "tohundreogtre",
    Count,
    203,
    Exact,
    N,
    NU,
    Some("stemmer")
);
t!(
    word_hundre,
    "Over hundre hus brant.",
    "Over hundre",
    Count,
    100,
    MoreThan,
    N,
    NU,
    Some("hus")
);
t!(
    word_tusen,
    "Tusen mennesker demonstrerte.",
    "Tusen",
    Count,
    1000,
    Exact,
    N,
    NU,
    Some("mennesker")
);
t!(
    word_tre_tusen_fem_hundre,
    "Hele tre tusen fem hundre stemte.",
    "tre tusen fem hundre",
    Count,
    3500,
    Exact,
    N,
    NU,
    NU
);
t!(
    word_fem_millioner_kroner,
    "Prosjektet koster fem millioner kroner.",
    "fem millioner kroner",
    Money,
    5_000_000,
    Exact,
    N,
    Some("NOK"),
    NU
);
t!(
    word_en_million,
    "Han fikk en million kroner.",
    "en million kroner",
    Money,
    1_000_000,
    Exact,
    N,
    Some("NOK"),
    NU
);
t!(
    word_en_halv_million,
    "Det kostet en halv million kroner.",
    "en halv million kroner",
    Money,
    500_000,
    Exact,
    N,
    Some("NOK"),
    NU
);
t!(
    word_to_milliarder,
    "Staten brukte to milliarder kroner.",
    "to milliarder kroner",
    Money,
    2e9,
    Exact,
    N,
    Some("NOK"),
    NU
);
t!(
    word_hundre_tusen,
    "Hundre tusen mennesker flyktet.",
    "Hundre tusen",
    Count,
    100_000,
    Exact,
    N,
    NU,
    Some("mennesker")
);
t!(
    word_ett,
    "Det tok ett år.",
    "ett år",
    Measure,
    1,
    Exact,
    N,
    Some("year"),
    NU
);
t!(
    word_en_stressed,
    "Bare én person overlevde.",
    "én",
    Count,
    1,
    Exact,
    N,
    NU,
    Some("person")
);
t!(
    word_halvannet,
    "Det tok halvannet år.",
    "halvannet år",
    Measure,
    1.5,
    Exact,
    N,
    Some("year"),
    NU
);
t!(
    word_tolv,
    "Tolv gruvearbeidere ble reddet.",
    "Tolv",
    Count,
    12,
    Exact,
    N,
    NU,
    Some("gruvearbeidere")
);
t!(
    word_elleve,
    "Laget har elleve spillere.",
    "elleve",
    Count,
    11,
    Exact,
    N,
    NU,
    Some("spillere")
);
t!(
    word_nitten,
    "Nitten land deltok.",
    "Nitten",
    Count,
    19,
    Exact,
    N,
    NU,
    Some("land")
);
t!(
    word_seksti,
    "Seksti prosent sa nei.",
    "Seksti prosent",
    Percent,
    60,
    Exact,
    N,
    Some("percent"),
    NU
);
t!(
    word_null,
    "Regjeringen har null toleranse.",
    "null",
    Count,
    0,
    Exact,
    N,
    NU,
    Some("toleranse")
);

// ---- Nynorsk ----
t!(
    nn_millionar,
    "Det kosta fem millionar kroner.",
    "fem millionar kroner",
    Money,
    5_000_000,
    Exact,
    N,
    Some("NOK"),
    NU
);
t!(
    nn_milliardar,
    "Staten brukar to milliardar kroner.",
    "to milliardar kroner",
    Money,
    2e9,
    Exact,
    N,
    Some("NOK"),
    NU
);
t!(
    nn_ein_stressed,
    "Berre éin person kom.",
    "éin",
    Count,
    1,
    Exact,
    N,
    NU,
    Some("person")
);
t!(
    nn_eitt,
    "Det tok eitt år.",
    "eitt år",
    Measure,
    1,
    Exact,
    N,
    Some("year"),
    NU
);
t!(
    nn_dagar,
    "Dei gjekk i tre dagar.",
    "tre dagar",
    Measure,
    3,
    Exact,
    N,
    Some("day"),
    NU
);
t!(
    nn_meir_enn,
    "Meir enn 200 menneske vart drepne.",
    "Meir enn 200",
    Count,
    200,
    MoreThan,
    N,
    NU,
    Some("menneske")
);
t!(
    nn_om_lag,
    "Det er om lag 40 kilometer dit.",
    "om lag 40 kilometer",
    Measure,
    40,
    Approximately,
    N,
    Some("km"),
    NU
);
t!(
    nn_sidan,
    "Han har budd her sidan 2011.",
    "2011",
    Year,
    2011,
    Exact,
    N,
    NU,
    NU
);
t!(
    nn_sjuande,
    "Ho kom på sjuande plass.",
    "sjuande",
    Ordinal,
    7,
    Exact,
    N,
    NU,
    NU
);
t!(
    nn_timar,
    "Møtet varte i fire timar.",
    "fire timar",
    Measure,
    4,
    Exact,
    N,
    Some("hour"),
    NU
);

// ---- qualifiers ----
t!(
    q_om_lag,
    "Om lag 300 mennesker møtte opp.",
    "Om lag 300",
    Count,
    300,
    Approximately,
    N,
    NU,
    Some("mennesker")
);
t!(
    q_rundt,
    "Rundt 50 hus ble ødelagt.",
    "Rundt 50",
    Count,
    50,
    Approximately,
    N,
    NU,
    Some("hus")
);
t!(
    q_cirka,
    "Det var cirka 20 personer der.",
    "cirka 20",
    Count,
    20,
    Approximately,
    N,
    NU,
    Some("personer")
);
t!(
    q_ca,
    "Det var ca. 20 personer der.",
    "ca. 20",
    Count,
    20,
    Approximately,
    N,
    NU,
    Some("personer")
);
t!(
    q_nesten,
    "Nesten 40 prosent stemte.",
    "Nesten 40 prosent",
    Percent,
    40,
    Approximately,
    N,
    Some("percent"),
    NU
);
t!(
    q_droyt,
    "Drøyt 70 000 tilskuere så kampen.",
    "Drøyt 70 000",
    Count,
    70_000,
    Approximately,
    N,
    NU,
    Some("tilskuere")
);
t!(
    q_snaut,
    "Snaut 30 prosent svarte.",
    "Snaut 30 prosent",
    Percent,
    30,
    Approximately,
    N,
    Some("percent"),
    NU
);
t!(
    q_vel,
    "Vel 200 soldater deltok.",
    "Vel 200",
    Count,
    200,
    Approximately,
    N,
    NU,
    Some("soldater")
);
t!(
    q_omtrent,
    "Det tar omtrent to timer.",
    "omtrent to timer",
    Measure,
    2,
    Approximately,
    N,
    Some("hour"),
    NU
);
t!(
    q_naermere,
    "Brevet ble solgt for nærmere 1,4 millioner kroner.",
    "nærmere 1,4 millioner kroner",
    Money,
    1_400_000,
    Approximately,
    N,
    Some("NOK"),
    NU
);
t!(
    q_minst,
    "Minst 12 personer omkom.",
    "Minst 12",
    Count,
    12,
    AtLeast,
    N,
    NU,
    Some("personer")
);
t!(
    q_mer_enn,
    "Mer enn 5000 mennesker har flyktet.",
    "Mer enn 5000",
    Count,
    5000,
    MoreThan,
    N,
    NU,
    Some("mennesker")
);
t!(
    q_over,
    "Over 100 mennesker ble pågrepet.",
    "Over 100",
    Count,
    100,
    MoreThan,
    N,
    NU,
    Some("mennesker")
);
t!(
    q_flere_enn,
    "Flere enn 30 land deltar.",
    "Flere enn 30",
    Count,
    30,
    MoreThan,
    N,
    NU,
    Some("land")
);
t!(
    q_opptil,
    "Straffen er opptil 21 år.",
    "opptil 21 år",
    Measure,
    21,
    AtMost,
    N,
    Some("year"),
    NU
);
t!(
    q_maks,
    "Det er plass til maks 50 personer.",
    "maks 50",
    Count,
    50,
    AtMost,
    N,
    NU,
    Some("personer")
);
t!(
    q_maksimalt,
    "Man kan få maksimalt 10 poeng.",
    "maksimalt 10",
    Count,
    10,
    AtMost,
    N,
    NU,
    Some("poeng")
);
t!(
    q_inntil,
    "Det kan ta inntil tre uker.",
    "inntil tre uker",
    Measure,
    3,
    AtMost,
    N,
    Some("week"),
    NU
);
t!(
    q_under,
    "Under 20 prosent svarte ja.",
    "Under 20 prosent",
    Percent,
    20,
    LessThan,
    N,
    Some("percent"),
    NU
);
t!(
    q_faerre_enn,
    "Færre enn 10 elever møtte.",
    "Færre enn 10",
    Count,
    10,
    LessThan,
    N,
    NU,
    Some("elever")
);
t!(
    q_mindre_enn,
    "Det tok mindre enn to minutter.",
    "mindre enn to minutter",
    Measure,
    2,
    LessThan,
    N,
    Some("minute"),
    NU
);
t!(
    q_i_overkant_av,
    "Prisen var i overkant av 3 millioner kroner.",
    "i overkant av 3 millioner kroner",
    Money,
    3_000_000,
    MoreThan,
    N,
    Some("NOK"),
    NU
);
t!(
    q_i_underkant_av,
    "De fikk i underkant av 40 prosent.",
    "i underkant av 40 prosent",
    Percent,
    40,
    LessThan,
    N,
    Some("percent"),
    NU
);

// ---- ranges ----
t!(
    r_mellom_og,
    "Mellom 10 og 15 mennesker ble skadet.",
    "Mellom 10 og 15",
    Count,
    10,
    Range,
    Some(15.0),
    NU,
    Some("mennesker")
);
t!(
    r_en_dash,
    "Det kommer 10–20 centimeter snø.",
    "10–20 centimeter",
    Measure,
    10,
    Range,
    Some(20.0),
    Some("cm"),
    NU
);
t!(
    r_hyphen_token,
    "Det kommer 10-20 centimeter snø.",
    "10-20 centimeter",
    Measure,
    10,
    Range,
    Some(20.0),
    Some("cm"),
    NU
);
t!(
    r_space_group_upper,
    "Det koster 2-4 000 kroner.",
    "2-4 000 kroner",
    Money,
    2000,
    Range,
    Some(4000.0),
    Some("NOK"),
    NU
);
t!(
    r_words_hyphen,
    "Det tar to-tre uker.",
    "to-tre uker",
    Measure,
    2,
    Range,
    Some(3.0),
    Some("week"),
    NU
);
t!(
    r_words_eller,
    "Det tar to eller tre dager.",
    "to eller tre dager",
    Measure,
    2,
    Range,
    Some(3.0),
    Some("day"),
    NU
);
t!(
    r_en_eller_to,
    "Det tar en eller to dager.",
    "en eller to dager",
    Measure,
    1,
    Range,
    Some(2.0),
    Some("day"),
    NU
);
t!(
    r_en_til_to,
    "Vi venter en til to uker.",
    "en til to uker",
    Measure,
    1,
    Range,
    Some(2.0),
    Some("week"),
    NU
);
t!(
    r_til,
    "Det blir 5 til 10 plussgrader.",
    "5 til 10",
    Count,
    5,
    Range,
    Some(10.0),
    NU,
    Some("plussgrader")
);
t!(
    r_fra_til,
    "Prisen er fra 100 til 200 kroner.",
    "fra 100 til 200 kroner",
    Money,
    100,
    Range,
    Some(200.0),
    Some("NOK"),
    NU
);
t!(
    r_millions_scaled,
    "Det koster 2–3 millioner kroner.",
    "2–3 millioner kroner",
    Money,
    2_000_000,
    Range,
    Some(3_000_000.0),
    Some("NOK"),
    NU
);
t!(
    r_years_token,
    "Han var statsminister 2011-2014.",
    "2011-2014",
    Year,
    2011,
    Range,
    Some(2014.0),
    NU,
    NU
);
t!(
    r_years_dash,
    "Krigen 1940–1945 endret alt.",
    "1940–1945",
    Year,
    1940,
    Range,
    Some(1945.0),
    NU,
    NU
);
t!(
    r_years_short,
    "Komponisten (1862–97) skrev mye.",
    "1862–97",
    Year,
    1862,
    Range,
    Some(1897.0),
    NU,
    NU
);
t!(
    r_mellom_years,
    "Mellom 2011 og 2014 økte tallet.",
    "Mellom 2011 og 2014",
    Year,
    2011,
    Range,
    Some(2014.0),
    NU,
    NU
);
t!(
    r_percent_decimal,
    "Renten blir 2,5-3 prosent.",
    "2,5-3 prosent",
    Percent,
    2.5,
    Range,
    Some(3.0),
    Some("percent"),
    NU
);

t!(
    r_score_not_range,
    "Viking vant 2 - 0 borte.",
    "2",
    Count,
    2,
    Exact,
    N,
    NU,
    NU
);
t!(
    r_fall_not_range,
    "Partiet falt fra 29 til 21,7 prosent.",
    "21,7 prosent",
    Percent,
    21.7,
    Exact,
    N,
    Some("percent"),
    NU
);
t!(
    r_fall_first_number,
    "Partiet falt fra 29 til 21,7 prosent.",
    "29",
    Count,
    29,
    Exact,
    N,
    NU,
    NU
);
t!(
    r_year_then_til,
    "Forbruket var 8 liter i 1960 til 6,6 liter i dag.",
    "1960",
    Year,
    1960,
    Exact,
    N,
    NU,
    NU
);

t!(
    r_change_not_range,
    "Renten økte fra 2 til 3 prosent.",
    "3 prosent",
    Percent,
    3,
    Exact,
    N,
    Some("percent"),
    NU
);
t!(
    r_change_first_number,
    "Renten økte fra 2 til 3 prosent.",
    "2",
    Count,
    2,
    Exact,
    N,
    NU,
    NU
);

t!(
    r_years_short_spaced,
    "I perioden 1960 - 64 var det fred.",
    "1960 - 64",
    Year,
    1960,
    Range,
    Some(1964.0),
    NU,
    NU
);

// ---- percent ----
t!(
    p_sign,
    "Oppslutningen er 25 %.",
    "25 %",
    Percent,
    25,
    Exact,
    N,
    Some("percent"),
    NU
);
t!(
    p_sign_glued,
    "Oppslutningen er 25%.",
    "25%",
    Percent,
    25,
    Exact,
    N,
    Some("percent"),
    NU
);
t!(
    p_pst,
    "Prisene steg 3,1 pst. i fjor.",
    "3,1 pst.",
    Percent,
    3.1,
    Exact,
    N,
    Some("percent"),
    NU
);
t!(
    p_points,
    "Partiet gikk fram 4,2 prosentpoeng.",
    "4,2 prosentpoeng",
    Percent,
    4.2,
    Exact,
    N,
    Some("percentage_point"),
    NU
);
t!(
    p_words,
    "Fem prosent av budsjettet.",
    "Fem prosent",
    Percent,
    5,
    Exact,
    N,
    Some("percent"),
    NU
);

// ---- money ----
t!(
    m_kr_before,
    "Billetten koster kr 250.",
    "kr 250",
    Money,
    250,
    Exact,
    N,
    Some("NOK"),
    NU
);
t!(
    m_kr_dash,
    "Billetten koster kr 250,-.",
    "kr 250,-",
    Money,
    250,
    Exact,
    N,
    Some("NOK"),
    NU
);
t!(
    m_kr_after,
    "Det kostet 250 kr.",
    "250 kr.",
    Money,
    250,
    Exact,
    N,
    Some("NOK"),
    NU
);
t!(
    m_nok,
    "Fondet er verdt NOK 12 milliarder.",
    "NOK 12 milliarder",
    Money,
    12e9,
    Exact,
    N,
    Some("NOK"),
    NU
);
t!(
    m_mrd,
    "Underskuddet er 12 mrd. kroner.",
    "12 mrd. kroner",
    Money,
    12e9,
    Exact,
    N,
    Some("NOK"),
    NU
);
t!(
    m_mill,
    "Han tjente 3 mill. kroner.",
    "3 mill. kroner",
    Money,
    3e6,
    Exact,
    N,
    Some("NOK"),
    NU
);
t!(
    m_dollar,
    "Det koster 40 dollar.",
    "40 dollar",
    Money,
    40,
    Exact,
    N,
    Some("USD"),
    NU
);
t!(
    m_dollar_sign,
    "Aksjen kostet $15.",
    "$15",
    Money,
    15,
    Exact,
    N,
    Some("USD"),
    NU
);
t!(
    m_euro,
    "Boten var på 500 euro.",
    "500 euro",
    Money,
    500,
    Exact,
    N,
    Some("EUR"),
    NU
);
t!(
    m_euro_sign,
    "Det koster €20.",
    "€20",
    Money,
    20,
    Exact,
    N,
    Some("EUR"),
    NU
);
t!(
    m_milliarder_kroner,
    "Budsjettet øker med 1,3 milliarder kroner.",
    "1,3 milliarder kroner",
    Money,
    1.3e9,
    Exact,
    N,
    Some("NOK"),
    NU
);
t!(
    m_millioner_dollar,
    "USA gir 4,5 millioner dollar.",
    "4,5 millioner dollar",
    Money,
    4_500_000,
    Exact,
    N,
    Some("USD"),
    NU
);
t!(
    m_svenske_kroner,
    "Det kostet 100 svenske kroner.",
    "100 svenske kroner",
    Money,
    100,
    Exact,
    N,
    Some("SEK"),
    NU
);
t!(
    m_pund,
    "Han betalte 30 pund.",
    "30 pund",
    Money,
    30,
    Exact,
    N,
    Some("GBP"),
    NU
);
t!(
    m_count_millions,
    "Det bor 1,3 millioner mennesker der.",
    "1,3 millioner",
    Count,
    1_300_000,
    Exact,
    N,
    NU,
    Some("mennesker")
);

// ---- measures ----
t!(
    u_km,
    "Det er 12 km til byen.",
    "12 km",
    Measure,
    12,
    Exact,
    N,
    Some("km"),
    NU
);
t!(
    u_meter,
    "Muren er 3 meter høy.",
    "3 meter",
    Measure,
    3,
    Exact,
    N,
    Some("m"),
    NU
);
t!(
    u_m,
    "Muren er 3 m høy.",
    "3 m",
    Measure,
    3,
    Exact,
    N,
    Some("m"),
    NU
);
t!(
    u_cm,
    "Det falt 30 cm snø.",
    "30 cm",
    Measure,
    30,
    Exact,
    N,
    Some("cm"),
    NU
);
t!(
    u_kilo,
    "Han gikk ned 10 kilo.",
    "10 kilo",
    Measure,
    10,
    Exact,
    N,
    Some("kg"),
    NU
);
t!(
    u_kg,
    "Pakken veide 2,5 kg.",
    "2,5 kg",
    Measure,
    2.5,
    Exact,
    N,
    Some("kg"),
    NU
);
t!(
    u_tonn,
    "Skipet fraktet 400 tonn olje.",
    "400 tonn",
    Measure,
    400,
    Exact,
    N,
    Some("t"),
    NU
);
t!(
    u_grader,
    "Det var 30 grader i skyggen.",
    "30 grader",
    Measure,
    30,
    Exact,
    N,
    Some("degree"),
    NU
);
t!(
    u_maneder,
    "Han satt fengslet i fire måneder.",
    "fire måneder",
    Measure,
    4,
    Exact,
    N,
    Some("month"),
    NU
);
t!(
    u_uker,
    "Streiken varte i seks uker.",
    "seks uker",
    Measure,
    6,
    Exact,
    N,
    Some("week"),
    NU
);
t!(
    u_dager,
    "Det regnet i ti dager.",
    "ti dager",
    Measure,
    10,
    Exact,
    N,
    Some("day"),
    NU
);
t!(
    u_dogn,
    "Han var borte i tre døgn.",
    "tre døgn",
    Measure,
    3,
    Exact,
    N,
    Some("day"),
    NU
);
t!(
    u_timer,
    "Forhandlingene varte i 18 timer.",
    "18 timer",
    Measure,
    18,
    Exact,
    N,
    Some("hour"),
    NU
);
t!(
    u_ar_gammel,
    "Han ble 43 år gammel.",
    "43 år",
    Measure,
    43,
    Exact,
    N,
    Some("year"),
    NU
);
t!(
    u_arene,
    "De siste 20 årene har det endret seg.",
    "20 årene",
    Measure,
    20,
    Exact,
    N,
    Some("year"),
    NU
);
t!(
    u_kvadratmeter,
    "Leiligheten er 60 kvadratmeter.",
    "60 kvadratmeter",
    Measure,
    60,
    Exact,
    N,
    Some("m2"),
    NU
);
t!(
    u_km_t,
    "Han kjørte i 120 km/t.",
    "120 km/t",
    Measure,
    120,
    Exact,
    N,
    Some("km/h"),
    NU
);
t!(
    u_mil,
    "Vi gikk to mil.",
    "to mil",
    Measure,
    2,
    Exact,
    N,
    Some("mil"),
    NU
);

// ---- years and decades ----
t!(
    y_siden,
    "Siden 2011 har krigen rast.",
    "2011",
    Year,
    2011,
    Exact,
    N,
    NU,
    NU
);
t!(
    y_fra,
    "Loven gjelder fra 2020.",
    "2020",
    Year,
    2020,
    Exact,
    N,
    NU,
    NU
);
t!(
    y_before_verb,
    "2014 ble et rekordår.",
    "2014",
    Year,
    2014,
    Exact,
    N,
    NU,
    NU
);
t!(
    y_varen,
    "Våren 1999 tok han kontakt.",
    "1999",
    Year,
    1999,
    Exact,
    N,
    NU,
    NU
);
t!(
    y_parentheses,
    "Filmen «Kon-Tiki» (2012) ble nominert.",
    "2012",
    Year,
    2012,
    Exact,
    N,
    NU,
    NU
);
t!(
    y_approx,
    "Huset ble bygd ca. 1850.",
    "ca. 1850",
    Year,
    1850,
    Approximately,
    N,
    NU,
    NU
);
t!(
    y_inntil_dropped,
    "Øya lå inntil 1995 under Svalbard.",
    "1995",
    Year,
    1995,
    Exact,
    N,
    NU,
    NU
);
t!(
    y_decade_tallet,
    "På 1990-tallet vokste byen.",
    "1990-tallet",
    Year,
    1990,
    Range,
    Some(1999.0),
    NU,
    NU
);
t!(
    y_decade_arene,
    "I 1970-årene kom oljen.",
    "1970-årene",
    Year,
    1970,
    Range,
    Some(1979.0),
    NU,
    NU
);
t!(
    y_decade_short,
    "Musikken fra 80-tallet.",
    "80-tallet",
    Year,
    1980,
    Range,
    Some(1989.0),
    NU,
    NU
);
t!(
    y_century,
    "Kirken er fra 1800-tallet.",
    "1800-tallet",
    Year,
    1800,
    Range,
    Some(1899.0),
    NU,
    NU
);
t!(
    y_nn_talet,
    "På 1990-talet flytta ho.",
    "1990-talet",
    Year,
    1990,
    Range,
    Some(1999.0),
    NU,
    NU
);

// ---- dates and times ----
t!(
    d_full,
    "Avtalen ble signert 14. mars 2018.",
    "14. mars 2018",
    Date,
    20_180_314,
    Exact,
    N,
    NU,
    NU
);
t!(
    d_no_year,
    "Vi feirer 17. mai.",
    "17. mai",
    Date,
    517,
    Exact,
    N,
    NU,
    NU
);
t!(
    d_numeric,
    "Møtet var 5.6.2014 i Oslo.",
    "5.6.2014",
    Date,
    20_140_605,
    Exact,
    N,
    NU,
    NU
);
t!(
    d_range,
    "Festivalen går 3.–6. juni.",
    "3.–6. juni",
    Date,
    603,
    Range,
    Some(606.0),
    NU,
    NU
);
t!(
    d_month_year,
    "Det skjedde i desember 2000.",
    "desember 2000",
    Date,
    20_001_200,
    Exact,
    N,
    NU,
    NU
);
t!(
    d_legal,
    "Loven av 21 juni 1963 gjelder.",
    "21 juni 1963",
    Date,
    19_630_621,
    Exact,
    N,
    NU,
    NU
);
t!(
    d_iso,
    "Publisert 2018-11-05.",
    "2018-11-05",
    Date,
    20_181_105,
    Exact,
    N,
    NU,
    NU
);
t!(
    d_abbreviated_month,
    "Fristen er 1. okt. 2019.",
    "1. okt. 2019",
    Date,
    20_191_001,
    Exact,
    N,
    NU,
    NU
);
t!(
    d_den,
    "Han døde den 23 juni.",
    "23 juni",
    Date,
    623,
    Exact,
    N,
    NU,
    NU
);
t!(
    c_kl,
    "Møtet starter kl. 13.00 i dag.",
    "kl. 13.00",
    Time,
    1300,
    Exact,
    N,
    NU,
    NU
);
t!(
    c_colon,
    "Toget går 13:45.",
    "13:45",
    Time,
    1345,
    Exact,
    N,
    NU,
    NU
);
t!(
    c_klokken,
    "Klokken 9 startet angrepet.",
    "Klokken 9",
    Time,
    900,
    Exact,
    N,
    NU,
    NU
);
t!(
    c_klokka_word,
    "Vi møtes klokka tre.",
    "klokka tre",
    Time,
    300,
    Exact,
    N,
    NU,
    NU
);
t!(
    c_range,
    "Butikken er åpen kl. 10–18.",
    "kl. 10–18",
    Time,
    1000,
    Range,
    Some(1800.0),
    NU,
    NU
);

// ---- ordinals ----
t!(
    o_digit,
    "Hun kom på 3. plass.",
    "3.",
    Ordinal,
    3,
    Exact,
    N,
    NU,
    NU
);
t!(
    o_forste,
    "Det var første gang.",
    "første",
    Ordinal,
    1,
    Exact,
    N,
    NU,
    NU
);
t!(
    o_tredje,
    "Den tredje runden starter.",
    "tredje",
    Ordinal,
    3,
    Exact,
    N,
    NU,
    NU
);
t!(
    o_andre_gang,
    "For andre gang vant hun.",
    "andre",
    Ordinal,
    2,
    Exact,
    N,
    NU,
    NU
);
t!(
    o_tjueforste,
    "Det tjueførste århundre.",
    "tjueførste",
    Ordinal,
    21,
    Exact,
    N,
    NU,
    NU
);
t!(
    o_femte,
    "Han ble nummer femte.",
    "femte",
    Ordinal,
    5,
    Exact,
    N,
    NU,
    NU
);
t!(
    o_hundrede,
    "Den hundrede kunden fikk premie.",
    "hundrede",
    Ordinal,
    100,
    Exact,
    N,
    NU,
    NU
);

// ---- vague quantities ----
t!(
    v_hundrevis,
    "Hundrevis av mennesker flyktet.",
    "Hundrevis",
    Count,
    100,
    Approximately,
    N,
    NU,
    Some("mennesker")
);
t!(
    v_titalls,
    "Titalls hus brant ned.",
    "Titalls",
    Count,
    10,
    Approximately,
    N,
    NU,
    Some("hus")
);
t!(
    v_dusinvis,
    "Dusinvis av biler sto i kø.",
    "Dusinvis",
    Count,
    12,
    Approximately,
    N,
    NU,
    Some("biler")
);
t!(
    v_flere_hundre,
    "Flere hundre demonstranter ble arrestert.",
    "Flere hundre",
    Count,
    200,
    Approximately,
    N,
    NU,
    Some("demonstranter")
);
t!(
    v_titalls_tusen,
    "Det kom titalls tusen flyktninger.",
    "titalls tusen",
    Count,
    10_000,
    Approximately,
    N,
    NU,
    Some("flyktninger")
);
t!(
    v_noen_tusen,
    "Noen tusen kroner forsvant.",
    "Noen tusen kroner",
    Money,
    2000,
    Approximately,
    N,
    Some("NOK"),
    NU
);

// ---- what is counted ----
t!(
    c_av_dem,
    "Over 70 ble drept, 17 av dem barn.",
    "17",
    Count,
    17,
    Exact,
    N,
    NU,
    Some("barn")
);
t!(
    c_adjective_skipped,
    "Det er 40 kurdiske krigere der.",
    "40",
    Count,
    40,
    Exact,
    N,
    NU,
    Some("krigere")
);
t!(
    c_definite_plural,
    "De tre sakene representerer noe nytt.",
    "tre",
    Count,
    3,
    Exact,
    N,
    NU,
    Some("sakene")
);
t!(
    c_verb_not_counted,
    "De to møttes i går.",
    "to",
    Count,
    2,
    Exact,
    N,
    NU,
    NU
);
t!(
    c_identifier,
    "Se § 12 første ledd.",
    "12",
    Count,
    12,
    Exact,
    N,
    NU,
    NU
);
t!(
    age_parentheses,
    "Mannen (52) ble pågrepet.",
    "52",
    Measure,
    52,
    Exact,
    N,
    Some("year"),
    NU
);

t!(
    c_participle_noun,
    "Angrepet ga 43 drepte og 17 skadde.",
    "43",
    Count,
    43,
    Exact,
    N,
    NU,
    Some("drepte")
);
t!(
    c_ansatte,
    "Volvo sier opp 1.000 ansatte.",
    "1.000",
    Count,
    1000,
    Exact,
    N,
    NU,
    Some("ansatte")
);

t!(
    y_suspended_decade,
    "På 1950- og 1960-tallet vokste byen.",
    "1950-",
    Year,
    1950,
    Range,
    Some(1959.0),
    NU,
    NU
);
t!(
    y_suspended_decade_second,
    "På 1950- og 1960-tallet vokste byen.",
    "1960-tallet",
    Year,
    1960,
    Range,
    Some(1969.0),
    NU,
    NU
);
t!(
    d_day_month_period,
    "Brev til August (6.10.)",
    "6.10.",
    Date,
    1006,
    Exact,
    N,
    NU,
    NU
);

t!(
    c_sivile_as_noun,
    "Over 1.100 sivile ble drept.",
    "Over 1.100",
    Count,
    1100,
    MoreThan,
    N,
    NU,
    Some("sivile")
);

// ---- not numbers ----
none!(article_en, "Det var en periode med uro.");
none!(article_et, "Han skrev et brev.");
none!(article_ei, "Hun kjøpte ei hytte.");
none!(article_en_av, "Han er en av de beste.");
none!(andre_other, "Andre land har gjort det samme.");
none!(flere_alone, "Flere mennesker ble skadet.");
none!(
    millioner_alone,
    "Det ble satt av milliarder, ikke millioner."
);
none!(section_number, "Se punkt 11.3.2 nedenfor.");
none!(english_to, "He went to the store.");
none!(tre_compound_word, "Treet falt.");
none!(enten_eller, "Enten eller.");
none!(empty_text, "");
none!(nn_attende_back, "Han vende attende til byen.");
t!(
    o_attende_plass,
    "Ho kom på attende plass.",
    "attende",
    Ordinal,
    18,
    Exact,
    N,
    NU,
    NU
);
t!(
    c_identifier_cut_period,
    "Det er i kap. 10 lagt til grunn.",
    "10",
    Count,
    10,
    Exact,
    N,
    NU,
    NU
);
none!(tusen_takk, "Tusen takk for sist.");
none!(under_ett_idiom, "Sett under ett var året godt.");
t!(
    under_ett_dogn,
    "Han brukte under ett døgn.",
    "under ett døgn",
    Measure,
    1,
    LessThan,
    N,
    Some("day"),
    NU
);
t!(
    nn_tvo,
    "Det er tvo ting å segja.",
    "tvo",
    Count,
    2,
    Exact,
    N,
    NU,
    Some("ting")
);

#[test]
fn every_qualifier_opens_an_expression() {
    for (phrase, _) in super::lexicon::QUALIFIERS {
        assert!(super::lexicon::opens_expression(phrase[0]), "{phrase:?}");
    }
}

/// The cheap gate of the scan must let through every word the readers accept.
#[test]
fn the_gate_passes_every_known_word() {
    let table = include_str!("data/num2words_no.tsv");
    let number_words = table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| l.split(['\t', ' ']))
        .filter(|w| !w.is_empty() && !w.starts_with(|c: char| c.is_ascii_digit()) && *w != "og");
    let compounds = [
        "tohundreogtre",
        "femogtjue",
        "to-tre",
        "fire-fem",
        "tjueførste",
        "éin",
    ];
    for w in number_words.chain(compounds) {
        assert!(super::lexicon::may_matter(w), "{w}");
    }
    for (phrase, _) in super::lexicon::QUALIFIERS {
        assert!(super::lexicon::may_matter(phrase[0]), "{phrase:?}");
    }
    for (phrase, _, _) in super::lexicon::UNITS {
        assert!(super::lexicon::may_matter(phrase[0]), "{phrase:?}");
    }
    for w in [
        "i",
        "en",
        "ei",
        "et",
        "ein",
        "eit",
        "mellom",
        "fra",
        "kl.",
        "mai",
        "hundrevis",
    ] {
        assert!(super::lexicon::may_matter(w), "{w}");
    }
}

// ---- read(): a span a person marked ----
#[test]
fn read_whole_spans() {
    let r = |s: &str| read(s).map(|(ty, r)| (ty, r.value, r.qualifier, r.upper, r.unit));
    assert_eq!(
        r("minst 43"),
        Some((T::Count, 43.0, Q::AtLeast, None, None))
    );
    assert_eq!(
        r("en"),
        Some((T::Count, 1.0, Q::Exact, None, None)),
        "marked, so the number"
    );
    assert_eq!(
        r("to hundre og tre"),
        Some((T::Count, 203.0, Q::Exact, None, None))
    );
    assert_eq!(r(" 2014 "), Some((T::Year, 2014.0, Q::Exact, None, None)));
    assert_eq!(r("andre"), Some((T::Ordinal, 2.0, Q::Exact, None, None)));
    assert_eq!(
        r("mellom 10.000 og 25.000"),
        Some((T::Count, 10_000.0, Q::Range, Some(25_000.0), None))
    );
    assert_eq!(r("Syria"), None);
    assert_eq!(r(""), None);
}

// ---- properties: any input ----
fn check_invariants(text: &str) {
    let tokens = crate::tokens::tokenize(text);
    let found = find(text, &tokens);
    let mut last = 0;
    for m in &found {
        assert!(
            m.start >= last && m.start < m.end && m.end <= text.len(),
            "{text:?}: {m:?}"
        );
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        let r = &m.reading;
        assert!(
            r.value.is_finite() && r.upper.is_none_or(f64::is_finite),
            "{text:?}: {m:?}"
        );
        last = m.end;
    }
    let _ = read(text);
}

#[test]
fn odd_inputs_do_not_panic() {
    let huge = format!("1{}", "0".repeat(400));
    let huge_grouped = format!("1{}", ".000".repeat(140));
    let cases = [
        "",
        " ",
        "–",
        "- -5 −3 +",
        "👍🏽 43 👨\u{200d}👩 mennesker",
        "e\u{301}n to tre\u{301}",
        "٣ ١٢ ۴",
        "מינימום 5",
        "kl.",
        "kl. 99.99",
        "mellom",
        "mellom 5 og",
        "fra 10 til",
        "1990-",
        "-tallet",
        "10-",
        "-20",
        "3.–",
        "3.– juni",
        "31. februar 2019",
        "0. mai",
        "(",
        "( 52",
        "en halv",
        "en halv million",
        "hundre hundre hundre",
        "tusen millioner milliarder",
        "femogtjueogtjue",
        "ogogog",
        "1,",
        ",5",
        "1.000.",
        "1..000",
        "9999999999999999999999 kroner",
        "99999999999999 milliarder milliarder",
        "flere flere hundre",
        "titalls titalls",
        "2-4 000 000 000 000 000 000",
        "1 000 000 000 000 000 000 000",
        "\r\n12\r\n000\r\n",
    ];
    for c in cases {
        check_invariants(c);
    }
    check_invariants(&huge);
    check_invariants(&format!("{huge} millioner kroner"));
    check_invariants(&huge_grouped);
    check_invariants(&format!("mellom {huge} og {huge}"));
}

#[test]
fn huge_numbers_are_not_read() {
    let huge = format!("1{}", "0".repeat(400));
    assert!(
        found(&huge).is_empty(),
        "more than {} digits",
        digits::MAX_DIGITS
    );
    // The largest read value stays finite even with two multipliers.
    for (_, m) in found("999.999.999.999.999 milliarder") {
        assert!(m.reading.value.is_finite());
    }
}

mod props {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn any_string(s in "\\PC{0,60}") {
            super::check_invariants(&s);
        }

        #[test]
        fn number_like_strings(s in "[0-9 .,:\\-–%()a-zæøåé\u{a0}\u{202f}]{0,40}") {
            super::check_invariants(&s);
        }

        #[test]
        fn number_words(words in proptest::collection::vec(
            proptest::sample::select(vec![
                "en", "ett", "to", "tre", "og", "hundre", "tusen", "millioner", "milliarder",
                "tjue", "fem", "femogtjue", "mellom", "minst", "over", "–", "-", "til", "eller",
                "kroner", "prosent", "år", "2014", "1.100", "2 000", "10-20", "17.", "mai",
                "kl.", "13.00", "(", ")", "av", "dem", "barn", "hundrevis", "flere", "halv",
            ]), 0..12)) {
            super::check_invariants(&words.join(" "));
        }
    }
}

// ---- cross-check against num2words (generated table, see data/gen_num2words_no.py) ----
#[test]
fn reads_every_num2words_cardinal_and_ordinal() {
    let table = include_str!("data/num2words_no.tsv");
    let mut checked = 0;
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let (Some(value), Some(cardinal)) = (cols.next(), cols.next()) else {
            panic!("bad line {line:?}");
        };
        let value: f64 = value.parse().expect("a number");
        let got = read(cardinal).map(|(ty, r)| (ty, r.value));
        assert_eq!(got, Some((T::Count, value)), "{cardinal:?}");
        // num2words 0.5.14 writes 13th as «trettførste»; Norwegian says «trettende».
        if let Some(ordinal) = cols.next().filter(|o| !o.is_empty() && *o != "trettførste") {
            assert_eq!(
                words::word_value(ordinal),
                Some((value, true)),
                "{ordinal:?}"
            );
        }
        checked += 1;
    }
    assert!(checked > 1300, "the table has {checked} rows");
}
