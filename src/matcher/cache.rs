//! The built index on disk. Preparing a 100,000-entry dictionary (readings, delete variants,
//! sorting seven million keys) takes seconds; reading it back takes a few hundredths: the
//! arrays are written as raw bytes and mapped in place, and each term and each word is
//! encoded on its own, to be decoded when matching first reaches it (see `terms`). Nothing
//! is decoded at load: a million entries' words and exact names, decoded into maps, held
//! some 220 MB and most of the load's 0.3-0.5 s.
//!
//! The file is a cache, not an archive: it is written and read by the same build on the same
//! machine (the caller keys it by dictionary content and build), and anything unexpected in it
//! is an error the caller answers by building afresh.

use std::collections::hash_map::Entry;
use std::io::{Read, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::index::{Index, Reading, Term};
use super::keys::{Filter, KeyTable, MIN_DIR_BITS};
use super::lexicon::Lang;
use super::names::Names;
use super::normalize::{Gap, Token, Word};
use super::store::{Mapping, Store};
use super::termkeys::TermKeys;
use super::terms::{Origins, Stored, Terms, Words};
use crate::dictionary::Kind;

const MAGIC: &[u8; 8] = b"TFXINDEX";
/// Changes whenever the layout below or the meaning of the stored keys changes.
const FORMAT: u32 = 9;
/// Written in native byte order: a file from a machine of the other order is refused.
const BYTE_ORDER: u32 = 0x0102_0304;
/// Bytes of a file hashed apart for its checksum (see `Checksum`): a multiple of the page
/// size.
const HASH_CHUNK: usize = 4 << 20;

#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("not a transfix index of this version")]
    Foreign,
    #[error("damaged index: {0}")]
    Damaged(String),
}

/// Everything but the arrays: a few numbers and the dictionary files the terms' origins
/// number (see `Origins`).
#[derive(Serialize, Deserialize)]
struct Meta {
    max_glued: usize,
    key_bits: u32,
    paths: Vec<PathBuf>,
}

#[derive(Serialize, Deserialize)]
struct StoredTerm {
    name: Box<str>,
    kind: Kind,
    tokens: Vec<(u32, u32, u32, Gap, bool)>,
    ortho: Box<str>,
    distinctive: Box<[bool]>,
    readings: Box<[Reading]>,
    lang: Option<Lang>,
    domain: bool,
    never: Box<[Box<str>]>,
    never_words: Box<[Box<str>]>,
    note: Option<Box<str>>,
}

/// The start of a `StoredTerm`, up to its tokens: enough to tell its words.
#[derive(Deserialize)]
struct StoredHead<'a> {
    #[serde(borrow)]
    _name: &'a str,
    _kind: Kind,
    tokens: Vec<(u32, u32, u32, Gap, bool)>,
}

/// A term encoded as `StoredTerm`, from borrowed parts: the same bytes, without copying the
/// term first. The fields must stay those of `StoredTerm`, in its order.
#[derive(Serialize)]
struct TermRef<'a> {
    name: &'a str,
    kind: Kind,
    tokens: Vec<(u32, u32, u32, Gap, bool)>,
    ortho: &'a str,
    distinctive: &'a [bool],
    readings: &'a [Reading],
    lang: Option<Lang>,
    domain: bool,
    never: &'a [Box<str>],
    never_words: &'a [Box<str>],
    note: Option<&'a str>,
}

/// What `write_parts` writes besides the key arrays (see `Index::meta`).
struct Parts {
    meta: Meta,
    /// The words the terms share, encoded one after the other, and where each ends.
    word_ends: Vec<u64>,
    words: Vec<u8>,
    offsets: Vec<u64>,
    terms: Vec<u8>,
    origins: Store<u64>,
}

/// Terms encoded by one worker at a time when the cache is written.
const TERMS_PER_RUN: usize = 4096;

