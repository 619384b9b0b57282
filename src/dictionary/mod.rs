//! Name dictionaries: the TOML schema, loading and layering. Knows nothing about matching.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What a term names; it shapes how a fix is reported, not whether it is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Org,
    Place,
    Work,
    #[default]
    Term,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Org => "org",
            Kind::Place => "place",
            Kind::Work => "work",
            Kind::Term => "term",
        }
    }
}

/// One dictionary entry: a canonical spelling and what is known about how it is mis-heard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Canonical spelling.
    pub name: String,
    #[serde(default)]
    pub kind: Kind,
    /// Known mis-transcriptions: matched exactly, at top confidence.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Text this term must never replace.
    #[serde(default)]
    pub never: Vec<String>,
    /// Language of the name's pronunciation ("fr", "en", ...).
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Where the entry is defined; set by `Dictionary::parse`, not part of the schema.
    #[serde(skip)]
    pub origin: Option<Origin>,
}

/// A dictionary file and the line of an entry's `[[term]]` header in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    pub path: PathBuf,
    pub line: usize,
}

impl Entry {
    pub fn new(name: impl Into<String>) -> Self {
        Entry {
            name: name.into(),
            kind: Kind::Term,
            aliases: Vec::new(),
            never: Vec::new(),
            lang: None,
            note: None,
            origin: None,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    term: Vec<Entry>,
}

#[derive(Debug, thiserror::Error)]
pub enum DictionaryError {
    #[error("{path}: {message}")]
    Io { path: PathBuf, message: String },
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: no dictionary given and no *.toml in it")]
    Empty { path: PathBuf },
}

/// The entries of one or more dictionary files, in load order.
#[derive(Debug, Clone, Default)]
pub struct Dictionary {
    pub entries: Vec<Entry>,
}

impl Dictionary {
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        Dictionary { entries }
    }

    /// Parses one dictionary's TOML text; `path` only names the source in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self, DictionaryError> {
        let file: File = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let (line, column) = crate::transcript::line_col(text, offset);
            DictionaryError::Syntax {
                path: path.to_owned(),
                line,
                column,
                message: e.message().trim().to_owned(),
            }
        })?;
        for (i, entry) in file.term.iter().enumerate() {
            if entry.name.trim().is_empty() {
                let offset = nth_term_offset(text, i);
                let (line, column) = crate::transcript::line_col(text, offset);
                return Err(DictionaryError::Syntax {
                    path: path.to_owned(),
                    line,
                    column,
                    message: "term has an empty `name`".into(),
                });
            }
        }
        Ok(Dictionary { entries: file.term })
    }

    /// Loads and concatenates dictionary files in the given order.
    pub fn load(paths: &[PathBuf]) -> Result<Self, DictionaryError> {
        let mut all = Dictionary::default();
        for path in paths {
            let text = std::fs::read_to_string(path).map_err(|e| DictionaryError::Io {
                path: path.clone(),
                message: e.to_string(),
            })?;
            all.entries.extend(Self::parse(&text, path)?.entries);
        }
        Ok(all)
    }

    /// Every `*.toml` of a directory, sorted by name.
    pub fn files_in(dir: &Path) -> Result<Vec<PathBuf>, DictionaryError> {
        let io = |e: std::io::Error| DictionaryError::Io {
            path: dir.to_owned(),
            message: e.to_string(),
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(DictionaryError::Empty {
                path: dir.to_owned(),
            });
        }
        Ok(files)
    }
}

/// Byte offset of the i-th `[[term]]` header, for pointing at an invalid entry.
fn nth_term_offset(text: &str, i: usize) -> usize {
    text.match_indices("[[term]]").nth(i).map_or(0, |(o, _)| o)
}
