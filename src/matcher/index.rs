//! The dictionary prepared for matching: per-entry keys and readings, and the retrieval index.
//!
//! Retrieval is a symmetric-delete index (SymSpell) over spelling keys and phoneme keys of
//! each term word and of the whole term glued together. Both sides generate their
//! one-deletion variants, so any key within about two edits of a query is found with a
//! handful of hash probes, never a scan of the dictionary.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::align::{similarity, similarity_at_most};
use super::keys::{Filter, KeyTable, Packed};
use super::names::{Gathering, Names};
use super::store::Store;
use super::termkeys::{self, TermKeys};
use super::terms::Terms;

use super::lexicon::Lang;
use super::normalize::{Case, Gap, Interner, Token, tokenize, tokenize_shared};
use super::said::Said;
use crate::dictionary::{Dictionary, Entry, Kind, Origin};

/// Function words and name particles: never enough, alone, to tie a window to a term.
const PARTICLES: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "sur", "the",
    "of", "and", "an", "for", "on", "in", "at", "van", "von", "der", "den", "da", "di", "del",
    "della", "dos", "das", "y", "al", "el", "bin", "ibn", "o", "st", "saint", "sainte",
];

/// Top-level domains: the tail of a web address says little about which address it is.
const TLDS: &[&str] = &[
    "com", "org", "net", "fr", "eu", "gov", "gouv", "co", "io", "uk", "ca", "de", "be", "ch",
    "info", "edu", "int", "asso", "tv", "ai", "dev", "app",
];

/// A phonetic reading of a whole term: phonemes and the end offset of each word.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Reading {
    pub lang: Lang,
    /// Decoded as one copy, not byte by byte; encoded as a sequence of bytes would be.
    #[serde(with = "serde_bytes")]
    pub phonemes: Box<[u8]>,
    pub ends: Box<[usize]>,
}

impl Reading {
    /// Phonemes of the term words `words`.
    pub fn words(&self, words: std::ops::Range<usize>) -> &[u8] {
        let start = if words.start == 0 {
            0
        } else {
            self.ends[words.start - 1]
        };
        &self.phonemes[start..self.ends[words.end - 1]]
    }
}

/// One dictionary entry, prepared. Boxed slices, not vectors: a 100,000-entry dictionary
/// holds a few hundred thousand of them, and spare capacity adds up.
#[derive(Debug)]
pub struct Term {
    /// Canonical name, trimmed: token spans point into it.
    pub name: Box<str>,
    pub kind: Kind,
    pub tokens: Box<[Token]>,
    /// Spelling key of the whole term, separators removed.
    pub ortho: Box<str>,
    /// Which words can tie a window to this term (not particles, not a domain's tail).
    pub distinctive: Box<[bool]>,
    pub readings: Box<[Reading]>,
    pub lang: Option<Lang>,
    /// Ends with a dot and a top-level domain.
    pub domain: bool,
    /// Spelling keys of `never` forms.
    pub never: Box<[Box<str>]>,
    /// The same forms word by word (spelling keys joined by spaces): "le vin" is not "Levin".
    pub never_words: Box<[Box<str>]>,
    pub note: Option<Box<str>>,
    pub origin: Option<Box<Origin>>,
}

impl Term {
    pub fn distinctive_count(&self) -> usize {
        self.distinctive.iter().filter(|&&d| d).count()
    }

    /// Whether `ortho` is the spelling key of one of the term's `never` forms.
    pub fn never_says(&self, ortho: &str) -> bool {
        self.never.iter().any(|n| &**n == ortho)
    }
}

/// Which token range of which term a retrieval key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Posting {
    pub term: u32,
    pub first: u8,
    pub end: u8,
}

