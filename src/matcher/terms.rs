//! The index's terms: built in memory, or stored in a cache file and decoded on first use.
//!
//! Matching a transcript reads a share of a large dictionary's terms (about 5,000 of 100,000
//! on a million words of real captions, half on the generated bench workload), so a cached
//! index decodes a term when a lookup first reaches it: loading costs nothing per term, and
//! memory grows with what matching touches, not with the dictionary.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::index::Term;
use super::normalize::Word;
use super::store::{self, Store};
use crate::dictionary::Origin;

/// A term's encoded bytes and how to decode them (see `cache`).
pub(crate) type Decode = fn(&[u8], &Words) -> Option<Term>;
/// A word's encoded bytes and how to decode them (see `cache`).
pub(crate) type DecodeWord = fn(&[u8]) -> Option<Word>;

#[derive(Debug)]
pub(crate) enum Terms {
    Built(Vec<Term>),
    Stored(Box<Stored>),
}

/// Terms encoded one after the other in `bytes`: term `i` is `bytes[offsets[i]..offsets[i + 1]]`.
pub(crate) struct Stored {
    offsets: Store<u64>,
    bytes: Store<u8>,
    words: Words,
    decode: Decode,
    decoded: Box<[OnceLock<Box<Term>>]>,
    /// In an updated index, where each term's bytes are among the stored terms (`u32::MAX`:
    /// made by the update, in `decoded` from the start).
    places: Option<Box<[u32]>>,
    origins: Origins,
}

/// The words the stored terms' tokens share, encoded one after the other, each decoded when a
/// term first needs it: a million entries have over a million words, and a run reads a few.
#[derive(Default)]
pub(crate) struct Words {
    /// Word `i` is `bytes[ends[i - 1]..ends[i]]` (see `store::item`).
    ends: Store<u64>,
    bytes: Store<u8>,
    decode: Option<DecodeWord>,
    decoded: Box<[OnceLock<Arc<Word>>]>,
}

impl Words {
    pub fn new(ends: Store<u64>, bytes: Store<u8>, decode: DecodeWord) -> Words {
        let decoded = (0..ends.len()).map(|_| OnceLock::new()).collect();
        Words {
            ends,
            bytes,
            decode: Some(decode),
            decoded,
        }
    }

    pub fn len(&self) -> usize {
        self.decoded.len()
    }

    /// Word `i`, the same `Arc` at every call; `None` past the end or if it does not decode.
    pub fn get(&self, i: usize) -> Option<&Arc<Word>> {
        let cell = self.decoded.get(i)?;
        if let Some(word) = cell.get() {
            return Some(word);
        }
        let word = self.decode?(store::item(&self.bytes, &self.ends, i))?;
        Some(cell.get_or_init(|| Arc::new(word)))
    }
}

/// Where each term's entry is, apart from the terms' bytes: an entry moves in its file when
/// one above it is added or removed, and its term's bytes stay as they were.
#[derive(Default)]
pub(crate) struct Origins {
    /// Per term, `(path number + 1) << 32 | line`; 0: none.
    pub at: Store<u64>,
    pub paths: Box<[PathBuf]>,
}

impl Origins {
    /// The origins given in term order, their paths numbered in order of first use.
    pub fn of<'a>(origins: impl Iterator<Item = Option<(&'a Path, usize)>>) -> Origins {
        let mut paths: Vec<PathBuf> = Vec::new();
        let at = origins.map(|origin| {
            origin.map_or(0, |(path, line)| {
                // The same file, mostly: its bytes are compared, not its components.
                let known = (paths.iter()).rposition(|p| p.as_os_str() == path.as_os_str());
                let number = known.unwrap_or_else(|| {
                    paths.push(path.to_owned());
                    paths.len() - 1
                });
                ((number as u64 + 1) << 32) | (line.min(u32::MAX as usize) as u64)
            })
        });
        let at: Vec<u64> = at.collect();
        Origins {
            at: at.into(),
            paths: paths.into(),
        }
    }

    pub fn get(&self, i: usize) -> Option<(&Path, usize)> {
        let at = self.at[i];
        let path = self.paths.get((at >> 32).checked_sub(1)? as usize)?;
        Some((path, (at & u64::from(u32::MAX)) as usize))
    }

    /// Whether every origin names one of the paths.
    fn whole(&self) -> bool {
        self.at
            .iter()
            .all(|&at| (at >> 32) as usize <= self.paths.len())
    }
}

