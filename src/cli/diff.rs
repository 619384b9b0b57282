//! `transfix diff`: the fixes `fix` would apply, as a unified diff of each whole input, and
//! exit status 2 if it is not empty.

use std::path::PathBuf;

use crate::cli::common::{Failure, Outcome, Streams, expected_wrong};
use crate::cli::context::Context;
use crate::cli::input::read_input;
use crate::cli::mode::{Mode, Report};
use crate::cli::walk::Source;

pub(crate) struct Diff {
    pub(crate) min_score: f64,
    pub(crate) files: Vec<PathBuf>,
}

impl Mode for Diff {
    fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The diff is made from the whole file, read at once.
    fn file(&self, source: &Source, context: &Context) -> Result<Report, Failure> {
        let matcher = context.shared.matcher;
        let mut notes = context.notes.borrow_mut();
        let input = read_input(&source.path, matcher, context.options(), &mut notes)?;
        let diff = input.diff(self.min_score, context.streams().out)?;
        let encoding = input.transcript.encoding();
        if !diff.is_empty() && encoding.is_utf16() {
            notes.push_str(&format!(
                "{}: the diff is shown in UTF-8 and does not apply to this {} file; `transfix fix` corrects it in {}
",
                input.name,
                encoding.name(),
                encoding.name()
            ));
        }
        context
            .ticket
            .advance(input.transcript.original().len() as u64);
        let applied: Vec<_> = (input.proposals.iter())
            .filter(|p| !diff.is_empty() && p.score >= self.min_score)
            .collect();
        Ok(Report {
            stdout: diff,
            proposals: input.proposals.len(),
            fixes: applied.len(),
            files: usize::from(!applied.is_empty()),
            expected_wrong: expected_wrong(applied),
            ..Report::default()
        })
    }

    fn finish(&self, totals: &Report, _: &Streams, _: bool) -> Outcome {
        Report::outcome(totals.fixes)
    }
}
