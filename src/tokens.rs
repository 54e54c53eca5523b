//! Tokens and sentences of Norwegian news text, with byte offsets into the original.
//!
//! The tokenizer follows NorNE's conventions where they matter for names and numbers:
//! hyphenated compounds stay one token («USA-ledede», «Badia-ørkenen», «al-Zor»), as do
//! numbers with internal «.», «,» or «:» («360.000», «2,5», «13:00», «5.6.2014»), known
//! abbreviations with their periods («ca.», «bl.a.», «kl.», «f.eks.») and ordinals with
//! theirs when the text goes on in lower case («17. mai»). Space-grouped numbers
//! («2 000») are separate tokens here; the number reader joins them.
//!
//! Sentences end at «.», «!», «?» or «…» before an upper-case word, a digit, a quote or a
//! dash, and at every line break: wire copy puts headings and paragraphs on lines of
//! their own.

use std::ops::Range;

/// A token: a byte range of the text it was cut from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Token {
    /// The token's text within `text` (the string it was cut from).
    pub fn text(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Abbreviations that keep their periods. Lower case; a capitalised first letter also
/// matches («Bl.a.»).
const ABBREVIATIONS: &[&str] = &[
    "a.s.", "ang.", "aug.", "bl.a.", "ca.", "des.", "dr.", "dvs.", "d.v.s.", "ekskl.", "etc.",
    "ev.", "evt.", "f.eks.", "feb.", "f.o.m.", "fr.", "gt.", "hhv.", "ifm.", "iflg.", "inkl.",
    "jan.", "jf.", "jfr.", "jr.", "kl.", "kr.", "m.a.", "m.fl.", "m.m.", "m.v.", "mht.", "mill.",
    "mrd.", "mv.", "nr.", "nov.", "o.a.", "o.l.", "okt.", "o.s.v.", "osv.", "pga.", "p.t.", "pkt.",
    "prof.", "pst.", "sep.", "sept.", "st.", "stk.", "t.d.", "t.o.m.", "tlf.", "vs.",
];

/// Abbreviations that often close a sentence («… og Sverige osv. Neste sak»).
const MAY_END_SENTENCE: &[&str] = &[
    "etc.", "m.fl.", "m.m.", "m.v.", "mv.", "o.l.", "osv.", "o.s.v.",
];

/// Splits `text` into tokens. Whitespace separates tokens and is not part of any.
///
/// ```
/// let text = "Over 1.100 drept i Badia-ørkenen, bl.a. barn.";
/// let words: Vec<&str> = tusj::tokens::tokenize(text).iter().map(|t| t.text(text)).collect();
/// assert_eq!(words, ["Over", "1.100", "drept", "i", "Badia-ørkenen", ",", "bl.a.", "barn", "."]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    // Byte offsets throughout: no per-character table, so tokenizing costs no memory
    // beyond the tokens.
    let ch = |b: usize| text.get(b..).and_then(|rest| rest.chars().next());
    let next = |b: usize| b + ch(b).map_or(1, char::len_utf8);
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut i = 0;
    'tokens: loop {
        // ASCII white space, the commonest step, without decoding a character.
        if bytes
            .get(i)
            .is_some_and(|&b| matches!(b, b' ' | b'\t'..=b'\r'))
        {
            i += 1;
            continue;
        }
        let Some(c) = ch(i) else {
            break;
        };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        if is_word(c) {
            if let Some(len) = abbreviation_at(&text[i..]) {
                i += len;
                tokens.push(Token { start, end: i });
                continue;
            }
            i = next(i);
            loop {
                i += word_len(&text[i..]);
                // Most words end before ASCII white space or at the end of the text: then
                // nothing below joins or extends them (each case needs a period, comma,
                // colon, hyphen, apostrophe or a non-ASCII mark after the word).
                if bytes
                    .get(i)
                    .is_none_or(|&b| matches!(b, b' ' | b'\t'..=b'\r'))
                {
                    tokens.push(Token { start, end: i });
                    continue 'tokens;
                }
                let (Some(p), Some(prev)) = (ch(i), text[..i].chars().next_back()) else {
                    break;
                };
                let Some(q) = ch(next(i)) else {
                    break;
                };
                let joins = match p {
                    '-' | '\u{2011}' => is_word(q),
                    '.' | ',' | ':' => prev.is_ascii_digit() && q.is_ascii_digit(),
                    '\'' | '\u{2019}' => prev.is_alphabetic() && q.is_alphabetic(),
                    _ => false,
                };
                if !joins {
                    break;
                }
                i = next(next(i));
            }
            let word = &text[start..i];
            if let Some(len) = web_domain_at(&text[i..], word) {
                // «vg.no», «firda.no»: a news site named as a source.
                i += len;
            } else if ch(i) == Some('.') && is_initial(word) && initial_follows(text, i + 1) {
                // «Inge D. Hanssen»: an initial keeps its period, as in NorNE.
                i += 1;
            } else if ch(i) == Some('-') && word.chars().last().is_some_and(char::is_alphanumeric) {
                // «Nærings- og fiskeridepartementet»: the hyphen belongs to the first part.
                let after = text[i + 1..].trim_start_matches([' ', '\u{a0}']);
                let spaced = ch(i + 1).is_some_and(char::is_whitespace);
                if spaced && (after.starts_with("og ") || after.starts_with("eller ")) {
                    i += 1;
                }
            } else if ch(i) == Some('.') && is_ordinal_digits(word) && ordinal_follows(text, i + 1)
            {
                i += 1;
            }
        } else if let Some(len) = long_run_at(&text[i..]) {
            // «----------», NUL bytes, «!?!?!?…»: a long run of non-words is cut into
            // pieces of at most `PIECE` characters, so no input costs a token per byte.
            i += len;
            tokens.push(Token { start, end: i });
            continue;
        } else if text[i..].starts_with("...") {
            i += 3;
        } else {
            i += c.len_utf8();
        }
        // Combining marks, variation selectors and joiners stay with what they modify.
        // (None is ASCII.)
        while let Some(a) = ch(i).filter(|&a| !a.is_ascii() && is_attached(a)) {
            i += a.len_utf8();
            if a == '\u{200d}' && ch(i).is_some_and(|c| !c.is_whitespace()) {
                i = next(i);
            }
        }
        tokens.push(Token { start, end: i });
    }
    tokens
}

