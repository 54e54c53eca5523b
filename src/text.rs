//! Text plumbing: the metadata header of an article and byte ↔ code point offsets.
//!
//! The core works on byte offsets (what Rust slices by); the export and the page count
//! Unicode code points (SPEC §3, as the W3C Web Annotation model does). [`CodePoints`]
//! converts between the two so that æ, ø, å, emoji and CRLF never shift a span.

use crate::vocab::Meta;

/// The header of an article and where its body starts.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Header {
    /// What the header said.
    pub meta: Meta,
    /// Byte offset where the article body starts (0 when there is no header).
    pub body_start: usize,
}

/// Reads the leading metadata header of SPEC §2, if there is one:
/// ` date 2018-11 Over sju år …` (the body follows on the same line) or
/// ` date 2017-09 utenriks` followed by a blank line (a one-word section).
///
/// ```
/// let h = tusj::text::header(" date 2017-09 utenriks\n\nMens USA støtter …");
/// assert_eq!(h.meta.date.as_deref(), Some("2017-09"));
/// assert_eq!(h.meta.section.as_deref(), Some("utenriks"));
/// ```
pub fn header(text: &str) -> Header {
    let lead = text.len() - text.trim_start_matches([' ', '\t', '\u{feff}']).len();
    let rest = &text[lead..];
    let Some(after_key) = rest.strip_prefix("date") else {
        return Header::default();
    };
    let gap = after_key.len() - after_key.trim_start_matches([' ', '\t']).len();
    if gap == 0 {
        return Header::default();
    }
    let value_at = lead + 4 + gap;
    let value_len = text[value_at..]
        .find(|c: char| !(c.is_ascii_digit() || c == '-'))
        .unwrap_or(text.len() - value_at);
    let date = &text[value_at..value_at + value_len];
    if !is_date(date) {
        return Header::default();
    }
    let mut pos = value_at + value_len;
    let mut meta = Meta {
        date: Some(date.to_string()),
        section: None,
    };
    // Skip the spaces after the date; a line end means the body starts on the next line.
    pos += text[pos..].len() - text[pos..].trim_start_matches([' ', '\t']).len();
    let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
    let line = text[pos..line_end].trim_end_matches('\r').trim_end();
    let one_word = !line.is_empty() && !line.contains(char::is_whitespace);
    let blank_follows = text[line_end..].strip_prefix('\n').is_some_and(|after| {
        after
            .trim_start_matches([' ', '\t', '\r'])
            .starts_with('\n')
    });
    if one_word
        && (blank_follows || line_end == text.len())
        && line.chars().all(char::is_alphabetic)
    {
        meta.section = Some(line.to_string());
        pos += line.len();
    }
    Header {
        meta,
        body_start: pos,
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let lens: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    matches!(lens.as_slice(), [4] | [4, 2] | [4, 2, 2])
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

/// Converts byte offsets of one string into code point offsets and back.
///
/// It keeps the number of code points before every block of 64 bytes and counts the rest
/// in the text itself: an eighth of a byte per byte of text, where a table of every code
/// point's offset took eight, and a pass that only counts bytes to build.
#[derive(Clone, Debug)]
pub struct CodePoints<'t> {
    text: &'t str,
    /// Per block of `BLOCK` bytes, the code points that start before it.
    before: Vec<usize>,
    /// Number of code points.
    len: usize,
}

/// The bytes of a block of [`CodePoints`]: a lookup counts at most this many.
const BLOCK: usize = 64;

/// How many code points start in `bytes` (the bytes that do not continue a UTF-8 sequence).
fn starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| !is_continuation(b)).count()
}

/// Whether `b` is the second, third or fourth byte of a UTF-8 sequence.
fn is_continuation(b: u8) -> bool {
    (0x80..0xc0).contains(&b)
}