/// A term as `write_parts` encodes it, its tokens' words by number in `Words`; `None` if it
/// does not decode or refers to a word that is not there.
fn decode_term(bytes: &[u8], words: &Words) -> Option<Term> {
    let t: StoredTerm = postcard::from_bytes(bytes).ok()?;
    let tokens = (t.tokens.into_iter())
        .map(|(start, end, id, gap, sentence_start)| {
            Some(Token {
                span: start..end,
                word: words.get(id as usize)?.clone(),
                gap,
                sentence_start,
            })
        })
        .collect::<Option<Box<[Token]>>>()?;
    Some(Term {
        name: t.name,
        kind: t.kind,
        tokens,
        ortho: t.ortho,
        distinctive: t.distinctive,
        readings: t.readings,
        lang: t.lang,
        domain: t.domain,
        never: t.never,
        never_words: t.never_words,
        note: t.note,
        origin: None, // see `Origins`
    })
}

/// A word as `write_parts` encodes it.
fn decode_word(bytes: &[u8]) -> Option<Word> {
    let (lower, ortho, case) = postcard::from_bytes(bytes).ok()?;
    Some(Word { lower, ortho, case })
}

/// The numbers of the words of an encoded term's tokens.
fn word_numbers(bytes: &[u8]) -> Result<impl Iterator<Item = u32>, CacheError> {
    let head: StoredHead =
        postcard::from_bytes(bytes).map_err(|e| CacheError::Damaged(e.to_string()))?;
    Ok(head.tokens.into_iter().map(|t| t.2))
}

impl Index {
    /// Writes the index in the cache format (see the module documentation).
    pub fn write_cache(&self, out: &mut dyn Write) -> Result<(), CacheError> {
        self.write_cache_naming(out, &|path| path.to_owned())
    }

    /// Writes the index as `write_cache` does, each dictionary file its terms come from named
    /// as `name` says: a cache shared by runs that spell the same file differently (from
    /// another directory, say) holds one name of each, which [`Index::rename_origins`] turns
    /// back into the reader's.
    pub fn write_cache_naming(
        &self,
        out: &mut dyn Write,
        name: &dyn Fn(&Path) -> PathBuf,
    ) -> Result<(), CacheError> {
        let mut out = Hashing::new(out);
        self.write_parts(&mut out, name)?;
        let sum = out.hasher.digest();
        out.inner.write_all(&sum.to_ne_bytes())?;
        Ok(())
    }

    /// The head, then the arrays in the order `from_arrays` takes them.
    fn write_parts(
        &self,
        out: &mut dyn Write,
        name: &dyn Fn(&Path) -> PathBuf,
    ) -> Result<(), CacheError> {
        out.write_all(MAGIC)?;
        out.write_all(&FORMAT.to_ne_bytes())?;
        out.write_all(&BYTE_ORDER.to_ne_bytes())?;
        // Every array is padded to a multiple of 8 bytes, so that each starts aligned for its
        // values in the file, and in a mapping of it (see `map_cache`).
        let Parts {
            meta,
            word_ends,
            words,
            offsets,
            terms,
            origins,
        } = self.meta(name)?;
        let meta = postcard::to_stdvec(&meta).map_err(|e| CacheError::Damaged(e.to_string()))?;
        write_array(out, &meta)?;
        write_array(out, &word_ends)?;
        write_array(out, &words)?;
        write_array(out, &offsets)?;
        write_array(out, &terms)?;
        let keys = &self.keys;
        write_array(out, &keys.entries[..])?;
        write_array(out, &keys.dir[..])?;
        write_array(out, &keys.postings[..])?;
        write_array(out, &keys.filter.bits[..])?;
        write_array(out, &keys.crowded[..])?;
        write_array(out, &self.term_keys.offsets)?;
        write_array(out, &self.term_keys.bytes)?;
        write_array(out, &self.exact_keys.bits[..])?;
        write_array(out, &self.exact_prefixes.bits[..])?;
        for names in [&self.canonical, &self.aliases] {
            write_array(out, &names.hashes)?;
            write_array(out, &names.key_ends)?;
            write_array(out, &names.keys)?;
            write_array(out, &names.term_ends)?;
            write_array(out, &names.terms)?;
        }
        write_array(out, &self.fingerprints[..])?;
        write_array(out, &origins[..])?;
        Ok(())
    }