/// Length in bytes of the run of word characters ([`is_word`]) at the start of `rest`:
/// ASCII letters and digits a byte at a time, the rest by character.
fn word_len(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    let ascii = bytes
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(bytes.len());
    match rest.get(ascii..) {
        Some(tail) if !tail.starts_with(|c: char| c.is_ascii()) => {
            ascii + tail.find(|c: char| !is_word(c)).unwrap_or(tail.len())
        }
        _ => ascii,
    }
}

/// A run of this many characters that are neither word nor space is a long run
/// ([`long_run_at`]); news text has none («...»», «?!», «»),» are shorter).
const LONG_RUN: usize = 8;

/// The most characters a piece of a long run has.
pub const PIECE: usize = 64;

/// Length in bytes of the next piece of a long run of non-word characters at the start of
/// `rest`: when `rest` opens with at least [`LONG_RUN`] characters that are neither word
/// nor whitespace, up to [`PIECE`] of them.
fn long_run_at(rest: &str) -> Option<usize> {
    // Most punctuation stands before a space or a word: an ASCII letter, digit or space
    // among the first `LONG_RUN` bytes (each such byte a character of its own, with fewer
    // characters before it) ends the run too soon, and so do fewer bytes.
    let head = rest.as_bytes().get(..LONG_RUN)?;
    if head
        .iter()
        .any(|b| b.is_ascii_alphanumeric() || b.is_ascii_whitespace())
    {
        return None;
    }
    counted_run_at(rest)
}

/// [`long_run_at`] by counting the run's characters.
fn counted_run_at(rest: &str) -> Option<usize> {
    let mut run = rest
        .char_indices()
        .take_while(|&(_, c)| !is_word(c) && !c.is_whitespace())
        .take(PIECE);
    let (last, c) = run.by_ref().nth(LONG_RUN - 1)?;
    let (last, c) = run.last().unwrap_or((last, c));
    Some(last + c.len_utf8())
}

/// Letters, digits and the marks that combine with them.
fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks of the scripts news text is likely to carry (not a full Unicode table).
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF..=0x05C7
        | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Code points that attach to the previous one: marks, variation selectors, zero-width
/// joiners, emoji skin tones and tags.
fn is_attached(c: char) -> bool {
    is_mark(c)
        || matches!(c as u32,
            0x200C..=0x200D | 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0xE0100..=0xE01EF)
}

