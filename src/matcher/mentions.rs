//! The term's other mentions: a second retrieval, after the first, for terms the transcript
//! already establishes. A speaker who says a rare name says it again, and the recogniser
//! writes it differently each time ("Zorvata", "zorbatta", "sorvatah"): the index finds the
//! variants within about two edits of the term, but a variant further off is only worth
//! aligning once the term is known to be spoken here. So every unusual word of the text
//! (one no lexicon holds as ordinary speech: what marks a name, with capitals or without)
//! is tried against each one-word term that is established, through the usual
//! verification, evidence and score.

use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

use super::align::levenshtein;
use super::index::{Index, Term};
use super::text::Text;

/// A candidate scoring this much establishes its term in the transcript.
pub const ESTABLISHED: f64 = super::STRONG;

/// Hands `verify` each (term, one-word window) pair worth trying for the established
/// `terms`: unusual words whose reading starts as one of the term's readings does. `verify`
/// says whether the pair made a candidate; a word that does not is not tried again
/// elsewhere (its other occurrences read the same), one that does is tried everywhere.
pub fn others(
    index: &Index,
    text: &Text,
    terms: &FxHashSet<u32>,
    mut verify: impl FnMut(u32, Range<usize>) -> bool,
) {
    let words = unusual_words(text);
    if words.is_empty() {
        return;
    }
    let mut terms: Vec<u32> = terms.iter().copied().collect();
    terms.sort_unstable(); // the order of a hash set is no order: keep the output stable
    for id in terms {
        let term = index.term(id);
        if term.tokens.len() != 1 {
            continue; // a word of a longer name heard alone is `resolve::consistency`'s
        }
        for positions in &words {
            let first = positions[0];
            if !resembles(term, text.reading(first)) {
                continue;
            }
            if verify(id, first..first + 1) {
                for &i in &positions[1..] {
                    verify(id, i..i + 1);
                }
            }
        }
    }
}

/// The positions of each distinct unusual word of the text, in order of first occurrence.
fn unusual_words(text: &Text) -> Vec<Vec<usize>> {
    let mut slot: FxHashMap<usize, usize> = FxHashMap::default();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for i in 0..text.tokens.len() {
        if !may_be_name(text, i) || text.tokens[i].ortho().chars().count() < 3 {
            continue;
        }
        let next = out.len();
        let k = *slot.entry(text.tokens[i].word_id()).or_insert(next);
        if k == next {
            out.push(Vec::new());
        }
        out[k].push(i);
    }
    out
}

/// An unusual word; without capitals, also a word of the language too rare to be kept from
/// a name by document consistency ("grive" for a brand spelled "Greeve" elsewhere), which a
/// capital would have marked.
fn may_be_name(text: &Text, i: usize) -> bool {
    text.is_unusual(i)
        || (!text.case_informative()
            && text.is_common(i)
            && !text.is_frequent(i)
            && !text.is_function_word(i))
}

/// Whether a word read `reading` may be heard for the term: it starts with the same sound
/// as some reading of the term (a mis-hearing keeps the attack of a name more often than
/// anything else) and its sounds are mostly the term's, in order. Both are cheap beside an
/// alignment, and keep the alignments few.
fn resembles(term: &Term, reading: &str) -> bool {
    let reading = reading.as_bytes();
    let Some(first) = reading.first() else {
        return false;
    };
    term.readings.iter().any(|r| {
        let longer = r.phonemes.len().max(reading.len());
        r.phonemes.first() == Some(first) && 2 * levenshtein(&r.phonemes, reading) <= longer
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dictionary, Entry, Transcript};

    fn index(name: &str) -> Index {
        Index::build(&Dictionary::from_entries(vec![Entry::new(name)]))
    }

    #[test]
    fn words_are_grouped_and_ordinary_ones_left_out() {
        let t =
            Transcript::parse(b"00:01 the zorvata and the zorvata then the vibranek\n").unwrap();
        let text = Text::new(&t, 0..t.segments().len());
        let words: Vec<Vec<&str>> = unusual_words(&text)
            .iter()
            .map(|p| p.iter().map(|&i| text.tokens[i].ortho()).collect())
            .collect();
        assert_eq!(words, [vec!["zorvata", "zorvata"], vec!["vibranek"]]);
    }

    #[test]
    fn only_words_sounding_mostly_like_the_term_are_aligned() {
        let idx = index("Zorvata");
        let term = idx.term(0);
        let reading = |w: &str| term_reading_of(w);
        assert!(resembles(term, &reading("zorbatta")));
        assert!(!resembles(term, &reading("sorvata")), "another first sound");
        assert!(
            !resembles(term, &reading("zabaglione")),
            "too few of its sounds"
        );
    }

    /// A word's reading as the index reads a one-word term.
    fn term_reading_of(word: &str) -> String {
        let idx = index(word);
        String::from_utf8(idx.term(0).readings[0].phonemes.to_vec()).unwrap()
    }
}
