//! Command line: clap definitions, orchestration of the modes, and the exit-code policy.
//!
//! The dictionaries are loaded and the inputs checked together first; then each transcript is
//! read, matched and written on its own. A file that fails says why and leaves no partial
//! output; the others still complete, and the exit status is 1. With `-j N`, N workers do the
//! reading and matching; whatever they finish first, output comes in input order.

mod dict;
mod index_cache;
mod input;
mod mode;
mod progress;
mod render;
mod review;
mod stream;
mod walk;
mod workers;
mod write;

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use transfix::transcript::ReadOptions;
use transfix::{Dictionary, Index, Matcher};

use crate::cli::mode::{Check, Context, Diff, Fix, Mode, Report};
use crate::cli::walk::Source;

pub(crate) use crate::cli::input::{
    Input, display_path, io_message, is_stdin, read_inputs, stdin_at_most_once, transcript_failure,
};
pub(crate) use crate::cli::mode::corrected_path;
use crate::cli::progress::Progress;
use crate::cli::render::Colors;
use crate::cli::workers::{Budget, Ordered, Pending, Pool, in_scope};
pub(crate) use crate::cli::write::{keep_backup, write_atomic, write_atomic_with};

/// Where dictionaries are read from when no `--dict` is given.
const DEFAULT_DICT_DIR: &str = "dictionaries";
/// Where `dict add`, `dict import` and `dict suggest --add` put new entries when no `--dict`
/// is given: a file of its own, so the shipped ones stay as they were.
const DEFAULT_DICT_FILE: &str = "local.toml";
/// Where `fix` writes corrected copies by default.
pub(crate) const DEFAULT_OUT_DIR: &str = "corrected";

const EXAMPLES: &str = "\
Examples:
  transfix fix seeds/talk.txt              write corrected/talk.txt (fixes scoring >= 0.80)
  transfix check seeds/talk.txt            list every proposal, with the source line
  transfix check --explain --min-score 0.5 talk.srt
  transfix diff talk.vtt | git apply       apply the auto fixes as a patch
  transfix --dict names.toml fix - < in.txt > out.txt

Exit status: 0 nothing to propose (check, diff) or success (fix), 2 proposals found
(check, diff), 1 error.
Dictionaries: every *.toml of ./dictionaries/, unless --dict is given.";

/// Correct mis-transcribed names and terms in automatic transcripts, from name dictionaries.
#[derive(Debug, Parser)]
#[command(name = "transfix", version, after_help = EXAMPLES, arg_required_else_help = true)]
pub struct Cli {
    /// Dictionary file; repeat for several. Replaces the default ./dictionaries/*.toml
    #[arg(long = "dict", value_name = "FILE", global = true)]
    dicts: Vec<PathBuf>,

    /// Character encoding of the transcripts: utf-8, utf-16le, utf-16be, windows-1252,
    /// latin-1 [default: from the BOM, else utf-16 if every other byte is NUL, else utf-8]
    #[arg(long, value_name = "NAME", global = true, value_parser = parse_encoding)]
    encoding: Option<transfix::transcript::Encoding>,

    /// Layout of the transcripts: timed, srt, vtt, plain, whisper-json [default: detected]
    #[arg(long, value_name = "FORMAT", global = true, value_parser = parse_format_in)]
    format_in: Option<transfix::Format>,

    /// Only the --dict files (or ./dictionaries/): leave out the personal layer in
    /// $XDG_CONFIG_HOME/transfix/dictionaries
    #[arg(long, global = true)]
    isolated: bool,

    /// Build the index of large dictionaries afresh, not from $XDG_CACHE_HOME/transfix
    #[arg(long, global = true)]
    no_cache: bool,

    /// When to use colours (NO_COLOR is honoured with `auto`)
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto, global = true)]
    color: ColorWhen,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Report every proposed fix as a diagnostic (exit 2 if there is any)
    #[command(after_help = "\
Shows everything a review would show (--min-score defaults to 0) and marks with `auto-fix`
the proposals `transfix fix` applies by default (score >= 0.80); the others say `review`.

A directory is walked for transcripts (*.srt, *.vtt, *.txt, Whisper *.json; .gitignore and
hidden files are left out); output keeps the input order whatever -j is.

Examples:
  transfix check talk.srt
  transfix check --format brief --min-score 0.8 *.txt
  transfix check --format json talk.vtt | jq .replacement
  transfix check -j 4 talks/")]
    Check(CheckArgs),

    /// Print the fixes `fix` would apply as a unified diff (exit 2 if not empty)
    #[command(after_help = "\
The diff has `a/` and `b/` headers: apply it with `git apply` or `patch -p1`.

