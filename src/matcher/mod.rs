//! Matching a transcript against the dictionary index. Pure: no I/O, no printing.
//!
//! `Matcher::find` runs the stages below in order, one module each; a stage uses what the one
//! before returns. Per piece of a transcript:
//!
//! ```text
//!  text      tokens, readings, word classes, confidences           → Text
//!  window    keys to look up, windows around a hit, window words   → windows
//!  retrieve  exact forms; fuzzy (term, window) pairs from the index → pairs
//!    then for each fuzzy pair (an exact form goes to evidence and score directly):
//!    verify    screen by the words alone, align the readings       → measurements
//!              (down to the least sound that `decide` and `score` could keep, given
//!              what `evidence` already knows from the words)
//!    evidence  named, measured features of the candidate           → Evidence
//!    decide    is the evidence enough to propose it at all?
//!    score     the strength, a hand-weighed blend of the evidence  → Candidate
//!              (kept from `MIN_STRENGTH` up; it orders candidates)
//!  mentions  unusual words tried against the terms established     → more pairs
//!  resolve   across candidates: overlaps, margin over the runner-up, lone words of names
//!  propose   one Proposal per candidate (per caption), reasons from the evidence,
//!            the score from the fitted model (`model`): P(fix is right | features)
//! ```
//!
//! Supporting modules: `index` (with `keys`, `termkeys` and `cache`, its format on disk),
//! `normalize`, `lexicon`, `phonetic`, `reading`, `align`, `swap` (fixes that would only swap
//! ordinary words) and `hits` (the index's answers, remembered).

// The stages, in the order `find` runs them (a blank line apart, to keep that order).
/// Tokens of the transcript, readings, word classes, confidences.
mod text;

/// Windows: their keys, the windows around a hit, their words against a term.
mod window;

/// Exact forms and fuzzy (term, window) pairs.
mod retrieve;

/// Screen by the words alone, then alignment of readings.
mod verify;

/// Named, measured features of a candidate.
mod evidence;

/// Whether a candidate's evidence is enough.
mod decide;

/// The score, from the evidence alone.
mod score;

/// A second retrieval: other mentions of the terms the transcript establishes.
mod mentions;

/// Decisions across scored candidates: overlaps, margin, lone words of names.
mod resolve;

/// Proposals and the reasons behind them.
mod propose;

// Supporting modules.
mod align;
mod cache;
mod foreign;
mod hits;
mod index;
mod keys;
mod letters;
pub mod lexicon;
pub mod model;
mod names;
mod normalize;
mod numbers;
pub mod phonetic;
mod reading;
mod said;
mod store;
mod swap;
mod termkeys;
mod terms;
mod update;

pub use cache::CacheError;
pub use index::Index;
pub use normalize::ortho_key;

/// The spelling key of a name: lowercase, accents and separators removed ("Saint-Étienne" →
/// "saintetienne"), as the matcher compares spellings.
pub fn spelling_key(name: &str) -> String {
    index::glued_ortho(&normalize::tokenize(name, 0))
}

use rustc_hash::FxHashSet;
use std::ops::Range;

use crate::proposal::Proposal;
use crate::transcript::Transcript;
use evidence::{Evidence, Fuzzy};
use index::Term;
use normalize::Case;
use retrieve::Form;
use text::Text;

/// Score at or above which `fix` applies a proposal without review: the lowest score at
/// which the fitted model's cross-validated precision is at least 0.97 with every kind of
/// dictionary it was fitted on (per show, newsroom, big), read from `data/score_model.toml`.
pub const AUTO_APPLY: f64 = include!(concat!(env!("OUT_DIR"), "/auto_apply.rs"));

/// Proposals less likely right than wrong are left out of review unless asked for.
pub const MIN_SCORE: f64 = 0.50;

/// A candidate's strength (the hand-weighed blend of its evidence, `score::of`, which orders
/// candidates before the model scores the proposals) from which it is worth proposing at all.
const MIN_STRENGTH: f64 = 0.50;

