//! The retrieval key table: 32-bit key hashes → postings, in flat arrays.
//!
//! One sorted array of 6-byte entries (the hash's low 16 bits and a 32-bit slot) and a
//! directory of buckets by the hash's top bits (at least 16 of them, so that together they
//! hold the whole hash): 6.5 bytes a key (a general hash map spends 13), built in place from
//! the sorted pairs, and flat, so it can be written to disk as it is. A query looks up some
//! twenty delete variants at once: a small filter drops most of them from cache, and the
//! first entry of each remaining bucket is loaded before any is compared, so their cache
//! misses overlap.

use std::ops::Range;

use super::store::Store;
use rayon::iter::{
    IndexedParallelIterator, IntoParallelIterator, IntoParallelRefIterator, ParallelIterator,
};
use rayon::slice::{ParallelSlice, ParallelSliceMut};

/// A posting packed in 32 bits: term id in bits 8..31, first word in 4..8, end word in 0..4.
/// Never 0 (the end word is past the first).
pub type Packed = u32;

/// Marks a slot holding its key's only posting (most keys have one).
const INLINE: u32 = 1 << 31;
/// Most postings a key may have; keys with more are not stored (see `KeyTable::build`).
pub const MAX_POSTINGS: usize = 8;
/// Filter bits per stored key: with two bits a key in one word, 12 let about 3% of absent
/// keys through (one bit a key, 16 let 6% through).
const FILTER_BITS_PER_KEY: usize = 12;
/// Keys per directory bucket, on average.
const BUCKET: usize = 8;
/// Queries' hashes are looked up in chunks of this many.
const BATCH: usize = 32;
/// Fewest bits of a hash the directory takes: an entry keeps only the 16 others.
pub(super) const MIN_DIR_BITS: u32 = 16;

/// A key: the low 16 bits of its hash, then its slot's low and high halves. Three `u16`s, not
/// a `u64`: a million entries' table is 340 MB instead of 450, and a long transcript reads
/// all of it.
pub type Entry = [u16; 3];

/// The entry of a pair `hash << 32 | slot`.
fn entry(pair: u64) -> Entry {
    [(pair >> 32) as u16, pair as u16, (pair >> 16) as u16]
}

fn slot_of(entry: &Entry) -> u32 {
    u32::from(entry[1]) | u32::from(entry[2]) << 16
}

/// The part of a hash an entry keeps.
fn tag(hash: u32) -> u16 {
    hash as u16
}

#[derive(Debug, Default)]
pub struct KeyTable {
    /// Sorted by hash. A slot is an inline posting (`INLINE` set) or a run in `postings`:
    /// start in bits 3..31, length - 1 in bits 0..3. Never 0.
    pub(super) entries: Store<Entry>,
    /// Bucket `b` (the top `bits` bits of a hash) holds `entries[dir[b]..dir[b + 1]]`.
    pub(super) dir: Store<u32>,
    pub(super) bits: u32,
    pub(super) postings: Store<Packed>,
    /// Nine lookups in ten miss: this small array answers them from cache instead of a trip
    /// to memory for the large one.
    pub(super) filter: Filter,
    /// `hash << 32 | postings` of each key left out for having over `MAX_POSTINGS`, sorted:
    /// an update must know when one of them drops back under the limit (see `updated`).
    pub(super) crowded: Store<u64>,
}

/// A blocked Bloom filter over 32-bit hashes: two bits a hash, both in one 64-bit word, so a
/// query reads one word; `FILTER_BITS_PER_KEY` bits a key, so about 3% of absent hashes pass.
#[derive(Debug, Default)]
pub struct Filter {
    pub(super) bits: Store<u64>,
}

