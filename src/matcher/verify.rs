//! Stage 3, verification of a fuzzy (term, window) pair. First by the window's words alone,
//! which is cheap and where most windows stop: a window that cannot be a mis-hearing of the
//! term is never aligned. Then by sound: the window's reading aligned with each reading of
//! the term, which returns the measurements the evidence is made of.

use std::ops::Range;

use super::align::{align, similarity, similarity_at_most};
use super::index::{Term, glued_ortho};
use super::letters::said_as_word;
use super::lexicon::Lang;
use super::normalize::Gap;
use super::numbers;
use super::text::Text;
use super::window::{Anchors, stray_edge, touches_never_form};

/// What the words of a window that passed the screen are, for the alignment and the evidence.
pub struct Screened {
    /// The window's spelling key.
    pub ortho: String,
    pub anchors: Anchors,
    /// Ordinary words, no anchor, spelled as the term inflected (see `Fuzzy::inflected_word`).
    pub inflected_word: bool,
}

/// What the alignment of readings (and of spellings) measured.
pub struct Measured {
    /// Similarity of the window's reading and the term's best reading.
    pub sound: f64,
    /// Which reading of the term matched best.
    pub reading: usize,
    /// How well the weakest distinctive word of the term is covered.
    pub coverage: f64,
    /// A whole word at the window's edge matched nothing of the term.
    pub loose_edge: bool,
}

/// No window sounding less like a term than this is ever proposed (the echo floor, the
/// lowest of the gates).
pub const SOUND_FLOOR: f64 = 0.55;

/// The window's words, when they may be a mis-hearing of the term; `None` when they cannot,
/// or only an exact form could (see `retrieve::exact`).
pub fn screen(term: &Term, w: &Range<usize>, text: &Text) -> Option<Screened> {
    if !comparable_length(term, w, text)
        || !plausible(term, w, text)
        || !numbers::agree(term, w, text)
    {
        return None;
    }
    // The words first: most windows stop there, before their spelling is even glued.
    let anchors = Anchors::of(term, w, text);
    if !words_allow(term, w, text, anchors) {
        return None;
    }
    let ortho = glued_ortho(&text.tokens[w.clone()]);
    if *ortho == *term.ortho
        || term.never_says(&ortho)
        || touches_never_form(term, text, w)
        || (term.name.starts_with(char::is_lowercase) && inflected(&ortho, &term.ortho))
    {
        return None; // exact forms are handled by `exact`; `never` forms are off limits
    }
    let inflected_word = anchors.found == 0
        && same_word_inflected(&ortho, term)
        && text.all_common(w)
        && !silent_ending_of_name(term, w, text);
    Some(Screened {
        ortho,
        anchors,
        inflected_word,
    })
}

/// Whether the window's spelling is the term's with an inflection added or dropped (the
/// term's ending written as such: "Valmorine" is not "valmorin" in the feminine).
fn same_word_inflected(window: &str, term: &Term) -> bool {
    let term_ortho = &*term.ortho;
    if window.len() > term_ortho.len() {
        return inflection(window, term_ortho).is_some();
    }
    inflection(term_ortho, window).is_some_and(|ending| term.name.to_lowercase().ends_with(ending))
}

/// "du journal Lumière" for "Lumières": a word capitalised as a name, heard without the
/// ending the term adds to it, accents and all. A plural ending is often silent (always in
/// French): the recogniser could not hear it, and the capital says a name was meant.
fn silent_ending_of_name(term: &Term, w: &Range<usize>, text: &Text) -> bool {
    let heard = text.source(w.clone()).to_lowercase();
    let name = term.name.to_lowercase();
    let silent = |ending: &str| matches!(ending, "s" | "x");
    text.any_capitalised(w) && inflection(&name, &heard).is_some_and(silent)
}

/// The inflectional ending `longer` adds to `shorter`, if it adds one.
fn inflection<'a>(longer: &'a str, shorter: &str) -> Option<&'a str> {
    longer
        .strip_prefix(shorter)
        .filter(|rest| matches!(*rest, "s" | "x" | "e" | "es"))
}

/// A window much shorter or longer than every reading of the term cannot align well:
/// skip the alignment.
fn comparable_length(term: &Term, w: &Range<usize>, text: &Text) -> bool {
    let n: usize = w.clone().map(|i| text.reading(i).len()).sum();
    term.readings.iter().any(|r| {
        let m = r.phonemes.len();
        10 * n >= 6 * m && 10 * n <= 16 * m + 20
    })
}

/// Guards that need no alignment, checked first because most candidates fail them.
fn plausible(term: &Term, w: &Range<usize>, text: &Text) -> bool {
    let letters = text.letter_by_letter(w);
    if term.tokens.len() == 1
        && term.ortho.chars().count() <= 3
        && !letters
        && !said_as_word(term, w, text)
    {
        return false; // short names are too ambiguous for anything but aliases and spelled letters
    }
    let proper = term.name.starts_with(char::is_uppercase);
    if w.len() == 1 && proper && text.reads_as_word(w.start) {
        return false; // "d'origine anthropique": a real lowercase word, not a name heard wrong
    }
    // "Saint-Denis" is one name: a window never cuts a hyphenated compound.
    let hyphen = |i: usize| text.tokens.get(i).is_some_and(|t| t.gap == Gap::Hyphen);
    if hyphen(w.start) || hyphen(w.end) {
        return false;
    }
    // A web address is only heard as one when its dot is there.
    !term.domain || w.clone().any(|i| text.tokens[i].gap == Gap::Dot)
}