/// A strength from which a name counts as said: it establishes its term for the
/// other-mentions pass and vouches for the term elsewhere.
const STRONG: f64 = 0.80;

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

    fn find_in(&self, transcript: &Transcript, segments: Range<usize>) -> Vec<Proposal> {
        let text = Text::new(transcript, segments);
        let runs = text.runs();
        let (claims, mut candidates) = self.exact(&text, &runs);
        // Terms the transcript already names: a looser mis-hearing of them is more likely.
        let attested: FxHashSet<u32> = claims.iter().chain(&candidates).map(|c| c.term).collect();
        retrieve::fuzzy(self.index, &text, &runs, |term, w| {
            candidates.extend(self.fuzzy(term, w, &text, attested.contains(&term)));
        });
        self.other_mentions(&text, &claims, &mut candidates);
        let mut chosen = resolve::choose(&mut candidates, &claims, &text);
        resolve::consistency(&mut chosen, &claims, &text, self.index);
        chosen.sort_by_key(|c| c.start);
        (chosen.iter())
            .flat_map(|c| propose::proposals(c, self.index, &text, transcript))
            .collect()
    }

    /// Exact claims (terms already spelled right) and candidates from the other exact forms
    /// (restored spellings, aliases).
    fn exact(&self, text: &Text, runs: &[Range<usize>]) -> (Vec<Candidate>, Vec<Candidate>) {
        let mut claims = Vec::new();
        let mut out = Vec::new();
        let spelled = letters::find(self.index, text, runs)
            .into_iter()
            .map(|s| retrieve::Exact {
                term: s.term,
                window: s.window,
                form: Form::Letters,
            });
        for x in retrieve::exact(self.index, text, runs)
            .into_iter()
            .chain(spelled)
        {
            let term = self.index.term(x.term);
            let evidence = Evidence::exact(x.form, term, &x.window, text);
            if !decide::admits(&evidence) {
                continue;
            }
            if let Form::Claim = x.form {
                let name = term.name.to_string();
                if let Some(recase) = Evidence::recase(term, &x.window, text) {
                    out.push(Candidate::new(
                        x.term,
                        x.window.clone(),
                        name.clone(),
                        recase,
                    ));
                }
                claims.push(Candidate::new(x.term, x.window, name, evidence));
            } else {
                let replacement = replacement(term, text, &x.window);
                out.push(Candidate::new(x.term, x.window, replacement, evidence));
            }
        }
        (claims, out)
    }

    /// Candidates from the other mentions of the terms the transcript establishes (see
    /// `mentions`), past those the first retrieval found.
    fn other_mentions(&self, text: &Text, claims: &[Candidate], candidates: &mut Vec<Candidate>) {
        let heard = (candidates.iter())
            .filter(|c| c.evidence.is_fuzzy() && c.score >= mentions::ESTABLISHED);
        let established: FxHashSet<u32> = heard.chain(claims).map(|c| c.term).collect();
        if established.is_empty() {
            return;
        }
        let tried: FxHashSet<(u32, usize)> = (candidates.iter())
            .filter(|c| c.end - c.start == 1)
            .map(|c| (c.term, c.start))
            .collect();
        mentions::others(self.index, text, &established, |term, w| {
            // Found by the first retrieval: so are its other occurrences, which read the same.
            if tried.contains(&(term, w.start)) {
                return false;
            }
            let found = self.fuzzy(term, w, text, true);
            let made = found.is_some();
            candidates.extend(found);
            made
        });
    }

    /// A fuzzy pair through verification, evidence, decision and score; `attested`: the
    /// transcript names the term elsewhere.
    fn fuzzy(&self, id: u32, w: Range<usize>, text: &Text, attested: bool) -> Option<Candidate> {
        let term = self.index.term(id);
        let screened = verify::screen(term, &w, text)?;
        let ortho = verify::spelling_at_most(&screened, term);
        let heard = Fuzzy::heard(term, &w, text, (&screened, ortho), attested);
        // Most windows sound too far from the term for what their words allow: the
        // alignment gives up as soon as it falls below what they need.
        let floor = decide::sound_needed(&heard)?;
        let measured = verify::measure(term, &w, text, floor)?;
        let ortho = verify::spelling(&screened, term);
        let evidence = Evidence::fuzzy(heard.measured(term, &w, text, (measured, ortho)));
        if !decide::admits(&evidence) {
            return None;
        }
        let score = score::of(&evidence);
        if !decide::worth_review(score) {
            return None;
        }
        let replacement = replacement(term, text, &w);
        Some(Candidate::scored(id, w, replacement, evidence, score))
    }
}

/// A match of a term on a token window, with its evidence and score.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub term: u32,
    pub start: usize,
    pub end: usize,
    pub score: f64,
    /// The text the fix writes.
    pub replacement: String,
    pub evidence: Evidence,
}

impl Candidate {
    /// A candidate scored by its evidence.
    fn new(term: u32, w: Range<usize>, replacement: String, evidence: Evidence) -> Self {
        let score = score::of(&evidence);
        Candidate::scored(term, w, replacement, evidence, score)
    }

    fn scored(term: u32, w: Range<usize>, replacement: String, e: Evidence, score: f64) -> Self {
        Candidate {
            term,
            start: w.start,
            end: w.end,
            score,
            replacement,
            evidence: e,
        }
    }

    fn overlaps(&self, other: &Candidate) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// The canonical name, capitalised when it replaces a sentence-initial capital.
fn replacement(term: &Term, text: &Text, w: &Range<usize>) -> String {
    let name = &*term.name;
    let first = &text.tokens[w.start];
    let starts_lower = name.chars().next().is_some_and(char::is_lowercase);
    if starts_lower && first.case() == Case::Capital {
        let mut chars = name.chars();
        let head = chars
            .next()
            .map(|c| c.to_uppercase().collect::<String>())
            .unwrap_or_default();
        return head + chars.as_str();
    }
    name.to_owned()
}

/// Spoken text matched at once (see `Matcher::find`): an hour of speech is about 60 kB, so
/// only archive-sized files are cut.
const PART_BYTES: usize = 4 << 20;

/// Consecutive segment ranges of about `PART_BYTES` of text each.
fn parts(transcript: &Transcript) -> Vec<Range<usize>> {
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