/// The dictionary, prepared for retrieval. Built once, shared by every transcript.
#[derive(Debug, Default)]
pub struct Index {
    pub(crate) terms: Terms,
    /// Spelling key (separators removed) of canonical names → terms.
    pub(crate) canonical: Names,
    /// Spelling key of aliases → terms.
    pub(crate) aliases: Names,
    /// Delete-variant hash (folded to 32 bits: a rare collision only adds a hit that the
    /// resemblance check drops) → postings.
    pub(super) keys: KeyTable,
    /// The terms' keys, packed for the retrieval check.
    pub(super) term_keys: TermKeys,
    /// Hashes of the keys of `canonical` and `aliases`: most windows are neither, and this
    /// says so from cache.
    pub(super) exact_keys: Filter,
    /// Hashes of every proper prefix of those keys: a window whose spelling starts no name
    /// cannot grow into one, so the scan for exact names stops there.
    pub(super) exact_prefixes: Filter,
    /// Longest spelling key of a canonical name or alias: bounds exact windows.
    pub(crate) max_glued: usize,
    /// Per term, what it was made from: the hash of its entry, origin aside (see `update`).
    pub(super) fingerprints: Store<u64>,
    /// Tells this index from any other for caches of its lookups (an address may be reused).
    pub(crate) id: u64,
}

/// The hash of a whole spelling key, as `KeyHash` makes it byte by byte.
fn hash_of(key: &[u8]) -> u32 {
    let mut h = KeyHash::default();
    h.push(key);
    h.value()
}

/// A new `Index::id`.
pub(crate) fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Hits whose keys resemble the query less than this are retrieval noise.
const MIN_RESEMBLANCE: f64 = 0.6;
/// Most terms a build indexes: the term id has 23 bits in an inline slot.
pub const MAX_TERMS: usize = 1 << 23;
/// Keys shorter than this are matched exactly; deletes of tiny keys match everything.
const MIN_FUZZY_KEY: usize = 4;
/// Glued keys are cut to this many symbols: errors near the start still land in the prefix.
const GLUED_PREFIX: usize = 10;

impl Index {
    /// Prepares every entry of `dictionary`. The terms' readings and retrieval keys, most of
    /// the work, are computed in parallel (rayon's pool); the result is the same whatever
    /// the threads.
    pub fn build(dictionary: &Dictionary) -> Self {
        let mut index = Index {
            id: next_id(),
            ..Index::default()
        };
        // Each worker remembers the words' readings while the build's tokens hold the words.
        let prepared: Vec<(&Entry, Term, u64)> = (tokenized(dictionary).into_par_iter())
            .map_init(Said::default, |said, (entry, tokens)| {
                (entry, prepare(entry, tokens, said), entry.fingerprint())
            })
            .collect();
        let mut terms = Vec::with_capacity(prepared.len());
        let mut fingerprints = Vec::with_capacity(prepared.len());
        let mut term_keys = termkeys::Making::default();
        let mut names = Gathering::default();
        for (id, (entry, term, fingerprint)) in prepared.into_iter().enumerate() {
            names.add(id as u32, &term, entry);
            term_keys.push(&term);
            terms.push(term);
            fingerprints.push(fingerprint);
        }
        index.term_keys = term_keys.done();
        index.keys = KeyTable::build(terms.len(), |id, out| {
            push_pairs(id as u32, &terms[id], out)
        });
        index.terms = Terms::Built(terms);
        index.fingerprints = fingerprints.into();
        index.canonical = Names::of(names.canonical);
        index.aliases = Names::of(names.aliases);
        index.names_done();
        index
    }

    /// Once the tables of exact names are made: the longest name, and the filters of exact
    /// lookups.
    pub(super) fn names_done(&mut self) {
        let keys: Vec<&[u8]> = self.canonical.keys().chain(self.aliases.keys()).collect();
        self.max_glued = keys.iter().map(|k| k.len()).max().unwrap_or(0);
        let exact: Vec<u32> = keys.par_iter().map(|key| hash_of(key)).collect();
        // A million entries have some fifteen million prefixes: hashed in parallel.
        let prefixes: Vec<u32> = (keys.par_iter())
            .flat_map_iter(|key| {
                let before_each = key.iter().scan(KeyHash::default(), |h, &b| {
                    let before = (h.len() > 0).then(|| h.value());
                    h.push(&[b]);
                    Some(before)
                });
                before_each.flatten()
            })
            .collect();
        self.exact_keys = Filter::of_any(&exact);
        self.exact_prefixes = Filter::of_any(&prefixes);
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Renames the dictionary files the terms come from, as a cache read back names them
    /// (see [`Index::write_cache_naming`]): `rename` gives a file's name for this run, or
    /// `None` to keep it.
    pub fn rename_origins(&mut self, rename: &dyn Fn(&Path) -> Option<PathBuf>) {
        self.terms.rename_origins(rename);
    }

    /// False when no canonical name or alias has the spelling key hashed in `h`.
    pub(crate) fn may_be_exact(&self, h: &KeyHash) -> bool {
        self.exact_keys.may_hold(h.value())
    }

    /// False when no canonical name or alias has a longer spelling key starting with the one
    /// hashed in `h`.
    pub(crate) fn may_grow_exact(&self, h: &KeyHash) -> bool {
        self.exact_prefixes.may_hold(h.value())
    }

    /// Whether `name` is, once case, accents and separators are set aside, the canonical
    /// name or an alias of a term.
    pub fn knows(&self, name: &str) -> bool {
        let key = glued_ortho(&tokenize(name, 0));
        self.canonical.contains(&key) || self.aliases.contains(&key)
    }

    /// Canonical names of the terms, in dictionary order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().map(|t| &*t.name)
    }

