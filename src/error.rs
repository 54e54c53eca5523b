//! The one error type of the core.

use std::fmt;

/// What went wrong, for callers that want to react differently to different failures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A model file has the wrong magic string, version or layout.
    Model,
    /// A CoNLL-U file is malformed.
    Conllu,
    /// A document (e.g. a `.tusj.json` being opened) is not valid.
    Document,
    /// Reading or writing a file failed.
    Io,
}

/// An error from the core: a kind to match on, a message for people, and where it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    line: Option<usize>,
}

impl Error {
    /// A new error of `kind` with a human-readable message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            line: None,
        }
    }

    /// The same error, located at a 1-based line of its input.
    pub fn at_line(mut self, line: usize) -> Error {
        self.line = Some(line);
        self
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The 1-based input line the error refers to, if any.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The message without the line number.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}
