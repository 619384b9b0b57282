//! What `check`, `diff` and `fix` have in common: each is a [`Mode`] that turns one input into
//! its output and a [`Report`], then sums up. Small strategy types behind one trait, each in
//! its own module; `cli::batch` drives them over the inputs.

use std::path::PathBuf;

use crate::cli::common::{Failure, Outcome, Streams};
use crate::cli::context::Context;
use crate::cli::walk::Source;

pub(crate) trait Mode: Sync {
    fn files(&self) -> &[PathBuf];

    /// A directory a walk must not enter: where the corrected copies go.
    fn avoid(&self) -> Option<PathBuf> {
        None
    }

    /// Checks that concern the inputs together, done before any is read.
    fn prepare(&self, _sources: &[Source]) -> Result<(), Failure> {
        Ok(())
    }

    /// One input's output (stdout is written in input order) and its counts.
    fn file(&self, source: &Source, context: &Context) -> Result<Report, Failure>;

    /// The closing summary, once every input is done; a batch's comes as a table.
    fn finish(&self, totals: &Report, streams: &Streams, batch: bool) -> Outcome;

    /// The mode's columns of a batch's table.
    fn columns(&self, totals: &Report) -> Vec<(&'static str, String)> {
        vec![
            ("proposals", totals.proposals.to_string()),
            ("fixes", totals.fixes.to_string()),
            ("expected-wrong", format!("{:.1}", totals.expected_wrong)),
        ]
    }
}

/// What one input gave, or (summed) every input.
#[derive(Debug, Default)]
pub(crate) struct Report {
    pub(crate) stdout: Vec<u8>,
    pub(crate) stderr: String,
    /// Proposals shown (check) or found (diff, fix).
    pub(crate) proposals: usize,
    /// Fixes applied (diff, fix) or that `fix` applies by default (check).
    pub(crate) fixes: usize,
    /// Inputs with at least one proposal shown (check) or fix applied (diff, fix).
    pub(crate) files: usize,
    /// How many of `fixes` are expected to be wrong: the sum of 1 - score (a score is the
    /// probability that the fix is right).
    pub(crate) expected_wrong: f64,
}

impl Report {
    pub(crate) fn add(&mut self, other: &Report) {
        self.proposals += other.proposals;
        self.fixes += other.fixes;
        self.files += other.files;
        self.expected_wrong += other.expected_wrong;
    }

    pub(crate) fn outcome(count: usize) -> Outcome {
        if count > 0 {
            Outcome::Found
        } else {
            Outcome::Clean
        }
    }
}