    /// Spelling keys of every alias.
    pub fn alias_keys(&self) -> impl Iterator<Item = &str> {
        (self.aliases.keys()).filter_map(|key| std::str::from_utf8(key).ok())
    }

    /// Distinct retrieval keys stored (delete variants included).
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub(crate) fn term(&self, id: u32) -> &Term {
        self.terms.get(id)
    }

    /// Postings of `key` whose term words really resemble it: the delete index over-generates
    /// on short keys, and a cheap edit distance here saves an alignment per false hit.
    pub(crate) fn candidates(
        &self,
        key: &[u8],
        words: usize,
        fuzzy: bool,
        scratch: &mut Scratch,
        out: &mut Vec<Posting>,
    ) {
        let Scratch { hashes, packed } = scratch;
        hashes.clear();
        if fuzzy {
            query_hashes(key, words, |h| hashes.push(h));
        } else {
            hashes.push(exact_hash(key));
        }
        packed.clear();
        self.keys.get_all(hashes, packed);
        // Packed order is (term, first, end) order.
        packed.sort_unstable();
        packed.dedup();
        self.warm_term_keys(packed);
        out.clear();
        out.extend(
            packed
                .iter()
                .map(|&p| unpack(p))
                .filter(|p| self.resembles(p, key)),
        );
    }

    /// Reads the first byte of the term keys behind every posting before any is compared. The
    /// keys of 100,000 terms lie at random places in memory: read one at a time between
    /// comparisons, each waits for its cache miss; read here, back to back, the misses overlap.
    fn warm_term_keys(&self, packed: &[Packed]) {
        let touched = packed.iter().fold(0u8, |acc, &p| {
            acc ^ self.term_keys.first_byte(unpack(p).term)
        });
        std::hint::black_box(touched);
    }

    /// Whether some key of the table has the hash `hash` (see `exact_hash`).
    pub(crate) fn holds(&self, hash: u32) -> bool {
        self.keys.holds(hash)
    }

    /// Whether a query key's similarity to the term key behind a posting (for a sound key,
    /// to one of the readings' keys) reaches `MIN_RESEMBLANCE`.
    fn resembles(&self, p: &Posting, key: &[u8]) -> bool {
        let keys = self.term_keys.of(p.term);
        let (kind, query) = (key[0], &key[1..]);
        let range = usize::from(p.first)..usize::from(p.end);
        let whole = range.start == 0 && range.end == keys.words && keys.words > 1;
        let alike = |target: &[u8]| {
            // Glued keys are indexed by their prefix: compare prefixes.
            let (q, target) = if whole {
                let cut = target.len().min(GLUED_PREFIX + 1);
                (&query[..query.len().min(cut)], &target[..cut])
            } else {
                (query, target)
            };
            // The lengths alone often settle it.
            similarity_at_most(q.len(), target.len()) >= MIN_RESEMBLANCE
                && similarity(q, target) >= MIN_RESEMBLANCE
        };
        if kind == b'o' {
            return alike(keys.words(0, range));
        }
        (1..=keys.readings).any(|s| alike(keys.words(s, range.clone())))
    }
}

/// Buffers reused across lookups.
#[derive(Default)]
pub struct Scratch {
    hashes: Vec<u32>,
    packed: Vec<Packed>,
}