impl Filter {
    /// The filter of `items`, sorted by their `hash`. A hash's bit grows with the hash, so
    /// each worker sets the bits of one stretch of the filter from one stretch of the items,
    /// in order: no write is shared, and none misses the cache.
    pub fn of_sorted<T: Sync>(items: &[T], hash: impl Fn(&T) -> u32 + Sync) -> Self {
        let mut bits = vec![0u64; (items.len() * FILTER_BITS_PER_KEY).div_ceil(64).max(1)];
        let words = bits.len();
        let per = words.div_ceil(4 * rayon::current_num_threads()).max(1);
        let word_of = |item: &T| filter_word(hash(item), words);
        bits.par_chunks_mut(per)
            .enumerate()
            .for_each(|(k, stretch)| {
                let first = k * per;
                let from = items.partition_point(|item| word_of(item) < first);
                let to = items.partition_point(|item| word_of(item) < first + stretch.len());
                for item in &items[from..to] {
                    let h = hash(item);
                    stretch[filter_word(h, words) - first] |= filter_mask(h);
                }
            });
        Filter { bits: bits.into() }
    }

    /// The filter of `hashes`, in any order: their bits are set in parallel.
    pub fn of_any(hashes: &[u32]) -> Self {
        use std::sync::atomic::{AtomicU64, Ordering};
        let words = (hashes.len() * FILTER_BITS_PER_KEY).div_ceil(64).max(1);
        let bits: Vec<AtomicU64> = (0..words).map(|_| AtomicU64::new(0)).collect();
        hashes.par_chunks(1 << 16).for_each(|chunk| {
            for &h in chunk {
                bits[filter_word(h, words)].fetch_or(filter_mask(h), Ordering::Relaxed);
            }
        });
        let bits: Vec<u64> = bits.into_iter().map(AtomicU64::into_inner).collect();
        Filter { bits: bits.into() }
    }

    /// False when `hash` is surely absent.
    pub fn may_hold(&self, hash: u32) -> bool {
        let mask = filter_mask(hash);
        self.bits[filter_word(hash, self.bits.len())] & mask == mask
    }
}

impl KeyTable {
    /// Builds the table from every (hash, posting) pair, as `hash << 32 | posting`, of
    /// `groups` groups (a term's pairs, say): `pairs(g, out)` appends those of group `g`, and
    /// may be called more than once per group (see `sorted`). Keys with more than
    /// `MAX_POSTINGS` postings say too little to be worth verifying (as SpellMapper bans its
    /// most frequent n-grams) and are left out. The sorted pairs' memory becomes the table.
    pub fn build(groups: usize, pairs: impl Fn(usize, &mut Vec<u64>) + Sync) -> Self {
        let (mut pairs, sizes) = sorted(groups, &pairs);
        let compacted: Vec<Compacted> = (split(&mut pairs, sizes.iter().copied()).into_par_iter())
            .map(compact)
            .collect();
        Self::joined(pairs, &sizes, compacted, Vec::new())
    }

    /// The table of pieces made apart: piece `k` lies at the front of the `sizes[k]` entries
    /// after the pieces before, its runs numbered from 0 in its own postings. Each piece's
    /// entries move down behind the last piece's, their postings behind its. `crowded` are
    /// more crowded keys than the pieces'; all are sorted here.
    fn joined(
        mut entries: Vec<u64>,
        sizes: &[usize],
        pieces: Vec<Compacted>,
        mut crowded: Vec<u64>,
    ) -> Self {
        let total: usize = pieces.iter().map(|p| p.entries).sum();
        let bits = (total / BUCKET).max(2).ilog2().max(MIN_DIR_BITS);
        let mut dir = vec![0u32; (1 << bits) + 1];
        let (mut kept, mut start) = (0, 0);
        let mut postings = Vec::with_capacity(pieces.iter().map(|c| c.postings.len()).sum());
        for (&size, piece) in sizes.iter().zip(pieces) {
            let base = postings.len() as u64;
            for k in 0..piece.entries {
                let entry = entries[start + k];
                let inline = entry as u32 & INLINE != 0;
                entries[kept + k] = if inline { entry } else { entry + (base << 3) };
                dir[bucket((entry >> 32) as u32, bits) + 1] += 1;
            }
            (kept, start) = (kept + piece.entries, start + size);
            postings.extend(piece.postings);
            crowded.extend(piece.crowded);
        }
        entries.truncate(kept);
        crowded.sort_unstable();
        for b in 1..dir.len() {
            dir[b] += dir[b - 1];
        }
        let filter = Filter::of_sorted(&entries, |&e| (e >> 32) as u32);
        KeyTable {
            entries: packed(entries),
            dir: dir.into(),
            bits,
            postings: postings.into(),
            filter,
            crowded: crowded.into(),
        }
    }

