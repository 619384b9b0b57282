//! Exact names: the spelling keys of the canonical names (or of the aliases) → their terms,
//! gathered as the terms are prepared (`Gathering`), then made into tables (`Names`).
//!
//! A table of sorted arrays, not a hash map: in a cache file it is used where it lies, as the
//! key table is (see `store`), so a run reads the few names its transcript spells and
//! nothing else. A million entries' names, decoded into a map at every load, held some
//! 150 MB and a third of the load's time.

use rustc_hash::FxHashMap;

use super::index::{Term, glued_ortho};
use super::normalize::tokenize;
use super::store::{self, Store};
use crate::dictionary::Entry;

/// Names sorted by the hash of their key (then by key), each with its terms, in order.
#[derive(Debug, Default)]
pub(crate) struct Names {
    pub hashes: Store<u64>,
    /// Name `i`'s key is `keys[key_ends[i - 1]..key_ends[i]]` (from 0 for the first).
    pub key_ends: Store<u64>,
    pub keys: Store<u8>,
    /// Name `i`'s terms are `terms[term_ends[i - 1]..term_ends[i]]`.
    pub term_ends: Store<u64>,
    pub terms: Store<u32>,
}

/// Names as a build gathers them: key → terms, in order.
pub(crate) type Gathered = FxHashMap<String, Vec<u32>>;

/// The exact names of terms as they are prepared, before they become tables.
#[derive(Default)]
pub(crate) struct Gathering {
    pub canonical: Gathered,
    pub aliases: Gathered,
}

impl Gathering {
    /// The term's canonical name and aliases; terms are added in order.
    pub fn add(&mut self, id: u32, term: &Term, entry: &Entry) {
        let canonical = self.canonical.entry(term.ortho.to_string()).or_default();
        canonical.push(id);
        for alias in &entry.aliases {
            let key = glued_ortho(&tokenize(alias, 0));
            if !key.is_empty() {
                let ids = self.aliases.entry(key).or_default();
                // Two aliases of one term may have one key.
                if ids.last() != Some(&id) {
                    ids.push(id);
                }
            }
        }
    }
}

fn hash(key: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(key)
}

impl Names {
    /// The table of `gathered`.
    pub fn of(gathered: Gathered) -> Names {
        let mut sorted: Vec<(u64, String, Vec<u32>)> = (gathered.into_iter())
            .map(|(key, terms)| (hash(key.as_bytes()), key, terms))
            .collect();
        sorted.sort_unstable();
        let mut making = Making::default();
        for (h, key, terms) in &sorted {
            making.push(*h, key.as_bytes(), terms);
        }
        making.done()
    }

    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// The terms whose name has the spelling key `key`, in order.
    pub fn get(&self, key: &str) -> Option<&[u32]> {
        let h = hash(key.as_bytes());
        let first = self.hashes.partition_point(|&x| x < h);
        (first..self.len())
            .take_while(|&i| self.hashes[i] == h)
            .find(|&i| self.key(i) == key.as_bytes())
            .map(|i| self.terms_of(i))
            .filter(|terms| !terms.is_empty())
    }

    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Every key, in the table's order.
    pub fn keys(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len()).map(|i| self.key(i))
    }

    fn key(&self, i: usize) -> &[u8] {
        store::item(&self.keys, &self.key_ends, i)
    }

    fn terms_of(&self, i: usize) -> &[u32] {
        store::item(&self.terms, &self.term_ends, i)
    }

    /// Whether the arrays have one end per name (the ends themselves: see `store::item`).
    pub fn whole(&self) -> bool {
        self.key_ends.len() == self.len() && self.term_ends.len() == self.len()
    }

    /// The table with its terms renumbered (`new_of`; `gone` for a term left out) and the
    /// names of `added` merged in: the table a build of the same names makes.
    pub fn updated(&self, new_of: &[u32], gone: u32, added: Gathered) -> Names {
        let added = Names::of(added);
        let mut making = Making::default();
        let mut terms = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < self.len() || j < added.len() {
            let old = (i < self.len()).then(|| (self.hashes[i], self.key(i)));
            let new = (j < added.len()).then(|| (added.hashes[j], added.key(j)));
            terms.clear();
            let (h, key) = match (old, new) {
                (Some(o), Some(n)) if n < o => n,
                (Some(o), _) => o,
                (None, Some(n)) => n,
                (None, None) => unreachable!("one of the tables has names left"),
            };
            if old == Some((h, key)) {
                let renumbered = self.terms_of(i).iter().map(|&t| new_of[t as usize]);
                terms.extend(renumbered.filter(|&t| t != gone));
                i += 1;
            }
            if new == Some((h, key)) {
                terms.extend_from_slice(added.terms_of(j));
                j += 1;
            }
            terms.sort_unstable();
            if !terms.is_empty() {
                making.push(h, key, &terms);
            }
        }
        making.done()
    }
}

