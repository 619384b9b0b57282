//! The retrieval key table: 32-bit key hashes → postings, in two flat arrays.
//!
//! Open addressing with linear probing over one array of `hash << 32 | slot` words, sized to
//! the keys rather than to a power of two (8 bytes a key at 80% load, where a general map
//! spends 13). A query looks up some twenty delete variants at once: the first slot of each
//! is loaded before any is compared, so their cache misses overlap instead of queueing.

/// A posting packed in 32 bits: term id in bits 8..31, first word in 4..8, end word in 0..4.
/// Never 0 (the end word is past the first).
pub type Packed = u32;

/// Marks a slot holding its key's only posting (most keys have one).
const INLINE: u32 = 1 << 31;
/// Most postings a key may have; keys with more are not stored (see `KeyTable::build`).
pub const MAX_POSTINGS: usize = 8;
/// Slots per key: lower means less memory and longer probe runs.
const LOAD: f64 = 0.8;
/// Filter bits per stored key: 16 lets about 6% of absent keys through.
const FILTER_BITS_PER_KEY: usize = 16;
/// Queries' hashes are looked up in chunks of this many.
const BATCH: usize = 32;

#[derive(Debug, Default)]
pub struct KeyTable {
    /// `hash << 32 | slot`, 0 when empty. `slot` is an inline posting (`INLINE` set) or a run
    /// in `postings`: start in bits 3..31, length - 1 in bits 0..3.
    slots: Box<[u64]>,
    postings: Box<[Packed]>,
    /// One bit per `FILTER_BITS_PER_KEY` slots of hash space: a key is stored only if its bit
    /// is set. Nine lookups in ten miss; this small array answers them from cache instead of
    /// a trip to memory for the large one.
    filter: Box<[u64]>,
    keys: usize,
}

impl KeyTable {
    /// Builds the table from every (hash, posting) pair, as `hash << 32 | posting`. Keys with
    /// more than `MAX_POSTINGS` postings say too little to be worth verifying (as SpellMapper
    /// bans its most frequent n-grams) and are left out.
    pub fn build(mut pairs: Vec<u64>) -> Self {
        for pair in &mut pairs {
            *pair |= u64::from(*pair >> 32 == 0) << 32; // hash 0 is stored as 1
        }
        pairs.sort_unstable();
        pairs.dedup();
        let runs = || pairs.chunk_by(|a, b| a >> 32 == b >> 32);
        let kept = || runs().filter(|run| run.len() <= MAX_POSTINGS);
        let keys = kept().count();
        let shared: usize = kept().filter(|r| r.len() > 1).map(<[u64]>::len).sum();
        let capacity = ((keys as f64 / LOAD) as usize).max(8);
        let mut table = KeyTable {
            slots: vec![0; capacity].into(),
            postings: Box::default(),
            filter: vec![0; (keys * FILTER_BITS_PER_KEY).div_ceil(64).max(1)].into(),
            keys,
        };
        let mut postings = Vec::with_capacity(shared);
        for run in kept() {
            let hash = (run[0] >> 32) as u32;
            let slot = if let [single] = run {
                INLINE | *single as u32
            } else {
                let start = postings.len() as u32;
                postings.extend(run.iter().map(|&pair| pair as u32));
                (start << 3) | (run.len() as u32 - 1)
            };
            table.insert(hash, slot);
        }
        table.postings = postings.into();
        table
    }

    pub fn len(&self) -> usize {
        self.keys
    }

    fn insert(&mut self, hash: u32, slot: u32) {
        let bit = self.filter_bit(hash);
        self.filter[bit / 64] |= 1 << (bit % 64);
        let mut i = self.home(hash);
        while self.slots[i] != 0 {
            i = self.next(i);
        }
        self.slots[i] = (u64::from(hash) << 32) | u64::from(slot);
    }

    /// Appends the postings of every hash in `hashes` to `out`.
    pub fn get_all(&self, hashes: &[u32], out: &mut Vec<Packed>) {
        if self.slots.is_empty() {
            return;
        }
        for chunk in hashes.chunks(BATCH) {
            let mut present = [0u32; BATCH];
            let mut n = 0;
            for &h in chunk {
                let h = stored_hash(h);
                let bit = self.filter_bit(h);
                present[n] = h;
                n += usize::from(self.filter[bit / 64] >> (bit % 64) & 1 == 1);
            }
            let mut first = [0u64; BATCH];
            // Independent loads: the CPU overlaps their misses.
            for (f, &h) in first.iter_mut().zip(&present[..n]) {
                *f = self.slots[self.home(h)];
            }
            for (&f, &h) in first.iter().zip(&present[..n]) {
                self.finish(h, f, out);
            }
        }
    }

    /// Completes one lookup whose home slot held `first`.
    fn finish(&self, hash: u32, first: u64, out: &mut Vec<Packed>) {
        let mut word = first;
        let mut i = self.home(hash);
        while word != 0 {
            if (word >> 32) as u32 == hash {
                let slot = word as u32;
                if slot & INLINE != 0 {
                    out.push(slot & !INLINE);
                } else {
                    let start = (slot >> 3) as usize;
                    out.extend_from_slice(&self.postings[start..start + (slot & 7) as usize + 1]);
                }
                return;
            }
            i = self.next(i);
            word = self.slots[i];
        }
    }

    fn home(&self, hash: u32) -> usize {
        // Multiply-shift maps the hash onto any table size; the multiplier spreads close hashes.
        let spread = hash.wrapping_mul(0x9e37_79b1);
        ((u64::from(spread) * self.slots.len() as u64) >> 32) as usize
    }

    fn filter_bit(&self, hash: u32) -> usize {
        // A different multiplier from `home`: the filter and the table must not agree on
        // which hashes cluster.
        let spread = hash.wrapping_mul(0x85eb_ca6b);
        ((u64::from(spread) * (self.filter.len() as u64 * 64)) >> 32) as usize
    }

    fn next(&self, i: usize) -> usize {
        if i + 1 == self.slots.len() { 0 } else { i + 1 }
    }
}

/// 0 marks an empty slot, so hash 0 is stored as 1 (a collision only adds a hit that the
/// resemblance check drops).
fn stored_hash(h: u32) -> u32 {
    h.max(1)
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