/// A single capital letter, as in an initial.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// Whether the text after «D.» goes on with a capitalised name («Inge D. Hanssen»).
fn initial_follows(text: &str, after_period: usize) -> bool {
    let rest = &text[after_period..];
    rest.starts_with(' ') && rest[1..].starts_with(|c: char| c.is_uppercase())
}

/// Top-level domains of the sites Norwegian news names as sources.
const DOMAINS: &[&str] = &["com", "no", "net", "org", "se", "dk"];

/// Length of «.no» in «vg.no» when `word` is all lower case and a known top-level domain
/// follows its period and ends the word.
fn web_domain_at(rest: &str, word: &str) -> Option<usize> {
    let after = rest.strip_prefix('.')?;
    if !word.chars().all(|c| c.is_lowercase() || c.is_ascii_digit()) {
        return None;
    }
    let tld = DOMAINS
        .iter()
        .find(|d| after.starts_with(**d) && !after[d.len()..].starts_with(|c: char| is_word(c)))?;
    Some(1 + tld.len())
}

/// One to three digits: a day or an ordinal («17.»), not a year.
fn is_ordinal_digits(word: &str) -> bool {
    (1..=3).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit())
}

/// Whether the text after «17.» goes on as an ordinal does: a lower-case word
/// («17. mai», «3. plass») or a dash to another ordinal («3.–6. juni»).
fn ordinal_follows(text: &str, after_period: usize) -> bool {
    let mut rest = text[after_period..].chars();
    match rest.next() {
        Some('–' | '-') => rest
            .as_str()
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit()),
        Some(' ' | '\u{a0}') => rest.as_str().starts_with(|c: char| c.is_lowercase()),
        _ => false,
    }
}

/// Length in bytes of a known abbreviation at the start of `rest`, if one is there and
/// does not run on into a longer word.
fn abbreviation_at(rest: &str) -> Option<usize> {
    // Every abbreviation has a period within its first seven bytes; most words don't.
    let head = &rest.as_bytes()[..rest.len().min(7)];
    if !head.contains(&b'.') {
        return None;
    }
    let first = rest.chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    // What the first letter must be, lower-cased (one more necessary condition of
    // `same_but_first_case`, and a cheap one).
    let lead = first.to_lowercase().next();
    ABBREVIATIONS
        .iter()
        .filter(|abbr| {
            abbr.chars().next() == lead
                && rest.len() >= abbr.len()
                && rest.is_char_boundary(abbr.len())
                && same_but_first_case(&rest[..abbr.len()], abbr)
                && !rest[abbr.len()..].starts_with(|c: char| is_word(c))
        })
        .map(|abbr| abbr.len())
        .max()
}

/// Whether `s` equals the lower-case `abbr`, allowing a capital first letter («Bl.a.»),
/// without allocating: this runs for every word. The rest after the first letter is
/// compared first, since it rules out nearly every word at the cost of a length check.
fn same_but_first_case(s: &str, abbr: &str) -> bool {
    let mut b = abbr.chars();
    let Some(y) = b.next() else {
        return false;
    };
    let Some(head) = s.strip_suffix(b.as_str()) else {
        return false;
    };
    let mut a = head.chars();
    match (a.next(), a.next()) {
        (Some(x), None) => x == y || x.to_lowercase().eq(std::iter::once(y)),
        _ => false,
    }
}

/// Splits tokens into sentences, as ranges of token indices.
///
/// ```
/// let text = "Han kom kl. 13.00. Hun gikk.\nLuftangrep\nSDF angriper.";
/// let tokens = tusj::tokens::tokenize(text);
/// let n: Vec<usize> = tusj::tokens::sentences(text, &tokens).iter().map(|s| s.len()).collect();
/// assert_eq!(n, [5, 3, 1, 3]);
/// ```
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let next = tokens.get(i + 1);
        let ends = match next {
            None => true,
            Some(n) => {
                text[tokens[i].end..n.start].contains('\n') || ends_sentence(text, tokens, i)
            }
        };
        if ends {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out
}

/// Whether token `i` closes its sentence (ignoring line breaks, checked by the caller).
fn ends_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    let tok = tokens[i].text(text);
    let next = |k: usize| tokens.get(i + k).map(|t| t.text(text));
    // Every abbreviation that may end a sentence ends with its period.
    let closes = closes_sentence(tok)
        || (tok.ends_with('.') && MAY_END_SENTENCE.iter().any(|a| same_but_first_case(tok, a)));
    if closes {
        // A closing quote right after the period belongs to this sentence.
        if matches!(next(1), Some("»" | "\"" | "”" | ")")) {
            return false;
        }
        return next(1).is_some_and(starts_sentence);
    }
    if matches!(tok, "»" | "\"" | "”" | ")") && i > 0 {
        let prev = tokens[i - 1].text(text);
        return closes_sentence(prev) && prev != "..." && next(1).is_some_and(starts_sentence);
    }
    false
}

