//! Whether a fuzzy fix would only swap words of the language for other words of a language.
//!
//! The recogniser writes words it knows: where it wrote ordinary words and a term says other
//! ordinary words in their place, the sounds alone cannot say a name was meant. A large
//! dictionary holds many such terms (ordinary words in capitals without their accents,
//! institutions named with everyday words), and each would otherwise claim every near
//! homophone in the transcript.

use std::ops::Range;

use super::index::Term;
use super::lexicon::{Lexicon, drops_accents_anywhere};
use super::text::Text;

/// Whether the fix of `w` into `term` only swaps ordinary words:
/// - the term writes, where the window has ordinary words or numbers, an ordinary word
///   without its accents ("Europeen" for "European", "PRETE" for "prête"): a word, not a name;
/// - in a text that capitalises names, lowercase ordinary words where the term has frequent
///   words of the language ("la sale verte" for a term "Salle Verte"), unless `named`: a
///   word of the term beside them has the capital of a name ("la sale Verte",
///   `Fuzzy::capital_anchor`);
/// - no word in common, and both the window and the term wholly frequent words: one
///   institution's name for another's ("Grand Conseil" for "Grande Commission").
pub fn swaps_words(term: &Term, w: &Range<usize>, text: &Text, named: bool) -> bool {
    // Without allocating: most candidates fail the first test.
    let heard = || w.clone().filter(|&i| !said_as_is(term, i, text));
    let said = || {
        (term.tokens.iter())
            .filter(|t| !w.clone().any(|i| text.tokens[i].ortho() == t.ortho()))
            .map(|t| t.lower())
    };
    let ordinary = |i: usize| text.is_common(i) || number(text, i);
    if heard().next().is_none() || said().next().is_none() || !heard().all(ordinary) {
        return false;
    }
    let frequent = |word: &str| Lexicon::get(text.lang_at(w.start)).is_frequent(word);
    let twin = |word: &str| drops_accents_anywhere(word);
    let lower = !named && heard().all(|i| text.lower_case_says_ordinary(i));
    said().any(twin)
        || (lower && said().all(|s| frequent(s) || twin(s)))
        || (heard().count() == w.len() && names_of_frequent_words(term, w, text))
}

/// A word of the window spelled as a word of the term.
fn said_as_is(term: &Term, i: usize, text: &Text) -> bool {
    let ortho = text.tokens[i].ortho();
    term.tokens.iter().any(|t| t.ortho() == ortho)
}

/// A number written in digits: what the recogniser heard as a number.
fn number(text: &Text, i: usize) -> bool {
    super::numbers::digits(text.tokens[i].ortho())
}

/// Two words or more on each side, every one a frequent word of the language (a single
/// letter is no word of a name).
fn names_of_frequent_words(term: &Term, w: &Range<usize>, text: &Text) -> bool {
    let lexicon = Lexicon::get(text.lang_at(w.start));
    let word = |lower: &str| lower.chars().count() > 1 && lexicon.is_frequent(lower);
    w.len() > 1
        && term.tokens.len() > 1
        && w.clone().all(|i| word(text.tokens[i].lower()))
        && term.tokens.iter().all(|t| word(t.lower()))
}
