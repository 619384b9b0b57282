//! Stage 6, the score: a function of the evidence alone, the confidence that a candidate is
//! the right fix. Exact forms have fixed scores; a fuzzy match weighs its measured features.

use super::evidence::{Basis, Evidence, Fuzzy, Recase, Spelling};

/// Score of a fix that only restores accents, separators or apostrophes.
const SPELLING_SCORE: f64 = 0.97;
/// Score of a restored spelling that may as well be ordinary words (see `Spelling`).
const DOUBTFUL_SPELLING_SCORE: f64 = 0.6;
/// Score of a name's capitals restored: a reader wants them, and nothing else changes.
const RECASE_SCORE: f64 = 0.9;
/// Score of a one-word name's capitals restored where the lexicon knows it as a word too:
/// for review.
const DOUBTFUL_RECASE_SCORE: f64 = 0.6;
/// Score of a listed alias.
const ALIAS_SCORE: f64 = 1.0;
/// A lone word of a full name scores a little less than the full name.
const CONSISTENCY_SHARE: f64 = 0.95;
/// Taken off a candidate another term fits almost as well: leave it to review.
const MARGIN_PENALTY: f64 = 0.1;
/// A spelling sharing less than this with the term's says the words were another name...
const FAR_SPELLING: f64 = 0.35;
/// ...unless they sound just like it ("Faubert" for "Phaubaire").
const SAME_SOUND: f64 = 0.95;
/// Taken off a fuzzy candidate whose spelling is far and whose sound is not the same: a large
/// dictionary holds, for almost any name, another name that sounds near it spelled otherwise.
/// A nudge (it takes a match near the auto-apply point to review), not a veto.
const FAR_SPELLING_PENALTY: f64 = 0.06;
/// Added to a fuzzy candidate of a term the transcript names elsewhere (see
/// `Fuzzy::named_elsewhere`): more likely spoken here, but never a reason alone.
const NAMED_ELSEWHERE_BONUS: f64 = 0.05;
/// Added to a fuzzy candidate whose mis-heard words the recogniser rated low.
const LOW_CONFIDENCE_BONUS: f64 = 0.05;

/// The score of a candidate with evidence `e`.
pub fn of(e: &Evidence) -> f64 {
    let score = match &e.basis {
        Basis::Claim => 1.0,
        Basis::Spelling(s) => spelling(s),
        Basis::Recase(r) => recase(r),
        Basis::Alias => ALIAS_SCORE,
        Basis::Fuzzy(f) => fuzzy(f),
        Basis::Consistency(c) => c.established * CONSISTENCY_SHARE,
    };
    if e.margin.is_some() {
        (score - MARGIN_PENALTY).max(0.0)
    } else {
        score
    }
}

fn spelling(s: &Spelling) -> f64 {
    if s.glued_phrase || s.stray_edge {
        DOUBTFUL_SPELLING_SCORE
    } else {
        SPELLING_SCORE
    }
}

fn recase(r: &Recase) -> f64 {
    if r.known_word {
        DOUBTFUL_RECASE_SCORE
    } else {
        RECASE_SCORE
    }
}

/// The score of a fuzzy match's features.
pub fn fuzzy(f: &Fuzzy) -> f64 {
    let single = f.term_words == 1;
    // Calibrated on the development set so that AUTO_APPLY sits where precision stays high.
    let mut s = 0.1 + 0.6 * f.sound + 0.15 * f.coverage + 0.15 * f.ortho + 0.1 * f.anchor_share;
    if f.all_common && f.anchor_share == 0.0 {
        s -= if single { 0.15 } else { 0.08 }; // a capital alone is weak evidence against a dictionary word
    }
    if single && f.sound < 0.8 {
        s -= 0.1;
    }
    if f.ortho < FAR_SPELLING && f.sound < SAME_SOUND {
        s -= FAR_SPELLING_PENALTY;
    }
    // A name marked by a capital or, without capitals, by words no lexicon holds as ordinary.
    if f.capitalised || f.unusual {
        s += 0.03;
    }
    if f.echo {
        s += 0.15;
    } else if f.named_elsewhere {
        s += NAMED_ELSEWHERE_BONUS;
    }
    // The recogniser itself doubted a word the fix is about (kept small: a nudge, never a
    // reason alone to apply a fix).
    if f.low_confidence.is_some() {
        s += LOW_CONFIDENCE_BONUS;
    }
    s.min(0.99)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(sound: f64, ortho: f64) -> Fuzzy {
        Fuzzy {
            sound,
            ortho,
            coverage: sound,
            reading: 0,
            anchors: 0,
            anchor_share: 0.0,
            loose_edge: false,
            window_words: 1,
            term_words: 1,
            capitalised: true,
            caseless: false,
            unusual: false,
            all_common: false,
            ordinary_words: false,
            capital_anchor: false,
            named_elsewhere: false,
            echo: false,
            inflected_word: false,
            swaps_words: false,
            low_confidence: None,
            high_confidence: None,
        }
    }

    #[test]
    fn a_far_spelling_needs_the_same_sound() {
        let gap = |sound: f64| fuzzy(&features(sound, 0.4)) - fuzzy(&features(sound, 0.3));
        // Near the same sound, only the spelling's own weight separates them.
        assert!((gap(0.97) - 0.15 * 0.1).abs() < 1e-9);
        // Further off, the far spelling costs more than its weight.
        assert!((gap(0.9) - 0.15 * 0.1 - FAR_SPELLING_PENALTY).abs() < 1e-9);
    }
}