Examples:
  transfix diff talk.txt
  transfix diff --min-score 0.6 talk.txt > talk.patch && git apply talk.patch
  transfix diff talks/ > talks.patch")]
    Diff(DiffArgs),

    /// Write corrected copies of transcripts (never the input itself unless --in-place)
    #[command(after_help = "\
Examples:
  transfix fix talk.txt                       writes corrected/talk.txt
  transfix fix --out-dir out --min-score 0 *.srt
  transfix fix --in-place talk.vtt
  transfix fix - < talk.txt > fixed.txt       `-` reads stdin, writes stdout
  transfix fix -j 4 talks/                    talks/day1/a.srt -> corrected/day1/a.srt
  transfix fix --jsonl < in.jsonl > out.jsonl {\"id\": ..., \"text\": ...} a line, same order

--jsonl: each line's `text` is corrected (as plain text unless --format-in), every other field
is written back as it was, and `fixes` lists the fixes applied (start/end in characters of the
input text). A bad line gives {\"id\": ..., \"error\": ...} in its place and exit status 1;
blank lines are skipped.")]
    Fix(FixArgs),

    /// Accept or reject every proposed fix, one keystroke each; the dictionaries learn
    #[command(after_help = "\
Shows each proposal in its caption with the change as a word diff. Keys: y accept, n reject,
s skip, e edit then accept, u undo, Y/N accept/reject every remaining one with the same text
and term, A/R every remaining one in the file, ? help, q save and quit.

Each decision is written to a journal next to the corrected file (.NAME.review.jsonl) as it
is made: a killed review loses nothing, and the next review of the same, unchanged file
resumes at the first undecided proposal. When the review ends the corrected file is written
(corrected/NAME by default) and the dictionaries learn: accepted forms become `aliases`,
rejected ones `never` (--no-learn to keep them as they are).

Without a terminal, answers are read one a line from stdin: y, n, s, e NEW TEXT, u, Y, N,
A, R, q.

Examples:
  transfix review talk.srt
  printf 'y\\nn\\ne Ada Lovelace\\nq\\n' | transfix review talk.txt")]
    Review(ReviewArgs),

    /// Keep the dictionaries up to date: add, alias, never, remove, rename, list, show,
    /// import, lint, suggest
    Dict(crate::cli::dict::DictArgs),

    /// Print a shell completion script
    #[command(
        after_help = "Example:\n  transfix completions bash > ~/.local/share/bash-completion/completions/transfix"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Transcripts to check (`-` reads stdin), or directories to walk
    #[arg(required = true, value_name = "FILE|DIR")]
    files: Vec<PathBuf>,

    #[command(flatten)]
    batch: BatchArgs,

    /// Output format: `text` (with the source line), `brief` (one line each) or `json` (one
    /// object per line)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// Add the reasons behind each proposal (text and brief formats)
    #[arg(long)]
    explain: bool,

    /// Only show proposals scoring at least this (0 to 1)
    #[arg(long, value_name = "SCORE", default_value_t = 0.0, value_parser = parse_score)]
    min_score: f64,
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// Transcripts to diff (`-` reads stdin), or directories to walk
    #[arg(required = true, value_name = "FILE|DIR")]
    files: Vec<PathBuf>,

    #[command(flatten)]
    batch: BatchArgs,

    /// Apply proposals scoring at least this (0 to 1)
    #[arg(long, value_name = "SCORE", default_value_t = transfix::matcher::AUTO_APPLY, value_parser = parse_score)]
    min_score: f64,
}

#[derive(Debug, Args)]
struct FixArgs {
    /// Transcripts to correct (`-` reads stdin and writes the corrected text to stdout), or
    /// directories to walk
    #[arg(required_unless_present = "jsonl", value_name = "FILE|DIR")]
    files: Vec<PathBuf>,

    /// Directory for the corrected copies (a directory's tree is kept below it), created if
    /// missing [default: corrected]
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,

    /// Read JSON lines {"id": ..., "text": ...} from stdin and write each with its text
    /// corrected and its "fixes", in the same order, one line each (for Spark, Hadoop)
    #[arg(long, conflicts_with_all = ["files", "out_dir", "in_place"])]
    jsonl: bool,

    /// Apply proposals scoring at least this (0 to 1; 0 applies all)
    #[arg(long, value_name = "SCORE", default_value_t = transfix::matcher::AUTO_APPLY, value_parser = parse_score)]
    min_score: f64,

    /// Overwrite the input files with their corrected text
    #[arg(long, conflicts_with = "out_dir")]
    in_place: bool,

    /// With --in-place: keep the original as FILE.bak (written before the input is replaced)
    #[arg(long, requires = "in_place")]
    backup: bool,

    #[command(flatten)]
    batch: BatchArgs,
}

/// How a batch runs.
#[derive(Debug, Args)]
struct BatchArgs {
    /// Files (and pieces of long files) worked on at once; output order stays the input
    /// order [default: one per core]
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    jobs: Option<u16>,

    /// No progress bar (it is only ever drawn on a terminal, for several or long files)
    #[arg(long)]
    no_progress: bool,
}

impl BatchArgs {
    fn jobs(&self) -> usize {
        self.jobs.map_or_else(
            || std::thread::available_parallelism().map_or(1, usize::from),
            usize::from,
        )
    }
}

#[derive(Debug, Args)]
struct ReviewArgs {
    /// Transcripts to review
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Directory for the corrected copies, created if missing [default: corrected]
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,

    /// Write the corrected text over the input once every proposal is decided
    #[arg(long, conflicts_with = "out_dir")]
    in_place: bool,

    /// With --in-place: keep the original as FILE.bak (written before the input is replaced)
    #[arg(long, requires = "in_place")]
    backup: bool,

    /// Review only proposals scoring at least this (0 to 1)
    #[arg(long, value_name = "SCORE", default_value_t = transfix::matcher::MIN_SCORE, value_parser = parse_score)]
    min_score: f64,

    /// Leave the dictionaries as they are
    #[arg(long)]
    no_learn: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Text,
    Brief,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

fn parse_encoding(s: &str) -> Result<transfix::transcript::Encoding, String> {
    s.parse()
}

fn parse_format_in(s: &str) -> Result<transfix::Format, String> {
    s.parse()
}

fn parse_score(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{s} is not between 0 and 1"))
    }
}

// ---------------------------------------------------------------------------------------------
// Exit-code policy

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

/// Exit status: 0 clean or success, 2 proposals found, 1 error (usage errors included).
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 1 } else { 0 });
        }
    };
    anstream::ColorChoice::write_global(match cli.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    });
    let streams = Streams::detect();
    match run(cli, &streams) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Found) => ExitCode::from(2),
        Ok(Outcome::Failed) => ExitCode::from(1),
        Err(failure) => {
            streams.error(&failure);
            ExitCode::from(1)
        }
    }
}