impl<'t> CodePoints<'t> {
    /// Indexes `text`.
    pub fn new(text: &'t str) -> CodePoints<'t> {
        let mut before = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut len = 0;
        for block in text.as_bytes().chunks(BLOCK) {
            before.push(len);
            len += starts(block);
        }
        CodePoints { text, before, len }
    }

    /// Number of code points.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The code point index of a byte offset; a byte inside a code point maps to that
    /// code point, and anything past the end to the length.
    pub fn to_char(&self, byte: usize) -> usize {
        if byte >= self.text.len() {
            return self.len;
        }
        let block = byte / BLOCK;
        let counted = self.before[block] + starts(&self.text.as_bytes()[block * BLOCK..byte]);
        // Inside a code point, its own start is among those counted.
        if self.text.is_char_boundary(byte) {
            counted
        } else {
            counted - 1
        }
    }

    /// The byte offset of a code point index, if it is within `0..=len`.
    pub fn to_byte(&self, char_index: usize) -> Option<usize> {
        if char_index >= self.len {
            return (char_index == self.len).then_some(self.text.len());
        }
        // The last block that starts at or before the code point (every block holds a
        // start: a code point is at most 4 bytes long).
        let block = self.before.partition_point(|&n| n <= char_index) - 1;
        let from = block * BLOCK;
        self.text.as_bytes()[from..]
            .iter()
            .enumerate()
            .filter(|(_, &b)| !is_continuation(b))
            .nth(char_index - self.before[block])
            .map(|(i, _)| from + i)
    }
}

/// The code points `start..end` of `text`, clamped to the text (never panics).
pub(crate) fn cp_slice<'a>(
    text: &'a str,
    cp: &CodePoints<'_>,
    start: usize,
    end: usize,
) -> &'a str {
    let s = cp.to_byte(start.min(cp.len())).unwrap_or(text.len());
    let e = cp.to_byte(end.min(cp.len())).unwrap_or(text.len());
    text.get(s..e.max(s)).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! t {
        ($name:ident, $input:expr, $date:expr, $section:expr, $body:expr) => {
            #[test]
            fn $name() {
                let input: &str = $input;
                let h = header(input);
                assert_eq!(h.meta.date.as_deref(), $date);
                assert_eq!(h.meta.section.as_deref(), $section);
                assert_eq!(&input[h.body_start..], $body);
            }
        };
    }

    t!(
        inline_body,
        " date 2018-11 Over sju år",
        Some("2018-11"),
        None,
        "Over sju år"
    );
    t!(
        section_then_blank,
        " date 2017-09 utenriks\n\nMens USA",
        Some("2017-09"),
        Some("utenriks"),
        "\n\nMens USA"
    );
    t!(
        crlf_section,
        " date 2017-09 utenriks\r\n\r\nMens",
        Some("2017-09"),
        Some("utenriks"),
        "\r\n\r\nMens"
    );
    t!(
        one_word_body_not_section,
        " date 2017-09 Luftangrep\nTekst",
        Some("2017-09"),
        None,
        "Luftangrep\nTekst"
    );
    t!(
        no_header,
        "Mens USA støtter",
        None,
        None,
        "Mens USA støtter"
    );
    t!(date_word_in_text, "dated 2017", None, None, "dated 2017");
    t!(bad_date, " date 17-09 x", None, None, " date 17-09 x");
    t!(empty, "", None, None, "");

    #[test]
    fn code_points_round_trip_across_blocks() {
        // Every length of sequence, on both sides of block edges, and an empty text.
        for s in [
            "",
            "a",
            &"æ🙂x\u{301}".repeat(40),
            &format!("{}ø", "a".repeat(63)),
        ] {
            let cp = CodePoints::new(s);
            assert_eq!(cp.len(), s.chars().count());
            let mut chars = 0;
            for byte in 0..=s.len() + 2 {
                if s.is_char_boundary(byte) && byte < s.len() {
                    assert_eq!(cp.to_byte(chars), Some(byte), "{s:?} char {chars}");
                    assert_eq!(cp.to_char(byte), chars, "{s:?} byte {byte}");
                    chars += 1;
                } else if byte < s.len() {
                    assert_eq!(cp.to_char(byte), chars - 1, "{s:?} inside, byte {byte}");
                } else {
                    assert_eq!(cp.to_char(byte), cp.len());
                }
            }
            assert_eq!(cp.to_byte(cp.len()), Some(s.len()));
            assert_eq!(cp.to_byte(cp.len() + 1), None);
        }
    }

    #[test]
    fn code_points_round_trip() {
        let s = "Ærø 🙂\r\nå";
        let cp = CodePoints::new(s);
        assert_eq!(cp.len(), s.chars().count());
        for (ci, (bi, _)) in s.char_indices().enumerate() {
            assert_eq!(cp.to_char(bi), ci);
            assert_eq!(cp.to_byte(ci), Some(bi));
        }
        assert_eq!(cp.to_char(s.len()), cp.len());
        assert_eq!(cp.to_byte(cp.len() + 1), None);
    }
}
