//! The score model's fit: labelled proposals from the gold sets, a logistic regression
//! cross-validated by file, its reliability table and the auto-apply point.
//!
//! A proposal is labelled right when it makes (part of) a gold fix: its replacement is what
//! the gold fix writes on its words. Proposals that only restore capitals are neither (the
//! gold files leave case-only fixes out), and the model does not score them.

use std::collections::BTreeMap;

use transfix::matcher::model::{FEATURES, Features, Model, N, Weight};
use transfix::{Index, Matcher, Transcript};

use super::gold::Case;

/// One labelled proposal.
#[derive(Debug, Clone)]
pub struct Sample {
    /// The gold file it comes from: the folds keep a file's every variant together.
    pub file: String,
    /// Which dictionary and case: "per-show", "big", ...
    pub set: &'static str,
    pub x: Features,
    pub right: bool,
    /// The hand-weighed strength of its evidence (`score::of`), which the model's score
    /// replaces: the figure the fit is compared with.
    pub hand: f64,
    /// What it changes, and into what (for the verbose report).
    pub change: String,
}

/// The labelled proposals of `cases`, each matched with its index.
pub fn samples(cases: &[Case], indexes: &[&Index], set: &'static str) -> Vec<Sample> {
    let mut out = Vec::new();
    for (case, index) in cases.iter().zip(indexes.iter().cycle()) {
        let Ok(t) = Transcript::parse(&case.bytes) else {
            continue;
        };
        let source = t.source();
        for p in Matcher::new(index).find(&t) {
            let Some(x) = p.features else { continue };
            if let Some(right) = label(case, source, &p.span, &p.replacement) {
                out.push(Sample {
                    file: base_name(&case.name),
                    set,
                    x,
                    right,
                    hand: strength(&x),
                    change: format!("{} -> {}", &source[p.span.clone()], p.replacement),
                });
            }
        }
    }
    out
}

/// The samples as CSV (set, file, right, hand, each feature), for analysis outside.
pub fn csv(samples: &[Sample]) -> String {
    let names: Vec<&str> = FEATURES.iter().map(|(n, _)| *n).collect();
    let mut out = format!("set,file,right,hand,{},change\n", names.join(","));
    for s in samples {
        let x: Vec<String> = s.x.0.iter().map(|v| format!("{v:.4}")).collect();
        let change = s.change.replace(['"', ','], " ");
        let (set, file, right) = (s.set, s.file.replace(',', " "), u8::from(s.right));
        out += &format!(
            "{set},{file},{right},{:.4},{},{change}\n",
            s.hand,
            x.join(",")
        );
    }
    out
}

/// The hand-weighed strength, from its log-odds among the features (clamped to 0.01-0.99).
fn strength(x: &Features) -> f64 {
    let (k, _) = (FEATURES.iter().enumerate())
        .find(|(_, (name, _))| *name == "strength")
        .expect("a strength feature");
    1.0 / (1.0 + (-x.0[k]).exp())
}

/// A caseless variant keeps its file's name: one file, one fold.
fn base_name(name: &str) -> String {
    name.trim_end_matches(" (caseless)").to_owned()
}

/// Right, wrong, or `None` for a change of case only.
fn label(case: &Case, source: &str, span: &std::ops::Range<usize>, repl: &str) -> Option<bool> {
    let original = &source[span.clone()];
    if original.to_lowercase() == repl.to_lowercase() {
        return None;
    }
    let raw = &case.raw;
    if raw.len() != source.len() {
        return Some(false); // not comparable (a decoded file): no gold span can be trusted
    }
    let right = case.spans.iter().any(|g| {
        if g.start <= span.start && span.end <= g.end {
            let whole = format!(
                "{}{repl}{}",
                &raw[g.start..span.start],
                &raw[span.end..g.end]
            );
            norm(&whole) == norm(&g.right) || norm(&g.right).contains(&norm(repl))
        } else if span.start <= g.start && g.end <= span.end {
            let whole = format!(
                "{}{}{}",
                &raw[span.start..g.start],
                g.right,
                &raw[g.end..span.end]
            );
            norm(&whole) == norm(repl)
        } else {
            false
        }
    });
    Some(right)
}

/// Letters and digits, lower case: how the gold and the fix are compared.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Weights of features the gold sets never show, set by hand (no gold file has word
/// probabilities): the recogniser's own doubt adds about 0.05 to a score near 0.8, its
/// certainty takes as much away.
const PRIORS: [(&str, f64); 2] = [("low_confidence", 0.3), ("high_confidence", -0.3)];

/// L2 penalties on the weights (not the intercept) tried by `best_ridge`: a stronger one
/// keeps rare features' weights small and ranks crowded dictionaries' matches better, a
/// weaker one calibrates more closely.
pub const RIDGES: [f64; 4] = [1.0, 3.0, 10.0, 30.0];