/// Colour decisions for stdout and stderr, and raw writes to them.
pub(crate) struct Streams {
    pub(crate) out: Colors,
    pub(crate) err: Colors,
}

impl Streams {
    fn detect() -> Self {
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

fn run(cli: Cli, streams: &Streams) -> Result<Outcome, Failure> {
    let read_options = ReadOptions {
        encoding: cli.encoding,
        format: cli.format_in,
    };
    let (mode, batch): (Box<dyn Mode>, BatchArgs) = match cli.command {
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "transfix", &mut script);
            streams.stdout(&script)?;
            return Ok(Outcome::Clean);
        }
        Command::Check(args) => (
            Box::new(Check {
                format: args.format,
                explain: args.explain,
                min_score: args.min_score,
                files: args.files,
            }),
            args.batch,
        ),
        Command::Diff(args) => (
            Box::new(Diff {
                min_score: args.min_score,
                files: args.files,
            }),
            args.batch,
        ),
        Command::Review(args) => {
            let review = crate::cli::review::Review {
                files: args.files,
                out_dir: args.out_dir,
                in_place: args.in_place,
                backup: args.backup,
                learn: !args.no_learn,
                min_score: args.min_score,
                read: read_options,
            };
            let layers = Layers::resolve(&cli.dicts, cli.isolated)?;
            return crate::cli::review::run(&review, &layers.load()?, streams);
        }
        Command::Dict(args) => {
            let layers = Layers::resolve(&cli.dicts, cli.isolated)?;
            return crate::cli::dict::run(args, &layers, read_options, streams);
        }
        Command::Fix(args) if args.jsonl => {
            if read_options.encoding.is_some() {
                return Err(Failure(
                    "--jsonl reads UTF-8 JSON lines: --encoding does not apply".to_owned(),
                ));
            }
            let index = Index::build(&Layers::resolve(&cli.dicts, cli.isolated)?.load()?);
            let stream = crate::cli::stream::Stream {
                matcher: &Matcher::new(&index),
                format: read_options.format.unwrap_or(transfix::Format::Plain),
                min_score: args.min_score,
                jobs: args.batch.jobs(),
            };
            return stream.run(streams);
        }
        Command::Fix(args) => (
            Box::new(Fix {
                out_dir: args.out_dir,
                min_score: args.min_score,
                in_place: args.in_place,
                backup: args.backup,
                files: args.files,
            }),
            args.batch,
        ),
    };
    let layers = Layers::resolve(&cli.dicts, cli.isolated)?;
    // Never dropped: freeing a large index piece by piece takes longer than the process's
    // exit, which hands the memory back at once.
    let index =
        std::mem::ManuallyDrop::new(crate::cli::index_cache::index(&layers, !cli.no_cache)?);
    stdin_at_most_once(mode.files())?;
    let inputs = crate::cli::walk::collect(mode.files(), mode.avoid().as_deref());
    mode.prepare(&inputs.sources)?;
    let matcher = Matcher::new(&index);
    let sizes: Vec<u64> = inputs.sources.iter().map(|s| input_size(&s.path)).collect();
    let progress = Progress::new(!batch.no_progress, &sizes);
    let jobs = batch.jobs();
    let shared = Shared {
        matcher: &matcher,
        options: read_options,
        streams,
        progress: &progress,
        // Pieces of long files read ahead, over what each open file holds: two per worker.
        budget: &Budget::new(2 * jobs),
        jobs,
    };
    let mut run = Run::default();
    for failure in &inputs.errors {
        streams.error(failure);
        run.errors += 1;
    }
    for dir in &inputs.empty {
        streams.stderr(&format!("{}: no transcripts found\n", display_path(dir)));
    }
    let pool = crate::cli::workers::pool(jobs).map_err(Failure)?;
    let stopped = in_scope(pool.as_ref(), |scope| {
        run.files(mode.as_ref(), &inputs.sources, &sizes, &shared, scope)
    });
    progress.finish();
    stopped?;
    let outcome = mode.finish(&run.totals, streams, inputs.is_batch());
    if inputs.is_batch() {
        streams.stderr(&run.table(mode.as_ref(), inputs.skipped));
    }
    Ok(if run.errors > 0 {
        Outcome::Failed
    } else {
        outcome
    })
}

