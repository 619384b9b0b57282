//! Every term's spelling and phoneme keys, packed in one byte array.
//!
//! Retrieval checks each hit against the key it came from before anything else is done with
//! it. Read from the terms themselves, that check chases four pointers per hit into a
//! 100,000-term dictionary; read from here it is one offset (in cache) and one cache line.

use std::ops::Range;

use super::index::Term;
use super::store::Store;

/// Per term, at its offset: word count `n`, reading count `r`, then `r + 1` sections (the
/// spelling, then each reading), each as `n` little-endian u16 word ends and the key bytes.
/// Made in memory (see `Making`) or mapped from the cache file: a million terms' keys are
/// 60 MB, not worth copying.
#[derive(Debug, Default)]
pub struct TermKeys {
    pub(super) offsets: Store<u32>,
    pub(super) bytes: Store<u8>,
}

/// `TermKeys` being made, a term after the other.
#[derive(Default)]
pub struct Making {
    offsets: Vec<u32>,
    bytes: Vec<u8>,
}

impl Making {
    pub fn push(&mut self, term: &Term) {
        self.offsets.push(self.bytes.len() as u32);
        let n = term.tokens.len().min(255);
        self.bytes.push(n as u8);
        self.bytes.push(term.readings.len().min(255) as u8);
        let mut ortho_ends = Vec::with_capacity(n);
        let mut end = 0;
        for t in &term.tokens[..n] {
            end += t.ortho().len();
            ortho_ends.push(end);
        }
        self.section(&ortho_ends, term.ortho.as_bytes());
        for r in term.readings.iter().take(255) {
            self.section(&r.ends[..n], &r.phonemes);
        }
    }

    /// Empty, with room for the keys of `other` and `more` terms more.
    pub fn with_room(other: &TermKeys, more: usize) -> Self {
        // A term's keys take some fifty bytes; a long one, a few hundred.
        let bytes = other.bytes.len() + more * 512;
        Making {
            offsets: Vec::with_capacity(other.offsets.len() + more),
            bytes: Vec::with_capacity(bytes),
        }
    }

    pub fn done(self) -> TermKeys {
        TermKeys {
            offsets: self.offsets.into(),
            // Some room to spare is cheaper than a copy (see `Store::keeping_room`).
            bytes: Store::keeping_room(self.bytes),
        }
    }

    /// Appends the keys of term `term` of `other`: an updated index keeps those of the
    /// terms it keeps.
    pub fn push_copied(&mut self, other: &TermKeys, term: u32) {
        let start = other.offsets[term as usize] as usize;
        let end = (other.offsets.get(term as usize + 1)).map_or(other.bytes.len(), |&o| o as usize);
        self.offsets.push(self.bytes.len() as u32);
        self.bytes.extend_from_slice(&other.bytes[start..end]);
    }

    fn section(&mut self, ends: &[usize], key: &[u8]) {
        let clamp = |e: usize| e.min(usize::from(u16::MAX));
        for &e in ends {
            self.bytes
                .extend_from_slice(&(clamp(e) as u16).to_le_bytes());
        }
        self.bytes.extend_from_slice(&key[..clamp(key.len())]);
    }
}

impl TermKeys {
    /// The first byte stored for `term` (see `Index::warm_term_keys`).
    pub fn first_byte(&self, term: u32) -> u8 {
        self.bytes[self.offsets[term as usize] as usize]
    }

    pub fn of(&self, term: u32) -> Keys<'_> {
        let data = &self.bytes[self.offsets[term as usize] as usize..];
        Keys {
            words: usize::from(data[0]),
            readings: usize::from(data[1]),
            data: &data[2..],
        }
    }
}

/// One term's keys.
pub struct Keys<'a> {
    pub words: usize,
    pub readings: usize,
    data: &'a [u8],
}

impl<'a> Keys<'a> {
    /// Key bytes of the term words `words` in section `s` (0: spelling, 1..: readings).
    pub fn words(&self, s: usize, words: Range<usize>) -> &'a [u8] {
        let mut at = 0;
        for _ in 0..s {
            at += 2 * self.words + self.end(at, self.words - 1);
        }
        let start = if words.start == 0 {
            0
        } else {
            self.end(at, words.start - 1)
        };
        let body = at + 2 * self.words;
        &self.data[body + start..body + self.end(at, words.end - 1)]
    }

    fn end(&self, section: usize, word: usize) -> usize {
        let i = section + 2 * word;
        usize::from(u16::from_le_bytes([self.data[i], self.data[i + 1]]))
    }
}