    /// Reads an index written by [`Index::write_cache`]. The whole file is checksummed: a
    /// damaged one is an error, never a wrong index.
    pub fn read_cache(input: &mut dyn Read) -> Result<Index, CacheError> {
        let mut input = Hashing::new(input);
        let mut head = [0u8; 16];
        input.read_exact(&mut head)?;
        if head[..] != head_bytes()[..] {
            return Err(CacheError::Foreign);
        }
        let index = Self::from_arrays(&mut Stream(&mut input))?;
        let sum = input.hasher.digest();
        let mut stored = [0u8; 8];
        input.inner.read_exact(&mut stored)?;
        let mut rest = [0u8; 1];
        if u64::from_ne_bytes(stored) != sum || input.inner.read(&mut rest)? != 0 {
            return Err(CacheError::Damaged("checksum".into()));
        }
        Ok(index)
    }

    /// Reads an index written by [`Index::write_cache`] from the file itself, mapped into
    /// memory: the arrays are used where they lie (see `store`), nothing is decoded ahead.
    /// Checked as `read_cache` checks.
    #[cfg(unix)]
    pub fn map_cache(file: &std::fs::File) -> Result<Index, CacheError> {
        let mapping = Mapping::of(file)?;
        let all = mapping.bytes();
        let short = || CacheError::Damaged("length".into());
        let (body, stored) = all.split_at(all.len().checked_sub(8).ok_or_else(short)?);
        if body.get(..16).ok_or_else(short)? != &head_bytes()[..] {
            return Err(CacheError::Foreign);
        }
        let pieces: Vec<u64> = (body.par_chunks(HASH_CHUNK).enumerate())
            .map(|(k, piece)| {
                let digest = xxhash_rust::xxh3::xxh3_64(piece);
                // Hashed pages need not stay in this process: lookups bring back those they
                // read, so peak memory is what matching touches, not the whole file.
                mapping.release(k * HASH_CHUNK..k * HASH_CHUNK + piece.len());
                digest
            })
            .collect();
        if Checksum::of_pieces(&pieces).to_ne_bytes() != stored {
            return Err(CacheError::Damaged("checksum".into()));
        }
        let mut arrays = Mapped {
            mapping: &mapping,
            end: body.len(),
            at: 16,
        };
        let index = Self::from_arrays(&mut arrays)?;
        if arrays.at != body.len() {
            return Err(CacheError::Damaged("length".into()));
        }
        Ok(index)
    }

    /// The index from the arrays after the head, in the order `write_parts` wrote them.
    fn from_arrays(arrays: &mut impl Arrays) -> Result<Index, CacheError> {
        let meta: Store<u8> = arrays.next()?;
        let meta: Meta = postcard::from_bytes(&meta).map_err(|e| damaged(&e.to_string()))?;
        let words = Words::new(arrays.next()?, arrays.next()?, decode_word);
        let (offsets, bytes) = (arrays.next()?, arrays.next()?);
        let (entries, dir, postings) = (arrays.next()?, arrays.next()?, arrays.next()?);
        let (filter, crowded) = (
            Filter {
                bits: arrays.next()?,
            },
            arrays.next()?,
        );
        let keys = KeyTable {
            entries,
            dir,
            bits: meta.key_bits,
            postings,
            filter,
            crowded,
        };
        let term_keys = TermKeys {
            offsets: arrays.next()?,
            bytes: arrays.next()?,
        };
        let exact_keys = Filter {
            bits: arrays.next()?,
        };
        let exact_prefixes = Filter {
            bits: arrays.next()?,
        };
        let (canonical, aliases) = (next_names(arrays)?, next_names(arrays)?);
        let fingerprints: Store<u64> = arrays.next()?;
        let origins = Origins {
            at: arrays.next()?,
            paths: meta.paths.into(),
        };
        let stored = Stored::new(offsets, bytes, words, decode_term, origins)
            .ok_or_else(|| damaged("term offsets or origins"))?;
        let terms = Terms::Stored(Box::new(stored));
        check_consistent(&terms, &keys, &term_keys)?;
        if fingerprints.len() != terms.len() || !canonical.whole() || !aliases.whole() {
            return Err(damaged("fingerprints or names"));
        }
        Ok(Index {
            terms,
            canonical,
            aliases,
            keys,
            term_keys,
            exact_keys,
            exact_prefixes,
            max_glued: meta.max_glued,
            fingerprints,
            id: super::index::next_id(),
        })
    }