/// A period, «!», «?» or «…», or a piece of a long run of them («!!!!!!!!»: one token since
/// runs are cut into pieces, [`long_run_at`], where it was a token per mark before).
fn closes_sentence(tok: &str) -> bool {
    matches!(tok, "." | "!" | "?" | "…" | "...")
        || (tok.len() >= LONG_RUN
            && tok.chars().count() >= LONG_RUN
            && tok.chars().all(|c| matches!(c, '.' | '!' | '?' | '…')))
}

/// Whether a token can open a sentence.
fn starts_sentence(tok: &str) -> bool {
    tok.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        || matches!(tok, "«" | "\"" | "–" | "—" | "-" | "(")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick answer of `long_run_at` (a letter, digit or space in its first bytes) is
    /// the answer of counting the run.
    #[test]
    fn long_runs_are_found_as_by_counting() {
        for rest in [
            "",
            "-",
            "-------",
            "--------",
            "---------x",
            "------- -",
            "!?!?!?!?",
            "!?!?!?!a",
            "«»«»«»«»",
            "«»«»",
            "——————————",
            "-\u{b}------",
            "\u{b}\u{b}\u{b}\u{b}\u{b}\u{b}\u{b}\u{b}",
            "-------\u{a0}",
            "\0\0\0\0\0\0\0\0\0",
            "......é.",
            ".......é",
        ] {
            assert_eq!(long_run_at(rest), counted_run_at(rest), "{rest:?}");
        }
        let long = "-".repeat(200);
        assert_eq!(long_run_at(&long), counted_run_at(&long));
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    macro_rules! t {
        ($name:ident, $input:expr, [$($tok:expr),* $(,)?]) => {
            #[test]
            fn $name() {
                let expected: Vec<&str> = vec![$($tok),*];
                assert_eq!(words($input), expected);
            }
        };
    }

    t!(quotes, "«Vi vant»", ["«", "Vi", "vant", "»"]);
    t!(
        dash_line,
        "– Vi har rykket fram",
        ["–", "Vi", "har", "rykket", "fram"]
    );
    t!(
        compounds,
        "USA-ledede Badia-ørkenen IS-lommen",
        ["USA-ledede", "Badia-ørkenen", "IS-lommen"]
    );
    t!(
        arabic_names,
        "Deir al-Zor og Tulul al-Safa",
        ["Deir", "al-Zor", "og", "Tulul", "al-Safa"]
    );
    t!(
        abbreviations,
        "ca. 20, bl.a. SDF, kl. 13.00, f.eks. Bl.a.",
        ["ca.", "20", ",", "bl.a.", "SDF", ",", "kl.", "13.00", ",", "f.eks.", "Bl.a."]
    );
    t!(
        numbers,
        "360.000 og 2,5 og 13:00 og 5.6.2014",
        ["360.000", "og", "2,5", "og", "13:00", "og", "5.6.2014"]
    );
    t!(spaced_thousands, "2 000 kroner", ["2", "000", "kroner"]);
    t!(
        ordinal_day,
        "17. mai og 3.–6. juni",
        ["17.", "mai", "og", "3.", "–", "6.", "juni"]
    );
    t!(
        sentence_final_year,
        "i 2014. Deretter",
        ["i", "2014", ".", "Deretter"]
    );
    t!(
        sentence_final_day,
        "den 17. Neste",
        ["den", "17", ".", "Neste"]
    );
    t!(range, "10-20 og 10–20", ["10-20", "og", "10", "–", "20"]);
    t!(
        suspended_hyphen,
        "Nærings- og fiskeridepartementet",
        ["Nærings-", "og", "fiskeridepartementet"]
    );
    t!(
        possessive,
        "SOHRs opplysninger.",
        ["SOHRs", "opplysninger", "."]
    );
    t!(ellipsis, "Nei... ja", ["Nei", "...", "ja"]);
    // A lone capital before a capitalised word reads as an initial, so «Plan B. Neste» keeps «B.» too.
    t!(
        initial,
        "Inge D. Hanssens spalte. Plan B.",
        ["Inge", "D.", "Hanssens", "spalte", ".", "Plan", "B", "."]
    );
    t!(
        domain,
        "sa han til vg.no og Firda.no.",
        ["sa", "han", "til", "vg.no", "og", "Firda", ".", "no", "."]
    );
    t!(
        suspended_decade,
        "på 1950- og 1960-tallet",
        ["på", "1950-", "og", "1960-tallet"]
    );
    t!(abbreviation_not_prefix, "kla. ca", ["kla", ".", "ca"]);
    t!(
        emoji_sequence,
        "Hei 👍🏽 👨\u{200d}👩 e\u{301}",
        ["Hei", "👍🏽", "👨\u{200d}👩", "e\u{301}"]
    );
    t!(empty, "", []);
    t!(
        short_runs_stay_apart,
        "«Nei...» sa han?! (Ja»), – Nei!!! ...»",
        [
            "«", "Nei", "...", "»", "sa", "han", "?", "!", "(", "Ja", "»", ")", ",", "–", "Nei",
            "!", "!", "!", "...", "»"
        ]
    );
    t!(
        long_run_is_one_token,
        "Slutt---------- her",
        ["Slutt", "----------", "her"]
    );

    #[test]
    fn long_runs_are_cut_into_bounded_pieces() {
        for unit in ["-", "\0", ".", "!?", "——", "👍🏽", "\u{200d}", "«»"] {
            let text = unit.repeat(1000);
            let tokens = tokenize(&text);
            let chars = text.chars().count();
            assert_eq!(tokens.len(), chars.div_ceil(PIECE), "{unit:?}");
            let mut end = 0;
            for t in &tokens {
                assert_eq!(t.start, end, "{unit:?}: pieces cover the run");
                assert!(t.text(&text).chars().count() <= PIECE, "{unit:?}");
                end = t.end;
            }
            assert_eq!(end, text.len());
        }
    }

    #[test]
    fn a_long_run_of_closing_marks_still_ends_a_sentence() {
        for run in ["!", "?!", ".", "…"] {
            let text = format!("Hva{} Nei.", run.repeat(8));
            let tokens = tokenize(&text);
            let texts: Vec<&str> = sentences(&text, &tokens)
                .into_iter()
                .map(|r| &text[tokens[r.start].start..tokens[r.end - 1].end])
                .collect();
            assert_eq!(texts, [format!("Hva{}", run.repeat(8)).as_str(), "Nei."]);
        }
        // A long run of other marks ends nothing.
        let text = "Slutt---------- Her.";
        assert_eq!(sentences(text, &tokenize(text)).len(), 1);
    }

    #[test]
    fn same_but_first_case_allows_only_a_capital_first_letter() {
        for (s, abbr, same) in [
            ("bl.a.", "bl.a.", true),
            ("Bl.a.", "bl.a.", true),
            ("BL.A.", "bl.a.", false),
            ("bbl.a.", "bl.a.", false),
            ("l.a.", "bl.a.", false),
            ("Øy.", "øy.", true),
            ("", "ca.", false),
            ("ca.", "", false),
        ] {
            assert_eq!(same_but_first_case(s, abbr), same, "{s:?} {abbr:?}");
        }
    }

    #[test]
    fn abbreviations_that_may_end_a_sentence_end_with_their_period() {
        // `ends_sentence` looks them up only for tokens that end with a period.
        for abbr in MAY_END_SENTENCE {
            assert!(abbr.ends_with('.'), "{abbr}");
        }
    }

    #[test]
    fn a_run_just_short_of_long_is_one_token_per_character() {
        let text = "-".repeat(LONG_RUN - 1);
        assert_eq!(tokenize(&text).len(), LONG_RUN - 1);
        assert_eq!(tokenize(&format!("{text}-")).len(), 1);
    }

    #[test]
    fn sentences_split_on_lines_and_periods() {
        let text = "SDF-kommandør Redur Khalil sier det. «Vi går inn.» Han sa ca. 20.\n\nLuftangrep\nIS tapte.";
        let toks = tokenize(text);
        let got: Vec<String> = sentences(text, &toks)
            .into_iter()
            .map(|r| text[toks[r.start].start..toks[r.end - 1].end].to_string())
            .collect();
        assert_eq!(
            got,
            [
                "SDF-kommandør Redur Khalil sier det.",
                "«Vi går inn.»",
                "Han sa ca. 20.",
                "Luftangrep",
                "IS tapte."
            ]
        );
    }
}
