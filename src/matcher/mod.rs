//! Matching a transcript against the dictionary index. Pure: no I/O, no printing.
//!
//! Flow: tokens of every segment → retrieval of candidate (term, window) pairs from the
//! index → verification by weighted phoneme alignment and spelling → guards → overlap
//! resolution → document consistency → proposals.

mod align;
mod cache;
mod index;
mod keys;
pub mod lexicon;
mod normalize;
pub mod phonetic;
mod reading;
mod resolve;
mod termkeys;
mod text;

pub use cache::CacheError;
pub use index::Index;
pub use normalize::ortho_key;

/// The spelling key of a name: lowercase, accents and separators removed ("Saint-Étienne" →
/// "saintetienne"), as the matcher compares spellings.
pub fn spelling_key(name: &str) -> String {
    index::glued_ortho(&normalize::tokenize(name, 0))
}

use rustc_hash::{FxHashMap, FxHashSet};

use crate::proposal::Proposal;
use crate::transcript::Transcript;
use resolve::Candidate;
use text::Text;

/// Score at or above which `fix` applies a proposal without review.
pub const AUTO_APPLY: f64 = 0.80;

/// Proposals scoring below this are not worth a reviewer's time.
pub const MIN_SCORE: f64 = 0.50;

/// Finds proposals in transcripts.
pub struct Matcher<'a> {
    index: &'a Index,
}

impl<'a> Matcher<'a> {
    pub fn new(index: &'a Index) -> Self {
        Matcher { index }
    }

    /// Every proposal for `transcript`, sorted by position, non-overlapping.
    ///
    /// A long transcript is matched in parts of about `PART_BYTES` of spoken text, cut between
    /// segments, so memory stays bounded whatever its length; document-wide evidence (a term
    /// named elsewhere, a full name established earlier) then reaches across one part only.
    pub fn find(&self, transcript: &Transcript) -> Vec<Proposal> {
        parts(transcript)
            .into_iter()
            .flat_map(|segments| self.find_in(transcript, segments))
            .collect()
    }

    fn find_in(&self, transcript: &Transcript, segments: std::ops::Range<usize>) -> Vec<Proposal> {
        let text = Text::new(transcript, segments);
        let (claims, mut candidates) = self.candidates(&text);
        let mut chosen = resolve::resolve(&mut candidates, &claims, &text);
        resolve::consistency(&mut chosen, &claims, &text, self.index);
        chosen.sort_by_key(|c| c.start);
        chosen
            .into_iter()
            .flat_map(|c| self.proposals(&c, &text, transcript))
            .collect()
    }

    /// The proposal of a candidate, or one per caption when it runs across caption breaks:
    /// the replacement's words are shared out so that each part stays in its own caption. A
    /// candidate with fewer replacement words than parts cannot be cut and is dropped.
    fn proposals(&self, c: &Candidate, text: &Text, transcript: &Transcript) -> Vec<Proposal> {
        let whole = self.proposal(c, text, transcript);
        let cuts = text.cues(c.start..c.end);
        if cuts.is_empty() {
            return vec![whole];
        }
        let words: Vec<&str> = c.replacement.split(' ').collect();
        let bounds: Vec<usize> = std::iter::once(c.start)
            .chain(cuts)
            .chain(std::iter::once(c.end))
            .collect();
        let Some(shares) = share_out(&bounds, words.len()) else {
            return Vec::new();
        };
        let mut taken = 0;
        (bounds.windows(2).zip(shares))
            .map(|(part, n)| {
                let span = text.span(part[0]..part[1]);
                let (line, column) = transcript.line_col(span.start);
                let replacement = words[taken..taken + n].join(" ");
                taken += n;
                Proposal {
                    original: transcript.source()[span.clone()].to_owned(),
                    replacement,
                    timestamp: text.timestamp(part[0]).map(str::to_owned),
                    span,
                    line,
                    column,
                    ..whole.clone()
                }
            })
            // A part already right ("Ada" of "Ada | Lovlace") needs no fix of its own.
            .filter(|p| p.original != p.replacement)
            .collect()
    }

    /// Exact claims (terms already spelled right) and verified fuzzy candidates.
    fn candidates(&self, text: &Text) -> (Vec<Candidate>, Vec<Candidate>) {
        let mut claims = Vec::new();
        let mut out = Vec::new();
        let runs = text.runs();
        for run in &runs {
            for i in run.clone() {
                resolve::exact(self.index, text, i, run.end, &mut claims, &mut out);
            }
        }
        // Terms the transcript already names: a looser mis-hearing of them is more likely.
        let attested: FxHashSet<u32> = claims.iter().chain(&out).map(|c| c.term).collect();
        let mut tried = Tried::default();
        HITS.with_borrow_mut(|hits| {
            if hits.index != self.index.id {
                *hits = HitCache {
                    index: self.index.id,
                    ..HitCache::default()
                };
            }
            self.retrieve(text, &runs, &attested, &mut tried, hits, &mut out);
        });
        (claims, out)
    }