/// Newton's method on the penalised log-likelihood (a few dozen features: the Hessian is
/// small enough to solve directly).
/// The model's `auto_apply` is left at 0: the caller sets it from the cross-validation.
pub fn fit(samples: &[&Sample], ridge: f64) -> Model {
    let dim = N + 1;
    let mut beta = vec![0.0; dim];
    for _ in 0..50 {
        let mut grad = vec![0.0; dim];
        let mut hess = vec![vec![0.0; dim]; dim];
        for s in samples {
            let row = design_row(&s.x);
            let z: f64 = row.iter().zip(&beta).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let y = f64::from(u8::from(s.right));
            let w = (p * (1.0 - p)).max(1e-9);
            for i in 0..dim {
                grad[i] += (y - p) * row[i];
                for j in 0..dim {
                    hess[i][j] += w * row[i] * row[j];
                }
            }
        }
        for i in 1..dim {
            grad[i] -= ridge * beta[i];
            hess[i][i] += ridge;
        }
        let step = solve(hess, grad);
        let size: f64 = step.iter().map(|d| d.abs()).fold(0.0, f64::max);
        for (b, d) in beta.iter_mut().zip(&step) {
            *b += d;
        }
        if size < 1e-8 {
            break;
        }
    }
    let mut weights = [0.0; N];
    weights.copy_from_slice(&beta[1..]);
    for (k, w) in weights.iter_mut().enumerate() {
        if samples.iter().all(|s| s.x.0[k] == 0.0) {
            *w = PRIORS
                .iter()
                .find(|p| p.0 == FEATURES[k].0)
                .map_or(0.0, |p| p.1);
        }
    }
    Model {
        intercept: beta[0],
        weights: (FEATURES.iter().zip(weights))
            .map(|((name, _), weight)| Weight {
                feature: (*name).to_owned(),
                weight,
            })
            .collect(),
        auto_apply: 0.0,
    }
}

fn design_row(x: &Features) -> Vec<f64> {
    std::iter::once(1.0).chain(x.0).collect()
}

/// Solves `a · d = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        b.swap(col, pivot);
        let d = a[col][col];
        if d.abs() < 1e-12 {
            continue;
        }
        let (upper, lower) = a.split_at_mut(col + 1);
        let pivot_row = &upper[col];
        for (r, row) in lower.iter_mut().enumerate() {
            let f = row[col] / d;
            for (x, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= f * p;
            }
            b[col + 1 + r] -= f * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let s: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = if a[row][row].abs() < 1e-12 {
            0.0
        } else {
            (b[row] - s) / a[row][row]
        };
    }
    x
}

pub const FOLDS: usize = 5;

/// A file's fold: a stable hash of its name.
fn fold_of(file: &str) -> usize {
    let h = file.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    (h % FOLDS as u64) as usize
}

/// The ridge of `RIDGES` whose cross-validated log-loss is lowest.
pub fn best_ridge(samples: &[Sample]) -> f64 {
    let loss = |ridge: f64| -> f64 {
        let p = cross_validated(samples, ridge);
        (samples.iter().zip(p))
            .map(|(s, p)| -(if s.right { p } else { 1.0 - p }).clamp(1e-6, 1.0).ln())
            .sum()
    };
    (RIDGES.iter().map(|&r| (r, loss(r))))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map_or(RIDGES[0], |(r, _)| r)
}

/// Each sample's probability from the model fitted on the other folds' files.
pub fn cross_validated(samples: &[Sample], ridge: f64) -> Vec<f64> {
    let mut out = vec![0.0; samples.len()];
    for k in 0..FOLDS {
        let train: Vec<&Sample> = (samples.iter()).filter(|s| fold_of(&s.file) != k).collect();
        let model = fit(&train, ridge);
        for (i, s) in samples.iter().enumerate() {
            if fold_of(&s.file) == k {
                out[i] = model.probability(&s.x);
            }
        }
    }
    out
}

/// One bin of a reliability table.
#[derive(Debug, Default, Clone)]
pub struct Bin {
    pub count: usize,
    pub score_sum: f64,
    pub right: usize,
}

/// Ten bins of width 0.1 (1.0 in the last).
pub fn reliability(pairs: impl Iterator<Item = (f64, bool)>) -> Vec<Bin> {
    let mut bins = vec![Bin::default(); 10];
    for (p, right) in pairs {
        let b = &mut bins[((p * 10.0) as usize).min(9)];
        b.count += 1;
        b.score_sum += p;
        b.right += usize::from(right);
    }
    bins
}

/// Expected calibration error: the bins' gaps between mean score and share right, weighted
/// by their sizes.
pub fn ece(bins: &[Bin]) -> f64 {
    let total: usize = bins.iter().map(|b| b.count).sum();
    if total == 0 {
        return 0.0;
    }
    (bins.iter().filter(|b| b.count > 0))
        .map(|b| {
            (b.score_sum / b.count as f64 - b.right as f64 / b.count as f64).abs() * b.count as f64
        })
        .sum::<f64>()
        / total as f64
}

