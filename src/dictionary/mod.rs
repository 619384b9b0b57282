//! Name dictionaries: the TOML schema, loading and layering, and (in `edit`) writing learnt
//! forms back into the files. The dictionary itself knows nothing about matching; its
//! maintenance does: `lint` checks the files against the matcher's keys and word lists, and
//! `harvest` finds candidate terms in transcripts by matching them.

pub mod edit;
pub mod export;
pub mod harvest;
pub mod hotwords;
pub mod import;
pub mod lint;
pub mod subtitle_edit;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
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
    pub const ALL: [Kind; 5] = [Kind::Person, Kind::Org, Kind::Place, Kind::Work, Kind::Term];

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

impl std::str::FromStr for Kind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!("unknown kind `{s}`, expected one of person, org, place, work, term")
            })
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
    /// Shared by every entry of the file: a million entries need not hold a million copies.
    pub path: std::sync::Arc<Path>,
    pub line: usize,
}

impl Entry {
    /// A hash of everything the entry says, where it is said aside: an index updated after
    /// an edit keeps what it made of the entries whose hash it finds again.
    pub fn fingerprint(&self) -> u64 {
        thread_local! {
            // A million entries are hashed at once: one buffer per thread, not per entry.
            static BYTES: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        BYTES.with_borrow_mut(|buffer| {
            buffer.clear();
            let bytes = postcard::to_extend(self, std::mem::take(buffer)).unwrap_or_default();
            let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
            *buffer = bytes;
            hash
        })
    }

    /// Adds what a later layer says of the same term (see `Dictionary::load_layers`).
    fn fold(&mut self, later: Entry) {
        for form in later.aliases {
            if !self.aliases.contains(&form) && !later.never.contains(&form) {
                self.aliases.push(form);
            }
        }
        self.aliases.retain(|a| !later.never.contains(a));
        for form in later.never {
            if !self.never.contains(&form) {
                self.never.push(form);
            }
        }
        self.lang = later.lang.or(self.lang.take());
        self.note = later.note.or(self.note.take());
    }

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
    /// Spanned so that each entry can be traced back to its `[[term]]` header.
    #[serde(default)]
    term: Vec<toml::Spanned<RawEntry>>,
}

/// An [`Entry`] as written: the same fields in the same order (serde's messages list them),
/// with the strings that must not be blank spanned, so that a blank one is reported where it is.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    name: toml::Spanned<String>,
    #[serde(default)]
    kind: Kind,
    #[serde(default)]
    aliases: Vec<toml::Spanned<String>>,
    #[serde(default)]
    never: Vec<toml::Spanned<String>>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

/// An entry read from a dictionary's text, before its origin is set.
#[derive(Debug)]
pub(crate) struct ReadEntry {
    pub(crate) entry: Entry,
    /// Byte offset of its `[[term]]` header (of the `{` of an inline table).
    pub(crate) header: usize,
    /// Its empty or blank strings, in file order.
    pub(crate) blanks: Vec<Blank>,
}

/// An empty (or white-space only) name or form: it names nothing, and an empty form would
/// match, or protect, nothing.
#[derive(Debug)]
pub(crate) struct Blank {
    /// Byte offset of the string (its opening quote).
    pub(crate) offset: usize,
    /// `name`, `aliases` or `never`.
    pub(crate) field: &'static str,
    pub(crate) message: String,
}

impl RawEntry {
    fn into_read(self, header: usize) -> ReadEntry {
        let blanks = self.blanks();
        let strings = |forms: Vec<toml::Spanned<String>>| forms.into_iter().map(|f| f.into_inner());
        let entry = Entry {
            name: self.name.into_inner(),
            kind: self.kind,
            aliases: strings(self.aliases).collect(),
            never: strings(self.never).collect(),
            lang: self.lang,
            note: self.note,
            origin: None,
        };
        ReadEntry {
            entry,
            header,
            blanks,
        }
    }

