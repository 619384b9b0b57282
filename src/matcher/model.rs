//! The score model: the probability that a fix is right, from its evidence.
//!
//! A logistic regression over named features of the evidence (`Features`): each feature's
//! weight times its value is its contribution to the log-odds, so a proposal's score is
//! explained feature by feature. The weights are fitted on the gold sets (see
//! `scripts/fit-score.sh`) and read at build time from `data/score_model.toml`.

use serde::Deserialize;
use std::sync::OnceLock;

use super::evidence::{Basis, Evidence, Fuzzy};
use super::index::Term;
use super::lexicon::{Lang, Lexicon};
use super::text::Text;
use std::ops::Range;

/// The features, in order: name (as the model file writes it) and what it says, in words a
/// reviewer understands.
pub const FEATURES: [(&str, &str); 30] = [
    ("fuzzy", "heard, not spelled"),
    ("sound", "sounds alike"),
    ("spelling", "spelled alike"),
    ("coverage", "the term's words heard"),
    ("anchors", "words of the term found as is"),
    ("one_word_term", "a one-word term"),
    ("split_or_merged", "words split or merged"),
    ("capital", "capitalised as a name"),
    ("unusual", "a word no word list holds"),
    ("caseless", "a transcript without capitals"),
    ("ordinary_window", "ordinary words of the language"),
    ("ordinary_others", "the other words ordinary"),
    ("named_elsewhere", "named elsewhere in the transcript"),
    ("echo", "a word of the name heard again"),
    ("low_confidence", "the recogniser doubted the words"),
    ("far_spelling", "spelled far from the term"),
    ("short_term", "a short term"),
    ("term_length", "the term's length"),
    ("english", "English speech"),
    (
        "spelling_restored",
        "same spelling, accents or separators aside",
    ),
    ("doubtful_spelling", "same spelling, but ordinary words"),
    ("consistency", "a word of a name established here"),
    ("runner_up", "another term fits almost as well"),
    (
        "dictionary_size",
        "the dictionary's size (against 100 terms)",
    ),
    ("known_words", "words of the language's word list"),
    ("frequent_words", "frequent words of the language"),
    ("term_of_words", "a term made of ordinary words"),
    ("strength", "the match's strength (sound, spelling, words)"),
    (
        "strength_in_large",
        "the match's strength, in a large dictionary",
    ),
    ("high_confidence", "the recogniser was sure of the words"),
];

/// A show's dictionary holds about this many terms: the dictionary's size counts from there,
/// so that what weighs in a score says "large dictionary" only of one.
const TYPICAL_TERMS: f64 = 100.0;

/// The model's intercept, as `Model::weighed` names it.
pub const BASE: (&str, &str) = ("base", "any fix, before its evidence");

/// Number of features.
pub const N: usize = FEATURES.len();

/// One proposal's feature values, in the order of `FEATURES`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Features(pub [f64; N]);

impl Features {
    /// The features of a candidate with evidence `e` for `term`; `None` for a basis the model
    /// does not score (a claim proposes nothing; restored capitals change no word; a listed
    /// alias is the user's own word, and the gold sets hold none to fit it on).
    /// `terms`: how many terms the dictionary holds (a large one holds a near-sounding name
    /// for almost any phrase).
    /// `strength`: the hand-weighed blend of the evidence (`score::of`) that orders the
    /// candidates, as log-odds. Worked out for proposals only, not in the matching itself.
    pub(crate) fn of(
        (e, strength): (&Evidence, f64),
        term: &Term,
        (text, w): (&Text, Range<usize>),
        terms: usize,
    ) -> Option<Features> {
        let mut x = [0.0; N];
        match &e.basis {
            Basis::Fuzzy(f) => {
                fuzzy(f, &mut x);
                x[24] = f64::from(u8::from(w.clone().all(|i| text.is_known(i))));
                x[25] = f64::from(u8::from(w.clone().all(|i| text.is_frequent(i))));
            }
            Basis::Spelling(s) => {
                let doubtful = s.glued_phrase || s.stray_edge;
                x[if doubtful { 20 } else { 19 }] = 1.0;
            }
            Basis::Alias => return None,
            Basis::Consistency(c) => x[21] = c.established,
            Basis::Claim | Basis::Recase(_) => return None,
        }
        let letters = term.ortho.chars().count();
        x[16] = f64::from(u8::from(letters <= 4));
        x[17] = (letters as f64).ln();
        x[18] = f64::from(u8::from(text.lang_at(w.start) == Lang::En));
        x[22] = f64::from(u8::from(e.margin.is_some()));
        x[23] = (terms.max(1) as f64 / TYPICAL_TERMS).log10();
        x[26] = f64::from(u8::from(of_words(term)));
        let s = strength.clamp(0.01, 0.99);
        x[27] = (s / (1.0 - s)).ln();
        x[28] = x[27] * x[23];
        Some(Features(x))
    }
}

