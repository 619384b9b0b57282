//! What every command shares: the error it reports ([`Failure`]), how it ended ([`Outcome`]),
//! where its output goes ([`Streams`]), and the wording of paths, I/O errors and counts.
//!
//! At the bottom of the binary's modules: it imports none of them but `render`.

use std::io::Write;
use std::path::Path;

use crate::cli::render::{self, Colors};

/// How a successful run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Nothing to propose, or the requested files were written.
    Clean,
    /// Proposals were reported (check, diff).
    Found,
    /// Some inputs failed; their errors are already printed.
    Failed,
}

/// An error, already phrased as `<file>[:line:col]: message`; printed as `error: ...`.
#[derive(Debug)]
pub(crate) struct Failure(pub(crate) String);

impl Failure {
    pub(crate) fn at(name: &str, message: impl std::fmt::Display) -> Self {
        Failure(format!("{name}: {message}"))
    }
}

/// Colour decisions for stdout and stderr, and raw writes to them.
pub(crate) struct Streams {
    pub(crate) out: Colors,
    pub(crate) err: Colors,
}

impl Streams {
    pub(crate) fn detect() -> Self {
        let on = |choice| choice != anstream::ColorChoice::Never;
        Streams {
            out: Colors {
                on: on(anstream::AutoStream::choice(&std::io::stdout())),
            },
            err: Colors {
                on: on(anstream::AutoStream::choice(&std::io::stderr())),
            },
        }
    }

    pub(crate) fn stdout(&self, bytes: &[u8]) -> Result<(), Failure> {
        let mut out = std::io::stdout().lock();
        match out.write_all(bytes).and_then(|()| out.flush()) {
            // A closed pipe (`| head`) is the reader's choice, not an error worth reporting.
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(Failure(format!("<stdout>: {e}")))
            }
            _ => Ok(()),
        }
    }

    pub(crate) fn stderr(&self, text: &str) {
        let _ = std::io::stderr().write_all(text.as_bytes());
    }

    pub(crate) fn error(&self, Failure(message): &Failure) {
        let label = self.err.paint(render::style::ERROR, "error:");
        self.stderr(&format!("{label} {message}\n"));
    }
}

/// A path as the user wrote it, without a leading `./`.
pub(crate) fn display_path(path: &Path) -> String {
    let shown = path.strip_prefix(".").unwrap_or(path);
    shown.display().to_string()
}

/// An I/O error in lower case, without the `(os error N)` suffix.
pub(crate) fn io_message(e: &std::io::Error) -> String {
    transfix::io_message(e)
}

/// How many of `fixes` are expected to be wrong: a score is the probability that its fix is
/// right, so the sum of 1 - score. (A fix the model does not score, a listed alias or
/// restored capitals, counts with its fixed score the same way.)
pub(crate) fn expected_wrong<'a>(fixes: impl IntoIterator<Item = &'a transfix::Proposal>) -> f64 {
    fixes.into_iter().map(|p| 1.0 - p.score).sum()
}

/// "about 0.4 expected wrong", as the summaries say it.
pub(crate) fn about_wrong(expected: f64) -> String {
    format!("about {expected:.1} expected wrong")
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::render::text::tests::proposal_in;

    #[test]
    fn the_expected_wrong_fixes_are_the_sum_of_the_doubts() {
        let sure = proposal_in("et Ada Lovlace", "Ada Lovlace", "Ada Lovelace", 0.9);
        let unsure = proposal_in("et Ada Lovlace", "Ada Lovlace", "Ada Lovelace", 0.6);
        let expected = expected_wrong([&sure, &unsure]);
        assert!((expected - 0.5).abs() < 1e-9);
        assert_eq!(about_wrong(expected), "about 0.5 expected wrong");
    }
}