    /// What `write_parts` writes besides the index's own arrays: the meta, the words and the
    /// terms encoded one after the other with where each ends, and the terms' origins.
    fn meta(&self, name: &dyn Fn(&Path) -> PathBuf) -> Result<Parts, CacheError> {
        // Words are numbered in the order the terms first use them; then the terms are
        // encoded in parallel, a run of them at a time.
        let mut ids: FxHashMap<usize, u32> = FxHashMap::default();
        let (mut word_ends, mut words) = (Vec::new(), Vec::new());
        let mut number = |w: &Arc<Word>| -> Result<(), CacheError> {
            if let Entry::Vacant(slot) = ids.entry(Arc::as_ptr(w) as usize) {
                slot.insert(word_ends.len() as u32);
                let word = (&*w.lower, &*w.ortho, w.case);
                words = postcard::to_extend(&word, std::mem::take(&mut words))
                    .map_err(|e| damaged(&e.to_string()))?;
                word_ends.push(words.len() as u64);
            }
            Ok(())
        };
        for id in 0..self.terms.len() as u32 {
            // A term still encoded (an index read back, or updated) is not decoded for it.
            if let Some((bytes, table)) = self.terms.encoded(id) {
                for n in word_numbers(bytes)? {
                    number(table.get(n as usize).ok_or_else(|| damaged("word"))?)?;
                }
            } else {
                (self.terms).with(id, |term| {
                    term.tokens.iter().try_for_each(|t| number(&t.word))
                })?;
            }
        }
        let runs: Vec<Range<u32>> = (0..self.terms.len() as u32)
            .step_by(TERMS_PER_RUN)
            .map(|start| start..(start + TERMS_PER_RUN as u32).min(self.terms.len() as u32))
            .collect();
        let encoded = (runs.par_iter())
            .map(|run| self.encode_terms(run.clone(), &ids))
            .collect::<Result<Vec<_>, _>>()?;
        let (mut offsets, mut bytes) = (vec![0u64], Vec::new());
        for (ends, run) in encoded {
            let base = bytes.len() as u64;
            offsets.extend(ends.iter().map(|&end| base + end));
            bytes.extend_from_slice(&run);
        }
        let origins = Origins::of((0..self.terms.len() as u32).map(|id| self.terms.origin(id)));
        let meta = Meta {
            max_glued: self.max_glued,
            key_bits: self.keys.bits,
            paths: origins.paths.iter().map(|path| name(path)).collect(),
        };
        Ok(Parts {
            meta,
            word_ends,
            words,
            offsets,
            terms: bytes,
            origins: origins.at,
        })
    }

    /// The terms `run`, encoded one after the other, and where each ends.
    fn encode_terms(
        &self,
        run: Range<u32>,
        ids: &FxHashMap<usize, u32>,
    ) -> Result<(Vec<u64>, Vec<u8>), CacheError> {
        let (mut ends, mut bytes) = (Vec::with_capacity(run.len()), Vec::new());
        for id in run {
            match self.terms.encoded(id) {
                // Its words keep their numbers: the bytes are the same.
                Some((encoded, table)) if same_numbers(encoded, table, ids)? => {
                    bytes.extend_from_slice(encoded);
                }
                _ => bytes = self.terms.with(id, |term| encode_term(term, ids, bytes))?,
            }
            ends.push(bytes.len() as u64);
        }
        Ok((ends, bytes))
    }
}

/// Whether every word of an encoded term has the same number in `ids` as in `table`.
fn same_numbers(
    encoded: &[u8],
    table: &Words,
    ids: &FxHashMap<usize, u32>,
) -> Result<bool, CacheError> {
    let same = |n: u32| {
        let word = table.get(n as usize)?;
        Some(ids.get(&(Arc::as_ptr(word) as usize)) == Some(&n))
    };
    Ok(word_numbers(encoded)?.all(|n| same(n) == Some(true)))
}