/// Every hash to look up for `key`: the postings of any key within about two edits.
fn query_hashes(key: &[u8], words: usize, mut f: impl FnMut(u32)) {
    if words <= 2 {
        for_each_key(key, &mut f);
    } else {
        // Halves of a key glued from three words are mostly its words, queried on their own.
        for_each_delete(key, &mut f);
    }
    if key.len() > GLUED_PREFIX + 1 {
        for_each_delete(&key[..GLUED_PREFIX + 1], f);
    }
}

/// The entries that make terms, with their words (1 to 255 of them; past `MAX_TERMS`
/// entries are not indexed: a build that size exceeds memory anyway). Dictionaries repeat
/// their words (first names, particles, "Institut"): each is interned once.
fn tokenized(dictionary: &Dictionary) -> Vec<(&Entry, Vec<Token>)> {
    let mut words = Interner::default();
    (dictionary.entries.iter().take(MAX_TERMS))
        .filter_map(|e| Some((e, term_tokens(e, &mut words)?)))
        .collect()
}

/// The words of the term an entry makes, if it makes one.
pub(super) fn term_tokens(entry: &Entry, words: &mut Interner) -> Option<Vec<Token>> {
    let tokens = tokenize_shared(entry.name.trim(), 0, words);
    (1..=255).contains(&tokens.len()).then_some(tokens)
}

pub(super) fn prepare(entry: &Entry, tokens: Vec<Token>, said: &mut Said) -> Term {
    let domain = tokens.len() > 1
        && tokens
            .last()
            .is_some_and(|t| t.gap == Gap::Dot && TLDS.contains(&t.ortho()));
    let distinctive = tokens
        .iter()
        .enumerate()
        .map(|(i, t)| !(PARTICLES.contains(&t.ortho()) || (domain && i > 0 && t.gap == Gap::Dot)))
        .collect();
    let lang = entry.lang.as_deref().and_then(Lang::parse);
    let readings = said.readings(entry.name.trim(), &tokens);
    Term {
        ortho: glued_ortho(&tokens).into(),
        never: entry
            .never
            .iter()
            .map(|n| glued_ortho(&tokenize(n, 0)).into())
            .collect(),
        never_words: entry
            .never
            .iter()
            .map(|n| spaced_ortho(&tokenize(n, 0)).into())
            .collect(),
        name: entry.name.trim().into(),
        note: entry.note.as_deref().map(Into::into),
        origin: entry.origin.clone().map(Box::new),
        kind: entry.kind,
        distinctive,
        readings,
        lang,
        domain,
        tokens: tokens.into(),
    }
}

/// A short all-capitals word ("CNES", "FOMC") is often said letter by letter.
pub fn is_acronym(t: &Token) -> bool {
    t.case() == Case::Upper && (2..=6).contains(&t.ortho().len())
}

/// Spelling keys of the tokens, joined by spaces.
pub fn spaced_ortho(tokens: &[Token]) -> String {
    let words: Vec<&str> = tokens.iter().map(Token::ortho).collect();
    words.join(" ")
}

pub fn glued_ortho(tokens: &[Token]) -> String {
    tokens.iter().map(|t| t.ortho()).collect()
}

/// Calls `f` with each retrieval key of a term (tagged, see `tag`) and its posting: each
/// distinctive word, and the whole term glued together, as spelling and as every phonetic
/// reading, each once.
fn each_term_key(id: u32, term: &Term, mut f: impl FnMut(Posting, &[u8])) {
    let mut buf = Vec::with_capacity(64);
    let mut tagged =
        |kind: u8, body: &[u8], posting: Posting| f(posting, tag(&mut buf, kind, body));
    let n = term.tokens.len();
    for (i, t) in term.tokens.iter().enumerate().take(MAX_INDEXED_WORDS) {
        if !term.distinctive[i] {
            continue;
        }
        let posting = Posting {
            term: id,
            first: i as u8,
            end: i as u8 + 1,
        };
        tagged(b'o', t.ortho().as_bytes(), posting);
        for key in distinct(term.readings.iter().map(|r| r.words(i..i + 1))) {
            tagged(b'p', key, posting);
        }
    }
    if n > 1 && n <= MAX_INDEXED_WORDS {
        let whole = Posting {
            term: id,
            first: 0,
            end: n as u8,
        };
        tagged(b'o', prefix(term.ortho.as_bytes()), whole);
        for key in distinct(term.readings.iter().map(|r| prefix(&r.phonemes))) {
            tagged(b'p', key, whole);
        }
    }
}

