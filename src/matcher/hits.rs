//! The index's answers to retrieval keys, remembered per worker thread (see `retrieve`).

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

use super::index::{self, Index, Posting};
use super::window::Query;

/// Retrieval results per fuzzy query key: speech repeats its words, so most keys come back.
/// Exact keys, nineteen in twenty of them absent from the index, are remembered more cheaply:
/// see `HitCache::exact`.
#[derive(Default)]
pub struct HitCache {
    /// `Index::id` of the index the hits come from.
    index: u64,
    seen: FxHashMap<Key, Vec<Posting>>,
    /// Direct-mapped by the low bits of an exact key's hash: the hash, once known absent.
    absent: Box<[u32]>,
    hits: Vec<Posting>,
    scratch: index::Scratch,
}

/// A fuzzy query as a key of `HitCache::seen`: held inline, so that a probe compares bytes
/// in place rather than following a pointer to each key.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Key {
    /// The same letters queried as one word or several differ: the word count is part of it.
    words: u8,
    len: u8,
    bytes: [u8; KEY_BYTES],
}

/// Longest query key remembered: keys glue at most three words, and longer ones are rare.
const KEY_BYTES: usize = 30;

impl Key {
    fn of(q: &Query) -> Option<Key> {
        let mut bytes = [0; KEY_BYTES];
        bytes.get_mut(..q.key.len())?.copy_from_slice(q.key);
        Some(Key {
            words: q.words as u8,
            len: q.key.len() as u8,
            bytes,
        })
    }
}

/// Slots of `HitCache::absent`: 256 kB, which stays in the core's cache.
const ABSENT_SLOTS: usize = 1 << 16;

thread_local! {
    // One per worker thread, kept from one piece of a transcript to the next and from one
    // transcript to the next: the words of speech come back across them.
    static HITS: std::cell::RefCell<HitCache> = std::cell::RefCell::default();
}

/// Beyond this many distinct keys the cache stops growing (memory stays bounded).
const HIT_CACHE_KEYS: usize = 20_000;

/// Runs `f` with this thread's cache of hits from `index` (emptied if it held another's).
pub fn with<R>(index: &Index, f: impl FnOnce(&mut HitCache) -> R) -> R {
    HITS.with_borrow_mut(|hits| {
        if hits.index != index.id {
            *hits = HitCache {
                index: index.id,
                ..HitCache::default()
            };
        }
        f(hits)
    })
}

impl HitCache {
    pub fn get(&mut self, index: &Index, q: Query) -> &[Posting] {
        if !q.fuzzy {
            return self.exact(index, q);
        }
        let Some(key) = Key::of(&q) else {
            index.candidates(q.key, q.words, true, &mut self.scratch, &mut self.hits);
            return &self.hits;
        };
        let full = self.seen.len() >= HIT_CACHE_KEYS;
        match self.seen.entry(key) {
            Entry::Occupied(seen) => seen.into_mut(),
            Entry::Vacant(new) if !full => {
                let mut hits = Vec::new();
                index.candidates(q.key, q.words, true, &mut self.scratch, &mut hits);
                new.insert(hits)
            }
            Entry::Vacant(_) => {
                index.candidates(q.key, q.words, true, &mut self.scratch, &mut self.hits);
                &self.hits
            }
        }
    }

    /// An exact lookup. Most windows of ordinary speech are no key at all, and many come back:
    /// a hash known absent is answered from a small table in the core's cache instead of a
    /// probe of the key filter in memory. Only absence is remembered, and absence of the hash
    /// means absence of any key with it, so a collision in the table can only cost a probe,
    /// never a hit.
    fn exact(&mut self, index: &Index, q: Query) -> &[Posting] {
        self.hits.clear();
        if self.absent.is_empty() {
            self.absent = vec![0; ABSENT_SLOTS].into();
        }
        let hash = index::exact_hash(q.key);
        let slot = hash as usize & (ABSENT_SLOTS - 1);
        // 0 marks an empty slot: a hash of 0 is never remembered.
        if hash != 0 && self.absent[slot] == hash {
            return &self.hits;
        }
        if !index.holds(hash) {
            self.absent[slot] = hash;
            return &self.hits;
        }
        index.candidates(q.key, q.words, false, &mut self.scratch, &mut self.hits);
        &self.hits
    }
}
