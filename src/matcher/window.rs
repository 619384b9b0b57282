//! Stage 1, windows: the spans of the text that may be a term. The keys a position is looked
//! up by, the windows around a retrieval hit, and what a window's words say against a term
//! (its anchors, a stray edge word, a `never` form nearby), which the later stages read.

use std::ops::Range;

use super::index::{Posting, Term, spaced_ortho};
use super::normalize::Gap;
use super::text::Text;

/// Longest window tried, in words: names are short, and splits add at most a few words.
pub const MAX_WINDOW: usize = 7;

/// A retrieval key (its kind in front, see `index::tag`) for the window of `words` tokens
/// starting at some position.
#[derive(Clone, Copy)]
pub struct Query<'k> {
    pub words: usize,
    pub key: &'k [u8],
    /// False: only an exact match of the key counts.
    pub fuzzy: bool,
}

/// Retrieval keys for windows of 1 to 3 tokens starting at `i`: spelling and sound, and
/// whether the key may match fuzzily. A span of ordinary lowercase words can only lead to
/// a fix through a term word it contains verbatim (the guards reject the rest), so it is
/// looked up exactly: that keeps retrieval off most of the transcript.
/// `keys` is scratch space, reused from one position to the next (two allocations a word
/// add up over a long transcript).
pub fn query_keys(
    text: &Text,
    i: usize,
    run_end: usize,
    keys: &mut (Vec<u8>, Vec<u8>, Vec<u8>),
    mut f: impl FnMut(Query<'_>),
) {
    let (ortho, phon, name_key) = keys;
    ortho.clear();
    ortho.push(b'o');
    phon.clear();
    phon.push(b'p');
    // A name-like word read as a foreign name (see `Text::name_reading`) is looked up alone:
    // the names it stands for are mostly one word, and wider windows would multiply lookups.
    let as_name = text.name_reading(i);
    let mut all_function = true;
    let mut ordinary = true;
    for len in 1..=3.min(run_end - i) {
        let k = i + len - 1;
        let t = &text.tokens[k];
        if len > 1 && t.gap == Gap::Cue {
            break; // retrieval stays in a caption; windows around a hit may leave it
        }
        ortho.extend_from_slice(t.ortho().as_bytes());
        phon.extend_from_slice(text.reading(k).as_bytes());
        all_function &= text.is_function_word(k);
        ordinary &= text.is_ordinary(k) && (len == 1 || t.gap != Gap::Dot);
        if all_function || ortho.len() < 4 {
            continue;
        }
        let fuzzy = !ordinary;
        f(Query {
            words: len,
            key: ortho,
            fuzzy,
        });
        if fuzzy {
            f(Query {
                words: len,
                key: phon,
                fuzzy,
            });
        }
        if let Some(r) = as_name.filter(|_| fuzzy && len == 1) {
            name_key.clear();
            name_key.push(b'p');
            name_key.extend_from_slice(r.as_bytes());
            f(Query {
                words: len,
                key: name_key,
                fuzzy,
            });
        }
    }
}

/// Whether windows around a hit on tokens `i..i+len` may reach into the caption before
/// and after `caption`: only from a fuzzy hit (a name, not ordinary words) at the
/// caption's edge, and only over a word that is not ordinary speech ("Grace | Hoper", not
/// "the | Hoper"), which keeps the extra windows few.
pub fn may_cross(
    text: &Text,
    (i, len): (usize, usize),
    fuzzy: bool,
    caption: &Range<usize>,
) -> (bool, bool) {
    let open = |edge: bool, j: Option<usize>| {
        fuzzy && edge && j.is_some_and(|j| j < text.tokens.len() && !text.is_ordinary(j))
    };
    (
        open(i == caption.start, caption.start.checked_sub(1)),
        open(i + len == caption.end, Some(caption.end)),
    )
}

/// Windows to verify for a retrieval hit: transcript tokens `i..i+len` matched term words
/// `p.first..p.end`. The window reaches out only on the sides where the term has more
/// words, by up to two spare words (an elided clitic or a split adds words); into the
/// neighbouring caption only where `cross` allows (see `may_cross`), and then only by
/// the words the term is missing there, and one spare.
pub fn around(
    term: &Term,
    p: &Posting,
    (i, len): (usize, usize),
    (run, caption): (&Range<usize>, &Range<usize>),
    (cross_before, cross_after): (bool, bool),
) -> impl Iterator<Item = Range<usize>> + use<> {
    let words = term.tokens.len();
    let before = usize::from(p.first);
    let after = words - usize::from(p.end);
    let low = if cross_before {
        caption.start.saturating_sub(before + 1)
    } else {
        caption.start
    }
    .max(run.start);
    let high = if cross_after {
        caption.end + after + 1
    } else {
        caption.end
    }
    .min(run.end);
    let starts = if before == 0 {
        i..i + 1
    } else {
        i.saturating_sub(before + 2).max(low)..i
    };
    let ends = if after == 0 {
        i + len..i + len + 1
    } else {
        (i + len + 1).min(high)..(i + len + after + 3).min(high + 1)
    };
    let longest = (words + 2).min(MAX_WINDOW);
    starts.flat_map(move |s| {
        (ends.clone())
            .filter(move |&e| e > s && e - s <= longest)
            .map(move |e| s..e)
    })
}

/// The term's distinctive words found verbatim in a window (of at most `MAX_WINDOW` words).
#[derive(Clone, Copy)]
pub struct Anchors {
    /// How many of the term's words are found.
    pub found: usize,
    /// Which of the window's words are one of them (bit `j`: word `w.start + j`).
    in_window: u8,
}

const _: () = assert!(MAX_WINDOW <= u8::BITS as usize);

impl Anchors {
    /// Finds the anchors of `term` in the window `w`, without allocating: most windows are
    /// discarded.
    pub fn of(term: &Term, w: &Range<usize>, text: &Text) -> Self {
        let mut anchors = Anchors {
            found: 0,
            in_window: 0,
        };
        for k in 0..term.tokens.len() {
            let words = found_at(term, k, w, text);
            anchors.in_window |= words;
            anchors.found += usize::from(words != 0);
        }
        anchors
    }

    /// The window's words that are anchors.
    pub fn anchored(self, w: &Range<usize>) -> impl Iterator<Item = usize> + use<> {
        let start = w.start;
        w.clone()
            .filter(move |&i| self.in_window & (1 << (i - start)) != 0)
    }

    /// The window's words that are not anchors: those the mis-hearing is about.
    pub fn unanchored(self, w: &Range<usize>) -> impl Iterator<Item = usize> + use<> {
        let start = w.start;
        w.clone()
            .filter(move |&i| self.in_window & (1 << (i - start)) == 0)
    }
}

/// The anchors spelled out for a reviewer, in the term's order.
pub fn anchor_words(term: &Term, w: &Range<usize>, text: &Text) -> Vec<String> {
    (0..term.tokens.len())
        .filter(|&k| found_at(term, k, w, text) != 0)
        .map(|k| term.tokens[k].ortho().to_string())
        .collect()
}

/// The window's words (bit `j`: word `w.start + j`) spelled as word `k` of the term, when that
/// word is distinctive (particles and a domain's tail anchor nothing).
fn found_at(term: &Term, k: usize, w: &Range<usize>, text: &Text) -> u8 {
    debug_assert!(w.len() <= MAX_WINDOW);
    if !term.distinctive[k] {
        return 0;
    }
    let word = term.tokens[k].ortho();
    (text.tokens[w.clone()].iter().enumerate())
        .filter(|(_, x)| x.ortho() == word)
        .fold(0, |bits, (j, _)| bits | 1 << j)
}

/// A lowercase function word at an edge of the window where the term has no particle.
/// Letters said one by one ("b b c") and web addresses ("the guardian.com") glue their words.
pub fn stray_edge(term: &Term, w: &Range<usize>, text: &Text) -> bool {
    // Without capitals, the term's own word ("mark" of "Mark Ellory") is not stray.
    let own = |i: usize, k: usize| {
        !text.case_informative() && text.tokens[i].ortho() == term.tokens[k].ortho()
    };
    let stray = |i: usize, k: usize| {
        text.is_function_word(i) && !text.capitalised(i) && term.distinctive[k] && !own(i, k)
    };
    let last = w.end - 1;
    let stray_last = || stray(last, term.tokens.len() - 1) && !last_syllable(term, last, text);
    let letters = text.letter_by_letter(w);
    w.len() > 1 && !letters && !term.domain && (stray(w.start, 0) || stray_last())
}

/// The window's last word is the last syllable of a name of several words split off as a
/// function word ("tolu ada for" for "Tolu Adafor"): some reading of the term ends with
/// its sounds. Not the first word (French articles would open too many names: "la" of
/// "Lamarre"), nor a one-word term (a large dictionary holds one for most phrases).
fn last_syllable(term: &Term, i: usize, text: &Text) -> bool {
    let sounds = text.reading(i).as_bytes();
    term.tokens.len() > 1
        && !sounds.is_empty()
        && term.readings.iter().any(|r| r.phonemes.ends_with(sounds))
}

/// Whether the tokens `w` overlap a form the term must never replace: a reviewer who rejected
/// "Alan Turring" wants neither "Alan Turring said" nor "Turring" alone fixed there.
pub fn touches_never_form(term: &Term, text: &Text, w: &Range<usize>) -> bool {
    if term.never.is_empty() {
        return false;
    }
    let longest = term.tokens.len() + 2;
    let starts = w.start.saturating_sub(longest - 1)..w.end;
    starts.into_iter().any(|start| {
        let ends = (start + 1).max(w.start + 1)..=(start + longest).min(text.tokens.len());
        ends.into_iter().any(|end| {
            let words = spaced_ortho(&text.tokens[start..end]);
            term.never_words.iter().any(|n| **n == words)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dictionary, Entry, Index, Transcript};

    fn stray(name: &str, line: &str, window: Range<usize>) -> bool {
        let index = Index::build(&Dictionary::from_entries(vec![Entry::new(name)]));
        let t = Transcript::parse(line.as_bytes()).unwrap();
        let text = Text::new(&t, 0..t.segments().len());
        stray_edge(index.term(0), &window, &text)
    }

    #[test]
    fn a_function_word_is_stray_unless_it_ends_the_name() {
        let line = "00:01 and now for the guest we have, the writer tolu ada for you and me\n";
        // "tolu ada for": the name's last syllable; "tolu ada for you": "you" is no part of it.
        assert!(!stray("Tolu Adafor", line, 11..14));
        assert!(stray("Tolu Adafor", line, 11..15));
        // A one-word term is not opened that way.
        assert!(stray("Adafor", line, 12..14));
    }
}