    /// The table after an edit of the dictionary, as `build` would make it from the edited
    /// terms: each stored posting's term renumbered by `renumber` (`None`: the term is gone
    /// or was changed), then the pairs of the new and changed terms, `added`, merged in.
    /// `gone` holds the pairs the gone and changed terms had. Both are sorted, without
    /// repeats. `None` when a crowded key would come back under `MAX_POSTINGS`: its postings
    /// were never stored, so only a build can list them.
    pub fn updated(
        &self,
        renumber: impl Fn(u32) -> Option<u32> + Sync,
        added: &[u64],
        gone: &[u64],
    ) -> Option<Self> {
        let crowded = self.recounted(added, gone)?;
        // Parts of the hash range, merged in parallel; each writes its keys at the front of
        // its share of `out`, which has room for every added pair to make a key.
        let parts = 4 * rayon::current_num_threads();
        let at = |k: usize| {
            let bound = ((k as u64) << 32) / parts as u64;
            let old = u32::try_from(bound).map_or(self.entries.len(), |b| self.first_from(b));
            (old, added.partition_point(|&p| p >> 32 < bound))
        };
        let bounds: Vec<(usize, usize)> = (0..=parts).map(at).collect();
        let sizes: Vec<usize> = (bounds.windows(2))
            .map(|w| (w[1].0 - w[0].0) + (w[1].1 - w[0].1))
            .collect();
        let mut out = vec![0u64; sizes.iter().sum()];
        let shares = split(&mut out, sizes.iter().copied());
        let pieces: Vec<Compacted> = (shares.into_par_iter().zip(bounds.par_windows(2)))
            .map(|(share, w)| {
                let old = self.unpacked(w[0].0..w[1].0);
                let mut merged = Merged::writing(share, &crowded);
                self.merge(old, &added[w[0].1..w[1].1], &renumber, &mut merged);
                merged.done
            })
            .collect();
        Some(Self::joined(out, &sizes, pieces, crowded))
    }

    /// Merges `old` entries, their postings renumbered, with the `added` pairs of the same
    /// stretch of hashes.
    fn merge(
        &self,
        old: impl Iterator<Item = u64>,
        added: &[u64],
        renumber: &impl Fn(u32) -> Option<u32>,
        out: &mut Merged,
    ) {
        let mut added = added.chunk_by(|a, b| a >> 32 == b >> 32).peekable();
        let hash_of = |group: &[u64]| (group[0] >> 32) as u32;
        let mut run = Vec::with_capacity(2 * MAX_POSTINGS);
        for entry in old {
            let hash = (entry >> 32) as u32;
            while let Some(group) = added.next_if(|g| hash_of(g) < hash) {
                out.added(group);
            }
            let slot = entry as u32;
            let more = added.next_if(|g| hash_of(g) == hash).unwrap_or_default();
            if slot & INLINE != 0 && more.is_empty() {
                // Most keys: one posting, nothing added.
                if let Some(term) = renumber((slot & !INLINE) >> 8) {
                    out.inline(hash, term << 8 | (slot & 0xff));
                }
                continue;
            }
            run.clear();
            self.push_postings(slot, &mut run);
            run.retain_mut(|p| {
                renumber(*p >> 8).is_some_and(|term| {
                    *p = term << 8 | (*p & 0xff);
                    true
                })
            });
            run.extend(more.iter().map(|&p| p as Packed));
            out.key(hash, &mut run);
        }
        added.for_each(|group| out.added(group));
    }