/// The keys of `keys` not seen earlier in it: readings often agree on a word, and a repeated
/// key is a million pairs to store and sort in a large dictionary.
fn distinct<'k>(keys: impl Iterator<Item = &'k [u8]> + Clone) -> impl Iterator<Item = &'k [u8]> {
    let earlier = keys.clone();
    keys.enumerate()
        .filter(move |&(k, key)| !earlier.clone().take(k).any(|e| e == key))
        .map(|(_, key)| key)
}

/// Words past this index of a term are not indexed on their own (4 bits each for range).
pub const MAX_INDEXED_WORDS: usize = 15;

/// See `keys::Packed`.
fn pack(p: Posting) -> Packed {
    (p.term << 8) | (u32::from(p.first) << 4) | u32::from(p.end)
}

fn unpack(packed: Packed) -> Posting {
    Posting {
        term: packed >> 8,
        first: ((packed >> 4) & 0xf) as u8,
        end: (packed & 0xf) as u8,
    }
}

/// Appends every (hash, posting) a term is stored under, as `KeyTable::build` takes them;
/// repeats are left to its sort.
pub(super) fn push_pairs(id: u32, term: &Term, out: &mut Vec<u64>) {
    each_term_key(id, term, |posting, key| {
        let packed = u64::from(pack(posting));
        for_each_key(key, |h| out.push((u64::from(h) << 32) | packed));
    });
}

/// The part of a glued key that is indexed.
fn prefix(key: &[u8]) -> &[u8] {
    &key[..key.len().min(GLUED_PREFIX + 1)]
}

/// `key` prefixed with its kind, in `buf` (reused: keys are made by the million), so that
/// spelling and sound keys never collide.
fn tag<'b>(buf: &'b mut Vec<u8>, kind: u8, key: &[u8]) -> &'b [u8] {
    buf.clear();
    buf.push(kind);
    buf.extend_from_slice(key);
    buf
}

/// Keys at least this long are also indexed by halves, so two errors in one half still meet,
/// and two substitutions, one in each half, too. Seven sounds is a short first and last name
/// glued together (two substitutions there cost the bench nothing measurable against eight).
const HALVED_KEY: usize = 7;

/// Calls `f` with every hash under which `key` is stored or looked up: the key and its
/// one-deletion variants, and for long keys the same for each half (tagged apart).
fn for_each_key(key: &[u8], mut f: impl FnMut(u32)) {
    for_each_delete(key, &mut f);
    let body = &key[1..];
    if body.len() >= HALVED_KEY {
        let mid = body.len().div_ceil(2);
        let mut buf = Vec::with_capacity(mid + 1);
        for_each_delete(tag(&mut buf, key[0] ^ 0x20, &body[..mid]), &mut f);
        for_each_delete(tag(&mut buf, key[0] ^ 0x40, &body[mid..]), &mut f);
    }
}

/// Calls `f` with the hash of `key` and, for keys long enough, of each one-deletion variant.
/// The first byte is the kind tag and is never deleted. Polynomial hashing gives every
/// variant's hash from the key's and the prefix before the deleted byte, in time linear in
/// the key and without tables (their zeroing alone was a fortieth of a build).
pub fn for_each_delete(key: &[u8], mut f: impl FnMut(u32)) {
    f(exact_hash(key));
    let n = key.len();
    if n <= MIN_FUZZY_KEY {
        return;
    }
    let poly = |h: u64, &b: &u8| h.wrapping_mul(BASE).wrapping_add(symbol(b));
    let whole = key.iter().fold(0, poly);
    // With `prefix` the hash of key[..skip], `next` of key[..=skip] and `power`
    // BASE^(n - 1 - skip), the key is `next * power` + the rest, and the variant without
    // key[skip] is `prefix * power` + the same rest.
    let mut power = BASE.wrapping_pow(n as u32 - 2);
    let mut prefix = symbol(key[0]);
    for skip in 1..n {
        let next = poly(prefix, &key[skip]);
        if skip == 1 || key[skip] != key[skip - 1] {
            // Deleting either of two equal neighbours gives the same variant: one call.
            let variant = whole.wrapping_add(prefix.wrapping_sub(next).wrapping_mul(power));
            f(finish(variant, n - 1));
        }
        prefix = next;
        power = power.wrapping_mul(BASE_INVERSE);
    }
}

