//! Dates and decades: «14. mars 2018», «17. mai», «3.–6. juni», «5.6.2014», «mars 2018»,
//! «1990-tallet», «1950- og 1960-tallet».

use super::scan::{reading, Found, Scan};
use super::{digits, lexicon};
use crate::vocab::{AnnotationType, NumberReading, Qualifier};
use digits::Digits;

impl Scan<'_> {
    /// «14. mars 2018», «17. mai», «3.–6. juni», «21 juni 1963», «5.6.2014»,
    /// «2018-11-05», «mars 2018».
    pub(super) fn date(&self, i: usize) -> Option<Found> {
        let date = |first, end, value: u32, upper: Option<u32>| {
            Some(Found {
                first,
                end,
                ty: AnnotationType::Date,
                reading: reading(f64::from(value), upper.map(f64::from), None, None),
            })
        };
        match digits::read(self.raw(i)) {
            Some(Digits::Date { day, month, year }) => {
                return date(i, i + 1, year * 10000 + month * 100 + day, None);
            }
            // «6.10.»: day and month with the closing period, not a clock time.
            Some(Digits::Clock { hour, minute })
                if self.raw(i + 1) == "."
                    && self.gap(i + 1).is_empty()
                    && (1..=31).contains(&hour)
                    && (1..=12).contains(&minute) =>
            {
                return date(i, i + 2, minute * 100 + hour, None);
            }
            _ => {}
        }
        if let Some(month) = lexicon::month(self.w(i)) {
            let year = self.year_at(i + 1)?;
            return date(i, i + 2, year * 10000 + month * 100, None);
        }
        let (day, dotted) = self.day_at(i)?;
        // «3.–6. juni»
        if dotted && self.is_dash(i + 1) {
            if let Some((last, true)) = self.day_at(i + 2) {
                let month = lexicon::month(self.w(i + 3))?;
                let (year, end) = match self.year_at(i + 4) {
                    Some(y) => (y, i + 5),
                    None => (0, i + 4),
                };
                let base = year * 10000 + month * 100;
                return date(i, end, base + day, Some(base + last));
            }
        }
        let month = lexicon::month(self.w(i + 1))?;
        match self.year_at(i + 2) {
            Some(year) => date(i, i + 3, year * 10000 + month * 100 + day, None),
            // «21 juni» without a period is a date only with a year or after «den».
            None if dotted || self.prev(i) == "den" => date(i, i + 2, month * 100 + day, None),
            None => None,
        }
    }

    /// A day of the month at `i`: «17.» (dotted) or «17».
    pub(super) fn day_at(&self, i: usize) -> Option<(u32, bool)> {
        let raw = self.raw(i);
        let (digits, dotted) = match raw.strip_suffix('.') {
            Some(d) => (d, true),
            None => (raw, false),
        };
        if !(1..=2).contains(&digits.len()) || !digits::all_digits(digits) {
            return None;
        }
        let day: u32 = digits.parse().ok()?;
        (1..=31).contains(&day).then_some((day, dotted))
    }

    /// A four-digit year 1000–2100 at `i`.
    pub(super) fn year_at(&self, i: usize) -> Option<u32> {
        match digits::read(self.raw(i))? {
            Digits::Int { value, len: 4 } if (1000.0..=2100.0).contains(&value) => {
                Some(value as u32)
            }
            _ => None,
        }
    }

    /// «1990-tallet», «1990-årene», «90-tallet», «1800-tallet»: a year range.
    pub(super) fn decade(&self, i: usize) -> Option<Found> {
        // «1950- og 1960-tallet»: the first decade borrows the suffix of the second. The
        // tokenizer keeps the hyphen on «1950-»; the two-token form is read as well.
        if let Some(num) = self.raw(i).strip_suffix('-') {
            if digits::all_digits(num) && matches!(self.w(i + 1), "og" | "eller" | "til") {
                let (_, suffix) = self.raw(i + 2).split_once('-')?;
                let mut found = self.decade_of(&format!("{num}-{suffix}"), i)?;
                found.end = i + 1;
                return Some(found);
            }
        }
        if digits::all_digits(self.raw(i))
            && self.raw(i + 1) == "-"
            && self.gap(i + 1).is_empty()
            && matches!(self.w(i + 2), "og" | "eller" | "til")
        {
            let (_, suffix) = self.raw(i + 3).split_once('-')?;
            let whole = format!("{}-{suffix}", self.raw(i));
            let mut found = self.decade_of(&whole, i)?;
            found.end = i + 2;
            return Some(found);
        }
        self.decade_of(self.raw(i), i)
    }

    /// Reads «1990-tallet» (the text of token `i`) as a decade.
    pub(super) fn decade_of(&self, raw: &str, i: usize) -> Option<Found> {
        if !raw.as_bytes().first().is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let (num, suffix) = raw.split_once('-')?;
        let suffix = suffix.to_lowercase();
        if !matches!(
            suffix.as_str(),
            "tallet" | "tallets" | "talet" | "talets" | "årene" | "årenes" | "åra"
        ) || !digits::all_digits(num)
        {
            return None;
        }
        let n: u32 = num.parse().ok()?;
        let start = match num.len() {
            2 if n < 30 => 2000 + n,
            2 => 1900 + n,
            4 if n % 10 == 0 => n,
            _ => return None,
        };
        let span = if num.len() == 4 && start % 100 == 0 {
            99
        } else {
            9
        };
        Some(Found {
            first: i,
            end: i + 1,
            ty: AnnotationType::Year,
            reading: NumberReading {
                value: f64::from(start),
                qualifier: Qualifier::Range,
                upper: Some(f64::from(start + span)),
                unit: None,
                counted: None,
            },
        })
    }
}