    /// The crowded keys' counts after the edit (keys crowded anew are found by the merge).
    fn recounted(&self, added: &[u64], gone: &[u64]) -> Option<Vec<u64>> {
        let count = |pairs: &[u64], h: u64| {
            let first = pairs.partition_point(|&p| p >> 32 < h);
            pairs[first..].iter().take_while(|&&p| p >> 32 == h).count() as u64
        };
        (self.crowded.iter())
            .map(|&c| {
                let (h, n) = (c >> 32, c & u64::from(u32::MAX));
                let n = (n + count(added, h)).checked_sub(count(gone, h))?;
                (n > MAX_POSTINGS as u64).then_some(h << 32 | n)
            })
            .collect()
    }

    /// Appends the postings of a slot: itself, inline, or its run.
    fn push_postings(&self, slot: u32, out: &mut Vec<Packed>) {
        if slot & INLINE != 0 {
            out.push(slot & !INLINE);
        } else {
            let start = (slot >> 3) as usize;
            out.extend_from_slice(&self.postings[start..start + (slot & 7) as usize + 1]);
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Where the first entry of a hash at least `hash` is.
    fn first_from(&self, hash: u32) -> usize {
        let b = bucket(hash, self.bits);
        let in_bucket = self.bucket(hash).partition_point(|e| e[0] < tag(hash));
        self.dir[b] as usize + in_bucket
    }

    /// The entries of `range` as `hash << 32 | slot`, their hashes made whole again from
    /// their buckets.
    fn unpacked(&self, range: Range<usize>) -> impl Iterator<Item = u64> + '_ {
        let below = |i: usize| self.dir.partition_point(|&d| d as usize <= i) - 1;
        let mut b = below(range.start).min(self.dir.len() - 2);
        let low = (1u64 << (32 - self.bits)) - 1;
        range.map(move |i| {
            while self.dir[b + 1] as usize <= i {
                b += 1;
            }
            let e = &self.entries[i];
            let hash = (b as u64) << (32 - self.bits) | (u64::from(e[0]) & low);
            hash << 32 | u64::from(slot_of(e))
        })
    }

    /// Appends the postings of every hash in `hashes` to `out`.
    pub fn get_all(&self, hashes: &[u32], out: &mut Vec<Packed>) {
        if self.entries.is_empty() {
            return;
        }
        for chunk in hashes.chunks(BATCH) {
            let mut present = [0u32; BATCH];
            let mut n = 0;
            for &h in chunk {
                present[n] = h;
                n += usize::from(self.filter.may_hold(h));
            }
            let mut first = [0u32; BATCH];
            // Independent loads: the CPU overlaps their misses.
            for (f, &h) in first.iter_mut().zip(&present[..n]) {
                *f = self.bucket(h).first().map_or(0, slot_of);
            }
            for (&f, &h) in first.iter().zip(&present[..n]) {
                if f != 0 {
                    self.finish(h, out);
                }
            }
        }
    }

    /// Whether a key with this hash is stored.
    pub fn holds(&self, hash: u32) -> bool {
        !self.entries.is_empty()
            && self.filter.may_hold(hash)
            && self.bucket(hash).iter().any(|e| e[0] == tag(hash))
    }

    fn bucket(&self, hash: u32) -> &[Entry] {
        let b = bucket(hash, self.bits);
        &self.entries[self.dir[b] as usize..self.dir[b + 1] as usize]
    }

    /// Completes the lookup of a hash whose bucket is not empty.
    fn finish(&self, hash: u32, out: &mut Vec<Packed>) {
        let Some(entry) = self.bucket(hash).iter().find(|e| e[0] == tag(hash)) else {
            return;
        };
        self.push_postings(slot_of(entry), out);
    }
}

/// The pairs as entries, written over the pairs' own memory: a million entries' pairs are
/// 450 MB, and a copy would need both at once.
fn packed(mut pairs: Vec<u64>) -> Store<Entry> {
    let len = pairs.len();
    for i in 0..len {
        let pair = pairs[i];
        // Entry `i` takes bytes 6i..6i+6, which hold no pair after pair `i`.
        let halves: &mut [u16] = bytemuck::cast_slice_mut(&mut pairs[..]);
        halves[3 * i..3 * i + 3].copy_from_slice(&entry(pair));
    }
    Store::over(pairs, len)
}

/// The slot of a key with these postings (sorted, distinct): the posting itself if it is
/// alone, else a run appended to `postings`; `None` for a crowded key, which is not stored.
fn slot(run: &[Packed], postings: &mut Vec<Packed>) -> Option<u32> {
    match run.len() {
        1 => Some(INLINE | run[0]),
        n if n > MAX_POSTINGS => None,
        n => {
            let first = postings.len() as u32;
            postings.extend_from_slice(run);
            Some((first << 3) | (n as u32 - 1))
        }
    }
}

/// Keys written in hash order at the front of a share of a table's entries (see
/// `KeyTable::updated`).
struct Merged<'a> {
    out: &'a mut [u64],
    done: Compacted,
    /// The crowded keys before the edit: pairs added to them stay left out.
    crowded: &'a [u64],
}