fn damaged(what: &str) -> CacheError {
    CacheError::Damaged(what.to_owned())
}

/// Appends `term` to `bytes`, its words by their numbers in `ids`.
fn encode_term(
    term: &Term,
    ids: &FxHashMap<usize, u32>,
    bytes: Vec<u8>,
) -> Result<Vec<u8>, CacheError> {
    let stored = TermRef {
        name: &term.name,
        kind: term.kind,
        tokens: (term.tokens.iter())
            .map(|t| {
                let id = ids[&(Arc::as_ptr(&t.word) as usize)];
                (t.span.start, t.span.end, id, t.gap, t.sentence_start)
            })
            .collect(),
        ortho: &term.ortho,
        distinctive: &term.distinctive,
        readings: &term.readings,
        lang: term.lang,
        domain: term.domain,
        never: &term.never,
        never_words: &term.never_words,
        note: term.note.as_deref(),
    };
    postcard::to_extend(&stored, bytes).map_err(|e| CacheError::Damaged(e.to_string()))
}

/// What a lookup would index without checking: a damaged file must be an error, not a panic.
fn check_consistent(
    terms: &Terms,
    keys: &KeyTable,
    term_keys: &TermKeys,
) -> Result<(), CacheError> {
    let damaged = |what: &str| Err(CacheError::Damaged(what.to_owned()));
    if !(MIN_DIR_BITS..32).contains(&keys.bits)
        || keys.dir.len() != (1usize << keys.bits) + 1
        || keys
            .dir
            .last()
            .is_some_and(|&end| end as usize != keys.entries.len())
        || keys.dir.windows(2).any(|w| w[0] > w[1])
    {
        return damaged("key directory");
    }
    if keys.filter.bits.is_empty() || term_keys.offsets.len() != terms.len() {
        return damaged("key filter or term keys");
    }
    if (term_keys.offsets.iter()).any(|&o| o as usize >= term_keys.bytes.len().max(1)) {
        return damaged("term key offsets");
    }
    Ok(())
}

/// The cache file's head: its kind, format and byte order.
fn head_bytes() -> Vec<u8> {
    [&MAGIC[..], &FORMAT.to_ne_bytes(), &BYTE_ORDER.to_ne_bytes()].concat()
}

/// Where `from_arrays` takes the arrays `write_parts` wrote, one after the other.
trait Arrays {
    fn next<T: bytemuck::Pod>(&mut self) -> Result<Store<T>, CacheError>;
}

/// Arrays read from a stream into memory.
struct Stream<'a>(&'a mut dyn Read);

impl Arrays for Stream<'_> {
    fn next<T: bytemuck::Pod>(&mut self) -> Result<Store<T>, CacheError> {
        Ok(read_array(self.0)?.into())
    }
}

/// Arrays in place in a mapped file, from `at` up to `end`.
#[cfg(unix)]
struct Mapped<'a> {
    mapping: &'a Arc<Mapping>,
    end: usize,
    at: usize,
}

#[cfg(unix)]
impl Arrays for Mapped<'_> {
    fn next<T: bytemuck::Pod>(&mut self) -> Result<Store<T>, CacheError> {
        map_array(self.mapping, self.end, &mut self.at)
    }
}

/// A table of exact names, in the order `write_parts` writes its arrays.
fn next_names(arrays: &mut impl Arrays) -> Result<Names, CacheError> {
    Ok(Names {
        hashes: arrays.next()?,
        key_ends: arrays.next()?,
        keys: arrays.next()?,
        term_ends: arrays.next()?,
        terms: arrays.next()?,
    })
}

