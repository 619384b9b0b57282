//! A batch of `check`, `diff` or `fix`: the inputs named or walked, each read and matched by
//! the `-j N` workers, their output printed in input order as they complete, and the closing
//! table. A file that fails says why and leaves no partial output; the others still complete,
//! and the run ends as [`Outcome::Failed`].

use std::cell::RefCell;
use std::path::Path;

use transfix::transcript::ReadOptions;
use transfix::{Index, Matcher};

use crate::cli::common::{Failure, Outcome, Streams, display_path};
use crate::cli::context::{Context, Shared};
use crate::cli::input::{is_stdin, stdin_at_most_once};
use crate::cli::mode::{Mode, Report};
use crate::cli::progress::Progress;
use crate::cli::walk::{self, Batch, Source};
use crate::cli::workers::{self, Budget, Ordered, Pending, Pool, in_scope};

/// How the batch runs, from the command line.
pub(crate) struct Settings {
    pub(crate) options: ReadOptions,
    /// Worker threads (`-j`).
    pub(crate) jobs: usize,
    /// Whether a progress bar may be drawn (it is only on a terminal).
    pub(crate) progress: bool,
}

/// Runs `mode` over its inputs, matched against `index`.
pub(crate) fn run(
    mode: &dyn Mode,
    index: &Index,
    settings: Settings,
    streams: &Streams,
) -> Result<Outcome, Failure> {
    stdin_at_most_once(mode.files())?;
    let inputs = walk::collect(mode.files(), mode.avoid().as_deref());
    mode.prepare(&inputs.sources)?;
    let matcher = Matcher::new(index);
    let sizes: Vec<u64> = inputs.sources.iter().map(|s| input_size(&s.path)).collect();
    let progress = Progress::new(settings.progress, &sizes);
    let jobs = settings.jobs;
    let shared = Shared {
        matcher: &matcher,
        options: settings.options,
        streams,
        progress: &progress,
        // Pieces of long files read ahead, over what each open file holds: two per worker.
        budget: &Budget::new(2 * jobs),
        jobs,
    };
    let mut run = Run::default();
    run.walked(&inputs, streams);
    let pool = workers::pool(jobs).map_err(Failure)?;
    let stopped = in_scope(pool.as_ref(), |scope| {
        run.files(mode, &inputs.sources, &sizes, &shared, scope)
    });
    progress.finish();
    stopped?;
    let outcome = mode.finish(&run.totals, streams, inputs.is_batch());
    if inputs.is_batch() {
        streams.stderr(&run.table(mode, inputs.skipped));
    }
    Ok(if run.errors > 0 {
        Outcome::Failed
    } else {
        outcome
    })
}

/// One input's result and what was said about it on the way, printed when its turn comes.
struct Done {
    notes: String,
    result: Result<Report, Failure>,
}

/// The counts of a run so far.
#[derive(Default)]
struct Run {
    totals: Report,
    files: usize,
    errors: usize,
}

impl Run {
    /// What the walk met on the way: entries it could not read (errors of the batch) and
    /// named directories without a transcript (worth a word).
    fn walked(&mut self, inputs: &Batch, streams: &Streams) {
        for failure in &inputs.errors {
            streams.error(failure);
            self.errors += 1;
        }
        for dir in &inputs.empty {
            streams.stderr(&format!("{}: no transcripts found\n", display_path(dir)));
        }
    }

    /// Processes every input, at most `2 * jobs` at once, and prints their output in input
    /// order as they complete. Stops early only if stdout fails.
    fn files<'s>(
        &mut self,
        mode: &'s dyn Mode,
        sources: &'s [Source],
        sizes: &'s [u64],
        shared: &'s Shared<'s>,
        pool: Pool<'_, 's>,
    ) -> Result<(), Failure> {
        let mut ahead = Ordered::new(2 * shared.jobs);
        let mut next = sources.iter().zip(sizes);
        loop {
            while !ahead.is_full() {
                let Some((source, &size)) = next.next() else {
                    break;
                };
                ahead.push(Pending::submit(pool, move |pool| {
                    process(mode, source, size, shared, pool)
                }));
            }
            let Some(pending) = ahead.pop() else {
                return Ok(());
            };
            // Not `take`: this thread is not a worker, so that `-j N` means N threads of work.
            let done = pending.wait();
            shared
                .progress
                .suspend(|| self.print(done, shared.streams))?;
            shared.progress.file_done();
        }
    }

    fn print(&mut self, done: Done, streams: &Streams) -> Result<(), Failure> {
        self.files += 1;
        streams.stderr(&done.notes);
        match done.result {
            Ok(report) => {
                streams.stdout(&report.stdout)?;
                streams.stderr(&report.stderr);
                self.totals.add(&report);
            }
            Err(failure) => {
                streams.error(&failure);
                self.errors += 1;
            }
        }
        Ok(())
    }

    /// The closing table of a batch: one row of headers, one of counts.
    fn table(&self, mode: &dyn Mode, skipped: usize) -> String {
        let mut columns = vec![
            ("files", self.files.to_string()),
            ("skipped", skipped.to_string()),
        ];
        columns.extend(mode.columns(&self.totals));
        columns.push(("errors", self.errors.to_string()));
        let widths: Vec<usize> = (columns.iter())
            .map(|(name, n)| name.len().max(n.len()))
            .collect();
        let row = |cell: &dyn Fn(usize) -> String| {
            let cells: Vec<String> = (0..columns.len()).map(cell).collect();
            cells.join("  ") + "\n"
        };
        row(&|i| format!("{:>w$}", columns[i].0, w = widths[i]))
            + &row(&|i| format!("{:>w$}", columns[i].1, w = widths[i]))
    }
}

/// One input, on whichever thread: its output, buffered, and its notes.
fn process<'c, 's>(
    mode: &dyn Mode,
    source: &Source,
    size: u64,
    shared: &'c Shared<'s>,
    pool: Pool<'c, 's>,
) -> Done {
    let context = Context {
        shared,
        pool,
        format: shared.options.format.or(source.format),
        notes: RefCell::new(String::new()),
        ticket: shared.progress.start(&display_path(&source.path), size),
    };
    let result = mode.file(source, &context);
    Done {
        notes: context.notes.into_inner(),
        result,
    }
}

/// The size of an input, for the progress bar (0 for stdin or if unknown).
fn input_size(path: &Path) -> u64 {
    if is_stdin(path) {
        return 0;
    }
    std::fs::metadata(path).map_or(0, |m| m.len())
}