impl<'a> Merged<'a> {
    fn writing(out: &'a mut [u64], crowded: &'a [u64]) -> Self {
        Merged {
            out,
            done: Compacted::default(),
            crowded,
        }
    }

    /// A key of a lone posting.
    fn inline(&mut self, hash: u32, posting: Packed) {
        self.out[self.done.entries] = u64::from(hash) << 32 | u64::from(INLINE | posting);
        self.done.entries += 1;
    }

    /// A key of added pairs only (one hash), unless it was crowded already.
    fn added(&mut self, group: &[u64]) {
        let hash = (group[0] >> 32) as u32;
        if (self
            .crowded
            .binary_search_by_key(&hash, |&c| (c >> 32) as u32))
        .is_err()
        {
            let mut run: Vec<Packed> = group.iter().map(|&p| p as Packed).collect();
            self.key(hash, &mut run);
        }
    }

    /// Stores a key with the postings of `run` (distinct, in any order; none: no key).
    fn key(&mut self, hash: u32, run: &mut [Packed]) {
        if run.is_empty() {
            return;
        }
        run.sort_unstable();
        let hash = u64::from(hash) << 32;
        match slot(run, &mut self.done.postings) {
            Some(slot) => {
                self.out[self.done.entries] = hash | u64::from(slot);
                self.done.entries += 1;
            }
            None => self.done.crowded.push(hash | run.len() as u64),
        }
    }
}

/// What `compact` leaves of a bucket: its first `entries` pairs are its keys' entries, with
/// their runs in `postings` (numbered from 0), and `crowded` lists the keys left out.
#[derive(Default)]
struct Compacted {
    entries: usize,
    postings: Vec<Packed>,
    crowded: Vec<u64>,
}

/// A sorted bucket of pairs with each key packed into one entry at its front (repeated pairs
/// and keys with more than `MAX_POSTINGS` postings dropped).
fn compact(bucket: &mut [u64]) -> Compacted {
    let mut distinct = 0;
    for i in 0..bucket.len() {
        if distinct == 0 || bucket[i] != bucket[distinct - 1] {
            bucket[distinct] = bucket[i];
            distinct += 1;
        }
    }
    let pairs = &mut bucket[..distinct];
    let mut out = Compacted::default();
    let mut run = Vec::with_capacity(2 * MAX_POSTINGS);
    let mut start = 0;
    while start < pairs.len() {
        let hash = pairs[start] >> 32;
        let mut end = start + 1;
        while end < pairs.len() && pairs[end] >> 32 == hash {
            end += 1;
        }
        run.clear();
        run.extend(pairs[start..end].iter().map(|&p| p as Packed));
        // Runs are read before they are overwritten: `entries` never passes `start`.
        match slot(&run, &mut out.postings) {
            Some(slot) => {
                pairs[out.entries] = (hash << 32) | u64::from(slot);
                out.entries += 1;
            }
            None => out.crowded.push((hash << 32) | run.len() as u64),
        }
        start = end;
    }
    out
}

