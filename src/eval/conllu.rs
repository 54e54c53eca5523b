//! Reading CoNLL-U files such as NorNE: sentences of tokens with UPOS and `name=` tags.
//!
//! Only what tusj needs is kept: the form, UPOS, the NorNE tag, `SpaceAfter=No`, the
//! `# text` and `# source` comments, and each token line's position so that `tag-conllu`
//! can rewrite the file in place. Multi-word token lines (`3-4`) and empty nodes (`3.1`)
//! are carried through untouched.

use crate::error::{Error, ErrorKind};
use crate::tags::Tag;

/// One token line of a CoNLL-U sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// Column 2.
    pub form: String,
    /// Column 3.
    pub lemma: String,
    /// Column 4.
    pub upos: String,
    /// The NorNE tag in column 10 (`name=`), `O` when there is none.
    pub tag: Tag,
    /// Whether column 10 says `SpaceAfter=No`.
    pub space_after: bool,
    /// Index of this token's line in [`Corpus::lines`].
    pub line: usize,
}

/// A sentence: its comments and tokens.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Sentence {
    /// The `# text = …` comment, if present.
    pub text: Option<String>,
    /// The `# source = …` comment, if present (NorNE train: the document it came from).
    pub source: Option<String>,
    /// The token lines in order (multi-word and empty nodes excluded).
    pub tokens: Vec<Token>,
}

impl Sentence {
    /// The token forms, as the recogniser takes them.
    pub fn forms(&self) -> Vec<&str> {
        self.tokens.iter().map(|t| t.form.as_str()).collect()
    }

    /// The gold tags.
    pub fn tags(&self) -> Vec<Tag> {
        self.tokens.iter().map(|t| t.tag).collect()
    }

    /// The document this sentence belongs to: the file part of `# source` (NorNE train),
    /// or `None` when the file does not say.
    pub fn document(&self) -> Option<&str> {
        let source = self.source.as_deref()?;
        Some(source.split_whitespace().next().unwrap_or(source))
    }
}

/// A parsed CoNLL-U file: its raw lines (to write it back) and its sentences.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// Every line of the input, without line ends.
    pub lines: Vec<String>,
    /// The sentences, in order.
    pub sentences: Vec<Sentence>,
}

/// Parses CoNLL-U text.
///
/// # Errors
/// An [`ErrorKind::Conllu`] error naming the 1-based line when a token line does not have
/// ten tab-separated columns, its ID is not a number, or its `name=` value is not a NorNE tag.
pub fn parse(input: &str) -> Result<Corpus, Error> {
    let mut corpus = Corpus::default();
    let mut current = Sentence::default();
    let mut in_sentence = false;
    for (i, raw) in input.lines().enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        corpus.lines.push(line.to_string());
        let err = |msg: String| Error::new(ErrorKind::Conllu, msg).at_line(i + 1);
        if line.trim().is_empty() {
            if in_sentence {
                corpus.sentences.push(std::mem::take(&mut current));
                in_sentence = false;
            }
            continue;
        }
        in_sentence = true;
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start();
            if let Some(text) = comment.strip_prefix("text =") {
                current.text = Some(text.trim_start().to_string());
            } else if let Some(source) = comment.strip_prefix("source =") {
                current.source = Some(source.trim().to_string());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(format!(
                "expected 10 tab-separated columns, found {}",
                cols.len()
            )));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            continue;
        }
        if id.parse::<usize>().is_err() {
            return Err(err(format!("token ID {id:?} is not a number")));
        }
        let mut tag = Tag::O;
        let mut space_after = true;
        for item in cols[9].split('|') {
            if let Some(value) = item.strip_prefix("name=") {
                tag = Tag::parse(value)
                    .ok_or_else(|| err(format!("{value:?} is not a NorNE tag")))?;
            } else if item == "SpaceAfter=No" {
                space_after = false;
            }
        }
        current.tokens.push(Token {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            tag,
            space_after,
            line: corpus.lines.len() - 1,
        });
    }
    if in_sentence {
        corpus.sentences.push(current);
    }
    Ok(corpus)
}

/// Replaces (or adds) the `name=` item of a MISC column with `tag`, keeping the other items.
pub fn set_name(misc: &str, tag: Tag) -> String {
    let name = format!("name={tag}");
    let mut items: Vec<String> = misc
        .split('|')
        .filter(|item| !item.is_empty() && *item != "_")
        .map(str::to_string)
        .collect();
    match items.iter_mut().find(|item| item.starts_with("name=")) {
        Some(item) => *item = name,
        None => items.push(name),
    }
    items.join("|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tags::NeType;

    const SMALL: &str = "# sent_id = 1\n# text = Jonas Gahr Støre reiste.\n\
1\tJonas\tJonas\tPROPN\t_\t_\t0\troot\t_\tname=B-PER\n\
2\tGahr\tGahr\tPROPN\t_\t_\t1\tflat\t_\tname=I-PER\n\
3\tStøre\tStøre\tPROPN\t_\t_\t1\tflat\t_\tname=I-PER\n\
4\treiste\treise\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No|name=O\n\
5\t.\t$.\tPUNCT\t_\t_\t4\tpunct\t_\tname=O\n\n";

    #[test]
    fn parses_tokens_tags_and_text() {
        let c = parse(SMALL).unwrap();
        assert_eq!(c.sentences.len(), 1);
        let s = &c.sentences[0];
        assert_eq!(s.text.as_deref(), Some("Jonas Gahr Støre reiste."));
        assert_eq!(s.forms(), ["Jonas", "Gahr", "Støre", "reiste", "."]);
        assert_eq!(s.tokens[2].tag, Tag::I(NeType::Per));
        assert!(!s.tokens[3].space_after);
        assert_eq!(c.lines[s.tokens[0].line], SMALL.lines().nth(2).unwrap());
    }

    #[test]
    fn reports_line_of_bad_input() {
        let bad = "1\tJonas\tJonas\tPROPN\n";
        let e = parse(bad).unwrap_err();
        assert_eq!((e.kind(), e.line()), (ErrorKind::Conllu, Some(1)));
        let bad_tag = SMALL.replace("B-PER", "B-PERSON");
        assert_eq!(parse(&bad_tag).unwrap_err().line(), Some(3));
    }

    #[test]
    fn set_name_keeps_other_items() {
        assert_eq!(
            set_name("SpaceAfter=No|name=O", Tag::B(NeType::Org)),
            "SpaceAfter=No|name=B-ORG"
        );
        assert_eq!(set_name("_", Tag::O), "name=O");
    }
}
