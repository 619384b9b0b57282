//! The retrieval key table: 32-bit key hashes → postings, in flat arrays.
//!
//! One sorted array of `hash << 32 | slot` words and a directory of buckets by the hash's top
//! bits: 9 bytes a key (a general hash map spends 13), built in place from the sorted pairs,
//! and flat, so it can be written to disk as it is. A query looks up some twenty delete
//! variants at once: a small filter drops most of them from cache, and the first entry of
//! each remaining bucket is loaded before any is compared, so their cache misses overlap.

use super::store::Store;
use rayon::slice::ParallelSliceMut;

/// A posting packed in 32 bits: term id in bits 8..31, first word in 4..8, end word in 0..4.
/// Never 0 (the end word is past the first).
pub type Packed = u32;

/// Marks a slot holding its key's only posting (most keys have one).
const INLINE: u32 = 1 << 31;
/// Most postings a key may have; keys with more are not stored (see `KeyTable::build`).
pub const MAX_POSTINGS: usize = 8;
/// Filter bits per stored key: 16 lets about 6% of absent keys through.
const FILTER_BITS_PER_KEY: usize = 16;
/// Keys per directory bucket, on average.
const BUCKET: usize = 4;
/// Queries' hashes are looked up in chunks of this many.
const BATCH: usize = 32;

#[derive(Debug, Default)]
pub struct KeyTable {
    /// `hash << 32 | slot`, sorted by hash. `slot` is an inline posting (`INLINE` set) or a
    /// run in `postings`: start in bits 3..31, length - 1 in bits 0..3. Never 0.
    pub(super) entries: Store<u64>,
    /// Bucket `b` (the top `bits` bits of a hash) holds `entries[dir[b]..dir[b + 1]]`.
    pub(super) dir: Store<u32>,
    pub(super) bits: u32,
    pub(super) postings: Store<Packed>,
    /// Nine lookups in ten miss: this small array answers them from cache instead of a trip
    /// to memory for the large one.
    pub(super) filter: Filter,
}

/// A one-hash Bloom filter over 32-bit hashes: `FILTER_BITS_PER_KEY` bits a key, so about 6%
/// of absent hashes pass.
#[derive(Debug, Default)]
pub struct Filter {
    pub(super) bits: Store<u64>,
}

impl Filter {
    pub fn new(hashes: impl ExactSizeIterator<Item = u32>) -> Self {
        let mut bits = vec![0u64; (hashes.len() * FILTER_BITS_PER_KEY).div_ceil(64).max(1)];
        let words = bits.len();
        for h in hashes {
            let bit = filter_bit(h, words);
            bits[bit / 64] |= 1 << (bit % 64);
        }
        Filter { bits: bits.into() }
    }

    /// False when `hash` is surely absent.
    pub fn may_hold(&self, hash: u32) -> bool {
        let bit = filter_bit(hash, self.bits.len());
        self.bits[bit / 64] >> (bit % 64) & 1 == 1
    }
}

impl KeyTable {
    /// Builds the table from every (hash, posting) pair, as `hash << 32 | posting`. Keys with
    /// more than `MAX_POSTINGS` postings say too little to be worth verifying (as SpellMapper
    /// bans its most frequent n-grams) and are left out. The pairs' memory becomes the table.
    pub fn build(mut pairs: Vec<u64>) -> Self {
        pairs.par_sort_unstable();
        pairs.dedup();
        let mut postings = Vec::new();
        let mut kept = 0;
        let mut start = 0;
        while start < pairs.len() {
            let hash = pairs[start] >> 32;
            let mut end = start + 1;
            while end < pairs.len() && pairs[end] >> 32 == hash {
                end += 1;
            }
            let run = start..end;
            start = end;
            if run.len() > MAX_POSTINGS {
                continue;
            }
            let slot = if run.len() == 1 {
                INLINE | pairs[run.start] as u32
            } else {
                let first = postings.len() as u32;
                postings.extend(pairs[run.clone()].iter().map(|&p| p as u32));
                (first << 3) | (run.len() as u32 - 1)
            };
            // Runs are read before they are overwritten: `kept` never passes `run.start`.
            pairs[kept] = (hash << 32) | u64::from(slot);
            kept += 1;
        }
        pairs.truncate(kept);
        let entries = pairs.into_boxed_slice();
        let bits = (entries.len() / BUCKET).max(2).ilog2();
        let mut dir = vec![0u32; (1 << bits) + 1];
        for &e in &entries {
            dir[bucket((e >> 32) as u32, bits) + 1] += 1;
        }
        for b in 1..dir.len() {
            dir[b] += dir[b - 1];
        }
        let filter = Filter::new(entries.iter().map(|&e| (e >> 32) as u32));
        KeyTable {
            entries: entries.into(),
            dir: dir.into(),
            bits,
            postings: postings.into(),
            filter,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
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
            let mut first = [0u64; BATCH];
            // Independent loads: the CPU overlaps their misses.
            for (f, &h) in first.iter_mut().zip(&present[..n]) {
                *f = self.bucket(h).first().copied().unwrap_or(0);
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
            && self.bucket(hash).iter().any(|&e| (e >> 32) as u32 == hash)
    }

    fn bucket(&self, hash: u32) -> &[u64] {
        let b = bucket(hash, self.bits);
        &self.entries[self.dir[b] as usize..self.dir[b + 1] as usize]
    }

    /// Completes the lookup of a hash whose bucket is not empty.
    fn finish(&self, hash: u32, out: &mut Vec<Packed>) {
        let Some(&entry) = self
            .bucket(hash)
            .iter()
            .find(|&&e| (e >> 32) as u32 == hash)
        else {
            return;
        };
        let slot = entry as u32;
        if slot & INLINE != 0 {
            out.push(slot & !INLINE);
        } else {
            let start = (slot >> 3) as usize;
            out.extend_from_slice(&self.postings[start..start + (slot & 7) as usize + 1]);
        }
    }
}

fn bucket(hash: u32, bits: u32) -> usize {
    (hash >> (32 - bits)) as usize
}

fn filter_bit(hash: u32, words: usize) -> usize {
    // Multiply-shift maps the hash onto the filter; the multiplier keeps the filter from
    // agreeing with the directory, which uses the top bits as they are.
    let spread = hash.wrapping_mul(0x85eb_ca6b);
    ((u64::from(spread) * (words as u64 * 64)) >> 32) as usize
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
        let table = KeyTable::build(pairs);
        assert_eq!(table.len(), 3);
        let mut out = Vec::new();
        table.get_all(&[9, 7, 12345, 11, 0], &mut out);
        assert_eq!(out, [0x201, 0x302, 0x101, 0x401]);
    }

    #[test]
    fn probes_past_collisions() {
        let pairs: Vec<u64> = (1..=2000u32).map(|h| pair(h, h << 8 | 1)).collect();
        let table = KeyTable::build(pairs);
        let hashes: Vec<u32> = (1..=2000).collect();
        let mut out = Vec::new();
        table.get_all(&hashes, &mut out);
        assert_eq!(out, (1..=2000u32).map(|h| h << 8 | 1).collect::<Vec<_>>());
    }
}