/// The table as text, one bin a line.
pub fn table(bins: &[Bin]) -> String {
    let mut out = String::from("  bin        proposals  mean score  share right\n");
    for (k, b) in bins.iter().enumerate().filter(|(_, b)| b.count > 0) {
        out += &format!(
            "  {:.1}-{:.1}    {:>9}  {:>10.3}  {:>11.3}\n",
            k as f64 / 10.0,
            (k + 1) as f64 / 10.0,
            b.count,
            b.score_sum / b.count as f64,
            b.right as f64 / b.count as f64
        );
    }
    out
}

/// The lowest score at which the proposals scoring at least that much are right at least
/// `precision` of the time.
pub fn auto_point(pairs: &[(f64, bool)], precision: f64) -> f64 {
    let mut sorted = pairs.to_vec();
    sorted.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut right, mut best) = (0usize, 1.0);
    for (n, (p, ok)) in sorted.iter().enumerate() {
        right += usize::from(*ok);
        if right as f64 >= precision * (n + 1) as f64 {
            best = *p;
        }
    }
    best
}

/// The model file: the fitted weights, by feature name, and the auto-apply point, with the
/// fit report as comments.
/// Two decimals, rounded up: the point the text output shows is the one `fix` uses.
pub fn rounded_up(point: f64) -> f64 {
    (point * 100.0 - 1e-9).ceil() / 100.0
}

pub fn model_file(model: &Model, auto_apply: f64, report: &str) -> String {
    let mut out = String::new();
    for line in report.lines() {
        out += &format!("# {line}\n");
    }
    let auto_apply = rounded_up(auto_apply);
    out += &format!(
        "intercept = {:.6}\nauto_apply = {auto_apply:.2}\n",
        model.intercept
    );
    for w in &model.weights {
        let (name, weight) = (&w.feature, w.weight);
        out += &format!("\n[[weights]]\nfeature = \"{name}\"\nweight = {weight:.6}\n");
    }
    out
}

/// Counts per set: proposals and share right.
pub fn by_set(samples: &[Sample]) -> BTreeMap<&'static str, (usize, usize)> {
    let mut out: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    for s in samples {
        let e = out.entry(s.set).or_default();
        e.0 += 1;
        e.1 += usize::from(s.right);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(raw: &str, wrong: &str, right: &str) -> Case {
        let start = raw.find(wrong).unwrap();
        Case {
            name: "t.txt".into(),
            gold_path: Default::default(),
            transcript_path: Default::default(),
            bytes: raw.as_bytes().to_vec(),
            raw: raw.into(),
            terms: Vec::new(),
            spans: vec![super::super::score::Span {
                start,
                end: start + wrong.len(),
                right: right.into(),
                level: String::new(),
                kind: String::new(),
            }],
            negatives: Vec::new(),
        }
    }

    #[test]
    fn a_proposal_is_right_when_it_writes_the_gold_fix_or_part_of_it() {
        let raw = "then Sofia Belnaud spoke in Paris";
        let c = case(raw, "Sofia Belnaud", "Sophie Belnot");
        let at = |w: &str| raw.find(w).unwrap()..raw.find(w).unwrap() + w.len();
        assert_eq!(
            label(&c, raw, &at("Sofia Belnaud"), "Sophie Belnot"),
            Some(true)
        );
        assert_eq!(label(&c, raw, &at("Belnaud"), "Belnot"), Some(true));
        assert_eq!(label(&c, raw, &at("Belnaud"), "Bernaud"), Some(false));
        assert_eq!(label(&c, raw, &at("Paris"), "Parigi"), Some(false));
        // A change of case only is neither.
        assert_eq!(label(&c, raw, &at("then"), "Then"), None);
    }

    #[test]
    fn ece_is_the_weighted_gap_between_score_and_share_right() {
        let calibrated =
            reliability([(0.75, true), (0.75, true), (0.75, true), (0.75, false)].into_iter());
        assert!(ece(&calibrated) < 1e-9);
        let overconfident = reliability([(0.9, false), (0.9, false)].into_iter());
        assert!((ece(&overconfident) - 0.9).abs() < 1e-9);
    }

    #[test]
    fn the_auto_point_is_the_lowest_score_keeping_the_precision() {
        let pairs = [
            (0.9, true),
            (0.8, true),
            (0.7, false),
            (0.6, true),
            (0.5, false),
        ];
        assert_eq!(auto_point(&pairs, 0.75), 0.6);
        assert_eq!(auto_point(&pairs, 1.0), 0.8);
    }

    #[test]
    fn the_fit_weighs_a_telling_feature() {
        let sample = |sound: f64, right: bool| {
            let mut x = Features::default();
            x.0[1] = sound;
            Sample {
                file: String::new(),
                set: "t",
                x,
                right,
                hand: 0.0,
                change: String::new(),
            }
        };
        let samples: Vec<Sample> = (0..40)
            .map(|k| sample(k as f64 / 40.0, k % 40 >= 15 || k % 7 == 0))
            .collect();
        let refs: Vec<&Sample> = samples.iter().collect();
        let model = fit(&refs, 1.0);
        assert!(model.weights[1].weight > 1.0, "{model:?}");
        assert!(model.probability(&samples[39].x) > model.probability(&samples[0].x));
    }
}