/// The term with a plural ending: the same word, rightly spelled. Only common-noun terms
/// ("nanoseconde") take plurals; a name or acronym with an extra letter is a mishearing.
fn inflected(window: &str, term: &str) -> bool {
    inflection(window, term).is_some_and(|ending| ending != "e")
}

/// Guards decided by the words alone, before any alignment: most windows stop here.
fn words_allow(term: &Term, w: &Range<usize>, text: &Text, anchors: Anchors) -> bool {
    let all_anchored = anchors.found == term.distinctive_count();
    // "and Mills" is not "Rand Mills": a function word is no name heard wrong.
    let only_function = anchors.unanchored(w).all(|i| text.is_function_word(i));
    // "Dubrec a": the next little word is not part of the name.
    // An all-anchors window is the right name in another frame ("du Parisien").
    // Ordinary speech ("le vin", "the door") stays as it is.
    let ordinary = w.clone().all(|i| text.is_ordinary(i)) && anchors.found == 0 && !term.domain;
    !(only_function || stray_edge(term, w, text) || all_anchored || ordinary)
}

/// The most `spelling` can be: every character the longer has over the other is an edit.
pub fn spelling_at_most(screened: &Screened, term: &Term) -> f64 {
    similarity_at_most(screened.ortho.chars().count(), term.ortho.chars().count())
}

/// Spelling similarity of the window and the term: 1 − edit distance / the longer's length
/// in characters.
pub fn spelling(screened: &Screened, term: &Term) -> f64 {
    let (a, b) = (&screened.ortho, &*term.ortho);
    if !(a.is_ascii() && b.is_ascii()) {
        return strsim::normalized_levenshtein(a, b);
    }
    // The same figure as strsim's, a byte a character, bit-parallel.
    similarity(a.as_bytes(), b.as_bytes())
}

/// Aligns the window's reading with every reading of the term; `None` when none reaches
/// `floor` (at least `SOUND_FLOOR`).
pub fn measure(term: &Term, w: &Range<usize>, text: &Text, floor: f64) -> Option<Measured> {
    let window = glued(w.clone().map(|i| text.reading(i)));
    let mut best: (f64, f64, usize) = (0.0, 0.0, 0);
    let mut loose_edge = false;
    // A name-like word also read as a foreign name: the better of the two readings counts.
    let as_names: Option<Vec<u8>> = text.any_name_reading(w).then(|| {
        glued(
            w.clone()
                .map(|i| text.name_reading(i).unwrap_or(text.reading(i))),
        )
    });
    let spoken = text.lang_at(w.start);
    for (k, r) in term.readings.iter().enumerate() {
        // The foreign-name reading is for the term's non-French readings: French ones have
        // the French sounds the ordinary reading gives.
        let as_name = as_names.as_ref().filter(|_| r.lang != Lang::Fr);
        // A reading in neither the spoken nor the term's language is a weaker witness.
        let foreign = r.lang != spoken && term.lang != Some(r.lang);
        let penalty = if foreign { 0.03 } else { 0.0 };
        for window in std::iter::once(&window).chain(as_name) {
            let floor = best.0.max(floor).max(SOUND_FLOOR) + penalty;
            let Some(a) = align(window, &r.phonemes, &r.ends, floor) else {
                continue;
            };
            let sim = a.similarity - penalty;
            let cov = term
                .distinctive
                .iter()
                .zip(&a.coverage)
                .filter(|(d, _)| **d)
                .map(|(_, c)| *c)
                .fold(1.0f64, f64::min);
            if sim > best.0 {
                best = (sim, cov, k);
                loose_edge = loose(&a.unmatched_edges, w, text);
            }
        }
    }
    if best.0 == 0.0 {
        return None;
    }
    Some(Measured {
        sound: best.0,
        coverage: best.1,
        reading: best.2,
        loose_edge,
    })
}

/// The words' readings glued together, a slice at a time (a byte at a time cost more than
/// many an alignment).
fn glued<'a>(readings: impl Iterator<Item = &'a str> + Clone) -> Vec<u8> {
    let mut out = Vec::with_capacity(readings.clone().map(str::len).sum());
    readings.for_each(|r| out.extend_from_slice(r.as_bytes()));
    out
}

/// Whether the first or last word of a multi-word window lies wholly outside the term.
fn loose(edges: &(usize, usize), w: &Range<usize>, text: &Text) -> bool {
    let first = text.reading(w.start).len();
    let last = text.reading(w.end - 1).len();
    w.len() > 1 && (edges.0 >= first || edges.1 >= last)
}