    /// Fuzzy candidates: every window retrieval ties to a term, verified.
    fn retrieve(
        &self,
        text: &Text,
        runs: &[std::ops::Range<usize>],
        attested: &FxHashSet<u32>,
        tried: &mut Tried,
        hits: &mut HitCache,
        out: &mut Vec<Candidate>,
    ) {
        let mut caption = 0..0;
        let mut keys = (Vec::with_capacity(64), Vec::with_capacity(64));
        for run in runs {
            for i in run.clone() {
                tried.forget_before(i);
                if i >= caption.end || i < caption.start {
                    caption = text.caption(i); // once per caption: a caption can be very long
                }
                text.query_keys(i, run.end, &mut keys, |q| {
                    for p in hits.get(self.index, q) {
                        let term = self.index.term(p.term);
                        let cross = text.may_cross((i, q.words), q.fuzzy, &caption);
                        let hit = (i, q.words);
                        for w in text::around(term, p, hit, (run, &caption), cross) {
                            if tried.first_time(p.term, &w) {
                                let known = attested.contains(&p.term);
                                out.extend(resolve::verify(self.index, p.term, w, text, known));
                            }
                        }
                    }
                });
            }
        }
    }

    fn proposal(&self, c: &Candidate, text: &Text, transcript: &Transcript) -> Proposal {
        let span = text.span(c.start..c.end);
        let (line, column) = transcript.line_col(span.start);
        let term = self.index.term(c.term);
        Proposal {
            original: transcript.source()[span.clone()].to_owned(),
            replacement: c.replacement.clone(),
            term: term.name.to_string(),
            kind: term.kind,
            timestamp: text.timestamp(c.start).map(str::to_owned),
            score: (c.score * 1000.0).round() / 1000.0,
            reasons: resolve::explain(c, self.index, text),
            note: term.note.as_deref().map(str::to_owned),
            dictionary: term.origin.as_deref().cloned(),
            span,
            line,
            column,
        }
    }
}

/// Spoken text matched at once (see `Matcher::find`): an hour of speech is about 60 kB, so
/// only archive-sized files are cut.
const PART_BYTES: usize = 4 << 20;

/// Consecutive segment ranges of about `PART_BYTES` of text each.
fn parts(transcript: &Transcript) -> Vec<std::ops::Range<usize>> {
    let segments = transcript.segments();
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, s) in segments.iter().enumerate() {
        bytes += s.span.len();
        if bytes >= PART_BYTES {
            out.push(start..i + 1);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < segments.len() || out.is_empty() {
        out.push(start..segments.len());
    }
    out
}

/// The (term, window) pairs already verified near the current position. Windows reach at most
/// `text::MAX_WINDOW` tokens, so pairs far behind can be forgotten: two generations of
/// `FORGET_EVERY` tokens keep the set small on a long run of text.
#[derive(Default)]
struct Tried {
    recent: FxHashSet<(u32, usize, usize)>,
    older: FxHashSet<(u32, usize, usize)>,
    since: usize,
}

const FORGET_EVERY: usize = 4 * text::MAX_WINDOW;

impl Tried {
    fn forget_before(&mut self, i: usize) {
        if i >= self.since + FORGET_EVERY {
            self.older = std::mem::take(&mut self.recent);
            self.since = i;
        }
    }

    fn first_time(&mut self, term: u32, w: &std::ops::Range<usize>) -> bool {
        let key = (term, w.start, w.end);
        !self.older.contains(&key) && self.recent.insert(key)
    }
}

/// How many of `words` replacement words each part between consecutive `bounds` (token
/// positions) gets: in proportion to the tokens it holds, at least one each.
fn share_out(bounds: &[usize], words: usize) -> Option<Vec<usize>> {
    let parts = bounds.len() - 1;
    if words < parts {
        return None;
    }
    let total = (bounds[parts] - bounds[0]) as f64;
    let mut shares = Vec::with_capacity(parts);
    let mut given = 0;
    for j in 1..=parts {
        let left = parts - j; // parts after this one, each needing a word
        let cumulative = ((bounds[j] - bounds[0]) as f64 / total * words as f64).round() as usize;
        let upto = cumulative.clamp(given + 1, words - left);
        shares.push(upto - given);
        given = upto;
    }
    Some(shares)
}

/// Retrieval results per fuzzy query key: speech repeats its words, so most keys come back.
/// Exact keys, nineteen in twenty of them absent from the index, are remembered more cheaply:
/// see `HitCache::exact`.
#[derive(Default)]
struct HitCache {
    /// `Index::id` of the index the hits come from.
    index: u64,
    seen: FxHashMap<Vec<u8>, Vec<index::Posting>>,
    /// Direct-mapped by the low bits of an exact key's hash: the hash, once known absent.
    absent: Box<[u32]>,
    hits: Vec<index::Posting>,
    scratch: index::Scratch,
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

impl HitCache {
    fn get(&mut self, index: &Index, q: text::Query) -> &[index::Posting] {
        if !q.fuzzy {
            return self.exact(index, q);
        }
        // The same letters queried as one word or several differ: the word count goes first.
        let key = q.fuzzy.then(|| [&[q.words as u8], q.key].concat());
        let Some(key) =
            key.filter(|k| self.seen.len() < HIT_CACHE_KEYS || self.seen.contains_key(k))
        else {
            index.candidates(q.key, q.words, q.fuzzy, &mut self.scratch, &mut self.hits);
            return &self.hits;
        };
        let scratch = &mut self.scratch;
        self.seen.entry(key).or_insert_with(|| {
            let mut hits = Vec::new();
            index.candidates(q.key, q.words, true, scratch, &mut hits);
            hits
        })
    }

    /// An exact lookup. Most windows of ordinary speech are no key at all, and many come back:
    /// a hash known absent is answered from a small table in the core's cache instead of a
    /// probe of the key filter in memory. Only absence is remembered, and absence of the hash
    /// means absence of any key with it, so a collision in the table can only cost a probe,
    /// never a hit.
    fn exact(&mut self, index: &Index, q: text::Query) -> &[index::Posting] {
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