    /// The blank name and forms, in file order (whatever the order of the fields).
    fn blanks(&self) -> Vec<Blank> {
        let forms = (self.aliases.iter().map(|a| ("aliases", a)))
            .chain(self.never.iter().map(|n| ("never", n)));
        let mut blanks: Vec<Blank> = std::iter::once(("name", &self.name))
            .chain(forms)
            .filter_map(|(field, value)| {
                Some(Blank {
                    offset: value.span().start,
                    field,
                    message: blank_message(field, value.get_ref())?,
                })
            })
            .collect();
        blanks.sort_by_key(|b| b.offset);
        blanks
    }
}

/// What is wrong with `value` of `field` if it is blank.
fn blank_message(field: &str, value: &str) -> Option<String> {
    if !value.trim().is_empty() {
        return None;
    }
    Some(match (field, value.is_empty()) {
        ("name", true) => "term has an empty `name`".to_owned(),
        ("name", false) => "term has a `name` of only white space".to_owned(),
        (_, true) => format!("`{field}` has an empty form"),
        (_, false) => format!("`{field}` has a form of only white space"),
    })
}

/// The entries of a dictionary's text, with what `Dictionary::parse` and `dict lint` check.
///
/// A large dictionary is parsed in pieces cut before `[[term]]` headers, in parallel: the
/// TOML parser holds a whole document's tokens and tables at once, about 40 times the text
/// (2.5 GB for a million terms), where a piece's stay small. Any piece that does not parse
/// (a header inside a multi-line string, a broken file) means the whole text is parsed
/// again, as one: errors and results are always the whole document's.
pub(crate) fn read_entries(text: &str) -> Result<Vec<ReadEntry>, toml::de::Error> {
    read_in_pieces(text, PIECE_BYTES)
}

/// The entries of one dictionary's TOML text, refused as `Dictionary::parse` refuses them
/// (`path` names the source in errors), with where each is defined.
pub(crate) fn checked_entries(text: &str, path: &Path) -> Result<Vec<ReadEntry>, DictionaryError> {
    let read = read_entries(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        syntax_error(path, text, offset, e.message().trim())
    })?;
    if let Some(blank) = read.iter().find_map(|r| r.blanks.first()) {
        return Err(syntax_error(path, text, blank.offset, &blank.message));
    }
    Ok(read)
}

fn read_in_pieces(text: &str, size: usize) -> Result<Vec<ReadEntry>, toml::de::Error> {
    let pieces = pieces(text, size);
    if pieces.len() > 1 {
        let read: Result<Vec<Vec<ReadEntry>>, _> = (pieces.into_par_iter())
            .map(|range| read_document(&text[range.clone()], range.start))
            .collect();
        if let Ok(read) = read {
            // Sized once: a million entries are 200 MB, and each doubling is fresh memory.
            let mut all = Vec::with_capacity(read.iter().map(Vec::len).sum());
            read.into_iter().for_each(|piece| all.extend(piece));
            return Ok(all);
        }
    }
    read_document(text, 0)
}

/// Bytes of TOML parsed as one piece (see `read_entries`).
const PIECE_BYTES: usize = 256 << 10;

/// The entries of one TOML document, their offsets moved by `at` (where it starts in the file).
fn read_document(text: &str, at: usize) -> Result<Vec<ReadEntry>, toml::de::Error> {
    let file: File = toml::from_str(text)?;
    let entries = file.term.into_iter().map(|spanned| {
        let header = at + spanned.span().start;
        let mut read = spanned.into_inner().into_read(header);
        for blank in &mut read.blanks {
            blank.offset += at;
        }
        read
    });
    Ok(entries.collect())
}