/// Buckets of the sort (see `sorted`): few enough that scattering into them keeps a write
/// position per bucket in cache, many enough that a bucket sorts within the core's cache.
const SORT_BITS: u32 = 10;

/// Every pair of the `groups` groups, sorted, and the sizes of the buckets they were sorted in
/// (no hash spans two); `pairs(g, out)` appends the pairs of group `g`.
/// The pairs are scattered by the top bits of their hash (uniform) into buckets, then each
/// bucket is sorted on its own, both in parallel: a comparison sort of the whole array took
/// longer than all the rest of the table. Each worker takes a range of the groups and fills
/// its own share of every bucket, so the pairs are made twice, once to count them and once
/// to place them: cheaper than holding them all twice.
fn sorted<P: Fn(usize, &mut Vec<u64>) + Sync>(groups: usize, pairs: &P) -> (Vec<u64>, Vec<usize>) {
    let per_part = groups.div_ceil(rayon::current_num_threads()).max(1);
    let parts: Vec<Range<usize>> = (0..groups)
        .step_by(per_part)
        .map(|start| start..(start + per_part).min(groups))
        .collect();
    let (bits, counts) = counted(&parts, pairs);
    let sizes = |b: usize| counts.iter().map(|c| c[b]).sum::<usize>();
    let mut out = vec![0u64; (0..1 << bits).map(sizes).sum()];
    // Bucket by bucket, each part's share of it: the parts write to disjoint slices.
    let shares = (0..1 << bits).flat_map(|b| counts.iter().map(move |c| c[b]));
    let mut by_part: Vec<Vec<&mut [u64]>> = parts.iter().map(|_| Vec::new()).collect();
    for (i, share) in split(&mut out, shares).into_iter().enumerate() {
        by_part[i % parts.len()].push(share);
    }
    (parts.par_iter().zip(by_part)).for_each(|(part, mut shares)| {
        let mut next = vec![0usize; 1 << bits];
        each_pair(pairs, part, |pair| {
            let b = top(pair, bits);
            shares[b][next[b]] = pair;
            next[b] += 1;
        });
    });
    let sizes: Vec<usize> = (0..1 << bits).map(sizes).collect();
    (split(&mut out, sizes.iter().copied()).into_par_iter())
        .for_each(|bucket| bucket.sort_unstable());
    (out, sizes)
}

/// The bits of the hash that pick a bucket (up to `SORT_BITS`: fewer for a small table), and
/// per part of the groups, the pairs in each bucket.
fn counted<P: Fn(usize, &mut Vec<u64>) + Sync>(
    parts: &[Range<usize>],
    pairs: &P,
) -> (u32, Vec<Vec<usize>>) {
    let counts: Vec<Vec<usize>> = (parts.par_iter())
        .map(|part| {
            let mut count = vec![0usize; 1 << SORT_BITS];
            each_pair(pairs, part, |pair| count[top(pair, SORT_BITS)] += 1);
            count
        })
        .collect();
    let total: usize = counts.iter().flatten().sum();
    let bits = (total.max(2).ilog2() / 2).clamp(1, SORT_BITS);
    let merged = (counts.iter())
        .map(|c| {
            c.chunks(1 << (SORT_BITS - bits))
                .map(|m| m.iter().sum())
                .collect()
        })
        .collect();
    (bits, merged)
}