/// Where a term of an updated index comes from (see `Index::update`).
pub(crate) enum Source<'e> {
    /// Term `old` of the index before, whose entry is now at `origin`.
    Kept {
        old: u32,
        origin: Option<(&'e Path, usize)>,
    },
    Made(Box<Term>),
}

/// An origin of a term as its entry gives it.
fn owned((path, line): (&Path, usize)) -> Box<Origin> {
    Box::new(Origin {
        path: path.into(),
        line,
    })
}

impl Default for Terms {
    fn default() -> Self {
        Terms::Built(Vec::new())
    }
}

impl Terms {
    pub fn len(&self) -> usize {
        match self {
            Terms::Built(terms) => terms.len(),
            Terms::Stored(stored) => stored.decoded.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Term `id`; panics past `len()`, as indexing does.
    pub fn get(&self, id: u32) -> &Term {
        match self {
            Terms::Built(terms) => &terms[id as usize],
            Terms::Stored(stored) => stored.get(id as usize),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Term> {
        (0..self.len() as u32).map(move |id| self.get(id))
    }

    /// Calls `f` with term `id`, decoding it for the call only if it was not yet: writing a
    /// cache reads every term once, and need not keep them all.
    pub fn with<R>(&self, id: u32, f: impl FnOnce(&Term) -> R) -> R {
        match self {
            Terms::Built(terms) => f(&terms[id as usize]),
            Terms::Stored(stored) => match stored.decoded[id as usize].get() {
                Some(term) => f(term),
                None => f(&stored.decode(id as usize)),
            },
        }
    }

    /// Where term `id`'s entry is, without decoding it.
    pub fn origin(&self, id: u32) -> Option<(&Path, usize)> {
        match self {
            Terms::Built(terms) => (terms[id as usize].origin.as_ref()).map(|o| (&*o.path, o.line)),
            Terms::Stored(stored) => stored.origins.get(id as usize),
        }
    }

    /// Renames the dictionary files the terms come from: `rename` gives a file's new name, or
    /// `None` to keep it.
    pub fn rename_origins(&mut self, rename: &dyn Fn(&Path) -> Option<PathBuf>) {
        let term = |term: &mut Term| {
            if let Some(origin) = term.origin.as_mut()
                && let Some(path) = rename(&origin.path)
            {
                origin.path = path.into();
            }
        };
        match self {
            Terms::Built(terms) => terms.iter_mut().for_each(term),
            Terms::Stored(stored) => {
                for path in stored.origins.paths.iter_mut() {
                    *path = rename(path).unwrap_or_else(|| std::mem::take(path));
                }
                let decoded = stored.decoded.iter_mut().filter_map(|d| d.get_mut());
                decoded.for_each(|t| term(t));
            }
        }
    }

    /// Term `id`'s encoded bytes and the words they refer to, if it is stored and not yet
    /// decoded: a cache can be written again from them.
    pub fn encoded(&self, id: u32) -> Option<(&[u8], &Words)> {
        let Terms::Stored(stored) = self else {
            return None;
        };
        let i = id as usize;
        if stored.decoded[i].get().is_some() {
            return None;
        }
        let place = stored.places.as_ref().map_or(i, |p| p[i] as usize);
        let (start, end) = (
            stored.offsets[place] as usize,
            stored.offsets[place + 1] as usize,
        );
        Some((&stored.bytes[start..end], &stored.words))
    }

    /// The terms of an index updated from this one: each kept or made, in the new order.
    pub fn updated(self, sources: Vec<Source>) -> Terms {
        match self {
            Terms::Built(terms) => {
                let mut old: Vec<Option<Term>> = terms.into_iter().map(Some).collect();
                let terms = sources.into_iter().map(|source| match source {
                    Source::Kept { old: i, origin } => {
                        let mut term = old[i as usize].take().expect("a term is kept once");
                        term.origin = origin.map(owned);
                        term
                    }
                    Source::Made(term) => *term,
                });
                Terms::Built(terms.collect())
            }
            Terms::Stored(stored) => Terms::Stored(Box::new(stored.updated(sources))),
        }
    }
}

impl Stored {
    /// The terms of `bytes` at `offsets` (one more than the terms, the last `bytes.len()`),
    /// or `None` if the offsets do not cut `bytes` in order.
    pub fn new(
        offsets: Store<u64>,
        bytes: Store<u8>,
        words: Words,
        decode: Decode,
        origins: Origins,
    ) -> Option<Stored> {
        let ordered = offsets.windows(2).all(|w| w[0] <= w[1]);
        let whole = offsets.first() == Some(&0) && offsets.last() == Some(&(bytes.len() as u64));
        if !ordered || !whole || origins.at.len() + 1 != offsets.len() || !origins.whole() {
            return None;
        }
        let decoded = (1..offsets.len()).map(|_| OnceLock::new()).collect();
        Some(Stored {
            offsets,
            bytes,
            words,
            decode,
            decoded,
            places: None,
            origins,
        })
    }

    /// The words the stored terms refer to.
    pub fn words(&self) -> &Words {
        &self.words
    }

    fn get(&self, i: usize) -> &Term {
        self.decoded[i].get_or_init(|| Box::new(self.decode(i)))
    }

    fn decode(&self, i: usize) -> Term {
        let place = self.places.as_ref().map_or(i, |p| p[i] as usize);
        let (start, end) = (
            self.offsets[place] as usize,
            self.offsets[place + 1] as usize,
        );
        // The file's checksum matched and this build wrote it: a term that does not decode
        // is a bug of the cache format, not a damaged file.
        let term = (self.decode)(&self.bytes[start..end], &self.words);
        let mut term = term.unwrap_or_else(|| panic!("index cache: term {i} does not decode"));
        term.origin = self.origins.get(i).map(owned);
        term
    }

    fn updated(self, sources: Vec<Source>) -> Stored {
        let origins = Origins::of(sources.iter().map(|source| match source {
            Source::Kept { origin, .. } => *origin,
            Source::Made(term) => (term.origin.as_ref()).map(|o| (&*o.path, o.line)),
        }));
        let old_places = self.places;
        let mut old: Vec<Option<Box<Term>>> = (self.decoded.into_vec().into_iter())
            .map(OnceLock::into_inner)
            .collect();
        let mut places = Vec::with_capacity(sources.len());
        let mut decoded = Vec::with_capacity(sources.len());
        for source in sources {
            let cell = OnceLock::new();
            match source {
                Source::Kept { old: i, origin } => {
                    let i = i as usize;
                    places.push(old_places.as_ref().map_or(i as u32, |p| p[i]));
                    if let Some(mut term) = old[i].take() {
                        term.origin = origin.map(owned);
                        let _ = cell.set(term);
                    }
                }
                Source::Made(term) => {
                    places.push(u32::MAX);
                    let _ = cell.set(term);
                }
            }
            decoded.push(cell);
        }
        Stored {
            offsets: self.offsets,
            bytes: self.bytes,
            words: self.words,
            decode: self.decode,
            decoded: decoded.into(),
            places: Some(places.into()),
            origins,
        }
    }
}

impl std::fmt::Debug for Stored {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stored")
            .field("terms", &self.decoded.len())
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], _: &Words) -> Option<Term> {
        let name = std::str::from_utf8(bytes).ok()?;
        let dictionary = crate::Dictionary::from_entries(vec![crate::Entry::new(name)]);
        match super::super::index::Index::build(&dictionary).terms {
            Terms::Built(mut terms) => terms.pop(),
            Terms::Stored(_) => None,
        }
    }

    fn stored(offsets: Vec<u64>, bytes: &[u8]) -> Option<Stored> {
        let n = offsets.len().saturating_sub(1);
        let origins = Origins::of((0..n).map(|_| None));
        Stored::new(
            offsets.into(),
            bytes.to_vec().into(),
            Words::default(),
            decode,
            origins,
        )
    }

    #[test]
    fn stored_terms_are_decoded_when_first_read() {
        let terms = Terms::Stored(Box::new(
            stored(vec![0, 12, 24], b"Ada LovelaceGrace Hopper").unwrap(),
        ));
        assert_eq!(terms.len(), 2);
        let Terms::Stored(s) = &terms else {
            unreachable!()
        };
        assert!(s.decoded.iter().all(|d| d.get().is_none()));
        assert_eq!(&*terms.get(1).name, "Grace Hopper");
        assert!(s.decoded[0].get().is_none(), "term 0 was not read");
        let names: Vec<&str> = terms.iter().map(|t| &*t.name).collect();
        assert_eq!(names, ["Ada Lovelace", "Grace Hopper"]);
    }

    #[test]
    fn offsets_that_do_not_cut_the_bytes_in_order_are_refused() {
        let bytes = b"Ada LovelaceGrace Hopper";
        assert!(stored(vec![0, 24, 12], bytes).is_none());
        assert!(stored(vec![0, 12], bytes).is_none(), "not the whole");
        assert!(stored(vec![1, 24], bytes).is_none());
        assert!(stored(vec![], bytes).is_none());
        assert!(stored(vec![0], b"").is_some_and(|s| s.decoded.is_empty()));
    }
}
