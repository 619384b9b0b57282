//! `transfix fix`: corrected copies of the inputs, written as they are matched (a long file
//! is never whole in memory), atomically, below the output directory or in place; `-` to
//! stdout.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use transfix::Proposal;
use transfix::transcript::WriteError;

use crate::cli::common::{
    Failure, Outcome, Streams, about_wrong, display_path, expected_wrong, io_message, plural,
};
use crate::cli::context::Context;
use crate::cli::destination::{DEFAULT_OUT_DIR, corrected_path_below};
use crate::cli::input::{Part, Parts, is_stdin};
use crate::cli::mode::{Mode, Report};
use crate::cli::render::{Colors, style};
use crate::cli::walk::Source;
use crate::cli::write::{keep_backup, write_atomic_with};

pub(crate) struct Fix {
    pub(crate) out_dir: Option<PathBuf>,
    pub(crate) min_score: f64,
    pub(crate) in_place: bool,
    pub(crate) backup: bool,
    pub(crate) files: Vec<PathBuf>,
}

impl Fix {
    fn out_dir(&self) -> PathBuf {
        self.out_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_OUT_DIR))
    }

    /// Where the corrected copy of `source` goes; `None` for stdin (to stdout).
    fn destination(&self, source: &Source) -> Result<Option<PathBuf>, Failure> {
        let file = &source.path;
        if is_stdin(file) {
            return Ok(None);
        }
        let name = display_path(file);
        let relative = source.relative.as_deref();
        let out_dir = self.out_dir.as_deref();
        corrected_path_below(&name, file, relative, out_dir, self.in_place).map(Some)
    }

    /// Writes the corrected parts to `dest` as they come, atomically; returns what was
    /// applied and what was left below the threshold.
    fn write(&self, parts: &mut Parts, dest: &Path) -> Result<Counts, Failure> {
        if self.backup {
            keep_backup(dest)?;
        }
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            // A subdirectory of the output, for a file found below a walked directory.
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure::at(&display_path(dir), io_message(&e)))?;
        }
        let mut counts = Counts::default();
        let name = parts.name.clone();
        let written = write_atomic_with(dest, |out| {
            for part in parts.by_ref() {
                counts.add(self.write_part(&part?, &name, out)?);
            }
            Ok::<_, WriteFailure>(())
        });
        written.map_err(|e| match e {
            WriteFailure::Failed(failure) => failure,
            WriteFailure::Io(e) => Failure::at(&display_path(dest), io_message(&e)),
        })?;
        Ok(counts)
    }

    /// The corrected text of `-`, kept until its turn comes: stdout is written in input order.
    fn write_stdout(&self, parts: &mut Parts) -> Result<(Vec<u8>, Counts), Failure> {
        let mut out = Vec::new();
        let mut counts = Counts::default();
        let name = parts.name.clone();
        for part in parts.by_ref() {
            let written = self.write_part(&part?, &name, &mut out);
            counts.add(written.map_err(|e| match e {
                WriteFailure::Failed(failure) => failure,
                WriteFailure::Io(e) => Failure(format!("<stdout>: {e}")),
            })?);
        }
        Ok((out, counts))
    }

    /// Writes one corrected part; returns what was applied and what was left below the
    /// threshold.
    fn write_part(
        &self,
        part: &Part,
        name: &str,
        out: &mut dyn Write,
    ) -> Result<Counts, WriteFailure> {
        let applied: Vec<&Proposal> = (part.proposals.iter())
            .filter(|p| p.score >= self.min_score)
            .collect();
        let edits: Vec<_> = applied.iter().map(|p| p.edit()).collect();
        part.transcript.write_to(&edits, out).map_err(|e| match e {
            WriteError::Io(e) => WriteFailure::Io(e),
            WriteError::Transcript(e) => {
                WriteFailure::Failed(Failure::at(name, format!("cannot apply the fixes: {e}")))
            }
        })?;
        Ok(Counts {
            applied: edits.len(),
            below: part.proposals.len() - edits.len(),
            expected_wrong: expected_wrong(applied),
        })
    }

    /// `NAME → TARGET: N fixes applied (about X expected wrong)`, and how many were left
    /// below the threshold.
    fn summary(&self, name: &str, target: &str, counts: &Counts, c: Colors) -> String {
        let mut line = format!(
            "{} → {}: {} applied",
            c.paint(style::PATH, name),
            c.paint(style::PATH, target),
            plural(counts.applied, "fix", "fixes"),
        );
        if counts.applied > 0 {
            line.push_str(&format!(" ({})", about_wrong(counts.expected_wrong)));
        }
        if counts.below > 0 {
            line.push_str(&format!(
                "; {} more below {:.2}, see `transfix check`",
                counts.below, self.min_score
            ));
        }
        line.push('\n');
        line
    }
}

/// What a correction did: fixes applied, how many of them are expected wrong, and
/// proposals left below the threshold.
#[derive(Default)]
struct Counts {
    applied: usize,
    below: usize,
    expected_wrong: f64,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.applied += other.applied;
        self.below += other.below;
        self.expected_wrong += other.expected_wrong;
    }
}

/// Why writing a corrected file stopped: the input failed, or the output could not be written.
enum WriteFailure {
    Failed(Failure),
    Io(std::io::Error),
}

impl From<std::io::Error> for WriteFailure {
    fn from(e: std::io::Error) -> Self {
        WriteFailure::Io(e)
    }
}

impl From<Failure> for WriteFailure {
    fn from(failure: Failure) -> Self {
        WriteFailure::Failed(failure)
    }
}

impl Mode for Fix {
    fn files(&self) -> &[PathBuf] {
        &self.files
    }

    fn avoid(&self) -> Option<PathBuf> {
        (!self.in_place).then(|| self.out_dir())
    }

    /// Two inputs written to one file, or a copy over its own input, are refused before
    /// anything is written.
    fn prepare(&self, sources: &[Source]) -> Result<(), Failure> {
        let mut seen = HashSet::new();
        for source in sources {
            let Some(dest) = self.destination(source)? else {
                continue;
            };
            let key = std::fs::canonicalize(&dest).unwrap_or_else(|_| dest.clone());
            if !seen.insert(key) {
                return Err(Failure::at(
                    &display_path(&source.path),
                    format!("another input is also written to {}", display_path(&dest)),
                ));
            }
        }
        if !self.in_place && !seen.is_empty() {
            let dir = self.out_dir();
            std::fs::create_dir_all(&dir)
                .map_err(|e| Failure::at(&display_path(&dir), io_message(&e)))?;
        }
        Ok(())
    }

    fn file(&self, source: &Source, context: &Context) -> Result<Report, Failure> {
        let mut parts = Parts::open(&source.path, context)?;
        let mut report = Report::default();
        let (target, counts) = match self.destination(source)? {
            None => {
                let (out, counts) = self.write_stdout(&mut parts)?;
                report.stdout = out;
                ("<stdout>".to_owned(), counts)
            }
            Some(dest) => (display_path(&dest), self.write(&mut parts, &dest)?),
        };
        report.proposals = counts.applied + counts.below;
        report.fixes = counts.applied;
        report.files = usize::from(counts.applied > 0);
        report.expected_wrong = counts.expected_wrong;
        let colors = context.streams().err;
        report.stderr = self.summary(&parts.name, &target, &counts, colors);
        Ok(report)
    }

    fn finish(&self, _: &Report, _: &Streams, _: bool) -> Outcome {
        Outcome::Clean
    }
}