/// The hash a key is stored under as itself.
pub(crate) fn exact_hash(key: &[u8]) -> u32 {
    // Short keys live apart: a deletion of a longer key must not land on them.
    let short = if key.len() <= MIN_FUZZY_KEY { SHORT } else { 0 };
    let mut h = KeyHash::default();
    h.push(key);
    h.value() ^ short
}

/// A key's hash, built piece by piece (a glued key, word by word).
#[derive(Debug, Clone, Copy, Default)]
pub struct KeyHash {
    poly: u64,
    len: usize,
}

impl KeyHash {
    pub fn push(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.poly = self.poly.wrapping_mul(BASE).wrapping_add(symbol(b));
        }
        self.len += bytes.len();
    }

    pub fn value(&self) -> u32 {
        finish(self.poly, self.len)
    }

    /// Bytes hashed so far.
    pub fn len(&self) -> usize {
        self.len
    }
}

/// Sets short keys' hashes apart from the hashes of longer keys and their deletions.
const SHORT: u32 = 0x5bd1_e995;

/// Odd multiplier of the polynomial hash (arithmetic is modulo 2^64).
const BASE: u64 = 0x0000_0100_0000_01b3;
/// BASE's inverse modulo 2^64 (BASE is odd): each step of Newton's iteration doubles the
/// bits that are right, from the 3 of BASE itself.
const BASE_INVERSE: u64 = {
    let mut x = BASE;
    let mut steps = 0;
    while steps < 5 {
        x = x.wrapping_mul(2u64.wrapping_sub(BASE.wrapping_mul(x)));
        steps += 1;
    }
    assert!(BASE.wrapping_mul(x) == 1);
    x
};

/// Bytes count from 1, so a 0 byte still changes the hash.
fn symbol(b: u8) -> u64 {
    u64::from(b) + 1
}

/// Mixes the polynomial hash and the length (its low bits are weak) and folds it to 32 bits.
fn finish(poly: u64, len: usize) -> u32 {
    let mut h = poly ^ (len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    (h >> 32) as u32 ^ h as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tagged(kind: u8, key: &[u8]) -> Vec<u8> {
        tag(&mut Vec::new(), kind, key).to_vec()
    }

    fn index(names: &[&str]) -> Index {
        Index::build(&Dictionary::from_entries(
            names.iter().map(|n| Entry::new(*n)).collect(),
        ))
    }

    #[test]
    fn finds_terms_within_two_edits() {
        let idx = index(&["Montgolfier", "Versailles", "Castoro"]);
        let terms_of = |key: &[u8]| {
            let mut hits = Vec::new();
            idx.candidates(
                &tagged(b'o', key),
                1,
                true,
                &mut Scratch::default(),
                &mut hits,
            );
            hits.iter().map(|p| p.term).collect::<Vec<u32>>()
        };
        let hits = terms_of(b"mongolfiere");
        assert!(hits.contains(&0) && !hits.contains(&1), "{hits:?}");
        // A seven-letter key with one letter off in each half.
        assert!(terms_of(b"gastori").contains(&2));
    }

    #[test]
    fn delete_hashes_are_the_variants_own_hashes() {
        let long: Vec<u8> = (0..100).map(|i| b'a' + (i * 7 % 26) as u8).collect();
        for key in [&b"okaddour"[..], &tagged(b'p', &long)] {
            let mut got = Vec::new();
            for_each_delete(key, |h| got.push(h));
            let mut want = vec![exact_hash(key)];
            for skip in 1..key.len() {
                if skip == 1 || key[skip] != key[skip - 1] {
                    let mut variant = key.to_vec();
                    variant.remove(skip);
                    want.push(exact_hash(&variant));
                }
            }
            assert_eq!(got, want);
        }
    }

    #[test]
    fn particles_and_domains_are_not_distinctive() {
        let idx = index(&["Jean de La Fontaine", "example.com"]);
        assert_eq!(*idx.term(0).distinctive, [true, false, false, true]);
        assert!(idx.term(1).domain);
        assert_eq!(*idx.term(1).distinctive, [true, false]);
    }
}
