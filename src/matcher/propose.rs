//! Stage 7, proposals: a chosen candidate as the `Proposal` a reviewer sees, cut where it runs
//! across caption breaks, with the reasons behind it spelled out from its evidence.

use super::Candidate;
use super::evidence::{Basis, Fuzzy};
use super::index::{Index, Term};
use super::model::{Features, Model};
use super::text::Text;
use super::window::{Anchors, anchor_words};
use crate::dictionary::Kind;
use crate::proposal::{Proposal, Reason};
use crate::transcript::Transcript;

/// The proposal of a candidate, or one per segment when it runs across segments (captions,
/// lines of a caption, timed words): the replacement's words are shared out so that each
/// part stays in its own segment (see `slots` and `share_out`). A candidate that cannot be
/// shared out is dropped.
pub fn proposals(
    c: &Candidate,
    index: &Index,
    text: &Text,
    transcript: &Transcript,
) -> Vec<Proposal> {
    let whole = proposal(c, index, text, transcript);
    let cuts = text.cues(c.start..c.end);
    if cuts.is_empty() {
        return vec![whole];
    }
    let words: Vec<&str> = c.replacement.split(' ').collect();
    let bounds: Vec<usize> = std::iter::once(c.start)
        .chain(cuts)
        .chain(std::iter::once(c.end))
        .collect();
    let shares = if text.one_caption(&(c.start..c.end)) {
        Some(slots(&bounds, words.len()))
            .filter(|shares| empties_only_timed_words(shares, &bounds, text))
    } else {
        None
    };
    let Some(shares) = shares.or_else(|| share_out(&bounds, words.len())) else {
        return Vec::new();
    };
    let mut taken = 0;
    (bounds.windows(2).zip(shares))
        .map(|(part, n)| {
            let span = text.span(part[0]..part[1]);
            let (line, column) = transcript.line_col(span.start);
            let replacement = words[taken..taken + n].join(" ");
            taken += n;
            Proposal {
                original: transcript.source()[span.clone()].to_owned(),
                replacement,
                timestamp: text.timestamp(part[0]).map(str::to_owned),
                span,
                line,
                column,
                ..whole.clone()
            }
        })
        // A part already right ("Ada" of "Ada | Lovlace") needs no fix of its own.
        .filter(|p| p.original != p.replacement)
        .collect()
}

fn proposal(c: &Candidate, index: &Index, text: &Text, transcript: &Transcript) -> Proposal {
    let span = text.span(c.start..c.end);
    let (line, column) = transcript.line_col(span.start);
    let term = index.term(c.term);
    let features = Features::of(
        (&c.evidence, c.score),
        term,
        (text, c.start..c.end),
        index.len(),
    );
    Proposal {
        original: transcript.source()[span.clone()].to_owned(),
        replacement: c.replacement.clone(),
        term: term.name.to_string(),
        kind: term.kind,
        timestamp: text.timestamp(c.start).map(str::to_owned),
        score: score(c.score, features.as_ref()),
        reasons: explain(c, term, text)
            .into_iter()
            .chain(weighs(features.as_ref()))
            .collect(),
        note: term.note.as_deref().map(str::to_owned),
        dictionary: term.origin.as_deref().cloned(),
        features,
        span,
        line,
        column,
    }
}

/// The score a reviewer sees: the fitted model's probability that the fix is right, for the
/// evidence it scores; otherwise (a listed alias, a claim, capitals restored) the candidate's
/// fixed strength. Rounded to three decimals, and short of certainty: the model never is.
fn score(strength: f64, features: Option<&Features>) -> f64 {
    let p = features.map_or(strength, |x| {
        Model::built_in().probability(x).min(MOST_LIKELY)
    });
    (p * 1000.0).round() / 1000.0
}

/// What weighs in the model's score, as reasons (none where the model does not score).
fn weighs(features: Option<&Features>) -> Vec<Reason> {
    let Some(x) = features else {
        return Vec::new();
    };
    (Model::built_in().weighed(x).into_iter())
        .map(|(feature, says, log_odds)| Reason::Weighs {
            feature: feature.to_owned(),
            says: says.to_owned(),
            log_odds: (log_odds * 100.0).round() / 100.0,
        })
        .collect()
}

/// The highest score the model gives.
const MOST_LIKELY: f64 = 0.999;

/// Within one caption, the parts are word slots (timed words) or lines: the replacement's
/// words take them in order, as many as each part has words; extra words join the last
/// part, and a part left without a word is emptied (its tags and timing stay).
fn slots(bounds: &[usize], words: usize) -> Vec<usize> {
    let parts = bounds.len() - 1;
    let mut given = 0;
    (bounds.windows(2).enumerate())
        .map(|(k, part)| {
            let n = if k + 1 == parts {
                words - given
            } else {
                (part[1] - part[0]).min(words - given)
            };
            given += n;
            n
        })
        .collect()
}