/// What every input is read and matched with, whichever thread does it.
pub(crate) struct Shared<'s> {
    pub(crate) matcher: &'s Matcher<'s>,
    pub(crate) options: ReadOptions,
    pub(crate) streams: &'s Streams,
    pub(crate) progress: &'s Progress,
    pub(crate) budget: &'s Budget,
    pub(crate) jobs: usize,
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
        let mut columns = vec![("files", self.files), ("skipped", skipped)];
        columns.extend(mode.columns(&self.totals));
        columns.push(("errors", self.errors));
        let widths: Vec<usize> = (columns.iter())
            .map(|(name, n)| name.len().max(n.to_string().len()))
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

// ---------------------------------------------------------------------------------------------
// Inputs

/// The dictionary files in effect, by layer: `--dict` files or `./dictionaries/*.toml`, then
/// (unless `--isolated`) the personal layer, `*.toml` of `$XDG_CONFIG_HOME/transfix/dictionaries`.
pub(crate) struct Layers {
    pub(crate) layers: Vec<Vec<PathBuf>>,
    /// Where new entries go: the first `--dict` file, or `dictionaries/local.toml`.
    pub(crate) target: PathBuf,
}

impl Layers {
    pub(crate) fn resolve(dicts: &[PathBuf], isolated: bool) -> Result<Self, Failure> {
        let (base, target) = if dicts.is_empty() {
            let dir = Path::new(DEFAULT_DICT_DIR);
            if !dir.is_dir() {
                return Err(Failure::at(
                    &format!("{DEFAULT_DICT_DIR}/"),
                    "no such directory; put name dictionaries (*.toml) there or pass --dict FILE",
                ));
            }
            let files = Dictionary::files_in(dir).map_err(|e| Failure(e.to_string()))?;
            (files, dir.join(DEFAULT_DICT_FILE))
        } else {
            (dicts.to_vec(), dicts[0].clone())
        };
        let mut layers = vec![base];
        if let Some(dir) = personal_dir().filter(|d| d.is_dir() && !isolated) {
            // An empty personal directory is no error: it is optional.
            layers.extend(Dictionary::files_in(&dir).ok());
        }
        Ok(Layers { layers, target })
    }

    pub(crate) fn files(&self) -> impl Iterator<Item = &PathBuf> {
        self.layers.iter().flatten()
    }

    pub(crate) fn load(&self) -> Result<Dictionary, Failure> {
        Dictionary::load_layers(&self.layers).map_err(|e| Failure(e.to_string()))
    }
}

/// The personal dictionary layer: `$XDG_CONFIG_HOME/transfix/dictionaries`, or
/// `~/.config/transfix/dictionaries`.
pub(crate) fn personal_dir() -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(config.join("transfix").join("dictionaries"))
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn scores_outside_0_1_are_refused() {
        assert_eq!(parse_score("0.5"), Ok(0.5));
        assert!(parse_score("1.5").is_err());
        assert!(parse_score("-0").is_ok());
        assert!(parse_score("x").is_err());
        assert!(parse_score("NaN").is_err());
    }
}
