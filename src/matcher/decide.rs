//! Stage 5, decision: whether a fuzzy candidate's evidence is enough to be proposed at all.
//! (The words alone already rejected most windows in `verify::screen`, before the costly
//! alignment; what is decided across candidates, overlaps and margins, is in `resolve`.)

use super::MIN_STRENGTH;
use super::evidence::{Basis, Evidence, Fuzzy};
use super::score;
use super::verify::SOUND_FLOOR;

/// Whether the evidence is enough: a claim or an alias is; a restored spelling unless it
/// is ordinary speech (see `Spelling`); a fuzzy match must clear the floors.
pub fn admits(e: &Evidence) -> bool {
    match &e.basis {
        Basis::Fuzzy(f) => admits_fuzzy(f),
        Basis::Spelling(s) => !(s.ordinary_word || s.short_ordinary || s.spells_word),
        _ => true,
    }
}

/// Whether a fuzzy match clears the floors.
fn admits_fuzzy(f: &Fuzzy) -> bool {
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

/// The least sound with which a fuzzy match whose other features are `f` (the measured ones
/// at their best, see `Fuzzy::heard`) could be admitted and worth review, less a hair; `None`
/// when not even a perfect sound would do. The alignment gives up below it: a match it would
/// find there is one these stages drop.
pub fn sound_needed(f: &Fuzzy) -> Option<f64> {
    let enough = |sound: f64| {
        let f = Fuzzy { sound, ..*f };
        admits_fuzzy(&f) && worth_review(score::fuzzy(&f))
    };
    if !enough(1.0) {
        return None;
    }
    // The admission and the score only grow with the sound: halve the interval where the
    // least enough sound lies, and keep the side below it.
    let (mut low, mut high) = (0.0, 1.0);
    for _ in 0..12 {
        let mid = 0.5 * (low + high);
        if enough(mid) {
            high = mid;
        } else {
            low = mid;
        }
    }
    Some(low)
}

/// Whether a candidate scoring `score` is worth a reviewer's time.
pub fn worth_review(score: f64) -> bool {
    score >= MIN_STRENGTH
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed pseudo-random walk in [0, 1] (xorshift).
    struct Walk(u64);

    impl Walk {
        fn next(&mut self) -> f64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % 1000) as f64 / 999.0
        }

        fn flag(&mut self) -> bool {
            self.next() < 0.5
        }
    }

    /// Features as `Fuzzy::heard` makes them: the measured ones at their best, the spelling
    /// similarity a bound.
    fn heard(walk: &mut Walk) -> Fuzzy {
        let anchors = usize::from(walk.flag());
        Fuzzy {
            sound: 1.0,
            ortho: walk.next(),
            coverage: 1.0,
            reading: 0,
            anchors,
            anchor_share: if anchors > 0 { walk.next() } else { 0.0 },
            loose_edge: false,
            window_words: if walk.flag() { 1 } else { 2 },
            term_words: if walk.flag() { 1 } else { 3 },
            capitalised: walk.flag(),
            caseless: walk.flag(),
            unusual: walk.flag(),
            all_common: walk.flag(),
            ordinary_words: walk.flag(),
            capital_anchor: walk.flag(),
            named_elsewhere: walk.flag(),
            echo: walk.flag(),
            inflected_word: walk.next() < 0.05,
            swaps_words: false,
            low_confidence: walk.flag().then_some(0.3),
            high_confidence: None,
        }
    }

    fn kept(f: &Fuzzy) -> bool {
        admits_fuzzy(f) && worth_review(score::fuzzy(f))
    }

    /// No match the stages admit and keep sounds below the floor its features set with the
    /// measured ones at their best: the alignment may give up below it.
    #[test]
    fn the_sound_needed_loses_no_match() {
        let mut walk = Walk(0x9e37_79b9_7f4a_7c15);
        let mut kept_matches = 0;
        for _ in 0..20_000 {
            let best = heard(&mut walk);
            let needed = sound_needed(&best);
            for _ in 0..5 {
                let measured = Fuzzy {
                    sound: walk.next(),
                    coverage: walk.next(),
                    ortho: best.ortho * walk.next(),
                    loose_edge: walk.next() < 0.1,
                    echo: best.echo && walk.flag(),
                    swaps_words: walk.next() < 0.1,
                    ..best
                };
                if kept(&measured) {
                    kept_matches += 1;
                    let needed = needed.expect("a floor where a match is kept");
                    assert!(measured.sound > needed, "{measured:?} under {needed}");
                }
            }
        }
        assert!(kept_matches > 1_000, "{kept_matches}");
    }

    /// The floor is no lower than it needs to be: a hair above it, the best features pass.
    #[test]
    fn the_sound_needed_is_the_least_that_passes() {
        let mut walk = Walk(0x2545_f491_4f6c_dd1d);
        for _ in 0..2_000 {
            let f = heard(&mut walk);
            let Some(needed) = sound_needed(&f) else {
                assert!(!kept(&f));
                continue;
            };
            let at = |sound| Fuzzy { sound, ..f };
            assert!(!kept(&at(needed)));
            assert!(kept(&at(needed + 1e-3)), "{f:?} at {needed}");
        }
    }
}