/// The array written by `write_array` at `*at` in the mapping, which must end by `end`;
/// moves `*at` past it.
fn map_array<T: bytemuck::Pod>(
    mapping: &Arc<Mapping>,
    end: usize,
    at: &mut usize,
) -> Result<Store<T>, CacheError> {
    let damaged = || CacheError::Damaged("array".into());
    let len_bytes = mapping
        .bytes()
        .get(*at..(*at + 8).min(end))
        .ok_or_else(damaged)?;
    let len = u64::from_ne_bytes(len_bytes.try_into().map_err(|_| damaged())?);
    let len = usize::try_from(len).map_err(|_| damaged())?;
    let size = len
        .checked_mul(std::mem::size_of::<T>())
        .ok_or_else(damaged)?;
    let start = *at + 8;
    let next = (start.checked_add(size).ok_or_else(damaged)?).next_multiple_of(8);
    if next > end {
        return Err(damaged());
    }
    let items = Store::mapped(mapping, start, len).ok_or_else(damaged)?;
    *at = next;
    Ok(items)
}

fn write_array<T: bytemuck::Pod>(out: &mut dyn Write, items: &[T]) -> std::io::Result<()> {
    out.write_all(&(items.len() as u64).to_ne_bytes())?;
    let bytes: &[u8] = bytemuck::cast_slice(items);
    out.write_all(bytes)?;
    out.write_all(&[0; 8][..padding(bytes.len())])
}

/// Zero bytes after an array of `len` bytes, up to a multiple of 8.
fn padding(len: usize) -> usize {
    len.next_multiple_of(8) - len
}

/// Reads an array written by `write_array` straight into its final memory.
fn read_array<T: bytemuck::Pod + bytemuck::Zeroable>(
    input: &mut dyn Read,
) -> Result<Vec<T>, CacheError> {
    let mut len = [0u8; 8];
    input.read_exact(&mut len)?;
    let len = usize::try_from(u64::from_ne_bytes(len))
        .map_err(|_| CacheError::Damaged("array length".into()))?;
    // A damaged length must not allocate the machine's memory away before the read fails.
    if len > (1 << 34) / std::mem::size_of::<T>().max(1) {
        return Err(CacheError::Damaged("array length".into()));
    }
    let mut items = vec![T::zeroed(); len];
    input.read_exact(bytemuck::cast_slice_mut(&mut items))?;
    let mut pad = [0u8; 8];
    input.read_exact(&mut pad[..padding(len * std::mem::size_of::<T>())])?;
    Ok(items)
}

/// A file's checksum: the xxh3 of the xxh3s of its pieces of `HASH_CHUNK` bytes (the last
/// one shorter), so that a mapped file's pieces are hashed in parallel (`map_cache`) and a
/// stream's one after the other, to the same figure.
#[derive(Default)]
struct Checksum {
    piece: xxhash_rust::xxh3::Xxh3,
    in_piece: usize,
    pieces: xxhash_rust::xxh3::Xxh3,
}

impl Checksum {
    fn update(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            let n = (HASH_CHUNK - self.in_piece).min(bytes.len());
            self.piece.update(&bytes[..n]);
            self.in_piece += n;
            bytes = &bytes[n..];
            if self.in_piece == HASH_CHUNK {
                self.pieces.update(&self.piece.digest().to_le_bytes());
                self.piece.reset();
                self.in_piece = 0;
            }
        }
    }

    /// The checksum of the bytes so far.
    fn digest(&self) -> u64 {
        let mut pieces = self.pieces.clone();
        if self.in_piece > 0 {
            pieces.update(&self.piece.digest().to_le_bytes());
        }
        pieces.digest()
    }

    /// The checksum of a file whose pieces hash to `pieces`, in order.
    fn of_pieces(pieces: &[u64]) -> u64 {
        let mut all = xxhash_rust::xxh3::Xxh3::new();
        pieces.iter().for_each(|p| all.update(&p.to_le_bytes()));
        all.digest()
    }
}

/// A reader or writer that hashes what passes through it.
struct Hashing<T> {
    inner: T,
    hasher: Checksum,
}

