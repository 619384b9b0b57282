//! The one type every consumer reads: a proposed fix with its evidence.

use serde::Serialize;
use std::ops::Range;

use crate::dictionary::{Kind, Origin};
use crate::matcher::model::Features;

/// A proposed replacement of one span of a transcript by a dictionary term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// Byte range in the transcript's original text.
    pub span: Range<usize>,
    /// 1-based line of the span's start.
    pub line: usize,
    /// 1-based column (in characters) of the span's start.
    pub column: usize,
    /// Timestamp of the caption the span belongs to, as written in the file.
    pub timestamp: Option<String>,
    /// The text as it stands.
    pub original: String,
    /// The text the fix writes.
    pub replacement: String,
    /// Canonical name of the dictionary entry.
    pub term: String,
    pub kind: Kind,
    /// Confidence in [0, 1]; fixes at or above the auto-apply point are applied by `fix`.
    pub score: f64,
    /// Why the matcher proposes this fix.
    pub reasons: Vec<Reason>,
    /// The entry's note, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Dictionary file and line of the entry, as `path:line`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dictionary: Option<Origin>,
    /// The evidence as the score model reads it; `None` where the model does not score the
    /// fix (restored capitals).
    #[serde(skip)]
    pub features: Option<Features>,
}

impl Serialize for Origin {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_args!("{}:{}", self.path.display(), self.line))
    }
}

/// One piece of evidence behind a proposal, in words a reviewer can check.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Reason {
    /// The span is a known mis-transcription listed in the entry's `aliases`.
    Alias { alias: String },
    /// The span equals the term once case, accents and separators are ignored.
    Spelling,
    /// The term written in lower case in a transcript that capitalises names: the fix only
    /// restores its capitals.
    Recapitalised,
    /// Sound similarity of the span and the term (weighted phoneme alignment).
    Sound {
        similarity: f64,
        heard: String,
        expected: String,
    },
    /// Spelling similarity (diacritic-free, separator-free).
    Orthography { similarity: f64 },
    /// The weakest word of the term still matched this well.
    Coverage { similarity: f64 },
    /// Words of the term found verbatim in the span.
    Anchors { words: Vec<String> },
    /// The window joins or splits words relative to the term.
    Segmentation {
        words_heard: usize,
        words_expected: usize,
    },
    /// Capitalised in mid-sentence, as a name would be.
    Capitalised,
    /// Same mis-hearing as a full match of the term elsewhere in this transcript.
    Consistency {
        full: String,
        /// Which word of the term: "first name", "surname" or "word".
        part: String,
        /// Timestamp of the caption where the full name was matched.
        at: Option<String>,
    },
    /// Margin over the next-best term for this span.
    Margin { over: String, by: f64 },
    /// What one feature of the evidence adds to the score (or takes from it), as the fitted
    /// model weighs it: its contribution to the log-odds. A proposal the model scores lists
    /// every feature that weighs, and the `base` every fix starts from, largest first, after
    /// the evidence; they add up to the score's log-odds, ln(score / (1 - score)).
    Weighs {
        feature: String,
        says: String,
        log_odds: f64,
    },
    /// The recogniser rated these words of the span low (the word confidences of a
    /// recogniser's JSON): a mis-hearing is more likely there. `probability` is the lowest.
    LowConfidence {
        words: Vec<String>,
        probability: f64,
    },
    /// The recogniser rated every mis-heard word of the span high (`probability` is the
    /// lowest): it heard them as written, so the fix is less likely right. Evidence for the
    /// reviewer; the score does not weigh it yet.
    HighConfidence {
        words: Vec<String>,
        probability: f64,
    },
}

impl Proposal {
    /// The edit that applying this proposal makes.
    pub fn edit(&self) -> crate::transcript::Edit {
        crate::transcript::Edit {
            span: self.span.clone(),
            replacement: self.replacement.clone(),
        }
    }
}