/// Calls `f` with every pair of the groups of `part`.
fn each_pair(pairs: &impl Fn(usize, &mut Vec<u64>), part: &Range<usize>, mut f: impl FnMut(u64)) {
    let mut scratch = Vec::new();
    for g in part.clone() {
        scratch.clear();
        pairs(g, &mut scratch);
        scratch.iter().for_each(|&pair| f(pair));
    }
}

/// The top `bits` bits of a pair (of its hash).
fn top(pair: u64, bits: u32) -> usize {
    (pair >> (64 - bits)) as usize
}

/// `slice` cut into consecutive pieces of the lengths `lens`.
fn split(mut slice: &mut [u64], lens: impl Iterator<Item = usize>) -> Vec<&mut [u64]> {
    lens.map(|len| {
        let (piece, rest) = std::mem::take(&mut slice).split_at_mut(len);
        slice = rest;
        piece
    })
    .collect()
}

fn bucket(hash: u32, bits: u32) -> usize {
    (hash >> (32 - bits)) as usize
}

/// The word of a hash in a filter of `words` words: hashes are uniform, so scaling them onto
/// the filter spreads them as well as any mixing would, and keeps their order (see
/// `Filter::of_sorted`).
fn filter_word(hash: u32, words: usize) -> usize {
    ((u64::from(hash) * words as u64) >> 32) as usize
}