/// Whether the parts given no word are timed words of a line, each after another part on its
/// line: emptied, their tags and timings stay. A line of a cue is never emptied (a blank line
/// would end an SRT or WebVTT cue, and what is left would start with a stray space).
fn empties_only_timed_words(shares: &[usize], bounds: &[usize], text: &Text) -> bool {
    let source = text.whole_source();
    (1..shares.len()).all(|k| {
        let before = text.span(bounds[k - 1]..bounds[k]).end;
        let start = text.span(bounds[k]..bounds[k + 1]).start;
        shares[k] > 0 || !source[before..start].contains(['\n', '\r'])
    })
}

/// How many of `words` replacement words each part between consecutive `bounds` (token
/// positions) gets: in proportion to the tokens it holds, at least one each.
fn share_out(bounds: &[usize], words: usize) -> Option<Vec<usize>> {
    let parts = bounds.len() - 1;
    if words < parts {
        return None;
    }
    let total = (bounds[parts] - bounds[0]) as f64;
    let mut shares = Vec::with_capacity(parts);
    let mut given = 0;
    for j in 1..=parts {
        let left = parts - j; // parts after this one, each needing a word
        let cumulative = ((bounds[j] - bounds[0]) as f64 / total * words as f64).round() as usize;
        let upto = cumulative.clamp(given + 1, words - left);
        shares.push(upto - given);
        given = upto;
    }
    Some(shares)
}

/// The reasons behind a candidate, in words a reviewer can check.
fn explain(c: &Candidate, term: &Term, text: &Text) -> Vec<Reason> {
    let w = c.start..c.end;
    let mut reasons = match &c.evidence.basis {
        Basis::Claim => Vec::new(),
        Basis::Spelling(_) => vec![Reason::Spelling],
        Basis::Recase(_) => vec![Reason::Recapitalised],
        Basis::Alias => vec![Reason::Alias {
            alias: text.source(w).to_owned(),
        }],
        Basis::Fuzzy(f) => fuzzy_reasons(f, term, c, text),
        Basis::Consistency(k) => vec![Reason::Consistency {
            full: term.name.to_string(),
            part: part_name(term, k.word).to_owned(),
            at: text.timestamp(k.full_at).map(str::to_owned),
        }],
    };
    if let Some(m) = &c.evidence.margin {
        reasons.push(Reason::Margin {
            over: m.over.clone(),
            by: round(m.by),
        });
    }
    reasons
}

/// The measured features of a fuzzy match, and the words they are about.
fn fuzzy_reasons(f: &Fuzzy, term: &Term, c: &Candidate, text: &Text) -> Vec<Reason> {
    let w = c.start..c.end;
    let heard: Vec<&str> = w.clone().map(|i| text.reading(i)).collect();
    let reading = &term.readings[usize::from(f.reading)];
    let expected: Vec<String> = (0..term.tokens.len())
        .map(|k| String::from_utf8_lossy(reading.words(k..k + 1)).into_owned())
        .collect();
    let mut reasons = vec![
        Reason::Sound {
            similarity: reported(f.sound),
            heard: words_ipa(&heard),
            expected: words_ipa(&expected),
        },
        Reason::Orthography {
            similarity: reported(f.ortho),
        },
        Reason::Coverage {
            similarity: reported(f.coverage),
        },
    ];
    if f.anchors > 0 {
        reasons.push(Reason::Anchors {
            words: anchor_words(term, &w, text),
        });
    }
    if f.window_words != f.term_words {
        reasons.push(Reason::Segmentation {
            words_heard: f.window_words,
            words_expected: f.term_words,
        });
    }
    if f.capitalised {
        reasons.push(Reason::Capitalised);
    }
    if let Some(lowest) = f.low_confidence {
        let unsure = Anchors::of(term, &w, text)
            .unanchored(&w)
            .filter(|&i| text.unsure(i));
        reasons.push(Reason::LowConfidence {
            words: unsure.map(|i| text.source(i..i + 1).to_owned()).collect(),
            probability: round(lowest),
        });
    }
    if let Some(lowest) = f.high_confidence {
        let words = Anchors::of(term, &w, text).unanchored(&w);
        reasons.push(Reason::HighConfidence {
            words: words.map(|i| text.source(i..i + 1).to_owned()).collect(),
            probability: round(lowest),
        });
    }
    reasons
}

/// Word readings in IPA, one space between words.
fn words_ipa<S: AsRef<str>>(words: &[S]) -> String {
    let words: Vec<String> = (words.iter())
        .map(|w| super::phonetic::ipa(w.as_ref()))
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

/// What word `k` of a term is, for a reviewer: "surname of Ada Lovelace".
fn part_name(term: &Term, k: usize) -> &'static str {
    match term.kind {
        Kind::Person if k == 0 => "first name",
        Kind::Person if k + 1 == term.tokens.len() => "surname",
        _ => "word",
    }
}

/// A measured similarity as reported: at the precision the evidence was first kept in
/// (`f32`), so that the figures a reviewer saw stay the same (rounding the `f64` itself would
/// move some by 0.01).
fn reported(x: f64) -> f64 {
    round(f64::from(x as f32))
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