impl<T> Hashing<T> {
    fn new(inner: T) -> Self {
        Hashing {
            inner,
            hasher: Checksum::default(),
        }
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(bytes)?;
        self.hasher.update(&bytes[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(out)?;
        self.hasher.update(&out[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dictionary, Matcher, Transcript};

    /// A stream's checksum, fed in uneven writes, is the one of its pieces hashed apart, as
    /// `map_cache` hashes a mapped file's.
    #[test]
    fn a_checksum_streamed_is_the_checksum_of_its_pieces() {
        for len in [1, HASH_CHUNK, 2 * HASH_CHUNK + 12_345] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
            let mut streamed = Checksum::default();
            let mut rest = &bytes[..];
            for size in [1, 4095, 1 << 20, 3 << 20].into_iter().cycle() {
                if rest.is_empty() {
                    break;
                }
                let (now, later) = rest.split_at(size.min(rest.len()));
                streamed.update(now);
                rest = later;
            }
            let pieces: Vec<u64> = (bytes.chunks(HASH_CHUNK))
                .map(xxhash_rust::xxh3::xxh3_64)
                .collect();
            assert_eq!(streamed.digest(), Checksum::of_pieces(&pieces), "{len}");
        }
        let (mut one, mut other) = (Checksum::default(), Checksum::default());
        one.update(b"a cache file");
        other.update(b"a cache fild");
        assert_ne!(one.digest(), other.digest());
    }

    const DICT: &str = r#"
[[term]]
name = "Ada Lovelace"
kind = "person"
aliases = ["Ada Lovlace"]
note = "mathematician"

[[term]]
name = "Grace Hopper"
kind = "person"
never = ["grass hopper"]
lang = "en"

[[term]]
name = "Alan Turing"
kind = "person"
"#;

    fn index() -> Index {
        let dictionary = Dictionary::parse(DICT, std::path::Path::new("names.toml")).unwrap();
        Index::build(&dictionary)
    }

    fn written(index: &Index) -> Vec<u8> {
        let mut bytes = Vec::new();
        index.write_cache(&mut bytes).unwrap();
        bytes
    }

    #[test]
    fn an_index_read_back_finds_what_it_found() {
        let built = index();
        let bytes = written(&built);
        let read = Index::read_cache(&mut &bytes[..]).unwrap();
        assert_eq!(read.key_count(), built.key_count());
        assert_eq!(written(&read), bytes, "written again, the same bytes");
        finds_the_same(&built, &read);
    }

    /// A reloaded index proposes what the index it was written from proposed.
    fn finds_the_same(built: &Index, read: &Index) {
        let text = "Then Ada Lovlase met Grace Hoper and a grass hopper, and later Alan Turring.\n";
        let transcript = Transcript::parse(text.as_bytes()).unwrap();
        let before = Matcher::new(built).find(&transcript);
        assert!(before.len() >= 3, "{before:?}");
        assert_eq!(Matcher::new(read).find(&transcript), before);
    }

    fn mapped(bytes: &[u8], name: &str) -> Result<Index, CacheError> {
        let path = std::env::temp_dir().join(format!("transfix-{name}-{}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        let file = std::fs::File::open(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        Index::map_cache(&file)
    }

    #[test]
    fn a_mapped_index_finds_what_it_found() {
        let built = index();
        let bytes = written(&built);
        let read = mapped(&bytes, "mapped").unwrap();
        assert_eq!(written(&read), bytes, "written again, the same bytes");
        finds_the_same(&built, &read);
    }

    #[test]
    fn damaged_mapped_files_are_errors_not_panics() {
        let bytes = written(&index());
        for cut in [0, 7, 16, 40, bytes.len() / 2, bytes.len() - 1] {
            assert!(mapped(&bytes[..cut], "cut").is_err(), "cut at {cut}");
        }
        for at in (0..bytes.len()).step_by(bytes.len() / 97 + 1) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x55;
            assert!(mapped(&damaged, "damaged").is_err(), "byte {at}");
        }
        let mut longer = bytes.clone();
        longer.extend_from_slice(&[0; 8]);
        assert!(mapped(&longer, "longer").is_err());
    }

    #[test]
    fn damaged_files_are_errors_not_panics() {
        let bytes = written(&index());
        for cut in [0, 7, 16, 40, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                Index::read_cache(&mut &bytes[..cut]).is_err(),
                "cut at {cut}"
            );
        }
        for at in (0..bytes.len()).step_by(bytes.len() / 97 + 1) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x55;
            assert!(Index::read_cache(&mut &damaged[..]).is_err(), "byte {at}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(Index::read_cache(&mut &longer[..]).is_err());
    }
}