/// The two bits of a hash in its word, from the top bits of the hash multiplied by an odd
/// constant: a function of every bit, where the word took mostly the top ones.
fn filter_mask(hash: u32) -> u64 {
    let mixed = hash.wrapping_mul(0x9e37_79b1);
    1 << (mixed >> 26) | 1 << (mixed >> 20 & 63)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(h: u32, p: Packed) -> u64 {
        (u64::from(h) << 32) | u64::from(p)
    }

    #[test]
    fn finds_single_and_shared_keys_and_drops_crowded_ones() {
        let mut pairs = vec![
            pair(7, 0x101),
            pair(9, 0x201),
            pair(9, 0x302),
            pair(0, 0x401),
        ];
        pairs.extend((0..=MAX_POSTINGS as u32).map(|t| pair(11, (t + 1) << 8 | 1)));
        let table = KeyTable::build(2, |g, out| {
            out.extend(if g == 0 { &pairs[..2] } else { &pairs[2..] })
        });
        assert_eq!(table.len(), 3);
        let mut out = Vec::new();
        table.get_all(&[9, 7, 12345, 11, 0], &mut out);
        assert_eq!(out, [0x201, 0x302, 0x101, 0x401]);
    }

    #[test]
    fn sorts_like_a_comparison_sort_whatever_the_grouping() {
        // Sizes around the bucket count's steps, hashes crowding the top bits or spread.
        for n in [0usize, 1, 2, 3, 63, 64, 65, 1000, 70_000] {
            let mut state = n as u64 + 1;
            let pairs: Vec<u64> = (0..n)
                .map(|i| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    if i % 3 == 0 { state >> 40 } else { state }
                })
                .collect();
            let mut expected = pairs.clone();
            expected.sort_unstable();
            for groups in [1, 2, 7, n.max(1)] {
                let per = n.div_ceil(groups).max(1);
                let (got, sizes) = sorted(groups, &|g, out: &mut Vec<u64>| {
                    out.extend(pairs.iter().skip(g * per).take(per))
                });
                assert_eq!(sizes.iter().sum::<usize>(), n);
                assert_eq!(got, expected, "{n} pairs in {groups} groups");
            }
        }
    }

    #[test]
    fn keys_of_several_postings_in_every_bucket_keep_theirs() {
        // Hashes spread over every bucket of the sort; key k has k % 12 postings (0: none,
        // over `MAX_POSTINGS`: crowded, dropped), each pair given twice.
        let hash = |k: u32| k.wrapping_mul(0x9e37_79b1) | 1;
        let postings = |k: u32| (1..=k % 12).map(move |t| (t << 8) | 1);
        let pairs: Vec<u64> = (0..20_000u32)
            .flat_map(|k| postings(k).map(move |p| pair(hash(k), p)))
            .flat_map(|p| [p, p])
            .collect();
        let table = KeyTable::build(7, |g, out| out.extend(pairs.iter().skip(g).step_by(7)));
        for k in 0..20_000u32 {
            let mut out = Vec::new();
            table.get_all(&[hash(k)], &mut out);
            let expected: Vec<Packed> = if k % 12 > MAX_POSTINGS as u32 {
                Vec::new()
            } else {
                postings(k).collect()
            };
            assert_eq!(out, expected, "key {k}");
        }
    }

    #[test]
    fn a_table_updated_is_the_table_built_whatever_its_size() {
        // Past 2^20 keys the directory takes over 16 bits of a hash, and entries keep fewer.
        for keys in [1_000u32, 1_100_000] {
            let hash = |k: u32| k.wrapping_mul(0x9e37_79b1);
            // Two postings a key, mostly: terms 2k and 2k + 1.
            let pairs = |terms: Range<u32>| -> Vec<u64> {
                let mut pairs: Vec<u64> =
                    terms.map(|t| pair(hash(t / 2), (t + 1) << 8 | 1)).collect();
                pairs.sort_unstable();
                pairs
            };
            let (old, all) = (pairs(0..2 * keys), pairs(0..2 * keys + keys / 5));
            let added = pairs(2 * keys..2 * keys + keys / 5);
            let before = KeyTable::build(1, |_, out| out.extend(&old));
            let updated = before.updated(Some, &added, &[]).unwrap();
            let built = KeyTable::build(1, |_, out| out.extend(&all));
            assert!(built.bits > MIN_DIR_BITS || keys < 1 << 20);
            assert_eq!(updated.entries[..], built.entries[..], "{keys} keys");
            assert_eq!(updated.dir[..], built.dir[..]);
            assert_eq!(updated.postings[..], built.postings[..]);
            assert_eq!(updated.filter.bits[..], built.filter.bits[..]);
            let unpacked: Vec<u64> = built.unpacked(0..built.len()).collect();
            let mut out = Vec::new();
            for &e in &unpacked[..1000] {
                built.push_postings(e as u32, &mut out);
            }
            let mut expected = Vec::new();
            built.get_all(
                &unpacked[..1000]
                    .iter()
                    .map(|&e| (e >> 32) as u32)
                    .collect::<Vec<_>>(),
                &mut expected,
            );
            assert_eq!(out, expected, "entries unpacked to their own hashes");
        }
    }

    #[test]
    fn the_filter_holds_every_hash_and_lets_few_others_through() {
        let mut state = 7u32;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state
        };
        let held: Vec<u32> = (0..200_000).map(|_| next()).collect();
        let mut sorted = held.clone();
        sorted.sort_unstable();
        for filter in [Filter::of_any(&held), Filter::of_sorted(&sorted, |&h| h)] {
            assert!(held.iter().all(|&h| filter.may_hold(h)));
            let probes = 1_000_000;
            let passed = (0..probes).filter(|_| filter.may_hold(next())).count();
            let rate = passed as f64 / probes as f64;
            assert!(rate < 0.04, "{rate} of absent hashes pass");
        }
    }

    #[test]
    fn probes_past_collisions() {
        let pairs: Vec<u64> = (1..=2000u32).rev().map(|h| pair(h, h << 8 | 1)).collect();
        let table = KeyTable::build(1, |_, out| out.extend(&pairs));
        let hashes: Vec<u32> = (1..=2000).collect();
        let mut out = Vec::new();
        table.get_all(&hashes, &mut out);
        assert_eq!(out, (1..=2000u32).map(|h| h << 8 | 1).collect::<Vec<_>>());
    }
}
