//! Stage 2, retrieval: the (term, window) pairs worth a closer look. Exact forms are looked
//! up by spelling at every position; fuzzy pairs come from the index by the keys of short
//! windows (see `window::query_keys`), widened around each hit (see `window::around`).

use rustc_hash::FxHashSet;
use std::ops::Range;

use super::hits;
use super::index::{Index, KeyHash, Term, glued_ortho};
use super::letters;
use super::text::Text;
use super::window::{self, MAX_WINDOW};

/// A window spelling a term's name or alias exactly, up to case, accents and separators.
pub struct Exact {
    pub term: u32,
    pub window: Range<usize>,
    pub form: Form,
}

/// Which exact form a window spells.
#[derive(Clone, Copy)]
pub enum Form {
    /// The canonical name, word for word: the term is already right there.
    Claim,
    /// The canonical name once case, accents and separators are ignored.
    Spelling,
    /// A listed alias.
    Alias,
    /// Letters or numbers said one by one that spell the term letter for letter ("enne èr té
    /// pé" for an acronym; see `letters`).
    Letters,
}

/// Every exact form in the runs of `text`, by position.
pub fn exact(index: &Index, text: &Text, runs: &[Range<usize>]) -> Vec<Exact> {
    let mut out = Vec::new();
    for run in runs {
        for i in run.clone() {
            exact_from(index, text, i, run.end, &mut out);
        }
    }
    out
}

/// Exact forms starting at token `i`.
fn exact_from(index: &Index, text: &Text, i: usize, run_end: usize, out: &mut Vec<Exact>) {
    let mut hash = KeyHash::default();
    // Letters said one by one make many words of one term: bound by spelling length instead.
    for len in 1..=run_end - i {
        hash.push(text.tokens[i + len - 1].ortho().as_bytes());
        if hash.len() > index.max_glued {
            break;
        }
        if index.may_be_exact(&hash) {
            exact_at(index, text, i..i + len, out);
        }
        // (A word with no letters left adds nothing to the key: keep going.)
        if hash.len() > 0 && !index.may_grow_exact(&hash) {
            break;
        }
    }
}

/// The canonical names and aliases spelt exactly as the window `w`.
fn exact_at(index: &Index, text: &Text, w: Range<usize>, out: &mut Vec<Exact>) {
    let glued = glued_ortho(&text.tokens[w.clone()]);
    for &term in index.canonical.get(&glued).into_iter().flatten() {
        let form = if same_words(index.term(term), text, &w) {
            Form::Claim
        } else {
            Form::Spelling
        };
        let window = w.clone();
        out.push(Exact { term, window, form });
    }
    for &term in index.aliases.get(&glued).into_iter().flatten() {
        let window = w.clone();
        out.push(Exact {
            term,
            window,
            form: Form::Alias,
        });
    }
}

/// Same words as the canonical form, up to case: the term is already right.
fn same_words(term: &Term, text: &Text, w: &Range<usize>) -> bool {
    w.len() == term.tokens.len()
        && term
            .tokens
            .iter()
            .zip(&text.tokens[w.clone()])
            .all(|(a, b)| a.lower() == b.lower())
}

/// Hands `verify` every (term, window) pair retrieval ties together, once each.
pub fn fuzzy(
    index: &Index,
    text: &Text,
    runs: &[Range<usize>],
    mut verify: impl FnMut(u32, Range<usize>),
) {
    let mut tried = Tried::default();
    let mut caption = 0..0;
    let mut keys = (
        Vec::with_capacity(64),
        Vec::with_capacity(64),
        Vec::with_capacity(64),
    );
    hits::with(index, |hits| {
        for run in runs {
            for i in run.clone() {
                tried.forget_before(i);
                if i >= caption.end || i < caption.start {
                    caption = text.caption(i); // once per caption: a caption can be very long
                }
                window::query_keys(text, i, run.end, &mut keys, |q| {
                    let hit = (i, q.words);
                    let cross = window::may_cross(text, hit, q.fuzzy, &caption);
                    for p in hits.get(index, q) {
                        let term = index.term(p.term);
                        for w in window::around(term, p, hit, (run, &caption), cross) {
                            let whole = letters::whole_letter_run(text, &w, run);
                            for w in std::iter::once(w).chain(whole) {
                                if tried.first_time(p.term, &w) {
                                    verify(p.term, w);
                                }
                            }
                        }
                    }
                });
            }
        }
    });
}

/// The (term, window) pairs already verified near the current position. Windows reach at most
/// `MAX_WINDOW` tokens, so pairs far behind can be forgotten: two generations of
/// `FORGET_EVERY` tokens keep the set small on a long run of text.
#[derive(Default)]
struct Tried {
    recent: FxHashSet<(u32, usize, usize)>,
    older: FxHashSet<(u32, usize, usize)>,
    since: usize,
}

const FORGET_EVERY: usize = 4 * MAX_WINDOW;

impl Tried {
    fn forget_before(&mut self, i: usize) {
        if i >= self.since + FORGET_EVERY {
            // Swapped and cleared, not taken: both sets keep their room.
            std::mem::swap(&mut self.older, &mut self.recent);
            self.recent.clear();
            self.since = i;
        }
    }

    fn first_time(&mut self, term: u32, w: &Range<usize>) -> bool {
        let key = (term, w.start, w.end);
        !self.older.contains(&key) && self.recent.insert(key)
    }
}
