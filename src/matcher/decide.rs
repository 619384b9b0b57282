//! Stage 5, decision: whether a fuzzy candidate's evidence is enough to be proposed at all.
//! (The words alone already rejected most windows in `verify::screen`, before the costly
//! alignment; what is decided across candidates, overlaps and margins, is in `resolve`.)

use super::MIN_SCORE;
use super::evidence::{Basis, Evidence};
use super::verify::SOUND_FLOOR;

/// Whether the evidence is enough: a claim or an alias is; a restored spelling unless it
/// is ordinary speech (see `Spelling`); a fuzzy match must clear the floors.
pub fn admits(e: &Evidence) -> bool {
    let f = match &e.basis {
        Basis::Fuzzy(f) => f,
        Basis::Spelling(s) => return !(s.ordinary_word || s.short_ordinary),
        _ => return true,
    };
    if f.inflected_word {
        return false;
    }
    if f.ordinary_words && f.coverage < 0.85 {
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

/// Whether a candidate scoring `score` is worth a reviewer's time.
pub fn worth_review(score: f64) -> bool {
    score >= MIN_SCORE
}