/// A table's arrays, filled name by name in the table's order.
#[derive(Default)]
struct Making {
    hashes: Vec<u64>,
    key_ends: Vec<u64>,
    keys: Vec<u8>,
    term_ends: Vec<u64>,
    terms: Vec<u32>,
}

impl Making {
    fn push(&mut self, hash: u64, key: &[u8], terms: &[u32]) {
        self.hashes.push(hash);
        self.keys.extend_from_slice(key);
        self.key_ends.push(self.keys.len() as u64);
        self.terms.extend_from_slice(terms);
        self.term_ends.push(self.terms.len() as u64);
    }

    fn done(self) -> Names {
        Names {
            hashes: self.hashes.into(),
            key_ends: self.key_ends.into(),
            keys: self.keys.into(),
            term_ends: self.term_ends.into(),
            terms: self.terms.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gathered(pairs: &[(&str, &[u32])]) -> Gathered {
        (pairs.iter())
            .map(|(k, t)| (k.to_string(), t.to_vec()))
            .collect()
    }

    #[test]
    fn a_name_finds_its_terms_and_no_other_key_does() {
        let names = Names::of(gathered(&[("adalovelace", &[0, 3]), ("ada", &[1])]));
        assert!(names.whole());
        assert_eq!(names.get("adalovelace"), Some(&[0, 3][..]));
        assert_eq!(names.get("ada"), Some(&[1][..]));
        assert_eq!(names.get("adalovelac"), None);
        assert_eq!(names.get(""), None);
        assert!(!names.contains("lovelace"));
        let mut keys: Vec<&[u8]> = names.keys().collect();
        keys.sort();
        assert_eq!(keys, [&b"ada"[..], b"adalovelace"]);
    }

    #[test]
    fn an_updated_table_is_the_table_of_the_same_names() {
        let before = Names::of(gathered(&[("a", &[0]), ("b", &[1, 2]), ("c", &[3])]));
        // Term 1 is gone, 0 and 2 swap places, 3 stays; "b" and "d" gain the new term 4.
        let gone = u32::MAX;
        let new_of = [2, gone, 0, 3];
        let updated = before.updated(&new_of, gone, gathered(&[("b", &[4]), ("d", &[4])]));
        let expected = Names::of(gathered(&[
            ("a", &[2]),
            ("b", &[0, 4]),
            ("c", &[3]),
            ("d", &[4]),
        ]));
        assert!(updated.whole());
        assert_eq!(format!("{updated:?}"), format!("{expected:?}"));
        let emptied = before.updated(&[gone; 4], gone, Gathered::default());
        assert_eq!(emptied.len(), 0, "a name without terms is left out");
    }

    #[test]
    fn arrays_that_do_not_describe_a_table_read_as_no_names() {
        let mut names = Names::of(gathered(&[("ada", &[1]), ("grace", &[2])]));
        names.key_ends = vec![3].into();
        assert!(!names.whole(), "an end missing");
        let mut names = Names::of(gathered(&[("ada", &[1])]));
        names.term_ends = vec![2].into();
        assert!(names.whole());
        assert_eq!(names.get("ada"), None, "terms past the end");
    }
}