/// Ranges of `text` of about `size` bytes or more, each but the first starting at a line that
/// opens a `[[term]]` table. The first holds the preamble and the first such table, so that
/// anything before the tables meets them in one document, as in the whole file.
fn pieces(text: &str, size: usize) -> Vec<std::ops::Range<usize>> {
    let mut cuts = Vec::new();
    let mut at = 0;
    let mut first = true;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("[[term]]") {
            if !first && at - start >= size {
                cuts.push(start..at);
                start = at;
            }
            first = false;
        }
        at += line.len();
    }
    cuts.push(start..text.len());
    cuts
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
    #[error("{path}: no *.toml dictionary in this directory")]
    Empty { path: PathBuf },
    /// The sidecar lock file that serialises writers could not be opened or locked.
    #[error("{path}: could not lock {lock}: {error}")]
    Lock {
        path: PathBuf,
        lock: PathBuf,
        error: std::io::Error,
    },
    /// The edited dictionary could not replace the file; the file is as it was.
    #[error("{path}: could not write: {error}")]
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
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

    /// Parses one dictionary's TOML text; `path` names the source in errors and origins.
    pub fn parse(text: &str, path: &Path) -> Result<Self, DictionaryError> {
        let read = checked_entries(text, path)?;
        let mut lines = LineCounter::new(text);
        let mut entries = Vec::with_capacity(read.len());
        let shared: std::sync::Arc<Path> = path.into();
        for read in read {
            let mut entry = read.entry;
            entry.origin = Some(Origin {
                path: shared.clone(),
                line: lines.line_at(read.header),
            });
            entries.push(entry);
        }
        Ok(Dictionary { entries })
    }

    /// Loads and concatenates dictionary files in the given order.
    pub fn load(paths: &[PathBuf]) -> Result<Self, DictionaryError> {
        let mut all = Dictionary::default();
        for path in paths {
            let bytes = std::fs::read(path).map_err(|e| DictionaryError::Io {
                path: path.clone(),
                message: crate::io_message(&e),
            })?;
            let text = String::from_utf8(bytes).map_err(|e| {
                let at = e.utf8_error().valid_up_to();
                let valid = std::str::from_utf8(&e.as_bytes()[..at]).unwrap_or_default();
                let (line, column) = crate::transcript::line_col(valid, at);
                DictionaryError::Syntax {
                    path: path.clone(),
                    line,
                    column,
                    message: format!("not valid UTF-8 (byte {at})"),
                }
            })?;
            let parsed = Self::parse(&text, path)?.entries;
            if all.entries.is_empty() {
                all.entries = parsed; // not copied: a large dictionary is often alone
            } else {
                all.entries.extend(parsed);
            }
        }
        Ok(all)
    }

    /// Loads dictionaries in layers (shipped, then personal...). An entry named like one of
    /// an earlier layer is folded into it: its aliases and `never` forms are added, its
    /// language and note replace the earlier ones when it sets them, and a form it puts in
    /// `never` leaves the earlier `aliases`. So a later layer can silence a shipped term for
    /// one form without copying the term.
    pub fn load_layers(layers: &[Vec<PathBuf>]) -> Result<Self, DictionaryError> {
        let mut all = Dictionary::default();
        for layer in layers {
            let loaded = Self::load(layer)?;
            if all.entries.is_empty() {
                all = loaded;
                continue;
            }
            // The earlier entry of each name, looked up by name: a personal layer of a
            // thousand entries over a million is a thousand lookups, not a billion comparisons.
            let found: Vec<Option<usize>> = {
                let earlier = first_of_each_name(&all.entries);
                let found = loaded.entries.iter().map(|e| earlier.get(e.name.trim()));
                found.map(|i| i.copied()).collect()
            };
            for (entry, found) in loaded.entries.into_iter().zip(found) {
                match found {
                    Some(i) => all.entries[i].fold(entry),
                    None => all.entries.push(entry),
                }
            }
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

/// A `Syntax` error pointing at a byte offset of `text`.
fn syntax_error(path: &Path, text: &str, offset: usize, message: &str) -> DictionaryError {
    let (line, column) = crate::transcript::line_col(text, offset);
    DictionaryError::Syntax {
        path: path.to_owned(),
        line,
        column,
        message: message.to_owned(),
    }
}

/// Line numbers of increasing offsets, counted on from the previous one: entries come in file
/// order, and counting from the start for each would make loading quadratic in the file size.
pub(crate) struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        LineCounter {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// 1-based line of `offset`.
    pub(crate) fn line_at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            *self = LineCounter::new(self.text);
        }
        let newlines = self.text.as_bytes()[self.offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line += newlines;
        self.offset = offset;
        self.line
    }
}

/// Where the first entry of each name (trimmed) is in `entries`: the one a later layer folds
/// into, and the one a change to the name goes to.
pub fn first_of_each_name<'e>(
    entries: impl IntoIterator<Item = &'e Entry>,
) -> FxHashMap<&'e str, usize> {
    let mut first = FxHashMap::default();
    for (i, e) in entries.into_iter().enumerate() {
        first.entry(e.name.trim()).or_insert(i);
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a reading keeps of each entry, with the offsets of its header and blanks.
    fn summary(read: &[ReadEntry]) -> Vec<(String, usize, Vec<usize>)> {
        let offsets = |r: &ReadEntry| r.blanks.iter().map(|b| b.offset).collect();
        read.iter()
            .map(|r| (r.entry.name.clone(), r.header, offsets(r)))
            .collect()
    }

    const PIECES: &str = "# people\n\n[[term]]\nname = \"Ada Lovelace\"\n\n\
        [[term]]\nname = \"Grace Hopper\"\naliases = [\" \"]\n\n  [[term]] # indented\n\
        name = \"Ida Rhodes\"\nnote = \"\"\"\n[[term]]\nnot a header\"\"\"\n\n\
        [[term]]\nname = \"Karen Spärck Jones\"\n";

    #[test]
    fn pieces_start_at_term_headers_and_the_first_holds_the_preamble() {
        let pieces = pieces(PIECES, 1);
        let starts: Vec<&str> = pieces.iter().map(|r| &PIECES[r.start..]).collect();
        assert!(starts[0].starts_with("# people\n\n[[term]]\nname = \"Ada"));
        assert!(starts[1].starts_with("[[term]]\nname = \"Grace"));
        assert!(starts[2].starts_with("  [[term]] # indented"));
        // Inside the note's string: a piece cut there does not parse (see below).
        assert!(starts[3].starts_with("[[term]]\nnot a header"));
        assert_eq!(pieces.len(), 5);
        assert_eq!(pieces.last().unwrap().end, PIECES.len());
        assert_eq!(super::pieces(PIECES, 1 << 20), vec![0..PIECES.len()]);
    }

    #[test]
    fn a_text_read_in_pieces_reads_as_the_whole() {
        let whole = read_document(PIECES, 0).unwrap();
        // The header inside the note breaks two pieces: the whole text is read again.
        let read = read_in_pieces(PIECES, 1).unwrap();
        assert_eq!(summary(&read), summary(&whole));
        assert_eq!(
            read[2].entry.note.as_deref(),
            Some("[[term]]\nnot a header")
        );
        // Pieces that all parse: the same entries, headers and blanks, at the same offsets.
        let text = PIECES.replace("[[term]]\nnot a header", "not a header");
        let (whole, read) = (
            read_document(&text, 0).unwrap(),
            read_in_pieces(&text, 1).unwrap(),
        );
        assert_eq!(summary(&read), summary(&whole));
        assert_eq!(summary(&read)[1].2.len(), 1, "the blank alias");
        // An error in a later piece is the whole document's error.
        let broken = format!("{text}\n[[term]]\nname = \"Edith Clarke\"\nkind = 3\n");
        let (a, b) = (
            read_document(&broken, 0).unwrap_err(),
            read_in_pieces(&broken, 1).unwrap_err(),
        );
        assert_eq!((a.message(), a.span()), (b.message(), b.span()));
    }

    fn lines(text: &str) -> Vec<(String, usize)> {
        let dict = Dictionary::parse(text, Path::new("d.toml")).unwrap();
        dict.entries
            .into_iter()
            .map(|e| {
                let origin = e.origin.expect("every parsed entry has an origin");
                assert_eq!(&*origin.path, Path::new("d.toml"));
                (e.name, origin.line)
            })
            .collect()
    }

    #[test]
    fn origins_point_at_the_term_headers() {
        let text = "\
# Guests. A commented-out entry:
# [[term]]
# name = \"Nobody\"

[[term]]
name = \"Noémie Levain\"   # [[term]] in a trailing comment
aliases = [
    \"Naomi Levin\",
]


  [[term]]
note = \"\"\"
[[term]]
\"\"\"
name = 'La Quadrature du Net'
[[ term ]]  # spaced header
name = \"Été\"
";
        assert_eq!(
            lines(text),
            [
                ("Noémie Levain".to_owned(), 5),
                ("La Quadrature du Net".to_owned(), 12),
                ("Été".to_owned(), 17),
            ]
        );
    }

    #[test]
    fn origins_of_crlf_and_inline_terms() {
        assert_eq!(
            lines("# x\r\n\r\n[[term]]\r\nname = \"A\"\r\n[[term]]\r\nname = \"B\"\r\n"),
            [("A".to_owned(), 3), ("B".to_owned(), 5)]
        );
        assert_eq!(
            lines("term = [\n  { name = \"A\" },\n\n  { name = \"B\" },\n]\n"),
            [("A".to_owned(), 2), ("B".to_owned(), 4)]
        );
    }

    fn error(text: &str) -> String {
        let err = Dictionary::parse(text, Path::new("d.toml")).unwrap_err();
        err.to_string()
    }

    #[test]
    fn blank_names_and_forms_are_reported_where_written() {
        let text = "# [[term]]\n[[term]]\nname = \"A\"\n\n  [[term]]\nname = \"  \"\n";
        assert_eq!(
            error(text),
            "d.toml:6:8: term has a `name` of only white space"
        );
        assert_eq!(
            error("term = [\n  { name = \"A\" },\n  { name = '' },\n]\n"),
            "d.toml:3:12: term has an empty `name`"
        );
        assert_eq!(
            error("[[term]]\nname = \"A\"\naliases = [\"B\", \"\"]\n"),
            "d.toml:3:17: `aliases` has an empty form"
        );
        // The first in the file, whatever the order of the fields.
        assert_eq!(
            error("[[term]]\nnever = [\"\\t\"]\nname = \"\"\n"),
            "d.toml:2:10: `never` has a form of only white space"
        );
        assert!(
            Dictionary::parse(
                "[[term]]\nname = \"A\"\naliases = [\"-\"]\n",
                Path::new("d.toml")
            )
            .is_ok()
        );
    }

    #[test]
    fn errors_keep_their_format() {
        let err = Dictionary::parse(
            "[[term]]\nname = \"A\"\nalias = [\"B\"]\n",
            Path::new("d.toml"),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "d.toml:3:1: unknown field `alias`, expected one of `name`, `kind`, `aliases`, `never`, `lang`, `note`"
        );
        let err = Dictionary::parse(
            "[[term]]\nname = \"A\"\naliases = [\"B\"\n",
            Path::new("d.toml"),
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "d.toml:3:15: unclosed array, expected `]`");
    }

    #[test]
    fn line_counter_handles_offsets_in_any_order() {
        let mut lines = LineCounter::new("a\nb\nc");
        assert_eq!(lines.line_at(4), 3);
        assert_eq!(lines.line_at(2), 2);
        assert_eq!(lines.line_at(0), 1);
        assert_eq!(lines.line_at(99), 3);
    }

    #[test]
    fn a_later_layer_folds_into_the_first_entry_of_a_name_and_adds_the_others() {
        let dir = std::env::temp_dir().join(format!("transfix-layers-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = |name: &str, text: &str| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            vec![path]
        };
        let base = file(
            "base.toml",
            "[[term]]\nname = \"Ada Lovelace\"\n\n[[term]]\nname = \"Grace Hopper\"\n\n\
             [[term]]\nname = \"Ada Lovelace\"\nnote = \"the second\"\n",
        );
        let personal = file(
            "personal.toml",
            "[[term]]\nname = \" Ada Lovelace \"\naliases = [\"Ada Love Lace\"]\n\n\
             [[term]]\nname = \"Alan Turing\"\n",
        );
        let third = file(
            "third.toml",
            "[[term]]\nname = \"Alan Turing\"\nlang = \"en\"\n",
        );
        let all = Dictionary::load_layers(&[base, personal, third]).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let names: Vec<&str> = all.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Ada Lovelace",
                "Grace Hopper",
                "Ada Lovelace",
                "Alan Turing"
            ]
        );
        assert_eq!(
            all.entries[0].aliases,
            ["Ada Love Lace"],
            "the first of the name"
        );
        assert!(all.entries[2].aliases.is_empty());
        assert_eq!(
            all.entries[3].lang.as_deref(),
            Some("en"),
            "a layer's own term"
        );
    }
}
