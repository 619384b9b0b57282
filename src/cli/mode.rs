//! The modes of `check`, `diff` and `fix`: each turns one input into its output, then sums
//! up. Small strategy types behind one trait; `cli::run` drives them.

use std::cell::RefCell;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use transfix::Proposal;
use transfix::transcript::{ReadOptions, WriteError};

use crate::cli::input::{Part, Parts, display_path, io_message, is_stdin, read_input};
use crate::cli::progress::Ticket;
use crate::cli::render;
use crate::cli::walk::Source;
use crate::cli::workers::Pool;
use crate::cli::write::{keep_backup, same_file, write_atomic_with};
use crate::cli::{DEFAULT_OUT_DIR, Failure, Format, Outcome, Shared, Streams, plural};

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
    fn columns(&self, totals: &Report) -> Vec<(&'static str, usize)> {
        vec![("proposals", totals.proposals), ("fixes", totals.fixes)]
    }
}

/// What one input is read and matched with, on the thread that does it.
pub(crate) struct Context<'c, 's> {
    pub(crate) shared: &'c Shared<'s>,
    /// The pool the input's pieces are matched on (`None` with `-j 1`).
    pub(crate) pool: Pool<'c, 's>,
    /// The layout to read it as: `--format-in`, or Whisper JSON for a `.json` a walk found.
    pub(crate) format: Option<transfix::Format>,
    /// What is said about the input on the way (stderr), printed before its output.
    pub(crate) notes: RefCell<String>,
    pub(crate) ticket: Ticket,
}

impl<'c, 's> Context<'c, 's> {
    pub(crate) fn parts(&'c self, file: &Path) -> Result<Parts<'c, 's>, Failure> {
        Parts::open(file, self)
    }

    pub(crate) fn options(&self) -> ReadOptions {
        ReadOptions {
            format: self.format,
            ..self.shared.options
        }
    }

    pub(crate) fn streams(&self) -> &Streams {
        self.shared.streams
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
}

impl Report {
    pub(crate) fn add(&mut self, other: &Report) {
        self.proposals += other.proposals;
        self.fixes += other.fixes;
        self.files += other.files;
    }

    pub(crate) fn outcome(count: usize) -> Outcome {
        if count > 0 {
            Outcome::Found
        } else {
            Outcome::Clean
        }
    }
}

pub(crate) struct Check {
    pub(crate) format: Format,
    pub(crate) explain: bool,
    pub(crate) min_score: f64,
    pub(crate) files: Vec<PathBuf>,
}

impl Mode for Check {
    fn files(&self) -> &[PathBuf] {
        &self.files
    }

    fn file(&self, source: &Source, context: &Context) -> Result<Report, Failure> {
        let mut parts = context.parts(&source.path)?;
        let mut out = String::new();
        let mut report = Report::default();
        let name = parts.name.clone();
        for part in parts.by_ref() {
            self.render(&mut out, &name, &part?, context.streams(), &mut report);
        }
        report.files = usize::from(report.proposals > 0);
        report.stdout = out.into_bytes();
        Ok(report)
    }

    fn finish(&self, totals: &Report, streams: &Streams, batch: bool) -> Outcome {
        let auto = transfix::matcher::AUTO_APPLY;
        if totals.proposals > 0 && self.format != Format::Json && !batch {
            streams.stderr(&format!(
                "{} in {}: {} applied by `transfix fix` (score >= {auto:.2}), {} to review\n",
                plural(totals.proposals, "proposal", "proposals"),
                plural(totals.files, "file", "files"),
                totals.fixes,
                totals.proposals - totals.fixes,
            ));
        }
        Report::outcome(totals.proposals)
    }

