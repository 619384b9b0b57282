//! Stage 5, decision: whether a fuzzy candidate's evidence is enough to be proposed at all.
//! (The words alone already rejected most windows in `verify::screen`, before the costly
//! alignment; what is decided across candidates, overlaps and margins, is in `resolve`.)

use super::MIN_STRENGTH;
use super::evidence::{Basis, Evidence, Fuzzy};
use super::verify::SOUND_FLOOR;

/// Whether the evidence is enough: a claim or an alias is; a restored spelling unless it
/// is ordinary speech (see `Spelling`); a fuzzy match must clear the floors.
pub fn admits(e: &Evidence) -> bool {
    let f = match &e.basis {
        Basis::Fuzzy(f) => f,
        Basis::Spelling(s) => return !(s.ordinary_word || s.short_ordinary || s.spells_word),
        _ => return true,
    };
    if f.inflected_word || f.swaps_words {
        return false;
    }
    if f.ordinary_words && f.coverage < 0.85 && !anchored_name(f) {
        return false; // ordinary words standing where the term's words should be need a close sound
    }
    // A term the transcript names elsewhere, heard again with one of its words intact,
    // may have its other words heard further off, if a capital marks them as a name too.
    let (floor, sound_floor) = if f.echo {
        (0.3, SOUND_FLOOR)
    } else {
        (0.5, 0.6)
    };
    !(f.coverage < floor || f.sound < sound_floor || f.loose_edge)
}

/// Ordinary words next to a word of the term found as is, where that word says a name is
/// being said: without capitals ("camille rosier"), or with a capital of its own ("la
/// fontaine de Vaubrac" for "Font-de-Vaubrac"). A close sound, every word covered, and no
/// more words than the term has (an ordinary word after the name is not part of it) will
/// then do.
fn anchored_name(f: &Fuzzy) -> bool {
    (f.caseless || f.capital_anchor)
        && f.anchors > 0
        && f.sound >= 0.8
        && f.coverage >= 0.6
        && f.window_words <= f.term_words
}

/// Whether a candidate scoring `score` is worth a reviewer's time.
pub fn worth_review(score: f64) -> bool {
    score >= MIN_STRENGTH
}
