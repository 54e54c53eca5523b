//! Numbers written in digits, Norwegian style: thousands grouped by «.» (exactly three
//! digits per group), a decimal comma, clock times («13.00», «13:00») and numeric dates
//! («5.6.2014», «2018-11-05»). Space-grouped thousands («2 000») span two tokens and are
//! joined by the scanner in [`super`].

/// Integer parts longer than this are not read: `f64` holds integers exactly only up to
/// 2^53 (about 9 × 10^15), and such digit strings are identifiers or noise, not quantities.
pub(crate) const MAX_DIGITS: usize = 15;

/// What one token of digits is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Digits {
    /// Plain digits, no separators: «2014», «43», «000». `len` is the number of digits.
    Int {
        /// The value.
        value: f64,
        /// How many digits.
        len: usize,
    },
    /// Thousands grouped by dots, or a decimal comma: «360.000», «2,5», «1.234,5».
    Number(f64),
    /// Hours and minutes: «13.00», «13:30», «01.41».
    Clock {
        /// 0–24.
        hour: u32,
        /// 0–59.
        minute: u32,
    },
    /// Day, month and year: «5.6.2014», «5.6.14», «2018-11-05».
    Date {
        /// 1–31.
        day: u32,
        /// 1–12.
        month: u32,
        /// The year as written with four digits («14» → 2014).
        year: u32,
    },
}

/// Whether every byte of `s` is an ASCII digit (and there is at least one).
pub(crate) fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A run of at most [`MAX_DIGITS`] digits as a number.
fn int(s: &str) -> Option<f64> {
    if !all_digits(s) || s.trim_start_matches('0').len() > MAX_DIGITS {
        return None;
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Reads one token of digits. `None` for anything else, including section numbers
/// («11.3.2») and dotted pairs that are neither thousands nor times («9.1», «11.4»).
pub(crate) fn read(s: &str) -> Option<Digits> {
    // Most tokens are words: reject them before any splitting.
    if !s.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    if all_digits(s) {
        return Some(Digits::Int {
            value: int(s)?,
            len: s.len(),
        });
    }
    if let Some((h, m)) = s.split_once(':') {
        return clock(h, m);
    }
    if let Some((int_part, frac)) = s.split_once(',') {
        if !all_digits(frac) || frac.len() > MAX_DIGITS {
            return None;
        }
        let whole = grouped(int_part)?;
        let frac_value = int(frac)? / 10f64.powi(frac.len() as i32);
        return Some(Digits::Number(whole + frac_value));
    }
    if let Some(v) = grouped(s) {
        return Some(Digits::Number(v));
    }
    let mut parts = s.split('.');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(h), Some(m), None, _) => clock(h, m),
        (Some(d), Some(m), Some(y), None) => date(d, m, y),
        _ => {
            let mut dashed = s.split('-');
            match (dashed.next(), dashed.next(), dashed.next(), dashed.next()) {
                (Some(y), Some(m), Some(d), None)
                    if y.len() == 4 && m.len() == 2 && d.len() == 2 =>
                {
                    date(d, m, y)
                }
                _ => None,
            }
        }
    }
}

/// «360.000», «1.100», «7»: one to three digits, then groups of exactly three.
fn grouped(s: &str) -> Option<f64> {
    let mut groups = s.split('.');
    let first = groups.next()?;
    let dotted = s.contains('.');
    if !all_digits(first) || (dotted && first.len() > 3) {
        return None;
    }
    let mut value = int(first)?;
    let mut digits = first.len();
    for g in groups {
        if g.len() != 3 || !all_digits(g) {
            return None;
        }
        digits += 3;
        if digits > MAX_DIGITS {
            return None;
        }
        value = value * 1000.0 + int(g)?;
    }
    Some(value)
}

/// «13.00», «13:30»: hours 0–24 and exactly two digits of minutes 0–59.
fn clock(h: &str, m: &str) -> Option<Digits> {
    if !(1..=2).contains(&h.len()) || m.len() != 2 || !all_digits(h) || !all_digits(m) {
        return None;
    }
    let hour: u32 = h.parse().ok()?;
    let minute: u32 = m.parse().ok()?;
    (hour <= 24 && minute <= 59).then_some(Digits::Clock { hour, minute })
}

/// «5.6.2014», «05.06.14»: a valid day and month and a two- or four-digit year.
fn date(d: &str, m: &str, y: &str) -> Option<Digits> {
    if !(1..=2).contains(&d.len())
        || !(1..=2).contains(&m.len())
        || !(y.len() == 2 || y.len() == 4)
        || !all_digits(d)
        || !all_digits(m)
        || !all_digits(y)
    {
        return None;
    }
    let day: u32 = d.parse().ok()?;
    let month: u32 = m.parse().ok()?;
    let mut year: u32 = y.parse().ok()?;
    if y.len() == 2 {
        // «5.6.14»: a two-digit year in news is this century unless it cannot be.
        year += if year <= 40 { 2000 } else { 1900 };
    }
    ((1..=31).contains(&day) && (1..=12).contains(&month)).then_some(Digits::Date {
        day,
        month,
        year,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! t {
        ($name:ident, $input:expr, $expected:expr) => {
            #[test]
            fn $name() {
                assert_eq!(read($input), $expected, "{}", $input);
            }
        };
    }

    t!(
        plain,
        "43",
        Some(Digits::Int {
            value: 43.0,
            len: 2
        })
    );
    t!(
        year,
        "2014",
        Some(Digits::Int {
            value: 2014.0,
            len: 4
        })
    );
    t!(ntb_thousands, "360.000", Some(Digits::Number(360_000.0)));
    t!(ntb_thousands_small, "1.100", Some(Digits::Number(1100.0)));
    t!(millions, "1.300.000", Some(Digits::Number(1_300_000.0)));
    t!(decimal, "2,5", Some(Digits::Number(2.5)));
    t!(decimal_grouped, "1.234,5", Some(Digits::Number(1234.5)));
    t!(
        clock_dot,
        "13.00",
        Some(Digits::Clock {
            hour: 13,
            minute: 0
        })
    );
    t!(
        clock_colon,
        "13:30",
        Some(Digits::Clock {
            hour: 13,
            minute: 30
        })
    );
    t!(
        date_dots,
        "5.6.2014",
        Some(Digits::Date {
            day: 5,
            month: 6,
            year: 2014
        })
    );
    t!(
        date_iso,
        "2018-11-05",
        Some(Digits::Date {
            day: 5,
            month: 11,
            year: 2018
        })
    );
    t!(section_number, "11.3.2", None);
    t!(dotted_pair, "9.1", None);
    t!(dotted_long_tail, "1.1000", None);
    t!(four_digit_lead, "1100.000", None);
    t!(bad_date, "35.13.2014", None);
    t!(too_long, "12345678901234567", None);
    t!(
        leading_zeros_ok,
        "000",
        Some(Digits::Int { value: 0.0, len: 3 })
    );
    t!(score, "3:2", None);
}