    fn columns(&self, totals: &Report) -> Vec<(&'static str, usize)> {
        vec![
            ("proposals", totals.proposals),
            ("auto-fix", totals.fixes),
            ("review", totals.proposals - totals.fixes),
        ]
    }
}

impl Check {
    fn render(
        &self,
        out: &mut String,
        name: &str,
        part: &Part,
        streams: &Streams,
        report: &mut Report,
    ) {
        let auto = transfix::matcher::AUTO_APPLY;
        let opts = render::text::Options {
            snippet: self.format == Format::Text,
            explain: self.explain,
            auto_apply: auto,
            colors: streams.out,
        };
        for p in part.proposals.iter().filter(|p| p.score >= self.min_score) {
            match self.format {
                Format::Json => {
                    // Spans in JSON are the file's, for tools that edit it.
                    let start = part.base.byte;
                    let shifted = Proposal {
                        span: p.span.start + start..p.span.end + start,
                        ..p.clone()
                    };
                    out.push_str(&render::json::proposal(name, &shifted, auto));
                    out.push('\n');
                }
                Format::Text | Format::Brief => {
                    let source = part.transcript.source();
                    render::text::proposal(out, name, source, p, opts);
                    if opts.snippet {
                        out.push('\n');
                    }
                }
            }
            report.proposals += 1;
            report.fixes += usize::from(p.score >= auto);
        }
    }
}

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
        let applied = if diff.is_empty() {
            0
        } else {
            input.edits(self.min_score).len()
        };
        Ok(Report {
            stdout: diff,
            proposals: input.proposals.len(),
            fixes: applied,
            files: usize::from(applied > 0),
            ..Report::default()
        })
    }

    fn finish(&self, totals: &Report, _: &Streams, _: bool) -> Outcome {
        Report::outcome(totals.fixes)
    }
}

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

    /// Writes the corrected parts to `dest` as they come, atomically; returns how many fixes
    /// were applied and how many proposals were left below the threshold.
    fn write(&self, parts: &mut Parts, dest: &Path) -> Result<(usize, usize), Failure> {
        if self.backup {
            keep_backup(dest)?;
        }
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            // A subdirectory of the output, for a file found below a walked directory.
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure::at(&display_path(dir), io_message(&e)))?;
        }
        let mut counts = (0, 0);
        let name = parts.name.clone();
        let written = write_atomic_with(dest, |out| {
            for part in parts.by_ref() {
                counts = add(counts, self.write_part(&part?, &name, out)?);
            }
            Ok::<_, WriteFailure>(())
        });
        written.map_err(|e| match e {
            WriteFailure::Failed(failure) => failure,
            WriteFailure::Io(e) => Failure::at(&display_path(dest), io_message(&e)),
        })?;
        Ok(counts)
    }

    /// Writes one corrected part; returns (fixes applied, proposals left below the threshold).
    fn write_part(
        &self,
        part: &Part,
        name: &str,
        out: &mut dyn Write,
    ) -> Result<(usize, usize), WriteFailure> {
        let edits: Vec<_> = (part.proposals.iter())
            .filter(|p| p.score >= self.min_score)
            .map(Proposal::edit)
            .collect();
        part.transcript.write_to(&edits, out).map_err(|e| match e {
            WriteError::Io(e) => WriteFailure::Io(e),
            WriteError::Transcript(e) => {
                WriteFailure::Failed(Failure::at(name, format!("cannot apply the fixes: {e}")))
            }
        })?;
        Ok((edits.len(), part.proposals.len() - edits.len()))
    }
}

fn add(a: (usize, usize), b: (usize, usize)) -> (usize, usize) {
    (a.0 + b.0, a.1 + b.1)
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

/// Where the corrected copy of the file at `path` goes: under its own name in `out_dir`
/// (default `corrected/`), or over itself when `in_place`. Never over the input otherwise.
pub(crate) fn corrected_path(
    name: &str,
    path: &Path,
    out_dir: Option<&Path>,
    in_place: bool,
) -> Result<PathBuf, Failure> {
    corrected_path_below(name, path, None, out_dir, in_place)
}

/// [`corrected_path`] of a file found by a walk: `relative`, its path below the walked
/// directory, is kept below `out_dir` (`talks/day1/a.srt` from `talks` goes to
/// `corrected/day1/a.srt`).
pub(crate) fn corrected_path_below(
    name: &str,
    path: &Path,
    relative: Option<&Path>,
    out_dir: Option<&Path>,
    in_place: bool,
) -> Result<PathBuf, Failure> {
    if in_place {
        return Ok(path.to_owned());
    }
    let Some(file_name) = path.file_name() else {
        return Err(Failure::at(name, "not a file name"));
    };
    let below = relative.unwrap_or(Path::new(file_name));
    let dest = out_dir.unwrap_or(Path::new(DEFAULT_OUT_DIR)).join(below);
    if same_file(&dest, path) {
        return Err(Failure::at(
            name,
            format!(
                "the corrected copy would overwrite the input ({}); pass --in-place to correct it in place, or another --out-dir",
                display_path(&dest)
            ),
        ));
    }
    Ok(dest)
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
        let mut parts = context.parts(&source.path)?;
        let mut report = Report::default();
        let (target, (applied, below)) = match self.destination(source)? {
            None => {
                let mut out = Vec::new();
                let mut counts = (0, 0);
                let name = parts.name.clone();
                for part in parts.by_ref() {
                    let written = self.write_part(&part?, &name, &mut out);
                    counts = add(
                        counts,
                        written.map_err(|e| match e {
                            WriteFailure::Failed(failure) => failure,
                            WriteFailure::Io(e) => Failure(format!("<stdout>: {e}")),
                        })?,
                    );
                }
                report.stdout = out;
                ("<stdout>".to_owned(), counts)
            }
            Some(dest) => (display_path(&dest), self.write(&mut parts, &dest)?),
        };
        report.proposals = applied + below;
        report.fixes = applied;
        report.files = usize::from(applied > 0);
        let c = context.streams().err;
        report.stderr = format!(
            "{} → {}: {} applied",
            c.paint(render::style::PATH, &parts.name),
            c.paint(render::style::PATH, &target),
            plural(applied, "fix", "fixes"),
        );
        if below > 0 {
            report.stderr.push_str(&format!(
                " ({below} more below {:.2}, see `transfix check`)",
                self.min_score
            ));
        }
        report.stderr.push('\n');
        Ok(report)
    }

    fn finish(&self, _: &Report, _: &Streams, _: bool) -> Outcome {
        Outcome::Clean
    }
}