fn fuzzy(f: &Fuzzy, x: &mut [f64; N]) {
    let flag = |b: bool| f64::from(u8::from(b));
    x[0] = 1.0;
    x[1] = f.sound;
    x[2] = f.ortho;
    x[3] = f.coverage;
    x[4] = f.anchor_share;
    x[5] = flag(f.term_words == 1);
    x[6] = flag(f.window_words != f.term_words);
    x[7] = flag(f.capitalised);
    x[8] = flag(f.unusual);
    x[9] = flag(f.caseless);
    x[10] = flag(f.all_common);
    x[11] = flag(f.ordinary_words);
    x[12] = flag(f.named_elsewhere);
    x[13] = flag(f.echo);
    x[14] = flag(f.low_confidence.is_some());
    x[15] = flag(f.ortho < 0.35 && f.sound < 0.95);
    x[29] = flag(f.high_confidence.is_some());
}

/// Every word of the term is ordinary speech in some language ("Bluebell", "Lighthouse").
fn of_words(term: &Term) -> bool {
    let common = |w: &str| Lang::ALL.iter().any(|&l| Lexicon::get(l).is_common(w));
    term.tokens.iter().all(|t| common(t.lower()))
}

/// The fitted model, as `data/score_model.toml` holds it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// The log-odds of a fix with every feature at 0.
    pub intercept: f64,
    /// One weight per feature, by name, in the order of `FEATURES`.
    pub weights: Vec<Weight>,
    /// The lowest score at which the fits' cross-validated precision reaches the bar.
    pub auto_apply: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weight {
    pub feature: String,
    pub weight: f64,
}

impl Model {
    /// The model built into this binary.
    pub fn built_in() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| {
            let model: Model = toml::from_str(include_str!("../../data/score_model.toml"))
                .expect("data/score_model.toml is checked by the tests");
            assert!(
                model.matches_features(),
                "data/score_model.toml: features differ"
            );
            model
        })
    }

    /// Whether the weights name the features of `FEATURES`, in order.
    pub fn matches_features(&self) -> bool {
        self.weights.len() == N
            && (self.weights.iter().zip(FEATURES)).all(|(w, (name, _))| w.feature == name)
    }

    /// Each feature's contribution to the log-odds.
    pub fn contributions(&self, x: &Features) -> [f64; N] {
        let mut out = [0.0; N];
        for (k, (w, v)) in self.weights.iter().zip(x.0).enumerate() {
            out[k] = w.weight * v;
        }
        out
    }

    /// What weighs in the score, largest first: the base (`BASE`) and each feature's
    /// contribution, as (feature name, what it says, log-odds); they add up to the score's
    /// log-odds. Features that add nothing are left out.
    pub fn weighed(&self, x: &Features) -> Vec<(&'static str, &'static str, f64)> {
        let base = std::iter::once((BASE.0, BASE.1, self.intercept));
        let features = (FEATURES.iter().zip(self.contributions(x)))
            .filter(|(_, c)| c.abs() > 1e-9)
            .map(|(&(name, says), c)| (name, says, c));
        let mut all: Vec<_> = base.chain(features).collect();
        all.sort_by(|a, b| b.2.abs().total_cmp(&a.2.abs()));
        all
    }

    /// The probability that the fix is right.
    pub fn probability(&self, x: &Features) -> f64 {
        let z = self.intercept + self.contributions(x).iter().sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_model_names_every_feature_in_order() {
        let model: Model = toml::from_str(include_str!("../../data/score_model.toml")).unwrap();
        assert!(model.matches_features());
        assert!((0.0..=1.0).contains(&model.auto_apply));
    }

    #[test]
    fn what_weighs_comes_largest_first_and_adds_up() {
        let model = Model::built_in();
        let mut x = Features::default();
        x.0[0] = 1.0;
        x.0[1] = 0.9;
        x.0[27] = 2.0;
        let weighed = model.weighed(&x);
        assert_eq!(weighed.len(), 4, "{weighed:?}");
        assert!(weighed.windows(2).all(|w| w[0].2.abs() >= w[1].2.abs()));
        let p = model.probability(&x);
        let z: f64 = weighed.iter().map(|w| w.2).sum();
        assert!((p.ln() - (1.0 - p).ln() - z).abs() < 1e-9);
    }

    #[test]
    fn contributions_add_up_to_the_log_odds() {
        let model = Model::built_in();
        let mut x = Features::default();
        x.0[0] = 1.0;
        x.0[1] = 0.9;
        let p = model.probability(&x);
        let z: f64 = model.intercept + model.contributions(&x).iter().sum::<f64>();
        assert!((p.ln() - (1.0 - p).ln() - z).abs() < 1e-9);
    }
}
